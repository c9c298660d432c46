//! The bodies of the nine kinds of record (DESIGN.md, "The information base").

mod collection;
mod common;
mod event;
mod interview;
mod item;
mod organization;
mod person;
mod place;
mod source;
mod story;

pub use collection::Collection;
pub use common::{Citation, ExternalDb, ExternalRef, HistoricName, MediaRef};
pub use event::{Event, EventType};
pub use interview::{
    Cue, Interview, REDACTED_TEXT, Recording, Redaction, Segment, SegmentLink, SegmentPlace,
    SilencedPart,
};
pub use item::{Item, ItemType};
pub use organization::{OrgType, Organization};
pub use person::{Fate, Person, PersonRole, Service, Sex};
pub use place::{Place, PlaceType};
pub use source::{Source, SourceType};
pub use story::{Block, Story};

use crate::kind::Kind;
use crate::record::RecordId;
use crate::validation::Invalid;
use serde::{Deserialize, Serialize};

/// The kind-specific part of a record.
// Bodies are built once per request and moved rarely, so boxing the larger ones would cost
// more readability than the bytes it saves.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Body {
    Person(Person),
    Interview(Interview),
    Item(Item),
    Place(Place),
    Event(Event),
    Organization(Organization),
    Story(Story),
    Collection(Collection),
    Source(Source),
}

impl Body {
    pub fn kind(&self) -> Kind {
        match self {
            Body::Person(_) => Kind::Person,
            Body::Interview(_) => Kind::Interview,
            Body::Item(_) => Kind::Item,
            Body::Place(_) => Kind::Place,
            Body::Event(_) => Kind::Event,
            Body::Organization(_) => Kind::Organization,
            Body::Story(_) => Kind::Story,
            Body::Collection(_) => Kind::Collection,
            Body::Source(_) => Kind::Source,
        }
    }

    /// The display title: a person's full name, an item's title, a place's name.
    pub fn title(&self) -> String {
        match self {
            Body::Person(p) => p.name.full(),
            Body::Interview(i) => i.title.clone(),
            Body::Item(i) => i.title.clone(),
            Body::Place(p) => p.name.clone(),
            Body::Event(e) => e.title.clone(),
            Body::Organization(o) => o.name.clone(),
            Body::Story(s) => s.title.clone(),
            Body::Collection(c) => c.title.clone(),
            Body::Source(s) => s.title.clone(),
        }
    }

    /// Text the slug is made from: for a person the natural order, «Пётр Семёнович Иванов» →
    /// `ivanov-petr-semenovich` reads better surname-first, so the full form is used.
    pub fn slug_source(&self) -> String {
        self.title()
    }

    /// Key for alphabetical order within a kind.
    pub fn sort_key(&self) -> String {
        match self {
            Body::Person(p) => p.name.sort_key(),
            other => crate::names::normalize(&other.title()),
        }
    }

    /// The date range the record is about, for timelines and period filters.
    pub fn date_span(&self) -> Option<&crate::Edtf> {
        match self {
            Body::Person(p) => p.birth.as_ref(),
            Body::Interview(i) => i.recorded.as_ref(),
            Body::Item(i) => i.date.as_ref(),
            Body::Event(e) => e.date.as_ref(),
            Body::Organization(o) => o.active.as_ref(),
            Body::Place(_) | Body::Story(_) | Body::Collection(_) | Body::Source(_) => None,
        }
    }

    /// Does publishing this record publish someone's personal data (152-FZ)? Persons and the
    /// recorded voices of narrators do; places, events and the rest do not.
    pub fn carries_personal_data(&self) -> bool {
        match self {
            Body::Person(_) | Body::Interview(_) => true,
            // A family's account names the hero and shows the family's photographs.
            Body::Story(s) => s.family.is_some(),
            _ => false,
        }
    }

    /// Whether the person concerned may be alive. Without evidence of death we assume so: the
    /// careful default for personal data.
    pub fn is_about_living(&self) -> bool {
        match self {
            Body::Person(p) => p.may_be_living(),
            Body::Interview(i) => !i.narrator_deceased,
            Body::Story(s) => s.family.as_ref().is_some_and(|f| f.living),
            _ => false,
        }
    }

    /// Media files the record shows; their URLs are served only to viewers who may see it.
    pub fn media(&self) -> Vec<&MediaRef> {
        match self {
            Body::Person(p) => p.portrait.iter().collect(),
            Body::Interview(i) => i
                .recordings
                .iter()
                .filter(|r| !r.withheld)
                .map(|r| &r.media)
                .chain(i.transcript_file.iter())
                .chain(i.silenced.iter().map(|s| &s.media))
                .chain(i.still.iter())
                .collect(),
            Body::Item(i) => i.media.iter().collect(),
            Body::Story(s) => s.media(),
            Body::Place(p) => p.image.iter().collect(),
            _ => Vec::new(),
        }
    }

    /// Records this body refers to by id inside its content (collection members, story blocks,
    /// cited sources). Links between records are relations, not body fields.
    pub fn references(&self) -> Vec<RecordId> {
        match self {
            Body::Person(p) => p.sources.iter().filter_map(|c| c.source).collect(),
            Body::Interview(i) => i.sources.iter().filter_map(|c| c.source).collect(),
            Body::Item(i) => i.sources.iter().filter_map(|c| c.source).collect(),
            Body::Event(e) => e.sources.iter().filter_map(|c| c.source).collect(),
            Body::Story(s) => s.references(),
            Body::Collection(c) => c.members.clone(),
            Body::Place(_) | Body::Organization(_) | Body::Source(_) => Vec::new(),
        }
    }

    /// Brings a body to the form it is stored in (a story keeps references, not copies).
    pub fn normalize(&mut self) {
        if let Body::Story(s) = self {
            s.normalize();
        }
    }

    pub fn validate(&self) -> Result<(), Invalid> {
        match self {
            Body::Person(p) => p.validate(),
            Body::Interview(i) => i.validate(),
            Body::Item(i) => i.validate(),
            Body::Place(p) => p.validate(),
            Body::Event(e) => e.validate(),
            Body::Organization(o) => o.validate(),
            Body::Story(s) => s.validate(),
            Body::Collection(c) => c.validate(),
            Body::Source(s) => s.validate(),
        }
    }
}
