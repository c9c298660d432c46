//! `GET /`: the museum's sections with the number of records the visitor may see in each.

use super::{Layout, Link, PageContext, kind_count, kind_plural, render_html, section_href};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::{App, CurrentViewer};
use askama::Template;
use axum::extract::State;
use axum::response::Html;

#[derive(Template)]
#[template(path = "public/home.html")]
struct HomePage {
    layout: Layout,
    t: Tr,
    sections: Vec<Link>,
}

pub async fn page(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
) -> Result<Html<String>, AppError> {
    let t = ctx.t;
    let counts = app.read(viewer, |gate| gate.counts()).await?;
    let sections = counts
        .into_iter()
        .map(|(kind, n)| {
            Link::new(section_href(kind), kind_plural(&t, kind)).with_note(kind_count(&t, kind, n))
        })
        .collect();
    render_html(&HomePage {
        layout: ctx.layout(&app, ""),
        t,
        sections,
    })
}
