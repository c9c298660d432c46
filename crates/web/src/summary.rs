//! The one-line description of a record shown under its title in lists and relation links.

use crate::ru;
use letopis_core::Body;
use letopis_core::entities::Person;

const SEP: &str = " · ";

pub fn summary(body: &Body) -> String {
    let parts: Vec<String> = match body {
        Body::Person(p) => vec![life_dates(p).unwrap_or_default(), fate(p)],
        Body::Place(p) => vec![p.place_type.label_ru().to_string(), p.district.clone()],
        Body::Event(e) => match &e.date {
            Some(d) => vec![d.to_russian()],
            None => vec![e.event_type.label_ru().to_string()],
        },
        Body::Item(i) => vec![
            i.item_type.label_ru().to_string(),
            i.date.as_ref().map(|d| d.to_russian()).unwrap_or_default(),
        ],
        Body::Interview(i) => vec![
            i.recorded
                .as_ref()
                .map(|d| format!("записано: {}", d.to_russian()))
                .unwrap_or_default(),
            match i.duration_ms() {
                0 => String::new(),
                ms => ru::duration(ms),
            },
        ],
        Body::Organization(o) => vec![
            o.org_type.label_ru().to_string(),
            o.active
                .as_ref()
                .map(|d| d.to_russian())
                .unwrap_or_default(),
        ],
        Body::Story(s) => vec![ru::shorten(&s.lead, 160)],
        // Not a member count: it would count members the viewer may not see.
        Body::Collection(c) => vec![ru::shorten(&c.description, 160), c.lesson.clone()],
        Body::Source(s) => vec![s.source_type.label_ru().to_string(), s.archive_reference()],
    };
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(SEP)
}

/// «1921 г. — 1942 г.», «род. 1921 г.», «ум. 1942 г.».
pub fn life_dates(p: &Person) -> Option<String> {
    match (&p.birth, &p.death) {
        (Some(b), Some(d)) => Some(format!("{} — {}", b.to_russian(), d.to_russian())),
        (Some(b), None) => Some(format!("род. {}", b.to_russian())),
        (None, Some(d)) => Some(format!("ум. {}", d.to_russian())),
        (None, None) => None,
    }
}

fn fate(p: &Person) -> String {
    p.fate.map(|f| f.label_ru().to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use letopis_core::Edtf;
    use letopis_core::entities::{Fate, Place, PlaceType};

    #[test]
    fn person_summary_has_dates_and_fate() {
        let p = Person {
            birth: Edtf::parse("1921").ok(),
            death: Edtf::parse("1942").ok(),
            fate: Some(Fate::Killed),
            ..Person::default()
        };
        let s = summary(&Body::Person(p));
        assert!(s.contains("1921") && s.contains("1942"), "{s}");
        assert!(s.ends_with("погиб"), "{s}");
    }

    #[test]
    fn empty_parts_are_skipped() {
        let place = Place {
            name: "Сходня".into(),
            place_type: PlaceType::Station,
            ..Place::default()
        };
        assert_eq!(summary(&Body::Place(place)), "станция");
    }
}
