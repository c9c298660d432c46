//! Keeping the index in step with the base: a full build, and a follower of the change feed
//! (`Store::changes_since`) that re-indexes each changed record and commits the feed position
//! with the documents, so a restart resumes where the last commit stopped.

use crate::analysis::{self, RU};
use crate::document::{NearPlace, documents, id_term};
use crate::error::SearchError;
use crate::gazetteer::{Gazetteer, GazetteerPlace};
use crate::index::{Payload, SearchIndex};
use letopis_core::access::Viewer;
use letopis_core::history::Subject;
use letopis_core::names::normalize;
use letopis_core::record::RecordId;
use letopis_core::{Body, Kind};
use letopis_store::{FeedSpan, ListQuery, Order, Store, StoredRecord, WriteObserver};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use tantivy::indexer::UserOperation;
use tantivy::{IndexWriter, TantivyDocument, Term};

/// Memory the writer may buffer before it writes a segment. Enough for batches of thousands of
/// persons; small enough for the portal's memory budget.
const WRITER_HEAP: usize = 40_000_000;
/// A bulk build outside the portal (`letopis reindex`, after `letopis import`) indexes on two
/// threads, each with this budget: fewer, larger segments, and the caller's thread is left to
/// read the base and build documents.
const BULK_THREADS: usize = 2;
const BULK_HEAP_PER_THREAD: usize = 48_000_000;
/// Change events taken in between commits while catching up: a commit flushes a segment and
/// reloads the reader, which is worth doing every step for the portal's freshness but not
/// 20 times over a 100,000-row import.
const CATCH_UP_COMMIT_EVERY: usize = 50_000;
/// Change events read per step of the follower, and records fetched per store call.
const EVENTS_PER_STEP: u32 = 5_000;
const FETCH: usize = 1_000;
/// Records per page of a full build; a commit after each makes a build in progress searchable.
const BUILD_PAGE: u64 = 5_000;
const BUILD_COMMIT_EVERY: usize = 25_000;

/// A place as the indexer remembers it, for the place facets of the records related to it.
#[derive(Debug, Clone)]
struct KnownPlace {
    district: String,
    public: bool,
}

pub struct Indexer {
    index: Arc<SearchIndex>,
    writer: IndexWriter<TantivyDocument>,
    places: HashMap<RecordId, KnownPlace>,
}

/// What a full build did.
#[derive(Debug, Clone, Copy)]
pub struct BuildReport {
    pub records: usize,
    pub documents: usize,
    pub elapsed: Duration,
}

impl Indexer {
    /// Takes the index's writer (one per index; a second process gets [`SearchError::Locked`])
    /// and reads the places of the base.
    pub fn new(index: Arc<SearchIndex>, store: &dyn Store) -> Result<Indexer, SearchError> {
        Self::with_writer(index, store, 1, WRITER_HEAP)
    }

    /// [`Indexer::new`] for a bulk build by a command, not the portal: more threads and memory.
    pub fn bulk(index: Arc<SearchIndex>, store: &dyn Store) -> Result<Indexer, SearchError> {
        Self::with_writer(
            index,
            store,
            BULK_THREADS,
            BULK_THREADS * BULK_HEAP_PER_THREAD,
        )
    }

    fn with_writer(
        index: Arc<SearchIndex>,
        store: &dyn Store,
        threads: usize,
        heap: usize,
    ) -> Result<Indexer, SearchError> {
        let writer = index
            .index
            .writer_with_num_threads(threads, heap)
            .map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => SearchError::Locked,
                other => SearchError::Index(other),
            })?;
        let mut indexer = Indexer {
            index,
            writer,
            places: HashMap::new(),
        };
        indexer.load_places(store)?;
        Ok(indexer)
    }

    pub fn index(&self) -> &Arc<SearchIndex> {
        &self.index
    }

    /// Whether the index claims changes the base does not hold (a base restored from a backup
    /// older than the index): following the feed from there would skip the base's next changes,
    /// whose numbers the index believes it has seen, so the index must be built again.
    pub fn ahead_of(&self, store: &dyn Store) -> Result<bool, SearchError> {
        Ok(self.index.indexed_seq() > store.change_seq()?)
    }

    fn load_places(&mut self, store: &dyn Store) -> Result<(), SearchError> {
        self.places.clear();
        let mut offset = 0;
        loop {
            let page = store.list(&all(Kind::Place, offset), &everything())?;
            let n = page.items.len() as u64;
            for stored in page.items {
                self.remember_place(&stored);
            }
            offset += n;
            if n == 0 || offset >= page.total {
                break;
            }
        }
        self.refresh_gazetteer(store)
    }

    fn remember_place(&mut self, stored: &StoredRecord) {
        if let Body::Place(p) = &stored.record.body {
            self.places.insert(
                stored.record.id(),
                KnownPlace {
                    district: p.district.trim().to_string(),
                    public: public(stored),
                },
            );
        }
    }

    /// The gazetteer from the public places of the base.
    fn refresh_gazetteer(&self, store: &dyn Store) -> Result<(), SearchError> {
        let ids: Vec<RecordId> = self
            .places
            .iter()
            .filter(|(_, p)| p.public)
            .map(|(id, _)| *id)
            .collect();
        let mut places = Vec::new();
        for chunk in ids.chunks(FETCH) {
            for stored in store.get_many(chunk)? {
                let Body::Place(p) = &stored.record.body else {
                    continue;
                };
                let names: Vec<&str> = std::iter::once(p.name.as_str())
                    .chain(p.other_names.iter().map(|n| n.name.as_str()))
                    .collect();
                let district = (!p.district.trim().is_empty()
                    && names.iter().any(|n| normalize(n) == normalize(&p.district)))
                .then(|| p.district.trim().to_string());
                let variants = names
                    .iter()
                    .map(|n| {
                        analysis::analyse(&self.index.index, RU, n)
                            .into_iter()
                            .map(|a| a.text)
                            .collect::<Vec<_>>()
                    })
                    .filter(|v| !v.is_empty())
                    .collect();
                places.push(GazetteerPlace {
                    id: stored.record.id(),
                    district,
                    variants,
                });
            }
        }
        places.sort_by_key(|p| p.id);
        self.index.set_gazetteer(Gazetteer::new(places));
        Ok(())
    }

    /// Rebuilds the whole index from the base. Searches during the build see the records
    /// indexed so far (a commit every few thousand records), never a hidden one.
    pub fn rebuild(&mut self, store: &dyn Store) -> Result<BuildReport, SearchError> {
        let started = Instant::now();
        let seq = store.change_seq()?;
        self.load_places(store)?;
        self.writer.delete_all_documents()?;
        let (mut records, mut docs, mut since_commit) = (0, 0, 0);
        for kind in Kind::ALL {
            let mut offset = 0;
            loop {
                let page = store.list(&all(kind, offset), &everything())?;
                let n = page.items.len();
                for stored in &page.items {
                    docs += self.add(store, stored)?;
                }
                records += n;
                since_commit += n;
                offset += n as u64;
                if since_commit >= BUILD_COMMIT_EVERY {
                    self.commit_building(seq)?;
                    since_commit = 0;
                }
                // The store may return fewer than asked (its pages are capped), so the end is
                // the total, not a short page.
                if n == 0 || offset >= page.total {
                    break;
                }
            }
        }
        self.commit(seq)?;
        tracing::info!(
            records,
            documents = docs,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "search index built"
        );
        // Whatever changed during the build is taken in by the next step of the follower.
        Ok(BuildReport {
            records,
            documents: docs,
            elapsed: started.elapsed(),
        })
    }

    /// Takes in every change since the last commit; returns how many change events it read.
    pub fn catch_up(&mut self, store: &dyn Store) -> Result<usize, SearchError> {
        let mut read = 0;
        let mut from = self.index.indexed_seq();
        let mut since_commit = 0;
        loop {
            let events = store.changes_since(from, EVENTS_PER_STEP)?;
            let Some(last) = events.last().map(|e| e.seq) else {
                if since_commit > 0 {
                    self.commit(from)?;
                }
                return Ok(read);
            };
            read += events.len();
            since_commit += events.len();
            from = last;
            let ids: BTreeSet<RecordId> = events
                .iter()
                .filter_map(|e| match e.subject {
                    Subject::Record(id) => Some(id),
                    Subject::Relation(_) | Subject::Consent(_) => None,
                })
                .collect();
            self.reindex(store, ids)?;
            let more = events.len() == EVENTS_PER_STEP as usize;
            if !more || since_commit >= CATCH_UP_COMMIT_EVERY {
                self.commit(last)?;
                since_commit = 0;
            }
            if !more {
                return Ok(read);
            }
        }
    }

    /// Replaces the documents of these records (and, when a place changed, of everything
    /// related to it: its district or visibility is part of their facets).
    fn reindex(&mut self, store: &dyn Store, ids: BTreeSet<RecordId>) -> Result<(), SearchError> {
        let ids: Vec<RecordId> = ids.into_iter().collect();
        let mut around_places: BTreeSet<RecordId> = BTreeSet::new();
        let mut places_changed = false;
        // Records whose documents were made knowing every changed place: a person tied to a
        // new place in the same transaction, but with a smaller id, was once indexed before
        // the place was known, and then left out of the re-indexing around it.
        let mut settled: BTreeSet<RecordId> = BTreeSet::new();
        for chunk in ids.chunks(FETCH) {
            let found: HashMap<RecordId, StoredRecord> = store
                .get_many(chunk)?
                .into_iter()
                .map(|s| (s.record.id(), s))
                .collect();
            let mut places = found
                .values()
                .filter(|s| s.record.kind() == Kind::Place)
                .peekable();
            if places.peek().is_some() {
                places_changed = true;
                settled.clear();
            }
            for stored in places {
                let id = stored.record.id();
                self.remember_place(stored);
                for rel in store.relations(id)? {
                    around_places.insert(if rel.from == id { rel.to } else { rel.from });
                }
            }
            for id in chunk {
                self.writer
                    .delete_term(Term::from_field_u64(self.index.f.rid, id_term(*id)));
                if let Some(stored) = found.get(id) {
                    self.add(store, stored)?;
                    settled.insert(*id);
                }
            }
        }
        around_places.retain(|id| !settled.contains(id));
        if places_changed {
            self.refresh_gazetteer(store)?;
            let around: Vec<RecordId> = around_places.into_iter().collect();
            for chunk in around.chunks(FETCH) {
                for stored in store.get_many(chunk)? {
                    self.writer.delete_term(Term::from_field_u64(
                        self.index.f.rid,
                        id_term(stored.record.id()),
                    ));
                    self.add(store, &stored)?;
                }
            }
        }
        Ok(())
    }

    fn add(&mut self, store: &dyn Store, stored: &StoredRecord) -> Result<usize, SearchError> {
        let near = self.near_places(store, stored)?;
        let docs = documents(&self.index.f, stored, &near);
        let n = docs.len();
        // One group, so one indexing thread puts all of the record's documents in one segment:
        // the collector counts facets once per record per segment. `add_document` one at a
        // time let a bulk build's two threads split an interview's moments between segments.
        self.writer.run(docs.into_iter().map(UserOperation::Add))?;
        Ok(n)
    }

    /// The public places the record is related to (places themselves derive none).
    fn near_places(
        &self,
        store: &dyn Store,
        stored: &StoredRecord,
    ) -> Result<Vec<NearPlace>, SearchError> {
        let id = stored.record.id();
        if stored.record.kind() == Kind::Place || self.places.is_empty() {
            return Ok(Vec::new());
        }
        let mut near: Vec<NearPlace> = store
            .relations(id)?
            .into_iter()
            .map(|r| if r.from == id { r.to } else { r.from })
            .filter_map(|other| {
                let place = self.places.get(&other).filter(|p| p.public)?;
                Some(NearPlace {
                    id: other,
                    district: place.district.clone(),
                })
            })
            .collect();
        near.sort_by_key(|p| p.id);
        near.dedup();
        Ok(near)
    }

    /// Commits with the feed position, then makes the commit searchable, then publishes the
    /// position — in that order, so a search never pairs a newer position with older documents.
    fn commit(&mut self, seq: i64) -> Result<(), SearchError> {
        self.commit_with(Payload {
            seq,
            building: false,
        })
    }

    /// A commit in the middle of a full build: searchable, but marked unfinished on disk.
    fn commit_building(&mut self, seq: i64) -> Result<(), SearchError> {
        self.commit_with(Payload {
            seq,
            building: true,
        })
    }

    fn commit_with(&mut self, payload: Payload) -> Result<(), SearchError> {
        let seq = payload.seq;
        let payload = serde_json::to_string(&payload).map_err(std::io::Error::other)?;
        let mut prepared = self.writer.prepare_commit()?;
        prepared.set_payload(&payload);
        prepared.commit()?;
        self.index.reader.reload()?;
        self.index
            .indexed_seq
            .store(seq, std::sync::atomic::Ordering::Release);
        Ok(())
    }
}

/// Indexes the records a transaction writes while it writes them — a store
/// [`WriteObserver`](letopis_store::WriteObserver) whose documents are built and analysed on
/// threads of their own, beside the writing thread — and commits them only once the base has
/// committed, under the change-feed position the transaction ended at. An import's index is
/// then built alongside its writing instead of read back from the base afterwards. Until
/// [`Alongside::committed`] nothing it indexed is searchable, and [`Alongside::abandoned`]
/// drops it all: a transaction rolled back leaves the index as it was.
pub struct Alongside {
    sender: Option<SyncSender<Vec<Written>>>,
    /// Written records not yet handed over: they go in batches, so the writing thread does not
    /// wake the indexing thread for every record.
    batch: Vec<Written>,
    thread: Option<JoinHandle<Taken>>,
}

enum Written {
    Created(Box<StoredRecord>),
    Changed(RecordId),
}

/// What [`Alongside::committed`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AlongsideReport {
    /// Records indexed beside the writing.
    pub beside: usize,
    /// Records read back from the base after its commit: changed after their creation in the
    /// same transaction (a decision covering them, a tie), and places.
    pub read_back: usize,
    /// Change events then read from the feed: none, unless another writer came between or
    /// the indexing beside the transaction could not be used.
    pub followed: usize,
}

/// What the indexing thread hands back at the end.
struct Taken {
    indexer: Indexer,
    /// Records indexed as created.
    beside: usize,
    /// Records to read back once the base has committed: changed after their creation, or
    /// places (whose districts and names the indexer remembers for others).
    later: BTreeSet<RecordId>,
    failed: Option<SearchError>,
}

/// Written records handed to the indexing thread at a time, and batches waiting for it: enough
/// to keep it busy, few enough to keep memory flat.
const ALONGSIDE_BATCH: usize = 64;
const ALONGSIDE_QUEUE: usize = 8;

impl Alongside {
    /// Starts indexing beside a transaction. The indexer must be up to date with the base (see
    /// [`Indexer::catch_up`]): the transaction's changes are taken to follow its position.
    pub fn start(indexer: Indexer) -> Result<Alongside, SearchError> {
        let (sender, receiver) = std::sync::mpsc::sync_channel(ALONGSIDE_QUEUE);
        let thread = std::thread::Builder::new()
            .name("search-alongside".into())
            .spawn(move || take_in(indexer, receiver))?;
        Ok(Alongside {
            sender: Some(sender),
            batch: Vec::with_capacity(ALONGSIDE_BATCH),
            thread: Some(thread),
        })
    }

    /// The transaction committed, having written `feed` of the change feed: commits what was
    /// indexed beside it (with the records to read back, now readable), then takes in whatever
    /// the feed holds after it. Where the index does not stand right before `feed` (another
    /// writer came between the catch-up and the transaction, or the engine could not say what
    /// it wrote), what was indexed beside it is dropped and the feed followed the usual way.
    pub fn committed(
        mut self,
        store: &dyn Store,
        feed: Option<FeedSpan>,
    ) -> Result<AlongsideReport, SearchError> {
        let Taken {
            mut indexer,
            beside,
            later,
            failed,
        } = self.finish()?;
        let mut report = AlongsideReport::default();
        match feed {
            Some(span) if failed.is_none() && span.before == indexer.index.indexed_seq() => {
                report.beside = beside;
                report.read_back = later.len();
                indexer.reindex(store, later)?;
                indexer.commit(span.after)?;
            }
            _ => {
                if let Some(e) = failed {
                    tracing::warn!(error = %e, "indexing beside the import failed; catching up");
                }
                indexer.writer.rollback()?;
            }
        }
        report.followed = indexer.catch_up(store)?;
        Ok(report)
    }

    /// The transaction was rolled back: nothing indexed beside it is kept.
    pub fn abandoned(mut self) -> Result<(), SearchError> {
        let mut taken = self.finish()?;
        taken.indexer.writer.rollback()?;
        Ok(())
    }

    fn finish(&mut self) -> Result<Taken, SearchError> {
        self.hand_over();
        drop(self.sender.take());
        self.thread
            .take()
            .ok_or_else(|| SearchError::Io(std::io::Error::other("indexing already finished")))?
            .join()
            .map_err(|_| SearchError::Io(std::io::Error::other("the indexing thread panicked")))
    }

    fn send(&mut self, written: Written) {
        self.batch.push(written);
        if self.batch.len() >= ALONGSIDE_BATCH {
            self.hand_over();
        }
    }

    fn hand_over(&mut self) {
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(ALONGSIDE_BATCH));
        // A failed indexing thread only means the index catches up the usual way; the writing
        // goes on.
        if let Some(sender) = &self.sender
            && !batch.is_empty()
            && sender.send(batch).is_err()
        {
            self.sender = None;
        }
    }
}

impl WriteObserver for Alongside {
    fn created(&mut self, stored: StoredRecord) {
        self.send(Written::Created(Box::new(stored)));
    }

    fn changed(&mut self, id: RecordId) {
        self.send(Written::Changed(id));
    }
}

impl Drop for Alongside {
    fn drop(&mut self) {
        if self.thread.is_some()
            && let Ok(mut taken) = self.finish()
        {
            let _ = taken.indexer.writer.rollback();
        }
    }
}

/// The indexing thread: a new record's documents as `Indexer::add` would make them — it has no
/// relations yet, so no places near it; anything else is read back after the commit.
fn take_in(indexer: Indexer, receiver: Receiver<Vec<Written>>) -> Taken {
    let mut later = BTreeSet::new();
    let mut failed = None;
    let mut beside = 0;
    let mut docs = Vec::new();
    for batch in receiver {
        for written in batch {
            match written {
                Written::Created(stored)
                    if failed.is_none() && stored.record.kind() != Kind::Place =>
                {
                    beside += 1;
                    docs.extend(
                        documents(&indexer.index.f, &stored, &[])
                            .into_iter()
                            .map(UserOperation::Add),
                    );
                }
                Written::Created(stored) => {
                    later.insert(stored.record.id());
                }
                Written::Changed(id) => {
                    later.insert(id);
                }
            }
        }
        // One batch for tantivy's indexing threads too.
        if !docs.is_empty()
            && let Err(e) = indexer.writer.run(docs.drain(..))
        {
            failed = Some(e.into());
        }
    }
    Taken {
        indexer,
        beside,
        later,
        failed,
    }
}

fn all(kind: Kind, offset: u64) -> ListQuery {
    ListQuery {
        kind,
        offset,
        limit: BUILD_PAGE,
        order: Order::Recent,
        filters: Vec::new(),
        exclude: Vec::new(),
    }
}

fn everything() -> letopis_core::ViewerFilter {
    Viewer::admin(letopis_core::UserId(0)).filter(letopis_core::today())
}

/// Whether an anonymous visitor may see the record today: only such places name places in
/// queries and facets.
fn public(stored: &StoredRecord) -> bool {
    stored
        .audience
        .admits(&Viewer::anonymous(), letopis_core::today())
}

/// The indexer running beside the portal: builds the index if it must, then follows the change
/// feed until stopped.
pub struct Follower {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

/// How often the follower looks for changes when the feed is quiet: a published edit is
/// searchable well within a second.
pub const POLL: Duration = Duration::from_millis(150);

impl Follower {
    /// Starts the follower thread. With `rebuild` it first builds the index from the base
    /// (searches meanwhile see what is built so far).
    pub fn start(
        index: Arc<SearchIndex>,
        store: Arc<dyn Store>,
        rebuild: bool,
    ) -> Result<Follower, SearchError> {
        let mut indexer = Indexer::new(index, &*store)?;
        let rebuild = rebuild || indexer.ahead_of(&*store)?;
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = stop.clone();
        let thread = std::thread::Builder::new()
            .name("search-indexer".into())
            .spawn(move || {
                if rebuild && let Err(e) = indexer.rebuild(&*store) {
                    tracing::error!(error = %e, "search index build failed");
                }
                while !stopping.load(Ordering::Acquire) {
                    match indexer.catch_up(&*store) {
                        Ok(0) => std::thread::sleep(POLL),
                        Ok(_) => {}
                        Err(e) => {
                            tracing::warn!(error = %e, "search indexer step failed; retrying");
                            std::thread::sleep(POLL * 10);
                        }
                    }
                }
            })?;
        Ok(Follower {
            stop,
            thread: Some(thread),
        })
    }
}

impl Drop for Follower {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Rebuild;
    use letopis_store::sqlite::SqliteStore;

    /// A build killed after one of its intermediate commits left an index that opens cleanly
    /// but holds part of the base under the build's final position; following the feed from
    /// there would never add the rest.
    #[test]
    fn an_index_whose_build_was_cut_short_is_built_again() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let store = SqliteStore::open(dir.path().join("letopis.db")).expect("store");
        let path = dir.path().join("search");
        let (index, _) = SearchIndex::open(&path).expect("index");
        let mut indexer = Indexer::new(index.clone(), &store).expect("indexer");
        indexer.commit_building(0).expect("commit on the way");
        drop((indexer, index));
        let (index, rebuild) = SearchIndex::open(&path).expect("reopen");
        assert!(
            matches!(rebuild, Some(Rebuild::Damaged(ref why)) if why.contains("interrupted")),
            "{rebuild:?}"
        );
        let mut indexer = Indexer::new(index.clone(), &store).expect("indexer");
        indexer.rebuild(&store).expect("build");
        drop((indexer, index));
        let (_, rebuild) = SearchIndex::open(&path).expect("reopen");
        assert_eq!(rebuild, None, "a finished build opens as it is");
    }
}
