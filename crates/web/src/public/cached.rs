//! The page cache in front of rendering (issue #15): which requests may be answered from it,
//! under what key, and how a kept page is sent (in the coding the visitor accepts, or as `304`).
//!
//! Kept: `GET` of the public site's pages and the JSON API's reads, by visitors without a
//! session (a signed-in viewer may see drafts; their pages are never kept, nor served from
//! here), answered `200` with no `Set-Cookie` and no `private`/`no-store`. Never kept: the
//! studio, residents' private links (`/contribute/s/…`), media, anything not listed in
//! [`route`]. The key is everything that changes the rendering for such a visitor: the host
//! (links are absolute for a loopback host), the path and query, the language, the low-vision
//! settings, and the day (embargoes end and «this day» turns at midnight).
//!
//! A record's page is dropped when a record it asked the gate for, or one tied to those,
//! changes; every other kept page (lists, counts, search, the home page) on any change. The
//! change feed's position is read on every request, so the very next request after a write
//! sees it, whichever process or server wrote (see `shell::page_cache`).

use crate::App;
use crate::shell::http_cache::{Encoding, MIN_COMPRESSED, compressible, matches_tag};
use crate::shell::page_cache::{Flight, Noted, Page, Touched};
use crate::shell::prefs::{self, Prefs};
use crate::shell::session::SESSION_COOKIE;
use axum::body::{Body, Bytes, HttpBody, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use letopis_core::Kind;
use std::sync::Arc;

/// Larger answers are sent as rendered, never kept.
const MAX_KEPT: u64 = 1 << 20;

/// How long a request waits for another one rendering the same page before rendering it too.
const FOLLOW_AT_MOST: std::time::Duration = std::time::Duration::from_secs(5);

/// Answers from the cache when it can, and keeps what it rendered when it may.
pub async fn serve(State(app): State<App>, request: Request, next: Next) -> Response {
    let Some(key) = key(&app, &request) else {
        return next.run(request).await;
    };
    let Some(at) = current(&app).await else {
        return next.run(request).await;
    };
    let index_at = app.search_index().map(|index| index.indexed_seq());
    let encoding = Encoding::preferred(request.headers());
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    if let Some(page) = app.pages().get(at, &key.text, index_at) {
        return respond(&app, &key.text, &page, encoding, if_none_match.as_ref());
    }
    let _leading = match app.pages().join(&key.text) {
        Flight::Lead(landing) => Some(landing),
        Flight::Follow(mut done) => {
            // Ends when the leader drops its side, whatever became of its page.
            let _ = tokio::time::timeout(FOLLOW_AT_MOST, done.changed()).await;
            if let Some(page) = app.pages().get(at, &key.text, index_at) {
                return respond(&app, &key.text, &page, encoding, if_none_match.as_ref());
            }
            // Not kept (an error, a page too large, a write meanwhile): render it here.
            None
        }
    };
    // Rendered whole and in identity coding, so the same bytes serve every visitor; the coding
    // and the `304` are this layer's to do.
    let mut request = request;
    request.headers_mut().remove(header::ACCEPT_ENCODING);
    request.headers_mut().remove(header::IF_NONE_MATCH);
    let noted = Arc::new(Noted::default());
    let response = Noted::collect(noted.clone(), next.run(request)).await;
    let keep = keepable(&response);
    let (parts, body) = response.into_parts();
    let Some(size) = body.size_hint().exact().filter(|n| *n <= MAX_KEPT) else {
        // A stream of unknown length: sent as it is, in identity coding (it is no page).
        return Response::from_parts(parts, body);
    };
    let bytes = match to_bytes(body, size as usize).await {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::error!(error = %e, "could not read a rendered page");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    if !keep {
        return pass(parts, bytes, encoding, if_none_match.as_ref());
    }
    let mut shown = noted.take();
    // Only a record's page says exactly what it showed; the others show lists or sums.
    shown.listing |= !key.precise;
    let page = Page::new(parts.headers, bytes);
    let page = app.pages().insert(at, &key.text, page, shown);
    respond(&app, &key.text, &page, encoding, if_none_match.as_ref())
}

/// The key of a request that may be answered from the cache.
struct Key {
    text: String,
    /// A record's page: dropped only when what it showed changes.
    precise: bool,
}

fn key(app: &App, request: &Request) -> Option<Key> {
    if !app.pages().enabled() || request.method() != Method::GET {
        return None;
    }
    let headers = request.headers();
    // A session may belong to the museum's staff, who see drafts on public pages.
    if headers.contains_key(header::AUTHORIZATION)
        || prefs::cookie(headers, SESSION_COOKIE).is_some()
    {
        return None;
    }
    let uri = request.uri();
    let precise = route(uri.path())?;
    let mut prefs = Prefs::read(uri, headers);
    if let Some(idle) = app.config().kiosk.locked(request.extensions()) {
        prefs.kiosk = Some(idle);
    }
    // The answer remembers the language in a cookie (embeds and cards never do).
    if prefs.lang_from_query && !crate::shell::share_links::sets_no_cookie(uri.path()) {
        return None;
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    let low_vision = prefs
        .low_vision
        .map(|lv| lv.cookie_value())
        .unwrap_or_default();
    let path = uri.path_and_query().map_or(uri.path(), |p| p.as_str());
    // School mode sees fewer records: its pages are other pages.
    let school = prefs.school.map(|a| a.label()).unwrap_or_default();
    // A kiosk's pages have the hall's frame and its idle reset.
    let kiosk = prefs.kiosk.map(|s| s.to_string()).unwrap_or_default();
    let text = format!(
        "{host}\u{1f}{}\u{1f}{low_vision}\u{1f}{school}\u{1f}{kiosk}\u{1f}{}\u{1f}{path}",
        prefs.lang.code(),
        letopis_core::today()
    );
    Some(Key { text, precise })
}

/// Whether `path` is a public page or API read that may be kept; `Some(true)` for one record's
/// page (its dependencies are exact), `Some(false)` for the rest.
fn route(path: &str) -> Option<bool> {
    let kind = |plural: &str| Kind::from_plural(plural).is_some();
    let parts: Vec<&str> = path.strip_prefix('/')?.split('/').collect();
    match parts.as_slice() {
        [""] | ["search"] | ["memory-book"] | ["timeline"] | ["map"] | ["map", "places.json"] => {
            Some(false)
        }
        // The share cards and embeds of records (src/share/): the site's card and oEmbed's
        // answers name the site or any record, so they go with every change.
        ["card.jpg"] | ["oembed"] => Some(false),
        [plural, key, "card.jpg"] if kind(plural) && !key.is_empty() => Some(true),
        ["embed", plural, key] if kind(plural) && !key.is_empty() => Some(true),
        [plural] if kind(plural) => Some(false),
        [plural, key] if kind(plural) && !key.is_empty() => Some(true),
        ["api", "v1", "search" | "suggest"] => Some(false),
        ["api", "v1", plural] if kind(plural) => Some(false),
        ["api", "v1", plural, id] if kind(plural) && !id.is_empty() => Some(true),
        _ => None,
    }
}

/// The change feed's position the cache may answer at: the cache applies what changed since
/// its own position first. `None`: answer without the cache this time (another request is
/// applying the changes, or the base did not answer).
async fn current(app: &App) -> Option<i64> {
    let at = app
        .feed_position()
        .inspect_err(|e| tracing::warn!(error = %e, "change feed position unreadable"))
        .ok()?;
    let cache = app.pages();
    if cache.position() == at {
        return Some(at);
    }
    let _applying = cache.try_sync()?;
    let from = cache.position();
    if from == at {
        return Some(at);
    }
    // The first request, or a base put back from a copy behind the cache: start afresh.
    let touched = if from == i64::MIN || at < from {
        Touched {
            to: at,
            everything: true,
            ..Touched::default()
        }
    } else {
        app.feed_touched(from).await.unwrap_or_else(|e| {
            tracing::warn!(error = %e, "change feed unreadable; every kept page dropped");
            Touched {
                to: at,
                everything: true,
                ..Touched::default()
            }
        })
    };
    cache.invalidate(&touched);
    // A write landed after `at` was read: this request may have read before it.
    (touched.to == at).then_some(at)
}

fn keepable(response: &Response) -> bool {
    let h = response.headers();
    let cache_control = h
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    response.status() == StatusCode::OK
        && !h.contains_key(header::SET_COOKIE)
        && !h.contains_key(header::CONTENT_ENCODING)
        && !cache_control.contains("private")
        && !cache_control.contains("no-store")
        && h.get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| {
                ct.starts_with("text/html")
                    || ct.starts_with("application/json")
                    || ct.starts_with("image/jpeg")
            })
}

/// A kept page as this visitor asked for it.
fn respond(
    app: &App,
    key: &str,
    page: &Page,
    encoding: Encoding,
    if_none_match: Option<&HeaderValue>,
) -> Response {
    let mut headers = page.headers.clone();
    if not_modified(&headers, if_none_match) {
        return not_modified_response(headers);
    }
    let body = match slot(page, encoding) {
        Some((coding, slot)) if wants_coding(&headers, page.body.len()) => {
            let bytes = slot.get().cloned().unwrap_or_else(|| {
                let made = coding.encode(&page.body);
                if slot.set(made.clone()).is_ok() {
                    app.pages().grew(key, made.len());
                }
                made
            });
            set_coding(&mut headers, coding);
            bytes
        }
        _ => page.body.clone(),
    };
    vary_on_coding(&mut headers);
    with_body(StatusCode::OK, headers, body)
}

/// An answer that is not kept, coded and conditional as the layers inside would have made it.
fn pass(
    parts: axum::http::response::Parts,
    bytes: Bytes,
    encoding: Encoding,
    if_none_match: Option<&HeaderValue>,
) -> Response {
    let mut headers = parts.headers;
    if parts.status == StatusCode::OK && not_modified(&headers, if_none_match) {
        return not_modified_response(headers);
    }
    let body = if encoding != Encoding::Identity
        && wants_coding(&headers, bytes.len())
        && parts.status != StatusCode::PARTIAL_CONTENT
    {
        set_coding(&mut headers, encoding);
        encoding.encode(&bytes)
    } else {
        bytes
    };
    vary_on_coding(&mut headers);
    let mut response = with_body(parts.status, headers, body);
    *response.extensions_mut() = parts.extensions;
    response
}

fn slot(page: &Page, encoding: Encoding) -> Option<(Encoding, &std::sync::OnceLock<Bytes>)> {
    match encoding {
        Encoding::Brotli => Some((encoding, &page.brotli)),
        Encoding::Gzip => Some((encoding, &page.gzip)),
        Encoding::Identity => None,
    }
}

fn wants_coding(headers: &HeaderMap, len: usize) -> bool {
    len >= MIN_COMPRESSED
        && compressible(headers)
        && !headers.contains_key(header::CONTENT_ENCODING)
}

fn set_coding(headers: &mut HeaderMap, coding: Encoding) {
    if let Some(value) = coding.header() {
        headers.insert(header::CONTENT_ENCODING, value);
    }
}

fn not_modified(headers: &HeaderMap, if_none_match: Option<&HeaderValue>) -> bool {
    match (if_none_match, headers.get(header::ETAG)) {
        (Some(asked), Some(tag)) => matches_tag(asked, tag),
        _ => false,
    }
}

fn not_modified_response(mut headers: HeaderMap) -> Response {
    headers.remove(header::CONTENT_TYPE);
    headers.remove(header::CONTENT_LENGTH);
    with_body(StatusCode::NOT_MODIFIED, headers, Bytes::new())
}

/// Text answers differ by `Accept-Encoding`; caches on the way must know it.
fn vary_on_coding(headers: &mut HeaderMap) {
    if !compressible(headers) {
        return;
    }
    let named = headers
        .get_all(header::VARY)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.to_ascii_lowercase().contains("accept-encoding"));
    if !named {
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
}

fn with_body(status: StatusCode, mut headers: HeaderMap, body: Bytes) -> Response {
    // The length is the body's, whatever coding it is in.
    headers.remove(header::CONTENT_LENGTH);
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    response
}

#[cfg(test)]
mod tests {
    use super::route;

    #[test]
    fn only_public_reads_are_kept() {
        assert_eq!(route("/"), Some(false));
        assert_eq!(route("/persons"), Some(false));
        assert_eq!(route("/persons/ivanov-petr"), Some(true));
        assert_eq!(route("/api/v1/persons/12"), Some(true));
        assert_eq!(route("/search"), Some(false));
        assert_eq!(route("/api/v1/search"), Some(false));
        assert_eq!(route("/persons/ivanov-petr/card.jpg"), Some(true));
        assert_eq!(route("/embed/interviews/rov"), Some(true));
        assert_eq!(route("/card.jpg"), Some(false));
        assert_eq!(route("/oembed"), Some(false));
        for never in [
            "/embed/nothing/x",
            "/nothing/x/card.jpg",
            "/studio",
            "/studio/records/1",
            "/contribute/s/secret",
            "/contribute",
            "/media/abc",
            "/interviews/x/captions/1.vtt",
            "/lang/en",
            "/low-vision",
            "/healthz",
            "/metrics",
            "/persons/",
            "/static/site.css",
        ] {
            assert_eq!(route(never), None, "{never}");
        }
    }
}
