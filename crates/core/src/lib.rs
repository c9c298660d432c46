//! The museum's language: records and their bodies, EDTF dates, Russian names, the access gate,
//! consent and workflow. Plain data and rules, no I/O, so every rule here is unit-tested alone.

pub mod access;
pub mod account;
pub mod conference;
pub mod consent;
pub mod contribution;
pub mod district;
pub mod edtf;
pub mod entities;
pub mod facet;
pub mod history;
pub mod ids;
pub mod kind;
pub mod lesson;
pub mod media_plan;
pub mod names;
pub mod ohms;
pub mod oral;
pub mod phonetic;
pub mod progress;
pub mod projection;
pub mod record;
pub mod relation;
pub mod scope;
pub mod transcript;
pub mod validation;
pub mod workflow;

pub use access::{AccessLevel, AgeRating, Audience, Reach, Viewer, ViewerFilter, ViewerRole};
pub use consent::{Consent, ConsentBasis, ConsentKind, NewConsent};
pub use edtf::Edtf;
pub use entities::Body;
pub use facet::{Facet, FacetName};
pub use ids::{
    ActivityId, ConsentId, GroupId, GuideId, GuideVersionId, NarratorId, ProjectId, RelationId,
    SubmissionFileId, SubmissionId, TaskId, UserId,
};
pub use kind::Kind;
pub use record::{Meta, Record, RecordId};
pub use relation::{NewRelation, Relation, RelationType};
/// The WebVTT reader and writer at the path callers used before transcripts got a module.
pub use transcript::webvtt;
pub use validation::{Invalid, Problem};
pub use workflow::Workflow;

/// Today's date in the museum's time zone, used by embargoes and consent terms.
/// Passed explicitly everywhere else so that rules stay testable.
pub fn today() -> jiff::civil::Date {
    jiff::ZonedDateTime::now().date()
}
