//! Who is reading. Every handler takes the viewer from this extractor, so that signing in (a
//! later issue) changes this one file and every read path follows.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use letopis_core::Viewer;
use std::convert::Infallible;

/// The viewer of the current request.
#[derive(Debug, Clone)]
pub struct CurrentViewer(pub Viewer);

impl<S: Send + Sync> FromRequestParts<S> for CurrentViewer {
    type Rejection = Infallible;

    async fn from_request_parts(_parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        // No accounts yet: everyone is an anonymous visitor.
        Ok(CurrentViewer(Viewer::anonymous()))
    }
}
