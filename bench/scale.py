#!/usr/bin/env python3
"""A whole museum moved up to PostgreSQL and back down, and a node on PostgreSQL under the 9 May
mix (issue #20), on the 100,000-person base of bench/peak.sh:

1. `letopis migrate --from sqlite:BASE --to postgres://…` into a throwaway cluster (fsync on),
   timed; the command compares every table itself;
2. a node on the SQLite base and a node on PostgreSQL (its own data directory, its search index
   built by itself at start) are asked for every page of the sitemap, every media file those
   pages show, a set of searches (HTML and JSON) — all must be byte for byte the same — and
   `letopis stats` must say the same of both;
3. `letopis migrate --from postgres://… --from-media file:BASE/media --to sqlite:DOWN` back down,
   originals copied, and the same comparison between the original and the copy;
4. with `--peak N`: N alternating rounds of bench/peak.sh on the SQLite base and on PostgreSQL,
   each reporting throughput, latency, memory and the CPU the node and PostgreSQL used.

    bench/scale.py --bin target/release/letopis --base bench/out/peak-100000-1000 [--peak 2]

Exit status 1 on any difference. Standard library only; needs PostgreSQL's server binaries (the
cluster runs as `nobody` when run as root), and `wrk` for --peak.
"""

import argparse
import concurrent.futures
import hashlib
import http.client
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "deploy"))
from cluster import Postgres, free_port, wait_port  # noqa: E402

# Searches a visitor types: surnames in several case forms, given names with a year, a place,
# a word of a transcript; each asked as a page and through the API.
SEARCHES = ["Иванов", "Иванова", "Иванову", "Петрова Мария", "Соколов 1942", "Кузнецов Иван",
            "Смирнова", "Волков", "Volkov", "Абрамов Геннадий", "письмо", "эвакуация", "госпиталь",
            "Лебедев 1943", "Морозова Анна", "партизан", "Новиков", "пропал без вести", "Сталинград",
            "Попова"]


class Client:
    """One keep-alive connection per thread to one node."""

    def __init__(self, port):
        self.port = port
        self.local = threading.local()

    def get(self, path):
        for attempt in range(3):
            conn = getattr(self.local, "conn", None)
            if conn is None:
                conn = self.local.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                return response.status, response.read()
            except (http.client.HTTPException, OSError):
                conn.close()
                self.local.conn = None
                if attempt == 2:
                    raise


class Node:
    def __init__(self, name, binary, args, work):
        self.name = name
        self.port = free_port()
        self.log = open(os.path.join(work, f"{name}.log"), "w")
        self.proc = subprocess.Popen([binary, "serve", *args, "--bind", f"127.0.0.1:{self.port}"],
                                     stdout=self.log, stderr=self.log)
        wait_port(self.port, f"node {name}", self.proc, seconds=120)
        self.client = Client(self.port)
        started = time.monotonic()
        # A node on a base new to it builds its own search index first.
        while True:
            status, body = self.client.get("/metrics")
            if status == 200 and re.search(rb"^letopis_search_index_lag 0$", body, re.M):
                break
            time.sleep(0.5)
        self.ready_after = time.monotonic() - started

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


def run(cmd, **kw):
    started = time.monotonic()
    out = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], capture_output=True, text=True, **kw)
    if out.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{out.stdout}\n{out.stderr}")
    maxrss = int(out.stderr.strip().splitlines()[-1])
    return out.stdout, time.monotonic() - started, maxrss // 1024


def sitemap(client):
    def locs(path):
        status, body = client.get(path)
        assert status == 200, (path, status)
        return ["/" + u.split("/", 3)[3] for u in re.findall(r"<loc>(.*?)</loc>", body.decode())]

    paths = []
    for part in locs("/sitemap.xml"):
        paths += locs(part)
    return paths


def same_museum(a, b, threads=4):
    """Every page, media file and search of node a as node b serves it; returns the counts."""
    started = time.monotonic()
    pages = sitemap(a.client)
    if sitemap(b.client) != pages:
        sys.exit(f"the sitemaps of {a.name} and {b.name} differ")
    searches = []
    for q in SEARCHES:
        quoted = urllib.parse.quote(q)
        searches += [f"/search?q={quoted}", f"/api/v1/search?q={quoted}"]
    media, lock, differences = set(), threading.Lock(), []

    def strip(body, node):
        """A page names its own portal's address, plainly and percent-encoded (share links)."""
        for form in (f"127.0.0.1:{node.port}", f"127.0.0.1%3A{node.port}"):
            body = body.replace(form.encode(), b"ADDRESS")
        return body

    def compare(path):
        (sa, ba), (sb, bb) = a.client.get(path), b.client.get(path)
        if sa != 200 or (sa, strip(ba, a)) != (sb, strip(bb, b)):
            at = next((i for i, (x, y) in enumerate(zip(ba, bb)) if x != y), min(len(ba), len(bb)))
            with lock:
                differences.append(f"{path}: {sa} {len(ba)} bytes / {sb} {len(bb)} bytes, from byte {at}: "
                                   f"{ba[at:at + 60]!r} / {bb[at:at + 60]!r}")
            return
        if path.startswith("/media/"):
            return
        found = {"/media/" + re.split(r"[\"?, ]", m)[0] for m in re.findall(r'"/media/([^"]+)"', ba.decode())}
        with lock:
            media.update(found)

    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        list(pool.map(compare, pages + searches))
        files = sorted(media)
        list(pool.map(compare, files))
    if differences:
        print(f"{len(differences)} differences between {a.name} and {b.name}, the first:")
        for d in differences[:20]:
            print("  " + d)
        sys.exit(1)
    return len(pages), len(files), len(searches), time.monotonic() - started


def stats(binary, args):
    out = subprocess.run([binary, "stats", *args], capture_output=True, text=True, check=True).stdout
    return out.splitlines()[1:]  # the first line names where the base is


def node_dir(base, node):
    """A node's own data directory: the museum's settings and map files, no base."""
    os.makedirs(node, exist_ok=True)
    if os.path.exists(os.path.join(base, "letopis.toml")):
        shutil.copy(os.path.join(base, "letopis.toml"), node)
    if os.path.isdir(os.path.join(base, "map")):
        shutil.copytree(os.path.join(base, "map"), os.path.join(node, "map"), dirs_exist_ok=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", required=True)
    p.add_argument("--base", required=True, help="a museum's data directory on SQLite")
    p.add_argument("--work", help="where the cluster and the copies go (default: a temp dir)")
    p.add_argument("--peak", type=int, default=0, help="rounds of bench/peak.sh on each engine")
    p.add_argument("--no-compare", action="store_true", help="move up and run --peak only")
    args = p.parse_args()
    binary, base = os.path.abspath(args.bin), os.path.abspath(args.base)
    work = args.work or tempfile.mkdtemp(prefix="letopis-scale-")
    os.makedirs(work, exist_ok=True)
    load = lambda: open("/proc/loadavg").read().split()[:3]  # noqa: E731
    print(f"== work directory {work}; load average {' '.join(load())}")
    pg = Postgres(work, "shared_buffers = 512MB\nmax_connections = 300\n")
    nodes = []
    try:
        said, took, rss = run([binary, "migrate", "--from", f"sqlite:{base}", "--to", pg.url])
        print(said.strip())
        print(f"== up: {took:.1f} s, peak memory {rss} MB; load average {' '.join(load())}")
        size = subprocess.run(["psql", pg.url, "-At", "-c", "SELECT pg_database_size(current_database())"],
                              capture_output=True, text=True, check=True).stdout.strip()
        print(f"   the base in PostgreSQL: {int(size) / 1048576:.0f} MB; the SQLite file: "
              f"{os.path.getsize(os.path.join(base, 'letopis.db')) / 1048576:.0f} MB")
        media = f"file:{base}/media"
        node = os.path.join(work, "node")
        node_dir(base, node)
        on_pg = ["--data", node, "--database", pg.url, "--media", media]
        if not args.no_compare:
            if stats(binary, on_pg) != stats(binary, ["--data", base]):
                sys.exit("stats differ between the SQLite base and PostgreSQL")
            print("== stats: the same")
            a = Node("sqlite", binary, ["--data", base], work)
            nodes.append(a)
            b = Node("postgres", binary, on_pg, work)
            nodes.append(b)
            print(f"   the node on PostgreSQL built its search index in {b.ready_after:.1f} s")
            n, m, s, took = same_museum(a, b)
            print(f"== SQLite and PostgreSQL: {n} pages, {m} media files, {s} searches the same ({took:.0f} s)")
            b.stop()
            nodes.remove(b)

            down = os.path.join(work, "down")
            node_dir(base, down)
            said, took, rss = run([binary, "migrate", "--from", pg.url, "--from-media", media,
                                   "--to", f"sqlite:{down}"])
            print(said.strip())
            print(f"== down: {took:.1f} s, peak memory {rss} MB; load average {' '.join(load())}")
            if stats(binary, ["--data", down]) != stats(binary, ["--data", base]):
                sys.exit("stats differ between the SQLite base and its copy back down")
            print("== stats: the same")
            c = Node("down", binary, ["--data", down], work)
            nodes.append(c)
            n, m, s, took = same_museum(a, c)
            print(f"== SQLite and the copy back down: {n} pages, {m} media files, {s} searches the same "
                  f"({took:.0f} s)")
        for node_ in nodes:
            node_.stop()
        nodes = []
        here = os.path.dirname(os.path.abspath(__file__))
        for round_ in range(args.peak):
            for engine in ("postgres", "sqlite"):
                env = dict(os.environ, LETOPIS_BIN=binary, PEAK_DATA=base)
                if engine == "postgres":
                    env.update(PEAK_DATABASE=pg.url, PEAK_NODE=node)
                print(f"== round {round_ + 1}, {engine}", flush=True)
                subprocess.run([os.path.join(here, "peak.sh")], env=env, check=False)
    finally:
        for node_ in nodes:
            node_.stop()
        pg.stop()
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print("== all the same")


if __name__ == "__main__":
    main()
