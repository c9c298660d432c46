//! schema.org JSON-LD of record pages and of the home page.
//!
//! Built only from [`Seen`], so every related record named here is one the gate let through.
//! Health data (wounds, disability) is never read, even where the gate left it in for a viewer
//! with the right to see it: a search engine's copy outlives any consent.
//!
//! Dates come from EDTF and are given only when they say no more than the catalogue knows: an
//! exact day, month or year becomes `1941-11-23`, `1941-11`, `1941`; approximate, uncertain,
//! seasonal and decade dates («около 1942», «194X») are left out rather than made exact.

use super::SiteBase;
use crate::gate::{Seen, SeenRelation};
use crate::shell::links::record_href;
use crate::shell::text::shorten;
use letopis_core::edtf::split_day_key;
use letopis_core::entities::{
    Collection, Event, Interview, Item, ItemType, MediaRef, Organization, Person, Place, Sex,
    Source, Story,
};
use letopis_core::relation::RelationType;
use letopis_core::{Body, Edtf, Kind};
use letopis_store::StoredRecord;
use serde_json::{Map, Value, json};

/// Enough to describe a record; an organization with thousands of members lists the first ones.
const MAX_REFS: usize = 100;
/// Descriptions are summaries, not the whole biography.
const DESCRIPTION_CHARS: usize = 500;
/// A letter's transcription is text worth indexing; a 200-page diary is cut.
const TEXT_CHARS: usize = 20_000;

/// The JSON text made safe inside `<script type="application/ld+json">`: `<`, `>` and `&` (which
/// JSON only has inside strings) become `\u003c`…, so no `</script>` or `<!--` in a biography
/// can end or confuse the element, and the JSON still parses to the same value.
pub fn script(value: &Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len() + 16);
    // Copied in runs between the three ASCII bytes: an interview's JSON-LD carries its
    // transcript, and char by char this cost a few per cent of the page's render time.
    let mut from = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escaped = match byte {
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            b'&' => "\\u0026",
            _ => continue,
        };
        out.push_str(&text[from..at]);
        out.push_str(escaped);
        from = at + 1;
    }
    out.push_str(&text[from..]);
    out
}

/// The home page: the museum as a `WebSite`, published by itself as an `Organization`.
pub fn website(base: &SiteBase, site_name: &str, description: &str) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": site_name,
        "url": base.best("/"),
        "description": description,
        "inLanguage": ["ru", "en"],
        "publisher": {"@type": "Organization", "name": site_name, "url": base.best("/")},
    })
}

/// The JSON-LD of a record page.
pub fn record(base: &SiteBase, seen: &Seen) -> Value {
    let record = &seen.record.record;
    let path = record_href(record.kind(), &record.meta.slug);
    let mut node = Node::new(schema_type(&seen.record), &record.title());
    node.set("@context", "https://schema.org");
    node.set("url", base.best(&path));
    node.set("dateModified", super::w3c_datetime(record.meta.updated_at));
    let ctx = Ctx { base, seen };
    match &record.body {
        Body::Person(p) => person(&mut node, p, &ctx),
        Body::Interview(i) => interview(&mut node, i, &ctx, &path),
        Body::Item(i) => item(&mut node, i, &ctx),
        Body::Place(p) => place(&mut node, p, &ctx),
        Body::Event(e) => event(&mut node, e, &ctx),
        Body::Organization(o) => organization(&mut node, o, &ctx),
        Body::Story(s) => story(&mut node, s, &ctx),
        Body::Collection(c) => collection(&mut node, c, &ctx),
        Body::Source(s) => source(&mut node, s),
    }
    node.0.into()
}

/// The schema.org type of a record.
fn schema_type(record: &StoredRecord) -> &'static str {
    match &record.record.body {
        Body::Person(_) => "Person",
        Body::Interview(_) | Body::Source(_) => "CreativeWork",
        Body::Item(i) => match i.item_type {
            ItemType::Photo => "Photograph",
            ItemType::Drawing => "VisualArtwork",
            ItemType::Audio => "AudioObject",
            ItemType::Video => "VideoObject",
            ItemType::Letter | ItemType::Document | ItemType::Newspaper | ItemType::Artifact => {
                "CreativeWork"
            }
        },
        Body::Place(_) => "Place",
        Body::Event(_) => "Event",
        Body::Organization(_) => "Organization",
        Body::Story(_) => "Article",
        Body::Collection(_) => "Collection",
    }
}

/// A JSON object that skips empty values, so optional fields need no `if` at every call.
struct Node(Map<String, Value>);

impl Node {
    fn new(schema_type: &str, name: &str) -> Node {
        let mut node = Node(Map::new());
        node.set("@type", schema_type);
        node.set("name", name);
        node
    }

    fn set(&mut self, key: &str, value: impl Into<Value>) {
        let value = value.into();
        let empty = match &value {
            Value::Null => true,
            Value::String(s) => s.trim().is_empty(),
            Value::Array(a) => a.is_empty(),
            _ => false,
        };
        if !empty {
            self.0.insert(key.to_string(), value);
        }
    }

    fn text(&mut self, key: &str, text: &str, max: usize) {
        self.set(key, shorten(text, max));
    }
}

struct Ctx<'a> {
    base: &'a SiteBase,
    seen: &'a Seen,
}

impl Ctx<'_> {
    /// A reference to another visible record: its type, name and address.
    fn reference(&self, other: &StoredRecord) -> Value {
        let rec = &other.record;
        json!({
            "@type": schema_type(other),
            "name": rec.title(),
            "url": self.base.best(&record_href(rec.kind(), &rec.meta.slug)),
        })
    }

    /// The visible related records joined by one of `types`, of one of `kinds`.
    fn related(&self, types: &[RelationType], kinds: &[Kind]) -> Vec<Value> {
        self.relations(types, kinds)
            .map(|r| self.reference(&r.other))
            .collect()
    }

    fn relations<'s>(
        &'s self,
        types: &'s [RelationType],
        kinds: &'s [Kind],
    ) -> impl Iterator<Item = &'s SeenRelation> + 's {
        self.seen
            .relations
            .iter()
            .filter(move |r| {
                types.contains(&r.relation.rtype) && kinds.contains(&r.other.record.kind())
            })
            .take(MAX_REFS)
    }

    fn image(&self, media: &MediaRef) -> Value {
        let mut node = Node(Map::new());
        node.set("@type", "ImageObject");
        node.set("contentUrl", self.base.best(&media_path(media)));
        node.set("encodingFormat", media.mime.as_str());
        node.set("caption", media.caption.clone().unwrap_or_default());
        node.set("width", media.width);
        node.set("height", media.height);
        node.0.into()
    }
}

fn media_path(media: &MediaRef) -> String {
    format!("/media/{}", media.sha256)
}

const WORKS: &[Kind] = &[Kind::Interview, Kind::Item, Kind::Story, Kind::Collection];
const ANY_TYPE: &[RelationType] = &RelationType::ALL;

fn person(node: &mut Node, p: &Person, ctx: &Ctx) {
    let name = &p.name;
    node.set("givenName", name.given.as_str());
    node.set("familyName", name.surname.as_str());
    node.set("additionalName", name.patronymic.as_str());
    let alternate: Vec<String> = name.maiden.iter().chain(&name.variants).cloned().collect();
    node.set("alternateName", alternate);
    node.set(
        "gender",
        p.sex.map(|s| match s {
            Sex::Male => "https://schema.org/Male",
            Sex::Female => "https://schema.org/Female",
        }),
    );
    node.set("birthDate", p.birth.as_ref().and_then(iso_date));
    node.set("deathDate", p.death.as_ref().and_then(iso_date));
    let born_in = ctx.related(&[RelationType::BornIn], &[Kind::Place]);
    match born_in.into_iter().next() {
        Some(place) => node.set("birthPlace", place),
        None if !p.birth_place.trim().is_empty() => {
            node.set(
                "birthPlace",
                json!({"@type": "Place", "name": p.birth_place}),
            );
        }
        None => {}
    }
    node.set(
        "deathPlace",
        ctx.related(&[RelationType::DiedAt], &[Kind::Place])
            .into_iter()
            .next(),
    );
    node.set(
        "homeLocation",
        ctx.related(&[RelationType::LivedIn], &[Kind::Place]),
    );
    node.set(
        "memberOf",
        ctx.related(
            &[
                RelationType::ServedIn,
                RelationType::WorkedAt,
                RelationType::StudiedAt,
            ],
            &[Kind::Organization],
        ),
    );
    node.set("jobTitle", p.service.rank.as_str());
    node.set("award", p.awards.clone());
    node.set(
        "relatedTo",
        ctx.related(&[RelationType::RelativeOf], &[Kind::Person]),
    );
    node.set(
        "colleague",
        ctx.related(&[RelationType::ComradeOf], &[Kind::Person]),
    );
    node.set("subjectOf", ctx.related(ANY_TYPE, WORKS));
    node.text("description", &p.biography, DESCRIPTION_CHARS);
    node.set("image", p.portrait.as_ref().map(|m| ctx.image(m)));
}

fn interview(node: &mut Node, i: &Interview, ctx: &Ctx, path: &str) {
    node.text("description", &i.summary, DESCRIPTION_CHARS);
    node.set("inLanguage", i.language.as_str());
    node.set("dateCreated", i.recorded.as_ref().and_then(iso_date));
    node.set("genre", "oral history");
    node.set(
        "creator",
        ctx.related(&[RelationType::NarratorOf], &[Kind::Person]),
    );
    let interviewers: Vec<Value> = i
        .interviewers
        .iter()
        .map(|name| json!({"@type": "Person", "name": name}))
        .collect();
    node.set("contributor", interviewers);
    node.set(
        "contentLocation",
        ctx.related(&[RelationType::RecordedAt], &[Kind::Place]),
    );
    node.set("mentions", mentions(i, ctx));
    let mut keywords: Vec<&str> = i
        .segments
        .iter()
        .flat_map(|s| s.keywords.iter().map(String::as_str))
        .collect();
    keywords.sort_unstable();
    keywords.dedup();
    node.set("keywords", keywords.join(", "));
    node.set("associatedMedia", recordings(i, ctx));
    let clips: Vec<Value> = i
        .segments
        .iter()
        .map(|s| {
            let second = s.start_ms / 1000;
            json!({
                "@type": "Clip",
                "name": s.title,
                "startOffset": second,
                "url": ctx.base.best(&format!("{path}?t={second}")),
            })
        })
        .collect();
    node.set("hasPart", clips);
}

/// Records the interview's index names and its `mentions` relations point at, once each.
fn mentions(i: &Interview, ctx: &Ctx) -> Vec<Value> {
    let mut ids: Vec<_> = i
        .segments
        .iter()
        .flat_map(|s| s.mentions.iter().copied())
        .collect();
    ids.extend(
        ctx.relations(&[RelationType::Mentions], &Kind::ALL)
            .map(|r| r.other.record.id()),
    );
    let mut seen_ids = std::collections::HashSet::new();
    ids.into_iter()
        .filter(|id| seen_ids.insert(*id))
        .filter_map(|id| {
            ctx.seen.referenced.get(&id).or_else(|| {
                ctx.seen
                    .relations
                    .iter()
                    .map(|r| &r.other)
                    .find(|o| o.record.id() == id)
            })
        })
        .take(MAX_REFS)
        .map(|r| ctx.reference(r))
        .collect()
}

/// Each recording as an `AudioObject` (or `VideoObject`) with the transcript of its part.
fn recordings(i: &Interview, ctx: &Ctx) -> Vec<Value> {
    let mut offset = 0_u32;
    i.recordings
        .iter()
        .filter_map(|r| {
            let end = offset.saturating_add(r.duration_ms);
            let transcript: Vec<&str> = i
                .transcript
                .iter()
                .filter(|c| c.start_ms >= offset && c.start_ms < end)
                .map(|c| c.text.as_str())
                .collect();
            offset = end;
            // A part closed at the narrator's request has no file to name.
            if r.withheld {
                return None;
            }
            let kind = if r.media.mime.starts_with("video/") {
                "VideoObject"
            } else {
                "AudioObject"
            };
            let mut node = Node::new(kind, &r.label);
            node.set("contentUrl", ctx.base.best(&media_path(&r.media)));
            node.set("encodingFormat", r.media.mime.as_str());
            node.set(
                "duration",
                (r.duration_ms > 0).then(|| iso_duration(r.duration_ms)),
            );
            node.set("transcript", transcript.join("\n"));
            Some(node.0.into())
        })
        .collect()
}

fn item(node: &mut Node, i: &Item, ctx: &Ctx) {
    node.text("description", &i.description, DESCRIPTION_CHARS);
    node.set("dateCreated", i.date.as_ref().and_then(iso_date));
    let images: Vec<Value> = i
        .media
        .iter()
        .filter(|m| m.mime.starts_with("image/"))
        .map(|m| ctx.image(m))
        .collect();
    node.set("image", images);
    if let Some(file) = i.media.iter().find(|m| !m.mime.starts_with("image/")) {
        node.set("contentUrl", ctx.base.best(&media_path(file)));
        node.set("encodingFormat", file.mime.as_str());
    }
    node.text("text", &i.transcription, TEXT_CHARS);
    node.set("copyrightNotice", i.rights.as_str());
    node.set("about", ctx.related(&[RelationType::Depicts], &Kind::ALL));
    node.set(
        "mentions",
        ctx.related(&[RelationType::Mentions], &Kind::ALL),
    );
}

fn place(node: &mut Node, p: &Place, ctx: &Ctx) {
    let names: Vec<String> = p.other_names.iter().map(|n| n.name.clone()).collect();
    node.set("alternateName", names);
    if let (Some(lat), Some(lon)) = (p.lat, p.lon) {
        node.set(
            "geo",
            json!({"@type": "GeoCoordinates", "latitude": lat, "longitude": lon}),
        );
    }
    if !p.district.trim().is_empty() {
        node.set(
            "containedInPlace",
            json!({"@type": "Place", "name": p.district}),
        );
    }
    node.text("description", &p.description, DESCRIPTION_CHARS);
    node.set("image", p.image.as_ref().map(|m| ctx.image(m)));
    node.set(
        "event",
        ctx.related(&[RelationType::TookPlaceAt], &[Kind::Event]),
    );
    node.set("subjectOf", ctx.related(ANY_TYPE, WORKS));
}

fn event(node: &mut Node, e: &Event, ctx: &Ctx) {
    let (start, end) = e.date.as_ref().map(bounds).unwrap_or_default();
    node.set("startDate", start);
    node.set("endDate", end);
    node.set(
        "location",
        ctx.related(&[RelationType::TookPlaceAt], &[Kind::Place]),
    );
    node.text("description", &e.description, DESCRIPTION_CHARS);
    node.set("subjectOf", ctx.related(ANY_TYPE, WORKS));
}

fn organization(node: &mut Node, o: &Organization, ctx: &Ctx) {
    let names: Vec<String> = o.other_names.iter().map(|n| n.name.clone()).collect();
    node.set("alternateName", names);
    let (start, end) = o.active.as_ref().map(bounds).unwrap_or_default();
    node.set("foundingDate", start);
    node.set("dissolutionDate", end);
    node.set(
        "location",
        ctx.related(&[RelationType::LocatedAt], &[Kind::Place]),
    );
    node.text("description", &o.description, DESCRIPTION_CHARS);
    node.set("subjectOf", ctx.related(ANY_TYPE, WORKS));
}

fn story(node: &mut Node, s: &Story, ctx: &Ctx) {
    node.set("headline", shorten(&s.title, 110));
    node.text("description", &s.lead, DESCRIPTION_CHARS);
    let authors: Vec<Value> = s
        .authors
        .iter()
        .map(|name| json!({"@type": "Person", "name": name}))
        .collect();
    node.set("author", authors);
    node.set("image", s.cover.as_ref().map(|m| ctx.image(m)));
    // The gate removed references to hidden records from the blocks and from `referenced`.
    let mut about: Vec<&StoredRecord> = ctx.seen.referenced.values().collect();
    about.sort_by_key(|r| r.record.id());
    let about: Vec<Value> = about
        .into_iter()
        .take(MAX_REFS)
        .map(|r| ctx.reference(r))
        .collect();
    node.set("about", about);
}

fn collection(node: &mut Node, c: &Collection, ctx: &Ctx) {
    node.text("description", &c.description, DESCRIPTION_CHARS);
    let members: Vec<Value> = c
        .members
        .iter()
        .filter_map(|id| ctx.seen.referenced.get(id))
        .take(MAX_REFS)
        .map(|r| ctx.reference(r))
        .collect();
    node.set("hasPart", members);
}

fn source(node: &mut Node, s: &Source) {
    node.set("identifier", s.archive_reference());
}

/// An EDTF date as an ISO 8601 date of the precision it really has, or `None` (module docs).
pub fn iso_date(date: &Edtf) -> Option<String> {
    if date.is_interval() || date.is_approximate() || date.is_uncertain() {
        return None;
    }
    let ((y, m, d), (y2, m2, d2)) = (split_day_key(date.lower()?), split_day_key(date.upper()?));
    if !(1..=9999).contains(&y) || y != y2 {
        return None;
    }
    if (m, d) == (m2, d2) {
        Some(format!("{y:04}-{m:02}-{d:02}"))
    } else if m == m2 && d == 1 {
        Some(format!("{y:04}-{m:02}"))
    } else if (m, d, m2, d2) == (1, 1, 12, 31) {
        Some(format!("{y:04}"))
    } else {
        None
    }
}

/// The start and end of an EDTF date as ISO dates: each end of an interval on its own terms, a
/// single date as the start.
pub fn bounds(date: &Edtf) -> (Option<String>, Option<String>) {
    if !date.is_interval() {
        return (iso_date(date), None);
    }
    let side = |text: &str| Edtf::parse(text).ok().and_then(|d| iso_date(&d));
    match date.as_str().split_once('/') {
        Some((start, end)) => (side(start), side(end)),
        None => (None, None),
    }
}

/// `PT1H5M30S`.
pub fn iso_duration(ms: u32) -> String {
    let s = ms / 1000;
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    let mut out = String::from("PT");
    if h > 0 {
        out.push_str(&format!("{h}H"));
    }
    if m > 0 {
        out.push_str(&format!("{m}M"));
    }
    if s > 0 || (h == 0 && m == 0) {
        out.push_str(&format!("{s}S"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> Option<String> {
        iso_date(&Edtf::parse(text).expect("valid EDTF"))
    }

    #[test]
    fn only_dates_known_exactly_enough_become_iso() {
        assert_eq!(iso("1941-11-23").as_deref(), Some("1941-11-23"));
        assert_eq!(iso("1941-11").as_deref(), Some("1941-11"));
        assert_eq!(iso("1941-11-XX").as_deref(), Some("1941-11"));
        assert_eq!(iso("1942").as_deref(), Some("1942"));
        // An unspecified month still leaves an exactly known year.
        assert_eq!(iso("1941-XX").as_deref(), Some("1941"));
        for vague in ["1942~", "1943?", "194X", "1942-21", "1941/1945"] {
            assert_eq!(iso(vague), None, "{vague}");
        }
    }

    #[test]
    fn intervals_give_both_ends() {
        let b = bounds(&Edtf::parse("1941-06-22/1945-05-09").expect("valid"));
        assert_eq!(b, (Some("1941-06-22".into()), Some("1945-05-09".into())));
        let open = bounds(&Edtf::parse("1941-10/..").expect("valid"));
        assert_eq!(open, (Some("1941-10".into()), None));
        let vague = bounds(&Edtf::parse("1942~/1943").expect("valid"));
        assert_eq!(vague, (None, Some("1943".into())));
    }

    #[test]
    fn durations_are_iso_8601() {
        assert_eq!(iso_duration(3_930_000), "PT1H5M30S");
        assert_eq!(iso_duration(45 * 60_000), "PT45M");
        assert_eq!(iso_duration(0), "PT0S");
    }

    #[test]
    fn a_script_cannot_be_closed_from_inside() {
        let value = json!({"description": "</script><script>alert(1)</script> <!-- & -->"});
        let text = script(&value);
        assert!(
            !text.contains('<') && !text.contains('>') && !text.contains('&'),
            "{text}"
        );
        let back: Value = serde_json::from_str(&text).expect("still JSON");
        assert_eq!(back, value);
    }
}
