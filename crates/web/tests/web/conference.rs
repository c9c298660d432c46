//! The conference (issue #18, roadmap activity 10): the committee announces it, an author sends
//! a paper and confirms it by the letter's link, a reviewer scores it, the committee accepts it
//! with a letter, places it in the programme and publishes it in the proceedings as an item the
//! search finds; bad input at every step is refused with the reason and loses nothing.

use crate::contributions::{letters, post_multipart};
use crate::studio::{add_user, location, sign_in};
use crate::support::spawn_searchable_app;
use letopis_core::account::Role;
use letopis_core::entities::{Organization, Place};
use letopis_core::{Body, Kind};
use letopis_store::Draft;
use std::time::{Duration, Instant};

const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

fn day(offset: i32) -> String {
    letopis_core::today()
        .saturating_add(jiff::Span::new().days(offset))
        .to_string()
}

/// The letter's text with quoted-printable soft breaks and escapes undone, enough to find a
/// link in it.
fn unfolded(letter: &str) -> String {
    letter
        .replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=")
}

fn paper_fields(title: &str) -> Vec<(&str, &str)> {
    vec![
        ("title", title),
        ("section", "front"),
        ("author-1-name", "Соколова Мария Андреевна"),
        ("author-1-affiliation", "МБОУ Лицей № 10"),
        ("email", "sokolova@mail.example"),
        (
            "abstract",
            "Как строили противотанковый заслон у деревни Ежи.",
        ),
        ("consent", "yes"),
        ("publish", "yes"),
    ]
}

#[tokio::test]
async fn a_paper_goes_from_the_call_to_the_proceedings() {
    let app = spawn_searchable_app(|store| {
        let editor = letopis_core::history::Actor::user(letopis_core::UserId(1), "Редактор");
        for body in [
            Body::Organization(Organization {
                name: "МБОУ Лицей № 10".into(),
                ..Organization::default()
            }),
            Body::Place(Place {
                name: "Деревня Ежи".into(),
                ..Place::default()
            }),
        ] {
            store
                .apply(
                    &editor,
                    vec![letopis_store::Op::Create(Draft::published(body))],
                    letopis_core::today(),
                )
                .expect("seeded");
        }
    })
    .await;
    let (status, page) = app.text("/conference").await;
    assert_eq!(status, 200);
    assert!(page.contains("Конференция пока не объявлена"));
    assert!(page.contains("<a href=\"/conference\">Краеведческая конференция</a>"));

    add_user(
        &app,
        "chair@example.ru",
        "Председатель Комитета",
        &[Role::Coordinator],
    );
    let reviewer = add_user(&app, "rev@example.ru", "Рецензент Эксперт", &[Role::Expert]);
    let chair = sign_in(&app, "chair@example.ru").await;

    // The call: without sections and with the deadline after the first day, refused with both
    // reasons and what was typed kept.
    let mut call = vec![
        ("title", "Краеведческие чтения".to_string()),
        ("slug", "chteniya".to_string()),
        ("starts", day(60)),
        ("ends", day(61)),
        ("deadline", day(70)),
        ("place", "Центральная библиотека".to_string()),
        ("organizers", "Управление культуры".to_string()),
        (
            "call",
            "Приглашаем краеведов.\n\nДоклады — 15 минут.".to_string(),
        ),
        ("sections", String::new()),
    ];
    let r = chair
        .post_pairs(&app, "/studio/conference", &owned(&call))
        .await;
    assert_eq!(r.status(), 400);
    let body = r.text().await.unwrap();
    assert!(body.contains("Нужна хотя бы одна секция."), "{body}");
    assert!(body.contains("не позже первого дня"));
    assert!(body.contains("value=\"Краеведческие чтения\""));
    call[4].1 = day(30);
    call[8].1 = "front | Фронт у стен города | Большой зал\nmemory | Память".into();
    let r = chair
        .post_pairs(&app, "/studio/conference", &owned(&call))
        .await;
    assert_eq!(location(&r), "/studio/conference?done=conference-saved");
    let (_, page) = app.text("/conference").await;
    assert!(page.contains("<h1>Краеведческие чтения</h1>"));
    assert!(page.contains("Доклады — 15 минут."));
    assert!(page.contains("href=\"/conference/submit\""));

    // An author: an empty form names every problem; a file that is not a PDF is refused.
    let r = post_multipart(&app, "/conference/submit", &[("title", "")], None).await;
    assert_eq!(r.status(), 400);
    let body = r.text().await.unwrap();
    for message in [
        "Укажите название доклада.",
        "Выберите секцию из списка.",
        "Укажите хотя бы одного автора.",
        "Укажите адрес электронной почты",
        "Напишите аннотацию",
        "Приложите текст доклада в PDF.",
        "Без согласия на обработку",
        "Отметьте согласие на публикацию",
    ] {
        assert!(body.contains(message), "{message}");
    }
    let title = "Противотанковый заслон у Ежей";
    let r = post_multipart(
        &app,
        "/conference/submit",
        &paper_fields(title),
        Some(("doklad.docx", b"PK\x03\x04 not a pdf")),
    )
    .await;
    assert_eq!(r.status(), 400);
    let body = r.text().await.unwrap();
    assert!(body.contains("Это не PDF."));
    assert!(
        body.contains(&format!("value=\"{title}\"")),
        "typed title kept"
    );
    assert!(body.contains("МБОУ Лицей № 10"));

    let r = post_multipart(
        &app,
        "/conference/submit",
        &paper_fields(title),
        Some(("doklad.pdf", PDF)),
    )
    .await;
    assert_eq!(location(&r), "/conference/submit?sent=1");
    // Unconfirmed: the committee does not see it yet.
    let (_, desk) = chair.get(&app, "/studio/conference").await;
    assert!(!desk.contains(title));
    let letter = unfolded(
        letters(&app)
            .iter()
            .find(|l| l.contains("/conference/confirm/"))
            .expect("a confirmation letter"),
    );
    assert!(letter.contains("sokolova@mail.example"));
    let start = letter.find("/conference/confirm/").expect("the link");
    let token: String = letter[start + "/conference/confirm/".len()..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    assert_eq!(token.len(), 64);
    // Opening the link confirms nothing (a mail scanner opens links); its button does, once.
    let (status, page) = app.text(&format!("/conference/confirm/{token}")).await;
    assert_eq!(status, 200);
    assert!(page.contains(&format!("action=\"/conference/confirm/{token}\"")));
    let (_, desk) = chair.get(&app, "/studio/conference").await;
    assert!(!desk.contains(title));
    let confirm = |token: String| {
        let app = &app;
        async move {
            let r = app
                .client
                .post(app.url(&format!("/conference/confirm/{token}")))
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    let (status, page) = app.text("/conference/confirm/0123abc").await;
    assert_eq!(status, 404, "a link cut short");
    assert!(page.contains("уже использована или устарела"));
    let (status, page) = confirm(token.clone()).await;
    assert_eq!(status, 200);
    assert!(page.contains("подтверждена"), "{page}");
    let (status, page) = confirm(token).await;
    assert_eq!(status, 404, "a link works once");
    assert!(page.contains("уже использована или устарела"));

    // The committee: the paper, its file, a reviewer.
    let (_, desk) = chair.get(&app, "/studio/conference").await;
    assert!(desk.contains(title));
    let id: i64 = crate::studio::between(&desk, "href=\"/studio/conference/papers/", "\"")
        .unwrap()
        .parse()
        .unwrap();
    let paper = format!("/studio/conference/papers/{id}");
    let file = app
        .client
        .get(app.url(&format!("{paper}/file")))
        .header("cookie", &chair.cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(file.headers()["content-type"], "application/pdf");
    assert!(
        file.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    assert_eq!(file.bytes().await.unwrap().as_ref(), PDF);
    let anonymous = app
        .client
        .get(app.url(&format!("{paper}/file")))
        .send()
        .await
        .unwrap();
    assert_ne!(anonymous.status(), 200, "the author's file is not public");

    let who = reviewer.0.to_string();
    let r = chair
        .post(&app, &format!("{paper}/assign"), &[("reviewer", &who)])
        .await;
    assert_eq!(location(&r), format!("{paper}?done=paper-assigned"));
    // Deciding before the review is allowed, but a review needs a score in range.
    let expert = sign_in(&app, "rev@example.ru").await;
    let r = expert
        .post(
            &app,
            &format!("{paper}/review"),
            &[("score", "9"), ("recommendation", "accept")],
        )
        .await;
    assert_eq!(r.status(), 400);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Поставьте оценку от 1 до 5")
    );
    let r = expert
        .post(
            &app,
            &format!("{paper}/review"),
            &[
                ("score", "5"),
                ("recommendation", "accept"),
                ("comment", "Основан на документах."),
            ],
        )
        .await;
    assert_eq!(location(&r), format!("{paper}?done=paper-reviewed"));
    let (_, page) = chair.get(&app, &paper).await;
    assert!(page.contains("Основан на документах."));
    assert!(page.contains("Средняя оценка 5.0"));

    // Not in the programme before the decision; accepted with a letter; decided once.
    let r = chair
        .post(
            &app,
            &format!("{paper}/schedule"),
            &[("day", &day(60)), ("start", "10:00"), ("end", "10:20")],
        )
        .await;
    assert_eq!(r.status(), 400);
    let before = letters(&app).len();
    let r = chair
        .post(
            &app,
            &format!("{paper}/decide"),
            &[
                ("decision", "accept"),
                ("letter_accept", "Ваш доклад принят. Ждём вас!"),
            ],
        )
        .await;
    assert_eq!(location(&r), format!("{paper}?done=paper-decided"));
    let all = letters(&app);
    assert_eq!(all.len(), before + 1);
    assert!(
        all.iter()
            .any(|l| l.contains("Ждём вас!") && l.contains("/conference"))
    );
    let r = chair
        .post(&app, &format!("{paper}/decide"), &[("decision", "decline")])
        .await;
    assert_eq!(r.status(), 400);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Решение по докладу уже принято.")
    );

    // The programme: a day that is not the conference's is refused; then placed.
    let r = chair
        .post(
            &app,
            &format!("{paper}/schedule"),
            &[("day", &day(62)), ("start", "10:00"), ("end", "10:20")],
        )
        .await;
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("не день конференции"));
    let r = chair
        .post(
            &app,
            &format!("{paper}/schedule"),
            &[("day", &day(60)), ("start", "10:00"), ("end", "10:20")],
        )
        .await;
    assert_eq!(location(&r), format!("{paper}?done=paper-scheduled"));
    let (_, page) = app.text("/conference").await;
    assert!(page.contains("10:00–10:20"));
    assert!(page.contains(title));
    assert!(page.contains("Соколова Мария Андреевна (МБОУ Лицей № 10)"));

    // The proceedings: an unknown record is refused; then the item, its author and what it
    // discusses, public and found by the search.
    let r = chair
        .post(
            &app,
            &format!("{paper}/publish"),
            &[("authors", ""), ("records", "№ 999999")],
        )
        .await;
    assert_eq!(r.status(), 400);
    let org = app
        .store
        .list(
            &letopis_store::ListQuery::new(Kind::Organization),
            &letopis_core::Viewer::anonymous().filter(letopis_core::today()),
        )
        .unwrap()
        .items[0]
        .record
        .id();
    let place = app
        .store
        .list(
            &letopis_store::ListQuery::new(Kind::Place),
            &letopis_core::Viewer::anonymous().filter(letopis_core::today()),
        )
        .unwrap()
        .items[0]
        .record
        .id();
    let r = chair
        .post(
            &app,
            &format!("{paper}/publish"),
            &[
                ("authors", &format!("№ {}", org.0)),
                ("records", &format!("№ {}", place.0)),
            ],
        )
        .await;
    assert_eq!(location(&r), format!("{paper}?done=paper-published"));
    let (_, page) = app.text("/conference").await;
    let href = crate::studio::between(&page, "<ul class=\"links\"><li><a href=\"", "\"")
        .expect("the proceedings list the paper")
        .to_string();
    assert!(href.starts_with("/items/"));
    let (status, item) = app.text(&href).await;
    assert_eq!(status, 200);
    assert!(item.contains("CC BY 4.0"));
    assert!(item.contains("Деревня Ежи"), "the record it discusses");
    assert!(item.contains("МБОУ Лицей № 10"), "its author");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (_, found) = app.json("/api/v1/search?q=заслон").await;
        if found["items"]
            .as_array()
            .is_some_and(|items| items.iter().any(|i| i["title"].as_str() == Some(title)))
        {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the search never found the paper: {found}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // The council counts it.
    let (_, council) = chair.get(&app, "/studio/council").await;
    assert!(council.contains("Докладов принято"));
    assert!(council.contains("Докладов в трудах"));
}

fn owned(pairs: &[(&str, String)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_string(), v.clone()))
        .collect()
}
