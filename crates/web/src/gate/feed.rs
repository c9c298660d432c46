//! The change feed as the page cache reads it: its position, and which records the changes
//! since a position may have changed on a page. Positions and ids only, never a record's
//! content: whatever a cached page shows was read through the gate.

use crate::App;
use crate::shell::error::AppError;
use crate::shell::page_cache::Touched;
use letopis_core::history::Subject;
use letopis_store::Store;

/// More events than this since the cache's position (an import, a consent covering thousands
/// of records) forget every cached page rather than follow each event.
const EVENTS_FOLLOWED: u32 = 1_000;

impl App {
    /// The change feed's position. Read on the calling worker: it is one indexed `max()`,
    /// cheaper than a hand-off to the blocking pool.
    pub(crate) fn feed_position(&self) -> Result<i64, AppError> {
        Ok(self.door.store.change_seq()?)
    }

    /// What changed after position `from`: each changed record and every record tied to it
    /// (their pages show its title, its summary or a count of ties, whatever its visibility).
    pub(crate) async fn feed_touched(&self, from: i64) -> Result<Touched, AppError> {
        self.blocking(move |store| touched_since(store, from))
            .await?
            .map_err(AppError::from)
    }
}

fn touched_since(store: &dyn Store, from: i64) -> Result<Touched, letopis_store::StoreError> {
    let events = store.changes_since(from, EVENTS_FOLLOWED + 1)?;
    let Some(last) = events.last() else {
        return Ok(Touched {
            to: from.max(store.change_seq()?),
            ..Touched::default()
        });
    };
    let mut touched = Touched {
        to: last.seq,
        ..Touched::default()
    };
    if events.len() > EVENTS_FOLLOWED as usize {
        // Everything goes; the events not read are at or below the position reported now.
        touched.everything = true;
        touched.to = store.change_seq()?;
        return Ok(touched);
    }
    for event in &events {
        // Relations and consents also move the feed for each record whose page they change
        // (`relations`, `visibility` events); their own events change only lists.
        if let Subject::Record(id) = event.subject {
            touched.records.insert(id);
            for tie in store.relations(id)? {
                touched.records.insert(tie.from);
                touched.records.insert(tie.to);
            }
        }
    }
    Ok(touched)
}
