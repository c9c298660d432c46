//! «Рассказать о герое» (issue #7), the resident's side, over HTTP against the real server: the
//! step-by-step form without an account, files checked and re-encoded, the preview, sending,
//! the e-mail confirmation, the status link (answer, add files, withdraw), and the guards
//! against bots and floods. A draft or a sent submission is never public.

use crate::studio::{between, jpeg_with_gps, location};
use crate::support::{TestApp, spawn_app};
use letopis_core::contribution::Status;
use letopis_store::contributions::{EventKind, QueueFilter};
use sha2::{Digest, Sha256};

const BOUNDARY: &str = "----letopis-test-boundary";

/// A multipart body by hand: the text fields, then at most one file.
pub(crate) fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> (String, Vec<u8>) {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((filename, bytes)) = file {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; \
                 filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={BOUNDARY}"), body)
}

async fn post_form(app: &TestApp, path: &str, pairs: &[(&str, &str)]) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .form(pairs)
        .send()
        .await
        .expect("post")
}

pub(crate) async fn post_multipart(
    app: &TestApp,
    path: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> reqwest::Response {
    let (kind, body) = multipart(fields, file);
    app.client
        .post(app.url(path))
        .header("content-type", kind)
        .body(body)
        .send()
        .await
        .expect("post")
}

/// Starts a draft as a visitor would, answering the check question when one is asked; returns
/// the private address (`/contribute/s/<token>`).
async fn start(app: &TestApp) -> String {
    let r = post_form(app, "/contribute/start", &[]).await;
    let r = if r.status() == 429 {
        let page = r.text().await.unwrap();
        let code = between(&page, "name=\"q\" value=\"", "\"").expect("a check question");
        let sum = sum_asked(&page);
        post_form(
            app,
            "/contribute/start",
            &[("q", code), ("answer", &sum.to_string())],
        )
        .await
    } else {
        r
    };
    assert_eq!(r.status(), 303);
    let to = location(&r);
    assert!(to.ends_with("/step/hero"), "{to}");
    to.trim_end_matches("/step/hero").to_string()
}

/// The sum the check question asks for, read from its words as a person would
/// («Сколько будет три плюс пять?»).
fn sum_asked(page: &str) -> u32 {
    const WORDS: [&str; 9] = [
        "один",
        "два",
        "три",
        "четыре",
        "пять",
        "шесть",
        "семь",
        "восемь",
        "девять",
    ];
    let asked = between(page, "Сколько будет ", "?").expect("the question in words");
    asked
        .split(" плюс ")
        .map(|w| WORDS.iter().position(|n| *n == w).expect("a number word") as u32 + 1)
        .sum()
}

const HERO: &[(&str, &str)] = &[
    ("surname", "Ершов"),
    ("given", "Пётр"),
    ("patronymic", "Семёнович"),
    ("birth", "12.03.1915"),
    ("alive", "deceased"),
    ("fate", "killed"),
    ("unit", "1077-й стрелковый полк"),
    ("go", "next"),
];
const STORY: &[(&str, &str)] = &[
    (
        "story",
        "Ушёл на фронт в июле 1941 года.\r\n\r\nПисал: <b>«Держимся»</b>.",
    ),
    ("go", "next"),
];

fn you(email: &str) -> Vec<(&'static str, String)> {
    vec![
        ("name", "Анна Петрова".into()),
        ("relationship", "grandchild".into()),
        ("email", email.into()),
        ("go", "next".into()),
    ]
}

const CONSENT: &[(&str, &str)] = &[
    ("processing", "yes"),
    ("publication", "heir"),
    ("credit", "yes"),
    ("go", "check"),
];

/// A whole draft, filled step by step, with one photo; returns its address.
async fn filled(app: &TestApp, email: &str) -> String {
    let at = start(app).await;
    for (step, pairs) in [("hero", HERO), ("story", STORY)] {
        let r = post_form(app, &format!("{at}/step/{step}"), pairs).await;
        assert_eq!(r.status(), 303, "step {step}");
    }
    let r = post_multipart(
        app,
        &format!("{at}/files"),
        &[("caption", "Пётр Ершов, 1941"), ("date", "1941")],
        Some(("photo.jpg", &jpeg_with_gps())),
    )
    .await;
    assert_eq!(r.status(), 303);
    let pairs = you(email);
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        post_form(app, &format!("{at}/step/you"), &pairs)
            .await
            .status(),
        303
    );
    let r = post_form(app, &format!("{at}/step/consent"), CONSENT).await;
    assert_eq!(location(&r), format!("{at}/check"));
    at
}

pub(crate) fn mail_dir(app: &TestApp) -> std::path::PathBuf {
    app.media_root.parent().unwrap().join("mail")
}

/// The letters written so far, oldest first.
pub(crate) fn letters(app: &TestApp) -> Vec<String> {
    let mut paths: Vec<_> = std::fs::read_dir(mail_dir(app))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

fn open_queue(app: &TestApp) -> Vec<letopis_store::contributions::Submission> {
    app.contributions.queue(&QueueFilter::default()).unwrap()
}

#[tokio::test]
async fn a_resident_tells_about_a_hero_step_by_step() {
    let app = spawn_app().await;
    let (status, page) = app.text("/contribute").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("action=\"/contribute/start\""),
        "the start form"
    );
    assert!(
        page.contains("name=\"website\""),
        "the honeypot is in the form"
    );

    let at = start(&app).await;
    let (status, page) = app.text(&format!("{at}/step/hero")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Шаг 1 из 5: О герое"), "{page}");
    assert!(!page.contains(" checked"), "nothing is pre-ticked");

    // A missing surname and an impossible date: the step is refused with the reasons beside
    // the fields, and what was typed is kept.
    let r = post_form(
        &app,
        &format!("{at}/step/hero"),
        &[("given", "Пётр"), ("birth", "31.02.1915"), ("go", "next")],
    )
    .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(page.contains("Напишите фамилию героя."), "{page}");
    assert!(
        page.contains("дату «31.02.1915» не удалось понять"),
        "{page}"
    );
    assert!(page.contains("Отметьте, жив ли герой"));
    assert!(page.contains("aria-invalid=\"true\""));
    assert!(page.contains("value=\"Пётр\""), "typed text is kept");

    for (step, pairs) in [("hero", HERO), ("story", STORY)] {
        let r = post_form(&app, &format!("{at}/step/{step}"), pairs).await;
        assert_eq!(r.status(), 303, "{step}");
    }
    // Files: a photo is re-encoded without its GPS; a file that is not an image is refused
    // with the reason, and nothing already attached is lost.
    let r = post_multipart(
        &app,
        &format!("{at}/files"),
        &[("caption", "Пётр Ершов, 1941"), ("date", "1941")],
        Some(("photo.jpg", &jpeg_with_gps())),
    )
    .await;
    assert_eq!(r.status(), 303);
    let r = post_multipart(
        &app,
        &format!("{at}/files"),
        &[("caption", "Вирус")],
        Some(("letter.jpg", b"MZ\x90\0 not a picture at all")),
    )
    .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(page.contains("Такой файл принять нельзя"), "{page}");
    let r = post_multipart(
        &app,
        &format!("{at}/files"),
        &[("caption", "")],
        Some(("photo.jpg", &jpeg_with_gps())),
    )
    .await;
    assert_eq!(r.status(), 422, "a caption is asked for");
    let (_, page) = app.text(&format!("{at}/step/files")).await;
    let thumb = between(&page, "<img src=\"", "\"")
        .expect("a thumbnail")
        .to_string();
    let photo = app.get(thumb.trim_end_matches("?thumb=1")).await;
    assert_eq!(photo.status(), 200);
    assert_eq!(photo.headers()["cache-control"], "private, no-store");
    let bytes = photo.bytes().await.unwrap();
    assert_eq!(&bytes[..2], &[0xFF, 0xD8], "a JPEG");
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        !text.contains("GPSLatitude") && !text.contains("Exif"),
        "no EXIF left"
    );

    // About you, and consent: nothing pre-ticked, and going on without them is refused.
    let pairs = you("Anna@Example.ru");
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        post_form(&app, &format!("{at}/step/you"), &pairs)
            .await
            .status(),
        303
    );
    let r = post_form(&app, &format!("{at}/step/consent"), &[("go", "check")]).await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(page.contains("Без согласия на обработку ваших данных"));
    assert!(page.contains("Выберите основание для публикации"));
    assert!(
        !page.contains("value=\"hero_consents\""),
        "a living hero's ground is not offered for the dead"
    );
    let r = post_form(&app, &format!("{at}/step/consent"), CONSENT).await;
    assert_eq!(location(&r), format!("{at}/check"));

    // The preview shows the story as text (HTML stays text) and the credit the family chose.
    let (status, page) = app.text(&format!("{at}/check")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Ершов Пётр Семёнович"));
    assert!(
        page.contains("&#60;b&#62;«Держимся»"),
        "HTML is shown as text: {:?}",
        between(&page, "contributions-story", "</div>")
    );
    assert!(!page.contains("<b>«Держимся»"));
    assert!(page.contains("Анна Петрова, внук или внучка"));
    assert!(page.contains("action=\"") && page.contains("/send\""));

    // Until sent, nothing reaches moderators or the public.
    assert!(open_queue(&app).is_empty());
    let (_, persons) = app.text("/persons").await;
    assert!(!persons.contains("Ершов"));

    let r = post_form(&app, &format!("{at}/send"), &[]).await;
    assert_eq!(location(&r), format!("{at}?note=sent"));
    let (_, page) = app.text(&location(&r)).await;
    assert!(page.contains("Рассказ отправлен"));
    assert!(page.contains("получено"));
    let queued = open_queue(&app);
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].status, Status::Received);
    assert!(!queued[0].email_confirmed);
    // Sent means sent: the steps lead to the status page now.
    let r = app.get(&format!("{at}/step/hero")).await;
    assert_eq!(location(&r), at);
    let r = post_form(&app, &format!("{at}/step/hero"), HERO).await;
    assert_eq!(location(&r), at);

    // The letter carries a private link that confirms the address.
    let letter = letters(&app)
        .into_iter()
        .find(|l| l.contains("?confirm="))
        .expect("a letter");
    assert!(letter.contains("To: Anna@Example.ru"));
    let link = letter
        .lines()
        .find(|l| l.contains("?confirm="))
        .expect("a confirmation link")
        .trim();
    let path = &link[link.find("/contribute/").unwrap()..];
    // Opening the link (as a mail scanner does) confirms nothing: it offers a button.
    let (status, page) = app.text(path).await;
    assert_eq!(status, 200);
    assert!(page.contains("Подтвердить адрес"), "{page}");
    let confirmed = |app: &TestApp| {
        app.contributions
            .submission(queued[0].id)
            .unwrap()
            .unwrap()
            .email_confirmed
    };
    assert!(!confirmed(&app), "a GET must not confirm");
    // A wrong secret pressed through the button is refused and confirms nothing.
    let r = post_form(
        &app,
        &format!("{at}/confirm"),
        &[("confirm", &"0".repeat(64))],
    )
    .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Ссылка для подтверждения устарела")
    );
    assert!(!confirmed(&app));
    // The button confirms.
    let secret = between(&page, "name=\"confirm\" value=\"", "\"").expect("the secret");
    let r = post_form(&app, &format!("{at}/confirm"), &[("confirm", secret)]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), format!("{at}?note=confirmed"));
    let (_, page) = app.text(&location(&r)).await;
    assert!(page.contains("Адрес электронной почты подтверждён"));
    assert!(confirmed(&app));
}

#[tokio::test]
async fn the_status_link_answers_questions_and_withdraws() {
    let app = spawn_app().await;
    let at = filled(&app, "anna@example.ru").await;
    assert_eq!(
        post_form(&app, &format!("{at}/send"), &[]).await.status(),
        303
    );
    let id = open_queue(&app)[0].id;
    let moderator = app
        .accounts
        .create_user(
            &letopis_store::accounts::NewUser {
                email: letopis_core::account::Email::parse("m@example.ru").unwrap(),
                display_name: "Модератор".into(),
                roles: vec![letopis_core::account::Role::Expert],
            },
            None,
        )
        .unwrap();
    let by = Some((moderator, "Модератор".to_string()));
    let now = jiff::Timestamp::now();
    app.contributions
        .add_event(
            id,
            EventKind::Question,
            &by,
            "В каком полку он служил в 1942-м?",
            now,
        )
        .unwrap();
    app.contributions
        .move_to(id, Status::NeedsInfo, &by, "", now)
        .unwrap();

    let (_, page) = app.text(&at).await;
    assert!(page.contains("В каком полку он служил в 1942-м?"));
    assert!(page.contains("Ответить модератору"));

    // An empty answer is refused; a real one, with a scan, goes back to the moderator.
    let r = post_multipart(&app, &format!("{at}/answer"), &[("text", " ")], None).await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Напишите ответ или приложите файл.")
    );
    let r = post_multipart(
        &app,
        &format!("{at}/answer"),
        &[
            ("text", "В 1077-м, потом в 316-й дивизии."),
            ("caption", "Наградной лист"),
        ],
        Some(("award.jpg", &jpeg_with_gps())),
    )
    .await;
    assert_eq!(location(&r), format!("{at}?note=answered"));
    let s = app.contributions.submission(id).unwrap().unwrap();
    assert_eq!(s.status, Status::InModeration);
    let events = app.contributions.events(id).unwrap();
    assert!(
        events
            .iter()
            .any(|e| e.kind == EventKind::Answer && e.body.contains("316-й"))
    );
    let files = app.contributions.files(id).unwrap();
    assert_eq!(files.len(), 2);
    assert!(files[1].late);
    let blob = |sha: &str| {
        app.media_root
            .join(&sha[..2])
            .join(&sha[2..4])
            .join(sha)
            .exists()
    };
    assert!(files.iter().all(|f| blob(&f.sha256)));

    // Withdrawing asks for a clear yes, then erases everything the family sent.
    let r = post_form(&app, &format!("{at}/withdraw"), &[]).await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("отметьте «Да, я хочу отозвать рассказ»")
    );
    let r = post_form(&app, &format!("{at}/withdraw"), &[("sure", "yes")]).await;
    assert_eq!(location(&r), format!("{at}?note=withdrawn"));
    let s = app.contributions.submission(id).unwrap().unwrap();
    assert_eq!(s.status, Status::Withdrawn);
    assert!(s.content.hero.surname.is_empty() && s.content.contributor.email.is_empty());
    assert!(app.contributions.files(id).unwrap().is_empty());
    assert!(files.iter().all(|f| !blob(&f.sha256)), "the files are gone");
    let (_, page) = app.text(&at).await;
    assert!(page.contains("отозвано"));
    assert!(!page.contains("316-й"), "the answer's words are erased");
    assert!(
        letters(&app)
            .iter()
            .any(|l| l.contains("отозван по вашей просьбе"))
    );
}

#[tokio::test]
async fn bots_and_floods_are_slowed_without_a_captcha() {
    let app = spawn_app().await;
    // The honeypot: nothing is kept.
    let r = post_form(
        &app,
        "/contribute/start",
        &[("website", "http://spam.example")],
    )
    .await;
    assert_eq!(location(&r), "/contribute");
    let day = jiff::ZonedDateTime::now().date();
    let origin = hex::encode(Sha256::digest(
        format!("letopis-origin:{day}:127.0.0.1").as_bytes(),
    ));
    let hour_ago = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(1);
    assert_eq!(
        app.contributions.started_from(&origin, hour_ago).unwrap(),
        0
    );

    // Past five drafts an hour from one address, a question in words is asked (429 until
    // answered); a wrong answer gets a new question; the right one goes on.
    for _ in 0..5 {
        assert_eq!(
            post_form(&app, "/contribute/start", &[]).await.status(),
            303
        );
    }
    let r = post_form(&app, "/contribute/start", &[]).await;
    assert_eq!(r.status(), 429);
    let page = r.text().await.unwrap();
    assert!(page.contains("Сколько будет"), "{page}");
    let code = between(&page, "name=\"q\" value=\"", "\"")
        .unwrap()
        .to_string();
    let r = post_form(
        &app,
        "/contribute/start",
        &[("q", &code), ("answer", "100")],
    )
    .await;
    assert_eq!(r.status(), 429);
    assert!(r.text().await.unwrap().contains("Ответ неверный"));
    // The question's state is on the server: two numbers and their sum in the form (what the
    // form once carried) skip nothing, and neither does a question already answered.
    let r = post_form(&app, "/contribute/start", &[("q", "7-7"), ("answer", "14")]).await;
    assert_eq!(
        r.status(),
        429,
        "an invented question is not a question asked"
    );
    let page = r.text().await.unwrap();
    let code = between(&page, "name=\"q\" value=\"", "\"")
        .unwrap()
        .to_string();
    let sum = sum_asked(&page).to_string();
    let r = post_form(&app, "/contribute/start", &[("q", &code), ("answer", &sum)]).await;
    assert_eq!(
        r.status(),
        303,
        "the right answer to the question asked goes on"
    );
    let r = post_form(&app, "/contribute/start", &[("q", &code), ("answer", &sum)]).await;
    assert_eq!(r.status(), 429, "a question is answered once");
    start(&app).await;
    assert_eq!(
        app.contributions.started_from(&origin, hour_ago).unwrap(),
        7
    );

    // Sending is limited per e-mail address a day.
    for _ in 0..5 {
        let at = filled(&app, "flood@example.ru").await;
        assert_eq!(
            location(&post_form(&app, &format!("{at}/send"), &[]).await),
            format!("{at}?note=sent")
        );
    }
    let at = filled(&app, "flood@example.ru").await;
    let r = post_form(&app, &format!("{at}/send"), &[]).await;
    assert_eq!(r.status(), 429);
    assert!(r.text().await.unwrap().contains("черновик сохранён"));
    let (_, page) = app.text(&format!("{at}/check")).await;
    assert!(page.contains("Ершов"), "the draft is kept");
}

#[tokio::test]
async fn private_addresses_are_guarded_and_bilingual() {
    let app = spawn_app().await;
    for bad in [
        "/contribute/s/abc",
        &format!("/contribute/s/{}", "f".repeat(64)),
    ] {
        assert_eq!(app.get(bad).await.status(), 404, "{bad}");
    }
    let at = start(&app).await;
    let r = app.get(&format!("{at}/step/nowhere")).await;
    assert_eq!(r.status(), 404);
    let r = app.get(&format!("{at}/step/hero?lang=en")).await;
    assert_eq!(r.headers()["x-robots-tag"], "noindex, nofollow");
    assert_eq!(r.headers()["cache-control"], "private, no-store");
    let page = r.text().await.unwrap();
    assert!(page.contains("Step 1 of 5: The hero"), "{page}");
    assert!(
        !page.contains("rel=\"alternate\" hreflang"),
        "no language alternates name the secret address"
    );
    let r = post_form(&app, &format!("{at}/step/hero?lang=en"), &[("go", "next")]).await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Please write the hero&#39;s surname.")
    );
    // The home page and every person page lead here.
    let (_, home) = app.text("/").await;
    assert!(home.contains("href=\"/contribute\""));
}

#[tokio::test]
async fn a_story_started_from_a_person_page_names_the_hero() {
    use letopis_core::Body;
    use letopis_store::Draft;
    use letopis_store::contract::fallen;
    let app = spawn_app().await;
    let shown = app.create(Draft::published(Body::Person(fallen("Зуев", "Иван"))));
    app.public_interest(&shown);
    let hidden = app.create(Draft::published(Body::Person(fallen("Тайнов", "Пётр"))));
    let (_, page) = app.text(&shown.page()).await;
    assert!(
        page.contains(&format!("/contribute?about={}", shown.id.0)),
        "«Знаете больше? Дополните»"
    );
    let (_, page) = app.text(&format!("/contribute?about={}", shown.id.0)).await;
    assert!(page.contains(&format!("name=\"about\" value=\"{}\"", shown.id.0)));

    let r = post_form(
        &app,
        "/contribute/start",
        &[("about", &shown.id.0.to_string())],
    )
    .await;
    let at = location(&r);
    let (_, page) = app.text(&at).await;
    assert!(
        page.contains("value=\"Зуев\"") && page.contains("value=\"Иван\""),
        "{page}"
    );
    assert!(page.contains("Вы дополняете запись"));
    let id = app
        .contributions
        .by_token(&sha_hex(&at))
        .unwrap()
        .unwrap()
        .about;
    assert_eq!(id, Some(shown.id));

    // A record the visitor may not see is neither named nor tied: the address confirms nothing.
    let r = post_form(
        &app,
        "/contribute/start",
        &[("about", &hidden.id.0.to_string())],
    )
    .await;
    let at = location(&r);
    let (_, page) = app.text(&at).await;
    assert!(!page.contains("Тайнов"));
    assert_eq!(
        app.contributions
            .by_token(&sha_hex(&at))
            .unwrap()
            .unwrap()
            .about,
        None
    );
}

/// The hash the store keeps of the secret in a private address.
fn sha_hex(address: &str) -> String {
    let token = address
        .trim_start_matches("/contribute/s/")
        .split('/')
        .next()
        .unwrap();
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[tokio::test]
async fn a_story_begun_in_english_is_answered_in_english() {
    let app = spawn_app().await;
    let r = post_form(&app, "/contribute/start?lang=en", &[]).await;
    let at = location(&r).trim_end_matches("/step/hero").to_string();
    let s = app.contributions.by_token(&sha_hex(&at)).unwrap().unwrap();
    assert_eq!(s.lang, "en");
    for (step, pairs) in [("hero", HERO), ("story", STORY)] {
        assert_eq!(
            post_form(&app, &format!("{at}/step/{step}"), pairs)
                .await
                .status(),
            303
        );
    }
    let pairs = you("john@example.org");
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        post_form(&app, &format!("{at}/step/you"), &pairs)
            .await
            .status(),
        303
    );
    assert_eq!(
        post_form(&app, &format!("{at}/step/consent"), CONSENT)
            .await
            .status(),
        303
    );
    assert_eq!(
        post_form(&app, &format!("{at}/send"), &[]).await.status(),
        303
    );
    let letter = letters(&app)
        .into_iter()
        .find(|l| l.contains("To: john@example.org"))
        .expect("a letter");
    assert!(
        letter.contains("Thank you for telling us about your hero"),
        "{letter}"
    );
    assert!(letter.contains("?confirm="));
}
