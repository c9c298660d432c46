//! The SQLite engine: one file in WAL mode, one writer connection (SQLite allows one writer at a
//! time anyway, and queuing in-process avoids busy retries), a pool of readers.

mod accounts;
mod conference;
mod contributions;
mod excursions;
mod facets;
mod fixity;
mod harvest;
mod lessons;
mod media_plan;
mod oral;
pub mod preservation;
mod read;
mod record_cache;
mod related;
mod uploads;
mod venues;
mod write;

use crate::StoreError;
use r2d2::Pool;
use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::{Connection, ErrorCode};
use rusqlite_migration::{M, Migrations};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

/// How long a statement waits, by default, for a lock held by another process before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

pub struct SqliteStore {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Pool<SqliteConnectionManager>,
    /// Facet counts by query and viewer, valid while no change has been written since: counting
    /// a million facet rows of a 100k base takes a good part of a second, and visitors mostly
    /// open the same few lists.
    facet_cache: Mutex<crate::count_cache::CountCache>,
    /// The counts being computed, by key: a request that finds its counts being computed
    /// waits for them instead of computing them too. After a write, every list page a hundred
    /// visitors open at once asks for the same counts (issue #15's soak).
    facet_flights: crate::count_cache::Flights,
    record_cache: Mutex<record_cache::RecordCache>,
}

/// The schema version that added stored public projections.
const PROJECTION_MIGRATION: i64 = 8;
/// The last schema version whose bases hold projections an older rule derived: a base below it
/// derives them all again when opened. 22: what a family's value replaced is taken out of the
/// public projection even under an unlimited consent (issue #19's schemathesis review).
const PROJECTION_RULES: i64 = 22;

fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!(
            "../../migrations/sqlite/0001_information_base.sql"
        )),
        M::up(include_str!("../../migrations/sqlite/0002_facets.sql")),
        M::up(include_str!("../../migrations/sqlite/0003_related.sql")),
        M::up(include_str!("../../migrations/sqlite/0004_studio.sql")),
        M::up(include_str!(
            "../../migrations/sqlite/0005_activity_directions.sql"
        )),
        M::up(include_str!(
            "../../migrations/sqlite/0006_oral_history.sql"
        )),
        M::up(include_str!(
            "../../migrations/sqlite/0007_contributions.sql"
        )),
        M::up(include_str!(
            "../../migrations/sqlite/0008_public_projection.sql"
        )),
        M::up(include_str!("../../migrations/sqlite/0009_uploads.sql")),
        M::up(include_str!("../../migrations/sqlite/0010_attempts.sql")),
        M::up(include_str!(
            "../../migrations/sqlite/0011_check_questions.sql"
        )),
        M::up(include_str!(
            "../../migrations/sqlite/0012_restriction_groups.sql"
        )),
        M::up(include_str!(
            "../../migrations/sqlite/0013_interview_periods.sql"
        )),
        M::up(include_str!(
            "../../migrations/sqlite/0014_namesake_facets.sql"
        )),
        M::up(include_str!("../../migrations/sqlite/0015_excursions.sql")),
        M::up(include_str!("../../migrations/sqlite/0016_lessons.sql")),
        M::up(include_str!("../../migrations/sqlite/0017_media_plan.sql")),
        M::up(include_str!(
            "../../migrations/sqlite/0018_activity_progress.sql"
        )),
        M::up(include_str!("../../migrations/sqlite/0019_venues.sql")),
        M::up(include_str!("../../migrations/sqlite/0020_conference.sql")),
        M::up(include_str!("../../migrations/sqlite/0021_harvest.sql")),
        M::up(include_str!("../../migrations/sqlite/0022_fixity.sql")),
        M::up(include_str!(
            "../../migrations/sqlite/0023_create_revision_in_row.sql"
        )),
        M::up(include_str!(
            "../../migrations/sqlite/0024_drop_records_by_date.sql"
        )),
        M::up(include_str!("../../migrations/sqlite/0025_leases.sql")),
    ])
}

/// Each connection's page cache is 2 MB (readers; the writer raises its own): the OS caches the
/// file for all of them, and eight readers at SQLite's default took 64 MB of a server's budget
/// under load (issue #15) for pages the OS held anyway.
fn configure(conn: &Connection, busy_timeout: Duration) -> rusqlite::Result<()> {
    conn.busy_timeout(busy_timeout)?;
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -2000;",
    )
}

/// The page size of a new base, in bytes.
const PAGE_SIZE: u32 = 16384;

/// The writer syncs the WAL on every commit (`synchronous = FULL`). With NORMAL a commit is
/// safe from a crashed or killed process (the WAL is in the OS's cache) but the last commits
/// before a power cut may be lost — after the studio had answered «сохранено», and after the
/// search index had recorded their change-feed positions, so new changes would reuse numbers
/// the index believes it has seen. An acknowledged write must survive the power cut (issue
/// #15), and the cost is one fsync per transaction: an import or a studio save is one.
const WRITER_SYNC: &str = "PRAGMA synchronous = FULL;";

impl SqliteStore {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<SqliteStore, StoreError> {
        Self::open_with(path, BUSY_TIMEOUT)
    }

    /// Like [`open`](Self::open), waiting at most `busy_timeout` for another process's lock.
    pub fn open_with(
        path: impl AsRef<Path>,
        busy_timeout: Duration,
    ) -> Result<SqliteStore, StoreError> {
        let path = path.as_ref().to_path_buf();
        let mut writer = Connection::open(&path).map_err(|e| open_error(&path, e))?;
        configure(&writer, busy_timeout).map_err(|e| open_error(&path, e))?;
        // A new base gets 16 KB pages: a person's row (its body and its public projection) is
        // about 2 KB, and on SQLite's default 4 KB pages most pages held one row and half a
        // page of nothing, so an import wrote every byte twice over (issue #15). An existing
        // base keeps its page size; the pragma only applies before the first table exists.
        writer
            .execute_batch(&format!("PRAGMA page_size = {PAGE_SIZE}"))
            .map_err(|e| open_error(&path, e))?;
        // Bulk writes (an import, a decision covering 100k records) keep their dirty pages in
        // the writer's cache until commit; a small cache makes them spill and slow down sharply.
        // Set after the page size: set before it, a 100k-row import peaked at 570 MB, not 190.
        writer
            .execute_batch(&format!("PRAGMA cache_size = -131072; {WRITER_SYNC}"))
            .map_err(|e| open_error(&path, e))?;
        let mode: String = writer
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| open_error(&path, e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Unavailable(format!(
                "{}: не удалось включить журнал WAL (режим {mode})",
                path.display()
            )));
        }
        let version_before: i64 = writer
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| open_error(&path, e))?;
        migrations().to_latest(&mut writer).map_err(|e| match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => open_error(&path, err),
            other => StoreError::Backend(other.to_string()),
        })?;
        // A base made before facets existed, or before the facets a record carries last
        // changed, gets them once, computed by core as every later write will compute them
        // (SQL alone cannot read EDTF dates).
        if (1..facets::RECOMPUTED).contains(&version_before) {
            facets::rebuild_all(&mut writer)?;
        }
        // Migrations may have filled the cache; a serving process should not keep it.
        let _ = writer.execute_batch("PRAGMA shrink_memory");
        let manager = SqliteConnectionManager::file(&path)
            .with_flags(
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                    | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX
                    | rusqlite::OpenFlags::SQLITE_OPEN_URI,
            )
            .with_init(move |c| configure(c, busy_timeout));
        let readers = Pool::builder()
            .max_size(6)
            .min_idle(Some(1))
            .build(manager)
            .map_err(|e| StoreError::Unavailable(format!("{}: {e}", path.display())))?;
        let store = SqliteStore {
            path,
            writer: Mutex::new(writer),
            readers,
            facet_cache: Mutex::default(),
            facet_flights: Default::default(),
            record_cache: Mutex::default(),
        };
        // A base made before public projections were stored gets them once (issue #13), and
        // again when the rule that derives them changed since.
        if (1..PROJECTION_MIGRATION.max(PROJECTION_RULES)).contains(&version_before) {
            store.rederive_all()?;
        }
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn reader(&self) -> Result<r2d2::PooledConnection<SqliteConnectionManager>, StoreError> {
        self.readers
            .get()
            .map_err(|e| StoreError::Backend(format!("reader pool: {e}")))
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, crate::count_cache::CountCache> {
        // The cache holds plain data; a panic elsewhere cannot leave it half-written.
        self.facet_cache.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The lock of the computation of the facet counts under `key`, shared by the requests
    /// asking for them at once.
    fn facet_flight(&self, key: &str) -> std::sync::Arc<Mutex<()>> {
        self.facet_flights.join(key)
    }

    fn facet_landed(&self, key: &str) {
        self.facet_flights.landed(key)
    }

    fn writer(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while writing leaves the connection usable (the transaction rolled back when
        // it was dropped), so a poisoned lock is safe to take over.
        self.writer.lock().unwrap_or_else(|p| p.into_inner())
    }
}

fn open_error(path: &Path, e: rusqlite::Error) -> StoreError {
    match db_error(e) {
        StoreError::Backend(msg) => StoreError::Unavailable(format!("{}: {msg}", path.display())),
        other => other,
    }
}

/// Maps engine errors to what a user can act on.
pub(crate) fn db_error(e: rusqlite::Error) -> StoreError {
    if let rusqlite::Error::SqliteFailure(f, msg) = &e {
        match f.code {
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => return StoreError::Locked,
            ErrorCode::CannotOpen | ErrorCode::ReadOnly | ErrorCode::PermissionDenied => {
                return StoreError::Unavailable(
                    msg.clone()
                        .unwrap_or_else(|| "нет доступа к файлу базы данных".into()),
                );
            }
            ErrorCode::DiskFull => {
                return StoreError::Unavailable("на диске закончилось место".into());
            }
            ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt => {
                return StoreError::Unavailable(
                    "файл базы данных повреждён или не является базой SQLite".into(),
                );
            }
            _ => {}
        }
    }
    StoreError::Backend(e.to_string())
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        db_error(e)
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Backend(format!("stored JSON: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::SqliteStore;
    use crate::accounts::Accounts;
    use crate::{Draft, Op, Store};
    use letopis_core::access::AccessLevel;
    use letopis_core::entities::Place;
    use letopis_core::history::Actor;
    use letopis_core::{Body, GroupId};

    /// A base from before migration 0012 may hold restrictions to groups that do not exist;
    /// the migration drops those rows (the record stays closed to all but administrators) and
    /// keeps the ones naming real groups.
    /// A new base is made with 16 KB pages; a base made earlier with SQLite's 4 KB keeps them
    /// (the pragma would only take effect through a VACUUM, which is not the opener's to run).
    #[test]
    fn a_new_base_gets_large_pages_and_an_old_one_keeps_its_own() {
        let dir = tempfile::tempdir().expect("temp dir");
        let page_size = |path: &std::path::Path| -> i64 {
            rusqlite::Connection::open(path)
                .and_then(|c| c.query_row("PRAGMA page_size", [], |r| r.get(0)))
                .expect("page size")
        };
        let new = dir.path().join("new.db");
        drop(SqliteStore::open(&new).expect("open"));
        assert_eq!(page_size(&new), i64::from(super::PAGE_SIZE));

        let old = dir.path().join("old.db");
        rusqlite::Connection::open(&old)
            .and_then(|c| c.execute_batch("PRAGMA page_size = 4096; CREATE TABLE t (x);"))
            .expect("an old base");
        drop(SqliteStore::open(&old).expect("open"));
        assert_eq!(page_size(&old), 4096);
    }

    /// A create revision holds no copy of the record while its row is as created (migration
    /// 0023); the row's first change writes the copy, byte for byte what the revision held
    /// before 0023. A base from before 0023, whose create revisions hold their copies, reads
    /// the same history.
    #[test]
    fn the_create_revision_is_the_row_until_the_row_changes() {
        use letopis_core::history::Subject;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("letopis.db");
        let store = SqliteStore::open(&path).expect("open");
        let actor = Actor::system("test");
        let today = letopis_core::today();
        let place = |name: &str| {
            Body::Place(Place {
                name: name.into(),
                ..Place::default()
            })
        };
        let created = |name| {
            store
                .apply(&actor, vec![Op::Create(Draft::new(place(name)))], today)
                .expect("create")[0]
                .record_id()
                .expect("id")
        };
        let (kept, edited) = (created("Сходня"), created("Фирсановка"));
        let raw = rusqlite::Connection::open(&path).expect("raw");
        let stored_after = |id: letopis_core::record::RecordId| -> Option<String> {
            raw.query_row(
                "SELECT after FROM revisions
                 WHERE subject_type = 'record' AND subject_id = ?1 AND action = 'create'",
                [id.0],
                |r| r.get(0),
            )
            .expect("create revision")
        };
        assert_eq!(
            stored_after(kept),
            None,
            "no copy while the row is as created"
        );
        // What the builds before 0023 wrote: the row's meta and body as one object.
        let as_before_0023 = |id: letopis_core::record::RecordId| -> String {
            raw.query_row(
                "SELECT '{\"meta\":' || meta || ',\"body\":' || body || '}' FROM records
                 WHERE id = ?1",
                [id.0],
                |r| r.get(0),
            )
            .expect("row")
        };
        let copy = as_before_0023(edited);
        let history = store.history(Subject::Record(edited)).expect("history");
        store
            .apply(
                &actor,
                vec![Op::Update {
                    id: edited,
                    expected_version: Some(1),
                    body: place("Фирсановка, посёлок"),
                    settings: Default::default(),
                }],
                today,
            )
            .expect("update");
        assert_eq!(
            stored_after(edited),
            Some(copy),
            "written on the first change"
        );
        assert_eq!(
            store.history(Subject::Record(edited)).expect("history")[0],
            history[0]
        );

        let read = store.history(Subject::Record(kept)).expect("history");
        raw.execute(
            "UPDATE revisions SET after = ?2
             WHERE subject_type = 'record' AND subject_id = ?1 AND action = 'create'",
            rusqlite::params![kept.0, as_before_0023(kept)],
        )
        .expect("a create revision as before 0023");
        assert_eq!(store.history(Subject::Record(kept)).expect("history"), read);
    }

    #[test]
    fn the_migration_drops_restrictions_to_missing_groups_and_keeps_the_rest() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("letopis.db");
        let record = {
            let store = SqliteStore::open(&path).expect("open");
            let group = store.create_group("Поисковики", "heroes").expect("group");
            assert_eq!(group, GroupId(1));
            let mut draft = Draft::new(Body::Place(Place {
                name: "Склад".into(),
                ..Place::default()
            }));
            draft.settings.access = AccessLevel::Groups(vec![group]);
            store
                .apply(
                    &Actor::system("test"),
                    vec![Op::Create(draft)],
                    letopis_core::today(),
                )
                .expect("create")[0]
                .record_id()
                .expect("id")
        };
        // What the builds before 0012 allowed: a row naming group 5, which nobody has.
        {
            let conn = rusqlite::Connection::open(&path).expect("raw");
            conn.execute_batch(&format!(
                "PRAGMA foreign_keys = OFF;
                 INSERT INTO record_groups (record_id, group_id) VALUES ({}, 5);
                 PRAGMA user_version = 11;",
                record.0
            ))
            .expect("old state");
        }
        SqliteStore::open(&path).expect("migrated again");
        let conn = rusqlite::Connection::open(&path).expect("raw");
        let groups: Vec<i64> = conn
            .prepare("SELECT group_id FROM record_groups WHERE record_id = ?1 ORDER BY group_id")
            .expect("select")
            .query_map([record.0], |r| r.get(0))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("groups");
        assert_eq!(groups, vec![1]);
        let fk: i64 = conn
            .query_row(
                "SELECT count(*) FROM pragma_foreign_key_list('record_groups')
                 WHERE \"table\" = 'working_groups'",
                [],
                |r| r.get(0),
            )
            .expect("foreign keys");
        assert_eq!(fk, 1, "group_id refers to working_groups");
    }
}
