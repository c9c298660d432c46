//! The PostgreSQL engine: several stateless nodes over one database (issue #20).
//!
//! Reads come from a pool of connections, each list or count in one read-only snapshot. Writes
//! are serialised across every node by a transaction-scoped advisory lock ([`WRITERS`]), taken
//! first thing in each write transaction that touches the information base: the change feed's
//! sequence numbers then commit in the order they were drawn, so a follower that has read up to
//! `seq` never later finds a smaller number committed behind it (with interleaved writers a
//! sequence hands out numbers in draw order but transactions commit in any order, and a
//! follower would skip the late one for ever). Each such transaction also sends
//! `NOTIFY letopis_changes`, delivered at its commit, for the followers that LISTEN.
//!
//! The SQLite engine keeps a record cache and a facet-count cache keyed on the change
//! sequence; this engine has neither yet, so every read goes to the database.
//!
//! Statements are SQLite's, one at a time: a record written is about ten of them, each a round
//! trip (0.7 ms a record on the development machine, against SQLite's 0.03 ms). Preparing each
//! statement once per connection was tried and saved under a tenth, so the way to fast imports
//! is fewer statements per record (several rows per INSERT, or COPY), not fewer parses.

mod accounts;
mod conference;
mod contributions;
mod excursions;
mod facets;
mod feed;
mod fixity;
mod harvest;
mod lessons;
mod media_plan;
mod migrate;
mod oral;
pub mod preservation;
mod read;
mod related;
mod replica;
#[cfg(feature = "testing")]
pub mod testing;
mod uploads;
mod value;
mod venues;
mod write;

use crate::StoreError;
use postgres::NoTls;
use r2d2::Pool;
use r2d2_postgres::PostgresConnectionManager;
use std::time::Duration;

/// The key of the advisory lock every writer of the information base holds until it commits:
/// one constant of the engine's own ("letopis" in ASCII, read as a number), so no other
/// application sharing the database takes it by chance.
pub(crate) const WRITERS: i64 = 0x006c_6574_6f70_6973;

/// The channel each write transaction notifies at its commit.
pub const CHANGES_CHANNEL: &str = "letopis_changes";

/// How many connections a node keeps: a node serves on tokio's blocking pool, and more
/// connections than it has cores to use them only queue inside the database.
const POOL_SIZE: u32 = 8;

pub(crate) type Manager = PostgresConnectionManager<NoTls>;
pub(crate) type Conn = r2d2::PooledConnection<Manager>;

pub struct PgStore {
    pool: Connections,
    /// Where the connections go, for the change feed's watch.
    config: postgres::Config,
    /// The change feed's position, kept by a listening thread; started by the first
    /// [`Store::change_seq`](crate::Store::change_seq) (a store that never asks needs no thread).
    feed: std::sync::OnceLock<feed::FeedWatch>,
    /// A streaming replica the information base's reads go to while it has caught up.
    replica: Option<replica::Replica>,
    /// Facet counts and list totals at the feed position they were counted at: on a
    /// 100,000-person base one count of the persons' facets takes PostgreSQL seconds, and the
    /// answer changes only when the base does.
    counts: std::sync::Mutex<crate::count_cache::CountCache>,
    /// The counts being computed now, so the requests that miss together compute them once.
    flights: crate::count_cache::Flights,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").finish_non_exhaustive()
    }
}

impl PgStore {
    /// Connects to `url` (`postgres://user@host:port/db`, or libpq's key=value form) and brings
    /// the schema up to date.
    pub fn open(url: &str) -> Result<PgStore, StoreError> {
        PgStore::open_with_replica(url, None)
    }

    /// [`PgStore::open`], reading the information base from the streaming replica at `replica`
    /// whenever it has caught up with what this node has seen (see `replica.rs`).
    pub fn open_with_replica(url: &str, replica: Option<&str>) -> Result<PgStore, StoreError> {
        off_runtime(|| {
            let replica = replica
                .map(|url| {
                    let config: postgres::Config = url.parse().map_err(|e| {
                        StoreError::Unavailable(format!(
                            "адрес реплики PostgreSQL не читается: {e}"
                        ))
                    })?;
                    replica::Replica::open(config, POOL_SIZE).map_err(StoreError::Unavailable)
                })
                .transpose()?;
            let config: postgres::Config = url.parse().map_err(|e| {
                StoreError::Unavailable(format!("адрес базы PostgreSQL не читается: {e}"))
            })?;
            let manager = PostgresConnectionManager::new(config.clone(), NoTls);
            let pool = Pool::builder()
                .max_size(POOL_SIZE)
                .min_idle(Some(1))
                .connection_timeout(Duration::from_secs(10))
                .build(manager)
                .map_err(|e| StoreError::Unavailable(format!("PostgreSQL: {e}")))?;
            let store = PgStore {
                pool: Connections::new(pool),
                config,
                feed: std::sync::OnceLock::new(),
                replica,
                counts: Default::default(),
                flights: Default::default(),
            };
            migrate::to_latest(&mut *store.conn()?)?;
            Ok(store)
        })
    }

    /// The change feed's watch, started on first use.
    pub(crate) fn feed(&self) -> &feed::FeedWatch {
        self.feed
            .get_or_init(|| feed::FeedWatch::start(self.config.clone()))
    }

    /// The change feed's position as this node has seen it: counts cached under it were counted
    /// from a base at least this new (read before the counting, so never older).
    pub(crate) fn seen_seq(&self) -> Result<i64, StoreError> {
        if let Some(seq) = self.feed().position() {
            return Ok(seq);
        }
        let seq = self.read_change_seq()?;
        self.committed(seq);
        Ok(seq)
    }

    pub(crate) fn counts(&self) -> std::sync::MutexGuard<'_, crate::count_cache::CountCache> {
        // Plain data: a panic elsewhere cannot leave it half-written.
        self.counts.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Tells the watch of a position this node committed, so it reads its own writes at once.
    pub(crate) fn committed(&self, seq: i64) {
        if let Some(watch) = self.feed.get() {
            watch.saw(seq);
        }
    }

    /// A connection for a read of the information base: the replica's when it has replayed the
    /// change feed as far as this node has seen it, else the primary's.
    pub(crate) fn read_conn(&self) -> Result<Conn, StoreError> {
        if let Some(replica) = &self.replica
            && let Some(seen) = self.feed().position()
            && let Some(conn) = replica.caught_up(seen)
        {
            return Ok(conn);
        }
        self.conn()
    }

    pub(crate) fn conn(&self) -> Result<Conn, StoreError> {
        self.pool
            .get()
            .map_err(|e| StoreError::Unavailable(format!("PostgreSQL: {e}")))
    }
}

/// Runs `f`, which blocks on the database, where a thread may block. The synchronous client
/// drives each call on a runtime of its own, which tokio refuses inside another runtime's
/// thread; the portal calls a few cheap reads (the change feed's position, a file's info)
/// straight from its async threads, as it may with SQLite. There `block_in_place` hands the
/// thread's other tasks to another thread for the call; on the blocking pool and outside any
/// runtime, where store calls normally run, it only calls `f`. A current-thread runtime (a
/// `#[tokio::test]`, an embedder's small runtime) has no other thread to hand its tasks to and
/// refuses `block_in_place`: there `f` runs on a thread of its own while this one waits, as a
/// SQLite call would block it.
pub(crate) fn off_runtime<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    use tokio::runtime::{Handle, RuntimeFlavor};
    match Handle::try_current().map(|h| h.runtime_flavor()) {
        Err(_) => f(),
        Ok(RuntimeFlavor::CurrentThread) => std::thread::scope(|scope| {
            scope
                .spawn(f)
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        }),
        Ok(_) => tokio::task::block_in_place(f),
    }
}

/// [`off_runtime`] for a call that holds what may not move to another thread (the caller's
/// writer, iterator or observer): on a current-thread runtime it refuses as tokio does, so it is
/// called from the blocking pool or outside a runtime, as the portal and the tools do.
pub(crate) fn off_runtime_here<R>(f: impl FnOnce() -> R) -> R {
    if tokio::runtime::Handle::try_current().is_ok() {
        tokio::task::block_in_place(f)
    } else {
        f()
    }
}

/// A pool of connections that closes them where the synchronous client may block. Closing a
/// connection drives the client's own runtime, which tokio refuses on a thread of another
/// runtime: the last handle of a store dropped by async code (a server stopping, an async test)
/// panicked with "Cannot start a runtime from within a runtime". There the connections are
/// closed on a thread of their own.
pub(crate) struct Connections(Option<Pool<Manager>>);

impl Connections {
    pub(crate) fn new(pool: Pool<Manager>) -> Connections {
        Connections(Some(pool))
    }
}

impl std::ops::Deref for Connections {
    type Target = Pool<Manager>;

    fn deref(&self) -> &Pool<Manager> {
        self.0
            .as_ref()
            .expect("the pool is taken only when it is dropped")
    }
}

impl Drop for Connections {
    fn drop(&mut self) {
        let Some(pool) = self.0.take() else { return };
        if tokio::runtime::Handle::try_current().is_ok() {
            std::thread::scope(|scope| {
                scope.spawn(move || drop(pool));
            });
        }
    }
}

/// Opens a write transaction on the information base: takes the writers' lock (see the module's
/// notes) and queues the notification its commit will deliver.
pub(crate) fn begin_write(conn: &mut Conn) -> Result<postgres::Transaction<'_>, StoreError> {
    use value::{Sql, params};
    let mut tx = conn.transaction()?;
    tx.run("SELECT pg_advisory_xact_lock($1)", &params![WRITERS])?;
    tx.batch_execute(&format!("NOTIFY {CHANGES_CHANNEL}"))?;
    Ok(tx)
}

/// Opens a read-only snapshot: a list's total and its page, or the counts of one list, agree.
pub(crate) fn begin_read(conn: &mut Conn) -> Result<postgres::Transaction<'_>, StoreError> {
    Ok(conn
        .build_transaction()
        .isolation_level(postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()?)
}

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> Self {
        use postgres::error::SqlState;
        if e.is_closed() {
            return StoreError::Unavailable("соединение с PostgreSQL закрыто".into());
        }
        match e.code() {
            Some(c) if *c == SqlState::T_R_SERIALIZATION_FAILURE => StoreError::Locked,
            Some(c) if *c == SqlState::T_R_DEADLOCK_DETECTED => StoreError::Locked,
            Some(c) if *c == SqlState::LOCK_NOT_AVAILABLE => StoreError::Locked,
            Some(c) if *c == SqlState::DISK_FULL => {
                StoreError::Unavailable("на диске сервера PostgreSQL закончилось место".into())
            }
            _ => match e.as_db_error() {
                // The server's own message says what failed; `Display` alone says "db error".
                Some(db) => StoreError::Backend(format!("PostgreSQL: {db}")),
                None => StoreError::Backend(format!("PostgreSQL: {e}")),
            },
        }
    }
}
