//! Lesson kits, class links and tours as the store keeps them (issue #17); the methods are on
//! [`Accounts`](crate::Accounts), beside the people who own them.

use jiff::Timestamp;
use jiff::civil::Date;
use letopis_core::UserId;
use letopis_core::lesson::{Kit, KitState};
use serde::Serialize;

/// A kit as stored: its address, owner and state around the teacher's [`Kit`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredKit {
    pub id: i64,
    /// `/lessons/{slug}`: made from the title when the kit is created, never changed, so a
    /// printed worksheet's address keeps working.
    pub slug: String,
    /// `None` once the author's account is gone (the kit stays with the museum).
    pub owner: Option<UserId>,
    pub owner_name: String,
    pub state: KitState,
    pub kit: Kit,
    /// The expert's words when a kit is returned from review.
    pub review_note: String,
    pub updated_at: Timestamp,
    pub published_at: Option<Timestamp>,
}

/// A link that gives one class a kit for a while: `/class/{code}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClassLink {
    pub code: String,
    pub kit: i64,
    /// The age limit the link sets (school mode), in years: 0, 6, 12, 16 or 18.
    pub max_age: u8,
    /// The last day the link opens.
    pub expires_on: Date,
    pub created_by: Option<UserId>,
    pub created_at: Timestamp,
}

impl ClassLink {
    pub fn open_on(&self, day: Date) -> bool {
        day <= self.expires_on
    }
}
