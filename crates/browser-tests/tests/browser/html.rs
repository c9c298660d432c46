//! Valid HTML on every page type, by the Nu Html Checker.

use anyhow::{Context, Result};
use letopis_browser_tests::html::check_html;
use letopis_browser_tests::{PageType, Site, assert_clean, skip_announced};

#[tokio::test]
async fn every_page_type_is_served_and_valid_html() -> Result<()> {
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
        let expected = if page == PageType::NotFound { 404 } else { 200 };
        assert_eq!(
            response.status().as_u16(),
            expected,
            "the {} page {url} is not served, so no audit of it would mean anything",
            page.name()
        );
        let html = response.text().await?;
        documents.push((format!("{} page {url}", page.name()), html));
    }
    let errors = tokio::task::spawn_blocking(move || check_html(&documents)).await??;
    assert_clean("HTML conformance (vnu --errors-only)", &errors);
    Ok(())
}
