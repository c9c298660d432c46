//! Facet counts and list totals kept at a position of the change feed, for both engines, and
//! the single flight that computes each of them once however many requests ask at once.

use crate::FacetCount;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Entries beyond this are dropped wholesale: a crude bound that keeps memory small when a
/// crawler walks every filter combination.
const CACHE_ENTRIES: usize = 512;

/// Facet counts and list totals computed at a point of the change feed; any later change makes
/// them stale. Counting 100,000 persons through the gate costs milliseconds on every home and
/// list page, while the answer changes only when the base does.
#[derive(Default)]
pub(crate) struct CountCache {
    seq: i64,
    entries: HashMap<String, Vec<FacetCount>>,
    totals: HashMap<String, u64>,
}

impl CountCache {
    fn at(&mut self, seq: i64) {
        if seq != self.seq {
            self.entries.clear();
            self.totals.clear();
            self.seq = seq;
        }
    }

    pub(crate) fn get(&mut self, seq: i64, key: &str) -> Option<Vec<FacetCount>> {
        self.at(seq);
        self.entries.get(key).cloned()
    }

    pub(crate) fn total(&mut self, seq: i64, key: &str) -> Option<u64> {
        self.at(seq);
        self.totals.get(key).copied()
    }

    pub(crate) fn put_total(&mut self, seq: i64, key: String, total: u64) {
        if seq != self.seq {
            return;
        }
        if self.totals.len() >= CACHE_ENTRIES {
            self.totals.clear();
        }
        self.totals.insert(key, total);
    }

    pub(crate) fn put(&mut self, seq: i64, key: String, counts: Vec<FacetCount>) {
        if seq != self.seq {
            return;
        }
        if self.entries.len() >= CACHE_ENTRIES {
            self.entries.clear();
        }
        self.entries.insert(key, counts);
    }
}

/// The computations under way, by key: the first request computes, the others wait for its
/// lock and then find the answer in the [`CountCache`]. After a change every list page misses at
/// once; without this a hundred visitors each recomputed the same counts (seconds on 100,000
/// persons).
#[derive(Default)]
pub(crate) struct Flights(Mutex<HashMap<String, Arc<Mutex<()>>>>);

impl Flights {
    /// The lock of the computation under `key`, shared by everyone asking now.
    pub(crate) fn join(&self, key: &str) -> Arc<Mutex<()>> {
        let mut flights = self.0.lock().unwrap_or_else(|p| p.into_inner());
        flights.entry(key.to_string()).or_default().clone()
    }

    /// The answer under `key` is in the cache: later requests need no lock.
    pub(crate) fn landed(&self, key: &str) {
        let mut flights = self.0.lock().unwrap_or_else(|p| p.into_inner());
        flights.remove(key);
    }
}
