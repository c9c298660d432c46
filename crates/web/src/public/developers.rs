//! `GET /developers`: what the museum offers programs — the JSON API and its OpenAPI
//! description, OAI-PMH, IIIF, oEmbed, the feed and the sitemap — with examples a school's
//! programmer or a library's harvester can paste into a terminal.

use super::{Layout, PageContext, render_html};
use crate::App;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use askama::Template;
use axum::extract::State;
use axum::response::Html;

#[derive(Template)]
#[template(path = "public/developers.html")]
struct DevelopersPage {
    layout: Layout,
    t: Tr,
    /// The site's address in the examples: the configured public one, else this machine's.
    base: String,
}

/// Where the examples point when the site has no public address and is not asked for by a
/// loopback name either (a test proxy, a misconfigured host): the reader replaces it.
const PLACEHOLDER_BASE: &str = "https://letopis.example.ru";

pub async fn page(State(app): State<App>, ctx: PageContext) -> Result<Html<String>, AppError> {
    let base = app
        .config()
        .public_url
        .as_deref()
        .map(|url| url.trim_end_matches('/').to_string())
        .or_else(|| {
            ctx.loopback_host
                .as_ref()
                .map(|host| format!("http://{host}"))
        })
        .unwrap_or_else(|| PLACEHOLDER_BASE.to_string());
    render_html(&DevelopersPage {
        layout: ctx.layout(&app, ctx.t.msg("developers-title")),
        t: ctx.t,
        base,
    })
}
