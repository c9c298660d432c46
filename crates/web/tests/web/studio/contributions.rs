//! The moderators' side of «Герои города» (issue #7) over HTTP, on a real server with a real
//! SQLite base and search index: the queue, the private address shown on request and audited,
//! a question by letter, duplicates for inflected and misspelt names, a merge with chosen
//! fields and one photo, the family's story beside the museum's biography, the bans enforced,
//! a decline, permissions, and a withdrawal that closes, restores and erases.

use super::{Session, add_user, location, sign_in};
use crate::support::{TestApp, spawn_searchable_app};
use letopis_core::account::Role;
use letopis_core::consent::{ConsentKind, NewConsent};
use letopis_core::contribution::{
    Alive, Basis, ConsentGiven, Contribution, Contributor, Hero, Relationship, Status,
};
use letopis_core::entities::{Fate, Person};
use letopis_core::history::{Actor, Subject};
use letopis_core::names::PersonName;
use letopis_core::{Body, Edtf, RecordId};
use letopis_store::contributions::{EventKind, NewFile, NewSubmission};
use letopis_store::{Draft, Op, Store};

const BIOGRAPHY: &str = "По данным военкомата, пропал без вести в 1942 году.";
const PHOTO_KEPT: &str = "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1";
const PHOTO_LEFT: &str = "b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2";

/// «Ершов Пётр Семёнович», missing since 1942, published under the group's decision.
fn seed_hero(store: &dyn Store) -> RecordId {
    let person = Person {
        name: PersonName::new("Ершов", "Пётр", "Семёнович"),
        birth: Edtf::parse("1915").ok(),
        living: Some(false),
        fate: Some(Fate::Missing),
        biography: BIOGRAPHY.into(),
        ..Person::default()
    };
    let decision = NewConsent {
        kind: ConsentKind::PublicInterest,
        subject: None,
        granted_by: "Рабочая группа".into(),
        covers: vec![],
        scope: vec![],
        bans: vec![],
        document: None,
        signed_on: letopis_core::today(),
        valid_until: None,
        note: None,
    };
    let out = store
        .apply(
            &Actor::user(letopis_core::UserId(1), "Редактор"),
            vec![
                Op::Create(Draft::published(Body::Person(person))),
                Op::AddConsentCovering {
                    consent: decision,
                    earlier: vec![0],
                    subject_earlier: None,
                },
            ],
            letopis_core::today(),
        )
        .expect("seeded");
    out[0].record_id().expect("person")
}

fn hero(surname: &str, given: &str, patronymic: &str) -> Hero {
    Hero {
        surname: surname.into(),
        given: given.into(),
        patronymic: patronymic.into(),
        birth_typed: "1915".into(),
        birth: Edtf::parse("1915").ok(),
        alive: Some(Alive::Deceased),
        fate: Some(Fate::Killed),
        unit: "1077-й стрелковый полк".into(),
        ..Hero::default()
    }
}

fn contribution(hero: Hero, email: &str) -> Contribution {
    Contribution {
        hero,
        story: "Ушёл на фронт в июле 1941 года.\n\nПисал <b>маме</b> из-под Химок.".into(),
        contributor: Contributor {
            name: "Анна Петрова".into(),
            relationship: Some(Relationship::Grandchild),
            relationship_note: "внучка".into(),
            email: email.into(),
        },
        consent: ConsentGiven {
            processing: true,
            publication: Some(Basis::Heir),
            credit: true,
            ..ConsentGiven::default()
        },
    }
}

/// A sent submission, as the resident's form leaves it (the form is built elsewhere).
fn submit(
    app: &TestApp,
    key: &str,
    content: &Contribution,
    photos: &[&str],
    confirm: bool,
    about: Option<RecordId>,
) -> letopis_core::SubmissionId {
    let now = jiff::Timestamp::now();
    let store = &app.contributions;
    let id = store
        .start(
            NewSubmission {
                token_hash: format!("token-{key}"),
                origin: "origin".into(),
                about,
                lang: "ru".into(),
            },
            now,
        )
        .expect("draft");
    store.save(id, content, now).expect("saved");
    for (n, sha) in photos.iter().enumerate() {
        app.put_media(sha, b"\xFF\xD8\xFF photo bytes");
        store
            .add_file(
                id,
                NewFile {
                    sha256: (*sha).into(),
                    mime: "image/jpeg".into(),
                    width: Some(800),
                    height: Some(600),
                    caption: format!("Фотография {} с фронта", n + 1),
                    date: "1943".into(),
                },
                false,
                now,
            )
            .expect("file");
    }
    store
        .send(id, &format!("confirm-{key}"), now)
        .expect("sent");
    if confirm {
        store
            .confirm_email(&format!("confirm-{key}"), now)
            .expect("confirmed");
    }
    id
}

fn status(app: &TestApp, id: letopis_core::SubmissionId) -> Status {
    app.contributions
        .submission(id)
        .expect("read")
        .expect("exists")
        .status
}

fn letters(app: &TestApp) -> usize {
    let dir = app.media_root.parent().expect("data dir").join("mail");
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
                .count()
        })
        .unwrap_or(0)
}

fn file_ids(app: &TestApp, id: letopis_core::SubmissionId) -> Vec<letopis_core::SubmissionFileId> {
    app.contributions
        .files(id)
        .expect("files")
        .iter()
        .map(|f| f.id)
        .collect()
}

async fn person_page(app: &TestApp, person: RecordId) -> String {
    let slug = app
        .store
        .get(person)
        .expect("read")
        .expect("person")
        .record
        .meta
        .slug;
    let (code, html) = app.text(&format!("/persons/{slug}")).await;
    assert_eq!(code, 200, "{html}");
    html
}

async fn post_ok(app: &TestApp, s: &Session, path: &str, fields: &[(&str, &str)]) {
    let r = s.post(app, path, fields).await;
    let code = r.status().as_u16();
    let to = location(&r);
    assert_eq!(code, 303, "{path}: {}", r.text().await.unwrap_or_default());
    assert!(to.starts_with("/studio/contributions/"), "{to}");
}

#[tokio::test]
async fn a_moderator_merges_a_family_story_beside_the_museums_biography() {
    let mut seeded = None;
    let app = spawn_searchable_app(|store| seeded = Some(seed_hero(store))).await;
    let person = seeded.expect("seeded");
    add_user(&app, "expert@example.ru", "Эксперт Ольга", &[Role::Expert]);
    add_user(
        &app,
        "volunteer@example.ru",
        "Волонтёр Иван",
        &[Role::Volunteer],
    );
    let inflected = submit(
        &app,
        "a",
        &contribution(hero("Ершова", "Петра", "Семёновича"), "anna@example.ru"),
        &[PHOTO_KEPT, PHOTO_LEFT],
        true,
        Some(person),
    );
    let mut misspelt = contribution(hero("Ершев", "Пётр", ""), "boris@example.ru");
    misspelt.consent.ban_photos = true;
    let banned = submit(&app, "b", &misspelt, &[PHOTO_LEFT], true, None);
    let s = sign_in(&app, "expert@example.ru").await;

    // The queue lists both, with the likely duplicate marked; the address is not there.
    let (code, html) = s.get(&app, "/studio/contributions").await;
    assert_eq!(code, 200, "{html}");
    for needle in [
        format!("/studio/contributions/{inflected}"),
        format!("/studio/contributions/{banned}"),
        "внук или внучка (внучка)".to_string(),
        "возможно, уже есть в базе".to_string(),
    ] {
        assert!(html.contains(&needle), "{needle} missing from the queue");
    }
    assert!(!html.contains("anna@example.ru"));
    let (_, html) = s.get(&app, "/studio/contributions?q=Ершев").await;
    assert!(html.contains(&format!("/studio/contributions/{banned}\"")));
    assert!(!html.contains(&format!("/studio/contributions/{inflected}\"")));

    // The address only on request, and the view is audited.
    let page = format!("/studio/contributions/{inflected}");
    let (code, html) = s.get(&app, &page).await;
    assert_eq!(code, 200);
    assert!(!html.contains("anna@example.ru"), "the address is private");
    assert!(html.contains("Показать адрес"));
    assert!(
        html.contains(&format!("?merge={}#merge-title\">сравнить с ней", person.0)),
        "the page the resident started from is offered for comparison"
    );
    assert!(
        html.contains("Писал &#60;b&#62;маме") && !html.contains("<b>маме"),
        "HTML is shown as text"
    );
    let r = s.post(&app, &format!("{page}/email"), &[]).await;
    assert_eq!(r.status(), 200);
    assert!(r.text().await.expect("body").contains("anna@example.ru"));
    let audit = app.accounts.audit_log(0, 50).expect("audit").items;
    assert!(
        audit.iter().any(|e| e.action == "view_private"
            && e.subject.as_deref() == Some(&format!("submission:{inflected}"))
            && e.actor == "Эксперт Ольга"),
        "{audit:?}"
    );

    // Duplicates with reasons: the inflected name and the misspelt one both find the hero.
    let person_link = format!("/studio/records/{}", person.0);
    assert!(html.contains(&person_link) && html.contains("фамилия совпадает: Ершов"));
    let (_, other) = s
        .get(&app, &format!("/studio/contributions/{banned}"))
        .await;
    assert!(other.contains(&person_link), "Ершев finds Ершов");
    assert!(other.contains("фамилия почти совпадает"), "{other}");
    assert!(
        other.contains(&format!("/studio/contributions/{inflected}\"")),
        "and the other family's submission about him"
    );

    // Take it, ask a question: a letter goes and the submission waits.
    post_ok(&app, &s, &format!("{page}/take"), &[]).await;
    assert_eq!(status(&app, inflected), Status::InModeration);
    let before = letters(&app);
    post_ok(
        &app,
        &s,
        &format!("{page}/ask"),
        &[("question", "В какой части он служил в 1943 году?")],
    )
    .await;
    assert_eq!(status(&app, inflected), Status::NeedsInfo);
    assert_eq!(letters(&app), before + 1, "the question went by letter");
    app.contributions
        .add_event(
            inflected,
            EventKind::Answer,
            &None,
            "В 1077-м полку.",
            jiff::Timestamp::now(),
        )
        .expect("answer");
    app.contributions
        .move_to(
            inflected,
            Status::InModeration,
            &None,
            "",
            jiff::Timestamp::now(),
        )
        .expect("back");

    // Edit the inflected name before publishing; the family's words stay in the history.
    let mut edit = vec![
        ("surname", "Ершов"),
        ("given", "Пётр"),
        ("patronymic", "Семёнович"),
        ("birth", "1915"),
        ("alive", "deceased"),
        ("fate", "killed"),
        ("unit", "1077-й стрелковый полк"),
    ];
    let story = "Ушёл на фронт в июле 1941 года.\n\nПисал <b>маме</b> из-под Химок.";
    edit.push(("story", story));
    post_ok(&app, &s, &format!("{page}/edit"), &edit).await;
    let events = app.contributions.events(inflected).expect("events");
    assert!(
        events.iter().any(|e| e.kind == EventKind::Note
            && e.body.contains("Ершова")
            && e.body.contains("Фамилия")),
        "{events:?}"
    );

    // The differences table; the museum's fate differs, the unit is new.
    let (code, html) = s.get(&app, &format!("{page}?merge={}", person.0)).await;
    assert_eq!(code, 200, "{html}");
    assert!(html.contains("пропал без вести") && html.contains("погиб"));
    let version = super::between(&html, "name=\"version\" value=\"", "\"")
        .expect("version")
        .to_string();

    // A stale comparison is refused with the page, and nothing is published.
    let ids = file_ids(&app, inflected);
    let pid = person.0.to_string();
    let r = s
        .post(
            &app,
            &format!("{page}/publish"),
            &[
                ("person", pid.as_str()),
                ("version", "0"),
                ("field", "unit"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("изменили, пока вы сравнивали")
    );
    assert_eq!(status(&app, inflected), Status::InModeration);

    // Publish: the unit and one photo of two.
    let before = letters(&app);
    let photo = ids[0].to_string();
    post_ok(
        &app,
        &s,
        &format!("{page}/publish"),
        &[
            ("person", pid.as_str()),
            ("version", version.as_str()),
            ("field", "unit"),
            ("photo", photo.as_str()),
        ],
    )
    .await;
    let sub = app
        .contributions
        .submission(inflected)
        .expect("read")
        .expect("it");
    assert_eq!(sub.status, Status::Published);
    assert_eq!(sub.person, Some(person));
    assert_eq!(letters(&app), before + 1, "the family is told");
    let story_id = sub.story.expect("family story");
    let audit = app.accounts.audit_log(0, 50).expect("audit").items;
    assert!(
        audit
            .iter()
            .any(|e| e.action == "submission_publish"
                && e.detail.contains("поля: Часть; фотографий: 1")),
        "{audit:?}"
    );

    let html = person_page(&app, person).await;
    assert!(html.contains(BIOGRAPHY), "the museum's biography stays");
    assert!(html.contains("пропал без вести"), "the museum's fate stays");
    assert!(html.contains("Рассказ семьи"));
    assert!(html.contains("Рассказала семья: Анна Петрова, внучка"));
    assert!(html.contains("Ушёл на фронт в июле 1941 года."));
    assert!(html.contains("Писал &#60;b&#62;маме") && !html.contains("<b>маме"));
    assert!(html.contains("1077-й стрелковый полк"));
    assert!(
        html.contains("со слов семьи: Анна Петрова, внучка"),
        "provenance"
    );
    assert!(html.contains(&format!("/media/{PHOTO_KEPT}")));
    assert!(html.contains("Фотография 1 с фронта"));
    assert!(!html.contains(PHOTO_LEFT), "only the chosen photo");
    assert_eq!(app.get(&format!("/media/{PHOTO_KEPT}")).await.status(), 200);
    let slug = app
        .store
        .get(person)
        .expect("read")
        .expect("it")
        .record
        .meta
        .slug;
    let (_, english) = app.text(&format!("/persons/{slug}?lang=en")).await;
    for needle in [
        "The family&#39;s story",
        "Told by the family: Анна Петрова, внучка",
        "according to the family: Анна Петрова, внучка",
    ] {
        assert!(english.contains(needle), "{needle} missing in English");
    }
    let (_, stories) = app.text("/stories").await;
    assert!(!stories.contains("Рассказ семьи"), "not a curated story");
    // A link to the family's story (from search, the feed) is read on the hero's page.
    let story_slug = app
        .store
        .get(story_id)
        .expect("read")
        .expect("it")
        .record
        .meta
        .slug;
    let r = app.get(&format!("/stories/{story_slug}")).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), format!("/persons/{slug}#family-account-1"));
    let (_, home) = app.text("/").await;
    assert!(!home.contains("Рассказ семьи"), "not on the home page");

    // The ban on photos holds even when the form sends one; nothing is published.
    let other_page = format!("/studio/contributions/{banned}");
    let banned_photo = file_ids(&app, banned)[0].to_string();
    let r = s
        .post(
            &app,
            &format!("{other_page}/publish"),
            &[("photo", banned_photo.as_str())],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("запретила публиковать фотографии")
    );
    assert_eq!(status(&app, banned), Status::Received);

    // Declined with a reason, and told.
    let before = letters(&app);
    post_ok(
        &app,
        &s,
        &format!("{other_page}/decline"),
        &[
            ("reason", "duplicate"),
            ("note", "Рассказ о нём уже опубликован."),
        ],
    )
    .await;
    let declined = app
        .contributions
        .submission(banned)
        .expect("read")
        .expect("it");
    assert_eq!(declined.status, Status::Declined);
    assert_eq!(letters(&app), before + 1);

    // A volunteer has no say here.
    let v = sign_in(&app, "volunteer@example.ru").await;
    assert_eq!(v.get(&app, "/studio/contributions").await.0, 403);
    assert_eq!(v.get(&app, &page).await.0, 403);
    let r = v
        .post(
            &app,
            &format!("{page}/withdraw"),
            &[("how", "x"), ("confirm", "on")],
        )
        .await;
    assert_eq!(r.status(), 403);

    // Withdrawal asked by phone: closed, restored, erased.
    post_ok(
        &app,
        &s,
        &format!("{page}/withdraw"),
        &[("how", "звонок 26 ноября"), ("confirm", "on")],
    )
    .await;
    let html = person_page(&app, person).await;
    assert!(html.contains(BIOGRAPHY));
    assert!(
        !html.contains("Рассказ семьи"),
        "the family's story is closed"
    );
    assert!(
        !html.contains("1077-й"),
        "the unit the family gave is taken back"
    );
    assert!(!html.contains("со слов семьи"));
    let (code, _) = app.text(&format!("/stories/{}", story_id.0)).await;
    assert_eq!(code, 410, "the family's story is withdrawn");
    assert_eq!(app.get(&format!("/media/{PHOTO_KEPT}")).await.status(), 404);
    let history = format!(
        "{:?}",
        app.store
            .history(Subject::Record(story_id))
            .expect("history")
    );
    assert!(
        !history.contains("Ушёл на фронт"),
        "erased from every revision"
    );
    assert!(!history.contains(PHOTO_KEPT));
    let gone = app
        .media_root
        .join(&PHOTO_KEPT[0..2])
        .join(&PHOTO_KEPT[2..4])
        .join(PHOTO_KEPT);
    assert!(!gone.exists(), "the photo's file is removed");
    let sub = app
        .contributions
        .submission(inflected)
        .expect("read")
        .expect("shell");
    assert_eq!(sub.status, Status::Withdrawn);
    assert_eq!(sub.content, Contribution::default());

    // A declined story can be withdrawn too: the family's words and address are erased.
    post_ok(
        &app,
        &s,
        &format!("{other_page}/withdraw"),
        &[("how", "письмо от 27 ноября"), ("confirm", "on")],
    )
    .await;
    let sub = app
        .contributions
        .submission(banned)
        .expect("read")
        .expect("shell");
    assert_eq!(sub.status, Status::Withdrawn);
    assert_eq!(sub.content, Contribution::default());
    let left = app
        .media_root
        .join(&PHOTO_LEFT[0..2])
        .join(&PHOTO_LEFT[2..4])
        .join(PHOTO_LEFT);
    assert!(!left.exists(), "no submission holds the photo any more");
}

#[tokio::test]
async fn a_new_hero_is_published_only_once_the_address_is_confirmed() {
    let app = spawn_searchable_app(|_| {}).await;
    add_user(&app, "expert@example.ru", "Эксперт Ольга", &[Role::Expert]);
    let mut content = contribution(
        hero("Лукьянов", "Гавриил", "Владимирович"),
        "vera@example.ru",
    );
    content.consent.ban_dates = true;
    content.consent.credit = false;
    let id = submit(&app, "c", &content, &[PHOTO_KEPT], false, None);
    let s = sign_in(&app, "expert@example.ru").await;
    let page = format!("/studio/contributions/{id}");
    let photo = file_ids(&app, id)[0].to_string();

    let r = s
        .post(
            &app,
            &format!("{page}/publish"),
            &[("photo", photo.as_str())],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("не подтвердил адрес")
    );
    assert_eq!(status(&app, id), Status::Received);

    app.contributions
        .confirm_email("confirm-c", jiff::Timestamp::now())
        .expect("confirmed");
    post_ok(
        &app,
        &s,
        &format!("{page}/publish"),
        &[("photo", photo.as_str())],
    )
    .await;
    let sub = app.contributions.submission(id).expect("read").expect("it");
    let person = sub.person.expect("a new person");
    let html = person_page(&app, person).await;
    assert!(html.contains("Лукьянов Гавриил Владимирович"));
    assert!(
        html.contains("Рассказ семьи") && !html.contains("Рассказала семья"),
        "no name without consent"
    );
    assert!(
        html.contains("со слов семьи") && html.contains("1077-й стрелковый полк"),
        "{html}"
    );
    assert!(!html.contains("1915"), "the family banned dates");

    post_ok(
        &app,
        &s,
        &format!("{page}/withdraw"),
        &[("how", "письмо"), ("confirm", "on")],
    )
    .await;
    let (code, _) = app.text(&format!("/persons/{}", person.0)).await;
    assert_eq!(
        code, 410,
        "the hero the family brought goes with their story"
    );
}
