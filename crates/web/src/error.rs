//! The one error type of the web layer, and the one place where errors become pages or JSON.
//!
//! Handlers return [`AppError`] and stay on their happy path. [`render_errors`] turns every error
//! response into a Russian page (or, under `/api/`, a JSON error with a stable code), including
//! the framework's own rejections (a malformed path, a wrong method), so visitors never see an
//! English one-liner or an internal message.

use crate::App;
use crate::public::{Layout, render_html};
use askama::Template;
use axum::Json;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use letopis_store::StoreError;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AppError {
    #[error("Такой страницы нет.")]
    NotFound,
    /// The message says what was wrong with the request and how to write it instead.
    #[error("{0}")]
    BadRequest(String),
    #[error("Такой запрос по этому адресу не принимается: сайт открыт только для чтения.")]
    MethodNotAllowed,
    #[error("Музей временно недоступен: хранилище не отвечает.")]
    Unavailable,
    #[error("На сервере произошла ошибка. Подробности записаны в журнал сервера.")]
    Internal,
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A stable machine code for the JSON API.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound => "not_found",
            AppError::BadRequest(_) => "bad_request",
            AppError::MethodNotAllowed => "method_not_allowed",
            AppError::Unavailable => "unavailable",
            AppError::Internal => "internal",
        }
    }

    /// What the visitor can do about it.
    fn advice(&self) -> &'static str {
        match self {
            AppError::NotFound => {
                "Проверьте адрес страницы. Возможно, запись ещё готовится к публикации или её \
                 сняли. Поиск по музею появится позже, а пока найдите нужное через разделы ниже."
            }
            AppError::BadRequest(_) => {
                "Проверьте адрес страницы или вернитесь на главную и откройте нужный раздел."
            }
            AppError::MethodNotAllowed => "Откройте страницу обычной ссылкой.",
            AppError::Unavailable | AppError::Internal => {
                "Обновите страницу через минуту. Если ошибка повторяется, сообщите сотрудникам \
                 музея, когда и на какой странице она случилась."
            }
        }
    }

    /// An error for a status produced outside our handlers (a framework rejection, a file
    /// service), so that it still gets a Russian explanation.
    fn from_status(status: StatusCode) -> AppError {
        match status {
            StatusCode::NOT_FOUND => AppError::NotFound,
            StatusCode::METHOD_NOT_ALLOWED => AppError::MethodNotAllowed,
            StatusCode::SERVICE_UNAVAILABLE => AppError::Unavailable,
            s if s.is_server_error() => AppError::Internal,
            _ => AppError::BadRequest("Запрос составлен неверно.".into()),
        }
    }
}

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
        let mut response = (self.status(), self.to_string()).into_response();
        response.extensions_mut().insert(self);
        response
    }
}

/// The fallback for addresses no route knows.
pub async fn not_found() -> AppError {
    AppError::NotFound
}

#[derive(Template)]
#[template(path = "public/error.html")]
struct ErrorPage<'a> {
    layout: Layout,
    status: u16,
    message: String,
    advice: &'a str,
}

/// Replaces the body of every error response with a Russian page or a JSON error.
pub async fn render_errors(State(app): State<App>, request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let status = response.status();
    // 416 and friends from the file service carry the headers a client needs; keep them.
    let is_error = status.is_client_error() || status.is_server_error();
    if !is_error || status == StatusCode::RANGE_NOT_SATISFIABLE {
        return response;
    }
    let error = match response.extensions().get::<AppError>() {
        Some(e) => e.clone(),
        // A handler that wrote its own error body (the health check) meant it.
        None if has_own_body(&response) => return response,
        None => AppError::from_status(status),
    };
    let (mut parts, _) = response.into_parts();
    let mut rendered = if api {
        json_error(&error)
    } else {
        html_error(&app, &error)
    };
    parts.headers.remove(header::CONTENT_TYPE);
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.extend(rendered.headers_mut().drain());
    Response::from_parts(parts, rendered.into_body())
}

fn has_own_body(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/json") || ct.starts_with("text/html"))
}

fn json_error(error: &AppError) -> Response {
    let body = serde_json::json!({
        "error": { "code": error.code(), "message": error.to_string() }
    });
    Json(body).into_response()
}

fn html_error(app: &App, error: &AppError) -> Response {
    let page = ErrorPage {
        layout: Layout::new(app, error_title(error)),
        status: error.status().as_u16(),
        message: error.to_string(),
        advice: error.advice(),
    };
    match render_html(&page) {
        Ok(html) => html.into_response(),
        Err(_) => {
            let mut plain = error.to_string().into_response();
            plain.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            );
            plain
        }
    }
}

fn error_title(error: &AppError) -> &'static str {
    match error {
        AppError::NotFound => "Страница не найдена",
        AppError::BadRequest(_) => "Неверный запрос",
        AppError::MethodNotAllowed => "Запрос не принимается",
        AppError::Unavailable => "Музей временно недоступен",
        AppError::Internal => "Ошибка на сервере",
    }
}
