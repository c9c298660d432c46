//! 9 May (issue #15): the page cache and the search admission over HTTP. A kept page is the page
//! rendering gives, in every coding; the very next request after an edit or a withdrawal shows
//! it; signed-in visitors, private links and answers that set cookies are never kept; a search
//! beyond the limit is told `503` with `Retry-After` and a page in the visitor's language.

use crate::studio::{add_user, sign_in};
use crate::support::{Seeded, TestApp, spawn_app, spawn_searchable_app_admitting};
use letopis_core::account::Role;
use letopis_core::entities::{Person, Place};
use letopis_core::history::Actor;
use letopis_core::record::Settings;
use letopis_core::relation::RelationType;
use letopis_core::{Body, Workflow};
use letopis_store::contract::fallen;
use letopis_store::{Draft, Op};
use letopis_web::shell::admission::{Admission, SearchLimits};
use std::io::Read;
use std::sync::Arc;
use std::time::Duration;

/// Requests answered from the page cache so far, and those that looked and rendered.
async fn cache_counts(app: &TestApp) -> (u64, u64) {
    (
        app.metric("letopis_page_cache_hits_total").await as u64,
        app.metric("letopis_page_cache_misses_total").await as u64,
    )
}

fn place(name: &str, workflow: Workflow) -> Draft {
    Draft {
        workflow,
        ..Draft::new(Body::Place(Place {
            name: name.into(),
            ..Place::default()
        }))
    }
}

/// A fallen soldier born in a published place, both visible to every visitor.
fn hero_of(app: &TestApp) -> (Seeded, Seeded) {
    let hero = app.create(Draft::published(Body::Person(fallen("Лесин", "Фёдор"))));
    app.public_interest(&hero);
    let village = app.create(place("Подрезково", Workflow::Published));
    app.relate(&hero, RelationType::BornIn, &village);
    (hero, village)
}

fn rename(app: &TestApp, record: &Seeded, name: &str) {
    let stored = app.store.get(record.id).expect("read").expect("stored");
    let Body::Place(mut place) = stored.record.body else {
        panic!("a place")
    };
    place.name = name.into();
    app.store
        .apply(
            &Actor::user(letopis_core::UserId(1), "Редактор"),
            vec![Op::Update {
                id: record.id,
                expected_version: None,
                body: Body::Place(place),
                settings: Settings::default(),
            }],
            letopis_core::today(),
        )
        .expect("rename");
}

fn brotli(bytes: &[u8]) -> String {
    let mut text = String::new();
    brotli_decompressor::Decompressor::new(bytes, 4096)
        .read_to_string(&mut text)
        .expect("a brotli body");
    text
}

#[tokio::test]
async fn a_kept_page_is_the_page_rendering_gives_in_every_coding() {
    let app = spawn_app().await;
    let (hero, _) = hero_of(&app);
    let uncached = app.spawn_beside_with(|c| c.page_cache_bytes = 0).await;
    // Links are absolute for a loopback host: ask the other server as if it were this one.
    let host = ("host", app.base.trim_start_matches("http://"));

    let (_, fresh) = uncached.text_with(&hero.page(), &[host]).await;
    let first = app.get(&hero.page()).await;
    let etag = first.headers()["etag"].to_str().expect("ascii").to_string();
    assert_eq!(first.text().await.expect("body"), fresh);
    let before = cache_counts(&app).await;
    let kept = app.get(&hero.page()).await;
    assert_eq!(kept.status(), 200);
    assert_eq!(kept.headers()["etag"].to_str().expect("ascii"), etag);
    assert_eq!(kept.headers()["cache-control"], "no-cache");
    assert!(kept.headers().contains_key("content-security-policy"));
    assert_eq!(kept.text().await.expect("body"), fresh, "the same bytes");
    assert_eq!(
        cache_counts(&app).await.0,
        before.0 + 1,
        "served from the cache"
    );

    let coded = app
        .get_with(&hero.page(), &[("accept-encoding", "br")])
        .await;
    assert_eq!(coded.headers()["content-encoding"], "br");
    assert_eq!(brotli(&coded.bytes().await.expect("body")), fresh);
    let gzip = app
        .get_with(&hero.page(), &[("accept-encoding", "gzip")])
        .await;
    assert_eq!(gzip.headers()["content-encoding"], "gzip");
    let mut text = String::new();
    flate2::read::GzDecoder::new(&gzip.bytes().await.expect("body")[..])
        .read_to_string(&mut text)
        .expect("a gzip body");
    assert_eq!(text, fresh);
    let revalidated = app
        .get_with(&hero.page(), &[("if-none-match", &etag)])
        .await;
    assert_eq!(revalidated.status(), 304);

    // Language and the low-vision version are other pages, each kept apart.
    let (_, english) = app.text_with(&hero.page(), &[("cookie", "lang=en")]).await;
    let (_, fresh_english) = uncached
        .text_with(&hero.page(), &[("cookie", "lang=en"), host])
        .await;
    assert_eq!(english, fresh_english);
    assert_ne!(english, fresh);
    let lv = ("cookie", "lv=size-xlarge.scheme-wb");
    let (_, low_vision) = app.text_with(&hero.page(), &[lv]).await;
    let (_, again) = app.text_with(&hero.page(), &[lv]).await;
    assert_eq!(low_vision, again);
    assert!(low_vision.contains("lv-size-xlarge"), "{low_vision}");
    assert!(!fresh.contains("lv-size-xlarge"));
}

#[tokio::test]
async fn an_edit_or_a_withdrawal_shows_on_the_very_next_request() {
    let app = spawn_app().await;
    let (hero, village) = hero_of(&app);
    for _ in 0..2 {
        let (status, page) = app.text(&hero.page()).await;
        assert_eq!(status, 200);
        assert!(page.contains("Подрезково"), "{page}");
        let (_, list) = app.text("/persons").await;
        assert!(list.contains("Лесин"), "{list}");
    }
    let (hits, _) = cache_counts(&app).await;
    assert!(hits >= 2, "the second round came from the cache");

    // A record the page shows only as a tie: its new name is on the hero's page at once.
    rename(&app, &village, "Подрезково (станция)");
    let (_, page) = app.text(&hero.page()).await;
    assert!(page.contains("Подрезково (станция)"), "{page}");

    // A tie to a draft the page never showed (the store left it out): published, it appears.
    let town = app.create(place("Сходня", Workflow::InReview));
    app.relate(&hero, RelationType::LivedIn, &town);
    let (_, page) = app.text(&hero.page()).await;
    assert!(!page.contains("Сходня"), "{page}");
    let (_, page) = app.text(&hero.page()).await;
    assert!(!page.contains("Сходня"), "{page}");
    app.store_step(&town, Workflow::Published);
    let (_, page) = app.text(&hero.page()).await;
    assert!(
        page.contains("Сходня"),
        "published ties appear at once: {page}"
    );

    // Withdrawal is total: the page, the list, the API — on the very next request.
    let (_, api) = app.json(&hero.api()).await;
    assert_eq!(api["meta"]["title"], hero.title, "{api}");
    app.store_step(&hero, Workflow::Withdrawn);
    let (status, page) = app.text(&hero.page()).await;
    assert_eq!(status, 410);
    assert!(!page.contains("Лесин"), "{page}");
    let (_, list) = app.text("/persons").await;
    assert!(!list.contains("Лесин"), "{list}");
    let (status, _) = app.json(&hero.api()).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_write_by_another_server_is_seen_at_once() {
    let app = spawn_app().await;
    let (hero, village) = hero_of(&app);
    let other = app.spawn_beside().await;
    let (_, page) = other.text(&hero.page()).await;
    assert!(page.contains("Подрезково"));
    let (_, page) = other.text(&hero.page()).await;
    assert!(page.contains("Подрезково"));
    // Written through this server's handle on the base; the other one reads the feed.
    rename(&app, &village, "Новоподрезково");
    let (_, page) = other.text(&hero.page()).await;
    assert!(page.contains("Новоподрезково"), "{page}");
}

#[tokio::test]
async fn signed_in_visitors_private_links_and_cookies_are_never_kept() {
    let app = spawn_app().await;
    let (hero, _) = hero_of(&app);
    let draft = app.create(place("Тайная деревня", Workflow::Draft));
    app.relate(&hero, RelationType::LivedIn, &draft);
    for _ in 0..2 {
        let (_, page) = app.text(&hero.page()).await;
        assert!(!page.contains("Тайная деревня"), "anonymous: no draft");
    }
    add_user(&app, "expert@example.ru", "Эксперт", &[Role::Expert]);
    let staff = sign_in(&app, "expert@example.ru").await;
    let before = cache_counts(&app).await;
    let (status, page) = app
        .text_with(&hero.page(), &[("cookie", &staff.cookie)])
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("Тайная деревня"), "staff see the draft tie");
    assert_eq!(cache_counts(&app).await, before, "not even looked up");
    // … and what staff saw was not kept for anyone else.
    let (_, page) = app.text(&hero.page()).await;
    assert!(!page.contains("Тайная деревня"));

    // An answer that sets a cookie (the language remembered from `?lang=`) is rendered each time.
    let path = format!("{}?lang=en", hero.page());
    for _ in 0..2 {
        let response = app.get(&path).await;
        assert!(response.headers().contains_key("set-cookie"));
    }
    // Residents' private links are never looked up.
    let before = cache_counts(&app).await;
    for _ in 0..2 {
        app.get("/contribute/s/not-a-real-secret").await;
    }
    assert_eq!(cache_counts(&app).await, before);
}

#[tokio::test]
async fn a_search_beyond_the_limit_is_told_to_come_back() {
    let admission = Arc::new(Admission::new(SearchLimits {
        concurrent: 1,
        queue: 0,
        wait: Duration::from_secs(30),
    }));
    let app = spawn_searchable_app_admitting(admission.clone(), |store| {
        let hero = Person {
            biography: "Пулемётчик.".into(),
            ..fallen("Иванов", "Пётр")
        };
        store
            .apply(
                &Actor::user(letopis_core::UserId(1), "Редактор"),
                vec![Op::Create(Draft::published(Body::Person(hero)))],
                letopis_core::today(),
            )
            .expect("seed");
    })
    .await;
    // The test holds the only turn: every search now finds the queue full.
    let held = admission.enter().await.expect("the only turn");

    let response = app.get("/search?q=Иванов").await;
    assert_eq!(response.status(), 503);
    assert_eq!(response.headers()["retry-after"], "2");
    assert!(
        response.headers()["content-type"]
            .to_str()
            .is_ok_and(|ct| ct.starts_with("text/html"))
    );
    let page = response.text().await.expect("body");
    assert!(page.contains("Слишком много запросов"), "{page}");
    let (status, english) = app
        .text_with("/search?q=Иванов", &[("cookie", "lang=en")])
        .await;
    assert_eq!(status, 503);
    assert!(english.contains("Too many searches at once"), "{english}");

    let api = app.get("/api/v1/search?q=Иванов").await;
    assert_eq!(api.status(), 503);
    assert_eq!(api.headers()["retry-after"], "2");
    let json: serde_json::Value = api.json().await.expect("JSON");
    assert_eq!(json["error"]["code"], "busy", "{json}");
    assert_eq!(app.metric("letopis_searches_refused_total").await, 3.0);

    // Pages need no turn; and once the turn is given back, search answers again.
    let (status, _) = app.text("/").await;
    assert_eq!(status, 200);
    drop(held);
    let (status, _) = app.text("/search?q=Иванов").await;
    assert_eq!(status, 200);
}
