//! Issue #7, "Done means", on a phone-sized window: a resident tells the museum about their
//! grandfather with two photos, confirms the address from the letter, answers the moderator's
//! question through the status link; the moderator sees that the hero is probably in the base
//! already, merges and publishes; the family's story appears beside the museum's biography; the
//! resident sees «опубликовано». axe checks every page on the way.

use crate::studio::{PASSWORD, Walk, add_staff, photo};
use anyhow::{Context, Result, ensure};
use letopis_browser_tests::{Browser, Site, assert_clean, skip_announced};
use letopis_core::account::Role;
use letopis_core::entities::Person;
use letopis_core::{Body, Kind, Viewer};
use letopis_store::ListQuery;
use std::path::{Path, PathBuf};

const RESIDENT: &str = "anna.petrova@example.ru";
const MODERATOR: &str = "moderator@letopis.example";
/// A phone: the width of the smallest common one, and a phone's height.
const PHONE: (u32, u32) = (360, 780);

/// A published person of the demo museum with a birth year and a unit: the hero the family
/// will describe without knowing the museum has them.
struct Known {
    surname: String,
    given: String,
    patronymic: String,
    birth_year: i32,
    unit: String,
    biography: String,
    path: String,
}

fn known_hero(site: &Site) -> Result<Known> {
    let mut query = ListQuery::new(Kind::Person);
    query.limit = 300;
    let today = letopis_core::today();
    let persons = site
        .store
        .list(&query, &Viewer::anonymous().filter(today))?
        .items;
    for r in persons {
        let Body::Person(p) = &r.record.body else {
            continue;
        };
        let Person { name, .. } = p;
        if let Some(year) = p.birth.as_ref().and_then(|b| b.year())
            && !p.service.unit.is_empty()
            && !name.given.is_empty()
            && !name.patronymic.is_empty()
            && !p.biography.is_empty()
        {
            return Ok(Known {
                surname: name.surname.clone(),
                given: name.given.clone(),
                patronymic: name.patronymic.clone(),
                birth_year: year,
                unit: p.service.unit.clone(),
                biography: p.biography.chars().take(40).collect(),
                path: format!("/persons/{}", r.record.meta.slug),
            });
        }
    }
    anyhow::bail!("the demo museum has no published person with a birth year, unit and biography")
}

fn second_photo(dir: &Path) -> Result<PathBuf> {
    let img = image::RgbImage::from_fn(900, 1200, |x, y| {
        image::Rgb([200 - (y / 8) as u8, 180, (x / 6) as u8])
    });
    let path = dir.join("письмо-1943.png");
    img.save(&path).context("writing the second photo")?;
    Ok(path)
}

#[tokio::test]
async fn a_family_tells_about_their_hero_on_a_phone_and_sees_it_published() -> Result<()> {
    if skip_announced() {
        return Ok(());
    }
    let site = Site::start_studio()?;
    add_staff(&site, MODERATOR, "Модератор Мария", vec![Role::Expert])?;
    let hero = known_hero(&site)?;
    let browser = Browser::start().await?;
    let files = tempfile::tempdir()?;
    let photos = [photo(files.path())?, second_photo(files.path())?];
    let mut walk = Walk {
        browser: &browser,
        site: &site,
        findings: Vec::new(),
        audited: Vec::new(),
    };
    let mut pages = Vec::new();
    let result = family_and_moderator(&mut walk, &hero, &photos, &mut pages).await;
    let findings = std::mem::take(&mut walk.findings);
    browser.close().await;
    result?;
    assert_clean("axe on the pages of a resident's story", &findings);
    // The markup of every step, the preview, the status page, the moderator's pages and the
    // person page with the family's story is valid HTML.
    let invalid = letopis_browser_tests::html::check_html(&pages)?;
    assert_clean(
        "the Nu Html Checker on the pages of a resident's story",
        &invalid,
    );
    Ok(())
}

/// Keeps the markup of the page shown now, as the server sent it, for the HTML checker.
pub(crate) async fn keep(walk: &Walk<'_>, pages: &mut Vec<(String, String)>) -> Result<()> {
    let here = walk.browser.here().await;
    let html = walk
        .browser
        .js_async(
            "const done = arguments[arguments.length - 1];\
             fetch(location.href).then(r => r.text()).then(done);",
            vec![],
        )
        .await?;
    pages.push((here, html.as_str().unwrap_or_default().to_string()));
    Ok(())
}

/// The private link, as a path, in the letter to the resident that says `says`.
fn link_in_letter(site: &Site, says: &str) -> Result<String> {
    let dir = site.data_dir().join("mail");
    let letter = std::fs::read_dir(&dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(Result::ok)
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .find(|text| text.contains(&format!("To: {RESIDENT}")) && text.contains(says))
        .with_context(|| format!("no letter to {RESIDENT} saying «{says}»"))?;
    let line = letter
        .lines()
        .find(|l| l.contains("/contribute/s/"))
        .with_context(|| format!("no private link in the letter:\n{letter}"))?
        .trim();
    Ok(line[line.find("/contribute/s/").context("link path")?..].to_string())
}

async fn family_and_moderator(
    walk: &mut Walk<'_>,
    hero: &Known,
    photos: &[PathBuf],
    pages: &mut Vec<(String, String)>,
) -> Result<()> {
    walk.browser.resize(PHONE.0, PHONE.1).await?;

    // From the home page, as a resident finds it.
    walk.open("/").await?;
    walk.submit("a[href='/contribute']").await?;
    walk.submit("form[action='/contribute/start'] button[type=submit]")
        .await?;
    keep(walk, pages).await?;
    ensure!(
        walk.browser.here().await.ends_with("/step/hero"),
        "the form did not start: {}",
        walk.browser.here().await
    );

    // Step 1 with a mistake first: the problem is named and what was typed stays.
    walk.type_into("#given", &hero.given).await?;
    walk.submit("button[value=next]").await?;
    let problems = walk.text(".contributions-problems").await?;
    ensure!(problems.contains("фамилию"), "{problems}");
    walk.type_into("#surname", &hero.surname).await?;
    walk.type_into("#patronymic", &hero.patronymic).await?;
    walk.type_into("#birth", &hero.birth_year.to_string())
        .await?;
    walk.browser
        .click("input[name=alive][value=deceased]")
        .await?;
    walk.type_into("#unit", &hero.unit).await?;
    walk.submit("button[value=next]").await?;
    keep(walk, pages).await?;

    walk.type_into(
        "#story",
        "Дедушка ушёл на фронт летом 1941 года.\n\nВ письмах бабушке писал, что скучает по дому и по реке.",
    )
    .await?;
    walk.submit("button[value=next]").await?;

    for (photo, caption) in photos
        .iter()
        .zip(["Дедушка в 1941 году", "Письмо с фронта, 1943"])
    {
        let input = walk.browser.find("#file").await?;
        input
            .send_keys(&photo.display().to_string())
            .await
            .context("choosing a photo")?;
        walk.type_into("#caption", caption).await?;
        walk.submit("form.contributions-upload button[type=submit]")
            .await?;
        let listed = walk
            .browser
            .js(
                "return [...document.querySelectorAll('#files .contributions-files img')]\
                   .some(i => i.alt === arguments[0] && i.complete && i.naturalWidth > 0);",
                vec![serde_json::json!(caption)],
            )
            .await?;
        ensure!(
            listed.as_bool() == Some(true),
            "the photo «{caption}» is not listed with its thumbnail: {}",
            walk.text("main").await?
        );
    }
    keep(walk, pages).await?;
    walk.submit("button[value=next]").await?;
    keep(walk, pages).await?;

    walk.type_into("#name", "Анна Петрова").await?;
    walk.browser
        .click("input[name=relationship][value=grandchild]")
        .await?;
    walk.type_into("#relationship_note", "внучка").await?;
    walk.type_into("#email", RESIDENT).await?;
    walk.submit("button[value=next]").await?;
    keep(walk, pages).await?;

    // Consent: nothing ticked until the resident ticks it.
    let ticked = walk
        .browser
        .js(
            "return document.querySelectorAll('input:checked').length;",
            vec![],
        )
        .await?;
    ensure!(ticked.as_u64() == Some(0), "{ticked} boxes came ticked");
    walk.browser.click("#processing").await?;
    walk.browser
        .click("input[name=publication][value=heir]")
        .await?;
    walk.browser.click("input[name=credit]").await?;
    walk.submit("button[value=check]").await?;

    keep(walk, pages).await?;
    let preview = walk.text("main").await?;
    ensure!(
        preview.contains(&hero.surname) && preview.contains("Анна Петрова, внучка"),
        "the preview: {preview}"
    );
    walk.submit("form[action$='/send'] button[type=submit]")
        .await?;
    ensure!(
        walk.text("main").await?.contains("Рассказ отправлен"),
        "not sent: {}",
        walk.text("main").await?
    );

    // The letter's link opens the page with a button (a mail scanner opening the link confirms
    // nothing); the button confirms the address.
    let confirm = link_in_letter(walk.site, "?confirm=")?;
    walk.open(&confirm).await?;
    walk.audit().await?;
    ensure!(
        !walk.text("main").await?.contains("подтверждён"),
        "confirmed by opening the link alone"
    );
    walk.submit("form.contributions-confirm-offer button[type=submit]")
        .await?;
    ensure!(
        walk.text("main").await?.contains("подтверждён"),
        "not confirmed: {}",
        walk.text("main").await?
    );
    let status = confirm.split('?').next().unwrap_or_default().to_string();
    keep(walk, pages).await?;

    moderate_and_publish(walk, hero, &status, pages).await
}

async fn moderate_and_publish(
    walk: &mut Walk<'_>,
    hero: &Known,
    status: &str,
    pages: &mut Vec<(String, String)>,
) -> Result<()> {
    // The moderator works at a desk.
    walk.browser.resize(1280, 900).await?;
    walk.sign_in(MODERATOR, PASSWORD).await?;
    walk.open("/studio").await?;
    walk.audit().await?;
    let dashboard = walk.text("main").await?;
    ensure!(
        dashboard.contains("Ждут решения: 1"),
        "the dashboard does not count the waiting story: {dashboard}"
    );
    walk.open("/studio/contributions").await?;
    walk.audit().await?;
    keep(walk, pages).await?;
    let queue = walk.text("main").await?;
    ensure!(
        queue.contains(&hero.surname) && queue.contains("возможно, уже есть в базе"),
        "the queue does not mark the likely match: {queue}"
    );
    let number = status_number(walk, status).await?;
    walk.open(&format!("/studio/contributions/{number}"))
        .await?;
    walk.audit().await?;
    keep(walk, pages).await?;
    let page = walk.text("main").await?;
    ensure!(
        page.contains("Сравнить и объединить") && page.contains(&hero.unit),
        "the likely match with its reasons is not shown: {page}"
    );
    walk.type_into(
        "#in-question",
        "В каком году дедушка ушёл на фронт и откуда?",
    )
    .await?;
    walk.submit("form[action$='/ask'] button[type=submit]")
        .await?;
    walk.sign_out().await?;

    // The family answers through the link of the moderator's letter, on the phone.
    walk.browser.resize(PHONE.0, PHONE.1).await?;
    let link = link_in_letter(walk.site, "просит уточнить")?;
    walk.open(&link).await?;
    walk.audit().await?;
    let page = walk.text("main").await?;
    ensure!(
        page.contains("В каком году дедушка ушёл на фронт") && page.contains("нужны уточнения"),
        "the question is not on the status page: {page}"
    );
    walk.type_into("#text", "В июле 1941 года, из Химок, добровольцем.")
        .await?;
    walk.submit("form[action$='/answer'] button[type=submit]")
        .await?;
    ensure!(
        walk.text("main").await?.contains("Ответ отправлен"),
        "the answer did not go"
    );

    // The moderator reads the answer, compares with the likely match, takes the unit and both
    // photos, and publishes beside the museum's biography.
    walk.browser.resize(1280, 900).await?;
    walk.sign_in(MODERATOR, PASSWORD).await?;
    walk.open(&format!("/studio/contributions/{number}"))
        .await?;
    ensure!(
        walk.text("main").await?.contains("добровольцем"),
        "the moderator does not see the answer"
    );
    walk.submit("a[href*='merge='][href$='#merge-title']")
        .await?;
    let page = walk.text("main").await?;
    ensure!(
        page.contains("Объединить с записью"),
        "no comparison: {page}"
    );
    let photos = walk
        .browser
        .js(
            "return [...document.querySelectorAll('input[name=photo]')].map(i => i.value);",
            vec![],
        )
        .await?;
    let photos: Vec<String> = serde_json::from_value(photos)?;
    ensure!(
        photos.len() == 2,
        "{} photos offered for publication",
        photos.len()
    );
    for id in photos {
        walk.browser
            .click(&format!("input[name=photo][value='{id}']"))
            .await?;
    }
    walk.submit("form[action$='/publish'] button[type=submit]")
        .await?;
    let page = walk.text("main").await?;
    ensure!(page.contains("Опубликовано"), "not published: {page}");
    walk.sign_out().await?;

    // Everyone sees the family's story beside the museum's biography.
    walk.open(&hero.path).await?;
    walk.audit().await?;
    keep(walk, pages).await?;
    let page = walk.text("main").await?;
    ensure!(
        page.contains(&hero.biography) && page.contains("Рассказ семьи"),
        "the person page lacks the biography or the family's story: {page}"
    );
    ensure!(
        page.contains("Анна Петрова, внучка") && page.contains("летом 1941 года"),
        "the family's story is not credited or not shown: {page}"
    );
    let loaded = walk
        .browser
        .js(
            "return [...document.querySelectorAll('.family-account img')]\
               .filter(i => i.complete && i.naturalWidth > 0).length;",
            vec![],
        )
        .await?;
    ensure!(
        loaded.as_u64() == Some(2),
        "{loaded} of the two photos load"
    );

    // And the family sees «опубликовано», with the way to the page.
    walk.browser.resize(PHONE.0, PHONE.1).await?;
    walk.open(status).await?;
    let page = walk.text("main").await?;
    ensure!(
        page.contains("опубликовано") && page.contains("Рассказ опубликован"),
        "the status page: {page}"
    );
    Ok(())
}

/// The submission's number, as its status page heading shows it («Рассказ о герое №12»).
async fn status_number(walk: &mut Walk<'_>, status: &str) -> Result<letopis_core::SubmissionId> {
    walk.open(status).await?;
    let heading = walk.text("main h1").await?;
    heading
        .rsplit('№')
        .next()
        .and_then(|n| n.trim().parse().ok())
        .with_context(|| format!("no number in «{heading}»"))
}
