#!/usr/bin/env bash
# The power-cut test of issue #15: SIGKILL of the server and the importer at random moments
# during imports, studio edits, publications and uploads, then restart and check (see
# bench/crash.py for what is checked). Prints one line per trial and a summary; the trials are
# kept in bench/out/crash/trials.jsonl.
#
#   bench/crash.sh [TRIALS] [SEED]        # default 100 trials; builds the release binary
#
# LETOPIS_BIN names a binary to test instead of building one; LETOPIS_CRASH_QUICK=1 makes the
# imports smaller (CI runs a debug build).
set -euo pipefail
cd "$(dirname "$0")/.."

trials="${1:-100}"
seed="${2:-$(date +%s)}"
bin="${LETOPIS_BIN:-}"
if [[ -z "$bin" ]]; then
    cargo build --release --locked -p letopis --bin letopis
    bin="${CARGO_TARGET_DIR:-target}/release/letopis"
fi
echo "== crash test: $trials trials, seed $seed, $(date -u +%FT%TZ), load: $(cut -d' ' -f1-3 /proc/loadavg)"
quick=()
[[ "${LETOPIS_CRASH_QUICK:-}" == 1 ]] && quick=(--quick)
exec python3 bench/crash.py --bin "$bin" --trials "$trials" --seed "$seed" --work bench/out/crash "${quick[@]}"
