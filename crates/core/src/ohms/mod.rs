//! OHMS XML, the oral-history index format of the Louie B. Nunn Center's Oral History Metadata
//! Synchronizer: interviews indexed there come into the museum, and the museum's indexes go out
//! to archives that use it.
//!
//! The parts of the format used here:
//!
//! ```text
//! <ROOT xmlns="https://www.weareavp.com/nunncenter/ohms">
//!   <record>
//!     <date value="1985-05-09" format="yyyy-mm-dd"/>  <title>  <duration>H:MM:SS
//!     <interviewee>  <interviewer>          (several, or several names split by ';')
//!     <index>
//!       <point>
//!         <time>seconds</time> <title> <partial_transcript> <synopsis>
//!         <keywords>a;b</keywords> <subjects>a;b</subjects>
//!         <gpspoints><gps>lat, lng</gps><gps_zoom>17</gps_zoom><gps_text>…</gps_text></gpspoints>
//!         <hyperlinks><hyperlink>url</hyperlink><hyperlink_text>…</hyperlink_text></hyperlinks>
//!     <description>
//!     <transcript>text with [hh:mm:ss] marks</transcript>  (older files: plain text + <sync>)
//!     <vtt_transcript>WebVTT</vtt_transcript>              (OHMS since 2025)
//! ```
//!
//! Cyrillic passes through as UTF-8 both ways; `<`, `&` and quotes are escaped on writing and
//! unescaped on reading. Media hosting (`<mediafile>`, `<media_url>`), translations (`*_alt`)
//! and the rest of an OHMS record are not read and not written: the museum keeps its recordings
//! itself.

mod read;
mod sync;
mod tree;
mod write;

pub use read::{parse_ohms, read_ohms};
pub use write::write_ohms;

use crate::edtf::Edtf;
use crate::entities::{Cue, Interview, Segment};

/// What an OHMS file says about one interview.
///
/// Segments come with `mentions` empty: an OHMS file knows no record of this museum, so ties to
/// people and places are for an editor to make after the import.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OhmsRecord {
    pub title: String,
    pub interviewees: Vec<String>,
    pub interviewers: Vec<String>,
    pub recorded: Option<Edtf>,
    /// BCP 47, from `<language>`; empty when the file names no language this module knows.
    pub language: String,
    /// The date as the file writes it when it is not an EDTF date (`05/09/1985`), for an editor
    /// to enter by hand; empty otherwise.
    pub date_text: String,
    /// `<description>`.
    pub summary: String,
    /// The index, ordered by time.
    pub segments: Vec<Segment>,
    pub transcript: Vec<Cue>,
    /// The transcript's text when it has no times to read (no marks, no usable `<sync>`): kept
    /// so that nothing typed is lost, for timing in the studio.
    pub untimed_transcript: String,
}

impl OhmsRecord {
    /// A new interview from the record; the interviewees are left out, since narrators are
    /// records of their own, tied by a relation.
    pub fn into_interview(self) -> Interview {
        Interview {
            title: self.title,
            summary: self.summary,
            interviewers: self.interviewers,
            recorded: self.recorded,
            language: if self.language.is_empty() {
                "ru".into()
            } else {
                self.language
            },
            transcript: self.transcript,
            segments: self.segments,
            ..Interview::default()
        }
    }
}

/// The languages of the town's interviews, as OHMS names them (in English) and as BCP 47 does.
const LANGUAGES: [(&str, &str); 7] = [
    ("ru", "Russian"),
    ("en", "English"),
    ("uk", "Ukrainian"),
    ("be", "Belarusian"),
    ("tt", "Tatar"),
    ("de", "German"),
    ("pl", "Polish"),
];

/// The OHMS name of a BCP 47 language tag; a tag not in the table is written as it is.
fn language_name(tag: &str) -> &str {
    let primary = tag.split('-').next().unwrap_or(tag);
    LANGUAGES
        .iter()
        .find(|(code, _)| code.eq_ignore_ascii_case(primary))
        .map_or(tag, |(_, name)| name)
}

/// The BCP 47 tag of an OHMS language name (or of a tag, as written for one not in the table).
fn language_tag(name: &str) -> String {
    let name = name.trim();
    LANGUAGES
        .iter()
        .find(|(code, english)| {
            english.eq_ignore_ascii_case(name) || code.eq_ignore_ascii_case(name)
        })
        .map_or_else(String::new, |(code, _)| (*code).to_owned())
}
