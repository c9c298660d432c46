#!/usr/bin/env python3
"""Makes the fixture `crates/letopis/tests/fixtures/release-<version>/` with which the upgrade
test (`crates/letopis/tests/upgrade.rs`) checks that this version takes over a base the
previous release made.

Run it with the previous release's binary (build it from its commit in a worktree):

    git worktree add /tmp/prev v0.1.0 && (cd /tmp/prev && cargo build -p letopis)
    tools/release-fixture.py /tmp/prev/target/debug/letopis

It generates that release's demo museum (100 persons), and keeps, besides its base (gzipped;
the media originals are left out, they are 60 MB and an upgrade does not touch them), what
that release showed of it: `letopis stats`, the title and the first heading of every page of
its sitemap, and the totals of a few searches. The upgrade test reads the same from the
migrated base and compares.
"""

import gzip
import html
import json
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

SEARCHES = ["Химки", "Москва", "медаль", "письмо", "госпиталь", "блокада"]


def heading(page: str) -> tuple[str, str]:
    """The page's <title> and first <h1>, as text with whitespace collapsed (the upgrade
    test's `heading` does the same)."""

    def text(fragment: str) -> str:
        return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", fragment)).split())

    title = re.search(r"<title[^>]*>(.*?)</title>", page, re.S)
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    return (text(title.group(1)) if title else "", text(h1.group(1)) if h1 else "")


def sitemap_paths(base: str) -> list[str]:
    paths, queue, seen = [], ["/sitemap.xml"], set()
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        with urllib.request.urlopen(base + path) as r:
            xml = r.read().decode()
        for loc in re.findall(r"<loc>(.*?)</loc>", xml):
            target = urllib.parse.urlsplit(html.unescape(loc))
            rel = target.path + (("?" + target.query) if target.query else "")
            if xml.lstrip().find("<sitemapindex") >= 0 or rel.endswith(".xml"):
                queue.append(rel)
            else:
                paths.append(rel)
    return sorted(set(paths))


def main() -> None:
    old = Path(sys.argv[1]).resolve()
    version = subprocess.run([old, "--version"], capture_output=True, text=True, check=True)
    number = version.stdout.split()[1]
    out = Path(__file__).resolve().parent.parent / "crates/letopis/tests/fixtures" / f"release-{number}"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        subprocess.run(
            [old, "demo", "--data", data, "--generate-only", "--persons", "100"],
            check=True,
            capture_output=True,
        )
        stats = subprocess.run([old, "stats", "--data", data], capture_output=True, text=True, check=True)
        (out / "stats.txt").write_text("\n".join(stats.stdout.splitlines()[1:]) + "\n")
        server = subprocess.Popen(
            [old, "serve", "--data", data, "--bind", "127.0.0.1:0"],
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            for line in server.stderr:
                if "http://" in line:
                    addr = line.split("http://")[1].split("/")[0].split()[0]
                    break
            base = f"http://{addr}"
            rows = []
            for path in sitemap_paths(base):
                try:
                    with urllib.request.urlopen(base + path) as r:
                        status, page = r.status, r.read().decode("utf-8", "replace")
                except urllib.error.HTTPError as e:
                    status, page = e.code, ""
                title, h1 = heading(page)
                rows.append("\t".join([path, str(status), title, h1]))
            (out / "pages.tsv").write_text("\n".join(rows) + "\n")
            totals = {}
            # And the surnames of the first persons, as a visitor searches for a hero.
            names = [r.split("\t")[3].split()[0] for r in rows if r.startswith("/persons/") and r.split("\t")[3]]
            for q in SEARCHES + names[:4]:
                url = f"{base}/api/v1/search?q={urllib.parse.quote(q)}"
                with urllib.request.urlopen(url) as r:
                    totals[q] = json.load(r)["total"]
            (out / "search.json").write_text(json.dumps(totals, ensure_ascii=False, indent=1) + "\n")
        finally:
            server.terminate()
            server.wait()
        db = data / "letopis.db"
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("VACUUM")
        conn.close()
        with open(db, "rb") as src, gzip.open(out / "letopis.db.gz", "wb", compresslevel=9) as dst:
            shutil.copyfileobj(src, dst)
    (out / "VERSION").write_text(version.stdout)
    print(f"written {out}: {len(rows)} pages")


if __name__ == "__main__":
    main()
