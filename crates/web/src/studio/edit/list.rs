//! `GET /studio/{plural}`: the list of one kind's records, filtered by state and text.

use super::{kind_of, workflow_label};
use crate::App;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use crate::studio::{Frame, Staff, kind_plural, render, when};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use letopis_core::Workflow;
use letopis_store::StoredRecord;
use letopis_store::accounts::StudioQuery;
use serde::Deserialize;

pub(super) const PER_PAGE: u64 = 50;

// ---------------------------------------------------------------------------------------------
// The list

#[derive(Template)]
#[template(path = "studio/list.html")]
struct ListPage {
    frame: Frame,
    kind_plural: String,
    new_href: String,
    rows: Vec<Row>,
    total: u64,
    q: String,
    states: Vec<(&'static str, String, bool)>,
    page: u64,
    pages: u64,
    base: String,
}

pub struct Row {
    pub id: i64,
    pub title: String,
    pub workflow: String,
    pub workflow_code: &'static str,
    pub updated: String,
}

pub fn row(t: &Tr, r: &StoredRecord) -> Row {
    let title = r.record.title();
    Row {
        id: r.record.id().0,
        title: if title.trim().is_empty() {
            t.msg("studio-untitled")
        } else {
            title
        },
        workflow: workflow_label(t, r.record.meta.workflow),
        workflow_code: r.record.meta.workflow.code(),
        updated: when(t, r.record.meta.updated_at),
    }
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    q: String,
    state: String,
    page: Option<u64>,
}

pub async fn list(
    State(app): State<App>,
    staff: Staff,
    Path(plural): Path<String>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let kind = kind_of(&plural)?;
    let workflow = Workflow::from_code(&q.state);
    let page = q.page.unwrap_or(1).clamp(1, 100_000);
    let query = StudioQuery {
        kind,
        workflow,
        text: Some(q.q.chars().take(200).collect()),
        offset: (page - 1) * PER_PAGE,
        limit: PER_PAGE,
    };
    let filter = staff.viewer.filter(letopis_core::today());
    let found = app
        .accounts_call(move |a| a.studio_list(&query, &filter))
        .await?;
    // The store chose the ids with the gate's plain-data form; the records are read through the
    // studio's gate itself.
    let ids = found.items.clone();
    let rows = app
        .read_studio(staff.viewer.clone(), move |gate| gate.many(&ids))
        .await?
        .iter()
        .map(|r| row(&staff.t, r))
        .collect();
    let mut states = vec![("", staff.t.msg("studio-list-state-all"), workflow.is_none())];
    states.extend(
        Workflow::ALL
            .into_iter()
            .map(|w| (w.code(), workflow_label(&staff.t, w), workflow == Some(w))),
    );
    let base = format!(
        "/studio/{plural}?q={}&state={}",
        crate::shell::prefs::encode_component(&q.q),
        workflow.map(|w| w.code()).unwrap_or("")
    );
    render(&ListPage {
        frame: Frame::new(
            &staff,
            kind_plural(&staff.t, kind),
            &format!("/studio/{plural}"),
        ),
        kind_plural: kind_plural(&staff.t, kind),
        new_href: format!("/studio/{plural}/new"),
        rows,
        total: found.total,
        q: q.q.chars().take(200).collect(),
        states,
        page,
        pages: found.total.div_ceil(PER_PAGE).max(1),
        base,
    })
}
