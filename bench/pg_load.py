#!/usr/bin/env python3
"""The database's load per page view of a node on PostgreSQL (issue #20): every page of the
portal's sitemap is asked twice, once with the node's page cache empty and once from it, and
pg_stat_statements / pg_stat_database say how many statements, transactions and rows each view
cost the database.

    bench/pg_load.py --portal http://127.0.0.1:8080 --database postgres://letopis@127.0.0.1:5432/museum

The server must load pg_stat_statements (shared_preload_libraries = 'pg_stat_statements'); the
script creates the extension and resets its counts. Start the node with an empty page cache
(freshly started). Standard library and psql only.
"""

import argparse
import re
import subprocess
import time
import urllib.parse
import urllib.request


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--portal", required=True)
    p.add_argument("--database", required=True)
    args = p.parse_args()
    db = urllib.parse.urlsplit(args.database).path.lstrip("/")

    def q(sql):
        return subprocess.run(["psql", args.database, "-At", "-c", sql], capture_output=True, text=True,
                              check=True).stdout.strip()

    def get(path):
        return urllib.request.urlopen(args.portal + path).read().decode()

    q("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
    paths = []
    for loc in re.findall(r"<loc>(.*?)</loc>", get("/sitemap.xml")):
        part = get("/" + loc.split("/", 3)[3])
        paths += ["/" + u.split("/", 3)[3] for u in re.findall(r"<loc>(.*?)</loc>", part)]
    print(f"{len(paths)} pages of the sitemap")

    def counts():
        calls = int(q("SELECT coalesce(sum(calls), 0) FROM pg_stat_statements "
                      f"WHERE dbid = (SELECT oid FROM pg_database WHERE datname = '{db}')"))
        row = q("SELECT xact_commit + xact_rollback, tup_returned, tup_fetched FROM pg_stat_database "
                f"WHERE datname = '{db}'").split("|")
        return [calls] + [int(x) for x in row]

    q("SELECT pg_stat_statements_reset()")
    for label in ["first view of each page (the node's page cache empty)", "second view (from the page cache)"]:
        before, started = counts(), time.monotonic()
        for path in paths:
            get(path)
        elapsed = time.monotonic() - started
        time.sleep(1.5)  # the statistics collector's delay
        after, n = counts(), len(paths)
        d = [(a - b) / n for a, b in zip(after, before)]
        print(f"{label}: {d[0]:.1f} statements, {d[1]:.1f} transactions, {d[2]:.0f} rows returned, "
              f"{d[3]:.0f} rows fetched per page; {n / elapsed:.0f} pages/s one at a time")
    print("most frequent statements (calls, mean ms, text):")
    print(q("SELECT calls, round(mean_exec_time::numeric, 3), left(regexp_replace(query, '\\s+', ' ', 'g'), 80) "
            f"FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = '{db}') "
            "ORDER BY calls DESC LIMIT 8"))


if __name__ == "__main__":
    main()
