//! `GET /{plural}/{slug}/card.jpg` and `GET /card.jpg`: the share cards of a record and of the
//! site, 1200×630 JPEG drawn by `letopis_graphics::card` — the picture the record's page shows
//! (a portrait, an object, a cover) or the initials, the name, the years, one sentence, the
//! museum's mark. Read as the anonymous visitor; kept by the page cache and dropped with the
//! record, like its page.

use crate::App;
use crate::seo::SiteBase;
use crate::seo::social::description;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use crate::shell::links::kind_label;
use crate::shell::picture::Picture;
use crate::shell::prefs::Prefs;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use letopis_core::entities::MediaRef;
use letopis_core::{Body, Kind, Viewer};
use letopis_graphics::card::{self, Card};

/// The card's words, owned, before they are drawn.
struct Words {
    kind: String,
    title: String,
    dates: String,
    text: String,
    initials: String,
}

pub async fn record(
    State(app): State<App>,
    Path((plural, key)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let kind = Kind::from_plural(&plural).ok_or(AppError::NotFound)?;
    let t = Prefs::read(&uri, &headers).tr();
    let anonymous = Viewer::anonymous();
    let record = app
        .read_now(&anonymous, |gate| gate.by_slug(kind, &key))?
        .ok_or(AppError::NotFound)?;
    let record = &record.record;
    let words = Words {
        kind: kind_label(&t, kind),
        title: record.title(),
        dates: super::dates(&record.body, &t),
        text: description(&record.body, &t),
        initials: initials(&record.body),
    };
    let picture = Picture::media_of(record).cloned();
    draw(&app, &headers, &t, words, picture).await
}

pub async fn site(
    State(app): State<App>,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let t = Prefs::read(&uri, &headers).tr();
    let words = Words {
        kind: String::new(),
        title: super::site_name(&app, &t),
        dates: t.msg("site-tagline"),
        text: t.msg("seo-site-description"),
        initials: String::new(),
    };
    draw(&app, &headers, &t, words, None).await
}

async fn draw(
    app: &App,
    headers: &HeaderMap,
    t: &Tr,
    words: Words,
    picture: Option<MediaRef>,
) -> Result<Response, AppError> {
    // The band names the site's address when it is known: the card travels without its link.
    let base = SiteBase::from_request(app.config(), headers);
    let host = base
        .absolute("")
        .map(|b| {
            b.trim_start_matches("https://")
                .trim_start_matches("http://")
                .to_string()
        })
        .unwrap_or_default();
    let site_line = [t.msg("site-tagline"), host]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let site_name = super::site_name(app, t);
    // Decoding a picture takes tens of megabytes for a moment: cards are drawn one or two at a
    // time, with the thumbnails (the memory budget); the page cache keeps what was drawn.
    let _turn = crate::media::MAKING_THUMBNAILS
        .acquire()
        .await
        .map_err(|_| AppError::Unavailable)?;
    let blobs = app.blobs();
    let jpeg = tokio::task::spawn_blocking(move || {
        let fitted = picture
            .filter(|m| crate::media::is_raster_image(&m.mime))
            .and_then(|m| {
                let bytes = blobs.read(&m.sha256).ok()?;
                letopis_media::derive::decode_upright(&bytes)
                    .inspect_err(
                        |e| tracing::warn!(sha256 = %m.sha256, error = %e, "no card picture"),
                    )
                    .ok()
            })
            .map(|image| card::fit(&image));
        card::draw(&Card {
            kind: &words.kind,
            title: &words.title,
            dates: &words.dates,
            text: &words.text,
            site_name: &site_name,
            site_line: &site_line,
            picture: fitted.as_ref(),
            initials: &words.initials,
        })
    })
    .await
    .map_err(|_| AppError::Internal)?
    .map_err(|e| {
        tracing::error!(error = %e, "a share card could not be encoded");
        AppError::Internal
    })?;
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg")),
            // Messengers fetch a card once and keep it; a short life lets a changed record's
            // card be fetched anew by those that ask again.
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        jpeg,
    )
        .into_response())
}

/// A person's initials, given name first («ПИ» for Иванов Пётр); empty for other records,
/// whose cards without a picture are text across the whole width.
fn initials(body: &Body) -> String {
    let Body::Person(p) = body else {
        return String::new();
    };
    [&p.name.given, &p.name.surname]
        .iter()
        .filter_map(|part| part.chars().find(|c| c.is_alphabetic()))
        .flat_map(char::to_uppercase)
        .collect()
}
