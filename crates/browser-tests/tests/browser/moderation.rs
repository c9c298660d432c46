//! The moderators' side of «Герои города» (issue #7) in headless Chromium, on a private copy of
//! the demo museum: a family's story about a hero the museum already has waits in the queue; an
//! expert sees the likely match, compares, takes one photo and publishes; the hero's public page
//! then shows «Рассказ семьи» beside the museum's biography. axe audits the dashboard, the
//! queue, the submission's page with its comparison table, and the public page.
//!
//! The resident's form is not used here (it is built on its own branch); the submission is put
//! in through the store as that form leaves it.

use anyhow::{Context, Result, ensure};
use letopis_browser_tests::a11y::axe_current_page;
use letopis_browser_tests::{Browser, Site, assert_clean, skip_announced};
use letopis_core::account::{Email, Role};
use letopis_core::contribution::{
    Alive, Basis, ConsentGiven, Contribution, Contributor, Hero, Relationship,
};
use letopis_core::entities::Fate;
use letopis_core::{Body, Kind, Viewer};
use letopis_store::accounts::NewUser;
use letopis_store::contributions::{NewFile, NewSubmission};
use letopis_store::{Accounts, Contributions, ListQuery, Store};
use std::time::Duration;

const PATIENCE: Duration = Duration::from_secs(20);
const EXPERT: &str = "olga@letopis.example";
const PASSWORD: &str = "три белых коня бегут";

/// The first published person of the demo museum a visitor sees: the hero of the story.
fn a_hero(site: &Site) -> Result<(i64, String, Hero)> {
    let visitor = Viewer::anonymous().filter(letopis_core::today());
    let page = site.store.list(&ListQuery::new(Kind::Person), &visitor)?;
    let person = page.items.first().context("the demo has a public person")?;
    let Body::Person(p) = &person.record.body else {
        anyhow::bail!("not a person");
    };
    let hero = Hero {
        surname: p.name.surname.clone(),
        given: p.name.given.clone(),
        patronymic: p.name.patronymic.clone(),
        alive: Some(Alive::Deceased),
        fate: Some(Fate::Killed),
        unit: "1077-й стрелковый полк".into(),
        ..Hero::default()
    };
    Ok((person.record.id().0, person.record.meta.slug.clone(), hero))
}

/// A photograph in the site's blob store, as the resident's form stores one.
fn photo(site: &Site) -> Result<String> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("на-фронте.jpg");
    image::RgbImage::from_fn(640, 480, |x, y| {
        image::Rgb([(x / 3) as u8, (y / 2) as u8, 90])
    })
    .save(&path)?;
    let blobs = letopis_media::BlobStore::open(
        site.data_dir().join("media"),
        letopis_media::Limits::default(),
    )?;
    Ok(blobs.put_file(&path, Some("на-фронте.jpg"))?.sha256)
}

fn submit(site: &Site, hero: Hero, sha256: String) -> Result<i64> {
    let now = jiff::Timestamp::now();
    let store = &site.store;
    let id = store.start(
        NewSubmission {
            token_hash: "browser-token".into(),
            origin: "browser".into(),
            about: None,
            lang: "ru".into(),
        },
        now,
    )?;
    let content = Contribution {
        hero,
        story: "Ушёл на фронт добровольцем в июле 1941 года.\n\nПисал домой из-под Химок.".into(),
        contributor: Contributor {
            name: "Анна Петрова".into(),
            relationship: Some(Relationship::Grandchild),
            relationship_note: "внучка".into(),
            email: "anna@example.ru".into(),
        },
        consent: ConsentGiven {
            processing: true,
            publication: Some(Basis::Heir),
            credit: true,
            ..ConsentGiven::default()
        },
    };
    store.save(id, &content, now)?;
    store.add_file(
        id,
        NewFile {
            sha256,
            mime: "image/jpeg".into(),
            width: Some(640),
            height: Some(480),
            caption: "Перед отправкой на фронт, 1941".into(),
            date: "1941".into(),
        },
        false,
        now,
    )?;
    store.send(id, "browser-confirm", now)?;
    store.confirm_email("browser-confirm", now)?;
    Ok(id)
}

struct Moderator<'a> {
    browser: &'a Browser,
    site: &'a Site,
    findings: Vec<String>,
}

impl Moderator<'_> {
    async fn open(&mut self, path: &str) -> Result<()> {
        self.browser.goto(&self.site.url(path)).await?;
        self.loaded().await
    }

    async fn loaded(&self) -> Result<()> {
        self.browser
            .wait_until(
                "the page to load",
                "return document.readyState === 'complete';",
                PATIENCE,
            )
            .await
    }

    async fn audit(&mut self) -> Result<()> {
        let here = self.browser.here().await;
        for f in axe_current_page(self.browser).await? {
            self.findings.push(format!("{here}: {f}"));
        }
        Ok(())
    }

    async fn submit(&mut self, css: &str) -> Result<()> {
        self.browser
            .js("window.__leaving = true; return true;", vec![])
            .await?;
        self.browser.click(css).await?;
        self.browser
            .wait_until(
                &format!("the page after `{css}`"),
                "return !window.__leaving && document.readyState === 'complete';",
                PATIENCE,
            )
            .await
    }

    async fn main_text(&self) -> Result<String> {
        Ok(self.browser.find("main").await?.text().await?)
    }
}

#[tokio::test]
async fn a_moderator_merges_a_familys_story_and_it_stands_beside_the_biography() -> Result<()> {
    if skip_announced() {
        return Ok(());
    }
    let site = Site::start_studio()?;
    let hash = letopis_web::studio::auth::hash_password(PASSWORD)?;
    site.store.create_user(
        &NewUser {
            email: Email::parse(EXPERT).context("address")?,
            display_name: "Эксперт Ольга".into(),
            roles: vec![Role::Expert],
        },
        Some(&hash),
    )?;
    let (person, slug, hero) = a_hero(&site)?;
    let id = submit(&site, hero, photo(&site)?)?;
    let browser = Browser::start().await?;
    let mut m = Moderator {
        browser: &browser,
        site: &site,
        findings: Vec::new(),
    };
    let result = moderate(&mut m, id, person, &slug).await;
    let findings = std::mem::take(&mut m.findings);
    browser.close().await;
    result?;
    assert_clean("axe on the moderation pages", &findings);
    Ok(())
}

async fn moderate(m: &mut Moderator<'_>, id: i64, person: i64, slug: &str) -> Result<()> {
    m.open("/studio/sign-in").await?;
    m.browser.find("#email").await?.send_keys(EXPERT).await?;
    m.browser
        .find("#password")
        .await?
        .send_keys(PASSWORD)
        .await?;
    m.submit("form.studio-form button[type=submit]").await?;
    let text = m.main_text().await?;
    ensure!(text.contains("Ждут решения: 1"), "dashboard: {text}");
    m.audit().await?;

    m.open("/studio/submissions").await?;
    let text = m.main_text().await?;
    ensure!(text.contains("возможно, уже есть в базе"), "queue: {text}");
    m.audit().await?;

    m.open(&format!("/studio/submissions/{id}")).await?;
    let text = m.main_text().await?;
    ensure!(
        text.contains("Сравнить и объединить"),
        "no likely match: {text}"
    );
    m.submit(&format!("a[href*='merge={person}']")).await?;
    let text = m.main_text().await?;
    ensure!(
        text.contains("Что семья добавляет"),
        "no comparison: {text}"
    );
    m.audit().await?;
    m.browser.click("input[name=photo]").await?;
    m.submit("section[aria-labelledby=merge-title] form.studio-form button[type=submit]")
        .await?;
    let text = m.main_text().await?;
    ensure!(text.contains("Опубликовано"), "not published: {text}");
    m.audit().await?;

    m.open(&format!("/persons/{slug}")).await?;
    let text = m.main_text().await?;
    ensure!(
        text.contains("Рассказ семьи") && text.contains("Рассказала семья: Анна Петрова, внучка"),
        "the person page: {text}"
    );
    ensure!(
        text.contains("Перед отправкой на фронт, 1941"),
        "the photo's caption"
    );
    let loaded = m
        .browser
        .js(
            "const i = document.querySelector('.family-account img');\
             return !!i && i.complete && i.naturalWidth > 0;",
            vec![],
        )
        .await?;
    ensure!(
        loaded == serde_json::json!(true),
        "the family's photo does not load"
    );
    m.audit().await
}
