//! `GET /`: what the museum is, «Этот день в 1941–1945», the ways in (with how much each holds
//! for this visitor), and the latest published materials.

use super::timeline::{Dated, dated, entry_link};
use super::{
    Layout, Link, PageContext, kind_count, kind_label, kind_plural, record_href, render_html,
    section_href,
};
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use crate::shell::picture::Picture;
use crate::summary::summary;
use crate::{App, CurrentViewer};
use askama::Template;
use axum::extract::State;
use axum::response::Html;
use jiff::civil::Date;
use letopis_core::Kind;
use letopis_core::edtf::{DayKey, split_day_key};
use letopis_store::{ListQuery, Order, StoredRecord};

/// How many of the latest materials the home page lists.
const LATEST: usize = 8;
/// The kinds whose newest records are «latest materials» (places and sources are reference).
const LATEST_KINDS: [Kind; 5] = [
    Kind::Story,
    Kind::Interview,
    Kind::Person,
    Kind::Item,
    Kind::Event,
];
/// Longer spans (a battle of months, «1941–1945») would be «on this day» every day.
const THIS_DAY_MAX_SPAN: usize = 31;
/// When nothing happened on the day itself, this many of the nearest dates are shown.
const NEAREST: usize = 5;

#[derive(Template)]
#[template(path = "public/home.html")]
struct HomePage {
    layout: Layout,
    t: Tr,
    /// «Этот день в 1941–1945: 7 ноября» or «Ближайшие даты…».
    this_day_heading: String,
    this_day: Vec<Link>,
    entry_points: Vec<Link>,
    latest: Vec<Link>,
    /// The exhibition the home page leads with, its lead text as the note.
    featured: Option<Link>,
    /// Every section with what it holds for this visitor.
    sections: Vec<Link>,
}

/// What the gate gave the home page; cached per change-feed position (see `seq_cache`).
pub(crate) struct Found {
    counts: Vec<(Kind, u64)>,
    mapped_places: u64,
    dated: Vec<Dated>,
    latest: Vec<StoredRecord>,
    /// The newest curated exhibition, preferably one with a picture: the home page's lead.
    featured: Option<StoredRecord>,
}

pub async fn page(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
) -> Result<Html<String>, AppError> {
    let t = ctx.t;
    let day = app.config().this_day.unwrap_or_else(letopis_core::today);
    let key = format!("{viewer:?}|{}", letopis_core::today());
    let cache = app.home.clone();
    let found = app
        .read(viewer, move |gate| {
            let seq = gate.change_seq()?;
            if let Some(hit) = cache.get(seq, &key) {
                return Ok(hit);
            }
            let found = std::sync::Arc::new(find(gate)?);
            cache.put(seq, key, found.clone());
            Ok(found)
        })
        .await?;
    let count = |kind: Kind| {
        found
            .counts
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(0, |(_, n)| *n)
    };
    let (exact, nearest) = this_day(&found.dated, day);
    let this_day_heading = if exact {
        t.args("home-this-day", &[("day", day_heading(&t, day).into())])
    } else {
        t.args("home-nearest-days", &[("day", day_heading(&t, day).into())])
    };
    let section = |kind: Kind| {
        Link::new(section_href(kind), kind_plural(&t, kind)).with_note(kind_count(
            &t,
            kind,
            count(kind),
        ))
    };
    let entry_points = vec![
        section(Kind::Interview),
        section(Kind::Person),
        Link::new("/map", t.msg("nav-map")).with_note(t.count("count-place", found.mapped_places)),
        Link::new("/districts", t.msg("districts-title")).with_note(t.msg("districts-home-note")),
        Link::new("/timeline", t.msg("nav-timeline"))
            .with_note(t.count("count-event", count(Kind::Event))),
        section(Kind::Story),
        Link::new("/memory-book", t.msg("memory-book-title")).with_note(t.msg("memory-book-note")),
        Link::new("/contribute", t.msg("contributions-tell"))
            .with_note(t.msg("contributions-tell-note")),
    ];
    let mut layout = ctx.layout(&app, "");
    // The site as a `WebSite`, with its canonical address and link card.
    layout.head = crate::seo::Head::home(&layout.base, &t, &layout.site_name);
    render_html(&HomePage {
        layout,
        t,
        this_day_heading,
        this_day: nearest.iter().map(|d| entry_link(d, &t)).collect(),
        entry_points,
        latest: found.latest.iter().map(|r| latest_link(r, &t)).collect(),
        featured: found.featured.as_ref().map(featured_link),
        sections: found
            .counts
            .iter()
            .map(|(kind, n)| {
                Link::new(section_href(*kind), kind_plural(&t, *kind))
                    .with_note(kind_count(&t, *kind, *n))
            })
            .collect(),
    })
}

fn find(gate: &crate::gate::Gate<'_>) -> Result<Found, AppError> {
    let counts = gate.counts()?;
    let places = super::map::every(gate, Kind::Place)?;
    let mapped_places = places
        .iter()
        .filter(|r| match &r.record.body {
            letopis_core::Body::Place(p) => p.lat.is_some() && p.lon.is_some(),
            _ => false,
        })
        .count() as u64;
    let mut latest = Vec::new();
    for kind in LATEST_KINDS {
        latest.extend(
            gate.list(&ListQuery {
                limit: LATEST as u64,
                order: Order::Recent,
                ..ListQuery::catalogue(kind)
            })?
            .items,
        );
    }
    let stories = gate
        .list(&ListQuery {
            limit: LATEST as u64,
            order: Order::Recent,
            ..ListQuery::catalogue(Kind::Story)
        })?
        .items;
    let featured = stories
        .iter()
        .find(|r| Picture::of_record(&r.record).is_some())
        .or(stories.first())
        .cloned();
    latest.sort_by_key(|r| std::cmp::Reverse(r.record.meta.updated_at));
    latest.truncate(LATEST);
    Ok(Found {
        counts,
        mapped_places,
        dated: dated(gate, &[Kind::Event, Kind::Item])?,
        latest,
        featured,
    })
}

fn featured_link(r: &StoredRecord) -> Link {
    let rec = &r.record;
    let lead = match &rec.body {
        letopis_core::Body::Story(s) => s.lead.clone(),
        _ => String::new(),
    };
    Link::new(record_href(rec.kind(), &rec.meta.slug), rec.title())
        .with_note(lead)
        .with_picture(Picture::of_record(rec))
}

fn latest_link(r: &StoredRecord, t: &Tr) -> Link {
    let rec = &r.record;
    let note = [kind_label(t, rec.kind()), summary(&rec.body, t)]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    Link::new(record_href(rec.kind(), &rec.meta.slug), rec.title())
        .with_note(note)
        .with_picture(Picture::of_record(rec))
}

/// «7 ноября» / "7 November".
fn day_heading(t: &Tr, day: Date) -> String {
    t.args(
        "timeline-day",
        &[
            ("day", day.day().to_string().into()),
            (
                "month",
                t.msg(&format!("month-genitive-{}", day.month())).into(),
            ),
        ],
    )
}

/// The entries whose dates include `day`'s month and day in any war year (true), or, when there
/// are none, the few nearest to it (false). Only short spans count, see [`THIS_DAY_MAX_SPAN`].
fn this_day(all: &[Dated], day: Date) -> (bool, Vec<&Dated>) {
    let target = day_of_year(day.month(), day.day());
    let mut scored: Vec<(i16, &Dated)> = all
        .iter()
        .filter_map(|d| {
            let days = days_of(d.lo, d.hi)?;
            let distance = days
                .into_iter()
                .map(|doy| {
                    let gap = (doy - target).abs();
                    gap.min(366 - gap)
                })
                .min()?;
            Some((distance, d))
        })
        .collect();
    // An event of that very day comes before a letter dated only «ноябрь 1941».
    scored.sort_by_key(|(distance, d)| (*distance, d.hi - d.lo, d.lo));
    let exact: Vec<&Dated> = scored
        .iter()
        .take_while(|(distance, _)| *distance == 0)
        .map(|(_, d)| *d)
        .collect();
    if exact.is_empty() {
        (
            false,
            scored.into_iter().take(NEAREST).map(|(_, d)| d).collect(),
        )
    } else {
        (true, exact)
    }
}

/// The days of the year (in a leap year, so 29 February has its place) a short span covers.
fn days_of(lo: DayKey, hi: DayKey) -> Option<Vec<i16>> {
    let to_date = |key: DayKey| {
        let (y, m, d) = split_day_key(key);
        Date::new(
            i16::try_from(y).ok()?,
            i8::try_from(m).ok()?,
            i8::try_from(d).ok()?,
        )
        .ok()
    };
    let (mut day, last) = (to_date(lo)?, to_date(hi)?);
    let mut days = Vec::new();
    while day <= last {
        if days.len() >= THIS_DAY_MAX_SPAN {
            return None;
        }
        days.push(day_of_year(day.month(), day.day()));
        day = day.tomorrow().ok()?;
    }
    Some(days)
}

fn day_of_year(month: i8, day: i8) -> i16 {
    Date::new(1944, month, day).map_or(0, |d| d.day_of_year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_new_year_is_next_to_the_old_one() {
        let dec31 = day_of_year(12, 31);
        let jan1 = day_of_year(1, 1);
        let gap = (dec31 - jan1).abs();
        assert_eq!(gap.min(366 - gap), 1);
        assert_eq!(day_of_year(2, 29), 60);
    }

    #[test]
    fn long_spans_are_not_days() {
        assert_eq!(days_of(19411107, 19411107).map(|d| d.len()), Some(1));
        assert_eq!(days_of(19411101, 19411130).map(|d| d.len()), Some(30));
        assert_eq!(days_of(19411001, 19420131), None);
    }
}
