#!/usr/bin/env bash
# Fuzzes every parser that reads outside input (issue #15), one libFuzzer target each (fuzz/).
#
#   bench/fuzz.sh [RUNS] [TARGET...]     the long run: RUNS inputs per target (default 1,000,000)
#   bench/fuzz.sh --smoke [TARGET...]    CI: 20,000 inputs or 15 s per target, whichever is first
#
# Each target starts from its committed seeds (fuzz/seeds/<target>) and the corpus grown by
# earlier runs (fuzz/corpus/<target>, not committed); an input that panics, runs over 5 s or
# takes over 2 GB is saved under fuzz/artifacts/<target>/ and fails the run. Replay one with
# `cargo fuzz run --sanitizer none <target> fuzz/artifacts/<target>/<file>`.
#
# Works on stable Rust: the targets are built without a sanitizer (`--sanitizer none`), which
# needs no nightly flag; libFuzzer's coverage instrumentation is stable. The code is safe Rust,
# so AddressSanitizer would add little; with a nightly toolchain it is
# `FUZZ_SANITIZER=address bench/fuzz.sh`. Needs cargo-fuzz (`cargo install cargo-fuzz --locked`)
# and a C++ compiler (libFuzzer is built from source). Prints a table to paste into
# bench/RESULTS.md; the full log of each target is in fuzz/logs/.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=1000000
# FUZZ_MAX_TIME=S stops each target after S seconds even short of RUNS (libFuzzer's
# -max_total_time); the table then says how many inputs it did run.
MAX_TIME=${FUZZ_MAX_TIME:-0}
if [[ ${1:-} == --smoke ]]; then
  RUNS=20000
  MAX_TIME=15
  shift
elif [[ ${1:-} =~ ^[0-9]+$ ]]; then
  RUNS=$1
  shift
fi
SANITIZER=${FUZZ_SANITIZER:-none}

command -v cargo-fuzz >/dev/null || {
  echo "cargo-fuzz is needed: cargo install cargo-fuzz --locked" >&2
  exit 1
}

if (($#)); then
  targets=("$@")
else
  mapfile -t targets < <(cd fuzz && cargo fuzz list)
fi

mkdir -p fuzz/logs
build_start=$(date +%s)
(cd fuzz && cargo fuzz build --sanitizer "$SANITIZER")
echo "built in $(($(date +%s) - build_start)) s"

# One input in at most 5 s, at most 2 GB resident (libFuzzer counts the whole process: the
# search target holds a small index). A seed file may be longer than the default 4 KB limit.
options=(-runs="$RUNS" -timeout=5 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1)
((MAX_TIME > 0)) && options+=(-max_total_time="$MAX_TIME")

failed=0
rows=()
for target in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
  log="fuzz/logs/$target.log"
  start=$(date +%s%N)
  status=0
  (cd fuzz && cargo fuzz run --sanitizer "$SANITIZER" "$target" \
    "corpus/$target" "seeds/$target" -- "${options[@]}") >"$log" 2>&1 || status=$?
  millis=$((($(date +%s%N) - start) / 1000000))
  # libFuzzer's final statistics (-print_final_stats=1), else its last status line. Its own
  # exec/s is a whole-second average (0 for a run under a second): computed here instead, over
  # the wall time of the run (the process's start and the seeds included).
  inputs=$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$log" | grep -oE '[0-9]+$' ||
    grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || echo 0)
  exec_s=$((inputs * 1000 / (millis > 0 ? millis : 1)))
  seconds=$(printf '%d.%d' $((millis / 1000)) $((millis % 1000 / 100)))
  if ((status == 0)); then
    result=ok
  else
    failed=1
    result=$(grep -oE 'ERROR: libFuzzer: [a-z-]+|panicked at [^ ]+' "$log" | head -1 || true)
    result="FAILED (${result:-exit $status}), see $log"
  fi
  rows+=("$(printf '| %s | %s | %s | %s | %s |' "$target" "$inputs" "$seconds" \
    "$exec_s" "$result")")
  echo "${rows[-1]}"
done

echo
echo "| target | inputs | seconds | exec/s | result |"
echo "|---|---:|---:|---:|---|"
printf '%s\n' "${rows[@]}"
exit "$failed"
