#!/usr/bin/env bash
# The soak (issue #15): ten minutes of the 9 May mix (bench/lua/mix.lua) at a steady load on the
# peak base, with a working group's edit every 20 seconds (a CSV import into the running portal,
# so the change feed drops cached pages and the index follows), resident memory sampled every
# 10 s. Passes with 0 errors and flat memory: reports the first, last and largest sample.
#
#   bench/soak.sh                 ten minutes, 100 connections, on bench/out/peak-100000-1000
#   bench/soak.sh --smoke         20 s on the smoke base (CI)
#
# Environment: DURATION (seconds), CONNECTIONS, LETOPIS_BIN, PEAK_DATA, LETOPIS_BENCH_PORT.
# The base is the one bench/peak.sh generates (run it first, or let --smoke generate its own).
set -euo pipefail
cd "$(dirname "$0")/.."

SMOKE=0
[ "${1:-}" = "--smoke" ] && SMOKE=1
if ((SMOKE)); then
  DURATION=${DURATION:-20} CONNECTIONS=${CONNECTIONS:-20} DATA=${PEAK_DATA:-bench/out/peak-300-2}
else
  DURATION=${DURATION:-600} CONNECTIONS=${CONNECTIONS:-100} DATA=${PEAK_DATA:-bench/out/peak-100000-1000}
fi
PORT=${LETOPIS_BENCH_PORT:-18181}
OUT=bench/out/soak
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
if [ -n "${LETOPIS_BIN:-}" ]; then
  BIN=$LETOPIS_BIN
elif ((SMOKE)); then
  # The test profile's dependencies are already built in CI; a release build would take minutes.
  cargo build --locked -p letopis >/dev/null
  BIN=${CARGO_TARGET_DIR:-target}/debug/letopis
else
  cargo build --release --locked -p letopis >/dev/null
  BIN=${CARGO_TARGET_DIR:-target}/release/letopis
fi
if [ ! -f "$DATA/letopis.db" ]; then
  ((SMOKE)) || { echo "no base at $DATA: run bench/peak.sh first" >&2; exit 1; }
  "$BIN" demo --data "$DATA" --persons 300 --transcript-hours 2 --generate-only
  "$BIN" reindex --data "$DATA"
fi
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

"$BIN" serve --data "$DATA" --bind "127.0.0.1:$PORT" 2>"$OUT/serve.log" &
pid=$!
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
until curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null; do sleep 0.05; done
kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$pid/status"; }
python3 bench/peak_targets.py "http://127.0.0.1:$PORT" > "$OUT/targets.lua"
export TARGETS=$PWD/$OUT/targets.lua MIX=nine-may
# The counters come from /metrics (Prometheus text), which answers loopback clients.
health() { curl -fs "http://127.0.0.1:$PORT/metrics"; }

# The working group: one person added, then corrected again and again by its CSV id.
edits() {
  local n=0
  while sleep 20; do
    n=$((n + 1))
    printf 'id,surname,given_name,patronymic,sex,birth,death,fate,biography\n' > "$OUT/edit.csv"
    printf 'soak-1,Проверочный,Иван,Петрович,m,1920,1943,killed,Правка номер %s.\n' "$n" >> "$OUT/edit.csv"
    "$BIN" import persons "$OUT/edit.csv" --data "$DATA" --publish \
      --public-interest "Проверка под нагрузкой" >>"$OUT/edits.log" 2>&1 || echo "edit $n failed" >>"$OUT/edits.log"
  done
}
edits &

before=$(health)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
(while kill -0 $pid 2>/dev/null; do echo "$(date +%s) $(kb VmRSS)"; sleep 10; done) > "$OUT/rss.txt" &
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -s bench/lua/mix.lua \
  "http://127.0.0.1:$PORT" > "$OUT/wrk.txt"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
after=$(health)
echo "$(date +%s) $(kb VmRSS)" >> "$OUT/rss.txt"

python3 - "$OUT/wrk.txt" "$OUT/rss.txt" "$before" "$after" "$OUT/edits.log" <<PY
import re, sys
wrk = open(sys.argv[1]).read()
samples = [int(l.split()[1]) for l in open(sys.argv[2]) if len(l.split()) == 2]
def metrics(text):
    """Prometheus text format: one "name value" line a series (those read here have no labels)."""
    return {l.split()[0]: float(l.split()[1]) for l in text.splitlines() if l and not l.startswith("#") and "{" not in l}
before, after = metrics(sys.argv[3]), metrics(sys.argv[4])
edit_failures = open(sys.argv[5]).read().count("failed") if __import__("os").path.exists(sys.argv[5]) else 0
def grab(pattern, default="0"):
    m = re.search(pattern, wrk)
    return m.group(1) if m else default
non_2xx = int(grab(r"Non-2xx or 3xx responses: (\d+)"))
rate, p50, p99 = grab(r"Requests/sec:\s+([\d.]+)"), grab(r"50%\s+(\S+)"), grab(r"99%\s+(\S+)")
total = grab(r"(\d+) requests in")
sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", wrk)
socket_errors = sum(int(x) for x in sock.groups()) if sock else 0
refused = int(after["letopis_searches_refused_total"] - before["letopis_searches_refused_total"])
# A refusal can also end in a page that is not a 503 (a 404's similar records): never negative.
errors = max(0, non_2xx - refused) + socket_errors + edit_failures
first, last, top = samples[0], samples[-1], max(samples)
print(f"""== soak: $CONNECTIONS connections for $DURATION s, an edit every 20 s
requests:          {total} ({rate} req/s), p50 {p50}, p99 {p99}
errors:            {errors} (socket {socket_errors}, non-2xx/3xx {non_2xx} of which 503 refused searches {refused}, failed edits {edit_failures})
resident memory:   first {first} kB, last {last} kB, max {top} kB ({len(samples)} samples, every 10 s)
load average:      before $load_before, after $load_after""")
sys.exit(1 if errors else 0)
PY
