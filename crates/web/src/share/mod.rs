//! Sharing the museum outside the portal (issue #18), with no third party's code anywhere:
//!
//! - share links — plain links to VK's, Telegram's and Одноклассники's own share pages and an
//!   e-mail, on every public record (`shell::share_links`); nothing loads from those sites until
//!   a visitor follows one;
//! - share cards — the 1200×630 picture a messenger shows beside the link (`og:image`), drawn by
//!   the portal for every record and for the site ([`card`]);
//! - embeds — a record, a story or an interview fragment on another site (a school's, the
//!   city's) in an iframe ([`embed`]), found by oEmbed consumers through `/oembed` ([`oembed`]).
//!
//! Everything here is read as the *anonymous* visitor, whoever asks: a card or an embed is
//! copied to places the museum never sees again, so it may hold only what the gate shows the
//! whole world, and it must change (or vanish) the moment the record does — so each is a page
//! of the page cache, dropped by the change feed like the record's own page.

pub mod card;
pub mod embed;
pub mod oembed;

use crate::App;
use crate::shell::i18n::{Lang, Tr};
use crate::summary::{life_dates, summary};
use axum::Router;
use axum::routing::get;
use letopis_core::Body;

pub use crate::shell::share_links::{card_path, embed_path};

pub fn routes() -> Router<App> {
    Router::new()
        .route("/card.jpg", get(card::site))
        .route("/{plural}/{key}/card.jpg", get(card::record))
        .route("/embed/{plural}/{key}", get(embed::page))
        .route("/oembed", get(oembed::oembed))
}

/// The museum's name in the visitor's language: the configured name in Russian, the English
/// site's own otherwise.
pub(crate) fn site_name(app: &App, t: &Tr) -> String {
    match t.lang() {
        Lang::Ru => app.config().site_name.clone(),
        Lang::En => t.msg("site-name"),
    }
}

/// The line under a record's name on a card or an embed: a person's life years, else the
/// record's one-line summary (an exhibition's lead is the sentence below instead).
pub(crate) fn dates(body: &Body, t: &Tr) -> String {
    match body {
        Body::Person(p) => life_dates(p, t).unwrap_or_default(),
        Body::Story(_) | Body::Collection(_) => String::new(),
        _ => summary(body, t),
    }
}
