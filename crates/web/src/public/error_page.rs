//! Error pages: every error response becomes a page in the visitor's language (with the public
//! site's frame and, for a missing page, records with similar names), or under `/api/` a JSON
//! error with a stable code — including the framework's own rejections.

use crate::App;
use crate::public::PageContext;
use crate::public::{Layout, render_html};
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use askama::Template;
use axum::Json;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The fallback for addresses no route knows.
pub async fn not_found() -> AppError {
    AppError::NotFound
}

#[derive(Template)]
#[template(path = "public/error.html")]
struct ErrorPage {
    layout: Layout,
    t: Tr,
    status_text: String,
    message: String,
    advice: String,
    /// 404s offer a search box and the sections; other errors only a way home.
    not_found: bool,
    /// Visible records whose names resemble the words of the unknown address.
    similar: Vec<crate::public::Link>,
}

/// Replaces the body of every error response with a page in the visitor's language, or a JSON
/// error under `/api/`.
pub async fn render_errors(State(app): State<App>, request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/") || request.uri().path() == "/oembed";
    let path = request.uri().path().to_string();
    let ctx =
        PageContext::new(request.uri(), request.headers()).on_device(&app, request.extensions());
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
        json_error(&error, &ctx.t)
    } else {
        let similar = if error == AppError::NotFound {
            // What the visitor may see: a school's pupil is not offered a 16+ title here either.
            let viewer = crate::shell::viewer::limited(
                letopis_core::Viewer::anonymous(),
                &ctx.prefs,
                ctx.prefs.kiosk.is_some(),
            );
            similar_records(&app, &path, viewer).await
        } else {
            Vec::new()
        };
        html_error(&app, &ctx, &error, similar)
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

fn json_error(error: &AppError, t: &Tr) -> Response {
    let body = serde_json::json!({
        "error": { "code": error.code(), "message": error.message(t) }
    });
    Json(body).into_response()
}

/// How many similar records a 404 page offers.
const SIMILAR: usize = 5;

/// Records whose names start like the words of the address's last part
/// (`/persons/ivanov-petr` → «ivanov petr»), through the search index and the gate.
async fn similar_records(
    app: &App,
    path: &str,
    viewer: letopis_core::Viewer,
) -> Vec<crate::public::Link> {
    let last = path.rsplit('/').find(|p| !p.is_empty()).unwrap_or("");
    let decoded = percent_decode(last);
    let words: String = decoded
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    if words.trim().is_empty() || words.trim().chars().all(|c| c.is_ascii_digit()) {
        return Vec::new();
    }
    let mut request = letopis_search::Request::new(words);
    request.per_page = SIMILAR;
    let Ok(found) = crate::public::search::run(app, viewer, request).await else {
        return Vec::new();
    };
    found
        .results
        .hits
        .iter()
        .filter_map(|h| found.record(h.id))
        .map(|r| {
            crate::public::Link::new(
                crate::public::record_href(r.record.kind(), &r.record.meta.slug),
                r.record.title(),
            )
        })
        .collect()
}

/// `%D0%98` → «И»; malformed escapes are kept as they are.
fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

fn html_error(
    app: &App,
    ctx: &PageContext,
    error: &AppError,
    similar: Vec<crate::public::Link>,
) -> Response {
    let t = ctx.t;
    let page = ErrorPage {
        layout: ctx.layout(app, error.title(&t)),
        t,
        status_text: t.args(
            "error-status",
            &[("status", error.status().as_u16().to_string().into())],
        ),
        message: error.message(&t),
        advice: error.advice(&t),
        not_found: *error == AppError::NotFound,
        similar,
    };
    match render_html(&page) {
        Ok(html) => html.into_response(),
        Err(_) => {
            let mut plain = error.message(&t).into_response();
            plain.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            );
            plain
        }
    }
}
