//! Search benchmarks (issue #4), printed as Markdown for bench/RESULTS.md: full build time, index
//! size, query latency by kind of query, suggestion latency, the lag of an incremental update and
//! the resident memory, over the demo museum plus long synthetic interview transcripts.
//!
//!   cargo bench -p letopis-search --bench search          # 100,000 persons, 1,000 hours
//!   LETOPIS_BENCH_PERSONS=20000 LETOPIS_BENCH_HOURS=100 cargo bench -p letopis-search --bench search
//!
//! Not a test: numbers depend on the machine and are recorded, not asserted.

use letopis_core::consent::{ConsentKind, NewConsent};
use letopis_core::entities::{Cue, Interview, Segment};
use letopis_core::history::Actor;
use letopis_core::{Body, Viewer};
use letopis_search::{Indexer, Request, SearchIndex};
use letopis_store::sqlite::SqliteStore;
use letopis_store::{Draft, Op, Store};
use std::time::{Duration, Instant};

/// Words of the synthetic memories: the demo's own vocabulary of wartime recollections.
const SENTENCES: &[&str] = &[
    "Осенью сорок первого завод эвакуировали, станки грузили на платформы прямо под дождём",
    "Мама работала в госпитале в Сходне, а мы с братом дежурили на крыше и тушили зажигалки",
    "Хлеба по карточкам давали мало, в очередях стояли с ночи, номер писали химическим карандашом",
    "Отец ушёл в ополчение в июле, письма от него приходили треугольниками",
    "Немцы были у Крюкова и у Красной Поляны, канонада была слышна и днём и ночью",
    "В школе в Старых Химках устроили госпиталь, мы читали раненым письма из дома",
    "Копали противотанковый ров у Подрезкова, земля промёрзла, долбили ломами",
    "Девятого мая на станции незнакомые люди обнимались и плакали от радости",
    "С тринадцати лет я работал на заводе, до станка не доставал и стоял на ящике",
    "По Ленинградскому шоссе шли машины и подводы, говорили, что Москву сдают",
    "Зимой в классе было холодно, сидели в пальто, чернила замерзали в чернильницах",
    "Соседка получила похоронку и долго сидела на крыльце, не плакала, только молчала",
];

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
    let words = add_transcripts(&store, hours);
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

/// A one-hour interview: a cue every ten seconds, about 22 words each.
fn interview(n: usize, minutes: u32) -> Interview {
    let mut transcript = Vec::new();
    let mut rng = n as u64 * 2_654_435_761 + 1;
    for i in 0..(minutes * 6) {
        let mut text = String::new();
        for _ in 0..2 {
            rng = rng.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let s = SENTENCES[(rng >> 33) as usize % SENTENCES.len()];
            text.push_str(s);
            text.push_str(". ");
        }
        transcript.push(Cue {
            start_ms: i * 10_000,
            end_ms: i * 10_000 + 9_500,
            speaker: None,
            text,
        });
    }
    let segments = (0..minutes / 10)
        .map(|k| Segment {
            start_ms: k * 600_000,
            title: format!("Часть {}", k + 1),
            synopsis: SENTENCES[k as usize % SENTENCES.len()].into(),
            ..Segment::default()
        })
        .collect();
    Interview {
        title: format!("Воспоминания № {n}"),
        narrator_deceased: true,
        transcript,
        segments,
        ..Interview::default()
    }
}

fn publish(store: &dyn Store, drafts: Vec<Draft>) {
    let n = drafts.len();
    let mut ops: Vec<Op> = drafts.into_iter().map(Op::Create).collect();
    ops.push(Op::AddConsentCovering {
        consent: NewConsent {
            kind: ConsentKind::PublicInterest,
            subject: None,
            granted_by: "bench".into(),
            covers: vec![],
            scope: vec![],
            bans: vec![],
            document: None,
            signed_on: letopis_core::today(),
            valid_until: None,
            note: None,
        },
        earlier: (0..n).collect(),
        subject_earlier: None,
    });
    store
        .apply(&Actor::system("bench"), ops, letopis_core::today())
        .expect("publish");
}

fn publish_interview(store: &dyn Store, n: usize, minutes: u32) {
    publish(
        store,
        vec![Draft::published(Body::Interview(interview(
            1_000_000 + n,
            minutes,
        )))],
    );
}

/// Adds `hours` one-hour interviews; returns the number of transcript words.
fn add_transcripts(store: &dyn Store, hours: usize) -> usize {
    let mut words = 0;
    for chunk in (0..hours).collect::<Vec<_>>().chunks(20) {
        let drafts: Vec<Draft> = chunk
            .iter()
            .map(|&n| {
                let i = interview(n, 60);
                words += i
                    .transcript
                    .iter()
                    .map(|c| c.text.split_whitespace().count())
                    .sum::<usize>();
                Draft::published(Body::Interview(i))
            })
            .collect();
        publish(store, drafts);
    }
    words
}
