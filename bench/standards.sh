#!/usr/bin/env bash
# The open-standards endpoints (issue #19) on a 100,000-person demo base: a whole OAI-PMH
# harvest (every record, following resumption tokens), the public exports (persons as
# spreadsheet CSV, JSON Lines and Dublin Core), IIIF (info.json, a kept tile, new regions of
# many pictures, which decode; the demo's pictures are small, 360×480) and a /metrics scrape, with the server's resident memory. Needs `wrk`,
# `curl`, `sqlite3` (Debian packages), python3 and a release build. Results are printed; copy
# them into bench/RESULTS.md with the date and the load.
#
#   bench/standards.sh [PERSONS] [DURATION] [CONNECTIONS]     e.g. bench/standards.sh 100000 10s 16
#   bench/standards.sh --smoke                                 (CI: the 300-person demo, 1 s runs)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/wrk-row.sh

if [ "${1:-}" = "--smoke" ]; then
  PERSONS=300 DURATION=1s CONNECTIONS=4 PROFILE=debug
else
  PERSONS=${1:-100000} DURATION=${2:-10s} CONNECTIONS=${3:-16} PROFILE=release
fi
DATA=${LETOPIS_BENCH_DATA:-bench/out/base-$PERSONS}
PORT=${LETOPIS_BENCH_PORT:-18091}
BIN=${CARGO_TARGET_DIR:-target}/$PROFILE/letopis

for tool in wrk sqlite3 curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is needed: apt-get install $tool" >&2; exit 1; }
done
if [ "$PROFILE" = release ]; then
  cargo build --release --locked -p letopis >/dev/null
else
  cargo build --locked -p letopis >/dev/null
fi
mkdir -p bench/out
if [ ! -f "$DATA/letopis.db" ]; then
  echo "== generating a $PERSONS-person demo base into $DATA"
  "$BIN" demo --data "$DATA" --persons "$PERSONS" --generate-only 2>/dev/null
fi

"$BIN" serve --data "$DATA" --bind "127.0.0.1:$PORT" 2>bench/out/standards-serve.log &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null; do
  kill -0 "$pid" 2>/dev/null || { echo "the portal did not start: $(tail -2 bench/out/standards-serve.log)" >&2; exit 1; }
  sleep 0.05
done
base="http://127.0.0.1:$PORT"
# The index follows the base in the background; measure once it has caught up.
until curl -fs "$base/metrics" | awk '/^letopis_search_index_lag /{exit !($2 == 0)}'; do sleep 0.5; done
rss() { awk '/VmRSS/ {print $2 " " $3}' "/proc/$pid/status"; }
peak() { awk '/VmHWM/ {print $2 " " $3}' "/proc/$pid/status"; }
echo "$(date -u +%FT%TZ) $(git rev-parse --short HEAD), $PERSONS persons; load: $(cut -d' ' -f1-3 /proc/loadavg); RSS after start: $(rss)"

echo
echo "== OAI-PMH: a whole harvest, as an aggregator makes it"
python3 - "$base" <<'PY'
import re, sys, time, urllib.parse, urllib.request
base = sys.argv[1]
def harvest(first):
    """Follows resumption tokens from `first` to the end; counts the entries (a <record> of a
    ListRecords, a <header> of a ListIdentifiers) and the deleted ones."""
    verb = first.split("&")[0]
    entry = "<header" if verb == "verb=ListIdentifiers" else "<record>"
    records = deleted = answers = 0
    query, started = first, time.monotonic()
    while True:
        with urllib.request.urlopen(f"{base}/oai?{query}") as r:
            xml = r.read().decode()
        answers += 1
        if "<error" in xml:
            raise SystemExit(f"OAI error: {xml[:300]}")
        records += xml.count(entry)
        deleted += xml.count('status="deleted"')
        token = re.search(r"<resumptionToken[^>]*>([^<]+)</resumptionToken>", xml)
        if not token:
            return records, deleted, answers, time.monotonic() - started
        query = f"{verb}&resumptionToken=" + urllib.parse.quote(token.group(1))
print("| harvest | records (deleted) | answers | seconds | records/s |")
print("|---|---|---|---|---|")
for label, first in [
    ("ListRecords oai_dc, everything", "verb=ListRecords&metadataPrefix=oai_dc"),
    ("ListIdentifiers, everything", "verb=ListIdentifiers&metadataPrefix=oai_dc"),
    ("ListRecords, set kind:person", "verb=ListRecords&metadataPrefix=oai_dc&set=kind:person"),
]:
    records, deleted, answers, seconds = harvest(first)
    print(f"| {label} | {records} ({deleted}) | {answers} | {seconds:.1f} | {records / seconds:,.0f} |")
PY
echo "RSS after the harvests: $(rss), peak so far $(peak)"

echo
echo "== exports (one download at a time, as a visitor takes them)"
echo "| file | bytes | seconds | MB/s |"
echo "|---|---|---|---|"
for path in /export/persons.csv /export/persons.jsonl /export/persons.dc.xml /export/items.jsonl; do
  read -r code size secs < <(curl -s -o /dev/null -w '%{http_code} %{size_download} %{time_total}\n' "$base$path")
  [ "$code" = 200 ] || { echo "$path answered $code" >&2; exit 1; }
  echo "| \`$path\` | $size | $secs | $(python3 -c "print(f'{$size / 1e6 / $secs:.1f}')") |"
done
echo "RSS after the exports: $(rss), peak so far $(peak)"

echo
echo "== IIIF and the rest, under load ($CONNECTIONS connections, $DURATION each)"
shas=$(sqlite3 "$DATA/letopis.db" "SELECT DISTINCT m.sha256 FROM record_media m JOIN records r ON r.id = m.record_id
  WHERE r.kind = 'item' AND r.workflow = 'published' ORDER BY r.id LIMIT 60" \
  | while read -r sha; do
      [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/iiif/image/$sha/info.json")" = 200 ] && echo "$sha"
    done)
[ -n "$shas" ] || { echo "no public picture answers info.json" >&2; exit 1; }
one=$(head -1 <<<"$shas")
person=$(curl -fs "$base/api/v1/persons?per_page=100&page=2" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
repository=$(curl -fs "$base/oai?verb=Identify" | sed -n 's:.*<repositoryIdentifier>\([^<]*\)</repositoryIdentifier>.*:\1:p')
echo "(pictures with a public image service among the first 60 items: $(wc -l <<<"$shas"))"
python3 - "$shas" > bench/out/iiif-tiles.lua <<'PY'
import sys
shas = sys.argv[1].split()
print("shas = {" + ",".join(f'"{s}"' for s in shas) + "}")
print("""n = 0
request = function()
  n = n + 1
  -- A different region each time (more than the 256 answers kept), so pictures are decoded.
  local x = (n * 7) % 97
  return wrk.format("GET", "/iiif/image/" .. shas[(n % #shas) + 1] .. "/" .. x .. ",0,200,200/200,/0/default.jpg")
end""")
PY
echo "| request | req/s | p50 | p99 | bytes |"
echo "|---|---|---|---|---|"
wrk_row "$base/iiif/image/$one/info.json" "/iiif/image/{sha}/info.json"
wrk_row "$base/iiif/image/$one/0,0,256,256/256,/0/default.jpg" "/iiif/image/{sha}/0,0,256,256/256,/0/default.jpg (one tile, kept)"
wrk_row "$base/iiif/image/$one/full/max/0/default.jpg" "/iiif/image/{sha}/full/max/0/default.jpg"
out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/out/iiif-tiles.lua "$base")
errors=$(awk '/Non-2xx|Socket errors/' <<<"$out")
[ -z "$errors" ] || { echo "tiles of many pictures: $errors" >&2; exit 1; }
echo "| tiles of $(wc -l <<<"$shas") pictures in turn, each region new (decoded) | $(awk '/Requests\/sec/ {print $2}' <<<"$out") | $(awk '$1 == "50%" {print $2}' <<<"$out") | $(awk '$1 == "99%" {print $2}' <<<"$out") | |"
rss_tiles=$(rss)
if curl -fs "$base/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:$repository:person/$person" | grep -q '<error'; then
  echo "GetRecord of person $person answers an OAI error" >&2; exit 1
fi
wrk_row "$base/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:$repository:person/$person" "/oai GetRecord (a person)"
wrk_row "$base/oai?verb=ListRecords&metadataPrefix=oai_dc" "/oai ListRecords (the first answer)"
rss_lists=$(rss)
wrk_row "$base/iiif/persons/$person/manifest" "/iiif/persons/{id}/manifest" 2>/dev/null \
  || echo "| \`/iiif/persons/{id}/manifest\` | (this person has no pictures) | | | |"
wrk_row "$base/api/v1/persons/$person" "/api/v1/persons/{id} (every request counted by /metrics)"
wrk_row "$base/metrics" "/metrics (a scrape)"
echo "RSS after the decoded tiles: $rss_tiles; after the ListRecords run: $rss_lists"
echo "RSS after the runs: $(rss), peak $(peak)"
sleep 15
echo "RSS 15 s after the load: $(rss)"
