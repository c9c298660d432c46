//! What a record page shows, per kind, as plain strings and lists for the template. Everything
//! here comes from [`Seen`], so it holds only what the gate let through.

use super::{Link, record_href, section_href};
use crate::gate::{Seen, SeenRelation};
use crate::ru;
use crate::summary::{life_dates, summary};
use letopis_core::entities::{
    Block, Citation, Collection, Event, HistoricName, Interview, Item, MediaRef, Organization,
    Person, Place, Source, Story,
};
use letopis_core::record::RecordId;
use letopis_core::{Body, Edtf};
use letopis_store::StoredRecord;
use std::collections::HashMap;

pub struct RecordView {
    pub kind_label: &'static str,
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
}

pub struct Fact {
    pub label: &'static str,
    pub values: Vec<String>,
}

pub struct Text {
    pub heading: &'static str,
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
}

/// Builds the page of a record from what the gate let through.
pub fn build(seen: &Seen) -> RecordView {
    let record = &seen.record.record;
    let kind = record.kind();
    let refs = Refs(&seen.referenced);
    let mut view = RecordView {
        kind_label: kind.label_ru(),
        section: Link::new(section_href(kind), kind.plural_ru()),
        title: record.title(),
        subtitle: summary(&record.body),
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
    };
    match &record.body {
        Body::Person(p) => person(&mut view, p, &refs),
        Body::Interview(i) => interview(&mut view, i, &refs),
        Body::Item(i) => item(&mut view, i, &refs),
        Body::Place(p) => place(&mut view, p),
        Body::Event(e) => event(&mut view, e, &refs),
        Body::Organization(o) => organization(&mut view, o),
        Body::Story(s) => story(&mut view, s, &refs),
        Body::Collection(c) => collection(&mut view, c, &refs),
        Body::Source(s) => source(&mut view, s),
    }
    view.groups.extend(relation_groups(&seen.relations));
    view
}

/// The records the body refers to that the viewer may see.
struct Refs<'a>(&'a HashMap<RecordId, StoredRecord>);

impl Refs<'_> {
    fn link(&self, id: RecordId) -> Option<Link> {
        self.0.get(&id).map(card)
    }
}

fn card(r: &StoredRecord) -> Link {
    let rec = &r.record;
    Link::new(record_href(rec.kind(), &rec.meta.slug), rec.title()).with_note(summary(&rec.body))
}

fn fact(view: &mut RecordView, label: &'static str, value: impl Into<String>) {
    let value = value.into();
    if !value.trim().is_empty() {
        view.facts.push(Fact {
            label,
            values: vec![value],
        });
    }
}

fn fact_list(view: &mut RecordView, label: &'static str, values: Vec<String>) {
    let values: Vec<String> = values
        .into_iter()
        .filter(|v| !v.trim().is_empty())
        .collect();
    if !values.is_empty() {
        view.facts.push(Fact { label, values });
    }
}

fn date(d: &Option<Edtf>) -> String {
    d.as_ref().map(Edtf::to_russian).unwrap_or_default()
}

fn text(view: &mut RecordView, heading: &'static str, body: &str) {
    let paragraphs = paragraphs(body);
    if !paragraphs.is_empty() {
        view.texts.push(Text {
            heading,
            paragraphs,
        });
    }
}

fn paragraphs(body: &str) -> Vec<String> {
    body.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

fn media_src(m: &MediaRef) -> String {
    format!("/media/{}", m.sha256)
}

fn image(m: &MediaRef, fallback_alt: &str) -> Image {
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

fn historic_names(names: &[HistoricName]) -> Vec<String> {
    names
        .iter()
        .map(|n| match &n.period {
            Some(p) => format!("{} ({})", n.name, p.to_russian()),
            None => n.name.clone(),
        })
        .collect()
}

fn sources(view: &mut RecordView, citations: &[Citation], refs: &Refs) {
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
            heading: "Источники".into(),
            links,
        });
    }
}

fn person(view: &mut RecordView, p: &Person, refs: &Refs) {
    fact(view, "Полное имя", p.name.full());
    fact(
        view,
        "Девичья фамилия",
        p.name.maiden.clone().unwrap_or_default(),
    );
    fact_list(view, "Другие написания имени", p.name.variants.clone());
    fact(view, "Годы жизни", life_dates(p).unwrap_or_default());
    fact(view, "Место рождения", p.birth_place.clone());
    fact_list(
        view,
        "Кем был в годы войны",
        p.roles.iter().map(|r| r.label_ru().to_string()).collect(),
    );
    fact(
        view,
        "Судьба",
        p.fate.map(|f| f.label_ru()).unwrap_or_default(),
    );
    fact(view, "Воинское звание", p.service.rank.clone());
    fact(view, "Часть", p.service.unit.clone());
    fact(view, "Призван", p.service.drafted.clone());
    fact_list(view, "Награды", p.awards.clone());
    fact_list(
        view,
        "Записи в базах данных",
        p.memorial_refs
            .iter()
            .map(|r| format!("{}: {}", r.db.label_ru(), r.record))
            .collect(),
    );
    if let Some(portrait) = &p.portrait {
        view.images
            .push(image(portrait, &format!("Портрет: {}", p.name.full())));
    }
    text(view, "Биография", &p.biography);
    // Present only when the gate left it in: a health consent exists, or the viewer is staff.
    text(view, "Ранения и здоровье", &p.health);
    sources(view, &p.sources, refs);
}

fn interview(view: &mut RecordView, i: &Interview, refs: &Refs) {
    fact(view, "Дата записи", date(&i.recorded));
    fact_list(view, "Записали", i.interviewers.clone());
    if i.duration_ms() > 0 {
        fact(view, "Продолжительность", ru::duration(i.duration_ms()));
    }
    text(view, "Кратко", &i.summary);
    let captions = i.transcript_file.as_ref().map(media_src);
    let parts = i.recordings.len();
    view.recordings = i
        .recordings
        .iter()
        .enumerate()
        .map(|(n, r)| Recording {
            src: media_src(&r.media),
            mime: r.media.mime.clone(),
            label: match (r.label.trim(), parts) {
                ("", 1) => "Запись".to_string(),
                ("", _) => format!("Часть {}", n + 1),
                (label, _) => label.to_string(),
            },
            captions: captions.clone(),
        })
        .collect();
    view.transcript = i
        .transcript
        .iter()
        .map(|c| Cue {
            time: ru::timecode(c.start_ms),
            speaker: c.speaker.clone().unwrap_or_default(),
            text: c.text.clone(),
        })
        .collect();
    let contents: Vec<Link> = i
        .segments
        .iter()
        .map(|s| {
            Link::new("", format!("{} — {}", ru::timecode(s.start_ms), s.title))
                .with_note(s.synopsis.clone())
        })
        .collect();
    if !contents.is_empty() {
        view.groups.push(Group {
            heading: "Содержание записи".into(),
            links: contents,
        });
    }
    sources(view, &i.sources, refs);
}

fn item(view: &mut RecordView, i: &Item, refs: &Refs) {
    fact(view, "Вид", i.item_type.label_ru());
    fact(view, "Дата", date(&i.date));
    fact(view, "Где хранится оригинал", i.holder.clone());
    fact(view, "Происхождение", i.provenance.clone());
    fact(view, "Права", i.rights.clone());
    let mut files = Vec::new();
    for m in &i.media {
        if m.mime.starts_with("image/") {
            view.images.push(image(m, &i.title));
        } else if m.mime.starts_with("audio/") {
            view.recordings.push(Recording {
                src: media_src(m),
                mime: m.mime.clone(),
                label: m.caption.clone().unwrap_or_else(|| "Запись".into()),
                captions: None,
            });
        } else {
            let label = m.caption.clone().unwrap_or_else(|| "Файл".into());
            files.push(Link::new(media_src(m), label).with_note(m.mime.clone()));
        }
    }
    text(view, "Описание", &i.description);
    text(view, "Расшифровка текста", &i.transcription);
    if !files.is_empty() {
        view.groups.push(Group {
            heading: "Файлы".into(),
            links: files,
        });
    }
    sources(view, &i.sources, refs);
}

fn place(view: &mut RecordView, p: &Place) {
    fact(view, "Тип", p.place_type.label_ru());
    fact_list(view, "Другие названия", historic_names(&p.other_names));
    fact(view, "Район", p.district.clone());
    if let (Some(lat), Some(lon)) = (p.lat, p.lon) {
        fact(view, "Координаты", format!("{lat:.5}, {lon:.5}"));
    }
    if let Some(m) = &p.image {
        view.images.push(image(m, &p.name));
    }
    text(view, "Описание", &p.description);
}

fn event(view: &mut RecordView, e: &Event, refs: &Refs) {
    fact(view, "Тип", e.event_type.label_ru());
    fact(view, "Дата", date(&e.date));
    text(view, "Описание", &e.description);
    sources(view, &e.sources, refs);
}

fn organization(view: &mut RecordView, o: &Organization) {
    fact(view, "Тип", o.org_type.label_ru());
    fact(view, "Годы существования", date(&o.active));
    fact_list(view, "Другие названия", historic_names(&o.other_names));
    text(view, "Описание", &o.description);
}

fn story(view: &mut RecordView, s: &Story, refs: &Refs) {
    fact_list(view, "Авторы", s.authors.clone());
    if let Some(cover) = &s.cover {
        view.images.push(image(cover, &s.title));
    }
    text(view, "Вступление", &s.lead);
    view.blocks = s.blocks.iter().map(|b| block(b, refs)).collect();
}

fn block(b: &Block, refs: &Refs) -> BlockView {
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
                    let span = format!(
                        "фрагмент {}–{}",
                        ru::timecode(*start_ms),
                        ru::timecode(*end_ms)
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
    fact(view, "Для урока", c.lesson.clone());
    text(view, "Описание", &c.description);
    let members: Vec<Link> = c.members.iter().filter_map(|id| refs.link(*id)).collect();
    if !members.is_empty() {
        view.groups.push(Group {
            heading: "В подборке".into(),
            links: members,
        });
    }
}

fn source(view: &mut RecordView, s: &Source) {
    fact(view, "Вид источника", s.source_type.label_ru());
    fact(view, "Архивный шифр", s.archive_reference());
    fact(view, "Адрес в интернете", s.url.clone());
    if let Some(r) = &s.database_record {
        fact(
            view,
            "Запись в базе данных",
            format!("{}: {}", r.db.label_ru(), r.record),
        );
    }
    text(view, "Библиографическое описание", &s.citation);
}

/// Relations grouped by how they read from this record, in the order they were made.
fn relation_groups(relations: &[SeenRelation]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for r in relations {
        let label = if r.outgoing {
            r.relation.rtype.label_ru()
        } else {
            r.relation.rtype.inverse_label_ru()
        };
        let heading = capitalize(label);
        let mut link = card(&r.other);
        if let Some(d) = &r.relation.date {
            link.note = [link.note.as_str(), &d.to_russian()]
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
            }),
        }
    }
    groups
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
