//! The gate's answer to a harvester (OAI-PMH, issue #19): each record a list names is either
//! shown — as the public projection, with what it points at, exactly as its page shows it — or
//! reported deleted. Drafts never appear: no visitor saw them, so no harvester has a copy.
//!
//! A deleted entry carries the record's kind, number and time of change, nothing of its
//! content. It is given for every withdrawn record (DESIGN.md, invariant 3: withdrawal leaves
//! a deleted-record trace where a protocol needs one) and for a published record the anonymous
//! visitor may not see — a consent narrowed or ran out, an embargo began — because a harvester
//! that copied it while it was open must drop its copy, and it cannot know which it copied.

use super::{Gate, Seen};
use crate::shell::error::AppError;
use jiff::Timestamp;
use letopis_store::{HarvestQuery, Stamp};

/// One entry of a harvested list.
pub enum Harvested {
    /// The record as the anonymous visitor sees it; without its content when the list asked
    /// for headers only.
    Shown(Stamp, Option<Box<Seen>>),
    Deleted(Stamp),
}

impl Harvested {
    pub fn stamp(&self) -> &Stamp {
        match self {
            Harvested::Shown(stamp, _) | Harvested::Deleted(stamp) => stamp,
        }
    }
}

impl Gate<'_> {
    /// The entries of one page of a harvest; `content` reads each shown record whole (with its
    /// relations), as a list of records needs, not only whether it is shown.
    pub fn harvest(&self, query: &HarvestQuery, content: bool) -> Result<Vec<Harvested>, AppError> {
        let stamps = self.store.harvest(query)?;
        let ids: Vec<_> = stamps.iter().map(|s| s.id).collect();
        let mut shown: std::collections::HashMap<_, _> = self
            .many(&ids)?
            .into_iter()
            .map(|r| (r.record.id(), r))
            .collect();
        stamps
            .into_iter()
            .map(|stamp| match shown.remove(&stamp.id) {
                Some(record) if content => {
                    Ok(Harvested::Shown(stamp, Some(Box::new(self.seen(record)?))))
                }
                Some(_) => Ok(Harvested::Shown(stamp, None)),
                None => Ok(Harvested::Deleted(stamp)),
            })
            .collect()
    }

    /// When the base's first change was made: the earliest datestamp a harvest can return.
    pub fn first_change(&self) -> Result<Option<Timestamp>, AppError> {
        Ok(self.store.changes_since(0, 1)?.first().map(|e| e.at))
    }
}
