//! Bytes a visitor's browser transfers for a page before any media (issue 3, "Quality bars":
//! home page ≤ 200 KB): the home page, a person and an interview of the demo museum, each
//! opened in a fresh headless Chromium (a cold cache), summing the Resource Timing
//! `transferSize` of the navigation and of every resource except `/media/` (recordings,
//! photographs: they load on the visitor's demand and are budgeted apart).
//!
//! ```text
//! cargo bench -p letopis-browser-tests --bench page_weight
//! cargo bench -p letopis-browser-tests --bench page_weight --profile dev   # same bytes, faster build
//! ```
//!
//! Prints Markdown tables (the summary, then every request) for `bench/RESULTS.md`. The bytes do
//! not depend on the build profile. Under `cargo test --benches` (no `--bench` argument) it
//! only says how to run it.

use anyhow::{Context, Result};
use letopis_browser_tests::{Browser, PageType, Site, skip_announced};
use letopis_core::Kind;
use serde::Deserialize;
use std::time::Duration;

/// The budget of the home page before media.
const HOME_BUDGET: u64 = 200 * 1024;

/// One request as Resource Timing saw it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    name: String,
    initiator_type: String,
    transfer_size: u64,
    encoded_body_size: u64,
    decoded_body_size: u64,
}

/// The navigation first, then every resource, once the page and its fonts have loaded.
const ENTRIES: &str = "const done = arguments[arguments.length - 1];\
    const collect = () => {\
      const nav = performance.getEntriesByType('navigation')[0];\
      const all = [nav, ...performance.getEntriesByType('resource')];\
      done(all.map((e) => ({ name: e.name, initiatorType: e.initiatorType || 'navigation',\
        transferSize: e.transferSize, encodedBodySize: e.encodedBodySize,\
        decodedBodySize: e.decodedBodySize })));\
    };\
    document.fonts.ready.then(() => setTimeout(collect, 500));";

struct Weighed {
    page: &'static str,
    path: String,
    entries: Vec<Entry>,
    media: usize,
}

fn category(entry: &Entry) -> &'static str {
    if entry.initiator_type == "navigation" {
        return "HTML";
    }
    let path = entry.name.split(['?', '#']).next().unwrap_or_default();
    let ext = path.rsplit('.').next().unwrap_or_default();
    match ext {
        "css" => "CSS",
        "js" | "mjs" => "JS",
        "woff2" | "woff" | "ttf" | "otf" => "fonts",
        "png" | "jpg" | "jpeg" | "webp" | "avif" | "svg" | "gif" | "ico" => "images",
        _ => "other",
    }
}

const CATEGORIES: [&str; 6] = ["HTML", "CSS", "JS", "fonts", "images", "other"];

fn kb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1024.0)
}

async fn weigh(site: &Site, page: &'static str, which: PageType) -> Result<Weighed> {
    // A fresh browser and profile: nothing cached.
    let browser = Browser::start().await?;
    let path = site.pages.path(which);
    let result = async {
        browser.goto(&site.url(&path)).await?;
        let entries = browser.js_async(ENTRIES, vec![]).await?;
        let entries: Vec<Entry> =
            serde_json::from_value(entries).context("reading Resource Timing entries")?;
        Ok::<_, anyhow::Error>(entries)
    }
    .await;
    browser.close().await;
    let entries = result.with_context(|| format!("weighing {path}"))?;
    let (media, entries): (Vec<Entry>, Vec<Entry>) = entries
        .into_iter()
        .partition(|e| url_path(&e.name).starts_with("/media/"));
    Ok(Weighed {
        page,
        path,
        entries,
        media: media.len(),
    })
}

fn url_path(url: &str) -> String {
    url::Url::parse(url)
        .map(|u| u.path().to_owned())
        .unwrap_or_default()
}

fn report(pages: &[Weighed]) {
    println!("### Bytes transferred before media (cold cache, headless Chromium)\n");
    println!(
        "| page | path | requests | {} | total KB | budget |",
        CATEGORIES.map(|c| format!("{c} KB")).join(" | ")
    );
    println!(
        "|---|---|---:|{}---:|---|",
        "---:|".repeat(CATEGORIES.len())
    );
    for w in pages {
        let total: u64 = w.entries.iter().map(|e| e.transfer_size).sum();
        let by = CATEGORIES.map(|c| {
            kb(w.entries
                .iter()
                .filter(|e| category(e) == c)
                .map(|e| e.transfer_size)
                .sum())
        });
        let budget = if w.page == "home" {
            let verdict = if total <= HOME_BUDGET { "ok" } else { "OVER" };
            format!("≤ {} KB: {verdict}", HOME_BUDGET / 1024)
        } else {
            "—".into()
        };
        println!(
            "| {} | `{}` | {} | {} | **{}** | {budget} |",
            w.page,
            w.path,
            w.entries.len(),
            by.join(" | "),
            kb(total)
        );
    }
    let media: Vec<String> = pages
        .iter()
        .map(|w| format!("{} {}", w.page, w.media))
        .collect();
    println!(
        "\nMedia requests left out (`/media/`): {}.",
        media.join(", ")
    );
    println!(
        "\n### Every request\n\n| page | request | type | transferred B | body B (encoded) | body B (decoded) |\n|---|---|---|---:|---:|---:|"
    );
    for w in pages {
        for e in &w.entries {
            println!(
                "| {} | `{}` | {} | {} | {} | {} |",
                w.page,
                url_path(&e.name),
                category(e),
                e.transfer_size,
                e.encoded_body_size,
                e.decoded_body_size
            );
        }
    }
}

async fn run() -> Result<()> {
    let site = tokio::task::spawn_blocking(Site::start).await??;
    let mut pages = Vec::new();
    for (name, which) in [
        ("home", PageType::Home),
        ("person", PageType::Record(Kind::Person)),
        ("interview", PageType::Record(Kind::Interview)),
    ] {
        pages.push(weigh(&site, name, which).await?);
    }
    report(&pages);
    // Let the browsers' sockets close before the server waits for its connections.
    tokio::time::sleep(Duration::from_millis(100)).await;
    drop(site);
    Ok(())
}

fn main() -> Result<()> {
    if !std::env::args().any(|a| a == "--bench") {
        println!(
            "page_weight: a benchmark; run it with `cargo bench -p letopis-browser-tests --bench page_weight`"
        );
        return Ok(());
    }
    if skip_announced() {
        return Ok(());
    }
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?
        .block_on(run())
}
