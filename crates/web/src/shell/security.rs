//! Security headers on every response. The policy allows only the portal's own origin: no
//! third-party fonts, scripts, styles or trackers (DESIGN.md, invariant 5). The one exception is
//! the tile server the operator configured for the map, which is added to `img-src` only.

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use tower_http::set_header::SetResponseHeaderLayer;

/// Media files get a stricter policy: opened on their own they must never run as a page.
pub const MEDIA_CONTENT_SECURITY_POLICY: &str = "default-src 'none'; sandbox";

/// The page policy; `tile_origin` is the configured tile server's origin, already checked by
/// [`crate::tiles::tile_origin`] to hold nothing that could end or widen a directive.
fn content_security_policy(tile_origin: Option<&str>) -> String {
    let img_src = match tile_origin {
        Some(origin) => format!("'self' {origin}"),
        None => "'self'".to_string(),
    };
    format!(
        "default-src 'self'; img-src {img_src}; media-src 'self'; \
         style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'; form-action 'self'"
    )
}

/// Two years, the figure browsers' preload lists ask for; sent only when the operator said the
/// portal is reached over https, because over plain http the header is ignored, and sent
/// wrongly it would lock visitors out of a site that has no certificate.
const HSTS: &str = "max-age=63072000";

pub fn with_headers<S: Clone + Send + Sync + 'static>(
    router: Router<S>,
    tile_origin: Option<&str>,
    https: bool,
) -> Router<S> {
    // `if_not_present` lets the media handler keep its stricter policy.
    let set =
        |name: HeaderName, value: HeaderValue| SetResponseHeaderLayer::if_not_present(name, value);
    let policy = HeaderValue::from_str(&content_security_policy(tile_origin)).unwrap_or_else(|e| {
        tracing::error!(error = %e, "the tile origin made the policy invalid; left out");
        HeaderValue::from_str(&content_security_policy(None))
            .unwrap_or(HeaderValue::from_static("default-src 'self'"))
    });
    let router = if https {
        router.layer(set(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        ))
    } else {
        router
    };
    router
        .layer(axum::middleware::from_fn(private_when_signed_in))
        .layer(set(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(set(header::CONTENT_SECURITY_POLICY, policy))
        .layer(set(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
}

/// A page rendered for someone signed in may hold drafts, health data or a narrator's contacts:
/// no shared cache (a school's proxy, a library's) may keep it, and the browser must not keep it
/// on disk either (a shared computer). Decided by the session cookie the request carried: an
/// expired cookie costs only a cache miss.
async fn private_when_signed_in(request: Request, next: Next) -> Response {
    let signed_in =
        crate::shell::prefs::cookie(request.headers(), crate::shell::session::SESSION_COOKIE)
            .is_some();
    let mut response = next.run(request).await;
    if signed_in {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_tile_host_is_added_and_only_to_images() {
        let plain = content_security_policy(None);
        assert!(plain.contains("img-src 'self';"), "{plain}");
        let tiled = content_security_policy(Some("https://*.tile.example.org"));
        assert!(
            tiled.contains("img-src 'self' https://*.tile.example.org;"),
            "{tiled}"
        );
        assert_eq!(tiled.matches("example.org").count(), 1);
    }
}
