//! The map, its tiles, the timeline, the home page's «Этот день» and the small maps of record
//! pages: each through the gate, each without JavaScript, none asking another host.

use crate::support::{Seeded, TestApp, spawn_app, spawn_app_with};
use letopis_core::entities::{Event, Place, PlaceType};
use letopis_core::{Body, Edtf, RelationType};
use letopis_store::Draft;
use letopis_store::contract::fallen;

fn place(name: &str, district: &str, place_type: PlaceType, at: Option<(f64, f64)>) -> Draft {
    Draft::published(Body::Place(Place {
        name: name.into(),
        district: district.into(),
        place_type,
        lat: at.map(|a| a.0),
        lon: at.map(|a| a.1),
        ..Place::default()
    }))
}

fn event(title: &str, date: &str) -> Draft {
    Draft::published(Body::Event(Event {
        title: title.into(),
        date: Some(Edtf::parse(date).expect("valid EDTF")),
        ..Event::default()
    }))
}

/// A draft: in the base, but no visitor may see it.
fn hidden(mut draft: Draft) -> Draft {
    draft.workflow = letopis_core::Workflow::Draft;
    draft
}

const SKHODNYA: (f64, f64) = (55.951, 37.306);
const PODREZKOVO: (f64, f64) = (55.941, 37.337);

/// Three visible places in two districts and one hidden, with events of 1941 and 1943.
fn seed(app: &TestApp) -> (Seeded, Seeded, Seeded) {
    let hospital = app.create(place(
        "Госпиталь в школе № 1",
        "Сходня",
        PlaceType::Hospital,
        Some(SKHODNYA),
    ));
    let station = app.create(place(
        "Станция Подрезково",
        "Подрезково",
        PlaceType::Station,
        Some(PODREZKOVO),
    ));
    let street = app.create(place(
        "Улица без координат",
        "Сходня",
        PlaceType::Street,
        None,
    ));
    app.create(hidden(place(
        "Секретный объект",
        "Сходня",
        PlaceType::Hospital,
        Some(SKHODNYA),
    )));
    let raid = app.create(event("Налёт на станцию", "1941-11-07"));
    app.relate(&raid, RelationType::TookPlaceAt, &station);
    let wards = app.create(event("Открытие палат", "1943-03"));
    app.relate(&wards, RelationType::TookPlaceAt, &hospital);
    (hospital, station, street)
}

fn names(json: &serde_json::Value) -> Vec<String> {
    let mut names: Vec<String> = json
        .as_array()
        .expect("a list of places")
        .iter()
        .map(|p| p["name"].as_str().expect("name").to_string())
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn the_map_page_lists_places_by_district_without_javascript() {
    let app = spawn_app().await;
    let (hospital, station, street) = seed(&app);
    let (status, page) = app.text("/map").await;
    assert_eq!(status, 200);
    let podrezkovo = page.find("<h3>Подрезково").expect("district heading");
    let skhodnya = page.find("<h3>Сходня").expect("district heading");
    assert!(podrezkovo < skhodnya, "districts in alphabetical order");
    let in_skhodnya = &page[skhodnya..];
    assert!(in_skhodnya.contains(&format!("href=\"{}\"", hospital.page())));
    assert!(in_skhodnya.contains(&format!("href=\"{}\"", street.page())));
    assert!(page[podrezkovo..skhodnya].contains(&format!("href=\"{}\"", station.page())));
    assert!(!page.contains("Секретный объект"));
    // The map itself waits for its script; the list is there for everyone.
    assert!(page.contains("<div class=\"map-frame\" hidden>"));
    assert!(
        page.contains("нет на карте"),
        "the street has no coordinates"
    );
}

#[tokio::test]
async fn places_json_excludes_hidden_places_and_honours_filters() {
    let app = spawn_app().await;
    seed(&app);
    let (status, all) = app.json("/map/places.json").await;
    assert_eq!(status, 200);
    // The street has no coordinates; the hidden hospital is nowhere.
    assert_eq!(names(&all), ["Госпиталь в школе № 1", "Станция Подрезково"]);
    let (_, hospitals) = app.json("/map/places.json?type=hospital").await;
    assert_eq!(names(&hospitals), ["Госпиталь в школе № 1"]);
    let (_, district) = app
        .json("/map/places.json?district=%D0%9F%D0%BE%D0%B4%D1%80%D0%B5%D0%B7%D0%BA%D0%BE%D0%B2%D0%BE")
        .await;
    assert_eq!(names(&district), ["Станция Подрезково"]);
    let (_, y1941) = app.json("/map/places.json?from=1941&to=1941").await;
    assert_eq!(names(&y1941), ["Станция Подрезково"]);
    let (_, later) = app.json("/map/places.json?from=1942").await;
    assert_eq!(names(&later), ["Госпиталь в школе № 1"]);
    let (status, page) = app.text("/map?type=castle").await;
    assert_eq!(status, 400);
    assert!(page.contains("Неизвестный тип места «castle»"));
}

#[tokio::test]
async fn a_hidden_event_does_not_put_its_place_in_the_period() {
    let app = spawn_app().await;
    let (hospital, _, _) = seed(&app);
    let secret = app.create(hidden(event("Тайное совещание", "1944-05-05")));
    app.relate(&secret, RelationType::TookPlaceAt, &hospital);
    let (_, in_1944) = app.json("/map/places.json?from=1944&to=1944").await;
    assert_eq!(names(&in_1944), Vec::<String>::new());
}

/// A 1×1 PNG, the smallest real tile.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

fn write_mbtiles(path: &std::path::Path) {
    let db = rusqlite::Connection::open(path).expect("create MBTiles");
    db.execute_batch(
        "CREATE TABLE metadata (name TEXT, value TEXT);
         INSERT INTO metadata VALUES ('name', 'Химки'), ('format', 'png');
         CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER,
                             tile_data BLOB);",
    )
    .expect("schema");
    // TMS row 0 at zoom 1 is the southern row: the web's y = 1.
    db.execute(
        "INSERT INTO tiles VALUES (1, 0, 0, ?1)",
        rusqlite::params![PNG],
    )
    .expect("tile");
}

#[tokio::test]
async fn tiles_are_served_from_a_local_mbtiles_file() {
    let app = spawn_app_with(|config, dir| {
        let path = dir.join("khimki.mbtiles");
        write_mbtiles(&path);
        config.map.mbtiles = Some(path);
    })
    .await;
    let tile = app.get("/tiles/1/0/1.png").await;
    assert_eq!(tile.status(), 200);
    assert_eq!(tile.headers()["content-type"], "image/png");
    assert!(
        tile.headers()["cache-control"]
            .to_str()
            .expect("ascii")
            .contains("max-age=")
    );
    assert_eq!(tile.bytes().await.expect("body").as_ref(), PNG);
    // Without the y-flip this would be the tile; it is the northern row, which the file lacks.
    assert_eq!(app.get("/tiles/1/0/0.png").await.status(), 404);
    assert_eq!(app.get("/tiles/1/7/0.png").await.status(), 404);
    assert_eq!(app.get("/tiles/99/0/0.png").await.status(), 404);
    assert_eq!(app.get("/tiles/1/0/x.png").await.status(), 404);
    app.create(place(
        "Сходня",
        "Сходня",
        PlaceType::Settlement,
        Some(SKHODNYA),
    ));
    let map = app.get("/map").await;
    let csp = map.headers()["content-security-policy"]
        .to_str()
        .expect("ascii")
        .to_string();
    assert!(csp.contains("img-src 'self';"), "{csp}");
    let page = map.text().await.expect("page");
    assert!(page.contains("/tiles/{z}/{x}/{y}.png"));
    assert!(!page.contains("map-note") && !page.contains("Карта без подложки"));
    // One layer: no switch between layers.
    assert!(!page.contains("/tiles/historic/"));
}

/// The web (XYZ) tile of a point.
fn tile_of(lat: f64, lon: f64, z: u8) -> (u32, u32) {
    let n = f64::from(1u32 << z);
    let x = (lon + 180.0) / 360.0 * n;
    let y = (1.0 - lat.to_radians().tan().asinh() / std::f64::consts::PI) / 2.0 * n;
    (x as u32, y as u32)
}

/// The JSON block of `/map`'s map.
fn map_data(page: &str) -> serde_json::Value {
    let marker = "id=\"map-data\">";
    let start = page.find(marker).expect("the map's data block") + marker.len();
    let end = start + page[start..].find("</script>").expect("its end");
    serde_json::from_str(&page[start..end]).expect("JSON")
}

#[tokio::test]
async fn the_demo_base_maps_are_served_with_a_switch_between_them() {
    let app = spawn_app_with(|config, dir| {
        let maps = letopis_demo::basemap::write(&dir.join("map")).expect("demo maps");
        config.map.mbtiles = Some(maps.today);
        config.map.attribution = letopis_demo::basemap::TODAY_ATTRIBUTION.into();
        config.map.historic = Some(letopis_web::tiles::HistoricLayer {
            mbtiles: maps.historic,
            label: "1941".into(),
            attribution: letopis_demo::basemap::HISTORIC_ATTRIBUTION.into(),
        });
    })
    .await;
    // The canal at the Khimki bridge, at the town's zoom.
    let (x, y) = tile_of(55.886, 37.461, 14);
    let mut seen = Vec::new();
    for path in [
        format!("/tiles/14/{x}/{y}.png"),
        format!("/tiles/historic/14/{x}/{y}.png"),
    ] {
        let tile = app.get(&path).await;
        assert_eq!(tile.status(), 200, "{path}");
        assert_eq!(tile.headers()["content-type"], "image/png");
        assert_eq!(tile.headers()["cache-control"], "public, max-age=86400");
        let bytes = tile.bytes().await.expect("body");
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{path}");
        seen.push(bytes);
    }
    assert_ne!(
        seen[0], seen[1],
        "today's map and 1941's are different drawings"
    );
    // Outside the files' coverage, past the zoom range, the wrong suffix: none.
    let (fx, fy) = tile_of(59.93, 30.31, 14);
    for path in [
        format!("/tiles/14/{fx}/{fy}.png"),
        format!("/tiles/historic/14/{fx}/{fy}.png"),
        format!("/tiles/18/{x}/{y}.png"),
        format!("/tiles/14/{x}/{y}.pbf"),
        format!("/tiles/historic/14/{x}/{y}.pbf"),
    ] {
        assert_eq!(app.get(&path).await.status(), 404, "{path}");
    }
    app.create(place(
        "Сходня",
        "Сходня",
        PlaceType::Settlement,
        Some(SKHODNYA),
    ));
    let (_, page) = app.text("/map").await;
    let data = map_data(&page);
    let layers = data["layers"].as_array().expect("layers");
    assert_eq!(layers.len(), 2, "{data}");
    assert_eq!(layers[0]["url"], "/tiles/{z}/{x}/{y}.png");
    assert_eq!(layers[0]["label"], "Сегодня");
    assert_eq!(layers[0]["maxNativeZoom"], 15);
    assert_eq!(layers[1]["url"], "/tiles/historic/{z}/{x}/{y}.png");
    assert_eq!(layers[1]["label"], "1941");
    assert!(
        layers[1]["attribution"]
            .as_str()
            .expect("text")
            .contains("реконструкция")
    );
    assert!(!page.contains("Карта без подложки"));
}

/// A vector MBTiles file with one gzip-compressed tile at 14/x/y (web numbering).
fn write_vector_mbtiles(path: &std::path::Path, x: u32, y: u32, tile: &[u8]) {
    let db = rusqlite::Connection::open(path).expect("create MBTiles");
    db.execute_batch(
        "CREATE TABLE metadata (name TEXT, value TEXT);
         INSERT INTO metadata VALUES ('name', 'Химки'), ('format', 'pbf'),
                                     ('minzoom', '0'), ('maxzoom', '14');
         CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER,
                             tile_data BLOB);",
    )
    .expect("schema");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, tile).expect("gzip");
    let gzipped = gz.finish().expect("gzip");
    db.execute(
        "INSERT INTO tiles VALUES (14, ?1, ?2, ?3)",
        rusqlite::params![x, (1u32 << 14) - 1 - y, gzipped],
    )
    .expect("tile");
}

#[tokio::test]
async fn vector_tiles_go_out_as_stored_gzip() {
    // A protobuf message in bytes: its content does not matter to the portal, only its transport.
    let tile: &[u8] = b"\x1a\x0c\x0a\x05water\x78\x02";
    let (x, y) = tile_of(55.886, 37.461, 14);
    let app = spawn_app_with(move |config, dir| {
        let path = dir.join("khimki-vector.mbtiles");
        write_vector_mbtiles(&path, x, y, tile);
        config.map.mbtiles = Some(path);
    })
    .await;
    let response = reqwest::Client::builder()
        .no_gzip()
        .build()
        .expect("client")
        .get(format!("{}/tiles/14/{x}/{y}.pbf", app.base))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .expect("response");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-encoding"], "gzip");
    assert_eq!(
        response.headers()["content-type"],
        "application/vnd.mapbox-vector-tile"
    );
    let body = response.bytes().await.expect("body");
    let mut unpacked = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&body[..]), &mut unpacked)
        .expect("gzip");
    assert_eq!(unpacked, tile);
    // A tile it lacks is 404, and so is a picture of a tile that is not a vector tile.
    assert_eq!(
        app.get(&format!("/tiles/14/{}/{y}.pbf", x + 1))
            .await
            .status(),
        404
    );
    assert_eq!(
        app.get(&format!("/tiles/14/{}/{y}.png", x + 1))
            .await
            .status(),
        404
    );
}

/// The vector file tilemaker made of the synthetic OpenStreetMap extract in
/// `tools/map-recipes.sh` (the OpenMapTiles schema, zooms 0–14).
const VECTOR_FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/khimki-vector.mbtiles"
);

/// How many pixels of a PNG tile have each colour.
fn colours(png: &[u8]) -> std::collections::HashMap<[u8; 3], usize> {
    let picture = image::load_from_memory(png).expect("a PNG").to_rgb8();
    assert_eq!(picture.dimensions(), (256, 256));
    let mut counts = std::collections::HashMap::new();
    for p in picture.pixels() {
        *counts.entry(p.0).or_default() += 1;
    }
    counts
}

#[tokio::test]
async fn a_vector_base_map_is_drawn_into_pictures_at_every_zoom() {
    let app = spawn_app_with(|config, dir| {
        let path = dir.join("khimki-vector.mbtiles");
        std::fs::copy(VECTOR_FIXTURE, &path).expect("copy the fixture");
        config.map.mbtiles = Some(path.clone());
        config.map.historic = Some(letopis_web::tiles::HistoricLayer {
            mbtiles: path,
            label: "1941".into(),
            attribution: "реконструкция".into(),
        });
    })
    .await;
    let today = letopis_cartography::palette::TODAY;
    let sepia = letopis_cartography::palette::Y1941;
    // The Klyazma reservoir at zoom 13, within the file, and the same place at 16
    // and 18, beyond its last zoom: drawn, not enlarged.
    let mut drawn = Vec::new();
    for z in [13u8, 16, 18] {
        let (x, y) = tile_of(56.01, 37.555, z);
        let tile = app.get(&format!("/tiles/{z}/{x}/{y}.png")).await;
        assert_eq!(tile.status(), 200, "z{z}");
        assert_eq!(tile.headers()["content-type"], "image/png");
        assert_eq!(tile.headers()["cache-control"], "public, max-age=86400");
        let counts = colours(&tile.bytes().await.expect("body"));
        assert!(
            counts.get(&today.water).copied().unwrap_or(0) > 256 * 256 / 20,
            "z{z}: water is drawn in the map's blue: {:?}",
            counts.iter().max_by_key(|(_, n)| **n)
        );
        drawn.push(counts);
        // The historic layer draws the same file in 1941's sepia.
        let old = app.get(&format!("/tiles/historic/{z}/{x}/{y}.png")).await;
        assert_eq!(old.status(), 200);
        let old = colours(&old.bytes().await.expect("body"));
        assert!(old.contains_key(&sepia.water) && !old.contains_key(&today.water));
    }
    assert_ne!(
        drawn[0], drawn[1],
        "zoom 16 is drawn, not the zoom-13 picture again"
    );
    // Asked again, the same picture (kept, not drawn twice differently).
    let (x, y) = tile_of(56.01, 37.555, 13);
    let first = app
        .get(&format!("/tiles/13/{x}/{y}.png"))
        .await
        .bytes()
        .await
        .expect("body");
    let again = app
        .get(&format!("/tiles/13/{x}/{y}.png"))
        .await
        .bytes()
        .await
        .expect("body");
    assert_eq!(first, again);
    // Outside the file, beyond zoom 18, and coordinates outside the zoom level: none.
    let (fx, fy) = tile_of(59.93, 30.31, 13);
    let (x19, y19) = tile_of(56.01, 37.555, 19);
    for path in [
        format!("/tiles/13/{fx}/{fy}.png"),
        format!("/tiles/19/{x19}/{y19}.png"),
        "/tiles/13/9000/1.png".to_string(),
        "/tiles/13/1/9000.png".to_string(),
    ] {
        assert_eq!(app.get(&path).await.status(), 404, "{path}");
    }
    // The page offers both layers, the vector one drawn at every zoom (no enlarging).
    let (_, page) = app.text("/map").await;
    let data = map_data(&page);
    let layers = data["layers"].as_array().expect("layers");
    assert_eq!(layers.len(), 2, "{data}");
    assert_eq!(layers[0]["url"], "/tiles/{z}/{x}/{y}.png");
    assert!(layers[0].get("maxNativeZoom").is_none(), "{data}");
    assert!(!page.contains("Карта без подложки"));
}

#[tokio::test]
async fn a_file_that_is_not_mbtiles_gives_no_layer() {
    let app = spawn_app_with(|config, dir| {
        let path = dir.join("not.mbtiles");
        std::fs::write(&path, "это не база SQLite").expect("write");
        config.map.mbtiles = Some(path.clone());
        config.map.historic = Some(letopis_web::tiles::HistoricLayer {
            mbtiles: path,
            label: "1941".into(),
            attribution: String::new(),
        });
    })
    .await;
    assert_eq!(app.get("/tiles/1/0/1.png").await.status(), 404);
    assert_eq!(app.get("/tiles/historic/1/0/1.png").await.status(), 404);
    let (status, page) = app.text("/map").await;
    assert_eq!(status, 200);
    assert!(page.contains("\"layers\":[]"));
}

#[tokio::test]
async fn without_mbtiles_there_are_no_tiles() {
    let app = spawn_app().await;
    assert_eq!(app.get("/tiles/1/0/1.png").await.status(), 404);
}

#[tokio::test]
async fn a_configured_tile_host_is_allowed_for_images_only() {
    let app = spawn_app_with(|config, _| {
        config.map.tiles = Some("https://{s}.tiles.example.org/{z}/{x}/{y}.png".into());
        config.map.attribution = "© Картографы".into();
    })
    .await;
    app.create(place(
        "Сходня",
        "Сходня",
        PlaceType::Settlement,
        Some(SKHODNYA),
    ));
    let map = app.get("/map").await;
    let csp = map.headers()["content-security-policy"]
        .to_str()
        .expect("ascii")
        .to_string();
    assert!(
        csp.contains("img-src 'self' https://*.tiles.example.org;"),
        "{csp}"
    );
    assert!(csp.contains("script-src 'self';"), "{csp}");
    let page = map.text().await.expect("page");
    assert!(page.contains("https://{s}.tiles.example.org/{z}/{x}/{y}.png"));
    assert!(page.contains("© Картографы"));
}

/// Every `http(s)://` in `text`, as the rest of its line.
fn urls(text: &str) -> Vec<String> {
    text.match_indices("http")
        .map(|(i, _)| &text[i..])
        .filter(|rest| rest.starts_with("http://") || rest.starts_with("https://"))
        .map(|rest| rest.lines().next().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
async fn with_no_tiles_configured_the_map_names_no_other_host() {
    let app = spawn_app().await;
    let (hospital, _, _) = seed(&app);
    for path in ["/map", hospital.page().as_str()] {
        let (status, page) = app.text(path).await;
        assert_eq!(status, 200);
        // The portal's own address (canonical links, link cards) and schema.org's vocabulary
        // name in the JSON-LD are not requests to another host, nor are «Поделиться»'s plain
        // links to the networks' share pages (issue #18), followed only by a visitor's click.
        let shares = [
            "https://vk.com/share.php?",
            "https://t.me/share/url?",
            "https://connect.ok.ru/offer?",
        ];
        let foreign: Vec<String> = urls(&page)
            .into_iter()
            .filter(|u| !u.starts_with(&app.base) && !u.starts_with("https://schema.org"))
            .filter(|u| !shares.iter().any(|s| u.starts_with(s)))
            .collect();
        assert_eq!(foreign, Vec::<String>::new(), "{path}");
        assert!(page.contains("Карта без подложки"), "{path}");
        // Visitors are not shown the administrator's instructions.
        assert!(!page.contains("letopis.toml"), "{path}");
        assert!(page.contains("\"layers\":[]"), "{path}");
        let script = page
            .split("src=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .find(|s| s.ends_with("/js/map.js"))
            .expect("map.js is linked")
            .to_string();
        let js = app.get(&script).await.text().await.expect("script");
        assert!(js.contains("L.map("), "the script is the map");
        assert_eq!(urls(&js), Vec::<String>::new());
    }
}

#[tokio::test]
async fn only_studio_users_are_told_how_to_add_a_base_map() {
    use crate::studio::{add_user, sign_in};
    let app = spawn_app().await;
    app.create(place(
        "Сходня",
        "Сходня",
        PlaceType::Settlement,
        Some(SKHODNYA),
    ));
    add_user(
        &app,
        "admin@example.ru",
        "Админ",
        &[letopis_core::account::Role::Admin],
    );
    let (_, visitor) = app.text("/map").await;
    assert!(visitor.contains("Карта без подложки"));
    assert!(!visitor.contains("letopis.toml"));
    let admin = sign_in(&app, "admin@example.ru").await;
    let (status, page) = admin.get(&app, "/map").await;
    assert_eq!(status, 200);
    assert!(page.contains("Карта без подложки"));
    assert!(page.contains("[map]") && page.contains("letopis.toml") && page.contains("README"));
}

#[tokio::test]
async fn a_timeline_month_lists_its_events_and_not_hidden_ones() {
    let app = spawn_app().await;
    app.create(event("Налёт на станцию", "1941-11-07"));
    app.create(event("Эвакуация завода", "1941-11~"));
    app.create(event("Митинг", "1941-12-06"));
    app.create(hidden(event("Тайное совещание", "1941-11-08")));
    let (status, page) = app.text("/timeline?year=1941&month=11").await;
    assert_eq!(status, 200);
    assert!(page.contains("<h1>Ноябрь 1941</h1>"));
    let day = page.find("7 ноября").expect("a heading for the day");
    assert!(page[day..].contains("Налёт на станцию"));
    assert!(page.contains("Эвакуация завода"));
    assert!(
        page.contains("около ноября 1941 г."),
        "approximate dates keep their wording"
    );
    assert!(!page.contains("Митинг"), "December is on the next page");
    assert!(!page.contains("Тайное совещание"));
    assert!(page.contains("href=\"/timeline?year=1941&#38;month=12\""));
    assert!(page.contains("href=\"/timeline?year=1941&#38;month=10\""));
    let (_, overview) = app.text("/timeline").await;
    assert!(overview.contains("href=\"/timeline?year=1941&#38;month=11\""));
    assert!(!overview.contains("Тайное совещание"));
    let (status, _) = app.text("/timeline?year=1950").await;
    assert_eq!(status, 400);
    let (status, _) = app.text("/timeline?year=1941&month=13").await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn the_timeline_shows_deaths_only_when_asked() {
    let app = spawn_app().await;
    let mut hero = fallen("Смирнов", "Алексей");
    hero.death = Some(Edtf::parse("1942-02-14").expect("date"));
    let hero = app.create(Draft::published(Body::Person(hero)));
    app.public_interest(&hero);
    let (_, default) = app.text("/timeline?year=1942&month=2").await;
    assert!(!default.contains("Смирнов"));
    let (_, deaths) = app.text("/timeline?year=1942&month=2&kind=person").await;
    assert!(deaths.contains(&format!("href=\"{}\"", hero.page())));
    assert!(deaths.contains("14 февраля"));
}

async fn home_on(day: jiff::civil::Date) -> TestApp {
    spawn_app_with(move |config, _| config.this_day = Some(day)).await
}

#[tokio::test]
async fn the_home_page_shows_this_day_in_the_war_years() {
    let app = home_on(jiff::civil::date(2025, 11, 7)).await;
    app.create(event("Парад на Красной площади", "1941-11-07"));
    app.create(event("Освобождение Киева", "1943-11-06"));
    app.create(hidden(event("Тайное совещание", "1942-11-07")));
    let (status, page) = app.text("/").await;
    assert_eq!(status, 200);
    let this_day = page
        .find("Этот день в 1941–1945: 7 ноября")
        .expect("the section");
    let section = &page[this_day..page[this_day..].find("</section>").expect("end") + this_day];
    assert!(section.contains("Парад на Красной площади"));
    assert!(!section.contains("Освобождение Киева"), "another day");
    assert!(!section.contains("Тайное совещание"));
}

#[tokio::test]
async fn with_nothing_on_the_day_the_home_page_shows_the_nearest_dates() {
    let app = home_on(jiff::civil::date(2025, 1, 1)).await;
    app.create(event("Новогодний концерт в госпитале", "1942-12-31"));
    app.create(event("Летний праздник", "1943-07-01"));
    let (_, page) = app.text("/").await;
    let nearest = page
        .find("Ближайшие к 1 января даты")
        .expect("the nearest dates instead");
    let section = &page[nearest..];
    assert!(
        section.contains("Новогодний концерт в госпитале"),
        "across the new year"
    );
    assert!(page.contains("С чего начать"));
    assert!(page.contains("href=\"/map\""));
    assert!(page.contains("href=\"/timeline\""));
    assert!(
        page.contains("2 события"),
        "Russian plural for the timeline's count"
    );
}

#[tokio::test]
async fn place_and_person_pages_have_a_small_map_of_visible_places() {
    let app = spawn_app().await;
    let (hospital, _, _) = seed(&app);
    let (_, page) = app.text(&hospital.page()).await;
    assert!(page.contains("class=\"small-map\""));
    assert!(page.contains("data-map=\"small-map-data\""));
    assert!(page.contains("<script type=\"application/json\" id=\"small-map-data\">"));
    assert!(page.contains("\"lat\":55.951"));
    assert!(page.contains("leaflet.css"));

    let village = app.create(place(
        "Родная деревня",
        "",
        PlaceType::Settlement,
        Some((56.0, 37.2)),
    ));
    let secret = app.create(hidden(place(
        "Секретный объект",
        "",
        PlaceType::Other,
        Some((56.1, 37.1)),
    )));
    let hero = app.create(Draft::published(Body::Person(fallen("Смирнов", "Алексей"))));
    app.public_interest(&hero);
    app.relate(&hero, RelationType::BornIn, &village);
    app.relate(&hero, RelationType::BuriedAt, &secret);
    let (_, person) = app.text(&hero.page()).await;
    assert!(person.contains("data-map=\"small-map-data\""));
    assert!(person.contains("Родная деревня"));
    assert!(person.contains("\"lat\":56.0"));
    assert!(!person.contains("Секретный объект"));
    assert!(!person.contains("56.1"));

    // A record tied to no place with coordinates has no map and loads no map code.
    let lonely = app.create(Draft::published(Body::Person(fallen("Петров", "Иван"))));
    app.public_interest(&lonely);
    let (_, page) = app.text(&lonely.page()).await;
    assert!(!page.contains("small-map") && !page.contains("leaflet"));
}
