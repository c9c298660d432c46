//! `/lessons`, `/lessons/{slug}` and its presentation and worksheet, `/tours/{slug}`.

use super::view::{self, KitCard, KitView, Options};
use super::{Reader, may_read_key, openable};
use crate::public::{Layout, PageContext, render_html};
use crate::shell::error::AppError;
use crate::shell::i18n::{Message, Tr};
use crate::{App, CurrentViewer};
use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Html;
use letopis_core::lesson::{KitState, Purpose, SUBJECTS};
use letopis_store::lessons::StoredKit;
use serde::Deserialize;

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct ListParams {
    grade: String,
    subject: String,
    topic: String,
}

pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "lessons/list.html")]
struct ListPage {
    layout: Layout,
    t: Tr,
    kits: Vec<KitCard>,
    grades: Vec<Choice>,
    subjects: Vec<Choice>,
    topic: String,
    count: String,
    filtered: bool,
}

/// `GET /lessons?grade=&subject=&topic=`: the published lesson kits.
pub async fn list(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
    query: Result<Query<ListParams>, QueryRejection>,
) -> Result<Html<String>, AppError> {
    let t = ctx.t;
    let params = query
        .map(|Query(p)| p)
        .map_err(|_| AppError::BadRequest(Message::new("error-query-string")))?;
    let grade = match params.grade.trim() {
        "" => None,
        g => Some(
            g.parse::<u8>()
                .ok()
                .filter(|g| (1..=11).contains(g))
                .ok_or_else(|| AppError::BadRequest(Message::new("lesson-error-grade")))?,
        ),
    };
    let subject = params.subject.trim().to_string();
    if !subject.is_empty() && letopis_core::lesson::subject_label(&subject).is_none() {
        return Err(AppError::BadRequest(Message::new("lesson-error-subject")));
    }
    let topic = params.topic.trim().to_lowercase();
    let published = app
        .accounts_call(|a| a.kits_in(&[KitState::Published]))
        .await?;
    let chosen: Vec<StoredKit> = published
        .into_iter()
        .filter(|k| k.kit.purpose == Purpose::Lesson)
        .filter(|k| grade.is_none_or(|g| k.kit.grade_from <= g && g <= k.kit.grade_to))
        .filter(|k| subject.is_empty() || k.kit.subjects.contains(&subject))
        .filter(|k| {
            topic.is_empty()
                || k.kit.topic.to_lowercase().contains(&topic)
                || k.kit.title.to_lowercase().contains(&topic)
        })
        .collect();
    let limit = viewer.max_age;
    let kits = rated(&app, viewer, chosen).await?;
    // School mode hides a kit whose strictest block is above its limit: the class would find
    // it with holes.
    let cards: Vec<KitCard> = kits
        .iter()
        .filter(|(_, age)| limit.is_none_or(|max| *age <= max))
        .map(|(k, age)| view::card_of(k, *age, &t))
        .collect();
    let grades = (1..=11)
        .map(|g: u8| Choice {
            value: g.to_string(),
            label: t.args("lesson-grade", &[("grade", g.to_string().into())]),
            selected: grade == Some(g),
        })
        .collect();
    let subjects = SUBJECTS
        .iter()
        .map(|(code, label)| Choice {
            value: code.to_string(),
            label: label.to_string(),
            selected: subject == *code,
        })
        .collect();
    render_html(&ListPage {
        layout: ctx.layout(&app, t.msg("lessons-title")),
        count: t.count("lesson-count", cards.len() as u64),
        kits: cards,
        grades,
        subjects,
        topic: params.topic.trim().to_string(),
        filtered: grade.is_some() || !subject.is_empty() || !topic.is_empty(),
        t,
    })
}

/// Each kit with its rating, read through the gate.
pub(crate) async fn rated(
    app: &App,
    viewer: letopis_core::Viewer,
    kits: Vec<StoredKit>,
) -> Result<Vec<(StoredKit, letopis_core::AgeRating)>, AppError> {
    app.read(viewer, move |gate| {
        kits.into_iter()
            .map(|k| {
                let age = gate.kit_rating(&k.kit)?;
                Ok((k, age))
            })
            .collect()
    })
    .await
}

#[derive(Template)]
#[template(path = "lessons/kit.html")]
struct KitPage {
    layout: Layout,
    t: Tr,
    kit: KitView,
    /// The teacher's controls (present, worksheet, key, edit), for a teacher who may use them.
    teacher: Option<TeacherLinks>,
    /// Opened from a class link: the code, shown so a pupil can find the page again.
    class_code: String,
    /// The kit cannot be seen whole in school mode: what the page says about the missing part.
    absent_note: String,
}

pub struct TeacherLinks {
    pub edit: String,
    pub key: bool,
}

/// `GET /lessons/{slug}`.
pub async fn kit(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    Reader(user): Reader,
    ctx: PageContext,
    Path(slug): Path<String>,
) -> Result<Html<String>, AppError> {
    let stored = openable(&app, &slug, user.as_ref()).await?;
    let teacher = user
        .as_ref()
        .filter(|u| u.roles.may(letopis_core::account::Permission::Teach))
        .map(|u| TeacherLinks {
            edit: if stored.owner == Some(u.id) {
                format!("/studio/lessons/{}", stored.id)
            } else {
                String::new()
            },
            key: may_read_key(&stored, user.as_ref()),
        });
    kit_page(&app, viewer, ctx, &stored, teacher, String::new()).await
}

pub(crate) async fn kit_page(
    app: &App,
    viewer: letopis_core::Viewer,
    ctx: PageContext,
    stored: &StoredKit,
    teacher: Option<TeacherLinks>,
    class_code: String,
) -> Result<Html<String>, AppError> {
    let t = ctx.t;
    let kit = view::read(app, viewer, stored, t, Options { with_key: false }).await?;
    let absent_note = if kit.absent > 0 {
        t.count("lesson-absent", kit.absent as u64)
    } else {
        String::new()
    };
    let mut layout = ctx.layout(app, kit.title.clone());
    layout.current = "/lessons".into();
    render_html(&KitPage {
        layout,
        t,
        kit,
        teacher,
        class_code,
        absent_note,
    })
}

#[derive(Template)]
#[template(path = "lessons/present.html")]
pub(crate) struct PresentPage {
    pub layout: Layout,
    pub t: Tr,
    pub kit: KitView,
    /// Where «Выйти» leads: the kit's page, or the kiosk's start on a hall screen.
    pub exit: String,
    /// A tour on a hall screen: the kiosk's idle reset applies.
    pub kiosk: bool,
    /// A screen following a guide's phone: the address of its state (`tours`); empty otherwise.
    pub follow: String,
    /// The screen to open at: 0 is the title, then one per block.
    pub start: usize,
    pub kit_id: i64,
}

/// `GET /lessons/{slug}/present`: one block per screen for a projector or a whiteboard.
pub async fn present(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    Reader(user): Reader,
    ctx: PageContext,
    Path(slug): Path<String>,
) -> Result<Html<String>, AppError> {
    let stored = openable(&app, &slug, user.as_ref()).await?;
    let exit = format!("/lessons/{}", stored.slug);
    present_page(&app, viewer, ctx, &stored, exit).await
}

async fn present_page(
    app: &App,
    viewer: letopis_core::Viewer,
    ctx: PageContext,
    stored: &StoredKit,
    exit: String,
) -> Result<Html<String>, AppError> {
    let t = ctx.t;
    let kiosk = ctx.prefs.kiosk.is_some();
    let kit = view::read(app, viewer, stored, t, Options { with_key: false }).await?;
    let layout = ctx.layout(app, kit.title.clone());
    render_html(&PresentPage {
        layout,
        t,
        kit,
        exit: if kiosk { "/kiosk".into() } else { exit },
        kiosk,
        follow: String::new(),
        start: 0,
        kit_id: stored.id,
    })
}

/// `GET /tours/{slug}`: a published tour played by a visitor on a hall screen (or anywhere):
/// the presentation, stop by stop.
pub async fn tour(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    Reader(user): Reader,
    ctx: PageContext,
    Path(slug): Path<String>,
) -> Result<Html<String>, AppError> {
    let stored = openable(&app, &slug, user.as_ref()).await?;
    if stored.kit.purpose != Purpose::Tour {
        return Err(AppError::NotFound);
    }
    present_page(&app, viewer, ctx, &stored, "/".into()).await
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct SheetParams {
    key: String,
    class: String,
}

#[derive(Template)]
#[template(path = "lessons/worksheet.html")]
struct SheetPage {
    layout: Layout,
    t: Tr,
    kit: KitView,
    with_key: bool,
    /// The class link's code and QR code; empty when the kit has none and is not published.
    code: String,
    address: String,
    qr: String,
}

/// `GET /lessons/{slug}/worksheet[?key=1][&class=CODE]`: the A4 sheet with the questions and
/// the class link's QR code; `key=1` is the teacher's copy with the answers.
pub async fn worksheet(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    Reader(user): Reader,
    ctx: PageContext,
    headers: HeaderMap,
    Path(slug): Path<String>,
    query: Result<Query<SheetParams>, QueryRejection>,
) -> Result<Html<String>, AppError> {
    let t = ctx.t;
    let params = query.map(|Query(p)| p).unwrap_or_default();
    let stored = openable(&app, &slug, user.as_ref()).await?;
    let with_key = params.key == "1";
    if with_key && !may_read_key(&stored, user.as_ref()) {
        return Err(AppError::Forbidden);
    }
    let today = letopis_core::today();
    let id = stored.id;
    let links = app.accounts_call(move |a| a.class_links_of(id)).await?;
    let wanted = letopis_core::lesson::normalize_code(&params.class);
    let link = links
        .iter()
        .filter(|l| l.open_on(today))
        .find(|l| wanted.as_ref().is_none_or(|w| *w == l.code));
    let base = crate::shell::base_url::printed_base(&app, &headers);
    let (code, path) = match link {
        Some(l) => (l.code.clone(), format!("/class/{}", l.code)),
        None if stored.state == KitState::Published => {
            (String::new(), format!("/lessons/{}", stored.slug))
        }
        None => (String::new(), String::new()),
    };
    let address = if path.is_empty() {
        String::new()
    } else {
        format!("{base}{path}")
    };
    let qr = if address.is_empty() {
        String::new()
    } else {
        super::qr::svg(&address, &t.msg("lesson-qr-label")).unwrap_or_default()
    };
    let kit = view::read(&app, viewer, &stored, t, Options { with_key }).await?;
    let layout = ctx.layout(&app, kit.title.clone());
    render_html(&SheetPage {
        layout,
        t,
        kit,
        with_key,
        code,
        address,
        qr,
    })
}
