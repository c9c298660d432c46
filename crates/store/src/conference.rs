//! The conference as the store keeps it (issue #18); the methods are on
//! [`Accounts`](crate::Accounts), beside the programme committee's people.

use jiff::Timestamp;
use letopis_core::conference::{Conference, Paper, PaperStatus, Recommendation, Slot};
use letopis_core::{RecordId, UserId};

#[derive(Debug, Clone, PartialEq)]
pub struct StoredConference {
    pub id: i64,
    pub conference: Conference,
}

/// The file an author sent (a PDF, checked by its content when it came).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperFile {
    pub sha256: String,
    /// The name it had on the author's computer, for the committee's download.
    pub name: String,
    pub size: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoredPaper {
    pub id: i64,
    pub conference: i64,
    pub status: PaperStatus,
    pub paper: Paper,
    pub file: PaperFile,
    pub slot: Option<Slot>,
    /// Its item in the proceedings, once published.
    pub item: Option<RecordId>,
    pub created_at: Timestamp,
    pub confirmed_at: Option<Timestamp>,
    pub decided_at: Option<Timestamp>,
}

/// One reviewer's assignment to a paper, and their review once given.
#[derive(Debug, Clone, PartialEq)]
pub struct PaperReview {
    pub reviewer: UserId,
    pub reviewer_name: String,
    pub score: Option<u8>,
    pub recommendation: Option<Recommendation>,
    pub comment: String,
    pub assigned_at: Timestamp,
    pub reviewed_at: Option<Timestamp>,
}

/// What happened to a paper, for its log: `submitted`, `confirmed`, `assigned`, `reviewed`,
/// `accepted`, `declined`, `letter`, `scheduled`, `published`.
#[derive(Debug, Clone, PartialEq)]
pub struct PaperEvent {
    pub kind: String,
    pub by_name: String,
    pub body: String,
    pub at: Timestamp,
}
