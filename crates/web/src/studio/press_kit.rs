//! `/studio/press-kit/{plural}/{slug}`: a press kit for a journalist — a record's or an
//! exhibition's text, its pictures with their credits and licences, quotes, the address to cite,
//! the share card and the embed code — ready to print or copy (issue #18).
//!
//! Built from what the whole world may see (the anonymous visitor's gate), never from the
//! studio's view of the record: what goes to the press is what is published, with a narrator's
//! pseudonym and closed stretches as the public has them.

use super::media_plan::Press;
use super::{Frame, render};
use crate::App;
use crate::public::record::view::{self, Cue, Image, Quote, Text};
use crate::shell::base_url::SiteBase;
use crate::shell::error::AppError;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use letopis_core::entities::Block;
use letopis_core::{Body, Kind, Viewer};

/// How many transcript lines an interview's kit quotes.
const QUOTED_LINES: usize = 6;

#[derive(Template)]
#[template(path = "studio/press_kit.html")]
struct KitPage {
    frame: Frame,
    kind: String,
    subtitle: String,
    facts: Vec<(String, String)>,
    texts: Vec<Text>,
    images: Vec<(Image, String)>,
    quotes: Vec<Quote>,
    lines: Vec<Cue>,
    address: String,
    card: String,
    embed_code: String,
}

pub async fn page(
    State(app): State<App>,
    Press(staff): Press,
    Path((plural, slug)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let kind = Kind::from_plural(&plural).ok_or(AppError::NotFound)?;
    let t = staff.t;
    let seen = app
        .read(Viewer::anonymous(), move |gate| {
            match gate.by_slug(kind, &slug)? {
                Some(r) => Ok(Some(gate.seen(r)?)),
                None => Ok(None),
            }
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let record = &seen.record.record;
    let page = view::build(&seen, t);
    let site = app.config().site_name.clone();
    // Credits: an object's rights as the museum recorded them; the rest are the museum's own.
    let credit = match &record.body {
        Body::Item(i) if !i.rights.trim().is_empty() => i.rights.clone(),
        _ => t.args("press-kit-credit", &[("site", site.clone().into())]),
    };
    let quotes = match &record.body {
        Body::Story(s) => s
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Quote {
                    text, attribution, ..
                } => Some(Quote {
                    text: text.clone(),
                    attribution: attribution.clone(),
                    link: None,
                }),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let base = SiteBase::from_request(app.config(), &headers);
    let path = crate::shell::links::record_href(kind, &record.meta.slug);
    let address = base.best(&path);
    let embed = base.best(&crate::shell::share_links::embed_path(&path));
    render(&KitPage {
        frame: Frame::new(&staff, page.title.clone(), "/studio/media-plan"),
        kind: page.kind_label.clone(),
        subtitle: page.subtitle.clone(),
        facts: page
            .facts
            .iter()
            .map(|f| (f.label.clone(), f.values.join(", ")))
            .collect(),
        images: page
            .images
            .into_iter()
            .map(|i| (i, credit.clone()))
            .collect(),
        texts: page.texts,
        quotes,
        lines: page.transcript.into_iter().take(QUOTED_LINES).collect(),
        card: base.best(&crate::shell::share_links::card_path(&path)),
        embed_code: crate::shell::share_links::iframe(
            &embed,
            &record.title(),
            crate::shell::share_links::DEFAULT_WIDTH,
            if kind == Kind::Interview {
                crate::shell::share_links::FRAGMENT_HEIGHT
            } else {
                crate::shell::share_links::CARD_HEIGHT
            },
        ),
        address,
    })
}
