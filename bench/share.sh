#!/usr/bin/env bash
# Sharing, micro-districts and the conference (issue #18) under load on the demo museum: a
# person's share card, an interview fragment's embed, the oEmbed answer for it (all kept by the
# page cache after the first request), a micro-district's page and its A4 poster (a PDF drawn per
# request), and the conference's page (its programme and proceedings read per request). Needs
# `wrk`, `sqlite3`, `curl` (Debian packages) and a release build. Results are printed; copy them
# into bench/RESULTS.md.
#
#   bench/share.sh [DURATION] [CONNECTIONS]      e.g. bench/share.sh 10s 16
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/wrk-row.sh

DURATION=${1:-10s}
CONNECTIONS=${2:-16}
DATA=${LETOPIS_BENCH_DATA:-bench/out/share-demo}
PORT=${LETOPIS_BENCH_PORT:-18088}
BIN=${CARGO_TARGET_DIR:-target}/release/letopis

for tool in wrk sqlite3 curl; do
  command -v "$tool" >/dev/null || { echo "$tool is needed: apt-get install $tool" >&2; exit 1; }
done
cargo build --release --locked -p letopis >/dev/null
mkdir -p bench/out
if [ ! -f "$DATA/letopis.db" ]; then
  echo "== generating the demo museum (300 persons) into $DATA"
  "$BIN" demo --data "$DATA" --generate-only 2>/dev/null
fi
person=$(sqlite3 "$DATA/letopis.db" "SELECT slug FROM records WHERE kind = 'person' AND workflow = 'published' ORDER BY id LIMIT 1")
voice=$(sqlite3 "$DATA/letopis.db" "SELECT slug FROM records WHERE kind = 'interview' AND workflow = 'published' ORDER BY id LIMIT 1")

"$BIN" serve --data "$DATA" --bind "127.0.0.1:$PORT" 2>bench/out/share-serve.log &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null; do sleep 0.05; done
rss() { awk '/VmRSS/ {print $2 " " $3}' "/proc/$pid/status"; }
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); RSS after start: $(rss)"
base="http://127.0.0.1:$PORT"
oembed="/oembed?url=$(printf '%s' "$base/interviews/$voice?t=10,30" | sed 's/:/%3A/g; s#/#%2F#g; s/?/%3F/g; s/=/%3D/g; s/,/%2C/g')"

echo "| page | req/s | p50 | p99 | bytes |"
echo "|---|---|---|---|---|"
for path in "/persons/$person/card.jpg" "/embed/interviews/$voice?t=10,30" "$oembed" \
            "/districts" "/districts/skhodnya" "/districts/skhodnya/poster.pdf" \
            "/conference" "/conference/submit"; do
  wrk_row "$base$path" "$path"
done
echo "RSS after the runs: $(rss)"
