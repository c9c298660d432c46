//! How a record's envelope, a revision's subject and a time live in table columns: the same in
//! every SQL engine, so each engine decodes its rows with these and none keeps its own copy.

use crate::{StoreError, StoredRecord};
use jiff::civil::Date;
use letopis_core::access::{AccessLevel, AgeRating, Audience, Reach};
use letopis_core::edtf::DayKey;
use letopis_core::history::Subject;
use letopis_core::projection::Projection;
use letopis_core::record::{Meta, Record, RecordId};
use letopis_core::{Body, ConsentId, RelationId};

/// The columns of `records` (aliased `r`) that [`stored_record`] decodes, in its order.
pub(crate) const RECORD_COLUMNS: &str =
    "r.reach, r.open_from, r.age_rating, r.meta, r.body, r.health_public, r.public_body";

/// The stored record from the columns [`RECORD_COLUMNS`] names: the audience as last derived
/// and the public projection, besides the record itself.
pub(crate) fn stored_record(
    reach: i64,
    open_from: Option<DayKey>,
    age: u8,
    meta: &str,
    body: &str,
    health_public: bool,
    public: Option<&str>,
) -> Result<StoredRecord, serde_json::Error> {
    let meta: Meta = serde_json::from_str(meta)?;
    let body: Body = serde_json::from_str(body)?;
    let public: Option<Projection> = public.map(serde_json::from_str).transpose()?;
    let (public, hidden_ties) = match public {
        Some(p) => (Some(p.body), p.hidden_ties),
        None => (None, Vec::new()),
    };
    let reach = Reach::from_code(reach).unwrap_or(Reach::Staff);
    let groups = match (&meta.access, reach) {
        (AccessLevel::Groups(g), Reach::Groups) => g.clone(),
        _ => Vec::new(),
    };
    let audience = Audience {
        reach,
        groups,
        open_from: open_from.and_then(date_from_key),
        age_rating: AgeRating::from_years(age).unwrap_or(AgeRating::Eighteen),
        health_public,
    };
    Ok(StoredRecord {
        record: Record { meta, body },
        audience,
        public,
        hidden_ties,
    })
}

pub(crate) fn date_from_key(key: DayKey) -> Option<Date> {
    Date::new(
        i16::try_from(key / 10000).ok()?,
        i8::try_from(key / 100 % 100).ok()?,
        i8::try_from(key % 100).ok()?,
    )
    .ok()
}

/// A revision's `after` (of a revision `v`). A record's create revision holds none while the
/// record's row is as it was created (SQLite's migration 0023): then it is that row, as `Record`
/// serialises, byte for byte what the revision held before. Plain SQL both engines speak.
pub(crate) const REVISION_AFTER: &str = r#"coalesce(v.after,
    CASE WHEN v.subject_type = 'record' AND v.action = 'create' THEN
        (SELECT '{"meta":' || r.meta || ',"body":' || r.body || '}' FROM records r
         WHERE r.id = v.subject_id)
    END)"#;

pub(crate) fn subject_key(subject: Subject) -> (&'static str, i64) {
    match subject {
        Subject::Record(id) => ("record", id.0),
        Subject::Relation(id) => ("relation", id.0),
        Subject::Consent(id) => ("consent", id.0),
    }
}

pub(crate) fn subject_from_key(ty: &str, id: i64) -> Subject {
    match ty {
        "relation" => Subject::Relation(RelationId(id)),
        "consent" => Subject::Consent(ConsentId(id)),
        _ => Subject::Record(RecordId(id)),
    }
}

pub(crate) fn parse_ts(s: &str) -> Result<jiff::Timestamp, StoreError> {
    s.parse()
        .map_err(|e| StoreError::Backend(format!("stored timestamp {s:?}: {e}")))
}

/// A time at fixed precision (microseconds), so that comparing the stored text compares the
/// times (the uploads' `touched_at`).
pub(crate) fn at_text(at: jiff::Timestamp) -> String {
    format!("{at:.6}")
}

/// The time now as both engines store it (RFC 3339 text).
pub(crate) fn now_text() -> String {
    jiff::Timestamp::now().to_string()
}

/// A stored time; an unreadable one reads as the epoch rather than failing the whole list.
pub(crate) fn parse_at(text: &str) -> jiff::Timestamp {
    text.parse().unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

/// A submission's stored status. A code written by a newer version reads as received: it stays
/// in front of moderators.
pub(crate) fn submission_status(code: &str) -> letopis_core::contribution::Status {
    use letopis_core::contribution::Status;
    Status::from_code(code).unwrap_or(Status::Received)
}
