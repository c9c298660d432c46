//! Static files (`crates/web/static/**`), embedded in the binary and served under fingerprinted
//! URLs: `/static/{fingerprint}/{path}`, e.g. `/static/3f2a9c1b04de/site.css`.
//!
//! Because the URL changes whenever the content does, browsers may keep a file for a year
//! without asking again (`immutable`). Templates never write `/static/…` by hand: they call
//! `{{ layout.asset("site.css") }}` (or [`url`] from Rust), which panics nowhere and, for a path
//! that does not exist, logs and returns a URL that 404s, so a typo shows up in tests.
//!
//! The fingerprint is computed by `build.rs`; files of one vendored package share it so that they
//! can refer to each other by relative URLs (see `tools/vendor.py`).
//!
//! - a right fingerprint → 200 with `Cache-Control: public, max-age=31536000, immutable`;
//! - a wrong or old fingerprint → 404: an old page asking for an old file must not be given
//!   today's file under yesterday's immutable URL;
//! - no fingerprint (`/static/site.css`) → 302 to the current URL, not cached, for hand-typed
//!   links and old bookmarks.

use crate::shell::error::AppError;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// One embedded file.
pub struct Asset {
    /// Relative to `static/`, with `/` separators.
    pub path: &'static str,
    pub hash: &'static str,
    pub bytes: &'static [u8],
}

include!(concat!(env!("OUT_DIR"), "/assets.rs"));

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

fn find(path: &str) -> Option<&'static Asset> {
    ASSETS
        .binary_search_by(|a| a.path.cmp(path))
        .ok()
        .map(|i| &ASSETS[i])
}

/// The fingerprinted URL of a static file, e.g. `url("site.css")`.
pub fn url(path: &str) -> String {
    match find(path) {
        Some(a) => format!("/static/{}/{}", a.hash, a.path),
        None => {
            tracing::error!(
                path,
                "a template refers to a static file that does not exist"
            );
            format!("/static/missing/{path}")
        }
    }
}

/// `GET /static/{*rest}`.
pub async fn serve(Path(rest): Path<String>) -> Result<Response, AppError> {
    if let Some((hash, path)) = rest.split_once('/')
        && is_fingerprint(hash)
    {
        let asset = find(path)
            .filter(|a| a.hash == hash)
            .ok_or(AppError::NotFound)?;
        return Ok((
            [
                (header::CONTENT_TYPE, HeaderValue::from_static(mime(path))),
                (header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE)),
            ],
            asset.bytes,
        )
            .into_response());
    }
    let asset = find(&rest).ok_or(AppError::NotFound)?;
    let location = format!("/static/{}/{}", asset.hash, asset.path);
    Ok((
        StatusCode::FOUND,
        [
            (header::LOCATION, location),
            (header::CACHE_CONTROL, "no-cache".to_string()),
        ],
    )
        .into_response())
}

fn is_fingerprint(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Content types of the files we ship; anything else is served as bytes to download.
fn mime(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "txt" | "md" => "text/plain; charset=utf-8",
        // LICENSE and the like.
        "" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assets_are_sorted_for_binary_search() {
        assert!(ASSETS.windows(2).all(|w| w[0].path < w[1].path));
        assert!(find("site.css").is_some());
    }

    #[test]
    fn files_of_one_vendor_package_share_a_fingerprint() {
        let leaflet: Vec<&str> = ASSETS
            .iter()
            .filter(|a| a.path.starts_with("vendor/leaflet/"))
            .map(|a| a.hash)
            .collect();
        assert!(leaflet.len() > 1);
        assert!(leaflet.iter().all(|h| *h == leaflet[0]));
        assert_ne!(url("site.css").split('/').nth(2), Some(leaflet[0]));
    }

    #[test]
    fn urls_carry_the_fingerprint() {
        let u = url("site.css");
        assert!(u.starts_with("/static/") && u.ends_with("/site.css"), "{u}");
        assert_eq!(mime("vendor/pt-serif/x.woff2"), "font/woff2");
        assert_eq!(mime("vendor/leaflet/LICENSE"), "text/plain; charset=utf-8");
    }
}
