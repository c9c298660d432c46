//! `GET /api/v1/{plural}` and `GET /api/v1/{plural}/{id}`: the records the caller may see.

use crate::gate::Seen;
use crate::listing::{Caller, ListRequest};
use crate::public::list::{facet_groups, fetch, pairs};
use crate::public::record_href;
use crate::shell::error::AppError;
use crate::shell::i18n::{Message, Tr};
use crate::summary::summary;
use crate::{App, CurrentViewer};
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use jiff::Timestamp;
use letopis_core::facet::{Facet, FacetName};
use letopis_core::record::RecordId;
use letopis_core::{AgeRating, Body, Kind, RelationType};
use letopis_store::StoredRecord;
use serde::Serialize;

#[derive(Serialize)]
pub struct ListResponse {
    items: Vec<Card>,
    total: u64,
    page: u64,
    per_page: u64,
    last_page: u64,
    sort: &'static str,
    /// The filters applied, as `{name, value}`.
    filters: Vec<Facet>,
    /// Every facet value with how many records the caller may see with it under the other
    /// filters; `label` is in Russian, the museum's language.
    facets: Vec<FacetOut>,
}

#[derive(Serialize)]
pub struct FacetOut {
    name: FacetName,
    value: String,
    label: String,
    count: u64,
    selected: bool,
}

/// A record in a list: enough to show it and to fetch it whole. The summary is in Russian,
/// the museum's language; the API carries codes for everything a client may translate.
#[derive(Serialize)]
pub struct Card {
    id: RecordId,
    kind: Kind,
    slug: String,
    title: String,
    summary: String,
    url: String,
    updated_at: Timestamp,
}

/// The public part of a record's envelope. Workflow, access settings, external ids and who
/// submitted the record are editorial matters and stay out of the public API.
#[derive(Serialize)]
pub struct PublicMeta {
    id: RecordId,
    kind: Kind,
    slug: String,
    title: String,
    url: String,
    age_rating: AgeRating,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_note: Option<String>,
    tags: Vec<String>,
    created_at: Timestamp,
    updated_at: Timestamp,
}

#[derive(Serialize)]
pub struct RecordResponse {
    meta: PublicMeta,
    body: Body,
    relations: Vec<RelationOut>,
}

#[derive(Serialize)]
pub struct RelationOut {
    id: i64,
    #[serde(rename = "type")]
    rtype: RelationType,
    /// `outgoing` when this record is the relation's subject.
    direction: &'static str,
    label: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    record: Card,
}

pub async fn list(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    Path(plural): Path<String>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Json<ListResponse>, AppError> {
    let kind = Kind::from_plural(&plural).ok_or(AppError::NotFound)?;
    let request = ListRequest::parse(kind, &pairs(query)?, Caller::Api)?;
    let browse = fetch(&app, viewer, &request).await?;
    let t = Tr::default();
    let facets = facet_groups(&t, &request, &browse)
        .into_iter()
        .flat_map(|g| {
            g.values.into_iter().map(move |v| FacetOut {
                name: g.name,
                value: v.value,
                label: v.label,
                count: v.count,
                selected: v.checked,
            })
        })
        .collect();
    Ok(Json(ListResponse {
        items: browse.page.items.iter().map(card).collect(),
        total: browse.page.total,
        page: request.page,
        per_page: request.per_page,
        last_page: request.last_page(browse.page.total),
        sort: request.sort,
        filters: request
            .filters
            .iter()
            .map(|(n, v)| Facet::new(*n, v.clone()))
            .collect(),
        facets,
    }))
}

pub async fn one(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    Path((plural, id)): Path<(String, String)>,
) -> Result<Json<RecordResponse>, AppError> {
    let kind = Kind::from_plural(&plural).ok_or(AppError::NotFound)?;
    let id = id
        .parse::<i64>()
        .map(RecordId)
        .map_err(|_| AppError::BadRequest(Message::new("error-record-id").arg("value", &id)))?;
    let seen = app
        .read_now(&viewer, |gate| {
            match gate.get(id)?.filter(|r| r.record.kind() == kind) {
                Some(record) => gate.seen(record).map(Some),
                None => Ok(None),
            }
        })?
        .ok_or(AppError::NotFound)?;
    Ok(Json(record_response(seen)))
}

fn card(r: &StoredRecord) -> Card {
    let rec = &r.record;
    Card {
        id: rec.id(),
        kind: rec.kind(),
        slug: rec.meta.slug.clone(),
        title: rec.title(),
        summary: summary(&rec.body, &Tr::default()),
        url: record_href(rec.kind(), &rec.meta.slug),
        updated_at: rec.meta.updated_at,
    }
}

/// A record as `/api/v1/{plural}/{id}` gives it (the exports' JSON Lines too).
pub(crate) fn record_json(seen: Seen) -> RecordResponse {
    record_response(seen)
}

fn record_response(seen: Seen) -> RecordResponse {
    let relations = seen
        .relations
        .iter()
        .map(|r| RelationOut {
            id: r.relation.id.0,
            rtype: r.relation.rtype,
            direction: if r.outgoing { "outgoing" } else { "incoming" },
            label: if r.outgoing {
                r.relation.rtype.label_ru()
            } else {
                r.relation.rtype.inverse_label_ru()
            },
            date: r.relation.date.as_ref().map(|d| d.as_str().to_string()),
            record: card(&r.other),
        })
        .collect();
    let rec = seen.record.record;
    let meta = PublicMeta {
        id: rec.meta.id,
        kind: rec.meta.kind,
        title: rec.title(),
        url: record_href(rec.meta.kind, &rec.meta.slug),
        slug: rec.meta.slug,
        age_rating: rec.meta.age_rating,
        content_note: rec.meta.content_note,
        tags: rec.meta.tags,
        created_at: rec.meta.created_at,
        updated_at: rec.meta.updated_at,
    };
    RecordResponse {
        meta,
        body: rec.body,
        relations,
    }
}
