//! The conference (roadmap activity 10, issue #18): `/conference` shows the current one — its
//! call for papers, the programme as the committee builds it, and the proceedings — and
//! `/conference/submit` takes a paper from its author (with the PDF, the consent to process the
//! author's data and to publish the paper if accepted), confirmed by the link in a letter
//! (`/conference/confirm/{token}`). The committee's side is `studio::conference`.
//!
//! Papers are private until accepted: the programme shows accepted papers' titles, authors and
//! affiliations, which the author agreed to by sending; the proceedings are items of the base,
//! read through the gate like any record (a withdrawn item leaves the list at once).

mod page;
mod submit;

use crate::App;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;

/// Erases the papers whose authors never opened the confirmation link within a week, with
/// their files (the hourly purge). Returns how many.
pub async fn erase_unconfirmed(app: &App) -> Result<u64, crate::shell::error::AppError> {
    let before = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(24 * UNCONFIRMED_DAYS);
    let hashes = app
        .accounts_call(move |a| a.erase_unconfirmed_papers(before))
        .await?;
    let n = hashes.len() as u64;
    crate::contributions::files::remove_orphans(app, hashes).await;
    Ok(n)
}

/// How long a paper waits for its author's confirmation.
pub(crate) const UNCONFIRMED_DAYS: i64 = 7;

/// The largest paper: a text with a few illustrations.
pub(crate) const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/conference", get(page::page))
        .route(
            "/conference/submit",
            get(submit::form)
                .post(submit::send)
                .layer(DefaultBodyLimit::max(MAX_FILE_BYTES + 256 * 1024)),
        )
        .route(
            "/conference/confirm/{token}",
            get(submit::confirm_page).post(submit::confirm),
        )
}
