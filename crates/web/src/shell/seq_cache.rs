//! Values derived from the base, kept while the change feed stays where it was.
//!
//! The home page sums up hundreds of records (this day in 1941–1945, the latest materials, the
//! counts); doing that on every request costs milliseconds, while the answer changes only when
//! the base does. Every write moves the change feed on, so a value cached under the feed's
//! position is exactly as fresh as a recomputed one — a withdrawal is visible on the very next
//! request.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// A few keys at most (one per kind of viewer and day); more are dropped wholesale.
const ENTRIES: usize = 64;

pub(crate) struct SeqCache<T> {
    entries: Mutex<HashMap<String, (i64, Arc<T>)>>,
}

impl<T> Default for SeqCache<T> {
    fn default() -> Self {
        SeqCache {
            entries: Mutex::new(HashMap::new()),
        }
    }
}

impl<T> SeqCache<T> {
    pub(crate) fn get(&self, seq: i64, key: &str) -> Option<Arc<T>> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries
            .get(key)
            .filter(|(at, _)| *at == seq)
            .map(|(_, v)| v.clone())
    }

    pub(crate) fn put(&self, seq: i64, key: String, value: Arc<T>) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= ENTRIES && !entries.contains_key(&key) {
            entries.clear();
        }
        entries.insert(key, (seq, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_lives_only_at_its_position() {
        let cache = SeqCache::default();
        cache.put(7, "anon".into(), Arc::new(1));
        assert_eq!(cache.get(7, "anon").as_deref(), Some(&1));
        assert_eq!(cache.get(8, "anon"), None, "any write makes it stale");
        assert_eq!(cache.get(7, "staff"), None);
    }
}
