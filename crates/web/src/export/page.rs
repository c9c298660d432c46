//! `GET /export`: the downloads, kind by kind, with how many records each holds for the visitor.

use crate::public::{Layout, PageContext, render_html};
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use crate::{App, CurrentViewer};
use askama::Template;
use axum::extract::State;
use axum::response::Html;

pub struct Row {
    pub label: String,
    pub plural: &'static str,
    pub count: u64,
}

#[derive(Template)]
#[template(path = "public/export.html")]
struct ExportPage {
    layout: Layout,
    t: Tr,
    rows: Vec<Row>,
}

pub async fn page(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
) -> Result<Html<String>, AppError> {
    let counts = app.read(viewer, |gate| gate.counts()).await?;
    let t = ctx.t;
    let rows = counts
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(kind, count)| Row {
            label: t.msg(&format!("kind-plural-{}", kind.code())),
            plural: kind.plural(),
            count,
        })
        .collect();
    render_html(&ExportPage {
        layout: ctx.layout(&app, t.msg("export-title")),
        t,
        rows,
    })
}
