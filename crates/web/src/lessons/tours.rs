//! A guide drives the hall's big screen from a phone (issue #17). The screen needs no account:
//!
//! 1. the screen opens `/kiosk/pair`, which gives it a secret address of its own
//!    (`/kiosk/pair/{secret}`) and shows a six-digit code with a QR code of `/guide?code=…`;
//! 2. the guide, signed in on the phone, types the code (or scans it) at `/guide` and picks a
//!    tour or a lesson kit; the phone becomes the remote at `/guide/{code}`;
//! 3. the screen asks `/kiosk/pair/{secret}/state` every second and shows the stop the guide
//!    chose; what it shows is read through the gate with the screen's own viewer (a kiosk is
//!    in school mode), never the guide's.
//!
//! Pairings live in this process's memory: they last a tour, not a restart (the screen then
//! shows a new code). Unpaired codes expire after [`CODE_TTL`], pairings after [`PAIR_TTL`]
//! without a word from the guide; at most [`MAX_PAIRINGS`] are kept, the oldest dropped.

use super::pages::PresentPage;
use super::view::{self, KitView, Options};
use super::{may_open, qr};
use crate::public::{Layout, PageContext, render_html};
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use crate::studio::form::Submitted;
use crate::studio::{Teacher, see_other};
use crate::{App, CurrentViewer};
use askama::Template;
use axum::Form;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Json, Redirect, Response};
use letopis_core::lesson::KitState;
use letopis_store::lessons::StoredKit;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const CODE_TTL: Duration = Duration::from_secs(15 * 60);
pub const PAIR_TTL: Duration = Duration::from_secs(3 * 60 * 60);
pub const MAX_PAIRINGS: usize = 64;
/// Wrong codes a guide may type in ten minutes.
const CODE_TRIES: u64 = 20;

#[derive(Debug, Clone)]
struct Pairing {
    code: String,
    kit: Option<i64>,
    step: usize,
    version: u64,
    touched: Instant,
}

/// The screens waiting for a guide or following one.
#[derive(Default)]
pub struct Pairings {
    by_secret: Mutex<HashMap<String, Pairing>>,
}

fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("the OS random source");
    hex::encode(buf)
}

fn random_code() -> String {
    let mut buf = [0u8; 4];
    getrandom::fill(&mut buf).expect("the OS random source");
    format!("{:06}", u32::from_le_bytes(buf) % 1_000_000)
}

impl Pairings {
    fn prune(map: &mut HashMap<String, Pairing>, now: Instant) {
        map.retain(|_, p| {
            let ttl = if p.kit.is_some() { PAIR_TTL } else { CODE_TTL };
            now.duration_since(p.touched) < ttl
        });
        while map.len() >= MAX_PAIRINGS {
            let Some(oldest) = map
                .iter()
                .min_by_key(|(_, p)| p.touched)
                .map(|(s, _)| s.clone())
            else {
                break;
            };
            map.remove(&oldest);
        }
    }

    /// A new screen: its secret and the code it shows.
    pub fn open_screen(&self) -> (String, String) {
        let now = Instant::now();
        let mut map = self.by_secret.lock().unwrap_or_else(|e| e.into_inner());
        Self::prune(&mut map, now);
        let mut code = random_code();
        while map.values().any(|p| p.code == code) {
            code = random_code();
        }
        let secret = random_hex(16);
        map.insert(
            secret.clone(),
            Pairing {
                code: code.clone(),
                kit: None,
                step: 0,
                version: 0,
                touched: now,
            },
        );
        (secret, code)
    }

    fn with_secret<T>(&self, secret: &str, f: impl FnOnce(&mut Pairing) -> T) -> Option<T> {
        let now = Instant::now();
        let mut map = self.by_secret.lock().unwrap_or_else(|e| e.into_inner());
        Self::prune(&mut map, now);
        map.get_mut(secret).map(f)
    }

    fn with_code<T>(&self, code: &str, f: impl FnOnce(&mut Pairing) -> T) -> Option<T> {
        let now = Instant::now();
        let mut map = self.by_secret.lock().unwrap_or_else(|e| e.into_inner());
        Self::prune(&mut map, now);
        map.values_mut().find(|p| p.code == code).map(|p| {
            p.touched = now;
            f(p)
        })
    }
}

#[derive(Serialize)]
struct ScreenState {
    paired: bool,
    kit: Option<i64>,
    step: usize,
    version: u64,
}

fn no_store(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}

/// `GET /kiosk/pair`: a new screen and its code. The page takes its own address
/// (`/kiosk/pair/{secret}`) in the browser's history, so a reload keeps the code; it is not a
/// redirect, which a screen on a slow network would show as a blank moment.
pub async fn screen(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let (secret, _) = app.pairings().open_screen();
    screen_stop(
        State(app),
        CurrentViewer(viewer),
        ctx,
        headers,
        Path(secret),
    )
    .await
}

#[derive(Template)]
#[template(path = "lessons/pair_screen.html")]
struct WaitingPage {
    layout: Layout,
    t: Tr,
    code: String,
    address: String,
    qr: String,
    state: String,
    /// The screen's own address, for the browser's history.
    here: String,
}

/// `GET /kiosk/pair/{secret}`: the code while no guide has paired, then the guide's stop.
pub async fn screen_stop(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
    headers: HeaderMap,
    Path(secret): Path<String>,
) -> Result<Response, AppError> {
    let t = ctx.t;
    let Some(pairing) = app.pairings().with_secret(&secret, |p| p.clone()) else {
        // Expired (or the portal restarted): a fresh code.
        return Ok(no_store(Redirect::to("/kiosk/pair").into_response()));
    };
    let state = format!("/kiosk/pair/{secret}/state");
    let Some(kit_id) = pairing.kit else {
        let address = format!(
            "{}/guide?code={}",
            crate::shell::base_url::printed_base(&app, &headers),
            pairing.code
        );
        let page = render_html(&WaitingPage {
            layout: ctx.layout(&app, t.msg("pair-title")),
            qr: qr::svg(&address, &t.msg("pair-qr-label")).unwrap_or_default(),
            address,
            code: pairing.code,
            state,
            here: format!("/kiosk/pair/{secret}"),
            t,
        })?;
        return Ok(no_store(page.into_response()));
    };
    let Some(stored) = app.accounts_call(move |a| a.kit(kit_id)).await? else {
        return Ok(no_store(Redirect::to("/kiosk/pair").into_response()));
    };
    let kit = view::read(&app, viewer, &stored, t, Options { with_key: false }).await?;
    let page = render_html(&PresentPage {
        layout: ctx.layout(&app, kit.title.clone()),
        start: pairing.step.min(kit.blocks.len()),
        kit,
        exit: "/kiosk".into(),
        kiosk: false,
        follow: state,
        kit_id,
        t,
    })?;
    Ok(no_store(page.into_response()))
}

/// `GET /kiosk/pair/{secret}/state`: what the screen should show (asked every second).
pub async fn screen_state(State(app): State<App>, Path(secret): Path<String>) -> Response {
    match app.pairings().with_secret(&secret, |p| ScreenState {
        paired: p.kit.is_some(),
        kit: p.kit,
        step: p.step,
        version: p.version,
    }) {
        Some(state) => no_store(Json(state).into_response()),
        None => no_store(StatusCode::NOT_FOUND.into_response()),
    }
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct GuideParams {
    code: String,
}

pub struct KitChoice {
    pub id: i64,
    pub label: String,
}

#[derive(Template)]
#[template(path = "lessons/guide.html")]
struct GuidePage {
    layout: Layout,
    t: Tr,
    csrf: String,
    code: String,
    tours: Vec<KitChoice>,
    lessons: Vec<KitChoice>,
    error: String,
}

/// The kits a guide may put on a screen: their own, colleagues' shared ones and the published.
async fn choices(app: &App, teacher: &Teacher) -> Result<Vec<StoredKit>, AppError> {
    let user = teacher.0.user.clone();
    app.accounts_call(move |a| {
        let mut kits = a.kits_of(user.id)?;
        for k in a.kits_in(&[KitState::Shared, KitState::Submitted, KitState::Published])? {
            if !kits.iter().any(|m| m.id == k.id) && may_open(&k, Some(&user)) {
                kits.push(k);
            }
        }
        Ok(kits)
    })
    .await
}

async fn guide_page(
    app: &App,
    ctx: &PageContext,
    teacher: &Teacher,
    code: String,
    error: String,
) -> Result<Response, AppError> {
    let t = ctx.t;
    let kits = choices(app, teacher).await?;
    let (tours, lessons): (Vec<_>, Vec<_>) = kits
        .into_iter()
        .partition(|k| k.kit.purpose == letopis_core::lesson::Purpose::Tour);
    let pick = |k: StoredKit| KitChoice {
        id: k.id,
        label: k.kit.title,
    };
    let status = if error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let page = render_html(&GuidePage {
        layout: ctx.layout(app, t.msg("guide-title")),
        csrf: teacher.0.csrf.clone(),
        code,
        tours: tours.into_iter().map(pick).collect(),
        lessons: lessons.into_iter().map(pick).collect(),
        error,
        t,
    })?;
    Ok(no_store((status, page).into_response()))
}

/// `GET /guide[?code=…]`: the guide's phone — the screen's code and the tour to show.
pub async fn guide_form(
    State(app): State<App>,
    teacher: Teacher,
    ctx: PageContext,
    query: Result<Query<GuideParams>, QueryRejection>,
) -> Result<Response, AppError> {
    let code = query.map(|Query(p)| p.code).unwrap_or_default();
    let code: String = code.chars().filter(char::is_ascii_digit).take(6).collect();
    guide_page(&app, &ctx, &teacher, code, String::new()).await
}

/// `POST /guide`: pairs the phone with the screen showing `code` and puts `kit` on it.
pub async fn pair(
    State(app): State<App>,
    teacher: Teacher,
    ctx: PageContext,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    teacher.0.check_csrf(Some(form.get("csrf")))?;
    let t = ctx.t;
    let code: String = form
        .get("code")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let who = teacher.0.user.id.0.to_string();
    let now = jiff::Timestamp::now();
    let since = now - jiff::SignedDuration::from_mins(10);
    let tries = {
        let who = who.clone();
        app.accounts_call(move |a| a.attempts_since("pair", &who, since))
            .await?
    };
    if tries >= CODE_TRIES {
        return guide_page(&app, &ctx, &teacher, code, t.msg("guide-error-tries")).await;
    }
    let kit_id: Option<i64> = form.get("kit").parse().ok();
    let kits = choices(&app, &teacher).await?;
    let Some(kit) = kit_id.and_then(|id| kits.into_iter().find(|k| k.id == id)) else {
        return guide_page(&app, &ctx, &teacher, code, t.msg("guide-error-kit")).await;
    };
    let paired = (code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()))
        .then(|| {
            app.pairings().with_code(&code, |p| {
                p.kit = Some(kit.id);
                p.step = 0;
                p.version += 1;
            })
        })
        .flatten();
    if paired.is_none() {
        app.accounts_call(move |a| a.note_attempt("pair", &who, now))
            .await?;
        return guide_page(&app, &ctx, &teacher, code, t.msg("guide-error-code")).await;
    }
    app.audit(teacher.0.audit(
        "pair",
        Some(format!("kit:{}", kit.id)),
        format!("экран зала показывает «{}»", kit.kit.title),
    ))
    .await;
    Ok(see_other(&format!("/guide/{code}")))
}

#[derive(Template)]
#[template(path = "lessons/remote.html")]
struct RemotePage {
    layout: Layout,
    t: Tr,
    csrf: String,
    code: String,
    kit: KitView,
    step: usize,
    /// «На экране: остановка 2 из 6».
    now: String,
    notes: Vec<String>,
}

/// `GET /guide/{code}`: the remote — where the screen is, the guide's notes, the stops.
pub async fn remote(
    State(app): State<App>,
    teacher: Teacher,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let t = ctx.t;
    let Some((kit_id, step)) = app
        .pairings()
        .with_code(&code, |p| p.kit.map(|k| (k, p.step)))
        .flatten()
    else {
        return Ok(Redirect::to("/guide").into_response());
    };
    let Some(stored) = app.accounts_call(move |a| a.kit(kit_id)).await? else {
        return Ok(Redirect::to("/guide").into_response());
    };
    // The guide reads the stops as the screen will show them: in school mode, as a kiosk.
    let viewer = viewer.with_max_age(crate::shell::prefs::SCHOOL_DEFAULT);
    let kit = view::read(&app, viewer, &stored, t, Options { with_key: false }).await?;
    let notes = step
        .checked_sub(1)
        .and_then(|i| kit.blocks.get(i))
        .map(|b| b.note.clone())
        .unwrap_or_else(|| kit.intro.clone());
    let step = step.min(kit.blocks.len());
    let now = if step == 0 {
        t.msg("guide-on-title")
    } else {
        t.args(
            "guide-on-stop",
            &[
                ("n", step.to_string().into()),
                ("count", kit.blocks.len().to_string().into()),
            ],
        )
    };
    let page = render_html(&RemotePage {
        layout: ctx.layout(&app, t.msg("guide-remote-title")),
        now,
        csrf: teacher.0.csrf.clone(),
        code,
        step,
        notes,
        kit,
        t,
    })?;
    Ok(no_store(page.into_response()))
}

/// `POST /guide/{code}`: `step` = the stop to show (0: the title), or `end` to let the screen go.
pub async fn step(
    State(app): State<App>,
    teacher: Teacher,
    Path(code): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    teacher.0.check_csrf(Some(form.get("csrf")))?;
    if form.get("action") == "end" {
        app.pairings().with_code(&code, |p| {
            p.kit = None;
            p.step = 0;
            p.version += 1;
        });
        return Ok(see_other("/guide"));
    }
    let Ok(to) = form.get("step").parse::<usize>() else {
        return Err(AppError::BadRequest(crate::shell::i18n::Message::new(
            "guide-error-step",
        )));
    };
    let moved = app.pairings().with_code(&code, |p| {
        p.step = to.min(letopis_core::lesson::MAX_BLOCKS + 1);
        p.version += 1;
    });
    match moved {
        Some(()) => Ok(see_other(&format!("/guide/{code}#now"))),
        None => Ok(see_other("/guide")),
    }
}
