//! The stylesheet, compiled into the binary so that a bare `letopis serve` needs no files beside
//! it and pages make no third-party requests.

use axum::http::header;
use axum::response::IntoResponse;

const SITE_CSS: &str = include_str!("../static/site.css");

pub async fn site_css() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            // Not versioned in the URL yet, so browsers revalidate after an hour.
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        SITE_CSS,
    )
}
