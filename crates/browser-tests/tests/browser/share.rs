//! Sharing the museum outside the portal (issue #18, "Done means"), in a real browser:
//!
//! 1. a person without a portrait has a share card all the same: the page's `og:image` is a
//!    1200×630 picture with the name written on it;
//! 2. an oEmbed consumer — a school's page on another origin — asks `/oembed` for an interview
//!    fragment and shows the iframe it got: the fragment plays only its stretch, nothing sets a
//!    cookie, and the frame talks to no host but the museum.

use anyhow::{Context, Result, bail, ensure};
use letopis_browser_tests::a11y::axe_current_page;
use letopis_browser_tests::requests::origin;
use letopis_browser_tests::{PageType, Session, assert_clean};
use letopis_core::Kind;
use serde_json::{Value, json};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const PATIENCE: Duration = Duration::from_secs(20);

/// A public person without a portrait, found through the public API.
async fn person_without_portrait(base: &str) -> Result<String> {
    let client = reqwest::Client::new();
    let list: Value = client
        .get(format!("{base}/api/v1/persons"))
        .send()
        .await?
        .json()
        .await?;
    for item in list["items"].as_array().context("a list of persons")? {
        let id = item["id"].as_i64().context("an id")?;
        let one: Value = client
            .get(format!("{base}/api/v1/persons/{id}"))
            .send()
            .await?
            .json()
            .await?;
        if one["body"].get("portrait").is_none_or(Value::is_null) {
            return Ok(item["url"].as_str().context("a url")?.to_string());
        }
    }
    bail!("every person on the first page has a portrait")
}

#[tokio::test]
async fn a_person_without_a_portrait_has_a_share_card_with_the_name_on_it() -> Result<()> {
    let Some(s) = Session::start().await? else {
        return Ok(());
    };
    let path = person_without_portrait(&s.site.base).await?;
    s.browser.goto(&s.site.url(&path)).await?;
    let card = s
        .browser
        .js(
            "const m = document.querySelector('meta[property=\"og:image\"]');\
             return m ? m.content : null;",
            vec![],
        )
        .await?;
    let card = card
        .as_str()
        .context("the page has no og:image")?
        .to_string();
    ensure!(
        card == s.site.url(&format!("{path}/card.jpg")),
        "og:image is {card}"
    );
    s.browser.goto(&card).await?;
    s.browser
        .wait_until(
            "the card to load",
            "const i = document.images[0]; return !!i && i.complete && i.naturalWidth > 0;",
            PATIENCE,
        )
        .await?;
    // Drawn into a canvas: the size, and ink where the name stands on the right.
    let seen = s
        .browser
        .js(
            "const i = document.images[0];\
             const c = document.createElement('canvas');\
             c.width = i.naturalWidth; c.height = i.naturalHeight;\
             const g = c.getContext('2d'); g.drawImage(i, 0, 0);\
             const d = g.getImageData(520, 120, 600, 210).data;\
             let ink = 0;\
             for (let p = 0; p < d.length; p += 4) if (d[p] < 100 && d[p + 2] < 100) ink++;\
             const panel = g.getImageData(30, 30, 1, 1).data;\
             return { width: i.naturalWidth, height: i.naturalHeight, ink, panel: [...panel] };",
            vec![],
        )
        .await?;
    s.close().await;
    ensure!(seen["width"] == 1200 && seen["height"] == 630, "{seen}");
    ensure!(
        seen["ink"].as_u64().unwrap_or(0) > 2_000,
        "no name on the card: {seen}"
    );
    // The left part is the initials' paper panel, not a broken picture.
    ensure!(seen["panel"][0].as_u64().unwrap_or(0) > 200, "{seen}");
    Ok(())
}

/// Serves `page` as the only page of a site at a port of its own: another origin.
async fn consumer_site(page: String) -> Result<String> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let page = page.clone();
            tokio::spawn(async move {
                let mut request = [0_u8; 4096];
                let _ = stream.read(&mut request).await;
                let response = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\
                     Content-Length: {}\r\nConnection: close\r\n\r\n{page}",
                    page.len()
                );
                let _ = stream.write_all(response.as_bytes()).await;
            });
        }
    });
    Ok(format!("http://{address}/"))
}

#[tokio::test]
async fn a_school_site_embeds_an_interview_fragment_that_plays_only_its_stretch() -> Result<()> {
    let Some(s) = Session::start().await? else {
        return Ok(());
    };
    let interview = s.site.page(PageType::Record(Kind::Interview));
    // The consumer asks as oEmbed consumers do, from its own side, with the page's address.
    let asked = format!("{interview}?t=2,5");
    let oembed: Value = reqwest::Client::new()
        .get(s.site.url("/oembed"))
        .query(&[("url", asked.as_str()), ("maxwidth", "600")])
        .send()
        .await?
        .json()
        .await?;
    ensure!(oembed["type"] == "rich", "{oembed}");
    let html = oembed["html"].as_str().context("no html")?;
    let consumer = consumer_site(format!(
        "<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>Школа № 5</title>\
         </head><body><h1>Наш урок памяти</h1>{html}</body></html>"
    ))
    .await?;
    ensure!(origin(&consumer) != origin(&s.site.base), "the same origin");

    s.browser.performance_log().await?;
    s.browser.goto(&consumer).await?;
    s.browser.client.enter_frame(0).await?;
    s.browser
        .wait_until(
            "the fragment's player",
            "const a = document.querySelector('audio.fragment-audio'); return !!a && a.readyState >= 1;",
            PATIENCE,
        )
        .await?;
    let edges = s
        .browser
        .js(
            "const a = document.querySelector('audio.fragment-audio');\
             return [a.dataset.start, a.dataset.end];",
            vec![],
        )
        .await?;
    ensure!(
        edges == json!(["2.0", "5.0"]),
        "the player's edges: {edges}"
    );
    // Played from before its start: the fragment begins at its own start…
    s.browser
        .js_async(
            "const done = arguments[arguments.length - 1];\
             const a = document.querySelector('audio.fragment-audio');\
             a.currentTime = 0;\
             a.play().then(() => done('playing'), (e) => done(String(e)));",
            vec![],
        )
        .await?;
    let started = s
        .browser
        .js(
            "return document.querySelector('audio.fragment-audio').currentTime;",
            vec![],
        )
        .await?;
    ensure!(
        started.as_f64().unwrap_or(0.0) >= 1.9,
        "the fragment played from {started}, before its start"
    );
    // …and stops at its end.
    s.browser
        .wait_until(
            "the fragment to stop at its end",
            "const a = document.querySelector('audio.fragment-audio');\
             return a.paused && a.currentTime >= 4.8;",
            PATIENCE,
        )
        .await?;
    let stopped = s
        .browser
        .js(
            "const a = document.querySelector('audio.fragment-audio');\
             return { t: a.currentTime, cookie: document.cookie };",
            vec![],
        )
        .await?;
    ensure!(
        stopped["t"].as_f64().unwrap_or(99.0) <= 5.3,
        "played past the fragment's end: {stopped}"
    );
    ensure!(
        stopped["cookie"] == "",
        "the embed sees a cookie: {stopped}"
    );
    let axe = axe_current_page(&s.browser).await?;
    s.browser.client.enter_parent_frame().await?;

    // No cookie anywhere in the browser, and no host but the two sites.
    let cookies = s.browser.cdp("Network.getAllCookies", json!({})).await?;
    ensure!(
        cookies["cookies"].as_array().is_some_and(Vec::is_empty),
        "cookies were set: {cookies}"
    );
    let mut foreign = Vec::new();
    for event in s.browser.performance_log().await? {
        if event["method"] != "Network.requestWillBeSent" {
            continue;
        }
        let url = event["params"]["request"]["url"].as_str().unwrap_or("");
        // Chromium's own pages (its new-tab page) log requests too; only the web counts.
        if !url.starts_with("http") {
            continue;
        }
        let o = origin(url);
        if o.is_some() && o != origin(&s.site.base) && o != origin(&consumer) {
            foreign.push(url.to_string());
        }
    }
    s.close().await;
    ensure!(foreign.is_empty(), "requests to other hosts: {foreign:?}");
    assert_clean("axe WCAG 2.1 AA on the embedded fragment", &axe);
    Ok(())
}
