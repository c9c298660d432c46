//! The one-line description of a record shown under its title in lists and relation links.

use crate::shell::i18n::Tr;
use crate::shell::text;
use letopis_core::Body;
use letopis_core::entities::Person;
use std::borrow::Cow;

const SEP: &str = " · ";

pub fn summary(body: &Body, t: &Tr) -> String {
    let parts: Vec<String> = match body {
        Body::Person(p) => vec![life_dates(p, t).unwrap_or_default(), fate(p, t)],
        Body::Place(p) => vec![t.label("place-type", p.place_type), p.district.clone()],
        Body::Event(e) => match &e.date {
            Some(d) => vec![t.date(d)],
            None => vec![t.label("event-type", e.event_type)],
        },
        Body::Item(i) => vec![
            t.label("item-type", i.item_type),
            t.date_opt(i.date.as_ref()),
        ],
        Body::Interview(i) => vec![
            i.recorded
                .as_ref()
                .map(|d| t.args("summary-recorded", &[("date", Cow::Owned(t.date(d)))]))
                .unwrap_or_default(),
            match i.duration_ms() {
                0 => String::new(),
                ms => text::duration(t, ms),
            },
        ],
        Body::Organization(o) => vec![
            t.label("org-type", o.org_type),
            t.date_opt(o.active.as_ref()),
        ],
        Body::Story(s) => vec![text::shorten(&s.lead, 160)],
        // Not a member count: it would count members the viewer may not see.
        Body::Collection(c) => vec![text::shorten(&c.description, 160), c.lesson.clone()],
        Body::Source(s) => vec![t.label("source-type", s.source_type), s.archive_reference()],
    };
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(SEP)
}

/// «1921 г. — 1942 г.», «род. 1921 г.», «ум. 1942 г.»; "born 1921", "died 1942".
pub fn life_dates(p: &Person, t: &Tr) -> Option<String> {
    let d = |e: &letopis_core::Edtf| Cow::Owned(t.date(e));
    match (&p.birth, &p.death) {
        (Some(b), Some(e)) => Some(t.args("life-dates", &[("birth", d(b)), ("death", d(e))])),
        (Some(b), None) => Some(t.args("life-born", &[("birth", d(b))])),
        (None, Some(e)) => Some(t.args("life-died", &[("death", d(e))])),
        (None, None) => None,
    }
}

fn fate(p: &Person, t: &Tr) -> String {
    p.fate.map(|f| t.label("fate", f)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::i18n::Lang;
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
        let body = Body::Person(p);
        let s = summary(&body, &Tr::new(Lang::Ru));
        assert!(s.contains("1921") && s.contains("1942"), "{s}");
        assert!(s.ends_with("погиб"), "{s}");
        assert!(summary(&body, &Tr::new(Lang::En)).ends_with("killed in action"));
    }

    #[test]
    fn empty_parts_are_skipped() {
        let place = Place {
            name: "Сходня".into(),
            place_type: PlaceType::Station,
            ..Place::default()
        };
        assert_eq!(summary(&Body::Place(place), &Tr::new(Lang::Ru)), "станция");
    }
}
