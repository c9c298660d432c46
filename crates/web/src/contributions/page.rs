//! `GET /contribute?about=ID`: «Рассказать о герое» / «Знаете больше? Дополните» — what a
//! visitor who knows more can bring the museum, and the button that starts the step-by-step
//! form (`contributions::resident`). The same page asks the check question when one address
//! starts too many stories, and says so when the day's limit is reached.
//!
//! The record is named only when the visitor may see it: a link to a hidden record gets the
//! general page, so the address never confirms that the record exists.

use crate::public::{Layout, PageContext, record_href, render_html};
use crate::shell::error::AppError;
use crate::shell::i18n::{Message, Tr};
use crate::shell::prefs::encode_component;
use crate::{App, CurrentViewer};
use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::Html;
use letopis_core::record::RecordId;
use serde::Deserialize;

#[derive(Debug, Deserialize, Default)]
pub struct ContributeParams {
    /// Kept as text so that a bad value gets our translated message.
    about: Option<String>,
}

#[derive(Template)]
#[template(path = "contributions/page.html")]
struct ContributePage {
    layout: Layout,
    t: Tr,
    /// The record the visitor came from: its title and address.
    about: Option<(String, String)>,
    /// `mailto:` with the subject filled in, and the address to show.
    mail: Option<(String, String)>,
    /// The record's number, carried by the start form.
    about_id: Option<i64>,
    /// The check question, when this address has started many stories this hour.
    question: Option<(String, String)>,
    question_wrong: bool,
    /// Whether residents' stories are taken here (the store has submissions).
    form: bool,
}

#[derive(Template)]
#[template(path = "contributions/limit.html")]
struct LimitPage {
    layout: Layout,
    t: Tr,
    key: &'static str,
    mail: Option<(String, String)>,
}

/// The page shown when a limit on new stories is reached: what happened and what to do.
pub(crate) fn limit_page(
    app: &App,
    ctx: &PageContext,
    key: &'static str,
) -> Result<Html<String>, AppError> {
    let t = ctx.t;
    let mail = app
        .config()
        .contact_email
        .as_ref()
        .map(|a| (format!("mailto:{a}"), a.clone()));
    render_html(&LimitPage {
        layout: ctx.layout(app, t.msg("contributions-limit-title")),
        t,
        key,
        mail,
    })
}

/// The start page again, with the check question.
pub(crate) fn question_page(
    app: &App,
    viewer: &letopis_core::Viewer,
    ctx: &PageContext,
    about: Option<RecordId>,
    question: crate::contributions::resident::Question,
    wrong: bool,
) -> Result<Html<String>, AppError> {
    let record = match about {
        Some(id) => app.read_now(viewer, |gate| gate.get(id))?,
        None => None,
    };
    let mut page = build(app, ctx, record);
    page.question = Some((question.code(), question.text(&page.t)));
    page.question_wrong = wrong;
    render_html(&page)
}

pub async fn page(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
    query: Result<Query<ContributeParams>, QueryRejection>,
) -> Result<Html<String>, AppError> {
    let params = query.map(|Query(p)| p).map_err(|e| {
        tracing::debug!(error = %e, "malformed query string");
        AppError::BadRequest(Message::new("error-query-string"))
    })?;
    let id = match params.about.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => Some(raw.parse::<i64>().map(RecordId).map_err(|_| {
            AppError::BadRequest(Message::new("error-record-id").arg("value", raw))
        })?),
    };
    let record = match id {
        Some(id) => app.read_now(&viewer, |gate| gate.get(id))?,
        None => None,
    };
    render_html(&build(&app, &ctx, record))
}

fn build(
    app: &App,
    ctx: &PageContext,
    record: Option<letopis_store::StoredRecord>,
) -> ContributePage {
    let t = ctx.t;
    let about_id = record.as_ref().map(|r| r.record.id().0);
    let about = record.map(|r| {
        let meta = &r.record.meta;
        (r.record.title(), record_href(meta.kind, &meta.slug))
    });
    let mail = app.config().contact_email.as_ref().map(|address| {
        let subject = match &about {
            Some((title, href)) => t.args(
                "contribute-mail-subject-about",
                &[("title", title.into()), ("href", href.into())],
            ),
            None => t.msg("contribute-mail-subject"),
        };
        (
            format!("mailto:{address}?subject={}", encode_component(&subject)),
            address.clone(),
        )
    });
    let layout = ctx.layout(app, t.msg("contribute-title"));
    ContributePage {
        layout,
        t,
        about,
        mail,
        about_id,
        question: None,
        question_wrong: false,
        form: app.takes_contributions(),
    }
}
