//! The coordination council's view: per quarter, per working group and per roadmap activity,
//! records added, reviewed, published and interviews recorded; exportable as CSV and printable.

use super::form::Submitted;
use super::roadmap::{self, period_label};
use super::{Frame, Staff, render, see_other, when};
use crate::App;
use crate::error::AppError;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use letopis_core::account::Permission;
use letopis_store::accounts::{Activity, QuarterCounts, quarter_of};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "studio/council.html")]
struct CouncilPage {
    frame: Frame,
    rows: Vec<CountRow>,
    activities: Vec<ActivityView>,
    quarter: String,
    error: String,
}

struct CountRow {
    quarter: String,
    group: String,
    added: u64,
    reviewed: u64,
    published: u64,
    interviews: u64,
}

struct ActivityView {
    id: i64,
    number: i64,
    title: String,
    period: String,
    departments: String,
    reports: Vec<(String, String, String, String)>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Done {
    done: String,
}

/// The counts with group names; people in no working group (and imports) are «вне групп».
async fn counts(app: &App) -> Result<Vec<CountRow>, AppError> {
    let (counts, groups) = app
        .accounts_call(|a| Ok((a.council_counts()?, a.groups()?)))
        .await?;
    Ok(counts
        .into_iter()
        .rev()
        .map(|c: QuarterCounts| CountRow {
            group: c
                .group_id
                .and_then(|id| groups.iter().find(|g| g.id == id))
                .map(|g| g.name.clone())
                .unwrap_or_else(|| "вне групп".into()),
            quarter: c.quarter,
            added: c.added,
            reviewed: c.reviewed,
            published: c.published,
            interviews: c.interviews,
        })
        .collect())
}

async fn activities(app: &App) -> Result<Vec<Activity>, AppError> {
    app.accounts_call(|a| {
        let mut list = a.activities()?;
        if list.is_empty() {
            a.seed_activities(&roadmap::parse(roadmap::SEED))?;
            list = a.activities()?;
        }
        Ok(list)
    })
    .await
}

async fn show(
    app: &App,
    staff: &Staff,
    notice: Option<&str>,
    error: String,
) -> Result<Response, AppError> {
    let rows = counts(app).await?;
    let list = activities(app).await?;
    let reports = app.accounts_call(|a| a.reports()).await?;
    render(&CouncilPage {
        frame: Frame::new(staff, "Отчёт координационного совета", "/studio/council")
            .with_notice(notice),
        rows,
        activities: list
            .into_iter()
            .map(|a| ActivityView {
                reports: reports
                    .iter()
                    .filter(|r| r.activity_id == a.id)
                    .map(|r| {
                        (
                            r.quarter.clone(),
                            r.author.clone(),
                            when(r.at),
                            r.body.clone(),
                        )
                    })
                    .collect(),
                id: a.id,
                number: a.number,
                period: period_label(&a.period).to_string(),
                title: a.title,
                departments: a.departments,
            })
            .collect(),
        quarter: quarter_of(jiff::Timestamp::now()),
        error,
    })
}

pub async fn page(
    State(app): State<App>,
    staff: Staff,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    staff.require(Permission::Council)?;
    show(&app, &staff, Some(&q.done), String::new()).await
}

/// A CSV cell: quoted, and a leading `= + - @` defused so a spreadsheet never runs it.
fn cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

pub async fn csv(State(app): State<App>, staff: Staff) -> Result<Response, AppError> {
    staff.require(Permission::Council)?;
    let rows = counts(&app).await?;
    // A BOM so that Excel opens the Russian headers as UTF-8.
    let mut out = String::from(
        "\u{feff}Квартал,Рабочая группа,Добавлено записей,Проверено,Опубликовано,Записано интервью\r\n",
    );
    for r in &rows {
        out.push_str(&format!(
            "{},{},{},{},{},{}\r\n",
            cell(&r.quarter),
            cell(&r.group),
            r.added,
            r.reviewed,
            r.published,
            r.interviews
        ));
    }
    app.audit(staff.audit("export", None, "отчёт совета, CSV"))
        .await;
    let mut response = out.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"letopis-council.csv\""),
    );
    Ok(response)
}

pub async fn report(
    State(app): State<App>,
    staff: Staff,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    staff.require(Permission::Council)?;
    let activity = form.get("activity").parse::<i64>().ok();
    let quarter: String = form.get("quarter").trim().chars().take(10).collect();
    let body: String = form.get("body").trim().chars().take(20_000).collect();
    let quarter_ok = quarter.len() == 7
        && quarter[..4].bytes().all(|b| b.is_ascii_digit())
        && matches!(&quarter[4..], "-Q1" | "-Q2" | "-Q3" | "-Q4");
    let known = activities(&app).await?;
    let Some(activity) = activity.filter(|id| known.iter().any(|a| a.id == *id)) else {
        return show(
            &app,
            &staff,
            None,
            "Выберите мероприятие дорожной карты.".into(),
        )
        .await;
    };
    if !quarter_ok || body.is_empty() {
        return show(
            &app,
            &staff,
            None,
            "Укажите квартал в виде 2025-Q1 и текст отчёта.".into(),
        )
        .await;
    }
    let (uid, name) = (staff.user.id, staff.user.display_name.clone());
    app.accounts_call(move |a| a.add_report(activity, &quarter, uid, &name, &body))
        .await?;
    Ok(see_other("/studio/council?done=report"))
}
