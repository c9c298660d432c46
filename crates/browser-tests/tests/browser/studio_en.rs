//! The studio in English (issue #14): a volunteer who chose English at sign-in creates a person
//! and sends it for review, an expert records the public-interest decision and publishes it,
//! and no page on the way shows a Russian word of the interface. What is allowed to be Russian:
//! the language switch (it names Russian in Russian, marked `lang="ru"`) and the demo museum's
//! record titles in lists; everything the test types is in Latin letters, so any Cyrillic letter
//! left is an untranslated string.

use crate::studio::{PASSWORD, PATIENCE, Walk, add_staff};
use anyhow::{Context, Result, ensure};
use letopis_browser_tests::{Browser, Site, skip_announced};
use letopis_core::account::Role;
use serde_json::Value;

const VOLUNTEER: &str = "victoria@letopis.example";
const EXPERT: &str = "edmund@letopis.example";

/// Every Cyrillic text a person could read or hear on the page shown now: the rendered text,
/// the title, and the attributes screen readers and forms show (`aria-label`, `title`,
/// `placeholder`, a button's `value`). Left out: elements marked `lang="ru"` and the titles of
/// records in lists (links to `/studio/records/N`), which are the museum's content.
const CYRILLIC_ON_PAGE: &str = r#"
const cyrillic = /[\u0400-\u04FF]/;
const excluded = (el) => !!el.closest('[lang="ru"], a[href^="/studio/records/"]');
let text = document.body.innerText;
for (const el of document.querySelectorAll('[lang="ru"], a[href^="/studio/records/"]')) {
  const own = el.innerText;
  if (own) text = text.split(own).join(' ');
}
const found = text.split('\n').map((l) => l.trim()).filter((l) => cyrillic.test(l));
if (cyrillic.test(document.title)) found.push('<title>: ' + document.title);
for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], button[value], input[type=submit], input[type=button]')) {
  if (excluded(el)) continue;
  for (const name of ['aria-label', 'title', 'placeholder']) {
    const v = el.getAttribute(name);
    if (v && cyrillic.test(v)) found.push(el.tagName.toLowerCase() + ' ' + name + ': ' + v);
  }
  if (el.tagName === 'INPUT' && cyrillic.test(el.value || '')) found.push('input value: ' + el.value);
}
return found;
"#;

/// Fails with every Russian string on the page shown now, naming the page.
async fn no_russian(walk: &Walk<'_>, page: &str) -> Result<()> {
    let found = walk.browser.js(CYRILLIC_ON_PAGE, vec![]).await?;
    let found: Vec<&str> = found
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    ensure!(
        found.is_empty(),
        "Russian on the English {page} ({}):\n  {}",
        walk.browser.here().await,
        found.join("\n  ")
    );
    Ok(())
}

/// Signs in from the English sign-in page (`?lang=en` also sets the language cookie).
async fn sign_in_in_english(walk: &mut Walk<'_>, email: &str) -> Result<()> {
    walk.open("/studio/sign-in?lang=en").await?;
    walk.type_into("#email", email).await?;
    walk.type_into("#password", PASSWORD).await?;
    walk.submit("form.studio-form button[type=submit]").await?;
    let here = walk.browser.here().await;
    ensure!(
        !here.contains("/sign-in"),
        "{email} was not signed in: {}",
        walk.text("main").await?
    );
    Ok(())
}

#[tokio::test]
async fn the_studio_in_english_takes_a_person_to_the_portal_without_a_russian_word() -> Result<()> {
    if skip_announced() {
        return Ok(());
    }
    let site = Site::start_studio()?;
    add_staff(
        &site,
        VOLUNTEER,
        "Victoria Volunteer",
        vec![Role::Volunteer],
    )?;
    add_staff(&site, EXPERT, "Edmund Expert", vec![Role::Expert])?;
    let browser = Browser::start().await?;
    let mut walk = Walk {
        browser: &browser,
        site: &site,
        findings: Vec::new(),
        audited: Vec::new(),
    };
    let result = in_english(&mut walk).await;
    browser.close().await;
    result
}

async fn in_english(walk: &mut Walk<'_>) -> Result<()> {
    // The volunteer: the dashboard, the list of people, the new-person form.
    sign_in_in_english(walk, VOLUNTEER).await?;
    walk.open("/studio").await?;
    ensure!(
        walk.text("main h1").await? == "Waiting for me",
        "the dashboard is not in English: {}",
        walk.text("main").await?
    );
    no_russian(walk, "dashboard").await?;
    walk.open("/studio/persons").await?;
    no_russian(walk, "list of people").await?;
    // The other kinds' empty forms too; an interview's and a story's hints quote the Russian
    // words of their text formats ([иллюстрация 1], «Начало:»), which the portal reads in any
    // language, so those two are left out.
    for kind in [
        "places",
        "events",
        "items",
        "organizations",
        "collections",
        "sources",
    ] {
        walk.open(&format!("/studio/{kind}/new")).await?;
        no_russian(walk, &format!("new-record form of {kind}")).await?;
    }
    walk.open("/studio/persons/new").await?;
    no_russian(walk, "new-person form").await?;

    // A person who died in the war, typed in Latin letters.
    walk.type_into("#in-surname", "Ershov").await?;
    walk.type_into("#in-given_name", "Pyotr").await?;
    walk.type_into("#in-birth", "1915-03").await?;
    walk.browser
        .wait_until(
            "the date's preview in words",
            "const p = document.getElementById('birth-preview'); \
             return !!p && p.textContent.includes('March 1915');",
            PATIENCE,
        )
        .await?;
    walk.type_into("#in-death", "1943-07-12").await?;
    walk.browser
        .find("#in-fate")
        .await?
        .select_by_value("killed")
        .await?;
    walk.type_into(
        "#in-biography",
        "A lathe operator who volunteered in July 1941.",
    )
    .await?;
    walk.submit("#record-form .form-actions button[type=submit]")
        .await?;
    let record = walk.browser.here().await;
    ensure!(
        record.contains("/studio/records/"),
        "the person was not created: {}",
        walk.text("main").await?
    );
    let record = record
        .split('?')
        .next()
        .context("the record's address")?
        .trim_start_matches(&walk.site.base)
        .to_string();
    no_russian(walk, "saved draft").await?;

    walk.step("in_review", "").await?;
    no_russian(walk, "record after «send for review»").await?;
    walk.sign_out().await?;

    // The expert: the dashboard with the record to review, the decision, the publication.
    sign_in_in_english(walk, EXPERT).await?;
    walk.open("/studio").await?;
    no_russian(walk, "expert's dashboard").await?;
    walk.open(&record).await?;
    no_russian(walk, "record in review").await?;
    walk.browser
        .find("#consent-kind")
        .await?
        .select_by_value("public_interest")
        .await?;
    walk.type_into("#consent-by", "Working group Heroes, minutes No. 3")
        .await?;
    let today = jiff::Timestamp::now().strftime("%Y-%m-%d").to_string();
    walk.type_into("#consent-signed", &today).await?;
    walk.submit("form[action$='/consents'] button[type=submit]")
        .await?;
    no_russian(walk, "record with the decision recorded").await?;
    walk.step("published", "").await?;
    let state = walk.text(".record-state").await?;
    ensure!(
        state.contains("published"),
        "the record is not published: {state}"
    );
    no_russian(walk, "published record").await?;
    Ok(())
}
