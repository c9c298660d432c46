//! WebVTT: writing an interview's transcript cues as captions (the demo's files, the portal's
//! per-part captions) and reading them back (also files made in other tools, hence the tolerant
//! parser).

pub use crate::entities::Cue;
use std::fmt::Write as _;

/// A WebVTT file that could not be read; `line` is 1-based.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Субтитры WebVTT, строка {line}: {reason}")]
pub struct VttError {
    pub line: usize,
    pub reason: String,
}

fn err(line: usize, reason: impl Into<String>) -> VttError {
    VttError {
        line,
        reason: reason.into(),
    }
}

/// Writes cues as WebVTT with numbered cues, `hh:mm:ss.mmm` timings and speakers as voice spans.
pub fn write_webvtt(cues: &[Cue]) -> String {
    let mut out = String::from("WEBVTT\n");
    for (i, cue) in cues.iter().enumerate() {
        let _ = write!(
            out,
            "\n{}\n{} --> {}\n",
            i + 1,
            timestamp(cue.start_ms),
            timestamp(cue.end_ms)
        );
        if let Some(speaker) = cue.speaker.as_deref().filter(|s| !s.trim().is_empty()) {
            let _ = write!(out, "<v {}>", escape(speaker.trim()));
        }
        // A blank line would end the cue early, so empty lines inside the text are dropped.
        let lines: Vec<&str> = cue
            .text
            .lines()
            .map(str::trim_end)
            .filter(|l| !l.trim().is_empty())
            .collect();
        out.push_str(&escape(&lines.join("\n")));
        out.push('\n');
    }
    out
}

fn timestamp(ms: u32) -> String {
    let (h, rest) = (ms / 3_600_000, ms % 3_600_000);
    format!(
        "{h:02}:{:02}:{:02}.{:03}",
        rest / 60_000,
        rest % 60_000 / 1000,
        rest % 1000
    )
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
pub fn parse_webvtt(text: &str) -> Result<Vec<Cue>, VttError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = normalized.split('\n').collect();

    let header = lines.first().copied().unwrap_or_default();
    let valid_header = header
        .strip_prefix("WEBVTT")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']));
    if !valid_header {
        return Err(err(1, "файл должен начинаться со слова WEBVTT"));
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
        let line_no = block_start + timing_at + 1;
        let Some(timing) = block.get(timing_at).filter(|l| l.contains("-->")) else {
            return Err(err(
                line_no,
                format!(
                    "ожидалась строка времени вида «00:00:01.000 --> 00:00:04.000», а не «{}»",
                    block.get(timing_at).copied().unwrap_or_default()
                ),
            ));
        };
        let (start_ms, end_ms) = parse_timing(timing).map_err(|reason| err(line_no, reason))?;
        let payload = block[timing_at + 1..].join("\n");
        let (speaker, text) = split_voice(&payload);
        cues.push(Cue {
            start_ms,
            end_ms,
            speaker,
            text,
        });
    }
    Ok(cues)
}

fn parse_timing(line: &str) -> Result<(u32, u32), String> {
    let (left, right) = line
        .split_once("-->")
        .ok_or_else(|| "нет разделителя «-->»".to_owned())?;
    let start_text = left.trim();
    // Cue settings ("align:start line:90%") may follow the end time.
    let end_text = right.split_whitespace().next().unwrap_or_default();
    let start = parse_timestamp(start_text)?;
    let end = parse_timestamp(end_text)?;
    if end < start {
        return Err(format!(
            "конец реплики ({end_text}) раньше её начала ({start_text})"
        ));
    }
    Ok((start, end))
}

/// `[hh:]mm:ss.mmm`, as the WebVTT spec defines it.
fn parse_timestamp(s: &str) -> Result<u32, String> {
    let bad = || format!("неверное время «{s}»: нужно чч:мм:сс.ммм или мм:сс.ммм");
    let (clock, millis) = s.split_once('.').ok_or_else(bad)?;
    if millis.len() != 3 || !millis.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let parts: Vec<&str> = clock.split(':').collect();
    let number = |p: &str| -> Result<u32, String> {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        p.parse::<u32>().map_err(|_| bad())
    };
    let (h, m, sec) = match parts.as_slice() {
        [m, s] => (0, number(m)?, number(s)?),
        [h, m, s] => (number(h)?, number(m)?, number(s)?),
        _ => return Err(bad()),
    };
    if m > 59 || sec > 59 {
        return Err(bad());
    }
    let total = u64::from(h) * 3_600_000
        + u64::from(m) * 60_000
        + u64::from(sec) * 1000
        + u64::from(number(millis)?);
    u32::try_from(total).map_err(|_| bad())
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
                .map_or("", |(_, name)| name)
                .trim();
            if !name.is_empty() {
                speaker = Some(unescape(name));
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

    fn cue(start_ms: u32, end_ms: u32, speaker: Option<&str>, text: &str) -> Cue {
        Cue {
            start_ms,
            end_ms,
            speaker: speaker.map(str::to_owned),
            text: text.to_owned(),
        }
    }

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
        assert!(e.reason.contains("неверное время «00:61.000»"), "{e}");

        let e = parse_webvtt("WEBVTT\n\n1\nпросто текст\n").unwrap_err();
        assert_eq!(e.line, 4);
        assert!(
            e.to_string()
                .starts_with("Субтитры WebVTT, строка 4: ожидалась строка времени")
        );

        assert!(parse_webvtt("WEBVTT\n\n00:01.5 --> 00:02.000\nx").is_err());
    }
}
