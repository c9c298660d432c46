#!/usr/bin/env bash
# Test-only tools from the npm registry, at pinned versions (DESIGN.md: `cargo build` needs no Node).
#
#   tools/vendor-test-tools.sh axe   re-vendor axe-core into crates/browser-tests/vendor/ (committed)
#   tools/vendor-test-tools.sh vnu   install the Nu Html Checker jar into .test-tools/vnu/ (gitignored,
#                                    ~30 MB); does nothing when the pinned jar is already there
#
# To upgrade: change a version below, run the script, commit vendor/ and the new checksums.
set -euo pipefail
cd "$(dirname "$0")/.."

AXE_VERSION=4.14.1
VNU_VERSION=26.9.27
# Checksums of the files we take out of the packages; a mismatch means the registry served
# something other than what was reviewed.
VNU_SHA256=22f15dd39a33bed929d2a5c0cddf5946849a647eca9272bf4d5d00bc7e7a4d47
VENDOR_DIR=crates/browser-tests/vendor
VNU_DIR=.test-tools/vnu

npm_install() { # package@version into a fresh temp dir; prints the dir
    command -v npm >/dev/null || {
        echo "npm is needed to fetch $1 (Debian: apt-get install npm)" >&2
        exit 1
    }
    local tmp
    tmp=$(mktemp -d)
    (cd "$tmp" && npm init -y >/dev/null && npm install --no-audit --no-fund --ignore-scripts \
        --save-exact "$1" >/dev/null)
    echo "$tmp"
}

sha() { sha256sum "$1" | cut -d' ' -f1; }

vendor_axe() {
    local tmp pkg
    tmp=$(npm_install "axe-core@$AXE_VERSION")
    pkg="$tmp/node_modules/axe-core"
    cp "$pkg/axe.min.js" "$VENDOR_DIR/axe.min.js"
    cp "$pkg/LICENSE" "$VENDOR_DIR/axe-core.LICENSE"
    local license
    license=$(node -p "require('$pkg/package.json').license")
    cat > "$VENDOR_DIR/VENDOR.md" <<MD
# Vendored test tools

Written by \`tools/vendor-test-tools.sh\`; do not edit by hand.

| file | package | version | licence | sha256 |
|---|---|---|---|---|
| \`axe.min.js\` | [axe-core](https://www.npmjs.com/package/axe-core) | $AXE_VERSION | $license (\`axe-core.LICENSE\`) | \`$(sha "$VENDOR_DIR/axe.min.js")\` |

Not committed (too large, ~30 MB), installed by \`tools/vendor-test-tools.sh vnu\` into
\`$VNU_DIR/vnu.jar\`:

| file | package | version | licence | sha256 |
|---|---|---|---|---|
| \`vnu.jar\` | [vnu-jar](https://www.npmjs.com/package/vnu-jar) (the Nu Html Checker) | $VNU_VERSION | MIT | \`$VNU_SHA256\` |
MD
    rm -rf "$tmp"
    echo "axe-core $AXE_VERSION vendored into $VENDOR_DIR"
}

install_vnu() {
    local jar="$VNU_DIR/vnu.jar"
    if [[ -f "$jar" && -f "$VNU_DIR/VERSION" && "$(cat "$VNU_DIR/VERSION")" == "$VNU_VERSION" ]] \
        && { [[ -z "$VNU_SHA256" ]] || [[ "$(sha "$jar")" == "$VNU_SHA256" ]]; }; then
        echo "vnu-jar $VNU_VERSION already installed at $jar"
        return
    fi
    local tmp
    tmp=$(npm_install "vnu-jar@$VNU_VERSION")
    local got
    got=$(sha "$tmp/node_modules/vnu-jar/build/dist/vnu.jar")
    if [[ -n "$VNU_SHA256" && "$got" != "$VNU_SHA256" ]]; then
        echo "vnu.jar from vnu-jar@$VNU_VERSION has sha256 $got, expected $VNU_SHA256" >&2
        rm -rf "$tmp"
        exit 1
    fi
    mkdir -p "$VNU_DIR"
    cp "$tmp/node_modules/vnu-jar/build/dist/vnu.jar" "$jar"
    echo "$VNU_VERSION" > "$VNU_DIR/VERSION"
    rm -rf "$tmp"
    echo "vnu-jar $VNU_VERSION installed at $jar (sha256 $got)"
}

case "${1:-}" in
    axe) vendor_axe ;;
    vnu) install_vnu ;;
    all) vendor_axe; install_vnu ;;
    *) echo "usage: $0 axe|vnu|all" >&2; exit 2 ;;
esac
