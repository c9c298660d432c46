//! Venues that promote the project in the micro-districts and what each did (roadmap item 8,
//! issue #18); the methods are on [`Accounts`](crate::Accounts), beside the council that keeps
//! them.

use jiff::Timestamp;
use letopis_core::district::{Venue, VenueActivity};
use serde::Serialize;

/// A venue as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredVenue {
    pub id: i64,
    pub venue: Venue,
    pub updated_at: Timestamp,
}

/// One line of a venue's log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredVenueActivity {
    pub id: i64,
    pub venue: i64,
    pub activity: VenueActivity,
    /// Who wrote it down.
    pub author: String,
    pub at: Timestamp,
}

/// What one venue did in one quarter (of the activities' dates), for the council.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct VenueQuarter {
    pub venue: i64,
    /// `2026-Q4`.
    pub quarter: String,
    pub activities: u64,
    pub people: u64,
}
