//! «Как видит посетитель»: any record's public page exactly as an anonymous visitor gets it
//! (issue #13), opened from the record's page in the studio.

use super::Staff;
use super::edit::{closure_text, load};
use crate::App;
use crate::error::AppError;
use crate::public::PageContext;
use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::Response;
use letopis_core::RecordId;

pub async fn page(
    State(app): State<App>,
    staff: Staff,
    ctx: PageContext,
    Path(id): Path<i64>,
    uri: Uri,
) -> Result<Response, AppError> {
    // Only someone who may open the record in the studio may preview it.
    let stored = load(&app, &staff, id).await?;
    let because = closure_text(&app, &stored).await?;
    crate::public::record::preview(&app, ctx, RecordId(id), &uri, because).await
}
