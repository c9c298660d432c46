//! A kit as its pages show it: every block through the gate, its questions numbered, the key
//! only when asked for (the teacher's copy).

use crate::App;
use crate::gate::SeenKit;
use crate::public::map::{MapView, Point};
use crate::public::record::story::{StoryBlock, block};
use crate::public::record::view::paragraphs;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use crate::shell::links::Link;
use letopis_core::lesson::{Kit, Material, QuestionKind};
use letopis_core::{Body, Viewer};
use letopis_store::lessons::StoredKit;

pub struct KitView {
    pub slug: String,
    pub title: String,
    pub kind_label: String,
    /// «8–11 классы · история, краеведение · 45 минут».
    pub facts: String,
    pub topic: String,
    pub goals: Vec<String>,
    pub intro: Vec<String>,
    pub age: String,
    pub author: String,
    pub blocks: Vec<BlockView>,
    pub question_count: usize,
    /// Blocks this viewer does not see (school mode's limit, a record since hidden).
    pub absent: usize,
}

pub struct BlockView {
    /// 1-based among the blocks shown.
    pub number: usize,
    pub kind_label: String,
    pub material: StoryBlock,
    /// An image detail: the cropped picture's address, and the whole image's record.
    pub detail: Option<Detail>,
    /// A point on the timeline: its date in words.
    pub moment: String,
    pub map: Option<MapView>,
    pub note: Vec<String>,
    pub questions: Vec<QuestionView>,
    /// The block's title for the guide's remote and the screen's counter.
    pub title: String,
    /// The record's content note («содержит описание гибели…»), shown before the material —
    /// a fragment carries its own inside the player, so it is not repeated.
    pub content_note: String,
}

pub struct Detail {
    pub src: String,
    pub whole: String,
    pub alt: String,
    pub caption: String,
    pub record: Option<Link>,
}

pub struct QuestionView {
    /// Stable across edits of other blocks' questions: where pupils' answers are kept.
    pub id: String,
    pub number: usize,
    pub kind: &'static str,
    pub kind_label: String,
    pub prompt: String,
    /// Choice: the options; order: the items, shuffled.
    pub options: Vec<String>,
    pub positions: Vec<usize>,
    /// Map questions: an empty map to mark the place on.
    pub map: Option<MapView>,
    /// The teacher's key, filled only for the teacher's copy.
    pub key: Vec<String>,
}

pub struct Options {
    pub with_key: bool,
}

pub fn build(app: &App, stored: &StoredKit, seen: &SeenKit, t: &Tr, options: Options) -> KitView {
    let kit = &stored.kit;
    let mut blocks = Vec::new();
    let mut absent = 0;
    let mut question_number = 0;
    for (index, (b, shown)) in kit.blocks.iter().zip(&seen.blocks).enumerate() {
        let Some(shown) = shown else {
            absent += 1;
            continue;
        };
        let number = blocks.len() + 1;
        let mut material = block(shown, &seen.referenced, t);
        let record = seen.referenced.get(&b.material.record());
        let title = record.map(|r| r.record.title()).unwrap_or_default();
        // A quote from a document is signed with the document's title (the link to it).
        if let Some(quote) = &mut material.quote
            && quote.attribution.is_empty()
        {
            quote.attribution = title.clone();
        }
        let detail = match &b.material {
            Material::Detail { sha256, crop, .. } => material.image.as_ref().map(|img| Detail {
                src: format!("/media/{sha256}/detail?crop={}", crop.to_param()),
                whole: img.src.clone(),
                alt: t.args("lesson-detail-alt", &[("alt", img.alt.clone().into())]),
                caption: img.caption.clone(),
                record: material.links.first().cloned(),
            }),
            _ => None,
        };
        let moment = match (&b.material, record.map(|r| &r.record.body)) {
            (Material::Moment { .. }, Some(body)) => moment_of(body, t),
            _ => String::new(),
        };
        let map = match (&b.material, record) {
            (Material::Place { .. }, Some(r)) => place_point(r)
                .map(|p| MapView::lesson(format!("kit-map-{index}"), app.layers(), t, &[p])),
            _ => None,
        };
        let questions = b
            .questions
            .iter()
            .enumerate()
            .map(|(qi, q)| {
                question_number += 1;
                let mut options_shown = Vec::new();
                let mut positions = Vec::new();
                match q.kind {
                    QuestionKind::Choice => options_shown = q.options.clone(),
                    QuestionKind::Order => {
                        options_shown = q
                            .shuffled()
                            .into_iter()
                            .map(|(_, s)| s.to_string())
                            .collect();
                        positions = (1..=options_shown.len()).collect();
                    }
                    _ => {}
                }
                QuestionView {
                    id: format!("b{index}q{qi}"),
                    number: question_number,
                    kind: q.kind.code(),
                    kind_label: t.msg(&format!("lesson-question-{}", q.kind.code())),
                    prompt: q.prompt.clone(),
                    options: options_shown,
                    positions,
                    map: (q.kind == QuestionKind::Map).then(|| {
                        MapView::lesson(format!("kit-pick-{index}-{qi}"), app.layers(), t, &[])
                    }),
                    key: if options.with_key {
                        key_of(q, seen, t)
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect();
        blocks.push(BlockView {
            number,
            kind_label: t.msg(&format!("lesson-block-{}", b.material.code())),
            material,
            detail,
            moment,
            map,
            note: paragraphs(&b.note),
            questions,
            title,
            content_note: match (&b.material, record) {
                (Material::Fragment { .. }, _) | (_, None) => String::new(),
                (_, Some(r)) => r.record.meta.content_note.clone().unwrap_or_default(),
            },
        });
    }
    KitView {
        slug: stored.slug.clone(),
        title: kit.title.clone(),
        kind_label: t.msg(&format!("lesson-purpose-{}", kit.purpose.code())),
        facts: facts(kit, t),
        topic: kit.topic.clone(),
        goals: paragraphs(&kit.goals),
        intro: paragraphs(&kit.intro),
        age: seen.age.label().to_string(),
        author: stored.owner_name.clone(),
        question_count: blocks.iter().map(|b| b.questions.len()).sum(),
        blocks,
        absent,
    }
}

fn facts(kit: &Kit, t: &Tr) -> String {
    let mut parts = Vec::new();
    if kit.purpose == letopis_core::lesson::Purpose::Lesson {
        parts.push(kit.grades_label());
    }
    let subjects = kit.subjects_label();
    if !subjects.is_empty() {
        parts.push(subjects);
    }
    if kit.minutes > 0 {
        parts.push(t.count("lesson-minutes", u64::from(kit.minutes)));
    }
    parts.join(" · ")
}

fn moment_of(body: &Body, t: &Tr) -> String {
    let date = match body {
        Body::Event(e) => e.date.as_ref(),
        Body::Item(i) => i.date.as_ref(),
        _ => None,
    };
    date.map(|d| t.date(d)).unwrap_or_default()
}

fn place_point(r: &letopis_store::StoredRecord) -> Option<Point> {
    let Body::Place(place) = &r.record.body else {
        return None;
    };
    Some(Point {
        name: place.name.clone(),
        href: crate::public::record_href(letopis_core::Kind::Place, &r.record.meta.slug),
        lat: place.lat?,
        lon: place.lon?,
        note: place.district.clone(),
    })
}

fn key_of(q: &letopis_core::lesson::Question, seen: &SeenKit, t: &Tr) -> Vec<String> {
    let mut key = Vec::new();
    match q.kind {
        QuestionKind::Choice => {
            for i in &q.correct {
                if let Some(o) = q.options.get(*i) {
                    key.push(o.clone());
                }
            }
        }
        QuestionKind::Order => {
            key = q
                .options
                .iter()
                .enumerate()
                .map(|(i, o)| format!("{}. {o}", i + 1))
                .collect();
        }
        QuestionKind::Map => {
            if let Some(r) = q.place.and_then(|id| seen.referenced.get(&id))
                && let Body::Place(p) = &r.record.body
            {
                key.push(match (p.lat, p.lon) {
                    (Some(lat), Some(lon)) => t.args(
                        "lesson-key-place",
                        &[
                            ("name", p.name.clone().into()),
                            ("lat", format!("{lat:.4}").into()),
                            ("lon", format!("{lon:.4}").into()),
                        ],
                    ),
                    _ => p.name.clone(),
                });
            }
        }
        QuestionKind::Open => {}
    }
    if !q.key.trim().is_empty() {
        key.push(q.key.trim().to_string());
    }
    key
}

/// A kit read for `viewer` and shown as `options` say.
pub async fn read(
    app: &App,
    viewer: Viewer,
    stored: &StoredKit,
    t: Tr,
    options: Options,
) -> Result<KitView, AppError> {
    let kit = stored.kit.clone();
    let seen = app.read(viewer, move |gate| gate.kit(&kit)).await?;
    Ok(build(app, stored, &seen, &t, options))
}

/// A block's card for lists of kits: title, facts, age.
pub struct KitCard {
    pub href: String,
    pub title: String,
    pub facts: String,
    pub topic: String,
    pub age: String,
    /// «6 блоков, 4 вопроса».
    pub size: String,
}

pub fn card_of(stored: &StoredKit, age: letopis_core::AgeRating, t: &Tr) -> KitCard {
    let tour = stored.kit.purpose == letopis_core::lesson::Purpose::Tour;
    KitCard {
        href: if tour {
            format!("/tours/{}", stored.slug)
        } else {
            format!("/lessons/{}", stored.slug)
        },
        title: stored.kit.title.clone(),
        facts: facts(&stored.kit, t),
        topic: stored.kit.topic.clone(),
        age: age.label().to_string(),
        size: format!(
            "{}, {}",
            t.count("lesson-blocks", stored.kit.blocks.len() as u64),
            t.count("lesson-questions", stored.kit.question_count() as u64)
        ),
    }
}
