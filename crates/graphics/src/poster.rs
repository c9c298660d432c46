//! Printed sheets as PDF: a micro-district's poster (A4 or A3) to hang in its library or school,
//! and the territorial office's leaflet (A4). Pure: the caller gathers the texts (already through
//! the access gate), the QR code's modules and the pictures; this module only sets them on paper,
//! in the site's own fonts, embedded. The QR code is drawn as vector squares, so it scans sharp
//! at any size of print.

use crate::fonts::Face;
use ab_glyph::{Font as _, FontRef};
use krilla::Document;
use krilla::action::{Action, LinkAction};
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

/// A paper size, portrait.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    #[default]
    A4,
    A3,
}

impl Paper {
    /// Width and height in PostScript points (1/72 inch): 210 × 297 mm and 297 × 420 mm.
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::A3 => (841.89, 1190.55),
        }
    }
}

/// A QR code's modules, row by row, `true` for dark; `width` modules a side, no quiet zone
/// (the drawing leaves four modules of white around it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    pub width: usize,
    pub dark: Vec<bool>,
}

impl QrMatrix {
    fn is_dark(&self, x: usize, y: usize) -> bool {
        self.dark.get(y * self.width + x).copied().unwrap_or(false)
    }
}

/// A figure on the poster: «24» «героя».
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub number: String,
    pub label: String,
}

/// What a micro-district's poster says. Texts are ready to print (typographed by the caller:
/// no-break spaces after short words, «ёлочки», dashes).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Poster {
    pub paper: Paper,
    /// The museum's name, on top: «Летопись — виртуальный музей…».
    pub museum: String,
    /// The micro-district's name.
    pub title: String,
    /// Under the name: «Микрорайон в памяти 1941–1945 годов».
    pub subtitle: String,
    /// A few lines about what the portal holds, one paragraph each.
    pub lines: Vec<String>,
    /// Counts, shown large (at most four are drawn).
    pub figures: Vec<Figure>,
    /// Pictures of the micro-district (JPEG), at most three drawn; one that cannot be read is
    /// left out.
    pub pictures: Vec<Vec<u8>>,
    pub qr: Option<QrMatrix>,
    /// The page's absolute address, printed under the QR code.
    pub address: String,
    /// «Рассказать о герое» and a sentence, with the submission form's address.
    pub call: String,
    pub call_text: String,
    pub call_address: String,
    /// The last line (the project, the year).
    pub footer: String,
}

/// What the territorial office's leaflet says: a title and sections of paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Leaflet {
    pub museum: String,
    pub title: String,
    pub subtitle: String,
    pub sections: Vec<Section>,
    pub qr: Option<QrMatrix>,
    pub address: String,
    pub footer: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Section {
    pub heading: String,
    /// Paragraphs; one starting with «• » is set as a list item.
    pub paragraphs: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum PosterError {
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}

const INK: (u8, u8, u8) = (0x1c, 0x1b, 0x19);
const MUTED: (u8, u8, u8) = (0x55, 0x52, 0x4c);
const ACCENT: (u8, u8, u8) = (0x7a, 0x1a, 0x10);
const PANEL: (u8, u8, u8) = (0xf1, 0xed, 0xe4);
const WHITE: (u8, u8, u8) = (0xff, 0xff, 0xff);

/// The four faces, for krilla to embed (subset) and for ab_glyph to measure.
pub(crate) struct Faces {
    pdf: [Font; 4],
    measure: [FontRef<'static>; 4],
}

const FACES: [Face; 4] = [
    Face::SansRegular,
    Face::SansBold,
    Face::SerifRegular,
    Face::SerifBold,
];

impl Faces {
    pub(crate) fn load() -> Faces {
        Faces {
            pdf: FACES.map(|f| {
                Font::new(f.bytes().into(), 0).expect("the embedded fonts are valid TrueType")
            }),
            measure: FACES.map(Face::font),
        }
    }

    fn index(face: Face) -> usize {
        FACES.iter().position(|f| *f == face).unwrap_or(0)
    }

    /// The width of `text` set in `face` at `size` points, kerning included.
    pub(crate) fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        let font = &self.measure[Faces::index(face)];
        let per_unit = size / font.units_per_em().unwrap_or(1000.0);
        let mut total = 0.0;
        let mut previous = None;
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(p) = previous {
                total += font.kern_unscaled(p, id);
            }
            total += font.h_advance_unscaled(id);
            previous = Some(id);
        }
        total * per_unit
    }
}

/// Lines of `text` that fit `width`. Breaks only at ordinary spaces, and not after a word of one
/// or two letters: «в Сходне» and «№ 4» stay together, and a dash never starts a line (it stays
/// with the word before).
pub(crate) fn wrap(faces: &Faces, face: Face, size: f32, width: f32, text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut glue = false;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        match words.last_mut() {
            Some(last) if glue || word.starts_with(['—', '–', ',', '.', ':', ';']) => {
                last.push('\u{a0}');
                last.push_str(word);
            }
            _ => words.push(word.to_string()),
        }
        // «в», «на», «№»: a short word stays with the one after it, as on the pages.
        glue = word.chars().count() <= 2 && word.chars().all(|c| c.is_alphabetic() || c == '№');
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in words {
        let candidate = if line.is_empty() {
            word.clone()
        } else {
            format!("{line} {word}")
        };
        if line.is_empty() || faces.width(face, size, &candidate) <= width {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A page being drawn: the surface and the fonts.
pub(crate) struct Sheet<'a, 'b> {
    pub(crate) surface: &'a mut Surface<'b>,
    pub(crate) faces: &'a Faces,
}

impl Sheet<'_, '_> {
    fn fill(&mut self, (r, g, b): (u8, u8, u8)) {
        self.surface.set_fill(Some(Fill {
            paint: rgb::Color::new(r, g, b).into(),
            opacity: NormalizedF32::ONE,
            rule: FillRule::NonZero,
        }));
    }

    pub(crate) fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, colour: (u8, u8, u8)) {
        let mut pb = PathBuilder::new();
        if let Some(r) = Rect::from_xywh(x, y, w, h) {
            pb.push_rect(r);
        }
        if let Some(path) = pb.finish() {
            self.fill(colour);
            self.surface.draw_path(&path);
        }
    }

    /// One line of text with its baseline at `y`.
    pub(crate) fn text(
        &mut self,
        x: f32,
        y: f32,
        face: Face,
        size: f32,
        colour: (u8, u8, u8),
        text: &str,
    ) {
        self.fill(colour);
        // The faces' no-break spaces are plain spaces on paper; the line was broken already.
        let shown = text.replace(['\u{a0}', '\u{202f}'], " ");
        self.surface.draw_text(
            Point::from_xy(x, y),
            self.faces.pdf[Faces::index(face)].clone(),
            size,
            &shown,
            false,
            TextDirection::Auto,
        );
    }

    /// A paragraph wrapped to `width` from the top `y`; returns the `y` below it.
    #[allow(clippy::too_many_arguments)]
    fn paragraph(
        &mut self,
        x: f32,
        y: f32,
        width: f32,
        face: Face,
        size: f32,
        colour: (u8, u8, u8),
        text: &str,
    ) -> f32 {
        let leading = size * 1.3;
        let mut baseline = y + size;
        for line in wrap(self.faces, face, size, width, text) {
            self.text(x, baseline, face, size, colour, &line);
            baseline += leading;
        }
        baseline - size + (leading - size)
    }

    /// The QR code in a white square of `side` points (its quiet zone included) at `x`, `y`.
    fn qr(&mut self, qr: &QrMatrix, x: f32, y: f32, side: f32) {
        self.rect(x, y, side, side, WHITE);
        let modules = qr.width as f32 + 8.0;
        let m = side / modules;
        let mut pb = PathBuilder::new();
        for row in 0..qr.width {
            for col in 0..qr.width {
                if qr.is_dark(col, row)
                    && let Some(r) = Rect::from_xywh(
                        x + (col as f32 + 4.0) * m,
                        y + (row as f32 + 4.0) * m,
                        // A hair wider, so neighbouring squares print as one without seams.
                        m + 0.05,
                        m + 0.05,
                    )
                {
                    pb.push_rect(r);
                }
            }
        }
        if let Some(path) = pb.finish() {
            self.fill((0, 0, 0));
            self.surface.draw_path(&path);
        }
    }

    /// A JPEG cropped to fill the box (centred); `false` if the bytes are not a JPEG.
    fn picture(&mut self, jpeg: &[u8], x: f32, y: f32, w: f32, h: f32) -> bool {
        let Ok(image) = Image::from_jpeg(jpeg.to_vec().into(), true) else {
            return false;
        };
        let (iw, ih) = image.size();
        if iw == 0 || ih == 0 {
            return false;
        }
        let cover = (w / iw as f32).max(h / ih as f32);
        let (dw, dh) = (iw as f32 * cover, ih as f32 * cover);
        let Some(size) = Size::from_wh(dw, dh) else {
            return false;
        };
        let mut pb = PathBuilder::new();
        if let Some(r) = Rect::from_xywh(x, y, w, h) {
            pb.push_rect(r);
        }
        let Some(clip) = pb.finish() else {
            return false;
        };
        self.surface.push_clip_path(&clip, &FillRule::NonZero);
        self.surface.push_transform(&Transform::from_translate(
            x - (dw - w) / 2.0,
            y - (dh - h) / 2.0,
        ));
        self.surface.draw_image(image, size);
        self.surface.pop();
        self.surface.pop();
        true
    }
}

pub(crate) fn document(title: &str) -> Document {
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(title.to_string())
            .language("ru".into())
            .creator("Летопись".into()),
    );
    doc
}

fn link(url: &str, x: f32, y: f32, w: f32, h: f32) -> Option<Annotation> {
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return None;
    }
    let rect = Rect::from_xywh(x, y, w, h)?;
    Some(Annotation::new_link(
        LinkAnnotation::new(
            rect,
            Target::Action(Action::Link(LinkAction::new(url.to_string()))),
        ),
        Some(url.to_string()),
    ))
}

/// The poster as a one-page PDF.
pub fn poster(p: &Poster) -> Result<Vec<u8>, PosterError> {
    let faces = Faces::load();
    let (pw, ph) = p.paper.size();
    let s = pw / Paper::A4.size().0;
    let mut doc = document(&p.title);
    let mut page = doc.start_page_with(
        PageSettings::from_wh(pw, ph).ok_or_else(|| PosterError::Pdf("paper size".into()))?,
    );
    let margin = 40.0 * s;
    let inner = pw - 2.0 * margin;
    let mut links = Vec::new();
    {
        let mut surface = page.surface();
        let mut sheet = Sheet {
            surface: &mut surface,
            faces: &faces,
        };
        // The band on top: the museum's name.
        sheet.rect(0.0, 0.0, pw, 64.0 * s, ACCENT);
        sheet.text(margin, 40.0 * s, Face::SansBold, 16.0 * s, WHITE, &p.museum);
        let mut y = 96.0 * s;
        y = sheet.paragraph(margin, y, inner, Face::SerifBold, 44.0 * s, INK, &p.title);
        y = sheet.paragraph(
            margin,
            y + 4.0 * s,
            inner,
            Face::SansRegular,
            18.0 * s,
            MUTED,
            &p.subtitle,
        );
        y += 14.0 * s;
        // Pictures in a row.
        let pictures: Vec<&Vec<u8>> = p.pictures.iter().take(3).collect();
        if !pictures.is_empty() {
            let gap = 8.0 * s;
            let n = pictures.len() as f32;
            let w = (inner - gap * (n - 1.0)) / n;
            let h = if pictures.len() == 1 { 220.0 } else { 150.0 } * s;
            let mut x = margin;
            let mut drawn = false;
            for jpeg in pictures {
                drawn |= sheet.picture(jpeg, x, y, w, h);
                x += w + gap;
            }
            if drawn {
                y += h + 18.0 * s;
            }
        }
        // Figures in a panel.
        let figures: Vec<&Figure> = p.figures.iter().take(4).collect();
        if !figures.is_empty() {
            let h = 78.0 * s;
            sheet.rect(margin, y, inner, h, PANEL);
            let w = inner / figures.len() as f32;
            for (i, f) in figures.iter().enumerate() {
                let x = margin + 14.0 * s + w * i as f32;
                sheet.text(
                    x,
                    y + 38.0 * s,
                    Face::SerifBold,
                    30.0 * s,
                    ACCENT,
                    &f.number,
                );
                sheet.paragraph(
                    x,
                    y + 44.0 * s,
                    w - 20.0 * s,
                    Face::SansRegular,
                    12.0 * s,
                    INK,
                    &f.label,
                );
            }
            y += h + 18.0 * s;
        }
        for line in &p.lines {
            y = sheet.paragraph(margin, y, inner, Face::SerifRegular, 14.0 * s, INK, line);
            y += 6.0 * s;
        }
        // The foot: the QR code to the page beside the call to tell about a hero.
        let qr_side = 170.0 * s;
        let foot_top = ph - margin - qr_side - 40.0 * s;
        if let Some(qr) = &p.qr {
            sheet.qr(qr, margin, foot_top, qr_side);
        }
        let tx = margin + qr_side + 20.0 * s;
        let tw = pw - margin - tx;
        let mut ty = foot_top + 6.0 * s;
        ty = sheet.paragraph(tx, ty, tw, Face::SansBold, 22.0 * s, ACCENT, &p.call);
        ty = sheet.paragraph(
            tx,
            ty + 4.0 * s,
            tw,
            Face::SansRegular,
            13.0 * s,
            INK,
            &p.call_text,
        );
        let call_y = ty + 4.0 * s;
        sheet.paragraph(
            tx,
            call_y,
            tw,
            Face::SansBold,
            14.0 * s,
            INK,
            &p.call_address,
        );
        links.extend(link(
            &p.call_address,
            tx,
            call_y,
            tw.min(faces.width(Face::SansBold, 14.0 * s, &p.call_address)),
            18.0 * s,
        ));
        let addr_y = foot_top + qr_side + 4.0 * s;
        sheet.paragraph(
            margin,
            addr_y,
            inner,
            Face::SansRegular,
            11.0 * s,
            INK,
            &p.address,
        );
        links.extend(link(&p.address, margin, foot_top, qr_side, qr_side));
        sheet.text(
            margin,
            ph - margin * 0.6,
            Face::SansRegular,
            9.0 * s,
            MUTED,
            &p.footer,
        );
        surface.finish();
    }
    for l in links {
        page.add_annotation(l);
    }
    page.finish();
    doc.finish().map_err(|e| PosterError::Pdf(format!("{e:?}")))
}

/// The leaflet as a one-page A4 PDF.
pub fn leaflet(l: &Leaflet) -> Result<Vec<u8>, PosterError> {
    let faces = Faces::load();
    let (pw, ph) = Paper::A4.size();
    let mut doc = document(&l.title);
    let mut page = doc.start_page_with(
        PageSettings::from_wh(pw, ph).ok_or_else(|| PosterError::Pdf("paper size".into()))?,
    );
    let margin = 42.0;
    let inner = pw - 2.0 * margin;
    let qr_side = 120.0;
    let mut links = Vec::new();
    {
        let mut surface = page.surface();
        let mut sheet = Sheet {
            surface: &mut surface,
            faces: &faces,
        };
        sheet.rect(0.0, 0.0, pw, 52.0, ACCENT);
        sheet.text(margin, 33.0, Face::SansBold, 14.0, WHITE, &l.museum);
        // The title beside the QR code, so the reader sees where to go first.
        let title_w = inner - qr_side - 16.0;
        let mut y = 72.0;
        if let Some(qr) = &l.qr {
            sheet.qr(qr, pw - margin - qr_side, y, qr_side);
            // One word: made small enough to fit under the code rather than broken.
            let natural = faces.width(Face::SansRegular, 8.0, &l.address);
            let size = if natural > qr_side {
                8.0 * qr_side / natural
            } else {
                8.0
            };
            sheet.text(
                pw - margin - qr_side,
                y + qr_side + 10.0,
                Face::SansRegular,
                size,
                INK,
                &l.address,
            );
            links.extend(link(&l.address, pw - margin - qr_side, y, qr_side, qr_side));
        }
        y = sheet.paragraph(margin, y, title_w, Face::SerifBold, 28.0, INK, &l.title);
        y = sheet.paragraph(
            margin,
            y + 4.0,
            title_w,
            Face::SansRegular,
            14.0,
            MUTED,
            &l.subtitle,
        );
        y = y.max(72.0 + qr_side + 24.0);
        for section in &l.sections {
            if y > ph - margin - 60.0 {
                break;
            }
            y = sheet.paragraph(
                margin,
                y + 6.0,
                inner,
                Face::SansBold,
                15.0,
                ACCENT,
                &section.heading,
            );
            y += 2.0;
            for text in &section.paragraphs {
                if y > ph - margin - 30.0 {
                    break;
                }
                y = match text.strip_prefix("• ") {
                    Some(item) => {
                        sheet.text(margin + 2.0, y + 11.5, Face::SansBold, 11.5, ACCENT, "•");
                        sheet.paragraph(
                            margin + 14.0,
                            y,
                            inner - 14.0,
                            Face::SerifRegular,
                            11.5,
                            INK,
                            item,
                        )
                    }
                    None => sheet.paragraph(margin, y, inner, Face::SerifRegular, 11.5, INK, text),
                };
                y += 3.0;
            }
        }
        sheet.text(margin, ph - 24.0, Face::SansRegular, 9.0, MUTED, &l.footer);
        surface.finish();
    }
    for a in links {
        page.add_annotation(a);
    }
    page.finish();
    doc.finish().map_err(|e| PosterError::Pdf(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn qr() -> QrMatrix {
        QrMatrix {
            width: 21,
            dark: (0..21 * 21).map(|i| i % 3 == 0).collect(),
        }
    }

    fn sample(paper: Paper) -> Poster {
        Poster {
            paper,
            museum: "Летопись — виртуальный музей".into(),
            title: "Сходня".into(),
            subtitle: "Микрорайон в\u{a0}памяти 1941–1945 годов".into(),
            lines: vec!["Здесь жили 24 героя — и\u{a0}мы помним каждого.".into()],
            figures: vec![Figure {
                number: "24".into(),
                label: "героя".into(),
            }],
            pictures: vec![b"not a jpeg".to_vec()],
            qr: Some(qr()),
            address: "https://letopis.example.ru/districts/skhodnya".into(),
            call: "Рассказать о герое".into(),
            call_text: "Расскажите о родных.".into(),
            call_address: "https://letopis.example.ru/contribute".into(),
            footer: "2026".into(),
        }
    }

    /// The `/MediaBox` of a one-page PDF, as written.
    fn media_box(pdf: &[u8]) -> String {
        let text = String::from_utf8_lossy(pdf);
        let at = text.find("/MediaBox").expect("a media box");
        text[at..at + 40].to_string()
    }

    #[test]
    fn a_poster_is_a_pdf_of_its_paper_size() {
        let a4 = poster(&sample(Paper::A4)).unwrap();
        assert!(a4.starts_with(b"%PDF-"));
        assert!(media_box(&a4).contains("595.28"), "{}", media_box(&a4));
        let a3 = poster(&sample(Paper::A3)).unwrap();
        assert!(media_box(&a3).contains("1190.55"), "{}", media_box(&a3));
        // The fonts travel with it: nobody's printer has PT Serif.
        assert!(String::from_utf8_lossy(&a4).contains("/FontFile2"));
    }

    #[test]
    fn a_leaflet_is_one_a4_page() {
        let pdf = leaflet(&Leaflet {
            museum: "Летопись".into(),
            title: "Летопись Сходни".into(),
            subtitle: "Как принять участие".into(),
            sections: vec![Section {
                heading: "Что это".into(),
                paragraphs: vec!["Портал о\u{a0}войне.".into(), "• Библиотека № 4".into()],
            }],
            qr: Some(qr()),
            address: "https://letopis.example.ru/districts/skhodnya".into(),
            footer: "2026".into(),
        })
        .unwrap();
        assert!(media_box(&pdf).contains("841.89"));
    }

    #[test]
    fn lines_break_at_spaces_never_before_a_dash() {
        let faces = Faces::load();
        let lines = wrap(
            &faces,
            Face::SansRegular,
            12.0,
            60.0,
            "Жили здесь — и\u{a0}воевали",
        );
        assert!(lines.iter().all(|l| !l.starts_with('—')), "{lines:?}");
        assert!(
            lines.iter().any(|l| l.contains("и\u{a0}воевали")),
            "{lines:?}"
        );
    }
}
