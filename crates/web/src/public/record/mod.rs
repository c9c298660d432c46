//! `GET /{plural}/{slug}`: the page of one record. `/{plural}/{id}` redirects to the slug.
//! A record the visitor may not see gets exactly the same 404 as one that does not exist.

use super::{Layout, PageContext, record_href, render_html};
use view::RecordView;
mod interview;
mod item;
mod person;
mod statement;
pub(crate) mod story;
pub(crate) mod view;

use crate::gate::Seen;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use crate::{App, CurrentViewer};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use letopis_core::Viewer;
use letopis_core::record::RecordId;
use letopis_core::{Body, Kind};

#[derive(Template)]
#[template(path = "public/record.html")]
struct RecordPage {
    layout: Layout,
    t: Tr,
    view: RecordView,
    /// The small map of the places the record is tied to (`public/map.rs`).
    map: Option<super::map::MapView>,
}

/// What an address leads to.
enum Found {
    Page(Box<Seen>),
    /// The record exists under a different, canonical address.
    MovedTo(String),
    /// A family's account of a hero is read on the hero's page, beside the museum's biography
    /// (issue #7); a link to it (search, the feed) leads there while the hero is visible.
    ReadAt(String),
}

pub async fn page(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
    Path((plural, key)): Path<(String, String)>,
    uri: Uri,
) -> Result<Response, AppError> {
    let kind = Kind::from_plural(&plural).ok_or(AppError::NotFound)?;
    let found = app.read_now(&viewer, |gate| {
        // A slug may itself be all digits («1941»), so slugs are tried first.
        if let Some(record) = gate.by_slug(kind, &key)? {
            if let Body::Story(story) = &record.record.body
                && let Some(family) = &story.family
                && let Some(hero) = gate.get(family.person)?
            {
                let meta = &hero.record.meta;
                return Ok(Some(Found::ReadAt(format!(
                    "{}#family-account-1",
                    record_href(meta.kind, &meta.slug)
                ))));
            }
            return Ok(Some(Found::Page(Box::new(gate.seen(record)?))));
        }
        if let Ok(id) = key.parse::<i64>()
            && let Some(r) = gate.get(RecordId(id))?
        {
            let meta = &r.record.meta;
            return Ok(Some(Found::MovedTo(record_href(meta.kind, &meta.slug))));
        }
        if gate.withdrawn(kind, &key)? {
            return Err(AppError::Gone);
        }
        Ok(None)
    })?;
    match found.ok_or(AppError::NotFound)? {
        Found::MovedTo(location) => Ok((
            StatusCode::MOVED_PERMANENTLY,
            [(header::LOCATION, location)],
        )
            .into_response()),
        Found::ReadAt(location) => {
            Ok((StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response())
        }
        Found::Page(seen) => render(&app, ctx, &seen, &uri, None),
    }
}

/// A record's page as `seen` shows it; `preview` marks the studio's preview of it.
fn render(
    app: &App,
    ctx: PageContext,
    seen: &Seen,
    uri: &Uri,
    preview: Option<String>,
) -> Result<Response, AppError> {
    // Every record page carries its canonical address, link card and JSON-LD.
    let mut layout = ctx.layout(app, seen.record.record.title());
    layout.describe_record(seen, &ctx.t);
    layout.preview = preview;
    // Interviews, items and stories have pages of their own; the rest share record.html.
    match &seen.record.record.body {
        Body::Interview(i) => {
            return Ok(interview::page(ctx, layout, seen, i, uri)?.into_response());
        }
        Body::Item(i) => {
            return Ok(item::page(ctx, layout, seen, i)?.into_response());
        }
        Body::Story(s) => {
            return Ok(story::page(ctx, layout, seen, s)?.into_response());
        }
        _ => {}
    }
    let view = view::build(seen, ctx.t);
    layout.title = view.title.clone();
    let page = RecordPage {
        layout,
        t: ctx.t,
        view,
        map: super::map::small_map(seen, app.layers(), &ctx.t),
    };
    Ok(render_html(&page)?.into_response())
}

#[derive(Template)]
#[template(path = "public/preview_hidden.html")]
struct HiddenPreview {
    layout: Layout,
    t: Tr,
}

/// «Как видит посетитель» (the studio, issue #13): the record's page exactly as an anonymous
/// visitor gets it — its public projection, story blocks resolved through the gate — with a
/// notice above it and, in a story, a marked placeholder where a block is withheld. A record
/// the visitor cannot see at all gets a page that says so and why (`hidden_because`).
pub async fn preview(
    app: &App,
    ctx: PageContext,
    id: RecordId,
    uri: &Uri,
    hidden_because: String,
) -> Result<Response, AppError> {
    let seen = app
        .read(Viewer::anonymous(), move |gate| {
            gate.get(id)?.map(|r| gate.seen(r)).transpose()
        })
        .await?;
    let t = ctx.t;
    let mut response = match seen {
        Some(seen) => render(app, ctx, &seen, uri, Some(t.msg("preview-banner")))?,
        None => {
            let mut layout = ctx.layout(app, t.msg("preview-hidden-title"));
            let reason = if hidden_because.is_empty() {
                t.msg("preview-hidden-generic")
            } else {
                hidden_because
            };
            layout.preview = Some(t.args("preview-hidden", &[("reason", reason.into())]));
            render_html(&HiddenPreview { layout, t })?.into_response()
        }
    };
    let headers = response.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("private, no-store"),
    );
    headers.insert(
        "x-robots-tag",
        header::HeaderValue::from_static("noindex, nofollow"),
    );
    Ok(response)
}
