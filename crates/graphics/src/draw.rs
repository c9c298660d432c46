//! A small canvas over tiny-skia: filled rectangles, a ring, a picture put in place, and words
//! set in one of the embedded fonts (ab_glyph's outlines, blended by their coverage).

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use image::RgbaImage;
use tiny_skia::{Paint, PathBuilder, Pixmap, PremultipliedColorU8, Rect, Stroke, Transform};

/// An opaque colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    fn paint(self) -> Paint<'static> {
        let mut paint = Paint::default();
        paint.set_color_rgba8(self.0, self.1, self.2, 255);
        paint.anti_alias = true;
        paint
    }
}

/// An opaque picture being drawn.
pub struct Canvas {
    pixmap: Pixmap,
}

impl Canvas {
    /// A canvas of `width`×`height` filled with `background`. Sizes are the callers' constants.
    pub fn new(width: u32, height: u32, background: Rgb) -> Canvas {
        let mut pixmap = Pixmap::new(width, height).expect("a card's size is not zero");
        pixmap.fill(tiny_skia::Color::from_rgba8(
            background.0,
            background.1,
            background.2,
            255,
        ));
        Canvas { pixmap }
    }

    pub fn fill(&mut self, x: u32, y: u32, w: u32, h: u32, colour: Rgb) {
        if let Some(rect) = Rect::from_xywh(x as f32, y as f32, w as f32, h as f32) {
            self.pixmap
                .fill_rect(rect, &colour.paint(), Transform::identity(), None);
        }
    }

    /// A circle's outline.
    pub fn ring(&mut self, cx: f32, cy: f32, radius: f32, width: f32, colour: Rgb) {
        let Some(path) = PathBuilder::from_circle(cx, cy, radius) else {
            return;
        };
        let stroke = Stroke {
            width,
            ..Stroke::default()
        };
        self.pixmap
            .stroke_path(&path, &colour.paint(), &stroke, Transform::identity(), None);
    }

    /// `picture` with its top left corner at `x`, `y` (its transparency ignored: pictures here
    /// are photographs).
    pub fn put(&mut self, picture: &RgbaImage, x: u32, y: u32) {
        let width = self.pixmap.width();
        let height = self.pixmap.height();
        let pixels = self.pixmap.pixels_mut();
        for (px, py, p) in picture.enumerate_pixels() {
            let (cx, cy) = (x + px, y + py);
            if cx >= width || cy >= height {
                continue;
            }
            if let Some(c) = PremultipliedColorU8::from_rgba(p[0], p[1], p[2], 255) {
                pixels[(cy * width + cx) as usize] = c;
            }
        }
    }

    /// `text` on one line from `x`, its baseline at `baseline`.
    pub fn text(
        &mut self,
        font: &FontRef<'_>,
        text: &str,
        x: f32,
        baseline: f32,
        size: f32,
        colour: Rgb,
    ) {
        let scaled = font.as_scaled(PxScale::from(size));
        let width = self.pixmap.width() as i32;
        let height = self.pixmap.height() as i32;
        let pixels = self.pixmap.pixels_mut();
        let mut caret = x;
        let mut previous = None;
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(before) = previous {
                caret += scaled.kern(before, id);
            }
            let glyph = id.with_scale_and_position(PxScale::from(size), point(caret, baseline));
            caret += scaled.h_advance(id);
            previous = Some(id);
            let Some(outline) = font.outline_glyph(glyph) else {
                continue;
            };
            let bounds = outline.px_bounds();
            outline.draw(|gx, gy, coverage| {
                let px = bounds.min.x as i32 + gx as i32;
                let py = bounds.min.y as i32 + gy as i32;
                if px < 0 || py < 0 || px >= width || py >= height {
                    return;
                }
                let pixel = &mut pixels[(py * width + px) as usize];
                let a = coverage.clamp(0.0, 1.0);
                let mix = |under: u8, over: u8| {
                    (f32::from(under) * (1.0 - a) + f32::from(over) * a).round() as u8
                };
                if let Some(blended) = PremultipliedColorU8::from_rgba(
                    mix(pixel.red(), colour.0),
                    mix(pixel.green(), colour.1),
                    mix(pixel.blue(), colour.2),
                    255,
                ) {
                    *pixel = blended;
                }
            });
        }
    }

    /// The picture as a JPEG (quality 88: the words stay sharp, a photograph stays small).
    pub fn jpeg(&self) -> Result<Vec<u8>, image::ImageError> {
        let (w, h) = (self.pixmap.width(), self.pixmap.height());
        let rgb: Vec<u8> = self
            .pixmap
            .pixels()
            .iter()
            .flat_map(|p| [p.red(), p.green(), p.blue()])
            .collect();
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 88).encode(
            &rgb,
            w,
            h,
            image::ExtendedColorType::Rgb8,
        )?;
        Ok(out)
    }
}
