//! The storage seam: the [`Store`] trait every engine implements (and [`Accounts`],
//! [`OralHistory`], [`Contributions`], [`Uploads`] beside it), the SQLite engine that keeps a
//! town's museum in one file, and (feature `postgres`) the PostgreSQL engine for several nodes
//! over one database.
//!
//! Every write goes through [`Store::apply`]: one transaction holding the change, its revision and
//! its change event (outbox), so that followers (the search index, caches) never miss a change and
//! history starts on the first day. The audience of each record (see `letopis_core::access`) is
//! derived inside the same transaction, so a withdrawal is in force the moment it commits.

pub mod accounts;
mod columns;
pub mod conference;
pub mod contributions;
mod count_cache;
mod error;
pub mod fixity;
mod gate_sql;
pub mod lessons;
pub mod media_plan;
pub mod oral;
#[cfg(feature = "postgres")]
pub mod postgres;
pub mod sqlite;
#[cfg(feature = "postgres")]
pub mod transfer;
pub mod uploads;
pub mod venues;
mod write_rules;

// The contract suites every engine must pass, and the fixtures other crates' tests borrow: test
// code, built only with the `contract` feature (the store's own tests and the dev-dependencies of
// web and search turn it on), so it is never part of the portal.
#[cfg(feature = "contract")]
pub mod accounts_contract;
#[cfg(feature = "contract")]
pub mod contract;
#[cfg(feature = "contract")]
pub mod contributions_contract;
#[cfg(feature = "contract")]
pub mod oral_contract;
#[cfg(feature = "contract")]
pub mod uploads_contract;

pub use accounts::Accounts;
pub use contributions::Contributions;
pub use error::StoreError;
pub use oral::OralHistory;
pub use uploads::{FileInfo, Uploads};

use jiff::civil::Date;
use letopis_core::access::{Audience, ViewerFilter};
use letopis_core::consent::{Consent, NewConsent};
use letopis_core::facet::FacetName;
use letopis_core::history::{Actor, ChangeEvent, Revision, Subject};
use letopis_core::record::{Record, RecordId, Settings};
use letopis_core::relation::{NewRelation, Relation, RelationType};
use letopis_core::{Body, ConsentId, Kind, RelationId, SubmissionId, Workflow};
use serde::Serialize;

/// A record together with its audience as last derived.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredRecord {
    pub record: Record,
    #[serde(skip)]
    pub audience: Audience,
    /// The public projection derived on write (`letopis_core::projection`): what everyone
    /// outside the museum sees of the body; `None` when they see it as stored.
    #[serde(skip)]
    pub public: Option<Body>,
    /// Ties of this record the public does not see (see `letopis_core::projection::Projection`).
    #[serde(skip)]
    pub hidden_ties: Vec<RelationType>,
}

impl StoredRecord {
    /// The body as the public may see it.
    pub fn public_body(&self) -> &Body {
        self.public.as_ref().unwrap_or(&self.record.body)
    }
}

/// A record to be created.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub body: Body,
    pub settings: Settings,
    pub workflow: Workflow,
}

impl Draft {
    pub fn new(body: Body) -> Draft {
        Draft {
            body,
            settings: Settings::default(),
            workflow: Workflow::Draft,
        }
    }

    pub fn published(body: Body) -> Draft {
        Draft {
            workflow: Workflow::Published,
            ..Draft::new(body)
        }
    }
}

/// One change inside a transaction.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    Create(Draft),
    /// Create, or update the record with the same `settings.external_id` (re-import).
    Upsert(Draft),
    /// Replace a record's body and settings; `expected_version` guards against silently
    /// overwriting someone else's edit.
    Update {
        id: RecordId,
        expected_version: Option<i64>,
        body: Body,
        settings: Settings,
    },
    /// A workflow step; refused when the workflow forbids it.
    Step {
        id: RecordId,
        to: Workflow,
        note: Option<String>,
    },
    Relate(NewRelation),
    Unrelate(RelationId),
    AddConsent(NewConsent),
    /// A consent that also covers the records that earlier ops of the same `apply` created or
    /// updated (by their positions in the op list), so that records and the consent that makes
    /// them public commit together — e.g. an import and its public-interest decision.
    AddConsentCovering {
        consent: NewConsent,
        earlier: Vec<usize>,
        /// The op whose record is the consent's subject (replacing `consent.subject`): a
        /// family's consent about a hero created in the same `apply`.
        subject_earlier: Option<usize>,
    },
    WithdrawConsent {
        id: ConsentId,
    },
    /// A relation whose ends may be records that earlier ops of the same `apply` created (by
    /// their positions in the op list, replacing `relation.from` / `relation.to`), so that a new
    /// record and its ties commit together — e.g. a family's account and the hero it tells of.
    RelateCovering {
        relation: NewRelation,
        from_earlier: Option<usize>,
        to_earlier: Option<usize>,
    },
    /// A family's account of its hero (a Story whose `family` names the hero) when the hero is
    /// the record an earlier op of the same `apply` created or updated: the store writes that
    /// record's id into `family.person` before creating the story, so a new hero and the
    /// family's account commit together. Refused unless the body is such a story.
    CreateFamilyStory {
        draft: Draft,
        hero_earlier: usize,
    },
    /// Creates a record already covered by the consent that op `consent_earlier` of the same
    /// `apply` added (an import's public-interest decision, added before its rows): the record
    /// is written once, with the audience and projection that consent gives it, where
    /// [`Op::AddConsentCovering`] after the rows would write each one and then derive it again.
    CreateCovered {
        draft: Draft,
        consent_earlier: usize,
    },
    /// The consent that op `consent_earlier` added also covers the records that ops `earlier`
    /// created or updated (a re-import's existing rows under its public-interest decision).
    CoverEarlier {
        consent_earlier: usize,
        earlier: Vec<usize>,
    },
    /// Marks a resident's submission published as the records earlier ops of the same `apply`
    /// made: the person (`person`, or the record of op `person_earlier`), the family's story
    /// (op `story_earlier`) and the consent (op `consent_earlier`). The submission must still
    /// be open to publication when the transaction reaches this op; if it is not (another
    /// moderator published or declined it meanwhile) the op fails and with it the whole
    /// `apply`, so a lost race leaves no record, relation or consent behind.
    PublishSubmission {
        submission: SubmissionId,
        person: RecordId,
        person_earlier: Option<usize>,
        story_earlier: usize,
        consent_earlier: usize,
        by: contributions::Moderator,
    },
}

/// Told of the records a transaction writes, as it writes them (on the writing thread), so
/// that what is derived from records — the search index after an import — can be built beside
/// the writing instead of read back from the base afterwards. Nothing it is told is committed
/// until [`Store::apply_each_observed`] returns `Ok`; if it returns an error, everything the
/// observer was told never happened.
pub trait WriteObserver {
    /// A record the transaction created, as stored when created (as [`Store::get`] would
    /// return it had nothing else in the transaction changed it since).
    fn created(&mut self, stored: StoredRecord);
    /// A record the transaction changed otherwise (its change event's subject): its audience,
    /// its body, its ties… — to be read from the base once the transaction has committed.
    fn changed(&mut self, id: RecordId);
}

/// The stretch of the change feed one transaction wrote: its events are exactly the ones
/// numbered after `before` up to `after` (no other writer can interleave with a transaction).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedSpan {
    pub before: i64,
    pub after: i64,
}

/// What [`Store::apply_each_observed`] did.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub outcomes: Vec<Outcome>,
    /// `None` when the engine cannot tell (nor tell the observer anything).
    pub feed: Option<FeedSpan>,
}

/// What an [`Op`] did, in the same order as the ops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Created(RecordId),
    Updated(RecordId),
    Unchanged(RecordId),
    Stepped(RecordId),
    Related(RelationId),
    Unrelated(RelationId),
    ConsentAdded(ConsentId),
    ConsentWithdrawn(ConsentId),
    /// The consent (by its id) now also covers the records an [`Op::CoverEarlier`] named.
    ConsentCovered(ConsentId),
    /// The submission (by its id) now stands published.
    SubmissionPublished(SubmissionId),
}

impl Outcome {
    pub fn record_id(self) -> Option<RecordId> {
        match self {
            Outcome::Created(id)
            | Outcome::Updated(id)
            | Outcome::Unchanged(id)
            | Outcome::Stepped(id) => Some(id),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// Alphabetical by name or title.
    #[default]
    Title,
    /// By the record's date (birth, event date), earliest first.
    Date,
    /// Most recently changed first.
    Recent,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    pub kind: Kind,
    pub offset: u64,
    pub limit: u64,
    pub order: Order,
    /// Facet filters: a record matches when, for every facet name present, it has at least one
    /// of that name's values (AND across names, OR within a name).
    pub filters: Vec<(FacetName, String)>,
    /// Facet values that leave a record out whatever else it matches (the curated stories list
    /// leaves out families' accounts, which are shown beside their heroes instead).
    pub exclude: Vec<(FacetName, String)>,
}

impl ListQuery {
    pub fn new(kind: Kind) -> ListQuery {
        ListQuery {
            kind,
            offset: 0,
            limit: 50,
            order: Order::Title,
            filters: Vec::new(),
            exclude: Vec::new(),
        }
    }

    /// The kind's list as the catalogue shows it: families' accounts of their heroes are read on
    /// the heroes' pages, not among the museum's curated stories.
    pub fn catalogue(kind: Kind) -> ListQuery {
        let mut query = ListQuery::new(kind);
        if kind == Kind::Story {
            query.exclude.push((
                FacetName::Type,
                letopis_core::facet::FAMILY_STORY.to_string(),
            ));
        }
        query
    }

    /// The filters grouped by name, names in a fixed order and values deduplicated, so that the
    /// same filters always make the same SQL (and hit the same cached statement).
    pub fn filter_groups(&self) -> Vec<(FacetName, Vec<String>)> {
        let mut groups: std::collections::BTreeMap<FacetName, Vec<String>> = Default::default();
        for (name, value) in &self.filters {
            groups.entry(*name).or_default().push(value.clone());
        }
        groups
            .into_iter()
            .map(|(name, mut values)| {
                values.sort();
                values.dedup();
                (name, values)
            })
            .collect()
    }
}

/// How many records the viewer may see with a facet value, under the query's other filters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    pub name: FacetName,
    pub value: String,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
}

/// One kind of tie of a record as a viewer sees it (say, «родились здесь»): how many records the
/// viewer may see at the other end, and the first few of them with their relations.
#[derive(Debug, Clone, PartialEq)]
pub struct RelatedGroup {
    pub rtype: RelationType,
    /// True when the record is the relation's subject.
    pub outgoing: bool,
    pub total: u64,
    /// Ordered by the other end's id (the order records were added), at most the asked number.
    pub items: Vec<(Relation, StoredRecord)>,
}

/// What a harvester asks for (OAI-PMH, issue #19): the records of some kinds, or only the
/// listed ones (a collection's members), whose last change falls within a span, walked in id
/// order after a cursor, so a list survives writes between its pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HarvestQuery {
    pub kinds: Vec<Kind>,
    pub only: Option<Vec<RecordId>>,
    /// The last id of the previous page (0 to start).
    pub after: i64,
    /// Changed at or after this second.
    pub from: Option<jiff::Timestamp>,
    /// Changed at or before this second (the whole second included).
    pub until: Option<jiff::Timestamp>,
    pub limit: u32,
}

/// A record as a harvester's list names it, before the gate decides what of it is shown: never
/// a drafted or reviewed record, which no visitor ever saw (see [`Store::harvest`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub id: RecordId,
    pub kind: Kind,
    pub workflow: Workflow,
    /// The newest event of the record in the change feed: an edit, a step, a consent or a
    /// relation that changed what its page shows.
    pub changed: jiff::Timestamp,
}

/// Counts of what the base holds, for the health check and the CLI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Totals {
    pub records: u64,
    pub relations: u64,
    pub consents: u64,
    pub revisions: u64,
}

/// The storage contract. Synchronous by design: SQLite calls are microseconds, and a server runs
/// them on the blocking pool; an engine over the network implements it the same way.
pub trait Store: Send + Sync + 'static {
    /// Applies the ops in one transaction: all of them, or none.
    fn apply(&self, actor: &Actor, ops: Vec<Op>, today: Date) -> Result<Vec<Outcome>, StoreError>;

    /// [`apply`](Store::apply) for ops made one by one while writing (a 100,000-row import), so
    /// they never are all in memory at once: one transaction, all or none. An `Err` from the
    /// source abandons the transaction (nothing is written) and is returned. An engine that
    /// cannot stream takes them all first.
    fn apply_each(
        &self,
        actor: &Actor,
        ops: &mut dyn Iterator<Item = Result<Op, StoreError>>,
        today: Date,
    ) -> Result<Vec<Outcome>, StoreError> {
        let ops = ops.collect::<Result<Vec<Op>, StoreError>>()?;
        self.apply(actor, ops, today)
    }

    /// [`apply_each`](Store::apply_each), telling `observer` of each record written as it is
    /// written, and returning the stretch of the change feed the transaction wrote. An engine
    /// that cannot observe its writes tells the observer nothing and returns no stretch: the
    /// caller then learns of the changes from the change feed, as any follower does.
    fn apply_each_observed(
        &self,
        actor: &Actor,
        ops: &mut dyn Iterator<Item = Result<Op, StoreError>>,
        today: Date,
        observer: &mut dyn WriteObserver,
    ) -> Result<Applied, StoreError> {
        let _ = observer;
        Ok(Applied {
            outcomes: self.apply_each(actor, ops, today)?,
            feed: None,
        })
    }

    fn get(&self, id: RecordId) -> Result<Option<StoredRecord>, StoreError>;
    fn get_many(&self, ids: &[RecordId]) -> Result<Vec<StoredRecord>, StoreError>;
    fn find_slug(&self, kind: Kind, slug: &str) -> Result<Option<StoredRecord>, StoreError>;
    fn find_external(
        &self,
        kind: Kind,
        external_id: &str,
    ) -> Result<Option<StoredRecord>, StoreError>;

    /// A page of records of one kind that the viewer may see, with the total the viewer may see.
    fn list(&self, query: &ListQuery, who: &ViewerFilter)
    -> Result<Page<StoredRecord>, StoreError>;

    /// For every facet value of the query's kind: how many records the viewer may see with it,
    /// under the query's filters on *other* facet names (so a visitor who ticked «погиб» still
    /// sees how many went missing). Values only hidden records carry are absent. Sorted by
    /// name, then by count (largest first), then by value. Offset, limit and order are ignored.
    fn facet_counts(
        &self,
        query: &ListQuery,
        who: &ViewerFilter,
    ) -> Result<Vec<FacetCount>, StoreError>;

    /// The record's ties as `who` sees them, grouped by type and direction, each group with its
    /// total and at most `per_group` visible records: a place may be the birthplace of forty
    /// thousand people, and its page shows a few of them with a count.
    fn related(
        &self,
        id: RecordId,
        who: &ViewerFilter,
        per_group: u32,
    ) -> Result<Vec<RelatedGroup>, StoreError>;

    /// Relations in which the record is either end.
    fn relations(&self, id: RecordId) -> Result<Vec<Relation>, StoreError>;
    fn consents_covering(&self, id: RecordId) -> Result<Vec<Consent>, StoreError>;
    fn consent(&self, id: ConsentId) -> Result<Option<Consent>, StoreError>;
    /// Records that show the media file with this content hash.
    fn media_users(&self, sha256: &str) -> Result<Vec<RecordId>, StoreError>;

    /// Oldest first.
    fn history(&self, subject: Subject) -> Result<Vec<Revision>, StoreError>;
    /// Erases `fields` of the record's body from every revision kept of it (a destruction of
    /// personal data the law requires, e.g. a narrator's withdrawn recordings and transcript):
    /// each revision keeps who, when and what step it was. Returns the erased values, so the
    /// caller can remove the files they name. The record's current body is changed the usual
    /// way (an update), before this.
    fn erase_from_history(
        &self,
        id: RecordId,
        fields: &[&str],
    ) -> Result<Vec<serde_json::Value>, StoreError>;
    fn changes_since(&self, seq: i64, limit: u32) -> Result<Vec<ChangeEvent>, StoreError>;
    /// The position of the change feed: it moves on with every write, so anything derived from
    /// the base can be cached under it and trusted while it stays the same.
    fn change_seq(&self) -> Result<i64, StoreError>;

    /// Published and withdrawn records (never drafts) matching the query, in id order, each with
    /// the time of its last change. Ids and times only: their content goes through the gate.
    fn harvest(&self, query: &HarvestQuery) -> Result<Vec<Stamp>, StoreError>;

    /// Re-derives the audience of records whose consents started or ran out by `today`.
    fn refresh_audiences(&self, today: Date) -> Result<usize, StoreError>;
    fn totals(&self) -> Result<Totals, StoreError>;
}
