//! Fixity audits of the media originals (`sqlite/fixity.rs` in PostgreSQL's dialect).

use super::PgStore;
use super::value::{Sql, params};
use crate::StoreError;
use crate::columns::parse_ts;
use crate::fixity::{FixityAudit, PROBLEMS_KEPT};

impl PgStore {
    pub(crate) fn insert_fixity_audit(&self, audit: &FixityAudit) -> Result<(), StoreError> {
        let problems: Vec<&String> = audit.problems.iter().take(PROBLEMS_KEPT).collect();
        let problems = serde_json::to_string(&problems)?;
        let n = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
        self.conn()?.run(
            "INSERT INTO fixity_audits
                 (started_at, finished_at, files, bytes, damaged, missing, unused, problems)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            &params![
                audit.started_at.to_string(),
                audit.finished_at.to_string(),
                n(audit.files),
                n(audit.bytes),
                n(audit.damaged),
                n(audit.missing),
                n(audit.unused),
                problems
            ],
        )?;
        Ok(())
    }

    pub(crate) fn read_fixity_audits(&self, limit: u32) -> Result<Vec<FixityAudit>, StoreError> {
        let rows = self.conn()?.rows(
            "SELECT started_at, finished_at, files, bytes, damaged, missing, unused, problems
             FROM fixity_audits ORDER BY id DESC LIMIT $1",
            &params![limit],
        )?;
        rows.iter()
            .map(|r| {
                let n = |i: usize| -> Result<u64, StoreError> {
                    Ok(u64::try_from(r.try_get::<_, i64>(i)?).unwrap_or(0))
                };
                Ok(FixityAudit {
                    started_at: parse_ts(r.try_get(0)?)?,
                    finished_at: parse_ts(r.try_get(1)?)?,
                    files: n(2)?,
                    bytes: n(3)?,
                    damaged: n(4)?,
                    missing: n(5)?,
                    unused: n(6)?,
                    problems: serde_json::from_str(r.try_get(7)?).unwrap_or_default(),
                })
            })
            .collect()
    }
}

impl PgStore {
    /// [`Accounts::hold_lease`](crate::Accounts::hold_lease): one upsert, taking the lease only
    /// from its holder or once it has run out (the row's lock orders two nodes asking at
    /// once), returning who holds it.
    pub(crate) fn take_lease(
        &self,
        job: &str,
        holder: &str,
        now: jiff::Timestamp,
        until: jiff::Timestamp,
    ) -> Result<bool, StoreError> {
        let mut conn = self.conn()?;
        conn.run(
            "INSERT INTO leases (job, holder, until) VALUES ($1, $2, $4)
             ON CONFLICT (job) DO UPDATE SET holder = excluded.holder, until = excluded.until
             WHERE leases.holder = excluded.holder OR leases.until <= $3",
            &params![job, holder, now.as_second(), until.as_second()],
        )?;
        let held: String = conn.one("SELECT holder FROM leases WHERE job = $1", &params![job])?;
        Ok(held == holder)
    }
}
