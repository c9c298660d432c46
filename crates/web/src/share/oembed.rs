//! `GET /oembed?url=…`: the oEmbed 1.0 endpoint (<https://oembed.com>), so a school's or the
//! city's site that takes oEmbed (WordPress, Tilda, Drupal and the like) can paste the address of
//! a hero, an exhibition or an interview — `…/interviews/x?t=95,140` for a fragment — and get
//! the museum's iframe. Record pages name it in their heads (discovery).
//!
//! JSON only (`format=xml` is answered 501, as the specification says); `maxwidth` and
//! `maxheight` are honoured; an address that is not a visible record of this museum is 404,
//! with no hint of whether a hidden record is there.

use super::embed::{self, CARD_HEIGHT, DEFAULT_WIDTH, FRAGMENT_HEIGHT};
use crate::App;
use crate::seo::SiteBase;
use crate::shell::error::AppError;
use crate::shell::i18n::{Lang, Message};
use crate::shell::prefs::Prefs;
use crate::shell::share_links::iframe;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct Params {
    url: String,
    format: Option<String>,
    maxwidth: Option<String>,
    maxheight: Option<String>,
}

/// The query of a record's address: a fragment and a language.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
struct Asked {
    t: Option<String>,
    lang: Option<String>,
}

pub async fn oembed(
    State(app): State<App>,
    Query(params): Query<Params>,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let t = Prefs::read(&uri, &headers).tr();
    if let Some(format) = params.format.as_deref()
        && format != "json"
    {
        let body = serde_json::json!({
            "error": { "code": "not_implemented", "message": t.msg("oembed-json-only") }
        });
        return Ok((StatusCode::NOT_IMPLEMENTED, Json(body)).into_response());
    }
    let limit = |value: Option<&str>, default: u32| -> Result<u32, AppError> {
        match value.map(str::trim).filter(|v| !v.is_empty()) {
            None => Ok(default),
            Some(v) => v
                .parse::<u32>()
                .ok()
                .filter(|n| *n >= 120)
                .map(|n| n.min(default))
                .ok_or_else(|| AppError::BadRequest(Message::new("oembed-bad-size"))),
        }
    };
    let base = SiteBase::from_request(app.config(), &headers);
    let root = base.absolute("").ok_or(AppError::NotFound)?;
    let url = params.url.trim();
    if url.is_empty() {
        return Err(AppError::BadRequest(Message::new("oembed-no-url")));
    }
    // Only this museum's addresses; `http://` and `https://` of the same host are one site.
    let same_site = |u: &str| {
        let strip = |s: &str| {
            s.trim_start_matches("https://")
                .trim_start_matches("http://")
                .to_string()
        };
        strip(u).strip_prefix(&strip(&root)).map(str::to_string)
    };
    let rest = same_site(url).ok_or(AppError::NotFound)?;
    let rest = rest.split('#').next().unwrap_or_default();
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let path = path.strip_prefix("/embed").unwrap_or(path);
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    let [plural, key] = parts.as_slice() else {
        return Err(AppError::NotFound);
    };
    let asked: Asked = Query::try_from_uri(
        &format!("/?{query}")
            .parse()
            .map_err(|_| AppError::NotFound)?,
    )
    .map(|q| q.0)
    .unwrap_or_default();
    let lang = match asked.lang.as_deref() {
        Some("en") => Lang::En,
        _ => t.lang(),
    };
    let t = crate::shell::i18n::Tr::new(lang);
    let site_name = super::site_name(&app, &t);
    // The same reading as the embed itself: what it would show, or the same refusal.
    let page = embed::read(
        &app,
        plural,
        key,
        asked.t.as_deref(),
        &t,
        &base,
        &site_name,
        &root,
    )?;
    let mut src = format!("{root}{}", super::embed_path(page.path()));
    let mut query = Vec::new();
    if let Some(span) = asked.t.as_deref() {
        query.push(format!("t={}", crate::shell::prefs::encode_component(span)));
    }
    if lang == Lang::En {
        query.push("lang=en".into());
    }
    if !query.is_empty() {
        src = format!("{src}?{}", query.join("&"));
    }
    let height = if page.has_fragment() {
        FRAGMENT_HEIGHT
    } else {
        CARD_HEIGHT
    };
    let width = limit(params.maxwidth.as_deref(), DEFAULT_WIDTH)?;
    let height = limit(params.maxheight.as_deref(), height)?;
    let title = page.frame_title();
    let card = format!("{root}{}", super::card_path(page.path()));
    let body = serde_json::json!({
        "version": "1.0",
        "type": "rich",
        "provider_name": site_name,
        "provider_url": format!("{root}/"),
        "title": page.title(),
        "html": iframe(&src, &title, width, height),
        "width": width,
        "height": height,
        "thumbnail_url": card,
        "thumbnail_width": letopis_graphics::card::WIDTH,
        "thumbnail_height": letopis_graphics::card::HEIGHT,
        "cache_age": 3600,
    });
    let mut response = Json(body).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    // Consumers ask from their servers, but a page's own script may ask too.
    response.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    Ok(response)
}
