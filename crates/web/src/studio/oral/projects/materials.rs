//! The interviewer or a coordinator names the question guide version used and the Interview
//! record made.

use super::load_project;
use super::page::{Again, project_page};
use crate::App;
use crate::shell::error::AppError;
use crate::studio::edit::load;
use crate::studio::form::{Submitted, parse_record_number};
use crate::studio::oral::{Errors, text};
use crate::studio::{Staff, see_other};
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use letopis_core::{Kind, RecordId};

pub async fn materials(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    let (_, standing) = load_project(&app, &staff, id).await?;
    if !standing.may_work() {
        return Err(AppError::Forbidden);
    }
    let t = &staff.t;
    let guide_typed = text(&form, "guide", 30);
    let interview_typed = text(&form, "interview", 100);
    let mut errors = Errors::default();
    let guide = if guide_typed.is_empty() {
        None
    } else {
        let wanted = guide_typed.parse::<i64>().ok();
        let found = match wanted {
            Some(v) => {
                app.oral_call(move |o| o.guide_version(letopis_core::GuideVersionId(v)))
                    .await?
            }
            None => None,
        };
        if found.is_none() {
            errors.add("guide", t.msg("studio-oral-error-guide"));
        }
        found.map(|v| v.id)
    };
    let interview = if interview_typed.is_empty() {
        None
    } else {
        match parse_record_number(&interview_typed) {
            None => {
                errors.add("interview", t.msg("studio-oral-error-interview-number"));
                None
            }
            Some(n) => match load(&app, &staff, n).await {
                Ok(r) if r.record.kind() == Kind::Interview => Some(RecordId(n)),
                Ok(_) => {
                    errors.add(
                        "interview",
                        t.args(
                            "studio-oral-error-not-interview",
                            &[("number", n.to_string().into())],
                        ),
                    );
                    None
                }
                Err(AppError::NotFound) => {
                    errors.add(
                        "interview",
                        t.args(
                            "studio-oral-error-no-record",
                            &[("number", n.to_string().into())],
                        ),
                    );
                    None
                }
                Err(e) => return Err(e),
            },
        }
    };
    if !errors.is_empty() {
        let again = Again {
            materials: Some((guide_typed, interview_typed, errors)),
            status: Some(StatusCode::UNPROCESSABLE_ENTITY),
            ..Again::default()
        };
        return project_page(&app, &staff, id, again, None).await;
    }
    app.oral_call(move |o| o.set_materials(letopis_core::ProjectId(id), guide, interview))
        .await?;
    Ok(see_other(&format!("/studio/projects/{id}?done=project")))
}
