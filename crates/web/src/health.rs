//! `GET /healthz`: for load balancers, only whether the store answers (`{"status":"ok"}` or
//! `503`); for a signed-in administrator, also how the portal is doing ([`Vitals`]). The same
//! numbers, and more, are on `/metrics` for a monitoring system.

use crate::App;
use crate::shell::admission::Load;
use crate::shell::error::AppError;
use crate::shell::page_cache::Stats;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use letopis_core::account::Permission;
use serde::Serialize;
use serde_json::json;

/// How the portal is doing: what an administrator sees on `/healthz` and what `/metrics`
/// exports besides its counters.
#[derive(Debug, Serialize)]
pub(crate) struct Vitals {
    pub build: crate::BuildInfo,
    pub uptime_seconds: u64,
    pub records: u64,
    pub page_cache: Stats,
    pub searches: Load,
    /// The change feed's position: the last change the base recorded.
    pub change_feed: i64,
    /// `None` when this portal serves no search.
    pub search_index: Option<IndexVitals>,
    /// The last fixity audit of the media originals; `None` before the first (or without a
    /// store for it).
    pub fixity: Option<letopis_store::fixity::FixityAudit>,
}

#[derive(Debug, Serialize)]
pub(crate) struct IndexVitals {
    /// The change-feed position the index reflects; `None` while its first build runs.
    pub position: Option<i64>,
    /// Changes the index has yet to take in (all of them while it is first built).
    pub lag: i64,
    pub bytes: u64,
    pub documents: u64,
}

impl App {
    /// Reads the vitals; an error means the store does not answer.
    pub(crate) async fn vitals(&self) -> Result<Vitals, AppError> {
        let totals = self.totals().await?;
        let change_feed = self.feed_position()?;
        let search_index = match self.search_index() {
            None => None,
            Some(index) => {
                // A negative position is the index's «first build running».
                let at = index.indexed_seq();
                let position = (at >= 0).then_some(at);
                // The size comes from a directory listing: the blocking pool's work.
                let (bytes, documents) =
                    tokio::task::spawn_blocking(move || (index.size_on_disk(), index.num_docs()))
                        .await
                        .map_err(|_| AppError::Internal)?;
                Some(IndexVitals {
                    position,
                    lag: (change_feed - position.unwrap_or(0)).max(0),
                    bytes,
                    documents,
                })
            }
        };
        // A portal without the accounts' store (some tests) has no audits to show.
        let fixity = self
            .accounts_call(|a| a.fixity_audits(1))
            .await
            .ok()
            .and_then(|audits| audits.into_iter().next());
        Ok(Vitals {
            fixity,
            build: self.config().build.clone(),
            uptime_seconds: self.request_metrics().uptime().as_secs(),
            records: totals.records,
            page_cache: self.page_cache_stats(),
            searches: self.search_load(),
            change_feed,
            search_index,
        })
    }
}

pub async fn healthz(State(app): State<App>, mut parts: Parts) -> Response {
    let admin = crate::shell::session::current_session(&mut parts, &app)
        .await
        .is_some_and(|s| s.user.roles.may(Permission::Administer) && !s.user.disabled);
    if !admin {
        return match app.totals().await {
            Ok(_) => Json(json!({ "status": "ok" })).into_response(),
            Err(e) => unavailable(e),
        };
    }
    match app.vitals().await {
        Ok(vitals) => Json(json!({ "status": "ok", "details": vitals })).into_response(),
        Err(e) => unavailable(e),
    }
}

fn unavailable(e: AppError) -> Response {
    tracing::warn!(error = ?e, "health check: store does not answer");
    (
        StatusCode::SERVICE_UNAVAILABLE,
        Json(json!({ "status": "unavailable" })),
    )
        .into_response()
}
