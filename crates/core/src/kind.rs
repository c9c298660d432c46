//! The nine kinds of record in the information base.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Person,
    Interview,
    Item,
    Place,
    Event,
    Organization,
    Story,
    Collection,
    Source,
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::Person,
        Kind::Interview,
        Kind::Item,
        Kind::Place,
        Kind::Event,
        Kind::Organization,
        Kind::Story,
        Kind::Collection,
        Kind::Source,
    ];

    /// The stable code stored in the database and used in the API.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Interview => "interview",
            Kind::Item => "item",
            Kind::Place => "place",
            Kind::Event => "event",
            Kind::Organization => "organization",
            Kind::Story => "story",
            Kind::Collection => "collection",
            Kind::Source => "source",
        }
    }

    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The plural path segment used in URLs: `/persons/…`, `/api/v1/persons`.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Person => "persons",
            Kind::Interview => "interviews",
            Kind::Item => "items",
            Kind::Place => "places",
            Kind::Event => "events",
            Kind::Organization => "organizations",
            Kind::Story => "stories",
            Kind::Collection => "collections",
            Kind::Source => "sources",
        }
    }

    pub fn from_plural(segment: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.plural() == segment)
    }

    /// Russian name of the kind, singular.
    pub fn label_ru(self) -> &'static str {
        match self {
            Kind::Person => "Герой",
            Kind::Interview => "Живой голос",
            Kind::Item => "Предмет",
            Kind::Place => "Место",
            Kind::Event => "Событие",
            Kind::Organization => "Организация",
            Kind::Story => "Экспозиция",
            Kind::Collection => "Подборка",
            Kind::Source => "Источник",
        }
    }

    /// Russian title of a list of this kind.
    pub fn plural_ru(self) -> &'static str {
        match self {
            Kind::Person => "Герои",
            Kind::Interview => "Живые голоса",
            Kind::Item => "Фонды: фото, письма, документы",
            Kind::Place => "Места",
            Kind::Event => "События",
            Kind::Organization => "Организации",
            Kind::Story => "Экспозиции",
            Kind::Collection => "Подборки",
            Kind::Source => "Источники",
        }
    }
}
