//! What a record page shows, per kind, as plain strings and lists for the template. Everything
//! here comes from [`Seen`], so it holds only what the gate let through.

use crate::gate::{MoreRelated, Seen};
use crate::public::{Link, kind_label, kind_plural, record_href, section_href};
use crate::shell::i18n::Tr;
use crate::shell::picture::Picture;
use crate::shell::text;
use crate::summary::summary;
use letopis_core::entities::{
    Block, Citation, Collection, Event, HistoricName, Interview, Item, MediaRef, Organization,
    Place, Source, Story,
};
use letopis_core::record::RecordId;
use letopis_core::relation::RelationType;
use letopis_core::{Body, Edtf, Kind};
use letopis_store::StoredRecord;
use std::collections::HashMap;

pub struct RecordView {
    /// The language every label is looked up in.
    pub(super) t: Tr,
    /// `person`, `story`…: a class on the page, so print and screen styles can differ by kind.
    pub kind_code: &'static str,
    pub kind_label: String,
    pub section: Link,
    pub title: String,
    pub subtitle: String,
    pub content_note: Option<String>,
    pub facts: Vec<Fact>,
    pub texts: Vec<Text>,
    pub images: Vec<Image>,
    pub recordings: Vec<Recording>,
    pub transcript: Vec<Cue>,
    pub blocks: Vec<BlockView>,
    /// Lists of links: collection members, sources, interview contents, then relations.
    pub groups: Vec<Group>,
    /// «Знаете больше? Дополните» on a person's page.
    pub contribute: Option<Link>,
    /// Families' accounts of this person («Рассказ семьи», issue #7), beside the biography.
    pub families: Vec<FamilyView>,
}

pub struct Fact {
    pub label: String,
    pub values: Vec<String>,
    /// Where the value came from when it is not the museum's own work («со слов семьи»).
    pub note: String,
}

/// A family's account of the person as the gate let it through: its words and photographs.
pub struct FamilyView {
    /// «Рассказала семья: Анна Петрова, внучка», or empty when the family is not named.
    pub credit: String,
    pub blocks: Vec<BlockView>,
}

pub struct Text {
    pub heading: String,
    pub paragraphs: Vec<String>,
}

pub struct Image {
    pub src: String,
    pub alt: String,
    pub caption: String,
}

pub struct Recording {
    pub src: String,
    pub mime: String,
    pub label: String,
    pub captions: Option<String>,
}

pub struct Cue {
    pub time: String,
    pub speaker: String,
    pub text: String,
}

/// One story block; exactly one of its parts is filled, which keeps the template free of enums.
#[derive(Default)]
pub struct BlockView {
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub quote: Option<Quote>,
    pub image: Option<Image>,
    pub links: Vec<Link>,
}

pub struct Quote {
    pub text: String,
    pub attribution: String,
    pub link: Option<Link>,
}

pub struct Group {
    pub heading: String,
    /// A link with an empty `href` is shown as plain text (a citation without a source record).
    pub links: Vec<Link>,
    /// «Всего 42 166 записей; здесь первые 24» under a group the page shows only the start of,
    /// linked to the catalogue narrowed to them where a facet can say so.
    pub more: Option<Link>,
}

/// Builds the page of a record from what the gate let through.
pub fn build(seen: &Seen, t: Tr) -> RecordView {
    let record = &seen.record.record;
    let kind = record.kind();
    let refs = Refs(&seen.referenced, t);
    let mut view = RecordView {
        t,
        kind_code: kind.code(),
        kind_label: kind_label(&t, kind),
        section: Link::new(section_href(kind), kind_plural(&t, kind)),
        title: record.title(),
        subtitle: summary(&record.body, &t),
        content_note: record
            .meta
            .content_note
            .clone()
            .filter(|n| !n.trim().is_empty()),
        facts: Vec::new(),
        texts: Vec::new(),
        images: Vec::new(),
        recordings: Vec::new(),
        transcript: Vec::new(),
        blocks: Vec::new(),
        groups: Vec::new(),
        contribute: (kind == Kind::Person).then(|| {
            Link::new(
                format!("/contribute?about={}", record.id().0),
                t.msg("contribute-link"),
            )
            .with_note(t.msg("contribute-link-note"))
        }),
        families: Vec::new(),
    };
    match &record.body {
        Body::Person(p) => super::person::facts(&mut view, p, &refs),
        Body::Interview(i) => interview(&mut view, i, &refs),
        Body::Item(i) => item(&mut view, i, &refs),
        Body::Place(p) => place(&mut view, p),
        Body::Event(e) => event(&mut view, e, &refs),
        Body::Organization(o) => organization(&mut view, o),
        Body::Story(s) => story(&mut view, s, &refs),
        Body::Collection(c) => collection(&mut view, c, &refs),
        Body::Source(s) => source(&mut view, s),
    }
    view.families = super::person::families(seen, &refs);
    view.groups.extend(super::person::voice_fragments(seen, &t));
    for group in relation_groups(seen, &t) {
        merge_group(&mut view.groups, group);
    }
    view
}

/// Adds `group` to the page's groups, or its links to the group already there under the same
/// heading: an interview's citations and the source records tied to it are both «Источники»,
/// and a page must not show that heading twice. A link already listed is not listed again.
fn merge_group(groups: &mut Vec<Group>, group: Group) {
    let Some(have) = groups.iter_mut().find(|g| g.heading == group.heading) else {
        groups.push(group);
        return;
    };
    for link in group.links {
        let listed = !link.href.is_empty() && have.links.iter().any(|l| l.href == link.href);
        if !listed {
            have.links.push(link);
        }
    }
    if have.more.is_none() {
        have.more = group.more;
    }
}

/// The records the body refers to that the viewer may see.
pub(crate) struct Refs<'a>(&'a HashMap<RecordId, StoredRecord>, pub(super) Tr);

impl Refs<'_> {
    fn link(&self, id: RecordId) -> Option<Link> {
        self.0.get(&id).map(|r| card(r, &self.1))
    }
}

pub(crate) fn card(r: &StoredRecord, t: &Tr) -> Link {
    let rec = &r.record;
    Link::new(record_href(rec.kind(), &rec.meta.slug), rec.title())
        .with_note(summary(&rec.body, t))
        .with_picture(Picture::of_record(rec))
}

/// A labelled fact; `key` names the label in `record.ftl`. Empty values are left out.
pub(crate) fn fact(view: &mut RecordView, key: &str, value: impl Into<String>) {
    let value = value.into();
    if !value.trim().is_empty() {
        view.facts.push(Fact {
            label: view.t.msg(key),
            values: vec![value],
            note: String::new(),
        });
    }
}

pub(crate) fn fact_list(view: &mut RecordView, key: &str, values: Vec<String>) {
    let values: Vec<String> = values
        .into_iter()
        .filter(|v| !v.trim().is_empty())
        .collect();
    if !values.is_empty() {
        view.facts.push(Fact {
            label: view.t.msg(key),
            values,
            note: String::new(),
        });
    }
}

pub(crate) fn date(t: &Tr, d: &Option<Edtf>) -> String {
    t.date_opt(d.as_ref())
}

pub(crate) fn text(view: &mut RecordView, key: &str, body: &str) {
    let paragraphs = paragraphs(body);
    if !paragraphs.is_empty() {
        view.texts.push(Text {
            heading: view.t.msg(key),
            paragraphs,
        });
    }
}

pub(crate) fn paragraphs(body: &str) -> Vec<String> {
    body.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

pub(super) fn media_src(m: &MediaRef) -> String {
    format!("/media/{}", m.sha256)
}

pub(crate) fn image(m: &MediaRef, fallback_alt: &str) -> Image {
    Image {
        src: media_src(m),
        alt: m
            .alt
            .clone()
            .or_else(|| m.caption.clone())
            .unwrap_or_else(|| fallback_alt.to_string()),
        caption: m.caption.clone().unwrap_or_default(),
    }
}

pub(crate) fn historic_names(t: &Tr, names: &[HistoricName]) -> Vec<String> {
    names
        .iter()
        .map(|n| match &n.period {
            Some(p) => format!("{} ({})", n.name, t.date(p)),
            None => n.name.clone(),
        })
        .collect()
}

pub(crate) fn sources(view: &mut RecordView, citations: &[Citation], refs: &Refs) {
    let links: Vec<Link> = citations
        .iter()
        .map(|c| {
            let locator = c.locator.clone().unwrap_or_default();
            match c.source.and_then(|id| refs.link(id)) {
                Some(link) => Link::new(link.href, c.text.clone()).with_note(locator),
                None => Link::new("", c.text.clone()).with_note(locator),
            }
        })
        .collect();
    if !links.is_empty() {
        view.groups.push(Group {
            heading: view.t.msg("group-sources"),
            links,
            more: None,
        });
    }
}

fn interview(view: &mut RecordView, i: &Interview, refs: &Refs) {
    let t = view.t;
    let recorded = date(&t, &i.recorded);
    fact(view, "field-recorded", recorded);
    fact_list(view, "field-interviewers", i.interviewers.clone());
    if i.duration_ms() > 0 {
        let duration = text::duration(&t, i.duration_ms());
        fact(view, "field-duration", duration);
    }
    text(view, "section-summary", &i.summary);
    let captions = i.transcript_file.as_ref().map(media_src);
    let parts = i.recordings.len();
    view.recordings = i
        .recordings
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.withheld)
        .map(|(n, r)| Recording {
            src: media_src(&r.media),
            mime: r.media.mime.clone(),
            label: match (r.label.trim(), parts) {
                ("", 1) => t.msg("recording"),
                ("", _) => t.args("recording-part", &[("n", (n + 1).to_string().into())]),
                (label, _) => label.to_string(),
            },
            captions: captions.clone(),
        })
        .collect();
    view.transcript = i
        .transcript
        .iter()
        .map(|c| Cue {
            time: text::timecode(c.start_ms),
            speaker: c.speaker.clone().unwrap_or_default(),
            text: c.text.clone(),
        })
        .collect();
    let contents: Vec<Link> = i
        .segments
        .iter()
        .map(|s| {
            Link::new("", format!("{} — {}", text::timecode(s.start_ms), s.title))
                .with_note(s.synopsis.clone())
        })
        .collect();
    if !contents.is_empty() {
        view.groups.push(Group {
            heading: t.msg("group-contents"),
            links: contents,
            more: None,
        });
    }
    sources(view, &i.sources, refs);
}

fn item(view: &mut RecordView, i: &Item, refs: &Refs) {
    let t = view.t;
    let (kind, when) = (t.label("item-type", i.item_type), date(&t, &i.date));
    fact(view, "field-item-type", kind);
    fact(view, "field-date", when);
    fact(view, "field-holder", i.holder.clone());
    fact(view, "field-provenance", i.provenance.clone());
    fact(view, "field-rights", i.rights.clone());
    let mut files = Vec::new();
    for m in &i.media {
        if m.mime.starts_with("image/") {
            view.images.push(image(m, &i.title));
        } else if m.mime.starts_with("audio/") {
            view.recordings.push(Recording {
                src: media_src(m),
                mime: m.mime.clone(),
                label: m.caption.clone().unwrap_or_else(|| t.msg("recording")),
                captions: None,
            });
        } else {
            let label = m.caption.clone().unwrap_or_else(|| t.msg("file"));
            files.push(Link::new(media_src(m), label).with_note(m.mime.clone()));
        }
    }
    text(view, "section-description", &i.description);
    text(view, "section-transcription", &i.transcription);
    if !files.is_empty() {
        view.groups.push(Group {
            heading: t.msg("group-files"),
            links: files,
            more: None,
        });
    }
    sources(view, &i.sources, refs);
}

fn place(view: &mut RecordView, p: &Place) {
    let t = view.t;
    let kind = t.label("place-type", p.place_type);
    fact(view, "field-type", kind);
    let names = historic_names(&t, &p.other_names);
    fact_list(view, "field-other-names", names);
    fact(view, "field-district", p.district.clone());
    if let (Some(lat), Some(lon)) = (p.lat, p.lon) {
        fact(view, "field-coordinates", format!("{lat:.5}, {lon:.5}"));
    }
    if let Some(m) = &p.image {
        view.images.push(image(m, &p.name));
    }
    text(view, "section-description", &p.description);
}

fn event(view: &mut RecordView, e: &Event, refs: &Refs) {
    let t = view.t;
    let (kind, when) = (t.label("event-type", e.event_type), date(&t, &e.date));
    fact(view, "field-type", kind);
    fact(view, "field-date", when);
    text(view, "section-description", &e.description);
    sources(view, &e.sources, refs);
}

fn organization(view: &mut RecordView, o: &Organization) {
    let t = view.t;
    let (kind, when) = (t.label("org-type", o.org_type), date(&t, &o.active));
    fact(view, "field-type", kind);
    fact(view, "field-active", when);
    let names = historic_names(&t, &o.other_names);
    fact_list(view, "field-other-names", names);
    text(view, "section-description", &o.description);
}

fn story(view: &mut RecordView, s: &Story, refs: &Refs) {
    fact_list(view, "field-authors", s.authors.clone());
    if let Some(cover) = &s.cover {
        view.images.push(image(cover, &s.title));
    }
    text(view, "section-lead", &s.lead);
    view.blocks = s.blocks.iter().map(|b| block(b, refs)).collect();
}

pub(crate) fn block(b: &Block, refs: &Refs) -> BlockView {
    let links = |ids: &[RecordId]| ids.iter().filter_map(|id| refs.link(*id)).collect();
    match b {
        Block::Heading { text } => BlockView {
            heading: text.clone(),
            ..BlockView::default()
        },
        Block::Text { text } => BlockView {
            paragraphs: paragraphs(text),
            ..BlockView::default()
        },
        Block::Quote {
            text,
            attribution,
            record,
            ..
        } => BlockView {
            quote: Some(Quote {
                text: text.clone(),
                attribution: attribution.clone(),
                link: record.and_then(|id| refs.link(id)),
            }),
            ..BlockView::default()
        },
        Block::Image { media, record } => BlockView {
            image: Some(image(media, "")),
            links: links(record.as_slice()),
            ..BlockView::default()
        },
        Block::Audio {
            interview,
            start_ms,
            end_ms,
        } => BlockView {
            links: refs
                .link(*interview)
                .map(|l| {
                    let span = refs.1.args(
                        "story-fragment",
                        &[
                            ("start", text::timecode(*start_ms).into()),
                            ("end", text::timecode(*end_ms).into()),
                        ],
                    );
                    vec![l.with_note(span)]
                })
                .unwrap_or_default(),
            ..BlockView::default()
        },
        Block::Map { places } => BlockView {
            links: links(places),
            ..BlockView::default()
        },
        Block::Record { record } => BlockView {
            links: links(std::slice::from_ref(record)),
            ..BlockView::default()
        },
    }
}

fn collection(view: &mut RecordView, c: &Collection, refs: &Refs) {
    fact(view, "field-lesson", c.lesson.clone());
    text(view, "section-description", &c.description);
    let members: Vec<Link> = c.members.iter().filter_map(|id| refs.link(*id)).collect();
    if !members.is_empty() {
        view.groups.push(Group {
            heading: view.t.msg("group-members"),
            links: members,
            more: None,
        });
    }
}

fn source(view: &mut RecordView, s: &Source) {
    let t = view.t;
    let kind = t.label("source-type", s.source_type);
    fact(view, "field-source-type", kind);
    fact(view, "field-archive-reference", s.archive_reference());
    fact(view, "field-url", s.url.clone());
    if let Some(r) = &s.database_record {
        fact(
            view,
            "field-database-record",
            format!("{}: {}", t.label("external-db", r.db), r.record),
        );
    }
    text(view, "section-citation", &s.citation);
}

/// Relations grouped by how they read from this record, in the order they were made.
fn relation_groups(seen: &Seen, t: &Tr) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    // Families' accounts have their own section beside the biography.
    for r in seen
        .relations
        .iter()
        .filter(|r| super::person::family_of(seen, r).is_none())
    {
        let heading = relation_heading(t, r.relation.rtype, r.outgoing);
        let mut link = card(&r.other, t);
        if let Some(d) = &r.relation.date {
            link.note = [link.note.as_str(), &t.date(d)]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" · ");
        }
        match groups.iter_mut().find(|g| g.heading == heading) {
            Some(g) => g.links.push(link),
            None => groups.push(Group {
                heading,
                links: vec![link],
                more: None,
            }),
        }
    }
    for more in &seen.more {
        let heading = relation_heading(t, more.rtype, more.outgoing);
        let Some(group) = groups.iter_mut().find(|g| g.heading == heading) else {
            continue;
        };
        let shown = group.links.len() as u64;
        let label = t.count_with(
            "relation-more",
            more.total,
            &[("shown", shown.to_string().into())],
        );
        group.more =
            Some(Link::new(more_href(seen, more), label).with_note(t.msg("relation-more-link")));
    }
    groups
}

/// The catalogue of everything tied to a place: the place facet covers every tie to a place,
/// so it lists exactly the group's records (of the kind the group holds).
fn more_href(seen: &Seen, more: &MoreRelated) -> String {
    let meta = &seen.record.record.meta;
    let kind = seen
        .relations
        .iter()
        .find(|r| r.relation.rtype == more.rtype && r.outgoing == more.outgoing)
        .map(|r| r.other.record.meta.kind);
    match kind {
        Some(kind) if meta.kind == Kind::Place && kind != Kind::Place => {
            format!("/{}?place={}", kind.plural(), meta.id.0)
        }
        _ => String::new(),
    }
}

/// The heading of a group of relations as they read from this record («Рассказчик»).
pub(super) fn relation_heading(t: &Tr, rtype: RelationType, outgoing: bool) -> String {
    let prefix = if outgoing {
        "relation"
    } else {
        "relation-inverse"
    };
    capitalize(&t.label(prefix, rtype))
}

pub(crate) fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_is_shown_once_with_the_links_of_both_groups() {
        let group = |links: &[(&str, &str)]| Group {
            heading: "Источники".into(),
            links: links.iter().map(|(h, l)| Link::new(*h, *l)).collect(),
            more: None,
        };
        let mut groups = vec![group(&[
            ("", "ГАМО, ф. 1, оп. 2"),
            ("/sources/arkhiv", "Архив"),
        ])];
        merge_group(
            &mut groups,
            group(&[("/sources/arkhiv", "Архив"), ("/sources/gazeta", "Газета")]),
        );
        assert_eq!(groups.len(), 1);
        let labels: Vec<&str> = groups[0].links.iter().map(|l| l.label.as_str()).collect();
        assert_eq!(labels, ["ГАМО, ф. 1, оп. 2", "Архив", "Газета"]);
    }
}
