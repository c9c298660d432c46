//! The press office's media plan (issue #18): a publication planned for the quarter, tied to the
//! exhibition it presents, moved on to «вышло» with its link and to the report with its reach —
//! and counted in the council's report; bad input refused with the reason and nothing lost; the
//! quarter's round anniversaries offered as occasions; press kits only of what the world sees.

use crate::studio::{add_user, between, sign_in_at};
use crate::support::spawn_app;
use letopis_core::account::Role;
use letopis_core::entities::{Event, EventType, Story};
use letopis_core::{Body, Edtf};
use letopis_store::Draft;

fn location(r: &reqwest::Response) -> String {
    r.headers()["location"].to_str().expect("ascii").to_string()
}

#[tokio::test]
async fn the_press_office_plans_a_quarter_and_the_council_counts_what_came_out() {
    let app = spawn_app().await;
    let story = app.create(Draft::published(Body::Story(Story {
        title: "Дети войны Сходни".into(),
        lead: "Военное детство по воспоминаниям.".into(),
        ..Story::default()
    })));
    let hidden = app.create(Draft::new(Body::Story(Story {
        title: "Черновик выставки".into(),
        ..Story::default()
    })));
    // An event 85 years before the quarter's 16 October.
    let today = letopis_core::today();
    let quarter = letopis_core::media_plan::Quarter::of(today);
    let start = quarter
        .first_day()
        .saturating_add(jiff::Span::new().days(15));
    let anniversary = jiff::civil::date(start.year() - 85, start.month(), start.day());
    let event = app.create(Draft::published(Body::Event(Event {
        title: "Оборона Химок".into(),
        event_type: EventType::Battle,
        date: Edtf::parse(&anniversary.to_string()).ok(),
        ..Event::default()
    })));
    add_user(&app, "press@example.ru", "Белова Ирина", &[Role::Press]);
    add_user(
        &app,
        "council@example.ru",
        "Антонова С.",
        &[Role::Coordinator],
    );
    add_user(&app, "volunteer@example.ru", "Волонтёр", &[Role::Volunteer]);

    // The press office's studio is its media plan.
    let press = sign_in_at(&app, "press@example.ru", "/studio/media-plan").await;
    let to_studio = app.get_with("/studio", &[("cookie", &press.cookie)]).await;
    assert_eq!(to_studio.status(), 303);
    assert_eq!(location(&to_studio), "/studio/media-plan");
    let (status, _) = press.get(&app, "/studio/persons").await;
    assert_eq!(status, 403, "the press office does not edit the base");

    // The quarter's occasion is offered, with a link that fills the form.
    let (_, plan) = press.get(&app, "/studio/media-plan").await;
    assert!(plan.contains("85 лет: Оборона Химок"), "{plan}");
    assert!(plan.contains(&format!("presents={}", event.id.0)));

    // Bad input: the reasons, a 400, nothing saved.
    let code = quarter.code();
    let day = quarter
        .first_day()
        .saturating_add(jiff::Span::new().days(20));
    let bad = press
        .post(
            &app,
            "/studio/media-plan",
            &[
                ("title", ""),
                ("date", "32.13.2026"),
                ("channel", "tv"),
                ("presents", "/stories/net-takoy\nЧерновик"),
                ("reach", "много"),
            ],
        )
        .await;
    assert_eq!(bad.status(), 400);
    let html = bad.text().await.unwrap();
    for reason in [
        "Тема публикации",
        "Дата выхода — в виде 05.12.2026",
        "Не нашлось опубликованного материала «/stories/net-takoy»",
        "Охват — целое число",
    ] {
        assert!(html.contains(reason), "no «{reason}» in the answer");
    }
    let hidden_page = format!("/stories/{}", hidden.slug);
    let bad = press
        .post(
            &app,
            "/studio/media-plan",
            &[
                ("title", "Черновик нельзя"),
                ("date", &day.to_string()),
                ("channel", "vk"),
                ("presents", &hidden_page),
            ],
        )
        .await;
    assert_eq!(
        bad.status(),
        400,
        "a draft cannot be presented to the press"
    );
    let (_, plan) = press.get(&app, "/studio/media-plan").await;
    assert!(!plan.contains("Черновик нельзя"));

    // A publication planned and tied to the exhibition.
    let story_page = format!("/stories/{}", story.slug);
    let created = press
        .post(
            &app,
            "/studio/media-plan",
            &[
                ("title", "Дети войны: сюжет для «Химки ТВ»"),
                ("date", &day.to_string()),
                ("channel", "tv"),
                ("outlet", "Химки ТВ"),
                ("format", "сюжет"),
                ("owner", "Белова Ирина"),
                ("presents", &story_page),
            ],
        )
        .await;
    assert_eq!(created.status(), 303);
    assert!(location(&created).contains(&format!("quarter={code}")));
    let (_, plan) = press
        .get(
            &app,
            &format!("/studio/media-plan?quarter={code}&view=status"),
        )
        .await;
    assert!(plan.contains("Дети войны: сюжет для «Химки ТВ»"));
    assert!(plan.contains(&story_page), "the exhibition is linked");
    let id: i64 = between(&plan, "href=\"/studio/media-plan/", "\"")
        .and_then(|n| n.parse().ok())
        .expect("the publication's address");
    let item = format!("/studio/media-plan/{id}");

    // Out without its link: refused, the plan unchanged.
    let fields = |status: &'static str, link: &'static str, reach: &'static str| {
        vec![
            ("title", "Дети войны: сюжет для «Химки ТВ»".to_string()),
            ("date", day.to_string()),
            ("channel", "tv".into()),
            ("presents", story_page.clone()),
            ("status", status.into()),
            ("link", link.into()),
            ("reach", reach.into()),
        ]
    };
    let post = |f: Vec<(&'static str, String)>| {
        let press = &press;
        let app = &app;
        let item = item.clone();
        async move {
            let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            press.post(app, &item, &pairs).await
        }
    };
    let r = post(fields("published", "", "")).await;
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("ссылкой"));
    let r = post(fields("published", "https://khimki.example/tv/1", "")).await;
    assert_eq!(r.status(), 303);
    let r = post(fields("reported", "https://khimki.example/tv/1", "")).await;
    assert_eq!(r.status(), 400, "a report needs its reach");
    let r = post(fields("reported", "https://khimki.example/tv/1", "12 400")).await;
    assert_eq!(r.status(), 303);

    // The council counts it.
    let council = sign_in_at(&app, "council@example.ru", "/studio/council").await;
    let (_, report) = council.get(&app, "/studio/council").await;
    let table = between(&report, "id=\"council-media\"", "</table>").expect("the media table");
    assert!(
        table.contains(&format!(
            "<td>{}-Q{}</td><td>1</td><td>1</td><td>12\u{a0}400</td>",
            quarter.year, quarter.number
        )),
        "{table}"
    );

    // Every activity the portal can measure has its figures for the quarter, the rest say why
    // they have none; activity 7 counts the publication and its reach.
    assert_eq!(
        report
            .matches("class=\"studio-table council-figures\"")
            .count(),
        12
    );
    assert!(report.contains("Портал не измеряет это мероприятие"));
    let tenth = between(
        &report,
        "<h3>Проведение краеведческой конференции",
        "</table>",
    )
    .expect("activity 10 has figures");
    assert!(tenth.contains("Докладов принято"), "{tenth}");
    let seventh = between(&report, "<h3>Информационное освещение", "</table>").expect("activity 7");
    assert!(
        seventh.contains("<td>Публикаций вышло</td><td>1</td><td>+1</td>"),
        "{seventh}"
    );
    assert!(
        seventh.contains(
            "<td>Охват вышедших публикаций</td><td>12\u{a0}400</td><td>+12\u{a0}400</td>"
        ),
        "{seventh}"
    );

    // The council records the activity's standing; a deadline written wrongly is refused.
    let activity: i64 = between(
        &seventh_form(&report),
        "/studio/council/activities/",
        "/progress",
    )
    .and_then(|n| n.parse().ok())
    .expect("activity 7's form");
    let bad = council
        .post(
            &app,
            &format!("/studio/council/activities/{activity}/progress"),
            &[
                ("number", "7"),
                ("status", "in_progress"),
                ("milestones", "IV квартал: медиаплан"),
            ],
        )
        .await;
    assert_eq!(bad.status(), 400);
    assert!(
        bad.text()
            .await
            .unwrap()
            .contains("квартал пишется как 2026-Q4")
    );
    let past = quarter.previous();
    let saved = council
        .post(
            &app,
            &format!("/studio/council/activities/{activity}/progress"),
            &[
                ("number", "7"),
                ("status", "behind"),
                ("responsible", "Белова И., пресс-служба"),
                (
                    "milestones",
                    &format!(
                        "{}-Q{}: Сюжет на ТВ\n+ {}-Q{}: Медиаплан на квартал",
                        past.year, past.number, quarter.year, quarter.number
                    ),
                ),
            ],
        )
        .await;
    assert_eq!(saved.status(), 303);
    let (_, report) = council.get(&app, "/studio/council").await;
    let seventh = between(&report, "<h3>Информационное освещение", "</form>").expect("activity 7");
    assert!(seventh.contains("Отстаёт"), "{seventh}");
    assert!(seventh.contains("отвечает Белова И., пресс-служба"));
    assert!(
        seventh.contains("Сюжет на ТВ — <strong>срок прошёл</strong>"),
        "{seventh}"
    );
    assert!(seventh.contains("Медиаплан на квартал — выполнено"));

    // The quarterly report: on a page to print and as CSV; a bad quarter is refused.
    let (status, quarterly) = council.get(&app, "/studio/council/quarter").await;
    assert_eq!(status, 200);
    let seventh = between(&quarterly, "<h2>Информационное освещение", "</li>").expect("activity 7");
    assert!(
        seventh.contains("<td>Публикаций вышло</td><td>1</td><td>0</td><td>+1</td>"),
        "{seventh}"
    );
    assert!(seventh.contains("Сюжет на ТВ — срок прошёл"), "{seventh}");
    let (status, _) = council
        .get(&app, "/studio/council/quarter?quarter=2026-Q7")
        .await;
    assert_eq!(status, 400);
    let csv = app
        .get_with(
            &format!(
                "/studio/council/quarter.csv?quarter={}-Q{}",
                quarter.year, quarter.number
            ),
            &[("cookie", &council.cookie)],
        )
        .await;
    assert_eq!(csv.status(), 200);
    assert!(
        csv.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(".csv")
    );
    let csv = csv.text().await.unwrap();
    assert!(csv.starts_with("\u{feff}\"№\",\"Мероприятие\""), "{csv}");
    assert!(
        csv.contains("\"Публикаций вышло\",\"1\",\"0\",\"+1\""),
        "{csv}"
    );
    assert_eq!(press.get(&app, "/studio/council/quarter").await.0, 403);
    // And as a PDF to print or file: the same activities and figures, read back by poppler.
    let pdf = app
        .get_with(
            "/studio/council/quarter.pdf",
            &[("cookie", &council.cookie)],
        )
        .await;
    assert_eq!(pdf.status(), 200);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let pdf = pdf.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = pdf_text(&pdf);
    for words in [
        "Отчёт о ходе проекта",
        "Информационное освещение",
        "Публикаций вышло",
        "Проведение краеведческой конференции",
    ] {
        assert!(text.contains(words), "«{words}» is not in the PDF:\n{text}");
    }
    assert_eq!(press.get(&app, "/studio/council/quarter.pdf").await.0, 403);

    // A press kit holds what the world sees; a draft has none.
    let (status, kit) = press
        .get(&app, &format!("/studio/press-kit{story_page}"))
        .await;
    assert_eq!(status, 200);
    assert!(kit.contains("Военное детство по воспоминаниям."));
    assert!(kit.contains("&#60;iframe"), "no embed code");
    let (status, _) = press
        .get(&app, &format!("/studio/press-kit{hidden_page}"))
        .await;
    assert_eq!(status, 404);

    // A volunteer has no media plan; deleting asks for the confirmation.
    let volunteer = crate::studio::sign_in(&app, "volunteer@example.ru").await;
    assert_eq!(volunteer.get(&app, "/studio/media-plan").await.0, 403);
    let r = press.post(&app, &format!("{item}/delete"), &[]).await;
    assert_eq!(r.status(), 400);
    let r = press
        .post(&app, &format!("{item}/delete"), &[("confirm", "yes")])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(press.get(&app, &item).await.0, 404);
}

/// The part of the council's page from activity 7's heading to its standing's form.
fn seventh_form(report: &str) -> String {
    between(report, "<h3>Информационное освещение", "</form>")
        .unwrap_or_default()
        .to_string()
}

/// The text of a PDF, as poppler's `pdftotext` reads it (installed by `.ci/run`), with the
/// line breaks inside a table cell or a heading joined.
fn pdf_text(pdf: &[u8]) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new("pdftotext")
        .args(["-raw", "-", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("pdftotext (poppler-utils) is installed");
    child.stdin.take().unwrap().write_all(pdf).unwrap();
    let out = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&out.stdout).replace('\n', " ")
}
