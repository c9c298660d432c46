//! Writes: every `apply` is one transaction holding the changes, their revisions and their
//! change events, under the writers' lock (see the module's notes); audiences are derived again
//! inside it. The rules are `sqlite/write.rs`'s, statement for statement.

use super::facets;
use super::read::{consent_covers, consents_covering, get_record};
use super::value::{Sql, params};
use super::{PgStore, begin_write};
use crate::columns::{REVISION_AFTER, subject_key};
use crate::write_rules::{date_bounds, edited, feeds_others, slug_fits, stepped, validate};
use crate::{
    Applied, Draft, FacetCount, FeedSpan, ListQuery, Op, Outcome, Page, RelatedGroup, Store,
    StoreError, StoredRecord, Totals, WriteObserver,
};
use jiff::Timestamp;
use jiff::civil::Date;
use letopis_core::access::{AccessLevel, Audience, ViewerFilter, day_key};
use letopis_core::consent::{Consent, ConsentBasis, NewConsent};
use letopis_core::history::{Actor, ChangeEvent, Revision, Subject};
use letopis_core::names::{PersonName, slugify};
use letopis_core::projection::{self, Projection};
use letopis_core::record::{Meta, Record, RecordId, Settings};
use letopis_core::relation::{NewRelation, Relation, RelationType};
use letopis_core::validation::Invalid;
use letopis_core::{Body, Kind, Workflow};
use letopis_core::{ConsentId, RelationId};
use postgres::Transaction;

/// State shared by the ops of one transaction.
struct Tx<'a, 'o, 'c> {
    tx: Transaction<'c>,
    actor: &'a Actor,
    now: Timestamp,
    today: Date,
    /// The consent `Op::CreateCovered` ops name, read once per transaction.
    covering: Option<Consent>,
    /// Told of each record written (`Store::apply_each_observed`).
    observer: Option<&'o mut dyn WriteObserver>,
}

impl Store for PgStore {
    fn apply(&self, actor: &Actor, ops: Vec<Op>, today: Date) -> Result<Vec<Outcome>, StoreError> {
        crate::postgres::off_runtime(|| self.apply_each(actor, &mut ops.into_iter().map(Ok), today))
    }

    fn apply_each(
        &self,
        actor: &Actor,
        ops: &mut dyn Iterator<Item = Result<Op, StoreError>>,
        today: Date,
    ) -> Result<Vec<Outcome>, StoreError> {
        crate::postgres::off_runtime_here(|| {
            self.apply_with(actor, ops, today, None)
                .map(|applied| applied.outcomes)
        })
    }

    fn apply_each_observed(
        &self,
        actor: &Actor,
        ops: &mut dyn Iterator<Item = Result<Op, StoreError>>,
        today: Date,
        observer: &mut dyn WriteObserver,
    ) -> Result<Applied, StoreError> {
        crate::postgres::off_runtime_here(|| self.apply_with(actor, ops, today, Some(observer)))
    }

    fn get(&self, id: RecordId) -> Result<Option<StoredRecord>, StoreError> {
        crate::postgres::off_runtime(|| get_record(&mut *self.read_conn()?, id))
    }

    fn get_many(&self, ids: &[RecordId]) -> Result<Vec<StoredRecord>, StoreError> {
        crate::postgres::off_runtime(|| self.read_get_many(ids))
    }

    fn find_slug(&self, kind: Kind, slug: &str) -> Result<Option<StoredRecord>, StoreError> {
        crate::postgres::off_runtime(|| self.read_find(kind, "slug", slug))
    }

    fn find_external(
        &self,
        kind: Kind,
        external_id: &str,
    ) -> Result<Option<StoredRecord>, StoreError> {
        crate::postgres::off_runtime(|| self.read_find(kind, "external_id", external_id))
    }

    fn list(
        &self,
        query: &ListQuery,
        who: &ViewerFilter,
    ) -> Result<Page<StoredRecord>, StoreError> {
        crate::postgres::off_runtime(|| self.read_list(query, who))
    }

    fn facet_counts(
        &self,
        query: &ListQuery,
        who: &ViewerFilter,
    ) -> Result<Vec<FacetCount>, StoreError> {
        crate::postgres::off_runtime(|| self.read_facet_counts(query, who))
    }

    fn related(
        &self,
        id: RecordId,
        who: &ViewerFilter,
        per_group: u32,
    ) -> Result<Vec<RelatedGroup>, StoreError> {
        crate::postgres::off_runtime(|| self.read_related(id, who, per_group))
    }

    fn relations(&self, id: RecordId) -> Result<Vec<Relation>, StoreError> {
        crate::postgres::off_runtime(|| self.read_relations(id))
    }

    fn consents_covering(&self, id: RecordId) -> Result<Vec<Consent>, StoreError> {
        crate::postgres::off_runtime(|| self.read_consents(id))
    }

    fn consent(&self, id: ConsentId) -> Result<Option<Consent>, StoreError> {
        crate::postgres::off_runtime(|| self.read_consent(id.0))
    }

    fn media_users(&self, sha256: &str) -> Result<Vec<RecordId>, StoreError> {
        crate::postgres::off_runtime(|| self.read_media_users(sha256))
    }

    fn history(&self, subject: Subject) -> Result<Vec<Revision>, StoreError> {
        crate::postgres::off_runtime(|| self.read_history(subject))
    }

    fn erase_from_history(
        &self,
        id: RecordId,
        fields: &[&str],
    ) -> Result<Vec<serde_json::Value>, StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let mut tx = begin_write(&mut conn)?;
            // A create revision still kept in the record's row is read from it and written back
            // scrubbed, like every other revision.
            let rows = tx.rows(
                &format!(
                    "SELECT v.id, v.before, {REVISION_AFTER} FROM revisions v
                 WHERE v.subject_type = 'record' AND v.subject_id = $1"
                ),
                &params![id.0],
            )?;
            if rows.is_empty() {
                return Err(StoreError::not_found(format!("запись №{}", id.0)));
            }
            let mut erased = Vec::new();
            let mut scrub = |text: Option<String>| -> Option<String> {
                let text = text?;
                let Ok(mut v) = serde_json::from_str::<serde_json::Value>(&text) else {
                    return Some(text);
                };
                if let Some(body) = v.get_mut("body").and_then(serde_json::Value::as_object_mut) {
                    for f in fields {
                        if let Some(old) = body.remove(*f) {
                            erased.push(old);
                        }
                    }
                }
                Some(v.to_string())
            };
            for row in rows {
                let rev: i64 = row.try_get(0)?;
                let before = scrub(row.try_get(1)?);
                let after = scrub(row.try_get(2)?);
                tx.run(
                    "UPDATE revisions SET before = $2, after = $3 WHERE id = $1",
                    &params![rev, before, after],
                )?;
            }
            tx.commit()?;
            Ok(erased)
        })
    }

    fn changes_since(&self, seq: i64, limit: u32) -> Result<Vec<ChangeEvent>, StoreError> {
        crate::postgres::off_runtime(|| self.read_changes(seq, limit))
    }

    fn change_seq(&self) -> Result<i64, StoreError> {
        // Asked on every cacheable page: from the watch while it is live (no round trip, on
        // any thread), else from the database.
        if let Some(seq) = self.feed().position() {
            return Ok(seq);
        }
        crate::postgres::off_runtime(|| self.seen_seq())
    }

    fn harvest(&self, query: &crate::HarvestQuery) -> Result<Vec<crate::Stamp>, StoreError> {
        crate::postgres::off_runtime(|| self.read_harvest(query))
    }

    fn refresh_audiences(&self, today: Date) -> Result<usize, StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let actor = Actor::system("system:consent-terms");
            let mut t = Tx {
                tx: begin_write(&mut conn)?,
                actor: &actor,
                now: Timestamp::now(),
                today,
                covering: None,
                observer: None,
            };
            let due: Vec<i64> = t.tx.column(
                "SELECT id FROM records WHERE recheck_on IS NOT NULL AND recheck_on <= $1
             ORDER BY id",
                &params![day_key(today)],
            )?;
            for id in &due {
                t.rederive(RecordId(*id))?;
            }
            let after = feed_position(&mut t.tx)?;
            t.tx.commit()?;
            self.committed(after);
            Ok(due.len())
        })
    }

    fn totals(&self) -> Result<Totals, StoreError> {
        crate::postgres::off_runtime(|| self.read_totals())
    }
}

impl PgStore {
    /// The body of [`Store::apply`]: all ops in one write transaction.
    fn apply_with(
        &self,
        actor: &Actor,
        ops: &mut dyn Iterator<Item = Result<Op, StoreError>>,
        today: Date,
        observer: Option<&mut dyn WriteObserver>,
    ) -> Result<Applied, StoreError> {
        let mut conn = self.conn()?;
        let mut tx = begin_write(&mut conn)?;
        // Read under the writers' lock: no other writer moves it until the commit.
        let before = match observer {
            Some(_) => Some(feed_position(&mut tx)?),
            None => None,
        };
        let mut t = Tx {
            tx,
            actor,
            now: Timestamp::now(),
            today,
            covering: None,
            observer,
        };
        let mut out: Vec<Outcome> = Vec::with_capacity(ops.size_hint().0);
        for op in ops {
            // An error from the source drops `t`, which rolls the transaction back.
            let op = op?;
            let outcome = t.op_naming(op, &out)?;
            out.push(outcome);
        }
        // Read under the writers' lock, so it is this transaction's last event: the node's
        // own next request sees at least this position (see `feed`).
        let after = feed_position(&mut t.tx)?;
        let feed = before.map(|before| FeedSpan { before, after });
        t.tx.commit()?;
        self.committed(after);
        Ok(Applied {
            outcomes: out,
            feed,
        })
    }
}

/// The record an earlier op of this `apply` made, by its position.
fn made(out: &[Outcome], i: usize, what: &str) -> Result<RecordId, StoreError> {
    out.get(i)
        .and_then(|o| o.record_id())
        .ok_or_else(|| StoreError::Backend(format!("{what} names op {i}, which made no record")))
}

/// The consent an earlier op of this `apply` added, by its position.
fn added(out: &[Outcome], i: usize, what: &str) -> Result<ConsentId, StoreError> {
    match out.get(i) {
        Some(Outcome::ConsentAdded(consent)) => Ok(*consent),
        _ => Err(StoreError::Backend(format!(
            "{what} names op {i}, which added no consent"
        ))),
    }
}

impl Tx<'_, '_, '_> {
    /// An op, with the ones that name earlier ops' outcomes resolved against `out`.
    fn op_naming(&mut self, op: Op, out: &[Outcome]) -> Result<Outcome, StoreError> {
        Ok(match op {
            Op::AddConsentCovering {
                mut consent,
                earlier,
                subject_earlier,
            } => {
                for i in earlier {
                    consent.covers.push(made(out, i, "consent")?);
                }
                if let Some(i) = subject_earlier {
                    consent.subject = Some(made(out, i, "consent subject")?);
                }
                Outcome::ConsentAdded(self.add_consent(consent)?)
            }
            Op::RelateCovering {
                mut relation,
                from_earlier,
                to_earlier,
            } => {
                if let Some(i) = from_earlier {
                    relation.from = made(out, i, "relation")?;
                }
                if let Some(i) = to_earlier {
                    relation.to = made(out, i, "relation")?;
                }
                Outcome::Related(self.relate(relation)?)
            }
            Op::CreateFamilyStory {
                mut draft,
                hero_earlier,
            } => {
                let hero = made(out, hero_earlier, "family story")?;
                match &mut draft.body {
                    Body::Story(letopis_core::entities::Story {
                        family: Some(family),
                        ..
                    }) => family.person = hero,
                    _ => {
                        return Err(StoreError::Backend(
                            "a family story op holds no family's account".into(),
                        ));
                    }
                }
                Outcome::Created(self.create(draft)?)
            }
            Op::CreateCovered {
                draft,
                consent_earlier,
            } => {
                let consent = added(out, consent_earlier, "a covered record")?;
                Outcome::Created(self.create_covered(draft, consent)?)
            }
            Op::CoverEarlier {
                consent_earlier,
                earlier,
            } => {
                let consent = added(out, consent_earlier, "a cover")?;
                let records = earlier
                    .into_iter()
                    .map(|i| made(out, i, "cover"))
                    .collect::<Result<Vec<_>, _>>()?;
                self.cover(consent, &records)?;
                Outcome::ConsentCovered(consent)
            }
            Op::PublishSubmission {
                submission,
                person,
                person_earlier,
                story_earlier,
                consent_earlier,
                by,
            } => {
                let person = match person_earlier {
                    Some(i) => made(out, i, "publication")?,
                    None => person,
                };
                let story = made(out, story_earlier, "publication")?;
                let consent = added(out, consent_earlier, "publication")?;
                super::contributions::publish_in(
                    &mut self.tx,
                    submission,
                    person,
                    story,
                    consent,
                    &by,
                    self.now,
                )?;
                Outcome::SubmissionPublished(submission)
            }
            Op::Create(draft) => Outcome::Created(self.create(draft)?),
            Op::Upsert(draft) => self.upsert(draft)?,
            Op::Update {
                id,
                expected_version,
                body,
                settings,
            } => self.update(id, expected_version, body, settings)?,
            Op::Step { id, to, note } => {
                self.step(id, to, note)?;
                Outcome::Stepped(id)
            }
            Op::Relate(rel) => Outcome::Related(self.relate(rel)?),
            Op::Unrelate(id) => {
                self.unrelate(id.0)?;
                Outcome::Unrelated(id)
            }
            Op::AddConsent(c) => Outcome::ConsentAdded(self.add_consent(c)?),
            Op::WithdrawConsent { id } => {
                self.withdraw_consent(id.0)?;
                Outcome::ConsentWithdrawn(id)
            }
        })
    }

    fn load(&mut self, id: RecordId) -> Result<StoredRecord, StoreError> {
        get_record(&mut self.tx, id)?.ok_or_else(|| StoreError::not_found(format!("№ {id}")))
    }

    fn create(&mut self, draft: Draft) -> Result<RecordId, StoreError> {
        self.create_under(draft, &ConsentBasis::default(), None)
    }

    /// Creates a record covered by consent `consent` from the start: the one consent a new
    /// record has is the whole basis of its audience and projection.
    fn create_covered(&mut self, draft: Draft, consent: ConsentId) -> Result<RecordId, StoreError> {
        let covering = match self.covering.take() {
            Some(known) if known.id == consent => known,
            _ => {
                let data: String = self
                    .tx
                    .row(
                        "SELECT data FROM consents WHERE id = $1",
                        &params![consent.0],
                    )?
                    .ok_or_else(|| StoreError::not_found(format!("согласие № {consent}")))?
                    .try_get(0)?;
                serde_json::from_str::<Consent>(&data)?
            }
        };
        let consents = std::slice::from_ref(&covering);
        let basis = ConsentBasis::from_consents(consents, self.today);
        let recheck = ConsentBasis::next_change(consents, self.today).map(day_key);
        let created = self.create_under(draft, &basis, recheck);
        self.covering = Some(covering);
        let id = created?;
        self.tx.run(
            "INSERT INTO consent_covers (consent_id, record_id) VALUES ($1, $2)",
            &params![consent.0, id.0],
        )?;
        Ok(id)
    }

    fn create_under(
        &mut self,
        draft: Draft,
        basis: &ConsentBasis,
        recheck: Option<i32>,
    ) -> Result<RecordId, StoreError> {
        let mut body = draft.body;
        body.normalize();
        validate(&body, &draft.settings)?;
        let kind = body.kind();
        // Safe under the writers' lock: no other transaction takes an id meanwhile.
        let id = RecordId(
            self.tx
                .one("SELECT coalesce(max(id), 0) + 1 FROM records", &[])?,
        );
        let meta = Meta {
            id,
            kind,
            // Made from the public title by `project` below.
            slug: String::new(),
            external_id: draft.settings.external_id.clone(),
            workflow: draft.workflow,
            access: draft.settings.access.clone(),
            embargo_until: draft.settings.embargo_until,
            age_rating: draft.settings.age_rating,
            content_note: draft.settings.content_note.clone(),
            tags: draft.settings.tags.clone(),
            version: 1,
            created_at: self.now,
            updated_at: self.now,
            submitted_by: None,
        };
        let mut record = Record { meta, body };
        let public = self.project(&mut record, basis)?;
        let audience = Audience::of(&record.meta, &record.body, basis);
        self.insert_row(&record, &audience, recheck, public.as_ref())?;
        self.write_side_tables(&record, public.as_ref(), true)?;
        // The record as created is its row until the row first changes (see the migration's
        // `letopis_keep_created`).
        self.revision(Subject::Record(id), "create", None, None, None)?;
        self.change(Subject::Record(id), "create")?;
        if let Some(observer) = &mut self.observer {
            let (public, hidden_ties) = match public {
                Some(p) => (Some(p.body), p.hidden_ties),
                None => (None, Vec::new()),
            };
            observer.created(StoredRecord {
                record,
                audience,
                public,
                hidden_ties,
            });
        }
        Ok(id)
    }

    /// The record's public projection (`None`: the public sees it as stored), and its slug,
    /// which a pseudonymous interview takes from its public title.
    fn project(
        &mut self,
        record: &mut Record,
        basis: &ConsentBasis,
    ) -> Result<Option<Projection>, StoreError> {
        let narrators = self.narrator_names(record)?;
        let public = projection::project(&record.body, basis, &narrators);
        let pseudonymous = matches!(&record.body, Body::Interview(i) if i.pseudonym.is_some());
        if record.meta.slug.is_empty() || pseudonymous {
            let shown = public.as_ref().map_or(&record.body, |p| &p.body);
            let base = slugify(&shown.slug_source());
            if !slug_fits(&record.meta.slug, &base) {
                record.meta.slug = self.next_slug(record.kind(), &base)?;
            }
        }
        Ok(public)
    }

    /// The names of a pseudonymous interview's narrators, which its projection must not show.
    fn narrator_names(&mut self, record: &Record) -> Result<Vec<PersonName>, StoreError> {
        if !matches!(&record.body, Body::Interview(i) if i.pseudonym.is_some()) {
            return Ok(Vec::new());
        }
        let bodies: Vec<String> = self.tx.column(
            "SELECT r.body FROM relations rel JOIN records r ON r.id = rel.from_id
             WHERE rel.to_id = $1 AND rel.rtype = $2 ORDER BY r.id",
            &params![record.id().0, RelationType::NarratorOf.code()],
        )?;
        let mut out = Vec::new();
        for body in bodies {
            if let Body::Person(p) = serde_json::from_str::<Body>(&body)? {
                out.push(p.name);
            }
        }
        Ok(out)
    }

    /// The interviews a person narrates, whose projections hold what hides the person's name.
    fn narrated_by(&mut self, person: RecordId) -> Result<Vec<RecordId>, StoreError> {
        let ids: Vec<i64> = self.tx.column(
            "SELECT to_id FROM relations WHERE from_id = $1 AND rtype = $2 ORDER BY to_id",
            &params![person.0, RelationType::NarratorOf.code()],
        )?;
        Ok(ids.into_iter().map(RecordId).collect())
    }

    fn upsert(&mut self, draft: Draft) -> Result<Outcome, StoreError> {
        let Some(ext) = draft.settings.external_id.clone() else {
            return Err(Invalid::one(
                "id",
                "Для обновления при повторном импорте у записи должен быть идентификатор (столбец id).",
            )
            .into());
        };
        let kind = draft.body.kind();
        let existing = self.tx.row(
            "SELECT id FROM records WHERE kind = $1 AND external_id = $2",
            &params![kind.code(), ext],
        )?;
        match existing {
            Some(row) => self.update(RecordId(row.try_get(0)?), None, draft.body, draft.settings),
            None => self.create(draft).map(Outcome::Created),
        }
    }

    fn update(
        &mut self,
        id: RecordId,
        expected_version: Option<i64>,
        body: Body,
        settings: Settings,
    ) -> Result<Outcome, StoreError> {
        let current = self.load(id)?.record;
        let Some(next) = edited(&current, body, settings, expected_version)? else {
            return Ok(Outcome::Unchanged(id));
        };
        self.save_changed(&current, next, "update", None)?;
        Ok(Outcome::Updated(id))
    }

    fn step(&mut self, id: RecordId, to: Workflow, note: Option<String>) -> Result<(), StoreError> {
        let current = self.load(id)?.record;
        let next = stepped(&current, to, self.actor.key())?;
        let action = format!("workflow:{}", to.code());
        self.save_changed(&current, next, &action, note)
    }

    /// Saves a changed record: new version, audience derived again, side tables, revision, event.
    fn save_changed(
        &mut self,
        before: &Record,
        mut next: Record,
        action: &str,
        note: Option<String>,
    ) -> Result<(), StoreError> {
        next.meta.version = before.meta.version + 1;
        next.meta.updated_at = self.now;
        let consents = consents_covering(&mut self.tx, next.id())?;
        let basis = ConsentBasis::from_consents(&consents, self.today);
        let public = self.project(&mut next, &basis)?;
        let audience = Audience::of(&next.meta, &next.body, &basis);
        let recheck = ConsentBasis::next_change(&consents, self.today).map(day_key);
        self.update_row(&next, &audience, recheck, public.as_ref())?;
        self.write_side_tables(&next, public.as_ref(), false)?;
        if let (Body::Person(a), Body::Person(b)) = (&before.body, &next.body)
            && a.name != b.name
        {
            for interview in self.narrated_by(next.id())? {
                self.rederive(interview)?;
            }
        }
        if feeds_others(&next.body) && next.body.facets() != before.body.facets() {
            facets::refresh_around_place(&mut self.tx, next.id())?;
        }
        self.revision(
            Subject::Record(next.id()),
            action,
            Some(serde_json::to_string(before)?),
            Some(serde_json::to_string(&next)?),
            note,
        )?;
        self.change(Subject::Record(next.id()), action)?;
        Ok(())
    }

    /// Derives a record's audience and projection again after its consents (or, for an
    /// interview, its narrators) changed.
    fn rederive(&mut self, id: RecordId) -> Result<(), StoreError> {
        let stored = self.load(id)?;
        let consents = consents_covering(&mut self.tx, id)?;
        let basis = ConsentBasis::from_consents(&consents, self.today);
        let before_slug = stored.record.meta.slug.clone();
        let mut record = stored.record;
        let public = self.project(&mut record, &basis)?;
        let audience = Audience::of(&record.meta, &record.body, &basis);
        let recheck = ConsentBasis::next_change(&consents, self.today).map(day_key);
        // Only the derived columns change; the record itself is as it was.
        self.tx.run(
            "UPDATE records SET reach = $2, open_from = $3, age_rating = $4,
                 health_public = $5, recheck_on = $6
             WHERE id = $1",
            &params![
                id.0,
                audience.reach.code(),
                audience.open_from.map(day_key),
                audience.age_rating.years(),
                audience.health_public,
                recheck,
            ],
        )?;
        let reslugged = record.meta.slug != before_slug;
        let before = stored.public.map(|body| Projection {
            body,
            hidden_ties: stored.hidden_ties,
        });
        let reprojected = public != before;
        if reprojected || reslugged {
            let shown = public.as_ref().map_or(&record.body, |p| &p.body);
            let (lo, hi) = date_bounds(shown);
            self.tx.run(
                "UPDATE records SET public_body = $2, slug = $3, meta = $4, title = $5,
                     sort_key = $6, date_lo = $7, date_hi = $8
                 WHERE id = $1",
                &params![
                    id.0,
                    public.as_ref().map(serde_json::to_string).transpose()?,
                    record.meta.slug.as_str(),
                    serde_json::to_string(&record.meta)?,
                    shown.title(),
                    shown.sort_key(),
                    lo,
                    hi,
                ],
            )?;
            facets::write_own(&mut self.tx, &record, shown, false)?;
            facets::derive_from_places(&mut self.tx, id)?;
        }
        if audience != stored.audience || reprojected || reslugged {
            self.change(Subject::Record(id), "visibility")?;
        }
        Ok(())
    }

    fn kind_of(&mut self, id: RecordId) -> Result<Kind, StoreError> {
        let code: Option<String> = self
            .tx
            .row("SELECT kind FROM records WHERE id = $1", &params![id.0])?
            .map(|r| r.try_get(0))
            .transpose()?;
        code.as_deref()
            .and_then(Kind::from_code)
            .ok_or_else(|| StoreError::not_found(format!("№ {id}")))
    }

    fn relate(&mut self, rel: NewRelation) -> Result<RelationId, StoreError> {
        let from = self.kind_of(rel.from)?;
        let to = self.kind_of(rel.to)?;
        let source = rel.source.map(|s| self.kind_of(s)).transpose()?;
        rel.validate(from, to, source)?;
        let inserted = self.tx.row(
            "INSERT INTO relations (from_id, to_id, rtype, source_id, date_text, note, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id",
            &params![
                rel.from.0,
                rel.to.0,
                rel.rtype.code(),
                rel.source.map(|s| s.0),
                rel.date.as_ref().map(|d| d.as_str()),
                rel.note.clone(),
                self.now.to_string()
            ],
        )?;
        let Some(inserted) = inserted else {
            return Err(StoreError::Duplicate {
                message: format!(
                    "Такая связь («{}») между записями № {} и № {} уже есть.",
                    rel.rtype.label_ru(),
                    rel.from,
                    rel.to
                ),
            });
        };
        let id: i64 = inserted.try_get(0)?;
        let stored = Relation {
            id: RelationId(id),
            from: rel.from,
            to: rel.to,
            rtype: rel.rtype,
            source: rel.source,
            date: rel.date,
            note: rel.note,
        };
        self.revision(
            Subject::Relation(RelationId(id)),
            "relate",
            None,
            Some(serde_json::to_string(&stored)?),
            None,
        )?;
        self.change(Subject::Record(stored.from), "relations")?;
        self.change(Subject::Record(stored.to), "relations")?;
        self.derive_across(stored.from, from, stored.to, to)?;
        if stored.rtype == RelationType::NarratorOf {
            self.rederive(stored.to)?;
        }
        Ok(RelationId(id))
    }

    /// Place and district facets come only from relations to places, so a relation changes the
    /// derived facets of an end only when the other end is a place.
    fn derive_across(
        &mut self,
        a: RecordId,
        a_kind: Kind,
        b: RecordId,
        b_kind: Kind,
    ) -> Result<(), StoreError> {
        if b_kind == Kind::Place {
            facets::derive_from_places(&mut self.tx, a)?;
        }
        if a_kind == Kind::Place {
            facets::derive_from_places(&mut self.tx, b)?;
        }
        Ok(())
    }

    fn unrelate(&mut self, id: i64) -> Result<(), StoreError> {
        let row = self.tx.row(
            "SELECT from_id, to_id, rtype FROM relations WHERE id = $1",
            &params![id],
        )?;
        let Some(row) = row else {
            return Err(StoreError::not_found(format!("связь № {id}")));
        };
        let (from, to, rtype): (i64, i64, String) =
            (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
        self.tx
            .run("DELETE FROM relations WHERE id = $1", &params![id])?;
        self.revision(
            Subject::Relation(RelationId(id)),
            "unrelate",
            None,
            None,
            None,
        )?;
        self.change(Subject::Record(RecordId(from)), "relations")?;
        self.change(Subject::Record(RecordId(to)), "relations")?;
        let (from_kind, to_kind) = (self.kind_of(RecordId(from))?, self.kind_of(RecordId(to))?);
        self.derive_across(RecordId(from), from_kind, RecordId(to), to_kind)?;
        if rtype == RelationType::NarratorOf.code() {
            self.rederive(RecordId(to))?;
        }
        Ok(())
    }

    fn add_consent(&mut self, new: NewConsent) -> Result<ConsentId, StoreError> {
        new.validate()?;
        for id in new.covers.iter().chain(new.subject.iter()) {
            let exists: bool = self.tx.one(
                "SELECT EXISTS (SELECT 1 FROM records WHERE id = $1)",
                &params![id.0],
            )?;
            if !exists {
                return Err(StoreError::not_found(format!("№ {id}")));
            }
        }
        let id: i64 = self.tx.one(
            "INSERT INTO consents (kind, subject_id, signed_on, valid_until, created_at, data)
             VALUES ($1, $2, $3, $4, $5, '{}') RETURNING id",
            &params![
                new.kind.code(),
                new.subject.map(|s| s.0),
                day_key(new.signed_on),
                new.valid_until.map(day_key),
                self.now.to_string()
            ],
        )?;
        let consent = Consent {
            id: ConsentId(id),
            kind: new.kind,
            subject: new.subject,
            granted_by: new.granted_by,
            covers: new.covers,
            scope: new.scope,
            bans: new.bans,
            document: new.document,
            signed_on: new.signed_on,
            valid_until: new.valid_until,
            withdrawn_at: None,
            withdrawn_by: None,
            recorded_by: self.actor.label.clone(),
            note: new.note,
        };
        let stored = Consent {
            covers: Vec::new(),
            ..consent.clone()
        };
        self.tx.run(
            "UPDATE consents SET data = $2 WHERE id = $1",
            &params![id, serde_json::to_string(&stored)?],
        )?;
        self.insert_covers(id, &consent.covers)?;
        self.revision(
            Subject::Consent(ConsentId(id)),
            "consent:add",
            None,
            Some(serde_json::to_string(&consent)?),
            None,
        )?;
        self.change(Subject::Consent(ConsentId(id)), "consent:add")?;
        for r in &consent.covers {
            self.rederive(*r)?;
        }
        Ok(ConsentId(id))
    }

    fn insert_covers(&mut self, consent: i64, records: &[RecordId]) -> Result<(), StoreError> {
        if records.is_empty() {
            return Ok(());
        }
        let ids: Vec<i64> = records.iter().map(|r| r.0).collect();
        self.tx.execute(
            "INSERT INTO consent_covers (consent_id, record_id)
             SELECT $1, r FROM unnest($2::bigint[]) AS r ON CONFLICT DO NOTHING",
            &[&consent, &ids],
        )?;
        Ok(())
    }

    /// More records under a consent added earlier in this transaction.
    fn cover(&mut self, consent: ConsentId, records: &[RecordId]) -> Result<(), StoreError> {
        self.insert_covers(consent.0, records)?;
        self.change(Subject::Consent(consent), "consent:cover")?;
        for r in records {
            self.rederive(*r)?;
        }
        Ok(())
    }

    fn withdraw_consent(&mut self, id: i64) -> Result<(), StoreError> {
        let Some(row) = self
            .tx
            .row("SELECT data FROM consents WHERE id = $1", &params![id])?
        else {
            return Err(StoreError::not_found(format!("согласие № {id}")));
        };
        let data: String = row.try_get(0)?;
        let mut before: Consent = serde_json::from_str(&data)?;
        if before.withdrawn_at.is_some() {
            return Ok(());
        }
        let mut after = before.clone();
        after.withdrawn_at = Some(self.now);
        after.withdrawn_by = Some(self.actor.label.clone());
        self.tx.run(
            "UPDATE consents SET withdrawn_at = $2, data = $3 WHERE id = $1",
            &params![id, self.now.to_string(), serde_json::to_string(&after)?],
        )?;
        let covers = consent_covers(&mut self.tx, id)?;
        before.covers = covers.clone();
        after.covers = covers;
        self.revision(
            Subject::Consent(ConsentId(id)),
            "consent:withdraw",
            Some(serde_json::to_string(&before)?),
            Some(serde_json::to_string(&after)?),
            None,
        )?;
        self.change(Subject::Consent(ConsentId(id)), "consent:withdraw")?;
        for r in &after.covers {
            self.rederive(*r)?;
        }
        Ok(())
    }

    /// `base`, or `base-2`, `base-3`… — a counter per base keeps this O(1) when thousands of
    /// people share a name.
    fn next_slug(&mut self, kind: Kind, base: &str) -> Result<String, StoreError> {
        let used: i64 = self.tx.one(
            "INSERT INTO slug_counters (kind, base, used) VALUES ($1, $2, 1)
             ON CONFLICT (kind, base) DO UPDATE SET used = slug_counters.used + 1
             RETURNING used",
            &params![kind.code(), base],
        )?;
        let mut n = used;
        loop {
            let candidate = if n == 1 {
                base.to_string()
            } else {
                format!("{base}-{n}")
            };
            let taken: bool = self.tx.one(
                "SELECT EXISTS (SELECT 1 FROM records WHERE kind = $1 AND slug = $2)",
                &params![kind.code(), candidate.as_str()],
            )?;
            if !taken {
                return Ok(candidate);
            }
            n += 1;
        }
    }

    /// Inserts the row. The derived columns lists sort and filter by (title, sort key, date
    /// bounds) are made from what the public sees.
    fn insert_row(
        &mut self,
        record: &Record,
        audience: &Audience,
        recheck: Option<i32>,
        public: Option<&Projection>,
    ) -> Result<(), StoreError> {
        let shown = public.map_or(&record.body, |p| &p.body);
        let (lo, hi) = date_bounds(shown);
        self.tx
            .try_run(
                "INSERT INTO records (id, kind, slug, external_id, workflow, title, sort_key,
                     date_lo, date_hi, reach, open_from, age_rating, recheck_on, version,
                     created_at, updated_at, submitted_by, meta, body, health_public, public_body)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $21, $13, $14, $15,
                     $16, $17, $18, $19, $20)",
                &params![
                    record.id().0,
                    record.kind().code(),
                    record.meta.slug.as_str(),
                    record.meta.external_id.clone(),
                    record.meta.workflow.code(),
                    shown.title(),
                    shown.sort_key(),
                    lo,
                    hi,
                    audience.reach.code(),
                    audience.open_from.map(day_key),
                    audience.age_rating.years(),
                    record.meta.version,
                    record.meta.created_at.to_string(),
                    record.meta.updated_at.to_string(),
                    record.meta.submitted_by.clone(),
                    serde_json::to_string(&record.meta)?,
                    serde_json::to_string(&record.body)?,
                    audience.health_public,
                    public.map(serde_json::to_string).transpose()?,
                    recheck,
                ],
            )
            .map_err(|e| unique_violation(e, record))?;
        Ok(())
    }

    fn update_row(
        &mut self,
        record: &Record,
        audience: &Audience,
        recheck: Option<i32>,
        public: Option<&Projection>,
    ) -> Result<(), StoreError> {
        let shown = public.map_or(&record.body, |p| &p.body);
        let (lo, hi) = date_bounds(shown);
        self.tx
            .try_run(
                "UPDATE records SET external_id = $2, workflow = $3, title = $4, sort_key = $5,
                     date_lo = $6, date_hi = $7, reach = $8, open_from = $9, age_rating = $10,
                     recheck_on = $11, version = $12, updated_at = $13, submitted_by = $14,
                     meta = $15, body = $16, health_public = $17, public_body = $18, slug = $19
                 WHERE id = $1",
                &params![
                    record.id().0,
                    record.meta.external_id.clone(),
                    record.meta.workflow.code(),
                    shown.title(),
                    shown.sort_key(),
                    lo,
                    hi,
                    audience.reach.code(),
                    audience.open_from.map(day_key),
                    audience.age_rating.years(),
                    recheck,
                    record.meta.version,
                    record.meta.updated_at.to_string(),
                    record.meta.submitted_by.clone(),
                    serde_json::to_string(&record.meta)?,
                    serde_json::to_string(&record.body)?,
                    audience.health_public,
                    public.map(serde_json::to_string).transpose()?,
                    record.meta.slug.as_str(),
                ],
            )
            .map_err(|e| unique_violation(e, record))?;
        Ok(())
    }

    /// Keeps the group, media and facet tables in step with the record; a `fresh` record has no
    /// rows there yet.
    fn write_side_tables(
        &mut self,
        record: &Record,
        public: Option<&Projection>,
        fresh: bool,
    ) -> Result<(), StoreError> {
        let id = record.id().0;
        facets::write_own(
            &mut self.tx,
            record,
            public.map_or(&record.body, |p| &p.body),
            fresh,
        )?;
        if !fresh {
            self.tx.run(
                "DELETE FROM record_groups WHERE record_id = $1",
                &params![id],
            )?;
            self.tx.run(
                "DELETE FROM record_media WHERE record_id = $1",
                &params![id],
            )?;
        }
        if let AccessLevel::Groups(groups) = &record.meta.access {
            for g in groups {
                // Asked first for a message the editor can act on; the foreign key holds anyway.
                let exists = self
                    .tx
                    .row("SELECT 1 FROM working_groups WHERE id = $1", &params![g.0])?
                    .is_some();
                if !exists {
                    return Err(StoreError::Invalid(Invalid::one(
                        "access",
                        format!(
                            "Доступ ограничен рабочей группой № {g}, но такой группы нет. \
                             Выберите существующую группу (список — в разделе «Рабочие группы» \
                             студии) или другой уровень доступа."
                        ),
                    )));
                }
                self.tx.run(
                    "INSERT INTO record_groups (record_id, group_id) VALUES ($1, $2)
                     ON CONFLICT DO NOTHING",
                    &params![id, g.0],
                )?;
            }
        }
        let media: Vec<&str> = record
            .body
            .media()
            .iter()
            .map(|m| m.sha256.as_str())
            .collect();
        if !media.is_empty() {
            self.tx.execute(
                "INSERT INTO record_media (record_id, sha256)
                 SELECT $1, m FROM unnest($2::text[]) AS m ON CONFLICT DO NOTHING",
                &[&id, &media],
            )?;
        }
        Ok(())
    }

    fn revision(
        &mut self,
        subject: Subject,
        action: &str,
        before: Option<String>,
        after: Option<String>,
        note: Option<String>,
    ) -> Result<(), StoreError> {
        let (ty, id) = subject_key(subject);
        self.tx.run(
            "INSERT INTO revisions (subject_type, subject_id, actor_user, actor, at, action,
                 before, after, note)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            &params![
                ty,
                id,
                self.actor.user_id.map(|u| u.0),
                self.actor.label.as_str(),
                self.now.to_string(),
                action,
                before,
                after,
                note
            ],
        )?;
        Ok(())
    }

    fn change(&mut self, subject: Subject, action: &str) -> Result<(), StoreError> {
        let (ty, id) = subject_key(subject);
        self.tx.run(
            "INSERT INTO changes (subject_type, subject_id, action, at) VALUES ($1, $2, $3, $4)",
            &params![ty, id, action, self.now.to_string()],
        )?;
        // A new record is handed over whole by `create_under`, right after this.
        if let (Subject::Record(record), Some(observer)) = (subject, &mut self.observer)
            && action != "create"
        {
            observer.changed(record);
        }
        Ok(())
    }
}

/// The change feed's position as [`Store::change_seq`] reads it.
fn feed_position(tx: &mut Transaction<'_>) -> Result<i64, StoreError> {
    tx.one("SELECT coalesce(max(seq), 0) FROM changes", &[])
}

/// A second record of a kind with the same external id: what the importer can act on.
fn unique_violation(e: postgres::Error, record: &Record) -> StoreError {
    let external = e.as_db_error().is_some_and(|db| {
        *db.code() == postgres::error::SqlState::UNIQUE_VIOLATION
            && db.constraint() == Some("records_external")
    });
    if external {
        return StoreError::Duplicate {
            message: format!(
                "Запись вида «{}» с идентификатором «{}» уже есть.",
                record.kind().label_ru(),
                record.meta.external_id.as_deref().unwrap_or_default()
            ),
        };
    }
    e.into()
}
