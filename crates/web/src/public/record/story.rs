//! The page of a story (an exhibition): its cover, lead and authors, then the ordered blocks —
//! headings, text, quotes, images, interview fragments, maps and record cards.
//!
//! The gate has already removed blocks that point only at hidden records (an audio fragment of a
//! hidden interview disappears whole), so everything here may be shown. A fragment is an
//! `<audio>` with a media fragment `#t=start,end`; `static/js/fragment.js` also stops it at the
//! end where a browser would play on.

use super::statement::age_badge;
use super::view::{self, Image, Quote, RecordView, card, media_src};
use crate::gate::Seen;
use crate::public::{Layout, Link, PageContext, record_href, render_html};
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use crate::shell::text;
use askama::Template;
use axum::response::Html;
use letopis_core::entities::{Block, Interview, Story};
use letopis_core::projection::{Withheld, WithheldWhy};
use letopis_core::record::RecordId;
use letopis_core::{Body, Kind};
use letopis_store::StoredRecord;
use std::collections::HashMap;

#[derive(Template)]
#[template(path = "public/story.html")]
struct StoryPage {
    layout: Layout,
    t: Tr,
    view: RecordView,
    exhibit: Exhibit,
}

pub struct Exhibit {
    pub cover: Option<Image>,
    pub lead: Vec<String>,
    pub authors: String,
    pub age_rating: String,
    pub blocks: Vec<StoryBlock>,
}

/// One block; `kind` names it (a class `block-{kind}` on the page) and one of the parts is filled.
#[derive(Default)]
pub struct StoryBlock {
    pub kind: &'static str,
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub quote: Option<Quote>,
    pub image: Option<Image>,
    pub fragment: Option<Fragment>,
    /// Map blocks: JSON `[{"href","name","lat","lon"}]` for a map script to draw.
    pub places_json: String,
    pub links: Vec<Link>,
}

/// A fragment of an interview, played from `start` to `end` (seconds within its recording).
pub struct Fragment {
    pub interview: Link,
    pub src: String,
    pub mime: String,
    pub start: String,
    pub end: String,
    pub span: String,
    pub lines: Vec<FragmentLine>,
    pub listen_href: String,
    pub content_note: String,
}

pub struct FragmentLine {
    /// Seconds within the fragment's recording, for the script to mark the line being spoken.
    pub start: String,
    pub time: String,
    pub speaker: String,
    pub text: String,
}

pub fn page(
    ctx: PageContext,
    layout: Layout,
    seen: &Seen,
    story: &Story,
) -> Result<Html<String>, AppError> {
    let t = ctx.t;
    let mut view = view::build(seen, t);
    // The cover, lead and authors are laid out by the exhibition's own template.
    let cover = (!view.images.is_empty()).then(|| view.images.remove(0));
    view.texts.clear();
    view.facts.clear();
    let mut blocks: Vec<StoryBlock> = story
        .blocks
        .iter()
        .map(|b| block(b, &seen.referenced, &t))
        .collect();
    if layout.preview.is_some() {
        blocks = with_placeholders(blocks, &seen.withheld, &t);
    }
    let exhibit = Exhibit {
        cover,
        lead: view::paragraphs(&story.lead),
        authors: story.authors.join(", "),
        age_rating: age_badge(seen.record.record.meta.age_rating),
        blocks,
    };
    render_html(&StoryPage {
        layout,
        t,
        view,
        exhibit,
    })
}

/// The editor's preview: a marked placeholder where the visitor sees nothing (the withheld
/// blocks' places are among the story's blocks as written).
fn with_placeholders(shown: Vec<StoryBlock>, withheld: &[Withheld], t: &Tr) -> Vec<StoryBlock> {
    let mut shown = shown.into_iter();
    let mut out = Vec::new();
    let mut at = 0;
    let total = shown.len() + withheld.iter().filter(|w| w.position.is_some()).count();
    while at < total {
        match withheld.iter().find(|w| w.position == Some(at)) {
            Some(w) => out.push(StoryBlock {
                kind: "withheld",
                paragraphs: vec![withheld_text(w, t)],
                ..StoryBlock::default()
            }),
            None => out.extend(shown.next()),
        }
        at += 1;
    }
    out
}

fn withheld_text(w: &Withheld, t: &Tr) -> String {
    match (w.why, w.until) {
        (WithheldWhy::Hidden, Some(until)) => t.args(
            "story-withheld-until",
            &[("date", until.strftime("%d.%m.%Y").to_string().into())],
        ),
        (WithheldWhy::Hidden, None) => t.msg("story-withheld-hidden"),
        (WithheldWhy::ClosedStretch, _) => t.msg("story-withheld-closed"),
        (WithheldWhy::NotShown, _) => t.msg("story-withheld-not-shown"),
        (WithheldWhy::Unverifiable, _) => t.msg("story-withheld-unverifiable"),
    }
}

pub(crate) fn block(b: &Block, refs: &HashMap<RecordId, StoredRecord>, t: &Tr) -> StoryBlock {
    let link = |id: &RecordId| refs.get(id).map(|r| card(r, t));
    match b {
        Block::Heading { text } => StoryBlock {
            kind: "heading",
            heading: text.clone(),
            ..StoryBlock::default()
        },
        Block::Text { text } => StoryBlock {
            kind: "text",
            paragraphs: view::paragraphs(text),
            ..StoryBlock::default()
        },
        Block::Quote {
            text,
            attribution,
            record,
            ..
        } => StoryBlock {
            kind: "quote",
            quote: Some(Quote {
                text: text.clone(),
                attribution: attribution.clone(),
                link: record.as_ref().and_then(link),
            }),
            ..StoryBlock::default()
        },
        Block::Image { media, record } => StoryBlock {
            kind: "image",
            image: Some(view::image(media, "")),
            links: record.as_ref().and_then(link).into_iter().collect(),
            ..StoryBlock::default()
        },
        Block::Audio {
            interview,
            start_ms,
            end_ms,
        } => StoryBlock {
            kind: "audio",
            fragment: refs
                .get(interview)
                .and_then(|r| fragment(r, *start_ms, *end_ms, t)),
            ..StoryBlock::default()
        },
        Block::Map { places } => StoryBlock {
            kind: "map",
            places_json: places_json(places, refs),
            links: places.iter().filter_map(link).collect(),
            ..StoryBlock::default()
        },
        Block::Record { record } => StoryBlock {
            kind: "record",
            links: link(record).into_iter().collect(),
            ..StoryBlock::default()
        },
    }
}

fn fragment(record: &StoredRecord, start_ms: u32, end_ms: u32, t: &Tr) -> Option<Fragment> {
    let Body::Interview(interview) = &record.record.body else {
        return None;
    };
    let (src, mime, offset) = recording_at(interview, start_ms)?;
    let seconds = |ms: u32| format!("{:.1}", f64::from(ms) / 1000.0);
    let href = record_href(Kind::Interview, &record.record.meta.slug);
    let second = start_ms / 1000;
    Some(Fragment {
        interview: card(record, t),
        src: format!(
            "{src}#t={},{}",
            seconds(start_ms - offset),
            seconds(end_ms.saturating_sub(offset))
        ),
        mime,
        start: seconds(start_ms - offset),
        end: seconds(end_ms.saturating_sub(offset)),
        span: t.args(
            "story-fragment",
            &[
                ("start", text::timecode(start_ms).into()),
                ("end", text::timecode(end_ms).into()),
            ],
        ),
        lines: interview
            .transcript
            .iter()
            .filter(|c| c.end_ms > start_ms && c.start_ms < end_ms)
            .map(|c| FragmentLine {
                start: seconds(c.start_ms.saturating_sub(offset)),
                time: text::timecode(c.start_ms),
                speaker: c.speaker.clone().unwrap_or_default(),
                text: c.text.clone(),
            })
            .collect(),
        listen_href: format!("{href}?t={second}#t-{second}"),
        content_note: record.record.meta.content_note.clone().unwrap_or_default(),
    })
}

/// The recording part that contains `ms` on the interview's timeline, with the part's start.
fn recording_at(interview: &Interview, ms: u32) -> Option<(String, String, u32)> {
    let mut offset = 0_u32;
    for (n, r) in interview.recordings.iter().enumerate() {
        let last = n + 1 == interview.recordings.len();
        if ms < offset.saturating_add(r.duration_ms) || last {
            // A part closed at the narrator's request plays nowhere, stories included.
            if r.withheld {
                return None;
            }
            return Some((media_src(&r.media), r.media.mime.clone(), offset.min(ms)));
        }
        offset = offset.saturating_add(r.duration_ms);
    }
    None
}

fn places_json(places: &[RecordId], refs: &HashMap<RecordId, StoredRecord>) -> String {
    let places: Vec<serde_json::Value> = places
        .iter()
        .filter_map(|id| refs.get(id))
        .filter_map(|r| match &r.record.body {
            Body::Place(p) => Some(serde_json::json!({
                "href": record_href(Kind::Place, &r.record.meta.slug),
                "name": p.name,
                "lat": p.lat,
                "lon": p.lon,
            })),
            _ => None,
        })
        .collect();
    serde_json::Value::Array(places).to_string()
}
