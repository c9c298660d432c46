//! `GET /metrics`: the Prometheus text exposition format (0.0.4).
//!
//! Written with `prometheus-client`, the Prometheus project's own Rust client: each [`App`]
//! keeps its own registry (no process-wide recorder, so several portals in one test process
//! each count their own), label sets are types, and it writes the 0.0.4 text format that
//! every Prometheus-compatible scraper reads.
//!
//! Who may read it: anyone on the listener `metrics_bind` opens ([`router`]), which the
//! operator keeps private; on the portal's own port only a loopback client that no proxy
//! forwarded, or one presenting `Authorization: Bearer <metrics_token>`. Everyone else gets
//! the ordinary «not found», so the address is not advertised.

use crate::App;
use crate::health::Vitals;
use axum::Router;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::encoding::prometheus_text::{CONTENT_TYPE, encode};
use prometheus_client::metrics::counter::ConstCounter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::{ConstGauge, Gauge};
use prometheus_client::registry::Registry;
use sha2::{Digest, Sha256};
use std::net::SocketAddr;

/// `/metrics` on the portal's own port, for those allowed (see the module's notes).
pub async fn guarded(State(app): State<App>, request: Request) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    if !allowed(
        peer,
        request.headers(),
        app.config().metrics_token.as_ref().map(|t| t.as_str()),
    ) {
        return crate::AppError::NotFound.into_response();
    }
    scrape(State(app)).await
}

/// `/metrics` for whoever reaches it: on the separate listener.
pub async fn scrape(State(app): State<App>) -> Response {
    match exposition(&app).await {
        Ok(text) => ([(header::CONTENT_TYPE, CONTENT_TYPE)], text).into_response(),
        Err(e) => {
            tracing::warn!(error = ?e, "metrics: store does not answer");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// The listener of `metrics_bind`: `/metrics` and nothing else.
pub fn router(app: App) -> Router {
    Router::new().route("/metrics", get(scrape)).with_state(app)
}

fn allowed(peer: Option<SocketAddr>, headers: &HeaderMap, token: Option<&str>) -> bool {
    if let Some(token) = token.filter(|t| !t.is_empty())
        && let Some(given) = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
    {
        // Compared as digests: the time taken tells nothing about how much of it matched.
        return Sha256::digest(given.trim().as_bytes()) == Sha256::digest(token.as_bytes());
    }
    // A reverse proxy on the same machine connects from loopback too; what it forwarded
    // carries its headers and is somebody else's request.
    let proxied = ["forwarded", "x-forwarded-for", "x-real-ip"]
        .iter()
        .any(|h| headers.contains_key(*h));
    peer.is_some_and(|p| p.ip().is_loopback()) && !proxied
}

async fn exposition(app: &App) -> Result<String, crate::AppError> {
    let vitals = app.vitals().await?;
    let mut text = String::with_capacity(16 * 1024);
    let mut now = now_registry(app, &vitals);
    if let Some(usage) = blob_usage(app).await {
        gauge(
            &mut now,
            "letopis_blob_store_files",
            "Media originals in the blob store",
            usage.files,
        );
        gauge(
            &mut now,
            "letopis_blob_store_bytes",
            "Bytes of the media originals in the blob store",
            usage.bytes,
        );
    }
    encode(&mut text, app.request_metrics().registry())
        .and_then(|()| encode(&mut text, &now))
        .map_err(|_| crate::AppError::Internal)?;
    Ok(text)
}

/// How long the blob store's size, read by walking all of it, is reported before it is read
/// again: a store of 100,000 originals takes a moment, and the size moves slowly.
const BLOB_USAGE_EVERY: std::time::Duration = std::time::Duration::from_secs(300);

/// The blob store's files and bytes, walked at most every [`BLOB_USAGE_EVERY`]; `None` (and a
/// logged error) when the store cannot be read.
async fn blob_usage(app: &App) -> Option<letopis_media::Usage> {
    let kept = *app.blob_usage.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((at, usage)) = kept
        && at.elapsed() < BLOB_USAGE_EVERY
    {
        return Some(usage);
    }
    let blobs = app.blobs();
    match tokio::task::spawn_blocking(move || blobs.usage()).await {
        Ok(Ok(usage)) => {
            *app.blob_usage.lock().unwrap_or_else(|p| p.into_inner()) =
                Some((std::time::Instant::now(), usage));
            Some(usage)
        }
        Ok(Err(e)) => {
            tracing::error!(error = %e, "could not read the blob store's size");
            None
        }
        Err(_) => None,
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct BuildLabels {
    version: String,
    commit: String,
}

/// What is read at the moment of the scrape rather than counted as it happens.
fn now_registry(app: &App, v: &Vitals) -> Registry {
    let mut r = Registry::default();
    let build = Family::<BuildLabels, Gauge>::default();
    build
        .get_or_create(&BuildLabels {
            version: v.build.version.clone(),
            commit: v.build.commit.clone(),
        })
        .set(1);
    r.register("letopis_build_info", "The running build (always 1)", build);
    gauge(
        &mut r,
        "letopis_uptime_seconds",
        "Seconds since the portal started",
        v.uptime_seconds,
    );
    gauge(
        &mut r,
        "letopis_records",
        "Records in the base, in any state",
        v.records,
    );
    gauge(
        &mut r,
        "letopis_change_feed_position",
        "The change feed's position: the last change the base recorded",
        v.change_feed,
    );
    if let Some(index) = &v.search_index {
        gauge(
            &mut r,
            "letopis_search_index_position",
            "The change-feed position the search index reflects (-1 while first built)",
            index.position.unwrap_or(-1),
        );
        gauge(
            &mut r,
            "letopis_search_index_lag",
            "Changes the search index has yet to take in",
            index.lag,
        );
        gauge(
            &mut r,
            "letopis_search_index_bytes",
            "Bytes the search index takes on disk",
            index.bytes,
        );
        gauge(
            &mut r,
            "letopis_search_index_documents",
            "Searchable documents",
            index.documents,
        );
    }
    if let Some(audit) = &v.fixity {
        gauge(
            &mut r,
            "letopis_fixity_last_audit_timestamp_seconds",
            "When the last fixity audit of the media originals started (Unix time)",
            audit.started_at.as_second(),
        );
        gauge(
            &mut r,
            "letopis_fixity_files",
            "Media originals the last fixity audit read",
            audit.files,
        );
        gauge(
            &mut r,
            "letopis_fixity_damaged",
            "Originals the last fixity audit found damaged (content does not match the name)",
            audit.damaged,
        );
        gauge(
            &mut r,
            "letopis_fixity_missing",
            "Originals the base names that the last fixity audit did not find",
            audit.missing,
        );
    }
    r.register(
        "letopis_search_duration_seconds",
        "How long searches held their turn",
        app.admission_durations(),
    );
    counter(
        &mut r,
        "letopis_searches_refused",
        "Searches refused with 503 (too many at once)",
        v.searches.refused,
    );
    gauge(
        &mut r,
        "letopis_searches_running",
        "Searches running now",
        v.searches.running,
    );
    gauge(
        &mut r,
        "letopis_searches_waiting",
        "Searches waiting for a turn now",
        v.searches.waiting,
    );
    counter(
        &mut r,
        "letopis_page_cache_hits",
        "Requests answered from the page cache",
        v.page_cache.hits,
    );
    counter(
        &mut r,
        "letopis_page_cache_misses",
        "Requests that looked in the page cache and rendered",
        v.page_cache.misses,
    );
    gauge(
        &mut r,
        "letopis_page_cache_pages",
        "Pages kept in the page cache",
        v.page_cache.pages,
    );
    gauge(
        &mut r,
        "letopis_page_cache_bytes",
        "Bytes of pages kept in the page cache",
        v.page_cache.bytes,
    );
    gauge(
        &mut r,
        "letopis_page_cache_budget_bytes",
        "The page cache's budget in bytes",
        v.page_cache.budget,
    );
    r
}

fn gauge(r: &mut Registry, name: &str, help: &str, value: impl TryInto<i64>) {
    let value = value.try_into().unwrap_or(i64::MAX);
    r.register(name, help, ConstGauge::new(value));
}

/// `name` without `_total`: the encoder adds it.
fn counter(r: &mut Registry, name: &str, help: &str, value: u64) {
    r.register(name, help, ConstCounter::new(value));
}
