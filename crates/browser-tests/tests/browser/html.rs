//! Valid HTML on every page type, by the Nu Html Checker.

use anyhow::{Context, Result};
use letopis_browser_tests::html::check_html;
use letopis_browser_tests::{Site, assert_clean, skip_announced};

#[tokio::test]
async fn every_page_type_is_valid_html() -> Result<()> {
    if skip_announced() {
        return Ok(());
    }
    let site = Site::start()?;
    let http = reqwest::Client::new();
    let mut documents = Vec::new();
    for (page, url) in site.all_pages() {
        let response = http
            .get(&url)
            .send()
            .await
            .with_context(|| format!("GET {url}"))?;
        let html = response.text().await?;
        documents.push((format!("{} page {url}", page.name()), html));
    }
    let errors = tokio::task::spawn_blocking(move || check_html(&documents)).await??;
    assert_clean("HTML conformance (vnu --errors-only)", &errors);
    Ok(())
}
