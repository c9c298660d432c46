//! What the museum tells machines: JSON-LD and link cards on record pages, the sitemap, robots.txt
//! and the Atom feed — each through the gate, so no hidden record is ever named.

use crate::support::{Seeded, TestApp, spawn_app, spawn_app_with};
use jiff::civil::date;
use letopis_core::entities::{
    Event, EventType, HistoricName, Interview, Item, ItemType, MediaRef, Organization, Place,
    Recording, Story,
};
use letopis_core::record::Settings;
use letopis_core::relation::RelationType;
use letopis_core::{Body, Edtf, Workflow};
use letopis_store::contract::{fallen, person};
use letopis_store::{Draft, Op};
use quick_xml::Reader;
use quick_xml::escape::unescape;
use quick_xml::events::Event as XmlEvent;
use serde_json::Value;

const PORTRAIT_SHA: &str = "3333333333333333333333333333333333333333333333333333333333333333";
const PHOTO_SHA: &str = "4444444444444444444444444444444444444444444444444444444444444444";
const AUDIO_SHA: &str = "5555555555555555555555555555555555555555555555555555555555555555";

fn media(sha: &str, mime: &str, alt: &str) -> MediaRef {
    MediaRef {
        sha256: sha.into(),
        mime: mime.into(),
        caption: None,
        alt: Some(alt.into()),
        width: Some(600),
        height: Some(800),
    }
}

fn place(name: &str) -> Body {
    Body::Place(Place {
        name: name.into(),
        other_names: vec![HistoricName {
            name: format!("{name} (старое)"),
            period: None,
        }],
        lat: Some(55.95),
        lon: Some(37.30),
        ..Place::default()
    })
}

fn draft_of(body: Body) -> Draft {
    Draft::new(body)
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

struct Museum {
    hero: Seeded,
    station: Seeded,
    photo: Seeded,
    interview: Seeded,
    event: Seeded,
    unit: Seeded,
    story: Seeded,
    /// Titles that must never appear anywhere a machine reads.
    hidden: Vec<Seeded>,
}

/// A hero with a portrait, related to public and hidden records, and one public record of each
/// kind with a page of its own.
fn seed(app: &TestApp) -> Museum {
    let station = app.create(Draft::published(place("Станция Сходня")));
    let mut hero = fallen("Иванов", "Пётр");
    hero.name.patronymic = "Семёнович".into();
    hero.birth = Edtf::parse("1921-03-05").ok();
    hero.death = Edtf::parse("1942~").ok();
    hero.biography =
        "Родился в 1921 г. В деревне Сходня. Ушёл на фронт </script><b>добровольцем</b>.".into();
    hero.health = "Тяжело ранен в 1942 году.".into();
    hero.portrait = Some(media(PORTRAIT_SHA, "image/jpeg", "Пётр Иванов в форме"));
    let hero = app.create(Draft::published(Body::Person(hero)));
    app.public_interest(&hero);
    app.put_media(PORTRAIT_SHA, b"\xff\xd8\xff portrait");

    let hidden_place = app.create(draft_of(place("Тайная деревня")));
    let embargoed_place = app.create(embargoed(place("Запретная роща")));
    let withdrawn_photo = app.create(Draft {
        workflow: Workflow::Withdrawn,
        ..Draft::new(photo_body("Снятый снимок"))
    });
    let living = app.create(Draft::published(Body::Person(person(
        "Тайнова",
        "Мария",
        "Петровна",
    ))));
    app.relate(&hero, RelationType::BornIn, &station);
    app.relate(&hero, RelationType::DiedAt, &hidden_place);
    app.relate(&hero, RelationType::BuriedAt, &embargoed_place);
    app.relate(&hero, RelationType::RelativeOf, &living);
    app.relate(&withdrawn_photo, RelationType::Depicts, &hero);

    let photo = app.create(Draft::published(photo_body("Пётр Иванов у станции")));
    app.relate(&photo, RelationType::Depicts, &hero);
    app.relate(&photo, RelationType::Depicts, &hidden_place);

    let interview = app.create(Draft::published(Body::Interview(Interview {
        title: "Анна Кузнецова: «Ров»".into(),
        summary: "Как школьники копали ров. Вторая фраза.".into(),
        narrator_deceased: true,
        recorded: Edtf::parse("2005-05-07").ok(),
        recordings: vec![Recording {
            media: media(AUDIO_SHA, "audio/wav", ""),
            duration_ms: 3_930_000,
            label: String::new(),
            withheld: false,
        }],
        transcript: vec![letopis_core::entities::Cue {
            start_ms: 1000,
            end_ms: 5000,
            speaker: None,
            text: "Осенью сорок первого мы копали ров.".into(),
        }],
        ..Interview::default()
    })));
    app.public_interest(&interview);
    app.relate(&interview, RelationType::Mentions, &hidden_place);
    app.relate(&interview, RelationType::RecordedAt, &station);

    let event = app.create(Draft::published(Body::Event(Event {
        title: "Оборона Химок".into(),
        event_type: EventType::Battle,
        date: Edtf::parse("1941-10-16/1941-12-06").ok(),
        ..Event::default()
    })));
    app.relate(&event, RelationType::TookPlaceAt, &station);
    app.relate(&event, RelationType::TookPlaceAt, &embargoed_place);
    let unit = app.create(Draft::published(Body::Organization(Organization {
        name: "Химкинский истребительный батальон".into(),
        ..Organization::default()
    })));
    let story = app.create(Draft::published(Body::Story(Story {
        title: "Осень сорок первого".into(),
        lead: "Как город готовился к обороне. Подробности ниже.".into(),
        authors: vec!["Рабочая группа".into()],
        ..Story::default()
    })));
    Museum {
        hero,
        station,
        photo,
        interview,
        event,
        unit,
        story,
        hidden: vec![hidden_place, embargoed_place, withdrawn_photo, living],
    }
}

fn photo_body(title: &str) -> Body {
    Body::Item(Item {
        item_type: ItemType::Photo,
        title: title.into(),
        media: vec![media(PHOTO_SHA, "image/png", "Люди у станции")],
        ..Item::default()
    })
}

/// The page's JSON-LD, parsed.
fn json_ld(page: &str) -> Value {
    let start = page
        .find("<script type=\"application/ld+json\">")
        .expect("a JSON-LD script")
        + "<script type=\"application/ld+json\">".len();
    let end = start + page[start..].find("</script>").expect("closed");
    serde_json::from_str(&page[start..end]).expect("JSON-LD parses")
}

/// The `content` of `<meta property|name="key">`.
fn meta<'a>(page: &'a str, key: &str) -> Option<&'a str> {
    let at = page
        .find(&format!("property=\"{key}\" content=\""))
        .or_else(|| page.find(&format!("name=\"{key}\" content=\"")))?;
    let rest = &page[at..];
    let start = rest.find("content=\"")? + "content=\"".len();
    Some(&rest[start..start + rest[start..].find('"')?])
}

fn assert_hides(text: &str, hidden: &[Seeded]) {
    for h in hidden {
        assert!(!text.contains(&h.title), "«{}» leaked:\n{text}", h.title);
        assert!(!text.contains(&h.slug), "«{}» leaked:\n{text}", h.slug);
    }
}

#[tokio::test]
async fn record_pages_carry_json_ld_of_their_kind_without_hidden_records() {
    let app = spawn_app().await;
    let m = seed(&app);
    let expected = [
        (&m.hero, "Person"),
        (&m.interview, "CreativeWork"),
        (&m.photo, "Photograph"),
        (&m.station, "Place"),
        (&m.event, "Event"),
        (&m.unit, "Organization"),
        (&m.story, "Article"),
    ];
    for (record, schema_type) in expected {
        let (status, page) = app.text(&record.page()).await;
        assert_eq!(status, 200, "{}", record.page());
        let ld = json_ld(&page);
        assert_eq!(ld["@context"], "https://schema.org");
        assert_eq!(ld["@type"], schema_type, "{}", record.page());
        assert_eq!(ld["name"], record.title.as_str());
        assert_hides(&ld.to_string(), &m.hidden);
    }

    let (_, page) = app.text(&m.hero.page()).await;
    let hero = json_ld(&page);
    assert_eq!(hero["givenName"], "Пётр");
    assert_eq!(hero["familyName"], "Иванов");
    assert_eq!(hero["additionalName"], "Семёнович");
    assert_eq!(hero["birthDate"], "1921-03-05");
    assert!(
        hero.get("deathDate").is_none(),
        "«1942~» is not an exact date"
    );
    assert_eq!(hero["birthPlace"]["@type"], "Place");
    assert_eq!(hero["birthPlace"]["name"], "Станция Сходня");
    assert!(
        hero.get("deathPlace").is_none(),
        "the place of death is hidden"
    );
    assert!(
        hero.get("relatedTo").is_none(),
        "the relative has no consent"
    );
    assert_eq!(hero["subjectOf"][0]["name"], "Пётр Иванов у станции");
    assert!(
        hero["image"]["contentUrl"]
            .as_str()
            .expect("image")
            .ends_with(PORTRAIT_SHA)
    );
    assert!(
        !page.contains("ранен"),
        "health data never leaves the museum"
    );
    // The biography's `</script>` did not end the element early: the JSON parsed whole.
    assert!(
        hero["description"]
            .as_str()
            .expect("description")
            .contains("</script>")
    );

    let (_, page) = app.text(&m.interview.page()).await;
    let interview = json_ld(&page);
    let audio = &interview["associatedMedia"][0];
    assert_eq!(audio["@type"], "AudioObject");
    assert_eq!(audio["duration"], "PT1H5M30S");
    assert!(
        audio["contentUrl"]
            .as_str()
            .expect("url")
            .ends_with(AUDIO_SHA)
    );
    assert_eq!(audio["transcript"], "Осенью сорок первого мы копали ров.");
    assert_eq!(interview["dateCreated"], "2005-05-07");
    assert_eq!(interview["contentLocation"][0]["name"], "Станция Сходня");

    let (_, page) = app.text(&m.station.page()).await;
    let station = json_ld(&page);
    assert_eq!(station["geo"]["@type"], "GeoCoordinates");
    assert_eq!(station["geo"]["latitude"], 55.95);
    assert_eq!(station["alternateName"][0], "Станция Сходня (старое)");

    let (_, page) = app.text(&m.event.page()).await;
    let event = json_ld(&page);
    assert_eq!(event["startDate"], "1941-10-16");
    assert_eq!(event["endDate"], "1941-12-06");
    assert_eq!(event["location"].as_array().expect("places").len(), 1);
}

#[tokio::test]
async fn a_person_with_a_portrait_has_a_large_card_and_language_links() {
    let app = spawn_app().await;
    let m = seed(&app);
    let (_, page) = app.text(&m.hero.page()).await;
    let url = app.url(&m.hero.page());
    assert_eq!(meta(&page, "og:title"), Some("Иванов Пётр Семёнович"));
    assert_eq!(meta(&page, "og:type"), Some("profile"));
    assert_eq!(meta(&page, "og:url"), Some(url.as_str()));
    assert_eq!(meta(&page, "og:locale"), Some("ru_RU"));
    // The portal's own share card (with the portrait on it: tests/web/share.rs).
    assert_eq!(
        meta(&page, "og:image"),
        Some(format!("{url}/card.jpg").as_str())
    );
    assert_eq!(meta(&page, "og:image:width"), Some("1200"));
    assert_eq!(meta(&page, "og:image:alt"), Some("Пётр Иванов в форме"));
    assert_eq!(meta(&page, "twitter:card"), Some("summary_large_image"));
    // The first sentence, not cut at the abbreviation «г.».
    assert_eq!(
        meta(&page, "og:description"),
        Some("Родился в 1921 г. В деревне Сходня.")
    );
    assert!(page.contains(&format!("<link rel=\"canonical\" href=\"{url}\">")));
    assert!(page.contains(&format!(
        "<link rel=\"alternate\" hreflang=\"en\" href=\"{url}?lang=en\">"
    )));
    assert!(page.contains("type=\"application/atom+xml\""));
    // The portrait the card points at is served.
    assert_eq!(
        app.get(&format!("/media/{PORTRAIT_SHA}")).await.status(),
        200
    );

    let (_, english) = app.text(&format!("{}?lang=en", m.hero.page())).await;
    assert_eq!(meta(&english, "og:locale"), Some("en_US"));
    assert!(english.contains(&format!("<link rel=\"canonical\" href=\"{url}?lang=en\">")));

    // An event has no picture, but a card all the same: its words on the museum's paper.
    let (_, page) = app.text(&m.event.page()).await;
    assert_eq!(meta(&page, "twitter:card"), Some("summary_large_image"));
    assert_eq!(
        meta(&page, "og:image"),
        Some(app.url(&format!("{}/card.jpg", m.event.page())).as_str())
    );
    assert_eq!(meta(&page, "og:image:alt"), Some("Оборона Химок"));

    let (_, home) = app.text("/").await;
    assert_eq!(meta(&home, "og:image"), Some(app.url("/card.jpg").as_str()));
    assert_eq!(json_ld(&home)["@type"], "WebSite");
}

#[tokio::test]
async fn a_foreign_host_is_never_written_into_links() {
    let app = spawn_app().await;
    let m = seed(&app);
    let headers = [("host", "evil.example")];
    let (status, page) = app.text_with(&m.hero.page(), &headers).await;
    assert_eq!(status, 200);
    assert!(!page.contains("evil.example"), "{page}");
    assert_eq!(meta(&page, "og:url"), None);
    assert_eq!(meta(&page, "og:image"), None);
    assert!(page.contains(&format!(
        "<link rel=\"canonical\" href=\"{}\">",
        m.hero.page()
    )));
    assert_eq!(app.text_with("/sitemap.xml", &headers).await.0, 404);
    assert_eq!(app.text_with("/feed.atom", &headers).await.0, 404);
    let (_, robots) = app.text_with("/robots.txt", &headers).await;
    assert!(!robots.contains("Sitemap:"), "{robots}");

    // A configured public address wins over whatever the request says.
    let app =
        spawn_app_with(|c, _| c.public_url = Some("https://letopis.example.ru/".into())).await;
    let hero = app.create(Draft::published(Body::Person(fallen("Петров", "Иван"))));
    app.public_interest(&hero);
    let (_, page) = app.text_with(&hero.page(), &headers).await;
    let url = format!("https://letopis.example.ru{}", hero.page());
    assert_eq!(meta(&page, "og:url"), Some(url.as_str()));
    let (_, sitemap) = app.text_with("/sitemaps/persons-1.xml", &headers).await;
    assert_eq!(locs(&sitemap), vec![url]);
}

/// Parses an XML document (panicking if it is not well-formed) and returns the text of every
/// element named `name`, in order.
fn texts_of(xml: &str, name: &str) -> Vec<String> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    // The escaped text of the element being read, if it is one we want.
    let mut text: Option<String> = None;
    let mut depth = 0_i32;
    loop {
        match reader.read_event().expect("well-formed XML") {
            XmlEvent::Start(e) => {
                depth += 1;
                text = (e.name().as_ref() == name).then(String::new);
            }
            XmlEvent::End(_) => {
                depth -= 1;
                if let Some(t) = text.take() {
                    out.push(unescape(&t).expect("known entities").into_owned());
                }
            }
            XmlEvent::Text(t) => {
                if let Some(text) = &mut text {
                    text.push_str(&t.xml10_content());
                }
            }
            // Entity references arrive as events of their own.
            XmlEvent::GeneralRef(r) => {
                if let Some(text) = &mut text {
                    text.push_str(&format!("&{};", r.into_inner()));
                }
            }
            XmlEvent::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "every element is closed");
    out
}

fn locs(xml: &str) -> Vec<String> {
    texts_of(xml, "loc")
}

#[tokio::test]
async fn the_sitemap_lists_only_public_records() {
    let app = spawn_app().await;
    let m = seed(&app);
    // More places than one store page holds, so the part is read in several pages.
    let many: Vec<Op> = (0..1_050)
        .map(|n| Op::Create(Draft::published(place(&format!("Улица {n:04}")))))
        .collect();
    app.store
        .apply(
            &letopis_core::history::Actor::user(letopis_core::UserId(1), "Редактор"),
            many,
            letopis_core::today(),
        )
        .expect("create places");

    let response = app.get("/sitemap.xml").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "application/xml; charset=utf-8"
    );
    let index = response.text().await.expect("body");
    assert!(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
    let parts = locs(&index);
    for part in [
        "pages-1",
        "persons-1",
        "places-1",
        "items-1",
        "interviews-1",
    ] {
        assert!(
            parts.contains(&app.url(&format!("/sitemaps/{part}.xml"))),
            "{part}: {parts:?}"
        );
    }
    assert!(!parts.iter().any(|p| p.contains("places-2")), "{parts:?}");

    let mut all = Vec::new();
    for part in &parts {
        let path = part
            .strip_prefix(&app.base)
            .expect("absolute, on this host");
        let (status, xml) = app.text(path).await;
        assert_eq!(status, 200, "{path}");
        assert_hides(&xml, &m.hidden);
        all.extend(locs(&xml));
    }
    for public in [
        &m.hero,
        &m.station,
        &m.photo,
        &m.interview,
        &m.event,
        &m.unit,
        &m.story,
    ] {
        assert!(
            all.contains(&app.url(&public.page())),
            "{} missing",
            public.page()
        );
    }
    // The addresses printed on posters and given to partners are in the map too.
    for page in ["/districts", "/conference"] {
        assert!(all.contains(&app.url(page)), "{page} missing");
    }
    let (_, places) = app.text("/sitemaps/places-1.xml").await;
    assert_eq!(locs(&places).len(), 1_050 + 1, "every public place once");
    assert_eq!(texts_of(&places, "lastmod").len(), 1_051);
    assert!(texts_of(&places, "lastmod")[0].ends_with('Z'));
    // A written part is kept only until the next change: a withdrawal leaves it at once.
    app.store_step(&m.station, Workflow::Withdrawn);
    let (_, places) = app.text("/sitemaps/places-1.xml").await;
    assert_eq!(locs(&places).len(), 1_050);
    assert!(!places.contains(&m.station.slug), "withdrawn, still listed");
    assert_eq!(app.text("/sitemaps/places-2.xml").await.0, 404);
    assert_eq!(app.text("/sitemaps/nothing-1.xml").await.0, 404);
    assert_eq!(app.text("/sitemaps/places-0.xml").await.0, 404);
}

#[tokio::test]
async fn robots_txt_keeps_crawlers_out_of_the_api_and_names_the_sitemap() {
    let app = spawn_app().await;
    let response = app.get("/robots.txt").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/plain; charset=utf-8"
    );
    let text = response.text().await.expect("body");
    assert!(text.starts_with("User-agent: *\n"), "{text}");
    assert!(text.contains("\nDisallow: /api/\n"), "{text}");
    assert!(!text.contains("Disallow: /media/"), "{text}");
    assert!(
        text.contains(&format!("Sitemap: {}", app.url("/sitemap.xml"))),
        "{text}"
    );
}

#[tokio::test]
async fn the_feed_is_atom_newest_first_and_forgets_a_withdrawal_at_once() {
    let app = spawn_app().await;
    let m = seed(&app);
    let newest = app.create(Draft::published(place("Новое место")));
    let response = app.get("/feed.atom").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "application/atom+xml; charset=utf-8"
    );
    let feed = response.text().await.expect("body");
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"ru\">"));
    assert_hides(&feed, &m.hidden);
    let titles = texts_of(&feed, "title");
    assert_eq!(titles[0], "Летопись: новые материалы");
    assert_eq!(titles[1], "Новое место", "newest first");
    assert!(titles.contains(&m.hero.title));
    let updated = texts_of(&feed, "updated");
    // The feed's own `updated` is its newest entry's; entries never get newer down the list.
    assert_eq!(updated[0], updated[1]);
    assert!(updated[1..].windows(2).all(|w| w[0] >= w[1]), "{updated:?}");
    let ids = texts_of(&feed, "id");
    assert!(
        ids.contains(&app.url(&format!("/places/{}", newest.id.0))),
        "{ids:?}"
    );
    assert!(!feed.contains("ранен"));

    app.store_step(&newest, Workflow::Withdrawn);
    let (status, feed) = app.text("/feed.atom").await;
    assert_eq!(status, 200);
    assert!(!feed.contains("Новое место"), "{feed}");
    assert_eq!(texts_of(&feed, "title")[1], m.story.title);
}
