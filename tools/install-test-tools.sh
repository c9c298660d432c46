#!/usr/bin/env bash
# Installs what the browser tests need on a Debian machine: Chromium + ChromeDriver (WebDriver
# tests), a JRE and the pinned Nu Html Checker (HTML validity). Does nothing for what is already
# there, so it costs under a second on a prepared machine. Needs root for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
# fonts-liberation: Chromium's metric-compatible default fonts, so layout checks measure the same
# text everywhere.
command -v chromium >/dev/null || missing+=(chromium fonts-liberation)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v java >/dev/null || missing+=(default-jre-headless)
if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "missing ${missing[*]}: run this script as root, or install them yourself" >&2
        exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
chromium --version 2>/dev/null | head -1
chromedriver --version
# The checker's jar (~30 MB) is not committed; the script does nothing when it is already there.
tools/vendor-test-tools.sh vnu
