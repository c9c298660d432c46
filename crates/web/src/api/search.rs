//! `GET /api/v1/search?q=…` (the same parameters as the search page, plus `per_page`) and
//! `GET /api/v1/suggest?q=ива`: through the index and then the gate, like the page.

use crate::gate::Gate;
use crate::public::list::pairs;
use crate::public::record_href;
use crate::public::search::{parse_request, run};
use crate::shell::error::AppError;
use crate::summary::summary;
use crate::{App, CurrentViewer};
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use letopis_core::Kind;
use letopis_core::record::RecordId;
use letopis_search::{FacetCount, MAX_SUGGESTIONS};
use serde::Serialize;

#[derive(Serialize)]
pub struct SearchResponse {
    items: Vec<Item>,
    total: u64,
    page: usize,
    per_page: usize,
    sort: &'static str,
    facets: Vec<FacetCount>,
    did_you_mean: Option<String>,
    /// The place the query named, which narrowed the results.
    place: Option<RecordId>,
    year: Option<i32>,
    month: Option<u8>,
    /// No record had all the words; these have all but one.
    relaxed: bool,
    /// How many persons have the very name asked for, when five or more do (0 otherwise): the
    /// `born`, `birthplace`, `unit` and `fate` facets then tell them apart.
    namesakes: u64,
}

#[derive(Serialize)]
struct Item {
    id: RecordId,
    kind: Kind,
    title: String,
    summary: String,
    url: String,
    /// HTML: escaped text with `<mark>` around the words found.
    snippet_html: Option<String>,
    moments: Vec<MomentOut>,
}

#[derive(Serialize)]
struct MomentOut {
    /// Seconds from the start of the recording.
    t: u32,
    url: String,
    heading: Option<String>,
    snippet_html: String,
}

pub async fn search(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Json<SearchResponse>, AppError> {
    let request = parse_request(&pairs(query)?)?;
    let found = run(&app, viewer, request.clone()).await?;
    let t = crate::shell::i18n::Tr::new(crate::shell::i18n::Lang::Ru);
    let items = found
        .results
        .hits
        .iter()
        .filter_map(|h| {
            let record = &found.record(h.id)?.record;
            let url = record_href(record.kind(), &record.meta.slug);
            Some(Item {
                id: h.id,
                kind: record.kind(),
                title: record.title(),
                summary: summary(&record.body, &t),
                snippet_html: h.snippet.as_ref().map(|s| s.to_html()),
                moments: h
                    .moments
                    .iter()
                    .map(|m| MomentOut {
                        t: m.t,
                        url: format!("{url}?t={}", m.t),
                        heading: m.heading.clone(),
                        snippet_html: m.snippet.to_html(),
                    })
                    .collect(),
                url,
            })
        })
        .collect();
    let r = found.results;
    Ok(Json(SearchResponse {
        items,
        total: r.total,
        page: request.page,
        per_page: request.per_page,
        sort: request.sort.code(),
        facets: r.facets,
        did_you_mean: r.did_you_mean,
        place: r.place,
        year: r.year,
        month: r.month,
        relaxed: r.relaxed,
        namesakes: r.namesakes,
    }))
}

#[derive(Serialize)]
pub struct SuggestResponse {
    items: Vec<SuggestItem>,
}

#[derive(Serialize)]
pub struct SuggestItem {
    id: RecordId,
    kind: Kind,
    title: String,
    url: String,
}

pub async fn suggest(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Json<SuggestResponse>, AppError> {
    let text = pairs(query)?
        .into_iter()
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v)
        .unwrap_or_default();
    Ok(Json(SuggestResponse {
        items: suggestions(&app, viewer, text, MAX_SUGGESTIONS).await?,
    }))
}

/// Records whose names start with the words of `text`, confirmed through the gate.
async fn suggestions(
    app: &App,
    viewer: letopis_core::Viewer,
    text: String,
    limit: usize,
) -> Result<Vec<SuggestItem>, AppError> {
    let filter = viewer.filter(letopis_core::today());
    let found = app.suggest(text, filter, limit).await?;
    let ids: Vec<RecordId> = found.iter().map(|s| s.id).collect();
    let records = app
        .read(viewer, move |gate: &Gate<'_>| gate.many(&ids))
        .await?;
    Ok(records
        .into_iter()
        .map(|r| {
            let record = r.record;
            SuggestItem {
                id: record.id(),
                kind: record.kind(),
                url: record_href(record.kind(), &record.meta.slug),
                title: record.title(),
            }
        })
        .collect())
}
