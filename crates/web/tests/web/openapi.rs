//! The OpenAPI 3.1 description of the JSON API (issue #19), kept true three ways: it names
//! exactly the routes the router serves; every answer of the demo museum — each record of each
//! kind, lists, search, suggestions, errors — validates against the schema it promises; and
//! schemathesis, fuzzing the running server from the description, finds nothing.

use crate::support::{TestApp, spawn_searchable_app};
use letopis_core::Kind;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::process::Command;
use std::time::{Duration, Instant};

/// The demo museum with a search index that has caught up with it.
async fn demo() -> TestApp {
    let app = spawn_searchable_app(|_| {}).await;
    crate::support::fill_with_demo(&app);
    // The follower indexes in the order of the change feed: once the newest record is found,
    // so is everything before it.
    let (_, newest) = app.json("/api/v1/collections?sort=new&per_page=1").await;
    let title = newest["items"][0]["title"].as_str().expect("a collection");
    let query = format!("/api/v1/search?q={}&kind=collection", encode(title));
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let (_, found) = app.json(&query).await;
        if found["total"].as_u64().unwrap_or(0) > 0 {
            return app;
        }
        assert!(Instant::now() < deadline, "the index never caught up");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

async fn description(app: &TestApp) -> Value {
    let response = app.get("/api/v1/openapi.json").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    response.json().await.expect("the description is JSON")
}

/// The schema `doc` promises for `status` of `GET path`, as a validator over the whole
/// description (so that its `$ref`s resolve).
fn validator(doc: &Value, path: &str, status: u16) -> jsonschema::Validator {
    let escaped = path.replace('~', "~0").replace('/', "~1");
    let answer = format!("/paths/{escaped}/get/responses/{status}");
    // An answer shared by several operations is a reference to `components/responses`.
    let answer = match doc.pointer(&answer).and_then(|a| a["$ref"].as_str()) {
        Some(shared) => shared.trim_start_matches('#').to_string(),
        None => answer,
    };
    let schema = format!("{answer}/content/application~1json/schema");
    assert!(
        doc.pointer(&schema).is_some_and(Value::is_object),
        "{path} promises no JSON for {status}"
    );
    let mut root = doc.clone();
    root["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    // A pointer in a URI fragment: the braces of `{id}` are percent-encoded there.
    let fragment = schema.replace('{', "%7B").replace('}', "%7D");
    root["$ref"] = json!(format!("#{fragment}"));
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&root)
        .expect("the description's schemas compile")
}

/// Fetches `url`, expects `status`, and checks the body against what `path` promises for it.
async fn check(app: &TestApp, doc: &Value, path: &str, url: &str, status: u16) -> Value {
    let response = app.get(url).await;
    assert_eq!(response.status().as_u16(), status, "{url}");
    let content_type = response.headers()["content-type"].to_str().unwrap_or("");
    assert!(
        content_type.starts_with("application/json"),
        "{url}: {content_type}"
    );
    let body: Value = response.json().await.expect("JSON");
    let validator = validator(doc, path, status);
    let errors: Vec<String> = validator
        .iter_errors(&body)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .take(5)
        .collect();
    assert!(
        errors.is_empty(),
        "{url} does not match {path}: {errors:#?}"
    );
    body
}

#[tokio::test]
async fn the_description_names_exactly_the_routes_the_router_serves() {
    let app = crate::support::spawn_app().await;
    let doc = description(&app).await;
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["info"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(doc["servers"], json!([{ "url": "/" }]));
    let described: BTreeSet<String> = doc["paths"]
        .as_object()
        .expect("paths")
        .keys()
        .cloned()
        .collect();
    let mut served = BTreeSet::from(["/oembed".to_string()]);
    for path in letopis_web::api_paths() {
        if path.contains("{plural}") {
            served.extend(
                Kind::ALL
                    .iter()
                    .map(|k| path.replace("{plural}", k.plural())),
            );
        } else {
            served.insert(path.to_string());
        }
    }
    assert_eq!(described, served);
}

#[tokio::test]
async fn every_answer_of_the_demo_matches_the_description() {
    let app = demo().await;
    let doc = description(&app).await;
    let mut checked = 0;
    for kind in Kind::ALL {
        let plural = kind.plural();
        let list_path = format!("/api/v1/{plural}");
        let one_path = format!("/api/v1/{plural}/{{id}}");
        let mut page = 1;
        loop {
            let url = format!("{list_path}?per_page=100&page={page}");
            let list = check(&app, &doc, &list_path, &url, 200).await;
            for item in list["items"].as_array().expect("items") {
                let url = format!("{list_path}/{}", item["id"]);
                check(&app, &doc, &one_path, &url, 200).await;
                checked += 1;
            }
            if page >= list["last_page"].as_u64().expect("last page") {
                break;
            }
            page += 1;
        }
        check(
            &app,
            &doc,
            &list_path,
            &format!("{list_path}?page=0&sort=new"),
            200,
        )
        .await;
        check(
            &app,
            &doc,
            &list_path,
            &format!("{list_path}?colour=red"),
            400,
        )
        .await;
        check(&app, &doc, &one_path, &format!("{list_path}/x"), 400).await;
        check(&app, &doc, &one_path, &format!("{list_path}/999999"), 404).await;
    }
    assert!(
        checked > 500,
        "the demo museum has {checked} public records"
    );
    let persons = "/api/v1/persons";
    let filtered = format!("{persons}?fate=killed&period=1942&born=1920&sort=date&lang=en");
    let list = check(&app, &doc, persons, &filtered, 200).await;
    assert_eq!(list["filters"].as_array().map(Vec::len), Some(3));

    let search = "/api/v1/search";
    let mut hits = 0;
    for query in [
        "война",
        "Иванов",
        "Сходня 1941",
        "иванв",
        "kind=interview&q=война",
    ] {
        let url = if query.contains('=') {
            format!("{search}?{query}")
        } else {
            format!("{search}?q={}&per_page=100", encode(query))
        };
        let found = check(&app, &doc, search, &url, 200).await;
        hits += found["items"].as_array().map_or(0, Vec::len);
    }
    assert!(hits > 20, "the searches found {hits} records to check");
    check(&app, &doc, search, &format!("{search}?q=a&page=0"), 400).await;
    check(
        &app,
        &doc,
        "/api/v1/suggest",
        "/api/v1/suggest?q=%D0%B8%D0%B2",
        200,
    )
    .await;
    let (_, story) = app.json("/api/v1/stories?per_page=1").await;
    let address = app.url(story["items"][0]["url"].as_str().expect("a story"));
    let oembed = format!("/oembed?url={}", encode(&address));
    check(&app, &doc, "/oembed", &oembed, 200).await;
    check(
        &app,
        &doc,
        "/oembed",
        "/oembed?url=https%3A%2F%2Felsewhere.example%2F",
        404,
    )
    .await;
}

#[tokio::test]
async fn the_schemas_refuse_what_the_server_does_not_send() {
    let app = crate::support::spawn_app().await;
    let doc = description(&app).await;
    let validator = validator(&doc, "/api/v1/places/{id}", 200);
    let place = json!({
        "meta": {"id": 1, "kind": "place", "slug": "skhodnya", "title": "Сходня",
                 "url": "/places/skhodnya", "age_rating": "0+", "tags": [],
                 "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"},
        "body": {"kind": "place", "name": "Сходня", "place_type": "station"},
        "relations": []
    });
    assert!(validator.is_valid(&place));
    let mut leaked = place.clone();
    leaked["meta"]["workflow"] = json!("draft");
    assert!(
        !validator.is_valid(&leaked),
        "an editorial field is not public"
    );
    let mut person = place.clone();
    person["body"]["kind"] = json!("person");
    assert!(
        !validator.is_valid(&person),
        "a place's address answers with a place"
    );
}

/// schemathesis (installed by tools/install-test-tools.sh).
fn schemathesis() -> &'static str {
    let ok = Command::new("schemathesis")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "schemathesis is missing: run tools/install-test-tools.sh"
    );
    "schemathesis"
}

#[tokio::test]
async fn schemathesis_finds_nothing_wrong() {
    let program = schemathesis();
    let app = demo().await;
    let doc = description(&app).await;
    let operations = doc["paths"].as_object().map_or(0, |paths| paths.len());
    // From a file as served: loaded from its own address, schemathesis leaves that operation out.
    let report = tempfile::tempdir().expect("report directory");
    let served = report.path().join("openapi.json");
    std::fs::write(&served, doc.to_string()).expect("write the description");
    let settings = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/schemathesis.toml"
    );
    let mut command = Command::new(program);
    command
        .args(["--config-file", settings, "run"])
        .arg(&served)
        .args(["--url", &app.base])
        .args(["--checks", "all"])
        // Bounded: every operation's examples and coverage cases, then this many generated
        // cases each; the same seed gives the same run.
        .args(["--max-examples", "30", "--seed", "1941"])
        // The stateful phase chains operations through the description's links; a read-only
        // API has none to follow, so it would only add a warning.
        .args(["--phases", "examples,coverage,fuzzing"])
        .args(["--workers", "2", "--no-color"])
        .arg("--report-dir")
        .arg(report.path())
        // Its cache (`.schemathesis/`) goes with the reports, not into the source tree.
        .current_dir(report.path());
    // Off the test's runtime, which also serves schemathesis's requests.
    let out = tokio::task::spawn_blocking(move || command.output())
        .await
        .expect("join")
        .expect("run schemathesis");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "schemathesis found problems:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Every operation, not a run that quietly skipped what it could not read.
    assert!(
        stdout.contains(&format!("Tested: {operations}\n")),
        "not every operation was tested:\n{stdout}"
    );
}

#[tokio::test]
async fn the_developers_page_shows_the_way_to_each_standard() {
    let app = crate::support::spawn_app().await;
    let (status, page) = app.text("/developers").await;
    assert_eq!(status, 200);
    assert!(page.contains("<h1>Разработчикам</h1>"), "{page}");
    for address in [
        "href=\"/api/v1/openapi.json\"",
        "/api/v1/persons?fate=killed",
        "/oai?verb=ListRecords&amp;metadataPrefix=oai_dc&amp;set=kind:person",
        "collection:{id}",
        "/iiif/{section}/{id}/manifest",
        "/iiif/collections/{id}",
        "/iiif/image/{sha256}/info.json",
        "/oembed?url=",
    ] {
        assert!(page.contains(address), "{address} missing");
    }
    // The examples name this very site, so that they work when pasted.
    assert!(page.contains(&format!("curl '{}/api/v1/", app.base)));
    let (_, english) = app.text("/developers?lang=en").await;
    assert!(english.contains("<h1>For developers</h1>"));
    let (_, home) = app.text("/").await;
    assert!(
        home.contains("<a href=\"/developers\">"),
        "the footer links it"
    );
    let (_, pages) = app.text("/sitemaps/pages-1.xml").await;
    assert!(pages.contains(&app.url("/developers")), "{pages}");
}
