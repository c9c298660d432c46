//! A record of the information base: the envelope every kind shares (id, slug, workflow, access,
//! embargo, age rating, content note) and the kind-specific body.

use crate::access::{AccessLevel, AgeRating};
use crate::entities::Body;
use crate::kind::Kind;
use crate::validation::{Checker, Invalid};
use crate::workflow::Workflow;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The stable id of a record; never reused, never changes when the title does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RecordId(pub i64);

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// What every record has besides its body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub id: RecordId,
    pub kind: Kind,
    /// Readable URL part, unique within the kind (transliterated title, `-2` on collision).
    pub slug: String,
    /// The id the record has in a working group's spreadsheet; re-import updates by it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    pub workflow: Workflow,
    pub access: AccessLevel,
    /// Closed to the public until this date (inclusive of the day before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embargo_until: Option<Date>,
    pub age_rating: AgeRating,
    /// Shown before sensitive material («Воспоминания содержат описания гибели людей»).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_note: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Optimistic-concurrency counter: every saved change increments it.
    pub version: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Whoever last sent the record to review; they may not publish it themselves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_by: Option<String>,
}

/// The editable part of a record's envelope, as given when a record is created or changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Settings {
    #[serde(default)]
    pub external_id: Option<String>,
    #[serde(default)]
    pub access: AccessLevel,
    #[serde(default)]
    pub embargo_until: Option<Date>,
    #[serde(default)]
    pub age_rating: AgeRating,
    #[serde(default)]
    pub content_note: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// A record: envelope plus body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub meta: Meta,
    pub body: Body,
}

impl Record {
    pub fn id(&self) -> RecordId {
        self.meta.id
    }

    pub fn kind(&self) -> Kind {
        self.meta.kind
    }

    pub fn title(&self) -> String {
        self.body.title()
    }

    pub fn settings(&self) -> Settings {
        Settings {
            external_id: self.meta.external_id.clone(),
            access: self.meta.access.clone(),
            embargo_until: self.meta.embargo_until,
            age_rating: self.meta.age_rating,
            content_note: self.meta.content_note.clone(),
            tags: self.meta.tags.clone(),
        }
    }
}

impl Settings {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checker::new();
        if let Some(note) = &self.content_note {
            c.max_len("content_note", note, 2000, "Предупреждение о содержании");
        }
        if let AccessLevel::Groups(groups) = &self.access
            && groups.is_empty()
        {
            c.problem(
                "access",
                "Доступ «только для групп» требует хотя бы одну рабочую группу.",
            );
        }
        for tag in &self.tags {
            c.max_len("tags", tag, 100, "Метка");
        }
        c.finish()
    }
}
