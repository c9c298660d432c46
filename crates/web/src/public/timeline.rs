//! `GET /timeline`: 1941–1945 by year, month and day, without JavaScript.
//!
//! - `/timeline` — the five years, with the number of entries in each month;
//! - `/timeline?year=1941` — that year's entries, month by month;
//! - `/timeline?year=1941&month=11` — that month's entries, day by day, with the months around.
//!
//! By default it shows events and items (letters, photos, documents by their date);
//! `kind=event|item|person` shows only events, only items, or people's deaths. Entries are placed by their EDTF bounds (see [`Bucket::of`]) and
//! read with the date's own wording, so «около марта 1942 г.» stays approximate.

use super::map::{WAR_YEARS, every};
use super::{Layout, Link, PageContext, kind_label, record_href, render_html};
use crate::gate::Gate;
use crate::shell::error::AppError;
use crate::shell::i18n::{Message, Tr};
use crate::{App, CurrentViewer};
use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::Html;
use letopis_core::edtf::{DayKey, split_day_key};
use letopis_core::{Body, Edtf, Kind};
use letopis_store::StoredRecord;
use serde::Deserialize;

/// The kinds the timeline can show, in the order of the filter.
const KINDS: [Kind; 3] = [Kind::Event, Kind::Item, Kind::Person];
/// Shown when no kind is chosen. Deaths only on request: hundreds of names would bury the
/// events, and reading every person is the slowest part of the page.
const DEFAULT_KINDS: [Kind; 2] = [Kind::Event, Kind::Item];

/// A record with the date the timeline places it by.
pub struct Dated {
    pub record: StoredRecord,
    pub date: Edtf,
    pub lo: DayKey,
    pub hi: DayKey,
}

/// Both day bounds of a date, or `None` for an open or unknown end (such a record cannot be
/// placed on a day).
pub fn span(date: &Edtf) -> Option<(DayKey, DayKey)> {
    Some((date.lower()?, date.upper()?))
}

/// The date a record of the timeline's kinds is placed by: an event's or an item's date, a
/// person's death.
fn timeline_date(body: &Body) -> Option<&Edtf> {
    match body {
        Body::Event(e) => e.date.as_ref(),
        Body::Item(i) => i.date.as_ref(),
        Body::Person(p) => p.death.as_ref(),
        _ => None,
    }
}

/// The visible records of `kinds` whose dates start in 1941–1945, earliest first.
pub fn dated(gate: &Gate<'_>, kinds: &[Kind]) -> Result<Vec<Dated>, AppError> {
    let first = *WAR_YEARS.start() * 10000;
    let last = (*WAR_YEARS.end() + 1) * 10000;
    let mut all = Vec::new();
    for kind in kinds {
        for record in every(gate, *kind)? {
            let Some(date) = timeline_date(&record.record.body).cloned() else {
                continue;
            };
            let Some((lo, hi)) = span(&date) else {
                continue;
            };
            if (first..last).contains(&lo) {
                all.push(Dated {
                    record,
                    date,
                    lo,
                    hi,
                });
            }
        }
    }
    all.sort_by(|a, b| {
        (a.lo, a.hi, a.record.record.title()).cmp(&(b.lo, b.hi, b.record.record.title()))
    });
    Ok(all)
}

/// Where on the timeline an entry stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Bucket {
    /// A whole year or more («1942», «1941–1945»): shown at the head of its first year.
    Year(i32),
    /// Within one month («ноябрь 1941»), or a span of months, shown at the month it starts.
    Month(i32, u8),
    Day(i32, u8, u8),
}

impl Bucket {
    fn of(lo: DayKey, hi: DayKey) -> Bucket {
        let (y, m, d) = split_day_key(lo);
        let (hy, hm, _) = split_day_key(hi);
        if lo == hi {
            Bucket::Day(y, m, d)
        } else if (y, m) == (hy, hm) {
            Bucket::Month(y, m)
        } else if (m, d) == (1, 1) && hi >= y * 10000 + 1231 {
            Bucket::Year(y)
        } else {
            Bucket::Month(y, m)
        }
    }

    fn year(self) -> i32 {
        match self {
            Bucket::Year(y) | Bucket::Month(y, _) | Bucket::Day(y, _, _) => y,
        }
    }

    fn month(self) -> Option<u8> {
        match self {
            Bucket::Year(_) => None,
            Bucket::Month(_, m) | Bucket::Day(_, m, _) => Some(m),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct TimelineParams {
    year: Option<String>,
    month: Option<String>,
    kind: Option<String>,
}

/// What the timeline shows, parsed from the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct View {
    year: Option<i32>,
    month: Option<u8>,
    kind: Option<Kind>,
}

impl View {
    fn parse(params: TimelineParams) -> Result<View, AppError> {
        let given = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let bad = |id: &'static str, value: String| {
            AppError::BadRequest(Message::new(id).arg("value", value))
        };
        let year = given(params.year)
            .map(|v| {
                v.parse::<i32>()
                    .ok()
                    .filter(|y| WAR_YEARS.contains(y))
                    .ok_or_else(|| bad("timeline-error-year", v))
            })
            .transpose()?;
        let month = given(params.month)
            .map(|v| {
                v.parse::<u8>()
                    .ok()
                    .filter(|m| (1..=12).contains(m))
                    .ok_or_else(|| bad("timeline-error-month", v))
            })
            .transpose()?;
        if month.is_some() && year.is_none() {
            return Err(AppError::BadRequest(Message::new(
                "timeline-error-month-without-year",
            )));
        }
        let kind = given(params.kind)
            .map(|v| {
                KINDS
                    .into_iter()
                    .find(|k| k.code() == v)
                    .ok_or_else(|| bad("timeline-error-kind", v))
            })
            .transpose()?;
        Ok(View { year, month, kind })
    }

    fn kinds(&self) -> Vec<Kind> {
        match self.kind {
            Some(k) => vec![k],
            None => DEFAULT_KINDS.to_vec(),
        }
    }

    /// The address of another view with the same kind filter.
    fn href(&self, year: Option<i32>, month: Option<u8>) -> String {
        let mut parts = Vec::new();
        if let Some(y) = year {
            parts.push(format!("year={y}"));
        }
        if let Some(m) = month {
            parts.push(format!("month={m}"));
        }
        if let Some(k) = self.kind {
            parts.push(format!("kind={}", k.code()));
        }
        if parts.is_empty() {
            "/timeline".into()
        } else {
            format!("/timeline?{}", parts.join("&"))
        }
    }
}

/// A heading with the entries under it (a year's months, a month's days).
pub struct Section {
    pub id: String,
    pub heading: String,
    /// Set on the overview, where a year's heading leads to the year's page.
    pub href: String,
    pub count: String,
    pub entries: Vec<Link>,
    /// The overview's month links: «ноябрь — 12».
    pub months: Vec<Link>,
}

/// A choice of the kind filter.
pub struct KindChoice {
    pub value: &'static str,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "public/timeline.html")]
struct TimelinePage {
    layout: Layout,
    t: Tr,
    heading: String,
    /// The breadcrumbs between «Лента времени» and this page.
    trail: Vec<Link>,
    year: String,
    month: String,
    kinds: Vec<KindChoice>,
    total: String,
    sections: Vec<Section>,
    previous: Option<Link>,
    next: Option<Link>,
    /// The other views one level down, as a row of links (the year's months, the five years).
    nav: Vec<Link>,
    nav_label: String,
    /// The month shown, as named in `nav`, so that its link is marked current.
    current: String,
}

pub async fn page(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
    query: Result<Query<TimelineParams>, QueryRejection>,
) -> Result<Html<String>, AppError> {
    let params = query.map(|Query(p)| p).map_err(|e| {
        tracing::debug!(error = %e, "malformed query string");
        AppError::BadRequest(Message::new("error-query-string"))
    })?;
    let view = View::parse(params)?;
    let kinds = view.kinds();
    let entries = app.read(viewer, move |gate| dated(gate, &kinds)).await?;
    let t = ctx.t;
    let placed: Vec<(Bucket, Link)> = entries
        .iter()
        .map(|d| (Bucket::of(d.lo, d.hi), entry_link(d, &t)))
        .collect();
    let title = t.msg("timeline-title");
    let page = match (view.year, view.month) {
        (Some(y), Some(m)) => month_page(&view, &t, &placed, y, m),
        (Some(y), None) => year_page(&view, &t, &placed, y),
        _ => overview(&view, &t, &placed),
    };
    let heading = page.heading.clone();
    let full_title = if heading == title {
        title.clone()
    } else {
        format!("{heading} — {title}")
    };
    render_html(&TimelinePage {
        layout: ctx.layout(&app, full_title),
        t,
        heading,
        trail: page.trail,
        year: view.year.map(|y| y.to_string()).unwrap_or_default(),
        month: view.month.map(|m| m.to_string()).unwrap_or_default(),
        kinds: KINDS
            .into_iter()
            .map(|k| KindChoice {
                value: k.code(),
                label: t.msg(&format!("timeline-kind-{}", k.code())),
                selected: view.kind == Some(k),
            })
            .collect(),
        total: t.count("timeline-count", page.total as u64),
        sections: page.sections,
        previous: page.previous,
        next: page.next,
        nav: page.nav,
        nav_label: page.nav_label,
        current: view.month.map(|m| month_name(&t, m)).unwrap_or_default(),
    })
}

/// The parts of the page that differ between the three views.
struct Built {
    heading: String,
    trail: Vec<Link>,
    total: usize,
    sections: Vec<Section>,
    previous: Option<Link>,
    next: Option<Link>,
    nav: Vec<Link>,
    nav_label: String,
}

fn overview(view: &View, t: &Tr, placed: &[(Bucket, Link)]) -> Built {
    let sections = WAR_YEARS
        .map(|y| {
            let in_year: Vec<&(Bucket, Link)> =
                placed.iter().filter(|(b, _)| b.year() == y).collect();
            Section {
                id: format!("y{y}"),
                heading: y.to_string(),
                href: view.href(Some(y), None),
                count: t.count("timeline-count", in_year.len() as u64),
                entries: Vec::new(),
                months: month_links(view, t, placed, y),
            }
        })
        .collect();
    Built {
        heading: t.msg("timeline-title"),
        trail: Vec::new(),
        total: placed.len(),
        sections,
        previous: None,
        next: None,
        nav: Vec::new(),
        nav_label: String::new(),
    }
}

fn year_page(view: &View, t: &Tr, placed: &[(Bucket, Link)], year: i32) -> Built {
    let in_year: Vec<&(Bucket, Link)> = placed.iter().filter(|(b, _)| b.year() == year).collect();
    let mut sections = Vec::new();
    let whole: Vec<Link> = in_year
        .iter()
        .filter(|(b, _)| b.month().is_none())
        .map(|(_, l)| l.clone())
        .collect();
    if !whole.is_empty() {
        sections.push(section("whole", t.msg("timeline-whole-year"), whole, t));
    }
    for m in 1..=12u8 {
        let entries: Vec<Link> = in_year
            .iter()
            .filter(|(b, _)| b.month() == Some(m))
            .map(|(_, l)| l.clone())
            .collect();
        if !entries.is_empty() {
            let mut s = section(&format!("m{m}"), month_name(t, m), entries, t);
            s.href = view.href(Some(year), Some(m));
            sections.push(s);
        }
    }
    let year_link = |y: i32| {
        WAR_YEARS
            .contains(&y)
            .then(|| Link::new(view.href(Some(y), None), y.to_string()))
    };
    Built {
        heading: year.to_string(),
        trail: vec![Link::new(view.href(None, None), t.msg("timeline-title"))],
        total: in_year.len(),
        sections,
        previous: year_link(year - 1),
        next: year_link(year + 1),
        nav: month_links(view, t, placed, year),
        nav_label: t.msg("timeline-months-label"),
    }
}

fn month_page(view: &View, t: &Tr, placed: &[(Bucket, Link)], year: i32, month: u8) -> Built {
    let in_month: Vec<&(Bucket, Link)> = placed
        .iter()
        .filter(|(b, _)| b.year() == year && b.month() == Some(month))
        .collect();
    let mut sections = Vec::new();
    let whole: Vec<Link> = in_month
        .iter()
        .filter(|(b, _)| matches!(b, Bucket::Month(..)))
        .map(|(_, l)| l.clone())
        .collect();
    if !whole.is_empty() {
        sections.push(section("whole", t.msg("timeline-whole-month"), whole, t));
    }
    for day in 1..=31u8 {
        let entries: Vec<Link> = in_month
            .iter()
            .filter(|(b, _)| *b == Bucket::Day(year, month, day))
            .map(|(_, l)| l.clone())
            .collect();
        if !entries.is_empty() {
            let heading = day_heading(t, month, day);
            sections.push(section(&format!("d{day}"), heading, entries, t));
        }
    }
    let month_link = |(y, m): (i32, u8)| {
        WAR_YEARS.contains(&y).then(|| {
            Link::new(
                view.href(Some(y), Some(m)),
                format!("{} {y}", month_name(t, m)),
            )
        })
    };
    let previous = if month == 1 {
        (year - 1, 12)
    } else {
        (year, month - 1)
    };
    let next = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    Built {
        heading: format!("{} {year}", month_name(t, month)),
        trail: vec![
            Link::new(view.href(None, None), t.msg("timeline-title")),
            Link::new(view.href(Some(year), None), year.to_string()),
        ],
        total: in_month.len(),
        sections,
        previous: month_link(previous),
        next: month_link(next),
        nav: month_links(view, t, placed, year),
        nav_label: t.msg("timeline-months-label"),
    }
}

fn section(id: &str, heading: String, entries: Vec<Link>, t: &Tr) -> Section {
    Section {
        id: id.to_string(),
        heading,
        href: String::new(),
        count: t.count("timeline-count", entries.len() as u64),
        entries,
        months: Vec::new(),
    }
}

/// A year's twelve months with their counts; empty months are plain text (empty `href`).
fn month_links(view: &View, t: &Tr, placed: &[(Bucket, Link)], year: i32) -> Vec<Link> {
    (1..=12u8)
        .map(|m| {
            let n = placed
                .iter()
                .filter(|(b, _)| b.year() == year && b.month() == Some(m))
                .count();
            let href = if n > 0 {
                view.href(Some(year), Some(m))
            } else {
                String::new()
            };
            Link::new(href, month_name(t, m)).with_note(n.to_string())
        })
        .collect()
}

/// «Ноябрь» / "November".
fn month_name(t: &Tr, month: u8) -> String {
    t.msg(&format!("month-{month}"))
}

/// «7 ноября» / "7 November".
fn day_heading(t: &Tr, month: u8, day: u8) -> String {
    t.args(
        "timeline-day",
        &[
            ("day", day.to_string().into()),
            ("month", t.msg(&format!("month-genitive-{month}")).into()),
        ],
    )
}

/// An entry: the record's title, linked, with its kind and its date in words.
pub fn entry_link(d: &Dated, t: &Tr) -> Link {
    let rec = &d.record.record;
    let mut note = vec![kind_label(t, rec.kind()), t.date(&d.date)];
    if let Body::Person(p) = &rec.body {
        note[0] = t.msg("timeline-death");
        if let Some(fate) = p.fate {
            note.push(t.label("fate", fate));
        }
    }
    Link::new(record_href(rec.kind(), &rec.meta.slug), rec.title()).with_note(note.join(" · "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use letopis_core::edtf::day_key;

    fn bucket(text: &str) -> Bucket {
        let (lo, hi) = span(&Edtf::parse(text).expect("valid EDTF")).expect("closed");
        Bucket::of(lo, hi)
    }

    #[test]
    fn entries_stand_where_their_bounds_say() {
        assert_eq!(bucket("1941-11-07"), Bucket::Day(1941, 11, 7));
        assert_eq!(bucket("1941-11-07~"), Bucket::Day(1941, 11, 7));
        assert_eq!(bucket("1941-11"), Bucket::Month(1941, 11));
        assert_eq!(bucket("1941-10-16/1941-10-20"), Bucket::Month(1941, 10));
        assert_eq!(bucket("1941-10/1942-01"), Bucket::Month(1941, 10));
        assert_eq!(bucket("1942-21"), Bucket::Month(1942, 3));
        assert_eq!(bucket("1942"), Bucket::Year(1942));
        assert_eq!(bucket("1941/1945"), Bucket::Year(1941));
        assert_eq!(
            Bucket::of(day_key(1943, 2, 2), day_key(1943, 2, 2)).year(),
            1943
        );
    }

    #[test]
    fn views_parse_and_refuse_nonsense() {
        let p = |y: &str, m: &str, k: &str| TimelineParams {
            year: Some(y.into()),
            month: Some(m.into()),
            kind: Some(k.into()),
        };
        let v = View::parse(p("1941", "11", "event")).expect("valid");
        assert_eq!(
            (v.year, v.month, v.kind),
            (Some(1941), Some(11), Some(Kind::Event))
        );
        assert_eq!(v.href(Some(1942), None), "/timeline?year=1942&kind=event");
        for bad in [
            p("1950", "", ""),
            p("1941", "13", ""),
            p("", "5", ""),
            p("", "", "story"),
        ] {
            assert!(matches!(View::parse(bad), Err(AppError::BadRequest(_))));
        }
    }
}
