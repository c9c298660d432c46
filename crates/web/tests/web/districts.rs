//! Micro-districts (issue #18): `/districts` and `/districts/{slug}` read through the gate (a
//! restricted or 16+ record is absent for whoever may not see it, on the page and on the
//! poster), posters come in A4 and A3 with a QR code to the page, bad addresses answer in the
//! visitor's language, and the council's people keep venues whose public face is name, kind and
//! address only.

use crate::studio::{Session, add_user, location, sign_in};
use crate::support::{Seeded, TestApp, spawn_app};
use letopis_core::access::AccessLevel;
use letopis_core::account::Role;
use letopis_core::entities::{Event, Place, PlaceType, Story};
use letopis_core::record::Settings;
use letopis_core::relation::RelationType;
use letopis_core::{AgeRating, Body, Edtf};
use letopis_store::Draft;
use letopis_store::contract::fallen;

fn place(name: &str, district: &str, place_type: PlaceType) -> Body {
    Body::Place(Place {
        name: name.into(),
        place_type,
        district: district.into(),
        lat: Some(55.95),
        lon: Some(37.30),
        ..Place::default()
    })
}

fn with(access: AccessLevel, rating: AgeRating, body: Body) -> Draft {
    Draft {
        settings: Settings {
            access,
            age_rating: rating,
            ..Settings::default()
        },
        ..Draft::published(body)
    }
}

fn public(body: Body) -> Draft {
    Draft::published(body)
}

struct Seed {
    station: Seeded,
}

/// Сходня with a station, a memorial, a hero born there, an event and a story; a restricted
/// person and a 16+ memorial in it too; and Подрезково with one platform.
fn seed(app: &TestApp) -> Seed {
    let station = app.create(public(place(
        "Станция Сходня",
        "Сходня",
        PlaceType::Station,
    )));
    app.create(public(place(
        "Братская могила у станции",
        "Сходня",
        PlaceType::Memorial,
    )));
    app.create(with(
        AccessLevel::Public,
        AgeRating::Sixteen,
        place("Место расстрела у оврага", "Сходня", PlaceType::Memorial),
    ));
    app.create(public(place(
        "Платформа Подрезково",
        "Подрезково",
        PlaceType::Station,
    )));
    let hero = app.create(public(Body::Person(fallen("Громов", "Пётр"))));
    app.public_interest(&hero);
    app.relate(&hero, RelationType::BornIn, &station);
    let secret = app.create(with(
        AccessLevel::Staff,
        AgeRating::Zero,
        Body::Person(fallen("Засекреченный", "Иван")),
    ));
    app.public_interest(&secret);
    app.relate(&secret, RelationType::BornIn, &station);
    let event = app.create(public(Body::Event(Event {
        title: "Бомбёжка станции Сходня".into(),
        date: Edtf::parse("1941-11-20").ok(),
        ..Event::default()
    })));
    app.relate(&event, RelationType::TookPlaceAt, &station);
    let story = app.create(public(Body::Story(Story {
        title: "Сходня в 1941 году".into(),
        lead: "Как жил посёлок у фронта.".into(),
        ..Story::default()
    })));
    app.relate(&story, RelationType::Mentions, &station);
    Seed { station }
}

#[tokio::test]
async fn the_list_of_micro_districts_leads_to_each_with_counts() {
    let app = spawn_app().await;
    seed(&app);
    let (status, html) = app.text("/districts").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("href=\"/districts/skhodnya\""), "{html}");
    assert!(html.contains("href=\"/districts/podrezkovo\""), "{html}");
    let podrezkovo = html.find(">Подрезково<").expect("Подрезково");
    let skhodnya = html.find(">Сходня<").expect("Сходня");
    assert!(podrezkovo < skhodnya, "alphabetical");
    // Three places for an adult visitor, of which the 16+ one is gone for a pupil.
    assert!(html.contains("3\u{a0}места"), "{html}");
    let (_, school) = app
        .text_with("/districts", &[("cookie", "school=12")])
        .await;
    assert!(school.contains("2\u{a0}места"), "{school}");
    // The restricted person is not counted: one hero.
    assert!(html.contains("1\u{a0}герой"), "{html}");
}

#[tokio::test]
async fn a_district_page_shows_what_is_there_through_the_gate() {
    let app = spawn_app().await;
    seed(&app);
    let (status, html) = app.text("/districts/skhodnya").await;
    assert_eq!(status, 200, "{html}");
    for expected in [
        "<h1>Сходня</h1>",
        "Станция Сходня",
        "Братская могила у станции",
        "Громов",
        "Бомбёжка станции Сходня",
        "Сходня в 1941 году",
        "Что посмотреть",
        // The map of the district, drawn by the site's own map script, and the full map.
        "small-map-data",
        "href=\"/map?district=%D0%A1%D1%85%D0%BE%D0%B4%D0%BD%D1%8F\"",
        "href=\"/districts/skhodnya/poster.pdf\"",
        "href=\"/districts/skhodnya/poster.pdf?size=a3\"",
        "href=\"/districts/skhodnya/leaflet.pdf\"",
        "href=\"/contribute\"",
    ] {
        assert!(html.contains(expected), "{expected} missing:\n{html}");
    }
    assert!(
        !html.contains("Засекреченный"),
        "a staff-only record leaked"
    );
    assert!(
        !html.contains("Платформа Подрезково"),
        "another district's place"
    );
    assert!(html.contains("Место расстрела у оврага"), "adults see 16+");
    // A pupil (school mode) and the hall's kiosk do not see the 16+ memorial.
    let (_, pupil) = app
        .text_with("/districts/skhodnya", &[("cookie", "school=12")])
        .await;
    assert!(pupil.contains("Братская могила у станции"), "{pupil}");
    assert!(
        !pupil.contains("Место расстрела"),
        "16+ for a pupil:\n{pupil}"
    );
}

#[tokio::test]
async fn unknown_districts_and_paper_sizes_are_told_in_the_visitors_language() {
    let app = spawn_app().await;
    seed(&app);
    let (status, html) = app.text("/districts/nigde").await;
    assert_eq!(status, 404);
    assert!(html.contains("lang=\"ru\""), "{html}");
    let (status, html) = app.text("/districts/nigde?lang=en").await;
    assert_eq!(status, 404);
    assert!(html.contains("lang=\"en\""), "{html}");
    assert_eq!(app.get("/districts/nigde/poster.pdf").await.status(), 404);
    assert_eq!(app.get("/districts/nigde/leaflet.pdf").await.status(), 404);
    let (status, html) = app.text("/districts/skhodnya/poster.pdf?size=a2").await;
    assert_eq!(status, 400);
    assert!(html.contains("A4") && html.contains("A3"), "{html}");
    assert!(html.contains("Такого размера плаката нет"), "{html}");
    // A district only a 16+ place names does not exist for a pupil.
    app.create(with(
        AccessLevel::Public,
        AgeRating::Sixteen,
        place("Овраг", "Новогорск", PlaceType::Other),
    ));
    assert_eq!(app.get("/districts/novogorsk").await.status(), 200);
    let (status, _) = app
        .text_with("/districts/novogorsk", &[("cookie", "school=12")])
        .await;
    assert_eq!(status, 404);
}

fn media_box(pdf: &[u8]) -> String {
    let text = String::from_utf8_lossy(pdf);
    let at = text.find("/MediaBox").expect("a media box");
    text[at..at + 40].to_string()
}

#[tokio::test]
async fn posters_are_pdfs_in_a4_and_a3_and_the_leaflet_names_the_venues() {
    let app = spawn_app().await;
    seed(&app);
    let a4 = app.get("/districts/skhodnya/poster.pdf").await;
    assert_eq!(a4.status(), 200);
    assert_eq!(a4.headers()["content-type"], "application/pdf");
    let a4 = a4.bytes().await.expect("pdf");
    assert!(a4.starts_with(b"%PDF-"));
    assert!(media_box(&a4).contains("595.28"), "{}", media_box(&a4));
    let a3 = app
        .get("/districts/skhodnya/poster.pdf?size=A3")
        .await
        .bytes()
        .await
        .expect("pdf");
    assert!(media_box(&a3).contains("1190.55"), "{}", media_box(&a3));
    // What the QR code says is read back in the browser tests (`pdftoppm`, `rqrr`).
    app.accounts
        .create_venue(
            &letopis_core::district::Venue {
                name: "Библиотека № 4".into(),
                district: "Сходня".into(),
                ..Default::default()
            },
            jiff::Timestamp::now(),
        )
        .expect("venue");
    let leaflet = app.get("/districts/skhodnya/leaflet.pdf").await;
    assert_eq!(leaflet.status(), 200);
    let leaflet = leaflet.bytes().await.expect("pdf");
    assert!(media_box(&leaflet).contains("841.89"));
}

#[tokio::test]
async fn a_printed_list_narrowed_to_a_district_names_it_and_its_page() {
    let app = spawn_app().await;
    seed(&app);
    let (status, html) = app
        .text("/persons?district=%D0%A1%D1%85%D0%BE%D0%B4%D0%BD%D1%8F")
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("href=\"/districts/skhodnya\""), "{html}");
    assert!(html.contains("Страница микрорайона «Сходня»"), "{html}");
    assert!(
        html.contains(&format!("— {}", app.url("/districts/skhodnya"))),
        "the printed address:\n{html}"
    );
}

async fn coordinator(app: &TestApp) -> Session {
    add_user(
        app,
        "coord@example.org",
        "Анна Координатор",
        &[Role::Coordinator],
    );
    sign_in(app, "coord@example.org").await
}

#[tokio::test]
async fn the_council_keeps_venues_with_a_log_and_the_public_sees_no_contacts() {
    let app = spawn_app().await;
    let seeded = seed(&app);
    let _ = seeded.station;
    let s = coordinator(&app).await;
    let (status, html) = s.get(&app, "/studio/venues").await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("<option value=\"Сходня\">"),
        "district suggestions:\n{html}"
    );

    // Bad input: 400, the reason at the form, and what was typed is kept.
    let r = s
        .post(
            &app,
            "/studio/venues",
            &[
                ("name", " "),
                ("kind", "library"),
                ("district", "Сходня"),
                ("address", "ул. Первомайская, 38"),
                ("responsible", "Кузнецова Г. П."),
                ("contact", "+7 495 111-22-33"),
            ],
        )
        .await;
    assert_eq!(r.status(), 400);
    let html = r.text().await.expect("body");
    assert!(html.contains("Заполните поле «Название»"), "{html}");
    assert!(html.contains("value=\"ул. Первомайская, 38\""), "{html}");
    assert!(html.contains("value=\"+7 495 111-22-33\""), "{html}");
    let r = s
        .post(
            &app,
            "/studio/venues",
            &[("name", "Клуб"), ("kind", "casino"), ("district", "Сходня")],
        )
        .await;
    assert_eq!(r.status(), 400);
    assert!(app.accounts.venues().expect("venues").is_empty());

    let r = s
        .post(
            &app,
            "/studio/venues",
            &[
                ("name", "Библиотека № 4"),
                ("kind", "library"),
                ("district", "Сходня"),
                ("address", "ул. Первомайская, 38"),
                ("responsible", "Кузнецова Г. П."),
                ("contact", "+7 495 111-22-33"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let venue_page = location(&r);
    let id: i64 = venue_page
        .trim_start_matches("/studio/venues/")
        .split('?')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("venue id");

    // A log line with a date to come, or people not a number: 400, typed text kept.
    let today = letopis_core::today();
    let tomorrow = today
        .tomorrow()
        .expect("a tomorrow")
        .tomorrow()
        .expect("after");
    let activities = format!("/studio/venues/{id}/activities");
    let r = s
        .post(
            &app,
            &activities,
            &[
                ("on", &tomorrow.to_string()),
                ("what", "Вечер памяти"),
                ("people", "30"),
            ],
        )
        .await;
    assert_eq!(r.status(), 400);
    assert!(r.text().await.expect("body").contains("Вечер памяти"));
    let r = s
        .post(
            &app,
            &activities,
            &[
                ("on", &today.to_string()),
                ("what", "Вечер памяти"),
                ("people", "много"),
            ],
        )
        .await;
    assert_eq!(r.status(), 400);
    let r = s
        .post(
            &app,
            &activities,
            &[
                ("on", &today.to_string()),
                ("what", "Вечер памяти"),
                ("people", "38"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, html) = s.get(&app, &format!("/studio/venues/{id}")).await;
    assert!(html.contains("Вечер памяти"), "{html}");

    // Changing it; bad input keeps the venue as it was.
    let r = s
        .post(
            &app,
            &format!("/studio/venues/{id}"),
            &[
                ("name", "Библиотека № 4"),
                ("kind", "library"),
                ("district", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 400);
    assert_eq!(
        app.accounts
            .venue(id)
            .expect("read")
            .expect("there")
            .venue
            .district,
        "Сходня"
    );

    // The public page lists it without the contact or the responsible person.
    let (_, html) = app.text("/districts/skhodnya").await;
    assert!(html.contains("Библиотека № 4"), "{html}");
    assert!(html.contains("ул. Первомайская, 38"), "{html}");
    assert!(
        !html.contains("111-22-33"),
        "a private contact on the public page"
    );
    assert!(
        !html.contains("Кузнецова"),
        "the responsible person on the public page"
    );

    // The council sees districts × venues and this quarter's figures, and who has none.
    let (status, html) = s.get(&app, "/studio/council").await;
    assert_eq!(status, 200);
    let table = html
        .split("council-venues")
        .nth(1)
        .and_then(|t| t.split("</table>").next())
        .expect("the venues table");
    assert!(
        table.contains(
            "<td>Сходня</td><td>Библиотека № 4</td><td>библиотека</td><td>1</td><td>38</td>"
        ),
        "{table}"
    );
    assert!(
        html.contains("Микрорайоны без площадок: Подрезково"),
        "{html}"
    );

    // Audited, and a volunteer may not touch venues.
    let log = app.accounts.audit_log(0, 50).expect("audit");
    assert!(
        log.items.iter().filter(|e| e.action == "venue").count() >= 2,
        "{:?}",
        log.items
    );
    add_user(&app, "vol@example.org", "Волонтёр", &[Role::Volunteer]);
    let v = sign_in(&app, "vol@example.org").await;
    assert_eq!(v.get(&app, "/studio/venues").await.0, 403);

    let r = s
        .post(&app, &format!("/studio/venues/{id}/delete"), &[])
        .await;
    assert_eq!(r.status(), 303);
    let (_, html) = app.text("/districts/skhodnya").await;
    assert!(!html.contains("Библиотека № 4"));
}
