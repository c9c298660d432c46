//! The two switches in the header: the interface language and the version for the visually
//! impaired. Both are plain links and a plain form (no JavaScript): they set a cookie and send
//! the visitor back to the page they were on, which then renders with the new preference.
//!
//! `GET /lang/{ru|en}?back=/path?query`,
//! `GET /low-vision?mode=on|off|set&back=…&size=…&scheme=…&images=…&line=…&letters=…` and
//! `GET /school?mode=on|off&age=0|6|12|16&back=…` (school mode, 12+ unless `age` says).
//! They are GETs on purpose: a preference changes nothing in the museum, and a link works in
//! every browser, kiosk and screen reader. `back` is checked by [`prefs::local_path`], so neither
//! switch can send anyone to another site.

use crate::shell::error::AppError;
use crate::shell::i18n::Lang;
use crate::shell::prefs::{self, LOW_VISION_COOKIE, LowVision, Prefs};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

type Params = Query<Vec<(String, String)>>;

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .rev()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// 303 back to the page, with the cookie set.
fn back_with(cookie: HeaderValue, back: Option<&str>) -> Response {
    let location = prefs::local_path(back);
    let location = HeaderValue::from_str(&location).unwrap_or(HeaderValue::from_static("/"));
    (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, location),
            (header::SET_COOKIE, cookie),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
    )
        .into_response()
}

pub async fn language(
    Path(code): Path<String>,
    Query(params): Params,
) -> Result<Response, AppError> {
    let lang = Lang::from_code(&code).ok_or(AppError::NotFound)?;
    let cookie = prefs::set_cookie(prefs::LANG_COOKIE, lang.code());
    Ok(back_with(cookie, param(&params, "back")))
}

pub async fn low_vision(
    uri: Uri,
    headers: HeaderMap,
    query: Result<Params, QueryRejection>,
) -> Response {
    // A query the decoder refuses is treated as empty: this is a preference, not data.
    let params = query.map(|Query(p)| p).unwrap_or_default();
    let back = param(&params, "back");
    if param(&params, "mode") == Some("off") {
        return back_with(prefs::clear_cookie(LOW_VISION_COOKIE), back);
    }
    let current = Prefs::read(&uri, &headers).low_vision.unwrap_or_default();
    let chosen: LowVision = current.apply(params.iter().map(|(n, v)| (n.as_str(), v.as_str())));
    back_with(
        prefs::set_cookie(LOW_VISION_COOKIE, &chosen.cookie_value()),
        back,
    )
}

/// School mode on (with its age limit, 12+ unless `age` names another that school mode offers)
/// or off. An `age` it does not offer is not an error: school mode is switched on at 12+.
pub async fn school(query: Result<Params, QueryRejection>) -> Response {
    let params = query.map(|Query(p)| p).unwrap_or_default();
    let back = param(&params, "back");
    if param(&params, "mode") == Some("off") {
        return back_with(prefs::clear_cookie(prefs::SCHOOL_COOKIE), back);
    }
    let limit = param(&params, "age")
        .and_then(prefs::school_limit)
        .unwrap_or(prefs::SCHOOL_DEFAULT);
    back_with(
        prefs::set_cookie(prefs::SCHOOL_COOKIE, &limit.years().to_string()),
        back,
    )
}
