//! The change feed's position as a node knows it without asking: a thread of its own LISTENs on
//! [`CHANGES_CHANNEL`](super::CHANGES_CHANNEL), which every write transaction notifies at its
//! commit, and reads the position again on each notification.
//!
//! The portal asks the position on every page it might answer from its page cache (tens of
//! thousands of times a second): a round trip to the database each time would cost more than the
//! page, and it is asked on the server's async threads, where the synchronous client may not
//! block. While the watch is live, the position is a number in memory; a node's own writes move
//! it at their commit ([`FeedWatch::saw`]), so a writer always reads its own writes; other nodes'
//! writes arrive with their notification, within milliseconds. When the watch is not live (the
//! connection broke, the database restarted) the position is read from the database until it is
//! live again, so a page is never served from a position the node has not seen.

use postgres::fallible_iterator::FallibleIterator;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::time::Duration;

/// How long the watch waits for a notification before it reads the position anyway (a
/// notification lost with a broken connection is then caught up with at the latest by this).
/// It is also how soon a dropped store's thread ends and closes its connection.
const HEARTBEAT: Duration = Duration::from_secs(1);

/// How long the watch waits before connecting again after a failure.
const RETRY: Duration = Duration::from_secs(1);

#[derive(Debug, Default)]
struct State {
    seq: AtomicI64,
    live: AtomicBool,
    stop: AtomicBool,
}

/// The position of the change feed, kept by a listening thread (see the module's notes).
#[derive(Debug)]
pub(crate) struct FeedWatch {
    state: Arc<State>,
}

impl FeedWatch {
    /// Starts the listening thread on a connection of its own to `config`'s database.
    pub(crate) fn start(config: postgres::Config) -> FeedWatch {
        let state = Arc::new(State::default());
        let watching = state.clone();
        let spawned = std::thread::Builder::new()
            .name("letopis-feed-watch".into())
            .spawn(move || watch(&config, &watching));
        if let Err(e) = spawned {
            tracing::error!(error = %e, "the change feed's watch did not start; the position is read from the database");
        }
        FeedWatch { state }
    }

    /// The position, if the watch is live.
    pub(crate) fn position(&self) -> Option<i64> {
        self.state
            .live
            .load(Ordering::Acquire)
            .then(|| self.state.seq.load(Ordering::Acquire))
    }

    /// A position this node has read or written itself: never lets the kept one go back.
    pub(crate) fn saw(&self, seq: i64) {
        self.state.seq.fetch_max(seq, Ordering::AcqRel);
    }
}

impl Drop for FeedWatch {
    fn drop(&mut self) {
        // The thread sees it at its next heartbeat and ends with its connection.
        self.state.stop.store(true, Ordering::Release);
    }
}

fn watch(config: &postgres::Config, state: &State) {
    while !state.stop.load(Ordering::Acquire) {
        if let Err(e) = listen(config, state) {
            if state.live.swap(false, Ordering::AcqRel) {
                tracing::warn!(error = %e, "the change feed's watch lost its connection; reading the position from the database until it is back");
            }
            std::thread::sleep(RETRY);
        }
    }
}

/// LISTENs, then reads the position after each notification or heartbeat; returns on an error.
fn listen(config: &postgres::Config, state: &State) -> Result<(), postgres::Error> {
    let mut client = config.connect(postgres::NoTls)?;
    client.batch_execute(&format!("LISTEN {}", super::CHANGES_CHANNEL))?;
    // Listening first, then reading: a commit between the two is in the position read or
    // notified after it.
    read_position(&mut client, state)?;
    state.live.store(true, Ordering::Release);
    while !state.stop.load(Ordering::Acquire) {
        {
            let mut notifications = client.notifications();
            // The first notification, or the heartbeat; then every one already waiting, so
            // that one read covers them all.
            notifications.timeout_iter(HEARTBEAT).next()?;
            let mut waiting = notifications.iter();
            while waiting.next()?.is_some() {}
        }
        read_position(&mut client, state)?;
    }
    Ok(())
}

fn read_position(client: &mut postgres::Client, state: &State) -> Result<(), postgres::Error> {
    let seq: i64 = client
        .query_one("SELECT coalesce(max(seq), 0) FROM changes", &[])?
        .get(0);
    state.seq.fetch_max(seq, Ordering::AcqRel);
    Ok(())
}
