//! WebVTT: writing an interview's transcript cues as captions (the demo's files, the portal's
//! per-part captions) and reading them back (also files made in other tools, hence the tolerant
//! parser).

pub use super::TranscriptError;
use super::input::{check_text, lines};
use super::sequence::{Placed, ends_before_start, finish};
use super::timecode::{Millis, format_time, parse_time};
pub use crate::entities::Cue;
use std::fmt::Write as _;

/// The error type this module had before every transcript format shared one; kept so that
/// existing callers (`letopis_core::webvtt::VttError`) still compile.
pub type VttError = TranscriptError;

/// Writes cues as WebVTT with numbered cues, `hh:mm:ss.mmm` timings and speakers as voice spans.
pub fn write_webvtt(cues: &[Cue]) -> String {
    let mut out = String::from("WEBVTT\n");
    for (i, cue) in cues.iter().enumerate() {
        let _ = write!(
            out,
            "\n{}\n{} --> {}\n",
            i + 1,
            format_time(cue.start_ms, '.'),
            format_time(cue.end_ms, '.')
        );
        if let Some(speaker) = cue.speaker.as_deref().filter(|s| !s.trim().is_empty()) {
            let _ = write!(out, "<v {}>", escape(speaker.trim()));
        }
        // A blank line would end the cue early, so empty lines inside the text are dropped.
        out.push_str(&escape(&non_blank_lines(&cue.text)));
        out.push('\n');
    }
    out
}

/// The text's lines without blank ones and trailing spaces: SRT and WebVTT end a cue at a blank
/// line.
pub(crate) fn non_blank_lines(text: &str) -> String {
    let kept: Vec<&str> = text
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect();
    kept.join("\n")
}

/// Escaping `>` also keeps a literal "-->" in the text from looking like a timing line.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&lrm;", "\u{200e}")
        .replace("&rlm;", "\u{200f}")
        .replace("&amp;", "&")
}

/// Reads WebVTT: tolerates a BOM, CRLF line ends, cue identifiers, NOTE/STYLE/REGION blocks,
/// short `mm:ss.mmm` timings and cue settings. The speaker comes from the first `<v Name>`
/// span; other markup (`<i>`, `<c.class>`, inline timestamps) is dropped from the text.
/// Refuses what [`super::input::decode`] refuses, malformed times, a cue ending before it
/// starts or starting before the one above it (overlaps are allowed), and a file without cues.
pub fn parse_webvtt(text: &str) -> Result<Vec<Cue>, TranscriptError> {
    let text = check_text(text)?;
    let lines = lines(text);

    let header = lines.first().copied().unwrap_or_default();
    if !has_webvtt_header(header) {
        return Err(TranscriptError::at(
            1,
            "файл WebVTT должен начинаться со слова WEBVTT: добавьте его первой строкой",
        ));
    }

    let mut cues = Vec::new();
    let mut i = 1;
    // The header block runs to the first blank line.
    while i < lines.len() && !lines[i].trim().is_empty() {
        i += 1;
    }
    while i < lines.len() {
        if lines[i].trim().is_empty() {
            i += 1;
            continue;
        }
        let block_start = i;
        let mut block_end = i;
        while block_end < lines.len() && !lines[block_end].trim().is_empty() {
            block_end += 1;
        }
        let block = &lines[block_start..block_end];
        i = block_end;

        let first = block[0];
        if ["NOTE", "STYLE", "REGION"].iter().any(|kw| {
            first
                .strip_prefix(kw)
                .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t']))
        }) {
            continue;
        }
        // An optional identifier line precedes the timing line.
        let timing_at = if first.contains("-->") { 0 } else { 1 };
        let line = block_start + timing_at + 1;
        let Some(timing) = block.get(timing_at).filter(|l| l.contains("-->")) else {
            return Err(TranscriptError::at(
                line,
                format!(
                    "ожидалась строка времени вида «00:00:01.000 --> 00:00:04.000», а не «{}»",
                    block.get(timing_at).copied().unwrap_or_default()
                ),
            ));
        };
        let (start_ms, end_ms) = parse_timing(timing, Millis::Dot)
            .map_err(|reason| TranscriptError::at(line, reason))?;
        let payload = block[timing_at + 1..].join("\n");
        let (speaker, text) = split_voice(&payload);
        // What the writer would drop (spaces at a line's end, lines left blank by removed
        // markup) is dropped on reading too, so that read, write and read give the same cue.
        let text = non_blank_lines(&text);
        cues.push(Placed {
            line,
            cue: Cue {
                start_ms,
                end_ms,
                speaker,
                text,
            },
        });
    }
    finish(cues, lines.len())
}

/// `WEBVTT` alone or followed by a space or tab and a title, as the spec wants the first line.
pub(crate) fn has_webvtt_header(line: &str) -> bool {
    line.strip_prefix("WEBVTT")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// Reads `start --> end [settings]`, shared with SRT (which has no settings but may have
/// display coordinates after the end time).
pub(crate) fn parse_timing(line: &str, millis: Millis) -> Result<(u32, u32), String> {
    let (left, right) = line
        .split_once("-->")
        .ok_or_else(|| "нет разделителя «-->»".to_owned())?;
    let start_text = left.trim();
    let end_text = right.split_whitespace().next().unwrap_or_default();
    let start = parse_time(start_text, millis)?;
    let end = parse_time(end_text, millis)?;
    if end < start {
        return Err(ends_before_start(start_text, end_text));
    }
    Ok((start, end))
}

/// Takes the speaker from a leading voice span and strips all tags from the text.
fn split_voice(payload: &str) -> (Option<String>, String) {
    let mut speaker = None;
    let mut text = String::with_capacity(payload.len());
    let mut rest = payload;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            // An unclosed '<' is not a tag; keep it as text.
            text.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let tag = &rest[open + 1..open + close];
        if speaker.is_none()
            && let Some(annotation) = tag.strip_prefix('v')
            && annotation.starts_with([' ', '\t', '.'])
        {
            // "<v.loud Name>": classes come first, the name after the first whitespace.
            let name = annotation
                .split_once([' ', '\t'])
                .map_or("", |(_, name)| name);
            // Trimmed after unescaping, as the writer trims: `&nbsp;` at the end is a space.
            let name = unescape(name).trim().to_owned();
            if !name.is_empty() {
                speaker = Some(name);
            }
        }
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    (speaker, unescape(text.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::transcript::test_cue as cue;

    #[test]
    fn writes_valid_webvtt() {
        let out = write_webvtt(&[
            cue(1500, 4250, Some("Анна Петровна"), "Мы жили у реки."),
            cue(3_725_001, 3_726_000, None, "A & B <i> --> end"),
        ]);
        assert_eq!(
            out,
            "WEBVTT\n\n1\n00:00:01.500 --> 00:00:04.250\n<v Анна Петровна>Мы жили у реки.\n\n\
             2\n01:02:05.001 --> 01:02:06.000\nA &amp; B &lt;i&gt; --&gt; end\n"
        );
    }

    #[test]
    fn round_trips() {
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
                Some("Иван <Ваня> & Co"),
                "Первая строка\nвторая строка",
            ),
            cue(9000, 9500, None, "Текст с --> стрелкой & <тегом>"),
            cue(36_000_000, 36_000_001, None, "Долгая запись"),
        ];
        assert_eq!(parse_webvtt(&write_webvtt(&cues)), Ok(cues));
    }

    #[test]
    fn reads_files_from_other_tools() {
        let text = "\u{feff}WEBVTT - интервью\r\nKind: captions\r\n\r\n\
                    NOTE записано в 2005 году\r\nвторая строка заметки\r\n\r\n\
                    STYLE\r\n::cue { color: yellow }\r\n\r\n\
                    intro\r\n00:01.000 --> 00:04.500 align:start line:90%\r\n\
                    <v.loud Мария Ивановна>Здравствуйте.</v>\r\n\r\n\
                    00:05.000 --> 00:06.000\r\n<i>смеётся</i> <00:05.500>Да!\r\n";
        let cues = parse_webvtt(text).unwrap();
        assert_eq!(
            cues,
            vec![
                cue(1000, 4500, Some("Мария Ивановна"), "Здравствуйте."),
                cue(5000, 6000, None, "смеётся Да!"),
            ]
        );
    }

    #[test]
    fn errors_name_the_line_and_reason_in_russian() {
        assert_eq!(
            parse_webvtt("1\n00:00.000 --> 00:01.000\nhi")
                .unwrap_err()
                .line,
            1
        );
        assert_eq!(parse_webvtt("WEBVTTX\n").unwrap_err().line, 1);

        let e = parse_webvtt("WEBVTT\n\n00:01.000 --> 00:00.500\nhi\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.to_string().contains("раньше её начала"), "{e}");

        let e = parse_webvtt("WEBVTT\n\nid\n00:61.000 --> 01:02.000\nhi\n").unwrap_err();
        assert_eq!(e.line, 4);
        assert_eq!(e.reason, "время «00:61.000» — секунд не бывает больше 59");

        let e = parse_webvtt("WEBVTT\n\n1\nпросто текст\n").unwrap_err();
        assert_eq!(e.line, 4);
        assert!(
            e.to_string()
                .starts_with("строка 4: ожидалась строка времени"),
            "{e}"
        );

        assert!(parse_webvtt("WEBVTT\n\n00:01.5 --> 00:02.000\nx").is_err());
    }

    #[test]
    fn refuses_times_out_of_order_but_allows_overlaps() {
        let e = parse_webvtt(
            "WEBVTT\n\n00:00:09.000 --> 00:00:10.000\nПозже\n\n\
             00:00:05.000 --> 00:00:06.000\nРаньше\n",
        )
        .unwrap_err();
        assert_eq!(e.line, 6);
        assert!(e.reason.contains("по порядку времени"), "{e}");

        let cues = parse_webvtt(
            "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v Анна>Мы шли\n\n\
             00:00:03.000 --> 00:00:04.000\n<v Вера>Да-да\n",
        )
        .unwrap();
        assert_eq!(cues.len(), 2);
    }

    #[test]
    fn refuses_comma_millis_empty_files_and_files_without_cues() {
        let e = parse_webvtt("WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nx\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.reason.contains("точкой, а не запятой"), "{e}");

        assert_eq!(parse_webvtt("").unwrap_err().line, 1);
        let e = parse_webvtt("WEBVTT\n\nNOTE только заметка\n").unwrap_err();
        assert_eq!(e.line, 4);
        assert!(e.reason.contains("нет ни одной реплики"), "{e}");

        let e = parse_webvtt("WEBVTT\n\n00:01.000 --> 00:02.000\nx\u{0}y\n").unwrap_err();
        assert_eq!(e.line, 4);
        assert!(e.reason.contains("двоичные данные"), "{e}");
    }

    #[test]
    fn keeps_unclear_word_notes_as_text() {
        let cues = vec![cue(
            1000,
            2000,
            Some("Анна"),
            "Мы пришли [неразборчиво 00:12:31] к мосту",
        )];
        assert_eq!(parse_webvtt(&write_webvtt(&cues)), Ok(cues));
    }

    /// Found by the `webvtt` fuzz target: a space at the end of an inner line, or a line left
    /// blank once its markup is removed, was kept on reading and dropped on writing, so an
    /// exported transcript read back differently.
    #[test]
    fn what_the_writer_drops_is_dropped_on_reading() {
        let file = "WEBVTT\n\n01:02:03.000 --> 01:02:05.400\n<v Анна&nbsp;>Вторая строка \n<i></i>\nтретья\n";
        let cues = parse_webvtt(file).unwrap();
        assert_eq!(cues[0].text, "Вторая строка\nтретья");
        assert_eq!(cues[0].speaker.as_deref(), Some("Анна"));
        assert_eq!(parse_webvtt(&write_webvtt(&cues)).unwrap(), cues);
    }
}
