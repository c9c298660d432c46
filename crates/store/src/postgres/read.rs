//! Reads. Lists and counts are filtered by the access gate's plain-data form (`ViewerFilter`),
//! in the same SQL as the SQLite engine's, in PostgreSQL's dialect.

use super::PgStore;
use super::value::{Sql, Value, params};
use crate::columns::{
    RECORD_COLUMNS, REVISION_AFTER, parse_ts, stored_record, subject_from_key, subject_key,
};
use crate::{FacetCount, ListQuery, Order, Page, StoreError, StoredRecord, Totals};
use letopis_core::access::ViewerFilter;
use letopis_core::consent::Consent;
use letopis_core::facet::FacetName;
use letopis_core::history::{Actor, ChangeEvent, Revision, Subject};
use letopis_core::record::RecordId;
use letopis_core::relation::Relation;
use letopis_core::{Kind, UserId};
use postgres::{GenericClient, Row};

/// A record from the columns [`RECORD_COLUMNS`] names, starting at the row's column `at`.
pub(crate) fn record_from_row(row: &Row, at: usize) -> Result<StoredRecord, StoreError> {
    let open_from: Option<i64> = row.try_get(at + 1)?;
    let age: i64 = row.try_get(at + 2)?;
    Ok(stored_record(
        row.try_get(at)?,
        open_from.and_then(|d| i32::try_from(d).ok()),
        u8::try_from(age).unwrap_or(u8::MAX),
        row.try_get(at + 3)?,
        row.try_get(at + 4)?,
        row.try_get(at + 5)?,
        row.try_get(at + 6)?,
    )?)
}

pub(crate) fn get_record(
    c: &mut impl GenericClient,
    id: RecordId,
) -> Result<Option<StoredRecord>, StoreError> {
    let sql = format!("SELECT {RECORD_COLUMNS} FROM records r WHERE r.id = $1");
    c.row(&sql, &params![id.0])?
        .map(|row| record_from_row(&row, 0))
        .transpose()
}

/// The records by id, in the order asked (missing ones left out).
pub(crate) fn get_records(
    c: &mut impl GenericClient,
    ids: &[RecordId],
) -> Result<Vec<StoredRecord>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!("SELECT r.id, {RECORD_COLUMNS} FROM records r WHERE r.id = ANY($1)");
    let wanted: Vec<i64> = ids.iter().map(|id| id.0).collect();
    let mut found = std::collections::HashMap::new();
    for row in c.query(&sql, &[&wanted])? {
        let id: i64 = row.try_get(0)?;
        found.insert(id, record_from_row(&row, 1)?);
    }
    Ok(ids
        .iter()
        .filter_map(|id| found.get(&id.0).cloned())
        .collect())
}

/// The consents covering a record, without their `covers` lists (see [`consent_covers`]).
pub(crate) fn consents_covering(
    c: &mut impl GenericClient,
    id: RecordId,
) -> Result<Vec<Consent>, StoreError> {
    let rows: Vec<String> = c.column(
        "SELECT c.data FROM consents c JOIN consent_covers cc ON cc.consent_id = c.id
         WHERE cc.record_id = $1 ORDER BY c.id",
        &params![id.0],
    )?;
    rows.iter()
        .map(|data| Ok(serde_json::from_str(data)?))
        .collect()
}

/// The records a consent covers, kept only in `consent_covers` (as in SQLite: one decision may
/// cover a hundred thousand records).
pub(crate) fn consent_covers(
    c: &mut impl GenericClient,
    consent: i64,
) -> Result<Vec<RecordId>, StoreError> {
    let ids: Vec<i64> = c.column(
        "SELECT record_id FROM consent_covers WHERE consent_id = $1 ORDER BY record_id",
        &params![consent],
    )?;
    Ok(ids.into_iter().map(RecordId).collect())
}

/// Appends the gate's `WHERE` conditions for `who` on the records table aliased `t`, and pushes
/// their parameters ([`crate::gate_sql::gate`], the one text of both engines).
pub(crate) fn gate_sql(who: &ViewerFilter, t: &str, sql: &mut String, params: &mut Vec<Value>) {
    crate::gate_sql::gate(crate::gate_sql::POSTGRES, who, t, sql, params);
}

/// [`crate::gate_sql::via_gate`]: a facet derived from a place counts while the place passes too.
fn via_gate_sql(who: &ViewerFilter, f: &str, sql: &mut String, params: &mut Vec<Value>) {
    crate::gate_sql::via_gate(crate::gate_sql::POSTGRES, who, f, sql, params);
}

/// [`crate::gate_sql::filters`]: one `EXISTS` per filtered facet name, skipping `except`.
fn filters_sql(
    groups: &[(FacetName, Vec<String>)],
    except: Option<FacetName>,
    who: &ViewerFilter,
    sql: &mut String,
    params: &mut Vec<Value>,
) {
    crate::gate_sql::filters(crate::gate_sql::POSTGRES, groups, except, who, sql, params);
}

/// [`crate::gate_sql::exclude`]: the query's excluded facet values, on the record id column `id`.
fn exclude_sql(q: &ListQuery, id: &str, sql: &mut String, params: &mut Vec<Value>) {
    crate::gate_sql::exclude(crate::gate_sql::POSTGRES, &q.exclude, id, sql, params);
}

impl PgStore {
    pub(crate) fn read_get_many(&self, ids: &[RecordId]) -> Result<Vec<StoredRecord>, StoreError> {
        get_records(&mut *self.read_conn()?, ids)
    }

    pub(crate) fn read_find(
        &self,
        kind: Kind,
        column: &str,
        value: &str,
    ) -> Result<Option<StoredRecord>, StoreError> {
        let sql =
            format!("SELECT {RECORD_COLUMNS} FROM records r WHERE r.kind = $1 AND r.{column} = $2");
        self.read_conn()?
            .row(&sql, &params![kind.code(), value])?
            .map(|row| record_from_row(&row, 0))
            .transpose()
    }

    pub(crate) fn read_list(
        &self,
        q: &ListQuery,
        who: &ViewerFilter,
    ) -> Result<Page<StoredRecord>, StoreError> {
        let groups = q.filter_groups();
        let mut filter = String::from(" WHERE r.kind = $1");
        let mut params = vec![Value::Text(q.kind.code().into())];
        gate_sql(who, "r", &mut filter, &mut params);
        filters_sql(&groups, None, who, &mut filter, &mut params);
        exclude_sql(q, "r.id", &mut filter, &mut params);
        // The position first: a total counted after it is at least as new as it says.
        let seq = self.seen_seq()?;
        let key = format!("{:?}|{groups:?}|{:?}|{who:?}", q.kind, q.exclude);
        let cached = self.counts().total(seq, &key);
        let mut conn = self.read_conn()?;
        let mut tx = super::begin_read(&mut conn)?;
        let total = match cached {
            Some(total) => total,
            None => {
                let total: i64 =
                    tx.one(&format!("SELECT count(*) FROM records r{filter}"), &params)?;
                let total = u64::try_from(total).unwrap_or(0);
                self.counts().put_total(seq, key, total);
                total
            }
        };
        let order = match q.order {
            Order::Title => "r.sort_key, r.id",
            Order::Date => "(r.date_lo IS NULL), r.date_lo, r.sort_key, r.id",
            Order::Recent => "r.updated_at DESC, r.id DESC",
        };
        let limit = q.limit.min(1000);
        let sql = format!(
            "SELECT r.id FROM records r{filter} ORDER BY {order} LIMIT {limit} OFFSET {}",
            q.offset.min(i64::MAX as u64)
        );
        let ids: Vec<i64> = tx.column(&sql, &params)?;
        let ids: Vec<RecordId> = ids.into_iter().map(RecordId).collect();
        let items = get_records(&mut tx, &ids)?;
        tx.commit()?;
        Ok(Page { items, total })
    }

    pub(crate) fn read_facet_counts(
        &self,
        q: &ListQuery,
        who: &ViewerFilter,
    ) -> Result<Vec<FacetCount>, StoreError> {
        let groups = q.filter_groups();
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
        let seq = self.seen_seq()?;
        let key = format!("{:?}|{groups:?}|{:?}|{who:?}", q.kind, q.exclude);
        if let Some(hit) = self.counts().get(seq, &key) {
            return Ok(hit);
        }
        let flight = self.flights.join(&key);
        let _computing = flight.lock().unwrap_or_else(|p| p.into_inner());
        // Computed meanwhile by the request this one waited for.
        if let Some(hit) = self.counts().get(seq, &key) {
            return Ok(hit);
        }
        let mut conn = self.read_conn()?;
        let mut tx = super::begin_read(&mut conn)?;
        let mut out = Vec::new();
        for (names, except) in passes {
            let list: Vec<String> = names.iter().map(|n| format!("'{}'", n.code())).collect();
            let mut params = vec![Value::Text(q.kind.code().into())];
            let mut sql = format!(
                "SELECT f.facet, f.value, count(DISTINCT f.record_id)
                 FROM record_facets f JOIN records r ON r.id = f.record_id
                 WHERE f.kind = $1 AND f.facet IN ({})",
                list.join(",")
            );
            via_gate_sql(who, "f", &mut sql, &mut params);
            gate_sql(who, "r", &mut sql, &mut params);
            filters_sql(&groups, except, who, &mut sql, &mut params);
            exclude_sql(q, "f.record_id", &mut sql, &mut params);
            sql.push_str(" GROUP BY f.facet, f.value");
            for row in tx.rows(&sql, &params)? {
                let name: String = row.try_get(0)?;
                let count: i64 = row.try_get(2)?;
                if let Some(name) = FacetName::from_code(&name) {
                    out.push(FacetCount {
                        name,
                        value: row.try_get(1)?,
                        count: u64::try_from(count).unwrap_or(0),
                    });
                }
            }
        }
        tx.commit()?;
        out.sort_by(|a, b| {
            (a.name, std::cmp::Reverse(a.count), &a.value).cmp(&(
                b.name,
                std::cmp::Reverse(b.count),
                &b.value,
            ))
        });
        self.counts().put(seq, key.clone(), out.clone());
        // Later requests find the counts in the cache; those already waiting, under this lock.
        self.flights.landed(&key);
        Ok(out)
    }

    pub(crate) fn read_relations(&self, id: RecordId) -> Result<Vec<Relation>, StoreError> {
        let rows = self.read_conn()?.rows(
            "SELECT id, from_id, to_id, rtype, source_id, date_text, note FROM relations
             WHERE from_id = $1 UNION ALL
             SELECT id, from_id, to_id, rtype, source_id, date_text, note FROM relations
             WHERE to_id = $1 AND from_id <> $1 ORDER BY id",
            &params![id.0],
        )?;
        rows.iter()
            .map(|row| super::related::relation_from_row(row, 0))
            .collect()
    }

    pub(crate) fn read_consents(&self, id: RecordId) -> Result<Vec<Consent>, StoreError> {
        let mut conn = self.read_conn()?;
        let mut consents = consents_covering(&mut *conn, id)?;
        for c in &mut consents {
            c.covers = consent_covers(&mut *conn, c.id.0)?;
        }
        Ok(consents)
    }

    pub(crate) fn read_consent(&self, id: i64) -> Result<Option<Consent>, StoreError> {
        let mut conn = self.read_conn()?;
        let Some(row) = conn.row("SELECT data FROM consents WHERE id = $1", &params![id])? else {
            return Ok(None);
        };
        let data: String = row.try_get(0)?;
        let mut consent: Consent = serde_json::from_str(&data)?;
        consent.covers = consent_covers(&mut *conn, id)?;
        Ok(Some(consent))
    }

    pub(crate) fn read_media_users(&self, sha256: &str) -> Result<Vec<RecordId>, StoreError> {
        let ids: Vec<i64> = self.read_conn()?.column(
            "SELECT record_id FROM record_media WHERE sha256 = $1 ORDER BY record_id",
            &params![sha256],
        )?;
        Ok(ids.into_iter().map(RecordId).collect())
    }

    pub(crate) fn read_history(&self, subject: Subject) -> Result<Vec<Revision>, StoreError> {
        let (ty, id) = subject_key(subject);
        let rows = self.read_conn()?.rows(
            &format!(
                "SELECT v.id, v.actor_user, v.actor, v.at, v.action, v.before, {REVISION_AFTER},
                     v.note
                 FROM revisions v WHERE v.subject_type = $1 AND v.subject_id = $2
                 ORDER BY v.id"
            ),
            &params![ty, id],
        )?;
        let json = |text: Option<String>| -> Result<Option<serde_json::Value>, StoreError> {
            Ok(text.map(|t| serde_json::from_str(&t)).transpose()?)
        };
        rows.iter()
            .map(|row| {
                let at: String = row.try_get(3)?;
                Ok(Revision {
                    id: row.try_get(0)?,
                    subject,
                    actor: Actor {
                        user_id: row.try_get::<_, Option<i64>>(1)?.map(UserId),
                        label: row.try_get(2)?,
                    },
                    at: parse_ts(&at)?,
                    action: row.try_get(4)?,
                    before: json(row.try_get(5)?)?,
                    after: json(row.try_get(6)?)?,
                    note: row.try_get(7)?,
                })
            })
            .collect()
    }

    pub(crate) fn read_changes(
        &self,
        seq: i64,
        limit: u32,
    ) -> Result<Vec<ChangeEvent>, StoreError> {
        let rows = self.read_conn()?.rows(
            "SELECT seq, subject_type, subject_id, action, at FROM changes
             WHERE seq > $1 ORDER BY seq LIMIT $2",
            &params![seq, limit],
        )?;
        rows.iter()
            .map(|row| {
                let ty: String = row.try_get(1)?;
                let at: String = row.try_get(4)?;
                Ok(ChangeEvent {
                    seq: row.try_get(0)?,
                    subject: subject_from_key(&ty, row.try_get(2)?),
                    action: row.try_get(3)?,
                    at: parse_ts(&at)?,
                })
            })
            .collect()
    }

    pub(crate) fn read_change_seq(&self) -> Result<i64, StoreError> {
        self.conn()?
            .one("SELECT coalesce(max(seq), 0) FROM changes", &[])
    }

    pub(crate) fn read_totals(&self) -> Result<Totals, StoreError> {
        let row = self
            .conn()?
            .row(
                "SELECT (SELECT count(*) FROM records), (SELECT count(*) FROM relations),
                        (SELECT count(*) FROM consents), (SELECT count(*) FROM revisions)",
                &[],
            )?
            .ok_or_else(|| StoreError::Backend("no totals".into()))?;
        let n = |i: usize| -> Result<u64, StoreError> {
            Ok(u64::try_from(row.try_get::<_, i64>(i)?).unwrap_or(0))
        };
        Ok(Totals {
            records: n(0)?,
            relations: n(1)?,
            consents: n(2)?,
            revisions: n(3)?,
        })
    }
}
