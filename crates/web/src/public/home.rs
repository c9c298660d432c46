//! `GET /`: the museum's sections with the number of records the visitor may see in each.

use super::{Layout, Link, render_html, section_href};
use crate::error::AppError;
use crate::{App, CurrentViewer, ru};
use askama::Template;
use axum::extract::State;
use axum::response::Html;

#[derive(Template)]
#[template(path = "public/home.html")]
struct HomePage {
    layout: Layout,
    sections: Vec<Link>,
}

pub async fn page(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
) -> Result<Html<String>, AppError> {
    let counts = app.read(viewer, |gate| gate.counts()).await?;
    let sections = counts
        .into_iter()
        .map(|(kind, n)| {
            Link::new(section_href(kind), kind.plural_ru()).with_note(ru::count_ru(n, kind))
        })
        .collect();
    render_html(&HomePage {
        layout: Layout::new(&app, ""),
        sections,
    })
}
