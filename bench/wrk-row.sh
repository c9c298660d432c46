# Sourced by the page benchmarks (bench/lessons.sh, bench/share.sh): `wrk_row URL LABEL` fetches
# URL once (it must answer 200), loads it with wrk for $DURATION over $CONNECTIONS connections
# and prints one Markdown row: the label (without its query), req/s, p50, p99 and the bytes of
# one answer. Any error response or socket error fails the run.
wrk_row() {
  local url=$1 label=$2 code bytes out rps p50 p99 errors
  code=$(curl -s -o /tmp/letopis-bench.out -w '%{http_code}' "$url")
  [ "$code" = 200 ] || { echo "$label answered $code" >&2; return 1; }
  bytes=$(stat -c %s /tmp/letopis-bench.out)
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$url")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/' <<<"$out")
  [ -z "$errors" ] || { echo "$label: $errors" >&2; return 1; }
  echo "| \`${label%%\?*}\` | $rps | $p50 | $p99 | $bytes |"
}
