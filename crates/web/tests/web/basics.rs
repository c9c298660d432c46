//! Errors, paging, health, headers and Range requests.

use crate::support::{spawn_app, spawn_app_on_blobs};
use letopis_core::Body;
use letopis_core::entities::{Cue, Interview, Item, ItemType, MediaRef, Place, Recording};
use letopis_store::Draft;
use std::sync::Arc;

const SHA: &str = "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789";

#[tokio::test]
async fn unknown_addresses_get_a_russian_404() {
    let app = spawn_app().await;
    for path in [
        "/persons/net-takogo",
        "/persons/999999",
        "/nowhere",
        "/nowhere/at/all",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert!(
            response.headers()["content-type"]
                .to_str()
                .is_ok_and(|ct| ct.starts_with("text/html")),
            "{path}"
        );
        let page = response.text().await.expect("body");
        assert!(page.contains("Страница не найдена"), "{path}");
        assert!(
            page.contains("href=\"/persons\""),
            "{path}: links to the sections"
        );
        assert!(page.contains("<html lang=\"ru\">"));
    }
    let (status, json) = app.json("/api/v1/nonsense").await;
    assert_eq!(status, 404);
    assert_eq!(json["error"]["code"], "not_found");
    assert!(
        json["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("нет"))
    );
    let (status, json) = app.json("/api/v1/persons/abc").await;
    assert_eq!(status, 400);
    assert_eq!(json["error"]["code"], "bad_request");
}

#[tokio::test]
async fn bad_page_numbers_are_explained() {
    let app = spawn_app().await;
    let (status, page) = app.text("/places?page=abc").await;
    assert_eq!(status, 400);
    assert!(page.contains("Номер страницы должен быть"), "{page}");
    for path in [
        "/api/v1/places?page=abc",
        "/api/v1/places?per_page=101",
        "/api/v1/places?per_page=0",
        "/api/v1/places?sort=random",
    ] {
        let (status, json) = app.json(path).await;
        assert_eq!(status, 400, "{path}");
        assert_eq!(json["error"]["code"], "bad_request", "{path}");
    }
    let (status, json) = app.json("/api/v1/places?per_page=100&page=1").await;
    assert_eq!(status, 200);
    assert_eq!(json["per_page"], 100);
    assert_eq!(json["page"], 1);
}

#[tokio::test]
async fn pages_of_fifty_and_a_way_back_from_past_the_end() {
    let app = spawn_app().await;
    for n in 0..51 {
        app.create(Draft::published(Body::Place(Place {
            name: format!("Улица {n:02}"),
            ..Place::default()
        })));
    }
    let (_, first) = app.text("/places").await;
    assert_eq!(first.matches("<li><a href=\"/places/").count(), 50);
    assert!(first.contains("51 место"));
    assert!(first.contains("href=\"/places?page=2\""));
    let (status, second) = app.text("/places?page=2").await;
    assert_eq!(status, 200);
    assert_eq!(second.matches("<li><a href=\"/places/").count(), 1);
    let (status, beyond) = app.text("/places?page=9").await;
    assert_eq!(status, 200);
    assert!(beyond.contains("Вернуться к первой странице"));
    assert_eq!(beyond.matches("<li><a href=\"/places/").count(), 0);
    let (_, json) = app.json("/api/v1/places?per_page=20&page=3").await;
    assert_eq!(json["items"].as_array().map(Vec::len), Some(11));
    assert_eq!(json["total"], 51);
}

#[tokio::test]
async fn health_and_headers() {
    let app = spawn_app().await;
    app.create(Draft::published(Body::Place(Place {
        name: "Химки".into(),
        ..Place::default()
    })));
    let (status, json) = app.json("/healthz").await;
    assert_eq!(status, 200);
    // A load balancer needs nothing more; the details are an administrator's (`monitoring`).
    assert_eq!(json, serde_json::json!({ "status": "ok" }));
    let response = app.get("/").await;
    let headers = response.headers();
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(
        headers["content-security-policy"]
            .to_str()
            .is_ok_and(|csp| csp.contains("default-src 'self'"))
    );
    assert!(headers.contains_key("referrer-policy"));
    // An unversioned address leads to the fingerprinted one.
    let moved = app.get("/static/site.css").await;
    assert_eq!(moved.status(), 302);
    let location = moved.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_string();
    let css = app.get(&location).await;
    assert_eq!(css.status(), 200);
    assert!(
        css.headers()["content-type"]
            .to_str()
            .is_ok_and(|t| t.starts_with("text/css"))
    );
    let head = app
        .client
        .head(app.url("/places"))
        .send()
        .await
        .expect("HEAD");
    assert_eq!(head.status(), 200);
}

#[tokio::test]
async fn media_supports_range_requests() {
    let app = spawn_app().await;
    let bytes: Vec<u8> = (0u8..=255).collect();
    app.put_media(SHA, &bytes);
    app.create(Draft::published(Body::Item(Item {
        item_type: ItemType::Audio,
        title: "Песня".into(),
        media: vec![media(SHA, "audio/mpeg")],
        ..Item::default()
    })));
    let partial = app
        .client
        .get(app.url(&format!("/media/{SHA}")))
        .header("range", "bytes=10-19")
        .send()
        .await
        .expect("range request");
    assert_eq!(partial.status(), 206);
    assert_eq!(partial.headers()["content-type"], "audio/mpeg");
    assert_eq!(partial.headers()["content-range"], "bytes 10-19/256");
    assert_eq!(
        partial.bytes().await.expect("bytes").as_ref(),
        &bytes[10..20]
    );
    for bad in [
        "/media/xyz",
        "/media/ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789",
    ] {
        assert_eq!(app.get(bad).await.status(), 404, "{bad}");
    }
}

/// Originals in an object store (here `object_store`'s in-memory one, the same adapter S3 uses):
/// served in ranges, never more than a bounded part per response, and only for visible records.
#[tokio::test]
async fn media_from_an_object_store_answers_ranges() {
    use letopis_media::object_store::memory::InMemory;
    use letopis_media::{Blobs, ObjectBlobs};
    let staging = tempfile::tempdir().expect("staging");
    let blobs: Arc<dyn Blobs> = Arc::new(
        ObjectBlobs::new(
            Arc::new(InMemory::new()),
            Default::default(),
            staging.path(),
        )
        .expect("object blobs"),
    );
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01".to_vec();
    png.extend((0..5000u32).map(|i| (i % 256) as u8));
    let stored = blobs.put_bytes(&png, Some("photo.png")).expect("stored");
    let app = spawn_app_on_blobs(blobs.clone()).await;
    let url = app.url(&format!("/media/{}", stored.sha256));
    assert_eq!(
        app.client.get(&url).send().await.expect("get").status(),
        404,
        "no record shows it yet"
    );
    app.create(Draft::published(Body::Item(Item {
        item_type: ItemType::Photo,
        title: "Снимок".into(),
        media: vec![media(&stored.sha256, "image/png")],
        ..Item::default()
    })));
    let whole = app.client.get(&url).send().await.expect("get");
    assert_eq!(whole.status(), 200);
    assert_eq!(whole.headers()["content-type"], "image/png");
    assert_eq!(whole.bytes().await.expect("bytes").as_ref(), &png[..]);
    let part = app
        .client
        .get(&url)
        .header("range", "bytes=100-199")
        .send()
        .await
        .expect("range");
    assert_eq!(part.status(), 206);
    assert_eq!(
        part.headers()["content-range"],
        format!("bytes 100-199/{}", png.len()).as_str()
    );
    assert_eq!(part.bytes().await.expect("bytes").as_ref(), &png[100..200]);
    let beyond = app
        .client
        .get(&url)
        .header("range", "bytes=999999-")
        .send()
        .await
        .expect("range");
    assert_eq!(beyond.status(), 416);

    // A file longer than a part (a scanned document, a download) comes whole when no range is
    // asked for: 200, its length, every byte.
    let mut long = png.clone();
    long.extend((0..9 * 1024 * 1024u32).map(|i| (i % 253) as u8));
    let stored = blobs.put_bytes(&long, Some("scan.png")).expect("stored");
    app.create(Draft::published(Body::Item(Item {
        item_type: ItemType::Photo,
        title: "Большой скан".into(),
        media: vec![media(&stored.sha256, "image/png")],
        ..Item::default()
    })));
    let url = app.url(&format!("/media/{}", stored.sha256));
    let whole = app.client.get(&url).send().await.expect("get");
    assert_eq!(whole.status(), 200);
    assert_eq!(
        whole.headers()["content-length"],
        long.len().to_string().as_str()
    );
    assert!(
        whole.bytes().await.expect("bytes").as_ref() == &long[..],
        "the whole file, in order"
    );
    let tail = app
        .client
        .get(&url)
        .header("range", "bytes=9437000-")
        .send()
        .await
        .expect("range");
    assert_eq!(tail.status(), 206);
    assert_eq!(
        tail.bytes().await.expect("bytes").as_ref(),
        &long[9_437_000..]
    );
}

#[tokio::test]
async fn an_interview_page_plays_its_recording_with_captions() {
    let app = spawn_app().await;
    let audio = "a".repeat(64);
    let vtt = "b".repeat(64);
    let interview = Interview {
        title: "Воспоминания о 1941 годе".into(),
        narrator_deceased: true,
        recordings: vec![Recording {
            media: media(&audio, "audio/mpeg"),
            duration_ms: 125_000,
            label: String::new(),
            withheld: false,
        }],
        transcript_file: Some(media(&vtt, "text/vtt")),
        transcript: vec![Cue {
            start_ms: 65_000,
            end_ms: 70_000,
            speaker: Some("Рассказчица".into()),
            text: "Мы копали окопы у станции.".into(),
        }],
        ..Interview::default()
    };
    let seeded = app.create(Draft::published(Body::Interview(interview)));
    app.public_interest(&seeded);
    app.put_media(&vtt, b"WEBVTT\n");
    let (status, page) = app.text(&seeded.page()).await;
    assert_eq!(status, 200);
    assert!(page.contains("<audio controls"), "{page}");
    assert!(page.contains(&format!(
        "<source src=\"/media/{audio}\" type=\"audio/mpeg\">"
    )));
    let track = format!(
        "<track kind=\"captions\" srclang=\"ru\" label=\"Русский\" src=\"/interviews/{}/captions/1.vtt\"",
        seeded.slug
    );
    assert!(page.contains(&track), "{page}");
    assert!(page.contains("1:05") && page.contains("Мы копали окопы у станции."));
    // The uploaded captions file stays downloadable as it was.
    let captions = app.get(&format!("/media/{vtt}")).await;
    assert_eq!(captions.status(), 200);
    assert_eq!(captions.headers()["content-type"], "text/vtt");
}

fn media(sha: &str, mime: &str) -> MediaRef {
    MediaRef {
        sha256: sha.into(),
        mime: mime.into(),
        caption: None,
        alt: None,
        width: None,
        height: None,
    }
}
