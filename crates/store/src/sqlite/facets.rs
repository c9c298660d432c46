//! Keeping `record_facets` in step with records and relations (migration 0002).
//!
//! A record's own facets (`via = 0`) are written with the record; facets derived from related
//! places (`via = <place id>`) are written whenever a relation of the record changes, and for all
//! records related to a place whenever that place changes (its district may have). Both happen
//! inside the caller's transaction.

use crate::StoreError;
use letopis_core::facet::FacetName;
use letopis_core::record::{Record, RecordId};
use letopis_core::{Body, Kind};
use rusqlite::{Connection, params};

/// The schema version after which every record's facets are as the code computes them: 2
/// introduced facets, 14 added a person's birth decade.
pub(crate) const RECOMPUTED: i64 = 14;

/// Writes the facets the record carries itself; `fresh` records have none stored yet.
/// Writes a record's own facets, counted from `shown` (what the public sees of its body).
pub(crate) fn write_own(
    conn: &Connection,
    record: &Record,
    shown: &Body,
    fresh: bool,
) -> Result<(), StoreError> {
    let id = record.id().0;
    if !fresh {
        conn.prepare_cached("DELETE FROM record_facets WHERE record_id = ?1 AND via = 0")?
            .execute([id])?;
    }
    let mut insert = conn.prepare_cached(
        "INSERT OR IGNORE INTO record_facets (kind, facet, value, record_id, via)
         VALUES (?1, ?2, ?3, ?4, 0)",
    )?;
    for f in Record::facets_of(&record.meta, shown) {
        insert.execute(params![record.kind().code(), f.name.code(), f.value, id])?;
    }
    Ok(())
}

/// Place and district values of every record matched by `which` (an SQL condition on `r`),
/// derived from its relations to Place records in either direction. Places themselves derive
/// nothing: their district is their own, and «part of» another place is not where they are.
fn derive_sql(which: &str) -> String {
    let place = Kind::Place.code();
    let (p, d) = (FacetName::Place.code(), FacetName::District.code());
    let near = |here: &str, there: &str| {
        format!(
            "SELECT r.kind AS kind, r.id AS rid, pl.id AS pid,
                    trim(coalesce(json_extract(pl.body, '$.district'), '')) AS district
             FROM records r JOIN relations rel ON rel.{here} = r.id
             JOIN records pl ON pl.id = rel.{there}
             WHERE ({which}) AND r.kind <> '{place}' AND pl.kind = '{place}'
               AND NOT EXISTS (SELECT 1 FROM json_each(r.public_body, '$.hidden_ties') h
                               WHERE h.value = rel.rtype)"
        )
    };
    format!(
        "WITH near AS ({} UNION ALL {})
         INSERT OR IGNORE INTO record_facets (kind, facet, value, record_id, via)
         SELECT kind, '{p}', CAST(pid AS TEXT), rid, pid FROM near
         UNION ALL
         SELECT kind, '{d}', district, rid, pid FROM near WHERE district <> ''",
        near("from_id", "to_id"),
        near("to_id", "from_id"),
    )
}

/// Derives a record's place and district facets again from its current relations.
pub(crate) fn derive_from_places(conn: &Connection, id: RecordId) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM record_facets WHERE record_id = ?1 AND via <> 0")?
        .execute([id.0])?;
    conn.prepare_cached(&derive_sql("r.id = ?1"))?
        .execute([id.0])?;
    Ok(())
}

/// After a place changed: everything related to it derives its facets again.
pub(crate) fn refresh_around_place(conn: &Connection, place: RecordId) -> Result<(), StoreError> {
    let related: Vec<i64> = conn
        .prepare_cached(
            "SELECT to_id FROM relations WHERE from_id = ?1
             UNION SELECT from_id FROM relations WHERE to_id = ?1",
        )?
        .query_map([place.0], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for id in related {
        derive_from_places(conn, RecordId(id))?;
    }
    Ok(())
}

/// Computes every record's facets from scratch: for a base created before migration 0002.
pub(crate) fn rebuild_all(conn: &mut Connection) -> Result<(), StoreError> {
    let tx = conn.transaction()?;
    tx.execute("DELETE FROM record_facets", [])?;
    {
        let mut rows = tx.prepare("SELECT meta, body FROM records")?;
        let mut rows = rows.query([])?;
        while let Some(row) = rows.next()? {
            let meta: String = row.get(0)?;
            let body: String = row.get(1)?;
            let record = Record {
                meta: serde_json::from_str(&meta)?,
                body: serde_json::from_str(&body)?,
            };
            write_own(&tx, &record, &record.body, true)?;
        }
    }
    tx.execute(&derive_sql("1"), [])?;
    tx.commit()?;
    tracing::info!("facets computed for the existing records");
    Ok(())
}
