//! Residents' stories of their heroes («Герои города», issue #7), the parts both sides share:
//! the private links a contributor works through and the letters they receive.
//!
//! - `resident`: the public side: the step-by-step form without an account, the preview, the
//!   private status page (answer a question, add files, withdraw).
//! - `files`: photographs and documents: checked by content, images re-encoded, size-limited,
//!   served only through the private link or to moderators.
//! - `withdraw`: a withdrawal is total: published parts are closed and unmerged, the family's
//!   words erased.
//! - the moderation queue lives in the studio (`studio::submissions`).
//!
//! A submission is never public: drafts and sent submissions live in their own tables, and only
//! a moderator's decision makes ordinary records of it, under a consent, through the one gate.

pub mod excursions;
pub(crate) mod files;
pub(crate) mod letters;
pub mod page;
pub(crate) mod resident;
pub(crate) mod withdraw;

use crate::App;
use crate::shell::auth::{random_token, token_hash};
use crate::shell::error::AppError;

/// A fresh secret for a private link, and the hash the store keeps.
pub(crate) fn secret() -> Result<(String, String), AppError> {
    let token = random_token().map_err(|e| {
        tracing::error!(error = %e, "no randomness");
        AppError::Internal
    })?;
    let hash = token_hash(&token);
    Ok((token, hash))
}

/// The path of a submission's private status page.
pub(crate) fn status_path(token: &str) -> String {
    format!("/contribute/s/{token}")
}

/// Issues one more private link to the submission (each letter carries its own: only hashes
/// are kept) and returns its path.
pub(crate) async fn new_link(app: &App, id: i64) -> Result<String, AppError> {
    let (token, hash) = secret()?;
    app.contributions_call(move |c| {
        c.add_link(
            letopis_core::SubmissionId(id),
            &hash,
            jiff::Timestamp::now(),
        )
    })
    .await?;
    Ok(status_path(&token))
}

/// How long an untouched draft is kept: long enough to come back after asking the family for
/// a date, short enough that abandoned personal data does not linger.
pub const DRAFT_KEPT_DAYS: i64 = 30;

/// Removes drafts untouched for [`DRAFT_KEPT_DAYS`] and the files only they held. The server
/// runs it every hour; returns how many files went.
pub async fn purge_abandoned_drafts(app: &App) -> Result<usize, AppError> {
    let since = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(24 * DRAFT_KEPT_DAYS);
    let orphans = app
        .contributions_call(move |c| c.purge_drafts(since))
        .await?;
    let n = orphans.len();
    files::remove_orphans(app, orphans).await;
    Ok(n)
}
