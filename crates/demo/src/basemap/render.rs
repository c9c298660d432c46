//! Draws one 256-pixel tile of the schematic in Web Mercator (EPSG:3857) and encodes it as a
//! palette PNG: the drawing has a handful of flat colours plus their anti-aliased edges, so 256
//! colours keep it intact at a third of an RGBA file's size.

use super::geography::{
    Kind, MOSCOW, MOSCOW_1941_M, MOSCOW_TODAY_M, SETTLEMENTS, SHAPES, Settlement,
};
use std::collections::HashMap;
use tiny_skia::{
    Color, FillRule, LineCap, LineJoin, Paint, PathBuilder, Pixmap, Stroke, StrokeDash, Transform,
};

pub const TILE: u32 = 256;

/// A position on the Mercator square of zoom 0, both coordinates in 0..1, y from the north.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Unit {
    pub x: f64,
    pub y: f64,
}

pub(crate) fn project(lat: f64, lon: f64) -> Unit {
    let phi = lat.to_radians();
    Unit {
        x: (lon + 180.0) / 360.0,
        y: (1.0 - phi.tan().asinh() / std::f64::consts::PI) / 2.0,
    }
}

/// The colours of one of the two maps.
struct Palette {
    land: [u8; 3],
    settlement: [u8; 3],
    settlement_edge: [u8; 3],
    forest: [u8; 3],
    water: [u8; 3],
    water_edge: [u8; 3],
    airfield: [u8; 3],
    road: [u8; 3],
    road_casing: [u8; 3],
    highway: [u8; 3],
    highway_casing: [u8; 3],
    railway: [u8; 3],
    front: [u8; 3],
    /// Place names (on a halo of `land`).
    label: [u8; 3],
}

/// Today: a calm paper map, warm greys with a quiet blue for water (FACE.md: calm chrome).
const TODAY: Palette = Palette {
    land: [0xf4, 0xf1, 0xea],
    settlement: [0xe4, 0xdc, 0xce],
    settlement_edge: [0xd6, 0xce, 0xc0],
    forest: [0xe2, 0xe8, 0xd8],
    water: [0xbf, 0xd4, 0xdd],
    water_edge: [0xa6, 0xc1, 0xcc],
    airfield: [0xdd, 0xda, 0xd3],
    road: [0xff, 0xfd, 0xf8],
    road_casing: [0xd8, 0xcf, 0xc0],
    highway: [0xf6, 0xe7, 0xc8],
    highway_casing: [0xcc, 0xb8, 0x94],
    railway: [0x8a, 0x86, 0x80],
    front: [0x9b, 0x3b, 0x2e],
    label: [0x4a, 0x46, 0x40],
};

/// 1941: sepia, as an old printed sheet.
const Y1941: Palette = Palette {
    land: [0xef, 0xe4, 0xcc],
    settlement: [0xdd, 0xcb, 0xa6],
    settlement_edge: [0xb8, 0xa0, 0x78],
    forest: [0xe0, 0xdb, 0xb8],
    water: [0xc8, 0xc6, 0xaa],
    water_edge: [0x9c, 0x95, 0x74],
    airfield: [0xd9, 0xcd, 0xb0],
    road: [0xf6, 0xee, 0xdc],
    road_casing: [0xb3, 0x9c, 0x77],
    highway: [0xf1, 0xe2, 0xc0],
    highway_casing: [0x8f, 0x76, 0x52],
    railway: [0x5e, 0x4c, 0x38],
    front: [0x8b, 0x2a, 0x1e],
    label: [0x55, 0x40, 0x28],
};

/// The shapes in Mercator units, computed once for all tiles of a map.
pub(crate) struct Scene {
    historic: bool,
    items: Vec<Item>,
    labels: Vec<super::labels::Label>,
}

struct Item {
    kind: Kind,
    points: Vec<Unit>,
    closed: bool,
    /// (min x, min y, max x, max y) in units.
    bbox: [f64; 4],
}

impl Scene {
    pub(crate) fn new(historic: bool) -> Scene {
        let mut items = Vec::new();
        let add_shapes = |items: &mut Vec<Item>, wanted: Kind| {
            for shape in SHAPES {
                let same = std::mem::discriminant(&shape.kind) == std::mem::discriminant(&wanted);
                if same && shape.era.shown_in(historic) {
                    let closed = matches!(shape.kind, Kind::Water | Kind::Forest | Kind::Airfield);
                    items.push(Item::new(shape.kind, shape.points, closed));
                }
            }
        };
        // Painter's order: forests under the towns cut out of them, then water, then lines from
        // the least to the most important.
        add_shapes(&mut items, Kind::Forest);
        let moscow = ellipse(
            MOSCOW,
            if historic {
                MOSCOW_1941_M
            } else {
                MOSCOW_TODAY_M
            },
        );
        items.push(Item::new(Kind::Settlement, &moscow, true));
        for (i, s) in SETTLEMENTS.iter().enumerate() {
            let radius = if historic { s.then_m } else { s.today_m };
            if radius > 0.0 {
                items.push(Item::new(Kind::Settlement, &blob(s, radius, i), true));
            }
        }
        if !historic {
            // The ring road, built around 1960, is Moscow's outline today.
            items.push(Item::new(Kind::Highway, &moscow, true));
        }
        for wanted in [
            Kind::Airfield,
            Kind::Water,
            Kind::River(0.0),
            Kind::Road,
            Kind::Highway,
            Kind::Railway,
            Kind::FrontLine,
        ] {
            add_shapes(&mut items, wanted);
        }
        // Names: Moscow from the first zoom, the towns by their size in that year.
        let mut labels = vec![super::labels::Label {
            name: "Москва",
            at: project(MOSCOW.0, MOSCOW.1),
            min_zoom: 9,
        }];
        for s in SETTLEMENTS.iter().filter(|s| !s.name.is_empty()) {
            let radius = if historic { s.then_m } else { s.today_m };
            if radius > 0.0 {
                labels.push(super::labels::Label {
                    name: s.name,
                    at: project(s.lat, s.lon),
                    min_zoom: super::labels::min_zoom(radius),
                });
            }
        }
        Scene {
            historic,
            items,
            labels,
        }
    }

    fn palette(&self) -> &'static Palette {
        if self.historic { &Y1941 } else { &TODAY }
    }

    /// Whether anything but bare land falls on the tile (a margin for the widest strokes).
    pub(crate) fn touches(&self, z: u8, x: u32, y: u32) -> bool {
        let n = f64::from(1u32 << z);
        let margin = 48.0 / (f64::from(TILE) * n);
        let tile = [
            f64::from(x) / n - margin,
            f64::from(y) / n - margin,
            f64::from(x + 1) / n + margin,
            f64::from(y + 1) / n + margin,
        ];
        self.items.iter().any(|i| i.overlaps(&tile))
    }

    /// A tile of bare land.
    pub(crate) fn blank(&self) -> Pixmap {
        let mut pixmap = Pixmap::new(TILE, TILE).unwrap_or_else(|| unreachable!());
        pixmap.fill(rgb(self.palette().land));
        pixmap
    }

    /// The tile at web (XYZ) coordinates, drawn.
    pub(crate) fn draw(&self, z: u8, x: u32, y: u32) -> Pixmap {
        let p = self.palette();
        let mut pixmap = self.blank();
        let scale = f64::from(TILE) * f64::from(1u32 << z);
        let origin = (
            f64::from(x) * f64::from(TILE),
            f64::from(y) * f64::from(TILE),
        );
        let n = f64::from(1u32 << z);
        let margin = 48.0 / scale;
        let tile = [
            f64::from(x) / n - margin,
            f64::from(y) / n - margin,
            f64::from(x + 1) / n + margin,
            f64::from(y + 1) / n + margin,
        ];
        // Metres per pixel at the region's latitude, for rivers drawn at their real width.
        let metres_per_px = 40_075_016.0 * 56f64.to_radians().cos() / scale;
        let zf = f32::from(z);
        for item in self.items.iter().filter(|i| i.overlaps(&tile)) {
            let Some(path) = item.path(scale, origin) else {
                continue;
            };
            let fill = |pixmap: &mut Pixmap, c: [u8; 3]| fill(pixmap, &path, c);
            let stroke = |pixmap: &mut Pixmap, c: [u8; 3], width: f32, dash: Option<Vec<f32>>| {
                stroke(pixmap, &path, c, width, dash)
            };
            match item.kind {
                Kind::Settlement => {
                    fill(&mut pixmap, p.settlement);
                    if z >= 11 {
                        stroke(&mut pixmap, p.settlement_edge, 1.0, None);
                    }
                }
                Kind::Forest => fill(&mut pixmap, p.forest),
                Kind::Airfield => fill(&mut pixmap, p.airfield),
                Kind::Water => {
                    fill(&mut pixmap, p.water);
                    stroke(&mut pixmap, p.water_edge, 1.0, None);
                }
                Kind::River(metres) => {
                    let min = if metres >= 80.0 { 2.2 } else { 1.0 };
                    let width = (f64::from(metres) / metres_per_px).max(min) as f32;
                    if width > 3.0 {
                        stroke(&mut pixmap, p.water_edge, width + 1.5, None);
                    }
                    stroke(&mut pixmap, p.water, width, None);
                }
                Kind::Road if z >= 11 => {
                    let w = (zf - 9.0).clamp(1.0, 5.0);
                    stroke(&mut pixmap, p.road_casing, w + 1.5, None);
                    stroke(&mut pixmap, p.road, w, None);
                }
                Kind::Road => {}
                Kind::Highway => {
                    let w = (zf - 8.0).clamp(1.5, 7.0);
                    stroke(&mut pixmap, p.highway_casing, w + 2.0, None);
                    stroke(&mut pixmap, p.highway, w, None);
                }
                Kind::Railway => self.railway(&mut pixmap, &path, zf),
                Kind::FrontLine => {
                    let w = (zf - 7.0).clamp(2.0, 5.0);
                    stroke(&mut pixmap, p.front, w, Some(vec![3.0 * w, 2.0 * w]));
                }
            }
        }
        super::labels::draw(&mut pixmap, &self.labels, z, origin, scale, p.label, p.land);
        pixmap
    }

    /// Today's railway is the usual grey line with white dashes; 1941's a dark line with the
    /// cross-ticks of old sheets.
    fn railway(&self, pixmap: &mut Pixmap, path: &tiny_skia::Path, zf: f32) {
        let p = self.palette();
        let w = (zf - 9.0).clamp(1.2, 4.0);
        if self.historic {
            stroke(pixmap, path, p.railway, w * 0.6, None);
            if zf >= 11.0 {
                stroke(pixmap, path, p.railway, w * 2.6, Some(vec![1.2, 7.0]));
            }
        } else {
            stroke(pixmap, path, p.railway, w, None);
            if zf >= 12.0 {
                stroke(
                    pixmap,
                    path,
                    [0xff, 0xff, 0xff],
                    w * 0.5,
                    Some(vec![6.0, 6.0]),
                );
            }
        }
    }
}

fn fill(pixmap: &mut Pixmap, path: &tiny_skia::Path, c: [u8; 3]) {
    pixmap.fill_path(
        path,
        &paint(c),
        FillRule::Winding,
        Transform::identity(),
        None,
    );
}

/// A line of `width` pixels, round-ended unless dashed (`dash`: on and off lengths).
fn stroke(
    pixmap: &mut Pixmap,
    path: &tiny_skia::Path,
    c: [u8; 3],
    width: f32,
    dash: Option<Vec<f32>>,
) {
    let stroke = Stroke {
        width,
        line_cap: if dash.is_some() {
            LineCap::Butt
        } else {
            LineCap::Round
        },
        line_join: LineJoin::Round,
        dash: dash.and_then(|d| StrokeDash::new(d, 0.0)),
        ..Stroke::default()
    };
    pixmap.stroke_path(path, &paint(c), &stroke, Transform::identity(), None);
}

impl Item {
    fn new(kind: Kind, latlon: &[(f64, f64)], closed: bool) -> Item {
        let points: Vec<Unit> = latlon.iter().map(|&(lat, lon)| project(lat, lon)).collect();
        let mut bbox = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
        for u in &points {
            bbox = [
                bbox[0].min(u.x),
                bbox[1].min(u.y),
                bbox[2].max(u.x),
                bbox[3].max(u.y),
            ];
        }
        Item {
            kind,
            points,
            closed,
            bbox,
        }
    }

    fn overlaps(&self, r: &[f64; 4]) -> bool {
        self.bbox[0] <= r[2] && self.bbox[2] >= r[0] && self.bbox[1] <= r[3] && self.bbox[3] >= r[1]
    }

    fn path(&self, scale: f64, origin: (f64, f64)) -> Option<tiny_skia::Path> {
        let mut pb = PathBuilder::new();
        for (i, u) in self.points.iter().enumerate() {
            let (px, py) = (
                (u.x * scale - origin.0) as f32,
                (u.y * scale - origin.1) as f32,
            );
            if i == 0 {
                pb.move_to(px, py);
            } else {
                pb.line_to(px, py);
            }
        }
        if self.closed {
            pb.close();
        }
        pb.finish()
    }
}

/// A settlement as a soft irregular outline, the same every run (its phase comes from its index).
fn blob(s: &Settlement, radius_m: f64, index: usize) -> Vec<(f64, f64)> {
    const VERTICES: usize = 24;
    let phase = index as f64 * 1.7;
    let dlat = radius_m / 111_320.0;
    let dlon = radius_m / (111_320.0 * s.lat.to_radians().cos());
    (0..VERTICES)
        .map(|k| {
            let a = k as f64 / VERTICES as f64 * std::f64::consts::TAU;
            let r = 1.0 + 0.16 * (3.0 * a + phase).sin() + 0.08 * (5.0 * a + 2.0 * phase).cos();
            (s.lat + dlat * r * a.sin(), s.lon + dlon * r * a.cos())
        })
        .collect()
}

/// A circle on the ground (an ellipse in degrees).
fn ellipse((lat, lon): (f64, f64), radius_m: f64) -> Vec<(f64, f64)> {
    const VERTICES: usize = 96;
    let dlat = radius_m / 111_320.0;
    let dlon = radius_m / (111_320.0 * lat.to_radians().cos());
    (0..VERTICES)
        .map(|k| {
            let a = k as f64 / VERTICES as f64 * std::f64::consts::TAU;
            (lat + dlat * a.sin(), lon + dlon * a.cos())
        })
        .collect()
}

fn rgb(c: [u8; 3]) -> Color {
    Color::from_rgba8(c[0], c[1], c[2], 255)
}

fn paint(c: [u8; 3]) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color_rgba8(c[0], c[1], c[2], 255);
    paint.anti_alias = true;
    paint
}

/// The tile as an 8-bit palette PNG. Every pixel is opaque (the land is painted first): the 255
/// most frequent colours are kept and the rarer edge shades take their nearest one.
pub(crate) fn encode_png(pixmap: &Pixmap) -> Result<Vec<u8>, png::EncodingError> {
    let pixels: Vec<[u8; 3]> = pixmap
        .pixels()
        .iter()
        .map(|p| [p.red(), p.green(), p.blue()])
        .collect();
    // Runs of one colour are the rule on a map: count and look up once per run.
    let mut counts: HashMap<[u8; 3], u32> = HashMap::new();
    for run in pixels.chunk_by(|a, b| a == b) {
        *counts.entry(run[0]).or_default() += run.len() as u32;
    }
    let mut by_count: Vec<([u8; 3], u32)> = counts.into_iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let palette: Vec<[u8; 3]> = by_count.iter().take(255).map(|(c, _)| *c).collect();
    let mut index: HashMap<[u8; 3], u8> = palette
        .iter()
        .enumerate()
        .map(|(i, c)| (*c, i as u8))
        .collect();
    let mut indices: Vec<u8> = Vec::with_capacity(pixels.len());
    for run in pixels.chunk_by(|a, b| a == b) {
        let i = *index
            .entry(run[0])
            .or_insert_with(|| nearest(&palette, run[0]));
        indices.extend(std::iter::repeat_n(i, run.len()));
    }
    let depth = match palette.len() {
        0..=2 => png::BitDepth::One,
        3..=4 => png::BitDepth::Two,
        5..=16 => png::BitDepth::Four,
        _ => png::BitDepth::Eight,
    };
    let data = pack(&indices, depth);
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, TILE, TILE);
    encoder.set_color(png::ColorType::Indexed);
    encoder.set_depth(depth);
    encoder.set_palette(palette.concat());
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&data)?;
    writer.finish()?;
    Ok(out)
}

fn nearest(palette: &[[u8; 3]], c: [u8; 3]) -> u8 {
    let distance = |p: &[u8; 3]| {
        (0..3)
            .map(|i| (i32::from(p[i]) - i32::from(c[i])).pow(2))
            .sum::<i32>()
    };
    palette
        .iter()
        .enumerate()
        .min_by_key(|(_, p)| distance(p))
        .map_or(0, |(i, _)| i as u8)
}

/// Rows of palette indices packed at `depth` bits per pixel, each row starting on a byte.
fn pack(indices: &[u8], depth: png::BitDepth) -> Vec<u8> {
    let bits = depth as usize;
    if bits == 8 {
        return indices.to_vec();
    }
    let per_byte = 8 / bits;
    let mut out = Vec::with_capacity(indices.len() / per_byte + TILE as usize);
    for row in indices.chunks(TILE as usize) {
        for group in row.chunks(per_byte) {
            let mut byte = 0u8;
            for (k, &i) in group.iter().enumerate() {
                byte |= i << (8 - bits * (k + 1));
            }
            out.push(byte);
        }
    }
    out
}
