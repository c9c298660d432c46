//! Valid HTML on every page type, in every version (ru, en, low vision), by the Nu Html Checker.

use anyhow::{Context, Result};
use letopis_browser_tests::html::check_html;
use letopis_browser_tests::{PageType, Site, Variant, assert_clean, skip_announced};

#[tokio::test]
async fn every_page_type_is_served_and_valid_html() -> Result<()> {
    if skip_announced() {
        return Ok(());
    }
    let site = Site::start()?;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let mut documents = Vec::new();
    for variant in Variant::ALL {
        let cookie = variant.cookie(&http, &site.base).await?;
        for (page, url) in site.all_pages() {
            let mut request = http.get(&url);
            if let Some(cookie) = &cookie {
                request = request.header(reqwest::header::COOKIE, cookie);
            }
            let name = format!("{} page, {} version, {url}", page.name(), variant.name());
            documents.push((name, fetch(request, page, &url).await?));
        }
    }
    let errors = tokio::task::spawn_blocking(move || check_html(&documents)).await??;
    assert_clean("HTML conformance (vnu --errors-only)", &errors);
    Ok(())
}

async fn fetch(request: reqwest::RequestBuilder, page: PageType, url: &str) -> Result<String> {
    let response = request.send().await.with_context(|| format!("GET {url}"))?;
    let expected = if page == PageType::NotFound { 404 } else { 200 };
    assert_eq!(
        response.status().as_u16(),
        expected,
        "the {} page {url} is not served, so no audit of it would mean anything",
        page.name()
    );
    Ok(response.text().await?)
}
