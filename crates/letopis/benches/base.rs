//! Benchmarks of the information base (issue #2), printed as Markdown for bench/RESULTS.md:
//! demo generation time, CSV import rate, person-page data fetch latency.
//!
//!   cargo bench -p letopis --bench base                 # 100,000 persons
//!   LETOPIS_BENCH_PERSONS=20000 cargo bench -p letopis --bench base
//!
//! Not a test: numbers depend on the machine and are recorded, not asserted.

use letopis_core::{Kind, Viewer};
use letopis_store::sqlite::SqliteStore;
use letopis_store::{ListQuery, Store};
use std::time::{Duration, Instant};

fn main() {
    let persons: usize = std::env::var("LETOPIS_BENCH_PERSONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    println!("| what | result |\n|---|---|");

    let store = SqliteStore::open(dir.path().join("letopis.db")).expect("open store");
    let blobs = letopis_media::BlobStore::open(dir.path().join("media"), Default::default())
        .expect("blob store");
    let started = Instant::now();
    let summary = letopis_demo::generate(
        &store,
        &store,
        &blobs,
        &letopis_demo::DemoOptions {
            persons,
            seed: 1941,
        },
        letopis_core::today(),
    )
    .expect("demo generation");
    let took = started.elapsed();
    println!(
        "| demo generation, {persons} persons | {:.1} s ({summary}) |",
        took.as_secs_f64()
    );
    let size = std::fs::metadata(dir.path().join("letopis.db")).map_or(0, |m| m.len());
    println!("| database file | {:.0} MB |", size as f64 / 1e6);

    person_fetch(&store);
    csv_import(persons);
}

/// What the person page needs from the base: the record, its relations, the records at their
/// other ends, each through the gate.
fn person_fetch(store: &SqliteStore) {
    let today = letopis_core::today();
    let viewer = Viewer::anonymous();
    let mut ids = Vec::new();
    let mut offset = 0;
    while ids.len() < 5000 {
        let page = store
            .list(
                &ListQuery {
                    offset,
                    limit: 1000,
                    ..ListQuery::new(Kind::Person)
                },
                &viewer.filter(today),
            )
            .expect("list");
        if page.items.is_empty() {
            break;
        }
        offset += 7919;
        ids.extend(page.items.iter().step_by(7).map(|r| r.record.id()));
    }
    let mut times = Vec::with_capacity(ids.len() * 4);
    for _round in 0..4 {
        for id in &ids {
            let t = Instant::now();
            let rec = store.get(*id).expect("get").expect("exists");
            assert!(rec.audience.admits(&viewer, today));
            let rels = store.relations(*id).expect("relations");
            let others: Vec<_> = rels
                .iter()
                .map(|r| if r.from == *id { r.to } else { r.from })
                .collect();
            let visible = store
                .get_many(&others)
                .expect("get_many")
                .into_iter()
                .filter(|r| r.audience.admits(&viewer, today))
                .count();
            std::hint::black_box(visible);
            times.push(t.elapsed());
        }
    }
    times.sort();
    let q = |p: f64| times[((times.len() as f64 - 1.0) * p) as usize];
    println!(
        "| person-page data fetch ({} fetches) | p50 {} · p99 {} |",
        times.len(),
        micros(q(0.50)),
        micros(q(0.99))
    );
}

fn csv_import(persons: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(dir.path().join("letopis.db")).expect("open store");
    let mut csv = String::from(
        "\u{feff}id;Фамилия;Имя;Отчество;Пол;Дата рождения;Дата смерти;Место рождения;Судьба;Звание;Часть;Биография;Источники\n",
    );
    let surnames = [
        "Иванов",
        "Петров",
        "Смирнов",
        "Кузнецов",
        "Соколов",
        "Лебедев",
        "Козлов",
    ];
    let given = [
        "Иван",
        "Пётр",
        "Николай",
        "Алексей",
        "Сергей",
        "Михаил",
        "Василий",
    ];
    for i in 0..persons {
        let s = surnames[i % surnames.len()];
        let g = given[i / 7 % given.len()];
        let p = format!("{}ович", given[i / 49 % given.len()]);
        csv.push_str(&format!(
            "B-{i};{s};{g};{p};м;{:02}.{:02}.19{};1942;д. Сходня;погиб;рядовой;{}-я стрелковая дивизия;Призван Химкинским РВК.;ОБД «Мемориал», донесение {i}\n",
            1 + i % 28,
            1 + i % 12,
            10 + i % 15,
            100 + i % 300
        ));
    }
    let bytes = csv.into_bytes();
    let options = letopis_import::Options {
        public_interest: Some(letopis_import::PublicInterest {
            decided_by: "Рабочая группа".into(),
            reason: "Решение рабочей группы (бенчмарк)".into(),
        }),
        ..letopis_import::Options::default()
    };
    let started = Instant::now();
    let report = letopis_import::import_persons(&store, &bytes, &options, letopis_core::today())
        .expect("import");
    let took = started.elapsed();
    assert_eq!(report.created, persons);
    println!(
        "| CSV import, {persons} persons (one transaction, with revisions, outbox, public-interest consent) | {:.2} s, {:.0} persons/s |",
        took.as_secs_f64(),
        persons as f64 / took.as_secs_f64()
    );
}

fn micros(d: Duration) -> String {
    format!("{:.0} µs", d.as_secs_f64() * 1e6)
}
