//! `GET`/`POST /conference/submit`: an author sends a paper — its title, the section, up to
//! three authors with their affiliations, the abstract, the PDF — and agrees to the processing
//! of their data and to the paper's publication in the proceedings if accepted. A letter asks
//! them to confirm the address (`GET /conference/confirm/{token}`); until then the committee
//! does not see the paper, and after a week it is erased.
//!
//! The file is checked by its content, not its name: only a PDF is taken. One address may send
//! a few papers a day; a hidden field catches bots. Nothing the author typed is lost on a
//! mistake: the form comes back filled in, with each problem named beside its field (the file,
//! which a browser cannot keep, is asked for again).

use super::MAX_FILE_BYTES;
use crate::App;
use crate::contributions::resident::Origin;
use crate::public::{Layout, PageContext, render_html};
use crate::shell::auth::{random_token, token_hash};
use crate::shell::base_url::link_base;
use crate::shell::error::AppError;
use crate::shell::i18n::{Lang, Tr};
use crate::shell::mail::Letter;
use askama::Template;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use letopis_core::conference::{Author, Conference, MAX_ABSTRACT, Paper};
use letopis_media::{MediaType, identify};
use letopis_store::conference::{PaperFile, StoredConference};
use serde::Deserialize;

/// Papers one address may send in a day.
const PER_DAY: u64 = 5;
/// The attempts' scope in the store.
const SCOPE: &str = "paper";
/// Author rows on the form.
pub(crate) const AUTHOR_ROWS: usize = 3;

/// What the author typed (the file apart).
#[derive(Debug, Default, Clone)]
pub struct PaperForm {
    pub title: String,
    pub section: String,
    pub authors: Vec<(String, String)>,
    pub email: String,
    pub summary: String,
    pub consent: bool,
    pub publish: bool,
    pub honeypot: bool,
}

impl PaperForm {
    fn author(&self, i: usize) -> (&str, &str) {
        self.authors
            .get(i)
            .map(|(n, a)| (n.as_str(), a.as_str()))
            .unwrap_or(("", ""))
    }
}

#[derive(Template)]
#[template(path = "conference/submit.html")]
struct SubmitPage {
    layout: Layout,
    t: Tr,
    conference: Option<Conference>,
    open: bool,
    deadline: String,
    form: PaperForm,
    errors: Vec<(&'static str, String)>,
    rows: Vec<usize>,
    max_abstract: usize,
    max_file: String,
    sent: bool,
    limit: bool,
}

impl SubmitPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Params {
    sent: String,
}

async fn current(app: &App) -> Result<Option<StoredConference>, AppError> {
    app.accounts_call(|a| a.current_conference()).await
}

fn view(app: &App, ctx: &PageContext, c: Option<&StoredConference>, form: PaperForm) -> SubmitPage {
    let t = ctx.t;
    let conference = c.map(|c| c.conference.clone());
    SubmitPage {
        layout: ctx.layout(app, t.msg("conference-submit-title")),
        open: conference
            .as_ref()
            .is_some_and(|c| c.open_on(letopis_core::today())),
        deadline: conference
            .as_ref()
            .and_then(|c| c.deadline)
            .map(|d| t.day(d))
            .unwrap_or_default(),
        conference,
        t,
        form,
        errors: Vec::new(),
        rows: (0..AUTHOR_ROWS).collect(),
        max_abstract: MAX_ABSTRACT,
        max_file: letopis_media::human_size(MAX_FILE_BYTES as u64),
        sent: false,
        limit: false,
    }
}

pub async fn form(
    State(app): State<App>,
    ctx: PageContext,
    query: Result<Query<Params>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, AppError> {
    let Query(params) = query.unwrap_or_default();
    let c = current(&app).await?;
    let mut page = view(&app, &ctx, c.as_ref(), PaperForm::default());
    page.sent = !params.sent.is_empty();
    Ok(render_html(&page)?.into_response())
}

/// The form's text fields and its file.
struct Sent {
    form: PaperForm,
    file_name: String,
    bytes: Vec<u8>,
    too_big: bool,
}

async fn read(mut multipart: Multipart) -> Result<Sent, ()> {
    let mut sent = Sent {
        form: PaperForm {
            authors: vec![(String::new(), String::new()); AUTHOR_ROWS],
            ..PaperForm::default()
        },
        file_name: String::new(),
        bytes: Vec::new(),
        too_big: false,
    };
    let text = |s: String, max: usize| s.trim().chars().take(max).collect::<String>();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                sent.too_big = true;
                break;
            }
            Err(_) => return Err(()),
        };
        let name = field.name().unwrap_or_default().to_string();
        if name == "file" {
            sent.file_name = field.file_name().unwrap_or_default().to_string();
            match field.bytes().await {
                Ok(b) => sent.bytes = b.to_vec(),
                Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => sent.too_big = true,
                Err(_) => return Err(()),
            }
            continue;
        }
        let value = field.text().await.map_err(|_| ())?;
        let f = &mut sent.form;
        match name.as_str() {
            "title" => f.title = text(value, 300),
            "section" => f.section = text(value, 80),
            "email" => f.email = text(value, 200),
            "abstract" => f.summary = value.trim().chars().take(MAX_ABSTRACT + 1).collect(),
            "consent" => f.consent = value == "yes",
            "publish" => f.publish = value == "yes",
            "website" => f.honeypot = !value.is_empty(),
            other => {
                // author-1-name, author-1-affiliation, …
                let mut parts = other.splitn(3, '-');
                if let (Some("author"), Some(n), Some(what)) =
                    (parts.next(), parts.next(), parts.next())
                    && let Ok(n) = n.parse::<usize>()
                    && (1..=AUTHOR_ROWS).contains(&n)
                {
                    let row = &mut f.authors[n - 1];
                    match what {
                        "name" => row.0 = text(value, 200),
                        "affiliation" => row.1 = text(value, 300),
                        _ => {}
                    }
                }
            }
        }
    }
    Ok(sent)
}

/// What is wrong, field by field, in the page's language; the paper when nothing is.
fn check(sent: &Sent, c: &Conference, t: &Tr) -> Result<Paper, Vec<(&'static str, String)>> {
    let f = &sent.form;
    let mut errors = Vec::new();
    if f.title.is_empty() {
        errors.push(("title", t.msg("conference-error-title")));
    }
    if c.section(&f.section).is_none() {
        errors.push(("section", t.msg("conference-error-section")));
    }
    let authors: Vec<Author> = f
        .authors
        .iter()
        .filter(|(n, _)| !n.is_empty())
        .map(|(name, affiliation)| Author {
            name: name.clone(),
            affiliation: affiliation.clone(),
        })
        .collect();
    if authors.is_empty() {
        errors.push(("author-1-name", t.msg("conference-error-author")));
    }
    let paper = Paper {
        title: f.title.clone(),
        authors,
        email: f.email.clone(),
        summary: f.summary.clone(),
        section: f.section.clone(),
        lang: t.lang().code().to_string(),
    };
    if paper
        .validate(c)
        .err()
        .is_some_and(|e| e.problems.iter().any(|p| p.field == "email"))
    {
        errors.push(("email", t.msg("conference-error-email")));
    }
    if f.summary.is_empty() {
        errors.push(("abstract", t.msg("conference-error-abstract")));
    } else if f.summary.chars().count() > MAX_ABSTRACT {
        errors.push((
            "abstract",
            t.args(
                "conference-error-abstract-long",
                &[("max", MAX_ABSTRACT.to_string().into())],
            ),
        ));
    }
    if sent.too_big {
        errors.push((
            "file",
            t.args(
                "conference-error-file-big",
                &[(
                    "max",
                    letopis_media::human_size(MAX_FILE_BYTES as u64).into(),
                )],
            ),
        ));
    } else if sent.bytes.is_empty() {
        errors.push(("file", t.msg("conference-error-file")));
    } else if identify(&sent.bytes, Some(&sent.file_name)).ok() != Some(MediaType::PDF) {
        errors.push(("file", t.msg("conference-error-file-type")));
    }
    if !f.consent {
        errors.push(("consent", t.msg("conference-error-consent")));
    }
    if !f.publish {
        errors.push(("publish", t.msg("conference-error-publish")));
    }
    if errors.is_empty() {
        // The core's own check is the last word; its fields are all covered above.
        match paper.validate(c) {
            Ok(()) => Ok(paper),
            Err(e) => Err(e
                .problems
                .into_iter()
                .map(|p| ("title", p.message))
                .collect()),
        }
    } else {
        Err(errors)
    }
}

pub async fn send(
    State(app): State<App>,
    ctx: PageContext,
    Origin(origin): Origin,
    parts: Parts,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let c = current(&app).await?;
    let t = ctx.t;
    let Some(stored) = c.as_ref() else {
        return Err(AppError::NotFound);
    };
    if !stored.conference.open_on(letopis_core::today()) {
        let page = view(&app, &ctx, c.as_ref(), PaperForm::default());
        return Ok((StatusCode::GONE, render_html(&page)?).into_response());
    }
    let sent = match multipart {
        Ok(m) => read(m).await,
        Err(_) => Err(()),
    };
    let Ok(sent) = sent else {
        let mut page = view(&app, &ctx, c.as_ref(), PaperForm::default());
        page.errors = vec![("title", t.msg("conference-error-form"))];
        return Ok((StatusCode::BAD_REQUEST, render_html(&page)?).into_response());
    };
    if sent.form.honeypot {
        tracing::info!("a paper with the honeypot filled was ignored");
        return Ok(done());
    }
    let paper = match check(&sent, &stored.conference, &t) {
        Ok(p) => p,
        Err(errors) => {
            let status = if sent.too_big {
                StatusCode::PAYLOAD_TOO_LARGE
            } else {
                StatusCode::BAD_REQUEST
            };
            let mut page = view(&app, &ctx, c.as_ref(), sent.form);
            page.errors = errors;
            return Ok((status, render_html(&page)?).into_response());
        }
    };
    let now = jiff::Timestamp::now();
    let day_ago = now - jiff::SignedDuration::from_hours(24);
    let key = origin.clone();
    let recent = app
        .accounts_call(move |a| a.attempts_since(SCOPE, &key, day_ago))
        .await?;
    if recent >= PER_DAY {
        let mut page = view(&app, &ctx, c.as_ref(), sent.form);
        page.limit = true;
        return Ok((StatusCode::TOO_MANY_REQUESTS, render_html(&page)?).into_response());
    }
    let blobs = app.blobs();
    let (bytes, file_name) = (sent.bytes, sent.file_name);
    let size = bytes.len() as u64;
    let stored_blob =
        tokio::task::spawn_blocking(move || blobs.put_bytes(&bytes, Some("paper.pdf")))
            .await
            .map_err(|_| AppError::Internal)?
            .map_err(|e| {
                tracing::error!(error = %e, "a paper's file was not stored");
                AppError::Internal
            })?;
    let file = PaperFile {
        sha256: stored_blob.sha256,
        name: file_name.chars().take(200).collect(),
        size,
    };
    let token = random_token().map_err(|_| AppError::Internal)?;
    let hash = token_hash(&token);
    let conference = stored.id;
    let to_store = paper.clone();
    let id = app
        .accounts_call(move |a| {
            a.note_attempt(SCOPE, &origin, now)?;
            a.submit_paper(conference, &to_store, &file, &hash, now)
        })
        .await?;
    tracing::info!(id, "a paper was sent to the conference");
    let base = link_base(&app, &parts);
    let letter = confirm_letter(&app, &stored.conference, &paper, id, &base, &token);
    if let Ok(Err(e)) = app.send_letter(letter).await.map(|r| r.map(|_| ())) {
        tracing::warn!(error = %e, id, "the paper's confirmation letter did not go");
    }
    Ok(done())
}

fn confirm_letter(
    app: &App,
    c: &Conference,
    paper: &Paper,
    id: i64,
    base: &str,
    token: &str,
) -> Letter {
    let t = Tr::new(Lang::from_code(&paper.lang).unwrap_or_default());
    let site = match t.lang() {
        Lang::Ru => app.config().site_name.clone(),
        _ => t.msg("site-name"),
    };
    let args = [
        ("site", site.into()),
        ("conference", c.title.clone().into()),
        ("title", paper.title.clone().into()),
        ("number", id.to_string().into()),
        (
            "confirm",
            format!("{base}/conference/confirm/{token}").into(),
        ),
    ];
    Letter {
        to: paper.email.clone(),
        subject: t.args("conference-letter-confirm-subject", &args),
        body: t.args("conference-letter-confirm-body", &args),
    }
}

/// 303 to the page that says what happens next (a reload sends nothing twice).
fn done() -> Response {
    (
        StatusCode::SEE_OTHER,
        [
            (
                header::LOCATION,
                HeaderValue::from_static("/conference/submit?sent=1"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
    )
        .into_response()
}

#[derive(Template)]
#[template(path = "conference/confirmed.html")]
struct ConfirmedPage {
    layout: Layout,
    t: Tr,
    /// `None` on the page the letter's link opens (it asks for the button), then the number.
    number: Option<i64>,
    asking: bool,
    token: String,
}

fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `GET /conference/confirm/{token}`: the link in the letter opens a page with one button, so
/// that a mail scanner following links does not confirm on the author's behalf.
pub async fn confirm_page(
    State(app): State<App>,
    ctx: PageContext,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let t = ctx.t;
    // A link cut short or mistyped cannot be any paper's: say so at once.
    let whole = token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit());
    let page = ConfirmedPage {
        layout: ctx.layout(&app, t.msg("conference-confirmed-title")),
        t,
        number: None,
        asking: whole,
        token: if whole { token } else { String::new() },
    };
    let status = if whole {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    Ok(no_store((status, render_html(&page)?).into_response()))
}

/// `POST /conference/confirm/{token}`: confirms the paper the link belongs to.
pub async fn confirm(
    State(app): State<App>,
    ctx: PageContext,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let hash = token_hash(token.trim());
    let now = jiff::Timestamp::now();
    let number = app
        .accounts_call(move |a| a.confirm_paper(&hash, now))
        .await?;
    let t = ctx.t;
    let page = ConfirmedPage {
        layout: ctx.layout(&app, t.msg("conference-confirmed-title")),
        t,
        number,
        asking: false,
        token: String::new(),
    };
    let status = if number.is_some() {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    Ok(no_store((status, render_html(&page)?).into_response()))
}
