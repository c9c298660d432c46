//! `/search`, `/api/v1/search`, `/api/v1/suggest` and the 404 page's suggestions, over a real
//! index kept in step by its follower: names in any case form are found, interview moments link
//! to their second, a withdrawn record is gone from results, counts, suggestions and snippets
//! at once, and no input gives a 500.

use crate::support::{TestApp, spawn_searchable_app};
use letopis_core::consent::{ConsentKind, NewConsent};
use letopis_core::entities::{Cue, Fate, Interview, Person, Segment};
use letopis_core::history::Actor;
use letopis_core::names::PersonName;
use letopis_core::record::RecordId;
use letopis_core::{Body, Edtf, Workflow};
use letopis_store::{Draft, Op, Outcome, Store};
use std::time::{Duration, Instant};

fn person(surname: &str, given: &str, patronymic: &str, biography: &str) -> Draft {
    Draft::published(Body::Person(Person {
        name: PersonName::new(surname, given, patronymic),
        birth: Edtf::parse("1915").ok(),
        death: Edtf::parse("1942-03").ok(),
        fate: Some(Fate::Killed),
        biography: biography.into(),
        ..Person::default()
    }))
}

fn interview() -> Draft {
    let cue = |s: u32, text: &str| Cue {
        start_ms: s * 1000,
        end_ms: s * 1000 + 9000,
        speaker: None,
        text: text.into(),
    };
    Draft::published(Body::Interview(Interview {
        title: "Мария Гавриловна Лесина: «Завод уходит на восток»".into(),
        narrator_deceased: true,
        transcript: vec![
            cue(0, "Я родилась в Старых Химках."),
            cue(
                95,
                "В октябре завод эвакуировали, станки грузили на платформы.",
            ),
            cue(200, "Вернулись мы только весной."),
        ],
        // A segment starting on the same second as the line: one moment, not two.
        segments: vec![Segment {
            start_ms: 95_000,
            title: "Эвакуация".into(),
            synopsis: "Как завод эвакуировали осенью.".into(),
            ..Segment::default()
        }],
        ..Interview::default()
    }))
}

/// Three public records under one public-interest decision; returns their ids.
fn seed(store: &dyn Store) {
    let drafts = vec![
        person(
            "Иванов",
            "Пётр",
            "Семёнович",
            "Пулемётчик, погиб под Ржевом.",
        ),
        person("Иванова", "Анна", "Петровна", "Связистка."),
        interview(),
    ];
    let n = drafts.len();
    let mut ops: Vec<Op> = drafts.into_iter().map(Op::Create).collect();
    ops.push(Op::AddConsentCovering {
        consent: NewConsent {
            kind: ConsentKind::PublicInterest,
            subject: None,
            granted_by: "Эксперт".into(),
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
        .apply(
            &Actor::user(letopis_core::UserId(1), "Редактор"),
            ops,
            letopis_core::today(),
        )
        .expect("seed");
}

fn id_of(app: &TestApp, title: &str) -> RecordId {
    let ids: Vec<RecordId> = (1..=10).map(RecordId).collect();
    app.store
        .get_many(&ids)
        .expect("read")
        .into_iter()
        .find(|r| r.record.title() == title)
        .map(|r| r.record.id())
        .expect("seeded record")
}

async fn searchable() -> TestApp {
    let app = spawn_searchable_app(seed).await;
    // A deadline only so that a broken indexer fails the test instead of hanging it.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (status, body) = app.json("/api/v1/search?q=Иванов").await;
        if status == 200 && body["total"].as_u64().unwrap_or(0) >= 2 {
            return app;
        }
        assert!(
            Instant::now() < deadline,
            "the index never caught up: {body}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn names_moments_and_a_withdrawal_that_vanishes_at_once() {
    let app = searchable().await;
    let (status, page) = app.text("/search?q=Иванова+Петра+Семёновича").await;
    assert_eq!(status, 200);
    assert!(page.contains("Иванов Пётр Семёнович"), "{page}");
    assert!(page.contains("href=\"/persons/ivanov-petr-semenovich\""));

    let (_, found) = app.json("/api/v1/search?q=эвакуировали+станки").await;
    let moment = &found["items"][0]["moments"][0];
    assert_eq!(moment["t"], 95, "{found}");
    assert!(moment["url"].as_str().unwrap_or("").ends_with("?t=95"));
    let seconds: Vec<u64> = found["items"][0]["moments"]
        .as_array()
        .map(|m| m.iter().filter_map(|m| m["t"].as_u64()).collect())
        .unwrap_or_default();
    assert_eq!(
        seconds,
        [95],
        "the segment and the line at 1:35 are one moment: {found}"
    );
    assert!(
        moment["snippet_html"]
            .as_str()
            .unwrap_or("")
            .contains("<mark>эвакуировали</mark>"),
        "{moment}"
    );

    let (_, suggested) = app.json("/api/v1/suggest?q=иванов+п").await;
    assert!(
        suggested.to_string().contains("Иванов Пётр Семёнович"),
        "{suggested}"
    );
    // Typed out in the genitive, as a relative writes «ищу Иванова Петра»: still suggested.
    for typed in ["Иванова+Петра", "Иванова+Петра+Семёновича"] {
        let (_, suggested) = app.json(&format!("/api/v1/suggest?q={typed}")).await;
        assert!(
            suggested.to_string().contains("Иванов Пётр Семёнович"),
            "{typed}: {suggested}"
        );
    }

    let ivanov = id_of(&app, "Иванов Пётр Семёнович");
    app.store
        .apply(
            &Actor::user(letopis_core::UserId(2), "Эксперт"),
            vec![Op::Step {
                id: ivanov,
                to: Workflow::Withdrawn,
                note: None,
            }],
            letopis_core::today(),
        )
        .map(|o| assert!(matches!(o[0], Outcome::Stepped(_))))
        .expect("withdraw");
    // No waiting for the indexer: the withdrawal must already be in force.
    let (_, page) = app.text("/search?q=Иванов").await;
    assert!(!page.contains("Иванов Пётр"), "{page}");
    assert!(!page.contains("ivanov-petr"));
    let (_, found) = app.json("/api/v1/search?q=Иванов").await;
    assert_eq!(found["total"], 1, "{found}");
    let persons = found["facets"]
        .as_array()
        .map(|f| {
            f.iter()
                .find(|c| c["name"] == "kind" && c["value"] == "person")
                .map(|c| c["count"].clone())
        })
        .unwrap_or_default();
    assert_eq!(persons, Some(serde_json::json!(1)), "{found}");
    let (_, snippet) = app.json("/api/v1/search?q=пулемётчик+Ржевом").await;
    assert_eq!(snippet["total"], 0, "{snippet}");
    let (_, suggested) = app.json("/api/v1/suggest?q=иванов+п").await;
    let titles: Vec<String> = suggested["items"]
        .as_array()
        .map(|a| a.iter().map(|i| i["title"].to_string()).collect())
        .unwrap_or_default();
    assert!(titles.iter().all(|t| !t.contains("Пётр")), "{titles:?}");
    let (status, missing) = app.text("/persons/ivanov-petr-semenovich").await;
    assert_eq!(status, 410, "a withdrawn record's address says it is gone");
    assert!(!missing.contains("href=\"/persons/ivanov-petr-semenovich\""));
}

#[tokio::test]
async fn bad_input_answers_a_page_or_a_400() {
    let app = searchable().await;
    let long = "а".repeat(10_000);
    for q in [
        "",
        "%20%20",
        "!!!%3F%3F%3F...",
        "AND+OR+NOT+(+)+%5B+%5D+%7B+%7D+%3A+%5E+~+*",
        "%22Иванов",
        "%C2%AB%C2%BB%22%22",
        long.as_str(),
    ] {
        let (status, page) = app.text(&format!("/search?q={q}")).await;
        assert_eq!(status, 200, "q={q}: {page}");
        let (status, _) = app.json(&format!("/api/v1/search?q={q}")).await;
        assert_eq!(status, 200, "api q={q}");
        let (status, _) = app.json(&format!("/api/v1/suggest?q={q}")).await;
        assert_eq!(status, 200, "suggest q={q}");
    }
    for bad in [
        "fate=dragon",
        "kind=zzz",
        "period=1812",
        "sort=random",
        "page=abc",
        "place=сходня",
    ] {
        let (status, page) = app.text(&format!("/search?q=Иванов&{bad}")).await;
        assert_eq!(status, 400, "{bad}");
        assert!(page.contains("не распознан"), "{bad}: {page}");
        let (status, body) = app.json(&format!("/api/v1/search?q=Иванов&{bad}")).await;
        assert_eq!(
            (status, body["error"]["code"].clone()),
            (400, "bad_request".into())
        );
    }
    let (status, page) = app.text("/search?q=Иванов&district=Нигде").await;
    assert_eq!(status, 200);
    assert!(page.contains("Ничего не найдено"), "{page}");
}

#[tokio::test]
async fn an_unknown_address_suggests_similar_records() {
    let app = searchable().await;
    let (status, page) = app.text("/persons/ivanova-anna-pavlovna").await;
    assert_eq!(status, 404);
    assert!(page.contains("Возможно, вы искали"), "{page}");
    assert!(page.contains("Иванова Анна Петровна"), "{page}");
}
