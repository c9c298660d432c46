//! Every page at a phone's, a laptop's and a projector's width, in the ordinary version and in
//! every colour scheme and text size of the version for the visually impaired (issue #16): no
//! page scrolls sideways, every target is large enough, and lists, search and the home page show
//! the pictures the base has.

use anyhow::{Result, ensure};
use letopis_browser_tests::a11y::{audit_a11y, audit_touch_targets};
use letopis_browser_tests::{Browser, Session, assert_clean};
use serde_json::Value;

/// A phone, a school laptop, an exhibition hall's projector.
const PHONE: (u32, u32) = (390, 844);
const LAPTOP: (u32, u32) = (1366, 768);
const PROJECTOR: (u32, u32) = (1920, 1080);
const SCHEMES: [&str; 4] = ["bw", "wb", "blue", "brown"];
const SIZES: [&str; 3] = ["normal", "large", "xlarge"];

/// Pages beyond the fixture's page types: every list a visitor reaches from the menu.
const MORE: [&str; 8] = [
    "/interviews",
    "/items",
    "/stories",
    "/places",
    "/events",
    "/map",
    "/timeline",
    "/persons?page=2",
];

/// How far the page is wider than the window, and the widest elements that stick out.
const OVERFLOW: &str = "const w = document.documentElement.clientWidth;\
    const over = document.documentElement.scrollWidth - w;\
    const out = [];\
    if (over > 1) { for (const e of document.querySelectorAll('body *')) {\
      const r = e.getBoundingClientRect();\
      if (r.right > w + 1 && getComputedStyle(e).position !== 'fixed') {\
        out.push(e.tagName.toLowerCase() + (e.className && e.className.baseVal === undefined ? '.' + String(e.className).trim().split(/\\s+/).join('.') : '') + ' ' + Math.round(r.right) + 'px'); }\
      if (out.length > 4) break; } }\
    return { over: over, out: out };";

fn urls(s: &Session) -> Vec<String> {
    let mut urls: Vec<String> = s.site.all_pages().into_iter().map(|(_, u)| u).collect();
    urls.extend(MORE.iter().map(|p| s.site.url(p)));
    urls
}

/// Chooses the low-vision version with this scheme and size (through the settings form's own
/// address), or the ordinary version.
async fn choose(s: &Session, setting: Option<(&str, &str)>) -> Result<()> {
    let path = match setting {
        Some((scheme, size)) => {
            format!("/low-vision?mode=set&scheme={scheme}&size={size}&images=on&back=/")
        }
        None => "/low-vision?mode=off&back=/".to_string(),
    };
    s.browser.goto(&s.site.url(&path)).await?;
    let classes = s
        .browser
        .js("return document.documentElement.className;", vec![])
        .await?;
    let classes = classes.as_str().unwrap_or("");
    let chosen = match setting {
        Some((scheme, size)) => {
            classes.contains(&format!("lv-scheme-{scheme}"))
                && classes.contains(&format!("lv-size-{size}"))
        }
        None => !classes.split_whitespace().any(|c| c == "lv"),
    };
    ensure!(
        chosen,
        "{path} did not choose that version: <html class=\"{classes}\">"
    );
    Ok(())
}

/// Every page in the current version at each size: what overflows, where.
async fn overflow(s: &Session, version: &str, sizes: &[(u32, u32)]) -> Result<Vec<String>> {
    let mut findings = Vec::new();
    for &(w, h) in sizes {
        s.browser.resize(w, h).await?;
        for url in urls(s) {
            s.browser.goto(&url).await?;
            // Twice in many runs a page had no document element at this moment (between a
            // navigation's commit and its parse, on a loaded machine): wait for it, and name the
            // page if it never comes.
            s.browser
                .wait_until(
                    &format!("{url} to have a document"),
                    "return !!document.documentElement && document.readyState !== 'loading';",
                    std::time::Duration::from_secs(10),
                )
                .await?;
            let o: Value = s.browser.js(OVERFLOW, vec![]).await?;
            if o["over"].as_f64().unwrap_or(0.0) > 1.0 {
                findings.push(format!(
                    "{version} at {w} px: {url} is {} px too wide: {}",
                    o["over"], o["out"]
                ));
            }
        }
    }
    Ok(findings)
}

#[tokio::test]
async fn no_page_scrolls_sideways_at_any_width() -> Result<()> {
    let Some(s) = Session::start().await? else {
        return Ok(());
    };
    choose(&s, None).await?;
    let findings = overflow(&s, "the ordinary version", &[PHONE, LAPTOP, PROJECTOR]).await?;
    s.close().await;
    assert_clean("pages wider than the window", &findings);
    Ok(())
}

/// Every control a finger or a shaky hand aims at is at least 24 px at each width (WCAG 2.5.8);
/// the layout changes with the width, so each is checked.
#[tokio::test]
async fn every_target_is_at_least_24px_at_any_width() -> Result<()> {
    let Some(s) = Session::start().await? else {
        return Ok(());
    };
    let mut findings = Vec::new();
    for (w, h) in [PHONE, LAPTOP, PROJECTOR] {
        s.browser.resize(w, h).await?;
        for url in urls(&s) {
            for f in audit_touch_targets(&s.browser, &url).await? {
                findings.push(format!("at {w} px: {url}: {f}"));
            }
        }
    }
    s.close().await;
    assert_clean("touch targets", &findings);
    Ok(())
}

#[tokio::test]
async fn no_page_scrolls_sideways_in_any_low_vision_scheme_and_size() -> Result<()> {
    let Some(s) = Session::start().await? else {
        return Ok(());
    };
    let mut findings = Vec::new();
    for scheme in SCHEMES {
        for size in SIZES {
            choose(&s, Some((scheme, size))).await?;
            let version = format!("low vision, {scheme}, {size}");
            // The phone is where a large text size overflows; the wide screens are checked at
            // the largest size.
            let widths: &[(u32, u32)] = if size == "xlarge" {
                &[PHONE, LAPTOP, PROJECTOR]
            } else {
                &[PHONE]
            };
            findings.extend(overflow(&s, &version, widths).await?);
        }
    }
    s.close().await;
    assert_clean("pages wider than the window", &findings);
    Ok(())
}

/// axe-core in each colour scheme other than the default one the a11y suite audits: contrast
/// is what changes between schemes.
#[tokio::test]
async fn axe_in_every_low_vision_colour_scheme() -> Result<()> {
    let Some(s) = Session::start().await? else {
        return Ok(());
    };
    let mut findings = Vec::new();
    s.browser.resize(LAPTOP.0, LAPTOP.1).await?;
    for scheme in ["wb", "blue", "brown"] {
        choose(&s, Some((scheme, "large"))).await?;
        for url in urls(&s) {
            for f in audit_a11y(&s.browser, &url).await? {
                findings.push(format!("{scheme}: {url}: {f}"));
            }
        }
    }
    s.close().await;
    assert_clean(
        "axe WCAG 2.1 AA in the low-vision colour schemes",
        &findings,
    );
    Ok(())
}

/// The loaded pictures (`img.thumb` and the home page's exhibition) on the current page.
async fn pictures(browser: &Browser, url: &str) -> Result<Value> {
    browser.goto(url).await?;
    // Lazy pictures load as they come near: scroll through the page first.
    browser
        .js_async(
            "const done = arguments[arguments.length - 1];\
             let y = 0; const step = () => { window.scrollTo(0, y); y += 600;\
               if (y < document.body.scrollHeight + 600) setTimeout(step, 30); else setTimeout(done, 300); };\
             step();",
            vec![],
        )
        .await?;
    // The first visit makes the thumbnails; a picture still loading after this is a finding.
    let _ = browser
        .wait_until(
            "the pictures to load",
            "return [...document.querySelectorAll('img.thumb, img.featured-picture')].every(i => i.complete);",
            std::time::Duration::from_secs(30),
        )
        .await;
    browser
        .js(
            "const imgs = [...document.querySelectorAll('img.thumb, img.featured-picture')];\
             return { all: imgs.length,\
                      loaded: imgs.filter(i => i.complete && i.naturalWidth > 0).length,\
                      alts: imgs.filter(i => (i.alt || '').trim().length > 0).length,\
                      first: (document.querySelector('.card-picture:has(img.thumb) .card-link') || {}).textContent || '' };",
            vec![],
        )
        .await
}

#[tokio::test]
async fn lists_search_and_the_home_page_show_the_pictures_the_base_has() -> Result<()> {
    let Some(s) = Session::start().await? else {
        return Ok(());
    };
    s.browser.resize(LAPTOP.0, LAPTOP.1).await?;
    let mut findings = Vec::new();
    let mut portrait_of = String::new();
    for path in ["/", "/stories", "/items", "/interviews"] {
        let url = s.site.url(path);
        let p = pictures(&s.browser, &url).await?;
        let (all, loaded, alts) = (p["all"].as_u64(), p["loaded"].as_u64(), p["alts"].as_u64());
        if all.unwrap_or(0) == 0 || loaded != all || alts != all {
            findings.push(format!("{path}: pictures {p}"));
        }
    }
    // The heroes' list: the first page with a portrait shows it, loaded, with its alt text.
    for page in 1..=20 {
        let path = format!("/persons?page={page}");
        let p = pictures(&s.browser, &s.site.url(&path)).await?;
        let all = p["all"].as_u64().unwrap_or(0);
        if p["first"].as_str().is_some_and(|f| !f.trim().is_empty()) {
            if p["loaded"].as_u64() != Some(all) || p["alts"].as_u64() != Some(all) {
                findings.push(format!("{path}: pictures {p}"));
            }
            portrait_of = p["first"].as_str().unwrap_or("").trim().to_string();
            break;
        }
    }
    // Search finds a hero with a portrait and shows it.
    ensure!(
        !portrait_of.is_empty(),
        "no hero with a portrait on /persons pages 1–20"
    );
    let surname = portrait_of.split_whitespace().next().unwrap_or_default();
    let url = s.site.url(&format!("/search?q={}", urlencode(surname)));
    let p = pictures(&s.browser, &url).await?;
    if p["loaded"].as_u64().unwrap_or(0) == 0 {
        findings.push(format!("search for «{surname}»: no picture: {p}"));
    }
    s.close().await;
    assert_clean("pictures", &findings);
    Ok(())
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
