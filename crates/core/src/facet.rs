//! Facets: the few properties a visitor narrows a list by — type, fate, period, place,
//! micro-district, tag.
//!
//! A record's own facets come from its body and envelope ([`Body::facets`], [`Record::facets`]).
//! Place and micro-district are mostly *relations* (a person born in Сходня), which only the store
//! knows; it derives them at write time from relations to Place records and keeps them apart
//! (each such value remembers the place it came from, so a hidden place never shows through).
//! Here a Place record contributes its own micro-district; nothing else has one in its body.
//!
//! Values are stable codes, the same in URLs, the API and storage: serde codes for enums
//! (`killed`, `home_front`), `1941`…`1945`, `before-1941`, `after-1945` for periods, a place's
//! record id for places, the text as written for districts and tags.

use crate::edtf::Edtf;
use crate::entities::Body;
use crate::record::Record;
use serde::{Deserialize, Serialize};

/// The properties lists can be narrowed by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FacetName {
    Type,
    Fate,
    Period,
    Place,
    District,
    Tag,
    /// A person's birth decade («1910» for 1910–1919): narrows namesakes.
    Born,
    /// A person's birth place as the record writes it (search only: see
    /// [`Body::namesake_facets`]).
    Birthplace,
    /// A person's unit as the record writes it (search only).
    Unit,
}

impl FacetName {
    pub const ALL: [FacetName; 9] = [
        FacetName::Type,
        FacetName::Fate,
        FacetName::Period,
        FacetName::Place,
        FacetName::District,
        FacetName::Tag,
        FacetName::Born,
        FacetName::Birthplace,
        FacetName::Unit,
    ];

    /// The stable code used in URLs (`?fate=killed`), the API and storage.
    pub fn code(self) -> &'static str {
        match self {
            FacetName::Type => "type",
            FacetName::Fate => "fate",
            FacetName::Period => "period",
            FacetName::Place => "place",
            FacetName::District => "district",
            FacetName::Tag => "tag",
            FacetName::Born => "born",
            FacetName::Birthplace => "birthplace",
            FacetName::Unit => "unit",
        }
    }

    pub fn from_code(code: &str) -> Option<FacetName> {
        FacetName::ALL.into_iter().find(|f| f.code() == code)
    }
}

/// One facet value of one record.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Facet {
    pub name: FacetName,
    pub value: String,
}

impl Facet {
    pub fn new(name: FacetName, value: impl Into<String>) -> Facet {
        Facet {
            name,
            value: value.into(),
        }
    }
}

/// The type of a story that is a family's account of its hero («Рассказ семьи»).
pub const FAMILY_STORY: &str = "family";

/// The years the museum is about; dates outside fall into the two open buckets.
pub const WAR_YEARS: std::ops::RangeInclusive<i32> = 1941..=1945;
pub const BEFORE_WAR: &str = "before-1941";
pub const AFTER_WAR: &str = "after-1945";

/// Every period value, in the order a visitor reads them.
pub fn period_values() -> Vec<String> {
    std::iter::once(BEFORE_WAR.to_string())
        .chain(WAR_YEARS.map(|y| y.to_string()))
        .chain(std::iter::once(AFTER_WAR.to_string()))
        .collect()
}

/// The period buckets a date touches. A date is a range (`1941/1943`, `1942~`, `194X`), so it
/// may fall into several; an open end reaches to the bucket at that end.
pub fn periods(date: &Edtf) -> Vec<String> {
    let from = date.lower().map_or(i32::MIN, |k| k / 10000);
    let to = date.upper().map_or(i32::MAX, |k| k / 10000);
    let mut out = Vec::new();
    if from < *WAR_YEARS.start() {
        out.push(BEFORE_WAR.to_string());
    }
    out.extend(
        WAR_YEARS
            .filter(|y| (from..=to).contains(y))
            .map(|y| y.to_string()),
    );
    if to > *WAR_YEARS.end() {
        out.push(AFTER_WAR.to_string());
    }
    out
}

/// Longest birth place or unit kept as a facet value; a longer text is a note, not a value.
pub const MAX_TEXT_FACET: usize = 120;

/// The serde code of a unit enum (`home_front`), the one spelling of codes everywhere.
fn code<T: Serialize>(value: T) -> Option<String> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Some(s),
        _ => None,
    }
}

impl Body {
    /// The date a list's period filter means. For a person that is the death date, so that
    /// «1942» among the heroes reads as «fell (or died) in 1942»; a birth year would put nearly
    /// everyone «before 1941» and say nothing.
    ///
    /// An interview has none: its date is the day it was recorded, decades after the war, and
    /// «после 1945» on every interview says nothing about the years the narrator speaks of.
    pub fn period_span(&self) -> Option<&Edtf> {
        match self {
            Body::Person(p) => p.death.as_ref(),
            Body::Interview(_) => None,
            other => other.date_span(),
        }
    }

    /// The facets that tell namesakes apart besides the birth decade: a person's birth place
    /// and unit as the record writes them. Search counts them among the results it found; the
    /// lists do not, since a base has as many values as it has villages and regiments.
    pub fn namesake_facets(&self) -> Vec<Facet> {
        let Body::Person(p) = self else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (name, text) in [
            (FacetName::Birthplace, &p.birth_place),
            (FacetName::Unit, &p.service.unit),
        ] {
            let value = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if !value.is_empty() && value.chars().count() <= MAX_TEXT_FACET {
                out.push(Facet::new(name, value));
            }
        }
        out
    }

    /// The facets the body itself carries (tags live in the envelope: see [`Record::facets`]).
    pub fn facets(&self) -> Vec<Facet> {
        let mut out: Vec<Facet> = Vec::new();
        let types: Vec<Option<String>> = match self {
            Body::Person(p) => p.roles.iter().map(code).collect(),
            Body::Place(p) => vec![code(p.place_type)],
            Body::Item(i) => vec![code(i.item_type)],
            Body::Event(e) => vec![code(e.event_type)],
            Body::Organization(o) => vec![code(o.org_type)],
            Body::Source(s) => vec![code(s.source_type)],
            // A family's account (issue #7) is told beside its hero, not among the curated
            // exhibitions; the type lets the lists leave it out.
            Body::Story(s) if s.family.is_some() => vec![Some(FAMILY_STORY.to_string())],
            Body::Interview(_) | Body::Story(_) | Body::Collection(_) => Vec::new(),
        };
        out.extend(
            types
                .into_iter()
                .flatten()
                .map(|t| Facet::new(FacetName::Type, t)),
        );
        if let Body::Person(p) = self {
            if let Some(fate) = p.fate {
                out.push(Facet::new(FacetName::Fate, fate.code()));
            }
            if let Some(year) = p.birth.as_ref().and_then(|b| b.lower()).map(|k| k / 10000) {
                out.push(Facet::new(
                    FacetName::Born,
                    (year - year.rem_euclid(10)).to_string(),
                ));
            }
        }
        if let Body::Place(p) = self
            && !p.district.trim().is_empty()
        {
            out.push(Facet::new(FacetName::District, p.district.trim()));
        }
        if let Some(span) = self.period_span() {
            out.extend(
                periods(span)
                    .into_iter()
                    .map(|p| Facet::new(FacetName::Period, p)),
            );
        }
        out.sort();
        out.dedup();
        out
    }
}

impl Record {
    /// The body's facets plus the record's tags.
    pub fn facets(&self) -> Vec<Facet> {
        Record::facets_of(&self.meta, &self.body)
    }

    /// The facets of a record with this envelope and body (the store counts a record's
    /// facets from its public projection).
    pub fn facets_of(meta: &crate::record::Meta, body: &Body) -> Vec<Facet> {
        let mut out = body.facets();
        out.extend(
            meta.tags
                .iter()
                .map(|t| t.trim())
                .filter(|t| !t.is_empty())
                .map(|t| Facet::new(FacetName::Tag, t)),
        );
        out.sort();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SubmissionId;
    use crate::entities::{Event, EventType, Fate, Person, PersonRole, Place, PlaceType};

    fn p(s: &str) -> Vec<String> {
        periods(&Edtf::parse(s).unwrap())
    }

    #[test]
    fn periods_cover_every_year_a_date_spans() {
        assert_eq!(p("1942-03-05"), ["1942"]);
        assert_eq!(p("1941/1943"), ["1941", "1942", "1943"]);
        assert_eq!(p("1939"), [BEFORE_WAR]);
        assert_eq!(p("1975"), [AFTER_WAR]);
        assert_eq!(p("1940/1946"), period_values());
        assert_eq!(
            p("194X"),
            [
                BEFORE_WAR, "1941", "1942", "1943", "1944", "1945", AFTER_WAR
            ]
        );
        assert_eq!(p("1944/.."), ["1944", "1945", AFTER_WAR]);
        assert_eq!(p("../1941"), [BEFORE_WAR, "1941"]);
    }

    #[test]
    fn a_person_has_roles_fate_the_period_of_death_and_the_decade_of_birth() {
        let body = Body::Person(Person {
            roles: vec![PersonRole::Soldier, PersonRole::HomeFront],
            fate: Some(Fate::DiedOfWounds),
            birth: Edtf::parse("1921").ok(),
            death: Edtf::parse("1943-07-12").ok(),
            ..Person::default()
        });
        let got = body.facets();
        for f in [
            Facet::new(FacetName::Type, "soldier"),
            Facet::new(FacetName::Type, "home_front"),
            Facet::new(FacetName::Fate, "died_of_wounds"),
            Facet::new(FacetName::Period, "1943"),
            // The birth decade tells namesakes apart; the birth year is not a period.
            Facet::new(FacetName::Born, "1920"),
        ] {
            assert!(got.contains(&f), "{f:?} missing from {got:?}");
        }
        assert_eq!(got.len(), 5, "birth year is not a period: {got:?}");
    }

    #[test]
    fn an_interview_recorded_after_the_war_is_not_filed_under_after_1945() {
        let body = Body::Interview(crate::entities::Interview {
            recorded: Edtf::parse("2023-05-04").ok(),
            ..crate::entities::Interview::default()
        });
        assert!(
            body.facets().iter().all(|f| f.name != FacetName::Period),
            "{:?}",
            body.facets()
        );
    }

    #[test]
    fn a_place_has_its_type_and_district_an_event_its_type_and_years() {
        let place = Body::Place(Place {
            name: "Станция Сходня".into(),
            place_type: PlaceType::Station,
            district: " Сходня ".into(),
            ..Place::default()
        });
        assert_eq!(
            place.facets(),
            [
                Facet::new(FacetName::Type, "station"),
                Facet::new(FacetName::District, "Сходня")
            ]
        );
        let event = Body::Event(Event {
            title: "Оборона".into(),
            event_type: EventType::Battle,
            date: Edtf::parse("1941-10/1942-01").ok(),
            ..Event::default()
        });
        assert_eq!(
            event.facets(),
            [
                Facet::new(FacetName::Type, "battle"),
                Facet::new(FacetName::Period, "1941"),
                Facet::new(FacetName::Period, "1942"),
            ]
        );
    }

    #[test]
    fn a_family_account_is_typed_apart_from_curated_stories() {
        use crate::contribution::FamilyAccount;
        use crate::entities::Story;
        use crate::record::RecordId;
        let curated = Body::Story(Story {
            title: "Оборона".into(),
            ..Story::default()
        });
        assert_eq!(curated.facets(), []);
        let family = Body::Story(Story {
            title: "Рассказ семьи".into(),
            family: Some(FamilyAccount {
                person: RecordId(1),
                submission: SubmissionId(1),
                credit: None,
                living: false,
            }),
            ..Story::default()
        });
        assert_eq!(family.facets(), [Facet::new(FacetName::Type, FAMILY_STORY)]);
    }

    #[test]
    fn names_round_trip_through_codes() {
        for f in FacetName::ALL {
            assert_eq!(FacetName::from_code(f.code()), Some(f));
            assert_eq!(code(f).as_deref(), Some(f.code()));
        }
        assert_eq!(FacetName::from_code("colour"), None);
    }
}
