//! `GET /embed/{plural}/{slug}`: a record for another site's iframe — a hero, an object, a
//! place, an exhibition — and, for an interview, its voice: `?t=95,140` (seconds, or «1:35»)
//! plays only that fragment, with the words spoken in it.
//!
//! An embed lives on pages the museum does not control, so:
//! - it is read as the anonymous visitor through the gate, whoever's browser asks, and an
//!   interview's fragment is resolved as an exhibition's fragment is: a closed stretch, a part
//!   closed at the narrator's request or a withdrawn interview plays nowhere;
//! - it sets no cookie and uses none (the language is `?lang=en`, not remembered), loads nothing
//!   from anywhere but the museum, and links open the museum in a new tab;
//! - its policy lets any site frame it (`frame-ancestors *`), unlike every other page;
//! - errors are small pages that may be framed too, so a removed record shows a line, not a
//!   refused frame.

use crate::App;
use crate::public::record::story::{Fragment, block};
use crate::seo::SiteBase;
use crate::seo::social::description;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use crate::shell::links::{kind_label, record_href};
use crate::shell::picture::Picture;
use crate::shell::prefs::Prefs;
use crate::shell::render::render_html;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use letopis_core::entities::{Block, Story};
use letopis_core::lesson::parse_timecode;
use letopis_core::projection::{Source, resolve_story};
use letopis_core::{Body, Kind, Viewer};
use std::collections::HashMap;

pub use crate::shell::share_links::{CARD_HEIGHT, DEFAULT_WIDTH, FRAGMENT_HEIGHT};

/// The policy of embeds: the page policy, but any site may frame it.
const EMBED_POLICY: &str = "default-src 'self'; img-src 'self'; media-src 'self'; \
     style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; \
     form-action 'none'; frame-ancestors *";

#[derive(Template)]
#[template(path = "share/embed.html")]
pub struct EmbedPage {
    /// The record's address on the site (`/persons/x`).
    path: String,
    t: Tr,
    lang: &'static str,
    site_name: String,
    site_href: String,
    kind: String,
    title: String,
    dates: String,
    text: String,
    /// The record's page on the museum's site (absolute when the base is known).
    href: String,
    picture: Option<Picture>,
    fragment: Option<Fragment>,
}

/// The query: `t`, the fragment (`lang` is read with the other preferences).
#[derive(Debug, Default, serde::Deserialize)]
struct Params {
    t: Option<String>,
}

#[derive(Template)]
#[template(path = "share/embed_error.html")]
struct EmbedError {
    lang: &'static str,
    site_name: String,
    site_href: String,
    message: String,
}

pub async fn page(
    State(app): State<App>,
    Path((plural, key)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let t = Prefs::read(&uri, &headers).tr();
    let base = SiteBase::from_request(app.config(), &headers);
    let site_name = super::site_name(&app, &t);
    let site_href = base.best(&crate::seo::lang_path("/", t.lang()));
    let asked = axum::extract::Query::<Params>::try_from_uri(&uri)
        .map(|q| q.0.t)
        .map_err(|_| AppError::BadRequest(crate::shell::i18n::Message::new("embed-t-bad")));
    let rendered = asked
        .and_then(|asked| {
            read(
                &app,
                &plural,
                &key,
                asked.as_deref(),
                &t,
                &base,
                &site_name,
                &site_href,
            )
        })
        .and_then(|page| render_html(&page));
    let (status, body) = match rendered {
        Ok(html) => (StatusCode::OK, html),
        Err(error) => {
            let message = match &error {
                AppError::BadRequest(m) => t.message(m),
                AppError::NotFound | AppError::Gone => t.msg("embed-not-found"),
                _ => error.message(&t),
            };
            let page = EmbedError {
                lang: t.lang().code(),
                site_name,
                site_href,
                message,
            };
            match render_html(&page) {
                Ok(html) => (error.status(), html),
                Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
            }
        }
    };
    let mut response = (status, body).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(EMBED_POLICY),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    response
}

impl EmbedPage {
    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn has_fragment(&self) -> bool {
        self.fragment.is_some()
    }

    /// The iframe's `title`, for screen readers: «Герой: Иванов Пётр Семёнович — Летопись».
    pub fn frame_title(&self) -> String {
        format!("{}: {} — {}", self.kind, self.title, self.site_name)
    }
}

/// What the embed of `plural`/`key` shows to anyone, with `asked` its fragment (`t=`).
#[allow(clippy::too_many_arguments)]
pub(super) fn read(
    app: &App,
    plural: &str,
    key: &str,
    asked: Option<&str>,
    t: &Tr,
    base: &SiteBase,
    site_name: &str,
    site_href: &str,
) -> Result<EmbedPage, AppError> {
    let kind = Kind::from_plural(plural).ok_or(AppError::NotFound)?;
    // Only the public site's kinds have pages to embed.
    if kind == Kind::Source {
        return Err(AppError::NotFound);
    }
    let span = asked.map(span).transpose()?;
    if span.is_some() && kind != Kind::Interview {
        return Err(AppError::BadRequest(crate::shell::i18n::Message::new(
            "embed-t-only-interviews",
        )));
    }
    let anonymous = Viewer::anonymous();
    let record = app
        .read_now(&anonymous, |gate| gate.by_slug(kind, key))?
        .ok_or(AppError::NotFound)?;
    let rec = &record.record;
    let fragment = match (&rec.body, span) {
        (Body::Interview(interview), span) => {
            let whole = interview.duration_ms();
            let (start, end) = span.unwrap_or((0, whole));
            if whole > 0 && start >= whole {
                return Err(AppError::BadRequest(
                    crate::shell::i18n::Message::new("embed-t-beyond")
                        .arg("length", crate::shell::text::timecode(whole)),
                ));
            }
            let end = if whole > 0 { end.min(whole) } else { end };
            // Resolved as an exhibition's fragment is: what the narrator closed is absent.
            let story = Story {
                blocks: vec![Block::Audio {
                    interview: rec.id(),
                    start_ms: start,
                    end_ms: end,
                }],
                ..Story::default()
            };
            let (resolved, _) = resolve_story(&story, |id| {
                Some(if id == rec.id() {
                    Source::Shown(&rec.body)
                } else {
                    Source::Hidden { until: None }
                })
            });
            let refs = HashMap::from([(rec.id(), record.clone())]);
            let fragment = resolved
                .blocks
                .first()
                .and_then(|b| block(b, &refs, t).fragment);
            // Asked for a stretch that cannot be heard: say nothing of why.
            if span.is_some() && fragment.is_none() {
                return Err(AppError::NotFound);
            }
            fragment
        }
        _ => None,
    };
    let path = record_href(kind, &rec.meta.slug);
    let href = base.best(&crate::seo::lang_path(&path, t.lang()));
    let dates = super::dates(&rec.body, t);
    Ok(EmbedPage {
        path,
        t: *t,
        lang: t.lang().code(),
        site_name: site_name.to_string(),
        site_href: site_href.to_string(),
        kind: kind_label(t, kind),
        title: rec.title(),
        dates,
        text: description(&rec.body, t),
        href,
        picture: Picture::of_record(rec),
        fragment,
    })
}

/// `t=95,140`, `t=1:35,2:20` or `t=95` (to the end): the fragment in milliseconds.
fn span(text: &str) -> Result<(u32, u32), AppError> {
    let bad = || AppError::BadRequest(crate::shell::i18n::Message::new("embed-t-bad"));
    let (start, end) = match text.split_once(',') {
        Some((s, e)) => (
            parse_timecode(s).ok_or_else(bad)?,
            parse_timecode(e).ok_or_else(bad)?,
        ),
        None => (parse_timecode(text).ok_or_else(bad)?, u32::MAX),
    };
    if end <= start {
        return Err(bad());
    }
    Ok((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_is_read_in_seconds_or_timecodes() {
        assert_eq!(span("95,140").ok(), Some((95_000, 140_000)));
        assert_eq!(span("1:35,2:20").ok(), Some((95_000, 140_000)));
        assert_eq!(span("10").ok(), Some((10_000, u32::MAX)));
        assert!(span("140,95").is_err());
        assert!(span("abc").is_err());
        assert!(span("5,").is_err());
    }
}
