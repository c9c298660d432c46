//! Transcripts in and out: WebVTT, SRT and plain text with `[hh:mm:ss]` marks, each read into
//! the interview's [`Cue`]s and written back from them.
//!
//! Every reader refuses the same things with the same [`TranscriptError`] (a 1-based line and a
//! Russian reason): a file too large, not UTF-8, binary or empty; a malformed time; a cue that
//! ends before it starts or starts before the cue above it; a file with no cue at all.
//! Overlapping cues are allowed: two people do talk at once. Notes such as `[неразборчиво 00:12:31]`
//! inside the text stay text in every format.
//!
//! OHMS XML, which carries an index besides the transcript, is in [`crate::ohms`].

mod error;
mod input;
mod sequence;
mod speaker;
pub(crate) mod timecode;

pub mod plain;
pub mod srt;
pub mod webvtt;

pub use error::TranscriptError;
pub use input::{MAX_TRANSCRIPT_BYTES, decode};
pub(crate) use input::{check_text, line_at};
pub use plain::{parse_plain, write_plain};
pub use srt::{parse_srt, write_srt};
pub use webvtt::{parse_webvtt, write_webvtt};

use crate::entities::Cue;

/// The transcript file formats the studio reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    WebVtt,
    Srt,
    /// Plain text with `[hh:mm:ss]` marks, see [`plain`].
    Plain,
}

impl Format {
    /// Tells the format from the text itself: a `WEBVTT` first line is WebVTT; otherwise any
    /// line with `-->` is SRT (a WebVTT-style `.mmm` without the header is SRT from a tool that
    /// writes the dot, which the SRT reader accepts); anything else is plain text.
    pub fn detect(text: &str) -> Format {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let lines = input::lines(text);
        if lines
            .first()
            .is_some_and(|first| webvtt::has_webvtt_header(first))
        {
            Format::WebVtt
        } else if lines.iter().any(|line| line.contains("-->")) {
            Format::Srt
        } else {
            Format::Plain
        }
    }

    /// The format a file extension names (`vtt`, `.SRT`, `txt`), or `None` for any other.
    pub fn from_extension(extension: &str) -> Option<Format> {
        let extension = extension.trim_start_matches('.').to_ascii_lowercase();
        match extension.as_str() {
            "vtt" | "webvtt" => Some(Format::WebVtt),
            "srt" => Some(Format::Srt),
            "txt" | "text" => Some(Format::Plain),
            _ => None,
        }
    }

    /// The extension to give an exported file, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::WebVtt => "vtt",
            Format::Srt => "srt",
            Format::Plain => "txt",
        }
    }

    /// The media type to serve an exported file with.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::WebVtt => "text/vtt; charset=utf-8",
            Format::Srt => "application/x-subrip; charset=utf-8",
            Format::Plain => "text/plain; charset=utf-8",
        }
    }
}

/// Reads text in `format`. `total_ms`, the recording's length when known, is used only by the
/// plain format, to end a last cue that has no closing mark.
pub fn parse(
    text: &str,
    format: Format,
    total_ms: Option<u32>,
) -> Result<Vec<Cue>, TranscriptError> {
    match format {
        Format::WebVtt => parse_webvtt(text),
        Format::Srt => parse_srt(text),
        Format::Plain => parse_plain(text, total_ms),
    }
}

/// Reads an uploaded file: decodes it (see [`decode`]), then reads it in `format`, or in the
/// format [`Format::detect`] finds when none is given.
pub fn read(
    bytes: &[u8],
    format: Option<Format>,
    total_ms: Option<u32>,
) -> Result<Vec<Cue>, TranscriptError> {
    let text = decode(bytes)?;
    parse(
        text,
        format.unwrap_or_else(|| Format::detect(text)),
        total_ms,
    )
}

/// Writes cues in `format`.
pub fn write(cues: &[Cue], format: Format) -> String {
    match format {
        Format::WebVtt => write_webvtt(cues),
        Format::Srt => write_srt(cues),
        Format::Plain => write_plain(cues),
    }
}

/// A cue for the format tests of this module's files.
#[cfg(test)]
pub(crate) fn test_cue(start_ms: u32, end_ms: u32, speaker: Option<&str>, text: &str) -> Cue {
    Cue {
        start_ms,
        end_ms,
        speaker: speaker.map(str::to_owned),
        text: text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Cue> {
        vec![
            Cue {
                start_ms: 0,
                end_ms: 4000,
                speaker: Some("Интервьюер".into()),
                text: "Где вы жили в сорок первом?".into(),
            },
            Cue {
                start_ms: 4000,
                end_ms: 15_000,
                speaker: Some("Анна Петровна Кузнецова".into()),
                text:
                    "На Сходне, у реки.\nОтец ушёл в июле, а мы [неразборчиво 00:00:09] остались."
                        .into(),
            },
        ]
    }

    #[test]
    fn detects_the_format_from_content() {
        assert_eq!(
            Format::detect("\u{feff}WEBVTT\n\n00:01.000 --> 00:02.000\nx"),
            Format::WebVtt
        );
        assert_eq!(Format::detect("WEBVTT - Интервью\n"), Format::WebVtt);
        assert_eq!(
            Format::detect("1\r\n00:00:01,000 --> 00:00:02,000\r\nx"),
            Format::Srt
        );
        assert_eq!(
            Format::detect("1\n00:00:01.000 --> 00:00:02.000\nx"),
            Format::Srt
        );
        assert_eq!(Format::detect("[00:00:01] Анна: Да.\n"), Format::Plain);
        assert_eq!(Format::detect("WEBVTTX\n[00:00:01] Да."), Format::Plain);
        for format in [Format::WebVtt, Format::Srt, Format::Plain] {
            assert_eq!(Format::detect(&write(&sample(), format)), format);
        }
    }

    #[test]
    fn tells_the_format_from_the_extension() {
        assert_eq!(Format::from_extension("vtt"), Some(Format::WebVtt));
        assert_eq!(Format::from_extension(".SRT"), Some(Format::Srt));
        assert_eq!(Format::from_extension("Txt"), Some(Format::Plain));
        assert_eq!(Format::from_extension("docx"), None);
        for format in [Format::WebVtt, Format::Srt, Format::Plain] {
            assert_eq!(Format::from_extension(format.extension()), Some(format));
        }
    }

    #[test]
    fn every_format_round_trips_through_read_and_write() {
        for format in [Format::WebVtt, Format::Srt, Format::Plain] {
            let written = write(&sample(), format);
            assert_eq!(
                read(written.as_bytes(), None, None),
                Ok(sample()),
                "{format:?}"
            );
            assert_eq!(parse(&written, format, None), Ok(sample()), "{format:?}");
        }
    }

    #[test]
    fn reading_refuses_what_is_not_a_transcript() {
        let e = read(b"\x89PNG\r\n\x1a\n\x00\x00", None, None).unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.reason.contains("UTF-8"), "{e}");
        let e = read(b"[00:00:01] \x00\x01\x02", None, None).unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.reason.contains("двоичные данные"), "{e}");
        assert_eq!(read(b"", Some(Format::Srt), None).unwrap_err().line, 1);
    }
}
