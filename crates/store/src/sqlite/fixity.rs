//! The fixity audits' table (`0022_fixity`).

use super::SqliteStore;
use crate::StoreError;
use crate::columns::parse_ts;
use crate::fixity::{FixityAudit, PROBLEMS_KEPT};
use rusqlite::params;

impl SqliteStore {
    pub(crate) fn insert_fixity_audit(&self, audit: &FixityAudit) -> Result<(), StoreError> {
        let problems: Vec<&String> = audit.problems.iter().take(PROBLEMS_KEPT).collect();
        let problems =
            serde_json::to_string(&problems).map_err(|e| StoreError::Backend(e.to_string()))?;
        let n = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
        self.writer().execute(
            "INSERT INTO fixity_audits
                 (started_at, finished_at, files, bytes, damaged, missing, unused, problems)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
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
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(
            "SELECT started_at, finished_at, files, bytes, damaged, missing, unused, problems
             FROM fixity_audits ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                [
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, i64>(6)?,
                ],
                r.get::<_, String>(7)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (started, finished, [files, bytes, damaged, missing, unused], problems) = row?;
            let n = |v: i64| u64::try_from(v).unwrap_or(0);
            out.push(FixityAudit {
                started_at: parse_ts(&started)?,
                finished_at: parse_ts(&finished)?,
                files: n(files),
                bytes: n(bytes),
                damaged: n(damaged),
                missing: n(missing),
                unused: n(unused),
                problems: serde_json::from_str(&problems).unwrap_or_default(),
            });
        }
        Ok(out)
    }
}

impl SqliteStore {
    /// [`Accounts::hold_lease`](crate::Accounts::hold_lease): one upsert, taking the lease only
    /// from its holder or once it has run out, then who holds it.
    pub(crate) fn take_lease(
        &self,
        job: &str,
        holder: &str,
        now: jiff::Timestamp,
        until: jiff::Timestamp,
    ) -> Result<bool, StoreError> {
        let writer = self.writer();
        writer.execute(
            "INSERT INTO leases (job, holder, until) VALUES (?1, ?2, ?4)
             ON CONFLICT (job) DO UPDATE SET holder = excluded.holder, until = excluded.until
             WHERE leases.holder = excluded.holder OR leases.until <= ?3",
            params![job, holder, now.as_second(), until.as_second()],
        )?;
        let held: String =
            writer.query_row("SELECT holder FROM leases WHERE job = ?1", [job], |r| {
                r.get(0)
            })?;
        Ok(held == holder)
    }
}

#[cfg(test)]
mod tests {
    use crate::Accounts;
    use crate::fixity::FixityAudit;

    #[test]
    fn audits_are_kept_newest_first() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let store = crate::sqlite::SqliteStore::open(dir.path().join("letopis.db")).expect("store");
        let at = |s: &str| s.parse::<jiff::Timestamp>().expect("time");
        for (n, damaged) in [(1, 0), (2, 3)] {
            store
                .record_fixity_audit(&FixityAudit {
                    started_at: at(&format!("2026-12-0{n}T03:00:00Z")),
                    finished_at: at(&format!("2026-12-0{n}T03:05:00Z")),
                    files: 10,
                    bytes: 1000,
                    damaged,
                    missing: 0,
                    unused: 1,
                    problems: vec!["повреждён: ab/cd/abcd".into(); damaged as usize],
                })
                .expect("record");
        }
        let audits = store.fixity_audits(10).expect("read");
        assert_eq!(audits.len(), 2);
        assert_eq!(audits[0].damaged, 3);
        assert!(!audits[0].passed() && audits[1].passed());
        assert_eq!(audits[0].problems.len(), 3);
    }
}
