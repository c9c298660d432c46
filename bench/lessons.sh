#!/usr/bin/env bash
# Lessons and tours (issue #17) under load on the demo museum: the published kits' list, a kit's
# page, its presentation and worksheet (a QR code drawn per request), a class link (school mode,
# never kept by the page cache) and an image detail cut on request. Needs `wrk`, `sqlite3` (Debian
# packages) and a release build. Results are printed; copy them into bench/RESULTS.md.
#
#   bench/lessons.sh [DURATION] [CONNECTIONS]      e.g. bench/lessons.sh 10s 16
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/wrk-row.sh

DURATION=${1:-10s}
CONNECTIONS=${2:-16}
DATA=${LETOPIS_BENCH_DATA:-bench/out/lessons-demo}
PORT=${LETOPIS_BENCH_PORT:-18087}
BIN=target/release/letopis

for tool in wrk sqlite3 curl; do
  command -v "$tool" >/dev/null || { echo "$tool is needed: apt-get install $tool" >&2; exit 1; }
done
cargo build --release --locked -p letopis >/dev/null

if [ ! -f "$DATA/letopis.db" ]; then
  echo "== generating the demo museum (300 persons, its lessons and tour) into $DATA"
  "$BIN" demo --data "$DATA" --generate-only 2>/dev/null
  # A class link for the bench, as a teacher makes one: 12+, open for a year.
  kit=$(sqlite3 "$DATA/letopis.db" "SELECT id FROM lesson_kits WHERE purpose = 'lesson' AND state = 'published' ORDER BY id LIMIT 1")
  sqlite3 "$DATA/letopis.db" "INSERT OR IGNORE INTO class_links (code, kit, max_age, expires_on, created_at)
    VALUES ('BENCH2', $kit, 12, date('now', '+365 days'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
fi
slug=$(sqlite3 "$DATA/letopis.db" "SELECT slug FROM lesson_kits WHERE purpose = 'lesson' AND state = 'published' ORDER BY id LIMIT 1")
tour=$(sqlite3 "$DATA/letopis.db" "SELECT slug FROM lesson_kits WHERE purpose = 'tour' LIMIT 1")
detail=$(sqlite3 "$DATA/letopis.db" "SELECT json_extract(b.value, '\$.material.sha256') || '/detail?crop=' ||
    printf('%.1f,%.1f,%.1f,%.1f', json_extract(b.value, '\$.material.crop.x'), json_extract(b.value, '\$.material.crop.y'),
           json_extract(b.value, '\$.material.crop.w'), json_extract(b.value, '\$.material.crop.h'))
  FROM lesson_kits k, json_each(k.body, '\$.blocks') b
  WHERE json_extract(b.value, '\$.material.type') = 'detail' LIMIT 1")

"$BIN" serve --data "$DATA" --bind "127.0.0.1:$PORT" 2>bench/out/lessons-serve.log &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null; do sleep 0.05; done
rss() { awk '/VmRSS/ {print $2 " " $3}' "/proc/$pid/status"; }
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); RSS after start: $(rss)"

echo "| page | req/s | p50 | p99 | bytes |"
echo "|---|---|---|---|---|"
for path in "/lessons" "/lessons/$slug" "/lessons/$slug/present" "/lessons/$slug/worksheet?class=BENCH2" \
            "/class/BENCH2" "/tours/$tour" "/media/$detail"; do
  wrk_row "http://127.0.0.1:$PORT$path" "$path"
done
echo "RSS after the runs: $(rss)"
