//! Times the browse queries on an existing base (not a test: numbers depend on the machine).
//!
//! ```text
//! cargo run --release -p letopis-store --example browse_timing -- /tmp/b100k/letopis.db
//! ```
//!
//! Opening the base migrates it (and computes facets once for a base made before they
//! existed); then each query runs a number of times and the median is reported.

use letopis_core::facet::FacetName;
use letopis_core::{Kind, Viewer};
use letopis_store::sqlite::SqliteStore;
use letopis_store::{ListQuery, Order, Store};
use std::time::{Duration, Instant};

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn time(label: &str, rounds: usize, mut f: impl FnMut() -> String) {
    let mut runs = Vec::with_capacity(rounds);
    let mut note = String::new();
    for _ in 0..rounds {
        let start = Instant::now();
        note = f();
        runs.push(start.elapsed());
    }
    println!(
        "{label:<58} p50 {:>8.2} ms   ({note})",
        median(runs).as_secs_f64() * 1e3
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: browse_timing <letopis.db>")?;
    let start = Instant::now();
    let store = SqliteStore::open(&path)?;
    println!(
        "open (with any migration): {:.1} s",
        start.elapsed().as_secs_f64()
    );
    let today = letopis_core::today();
    let anon = Viewer::anonymous().filter(today);
    let q = |filters: &[(FacetName, &str)], page: u64, order: Order| ListQuery {
        offset: (page - 1) * 50,
        limit: 50,
        order,
        filters: filters.iter().map(|(n, v)| (*n, v.to_string())).collect(),
        ..ListQuery::new(Kind::Person)
    };
    let list = |query: ListQuery| {
        let page = store.list(&query, &anon).expect("list");
        format!("{} items of {}", page.items.len(), page.total)
    };
    // Each round asks as of another day, so that it misses the count cache and measures SQL.
    let day = std::cell::Cell::new(0i64);
    let counts = |query: ListQuery| {
        day.set(day.get() + 1);
        let when = today
            .checked_add(jiff::Span::new().days(day.get()))
            .expect("date");
        let who = Viewer::anonymous().filter(when);
        let c = store.facet_counts(&query, &who).expect("counts");
        format!("{} values", c.len())
    };
    let killed = [(FacetName::Fate, "killed")];
    let two = [(FacetName::Fate, "killed"), (FacetName::Period, "1942")];
    time("persons page 1, by name", 15, || {
        list(q(&[], 1, Order::Title))
    });
    time("persons page 1, by date", 15, || {
        list(q(&[], 1, Order::Date))
    });
    time("persons page 1, newest", 15, || {
        list(q(&[], 1, Order::Recent))
    });
    time("persons page 2000, by name (OFFSET 99 950)", 7, || {
        list(q(&[], 2000, Order::Title))
    });
    time("persons fate=killed page 1", 15, || {
        list(q(&killed, 1, Order::Title))
    });
    time("persons fate=killed&period=1942 page 1", 15, || {
        list(q(&two, 1, Order::Title))
    });
    time("persons fate=killed page 200", 7, || {
        list(q(&killed, 200, Order::Title))
    });
    time("facet counts, persons, no filter", 7, || {
        counts(q(&[], 1, Order::Title))
    });
    time("facet counts, persons, fate=killed", 7, || {
        counts(q(&killed, 1, Order::Title))
    });
    time("facet counts, persons, fate=killed&period=1942", 7, || {
        counts(q(&two, 1, Order::Title))
    });
    let places = ListQuery::new(Kind::Place);
    time("facet counts, places", 15, || counts(places.clone()));
    time("facet counts, persons, cached", 15, || {
        let c = store
            .facet_counts(&q(&[], 1, Order::Title), &anon)
            .expect("counts");
        format!("{} values", c.len())
    });
    Ok(())
}
