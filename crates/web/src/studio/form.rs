//! The record forms: one table of fields per kind, and one way to turn a body into form values
//! and form values back into a body.
//!
//! A field names a path in the body's JSON (`name.surname`); a submitted form is written into
//! the JSON of the record as it was (or of an empty record), so parts the form does not show
//! (an interview's transcript, a story's blocks) are kept as they are. The result is read back
//! into the core type and checked by core's own `validate`, so the rules live in one place and
//! core's messages are Russian; the form's own are in the page's language.

use crate::shell::i18n::{Lang, Tr};
#[cfg(test)]
use letopis_core::RecordId;
use letopis_core::access::{AccessLevel, AgeRating};
use letopis_core::entities::{
    Collection, Event, ExternalDb, ExternalRef, Interview, Item, MediaRef, Organization, Person,
    Place, Source, Story,
};
use letopis_core::record::Settings;
use letopis_core::{Body, Edtf, Kind};
use serde_json::{Map, Value, json};
use std::borrow::Cow;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Widget {
    /// One line; empty stays an empty string.
    Text,
    /// One line; empty means "not given" (an optional value).
    OptText,
    Area,
    Edtf,
    /// Choose one: (code, Fluent message id); the first option with code "" means "not given".
    Select(&'static [(&'static str, &'static str)]),
    /// One value per line.
    Lines,
    Number,
    Check,
    /// Citations, one per line: `text | locator | №source`.
    Citations,
    /// Record numbers, one per line (collection members).
    Ids,
    /// Uploaded files: one (`multi` false) or several.
    Media {
        multi: bool,
    },
    /// A story's blocks as the text of [`super::blocks`].
    Blocks,
    /// A calendar day, `ГГГГ-ММ-ДД`; empty means "not given".
    Day,
    /// An interview's recording parts, in order: uploaded audio or video files. A new part's
    /// length is filled in from its upload's probe when the form is saved.
    Recordings,
    /// An interview's transcript as plain text with `[hh:mm:ss]` marks (the transcriber's
    /// format, see `letopis_core::transcript::plain`).
    Transcript,
    /// An interview's index segments as the text of [`super::segments`].
    Segments,
    /// Record numbers in the state memorial databases, one per line: `Мемориал 56789012`.
    DatabaseRecords,
    /// An interview's closed stretches, one per line: `0:12:30–0:14:05 причина`.
    Redactions,
    /// The images a story's blocks show, uploaded beside the text and numbered there; read
    /// together with the blocks, never on their own.
    Illustrations,
}

#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The form field's name; also the name core's validation uses for the problem.
    pub key: &'static str,
    /// Where the value lives in the body's JSON.
    pub path: &'static str,
    /// The Fluent message id of the field's label.
    pub label: &'static str,
    /// The Fluent message id of the hint under the label; empty for none.
    pub hint: &'static str,
    pub widget: Widget,
}

const fn f(
    key: &'static str,
    path: &'static str,
    label: &'static str,
    hint: &'static str,
    widget: Widget,
) -> Field {
    Field {
        key,
        path,
        label,
        hint,
        widget,
    }
}

// Labels, hints and choices are Fluent message ids (locales/*/studio-records.ftl), so one table
// serves both languages; the choices' codes are the serde names core reads.
const SEX: &[(&str, &str)] = &[
    ("", "studio-option-sex-none"),
    ("male", "studio-option-sex-male"),
    ("female", "studio-option-sex-female"),
];
const FATE: &[(&str, &str)] = &[
    ("", "studio-option-fate-none"),
    ("returned", "studio-option-fate-returned"),
    ("killed", "studio-option-fate-killed"),
    ("missing", "studio-option-fate-missing"),
    ("died_of_wounds", "studio-option-fate-died-of-wounds"),
    ("died_in_captivity", "studio-option-fate-died-in-captivity"),
    ("survived", "studio-option-fate-survived"),
];
const LIVING: &[(&str, &str)] = &[
    ("", "studio-option-living-none"),
    ("true", "studio-option-living-true"),
    ("false", "studio-option-living-false"),
];
const PLACE_TYPE: &[(&str, &str)] = &[
    ("settlement", "studio-option-place-type-settlement"),
    ("street", "studio-option-place-type-street"),
    ("factory", "studio-option-place-type-factory"),
    ("hospital", "studio-option-place-type-hospital"),
    ("school", "studio-option-place-type-school"),
    ("station", "studio-option-place-type-station"),
    ("defence_line", "studio-option-place-type-defence-line"),
    ("memorial", "studio-option-place-type-memorial"),
    ("cemetery", "studio-option-place-type-cemetery"),
    ("airfield", "studio-option-place-type-airfield"),
    ("other", "studio-option-place-type-other"),
];
const EVENT_TYPE: &[(&str, &str)] = &[
    ("battle", "studio-option-event-type-battle"),
    ("evacuation", "studio-option-event-type-evacuation"),
    ("air_raid", "studio-option-event-type-air-raid"),
    ("production", "studio-option-event-type-production"),
    ("mobilization", "studio-option-event-type-mobilization"),
    ("liberation", "studio-option-event-type-liberation"),
    ("commemoration", "studio-option-event-type-commemoration"),
    ("other", "studio-option-event-type-other"),
];
const ITEM_TYPE: &[(&str, &str)] = &[
    ("photo", "studio-option-item-type-photo"),
    ("letter", "studio-option-item-type-letter"),
    ("document", "studio-option-item-type-document"),
    ("newspaper", "studio-option-item-type-newspaper"),
    ("artifact", "studio-option-item-type-artifact"),
    ("drawing", "studio-option-item-type-drawing"),
    ("audio", "studio-option-item-type-audio"),
    ("video", "studio-option-item-type-video"),
];
const ORG_TYPE: &[(&str, &str)] = &[
    ("military_unit", "studio-option-org-type-military-unit"),
    ("militia", "studio-option-org-type-militia"),
    ("partisan_unit", "studio-option-org-type-partisan-unit"),
    ("factory", "studio-option-org-type-factory"),
    ("school", "studio-option-org-type-school"),
    ("hospital", "studio-option-org-type-hospital"),
    ("administration", "studio-option-org-type-administration"),
    ("other", "studio-option-org-type-other"),
];
const SOURCE_TYPE: &[(&str, &str)] = &[
    ("archive", "studio-option-source-type-archive"),
    ("database", "studio-option-source-type-database"),
    ("publication", "studio-option-source-type-publication"),
    ("website", "studio-option-source-type-website"),
    ("oral", "studio-option-source-type-oral"),
    ("family", "studio-option-source-type-family"),
];

use Widget::*;

const PERSON: &[Field] = &[
    f("surname", "name.surname", "studio-field-surname", "", Text),
    f(
        "given_name",
        "name.given",
        "studio-field-given-name",
        "",
        Text,
    ),
    f(
        "patronymic",
        "name.patronymic",
        "studio-field-patronymic",
        "",
        Text,
    ),
    f(
        "maiden",
        "name.maiden",
        "studio-field-maiden",
        "studio-hint-maiden",
        OptText,
    ),
    f(
        "variants",
        "name.variants",
        "studio-field-variants",
        "studio-hint-variants",
        Lines,
    ),
    f("sex", "sex", "studio-field-sex", "", Select(SEX)),
    f(
        "birth",
        "birth",
        "studio-field-birth",
        "studio-hint-edtf",
        Edtf,
    ),
    f(
        "death",
        "death",
        "studio-field-death",
        "studio-hint-edtf",
        Edtf,
    ),
    f(
        "birth_place",
        "birth_place",
        "studio-field-birth-place",
        "",
        Text,
    ),
    f(
        "living",
        "living",
        "studio-field-living",
        "studio-hint-living",
        Select(LIVING),
    ),
    f("fate", "fate", "studio-field-fate", "", Select(FATE)),
    f("rank", "service.rank", "studio-field-rank", "", Text),
    f("unit", "service.unit", "studio-field-unit", "", Text),
    f(
        "drafted",
        "service.drafted",
        "studio-field-drafted",
        "studio-hint-drafted",
        Text,
    ),
    f(
        "awards",
        "awards",
        "studio-field-awards",
        "studio-hint-awards",
        Lines,
    ),
    f("biography", "biography", "studio-field-biography", "", Area),
    f(
        "health",
        "health",
        "studio-field-health",
        "studio-hint-health",
        Area,
    ),
    f(
        "sources",
        "sources",
        "studio-field-sources",
        "studio-hint-sources",
        Citations,
    ),
    f(
        "memorial_refs",
        "memorial_refs",
        "studio-field-memorial-refs",
        "studio-hint-memorial-refs",
        DatabaseRecords,
    ),
    f(
        "portrait",
        "portrait",
        "studio-field-portrait",
        "studio-hint-portrait",
        Media { multi: false },
    ),
];

const PLACE: &[Field] = &[
    f("name", "name", "studio-field-name", "", Text),
    f(
        "place_type",
        "place_type",
        "studio-field-place-type",
        "",
        Select(PLACE_TYPE),
    ),
    f(
        "district",
        "district",
        "studio-field-district",
        "studio-hint-district",
        Text,
    ),
    f("lat", "lat", "studio-field-lat", "studio-hint-lat", Number),
    f("lon", "lon", "studio-field-lon", "studio-hint-lon", Number),
    f(
        "description",
        "description",
        "studio-field-description",
        "",
        Area,
    ),
    f(
        "image",
        "image",
        "studio-field-image",
        "",
        Media { multi: false },
    ),
];

const EVENT: &[Field] = &[
    f("title", "title", "studio-field-title", "", Text),
    f(
        "event_type",
        "event_type",
        "studio-field-event-type",
        "",
        Select(EVENT_TYPE),
    ),
    f(
        "date",
        "date",
        "studio-field-event-date",
        "studio-hint-edtf",
        Edtf,
    ),
    f(
        "description",
        "description",
        "studio-field-description",
        "",
        Area,
    ),
    f(
        "sources",
        "sources",
        "studio-field-sources",
        "studio-hint-sources",
        Citations,
    ),
];

const ITEM: &[Field] = &[
    f("title", "title", "studio-field-title", "", Text),
    f(
        "item_type",
        "item_type",
        "studio-field-item-type",
        "",
        Select(ITEM_TYPE),
    ),
    f(
        "date",
        "date",
        "studio-field-item-date",
        "studio-hint-edtf",
        Edtf,
    ),
    f(
        "description",
        "description",
        "studio-field-description",
        "",
        Area,
    ),
    f(
        "transcription",
        "transcription",
        "studio-field-transcription",
        "",
        Area,
    ),
    f("holder", "holder", "studio-field-holder", "", Text),
    f(
        "provenance",
        "provenance",
        "studio-field-provenance",
        "studio-hint-provenance",
        Text,
    ),
    f("rights", "rights", "studio-field-rights", "", Text),
    f(
        "sources",
        "sources",
        "studio-field-sources",
        "studio-hint-sources",
        Citations,
    ),
    f(
        "media",
        "media",
        "studio-field-media",
        "studio-hint-media",
        Media { multi: true },
    ),
];

const ORGANIZATION: &[Field] = &[
    f("name", "name", "studio-field-name", "", Text),
    f(
        "org_type",
        "org_type",
        "studio-field-org-type",
        "",
        Select(ORG_TYPE),
    ),
    f(
        "active",
        "active",
        "studio-field-active",
        "studio-hint-edtf",
        Edtf,
    ),
    f(
        "description",
        "description",
        "studio-field-description",
        "",
        Area,
    ),
];

const INTERVIEW: &[Field] = &[
    f("title", "title", "studio-field-title", "", Text),
    f("summary", "summary", "studio-field-summary", "", Area),
    f(
        "narrator_deceased",
        "narrator_deceased",
        "studio-field-narrator-deceased",
        "studio-hint-narrator-deceased",
        Check,
    ),
    f(
        "interviewers",
        "interviewers",
        "studio-field-interviewers",
        "studio-hint-interviewers",
        Lines,
    ),
    f(
        "recorded",
        "recorded",
        "studio-field-recorded",
        "studio-hint-edtf",
        Edtf,
    ),
    f(
        "recordings",
        "recordings",
        "studio-field-recordings",
        "studio-hint-recordings",
        Recordings,
    ),
    f(
        "still",
        "still",
        "studio-field-still",
        "studio-hint-still",
        Media { multi: false },
    ),
    f(
        "language",
        "language",
        "studio-field-language",
        "studio-hint-language",
        Text,
    ),
    f(
        "sources",
        "sources",
        "studio-field-sources",
        "studio-hint-sources",
        Citations,
    ),
    f(
        "transcript",
        "transcript",
        "studio-field-transcript",
        "studio-hint-transcript",
        Transcript,
    ),
    f(
        "segments",
        "segments",
        "studio-field-segments",
        "studio-hint-segments",
        Segments,
    ),
    f(
        "pseudonym",
        "pseudonym",
        "studio-field-pseudonym",
        "studio-hint-pseudonym",
        OptText,
    ),
    f(
        "redactions",
        "redactions",
        "studio-field-redactions",
        "studio-hint-redactions",
        Redactions,
    ),
    f(
        "narrator_approved",
        "narrator_approved",
        "studio-field-narrator-approved",
        "studio-hint-narrator-approved",
        Day,
    ),
];

const STORY: &[Field] = &[
    f("title", "title", "studio-field-title", "", Text),
    f("lead", "lead", "studio-field-lead", "", Area),
    f(
        "authors",
        "authors",
        "studio-field-authors",
        "studio-hint-interviewers",
        Lines,
    ),
    f(
        "cover",
        "cover",
        "studio-field-cover",
        "",
        Media { multi: false },
    ),
    f(
        "blocks",
        "blocks",
        "studio-field-blocks",
        "studio-hint-blocks",
        Blocks,
    ),
    f(
        "illustrations",
        "blocks",
        "studio-field-illustrations",
        "studio-hint-illustrations",
        Illustrations,
    ),
];

const COLLECTION: &[Field] = &[
    f("title", "title", "studio-field-title", "", Text),
    f(
        "description",
        "description",
        "studio-field-description",
        "",
        Area,
    ),
    f(
        "lesson",
        "lesson",
        "studio-field-lesson",
        "studio-hint-lesson",
        Area,
    ),
    f(
        "members",
        "members",
        "studio-field-members",
        "studio-hint-members",
        Ids,
    ),
];

const SOURCE: &[Field] = &[
    f("title", "title", "studio-field-title", "", Text),
    f(
        "source_type",
        "source_type",
        "studio-field-source-type",
        "",
        Select(SOURCE_TYPE),
    ),
    f("archive", "archive", "studio-field-archive", "", Text),
    f("fund", "fund", "studio-field-fund", "", Text),
    f("inventory", "inventory", "studio-field-inventory", "", Text),
    f("file", "file", "studio-field-file", "", Text),
    f("url", "url", "studio-field-url", "", Text),
    f("citation", "citation", "studio-field-citation", "", Area),
];

pub fn fields(kind: Kind) -> &'static [Field] {
    match kind {
        Kind::Person => PERSON,
        Kind::Place => PLACE,
        Kind::Event => EVENT,
        Kind::Item => ITEM,
        Kind::Organization => ORGANIZATION,
        Kind::Interview => INTERVIEW,
        Kind::Story => STORY,
        Kind::Collection => COLLECTION,
        Kind::Source => SOURCE,
    }
}

pub fn empty_body(kind: Kind) -> Body {
    match kind {
        Kind::Person => Body::Person(Person::default()),
        Kind::Place => Body::Place(Place::default()),
        Kind::Event => Body::Event(Event::default()),
        Kind::Item => Body::Item(Item::default()),
        Kind::Organization => Body::Organization(Organization::default()),
        Kind::Interview => Body::Interview(Interview::default()),
        Kind::Story => Body::Story(Story::default()),
        Kind::Collection => Body::Collection(Collection::default()),
        Kind::Source => Body::Source(Source::default()),
    }
}

/// The longest text any one field accepts; core checks tighter limits per field.
const MAX_FIELD_CHARS: usize = 200_000;

/// A submitted form as name–value pairs (names may repeat: files, roles).
pub struct Submitted<'a>(pub &'a [(String, String)]);

impl Submitted<'_> {
    pub fn get(&self, key: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    pub fn all(&self, key: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// What is known about an uploaded file, from its upload record.
pub type MediaLookup<'a> = &'a dyn Fn(&str) -> Option<MediaRef>;

/// One problem with what was typed, by field key.
pub type Problems = BTreeMap<String, Vec<String>>;

fn add(problems: &mut Problems, key: &str, message: impl Into<String>) {
    problems
        .entry(key.to_string())
        .or_default()
        .push(message.into());
}

fn get_path<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(root, |v, part| v.get(part))
}

fn set_path(root: &mut Value, path: &str, value: Option<Value>) {
    let mut parts: Vec<&str> = path.split('.').collect();
    let Some(last) = parts.pop() else { return };
    let mut node = root;
    for part in parts {
        if !node.get(part).is_some_and(Value::is_object)
            && let Some(obj) = node.as_object_mut()
        {
            obj.insert(part.to_string(), Value::Object(Map::new()));
        }
        match node.get_mut(part) {
            Some(next) => node = next,
            None => return,
        }
    }
    if let Some(obj) = node.as_object_mut() {
        match value {
            Some(v) => obj.insert(last.to_string(), v),
            None => obj.remove(last),
        };
    }
}

/// The text a field shows for the body's current value.
/// Texts the form writes itself (database names) are in `t`'s language.
pub fn field_text(t: &Tr, body: &Value, field: &Field) -> String {
    let v = get_path(body, field.path);
    if field.widget == Blocks {
        return super::blocks::to_text(&story_blocks(body)).0;
    }
    if field.widget == DatabaseRecords {
        let refs: Vec<ExternalRef> = v
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default();
        return refs
            .iter()
            .map(|r| format!("{} {}", database_word(t, r.db), r.record))
            .collect::<Vec<_>>()
            .join("\n");
    }
    if field.widget == Segments {
        let segments: Vec<letopis_core::entities::Segment> = v
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default();
        return super::segments::to_text(&segments);
    }
    if field.widget == Transcript {
        return letopis_core::transcript::write_plain(&transcript_of(body));
    }
    if field.widget == Redactions {
        let list: Vec<letopis_core::entities::Redaction> = v
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default();
        return list
            .iter()
            .map(|r| {
                let span = format!(
                    "{}–{}",
                    super::blocks::clock(r.start_ms),
                    super::blocks::clock(r.end_ms)
                );
                if r.reason.is_empty() {
                    span
                } else {
                    format!("{span} {}", r.reason)
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
    }
    match (field.widget, v) {
        (_, None) | (_, Some(Value::Null)) => String::new(),
        (Lines, Some(Value::Array(items))) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("\n"),
        (Ids, Some(Value::Array(items))) => items
            .iter()
            .filter_map(Value::as_i64)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
        (Citations, Some(Value::Array(items))) => items
            .iter()
            .map(|c| {
                let text = c.get("text").and_then(Value::as_str).unwrap_or("");
                let locator = c.get("locator").and_then(Value::as_str).unwrap_or("");
                match c.get("source").and_then(Value::as_i64) {
                    Some(id) => format!("{text} | {locator} | {id}"),
                    None if !locator.is_empty() => format!("{text} | {locator}"),
                    None => text.to_string(),
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
        (Check, Some(Value::Bool(b))) => {
            if *b {
                "on".into()
            } else {
                String::new()
            }
        }
        (_, Some(Value::String(s))) => s.clone(),
        (_, Some(Value::Bool(b))) => b.to_string(),
        (_, Some(Value::Number(n))) => n.to_string(),
        (_, Some(_)) => String::new(),
    }
}

/// A story body's blocks (none for any other body).
fn story_blocks(body: &Value) -> Vec<letopis_core::entities::Block> {
    body.get("blocks")
        .and_then(|b| serde_json::from_value(b.clone()).ok())
        .unwrap_or_default()
}

/// The short name a moderator types for a memorial database, in the interface's language
/// («Мемориал», "Memorial"); [`database_record`] reads either.
fn database_word(t: &Tr, db: ExternalDb) -> String {
    t.msg(match db {
        ExternalDb::Memorial => "studio-database-memorial",
        ExternalDb::PamyatNaroda => "studio-database-pamyat-naroda",
        ExternalDb::PodvigNaroda => "studio-database-podvig-naroda",
    })
}

/// `Мемориал 56789012`, `ОБД Мемориал: 56789012`, `Память народа 1234567`, `Подвиг народа 150011`;
/// the Latin names (`Memorial 56789012`, `Pamyat Naroda …`, `Podvig Naroda …`) too, so what the
/// English form shows reads back the same.
fn database_record(t: &Tr, line: &str) -> Result<ExternalRef, String> {
    let lower = line.to_lowercase();
    let db = if lower.contains("мемориал") || lower.contains("memorial") {
        ExternalDb::Memorial
    } else if lower.contains("память") || lower.contains("pamyat") {
        ExternalDb::PamyatNaroda
    } else if lower.contains("подвиг") || lower.contains("podvig") {
        ExternalDb::PodvigNaroda
    } else {
        return Err(t.args("studio-error-database-name", &[("line", line.into())]));
    };
    let digits: String = line
        .rsplit(|c: char| !c.is_ascii_digit())
        .find(|part| !part.is_empty())
        .unwrap_or("")
        .to_string();
    let number_at_end = line.trim_end().ends_with(|c: char| c.is_ascii_digit());
    if digits.len() < 3 || digits.len() > 12 || !number_at_end {
        return Err(t.args(
            "studio-error-database-number",
            &[
                ("line", line.into()),
                ("database", database_word(t, db).into()),
            ],
        ));
    }
    Ok(ExternalRef { db, record: digits })
}

/// An interview body's transcript (none for any other body).
fn transcript_of(body: &Value) -> Vec<letopis_core::entities::Cue> {
    body.get("transcript")
        .and_then(|b| serde_json::from_value(b.clone()).ok())
        .unwrap_or_default()
}

/// An interview body's recording parts (none for any other body).
fn recordings_of(body: &Value) -> Vec<letopis_core::entities::Recording> {
    body.get("recordings")
        .and_then(|b| serde_json::from_value(b.clone()).ok())
        .unwrap_or_default()
}

/// The media files a field holds.
pub fn field_media(body: &Value, field: &Field) -> Vec<MediaRef> {
    match field.widget {
        Media { .. } => {}
        Illustrations => return super::blocks::to_text(&story_blocks(body)).1,
        // The transcriber listens to the parts while typing.
        Transcript => {
            return recordings_of(body)
                .into_iter()
                .filter(|r| !r.withheld)
                .map(|r| r.media)
                .collect();
        }
        Recordings => {
            return recordings_of(body)
                .into_iter()
                .map(|r| MediaRef {
                    alt: (!r.label.is_empty()).then_some(r.label),
                    ..r.media
                })
                .collect();
        }
        _ => return Vec::new(),
    }
    match get_path(body, field.path) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| serde_json::from_value(v.clone()).ok())
            .collect(),
        Some(v @ Value::Object(_)) => serde_json::from_value(v.clone()).into_iter().collect(),
        _ => Vec::new(),
    }
}

/// Form text without carriage returns and surrounding blanks, cut at the field maximum.
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .trim()
        .chars()
        .take(MAX_FIELD_CHARS)
        .collect()
}

fn lines(text: &str) -> Vec<String> {
    clean(text)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// A record number as a person may type it: `12`, `№12`, `#12`, or a picker's suggestion
/// «Название (№12) — Персона» (the number after the last `№` or `#`, wherever it stands).
pub fn parse_record_number(text: &str) -> Option<i64> {
    let t = text.trim();
    let after_mark = match t.rfind('№').or_else(|| t.rfind('#')) {
        Some(i) => &t[i + t[i..].chars().next().map_or(1, char::len_utf8)..],
        None => t,
    };
    let after_mark = after_mark.trim_start();
    let digits: &str = &after_mark[..after_mark
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(after_mark.len())];
    // Without a mark the whole text must be the number; after one, only a closing bracket and
    // the picker's kind label may follow.
    let rest = after_mark[digits.len()..].trim();
    let rest_ok = if t.contains('№') || t.contains('#') {
        rest.is_empty() || rest.starts_with(')')
    } else {
        rest.is_empty()
    };
    if !rest_ok {
        return None;
    }
    digits.parse::<i64>().ok().filter(|n| *n > 0)
}

/// What reading the fields of one submitted form shares: the form, the uploads, the record as
/// it was (as JSON), the language of the messages, and the problems found so far.
struct Reading<'a> {
    form: &'a Submitted<'a>,
    media: MediaLookup<'a>,
    old: &'a Value,
    t: &'a Tr,
    problems: Problems,
}

impl Reading<'_> {
    /// Notes a problem with a field, in the reader's language.
    fn problem(&mut self, field: &Field, id: &str, args: &[(&str, Cow<'_, str>)]) {
        let mut all: Vec<(&str, Cow<'_, str>)> = vec![("field", self.t.msg(field.label).into())];
        all.extend(args.iter().cloned());
        let message = self.t.args(id, &all);
        add(&mut self.problems, field.key, message);
    }

    /// The field's value as the record had it.
    fn kept(&self, field: &Field) -> Option<Value> {
        get_path(self.old, field.path).cloned()
    }

    /// Whether the form carries the field at all: a page that does not show a field (an older
    /// page's autosave) must keep what the record had rather than empty it.
    fn sent(&self, field: &Field) -> bool {
        self.form.0.iter().any(|(k, _)| k == field.key)
    }
}

/// One field's new value from the form: `None` removes it from the body. Each widget reads its
/// own way, in the functions below.
fn field_value(field: &Field, r: &mut Reading<'_>) -> Option<Value> {
    let raw = r.form.get(field.key);
    match field.widget {
        Text | Area => Some(Value::String(clean(raw))),
        OptText => read_opt_text(raw),
        Edtf => read_edtf(field, raw, r),
        Select(options) => read_select(field, options, raw, r),
        Lines => Some(json!(lines(raw))),
        Number => read_number(field, raw, r),
        Check => Some(Value::Bool(!clean(raw).is_empty())),
        Citations => read_citations(field, raw, r),
        Ids => read_ids(field, raw, r),
        Media { multi } => read_media_field(field, multi, r),
        Blocks => read_blocks(field, raw, r),
        // Read with the blocks; `read_body` never writes this field by itself.
        Illustrations => None,
        Recordings => read_recordings(field, r),
        DatabaseRecords => read_database_records(field, raw, r),
        Segments => read_segments(field, raw, r),
        Transcript => read_transcript(field, raw, r),
        Day => read_day(field, raw, r),
        Redactions => read_redactions(field, raw, r),
    }
}

/// Why a text is not an EDTF date. Core explains it precisely, but in Russian only; other
/// languages get the rule with examples.
pub fn edtf_problem(t: &Tr, e: &letopis_core::edtf::EdtfError) -> String {
    match t.lang() {
        Lang::Ru => e.message.clone(),
        _ => t.msg("studio-error-edtf"),
    }
}

/// One line where empty means "not given".
fn read_opt_text(raw: &str) -> Option<Value> {
    let text = clean(raw);
    (!text.is_empty()).then_some(Value::String(text))
}

fn read_edtf(field: &Field, raw: &str, r: &mut Reading<'_>) -> Option<Value> {
    let text = clean(raw);
    if text.is_empty() {
        return None;
    }
    match Edtf::parse(&text) {
        Ok(d) => Some(Value::String(d.as_str().to_string())),
        Err(e) => {
            let problem = edtf_problem(r.t, &e);
            r.problem(
                field,
                "studio-error-in-field",
                &[("problem", problem.into())],
            );
            None
        }
    }
}

fn read_select(
    field: &Field,
    options: &[(&str, &str)],
    raw: &str,
    r: &mut Reading<'_>,
) -> Option<Value> {
    let text = clean(raw);
    if text.is_empty() {
        // A choice without a "not given" option keeps what the record had (a form sent
        // without the field, e.g. by autosave of an older page).
        let optional = options.iter().any(|(code, _)| code.is_empty());
        return if optional { None } else { r.kept(field) };
    }
    if !options.iter().any(|(code, _)| *code == text) {
        r.problem(field, "studio-error-choose", &[]);
        return None;
    }
    match text.as_str() {
        "true" => Some(Value::Bool(true)),
        "false" => Some(Value::Bool(false)),
        _ => Some(Value::String(text)),
    }
}

fn read_number(field: &Field, raw: &str, r: &mut Reading<'_>) -> Option<Value> {
    let text = clean(raw);
    if text.is_empty() {
        return None;
    }
    match text.replace(',', ".").parse::<f64>() {
        Ok(n) if n.is_finite() => Some(json!(n)),
        _ => {
            r.problem(field, "studio-error-number", &[]);
            None
        }
    }
}

/// Citations, one per line: `text | locator | №source`.
fn read_citations(field: &Field, raw: &str, r: &mut Reading<'_>) -> Option<Value> {
    let mut out = Vec::new();
    for line in lines(raw) {
        let mut parts = line.split('|').map(str::trim);
        let text = parts.next().unwrap_or("").to_string();
        let locator = parts.next().unwrap_or("").to_string();
        let source = parts.next().unwrap_or("");
        let mut c = json!({ "text": text });
        if !locator.is_empty() {
            c["locator"] = json!(locator);
        }
        if !source.is_empty() {
            match parse_record_number(source) {
                Some(id) => c["source"] = json!(id),
                None => r.problem(
                    field,
                    "studio-error-not-source",
                    &[("value", source.to_string().into())],
                ),
            }
        }
        out.push(c);
    }
    Some(Value::Array(out))
}

/// Record numbers, one per line.
fn read_ids(field: &Field, raw: &str, r: &mut Reading<'_>) -> Option<Value> {
    let mut out = Vec::new();
    for line in lines(raw) {
        match parse_record_number(&line) {
            Some(id) => out.push(json!(id)),
            None => r.problem(field, "studio-error-not-record", &[("value", line.into())]),
        }
    }
    Some(Value::Array(out))
}

/// Uploaded files: one or several.
fn read_media_field(field: &Field, multi: bool, r: &mut Reading<'_>) -> Option<Value> {
    let previous = field_media(r.old, field);
    let files = read_media(field, &previous, r);
    if multi {
        return Some(json!(files));
    }
    if files.len() > 1 {
        r.problem(field, "studio-error-one-file", &[]);
    }
    files.into_iter().next().map(|m| json!(m))
}

/// A story's blocks, read together with the illustrations they number.
fn read_blocks(field: &Field, raw: &str, r: &mut Reading<'_>) -> Option<Value> {
    // A form that does not show the blocks (an older page's autosave) keeps them.
    if !r.sent(field) {
        return r.kept(field);
    }
    let illustrations = fields(Kind::Story)
        .iter()
        .find(|f| f.widget == Illustrations)?;
    let previous = field_media(r.old, illustrations);
    let images = read_media(illustrations, &previous, r);
    match super::blocks::from_text(r.t, &clean(raw), &images) {
        Ok(blocks) => Some(json!(blocks)),
        Err(found) => {
            for p in found {
                r.problem(field, "studio-error-in-field", &[("problem", p.into())]);
            }
            r.kept(field)
        }
    }
}

/// An interview's recording parts: audio or video uploads, each keeping its measured length.
fn read_recordings(field: &Field, r: &mut Reading<'_>) -> Option<Value> {
    let before = recordings_of(r.old);
    let previous: Vec<MediaRef> = before.iter().map(|r| r.media.clone()).collect();
    let mut parts = Vec::new();
    for m in read_media(field, &previous, r) {
        if !(m.mime.starts_with("audio/") || m.mime.starts_with("video/")) {
            r.problem(
                field,
                "studio-error-not-av",
                &[("mime", m.mime.clone().into())],
            );
            continue;
        }
        let kept = before.iter().find(|r| r.media.sha256 == m.sha256);
        parts.push(letopis_core::entities::Recording {
            label: m.alt.clone().unwrap_or_default(),
            duration_ms: kept.map_or(0, |r| r.duration_ms),
            withheld: false,
            media: MediaRef { alt: None, ..m },
        });
    }
    Some(json!(parts))
}

/// Numbers in the memorial databases, one per line.
fn read_database_records(field: &Field, raw: &str, r: &mut Reading<'_>) -> Option<Value> {
    read_each_line(field, raw, r, "studio-error-database-line", database_record)
}

/// A field of one item per line: each line parsed by `parse`, each refusal reported with its
/// line number under `message`; the lines that parse are kept.
fn read_each_line<T: serde::Serialize>(
    field: &Field,
    raw: &str,
    r: &mut Reading<'_>,
    message: &str,
    parse: impl Fn(&Tr, &str) -> Result<T, String>,
) -> Option<Value> {
    let mut out = Vec::new();
    for (n, line) in lines(raw).iter().enumerate() {
        match parse(r.t, line) {
            Ok(found) => out.push(json!(found)),
            Err(why) => r.problem(
                field,
                message,
                &[
                    ("line", (n + 1).to_string().into()),
                    ("problem", why.into()),
                ],
            ),
        }
    }
    Some(Value::Array(out))
}

/// An interview's index, as the text of [`super::segments`].
fn read_segments(field: &Field, raw: &str, r: &mut Reading<'_>) -> Option<Value> {
    if !r.sent(field) {
        return r.kept(field);
    }
    match super::segments::from_text(r.t, &clean(raw)) {
        Ok(segments) => Some(json!(segments)),
        Err(found) => {
            for p in found {
                r.problem(field, "studio-error-in-field", &[("problem", p.into())]);
            }
            r.kept(field)
        }
    }
}

/// An interview's transcript as plain text with time marks.
fn read_transcript(field: &Field, raw: &str, r: &mut Reading<'_>) -> Option<Value> {
    // A form that does not show the transcript keeps it.
    if !r.sent(field) {
        return r.kept(field);
    }
    let text = clean(raw);
    let before = transcript_of(r.old);
    // Untouched text keeps the cues as they were: the plain format has whole seconds,
    // an imported WebVTT has milliseconds, and saving the form must not round them.
    if clean(&letopis_core::transcript::write_plain(&before)) == text {
        return r.kept(field);
    }
    if text.is_empty() {
        return Some(json!([]));
    }
    let total: u32 = recordings_of(r.old).iter().map(|r| r.duration_ms).sum();
    match letopis_core::transcript::parse_plain(&text, (total > 0).then_some(total)) {
        Ok(cues) => Some(json!(cues)),
        Err(e) => {
            r.problem(
                field,
                "studio-error-in-field",
                &[("problem", e.to_string().into())],
            );
            r.kept(field)
        }
    }
}

/// A calendar day, `2025-03-14`.
fn read_day(field: &Field, raw: &str, r: &mut Reading<'_>) -> Option<Value> {
    let text = clean(raw);
    if text.is_empty() {
        return None;
    }
    match text.parse::<jiff::civil::Date>() {
        Ok(d) => Some(json!(d)),
        Err(_) => {
            r.problem(field, "studio-error-day", &[("value", text.into())]);
            None
        }
    }
}

/// An interview's closed stretches, one per line.
fn read_redactions(field: &Field, raw: &str, r: &mut Reading<'_>) -> Option<Value> {
    read_each_line(
        field,
        raw,
        r,
        "studio-error-field-line",
        super::blocks::redaction,
    )
}

/// The files a media field lists on the submitted form, each found among the field's files
/// as they were or among the uploads, with the alternative text typed beside it.
fn read_media(field: &Field, previous: &[MediaRef], r: &mut Reading<'_>) -> Vec<MediaRef> {
    let alts = r.form.all(&format!("{}_alt", field.key));
    let mut files = Vec::new();
    for (i, sha) in r.form.all(field.key).into_iter().enumerate() {
        let sha = sha.trim().to_ascii_lowercase();
        if sha.is_empty() {
            continue;
        }
        let known = previous
            .iter()
            .find(|m| m.sha256 == sha)
            .cloned()
            .or_else(|| (r.media)(&sha));
        let Some(mut m) = known else {
            r.problem(field, "studio-error-file-missing", &[]);
            continue;
        };
        let alt = alts.get(i).map(|a| clean(a)).unwrap_or_default();
        m.alt = (!alt.is_empty()).then(|| alt.chars().take(1000).collect());
        files.push(m);
    }
    files
}

/// Reads a submitted form into a body, starting from `base` (the record as it was, or an
/// empty one). Every problem is collected, core's validation included; the form's own
/// messages are in `t`'s language.
pub fn read_body(
    t: &Tr,
    kind: Kind,
    base: &Body,
    form: &Submitted<'_>,
    media: MediaLookup<'_>,
) -> Result<Body, Problems> {
    let old = serde_json::to_value(base).unwrap_or(Value::Null);
    let mut json = old.clone();
    let mut reading = Reading {
        form,
        media,
        old: &old,
        t,
        problems: Problems::new(),
    };
    for field in fields(kind) {
        if field.widget == Illustrations {
            continue;
        }
        let value = field_value(field, &mut reading);
        set_path(&mut json, field.path, value);
    }
    let mut problems = reading.problems;
    let body: Body = match serde_json::from_value(json) {
        Ok(b) => b,
        Err(e) => {
            tracing::warn!(error = %e, "a studio form made a body core cannot read");
            add(&mut problems, "form", t.msg("studio-error-form"));
            return Err(problems);
        }
    };
    if let Err(invalid) = body.validate() {
        for p in invalid.problems {
            add(&mut problems, &p.field, p.message);
        }
    }
    if problems.is_empty() {
        Ok(body)
    } else {
        Err(problems)
    }
}

pub const ACCESS: &[(&str, &str)] = &[
    ("public", "studio-option-access-public"),
    ("registered", "studio-option-access-registered"),
    ("staff", "studio-option-access-staff"),
];

pub const AGE: &[(&str, &str)] = &[
    ("0+", "0+"),
    ("6+", "6+"),
    ("12+", "12+"),
    ("16+", "16+"),
    ("18+", "18+"),
];

/// The envelope fields every form has: access, age rating, embargo, content note, tags.
pub fn read_settings(t: &Tr, form: &Submitted<'_>, old: &Settings) -> Result<Settings, Problems> {
    let mut problems = Problems::new();
    let mut s = old.clone();
    s.access = match form.get("access") {
        "public" => AccessLevel::Public,
        "registered" => AccessLevel::Registered,
        "staff" => AccessLevel::Staff,
        // A group restriction set elsewhere is kept as it is.
        "groups" if matches!(old.access, AccessLevel::Groups(_)) => old.access.clone(),
        "" => old.access.clone(),
        _ => {
            add(&mut problems, "access", t.msg("studio-error-access"));
            old.access.clone()
        }
    };
    match AgeRating::parse(form.get("age_rating")) {
        Some(a) => s.age_rating = a,
        None if form.get("age_rating").is_empty() => {}
        None => add(&mut problems, "age_rating", t.msg("studio-error-age")),
    }
    let embargo = clean(form.get("embargo_until"));
    s.embargo_until = if embargo.is_empty() {
        None
    } else {
        match embargo.parse::<jiff::civil::Date>() {
            Ok(d) => Some(d),
            Err(_) => {
                add(
                    &mut problems,
                    "embargo_until",
                    t.msg("studio-error-embargo"),
                );
                None
            }
        }
    };
    let note = clean(form.get("content_note"));
    s.content_note = (!note.is_empty()).then_some(note);
    s.tags = clean(form.get("tags"))
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    if let Err(invalid) = s.validate() {
        for p in invalid.problems {
            add(&mut problems, &p.field, p.message);
        }
    }
    if problems.is_empty() {
        Ok(s)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn no_media(_: &str) -> Option<MediaRef> {
        None
    }

    #[test]
    fn a_person_form_round_trips() {
        let form = pairs(&[
            ("surname", " Ершова "),
            ("given_name", "Анна"),
            ("maiden", "Петрова"),
            ("variants", "Ерешова\r\n\r\nJerschowa"),
            ("sex", "female"),
            ("birth", "1921-03~"),
            ("fate", "survived"),
            ("awards", "Медаль «За оборону Москвы»"),
            ("sources", "ЦАМО, ф. 58 | л. 5 | №12\nСемейный архив"),
            ("biography", "<script>alert(1)</script>"),
        ]);
        let body = read_body(
            &Tr::new(Lang::Ru),
            Kind::Person,
            &empty_body(Kind::Person),
            &Submitted(&form),
            &no_media,
        )
        .expect("valid");
        let Body::Person(p) = &body else {
            panic!("a person")
        };
        assert_eq!(p.name.surname, "Ершова");
        assert_eq!(p.name.maiden.as_deref(), Some("Петрова"));
        assert_eq!(p.name.variants, vec!["Ерешова", "Jerschowa"]);
        assert_eq!(p.birth.as_ref().map(|d| d.as_str()), Some("1921-03~"));
        assert_eq!(p.sources.len(), 2);
        assert_eq!(p.sources[0].source, Some(RecordId(12)));
        assert_eq!(p.biography, "<script>alert(1)</script>");
        let json = serde_json::to_value(&body).expect("json");
        let sources = PERSON.iter().find(|f| f.key == "sources").expect("field");
        assert_eq!(
            field_text(&Tr::new(Lang::Ru), &json, sources),
            "ЦАМО, ф. 58 | л. 5 | 12\nСемейный архив"
        );
    }

    #[test]
    fn bad_values_are_explained_per_field() {
        let form = pairs(&[("surname", ""), ("birth", "март 1942"), ("sex", "robot")]);
        let problems = read_body(
            &Tr::new(Lang::Ru),
            Kind::Person,
            &empty_body(Kind::Person),
            &Submitted(&form),
            &no_media,
        )
        .expect_err("invalid");
        assert!(problems.contains_key("birth"), "{problems:?}");
        assert!(problems.contains_key("sex"), "{problems:?}");
        assert!(problems.contains_key("surname"), "{problems:?}");
    }

    #[test]
    fn fields_the_form_does_not_show_are_kept() {
        let story = Story {
            title: "Старое".into(),
            blocks: vec![letopis_core::entities::Block::Text {
                text: "блок".into(),
            }],
            ..Story::default()
        };
        let form = pairs(&[("title", "Новое")]);
        let body = read_body(
            &Tr::new(Lang::Ru),
            Kind::Story,
            &Body::Story(story),
            &Submitted(&form),
            &no_media,
        )
        .expect("valid");
        let Body::Story(s) = body else {
            panic!("a story")
        };
        assert_eq!(s.title, "Новое");
        assert_eq!(s.blocks.len(), 1);
    }

    #[test]
    fn every_kind_accepts_an_empty_form_with_its_title() {
        for kind in Kind::ALL {
            let title_key = fields(kind)[0].key;
            let form = pairs(&[(title_key, "Название")]);
            let result = read_body(
                &Tr::new(Lang::Ru),
                kind,
                &empty_body(kind),
                &Submitted(&form),
                &no_media,
            );
            assert!(result.is_ok(), "{kind:?}: {result:?}");
        }
    }

    #[test]
    fn record_numbers_are_read_as_typed() {
        assert_eq!(parse_record_number("12"), Some(12));
        assert_eq!(parse_record_number("№ 12"), Some(12));
        assert_eq!(parse_record_number("Сходня (№7)"), Some(7));
        // The picker's own suggestions carry the kind after the number.
        assert_eq!(
            parse_record_number("Памятник («Ежи») (№49) — Место"),
            Some(49)
        );
        assert_eq!(parse_record_number("№12 и ещё"), None);
    }

    #[test]
    fn memorial_database_numbers_are_read_with_their_base() {
        let r = database_record(&Tr::new(Lang::Ru), "ОБД Мемориал: 56789012").expect("memorial");
        assert_eq!(
            (r.db, r.record.as_str()),
            (ExternalDb::Memorial, "56789012")
        );
        let r = database_record(&Tr::new(Lang::Ru), "память народа 1234567").expect("pamyat");
        assert_eq!(r.db, ExternalDb::PamyatNaroda);
        assert!(
            database_record(&Tr::new(Lang::Ru), "56789012")
                .unwrap_err()
                .contains("назовите базу")
        );
        assert!(
            database_record(&Tr::new(Lang::Ru), "Мемориал")
                .unwrap_err()
                .contains("нужен номер записи")
        );
        assert!(database_record(&Tr::new(Lang::Ru), "Подвиг народа 15 и ещё").is_err());
        assert_eq!(parse_record_number("Сходня"), None);
        assert_eq!(parse_record_number("-3"), None);
    }

    #[test]
    fn english_database_names_read_back() {
        let en = Tr::new(Lang::En);
        let r = database_record(&en, "Pamyat Naroda 1234567").expect("pamyat");
        assert_eq!(r.db, ExternalDb::PamyatNaroda);
        assert_eq!(database_word(&en, ExternalDb::Memorial), "Memorial");
        assert!(
            database_record(&en, "56789012")
                .unwrap_err()
                .contains("name the database")
        );
    }
}
