//! Namesakes made navigable (issue #21): a relative searching a name that six persons share is
//! told so above the results and narrows them by clicking a birth place and a decade, with
//! counts; the page stays accessible and fits a phone.

use anyhow::Result;
use letopis_browser_tests::TestStore;
use letopis_browser_tests::a11y::axe_current_page;
use letopis_browser_tests::{Browser, Site, assert_clean, skip_announced};
use letopis_core::consent::{ConsentKind, NewConsent};
use letopis_core::entities::{Fate, Person, Service};
use letopis_core::history::Actor;
use letopis_core::names::PersonName;
use letopis_core::{Body, Edtf, UserId};
use letopis_store::{Draft, Op};
use std::time::Duration;

/// Six men named Фролов Николай: (patronymic, birth year, birth place, unit).
const FROLOVS: [(&str, &str, &str, &str); 6] = [
    ("Иванович", "1901", "Сходня", "1143-й стрелковый полк"),
    ("Петрович", "1912", "Сходня", "258-я стрелковая дивизия"),
    ("Семёнович", "1913", "Химки", "1143-й стрелковый полк"),
    (
        "Фёдорович",
        "1920",
        "Подрезково",
        "258-я стрелковая дивизия",
    ),
    ("Алексеевич", "1922", "Химки", "20-я армия"),
    ("Павлович", "1924", "Сходня", "20-я армия"),
];

fn plant(store: &dyn TestStore) -> Result<()> {
    let mut ops: Vec<Op> = FROLOVS
        .iter()
        .map(|(patronymic, born, place, unit)| {
            Op::Create(Draft::published(Body::Person(Person {
                name: PersonName::new("Фролов", "Николай", patronymic),
                birth: Edtf::parse(born).ok(),
                death: Edtf::parse("1942").ok(),
                birth_place: (*place).into(),
                fate: Some(Fate::Killed),
                service: Service {
                    unit: (*unit).into(),
                    ..Service::default()
                },
                ..Person::default()
            })))
        })
        .collect();
    ops.push(Op::AddConsentCovering {
        consent: NewConsent {
            kind: ConsentKind::PublicInterest,
            subject: None,
            granted_by: "Рабочая группа".into(),
            covers: Vec::new(),
            scope: ["ФИО", "годы жизни", "место рождения", "служба", "судьба"]
                .iter()
                .map(|s| (*s).into())
                .collect(),
            bans: vec![],
            document: None,
            signed_on: letopis_core::today(),
            valid_until: None,
            note: None,
        },
        earlier: (0..FROLOVS.len()).collect(),
        subject_earlier: None,
    });
    store.apply(
        &Actor::user(UserId(1), "Редактор"),
        ops,
        letopis_core::today(),
    )?;
    Ok(())
}

const STATE: &str = "const box = document.querySelector('.namesakes');\n\
    return { heading: box ? box.querySelector('h2').textContent.trim() : null,\n\
      groups: box ? [...box.querySelectorAll('.namesakes-group h3')].map((h) => h.textContent.trim()) : [],\n\
      links: box ? [...box.querySelectorAll('.namesakes-group a')].map((a) => a.textContent.replace(/\\s+/g, ' ').trim()) : [],\n\
      hits: [...document.querySelectorAll('.search-hit-title')].map((h) => h.textContent.trim()),\n\
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth };";

#[derive(Debug, serde::Deserialize)]
struct State {
    heading: Option<String>,
    groups: Vec<String>,
    links: Vec<String>,
    hits: Vec<String>,
    overflow: i64,
}

async fn state(browser: &Browser) -> Result<State> {
    Ok(serde_json::from_value(browser.js(STATE, vec![]).await?)?)
}

/// Clicks the narrowing link whose text starts with `label`.
async fn narrow(browser: &Browser, label: &str) -> Result<()> {
    let links = browser
        .find(".namesakes")
        .await?
        .find_all(fantoccini::Locator::Css(".namesakes-group a"))
        .await?;
    for link in links {
        if link.text().await?.trim().starts_with(label) {
            link.click().await?;
            return browser
                .wait_until(
                    "the narrowed results",
                    "return document.readyState === 'complete' && !!document.querySelector('.count');",
                    Duration::from_secs(10),
                )
                .await;
        }
    }
    anyhow::bail!("no narrowing link «{label}»")
}

#[tokio::test]
async fn six_namesakes_are_counted_and_narrowed_by_place_and_decade() -> Result<()> {
    if skip_announced() {
        return Ok(());
    }
    let site = Site::start_private(plant)?;
    let browser = Browser::start().await?;
    browser.resize(390, 844).await?;
    browser
        .goto(&site.url("/search?q=%D0%A4%D1%80%D0%BE%D0%BB%D0%BE%D0%B2+%D0%9D%D0%B8%D0%BA%D0%BE%D0%BB%D0%B0%D0%B9"))
        .await?;

    let all = state(&browser).await?;
    assert_eq!(
        all.heading.as_deref(),
        Some("6 человек с таким именем"),
        "{all:?}"
    );
    assert_eq!(
        all.groups,
        ["Годы рождения", "Место рождения", "Воинская часть"],
        "fate is one value for all six, so it narrows nothing: {all:?}"
    );
    for link in [
        "1900-е 1",
        "1910-е 2",
        "1920-е 3",
        "Сходня 3",
        "Химки 2",
        "20-я армия 2",
    ] {
        assert!(all.links.iter().any(|l| l == link), "{link} in {all:?}");
    }
    assert_eq!(all.hits.len(), 6, "{all:?}");
    assert!(all.overflow <= 0, "the page is wider than a phone: {all:?}");
    assert_clean("axe on the namesakes", &axe_current_page(&browser).await?);

    narrow(&browser, "Сходня").await?;
    let place = state(&browser).await?;
    assert!(
        browser.here().await.contains("birthplace="),
        "{}",
        browser.here().await
    );
    assert_eq!(place.heading.as_deref(), Some("6 человек с таким именем"));
    assert_eq!(place.hits.len(), 3, "{place:?}");
    assert!(
        !place.groups.iter().any(|g| g == "Место рождения"),
        "the chosen place is not offered again: {place:?}"
    );

    narrow(&browser, "1920-е").await?;
    let decade = state(&browser).await?;
    assert_eq!(decade.hits, ["Фролов Николай Павлович"], "{decade:?}");
    assert_clean(
        "axe on the narrowed namesakes",
        &axe_current_page(&browser).await?,
    );

    browser.close().await;
    drop(site);
    Ok(())
}
