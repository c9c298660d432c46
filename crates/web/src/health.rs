//! `GET /healthz` for load balancers and the operator: is the store answering? With how full
//! the page cache is and how busy search is (the benchmarks read these).

use crate::App;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

pub async fn healthz(State(app): State<App>) -> Response {
    match app.totals().await {
        Ok(totals) => Json(json!({
            "status": "ok",
            "records": totals.records,
            "page_cache": app.page_cache_stats(),
            "searches": app.search_load(),
        }))
        .into_response(),
        Err(e) => {
            tracing::warn!(error = ?e, "health check: store does not answer");
            unavailable()
        }
    }
}

fn unavailable() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        Json(json!({ "status": "unavailable" })),
    )
        .into_response()
}
