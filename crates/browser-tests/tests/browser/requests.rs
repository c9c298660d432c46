//! No page makes the browser talk to any host but the portal (DESIGN.md invariant 5).

use anyhow::Result;
use letopis_browser_tests::requests::{AllowedOrigins, requests_of, third_party};
use letopis_browser_tests::{Session, assert_clean};

#[tokio::test]
async fn pages_load_nothing_from_other_hosts() -> Result<()> {
    let Some(s) = Session::start().await? else {
        return Ok(());
    };
    let mut findings = Vec::new();
    for (page, url) in s.site.all_pages() {
        let urls = requests_of(&s.browser, &url).await?;
        assert!(
            urls.iter().any(|u| u == &url),
            "the performance log missed the {} page's own request {url}: {urls:?}",
            page.name()
        );
        for f in third_party(&urls, &s.site.base, &AllowedOrigins::default()) {
            findings.push(format!("{} page {url}: {f}", page.name()));
        }
    }
    s.close().await;
    assert_clean("third-party requests", &findings);
    Ok(())
}
