//! The resident's side: «Рассказать о герое» without an account.
//!
//! `POST /contribute/start` makes a draft and answers with its private address
//! `/contribute/s/{token}`; every step is a page of its own that saves what was typed (a phone
//! that loses its connection loses one step at most, and nothing needs JavaScript). The draft
//! is checked on the preview page and sent from there; from then on the same address is the
//! status page: where the submission is, the moderator's questions and the answers, files added
//! later, and the withdrawal.
//!
//! Abuse is slowed without a third-party CAPTCHA: a honeypot field, a limit of drafts per client
//! address per hour past which an accessible question is asked (a sum in words), a daily cap
//! per address, and a daily cap of submissions per e-mail address.

use super::files;
use super::letters::{self, Notice};
use crate::App;
use crate::CurrentViewer;
use crate::error::AppError;
use crate::i18n::{Message, Tr};
use crate::public::{Layout, PageContext, record_href, render_html};
use crate::studio::auth::token_hash;
use crate::studio::session::client_ip;
use crate::studio::sign_in::link_base;
use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::rejection::FormRejection;
use axum::extract::{DefaultBodyLimit, FromRequestParts, Multipart, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use jiff::{SignedDuration, Timestamp};
use letopis_core::contribution::{
    Alive, Basis, Contribution, Lack, MAX_FILES, Relationship, Status, Step,
};
use letopis_core::entities::{Body, Fate};
use letopis_core::record::RecordId;
use letopis_store::contributions::{EventKind, NewSubmission, Submission, SubmissionFile};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::convert::Infallible;
use tower_http::set_header::SetResponseHeaderLayer;

/// Drafts one client address may start in an hour before the check question is asked.
pub(crate) const STARTS_PER_HOUR: u64 = 5;
/// Drafts one client address may start in a day at all.
pub(crate) const STARTS_PER_DAY: u64 = 60;
/// Submissions one e-mail address may send in a day.
pub(crate) const SENDS_PER_DAY: u64 = 5;
const MAX_ANSWER_CHARS: usize = 5_000;

/// The resident's routes. Responses are private and never cached or indexed: they show what
/// the family wrote and carry the secret address.
pub(crate) fn routes() -> Router<App> {
    let upload = DefaultBodyLimit::max(files::MAX_FILE_BYTES + 64 * 1024);
    let private = Router::new()
        .route("/contribute/s/{token}", get(status_page))
        .route(
            "/contribute/s/{token}/step/{step}",
            get(step_page).post(save_step),
        )
        .route(
            "/contribute/s/{token}/files",
            post(upload_file).layer(upload),
        )
        .route(
            "/contribute/s/{token}/files/{file}",
            get(file).post(edit_file),
        )
        .route("/contribute/s/{token}/check", get(check_page))
        .route("/contribute/s/{token}/send", post(send))
        .route(
            "/contribute/s/{token}/answer",
            post(answer).layer(DefaultBodyLimit::max(files::MAX_FILE_BYTES + 64 * 1024)),
        )
        .route("/contribute/s/{token}/withdraw", post(withdraw))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::HeaderName::from_static("x-robots-tag"),
            HeaderValue::from_static("noindex, nofollow"),
        ));
    Router::new()
        .route("/contribute/start", post(start))
        .merge(private)
}

fn now() -> Timestamp {
    Timestamp::now()
}

/// The client's address, keyed and hashed with the day: enough to count a flood, not enough to
/// keep anyone's address (the day in the key stops linking one address across days).
pub(crate) struct Origin(String);

impl<S: Send + Sync> FromRequestParts<S> for Origin {
    type Rejection = Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        let ip = client_ip(parts).unwrap_or_default();
        let day = jiff::ZonedDateTime::now().date();
        let hash = Sha256::digest(format!("letopis-origin:{day}:{ip}").as_bytes());
        Ok(Origin(hex::encode(hash)))
    }
}

/// The site's address for links in letters.
pub(crate) struct Base(String);

impl FromRequestParts<App> for Base {
    type Rejection = Infallible;
    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Infallible> {
        Ok(Base(link_base(app, parts)))
    }
}

fn valid_token(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

async fn open(app: &App, token: &str) -> Result<Submission, AppError> {
    if !valid_token(token) {
        return Err(AppError::NotFound);
    }
    let hash = token_hash(token);
    app.contributions_call(move |c| c.by_token(&hash))
        .await?
        .ok_or(AppError::NotFound)
}

fn here(token: &str) -> String {
    super::status_path(token)
}

fn see_other(to: String) -> Response {
    Redirect::to(&to).into_response()
}

/// Private pages carry no language alternates or canonical link: they name the secret address.
fn private_layout(ctx: &PageContext, app: &App, title: String) -> Layout {
    let mut layout = ctx.layout(app, title);
    layout.head.canonical = None;
    layout.head.alternates.clear();
    layout.head.meta.clear();
    layout.head.json_ld = None;
    layout
}

fn with_status(page: Html<String>, status: StatusCode) -> Response {
    let mut r = page.into_response();
    *r.status_mut() = status;
    r
}

// ---------------------------------------------------------------------------------------------
// Starting

#[derive(Debug, Deserialize, Default)]
pub(crate) struct StartForm {
    #[serde(default)]
    about: String,
    /// The honeypot: hidden from people and from assistive technology, filled by bots.
    #[serde(default)]
    website: String,
    /// The check question's two numbers, when one was asked.
    #[serde(default)]
    q: String,
    #[serde(default)]
    answer: String,
}

/// A sum in words, asked when one address starts many drafts in an hour. Read aloud by a
/// screen reader as easily as seen; no images, no third party.
pub(crate) struct Question {
    pub a: u8,
    pub b: u8,
}

impl Question {
    fn fresh() -> Question {
        let mut bytes = [0u8; 2];
        let _ = getrandom::fill(&mut bytes);
        Question {
            a: bytes[0] % 9 + 1,
            b: bytes[1] % 9 + 1,
        }
    }

    fn parse(q: &str) -> Option<Question> {
        let (a, b) = q.split_once('-')?;
        let (a, b) = (a.parse().ok()?, b.parse().ok()?);
        ((1..=9).contains(&a) && (1..=9).contains(&b)).then_some(Question { a, b })
    }

    pub fn code(&self) -> String {
        format!("{}-{}", self.a, self.b)
    }

    pub fn text(&self, t: &Tr) -> String {
        t.args(
            "heroes-check-question",
            &[
                ("a", t.msg(&format!("heroes-number-{}", self.a)).into()),
                ("b", t.msg(&format!("heroes-number-{}", self.b)).into()),
            ],
        )
    }

    fn answered(&self, answer: &str) -> bool {
        answer.trim().parse::<u32>().ok() == Some(u32::from(self.a) + u32::from(self.b))
    }
}

pub(crate) async fn start(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
    Origin(origin): Origin,
    form: Result<Form<StartForm>, FormRejection>,
) -> Result<Response, AppError> {
    let Form(form) = form.map_err(|_| AppError::BadRequest(Message::new("heroes-error-form")))?;
    let about = match form.about.trim() {
        "" => None,
        raw => raw.parse::<i64>().ok().map(RecordId),
    };
    if !form.website.is_empty() {
        // A bot filled the hidden field: it gets the start page back, and nothing is kept.
        tracing::info!("a submission start with the honeypot filled was ignored");
        return Ok(see_other("/contribute".into()));
    }
    let t = ctx.t;
    let o = origin.clone();
    let today = app
        .contributions_call(move |c| c.started_from(&o, now() - SignedDuration::from_hours(24)))
        .await?;
    if today >= STARTS_PER_DAY {
        let page = super::super::public::contribute::limit_page(&app, &ctx, "heroes-limit-day")?;
        return Ok(with_status(page, StatusCode::TOO_MANY_REQUESTS));
    }
    let o = origin.clone();
    let hour = app
        .contributions_call(move |c| c.started_from(&o, now() - SignedDuration::from_hours(1)))
        .await?;
    if hour >= STARTS_PER_HOUR {
        let asked = Question::parse(&form.q);
        let passed = asked.as_ref().is_some_and(|q| q.answered(&form.answer));
        if !passed {
            let wrong = asked.is_some();
            let page = super::super::public::contribute::question_page(
                &app,
                &viewer,
                &ctx,
                about,
                Question::fresh(),
                wrong,
            )?;
            return Ok(with_status(page, StatusCode::TOO_MANY_REQUESTS));
        }
    }
    // Started from a person's page: the hero's name is filled in from what the visitor can see
    // there, so the family does not retype it and the moderator sees which page it came from.
    let about_person = match about {
        Some(id) => app.read_now(&viewer, |gate| gate.get(id))?,
        None => None,
    };
    let mut content = Contribution::default();
    let about = about_person.as_ref().map(|r| r.record.id());
    if let Some(r) = &about_person
        && let Body::Person(p) = &r.record.body
    {
        content.hero.surname = p.name.surname.clone();
        content.hero.given = p.name.given.clone();
        content.hero.patronymic = p.name.patronymic.clone();
        if let Some(b) = &p.birth {
            content.hero.birth_typed = b.as_str().to_string();
            content.hero.birth = Some(b.clone());
        }
    }
    let (token, hash) = super::secret()?;
    let lang = t.lang().code().to_string();
    app.contributions_call(move |c| {
        let id = c.start(
            NewSubmission {
                token_hash: hash,
                origin,
                about,
                lang,
            },
            now(),
        )?;
        if about.is_some() {
            c.save(id, &content, now())?;
        }
        Ok(id)
    })
    .await?;
    Ok(see_other(format!("{}/step/hero", here(&token))))
}

// ---------------------------------------------------------------------------------------------
// The steps

/// One step in the progress line.
pub(crate) struct StepLink {
    pub code: &'static str,
    pub number: usize,
    pub label: String,
    pub current: bool,
}

pub(crate) struct Choice {
    pub code: &'static str,
    pub label: String,
    pub hint: String,
    pub checked: bool,
}

/// A problem shown at the top of the form and beside its field.
pub(crate) struct Problem {
    pub field: &'static str,
    pub text: String,
}

pub(crate) struct FileView {
    pub id: i64,
    pub href: String,
    pub thumb: Option<String>,
    pub caption: String,
    pub date: String,
}

#[derive(Template)]
#[template(path = "public/heroes/step.html")]
struct StepPage {
    layout: Layout,
    t: Tr,
    base: String,
    step: &'static str,
    /// «Шаг 2 из 5: История».
    heading: String,
    steps: Vec<StepLink>,
    c: Contribution,
    problems: Vec<Problem>,
    fates: Vec<Choice>,
    alive: Vec<Choice>,
    relationships: Vec<Choice>,
    bases: Vec<Choice>,
    files: Vec<FileView>,
    max_files: usize,
    file_error: Option<String>,
    about: Option<(String, String)>,
}

impl CheckPage {
    fn on_a_step(&self) -> bool {
        false
    }
}

impl StepPage {
    fn on_a_step(&self) -> bool {
        true
    }

    fn problem(&self, field: &str) -> Option<&str> {
        self.problems
            .iter()
            .find(|p| p.field == field)
            .map(|p| p.text.as_str())
    }
}

fn step_label(t: &Tr, step: Step) -> String {
    t.msg(&format!("heroes-step-{}", step.code()))
}

fn steps(t: &Tr, current: Option<Step>) -> Vec<StepLink> {
    Step::ALL
        .into_iter()
        .map(|s| StepLink {
            code: s.code(),
            number: s.number(),
            label: step_label(t, s),
            current: Some(s) == current,
        })
        .collect()
}

/// The words for a lack, naming the field.
pub(crate) fn lack_text(t: &Tr, lack: &Lack) -> String {
    let key = format!("heroes-lack-{}", lack.code());
    match lack {
        Lack::BadDate { typed, field } => t.args(
            &key,
            &[
                ("typed", typed.clone().into()),
                ("field", t.msg(&format!("heroes-field-{field}")).into()),
            ],
        ),
        Lack::TooLong { field, max } => t.args(
            &key,
            &[
                ("field", t.msg(&format!("heroes-field-{field}")).into()),
                ("max", max.to_string().into()),
            ],
        ),
        _ => t.msg(&key),
    }
}

fn file_views(token: &str, list: &[SubmissionFile]) -> Vec<FileView> {
    list.iter()
        .map(|f| {
            let href = format!("{}/files/{}", here(token), f.id);
            let pdf = f.mime == "application/pdf";
            FileView {
                id: f.id,
                thumb: (!pdf).then(|| format!("{href}?thumb=1")),
                href,
                caption: f.caption.clone(),
                date: f.date.clone(),
            }
        })
        .collect()
}

fn choices(t: &Tr, c: &Contribution) -> (Vec<Choice>, Vec<Choice>, Vec<Choice>, Vec<Choice>) {
    let fates = Fate::ALL
        .into_iter()
        .map(|f| Choice {
            code: f.code(),
            label: t.label("fate", f),
            hint: String::new(),
            checked: c.hero.fate == Some(f),
        })
        .collect();
    let alive = [Alive::Deceased, Alive::Living]
        .into_iter()
        .map(|a| Choice {
            code: a.code(),
            label: t.msg(&format!("heroes-alive-{}", a.code())),
            hint: String::new(),
            checked: c.hero.alive == Some(a),
        })
        .collect();
    let relationships = Relationship::ALL
        .into_iter()
        .map(|r| Choice {
            code: r.code(),
            label: t.msg(&format!("heroes-relationship-{}", r.code())),
            hint: String::new(),
            checked: c.contributor.relationship == Some(r),
        })
        .collect();
    // Only the grounds that fit what the family said about the hero are offered.
    let bases = Basis::ALL
        .into_iter()
        .filter(|b| c.hero.alive.is_none_or(|a| b.fits(a)))
        .map(|b| Choice {
            code: b.code(),
            label: t.msg(&format!("heroes-basis-{}", b.code())),
            hint: t.msg(&format!("heroes-basis-{}-hint", b.code())),
            checked: c.consent.publication == Some(b),
        })
        .collect();
    (fates, alive, relationships, bases)
}

async fn about_link(
    app: &App,
    viewer: &letopis_core::Viewer,
    s: &Submission,
) -> Result<Option<(String, String)>, AppError> {
    let Some(id) = s.about else { return Ok(None) };
    let record = app.read_now(viewer, |gate| gate.get(id))?;
    Ok(record.map(|r| {
        (
            r.record.title(),
            record_href(r.record.meta.kind, &r.record.meta.slug),
        )
    }))
}

#[allow(clippy::too_many_arguments)]
async fn render_step(
    app: &App,
    viewer: &letopis_core::Viewer,
    ctx: &PageContext,
    token: &str,
    s: &Submission,
    step: Step,
    problems: Vec<Problem>,
    file_error: Option<String>,
) -> Result<Html<String>, AppError> {
    let t = ctx.t;
    let id = s.id;
    let list = app.contributions_call(move |c| c.files(id)).await?;
    let (fates, alive, relationships, bases) = choices(&t, &s.content);
    let heading = format!(
        "{}: {}",
        t.args(
            "heroes-step-of",
            &[
                ("number", step.number().to_string().into()),
                ("total", Step::ALL.len().to_string().into()),
            ]
        ),
        step_label(&t, step)
    );
    let title = format!("{heading} — {}", t.msg("heroes-title"));
    let page = StepPage {
        layout: private_layout(ctx, app, title),
        base: here(token),
        step: step.code(),
        heading,
        steps: steps(&t, Some(step)),
        c: s.content.clone(),
        problems,
        fates,
        alive,
        relationships,
        bases,
        files: file_views(token, &list),
        max_files: MAX_FILES,
        file_error,
        about: about_link(app, viewer, s).await?,
        t,
    };
    render_html(&page)
}

fn parse_step(code: &str) -> Result<Step, AppError> {
    Step::from_code(code).ok_or(AppError::NotFound)
}

/// A sent submission's steps lead to its status page: what was sent is not edited any more.
fn still_draft(s: &Submission, token: &str) -> Option<Response> {
    (s.status != Status::Draft).then(|| see_other(here(token)))
}

pub(crate) async fn step_page(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
    Path((token, step)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let s = open(&app, &token).await?;
    if let Some(r) = still_draft(&s, &token) {
        return Ok(r);
    }
    let step = parse_step(&step)?;
    Ok(
        render_step(&app, &viewer, &ctx, &token, &s, step, Vec::new(), None)
            .await?
            .into_response(),
    )
}

fn value<'a>(form: &'a [(String, String)], name: &str) -> &'a str {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

fn ticked(form: &[(String, String)], name: &str) -> bool {
    !value(form, name).is_empty()
}

/// A date as families write it («1915», «12.03.1915», «около 1915»), as EDTF when it reads.
fn date(typed: &str) -> Option<letopis_core::Edtf> {
    letopis_import::values::parse_date(typed).ok().flatten()
}

/// Takes one step's fields into the contribution. Fields of other steps stay as they were.
fn take(c: &mut Contribution, step: Step, form: &[(String, String)]) {
    let text = |name: &str| value(form, name).trim().to_string();
    match step {
        Step::Hero => {
            let h = &mut c.hero;
            h.surname = text("surname");
            h.given = text("given");
            h.patronymic = text("patronymic");
            h.birth_typed = text("birth");
            h.birth = date(&h.birth_typed);
            h.death_typed = text("death");
            h.death = date(&h.death_typed);
            h.alive = Alive::from_code(value(form, "alive"));
            h.fate = Fate::from_code(value(form, "fate"));
            h.birth_place = text("birth_place");
            h.rank = text("rank");
            h.unit = text("unit");
            h.work = text("work");
            h.awards = text("awards");
        }
        Step::Story => c.story = value(form, "story").trim().replace("\r\n", "\n"),
        Step::Files => {}
        Step::You => {
            let y = &mut c.contributor;
            y.name = text("name");
            y.relationship = Relationship::from_code(value(form, "relationship"));
            y.relationship_note = text("relationship_note");
            y.email = text("email");
        }
        Step::Consent => {
            let k = &mut c.consent;
            k.processing = ticked(form, "processing");
            k.publication = Basis::from_code(value(form, "publication"));
            k.credit = ticked(form, "credit");
            k.ban_photos = ticked(form, "ban_photos");
            k.ban_dates = ticked(form, "ban_dates");
            k.conditions = text("conditions");
        }
    }
}

pub(crate) async fn save_step(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
    Path((token, step)): Path<(String, String)>,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Response, AppError> {
    let Form(form) = form.map_err(|_| AppError::BadRequest(Message::new("heroes-error-form")))?;
    let mut s = open(&app, &token).await?;
    if let Some(r) = still_draft(&s, &token) {
        return Ok(r);
    }
    let step = parse_step(&step)?;
    take(&mut s.content, step, &form);
    let (id, content) = (s.id, s.content.clone());
    app.contributions_call(move |c| c.save(id, &content, now()))
        .await?;
    let go = value(&form, "go");
    if go == "back" {
        let to = step.previous().map(Step::code).unwrap_or("hero");
        return Ok(see_other(format!("{}/step/{to}", here(&token))));
    }
    // Going on needs this step clear; what was typed is saved either way.
    let lacks = s.content.lacks(step);
    if !lacks.is_empty() {
        let problems = lacks
            .iter()
            .map(|l| Problem {
                field: l.field(),
                text: lack_text(&ctx.t, l),
            })
            .collect();
        let page = render_step(&app, &viewer, &ctx, &token, &s, step, problems, None).await?;
        return Ok(with_status(page, StatusCode::UNPROCESSABLE_ENTITY));
    }
    Ok(match (go, step.next()) {
        ("check", _) | (_, None) => see_other(format!("{}/check", here(&token))),
        (_, Some(next)) => see_other(format!("{}/step/{}", here(&token), next.code())),
    })
}

// ---------------------------------------------------------------------------------------------
// Files

/// One uploaded file with its caption and date, read from a multipart form (with the text
/// fields that came with it).
struct Upload {
    name: String,
    bytes: Vec<u8>,
    fields: Vec<(String, String)>,
}

async fn read_multipart(mut form: Multipart) -> Result<Upload, Message> {
    let mut up = Upload {
        name: String::new(),
        bytes: Vec::new(),
        fields: Vec::new(),
    };
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(Message::new("heroes-file-too-big").arg(
                    "max",
                    letopis_media::human_size(files::MAX_FILE_BYTES as u64),
                ));
            }
            Err(_) => return Err(Message::new("heroes-error-form")),
        };
        let name = field.name().unwrap_or_default().to_string();
        if name == "file" {
            up.name = field.file_name().unwrap_or_default().to_string();
            let bytes = field.bytes().await.map_err(|e| {
                if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    Message::new("heroes-file-too-big").arg(
                        "max",
                        letopis_media::human_size(files::MAX_FILE_BYTES as u64),
                    )
                } else {
                    Message::new("heroes-error-form")
                }
            })?;
            up.bytes = bytes.to_vec();
        } else {
            let text = field
                .text()
                .await
                .map_err(|_| Message::new("heroes-error-form"))?;
            up.fields.push((name, text));
        }
    }
    Ok(up)
}

/// Stores the upload's file for the submission; `late` after sending.
async fn store_upload(
    app: &App,
    s: &Submission,
    up: &Upload,
    late: bool,
) -> Result<Option<i64>, Message> {
    if up.bytes.is_empty() {
        return Ok(None);
    }
    let caption = value(&up.fields, "caption").to_string();
    let date = value(&up.fields, "date").to_string();
    let (app2, bytes, name) = (app.clone(), up.bytes.clone(), up.name.clone());
    let file =
        tokio::task::spawn_blocking(move || files::accept(&app2, &bytes, &name, &caption, &date))
            .await
            .map_err(|_| Message::new("heroes-file-unavailable"))??;
    let id = s.id;
    match app
        .contributions_call(move |c| c.add_file(id, file, late, now()))
        .await
    {
        Ok(file_id) => Ok(Some(file_id)),
        Err(AppError::BadRequest(m)) => Err(m),
        Err(_) => Err(Message::new("heroes-file-count").arg("max", MAX_FILES.to_string())),
    }
}

pub(crate) async fn upload_file(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
    Path(token): Path<String>,
    form: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, AppError> {
    let s = open(&app, &token).await?;
    if let Some(r) = still_draft(&s, &token) {
        return Ok(r);
    }
    let result = match form {
        Ok(form) => match read_multipart(form).await {
            Ok(up) if up.bytes.is_empty() => Err(Message::new("heroes-file-none")),
            Ok(up) if value(&up.fields, "caption").trim().is_empty() => {
                Err(Message::new("heroes-file-caption"))
            }
            Ok(up) => store_upload(&app, &s, &up, false).await,
            Err(m) => Err(m),
        },
        Err(_) => Err(Message::new("heroes-error-form")),
    };
    match result {
        Ok(_) => Ok(see_other(format!("{}/step/files#files", here(&token)))),
        Err(m) => {
            let text = ctx.t.message(&m);
            let page = render_step(
                &app,
                &viewer,
                &ctx,
                &token,
                &s,
                Step::Files,
                Vec::new(),
                Some(text),
            )
            .await?;
            Ok(with_status(page, StatusCode::UNPROCESSABLE_ENTITY))
        }
    }
}

#[derive(Debug, Deserialize, Default)]
pub(crate) struct FileQuery {
    #[serde(default)]
    thumb: Option<String>,
}

pub(crate) async fn file(
    State(app): State<App>,
    Path((token, file_id)): Path<(String, String)>,
    Query(q): Query<FileQuery>,
) -> Result<Response, AppError> {
    let s = open(&app, &token).await?;
    let file_id: i64 = file_id.parse().map_err(|_| AppError::NotFound)?;
    let id = s.id;
    let list = app.contributions_call(move |c| c.files(id)).await?;
    let f = list
        .iter()
        .find(|f| f.id == file_id)
        .ok_or(AppError::NotFound)?;
    files::serve(&app, f, q.thumb.is_some()).await
}

pub(crate) async fn edit_file(
    State(app): State<App>,
    Path((token, file_id)): Path<(String, String)>,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Response, AppError> {
    let Form(form) = form.map_err(|_| AppError::BadRequest(Message::new("heroes-error-form")))?;
    let s = open(&app, &token).await?;
    if let Some(r) = still_draft(&s, &token) {
        return Ok(r);
    }
    let file_id: i64 = file_id.parse().map_err(|_| AppError::NotFound)?;
    let id = s.id;
    if value(&form, "action") == "remove" {
        let orphan = app
            .contributions_call(move |c| c.remove_file(id, file_id))
            .await?;
        files::remove_orphans(&app, orphan.into_iter().collect()).await;
    } else {
        let caption: String = value(&form, "caption").trim().chars().take(500).collect();
        let date: String = value(&form, "date").trim().chars().take(100).collect();
        app.contributions_call(move |c| c.describe_file(id, file_id, &caption, &date))
            .await?;
    }
    Ok(see_other(format!("{}/step/files#files", here(&token))))
}

// ---------------------------------------------------------------------------------------------
// The preview and sending

pub(crate) struct LackView {
    pub step: &'static str,
    pub step_label: String,
    pub field: &'static str,
    pub text: String,
}

/// What the family wrote, read back as the museum would show it.
pub(crate) struct Summary {
    pub name: String,
    pub life: String,
    pub alive: String,
    pub fate: String,
    pub birth_place: String,
    pub service: String,
    pub work: String,
    pub awards: Vec<String>,
    pub paragraphs: Vec<String>,
    pub files: Vec<FileView>,
    pub relationship: String,
    pub name_of_teller: String,
    pub email: String,
    pub basis: String,
    pub credit: Option<String>,
    pub bans: Vec<String>,
    pub conditions: String,
}

pub(crate) fn summary(t: &Tr, s: &Submission, token: &str, list: &[SubmissionFile]) -> Summary {
    let c = &s.content;
    let h = &c.hero;
    let date = |d: &Option<letopis_core::Edtf>, typed: &str| match d {
        Some(d) => t.date(d),
        None => typed.to_string(),
    };
    let birth = date(&h.birth, &h.birth_typed);
    let death = date(&h.death, &h.death_typed);
    let life = match (birth.is_empty(), death.is_empty()) {
        (true, true) => String::new(),
        (false, true) => birth,
        (true, false) => format!("? — {death}"),
        (false, false) => format!("{birth} — {death}"),
    };
    let service = [h.rank.as_str(), h.unit.as_str()]
        .into_iter()
        .filter(|x| !x.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let mut bans = Vec::new();
    if c.consent.ban_photos {
        bans.push(t.msg("heroes-ban-photos"));
    }
    if c.consent.ban_dates {
        bans.push(t.msg("heroes-ban-dates"));
    }
    Summary {
        name: h.full_name(),
        life,
        alive: h
            .alive
            .map(|a| t.msg(&format!("heroes-alive-{}", a.code())))
            .unwrap_or_default(),
        fate: h.fate.map(|f| t.label("fate", f)).unwrap_or_default(),
        birth_place: h.birth_place.clone(),
        service,
        work: h.work.clone(),
        awards: h
            .awards
            .split(['\n', ';'])
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_string)
            .collect(),
        paragraphs: c
            .story
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect(),
        files: file_views(token, list),
        relationship: c
            .contributor
            .relationship
            .map(|r| t.msg(&format!("heroes-relationship-{}", r.code())))
            .unwrap_or_default(),
        name_of_teller: c.contributor.name.clone(),
        email: c.contributor.email.clone(),
        basis: c
            .consent
            .publication
            .map(|b| t.msg(&format!("heroes-basis-{}", b.code())))
            .unwrap_or_default(),
        credit: c.credit(),
        bans,
        conditions: c.consent.conditions.clone(),
    }
}

#[derive(Template)]
#[template(path = "public/heroes/check.html")]
struct CheckPage {
    layout: Layout,
    t: Tr,
    base: String,
    steps: Vec<StepLink>,
    s: Summary,
    lacks: Vec<LackView>,
    processing: bool,
}

pub(crate) async fn check_page(
    State(app): State<App>,
    ctx: PageContext,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let s = open(&app, &token).await?;
    if let Some(r) = still_draft(&s, &token) {
        return Ok(r);
    }
    let t = ctx.t;
    let id = s.id;
    let list = app.contributions_call(move |c| c.files(id)).await?;
    let lacks = s
        .content
        .lacks_before_send()
        .into_iter()
        .map(|(step, lack)| LackView {
            step: step.code(),
            step_label: step_label(&t, step),
            field: lack.field(),
            text: lack_text(&t, &lack),
        })
        .collect();
    let page = CheckPage {
        layout: private_layout(&ctx, &app, t.msg("heroes-check-title")),
        base: here(&token),
        steps: steps(&t, None),
        s: summary(&t, &s, &token, &list),
        lacks,
        processing: s.content.consent.processing,
        t,
    };
    Ok(render_html(&page)?.into_response())
}

pub(crate) async fn send(
    State(app): State<App>,
    ctx: PageContext,
    Base(base): Base,
    Path(token): Path<String>,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Response, AppError> {
    let Form(form) = form.map_err(|_| AppError::BadRequest(Message::new("heroes-error-form")))?;
    let s = open(&app, &token).await?;
    if let Some(r) = still_draft(&s, &token) {
        return Ok(r);
    }
    if !value(&form, "website").is_empty() {
        tracing::info!("a submission sent with the honeypot filled was ignored");
        return Ok(see_other(format!("{}/check", here(&token))));
    }
    if !s.content.lacks_before_send().is_empty() {
        return Ok(see_other(format!("{}/check", here(&token))));
    }
    let email = s.content.contributor.email.clone();
    let sent = app
        .contributions_call(move |c| c.sent_by(&email, now() - SignedDuration::from_hours(24)))
        .await?;
    if sent >= SENDS_PER_DAY {
        let page = super::super::public::contribute::limit_page(&app, &ctx, "heroes-limit-email")?;
        return Ok(with_status(page, StatusCode::TOO_MANY_REQUESTS));
    }
    let (confirm, confirm_hash) = super::secret()?;
    let id = s.id;
    app.contributions_call(move |c| c.send(id, &confirm_hash, now()))
        .await?;
    let mailed = letters::send(
        &app,
        &base,
        &s,
        Notice::Confirm {
            confirm_token: confirm,
        },
    )
    .await?;
    let note = if mailed { "sent" } else { "sent-unmailed" };
    Ok(see_other(format!("{}?note={note}", here(&token))))
}

// ---------------------------------------------------------------------------------------------
// The status page

pub(crate) struct Stage {
    pub label: String,
    pub done: bool,
    pub current: bool,
}

pub(crate) struct Said {
    pub question: bool,
    pub who: String,
    pub at: String,
    pub body: String,
}

#[derive(Template)]
#[template(path = "public/heroes/status.html")]
struct StatusPage {
    layout: Layout,
    t: Tr,
    base: String,
    status: &'static str,
    status_label: String,
    stages: Vec<Stage>,
    notice: Option<String>,
    error: Option<String>,
    confirmed: bool,
    email: String,
    conversation: Vec<Said>,
    s: Summary,
    decline: Option<(String, String)>,
    published: Option<String>,
    open: bool,
    withdrawn: bool,
}

#[derive(Debug, Deserialize, Default)]
pub(crate) struct StatusQuery {
    #[serde(default)]
    confirm: Option<String>,
    #[serde(default)]
    note: Option<String>,
}

fn stages(t: &Tr, status: Status, asked: bool) -> Vec<Stage> {
    use Status::*;
    let order = |s: Status| match s {
        Draft => 0,
        Received => 1,
        InModeration | NeedsInfo => 2,
        Published | Declined | Withdrawn => 4,
    };
    let now = order(status);
    let mut out = vec![
        Stage {
            label: Received.label_ru().to_string(),
            done: now >= 1,
            current: status == Received,
        },
        Stage {
            label: InModeration.label_ru().to_string(),
            done: now >= 2,
            current: status == InModeration,
        },
    ];
    if asked || status == NeedsInfo {
        out.push(Stage {
            label: NeedsInfo.label_ru().to_string(),
            done: now >= 2,
            current: status == NeedsInfo,
        });
    }
    let last = match status {
        Declined => Declined,
        Withdrawn => Withdrawn,
        _ => Published,
    };
    out.push(Stage {
        label: last.label_ru().to_string(),
        done: now >= 4,
        current: now >= 4,
    });
    for s in &mut out {
        s.label = translate_status(t, &s.label);
    }
    out
}

/// The status words in the visitor's language (the core knows them in Russian).
fn translate_status(t: &Tr, ru: &str) -> String {
    Status::ALL
        .into_iter()
        .find(|s| s.label_ru() == ru)
        .map(|s| t.msg(&format!("heroes-status-{}", s.code())))
        .unwrap_or_else(|| ru.to_string())
}

#[allow(clippy::too_many_arguments)]
async fn render_status(
    app: &App,
    ctx: &PageContext,
    token: &str,
    s: &Submission,
    notice: Option<String>,
    error: Option<String>,
) -> Result<Html<String>, AppError> {
    let t = ctx.t;
    let id = s.id;
    let (list, events) = app
        .contributions_call(move |c| Ok((c.files(id)?, c.events(id)?)))
        .await?;
    let asked = events.iter().any(|e| e.kind == EventKind::Question);
    let conversation = events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Question | EventKind::Answer))
        .map(|e| Said {
            question: e.kind == EventKind::Question,
            who: if e.kind == EventKind::Question {
                t.msg("heroes-said-moderator")
            } else {
                t.msg("heroes-said-you")
            },
            at: crate::text::moment(&t, e.at),
            body: e.body.clone(),
        })
        .collect();
    let published = match (s.status, s.person) {
        (Status::Published, Some(person)) => app
            .read_now(&letopis_core::Viewer::anonymous(), |gate| gate.get(person))?
            .map(|r| record_href(r.record.meta.kind, &r.record.meta.slug)),
        _ => None,
    };
    let decline = (s.status == Status::Declined).then(|| {
        (
            s.decline_reason
                .map(|r| t.msg(&format!("heroes-decline-{}", r.code())))
                .unwrap_or_default(),
            s.decline_note.clone(),
        )
    });
    let page = StatusPage {
        layout: private_layout(
            ctx,
            app,
            t.args(
                "heroes-status-title",
                &[("number", s.id.to_string().into())],
            ),
        ),
        base: here(token),
        status: s.status.code(),
        status_label: t.msg(&format!("heroes-status-{}", s.status.code())),
        stages: stages(&t, s.status, asked),
        notice,
        error,
        confirmed: s.email_confirmed,
        email: s.content.contributor.email.clone(),
        conversation,
        s: summary(&t, s, token, &list),
        decline,
        published,
        open: s.status.is_open(),
        withdrawn: s.status == Status::Withdrawn,
        t,
    };
    render_html(&page)
}

pub(crate) async fn status_page(
    State(app): State<App>,
    ctx: PageContext,
    Path(token): Path<String>,
    query: Result<Query<StatusQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, AppError> {
    let q = query.map(|Query(q)| q).unwrap_or_default();
    let mut s = open(&app, &token).await?;
    if s.status == Status::Draft {
        return Ok(see_other(format!("{}/step/hero", here(&token))));
    }
    let mut notice = q
        .note
        .as_deref()
        .filter(|n| {
            [
                "sent",
                "sent-unmailed",
                "answered",
                "withdrawn",
                "files-added",
            ]
            .contains(n)
        })
        .map(|n| ctx.t.msg(&format!("heroes-note-{n}")));
    let mut error = None;
    if let Some(confirm) = q.confirm.filter(|c| valid_token(c)) {
        let hash = token_hash(&confirm);
        let confirmed = app
            .contributions_call(move |c| c.confirm_email(&hash, now()))
            .await?;
        if confirmed == Some(s.id) {
            s.email_confirmed = true;
            notice = Some(ctx.t.msg("heroes-note-confirmed"));
        } else {
            error = Some(ctx.t.msg("heroes-error-confirm"));
        }
    }
    Ok(render_status(&app, &ctx, &token, &s, notice, error)
        .await?
        .into_response())
}

/// The contributor answers a question or adds something, with a file or without.
pub(crate) async fn answer(
    State(app): State<App>,
    ctx: PageContext,
    Path(token): Path<String>,
    form: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, AppError> {
    let s = open(&app, &token).await?;
    if !s.status.is_open() {
        return Ok(see_other(here(&token)));
    }
    let up = match form {
        Ok(form) => read_multipart(form).await,
        Err(_) => Err(Message::new("heroes-error-form")),
    };
    let up = match up {
        Ok(up) => up,
        Err(m) => {
            let page = render_status(&app, &ctx, &token, &s, None, Some(ctx.t.message(&m))).await?;
            return Ok(with_status(page, StatusCode::UNPROCESSABLE_ENTITY));
        }
    };
    let text = value(&up.fields, "text").trim().replace("\r\n", "\n");
    let refuse = |key: &'static str| Message::new(key).arg("max", MAX_ANSWER_CHARS.to_string());
    let problem = if text.is_empty() && up.bytes.is_empty() {
        Some(refuse("heroes-answer-empty"))
    } else if text.chars().count() > MAX_ANSWER_CHARS {
        Some(refuse("heroes-answer-too-long"))
    } else {
        None
    };
    if let Some(m) = problem {
        let page = render_status(&app, &ctx, &token, &s, None, Some(ctx.t.message(&m))).await?;
        return Ok(with_status(page, StatusCode::UNPROCESSABLE_ENTITY));
    }
    let added = match store_upload(&app, &s, &up, true).await {
        Ok(added) => added,
        Err(m) => {
            let page = render_status(&app, &ctx, &token, &s, None, Some(ctx.t.message(&m))).await?;
            return Ok(with_status(page, StatusCode::UNPROCESSABLE_ENTITY));
        }
    };
    let (id, status) = (s.id, s.status);
    app.contributions_call(move |c| {
        if !text.is_empty() {
            c.add_event(id, EventKind::Answer, &None, &text, now())?;
        }
        if added.is_some() {
            c.add_event(id, EventKind::Files, &None, "", now())?;
        }
        // An answer puts the submission back in front of its moderator.
        if status == Status::NeedsInfo {
            c.move_to(id, Status::InModeration, &None, "", now())?;
        }
        Ok(())
    })
    .await?;
    Ok(see_other(format!("{}?note=answered", here(&token))))
}

pub(crate) async fn withdraw(
    State(app): State<App>,
    ctx: PageContext,
    Base(base): Base,
    Path(token): Path<String>,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Response, AppError> {
    let Form(form) = form.map_err(|_| AppError::BadRequest(Message::new("heroes-error-form")))?;
    let s = open(&app, &token).await?;
    if s.status == Status::Withdrawn {
        return Ok(see_other(here(&token)));
    }
    if !ticked(&form, "sure") {
        let page = render_status(
            &app,
            &ctx,
            &token,
            &s,
            None,
            Some(ctx.t.msg("heroes-withdraw-unsure")),
        )
        .await?;
        return Ok(with_status(page, StatusCode::UNPROCESSABLE_ENTITY));
    }
    super::withdraw::withdraw(&app, &s, "отправитель по личной ссылке").await?;
    // The letter goes to the address the family gave, read before it was erased.
    letters::send(&app, &base, &s, Notice::Withdrawn).await?;
    Ok(see_other(format!("{}?note=withdrawn", here(&token))))
}
