//! The interview, item and story pages: player and transcript, deep links, search inside the
//! transcript, the content statement, deep zoom, and exhibition blocks through the gate.

use crate::support::{Seeded, TestApp, spawn_app};
use letopis_core::entities::{
    Block, Cue, Interview, Item, ItemType, MediaRef, Recording, Segment, Story,
};
use letopis_core::relation::RelationType;
use letopis_core::{AgeRating, Body};
use letopis_store::Draft;
use letopis_store::contract::fallen;

fn media(sha: &str, mime: &str) -> MediaRef {
    MediaRef {
        sha256: sha.into(),
        mime: mime.into(),
        caption: None,
        alt: Some("Письмо с фронта, первая страница".into()),
        width: None,
        height: None,
    }
}

fn cue(start_s: u32, text: &str) -> Cue {
    Cue {
        start_ms: start_s * 1000 + 400,
        end_ms: start_s * 1000 + 9_000,
        speaker: Some("Рассказчица".into()),
        text: text.into(),
    }
}

fn interview(title: &str) -> Interview {
    Interview {
        title: title.into(),
        narrator_deceased: true,
        recordings: vec![Recording {
            media: media(&"a".repeat(64), "audio/wav"),
            duration_ms: 900_000,
            label: String::new(),
            withheld: false,
        }],
        transcript_file: Some(media(&"b".repeat(64), "text/vtt")),
        transcript: vec![
            cue(0, "Меня зовут Анна, я родилась в Химках."),
            cue(700, "Осенью сорок первого мы копали ров."),
            cue(750, "Зажигалки тушили песком на чердаке."),
            cue(760, "Ёлку в сорок третьем нарядили игрушками из ваты."),
        ],
        segments: vec![Segment {
            start_ms: 700_000,
            title: "Противотанковый ров".into(),
            synopsis: "Как школьники копали ров у Подрезкова.".into(),
            keywords: vec!["оборонительные работы".into()],
            mentions: vec![],
            ..Segment::default()
        }],
        ..Interview::default()
    }
}

/// A published interview with its narrator, both public.
fn seed_interview(app: &TestApp, title: &str) -> Seeded {
    let seeded = app.create(Draft::published(Body::Interview(interview(title))));
    app.public_interest(&seeded);
    let narrator = app.create(Draft::published(Body::Person(fallen("Кузнецова", "Анна"))));
    app.public_interest(&narrator);
    app.relate(&narrator, RelationType::NarratorOf, &seeded);
    seeded
}

#[tokio::test]
async fn the_interview_page_has_player_transcript_and_contents() {
    let app = spawn_app().await;
    let seeded = seed_interview(&app, "Анна Кузнецова: «Ров»");
    let (status, page) = app.text(&seeded.page()).await;
    assert_eq!(status, 200);
    assert!(page.contains("data-player"), "{page}");
    assert!(page.contains("id=\"player-1\" class=\"player-media\""));
    assert!(page.contains(&format!(
        "<track kind=\"captions\" srclang=\"ru\" label=\"Русский\" src=\"/interviews/{}/captions/1.vtt\" default>",
        seeded.slug
    )));
    // Every line is a link that works without JavaScript.
    assert!(page.contains("id=\"t-750\""));
    assert!(page.contains("href=\"?t=750#t-750\" data-start=\"750.4\""));
    assert!(page.contains("12:30"));
    // The contents seek to the line the segment starts on.
    assert!(page.contains("class=\"segment-link\" href=\"?t=700#t-700\" data-start=\"700\""));
    assert!(page.contains("Как школьники копали ров у Подрезкова."));
    assert!(page.contains("оборонительные работы"));
    // The narrator is credited with a link; the script is a module from our own origin.
    assert!(page.contains("Рассказчик</dt>"), "{page}");
    assert!(page.contains("Кузнецова Анна"));
    assert!(page.contains("<script type=\"module\" src=\"/static/"));
    assert!(page.contains("/js/player.js\">"));
    // No statement is asked for an interview without a content note.
    assert!(!page.contains("data-content-gate"));
}

#[tokio::test]
async fn a_deep_link_marks_its_line_and_starts_the_recording_there() {
    let app = spawn_app().await;
    let seeded = seed_interview(&app, "Анна Кузнецова: «Ров»");
    let (status, page) = app.text(&format!("{}?t=754", seeded.page())).await;
    assert_eq!(status, 200);
    assert_eq!(
        page.matches("aria-current=\"true\"").count(),
        1,
        "one line is marked"
    );
    assert!(
        page.contains("id=\"t-750\" data-start=\"750.4\" data-end=\"759\" aria-current=\"true\""),
        "{page}"
    );
    assert!(page.contains("data-start-at=\"754\""));
    assert!(page.contains(&format!("src=\"/media/{}#t=754\"", "a".repeat(64))));
    // 12:40 is the same moment written as minutes and seconds.
    let (_, again) = app.text(&format!("{}?t=12:40", seeded.page())).await;
    assert!(again.contains("data-start-at=\"760\""));
    // Nonsense is the visitor's mistake, explained, never a 500.
    let (status, bad) = app.text(&format!("{}?t=later", seeded.page())).await;
    assert_eq!(status, 400);
    assert!(bad.contains("«later»"), "{bad}");
}

#[tokio::test]
async fn searching_the_transcript_highlights_matches_on_the_server() {
    let app = spawn_app().await;
    let seeded = seed_interview(&app, "Анна Кузнецова: «Ров»");
    let (status, page) = app
        .text(&format!("{}?q=%D0%95%D0%9B%D0%9A%D0%A3", seeded.page()))
        .await;
    assert_eq!(status, 200);
    // «ЕЛКУ» finds «Ёлку»: case and ё are folded as everywhere else.
    assert!(page.contains("<mark>Ёлку</mark>"), "{page}");
    assert_eq!(page.matches("<mark>").count(), 1);
    assert!(page.contains("Найдено 1 совпадение"));
    assert!(page.contains("value=\"ЕЛКУ\""));
    let (_, none) = app.text(&format!("{}?q=танк", seeded.page())).await;
    assert!(!none.contains("<mark>"));
    assert!(none.contains("В расшифровке нет слов «танк»."));
}

#[tokio::test]
async fn sensitive_interviews_ask_before_playing() {
    let app = spawn_app().await;
    let mut draft = Draft::published(Body::Interview(interview("Тяжёлые воспоминания")));
    draft.settings.content_note = Some("В воспоминаниях есть рассказ о гибели людей.".into());
    draft.settings.age_rating = AgeRating::Sixteen;
    let seeded = app.create(draft);
    app.public_interest(&seeded);
    let (status, page) = app.text(&seeded.page()).await;
    assert_eq!(status, 200);
    let statement = page
        .find("В воспоминаниях есть рассказ о гибели людей.")
        .expect("note");
    let gate = page
        .find("<details class=\"content-gate\" id=\"content-gate\" data-content-gate>")
        .expect("the player is behind a closed <details>");
    let continue_at = page.find(">Продолжить</summary>").expect("a «Продолжить»");
    let player = page.find("id=\"player-1\"").expect("player");
    assert!(statement < gate && gate < continue_at && continue_at < player);
    assert!(page.contains("от 16 лет") && page.contains(">16+</span>"));
    // Links inside the page keep the statement acknowledged, so a reload does not ask again.
    assert!(page.contains("href=\"?t=750&#38;ack=1#t-750\""), "{page}");
    let (_, acknowledged) = app.text(&format!("{}?t=750&ack=1", seeded.page())).await;
    assert!(acknowledged.contains("data-content-gate open>"));
}

#[tokio::test]
async fn an_item_has_the_zoom_viewer_and_a_plain_image_beside_its_transcription() {
    let app = spawn_app().await;
    let scan = "c".repeat(64);
    let item = Item {
        item_type: ItemType::Letter,
        title: "Письмо с фронта".into(),
        media: vec![media(&scan, "image/jpeg")],
        transcription: "Здравствуй, дорогая мамаша!\nШлю тебе горячий привет.".into(),
        holder: "семейный архив Бабкиных".into(),
        ..Item::default()
    };
    let seeded = app.create(Draft::published(Body::Item(item)));
    let (status, page) = app.text(&seeded.page()).await;
    assert_eq!(status, 200);
    assert!(page.contains("id=\"zoom\""), "{page}");
    // The deep zoom reads the portal's own IIIF image service.
    assert!(page.contains(&format!(
        "data-zoom-sources=\"[&#34;/iiif/image/{scan}/info.json&#34;]\""
    )));
    assert!(page.contains("/vendor/openseadragon/images/\""));
    assert!(page.contains("Увеличить"));
    assert!(page.contains("/vendor/openseadragon/openseadragon.min.js"));
    assert!(page.contains(&format!(
        "<img src=\"/media/{scan}\" alt=\"Письмо с фронта, первая страница\">"
    )));
    assert!(page.contains(&format!("class=\"full-file\" href=\"/media/{scan}\"")));
    let layout = page.find("item-layout-with-text").expect("side by side");
    // In the page's body, not the JSON-LD's copy of the text in the head.
    let main = page.find("<main").expect("main");
    let text = main
        + page[main..]
            .find("Шлю тебе горячий привет.")
            .expect("transcription");
    assert!(layout < text);
    assert!(page.contains("семейный архив Бабкиных"));
    // With images off (low-vision version) nothing loads the viewer.
    let (_, off) = app
        .text_with(&seeded.page(), &[("cookie", "lv=images-off")])
        .await;
    assert!(off.contains("lv-images-off"), "{off}");
    assert!(!off.contains("openseadragon.min.js") && !off.contains("id=\"zoom\""));
    assert!(off.contains("<span class=\"img-alt\">Письмо с фронта, первая страница</span>"));
}

#[tokio::test]
async fn a_story_renders_its_blocks_in_order_and_drops_a_hidden_interview() {
    let app = spawn_app().await;
    let public = seed_interview(&app, "Анна Кузнецова: «Ров»");
    let hidden = app.create(Draft::new(Body::Interview(interview("Черновик интервью"))));
    let story = Story {
        title: "Осень сорок первого".into(),
        lead: "Как город готовился к обороне.".into(),
        authors: vec!["Рабочая группа".into()],
        blocks: vec![
            Block::Heading {
                text: "Рубеж".into(),
            },
            Block::Text {
                text: "Первый абзац.".into(),
            },
            Block::Quote {
                text: "Мы копали ров.".into(),
                attribution: "Анна Кузнецова".into(),
                record: Some(public.id),
                start_ms: None,
                end_ms: None,
            },
            Block::Audio {
                interview: public.id,
                start_ms: 700_000,
                end_ms: 758_000,
            },
            Block::Audio {
                interview: hidden.id,
                start_ms: 0,
                end_ms: 10_000,
            },
        ],
        ..Story::default()
    };
    let seeded = app.create(Draft::published(Body::Story(story)));
    let (status, page) = app.text(&seeded.page()).await;
    assert_eq!(status, 200);
    let order: Vec<usize> = ["block-heading", "block-text", "block-quote", "block-audio"]
        .iter()
        .map(|class| page.find(class).unwrap_or_else(|| panic!("no {class}")))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert_eq!(page.matches("class=\"block block-audio\"").count(), 1);
    assert!(!page.contains("Черновик интервью"));
    assert!(page.contains(&format!("src=\"/media/{}#t=700.0,758.0\"", "a".repeat(64))));
    assert!(page.contains("data-start=\"700.0\" data-end=\"758.0\""));
    // The lines of the fragment, and the way to the whole interview from there.
    assert!(page.contains("Осенью сорок первого мы копали ров."));
    assert!(page.contains("Зажигалки тушили песком"));
    assert!(!page.contains("Меня зовут Анна"));
    assert!(page.contains(&format!("href=\"{}?t=700#t-700\"", public.page())));
    assert!(page.contains("Слушать всё интервью с этого места"));
    assert!(page.contains(&format!("<a href=\"{}\">Анна Кузнецова</a>", public.page())));
}

/// A person mentioned in an interview's index finds the moment on their own page; an interview
/// the visitor may not see gives no moment away.
#[tokio::test]
async fn a_person_page_links_the_moments_of_interviews_that_mention_them() {
    let app = spawn_app().await;
    let hero = app.create(Draft::published(Body::Person(fallen("Зайцев", "Иван"))));
    app.public_interest(&hero);
    let mut body = interview("Анна Кузнецова: «Ров»");
    body.segments[0].mentions = vec![hero.id];
    let voice = app.create(Draft::published(Body::Interview(body.clone())));
    app.public_interest(&voice);
    app.relate(&voice, RelationType::Mentions, &hero);
    let mut secret_body = interview("Закрытая запись");
    secret_body.segments[0].title = "Тайный фрагмент".into();
    secret_body.segments[0].mentions = vec![hero.id];
    let secret = app.create(Draft::new(Body::Interview(secret_body)));
    app.relate(&secret, RelationType::Mentions, &hero);

    let (status, page) = app.text(&hero.page()).await;
    assert_eq!(status, 200);
    assert!(page.contains("В воспоминаниях «Живых голосов»"), "{page}");
    assert!(page.contains(&format!("href=\"/interviews/{}?t=700#t-700\"", voice.slug)));
    assert!(page.contains("Противотанковый ров — Анна Кузнецова: «Ров»"));
    assert!(!page.contains("Тайный фрагмент"));
}

/// A two-part video interview: each part is a `<video>` with captions on its own clock, and the
/// captions of an interview the visitor may not see are as absent as the interview.
#[tokio::test]
async fn every_part_of_a_video_interview_has_its_own_captions() {
    let app = spawn_app().await;
    let mut body = interview("Видеоинтервью");
    body.recordings = vec![
        Recording {
            media: media(&"c".repeat(64), "video/mp4"),
            duration_ms: 720_000,
            label: "Часть 1".into(),
            withheld: false,
        },
        Recording {
            media: media(&"d".repeat(64), "video/mp4"),
            duration_ms: 600_000,
            label: "Часть 2".into(),
            withheld: false,
        },
    ];
    let seeded = app.create(Draft::published(Body::Interview(body.clone())));
    app.public_interest(&seeded);
    let (_, page) = app.text(&seeded.page()).await;
    assert_eq!(page.matches("<video controls").count(), 2, "{page}");
    assert!(!page.contains("<audio controls"));
    assert!(page.contains(&format!(
        "src=\"/interviews/{}/captions/2.vtt\"",
        seeded.slug
    )));

    let response = app
        .get(&format!("/interviews/{}/captions/2.vtt", seeded.slug))
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/vtt; charset=utf-8"
    );
    let vtt = response.text().await.expect("body");
    // The cues at 12:30 and 12:40 of the interview are 0:30 and 0:40 of the second part.
    assert!(vtt.starts_with("WEBVTT\n"), "{vtt}");
    assert!(
        vtt.contains(
            "00:00:30.400 --> 00:00:39.000\n<v Рассказчица>Зажигалки тушили песком на чердаке."
        ),
        "{vtt}"
    );
    assert!(
        !vtt.contains("Меня зовут Анна"),
        "first-part cues stay in the first part"
    );
    let (status, _) = app
        .text(&format!("/interviews/{}/captions/3.vtt", seeded.slug))
        .await;
    assert_eq!(status, 404);

    let hidden = app.create(Draft::new(Body::Interview(body)));
    let (status, text) = app
        .text(&format!("/interviews/{}/captions/1.vtt", hidden.slug))
        .await;
    assert_eq!(status, 404);
    assert!(!text.contains("Зажигалки"));
}
