#!/usr/bin/python3
"""Builds a QGIS project with a calm default style for an OpenStreetMap extract converted to
GeoPackage (`ogr2ogr -f GPKG town.gpkg town.osm.pbf`), so that `qgis_process run
qgis:tilesxyzmbtiles --PROJECT_PATH=…` has something to draw without the QGIS desktop: land use
and forests, water, rivers and canals, buildings, roads by class, railways, administrative
boundaries, and the names of places and waters (DejaVu Sans, which has Cyrillic). Open the
project in QGIS to restyle it; the tiles are drawn from whatever the project then says.

Run it with Debian's Python, which has PyQGIS (python3-qgis, pulled in by the qgis package):
    QT_QPA_PLATFORM=offscreen /usr/bin/python3 qgis-project.py town.gpkg town.qgz
The project's CRS is EPSG:4326, so the extent given to qgis:tilesxyzmbtiles is in degrees.
"""
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import (  # noqa: E402
    QgsApplication, QgsCoordinateReferenceSystem, QgsFillSymbol, QgsLineSymbol,
    QgsMarkerSymbol, QgsPalLayerSettings, QgsProject, QgsRuleBasedLabeling,
    QgsRuleBasedRenderer, QgsTextBufferSettings, QgsTextFormat, QgsVectorLayer,
    QgsUnitTypes,
)
from qgis.PyQt.QtGui import QColor, QFont  # noqa: E402

if len(sys.argv) != 3:
    sys.exit("usage: qgis-project.py TOWN.gpkg TOWN.qgz")
gpkg, out = (os.path.abspath(a) for a in sys.argv[1:3])
if not os.path.exists(gpkg):
    sys.exit(f"{gpkg}: no such file")

QgsApplication.setPrefixPath("/usr", True)
app = QgsApplication([], False)
app.initQgis()
project = QgsProject.instance()
project.setCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
project.setTitle(os.path.splitext(os.path.basename(out))[0])


def layer(table, name, rules, kind):
    """A layer of the GeoPackage drawn by rules: [(label, filter, symbol properties)]."""
    lyr = QgsVectorLayer(f"{gpkg}|layername={table}", name, "ogr")
    if not lyr.isValid():
        sys.exit(f"{gpkg}: no layer {table}")
    make = {"fill": QgsFillSymbol, "line": QgsLineSymbol, "marker": QgsMarkerSymbol}[kind]
    root = QgsRuleBasedRenderer.Rule(None)
    for label, expression, props in rules:
        root.appendChild(QgsRuleBasedRenderer.Rule(make.createSimple(props), 0, 0, expression, label))
    lyr.setRenderer(QgsRuleBasedRenderer(root))
    project.addMapLayer(lyr)
    return lyr


def fill(color, outline="no", width="0"):
    return {"color": color, "outline_style": "solid" if outline != "no" else "no",
            "outline_color": outline if outline != "no" else color, "outline_width": width}


def line(color, width, style="solid"):
    return {"line_color": color, "line_width": str(width), "line_style": style,
            "capstyle": "round", "joinstyle": "round"}


def labels(lyr, rules):
    """Labels by rules: [(filter, size in points, bold, colour, italic)]."""
    root = QgsRuleBasedLabeling.Rule(None)
    for expression, size, bold, color, italic in rules:
        settings = QgsPalLayerSettings()
        settings.fieldName = "name"
        fmt = QgsTextFormat()
        font = QFont("DejaVu Sans")
        font.setBold(bold)
        font.setItalic(italic)
        fmt.setFont(font)
        fmt.setSize(size)
        fmt.setSizeUnit(QgsUnitTypes.RenderPoints)
        fmt.setColor(QColor(color))
        buffer = QgsTextBufferSettings()
        buffer.setEnabled(True)
        buffer.setSize(1.0)
        buffer.setColor(QColor("#f7f5f0"))
        fmt.setBuffer(buffer)
        settings.setFormat(fmt)
        rule = QgsRuleBasedLabeling.Rule(settings)
        rule.setFilterExpression(expression)
        root.appendChild(rule)
    lyr.setLabeling(QgsRuleBasedLabeling(root))
    lyr.setLabelsEnabled(True)


# Bottom to top.
layer("multipolygons", "land", [
    ("forest", "\"landuse\" = 'forest' OR \"natural\" = 'wood'", fill("#d5e6c9")),
    ("park", "\"leisure\" IN ('park', 'garden', 'nature_reserve')", fill("#dcecd0")),
    ("meadow", "\"landuse\" IN ('meadow', 'grass') OR \"natural\" IN ('grassland', 'scrub')",
     fill("#e6eed6")),
    ("farmland", "\"landuse\" IN ('farmland', 'orchard', 'allotments')", fill("#f1eedb")),
    ("residential", "\"landuse\" IN ('residential', 'retail', 'commercial')", fill("#ebe6df")),
    ("industrial", "\"landuse\" IN ('industrial', 'railway', 'garages')", fill("#e4dfe0")),
    ("cemetery", "\"landuse\" = 'cemetery'", fill("#d9e2d0")),
    ("airfield", "\"aeroway\" = 'aerodrome'", fill("#e8e6ee", "#c9c4d6", "0.2")),
], "fill")
water = layer("multipolygons", "water", [
    ("water", "\"natural\" = 'water' OR \"landuse\" IN ('reservoir', 'basin') "
              "OR \"other_tags\" LIKE '%\"water\"=>%'", fill("#b9d3e1")),
], "fill")
waterways = layer("lines", "waterways", [
    ("canal", "\"waterway\" = 'canal'", line("#9fc2d6", 1.2)),
    ("river", "\"waterway\" = 'river'", line("#9fc2d6", 0.8)),
    ("stream", "\"waterway\" IN ('stream', 'ditch', 'drain')", line("#a9c8da", 0.3)),
], "line")
layer("lines", "runways", [
    ("runway", "\"other_tags\" LIKE '%\"aeroway\"=>\"runway\"%'", line("#cfcad9", 1.5)),
], "line")
layer("multipolygons", "buildings", [
    ("building", "\"building\" IS NOT NULL", fill("#d8cec4", "#c3b7aa", "0.1")),
], "fill")
layer("lines", "roads", [
    ("minor", "\"highway\" IN ('residential', 'unclassified', 'living_street', 'service')",
     line("#c9c2b8", 0.35)),
    ("tertiary", "\"highway\" IN ('tertiary', 'tertiary_link')", line("#bfb3a3", 0.5)),
    ("secondary", "\"highway\" IN ('secondary', 'secondary_link')", line("#e3c98f", 0.7)),
    ("primary", "\"highway\" IN ('primary', 'primary_link')", line("#e2b97c", 0.9)),
    ("trunk", "\"highway\" IN ('trunk', 'trunk_link', 'motorway', 'motorway_link')",
     line("#d69e73", 1.2)),
], "line")
layer("lines", "railways", [
    ("rail", "\"railway\" IN ('rail', 'light_rail', 'narrow_gauge')", line("#6f6a66", 0.5)),
], "line")
layer("multipolygons", "boundaries", [
    ("administrative", "\"boundary\" = 'administrative'",
     {**fill("0,0,0,0", "#a493b8", "0.4"), "outline_style": "dash"}),
], "fill")
places = layer("points", "places", [
    ("town", "\"place\" IN ('city', 'town')",
     {"name": "circle", "color": "#4a4440", "outline_style": "no", "size": "1.6"}),
], "marker")
labels(places, [
    ("\"place\" = 'city'", 11, True, "#2f2a26", False),
    ("\"place\" = 'town'", 10, True, "#2f2a26", False),
    ("\"place\" IN ('suburb', 'village')", 8, False, "#4a4440", False),
    ("\"place\" IN ('hamlet', 'locality', 'neighbourhood')", 7, False, "#5e5853", False),
])
labels(water, [("\"name\" IS NOT NULL", 7, False, "#4f7f9c", True)])
labels(waterways, [("\"name\" IS NOT NULL", 7, False, "#4f7f9c", True)])

if not project.write(out):
    sys.exit(f"{out}: could not write the project")
print(f"{out}: {len(project.mapLayers())} layers")
app.exitQgis()
