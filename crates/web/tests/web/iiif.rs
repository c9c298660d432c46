//! IIIF (issue #19) checked with the IIIF community's own tools: every manifest and collection
//! of the demo museum loads in `iiif-prezi3`, the reference Presentation 3 models, and the Image
//! API passes the reference validator (`iiif-validator`) at level 1, the level `info.json`
//! claims. Record pages link their manifests; a withdrawal closes the image service at once.

use crate::support::{TestApp, spawn_app};
use letopis_core::entities::{Item, ItemType, MediaRef};
use letopis_core::{Body, Kind, Viewer, Workflow};
use letopis_store::Draft;
use sha2::Digest;
use std::collections::BTreeMap;
use std::process::Command;

const CHECK: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/iiif_check.py");

/// The interpreter with iiif-prezi3 and iiif-validator (tools/install-test-tools.sh).
fn python() -> &'static str {
    for python in ["python3", "/usr/bin/python3"] {
        let ok = Command::new(python)
            .args(["-c", "import iiif_prezi3, iiif_validator"])
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            return python;
        }
    }
    panic!("no python3 with iiif-prezi3 and iiif-validator: run tools/install-test-tools.sh");
}

async fn check(args: Vec<String>) -> std::process::Output {
    let mut command = Command::new(python());
    command.arg(CHECK).args(args);
    // Off the test's runtime, which also serves the checker's requests.
    tokio::task::spawn_blocking(move || command.output())
        .await
        .expect("join")
        .expect("run the IIIF checker")
}

async fn demo() -> TestApp {
    crate::support::spawn_demo_app().await
}

/// The manifest a record's page links, if any.
fn manifest_link(html: &str) -> Option<String> {
    let at = html.find("presentation/3/context.json&quot;\" href=\"")?;
    let rest = &html[at..];
    let start = rest.find("href=\"")? + "href=\"".len();
    let end = rest[start..].find('"')?;
    Some(rest[start..start + end].to_string())
}

#[tokio::test]
async fn every_manifest_of_the_demo_loads_in_iiif_prezi3() {
    let app = demo().await;
    let today = letopis_core::today();
    let mut urls = Vec::new();
    let (mut interviews, mut pictures) = (0, 0);
    let mut id = 1;
    let mut misses = 0;
    while misses < 50 {
        let Some(record) = app
            .store
            .get(letopis_core::record::RecordId(id))
            .expect("get")
        else {
            misses += 1;
            id += 1;
            continue;
        };
        misses = 0;
        id += 1;
        if !record.audience.admits(&Viewer::anonymous(), today) {
            continue;
        }
        let meta = &record.record.meta;
        let (status, html) = app
            .text(&format!("/{}/{}", meta.kind.plural(), meta.slug))
            .await;
        assert_eq!(status, 200, "{}", meta.slug);
        let link = manifest_link(&html);
        let body = record.public.as_ref().unwrap_or(&record.record.body);
        let shows_pictures = !body.media().iter().all(|m| !m.mime.starts_with("image/"));
        match meta.kind {
            Kind::Interview if link.is_some() => interviews += 1,
            Kind::Item if shows_pictures => {
                assert!(
                    link.is_some(),
                    "the item {} shows pictures but links no manifest",
                    meta.slug
                );
                pictures += 1;
            }
            _ => {}
        }
        if meta.kind == Kind::Collection {
            urls.push(app.url(&format!("/iiif/collections/{}", record.record.id().0)));
        }
        urls.extend(link);
    }
    assert!(
        interviews >= 5 && pictures >= 20,
        "{interviews} interviews, {pictures} items with pictures"
    );
    let out = check(
        std::iter::once("manifests".to_string())
            .chain(urls.clone())
            .collect(),
    )
    .await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results: BTreeMap<String, Option<String>> =
        serde_json::from_slice(&out.stdout).expect("the checker's JSON");
    assert_eq!(results.len(), urls.len());
    let failed: Vec<_> = results.iter().filter(|(_, e)| e.is_some()).collect();
    assert!(
        failed.is_empty(),
        "manifests iiif-prezi3 refuses: {failed:#?}"
    );

    // An interview's manifest: a canvas of time with the transcript on it.
    let interview = urls
        .iter()
        .find(|u| u.contains("/iiif/interviews/"))
        .expect("an interview manifest");
    let manifest: serde_json::Value = app
        .client
        .get(interview)
        .send()
        .await
        .expect("manifest")
        .json()
        .await
        .expect("JSON");
    let canvas = &manifest["items"][0];
    assert!(
        canvas["duration"].as_f64().is_some_and(|d| d > 0.0),
        "{canvas}"
    );
    let notes = canvas["annotations"][0]["items"]
        .as_array()
        .expect("transcript annotations");
    assert!(notes.iter().any(|n| n["motivation"] == "supplementing"
        && n["target"].as_str().is_some_and(|t| t.contains("#t="))));
}

#[tokio::test]
async fn the_image_api_passes_the_iiif_validator_at_level_one() {
    let app = spawn_app().await;
    let image = tempfile::NamedTempFile::new().expect("temporary file");
    let out = check(vec![
        "test-image".into(),
        image.path().display().to_string(),
    ])
    .await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(image.path()).expect("test image");
    let sha = hex::encode(sha2::Sha256::digest(&bytes));
    app.put_media(&sha, &bytes);
    let item = app.create(Draft::published(Body::Item(Item {
        item_type: ItemType::Photo,
        title: "Тестовое изображение валидатора IIIF".into(),
        media: vec![MediaRef {
            sha256: sha.clone(),
            mime: "image/png".into(),
            caption: None,
            alt: Some("Цветные квадраты".into()),
            width: Some(1000),
            height: Some(1000),
        }],
        ..Item::default()
    })));

    let info = app.get(&format!("/iiif/image/{sha}/info.json")).await;
    assert_eq!(info.status(), 200);
    let info: serde_json::Value = info.json().await.expect("info.json");
    assert_eq!(info["profile"], "level1");
    assert_eq!(info["tiles"][0]["scaleFactors"], serde_json::json!([1, 2]));

    let server = app.base.trim_start_matches("http://").to_string();
    let out = check(vec![
        "validate-image".into(),
        server,
        sha.clone(),
        "1".into(),
    ])
    .await;
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the IIIF validator failed at level 1:\n{log}"
    );
    assert!(
        log.contains("Done (") && log.contains(", 0 failures)"),
        "{log}"
    );

    // The item's page zooms through the service and links the manifest.
    let (_, html) = app.text(&format!("/items/{}", item.slug)).await;
    assert!(
        html.contains(&format!("/iiif/image/{sha}/info.json")),
        "the deep zoom does not read IIIF"
    );
    assert_eq!(
        manifest_link(&html),
        Some(app.url(&format!("/iiif/items/{}/manifest", item.id.0)))
    );

    // Withdrawn: no tile, no manifest, at once.
    app.store_step(&item, Workflow::Withdrawn);
    for path in [
        format!("/iiif/image/{sha}/info.json"),
        format!("/iiif/image/{sha}/0,0,100,100/max/0/default.jpg"),
        format!("/iiif/items/{}/manifest", item.id.0),
    ] {
        assert_eq!(app.get(&path).await.status(), 404, "{path}");
    }
}
