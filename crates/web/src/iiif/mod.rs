//! IIIF (issue #19): the Image API 3.0 for every public picture (`image`), Presentation API 3.0
//! manifests for records with pictures or recordings and collections for the museum's
//! collections (`manifest`). The item page's deep zoom reads the image service, and every page
//! of a record with a manifest links it (`<link rel="alternate" … manifest>`).
//!
//! Everything is read through the gate as the viewer, exactly as the pages are.

mod image;
mod manifest;
mod viewer;

use crate::shell::error::AppError;
use crate::{App, CurrentViewer};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use letopis_core::Kind;
use letopis_core::record::RecordId;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/iiif/image/{sha256}", get(image::base))
        .route("/iiif/image/{sha256}/info.json", get(image::info))
        .route(
            "/iiif/image/{sha256}/{region}/{size}/{rotation}/{file}",
            get(image::picture),
        )
        .route("/iiif/collections/{id}", get(collection))
        .route("/iiif/viewer", get(viewer::page))
        .route("/iiif/{plural}/{id}/manifest", get(manifest))
}

fn json_ld(value: serde_json::Value) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(
                    "application/ld+json;profile=\"http://iiif.io/api/presentation/3/context.json\"",
                ),
            ),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*")),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        value.to_string(),
    )
        .into_response()
}

fn record_id(id: &str) -> Result<RecordId, AppError> {
    id.parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .map(RecordId)
        .ok_or(AppError::NotFound)
}

/// `GET /iiif/{plural}/{id}/manifest`
async fn manifest(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    headers: HeaderMap,
    Path((plural, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let kind = Kind::from_plural(&plural).ok_or(AppError::NotFound)?;
    let id = record_id(&id)?;
    let seen = app
        .read(viewer, move |gate| {
            let Some(record) = gate.get(id)?.filter(|r| r.record.kind() == kind) else {
                return Ok(None);
            };
            Ok(Some(gate.seen(record)?))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let base = crate::seo::SiteBase::from_request(app.config(), &headers);
    let value = manifest::manifest(&app, &base, &seen)
        .await
        .ok_or(AppError::NotFound)?;
    Ok(json_ld(value))
}

/// `GET /iiif/collections/{id}`
async fn collection(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = record_id(&id)?;
    let (seen, members) = app
        .read(viewer, move |gate| {
            let Some(record) = gate
                .get(id)?
                .filter(|r| r.record.kind() == Kind::Collection)
            else {
                return Ok(None);
            };
            let seen = gate.seen(record)?;
            let ids = match &seen.record.record.body {
                letopis_core::Body::Collection(c) => c.members.clone(),
                _ => Vec::new(),
            };
            Ok(Some((seen, gate.many(&ids)?)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let members: Vec<_> = members
        .iter()
        .filter_map(|m| {
            let r = &m.record;
            let is_collection = r.kind() == Kind::Collection;
            (is_collection || crate::shell::links::manifest_of(&r.body, r.kind(), r.id()).is_some())
                .then(|| (r.kind(), r.id(), r.title(), is_collection))
        })
        .collect();
    let base = crate::seo::SiteBase::from_request(app.config(), &headers);
    Ok(json_ld(manifest::collection(&base, &seen, &members)))
}
