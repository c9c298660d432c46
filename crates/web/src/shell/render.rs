//! Rendering a page: one function, so a template error is logged once and answered as 500.

use crate::shell::error::AppError;
use askama::Template;
use axum::response::Html;

/// The one way to render a page.
pub fn render_html(page: &impl Template) -> Result<Html<String>, AppError> {
    page.render().map(Html).map_err(|e| {
        tracing::error!(error = %e, "template rendering failed");
        AppError::Internal
    })
}
