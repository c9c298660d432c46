#!/usr/bin/env bash
# The 9 May benchmark (issue #15): a 100,000-person base with 1,000 hours of transcripts, the
# realistic mix of bench/lua/mix.lua (home, persons by popularity, searches of names in any case
# form, interview pages and their recordings in byte ranges, the memory book, the lists), 1,000
# concurrent connections for 60 s. Reports throughput, p50/p99 latency, errors (socket errors
# and answers other than 2xx/3xx, with the searches refused by the admission control — `503`
# with `Retry-After` — counted apart), the server's resident memory (peak, and after the load)
# and the page cache's hits.
#
#   bench/peak.sh                     the full run (generates the base once into bench/out/)
#   bench/peak.sh --smoke             CI's short check: a small base, 50 connections, 5 s
#   MIX=search CONNECTIONS=256 bench/peak.sh      the memory check: 256 concurrent searches
#                                     (each text new, so the page cache cannot answer) and pages
#
# Environment: PERSONS, HOURS, CONNECTIONS, DURATION, THREADS, MIX, LETOPIS_BIN (a built binary;
# default: build the release binary), LETOPIS_BENCH_PORT, PEAK_DATA (the base's directory).
# PEAK_DATABASE=postgres://… serves the same museum from PostgreSQL instead (issue #20; moved up
# with `letopis migrate`, see bench/scale.py): the node keeps its own search index and caches in
# PEAK_NODE (default bench/out/peak-node) and reads the originals from PEAK_DATA/media, and the
# report adds the CPU time PostgreSQL's processes spent; PEAK_PAGES_MB sets that node's page cache
# (`[cache] pages_mb`, default 32).
# Exits non-zero when there was any error. Needs `wrk` (Debian package), curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

SMOKE=0
[ "${1:-}" = "--smoke" ] && SMOKE=1
if ((SMOKE)); then
  PERSONS=${PERSONS:-300} HOURS=${HOURS:-2} CONNECTIONS=${CONNECTIONS:-50} DURATION=${DURATION:-5s}
else
  PERSONS=${PERSONS:-100000} HOURS=${HOURS:-1000} CONNECTIONS=${CONNECTIONS:-1000} DURATION=${DURATION:-60s}
fi
THREADS=${THREADS:-2}
export MIX=${MIX:-nine-may}
PORT=${LETOPIS_BENCH_PORT:-18180}
DATA=${PEAK_DATA:-bench/out/peak-$PERSONS-$HOURS}
OUT=bench/out/peak
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
  echo "== generating $PERSONS persons and $HOURS hours of transcript into $DATA"
  /usr/bin/time -f "generation: %e s wall, %M KB max RSS" \
    "$BIN" demo --data "$DATA" --persons "$PERSONS" --transcript-hours "$HOURS" --generate-only
  /usr/bin/time -f "search index: %e s wall, %M KB max RSS" "$BIN" reindex --data "$DATA"
fi

# 1,000 connections need 1,000 descriptors on each side, and some to spare.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

serve=(--data "$DATA")
if [ -n "${PEAK_DATABASE:-}" ]; then
  NODE=${PEAK_NODE:-bench/out/peak-node}
  mkdir -p "$NODE"
  cp "$DATA/letopis.toml" "$NODE/" 2>/dev/null || true
  [ -d "$DATA/map" ] && cp -r "$DATA/map" "$NODE/"
  # A cluster's node is a machine of its own and may keep more pages than a town's one server.
  [ -n "${PEAK_PAGES_MB:-}" ] && printf '\n[cache]\npages_mb = %s\n' "$PEAK_PAGES_MB" >>"$NODE/letopis.toml"
  serve=(--data "$NODE" --database "$PEAK_DATABASE" --media "file:$(cd "$DATA" && pwd)/media")
fi
"$BIN" serve "${serve[@]}" --bind "127.0.0.1:$PORT" 2>"$OUT/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null; do sleep 0.05; done
# A node on PostgreSQL builds its own search index at its first start: wait until it has.
until curl -fs "http://127.0.0.1:$PORT/metrics" | grep -q '^letopis_search_index_lag 0$'; do sleep 0.5; done
kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$pid/status"; }
idle=$(kb VmRSS)

# What the mix asks for, read from the base through the public API (so every URL answers 200).
python3 bench/peak_targets.py "http://127.0.0.1:$PORT" > "$OUT/targets.lua"
export TARGETS=$PWD/$OUT/targets.lua

# A minute of the site being visited before the crowd comes (the record and page caches
# hold what a morning's visitors asked for), at a tenth of the connections.
wrk -t1 -c"$((CONNECTIONS / 10 + 1))" -d"$((SMOKE ? 2 : 15))s" -s bench/lua/mix.lua \
  "http://127.0.0.1:$PORT" >/dev/null
# The counters come from /metrics (Prometheus text), which answers loopback clients.
health() { curl -fs "http://127.0.0.1:$PORT/metrics"; }
before=$(health)

# Resident memory once a second while the crowd is there.
# Each sample: resident, of it anonymous (the heap: what the kernel cannot take back), and
# file-backed (the mapped index and base: page cache the kernel reclaims under pressure).
(while kill -0 $pid 2>/dev/null; do echo "$(kb VmRSS) $(kb RssAnon) $(kb RssFile)"; sleep 1; done) \
  > "$OUT/rss.txt" &
sampler=$!
# CPU seconds the node and PostgreSQL's processes (when the base is there) have used so far.
cpu() {
  local ticks
  ticks=$(getconf CLK_TCK)
  awk -v t="$ticks" '{print ($14 + $15) / t}' "/proc/$pid/stat"
  # No PostgreSQL process: ps says nothing and fails, which pipefail must not take for an error.
  { ps -C postgres -o cputimes= 2>/dev/null || true; } | awk '{s += $1} END {print s + 0}'
}
cpu_before=$(cpu | paste -sd' ')
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s bench/lua/mix.lua \
  "http://127.0.0.1:$PORT" > "$OUT/wrk.txt"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
cpu_after=$(cpu | paste -sd' ')
after=$(health)
hwm=$(kb VmHWM)
sleep "$((SMOKE ? 2 : 10))"
settled=$(kb VmRSS)
kill $sampler 2>/dev/null || true

python3 - "$OUT/wrk.txt" "$OUT/rss.txt" "$before" "$after" "$cpu_before" "$cpu_after" <<PY
import re, sys
wrk = open(sys.argv[1]).read()
samples = [[int(x) for x in line.split()] for line in open(sys.argv[2]) if len(line.split()) == 3]
rss = [s[0] for s in samples]
peak = max(samples, default=[0, 0, 0])
def metrics(text):
    """Prometheus text format: one "name value" line a series (those read here have no labels)."""
    return {l.split()[0]: float(l.split()[1]) for l in text.splitlines() if l and not l.startswith("#") and "{" not in l}
before, after = metrics(sys.argv[3]), metrics(sys.argv[4])
def grab(pattern, default="0"):
    m = re.search(pattern, wrk)
    return m.group(1) if m else default
requests = int(grab(r"(\d+) requests in"))
non_2xx = int(grab(r"Non-2xx or 3xx responses: (\d+)"))
rate, p50, p99 = grab(r"Requests/sec:\s+([\d.]+)"), grab(r"50%\s+(\S+)"), grab(r"99%\s+(\S+)")
total = grab(r"(\d+) requests in")
sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", wrk)
socket_errors = sum(int(x) for x in sock.groups()) if sock else 0
refused = int(after["letopis_searches_refused_total"] - before["letopis_searches_refused_total"])
hits = int(after["letopis_page_cache_hits_total"] - before["letopis_page_cache_hits_total"])
misses = int(after["letopis_page_cache_misses_total"] - before["letopis_page_cache_misses_total"])
# A refusal can also end in a page that is not a 503 (a 404's similar records): never negative.
errors = max(0, non_2xx - refused) + socket_errors
cpu = [float(a) - float(b) for a, b in zip(sys.argv[6].split(), sys.argv[5].split())]
seconds = float(requests) / max(float(rate), 1e-9)
database = "${PEAK_DATABASE:-}"
cpu_line = f"node {cpu[0]:.1f} s ({cpu[0] / seconds:.2f} cores)"
if database:
    cpu_line += f", PostgreSQL {cpu[1]:.1f} s ({cpu[1] / seconds:.2f} cores, {1e6 * cpu[1] / max(requests, 1):.0f} µs a request)"
print(f"""== 9 May peak: mix {"$MIX"}, $CONNECTIONS connections, $THREADS wrk threads, $DURATION, {"$PERSONS"} persons, {"$HOURS"} hours of transcript, base {"PostgreSQL" if database else "SQLite"}
requests:             {requests} ({rate} req/s)
latency p50 / p99:    {p50} / {p99}
errors:               {errors} (socket errors {socket_errors}; non-2xx/3xx {non_2xx}, of which searches refused with 503: {refused})
page cache:           {hits} hits, {misses} misses ({100 * hits / max(1, hits + misses):.1f} % hits), {int(after["letopis_page_cache_pages"])} pages, {after["letopis_page_cache_bytes"] / 1048576:.1f} MB kept
CPU during the load:  {cpu_line}
resident memory:      idle $idle kB; under load max {max(rss or [0])} kB (anonymous {peak[1]} kB, mapped files {peak[2]} kB); VmHWM $hwm kB; after the load $settled kB
load average:         before $load_before, after $load_after""")
sys.exit(1 if errors else 0)
PY
