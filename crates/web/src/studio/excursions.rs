//! School excursions to the exhibition hall (roadmap item 11): the requests schools sent from
//! `/excursions`, confirmed (for the requested day or another) or declined by the hall's staff
//! — coordinators and group leads, who also read the council's report. The teacher's name and
//! contact are shown only here, and erased once the visit's day has passed; the report keeps
//! the number of visits and pupils per quarter.

use super::form::Submitted;
use super::{Frame, Staff, render, see_other};
use crate::App;
use crate::shell::error::AppError;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use letopis_core::account::Permission;
use letopis_store::accounts::{Excursion, ExcursionStatus};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "studio/excursions.html")]
struct ExcursionsPage {
    frame: Frame,
    waiting: Vec<Excursion>,
    decided: Vec<Excursion>,
    error: String,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Done {
    done: String,
}

async fn show(
    app: &App,
    staff: &Staff,
    notice: Option<&str>,
    error: String,
) -> Result<Response, AppError> {
    staff.require(Permission::Council)?;
    let today = letopis_core::today();
    // Past visits' contacts go before anyone reads the list (and by the daily purge).
    let all = app
        .accounts_call(move |a| {
            a.erase_past_excursions(today, jiff::Timestamp::now())?;
            a.excursions()
        })
        .await?;
    let (waiting, decided) = all
        .into_iter()
        .partition(|e| e.status == ExcursionStatus::Requested);
    let t = &staff.t;
    render(&ExcursionsPage {
        frame: Frame::new(
            staff,
            t.msg("studio-excursions-title"),
            "/studio/excursions",
        )
        .with_notice(notice),
        waiting,
        decided,
        error,
    })
}

pub async fn page(
    State(app): State<App>,
    staff: Staff,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    show(&app, &staff, Some(&q.done), String::new()).await
}

/// Confirms a request for the day in `visit_on` (the requested day unless changed) or declines
/// it (`action`).
pub async fn decide(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    staff.require(Permission::Council)?;
    let (status, visit_on) = match form.get("action") {
        "confirm" => match form.get("visit_on").parse::<jiff::civil::Date>() {
            Ok(day) if day >= letopis_core::today() => (ExcursionStatus::Confirmed, Some(day)),
            _ => {
                let error = staff.t.msg("studio-excursions-error-date");
                return show(&app, &staff, None, error).await;
            }
        },
        "decline" => (ExcursionStatus::Declined, None),
        _ => return Err(AppError::NotFound),
    };
    let by = staff.user.display_name.clone();
    app.accounts_call(move |a| {
        a.decide_excursion(id, status, visit_on, &by, jiff::Timestamp::now())
    })
    .await?;
    let what = match visit_on {
        Some(day) => format!("экскурсия № {id} подтверждена на {day}"),
        None => format!("экскурсия № {id}: отказ"),
    };
    app.audit(staff.audit("excursion", Some(format!("excursion:{id}")), what))
        .await;
    Ok(see_other(&format!(
        "/studio/excursions?done={}",
        status.code()
    )))
}
