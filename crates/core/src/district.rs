//! Micro-districts (Сходня, Подрезково, Новогорск…) and the venues that promote the project in
//! each of them (roadmap item 8): a library, a school, the territorial office, a museum, a house
//! of culture, with a log of what each did.
//!
//! A micro-district is not a record: it is the `district` text the places carry. Its address is
//! the transliterated name ([`slug`]), so a poster printed today still opens its page tomorrow.

use crate::names::slugify;
use crate::validation::{Checker, Invalid};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The address of a micro-district's page: `/districts/{slug}`, «Сходня» → `skhodnya`.
pub fn slug(name: &str) -> String {
    slugify(name.trim())
}

/// What a venue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum VenueKind {
    #[default]
    Library,
    School,
    TerritorialOffice,
    Museum,
    CultureHouse,
    Other,
}

impl VenueKind {
    pub const ALL: [VenueKind; 6] = [
        VenueKind::Library,
        VenueKind::School,
        VenueKind::TerritorialOffice,
        VenueKind::Museum,
        VenueKind::CultureHouse,
        VenueKind::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            VenueKind::Library => "library",
            VenueKind::School => "school",
            VenueKind::TerritorialOffice => "territorial_office",
            VenueKind::Museum => "museum",
            VenueKind::CultureHouse => "culture_house",
            VenueKind::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<VenueKind> {
        VenueKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// Longest name, address or contact a venue may have.
pub const VENUE_TEXT_MAX: usize = 300;
/// Longest account of one thing a venue did.
pub const ACTIVITY_TEXT_MAX: usize = 2_000;
/// More people than any hall of the town holds at one event: a typo.
pub const ACTIVITY_PEOPLE_MAX: u32 = 100_000;

/// A venue as the studio keeps it. `contact` and `responsible` are the staff's to read: the
/// public page shows only the name, kind, district and address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Venue {
    pub name: String,
    pub kind: VenueKind,
    /// The micro-district as the places write it.
    pub district: String,
    pub address: String,
    /// The person responsible there (name, position).
    pub responsible: String,
    /// How to reach them: a phone, an address.
    pub contact: String,
}

impl Venue {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checker::new();
        c.require("name", &self.name, "Название");
        c.max_len("name", &self.name, VENUE_TEXT_MAX, "Название");
        c.require("district", &self.district, "Микрорайон");
        c.max_len("district", &self.district, VENUE_TEXT_MAX, "Микрорайон");
        c.max_len("address", &self.address, VENUE_TEXT_MAX, "Адрес");
        c.max_len(
            "responsible",
            &self.responsible,
            VENUE_TEXT_MAX,
            "Ответственный",
        );
        c.max_len("contact", &self.contact, VENUE_TEXT_MAX, "Контакты");
        c.finish()
    }
}

/// One thing a venue did: a talk, an exhibition, a collection day, a poster hung.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VenueActivity {
    pub on: Date,
    pub what: String,
    /// How many people came (0 when nobody was counted, a poster hung).
    pub people: u32,
}

impl VenueActivity {
    /// `today`: an activity is logged once done, so a date after it is a typo.
    pub fn validate(&self, today: Date) -> Result<(), Invalid> {
        let mut c = Checker::new();
        c.require("what", &self.what, "Что сделано");
        c.max_len("what", &self.what, ACTIVITY_TEXT_MAX, "Что сделано");
        if self.on > today {
            c.problem("on", "Дата ещё не наступила: запишите то, что уже сделано.");
        }
        if self.people > ACTIVITY_PEOPLE_MAX {
            c.problem(
                "people",
                format!("Слишком много людей: больше {ACTIVITY_PEOPLE_MAX} — опечатка?"),
            );
        }
        c.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_district_address_is_its_name_transliterated() {
        assert_eq!(slug(" Сходня "), "skhodnya");
        assert_eq!(slug("Левобережный"), "levoberezhnyy");
    }

    #[test]
    fn a_venue_needs_a_name_and_a_district() {
        let bad = Venue::default().validate().unwrap_err();
        let fields: Vec<&str> = bad.problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["name", "district"]);
        let good = Venue {
            name: "Библиотека № 4".into(),
            district: "Сходня".into(),
            ..Venue::default()
        };
        assert!(good.validate().is_ok());
    }

    #[test]
    fn an_activity_is_logged_after_it_happened() {
        let today = Date::constant(2026, 12, 7);
        let mut a = VenueActivity {
            on: today,
            what: "Встреча с ветеранами".into(),
            people: 40,
        };
        assert!(a.validate(today).is_ok());
        a.on = Date::constant(2026, 12, 8);
        assert_eq!(a.validate(today).unwrap_err().problems[0].field, "on");
        a.on = today;
        a.what = " ".into();
        assert_eq!(a.validate(today).unwrap_err().problems[0].field, "what");
        for code in VenueKind::ALL.map(VenueKind::code) {
            assert_eq!(VenueKind::from_code(code).map(VenueKind::code), Some(code));
        }
    }
}
