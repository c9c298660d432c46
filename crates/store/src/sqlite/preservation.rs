//! What `letopis backup` and `letopis verify` need of the SQLite base: a consistent copy of it
//! while the portal writes, its schema version, and every media file it refers to. All of it is
//! read over a connection of its own that runs no migrations: a backup must not change the base
//! it copies.

use super::{migrations, open_error};
use crate::StoreError;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// The schema version this build brings a base to (the number of its migrations).
pub fn latest_schema_version() -> Result<i64, StoreError> {
    let fresh = Connection::open_in_memory()?;
    let pending = migrations()
        .pending_migrations(&fresh)
        .map_err(|e| StoreError::Backend(e.to_string()))?;
    Ok(i64::from(pending))
}

/// Writes a copy of the base at `db` into `dest`, which must not exist yet, and returns the
/// copy's schema version. `VACUUM INTO` reads in one transaction, so the copy is the base as of
/// one commit even while the portal writes (what the WAL holds is in it), and it is compact.
pub fn snapshot(db: &Path, dest: &Path) -> Result<i64, StoreError> {
    let conn = open_existing(db)?;
    let target = dest.to_str().ok_or_else(|| {
        StoreError::Unavailable(format!(
            "{}: путь для копии базы должен быть в UTF-8",
            dest.display()
        ))
    })?;
    conn.execute("VACUUM INTO ?1", [target])
        .map_err(|e| open_error(dest, e))?;
    schema_version(dest)
}

/// The schema version (`user_version`) of the base at `db`.
pub fn schema_version(db: &Path) -> Result<i64, StoreError> {
    let conn = open_existing(db)?;
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| open_error(db, e))
}

/// Where the base's writing stands: the last row of each log a write leaves behind (the change
/// feed, the audit log, residents' submissions' events), as `changes 1520, audit_log 88, …`.
/// Two readings are equal only if nothing was written in between, so `letopis` can tell a
/// backup that holds everything the base holds (see `upgrade` in the binary) from an older one.
pub fn write_mark(db: &Path) -> Result<String, StoreError> {
    let conn = open_existing(db)?;
    let mut parts = Vec::new();
    for table in ["changes", "audit_log", "submission_events"] {
        let exists: bool = conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
                [table],
                |r| r.get(0),
            )
            .map_err(|e| open_error(db, e))?;
        if exists {
            let last: i64 = conn
                .query_row(
                    &format!("SELECT COALESCE(MAX(rowid), 0) FROM {table}"),
                    [],
                    |r| r.get(0),
                )
                .map_err(|e| open_error(db, e))?;
            parts.push(format!("{table} {last}"));
        }
    }
    Ok(parts.join(", "))
}

/// Who needs a media file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaUser {
    /// A record of the base shows it.
    Record(i64),
    /// A resident's story came with it.
    Submission(i64),
    /// A conference paper is this file.
    Paper(i64),
    /// The studio keeps it as an upload's archive original or thumbnail (or the upload itself,
    /// not yet in a record).
    Upload,
}

/// Calls `each` once for every media file the base at `db` refers to, in hash order, with one
/// of the places that refer to it. Streamed: a base of a million files is not held in memory.
pub fn media_references(
    db: &Path,
    mut each: impl FnMut(&str, MediaUser) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let conn = open_existing(db)?;
    // One row per hash: the smallest kind names the most telling user (a record before an
    // upload's file info).
    let mut stmt = conn.prepare(
        "SELECT sha, MIN(kind * 10000000000000 + id) FROM (
             SELECT lower(sha256) AS sha, 1 AS kind, record_id AS id FROM record_media
             UNION ALL SELECT lower(sha256), 2, submission_id FROM submission_files
             UNION ALL SELECT lower(file_sha256), 3, id FROM papers
             UNION ALL SELECT lower(sha256), 4, 0 FROM file_info
             UNION ALL SELECT lower(json_extract(info, '$.original')), 4, 0 FROM file_info
             UNION ALL SELECT lower(json_extract(info, '$.thumb')), 4, 0 FROM file_info
         ) WHERE sha IS NOT NULL AND sha <> '' GROUP BY sha ORDER BY sha",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let sha: String = row.get(0)?;
        let key: i64 = row.get(1)?;
        let id = key % 10_000_000_000_000;
        let user = match key / 10_000_000_000_000 {
            1 => MediaUser::Record(id),
            2 => MediaUser::Submission(id),
            3 => MediaUser::Paper(id),
            _ => MediaUser::Upload,
        };
        each(&sha, user)?;
    }
    Ok(())
}

/// Opens an existing base for reading without creating it (a wrong path is an error, not a new
/// empty base) and without migrating it.
fn open_existing(db: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| open_error(db, e))?;
    conn.busy_timeout(super::BUSY_TIMEOUT)
        .map_err(|e| open_error(db, e))?;
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sqlite::SqliteStore;

    #[test]
    fn a_snapshot_is_the_base_at_its_schema_and_names_its_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("letopis.db");
        let store = SqliteStore::open(&db).expect("open");
        let sha = "A".repeat(64);
        {
            let writer = store.writer();
            writer
                .execute_batch(&format!(
                    "INSERT INTO file_info (sha256, info) VALUES ('{}', '{{\"original\": \"{}\"}}')",
                    sha.to_lowercase(),
                    "b".repeat(64)
                ))
                .expect("file info");
        }
        let copy = dir.path().join("copy.db");
        let version = snapshot(&db, &copy).expect("snapshot");
        assert_eq!(version, latest_schema_version().expect("latest"));
        assert!(version >= 20);
        assert_eq!(
            write_mark(&copy).expect("mark of the copy"),
            write_mark(&db).expect("mark of the base"),
            "a snapshot holds every write the base holds"
        );
        let mut seen = Vec::new();
        media_references(&copy, |sha, user| {
            seen.push((sha.to_string(), user));
            Ok(())
        })
        .expect("references");
        assert_eq!(
            seen,
            vec![
                ("a".repeat(64), MediaUser::Upload),
                ("b".repeat(64), MediaUser::Upload)
            ]
        );
        assert!(snapshot(&dir.path().join("none.db"), &dir.path().join("x.db")).is_err());
        store
            .writer()
            .execute_batch(
                "INSERT INTO changes (subject_type, subject_id, action, at)
                 VALUES ('person', 1, 'update', '2026-12-07T10:00:00Z')",
            )
            .expect("a write");
        assert_ne!(
            write_mark(&copy).expect("mark of the copy"),
            write_mark(&db).expect("mark of the base"),
            "a write after the snapshot shows"
        );
    }
}
