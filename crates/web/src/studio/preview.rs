//! «Как видит посетитель»: any record's public page exactly as an anonymous visitor gets it
//! (issue #13), opened from the record's page in the studio.

use super::Staff;
use super::edit::{closure_text, load};
use crate::App;
use crate::public::PageContext;
use crate::shell::error::AppError;
use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::Response;
use letopis_core::{AccessLevel, RecordId};

pub async fn page(
    State(app): State<App>,
    staff: Staff,
    ctx: PageContext,
    Path(id): Path<i64>,
    uri: Uri,
) -> Result<Response, AppError> {
    // Only someone who may open the record in the studio may preview it.
    let stored = load(&app, &staff, id).await?;
    let t = staff.t;
    let mut because = closure_text(&t, &app, &stored).await?;
    let meta = &stored.record.meta;
    if because.is_empty() {
        because = match meta.embargo_until {
            Some(until) if until > letopis_core::today() => t.args(
                "studio-preview-embargo",
                &[("date", until.strftime("%d.%m.%Y").to_string().into())],
            ),
            _ => t.msg(match meta.access {
                AccessLevel::Public => "studio-access-level-public",
                AccessLevel::Registered => "studio-access-level-registered",
                AccessLevel::Staff => "studio-access-level-staff",
                AccessLevel::Groups(_) => "studio-access-level-groups",
            }),
        };
    }
    crate::public::record::preview(&app, ctx, RecordId(id), &uri, because).await
}
