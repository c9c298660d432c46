#!/usr/bin/env bash
# A kept page against the machine's limit (issue #15): the person page from the page cache, and
# nginx serving the very same bytes as a static file, on the same machine in the same run, with
# the same wrk load (keep-alive, 16 connections, one wrk thread), rounds alternating.
#
#   bench/nginx.sh [DURATION] [ROUNDS]          e.g. bench/nginx.sh 10s 3
#
# Environment: LETOPIS_BIN, PEAK_DATA (default bench/out/peak-100000-1000, see bench/peak.sh),
# CONNECTIONS (16). Needs nginx (Debian package nginx-light or nginx) and wrk.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${1:-10s}
ROUNDS=${2:-3}
CONNECTIONS=${CONNECTIONS:-16}
DATA=${PEAK_DATA:-bench/out/peak-100000-1000}
PORT=18182
NGINX_PORT=18183
OUT=$PWD/bench/out/nginx
mkdir -p "$OUT/www"
command -v nginx >/dev/null || command -v /usr/sbin/nginx >/dev/null ||
  { echo "nginx is needed: apt-get install nginx-light" >&2; exit 1; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
BIN=${LETOPIS_BIN:-${CARGO_TARGET_DIR:-target}/release/letopis}
[ -f "$DATA/letopis.db" ] || { echo "no base at $DATA: run bench/peak.sh first" >&2; exit 1; }

"$BIN" serve --data "$DATA" --bind "127.0.0.1:$PORT" 2>"$OUT/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; [ -f "$OUT/nginx.pid" ] && kill "$(cat "$OUT/nginx.pid")" 2>/dev/null || true' EXIT
until curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null; do sleep 0.05; done

slug=$(curl -fs "http://127.0.0.1:$PORT/api/v1/persons?per_page=1&page=7" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["slug"])')
page=/persons/$slug
curl -fs "http://127.0.0.1:$PORT$page" -o "$OUT/www/person.html"
echo "page: $page, $(stat -c %s "$OUT/www/person.html") bytes"

cat > "$OUT/nginx.conf" <<CONF
worker_processes auto;
pid $OUT/nginx.pid;
error_log $OUT/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  default_type text/html;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $OUT/www;
  }
}
CONF
"$NGINX" -c "$OUT/nginx.conf" -p "$OUT"
until curl -fs "http://127.0.0.1:$NGINX_PORT/person.html" >/dev/null; do sleep 0.05; done
cmp <(curl -fs "http://127.0.0.1:$NGINX_PORT/person.html") <(curl -fs "http://127.0.0.1:$PORT$page") ||
  { echo "the two servers answer different bytes" >&2; exit 1; }

rate() { wrk -t1 -c"$CONNECTIONS" -d"$DURATION" "$1" | awk '/Requests\/sec/ {print $2}'; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  n=$(rate "http://127.0.0.1:$NGINX_PORT/person.html")
  l=$(rate "http://127.0.0.1:$PORT$page")
  echo "round $round: nginx $n req/s, letopis $l req/s, ratio $(python3 -c "print(f'{$l / $n:.2f}')")  (load $(cut -d' ' -f1 /proc/loadavg))"
done
