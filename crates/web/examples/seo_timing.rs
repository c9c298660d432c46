//! Times the sitemap and the feed on an existing base (a benchmark, not a test):
//!
//! ```text
//! cargo run --release -p letopis-web --example seo_timing -- /path/to/letopis.db
//! ```
//!
//! Serves the base on a loopback port (so absolute URLs come from the `Host`) and fetches
//! `/sitemap.xml`, every part it lists, one part again and `/feed.atom`, printing the time and
//! size of each.

use letopis_store::sqlite::SqliteStore;
use letopis_web::{App, AppConfig, serve};
use std::sync::Arc;
use std::time::Instant;

#[tokio::main]
async fn main() {
    let db = std::env::args()
        .nth(1)
        .expect("usage: seo_timing /path/to/letopis.db");
    let store = Arc::new(SqliteStore::open(&db).expect("open the base"));
    let app = App::new(store, AppConfig::new(std::env::temp_dir()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    tokio::spawn(async move { serve(listener, app, std::future::pending()).await });
    let client = reqwest::Client::new();
    let fetch = |path: String| {
        let client = client.clone();
        let url = format!("{base}{path}");
        async move {
            let start = Instant::now();
            let response = client.get(&url).send().await.expect("request");
            let status = response.status();
            let body = response.text().await.expect("body");
            println!(
                "{path}: {status}, {} bytes, {} URLs, {:.0} ms",
                body.len(),
                body.matches("<loc>").count(),
                start.elapsed().as_secs_f64() * 1000.0
            );
            body
        }
    };
    let index = fetch("/sitemap.xml".into()).await;
    for part in index.split("<loc>").skip(1) {
        let url = part.split("</loc>").next().unwrap_or_default();
        let path = url
            .split_once("/sitemaps/")
            .map(|(_, p)| format!("/sitemaps/{p}"));
        if let Some(path) = path {
            fetch(path).await;
        }
    }
    // Again: now from the parts kept until the next write.
    fetch("/sitemaps/persons-1.xml".into()).await;
    fetch("/feed.atom".into()).await;
}
