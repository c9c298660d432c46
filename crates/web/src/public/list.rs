//! `GET /{plural}?page=N`: one section of the museum, fifty records a page.

use super::{
    Layout, Link, PageContext, kind_count, kind_plural, record_href, render_html, section_href,
};
use crate::error::AppError;
use crate::i18n::{Message, Tr};
use crate::paging::{PageParams, Paging};
use crate::summary::summary;
use crate::{App, CurrentViewer};
use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::response::Html;
use letopis_core::Kind;

#[derive(Template)]
#[template(path = "public/list.html")]
struct ListPage {
    layout: Layout,
    t: Tr,
    heading: String,
    total_text: String,
    items: Vec<Link>,
    /// False for page 0 or a page past the end: the page then offers a way back.
    in_range: bool,
    first_page: String,
    /// «Страница 2 из 7».
    position: String,
    last_page: u64,
    previous: Option<String>,
    next: Option<String>,
}

pub async fn page(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
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
    let t = ctx.t;
    let heading = kind_plural(&t, kind);
    render_html(&ListPage {
        layout: ctx.layout(&app, heading.clone()),
        t,
        heading,
        total_text: kind_count(&t, kind, page.total),
        items: page
            .items
            .iter()
            .map(|r| {
                Link::new(record_href(kind, &r.record.meta.slug), r.record.title())
                    .with_note(summary(&r.record.body, &t))
            })
            .collect(),
        in_range,
        first_page: base.clone(),
        position: t.args(
            "pager-position",
            &[
                ("page", paging.page.to_string().into()),
                ("last", last_page.to_string().into()),
            ],
        ),
        last_page,
        previous: (in_range && paging.page > 1).then(|| page_href(paging.page - 1)),
        next: (in_range && paging.page < last_page).then(|| page_href(paging.page + 1)),
    })
}

/// A malformed query string is the visitor's mistake: say so, in their language.
pub fn query_params(
    query: Result<Query<PageParams>, QueryRejection>,
) -> Result<PageParams, AppError> {
    query.map(|Query(p)| p).map_err(|e| {
        tracing::debug!(error = %e, "malformed query string");
        AppError::BadRequest(Message::new("error-query-string"))
    })
}
