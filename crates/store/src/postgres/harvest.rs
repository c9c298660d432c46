//! The harvester's walk over the base (OAI-PMH, issue #19), as `sqlite/harvest.rs` walks it:
//! ids, kinds, workflows and the time of each record's last change, in id order from a cursor.

use super::PgStore;
use crate::columns::parse_ts;
use crate::{HarvestQuery, Stamp, StoreError};
use jiff::{SignedDuration, Timestamp};
use letopis_core::record::RecordId;
use letopis_core::{Kind, Workflow};

/// The stored timestamps' text up to the second: written as RFC 3339 in UTC and compared byte
/// by byte (COLLATE "C"), such a prefix compares as the time does, whatever fraction follows.
fn second(ts: Timestamp) -> String {
    ts.strftime("%Y-%m-%dT%H:%M:%S").to_string()
}

impl PgStore {
    pub(crate) fn read_harvest(&self, query: &HarvestQuery) -> Result<Vec<Stamp>, StoreError> {
        let kinds: Vec<&str> = query.kinds.iter().map(|k| k.code()).collect();
        let only: Option<Vec<i64>> = query
            .only
            .as_ref()
            .map(|ids| ids.iter().map(|id| id.0).collect());
        let from = query.from.map(second);
        // Inclusive of the whole `until` second: before the next one (no bound past the last).
        let before = query
            .until
            .and_then(|t| t.checked_add(SignedDuration::from_secs(1)).ok())
            .map(second);
        let limit = i64::from(query.limit);
        let rows = self.read_conn()?.query(
            "SELECT id, kind, workflow, changed FROM (
                 SELECT r.id, r.kind, r.workflow,
                        coalesce((SELECT max(c.at) FROM changes c
                                  WHERE c.subject_type = 'record' AND c.subject_id = r.id),
                                 r.updated_at) AS changed
                 FROM records r
                 WHERE r.id > $1
                   AND r.workflow IN ('published', 'withdrawn')
                   AND r.kind = ANY($2::text[])
                   AND ($3::bigint[] IS NULL OR r.id = ANY($3::bigint[]))
                 ORDER BY r.id) AS walked
             WHERE ($4::text IS NULL OR changed >= $4::text)
               AND ($5::text IS NULL OR changed < $5::text)
             ORDER BY id
             LIMIT $6",
            &[&query.after, &kinds, &only, &from, &before, &limit],
        )?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let kind: String = row.try_get(1)?;
            let workflow: String = row.try_get(2)?;
            let changed: String = row.try_get(3)?;
            let bad =
                |what: &str, code: &str| StoreError::Backend(format!("stored {what} {code:?}"));
            out.push(Stamp {
                id: RecordId(row.try_get(0)?),
                kind: Kind::from_code(&kind).ok_or_else(|| bad("kind", &kind))?,
                workflow: Workflow::from_code(&workflow)
                    .ok_or_else(|| bad("workflow", &workflow))?,
                changed: parse_ts(&changed)?,
            });
        }
        Ok(out)
    }
}
