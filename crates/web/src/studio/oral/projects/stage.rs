//! Ticks of the next stage's checklist, and moves: forward one stage, closing the project, or
//! recording that the narrator withdrew.

use super::page::{Again, project_page};
use super::{facts, load_project};
use crate::App;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use crate::studio::form::Submitted;
use crate::studio::oral::{by, day, move_refused, text};
use crate::studio::{Staff, see_other};
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::civil::Date;
use letopis_core::oral::{Check, ChecklistState, Stage, SupportKind};
use letopis_store::oral::NewStep;

/// The day a step happened: today when left empty; never in the future, never before the
/// project's last step.
fn step_day(t: &Tr, typed: &str, last: Option<Date>) -> Result<Date, String> {
    let today = letopis_core::today();
    if typed.is_empty() {
        return Ok(today);
    }
    let Ok(d) = typed.parse::<Date>() else {
        return Err(t.msg("studio-oral-error-step-day"));
    };
    if d > today {
        return Err(t.msg("studio-oral-error-step-future"));
    }
    if let Some(last) = last.filter(|last| d < *last) {
        return Err(t.args(
            "studio-oral-error-step-before",
            &[("day", day(t, last).into())],
        ));
    }
    Ok(d)
}

/// Saves the ticks of the next stage's checklist, and on «move» claims that stage; or closes
/// the project, or records that the narrator withdrew.
pub async fn stage(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    let (p, standing) = load_project(&app, &staff, id).await?;
    if !standing.may_work() {
        return Err(AppError::Forbidden);
    }
    let t = &staff.t;
    let action = form.get("action").to_string();
    let on_typed = text(&form, "on", 30);
    let note = text(&form, "note", 2000);
    let refuse = |message: String, status: StatusCode| Again {
        refusal: message,
        step: Some((on_typed.clone(), note.clone())),
        status: Some(status),
        ..Again::default()
    };
    let to = match action.as_str() {
        "close" => Stage::Closed,
        "withdraw" => Stage::Withdrawn,
        // With no next stage, `check_move` below says why (final, or published).
        "save" | "move" => p.stage.next().unwrap_or(p.stage),
        _ => {
            return Err(AppError::BadRequest(crate::shell::i18n::Message::new(
                "error-bad-request-generic",
            )));
        }
    };
    // The withdrawal itself happens on the interview (one action that takes it and the narrator
    // off every public path); the project only records it, so it may not claim one before.
    if to == Stage::Withdrawn
        && let Some(rid) = p.interview
    {
        // Whether it is withdrawn, whoever may open it: the museum's reading.
        let withdrawn = app
            .museum_desk(move |desk| desk.gate().get(rid))
            .await?
            .is_none_or(|r| r.record.meta.workflow == letopis_core::Workflow::Withdrawn);
        if !withdrawn {
            let again = refuse(
                t.args(
                    "studio-oral-refused-withdraw-first",
                    &[("record", rid.0.to_string().into())],
                ),
                StatusCode::UNPROCESSABLE_ENTITY,
            );
            return project_page(&app, &staff, id, again, None).await;
        }
    }
    let who = by(&staff);
    if matches!(action.as_str(), "save" | "move") && p.stage.next().is_some() {
        // The form names the stage its ticks are for: if someone moved the project meanwhile,
        // its ticks would land on the wrong stage.
        if form.get("stage") != to.code() {
            let again = refuse(
                t.msg("studio-oral-refused-stage-changed"),
                StatusCode::CONFLICT,
            );
            return project_page(&app, &staff, id, again, None).await;
        }
        let chosen: Vec<String> = form.all("item").into_iter().map(str::to_string).collect();
        let by_tick = who.clone();
        app.oral_call(move |o| {
            for item in to.checklist() {
                if item.check == Check::Ticked {
                    let done = chosen.iter().any(|c| c == item.code);
                    o.set_tick(letopis_core::ProjectId(id), to, item.code, done, &by_tick)?;
                }
            }
            Ok(())
        })
        .await?;
        if action == "save" {
            return Ok(see_other(&format!("/studio/projects/{id}?done=ticks")));
        }
    }
    let (ticks, steps, notes) = app
        .oral_call(move |o| {
            Ok((
                o.ticks(letopis_core::ProjectId(id))?,
                o.steps(letopis_core::ProjectId(id))?,
                o.support_notes(letopis_core::ProjectId(id))?,
            ))
        })
        .await?;
    let debrief = notes.iter().any(|n| n.kind == SupportKind::Debrief);
    let ticked: Vec<&str> = ticks
        .iter()
        .filter(|t| t.stage == to)
        .map(|t| t.item.as_str())
        .collect();
    let state = ChecklistState {
        ticked: &ticked,
        facts: facts(&app, &p, debrief).await?,
        note: &note,
    };
    if let Err(refused) = p.stage.check_move(to, &state) {
        let again = refuse(move_refused(t, &refused), StatusCode::UNPROCESSABLE_ENTITY);
        return project_page(&app, &staff, id, again, None).await;
    }
    let on = match step_day(t, &on_typed, steps.last().map(|s| s.on)) {
        Ok(on) => on,
        Err(why) => {
            let again = refuse(why, StatusCode::UNPROCESSABLE_ENTITY);
            return project_page(&app, &staff, id, again, None).await;
        }
    };
    let step = NewStep {
        from: p.stage,
        to,
        on,
        by: who,
        note: note.clone(),
    };
    let moved = app
        .oral_call(move |o| o.move_stage(letopis_core::ProjectId(id), &step))
        .await?;
    if !moved {
        let again = refuse(t.msg("studio-oral-refused-moved"), StatusCode::CONFLICT);
        return project_page(&app, &staff, id, again, None).await;
    }
    Ok(see_other(&format!("/studio/projects/{id}?done=moved")))
}
