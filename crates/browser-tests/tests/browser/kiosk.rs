//! The exhibition hall's kiosk (issue #17) on a 1920×1080 touch screen: the start screen's
//! keyboard types a search, every target is a finger wide, idleness plays the attract loop on the
//! start screen and brings any other page back to it, nothing is asked of another host, and the
//! pages are valid and accessible in kiosk mode too.

use anyhow::{Context, Result};
use letopis_browser_tests::a11y::axe_current_page;
use letopis_browser_tests::html::check_html;
use letopis_browser_tests::requests::{AllowedOrigins, requests_of, third_party};
use letopis_browser_tests::{Browser, PageType, Session, assert_clean};
use serde_json::Value;
use std::time::Duration;

/// Every visible control smaller than 44 px either way.
const SMALL_TARGETS: &str = "return [...document.querySelectorAll('a[href], button, input, select, summary, [role=button]')]\n\
    .filter((e) => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);\n\
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && (r.width < 44 || r.height < 44); })\n\
    .map((e) => `${e.tagName.toLowerCase()}.${e.className} «${(e.textContent || e.type || '').trim().slice(0, 30)}» ${Math.round(e.getBoundingClientRect().width)}×${Math.round(e.getBoundingClientRect().height)}`);";

async fn small_targets(browser: &Browser, url: &str) -> Result<Vec<String>> {
    browser.goto(url).await?;
    // The map's pins are drawn by script.
    tokio::time::sleep(Duration::from_millis(600)).await;
    let found = browser.js(SMALL_TARGETS, vec![]).await?;
    Ok(found
        .as_array()
        .map(|a| {
            a.iter()
                .map(|v| format!("{url}: {}", v.as_str().unwrap_or("")))
                .collect()
        })
        .unwrap_or_default())
}

#[tokio::test]
async fn a_kiosk_types_searches_idles_and_keeps_to_the_hall() -> Result<()> {
    let Some(s) = Session::start_with_maps().await? else {
        return Ok(());
    };
    let b = &s.browser;
    b.resize(1920, 1080).await?;
    let mut findings = Vec::new();
    // The kiosk browser's start address: kiosk mode with a short idle reset for the test.
    b.goto(&s.site.url("/kiosk?idle=4")).await?;
    ensure_here(b, "/kiosk").await?;
    let kiosk: Value = b
        .js(
            "return document.documentElement.classList.contains('kiosk');",
            vec![],
        )
        .await?;
    assert_eq!(
        kiosk,
        Value::Bool(true),
        "the start address puts the browser in kiosk mode"
    );
    findings.extend(
        axe_current_page(b)
            .await?
            .into_iter()
            .map(|f| format!("/kiosk: {f}")),
    );

    // The on-screen keyboard types, and the search finds.
    for key in ["з", "а", "в", "о", "т"] {
        b.click(&format!("[data-key=\"{key}\"]")).await?;
    }
    b.click("[data-key=\"erase\"]").await?;
    b.click("[data-key=\"д\"]").await?;
    let typed = b
        .js("return document.getElementById('kiosk-q').value;", vec![])
        .await?;
    assert_eq!(typed, Value::String("завод".into()));
    b.click(".kiosk-search button[type=submit]").await?;
    b.wait_until(
        "the search results",
        "return location.pathname === '/search' && !!document.querySelector('.search-hit');",
        Duration::from_secs(10),
    )
    .await?;
    findings.extend(
        axe_current_page(b)
            .await?
            .into_iter()
            .map(|f| format!("search: {f}")),
    );
    // The search page's keyboard, unfolded, refines the query.
    b.click(".osk-fold summary").await?;
    b.click(".osk-fold [data-key=\"erase\"]").await?;
    let refined = b
        .js("return document.getElementById('search-q').value;", vec![])
        .await?;
    assert_eq!(refined, Value::String("заво".into()));
    // Left alone, the search goes back to the start screen…
    b.wait_until(
        "the idle reset to the start screen",
        "return location.pathname === '/kiosk' && !!document.querySelector('[data-kiosk-start]');",
        Duration::from_secs(12),
    )
    .await?;
    // …where idleness plays the museum's pictures until a touch.
    b.wait_until(
        "the attract loop",
        "const a = document.querySelector('[data-attract]');\n\
         const img = a && a.querySelector('.attract-slide.shown img');\n\
         return !!a && !a.hidden && !!img && img.complete && img.naturalWidth > 0;",
        Duration::from_secs(12),
    )
    .await?;
    b.click("[data-attract]").await?;
    let hidden = b
        .js(
            "return document.querySelector('[data-attract]').hidden;",
            vec![],
        )
        .await?;
    assert_eq!(hidden, Value::Bool(true), "a touch ends the attract loop");

    // No way out: on a record page every link stays in the portal and none opens a file.
    b.goto(&s.site.url("/items")).await?;
    b.click(".card-link").await?;
    let outward = b
        .js(
            "return [...document.querySelectorAll('a[href]')].map((a) => new URL(a.href))\n\
               .filter((u) => u.origin !== location.origin || /^\\/(media|studio|contribute|excursions)(\\/|$)/.test(u.pathname))\n\
               .map((u) => u.href);",
            vec![],
        )
        .await?;
    if outward.as_array().is_some_and(|a| !a.is_empty()) {
        findings.push(format!("links out of the hall on an item page: {outward}"));
    }
    // A finger's width everywhere a visitor goes from the start screen, the map's pins too.
    // A published tour, played stop by stop from the start screen's «Экскурсии по залу».
    let tour = s.site.page(PageType::Tour);
    let tour = tour.trim_start_matches(&s.site.base).to_string();
    let pages = [
        "/kiosk",
        "/persons",
        "/interviews",
        "/search?q=завод",
        "/map",
        "/timeline",
        tour.as_str(),
    ];
    for path in pages {
        findings.extend(small_targets(b, &s.site.url(path)).await?);
    }
    // The tour in the hall: accessible, with the kiosk's idle reset, a step away from the start.
    b.goto(&s.site.url("/kiosk")).await?;
    let offered = b
        .js(
            "return [...document.querySelectorAll('.kiosk-tiles a')].some((a) => a.getAttribute('href') === arguments[0]);",
            vec![serde_json::json!(tour)],
        )
        .await?;
    if offered != serde_json::json!(true) {
        findings.push(format!("the start screen does not offer the tour {tour}"));
    }
    b.goto(&s.site.url(&tour)).await?;
    for f in axe_current_page(b).await? {
        findings.push(format!("{tour} in kiosk mode: {f}"));
    }
    let idle = b
        .js(
            "return document.querySelector('[data-kiosk]')?.dataset.idle || null;",
            vec![],
        )
        .await?;
    if idle.is_null() {
        findings.push(format!("{tour} in kiosk mode has no idle reset"));
    }
    // The hall's own network only.
    for path in pages {
        let url = s.site.url(path);
        let urls = requests_of(b, &url).await?;
        for f in third_party(&urls, &s.site.base, &AllowedOrigins::default()) {
            findings.push(format!("{url}: {f}"));
        }
    }
    // Valid HTML in kiosk mode.
    let http = reqwest::Client::new();
    let mut documents = Vec::new();
    for path in pages {
        let url = s.site.url(path);
        let html = http
            .get(&url)
            .header(reqwest::header::COOKIE, "kiosk=90; school=12")
            .send()
            .await
            .with_context(|| format!("GET {url}"))?
            .text()
            .await?;
        documents.push((format!("kiosk {url}"), html));
    }
    findings.extend(tokio::task::spawn_blocking(move || check_html(&documents)).await??);
    s.close().await;
    assert_clean("kiosk", &findings);
    Ok(())
}

async fn ensure_here(b: &Browser, path: &str) -> Result<()> {
    b.wait_until(
        path,
        &format!("return location.pathname === '{path}';"),
        Duration::from_secs(5),
    )
    .await
}
