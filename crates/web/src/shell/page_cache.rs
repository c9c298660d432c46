//! Rendered public pages for anonymous visitors, kept until the change feed says something they
//! show has changed (issue #15).
//!
//! On 9 May the same few hundred pages are asked for thousands of times a second; rendering each
//! one again (reading a record and its ties through the gate, filling a template) is most of
//! what the server does. This module keeps the bytes of a rendered page — and, once asked for,
//! its brotli and gzip forms — under a key of everything that changes the rendering (see
//! `public/cached.rs`), bounded in bytes, least recently used first out.
//!
//! **Never stale.** Each entry remembers what it showed, noted by the gate while the page was
//! rendered ([`Noted`]): the records that passed the gate (or were refused by it), whether it
//! showed a list, counts or search results (then any change drops it), and the search index's
//! position for search results. Before a page is served from here, the change feed's position
//! is read; when it moved, the events since are applied first ([`PageCache::invalidate`]), so a
//! request that starts after a write was acknowledged never gets a page from before it — the
//! same guarantee rendering gives. A page rendered while a write landed is not kept
//! ([`PageCache::insert`] refuses it when invalidation moved on meanwhile).
//!
//! What may be kept at all — anonymous visitors only, public addresses only, no `Set-Cookie` —
//! is decided by the caller; this module only keeps and forgets.

use axum::body::Bytes;
use axum::http::HeaderMap;
use letopis_core::record::RecordId;
use lru::LruCache;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

/// What a page showed, noted while it was rendered.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Shown {
    /// Records the gate was asked for (shown or refused): a change to any of them, or to a
    /// record tied to any of them, may change the page.
    pub records: Vec<RecordId>,
    /// The page shows a list, counts or search results: any change may change it.
    pub listing: bool,
    /// The search index's position the page's results come from; the page is valid only while
    /// the index stays there (the index follows the feed a little behind it).
    pub index_at: Option<i64>,
    /// Searches at two index positions went into the page: it cannot be kept.
    pub mixed_index: bool,
}

/// The collector the gate notes into while a page that may be kept is rendered.
#[derive(Debug, Default)]
pub struct Noted {
    shown: Mutex<Shown>,
}

tokio::task_local! {
    /// Set around the rendering of a page that may be kept; absent otherwise, so the gate
    /// notes nothing for anyone else.
    static NOTED: Arc<Noted>;
}

impl Noted {
    /// The collector of the page being rendered by the current task, if it may be kept.
    pub fn current() -> Option<Arc<Noted>> {
        NOTED.try_with(Arc::clone).ok()
    }

    /// Runs `render` with `noted` as [`Noted::current`].
    pub async fn collect<F: std::future::Future>(noted: Arc<Noted>, render: F) -> F::Output {
        NOTED.scope(noted, render).await
    }

    fn shown(&self) -> MutexGuard<'_, Shown> {
        self.shown.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn record(&self, id: RecordId) {
        self.shown().records.push(id);
    }

    pub fn records(&self, ids: &[RecordId]) {
        self.shown().records.extend_from_slice(ids);
    }

    pub fn listing(&self) {
        self.shown().listing = true;
    }

    /// A search answered from the index at `position`.
    pub fn index_at(&self, position: i64) {
        let mut shown = self.shown();
        shown.listing = true;
        match shown.index_at {
            Some(p) if p != position => shown.mixed_index = true,
            _ => shown.index_at = Some(position),
        }
    }

    pub fn take(&self) -> Shown {
        let mut shown = std::mem::take(&mut *self.shown());
        shown.records.sort_unstable();
        shown.records.dedup();
        shown
    }
}

/// A kept page: the headers and body of a `200` answer as rendered, and its compressed forms.
pub struct Page {
    pub headers: HeaderMap,
    pub body: Bytes,
    pub brotli: OnceLock<Bytes>,
    pub gzip: OnceLock<Bytes>,
}

impl Page {
    pub fn new(headers: HeaderMap, body: Bytes) -> Page {
        Page {
            headers,
            // A rendered page arrives in the string it was written into, whose capacity grew by
            // doubling: kept as it is, a 70 KB page holds 128 KB, and a full cache twice its
            // budget (measured with heaptrack under fresh searches, issue #15). One copy to the
            // exact size when the page is kept.
            body: Bytes::copy_from_slice(&body),
            brotli: OnceLock::new(),
            gzip: OnceLock::new(),
        }
    }
}

/// Headers and bookkeeping, beside the body, in bytes.
const OVERHEAD: usize = 1024;

struct Entry {
    page: Arc<Page>,
    shown: Shown,
    bytes: usize,
}

/// What changes the change feed reported since the cache's position.
#[derive(Debug, Default)]
pub struct Touched {
    /// The feed's position these changes reach.
    pub to: i64,
    /// Too many to follow one by one (an import): forget every page.
    pub everything: bool,
    /// The records changed and the records tied to them.
    pub records: HashSet<RecordId>,
}

struct State {
    /// The change-feed position every kept page is known to be current at.
    position: i64,
    entries: LruCache<Arc<str>, Entry>,
    /// Keys of the pages that showed each record.
    by_record: HashMap<RecordId, HashSet<Arc<str>>>,
    /// Keys of the pages that show lists, counts or search results.
    listings: HashSet<Arc<str>>,
    bytes: usize,
}

/// How the cache is doing, for the health check and the benchmarks.
#[derive(Debug, Default, Clone, Copy, serde::Serialize)]
pub struct Stats {
    pub pages: usize,
    pub bytes: usize,
    pub budget: usize,
    /// Requests answered from the cache, and those that looked and rendered.
    pub hits: u64,
    pub misses: u64,
}

pub struct PageCache {
    budget: usize,
    state: Mutex<State>,
    hits: AtomicU64,
    misses: AtomicU64,
    /// Held by the one request that applies the feed's news; others render meanwhile. Held
    /// across reading the feed, hence tokio's.
    syncing: tokio::sync::Mutex<()>,
    /// Pages being rendered for the cache, by key: whoever misses a page another request is
    /// rendering waits for it instead of rendering it too ([`PageCache::join`]).
    flights: Mutex<HashMap<Arc<str>, tokio::sync::watch::Receiver<()>>>,
}

/// A request that missed the cache: the one that renders the page, or one that waits for it.
pub enum Flight<'a> {
    /// Renders the page; the waiting requests wake when this is dropped (rendered, refused or
    /// abandoned alike).
    Lead(Landing<'a>),
    /// Another request is rendering the page: wait on this, then look again.
    Follow(tokio::sync::watch::Receiver<()>),
}

/// Held by the request that renders a page others wait for.
pub struct Landing<'a> {
    cache: &'a PageCache,
    key: Arc<str>,
    _done: tokio::sync::watch::Sender<()>,
}

impl Drop for Landing<'_> {
    fn drop(&mut self) {
        let mut flights = self.cache.flights.lock().unwrap_or_else(|p| p.into_inner());
        flights.remove(&self.key);
        // `_done` is dropped after this: the waiters wake and find the page kept.
    }
}

impl PageCache {
    /// A cache of at most `budget` bytes; `0` keeps nothing.
    pub fn new(budget: usize) -> PageCache {
        PageCache {
            budget,
            state: Mutex::new(State {
                position: i64::MIN,
                entries: LruCache::unbounded(),
                by_record: HashMap::new(),
                listings: HashSet::new(),
                bytes: 0,
            }),
            syncing: tokio::sync::Mutex::new(()),
            flights: Mutex::new(HashMap::new()),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }

    pub fn enabled(&self) -> bool {
        self.budget > 0
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // Plain data, each change made whole under the lock: a panic elsewhere cannot leave
        // it half-written.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn stats(&self) -> Stats {
        let state = self.state();
        Stats {
            pages: state.entries.len(),
            bytes: state.bytes,
            budget: self.budget,
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
        }
    }

    /// The change-feed position the kept pages are current at.
    pub fn position(&self) -> i64 {
        self.state().position
    }

    /// The right to apply the feed's news, unless another request is applying it now.
    pub fn try_sync(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        self.syncing.try_lock().ok()
    }

    /// Joins the rendering of the page under `key`: the first request to miss it leads, those
    /// missing it meanwhile follow. After a write drops the home page and every list, a hundred
    /// visitors asking for them at once cost one rendering, not a hundred queued on the
    /// blocking threads (issue #15's soak timed out that way).
    pub fn join(&self, key: &str) -> Flight<'_> {
        let mut flights = self.flights.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(done) = flights.get(key) {
            return Flight::Follow(done.clone());
        }
        let key: Arc<str> = key.into();
        let (done, waiting) = tokio::sync::watch::channel(());
        flights.insert(key.clone(), waiting);
        Flight::Lead(Landing {
            cache: self,
            key,
            _done: done,
        })
    }

    /// The page kept under `key`, if it is current at the feed position `at` and, for search
    /// results, at the index position `index_at`.
    pub fn get(&self, at: i64, key: &str, index_at: Option<i64>) -> Option<Arc<Page>> {
        let found = self.find(at, key, index_at);
        let counter = if found.is_some() {
            &self.hits
        } else {
            &self.misses
        };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    fn find(&self, at: i64, key: &str, index_at: Option<i64>) -> Option<Arc<Page>> {
        let mut state = self.state();
        if state.position != at {
            return None;
        }
        let entry = state.entries.get(key)?;
        if entry.shown.index_at.is_none() || entry.shown.index_at == index_at {
            return Some(entry.page.clone());
        }
        let key: Arc<str> = key.into();
        state.remove(&key);
        None
    }

    /// Keeps `page`, rendered from the base at feed position `at`, unless the feed's news were
    /// applied since (the page may then show what a write replaced) or it is too large.
    pub fn insert(&self, at: i64, key: &str, page: Page, shown: Shown) -> Arc<Page> {
        let page = Arc::new(page);
        let bytes = page.body.len() + OVERHEAD + key.len() + shown.records.len() * 16;
        // One page never takes more than an eighth of the cache.
        if shown.mixed_index || bytes > self.budget / 8 {
            return page;
        }
        let mut state = self.state();
        if state.position != at {
            return page;
        }
        let key: Arc<str> = key.into();
        state.remove(&key);
        for id in &shown.records {
            state.by_record.entry(*id).or_default().insert(key.clone());
        }
        if shown.listing {
            state.listings.insert(key.clone());
        }
        state.bytes += bytes;
        state.entries.put(
            key,
            Entry {
                page: page.clone(),
                shown,
                bytes,
            },
        );
        while state.bytes > self.budget {
            let Some((oldest, _)) = state.entries.peek_lru() else {
                break;
            };
            let oldest = oldest.clone();
            state.remove(&oldest);
        }
        page
    }

    /// Counts a compressed form made for the page under `key` after it was kept.
    pub fn grew(&self, key: &str, added: usize) {
        let mut state = self.state();
        if let Some(entry) = state.entries.peek_mut(key) {
            entry.bytes += added;
            state.bytes += added;
        }
    }

    /// Forgets the pages the changes may have changed and moves to their position.
    pub fn invalidate(&self, touched: &Touched) {
        let mut state = self.state();
        if touched.everything || state.position == i64::MIN {
            state.entries.clear();
            state.by_record.clear();
            state.listings.clear();
            state.bytes = 0;
        } else {
            let mut gone: HashSet<Arc<str>> = std::mem::take(&mut state.listings);
            for id in &touched.records {
                if let Some(keys) = state.by_record.get(id) {
                    gone.extend(keys.iter().cloned());
                }
            }
            for key in &gone {
                state.remove(key);
            }
        }
        state.position = touched.to;
    }
}

impl State {
    fn remove(&mut self, key: &Arc<str>) {
        let Some(entry) = self.entries.pop(key) else {
            return;
        };
        self.bytes -= entry.bytes;
        self.listings.remove(key);
        for id in &entry.shown.records {
            if let Some(keys) = self.by_record.get_mut(id) {
                keys.remove(key);
                if keys.is_empty() {
                    self.by_record.remove(id);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> Page {
        Page::new(HeaderMap::new(), Bytes::from(text.to_string()))
    }

    fn shown(records: &[i64], listing: bool) -> Shown {
        Shown {
            records: records.iter().map(|r| RecordId(*r)).collect(),
            listing,
            ..Shown::default()
        }
    }

    fn at(to: i64, records: &[i64]) -> Touched {
        Touched {
            to,
            everything: false,
            records: records.iter().map(|r| RecordId(*r)).collect(),
        }
    }

    fn cache() -> PageCache {
        let cache = PageCache::new(1 << 20);
        cache.invalidate(&at(1, &[]));
        cache
    }

    #[test]
    fn a_change_drops_exactly_the_pages_that_showed_it_and_every_listing() {
        let cache = cache();
        cache.insert(1, "/persons/a", page("a"), shown(&[10, 11], false));
        cache.insert(1, "/persons/b", page("b"), shown(&[20], false));
        cache.insert(1, "/persons", page("list"), shown(&[10, 20], true));
        cache.invalidate(&at(2, &[11]));
        assert!(cache.get(2, "/persons/a", None).is_none());
        assert!(
            cache.get(2, "/persons", None).is_none(),
            "lists go on any change"
        );
        assert_eq!(
            &cache.get(2, "/persons/b", None).expect("kept").body[..],
            b"b"
        );
        assert!(
            cache.get(1, "/persons/b", None).is_none(),
            "only at the cache's position"
        );
        assert_eq!(cache.stats().pages, 1);
    }

    #[test]
    fn a_page_rendered_while_the_feed_moved_is_not_kept() {
        let cache = cache();
        cache.invalidate(&at(5, &[]));
        cache.insert(1, "/persons/a", page("a"), shown(&[10], false));
        assert!(cache.get(5, "/persons/a", None).is_none());
    }

    #[test]
    fn search_results_live_while_the_index_stays() {
        let cache = cache();
        let mut found = shown(&[], true);
        found.index_at = Some(7);
        cache.insert(1, "/search?q=a", page("a"), found);
        assert!(cache.get(1, "/search?q=a", Some(7)).is_some());
        assert!(cache.get(1, "/search?q=a", Some(8)).is_none());
        assert!(
            cache.get(1, "/search?q=a", Some(7)).is_none(),
            "dropped, not kept"
        );
    }

    #[test]
    fn the_budget_holds_and_the_least_recently_used_go_first() {
        // Room for about 17 of these pages, each under an eighth of the budget.
        let cache = PageCache::new(16 * (OVERHEAD + 200));
        cache.invalidate(&at(1, &[]));
        let body = "x".repeat(90);
        for n in 0..20 {
            cache.insert(1, &format!("/p/{n}"), page(&body), shown(&[n], false));
            assert!(cache.get(1, "/p/0", None).is_some(), "used, so kept");
        }
        let stats = cache.stats();
        assert!(stats.bytes <= stats.budget, "{stats:?}");
        assert!(
            cache.get(1, "/p/1", None).is_none(),
            "the oldest unused went"
        );
        assert!(cache.get(1, "/p/19", None).is_some());
        let state = cache.state();
        let indexed: usize = state.by_record.values().map(HashSet::len).sum();
        assert_eq!(indexed, state.entries.len(), "no stale index entries");
    }

    #[test]
    fn nothing_is_kept_without_a_budget_or_over_an_eighth_of_it() {
        let cache = PageCache::new(0);
        assert!(!cache.enabled());
        cache.invalidate(&at(1, &[]));
        cache.insert(1, "/", page("home"), shown(&[], true));
        assert!(cache.get(1, "/", None).is_none());
    }

    #[tokio::test]
    async fn a_page_missed_by_many_at_once_is_rendered_once() {
        let cache = cache();
        let Flight::Lead(landing) = cache.join("/") else {
            panic!("the first to miss leads");
        };
        let Flight::Follow(mut waiting) = cache.join("/") else {
            panic!("the second waits");
        };
        assert!(
            matches!(cache.join("/persons"), Flight::Lead(_)),
            "another page is rendered apart"
        );
        cache.insert(1, "/", page("home"), shown(&[], true));
        drop(landing);
        // Wakes because the leader is done, and finds its page.
        assert!(waiting.changed().await.is_err());
        assert!(cache.get(1, "/", None).is_some());
        assert!(
            matches!(cache.join("/"), Flight::Lead(_)),
            "the flight is over: the next miss leads again"
        );
    }
}
