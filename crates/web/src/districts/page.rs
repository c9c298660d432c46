//! `GET /districts` and `GET /districts/{slug}`.

use super::gather::{self, COUNTED, District, Found};
use crate::public::map::{MapView, district_map};
use crate::public::{Layout, Link, PageContext, kind_count, record_href, render_html};
use crate::shell::base_url::printed_base;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use crate::shell::picture::Picture;
use crate::shell::prefs::encode_component;
use crate::summary::summary;
use crate::{App, CurrentViewer};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Html;
use letopis_core::Kind;
use letopis_store::StoredRecord;
use letopis_store::venues::StoredVenue;

#[derive(Template)]
#[template(path = "public/districts.html")]
struct IndexPage {
    layout: Layout,
    t: Tr,
    districts: Vec<Link>,
}

pub async fn index(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
) -> Result<Html<String>, AppError> {
    let t = ctx.t;
    let list = app.read(viewer, gather::districts).await?;
    let venues = gather::venues_in(&app, None).await;
    let districts = list
        .iter()
        .map(|d| {
            let here = venues
                .iter()
                .filter(|v| letopis_core::district::slug(&v.venue.district) == d.slug)
                .count() as u64;
            let mut note = counts_line(&t, d);
            if here > 0 {
                let venues = t.count("districts-count-venue", here);
                note = format!("{note}\u{a0}· {}", venues.replacen(' ', "\u{a0}", 1));
            }
            Link::new(format!("/districts/{}", d.slug), d.name.clone()).with_note(note)
        })
        .collect();
    render_html(&IndexPage {
        layout: ctx.layout(&app, t.msg("districts-title")),
        t,
        districts,
    })
}

/// «12 мест · 40 героев · 3 интервью»: the kinds the district has any of.
pub fn counts_line(t: &Tr, d: &District) -> String {
    COUNTED
        .iter()
        .filter(|k| d.count(**k) > 0)
        // «13 живых голосов» is one unit: the number never ends a line.
        .map(|k| kind_count(t, *k, d.count(*k)).replacen(' ', "\u{a0}", 1))
        .collect::<Vec<_>>()
        .join("\u{a0}· ")
}

/// One section of a district's page: records and, when there are more, a link to all of them.
pub struct Part {
    pub id: &'static str,
    pub heading: String,
    pub links: Vec<Link>,
    /// «Все 40 героев →» to the list filtered by the district.
    pub more: Option<Link>,
}

/// A venue as the public sees it: no contact, no responsible person.
pub struct VenueView {
    pub name: String,
    pub kind: String,
    pub address: String,
}

impl VenueView {
    pub fn of(t: &Tr, v: &StoredVenue) -> VenueView {
        VenueView {
            name: v.venue.name.clone(),
            kind: t.msg(&format!("venue-kind-{}", v.venue.kind.code())),
            address: v.venue.address.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "public/district.html")]
struct DistrictPage {
    layout: Layout,
    t: Tr,
    name: String,
    slug: String,
    counts: String,
    parts: Vec<Part>,
    venues: Vec<VenueView>,
    map: Option<MapView>,
    map_href: String,
    /// On paper: the page's printed address and its QR code (inline SVG).
    address: String,
    qr: String,
}

fn card(r: &StoredRecord, t: &Tr) -> Link {
    Link::new(
        record_href(r.record.kind(), &r.record.meta.slug),
        r.record.title(),
    )
    .with_note(summary(&r.record.body, t))
    .with_picture(Picture::of_record(&r.record))
}

/// The list of `kind` narrowed to the district (every spelling of its name).
fn list_href(d: &District, kind: Kind) -> String {
    let filters: Vec<String> = d
        .names
        .iter()
        .map(|n| format!("district={}", encode_component(n)))
        .collect();
    format!("/{}?{}", kind.plural(), filters.join("&"))
}

fn parts(found: &Found, t: &Tr) -> Vec<Part> {
    let d = &found.district;
    let part = |id, kind: Kind, heading: &str, records: Vec<&StoredRecord>, total: u64| Part {
        id,
        heading: t.msg(heading),
        links: records.iter().map(|r| card(r, t)).collect(),
        more: (total > records.len() as u64).then(|| {
            Link::new(
                list_href(d, kind),
                t.args(
                    "districts-all",
                    &[("what", kind_count(t, kind, total).into())],
                ),
            )
        }),
    };
    let to_visit = found.to_visit();
    let to_visit_total = to_visit.len() as u64;
    vec![
        part(
            "visit",
            Kind::Place,
            "districts-visit",
            to_visit,
            to_visit_total,
        ),
        part(
            "places",
            Kind::Place,
            "districts-places",
            found.places.iter().collect(),
            d.count(Kind::Place),
        ),
        part(
            "persons",
            Kind::Person,
            "districts-persons",
            found.persons.items.iter().collect(),
            found.persons.total,
        ),
        part(
            "voices",
            Kind::Interview,
            "districts-voices",
            found.interviews.items.iter().collect(),
            found.interviews.total,
        ),
        part(
            "items",
            Kind::Item,
            "districts-items",
            found.items.items.iter().collect(),
            found.items.total,
        ),
        part(
            "stories",
            Kind::Story,
            "districts-stories",
            found.stories.items.iter().collect(),
            found.stories.total,
        ),
        part(
            "events",
            Kind::Event,
            "districts-events",
            found.events.items.iter().collect(),
            found.events.total,
        ),
    ]
    .into_iter()
    .filter(|p| !p.links.is_empty())
    .collect()
}

pub async fn page(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Html<String>, AppError> {
    let t = ctx.t;
    let found = gather::read_one(&app, viewer, slug.clone()).await?;
    let address = format!(
        "{}/districts/{}",
        printed_base(&app, &headers),
        found.district.slug
    );
    let venues = gather::venues_in(&app, Some(&found.district.slug)).await;
    let d = &found.district;
    let map_href = format!(
        "/map?{}",
        d.names
            .first()
            .map(|n| format!("district={}", encode_component(n)))
            .unwrap_or_default()
    );
    render_html(&DistrictPage {
        layout: ctx.layout(&app, d.name.clone()),
        t,
        counts: counts_line(&t, d),
        parts: parts(&found, &t),
        venues: venues.iter().map(|v| VenueView::of(&t, v)).collect(),
        map: district_map(&found.places, app.layers(), &t),
        map_href,
        qr: crate::lessons::qr::svg(&address, &t.msg("districts-qr-label")).unwrap_or_default(),
        address,
        name: d.name.clone(),
        slug: d.slug.clone(),
    })
}
