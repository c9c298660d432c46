//! The two switches in the header (issue 3, "Quality bars"): the version for the visually
//! impaired and the language. Each is used as a visitor uses it, by clicking the header link,
//! and each choice must hold on the next page.

use anyhow::{Result, ensure};
use fantoccini::Locator;
use letopis_browser_tests::{Browser, PageType, Session};
use letopis_core::Kind;
use serde_json::{Value, json};
use std::time::Duration;

const PATIENCE: Duration = Duration::from_secs(20);

/// `<html>`'s classes and language, and the colours and size the visitor sees.
const LOOK: &str = "const h = document.documentElement; const cs = getComputedStyle(h);\
    const p = document.querySelector('main p') || document.querySelector('main');\
    return { classes: h.className.split(/\\s+/).filter(Boolean), lang: h.lang,\
             color: cs.color, background: cs.backgroundColor, fontSize: parseFloat(cs.fontSize),\
             text: getComputedStyle(p).color, path: location.pathname,\
             panel: !!document.querySelector('details.lv-panel form'),\
             panelOpen: !!document.querySelector('details.lv-panel[open]'),\
             panelHeight: (document.querySelector('details.lv-panel') || {}).offsetHeight || 0 };";

async fn look(browser: &Browser) -> Result<Value> {
    browser.js(LOOK, vec![]).await
}

fn has_class(look: &Value, class: &str) -> bool {
    look["classes"]
        .as_array()
        .is_some_and(|c| c.iter().any(|v| v == class))
}

/// Clicks the header switch (`.top-bar a.switch`) whose text is `label`, then waits for the
/// page it leads back to.
async fn switch(browser: &Browser, label: &str, done: &str) -> Result<()> {
    let mut texts = Vec::new();
    let mut chosen = None;
    for link in browser
        .client
        .find_all(Locator::Css(".top-bar a.switch"))
        .await?
    {
        let text = link.text().await?.trim().to_owned();
        if text == label && chosen.is_none() {
            chosen = Some(link);
        }
        texts.push(text);
    }
    let Some(link) = chosen else {
        anyhow::bail!(
            "the header of {} has no switch «{label}»; it has {texts:?}",
            browser.here().await
        );
    };
    link.click().await?;
    browser
        .wait_until_explained(
            &format!("«{label}» to take effect"),
            &format!("return document.readyState === 'complete' && ({done});"),
            LOOK,
            PATIENCE,
        )
        .await
}

/// The value of a cookie the browser holds for the site (the switches' cookies are HttpOnly,
/// so only the driver sees them).
async fn cookie(browser: &Browser, name: &str) -> Result<Option<String>> {
    let cookies = browser.client.get_all_cookies().await?;
    Ok(cookies
        .iter()
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned()))
}

#[tokio::test]
async fn the_low_vision_version_persists() -> Result<()> {
    let Some(s) = Session::start().await? else {
        return Ok(());
    };
    let person = s.site.page(PageType::Record(Kind::Person));
    let person_path = s.site.pages.path(PageType::Record(Kind::Person));
    s.browser.goto(&person).await?;
    let normal = look(&s.browser).await?;
    ensure!(
        !has_class(&normal, "lv") && !normal["panel"].as_bool().unwrap_or(true),
        "a fresh visitor already sees the low-vision version: {normal}"
    );

    // On: the same page comes back in the default low-vision settings.
    switch(
        &s.browser,
        "Версия для слабовидящих",
        "document.documentElement.classList.contains('lv')",
    )
    .await?;
    let on = look(&s.browser).await?;
    for class in ["lv", "lv-size-large", "lv-scheme-bw"] {
        assert!(
            has_class(&on, class),
            "after «Версия для слабовидящих» <html> lacks class {class}: {on}"
        );
    }
    assert_eq!(
        on["path"],
        json!(person_path),
        "the switch did not lead back to the page"
    );
    assert!(
        on["panel"] == json!(true),
        "no settings panel (details.lv-panel form) in the low-vision version"
    );
    // Folded until asked for: one line, not a form above every page's header.
    assert!(
        on["panelOpen"] == json!(false) && on["panelHeight"].as_f64().unwrap_or(0.0) < 90.0,
        "the settings panel is not folded: {on}"
    );
    assert!(
        on["fontSize"].as_f64() > normal["fontSize"].as_f64(),
        "the low-vision version's text is not larger: {} px, normally {} px",
        on["fontSize"],
        normal["fontSize"]
    );
    assert_eq!(
        (&on["color"], &on["background"]),
        (&json!("rgb(0, 0, 0)"), &json!("rgb(255, 255, 255)")),
        "the default scheme is black on white"
    );
    assert!(
        cookie(&s.browser, "lv").await?.is_some(),
        "the low-vision version set no `lv` cookie"
    );

    // Another page: still on.
    s.browser.goto(&s.site.page(PageType::List)).await?;
    let elsewhere = look(&s.browser).await?;
    assert!(
        has_class(&elsewhere, "lv") && has_class(&elsewhere, "lv-scheme-bw"),
        "the low-vision version did not persist to /persons: {elsewhere}"
    );

    // A setting from the panel: white on black.
    s.browser.click("details.lv-panel > summary").await?;
    s.browser
        .click("details.lv-panel input[name=scheme][value=wb]")
        .await?;
    s.browser
        .click("details.lv-panel button[type=submit]")
        .await?;
    s.browser
        .wait_until_explained(
            "«Белым по чёрному» + «Применить» to take effect",
            "return document.readyState === 'complete' \
               && document.documentElement.classList.contains('lv-scheme-wb');",
            LOOK,
            PATIENCE,
        )
        .await?;
    let wb = look(&s.browser).await?;
    assert_eq!(
        (&wb["color"], &wb["background"], &wb["text"]),
        (
            &json!("rgb(255, 255, 255)"),
            &json!("rgb(0, 0, 0)"),
            &json!("rgb(255, 255, 255)")
        ),
        "white on black is not white text on a black page: {wb}"
    );
    assert_eq!(wb["path"], json!("/persons"), "«Применить» left the page");
    assert!(
        has_class(&wb, "lv-size-large"),
        "changing the colours lost the font size: {wb}"
    );
    s.browser.goto(&person).await?;
    let kept = look(&s.browser).await?;
    assert!(
        has_class(&kept, "lv-scheme-wb") && kept["background"] == json!("rgb(0, 0, 0)"),
        "white on black did not persist to the next page: {kept}"
    );

    // Off, and it stays off.
    switch(
        &s.browser,
        "Обычная версия",
        "!document.documentElement.classList.contains('lv')",
    )
    .await?;
    let off = look(&s.browser).await?;
    assert_eq!(
        (
            &off["color"],
            &off["background"],
            &off["fontSize"],
            off["panel"].as_bool()
        ),
        (
            &normal["color"],
            &normal["background"],
            &normal["fontSize"],
            Some(false)
        ),
        "«Обычная версия» did not bring the usual look back: {off}, usually {normal}"
    );
    assert_eq!(off["path"], json!(person_path));
    assert_eq!(
        cookie(&s.browser, "lv").await?,
        None,
        "«Обычная версия» left the `lv` cookie"
    );
    s.browser.goto(&s.site.page(PageType::Home)).await?;
    let home = look(&s.browser).await?;
    assert!(
        !has_class(&home, "lv"),
        "the low-vision version came back on the home page: {home}"
    );

    s.close().await;
    Ok(())
}

/// A few labels of the page frame, which the language decides.
const LABELS: &str = "return { lang: document.documentElement.lang, path: location.pathname,\
    search: document.querySelector('.search-form button').textContent.trim(),\
    home: (document.querySelector('.breadcrumbs a[href=\"/\"]') || {}).textContent,\
    sections: [...document.querySelectorAll('nav.sections a')].map((a) => a.textContent.trim()) };";

#[tokio::test]
async fn the_language_switch_persists() -> Result<()> {
    let Some(s) = Session::start().await? else {
        return Ok(());
    };
    let person = s.site.page(PageType::Record(Kind::Person));
    let person_path = s.site.pages.path(PageType::Record(Kind::Person));
    s.browser.goto(&person).await?;
    let ru = s.browser.js(LABELS, vec![]).await?;
    assert_eq!(ru["lang"], json!("ru"), "a fresh visitor's page: {ru}");
    assert_eq!(ru["search"], json!("Найти"), "{ru}");

    switch(
        &s.browser,
        "English",
        "document.documentElement.lang === 'en'",
    )
    .await?;
    let en = s.browser.js(LABELS, vec![]).await?;
    assert_eq!(
        en["path"],
        json!(person_path),
        "«English» did not lead back to the page"
    );
    assert_eq!(en["search"], json!("Search"), "English labels: {en}");
    assert_eq!(en["home"], json!("Home"), "English breadcrumbs: {en}");
    assert!(
        en["sections"]
            .as_array()
            .is_some_and(|s| s.iter().any(|l| l == "Heroes")),
        "the English sections lack «Heroes»: {en}"
    );
    assert_eq!(
        cookie(&s.browser, "lang").await?.as_deref(),
        Some("en"),
        "«English» is not remembered in the `lang` cookie"
    );

    // Another page, reached without any ?lang=: still English.
    s.browser.goto(&s.site.page(PageType::List)).await?;
    let elsewhere = s.browser.js(LABELS, vec![]).await?;
    assert_eq!(
        (&elsewhere["lang"], &elsewhere["search"]),
        (&json!("en"), &json!("Search")),
        "English did not persist to /persons: {elsewhere}"
    );

    // Back to Russian, and it stays Russian.
    switch(
        &s.browser,
        "Русский",
        "document.documentElement.lang === 'ru'",
    )
    .await?;
    let back = s.browser.js(LABELS, vec![]).await?;
    assert_eq!(
        (&back["path"], &back["search"]),
        (&json!("/persons"), &json!("Найти")),
        "«Русский» did not bring the same page back in Russian: {back}"
    );
    s.browser.goto(&person).await?;
    let again = s.browser.js(LABELS, vec![]).await?;
    assert_eq!(
        (&again["lang"], &again["search"]),
        (&json!("ru"), &json!("Найти")),
        "Russian did not persist: {again}"
    );

    s.close().await;
    Ok(())
}

/// The facet panel of `url` in a window of `width`×`height`: open or not, its height, and the
/// distance from its bottom to the start of the results.
async fn facet_panel(browser: &Browser, url: &str, width: u32, height: u32) -> Result<Value> {
    const PANEL: &str = "const d = document.querySelector('details.facets');\
        const r = document.querySelector('.browse-results').getBoundingClientRect();\
        const p = d.getBoundingClientRect();\
        return { open: d.open, panel: p.height, gap: r.top - p.bottom, results: r.top };";
    browser.resize(width, height).await?;
    browser.goto(url).await?;
    browser.js(PANEL, vec![]).await
}

/// On a phone the filters of a list and of search results are folded into one line that the
/// results follow; on a wide screen they stay open beside the results (issue #16).
#[tokio::test]
async fn the_filters_fold_on_a_phone_and_stay_open_on_a_wide_screen() -> Result<()> {
    let Some(s) = Session::start().await? else {
        return Ok(());
    };
    for page in [PageType::List, PageType::Search] {
        let url = s.site.page(page);
        let phone = facet_panel(&s.browser, &url, 390, 844).await?;
        ensure!(
            phone["open"] == json!(false),
            "{url} at 390 px: the filters are not folded: {phone}"
        );
        // Folded, the panel is one line and the results follow it at once (they used to start
        // two screens further down, after every facet value).
        ensure!(
            phone["panel"].as_f64().unwrap_or(f64::MAX) < 80.0
                && phone["gap"].as_f64().unwrap_or(f64::MAX) < 60.0,
            "{url} at 390 px: the results do not follow a one-line filter panel: {phone}"
        );
        let wide = facet_panel(&s.browser, &url, 1280, 900).await?;
        ensure!(
            wide["open"] == json!(true),
            "{url} at 1280 px: the filters are folded: {wide}"
        );
    }
    s.close().await;
    Ok(())
}
