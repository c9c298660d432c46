//! «Что ждёт меня»: the person's tasks and interview projects, drafts, what was returned to
//! them, what waits for their review, and what their working groups did this quarter.

use super::edit::{Row, row};
use super::{Frame, Staff, oral, render, when};
use crate::App;
use crate::shell::error::AppError;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use letopis_core::account::Permission;
use letopis_store::accounts::quarter_of;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "studio/dashboard.html")]
struct DashboardPage {
    frame: Frame,
    drafts: Vec<Row>,
    returned: Vec<Row>,
    to_review: Vec<Row>,
    can_review: bool,
    /// Residents' submissions waiting for a moderator's decision.
    submissions_waiting: usize,
    quarter: String,
    groups: Vec<GroupWork>,
    tasks: Vec<TaskLine>,
    projects: Vec<ProjectLine>,
}

struct TaskLine {
    id: i64,
    body: String,
    project: Option<i64>,
    since: String,
}

struct ProjectLine {
    id: i64,
    title: String,
    stage: String,
}

struct GroupWork {
    name: String,
    added: u64,
    reviewed: u64,
    published: u64,
    interviews: u64,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Done {
    done: String,
}

pub async fn page(
    State(app): State<App>,
    staff: Staff,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    let filter = staff.viewer.filter(letopis_core::today());
    let uid = staff.user.id;
    let (work, counts, groups) = app
        .accounts_call(move |a| Ok((a.work_of(uid, &filter)?, a.council_counts()?, a.groups()?)))
        .await?;
    // Ids from the store, records through the studio's gate.
    let all: Vec<letopis_core::record::RecordId> = work
        .drafts
        .iter()
        .chain(&work.returned)
        .chain(&work.to_review)
        .copied()
        .collect();
    let records = app
        .read_studio(staff.viewer.clone(), move |gate| gate.many(&all))
        .await?;
    let rows = |list: &[letopis_core::record::RecordId]| -> Vec<Row> {
        list.iter()
            .filter_map(|id| records.iter().find(|r| r.record.id() == *id))
            .map(|r| row(&staff.t, r))
            .collect()
    };
    let quarter = quarter_of(jiff::Timestamp::now());
    let mine: Vec<GroupWork> = groups
        .iter()
        .filter(|g| staff.user.groups.contains(&g.id))
        .map(|g| {
            let c = counts
                .iter()
                .find(|c| c.quarter == quarter && c.group_id == Some(g.id));
            GroupWork {
                name: g.name.clone(),
                added: c.map_or(0, |c| c.added),
                reviewed: c.map_or(0, |c| c.reviewed),
                published: c.map_or(0, |c| c.published),
                interviews: c.map_or(0, |c| c.interviews),
            }
        })
        .collect();
    let (tasks, projects) = oral_work(&app, &staff).await?;
    let submissions_waiting = if staff.may(Permission::Review) {
        super::contributions::waiting(&app).await?
    } else {
        0
    };
    render(&DashboardPage {
        frame: Frame::new(&staff, staff.t.msg("studio-nav-mine"), "/studio")
            .with_notice(Some(&q.done)),
        drafts: rows(&work.drafts),
        returned: rows(&work.returned),
        to_review: if staff.may(Permission::Review) {
            rows(&work.to_review)
        } else {
            Vec::new()
        },
        can_review: staff.may(Permission::Review),
        submissions_waiting,
        quarter,
        groups: mine,
        tasks,
        projects,
    })
}

/// Open tasks for the person, and the interview projects they are the interviewer or
/// psychologist of; nothing when the oral history is not turned on.
async fn oral_work(
    app: &App,
    staff: &Staff,
) -> Result<(Vec<TaskLine>, Vec<ProjectLine>), AppError> {
    if app.oral().is_err() {
        return Ok((Vec::new(), Vec::new()));
    }
    let uid = staff.user.id;
    let (tasks, projects) = app
        .oral_call(move |o| Ok((o.open_tasks(uid)?, o.projects()?)))
        .await?;
    let tasks = tasks
        .into_iter()
        .map(|t| TaskLine {
            id: t.id.0,
            body: t.body,
            project: t.project_id.map(|id| id.0),
            since: when(&staff.t, t.created_at),
        })
        .collect();
    let projects = projects
        .iter()
        .filter(|p| {
            !p.stage.is_final()
                && (p.interviewer == Some(uid) || p.psychologist == Some(uid))
                && oral::standing(staff, p).is_some()
        })
        .map(|p| ProjectLine {
            id: p.id.0,
            title: p.title.clone(),
            stage: staff.t.msg(&format!(
                "studio-dashboard-stage-{}",
                p.stage.code().replace('_', "-")
            )),
        })
        .collect();
    Ok((tasks, projects))
}
