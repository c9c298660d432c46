//! Search benchmarks (issue #4), printed as Markdown for bench/RESULTS.md: full build time, index
//! size, query latency by kind of query, suggestion latency, the lag of an incremental update and
//! the resident memory, over the demo museum plus long synthetic interview transcripts.
//!
//!   cargo bench -p letopis-search --bench search          # 100,000 persons, 1,000 hours
//!   LETOPIS_BENCH_PERSONS=20000 LETOPIS_BENCH_HOURS=100 cargo bench -p letopis-search --bench search
//!
//! Not a test: numbers depend on the machine and are recorded, not asserted.

use letopis_core::{Body, Viewer};
use letopis_search::{Indexer, Request, SearchIndex};
use letopis_store::sqlite::SqliteStore;
use letopis_store::{Draft, Store};
use std::time::{Duration, Instant};

/// Words of the synthetic memories: the demo's own vocabulary of wartime recollections.
fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let persons = env("LETOPIS_BENCH_PERSONS", 100_000);
    let hours = env("LETOPIS_BENCH_HOURS", 1_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(dir.path().join("letopis.db")).expect("store");
    let blobs = letopis_media::BlobStore::open(dir.path().join("media"), Default::default())
        .expect("blobs");
    letopis_demo::generate(
        &store,
        &store,
        &blobs,
        &letopis_demo::DemoOptions {
            persons,
            seed: 1941,
        },
        letopis_core::today(),
    )
    .expect("demo");
    let words = letopis_demo::add_recorded_hours(&store, hours).expect("transcripts");
    println!("| what | result |\n|---|---|");
    println!(
        "| base | {persons} persons (demo, seed 1941) + {hours} one-hour interviews, {:.1} M transcript words |",
        words as f64 / 1e6
    );

    let (index, _) = SearchIndex::open(&dir.path().join("search")).expect("index");
    let mut indexer = Indexer::new(index.clone(), &store).expect("indexer");
    let report = indexer.rebuild(&store).expect("build");
    println!(
        "| full build (`letopis reindex`) | {:.1} s: {} records, {} documents |",
        report.elapsed.as_secs_f64(),
        report.records,
        report.documents
    );
    println!(
        "| index size on disk | {:.0} MB |",
        index.size_on_disk() as f64 / 1e6
    );

    let who = Viewer::anonymous().filter(letopis_core::today());
    let sets: [(&str, &[&str]); 5] = [
        (
            "name (inflected, typo, initials, Latin)",
            &[
                "Иванова Петра Семёновича",
                "ивонов петр",
                "Смирнов А. И.",
                "Kuznetsov Ivan",
                "Петрова Анна",
                "Соколовой Марии",
            ],
        ),
        (
            "word",
            &[
                "эвакуация",
                "госпиталь",
                "ополчение",
                "карточки",
                "зажигалки",
            ],
        ),
        (
            "phrase",
            &[
                "\"противотанковый ров\"",
                "\"письма треугольниками\"",
                "\"станки грузили на платформы\"",
            ],
        ),
        (
            "faceted (place, date, kind filter)",
            &["Сходня 1941 ополчение", "ноябрь 1941", "Подрезково 1942"],
        ),
        (
            "transcript words",
            &[
                "долбили ломами",
                "чернила замерзали",
                "незнакомые люди обнимались",
            ],
        ),
    ];
    for (name, queries) in sets {
        let mut times = Vec::new();
        for round in 0..40 {
            for q in queries {
                let mut request = Request::new(*q);
                if name.starts_with("faceted") && round % 2 == 0 {
                    request.kinds = vec![letopis_core::Kind::Person];
                }
                let started = Instant::now();
                let r = index.search(&store, &request, &who).expect("search");
                times.push(started.elapsed());
                std::hint::black_box(r);
            }
        }
        println!("| query: {name} | {} |", percentiles(&mut times));
    }
    let mut times = Vec::new();
    for _ in 0..50 {
        for q in ["ив", "иванов п", "сход", "эвак", "kuzn", "петрова ан"]
        {
            let started = Instant::now();
            let s = index.suggest(&store, q, &who, 8).expect("suggest");
            times.push(started.elapsed());
            std::hint::black_box(s);
        }
    }
    println!("| suggestions | {} |", percentiles(&mut times));

    // Issue #7: is a resident's hero already in the base? Inflected, misspelt and partial
    // descriptions, as families write them.
    let heroes = [
        ("Иванова", "Петра", "", Some(1915), ""),
        ("Ивонов", "Пётр", "Семёнович", None, ""),
        ("Смирнов", "Алексей", "", Some(1920), "стрелковый полк"),
        ("Кузнецова", "Анна", "Ивановна", None, ""),
    ];
    let mut times = Vec::new();
    for _ in 0..25 {
        for (surname, given, patronymic, birth_year, unit) in heroes {
            let hero = letopis_search::Described {
                surname: surname.into(),
                given: given.into(),
                patronymic: patronymic.into(),
                birth_year,
                birth_place: String::new(),
                unit: unit.into(),
            };
            let started = Instant::now();
            let found = index
                .likely_duplicates(&store, &hero, &who)
                .expect("duplicates");
            times.push(started.elapsed());
            std::hint::black_box(found);
        }
    }
    println!(
        "| likely duplicates of a resident's hero (issue #7) | {} |",
        percentiles(&mut times)
    );

    let mut lags = Vec::new();
    for i in 0..20 {
        let started = Instant::now();
        publish_interview(&store, i, 60);
        indexer.catch_up(&store).expect("catch up");
        lags.push(started.elapsed());
    }
    println!(
        "| incremental update: write + index + commit + reader reload (the follower polls every {} ms on top) | {} |",
        letopis_search::POLL.as_millis(),
        percentiles(&mut lags)
    );
    println!(
        "| resident memory after the above (whole process: base, index, writer) | {} |",
        rss()
    );
}

fn percentiles(times: &mut [Duration]) -> String {
    times.sort();
    let at = |p: f64| {
        let i = ((times.len() as f64 - 1.0) * p).round() as usize;
        times[i].as_secs_f64() * 1000.0
    };
    format!(
        "p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms ({} runs)",
        at(0.5),
        at(0.95),
        at(0.99),
        times.len()
    )
}

fn rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .map(|l| l.trim_start_matches("VmRSS:").trim().to_string())
        })
        .unwrap_or_else(|| "?".into())
}

fn publish_interview(store: &dyn Store, n: usize, minutes: u32) {
    let interview = letopis_demo::recorded_interview(1_000_000 + n, minutes);
    letopis_demo::publish_recorded(store, vec![Draft::published(Body::Interview(interview))])
        .expect("publish");
}
