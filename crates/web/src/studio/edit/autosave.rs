//! `POST /studio/records/{id}/autosave`: the page's script saves a draft now and then.

use super::save::{Saved, save_form};
use super::view::load;
use crate::App;
use crate::shell::error::AppError;
use crate::studio::form::Submitted;
use crate::studio::{Staff, when};
use axum::Form;
use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use letopis_core::Workflow;
use serde_json::json;

/// Periodic save of a draft from the page's script: JSON in, JSON out.
pub async fn autosave(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    staff.check_csrf(Some(Submitted(&pairs).get("csrf")))?;
    let stored = load(&app, &staff, id).await?;
    if stored.record.meta.workflow != Workflow::Draft {
        return Ok((
            axum::http::StatusCode::CONFLICT,
            Json(json!({ "ok": false, "message": staff.t.msg("studio-autosave-drafts-only") })),
        )
            .into_response());
    }
    Ok(match save_form(&app, &staff, id, &pairs).await? {
        Saved::Done(version) => Json(json!({
            "ok": true,
            "version": version,
            "message": staff.t.args("studio-autosave-saved", &[("time", when(&staff.t, jiff::Timestamp::now()).rsplit(", ").next().unwrap_or("").to_string().into())]),
        })).into_response(),
        Saved::Problems(problems) => (axum::http::StatusCode::UNPROCESSABLE_ENTITY, Json(json!({
            "ok": false,
            "message": staff.t.msg("studio-autosave-problems"),
            "problems": problems,
        }))).into_response(),
        Saved::Conflict(message) => (axum::http::StatusCode::CONFLICT, Json(json!({ "ok": false, "message": message }))).into_response(),
        Saved::ReadOnly => AppError::Forbidden.into_response(),
    })
}
