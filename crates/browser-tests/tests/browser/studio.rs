//! The studio's whole editorial path, as issue #5's "Done means" puts it, used the way new
//! people use it: an administrator invites a volunteer and an expert (the letters are read from
//! the data directory, where mail goes without SMTP); the volunteer sets a password, creates a
//! person with a photo and a tie to a place and sends it for review; the expert returns it with
//! a comment; the volunteer fixes it; the expert publishes. Then the person is on the portal and
//! in search, the history shows every step, and the council's report counts the publication.
//! Every studio page on the way is audited with axe.

use anyhow::{Context, Result, bail, ensure};
use letopis_browser_tests::a11y::axe_current_page;
use letopis_browser_tests::{Browser, PageType, Site, assert_clean, skip_announced};
use letopis_core::account::{Email, Role};
use letopis_store::accounts::NewUser;
use serde_json::json;
use std::path::Path;
use std::time::Duration;

pub(crate) const PATIENCE: Duration = Duration::from_secs(20);
const ADMIN: &str = "admin@letopis.example";
const ADMIN_PASSWORD: &str = "первый администратор музея";
const VOLUNTEER: &str = "vera@letopis.example";
const EXPERT: &str = "eduard@letopis.example";
pub(crate) const PASSWORD: &str = "три белых коня бегут";

/// The browser plus what the test collects as it goes: axe findings per studio page.
pub(crate) struct Walk<'a> {
    pub(crate) browser: &'a Browser,
    pub(crate) site: &'a Site,
    pub(crate) findings: Vec<String>,
    pub(crate) audited: Vec<String>,
}

impl Walk<'_> {
    /// Opens a path and waits until the page is complete.
    pub(crate) async fn open(&mut self, path: &str) -> Result<()> {
        self.browser.goto(&self.site.url(path)).await?;
        self.loaded().await
    }

    pub(crate) async fn loaded(&self) -> Result<()> {
        self.browser
            .wait_until(
                "the page to load",
                "return document.readyState === 'complete';",
                PATIENCE,
            )
            .await
    }

    /// Runs axe on the page shown now, once per distinct path (query strings ignored).
    pub(crate) async fn audit(&mut self) -> Result<()> {
        let here = self.browser.here().await;
        let path = here
            .trim_start_matches(&self.site.base)
            .split('?')
            .next()
            .unwrap_or("")
            .to_string();
        // Record pages differ only by number; one of each shape is enough.
        let shape: String = path
            .split('/')
            .map(|p| {
                if p.chars().all(|c| c.is_ascii_digit()) && !p.is_empty() {
                    "N"
                } else if p.len() >= 32 && p.chars().all(|c| c.is_ascii_hexdigit()) {
                    "TOKEN"
                } else {
                    p
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        if self.audited.contains(&shape) {
            return Ok(());
        }
        for f in axe_current_page(self.browser).await? {
            self.findings.push(format!("{path}: {f}"));
        }
        self.audited.push(shape);
        Ok(())
    }

    pub(crate) async fn type_into(&self, css: &str, text: &str) -> Result<()> {
        let field = self.browser.find(css).await?;
        field.clear().await.ok();
        field
            .send_keys(text)
            .await
            .with_context(|| format!("typing into `{css}`"))
    }

    /// Clicks a submit button and waits for the page the form leads to.
    pub(crate) async fn submit(&mut self, css: &str) -> Result<()> {
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
            .await?;
        self.audit().await
    }

    /// The number of the studio record page shown now (`/studio/records/N`).
    async fn record_here(&self) -> Result<i64> {
        let here = self.browser.here().await;
        here.split("/studio/records/")
            .nth(1)
            .and_then(|r| r.split(['?', '#', '/']).next())
            .and_then(|n| n.parse().ok())
            .with_context(|| format!("the record did not open at /studio/records/N but at {here}"))
    }

    pub(crate) async fn text(&self, css: &str) -> Result<String> {
        Ok(self.browser.find(css).await?.text().await?)
    }

    pub(crate) async fn sign_in(&mut self, email: &str, password: &str) -> Result<()> {
        self.open("/studio/sign-in").await?;
        self.audit().await?;
        self.type_into("#email", email).await?;
        self.type_into("#password", password).await?;
        self.submit("form.studio-form button[type=submit]").await?;
        let path = self.browser.here().await;
        ensure!(
            !path.contains("/sign-in"),
            "{email} was not signed in: {}",
            self.text("main").await?
        );
        Ok(())
    }

    pub(crate) async fn sign_out(&mut self) -> Result<()> {
        self.submit(".studio-sign-out button").await
    }

    /// The administrator's invitation through the users page; returns the link of the letter.
    async fn invite(&mut self, email: &str, name: &str, role: &str) -> Result<String> {
        self.open("/studio/users").await?;
        self.audit().await?;
        self.type_into("#invite-email", email).await?;
        self.type_into("#invite-name", name).await?;
        self.browser
            .click(&format!(
                "form[action='/studio/users/invite'] input[name=role][value={role}]"
            ))
            .await?;
        self.submit("form[action='/studio/users/invite'] button[type=submit]")
            .await?;
        let letter = letter_to(&self.site.data_dir().join("mail"), email)?;
        let link = letter
            .lines()
            .find(|l| l.contains("/studio/set-password/"))
            .context("the invitation has no link")?
            .trim();
        Ok(link[link.find("/studio/").context("link path")?..].to_string())
    }

    /// Follows an invitation and chooses a password, as the invited person does.
    async fn accept(&mut self, link: &str) -> Result<()> {
        self.open(link).await?;
        self.audit().await?;
        self.type_into("#password", PASSWORD).await?;
        self.type_into("#repeat", PASSWORD).await?;
        self.submit("form.studio-form button[type=submit]").await
    }

    /// Opens the record's studio page from the dashboard, as its reader would find it.
    async fn open_from_dashboard(&mut self, section: &str, title: &str) -> Result<()> {
        self.open("/studio").await?;
        self.audit().await?;
        let link = self
            .browser
            .js(
                "for (const s of document.querySelectorAll('main section')) {\
                   const h = s.querySelector('h2');\
                   if (!h || !h.textContent.includes(arguments[0])) continue;\
                   for (const a of s.querySelectorAll('a')) {\
                     if (a.textContent.includes(arguments[1])) return a.getAttribute('href');\
                   }\
                 }\
                 return null;",
                vec![json!(section), json!(title)],
            )
            .await?;
        let Some(href) = link.as_str() else {
            bail!(
                "the dashboard has no «{title}» under «{section}»:\n{}",
                self.text("main").await?
            );
        };
        self.open(href).await?;
        self.audit().await
    }

    /// Clicks the workflow button going to `to`, with an optional comment.
    pub(crate) async fn step(&mut self, to: &str, note: &str) -> Result<()> {
        if !note.is_empty() {
            self.type_into("#step-note", note).await?;
        }
        self.submit(&format!("button[name=to][value={to}]")).await?;
        self.no_alert(&format!("moving to {to}")).await
    }

    /// Fails with the page's alert, if it shows one (a form refused).
    pub(crate) async fn no_alert(&self, what: &str) -> Result<()> {
        let errors = self
            .browser
            .js(
                "return [...document.querySelectorAll('[role=alert]')].map(e => e.textContent.trim()).join(' | ');",
                vec![],
            )
            .await?;
        ensure!(
            errors.as_str().is_none_or(str::is_empty),
            "{what} was refused: {errors}"
        );
        Ok(())
    }
}

/// The newest letter to `email` in the mail directory.
pub(crate) fn letter_to(dir: &Path, email: &str) -> Result<String> {
    let mut letters: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
        .collect();
    letters.sort();
    for path in letters.iter().rev() {
        let text = std::fs::read_to_string(path)?;
        if text.contains(&format!("To: {email}")) {
            return Ok(text);
        }
    }
    bail!("no letter to {email} among {letters:?}")
}

/// A photograph as a camera would give it: a JPEG of 1200×900 with a gradient.
pub(crate) fn photo(dir: &Path) -> Result<std::path::PathBuf> {
    let img = image::RgbImage::from_fn(1200, 900, |x, y| {
        image::Rgb([(x / 5) as u8, (y / 4) as u8, ((x + y) / 9) as u8])
    });
    let path = dir.join("ершов-1941.jpg");
    img.save(&path).context("writing the photo")?;
    Ok(path)
}

/// The council's figures for this quarter, summed over groups: (added, reviewed, published).
async fn council_figures(walk: &mut Walk<'_>) -> Result<(u64, u64, u64)> {
    walk.open("/studio/council").await?;
    walk.audit().await?;
    let quarter = letopis_store::accounts::quarter_of(jiff::Timestamp::now());
    let rows = walk
        .browser
        .js(
            // The first table is per working group; the next ones are other views of the same
            // work (per roadmap activity, hours of interviews) and would count it twice.
            "return [...document.querySelector('table.studio-table').tBodies[0].rows]\
               .map(r => [...r.cells].map(c => c.textContent.trim()));",
            vec![],
        )
        .await?;
    let mut sum = (0, 0, 0);
    for row in rows.as_array().into_iter().flatten() {
        let cells: Vec<&str> = row
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| c.as_str())
            .collect();
        if cells.first() == Some(&quarter.as_str()) {
            let n = |i: usize| {
                cells
                    .get(i)
                    .and_then(|c| c.parse::<u64>().ok())
                    .unwrap_or(0)
            };
            sum = (sum.0 + n(2), sum.1 + n(3), sum.2 + n(4));
        }
    }
    Ok(sum)
}

#[tokio::test]
async fn invited_volunteer_and_expert_take_a_person_from_draft_to_the_portal() -> Result<()> {
    if skip_announced() {
        return Ok(());
    }
    let site = Site::start_studio()?;
    let hash = letopis_web::studio::auth::hash_password(ADMIN_PASSWORD)?;
    site.store.create_user(
        &NewUser {
            email: Email::parse(ADMIN).context("admin address")?,
            display_name: "Администратор Анна".into(),
            roles: vec![Role::Admin, Role::Coordinator],
        },
        Some(&hash),
    )?;
    let browser = Browser::start().await?;
    let files = tempfile::tempdir()?;
    let photo = photo(files.path())?;
    let mut walk = Walk {
        browser: &browser,
        site: &site,
        findings: Vec::new(),
        audited: Vec::new(),
    };
    let result = walk_the_path(&mut walk, &photo).await;
    let findings = std::mem::take(&mut walk.findings);
    browser.close().await;
    result?;
    assert_clean("axe on the studio's pages", &findings);
    Ok(())
}

async fn walk_the_path(walk: &mut Walk<'_>, photo: &Path) -> Result<()> {
    // A published place of the demo museum to tie the person to, read off its public page.
    walk.open(
        &walk
            .site
            .pages
            .path(PageType::Record(letopis_core::Kind::Place)),
    )
    .await?;
    let place = walk.text("main h1").await?;

    // The administrator invites both and notes the council's figures before.
    walk.sign_in(ADMIN, ADMIN_PASSWORD).await?;
    let before = council_figures(walk).await?;
    let vera = walk.invite(VOLUNTEER, "Волонтёр Вера", "volunteer").await?;
    let eduard = walk.invite(EXPERT, "Эксперт Эдуард", "expert").await?;
    walk.sign_out().await?;

    // The volunteer: a password, then a person with a photo.
    walk.accept(&vera).await?;
    walk.sign_in(VOLUNTEER, PASSWORD).await?;
    walk.open("/studio/persons/new").await?;
    walk.audit().await?;
    walk.type_into("#in-surname", "Ершов").await?;
    walk.type_into("#in-given_name", "Пётр").await?;
    walk.type_into("#in-birth", "1915-03").await?;
    walk.browser
        .wait_until(
            "the date's preview in words",
            "const p = document.getElementById('birth-preview'); \
             return !!p && p.textContent.includes('март 1915');",
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
        "Токарь завода, ушёл добровольцем в июле 1941 года.",
    )
    .await?;
    let input = walk
        .browser
        .find("#field-portrait input[type=file]")
        .await?;
    input
        .send_keys(&photo.display().to_string())
        .await
        .context("choosing the photo")?;
    walk.browser
        .wait_until_explained(
            "the photo to upload",
            "return !!document.querySelector('#field-portrait .media-item input[name=portrait]');",
            "return document.querySelector('#field-portrait').textContent;",
            PATIENCE,
        )
        .await?;
    walk.type_into(
        "#field-portrait input[name=portrait_alt]",
        "Пётр Ершов в гимнастёрке, 1941 год",
    )
    .await?;
    walk.submit("#record-form .form-actions button[type=submit]")
        .await?;
    let id = walk.record_here().await?;
    let rec = format!("/studio/records/{id}");

    // The tie to the place, chosen from the picker's suggestions.
    walk.browser
        .find("#rtype")
        .await?
        .select_by_value("born_in")
        .await?;
    walk.type_into("#target", &place).await?;
    walk.browser
        .wait_until(
            "the picker to suggest the place",
            "return [...document.querySelectorAll('#target-options option')]\
               .some(o => o.value.includes('№'));",
            PATIENCE,
        )
        .await?;
    let option = walk
        .browser
        .js(
            "return document.querySelector('#target-options option').value;",
            vec![],
        )
        .await?;
    let option = option.as_str().unwrap_or_default().to_string();
    ensure!(option.starts_with(&place), "the picker suggested {option}");
    walk.type_into("#target", &option).await?;
    walk.submit("form.relation-form button[type=submit]")
        .await?;
    let ties = walk.text("main").await?;
    ensure!(
        ties.contains(&format!("Место рождения: {place}"))
            || ties.contains(&place) && ties.contains("Удалить связь"),
        "the tie is not listed: {ties}"
    );
    walk.step("in_review", "").await?;
    walk.sign_out().await?;

    // The expert: a password, the review, a comment sending it back.
    walk.accept(&eduard).await?;
    walk.sign_in(EXPERT, PASSWORD).await?;
    walk.open_from_dashboard("Ждут моей проверки", "Ершов Пётр")
        .await?;
    walk.step("draft", "Укажите часть, в которой служил.")
        .await?;
    walk.sign_out().await?;

    // The volunteer sees it returned, fixes it and sends it again.
    walk.sign_in(VOLUNTEER, PASSWORD).await?;
    walk.open_from_dashboard("Вернули на доработку", "Ершов Пётр")
        .await?;
    let page = walk.text("main").await?;
    ensure!(
        page.contains("Укажите часть"),
        "the volunteer does not see the comment"
    );
    walk.type_into("#in-unit", "1-я Московская стрелковая дивизия")
        .await?;
    walk.submit("#record-form .form-actions button[type=submit]")
        .await?;
    walk.step("in_review", "Часть указана.").await?;
    walk.sign_out().await?;

    // The expert publishes.
    walk.sign_in(EXPERT, PASSWORD).await?;
    walk.open(&rec).await?;
    // A deceased person's data needs the heirs' consent or the group's decision on public
    // interest; without one the refusal says so on the page.
    walk.submit("button[name=to][value=published]").await?;
    let refusal = walk.text("main").await?;
    ensure!(
        refusal.contains("Нельзя опубликовать") && refusal.contains("публичном интересе"),
        "publishing without a consent was not refused with the reason:\n{refusal}"
    );
    walk.open(&rec).await?;
    walk.browser
        .find("#consent-kind")
        .await?
        .select_by_value("public_interest")
        .await?;
    walk.type_into("#consent-by", "Рабочая группа «Герои», протокол № 3")
        .await?;
    let today = jiff::Timestamp::now().strftime("%Y-%m-%d").to_string();
    walk.type_into("#consent-signed", &today).await?;
    walk.submit("form[action$='/consents'] button[type=submit]")
        .await?;
    walk.step("published", "").await?;
    let history_link = format!("{rec}/history");
    walk.open(&history_link).await?;
    walk.audit().await?;
    let history = walk.text("main").await?;
    for step in [
        "создана",
        "состояние: на проверке",
        "Укажите часть, в которой служил.",
        "состояние: черновик",
        "1-я Московская стрелковая дивизия",
        "состояние: опубликовано",
        "Волонтёр Вера",
        "Эксперт Эдуард",
    ] {
        ensure!(
            history.contains(step),
            "the history lacks «{step}»:\n{history}"
        );
    }
    walk.sign_out().await?;

    // The portal shows the person, the photo and the place; search finds them.
    let stored = letopis_store::Store::get(&*walk.site.store, letopis_core::RecordId(id))?
        .context("the person is gone")?;
    walk.open(&format!("/persons/{}", stored.record.meta.slug))
        .await?;
    let page = walk.text("main").await?;
    ensure!(
        page.contains("Ершов") && page.contains(&place),
        "the public page lacks the person or the place:\n{page}"
    );
    walk.browser
        .wait_until_explained(
            "the portrait to show",
            "const i = document.querySelector('main img[alt*=\"гимнастёрке\"]');\
             return !!i && i.complete && i.naturalWidth > 0;",
            "return [...document.querySelectorAll('main img')].map(i => [i.alt, i.src, i.naturalWidth]);",
            PATIENCE,
        )
        .await?;
    let mut found = false;
    for _ in 0..40 {
        walk.open("/search?q=%D0%95%D1%80%D1%88%D0%BE%D0%B2%20%D0%9F%D1%91%D1%82%D1%80")
            .await?;
        if walk.text("main").await?.contains("Ершов Пётр") {
            found = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    ensure!(found, "search does not find the published person");

    // The council's report counts it: the volunteer added one person, the expert reviewed it
    // twice (returned, then published) and published it once.
    walk.sign_in(ADMIN, ADMIN_PASSWORD).await?;
    let after = council_figures(walk).await?;
    ensure!(
        after.0 == before.0 + 1 && after.1 >= before.1 + 2 && after.2 == before.2 + 1,
        "council figures before {before:?}, after {after:?}"
    );
    // The administrator's other pages: the audit log names the publication.
    for page in [
        "/studio/audit",
        "/studio/groups",
        "/studio/persons",
        "/studio/stories/new",
        "/studio/interviews/new",
    ] {
        walk.open(page).await?;
        walk.audit().await?;
    }
    walk.open("/studio/audit").await?;
    let audit = walk.text("main").await?;
    ensure!(
        audit.contains("Эксперт Эдуард") && audit.contains("публикац"),
        "the audit log does not show the publication:\n{audit}"
    );
    Ok(())
}

/// 20 s of a tone, mono 8 kHz, as the volunteer's recorder would give it.
fn recording(dir: &Path) -> Result<std::path::PathBuf> {
    let path = dir.join("ершова-2026.wav");
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: 8000,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut w = hound::WavWriter::create(&path, spec)?;
    for i in 0..160_000u32 {
        let t = i as f32 / 8000.0;
        w.write_sample(((t * 440.0 * std::f32::consts::TAU).sin() * 8000.0) as i16)?;
    }
    w.finalize()?;
    Ok(path)
}

pub(crate) fn add_staff(
    site: &Site,
    email: &str,
    name: &str,
    roles: Vec<Role>,
) -> Result<letopis_core::UserId> {
    let hash = letopis_web::studio::auth::hash_password(PASSWORD)?;
    Ok(site.store.create_user(
        &NewUser {
            email: Email::parse(email).context("address")?,
            display_name: name.into(),
            roles,
        },
        Some(&hash),
    )?)
}

/// Issue #6, "Done means": a coordinator registers a narrator and plans the interview with a
/// volunteer and a psychologist; the volunteer uploads the recording, transcribes with the
/// keyboard, indexes it, closes a stretch at the narrator's request and records the approval; an
/// expert records the group's decision and publishes; a visitor hears the public copy with the
/// stretch silent and reads a transcript without it; then the narrator withdraws and the
/// interview is gone from the portal in the same request.
#[tokio::test]
async fn a_living_voice_goes_from_plan_to_portal_and_is_withdrawn() -> Result<()> {
    if skip_announced() {
        return Ok(());
    }
    let site = Site::start_studio()?;
    add_staff(
        &site,
        ADMIN,
        "Координатор Ольга",
        vec![Role::Admin, Role::Coordinator],
    )?;
    add_staff(&site, VOLUNTEER, "Волонтёр Вера", vec![Role::Volunteer])?;
    add_staff(&site, EXPERT, "Эксперт Эдуард", vec![Role::Expert])?;
    add_staff(
        &site,
        "psy@letopis.example",
        "Психолог Полина",
        vec![Role::Psychologist],
    )?;
    let browser = Browser::start().await?;
    let files = tempfile::tempdir()?;
    let wav = recording(files.path())?;
    let mut walk = Walk {
        browser: &browser,
        site: &site,
        findings: Vec::new(),
        audited: Vec::new(),
    };
    let result = living_voice(&mut walk, &wav).await;
    let findings = std::mem::take(&mut walk.findings);
    browser.close().await;
    result?;
    assert_clean("axe on the studio's «Живые голоса» pages", &findings);
    Ok(())
}

async fn select(walk: &Walk<'_>, css: &str, text: &str) -> Result<()> {
    let chosen = walk
        .browser
        .js(
            "const s = document.querySelector(arguments[0]);\
             const o = [...s.options].find(o => o.textContent.includes(arguments[1]));\
             if (!o) return [...s.options].map(o => o.textContent);\
             s.value = o.value; s.dispatchEvent(new Event('change', { bubbles: true })); return true;",
            vec![json!(css), json!(text)],
        )
        .await?;
    ensure!(chosen == json!(true), "`{css}` has no «{text}»: {chosen}");
    Ok(())
}

async fn living_voice(walk: &mut Walk<'_>, wav: &Path) -> Result<()> {
    // The coordinator: the narrator, with a phone that stays private, and the project.
    walk.sign_in(ADMIN, PASSWORD).await?;
    walk.open("/studio/narrators/new").await?;
    walk.audit().await?;
    walk.type_into("#in-name", "Ершова Мария Ивановна").await?;
    select(walk, "#in-category", "войн").await?;
    walk.type_into("#in-phone", "+7 916 123-45-67").await?;
    walk.submit("form[action='/studio/narrators/new'] button[type=submit]")
        .await?;
    walk.open("/studio/projects/new").await?;
    walk.audit().await?;
    walk.type_into("#in-title", "Ершова М. И.: детство в Химках")
        .await?;
    select(walk, "#in-narrator", "Ершова").await?;
    select(walk, "#in-interviewer", "Вера").await?;
    select(walk, "#in-psychologist", "Полина").await?;
    walk.browser.click("input[name=needs_psychologist]").await?;
    walk.submit("form[action='/studio/projects/new'] button[type=submit]")
        .await?;
    let project = walk.text("main").await?;
    ensure!(
        project.contains("Волонтёр Вера") && project.contains("Психолог Полина"),
        "the project does not name its people:\n{project}"
    );
    walk.sign_out().await?;

    // The volunteer: the recording, the transcript typed with the keyboard, the index, the
    // narrator's choices.
    walk.sign_in(VOLUNTEER, PASSWORD).await?;
    walk.open("/studio/interviews/new").await?;
    walk.audit().await?;
    walk.type_into("#in-title", "Детство у станции Химки")
        .await?;
    walk.type_into("#in-interviewers", "Вера").await?;
    walk.browser.click("input[name=narrator_deceased]").await?;
    walk.browser
        .find("#field-recordings input[type=file]")
        .await?
        .send_keys(&wav.display().to_string())
        .await?;
    walk.browser
        .wait_until_explained(
            "the recording to upload",
            "return !!document.querySelector('#field-recordings .media-item input[name=recordings]');",
            "return document.querySelector('#field-recordings').textContent;",
            PATIENCE,
        )
        .await?;
    walk.submit("#record-form .form-actions button[type=submit]")
        .await?;
    let id = walk.record_here().await?;
    let rec = format!("/studio/records/{id}");
    // Ctrl+Space plays; after a moment Ctrl+Enter writes the time where the cursor is.
    let area = walk.browser.find("#in-transcript").await?;
    walk.browser.click("#in-transcript").await?;
    area.send_keys("[00:00:00] Вера: Расскажите о детстве.")
        .await?;
    area.send_keys(&format!("{}{}", fantoccini::key::Key::Control, " "))
        .await?;
    walk.browser
        .wait_until(
            "the recording to play",
            "return document.querySelector('.transcriber-media').currentTime > 1.2;",
            PATIENCE,
        )
        .await?;
    area.send_keys(&format!(
        "{}{}",
        fantoccini::key::Key::Control,
        fantoccini::key::Key::Enter
    ))
    .await?;
    let typed = walk
        .browser
        .js(
            "return document.getElementById('in-transcript').value;",
            vec![],
        )
        .await?;
    let typed = typed.as_str().unwrap_or_default().to_string();
    ensure!(
        typed.contains("\n[00:00:0"),
        "Ctrl+Enter did not write the time: {typed:?}"
    );
    area.send_keys(&format!("{}{}", fantoccini::key::Key::Control, " "))
        .await?;
    // The rest as the volunteer would type it on (the mark Ctrl+Enter wrote is replaced by
    // exact times here so the test does not depend on playback speed).
    walk.browser
        .js(
            "document.getElementById('in-transcript').value = arguments[0];\
             document.getElementById('in-transcript').dispatchEvent(new Event('input', {bubbles:true}));\
             return true;",
            vec![json!(
                "[00:00:00] Вера: Расскажите о детстве.\n\
                 [00:00:04] Мария Ершова: Мы жили у станции Химки.\n\
                 [00:00:10] Мария Ершова: Отец прятал патефон в сарае.\n\
                 [00:00:16] Мария Ершова: Потом пришла Победа.\n[00:00:20]"
            )],
        )
        .await?;
    walk.type_into(
        "#in-segments",
        "[00:00:00] Детство у станции\nКратко: Дом у станции Химки.\n\n[00:00:16] Победа",
    )
    .await?;
    walk.type_into("#in-redactions", "0:00:10–0:00:16 семейная история")
        .await?;
    walk.type_into("#in-pseudonym", "Рассказчица М.").await?;
    walk.type_into("#in-narrator_approved", "2026-11-20")
        .await?;
    walk.submit("#record-form .form-actions button[type=submit]")
        .await?;
    let saved = walk.text("main").await?;
    ensure!(
        !saved.contains("Исправьте"),
        "the interview was not saved:\n{saved}"
    );
    walk.step("in_review", "Расшифровано и размечено.").await?;
    walk.sign_out().await?;

    // The expert: the group's decision (the narrator has died), then publication.
    walk.sign_in(EXPERT, PASSWORD).await?;
    walk.open(&rec).await?;
    walk.browser
        .find("#consent-kind")
        .await?
        .select_by_value("public_interest")
        .await?;
    walk.type_into("#consent-by", "Рабочая группа «Живые голоса», протокол № 5")
        .await?;
    let today = jiff::Timestamp::now().strftime("%Y-%m-%d").to_string();
    walk.type_into("#consent-signed", &today).await?;
    walk.submit("form[action$='/consents'] button[type=submit]")
        .await?;
    walk.step("published", "").await?;
    walk.sign_out().await?;

    // A visitor: the public copy plays, the closed stretch is neither heard nor read.
    let slug = letopis_store::Store::get(&*walk.site.store, letopis_core::RecordId(id))?
        .context("the interview is gone")?
        .record
        .meta
        .slug;
    let page = format!("/interviews/{slug}");
    walk.open(&page).await?;
    let text = walk.text("main").await?;
    ensure!(
        text.contains("Потом пришла Победа.")
            && text.contains(letopis_core::entities::REDACTED_TEXT)
            && !text.contains("патефон")
            && text.contains("Рассказчица М.")
            && !text.contains("Мария Ершова"),
        "the public page does not keep the narrator's choices:\n{text}"
    );
    let state = walk
        .browser
        .js_async(
            "const done = arguments[arguments.length - 1];\
             const a = document.querySelector('audio.player-media');\
             a.currentTime = 12; a.muted = true;\
             a.play().then(() => setTimeout(() => done({ t: a.currentTime, src: a.currentSrc }), 800),\
                           (e) => done({ error: String(e) }));",
            vec![],
        )
        .await?;
    ensure!(
        state["t"].as_f64().is_some_and(|t| t > 12.0),
        "the public recording does not play: {state}"
    );
    let src = state["src"].as_str().unwrap_or_default().to_string();
    let sha = src.rsplit('/').next().unwrap_or_default().to_string();
    let stored = letopis_store::Store::get(&*walk.site.store, letopis_core::RecordId(id))?
        .context("the interview is gone")?;
    let letopis_core::Body::Interview(full) = &stored.record.body else {
        bail!("not an interview");
    };
    ensure!(
        sha != full.recordings[0].media.sha256
            && full.silenced.iter().any(|s| s.media.sha256 == sha),
        "the visitor is played {src}, not the silenced copy"
    );
    walk.open("/search?q=%D0%BF%D0%B0%D1%82%D0%B5%D1%84%D0%BE%D0%BD")
        .await?;
    ensure!(
        !walk.text("main").await?.contains("Детство у станции Химки"),
        "search finds the closed stretch"
    );

    // The narrator withdraws; the page is gone in the same request.
    walk.sign_in(EXPERT, PASSWORD).await?;
    walk.open(&rec).await?;
    walk.type_into("#wd-by", "Ершов П. П., сын, по доверенности")
        .await?;
    walk.type_into("#wd-on", &today).await?;
    walk.browser
        .click("input[name=disposition][value=archive]")
        .await?;
    walk.submit("form[action$='/narrator-withdrawal'] button[type=submit]")
        .await?;
    let notice = walk.text("main").await?;
    ensure!(
        notice.contains("Интервью отозвано"),
        "no word of the withdrawal:\n{notice}"
    );
    walk.sign_out().await?;
    let status = walk
        .browser
        .js_async(
            "const done = arguments[arguments.length - 1];\
             fetch(arguments[0]).then(r => done(r.status), e => done(String(e)));",
            vec![json!(page)],
        )
        .await?;
    ensure!(
        status == json!(404) || status == json!(410),
        "after withdrawal {page} answers {status}"
    );
    Ok(())
}
