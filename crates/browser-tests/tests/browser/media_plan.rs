//! Issue #18, "Done means": the press office plans a quarter, links a publication to an
//! exhibition, marks it out with its link and reach, and the council's report counts it — in a
//! real browser, every page on the way audited with axe.

use crate::contributions::keep;
use crate::studio::{PASSWORD, Walk};
use anyhow::{Context, Result, ensure};
use letopis_browser_tests::{Browser, PageType, Site, assert_clean, skip_announced};
use letopis_core::Kind;
use letopis_core::account::{Email, Role};
use letopis_store::accounts::NewUser;
use serde_json::json;

const PRESS: &str = "press@letopis.example";
const COUNCIL: &str = "council@letopis.example";
const TITLE: &str = "Дети войны: сюжет для «Химки ТВ»";

#[tokio::test]
async fn the_press_office_plans_a_publication_and_the_council_counts_it() -> Result<()> {
    if skip_announced() {
        return Ok(());
    }
    let site = Site::start_private(|store| {
        let hash = letopis_web::studio::auth::hash_password(PASSWORD)?;
        for (email, name, role) in [
            (PRESS, "Белова Ирина", Role::Press),
            (COUNCIL, "Антонова Светлана", Role::Coordinator),
        ] {
            store.create_user(
                &NewUser {
                    email: Email::parse(email).context("address")?,
                    display_name: name.into(),
                    roles: vec![role],
                },
                Some(&hash),
            )?;
        }
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
    let story = site.pages.path(PageType::Record(Kind::Story));
    // The markup of every studio page on the way, for the Nu Html Checker at the end.
    let mut pages = Vec::new();

    // The press office's studio opens on the quarter's plan.
    walk.sign_in(PRESS, PASSWORD).await?;
    ensure!(
        browser.here().await.contains("/studio/media-plan"),
        "the press office landed at {}",
        browser.here().await
    );
    let today = letopis_core::today();
    walk.type_into("#mp-title", TITLE).await?;
    browser
        .js(
            "const d = document.getElementById('mp-date'); d.value = arguments[0];\
             d.dispatchEvent(new Event('change', {bubbles: true})); return d.value;",
            vec![json!(today.to_string())],
        )
        .await?;
    browser
        .js(
            "document.getElementById('mp-channel').value = 'tv'; return true;",
            vec![],
        )
        .await?;
    walk.type_into("#mp-outlet", "Химки ТВ").await?;
    walk.type_into("#mp-owner", "Белова Ирина").await?;
    walk.type_into("#mp-presents", &story).await?;
    walk.submit("form[action='/studio/media-plan'] button[type=submit]")
        .await?;
    let plan = walk.text("main").await?;
    ensure!(
        plan.contains("Публикация добавлена") && plan.contains(TITLE),
        "{plan}"
    );

    // The board by status: an idea tied to the exhibition.
    walk.open("/studio/media-plan?view=status").await?;
    walk.audit().await?;
    keep(&walk, &mut pages).await?;
    let linked = browser
        .js(
            "const card = [...document.querySelectorAll('.media-card')]\
               .find((c) => c.textContent.includes(arguments[0]));\
             return card ? [...card.querySelectorAll('.media-presents a')].map((a) => a.getAttribute('href')) : null;",
            vec![json!(TITLE)],
        )
        .await?;
    ensure!(
        linked == json!([story]),
        "the exhibition is not linked: {linked}"
    );

    // Out, with its link; then in the report, with its reach.
    walk.submit(".media-card h3 a").await?;
    browser
        .js(
            "document.getElementById('mp-status').value = 'published'; return true;",
            vec![],
        )
        .await?;
    walk.type_into("#mp-link", "https://khimki.example/tv/deti-voyny")
        .await?;
    walk.submit("form.studio-form button[type=submit]").await?;
    walk.submit(".media-card h3 a").await?;
    ensure!(
        walk.text("#kits").await.is_ok(),
        "no press kit is offered for the exhibition"
    );
    browser
        .js(
            "document.getElementById('mp-status').value = 'reported'; return true;",
            vec![],
        )
        .await?;
    walk.type_into("#mp-reach", "12400").await?;
    walk.submit("form.studio-form button[type=submit]").await?;
    let stored = site
        .store
        .publications_between(today, today)?
        .into_iter()
        .find(|p| p.publication.title == TITLE)
        .context("the publication is not in the base")?;
    ensure!(
        stored.publication.reach == Some(12_400)
            && stored.publication.link == "https://khimki.example/tv/deti-voyny",
        "{stored:?}"
    );

    // Its press kit.
    walk.open(&format!("/studio/press-kit{story}")).await?;
    walk.audit().await?;
    keep(&walk, &mut pages).await?;
    walk.sign_out().await?;

    // The council's report counts it.
    walk.sign_in(COUNCIL, PASSWORD).await?;
    walk.open("/studio/council").await?;
    walk.audit().await?;
    keep(&walk, &mut pages).await?;
    let row = browser
        .js(
            "const t = document.getElementById('council-media');\
             return t ? [...t.querySelectorAll('tbody tr')].map((r) => r.innerText) : null;",
            vec![],
        )
        .await?;
    let quarter = letopis_core::media_plan::Quarter::of(today);
    let expected = format!("{}-Q{}", quarter.year, quarter.number);
    let rows = row
        .as_array()
        .context("no media table in the council's report")?;
    ensure!(
        rows.iter().any(|r| {
            let r = r.as_str().unwrap_or_default();
            r.starts_with(&expected) && r.contains("12\u{a0}400")
        }),
        "the quarter's publication is not counted: {row}"
    );
    // The quarterly report to print: figures for every activity the portal measures.
    walk.open("/studio/council/quarter").await?;
    walk.audit().await?;
    keep(&walk, &mut pages).await?;
    let tables = browser
        .js(
            "return document.querySelectorAll('.council-quarter table.council-figures').length;",
            vec![],
        )
        .await?;
    ensure!(
        tables == json!(12),
        "figures for {tables} activities, not 12"
    );
    // The venues the council keeps in the micro-districts, and one venue's page with its log.
    walk.open("/studio/venues").await?;
    walk.audit().await?;
    keep(&walk, &mut pages).await?;
    let venue = browser
        .js(
            "const a = document.querySelector('main a[href^=\"/studio/venues/\"]');\
             return a ? a.getAttribute('href') : null;",
            vec![],
        )
        .await?;
    if let Some(venue) = venue.as_str() {
        walk.open(venue).await?;
        walk.audit().await?;
        keep(&walk, &mut pages).await?;
    }
    let findings = std::mem::take(&mut walk.findings);
    browser.close().await;
    assert_clean("axe on the media plan's pages", &findings);
    let invalid = letopis_browser_tests::html::check_html(&pages)?;
    assert_clean(
        "the Nu Html Checker on the media plan's and the council's pages",
        &invalid,
    );
    Ok(())
}
