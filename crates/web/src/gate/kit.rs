//! A lesson kit or tour seen through the gate (issue #17): each block resolved as an exhibition's
//! block is, from the records as this viewer may see them now. A block whose record is hidden —
//! a draft, an embargo, a withdrawn consent, or a rating above school mode's limit — is absent
//! with its questions, so a class sees nothing of it, not even that it was there.

use super::Gate;
use crate::shell::error::AppError;
use letopis_core::AgeRating;
use letopis_core::entities::{Block, Story};
use letopis_core::lesson::Kit;
use letopis_core::projection::{Source, resolve_story};
use letopis_core::record::RecordId;
use letopis_store::StoredRecord;
use std::collections::HashMap;

pub struct SeenKit {
    /// One per block of the kit, in order: the block as this viewer may see it, or `None`.
    pub blocks: Vec<Option<Block>>,
    /// The records the shown blocks and questions name, as this viewer may see them.
    pub referenced: HashMap<RecordId, StoredRecord>,
    /// The strictest age rating among the kit's records: the kit's own rating.
    pub age: AgeRating,
}

impl Gate<'_> {
    /// The kit's age rating alone, for lists of kits: its records as stored, nothing resolved.
    pub fn kit_rating(&self, kit: &Kit) -> Result<AgeRating, AppError> {
        Ok(rating(&self.kit_records(kit)?))
    }

    /// Every record the kit names, as stored (noted for the page cache).
    fn kit_records(&self, kit: &Kit) -> Result<Vec<StoredRecord>, AppError> {
        let mut ids = kit.references();
        ids.sort();
        ids.dedup();
        self.note(|n| n.records(&ids));
        Ok(self.store.get_many(&ids)?)
    }

    pub fn kit(&self, kit: &Kit) -> Result<SeenKit, AppError> {
        let stored = self.kit_records(kit)?;
        let age = rating(&stored);
        let referenced: HashMap<RecordId, StoredRecord> = stored
            .into_iter()
            .filter_map(|r| self.visible(r))
            .map(|r| (r.record.id(), r))
            .collect();
        let blocks = kit
            .blocks
            .iter()
            .map(|b| {
                let story = Story {
                    blocks: vec![b.material.as_story_block()],
                    ..Story::default()
                };
                let (resolved, _) = resolve_story(&story, |id| {
                    Some(match referenced.get(&id) {
                        Some(r) => Source::Shown(&r.record.body),
                        None => Source::Hidden { until: None },
                    })
                });
                resolved.blocks.into_iter().next()
            })
            .collect();
        Ok(SeenKit {
            blocks,
            referenced,
            age,
        })
    }
}

/// The rating is a number about the kit, read from the records as stored: a kit with a 16+
/// fragment is 16+ even for a class that will not see that fragment.
fn rating(stored: &[StoredRecord]) -> AgeRating {
    stored
        .iter()
        .map(|r| r.record.meta.age_rating)
        .max()
        .unwrap_or_default()
}
