//! The gate guards content, not only records (issue #13): the five leaks found on the demo
//! museum, each as a regression test over HTTP. Every test also shows the content that *may*
//! be public arriving, so removing the projection or the gate's resolution of story blocks
//! fails it.

use crate::support::{Seeded, TestApp, spawn_app, spawn_searchable_app};
use letopis_core::consent::{ConsentKind, NewConsent};
use letopis_core::entities::{
    Block, Cue, Interview, Item, ItemType, MediaRef, Person, Place, Recording, Redaction, Story,
};
use letopis_core::history::Actor;
use letopis_core::names::PersonName;
use letopis_core::record::{RecordId, Settings};
use letopis_core::relation::RelationType;
use letopis_core::scope::ScopeItem;
use letopis_core::{AccessLevel, Body, Edtf};
use letopis_store::{Draft, Op, Store};

const LETTER_SHA: &str = "3333333333333333333333333333333333333333333333333333333333333333";
const PHOTO_SHA: &str = "4444444444444444444444444444444444444444444444444444444444444444";
const AUDIO_SHA: &str = "5555555555555555555555555555555555555555555555555555555555555555";
const VTT_SHA: &str = "6666666666666666666666666666666666666666666666666666666666666666";
const PORTRAIT_SHA: &str = "7777777777777777777777777777777777777777777777777777777777777777";

fn editor() -> Actor {
    Actor::user(letopis_core::UserId(1), "Редактор")
}

fn media(sha: &str, mime: &str, caption: &str) -> MediaRef {
    MediaRef {
        sha256: sha.into(),
        mime: mime.into(),
        caption: Some(caption.into()),
        alt: Some(caption.into()),
        width: None,
        height: None,
    }
}

fn item(title: &str, sha: &str, caption: &str) -> Body {
    Body::Item(Item {
        item_type: ItemType::Letter,
        title: title.into(),
        transcription: "Дорогая мама, у нас всё хорошо.".into(),
        media: vec![media(sha, "image/png", caption)],
        ..Item::default()
    })
}

fn consent(kind: ConsentKind, covers: RecordId, scope: Vec<ScopeItem>) -> NewConsent {
    NewConsent {
        kind,
        subject: Some(covers),
        granted_by: "Сам человек".into(),
        covers: vec![covers],
        scope,
        bans: vec![],
        document: None,
        signed_on: letopis_core::today(),
        valid_until: None,
        note: None,
    }
}

fn add_consent(app: &TestApp, c: NewConsent) {
    app.store
        .apply(&editor(), vec![Op::AddConsent(c)], letopis_core::today())
        .expect("consent");
}

fn story(app: &TestApp, title: &str, blocks: Vec<Block>) -> Seeded {
    app.create(Draft::published(Body::Story(Story {
        title: title.into(),
        blocks,
        ..Story::default()
    })))
}

/// 1. An embargoed letter shown by a story: the story renders it from the letter, through the
///    gate, so it is absent (picture, caption and words) and its file answers 404 — while a
///    public photo in the same story shows, with the caption its own record has now.
#[tokio::test]
async fn a_story_shows_an_embargoed_letter_only_when_the_letter_opens() {
    let app = spawn_app().await;
    let letter = app.create(Draft {
        settings: Settings {
            embargo_until: letopis_core::today()
                .checked_add(jiff::Span::new().years(3))
                .ok(),
            ..Settings::default()
        },
        ..Draft::published(item("Письмо Кати домой", LETTER_SHA, "Письмо Кати, 1943"))
    });
    let photo = app.create(Draft::published(item(
        "Снимок у станции",
        PHOTO_SHA,
        "Подпись музея к снимку",
    )));
    app.put_media(LETTER_SHA, b"\x89PNG letter");
    app.put_media(PHOTO_SHA, b"\x89PNG photo");
    let quoted = story(
        &app,
        "Письма и снимки",
        vec![
            Block::Image {
                media: media(LETTER_SHA, "image/png", "Письмо Кати, 1943"),
                record: Some(letter.id),
            },
            Block::Quote {
                text: "Дорогая мама, у нас всё хорошо.".into(),
                attribution: "Катя".into(),
                record: Some(letter.id),
                start_ms: None,
                end_ms: None,
            },
            Block::Image {
                media: media(PHOTO_SHA, "image/png", "Подпись, скопированная когда-то"),
                record: Some(photo.id),
            },
        ],
    );
    // The story keeps which file it shows, not a copy of the record's caption.
    let stored = app.store.get(quoted.id).expect("read").expect("story");
    let Body::Story(s) = &stored.record.body else {
        panic!("a story")
    };
    assert!(
        s.blocks
            .iter()
            .all(|b| !matches!(b, Block::Image { media, .. } if media.caption.is_some())),
        "{s:?}"
    );

    let (status, page) = app.text(&quoted.page()).await;
    assert_eq!(status, 200);
    for secret in [LETTER_SHA, "Письмо Кати", "Дорогая мама"] {
        assert!(!page.contains(secret), "{secret} on the story page");
    }
    assert!(page.contains(PHOTO_SHA), "the public photo is shown");
    assert!(
        page.contains("Подпись музея к снимку"),
        "with its record's caption"
    );
    assert!(!page.contains("скопированная когда-то"));
    let (_, api) = app.text(&quoted.api()).await;
    assert!(!api.contains(LETTER_SHA), "{api}");
    assert_eq!(app.get(&format!("/media/{LETTER_SHA}")).await.status(), 404);
    assert_eq!(app.get(&format!("/media/{PHOTO_SHA}")).await.status(), 200);

    // When the embargo is lifted, the story shows the letter again: it follows its source.
    let current = app.store.get(letter.id).expect("read").expect("letter");
    app.store
        .apply(
            &editor(),
            vec![Op::Update {
                id: letter.id,
                expected_version: None,
                body: current.record.body.clone(),
                settings: Settings::default(),
            }],
            letopis_core::today(),
        )
        .expect("lift the embargo");
    let (_, page) = app.text(&quoted.page()).await;
    assert!(page.contains(LETTER_SHA) && page.contains("Письмо Кати, 1943"));
    assert_eq!(app.get(&format!("/media/{LETTER_SHA}")).await.status(), 200);
}

fn cue(start_s: u32, end_s: u32, speaker: &str, text: &str) -> Cue {
    Cue {
        start_ms: start_s * 1000,
        end_ms: end_s * 1000,
        speaker: Some(speaker.into()),
        text: text.into(),
    }
}

const NARRATOR: &str = "Анастасия Александровна Коваленко";
const CLOSED_WORDS: &str = "Про отца я вам расскажу, но не для всех.";

fn voice() -> Interview {
    Interview {
        title: format!("{NARRATOR}: «Как узнали о войне»"),
        summary: format!("Вспоминает {NARRATOR}."),
        interviewers: vec!["Вера Соколова".into()],
        recordings: vec![Recording {
            media: media(
                AUDIO_SHA,
                "audio/wav",
                &format!("Запись беседы с рассказчиком: {NARRATOR}"),
            ),
            duration_ms: 60_000,
            label: "Запись целиком".into(),
            withheld: false,
        }],
        transcript_file: Some(media(VTT_SHA, "text/vtt", "Расшифровка")),
        transcript: vec![
            cue(0, 8, "Интервьюер", "Как вы узнали о войне?"),
            cue(8, 18, NARRATOR, "По радио, у соседей."),
            cue(20, 30, NARRATOR, CLOSED_WORDS),
            cue(31, 40, "Интервьюер", "А что было потом?"),
            cue(40, 50, NARRATOR, "Потом нас эвакуировали."),
        ],
        ..Interview::default()
    }
}

/// Publishes the interview with its narrator's record tied to it (a record that is not public
/// itself: the narrator's name may be nowhere); returns (narrator, interview).
fn published_voice(app: &TestApp) -> (Seeded, Seeded) {
    let narrator = app.create(Draft::published(Body::Person(Person {
        name: PersonName::new("Коваленко", "Анастасия", "Александровна"),
        birth: Edtf::parse("1935").ok(),
        ..Person::default()
    })));
    let interview = app.create(Draft::published(Body::Interview(voice())));
    app.relate(&narrator, RelationType::NarratorOf, &interview);
    add_consent(app, consent(ConsentKind::Publication, interview.id, vec![]));
    (narrator, interview)
}

/// 2 and 3. A pseudonym set on a published interview: its real name leaves every public path
/// (the API, the original WebVTT file, the recording's caption, the slug, the sitemap and feed,
/// stories quoting it), the old address answers 404, a closed stretch is never quoted — and the
/// interviewer's questions stay the interviewer's.
#[tokio::test]
async fn a_pseudonym_replaces_the_narrator_on_every_public_path() {
    let app = spawn_app().await;
    app.put_media(AUDIO_SHA, b"RIFF audio");
    app.put_media(
        VTT_SHA,
        "WEBVTT\n\n00:08.000 --> 00:18.000\n<v Коваленко>".as_bytes(),
    );
    let (narrator, interview) = published_voice(&app);
    let old_page = interview.page();
    assert_eq!(app.get(&old_page).await.status(), 200);

    let mut body = voice();
    body.pseudonym = Some("Рассказчица К.".into());
    body.redactions = vec![Redaction {
        start_ms: 20_000,
        end_ms: 30_000,
        reason: "семейное".into(),
    }];
    app.store
        .apply(
            &editor(),
            vec![Op::Update {
                id: interview.id,
                expected_version: None,
                body: Body::Interview(body),
                settings: Settings::default(),
            }],
            letopis_core::today(),
        )
        .expect("pseudonym");
    let slug = app
        .store
        .get(interview.id)
        .expect("read")
        .expect("interview")
        .record
        .meta
        .slug;
    assert!(!slug.contains("kovalenko"), "{slug}");
    assert_eq!(app.get(&old_page).await.status(), 404, "not a redirect");
    let page = format!("/interviews/{slug}");

    let quotes = story(
        &app,
        "Голоса о начале войны",
        vec![
            Block::Quote {
                text: "Слова, которые редактор переписал когда-то".into(),
                attribution: NARRATOR.into(),
                record: Some(interview.id),
                start_ms: Some(40_000),
                end_ms: Some(50_000),
            },
            Block::Quote {
                text: CLOSED_WORDS.into(),
                attribution: NARRATOR.into(),
                record: Some(interview.id),
                start_ms: Some(20_000),
                end_ms: Some(30_000),
            },
            Block::Quote {
                text: "Старая цитата без отрезка записи.".into(),
                attribution: NARRATOR.into(),
                record: Some(interview.id),
                start_ms: None,
                end_ms: None,
            },
        ],
    );

    let (status, html) = app.text(&page).await;
    assert_eq!(status, 200);
    let (_, api) = app.text(&interview.api()).await;
    let (_, captions) = app.text(&format!("{page}/captions/1.vtt")).await;
    let (_, list) = app.text("/api/v1/interviews").await;
    let (_, index) = app.text("/sitemap.xml").await;
    let mut sitemap = index.clone();
    for loc in index
        .split("<loc>")
        .skip(1)
        .filter_map(|l| l.split("</loc>").next())
    {
        let path = loc.trim_start_matches(&app.base);
        sitemap.push_str(&app.text(path).await.1);
    }
    let (_, feed) = app.text("/feed.atom").await;
    let (_, quoted) = app.text(&quotes.page()).await;
    for (path, text) in [
        ("page", &html),
        ("api", &api),
        ("captions", &captions),
        ("list", &list),
        ("sitemap", &sitemap),
        ("feed", &feed),
        ("story", &quoted),
    ] {
        for secret in ["Коваленко", "kovalenko", VTT_SHA, CLOSED_WORDS, "семейное"]
        {
            assert!(!text.contains(secret), "{secret} in the {path}:\n{text}");
        }
    }
    assert!(html.contains("Рассказчица К."));
    assert!(
        api.contains("Запись беседы с рассказчиком: Рассказчица К."),
        "{api}"
    );
    assert!(sitemap.contains(&slug), "the sitemap lists the new address");
    assert_eq!(app.get(&format!("/media/{VTT_SHA}")).await.status(), 404);
    // The part has a closed stretch and no silenced copy: the original is never public.
    assert_eq!(app.get(&format!("/media/{AUDIO_SHA}")).await.status(), 404);

    // The interviewer's questions are not put in the narrator's mouth (issue #13, case 3).
    assert!(
        captions.contains("<v Интервьюер>Как вы узнали о войне?"),
        "{captions}"
    );
    assert!(
        captions.contains("<v Рассказчица К.>По радио, у соседей."),
        "{captions}"
    );
    assert!(
        !captions.contains("<v Рассказчица К.>Как вы узнали"),
        "{captions}"
    );

    // Stories quote through the gate: the open answer from the public transcript, under the
    // pseudonym; the closed one and the unverifiable old copy not at all.
    assert!(quoted.contains("Потом нас эвакуировали."), "{quoted}");
    assert!(!quoted.contains("переписал когда-то"));
    assert!(!quoted.contains("без отрезка записи"));

    assert_eq!(app.get(&narrator.page()).await.status(), 404);
}

/// 4. A living person's consent lists «ФИО, годы жизни, биография»: no portrait (and its file
///    answers 404), no birth place, the birth year without the day — field by field.
#[tokio::test]
async fn a_consent_scope_is_applied_field_by_field() {
    let app = spawn_app().await;
    app.put_media(PORTRAIT_SHA, b"\x89PNG portrait");
    let living = app.create(Draft::published(Body::Person(Person {
        name: PersonName::new("Лебедева", "Нина", "Петровна"),
        birth: Edtf::parse("1935-06-13").ok(),
        living: Some(true),
        birth_place: "д. Черкизово".into(),
        biography: "Всю жизнь проработала на заводе.".into(),
        portrait: Some(media(
            PORTRAIT_SHA,
            "image/png",
            "Нина Петровна в 1955 году",
        )),
        ..Person::default()
    })));
    // The birth place as a tie says as much as the field: hidden with it, from either end.
    let village = app.create(Draft::published(Body::Place(Place {
        name: "Деревня Черкизово".into(),
        district: "Старбеево".into(),
        ..Place::default()
    })));
    app.relate(&living, RelationType::BornIn, &village);
    add_consent(
        &app,
        consent(
            ConsentKind::Publication,
            living.id,
            vec![ScopeItem::Name, ScopeItem::Years, ScopeItem::Biography],
        ),
    );
    let (status, html) = app.text(&living.page()).await;
    assert_eq!(status, 200);
    let (_, api) = app.text(&living.api()).await;
    for (what, text) in [("page", &html), ("api", &api)] {
        assert!(text.contains("Лебедева"), "{what}");
        assert!(text.contains("1935"), "the year is in scope ({what})");
        assert!(text.contains("Всю жизнь проработала"), "{what}");
        for secret in [
            PORTRAIT_SHA,
            "Черкизово",
            "13 июня",
            "1935-06-13",
            "в 1955 году",
        ] {
            assert!(!text.contains(secret), "{secret} in the {what}:\n{text}");
        }
    }
    assert_eq!(
        app.get(&format!("/media/{PORTRAIT_SHA}")).await.status(),
        404
    );
    let (_, place) = app.text(&village.page()).await;
    assert!(
        place.contains("Деревня Черкизово") && !place.contains("Лебедева"),
        "{place}"
    );
    let (_, by_place) = app
        .text(&format!("/api/v1/persons?place={}", village.id.0))
        .await;
    assert!(!by_place.contains("Лебедева"), "{by_place}");
    let (_, by_district) = app.text("/api/v1/persons?district=Старбеево").await;
    assert!(!by_district.contains("Лебедева"), "{by_district}");

    // A second consent that adds photographs and full dates widens what is shown.
    add_consent(
        &app,
        consent(
            ConsentKind::Publication,
            living.id,
            vec![ScopeItem::Photo, ScopeItem::FullDates],
        ),
    );
    let (_, html) = app.text(&living.page()).await;
    assert!(
        html.contains(PORTRAIT_SHA) && html.contains("13 июня 1935"),
        "{html}"
    );
    assert!(!html.contains("Черкизово"));
    assert_eq!(
        app.get(&format!("/media/{PORTRAIT_SHA}")).await.status(),
        200
    );
    // …and one that adds the birth place shows the tie again.
    add_consent(
        &app,
        consent(
            ConsentKind::Publication,
            living.id,
            vec![ScopeItem::BirthPlace],
        ),
    );
    let (_, html) = app.text(&living.page()).await;
    assert!(html.contains("Деревня Черкизово"), "{html}");
    let (_, by_place) = app
        .text(&format!("/api/v1/persons?place={}", village.id.0))
        .await;
    assert!(by_place.contains("Лебедева"), "{by_place}");
}

fn seed_namesakes(store: &dyn Store) {
    let hidden = Draft {
        settings: Settings {
            access: AccessLevel::Staff,
            ..Settings::default()
        },
        ..Draft::published(Body::Person(Person {
            name: PersonName {
                variants: vec!["Майороф".into()],
                ..PersonName::new("Майорова", "Ольга", "Львовна")
            },
            death: Edtf::parse("1943").ok(),
            ..Person::default()
        }))
    };
    let shown = Draft::published(Body::Person(Person {
        death: Edtf::parse("1942").ok(),
        ..Person {
            name: PersonName::new("Майоров", "Иван", "Ильич"),
            ..Person::default()
        }
    }));
    let out = store
        .apply(
            &editor(),
            vec![Op::Create(hidden), Op::Create(shown)],
            letopis_core::today(),
        )
        .expect("seed");
    let ids: Vec<RecordId> = out.iter().filter_map(|o| o.record_id()).collect();
    let decision = NewConsent {
        subject: None,
        covers: ids.clone(),
        ..consent(ConsentKind::PublicInterest, ids[0], vec![])
    };
    store
        .apply(
            &editor(),
            vec![Op::AddConsent(decision)],
            letopis_core::today(),
        )
        .expect("decision");
}

/// 5. «Возможно, вы имели в виду…» offers only words the asking viewer may see: a spelling that
///    exists only in a staff-only record is never suggested to a visitor.
#[tokio::test]
async fn did_you_mean_offers_only_words_the_visitor_may_see() {
    let app = spawn_searchable_app(seed_namesakes).await;
    let mut answer = serde_json::Value::Null;
    // The index follows the change feed; give it a moment to take the seed in.
    for _ in 0..50 {
        let (_, found) = app.json("/api/v1/search?q=Майоров").await;
        if found["total"].as_u64().unwrap_or(0) > 0 {
            let (_, typo) = app.json("/api/v1/search?q=Майорофф").await;
            answer = typo;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(!answer.is_null(), "the index never took the seed in");
    let offered = answer["did_you_mean"].as_str().unwrap_or("").to_lowercase();
    assert!(!offered.contains("майороф"), "{answer}");
    // The public namesake is what the visitor gets instead: found by the sound of the name
    // (-офф is heard as -ов), or else offered as the spelling.
    let titles: Vec<&str> = answer["items"]
        .as_array()
        .map(|items| items.iter().filter_map(|i| i["title"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        titles == ["Майоров Иван Ильич"] || offered.contains("майоров"),
        "{answer}"
    );
    let (_, suggest) = app.text("/api/v1/suggest?q=Майороф").await;
    assert!(!suggest.contains("Майорова"), "{suggest}");
}

/// «Как видит посетитель»: an editor previews a story as the public gets it — the embargoed
/// letter's block is a marked placeholder saying until when — and a hidden record's preview
/// says why no visitor sees it. The preview is the studio's: a visitor is sent to sign in.
#[tokio::test]
async fn editors_preview_what_the_public_sees() {
    use crate::studio::{add_user, sign_in};
    use letopis_core::account::Role;
    let app = spawn_app().await;
    let until = letopis_core::today()
        .checked_add(jiff::Span::new().years(3))
        .expect("a date");
    let letter = app.create(Draft {
        settings: Settings {
            embargo_until: Some(until),
            ..Settings::default()
        },
        ..Draft::published(item("Письмо Кати домой", LETTER_SHA, "Письмо Кати, 1943"))
    });
    let shown = story(
        &app,
        "Письма с фронта",
        vec![
            Block::Text {
                text: "Треугольники из семейных архивов.".into(),
            },
            Block::Image {
                media: media(LETTER_SHA, "image/png", ""),
                record: Some(letter.id),
            },
        ],
    );
    add_user(&app, "editor@example.ru", "Редактор", &[Role::Expert]);
    let editor = sign_in(&app, "editor@example.ru").await;

    let (status, page) = editor
        .get(&app, &format!("/studio/records/{}/preview", shown.id.0))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("так эту страницу видит посетитель"), "{page}");
    assert!(page.contains("Треугольники из семейных архивов."));
    let date = until.strftime("%d.%m.%Y").to_string();
    assert!(
        page.contains(&format!("Материал закрыт до {date}")),
        "{page}"
    );
    assert!(
        !page.contains(LETTER_SHA),
        "the preview shows what the public sees"
    );
    // The public page has neither the letter nor the placeholder.
    let (_, public) = app.text(&shown.page()).await;
    assert!(!public.contains("Материал закрыт") && !public.contains(LETTER_SHA));

    let (status, hidden) = editor
        .get(&app, &format!("/studio/records/{}/preview", letter.id.0))
        .await;
    assert_eq!(status, 200);
    assert!(
        hidden.contains("Посетитель эту запись не видит"),
        "{hidden}"
    );
    assert!(hidden.contains(&format!("закрыта до {date}")), "{hidden}");

    let anonymous = app
        .get(&format!("/studio/records/{}/preview", shown.id.0))
        .await;
    assert_ne!(anonymous.status().as_u16(), 200);
}

/// An interview's still stands for it in lists only when the narrator's consent includes
/// photographs; the file itself answers exactly then.
#[tokio::test]
async fn an_interview_still_is_shown_only_with_the_photo_scope() {
    const STILL_SHA: &str = "5711115711115711115711115711115711115711115711115711115711115711";
    let app = spawn_app().await;
    app.put_media(STILL_SHA, b"\xff\xd8\xff\xe0 not decoded here");
    let mut body = voice();
    body.still = Some(MediaRef {
        width: Some(360),
        height: Some(480),
        ..media(STILL_SHA, "image/jpeg", "На встрече с волонтёрами")
    });
    let interview = app.create(Draft::published(Body::Interview(body)));
    // The voice and the words, not the face.
    add_consent(
        &app,
        consent(
            ConsentKind::Publication,
            interview.id,
            vec![ScopeItem::Recording, ScopeItem::Transcript],
        ),
    );
    let (status, list) = app.text("/interviews").await;
    assert_eq!(status, 200);
    assert!(list.contains("Как узнали о войне"), "{list}");
    assert!(!list.contains(STILL_SHA), "{list}");
    assert_eq!(app.get(&format!("/media/{STILL_SHA}")).await.status(), 404);
    // The narrator adds photographs: the still appears in the list (search results take the
    // same picture) and is served.
    add_consent(
        &app,
        consent(
            ConsentKind::Publication,
            interview.id,
            vec![ScopeItem::Photo],
        ),
    );
    let (_, list) = app.text("/interviews").await;
    assert!(
        list.contains(&format!("src=\"/media/{STILL_SHA}\"")) && list.contains("На встрече"),
        "{list}"
    );
    assert_eq!(app.get(&format!("/media/{STILL_SHA}")).await.status(), 200);
}
