//! Plain text with time marks: what volunteers type in a word processor while listening.
//!
//! ```text
//! [00:00:00] Интервьюер: Расскажите, где вы жили в сорок первом.
//!
//! [00:00:04] Анна Петровна: На Сходне, у самой реки.
//! Отец ушёл в июле, а мы [неразборчиво 00:00:09] остались.
//! [00:00:15]
//! ```
//!
//! The rules, precisely:
//!
//! - A *mark* is `[`, a time, `]`: `[hh:mm:ss]`, `[h:mm:ss]` or `[mm:ss]`, optionally with `.mmm`.
//! - A line that begins with a mark, at its very first character, starts a new cue at that time;
//!   whatever follows the mark on the line begins the cue's text. Nothing else starts a cue: a
//!   mark further along a line, or after spaces at the start of it, is text.
//! - Square brackets holding anything besides digits, `:` and `.` are always text, wherever they
//!   stand: `[неразборчиво 00:12:31]`, `[смеётся]`, `[1941]`. Brackets at the start of a line
//!   holding only digits, `:` and `.`, with at least one `:`, are taken for a mark, so a mistyped
//!   one (`[00:61:00]`) is refused rather than silently kept as text.
//! - A cue's text runs to the next mark line; each line is trimmed and blank lines are dropped.
//!   `Имя: текст` at the start of the text names the speaker (see [`super::speaker`]).
//! - A cue ends where the next mark begins. A mark with no text after it (before the next mark)
//!   starts no cue: it only ends the one before it, which is how a pause, or the end of the last
//!   cue, is written. A last cue with no closing mark ends at the total duration when one is
//!   given, or else after an estimate from its length.
//! - Non-blank text before the first mark is refused: it has no time.

use super::TranscriptError;
use super::input::{check_text, lines};
use super::sequence::{Placed, finish};
use super::speaker::{split_speaker, with_speaker};
use super::timecode::{Millis, format_seconds, human, parse_time};
use super::webvtt::non_blank_lines;
use crate::entities::Cue;

/// How long a last cue without a closing mark is taken to last, per character of its text: about
/// fourteen characters a second, the pace of unhurried Russian speech.
const MS_PER_CHAR: u32 = 70;
const MIN_LAST_CUE_MS: u32 = 2_000;
const MAX_LAST_CUE_MS: u32 = 30_000;

/// Reads plain text with time marks by the rules above. `total_ms`, the length of the recording
/// when known, ends a last cue that has no closing mark.
pub fn parse_plain(text: &str, total_ms: Option<u32>) -> Result<Vec<Cue>, TranscriptError> {
    let text = check_text(text)?;
    let lines = lines(text);
    let mut marks: Vec<MarkedText> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let number = index + 1;
        match leading_mark(line) {
            Some((body, rest)) => {
                let start_ms = parse_time(body, Millis::Optional)
                    .map_err(|reason| TranscriptError::at(number, reason))?;
                marks.push(MarkedText {
                    line: number,
                    start_ms,
                    lines: vec![rest],
                });
            }
            None => match marks.last_mut() {
                Some(mark) => mark.lines.push(line),
                None if line.trim().is_empty() => {}
                None => {
                    return Err(TranscriptError::at(
                        number,
                        "текст до первой отметки времени: у него нет времени — \
                         поставьте в начале строки отметку вида [00:00:00]",
                    ));
                }
            },
        }
    }
    let cues = to_cues(marks, total_ms)?;
    finish(cues, lines.len())
}

/// A mark and the lines that follow it up to the next one.
struct MarkedText<'a> {
    line: usize,
    start_ms: u32,
    lines: Vec<&'a str>,
}

impl MarkedText<'_> {
    fn text(&self) -> String {
        let kept: Vec<&str> = self
            .lines
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .collect();
        kept.join("\n")
    }
}

fn to_cues(marks: Vec<MarkedText>, total_ms: Option<u32>) -> Result<Vec<Placed>, TranscriptError> {
    check_mark_order(&marks)?;
    let mut cues = Vec::new();
    for (i, mark) in marks.iter().enumerate() {
        let text = mark.text();
        if text.is_empty() {
            continue;
        }
        let end_ms = match marks.get(i + 1) {
            Some(next) => next.start_ms,
            None => last_end(mark, &text, total_ms)?,
        };
        let (speaker, text) = split_speaker(&text);
        cues.push(Placed {
            line: mark.line,
            cue: Cue {
                start_ms: mark.start_ms,
                end_ms,
                speaker,
                text: text.to_owned(),
            },
        });
    }
    Ok(cues)
}

/// Marks, closing ones included, must not go back in time: a closing mark before its cue's start
/// would make the cue end before it begins.
fn check_mark_order(marks: &[MarkedText]) -> Result<(), TranscriptError> {
    for pair in marks.windows(2) {
        let (before, after) = (&pair[0], &pair[1]);
        if after.start_ms < before.start_ms {
            return Err(TranscriptError::at(
                after.line,
                format!(
                    "отметка [{}] раньше предыдущей ([{}], строка {}): \
                     отметки времени должны идти по порядку",
                    human(after.start_ms),
                    human(before.start_ms),
                    before.line
                ),
            ));
        }
    }
    Ok(())
}

fn last_end(mark: &MarkedText, text: &str, total_ms: Option<u32>) -> Result<u32, TranscriptError> {
    match total_ms {
        Some(total) if total < mark.start_ms => Err(TranscriptError::at(
            mark.line,
            format!(
                "последняя реплика начинается в {}, позже конца записи ({}): \
                 проверьте отметку времени",
                human(mark.start_ms),
                human(total)
            ),
        )),
        Some(total) => Ok(total),
        None => {
            let chars = u32::try_from(text.chars().count()).unwrap_or(u32::MAX);
            let estimate = chars
                .saturating_mul(MS_PER_CHAR)
                .clamp(MIN_LAST_CUE_MS, MAX_LAST_CUE_MS);
            Ok(mark.start_ms.saturating_add(estimate))
        }
    }
}

/// The mark at the very start of a line and the rest of the line, if the line starts with one.
pub(crate) fn leading_mark(line: &str) -> Option<(&str, &str)> {
    let inner = line.strip_prefix('[')?;
    let (body, rest) = inner.split_once(']')?;
    let looks_like_time = body.contains(':')
        && body
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b':' || b == b'.');
    looks_like_time.then_some((body, rest))
}

/// Writes cues as plain text with `[hh:mm:ss]` marks, one cue per paragraph, speakers as
/// `Имя: текст`. Milliseconds are dropped (marks are whole seconds). A pause before the next cue,
/// and the end of the last cue, are written as a mark alone on its line, so reading the text back
/// gives the same times; only an end that overlaps the next cue is lost (it becomes the next
/// cue's start).
pub fn write_plain(cues: &[Cue]) -> String {
    let mut out = String::new();
    for (i, cue) in cues.iter().enumerate() {
        let text = with_speaker(cue.speaker.as_deref(), &non_blank_lines(&cue.text));
        let mut text_lines = text.lines();
        out.push_str(&mark(cue.start_ms));
        if let Some(first) = text_lines.next() {
            out.push(' ');
            out.push_str(first);
        }
        out.push('\n');
        for line in text_lines {
            // A continuation line starting with a mark would start a cue; the reader trims the
            // space again.
            if leading_mark(line).is_some() {
                out.push(' ');
            }
            out.push_str(line);
            out.push('\n');
        }
        let next_start = cues.get(i + 1).map(|next| next.start_ms / 1000);
        if next_start.is_none_or(|next| cue.end_ms / 1000 < next) {
            out.push_str(&mark(cue.end_ms));
            out.push('\n');
        }
        if next_start.is_some() {
            out.push('\n');
        }
    }
    out
}

fn mark(ms: u32) -> String {
    format!("[{}]", format_seconds(ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cue(start_s: u32, end_s: u32, speaker: Option<&str>, text: &str) -> Cue {
        Cue {
            start_ms: start_s * 1000,
            end_ms: end_s * 1000,
            speaker: speaker.map(str::to_owned),
            text: text.to_owned(),
        }
    }

    #[test]
    fn reads_the_example_of_the_module_docs() {
        let text = "[00:00:00] Интервьюер: Расскажите, где вы жили в сорок первом.\n\n\
                    [00:00:04] Анна Петровна: На Сходне, у самой реки.\n\
                    Отец ушёл в июле, а мы [неразборчиво 00:00:09] остались.\n\
                    [00:00:15]\n";
        assert_eq!(
            parse_plain(text, None).unwrap(),
            vec![
                cue(
                    0,
                    4,
                    Some("Интервьюер"),
                    "Расскажите, где вы жили в сорок первом."
                ),
                cue(
                    4,
                    15,
                    Some("Анна Петровна"),
                    "На Сходне, у самой реки.\nОтец ушёл в июле, а мы [неразборчиво 00:00:09] остались."
                ),
            ]
        );
    }

    #[test]
    fn only_a_mark_at_the_start_of_a_line_starts_a_cue() {
        let text = "[01:05]\nМы вышли в [02:00] и шли.\n  [03:00] с отступом — текст\n\
                    [неразборчиво 00:12:31] тоже текст\n[1941] и это\n[04:00] Вторая.";
        let cues = parse_plain(text, Some(300_000)).unwrap();
        assert_eq!(
            cues,
            vec![
                cue(
                    65,
                    240,
                    None,
                    "Мы вышли в [02:00] и шли.\n[03:00] с отступом — текст\n\
                     [неразборчиво 00:12:31] тоже текст\n[1941] и это"
                ),
                cue(240, 300, None, "Вторая."),
            ]
        );
    }

    #[test]
    fn a_last_cue_without_closing_mark_gets_the_total_or_an_estimate() {
        let short = parse_plain("[1:00:00] Да.", None).unwrap();
        assert_eq!(short[0].end_ms, 3_600_000 + MIN_LAST_CUE_MS);
        let long = parse_plain(&format!("[00:00:10] {}", "а".repeat(100)), None).unwrap();
        assert_eq!(long[0].end_ms, 10_000 + 100 * MS_PER_CHAR);
        let given = parse_plain("[00:00:10] Да.", Some(61_000)).unwrap();
        assert_eq!(given[0].end_ms, 61_000);
    }

    #[test]
    fn round_trips_cyrillic_speakers_text_and_pauses() {
        let cues = vec![
            cue(0, 4, Some("Интервьюер"), "Расскажите о сорок первом годе."),
            cue(
                4,
                15,
                Some("Мария Ивановна"),
                "Первая строка\n[00:00:07] вторая — с отметкой в начале\nи «кавычки» & <скобки>",
            ),
            // A pause from 15 to 20 s.
            cue(20, 31, None, "[неразборчиво 00:00:21] и всё, что было"),
            cue(31, 3_700, Some("ВЕРА"), "Долгая запись"),
        ];
        let written = write_plain(&cues);
        assert!(written.contains("\n [00:00:07] вторая"), "{written}");
        assert!(written.contains("[00:00:15]\n\n[00:00:20] "), "{written}");
        assert_eq!(parse_plain(&written, None), Ok(cues));
    }

    #[test]
    fn refusals_name_the_line() {
        let e = parse_plain("[00:00:01] Да.\n\n[00:61:00] Нет.", None).unwrap_err();
        assert_eq!(e.line, 3);
        assert_eq!(e.reason, "время «00:61:00» — минут не бывает больше 59");

        let e = parse_plain("Интервью с А. П. Кузнецовой\n[00:00:01] Да.", None).unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.reason.contains("текст до первой отметки времени"), "{e}");

        let e = parse_plain("[00:00:09] Да.\n[00:00:05] Нет.", None).unwrap_err();
        assert_eq!(e.line, 2);
        assert_eq!(
            e.reason,
            "отметка [00:00:05] раньше предыдущей ([00:00:09], строка 1): \
             отметки времени должны идти по порядку"
        );

        // A closing mark before its cue's start is the same mistake.
        let e = parse_plain("[00:00:09] Да.\n\n[00:00:05]\n", None).unwrap_err();
        assert_eq!(e.line, 3);

        let e = parse_plain("[00:10:00] Да.", Some(60_000)).unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.reason.contains("позже конца записи (00:01:00)"), "{e}");

        let e = parse_plain("[1:2:3:4] Да.", None).unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.reason.contains("записано неверно"), "{e}");

        let e = parse_plain("просто текст без отметок", None).unwrap_err();
        assert_eq!(e.line, 1);

        let e = parse_plain("[00:00:01]\n[00:00:02]\n", None).unwrap_err();
        assert!(e.reason.contains("нет ни одной реплики"), "{e}");
    }
}
