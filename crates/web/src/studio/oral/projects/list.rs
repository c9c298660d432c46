//! The list of interview projects the person stands on (coordinators: all of them).

use super::ListQuery;
use crate::App;
use crate::shell::error::AppError;
use crate::studio::oral::{stage_label, standing, user_name};
use crate::studio::{Frame, Staff, render, when};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use letopis_core::account::Permission;

#[derive(Template)]
#[template(path = "studio/oral/projects.html")]
struct ListPage {
    frame: Frame,
    rows: Vec<ListRow>,
    can_add: bool,
}

struct ListRow {
    id: i64,
    title: String,
    narrator: String,
    stage: String,
    interviewer: String,
    psychologist: String,
    updated: String,
}

pub async fn list(
    State(app): State<App>,
    staff: Staff,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let (projects, narrators) = app
        .oral_call(|o| Ok((o.projects()?, o.narrators()?)))
        .await?;
    let users = app.accounts_call(|a| a.users()).await?;
    let rows = projects
        .iter()
        .filter(|p| standing(&staff, p).is_some())
        .map(|p| ListRow {
            id: p.id.0,
            title: p.title.clone(),
            narrator: narrators
                .iter()
                .find(|n| n.id == p.narrator_id)
                .map(|n| n.name.clone())
                .unwrap_or_default(),
            stage: stage_label(&staff.t, p.stage),
            interviewer: user_name(&users, p.interviewer.map(|id| id.0)),
            psychologist: user_name(&users, p.psychologist.map(|id| id.0)),
            updated: when(&staff.t, p.updated_at),
        })
        .collect();
    render(&ListPage {
        frame: Frame::new(
            &staff,
            staff.t.msg("studio-oral-projects-title"),
            "/studio/projects",
        )
        .with_notice(Some(&q.done)),
        rows,
        can_add: staff.may(Permission::CoordinateInterviews),
    })
}
