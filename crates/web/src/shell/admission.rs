//! Admission control for searches: a bounded number run at once, a bounded number wait briefly
//! for their turn, and the rest are told at once to come back (`503` with `Retry-After`).
//!
//! A search holds tens of megabytes of index pages, postings and collector buffers while it
//! runs, on a thread of the blocking pool. Unbounded, 256 concurrent searches meant 256 such
//! threads and 2.5 GB resident (issue #15), and the kernel's OOM killer on a small server. The
//! cores are the real limit anyway: more searches at once than cores only share them, so each
//! takes longer and together they finish no sooner. Waiting is cheap (a parked future holds a
//! few hundred bytes), so the queue can be long; the deadline keeps a visitor from staring at a
//! blank page — a friendly «try again in a moment» is better than a timeout.

use crate::shell::error::AppError;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// How many searches run at once, how many may wait, and how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchLimits {
    /// Searches running at once; at least one.
    pub concurrent: usize,
    /// Searches waiting for a turn; one more is refused with `503`.
    pub queue: usize,
    /// How long a search waits for its turn before it is refused with `503`.
    pub wait: Duration,
}

impl Default for SearchLimits {
    /// As many searches as cores: a search is CPU-bound once the index is in the page cache.
    fn default() -> SearchLimits {
        SearchLimits {
            concurrent: std::thread::available_parallelism().map_or(2, |n| n.get()),
            queue: 256,
            wait: Duration::from_secs(2),
        }
    }
}

/// The seconds a refused visitor is asked to wait (`Retry-After`).
pub const RETRY_AFTER_SECONDS: u32 = 2;

/// The turnstile in front of the search index.
pub struct Admission {
    permits: Arc<Semaphore>,
    waiting: AtomicUsize,
    refused: AtomicU64,
    limits: SearchLimits,
    /// How long searches held their turn (`letopis_search_duration_seconds`).
    durations: Histogram,
}

/// How the turnstile is doing, for the health check and the benchmarks.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Load {
    pub running: usize,
    pub waiting: usize,
    /// Searches refused with `503` since the start.
    pub refused: u64,
}

/// A search's turn; the next one waiting goes in when it is dropped.
pub struct Turn {
    _permit: OwnedSemaphorePermit,
    since: Instant,
    durations: Histogram,
}

impl Drop for Turn {
    fn drop(&mut self) {
        self.durations.observe(self.since.elapsed().as_secs_f64());
    }
}

impl Admission {
    pub fn new(limits: SearchLimits) -> Admission {
        Admission {
            permits: Arc::new(Semaphore::new(limits.concurrent.max(1))),
            waiting: AtomicUsize::new(0),
            refused: AtomicU64::new(0),
            limits,
            // From a millisecond to about four seconds.
            durations: Histogram::new(exponential_buckets(0.001, 2.0, 13)),
        }
    }

    /// How long searches held their turn, for `/metrics`.
    pub fn durations(&self) -> Histogram {
        self.durations.clone()
    }

    fn turn(&self, permit: OwnedSemaphorePermit) -> Turn {
        Turn {
            _permit: permit,
            since: Instant::now(),
            durations: self.durations.clone(),
        }
    }

    pub fn limits(&self) -> SearchLimits {
        self.limits
    }

    pub fn load(&self) -> Load {
        Load {
            running: self.limits.concurrent.max(1) - self.permits.available_permits(),
            waiting: self.waiting.load(Ordering::Acquire),
            refused: self.refused.load(Ordering::Relaxed),
        }
    }

    /// A turn now, or after waiting at most the configured time; [`AppError::Busy`] when the
    /// queue is full or the wait ran out.
    pub async fn enter(&self) -> Result<Turn, AppError> {
        let turn = self.wait_for_turn().await;
        if turn.is_err() {
            self.refused.fetch_add(1, Ordering::Relaxed);
        }
        turn
    }

    async fn wait_for_turn(&self) -> Result<Turn, AppError> {
        if let Ok(permit) = self.permits.clone().try_acquire_owned() {
            return Ok(self.turn(permit));
        }
        let _in_line = InLine::join(&self.waiting, self.limits.queue)?;
        match tokio::time::timeout(self.limits.wait, self.permits.clone().acquire_owned()).await {
            Ok(Ok(permit)) => Ok(self.turn(permit)),
            // The semaphore is never closed; a wait that ran out is the ordinary case.
            Ok(Err(_)) | Err(_) => {
                tracing::debug!("a search waited its whole turn; refused with 503");
                Err(AppError::Busy)
            }
        }
    }
}

/// A place in the queue, given back however the wait ends (a turn, a refusal, or the visitor
/// closing the connection, which drops the future).
struct InLine<'a>(&'a AtomicUsize);

impl<'a> InLine<'a> {
    fn join(waiting: &'a AtomicUsize, queue: usize) -> Result<InLine<'a>, AppError> {
        let ahead = waiting.fetch_add(1, Ordering::AcqRel);
        let place = InLine(waiting);
        if ahead >= queue {
            return Err(AppError::Busy);
        }
        Ok(place)
    }
}

impl Drop for InLine<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(concurrent: usize, queue: usize, wait_ms: u64) -> SearchLimits {
        SearchLimits {
            concurrent,
            queue,
            wait: Duration::from_millis(wait_ms),
        }
    }

    #[tokio::test]
    async fn a_full_queue_is_refused_at_once() {
        let admission = Admission::new(limits(1, 0, 60_000));
        let held = admission.enter().await.expect("the first search runs");
        assert_eq!(admission.enter().await.err(), Some(AppError::Busy));
        drop(held);
        assert!(admission.enter().await.is_ok(), "the turn came back");
    }

    #[tokio::test]
    async fn a_waiting_search_gets_the_next_turn() {
        let admission = Arc::new(Admission::new(limits(1, 4, 60_000)));
        let held = admission.enter().await.expect("the first search runs");
        let waiting = {
            let admission = admission.clone();
            tokio::spawn(async move { admission.enter().await.is_ok() })
        };
        while admission.waiting.load(Ordering::Acquire) == 0 {
            tokio::task::yield_now().await;
        }
        drop(held);
        assert!(waiting.await.expect("task"), "the waiting search ran");
        assert_eq!(admission.waiting.load(Ordering::Acquire), 0);
    }

    #[tokio::test]
    async fn a_wait_has_a_deadline() {
        let admission = Admission::new(limits(1, 4, 20));
        let _held = admission.enter().await.expect("the first search runs");
        assert_eq!(admission.enter().await.err(), Some(AppError::Busy));
        assert_eq!(
            admission.waiting.load(Ordering::Acquire),
            0,
            "the place is given back"
        );
    }
}
