//! Filling and stroking paths in a palette colour, anti-aliased.

use crate::TILE;
use tiny_skia::{Color, FillRule, LineCap, LineJoin, Paint, Pixmap, Stroke, StrokeDash, Transform};

/// A tile of one colour: the land every drawing starts from.
pub fn blank(c: [u8; 3]) -> Pixmap {
    let mut pixmap = Pixmap::new(TILE, TILE).unwrap_or_else(|| unreachable!("256 > 0"));
    pixmap.fill(Color::from_rgba8(c[0], c[1], c[2], 255));
    pixmap
}

pub fn fill(pixmap: &mut Pixmap, path: &tiny_skia::Path, c: [u8; 3]) {
    pixmap.fill_path(
        path,
        &paint(c),
        FillRule::Winding,
        Transform::identity(),
        None,
    );
}

/// Polygons with holes (a lake's island, a town's park): the even-odd rule leaves the holes.
pub fn fill_even_odd(pixmap: &mut Pixmap, path: &tiny_skia::Path, c: [u8; 3]) {
    pixmap.fill_path(
        path,
        &paint(c),
        FillRule::EvenOdd,
        Transform::identity(),
        None,
    );
}

/// A line of `width` pixels, round-ended unless dashed (`dash`: on and off lengths).
pub fn stroke(
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

fn paint(c: [u8; 3]) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color_rgba8(c[0], c[1], c[2], 255);
    paint.anti_alias = true;
    paint
}
