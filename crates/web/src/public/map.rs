//! `GET /map`: every place the visitor may see, on a map with clusters and filters, and — for
//! visitors without JavaScript, and for screen-reader users who prefer it — as a list grouped by
//! micro-district. `GET /map/places.json` gives the same places as data. Record pages use
//! [`small_map`] for the places a person, an event or a place itself is tied to.
//!
//! The map itself is drawn by `static/js/map.js` from a JSON block in the page (CSP forbids
//! inline scripts, but a `type="application/json"` block is data, not code).

use super::{Layout, Link, PageContext, record_href, render_html};
use crate::gate::{Gate, Seen};
use crate::shell::error::AppError;
use crate::shell::i18n::{Message, Tr};
use crate::tiles::{BrowserLayer, Layers};
use crate::{App, CurrentViewer};
use askama::Template;
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::Html;
use letopis_core::entities::{Place, PlaceType};
use letopis_core::record::RecordId;
use letopis_core::{Body, Kind, RelationType};
use letopis_store::{ListQuery, StoredRecord};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

/// The years the period filter offers: the museum's war years.
pub const WAR_YEARS: std::ops::RangeInclusive<i32> = 1941..=1945;

/// The largest page the store hands out; lists here are read in pages of this size.
const STORE_PAGE: u64 = 1000;

/// The filters as they arrive: all text, so that a bad value gets a readable 400, not a
/// framework message. Empty values (the «all» choice of a select) mean no filter.
#[derive(Debug, Default, Deserialize)]
pub struct MapParams {
    #[serde(rename = "type")]
    place_type: Option<String>,
    district: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

/// The filters, parsed.
#[derive(Debug, Clone, Default, PartialEq)]
struct MapFilter {
    place_type: Option<PlaceType>,
    district: Option<String>,
    /// Places tied to an event that overlaps these years (inclusive).
    years: Option<(i32, i32)>,
}

impl MapFilter {
    fn parse(params: MapParams) -> Result<MapFilter, AppError> {
        let given = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let place_type = given(params.place_type)
            .map(|code| {
                serde_json::from_value::<PlaceType>(serde_json::Value::String(code.clone()))
                    .map_err(|_| {
                        AppError::BadRequest(Message::new("map-error-type").arg("value", code))
                    })
            })
            .transpose()?;
        let year = |v: Option<String>| {
            given(v)
                .map(|text| {
                    text.parse::<i32>()
                        .ok()
                        .filter(|y| (1000..=2100).contains(y))
                        .ok_or_else(|| {
                            AppError::BadRequest(Message::new("map-error-year").arg("value", text))
                        })
                })
                .transpose()
        };
        let (from, to) = (year(params.from)?, year(params.to)?);
        let years = match (from, to) {
            (None, None) => None,
            (from, to) => {
                let (a, b) = (
                    from.unwrap_or(*WAR_YEARS.start()),
                    to.unwrap_or(*WAR_YEARS.end()),
                );
                // «с 1944 по 1942» is what a visitor meant as 1942–1944.
                Some((a.min(b), a.max(b)))
            }
        };
        Ok(MapFilter {
            place_type,
            district: given(params.district),
            years,
        })
    }

    fn admits(&self, place: &Place, id: RecordId, in_period: Option<&HashSet<RecordId>>) -> bool {
        self.place_type.is_none_or(|t| t == place.place_type)
            && self.district.as_ref().is_none_or(|d| *d == place.district)
            && in_period.is_none_or(|ids| ids.contains(&id))
    }
}

/// One marker: what the popup says and where it leads.
#[derive(Debug, Clone, Serialize)]
pub struct Point {
    pub name: String,
    pub href: String,
    pub lat: f64,
    pub lon: f64,
    /// One line under the name: the place type, or how the record is tied to the place.
    pub note: String,
}

/// Everything `map.js` reads from a page's JSON block.
#[derive(Serialize)]
struct MapData<'a> {
    /// The base layer first; a second one is the historic map the visitor can switch to.
    layers: Vec<BrowserLayer>,
    /// Clusters only on the big map; a record's few places are shown one by one.
    cluster: bool,
    labels: MapLabels,
    points: &'a [Point],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MapLabels {
    zoom_in: String,
    zoom_out: String,
    cluster: String,
    open: String,
    layers: String,
}

impl MapLabels {
    fn new(t: &Tr) -> MapLabels {
        MapLabels {
            zoom_in: t.msg("map-zoom-in"),
            zoom_out: t.msg("map-zoom-out"),
            cluster: t.msg("map-cluster"),
            open: t.msg("map-open-place"),
            layers: t.msg("map-layers"),
        }
    }
}

/// A map's JSON block, safe to put inside `<script type="application/json">` unescaped: `<`,
/// `>` and `&` are written as JSON escapes, so no text in it can close the element.
fn data_block(layers: &[BrowserLayer], t: &Tr, cluster: bool, points: &[Point]) -> String {
    let data = MapData {
        layers: layers
            .iter()
            .map(|l| BrowserLayer {
                label: if l.label.is_empty() {
                    t.msg("map-layer-today")
                } else {
                    l.label.clone()
                },
                ..l.clone()
            })
            .collect(),
        cluster,
        labels: MapLabels::new(t),
        points,
    };
    serde_json::to_string(&data)
        .unwrap_or_else(|_| "{}".into())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// A map on a page: its JSON block and the words around it.
pub struct MapView {
    /// The id of the JSON block, which the map's element names in `data-map`.
    pub id: String,
    pub json: String,
    /// Shown under the map when it has no base layer to draw.
    pub no_tiles_note: Option<String>,
    /// What the administrator can do about it, shown to studio users only: visitors are not
    /// told about configuration files.
    pub no_tiles_hint: Option<String>,
    /// The map's accessible name.
    pub label: String,
}

impl MapView {
    /// A map in a lesson kit: a place block's place, or none for a «find on the map» task
    /// (`id` tells the kit's maps apart on one page).
    pub fn lesson(id: String, layers: &Layers, t: &Tr, points: &[Point]) -> Self {
        MapView::new(&id, layers, t, false, points)
    }

    fn new(id: &str, layers: &Layers, t: &Tr, cluster: bool, points: &[Point]) -> Self {
        let bare = layers.browser().is_empty();
        MapView {
            id: id.to_string(),
            json: data_block(layers.browser(), t, cluster, points),
            no_tiles_note: bare.then(|| t.msg("map-no-tiles")),
            no_tiles_hint: bare.then(|| t.msg("map-no-tiles-hint")),
            label: t.msg(if cluster {
                "map-label"
            } else {
                "map-small-label"
            }),
        }
    }
}

/// A choice in a filter's select.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The places of one micro-district, for the list.
pub struct DistrictGroup {
    pub heading: String,
    pub count: String,
    pub places: Vec<Link>,
}

#[derive(Template)]
#[template(path = "public/map.html")]
struct MapPage {
    layout: Layout,
    t: Tr,
    heading: String,
    map: MapView,
    types: Vec<Choice>,
    districts: Vec<Choice>,
    years_from: Vec<Choice>,
    years_to: Vec<Choice>,
    filtered: bool,
    total: String,
    /// Places without coordinates are in the list but not on the map; the page says how many.
    off_map: Option<String>,
    groups: Vec<DistrictGroup>,
}

/// What the gate gave for the map: the visible places, filtered, and every visible district.
struct Found {
    places: Vec<(StoredRecord, Place)>,
    districts: Vec<String>,
}

pub async fn page(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
    query: Result<Query<MapParams>, QueryRejection>,
) -> Result<Html<String>, AppError> {
    let filter = MapFilter::parse(params(query)?)?;
    let wanted = filter.clone();
    let found = app.read(viewer, move |gate| find(gate, &wanted)).await?;
    let t = ctx.t;
    let points: Vec<Point> = found
        .places
        .iter()
        .filter_map(|(r, p)| point(r, p, &t))
        .collect();
    let off_map = found.places.len() - points.len();
    let heading = t.msg("map-title");
    render_html(&MapPage {
        layout: ctx.layout(&app, heading.clone()),
        t,
        heading,
        map: MapView::new("map-data", app.layers(), &t, true, &points),
        types: type_choices(&t, filter.place_type),
        districts: found
            .districts
            .iter()
            .map(|d| Choice {
                value: d.clone(),
                label: d.clone(),
                selected: filter.district.as_ref() == Some(d),
            })
            .collect(),
        years_from: year_choices(filter.years.map(|y| y.0)),
        years_to: year_choices(filter.years.map(|y| y.1)),
        filtered: filter != MapFilter::default(),
        total: t.count("count-place", found.places.len() as u64),
        off_map: (off_map > 0).then(|| t.count("map-off-map", off_map as u64)),
        groups: by_district(&found.places, &t),
    })
}

/// `GET /map/places.json?type=&district=&from=&to=`: the visible places with coordinates.
pub async fn places_json(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
    query: Result<Query<MapParams>, QueryRejection>,
) -> Result<Json<Vec<Point>>, AppError> {
    let filter = MapFilter::parse(params(query)?)?;
    let found = app.read(viewer, move |gate| find(gate, &filter)).await?;
    Ok(Json(
        found
            .places
            .iter()
            .filter_map(|(r, p)| point(r, p, &ctx.t))
            .collect(),
    ))
}

fn params(query: Result<Query<MapParams>, QueryRejection>) -> Result<MapParams, AppError> {
    query.map(|Query(p)| p).map_err(|e| {
        tracing::debug!(error = %e, "malformed query string");
        AppError::BadRequest(Message::new("error-query-string"))
    })
}

fn find(gate: &Gate<'_>, filter: &MapFilter) -> Result<Found, AppError> {
    let all: Vec<(StoredRecord, Place)> = every(gate, Kind::Place)?
        .into_iter()
        .filter_map(|r| match &r.record.body {
            Body::Place(p) => {
                let place = p.clone();
                Some((r, place))
            }
            _ => None,
        })
        .collect();
    let mut districts: Vec<String> = all
        .iter()
        .map(|(_, p)| p.district.clone())
        .filter(|d| !d.is_empty())
        .collect();
    districts.sort();
    districts.dedup();
    let in_period = match filter.years {
        Some(years) => Some(places_of_events_in(gate, years)?),
        None => None,
    };
    let places = all
        .into_iter()
        .filter(|(r, p)| filter.admits(p, r.record.id(), in_period.as_ref()))
        .collect();
    Ok(Found { places, districts })
}

/// Every visible record of a kind, read page by page.
pub fn every(gate: &Gate<'_>, kind: Kind) -> Result<Vec<StoredRecord>, AppError> {
    let mut all = Vec::new();
    loop {
        let page = gate.list(&ListQuery {
            offset: all.len() as u64,
            limit: STORE_PAGE,
            ..ListQuery::new(kind)
        })?;
        let got = page.items.len();
        all.extend(page.items);
        if got == 0 || all.len() as u64 >= page.total {
            return Ok(all);
        }
    }
}

/// The places where a visible event overlapping `years` took place (visible places only: the
/// gate drops hidden ends of relations).
fn places_of_events_in(
    gate: &Gate<'_>,
    (from, to): (i32, i32),
) -> Result<HashSet<RecordId>, AppError> {
    let period = (from * 10000 + 101, to * 10000 + 1231);
    let mut places = HashSet::new();
    for event in every(gate, Kind::Event)? {
        let Some((lo, hi)) = event
            .record
            .body
            .date_span()
            .and_then(super::timeline::span)
        else {
            continue;
        };
        if hi < period.0 || lo > period.1 {
            continue;
        }
        let seen = gate.seen(event)?;
        places.extend(
            seen.relations
                .iter()
                .filter(|r| r.relation.rtype == RelationType::TookPlaceAt)
                .filter(|r| r.other.record.kind() == Kind::Place)
                .map(|r| r.other.record.id()),
        );
    }
    Ok(places)
}

fn point(record: &StoredRecord, place: &Place, t: &Tr) -> Option<Point> {
    let (lat, lon) = (place.lat?, place.lon?);
    Some(Point {
        name: place.name.clone(),
        href: record_href(Kind::Place, &record.record.meta.slug),
        lat,
        lon,
        note: [
            t.label("place-type", place.place_type),
            place.district.clone(),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · "),
    })
}

fn type_choices(t: &Tr, selected: Option<PlaceType>) -> Vec<Choice> {
    PlaceType::ALL
        .into_iter()
        .map(|pt| Choice {
            value: serde_json::to_value(pt)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default(),
            label: t.label("place-type", pt),
            selected: selected == Some(pt),
        })
        .collect()
}

fn year_choices(selected: Option<i32>) -> Vec<Choice> {
    WAR_YEARS
        .map(|y| Choice {
            value: y.to_string(),
            label: y.to_string(),
            selected: selected == Some(y),
        })
        .collect()
}

/// The list under the map: one group per micro-district, alphabetical, places without one last.
fn by_district(places: &[(StoredRecord, Place)], t: &Tr) -> Vec<DistrictGroup> {
    // Keyed by (no district?, folded name) so that «Сходня» and «сходня» meet and the places
    // without a district come last; the value keeps the name as first written.
    let mut groups: BTreeMap<(bool, String), (String, Vec<Link>)> = BTreeMap::new();
    for (record, place) in places {
        let key = (place.district.is_empty(), place.district.to_lowercase());
        let mut note = t.label("place-type", place.place_type);
        if place.lat.is_none() || place.lon.is_none() {
            note = format!("{note} · {}", t.msg("map-not-on-map"));
        }
        let link = Link::new(
            record_href(Kind::Place, &record.record.meta.slug),
            place.name.clone(),
        )
        .with_note(note);
        groups
            .entry(key)
            .or_insert_with(|| (place.district.clone(), Vec::new()))
            .1
            .push(link);
    }
    groups
        .into_iter()
        .map(|((none, _), (name, places))| DistrictGroup {
            heading: if none { t.msg("map-no-district") } else { name },
            count: t.count("count-place", places.len() as u64),
            places,
        })
        .collect()
}

/// The small map of a micro-district's page (`/districts/{slug}`): its visible places that have
/// coordinates, or none when no place has.
pub fn district_map(places: &[StoredRecord], layers: &Layers, t: &Tr) -> Option<MapView> {
    let points: Vec<Point> = places
        .iter()
        .filter_map(|r| match &r.record.body {
            Body::Place(place) => point(r, place, t),
            _ => None,
        })
        .collect();
    (!points.is_empty()).then(|| MapView::new("small-map-data", layers, t, false, &points))
}

/// The small map of a record page: the place itself, or the places a person, an event or an
/// organization is tied to (born, lived, fought, buried…), when any of them has coordinates.
/// Built from [`Seen`], so it shows only places the gate let through.
pub fn small_map(seen: &Seen, layers: &Layers, t: &Tr) -> Option<MapView> {
    let record = &seen.record.record;
    let points: Vec<Point> = match &record.body {
        Body::Place(place) => point(&seen.record, place, t).into_iter().collect(),
        Body::Person(_) | Body::Event(_) | Body::Organization(_) => {
            let mut points: Vec<Point> = Vec::new();
            for r in &seen.relations {
                let Body::Place(place) = &r.other.record.body else {
                    continue;
                };
                let Some(mut p) = point(&r.other, place, t) else {
                    continue;
                };
                let prefix = if r.outgoing {
                    "relation"
                } else {
                    "relation-inverse"
                };
                p.note = t.label(prefix, r.relation.rtype);
                // One marker per place; a person born and buried in one village gets both
                // words on it.
                match points.iter_mut().find(|q| q.href == p.href) {
                    Some(q) => q.note = format!("{}, {}", q.note, p.note),
                    None => points.push(p),
                }
            }
            points
        }
        _ => Vec::new(),
    };
    (!points.is_empty()).then(|| MapView::new("small-map-data", layers, t, false, &points))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(place_type: &str, from: &str, to: &str) -> MapParams {
        MapParams {
            place_type: Some(place_type.into()),
            district: Some(" ".into()),
            from: Some(from.into()),
            to: Some(to.into()),
        }
    }

    #[test]
    fn filters_parse_and_forgive_reversed_years() {
        let f = MapFilter::parse(params("hospital", "1944", "1942")).expect("valid");
        assert_eq!(f.place_type, Some(PlaceType::Hospital));
        assert_eq!(f.district, None);
        assert_eq!(f.years, Some((1942, 1944)));
        let open = MapFilter::parse(params("", "1943", "")).expect("valid");
        assert_eq!(open.years, Some((1943, 1945)));
        assert_eq!(
            MapFilter::parse(MapParams::default()).expect("valid"),
            MapFilter::default()
        );
    }

    #[test]
    fn bad_filters_are_the_visitors_mistake() {
        for p in [
            params("castle", "", ""),
            params("", "19x1", ""),
            params("", "", "99999"),
        ] {
            assert!(matches!(MapFilter::parse(p), Err(AppError::BadRequest(_))));
        }
    }

    #[test]
    fn the_data_block_cannot_close_its_script_element() {
        let points = [Point {
            name: "</script><script>alert(1)</script> & co".into(),
            href: "/places/x".into(),
            lat: 55.9,
            lon: 37.4,
            note: String::new(),
        }];
        let json = data_block(&[], &Tr::default(), true, &points);
        assert!(!json.contains('<') && !json.contains('&'), "{json}");
        let back: serde_json::Value = serde_json::from_str(&json).expect("still JSON");
        assert_eq!(
            back["points"][0]["name"],
            "</script><script>alert(1)</script> & co"
        );
        assert_eq!(back["layers"], serde_json::json!([]));
    }
}
