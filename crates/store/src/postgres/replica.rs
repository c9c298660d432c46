//! Reads from a PostgreSQL streaming replica (issue #20): the information base's reads go to
//! the replica whenever it has replayed at least as far as this node has seen the change feed
//! go, and to the primary otherwise.
//!
//! The node's position is what its feed watch heard and what it committed itself
//! ([`super::feed`]), so a writer reads its own writes, and a page is never rendered from a base
//! older than the position it is cached under: a page cache keyed on the feed stays exact with a
//! replica behind it. A replica that falls behind (a burst of writes, a slow disk) simply serves
//! nothing until it has caught up; one that cannot be reached is not used. Everything else —
//! accounts, sessions, uploads, the studio's writes and reads — stays on the primary, since those
//! are not in the change feed and a replica's lag could not be told there.

use super::{Conn, Manager};
use r2d2::Pool;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::time::Duration;

/// How often the replica's replayed position is read.
const POLL: Duration = Duration::from_millis(50);

/// The replica's pool and the position of the change feed it has replayed (−1 while unknown).
pub(crate) struct Replica {
    pool: super::Connections,
    position: Arc<AtomicI64>,
    stop: Arc<AtomicBool>,
}

impl Replica {
    pub(crate) fn open(config: postgres::Config, size: u32) -> Result<Replica, String> {
        let manager = Manager::new(config.clone(), postgres::NoTls);
        let pool = Pool::builder()
            .max_size(size)
            .min_idle(Some(1))
            .connection_timeout(Duration::from_secs(2))
            .build(manager)
            .map_err(|e| format!("реплика PostgreSQL: {e}"))?;
        let position = Arc::new(AtomicI64::new(-1));
        let stop = Arc::new(AtomicBool::new(false));
        let (watched, stopping) = (position.clone(), stop.clone());
        std::thread::Builder::new()
            .name("letopis-replica-watch".into())
            .spawn(move || watch(&config, &watched, &stopping))
            .map_err(|e| e.to_string())?;
        Ok(Replica {
            pool: super::Connections::new(pool),
            position,
            stop,
        })
    }

    /// A connection to the replica, if it has replayed the feed up to `seen`.
    pub(crate) fn caught_up(&self, seen: i64) -> Option<Conn> {
        if self.position.load(Ordering::Acquire) < seen {
            return None;
        }
        self.pool.try_get()
    }

    /// The replica's replayed position (−1 while it is unknown).
    pub(crate) fn position(&self) -> i64 {
        self.position.load(Ordering::Acquire)
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
    }
}

fn watch(config: &postgres::Config, position: &AtomicI64, stop: &AtomicBool) {
    let mut client = None;
    while !stop.load(Ordering::Acquire) {
        if client.is_none() {
            client = config.connect(postgres::NoTls).ok();
        }
        let read = client.as_mut().map(|c: &mut postgres::Client| {
            c.query_one("SELECT coalesce(max(seq), 0) FROM changes", &[])
                .map(|row| row.get::<_, i64>(0))
        });
        match read {
            Some(Ok(seq)) => position.store(seq, Ordering::Release),
            _ => {
                // Unknown: not used until it answers again.
                position.store(-1, Ordering::Release);
                client = None;
            }
        }
        std::thread::sleep(POLL);
    }
}

impl std::fmt::Debug for Replica {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Replica")
            .field("position", &self.position())
            .finish_non_exhaustive()
    }
}
