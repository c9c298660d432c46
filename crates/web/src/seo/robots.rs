//! `/robots.txt`: crawl the museum, not its machinery.
//!
//! The JSON API (`/api/`) duplicates the pages; the language and low-vision switches
//! (`/lang/`, `/low-vision`) only set a cookie and redirect; map tiles are images of streets.
//! Media stay allowed, so the portraits in link cards and image search can be fetched. The
//! sitemap is named only when its absolute address is known (see the module docs of `seo`).

use super::SiteBase;
use crate::App;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};

const DISALLOWED: [&str; 5] = [
    "/api/",
    "/lang/",
    "/low-vision",
    "/tiles/",
    "/map/places.json",
];

pub async fn robots(State(app): State<App>, headers: HeaderMap) -> Response {
    let base = SiteBase::from_request(app.config(), &headers);
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text(&base),
    )
        .into_response()
}

fn text(base: &SiteBase) -> String {
    let mut out = String::from("User-agent: *\nAllow: /\n");
    for path in DISALLOWED {
        out.push_str(&format!("Disallow: {path}\n"));
    }
    if let Some(sitemap) = base.absolute("/sitemap.xml") {
        out.push_str(&format!("\nSitemap: {sitemap}\n"));
    }
    out
}
