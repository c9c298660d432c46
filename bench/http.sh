#!/usr/bin/env bash
# HTTP load on a 100,000-person demo base: API person GET and person page throughput, latency and
# the server's resident memory. Needs `wrk` (Debian package) and a release build.
#
#   bench/http.sh [PERSONS] [DURATION]      e.g. bench/http.sh 100000 15s
#
# Results are printed; copy them into bench/RESULTS.md with the date and the machine.
set -euo pipefail
cd "$(dirname "$0")/.."

PERSONS=${1:-100000}
DURATION=${2:-15s}
DATA=${LETOPIS_BENCH_DATA:-bench/out/base-$PERSONS}
PORT=${LETOPIS_BENCH_PORT:-18080}
BIN=target/release/letopis

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
cargo build --release --locked -p letopis >/dev/null

if [ ! -f "$DATA/letopis.db" ]; then
  echo "== generating a $PERSONS-person demo base into $DATA"
  /usr/bin/time -f "generation: %e s wall, %M KB max RSS" \
    "$BIN" demo --data "$DATA" --persons "$PERSONS" --generate-only
fi

start=$(date +%s%N)
"$BIN" serve --data "$DATA" --bind "127.0.0.1:$PORT" 2>bench/out/serve.log &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null; do sleep 0.01; done
echo "start to first served request: $(( ($(date +%s%N) - start) / 1000000 )) ms"
rss() { awk '/VmRSS/ {print $2 " " $3}' "/proc/$pid/status"; }
echo "RSS after start: $(rss)"

# Public persons and interviews to rotate through.
curl -fs "http://127.0.0.1:$PORT/api/v1/persons?per_page=100&page=7" \
  | python3 -c 'import json,sys; print("\n".join(str(i["id"]) + " " + i["slug"] for i in json.load(sys.stdin)["items"]))' \
  > bench/out/persons.txt
curl -fs "http://127.0.0.1:$PORT/api/v1/interviews?per_page=100" \
  | python3 -c 'import json,sys; print("\n".join(i["slug"] for i in json.load(sys.stdin)["items"]))' \
  > bench/out/interviews.txt
python3 - <<'PY' > bench/out/rotate.lua
rows = [l.split() for l in open("bench/out/persons.txt")]
interviews = [l.strip() for l in open("bench/out/interviews.txt") if l.strip()]
q = lambda xs: ",".join(f'"{x}"' for x in xs)
print(f"""
ids = {{{q(r[0] for r in rows)}}}
slugs = {{{q(r[1] for r in rows)}}}
interviews = {{{q(interviews)}}}
n = 0
mode = os.getenv("MODE") or "api"
request = function()
  n = n + 1
  if mode == "api" then
    return wrk.format("GET", "/api/v1/persons/" .. ids[(n % #ids) + 1])
  elseif mode == "person" then
    return wrk.format("GET", "/persons/" .. slugs[(n % #slugs) + 1])
  elseif mode == "interview" then
    return wrk.format("GET", "/interviews/" .. interviews[(n % #interviews) + 1])
  else
    return wrk.format("GET", "/")
  end
end
""")
PY

for mode in api person interview home; do
  echo "== $mode, one connection (≈ server render time + loopback): wrk -t1 -c1 -d$DURATION"
  MODE=$mode wrk -t1 -c1 -d"$DURATION" --latency -s bench/out/rotate.lua "http://127.0.0.1:$PORT" \
    | grep -E 'Requests/sec|50%|99%|Non-2xx'
  echo "== $mode, keep-alive load: wrk -t1 -c16 -d$DURATION (no page cache)"
  MODE=$mode wrk -t1 -c16 -d"$DURATION" --latency -s bench/out/rotate.lua "http://127.0.0.1:$PORT" \
    | grep -E 'Requests/sec|50%|99%|Non-2xx'
  echo "RSS after $mode load: $(rss)"
done

# Page weight (bytes a browser transfers before media) is measured in a real browser:
#   cargo bench -p letopis-browser-tests --bench page_weight --profile dev
