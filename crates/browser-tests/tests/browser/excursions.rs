//! Issue #17, "Done means": a school requests an excursion and the hall confirms it — in a real
//! browser, from the footer's link to the studio's decision, with the tour the class takes and
//! the lesson its teacher gets afterwards. Every page on the way is audited with axe.

use crate::studio::{PASSWORD, Walk};
use anyhow::{Context, Result, ensure};
use letopis_browser_tests::{Browser, Site, assert_clean, skip_announced};
use letopis_core::account::{Email, Role};
use letopis_store::accounts::{ExcursionStatus, NewUser};
use serde_json::json;

const HALL: &str = "hall@letopis.example";
const SCHOOL: &str = "МБОУ «Лицей № 10» г. Химки";

#[tokio::test]
async fn a_school_requests_an_excursion_and_the_hall_confirms_it_with_its_tour_and_lesson()
-> Result<()> {
    if skip_announced() {
        return Ok(());
    }
    let site = Site::start_private(|store| {
        let hash = letopis_web::studio::auth::hash_password(PASSWORD)?;
        store.create_user(
            &NewUser {
                email: Email::parse(HALL).context("address")?,
                display_name: "Зал «Артишок»".into(),
                roles: vec![Role::Coordinator],
            },
            Some(&hash),
        )?;
        Ok(())
    })?;
    let browser = Browser::start().await?;
    browser.resize(1366, 900).await?;
    let mut walk = Walk {
        browser: &browser,
        site: &site,
        findings: Vec::new(),
        audited: Vec::new(),
    };

    // The teacher finds the form from the footer and fills it in.
    walk.open("/").await?;
    walk.submit("footer a[href='/excursions']").await?;
    ensure!(browser.here().await.ends_with("/excursions"));
    let day = letopis_core::today()
        .saturating_add(jiff::Span::new().days(10))
        .to_string();
    walk.type_into("#school", SCHOOL).await?;
    walk.type_into("#class_name", "6 «В»").await?;
    walk.type_into("#pupils", "27").await?;
    // A date field takes keys in the browser's locale order; its value is set as a picker does.
    browser
        .js(
            "const d = document.getElementById('wanted_on'); d.value = arguments[0];\
             d.dispatchEvent(new Event('change', {bubbles: true})); return d.value;",
            vec![json!(day)],
        )
        .await?;
    walk.type_into("#teacher", "Соколова Анна Петровна").await?;
    walk.type_into("#contact", "+7 495 111-22-33").await?;
    browser.click("#consent").await?;
    walk.submit("main form button[type=submit]").await?;
    let thanks = walk.text("main").await?;
    ensure!(
        thanks.contains("Заявка отправлена"),
        "no confirmation after sending: {thanks}"
    );
    let kept = site.store.excursions()?;
    ensure!(kept.len() == 1 && kept[0].pupils == 27, "{kept:?}");
    let id = kept[0].id;

    // The hall confirms it for the day asked, then names the tour and the lesson.
    walk.sign_in(HALL, PASSWORD).await?;
    walk.open("/studio/excursions").await?;
    walk.audit().await?;
    let list = walk.text("main").await?;
    ensure!(
        list.contains(SCHOOL) && list.contains("+7 495 111-22-33"),
        "{list}"
    );
    walk.submit(&format!(
        "form[action='/studio/excursions/{id}'] button[value=confirm]"
    ))
    .await?;
    let confirmed = site.store.excursions()?;
    ensure!(
        confirmed[0].status == ExcursionStatus::Confirmed
            && confirmed[0].visit_on.map(|d| d.to_string()) == Some(day.clone()),
        "{confirmed:?}"
    );
    let plan = format!("form[action='/studio/excursions/{id}/plan']");
    let chosen = browser
        .js(
            "const f = document.querySelector(arguments[0]);\
             const pick = (s) => { const o = [...s.options].find((o) => o.value); if (o) s.value = o.value; return o ? o.textContent : null; };\
             return [pick(f.querySelector('select[name=tour]')), pick(f.querySelector('select[name=lesson]'))];",
            vec![json!(plan)],
        )
        .await?;
    ensure!(
        chosen[0].is_string() && chosen[1].is_string(),
        "the demo's tour and lessons are not offered: {chosen}"
    );
    walk.submit(&format!("{plan} button[type=submit]")).await?;
    let notice = walk.text("main").await?;
    ensure!(
        notice.contains("Экскурсия и урок для класса сохранены"),
        "{notice}"
    );
    let planned = &site.store.excursions()?[0];
    ensure!(
        planned.tour.is_some() && planned.lesson.is_some(),
        "{planned:?}"
    );
    for title in [&chosen[0], &chosen[1]] {
        let title = title.as_str().unwrap_or_default();
        ensure!(
            notice.contains(title),
            "«{title}» is not shown beside the visit"
        );
    }
    let findings = std::mem::take(&mut walk.findings);
    browser.close().await;
    assert_clean("axe on the excursion's pages", &findings);
    Ok(())
}
