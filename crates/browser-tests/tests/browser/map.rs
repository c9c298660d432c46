//! The map shows the places (issue 3, "Quality bars"): every place with coordinates is on
//! `/map` as a marker or inside a cluster, markers are named for screen readers, and a marker's
//! popup leads to the place's page.

use anyhow::{Result, bail};
use letopis_browser_tests::a11y::{audit_a11y, axe_current_page};
use letopis_browser_tests::{PageType, Session, assert_clean};
use letopis_core::Kind;
use serde::Deserialize;
use serde_json::{Value, json};
use std::time::Duration;

const PATIENCE: Duration = Duration::from_secs(20);

/// The markers on the map: single ones, clusters and how many places the clusters hold.
const MARKERS: &str = "const icons = [...document.querySelectorAll('.map-canvas .leaflet-marker-icon')];\n\
    const singles = icons.filter((i) => !i.classList.contains('marker-cluster'));\n\
    const clusters = icons.filter((i) => i.classList.contains('marker-cluster'));\n\
    const members = clusters.reduce((n, c) => n + (parseInt(c.textContent.trim(), 10) || 0), 0);\n";

const MAP_STATE: &str = "const icons = [...document.querySelectorAll('.map-canvas .leaflet-marker-icon')];\n\
    return { leaflet: !!window.L, maps: document.querySelectorAll('.map-canvas.leaflet-container').length,\n\
      icons: icons.map((i) => ({ cls: i.className, label: i.getAttribute('aria-label') || i.alt || i.title,\n\
        text: i.textContent.trim(), tabindex: i.getAttribute('tabindex') })).slice(0, 20),\n\
      popup: (document.querySelector('.leaflet-popup-content') || {}).innerHTML };";

#[derive(Debug, Deserialize)]
struct Point {
    name: String,
    href: String,
    lat: f64,
    lon: f64,
}

#[tokio::test]
async fn the_map_shows_every_place_and_leads_to_it() -> Result<()> {
    let Some(s) = Session::start().await? else {
        return Ok(());
    };
    let map = s.site.url("/map");
    s.browser.goto(&map).await?;

    // What the map should show: the places with coordinates, as the portal serves them.
    let places = s
        .browser
        .js_async(
            "const done = arguments[arguments.length - 1];\
             fetch('/map/places.json').then((r) => r.json()).then(done, (e) => done(String(e)));",
            vec![],
        )
        .await?;
    let places: Vec<Point> = serde_json::from_value(places.clone())
        .map_err(|e| anyhow::anyhow!("/map/places.json is not a list of points ({e}): {places}"))?;
    let located = places
        .iter()
        .filter(|p| p.lat.is_finite() && p.lon.is_finite())
        .count();
    assert!(
        located > 0,
        "/map/places.json has no place with coordinates; the demo museum should have some"
    );

    s.browser
        .wait_until_explained(
            "the map to draw a marker or a cluster",
            &format!("{MARKERS}return singles.length + clusters.length > 0;"),
            MAP_STATE,
            PATIENCE,
        )
        .await?;
    s.browser
        .wait_until_explained(
            &format!("markers + cluster members on /map to equal the {located} places of /map/places.json"),
            &format!("{MARKERS}return singles.length + members === {located};"),
            MAP_STATE,
            PATIENCE,
        )
        .await?;

    // Every marker and cluster is reachable by keyboard and named in Russian.
    let unnamed = s
        .browser
        .js(
            "return [...document.querySelectorAll('.map-canvas .leaflet-marker-icon')]\
               .filter((i) => !(i.tabIndex >= 0 && /[А-яЁё]/.test(i.getAttribute('aria-label') || i.alt || i.title || '')))\
               .map((i) => i.outerHTML.slice(0, 200));",
            vec![],
        )
        .await?;
    assert_eq!(
        unnamed,
        json!([]),
        "markers that are not focusable or have no Russian name"
    );

    // A marker's popup links to its place. Clusters open by clicking them (zoom or spiderfy).
    let mut clicked = false;
    for _ in 0..8 {
        let singles = s
            .browser
            .js(&format!("{MARKERS}return singles.length;"), vec![])
            .await?;
        if singles.as_u64().unwrap_or(0) > 0 {
            s.browser
                .click(".map-canvas .leaflet-marker-icon:not(.marker-cluster)")
                .await?;
            clicked = true;
            break;
        }
        let before = s
            .browser
            .js(
                "return document.querySelector('.map-canvas .leaflet-marker-icon').outerHTML;",
                vec![],
            )
            .await?;
        s.browser
            .click(".map-canvas .leaflet-marker-icon.marker-cluster")
            .await?;
        s.browser
            .wait_until(
                "a cluster click to change the map",
                &format!(
                    "{MARKERS}const first = document.querySelector('.map-canvas .leaflet-marker-icon');\
                     return singles.length > 0 || !first || first.outerHTML !== {before};"
                ),
                PATIENCE,
            )
            .await?;
        // Let the zoom animation end before looking again.
        tokio::time::sleep(Duration::from_millis(400)).await;
    }
    if !clicked {
        let state = s.browser.js(MAP_STATE, vec![]).await?;
        bail!("clicking clusters never showed a single marker: {state}");
    }
    s.browser
        .wait_until_explained(
            "a marker click to open a popup with a link",
            "return !!document.querySelector('.leaflet-popup-content a[href]');",
            MAP_STATE,
            PATIENCE,
        )
        .await?;
    let link = s
        .browser
        .js(
            "const a = document.querySelector('.leaflet-popup-content a[href]');\
             return [a.getAttribute('href'), a.textContent];",
            vec![],
        )
        .await?;
    let (href, name) = (
        link[0].as_str().unwrap_or_default().to_owned(),
        link[1].as_str().unwrap_or_default().to_owned(),
    );
    let Some(place) = places.iter().find(|p| p.href == href) else {
        bail!("the popup links to {href:?}, which is none of the places in /map/places.json");
    };
    assert!(
        href.starts_with("/places/"),
        "the popup's link {href:?} is not a place page"
    );
    assert_eq!(name, place.name, "the popup names another place");

    // Following it opens that place's page.
    s.browser.click(".leaflet-popup-content a[href]").await?;
    s.browser
        .wait_until(
            &format!("the popup's link to open {href}"),
            &format!(
                "return location.pathname === {} && document.readyState === 'complete';",
                Value::String(href.clone())
            ),
            PATIENCE,
        )
        .await?;
    let h1 = s
        .browser
        .js(
            "return document.querySelector('h1').textContent.trim();",
            vec![],
        )
        .await?;
    assert_eq!(
        h1,
        json!(place.name),
        "the place page {href} is headed otherwise than the marker"
    );

    s.close().await;
    Ok(())
}

/// The demo's map has a base layer (issue #16): tiles load from the portal itself, the map does
/// not say it lacks one, and the layer switch turns to «1941», whose tiles then load.
#[tokio::test]
async fn the_demo_map_has_a_base_layer_and_a_1941_layer() -> Result<()> {
    let Some(s) = Session::start_with_maps().await? else {
        return Ok(());
    };
    s.browser.goto(&s.site.url("/map")).await?;
    const TILES: &str = "const loaded = [...document.querySelectorAll('.map-canvas img.leaflet-tile-loaded')];\n\
        const labels = [...document.querySelectorAll('.leaflet-control-layers-base label')];\n";
    const TILE_STATE: &str = "return { tiles: [...document.querySelectorAll('.map-canvas img.leaflet-tile')]\
        .map((i) => i.className + ' ' + i.src).slice(0, 10),\
        labels: [...document.querySelectorAll('.leaflet-control-layers label')].map((l) => l.textContent.trim()),\
        note: (document.querySelector('.map-note') || {}).textContent };";
    s.browser
        .wait_until_explained(
            "today's tiles to load from the portal",
            &format!(
                "{TILES}return loaded.length > 0 && loaded.every((i) => i.src.startsWith(location.origin + '/tiles/')) \
                   && !loaded.some((i) => i.src.includes('/historic/'));"
            ),
            TILE_STATE,
            PATIENCE,
        )
        .await?;
    let page = s
        .browser
        .js(
            &format!(
                "{TILES}return {{ text: document.body.innerText, labels: labels.map((l) => l.textContent.trim()), \
                 checked: labels.map((l) => l.querySelector('input').checked) }};"
            ),
            vec![],
        )
        .await?;
    let text = page["text"].as_str().unwrap_or_default();
    assert!(
        !text.contains("не настроена") && !text.contains("без подложки"),
        "the demo map should have a base layer"
    );
    assert!(
        text.contains("Схема для демонстрации"),
        "the attribution says it is a schematic"
    );
    assert_eq!(page["labels"], json!(["Сегодня", "1941"]));
    assert_eq!(page["checked"], json!([true, false]));

    s.browser
        .js(
            "[...document.querySelectorAll('.leaflet-control-layers-base label')]\
               .find((l) => l.textContent.trim() === '1941').querySelector('input').click();",
            vec![],
        )
        .await?;
    s.browser
        .wait_until_explained(
            "the 1941 layer's tiles to load in place of today's",
            &format!(
                "{TILES}return loaded.length > 0 && loaded.every((i) => i.src.includes('/tiles/historic/'));"
            ),
            TILE_STATE,
            PATIENCE,
        )
        .await?;
    let attribution = s
        .browser
        .js(
            "return document.querySelector('.leaflet-control-attribution').textContent;",
            vec![],
        )
        .await?;
    assert!(
        attribution
            .as_str()
            .unwrap_or_default()
            .contains("реконструкция 1941"),
        "{attribution}"
    );
    // The layer switch and the tiles pass axe like the rest of the page: on /map with «1941»
    // chosen, and on a place's page with its small map.
    let mut findings: Vec<String> = axe_current_page(&s.browser)
        .await?
        .into_iter()
        .map(|f| format!("/map, 1941 chosen: {f}"))
        .collect();
    let place = s.site.page(PageType::Record(Kind::Place));
    findings.extend(audit_a11y(&s.browser, &place).await?);
    s.close().await;
    assert_clean("axe WCAG 2.1 AA on maps with two base layers", &findings);
    Ok(())
}
