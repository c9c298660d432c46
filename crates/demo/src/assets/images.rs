//! Procedural "archive scans": an old photograph, a wartime letter and a typed form.
//!
//! Nothing here tries to be photorealistic; the goal is thumbnails and viewer pages that read at
//! a glance as a photograph, a handwritten letter or a document, so the demo museum looks like a
//! museum and not like a test suite.

use std::f32::consts::{PI, TAU};

use fastrand::Rng;
use image::ImageEncoder;
use image::codecs::jpeg::JpegEncoder;

type Rgb = [f32; 3];
type Pt = (f32, f32);

/// Sizes are clamped so callers cannot ask for a degenerate or absurdly large image.
const MIN_SIDE: u32 = 16;
const MAX_SIDE: u32 = 4096;
const JPEG_QUALITY: u8 = 80;

// ---------------------------------------------------------------------------------------------
// Canvas and drawing primitives
// ---------------------------------------------------------------------------------------------

struct Canvas {
    w: usize,
    h: usize,
    px: Vec<Rgb>,
    /// Scratch coverage for one stroke at a time, so overlapping segments of a polyline do not
    /// darken their joints.
    mask: Vec<f32>,
}

impl Canvas {
    fn new(width: u32, height: u32, color: Rgb) -> Canvas {
        let w = width.clamp(MIN_SIDE, MAX_SIDE) as usize;
        let h = height.clamp(MIN_SIDE, MAX_SIDE) as usize;
        Canvas {
            w,
            h,
            px: vec![color; w * h],
            mask: vec![0.0; w * h],
        }
    }

    fn wf(&self) -> f32 {
        self.w as f32
    }

    fn hf(&self) -> f32 {
        self.h as f32
    }

    /// Integer pixel range covering `lo..hi`, clipped to the canvas.
    fn span(lo: f32, hi: f32, len: usize) -> std::ops::Range<usize> {
        let a = lo.floor().max(0.0) as usize;
        let b = (hi.ceil().max(0.0) as usize).min(len);
        a.min(b)..b
    }

    /// Fills the area where `inside` holds with `color` at `alpha`, antialiased by 2×2
    /// supersampling within the bounding box.
    fn fill(&mut self, bbox: [f32; 4], color: Rgb, alpha: f32, inside: impl Fn(f32, f32) -> bool) {
        let [x0, y0, x1, y1] = bbox;
        for y in Self::span(y0, y1, self.h) {
            for x in Self::span(x0, x1, self.w) {
                let mut hits = 0;
                for (dx, dy) in [(0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)] {
                    if inside(x as f32 + dx, y as f32 + dy) {
                        hits += 1;
                    }
                }
                if hits > 0 {
                    let a = alpha * hits as f32 / 4.0;
                    let p = &mut self.px[y * self.w + x];
                    for c in 0..3 {
                        p[c] += (color[c] - p[c]) * a;
                    }
                }
            }
        }
    }

    fn rect(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, color: Rgb, alpha: f32) {
        self.fill([x0, y0, x1, y1], color, alpha, |x, y| {
            x >= x0 && x < x1 && y >= y0 && y < y1
        });
    }

    fn ellipse(&mut self, cx: f32, cy: f32, rx: f32, ry: f32, color: Rgb, alpha: f32) {
        self.fill(
            [cx - rx, cy - ry, cx + rx, cy + ry],
            color,
            alpha,
            |x, y| ((x - cx) / rx).powi(2) + ((y - cy) / ry).powi(2) <= 1.0,
        );
    }

    fn polygon(&mut self, pts: &[Pt], color: Rgb, alpha: f32) {
        let bbox = pts.iter().fold(
            [f32::MAX, f32::MAX, f32::MIN, f32::MIN],
            |[a, b, c, d], &(x, y)| [a.min(x), b.min(y), c.max(x), d.max(y)],
        );
        self.fill(bbox, color, alpha, |x, y| point_in_polygon(pts, x, y));
    }

    /// Strokes a polyline of `width` px. With `multiply`, the colour darkens the paper the way
    /// ink or a stamp does; otherwise it is painted over.
    fn stroke(&mut self, pts: &[Pt], width: f32, color: Rgb, alpha: f32, multiply: bool) {
        if pts.len() < 2 {
            return;
        }
        let r = width / 2.0;
        let bbox = pts.iter().fold(
            [f32::MAX, f32::MAX, f32::MIN, f32::MIN],
            |[a, b, c, d], &(x, y)| [a.min(x), b.min(y), c.max(x), d.max(y)],
        );
        let xs = Self::span(bbox[0] - r - 1.0, bbox[2] + r + 2.0, self.w);
        let ys = Self::span(bbox[1] - r - 1.0, bbox[3] + r + 2.0, self.h);
        for seg in pts.windows(2) {
            let (a, b) = (seg[0], seg[1]);
            let sx = Self::span(a.0.min(b.0) - r - 1.0, a.0.max(b.0) + r + 2.0, self.w);
            let sy = Self::span(a.1.min(b.1) - r - 1.0, a.1.max(b.1) + r + 2.0, self.h);
            for y in sy {
                for x in sx.clone() {
                    let d = dist_to_segment((x as f32 + 0.5, y as f32 + 0.5), a, b);
                    let cov = (r + 0.5 - d).clamp(0.0, 1.0);
                    let m = &mut self.mask[y * self.w + x];
                    *m = m.max(cov);
                }
            }
        }
        for y in ys {
            for x in xs.clone() {
                let i = y * self.w + x;
                let a = std::mem::take(&mut self.mask[i]) * alpha;
                if a > 0.0 {
                    let p = &mut self.px[i];
                    for c in 0..3 {
                        let target = if multiply { p[c] * color[c] } else { color[c] };
                        p[c] += (target - p[c]) * a;
                    }
                }
            }
        }
    }

    /// Separable box blur; two passes approximate a soft lens.
    fn blur(&mut self, radius: usize) {
        if radius == 0 {
            return;
        }
        let (w, h) = (self.w, self.h);
        let mut tmp = self.px.clone();
        let norm = 1.0 / (2 * radius + 1) as f32;
        for y in 0..h {
            for x in 0..w {
                let mut acc = [0f32; 3];
                for dx in 0..=2 * radius {
                    let sx = (x + dx).saturating_sub(radius).min(w - 1);
                    let p = self.px[y * w + sx];
                    for c in 0..3 {
                        acc[c] += p[c];
                    }
                }
                tmp[y * w + x] = acc.map(|v| v * norm);
            }
        }
        for y in 0..h {
            for x in 0..w {
                let mut acc = [0f32; 3];
                for dy in 0..=2 * radius {
                    let sy = (y + dy).saturating_sub(radius).min(h - 1);
                    let p = tmp[sy * w + x];
                    for c in 0..3 {
                        acc[c] += p[c];
                    }
                }
                self.px[y * w + x] = acc.map(|v| v * norm);
            }
        }
    }

    fn map(&mut self, mut f: impl FnMut(usize, usize, Rgb) -> Rgb) {
        for y in 0..self.h {
            for x in 0..self.w {
                let i = y * self.w + x;
                self.px[i] = f(x, y, self.px[i]);
            }
        }
    }

    fn encode_jpeg(&self) -> Vec<u8> {
        let bytes: Vec<u8> = self
            .px
            .iter()
            .flat_map(|p| p.map(|v| (v.clamp(0.0, 1.0) * 255.0 + 0.5) as u8))
            .collect();
        let mut out = Vec::new();
        // The canvas is clamped to at most 4096×4096 RGB and written to memory: the encoder's
        // only failure modes (I/O, dimensions over 65 535) cannot occur.
        JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
            .write_image(
                &bytes,
                self.w as u32,
                self.h as u32,
                image::ExtendedColorType::Rgb8,
            )
            .expect("in-memory JPEG encoding of a clamped canvas");
        out
    }
}

fn point_in_polygon(pts: &[Pt], x: f32, y: f32) -> bool {
    let mut inside = false;
    let mut j = pts.len() - 1;
    for i in 0..pts.len() {
        let (xi, yi) = pts[i];
        let (xj, yj) = pts[j];
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

fn dist_to_segment(p: Pt, a: Pt, b: Pt) -> f32 {
    let (vx, vy) = (b.0 - a.0, b.1 - a.1);
    let len2 = vx * vx + vy * vy;
    let t = if len2 > 0.0 {
        (((p.0 - a.0) * vx + (p.1 - a.1) * vy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    ((p.0 - a.0 - t * vx).powi(2) + (p.1 - a.1 - t * vy).powi(2)).sqrt()
}

fn grey(v: f32) -> Rgb {
    [v, v, v]
}

/// Smooth value noise in 0..1 over the unit square: the mottling of paper, clouds, soil.
struct Noise {
    cells: usize,
    vals: Vec<f32>,
}

impl Noise {
    fn new(rng: &mut Rng, cells: usize) -> Noise {
        let n = cells + 1;
        Noise {
            cells,
            vals: (0..n * n).map(|_| rng.f32()).collect(),
        }
    }

    fn at(&self, u: f32, v: f32) -> f32 {
        let n = self.cells + 1;
        let fx = u.clamp(0.0, 1.0) * self.cells as f32;
        let fy = v.clamp(0.0, 1.0) * self.cells as f32;
        let (x0, y0) = (
            (fx as usize).min(self.cells - 1),
            (fy as usize).min(self.cells - 1),
        );
        let smooth = |t: f32| t * t * (3.0 - 2.0 * t);
        let (tx, ty) = (smooth(fx - x0 as f32), smooth(fy - y0 as f32));
        let v00 = self.vals[y0 * n + x0];
        let v10 = self.vals[y0 * n + x0 + 1];
        let v01 = self.vals[(y0 + 1) * n + x0];
        let v11 = self.vals[(y0 + 1) * n + x0 + 1];
        let top = v00 + (v10 - v00) * tx;
        let bottom = v01 + (v11 - v01) * tx;
        top + (bottom - top) * ty
    }
}

/// Two octaves of value noise, in 0..1.
struct Fractal(Noise, Noise);

impl Fractal {
    fn new(rng: &mut Rng, cells: usize) -> Fractal {
        Fractal(Noise::new(rng, cells), Noise::new(rng, cells * 4))
    }

    fn at(&self, u: f32, v: f32) -> f32 {
        self.0.at(u, v) * 0.7 + self.1.at(u, v) * 0.3
    }
}

fn range(rng: &mut Rng, lo: f32, hi: f32) -> f32 {
    lo + rng.f32() * (hi - lo)
}

// ---------------------------------------------------------------------------------------------
// Old photograph
// ---------------------------------------------------------------------------------------------

/// A faded sepia or grey photograph with a white border: a village street, a group of people
/// standing in a row, or trees by a road, softened, grainy and vignetted.
pub fn photo_jpeg(seed: u64, width: u32, height: u32) -> Vec<u8> {
    let mut rng = Rng::with_seed(seed);
    let mut c = Canvas::new(width, height, grey(0.5));
    let (w, h) = (c.wf(), c.hf());
    let horizon = h * range(&mut rng, 0.52, 0.64);

    // Sky lighter towards the horizon, as orthochromatic film renders it; ground darker
    // towards the viewer.
    let clouds = Fractal::new(&mut rng, 4);
    let soil = Fractal::new(&mut rng, 8);
    c.map(|x, y, _| {
        let (u, v) = (x as f32 / w, y as f32 / h);
        let yf = y as f32;
        if yf < horizon {
            grey(0.76 + 0.16 * (yf / horizon) + 0.1 * (clouds.at(u, v) - 0.5))
        } else {
            let t = (yf - horizon) / (h - horizon);
            grey(0.52 - 0.16 * t + 0.12 * (soil.at(u, v) - 0.5))
        }
    });

    // A hazy far tree line along the horizon.
    let treeline = Noise::new(&mut rng, 24);
    let far = h * range(&mut rng, 0.03, 0.07);
    for x in 0..c.w {
        let top = horizon - far * (0.3 + treeline.at(x as f32 / w, 0.5));
        c.rect(
            x as f32,
            top,
            x as f32 + 1.0,
            horizon + 1.0,
            grey(0.46),
            0.9,
        );
    }

    match rng.u8(0..3) {
        0 => village(&mut c, &mut rng, horizon),
        1 => group_portrait(&mut c, &mut rng, horizon),
        _ => trees_by_road(&mut c, &mut rng, horizon),
    }

    // Grain before the blur: clumpy like film, and kinder to the JPEG size than sharp noise.
    c.map(|_, _, p| {
        let g = (rng.f32() + rng.f32() - 1.0) * 0.09;
        p.map(|v| v + g)
    });
    c.blur((w / 700.0).ceil() as usize);
    // A finer grain on top, so the print does not look airbrushed.
    c.map(|_, _, p| {
        let g = (rng.f32() - 0.5) * 0.05;
        p.map(|v| v + g)
    });

    // Scratches and dust.
    for _ in 0..rng.usize(1..4) {
        let x = range(&mut rng, 0.1, 0.9) * w;
        let (y0, y1) = (range(&mut rng, 0.0, 0.5) * h, range(&mut rng, 0.5, 1.0) * h);
        let drift = range(&mut rng, -0.02, 0.02) * w;
        c.stroke(&[(x, y0), (x + drift, y1)], 0.8, grey(0.95), 0.35, false);
    }
    for _ in 0..rng.usize(20..45) {
        let (x, y) = (rng.f32() * w, rng.f32() * h);
        let r = range(&mut rng, 0.5, 1.8);
        let v = if rng.bool() { 0.95 } else { 0.1 };
        c.ellipse(x, y, r, r * range(&mut rng, 0.6, 1.4), grey(v), 0.6);
    }

    // Fading, vignette and toning.
    let sepia = rng.f32() < 0.7;
    c.map(|x, y, p| {
        let (dx, dy) = (x as f32 / w - 0.5, y as f32 / h - 0.5);
        let r2 = (dx * dx + dy * dy) * 2.0;
        let v = (0.1 + 0.86 * p[0]) * (1.0 - 0.35 * r2.powf(1.3));
        if sepia {
            [v * 1.02 + 0.04, v * 0.9 + 0.03, v * 0.72 + 0.02]
        } else {
            [v * 0.97 + 0.02, v * 0.97 + 0.02, v * 0.95 + 0.02]
        }
    });

    // White border of the print, slightly yellowed and uneven.
    let border = (w.min(h) * 0.045).max(3.0);
    let paper = Fractal::new(&mut rng, 6);
    c.map(|x, y, p| {
        let (xf, yf) = (x as f32, y as f32);
        let inside = xf >= border && xf < w - border && yf >= border && yf < h - border;
        if inside {
            return p;
        }
        let n = paper.at(xf / w, yf / h);
        let edge = xf.min(yf).min(w - xf).min(h - yf) / border;
        let v = 0.9 + 0.05 * n - 0.04 * (1.0 - edge);
        [v, v * 0.97, v * 0.88]
    });
    c.encode_jpeg()
}

/// Who a generated portrait shows, as far as its drawing goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sitter {
    pub woman: bool,
    /// In a uniform (a tunic with a stand-up collar, a side cap on most).
    pub soldier: bool,
}

/// A studio portrait of the 1940s: head and shoulders against a plain backdrop, an oval
/// vignette fading to the card, sepia. Drawn as a soft likeness — a face with no particular
/// features — so it reads at once as a portrait and never as a real person's photograph.
pub fn portrait_jpeg(seed: u64, width: u32, height: u32, sitter: Sitter) -> Vec<u8> {
    let mut rng = Rng::with_seed(seed);
    let mut c = Canvas::new(width, height, grey(0.6));
    let (w, h) = (c.wf(), c.hf());
    let lit_from_left = rng.bool();

    // The backdrop: lighter behind the head, darker to the corners.
    let cloth = Fractal::new(&mut rng, 3);
    let back = range(&mut rng, 0.58, 0.7);
    c.map(|x, y, _| {
        let (u, v) = (x as f32 / w, y as f32 / h);
        let d = ((u - 0.5).powi(2) + (v - 0.38).powi(2)).sqrt();
        grey(back + 0.12 - 0.3 * d + 0.06 * (cloth.at(u, v) - 0.5))
    });

    let cx = w * range(&mut rng, 0.47, 0.53);
    let head_cy = h * range(&mut rng, 0.37, 0.41);
    let (hrx, hry) = (
        w * range(&mut rng, 0.15, 0.17),
        h * range(&mut rng, 0.145, 0.16),
    );
    let skin = range(&mut rng, 0.64, 0.72);
    let cloth_tone = if sitter.soldier {
        range(&mut rng, 0.3, 0.38)
    } else {
        range(&mut rng, 0.18, 0.3)
    };

    // A woman's hair, behind the head down to the jaw, under the neck and face drawn next.
    let hair = range(&mut rng, 0.12, 0.3);
    if sitter.woman {
        c.ellipse(
            cx,
            head_cy - hry * 0.02,
            hrx * 1.24,
            hry * 1.08,
            grey(hair),
            1.0,
        );
    }
    // Shoulders and chest, with the neck above them.
    let shoulders_y = head_cy + hry * 1.45;
    c.ellipse(
        cx,
        h * 1.05,
        w * 0.5,
        h - shoulders_y + h * 0.05,
        grey(cloth_tone),
        1.0,
    );
    c.rect(
        cx - hrx * 0.55,
        head_cy + hry * 0.6,
        cx + hrx * 0.55,
        shoulders_y + h * 0.04,
        grey(skin - 0.08),
        1.0,
    );
    if sitter.soldier {
        // The tunic's stand-up collar, the placket's buttons and the shoulder boards.
        c.rect(
            cx - hrx * 0.55,
            shoulders_y - h * 0.01,
            cx + hrx * 0.55,
            shoulders_y + h * 0.035,
            grey(cloth_tone - 0.06),
            1.0,
        );
        for i in 0..3 {
            let y = shoulders_y + h * (0.09 + 0.07 * i as f32);
            c.ellipse(cx, y, w * 0.009, w * 0.009, grey(0.75), 0.9);
        }
        for side in [-1.0f32, 1.0] {
            let x = cx + side * w * 0.3;
            let y = shoulders_y + h * 0.06;
            c.polygon(
                &[
                    (x - side * w * 0.09, y - h * 0.012),
                    (x + side * w * 0.05, y + h * 0.01),
                    (x + side * w * 0.045, y + h * 0.04),
                    (x - side * w * 0.095, y + h * 0.018),
                ],
                grey(cloth_tone + 0.12),
                0.9,
            );
        }
    } else if sitter.woman {
        // A blouse's light collar over a dark dress or jacket.
        for side in [-1.0f32, 1.0] {
            c.polygon(
                &[
                    (cx, shoulders_y + h * 0.1),
                    (cx + side * hrx * 0.5, shoulders_y - h * 0.005),
                    (cx + side * hrx * 1.3, shoulders_y + h * 0.04),
                ],
                grey(0.85),
                0.95,
            );
        }
    } else {
        // A jacket's lapels over a shirt and tie.
        c.polygon(
            &[
                (cx - hrx * 0.45, shoulders_y),
                (cx + hrx * 0.45, shoulders_y),
                (cx, shoulders_y + h * 0.16),
            ],
            grey(0.82),
            1.0,
        );
        c.polygon(
            &[
                (cx - w * 0.012, shoulders_y + h * 0.01),
                (cx + w * 0.012, shoulders_y + h * 0.01),
                (cx + w * 0.018, shoulders_y + h * 0.13),
                (cx - w * 0.018, shoulders_y + h * 0.13),
            ],
            grey(cloth_tone - 0.05),
            1.0,
        );
    }

    // The face, modelled by the studio's light from one side.
    c.ellipse(cx, head_cy, hrx, hry, grey(skin), 1.0);
    let (lx, rx) = (cx - hrx, cx + hrx);
    c.map(|x, y, p| {
        let (xf, yf) = (x as f32, y as f32);
        let inside = ((xf - cx) / hrx).powi(2) + ((yf - head_cy) / hry).powi(2) <= 1.0;
        if !inside {
            return p;
        }
        let t = (xf - lx) / (rx - lx);
        let shade = if lit_from_left { t } else { 1.0 - t };
        p.map(|v| v - 0.12 * shade.powf(1.6))
    });
    // Ears, the eyes' sockets and brows, the nose's shadow, the mouth: soft, no likeness.
    for side in [-1.0f32, 1.0] {
        c.ellipse(
            cx + side * hrx * 0.98,
            head_cy + hry * 0.08,
            hrx * 0.12,
            hry * 0.2,
            grey(skin - 0.06),
            1.0,
        );
        let ex = cx + side * hrx * 0.4;
        let ey = head_cy - hry * 0.02;
        c.ellipse(ex, ey, hrx * 0.24, hry * 0.1, grey(skin - 0.14), 0.6);
        c.ellipse(ex, ey, hrx * 0.09, hry * 0.05, grey(0.15), 0.85);
        c.stroke(
            &[
                (ex - side * hrx * 0.2, ey - hry * 0.15),
                (ex + side * hrx * 0.2, ey - hry * 0.19),
            ],
            (w * 0.012).max(1.0),
            grey(hair.min(0.35)),
            0.8,
            false,
        );
    }
    let nose_side = if lit_from_left { 1.0 } else { -1.0 };
    c.stroke(
        &[
            (cx + nose_side * hrx * 0.05, head_cy),
            (cx + nose_side * hrx * 0.12, head_cy + hry * 0.3),
        ],
        (w * 0.014).max(1.0),
        grey(skin - 0.16),
        0.55,
        false,
    );
    c.ellipse(
        cx,
        head_cy + hry * 0.55,
        hrx * 0.3,
        hry * 0.045,
        grey(skin - 0.22),
        0.8,
    );

    // Hair on top; a side cap with its star over the soldier's.
    // Hair over the top of the head down to a hairline that curves lower at the temples.
    let (hcy, hrx2, hry2) = (head_cy - hry * 0.12, hrx * 1.05, hry * 0.98);
    let line = if sitter.woman { 0.5 } else { 0.42 };
    c.fill(
        [cx - hrx2, hcy - hry2, cx + hrx2, head_cy + hry * 0.2],
        grey(hair),
        1.0,
        |x, y| {
            let u = (x - cx) / hrx2;
            u * u + ((y - hcy) / hry2).powi(2) <= 1.0
                && y < head_cy - hry * line + hry * 0.55 * u * u
        },
    );
    if sitter.woman {
        // The parting.
        let part = cx + hrx * range(&mut rng, -0.3, 0.3);
        c.stroke(
            &[(part, head_cy - hry * 1.05), (part, head_cy - hry * 0.6)],
            (w * 0.006).max(1.0),
            grey(hair + 0.2),
            0.7,
            false,
        );
    }
    if sitter.soldier && (sitter.woman || rng.u8(0..4) > 0) {
        let tilt = range(&mut rng, 0.02, 0.06) * h;
        let top = head_cy - hry * 1.02;
        c.polygon(
            &[
                (cx - hrx * 1.02, top + hry * 0.45),
                (cx + hrx * 1.02, top + hry * 0.45 - tilt),
                (cx + hrx * 0.85, top - tilt * 0.6),
                (cx - hrx * 0.85, top),
            ],
            grey(cloth_tone + 0.04),
            1.0,
        );
        c.ellipse(
            cx,
            top + hry * 0.22 - tilt * 0.5,
            w * 0.016,
            w * 0.016,
            grey(0.8),
            0.95,
        );
    }

    // Soft focus and grain, as a contact print of the time.
    c.blur((w / 240.0).ceil() as usize);
    c.map(|_, _, p| {
        let g = (rng.f32() + rng.f32() - 1.0) * 0.05;
        p.map(|v| v + g)
    });

    // The oval vignette fading to the card, sepia toning, the card's border.
    let card = range(&mut rng, 0.86, 0.92);
    c.map(|x, y, p| {
        let (u, v) = (x as f32 / w - 0.5, y as f32 / h - 0.47);
        let r = ((u / 0.43).powi(2) + (v / 0.46).powi(2)).sqrt();
        let fade = ((r - 0.82) / 0.2).clamp(0.0, 1.0);
        let v = p[0] * (1.0 - fade) + card * fade;
        [v * 1.02 + 0.03, v * 0.9 + 0.03, v * 0.72 + 0.02]
    });
    c.encode_jpeg()
}

fn house(c: &mut Canvas, rng: &mut Rng, cx: f32, base: f32, width: f32) {
    let height = width * range(rng, 0.55, 0.75);
    let roof = width * range(rng, 0.35, 0.55);
    let (x0, x1) = (cx - width / 2.0, cx + width / 2.0);
    let wall = range(rng, 0.24, 0.36);
    c.rect(x0, base - height, x1, base, grey(wall), 1.0);
    // Log courses: faint darker lines.
    let mut y = base - height;
    while y < base {
        c.rect(x0, y, x1, y + 1.0, grey(wall - 0.07), 0.5);
        y += (height / 9.0).max(2.5);
    }
    let overhang = width * 0.08;
    c.polygon(
        &[
            (x0 - overhang, base - height),
            (cx, base - height - roof),
            (x1 + overhang, base - height),
        ],
        grey(range(rng, 0.14, 0.22)),
        1.0,
    );
    // Chimney.
    let chx = cx + width * range(rng, 0.1, 0.3);
    c.rect(
        chx,
        base - height - roof * 0.8,
        chx + width * 0.07,
        base - height - roof * 0.35,
        grey(0.2),
        1.0,
    );
    // Windows with frames and light shutters.
    let n = rng.usize(2..4);
    let ww = width / (n as f32 * 2.2);
    for i in 0..n {
        let wx = x0 + width * (i as f32 + 0.5) / n as f32 - ww / 2.0;
        let wy = base - height * 0.68;
        c.rect(
            wx - ww * 0.3,
            wy - 1.0,
            wx + ww * 1.3,
            wy + ww * 1.5,
            grey(0.62),
            0.9,
        );
        c.rect(wx, wy, wx + ww, wy + ww * 1.3, grey(0.12), 1.0);
        c.rect(
            wx + ww * 0.45,
            wy,
            wx + ww * 0.55,
            wy + ww * 1.3,
            grey(0.55),
            1.0,
        );
        c.rect(wx, wy + ww * 0.5, wx + ww, wy + ww * 0.58, grey(0.55), 1.0);
    }
}

fn tree(c: &mut Canvas, rng: &mut Rng, cx: f32, base: f32, height: f32) {
    let trunk = height * 0.045;
    c.rect(
        cx - trunk,
        base - height * 0.5,
        cx + trunk,
        base,
        grey(0.18),
        1.0,
    );
    let crown_y = base - height * 0.62;
    let crown_r = height * range(rng, 0.22, 0.3);
    for _ in 0..rng.usize(7..12) {
        let a = rng.f32() * TAU;
        let d = rng.f32() * crown_r * 0.7;
        let r = crown_r * range(rng, 0.45, 0.7);
        let v = range(rng, 0.17, 0.3);
        c.ellipse(
            cx + a.cos() * d,
            crown_y + a.sin() * d * 1.2,
            r,
            r * 1.1,
            grey(v),
            0.95,
        );
    }
}

fn village(c: &mut Canvas, rng: &mut Rng, horizon: f32) {
    let (w, h) = (c.wf(), c.hf());
    let base = horizon + h * 0.08;
    let mut x = w * range(rng, -0.05, 0.1);
    while x < w * 1.05 {
        if rng.f32() < 0.3 {
            let th = h * range(rng, 0.28, 0.4);
            tree(c, rng, x, base, th);
            x += w * 0.12;
        } else {
            let width = w * range(rng, 0.16, 0.24);
            house(c, rng, x + width / 2.0, base, width);
            x += width * range(rng, 1.15, 1.5);
        }
    }
    // A picket fence in front and a lighter dirt road.
    let fence_top = base + h * 0.01;
    let fence = h * 0.05;
    c.rect(
        0.0,
        fence_top + fence * 0.3,
        w,
        fence_top + fence * 0.4,
        grey(0.25),
        1.0,
    );
    let mut px = 0.0;
    while px < w {
        c.rect(
            px,
            fence_top,
            px + w * 0.006,
            fence_top + fence,
            grey(0.28),
            1.0,
        );
        px += w * 0.018;
    }
    let road_y = base + h * 0.12;
    c.polygon(
        &[(0.0, road_y), (w, road_y + h * 0.04), (w, h), (0.0, h)],
        grey(0.58),
        0.6,
    );
}

/// A standing person, feet at (`cx`, `feet`), `height` px tall.
fn person(c: &mut Canvas, rng: &mut Rng, cx: f32, feet: f32, height: f32) {
    let coat = grey(range(rng, 0.14, 0.38));
    let head_r = height * 0.065;
    let head_y = feet - height + head_r;
    let shoulder_y = head_y + head_r * 1.35;
    let shoulder = height * range(rng, 0.12, 0.145);
    let hem_y = feet - height * range(rng, 0.2, 0.32);
    let hem = height * range(rng, 0.12, 0.16);
    let leg = height * 0.035;
    // Legs and boots.
    for side in [-1.0, 1.0] {
        let lx = cx + side * hem * 0.45;
        c.rect(lx - leg, hem_y - 2.0, lx + leg, feet, grey(0.15), 1.0);
        c.ellipse(
            lx + side * leg * 0.3,
            feet - leg * 0.5,
            leg * 1.5,
            leg * 0.8,
            grey(0.1),
            1.0,
        );
    }
    // Coat from rounded shoulders to the hem, arms along the sides.
    c.polygon(
        &[
            (cx - shoulder * 0.8, shoulder_y - head_r * 0.2),
            (cx + shoulder * 0.8, shoulder_y - head_r * 0.2),
            (cx + shoulder, shoulder_y + head_r * 0.5),
            (cx + hem, hem_y),
            (cx - hem, hem_y),
            (cx - shoulder, shoulder_y + head_r * 0.5),
        ],
        coat,
        1.0,
    );
    let arm = coat.map(|v| (v - 0.06).max(0.05));
    for side in [-1.0, 1.0] {
        let ax = cx + side * shoulder * 0.92;
        c.stroke(
            &[
                (ax, shoulder_y + head_r * 0.4),
                (ax + side * hem * 0.1, hem_y - height * 0.12),
            ],
            height * 0.05,
            arm,
            1.0,
            false,
        );
        c.ellipse(
            ax + side * hem * 0.1,
            hem_y - height * 0.12,
            head_r * 0.25,
            head_r * 0.3,
            grey(0.5),
            1.0,
        );
    }
    if rng.bool() {
        // A soldier's belt.
        let belt_y = shoulder_y + (hem_y - shoulder_y) * 0.42;
        c.rect(
            cx - hem * 0.95,
            belt_y,
            cx + hem * 0.95,
            belt_y + height * 0.018,
            grey(0.08),
            1.0,
        );
    }
    // Face, then a cap or a headscarf over the top of the head.
    c.ellipse(
        cx,
        head_y,
        head_r * 0.85,
        head_r,
        grey(range(rng, 0.58, 0.7)),
        1.0,
    );
    let hat = grey(range(rng, 0.1, 0.5));
    if rng.bool() {
        c.ellipse(
            cx,
            head_y - head_r * 0.55,
            head_r * 0.95,
            head_r * 0.5,
            hat,
            1.0,
        );
    } else {
        c.polygon(
            &[
                (cx - head_r, head_y + head_r * 0.2),
                (cx - head_r * 0.8, head_y - head_r * 0.9),
                (cx + head_r * 0.8, head_y - head_r * 0.9),
                (cx + head_r, head_y + head_r * 0.2),
                (cx + head_r * 0.7, head_y - head_r * 0.35),
                (cx - head_r * 0.7, head_y - head_r * 0.35),
            ],
            hat,
            1.0,
        );
    }
    // Eyes in shadow give the face direction.
    for side in [-1.0, 1.0] {
        c.ellipse(
            cx + side * head_r * 0.3,
            head_y,
            head_r * 0.12,
            head_r * 0.08,
            grey(0.3),
            0.8,
        );
    }
}

fn group_portrait(c: &mut Canvas, rng: &mut Rng, horizon: f32) {
    let (w, h) = (c.wf(), c.hf());
    // A wall of a building behind the group, or trees.
    if rng.bool() {
        let top = horizon - h * range(rng, 0.3, 0.4);
        c.rect(0.0, top, w, horizon + h * 0.05, grey(0.48), 1.0);
        let mut y = top;
        while y < horizon {
            c.rect(0.0, y, w, y + 1.0, grey(0.4), 0.6);
            y += h * 0.03;
        }
        let mut x = w * range(rng, 0.02, 0.1);
        while x < w {
            c.rect(
                x,
                top + h * 0.06,
                x + w * 0.07,
                top + h * 0.2,
                grey(0.2),
                1.0,
            );
            c.rect(
                x - 2.0,
                top + h * 0.2,
                x + w * 0.07 + 2.0,
                top + h * 0.21,
                grey(0.62),
                1.0,
            );
            x += w * range(rng, 0.18, 0.24);
        }
    } else {
        let mut x = 0.0;
        while x < w {
            let th = h * range(rng, 0.45, 0.6);
            tree(c, rng, x, horizon + h * 0.05, th);
            x += w * range(rng, 0.1, 0.18);
        }
    }
    let count = rng.usize(4..9);
    let height = h * range(rng, 0.42, 0.5);
    let feet = h * range(rng, 0.88, 0.93);
    let spacing = (w * 0.8 / count as f32).min(height * 0.38);
    let left = w / 2.0 - spacing * (count as f32 - 1.0) / 2.0;
    // A back row stands higher and between the heads of the front row.
    if count >= 6 {
        for i in 0..count - 1 {
            let x = left + spacing * (i as f32 + 0.5) + range(rng, -3.0, 3.0);
            let ph = height * range(rng, 0.92, 1.0);
            person(c, rng, x, feet - height * 0.1, ph);
        }
    }
    c.ellipse(
        w / 2.0,
        feet,
        spacing * count as f32 * 0.55,
        h * 0.025,
        grey(0.2),
        0.5,
    );
    for i in 0..count {
        let x = left + spacing * i as f32 + range(rng, -4.0, 4.0);
        let (pf, ph) = (feet + range(rng, -2.0, 2.0), height * range(rng, 0.9, 1.05));
        person(c, rng, x, pf, ph);
    }
}

fn trees_by_road(c: &mut Canvas, rng: &mut Rng, horizon: f32) {
    let (w, h) = (c.wf(), c.hf());
    // A road narrowing to a vanishing point, trees along it getting smaller.
    let vx = w * range(rng, 0.35, 0.65);
    c.polygon(
        &[
            (vx - 2.0, horizon),
            (vx + 2.0, horizon),
            (w * 0.85, h),
            (w * 0.15, h),
        ],
        grey(0.64),
        0.8,
    );
    for side in [-1.0f32, 1.0] {
        let mut t = 0.15f32;
        while t < 1.1 {
            let base = horizon + (h - horizon) * t * 0.7;
            let x = vx + side * (w * 0.12 + w * 0.45 * t);
            tree(c, rng, x, base, h * 0.12 + h * 0.5 * t);
            t *= range(rng, 1.35, 1.6);
        }
    }
    for _ in 0..rng.usize(1..3) {
        let t = range(rng, 0.3, 0.6);
        let x = vx + range(rng, -0.15, 0.15) * w * t;
        person(c, rng, x, horizon + (h - horizon) * t, h * 0.5 * t);
    }
}

// ---------------------------------------------------------------------------------------------
// Handwriting and typewriting
// ---------------------------------------------------------------------------------------------

/// Writes one cursive-looking word starting at (`x`, `base`); returns the x where it ends.
///
/// Each letter is one arch of a trochoid: x advances while y goes up and back down to the
/// baseline, and a loop factor above 1 makes the stroke curl back like a looped "e" or "l".
/// Chained, these read as joined-up handwriting from a normal viewing distance.
#[allow(clippy::too_many_arguments)]
fn cursive_word(
    c: &mut Canvas,
    rng: &mut Rng,
    x: f32,
    base: f32,
    letters: usize,
    x_height: f32,
    width: f32,
    ink: Rgb,
) -> f32 {
    let slant = range(rng, 0.2, 0.4);
    let mut pts: Vec<Pt> = vec![(x - x_height * 0.3, base + x_height * 0.1)];
    let mut x0 = x;
    let alpha = range(rng, 0.75, 0.95);
    for _ in 0..letters {
        let kind = rng.f32();
        let (height, below, lw, lp) = if kind < 0.15 {
            (
                x_height * range(rng, 2.0, 2.5),
                false,
                x_height * 0.55,
                range(rng, 1.3, 1.8),
            )
        } else if kind < 0.25 {
            (
                x_height * range(rng, 1.6, 2.0),
                true,
                x_height * 0.55,
                range(rng, 1.3, 1.8),
            )
        } else {
            (
                x_height * range(rng, 0.85, 1.1),
                false,
                x_height * range(rng, 0.6, 0.95),
                range(rng, 0.4, 1.4),
            )
        };
        let steps = 12;
        for s in 1..=steps {
            let t = s as f32 / steps as f32 * TAU;
            let rise = (1.0 - t.cos()) / 2.0;
            let dy = if below {
                rise * height * 0.8
            } else {
                -rise * height
            };
            let lx = x0 + lw * (t - lp * t.sin()) / TAU;
            let wobble = (lx * 0.05).sin() * x_height * 0.08;
            let y = base + dy + wobble;
            pts.push((lx + (base - y) * slant, y));
        }
        x0 += lw;
    }
    pts.push((x0 + x_height * 0.25, base - x_height * 0.3));
    c.stroke(&pts, width, ink, alpha, true);
    x0 + x_height * 0.3
}

/// Stroke lists of a typewriter-like Cyrillic capital, in a box 0..1 wide and 0 (top) ..1
/// (baseline) tall. Unknown characters draw nothing.
fn glyph(ch: char) -> Vec<Vec<Pt>> {
    fn arc(cx: f32, cy: f32, rx: f32, ry: f32, a0: f32, a1: f32) -> Vec<Pt> {
        (0..=12)
            .map(|i| {
                let a = (a0 + (a1 - a0) * i as f32 / 12.0).to_radians();
                (cx + rx * a.cos(), cy + ry * a.sin())
            })
            .collect()
    }
    fn join(mut a: Vec<Pt>, b: &[Pt]) -> Vec<Pt> {
        a.extend_from_slice(b);
        a
    }
    let p = |pts: &[Pt]| pts.to_vec();
    match ch {
        'А' | 'A' => vec![
            p(&[(0.0, 1.0), (0.5, 0.0), (1.0, 1.0)]),
            p(&[(0.22, 0.6), (0.78, 0.6)]),
        ],
        'Б' => vec![
            p(&[(0.9, 0.0), (0.0, 0.0), (0.0, 1.0)]),
            join(
                join(
                    p(&[(0.0, 0.5), (0.55, 0.5)]),
                    &arc(0.55, 0.75, 0.4, 0.25, -90.0, 90.0),
                ),
                &[(0.0, 1.0)],
            ),
        ],
        'В' | 'B' => vec![
            p(&[(0.0, 0.0), (0.0, 1.0)]),
            join(
                join(
                    p(&[(0.0, 0.0), (0.5, 0.0)]),
                    &arc(0.5, 0.25, 0.38, 0.25, -90.0, 90.0),
                ),
                &[(0.0, 0.5)],
            ),
            join(
                join(
                    p(&[(0.0, 0.5), (0.55, 0.5)]),
                    &arc(0.55, 0.75, 0.43, 0.25, -90.0, 90.0),
                ),
                &[(0.0, 1.0)],
            ),
        ],
        'Г' => vec![p(&[(0.95, 0.0), (0.0, 0.0), (0.0, 1.0)])],
        'Д' => vec![
            p(&[(0.1, 0.85), (0.22, 0.0), (0.85, 0.0), (0.85, 0.85)]),
            p(&[(0.0, 1.1), (0.0, 0.85), (1.0, 0.85), (1.0, 1.1)]),
        ],
        'Е' | 'Ё' | 'E' => vec![
            p(&[(0.95, 0.0), (0.0, 0.0), (0.0, 1.0), (0.95, 1.0)]),
            p(&[(0.0, 0.5), (0.8, 0.5)]),
        ],
        'Ж' => vec![
            p(&[(0.5, 0.0), (0.5, 1.0)]),
            p(&[(0.0, 0.0), (0.5, 0.5), (0.0, 1.0)]),
            p(&[(1.0, 0.0), (0.5, 0.5), (1.0, 1.0)]),
        ],
        'З' | '3' => vec![
            arc(0.45, 0.25, 0.42, 0.25, -160.0, 90.0),
            arc(0.45, 0.75, 0.48, 0.25, -90.0, 160.0),
        ],
        'И' => vec![p(&[(0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)])],
        'Й' => vec![
            p(&[(0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)]),
            p(&[(0.3, -0.15), (0.7, -0.15)]),
        ],
        'К' | 'K' => vec![
            p(&[(0.0, 0.0), (0.0, 1.0)]),
            p(&[(0.95, 0.0), (0.0, 0.55), (1.0, 1.0)]),
        ],
        'Л' => vec![p(&[(0.0, 1.0), (0.25, 0.0), (1.0, 0.0), (1.0, 1.0)])],
        'М' | 'M' => vec![p(&[
            (0.0, 1.0),
            (0.0, 0.0),
            (0.5, 0.65),
            (1.0, 0.0),
            (1.0, 1.0),
        ])],
        'Н' | 'H' => vec![
            p(&[(0.0, 0.0), (0.0, 1.0)]),
            p(&[(1.0, 0.0), (1.0, 1.0)]),
            p(&[(0.0, 0.5), (1.0, 0.5)]),
        ],
        'О' | 'O' | '0' => vec![arc(0.5, 0.5, 0.5, 0.5, 0.0, 360.0)],
        'П' => vec![p(&[(0.0, 1.0), (0.0, 0.0), (1.0, 0.0), (1.0, 1.0)])],
        'Р' | 'P' => vec![join(
            join(
                p(&[(0.0, 1.0), (0.0, 0.0), (0.55, 0.0)]),
                &arc(0.55, 0.27, 0.42, 0.27, -90.0, 90.0),
            ),
            &[(0.0, 0.54)],
        )],
        'С' | 'C' => vec![arc(0.55, 0.5, 0.5, 0.5, -40.0, -320.0)],
        'Т' | 'T' => vec![p(&[(0.0, 0.0), (1.0, 0.0)]), p(&[(0.5, 0.0), (0.5, 1.0)])],
        'У' => vec![
            p(&[(0.0, 0.0), (0.5, 0.6)]),
            p(&[(1.0, 0.0), (0.3, 1.0), (0.1, 1.0)]),
        ],
        'Ф' => vec![
            p(&[(0.5, -0.05), (0.5, 1.05)]),
            arc(0.5, 0.45, 0.5, 0.3, 0.0, 360.0),
        ],
        'Х' | 'X' => vec![p(&[(0.0, 0.0), (1.0, 1.0)]), p(&[(1.0, 0.0), (0.0, 1.0)])],
        'Ц' => vec![
            p(&[(0.0, 0.0), (0.0, 0.9), (0.88, 0.9), (0.88, 0.0)]),
            p(&[(0.88, 0.9), (1.02, 0.9), (1.02, 1.12)]),
        ],
        'Ч' => vec![
            p(&[(0.0, 0.0), (0.0, 0.4), (0.2, 0.55), (1.0, 0.55)]),
            p(&[(1.0, 0.0), (1.0, 1.0)]),
        ],
        'Ш' => vec![
            p(&[(0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, 0.0)]),
            p(&[(0.5, 0.0), (0.5, 1.0)]),
        ],
        'Щ' => vec![
            p(&[(0.0, 0.0), (0.0, 0.9), (0.9, 0.9), (0.9, 0.0)]),
            p(&[(0.45, 0.0), (0.45, 0.9)]),
            p(&[(0.9, 0.9), (1.02, 0.9), (1.02, 1.12)]),
        ],
        'Ъ' => vec![join(
            join(
                p(&[(0.0, 0.0), (0.3, 0.0), (0.3, 1.0), (0.7, 1.0)]),
                &arc(0.7, 0.75, 0.28, 0.25, 90.0, -90.0),
            ),
            &[(0.3, 0.5)],
        )],
        'Ы' => vec![
            join(
                join(
                    p(&[(0.0, 0.0), (0.0, 1.0), (0.4, 1.0)]),
                    &arc(0.4, 0.75, 0.25, 0.25, 90.0, -90.0),
                ),
                &[(0.0, 0.5)],
            ),
            p(&[(1.0, 0.0), (1.0, 1.0)]),
        ],
        'Ь' => vec![join(
            join(
                p(&[(0.0, 0.0), (0.0, 1.0), (0.55, 1.0)]),
                &arc(0.55, 0.75, 0.4, 0.25, 90.0, -90.0),
            ),
            &[(0.0, 0.5)],
        )],
        'Э' => vec![
            arc(0.45, 0.5, 0.5, 0.5, -140.0, 140.0),
            p(&[(0.35, 0.5), (0.95, 0.5)]),
        ],
        'Ю' => vec![
            p(&[(0.0, 0.0), (0.0, 1.0)]),
            p(&[(0.0, 0.5), (0.35, 0.5)]),
            arc(0.68, 0.5, 0.32, 0.5, 0.0, 360.0),
        ],
        'Я' => vec![
            join(
                join(
                    p(&[(1.0, 1.0), (1.0, 0.0), (0.45, 0.0)]),
                    &arc(0.45, 0.27, 0.42, 0.27, -90.0, -270.0),
                ),
                &[(1.0, 0.54)],
            ),
            p(&[(0.55, 0.54), (0.0, 1.0)]),
        ],
        '1' => vec![p(&[(0.2, 0.25), (0.6, 0.0), (0.6, 1.0)])],
        '2' => vec![join(
            arc(0.5, 0.3, 0.45, 0.3, -160.0, 30.0),
            &[(0.0, 1.0), (1.0, 1.0)],
        )],
        '4' => vec![p(&[(0.75, 1.0), (0.75, 0.0), (0.0, 0.7), (1.0, 0.7)])],
        '5' => vec![join(
            p(&[(0.9, 0.0), (0.15, 0.0), (0.1, 0.45)]),
            &arc(0.45, 0.68, 0.45, 0.32, -125.0, 150.0),
        )],
        '6' => vec![join(
            p(&[(0.85, 0.0), (0.25, 0.35)]),
            &arc(0.5, 0.7, 0.45, 0.3, 200.0, 560.0),
        )],
        '7' => vec![p(&[(0.0, 0.0), (1.0, 0.0), (0.35, 1.0)])],
        '8' => vec![
            arc(0.5, 0.25, 0.38, 0.25, 0.0, 360.0),
            arc(0.5, 0.74, 0.46, 0.26, 0.0, 360.0),
        ],
        '9' => vec![join(arc(0.5, 0.3, 0.45, 0.3, 20.0, 380.0), &[(0.65, 1.0)])],
        '.' => vec![p(&[(0.4, 0.95), (0.5, 0.95)])],
        ',' => vec![p(&[(0.5, 0.9), (0.35, 1.15)])],
        '-' => vec![p(&[(0.15, 0.5), (0.85, 0.5)])],
        ':' => vec![
            p(&[(0.45, 0.3), (0.55, 0.3)]),
            p(&[(0.45, 0.95), (0.55, 0.95)]),
        ],
        '№' => vec![
            p(&[(0.0, 1.0), (0.0, 0.0), (0.55, 1.0), (0.55, 0.0)]),
            arc(0.85, 0.35, 0.13, 0.2, 0.0, 360.0),
        ],
        '*' => vec![
            p(&[(0.5, 0.2), (0.5, 0.8)]),
            p(&[(0.25, 0.35), (0.75, 0.65)]),
            p(&[(0.75, 0.35), (0.25, 0.65)]),
        ],
        _ => Vec::new(),
    }
}

/// Types `text` like a typewriter: fixed pitch, every letter struck a little harder or softer
/// and a little off the line. `place` maps glyph space to the canvas, so the same code types
/// along a stamp's circle.
fn typewrite(
    c: &mut Canvas,
    rng: &mut Rng,
    text: &str,
    size: f32,
    ink: Rgb,
    multiply: bool,
    place: impl Fn(usize, Pt) -> Pt,
) {
    let width = (size * 0.11).max(0.9);
    for (i, ch) in text.chars().enumerate() {
        let jitter = range(rng, -0.05, 0.05);
        let alpha = range(rng, 0.62, 0.95);
        for stroke in glyph(ch) {
            let pts: Vec<Pt> = stroke
                .iter()
                .map(|&(gx, gy)| place(i, (0.15 + gx * 0.62, gy + jitter)))
                .collect();
            c.stroke(&pts, width, ink, alpha, multiply);
        }
    }
}

/// Types a straight line of text with its baseline at `base`; returns where it ends.
fn type_line(
    c: &mut Canvas,
    rng: &mut Rng,
    text: &str,
    x: f32,
    base: f32,
    size: f32,
    ink: Rgb,
) -> f32 {
    let pitch = size * 0.82;
    typewrite(c, rng, text, size, ink, true, |i, (gx, gy)| {
        (x + i as f32 * pitch + gx * pitch, base - size + gy * size)
    });
    x + text.chars().count() as f32 * pitch
}

fn text_width(text: &str, size: f32) -> f32 {
    text.chars().count() as f32 * size * 0.82
}

/// Aged paper: base tone, mottling, darker burnt edges.
fn aged_paper(c: &mut Canvas, rng: &mut Rng, tone: Rgb, age: f32) {
    let mottle = Fractal::new(rng, 5);
    let (w, h) = (c.wf(), c.hf());
    c.map(|x, y, _| {
        let (u, v) = (x as f32 / w, y as f32 / h);
        let edge = u.min(v).min(1.0 - u).min(1.0 - v);
        let burn = (1.0 - (edge / 0.08).min(1.0)).powi(2) * 0.18 * age;
        let m = (mottle.at(u, v) - 0.5) * 0.12 * age;
        tone.map(|t| t * (1.0 + m - burn))
    });
}

/// Ring-shaped stains where a wet cup or drop dried: the rim is darker than the middle.
fn stains(c: &mut Canvas, rng: &mut Rng, count: usize) {
    let (w, h) = (c.wf(), c.hf());
    for _ in 0..count {
        let (cx, cy) = (rng.f32() * w, rng.f32() * h);
        let r = w.min(h) * range(rng, 0.04, 0.14);
        let darkness = range(rng, 0.04, 0.1);
        let xs = Canvas::span(cx - r * 1.1, cx + r * 1.1, c.w);
        for y in Canvas::span(cy - r * 1.1, cy + r * 1.1, c.h) {
            for x in xs.clone() {
                let d = ((x as f32 - cx).powi(2) + (y as f32 - cy).powi(2)).sqrt() / r;
                if d < 1.05 {
                    let k = darkness * (0.35 + 0.65 * (-(d - 0.97).powi(2) * 200.0).exp());
                    let p = &mut c.px[y * c.w + x];
                    *p = [
                        p[0] * (1.0 - k * 0.8),
                        p[1] * (1.0 - k),
                        p[2] * (1.0 - k * 1.4),
                    ];
                }
            }
        }
    }
}

/// A fold crease: a dark line with a light one beside it, as light catches the ridge.
fn crease(c: &mut Canvas, a: Pt, b: Pt) {
    c.stroke(&[a, b], 1.4, [0.72, 0.68, 0.6], 0.45, true);
    c.stroke(
        &[(a.0 + 1.5, a.1 + 1.5), (b.0 + 1.5, b.1 + 1.5)],
        1.0,
        [1.0, 0.98, 0.92],
        0.35,
        false,
    );
}

// ---------------------------------------------------------------------------------------------
// Letter
// ---------------------------------------------------------------------------------------------

/// A handwritten letter on aged paper: either a sheet folded into a front-line triangle
/// (diagonal creases) or a lined exercise-book page, with `lines` lines of cursive in ink or
/// indelible pencil, a short greeting line and a signature.
pub fn letter_jpeg(seed: u64, width: u32, height: u32, lines: u32) -> Vec<u8> {
    let mut rng = Rng::with_seed(seed);
    let mut c = Canvas::new(width, height, [0.9, 0.84, 0.68]);
    let (w, h) = (c.wf(), c.hf());
    let tone = [
        range(&mut rng, 0.88, 0.93),
        range(&mut rng, 0.82, 0.87),
        range(&mut rng, 0.64, 0.72),
    ];
    aged_paper(&mut c, &mut rng, tone, 1.0);

    let lines = lines.clamp(1, 60) as usize;
    let (top, bottom) = (h * 0.08, h * 0.93);
    let spacing = (bottom - top) / (lines as f32 + 1.5);
    let (left, right) = (w * 0.09, w * 0.92);
    let triangle = rng.bool();

    if !triangle {
        // Exercise-book ruling and a pink margin.
        for i in 0..=lines + 1 {
            let y = top + spacing * (i as f32 + 1.0);
            c.stroke(&[(0.0, y), (w, y)], 1.0, [0.62, 0.7, 0.85], 0.45, true);
        }
        c.stroke(
            &[(left - w * 0.02, 0.0), (left - w * 0.02, h)],
            1.2,
            [0.92, 0.55, 0.55],
            0.6,
            true,
        );
    }
    let n = rng.usize(1..4);
    stains(&mut c, &mut rng, n);

    let inks: [Rgb; 3] = [[0.45, 0.35, 0.7], [0.25, 0.3, 0.55], [0.42, 0.42, 0.45]];
    let ink = inks[rng.usize(..inks.len())];
    let x_height = spacing * 0.3;
    let pen = (x_height * 0.15).max(1.3);
    for line in 0..lines {
        let base = top + spacing * (line as f32 + 1.0) - spacing * 0.08;
        let (mut x, end) = match line {
            // Greeting: short and centred-ish.
            0 => (
                w * range(&mut rng, 0.25, 0.35),
                w * range(&mut rng, 0.6, 0.7),
            ),
            // A paragraph indent now and then.
            _ if rng.f32() < 0.15 => (left + w * 0.07, right),
            _ if line + 1 == lines => (left, left + (right - left) * range(&mut rng, 0.3, 0.7)),
            _ => (left, right - w * range(&mut rng, 0.0, 0.06)),
        };
        while x < end - x_height * 3.0 {
            let letters = rng
                .usize(2..9)
                .min(((end - x) / (x_height * 0.8)) as usize)
                .max(1);
            x = cursive_word(&mut c, &mut rng, x, base, letters, x_height, pen, ink);
            x += x_height * range(&mut rng, 1.0, 1.8);
        }
    }
    // Signature under the last line, to the right.
    let sig_base = (top + spacing * (lines as f32 + 1.2)).min(h * 0.97);
    let sx = w * range(&mut rng, 0.6, 0.7);
    let sx = cursive_word(&mut c, &mut rng, sx, sig_base, 5, x_height * 1.3, pen, ink);
    c.stroke(
        &[
            (sx - x_height * 6.0, sig_base + x_height * 0.5),
            (sx + x_height, sig_base - x_height * 0.2),
        ],
        pen,
        ink,
        0.8,
        true,
    );

    if triangle {
        // Creases of a front-line triangle letter: two diagonals and the strip fold.
        crease(&mut c, (0.0, h * 0.1), (w * 0.9, h));
        crease(&mut c, (w, h * 0.1), (w * 0.1, h));
        crease(&mut c, (0.0, h * 0.55), (w, h * 0.55));
    } else {
        crease(&mut c, (w * 0.5, 0.0), (w * 0.5, h));
        crease(&mut c, (0.0, h * 0.5), (w, h * 0.5));
    }
    c.encode_jpeg()
}

// ---------------------------------------------------------------------------------------------
// Typed document
// ---------------------------------------------------------------------------------------------

const FORMS: [(&str, &[&str]); 3] = [
    (
        "НАГРАДНОЙ ЛИСТ",
        &[
            "1. ФАМИЛИЯ, ИМЯ И ОТЧЕСТВО",
            "2. ЗВАНИЕ",
            "3. ДОЛЖНОСТЬ, ЧАСТЬ",
            "4. ГОД РОЖДЕНИЯ",
            "5. С КАКОГО ВРЕМЕНИ В КРАСНОЙ АРМИИ",
            "6. ИМЕЕТ ЛИ РАНЕНИЯ",
            "7. ЧЕМ РАНЕЕ НАГРАЖДЁН",
        ],
    ),
    (
        "СПРАВКА",
        &[
            "ДАНА ГРАЖДАНИНУ",
            "В ТОМ, ЧТО ОН",
            "ДЕЙСТВИТЕЛЬНО СЛУЖИЛ В",
            "С 1941 ПО 1945 ГОД",
            "СПРАВКА ВЫДАНА ДЛЯ",
        ],
    ),
    (
        "ИЗВЕЩЕНИЕ",
        &[
            "ВАШ СЫН",
            "УРОЖЕНЕЦ",
            "В БОЮ ЗА СОЦИАЛИСТИЧЕСКУЮ РОДИНУ",
            "БЫЛ РАНЕН И НАХОДИТСЯ",
            "НАСТОЯЩЕЕ ИЗВЕЩЕНИЕ ЯВЛЯЕТСЯ ДОКУМЕНТОМ",
        ],
    ),
];

/// A typed wartime form: a heading, numbered fields with handwritten answers, a boxed
/// description, a round purple stamp with a star and a signature.
pub fn document_jpeg(seed: u64, width: u32, height: u32) -> Vec<u8> {
    let mut rng = Rng::with_seed(seed);
    let mut c = Canvas::new(width, height, [0.9, 0.88, 0.8]);
    let (w, h) = (c.wf(), c.hf());
    let tone = [
        range(&mut rng, 0.9, 0.94),
        range(&mut rng, 0.88, 0.91),
        range(&mut rng, 0.78, 0.84),
    ];
    aged_paper(&mut c, &mut rng, tone, 0.7);
    let n = rng.usize(0..2);
    stains(&mut c, &mut rng, n);

    let type_ink = [0.2, 0.2, 0.24];
    let hand_ink = [0.3, 0.3, 0.55];
    let (title, fields) = FORMS[rng.usize(..FORMS.len())];
    let margin = w * 0.08;
    let scale = h.min(w * 1.3);

    // Heading: large spaced capitals, centred, underlined.
    let title_size = scale * 0.035;
    let spaced: String = title.chars().flat_map(|ch| [ch, ' ']).collect::<String>();
    let spaced = spaced.trim_end();
    let tx = (w - text_width(spaced, title_size)) / 2.0;
    let ty = h * 0.1;
    type_line(&mut c, &mut rng, spaced, tx, ty, title_size, type_ink);
    c.stroke(
        &[
            (w * 0.25, ty + title_size * 0.5),
            (w * 0.75, ty + title_size * 0.5),
        ],
        1.5,
        type_ink,
        0.8,
        true,
    );

    // Fields: typed label, a dotted-free rule, a handwritten answer on it.
    let size = scale * 0.02;
    let row = scale * 0.058;
    let mut y = ty + row * 1.4;
    let pen = (size * 0.12).max(1.0);
    for label in fields {
        let end = type_line(&mut c, &mut rng, label, margin, y, size, type_ink);
        let rule_start = end + size * 0.5;
        if rule_start < w - margin - size * 4.0 {
            c.stroke(
                &[(rule_start, y + 2.0), (w - margin, y + 2.0)],
                1.0,
                type_ink,
                0.6,
                true,
            );
            let mut x = rule_start + size;
            let stop = rule_start + (w - margin - rule_start) * range(&mut rng, 0.4, 0.9);
            while x < stop {
                let n = rng.usize(3..8);
                x = cursive_word(&mut c, &mut rng, x, y - 1.0, n, size * 0.5, pen, hand_ink);
                x += size * 0.8;
            }
        }
        y += row;
    }

    // A boxed section: typed body text with a ragged right edge.
    let box_top = y;
    let box_bottom = h * 0.7;
    if box_bottom > box_top + row {
        c.stroke(
            &[
                (margin, box_top),
                (w - margin, box_top),
                (w - margin, box_bottom),
                (margin, box_bottom),
                (margin, box_top),
            ],
            1.2,
            type_ink,
            0.7,
            true,
        );
        const BODY: [&str; 6] = [
            "В БОЯХ ЗА ГОРОД",
            "ПРОЯВИЛ МУЖЕСТВО И ОТВАГУ",
            "ПОД ОГНЁМ ПРОТИВНИКА",
            "ВЫНЕС С ПОЛЯ БОЯ",
            "ДОСТОИН НАГРАДЫ",
            "ЛИЧНО УНИЧТОЖИЛ",
        ];
        let mut by = box_top + row * 0.8;
        while by < box_bottom - row * 0.3 {
            let mut x = margin + size;
            let limit = w - margin - size * range(&mut rng, 1.0, 8.0);
            loop {
                let phrase = BODY[rng.usize(..BODY.len())];
                if x + text_width(phrase, size) > limit {
                    break;
                }
                x = type_line(&mut c, &mut rng, phrase, x, by, size, type_ink) + size * 0.8;
            }
            by += row * 0.7;
        }
    }

    // Round stamp: two rings, text along the rim, a star in the middle; uneven purple ink.
    let r = scale * 0.11;
    let (cx, cy) = (w * range(&mut rng, 0.25, 0.4), h * 0.84);
    let stamp_ink = [0.55, 0.45, 0.85];
    let blotch = Noise::new(&mut rng, 6);
    let ring = |rr: f32| -> Vec<Pt> {
        (0..=72)
            .map(|i| {
                let a = i as f32 / 72.0 * TAU;
                (cx + rr * a.cos(), cy + rr * a.sin())
            })
            .collect()
    };
    let mut stamp = Canvas::new(c.w as u32, c.h as u32, [1.0; 3]);
    stamp.stroke(&ring(r), r * 0.06, stamp_ink, 1.0, false);
    stamp.stroke(&ring(r * 0.68), r * 0.025, stamp_ink, 1.0, false);
    let rim_text = "ВОЙСКОВАЯ ЧАСТЬ ПОЛЕВАЯ ПОЧТА * ";
    let n = rim_text.chars().count() as f32;
    let glyph_size = r * 0.2;
    typewrite(
        &mut stamp,
        &mut rng,
        rim_text,
        glyph_size,
        stamp_ink,
        false,
        |i, (gx, gy)| {
            // Each glyph stands upright on the inner ring, reading clockwise from the top.
            let a = -PI / 2.0 + (i as f32 + gx) / n * TAU;
            let rr = r * 0.9 - gy * glyph_size;
            (cx + rr * a.cos(), cy + rr * a.sin())
        },
    );
    let star: Vec<Pt> = (0..10)
        .map(|i| {
            let a = -PI / 2.0 + i as f32 * PI / 5.0;
            let rr = if i % 2 == 0 { r * 0.4 } else { r * 0.16 };
            (cx + rr * a.cos(), cy + rr * a.sin())
        })
        .collect();
    stamp.polygon(&star, stamp_ink, 1.0);
    let tilt_alpha = range(&mut rng, 0.55, 0.8);
    for (i, s) in stamp.px.iter().enumerate() {
        let (x, y) = ((i % c.w) as f32, (i / c.w) as f32);
        let ink_amount = tilt_alpha * (0.45 + 0.75 * blotch.at(x / w, y / h)).min(1.0);
        let p = &mut c.px[i];
        for ch in 0..3 {
            p[ch] *= 1.0 - (1.0 - s[ch]) * ink_amount;
        }
    }

    // Signature running over the stamp's edge, as they do.
    let sig_y = cy - r * 0.1;
    let mut sx = cx + r * 0.6;
    for _ in 0..2 {
        let n = rng.usize(3..6);
        sx = cursive_word(
            &mut c,
            &mut rng,
            sx,
            sig_y,
            n,
            size * 0.9,
            pen * 1.2,
            hand_ink,
        );
    }
    type_line(
        &mut c,
        &mut rng,
        "ПОДПИСЬ",
        sx + size,
        sig_y,
        size * 0.8,
        type_ink,
    );
    crease(&mut c, (0.0, h * 0.5), (w, h * 0.5));
    c.encode_jpeg()
}

#[cfg(test)]
mod tests {
    use super::*;

    type Gen = fn(u64, u32, u32) -> Vec<u8>;

    fn letter(seed: u64, w: u32, h: u32) -> Vec<u8> {
        letter_jpeg(seed, w, h, 14)
    }

    const GENERATORS: [(&str, Gen); 3] = [
        ("photo", photo_jpeg),
        ("letter", letter),
        ("document", document_jpeg),
    ];

    #[test]
    fn images_decode_with_requested_size_and_stay_small() {
        for (name, generate) in GENERATORS {
            for seed in 0..4 {
                let jpeg = generate(seed, 800, 600);
                assert!(
                    jpeg.len() < 150 * 1024,
                    "{name} {seed}: {} bytes",
                    jpeg.len()
                );
                let img =
                    image::load_from_memory_with_format(&jpeg, image::ImageFormat::Jpeg).unwrap();
                assert_eq!((img.width(), img.height()), (800, 600), "{name}");
            }
            let portrait = image::load_from_memory(&generate(9, 480, 640)).unwrap();
            assert_eq!((portrait.width(), portrait.height()), (480, 640), "{name}");
        }
    }

    #[test]
    fn images_are_deterministic_per_seed() {
        for (name, generate) in GENERATORS {
            assert_eq!(generate(42, 320, 240), generate(42, 320, 240), "{name}");
            assert_ne!(generate(42, 320, 240), generate(43, 320, 240), "{name}");
        }
    }

    #[test]
    fn images_are_not_flat() {
        // A generator that lost its scene would still encode; check there is real content.
        for (name, generate) in GENERATORS {
            let img = image::load_from_memory(&generate(5, 400, 300))
                .unwrap()
                .to_luma8();
            let (min, max) = img
                .pixels()
                .fold((255u8, 0u8), |(lo, hi), p| (lo.min(p[0]), hi.max(p[0])));
            assert!(max - min > 100, "{name}: luminance range {min}..{max}");
        }
    }

    #[test]
    fn degenerate_sizes_are_clamped() {
        let img = image::load_from_memory(&photo_jpeg(1, 0, 5)).unwrap();
        assert_eq!((img.width(), img.height()), (MIN_SIDE, MIN_SIDE));
    }

    #[test]
    fn every_cyrillic_capital_has_a_glyph() {
        for ch in ('А'..='Я').chain(['Ё']).chain('0'..='9') {
            assert!(!glyph(ch).is_empty(), "{ch}");
        }
    }
}
