//! Draws one 256-pixel tile of the schematic in Web Mercator (EPSG:3857), in the portal's map
//! palettes (`letopis-cartography`).

use super::geography::{
    Kind, MOSCOW, MOSCOW_1941_M, MOSCOW_TODAY_M, SETTLEMENTS, SHAPES, Settlement,
};
use letopis_cartography::paint::{blank, fill, stroke};
use letopis_cartography::palette::{Palette, TODAY, Y1941};
pub(crate) use letopis_cartography::{TILE, Unit, project};
use tiny_skia::{PathBuilder, Pixmap};

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
        blank(self.palette().land)
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
