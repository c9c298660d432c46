//! The one error type of the web layer, and the one place where errors become pages or JSON.
//!
//! Handlers return [`AppError`] and stay on their happy path. [`render_errors`] turns every error
//! response into a page in the visitor's language (or, under `/api/`, a JSON error with a stable code), including
//! the framework's own rejections (a malformed path, a wrong method), so visitors never see an
//! English one-liner or an internal message.

use crate::shell::i18n::{Lang, Message, Tr};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use letopis_store::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppError {
    NotFound,
    /// A record that was published and then withdrawn: its address says so (410), without
    /// saying anything of what it held.
    Gone,
    /// The message says what was wrong with the request and how to write it instead.
    BadRequest(Message),
    MethodNotAllowed,
    /// Signed in, but without the role a studio page needs; or a form without its token.
    Forbidden,
    Unavailable,
    /// Too many searches at once (`shell::admission`): come back in a moment. Answered with
    /// `Retry-After`, never left to time out.
    Busy,
    Internal,
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Gone => StatusCode::GONE,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::Unavailable | AppError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A stable machine code for the JSON API; also names the messages in `errors.ftl`.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound => "not_found",
            AppError::Gone => "gone",
            AppError::BadRequest(_) => "bad_request",
            AppError::MethodNotAllowed => "method_not_allowed",
            AppError::Forbidden => "forbidden",
            AppError::Unavailable => "unavailable",
            AppError::Busy => "busy",
            AppError::Internal => "internal",
        }
    }

    fn key(&self, part: &str) -> String {
        format!("error-{}-{part}", self.code().replace('_', "-"))
    }

    /// What went wrong, in the visitor's language.
    pub fn message(&self, t: &Tr) -> String {
        match self {
            AppError::BadRequest(m) => t.message(m),
            other => t.msg(&other.key("message")),
        }
    }

    /// What the visitor can do about it.
    pub(crate) fn advice(&self, t: &Tr) -> String {
        t.msg(&self.key("advice"))
    }

    pub(crate) fn title(&self, t: &Tr) -> String {
        t.msg(&self.key("title"))
    }

    /// An error for a status produced outside our handlers (a framework rejection, a file
    /// service), so that it still gets an explanation in the visitor's language.
    pub(crate) fn from_status(status: StatusCode) -> AppError {
        match status {
            StatusCode::NOT_FOUND => AppError::NotFound,
            StatusCode::GONE => AppError::Gone,
            StatusCode::METHOD_NOT_ALLOWED => AppError::MethodNotAllowed,
            StatusCode::FORBIDDEN => AppError::Forbidden,
            StatusCode::SERVICE_UNAVAILABLE => AppError::Unavailable,
            s if s.is_server_error() => AppError::Internal,
            _ => AppError::BadRequest(Message::new("error-bad-request-generic")),
        }
    }
}

/// Russian, the museum's language: for logs and for code that has no visitor to ask.
impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(&Tr::new(Lang::Ru)))
    }
}

impl std::error::Error for AppError {}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> AppError {
        match e {
            StoreError::NotFound { .. } => AppError::NotFound,
            StoreError::Locked | StoreError::Unavailable(_) => {
                tracing::warn!(error = %e, "store unavailable");
                AppError::Unavailable
            }
            other => {
                tracing::error!(error = ?other, "store error on a read path");
                AppError::Internal
            }
        }
    }
}

impl IntoResponse for AppError {
    /// The body is filled in by [`render_errors`], which knows the site and the request path.
    fn into_response(self) -> Response {
        let mut response = self.status().into_response();
        if self == AppError::Busy {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(crate::shell::admission::RETRY_AFTER_SECONDS),
            );
        }
        response.extensions_mut().insert(self);
        response
    }
}
