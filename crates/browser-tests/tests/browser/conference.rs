//! Issue #18, "Done means": an author submits a paper to the conference and confirms it from the
//! letter; a reviewer scores it; the committee accepts it, places it in the programme and
//! publishes it in the proceedings, where it is an item of the base that the search finds — in
//! a real browser, every page on the way audited with axe.

use crate::contributions::keep;
use crate::studio::{PASSWORD, Walk, add_staff};
use anyhow::{Context, Result, ensure};
use letopis_browser_tests::{Browser, PageType, Site, assert_clean, skip_announced};
use letopis_core::Kind;
use letopis_core::account::Role;
use serde_json::json;

const CHAIR: &str = "chair@letopis.example";
const REVIEWER: &str = "reviewer@letopis.example";
const AUTHOR: &str = "author@mail.example";
const TITLE: &str = "Госпиталь в школе № 2: 1941–1943";

/// A small real PDF, as an author's word processor would save one.
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// Sets a form control's value as a person choosing it would (date, time and select controls
/// take typed keys differently in every locale).
async fn set(browser: &Browser, id: &str, value: &str) -> Result<()> {
    browser
        .js(
            "const f = document.getElementById(arguments[0]); f.value = arguments[1];\
             f.dispatchEvent(new Event('change', {bubbles: true})); return f.value;",
            vec![json!(id), json!(value)],
        )
        .await?;
    Ok(())
}

#[tokio::test]
async fn an_author_submits_a_paper_and_it_reaches_the_proceedings() -> Result<()> {
    if skip_announced() {
        return Ok(());
    }
    let site = Site::start_studio()?;
    add_staff(&site, CHAIR, "Антонова Светлана", vec![Role::Coordinator])?;
    add_staff(&site, REVIEWER, "Фёдоров Павел", vec![Role::Expert])?;
    let browser = Browser::start().await?;
    browser.resize(1366, 900).await?;
    let mut walk = Walk {
        browser: &browser,
        site: &site,
        findings: Vec::new(),
        audited: Vec::new(),
    };

    // The author finds the call and sends the paper.
    walk.open("/").await?;
    walk.submit("footer a[href='/conference']").await?;
    walk.submit("a[href='/conference/submit']").await?;
    walk.type_into("#title", TITLE).await?;
    set(&browser, "section", "home-front").await?;
    walk.type_into("#author-1-name", "Лебедева Ольга Николаевна")
        .await?;
    walk.type_into("#author-1-affiliation", "Школьный музей СОШ № 2")
        .await?;
    walk.type_into("#email", AUTHOR).await?;
    walk.type_into(
        "#abstract",
        "По документам школьного музея: как здание школы стало эвакогоспиталем.",
    )
    .await?;
    // First without the file and the consents: the problems are named, nothing typed is lost.
    walk.submit("form.contributions-form button[type=submit]")
        .await?;
    let mut pages = Vec::new();
    let problems = walk.text("#problems").await?;
    ensure!(
        problems.contains("Приложите текст доклада в PDF.")
            && problems.contains("Без согласия на обработку"),
        "{problems}"
    );
    let kept = browser
        .js("return document.getElementById('title').value;", vec![])
        .await?;
    ensure!(kept == json!(TITLE), "the title was lost: {kept}");
    let dir = tempfile::tempdir()?;
    let pdf = dir.path().join("doklad.pdf");
    std::fs::write(&pdf, PDF)?;
    browser
        .find("#file")
        .await?
        .send_keys(&pdf.display().to_string())
        .await
        .context("choosing the PDF")?;
    browser.click("#consent").await?;
    browser.click("#publish").await?;
    walk.submit("form.contributions-form button[type=submit]")
        .await?;
    let sent = walk.text("main").await?;
    ensure!(sent.contains("Заявка отправлена"), "{sent}");
    keep(&walk, &mut pages).await?;

    // The letter's link, then its button.
    let mail = site.data_dir().join("mail");
    let letter = std::fs::read_dir(&mail)
        .with_context(|| format!("reading {}", mail.display()))?
        .filter_map(Result::ok)
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .find(|t| t.contains(&format!("To: {AUTHOR}")))
        .context("no letter to the author")?;
    let line = letter
        .lines()
        .find(|l| l.contains("/conference/confirm/"))
        .context("no confirmation link")?
        .trim();
    let path = &line[line.find("/conference/confirm/").context("path")?..];
    walk.open(path).await?;
    walk.audit().await?;
    keep(&walk, &mut pages).await?;
    walk.submit("main form button[type=submit]").await?;
    ensure!(
        walk.text("main").await?.contains("подтверждена"),
        "not confirmed"
    );

    // The committee assigns a reviewer.
    walk.sign_in(CHAIR, PASSWORD).await?;
    walk.open("/studio/conference").await?;
    walk.audit().await?;
    keep(&walk, &mut pages).await?;
    let href = browser
        .js(
            "const a = [...document.querySelectorAll('#papers a')].find((a) => a.textContent === arguments[0]);\
             return a ? a.getAttribute('href') : null;",
            vec![json!(TITLE)],
        )
        .await?;
    let paper = href
        .as_str()
        .context("the paper is not on the committee's list")?
        .to_string();
    walk.open(&paper).await?;
    walk.audit().await?;
    keep(&walk, &mut pages).await?;
    let reviewer = browser
        .js(
            "const o = [...document.querySelectorAll('#reviewer option')].find((o) => o.textContent === 'Фёдоров Павел');\
             return o ? o.value : null;",
            vec![],
        )
        .await?;
    set(
        &browser,
        "reviewer",
        reviewer.as_str().context("reviewer offered")?,
    )
    .await?;
    walk.submit("form[action$='/assign'] button").await?;
    walk.sign_out().await?;

    // The reviewer scores it.
    walk.sign_in(REVIEWER, PASSWORD).await?;
    walk.open(&paper).await?;
    browser.click("input[name=score][value='5']").await?;
    browser
        .click("input[name=recommendation][value=accept]")
        .await?;
    walk.type_into("#comment", "Опирается на документы школьного музея.")
        .await?;
    walk.submit("form[action$='/review'] button").await?;
    ensure!(
        walk.text("#paper-reviews").await?.contains("5.0"),
        "the mean score is not shown"
    );
    walk.sign_out().await?;

    // The committee accepts it, places it and publishes it with the record it discusses.
    walk.sign_in(CHAIR, PASSWORD).await?;
    walk.open(&paper).await?;
    browser.click("input[name=decision][value=accept]").await?;
    walk.submit("form[action$='/decide'] button").await?;
    ensure!(
        walk.text("#paper-status").await? == "принят",
        "not accepted"
    );
    keep(&walk, &mut pages).await?;
    let first_day = browser
        .js(
            "return document.querySelector('#slot-day option:nth-child(2)').value;",
            vec![],
        )
        .await?;
    set(&browser, "slot-day", first_day.as_str().context("a day")?).await?;
    set(&browser, "slot-start", "12:00").await?;
    set(&browser, "slot-end", "12:20").await?;
    walk.submit("form[action$='/schedule'] button").await?;
    let story = site.pages.path(PageType::Record(Kind::Story));
    walk.type_into("#pub-records", &story).await?;
    walk.submit("form[action$='/publish'] button").await?;
    let item = browser
        .js(
            "const a = document.getElementById('proceedings-item'); return a ? a.getAttribute('href') : null;",
            vec![],
        )
        .await?;
    let item = item
        .as_str()
        .context("no item in the proceedings")?
        .to_string();
    walk.sign_out().await?;

    // The public programme and proceedings; the item with its PDF and the record it discusses.
    walk.open("/conference").await?;
    walk.audit().await?;
    keep(&walk, &mut pages).await?;
    let programme = walk.text("#programme").await?;
    ensure!(
        programme.contains("12:00–12:20") && programme.contains(TITLE),
        "{programme}"
    );
    let listed = browser
        .js(
            "return [...document.querySelectorAll('#proceedings a')].map((a) => a.getAttribute('href'));",
            vec![],
        )
        .await?;
    ensure!(
        listed
            .as_array()
            .is_some_and(|l| l.iter().any(|h| h == &json!(item))),
        "the proceedings do not list {item}: {listed}"
    );
    walk.open(&item).await?;
    walk.audit().await?;
    keep(&walk, &mut pages).await?;
    let links = browser
        .js(
            "return [...document.querySelectorAll('main a')].map((a) => a.getAttribute('href'));",
            vec![],
        )
        .await?;
    let links = links.as_array().context("links")?;
    ensure!(
        links
            .iter()
            .any(|h| h.as_str().is_some_and(|h| h.starts_with("/media/"))),
        "the PDF is not offered: {links:?}"
    );
    ensure!(
        links.iter().any(|h| h == &json!(story)),
        "the record it discusses is not linked: {links:?}"
    );
    // Searchable: the follower indexes it within moments.
    let mut found = false;
    for _ in 0..100 {
        walk.open("/search?q=госпиталь школе").await?;
        let results = browser
            .js(
                "return [...document.querySelectorAll('main a')].map((a) => a.getAttribute('href'));",
                vec![],
            )
            .await?;
        if results
            .as_array()
            .is_some_and(|r| r.iter().any(|h| h == &json!(item)))
        {
            found = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    ensure!(found, "the search does not find the paper");
    let findings = std::mem::take(&mut walk.findings);
    browser.close().await;
    assert_clean("axe on the conference's pages", &findings);
    let invalid = letopis_browser_tests::html::check_html(&pages)?;
    assert_clean("the Nu Html Checker on the conference's pages", &invalid);
    Ok(())
}
