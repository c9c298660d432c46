//! The media plan (`sqlite/media_plan.rs` in PostgreSQL's dialect); the `Accounts`
//! implementation calls these.

use super::PgStore;
use super::accounts::{parse_at, user_at};
use super::value::{Sql, params};
use crate::StoreError;
use crate::media_plan::StoredPublication;
use jiff::Timestamp;
use jiff::civil::Date;
use letopis_core::UserId;
use letopis_core::media_plan::Publication;
use postgres::Row;

const COLUMNS: &str = "id, body, created_by, updated_at";

fn from_row(r: &Row) -> Result<StoredPublication, StoreError> {
    Ok(StoredPublication {
        id: r.try_get(0)?,
        publication: serde_json::from_str(r.try_get(1)?)?,
        created_by: user_at(r, 2)?,
        updated_at: parse_at(r.try_get(3)?),
    })
}

/// The columns the plan is ordered and filtered by.
fn day_and_status(p: &Publication) -> Result<(String, &'static str), StoreError> {
    p.validate()?;
    let day = p.date.map(|d| d.to_string()).unwrap_or_default();
    Ok((day, p.status.code()))
}

impl PgStore {
    pub(super) fn insert_publication(
        &self,
        by: UserId,
        p: &Publication,
        at: Timestamp,
    ) -> Result<StoredPublication, StoreError> {
        let (day, status) = day_and_status(p)?;
        let id: i64 = self.conn()?.one(
            "INSERT INTO media_plan (day, status, body, created_by, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
            &params![day, status, serde_json::to_string(p)?, by, at.to_string()],
        )?;
        self.publication_by_id(id)?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("публикация № {id}"),
            })
    }

    pub(super) fn publication_by_id(
        &self,
        id: i64,
    ) -> Result<Option<StoredPublication>, StoreError> {
        self.conn()?
            .row(
                &format!("SELECT {COLUMNS} FROM media_plan WHERE id = $1"),
                &params![id],
            )?
            .map(|r| from_row(&r))
            .transpose()
    }

    pub(super) fn update_publication(
        &self,
        id: i64,
        p: &Publication,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let (day, status) = day_and_status(p)?;
        let changed = self.conn()?.run(
            "UPDATE media_plan SET day = $2, status = $3, body = $4, updated_at = $5 WHERE id = $1",
            &params![id, day, status, serde_json::to_string(p)?, at.to_string()],
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
        self.conn()?
            .rows(
                &format!(
                    "SELECT {COLUMNS} FROM media_plan WHERE day BETWEEN $1 AND $2 ORDER BY day, id"
                ),
                &params![from.to_string(), to.to_string()],
            )?
            .iter()
            .map(from_row)
            .collect()
    }
}
