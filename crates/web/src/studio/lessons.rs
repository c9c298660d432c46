//! The teacher's studio (issue #17): lesson kits and hall tours built from the base.
//!
//! A kit is an ordered set of blocks, each showing one record as the public sees it — a card, an
//! interview fragment, an image detail, a quote, a place, a point on the timeline — with the
//! teacher's note and questions with the key. Its author edits it; colleagues (every teacher and
//! guide) open what is shared and may copy it; experts publish it to `/lessons` or return it
//! with a note, as they review records. An edit to a published kit sends it back for review.
//! Class links give a class the kit until a day the teacher sets, at an age limit she sets.
//!
//! Records are found and added through the public gate with the teacher's own viewer: a kit can
//! show only what the public may see, and shows it as it is on the day it is opened.

use super::form::Submitted;
use super::{Frame, Teacher, render, see_other};
use crate::App;
use crate::lessons::{may_open, may_read_key};
use crate::public::record_href;
use crate::shell::error::AppError;
use askama::Template;
use axum::Form;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use letopis_core::account::Permission;
use letopis_core::lesson::{
    Crop, Kit, KitBlock, KitState, MAX_BLOCKS, MAX_QUESTIONS, Material, Purpose, Question,
    QuestionKind, SUBJECTS, normalize_code, parse_timecode,
};
use letopis_core::record::RecordId;
use letopis_core::{AgeRating, Body, Kind};
use letopis_store::StoredRecord;
use letopis_store::lessons::{ClassLink, StoredKit};
use serde::Deserialize;

/// A kit in the studio's lists.
pub struct KitRow {
    pub href: String,
    pub title: String,
    pub kind: String,
    pub state: String,
    pub author: String,
    pub blocks: usize,
    pub questions: usize,
    pub note: String,
}

fn row(k: &StoredKit, t: &crate::shell::i18n::Tr) -> KitRow {
    KitRow {
        href: format!("/studio/lessons/{}", k.id),
        title: k.kit.title.clone(),
        kind: t.msg(&format!("lesson-purpose-{}", k.kit.purpose.code())),
        state: k.state.label_ru().to_string(),
        author: k.owner_name.clone(),
        blocks: k.kit.blocks.len(),
        questions: k.kit.question_count(),
        note: k.review_note.clone(),
    }
}

#[derive(Template)]
#[template(path = "studio/lessons.html")]
struct ListPage {
    frame: Frame,
    mine: Vec<KitRow>,
    colleagues: Vec<KitRow>,
    review: Vec<KitRow>,
    error: String,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Done {
    done: String,
    find: String,
    /// A record whose pictures to cut a detail from (its number or address).
    detail: String,
}

/// `GET /studio/lessons`.
pub async fn list(
    State(app): State<App>,
    Teacher(staff): Teacher,
    query: Result<Query<Done>, QueryRejection>,
) -> Result<Response, AppError> {
    let q = query.map(|Query(q)| q).unwrap_or_default();
    list_page(&app, &staff, Some(&q.done), String::new()).await
}

async fn list_page(
    app: &App,
    staff: &super::Staff,
    notice: Option<&str>,
    error: String,
) -> Result<Response, AppError> {
    let user = staff.user.clone();
    let reviewer = staff.may(Permission::Review);
    let (mine, others) = app
        .accounts_call(move |a| {
            let mine = a.kits_of(user.id)?;
            let others: Vec<StoredKit> = a
                .kits_in(&[KitState::Shared, KitState::Submitted, KitState::Published])?
                .into_iter()
                .filter(|k| k.owner != Some(user.id))
                .collect();
            Ok((mine, others))
        })
        .await?;
    let t = staff.t;
    let review = if reviewer {
        others
            .iter()
            .filter(|k| k.state == KitState::Submitted)
            .map(|k| row(k, &t))
            .collect()
    } else {
        Vec::new()
    };
    render(&ListPage {
        frame: Frame::new(staff, t.msg("studio-lessons-title"), "/studio/lessons")
            .with_notice(notice),
        mine: mine.iter().map(|k| row(k, &t)).collect(),
        colleagues: others.iter().map(|k| row(k, &t)).collect(),
        review,
        error,
    })
}

/// `POST /studio/lessons`: a new, empty lesson or tour.
pub async fn create(
    State(app): State<App>,
    Teacher(staff): Teacher,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    let kit = Kit {
        title: form.get("title").trim().to_string(),
        purpose: Purpose::from_code(form.get("purpose")).unwrap_or_default(),
        grade_from: 1,
        grade_to: 11,
        ..Kit::default()
    };
    if let Err(invalid) = kit.validate() {
        let error = invalid
            .problems
            .into_iter()
            .map(|p| p.message)
            .collect::<Vec<_>>()
            .join(" ");
        return list_page(&app, &staff, None, error).await;
    }
    let owner = staff.user.id;
    let stored = app
        .accounts_call(move |a| a.create_kit(owner, &kit, jiff::Timestamp::now()))
        .await?;
    app.audit(staff.audit(
        "lesson",
        Some(format!("kit:{}", stored.id)),
        format!("создан «{}»", stored.kit.title),
    ))
    .await;
    Ok(see_other(&format!(
        "/studio/lessons/{}?done=created",
        stored.id
    )))
}

/// A block as the editor lists it.
pub struct BlockRow {
    pub index: usize,
    pub kind: String,
    pub title: String,
    pub href: String,
    /// «0:42–1:30», «фрагмент 20 %, 15 %…», the quote's opening.
    pub detail: String,
    /// A detail's picture as pupils will see it.
    pub preview: String,
    pub note: String,
    pub questions: Vec<QuestionRow>,
    /// The block's record is not public now: pupils will not see this block.
    pub hidden: bool,
    pub last: bool,
}

pub struct QuestionRow {
    pub index: usize,
    pub kind: String,
    pub prompt: String,
    pub key: String,
}

pub struct Found {
    pub id: i64,
    pub label: String,
    pub href: String,
}

pub struct LinkRow {
    pub code: String,
    pub href: String,
    pub age: String,
    pub until: String,
    pub open: bool,
}

pub struct Subject {
    pub code: &'static str,
    pub label: &'static str,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "studio/lesson_edit.html")]
struct EditPage {
    frame: Frame,
    id: i64,
    slug: String,
    kit: Kit,
    tour: bool,
    state: String,
    state_code: &'static str,
    review_note: String,
    author: String,
    mine: bool,
    reviewer: bool,
    subjects: Vec<Subject>,
    blocks: Vec<BlockRow>,
    found: Vec<Found>,
    find: String,
    pick: Option<Pick>,
    links: Vec<LinkRow>,
    key: bool,
    error: String,
    /// Which form the error is about, so it is shown there.
    error_at: String,
    age: String,
    today: String,
}

impl EditPage {
    fn grade_options(&self) -> Vec<u8> {
        (1..=11).collect()
    }
}

/// The kit this person may open, or 404.
async fn kit_for(app: &App, staff: &super::Staff, id: i64) -> Result<StoredKit, AppError> {
    let kit = app
        .accounts_call(move |a| a.kit(id))
        .await?
        .ok_or(AppError::NotFound)?;
    if may_open(&kit, Some(&staff.user)) {
        Ok(kit)
    } else {
        Err(AppError::NotFound)
    }
}

fn may_edit(kit: &StoredKit, staff: &super::Staff) -> bool {
    kit.owner == Some(staff.user.id) || staff.may(Permission::Administer)
}

/// `GET /studio/lessons/{id}[?find=…]`.
pub async fn page(
    State(app): State<App>,
    Teacher(staff): Teacher,
    Path(id): Path<i64>,
    query: Result<Query<Done>, QueryRejection>,
) -> Result<Response, AppError> {
    let q = query.map(|Query(q)| q).unwrap_or_default();
    let stored = kit_for(&app, &staff, id).await?;
    let pick = if q.detail.trim().is_empty() {
        None
    } else {
        Some(detail_pick(&app, &staff, &q.detail).await?)
    };
    edit_page(
        &app,
        &staff,
        stored,
        Some(&q.done),
        &q.find,
        pick,
        String::new(),
        "",
    )
    .await
}

/// The pictures of a record to cut a detail from: the editor's picker (`?detail=`).
pub struct Pick {
    /// What is wrong when nothing public answers to what the teacher named.
    pub missing: String,
    pub record: Option<Found>,
    pub images: Vec<PickImage>,
}

pub struct PickImage {
    pub number: usize,
    pub src: String,
    pub alt: String,
}

async fn detail_pick(app: &App, staff: &super::Staff, named: &str) -> Result<Pick, AppError> {
    let found = named_record(app, &staff.viewer, named).await?;
    let images = found
        .as_ref()
        .map(|r| {
            r.record
                .body
                .media()
                .into_iter()
                .filter(|m| crate::media::is_raster_image(&m.mime))
                .enumerate()
                .map(|(i, m)| PickImage {
                    number: i + 1,
                    src: format!("/media/{}", m.sha256),
                    alt: m
                        .alt
                        .clone()
                        .or_else(|| m.caption.clone())
                        .unwrap_or_default(),
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Pick {
        missing: staff.t.args(
            "studio-lesson-error-record",
            &[("named", named.trim().to_string().into())],
        ),
        record: found.map(|r| Found {
            id: r.record.id().0,
            label: r.record.title(),
            href: record_href(r.record.kind(), &r.record.meta.slug),
        }),
        images,
    })
}

#[allow(clippy::too_many_arguments)]
async fn edit_page(
    app: &App,
    staff: &super::Staff,
    stored: StoredKit,
    notice: Option<&str>,
    find: &str,
    pick: Option<Pick>,
    error: String,
    error_at: &str,
) -> Result<Response, AppError> {
    let t = staff.t;
    let viewer = staff.viewer.clone();
    let kit = stored.kit.clone();
    let seen = app.read(viewer.clone(), move |gate| gate.kit(&kit)).await?;
    let blocks: Vec<BlockRow> = stored
        .kit
        .blocks
        .iter()
        .enumerate()
        .map(|(index, b)| {
            let record = seen.referenced.get(&b.material.record());
            BlockRow {
                index,
                kind: t.msg(&format!("lesson-block-{}", b.material.code())),
                title: record
                    .map(|r| r.record.title())
                    .unwrap_or_else(|| t.msg("studio-lesson-hidden-record")),
                href: record
                    .map(|r| record_href(r.record.kind(), &r.record.meta.slug))
                    .unwrap_or_default(),
                detail: material_detail(&b.material),
                preview: match &b.material {
                    Material::Detail { sha256, crop, .. } => {
                        format!("/media/{sha256}/detail?crop={}", crop.to_param())
                    }
                    _ => String::new(),
                },
                note: b.note.clone(),
                questions: b
                    .questions
                    .iter()
                    .enumerate()
                    .map(|(qi, q)| QuestionRow {
                        index: qi,
                        kind: q.kind.label_ru().to_string(),
                        prompt: q.prompt.clone(),
                        key: key_line(q),
                    })
                    .collect(),
                hidden: seen.blocks.get(index).is_none_or(Option::is_none),
                last: index + 1 == stored.kit.blocks.len(),
            }
        })
        .collect();
    let found = if find.trim().chars().count() >= 2 {
        search(app, &viewer, find.trim()).await?
    } else {
        Vec::new()
    };
    let id = stored.id;
    let today = letopis_core::today();
    let links = app
        .accounts_call(move |a| a.class_links_of(id))
        .await?
        .into_iter()
        .map(|l| LinkRow {
            href: format!("/class/{}", l.code),
            age: AgeRating::from_years(l.max_age)
                .map(|a| a.label().to_string())
                .unwrap_or_default(),
            until: l.expires_on.strftime("%d.%m.%Y").to_string(),
            open: l.open_on(today),
            code: l.code,
        })
        .collect();
    let subjects = SUBJECTS
        .iter()
        .map(|(code, label)| Subject {
            code,
            label,
            checked: stored.kit.subjects.iter().any(|s| s == code),
        })
        .collect();
    render(&EditPage {
        frame: Frame::new(staff, stored.kit.title.clone(), "/studio/lessons").with_notice(notice),
        id: stored.id,
        slug: stored.slug.clone(),
        tour: stored.kit.purpose == Purpose::Tour,
        state: stored.state.label_ru().to_string(),
        state_code: stored.state.code(),
        review_note: stored.review_note.clone(),
        author: stored.owner_name.clone(),
        mine: may_edit(&stored, staff),
        reviewer: staff.may(Permission::Review),
        key: may_read_key(&stored, Some(&staff.user)),
        kit: stored.kit,
        subjects,
        blocks,
        found,
        find: find.trim().to_string(),
        pick,
        links,
        error,
        error_at: error_at.to_string(),
        age: seen.age.label().to_string(),
        today: today.to_string(),
    })
}

fn material_detail(m: &Material) -> String {
    use crate::shell::text::timecode;
    match m {
        Material::Fragment {
            start_ms, end_ms, ..
        } => format!("{}–{}", timecode(*start_ms), timecode(*end_ms)),
        Material::Detail { crop, .. } => format!(
            "x {:.0} %, y {:.0} %, {:.0} × {:.0} %",
            crop.x, crop.y, crop.w, crop.h
        ),
        Material::Quote { text, .. } => {
            let short: String = text.chars().take(120).collect();
            format!(
                "«{short}{}»",
                if text.chars().count() > 120 {
                    "…"
                } else {
                    ""
                }
            )
        }
        _ => String::new(),
    }
}

fn key_line(q: &Question) -> String {
    match q.kind {
        QuestionKind::Choice => q
            .correct
            .iter()
            .filter_map(|i| q.options.get(*i))
            .cloned()
            .collect::<Vec<_>>()
            .join("; "),
        QuestionKind::Order => q.options.join(" → "),
        _ => q.key.clone(),
    }
}

/// Published records matching `text`, as the teacher may see them.
async fn search(
    app: &App,
    viewer: &letopis_core::Viewer,
    text: &str,
) -> Result<Vec<Found>, AppError> {
    let text: String = text.chars().take(100).collect();
    let filter = viewer.filter(letopis_core::today());
    let ids = app
        .accounts_call(move |a| a.suggest(&text, &Kind::ALL, 15, &filter))
        .await?;
    let found = app
        .read(viewer.clone(), move |gate| gate.many(&ids))
        .await?;
    Ok(found
        .iter()
        .map(|r| Found {
            id: r.record.id().0,
            label: r.record.title(),
            href: record_href(r.record.kind(), &r.record.meta.slug),
        })
        .collect())
}

/// Reads a record named as the teacher may name it: its number («123», «№ 123»), its page's
/// address («https://…/persons/ivanov-ivan», «/persons/ivanov-ivan») — published, through the
/// public gate.
pub(crate) async fn named_record(
    app: &App,
    viewer: &letopis_core::Viewer,
    text: &str,
) -> Result<Option<StoredRecord>, AppError> {
    let text = text.trim();
    let digits = text.trim_start_matches('№').trim();
    if let Ok(n) = digits.parse::<i64>() {
        let found = app
            .read(viewer.clone(), move |gate| gate.many(&[RecordId(n)]))
            .await?;
        return Ok(found.into_iter().next());
    }
    let path = text
        .split_once("://")
        .map(|(_, rest)| rest.split_once('/').map(|(_, p)| p).unwrap_or(""))
        .unwrap_or(text);
    let path = path.split(['?', '#']).next().unwrap_or("");
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    let [plural, slug] = parts[..] else {
        return Ok(None);
    };
    let Some(kind) = Kind::from_plural(plural) else {
        return Ok(None);
    };
    let slug = percent_encoding::percent_decode_str(slug)
        .decode_utf8_lossy()
        .to_string();
    app.read(viewer.clone(), move |gate| gate.by_slug(kind, &slug))
        .await
}

/// Saves what the author changed; a published kit goes back to review.
async fn save(
    app: &App,
    staff: &super::Staff,
    stored: &StoredKit,
    kit: Kit,
) -> Result<Result<&'static str, String>, AppError> {
    if let Err(invalid) = kit.validate() {
        return Ok(Err(invalid
            .problems
            .into_iter()
            .map(|p| p.message)
            .collect::<Vec<_>>()
            .join(" ")));
    }
    let (state, notice) = if stored.state == KitState::Published {
        (KitState::Submitted, "lesson-resubmitted")
    } else {
        (stored.state, "saved")
    };
    let id = stored.id;
    app.accounts_call(move |a| a.save_kit(id, &kit, state, jiff::Timestamp::now()))
        .await?;
    if state != stored.state {
        app.audit(staff.audit(
            "lesson",
            Some(format!("kit:{id}")),
            "изменён опубликованный урок: снова на проверке",
        ))
        .await;
    }
    Ok(Ok(notice))
}

async fn mine(app: &App, staff: &super::Staff, id: i64) -> Result<StoredKit, AppError> {
    let stored = kit_for(app, staff, id).await?;
    if may_edit(&stored, staff) {
        Ok(stored)
    } else {
        Err(AppError::Forbidden)
    }
}

/// After a change: back to the editor with its notice, or the editor with the error at `at`.
async fn after(
    app: &App,
    staff: &super::Staff,
    stored: StoredKit,
    outcome: Result<&'static str, String>,
    at: &str,
) -> Result<Response, AppError> {
    match outcome {
        Ok(notice) => Ok(see_other(&format!(
            "/studio/lessons/{}?done={notice}#{at}",
            stored.id
        ))),
        Err(error) => {
            let response = edit_page(app, staff, stored, None, "", None, error, at).await?;
            let mut response = response;
            *response.status_mut() = axum::http::StatusCode::BAD_REQUEST;
            Ok(response)
        }
    }
}

/// `POST /studio/lessons/{id}`: the kit's description.
pub async fn describe(
    State(app): State<App>,
    Teacher(staff): Teacher,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    let stored = mine(&app, &staff, id).await?;
    let mut kit = stored.kit.clone();
    kit.title = form.get("title").trim().to_string();
    let number = |name: &str, default: u16| -> Result<u16, String> {
        let v = form.get(name).trim();
        if v.is_empty() {
            return Ok(default);
        }
        v.parse::<u16>()
            .map_err(|_| staff.t.msg("studio-lesson-error-number"))
    };
    let parsed = (|| -> Result<(), String> {
        kit.grade_from = number("grade_from", 1)?.min(255) as u8;
        kit.grade_to = number("grade_to", 11)?.min(255) as u8;
        kit.minutes = number("minutes", 0)?;
        Ok(())
    })();
    kit.subjects = form
        .all("subject")
        .into_iter()
        .map(str::to_string)
        .collect();
    kit.topic = form.get("topic").trim().to_string();
    kit.goals = form.get("goals").trim().to_string();
    kit.intro = form.get("intro").trim().to_string();
    let outcome = match parsed {
        Err(e) => Err(e),
        Ok(()) => save(&app, &staff, &stored, kit.clone()).await?,
    };
    if outcome.is_err() {
        // Show what was typed, not what was stored.
        let mut shown = stored;
        shown.kit = kit;
        return after(&app, &staff, shown, outcome, "about").await;
    }
    after(&app, &staff, stored, outcome, "about").await
}

/// `POST /studio/lessons/{id}/blocks`: adds a block (`material` says which kind).
pub async fn add_block(
    State(app): State<App>,
    Teacher(staff): Teacher,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    let stored = mine(&app, &staff, id).await?;
    if stored.kit.blocks.len() >= MAX_BLOCKS {
        let error = staff.t.msg("studio-lesson-error-too-many");
        return after(&app, &staff, stored, Err(error), "add").await;
    }
    let material = match material_from(&app, &staff, &form).await? {
        Ok(m) => m,
        Err(error) => return after(&app, &staff, stored, Err(error), "add").await,
    };
    let mut kit = stored.kit.clone();
    kit.blocks.push(KitBlock {
        material,
        note: form.get("note").trim().to_string(),
        questions: Vec::new(),
    });
    let outcome = save(&app, &staff, &stored, kit).await?;
    let at = format!("block-{}", stored.kit.blocks.len());
    after(
        &app,
        &staff,
        stored,
        outcome.map(|_| "lesson-block-added"),
        &at,
    )
    .await
}

/// The block's material from the add-block form, or what is wrong with it.
async fn material_from(
    app: &App,
    staff: &super::Staff,
    form: &Submitted<'_>,
) -> Result<Result<Material, String>, AppError> {
    let t = staff.t;
    let kind = form.get("material");
    let named = form.get("record");
    if named.trim().is_empty() {
        return Ok(Err(t.msg("studio-lesson-error-record-empty")));
    }
    let Some(record) = named_record(app, &staff.viewer, named).await? else {
        return Ok(Err(t.args(
            "studio-lesson-error-record",
            &[("named", named.trim().to_string().into())],
        )));
    };
    let id = record.record.id();
    let body = &record.record.body;
    let wrong = |key: &str| Ok(Err(t.msg(key)));
    Ok(Ok(match kind {
        "record" => Material::Record { record: id },
        "fragment" => {
            let Body::Interview(interview) = body else {
                return wrong("studio-lesson-error-not-interview");
            };
            let (Some(start_ms), Some(end_ms)) = (
                parse_timecode(form.get("start")),
                parse_timecode(form.get("end")),
            ) else {
                return wrong("studio-lesson-error-timecode");
            };
            let length: u32 = interview.recordings.iter().map(|r| r.duration_ms).sum();
            if end_ms <= start_ms || (length > 0 && end_ms > length) {
                return Ok(Err(t.args(
                    "studio-lesson-error-span",
                    &[("length", crate::shell::text::timecode(length).into())],
                )));
            }
            Material::Fragment {
                interview: id,
                start_ms,
                end_ms,
            }
        }
        "detail" => {
            let images: Vec<_> = body
                .media()
                .into_iter()
                .filter(|m| crate::media::is_raster_image(&m.mime))
                .collect();
            let n: usize = form.get("image").trim().parse().unwrap_or(1);
            let Some(image) = images.get(n.saturating_sub(1)) else {
                return Ok(Err(t.args(
                    "studio-lesson-error-image",
                    &[("count", images.len().to_string().into())],
                )));
            };
            let value = |k: &str| form.get(k).trim().replace(',', ".").parse::<f32>().ok();
            let crop = match (value("x"), value("y"), value("w"), value("h")) {
                (Some(x), Some(y), Some(w), Some(h)) => Crop::new(x, y, w, h),
                _ => None,
            };
            let Some(crop) = crop else {
                return wrong("studio-lesson-error-crop");
            };
            Material::Detail {
                record: id,
                sha256: image.sha256.clone(),
                crop,
            }
        }
        "quote" => {
            if !matches!(
                record.record.kind(),
                Kind::Item | Kind::Source | Kind::Story
            ) {
                return wrong("studio-lesson-error-not-document");
            }
            Material::Quote {
                record: id,
                text: form.get("quote").trim().to_string(),
            }
        }
        "place" => {
            if record.record.kind() != Kind::Place {
                return wrong("studio-lesson-error-not-place");
            }
            Material::Place { place: id }
        }
        "moment" => {
            let dated = match body {
                Body::Event(e) => e.date.is_some(),
                Body::Item(i) => i.date.is_some(),
                _ => false,
            };
            if !dated {
                return wrong("studio-lesson-error-not-dated");
            }
            Material::Moment { record: id }
        }
        _ => return wrong("studio-lesson-error-material"),
    }))
}

/// `POST /studio/lessons/{id}/blocks/{n}`: `action` = note (save the note), up, down, delete.
pub async fn block(
    State(app): State<App>,
    Teacher(staff): Teacher,
    Path((id, n)): Path<(i64, usize)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    let stored = mine(&app, &staff, id).await?;
    let mut kit = stored.kit.clone();
    if n >= kit.blocks.len() {
        return Err(AppError::NotFound);
    }
    let mut at = n;
    match form.get("action") {
        "note" => kit.blocks[n].note = form.get("note").trim().to_string(),
        "up" if n > 0 => {
            kit.blocks.swap(n, n - 1);
            at = n - 1;
        }
        "down" if n + 1 < kit.blocks.len() => {
            kit.blocks.swap(n, n + 1);
            at = n + 1;
        }
        "delete" => {
            kit.blocks.remove(n);
            at = n.saturating_sub(1);
        }
        _ => return Err(AppError::NotFound),
    }
    let outcome = save(&app, &staff, &stored, kit).await?;
    after(&app, &staff, stored, outcome, &format!("block-{at}")).await
}

/// `POST /studio/lessons/{id}/blocks/{n}/questions`: adds a question or task to block `n`.
pub async fn add_question(
    State(app): State<App>,
    Teacher(staff): Teacher,
    Path((id, n)): Path<(i64, usize)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    let stored = mine(&app, &staff, id).await?;
    if n >= stored.kit.blocks.len() {
        return Err(AppError::NotFound);
    }
    let at = format!("block-{n}");
    if stored.kit.blocks[n].questions.len() >= MAX_QUESTIONS {
        let error = staff.t.msg("studio-lesson-error-questions");
        return after(&app, &staff, stored, Err(error), &at).await;
    }
    let kind = QuestionKind::from_code(form.get("kind")).unwrap_or(QuestionKind::Open);
    let lines: Vec<&str> = form
        .get("options")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut options = Vec::new();
    let mut correct = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        match line.strip_prefix('*') {
            Some(right) if kind == QuestionKind::Choice => {
                correct.push(i);
                options.push(right.trim().to_string());
            }
            _ => options.push(line.to_string()),
        }
    }
    let mut place = None;
    if kind == QuestionKind::Map && !form.get("place").trim().is_empty() {
        match named_record(&app, &staff.viewer, form.get("place")).await? {
            Some(r) if r.record.kind() == Kind::Place => place = Some(r.record.id()),
            _ => {
                let error = staff.t.msg("studio-lesson-error-not-place");
                return after(&app, &staff, stored, Err(error), &at).await;
            }
        }
    }
    let question = Question {
        kind,
        prompt: form.get("prompt").trim().to_string(),
        options: if matches!(kind, QuestionKind::Choice | QuestionKind::Order) {
            options
        } else {
            Vec::new()
        },
        correct,
        key: form.get("key").trim().to_string(),
        place,
    };
    let mut kit = stored.kit.clone();
    kit.blocks[n].questions.push(question);
    let outcome = save(&app, &staff, &stored, kit).await?;
    after(
        &app,
        &staff,
        stored,
        outcome.map(|_| "lesson-question-added"),
        &at,
    )
    .await
}

/// `POST /studio/lessons/{id}/blocks/{n}/questions/{q}/delete`.
pub async fn delete_question(
    State(app): State<App>,
    Teacher(staff): Teacher,
    Path((id, n, q)): Path<(i64, usize, usize)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    let stored = mine(&app, &staff, id).await?;
    let mut kit = stored.kit.clone();
    let Some(block) = kit.blocks.get_mut(n) else {
        return Err(AppError::NotFound);
    };
    if q >= block.questions.len() {
        return Err(AppError::NotFound);
    }
    block.questions.remove(q);
    let outcome = save(&app, &staff, &stored, kit).await?;
    after(&app, &staff, stored, outcome, &format!("block-{n}")).await
}

/// `POST /studio/lessons/{id}/state`: `to` = private, shared, submitted (the author), published
/// or returned (an expert, with `note`), or copy (a colleague takes a copy of her own).
pub async fn state(
    State(app): State<App>,
    Teacher(staff): Teacher,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    let stored = kit_for(&app, &staff, id).await?;
    let author = may_edit(&stored, &staff);
    let reviewer = staff.may(Permission::Review) && stored.state == KitState::Submitted;
    let note = form.get("note").trim().to_string();
    let (to, notice, what) = match form.get("to") {
        "copy" => {
            let mut kit = stored.kit.clone();
            kit.title = format!("{} ({})", kit.title, staff.t.msg("studio-lesson-copy"));
            kit.title = kit.title.chars().take(200).collect();
            let owner = staff.user.id;
            let copy = app
                .accounts_call(move |a| a.create_kit(owner, &kit, jiff::Timestamp::now()))
                .await?;
            app.audit(staff.audit(
                "lesson",
                Some(format!("kit:{}", copy.id)),
                format!("копия урока № {id}"),
            ))
            .await;
            return Ok(see_other(&format!(
                "/studio/lessons/{}?done=created",
                copy.id
            )));
        }
        "private" if author => (KitState::Private, "saved", "личный"),
        "shared" if author => (KitState::Shared, "lesson-shared", "виден коллегам"),
        "submitted" if author && stored.state != KitState::Published => {
            (KitState::Submitted, "submitted", "отправлен на публикацию")
        }
        "published" if reviewer => (KitState::Published, "published", "опубликован"),
        "returned" if reviewer => {
            if note.is_empty() {
                let error = staff.t.msg("studio-lesson-error-return-note");
                return after(&app, &staff, stored, Err(error), "state").await;
            }
            (KitState::Shared, "returned", "возвращён автору")
        }
        _ => return Err(AppError::Forbidden),
    };
    let kept_note = if form.get("to") == "returned" {
        note.clone()
    } else {
        String::new()
    };
    app.accounts_call(move |a| a.set_kit_state(id, to, &kept_note, jiff::Timestamp::now()))
        .await?;
    let detail = if note.is_empty() {
        format!("«{}»: {what}", stored.kit.title)
    } else {
        format!("«{}»: {what} — {note}", stored.kit.title)
    };
    app.audit(staff.audit("lesson", Some(format!("kit:{id}")), detail))
        .await;
    Ok(see_other(&format!("/studio/lessons/{id}?done={notice}")))
}

/// `POST /studio/lessons/{id}/links`: a class link with an age limit and a last day.
pub async fn add_link(
    State(app): State<App>,
    Teacher(staff): Teacher,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    let stored = kit_for(&app, &staff, id).await?;
    let t = staff.t;
    let today = letopis_core::today();
    let age = form
        .get("age")
        .trim()
        .parse::<u8>()
        .ok()
        .filter(|a| matches!(a, 0 | 6 | 12 | 16));
    let until = form.get("until").trim().parse::<jiff::civil::Date>().ok();
    let latest = today
        .checked_add(jiff::Span::new().days(365))
        .unwrap_or(today);
    let (Some(age), Some(until)) = (age, until.filter(|d| *d >= today && *d <= latest)) else {
        let error = t.msg("studio-lesson-error-link");
        return after(&app, &staff, stored, Err(error), "links").await;
    };
    let mut made = None;
    for _ in 0..8 {
        let link = ClassLink {
            code: new_code(),
            kit: id,
            max_age: age,
            expires_on: until,
            created_by: Some(staff.user.id),
            created_at: jiff::Timestamp::now(),
        };
        let kept = link.clone();
        let taken = app
            .accounts_call(move |a| match a.create_class_link(&kept) {
                Ok(()) => Ok(false),
                // A code already taken: draw another.
                Err(letopis_store::StoreError::Duplicate { .. }) => Ok(true),
                Err(e) => Err(e),
            })
            .await?;
        if !taken {
            made = Some(link);
            break;
        }
    }
    let Some(link) = made else {
        return Err(AppError::Internal);
    };
    app.audit(staff.audit(
        "lesson",
        Some(format!("kit:{id}")),
        format!(
            "ссылка для класса {} ({}+, до {})",
            link.code, link.max_age, link.expires_on
        ),
    ))
    .await;
    Ok(see_other(&format!(
        "/studio/lessons/{id}?done=lesson-link#links"
    )))
}

/// Six characters of [`letopis_core::lesson::CODE_ALPHABET`]: 887 million codes.
fn new_code() -> String {
    let alphabet = letopis_core::lesson::CODE_ALPHABET;
    let mut bytes = [0u8; 6];
    getrandom::fill(&mut bytes).expect("the OS random source");
    bytes
        .iter()
        .map(|b| char::from(alphabet[usize::from(*b) % alphabet.len()]))
        .collect()
}

/// `POST /studio/lessons/{id}/links/{code}/end`: the link stops opening today.
pub async fn end_link(
    State(app): State<App>,
    Teacher(staff): Teacher,
    Path((id, code)): Path<(i64, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    kit_for(&app, &staff, id).await?;
    let code = normalize_code(&code).ok_or(AppError::NotFound)?;
    let links = app.accounts_call(move |a| a.class_links_of(id)).await?;
    if !links.iter().any(|l| l.code == code) {
        return Err(AppError::NotFound);
    }
    let yesterday = letopis_core::today()
        .yesterday()
        .map_err(|_| AppError::Internal)?;
    let ended = code.clone();
    app.accounts_call(move |a| a.end_class_link(&ended, yesterday))
        .await?;
    app.audit(staff.audit(
        "lesson",
        Some(format!("kit:{id}")),
        format!("ссылка {code} закрыта"),
    ))
    .await;
    Ok(see_other(&format!(
        "/studio/lessons/{id}?done=lesson-link-ended#links"
    )))
}

/// `POST /studio/lessons/{id}/delete`: the author deletes the kit and its class links.
pub async fn delete(
    State(app): State<App>,
    Teacher(staff): Teacher,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    let stored = mine(&app, &staff, id).await?;
    if form.get("sure") != "yes" {
        let error = staff.t.msg("studio-lesson-error-sure");
        return after(&app, &staff, stored, Err(error), "state").await;
    }
    app.accounts_call(move |a| a.delete_kit(id)).await?;
    app.audit(staff.audit(
        "lesson",
        Some(format!("kit:{id}")),
        format!("удалён «{}»", stored.kit.title),
    ))
    .await;
    Ok(see_other("/studio/lessons?done=lesson-deleted"))
}
