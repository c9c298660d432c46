//! The harvester's walk over the base (OAI-PMH, issue #19): ids, kinds, workflows and the time
//! of each record's last change, in id order from a cursor.

use super::SqliteStore;
use crate::columns::parse_ts;
use crate::{HarvestQuery, Stamp, StoreError};
use jiff::{SignedDuration, Timestamp};
use letopis_core::record::RecordId;
use letopis_core::{Kind, Workflow};
use rusqlite::params;

/// The stored timestamps' text up to the second (`2025-05-09T10:00:00`): they are written as
/// RFC 3339 in UTC, so such a prefix compares as the time does, whatever fraction follows.
fn second(ts: Timestamp) -> String {
    ts.strftime("%Y-%m-%dT%H:%M:%S").to_string()
}

impl SqliteStore {
    pub(crate) fn read_harvest(&self, query: &HarvestQuery) -> Result<Vec<Stamp>, StoreError> {
        let kinds =
            serde_json::to_string(&query.kinds.iter().map(|k| k.code()).collect::<Vec<_>>())
                .map_err(|e| StoreError::Backend(e.to_string()))?;
        let only = query
            .only
            .as_ref()
            .map(|ids| serde_json::to_string(&ids.iter().map(|id| id.0).collect::<Vec<_>>()))
            .transpose()
            .map_err(|e| StoreError::Backend(e.to_string()))?;
        let from = query.from.map(second);
        // Inclusive of the whole `until` second: before the next one (no bound past the last).
        let before = query
            .until
            .and_then(|t| t.checked_add(SignedDuration::from_secs(1)).ok())
            .map(second);
        let conn = self.reader()?;
        // The walk goes by id from the cursor and stops at the limit. The `+` keeps SQLite off
        // the kind indexes: through them it read every record of the kinds and sorted them by
        // id for each page, 60–200 ms a page at 100,000 persons, so a whole harvest was
        // quadratic (bench/standards.sh).
        // The listed ids (a GetRecord, a collection's set) are looked up by id; inside an OR
        // with "no list" SQLite could not, and walked the whole table for each GetRecord.
        let listed = if only.is_some() {
            "r.id IN (SELECT value FROM json_each(?3))"
        } else {
            "?3 IS NULL"
        };
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT id, kind, workflow, changed FROM (
                 SELECT r.id, r.kind, r.workflow,
                        coalesce((SELECT max(c.at) FROM changes c
                                  WHERE c.subject_type = 'record' AND c.subject_id = r.id),
                                 r.updated_at) AS changed
                 FROM records r
                 WHERE r.id > ?1
                   AND +r.workflow IN ('published', 'withdrawn')
                   AND +r.kind IN (SELECT value FROM json_each(?2))
                   AND {listed}
                 ORDER BY r.id)
             WHERE (?4 IS NULL OR changed >= ?4) AND (?5 IS NULL OR changed < ?5)
             LIMIT ?6"
        ))?;
        let rows = stmt.query_map(
            params![query.after, kinds, only, from, before, query.limit],
            |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                ))
            },
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (id, kind, workflow, changed) = row?;
            let bad =
                |what: &str, code: &str| StoreError::Backend(format!("stored {what} {code:?}"));
            out.push(Stamp {
                id: RecordId(id),
                kind: Kind::from_code(&kind).ok_or_else(|| bad("kind", &kind))?,
                workflow: Workflow::from_code(&workflow)
                    .ok_or_else(|| bad("workflow", &workflow))?,
                changed: parse_ts(&changed)?,
            });
        }
        Ok(out)
    }
}
