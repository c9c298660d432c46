//! The exhibition hall's kiosk (issue #17): `/kiosk` enters kiosk and school mode, its start
//! screen has the search with an on-screen keyboard, big entry points and the attract loop's
//! pictures; every page then has the hall's frame, and the idle reset's address forgets the
//! visitor's settings.

use crate::support::{TestApp, spawn_app};
use letopis_core::entities::{Item, ItemType, MediaRef};
use letopis_core::{AgeRating, Body};
use letopis_store::Draft;

const IN_KIOSK: (&str, &str) = ("cookie", "kiosk=90; school=12");

fn cookies(response: &reqwest::Response) -> Vec<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().expect("text").to_string())
        .collect()
}

async fn page(app: &TestApp, path: &str, header: (&str, &str)) -> (u16, String) {
    let response = app.get_with(path, &[header]).await;
    (
        response.status().as_u16(),
        response.text().await.expect("body"),
    )
}

fn photo(sha: &str, title: &str, rating: AgeRating) -> Draft {
    let mut draft = Draft::published(Body::Item(Item {
        item_type: ItemType::Photo,
        title: title.into(),
        media: vec![MediaRef {
            sha256: sha.into(),
            mime: "image/jpeg".into(),
            caption: None,
            alt: Some(format!("{title}, фотография")),
            width: Some(1200),
            height: Some(900),
        }],
        ..Item::default()
    }));
    draft.settings.age_rating = rating;
    draft
}

#[tokio::test]
async fn opening_the_kiosk_enters_kiosk_and_school_mode() {
    let app = spawn_app().await;
    let first = app.get("/kiosk").await;
    assert_eq!(first.status(), 303);
    assert_eq!(first.headers()["location"], "/kiosk");
    let set = cookies(&first);
    assert!(set.iter().any(|c| c.starts_with("kiosk=90;")), "{set:?}");
    assert!(set.iter().any(|c| c.starts_with("school=12;")), "{set:?}");
    // The kiosk browser's start address sets its idle reset; nonsense is the default.
    let idle = app.get_with("/kiosk?idle=120", &[IN_KIOSK]).await;
    assert!(cookies(&idle).iter().any(|c| c.starts_with("kiosk=120;")));
    let odd = app.get("/kiosk?idle=never").await;
    assert!(cookies(&odd).iter().any(|c| c.starts_with("kiosk=90;")));
    // The idle reset forgets the language and the low-vision settings, and stays a kiosk.
    let reset = app
        .get_with(
            "/kiosk?reset=1",
            &[("cookie", "kiosk=90; school=12; lang=en; lv=size-large")],
        )
        .await;
    assert_eq!(reset.status(), 303);
    assert_eq!(reset.headers()["location"], "/kiosk");
    let set = cookies(&reset);
    for gone in ["lang=;", "lv=;"] {
        assert!(
            set.iter()
                .any(|c| c.starts_with(gone) && c.contains("Max-Age=0")),
            "{set:?}"
        );
    }
    assert!(set.iter().any(|c| c.starts_with("kiosk=90;")));
    // The hall's staff leave kiosk mode by the address nothing on the screen links to.
    let off = app.get_with("/kiosk?mode=off", &[IN_KIOSK]).await;
    assert_eq!(off.headers()["location"], "/");
    let set = cookies(&off);
    assert!(
        set.iter().all(|c| c.contains("Max-Age=0")) && set.len() == 2,
        "{set:?}"
    );
}

#[tokio::test]
async fn the_start_screen_and_every_page_have_the_halls_frame() {
    let app = spawn_app().await;
    app.create(photo(&"a".repeat(64), "Митинг у завода", AgeRating::Zero));
    app.create(photo(&"b".repeat(64), "После бомбёжки", AgeRating::Sixteen));
    let (status, start) = page(&app, "/kiosk", IN_KIOSK).await;
    assert_eq!(status, 200);
    assert!(
        start.contains("class=\"kiosk\""),
        "the kiosk's styles apply"
    );
    assert!(start.contains("data-kiosk data-idle=\"90\""));
    assert!(start.contains("js/kiosk.js"));
    // The search with the keyboard, the entry points, the attract loop's picture at full size.
    assert!(start.contains("data-osk-input") && start.contains("data-key=\"й\""));
    for href in [
        "/persons",
        "/interviews",
        "/map",
        "/timeline",
        "/stories",
        "/items",
    ] {
        assert!(start.contains(&format!("<a href=\"{href}\">")), "{href}");
    }
    let a = "a".repeat(64);
    assert!(
        start.contains(&format!(
            "<img src=\"/media/{a}\" alt=\"Митинг у завода, фотография\">"
        )),
        "{start}"
    );
    // School mode: the 16+ photograph is in no slide and no list.
    assert!(!start.contains(&"b".repeat(64)));
    let (_, items) = page(&app, "/items", ("cookie", "kiosk=90")).await;
    assert!(items.contains("Митинг у завода") && !items.contains("После бомбёжки"));
    // The hall's frame on every page: back to the start; no language switch, no school switch,
    // no footer, no sign-in.
    for path in ["/kiosk", "/items", "/search?q=завод"] {
        let (_, html) = page(&app, path, IN_KIOSK).await;
        assert!(
            html.contains("<a class=\"kiosk-home\" href=\"/kiosk\">В начало</a>"),
            "{path}"
        );
        assert!(!html.contains("site-footer"), "{path}");
        assert!(
            !html.contains("/lang/") && !html.contains("/school?"),
            "{path}"
        );
        assert!(!html.contains("/studio"), "{path}");
    }
    // Outside the hall nothing changes.
    let (_, ordinary) = app.text("/items").await;
    assert!(ordinary.contains("После бомбёжки") && ordinary.contains("site-footer"));
    assert!(!ordinary.contains("kiosk.js"));
}

#[tokio::test]
async fn a_screen_named_in_the_configuration_cannot_leave_the_kiosk() {
    // The test's client is the hall's screen.
    let app = crate::support::spawn_app_with(|config, _| {
        config.kiosk = letopis_web::KioskConfig {
            addresses: vec![letopis_web::KioskConfig::parse_address("127.0.0.0/8").expect("net")],
            idle_seconds: 45,
        };
    })
    .await;
    app.create(photo(&"b".repeat(64), "После бомбёжки", AgeRating::Sixteen));
    // No cookie at all: still the hall's frame, its idle reset, and school mode.
    let (status, items) = app.text("/items").await;
    assert_eq!(status, 200);
    assert!(items.contains("data-kiosk data-idle=\"45\""), "{items}");
    assert!(!items.contains("После бомбёжки"));
    let (status, start) = app.text("/kiosk").await;
    assert_eq!(status, 200, "the start screen needs no cookie here");
    assert!(start.contains("data-kiosk-start"));
    // An error page on the screen keeps the hall's frame.
    let (status, missing) = app.text("/items/net-takoy-zapisi").await;
    assert_eq!(status, 404);
    assert!(missing.contains("data-kiosk data-idle=\"45\"") && !missing.contains("site-footer"));
    // The staff's way out does not work from the screen itself.
    let off = app.get("/kiosk?mode=off").await;
    assert_eq!(off.status(), 200);
    assert!(cookies(&off).is_empty());
    // Any other address is an ordinary visitor (the rule is the address, not the path).
    let other = letopis_web::KioskConfig {
        addresses: vec![letopis_web::KioskConfig::parse_address("192.168.10.21").expect("ip")],
        idle_seconds: 45,
    };
    let mut extensions = axum::http::Extensions::new();
    extensions.insert(axum::extract::ConnectInfo(std::net::SocketAddr::from((
        [127, 0, 0, 1],
        9,
    ))));
    assert_eq!(other.locked(&extensions), None);
    extensions.insert(axum::extract::ConnectInfo(std::net::SocketAddr::from((
        [192, 168, 10, 21],
        9,
    ))));
    assert_eq!(other.locked(&extensions), Some(45));
}
