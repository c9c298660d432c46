//! The media plan as the store keeps it (issue #18); the methods are on
//! [`Accounts`](crate::Accounts), beside the press office's people.

use jiff::Timestamp;
use letopis_core::UserId;
use letopis_core::media_plan::Publication;
use serde::Serialize;

/// A publication as stored: who put it in the plan, when it last changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredPublication {
    pub id: i64,
    pub publication: Publication,
    /// `None` once that account is gone (the plan stays with the museum).
    pub created_by: Option<UserId>,
    pub updated_at: Timestamp,
}
