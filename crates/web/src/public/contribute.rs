//! `GET /contribute?about=ID`: «Знаете больше? Дополните» — what a visitor who knows more about
//! a record can bring the museum, and where to send it.
//!
//! The record is named only when the visitor may see it: a link to a hidden record gets the
//! general page, so the address never confirms that the record exists.

use super::{Layout, PageContext, record_href, render_html};
use crate::error::AppError;
use crate::i18n::{Message, Tr};
use crate::prefs::encode_component;
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
#[template(path = "public/contribute.html")]
struct ContributePage {
    layout: Layout,
    t: Tr,
    /// The record the visitor came from: its title and address.
    about: Option<(String, String)>,
    /// `mailto:` with the subject filled in, and the address to show.
    mail: Option<(String, String)>,
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
    let t = ctx.t;
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
    let layout = ctx.layout(&app, t.msg("contribute-title"));
    render_html(&ContributePage {
        layout,
        t,
        about,
        mail,
    })
}
