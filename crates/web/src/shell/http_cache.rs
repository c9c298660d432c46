//! HTTP caching and compression of pages and API answers.
//!
//! Pages are rendered per request (no page cache: a withdrawal must take effect at once,
//! DESIGN.md invariant 3), so they are sent with `Cache-Control: no-cache` — a browser may keep a
//! copy but must ask before using it — and a weak `ETag` that is a hash of the rendered body. A
//! revalidation whose `If-None-Match` still matches gets a `304 Not Modified` with no body: the
//! server still renders (that is what checks the gate), but the visitor's connection carries
//! nothing. The tag is weak because compression changes the bytes, not the meaning. There is no
//! `Last-Modified`: a page shows related records, the visitor's language and settings, so no single
//! date says when it last changed; the hash does.
//!
//! Compression (brotli, gzip) applies to text — HTML, CSS, JavaScript, JSON, SVG, WebVTT — and
//! never to media, fonts or images (already compressed) or to anything served in byte ranges.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{Predicate, SizeAbove};

/// Larger bodies are passed through untagged rather than held in memory.
const MAX_TAGGED_BODY: usize = 8 * 1024 * 1024;

/// Adds `ETag` and `Cache-Control: no-cache` to successful HTML and JSON answers, and answers
/// `If-None-Match` with 304.
pub async fn etag(request: Request, next: Next) -> Response {
    let conditional = matches!(*request.method(), Method::GET | Method::HEAD);
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    let response = next.run(request).await;
    if !conditional || response.status() != StatusCode::OK || !is_document(response.headers()) {
        return response;
    }
    if response.headers().contains_key(header::ETAG) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match to_bytes(body, MAX_TAGGED_BODY).await {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "could not read a page body to tag it");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let tag = weak_tag(&bytes);
    parts.headers.insert(header::ETAG, tag.clone());
    if !parts.headers.contains_key(header::CACHE_CONTROL) {
        parts
            .headers
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    if if_none_match.is_some_and(|v| matches_tag(&v, &tag)) {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_LENGTH);
        parts.headers.remove(header::CONTENT_TYPE);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
}

fn is_document(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html") || ct.starts_with("application/json"))
}

/// A 128-bit non-cryptographic hash is enough: a tag only has to change when the page does, and
/// nobody gains anything by making two pages collide. SHA-256 of every page cost a tenth of
/// the interview page's render time.
fn weak_tag(body: &[u8]) -> HeaderValue {
    let hash = xxhash_rust::xxh3::xxh3_128(body);
    HeaderValue::from_str(&format!("W/\"{hash:032x}\""))
        .unwrap_or(HeaderValue::from_static("W/\"0\""))
}

/// Weak comparison (RFC 9110, 13.1.2): `W/` is ignored on both sides; `*` matches anything.
fn matches_tag(if_none_match: &HeaderValue, tag: &HeaderValue) -> bool {
    let strip = |s: &str| s.trim().trim_start_matches("W/").to_string();
    let (Ok(list), Ok(tag)) = (if_none_match.to_str(), tag.to_str()) else {
        return false;
    };
    let tag = strip(tag);
    list.split(',').any(|t| t.trim() == "*" || strip(t) == tag)
}

/// Which responses are worth compressing: text, not media, not byte ranges.
pub fn compression() -> CompressionLayer<impl Predicate> {
    let textual =
        |_: StatusCode, _: axum::http::Version, h: &HeaderMap, _: &axum::http::Extensions| {
            // Media answers advertise ranges; compressing them would break seeking.
            if h.contains_key(header::ACCEPT_RANGES) {
                return false;
            }
            h.get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|ct| {
                    let ct = ct.to_ascii_lowercase();
                    ct.starts_with("text/")
                        || ct.starts_with("application/json")
                        || ct.starts_with("application/javascript")
                        || ct.starts_with("application/xml")
                        || ct.starts_with("application/atom+xml")
                        || ct.starts_with("image/svg+xml")
                })
        };
    CompressionLayer::new().compress_when(SizeAbove::new(256).and(textual))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_tags_compare_weakly() {
        let tag = weak_tag(b"<html>");
        let bare = tag
            .to_str()
            .expect("ascii")
            .trim_start_matches("W/")
            .to_string();
        assert!(matches_tag(&HeaderValue::from_str(&bare).expect("v"), &tag));
        assert!(matches_tag(&HeaderValue::from_static("\"x\", *"), &tag));
        assert!(!matches_tag(&HeaderValue::from_static("W/\"other\""), &tag));
        assert_ne!(weak_tag(b"a"), weak_tag(b"b"));
    }
}
