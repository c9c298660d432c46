//! A fixity audit of the media originals as the studio and the metrics see it (issue #19):
//! `letopis serve` runs one on a schedule (`fixity_every_days`), `letopis verify` by hand.

use jiff::Timestamp;
use serde::Serialize;

/// How many problems an audit keeps; the log has them all.
pub const PROBLEMS_KEPT: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FixityAudit {
    pub started_at: Timestamp,
    pub finished_at: Timestamp,
    /// Originals read and hashed, and their bytes.
    pub files: u64,
    pub bytes: u64,
    /// Files whose content no longer matches their name.
    pub damaged: u64,
    /// Files the base names that are not there.
    pub missing: u64,
    /// Files the base does not name (not an error: an upload not yet in a record).
    pub unused: u64,
    /// The first [`PROBLEMS_KEPT`] problems, in words.
    pub problems: Vec<String>,
}

impl FixityAudit {
    pub fn passed(&self) -> bool {
        self.damaged == 0 && self.missing == 0
    }
}
