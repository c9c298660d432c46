//! A record as unqualified Dublin Core (`oai_dc`), the one format every harvester reads.
//!
//! Written only from [`Seen`], so every name in it passed the gate: the public projection of the
//! record (consent scope, pseudonym, closed stretches applied) and only the related records an
//! anonymous visitor may see. As in the JSON-LD of the pages (`seo::jsonld`), health data is
//! never read, and descriptions are summaries, not whole biographies: an aggregator's copy
//! outlives any consent, and the page is one link away.

use crate::gate::Seen;
use crate::seo::SiteBase;
use crate::seo::xml::{Xml, XmlResult};
use crate::shell::links::record_href;
use crate::shell::text::shorten;
use letopis_core::entities::{ItemType, Source};
use letopis_core::relation::RelationType;
use letopis_core::{Body, Edtf, Kind};

const OAI_DC_NS: &str = "http://www.openarchives.org/OAI/2.0/oai_dc/";
const DC_NS: &str = "http://purl.org/dc/elements/1.1/";
const OAI_DC_SCHEMA: &str = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd";
/// Enough of a description for a catalogue card.
const DESCRIPTION_CHARS: usize = 1_000;
/// A place or an organization with thousands of ties names the first ones.
const MAX_RELATED: usize = 50;

pub fn write(xml: &mut Xml, base: &SiteBase, site_name: &str, seen: &Seen) -> XmlResult {
    let record = &seen.record.record;
    let mut dc = Dc::default();
    dc.add("title", record.title());
    dc.add("publisher", site_name.to_string());
    dc.add(
        "identifier",
        base.best(&record_href(record.kind(), &record.meta.slug)),
    );
    dc.add("type", dcmi_type(&record.body).to_string());
    let mut language = "ru".to_string();
    match &record.body {
        Body::Person(p) => {
            dc.add("description", shorten(&p.biography, DESCRIPTION_CHARS));
            let life = match (&p.birth, &p.death) {
                (Some(b), Some(d)) => format!("{}/{}", b.as_str(), d.as_str()),
                (Some(b), None) => format!("{}/..", b.as_str()),
                (None, Some(d)) => format!("../{}", d.as_str()),
                (None, None) => String::new(),
            };
            dc.add("date", life);
            dc.add("coverage", p.birth_place.clone());
        }
        Body::Interview(i) => {
            dc.add("description", shorten(&i.summary, DESCRIPTION_CHARS));
            dc.date(i.recorded.as_ref());
            if !i.language.trim().is_empty() {
                language = i.language.clone();
            }
            for name in &i.interviewers {
                dc.add("contributor", name.clone());
            }
            for keyword in i.segments.iter().flat_map(|s| &s.keywords) {
                dc.add("subject", keyword.clone());
            }
            for recording in i.recordings.iter().filter(|r| !r.withheld) {
                dc.add("format", recording.media.mime.clone());
            }
            for narrator in seen.relations.iter().filter(|r| {
                r.relation.rtype == RelationType::NarratorOf
                    && r.other.record.kind() == Kind::Person
            }) {
                dc.add("creator", narrator.other.record.title());
            }
        }
        Body::Item(i) => {
            dc.add("description", shorten(&i.description, DESCRIPTION_CHARS));
            dc.date(i.date.as_ref());
            dc.add("rights", i.rights.clone());
            for media in &i.media {
                dc.add("format", media.mime.clone());
            }
        }
        Body::Place(p) => {
            dc.add("description", shorten(&p.description, DESCRIPTION_CHARS));
            if let (Some(lat), Some(lon)) = (p.lat, p.lon) {
                dc.add("coverage", format!("{lat:.5}, {lon:.5}"));
            }
            dc.add("coverage", p.district.clone());
        }
        Body::Event(e) => {
            dc.add("description", shorten(&e.description, DESCRIPTION_CHARS));
            dc.date(e.date.as_ref());
        }
        Body::Organization(o) => {
            dc.add("description", shorten(&o.description, DESCRIPTION_CHARS));
            dc.date(o.active.as_ref());
        }
        Body::Story(s) => {
            dc.add("description", shorten(&s.lead, DESCRIPTION_CHARS));
            for author in &s.authors {
                dc.add("creator", author.clone());
            }
        }
        Body::Collection(c) => {
            dc.add("description", shorten(&c.description, DESCRIPTION_CHARS));
        }
        Body::Source(s) => source(&mut dc, s),
    }
    dc.add("language", language);
    // The places the record is tied to, and every other visible record as a relation.
    for tie in seen.relations.iter().take(MAX_RELATED) {
        let other = &tie.other.record;
        if other.kind() == Kind::Place {
            dc.add("coverage", other.title());
        }
        dc.add(
            "relation",
            base.best(&record_href(other.kind(), &other.meta.slug)),
        );
    }
    dc.write(xml)
}

fn source(dc: &mut Dc, s: &Source) {
    dc.add("source", s.archive_reference());
    dc.add("description", s.citation.clone());
    dc.add("identifier", s.url.clone());
}

/// The DCMI Type Vocabulary term closest to what the record describes.
fn dcmi_type(body: &Body) -> &'static str {
    match body {
        Body::Interview(i) => {
            if i.recordings
                .iter()
                .any(|r| r.media.mime.starts_with("video/"))
            {
                "MovingImage"
            } else {
                "Sound"
            }
        }
        Body::Item(i) => match i.item_type {
            ItemType::Photo | ItemType::Drawing => "StillImage",
            ItemType::Audio => "Sound",
            ItemType::Video => "MovingImage",
            ItemType::Artifact => "PhysicalObject",
            ItemType::Letter | ItemType::Document | ItemType::Newspaper => "Text",
        },
        Body::Event(_) => "Event",
        Body::Collection(_) => "Collection",
        Body::Person(_)
        | Body::Place(_)
        | Body::Organization(_)
        | Body::Story(_)
        | Body::Source(_) => "Text",
    }
}

/// The elements in the order written, empty values skipped and repeats dropped.
#[derive(Default)]
struct Dc(Vec<(&'static str, String)>);

impl Dc {
    fn add(&mut self, element: &'static str, value: String) {
        let value = value.trim().to_string();
        if !value.is_empty() && !self.0.iter().any(|(e, v)| *e == element && *v == value) {
            self.0.push((element, value));
        }
    }

    /// An EDTF date as written: ISO 8601 where it is exact, the standard's extension where not.
    fn date(&mut self, date: Option<&Edtf>) {
        if let Some(date) = date {
            self.add("date", date.as_str().to_string());
        }
    }

    fn write(&self, xml: &mut Xml) -> XmlResult {
        xml.open(
            "oai_dc:dc",
            &[
                ("xmlns:oai_dc", OAI_DC_NS),
                ("xmlns:dc", DC_NS),
                ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                (
                    "xsi:schemaLocation",
                    &format!("{OAI_DC_NS} {OAI_DC_SCHEMA}"),
                ),
            ],
        )?;
        // The schema wants no order, but readers group by element: keep each together.
        for element in ELEMENTS {
            for (_, value) in self.0.iter().filter(|(e, _)| *e == element) {
                xml.text(&format!("dc:{element}"), &[], value)?;
            }
        }
        xml.close("oai_dc:dc")
    }
}

const ELEMENTS: [&str; 15] = [
    "title",
    "creator",
    "subject",
    "description",
    "publisher",
    "contributor",
    "date",
    "type",
    "format",
    "identifier",
    "source",
    "language",
    "relation",
    "coverage",
    "rights",
];

pub const SCHEMA: &str = OAI_DC_SCHEMA;
pub const NAMESPACE: &str = OAI_DC_NS;
