//! `GET /{plural}?page=N`: one section of the museum, fifty records a page.

use super::{Layout, Link, record_href, render_html, section_href};
use crate::error::AppError;
use crate::paging::{PageParams, Paging};
use crate::summary::summary;
use crate::{App, CurrentViewer, ru};
use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::response::Html;
use letopis_core::Kind;

#[derive(Template)]
#[template(path = "public/list.html")]
struct ListPage {
    layout: Layout,
    heading: String,
    total_text: String,
    items: Vec<Link>,
    /// False for page 0 or a page past the end: the page then offers a way back.
    in_range: bool,
    first_page: String,
    page: u64,
    last_page: u64,
    previous: Option<String>,
    next: Option<String>,
}

pub async fn page(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    Path(plural): Path<String>,
    query: Result<Query<PageParams>, QueryRejection>,
) -> Result<Html<String>, AppError> {
    let kind = Kind::from_plural(&plural).ok_or(AppError::NotFound)?;
    let paging = Paging::for_pages(&query_params(query)?)?;
    let page = app
        .read(viewer, move |gate| gate.list(&paging.query(kind)))
        .await?;
    let base = section_href(kind);
    let last_page = paging.last_page(page.total);
    let in_range = paging.in_range(page.total);
    let page_href = |n: u64| format!("{base}?page={n}");
    render_html(&ListPage {
        layout: Layout::new(&app, kind.plural_ru()),
        heading: kind.plural_ru().to_string(),
        total_text: ru::count_ru(page.total, kind),
        items: page
            .items
            .iter()
            .map(|r| {
                Link::new(record_href(kind, &r.record.meta.slug), r.record.title())
                    .with_note(summary(&r.record.body))
            })
            .collect(),
        in_range,
        first_page: base.clone(),
        page: paging.page,
        last_page,
        previous: (in_range && paging.page > 1).then(|| page_href(paging.page - 1)),
        next: (in_range && paging.page < last_page).then(|| page_href(paging.page + 1)),
    })
}

/// A malformed query string is the visitor's mistake: say so in Russian.
pub fn query_params(
    query: Result<Query<PageParams>, QueryRejection>,
) -> Result<PageParams, AppError> {
    query.map(|Query(p)| p).map_err(|e| {
        tracing::debug!(error = %e, "malformed query string");
        AppError::BadRequest(
            "Параметры адреса (после «?») записаны неверно. Проверьте, что каждый указан один \
             раз, или откройте страницу без них."
                .into(),
        )
    })
}
