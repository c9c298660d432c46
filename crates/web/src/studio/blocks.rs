//! A story's blocks as text an editor writes in one box, and back.
//!
//! Historians and teachers write stories the way they write letters: paragraphs, a heading now
//! and then, a quotation. Everything else a story holds (an illustration, a moment of an
//! interview, a map, a card of a record) is one bracketed line naming a record by number, as
//! the relation picker does. One text box keeps the order obvious, works with the keyboard and
//! a screen reader, and survives a page reload; the illustrations are uploaded beside it and
//! referred to by their number in that list.
//!
//! ```text
//! ## Заголовок
//! Абзац текста; строки подряд — один абзац, пустая строка начинает следующий.
//! > Цитата, строка за строкой.
//! > — Кто сказал (№12)
//! [иллюстрация 1]            или [иллюстрация 1 №45] — со ссылкой на предмет
//! [интервью №7 0:12:30–0:14:05]
//! [карта №3, №8]
//! [запись №12]
//! ```

use crate::shell::i18n::Tr;
use letopis_core::RecordId;
use letopis_core::entities::{Block, MediaRef};

/// What the editor shows for the blocks: the text, and the illustrations it numbers (each image
/// once, in order of first appearance).
pub fn to_text(blocks: &[Block]) -> (String, Vec<MediaRef>) {
    let mut images: Vec<MediaRef> = Vec::new();
    let mut parts = Vec::new();
    for block in blocks {
        parts.push(match block {
            Block::Heading { text } => format!("## {text}"),
            Block::Text { text } => text.clone(),
            Block::Quote {
                text,
                attribution,
                record,
                start_ms,
                end_ms,
            } => {
                let mut lines: Vec<String> = text.lines().map(|l| format!("> {l}")).collect();
                let source = record.map(|r| match (start_ms, end_ms) {
                    (Some(a), Some(b)) => format!("(№{} {}–{})", r.0, clock(*a), clock(*b)),
                    _ => format!("(№{})", r.0),
                });
                match (attribution.is_empty(), source) {
                    // A last line that starts with a dash would be read as the attribution:
                    // an empty attribution after it keeps it text.
                    (true, None) if text.lines().last().is_some_and(is_attribution) => {
                        lines.push("> —".into());
                    }
                    (true, None) => {}
                    (false, None) => lines.push(format!("> — {attribution}")),
                    (true, Some(r)) => lines.push(format!("> — {r}")),
                    (false, Some(r)) => lines.push(format!("> — {attribution} {r}")),
                }
                lines.join("\n")
            }
            Block::Image { media, record } => {
                let n = match images.iter().position(|m| m.sha256 == media.sha256) {
                    Some(i) => i + 1,
                    None => {
                        images.push(media.clone());
                        images.len()
                    }
                };
                match record {
                    Some(r) => format!("[иллюстрация {n} №{}]", r.0),
                    None => format!("[иллюстрация {n}]"),
                }
            }
            Block::Audio {
                interview,
                start_ms,
                end_ms,
            } => format!(
                "[интервью №{} {}–{}]",
                interview.0,
                clock(*start_ms),
                clock(*end_ms)
            ),
            Block::Map { places } => format!(
                "[карта {}]",
                places
                    .iter()
                    .map(|p| format!("№{}", p.0))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Block::Record { record } => format!("[запись №{}]", record.0),
        });
    }
    (parts.join("\n\n"), images)
}

pub fn clock(ms: u32) -> String {
    let s = ms / 1000;
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// Reads the editor's text back into blocks. `images` are the illustrations as listed beside
/// the text; one the text never mentions is kept, at the end, so an upload is never lost.
/// Problems name the line and say how to write it.
/// Problems are worded in `t`'s language; the directive words stay the Russian ones the format
/// is written in, whatever the interface.
pub fn from_text(t: &Tr, text: &str, images: &[MediaRef]) -> Result<Vec<Block>, Vec<String>> {
    let mut blocks = Vec::new();
    let mut problems = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut quote: Vec<&str> = Vec::new();
    let mut used = vec![false; images.len()];

    let flush_paragraph = |paragraph: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if !paragraph.is_empty() {
            blocks.push(Block::Text {
                text: paragraph.join("\n"),
            });
            paragraph.clear();
        }
    };
    let flush_quote = |quote: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if quote.is_empty() {
            return;
        }
        let mut lines: Vec<&str> = std::mem::take(quote);
        // An empty `>` line at the end (often before the attribution) only spaces the quote
        // out; kept, it would be lost when the quote is shown as text again.
        let drop_empty_tail = |lines: &mut Vec<&str>| {
            while lines.last() == Some(&"") {
                lines.pop();
            }
        };
        drop_empty_tail(&mut lines);
        let mut attribution = String::new();
        let mut source = None;
        if let Some(last) = lines.last()
            && let Some(by) = attribution_of(last)
        {
            let by = by.trim();
            let (name, found) = trailing_source(by);
            attribution = name.to_string();
            source = found;
            lines.pop();
        }
        drop_empty_tail(&mut lines);
        if lines.is_empty() && attribution.is_empty() && source.is_none() {
            // Nothing but `>`: no quotation, and nothing to show as text again.
            return;
        }
        let span = source.and_then(|(_, span)| span);
        blocks.push(Block::Quote {
            text: lines.join("\n"),
            attribution,
            record: source.map(|(id, _)| RecordId(id)),
            start_ms: span.map(|(a, _)| a),
            end_ms: span.map(|(_, b)| b),
        });
    };

    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim();
        if let Some(q) = line.strip_prefix('>') {
            flush_paragraph(&mut paragraph, &mut blocks);
            quote.push(q.trim());
            continue;
        }
        flush_quote(&mut quote, &mut blocks);
        if line.is_empty() {
            flush_paragraph(&mut paragraph, &mut blocks);
            continue;
        }
        if let Some(h) = line.strip_prefix("##") {
            flush_paragraph(&mut paragraph, &mut blocks);
            let h = h.trim_start_matches('#').trim();
            if h.is_empty() {
                problems.push(t.args(
                    "studio-blocks-line",
                    &[
                        ("line", line_no.to_string().into()),
                        ("problem", t.msg("studio-blocks-empty-heading").into()),
                    ],
                ));
            } else {
                blocks.push(Block::Heading { text: h.into() });
            }
            continue;
        }
        match directive(line) {
            None => paragraph.push(line),
            Some((word, args)) => {
                flush_paragraph(&mut paragraph, &mut blocks);
                match read_directive(t, word, args, images, &mut used) {
                    Ok(block) => blocks.push(block),
                    Err(why) => problems.push(t.args(
                        "studio-blocks-line",
                        &[
                            ("line", line_no.to_string().into()),
                            ("problem", why.into()),
                        ],
                    )),
                }
            }
        }
    }
    flush_quote(&mut quote, &mut blocks);
    flush_paragraph(&mut paragraph, &mut blocks);
    for (m, used) in images.iter().zip(used) {
        if !used {
            blocks.push(Block::Image {
                media: m.clone(),
                record: None,
            });
        }
    }
    if problems.is_empty() {
        Ok(blocks)
    } else {
        Err(problems)
    }
}

/// The attribution a quote's last line gives (`— Кто сказал (№12)`), if it is one.
fn attribution_of(line: &str) -> Option<&str> {
    line.strip_prefix('—').or_else(|| line.strip_prefix("--"))
}

fn is_attribution(line: &str) -> bool {
    attribution_of(line.trim()).is_some()
}

/// `[слово аргументы]` when the word is one of the editor's; other bracketed lines are text
/// («[неразборчиво]» in a quoted letter stays as written).
fn directive(line: &str) -> Option<(&str, &str)> {
    let inner = line.strip_prefix('[')?.strip_suffix(']')?.trim();
    let (word, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    let word_lc = word.to_lowercase();
    ["иллюстрация", "интервью", "карта", "запись"]
        .into_iter()
        .find(|w| *w == word_lc)
        .map(|w| (w, args.trim()))
}

fn read_directive(
    t: &Tr,
    word: &str,
    args: &str,
    images: &[MediaRef],
    used: &mut [bool],
) -> Result<Block, String> {
    match word {
        "иллюстрация" => {
            let mut parts = args.split_whitespace();
            let n: usize = parts
                .next()
                .and_then(|n| n.parse().ok())
                .ok_or_else(|| t.msg("studio-blocks-image-number"))?;
            let Some(media) = n.checked_sub(1).and_then(|i| images.get(i)) else {
                return Err(t.args(
                    "studio-blocks-no-image",
                    &[
                        ("number", n.to_string().into()),
                        ("uploaded", images.len().to_string().into()),
                    ],
                ));
            };
            used[n - 1] = true;
            let rest: Vec<&str> = parts.collect();
            let record = match rest.as_slice() {
                [] => None,
                [r] => Some(number(r).ok_or_else(|| {
                    t.args("studio-blocks-not-record", &[("value", (*r).into())])
                })?),
                _ => return Err(t.msg("studio-blocks-image-extra")),
            };
            Ok(Block::Image {
                media: media.clone(),
                record: record.map(RecordId),
            })
        }
        "интервью" => {
            let mut parts = args.splitn(2, char::is_whitespace);
            let interview = parts
                .next()
                .and_then(number)
                .ok_or_else(|| t.msg("studio-blocks-interview"))?;
            let span = parts.next().unwrap_or("").trim();
            let (from, to) = span
                .split_once(['–', '—', '-'])
                .ok_or_else(|| t.msg("studio-blocks-span"))?;
            let start = timecode(from.trim()).ok_or_else(|| not_time(t, from))?;
            let end = timecode(to.trim()).ok_or_else(|| not_time(t, to))?;
            if end <= start {
                return Err(t.msg("studio-blocks-backwards"));
            }
            Ok(Block::Audio {
                interview: RecordId(interview),
                start_ms: start,
                end_ms: end,
            })
        }
        "карта" => {
            let mut places = Vec::new();
            for p in args.split([',', ' ', ';']).filter(|p| !p.trim().is_empty()) {
                places.push(RecordId(number(p.trim()).ok_or_else(|| {
                    t.args("studio-blocks-not-place", &[("value", p.into())])
                })?));
            }
            if places.is_empty() {
                return Err(t.msg("studio-blocks-no-places"));
            }
            Ok(Block::Map { places })
        }
        _ => {
            let record = number(args).ok_or_else(|| t.msg("studio-blocks-record"))?;
            Ok(Block::Record {
                record: RecordId(record),
            })
        }
    }
}

/// One closed stretch of an interview as typed: `0:12:30–0:14:05 причина`.
pub fn redaction(t: &Tr, line: &str) -> Result<letopis_core::entities::Redaction, String> {
    let line = line.trim();
    let (span, reason) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let (from, to) = span
        .split_once(['–', '—', '-'])
        .ok_or_else(|| t.msg("studio-blocks-redaction-span"))?;
    let start = timecode(from.trim()).ok_or_else(|| not_time(t, from))?;
    let end = timecode(to.trim()).ok_or_else(|| not_time(t, to))?;
    if end <= start {
        return Err(t.msg("studio-blocks-backwards"));
    }
    Ok(letopis_core::entities::Redaction {
        start_ms: start,
        end_ms: end,
        reason: reason.trim().chars().take(500).collect(),
    })
}

/// `№12`, `#12` or `12`.
fn number(text: &str) -> Option<i64> {
    let t = text.trim().trim_start_matches(['№', '#']).trim();
    t.parse::<i64>().ok().filter(|n| *n > 0)
}

/// The stretch of an interview a quotation names, in milliseconds.
type Span = Option<(u32, u32)>;

/// «Мария Ивановна (№12)» → ("Мария Ивановна", Some((12, None))); a quotation from an
/// interview names the stretch it quotes: «(№12 0:12:30–0:12:50)».
fn trailing_source(text: &str) -> (&str, Option<(i64, Span)>) {
    if let Some(open) = text.rfind("(№")
        && text.ends_with(')')
    {
        let inner = &text[open + "(".len()..text.len() - 1];
        let (n, span) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
        let span = span.trim().split_once(['–', '—', '-']).and_then(|(a, b)| {
            let (a, b) = (timecode(a.trim())?, timecode(b.trim())?);
            (b > a).then_some((a, b))
        });
        if let Some(n) = number(n) {
            return (text[..open].trim(), Some((n, span)));
        }
    }
    (text, None)
}

/// `1:02:03`, `02:03` or `123` (seconds) → milliseconds; the studio's one reading of a typed
/// time (stories, closed stretches, index segments).
/// «"1:2x" is not a time», in `t`'s language.
fn not_time(t: &Tr, text: &str) -> String {
    t.args("studio-blocks-not-time", &[("value", text.trim().into())])
}

pub(super) fn timecode(text: &str) -> Option<u32> {
    let mut total: u32 = 0;
    let parts: Vec<&str> = text.split(':').collect();
    if parts.is_empty() || parts.len() > 3 {
        return None;
    }
    for (i, p) in parts.iter().enumerate() {
        let v: u32 = p.parse().ok()?;
        if i > 0 && v >= 60 {
            return None;
        }
        total = total.checked_mul(60)?.checked_add(v)?;
    }
    total.checked_mul(1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ru() -> Tr {
        Tr::new(crate::shell::i18n::Lang::Ru)
    }

    fn image(sha: &str) -> MediaRef {
        MediaRef {
            sha256: sha.into(),
            mime: "image/jpeg".into(),
            caption: None,
            alt: Some("фото".into()),
            width: None,
            height: None,
        }
    }

    #[test]
    fn every_block_kind_goes_to_text_and_back() {
        let blocks = vec![
            Block::Heading {
                text: "Эвакуация".into(),
            },
            Block::Text {
                text: "Первая строка.\nВторая строка того же абзаца.".into(),
            },
            Block::Quote {
                text: "Мы уходили ночью.\nМама несла узел.".into(),
                attribution: "Мария Ивановна".into(),
                record: Some(RecordId(12)),
                start_ms: None,
                end_ms: None,
            },
            Block::Quote {
                text: "Ров копали всей улицей.".into(),
                attribution: "Анна Кузнецова".into(),
                record: Some(RecordId(7)),
                start_ms: Some(750_000),
                end_ms: Some(770_000),
            },
            Block::Image {
                media: image("aa"),
                record: Some(RecordId(45)),
            },
            Block::Audio {
                interview: RecordId(7),
                start_ms: 750_000,
                end_ms: 845_000,
            },
            Block::Map {
                places: vec![RecordId(3), RecordId(8)],
            },
            Block::Record {
                record: RecordId(99),
            },
            Block::Image {
                media: image("aa"),
                record: None,
            },
        ];
        let (text, images) = to_text(&blocks);
        assert_eq!(images.len(), 1, "the same image is listed once");
        assert!(text.contains("[интервью №7 0:12:30–0:14:05]"), "{text}");
        assert!(text.contains("> — Мария Ивановна (№12)"), "{text}");
        assert!(
            text.contains("> — Анна Кузнецова (№7 0:12:30–0:12:50)"),
            "{text}"
        );
        assert_eq!(from_text(&ru(), &text, &images), Ok(blocks));
    }

    #[test]
    fn mistakes_name_the_line_and_the_way_to_write_it() {
        let text =
            "## \nАбзац\n[иллюстрация 3]\n[интервью №7 0:14:05–0:12:30]\n[карта Химки]\n[запись]";
        let problems = from_text(&ru(), text, &[image("aa")]).expect_err("problems");
        assert_eq!(problems.len(), 5, "{problems:#?}");
        assert!(problems[0].starts_with("Строка 1:"));
        assert!(problems[1].contains("иллюстрации 3 нет: загружено 1"));
        assert!(problems[2].contains("позже, чем начинается"));
        assert!(problems[3].contains("«Химки» — не номер места"));
        assert!(problems[4].starts_with("Строка 6:"));
    }

    #[test]
    fn unknown_brackets_are_text_and_unmentioned_uploads_are_kept() {
        let blocks = from_text(
            &ru(),
            "Письмо: [неразборчиво] дошло.\n[неразборчиво]",
            &[image("bb")],
        )
        .expect("blocks");
        assert_eq!(
            blocks,
            vec![
                Block::Text {
                    text: "Письмо: [неразборчиво] дошло.\n[неразборчиво]".into()
                },
                Block::Image {
                    media: image("bb"),
                    record: None
                },
            ]
        );
        assert_eq!(from_text(&ru(), "  \n\n", &[]), Ok(vec![]));
    }

    /// Found by the `story_blocks` fuzz target: an empty `>` line before the attribution stayed
    /// in the quote as a trailing line break, and lines of bare `>` made an empty quotation;
    /// showing the blocks as text dropped both, so saving a story unchanged changed it.
    #[test]
    fn an_empty_quote_line_before_the_attribution_is_only_spacing() {
        let text = "> Цитата.\n>\n> — Мария Ивановна (№12)\n\n>\n>";
        let blocks = from_text(&ru(), text, &[]).expect("blocks");
        assert_eq!(
            blocks,
            vec![Block::Quote {
                text: "Цитата.".into(),
                attribution: "Мария Ивановна".into(),
                record: Some(RecordId(12)),
                start_ms: None,
                end_ms: None,
            },]
        );
        let (shown, images) = to_text(&blocks);
        assert_eq!(from_text(&ru(), &shown, &images), Ok(blocks));
    }

    /// Found by the `story_blocks` fuzz target: a quotation without attribution whose last
    /// line starts with a dash was shown as text that reads that line as the attribution.
    #[test]
    fn a_dash_line_closing_a_quotation_stays_text() {
        let blocks = from_text(&ru(), "> Цитата.\n> — Мария Ивановна\n> —", &[]).expect("blocks");
        assert_eq!(
            blocks,
            vec![Block::Quote {
                text: "Цитата.\n— Мария Ивановна".into(),
                attribution: String::new(),
                record: None,
                start_ms: None,
                end_ms: None,
            }]
        );
        let (shown, images) = to_text(&blocks);
        assert_eq!(from_text(&ru(), &shown, &images), Ok(blocks));
    }
}
