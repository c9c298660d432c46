//! Venues and their log in SQLite (`0019_venues.sql`); the `Accounts` implementation calls these.

use super::SqliteStore;
use super::accounts::{or_missing, parse_at};
use crate::StoreError;
use crate::accounts::quarter_of_day;
use crate::venues::{StoredVenue, StoredVenueActivity, VenueQuarter};
use jiff::Timestamp;
use jiff::civil::Date;
use letopis_core::district::{Venue, VenueActivity, VenueKind};
use rusqlite::{OptionalExtension, Row, params};
use std::collections::BTreeMap;

const VENUE_COLUMNS: &str =
    "id, name, kind, district, address, responsible, contact, updated_at FROM venues";

fn venue_from_row(r: &Row<'_>) -> rusqlite::Result<StoredVenue> {
    Ok(StoredVenue {
        id: r.get(0)?,
        venue: Venue {
            name: r.get(1)?,
            kind: VenueKind::from_code(&r.get::<_, String>(2)?).unwrap_or_default(),
            district: r.get(3)?,
            address: r.get(4)?,
            responsible: r.get(5)?,
            contact: r.get(6)?,
        },
        updated_at: parse_at(&r.get::<_, String>(7)?),
    })
}

/// The venue with every text trimmed: a district typed with a trailing space is the same one.
fn tidy(venue: &Venue) -> Venue {
    Venue {
        name: venue.name.trim().into(),
        kind: venue.kind,
        district: venue.district.trim().into(),
        address: venue.address.trim().into(),
        responsible: venue.responsible.trim().into(),
        contact: venue.contact.trim().into(),
    }
}

fn one_venue(changed: usize, id: i64) -> Result<(), StoreError> {
    if changed == 0 {
        return Err(StoreError::not_found(format!("площадка № {id}")));
    }
    Ok(())
}

impl SqliteStore {
    pub(super) fn insert_venue(&self, venue: &Venue, at: Timestamp) -> Result<i64, StoreError> {
        let v = tidy(venue);
        v.validate()?;
        let conn = self.writer();
        conn.execute(
            "INSERT INTO venues (name, kind, district, address, responsible, contact,
                                 created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![
                v.name,
                v.kind.code(),
                v.district,
                v.address,
                v.responsible,
                v.contact,
                at.to_string()
            ],
        )?;
        Ok(conn.last_insert_rowid())
    }

    pub(super) fn venue_by_id(&self, id: i64) -> Result<Option<StoredVenue>, StoreError> {
        let conn = self.reader()?;
        Ok(conn
            .query_row(
                &format!("SELECT {VENUE_COLUMNS} WHERE id = ?1"),
                [id],
                venue_from_row,
            )
            .optional()?)
    }

    pub(super) fn all_venues(&self) -> Result<Vec<StoredVenue>, StoreError> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {VENUE_COLUMNS} ORDER BY district, name, id"
        ))?;
        let rows = stmt
            .query_map([], venue_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    pub(super) fn update_venue(
        &self,
        id: i64,
        venue: &Venue,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let v = tidy(venue);
        v.validate()?;
        let changed = self.writer().execute(
            "UPDATE venues SET name = ?2, kind = ?3, district = ?4, address = ?5,
                    responsible = ?6, contact = ?7, updated_at = ?8
              WHERE id = ?1",
            params![
                id,
                v.name,
                v.kind.code(),
                v.district,
                v.address,
                v.responsible,
                v.contact,
                at.to_string()
            ],
        )?;
        one_venue(changed, id)
    }

    pub(super) fn remove_venue(&self, id: i64) -> Result<(), StoreError> {
        let changed = self
            .writer()
            .execute("DELETE FROM venues WHERE id = ?1", [id])?;
        one_venue(changed, id)
    }

    pub(super) fn insert_venue_activity(
        &self,
        venue: i64,
        activity: &VenueActivity,
        author: &str,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        let day = at.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
        // The town is ahead of UTC: a talk logged just after local midnight is today's there.
        activity.validate(day.tomorrow().unwrap_or(day))?;
        let conn = self.writer();
        conn.execute(
            "INSERT INTO venue_activities (venue, on_day, what, people, author, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                venue,
                activity.on.to_string(),
                activity.what.trim(),
                activity.people,
                author,
                at.to_string()
            ],
        )
        .map_err(or_missing("площадка"))?;
        Ok(conn.last_insert_rowid())
    }

    pub(super) fn activities_of_venue(
        &self,
        venue: i64,
    ) -> Result<Vec<StoredVenueActivity>, StoreError> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(
            "SELECT id, venue, on_day, what, people, author, at FROM venue_activities
              WHERE venue = ?1 ORDER BY on_day DESC, id DESC",
        )?;
        let rows = stmt
            .query_map([venue], |r| {
                Ok(StoredVenueActivity {
                    id: r.get(0)?,
                    venue: r.get(1)?,
                    activity: VenueActivity {
                        on: r.get::<_, String>(2)?.parse().unwrap_or(Date::MIN),
                        what: r.get(3)?,
                        people: r.get(4)?,
                    },
                    author: r.get(5)?,
                    at: parse_at(&r.get::<_, String>(6)?),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    pub(super) fn quarters_of_venues(&self) -> Result<Vec<VenueQuarter>, StoreError> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached("SELECT venue, on_day, people FROM venue_activities")?;
        let mut sums: BTreeMap<(i64, String), VenueQuarter> = BTreeMap::new();
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        for row in rows {
            let (venue, day, people) = row?;
            let Ok(day) = day.parse::<Date>() else {
                continue;
            };
            let quarter = quarter_of_day(day);
            let sum = sums
                .entry((venue, quarter.clone()))
                .or_insert_with(|| VenueQuarter {
                    venue,
                    quarter,
                    ..VenueQuarter::default()
                });
            sum.activities += 1;
            sum.people += u64::try_from(people).unwrap_or(0);
        }
        Ok(sums.into_values().collect())
    }
}
