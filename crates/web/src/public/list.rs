//! `GET /{plural}?fate=killed&period=1942&sort=date&page=3`: one section of the museum, fifty
//! records a page, narrowed by facets.
//!
//! The facet panel is a plain GET form of checkbox groups (works without JavaScript); every link
//! on the page — pager, sort, the chips that remove a filter — carries the filters and the sort
//! (see [`ListRequest`]), and anything that changes the filters starts again from page 1.

use super::{
    Layout, Link, PageContext, kind_count, kind_plural, record_href, render_html, section_href,
};
use crate::gate::Gate;
use crate::listing::{Caller, ListRequest, SORTS, type_prefix};
use crate::shell::error::AppError;
use crate::shell::i18n::{Message, Tr};
use crate::shell::picture::Picture;
use crate::summary::summary;
use crate::{App, CurrentViewer};
use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::response::Html;
use letopis_core::Kind;
use letopis_core::facet::{AFTER_WAR, BEFORE_WAR, FacetName};
use letopis_core::record::RecordId;
use letopis_store::{FacetCount, Page, StoredRecord};
use std::collections::HashMap;

/// How many values of one facet the panel offers (the most frequent; ticked ones always): long
/// tails of tags and places would bury the list.
const VALUES_SHOWN: usize = 15;

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
    action: String,
    sort: &'static str,
    sorts: Vec<SortLink>,
    groups: Vec<FacetGroup>,
    chips: Vec<Link>,
    /// «Судьба — погиб; Период — 1942»: what the list is narrowed to, for paper, where the
    /// chips and the facet form are not printed.
    narrowed: String,
    /// The micro-districts the list is narrowed to: their pages, by name and absolute address
    /// (printed, so a sheet says where the district's page is).
    districts: Vec<(Link, String)>,
    reset: String,
    filtered: bool,
    ignored: String,
}

pub struct SortLink {
    pub link: Link,
    pub current: bool,
}

/// One checkbox group of the facet panel, and one entry of the API's `facets`.
pub struct FacetGroup {
    pub name: FacetName,
    pub heading: String,
    pub values: Vec<FacetValue>,
}

pub struct FacetValue {
    pub value: String,
    pub label: String,
    pub count: u64,
    /// «19 героев»: the count in words of the kind, with the right plural.
    pub count_text: String,
    pub checked: bool,
}

/// What one browse request reads, through the gate, in one trip to the blocking pool.
pub struct Browse {
    pub page: Page<StoredRecord>,
    pub counts: Vec<FacetCount>,
    /// Titles of the places the facet values name, by their id as text.
    pub places: HashMap<String, String>,
}

pub async fn fetch(
    app: &App,
    viewer: letopis_core::Viewer,
    request: &ListRequest,
) -> Result<Browse, AppError> {
    let query = request.query();
    app.read(viewer, move |gate: &Gate<'_>| {
        let page = gate.list(&query)?;
        let counts = gate.facet_counts(&query)?;
        let ids: Vec<RecordId> = counts
            .iter()
            .map(|c| (c.name, c.value.as_str()))
            .chain(query.filters.iter().map(|(n, v)| (*n, v.as_str())))
            .filter(|(n, _)| *n == FacetName::Place)
            .filter_map(|(_, v)| v.parse().ok().map(RecordId))
            .collect();
        let places = gate
            .many(&ids)?
            .into_iter()
            .map(|r| (r.record.id().to_string(), r.record.title()))
            .collect();
        Ok(Browse {
            page,
            counts,
            places,
        })
    })
    .await
}

/// The page of each micro-district the list is narrowed to, with its printable address.
fn district_pages(t: &Tr, layout: &Layout, request: &ListRequest) -> Vec<(Link, String)> {
    request
        .filters
        .iter()
        .filter(|(name, _)| *name == FacetName::District)
        .map(|(_, name)| {
            let path = format!("/districts/{}", letopis_core::district::slug(name));
            let label = t.args("list-district-page", &[("name", name.clone().into())]);
            (Link::new(path.clone(), label), layout.base.best(&path))
        })
        .collect()
}

pub async fn page(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
    Path(plural): Path<String>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Html<String>, AppError> {
    let kind = Kind::from_plural(&plural).ok_or(AppError::NotFound)?;
    let request = ListRequest::parse(kind, &pairs(query)?, Caller::Page)?;
    let browse = fetch(&app, viewer, &request).await?;
    let total = browse.page.total;
    let last_page = request.last_page(total);
    let in_range = request.in_range(total);
    let t = ctx.t;
    let heading = kind_plural(&t, kind);
    let groups = facet_groups(&t, &request, &browse);
    let narrowed = request
        .filters
        .iter()
        .map(|(name, value)| {
            let label = value_label(&t, kind, *name, value, &browse.places);
            format!("{} — {label}", self::heading(&t, kind, *name))
        })
        .collect::<Vec<_>>()
        .join("; ");
    let chips = request
        .filters
        .iter()
        .map(|(name, value)| {
            let label = value_label(&t, kind, *name, value, &browse.places);
            Link::new(request.without_href(*name, value), label.clone())
                .with_note(t.args("facet-remove", &[("label", label.into())]))
        })
        .collect();
    let layout = ctx.layout(&app, heading.clone());
    let districts = district_pages(&t, &layout, &request);
    render_html(&ListPage {
        layout,
        t,
        heading,
        districts,
        total_text: kind_count(&t, kind, total),
        items: browse
            .page
            .items
            .iter()
            .map(|r| {
                Link::new(record_href(kind, &r.record.meta.slug), r.record.title())
                    .with_note(summary(&r.record.body, &t))
                    .with_picture(Picture::of_record(&r.record))
            })
            .collect(),
        in_range,
        first_page: request.page_href(1),
        position: t.args(
            "pager-position",
            &[
                ("page", request.page.to_string().into()),
                ("last", last_page.to_string().into()),
            ],
        ),
        last_page,
        previous: (in_range && request.page > 1).then(|| request.page_href(request.page - 1)),
        next: (in_range && request.page < last_page).then(|| request.page_href(request.page + 1)),
        action: section_href(kind),
        sort: request.sort,
        sorts: SORTS
            .iter()
            .map(|(code, _)| SortLink {
                link: Link::new(request.sort_href(code), t.msg(&format!("list-sort-{code}"))),
                current: *code == request.sort,
            })
            .collect(),
        groups,
        chips,
        narrowed,
        reset: request.href_with(&[], request.sort, 1),
        filtered: !request.filters.is_empty(),
        ignored: if request.ignored.is_empty() {
            String::new()
        } else {
            t.args(
                "list-ignored",
                &[("params", request.ignored.join(", ").into())],
            )
        },
    })
}

/// The facet panel: every facet that has a value among the records the viewer may see, most
/// frequent values first (periods in time order), ticked values always included.
pub fn facet_groups(t: &Tr, request: &ListRequest, browse: &Browse) -> Vec<FacetGroup> {
    let kind = request.kind;
    FacetName::ALL
        .into_iter()
        .filter_map(|name| {
            let mut values: Vec<FacetValue> = browse
                .counts
                .iter()
                .filter(|c| c.name == name)
                .filter_map(|c| {
                    // A place the viewer cannot see has no name to show (the store already
                    // leaves such values out; this keeps a race from showing a bare id).
                    if name == FacetName::Place && !browse.places.contains_key(&c.value) {
                        return None;
                    }
                    Some(value_view(
                        t,
                        request,
                        name,
                        &c.value,
                        c.count,
                        &browse.places,
                    ))
                })
                .collect();
            let shown = values.len().min(VALUES_SHOWN);
            let mut rest = values.split_off(shown);
            rest.retain(|v| v.checked);
            values.extend(rest);
            for (n, v) in &request.filters {
                if *n == name && !values.iter().any(|x| &x.value == v) {
                    values.push(value_view(t, request, name, v, 0, &browse.places));
                }
            }
            if matches!(name, FacetName::Period | FacetName::Born) {
                values.sort_by_key(|v| period_rank(&v.value));
            }
            (!values.is_empty()).then(|| FacetGroup {
                name,
                heading: heading(t, kind, name),
                values,
            })
        })
        .collect()
}

fn value_view(
    t: &Tr,
    request: &ListRequest,
    name: FacetName,
    value: &str,
    count: u64,
    places: &HashMap<String, String>,
) -> FacetValue {
    FacetValue {
        value: value.to_string(),
        label: value_label(t, request.kind, name, value, places),
        count,
        count_text: kind_count(t, request.kind, count),
        checked: request.is_selected(name, value),
    }
}

fn period_rank(value: &str) -> i32 {
    match value {
        BEFORE_WAR => i32::MIN,
        AFTER_WAR => i32::MAX,
        year => year.parse().unwrap_or(0),
    }
}

fn heading(t: &Tr, kind: Kind, name: FacetName) -> String {
    match (name, kind) {
        (FacetName::Type, Kind::Person) => t.msg("facet-heading-role"),
        _ => t.msg(&format!("facet-heading-{}", name.code())),
    }
}

/// A value as a visitor reads it: vocabulary labels for codes, a place's title for its id.
pub fn value_label(
    t: &Tr,
    kind: Kind,
    name: FacetName,
    value: &str,
    places: &HashMap<String, String>,
) -> String {
    match name {
        FacetName::Type => match type_prefix(kind) {
            Some(prefix) => t.label(prefix, value),
            None => value.to_string(),
        },
        FacetName::Fate => t.label("fate", value),
        FacetName::Period => match value {
            BEFORE_WAR | AFTER_WAR => t.msg(&format!("facet-period-{value}")),
            year => year.to_string(),
        },
        FacetName::Place => places
            .get(value)
            .cloned()
            .unwrap_or_else(|| t.msg("facet-place-unknown")),
        FacetName::District | FacetName::Tag | FacetName::Birthplace | FacetName::Unit => {
            value.to_string()
        }
        FacetName::Born => t.args("facet-born-decade", &[("decade", value.into())]),
    }
}

/// The query string as name–value pairs; a malformed one is the visitor's mistake.
pub fn pairs(
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Vec<(String, String)>, AppError> {
    query.map(|Query(p)| p).map_err(|e| {
        tracing::debug!(error = %e, "malformed query string");
        AppError::BadRequest(Message::new("error-query-string"))
    })
}
