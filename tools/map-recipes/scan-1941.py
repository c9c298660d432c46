#!/usr/bin/env python3
"""Draws an invented «scan» of a 1941 map sheet around Khimki from the synthetic OSM file, to try
the README's georeferencing recipe on: sepia paper with stains and a fold, the features of then
(no ring road, airport, blocks of flats or post-war works), the sheet's frame with the longitude
and latitude of its corners, the whole turned a little as a sheet lies crooked on a scanner. It
is a picture with no coordinates, like a real scan.

Prints the ground control points as gdal_translate options: the four corners of the frame
(their longitude and latitude are printed on the sheet) and the church in Khimki.

Usage: scan-1941.py SYNTHETIC.osm OUT.png     (needs Pillow: python3-pil)
"""
import math
import random
import sys
import xml.etree.ElementTree as ET

from PIL import Image, ImageDraw, ImageFilter, ImageFont

random.seed(22061941)
osm, out = sys.argv[1], sys.argv[2]

# The sheet: its frame in degrees, and the drawing's scale (pixels per degree).
WEST, EAST, SOUTH, NORTH = 37.30, 37.55, 55.80, 55.95
PX_LON, PX_LAT = 7400.0, 13200.0  # about 7.5 m a pixel both ways at 55.9°
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 160, 260, 200
FRAME_W, FRAME_H = round((EAST - WEST) * PX_LON), round((NORTH - SOUTH) * PX_LAT)
SHEET_W, SHEET_H = FRAME_W + 2 * MARGIN_X, FRAME_H + MARGIN_TOP + MARGIN_BOTTOM
SKEW_DEG = 1.3  # how crooked the sheet lay on the scanner
SCAN_W, SCAN_H = SHEET_W + 120, SHEET_H + 120


def sheet_px(lon, lat):
    return MARGIN_X + (lon - WEST) * PX_LON, MARGIN_TOP + (NORTH - lat) * PX_LAT


_c, _s = math.cos(math.radians(SKEW_DEG)), math.sin(math.radians(SKEW_DEG))


def scan_px(x, y):
    """Sheet pixel -> scan pixel: turned by SKEW_DEG about the sheet's centre, then centred."""
    dx, dy = x - SHEET_W / 2, y - SHEET_H / 2
    return SCAN_W / 2 + _c * dx - _s * dy, SCAN_H / 2 + _s * dx + _c * dy


def font(size, bold=False, italic=False):
    name = "DejaVuSerif" + ("-Bold" if bold else "") + ("-Italic" if italic and not bold else "")
    try:
        return ImageFont.truetype(f"/usr/share/fonts/truetype/dejavu/{name}.ttf", size)
    except OSError:
        return ImageFont.load_default(size)


# Read the OSM file.
root = ET.parse(osm).getroot()
nodes, ways, points = {}, [], []
for el in root:
    tags = {t.get("k"): t.get("v") for t in el.findall("tag")}
    if el.tag == "node":
        nodes[el.get("id")] = (float(el.get("lon")), float(el.get("lat")))
        if tags:
            points.append((nodes[el.get("id")], tags))
    elif el.tag == "way":
        ways.append(([nd.get("ref") for nd in el.findall("nd")], tags, el.get("id")))
way_by_id = {wid: refs for refs, _, wid in ways}
multipolygons = []
for rel in root.iter("relation"):
    tags = {t.get("k"): t.get("v") for t in rel.findall("tag")}
    if tags.get("type") == "multipolygon":
        members = [(m.get("role"), way_by_id[m.get("ref")]) for m in rel.findall("member")
                   if m.get("type") == "way" and m.get("ref") in way_by_id]
        multipolygons.append((members, tags))


def xy(refs):
    return [sheet_px(*nodes[r]) for r in refs]


PAPER = (232, 220, 188)
INK = (62, 44, 30)
WATER = (176, 196, 190)
WATER_INK = (70, 92, 110)
WOOD = (200, 208, 170)
sheet = Image.new("RGB", (SHEET_W, SHEET_H), PAPER)
d = ImageDraw.Draw(sheet)

modern = lambda t: (t.get("ref") == "МКАД" or "aeroway" in t or t.get("building") == "apartments"
                    or t.get("landuse") in ("industrial", "residential"))

# Areas: forests (with tree marks), water.
for refs, tags, _ in ways:
    if modern(tags):
        continue
    if tags.get("landuse") == "forest" or tags.get("natural") == "wood":
        pts = xy(refs)
        d.polygon(pts, fill=WOOD)
        xs = [min(max(p[0], 0), SHEET_W - 1) for p in pts]
        ys = [min(max(p[1], 0), SHEET_H - 1) for p in pts]
        mask = Image.new("L", sheet.size, 0)
        ImageDraw.Draw(mask).polygon(pts, fill=255)
        for _ in range(int((max(xs) - min(xs)) * (max(ys) - min(ys)) / 2500)):
            x, y = random.uniform(min(xs), max(xs)), random.uniform(min(ys), max(ys))
            if mask.getpixel((int(x), int(y))):
                d.ellipse((x - 4, y - 4, x + 4, y + 4), outline=(96, 110, 70), width=2)
                d.line((x, y + 4, x, y + 9), fill=(96, 110, 70), width=2)
for refs, tags, _ in ways:
    if tags.get("natural") == "water":
        d.polygon(xy(refs), fill=WATER, outline=WATER_INK)
for members, tags in multipolygons:
    if tags.get("natural") == "water":
        for role, refs in members:
            d.polygon(xy(refs), fill=WATER if role == "outer" else PAPER, outline=WATER_INK)

# Lines: rivers and the canal, roads, railways.
for refs, tags, _ in ways:
    kind = tags.get("waterway")
    if kind:
        d.line(xy(refs), fill=WATER_INK, width={"canal": 9, "river": 5}.get(kind, 3), joint="curve")
for refs, tags, _ in ways:
    h = tags.get("highway")
    if not h or modern(tags):
        continue
    pts = xy(refs)
    if h in ("trunk", "primary"):
        d.line(pts, fill=INK, width=11, joint="curve")
        d.line(pts, fill=(214, 150, 92) if h == "trunk" else (236, 214, 160), width=7,
               joint="curve")
    else:
        d.line(pts, fill=INK, width=3, joint="curve")
for refs, tags, _ in ways:
    if tags.get("railway") == "rail":
        pts = xy(refs)
        d.line(pts, fill=INK, width=9, joint="curve")
        d.line(pts, fill=PAPER, width=5, joint="curve")
        # Alternating black bars, the railway symbol of the period.
        length = 0.0
        for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
            seg = math.hypot(x1 - x0, y1 - y0)
            t = 0.0
            while t < seg:
                a = t / seg
                b = min(seg, t + 18) / seg
                if int((length + t) // 18) % 2 == 0:
                    d.line((x0 + (x1 - x0) * a, y0 + (y1 - y0) * a,
                            x0 + (x1 - x0) * b, y0 + (y1 - y0) * b), fill=INK, width=5)
                t += 18
            length += seg

# The church, a small-town map's landmark, and the names of then.
church = None
for refs, tags, _ in ways:
    if tags.get("amenity") == "place_of_worship":
        lons = [nodes[r][0] for r in refs[:-1]]
        lats = [nodes[r][1] for r in refs[:-1]]
        church = (sum(lons) / len(lons), sum(lats) / len(lats))
        x, y = sheet_px(*church)
        d.ellipse((x - 7, y - 7, x + 7, y + 7), outline=INK, width=3)
        d.line((x, y - 7, x, y - 24), fill=INK, width=3)
        d.line((x - 6, y - 18, x + 6, y - 18), fill=INK, width=3)
for (lon, lat), tags in points:
    if tags.get("railway") == "station" and WEST < lon < EAST and SOUTH < lat < NORTH:
        x, y = sheet_px(lon, lat)
        d.rectangle((x - 12, y - 6, x + 12, y + 6), fill=INK)
        d.text((x + 16, y - 30), "ст. " + tags["name"], font=font(24, italic=True), fill=INK)
names_1941 = {"Химки": ((37.4560, 55.8840), 44, True), "Сходня": ((37.3120, 55.9400), 30, False),
              "Куркино": ((37.3900, 55.8900), 30, False),
              "Бутаково": ((37.4240, 55.8660), 26, False), "Ивакино": ((37.4300, 55.9180), 26, False),
              "Филино": ((37.3400, 55.9280), 26, False), "Машкино": ((37.3700, 55.8650), 26, False),
              "Петровское": ((37.3200, 55.8350), 26, False)}
for name, ((lon, lat), size, bold) in names_1941.items():
    x, y = sheet_px(lon, lat)
    if name != "Химки":
        for i in range(5):
            hx, hy = x - 30 + i * 14, y + 14
            d.rectangle((hx, hy, hx + 9, hy + 6), fill=INK)
    d.text((x + 12, y - size - 4), name, font=font(size, bold), fill=INK)
d.text(sheet_px(37.468, 55.862), "Химкинское\nвдхр.", font=font(24, italic=True), fill=WATER_INK)
d.text(sheet_px(37.4965, 55.922), "Канал\nМосква—Волга", font=font(24, italic=True), fill=WATER_INK)

# The frame, its corner coordinates, the title, the outside of the frame cleared.
fx0, fy0 = sheet_px(WEST, NORTH)
fx1, fy1 = sheet_px(EAST, SOUTH)
for box in ((0, 0, SHEET_W, fy0), (0, fy1, SHEET_W, SHEET_H), (0, 0, fx0, SHEET_H),
            (fx1, 0, SHEET_W, SHEET_H)):
    d.rectangle(box, fill=PAPER)
d.rectangle((fx0, fy0, fx1, fy1), outline=INK, width=4)
d.rectangle((fx0 - 14, fy0 - 14, fx1 + 14, fy1 + 14), outline=INK, width=7)


def dms(v):
    return f"{int(v)}°{round((v - int(v)) * 60):02d}′"


small = font(26)
d.text((fx0, fy0 - 56), dms(WEST), font=small, fill=INK)
d.text((fx1 - 90, fy0 - 56), dms(EAST), font=small, fill=INK)
d.text((fx0 - 150, fy0 - 6), dms(NORTH), font=small, fill=INK)
d.text((fx0 - 150, fy1 - 22), dms(SOUTH), font=small, fill=INK)
d.text((fx1 + 24, fy0 - 6), dms(NORTH), font=small, fill=INK)
d.text((fx1 + 24, fy1 - 22), dms(SOUTH), font=small, fill=INK)
d.text((SHEET_W / 2 - 330, 50), "ХИМКИ", font=font(64, True), fill=INK)
d.text((SHEET_W / 2 + 60, 70), "N-37-4-А (учебный образец)", font=font(30), fill=INK)
d.text((MARGIN_X, SHEET_H - 150), "Масштаб 1:50 000. Издание 1941 г. Синтетический лист для "
       "проверки привязки: не документ.", font=font(26, italic=True), fill=INK)

# Age: stains, a fold, grain, a softer line; then the crooked scan.
age = Image.new("L", sheet.size, 0)
ad = ImageDraw.Draw(age)
for _ in range(14):
    x, y, r = random.uniform(0, SHEET_W), random.uniform(0, SHEET_H), random.uniform(60, 260)
    ad.ellipse((x - r, y - r, x + r, y + r), fill=random.randint(20, 55))
age = age.filter(ImageFilter.GaussianBlur(40))
sheet = Image.composite(Image.new("RGB", sheet.size, (176, 146, 98)), sheet, age)
d = ImageDraw.Draw(sheet)
d.line((SHEET_W / 2, 0, SHEET_W / 2 + 6, SHEET_H), fill=(200, 186, 150), width=5)
noise = Image.effect_noise(sheet.size, 22).convert("RGB")
sheet = Image.blend(sheet, noise, 0.07).filter(ImageFilter.GaussianBlur(0.8))

# PIL's affine transform maps each output pixel back to the input: invert scan_px.
inv = (_c, _s, SHEET_W / 2 - _c * SCAN_W / 2 - _s * SCAN_H / 2,
       -_s, _c, SHEET_H / 2 + _s * SCAN_W / 2 - _c * SCAN_H / 2)
scan = sheet.transform((SCAN_W, SCAN_H), Image.AFFINE, inv, resample=Image.BICUBIC,
                       fillcolor=(58, 58, 60))
scan.save(out, optimize=True)

gcps = [(WEST, NORTH), (EAST, NORTH), (EAST, SOUTH), (WEST, SOUTH), church]
print(f"{out}: {SCAN_W}x{SCAN_H} px; ground control points (pixel column, row, lon, lat):")
print(" ".join(f"-gcp {round(scan_px(*sheet_px(lon, lat))[0])} "
               f"{round(scan_px(*sheet_px(lon, lat))[1])} {lon:.4f} {lat:.4f}"
               for lon, lat in gcps))
