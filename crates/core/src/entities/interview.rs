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
    /// Set only in the public view: the part holds a closed stretch and has no silenced copy,
    /// so it is not played (its file is not named); it keeps its place so that the later
    /// parts stay on the interview's clock.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub withheld: bool,
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

/// A stretch of the recording the narrator asked to close (on the interview's one clock, across
/// parts, as the transcript's): it is not played, not shown in the public transcript or index,
/// and not found by search. The reason is for the museum only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Redaction {
    pub start_ms: u32,
    pub end_ms: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

impl Redaction {
    /// Whether `[start, end)` touches this closed stretch.
    pub fn overlaps(&self, start_ms: u32, end_ms: u32) -> bool {
        start_ms < self.end_ms && end_ms.max(start_ms + 1) > self.start_ms
    }
}

/// What the public transcript shows in place of a closed stretch.
pub const REDACTED_TEXT: &str = "[фрагмент закрыт по просьбе рассказчика]";

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
    /// A photograph from the recording session (or a frame of a video recording) that stands
    /// for the interview in lists and search results. It shows the narrator, so it is public
    /// only with the photo scope of the narrator's consent, and never beside a pseudonym.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub still: Option<MediaRef>,
    /// The WebVTT file the transcript was loaded from, kept as the captions track.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transcript_file: Option<MediaRef>,
    #[serde(default)]
    pub transcript: Vec<Cue>,
    #[serde(default)]
    pub segments: Vec<Segment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Citation>,
    /// The name the narrator chose to be published under: it replaces the narrator's name as
    /// speaker everywhere public, and the public interview names no narrator record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pseudonym: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub redactions: Vec<Redaction>,
    /// When the narrator (or, for a deceased narrator, the heirs) approved the recording and the
    /// transcript for publication; publishing needs it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub narrator_approved: Option<jiff::civil::Date>,
    /// Recording parts (by index) that have a copy with the closed stretches silenced; the
    /// public sees that copy instead of the original. A part that overlaps a closed stretch and
    /// has no silenced copy is not played in public at all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub silenced: Vec<SilencedPart>,
}

/// A recording part's public copy with the closed stretches silent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SilencedPart {
    pub part: u32,
    pub media: MediaRef,
    /// The redactions the copy was made for, so a later change makes it stale.
    pub redactions: Vec<Redaction>,
}

fn default_language() -> String {
    "ru".into()
}

impl Interview {
    pub fn duration_ms(&self) -> u32 {
        self.recordings.iter().map(|r| r.duration_ms).sum()
    }

    /// Where each part starts on the interview's one clock.
    pub fn part_offsets(&self) -> Vec<u32> {
        let mut at = 0u32;
        self.recordings
            .iter()
            .map(|r| {
                let start = at;
                at = at.saturating_add(r.duration_ms);
                start
            })
            .collect()
    }

    /// Whether anything of the narrator's choices changes what the public sees.
    pub fn has_restrictions(&self) -> bool {
        self.pseudonym.is_some() || !self.redactions.is_empty()
    }

    fn closed(&self, start_ms: u32, end_ms: u32) -> bool {
        self.redactions.iter().any(|r| r.overlaps(start_ms, end_ms))
    }

    /// The interview as the public may have it, with the narrator's choices enforced: no cue,
    /// index segment or keyword from a closed stretch (a marker cue stands in its place), and each recording part that overlaps a
    /// closed stretch replaced by its silenced copy or, without one, left out. The original
    /// transcript file goes too, since it holds the closed text. Private notes (the reasons) are
    /// dropped.
    pub fn public_view(&self) -> Interview {
        if !self.has_restrictions() {
            return Interview {
                silenced: Vec::new(),
                ..self.clone()
            };
        }
        let mut out = self.clone();
        out.silenced.clear();
        if !self.redactions.is_empty() {
            out.transcript_file = None;
            let mut cues: Vec<Cue> = self
                .transcript
                .iter()
                .filter(|c| !self.closed(c.start_ms, c.end_ms))
                .cloned()
                .collect();
            for r in &self.redactions {
                cues.push(Cue {
                    start_ms: r.start_ms,
                    end_ms: r.end_ms,
                    speaker: None,
                    text: REDACTED_TEXT.into(),
                });
            }
            cues.sort_by_key(|c| c.start_ms);
            out.transcript = cues;
            // A segment's title and synopsis describe what follows its start up to the next one.
            let mut ends: Vec<u32> = self.segments.iter().skip(1).map(|s| s.start_ms).collect();
            ends.push(u32::MAX);
            out.segments = self
                .segments
                .iter()
                .zip(ends)
                .filter(|(s, end)| !self.closed(s.start_ms, *end))
                .map(|(s, _)| s.clone())
                .collect();
            let offsets = self.part_offsets();
            let mut parts = Vec::new();
            for (i, (rec, start)) in self.recordings.iter().zip(offsets).enumerate() {
                let end = start.saturating_add(rec.duration_ms.max(1));
                if !self.closed(start, end) {
                    parts.push(rec.clone());
                    continue;
                }
                let copy = self
                    .silenced
                    .iter()
                    .find(|s| s.part as usize == i && s.redactions == self.redactions);
                parts.push(match copy {
                    Some(copy) => Recording {
                        media: copy.media.clone(),
                        ..rec.clone()
                    },
                    None => Recording {
                        media: MediaRef {
                            sha256: String::new(),
                            ..rec.media.clone()
                        },
                        withheld: true,
                        ..rec.clone()
                    },
                });
            }
            out.recordings = parts;
            for r in &mut out.redactions {
                r.reason.clear();
            }
        }
        // The pseudonym is applied by the public projection (`crate::projection`), which knows
        // the narrator's names and tells the narrator's lines from the interviewer's.
        out
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
        if let Some(p) = &self.pseudonym {
            c.require("pseudonym", p, "Псевдоним");
            c.max_len("pseudonym", p, 200, "Псевдоним");
        }
        for (i, r) in self.redactions.iter().enumerate() {
            if r.end_ms <= r.start_ms {
                c.problem(
                    "redactions",
                    format!(
                        "Закрытый фрагмент {} должен заканчиваться позже, чем начинается.",
                        i + 1
                    ),
                );
            }
            let total = self.duration_ms();
            if total > 0 && r.start_ms >= total {
                c.problem(
                    "redactions",
                    format!("Закрытый фрагмент {} начинается после конца записи.", i + 1),
                );
            }
        }
        c.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cue(start_ms: u32, end_ms: u32, speaker: &str, text: &str) -> Cue {
        Cue {
            start_ms,
            end_ms,
            speaker: Some(speaker.into()),
            text: text.into(),
        }
    }

    fn media(sha: &str) -> MediaRef {
        MediaRef {
            sha256: sha.into(),
            mime: "audio/wav".into(),
            caption: None,
            alt: None,
            width: None,
            height: None,
        }
    }

    fn interview() -> Interview {
        Interview {
            title: "Воспоминания".into(),
            interviewers: vec!["Вера".into()],
            recordings: vec![
                Recording {
                    media: media("part1"),
                    duration_ms: 60_000,
                    label: String::new(),
                    withheld: false,
                },
                Recording {
                    media: media("part2"),
                    duration_ms: 60_000,
                    label: String::new(),
                    withheld: false,
                },
            ],
            transcript_file: Some(media("vtt")),
            transcript: vec![
                cue(0, 5_000, "Вера", "Расскажите о себе."),
                cue(5_000, 20_000, "Мария Ершова", "Я родилась в Химках."),
                cue(70_000, 80_000, "Мария Ершова", "Отец пришёл домой раненый."),
                cue(80_000, 90_000, "Мария Ершова", "Потом была эвакуация."),
            ],
            segments: vec![
                Segment {
                    start_ms: 0,
                    title: "Детство".into(),
                    ..Segment::default()
                },
                Segment {
                    start_ms: 65_000,
                    title: "Ранение отца".into(),
                    keywords: vec!["госпиталь".into()],
                    ..Segment::default()
                },
                Segment {
                    start_ms: 80_000,
                    title: "Эвакуация".into(),
                    ..Segment::default()
                },
            ],
            ..Interview::default()
        }
    }

    #[test]
    fn without_restrictions_the_public_sees_it_all() {
        let i = interview();
        assert_eq!(i.public_view(), i);
    }

    #[test]
    fn a_closed_stretch_is_not_shown_played_or_kept_as_a_file() {
        let mut i = interview();
        i.redactions = vec![Redaction {
            start_ms: 66_000,
            end_ms: 79_000,
            reason: "семейное".into(),
        }];
        let public = i.public_view();
        let texts: Vec<&str> = public.transcript.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Расскажите о себе.",
                "Я родилась в Химках.",
                REDACTED_TEXT,
                "Потом была эвакуация."
            ]
        );
        let titles: Vec<&str> = public.segments.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["Детство", "Эвакуация"]);
        assert_eq!(public.transcript_file, None);
        // Part 2 holds the stretch and has no silenced copy: not played, its file not named,
        // its place kept for the clock.
        let parts: Vec<(&str, bool)> = public
            .recordings
            .iter()
            .map(|r| (r.media.sha256.as_str(), r.withheld))
            .collect();
        assert_eq!(parts, [("part1", false), ("", true)]);
        assert_eq!(public.duration_ms(), 120_000);
        let body = crate::Body::Interview(public.clone());
        assert!(body.media().iter().all(|m| m.sha256 == "part1"));
        assert!(public.redactions.iter().all(|r| r.reason.is_empty()));
        // With a silenced copy made for these very stretches, the copy plays instead.
        i.silenced = vec![SilencedPart {
            part: 1,
            media: media("part2-silent"),
            redactions: i.redactions.clone(),
        }];
        let parts: Vec<String> = i
            .public_view()
            .recordings
            .iter()
            .map(|r| r.media.sha256.clone())
            .collect();
        assert_eq!(parts, ["part1", "part2-silent"]);
        // A copy made for other stretches is stale and not used.
        i.redactions[0].end_ms = 85_000;
        assert!(i.public_view().recordings[1].withheld);
    }

    #[test]
    fn bad_stretches_are_explained() {
        let mut i = interview();
        i.redactions = vec![Redaction {
            start_ms: 10_000,
            end_ms: 10_000,
            reason: String::new(),
        }];
        let problems = i.validate().expect_err("refused").problems;
        assert!(problems[0].message.contains("позже, чем начинается"));
    }

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
