#!/usr/bin/env bash
# Runs the recipes of the README's «Карта: the base layers» end to end, exactly as written there,
# on invented input (no internet needed): a synthetic OpenStreetMap extract of the Khimki region
# (tools/map-recipes/synthetic-osm.py) and a synthetic scan of a 1941 sheet
# (tools/map-recipes/scan-1941.py). Makes today's raster base map with QGIS, the vector one
# with tilemaker and the georeferenced 1941 layer with GDAL, checks each file's metadata and
# tiles, and, given a letopis binary, that the portal serves them.
#
# Installs nothing. Needs Debian bookworm's packages (the versions it was written against):
#   gdal-bin (3.6.2) osmium-tool (1.15.0) tilemaker (2.2.0) qgis (3.22.16, brings python3-qgis)
#   python3-pil, curl (for the portal check)
# Usage: tools/map-recipes.sh [PATH/TO/letopis]     (or LETOPIS=PATH/TO/letopis)
# Writes to a new temporary directory (printed, kept for a look; remove it after) and exits
# non-zero when any step or check fails. Takes about two minutes on two cores, mostly QGIS.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)/map-recipes
letopis=${1:-${LETOPIS:-}}

# The ground control points of the README: the sheet's four frame corners and the church.
GCPS="-gcp 242 299 37.3000 55.9500 -gcp 2092 341 37.5500 55.9500 -gcp 2047 2321 37.5500 55.8000 -gcp 197 2279 37.3000 55.8000 -gcp 1268 1133 37.4412 55.8886"

missing=()
for c in osmium:osmium-tool tilemaker:tilemaker ogr2ogr:gdal-bin gdal_translate:gdal-bin \
    gdalwarp:gdal-bin gdaladdo:gdal-bin qgis_process.bin:qgis; do
    command -v "${c%%:*}" >/dev/null || missing+=("${c#*:}")
done
/usr/bin/python3 -c 'import qgis.core' 2>/dev/null || missing+=(python3-qgis)
python3 -c 'import PIL' 2>/dev/null || missing+=(python3-pil)
[[ -z $letopis ]] || command -v curl >/dev/null || missing+=(curl)
if ((${#missing[@]})); then
    echo "missing: $(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')(apt-get install them)" >&2
    exit 2
fi
[[ -z $letopis || -x $letopis ]] || { echo "$letopis: not an executable" >&2; exit 2; }

work=$(mktemp -d /tmp/map-recipes.XXXXXX)
cd "$work"
echo "== working in $work"
server=
trap '[[ -n $server ]] && kill "$server" 2>/dev/null; echo "== outputs left in $work"' EXIT
trap 'echo "FAILED at line $LINENO: $BASH_COMMAND" >&2' ERR
step() { echo; echo "== $*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$work/xdg}
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

step "versions"
gdalinfo --version
osmium --version | head -1
tilemaker --help 2>&1 | head -1 || true
qgis_process.bin --version 2>/dev/null | head -1 || true

step "a synthetic regional extract (stands for a downloaded one)"
python3 "$here/synthetic-osm.py" central-fed-district-latest.osm
osmium cat central-fed-district-latest.osm -o central-fed-district-latest.osm.pbf

step "README: cut the extract to the town"
osmium extract -b 37.10,55.80,37.62,56.06 --set-bounds central-fed-district-latest.osm.pbf -o khimki.osm.pbf
osmium fileinfo khimki.osm.pbf | grep -A1 'Bounding boxes' | tail -1 | grep -q '(37.1,55.8,37.62,56.06)' \
    || fail "khimki.osm.pbf has no bounding box in its header"

step "README: raster base map with QGIS"
ogr2ogr -f GPKG khimki.gpkg khimki.osm.pbf
/usr/bin/python3 "$here/qgis-project.py" khimki.gpkg khimki.qgz
qgis_process.bin run qgis:tilesxyzmbtiles --PROJECT_PATH=khimki.qgz \
  '--EXTENT=37.10,37.62,55.80,56.06 [EPSG:4326]' --ZOOM_MIN=9 --ZOOM_MAX=16 --TILE_FORMAT=0 \
  --BACKGROUND_COLOR=#f6f3ee --OUTPUT_FILE=./khimki.mbtiles > qgis.log 2>&1 \
    || { tail -20 qgis.log; fail "qgis_process (log: $work/qgis.log)"; }

step "README: vector base map with tilemaker"
cp /usr/share/doc/tilemaker/examples/config-openmaptiles.json \
   /usr/share/doc/tilemaker/examples/process-openmaptiles.lua .
sed -i -e 's/^preferred_language_attribute = "name:latin"/preferred_language_attribute = "name"/' \
  -e 's/^additional_languages = { }/additional_languages = { "en" }/' process-openmaptiles.lua
grep -q '^preferred_language_attribute = "name"$' process-openmaptiles.lua \
    || fail "the sed of process-openmaptiles.lua no longer matches tilemaker's example"
tilemaker --input khimki.osm.pbf --output khimki-vector.mbtiles \
  --config config-openmaptiles.json --process process-openmaptiles.lua > tilemaker.log 2>&1 \
    || { tail -20 tilemaker.log; fail "tilemaker (log: $work/tilemaker.log)"; }

step "a synthetic scan of a 1941 sheet"
printed=$(python3 "$here/scan-1941.py" central-fed-district-latest.osm scan-1941.png | tail -1)
[[ $printed == "$GCPS" ]] || fail "the scan's control points changed: $printed (update the README and this script)"

step "README: georeference the 1941 sheet with GDAL"
# shellcheck disable=SC2086 # GCPS is a list of options
gdal_translate -of GTiff -a_srs EPSG:4326 $GCPS scan-1941.png scan-1941-gcp.tif
gdalwarp -r bilinear -order 1 -t_srs EPSG:3857 -te 37.30 55.80 37.55 55.95 -te_srs EPSG:4326 \
  -dstalpha scan-1941-gcp.tif scan-1941-3857.tif
gdal_translate -of MBTILES -co TILE_FORMAT=PNG -co ZOOM_LEVEL_STRATEGY=UPPER scan-1941-3857.tif khimki-1941.mbtiles
gdaladdo -r average khimki-1941.mbtiles 2 4 8 16

step "what the files hold (what the portal reads: metadata format, bounds, minzoom, maxzoom)"
python3 - <<'EOF'
import gzip, json, math, sqlite3, sys

def tile_xy(lon, lat, z):
    n = 2 ** z
    return int((lon + 180) / 360 * n), int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)

def check(path, fmt, zooms, bounds_inside):
    db = sqlite3.connect(path)
    meta = dict(db.execute("SELECT name, value FROM metadata"))
    counts = dict(db.execute("SELECT zoom_level, count(*) FROM tiles GROUP BY zoom_level"))
    print(f"{path}: format={meta.get('format')} minzoom={meta.get('minzoom')} "
          f"maxzoom={meta.get('maxzoom')} bounds={meta.get('bounds')}; tiles by zoom {counts}")
    w, s, e, n = (float(v) for v in meta["bounds"].split(","))
    bw, bs, be, bn = bounds_inside
    ok = (meta.get("format") == fmt and (int(meta["minzoom"]), int(meta["maxzoom"])) == zooms
          and abs(w - bw) < 1e-3 and abs(s - bs) < 1e-3 and abs(e - be) < 1e-3 and abs(n - bn) < 1e-3
          and sorted(counts) == list(range(zooms[0], zooms[1] + 1)))
    # The tile over Khimki at every zoom, found the way the portal looks (TMS rows).
    for z in range(zooms[0], zooms[1] + 1):
        x, y = tile_xy(37.445, 55.889, z)
        row = db.execute("SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND "
                         "tile_row=?", (z, x, 2 ** z - 1 - y)).fetchone()
        magic = b"\x1f\x8b" if fmt == "pbf" else b"\x89PNG"
        if not row or not row[0].startswith(magic):
            print(f"  no {fmt} tile over Khimki at {z}/{x}/{y}")
            ok = False
    if fmt == "pbf":
        layers = json.loads(meta["json"])["vector_layers"]
        print("  vector_layers:", ", ".join(l["id"] for l in layers))
        ok = ok and {"water", "waterway", "transportation", "place", "landcover"} <= {l["id"] for l in layers}
    return ok

ok = check("khimki.mbtiles", "png", (9, 16), (37.10, 55.80, 37.62, 56.06))
ok &= check("khimki-vector.mbtiles", "pbf", (0, 14), (37.10, 55.80, 37.62, 56.06))
ok &= check("khimki-1941.mbtiles", "png", (10, 14), (37.30, 55.80, 37.55, 55.95))
sys.exit(0 if ok else 1)
EOF

if [[ -z $letopis ]]; then
    echo; echo "== no letopis binary given: the portal check is skipped"
    echo "all recipes ran"
    exit 0
fi

step "the portal serves them ($letopis serve)"
port=$((20000 + RANDOM % 20000))
serve() { # DIR: serve the data directory in the background
    "$letopis" serve --data "$1" --bind "127.0.0.1:$port" > "$1.log" 2>&1 &
    server=$!
    for _ in $(seq 50); do
        curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && return 0
        kill -0 "$server" 2>/dev/null || { cat "$1.log"; fail "letopis serve stopped"; }
        sleep 0.2
    done
    fail "letopis serve did not answer"
}
stop() { kill "$server"; wait "$server" 2>/dev/null || true; server=; }
expect() { # URL CODE TYPE
    local got
    got=$(curl -s -o body -w '%{http_code} %{content_type}' "http://127.0.0.1:$port$1")
    [[ $got == "$2 $3"* ]] || fail "$1: $got, expected $2 $3"
    echo "$1: $got, $(wc -c < body) bytes"
}

mkdir -p raster/map vector/map
cp khimki.mbtiles khimki-1941.mbtiles raster/map/
cat > raster/letopis.toml <<'EOF'
[map]
mbtiles = "map/khimki.mbtiles"
attribution = "© участники OpenStreetMap"

[map.historic]
mbtiles = "map/khimki-1941.mbtiles"
label = "1941"
attribution = "Синтетический лист 1941 г. (проверка); привязка — музей"
EOF
serve raster
expect /tiles/12/2474/1277.png 200 image/png
expect /tiles/16/39584/20443.png 200 image/png
expect /tiles/historic/12/2474/1277.png 200 image/png
expect /tiles/historic/14/9896/5110.png 200 image/png
expect /map 200 text/html
grep -q '"label":"1941"' body || fail "/map has no 1941 layer"
! grep -q 'не настроена\|Карта без подложки' body || fail "/map says the map has no base"
stop

cp khimki-vector.mbtiles vector/map/
printf '[map]\nmbtiles = "map/khimki-vector.mbtiles"\nattribution = "© участники OpenStreetMap"\n' > vector/letopis.toml
serve vector
expect /tiles/14/9896/5110.pbf 200 application/vnd.mapbox-vector-tile
python3 -c "
import sqlite3, sys
stored = sqlite3.connect('khimki-vector.mbtiles').execute(
    'SELECT tile_data FROM tiles WHERE zoom_level=14 AND tile_column=9896 AND tile_row=?',
    (2**14 - 1 - 5110,)).fetchone()[0]
sys.exit(0 if open('body', 'rb').read() == stored else 'the served .pbf is not the stored tile')"
echo "/tiles/14/9896/5110.pbf is the stored (gzip) tile"
stop
echo; echo "all recipes ran, and the portal serves their files"
