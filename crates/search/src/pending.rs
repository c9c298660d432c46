//! Records changed since the index last caught up. They are left out of results, counts,
//! snippets and suggestions until the indexer has taken the change in (well under a second):
//! a withdrawal is thereby gone from search the moment it commits, whatever the index still says.

use crate::document::id_term;
use crate::error::SearchError;
use letopis_core::history::Subject;
use letopis_store::Store;
use std::collections::HashSet;

const PAGE: u32 = 10_000;

pub fn pending(store: &dyn Store, since: i64) -> Result<HashSet<u64>, SearchError> {
    let mut ids = HashSet::new();
    let mut seq = since;
    loop {
        let events = store.changes_since(seq, PAGE)?;
        let Some(last) = events.last() else {
            break;
        };
        seq = last.seq;
        let full = events.len() == PAGE as usize;
        ids.extend(events.into_iter().filter_map(|e| match e.subject {
            Subject::Record(id) => Some(id_term(id)),
            // Relations and consents also write an event for each record they change.
            Subject::Relation(_) | Subject::Consent(_) => None,
        }));
        if !full {
            break;
        }
    }
    Ok(ids)
}
