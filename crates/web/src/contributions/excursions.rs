//! `GET`/`POST /excursions`: a school asks the exhibition hall for an excursion (roadmap item
//! 11, run by the Culture and Education departments). The hall answers in the studio
//! (`studio::excursions`).
//!
//! What a teacher gives is the least the hall needs — school, class, how many pupils, the day
//! wanted, the teacher's name and a way to reach them — with the consent to process it, and it
//! is erased once the visit's day has passed. No pupil's name is ever asked. One address may
//! send a few requests a day; a hidden field catches bots.

use crate::App;
use crate::public::{Layout, PageContext, render_html};
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use letopis_store::accounts::NewExcursion;
use serde::Deserialize;

use super::resident::Origin;

/// Requests one address may send in a day.
const PER_DAY: u64 = 5;
/// The hall's largest group.
const MAX_PUPILS: u32 = 60;
/// How far ahead a day may be asked for.
const MAX_DAYS_AHEAD: i32 = 366;
/// The attempts' scope in the store.
const SCOPE: &str = "excursion";

#[derive(Debug, Deserialize, Default, Clone)]
#[serde(default)]
pub struct ExcursionForm {
    school: String,
    class_name: String,
    pupils: String,
    wanted_on: String,
    teacher: String,
    contact: String,
    note: String,
    consent: String,
    /// The honeypot: hidden from people and assistive technology.
    website: String,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Params {
    sent: String,
}

#[derive(Template)]
#[template(path = "contributions/excursion.html")]
struct ExcursionPage {
    layout: Layout,
    t: Tr,
    form: ExcursionForm,
    /// (field, message) for each field to correct, in the form's order.
    errors: Vec<(&'static str, String)>,
    sent: bool,
    limit: bool,
    /// The earliest day the date field offers.
    tomorrow: String,
    max_pupils: u32,
}

impl ExcursionPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }
}

fn page(app: &App, ctx: &PageContext, form: ExcursionForm) -> ExcursionPage {
    let t = ctx.t;
    ExcursionPage {
        layout: ctx.layout(app, t.msg("excursion-title")),
        t,
        form,
        errors: Vec::new(),
        sent: false,
        limit: false,
        tomorrow: tomorrow().to_string(),
        max_pupils: MAX_PUPILS,
    }
}

fn tomorrow() -> Date {
    letopis_core::today()
        .tomorrow()
        .unwrap_or(letopis_core::today())
}

pub async fn show(
    State(app): State<App>,
    ctx: PageContext,
    query: Result<Query<Params>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, AppError> {
    let Query(params) = query.unwrap_or_default();
    let mut view = page(&app, &ctx, ExcursionForm::default());
    view.sent = !params.sent.is_empty();
    Ok(render_html(&view)?.into_response())
}

/// What is wrong with the form, field by field, and the request it makes when nothing is.
fn check(form: &ExcursionForm, t: &Tr) -> Result<NewExcursion, Vec<(&'static str, String)>> {
    let mut errors = Vec::new();
    let text = |value: &str, max: usize| value.trim().chars().take(max).collect::<String>();
    let school = text(&form.school, 200);
    if school.is_empty() {
        errors.push(("school", t.msg("excursion-error-school")));
    }
    let class_name = text(&form.class_name, 40);
    if class_name.is_empty() {
        errors.push(("class_name", t.msg("excursion-error-class")));
    }
    let pupils = form
        .pupils
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=MAX_PUPILS).contains(n));
    if pupils.is_none() {
        errors.push(("pupils", t.msg("excursion-error-pupils")));
    }
    let today = letopis_core::today();
    let wanted = form.wanted_on.trim().parse::<Date>().ok().filter(|d| {
        *d > today && *d <= today.saturating_add(jiff::Span::new().days(MAX_DAYS_AHEAD))
    });
    if wanted.is_none() {
        errors.push(("wanted_on", t.msg("excursion-error-date")));
    }
    let teacher = text(&form.teacher, 200);
    if teacher.is_empty() {
        errors.push(("teacher", t.msg("excursion-error-teacher")));
    }
    let contact = text(&form.contact, 200);
    let digits = contact.chars().filter(char::is_ascii_digit).count();
    if !(contact.contains('@') || digits >= 6) {
        errors.push(("contact", t.msg("excursion-error-contact")));
    }
    if form.consent != "yes" {
        errors.push(("consent", t.msg("excursion-error-consent")));
    }
    match (pupils, wanted) {
        (Some(pupils), Some(wanted_on)) if errors.is_empty() => Ok(NewExcursion {
            school,
            class_name,
            pupils,
            wanted_on,
            teacher,
            contact,
            note: text(&form.note, 1000),
        }),
        _ => Err(errors),
    }
}

pub async fn send(
    State(app): State<App>,
    ctx: PageContext,
    Origin(origin): Origin,
    form: Result<Form<ExcursionForm>, FormRejection>,
) -> Result<Response, AppError> {
    let form = form.map(|Form(f)| f).unwrap_or_default();
    if !form.website.is_empty() {
        tracing::info!("an excursion request with the honeypot filled was ignored");
        return Ok(sent());
    }
    let t = ctx.t;
    let request = match check(&form, &t) {
        Ok(request) => request,
        Err(errors) => {
            let mut view = page(&app, &ctx, form);
            view.errors = errors;
            return Ok((StatusCode::BAD_REQUEST, render_html(&view)?).into_response());
        }
    };
    let now = jiff::Timestamp::now();
    let day_ago = now - jiff::SignedDuration::from_hours(24);
    let key = origin.clone();
    let recent = app
        .accounts_call(move |a| a.attempts_since(SCOPE, &key, day_ago))
        .await?;
    if recent >= PER_DAY {
        let mut view = page(&app, &ctx, form);
        view.limit = true;
        return Ok((StatusCode::TOO_MANY_REQUESTS, render_html(&view)?).into_response());
    }
    let school = request.school.clone();
    let id = app
        .accounts_call(move |a| {
            a.note_attempt(SCOPE, &origin, now)?;
            a.request_excursion(&request, now)
        })
        .await?;
    tracing::info!(id, school = %school, "excursion requested");
    Ok(sent())
}

/// Erases the teachers' names and contacts of excursions whose day has passed (the hourly
/// purge; the studio's page does it too before showing the list). Returns how many.
pub async fn erase_past(app: &App) -> Result<u64, AppError> {
    let today = letopis_core::today();
    app.accounts_call(move |a| a.erase_past_excursions(today, jiff::Timestamp::now()))
        .await
}

/// 303 to the page that says the request was sent (a reload sends nothing twice).
fn sent() -> Response {
    (
        StatusCode::SEE_OTHER,
        [
            (
                header::LOCATION,
                HeaderValue::from_static("/excursions?sent=1"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
    )
        .into_response()
}
