//! A withdrawal is total. (Placeholder until the moderation branch lands: erases an unpublished
//! submission; a published one is refused.)

use crate::App;
use crate::error::AppError;
use letopis_store::contributions::Submission;

pub(crate) async fn withdraw(
    app: &App,
    submission: &Submission,
    _actor_label: &str,
) -> Result<(), AppError> {
    if submission.story.is_some() {
        return Err(AppError::Unavailable);
    }
    let id = submission.id;
    let orphans = app
        .contributions_call(move |c| c.erase(id, jiff::Timestamp::now()))
        .await?;
    super::files::remove_orphans(app, orphans).await;
    Ok(())
}
