//! The audits catch what they claim to: each is shown a page broken on purpose. Without these,
//! an audit that silently checked nothing would pass every page.

use anyhow::Result;
use letopis_browser_tests::a11y::{audit_keyboard, axe_current_page};
use letopis_browser_tests::html::check_html;
use letopis_browser_tests::requests::{AllowedOrigins, requests_of, third_party};
use letopis_browser_tests::{PageType, Session, skip_announced};
use serde_json::json;

#[tokio::test]
async fn audits_catch_broken_pages() -> Result<()> {
    let Some(s) = Session::start().await? else {
        return Ok(());
    };
    let home = s.site.page(PageType::Home);

    s.browser.goto(&home).await?;
    s.browser
        .js(
            "const i = document.createElement('img'); i.src = '/favicon.ico';\
             document.querySelector('main').append(i); return true;",
            vec![],
        )
        .await?;
    let axe = axe_current_page(&s.browser).await?;
    assert!(
        axe.iter().any(|f| f.contains("image-alt")),
        "axe missed an image without alt: {axe:?}"
    );

    let _ = s.browser.performance_log().await?;
    s.browser
        .js(
            "const i = document.createElement('img'); i.src = arguments[0];\
             document.body.append(i); return true;",
            vec![json!("http://tiles.example.invalid/1/1/1.png")],
        )
        .await?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let mut urls: Vec<String> = Vec::new();
    for event in s.browser.performance_log().await? {
        if event["method"] == "Network.requestWillBeSent" {
            urls.extend(
                event["params"]["request"]["url"]
                    .as_str()
                    .map(str::to_owned),
            );
        }
    }
    let found = third_party(&urls, &s.site.base, &AllowedOrigins::default());
    assert_eq!(
        found,
        ["third-party request: http://tiles.example.invalid/1/1/1.png"]
    );
    let allowed = AllowedOrigins(vec!["http://tiles.example.invalid".into()]);
    assert!(third_party(&urls, &s.site.base, &allowed).is_empty());
    let own = requests_of(&s.browser, &home).await?;
    assert!(
        own.iter()
            .any(|u| u.contains("/static/") && u.contains(".css")),
        "{own:?}"
    );

    s.close().await;
    Ok(())
}

#[tokio::test]
async fn keyboard_audit_catches_hidden_focus_and_unreachable_controls() -> Result<()> {
    let Some(s) = Session::start().await? else {
        return Ok(());
    };
    // A data: page keeps the test independent of how the real pages look today.
    let html = "<!doctype html><title>t</title>\
        <style>.bare:focus{outline:none}</style>\
        <a href='#a'>fine</a> <a class=bare href='#b'>bare</a> \
        <button tabindex=-1>skipped</button>";
    let page = format!("data:text/html;charset=utf-8,{}", html.replace('#', "%23"));
    let findings = audit_keyboard(&s.browser, &page).await?;
    s.close().await;
    assert_eq!(findings.len(), 2, "{findings:#?}");
    assert!(
        findings[0].starts_with("focus-visible: <a href=\"#b\">"),
        "{findings:#?}"
    );
    assert!(
        findings[1].starts_with("keyboard: <button> \"skipped\""),
        "{findings:#?}"
    );
    Ok(())
}

#[tokio::test]
async fn html_checker_reports_errors() -> Result<()> {
    if skip_announced() {
        return Ok(());
    }
    let broken = "<!DOCTYPE html><html lang=ru><head><title>t</title></head>\
                  <body><p><div>block in p</p></div><img src=x></body></html>";
    let good =
        "<!DOCTYPE html><html lang=ru><head><title>t</title></head><body><p>ok</p></body></html>";
    let errors = tokio::task::spawn_blocking(move || {
        check_html(&[
            ("good".into(), good.into()),
            ("broken".into(), broken.into()),
        ])
    })
    .await??;
    assert!(!errors.is_empty());
    assert!(
        errors.iter().all(|e| e.starts_with("broken line 1:")),
        "{errors:#?}"
    );
    assert!(errors.iter().any(|e| e.contains("alt")), "{errors:#?}");
    Ok(())
}
