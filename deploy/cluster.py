#!/usr/bin/env python3
"""Two Letopis nodes behind nginx on one PostgreSQL and one S3-compatible store (issue #20), as a
city's IT department would run them, and what their users must not notice:

1. a person published through node A (with a portrait uploaded through both) is on node B's
   page, in its search and in its sitemap within one second;
2. a withdrawal through node B is gone from node A's page, its search, its page cache and its
   media at once (the next request);
3. an upload started on node A and resumed on node B completes, and both serve the file;
4. node A killed with SIGKILL loses nothing acknowledged, and the portal (through nginx) goes on
   answering every request from node B.

Everything is real and local: a throwaway PostgreSQL cluster (`initdb` in the work directory),
SeaweedFS's `weed server`, nginx, and the letopis binary given.

    deploy/cluster.py --bin target/debug/letopis [--work DIR]

Prints each check with its measured time; exit status 1 when one fails. Standard library only
(the studio's HTTP steps are bench/crash.py's).
"""

import argparse
import glob
import hashlib
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench"))
from crash import Client, Session, png, set_password, sign_in, upload_once, word  # noqa: E402

ACCESS_KEY, SECRET_KEY = "letopis-cluster", "letopis-cluster-secret-1941"
KEYS = {"AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY}
# The budgets of issue #20.
SEEN_WITHIN = 1.0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, what, proc=None, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise SystemExit(f"{what} exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{what} did not listen on {port} within {seconds} s")


def pg_binary(name):
    found = shutil.which(name)
    if found:
        return found
    for path in sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True):
        return path
    raise SystemExit(f"no {name}: install PostgreSQL's server binaries (apt-get install postgresql)")


class Postgres:
    """A throwaway cluster; as root it runs as `nobody`, as PostgreSQL insists."""

    def __init__(self, work, settings="fsync = off\n"):
        """`settings`: lines added to postgresql.conf (a benchmark runs with fsync on)."""
        self.dir = os.path.join(work, "pg")
        os.makedirs(self.dir)
        self.port = free_port()
        self.run_as = []
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            os.chown(work, nobody.pw_uid, nobody.pw_gid)
            os.chown(self.dir, nobody.pw_uid, nobody.pw_gid)
            self.run_as = ["runuser", "-u", "nobody", "--"]
        data = os.path.join(self.dir, "data")
        subprocess.run(self.run_as + [pg_binary("initdb"), "-A", "trust", "-U", "letopis", "--no-sync",
                                      "-D", data], check=True, capture_output=True)
        with open(os.path.join(data, "postgresql.conf"), "a") as conf:
            conf.write(f"port = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                       f"unix_socket_directories = '{self.dir}'\n{settings}")
        subprocess.run(self.run_as + [pg_binary("pg_ctl"), "-D", data, "-l", os.path.join(self.dir, "log"),
                                      "-w", "start"], check=True, capture_output=True)
        self.data = data
        subprocess.run(self.run_as + [pg_binary("createdb"), "-h", "127.0.0.1", "-p", str(self.port),
                                      "-U", "letopis", "museum"], check=True, capture_output=True)
        self.url = f"postgres://letopis@127.0.0.1:{self.port}/museum"

    def stop(self):
        subprocess.run(self.run_as + [pg_binary("pg_ctl"), "-D", self.data, "-m", "immediate", "stop"],
                       capture_output=True)


class Weed:
    def __init__(self, work):
        self.dir = os.path.join(work, "weed")
        os.makedirs(os.path.join(self.dir, "data"))
        config = os.path.join(self.dir, "s3.json")
        with open(config, "w") as f:
            json.dump({"identities": [{"name": "letopis", "credentials": [
                {"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}, f)
        self.s3 = free_port()
        ports = [f"-{name}={free_port()}" for name in (
            "master.port", "master.port.grpc", "volume.port", "volume.port.grpc", "filer.port",
            "filer.port.grpc", "s3.port.grpc")]
        log = open(os.path.join(self.dir, "log"), "w")
        self.proc = subprocess.Popen(
            ["weed", "server", f"-dir={self.dir}/data", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", *ports,
             f"-s3.port={self.s3}", "-filer", "-s3", "-volume.max=20", f"-s3.config={config}",
             "-master.telemetry=false", "-master.volumeSizeLimitMB=64", "-s3.port.iceberg=0",
             "-s3.port.lance=0"], stdout=log, stderr=log, stdin=subprocess.DEVNULL)
        wait_port(self.s3, "weed server", self.proc)
        time.sleep(3)  # the volume server joins the master after the gateway answers
        self.media = f"s3://museum?endpoint=http://127.0.0.1:{self.s3}"

    def stop(self):
        self.proc.kill()
        self.proc.wait()


class Node:
    def __init__(self, name, args, work, pg, weed):
        self.name, self.bin = name, args.bin
        self.data = os.path.join(work, name)
        os.makedirs(self.data, exist_ok=True)
        self.port = free_port()
        self.common = ["--data", self.data, "--database", pg.url, "--media", weed.media]
        self.env = dict(os.environ, **KEYS)
        self.proc = None
        self.client = Client(self.port)

    def start(self):
        self.log = open(os.path.join(self.data, "serve.log"), "a")
        self.proc = subprocess.Popen([self.bin, "serve", *self.common, "--bind", f"127.0.0.1:{self.port}"],
                                     env=self.env, stdout=self.log, stderr=self.log)
        wait_port(self.port, f"node {self.name}", self.proc)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            status, _, _, _ = self.client.request("GET", "/healthz")
            if status == 200:
                return
            time.sleep(0.2)
        raise SystemExit(f"node {self.name} not healthy")

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()


def nginx(work, nodes):
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    root = os.path.join(work, "nginx")
    os.makedirs(os.path.join(root, "logs"))
    port = free_port()
    servers = "\n".join(f"        server 127.0.0.1:{n.port} max_fails=1 fail_timeout=10s;" for n in nodes)
    with open(os.path.join(root, "nginx.conf"), "w") as f:
        f.write(f"""pid {root}/nginx.pid;
error_log {root}/logs/error.log;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    upstream letopis {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 10m;
        location / {{
            proxy_pass http://letopis;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_buffering off;
            proxy_next_upstream error timeout http_502 non_idempotent;
            proxy_connect_timeout 2s;
        }}
    }}
}}
""")
    proc = subprocess.Popen([binary, "-p", root, "-c", os.path.join(root, "nginx.conf"), "-g", "daemon off;"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_port(port, "nginx", proc)
    return proc, Client(port)


def follow(client, path, headers=None):
    """GET, following the portal's own redirects (an id to its slug)."""
    for _ in range(5):
        status, hdrs, _, body = client.request("GET", path, None, headers or {})
        if status in (301, 302, 303, 307, 308):
            path = urllib.parse.urlsplit(hdrs["location"]).path
            continue
        return status, path, body
    return status, path, body


def search_total(client, w):
    status, _, _, body = client.request("GET", "/api/v1/search?" + urllib.parse.urlencode({"q": w}))
    return json.loads(body).get("total", 0) if status == 200 else -1


def until(check, seconds):
    """Polls `check` until it is true; returns the seconds it took, or None."""
    started = time.monotonic()
    while True:
        if check():
            return time.monotonic() - started
        if time.monotonic() - started > seconds:
            return None
        time.sleep(0.02)


def main():
    p = argparse.ArgumentParser(description="two nodes behind nginx (issue #20)")
    p.add_argument("--bin", required=True)
    p.add_argument("--work")
    args = p.parse_args()
    args.bin = os.path.abspath(args.bin)
    work = args.work or tempfile.mkdtemp(prefix="letopis-cluster-")
    os.makedirs(work, exist_ok=True)
    failures = []
    started = time.monotonic()

    def check(ok, what):
        print(("ok    " if ok else "FAIL  ") + what, flush=True)
        if not ok:
            failures.append(what)

    pg = weed = proxy = None
    nodes = []
    try:
        pg, weed = Postgres(work), Weed(work)
        a, b = Node("node-a", args, work, pg, weed), Node("node-b", args, work, pg, weed)
        nodes = [a, b]
        links = {}
        for email, role in [("vol@cluster.test", "volunteer"), ("exp@cluster.test", "expert")]:
            out = subprocess.run([args.bin, "user", "add", "--email", email, "--role", role, "--name", role,
                                  "--link", *a.common], env=a.env, check=True, capture_output=True,
                                 text=True).stdout
            links[email] = out[out.index("/studio/set-password/"):].split()[0]
        a.start()
        b.start()
        proxy, through = nginx(work, nodes)
        for link in links.values():
            set_password(through, link)
        vol, exp = sign_in(through, "vol@cluster.test"), sign_in(through, "exp@cluster.test")
        # Sessions are in the base: the same cookies hold on either node.
        on = {n.name: (Session(n.client, vol.cookie, vol.csrf), Session(n.client, exp.cookie, exp.csrf))
              for n in nodes}
        vol_a, exp_a = on["node-a"]
        vol_b, exp_b = on["node-b"]

        # 3. An upload begun on A and finished on B.
        data = png(320, 240, 1941)
        entry = {}
        first = len(data) // 3
        status, _, _, body = vol_a.c.request(
            "POST", "/studio/uploads", json.dumps({"name": "portrait.png", "size": len(data)}),
            {"cookie": vol.cookie, "x-csrf-token": vol.csrf, "content-type": "application/json"})
        entry["upload"] = json.loads(body)["id"]
        status, _, _, body = vol_a.c.request(
            "PATCH", f"/studio/uploads/{entry['upload']}", data[:first],
            {"cookie": vol.cookie, "x-csrf-token": vol.csrf, "upload-offset": "0"})
        check(status == 200 and json.loads(body).get("offset") == first,
              f"upload: the first piece ({first} bytes) taken by node A")
        upload_once(vol_b, "portrait.png", data, 64 * 1024, entry, resume_from=first)
        sha = entry["info"]["sha256"]
        check(entry.get("acked") is True, f"upload: resumed and completed on node B ({len(data)} bytes)")
        check(entry["info"]["original"] == hashlib.sha256(data).hexdigest(),
              "upload: the original assembled from both nodes' pieces is the file sent, byte for byte")
        for node, (v, _) in on.items():
            status, _, _, _ = v.get(f"/studio/uploads/{entry['upload']}")
            check(status == 404, f"upload: {node} holds nothing of it unfinished ({status})")

        # 1. Published through A: on B's page, search and sitemap within a second.
        w = word(20, 1941)
        for path in ("/persons", "/sitemap.xml", "/search?q=" + urllib.parse.quote(w)):
            b.client.request("GET", path)  # B's caches hold the state before the publication
        status, headers, _, body = vol_a.post("/studio/persons/new", [
            ("surname", "Кластеров"), ("given_name", "Иван"), ("patronymic", "Петрович"), ("sex", "male"),
            ("birth", "1915"), ("death", "1942"), ("fate", "killed"), ("portrait", sha),
            ("biography", f"{w}. Призван Химкинским РВК, погиб под Ржевом.")])
        check(status == 303, f"create on node A answered {status}")
        rid = int(headers["location"].split("/studio/records/")[1].split("?")[0])
        rec = f"/studio/records/{rid}"
        vol_a.post(f"{rec}/workflow", [("to", "in_review")])
        exp_a.post(f"{rec}/consents", [("kind", "public_interest"), ("granted_by", "Рабочая группа"),
                                       ("signed_on", "2025-05-09"), ("note", "Протокол кластера")])
        status, _, _, _ = exp_a.post(f"{rec}/workflow", [("to", "published")])
        check(status == 303, f"publish on node A answered {status}")
        published = time.monotonic()
        page = {}

        def on_b_page():
            status, path, body = follow(b.client, f"/persons/{rid}")
            page.update(path=path, body=body)
            return status == 200 and "Кластеров" in body.decode(errors="replace")

        took = until(on_b_page, 5)
        check(took is not None and took <= SEEN_WITHIN, "published on A: B's page after "
              + (f"{took:.3f} s" if took is not None else "more than 5 s"))
        took = until(lambda: search_total(b.client, w) == 1, 5)
        check(took is not None and time.monotonic() - published <= SEEN_WITHIN + 0.2,
              f"published on A: B's search finds it {time.monotonic() - published:.3f} s after")

        def in_sitemap():
            _, _, _, index = b.client.request("GET", "/sitemap.xml")
            for part in index.decode().split("<loc>")[1:]:
                path = urllib.parse.urlsplit(part.split("</loc>")[0]).path
                _, _, _, xml = b.client.request("GET", path)
                if page.get("path", "~") in xml.decode():
                    return True
            return False

        took = until(in_sitemap, 5)
        check(took is not None and time.monotonic() - published <= SEEN_WITHIN + 0.5,
              f"published on A: in B's sitemap {time.monotonic() - published:.3f} s after")
        status, _, _, photo = b.client.request("GET", f"/media/{sha}")
        _, _, _, on_a = a.client.request("GET", f"/media/{sha}")
        check(status == 200 and len(photo) > 0 and photo == on_a,
              f"published on A: B serves its portrait from the bucket ({status}, {len(photo)} bytes, as A)")

        # 2. Withdrawn through B: gone from A at once (A's page cache held it).
        for _ in range(3):
            follow(a.client, page["path"])
        status, _, _, cached = a.client.request("GET", page["path"])
        check(status == 200, "A serves the page before the withdrawal")
        status, _, _, body = exp_b.post(f"{rec}/workflow", [("to", "withdrawn")])
        check(status == 303, f"withdrawal on node B answered {status}")
        status, _, _, _ = a.client.request("GET", page["path"])
        check(status in (404, 410), f"withdrawn on B: A's page answers {status} at once")
        check(search_total(a.client, w) == 0, "withdrawn on B: A's search does not show it at once")
        status, _, _, _ = a.client.request("GET", f"/media/{sha}")
        check(status == 404, f"withdrawn on B: A's media answers {status} at once")

        # 4. A killed in the middle of reads and writes through nginx.
        stop = threading.Event()
        answers, written, refused = [], [], []

        def reader():
            paths = ["/", "/persons", "/search?q=" + urllib.parse.quote("Кластеров")]
            while not stop.is_set():
                for path in paths:
                    try:
                        answers.append(through.request("GET", path)[0])
                    except OSError as e:
                        answers.append(str(e))

        def writer():
            n = 0
            while not stop.is_set():
                n += 1
                try:
                    status, headers, _, _ = vol.post("/studio/persons/new", [
                        ("surname", "Узлов"), ("given_name", f"Пётр {n}"), ("sex", "male"),
                        ("birth", "1920"), ("biography", word(20, 1945, n))])
                except OSError as e:
                    refused.append(str(e))
                    continue
                if status == 303:
                    written.append(int(headers["location"].split("/studio/records/")[1].split("?")[0]))
                else:
                    refused.append(status)

        workers = [threading.Thread(target=reader), threading.Thread(target=writer)]
        for t in workers:
            t.start()
        time.sleep(1.5)
        a.kill()
        killed_after = len(answers)
        time.sleep(2.5)
        stop.set()
        for t in workers:
            t.join()
        check(answers and all(x == 200 for x in answers),
              f"A killed: {len(answers)} reads through nginx ({len(answers) - killed_after} after the kill), "
              f"answers {sorted(set(map(str, answers)))}")
        check(not refused and len(written) > 2,
              f"A killed: {len(written)} writes through nginx acknowledged, refused {refused[:3]}")
        missing = [r for r in written + [rid] if vol.get(f"/studio/records/{r}")[0] != 200]
        check(not missing, f"A killed: every acknowledged record is there (missing {missing})")
        # Scheduled jobs ran through their leases in the base, one holder each.
        out = subprocess.run(pg.run_as + [pg_binary("psql"), "-h", "127.0.0.1", "-p", str(pg.port), "-U", "letopis",
                                          "-d", "museum", "-At", "-c", "SELECT job FROM leases ORDER BY job"],
                             capture_output=True, text=True).stdout.split()
        check(out == ["audience-refresh", "purges"], f"scheduled jobs took their leases: {out}")
        a.start()
        status, _, _, _ = a.client.request("GET", "/healthz")
        check(status == 200, "A restarted over the same base and serves again")
    finally:
        for node in nodes:
            node.kill()
        if proxy:
            proxy.send_signal(signal.SIGQUIT)  # the master stops its workers
            try:
                proxy.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proxy.kill()
        if weed:
            weed.stop()
        if pg:
            pg.stop()
    print(f"{len(failures)} failed, {time.monotonic() - started:.1f} s; logs in {work}")
    if failures:
        sys.exit(1)
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
