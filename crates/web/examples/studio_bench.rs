//! Studio benchmarks (bench/RESULTS.md):
//! 1. image derivatives: decoding a 12-megapixel JPEG, making the web size and the thumbnail;
//! 2. upload of a 1 GiB file over HTTP in 8 MiB chunks to the real server (loopback), including
//!    the content check and the copy into the blob store.
//!
//! `cargo run --release -p letopis-web --example studio_bench [SIZE_MIB]`

use letopis_core::account::{Email, Role};
use letopis_store::Accounts;
use letopis_store::accounts::NewUser;
use letopis_store::sqlite::SqliteStore;
use letopis_web::studio::{auth, upload};
use letopis_web::{App, AppConfig, serve};
use std::sync::Arc;
use std::time::Instant;

fn photo() -> Vec<u8> {
    let img = image::RgbImage::from_fn(4000, 3000, |x, y| {
        image::Rgb([(x / 16) as u8, (y / 12) as u8, ((x ^ y) & 0xff) as u8])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .expect("jpeg");
    out
}

#[tokio::main]
async fn main() {
    let mib: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1024);
    let jpeg = photo();
    let runs = 5;
    let start = Instant::now();
    for _ in 0..runs {
        letopis_media::derive_image(&jpeg).expect("derived");
    }
    let per = start.elapsed().as_secs_f64() / runs as f64;
    println!(
        "derivatives of a 4000x3000 JPEG ({} KiB): {:.0} ms each, {:.2} images/s",
        jpeg.len() / 1024,
        per * 1000.0,
        1.0 / per
    );

    let dir = tempfile::tempdir().expect("dir");
    let store = Arc::new(SqliteStore::open(dir.path().join("letopis.db")).expect("store"));
    let id = store
        .create_user(
            &NewUser {
                email: Email::parse("bench@example.ru").expect("email"),
                display_name: "bench".into(),
                roles: vec![Role::Volunteer],
            },
            None,
        )
        .expect("user");
    let token = auth::random_token().expect("token");
    let csrf = auth::random_token().expect("csrf");
    let now = jiff::Timestamp::now().as_second();
    store
        .create_session(&auth::token_hash(&token), id, &csrf, now, now + 3600)
        .expect("session");
    let app = App::new(store.clone(), AppConfig::new(dir.path().join("media")))
        .with_accounts(store.clone())
        .with_uploads(store);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(serve(listener, app, std::future::pending()));
    let client = reqwest::Client::new();
    let cookie = format!("letopis_session={token}");
    let size = mib * 1024 * 1024;
    // An MP4 by content: an `ftyp` box, then one `mdat` box with the rest.
    let mut head = vec![0, 0, 0, 16];
    head.extend_from_slice(b"ftypisom\0\0\0\0");
    head.extend_from_slice(&((size - 16) as u32).to_be_bytes());
    head.extend_from_slice(b"mdat");
    let created: serde_json::Value = client
        .post(format!("{base}/studio/uploads"))
        .header("cookie", &cookie)
        .header("x-csrf-token", &csrf)
        .json(&serde_json::json!({ "name": "bench.mp4", "size": size }))
        .send()
        .await
        .expect("create")
        .json()
        .await
        .expect("json");
    let upload_id = created["id"].as_str().expect("id").to_string();
    let chunk = upload::MAX_CHUNK;
    let filler = vec![7u8; chunk];
    let start = Instant::now();
    let mut offset = 0;
    while offset < size {
        let n = chunk.min(size - offset);
        let mut body = filler[..n].to_vec();
        if offset == 0 {
            body[..head.len()].copy_from_slice(&head);
        }
        let r = client
            .patch(format!("{base}/studio/uploads/{upload_id}"))
            .header("cookie", &cookie)
            .header("x-csrf-token", &csrf)
            .header("upload-offset", offset.to_string())
            .body(body)
            .send()
            .await
            .expect("chunk");
        assert!(
            r.status().is_success(),
            "{}",
            r.text().await.unwrap_or_default()
        );
        offset += n;
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "upload of {mib} MiB in {} chunks: {:.1} s, {:.0} MiB/s (chunks written, file checked and stored)",
        size.div_ceil(chunk),
        secs,
        mib as f64 / secs
    );
}
