//! `GET /api/v1/openapi.json`: the OpenAPI 3.1 description of the API.
//!
//! Written by hand in `openapi.json` beside this file rather than derived from the types: the
//! bodies are `letopis-core`'s serde types, which know nothing of HTTP, and the parameters are
//! read from query pairs, not structs. The tests keep it true instead — every route of
//! [`super::paths`] must be described, every real answer of the demo museum must validate
//! against its schema, and schemathesis fuzzes the running server with it.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use std::sync::LazyLock;

const WRITTEN: &str = include_str!("openapi.json");

/// The description with `info.version` set to this build's, serialised once.
static SERVED: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let mut doc: serde_json::Value =
        serde_json::from_str(WRITTEN).expect("openapi.json is JSON (checked by the tests)");
    doc["info"]["version"] = env!("CARGO_PKG_VERSION").into();
    serde_json::to_vec(&doc).expect("a JSON value serialises")
});

pub async fn description() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            // Documentation tools (Swagger UI, Redoc) may load it from another site.
            (
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            ),
        ],
        SERVED.as_slice(),
    )
        .into_response()
}
