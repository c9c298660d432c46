//! Sharing a record outside the portal (issue #18): share cards drawn by the portal, the
//! «Поделиться» links, embeds and oEmbed — each read as the whole world may read it, and gone
//! the moment the record is.

use crate::support::{Seeded, TestApp, spawn_app};
use letopis_core::entities::{Cue, Interview, MediaRef, Recording, Redaction};
use letopis_core::relation::RelationType;
use letopis_core::{Body, Edtf, Workflow};
use letopis_store::Draft;
use letopis_store::contract::fallen;

const PORTRAIT_SHA: &str = "6666666666666666666666666666666666666666666666666666666666666666";
const AUDIO_SHA: &str = "7777777777777777777777777777777777777777777777777777777777777777";
const CLOSED_WORDS: &str = "Об этом я просила не рассказывать";

/// A blue portrait, 300×400, as a real JPEG.
fn blue_portrait() -> Vec<u8> {
    let image = image::RgbImage::from_pixel(300, 400, image::Rgb([20, 40, 200]));
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut out, image::ImageFormat::Jpeg)
        .expect("encode");
    out.into_inner()
}

struct Museum {
    with_portrait: Seeded,
    without: Seeded,
    voice: Seeded,
}

fn seed(app: &TestApp) -> Museum {
    app.put_media(PORTRAIT_SHA, &blue_portrait());
    app.put_media(AUDIO_SHA, b"RIFF audio");
    let mut hero = fallen("Иванов", "Пётр");
    hero.name.patronymic = "Семёнович".into();
    hero.birth = Edtf::parse("1921").ok();
    hero.death = Edtf::parse("1943").ok();
    hero.biography = "Ушёл на фронт добровольцем в июле 1941 года.".into();
    hero.portrait = Some(MediaRef {
        sha256: PORTRAIT_SHA.into(),
        mime: "image/jpeg".into(),
        caption: None,
        alt: Some("Пётр Иванов в форме".into()),
        width: Some(300),
        height: Some(400),
    });
    let with_portrait = app.create(Draft::published(Body::Person(hero)));
    app.public_interest(&with_portrait);
    let without = app.create(Draft::published(Body::Person(fallen("Сидорова", "Анна"))));
    app.public_interest(&without);
    let voice = app.create(Draft::published(Body::Interview(Interview {
        title: "Анна Кузнецова: «Ров»".into(),
        summary: "Как школьники копали ров.".into(),
        narrator_deceased: true,
        recorded: Edtf::parse("2005-05-07").ok(),
        recordings: vec![Recording {
            media: MediaRef {
                sha256: AUDIO_SHA.into(),
                mime: "audio/wav".into(),
                caption: None,
                alt: None,
                width: None,
                height: None,
            },
            duration_ms: 120_000,
            label: String::new(),
            withheld: false,
        }],
        transcript: vec![
            cue(10_000, 20_000, "Осенью сорок первого мы копали ров."),
            cue(40_000, 50_000, CLOSED_WORDS),
            cue(60_000, 70_000, "Потом пришли морозы."),
        ],
        ..Interview::default()
    })));
    app.public_interest(&voice);
    app.relate(&voice, RelationType::Mentions, &with_portrait);
    Museum {
        with_portrait,
        without,
        voice,
    }
}

fn cue(start_ms: u32, end_ms: u32, text: &str) -> Cue {
    Cue {
        start_ms,
        end_ms,
        speaker: None,
        text: text.into(),
    }
}

async fn card(app: &TestApp, path: &str) -> image::RgbImage {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    assert_eq!(response.headers()["content-type"], "image/jpeg");
    assert!(response.headers().get("set-cookie").is_none());
    let bytes = response.bytes().await.expect("body");
    image::load_from_memory(&bytes).expect("a JPEG").to_rgb8()
}

fn ink(image: &image::RgbImage, xs: std::ops::Range<u32>, ys: std::ops::Range<u32>) -> usize {
    xs.flat_map(|x| ys.clone().map(move |y| (x, y)))
        .filter(|&(x, y)| image.get_pixel(x, y)[0] < 100 && image.get_pixel(x, y)[2] < 100)
        .count()
}

#[tokio::test]
async fn every_record_has_a_share_card_and_it_goes_with_the_record() {
    let app = spawn_app().await;
    let m = seed(&app);

    // With a portrait: the portrait fills the left part.
    let with = card(&app, &format!("{}/card.jpg", m.with_portrait.page())).await;
    assert_eq!(with.dimensions(), (1200, 630));
    let p = with.get_pixel(200, 280);
    assert!(
        p[2] > 150 && p[0] < 80,
        "the portrait is not on the card: {p:?}"
    );
    assert!(ink(&with, 520..1140, 120..330) > 2_000, "no name written");

    // Without one: the paper panel with the initials, and the name written all the same.
    let without = card(&app, &format!("{}/card.jpg", m.without.page())).await;
    assert_eq!(without.dimensions(), (1200, 630));
    let p = without.get_pixel(30, 30);
    assert!(p[0] > 200 && p[2] > 190, "not the paper panel: {p:?}");
    assert!(ink(&without, 100..360, 180..360) > 500, "no initials");
    assert!(
        ink(&without, 520..1140, 120..330) > 2_000,
        "no name written"
    );

    // The site's own card, and an English one.
    assert_eq!(card(&app, "/card.jpg").await.dimensions(), (1200, 630));
    let english = card(&app, &format!("{}/card.jpg?lang=en", m.without.page())).await;
    assert_eq!(english.dimensions(), (1200, 630));

    // A card is the page's: asked again it comes from the page cache, and it is gone the
    // moment the record is (a link shared yesterday must not keep showing it).
    let path = format!("{}/card.jpg", m.without.page());
    assert_eq!(app.get(&path).await.status(), 200);
    app.store_step(&m.without, Workflow::Withdrawn);
    assert_eq!(app.get(&path).await.status(), 404);
    assert_eq!(app.get("/persons/nobody/card.jpg").await.status(), 404);
    assert_eq!(app.get("/nothing/x/card.jpg").await.status(), 404);
}

#[tokio::test]
async fn a_record_page_offers_plain_share_links_and_the_code_to_embed_it() {
    let app = spawn_app().await;
    let m = seed(&app);
    let (status, page) = app.text(&m.with_portrait.page()).await;
    assert_eq!(status, 200);
    let url = app.url(&m.with_portrait.page());
    let encoded = url.replace(':', "%3A");
    for network in [
        "https://vk.com/share.php?url=",
        "https://t.me/share/url?url=",
        "https://connect.ok.ru/offer?url=",
        "mailto:?subject=",
    ] {
        assert!(page.contains(network), "no {network} link");
    }
    assert!(
        page.contains(&format!(
            "https://vk.com/share.php?url={encoded}&#38;title="
        )),
        "the VK link does not carry the page's address:\n{encoded}"
    );
    // No script, widget or picture from the networks.
    assert!(!page.contains("<script src=\"https://"), "a foreign script");
    assert!(!page.contains("vk.com/js"), "a VK widget");
    // The embed code, and oEmbed discovery.
    let embed = app.url(&format!("/embed{}", m.with_portrait.page()));
    assert!(
        page.contains(&format!("&#60;iframe src=&#34;{embed}&#34;")),
        "no embed code"
    );
    assert!(page.contains("type=\"application/json+oembed\""));

    // The hall shares nothing.
    let (_, kiosk) = app
        .text_with(&m.with_portrait.page(), &[("cookie", "kiosk=120")])
        .await;
    assert!(
        !kiosk.contains("class=\"share\""),
        "the kiosk offers sharing"
    );
}

#[tokio::test]
async fn an_embed_shows_what_the_world_may_see_plays_only_its_fragment_and_sets_no_cookie() {
    let app = spawn_app().await;
    let m = seed(&app);

    let response = app
        .get(&format!("/embed{}?lang=en", m.with_portrait.page()))
        .await;
    assert_eq!(response.status(), 200);
    assert!(response.headers().get("set-cookie").is_none(), "a cookie");
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .unwrap();
    assert!(policy.contains("frame-ancestors *"), "{policy}");
    let html = response.text().await.unwrap();
    assert!(html.contains("Иванов Пётр Семёнович"));
    assert!(html.contains("target=\"_blank\""));
    assert!(html.contains("lang=\"en\""));

    // A fragment: the player starts and stops at its edges, with only its words.
    let voice = m.voice.page();
    let (status, html) = app.text(&format!("/embed{voice}?t=0:05,0:25")).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("data-start=\"5.0\" data-end=\"25.0\""),
        "{html}"
    );
    assert!(html.contains("#t=5.0,25.0"));
    assert!(html.contains("Осенью сорок первого"));
    assert!(
        !html.contains("Потом пришли морозы"),
        "words outside the fragment"
    );
    assert!(html.contains("js/fragment"), "no script to stop at the end");

    // Bad spans say how to write them; nothing outside an interview takes one.
    let (status, html) = app.text(&format!("/embed{voice}?t=25,5")).await;
    assert_eq!(status, 400);
    assert!(html.contains("t=95,140"), "{html}");
    let (status, _) = app.text(&format!("/embed{voice}?t=500")).await;
    assert_eq!(status, 400);
    let (status, _) = app
        .text(&format!("/embed{}?t=5", m.with_portrait.page()))
        .await;
    assert_eq!(status, 400);

    // The narrator closes a stretch: the embed of it is gone, and the whole recording (whose
    // original holds the closed words and has no silenced copy) is never offered.
    let mut stored = app.store.get(m.voice.id).unwrap().unwrap().record;
    let Body::Interview(interview) = &mut stored.body else {
        panic!("an interview")
    };
    interview.redactions = vec![Redaction {
        start_ms: 40_000,
        end_ms: 50_000,
        reason: "семейное".into(),
    }];
    app.store
        .apply(
            &crate::support::editor(),
            vec![letopis_store::Op::Update {
                id: m.voice.id,
                expected_version: None,
                body: stored.body.clone(),
                settings: letopis_core::record::Settings::default(),
            }],
            letopis_core::today(),
        )
        .expect("closed stretch");
    for t in ["40,50", "0:05,0:25"] {
        let (status, html) = app.text(&format!("/embed{voice}?t={t}")).await;
        assert_eq!(status, 404, "t={t}: {html}");
        assert!(!html.contains(CLOSED_WORDS));
        assert!(html.contains("открытых материалов"), "{html}");
    }
    let (_, whole) = app.text(&format!("/embed{voice}")).await;
    assert!(!whole.contains(CLOSED_WORDS));
    assert!(
        !whole.contains("<audio"),
        "the original played with its closed stretch"
    );

    // Withdrawn: the embed says only that the record is not open.
    app.store_step(&m.with_portrait, Workflow::Withdrawn);
    let (status, html) = app.text(&format!("/embed{}", m.with_portrait.page())).await;
    assert_eq!(status, 404);
    assert!(!html.contains("Иванов"), "{html}");
}

#[tokio::test]
async fn oembed_answers_for_the_museums_own_visible_records_only() {
    let app = spawn_app().await;
    let m = seed(&app);
    let url = app.url(&m.voice.page());
    let q = |u: &str| {
        u.replace(':', "%3A")
            .replace('/', "%2F")
            .replace('?', "%3F")
            .replace(',', "%2C")
            .replace('=', "%3D")
    };

    let (status, json) = app
        .json(&format!("/oembed?url={}", q(&format!("{url}?t=5,25"))))
        .await;
    assert_eq!(status, 200, "{json}");
    assert_eq!(json["version"], "1.0");
    assert_eq!(json["type"], "rich");
    assert_eq!(json["provider_name"], "Летопись");
    assert_eq!(json["title"], "Анна Кузнецова: «Ров»");
    let html = json["html"].as_str().unwrap();
    assert!(
        html.contains(&format!(
            "src=\"{}?t=5%2C25\"",
            app.url(&format!("/embed{}", m.voice.page()))
        )),
        "{html}"
    );
    assert!(
        html.contains("title=\"Живой голос: Анна Кузнецова"),
        "{html}"
    );
    assert_eq!(json["thumbnail_url"], format!("{url}/card.jpg"));
    assert_eq!(json["thumbnail_width"], 1200);

    // maxwidth is honoured; a width below any use is refused with a reason.
    let person = q(&app.url(&m.with_portrait.page()));
    let (_, json) = app
        .json(&format!("/oembed?url={person}&maxwidth=320"))
        .await;
    assert_eq!(json["width"], 320);
    let (status, json) = app
        .json(&format!("/oembed?url={person}&maxwidth=abc"))
        .await;
    assert_eq!(status, 400);
    assert!(
        json["error"]["message"]
            .as_str()
            .unwrap()
            .contains("maxwidth")
    );
    let (status, _) = app.json(&format!("/oembed?url={person}&format=xml")).await;
    assert_eq!(status, 501);
    let (status, json) = app.json("/oembed").await;
    assert_eq!(status, 400, "{json}");

    // Another site's address, an unknown record, a fragment that cannot be heard: 404.
    let (status, _) = app
        .json(&format!(
            "/oembed?url={}",
            q("http://evil.example/persons/x")
        ))
        .await;
    assert_eq!(status, 404);
    let (status, _) = app
        .json(&format!("/oembed?url={}", q(&app.url("/persons/nobody"))))
        .await;
    assert_eq!(status, 404);
    app.store_step(&m.with_portrait, Workflow::Withdrawn);
    let (status, _) = app.json(&format!("/oembed?url={person}")).await;
    assert_eq!(status, 404);
}
