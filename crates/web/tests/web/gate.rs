//! The gate on every read path: each hidden record is absent from every page, API answer, count
//! and media URL, while the public ones are present (so removing the gate fails this test).

use crate::support::{Seeded, TestApp, spawn_app};
use jiff::civil::date;
use letopis_core::access::AccessLevel;
use letopis_core::entities::{Collection, Fate, Item, ItemType, MediaRef, Place};
use letopis_core::record::Settings;
use letopis_core::relation::RelationType;
use letopis_core::{Body, Kind, Workflow};
use letopis_store::Draft;
use letopis_store::contract::{fallen, person};
use serde_json::Value;

const SHOWN_SHA: &str = "1111111111111111111111111111111111111111111111111111111111111111";
const HIDDEN_SHA: &str = "2222222222222222222222222222222222222222222222222222222222222222";
const SHOWN_BYTES: &[u8] = b"\x89PNG public photo bytes 0123456789";
const HIDDEN_BYTES: &[u8] = b"\x89PNG hidden photo bytes";

fn place(name: &str) -> Body {
    Body::Place(Place {
        name: name.into(),
        district: "Сходня".into(),
        ..Place::default()
    })
}

fn photo(title: &str, sha: &str) -> Body {
    Body::Item(Item {
        item_type: ItemType::Photo,
        title: title.into(),
        media: vec![MediaRef {
            sha256: sha.into(),
            mime: "image/png".into(),
            caption: Some("Снимок".into()),
            alt: Some("Люди у станции".into()),
            width: None,
            height: None,
        }],
        ..Item::default()
    })
}

fn with(access: AccessLevel, body: Body) -> Draft {
    Draft {
        settings: Settings {
            access,
            ..Settings::default()
        },
        ..Draft::published(body)
    }
}

fn in_state(workflow: Workflow, body: Body) -> Draft {
    Draft {
        workflow,
        ..Draft::new(body)
    }
}

fn embargoed(body: Body) -> Draft {
    Draft {
        settings: Settings {
            embargo_until: Some(date(2100, 1, 1)),
            ..Settings::default()
        },
        ..Draft::published(body)
    }
}

struct Fixture {
    public: Vec<Seeded>,
    hidden: Vec<(&'static str, Seeded)>,
    hero: Seeded,
    collection: Seeded,
}

fn seed(app: &TestApp) -> Fixture {
    // A restriction names a group that exists; nobody signed in here belongs to it.
    let group = app
        .accounts
        .create_group("Краеведы", "heroes")
        .expect("group");
    let station = app.create(Draft::published(place("Станция Сходня")));
    let hero = app.create(Draft::published(Body::Person(fallen("Иванов", "Пётр"))));
    app.public_interest(&hero);
    let photo_shown = app.create(Draft::published(photo("Открытый снимок", SHOWN_SHA)));
    let hidden = vec![
        (
            "draft place",
            app.create(in_state(Workflow::Draft, place("Тайник черновик"))),
        ),
        (
            "place in review",
            app.create(in_state(Workflow::InReview, place("Тайник проверка"))),
        ),
        (
            "withdrawn place",
            app.create(in_state(Workflow::Withdrawn, place("Тайник снятое"))),
        ),
        (
            "embargoed place",
            app.create(embargoed(place("Тайник запрет"))),
        ),
        (
            "staff place",
            app.create(with(AccessLevel::Staff, place("Тайник служебное"))),
        ),
        (
            "group place",
            app.create(with(
                AccessLevel::Groups(vec![group]),
                place("Тайник группа"),
            )),
        ),
        (
            "registered place",
            app.create(with(AccessLevel::Registered, place("Тайник для своих"))),
        ),
        (
            "living person without consent",
            app.create(Draft::published(Body::Person(person(
                "Тайнова",
                "Мария",
                "Петровна",
            )))),
        ),
        ("draft person", {
            let p = app.create(in_state(
                Workflow::Draft,
                Body::Person(fallen("Тайнов", "Иван")),
            ));
            app.public_interest(&p);
            p
        }),
        ("staff person", {
            let p = app.create(with(
                AccessLevel::Staff,
                Body::Person(fallen("Тайнов", "Служебный")),
            ));
            app.public_interest(&p);
            p
        }),
        (
            "draft photo",
            app.create(in_state(
                Workflow::Draft,
                photo("Тайный снимок", HIDDEN_SHA),
            )),
        ),
        (
            "embargoed photo",
            app.create(embargoed(photo("Тайный снимок под запретом", SHOWN_SHA))),
        ),
    ];
    let by = |name: &str| {
        hidden
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, s)| s.clone())
            .expect("fixture")
    };
    // The hero is linked to public and hidden records both ways.
    app.relate(&hero, RelationType::LivedIn, &station);
    app.relate(&hero, RelationType::BornIn, &by("draft place"));
    app.relate(&hero, RelationType::BuriedAt, &by("staff place"));
    app.relate(
        &hero,
        RelationType::RelativeOf,
        &by("living person without consent"),
    );
    app.relate(&by("staff person"), RelationType::ComradeOf, &hero);
    app.relate(&photo_shown, RelationType::Depicts, &hero);
    app.relate(&by("draft photo"), RelationType::Depicts, &hero);
    let collection = app.create(Draft::published(Body::Collection(Collection {
        title: "Урок памяти".into(),
        members: vec![
            station.id,
            by("embargoed place").id,
            hero.id,
            by("draft photo").id,
        ],
        ..Collection::default()
    })));
    app.put_media(SHOWN_SHA, SHOWN_BYTES);
    app.put_media(HIDDEN_SHA, HIDDEN_BYTES);
    Fixture {
        public: vec![station, hero.clone(), photo_shown, collection.clone()],
        hidden,
        hero,
        collection,
    }
}

fn api_ids(list: &Value) -> Vec<i64> {
    list["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["id"].as_i64().expect("id"))
        .collect()
}

#[tokio::test]
async fn anonymous_visitors_see_only_what_the_gate_admits() {
    let app = spawn_app().await;
    let fx = seed(&app);

    for (case, h) in &fx.hidden {
        let (status, list) = app.text(&format!("/{}", h.kind.plural())).await;
        assert_eq!(status, 200);
        assert!(!list.contains(&h.title), "{case} in the HTML list");
        // A withdrawn record's page says it is gone (410); every other closed one is not found.
        let closed = closed_status(&app, h);
        assert_eq!(
            app.get(&h.page()).await.status(),
            closed,
            "{case} page by slug"
        );
        assert_eq!(
            app.get(&h.page_by_id()).await.status(),
            closed,
            "{case} page by id"
        );
        let (status, list) = app
            .json(&format!("/api/v1/{}?per_page=100", h.kind.plural()))
            .await;
        assert_eq!(status, 200);
        assert!(!api_ids(&list).contains(&h.id.0), "{case} in the API list");
        let (status, one) = app.json(&h.api()).await;
        assert_eq!(status, 404, "{case} in the API");
        assert_eq!(one["error"]["code"], "not_found");
    }

    for p in &fx.public {
        let (status, list) = app.text(&format!("/{}", p.kind.plural())).await;
        assert_eq!(status, 200);
        assert!(list.contains(&p.title), "{} missing from its list", p.title);
        assert_eq!(app.get(&p.page()).await.status(), 200, "{}", p.title);
        let moved = app.get(&p.page_by_id()).await;
        assert_eq!(moved.status(), 301, "{}", p.title);
        assert_eq!(moved.headers()["location"], p.page().as_str());
        let (_, list) = app
            .json(&format!("/api/v1/{}?per_page=100", p.kind.plural()))
            .await;
        assert!(
            api_ids(&list).contains(&p.id.0),
            "{} missing from the API list",
            p.title
        );
        assert_eq!(app.get(&p.api()).await.status(), 200, "{}", p.title);
    }

    // Totals count only what the visitor may see: one of each public kind in the fixture.
    for kind in [Kind::Place, Kind::Person, Kind::Item, Kind::Collection] {
        let (_, list) = app.json(&format!("/api/v1/{}", kind.plural())).await;
        assert_eq!(list["total"], 1, "API total of {kind:?}");
    }
    let (_, home) = app.text("/").await;
    for (section, count) in [
        ("/places\">Места</a>", "1 место"),
        ("/persons\">Герои</a>", "1 герой"),
        ("/items\">Фонды: фото, письма, документы</a>", "1 материал"),
        ("/interviews\">Живые голоса</a>", "0 живых голосов"),
    ] {
        let shown = format!("{section} <span class=\"note\">{count}</span>");
        assert!(home.contains(&shown), "home page lacks «{shown}»");
    }

    // Relations: the public ends are shown, the hidden ones are not, in both directions.
    let (_, page) = app.text(&fx.hero.page()).await;
    assert!(
        page.contains("Станция Сходня"),
        "outgoing relation to a public place"
    );
    assert!(page.contains("Жил в"), "relation label from the subject");
    assert!(
        page.contains("Открытый снимок"),
        "incoming relation from a public item"
    );
    assert!(
        page.contains("Изображён на"),
        "inverse label from the object"
    );
    let (_, json) = app.json(&fx.hero.api()).await;
    let related: Vec<&str> = json["relations"]
        .as_array()
        .expect("relations")
        .iter()
        .map(|r| r["record"]["title"].as_str().expect("title"))
        .collect();
    assert_eq!(related.len(), 2, "{related:?}");
    for (case, h) in &fx.hidden {
        assert!(!page.contains(&h.title), "{case} on the hero's page");
        assert!(
            !related.contains(&h.title.as_str()),
            "{case} in the hero's API relations"
        );
    }

    // A collection lists only its visible members, on the page and in the API body.
    let (_, page) = app.text(&fx.collection.page()).await;
    assert!(page.contains("Станция Сходня") && page.contains(&fx.hero.title));
    let (_, json) = app.json(&fx.collection.api()).await;
    let members = json["body"]["members"].as_array().expect("members").len();
    assert_eq!(members, 2, "{json}");
    for (case, h) in &fx.hidden {
        assert!(!page.contains(&h.title), "{case} in the collection page");
    }

    // Media: a file used only by a hidden record is not served; one a public record shows is,
    // even though a hidden record uses it too.
    assert_eq!(app.get(&format!("/media/{HIDDEN_SHA}")).await.status(), 404);
    let shown = app.get(&format!("/media/{SHOWN_SHA}")).await;
    assert_eq!(shown.status(), 200);
    assert_eq!(shown.headers()["content-type"], "image/png");
    assert_eq!(shown.bytes().await.expect("bytes").as_ref(), SHOWN_BYTES);
}

#[tokio::test]
async fn withdrawing_a_record_closes_it_and_its_media_at_once() {
    let app = spawn_app().await;
    let photo = app.create(Draft::published(photo("Снимок на снятие", SHOWN_SHA)));
    app.put_media(SHOWN_SHA, SHOWN_BYTES);
    assert_eq!(app.get(&photo.page()).await.status(), 200);
    assert_eq!(app.get(&format!("/media/{SHOWN_SHA}")).await.status(), 200);
    app.store_step(&photo, Workflow::Withdrawn);
    assert_eq!(app.get(&photo.page()).await.status(), 410);
    let (_, gone) = app.text(&photo.page()).await;
    assert!(gone.contains("снят с публикации"), "{gone}");
    assert!(
        !gone.contains("Снимок на снятие"),
        "a gone page names nothing of it"
    );
    assert_eq!(app.get(&photo.api()).await.status(), 404);
    assert_eq!(app.get(&format!("/media/{SHOWN_SHA}")).await.status(), 404);
    let (_, list) = app.json("/api/v1/items").await;
    assert_eq!(list["total"], 0);
}

#[tokio::test]
async fn a_person_page_shows_the_fields_in_russian() {
    let app = spawn_app().await;
    let mut hero = fallen("Смирнов", "Алексей");
    hero.fate = Some(Fate::Missing);
    hero.service.rank = "рядовой".into();
    hero.awards = vec!["медаль «За отвагу»".into(), "орден Красной Звезды".into()];
    hero.biography = "Ушёл на фронт добровольцем.".into();
    hero.health = "Тяжёлое ранение в 1942 году.".into();
    let seeded = app.create(Draft {
        settings: Settings {
            content_note: Some("Рассказ о гибели людей.".into()),
            ..Settings::default()
        },
        ..Draft::published(Body::Person(hero))
    });
    app.public_interest(&seeded);
    let (status, page) = app.text(&seeded.page()).await;
    assert_eq!(status, 200);
    for expected in [
        "Смирнов Алексей",
        "пропал без вести",
        "рядовой",
        "орден Красной Звезды",
        "Ушёл на фронт добровольцем.",
        "Рассказ о гибели людей.",
    ] {
        assert!(page.contains(expected), "person page lacks «{expected}»");
    }
    // In the page's body: the head's description and JSON-LD quote the biography too.
    let body = &page[page.find("<main").expect("main")..];
    let note = body.find("Рассказ о гибели людей.").expect("note");
    let bio = body.find("Ушёл на фронт").expect("biography");
    assert!(note < bio, "the content note comes before the content");
    // Health data needs its own consent, which the public view cannot check yet.
    assert!(!page.contains("Тяжёлое ранение"));
    let (_, json) = app.json(&seeded.api()).await;
    assert!(!json.to_string().contains("Тяжёлое ранение"));
}

/// A place tied to more people than a page lists shows the first few, counts only those the
/// visitor may see, and leads to the catalogue narrowed to the place.
#[tokio::test]
async fn a_hub_place_lists_the_first_few_and_counts_the_visible() {
    let app = spawn_app().await;
    let village = app.create(Draft::published(place("Деревня Ивакино")));
    for n in 0..30 {
        let hero = app.create(Draft::published(Body::Person(fallen(
            &format!("Ивакин{n}"),
            "Пётр",
        ))));
        app.public_interest(&hero);
        app.relate(&hero, RelationType::BornIn, &village);
    }
    let secret = app.create(Draft::published(Body::Person(person(
        "Тайнова",
        "Мария",
        "Петровна",
    ))));
    app.relate(&secret, RelationType::BornIn, &village);
    let (status, page) = app.text(&village.page()).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Всего 30 записей, здесь первые 24."),
        "the group names its visible total"
    );
    assert!(page.contains(&format!("href=\"/persons?place={}\"", village.id.0)));
    let body = &page[page.find("<main").expect("main")..];
    assert_eq!(
        body.matches("<li><a href=\"/persons/ivakin").count(),
        24,
        "the first 24 only"
    );
    assert!(!page.contains("Тайнова"));
    let (_, json) = app
        .json(&format!("/api/v1/persons?place={}", village.id.0))
        .await;
    assert_eq!(
        json["total"], 30,
        "the catalogue the link leads to holds them all"
    );
}

/// What a closed record's page answers: 410 once withdrawn, 404 for any other closure.
fn closed_status(app: &TestApp, h: &Seeded) -> u16 {
    let stored = app.store.get(h.id).expect("read").expect("stored");
    if stored.record.meta.workflow == Workflow::Withdrawn {
        410
    } else {
        404
    }
}
