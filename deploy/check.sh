#!/usr/bin/env bash
# Runs the deployment examples of this directory as an administrator would, on this machine:
# the portal behind deploy/nginx.conf and behind deploy/Caddyfile, each with TLS (a
# self-signed certificate for nginx in place of certbot's, Caddy's own local CA in place of
# Let's Encrypt), requested over HTTPS by the name they serve; and the systemd units checked
# with `systemd-analyze verify`. The configurations are used as written; only what a test
# machine must change is substituted (ports, certificate paths, the portal's port).
#
#   deploy/check.sh            (needs nginx, caddy, openssl, curl; CI installs them)
#
# What it checks through each proxy: the home page over HTTPS with the portal's HSTS and
# security headers, canonical links to the public https address, a Range read of a media
# file (206), /metrics closed (404), and plain HTTP sent to HTTPS.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${LETOPIS_BIN:-${CARGO_TARGET_DIR:-target}/debug/letopis}
NAME=letopis.example.ru
WORK=$(mktemp -d)
PORTAL=18190 NGINX_HTTP=18191 NGINX_HTTPS=18192 CADDY_HTTP=18193 CADDY_HTTPS=18194
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
for tool in "$NGINX" caddy openssl curl; do
  command -v "$tool" >/dev/null || { echo "$tool is needed: tools/install-test-tools.sh installs it" >&2; exit 1; }
done
[ -x "$BIN" ] || cargo build --locked -p letopis >/dev/null
fail() { echo "FAIL: $*" >&2; exit 1; }

echo "== the portal, with public_url = https://$NAME"
"$BIN" demo --data "$WORK/data" --persons 100 --generate-only 2>/dev/null
# At the top: after the demo's [map] tables the key would belong to them.
{ printf 'public_url = "https://%s"\n' "$NAME"; cat "$WORK/data/letopis.toml"; } > "$WORK/toml"
mv "$WORK/toml" "$WORK/data/letopis.toml"
"$BIN" serve --data "$WORK/data" --bind "127.0.0.1:$PORTAL" 2>"$WORK/portal.log" &
pids+=($!)
until curl -fs "http://127.0.0.1:$PORTAL/healthz" >/dev/null; do
  kill -0 "${pids[-1]}" 2>/dev/null || fail "the portal did not start: $(tail -3 "$WORK/portal.log")"
  sleep 0.1
done
item=$(curl -fs "http://127.0.0.1:$PORTAL/api/v1/items?per_page=1" | grep -o '"url":"/items/[^"]*"' | head -1 | cut -d'"' -f4)
media=$(curl -fs "http://127.0.0.1:$PORTAL$item" | grep -o '/media/[0-9a-f]\{64\}' | head -1) || true
[ -n "$media" ] || fail "no public media file in the demo's items"

# through PROXY_NAME HTTP_PORT HTTPS_PORT: the checks, over the proxy.
through() {
  local proxy=$1 http=$2 https=$3 resolve head page code
  resolve=(--resolve "$NAME:$https:127.0.0.1" --resolve "$NAME:$http:127.0.0.1")
  head=$(curl -sk "${resolve[@]}" -D - -o "$WORK/page.html" "https://$NAME:$https/")
  grep -q '^HTTP/[0-9.]* 200' <<<"$head" || fail "$proxy: the home page over HTTPS: $(head -1 <<<"$head")"
  grep -qi '^strict-transport-security: max-age=' <<<"$head" || fail "$proxy: no HSTS"
  grep -qi '^content-security-policy:' <<<"$head" || fail "$proxy: no Content-Security-Policy"
  grep -q "<link rel=\"canonical\" href=\"https://$NAME/\"" "$WORK/page.html" ||
    fail "$proxy: the canonical link is not the public https address"
  code=$(curl -sk "${resolve[@]}" -o "$WORK/part" -w '%{http_code}' -H 'Range: bytes=0-99' "https://$NAME:$https$media")
  [ "$code" = 206 ] && [ "$(stat -c %s "$WORK/part")" = 100 ] || fail "$proxy: a Range read answered $code"
  code=$(curl -sk "${resolve[@]}" -o /dev/null -w '%{http_code}' "https://$NAME:$https/metrics")
  [ "$code" = 404 ] || fail "$proxy: /metrics answered $code from outside"
  code=$(curl -s "${resolve[@]}" -o /dev/null -w '%{http_code} %{redirect_url}' "http://$NAME:$http/persons")
  [[ $code == 30[18]\ https://$NAME* ]] || fail "$proxy: plain HTTP answered $code"
  echo "$proxy: HTTPS 200 with HSTS and CSP, canonical https://$NAME/, Range 206, /metrics 404, HTTP → $code"
}

echo "== nginx (deploy/nginx.conf)"
mkdir -p "$WORK/nginx/logs" "$WORK/nginx/acme"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$NAME" \
  -keyout "$WORK/nginx/privkey.pem" -out "$WORK/nginx/fullchain.pem" 2>/dev/null
sed -e "s#server 127.0.0.1:8080;#server 127.0.0.1:$PORTAL;#" \
    -e "s#listen 80;#listen $NGINX_HTTP;#; s#listen \[::\]:80;##" \
    -e "s#listen 443 ssl http2;#listen $NGINX_HTTPS ssl http2;#; s#listen \[::\]:443 ssl http2;##" \
    -e "s#/etc/letsencrypt/live/$NAME/#$WORK/nginx/#g; s#/var/www/letsencrypt#$WORK/nginx/acme#" \
    -e "s#https://\$host\$request_uri#https://\$host:$NGINX_HTTPS\$request_uri#" \
    deploy/nginx.conf > "$WORK/nginx/site.conf"
cat > "$WORK/nginx/nginx.conf" <<EOF
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log;
events {}
http {
    access_log off;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    include $WORK/nginx/site.conf;
}
EOF
"$NGINX" -t -q -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" || fail "nginx -t refuses the configuration"
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
until curl -sk -o /dev/null "https://127.0.0.1:$NGINX_HTTPS/healthz"; do sleep 0.1; done
through nginx "$NGINX_HTTP" "$NGINX_HTTPS"

echo "== Caddy (deploy/Caddyfile)"
mkdir -p "$WORK/caddy"
{
  # On a test machine: ports of its own, and Caddy's local CA instead of Let's Encrypt.
  printf '{\n\thttp_port %s\n\thttps_port %s\n\tlocal_certs\n\tskip_install_trust\n\tadmin off\n\tstorage file_system %s\n}\n\n' \
    "$CADDY_HTTP" "$CADDY_HTTPS" "$WORK/caddy/storage"
  sed -e "s#reverse_proxy 127.0.0.1:8080#reverse_proxy 127.0.0.1:$PORTAL#" deploy/Caddyfile
} > "$WORK/caddy/Caddyfile"
caddy validate --config "$WORK/caddy/Caddyfile" --adapter caddyfile >/dev/null 2>&1 ||
  fail "caddy validate refuses the configuration: $(caddy validate --config "$WORK/caddy/Caddyfile" --adapter caddyfile 2>&1 | tail -2)"
HOME=$WORK/caddy XDG_DATA_HOME=$WORK/caddy XDG_CONFIG_HOME=$WORK/caddy \
  caddy run --config "$WORK/caddy/Caddyfile" --adapter caddyfile 2>"$WORK/caddy/log" &
pids+=($!)
for _ in $(seq 100); do
  curl -sk --resolve "$NAME:$CADDY_HTTPS:127.0.0.1" -o /dev/null "https://$NAME:$CADDY_HTTPS/healthz" && break
  sleep 0.2
done
through Caddy "$CADDY_HTTP" "$CADDY_HTTPS"

echo "== systemd units (systemd-analyze verify)"
if command -v systemd-analyze >/dev/null; then
  mkdir -p "$WORK/units"
  for unit in deploy/letopis.service deploy/letopis-backup.service deploy/letopis-backup.timer; do
    sed "s#/usr/local/bin/letopis#$(realpath "$BIN")#g" "$unit" > "$WORK/units/$(basename "$unit")"
  done
  out=$(cd "$WORK/units" && systemd-analyze verify letopis.service letopis-backup.service letopis-backup.timer 2>&1) ||
    fail "systemd-analyze verify: $out"
  # Only complaints about this machine (no users, no system bus) are tolerated.
  problems=$(grep -v -e 'Failed to resolve user\|User=\|Group=\|system bus\|Failed to connect' <<<"$out" || true)
  [ -z "$problems" ] || fail "systemd-analyze verify: $problems"
  echo "systemd units: verified"
else
  echo "systemd-analyze is not here: units not checked"
fi
echo "deploy/check.sh: all checks passed"
