//! Place names in PT Sans Bold (a Cyrillic and Latin subset in `assets/`, under the OFL beside
//! it), each with a halo of the land's colour so it reads over roads and shading. A name is
//! placed in the map's global pixels by its caller, so one that crosses a tile's edge goes on in
//! the next tile.

use crate::TILE;
use ab_glyph::{Font, FontRef, GlyphId, PxScale, ScaleFont, point};
use tiny_skia::{Pixmap, PremultipliedColorU8};

static FONT: &[u8] = include_bytes!("../assets/pt-sans-bold-labels.ttf");

/// A name to write, in the tile's pixels: centred on `x`, its baseline at `baseline`.
#[derive(Debug, Clone, PartialEq)]
pub struct Text<'a> {
    pub text: &'a str,
    pub x: f32,
    pub baseline: f32,
    pub size: f32,
}

impl Text<'_> {
    /// (left, top, right, bottom) of the words in pixels, for keeping names apart.
    pub fn bounds(&self) -> [f32; 4] {
        let width = measure(self.text, self.size);
        [
            self.x - width / 2.0,
            self.baseline - self.size,
            self.x + width / 2.0,
            self.baseline + self.size * 0.3,
        ]
    }
}

fn font() -> Option<FontRef<'static>> {
    FontRef::try_from_slice(FONT).ok()
}

/// The glyphs of `text` and where each starts, and the whole width.
fn layout(font: &FontRef<'_>, text: &str, size: f32) -> (Vec<(GlyphId, f32)>, f32) {
    let scaled = font.as_scaled(PxScale::from(size));
    let mut glyphs = Vec::new();
    let mut width = 0f32;
    let mut previous = None;
    for c in text.chars() {
        let id = font.glyph_id(c);
        if let Some(p) = previous {
            width += scaled.kern(p, id);
        }
        glyphs.push((id, width));
        width += scaled.h_advance(id);
        previous = Some(id);
    }
    (glyphs, width)
}

/// The width of `text` at `size` pixels.
pub fn measure(text: &str, size: f32) -> f32 {
    font().map_or(0.0, |f| layout(&f, text, size).1)
}

/// Writes the names that fall on the tile in `ink` over a `halo`.
pub fn draw(pixmap: &mut Pixmap, texts: &[Text<'_>], ink: [u8; 3], halo: [u8; 3]) {
    let Some(font) = font() else {
        return;
    };
    let side = TILE as usize;
    let mut text = vec![0f32; side * side];
    // The inked pixels' box (min x, min y, max x, max y): the halo and the blending stay in it.
    let mut inked: Option<[usize; 4]> = None;
    for label in texts {
        let size = label.size;
        let (glyphs, width) = layout(&font, label.text, size);
        let left = label.x - width / 2.0;
        let baseline = label.baseline;
        let reach = 4.0;
        if left > TILE as f32 + reach
            || left + width < -reach
            || baseline - size > TILE as f32 + reach
            || baseline + size * 0.4 < -reach
        {
            continue;
        }
        for (id, dx) in glyphs {
            let glyph = id.with_scale_and_position(size, point(left + dx, baseline));
            let Some(outline) = font.outline_glyph(glyph) else {
                continue;
            };
            let bounds = outline.px_bounds();
            outline.draw(|gx, gy, coverage| {
                let x = bounds.min.x as i32 + gx as i32;
                let y = bounds.min.y as i32 + gy as i32;
                if coverage > 0.0 && (0..side as i32).contains(&x) && (0..side as i32).contains(&y)
                {
                    let (x, y) = (x as usize, y as usize);
                    let cell = &mut text[y * side + x];
                    *cell = cell.max(coverage);
                    inked = Some(match inked {
                        Some([x0, y0, x1, y1]) => [x0.min(x), y0.min(y), x1.max(x), y1.max(y)],
                        None => [x, y, x, y],
                    });
                }
            });
        }
    }
    let Some([x0, y0, x1, y1]) = inked else {
        return;
    };
    let (x0, y0) = (x0.saturating_sub(2), y0.saturating_sub(2));
    let (x1, y1) = ((x1 + 2).min(side - 1), (y1 + 2).min(side - 1));
    // The halo: the letters grown by two pixels.
    let mut around = vec![0f32; side * side];
    for y in y0..=y1 {
        for x in x0..=x1 {
            let mut most = 0f32;
            for dy in -2i32..=2 {
                for dx in -2i32..=2 {
                    if dx * dx + dy * dy > 5 {
                        continue;
                    }
                    let (nx, ny) = (x as i32 + dx, y as i32 + dy);
                    if (0..side as i32).contains(&nx) && (0..side as i32).contains(&ny) {
                        most = most.max(text[ny as usize * side + nx as usize]);
                    }
                }
            }
            around[y * side + x] = most;
        }
    }
    let blend = |under: u8, over: u8, a: f32| {
        (f32::from(under) + (f32::from(over) - f32::from(under)) * a).round() as u8
    };
    let pixels = pixmap.pixels_mut();
    for i in (y0..=y1).flat_map(|y| (x0..=x1).map(move |x| y * side + x)) {
        let pixel = &mut pixels[i];
        let (h, t) = (around[i] * 0.85, text[i]);
        if h == 0.0 && t == 0.0 {
            continue;
        }
        let mut c = [pixel.red(), pixel.green(), pixel.blue()];
        for k in 0..3 {
            c[k] = blend(c[k], halo[k], h);
            c[k] = blend(c[k], ink[k], t);
        }
        if let Some(p) = PremultipliedColorU8::from_rgba(c[0], c[1], c[2], 255) {
            *pixel = p;
        }
    }
}
