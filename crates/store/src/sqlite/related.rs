//! A record's ties as a viewer sees them, capped per group (`Store::related`).
//!
//! Most records have a dozen ties; a place or a source can have tens of thousands. The first
//! `per_group` of each group are read with the index order and a `LIMIT`, so a hub costs what
//! an ordinary record does; only a group longer than that needs a gated count, which is cached
//! under the change sequence like the list totals.

use super::SqliteStore;
use super::read::gate_sql;
use super::record_cache::{GroupSizes, snapshot_seq};
use crate::{RelatedGroup, StoreError, StoredRecord};
use letopis_core::Edtf;
use letopis_core::access::ViewerFilter;
use letopis_core::record::RecordId;
use letopis_core::relation::{Relation, RelationType};
use rusqlite::types::Value;
use rusqlite::{Row, Transaction};

/// The columns [`relation_from_row`] reads.
const RELATION_COLUMNS: &str =
    "l.id, l.from_id, l.to_id, l.rtype, l.source_id, l.date_text, l.note";

impl SqliteStore {
    pub(crate) fn read_related(
        &self,
        id: RecordId,
        who: &ViewerFilter,
        per_group: u32,
    ) -> Result<Vec<RelatedGroup>, StoreError> {
        let conn = self.reader()?;
        // One snapshot for the sizes, the rows and the sequence a count is cached under.
        let tx = conn.unchecked_transaction()?;
        let seq = snapshot_seq(&tx)?;
        let mut groups = Vec::new();
        for (rtype, outgoing, size) in self.group_sizes_at(seq, id, || group_sizes(&tx, id))? {
            let Ok(parsed) = RelationType::parse(&rtype) else {
                continue;
            };
            let ties = first_visible(&tx, id, &rtype, outgoing, who, per_group)?;
            let others: Vec<RecordId> = ties
                .iter()
                .map(|r| if outgoing { r.to } else { r.from })
                .collect();
            let mut records: std::collections::HashMap<RecordId, StoredRecord> = self
                .records_at(&tx, seq, &others)?
                .into_iter()
                .map(|r| (r.record.id(), r))
                .collect();
            let items: Vec<(Relation, StoredRecord)> = ties
                .into_iter()
                .zip(others)
                .filter_map(|(rel, other)| Some((rel, records.remove(&other)?)))
                .collect();
            let total = if size <= u64::from(per_group) {
                // Every tie was looked at: what the viewer may see is what was read.
                items.len() as u64
            } else {
                self.visible_count(&tx, seq, id, &rtype, outgoing, who)?
            };
            if total > 0 {
                groups.push(RelatedGroup {
                    rtype: parsed,
                    outgoing,
                    total,
                    items,
                });
            }
        }
        tx.finish()?;
        Ok(groups)
    }

    fn visible_count(
        &self,
        tx: &Transaction<'_>,
        seq: i64,
        id: RecordId,
        rtype: &str,
        outgoing: bool,
        who: &ViewerFilter,
    ) -> Result<u64, StoreError> {
        let key = format!("related|{}|{rtype}|{outgoing}|{who:?}", id.0);
        if let Some(total) = self.cache().total(seq, &key) {
            return Ok(total);
        }
        let (from, params) = group_sql(id, rtype, outgoing, who);
        let sql = format!("SELECT count(*) {from}");
        let total: i64 = tx
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(params.iter()), |r| r.get(0))?;
        let total = total.max(0) as u64;
        self.cache().put_total(seq, key, total);
        Ok(total)
    }
}

/// `(type, outgoing, number of ties)` in the order the record's ties were first made; both
/// reads are index-only.
fn group_sizes(tx: &Transaction<'_>, id: RecordId) -> Result<GroupSizes, StoreError> {
    let mut stmt = tx.prepare_cached(
        "SELECT rtype, 1, count(*), min(id) FROM relations WHERE from_id = ?1 GROUP BY rtype
         UNION ALL
         SELECT rtype, 0, count(*), min(id) FROM relations WHERE to_id = ?1 AND from_id <> ?1
         GROUP BY rtype
         ORDER BY 4",
    )?;
    let rows = stmt.query_map([id.0], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)? == 1,
            r.get::<_, i64>(2)?.max(0) as u64,
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// `FROM … WHERE …` of one group's visible ties, with its parameters.
fn group_sql(
    id: RecordId,
    rtype: &str,
    outgoing: bool,
    who: &ViewerFilter,
) -> (String, Vec<Value>) {
    let (this_end, other_end) = if outgoing {
        ("from_id", "to_id")
    } else {
        ("to_id", "from_id")
    };
    let mut params = vec![Value::Integer(id.0), Value::Text(rtype.to_string())];
    let mut sql = format!(
        "FROM relations l JOIN records r ON r.id = l.{other_end}
         WHERE l.{this_end} = ?1 AND l.rtype = ?2"
    );
    if !outgoing {
        // A tie of a record to itself is listed once, as outgoing.
        sql.push_str(" AND l.from_id <> ?1");
    }
    gate_sql(who, "r", &mut sql, &mut params);
    (sql, params)
}

/// The first `limit` ties of a group whose other end the viewer may see. The gate's columns
/// are in an index, so this never reads a record's JSON; the records come from the cache.
fn first_visible(
    tx: &Transaction<'_>,
    id: RecordId,
    rtype: &str,
    outgoing: bool,
    who: &ViewerFilter,
    limit: u32,
) -> Result<Vec<Relation>, StoreError> {
    let (from, params) = group_sql(id, rtype, outgoing, who);
    let other_end = if outgoing { "l.to_id" } else { "l.from_id" };
    let sql = format!("SELECT {RELATION_COLUMNS} {from} ORDER BY {other_end} LIMIT {limit}");
    let mut stmt = tx.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |row| {
        relation_from_row(row, 0)
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A relation whose columns start at `at`.
pub(crate) fn relation_from_row(row: &Row<'_>, at: usize) -> rusqlite::Result<Relation> {
    let rtype: String = row.get(at + 3)?;
    let date: Option<String> = row.get(at + 5)?;
    Ok(Relation {
        id: row.get(at)?,
        from: RecordId(row.get(at + 1)?),
        to: RecordId(row.get(at + 2)?),
        // Unknown codes cannot be stored: writes go through RelationType.
        rtype: RelationType::parse(&rtype).unwrap_or(RelationType::RelatedTo),
        source: row.get::<_, Option<i64>>(at + 4)?.map(RecordId),
        date: date.and_then(|d| Edtf::parse(&d).ok()),
        note: row.get(at + 6)?,
    })
}
