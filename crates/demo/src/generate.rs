//! Puts the demo museum into a store: fixed tables first (sources, places, organisations,
//! events), then people in large batches, then the voices, items, exhibitions and collections
//! that refer to them, then relations and consents. Record ids are only known after a batch is
//! applied, so each phase creates records in one transaction and relates them in the next.

use crate::content::persons::{self, ConsentNeed, PersonGen, PersonPlan};
use crate::content::{self, Registry, Relations};
use jiff::civil::Date;
use letopis_core::consent::{ConsentKind, NewConsent};
use letopis_core::entities::MediaRef;
use letopis_core::history::Actor;
use letopis_core::relation::RelationType;
use letopis_core::scope::ScopeItem;
use letopis_core::{AgeRating, Body, Kind, RecordId, Workflow};
use letopis_media::{Blobs, MediaError};
use letopis_store::accounts::Accounts;
use letopis_store::{Draft, Op, Store, StoreError};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// The largest base the generator makes: a national memory project, not a town.
pub const MAX_PERSONS: usize = 1_000_000;
/// People per transaction: big enough to amortise the commit, small enough to keep memory flat.
const BATCH: usize = 20_000;
/// A public-interest decision lists at most this many people, so one document stays readable.
const CONSENT_CHUNK: usize = 5_000;
/// People kept in memory after their batch, for voices, letters and photographs to refer to.
const NOTABLE: usize = 600;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOptions {
    /// How many people the base remembers (default 300, at most [`MAX_PERSONS`]).
    pub persons: usize,
    /// The same seed always gives the same museum.
    pub seed: u64,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            persons: 300,
            seed: 1941,
        }
    }
}

/// Why a record of the demo is not shown to everybody.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixtureState {
    Draft,
    InReview,
    /// Published, then withdrawn.
    Withdrawn,
    /// Published with an embargo date in the future.
    Embargoed,
    Staff,
    Groups,
    Registered,
    /// A living person without a publication consent.
    NoConsent,
    /// Public, but above the kiosk's and the lesson's age limit.
    Rated(AgeRating),
}

impl FixtureState {
    /// Whether an anonymous visitor without an age limit is kept out.
    pub fn hidden_from_anonymous(self) -> bool {
        !matches!(self, FixtureState::Rated(_))
    }
}

/// A record in a non-public state, for tests and for showing the gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fixture {
    pub id: RecordId,
    pub kind: Kind,
    pub state: FixtureState,
}

#[derive(Debug, Clone, Default)]
pub struct DemoSummary {
    pub counts: BTreeMap<Kind, usize>,
    pub relations: usize,
    pub consents: usize,
    pub media_files: usize,
    pub media_bytes: u64,
    pub elapsed: Duration,
    pub fixtures: Vec<Fixture>,
    pub interviews: Vec<RecordId>,
    pub items: Vec<RecordId>,
}

impl DemoSummary {
    pub fn count(&self, kind: Kind) -> usize {
        self.counts.get(&kind).copied().unwrap_or(0)
    }
}

impl std::fmt::Display for DemoSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kinds: Vec<String> = self
            .counts
            .iter()
            .map(|(kind, n)| format!("{} {n}", kind.plural()))
            .collect();
        write!(
            f,
            "{}; relations {}, consents {}, media files {} ({} MB), {:.1} s",
            kinds.join(", "),
            self.relations,
            self.consents,
            self.media_files,
            self.media_bytes / 1_000_000,
            self.elapsed.as_secs_f64()
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(
        "В базе уже есть записи ({0}). Демонстрационный музей создаётся только в пустой базе: укажите новый каталог данных."
    )]
    NotEmpty(u64),
    #[error(
        "Слишком мало героев: {requested}. Чтобы в демонстрации были все разделы музея, нужно не меньше {min}."
    )]
    TooFew { requested: usize, min: usize },
    #[error(
        "Слишком много героев: {requested}. Демонстрационный музей создаётся не больше чем на {max} человек."
    )]
    TooMany { requested: usize, max: usize },
    #[error("Не удалось записать демонстрационные данные в базу: {0}")]
    Store(#[from] StoreError),
    #[error("Не удалось сохранить демонстрационный файл «{name}»: {source}")]
    Media { name: String, source: MediaError },
}

/// One end of a relation planned before the record's id is known.
#[derive(Debug, Clone, Copy)]
pub(crate) enum End {
    This,
    Id(RecordId),
}

/// A consent planned for a record not yet created.
#[derive(Debug, Clone)]
pub(crate) struct PlannedConsent {
    pub kind: ConsentKind,
    pub subject: Option<RecordId>,
    pub granted_by: String,
    pub also_covers: Vec<RecordId>,
    pub scope: Vec<ScopeItem>,
    pub bans: Vec<String>,
    pub signed_on: Date,
    pub note: Option<String>,
}

/// A record to create with what hangs on it.
#[derive(Debug, Clone)]
pub(crate) struct Planned {
    pub draft: Draft,
    pub links: Vec<(End, RelationType, End)>,
    pub consents: Vec<PlannedConsent>,
    pub fixture: Option<FixtureState>,
    /// Publish, then withdraw (so history shows both steps).
    pub withdraw: bool,
}

impl Planned {
    pub fn new(draft: Draft) -> Planned {
        Planned {
            draft,
            links: Vec::new(),
            consents: Vec::new(),
            fixture: None,
            withdraw: false,
        }
    }

    pub fn link(&mut self, from: End, rtype: RelationType, to: End) {
        self.links.push((from, rtype, to));
    }
}

/// A person kept after their batch, so later content can name them.
#[derive(Debug, Clone)]
pub(crate) struct Notable {
    pub id: RecordId,
    pub plan: PersonPlan,
}

/// What later phases need: ids of the fixed tables, notable people, the media store.
pub(crate) struct Base<'a> {
    pub seed: u64,
    pub today: Date,
    pub reg: Registry,
    pub notable: Vec<Notable>,
    blobs: &'a dyn Blobs,
    /// The working group the demo's group-restricted records name (a restriction must name a
    /// group that exists, issue #15).
    pub group: letopis_core::GroupId,
    pub media_files: usize,
    pub media_bytes: u64,
}

impl Base<'_> {
    /// Stores a generated file and describes it for a record.
    pub fn media(
        &mut self,
        bytes: &[u8],
        name: &str,
        caption: Option<String>,
        alt: Option<String>,
        size: Option<(u32, u32)>,
    ) -> Result<MediaRef, DemoError> {
        let stored =
            self.blobs
                .put_bytes(bytes, Some(name))
                .map_err(|source| DemoError::Media {
                    name: name.to_string(),
                    source,
                })?;
        self.media_files += 1;
        self.media_bytes += stored.size;
        Ok(MediaRef {
            sha256: stored.sha256,
            mime: stored.media_type.mime.to_string(),
            caption,
            alt,
            width: size.map(|s| s.0),
            height: size.map(|s| s.1),
        })
    }

    /// Public, published notable people matching `f`.
    pub fn people(&self, f: impl Fn(&PersonPlan) -> bool) -> Vec<&Notable> {
        self.notable
            .iter()
            .filter(|n| n.plan.index >= persons::FIRST_GENERIC && f(&n.plan))
            .collect()
    }

    pub fn narrators(&self) -> Vec<&Notable> {
        self.notable
            .iter()
            .filter(|n| n.plan.index < persons::NARRATORS)
            .collect()
    }
}

struct Run<'a> {
    store: &'a dyn Store,
    actor: Actor,
    today: Date,
    summary: DemoSummary,
    rels: Relations,
}

impl Run<'_> {
    fn apply(&mut self, ops: Vec<Op>) -> Result<Vec<RecordId>, DemoError> {
        if ops.is_empty() {
            return Ok(Vec::new());
        }
        let outcomes = self.store.apply(&self.actor, ops, self.today)?;
        Ok(outcomes.into_iter().filter_map(|o| o.record_id()).collect())
    }

    fn create(&mut self, drafts: Vec<Draft>) -> Result<Vec<RecordId>, DemoError> {
        for d in &drafts {
            *self.summary.counts.entry(d.body.kind()).or_default() += 1;
        }
        let n = drafts.len();
        let ids = self.apply(drafts.into_iter().map(Op::Create).collect())?;
        debug_assert_eq!(ids.len(), n);
        Ok(ids)
    }

    fn flush_relations(&mut self) -> Result<(), DemoError> {
        let ops = self.rels.take();
        self.summary.relations += ops.len();
        for chunk in chunks(ops, BATCH * 3) {
            self.apply(chunk)?;
        }
        Ok(())
    }

    fn consents(&mut self, consents: Vec<NewConsent>) -> Result<(), DemoError> {
        self.summary.consents += consents.len();
        self.apply(consents.into_iter().map(Op::AddConsent).collect())?;
        Ok(())
    }

    /// Creates planned records, then their relations, consents, fixtures and withdrawals.
    fn create_planned(&mut self, planned: Vec<Planned>) -> Result<Vec<RecordId>, DemoError> {
        let kind = planned.first().map(|p| p.draft.body.kind());
        let ids = self.create(planned.iter().map(|p| p.draft.clone()).collect())?;
        let mut consents = Vec::new();
        let mut steps = Vec::new();
        for (p, id) in planned.into_iter().zip(&ids) {
            let resolve = |e: End| match e {
                End::This => *id,
                End::Id(other) => other,
            };
            for (from, rtype, to) in p.links {
                self.rels.add(resolve(from), rtype, resolve(to));
            }
            for c in p.consents {
                let mut covers = vec![*id];
                covers.extend(c.also_covers);
                consents.push(NewConsent {
                    kind: c.kind,
                    subject: c.subject,
                    granted_by: c.granted_by,
                    covers,
                    scope: c.scope,
                    bans: c.bans,
                    document: None,
                    signed_on: c.signed_on.min(self.today),
                    valid_until: None,
                    note: c.note,
                });
            }
            if let Some(state) = p.fixture {
                self.summary.fixtures.push(Fixture {
                    id: *id,
                    kind: p.draft.body.kind(),
                    state,
                });
            }
            if p.withdraw {
                steps.push(Op::Step {
                    id: *id,
                    to: Workflow::Withdrawn,
                    note: Some(
                        "Снято с публикации по просьбе семьи до уточнения сведений (демонстрация)."
                            .into(),
                    ),
                });
            }
        }
        self.flush_relations()?;
        self.consents(consents)?;
        self.apply(steps)?;
        if kind.is_some() {
            tracing::debug!(?kind, n = ids.len(), "demo records created");
        }
        Ok(ids)
    }
}

fn chunks<T>(mut v: Vec<T>, size: usize) -> Vec<Vec<T>> {
    let mut out = Vec::new();
    while v.len() > size {
        let rest = v.split_off(size);
        out.push(v);
        v = rest;
    }
    if !v.is_empty() {
        out.push(v);
    }
    out
}

/// Generates the demo museum into an empty store. Deterministic from `options.seed`.
pub fn generate(
    store: &dyn Store,
    accounts: &dyn Accounts,
    blobs: &dyn Blobs,
    options: &DemoOptions,
    today: Date,
) -> Result<DemoSummary, DemoError> {
    let started = Instant::now();
    if options.persons < persons::MIN_PERSONS {
        return Err(DemoError::TooFew {
            requested: options.persons,
            min: persons::MIN_PERSONS,
        });
    }
    if options.persons > MAX_PERSONS {
        return Err(DemoError::TooMany {
            requested: options.persons,
            max: MAX_PERSONS,
        });
    }
    let existing = store.totals()?.records;
    if existing > 0 {
        return Err(DemoError::NotEmpty(existing));
    }
    let group = accounts.create_group("Краеведы Сходни", "heroes")?;
    let mut run = Run {
        store,
        actor: Actor::system("demo"),
        today,
        summary: DemoSummary::default(),
        rels: Relations::default(),
    };
    let mut base = Base {
        seed: options.seed,
        today,
        reg: Registry::default(),
        notable: Vec::new(),
        blobs,
        group,
        media_files: 0,
        media_bytes: 0,
    };

    fixed_tables(&mut run, &mut base)?;
    people(&mut run, &mut base, options)?;
    let voices = content::interviews::plan(&mut base)?;
    let voice_bodies: Vec<_> = voices.iter().map(|p| p.draft.body.clone()).collect();
    let voice_ids = run.create_planned(voices)?;
    let voices: Vec<(RecordId, Body)> = voice_ids.iter().copied().zip(voice_bodies).collect();
    let items = content::items::plan(&mut base, &voices)?;
    let item_bodies: Vec<_> = items.iter().map(|p| p.draft.body.clone()).collect();
    let item_ids = run.create_planned(items)?;
    let items: Vec<(RecordId, Body)> = item_ids.iter().copied().zip(item_bodies).collect();
    let stories = content::stories::plan(&mut base, &voices, &items)?;
    let story_ids = run.create_planned(stories)?;
    let collections = content::collections::plan(&base, &voices, &items, &story_ids);
    run.create_planned(collections)?;

    let mut summary = run.summary;
    summary.media_files = base.media_files;
    summary.media_bytes = base.media_bytes;
    summary.interviews = voice_ids;
    summary.items = item_ids;
    summary.elapsed = started.elapsed();
    tracing::info!(
        persons = options.persons,
        relations = summary.relations,
        consents = summary.consents,
        elapsed_ms = summary.elapsed.as_millis() as u64,
        "demo museum generated"
    );
    Ok(summary)
}

/// Sources, places, organisations and events, and the relations between them.
fn fixed_tables(run: &mut Run, base: &mut Base) -> Result<(), DemoError> {
    let mut keyed: Vec<(&'static str, Draft)> = content::sources::drafts();
    keyed.extend(content::places::drafts());
    keyed.extend(content::organizations::drafts());
    let (keys, drafts): (Vec<_>, Vec<_>) = keyed.into_iter().unzip();
    for (key, id) in keys.into_iter().zip(run.create(drafts)?) {
        base.reg.insert(key, id);
    }
    let (keys, drafts): (Vec<_>, Vec<_>) = content::events::drafts(|k| base.reg.id(k))
        .into_iter()
        .unzip();
    for (key, id) in keys.into_iter().zip(run.create(drafts)?) {
        base.reg.insert(key, id);
    }
    let reg = &base.reg;
    for e in content::events::EVENTS {
        let id = reg.id(e.key);
        for p in e.places {
            run.rels.add(id, RelationType::TookPlaceAt, reg.id(p));
        }
        for s in e.sources {
            run.rels.add(reg.id(s), RelationType::SourceOf, id);
        }
    }
    for o in content::organizations::ORGS {
        let id = reg.id(o.key);
        if let Some(p) = o.place {
            run.rels.add(id, RelationType::LocatedAt, reg.id(p));
        }
        for e in o.events {
            run.rels.add(id, RelationType::ParticipatedIn, reg.id(e));
        }
    }
    // Battles near the town are part of the Battle of Moscow.
    for e in [
        "ev_typhoon",
        "ev_november_offensive",
        "ev_ezhi_line",
        "ev_kryukovo",
        "ev_krasnaya_polyana",
        "ev_counteroffensive",
        "ev_yakhroma",
    ] {
        run.rels
            .add(reg.id(e), RelationType::PartOf, reg.id("ev_battle_moscow"));
    }
    run.rels.add(
        reg.id("ev_ezhi_opened"),
        RelationType::Mentions,
        reg.id("ev_ezhi_line"),
    );
    run.flush_relations()
}

/// People in batches, each followed by its relations and consents.
fn people(run: &mut Run, base: &mut Base, options: &DemoOptions) -> Result<(), DemoError> {
    let mut generator = PersonGen::new(options.seed);
    let mut public_interest: Vec<RecordId> = Vec::new();
    let mut previous: Option<RecordId> = None;
    let mut start = 0;
    while start < options.persons {
        let end = (start + BATCH).min(options.persons);
        let mut plans = Vec::with_capacity(end - start);
        for i in start..end {
            let mut plan = generator.next(i, &|k| base.reg.id(k));
            content::items::maybe_portrait(base, &mut plan)?;
            plans.push(plan);
        }
        let drafts = plans
            .iter()
            .map(|p| Draft {
                body: Body::Person(p.person.clone()),
                settings: p.settings.clone(),
                workflow: p.workflow,
            })
            .collect();
        let ids = run.create(drafts)?;
        let mut consents = Vec::new();
        for (plan, &id) in plans.iter().zip(&ids) {
            relate_person(&mut run.rels, &base.reg, plan, id, previous);
            previous = Some(id);
            match plan.consent {
                ConsentNeed::PublicInterest => public_interest.push(id),
                ConsentNeed::Publication => consents.push(publication(plan, id, run.today)),
                ConsentNeed::WithInterview | ConsentNeed::None => {}
            }
            let state = match plan.index {
                persons::NO_CONSENT => Some(FixtureState::NoConsent),
                // Narrates under a pseudonym: the consent covers the voice, not the name.
                content::interviews::PSEUDONYMOUS => Some(FixtureState::NoConsent),
                persons::DRAFT => Some(FixtureState::Draft),
                persons::STAFF_ONLY => Some(FixtureState::Staff),
                persons::IN_REVIEW => Some(FixtureState::InReview),
                _ => None,
            };
            if let Some(state) = state {
                run.summary.fixtures.push(Fixture {
                    id,
                    kind: Kind::Person,
                    state,
                });
            }
        }
        while public_interest.len() >= CONSENT_CHUNK {
            let rest = public_interest.split_off(CONSENT_CHUNK);
            consents.push(public_interest_decision(
                std::mem::replace(&mut public_interest, rest),
                run.today,
            ));
        }
        for (plan, id) in plans.into_iter().zip(ids) {
            if plan.index < NOTABLE {
                base.notable.push(Notable { id, plan });
            }
        }
        run.flush_relations()?;
        run.consents(consents)?;
        start = end;
    }
    if !public_interest.is_empty() {
        let last = public_interest_decision(public_interest, run.today);
        run.consents(vec![last])?;
    }
    Ok(())
}

fn relate_person(
    rels: &mut Relations,
    reg: &Registry,
    plan: &PersonPlan,
    id: RecordId,
    previous: Option<RecordId>,
) {
    rels.add(id, RelationType::LivedIn, reg.id(plan.home));
    if let Some(p) = plan.born_local {
        rels.add(id, RelationType::BornIn, reg.id(p));
    }
    if let Some(u) = plan.unit {
        rels.add(id, RelationType::ServedIn, reg.id(u));
    }
    if let Some(w) = plan.work {
        rels.add(id, RelationType::WorkedAt, reg.id(w));
    }
    if let Some(s) = plan.study {
        rels.add(id, RelationType::StudiedAt, reg.id(s));
    }
    // The last event (where a soldier fell, what a child remembers most) places a person on the
    // timeline; the biography names the rest, and more relations would bloat a base of a million.
    for e in plan.events.iter().rev().take(1) {
        rels.add(id, RelationType::ParticipatedIn, reg.id(e));
    }
    if let Some(b) = plan.buried {
        rels.add_with(
            id,
            RelationType::BuriedAt,
            reg.id(b),
            Some(reg.id("src_memory_book")),
            None,
        );
    }
    if plan.memorial {
        rels.add(reg.id("src_obd"), RelationType::SourceOf, id);
    }
    if plan.relative_of_previous
        && let Some(prev) = previous
    {
        rels.add(id, RelationType::RelativeOf, prev);
    }
}

fn signed(today: Date, y: i16, m: i8, d: i8) -> Date {
    jiff::civil::date(y, m, d).min(today)
}

fn publication(plan: &PersonPlan, id: RecordId, today: Date) -> NewConsent {
    NewConsent {
        kind: ConsentKind::Publication,
        subject: Some(id),
        granted_by: plan.person.name.full(),
        covers: vec![id],
        // Years only, no photo, no birth place: the public sees exactly that (issue #13).
        scope: vec![ScopeItem::Name, ScopeItem::Years, ScopeItem::Biography],
        bans: vec!["не публиковать адрес и телефон".into()],
        document: None,
        signed_on: signed(today, 2023, 4, 12),
        valid_until: None,
        note: Some("Демонстрационное согласие: человек вымышлен.".into()),
    }
}

fn public_interest_decision(covers: Vec<RecordId>, today: Date) -> NewConsent {
    NewConsent {
        kind: ConsentKind::PublicInterest,
        subject: None,
        granted_by: "Экспертная комиссия музея (демонстрационное решение)".into(),
        covers,
        scope: vec![
            ScopeItem::Name,
            ScopeItem::FullDates,
            ScopeItem::BirthPlace,
            ScopeItem::Photo,
            ScopeItem::Service,
            ScopeItem::Fate,
            ScopeItem::Awards,
            ScopeItem::Biography,
        ],
        bans: Vec::new(),
        document: None,
        signed_on: signed(today, 2023, 2, 14),
        valid_until: None,
        note: Some(
            "Сведения о погибших и умерших участниках войны публикуются как имеющие историческое значение. Демонстрационная запись."
                .into(),
        ),
    }
}
