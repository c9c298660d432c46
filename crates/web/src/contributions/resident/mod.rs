//! The resident's side: «Рассказать о герое» without an account.
//!
//! `POST /contribute/start` makes a draft and answers with its private address
//! `/contribute/s/{token}`; every step is a page of its own that saves what was typed (a phone
//! that loses its connection loses one step at most, and nothing needs JavaScript). The draft
//! is checked on the preview page and sent from there; from then on the same address is the
//! status page: where the submission is, the moderator's questions and the answers, files added
//! later, and the withdrawal.
//!
//! The parts: `start` (the first POST and the guards on it), `steps` (the five pages), `uploads`
//! (files), `check` (the preview and sending), `status` (the page after sending).
//!
//! Abuse is slowed without a third-party CAPTCHA: a honeypot field, a limit of drafts per client
//! address per hour past which an accessible question is asked (a sum in words), a daily cap
//! per address, and a daily cap of submissions per e-mail address.

use super::files;
use super::letters::{self, Notice};
use crate::App;
use crate::CurrentViewer;
use crate::public::{Layout, PageContext, record_href, render_html};
use crate::shell::auth::token_hash;
use crate::shell::base_url::link_base;
use crate::shell::error::AppError;
use crate::shell::i18n::{Message, Tr};
use crate::shell::session::client_ip;
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

mod check;
mod start;
mod status;
mod steps;
mod uploads;

use check::*;
pub(crate) use start::Question;
use start::*;
use status::*;
use steps::*;
use uploads::*;

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
        .route("/contribute/s/{token}/confirm", post(status::confirm))
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
pub(crate) struct Origin(pub(crate) String);

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
