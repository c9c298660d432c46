//! Reads. Lists and counts are filtered by the access gate's plain-data form (`ViewerFilter`).

use super::SqliteStore;
use super::record_cache::snapshot_seq;
use crate::columns::{
    RECORD_COLUMNS, REVISION_AFTER, parse_ts, stored_record, subject_from_key, subject_key,
};
use crate::{FacetCount, ListQuery, Order, Page, StoreError, StoredRecord, Totals};
use letopis_core::Kind;
use letopis_core::UserId;
use letopis_core::access::ViewerFilter;
use letopis_core::consent::Consent;
use letopis_core::facet::FacetName;
use letopis_core::history::{Actor, ChangeEvent, Revision, Subject};
use letopis_core::record::RecordId;
use letopis_core::relation::Relation;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params};

pub(crate) fn record_from_row(row: &Row<'_>) -> rusqlite::Result<StoredRecord> {
    weighed_record_from_row(row).map(|(record, _)| record)
}

/// A record and about how many bytes it holds decoded: its stored JSON's length, doubled as an
/// estimate of the decoded strings' and collections' own overhead. What the record cache counts
/// against its budget.
pub(crate) fn weighed_record_from_row(row: &Row<'_>) -> rusqlite::Result<(StoredRecord, usize)> {
    let meta: String = row.get(3)?;
    let body: String = row.get(4)?;
    let public: Option<String> = row.get(6)?;
    let weight = 2 * (meta.len() + body.len() + public.as_ref().map_or(0, String::len));
    let record = stored_record(
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        &meta,
        &body,
        row.get(5)?,
        public.as_deref(),
    )
    .map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok((record, weight))
}

pub(crate) fn get_record(
    conn: &Connection,
    id: RecordId,
) -> Result<Option<StoredRecord>, StoreError> {
    let sql = format!("SELECT {RECORD_COLUMNS} FROM records r WHERE r.id = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id.0], record_from_row)
        .optional()?)
}

/// The consents covering a record, without their `covers` lists (see [`consent_covers`]).
pub(crate) fn consents_covering(
    conn: &Connection,
    id: RecordId,
) -> Result<Vec<Consent>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.data FROM consents c JOIN consent_covers cc ON cc.consent_id = c.id
         WHERE cc.record_id = ?1 ORDER BY c.id",
    )?;
    let rows = stmt.query_map([id.0], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for data in rows {
        out.push(serde_json::from_str(&data?)?);
    }
    Ok(out)
}

/// The records a consent covers. Kept only in `consent_covers`, not in the consent's JSON: one
/// decision may cover a hundred thousand records, and the JSON is read for every one of them
/// whenever their audience is derived.
pub(crate) fn consent_covers(conn: &Connection, consent: i64) -> Result<Vec<RecordId>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT record_id FROM consent_covers WHERE consent_id = ?1 ORDER BY record_id",
    )?;
    let ids = stmt
        .query_map([consent], |r| r.get(0).map(RecordId))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ids)
}

/// Appends the gate's `WHERE` conditions for `who` on the records table aliased `t`, and pushes
/// their parameters ([`crate::gate_sql::gate`], the one text of both engines).
pub(crate) fn gate_sql(who: &ViewerFilter, t: &str, sql: &mut String, params: &mut Vec<Value>) {
    crate::gate_sql::gate(crate::gate_sql::SQLITE, who, t, sql, params);
}

/// [`crate::gate_sql::via_gate`]: a facet derived from a place counts while the place passes too.
fn via_gate_sql(who: &ViewerFilter, f: &str, sql: &mut String, params: &mut Vec<Value>) {
    crate::gate_sql::via_gate(crate::gate_sql::SQLITE, who, f, sql, params);
}

/// [`crate::gate_sql::filters`]: one `EXISTS` per filtered facet name, skipping `except`.
fn filters_sql(
    groups: &[(FacetName, Vec<String>)],
    except: Option<FacetName>,
    who: &ViewerFilter,
    sql: &mut String,
    params: &mut Vec<Value>,
) {
    crate::gate_sql::filters(crate::gate_sql::SQLITE, groups, except, who, sql, params);
}

/// [`crate::gate_sql::exclude`]: the query's excluded facet values, on the record id column `id`.
fn exclude_sql(q: &ListQuery, id: &str, sql: &mut String, params: &mut Vec<Value>) {
    crate::gate_sql::exclude(crate::gate_sql::SQLITE, &q.exclude, id, sql, params);
}

/// The ids of the records of kind `?1` that pass every filtered facet name except `except`, as
/// one `INTERSECT` of index scans; `None` when no filter applies.
fn filter_ids_sql(
    groups: &[(FacetName, Vec<String>)],
    except: Option<FacetName>,
    who: &ViewerFilter,
    params: &mut Vec<Value>,
) -> Option<String> {
    let mut parts = Vec::new();
    for (name, values) in groups.iter().filter(|(n, _)| Some(*n) != except) {
        let mut slots = Vec::with_capacity(values.len());
        for v in values {
            params.push(Value::Text(v.clone()));
            slots.push(format!("?{}", params.len()));
        }
        let mut part = format!(
            "SELECT ff.record_id FROM record_facets ff WHERE ff.kind = ?1 AND ff.facet = '{}'
               AND ff.value IN ({})",
            name.code(),
            slots.join(",")
        );
        via_gate_sql(who, "ff", &mut part, params);
        parts.push(part);
    }
    (!parts.is_empty()).then(|| parts.join(" INTERSECT "))
}

impl SqliteStore {
    pub(crate) fn read_get(&self, id: RecordId) -> Result<Option<StoredRecord>, StoreError> {
        Ok(self.read_get_many(&[id])?.pop())
    }

    pub(crate) fn read_get_many(&self, ids: &[RecordId]) -> Result<Vec<StoredRecord>, StoreError> {
        let conn = self.reader()?;
        // One snapshot: the sequence the cache is checked against and the rows read on a miss.
        let tx = conn.unchecked_transaction()?;
        let seq = snapshot_seq(&tx)?;
        let out = self.records_at(&tx, seq, ids)?;
        tx.finish()?;
        Ok(out)
    }

    pub(crate) fn read_find(
        &self,
        kind: Kind,
        column: &str,
        value: &str,
    ) -> Result<Option<StoredRecord>, StoreError> {
        let conn = self.reader()?;
        let tx = conn.unchecked_transaction()?;
        let seq = snapshot_seq(&tx)?;
        let found = self.find_at(&tx, seq, kind, column, value)?;
        tx.finish()?;
        Ok(found)
    }

    pub(crate) fn read_list(
        &self,
        q: &ListQuery,
        who: &ViewerFilter,
    ) -> Result<Page<StoredRecord>, StoreError> {
        let conn = self.reader()?;
        let groups = q.filter_groups();
        let mut filter = String::from(" WHERE r.kind = ?1");
        let mut params = vec![Value::Text(q.kind.code().into())];
        gate_sql(who, "r", &mut filter, &mut params);
        filters_sql(&groups, None, who, &mut filter, &mut params);
        exclude_sql(q, "r.id", &mut filter, &mut params);
        // One snapshot for the total and the page, so the cached total matches its seq.
        let tx = conn.unchecked_transaction()?;
        let seq: i64 = tx
            .prepare_cached("SELECT coalesce(max(seq), 0) FROM changes")?
            .query_row([], |r| r.get(0))?;
        let key = format!("{:?}|{groups:?}|{:?}|{who:?}", q.kind, q.exclude);
        let cached = self.cache().total(seq, &key);
        let total = match cached {
            Some(total) => total,
            None => {
                let total: i64 = tx
                    .prepare_cached(&format!("SELECT count(*) FROM records r{filter}"))?
                    .query_row(rusqlite::params_from_iter(params.iter()), |r| r.get(0))?;
                let total = u64::try_from(total).unwrap_or(0);
                self.cache().put_total(seq, key, total);
                total
            }
        };
        let order = match q.order {
            Order::Title => "r.sort_key, r.id",
            Order::Date => "r.date_lo IS NULL, r.date_lo, r.sort_key, r.id",
            Order::Recent => "r.updated_at DESC, r.id DESC",
        };
        let limit = q.limit.min(1000);
        // Ids first, rows after: asking only for columns the list indexes hold lets the page be
        // walked in index order even without planner statistics; asking for the JSON in the same
        // query made SQLite sort every row of the kind instead (4 s for page 2,000 of 100k).
        let sql = format!(
            "SELECT r.id FROM records r{filter} ORDER BY {order} LIMIT {limit} OFFSET {}",
            q.offset.min(i64::MAX as u64)
        );
        let ids: Vec<i64> = tx
            .prepare_cached(&sql)?
            .query_map(rusqlite::params_from_iter(params.iter()), |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let ids: Vec<RecordId> = ids.into_iter().map(RecordId).collect();
        let items = self.records_at(&tx, seq, &ids)?;
        tx.finish()?;
        Ok(Page { items, total })
    }

    pub(crate) fn read_facet_counts(
        &self,
        q: &ListQuery,
        who: &ViewerFilter,
    ) -> Result<Vec<FacetCount>, StoreError> {
        let conn = self.reader()?;
        let groups = q.filter_groups();
        // Read in the same snapshot as the counts, so a count is never cached under a newer seq.
        let tx = conn.unchecked_transaction()?;
        let seq: i64 = tx
            .prepare_cached("SELECT coalesce(max(seq), 0) FROM changes")?
            .query_row([], |r| r.get(0))?;
        let key = format!("{:?}|{groups:?}|{:?}|{who:?}", q.kind, q.exclude);
        if let Some(hit) = self.cache().get(seq, &key) {
            return Ok(hit);
        }
        let flight = self.facet_flight(&key);
        let _computing = flight.lock().unwrap_or_else(|p| p.into_inner());
        // Computed by the request this one waited for.
        if let Some(hit) = self.cache().get(seq, &key) {
            return Ok(hit);
        }
        let filtered: Vec<FacetName> = groups.iter().map(|(n, _)| *n).collect();
        // Names nobody filters by share one query under all filters; each filtered name is
        // counted under the others only, so its other values stay offered.
        let mut passes: Vec<(Vec<FacetName>, Option<FacetName>)> = vec![(
            FacetName::ALL
                .into_iter()
                .filter(|n| !filtered.contains(n))
                .collect(),
            None,
        )];
        passes.extend(filtered.iter().map(|n| (vec![*n], Some(*n))));
        let mut out = Vec::new();
        for (names, except) in passes {
            let list: Vec<String> = names.iter().map(|n| format!("'{}'", n.code())).collect();
            let mut params = vec![Value::Text(q.kind.code().into())];
            // With filters, the matching records are found first from the facet index and
            // their facets counted after; checking every facet row of the kind against the
            // filters one by one took seconds on a 100k base.
            let matching = filter_ids_sql(&groups, except, who, &mut params);
            let from = match &matching {
                Some(ids) => format!(
                    // CROSS JOIN keeps this order: SQLite would otherwise probe the (unindexed)
                    // id set once per facet row of the kind.
                    "WITH m(id) AS MATERIALIZED ({ids})
                     SELECT f.facet, f.value, count(DISTINCT f.record_id)
                     FROM m CROSS JOIN record_facets f INDEXED BY record_facets_by_record
                       ON f.record_id = m.id"
                ),
                None => "SELECT f.facet, f.value, count(DISTINCT f.record_id)
                     FROM record_facets f"
                    .to_string(),
            };
            // The gate's columns are all in `records_gate`: looking each facet row's record up
            // there instead of in the table (whose rows hold the JSON) took the count of a 100k
            // base from 3.3 s to 0.5 s.
            let mut sql = format!(
                "{from} JOIN records r INDEXED BY records_gate ON r.id = f.record_id
                 WHERE f.kind = ?1 AND f.facet IN ({})",
                list.join(",")
            );
            via_gate_sql(who, "f", &mut sql, &mut params);
            gate_sql(who, "r", &mut sql, &mut params);
            exclude_sql(q, "f.record_id", &mut sql, &mut params);
            sql.push_str(" GROUP BY f.facet, f.value");
            let mut stmt = tx.prepare_cached(&sql)?;
            let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, i64>(2)?,
                ))
            })?;
            for row in rows {
                let (name, value, count) = row?;
                if let Some(name) = FacetName::from_code(&name) {
                    out.push(FacetCount {
                        name,
                        value,
                        count: u64::try_from(count).unwrap_or(0),
                    });
                }
            }
        }
        out.sort_by(|a, b| {
            (a.name, std::cmp::Reverse(a.count), &a.value).cmp(&(
                b.name,
                std::cmp::Reverse(b.count),
                &b.value,
            ))
        });
        tx.finish()?;
        self.cache().put(seq, key.clone(), out.clone());
        // Later requests find the counts in the cache; those already waiting, under this lock.
        self.facet_landed(&key);
        Ok(out)
    }

    pub(crate) fn read_relations(&self, id: RecordId) -> Result<Vec<Relation>, StoreError> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(
            "SELECT id, from_id, to_id, rtype, source_id, date_text, note FROM relations
             WHERE from_id = ?1 UNION ALL
             SELECT id, from_id, to_id, rtype, source_id, date_text, note FROM relations
             WHERE to_id = ?1 AND from_id <> ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([id.0], |row| super::related::relation_from_row(row, 0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub(crate) fn read_consents(&self, id: RecordId) -> Result<Vec<Consent>, StoreError> {
        let conn = self.reader()?;
        let mut consents = consents_covering(&conn, id)?;
        for c in &mut consents {
            c.covers = consent_covers(&conn, c.id.0)?;
        }
        Ok(consents)
    }

    pub(crate) fn read_consent(&self, id: i64) -> Result<Option<Consent>, StoreError> {
        let conn = self.reader()?;
        let data: Option<String> = conn
            .prepare_cached("SELECT data FROM consents WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        Ok(match data {
            Some(d) => {
                let mut consent: Consent = serde_json::from_str(&d)?;
                consent.covers = consent_covers(&conn, id)?;
                Some(consent)
            }
            None => None,
        })
    }

    pub(crate) fn read_media_users(&self, sha256: &str) -> Result<Vec<RecordId>, StoreError> {
        let conn = self.reader()?;
        let mut stmt =
            conn.prepare_cached("SELECT record_id FROM record_media WHERE sha256 = ?1")?;
        let ids = stmt
            .query_map([sha256], |r| r.get(0).map(RecordId))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ids)
    }

    pub(crate) fn read_history(&self, subject: Subject) -> Result<Vec<Revision>, StoreError> {
        let conn = self.reader()?;
        let (ty, id) = subject_key(subject);
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT v.id, v.actor_user, v.actor, v.at, v.action, v.before, {REVISION_AFTER},
                     v.note
                 FROM revisions v WHERE v.subject_type = ?1 AND v.subject_id = ?2 ORDER BY v.id"
        ))?;
        let rows = stmt.query_map(params![ty, id], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, Option<i64>>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, String>(4)?,
                row.get::<_, Option<String>>(5)?,
                row.get::<_, Option<String>>(6)?,
                row.get::<_, Option<String>>(7)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, user, label, at, action, before, after, note) = row?;
            out.push(Revision {
                id,
                subject,
                actor: Actor {
                    user_id: user.map(UserId),
                    label,
                },
                at: parse_ts(&at)?,
                action,
                before: before.map(|b| serde_json::from_str(&b)).transpose()?,
                after: after.map(|a| serde_json::from_str(&a)).transpose()?,
                note,
            });
        }
        Ok(out)
    }

    pub(crate) fn read_changes(
        &self,
        seq: i64,
        limit: u32,
    ) -> Result<Vec<ChangeEvent>, StoreError> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(
            "SELECT seq, subject_type, subject_id, action, at FROM changes
             WHERE seq > ?1 ORDER BY seq LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![seq, limit], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, i64>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, String>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, ty, id, action, at) = row?;
            out.push(ChangeEvent {
                seq,
                subject: subject_from_key(&ty, id),
                action,
                at: parse_ts(&at)?,
            });
        }
        Ok(out)
    }

    pub(crate) fn read_change_seq(&self) -> Result<i64, StoreError> {
        Ok(self
            .reader()?
            .prepare_cached("SELECT coalesce(max(seq), 0) FROM changes")?
            .query_row([], |r| r.get(0))?)
    }

    pub(crate) fn read_totals(&self) -> Result<Totals, StoreError> {
        let conn = self.reader()?;
        let count = |table: &str| -> Result<u64, StoreError> {
            let n: i64 =
                conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            Ok(u64::try_from(n).unwrap_or(0))
        };
        Ok(Totals {
            records: count("records")?,
            relations: count("relations")?,
            consents: count("consents")?,
            revisions: count("revisions")?,
        })
    }
}
