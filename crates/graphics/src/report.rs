//! A report as a multi-page A4 PDF: the council's quarterly report (issue #18) — a title, then
//! sections, each a heading, a few facts («Статус: выполняется»), a table and notes. Text flows
//! from page to page; a heading goes to the next page unless the lines after it fit under it, a
//! table row is never split (its header repeats on the next page), and every page carries the
//! report's name and its number, so a printed stack stays in order. Pure: the caller gathers the words; this module sets them in the site's fonts.

use crate::fonts::Face;
use crate::poster::{Faces, PosterError, Sheet, document, wrap};
use krilla::page::PageSettings;

/// What the report says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    pub museum: String,
    pub title: String,
    pub subtitle: String,
    pub sections: Vec<Section>,
    /// The last line of every page, before its number.
    pub footer: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Section {
    pub heading: String,
    /// (label, value) lines.
    pub facts: Vec<(String, String)>,
    /// The header row and the rows; columns share the width by `widths` (fractions).
    pub table: Option<Table>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Each column's share of the width, in any unit (they are normalised).
    pub widths: Vec<u32>,
}

const INK: (u8, u8, u8) = (0x1c, 0x1b, 0x19);
const MUTED: (u8, u8, u8) = (0x55, 0x52, 0x4c);
const ACCENT: (u8, u8, u8) = (0x7a, 0x1a, 0x10);
const PANEL: (u8, u8, u8) = (0xf1, 0xed, 0xe4);
const RULE: (u8, u8, u8) = (0xcf, 0xc8, 0xba);
const WHITE: (u8, u8, u8) = (0xff, 0xff, 0xff);

const MARGIN: f32 = 42.0;
const BODY: f32 = 10.5;
const LEADING: f32 = 1.3;

/// One unit of the flow: what is kept together on a page.
enum Block {
    Heading(String),
    Fact(String, String),
    Row {
        cells: Vec<String>,
        widths: Vec<f32>,
        header: bool,
    },
    Note(String),
    Gap,
}

fn blocks(r: &Report, inner: f32) -> Vec<Block> {
    let mut out = Vec::new();
    for s in &r.sections {
        out.push(Block::Heading(s.heading.clone()));
        for (k, v) in &s.facts {
            out.push(Block::Fact(k.clone(), v.clone()));
        }
        if let Some(t) = &s.table {
            let total: u32 = t.widths.iter().sum::<u32>().max(1);
            let widths: Vec<f32> = t
                .widths
                .iter()
                .map(|w| inner * *w as f32 / total as f32)
                .collect();
            out.push(Block::Row {
                cells: t.header.clone(),
                widths: widths.clone(),
                header: true,
            });
            for row in &t.rows {
                out.push(Block::Row {
                    cells: row.clone(),
                    widths: widths.clone(),
                    header: false,
                });
            }
        }
        for n in &s.notes {
            out.push(Block::Note(n.clone()));
        }
        out.push(Block::Gap);
    }
    out
}

/// How tall a block is set at `inner` points wide.
fn height(faces: &Faces, b: &Block, inner: f32) -> f32 {
    let lines = |face, size, width, text: &str| wrap(faces, face, size, width, text).len().max(1);
    match b {
        Block::Heading(h) => lines(Face::SansBold, 13.0, inner, h) as f32 * 13.0 * LEADING + 8.0,
        Block::Fact(k, v) => {
            let key = inner * 0.3;
            lines(Face::SansBold, BODY, key - 6.0, k).max(lines(
                Face::SerifRegular,
                BODY,
                inner - key,
                v,
            )) as f32
                * BODY
                * LEADING
                + 2.0
        }
        Block::Row {
            cells,
            widths,
            header,
        } => {
            let face = if *header {
                Face::SansBold
            } else {
                Face::SerifRegular
            };
            cells
                .iter()
                .zip(widths)
                .map(|(c, w)| lines(face, BODY, w - 8.0, c))
                .max()
                .unwrap_or(1) as f32
                * BODY
                * LEADING
                + 8.0
        }
        Block::Note(n) => lines(Face::SerifRegular, BODY, inner, n) as f32 * BODY * LEADING + 4.0,
        Block::Gap => 14.0,
    }
}

fn lines_at(
    sheet: &mut Sheet,
    x: f32,
    y: f32,
    width: f32,
    face: Face,
    colour: (u8, u8, u8),
    text: &str,
) {
    let faces = sheet.faces;
    let mut baseline = y + BODY;
    for line in wrap(faces, face, BODY, width, text) {
        sheet.text(x, baseline, face, BODY, colour, &line);
        baseline += BODY * LEADING;
    }
}

fn draw(sheet: &mut Sheet, b: &Block, y: f32, inner: f32) {
    match b {
        Block::Heading(h) => {
            let faces = sheet.faces;
            let mut baseline = y + 4.0 + 13.0;
            for line in wrap(faces, Face::SansBold, 13.0, inner, h) {
                sheet.text(MARGIN, baseline, Face::SansBold, 13.0, ACCENT, &line);
                baseline += 13.0 * LEADING;
            }
        }
        Block::Fact(k, v) => {
            let key = inner * 0.3;
            lines_at(sheet, MARGIN, y, key - 6.0, Face::SansBold, MUTED, k);
            lines_at(
                sheet,
                MARGIN + key,
                y,
                inner - key,
                Face::SerifRegular,
                INK,
                v,
            );
        }
        Block::Row {
            cells,
            widths,
            header,
        } => {
            let h = height(sheet.faces, b, inner);
            if *header {
                sheet.rect(MARGIN, y, inner, h, PANEL);
            }
            sheet.rect(MARGIN, y + h - 0.6, inner, 0.6, RULE);
            let face = if *header {
                Face::SansBold
            } else {
                Face::SerifRegular
            };
            let mut x = MARGIN;
            for (c, w) in cells.iter().zip(widths) {
                lines_at(sheet, x + 4.0, y + 4.0, w - 8.0, face, INK, c);
                x += w;
            }
        }
        Block::Note(n) => lines_at(sheet, MARGIN, y, inner, Face::SerifRegular, INK, n),
        Block::Gap => {}
    }
}

/// The report as an A4 PDF, as many pages as it takes.
pub fn report(r: &Report) -> Result<Vec<u8>, PosterError> {
    let faces = Faces::load();
    let (pw, ph) = crate::poster::Paper::A4.size();
    let inner = pw - 2.0 * MARGIN;
    let flow = blocks(r, inner);
    let mut doc = document(&r.title);
    let bottom = ph - MARGIN - 20.0;
    let mut i = 0;
    let mut number = 0;
    while i < flow.len() || number == 0 {
        number += 1;
        let mut page = doc.start_page_with(
            PageSettings::from_wh(pw, ph).ok_or_else(|| PosterError::Pdf("paper size".into()))?,
        );
        {
            let mut surface = page.surface();
            let mut sheet = Sheet {
                surface: &mut surface,
                faces: &faces,
            };
            let mut y;
            if number == 1 {
                sheet.rect(0.0, 0.0, pw, 46.0, ACCENT);
                sheet.text(MARGIN, 29.0, Face::SansBold, 13.0, WHITE, &r.museum);
                y = 70.0;
                for line in wrap(&faces, Face::SerifBold, 22.0, inner, &r.title) {
                    sheet.text(MARGIN, y + 22.0, Face::SerifBold, 22.0, INK, &line);
                    y += 22.0 * LEADING;
                }
                for line in wrap(&faces, Face::SansRegular, 12.0, inner, &r.subtitle) {
                    sheet.text(MARGIN, y + 14.0, Face::SansRegular, 12.0, MUTED, &line);
                    y += 12.0 * LEADING;
                }
                y += 16.0;
            } else {
                sheet.text(
                    MARGIN,
                    MARGIN - 10.0,
                    Face::SansRegular,
                    9.0,
                    MUTED,
                    &r.title,
                );
                y = MARGIN + 4.0;
            }
            let first = i;
            while i < flow.len() {
                let mut need = height(&faces, &flow[i], inner);
                // A heading goes with what follows it.
                if matches!(flow[i], Block::Heading(_)) {
                    need += flow[i + 1..]
                        .iter()
                        .take(3)
                        .map(|b| height(&faces, b, inner))
                        .sum::<f32>();
                }
                if y + need > bottom && i > first {
                    break;
                }
                // A header row repeats where a table continues on a new page.
                if i == first
                    && number > 1
                    && let Block::Row {
                        header: false,
                        widths,
                        ..
                    } = &flow[i]
                    && let Some(head) = flow[..i].iter().rev().find_map(|b| match b {
                        Block::Row {
                            header: true,
                            cells,
                            ..
                        } => Some(cells.clone()),
                        _ => None,
                    })
                {
                    let repeated = Block::Row {
                        cells: head,
                        widths: widths.clone(),
                        header: true,
                    };
                    draw(&mut sheet, &repeated, y, inner);
                    y += height(&faces, &repeated, inner);
                }
                draw(&mut sheet, &flow[i], y, inner);
                y += height(&faces, &flow[i], inner);
                i += 1;
            }
            sheet.text(
                MARGIN,
                ph - MARGIN + 6.0,
                Face::SansRegular,
                9.0,
                MUTED,
                &format!("{} · {number}", r.footer),
            );
            surface.finish();
        }
        page.finish();
    }
    doc.finish().map_err(|e| PosterError::Pdf(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn long_report(sections: usize) -> Report {
        Report {
            museum: "Летопись".into(),
            title: "Отчёт совету за IV квартал 2026 года".into(),
            subtitle: "Дорожная карта: что сделано и что изменилось".into(),
            footer: "Летопись — отчёт координационному совету".into(),
            sections: (1..=sections)
                .map(|n| Section {
                    heading: format!("{n}. Мероприятие дорожной карты № {n}"),
                    facts: vec![("Статус".into(), "выполняется".into())],
                    table: Some(Table {
                        header: vec!["Показатель".into(), "Сейчас".into(), "Было".into()],
                        rows: vec![
                            vec!["Записей добавлено".into(), "12".into(), "8".into()],
                            vec!["Опубликовано".into(), "10".into(), "7".into()],
                        ],
                        widths: vec![3, 1, 1],
                    }),
                    notes: vec!["Отчёт группы: всё по плану.".into()],
                })
                .collect(),
        }
    }

    #[test]
    fn a_long_report_flows_onto_more_pages() {
        let short = report(&long_report(1)).unwrap();
        let long = report(&long_report(13)).unwrap();
        assert!(short.starts_with(b"%PDF-"));
        assert!(long.starts_with(b"%PDF-"));
        assert!(long.len() > short.len());
    }
}
