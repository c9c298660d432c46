//! The web side of the one access gate (DESIGN.md, invariant 1).
//!
//! Handlers read only through [`Gate`]. Single records pass [`Gate::visible`], which asks
//! [`Audience::admits`]; lists and counts are filtered by the store with the viewer's
//! [`ViewerFilter`](letopis_core::ViewerFilter), the plain-data form of the same rule. Anything a
//! record points at (relations, collection members, story blocks, cited sources) is fetched here
//! too and dropped when hidden, so a public page never reveals that a hidden record exists.
//!
//! The store handle itself lives in [`Door`], whose field only this module can reach: a
//! handler elsewhere has no way to call the store but through what this module offers — the
//! public gate ([`App::read`], [`App::read_now`]), the studio's gate ([`App::read_studio`]), the
//! studio's desk for writes ([`desk`]) and the search index's calls ([`index`]).

mod desk;
mod feed;
mod harvest;
mod index;
mod kit;

pub use desk::Desk;
pub use harvest::Harvested;
pub use kit::SeenKit;

use crate::App;
use crate::shell::error::AppError;
use crate::shell::page_cache::Noted;
use jiff::civil::Date;
use letopis_core::access::ViewerRole;
use letopis_core::entities::MediaRef;
use letopis_core::projection::{Source, Withheld, resolve_story};
use letopis_core::record::RecordId;
use letopis_core::{Body, Kind, Relation, RelationType, Viewer, Workflow};
use letopis_store::{FacetCount, ListQuery, Page, Store, StoredRecord};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// The one handle on the store. Its field is private to the gate module, so no handler can
/// reach the store around the gate: that is a fact the compiler checks, not a rule in a comment.
#[derive(Clone)]
pub struct Door {
    store: Arc<dyn Store>,
}

impl Door {
    pub fn new(store: Arc<dyn Store>) -> Door {
        Door { store }
    }
}

/// A store seen through one viewer's eyes on one day.
pub struct Gate<'a> {
    store: &'a dyn Store,
    viewer: &'a Viewer,
    today: Date,
    /// The studio's reading: the museum's own people get records whole (they edit them).
    /// Every public path reads projections, whoever is signed in (see [`Gate::visible`]).
    whole: bool,
    /// What the page being rendered showed, when it may be kept by the page cache
    /// (`shell::page_cache`): every record asked for, and whether it showed lists or counts.
    noted: Option<Arc<Noted>>,
}

/// A relation as one end sees it: how it reads from here and the record at the other end.
pub struct SeenRelation {
    pub relation: Relation,
    /// True when this record is the relation's subject (read with `label_ru`).
    pub outgoing: bool,
    pub other: StoredRecord,
}

/// A kind of tie with more visible records than a page shows («Родились здесь: 42 166»).
pub struct MoreRelated {
    pub rtype: RelationType,
    pub outgoing: bool,
    pub total: u64,
}

/// How many records of each kind of tie a page shows; the rest are counted (see [`MoreRelated`]).
pub const RELATED_PER_GROUP: u32 = 24;

/// A visible record with everything it points at that the viewer may also see.
pub struct Seen {
    pub record: StoredRecord,
    /// At most [`RELATED_PER_GROUP`] of each kind of tie, in the order the other ends were added.
    pub relations: Vec<SeenRelation>,
    /// The kinds of tie that have more than were read.
    pub more: Vec<MoreRelated>,
    /// Records referenced from the body, by id; hidden ones are absent and removed from the body.
    pub referenced: HashMap<RecordId, StoredRecord>,
    /// Story blocks this viewer does not see (a hidden source, a closed stretch), for the
    /// editor's «как видит посетитель» preview; never shown to visitors.
    pub withheld: Vec<Withheld>,
}

impl<'a> Gate<'a> {
    /// The gate of the public site: records as their public projection, for every viewer.
    pub fn new(store: &'a dyn Store, viewer: &'a Viewer, today: Date) -> Gate<'a> {
        Gate {
            store,
            viewer,
            today,
            whole: false,
            noted: None,
        }
    }

    /// Notes into `noted` what this gate hands out (see `shell::page_cache`).
    fn noting(mut self, noted: Option<Arc<Noted>>) -> Gate<'a> {
        self.noted = noted;
        self
    }

    fn note(&self, note: impl FnOnce(&Noted)) {
        if let Some(noted) = &self.noted {
            note(noted);
        }
    }

    /// The gate of the studio: the museum's own people read records whole.
    pub fn studio(store: &'a dyn Store, viewer: &'a Viewer, today: Date) -> Gate<'a> {
        Gate {
            whole: true,
            ..Gate::new(store, viewer, today)
        }
    }

    /// THE check for single records: every record that leaves this module passes here, and
    /// leaves it as its public projection (derived on write, see `letopis_core::projection`):
    /// consent scope applied field by field, the narrator's pseudonym and closed stretches
    /// enforced — on the public site for everyone, signed in or not. Only the studio's gate
    /// ([`Gate::studio`]) hands the museum's own people the whole record, to edit it.
    pub fn visible(&self, record: StoredRecord) -> Option<StoredRecord> {
        // Refused records too: publishing one changes the page that left it out.
        self.note(|n| n.record(record.record.id()));
        if !record.audience.admits(self.viewer, self.today) {
            return None;
        }
        let mut record = record;
        if let Some(public) = record.public.take()
            && !self.museum()
        {
            record.record.body = public;
        }
        Some(record)
    }

    /// Whether this gate hands out whole records: the studio's, to the museum's own people.
    fn museum(&self) -> bool {
        self.whole && matches!(self.viewer.role, ViewerRole::Staff | ViewerRole::Admin)
    }

    pub fn get(&self, id: RecordId) -> Result<Option<StoredRecord>, AppError> {
        // Also an id that names no record yet: one made later changes the answer.
        self.note(|n| n.record(id));
        Ok(self.store.get(id)?.and_then(|r| self.visible(r)))
    }

    /// Whether the record at this address was published and then withdrawn (it answers 410
    /// rather than 404); says nothing else of it.
    pub fn withdrawn(&self, kind: Kind, key: &str) -> Result<bool, AppError> {
        let found = match self.store.find_slug(kind, key)? {
            Some(r) => Some(r),
            None => match key.parse::<i64>() {
                Ok(id) => self
                    .store
                    .get(RecordId(id))?
                    .filter(|r| r.record.kind() == kind),
                Err(_) => None,
            },
        };
        Ok(found.is_some_and(|r| r.record.meta.workflow == Workflow::Withdrawn))
    }

    pub fn by_slug(&self, kind: Kind, slug: &str) -> Result<Option<StoredRecord>, AppError> {
        Ok(self
            .store
            .find_slug(kind, slug)?
            .and_then(|r| self.visible(r)))
    }

    /// The visible ones among `ids`, in the order of `ids`.
    pub fn many(&self, ids: &[RecordId]) -> Result<Vec<StoredRecord>, AppError> {
        self.note(|n| n.records(ids));
        let mut found: HashMap<RecordId, StoredRecord> = self
            .store
            .get_many(ids)?
            .into_iter()
            .filter_map(|r| self.visible(r))
            .map(|r| (r.record.id(), r))
            .collect();
        Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
    }

    /// A page of visible records and the number the viewer may see in all.
    pub fn list(&self, query: &ListQuery) -> Result<Page<StoredRecord>, AppError> {
        self.note(Noted::listing);
        let page = self.store.list(query, &self.viewer.filter(self.today))?;
        // The store already filtered; passing each item through `visible` as well means a bug in
        // an engine's SQL shows up as a short page rather than a leak.
        let items = page
            .items
            .into_iter()
            .filter_map(|r| self.visible(r))
            .collect();
        Ok(Page {
            items,
            total: page.total,
        })
    }

    /// Facet values of the query's kind with how many records the viewer may see with each,
    /// under the query's other filters; counted by the store through the same viewer filter.
    pub fn facet_counts(&self, query: &ListQuery) -> Result<Vec<FacetCount>, AppError> {
        self.note(Noted::listing);
        Ok(self
            .store
            .facet_counts(query, &self.viewer.filter(self.today))?)
    }

    /// How many records of each kind the viewer may see.
    /// The change feed's position; see [`crate::shell::seq_cache::SeqCache`].
    pub fn change_seq(&self) -> Result<i64, AppError> {
        // Whatever is cached under the position sums up the base.
        self.note(Noted::listing);
        Ok(self.store.change_seq()?)
    }

    pub fn counts(&self) -> Result<Vec<(Kind, u64)>, AppError> {
        self.note(Noted::listing);
        Kind::ALL
            .into_iter()
            .map(|kind| {
                let query = ListQuery {
                    limit: 0,
                    ..ListQuery::catalogue(kind)
                };
                Ok((
                    kind,
                    self.store
                        .list(&query, &self.viewer.filter(self.today))?
                        .total,
                ))
            })
            .collect()
    }

    /// A visible record with its visible relations and references, its body redacted.
    pub fn seen(&self, record: StoredRecord) -> Result<Seen, AppError> {
        let id = record.record.id();
        let groups = self
            .store
            .related(id, &self.viewer.filter(self.today), RELATED_PER_GROUP)?;
        let mut relations = Vec::new();
        let mut more = Vec::new();
        for group in groups {
            if group.total > group.items.len() as u64 {
                more.push(MoreRelated {
                    rtype: group.rtype,
                    outgoing: group.outgoing,
                    total: group.total,
                });
            }
            // The store filtered with the viewer's filter; `visible` is the gate's own word. A
            // narrator who chose a pseudonym is never tied to the interview in public.
            let museum = self.museum();
            let this_hidden = !museum && pseudonymous(&record.record.body);
            relations.extend(group.items.into_iter().filter_map(|(relation, other)| {
                if relation.rtype == RelationType::NarratorOf
                    && (this_hidden || (!museum && pseudonymous(&other.record.body)))
                {
                    return None;
                }
                // A tie that says what a consent's scope leaves out («born in» without the
                // birth place) is hidden with it, from either end.
                if !museum
                    && (record.hidden_ties.contains(&relation.rtype)
                        || other.hidden_ties.contains(&relation.rtype))
                {
                    return None;
                }
                Some(SeenRelation {
                    relation,
                    outgoing: group.outgoing,
                    other: self.visible(other)?,
                })
            }));
        }
        let mut referenced: HashMap<RecordId, StoredRecord> = HashMap::new();
        let mut closed: HashMap<RecordId, Option<Date>> = HashMap::new();
        let cited = references(&record.record.body);
        self.note(|n| n.records(&cited));
        for other in self.store.get_many(&cited)? {
            let id = other.record.id();
            let until = other.audience.open_from.filter(|d| *d > self.today);
            match self.visible(other) {
                Some(shown) => {
                    referenced.insert(id, shown);
                }
                None => {
                    closed.insert(id, until);
                }
            }
        }
        let mut record = record;
        let mut withheld = Vec::new();
        if let Body::Story(story) = &record.record.body {
            // Every block that shows another record is rendered from that record as this
            // viewer may see it now, never from what the story copied when it was written.
            let (resolved, dropped) = resolve_story(story, |id| {
                if let Some(r) = referenced.get(&id) {
                    return Some(Source::Shown(&r.record.body));
                }
                closed
                    .get(&id)
                    .map(|until| Source::Hidden { until: *until })
            });
            record.record.body = Body::Story(resolved);
            withheld = dropped;
        }
        let keep: HashSet<RecordId> = referenced.keys().copied().collect();
        let shows_health = record.audience.shows_health(self.viewer);
        redact(&mut record.record.body, &keep, shows_health);
        Ok(Seen {
            record,
            relations,
            more,
            referenced,
            withheld,
        })
    }

    /// The media file's description, if some record the viewer may see shows it.
    pub fn media(&self, sha256: &str) -> Result<Option<MediaRef>, AppError> {
        self.note(Noted::listing);
        let users = self.store.media_users(sha256)?;
        Ok(self.many(&users)?.into_iter().find_map(|r| {
            r.record
                .body
                .media()
                .into_iter()
                .find(|m| m.sha256 == sha256)
                .cloned()
        }))
    }
}

/// An interview whose narrator is published under a pseudonym.
fn pseudonymous(body: &Body) -> bool {
    matches!(body, Body::Interview(i) if i.pseudonym.is_some())
}

/// Every record id the body points at, including interview index mentions.
fn references(body: &Body) -> Vec<RecordId> {
    let mut ids = body.references();
    if let Body::Interview(i) = body {
        ids.extend(i.segments.iter().flat_map(|s| s.mentions.iter().copied()));
    }
    ids.sort();
    ids.dedup();
    ids
}

/// Removes from a body what the viewer may not see: references to hidden records, and health
/// data (wounds, disability) unless its own consent allows it.
fn redact(body: &mut Body, keep: &HashSet<RecordId>, shows_health: bool) {
    let kept = |id: &RecordId| keep.contains(id);
    let cite = |c: &mut Vec<letopis_core::entities::Citation>| {
        for citation in c {
            citation.source = citation.source.filter(kept);
        }
    };
    match body {
        Body::Person(p) => {
            if !shows_health {
                p.health.clear();
            }
            cite(&mut p.sources);
        }
        Body::Interview(i) => {
            cite(&mut i.sources);
            for s in &mut i.segments {
                s.mentions.retain(kept);
            }
        }
        Body::Item(i) => cite(&mut i.sources),
        Body::Event(e) => cite(&mut e.sources),
        Body::Collection(c) => c.members.retain(kept),
        // Story blocks were resolved through the gate in `seen` (`resolve_story`).
        Body::Story(_) => {}
        Body::Place(_) | Body::Organization(_) | Body::Source(_) => {}
    }
}

impl App {
    /// Runs `read` against the store on the blocking pool (store calls are synchronous), seen by
    /// `viewer` today.
    pub(crate) async fn read<T, F>(&self, viewer: Viewer, read: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Gate<'_>) -> Result<T, AppError> + Send + 'static,
    {
        self.read_through(false, viewer, read).await
    }

    /// [`App::read`] through the studio's gate: the museum's own people get records whole.
    pub(crate) async fn read_studio<T, F>(&self, viewer: Viewer, read: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Gate<'_>) -> Result<T, AppError> + Send + 'static,
    {
        self.read_through(true, viewer, read).await
    }

    /// `whole`: through the studio's gate rather than the public site's.
    async fn read_through<T, F>(&self, whole: bool, viewer: Viewer, read: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Gate<'_>) -> Result<T, AppError> + Send + 'static,
    {
        let noted = Noted::current();
        self.blocking(move |store| {
            let today = letopis_core::today();
            let gate = if whole {
                Gate::studio(store, &viewer, today)
            } else {
                Gate::new(store, &viewer, today)
            };
            read(&gate.noting(noted))
        })
        .await?
    }

    /// How many records the base holds, for the health check: totals, never records.
    pub(crate) async fn totals(&self) -> Result<letopis_store::Totals, AppError> {
        Ok(self.blocking(|store| store.totals()).await??)
    }

    /// Runs a short, bounded read — one record and what it is tied to, capped per group — on
    /// the calling worker. Handing it to the blocking pool cost more than the read itself (about
    /// 80 µs of thread switches per page on two cores). Anything that may scan (lists, counts,
    /// the map, feeds) goes through [`App::read`].
    pub(crate) fn read_now<T>(
        &self,
        viewer: &Viewer,
        read: impl FnOnce(&Gate<'_>) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let gate = Gate::new(&*self.door.store, viewer, letopis_core::today());
        read(&gate.noting(Noted::current()))
    }

    /// Runs a synchronous store call on the blocking pool; only this module's own calls.
    async fn blocking<T, F>(&self, call: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn Store) -> T + Send + 'static,
    {
        let store = self.door.store.clone();
        tokio::task::spawn_blocking(move || call(&*store))
            .await
            .map_err(|e| {
                tracing::error!(error = %e, "a store call panicked or was cancelled");
                AppError::Internal
            })
    }
}
