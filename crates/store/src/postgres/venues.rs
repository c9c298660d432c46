//! Venues in the micro-districts and what each did (`sqlite/venues.rs` in PostgreSQL's
//! dialect); the `Accounts` implementation calls these.

use super::PgStore;
use super::accounts::{or_missing, parse_at};
use super::value::{Sql, params};
use crate::StoreError;
use crate::accounts::quarter_of_day;
use crate::venues::{StoredVenue, StoredVenueActivity, VenueQuarter};
use jiff::Timestamp;
use jiff::civil::Date;
use letopis_core::district::{Venue, VenueActivity, VenueKind};
use postgres::Row;
use std::collections::BTreeMap;

const VENUE_COLUMNS: &str =
    "id, name, kind, district, address, responsible, contact, updated_at FROM venues";

fn venue_from_row(r: &Row) -> Result<StoredVenue, StoreError> {
    Ok(StoredVenue {
        id: r.try_get(0)?,
        venue: Venue {
            name: r.try_get(1)?,
            kind: VenueKind::from_code(r.try_get(2)?).unwrap_or_default(),
            district: r.try_get(3)?,
            address: r.try_get(4)?,
            responsible: r.try_get(5)?,
            contact: r.try_get(6)?,
        },
        updated_at: parse_at(r.try_get(7)?),
    })
}

/// The venue as kept: every field trimmed.
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

fn one_venue(changed: u64, id: i64) -> Result<(), StoreError> {
    if changed == 0 {
        return Err(StoreError::not_found(format!("площадка № {id}")));
    }
    Ok(())
}

impl PgStore {
    pub(super) fn insert_venue(&self, venue: &Venue, at: Timestamp) -> Result<i64, StoreError> {
        let v = tidy(venue);
        v.validate()?;
        self.conn()?.one(
            "INSERT INTO venues (name, kind, district, address, responsible, contact,
                                 created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
            &params![
                v.name,
                v.kind.code(),
                v.district,
                v.address,
                v.responsible,
                v.contact,
                at.to_string()
            ],
        )
    }

    pub(super) fn venue_by_id(&self, id: i64) -> Result<Option<StoredVenue>, StoreError> {
        self.conn()?
            .row(
                &format!("SELECT {VENUE_COLUMNS} WHERE id = $1"),
                &params![id],
            )?
            .map(|r| venue_from_row(&r))
            .transpose()
    }

    pub(super) fn all_venues(&self) -> Result<Vec<StoredVenue>, StoreError> {
        self.conn()?
            .rows(
                &format!("SELECT {VENUE_COLUMNS} ORDER BY district, name, id"),
                &[],
            )?
            .iter()
            .map(venue_from_row)
            .collect()
    }

    pub(super) fn update_venue(
        &self,
        id: i64,
        venue: &Venue,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let v = tidy(venue);
        v.validate()?;
        let changed = self.conn()?.run(
            "UPDATE venues SET name = $2, kind = $3, district = $4, address = $5,
                    responsible = $6, contact = $7, updated_at = $8
              WHERE id = $1",
            &params![
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
            .conn()?
            .run("DELETE FROM venues WHERE id = $1", &params![id])?;
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
        activity.validate(day.tomorrow().unwrap_or(day))?;
        let row = self
            .conn()?
            .query_one(
                "INSERT INTO venue_activities (venue, on_day, what, people, author, at)
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                &[
                    &venue,
                    &activity.on.to_string(),
                    &activity.what.trim(),
                    &i64::from(activity.people),
                    &author,
                    &at.to_string(),
                ],
            )
            .map_err(or_missing("площадка"))?;
        Ok(row.try_get(0)?)
    }

    pub(super) fn activities_of_venue(
        &self,
        venue: i64,
    ) -> Result<Vec<StoredVenueActivity>, StoreError> {
        let rows = self.conn()?.rows(
            "SELECT id, venue, on_day, what, people, author, at FROM venue_activities
              WHERE venue = $1 ORDER BY on_day DESC, id DESC",
            &params![venue],
        )?;
        rows.iter()
            .map(|r| {
                let people: i64 = r.try_get(4)?;
                Ok(StoredVenueActivity {
                    id: r.try_get(0)?,
                    venue: r.try_get(1)?,
                    activity: VenueActivity {
                        on: r.try_get::<_, &str>(2)?.parse().unwrap_or(Date::MIN),
                        what: r.try_get(3)?,
                        people: people.try_into().unwrap_or_default(),
                    },
                    author: r.try_get(5)?,
                    at: parse_at(r.try_get(6)?),
                })
            })
            .collect()
    }

    pub(super) fn quarters_of_venues(&self) -> Result<Vec<VenueQuarter>, StoreError> {
        let rows = self
            .conn()?
            .rows("SELECT venue, on_day, people FROM venue_activities", &[])?;
        let mut sums: BTreeMap<(i64, String), VenueQuarter> = BTreeMap::new();
        for r in rows {
            let (venue, day, people): (i64, &str, i64) =
                (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?);
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
