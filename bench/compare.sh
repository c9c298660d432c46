#!/usr/bin/env bash
# Two builds of the portal, same base, same load, back to back: the before/after check of a
# refactoring (issue #14 asks that no page be slower by more than 5 %).
#
#   bench/compare.sh BEFORE_BIN AFTER_BIN [DURATION] [ROUNDS]
#
# Each binary serves its own copy of the 100,000-person base that `bench/http.sh` generates
# (bench/out/base-100000), so a newer build's migrations never touch the older build's copy.
# Rounds alternate before/after to spread the machine's drift over both. Needs `wrk`.
set -euo pipefail
cd "$(dirname "$0")/.."

BEFORE=${1:?before binary}
AFTER=${2:?after binary}
DURATION=${3:-8s}
ROUNDS=${4:-2}
BASE=${LETOPIS_BENCH_DATA:-bench/out/base-100000}
PORT=${LETOPIS_BENCH_PORT:-18081}
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

[ -f "$BASE/letopis.db" ] || { echo "no base at $BASE: run bench/http.sh first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

for name in before after; do
  mkdir -p "$WORK/$name"
  sqlite3 "$BASE/letopis.db" ".backup '$WORK/$name/letopis.db'"
  ln -s "$(realpath "$BASE/media")" "$WORK/$name/media"
  cp -r "$BASE/search" "$WORK/$name/search"
done

# The rotation script of bench/http.sh (persons, interviews, home, API).
[ -f bench/out/rotate.lua ] || { echo "bench/out/rotate.lua missing: run bench/http.sh once" >&2; exit 1; }

serve() { # binary data-dir
  "$1" serve --data "$2" --bind "127.0.0.1:$PORT" 2>"$2/serve.log" &
  pid=$!
  until curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null; do sleep 0.05; done
  # Warm the record cache and the page caches as a visitor would have.
  for mode in api person interview home; do
    MODE=$mode wrk -t1 -c4 -d2s -s bench/out/rotate.lua "http://127.0.0.1:$PORT" >/dev/null
  done
}

declare -A rps
for round in $(seq "$ROUNDS"); do
  for name in before after; do
    bin=$BEFORE; [ "$name" = after ] && bin=$AFTER
    serve "$bin" "$WORK/$name"
    for mode in api person interview home; do
      r=$(MODE=$mode wrk -t1 -c16 -d"$DURATION" -s bench/out/rotate.lua "http://127.0.0.1:$PORT" \
        | awk '/Requests\/sec/ {print $2}')
      rps[$name,$mode]="${rps[$name,$mode]:-} $r"
      echo "round $round $name $mode: $r req/s"
    done
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done

echo
echo "| page | before, req/s | after, req/s | change |"
echo "|---|---|---|---|"
for mode in api person interview home; do
  b=$(echo "${rps[before,$mode]}" | tr ' ' '\n' | awk 'NF {s+=$1; n++} END {printf "%.0f", s/n}')
  a=$(echo "${rps[after,$mode]}" | tr ' ' '\n' | awk 'NF {s+=$1; n++} END {printf "%.0f", s/n}')
  echo "| $mode | $b | $a | $(awk -v a="$a" -v b="$b" 'BEGIN {printf "%+.1f %%", (a-b)*100/b}') |"
done
