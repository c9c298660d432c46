//! «Живые голоса» in the studio over HTTP (issue #6): every new route against every role, a
//! narrator's private data hidden from those not assigned and every view of it logged, the
//! stage checklists and the publication check through the access gate, a distress note's task
//! and letter, versioned question guides, and the council's hours.

use crate::studio::{Session, add_user, between, location, sign_in, sign_in_or_forbidden};
use crate::support::{TestApp, spawn_app};
use letopis_core::account::{Permission, Role};
use letopis_core::consent::{ConsentKind, NewConsent};
use letopis_core::entities::{Interview, MediaRef, Person, Recording};
use letopis_core::history::Actor;
use letopis_core::names::PersonName;
use letopis_core::{Body, Edtf, Workflow};
use letopis_store::{Draft, Op};

/// The id at the end of a redirect such as `/studio/narrators/5?done=narrator`.
fn id_in<T: std::str::FromStr>(to: &str, prefix: &str) -> T {
    to.trim_start_matches(prefix)
        .split('?')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("an id in {to}"))
}

async fn create_narrator(
    app: &TestApp,
    s: &Session,
    fields: &[(&str, &str)],
) -> letopis_core::NarratorId {
    let r = s.post(app, "/studio/narrators/new", fields).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    id_in(&location(&r), "/studio/narrators/")
}

async fn create_project(
    app: &TestApp,
    s: &Session,
    fields: &[(&str, &str)],
) -> letopis_core::ProjectId {
    let r = s.post(app, "/studio/projects/new", fields).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    id_in(&location(&r), "/studio/projects/")
}

fn audits(app: &TestApp, action: &str, subject: &str) -> i64 {
    let log = app.accounts.audit_log(0, 10_000).expect("audit log");
    log.items
        .iter()
        .filter(|e| e.action == action && e.subject.as_deref() == Some(subject))
        .count() as i64
}

fn this_quarter() -> String {
    let d = letopis_core::today();
    format!("{}-Q{}", d.year(), (d.month() - 1) / 3 + 1)
}

#[tokio::test]
async fn every_oral_route_answers_sign_in_or_403_by_role() {
    let app = spawn_app().await;
    add_user(&app, "root@example.ru", "Администратор", &[Role::Admin]);
    let vera = add_user(&app, "vera@example.ru", "Волонтёр Вера", &[Role::Volunteer]);
    let psy = add_user(
        &app,
        "psy@example.ru",
        "Психолог Павел",
        &[Role::Psychologist],
    );
    for role in Role::ALL {
        add_user(
            &app,
            &format!("{}@example.ru", role.code()),
            role.label_ru(),
            &[role],
        );
    }
    let admin = sign_in(&app, "root@example.ru").await;
    let narrator = create_narrator(
        &app,
        &admin,
        &[
            ("name", "Ершова Анна Петровна"),
            ("category", "child_of_war"),
            ("phone", "+7 916 555-12-34"),
        ],
    )
    .await;
    let project = create_project(
        &app,
        &admin,
        &[
            ("title", "Детство в Химках"),
            ("narrator", &narrator.to_string()),
            ("interviewer", &vera.to_string()),
            ("psychologist", &psy.to_string()),
        ],
    )
    .await;
    let (_, guides) = admin.get(&app, "/studio/guides").await;
    let guide = between(&guides, "<td><a href=\"/studio/guides/", "\"").expect("a seeded guide");
    let card = format!("/studio/narrators/{narrator}");
    let private = format!("{card}/private");
    let page = format!("/studio/projects/{project}");
    // (path, who may open it; `None`: coordinators and the people the project names)
    let pages: Vec<(String, Option<Permission>)> = vec![
        ("/studio/narrators".into(), Some(Permission::Edit)),
        (
            "/studio/narrators/new".into(),
            Some(Permission::CoordinateInterviews),
        ),
        (card.clone(), None),
        (private.clone(), None),
        ("/studio/projects".into(), Some(Permission::Edit)),
        (
            "/studio/projects/new".into(),
            Some(Permission::CoordinateInterviews),
        ),
        (page.clone(), None),
        ("/studio/guides".into(), Some(Permission::Edit)),
        ("/studio/guides/new".into(), Some(Permission::Review)),
        (format!("/studio/guides/{guide}"), Some(Permission::Edit)),
        (
            format!("/studio/guides/{guide}/versions/1"),
            Some(Permission::Edit),
        ),
    ];
    let posts = [
        "/studio/narrators/new".to_string(),
        card.clone(),
        private.clone(),
        "/studio/projects/new".into(),
        format!("{page}/plan"),
        format!("{page}/materials"),
        format!("{page}/stage"),
        format!("{page}/support"),
        "/studio/tasks/1/done".into(),
        "/studio/guides/new".into(),
        format!("/studio/guides/{guide}"),
    ];
    for (path, _) in &pages {
        let r = app.get(path).await;
        assert_eq!(r.status(), 303, "anonymous {path}");
        assert!(location(&r).starts_with("/studio/sign-in?next="), "{path}");
    }
    for path in &posts {
        let r = app
            .client
            .post(app.url(path))
            .form(&[("name", "x")])
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), 303, "anonymous POST {path}");
    }
    // Nobody of these roles is named by the project: only coordinators open its pages.
    for role in Role::ALL {
        let cookie = sign_in_or_forbidden(&app, &format!("{}@example.ru", role.code())).await;
        for (path, need) in &pages {
            let allowed = role.grants(need.unwrap_or(Permission::CoordinateInterviews));
            let (status, body) = app.text_with(path, &[("cookie", &cookie)]).await;
            assert_eq!(
                status,
                if allowed { 200 } else { 403 },
                "{role:?} GET {path}"
            );
            if !allowed {
                assert!(!body.contains("555-12-34"), "{role:?} {path}");
            }
        }
    }
    // The people the project names open its pages and their narrator's.
    for email in ["vera@example.ru", "psy@example.ru"] {
        let s = sign_in(&app, email).await;
        for path in [&card, &private, &page] {
            let (status, _) = s.get(&app, path).await;
            assert_eq!(status, 200, "{email} GET {path}");
        }
        for path in ["/studio/narrators/new", "/studio/projects/new"] {
            let (status, _) = s.get(&app, path).await;
            assert_eq!(status, 403, "{email} GET {path}");
        }
    }
    // An unassigned volunteer's well-formed POSTs are refused, and so is a narrator or project
    // that does not exist: 403 says nothing about which ids are there.
    let outsider = sign_in(&app, "volunteer@example.ru").await;
    for path in &posts {
        if path.starts_with("/studio/tasks/") {
            continue;
        }
        let r = outsider.post(&app, path, &[("name", "x")]).await;
        assert_eq!(r.status(), 403, "volunteer POST {path}");
    }
    for path in ["/studio/narrators/9999", "/studio/projects/9999"] {
        let (status, _) = outsider.get(&app, path).await;
        assert_eq!(status, 403, "{path}");
        let (status, _) = admin.get(&app, path).await;
        assert_eq!(status, 404, "{path}");
    }
    // The psychologist sees the project but does not move it; the interviewer does not plan it.
    let psy_s = sign_in(&app, "psy@example.ru").await;
    for path in ["plan", "materials", "stage", "support"] {
        let r = psy_s
            .post(&app, &format!("{page}/{path}"), &[("action", "save")])
            .await;
        assert_eq!(r.status(), 403, "psychologist POST {path}");
    }
    let vera_s = sign_in(&app, "vera@example.ru").await;
    let r = vera_s
        .post(&app, &format!("{page}/plan"), &[("title", "Другое")])
        .await;
    assert_eq!(r.status(), 403, "the interviewer does not plan");
    // The studio's navigation names the new sections.
    let (_, dashboard) = vera_s.get(&app, "/studio").await;
    for entry in ["Рассказчики", "Проекты интервью", "Опросники"]
    {
        assert!(dashboard.contains(entry), "{entry}");
    }
}

#[tokio::test]
async fn private_data_is_hidden_from_the_unassigned_and_every_view_is_logged() {
    let app = spawn_app().await;
    add_user(
        &app,
        "olga@example.ru",
        "Координатор Ольга",
        &[Role::Coordinator],
    );
    let vera = add_user(&app, "vera@example.ru", "Волонтёр Вера", &[Role::Volunteer]);
    add_user(&app, "ivan@example.ru", "Волонтёр Иван", &[Role::Volunteer]);
    add_user(&app, "admin@example.ru", "Администратор", &[Role::Admin]);
    // The narrator's public profile: a published record of the base.
    let profile = app.create(Draft::published(Body::Person(Person {
        name: PersonName {
            surname: "Ершова".into(),
            given: "Анна".into(),
            patronymic: "Петровна".into(),
            ..PersonName::default()
        },
        death: Edtf::parse("2024-05-09").ok(),
        ..Person::default()
    })));
    app.public_interest(&profile);
    let olga = sign_in(&app, "olga@example.ru").await;
    let hostile = "<script>alert('x')</script>";
    // A new narrator with mistakes: each is explained beside its field, nothing typed is lost.
    let r = olga
        .post(
            &app,
            "/studio/narrators/new",
            &[
                ("name", ""),
                ("category", "космонавт"),
                ("person", "двенадцать"),
                ("phone", "+7 916 555-12-34"),
                ("health", hostile),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.expect("body");
    for message in [
        "Рассказчик не сохранён: исправьте ошибки",
        "Укажите, как зовут рассказчика",
        "Выберите, кто рассказчик",
        "Укажите номер записи о человеке цифрами",
    ] {
        assert!(html.contains(message), "{message}");
    }
    assert!(html.contains("двенадцать") && html.contains("+7 916 555-12-34"));
    assert!(!html.contains(hostile));
    let r = olga
        .post(
            &app,
            "/studio/narrators/new",
            &[
                ("name", "Кто-то"),
                ("category", "veteran"),
                ("person", "99999"),
            ],
        )
        .await;
    refused(r, 422, "Записи №99999 нет в базе.").await;
    assert!(app.oral.narrators().expect("register").is_empty());
    let narrator = create_narrator(
        &app,
        &olga,
        &[
            ("name", "Ершова Анна Петровна"),
            ("category", "home_front"),
            ("person", &profile.id.0.to_string()),
            ("address", "ул. Московская, 5, кв. 12"),
            ("phone", "+7 916 555-12-34"),
            ("email", "Anna@Example.ru"),
            ("carer", "дочь Мария"),
            ("health", "плохо слышит на левое ухо"),
            ("preferred_times", "будни до обеда"),
            ("language", "русский"),
        ],
    )
    .await;
    let subject = format!("narrator:{narrator}");
    assert_eq!(audits(&app, "private_changed", &subject), 1);
    assert_eq!(audits(&app, "view_private", &subject), 0);
    let card = format!("/studio/narrators/{narrator}");
    let private = format!("{card}/private");
    // The card and the register show no private data, and reading them is not a view of it.
    let (status, page) = olga.get(&app, &card).await;
    assert_eq!(status, 200);
    assert!(page.contains("Ершова Анна Петровна") && page.contains("труженик тыла"));
    assert!(!page.contains("555-12-34") && !page.contains("Московская"));
    let (_, register) = olga.get(&app, "/studio/narrators").await;
    assert!(register.contains("Ершова Анна Петровна") && !register.contains("555-12-34"));
    assert_eq!(audits(&app, "view_private", &subject), 0);
    // A coordinator's view shows everything and is logged.
    let (status, page) = olga.get(&app, &private).await;
    assert_eq!(status, 200);
    for shown in [
        "+7 916 555-12-34",
        "anna@example.ru",
        "Московская",
        "плохо слышит",
    ] {
        assert!(page.contains(shown), "{shown}");
    }
    assert_eq!(audits(&app, "view_private", &subject), 1);
    // A volunteer not on any of the narrator's projects gets 403 and no hint of the contents.
    let ivan = sign_in(&app, "ivan@example.ru").await;
    let vera_s = sign_in(&app, "vera@example.ru").await;
    for s in [&ivan, &vera_s] {
        for path in [&card, &private] {
            let (status, body) = s.get(&app, path).await;
            assert_eq!(status, 403, "{path}");
            assert!(!body.contains("555-12-34") && !body.contains("Ершова"));
        }
        let (_, register) = s.get(&app, "/studio/narrators").await;
        assert!(
            !register.contains("Ершова"),
            "the register lists only their own"
        );
    }
    assert_eq!(
        audits(&app, "view_private", &subject),
        1,
        "refusals read nothing"
    );
    // Assigned as the interviewer, Vera sees it; the assignment and each view are logged.
    let project = create_project(
        &app,
        &olga,
        &[
            ("title", "Завод в войну"),
            ("narrator", &narrator.to_string()),
            ("interviewer", &vera.to_string()),
        ],
    )
    .await;
    assert_eq!(audits(&app, "project", &format!("project:{project}")), 1);
    for _ in 0..2 {
        let (status, page) = vera_s.get(&app, &private).await;
        assert_eq!(status, 200);
        assert!(page.contains("+7 916 555-12-34"));
    }
    assert_eq!(audits(&app, "view_private", &subject), 3);
    let (_, register) = vera_s.get(&app, "/studio/narrators").await;
    assert!(register.contains("Ершова Анна Петровна"));
    let (status, _) = ivan.get(&app, &private).await;
    assert_eq!(status, 403, "still not Ivan's");
    // A bad phone and address are explained in Russian; nothing typed is lost; HTML is text.
    let r = vera_s
        .post(
            &app,
            &private,
            &[
                ("address", "Новый адрес, д. 7"),
                ("phone", "звоните дочери"),
                ("email", "не почта"),
                ("carer", hostile),
                ("health", "без изменений"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.expect("body");
    assert!(html.contains("Телефон: только цифры"), "{html}");
    assert!(html.contains("имя@домен"));
    assert!(html.contains("Новый адрес, д. 7") && html.contains("звоните дочери"));
    assert!(!html.contains(hostile));
    assert!(html.contains("&#60;script&#62;") || html.contains("&lt;script&gt;"));
    let r = vera_s
        .post(
            &app,
            &private,
            &[
                ("address", "Новый адрес, д. 7"),
                ("phone", "+7 (495) 000-11-22"),
                ("carer", hostile),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(audits(&app, "private_changed", &subject), 2);
    let (_, page) = olga.get(&app, &private).await;
    assert!(page.contains("+7 (495) 000-11-22") && !page.contains(hostile));
    // Nothing private is on the narrator's public profile, its API record or the home page.
    for path in [profile.page(), profile.api(), "/".to_string()] {
        let (status, body) = app.text(&path).await;
        assert_eq!(status, 200, "{path}");
        for secret in [
            "000-11-22",
            "Новый адрес",
            "плохо слышит",
            "anna@example.ru",
        ] {
            assert!(!body.contains(secret), "{secret} on {path}");
        }
    }
    // Taken off the project, Vera loses sight of the narrator again.
    let r = olga
        .post(
            &app,
            &format!("/studio/projects/{project}/plan"),
            &[
                ("title", "Завод в войну"),
                ("narrator", &narrator.to_string()),
                ("interviewer", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (status, _) = vera_s.get(&app, &private).await;
    assert_eq!(status, 403);
    // The administrator reads the views in the audit log.
    let admin = sign_in(&app, "admin@example.ru").await;
    let (_, log) = admin.get(&app, "/studio/audit").await;
    assert!(log.contains("просмотр персональных данных") && log.contains(&subject));
    assert!(log.contains("изменение персональных данных"));
}

fn interview_with(hours_ms: u32) -> Interview {
    Interview {
        title: "Воспоминания о заводе".into(),
        recordings: vec![Recording {
            media: MediaRef {
                sha256: "a".repeat(64),
                mime: "audio/mpeg".into(),
                caption: None,
                alt: None,
                width: None,
                height: None,
            },
            duration_ms: hours_ms,
            label: String::new(),
            withheld: false,
        }],
        ..Interview::default()
    }
}

/// Ticks `items` and asks for the next stage.
async fn step(
    app: &TestApp,
    s: &Session,
    project: letopis_core::ProjectId,
    stage: &str,
    items: &[&str],
) -> reqwest::Response {
    let mut form = vec![("action", "move"), ("stage", stage), ("on", "")];
    form.extend(items.iter().map(|i| ("item", *i)));
    s.post(app, &format!("/studio/projects/{project}/stage"), &form)
        .await
}

async fn refused(r: reqwest::Response, status: u16, needle: &str) {
    assert_eq!(r.status(), status);
    let html = r.text().await.expect("body");
    assert!(html.contains(needle), "{needle}: {html}");
}

#[tokio::test]
async fn stages_need_their_checklists_and_publication_needs_a_public_interview() {
    let app = spawn_app().await;
    add_user(
        &app,
        "olga@example.ru",
        "Координатор Ольга",
        &[Role::Coordinator],
    );
    let vera = add_user(&app, "vera@example.ru", "Волонтёр Вера", &[Role::Volunteer]);
    let psy = add_user(
        &app,
        "psy@example.ru",
        "Психолог Павел",
        &[Role::Psychologist],
    );
    let group = app
        .accounts
        .create_group("Голоса Сходни", "living_voices")
        .expect("group");
    app.accounts.set_member(group, vera, false).expect("member");
    let olga = sign_in(&app, "olga@example.ru").await;
    let vera_s = sign_in(&app, "vera@example.ru").await;
    let narrator = create_narrator(
        &app,
        &olga,
        &[("name", "Жуков Иван Петрович"), ("category", "veteran")],
    )
    .await;
    let plan = |psychologist: String| {
        vec![
            ("title".to_string(), "Фронт и завод".to_string()),
            ("narrator".to_string(), narrator.to_string()),
            ("interviewer".to_string(), vera.to_string()),
            ("psychologist".to_string(), psychologist),
            ("needs_psychologist".to_string(), "on".to_string()),
        ]
    };
    let fields = plan(String::new());
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let p = create_project(&app, &olga, &fields).await;
    let page = format!("/studio/projects/{p}");
    // Nothing ticked: the refusal names what is missing.
    refused(
        step(&app, &vera_s, p, "contacted", &[]).await,
        422,
        "Нельзя перейти к «связались с рассказчиком»: не выполнено — Рассказчик (или его родственник) согласен на предварительную беседу; Способ связи записан",
    )
    .await;
    // Ticks are saved on their own and kept, with who ticked them.
    let r = vera_s
        .post(
            &app,
            &format!("{page}/stage"),
            &[
                ("action", "save"),
                ("stage", "contacted"),
                ("item", "agreed_to_talk"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, html) = vera_s.get(&app, &page).await;
    assert!(html.contains("отметил(а) Волонтёр Вера"));
    refused(
        step(&app, &vera_s, p, "contacted", &["agreed_to_talk"]).await,
        422,
        "Способ связи записан",
    )
    .await;
    let r = step(
        &app,
        &vera_s,
        p,
        "contacted",
        &["agreed_to_talk", "contact_recorded"],
    )
    .await;
    assert_eq!(r.status(), 303);
    // The coordinator marked that a psychologist is needed: ticks alone do not do.
    let pre = [
        "purpose_explained",
        "uses_explained",
        "review_explained",
        "preservation_explained",
    ];
    refused(
        step(&app, &vera_s, p, "pre_interview", &pre).await,
        422,
        "Назначен психолог (координатор отметил, что он нужен)",
    )
    .await;
    let fields = plan(psy.to_string());
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        olga.post(&app, &format!("{page}/plan"), &fields)
            .await
            .status(),
        303
    );
    // A form for a stage the project is not at is refused rather than ticking the wrong stage.
    refused(
        step(&app, &vera_s, p, "scheduled", &[]).await,
        409,
        "проект перешёл к другому этапу",
    )
    .await;
    assert_eq!(
        step(&app, &vera_s, p, "pre_interview", &pre).await.status(),
        303
    );
    // Scheduled needs a question guide; and no step happens tomorrow.
    let sched = ["date_place_agreed", "carer_informed"];
    refused(
        step(&app, &vera_s, p, "scheduled", &sched).await,
        422,
        "Выбран опросник",
    )
    .await;
    let (_, _) = vera_s.get(&app, "/studio/guides").await;
    let guide: i64 = (app
        .oral
        .guides()
        .expect("guides")
        .into_iter()
        .find(|g| g.title == "Завод")
        .expect("the seeded guide")
        .id)
        .0;
    let r = vera_s
        .post(
            &app,
            &format!("{page}/materials"),
            &[("guide", &guide.to_string()), ("interview", "")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let tomorrow = letopis_core::today()
        .tomorrow()
        .expect("tomorrow")
        .to_string();
    let r = vera_s
        .post(
            &app,
            &format!("{page}/stage"),
            &[
                ("action", "move"),
                ("stage", "scheduled"),
                ("on", &tomorrow),
                ("item", sched[0]),
                ("item", sched[1]),
            ],
        )
        .await;
    refused(r, 422, "не может быть позже сегодняшнего дня").await;
    assert_eq!(
        step(&app, &vera_s, p, "scheduled", &sched).await.status(),
        303
    );
    // Recorded needs the Interview record linked and the interviewer's debrief.
    refused(
        step(&app, &vera_s, p, "recorded", &["consent_signed"]).await,
        422,
        "Запись интервью создана в базе и связана с проектом; Интервьюер записал свой разбор",
    )
    .await;
    let interview = app.create(Draft::new(Body::Interview(interview_with(5_400_000))));
    let not_interview = app.create(Draft::new(Body::Person(Person {
        name: PersonName {
            surname: "Жуков".into(),
            ..PersonName::default()
        },
        ..Person::default()
    })));
    let r = vera_s
        .post(
            &app,
            &format!("{page}/materials"),
            &[
                ("guide", &guide.to_string()),
                ("interview", &not_interview.id.0.to_string()),
            ],
        )
        .await;
    refused(r, 422, "не интервью").await;
    let r = vera_s
        .post(
            &app,
            &format!("{page}/materials"),
            &[
                ("guide", &guide.to_string()),
                ("interview", &interview.id.0.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = vera_s
        .post(
            &app,
            &format!("{page}/support"),
            &[
                ("kind", "debrief"),
                ("body", "Беседа прошла спокойно, два перерыва."),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        step(&app, &vera_s, p, "recorded", &["consent_signed"])
            .await
            .status(),
        303
    );
    for (stage, items) in [
        ("transcribed", vec!["transcript_checked"]),
        ("indexed", vec!["segments_done"]),
        (
            "narrator_review",
            vec!["narrator_read", "corrections_made", "restrictions_recorded"],
        ),
    ] {
        assert_eq!(
            step(&app, &vera_s, p, stage, &items).await.status(),
            303,
            "{stage}"
        );
    }
    // «Published» only when the portal shows the interview: not while it is a draft…
    let needle = "Запись интервью опубликована и открыта посетителям портала";
    refused(step(&app, &vera_s, p, "published", &[]).await, 422, needle).await;
    // …nor published without a consent that opens it to visitors (the gate keeps it closed)…
    app.store
        .apply(
            &Actor::user(letopis_core::UserId(1), "Редактор"),
            vec![Op::Step {
                id: interview.id,
                to: Workflow::InReview,
                note: None,
            }],
            letopis_core::today(),
        )
        .expect("to review");
    app.store_step(&interview, Workflow::Published);
    assert_eq!(app.get(&interview.page()).await.status(), 404);
    refused(step(&app, &vera_s, p, "published", &[]).await, 422, needle).await;
    // …but once visitors see it: the living narrator signed the publication consent.
    let consent = NewConsent {
        kind: ConsentKind::Publication,
        subject: Some(interview.id),
        granted_by: "Жуков И. П.".into(),
        covers: vec![interview.id],
        scope: vec!["запись и расшифровка".into()],
        bans: vec![],
        document: None,
        signed_on: letopis_core::today(),
        valid_until: None,
        note: None,
    };
    app.store
        .apply(
            &Actor::user(letopis_core::UserId(1), "Редактор"),
            vec![Op::AddConsent(consent)],
            letopis_core::today(),
        )
        .expect("consent");
    assert_eq!(app.get(&interview.page()).await.status(), 200);
    assert_eq!(step(&app, &vera_s, p, "published", &[]).await.status(), 303);
    let (_, html) = vera_s.get(&app, &page).await;
    assert!(html.contains("state-published") && html.contains("открыта на портале"));
    refused(
        step(&app, &vera_s, p, "published", &[]).await,
        422,
        "Проект опубликован: следующего этапа нет",
    )
    .await;
    // The council counts the hours of each stage, in all, for the group and for Vera.
    let (status, csv) = olga.get(&app, "/studio/council.csv?by=voices").await;
    assert_eq!(status, 200);
    let quarter = this_quarter();
    let line = |who: &str| -> String {
        csv.lines()
            .find(|l| l.contains(&format!("\"{quarter}\"")) && l.contains(who))
            .unwrap_or_else(|| panic!("{who}: {csv}"))
            .to_string()
    };
    for who in ["\"всего\"", "\"Голоса Сходни\"", "\"Волонтёр Вера\""]
    {
        let l = line(who);
        assert_eq!(
            l.matches("\"1,50\"").count(),
            4,
            "recorded, transcribed, indexed, published: {l}"
        );
        assert!(l.ends_with(",1"), "one interview recorded: {l}");
    }
    let (_, csv) = olga.get(&app, "/studio/council.csv?by=stages").await;
    assert!(csv.contains("\"опубликовано\",1"), "{csv}");
    assert!(csv.contains("\"предложено\",0"), "{csv}");
    let (_, council) = olga.get(&app, "/studio/council").await;
    assert!(council.contains("«Живые голоса»: часы записей") && council.contains("1,50"));
    // A published project is not closed, but the narrator may still withdraw.
    let stage = format!("{page}/stage");
    refused(
        vera_s
            .post(&app, &stage, &[("action", "close"), ("note", "Готово")])
            .await,
        422,
        "закрыть его нельзя",
    )
    .await;
    // The withdrawal is made on the interview; until then the project may not claim it.
    refused(
        vera_s
            .post(
                &app,
                &stage,
                &[
                    ("action", "withdraw"),
                    ("note", "Рассказчик позвонил и попросил убрать запись"),
                ],
            )
            .await,
        422,
        "Сначала оформите отзыв на странице интервью",
    )
    .await;
    app.store_step(&interview, Workflow::Withdrawn);
    let r = vera_s
        .post(
            &app,
            &stage,
            &[
                ("action", "withdraw"),
                ("note", "Рассказчик позвонил и попросил убрать запись"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, html) = vera_s.get(&app, &page).await;
    assert!(html.contains("state-withdrawn") && html.contains("попросил убрать запись"));
    // Closing needs a reason; a closed project moves no more.
    let fields = plan(String::new());
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let other = create_project(&app, &olga, &fields).await;
    let close = format!("/studio/projects/{other}/stage");
    refused(
        vera_s
            .post(&app, &close, &[("action", "close"), ("note", "")])
            .await,
        422,
        "напишите причину",
    )
    .await;
    let r = vera_s
        .post(
            &app,
            &close,
            &[("action", "close"), ("note", "Рассказчик переехал")],
        )
        .await;
    assert_eq!(r.status(), 303);
    refused(
        step(
            &app,
            &vera_s,
            other,
            "contacted",
            &["agreed_to_talk", "contact_recorded"],
        )
        .await,
        422,
        "дальше он не движется",
    )
    .await;
    let (_, html) = olga.get(&app, &format!("/studio/projects/{other}")).await;
    assert!(html.contains("Рассказчик переехал") && html.contains("закрыто"));
}

fn letters(app: &TestApp) -> Vec<String> {
    let dir = app.media_root.parent().expect("data dir").join("mail");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".eml"))
        .map(|e| std::fs::read_to_string(e.path()).expect("letter"))
        .collect()
}

#[tokio::test]
async fn a_distress_note_gives_the_psychologist_a_task_and_a_letter() {
    let app = spawn_app().await;
    add_user(
        &app,
        "olga@example.ru",
        "Координатор Ольга",
        &[Role::Coordinator],
    );
    let vera = add_user(&app, "vera@example.ru", "Волонтёр Вера", &[Role::Volunteer]);
    let psy = add_user(
        &app,
        "psy@example.ru",
        "Психолог Павел",
        &[Role::Psychologist],
    );
    add_user(&app, "ivan@example.ru", "Волонтёр Иван", &[Role::Volunteer]);
    let olga = sign_in(&app, "olga@example.ru").await;
    let vera_s = sign_in(&app, "vera@example.ru").await;
    let psy_s = sign_in(&app, "psy@example.ru").await;
    let narrator = create_narrator(
        &app,
        &olga,
        &[
            ("name", "Ершова Анна Петровна"),
            ("category", "child_of_war"),
        ],
    )
    .await;
    let p = create_project(
        &app,
        &olga,
        &[
            ("title", "Детство в войну"),
            ("narrator", &narrator.to_string()),
            ("interviewer", &vera.to_string()),
            ("psychologist", &psy.to_string()),
        ],
    )
    .await;
    let support = format!("/studio/projects/{p}/support");
    // Bad input is explained and kept.
    let r = vera_s
        .post(
            &app,
            &support,
            &[
                ("kind", "distress"),
                ("timecode", "12:99"),
                ("body", "Заплакала, вспоминая брата"),
            ],
        )
        .await;
    refused(r, 422, "Время в записи: укажите его в виде ЧЧ:ММ:СС").await;
    let r = vera_s
        .post(&app, &support, &[("kind", "declined"), ("body", "")])
        .await;
    refused(r, 422, "Опишите, что произошло.").await;
    let r = olga
        .post(
            &app,
            &support,
            &[("kind", "debrief"), ("body", "Мой разбор")],
        )
        .await;
    refused(
        r,
        422,
        "Разбор после интервью пишет сам интервьюер проекта.",
    )
    .await;
    assert!(letters(&app).is_empty());
    let r = vera_s
        .post(
            &app,
            &support,
            &[
                ("kind", "distress"),
                ("timecode", "12:34"),
                ("body", "Заплакала, вспоминая брата"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert!(location(&r).ends_with("done=distress"), "{}", location(&r));
    // The letter goes to the psychologist, with a link and without the details.
    let mail = letters(&app);
    assert_eq!(mail.len(), 1, "one letter");
    assert!(mail[0].contains("To: psy@example.ru"), "{}", mail[0]);
    assert!(mail[0].contains(&format!("/studio/projects/{p}")));
    assert!(!mail[0].contains("Заплакала") && !mail[0].contains("брата"));
    // The task waits on the psychologist's dashboard, and only there.
    let (_, dashboard) = psy_s.get(&app, "/studio").await;
    assert!(
        dashboard.contains("Мои задачи")
            && dashboard.contains("признаки волнения рассказчика (на 12:34 записи)")
    );
    let task = between(&dashboard, "/studio/tasks/", "/done")
        .expect("task")
        .to_string();
    let (_, vera_dash) = vera_s.get(&app, "/studio").await;
    assert!(!vera_dash.contains("Мои задачи"));
    assert!(vera_dash.contains("Мои интервью") && vera_dash.contains("Детство в войну"));
    // The note is on the project page for the people on it; each view is logged.
    let page = format!("/studio/projects/{p}");
    let before = audits(&app, "view_private", &format!("project:{p}"));
    let (status, html) = psy_s.get(&app, &page).await;
    assert_eq!(status, 200);
    assert!(html.contains("Заплакала, вспоминая брата") && html.contains("12:34"));
    assert_eq!(
        audits(&app, "view_private", &format!("project:{p}")),
        before + 1
    );
    let ivan = sign_in(&app, "ivan@example.ru").await;
    let (status, html) = ivan.get(&app, &page).await;
    assert_eq!(status, 403);
    assert!(!html.contains("Заплакала"));
    // Only the person it is for marks the task done.
    let done = format!("/studio/tasks/{task}/done");
    assert_eq!(vera_s.post(&app, &done, &[]).await.status(), 403);
    let r = psy_s.post(&app, &done, &[]).await;
    assert_eq!(r.status(), 303);
    let (_, dashboard) = psy_s.get(&app, &location(&r)).await;
    assert!(
        !dashboard.contains("Мои задачи") && dashboard.contains("Задача отмечена как выполненная")
    );
    // Without a psychologist the coordinators are told instead.
    let q = create_project(
        &app,
        &olga,
        &[
            ("title", "Эвакуация"),
            ("narrator", &narrator.to_string()),
            ("interviewer", &vera.to_string()),
        ],
    )
    .await;
    let r = vera_s
        .post(
            &app,
            &format!("/studio/projects/{q}/support"),
            &[("kind", "distress"), ("body", "Долго молчала")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert!(
        letters(&app)
            .iter()
            .any(|l| l.contains("To: olga@example.ru"))
    );
    let (_, dashboard) = olga.get(&app, "/studio").await;
    assert!(dashboard.contains("Проект «Эвакуация»: интервьюер отметил признаки волнения"));
    // A break needs no words.
    let r = vera_s
        .post(
            &app,
            &support,
            &[("kind", "break"), ("timecode", "40:00"), ("body", "")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(letters(&app).len(), 2, "no letter for a break");
}

#[tokio::test]
async fn question_guides_keep_their_versions() {
    let app = spawn_app().await;
    add_user(&app, "expert@example.ru", "Эксперт Эдуард", &[Role::Expert]);
    add_user(
        &app,
        "olga@example.ru",
        "Координатор Ольга",
        &[Role::Coordinator],
    );
    let vera = add_user(&app, "vera@example.ru", "Волонтёр Вера", &[Role::Volunteer]);
    let expert = sign_in(&app, "expert@example.ru").await;
    let (status, list) = expert.get(&app, "/studio/guides").await;
    assert_eq!(status, 200);
    for title in [
        "Детство в войну",
        "Эвакуация",
        "Фронт",
        "Завод",
        "Оборона Москвы",
        "Победа",
    ] {
        assert!(list.contains(&format!(">{title}</a>")), "{title}");
    }
    // A new guide: bad input is explained and kept.
    let r = expert
        .post(
            &app,
            "/studio/guides/new",
            &[
                ("title", "Госпиталь"),
                ("about", "Для медсестёр"),
                ("questions", "  \n "),
            ],
        )
        .await;
    refused(r, 422, "Напишите хотя бы один вопрос").await;
    let r = expert
        .post(
            &app,
            "/studio/guides/new",
            &[
                ("title", "Госпиталь"),
                ("about", "Для медсестёр и санитарок"),
                (
                    "questions",
                    "Где был госпиталь?\nКого вы помните из раненых?",
                ),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let guide = id_in(&location(&r), "/studio/guides/");
    let path = format!("/studio/guides/{guide}");
    // A project uses version 1.
    let olga = sign_in(&app, "olga@example.ru").await;
    let narrator = create_narrator(
        &app,
        &olga,
        &[("name", "Смирнова Вера"), ("category", "home_front")],
    )
    .await;
    let p = create_project(
        &app,
        &olga,
        &[
            ("title", "Госпиталь в школе"),
            ("narrator", &narrator.to_string()),
            ("interviewer", &vera.to_string()),
        ],
    )
    .await;
    let first: i64 = (app
        .oral
        .guide_versions(guide)
        .expect("versions")
        .last()
        .expect("version 1")
        .id)
        .0;
    let r = olga
        .post(
            &app,
            &format!("/studio/projects/{p}/materials"),
            &[("guide", &first.to_string()), ("interview", "")],
        )
        .await;
    assert_eq!(r.status(), 303);
    // Editing makes version 2; version 1 stays readable as it was.
    let r = expert
        .post(
            &app,
            &path,
            &[
                ("title", "Госпиталь"),
                ("about", "Для медсестёр и санитарок"),
                ("questions", "Где был госпиталь?\nЧем лечили раненых?"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, current) = expert.get(&app, &path).await;
    assert!(current.contains("Версия 2") && current.contains("Чем лечили раненых?"));
    assert!(!current.contains("Кого вы помните из раненых?"));
    let (status, old) = expert.get(&app, &format!("{path}/versions/1")).await;
    assert_eq!(status, 200);
    assert!(old.contains("Кого вы помните из раненых?") && old.contains("это прежняя версия"));
    // Saving the same text adds no version.
    let r = expert
        .post(
            &app,
            &path,
            &[
                ("title", "Госпиталь"),
                ("about", "Для медсестёр и санитарок"),
                ("questions", "Где был госпиталь?\nЧем лечили раненых?"),
            ],
        )
        .await;
    assert!(location(&r).ends_with("done=unchanged"));
    assert_eq!(expert.get(&app, &format!("{path}/versions/3")).await.0, 404);
    // The project still names the version it used.
    let (_, project) = olga.get(&app, &format!("/studio/projects/{p}")).await;
    assert!(project.contains(&format!(
        "/studio/guides/{guide}/versions/1\">Госпиталь, версия 1"
    )));
    // A volunteer reads guides but does not change them.
    let vera_s = sign_in(&app, "vera@example.ru").await;
    assert_eq!(vera_s.get(&app, &format!("{path}/versions/1")).await.0, 200);
    let r = vera_s
        .post(&app, &path, &[("title", "x"), ("questions", "y?")])
        .await;
    assert_eq!(r.status(), 403);
}
