//! `GET /search?q=…&kind=person&fate=killed&sort=date&page=2`: the search page.
//!
//! The index answers with record ids, counts and snippets for this viewer; the records
//! themselves are then read through the gate ([`Gate::many`], i.e. `Audience::admits`), and a hit
//! whose record does not pass is dropped, so a stale index entry never shows anything. The page
//! is a plain GET form (works without JavaScript); `static/js/suggest.js` adds suggestions.

use super::{Layout, Link, PageContext, kind_label, kind_plural, record_href, render_html};
use crate::gate::Gate;
use crate::public::list::{pairs, value_label};
use crate::shell::error::AppError;
use crate::shell::i18n::{Message, Tr};
use crate::shell::prefs::encode_component;
use crate::summary::summary;
use crate::{App, CurrentViewer};
use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::Html;
use letopis_core::facet::FacetName;
use letopis_core::record::RecordId;
use letopis_core::{Kind, Viewer};
use letopis_search::{BadParam, Request, Results, Sort};
use letopis_store::StoredRecord;
use std::collections::HashMap;

/// Values of one facet the page offers (the most frequent; ticked ones always).
const VALUES_SHOWN: usize = 12;

/// What one search found, confirmed through the gate.
pub(crate) struct Found {
    pub results: Results,
    /// The visible records behind the hits and the places named by facet values.
    pub records: HashMap<RecordId, StoredRecord>,
}

impl Found {
    pub fn record(&self, id: RecordId) -> Option<&StoredRecord> {
        self.records.get(&id)
    }
}

/// The request's parameters, or a 400 that names the one that means nothing.
pub(crate) fn parse_request(pairs: &[(String, String)]) -> Result<Request, AppError> {
    Request::from_pairs(pairs).map_err(|BadParam { name, value }| {
        AppError::BadRequest(
            Message::new("search-bad-param")
                .arg("name", name)
                .arg("value", value),
        )
    })
}

/// Searches as `viewer` and reads the records of the hits through the gate.
pub(crate) async fn run(app: &App, viewer: Viewer, request: Request) -> Result<Found, AppError> {
    let filter = viewer.filter(letopis_core::today());
    // The index gives ids; the records themselves are read below, through the gate.
    let results = app.search(request, filter).await?;
    let mut ids: Vec<RecordId> = results.hits.iter().map(|h| h.id).collect();
    ids.extend(
        results
            .facets
            .iter()
            .filter(|c| c.name == FacetName::Place.code())
            .filter_map(|c| c.value.parse().ok().map(RecordId)),
    );
    ids.extend(results.place);
    let records = app
        .read(viewer, move |gate: &Gate<'_>| gate.many(&ids))
        .await?
        .into_iter()
        .map(|r| (r.record.id(), r))
        .collect();
    let mut found = Found { results, records };
    // The last word of the gate: a hit whose record is not visible is not shown at all.
    let visible: Vec<_> = std::mem::take(&mut found.results.hits)
        .into_iter()
        .filter(|h| found.records.contains_key(&h.id))
        .collect();
    found.results.hits = visible;
    Ok(found)
}

#[derive(Template)]
#[template(path = "public/search.html")]
struct SearchPage {
    layout: Layout,
    t: Tr,
    q: String,
    /// The other parameters, kept as hidden fields of the query form.
    hidden: Vec<(String, String)>,
    total_text: String,
    hits: Vec<HitView>,
    did_you_mean: Option<Link>,
    notes: Vec<String>,
    groups: Vec<Group>,
    sorts: Vec<(Link, bool)>,
    reset: Option<String>,
    previous: Option<String>,
    next: Option<String>,
    position: String,
    empty_query: bool,
    building: bool,
    namesakes: Option<Namesakes>,
}

/// «67 человек с таким именем» and the ways to tell them apart, right above the results.
struct Namesakes {
    text: String,
    groups: Vec<Narrowing>,
}

struct Narrowing {
    heading: String,
    /// The link that adds the filter, and how many of the results it keeps.
    values: Vec<(Link, u64)>,
}

struct HitView {
    href: String,
    title: String,
    kind: String,
    summary: String,
    /// Escaped HTML with `<mark>`s (see `Highlighted::to_html`).
    snippet: Option<String>,
    moments: Vec<MomentView>,
    picture: Option<crate::shell::picture::Picture>,
}

impl HitView {
    fn picture_shown(&self, images_shown: bool) -> Option<&crate::shell::picture::Picture> {
        self.picture.as_ref().filter(|_| images_shown)
    }
}

struct MomentView {
    href: String,
    time: String,
    heading: Option<String>,
    snippet: String,
}

struct Group {
    code: &'static str,
    heading: String,
    values: Vec<GroupValue>,
}

struct GroupValue {
    value: String,
    label: String,
    count: u64,
    checked: bool,
}

pub async fn page(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Html<String>, AppError> {
    let pairs = pairs(query)?;
    let request = parse_request(&pairs)?;
    let found = run(&app, viewer, request.clone()).await?;
    let t = ctx.t;
    let title = if request.text.trim().is_empty() {
        t.msg("search-title")
    } else {
        t.args(
            "search-title-for",
            &[(
                "q",
                request.text.chars().take(80).collect::<String>().into(),
            )],
        )
    };
    let results = &found.results;
    let last_page = results.total.div_ceil(request.per_page as u64).max(1) as usize;
    render_html(&SearchPage {
        layout: ctx.layout(&app, title),
        q: request.text.clone(),
        hidden: params(&request, request.sort, 1)
            .into_iter()
            .filter(|(k, _)| k != "q")
            .collect(),
        total_text: t.count("search-found", results.total),
        hits: results
            .hits
            .iter()
            .filter_map(|h| hit_view(&t, &found, h, &request.text))
            .collect(),
        did_you_mean: results.did_you_mean.as_ref().map(|text| {
            let mut fixed = request.clone();
            fixed.text = text.clone();
            Link::new(href(&fixed, fixed.sort, 1), text.clone())
        }),
        notes: notes(&t, &found),
        groups: groups(&t, &request, &found),
        sorts: Sort::ALL
            .into_iter()
            .map(|s| {
                (
                    Link::new(
                        href(&request, s, 1),
                        t.msg(&format!("search-sort-{}", s.code())),
                    ),
                    s == request.sort,
                )
            })
            .collect(),
        reset: (!request.filters.is_empty() || !request.kinds.is_empty()).then(|| {
            let mut bare = Request::new(request.text.clone());
            bare.sort = request.sort;
            href(&bare, bare.sort, 1)
        }),
        previous: (request.page > 1).then(|| href(&request, request.sort, request.page - 1)),
        next: (request.page < last_page).then(|| href(&request, request.sort, request.page + 1)),
        position: t.args(
            "pager-position",
            &[
                ("page", request.page.to_string().into()),
                ("last", last_page.to_string().into()),
            ],
        ),
        empty_query: results.empty_query,
        building: results.building,
        namesakes: namesakes(&t, &request, &found),
        t,
    })
}

/// Values shown per narrowing group: the most frequent ones.
const NARROWING_VALUES: usize = 6;

/// When many persons share the name asked for: how many, and links that narrow the results by
/// birth decade, birth place, unit and fate, each with the count the visitor may see.
fn namesakes(t: &Tr, request: &Request, found: &Found) -> Option<Namesakes> {
    let results = &found.results;
    if results.namesakes == 0 {
        return None;
    }
    let groups = [
        FacetName::Born,
        FacetName::Birthplace,
        FacetName::Unit,
        FacetName::Fate,
    ]
    .into_iter()
    .filter(|name| !request.filters.iter().any(|(n, _)| n == name))
    .filter_map(|name| {
        let mut counts: Vec<&letopis_search::FacetCount> = results
            .facets
            .iter()
            .filter(|c| c.name == name.code())
            .collect();
        // Something to choose between: one value for everyone narrows nothing.
        if counts.len() < 2 {
            return None;
        }
        counts.truncate(NARROWING_VALUES);
        if name == FacetName::Born {
            counts.sort_by(|a, b| a.value.cmp(&b.value));
        }
        let values = counts
            .into_iter()
            .map(|c| {
                let mut narrowed = request.clone();
                narrowed.filters.push((name, c.value.clone()));
                narrowed.filters.sort();
                narrowed.page = 1;
                let label = value_label(t, Kind::Person, name, &c.value, &HashMap::new());
                (Link::new(href(&narrowed, narrowed.sort, 1), label), c.count)
            })
            .collect();
        Some(Narrowing {
            heading: t.msg(&format!("facet-heading-{}", name.code())),
            values,
        })
    })
    .collect();
    Some(Namesakes {
        text: t.count("search-namesakes", results.namesakes),
        groups,
    })
}

fn hit_view(t: &Tr, found: &Found, hit: &letopis_search::Hit, q: &str) -> Option<HitView> {
    let stored = found.record(hit.id)?;
    let record = &stored.record;
    let href = record_href(record.kind(), &record.meta.slug);
    Some(HitView {
        title: record.title(),
        kind: kind_label(t, record.kind()),
        summary: summary(&record.body, t),
        picture: crate::shell::picture::Picture::of_record(record),
        snippet: hit.snippet.as_ref().map(|s| s.to_html()),
        moments: hit
            .moments
            .iter()
            .map(|m| MomentView {
                // The interview page starts there and marks the words in its transcript.
                href: format!("{href}?t={}&q={}", m.t, encode_component(q)),
                time: clock(m.t),
                heading: m.heading.clone(),
                snippet: m.snippet.to_html(),
            })
            .collect(),
        href,
    })
}

/// «1:02:03» or «12:34».
fn clock(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// What narrowed the search: a place, a year or month, all words but one.
fn notes(t: &Tr, found: &Found) -> Vec<String> {
    let r = &found.results;
    let mut out = Vec::new();
    if let Some(place) = r.place.and_then(|id| found.record(id)) {
        out.push(t.args(
            "search-note-place",
            &[("place", place.record.title().into())],
        ));
    }
    match (r.year, r.month) {
        (Some(y), Some(m)) => out.push(t.args(
            "search-note-month",
            &[
                (
                    "month",
                    letopis_core::edtf::month_prepositional_ru(m).into(),
                ),
                ("year", y.to_string().into()),
            ],
        )),
        (Some(y), None) => out.push(t.args("search-note-year", &[("year", y.to_string().into())])),
        _ => {}
    }
    if r.relaxed {
        out.push(t.msg("search-note-relaxed"));
    }
    out
}

fn groups(t: &Tr, request: &Request, found: &Found) -> Vec<Group> {
    let places: HashMap<String, String> = found
        .records
        .values()
        .filter(|r| r.record.kind() == Kind::Place)
        .map(|r| (r.record.id().to_string(), r.record.title()))
        .collect();
    let one_kind = match request.kinds.as_slice() {
        [k] => Some(*k),
        _ => None,
    };
    let mut out = Vec::new();
    let kinds: Vec<GroupValue> = found
        .results
        .facets
        .iter()
        .filter(|c| c.name == "kind")
        .filter_map(|c| {
            let kind = Kind::from_code(&c.value)?;
            Some(GroupValue {
                value: c.value.clone(),
                label: kind_plural(t, kind),
                count: c.count,
                checked: request.kinds.contains(&kind),
            })
        })
        .collect();
    if !kinds.is_empty() {
        out.push(Group {
            code: "kind",
            heading: t.msg("search-facet-kind"),
            values: kinds,
        });
    }
    for name in FacetName::ALL {
        // Type codes mean something only within one kind.
        if name == FacetName::Type && one_kind.is_none() {
            continue;
        }
        let kind = one_kind.unwrap_or(Kind::Person);
        let mut values: Vec<GroupValue> = found
            .results
            .facets
            .iter()
            .filter(|c| c.name == name.code())
            .filter(|c| name != FacetName::Place || places.contains_key(&c.value))
            .map(|c| GroupValue {
                value: c.value.clone(),
                label: value_label(t, kind, name, &c.value, &places),
                count: c.count,
                checked: request
                    .filters
                    .iter()
                    .any(|(n, v)| *n == name && *v == c.value),
            })
            .collect();
        let shown = values.len().min(VALUES_SHOWN);
        let mut rest = values.split_off(shown);
        rest.retain(|v| v.checked);
        values.extend(rest);
        if !values.is_empty() {
            out.push(Group {
                code: name.code(),
                heading: t.msg(&format!("facet-heading-{}", name.code())),
                values,
            });
        }
    }
    out
}

/// The request's parameters in a fixed order, with `sort` and `page` replaced.
fn params(request: &Request, sort: Sort, page: usize) -> Vec<(String, String)> {
    let mut out = vec![("q".to_string(), request.text.clone())];
    out.extend(
        request
            .kinds
            .iter()
            .map(|k| ("kind".to_string(), k.code().to_string())),
    );
    out.extend(
        request
            .filters
            .iter()
            .map(|(n, v)| (n.code().to_string(), v.clone())),
    );
    if sort != Sort::Relevance {
        out.push(("sort".into(), sort.code().into()));
    }
    if page > 1 {
        out.push(("page".into(), page.to_string()));
    }
    out
}

pub(crate) fn href(request: &Request, sort: Sort, page: usize) -> String {
    let query: Vec<String> = params(request, sort, page)
        .iter()
        .map(|(k, v)| format!("{k}={}", encode_component(v)))
        .collect();
    format!("/search?{}", query.join("&"))
}
