//! Renders a Mapbox vector tile (<https://github.com/mapbox/vector-tile-spec>, the tiles of a
//! vector MBTiles file) into a 256-pixel picture in one of the portal's palettes.
//!
//! Why on the server: a town's administrator makes a vector MBTiles file from OpenStreetMap in
//! one command (README, «Карта»), and visitors should see it on a kiosk without WebGL, on an old
//! school computer and on a phone alike, through the same Leaflet map as a raster file — and the
//! tiles a browser keeps for a day cost the server one drawing each.
//!
//! What is drawn is chosen from each feature's tags, whichever schema made the file: the
//! OpenMapTiles schema (tilemaker, OpenMapTiles: `class`, `subclass`), Shortbread (`kind`), or
//! OpenStreetMap's own keys (`highway`, `waterway`, `natural`… as GDAL's OSM driver writes them).
//! The layer's name helps where a feature has no telling tag (`water`, `building`, `place`).
//! Anything else — boundaries, points of interest, house numbers — is left out: the museum's
//! places are the map's subject, the base only says where they are.

use crate::labels::{self, Text};
use crate::paint::{blank, fill_even_odd, stroke};
use crate::palette::Palette;
use crate::{TILE, palette_png};
use geo_types::{Coord, Geometry, LineString, Polygon};
use mvt_reader::Reader;
use mvt_reader::feature::Value;
use std::collections::HashMap;
use std::io::Read;
use tiny_skia::{PathBuilder, Pixmap};

/// Why a tile could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum VectorError {
    #[error("the tile is not gzip or not readable: {0}")]
    Gzip(#[from] std::io::Error),
    #[error("the tile is not a Mapbox vector tile: {0}")]
    Decode(String),
    #[error("the tile could not be written as PNG: {0}")]
    Png(#[from] ::png::EncodingError),
}

/// Which part of the stored tile is asked for: the whole tile (`depth` 0), or, beyond the file's
/// last zoom, the square `(column, row)` of the `2^depth` × `2^depth` grid the tile splits into.
/// Vector tiles are drawn crisp at any enlargement, so the file's last zoom need not be the
/// map's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Part {
    pub depth: u8,
    pub column: u32,
    pub row: u32,
}

impl Part {
    /// The stored tile and the part of it that `(z, x, y)` is, for a file whose last zoom is
    /// `max_zoom`.
    pub fn of(z: u8, x: u32, y: u32, max_zoom: u8) -> ((u8, u32, u32), Part) {
        if z <= max_zoom {
            return ((z, x, y), Part::default());
        }
        let depth = z - max_zoom;
        let mask = (1u32 << depth) - 1;
        (
            (max_zoom, x >> depth, y >> depth),
            Part {
                depth,
                column: x & mask,
                row: y & mask,
            },
        )
    }
}

/// The PNG of the tile at zoom `z` drawn from `data` (the stored bytes, gzip-compressed or not).
pub fn render_png(
    data: &[u8],
    z: u8,
    part: Part,
    palette: &Palette,
) -> Result<Vec<u8>, VectorError> {
    Ok(palette_png::encode(&render(data, z, part, palette)?)?)
}

/// The tile at zoom `z` drawn from `data`.
pub fn render(data: &[u8], z: u8, part: Part, palette: &Palette) -> Result<Pixmap, VectorError> {
    let raw = if data.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::with_capacity(data.len() * 4);
        flate2::read::GzDecoder::new(data).read_to_end(&mut out)?;
        out
    } else {
        data.to_vec()
    };
    let reader = Reader::new(raw).map_err(|e| VectorError::Decode(e.to_string()))?;
    let layers = reader
        .get_layer_metadata()
        .map_err(|e| VectorError::Decode(e.to_string()))?;
    let mut shapes: Vec<Shape> = Vec::new();
    let mut places: Vec<Place> = Vec::new();
    for layer in layers {
        // A layer with a malformed feature is left out, not the whole tile.
        let Ok(features) = reader.get_features(layer.layer_index) else {
            continue;
        };
        let to_pixels = Frame::new(layer.extent, part);
        let layer_name = layer.name.to_ascii_lowercase();
        for feature in features {
            let tags = Tags(feature.properties.as_ref());
            let geometry = feature.get_geometry();
            match geometry {
                Geometry::Point(_) | Geometry::MultiPoint(_) => {
                    if let Some(place) = place(&layer_name, &tags, geometry, &to_pixels) {
                        places.push(place);
                    }
                }
                _ => {
                    let Some(kind) = classify(&layer_name, &tags, geometry) else {
                        continue;
                    };
                    if !kind.shown_at(z) {
                        continue;
                    }
                    if let Some(path) = to_pixels.path(geometry) {
                        shapes.push(Shape { kind, path });
                    }
                }
            }
        }
    }
    let mut pixmap = blank(palette.land);
    // Painter's order: areas, then water, then lines from the least to the most important;
    // within a kind, the casings of all roads before their fill, so crossings join.
    shapes.sort_by_key(|s| s.kind.order());
    let zf = f32::from(z);
    for shape in &shapes {
        draw_casing(&mut pixmap, shape, zf, palette);
    }
    for shape in &shapes {
        draw_body(&mut pixmap, shape, zf, palette);
    }
    write_places(&mut pixmap, places, z, palette);
    Ok(pixmap)
}

/// What a feature is drawn as.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Forest,
    Settlement,
    Airfield,
    Water,
    Building,
    /// A river or canal (`true`), or a stream or ditch.
    Waterway(bool),
    /// 0: tracks and paths, 1: streets, 2: secondary and tertiary roads, 3: motorways, trunk
    /// and primary roads.
    Road(u8),
    Railway,
}

impl Kind {
    fn order(&self) -> u8 {
        match self {
            Kind::Forest => 0,
            Kind::Settlement => 1,
            Kind::Airfield => 2,
            Kind::Water => 3,
            Kind::Building => 4,
            Kind::Waterway(_) => 5,
            Kind::Road(rank) => 6 + rank,
            Kind::Railway => 10,
        }
    }

    /// Small things only when there is room for them.
    fn shown_at(&self, z: u8) -> bool {
        match self {
            Kind::Building => z >= 14,
            Kind::Road(0) => z >= 14,
            Kind::Road(1) => z >= 12,
            Kind::Waterway(false) => z >= 12,
            _ => true,
        }
    }
}

struct Shape {
    kind: Kind,
    path: tiny_skia::Path,
}

fn draw_casing(pixmap: &mut Pixmap, shape: &Shape, zf: f32, p: &Palette) {
    match shape.kind {
        Kind::Road(rank) if rank >= 1 => {
            let w = road_width(rank, zf);
            let casing = if rank == 3 {
                p.highway_casing
            } else {
                p.road_casing
            };
            stroke(pixmap, &shape.path, casing, w + 1.5, None);
        }
        Kind::Waterway(true) => {
            let w = (zf - 9.0).clamp(1.0, 6.0);
            if w > 3.0 {
                stroke(pixmap, &shape.path, p.water_edge, w + 1.5, None);
            }
        }
        _ => {}
    }
}

fn draw_body(pixmap: &mut Pixmap, shape: &Shape, zf: f32, p: &Palette) {
    let path = &shape.path;
    match shape.kind {
        Kind::Forest => fill_even_odd(pixmap, path, p.forest),
        Kind::Settlement => {
            fill_even_odd(pixmap, path, p.settlement);
            if zf >= 11.0 {
                stroke(pixmap, path, p.settlement_edge, 1.0, None);
            }
        }
        Kind::Airfield => fill_even_odd(pixmap, path, p.airfield),
        Kind::Water => {
            fill_even_odd(pixmap, path, p.water);
            stroke(pixmap, path, p.water_edge, 1.0, None);
        }
        Kind::Building => fill_even_odd(pixmap, path, p.building),
        Kind::Waterway(major) => {
            let w = if major {
                (zf - 9.0).clamp(1.0, 6.0)
            } else {
                (zf - 12.0).clamp(0.8, 2.0)
            };
            stroke(pixmap, path, p.water, w, None);
        }
        Kind::Road(0) => stroke(pixmap, path, p.road_casing, 1.0, Some(vec![3.0, 2.0])),
        Kind::Road(rank) => {
            let colour = if rank == 3 { p.highway } else { p.road };
            stroke(pixmap, path, colour, road_width(rank, zf), None);
        }
        Kind::Railway => {
            let w = (zf - 9.0).clamp(1.2, 4.0);
            stroke(pixmap, path, p.railway, w, None);
            if zf >= 12.0 {
                stroke(pixmap, path, p.land, w * 0.5, Some(vec![6.0, 6.0]));
            }
        }
    }
}

fn road_width(rank: u8, zf: f32) -> f32 {
    match rank {
        3 => (zf - 8.0).clamp(1.5, 7.0),
        2 => (zf - 9.0).clamp(1.0, 5.0),
        _ => (zf - 11.0).clamp(0.8, 4.0),
    }
}

/// A feature's tags, read as text whatever their stored type.
struct Tags<'a>(Option<&'a HashMap<String, Value>>);

impl Tags<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        match self.0?.get(key)? {
            Value::String(s) if !s.is_empty() => Some(s.as_str()),
            _ => None,
        }
    }

    fn has(&self, key: &str) -> bool {
        self.0.is_some_and(|t| t.contains_key(key))
    }

    /// The feature's kind in whatever schema made it: OpenMapTiles' `class` and `subclass`,
    /// Shortbread's `kind`, or the OpenStreetMap value of one of `keys`.
    fn values<'k>(&'k self, keys: &'k [&'k str]) -> impl Iterator<Item = &'k str> + 'k {
        ["class", "subclass", "kind", "type"]
            .iter()
            .chain(keys.iter())
            .filter_map(|k| self.get(k))
    }

    fn any(&self, keys: &[&str], wanted: &[&str]) -> bool {
        self.values(keys).any(|v| wanted.contains(&v))
    }
}

const WATER_AREAS: &[&str] = &[
    "water",
    "lake",
    "river",
    "riverbank",
    "reservoir",
    "basin",
    "pond",
    "ocean",
    "canal",
    "dock",
];
const GREEN: &[&str] = &[
    "wood",
    "forest",
    "scrub",
    "heath",
    "grass",
    "grassland",
    "meadow",
    "park",
    "garden",
    "wetland",
    "orchard",
    "cemetery",
    "recreation_ground",
    "village_green",
];
const BUILT_UP: &[&str] = &[
    "residential",
    "suburb",
    "neighbourhood",
    "quarter",
    "commercial",
    "retail",
    "industrial",
    "garages",
    "railway",
    "construction",
    "city",
    "town",
    "village",
    "hamlet",
];
const MAJOR_ROADS: &[&str] = &[
    "motorway",
    "trunk",
    "primary",
    "motorway_link",
    "trunk_link",
];
const MIDDLE_ROADS: &[&str] = &[
    "secondary",
    "tertiary",
    "primary_link",
    "secondary_link",
    "tertiary_link",
];
const STREETS: &[&str] = &[
    "minor",
    "residential",
    "unclassified",
    "living_street",
    "service",
    "road",
    "street",
    "pedestrian",
];
const PATHS: &[&str] = &["track", "path", "footway", "cycleway", "bridleway", "steps"];
const RAILWAYS: &[&str] = &["rail", "light_rail", "narrow_gauge", "transit"];

fn classify(layer: &str, tags: &Tags<'_>, geometry: &Geometry<f32>) -> Option<Kind> {
    let area = matches!(geometry, Geometry::Polygon(_) | Geometry::MultiPolygon(_));
    let osm = [
        "natural", "landuse", "leisure", "water", "waterway", "place", "aeroway", "highway",
        "railway",
    ];
    if area {
        if layer.contains("building") || tags.has("building") {
            return Some(Kind::Building);
        }
        if layer.contains("water") || tags.any(&osm, WATER_AREAS) {
            return Some(Kind::Water);
        }
        if layer.contains("aero") || tags.any(&["aeroway"], &["aerodrome", "runway", "apron"]) {
            return Some(Kind::Airfield);
        }
        if tags.any(&osm, GREEN) || layer == "park" {
            return Some(Kind::Forest);
        }
        if tags.any(&osm, BUILT_UP) {
            return Some(Kind::Settlement);
        }
        return None;
    }
    // Lines.
    if tags.any(&["railway"], RAILWAYS) || (tags.has("railway") && !tags.has("highway")) {
        return Some(Kind::Railway);
    }
    if tags.any(&["waterway"], &["river", "canal"]) {
        return Some(Kind::Waterway(true));
    }
    if tags.any(&["waterway"], &["stream", "drain", "ditch", "brook"]) || layer.contains("water") {
        return Some(Kind::Waterway(false));
    }
    let road_layer =
        layer.contains("transport") || layer.contains("street") || layer.contains("road");
    if tags.any(&["highway"], MAJOR_ROADS) {
        return Some(Kind::Road(3));
    }
    if tags.any(&["highway"], MIDDLE_ROADS) {
        return Some(Kind::Road(2));
    }
    if tags.any(&["highway"], PATHS) {
        return Some(Kind::Road(0));
    }
    if tags.any(&["highway"], STREETS) || road_layer {
        return Some(Kind::Road(1));
    }
    None
}

/// A settlement's name and how important the settlement is (0 the largest).
struct Place {
    name: String,
    rank: u8,
    x: f32,
    y: f32,
}

fn place(layer: &str, tags: &Tags<'_>, geometry: &Geometry<f32>, frame: &Frame) -> Option<Place> {
    let kind = tags
        .values(&["place"])
        .find(|v| PLACE_RANKS.iter().any(|(k, _)| k == v));
    let rank = match kind {
        Some(kind) => PLACE_RANKS
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, r)| *r)?,
        // A place layer whose features carry no kind: every point is a village.
        None if layer.contains("place") => 3,
        None => return None,
    };
    // The Russian name first: a file made for the whole world may carry it beside the local one.
    let name = ["name:ru", "name", "name_int", "name:latin"]
        .iter()
        .find_map(|k| tags.get(k))?;
    let point = match geometry {
        Geometry::Point(p) => p.0,
        Geometry::MultiPoint(m) => m.0.first()?.0,
        _ => return None,
    };
    let (x, y) = frame.pixel(point);
    Some(Place {
        name: name.to_string(),
        rank,
        x,
        y,
    })
}

const PLACE_RANKS: &[(&str, u8)] = &[
    ("city", 0),
    ("town", 1),
    ("suburb", 2),
    ("village", 3),
    ("hamlet", 4),
    ("neighbourhood", 4),
    ("quarter", 4),
    ("isolated_dwelling", 5),
    ("locality", 5),
];

/// From which zoom a place of this rank is named: cities first, hamlets when there is room.
fn place_min_zoom(rank: u8) -> u8 {
    [0, 9, 11, 12, 14, 15][usize::from(rank.min(5))]
}

/// Names, the important first, none over another: a name that would touch one already written
/// is left for a closer zoom. A tile names only the places inside it (a tile also holds its
/// neighbours' features near the edge), and keeps the whole name inside, moved off the edge if
/// need be: the neighbour does not write it, so a name is never cut in half.
fn write_places(pixmap: &mut Pixmap, mut places: Vec<Place>, z: u8, p: &Palette) {
    let side = TILE as f32;
    places.retain(|pl| {
        z >= place_min_zoom(pl.rank) && (0.0..side).contains(&pl.x) && (0.0..side).contains(&pl.y)
    });
    places.sort_by(|a, b| a.rank.cmp(&b.rank).then(a.name.cmp(&b.name)));
    let mut taken: Vec<[f32; 4]> = Vec::new();
    let mut texts: Vec<Text<'_>> = Vec::new();
    for place in &places {
        let size = match place.rank {
            0 => 18.0,
            1 => 16.0,
            _ => 14.0,
        } + if z >= 14 { 1.0 } else { 0.0 };
        let mut text = Text {
            text: &place.name,
            x: place.x,
            // Under the point: the portal's markers stand above theirs.
            baseline: place.y + size * 1.15,
            size,
        };
        let b = text.bounds();
        let margin = 3.0;
        text.x += (margin - b[0]).max(0.0) - (b[2] - (side - margin)).max(0.0);
        text.baseline -= (b[3] - (side - margin)).max(0.0);
        let b = text.bounds();
        let clear =
            |t: &[f32; 4]| b[2] + 4.0 < t[0] || t[2] + 4.0 < b[0] || b[3] < t[1] || t[3] < b[1];
        if taken.iter().all(clear) {
            taken.push(b);
            texts.push(text);
        }
    }
    labels::draw(pixmap, &texts, p.label, p.land);
}

/// From a layer's tile coordinates (0..extent, y down) to the asked tile's pixels.
struct Frame {
    scale: f32,
    dx: f32,
    dy: f32,
}

impl Frame {
    fn new(extent: u32, part: Part) -> Frame {
        let grid = (1u32 << part.depth) as f32;
        let scale = TILE as f32 * grid / extent.max(1) as f32;
        Frame {
            scale,
            dx: part.column as f32 * TILE as f32,
            dy: part.row as f32 * TILE as f32,
        }
    }

    fn pixel(&self, c: Coord<f32>) -> (f32, f32) {
        (c.x * self.scale - self.dx, c.y * self.scale - self.dy)
    }

    fn path(&self, geometry: &Geometry<f32>) -> Option<tiny_skia::Path> {
        let mut pb = PathBuilder::new();
        match geometry {
            Geometry::LineString(l) => self.line(&mut pb, l, false),
            Geometry::MultiLineString(m) => m.0.iter().for_each(|l| self.line(&mut pb, l, false)),
            Geometry::Polygon(p) => self.polygon(&mut pb, p),
            Geometry::MultiPolygon(m) => m.0.iter().for_each(|p| self.polygon(&mut pb, p)),
            _ => return None,
        }
        pb.finish()
    }

    fn polygon(&self, pb: &mut PathBuilder, polygon: &Polygon<f32>) {
        self.line(pb, polygon.exterior(), true);
        for hole in polygon.interiors() {
            self.line(pb, hole, true);
        }
    }

    fn line(&self, pb: &mut PathBuilder, line: &LineString<f32>, closed: bool) {
        for (i, c) in line.0.iter().enumerate() {
            let (x, y) = self.pixel(*c);
            if i == 0 {
                pb.move_to(x, y);
            } else {
                pb.line_to(x, y);
            }
        }
        if closed {
            pb.close();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zoom_beyond_the_file_is_a_part_of_its_last_tile() {
        assert_eq!(
            Part::of(12, 2475, 1280, 14),
            ((12, 2475, 1280), Part::default())
        );
        let (tile, part) = Part::of(16, 4 * 9902 + 3, 4 * 5120 + 1, 14);
        assert_eq!(tile, (14, 9902, 5120));
        assert_eq!(
            part,
            Part {
                depth: 2,
                column: 3,
                row: 1
            }
        );
        // The part's corner is the asked tile's corner.
        let frame = Frame::new(4096, part);
        assert_eq!(
            frame.pixel(Coord {
                x: 3072.0,
                y: 1024.0
            }),
            (0.0, 0.0)
        );
        assert_eq!(
            frame.pixel(Coord {
                x: 4096.0,
                y: 2048.0
            }),
            (256.0, 256.0)
        );
    }

    fn tags(pairs: &[(&str, &str)]) -> HashMap<String, Value> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), Value::String(v.to_string())))
            .collect()
    }

    fn square() -> Geometry<f32> {
        Geometry::Polygon(Polygon::new(
            LineString::from(vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 0.0)]),
            vec![],
        ))
    }

    fn line() -> Geometry<f32> {
        Geometry::LineString(LineString::from(vec![(0.0, 0.0), (10.0, 10.0)]))
    }

    #[test]
    fn every_schema_names_water_roads_and_railways_alike() {
        // (layer, tags, geometry, what it is drawn as)
        type Case<'a> = (
            &'a str,
            &'a [(&'a str, &'a str)],
            Geometry<f32>,
            Option<Kind>,
        );
        let cases: &[Case<'_>] = &[
            // OpenMapTiles (tilemaker)
            ("water", &[("class", "lake")], square(), Some(Kind::Water)),
            (
                "transportation",
                &[("class", "primary")],
                line(),
                Some(Kind::Road(3)),
            ),
            (
                "transportation",
                &[("class", "rail")],
                line(),
                Some(Kind::Railway),
            ),
            (
                "waterway",
                &[("class", "canal")],
                line(),
                Some(Kind::Waterway(true)),
            ),
            (
                "landcover",
                &[("class", "wood")],
                square(),
                Some(Kind::Forest),
            ),
            (
                "landuse",
                &[("class", "residential")],
                square(),
                Some(Kind::Settlement),
            ),
            // Shortbread
            (
                "streets",
                &[("kind", "tertiary")],
                line(),
                Some(Kind::Road(2)),
            ),
            (
                "water_polygons",
                &[("kind", "reservoir")],
                square(),
                Some(Kind::Water),
            ),
            // OpenStreetMap's own keys (GDAL's OSM driver)
            (
                "lines",
                &[("highway", "trunk")],
                line(),
                Some(Kind::Road(3)),
            ),
            ("lines", &[("railway", "rail")], line(), Some(Kind::Railway)),
            (
                "lines",
                &[("waterway", "stream")],
                line(),
                Some(Kind::Waterway(false)),
            ),
            (
                "multipolygons",
                &[("natural", "water")],
                square(),
                Some(Kind::Water),
            ),
            (
                "multipolygons",
                &[("landuse", "forest")],
                square(),
                Some(Kind::Forest),
            ),
            (
                "multipolygons",
                &[("building", "yes")],
                square(),
                Some(Kind::Building),
            ),
            (
                "multipolygons",
                &[("aeroway", "aerodrome")],
                square(),
                Some(Kind::Airfield),
            ),
            // Not the base map's business.
            ("boundary", &[("admin_level", "4")], line(), None),
            ("multipolygons", &[("amenity", "school")], square(), None),
        ];
        for (layer, pairs, geometry, expected) in cases {
            let t = tags(pairs);
            assert_eq!(
                classify(layer, &Tags(Some(&t)), geometry),
                *expected,
                "{layer} {pairs:?}"
            );
        }
    }

    #[test]
    fn a_place_is_named_in_russian_when_the_file_has_it() {
        let t = tags(&[("class", "town"), ("name", "Khimki"), ("name:ru", "Химки")]);
        let point = Geometry::Point(geo_types::Point::new(2048.0, 2048.0));
        let place = place(
            "place",
            &Tags(Some(&t)),
            &point,
            &Frame::new(4096, Part::default()),
        );
        let place = place.expect("a town is a place");
        assert_eq!((place.name.as_str(), place.rank), ("Химки", 1));
        assert_eq!((place.x, place.y), (128.0, 128.0));
        // A point of interest is not a place.
        let t = tags(&[("amenity", "school"), ("name", "Школа № 1")]);
        assert!(place_of_poi(&t, &point).is_none());
    }

    fn place_of_poi(t: &HashMap<String, Value>, point: &Geometry<f32>) -> Option<Place> {
        place(
            "points",
            &Tags(Some(t)),
            point,
            &Frame::new(4096, Part::default()),
        )
    }

    #[test]
    fn bytes_that_are_not_a_tile_are_an_error_not_a_panic() {
        let palette = crate::palette::TODAY;
        for bad in [&b"not a tile"[..], &[0xff; 64][..], &[0x1a, 0x05, 0x0a][..]] {
            let _ = render(bad, 12, Part::default(), &palette);
        }
        assert!(render(&[0x1f, 0x8b, 0, 1, 2], 12, Part::default(), &palette).is_err());
        // An empty tile is valid: bare land.
        let pixmap = render(&[], 12, Part::default(), &palette).expect("an empty tile");
        let p = pixmap.pixel(100, 100).expect("inside");
        assert_eq!([p.red(), p.green(), p.blue()], palette.land);
    }
}
