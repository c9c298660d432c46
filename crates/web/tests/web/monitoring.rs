//! Issue #19: `/healthz` tells a load balancer only «ok» and an administrator the details;
//! `/metrics` counts requests by the route that matched, in the Prometheus text format, for
//! local clients, a token, or on a listener of its own.

use crate::studio::{add_user, sign_in};
use crate::support::{Engine, spawn_app, spawn_app_with, spawn_searchable_app};
use letopis_core::Body;
use letopis_core::account::Role;
use letopis_core::entities::Place;
use letopis_store::Draft;
use letopis_web::{App, AppConfig, BuildInfo, serve_metrics};
use serde_json::json;
use std::collections::HashSet;
use std::time::{Duration, Instant};

fn khimki() -> Draft {
    Draft::published(Body::Place(Place {
        name: "Химки".into(),
        ..Place::default()
    }))
}

#[tokio::test]
async fn health_details_are_for_administrators_only() {
    let app = spawn_searchable_app(|_| {}).await;
    app.create(khimki());
    let (status, public) = app.json("/healthz").await;
    assert_eq!((status, public), (200, json!({ "status": "ok" })));

    add_user(&app, "expert@example.ru", "Эксперт", &[Role::Expert]);
    let expert = sign_in(&app, "expert@example.ru").await;
    let (_, seen) = expert.get(&app, "/healthz").await;
    assert_eq!(
        seen, r#"{"status":"ok"}"#,
        "an expert is not an administrator"
    );

    add_user(&app, "admin@example.ru", "Администратор", &[Role::Admin]);
    let admin = sign_in(&app, "admin@example.ru").await;
    let (status, body) = admin.get(&app, "/healthz").await;
    assert_eq!(status, 200);
    let health: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    let details = &health["details"];
    assert_eq!(health["status"], "ok");
    assert_eq!(details["records"], 1, "{health}");
    assert_eq!(details["build"]["version"], env!("CARGO_PKG_VERSION"));
    assert!(
        details["change_feed"].as_i64().is_some_and(|p| p >= 1),
        "{health}"
    );
    assert!(
        details["page_cache"]["budget"].as_u64().is_some(),
        "{health}"
    );
    assert!(
        details["searches"]["refused"].as_u64().is_some(),
        "{health}"
    );
    assert!(details["uptime_seconds"].as_u64().is_some(), "{health}");
    let index = &details["search_index"];
    assert!(index["bytes"].as_u64().is_some_and(|b| b > 0), "{health}");
    assert!(index["lag"].as_i64().is_some(), "{health}");
}

#[tokio::test]
async fn metrics_count_requests_by_the_route_that_matched() {
    let app = spawn_app().await;
    let place = app.create(khimki());
    let slug = place.slug.clone();
    for _ in 0..3 {
        let (status, _) = app.text(&place.page()).await;
        assert_eq!(status, 200);
    }
    let (status, _) = app.text("/places/no-such-place").await;
    assert_eq!(status, 404);

    let response = app.get("/metrics").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/plain; version=0.0.4; charset=utf-8"
    );
    let text = response.text().await.expect("body");
    check_exposition(&text);
    let pages = r#"letopis_http_requests_total{route="/{plural}/{key}",status="2xx"}"#;
    assert_eq!(value(&text, pages), Some(3.0), "{text}");
    let missing = r#"letopis_http_requests_total{route="/{plural}/{key}",status="4xx"}"#;
    assert_eq!(value(&text, missing), Some(1.0), "{text}");
    assert!(
        !text.contains(&slug) && !text.contains("no-such-place"),
        "paths asked for are never labels: {text}"
    );
    let timed = r#"letopis_http_request_duration_seconds_count{route="/{plural}/{key}"}"#;
    assert_eq!(value(&text, timed), Some(4.0), "{text}");
    let build = format!(
        r#"letopis_build_info{{version="{}",commit="unknown"}}"#,
        env!("CARGO_PKG_VERSION")
    );
    assert_eq!(value(&text, &build), Some(1.0), "{text}");
    assert_eq!(value(&text, "letopis_records"), Some(1.0), "{text}");
    assert!(value(&text, "letopis_change_feed_position").is_some_and(|p| p >= 1.0));
}

#[tokio::test]
async fn metrics_tell_the_blob_stores_size() {
    let app = spawn_app().await;
    app.put_media(&"a".repeat(64), &[1; 1000]);
    app.put_media(&"b".repeat(64), &[2; 24]);
    // Not an original: a temp file of an upload being stored.
    std::fs::write(app.media_root.join(".incoming-x"), [0; 500]).expect("temp file");
    let (status, text) = app.text("/metrics").await;
    assert_eq!(status, 200);
    assert_eq!(
        value(&text, "letopis_blob_store_files"),
        Some(2.0),
        "{text}"
    );
    assert_eq!(
        value(&text, "letopis_blob_store_bytes"),
        Some(1024.0),
        "{text}"
    );
}

#[tokio::test]
async fn search_is_timed_and_the_index_lag_reaches_zero() {
    let app = spawn_searchable_app(|_| {}).await;
    app.create(khimki());
    let deadline = Instant::now() + Duration::from_secs(30);
    while app.metric("letopis_search_index_lag").await > 0.0 {
        assert!(Instant::now() < deadline, "the index never caught up");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let (status, _) = app.text("/search?q=Химки").await;
    assert_eq!(status, 200);
    let text = app.metrics().await;
    check_exposition(&text);
    assert!(value(&text, "letopis_search_duration_seconds_count").is_some_and(|n| n >= 1.0));
    assert!(value(&text, "letopis_search_index_bytes").is_some_and(|b| b > 0.0));
    assert_eq!(value(&text, "letopis_searches_refused_total"), Some(0.0));
}

#[tokio::test]
async fn metrics_answer_what_a_proxy_forwards_only_with_the_token() {
    let app = spawn_app_with(|config, _| config.metrics_token = Some("s3cret".into())).await;
    let forwarded = ("x-forwarded-for", "203.0.113.7");
    let (status, _) = app.text_with("/metrics", &[forwarded]).await;
    assert_eq!(status, 404, "a visitor through the proxy");
    let (status, _) = app
        .text_with("/metrics", &[forwarded, ("authorization", "Bearer wrong")])
        .await;
    assert_eq!(status, 404, "a wrong token");
    let (status, text) = app
        .text_with("/metrics", &[forwarded, ("authorization", "Bearer s3cret")])
        .await;
    assert_eq!(status, 200);
    assert!(text.contains("letopis_build_info{"), "{text}");
    // A local client not forwarded by anyone (the benchmarks, a node exporter's scrape).
    let (status, _) = app.text("/metrics").await;
    assert_eq!(status, 200);

    let untokened = spawn_app().await;
    let (status, _) = untokened
        .text_with("/metrics", &[("forwarded", "for=203.0.113.7")])
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn metrics_listener_serves_metrics_and_nothing_else() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let engine = Engine::sqlite(&dir.path().join("letopis.db"));
    let mut config = AppConfig::new(dir.path().join("media"));
    config.build = BuildInfo {
        version: "9.9.9".into(),
        commit: "abc1234+dirty".into(),
        built: "2026-12-07".into(),
    };
    let app = App::new(engine.store.clone(), config);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let (_stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(serve_metrics(listener, app, async {
        let _ = stopped.await;
    }));
    let client = reqwest::Client::new();
    let get = |path: &'static str| {
        client
            .get(format!("{base}{path}"))
            .header("x-forwarded-for", "203.0.113.7")
            .send()
    };
    let response = get("/metrics").await.expect("request");
    assert_eq!(
        response.status(),
        200,
        "open to whoever reaches the listener"
    );
    let text = response.text().await.expect("body");
    check_exposition(&text);
    let build = r#"letopis_build_info{version="9.9.9",commit="abc1234+dirty"}"#;
    assert_eq!(value(&text, build), Some(1.0), "{text}");
    for other in ["/", "/healthz", "/persons"] {
        assert_eq!(get(other).await.expect("request").status(), 404, "{other}");
    }
}

fn value(text: &str, series: &str) -> Option<f64> {
    crate::support::metric_value(text, series)
}

/// The Prometheus text format (0.0.4), line by line: `# HELP` and `# TYPE` for each family
/// before its samples, each sample `name{labels} value` with a known family and a number.
fn check_exposition(text: &str) {
    let mut typed = HashSet::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("# TYPE ") {
            let (name, kind) = rest.split_once(' ').expect("TYPE name kind");
            assert!(
                ["counter", "gauge", "histogram", "summary", "untyped"].contains(&kind),
                "{line}"
            );
            assert!(typed.insert(name.to_owned()), "one TYPE per family: {line}");
            continue;
        }
        if line.starts_with("# HELP ") {
            continue;
        }
        let (series, number) = line.rsplit_once(' ').expect("a sample");
        assert!(
            number.parse::<f64>().is_ok() || ["+Inf", "-Inf", "NaN"].contains(&number),
            "{line}"
        );
        let name = series.split('{').next().expect("name");
        assert!(
            name.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b':'),
            "{line}"
        );
        let family = ["_bucket", "_sum", "_count"]
            .iter()
            .find_map(|s| name.strip_suffix(s).filter(|f| typed.contains(*f)))
            .unwrap_or(name);
        assert!(
            typed.contains(family),
            "a sample of an untyped family: {line}"
        );
        if let Some(labels) = series.strip_prefix(name) {
            assert!(
                labels.is_empty() || (labels.starts_with('{') && labels.ends_with('}')),
                "{line}"
            );
        }
    }
    assert!(typed.contains("letopis_build_info"), "{text}");
    promtool(text);
}

/// Prometheus's own parser and linter (`promtool check metrics`, from Debian's prometheus
/// package, installed by tools/install-test-tools.sh).
fn promtool(text: &str) {
    use std::io::Write;
    let mut child = std::process::Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("promtool (Debian's prometheus package): run tools/install-test-tools.sh");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("write to promtool");
    let out = child.wait_with_output().expect("promtool runs");
    assert!(
        out.status.success(),
        "promtool check metrics: {}{}\n{text}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
