//! A record's ties as a viewer sees them, capped per group (`Store::related`), as
//! `sqlite/related.rs` reads them: the first `per_group` visible ties of each group by the
//! other end's id, and a gated count only for a group longer than that.

use super::PgStore;
use super::read::{gate_sql, get_records};
use super::value::{Sql, Value, params};
use crate::{RelatedGroup, StoreError, StoredRecord};
use letopis_core::Edtf;
use letopis_core::RelationId;
use letopis_core::access::ViewerFilter;
use letopis_core::record::RecordId;
use letopis_core::relation::{Relation, RelationType};
use postgres::{GenericClient, Row};

/// The columns [`relation_from_row`] reads.
const RELATION_COLUMNS: &str =
    "l.id, l.from_id, l.to_id, l.rtype, l.source_id, l.date_text, l.note";

impl PgStore {
    pub(crate) fn read_related(
        &self,
        id: RecordId,
        who: &ViewerFilter,
        per_group: u32,
    ) -> Result<Vec<RelatedGroup>, StoreError> {
        let mut conn = self.read_conn()?;
        // One snapshot for the sizes, the ties and the counts.
        let mut tx = super::begin_read(&mut conn)?;
        let mut groups = Vec::new();
        for (rtype, outgoing, size) in group_sizes(&mut tx, id)? {
            let Ok(parsed) = RelationType::parse(&rtype) else {
                continue;
            };
            let ties = first_visible(&mut tx, id, &rtype, outgoing, who, per_group)?;
            let others: Vec<RecordId> = ties
                .iter()
                .map(|r| if outgoing { r.to } else { r.from })
                .collect();
            let mut records: std::collections::HashMap<RecordId, StoredRecord> =
                get_records(&mut tx, &others)?
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
                let (from, params) = group_sql(id, &rtype, outgoing, who);
                let n: i64 = tx.one(&format!("SELECT count(*) {from}"), &params)?;
                u64::try_from(n).unwrap_or(0)
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
        tx.commit()?;
        Ok(groups)
    }
}

/// `(type, outgoing, number of ties)` in the order the record's ties were first made.
fn group_sizes(
    c: &mut impl GenericClient,
    id: RecordId,
) -> Result<Vec<(String, bool, u64)>, StoreError> {
    let rows = c.rows(
        "SELECT rtype, 1, count(*), min(id) FROM relations WHERE from_id = $1 GROUP BY rtype
         UNION ALL
         SELECT rtype, 0, count(*), min(id) FROM relations WHERE to_id = $1 AND from_id <> $1
         GROUP BY rtype
         ORDER BY 4",
        &params![id.0],
    )?;
    rows.iter()
        .map(|r| {
            let outgoing: i32 = r.try_get(1)?;
            let size: i64 = r.try_get(2)?;
            Ok((
                r.try_get(0)?,
                outgoing == 1,
                u64::try_from(size).unwrap_or(0),
            ))
        })
        .collect()
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
    let mut params = vec![Value::Int(id.0), Value::Text(rtype.to_string())];
    let mut sql = format!(
        "FROM relations l JOIN records r ON r.id = l.{other_end}
         WHERE l.{this_end} = $1 AND l.rtype = $2"
    );
    if !outgoing {
        // A tie of a record to itself is listed once, as outgoing.
        sql.push_str(" AND l.from_id <> $1");
    }
    gate_sql(who, "r", &mut sql, &mut params);
    (sql, params)
}

/// The first `limit` ties of a group whose other end the viewer may see.
fn first_visible(
    c: &mut impl GenericClient,
    id: RecordId,
    rtype: &str,
    outgoing: bool,
    who: &ViewerFilter,
    limit: u32,
) -> Result<Vec<Relation>, StoreError> {
    let (from, params) = group_sql(id, rtype, outgoing, who);
    let other_end = if outgoing { "l.to_id" } else { "l.from_id" };
    let sql = format!("SELECT {RELATION_COLUMNS} {from} ORDER BY {other_end} LIMIT {limit}");
    c.rows(&sql, &params)?
        .iter()
        .map(|row| relation_from_row(row, 0))
        .collect()
}

/// A relation whose columns start at `at`.
pub(crate) fn relation_from_row(row: &Row, at: usize) -> Result<Relation, StoreError> {
    let rtype: String = row.try_get(at + 3)?;
    let date: Option<String> = row.try_get(at + 5)?;
    Ok(Relation {
        id: RelationId(row.try_get(at)?),
        from: RecordId(row.try_get(at + 1)?),
        to: RecordId(row.try_get(at + 2)?),
        // Unknown codes cannot be stored: writes go through RelationType.
        rtype: RelationType::parse(&rtype).unwrap_or(RelationType::RelatedTo),
        source: row.try_get::<_, Option<i64>>(at + 4)?.map(RecordId),
        date: date.and_then(|d| Edtf::parse(&d).ok()),
        note: row.try_get(at + 6)?,
    })
}
