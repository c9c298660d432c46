//! A recorded conversation with a veteran or an eyewitness: the «Живые голоса».

use super::common::{Citation, MediaRef};
use crate::edtf::Edtf;
use crate::record::RecordId;
use crate::validation::{Checker, Invalid};
use serde::{Deserialize, Serialize};

/// One part of a recording (an interview may span several files).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recording {
    pub media: MediaRef,
    pub duration_ms: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
}

/// One timecoded line of the transcript.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cue {
    pub start_ms: u32,
    pub end_ms: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    pub text: String,
}

/// An OHMS-style index segment: a titled, described part of the interview.
///
/// `mentions` ties the segment to records of the base (people, places, events). The OHMS fields
/// after it carry what an OHMS index has and the base has no record for: a file imported from
/// OHMS cannot know record ids, so its segments come with `mentions` empty and their places and
/// links as plain data, for an editor to tie to records later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Segment {
    pub start_ms: u32,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub synopsis: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<RecordId>,
    /// The first words spoken in the segment, as OHMS shows them under the title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub partial_transcript: String,
    /// Subject headings (OHMS `<subjects>`), apart from free keywords.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<String>,
    /// Points on the map the segment speaks of (OHMS `<gpspoints>`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<SegmentPlace>,
    /// Further reading (OHMS `<hyperlinks>`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<SegmentLink>,
}

/// A point on the map named in a segment, in WGS 84 degrees.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SegmentPlace {
    pub lat: f64,
    pub lng: f64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
}

impl SegmentPlace {
    /// Says in Russian what is wrong with the coordinates, if anything.
    pub fn check(&self) -> Result<(), String> {
        if !(-90.0..=90.0).contains(&self.lat) {
            return Err(format!(
                "широта {} вне пределов: она бывает от −90 до 90 градусов \
                 (не перепутаны ли широта и долгота?)",
                self.lat
            ));
        }
        if !(-180.0..=180.0).contains(&self.lng) {
            return Err(format!(
                "долгота {} вне пределов: она бывает от −180 до 180 градусов",
                self.lng
            ));
        }
        Ok(())
    }
}

/// A web page a segment points to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SegmentLink {
    pub url: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
}

impl SegmentLink {
    /// Says in Russian what is wrong with the address, if anything. Only `http` and `https` are
    /// allowed: a `javascript:` or `file:` link on a public page would be a hole.
    pub fn check(&self) -> Result<(), String> {
        let url = self.url.as_str();
        let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
        let rest = if lower.starts_with("https://") {
            &url[8..]
        } else if lower.starts_with("http://") {
            &url[7..]
        } else {
            return Err(format!(
                "ссылка «{url}» не годится: допускаются только адреса, \
                 начинающиеся с https:// или http://"
            ));
        };
        if rest.is_empty()
            || rest.starts_with('/')
            || url.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(format!(
                "ссылка «{url}» записана неверно: после https:// нужен адрес сайта, без пробелов"
            ));
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Interview {
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// Set when every narrator has died (their heirs then decide on publication).
    #[serde(default)]
    pub narrator_deceased: bool,
    /// Names of the volunteers who recorded it, as they wish to be credited.
    #[serde(default)]
    pub interviewers: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded: Option<Edtf>,
    /// BCP 47.
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default)]
    pub recordings: Vec<Recording>,
    /// The WebVTT file the transcript was loaded from, kept as the captions track.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transcript_file: Option<MediaRef>,
    #[serde(default)]
    pub transcript: Vec<Cue>,
    #[serde(default)]
    pub segments: Vec<Segment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Citation>,
}

fn default_language() -> String {
    "ru".into()
}

impl Interview {
    pub fn duration_ms(&self) -> u32 {
        self.recordings.iter().map(|r| r.duration_ms).sum()
    }

    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checker::new();
        c.require("title", &self.title, "Название");
        c.max_len("title", &self.title, 300, "Название");
        let mut last = 0;
        for (i, cue) in self.transcript.iter().enumerate() {
            if cue.end_ms < cue.start_ms {
                c.problem(
                    "transcript",
                    format!(
                        "Строка расшифровки {} заканчивается раньше, чем начинается.",
                        i + 1
                    ),
                );
            }
            if cue.start_ms < last {
                c.problem(
                    "transcript",
                    format!("Строка расшифровки {} стоит не по порядку времени.", i + 1),
                );
            }
            last = cue.start_ms;
        }
        for (i, s) in self.segments.iter().enumerate() {
            c.require("segments", &s.title, "Название фрагмента");
            let problems = s.places.iter().map(SegmentPlace::check);
            let problems = problems.chain(s.links.iter().map(SegmentLink::check));
            for problem in problems.filter_map(Result::err) {
                c.problem("segments", format!("Фрагмент {}: {problem}.", i + 1));
            }
        }
        c.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_stored_before_the_ohms_fields_still_read() {
        let json = r#"{"start_ms":700000,"title":"Ров","synopsis":"Копали ров.",
                       "keywords":["оборона"],"mentions":[]}"#;
        let segment: Segment = serde_json::from_str(json).unwrap();
        assert_eq!(segment.title, "Ров");
        assert!(segment.places.is_empty() && segment.links.is_empty());
        assert!(segment.partial_transcript.is_empty() && segment.subjects.is_empty());

        let interview: Interview = serde_json::from_str(
            r#"{"title":"Беседа","segments":[{"start_ms":0,"title":"Начало"}]}"#,
        )
        .unwrap();
        assert_eq!(interview.segments[0].title, "Начало");
    }

    #[test]
    fn empty_ohms_fields_are_not_written() {
        let segment = Segment {
            title: "Ров".into(),
            ..Segment::default()
        };
        assert_eq!(
            serde_json::to_string(&segment).unwrap(),
            r#"{"start_ms":0,"title":"Ров"}"#
        );
        let segment = Segment {
            places: vec![SegmentPlace {
                lat: 55.95,
                lng: 37.3,
                label: String::new(),
            }],
            ..segment
        };
        assert_eq!(
            serde_json::to_string(&segment).unwrap(),
            r#"{"start_ms":0,"title":"Ров","places":[{"lat":55.95,"lng":37.3}]}"#
        );
    }

    #[test]
    fn checks_coordinates_and_links() {
        let place = |lat, lng| SegmentPlace {
            lat,
            lng,
            label: "Сходня".into(),
        };
        assert_eq!(place(55.95, 37.3).check(), Ok(()));
        assert_eq!(place(-90.0, 180.0).check(), Ok(()));
        assert!(place(91.0, 37.3).check().unwrap_err().contains("широта 91"));
        assert!(
            place(55.9, -180.5)
                .check()
                .unwrap_err()
                .contains("долгота -180.5")
        );
        assert!(place(f64::NAN, 0.0).check().is_err());

        let link = |url: &str| SegmentLink {
            url: url.into(),
            text: String::new(),
        };
        assert_eq!(link("https://pamyat-naroda.ru/heroes/").check(), Ok(()));
        assert_eq!(link("HTTP://example.org").check(), Ok(()));
        for bad in [
            "javascript:alert(1)",
            "ftp://x.org",
            "file:///etc/passwd",
            "example.org",
        ] {
            assert!(
                link(bad).check().unwrap_err().contains("только адреса"),
                "{bad}"
            );
        }
        for bad in ["https://", "https:///path", "https://a b.ru"] {
            assert!(
                link(bad).check().unwrap_err().contains("записана неверно"),
                "{bad}"
            );
        }
    }

    #[test]
    fn validation_reports_bad_places_and_links_per_segment() {
        let interview = Interview {
            title: "Беседа".into(),
            segments: vec![
                Segment {
                    title: "Начало".into(),
                    ..Segment::default()
                },
                Segment {
                    title: "Ров".into(),
                    places: vec![SegmentPlace {
                        lat: 155.0,
                        lng: 37.0,
                        label: String::new(),
                    }],
                    links: vec![SegmentLink {
                        url: "javascript:alert(1)".into(),
                        text: "ссылка".into(),
                    }],
                    ..Segment::default()
                },
            ],
            ..Interview::default()
        };
        let problems = interview.validate().unwrap_err().problems;
        assert_eq!(problems.len(), 2);
        assert!(problems[0].message.starts_with("Фрагмент 2: широта 155"));
        assert!(
            problems[1]
                .message
                .starts_with("Фрагмент 2: ссылка «javascript:alert(1)»")
        );
    }
}
