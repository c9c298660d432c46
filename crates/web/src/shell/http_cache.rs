//! HTTP caching and compression of pages and API answers.
//!
//! Pages are rendered per request, or come from the server's page cache, which drops a page the
//! moment the change feed says something it shows changed (`page_cache.rs`): a withdrawal must
//! take effect at once (DESIGN.md invariant 3). So they are sent with `Cache-Control: no-cache` —
//! a browser may keep a copy but must ask before using it — and a weak `ETag` that is a hash of
//! the rendered body. A revalidation whose `If-None-Match` still matches gets a `304 Not
//! Modified` with no body: the server still renders or checks its kept page against the feed
//! (that is what checks the gate), but the visitor's connection carries nothing. The tag is weak because compression changes the bytes, not the meaning. There is no
//! `Last-Modified`: a page shows related records, the visitor's language and settings, so no single
//! date says when it last changed; the hash does.
//!
//! Compression (brotli, gzip) applies to text — HTML, CSS, JavaScript, JSON, SVG, WebVTT — and
//! never to media, fonts or images (already compressed) or to anything served in byte ranges.

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{Predicate, SizeAbove};

/// Smaller bodies are sent as they are: the coding would cost more than it saves.
pub const MIN_COMPRESSED: usize = 256;

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
    // A body of unknown length is a stream (an export of the whole base): tagging it would
    // mean holding all of it in memory, which is what streaming it avoids.
    if axum::body::HttpBody::size_hint(response.body())
        .exact()
        .is_none()
    {
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
        .map(|ct| ct.split(';').next().unwrap_or_default().trim())
        .is_some_and(|ct| ct == "text/html" || ct == "application/json")
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
pub(crate) fn matches_tag(if_none_match: &HeaderValue, tag: &HeaderValue) -> bool {
    let strip = |s: &str| s.trim().trim_start_matches("W/").to_string();
    let (Ok(list), Ok(tag)) = (if_none_match.to_str(), tag.to_str()) else {
        return false;
    };
    let tag = strip(tag);
    list.split(',').any(|t| t.trim() == "*" || strip(t) == tag)
}

/// A content coding the server makes: brotli, gzip or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Identity,
    Gzip,
    Brotli,
}

impl Encoding {
    /// The best coding `Accept-Encoding` allows: brotli, then gzip; a coding with `q=0` is
    /// refused (RFC 9110, 12.5.3).
    pub fn preferred(headers: &HeaderMap) -> Encoding {
        let mut best = Encoding::Identity;
        for value in headers.get_all(header::ACCEPT_ENCODING) {
            let Ok(value) = value.to_str() else { continue };
            for item in value.split(',') {
                let mut parts = item.split(';');
                let name = parts.next().unwrap_or("").trim().to_ascii_lowercase();
                let refused = parts.any(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.trim().parse::<f32>().ok())
                        .is_some_and(|q| q <= 0.0)
                });
                let coding = match name.as_str() {
                    "br" => Encoding::Brotli,
                    "gzip" | "x-gzip" => Encoding::Gzip,
                    _ => continue,
                };
                if !refused && coding as u8 > best as u8 {
                    best = coding;
                }
            }
        }
        best
    }

    pub fn header(self) -> Option<HeaderValue> {
        match self {
            Encoding::Identity => None,
            Encoding::Gzip => Some(HeaderValue::from_static("gzip")),
            Encoding::Brotli => Some(HeaderValue::from_static("br")),
        }
    }

    /// `body` in this coding. Brotli at quality 5: near quality 11's size on pages of a few
    /// kilobytes at a small part of its time, and a kept page is compressed once.
    pub fn encode(self, body: &[u8]) -> Bytes {
        use std::io::Write;
        match self {
            Encoding::Identity => Bytes::copy_from_slice(body),
            Encoding::Gzip => {
                let mut out = flate2::write::GzEncoder::new(
                    Vec::with_capacity(body.len() / 3),
                    flate2::Compression::default(),
                );
                // Writing into a Vec cannot fail.
                let _ = out.write_all(body);
                Bytes::from(out.finish().unwrap_or_default())
            }
            Encoding::Brotli => {
                let mut out = Vec::with_capacity(body.len() / 3);
                {
                    let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
                    let _ = writer.write_all(body);
                }
                Bytes::from(out)
            }
        }
    }
}

/// Whether a response with these headers is worth compressing: text, not media, not ranges.
pub fn compressible(h: &HeaderMap) -> bool {
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
}

/// Which responses are worth compressing: text, not media, not byte ranges.
pub fn compression() -> CompressionLayer<impl Predicate> {
    let textual = |_: StatusCode,
                   _: axum::http::Version,
                   h: &HeaderMap,
                   _: &axum::http::Extensions| { compressible(h) };
    CompressionLayer::new().compress_when(SizeAbove::new(MIN_COMPRESSED as u16).and(textual))
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

    fn accepting(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).expect("v"),
        );
        h
    }

    #[test]
    fn brotli_then_gzip_unless_refused() {
        assert_eq!(
            Encoding::preferred(&accepting("gzip, deflate, br")),
            Encoding::Brotli
        );
        assert_eq!(
            Encoding::preferred(&accepting("br;q=0, gzip;q=0.5")),
            Encoding::Gzip
        );
        assert_eq!(
            Encoding::preferred(&accepting("deflate")),
            Encoding::Identity
        );
        assert_eq!(Encoding::preferred(&HeaderMap::new()), Encoding::Identity);
    }

    #[test]
    fn encoded_bodies_decode_to_the_same_bytes() {
        use std::io::Read;
        let page = "<p>Иванов Пётр Семёнович</p>".repeat(50);
        let mut back = Vec::new();
        brotli_decompressor::Decompressor::new(&Encoding::Brotli.encode(page.as_bytes())[..], 4096)
            .read_to_end(&mut back)
            .expect("brotli");
        assert_eq!(back, page.as_bytes());
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&Encoding::Gzip.encode(page.as_bytes())[..])
            .read_to_end(&mut back)
            .expect("gzip");
        assert_eq!(back, page.as_bytes());
    }
}
