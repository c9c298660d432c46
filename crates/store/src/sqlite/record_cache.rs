//! Decoded records by id and slug, valid while the change sequence stays where it was.
//!
//! A record page reads the record and the two dozen records it is tied to; decoding their JSON
//! was most of the page's cost, and the same few thousand records are asked for all day.
//! Every write (in this process or another, an import or the studio) moves the sequence on, and
//! the sequence is read in the same snapshot as the rows, so an entry is never older than what
//! the database holds. The gate is not cached: callers still ask each record's audience.

use super::SqliteStore;
use super::read::weighed_record_from_row;
use crate::columns::RECORD_COLUMNS;
use crate::{StoreError, StoredRecord};
use letopis_core::Kind;
use letopis_core::record::RecordId;
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::HashMap;

/// The decoded records kept, in estimated bytes (see `weighed_record_from_row`). Bounded in bytes,
/// not records: a person is a few KB decoded, an interview with a one-hour transcript and its
/// public projection a few hundred, and 20,000 of those (the count bound this replaced) took
/// hundreds of MB under a 9 May load (issue #15). 16 MB holds the few thousand persons and
/// places a day's visitors open; their pages are kept rendered by the page cache besides.
const BUDGET: usize = 16 << 20;

/// Larger records are read each time: one would push out hundreds of persons. An interview with
/// a one-hour transcript weighs about 500 KB; its page is kept rendered by the page cache.
const MAX_ONE: usize = BUDGET / 64;

/// Relation-group sizes kept, in records.
const MAX_GROUP_SIZES: usize = 20_000;

#[derive(Default)]
pub(crate) struct RecordCache {
    seq: i64,
    records: HashMap<RecordId, (StoredRecord, usize)>,
    /// The weights of `records`, summed.
    bytes: usize,
    slugs: HashMap<(Kind, String), RecordId>,
    /// `(type, outgoing, ties)` of a record's relation groups: a place's forty thousand ties
    /// take milliseconds to count even from the index.
    group_sizes: HashMap<RecordId, GroupSizes>,
}

pub(crate) type GroupSizes = Vec<(String, bool, u64)>;

impl RecordCache {
    fn at(&mut self, seq: i64) {
        if seq != self.seq {
            self.forget();
            self.seq = seq;
        }
    }

    fn forget(&mut self) {
        // Dropped wholesale rather than least recently used first: a write empties it anyway,
        // and the maps then give their memory back.
        self.records = HashMap::new();
        self.slugs = HashMap::new();
        self.group_sizes = HashMap::new();
        self.bytes = 0;
    }

    fn put(&mut self, seq: i64, record: &StoredRecord, weight: usize) {
        if seq != self.seq || weight > MAX_ONE {
            return;
        }
        if self.bytes + weight > BUDGET {
            self.forget();
        }
        let meta = &record.record.meta;
        self.slugs.insert((meta.kind, meta.slug.clone()), meta.id);
        if let Some((_, old)) = self.records.insert(meta.id, (record.clone(), weight)) {
            self.bytes -= old;
        }
        self.bytes += weight;
    }
}

impl SqliteStore {
    fn records(&self) -> std::sync::MutexGuard<'_, RecordCache> {
        // The cache holds plain data; a panic elsewhere cannot leave it half-written.
        self.record_cache.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Records by id in the order asked, absent ones left out; `conn` must be inside a
    /// transaction that read `seq`.
    pub(crate) fn records_at(
        &self,
        conn: &Connection,
        seq: i64,
        ids: &[RecordId],
    ) -> Result<Vec<StoredRecord>, StoreError> {
        let mut out = Vec::with_capacity(ids.len());
        let mut missing = Vec::new();
        {
            let mut cache = self.records();
            cache.at(seq);
            for (i, id) in ids.iter().enumerate() {
                match cache.records.get(id) {
                    Some((r, _)) => out.push((i, r.clone())),
                    None => missing.push(i),
                }
            }
        }
        if !missing.is_empty() {
            let sql = format!("SELECT {RECORD_COLUMNS} FROM records r WHERE r.id = ?1");
            let mut stmt = conn.prepare_cached(&sql)?;
            let mut read = Vec::with_capacity(missing.len());
            for i in missing {
                if let Some(r) = stmt
                    .query_row([ids[i].0], weighed_record_from_row)
                    .optional()?
                {
                    read.push((i, r));
                }
            }
            let mut cache = self.records();
            for (_, (r, weight)) in &read {
                cache.put(seq, r, *weight);
            }
            drop(cache);
            out.extend(read.into_iter().map(|(i, (r, _))| (i, r)));
            out.sort_by_key(|(i, _)| *i);
        }
        Ok(out.into_iter().map(|(_, r)| r).collect())
    }

    /// The sizes of a record's relation groups, from the cache or from `read`.
    pub(crate) fn group_sizes_at(
        &self,
        seq: i64,
        id: RecordId,
        read: impl FnOnce() -> Result<GroupSizes, StoreError>,
    ) -> Result<GroupSizes, StoreError> {
        {
            let mut cache = self.records();
            cache.at(seq);
            if let Some(hit) = cache.group_sizes.get(&id) {
                return Ok(hit.clone());
            }
        }
        let sizes = read()?;
        let mut cache = self.records();
        if cache.seq == seq && cache.group_sizes.len() < MAX_GROUP_SIZES {
            cache.group_sizes.insert(id, sizes.clone());
        }
        Ok(sizes)
    }

    /// The id of a record by a unique text column (`slug` or `external_id`) of its kind.
    pub(crate) fn find_at(
        &self,
        conn: &Connection,
        seq: i64,
        kind: Kind,
        column: &str,
        value: &str,
    ) -> Result<Option<StoredRecord>, StoreError> {
        if column == "slug" {
            let hit = {
                let mut cache = self.records();
                cache.at(seq);
                cache
                    .slugs
                    .get(&(kind, value.to_string()))
                    .and_then(|id| cache.records.get(id))
                    .map(|(r, _)| r.clone())
            };
            if hit.is_some() {
                return Ok(hit);
            }
        }
        let sql =
            format!("SELECT {RECORD_COLUMNS} FROM records r WHERE r.kind = ?1 AND r.{column} = ?2");
        let found = conn
            .prepare_cached(&sql)?
            .query_row(params![kind.code(), value], weighed_record_from_row)
            .optional()?;
        if let Some((r, weight)) = &found {
            self.records().put(seq, r, *weight);
        }
        Ok(found.map(|(r, _)| r))
    }
}

/// The change sequence as the snapshot of `conn` sees it.
pub(crate) fn snapshot_seq(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn
        .prepare_cached("SELECT coalesce(max(seq), 0) FROM changes")?
        .query_row([], |r| r.get(0))?)
}
