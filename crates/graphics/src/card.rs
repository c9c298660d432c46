//! Share cards: the 1200×630 picture a messenger or a social network shows beside a link to a
//! record (Open Graph's `og:image`). The portal draws its own so that every record has one — a
//! person without a portrait too — in the museum's colours and letters, and no card service
//! ever learns what was shared.
//!
//! The layout: the picture (a portrait, an object, a cover) fills the left part when there is
//! one; otherwise a calm panel holds the initials. On the right: what kind of record it is, its
//! name in PT Serif (as large as fits in three lines), the years, one sentence, and at the foot
//! the museum's mark — a dark band with the site's name and address.

use crate::draw::{Canvas, Rgb};
use crate::fonts::Face;
use crate::text::{Line, wrap};
use image::RgbaImage;

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;
/// The picture's part of the card (a portrait's proportion, about 3:4).
pub const PICTURE_WIDTH: u32 = 460;
/// The dark band at the foot.
const BAND: u32 = 86;
const MARGIN: f32 = 56.0;

const PAPER: Rgb = Rgb(0xfb, 0xfa, 0xf7);
const PANEL: Rgb = Rgb(0xf1, 0xed, 0xe4);
const TEXT: Rgb = Rgb(0x1c, 0x1b, 0x19);
const MUTED: Rgb = Rgb(0x55, 0x52, 0x4c);
const ACCENT: Rgb = Rgb(0x7a, 0x1a, 0x10);
const BAR: Rgb = Rgb(0x2b, 0x29, 0x26);
const BAR_TEXT: Rgb = Rgb(0xfb, 0xfa, 0xf7);
const LINE: Rgb = Rgb(0xcf, 0xc8, 0xba);

/// What a card says. Texts are shown as given (the caller shortens and translates them).
#[derive(Debug, Clone, Default)]
pub struct Card<'a> {
    /// «Человек», «Живой голос», «Экспонат»…
    pub kind: &'a str,
    pub title: &'a str,
    /// «1921–1943», «5 декабря 1941 г.»; may be empty.
    pub dates: &'a str,
    /// One sentence about the record; may be empty.
    pub text: &'a str,
    /// The museum's mark at the foot: its name and a second line (its address).
    pub site_name: &'a str,
    pub site_line: &'a str,
    /// The picture, already fitted to [`PICTURE_WIDTH`]×([`HEIGHT`]−band) by the caller (see
    /// [`fit`]); `None` draws the initials instead.
    pub picture: Option<&'a RgbaImage>,
    /// One or two letters for a card without a picture («ИП»); may be empty.
    pub initials: &'a str,
}

/// The height of the picture's part (above the band).
pub const PICTURE_HEIGHT: u32 = HEIGHT - BAND;

/// The card as a JPEG.
pub fn draw(card: &Card) -> Result<Vec<u8>, image::ImageError> {
    let mut canvas = Canvas::new(WIDTH, HEIGHT, PAPER);
    let text_left = match card.picture {
        Some(picture) => {
            canvas.put(picture, 0, 0);
            PICTURE_WIDTH as f32 + MARGIN
        }
        None if !card.initials.is_empty() => {
            canvas.fill(0, 0, PICTURE_WIDTH, PICTURE_HEIGHT, PANEL);
            let (cx, cy) = (PICTURE_WIDTH as f32 / 2.0, PICTURE_HEIGHT as f32 / 2.0);
            canvas.ring(cx, cy, 150.0, 4.0, LINE);
            let font = Face::SerifRegular.font();
            let size = if card.initials.chars().count() > 1 {
                130.0
            } else {
                160.0
            };
            let width = crate::text::width(&font, card.initials, size);
            canvas.text(
                &font,
                card.initials,
                cx - width / 2.0,
                cy + size * 0.35,
                size,
                MUTED,
            );
            PICTURE_WIDTH as f32 + MARGIN
        }
        None => MARGIN + 8.0,
    };
    let right = WIDTH as f32 - MARGIN;
    let width = right - text_left;

    // The kind in small capitals' stead: letter-spaced upper case in the accent colour.
    let sans = Face::SansBold.font();
    let mut y = 112.0;
    if !card.kind.is_empty() {
        canvas.text(&sans, &card.kind.to_uppercase(), text_left, y, 26.0, ACCENT);
        y += 26.0;
    }

    // The name as large as fits in three lines.
    let serif = Face::SerifBold.font();
    let (size, lines) = [66.0, 58.0, 50.0, 44.0]
        .iter()
        .map(|&s| (s, wrap(&serif, card.title, s, width, 3)))
        .find(|(_, l)| l.iter().all(|l: &Line| !l.cut))
        .unwrap_or_else(|| (44.0, wrap(&serif, card.title, 44.0, width, 3)));
    y += size * 1.15;
    for line in &lines {
        canvas.text(&serif, &line.text, text_left, y, size, TEXT);
        y += size * 1.15;
    }
    y -= size * 1.15;

    let regular = Face::SansRegular.font();
    if !card.dates.is_empty() {
        y += 56.0;
        canvas.text(&regular, card.dates, text_left, y, 36.0, TEXT);
    }
    if !card.text.is_empty() {
        // As many lines of the sentence as the room above the band holds, at most three.
        let bottom = PICTURE_HEIGHT as f32 - 36.0;
        let room = ((bottom - y - 20.0) / 38.0).floor().clamp(0.0, 3.0) as usize;
        y += 20.0;
        for line in wrap(&regular, card.text, 29.0, width, room) {
            y += 38.0;
            canvas.text(&regular, &line.text, text_left, y, 29.0, MUTED);
        }
    }

    // The museum's mark.
    canvas.fill(0, PICTURE_HEIGHT, WIDTH, BAND, BAR);
    let baseline = PICTURE_HEIGHT as f32 + BAND as f32 / 2.0 + 12.0;
    canvas.text(&serif, card.site_name, MARGIN, baseline, 36.0, BAR_TEXT);
    let line = crate::text::shorten(&regular, card.site_line, 26.0, width);
    let line_width = crate::text::width(&regular, &line, 26.0);
    canvas.text(
        &regular,
        &line,
        right - line_width,
        baseline,
        26.0,
        BAR_TEXT,
    );

    canvas.jpeg()
}

/// A picture fitted to the card's picture part: scaled to cover it and cut to the middle (a
/// little above it for tall pictures, where faces are).
pub fn fit(picture: &image::DynamicImage) -> RgbaImage {
    let (w, h) = (picture.width().max(1), picture.height().max(1));
    let (tw, th) = (PICTURE_WIDTH, PICTURE_HEIGHT);
    let scale = (tw as f32 / w as f32).max(th as f32 / h as f32);
    let (sw, sh) = (
        ((w as f32 * scale).ceil() as u32).max(tw),
        ((h as f32 * scale).ceil() as u32).max(th),
    );
    let scaled = picture
        .resize_exact(sw, sh, image::imageops::FilterType::Triangle)
        .to_rgba8();
    let left = (sw - tw) / 2;
    // Portraits: a third of the spare height above, two thirds below.
    let top = (sh - th) / 3;
    image::imageops::crop_imm(&scaled, left, top, tw, th).to_image()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8]) -> RgbaImage {
        image::load_from_memory(bytes).unwrap().to_rgba8()
    }

    fn card<'a>(picture: Option<&'a RgbaImage>) -> Card<'a> {
        Card {
            kind: "Человек",
            title: "Иванов Пётр Семёнович",
            dates: "1921–1943",
            text: "Родился в деревне Сходня, ушёл на фронт добровольцем в июле 1941 года.",
            site_name: "Летопись",
            site_line: "letopis.example.ru",
            picture,
            initials: "ПИ",
        }
    }

    #[test]
    fn a_card_is_1200_by_630_with_the_band_and_written_words() {
        let image = decoded(&draw(&card(None)).unwrap());
        assert_eq!(image.dimensions(), (WIDTH, HEIGHT));
        // The band is dark, the paper light.
        let band = image.get_pixel(600, HEIGHT - 10);
        assert!(band[0] < 70, "{band:?}");
        let paper = image.get_pixel(WIDTH - 10, 10);
        assert!(paper[0] > 240, "{paper:?}");
        // The name is written: dark pixels on the right half where the title stands.
        let dark = (PICTURE_WIDTH + 60..WIDTH - 60)
            .flat_map(|x| (140..230).map(move |y| (x, y)))
            .filter(|&(x, y)| image.get_pixel(x, y)[0] < 100)
            .count();
        assert!(dark > 2_000, "only {dark} dark pixels where the name is");
        // Without a picture the left part is the panel with the initials' ring and letters.
        let letters = (100..360)
            .flat_map(|x| (180..360).map(move |y| (x, y)))
            .filter(|&(x, y)| image.get_pixel(x, y)[0] < 120)
            .count();
        assert!(letters > 1_000, "no initials drawn ({letters})");
    }

    #[test]
    fn a_picture_fills_the_left_part() {
        let blue = image::DynamicImage::ImageRgba8(RgbaImage::from_pixel(
            300,
            800,
            image::Rgba([20, 40, 200, 255]),
        ));
        let fitted = fit(&blue);
        assert_eq!(fitted.dimensions(), (PICTURE_WIDTH, PICTURE_HEIGHT));
        let image = decoded(&draw(&card(Some(&fitted))).unwrap());
        for (x, y) in [(5, 5), (PICTURE_WIDTH - 5, PICTURE_HEIGHT - 5), (200, 300)] {
            let p = image.get_pixel(x, y);
            assert!(p[2] > 150 && p[0] < 80, "{p:?} at {x},{y}");
        }
    }

    #[test]
    fn a_long_name_is_made_smaller_and_never_runs_off_the_card() {
        let long = "Кузнецова-Преображенская Александра Константиновна (урождённая Рождественская)";
        let c = Card {
            title: long,
            ..card(None)
        };
        let image = decoded(&draw(&c).unwrap());
        // The right margin stays paper from top to band.
        for y in 0..PICTURE_HEIGHT {
            let p = image.get_pixel(WIDTH - 20, y);
            assert!(p[0] > 230, "ink in the margin at y={y}: {p:?}");
        }
    }
}
