//! Which hosts a page makes the browser talk to (DESIGN.md invariant 5: no third-party requests).

use crate::driver::Browser;
use anyhow::Result;
use std::time::Duration;

/// Origins a page may load from besides the portal's own.
///
/// Empty today. When the map's tile host becomes configurable (`AppConfig`), tests pass the
/// configured origin here, e.g. `["https://tiles.example.org"]`; nothing else is ever allowed.
#[derive(Debug, Clone, Default)]
pub struct AllowedOrigins(pub Vec<String>);

/// Loads `url`, scrolls to the bottom (for lazy images), waits for the page to settle, and
/// returns the URL of every request the page made, the document itself included.
pub async fn requests_of(browser: &Browser, url: &str) -> Result<Vec<String>> {
    browser.performance_log().await?; // drop what earlier pages logged
    browser.goto(url).await?;
    browser
        .js(
            "window.scrollTo(0, document.documentElement.scrollHeight); return true;",
            vec![],
        )
        .await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut urls = Vec::new();
    for event in browser.performance_log().await? {
        if is_browser_ui(&event) {
            continue;
        }
        let method = event["method"].as_str().unwrap_or("");
        let requested = match method {
            "Network.requestWillBeSent" => event["params"]["request"]["url"].as_str(),
            "Network.webSocketCreated" => event["params"]["url"].as_str(),
            _ => None,
        };
        if let Some(u) = requested {
            urls.push(u.to_owned());
        }
    }
    Ok(urls)
}

/// Chromium's own pages (the new-tab page it opens at start, say) log their requests too; they
/// are not the portal's doing. A third-party frame the portal embeds is still caught, by the
/// request that loaded the frame itself.
fn is_browser_ui(event: &serde_json::Value) -> bool {
    let document = event["params"]["documentURL"].as_str().unwrap_or("");
    [
        "chrome:",
        "chrome-untrusted:",
        "chrome-search:",
        "devtools:",
    ]
    .iter()
    .any(|scheme| document.starts_with(scheme))
}

/// The scheme://host:port of an absolute URL, or `None` for URLs that reach no host.
pub fn origin(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    match parsed.scheme() {
        "data" | "blob" | "about" | "javascript" => None,
        _ => Some(parsed.origin().ascii_serialization()),
    }
}

/// Requests that leave the portal's origin and the allowed ones, one finding each.
pub fn third_party(urls: &[String], own: &str, allowed: &AllowedOrigins) -> Vec<String> {
    let own = origin(own);
    urls.iter()
        .filter(|u| {
            let o = origin(u);
            o.is_some() && o != own && !allowed.0.iter().any(|a| Some(a) == o.as_ref())
        })
        .map(|u| format!("third-party request: {u}"))
        .collect()
}
