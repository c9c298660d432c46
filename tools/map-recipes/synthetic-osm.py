#!/usr/bin/env python3
"""Writes a small, invented but plausible OpenStreetMap XML file of Khimki and its surroundings
(lon 36.95-37.80, lat 55.70-56.20), to stand in for a regional extract when the recipes of the
README's «Карта» section are tried on a machine with no internet. The shapes are rough hand
approximations, not survey data: the canal, reservoirs, rivers, two railways, the main roads,
forests, an airfield, a few streets and buildings, towns and villages, and one multipolygon and
one boundary relation so that relations go through the tools too.

Usage: synthetic-osm.py OUT.osm
"""
import math
import random
import sys
from xml.sax.saxutils import quoteattr

random.seed(1941)
nodes = []  # (id, lon, lat, tags)
ways = []  # (id, [node ids], tags)
relations = []  # (id, [(type, ref, role)], tags)
next_node, next_way, next_rel = [1000], [500], [100]


def node(lon, lat, tags=None):
    nid = next_node[0]
    next_node[0] += 1
    nodes.append((nid, lon, lat, tags or {}))
    return nid


def densify(points, step_m=250, wiggle=0.0):
    """Vertices every step_m metres along the polyline, nudged sideways by up to wiggle metres."""
    out = [points[0]]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        kx = 111320 * math.cos(math.radians((y0 + y1) / 2))
        dist = math.hypot((x1 - x0) * kx, (y1 - y0) * 111320)
        n = max(1, int(dist / step_m))
        for i in range(1, n + 1):
            t = i / n
            x, y = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
            if wiggle and i < n:
                x += random.uniform(-wiggle, wiggle) / kx
                y += random.uniform(-wiggle, wiggle) / 111320
            out.append((x, y))
    return out


def way(points, tags, closed=False, step_m=250, wiggle=0.0):
    pts = densify(points + ([points[0]] if closed else []), step_m, wiggle)
    if closed:
        pts = pts[:-1]
    ids = [node(x, y) for x, y in pts]
    if closed:
        ids.append(ids[0])
    wid = next_way[0]
    next_way[0] += 1
    ways.append((wid, ids, tags))
    return wid


def relation(members, tags):
    rid = next_rel[0]
    next_rel[0] += 1
    relations.append((rid, members, tags))
    return rid


# Water.
way([(37.443, 55.815), (37.452, 55.835), (37.462, 55.845)],
    {"waterway": "canal", "name": "Канал имени Москвы", "name:en": "Moscow Canal"})
reservoir_outer = way([(37.462, 55.845), (37.470, 55.842), (37.478, 55.852), (37.486, 55.868),
                       (37.484, 55.885), (37.478, 55.892), (37.470, 55.890), (37.466, 55.875),
                       (37.458, 55.860), (37.455, 55.850)], {}, closed=True, step_m=150, wiggle=40)
reservoir_island = way([(37.471, 55.866), (37.475, 55.866), (37.475, 55.870), (37.471, 55.870)],
                       {}, closed=True, step_m=100)
relation([("way", reservoir_outer, "outer"), ("way", reservoir_island, "inner")],
         {"type": "multipolygon", "natural": "water", "water": "reservoir",
          "name": "Химкинское водохранилище", "name:en": "Khimki Reservoir"})
way([(37.478, 55.892), (37.490, 55.910), (37.503, 55.930), (37.515, 55.952), (37.520, 55.975),
     (37.518, 55.995)],
    {"waterway": "canal", "name": "Канал имени Москвы", "name:en": "Moscow Canal"})
way([(37.500, 55.995), (37.540, 55.990), (37.580, 56.000), (37.610, 56.015), (37.590, 56.030),
     (37.550, 56.025), (37.520, 56.020), (37.505, 56.010)],
    {"natural": "water", "water": "reservoir", "name": "Клязьминское водохранилище"},
    closed=True, step_m=200, wiggle=60)
way([(37.518, 56.020), (37.515, 56.060), (37.512, 56.120)],
    {"waterway": "canal", "name": "Канал имени Москвы"})
way([(37.300, 56.080), (37.330, 56.040), (37.345, 56.000), (37.360, 55.960), (37.385, 55.920),
     (37.405, 55.880), (37.420, 55.850), (37.440, 55.820), (37.450, 55.790)],
    {"waterway": "river", "name": "Сходня"}, wiggle=80)
way([(37.390, 55.930), (37.410, 55.905), (37.430, 55.880), (37.448, 55.860), (37.455, 55.848)],
    {"waterway": "river", "name": "Химка"}, wiggle=60)
way([(37.300, 56.050), (37.400, 56.030), (37.500, 56.005), (37.620, 55.985), (37.750, 55.960)],
    {"waterway": "river", "name": "Клязьма"}, wiggle=100)
way([(37.010, 55.900), (37.150, 55.830), (37.300, 55.780), (37.430, 55.770), (37.600, 55.740)],
    {"waterway": "river", "name": "Москва", "name:en": "Moskva"}, wiggle=120)
way([(37.250, 55.970), (37.258, 55.968), (37.262, 55.973), (37.255, 55.976)],
    {"natural": "water", "water": "pond"}, closed=True, step_m=80)

# Railways.
way([(37.655, 55.777), (37.580, 55.805), (37.520, 55.835), (37.470, 55.868), (37.440, 55.893),
     (37.400, 55.915), (37.335, 55.950), (37.270, 55.970), (37.205, 55.982), (37.100, 56.020),
     (36.980, 56.100)],
    {"railway": "rail", "usage": "main", "electrified": "contact_line", "gauge": "1520",
     "name": "Октябрьская железная дорога"})
way([(37.590, 55.795), (37.565, 55.850), (37.540, 55.885), (37.515, 55.935), (37.500, 55.975),
     (37.487, 56.010), (37.480, 56.060), (37.470, 56.140)],
    {"railway": "rail", "usage": "main", "electrified": "contact_line", "gauge": "1520",
     "name": "Савёловское направление"})
for name, (lon, lat) in {"Химки": (37.440, 55.893), "Сходня": (37.335, 55.950),
                         "Крюково": (37.205, 55.982), "Долгопрудная": (37.515, 55.935),
                         "Лобня": (37.487, 56.010)}.items():
    node(lon, lat, {"railway": "station", "public_transport": "station", "name": name})

# Roads.
way([(37.505, 55.805), (37.482, 55.840), (37.458, 55.872), (37.432, 55.900), (37.395, 55.925),
     (37.330, 55.958), (37.260, 55.975), (37.190, 55.995), (37.100, 56.030), (36.990, 56.110)],
    {"highway": "trunk", "ref": "М-10", "name": "Ленинградское шоссе", "lanes": "6",
     "maxspeed": "90"})
way([(37.370, 55.830), (37.390, 55.860), (37.420, 55.880), (37.470, 55.882), (37.520, 55.890),
     (37.570, 55.898), (37.620, 55.897)],
    {"highway": "motorway", "ref": "МКАД", "name": "Московская кольцевая автомобильная дорога",
     "oneway": "yes"})
way([(37.445, 55.889), (37.470, 55.905), (37.500, 55.930), (37.505, 55.960), (37.490, 56.005),
     (37.480, 56.060)],
    {"highway": "primary", "name": "Дмитровское шоссе"})
way([(37.445, 55.889), (37.420, 55.940), (37.415, 55.975), (37.420, 56.000)],
    {"highway": "primary", "name": "Шереметьевское шоссе"})
way([(37.330, 55.958), (37.300, 55.990), (37.260, 56.030), (37.230, 56.070)],
    {"highway": "secondary", "name": "Пятницкое шоссе"})
for a, b, name in [((37.425, 55.885), (37.455, 55.895), "улица Московская"),
                   ((37.430, 55.895), (37.450, 55.882), "проспект Мира"),
                   ((37.438, 55.880), (37.442, 55.900), "улица Гоголя"),
                   ((37.447, 55.880), (37.452, 55.898), "Юбилейный проспект")]:
    way([a, b], {"highway": "residential" if "улица" in name else "tertiary", "name": name},
        step_m=120)
way([(37.484, 55.9175), (37.4965, 55.9125)],
    {"highway": "secondary", "bridge": "yes", "layer": "1", "name": "Лихачёвский мост"},
    step_m=100)
way([(37.4555, 55.9085), (37.4650, 55.9085)], {"highway": "service", "service": "driveway"},
    step_m=100)
way([(37.400, 55.955), (37.450, 55.975)], {"aeroway": "runway", "ref": "06L/24R"}, step_m=500)

# Land.
way([(37.360, 55.900), (37.395, 55.898), (37.420, 55.910), (37.425, 55.935), (37.400, 55.945),
     (37.370, 55.938), (37.355, 55.920)],
    {"landuse": "forest", "name": "Химкинский лес"}, closed=True, step_m=200, wiggle=50)
way([(37.340, 55.995), (37.400, 55.990), (37.445, 56.005), (37.440, 56.040), (37.380, 56.050),
     (37.335, 56.030)],
    {"landuse": "forest"}, closed=True, step_m=250, wiggle=70)
way([(37.130, 55.940), (37.200, 55.930), (37.240, 55.950), (37.220, 55.975), (37.150, 55.980)],
    {"natural": "wood"}, closed=True, step_m=250, wiggle=70)
way([(37.540, 55.910), (37.600, 55.905), (37.610, 55.960), (37.560, 55.970)],
    {"landuse": "forest", "leisure": "nature_reserve", "name": "Долгопрудненский лес"},
    closed=True, step_m=250, wiggle=60)
way([(37.390, 55.950), (37.460, 55.950), (37.465, 55.985), (37.395, 55.985)],
    {"aeroway": "aerodrome", "iata": "SVO", "icao": "UUEE", "name": "Шереметьево"},
    closed=True, step_m=300)
way([(37.425, 55.880), (37.458, 55.878), (37.462, 55.900), (37.428, 55.902)],
    {"landuse": "residential", "name": "Химки"}, closed=True, step_m=200)
way([(37.170, 55.975), (37.215, 55.975), (37.218, 56.005), (37.172, 56.008)],
    {"landuse": "residential"}, closed=True, step_m=200)
way([(37.455, 55.905), (37.470, 55.905), (37.470, 55.912), (37.455, 55.912)],
    {"landuse": "industrial", "name": "завод «Энергомаш»"}, closed=True, step_m=150)
way([(37.438, 55.872), (37.446, 55.872), (37.446, 55.877), (37.438, 55.877)],
    {"leisure": "park", "name": "парк имени Льва Толстого"}, closed=True, step_m=100)
way([(37.300, 55.900), (37.340, 55.895), (37.345, 55.915), (37.305, 55.918)],
    {"landuse": "farmland"}, closed=True, step_m=300)
way([(37.441, 55.8885), (37.4414, 55.8885), (37.4414, 55.8888), (37.441, 55.8888)],
    {"building": "church", "amenity": "place_of_worship", "religion": "christian",
     "name": "Церковь Покрова Пресвятой Богородицы"}, closed=True, step_m=50)
for i in range(12):
    lon, lat = 37.432 + (i % 4) * 0.004, 55.884 + (i // 4) * 0.003
    way([(lon, lat), (lon + 0.0012, lat), (lon + 0.0012, lat + 0.0006), (lon, lat + 0.0006)],
        {"building": "apartments", "building:levels": str(5 + i % 5),
         "addr:street": "улица Московская", "addr:housenumber": str(i + 1)},
        closed=True, step_m=500)
node(37.4448, 55.8903, {"historic": "memorial", "memorial": "war_memorial",
                        "name": "Противотанковые ежи"})
node(37.3640, 55.9050, {"historic": "memorial", "name": "Братская могила"})

# Places.
for name, (lon, lat), place, pop in [
        ("Химки", (37.4450, 55.8890), "town", "259550"),
        ("Долгопрудный", (37.5000, 55.9350), "town", "113880"),
        ("Лобня", (37.4800, 56.0100), "town", "94410"),
        ("Зеленоград", (37.1900, 55.9900), "city", "256800"),
        ("Сходня", (37.3000, 55.9500), "suburb", None),
        ("Куркино", (37.3900, 55.8900), "suburb", None),
        ("Фирсановка", (37.2500, 55.9600), "village", "9000"),
        ("Черкизово", (37.4200, 55.9700), "hamlet", None),
        ("Москва", (37.6176, 55.7558), "city", "13010112"),
        ("Солнечногорск", (36.9800, 56.1800), "town", "52996")]:
    tags = {"place": place, "name": name}
    if pop:
        tags["population"] = pop
    if name == "Москва":
        tags.update({"capital": "yes", "name:en": "Moscow"})
    node(lon, lat, tags)

# An administrative boundary made of two ways.
b1 = way([(37.33, 55.86), (37.50, 55.86), (37.55, 55.95)], {}, step_m=400)
b2 = way([(37.55, 55.95), (37.45, 56.03), (37.33, 55.99), (37.33, 55.86)], {}, step_m=400)
relation([("way", b1, "outer"), ("way", b2, "outer")],
         {"type": "boundary", "boundary": "administrative", "admin_level": "6",
          "name": "городской округ Химки"})

ts = 'version="1" timestamp="2024-05-09T10:00:00Z" changeset="1" uid="1" user="synthetic"'
with open(sys.argv[1], "w", encoding="utf-8") as f:
    w = f.write
    w('<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="synthetic-osm.py">\n')
    w('  <bounds minlat="55.70" minlon="36.95" maxlat="56.20" maxlon="37.80"/>\n')

    def tag_lines(tags):
        return "".join(f'    <tag k={quoteattr(k)} v={quoteattr(v)}/>\n' for k, v in tags.items())

    for nid, lon, lat, tags in nodes:
        if tags:
            w(f'  <node id="{nid}" {ts} lat="{lat:.7f}" lon="{lon:.7f}">\n{tag_lines(tags)}  </node>\n')
        else:
            w(f'  <node id="{nid}" {ts} lat="{lat:.7f}" lon="{lon:.7f}"/>\n')
    for wid, ids, tags in ways:
        w(f'  <way id="{wid}" {ts}>\n')
        w("".join(f'    <nd ref="{i}"/>\n' for i in ids))
        w(tag_lines(tags) + "  </way>\n")
    for rid, members, tags in relations:
        w(f'  <relation id="{rid}" {ts}>\n')
        w("".join(f'    <member type="{t}" ref="{r}" role="{role}"/>\n' for t, r, role in members))
        w(tag_lines(tags) + "  </relation>\n")
    w("</osm>\n")
print(f"{sys.argv[1]}: {len(nodes)} nodes, {len(ways)} ways, {len(relations)} relations")
