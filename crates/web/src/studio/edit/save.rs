//! `POST /studio/records/{id}`: saving the form over the stored record (optimistic locking by
//! version), and what every save does first (interview parts' lengths, silenced copies).

use super::view::{Again, edit_page, load, may_edit};
use crate::App;
use crate::shell::error::AppError;
use crate::studio::form::{Problems, Submitted, read_body, read_settings};
use crate::studio::upload::media_lookup;
use crate::studio::{Staff, see_other};
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use letopis_core::record::Settings;
use letopis_core::{Body, RecordId};
use letopis_store::{Op, StoreError};

pub(super) fn merge(
    a: Result<Body, Problems>,
    b: Result<Settings, Problems>,
) -> Result<(Body, Settings), Problems> {
    match (a, b) {
        (Ok(body), Ok(settings)) => Ok((body, settings)),
        (a, b) => {
            let mut all = a.err().unwrap_or_default();
            for (k, v) in b.err().unwrap_or_default() {
                all.entry(k).or_default().extend(v);
            }
            Err(all)
        }
    }
}

/// Before an interview is stored: new parts get their lengths, and parts with closed stretches
/// get their silenced public copies (see `silence.rs`).
pub(super) async fn prepare_interview(app: &App, body: &mut Body) -> Result<(), AppError> {
    let Body::Interview(interview) = body else {
        return Ok(());
    };
    fill_durations(app, interview);
    let app = app.clone();
    let mut copy = interview.clone();
    let (copy, notes) = tokio::task::spawn_blocking(move || {
        let notes = crate::studio::silence::prepare(&app, &mut copy);
        (copy, notes)
    })
    .await
    .map_err(|_| AppError::Unavailable)?;
    *interview = copy;
    // The edit page says the same to the editor (see `withheld` there).
    for note in notes {
        tracing::info!("{note}");
    }
    Ok(())
}

/// A newly added recording part gets its length from its upload's probe.
pub(super) fn fill_durations(app: &App, interview: &mut letopis_core::entities::Interview) {
    for part in &mut interview.recordings {
        if part.duration_ms == 0
            && let Some(ms) = crate::studio::upload::file_info(app, &part.media.sha256)
                .and_then(|i| i.duration_ms)
        {
            part.duration_ms = u32::try_from(ms).unwrap_or(u32::MAX);
        }
    }
}

/// What saving a form did.
pub(super) enum Saved {
    Done(i64),
    Problems(Problems),
    Conflict(String),
    ReadOnly,
}

pub(super) async fn save_form(
    app: &App,
    staff: &Staff,
    id: i64,
    pairs: &[(String, String)],
) -> Result<Saved, AppError> {
    let stored = load(app, staff, id).await?;
    if !may_edit(staff, stored.record.meta.workflow) {
        return Ok(Saved::ReadOnly);
    }
    let kind = stored.record.kind();
    let lookup = media_lookup(app);
    let form = Submitted(pairs);
    let parsed = merge(
        read_body(&staff.t, kind, &stored.record.body, &form, &lookup),
        read_settings(&staff.t, &form, &stored.record.settings()),
    );
    let (mut body, settings) = match parsed {
        Ok(v) => v,
        Err(p) => return Ok(Saved::Problems(p)),
    };
    prepare_interview(app, &mut body).await?;
    let expected = form.get("version").parse::<i64>().ok();
    let actor = staff.actor();
    let op = Op::Update {
        id: RecordId(id),
        expected_version: expected,
        body,
        settings,
    };
    let out = app
        .desk(staff.viewer.clone(), move |desk| {
            Ok(desk.apply(&actor, vec![op]))
        })
        .await?;
    match out {
        Ok(_) => {
            let version = load(app, staff, id).await?.record.meta.version;
            Ok(Saved::Done(version))
        }
        Err(StoreError::Conflict { expected, actual }) => Ok(Saved::Conflict(staff.t.args(
            "studio-edit-conflict",
            &[
                ("expected", expected.to_string().into()),
                ("actual", actual.to_string().into()),
            ],
        ))),
        Err(StoreError::Invalid(invalid)) => {
            let mut problems = Problems::new();
            for p in invalid.problems {
                problems.entry(p.field).or_default().push(p.message);
            }
            Ok(Saved::Problems(problems))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn save(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    staff.check_csrf(Some(Submitted(&pairs).get("csrf")))?;
    match save_form(&app, &staff, id, &pairs).await? {
        Saved::Done(_) => Ok(see_other(&format!("/studio/records/{id}?done=saved"))),
        Saved::Problems(problems) => {
            edit_page(
                &app,
                &staff,
                id,
                Again {
                    form: Some(&pairs),
                    problems,
                    ..Again::default()
                },
            )
            .await
        }
        Saved::Conflict(message) => {
            edit_page(
                &app,
                &staff,
                id,
                Again {
                    form: Some(&pairs),
                    conflict: format!("{message} {}", staff.t.msg("studio-edit-conflict-kept")),
                    ..Again::default()
                },
            )
            .await
        }
        Saved::ReadOnly => Err(AppError::Forbidden),
    }
}
