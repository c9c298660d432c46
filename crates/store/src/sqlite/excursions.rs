//! School excursions to the exhibition hall in SQLite (`0015_excursions.sql`); the `Accounts`
//! implementation calls these.

use super::SqliteStore;
use super::accounts::parse_at;
use crate::StoreError;
use crate::accounts::{Excursion, ExcursionCounts, ExcursionStatus, NewExcursion, quarter_of_day};
use jiff::Timestamp;
use jiff::civil::Date;
use rusqlite::params;

fn date(text: &str) -> Date {
    text.parse().unwrap_or(Date::MIN)
}

impl SqliteStore {
    pub(super) fn insert_excursion(
        &self,
        new: &NewExcursion,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        let conn = self.writer();
        conn.execute(
            "INSERT INTO excursions (school, class_name, pupils, wanted_on, teacher, contact, note, requested_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                new.school,
                new.class_name,
                new.pupils,
                new.wanted_on.to_string(),
                new.teacher,
                new.contact,
                new.note,
                at.to_string()
            ],
        )?;
        Ok(conn.last_insert_rowid())
    }

    pub(super) fn all_excursions(&self) -> Result<Vec<Excursion>, StoreError> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(
            "SELECT e.id, school, class_name, pupils, wanted_on, teacher, contact, note, status,
                    visit_on, decided_by, requested_at, erased_at IS NOT NULL, p.tour, p.lesson
               FROM excursions e LEFT JOIN excursion_plans p ON p.excursion = e.id
              ORDER BY e.id DESC",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(Excursion {
                    id: r.get(0)?,
                    school: r.get(1)?,
                    class_name: r.get(2)?,
                    pupils: r.get(3)?,
                    wanted_on: date(&r.get::<_, String>(4)?),
                    teacher: r.get(5)?,
                    contact: r.get(6)?,
                    note: r.get(7)?,
                    status: ExcursionStatus::from_code(&r.get::<_, String>(8)?)
                        .unwrap_or(ExcursionStatus::Requested),
                    visit_on: r.get::<_, Option<String>>(9)?.map(|d| date(&d)),
                    decided_by: r.get(10)?,
                    requested_at: parse_at(&r.get::<_, String>(11)?),
                    erased: r.get(12)?,
                    tour: r.get(13)?,
                    lesson: r.get(14)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    pub(super) fn set_excursion(
        &self,
        id: i64,
        status: ExcursionStatus,
        visit_on: Option<Date>,
        by: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let conn = self.writer();
        let changed = conn.execute(
            "UPDATE excursions SET status = ?2, visit_on = ?3, decided_by = ?4, decided_at = ?5
              WHERE id = ?1",
            params![
                id,
                status.code(),
                visit_on.map(|d| d.to_string()),
                by,
                at.to_string()
            ],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound {
                what: format!("заявка на экскурсию № {id}"),
            });
        }
        Ok(())
    }

    pub(super) fn set_excursion_plan(
        &self,
        id: i64,
        tour: Option<i64>,
        lesson: Option<i64>,
    ) -> Result<(), StoreError> {
        let conn = self.writer();
        let exists: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM excursions WHERE id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(StoreError::NotFound {
                what: format!("заявка на экскурсию № {id}"),
            });
        }
        conn.execute(
            "INSERT INTO excursion_plans (excursion, tour, lesson) VALUES (?1, ?2, ?3)
             ON CONFLICT (excursion) DO UPDATE SET tour = excluded.tour, lesson = excluded.lesson",
            params![id, tour, lesson],
        )?;
        Ok(())
    }

    pub(super) fn erase_excursions_before(
        &self,
        before: Date,
        at: Timestamp,
    ) -> Result<u64, StoreError> {
        let conn = self.writer();
        let erased = conn.execute(
            "UPDATE excursions SET teacher = '', contact = '', note = '', erased_at = ?2
              WHERE erased_at IS NULL AND coalesce(visit_on, wanted_on) < ?1",
            params![before.to_string(), at.to_string()],
        )?;
        Ok(erased as u64)
    }

    pub(super) fn count_excursions(&self) -> Result<Vec<ExcursionCounts>, StoreError> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(
            "SELECT visit_on, pupils FROM excursions WHERE status = 'confirmed' AND visit_on IS NOT NULL",
        )?;
        let mut by_quarter: std::collections::BTreeMap<String, ExcursionCounts> =
            std::collections::BTreeMap::new();
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))?;
        for row in rows {
            let (visit, pupils) = row?;
            let quarter = quarter_of_day(date(&visit));
            let counts = by_quarter
                .entry(quarter.clone())
                .or_insert(ExcursionCounts {
                    quarter,
                    ..ExcursionCounts::default()
                });
            counts.visits += 1;
            counts.pupils += u64::from(pupils);
        }
        Ok(by_quarter.into_values().collect())
    }
}
