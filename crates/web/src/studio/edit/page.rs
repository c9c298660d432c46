//! `GET /studio/records/{id}`: the edit page of one record, with the notice of the last action.

use super::view::{Again, edit_page};
use crate::App;
use crate::shell::error::AppError;
use crate::studio::Staff;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Done {
    done: String,
}

pub async fn page(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    edit_page(
        &app,
        &staff,
        id,
        Again {
            notice: Some(q.done),
            ..Again::default()
        },
    )
    .await
}
