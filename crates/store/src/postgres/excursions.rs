//! School excursions to the exhibition hall (`sqlite/excursions.rs` in PostgreSQL's dialect);
//! the `Accounts` implementation calls these.

use super::PgStore;
use super::accounts::parse_at;
use super::value::{Sql, params};
use crate::StoreError;
use crate::accounts::{Excursion, ExcursionCounts, ExcursionStatus, NewExcursion, quarter_of_day};
use jiff::Timestamp;
use jiff::civil::Date;

fn date(text: &str) -> Date {
    text.parse().unwrap_or(Date::MIN)
}

fn not_found(id: i64) -> StoreError {
    StoreError::NotFound {
        what: format!("заявка на экскурсию № {id}"),
    }
}

impl PgStore {
    pub(super) fn insert_excursion(
        &self,
        new: &NewExcursion,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        self.conn()?.one(
            "INSERT INTO excursions (school, class_name, pupils, wanted_on, teacher, contact,
                 note, requested_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            &params![
                new.school.as_str(),
                new.class_name.as_str(),
                new.pupils,
                new.wanted_on.to_string(),
                new.teacher.as_str(),
                new.contact.as_str(),
                new.note.as_str(),
                at.to_string()
            ],
        )
    }

    pub(super) fn all_excursions(&self) -> Result<Vec<Excursion>, StoreError> {
        let rows = self.conn()?.rows(
            "SELECT e.id, school, class_name, pupils, wanted_on, teacher, contact, note, status,
                    visit_on, decided_by, requested_at, erased_at IS NOT NULL, p.tour, p.lesson
               FROM excursions e LEFT JOIN excursion_plans p ON p.excursion = e.id
              ORDER BY e.id DESC",
            &[],
        )?;
        rows.iter()
            .map(|r| {
                let pupils: i64 = r.try_get(3)?;
                let status: String = r.try_get(8)?;
                Ok(Excursion {
                    id: r.try_get(0)?,
                    school: r.try_get(1)?,
                    class_name: r.try_get(2)?,
                    pupils: u32::try_from(pupils).unwrap_or(0),
                    wanted_on: date(r.try_get(4)?),
                    teacher: r.try_get(5)?,
                    contact: r.try_get(6)?,
                    note: r.try_get(7)?,
                    status: ExcursionStatus::from_code(&status)
                        .unwrap_or(ExcursionStatus::Requested),
                    visit_on: r.try_get::<_, Option<&str>>(9)?.map(date),
                    decided_by: r.try_get(10)?,
                    requested_at: parse_at(r.try_get(11)?),
                    erased: r.try_get(12)?,
                    tour: r.try_get(13)?,
                    lesson: r.try_get(14)?,
                })
            })
            .collect()
    }

    pub(super) fn set_excursion(
        &self,
        id: i64,
        status: ExcursionStatus,
        visit_on: Option<Date>,
        by: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let changed = self.conn()?.run(
            "UPDATE excursions SET status = $2, visit_on = $3, decided_by = $4, decided_at = $5
              WHERE id = $1",
            &params![
                id,
                status.code(),
                visit_on.map(|d| d.to_string()),
                by,
                at.to_string()
            ],
        )?;
        if changed == 0 {
            return Err(not_found(id));
        }
        Ok(())
    }

    pub(super) fn set_excursion_plan(
        &self,
        id: i64,
        tour: Option<i64>,
        lesson: Option<i64>,
    ) -> Result<(), StoreError> {
        let mut conn = self.conn()?;
        let exists: bool = conn.one(
            "SELECT EXISTS (SELECT 1 FROM excursions WHERE id = $1)",
            &params![id],
        )?;
        if !exists {
            return Err(not_found(id));
        }
        conn.run(
            "INSERT INTO excursion_plans (excursion, tour, lesson) VALUES ($1, $2, $3)
             ON CONFLICT (excursion) DO UPDATE SET tour = excluded.tour, lesson = excluded.lesson",
            &params![id, tour, lesson],
        )?;
        Ok(())
    }

    pub(super) fn erase_excursions_before(
        &self,
        before: Date,
        at: Timestamp,
    ) -> Result<u64, StoreError> {
        self.conn()?.run(
            "UPDATE excursions SET teacher = '', contact = '', note = '', erased_at = $2
              WHERE erased_at IS NULL AND coalesce(visit_on, wanted_on) < $1",
            &params![before.to_string(), at.to_string()],
        )
    }

    pub(super) fn count_excursions(&self) -> Result<Vec<ExcursionCounts>, StoreError> {
        let rows = self.conn()?.rows(
            "SELECT visit_on, pupils FROM excursions
             WHERE status = 'confirmed' AND visit_on IS NOT NULL",
            &[],
        )?;
        let mut by_quarter: std::collections::BTreeMap<String, ExcursionCounts> =
            std::collections::BTreeMap::new();
        for r in rows {
            let visit: &str = r.try_get(0)?;
            let pupils: i64 = r.try_get(1)?;
            let quarter = quarter_of_day(date(visit));
            let counts = by_quarter
                .entry(quarter.clone())
                .or_insert(ExcursionCounts {
                    quarter,
                    ..ExcursionCounts::default()
                });
            counts.visits += 1;
            counts.pupils += u64::try_from(pupils).unwrap_or(0);
        }
        Ok(by_quarter.into_values().collect())
    }
}
