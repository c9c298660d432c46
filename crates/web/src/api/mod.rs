//! The JSON API, version 1. Errors are `{"error":{"code","message"}}` with stable codes (see
//! [`AppError::code`](crate::AppError::code)); they are written by the error layer. What each
//! address takes and answers is described in `openapi.json` (OpenAPI 3.1), served at
//! `/api/v1/openapi.json` and checked against the real answers by the tests.

pub mod openapi;
pub mod records;
pub mod search;

use crate::App;
use axum::Router;
use axum::routing::{MethodRouter, get};

/// The API's addresses and handlers: one list for the router and for the test that the
/// description names every address the router serves.
fn endpoints() -> [(&'static str, MethodRouter<App>); 5] {
    [
        ("/api/v1/openapi.json", get(openapi::description)),
        ("/api/v1/search", get(search::search)),
        ("/api/v1/suggest", get(search::suggest)),
        ("/api/v1/{plural}", get(records::list)),
        ("/api/v1/{plural}/{id}", get(records::one)),
    ]
}

pub fn routes() -> Router<App> {
    endpoints()
        .into_iter()
        .fold(Router::new(), |router, (path, handler)| {
            router.route(path, handler)
        })
}

/// The route patterns of the API, `{plural}` standing for each kind's plural.
pub fn paths() -> Vec<&'static str> {
    endpoints().into_iter().map(|(path, _)| path).collect()
}
