//! Lessons and tours (issue #17): a teacher builds a kit from the base in her own studio, gives a
//! class a link that opens it in school mode, an expert publishes it to `/lessons`, and a guide's
//! phone drives the hall's screen through a pairing code. The key never reaches a pupil's page.

use crate::studio::{Session, add_user, between};
use crate::support::{TestApp, spawn_app};
use letopis_core::account::Role;
use letopis_core::entities::{Event, Item, ItemType, MediaRef, Place, PlaceType};
use letopis_core::{AgeRating, Body, Edtf};
use letopis_store::Draft;

async fn sign_in_teacher(app: &TestApp, email: &str) -> Session {
    crate::studio::sign_in_at(app, email, "/studio/lessons").await
}

fn rated(body: Body, rating: AgeRating) -> Draft {
    let mut draft = Draft::published(body);
    draft.settings.age_rating = rating;
    draft
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            image::Rgb([200, 30, 30])
        } else {
            image::Rgb([30, 30, 200])
        }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("png");
    out.into_inner()
}

fn sha(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

fn location(r: &reqwest::Response) -> String {
    r.headers()["location"].to_str().expect("ascii").to_string()
}

#[tokio::test]
async fn a_teacher_builds_a_kit_gives_it_to_a_class_and_an_expert_publishes_it() {
    let app = spawn_app().await;
    let photo = png(400, 200);
    let photo_sha = sha(&photo);
    app.put_media(&photo_sha, &photo);
    let letter = app.create(rated(
        Body::Item(Item {
            item_type: ItemType::Photo,
            title: "Школа № 1 в 1941 году".into(),
            description: "Здание школы, где был госпиталь.".into(),
            date: Edtf::parse("1941-10").ok(),
            media: vec![MediaRef {
                sha256: photo_sha.clone(),
                mime: "image/png".into(),
                caption: Some("Школа № 1".into()),
                alt: Some("Кирпичное здание школы".into()),
                width: Some(400),
                height: Some(200),
            }],
            ..Item::default()
        }),
        AgeRating::Six,
    ));
    let grim = app.create({
        let mut draft = rated(
            Body::Item(Item {
                item_type: ItemType::Letter,
                title: "Похоронка 1942 года".into(),
                transcription: "Ваш сын погиб смертью храбрых.".into(),
                ..Item::default()
            }),
            AgeRating::Sixteen,
        );
        draft.settings.content_note = Some("Извещение о гибели солдата.".into());
        draft
    });
    let place = app.create(rated(
        Body::Place(Place {
            name: "Школа № 1".into(),
            place_type: PlaceType::Hospital,
            lat: Some(55.889),
            lon: Some(37.445),
            ..Place::default()
        }),
        AgeRating::Zero,
    ));
    let event = app.create(rated(
        Body::Event(Event {
            title: "Налёт на Химки".into(),
            date: Edtf::parse("1941-11-23").ok(),
            ..Event::default()
        }),
        AgeRating::Zero,
    ));

    // A teacher's studio is her lessons, not a 403.
    add_user(
        &app,
        "teacher@example.ru",
        "Морозова Е. С.",
        &[Role::Teacher],
    );
    let teacher = sign_in_teacher(&app, "teacher@example.ru").await;
    let to_studio = app
        .get_with("/studio", &[("cookie", &teacher.cookie)])
        .await;
    assert_eq!(to_studio.status(), 303);
    assert_eq!(location(&to_studio), "/studio/lessons");
    // She does not edit the base itself.
    assert_eq!(teacher.get(&app, "/studio/persons").await.0, 403);

    let created = teacher
        .post(
            &app,
            "/studio/lessons",
            &[("title", "Госпиталь в школе"), ("purpose", "lesson")],
        )
        .await;
    assert_eq!(created.status(), 303);
    let editor = location(&created);
    let kit_path = editor.split('?').next().expect("path").to_string();
    let id: i64 = kit_path.rsplit('/').next().unwrap().parse().expect("id");
    let stored = || app.accounts.kit(id).expect("read").expect("kit");
    assert_eq!(stored().slug, "gospital-v-shkole");

    // Bad input: named, kept out, nothing lost.
    for (fields, message) in [
        (
            vec![("material", "record"), ("record", "/persons/nikto")],
            "Не нашли опубликованную запись «/persons/nikto»",
        ),
        (
            vec![
                ("material", "fragment"),
                ("record", letter.page().as_str()),
                ("start", "0:10"),
                ("end", "0:20"),
            ],
            "Фрагмент берётся из интервью",
        ),
        (
            vec![
                ("material", "detail"),
                ("record", letter.page().as_str()),
                ("x", "80"),
                ("y", "0"),
                ("w", "50"),
                ("h", "50"),
            ],
            "вся часть — внутри изображения",
        ),
        (
            vec![("material", "moment"), ("record", place.page().as_str())],
            "нужно событие или предмет с датой",
        ),
    ] {
        let refused = teacher
            .post(&app, &format!("{kit_path}/blocks"), &fields)
            .await;
        assert_eq!(refused.status(), 400, "{fields:?}");
        let page = refused.text().await.expect("body");
        assert!(page.contains(message), "{message}: {page}");
    }
    assert!(stored().kit.blocks.is_empty());

    let letter_id = letter.id.0.to_string();
    for fields in [
        vec![
            ("material", "detail"),
            ("record", letter.page().as_str()),
            ("image", "1"),
            ("x", "50"),
            ("y", "0"),
            ("w", "50"),
            ("h", "100"),
            ("note", "Посмотрите на окна: в них стояли койки раненых."),
        ],
        vec![("material", "record"), ("record", letter_id.as_str())],
        vec![("material", "record"), ("record", grim.page().as_str())],
        vec![("material", "place"), ("record", place.page().as_str())],
        vec![("material", "moment"), ("record", event.page().as_str())],
    ] {
        let added = teacher
            .post(&app, &format!("{kit_path}/blocks"), &fields)
            .await;
        assert_eq!(added.status(), 303, "{fields:?}");
    }
    let place_page = place.page();
    for fields in [
        vec![
            ("kind", "choice"),
            ("prompt", "Что было в школе № 1 осенью 1941 года?"),
            ("options", "Склад\n*Госпиталь\nКлуб"),
        ],
        vec![
            ("kind", "order"),
            ("prompt", "Расставьте по порядку"),
            ("options", "Начало войны\nНалёт на Химки\nПобеда"),
        ],
        vec![
            ("kind", "map"),
            ("prompt", "Найдите школу на карте"),
            ("place", place_page.as_str()),
        ],
        vec![
            ("kind", "open"),
            ("prompt", "Почему госпиталь разместили в школе?"),
            ("key", "Большие светлые классы, рядом станция"),
        ],
    ] {
        let added = teacher
            .post(&app, &format!("{kit_path}/blocks/0/questions"), &fields)
            .await;
        assert_eq!(added.status(), 303, "{fields:?}");
    }
    // A choice without a right answer is refused with how to mark one.
    let unmarked = teacher
        .post(
            &app,
            &format!("{kit_path}/blocks/0/questions"),
            &[("kind", "choice"), ("prompt", "?"), ("options", "а\nб")],
        )
        .await;
    assert_eq!(unmarked.status(), 400);
    assert!(
        unmarked
            .text()
            .await
            .unwrap()
            .contains("Отметьте верный вариант звёздочкой")
    );
    // The detail picker shows the record's pictures to outline a part on; a name that finds
    // nothing says so; the editor previews the detail as pupils will see it.
    let (status, picker) = teacher
        .get(&app, &format!("{kit_path}?detail={}", letter.id.0))
        .await;
    assert_eq!(status, 200);
    assert!(picker.contains("data-crop=\"1\"") && picker.contains(&format!("/media/{photo_sha}")));
    let (_, nothing) = teacher
        .get(&app, &format!("{kit_path}?detail=/persons/nikto"))
        .await;
    assert!(nothing.contains("Не нашли опубликованную запись «/persons/nikto»"));
    assert!(picker.contains(&format!(
        "class=\"kit-preview\" src=\"/media/{photo_sha}/detail?crop=50.0,0.0,50.0,100.0\""
    )));
    let kit = stored().kit;
    assert_eq!(kit.blocks.len(), 5);
    assert_eq!(kit.blocks[0].questions.len(), 4);
    assert_eq!(kit.blocks[0].questions[0].correct, vec![1]);

    // Private: nobody else opens it.
    let public = format!("/lessons/{}", stored().slug);
    assert_eq!(app.text(&public).await.0, 404);
    // She does: the questions without their key, the detail cut from the picture.
    let (status, page) = teacher.get(&app, &public).await;
    assert_eq!(status, 200);
    assert!(page.contains("Что было в школе № 1 осенью 1941 года?"));
    assert!(!page.contains("Большие светлые классы"), "the key leaked");
    assert!(page.contains(&format!(
        "/media/{photo_sha}/detail?crop=50.0,0.0,50.0,100.0"
    )));
    assert!(page.contains("Похоронка 1942 года"));
    // Its content note comes before it, as on the record's own page.
    let note = page
        .find("Извещение о гибели солдата.")
        .expect("the content note");
    let card = page
        .find(&format!("href=\"{}\"", grim.page()))
        .expect("the card");
    assert!(note < card);
    let (status, key) = teacher
        .get(&app, &format!("{public}/worksheet?key=1"))
        .await;
    assert_eq!(status, 200);
    assert!(key.contains("Большие светлые классы") && key.contains("Госпиталь"));
    assert!(key.contains("Школа № 1 (широта 55.8890"));
    let (status, present) = teacher.get(&app, &format!("{public}/present")).await;
    assert_eq!(status, 200);
    assert_eq!(present.matches("<section class=\"slide").count(), 6);
    assert!(!present.contains("top-bar") && !present.contains("Большие светлые"));

    // The detail: the right half of the picture, blue; a crop outside it is a clear 400.
    let detail = app
        .get(&format!(
            "/media/{photo_sha}/detail?crop=50.0,0.0,50.0,100.0"
        ))
        .await;
    assert_eq!(detail.status(), 200);
    assert_eq!(detail.headers()["content-type"], "image/jpeg");
    let cut = image::load_from_memory(&detail.bytes().await.unwrap()).expect("jpeg");
    assert_eq!((cut.width(), cut.height()), (200, 200));
    let px = cut.to_rgb8().get_pixel(100, 100).0;
    assert!(px[2] > 150 && px[0] < 80, "{px:?}");
    let bad = app
        .get(&format!("/media/{photo_sha}/detail?crop=90,0,50,50"))
        .await;
    assert_eq!(bad.status(), 400);

    // A class link at 12+: the 16+ block is absent, the page says one block is not shown,
    // school mode is switched on, nothing is kept.
    let today = letopis_core::today();
    let made = teacher
        .post(
            &app,
            &format!("{kit_path}/links"),
            &[("age", "12"), ("until", &today.to_string())],
        )
        .await;
    assert_eq!(made.status(), 303);
    let links = app.accounts.class_links_of(id).expect("links");
    assert_eq!(links.len(), 1);
    let code = links[0].code.clone();
    let pupil = app.get(&format!("/class/{code}")).await;
    assert_eq!(pupil.status(), 200);
    let cookies: Vec<String> = pupil
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    assert!(
        cookies.iter().any(|c| c.starts_with("school=12;")),
        "{cookies:?}"
    );
    assert_eq!(pupil.headers()["cache-control"], "private, no-store");
    let page = pupil.text().await.unwrap();
    assert!(!page.contains("Похоронка"), "a 16+ record in a 12+ class");
    assert!(page.contains("1 блок урока не показан"));
    assert!(page.contains("Школа № 1 в 1941 году"));
    assert!(!page.contains("Большие светлые классы"));
    assert!(page.contains(&format!("по коду класса <strong>{code}</strong>")));
    // Typed in lower case, it is found; a code nobody gave and a closed link say so.
    let lower = app.get(&format!("/class/{}", code.to_lowercase())).await;
    assert_eq!(lower.status(), 308);
    let (status, unknown) = app.text("/class/ZZZZ22").await;
    assert_eq!(status, 404);
    assert!(unknown.contains("Урока с таким кодом нет"));
    let (status, typed) = app.text("/class?code=k0!").await;
    assert_eq!(status, 400);
    assert!(typed.contains("латинских букв и цифр"));
    let ended = teacher
        .post(&app, &format!("{kit_path}/links/{code}/end"), &[])
        .await;
    assert_eq!(ended.status(), 303);
    let (status, closed) = app.text(&format!("/class/{code}")).await;
    assert_eq!(status, 410);
    assert!(closed.contains("Попросите учителя дать новый код"));

    // A colleague sees it once shared, may copy it, may not change it.
    add_user(&app, "colleague@example.ru", "Коллега", &[Role::Teacher]);
    let colleague = sign_in_teacher(&app, "colleague@example.ru").await;
    assert_eq!(colleague.get(&app, &public).await.0, 404);
    let shared = teacher
        .post(&app, &format!("{kit_path}/state"), &[("to", "shared")])
        .await;
    assert_eq!(shared.status(), 303);
    assert_eq!(colleague.get(&app, &public).await.0, 200);
    let meddle = colleague
        .post(
            &app,
            &format!("{kit_path}/blocks/0"),
            &[("action", "delete")],
        )
        .await;
    assert_eq!(meddle.status(), 403);
    assert_eq!(stored().kit.blocks.len(), 5);
    let publish_self = teacher
        .post(&app, &format!("{kit_path}/state"), &[("to", "published")])
        .await;
    assert_eq!(publish_self.status(), 403, "an author does not publish");

    // Submitted, returned with a note, submitted again, published by an expert.
    teacher
        .post(&app, &format!("{kit_path}/state"), &[("to", "submitted")])
        .await;
    add_user(&app, "expert@example.ru", "Эксперт", &[Role::Expert]);
    let expert = crate::studio::sign_in(&app, "expert@example.ru").await;
    let (_, queue) = expert.get(&app, "/studio/lessons").await;
    assert!(queue.contains("Ждут проверки") && queue.contains("Госпиталь в школе"));
    let silent = expert
        .post(&app, &format!("{kit_path}/state"), &[("to", "returned")])
        .await;
    assert_eq!(silent.status(), 400);
    expert
        .post(
            &app,
            &format!("{kit_path}/state"),
            &[("to", "returned"), ("note", "Уточните дату налёта")],
        )
        .await;
    assert_eq!(stored().review_note, "Уточните дату налёта");
    teacher
        .post(&app, &format!("{kit_path}/state"), &[("to", "submitted")])
        .await;
    let published = expert
        .post(&app, &format!("{kit_path}/state"), &[("to", "published")])
        .await;
    assert_eq!(published.status(), 303);
    assert_eq!(app.text(&public).await.0, 200);
    let (_, list) = app.text("/lessons").await;
    assert!(list.contains("Госпиталь в школе") && list.contains("16+"));
    assert!(
        app.text("/lessons?grade=5")
            .await
            .1
            .contains("Госпиталь в школе")
    );
    assert!(
        !app.text("/lessons?subject=music")
            .await
            .1
            .contains("Госпиталь в школе")
    );
    assert_eq!(app.text("/lessons?grade=12").await.0, 400);
    // In school mode the 16+ kit is not offered at all.
    let (_, school) = app.text_with("/lessons", &[("cookie", "school=12")]).await;
    assert!(!school.contains("Госпиталь в школе"));
    // An edit after publication sends it back to review.
    let edited = teacher
        .post(
            &app,
            &format!("{kit_path}/blocks/2"),
            &[("action", "delete")],
        )
        .await;
    assert_eq!(edited.status(), 303);
    assert!(location(&edited).contains("done=lesson-resubmitted"));
    assert_eq!(stored().state, letopis_core::lesson::KitState::Submitted);
    assert_eq!(app.text(&public).await.0, 404);
    let audit = app.accounts.audit_log(0, 50).expect("audit").items;
    assert!(audit.iter().any(|e| e.detail.contains("опубликован")));
}

#[tokio::test]
async fn a_guide_pairs_a_phone_with_the_hall_screen_and_drives_a_tour() {
    let app = spawn_app().await;
    let event = app.create(Draft::published(Body::Event(Event {
        title: "Оборона Химок".into(),
        date: Edtf::parse("1941-11").ok(),
        ..Event::default()
    })));
    let guide_id = add_user(&app, "guide@example.ru", "Гид", &[Role::Volunteer]);
    let mut tour = letopis_core::lesson::Kit {
        title: "По залу за 20 минут".into(),
        purpose: letopis_core::lesson::Purpose::Tour,
        grade_from: 1,
        grade_to: 11,
        ..Default::default()
    };
    for note in ["Начнём с карты.", "Здесь была линия обороны."] {
        tour.blocks.push(letopis_core::lesson::KitBlock {
            material: letopis_core::lesson::Material::Moment { record: event.id },
            note: note.into(),
            questions: vec![],
        });
    }
    let kit = app
        .accounts
        .create_kit(guide_id, &tour, jiff::Timestamp::now())
        .expect("tour");

    // The screen: a secret address of its own, showing a six-digit code.
    let (status, opened) = app.text("/kiosk/pair").await;
    assert_eq!(status, 200);
    let screen = between(&opened, "data-here=\"", "\"")
        .expect("the screen's address")
        .to_string();
    assert!(screen.starts_with("/kiosk/pair/") && screen.len() == "/kiosk/pair/".len() + 32);
    // Reloaded at its own address, the screen keeps its code.
    let (status, waiting) = app.text(&screen).await;
    assert_eq!(status, 200);
    assert_eq!(
        between(&waiting, "data-pair-code>", "<"),
        between(&opened, "data-pair-code>", "<")
    );
    assert!(waiting.contains("Экран ждёт экскурсовода") && waiting.contains("<svg"));
    let code = between(&waiting, "data-pair-code>", "<")
        .expect("code")
        .to_string();
    assert!(code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()));
    let state = |app: &TestApp| {
        let url = format!("{screen}/state");
        let app = app.url(&url);
        async move {
            reqwest::get(app)
                .await
                .unwrap()
                .json::<serde_json::Value>()
                .await
                .unwrap()
        }
    };
    assert_eq!(state(&app).await["paired"], false);

    // Only a signed-in guide pairs; a wrong code is refused with what to do.
    assert_eq!(app.get("/guide").await.status(), 303);
    let guide = crate::studio::sign_in(&app, "guide@example.ru").await;
    let (status, form) = guide.get(&app, &format!("/guide?code={code}")).await;
    assert_eq!(status, 200);
    assert!(form.contains(&format!("value=\"{code}\"")) && form.contains("По залу за 20 минут"));
    let kit_id = kit.id.to_string();
    let wrong_code = if code == "000000" { "111111" } else { "000000" };
    let wrong = guide
        .post(&app, "/guide", &[("code", wrong_code), ("kit", &kit_id)])
        .await;
    assert_eq!(wrong.status(), 400);
    assert!(
        wrong
            .text()
            .await
            .unwrap()
            .contains("Экрана с таким кодом нет")
    );
    let paired = guide
        .post(&app, "/guide", &[("code", &code), ("kit", &kit_id)])
        .await;
    assert_eq!(paired.status(), 303);
    assert_eq!(location(&paired), format!("/guide/{code}"));
    let now = state(&app).await;
    assert_eq!(
        (now["paired"].clone(), now["kit"].clone()),
        (true.into(), kit.id.into())
    );
    assert_eq!(now["step"], 0);

    // The screen now shows the tour; the remote advances it.
    let (_, shown) = app.text(&screen).await;
    assert!(shown.contains("По залу за 20 минут") && shown.contains("data-follow"));
    let (_, remote) = guide.get(&app, &format!("/guide/{code}")).await;
    assert!(remote.contains("На экране: начало экскурсии"));
    let moved = guide
        .post(&app, &format!("/guide/{code}"), &[("step", "2")])
        .await;
    assert_eq!(moved.status(), 303);
    let now = state(&app).await;
    assert_eq!(now["step"], 2);
    let (_, remote) = guide.get(&app, &format!("/guide/{code}")).await;
    assert!(remote.contains("остановка 2 из 2") && remote.contains("Здесь была линия обороны."));
    // The end lets the screen go back to waiting.
    guide
        .post(&app, &format!("/guide/{code}"), &[("action", "end")])
        .await;
    assert_eq!(state(&app).await["paired"], false);
    // An unknown screen answers 404 to its state and sends a stale screen to a new code.
    assert_eq!(
        app.get("/kiosk/pair/00000000000000000000000000000000/state")
            .await
            .status(),
        404
    );
    let stale = app
        .get("/kiosk/pair/00000000000000000000000000000000")
        .await;
    assert_eq!(location(&stale), "/kiosk/pair");
}
