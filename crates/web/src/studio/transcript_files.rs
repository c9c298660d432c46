//! An interview's transcript and index as files: export for the museum's own use (WebVTT, SRT,
//! plain text with marks, OHMS XML), and import of the same formats into the record.
//!
//! Exports are the museum's full text, closed stretches included, so each is written to the
//! audit log as an export of private data. An import that cannot be read names the line and
//! the reason and changes nothing.

use super::edit::{Again, edit_page, load};
use super::form::Submitted;
use super::{Staff, see_other};
use crate::App;
use crate::shell::error::AppError;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use letopis_core::account::Permission;
use letopis_core::transcript::{self, Format};
use letopis_core::{Body, RecordId};
use letopis_store::{Op, StoreError};

/// `GET /studio/records/{id}/files/{name}`: `transcript.vtt`, `transcript.srt`,
/// `transcript.txt` or `ohms.xml`.
pub async fn export(
    State(app): State<App>,
    staff: Staff,
    Path((id, name)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    staff.require(Permission::Edit)?;
    let stored = load(&app, &staff, id).await?;
    let Body::Interview(interview) = &stored.record.body else {
        return Err(AppError::NotFound);
    };
    let (text, mime) = match name.as_str() {
        "ohms.xml" => (
            letopis_core::ohms::write_ohms(interview, interview.pseudonym.as_deref()),
            "application/xml; charset=utf-8",
        ),
        _ => {
            let format = name
                .strip_prefix("transcript.")
                .and_then(Format::from_extension)
                .ok_or(AppError::NotFound)?;
            (
                transcript::write(&interview.transcript, format),
                format.media_type(),
            )
        }
    };
    app.audit(staff.audit(
        "export",
        Some(format!("record:{id}")),
        format!("расшифровка интервью, {name}"),
    ))
    .await;
    let mut response = text.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(mime).unwrap_or(HeaderValue::from_static("text/plain")),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"letopis-interview-{id}-{name}\""
    )) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

/// `POST /studio/records/{id}/transcript-import`: the file's text (pasted, or read into the form
/// by the page's script) replaces the transcript; an OHMS file brings its index too.
pub async fn import(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    staff.require(Permission::Edit)?;
    let stored = load(&app, &staff, id).await?;
    let Body::Interview(mut interview) = stored.record.body.clone() else {
        return Err(AppError::NotFound);
    };
    if !super::edit::may_edit(&staff, stored.record.meta.workflow) {
        return Err(AppError::Forbidden);
    }
    let refuse = |why: String| Again {
        refusal: staff
            .t
            .args("studio-import-refused", &[("problem", why.into())]),
        ..Again::default()
    };
    let content = form.get("content");
    if content.trim().is_empty() {
        return edit_page(
            &app,
            &staff,
            id,
            refuse(staff.t.msg("studio-import-error-empty")),
        )
        .await;
    }
    let total = interview.duration_ms();
    let total = (total > 0).then_some(total);
    let what = match form.get("format") {
        "ohms" => {
            let ohms = match letopis_core::ohms::read_ohms(content.as_bytes()) {
                Ok(o) => o,
                Err(e) => return edit_page(&app, &staff, id, refuse(e.to_string())).await,
            };
            if !ohms.segments.is_empty() {
                interview.segments = ohms.segments;
            }
            if !ohms.transcript.is_empty() {
                interview.transcript = ohms.transcript;
            }
            "оглавление и расшифровка OHMS"
        }
        code => {
            let format = Format::from_extension(code);
            match transcript::read(content.as_bytes(), format, total) {
                Ok(cues) => interview.transcript = cues,
                Err(e) => return edit_page(&app, &staff, id, refuse(e.to_string())).await,
            }
            "расшифровка"
        }
    };
    let actor = staff.actor();
    let op = Op::Update {
        id: RecordId(id),
        expected_version: form.get("version").parse::<i64>().ok(),
        body: Body::Interview(interview),
        settings: stored.record.settings(),
    };
    let out = app
        .desk(staff.viewer.clone(), move |desk| {
            Ok(desk.apply(&actor, vec![op]))
        })
        .await?;
    match out {
        Ok(_) => {}
        Err(StoreError::Conflict { expected, actual }) => {
            let why = staff.t.args(
                "studio-edit-conflict",
                &[
                    ("expected", expected.to_string().into()),
                    ("actual", actual.to_string().into()),
                ],
            );
            return edit_page(&app, &staff, id, refuse(why)).await;
        }
        Err(StoreError::Invalid(invalid)) => {
            let why = invalid
                .problems
                .iter()
                .map(|p| p.message.clone())
                .collect::<Vec<_>>()
                .join(" ");
            return edit_page(&app, &staff, id, refuse(why)).await;
        }
        Err(e) => return Err(e.into()),
    }
    tracing::info!(record = id, "{what} imported");
    Ok(see_other(&format!(
        "/studio/records/{id}?done=transcript-imported"
    )))
}
