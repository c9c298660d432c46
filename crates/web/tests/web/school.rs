//! School mode (issue #17): with the `school` cookie a visitor reads through the gate with an age
//! limit, so a 16+ record is absent from every path — lists and their counts, facets, search,
//! suggestions, the map, the timeline, the API and its own address — and the pages say school
//! mode is on, with the way to turn it off.

use crate::support::{TestApp, spawn_searchable_app};
use letopis_core::entities::{Event, Item, ItemType, Place, PlaceType};
use letopis_core::history::Actor;
use letopis_core::{AgeRating, Body, Edtf};
use letopis_store::{Draft, Op, Store};
use std::time::{Duration, Instant};

const SCHOOL: (&str, &str) = ("cookie", "school=12");

fn rated(body: Body, rating: AgeRating) -> Draft {
    let mut draft = Draft::published(body);
    draft.settings.age_rating = rating;
    draft
}

fn letter(title: &str, text: &str) -> Body {
    Body::Item(Item {
        item_type: ItemType::Letter,
        title: title.into(),
        transcription: text.into(),
        ..Item::default()
    })
}

fn event(title: &str) -> Body {
    Body::Event(Event {
        title: title.into(),
        date: Edtf::parse("1941-11-23").ok(),
        description: "Бой у деревни.".into(),
        ..Event::default()
    })
}

fn place(name: &str, lat: f64) -> Body {
    Body::Place(Place {
        name: name.into(),
        place_type: PlaceType::Memorial,
        district: "Сходня".into(),
        lat: Some(lat),
        lon: Some(37.3),
        ..Place::default()
    })
}

fn seed(store: &dyn Store) {
    let drafts = vec![
        rated(
            letter(
                "Письмо матери",
                "Дорогая мама, у нас всё хорошо, блиндаж тёплый.",
            ),
            AgeRating::Zero,
        ),
        rated(
            letter(
                "Письмо о госпитале",
                "Блиндаж разбит, раненых везут в госпиталь.",
            ),
            AgeRating::Sixteen,
        ),
        rated(event("Бой у Крюково"), AgeRating::Twelve),
        rated(event("Расстрел в Крюково"), AgeRating::Sixteen),
        rated(place("Памятник у школы", 55.97), AgeRating::Zero),
        rated(place("Место расстрела", 55.98), AgeRating::Sixteen),
    ];
    store
        .apply(
            &Actor::user(letopis_core::UserId(1), "Редактор"),
            drafts.into_iter().map(Op::Create).collect(),
            letopis_core::today(),
        )
        .expect("seed");
}

async fn app() -> TestApp {
    let app = spawn_searchable_app(seed).await;
    // A deadline only so that a broken indexer fails the test instead of hanging it.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (_, body) = app.json("/api/v1/search?q=блиндаж").await;
        if body["total"].as_u64().unwrap_or(0) >= 2 {
            return app;
        }
        assert!(
            Instant::now() < deadline,
            "the index never caught up: {body}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn text_as(app: &TestApp, path: &str, header: (&str, &str)) -> (u16, String) {
    let response = app.get_with(path, &[header]).await;
    let status = response.status().as_u16();
    (status, response.text().await.expect("body"))
}

#[tokio::test]
async fn school_mode_leaves_a_16_plus_record_out_of_every_path() {
    let app = app().await;
    let hidden = [
        "Письмо о госпитале",
        "Расстрел в Крюково",
        "Место расстрела",
    ];
    // Without school mode every record is there (16+ behind its notice on its page).
    let (_, items) = app.text("/items").await;
    assert!(items.contains("Письмо о госпитале") && items.contains("Письмо матери"));
    let (_, found) = app.text("/search?q=блиндаж").await;
    assert!(found.contains("Письмо о госпитале"), "{found}");
    let everyone = app.get("/items").await;
    assert_eq!(everyone.status(), 200);

    for path in [
        "/items",
        "/events",
        "/places",
        "/search?q=блиндаж",
        "/search?q=Крюково",
        "/map",
        "/timeline?year=1941&month=11",
        "/api/v1/items",
        "/api/v1/search?q=блиндаж",
        "/api/v1/suggest?q=Письмо",
        "/places?district=Сходня",
    ] {
        let (status, page) = text_as(&app, path, SCHOOL).await;
        assert_eq!(status, 200, "{path}");
        for title in hidden {
            assert!(
                !page.contains(title),
                "{path} shows «{title}» in school mode"
            );
        }
    }
    // What a 12-year-old may see stays.
    let (_, items) = text_as(&app, "/items", SCHOOL).await;
    assert!(items.contains("Письмо матери"));
    assert!(items.contains("Всего: 1"), "the count is of what is shown");
    let (_, events) = text_as(&app, "/timeline?year=1941&month=11", SCHOOL).await;
    assert!(events.contains("Бой у Крюково"));
    let (_, found) = text_as(&app, "/api/v1/search?q=блиндаж", SCHOOL).await;
    let found: serde_json::Value = serde_json::from_str(&found).expect("json");
    assert_eq!(found["total"], 1, "{found}");
    // The 16+ record's own address is not found in school mode…
    let ids: Vec<_> = (1..=6).map(letopis_core::RecordId).collect();
    let letter = app
        .store
        .get_many(&ids)
        .expect("read")
        .into_iter()
        .find(|r| r.record.title() == "Письмо о госпитале")
        .expect("seeded");
    let page = format!("/items/{}", letter.record.meta.slug);
    assert_eq!(app.get(&page).await.status(), 200);
    let (status, _) = text_as(&app, &page, SCHOOL).await;
    assert_eq!(status, 404);
    // …nor offered among the «perhaps you were looking for» of a mistyped address.
    let typo = format!("{page}-2");
    let (status, everyone) = app.text(&typo).await;
    assert_eq!(status, 404);
    assert!(
        everyone.contains("Письмо о госпитале"),
        "the 404 page suggests it: {everyone}"
    );
    let (status, pupils) = text_as(&app, &typo, SCHOOL).await;
    assert_eq!(status, 404);
    assert!(!pupils.contains("Письмо о госпитале"), "{pupils}");
    // …and every page says school mode is on, with the way out.
    let (_, home) = text_as(&app, "/", SCHOOL).await;
    assert!(home.contains("Включён школьный режим"), "{home}");
    assert!(home.contains("до 12+"));
    assert!(
        home.contains("href=\"/school?mode=off&#38;back=/\""),
        "{home}"
    );
    // A younger limit hides the 12+ event too.
    let (_, young) = text_as(&app, "/timeline?year=1941&month=11", ("cookie", "school=6")).await;
    assert!(!young.contains("Бой у Крюково") && young.contains("до 6+"));
}

#[tokio::test]
async fn the_school_switch_sets_and_clears_the_cookie_and_goes_back() {
    let app = app().await;
    let on = app.get("/school?mode=on&back=%2Fitems%3Fpage%3D1").await;
    assert_eq!(on.status(), 303);
    assert_eq!(on.headers()["location"], "/items?page=1");
    let cookie = on.headers()["set-cookie"].to_str().expect("text");
    assert!(cookie.starts_with("school=12;"), "{cookie}");
    // Another limit it offers; one it does not offer is 12+; never anywhere but this site.
    let six = app.get("/school?mode=on&age=6&back=/").await;
    assert!(
        six.headers()["set-cookie"]
            .to_str()
            .expect("text")
            .starts_with("school=6;")
    );
    let odd = app.get("/school?mode=on&age=18&back=//evil.example").await;
    assert!(
        odd.headers()["set-cookie"]
            .to_str()
            .expect("text")
            .starts_with("school=12;")
    );
    assert_eq!(odd.headers()["location"], "/");
    let off = app.get("/school?mode=off&back=/").await;
    assert!(
        off.headers()["set-cookie"]
            .to_str()
            .expect("text")
            .contains("Max-Age=0")
    );
    // The top bar offers school mode while it is off.
    let (_, home) = app.text("/").await;
    assert!(
        home.contains("href=\"/school?mode=on&#38;back=/\""),
        "{home}"
    );
    // A kept page of the ordinary portal is never answered to school mode, nor the reverse.
    let (_, ordinary) = app.text("/items").await;
    assert!(ordinary.contains("Письмо о госпитале"));
    let (_, school) = text_as(&app, "/items", SCHOOL).await;
    assert!(!school.contains("Письмо о госпитале"));
    let (_, ordinary) = app.text("/items").await;
    assert!(ordinary.contains("Письмо о госпитале"));
}
