//! School excursions to the exhibition hall (issue #17, roadmap item 11): a school asks from a
//! public form, the hall confirms in the studio, the council counts visits and pupils, and the
//! teacher's contact is gone once the visit's day has passed.

use crate::studio::{add_user, sign_in};
use crate::support::{TestApp, spawn_app};
use letopis_core::account::Role;
use letopis_store::accounts::ExcursionStatus;

fn in_days(days: i32) -> String {
    letopis_core::today()
        .saturating_add(jiff::Span::new().days(days))
        .to_string()
}

fn request(wanted_on: &str) -> Vec<(&'static str, String)> {
    vec![
        ("school", "МБОУ СОШ № 1 г. Химки".into()),
        ("class_name", "7 «Б»".into()),
        ("pupils", "24".into()),
        ("wanted_on", wanted_on.into()),
        ("teacher", "Морозова Елена Сергеевна".into()),
        ("contact", "+7 495 000-00-00".into()),
        ("note", "После урока о битве под Москвой".into()),
        ("consent", "yes".into()),
    ]
}

async fn post(app: &TestApp, fields: &[(&str, String)]) -> reqwest::Response {
    app.client
        .post(app.url("/excursions"))
        .form(fields)
        .send()
        .await
        .expect("post")
}

#[tokio::test]
async fn a_school_requests_an_excursion_and_the_hall_confirms_it() {
    let app = spawn_app().await;
    // The form, reachable from every page's footer.
    let (_, home) = app.text("/").await;
    assert!(home.contains("<a href=\"/excursions\">Экскурсии для школ</a>"));
    let (status, form) = app.text("/excursions").await;
    assert_eq!(status, 200);
    for field in [
        "school",
        "class_name",
        "pupils",
        "wanted_on",
        "teacher",
        "contact",
        "consent",
    ] {
        assert!(form.contains(&format!("id=\"{field}\"")), "{field}");
    }
    assert!(form.contains("Имена учеников не нужны"));

    // Nothing filled in: every problem named, nothing kept.
    let empty = post(&app, &[("pupils", "0".into())]).await;
    assert_eq!(empty.status(), 400);
    let page = empty.text().await.expect("body");
    for message in [
        "Укажите школу.",
        "Укажите класс.",
        "Укажите число учеников — от 1 до 60.",
        "Укажите день экскурсии",
        "Укажите имя учителя.",
        "Укажите телефон",
        "Без согласия",
    ] {
        assert!(page.contains(message), "{message}");
    }
    // A day in the past, and too many pupils: refused, what was typed kept.
    let mut past = request(&in_days(-1));
    past[2] = ("pupils", "300".into());
    let refused = post(&app, &past).await;
    assert_eq!(refused.status(), 400);
    let page = refused.text().await.expect("body");
    assert!(page.contains("value=\"МБОУ СОШ № 1 г. Химки\""));
    assert!(app.accounts.excursions().expect("read").is_empty());

    // A good request: kept, and the page says so (a reload sends nothing twice).
    let sent = post(&app, &request(&in_days(14))).await;
    assert_eq!(sent.status(), 303);
    assert_eq!(sent.headers()["location"], "/excursions?sent=1");
    let (_, thanks) = app.text("/excursions?sent=1").await;
    assert!(thanks.contains("Заявка отправлена"));
    let kept = app.accounts.excursions().expect("read");
    assert_eq!(kept.len(), 1);
    assert_eq!(
        (kept[0].pupils, kept[0].teacher.as_str()),
        (24, "Морозова Елена Сергеевна")
    );

    // A bot that fills the hidden field is told the same and keeps nothing.
    let mut bot = request(&in_days(14));
    bot.push(("website", "http://spam.example".into()));
    assert_eq!(post(&app, &bot).await.status(), 303);
    assert_eq!(app.accounts.excursions().expect("read").len(), 1);

    // The hall confirms it for another day; the council counts it.
    add_user(
        &app,
        "hall@example.ru",
        "Зал «Артишок»",
        &[Role::Coordinator],
    );
    let hall = sign_in(&app, "hall@example.ru").await;
    let (status, list) = hall.get(&app, "/studio/excursions").await;
    assert_eq!(status, 200);
    assert!(list.contains("МБОУ СОШ № 1 г. Химки, 7 «Б»") && list.contains("+7 495 000-00-00"));
    let id = kept[0].id;
    let past_day = hall
        .post(
            &app,
            &format!("/studio/excursions/{id}"),
            &[("action", "confirm"), ("visit_on", &in_days(-3))],
        )
        .await;
    assert_eq!(
        past_day.status(),
        200,
        "a day in the past is refused with the reason"
    );
    assert!(
        past_day
            .text()
            .await
            .expect("body")
            .contains("сегодня или позже")
    );
    let day = in_days(15);
    let confirmed = hall
        .post(
            &app,
            &format!("/studio/excursions/{id}"),
            &[("action", "confirm"), ("visit_on", &day)],
        )
        .await;
    assert_eq!(confirmed.status(), 303);
    let now = app.accounts.excursions().expect("read");
    assert_eq!(now[0].status, ExcursionStatus::Confirmed);
    assert_eq!(now[0].visit_on.map(|d| d.to_string()), Some(day));
    let (_, council) = hall.get(&app, "/studio/council").await;
    assert!(council.contains("Экскурсии школ (мероприятие 11)"));
    assert!(council.contains("<td>1</td><td>24</td>"), "{council}");
    // A volunteer has no business with schools' contacts.
    add_user(&app, "v@example.ru", "Волонтёр", &[Role::Volunteer]);
    let volunteer = sign_in(&app, "v@example.ru").await;
    assert_eq!(volunteer.get(&app, "/studio/excursions").await.0, 403);
}

#[tokio::test]
async fn a_past_visits_contact_is_erased_and_one_address_sends_a_few_a_day() {
    let app = spawn_app().await;
    for _ in 0..5 {
        assert_eq!(post(&app, &request(&in_days(3))).await.status(), 303);
    }
    let sixth = post(&app, &request(&in_days(3))).await;
    assert_eq!(sixth.status(), 429);
    assert!(
        sixth
            .text()
            .await
            .expect("body")
            .contains("попробуйте завтра")
    );
    assert_eq!(app.accounts.excursions().expect("read").len(), 5);
    // After the day: the contact is erased by the purge, the school and the count stay.
    let later = letopis_core::today().saturating_add(jiff::Span::new().days(4));
    let erased = app
        .accounts
        .erase_past_excursions(later, jiff::Timestamp::now())
        .expect("erase");
    assert_eq!(erased, 5);
    let all = app.accounts.excursions().expect("read");
    assert!(
        all.iter()
            .all(|e| e.erased && e.contact.is_empty() && e.teacher.is_empty())
    );
    assert!(all.iter().all(|e| e.school == "МБОУ СОШ № 1 г. Химки"));
}
