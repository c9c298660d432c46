//! Which place names the demo map writes, where and how large; the writing itself (PT Sans Bold
//! on a halo) is `letopis_cartography::labels`.

use super::render::Unit;
use letopis_cartography::labels::{self, Text};
use tiny_skia::Pixmap;

/// A name to write at a place from a zoom on.
pub(crate) struct Label {
    pub name: &'static str,
    pub at: Unit,
    pub min_zoom: u8,
}

/// The zoom from which a town of this radius is named: the large ones first.
pub(crate) fn min_zoom(radius_m: f64) -> u8 {
    if radius_m >= 1_200.0 {
        10
    } else if radius_m >= 600.0 {
        11
    } else {
        12
    }
}

/// Writes the labels that fall on the tile whose top-left corner is `origin` (global pixels at
/// this zoom, `scale` pixels to the Mercator square), in `ink` over a `halo`.
pub(crate) fn draw(
    pixmap: &mut Pixmap,
    labels: &[Label],
    z: u8,
    origin: (f64, f64),
    scale: f64,
    ink: [u8; 3],
    halo: [u8; 3],
) {
    let texts: Vec<Text<'_>> = labels
        .iter()
        .filter(|l| z >= l.min_zoom)
        .map(|label| {
            let size =
                if z >= 13 { 18.0 } else { 15.0 } + if label.min_zoom <= 10 { 1.0 } else { 0.0 };
            // Under the point: a marker's pin stands above it.
            Text {
                text: label.name,
                x: (label.at.x * scale - origin.0) as f32,
                baseline: (label.at.y * scale - origin.1) as f32 + size * 1.15,
                size,
            }
        })
        .collect();
    labels::draw(pixmap, &texts, ink, halo);
}
