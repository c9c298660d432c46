//! SubRip (SRT): numbered blocks of `00:01:02,500 --> 00:01:04,000` and text, the format most
//! transcription services and video editors export.
//!
//! SRT has no place for the speaker, so it is written as `Имя: текст` at the start of the cue
//! and read back by the rule in [`super::speaker`]; a speaker whose name does not fit that rule
//! (lowercase, more than four words, brackets) comes back as part of the text. SRT has no
//! escaping either: `<`, `>` and `&` are written as they are, and on reading only the formatting
//! tags SRT players know (`<i>`, `<b>`, `<u>`, `<font …>`) and `{\an8}`-style position codes are
//! removed.

use super::TranscriptError;
use super::input::{check_text, lines};
use super::sequence::{Placed, finish};
use super::speaker::{split_speaker, with_speaker};
use super::timecode::{Millis, format_time};
use super::webvtt::{non_blank_lines, parse_timing};
use crate::entities::Cue;
use std::fmt::Write as _;

/// Writes cues as SRT: a number, the timing line, the text with the speaker in front, a blank
/// line. Blank lines inside a cue's text are dropped, since they would end the block.
pub fn write_srt(cues: &[Cue]) -> String {
    let mut out = String::new();
    for (i, cue) in cues.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let text = with_speaker(cue.speaker.as_deref(), &non_blank_lines(&cue.text));
        let _ = writeln!(
            out,
            "{}\n{} --> {}\n{}",
            i + 1,
            format_time(cue.start_ms, ','),
            format_time(cue.end_ms, ','),
            text.trim_end()
        );
    }
    out
}

/// Reads SRT. Tolerates a BOM, CRLF line ends, a missing or wrong cue number, `.` instead of `,`
/// before the milliseconds and display coordinates after the timing. Refuses what
/// [`super::input::decode`] refuses, malformed times, a cue ending before it starts or starting
/// before the one above it (overlaps are allowed), and a file without cues.
pub fn parse_srt(text: &str) -> Result<Vec<Cue>, TranscriptError> {
    let text = check_text(text)?;
    let lines = lines(text);
    let mut cues = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim().is_empty() {
            i += 1;
            continue;
        }
        let block_start = i;
        while i < lines.len() && !lines[i].trim().is_empty() {
            i += 1;
        }
        let block = &lines[block_start..i];
        let timing_at = usize::from(!block[0].contains("-->"));
        let line = block_start + timing_at + 1;
        let timing = block.get(timing_at).filter(|l| l.contains("-->"));
        let Some(timing) = timing else {
            return Err(TranscriptError::at(
                line,
                format!(
                    "ожидалась строка времени вида «00:00:01,000 --> 00:00:04,000», а не «{}»: \
                     в SRT за номером реплики идёт её время",
                    block.get(timing_at).copied().unwrap_or_default()
                ),
            ));
        };
        if timing_at == 1 && !is_cue_number(block[0]) {
            return Err(TranscriptError::at(
                block_start + 1,
                format!(
                    "ожидался номер реплики или строка времени, а не «{}»: \
                     реплики SRT разделяются пустой строкой",
                    block[0]
                ),
            ));
        }
        let (start_ms, end_ms) = parse_timing(timing, Millis::Comma)
            .map_err(|reason| TranscriptError::at(line, reason))?;
        // What the writer would drop (spaces at a line's end, lines left blank by removed
        // tags) is dropped on reading too, so that read, write and read give the same cue.
        let payload = non_blank_lines(&strip_formatting(&block[timing_at + 1..].join("\n")));
        let (speaker, text) = split_speaker(payload.trim());
        cues.push(Placed {
            line,
            cue: Cue {
                start_ms,
                end_ms,
                speaker,
                text: text.trim().to_owned(),
            },
        });
    }
    finish(cues, lines.len())
}

fn is_cue_number(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit())
}

/// Drops the tags SRT players interpret and ASS position codes; any other `<` is text.
fn strip_formatting(text: &str) -> String {
    const TAGS: [&str; 8] = [
        "<i>", "</i>", "<b>", "</b>", "<u>", "</u>", "</font>", "<font ",
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(['<', '{']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let lower: String = rest.chars().take(7).flat_map(char::to_lowercase).collect();
        let tag_end = if TAGS.iter().any(|t| lower.starts_with(t)) {
            rest.find('>')
        } else if rest.starts_with("{\\") {
            rest.find('}')
        } else {
            None
        };
        match tag_end {
            Some(end) => rest = &rest[end + 1..],
            None => {
                out.push_str(&rest[..1]);
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::transcript::test_cue as cue;

    #[test]
    fn writes_numbered_blocks() {
        let out = write_srt(&[
            cue(62_500, 64_000, Some("Анна Петровна"), "Мы жили у реки."),
            cue(64_000, 3_725_001, None, "A < B & C\n\nвторая"),
        ]);
        assert_eq!(
            out,
            "1\n00:01:02,500 --> 00:01:04,000\nАнна Петровна: Мы жили у реки.\n\n\
             2\n00:01:04,000 --> 01:02:05,001\nA < B & C\nвторая\n"
        );
    }

    #[test]
    fn round_trips_cyrillic_speakers_and_text() {
        let cues = vec![
            cue(
                0,
                2000,
                Some("Интервьюер"),
                "Расскажите о сорок первом годе.",
            ),
            cue(
                2400,
                9000,
                Some("Мария Ивановна Кузнецова"),
                "Первая строка\nвторая строка «в кавычках» & <скобках>",
            ),
            cue(9000, 9500, None, "Текст с --> стрелкой"),
            cue(9100, 12_000, Some("ВЕРА"), "[неразборчиво 00:00:10] и всё"),
            cue(36_000_000, 36_000_001, None, "Долгая запись"),
        ];
        assert_eq!(parse_srt(&write_srt(&cues)), Ok(cues));
    }

    #[test]
    fn reads_files_from_other_tools() {
        let text = "\u{feff}1\r\n00:00:01,000 --> 00:00:04,500 X1:40 X2:600 Y1:20 Y2:50\r\n\
                    <i>Анна:</i> <font color=\"#ffff00\">Здравствуйте.</font>\r\n\r\n\
                    00:00:05.000 --> 00:00:06.000\r\n{\\an8}Да! <b>Да</b>\r\n\r\n\r\n\
                    7\r\n00:00:07,000 --> 00:00:08,000\r\nМы шли, <туда>\r\n";
        assert_eq!(
            parse_srt(text).unwrap(),
            vec![
                cue(1000, 4500, Some("Анна"), "Здравствуйте."),
                cue(5000, 6000, None, "Да! Да"),
                cue(7000, 8000, None, "Мы шли, <туда>"),
            ]
        );
    }

    #[test]
    fn refusals_name_the_line() {
        let e = parse_srt("1\n00:61:00,000 --> 00:62:00,000\nx\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert_eq!(e.reason, "время «00:61:00,000» — минут не бывает больше 59");

        let e = parse_srt("1\n00:00:05,000 --> 00:00:04,000\nx\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.reason.contains("раньше её начала"), "{e}");

        let e = parse_srt(
            "1\n00:00:05,000 --> 00:00:06,000\nx\n\n2\n00:00:01,000 --> 00:00:02,000\ny\n",
        )
        .unwrap_err();
        assert_eq!(e.line, 6);
        assert!(e.reason.contains("по порядку времени"), "{e}");

        let e = parse_srt("1\n00:00:05 --> 00:00:06,000\nx\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.reason.contains("не хватает миллисекунд"), "{e}");

        let e = parse_srt("1\nпросто текст\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.reason.contains("ожидалась строка времени"), "{e}");

        let e = parse_srt("Заголовок\n00:00:01,000 --> 00:00:02,000\nx\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.reason.contains("ожидался номер реплики"), "{e}");

        assert_eq!(parse_srt("\n\n").unwrap_err().line, 1);
    }

    /// Found by the `srt` fuzz target: a space at the end of an inner line (or a line of only
    /// a tag) was kept on reading and dropped on writing, so an exported transcript read back
    /// differently.
    #[test]
    fn what_the_writer_drops_is_dropped_on_reading() {
        let file = "1\r\n00:00:01,500 --> 00:00:04,250\r\nТочка \r\n<i>\r\n2\r\nвместо запятой\r\n";
        let cues = parse_srt(file).unwrap();
        assert_eq!(cues[0].text, "Точка\n2\nвместо запятой");
        assert_eq!(parse_srt(&write_srt(&cues)).unwrap(), cues);
    }
}
