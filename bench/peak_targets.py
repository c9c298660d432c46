#!/usr/bin/env python3
"""Writes the URL tables of bench/lua/mix.lua (as Lua) from a running portal's public API, so
every URL the load asks for answers 200 (or 206): person slugs in list order (the load makes the
first ones the most popular), name searches in the case forms people type (Иванова, Иванову,
Пётр Иванов, Иванов 1942), interview slugs, recordings with their sizes (for byte ranges) and
the number of memory-book pages.

    bench/peak_targets.py http://127.0.0.1:18180 > targets.lua
"""
import json
import sys
import urllib.parse
import urllib.request

BASE = sys.argv[1]


def get(path):
    with urllib.request.urlopen(BASE + path, timeout=60) as r:
        return json.load(r)


def size_of(sha):
    request = urllib.request.Request(f"{BASE}/media/{sha}", method="HEAD")
    with urllib.request.urlopen(request, timeout=60) as r:
        return int(r.headers["Content-Length"])


persons, titles = [], []
for page in range(1, 31):
    items = get(f"/api/v1/persons?per_page=100&page={page}")["items"]
    if not items:
        break
    persons += [i["slug"] for i in items]
    titles += [i["title"] for i in items]

# Surnames in the forms a visitor types them: as written, the genitive/accusative «-а»,
# the dative «-у», with the given name before, with a year.
queries, given = [], []
for title in titles[:400]:
    words = title.split()
    if len(words) < 2:
        continue
    surname, first = words[0], words[1]
    given.append(first)
    if surname.endswith(("ов", "ев", "ин", "ын")):
        queries += [surname + "а", surname + "у"]
    queries += [surname, f"{first} {surname}", f"{surname} 1942"]
queries = list(dict.fromkeys(queries))
given = list(dict.fromkeys(given))

interviews, media = [], []
page = 1
while True:
    found = get(f"/api/v1/interviews?per_page=100&page={page}")
    items = found["items"]
    if not items:
        break
    interviews += [i["slug"] for i in items]
    page += 1
for slug_id in [i for i in get("/api/v1/interviews?per_page=100")["items"]][:40]:
    record = get(f"/api/v1/interviews/{slug_id['id']}")
    text = json.dumps(record)
    for recording in record.get("body", {}).get("recordings", []) or []:
        sha = (recording.get("media") or {}).get("sha256") or recording.get("sha256")
        if sha:
            media.append((sha, size_of(sha)))
    if not record.get("body", {}).get("recordings") and '"sha256"' in text:
        pass
media = list(dict.fromkeys(media))

book = get("/api/v1/persons?per_page=1&fate=killed")["total"]
book_pages = max(1, min(50, book // 40))


def lua_list(name, values):
    quoted = ",".join(json.dumps(v, ensure_ascii=False) for v in values)
    return f"{name} = {{{quoted}}}"


print(lua_list("persons", persons))
print(lua_list("queries", queries))
print(lua_list("given", given))
print(lua_list("interviews", interviews))
print("media = {" + ",".join(f'{{sha="{s}", size={n}}}' for s, n in media) + "}")
print(f"book_pages = {book_pages}")
print(
    f"-- {len(persons)} persons, {len(queries)} queries, {len(interviews)} interviews, "
    f"{len(media)} recordings, {book_pages} memory-book pages",
    file=sys.stderr,
)
if not (persons and queries and interviews and media):
    sys.exit("the base lacks persons, interviews or recordings for the mix")
