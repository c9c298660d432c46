//! The media plan in SQLite (`0017_media_plan.sql`); the `Accounts` implementation calls these.

use super::SqliteStore;
use super::accounts::parse_at;
use crate::StoreError;
use crate::media_plan::StoredPublication;
use jiff::Timestamp;
use jiff::civil::Date;
use letopis_core::UserId;
use letopis_core::media_plan::Publication;
use rusqlite::{OptionalExtension, Row, params};

const COLUMNS: &str = "id, body, created_by, updated_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<(StoredPublication, String)> {
    Ok((
        StoredPublication {
            id: r.get(0)?,
            publication: Publication::default(),
            created_by: r.get::<_, Option<i64>>(2)?.map(UserId),
            updated_at: parse_at(&r.get::<_, String>(3)?),
        },
        r.get(1)?,
    ))
}

fn with_body(
    (mut stored, body): (StoredPublication, String),
) -> Result<StoredPublication, StoreError> {
    stored.publication = serde_json::from_str(&body)?;
    Ok(stored)
}

/// The columns the plan selects on, from the publication (validated: it has a day).
fn day_and_status(p: &Publication) -> Result<(String, &'static str), StoreError> {
    p.validate()?;
    let day = p.date.map(|d| d.to_string()).unwrap_or_default();
    Ok((day, p.status.code()))
}

impl SqliteStore {
    pub(super) fn insert_publication(
        &self,
        by: UserId,
        p: &Publication,
        at: Timestamp,
    ) -> Result<StoredPublication, StoreError> {
        let (day, status) = day_and_status(p)?;
        let id = {
            let conn = self.writer();
            conn.execute(
                "INSERT INTO media_plan (day, status, body, created_by, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![day, status, serde_json::to_string(p)?, by.0, at.to_string()],
            )?;
            conn.last_insert_rowid()
        };
        self.publication_by_id(id)?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("публикация № {id}"),
            })
    }

    pub(super) fn publication_by_id(
        &self,
        id: i64,
    ) -> Result<Option<StoredPublication>, StoreError> {
        let conn = self.reader()?;
        conn.query_row(
            &format!("SELECT {COLUMNS} FROM media_plan WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?
        .map(with_body)
        .transpose()
    }

    pub(super) fn update_publication(
        &self,
        id: i64,
        p: &Publication,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let (day, status) = day_and_status(p)?;
        let changed = self.writer().execute(
            "UPDATE media_plan SET day = ?2, status = ?3, body = ?4, updated_at = ?5 WHERE id = ?1",
            params![id, day, status, serde_json::to_string(p)?, at.to_string()],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound {
                what: format!("публикация № {id}"),
            });
        }
        Ok(())
    }

    pub(super) fn publications_from_to(
        &self,
        from: Date,
        to: Date,
    ) -> Result<Vec<StoredPublication>, StoreError> {
        let conn = self.reader()?;
        let mut statement = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM media_plan WHERE day BETWEEN ?1 AND ?2 ORDER BY day, id"
        ))?;
        let rows = statement
            .query_map(params![from.to_string(), to.to_string()], from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter().map(with_body).collect()
    }

    pub(super) fn remove_publication(&self, id: i64) -> Result<(), StoreError> {
        self.writer()
            .execute("DELETE FROM media_plan WHERE id = ?1", [id])?;
        Ok(())
    }
}
