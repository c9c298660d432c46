//! In the classroom and in the exhibition hall (issue #17, "Done means"), in a real browser:
//!
//! 1. a teacher builds a kit with an interview fragment, an image detail and three questions,
//!    presents it, prints the worksheet, and a pupil opens the class link on a phone-sized
//!    window where a 16+ record is absent from every list, search and count;
//! 2. a guide pairs a phone with the hall's big screen and advances a tour.
//!
//! Every studio page on the way, the presentation, the worksheet, the pupil's page, the hall's
//! screen and the guide's remote are audited with axe.

use crate::studio::{PASSWORD, PATIENCE, Walk};
use anyhow::{Context, Result, bail, ensure};
use base64::Engine as _;
use letopis_browser_tests::TestStore;
use letopis_browser_tests::a11y::axe_current_page;
use letopis_browser_tests::requests::{AllowedOrigins, third_party};
use letopis_browser_tests::{Browser, Site, assert_clean, skip_announced};
use letopis_core::account::{Email, Role};
use letopis_core::entities::{Item, ItemType};
use letopis_core::{AgeRating, Body, Kind, Viewer};
use letopis_store::accounts::NewUser;
use letopis_store::{Draft, ListQuery, Op};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

const TEACHER: &str = "morozova@school1.example";
const GUIDE: &str = "guide@letopis.example";
/// The 16+ record the teacher puts in her kit and a 12+ class must never see.
const GRIM: &str = "Похоронка на Семёна Гаврилова";
/// A word of its title to search for.
const GRIM_WORD: &str = "Гаврилова";
const KIT: &str = "Голоса Химок осенью 1941 года";
const OPEN_PROMPT: &str = "Что рассказчик помнит о первых днях войны?";
const OPEN_KEY: &str = "Сводки по радио, очереди у магазинов";
const CHOICE_PROMPT: &str = "Что видно на снимке?";
const ORDER_PROMPT: &str = "Расставьте события по порядку";
/// What the pupil types into the open question: it must stay in the pupil's browser.
const ANSWER: &str = "Он помнит затемнение окон и очереди";
const TOUR: &str = "Химки в годы войны: обзорная экскурсия";

fn add_user(store: &dyn TestStore, email: &str, name: &str, role: Role) -> Result<()> {
    let hash = letopis_web::studio::auth::hash_password(PASSWORD)?;
    store.create_user(
        &NewUser {
            email: Email::parse(email).context("address")?,
            display_name: name.into(),
            roles: vec![role],
        },
        Some(&hash),
    )?;
    Ok(())
}

/// What the teacher's kit is made of, found in the private copy of the demo museum.
struct Material {
    /// The page of a public interview (12+ or younger) with a recording of at least 40 s.
    interview: String,
    /// The page of a public item (12+ or younger) with a raster image.
    item: String,
    /// The 16+ letter's number.
    grim: i64,
}

fn prepare(store: &dyn TestStore) -> Result<Material> {
    add_user(store, TEACHER, "Морозова Елена Сергеевна", Role::Teacher)?;
    let today = letopis_core::today();
    // What a 12+ class may see: the kit's own material must stay in the class's kit.
    let class = Viewer::anonymous()
        .with_max_age(AgeRating::Twelve)
        .filter(today);
    let list = |kind| {
        store.list(
            &ListQuery {
                limit: 500,
                ..ListQuery::new(kind)
            },
            &class,
        )
    };
    let interview = list(Kind::Interview)?
        .items
        .into_iter()
        .find(|r| match r.public_body() {
            Body::Interview(i) => i
                .recordings
                .first()
                .is_some_and(|rec| !rec.withheld && rec.duration_ms >= 40_000),
            _ => false,
        })
        .context("the demo has no public interview with a recording of 40 s")?;
    let item = list(Kind::Item)?
        .items
        .into_iter()
        .find(|r| {
            r.public_body()
                .media()
                .iter()
                .any(|m| m.mime.starts_with("image/") && m.mime != "image/svg+xml")
        })
        .context("the demo has no public item with a picture")?;
    let mut grim = Draft::published(Body::Item(Item {
        item_type: ItemType::Letter,
        title: GRIM.into(),
        description: "Извещение о гибели красноармейца, пришедшее семье в Химки.".into(),
        transcription: "Ваш сын, красноармеец Гаврилов Семён Петрович, погиб смертью храбрых."
            .into(),
        ..Item::default()
    }));
    grim.settings.age_rating = AgeRating::Sixteen;
    let created = store.apply(
        &letopis_core::history::Actor::user(letopis_core::UserId(1), "Редактор"),
        vec![Op::Create(grim)],
        today,
    )?;
    let grim = created
        .first()
        .and_then(|o| o.record_id())
        .context("the 16+ letter was not created")?;
    let page = |r: &letopis_store::StoredRecord| {
        format!("/{}/{}", r.record.kind().plural(), r.record.meta.slug)
    };
    Ok(Material {
        interview: page(&interview),
        item: page(&item),
        grim: grim.0,
    })
}

#[tokio::test]
async fn a_teacher_builds_presents_and_prints_a_kit_and_a_class_opens_it_on_a_phone() -> Result<()>
{
    if skip_announced() {
        return Ok(());
    }
    let started = Instant::now();
    let mut material = None;
    let site = Site::start_private(|store| {
        material = Some(prepare(store)?);
        Ok(())
    })?;
    let material = material.context("prepare did not run")?;
    let teacher = Browser::start().await?;
    teacher.resize(1366, 900).await?;
    teacher.performance_log().await?; // what the browser did before the test asked anything
    let mut walk = Walk {
        browser: &teacher,
        site: &site,
        findings: Vec::new(),
        audited: Vec::new(),
    };
    let mut pupil = None;
    let result = classroom(&mut walk, &material, &mut pupil).await;
    let mut findings = std::mem::take(&mut walk.findings);
    if let Some(p) = pupil {
        p.close().await;
    }
    teacher.close().await;
    let outcome = result?;
    findings.extend(outcome);
    println!("classroom test took {:?}", started.elapsed());
    assert_clean("the classroom's pages (axe, other hosts)", &findings);
    Ok(())
}

/// The teacher's part, then the pupil's; returns findings other than the walk's own axe ones.
async fn classroom(
    walk: &mut Walk<'_>,
    material: &Material,
    pupil_slot: &mut Option<Browser>,
) -> Result<Vec<String>> {
    let mut findings = Vec::new();

    // She signs in and lands in her lessons.
    walk.sign_in(TEACHER, PASSWORD).await?;
    let here = walk.browser.here().await;
    ensure!(
        here.ends_with("/studio/lessons"),
        "a teacher lands on {here}, not her lessons"
    );

    // A new kit.
    walk.type_into("#kit-title", KIT).await?;
    walk.submit("form[action='/studio/lessons'] button[type=submit]")
        .await?;
    let editor = walk.browser.here().await;
    let editor = editor
        .trim_start_matches(&walk.site.base)
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .to_string();
    ensure!(
        editor.starts_with("/studio/lessons/"),
        "the new kit did not open in its editor but at {editor}"
    );

    // The blocks: a fragment of an interview, a detail of a picture, the 16+ letter's card.
    add_block(
        walk,
        "fragment",
        &material.interview,
        &[("#start", "0:05"), ("#end", "0:40")],
    )
    .await?;
    add_block(
        walk,
        "detail",
        &material.item,
        &[
            ("#image", "1"),
            ("#crop-x", "20"),
            ("#crop-y", "10"),
            ("#crop-w", "60"),
            ("#crop-h", "60"),
            ("#new-note", "Рассмотрите, что в центре снимка."),
        ],
    )
    .await?;
    add_block(walk, "record", &material.grim.to_string(), &[]).await?;
    let blocks = walk
        .browser
        .js(
            "return document.querySelectorAll('section.kit-block').length;",
            vec![],
        )
        .await?;
    ensure!(
        blocks == json!(3),
        "the editor shows {blocks} blocks, not 3"
    );

    // Three questions: an open one with its key on the fragment, a choice and an order on the
    // detail.
    add_question(walk, 0, "open", OPEN_PROMPT, "", OPEN_KEY).await?;
    add_question(
        walk,
        1,
        "choice",
        CHOICE_PROMPT,
        "Колонна грузовиков\n*Люди у станции\nТанк",
        "",
    )
    .await?;
    add_question(
        walk,
        1,
        "order",
        ORDER_PROMPT,
        "Начало войны\nОборона Химок\nПобеда",
        "",
    )
    .await?;
    let editor_text = walk.text("main").await?;
    for expected in [OPEN_PROMPT, CHOICE_PROMPT, ORDER_PROMPT, OPEN_KEY, GRIM] {
        ensure!(
            editor_text.contains(expected),
            "the editor lacks «{expected}»:\n{editor_text}"
        );
    }
    // The editor now full (the walk audited it when it was empty).
    axe_here(walk.browser, &editor, &mut findings).await?;

    // «Показать на экране»: one screen at a time, no site chrome, the clicker's PageDown.
    still(walk.browser).await?;
    walk.submit("p.actions a[href$='/present']").await?;
    present(walk).await?;

    // A class link for a 12+ class, until today.
    walk.open(&editor).await?;
    walk.submit("#links form button[type=submit]").await?;
    let code = walk.text("#links table tbody a").await?.trim().to_string();
    ensure!(
        code.len() == 6 && code.chars().all(|c| c.is_ascii_alphanumeric()),
        "the class link's code is «{code}»"
    );

    // The worksheet for that class: the QR code of the link, the questions, no key; printed.
    still(walk.browser).await?;
    walk.submit(&format!("#links table a[href$='worksheet?class={code}']"))
        .await?;
    worksheet(walk, &code).await?;

    // The pupil: another browser (no teacher's session), phone-sized.
    let pupil = pupil_slot.insert(Browser::start().await?);
    pupil.resize(390, 844).await?;
    pupil.performance_log().await?; // what the browser did before the test asked anything
    findings.extend(pupil_visit(walk.site, pupil, &code).await?);
    for f in third_party(
        &requests(walk.browser).await?,
        &walk.site.base,
        &AllowedOrigins::default(),
    ) {
        findings.push(format!("the teacher's browser: {f}"));
    }
    Ok(findings)
}

/// Runs axe on the page shown now, naming it `name` in the findings.
async fn axe_here(browser: &Browser, name: &str, findings: &mut Vec<String>) -> Result<()> {
    for f in axe_current_page(browser).await? {
        findings.push(format!("{name}: {f}"));
    }
    Ok(())
}

/// Waits until the page stops scrolling: after a change the editor comes back at the block's
/// anchor, and its smooth scroll would move a control away from under a click.
async fn still(b: &Browser) -> Result<()> {
    b.js_async(
        "const done = arguments[arguments.length - 1];\
         let last = -1, same = 0;\
         const check = () => {\
           const y = window.scrollY;\
           same = y === last ? same + 1 : 0; last = y;\
           if (same >= 3) done(true); else setTimeout(check, 100);\
         };\
         check();",
        vec![],
    )
    .await?;
    Ok(())
}

async fn add_block(
    walk: &mut Walk<'_>,
    material: &str,
    record: &str,
    fields: &[(&str, &str)],
) -> Result<()> {
    still(walk.browser).await?;
    walk.browser
        .find("#material")
        .await?
        .select_by_value(material)
        .await?;
    walk.type_into("#record", record).await?;
    for (css, value) in fields {
        walk.type_into(css, value).await?;
    }
    walk.submit("form.add-block button[type=submit]").await?;
    walk.no_alert(&format!("adding the {material} of {record}"))
        .await
}

async fn add_question(
    walk: &mut Walk<'_>,
    block: usize,
    kind: &str,
    prompt: &str,
    options: &str,
    key: &str,
) -> Result<()> {
    still(walk.browser).await?;
    let form = format!("#block-{block} details.add-question");
    walk.browser.click(&format!("{form} summary")).await?;
    walk.browser
        .find(&format!("{form} select[name=kind]"))
        .await?
        .select_by_value(kind)
        .await?;
    walk.type_into(&format!("{form} textarea[name=prompt]"), prompt)
        .await?;
    if !options.is_empty() {
        walk.type_into(&format!("{form} textarea[name=options]"), options)
            .await?;
    }
    if !key.is_empty() {
        walk.type_into(&format!("{form} textarea[name=key]"), key)
            .await?;
    }
    walk.submit(&format!("{form} button[type=submit]")).await?;
    walk.no_alert(&format!("the {kind} question «{prompt}»"))
        .await
}

/// The presentation: exactly one screen shown, no site chrome, PageDown moves to the fragment.
async fn present(walk: &mut Walk<'_>) -> Result<()> {
    let b = walk.browser;
    b.wait_until(
        "the presentation's script",
        "return document.documentElement.classList.contains('js-present');",
        PATIENCE,
    )
    .await?;
    let shown = || {
        b.js(
            "const visible = [...document.querySelectorAll('.slide')]\
               .filter(s => getComputedStyle(s).display !== 'none' && s.getBoundingClientRect().height > 0);\
             return { visible: visible.map(s => s.id), current: [...document.querySelectorAll('.slide.current')].map(s => s.id),\
                      count: document.querySelector('[data-count]').textContent.trim(),\
                      chrome: !!document.querySelector('.top-bar, .site-header, body > header, footer'),\
                      audio: !!document.querySelector('.slide.current audio') };",
            vec![],
        )
    };
    let first = shown().await?;
    ensure!(
        first["visible"] == json!(["s0"]) && first["current"] == json!(["s0"]),
        "the presentation opens on more or less than its title screen: {first}"
    );
    ensure!(
        first["chrome"] == json!(false),
        "the presentation shows the site's header or top bar: {first}"
    );
    // The teacher sees all three blocks: the title screen and three more.
    ensure!(first["count"] == json!("1 / 4"), "the counter: {first}");
    // A presenter's clicker sends PageDown.
    b.find(".slide.current")
        .await?
        .send_keys(&fantoccini::key::Key::PageDown.to_string())
        .await
        .context("pressing PageDown")?;
    b.wait_until(
        "the counter to move to 2 / 4",
        "return document.querySelector('[data-count]').textContent.trim() === '2 / 4';",
        PATIENCE,
    )
    .await?;
    let second = shown().await?;
    ensure!(
        second["visible"] == json!(["s1"])
            && second["current"] == json!(["s1"])
            && second["audio"] == json!(true),
        "after PageDown the fragment's screen with its player is not the one shown: {second}"
    );
    axe_current_page(b)
        .await?
        .into_iter()
        .for_each(|f| walk.findings.push(format!("presentation, 2nd screen: {f}")));
    Ok(())
}

/// The worksheet opened with `?class=CODE`, on screen and as printed.
async fn worksheet(walk: &mut Walk<'_>, code: &str) -> Result<()> {
    let b = walk.browser;
    let sheet = b
        .js(
            "const qr = document.querySelector('.sheet-qr svg.qr');\
             return { qr: !!qr && qr.getBoundingClientRect().width > 0,\
                      caption: (document.querySelector('.sheet-qr figcaption') || {}).textContent || '',\
                      main: document.querySelector('main').textContent,\
                      html: document.documentElement.outerHTML,\
                      print: typeof window.print === 'function',\
                      button: (() => { const p = document.querySelector('[data-print]');\
                                       return !!p && !p.hidden && p.getBoundingClientRect().width > 0; })() };",
            vec![],
        )
        .await?;
    ensure!(sheet["qr"] == json!(true), "the worksheet has no QR code");
    let caption = sheet["caption"].as_str().unwrap_or_default();
    ensure!(
        caption.contains(code) && caption.contains(&format!("/class/{code}")),
        "the QR code's caption does not give the class link: {caption}"
    );
    let main = sheet["main"].as_str().unwrap_or_default();
    for prompt in [OPEN_PROMPT, CHOICE_PROMPT, ORDER_PROMPT] {
        ensure!(
            main.contains(prompt),
            "the worksheet lacks «{prompt}»:\n{main}"
        );
    }
    ensure!(
        !sheet["html"]
            .as_str()
            .unwrap_or_default()
            .contains(OPEN_KEY),
        "the pupils' worksheet carries the key"
    );
    ensure!(
        sheet["print"] == json!(true) && sheet["button"] == json!(true),
        "the worksheet has no print button on screen: {}",
        json!({"print": sheet["print"], "button": sheet["button"]})
    );

    // The button calls the browser's print (replaced here by a counter: headless Chromium has
    // no print dialog to open).
    b.js(
        "window.__printed = 0; window.print = () => { window.__printed += 1; }; return true;",
        vec![],
    )
    .await?;
    b.click("[data-print]").await?;
    let printed = b.js("return window.__printed;", vec![]).await?;
    ensure!(
        printed == json!(1),
        "the print button did not print: {printed}"
    );

    // Printed, as Chromium renders it for the printer: the print style sheet applied (CSS media
    // emulated over DevTools), then the PDF Chromium's print makes, at the page's own size.
    b.cdp("Emulation.setEmulatedMedia", json!({ "media": "print" }))
        .await?;
    let printed = b
        .js(
            "const visible = (e) => !!e && getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().height > 0;\
             return { print: matchMedia('print').matches,\
                      screen_only: visible(document.querySelector('.sheet-screen-only')),\
                      qr: visible(document.querySelector('.sheet-qr svg.qr')),\
                      questions: [...document.querySelectorAll('.sheet-question')].filter(visible).length };",
            vec![],
        )
        .await?;
    b.cdp("Emulation.setEmulatedMedia", json!({ "media": "" }))
        .await?;
    ensure!(
        printed == json!({ "print": true, "screen_only": false, "qr": true, "questions": 3 }),
        "printed, the worksheet should drop its screen controls and keep the QR code and three \
         questions: {printed}"
    );
    let pdf = b
        .cdp(
            "Page.printToPDF",
            json!({ "preferCSSPageSize": true, "printBackground": false }),
        )
        .await?;
    let pdf = base64::engine::general_purpose::STANDARD
        .decode(pdf["data"].as_str().context("printToPDF gave no data")?)
        .context("printToPDF gave no base64")?;
    ensure!(pdf.starts_with(b"%PDF"), "the print is not a PDF");
    let boxes = media_boxes(&pdf);
    ensure!(!boxes.is_empty(), "the PDF names no page size");
    // A4 is 595.3 × 841.9 points.
    for (w, h) in &boxes {
        ensure!(
            (w - 595.3).abs() < 2.0 && (h - 841.9).abs() < 2.0,
            "a printed page is {w} × {h} pt, not A4: {boxes:?}"
        );
    }
    println!("the worksheet prints on {} A4 page(s)", boxes.len());
    ensure!(
        boxes.len() <= 2,
        "three questions take {} pages",
        boxes.len()
    );
    Ok(())
}

/// The pupil opens the class link on a phone: the 16+ record is nowhere, the answer stays in
/// the browser. Returns axe findings on the pupil's pages.
async fn pupil_visit(site: &Site, b: &Browser, code: &str) -> Result<Vec<String>> {
    let mut findings = Vec::new();
    let load = |path: String| async move {
        b.goto(&site.url(&path)).await?;
        b.wait_until(
            "the page to load",
            "return document.readyState === 'complete';",
            PATIENCE,
        )
        .await
    };
    let class = format!("/class/{code}");
    load(class.clone()).await?;
    let page = b
        .js(
            "return { main: document.querySelector('main').textContent, html: document.documentElement.outerHTML,\
                      wide: document.documentElement.scrollWidth, view: innerWidth };",
            vec![],
        )
        .await?;
    let main = page["main"].as_str().unwrap_or_default();
    let html = page["html"].as_str().unwrap_or_default();
    ensure!(
        !html.contains(GRIM),
        "the 16+ letter is on the class's page"
    );
    ensure!(
        main.contains("1 блок урока не показан"),
        "the class's page does not say a block is not shown:\n{main}"
    );
    ensure!(
        main.contains(KIT) && main.contains(OPEN_PROMPT) && main.contains(CHOICE_PROMPT),
        "the class's page lacks the kit or its questions:\n{main}"
    );
    ensure!(!html.contains(OPEN_KEY), "the class's page carries the key");
    ensure!(
        page["wide"].as_u64() <= page["view"].as_u64(),
        "the class's page is wider than the phone: {page:?}",
        page = json!({"scrollWidth": page["wide"], "innerWidth": page["view"]})
    );
    // The fragment plays from the class's page, and the detail is the part the teacher cut.
    b.wait_until_explained(
        "the detail's picture and the fragment's player",
        "const img = document.querySelector('figure.kit-detail img');\
         return !!document.querySelector('figure.fragment audio.fragment-audio source') && !!img \
           && img.complete && img.naturalWidth > 0 && img.getAttribute('src').endsWith('crop=20.0,10.0,60.0,60.0');",
        "const img = document.querySelector('figure.kit-detail img');\
         return { src: img && img.getAttribute('src'), width: img && img.naturalWidth,\
                  audio: !!document.querySelector('figure.fragment audio') };",
        PATIENCE,
    )
    .await?;
    axe_here(b, &class, &mut findings).await?;
    let cookies = b.client.get_all_cookies().await?;
    ensure!(
        cookies
            .iter()
            .any(|c| c.name() == "school" && c.value() == "12"),
        "the class link did not switch school mode on at 12+: {:?}",
        cookies
            .iter()
            .map(|c| format!("{}={}", c.name(), c.value()))
            .collect::<Vec<_>>()
    );

    // The answer is kept by this browser, and only there: after typing it and reloading, no
    // request since the page first loaded carried it, nor was any request but a GET.
    let mut urls = requests(b).await?;
    let field = b
        .find(".kit-question-open textarea")
        .await
        .context("the open question's answer field")?;
    field.send_keys(ANSWER).await?;
    b.client.refresh().await?;
    b.wait_until(
        "the page to load again",
        "return document.readyState === 'complete';",
        PATIENCE,
    )
    .await?;
    b.wait_until_explained(
        "the answer to come back after a reload",
        &format!(
            "return document.querySelector('.kit-question-open textarea').value === {};",
            json!(ANSWER)
        ),
        "return document.querySelector('.kit-question-open textarea').value;",
        PATIENCE,
    )
    .await?;
    let kept = b
        .js(
            "return Object.keys(localStorage).filter(k => k.startsWith('letopis-answer:'))\
               .map(k => localStorage.getItem(k)).join(' ');",
            vec![],
        )
        .await?;
    ensure!(
        kept.as_str().unwrap_or_default().contains(ANSWER),
        "the answer is not in the browser's localStorage: {kept}"
    );
    let events = b.performance_log().await?;
    let after = urls_of(&events);
    ensure!(
        after.iter().any(|u| u.ends_with(&class)),
        "the performance log missed the reload of {class}: {after:?}"
    );
    urls.extend(after);
    let mut sent = Vec::new();
    for event in &events {
        if event["method"] != "Network.requestWillBeSent" {
            continue;
        }
        let request = &event["params"]["request"];
        let method = request["method"].as_str().unwrap_or_default();
        let url = request["url"].as_str().unwrap_or_default();
        let body = request["postData"].as_str().unwrap_or_default();
        let query: String = url::Url::parse(url)
            .map(|u| u.query_pairs().map(|(k, v)| format!("{k}={v} ")).collect())
            .unwrap_or_default();
        if method != "GET" || body.contains(ANSWER) || query.contains(ANSWER) {
            sent.push(format!("{method} {url}"));
        }
    }
    ensure!(
        sent.is_empty(),
        "typing an answer and reloading sent something: {sent:?}"
    );

    // Everywhere else in the visit, school mode keeps the 16+ letter out. An ordinary visitor
    // (no cookie, no session) is asked the same over plain HTTP for comparison.
    let http = reqwest::Client::new();
    let visitor = |path: &str| {
        let url = site.url(path);
        let http = http.clone();
        async move {
            let response = http.get(&url).send().await?;
            ensure!(
                response.status().is_success(),
                "{url}: {}",
                response.status()
            );
            Ok::<String, anyhow::Error>(response.text().await?)
        }
    };
    let count_in = |html: &str| -> Option<u64> {
        let at = html.find("class=\"count\"")?;
        let end = at + html[at..].find("</p>")?;
        html[at..end]
            .chars()
            .filter(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .ok()
    };
    // The list, newest first: the letter was added last.
    let list = "/items?sort=new";
    let theirs = visitor(list).await?;
    ensure!(
        theirs.contains(GRIM),
        "an ordinary visitor does not see the letter in {list}: the comparison means nothing"
    );
    load(list.into()).await?;
    let ours = b
        .js("return document.documentElement.outerHTML;", vec![])
        .await?;
    let ours = ours.as_str().unwrap_or_default();
    ensure!(
        !ours.contains(GRIM),
        "the 16+ letter is in the pupil's {list}"
    );
    let (their_count, our_count) = (count_in(&theirs), count_in(ours));
    ensure!(
        matches!((their_count, our_count), (Some(t), Some(o)) if o < t),
        "the pupil's count of items ({our_count:?}) is not below a visitor's ({their_count:?})"
    );
    axe_here(b, list, &mut findings).await?;

    // Search: the letter is not found, and fewer hits are.
    let search = format!("/search?q={GRIM_WORD}");
    let theirs = visitor(&search).await?;
    ensure!(
        theirs.contains(GRIM),
        "search does not find the letter for an ordinary visitor"
    );
    let their_hits = theirs.matches("<li class=\"search-hit").count();
    load(search.clone()).await?;
    let ours = b
        .js(
            "return { main: document.querySelector('main').textContent,\
                      hits: document.querySelectorAll('li.search-hit').length };",
            vec![],
        )
        .await?;
    ensure!(
        !ours["main"].as_str().unwrap_or_default().contains(GRIM),
        "search finds the 16+ letter for the pupil"
    );
    ensure!(
        ours["hits"]
            .as_u64()
            .is_some_and(|n| (n as usize) < their_hits),
        "the pupil's search has {} hits, a visitor's {their_hits}",
        ours["hits"]
    );
    axe_here(b, "/search", &mut findings).await?;

    // The JSON API, every page of it, from the pupil's browser (the cookie goes with it).
    let api = b
        .js_async(
            "const done = arguments[arguments.length - 1];\
             (async () => {\
               const titles = []; let total = null; let page = 1; let last = 1;\
               do {\
                 const r = await fetch(`/api/v1/items?sort=new&per_page=100&page=${page}`);\
                 if (!r.ok) return { error: r.status };\
                 const j = await r.json();\
                 total = j.total; last = j.last_page; titles.push(...j.items.map(i => i.title));\
                 page += 1;\
               } while (page <= last);\
               return { total, titles };\
             })().then(done, e => done({ error: String(e) }));",
            vec![],
        )
        .await?;
    let our_total = api["total"]
        .as_u64()
        .with_context(|| format!("the API's answer to the pupil: {api}"))?;
    let titles: Vec<&str> = api["titles"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    ensure!(
        titles.len() as u64 == our_total,
        "the API listed {} items of {our_total}",
        titles.len()
    );
    ensure!(
        !titles.contains(&GRIM),
        "the API gives the pupil the 16+ letter"
    );
    let theirs: Value = serde_json::from_str(&visitor("/api/v1/items?sort=new").await?)?;
    let their_total = theirs["total"].as_u64().context("the API's total")?;
    ensure!(
        our_total < their_total && theirs["items"][0]["title"] == json!(GRIM),
        "the API: the pupil's total {our_total}, a visitor's {their_total}, a visitor's newest \
         {}",
        theirs["items"][0]["title"]
    );
    urls.extend(requests(b).await?);
    for f in third_party(&urls, &site.base, &AllowedOrigins::default()) {
        findings.push(format!("the pupil's browser: {f}"));
    }
    Ok(findings)
}

/// Every request the browser made since its performance log was last read, but for Chromium's
/// own pages.
async fn requests(b: &Browser) -> Result<Vec<String>> {
    Ok(urls_of(&b.performance_log().await?))
}

/// The requests among performance-log events, but for Chromium's own pages (its new-tab page).
fn urls_of(events: &[Value]) -> Vec<String> {
    let mut urls = Vec::new();
    for event in events {
        let document = event["params"]["documentURL"].as_str().unwrap_or("");
        if [
            "chrome:",
            "chrome-untrusted:",
            "chrome-search:",
            "devtools:",
        ]
        .iter()
        .any(|s| document.starts_with(s))
        {
            continue;
        }
        let url = match event["method"].as_str() {
            Some("Network.requestWillBeSent") => event["params"]["request"]["url"].as_str(),
            Some("Network.webSocketCreated") => event["params"]["url"].as_str(),
            _ => None,
        };
        if let Some(u) = url {
            urls.push(u.to_owned());
        }
    }
    urls
}

#[tokio::test]
async fn a_guide_pairs_a_phone_with_the_big_screen_and_advances_a_tour() -> Result<()> {
    if skip_announced() {
        return Ok(());
    }
    let started = Instant::now();
    let site =
        Site::start_private(|store| add_user(store, GUIDE, "Экскурсовод Галина", Role::Volunteer))?;
    let screen = Browser::start().await?;
    let phone = match Browser::start().await {
        Ok(p) => p,
        Err(e) => {
            screen.close().await;
            return Err(e);
        }
    };
    let mut walk = Walk {
        browser: &phone,
        site: &site,
        findings: Vec::new(),
        audited: Vec::new(),
    };
    let result = hall(&mut walk, &screen).await;
    let mut findings = std::mem::take(&mut walk.findings);
    phone.close().await;
    screen.close().await;
    findings.extend(result?);
    println!("hall test took {:?}", started.elapsed());
    assert_clean(
        "the hall's screen and the guide's phone (axe, other hosts)",
        &findings,
    );
    Ok(())
}

async fn hall(walk: &mut Walk<'_>, screen: &Browser) -> Result<Vec<String>> {
    let mut findings = Vec::new();
    let site = walk.site;
    screen.resize(1920, 1080).await?;
    walk.browser.resize(390, 844).await?;
    screen.performance_log().await?;
    walk.browser.performance_log().await?;

    // The screen opens its start address and shows a code.
    screen.goto(&site.url("/kiosk/pair")).await?;
    screen
        .wait_until(
            "the screen's code",
            "return /^\\/kiosk\\/pair\\/[0-9a-f]{32}$/.test(location.pathname) && \
             !!document.querySelector('[data-pair-code]') && document.readyState === 'complete';",
            PATIENCE,
        )
        .await?;
    let code = screen
        .find("[data-pair-code]")
        .await?
        .text()
        .await?
        .trim()
        .to_string();
    ensure!(
        code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()),
        "the screen shows «{code}», not a six-digit code"
    );
    axe_here(screen, "the screen waiting for a guide", &mut findings).await?;

    // The guide, signed in on the phone, types the code and picks the tour.
    walk.sign_in(GUIDE, PASSWORD).await?;
    walk.open(&format!("/guide?code={code}")).await?;
    walk.audit().await?;
    let chosen = walk
        .browser
        .js(
            "const s = document.querySelector('#kit');\
             const o = [...s.options].find(o => o.textContent.trim() === arguments[0]);\
             if (!o) return [...s.options].map(o => o.textContent);\
             s.value = o.value; s.dispatchEvent(new Event('change', { bubbles: true })); return true;",
            vec![json!(TOUR)],
        )
        .await?;
    ensure!(
        chosen == json!(true),
        "the guide is not offered «{TOUR}»: {chosen}"
    );
    walk.submit("form.guide-form button[type=submit]").await?;
    let here = walk.browser.here().await;
    ensure!(
        here.ends_with(&format!("/guide/{code}")),
        "pairing led to {here}: {}",
        walk.text("main").await?
    );
    // The screen follows: the tour's title screen within ten seconds.
    let on_screen = |id: &str| {
        format!(
            "const c = document.querySelectorAll('.slide.current');\
             return !!document.querySelector('main[data-follow]') && c.length === 1 && c[0].id === '{id}' \
               && getComputedStyle(c[0]).display !== 'none';"
        )
    };
    let explain = "return { here: location.pathname + location.hash, \
                   current: [...document.querySelectorAll('.slide.current')].map(s => s.id), \
                   title: document.title };";
    screen
        .wait_until_explained(
            "the screen to show the tour's title",
            &on_screen("s0"),
            explain,
            Duration::from_secs(10),
        )
        .await?;
    let title = screen
        .js(
            "return document.querySelector('#s0 h1').textContent.trim();",
            vec![],
        )
        .await?;
    ensure!(
        title == json!(TOUR),
        "the screen's title screen says {title}"
    );

    // «Дальше» twice, then «Назад».
    for expected in ["остановка 1 из", "остановка 2 из"] {
        still(walk.browser).await?;
        walk.submit("form.remote-buttons button[data-next]").await?;
        let now = walk.text("#now").await?;
        ensure!(now.contains(expected), "the remote says «{now}»");
    }
    screen
        .wait_until_explained(
            "the screen to follow to the second stop",
            &on_screen("s2"),
            explain,
            Duration::from_secs(10),
        )
        .await?;
    still(walk.browser).await?;
    walk.submit("form.remote-buttons button[name=step]:not([data-next])")
        .await?;
    let now = walk.text("#now").await?;
    ensure!(
        now.contains("остановка 1 из"),
        "after «Назад» the remote says «{now}»"
    );
    screen
        .wait_until_explained(
            "the screen to follow back to the first stop",
            &on_screen("s1"),
            explain,
            Duration::from_secs(10),
        )
        .await?;
    axe_here(screen, "the screen following the guide", &mut findings).await?;

    // Neither browser asked another host for anything.
    for (who, b) in [("the screen", screen), ("the phone", walk.browser)] {
        let urls = requests(b).await?;
        if !urls.iter().any(|u| u.contains("/state")) && who == "the screen" {
            bail!("the screen's log shows no polling at all: {urls:?}");
        }
        for f in third_party(&urls, &site.base, &AllowedOrigins::default()) {
            findings.push(format!("{who}: {f}"));
        }
    }
    Ok(findings)
}

/// The width and height of every `/MediaBox [0 0 w h]` in a PDF (one per page in Chromium's).
fn media_boxes(pdf: &[u8]) -> Vec<(f64, f64)> {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/MediaBox")
        .filter_map(|(at, _)| {
            let rest = &text[at..];
            let open = rest.find('[')?;
            let close = rest.find(']')?;
            let numbers: Vec<f64> = rest[open + 1..close]
                .split_whitespace()
                .filter_map(|n| n.parse().ok())
                .collect();
            match numbers[..] {
                [x0, y0, x1, y1] => Some((x1 - x0, y1 - y0)),
                _ => None,
            }
        })
        .collect()
}
