//! An interview opened through its IIIF manifest in the portal's own viewer (issue #19): from
//! the interview's page, the «Открыть в просмотрщике IIIF» link; the viewer reads the manifest
//! and shows the recording with the transcript from its annotations; a line plays from its
//! start and is marked while heard. The viewer page is audited with axe and the Nu checker.

use anyhow::{Context, Result, ensure};
use letopis_browser_tests::{PageType, Session, assert_clean};
use letopis_core::Kind;
use serde_json::Value;
use std::time::Duration;

const PATIENCE: Duration = Duration::from_secs(20);

const VIEWER_STATE: &str = "const m = document.querySelector('#iiif-viewer .player-media');\
    return { url: location.href,\
      status: (document.querySelector('.iiif-viewer-status') || {}).textContent,\
      cues: document.querySelectorAll('#iiif-viewer li.cue').length,\
      media: m && { src: m.currentSrc, time: m.currentTime, ready: m.readyState,\
                    error: m.error && m.error.message },\
      current: [...document.querySelectorAll('#iiif-viewer li.cue[aria-current]')]\
        .map((c) => c.dataset.start) };";

#[tokio::test]
async fn an_interview_opens_through_its_manifest_in_the_portals_viewer() -> Result<()> {
    let Some(s) = Session::start().await? else {
        return Ok(());
    };
    let browser = &s.browser;
    browser
        .goto(&s.site.page(PageType::Record(Kind::Interview)))
        .await?;
    // The words of the page's own transcript, which the viewer must show from the manifest.
    let page_text = browser
        .js(
            "return (document.querySelector('#transcript') || document.body).textContent;",
            vec![],
        )
        .await?;
    let page_text = page_text.as_str().unwrap_or_default().to_string();
    let manifest = browser
        .js(
            "const a = document.querySelector('.iiif-link a[href*=\"manifest\"]');\
             return a && a.getAttribute('href');",
            vec![],
        )
        .await?;
    ensure!(
        manifest
            .as_str()
            .is_some_and(|h| h.contains("/iiif/interviews/")),
        "the interview page links no IIIF viewer on its manifest: {manifest}"
    );
    browser.click(".iiif-link a").await?;
    browser
        .wait_until_explained(
            "the viewer to read the manifest and show the transcript",
            "return location.pathname === '/iiif/viewer' \
               && document.querySelectorAll('#iiif-viewer li.cue').length >= 4;",
            VIEWER_STATE,
            PATIENCE,
        )
        .await?;
    let lines = browser
        .js(
            "return [...document.querySelectorAll('#iiif-viewer li.cue')].map((c) => ({\
               start: parseFloat(c.dataset.start),\
               text: c.querySelector('.cue-text').textContent }));",
            vec![],
        )
        .await?;
    let lines = lines.as_array().context("the viewer's lines")?.clone();
    for line in &lines {
        let text = line["text"].as_str().unwrap_or_default();
        let words = text.split(": ").last().unwrap_or(text);
        ensure!(
            page_text.contains(words),
            "the viewer shows a line the interview page does not: {text:?}"
        );
    }

    // A line plays from its start, and is the one marked.
    let third: &Value = &lines[2];
    let start = third["start"].as_f64().context("a start")?;
    browser
        .click("#iiif-viewer li.cue:nth-child(3) a.cue-link")
        .await?;
    browser
        .wait_until_explained(
            "the recording to move to the clicked line and mark it",
            &format!(
                "const m = document.querySelector('#iiif-viewer .player-media');\
                 const c = document.querySelector('#iiif-viewer li.cue:nth-child(3)');\
                 return Math.abs(m.currentTime - {start}) < 1.5 \
                   && c.getAttribute('aria-current') === 'true';"
            ),
            VIEWER_STATE,
            PATIENCE,
        )
        .await?;

    let findings = letopis_browser_tests::a11y::axe_current_page(browser).await?;
    let here = browser.here().await;
    let html = browser
        .js_async(
            "const done = arguments[arguments.length - 1];\
             fetch(location.href).then(r => r.text()).then(done);",
            vec![],
        )
        .await?;
    s.close().await;
    assert_clean("axe on the IIIF viewer", &findings);
    let invalid = letopis_browser_tests::html::check_html(&[(
        here,
        html.as_str().unwrap_or_default().to_string(),
    )])?;
    assert_clean("the Nu Html Checker on the IIIF viewer", &invalid);
    Ok(())
}
