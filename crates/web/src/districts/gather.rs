//! What the district pages and posters read, all of it through the gate.

use crate::App;
use crate::gate::Gate;
use crate::shell::error::AppError;
use letopis_core::district::slug;
use letopis_core::entities::PlaceType;
use letopis_core::facet::FacetName;
use letopis_core::{Body, Kind, Viewer};
use letopis_store::venues::StoredVenue;
use letopis_store::{ListQuery, Order, Page, StoredRecord};

/// The kinds a micro-district counts, in the order its page shows them.
pub const COUNTED: [Kind; 5] = [
    Kind::Place,
    Kind::Person,
    Kind::Interview,
    Kind::Story,
    Kind::Event,
];

/// The places of one district a page lists at most (a town's district has dozens).
const PLACES_SHOWN: u64 = 200;
/// People, voices, stories and events shown on the page; the rest behind «все …».
const SHOWN: u64 = 24;

/// Place types a visitor can go and see.
const TO_VISIT: [PlaceType; 3] = [
    PlaceType::Memorial,
    PlaceType::Cemetery,
    PlaceType::DefenceLine,
];

/// A micro-district as this viewer sees it: a name the visible places give, and counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct District {
    /// The name as the places write it (the most used spelling when several share a slug).
    pub name: String,
    pub slug: String,
    /// Every spelling of the name that makes this slug (for the list filters).
    pub names: Vec<String>,
    /// Visible records of each of [`COUNTED`].
    pub counts: [u64; 5],
}

impl District {
    pub fn count(&self, kind: Kind) -> u64 {
        COUNTED
            .iter()
            .position(|k| *k == kind)
            .map_or(0, |i| self.counts[i])
    }

    /// The query for this district's records of `kind`.
    pub fn query(&self, kind: Kind, limit: u64) -> ListQuery {
        let mut query = ListQuery::catalogue(kind);
        query.limit = limit;
        query.order = if kind == Kind::Event {
            Order::Date
        } else {
            Order::Title
        };
        query.filters = self
            .names
            .iter()
            .map(|n| (FacetName::District, n.clone()))
            .collect();
        query
    }
}

/// Every micro-district with a place the viewer may see, by name.
pub fn districts(gate: &Gate<'_>) -> Result<Vec<District>, AppError> {
    let mut found: Vec<District> = Vec::new();
    // Per slug and spelling, how many places: the most used spelling names the district.
    let mut spellings: Vec<(String, String, u64)> = Vec::new();
    for (i, kind) in COUNTED.into_iter().enumerate() {
        let query = ListQuery {
            limit: 0,
            ..ListQuery::catalogue(kind)
        };
        for fc in gate.facet_counts(&query)? {
            if fc.name != FacetName::District || fc.value.trim().is_empty() {
                continue;
            }
            let key = slug(&fc.value);
            match found.iter_mut().find(|d| d.slug == key) {
                Some(d) => {
                    d.counts[i] += fc.count;
                    if i == 0 {
                        d.names.push(fc.value.clone());
                    }
                }
                // Only the places' districts are micro-districts.
                None if i == 0 => {
                    let mut counts = [0; 5];
                    counts[0] = fc.count;
                    found.push(District {
                        name: fc.value.clone(),
                        slug: key.clone(),
                        names: vec![fc.value.clone()],
                        counts,
                    });
                }
                None => {}
            }
            if i == 0 {
                spellings.push((key, fc.value, fc.count));
            }
        }
    }
    for d in &mut found {
        if let Some((_, name, _)) = spellings
            .iter()
            .filter(|(k, _, _)| *k == d.slug)
            .max_by_key(|(_, _, n)| *n)
        {
            d.name = name.clone();
        }
    }
    found.sort_by_cached_key(|d| d.name.to_lowercase().replace('ё', "е"));
    Ok(found)
}

/// One micro-district's page, as the gate gives it.
pub struct Found {
    pub district: District,
    pub places: Vec<StoredRecord>,
    pub persons: Page<StoredRecord>,
    pub interviews: Page<StoredRecord>,
    pub stories: Page<StoredRecord>,
    pub events: Page<StoredRecord>,
    /// Photographs, letters and documents tied to its places.
    pub items: Page<StoredRecord>,
}

impl Found {
    /// Memorials, burial places and lines of defence: where to go.
    pub fn to_visit(&self) -> Vec<&StoredRecord> {
        self.places
            .iter()
            .filter(
                |r| matches!(&r.record.body, Body::Place(p) if TO_VISIT.contains(&p.place_type)),
            )
            .collect()
    }
}

/// The district with this slug and what it holds, or `None` when the viewer sees no place in it.
pub fn one(gate: &Gate<'_>, wanted: &str) -> Result<Option<Found>, AppError> {
    let Some(district) = districts(gate)?.into_iter().find(|d| d.slug == wanted) else {
        return Ok(None);
    };
    let list = |kind: Kind, limit: u64| gate.list(&district.query(kind, limit));
    Ok(Some(Found {
        places: list(Kind::Place, PLACES_SHOWN)?.items,
        persons: list(Kind::Person, SHOWN)?,
        interviews: list(Kind::Interview, SHOWN)?,
        stories: list(Kind::Story, SHOWN)?,
        events: list(Kind::Event, SHOWN)?,
        items: list(Kind::Item, SHOWN)?,
        district,
    }))
}

/// The venues in the district with this slug, when the studio is on (without it there are
/// none to show).
pub async fn venues_in(app: &App, wanted: Option<&str>) -> Vec<StoredVenue> {
    let all = match app.accounts_call(|a| a.venues()).await {
        Ok(all) => all,
        Err(AppError::NotFound) => return Vec::new(),
        Err(e) => {
            tracing::error!(error = ?e, "reading the venues failed");
            return Vec::new();
        }
    };
    all.into_iter()
        .filter(|v| wanted.is_none_or(|w| slug(&v.venue.district) == w))
        .collect()
}

/// Reads one district through the public gate of `viewer`.
pub async fn read_one(app: &App, viewer: Viewer, wanted: String) -> Result<Found, AppError> {
    app.read(viewer, move |gate| one(gate, &wanted))
        .await?
        .ok_or(AppError::NotFound)
}
