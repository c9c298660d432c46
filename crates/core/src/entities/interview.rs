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
        for s in &self.segments {
            c.require("segments", &s.title, "Название фрагмента");
        }
        c.finish()
    }
}
