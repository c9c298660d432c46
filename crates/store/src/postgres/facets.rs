//! Keeping `record_facets` in step with records and relations, as the SQLite engine does (see
//! `sqlite/facets.rs` for the rules): a record's own facets (`via = 0`) with the record, those
//! derived from related places (`via = <place id>`) whenever its ties or those places change.

use super::value::{Sql, params};
use crate::StoreError;
use letopis_core::facet::FacetName;
use letopis_core::record::{Record, RecordId};
use letopis_core::{Body, Kind};
use postgres::GenericClient;

/// Writes a record's own facets, counted from `shown` (what the public sees of its body);
/// `fresh` records have none stored yet.
pub(crate) fn write_own(
    c: &mut impl GenericClient,
    record: &Record,
    shown: &Body,
    fresh: bool,
) -> Result<(), StoreError> {
    let id = record.id().0;
    if !fresh {
        c.run(
            "DELETE FROM record_facets WHERE record_id = $1 AND via = 0",
            &params![id],
        )?;
    }
    let facets = Record::facets_of(&record.meta, shown);
    if facets.is_empty() {
        return Ok(());
    }
    // One statement for all of them: each statement is a round trip to the server.
    let names: Vec<&str> = facets.iter().map(|f| f.name.code()).collect();
    let values: Vec<&str> = facets.iter().map(|f| f.value.as_str()).collect();
    c.execute(
        "INSERT INTO record_facets (kind, facet, value, record_id, via)
         SELECT $1, f.name, f.value, $2, 0 FROM unnest($3::text[], $4::text[]) AS f (name, value)
         ON CONFLICT DO NOTHING",
        &[&record.kind().code(), &id, &names, &values],
    )?;
    Ok(())
}

/// Place and district values of every record matched by `which` (an SQL condition on `r`),
/// derived from its relations to Place records in either direction, except the ties its
/// public projection hides. Places themselves derive nothing.
fn derive_sql(which: &str) -> String {
    let place = Kind::Place.code();
    let (p, d) = (FacetName::Place.code(), FacetName::District.code());
    let near = |here: &str, there: &str| {
        format!(
            "SELECT r.kind AS kind, r.id AS rid, pl.id AS pid,
                    trim(coalesce(pl.body::json ->> 'district', '')) AS district
             FROM records r JOIN relations rel ON rel.{here} = r.id
             JOIN records pl ON pl.id = rel.{there}
             WHERE ({which}) AND r.kind <> '{place}' AND pl.kind = '{place}'
               AND NOT EXISTS (
                   SELECT 1 FROM json_array_elements_text(r.public_body::json -> 'hidden_ties') h
                   WHERE h = rel.rtype)"
        )
    };
    format!(
        "WITH near AS ({} UNION ALL {})
         INSERT INTO record_facets (kind, facet, value, record_id, via)
         SELECT kind, '{p}', CAST(pid AS TEXT), rid, pid FROM near
         UNION ALL
         SELECT kind, '{d}', district, rid, pid FROM near WHERE district <> ''
         ON CONFLICT DO NOTHING",
        near("from_id", "to_id"),
        near("to_id", "from_id"),
    )
}

/// Derives a record's place and district facets again from its current relations.
pub(crate) fn derive_from_places(
    c: &mut impl GenericClient,
    id: RecordId,
) -> Result<(), StoreError> {
    c.run(
        "DELETE FROM record_facets WHERE record_id = $1 AND via <> 0",
        &params![id.0],
    )?;
    c.run(&derive_sql("r.id = $1"), &params![id.0])?;
    Ok(())
}

/// After a place changed: everything related to it derives its facets again.
pub(crate) fn refresh_around_place(
    c: &mut impl GenericClient,
    place: RecordId,
) -> Result<(), StoreError> {
    let related: Vec<i64> = c.column(
        "SELECT to_id FROM relations WHERE from_id = $1
         UNION SELECT from_id FROM relations WHERE to_id = $1",
        &params![place.0],
    )?;
    for id in related {
        derive_from_places(c, RecordId(id))?;
    }
    Ok(())
}
