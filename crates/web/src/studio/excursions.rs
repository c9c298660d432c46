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
use letopis_core::lesson::{KitState, Purpose};
use letopis_store::accounts::{Excursion, ExcursionStatus};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "studio/excursions.html")]
struct ExcursionsPage {
    frame: Frame,
    waiting: Vec<Excursion>,
    decided: Vec<Excursion>,
    error: String,
    /// The hall's tours and the lessons a class may take afterwards (published or shared).
    tours: Vec<(i64, String)>,
    lessons: Vec<(i64, String)>,
}

impl ExcursionsPage {
    fn title_of(&self, id: &Option<i64>) -> String {
        let Some(id) = id else {
            return String::new();
        };
        self.tours
            .iter()
            .chain(&self.lessons)
            .find(|(k, _)| k == id)
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
    }
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
    let (all, kits) = app
        .accounts_call(move |a| {
            a.erase_past_excursions(today, jiff::Timestamp::now())?;
            Ok((
                a.excursions()?,
                a.kits_in(&[KitState::Shared, KitState::Submitted, KitState::Published])?,
            ))
        })
        .await?;
    let (tours, lessons): (Vec<_>, Vec<_>) = kits
        .into_iter()
        .map(|k| (k.id, k.kit.title, k.kit.purpose))
        .partition(|(_, _, p)| *p == Purpose::Tour);
    let strip = |v: Vec<(i64, String, Purpose)>| v.into_iter().map(|(i, t, _)| (i, t)).collect();
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
        tours: strip(tours),
        lessons: strip(lessons),
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

/// `POST /studio/excursions/{id}/plan`: the tour the class takes in the hall and the lesson
/// kit its teacher gets for afterwards.
pub async fn plan(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    staff.require(Permission::Council)?;
    let pick = |name: &str| form.get(name).parse::<i64>().ok();
    let (tour, lesson) = (pick("tour"), pick("lesson"));
    let kits = app
        .accounts_call(|a| a.kits_in(&[KitState::Shared, KitState::Submitted, KitState::Published]))
        .await?;
    let known = |id: Option<i64>, purpose: Purpose| {
        id.is_none_or(|id| kits.iter().any(|k| k.id == id && k.kit.purpose == purpose))
    };
    if !known(tour, Purpose::Tour) || !known(lesson, Purpose::Lesson) {
        return Err(AppError::NotFound);
    }
    app.accounts_call(move |a| a.plan_excursion(id, tour, lesson))
        .await?;
    app.audit(staff.audit(
        "excursion",
        Some(format!("excursion:{id}")),
        format!("экскурсия № {id}: тур {tour:?}, урок {lesson:?}"),
    ))
    .await;
    Ok(see_other("/studio/excursions?done=excursion-planned"))
}
