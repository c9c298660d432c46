//! Security headers on every response. The policy allows only the portal's own origin: no
//! third-party fonts, scripts, styles or trackers (DESIGN.md, invariant 5). The one exception is
//! the tile server the operator configured for the map, which is added to `img-src` only.

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
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

pub fn with_headers<S: Clone + Send + Sync + 'static>(
    router: Router<S>,
    tile_origin: Option<&str>,
) -> Router<S> {
    // `if_not_present` lets the media handler keep its stricter policy.
    let set =
        |name: HeaderName, value: HeaderValue| SetResponseHeaderLayer::if_not_present(name, value);
    let policy = HeaderValue::from_str(&content_security_policy(tile_origin)).unwrap_or_else(|e| {
        tracing::error!(error = %e, "the tile origin made the policy invalid; left out");
        HeaderValue::from_str(&content_security_policy(None))
            .unwrap_or(HeaderValue::from_static("default-src 'self'"))
    });
    router
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
