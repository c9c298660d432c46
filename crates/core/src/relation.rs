//! Typed two-way relations between records. Each type reads one way from its subject and the
//! other way from its object («участвовал в» / «участники»), and says which kinds it may join.

use crate::edtf::Edtf;
use crate::ids::RelationId;
use crate::kind::Kind;
use crate::record::RecordId;
use crate::validation::{Checker, Invalid};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationType {
    ParticipatedIn,
    ServedIn,
    WorkedAt,
    StudiedAt,
    BornIn,
    LivedIn,
    DiedAt,
    BuriedAt,
    RelativeOf,
    ComradeOf,
    NarratorOf,
    RecordedAt,
    Depicts,
    AuthorOf,
    Mentions,
    TookPlaceAt,
    LocatedAt,
    PartOf,
    SourceOf,
    RelatedTo,
}

use Kind::*;

const ANY: &[Kind] = &Kind::ALL;

impl RelationType {
    pub const ALL: [RelationType; 20] = [
        RelationType::ParticipatedIn,
        RelationType::ServedIn,
        RelationType::WorkedAt,
        RelationType::StudiedAt,
        RelationType::BornIn,
        RelationType::LivedIn,
        RelationType::DiedAt,
        RelationType::BuriedAt,
        RelationType::RelativeOf,
        RelationType::ComradeOf,
        RelationType::NarratorOf,
        RelationType::RecordedAt,
        RelationType::Depicts,
        RelationType::AuthorOf,
        RelationType::Mentions,
        RelationType::TookPlaceAt,
        RelationType::LocatedAt,
        RelationType::PartOf,
        RelationType::SourceOf,
        RelationType::RelatedTo,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RelationType::ParticipatedIn => "participated_in",
            RelationType::ServedIn => "served_in",
            RelationType::WorkedAt => "worked_at",
            RelationType::StudiedAt => "studied_at",
            RelationType::BornIn => "born_in",
            RelationType::LivedIn => "lived_in",
            RelationType::DiedAt => "died_at",
            RelationType::BuriedAt => "buried_at",
            RelationType::RelativeOf => "relative_of",
            RelationType::ComradeOf => "comrade_of",
            RelationType::NarratorOf => "narrator_of",
            RelationType::RecordedAt => "recorded_at",
            RelationType::Depicts => "depicts",
            RelationType::AuthorOf => "author_of",
            RelationType::Mentions => "mentions",
            RelationType::TookPlaceAt => "took_place_at",
            RelationType::LocatedAt => "located_at",
            RelationType::PartOf => "part_of",
            RelationType::SourceOf => "source_of",
            RelationType::RelatedTo => "related_to",
        }
    }

    /// Parses a code, explaining in Russian which codes exist when it is unknown.
    pub fn parse(code: &str) -> Result<RelationType, Invalid> {
        RelationType::ALL
            .into_iter()
            .find(|t| t.code() == code.trim())
            .ok_or_else(|| {
                let known: Vec<&str> = RelationType::ALL.iter().map(|t| t.code()).collect();
                Invalid::one(
                    "type",
                    format!(
                        "Неизвестный тип связи «{code}». Допустимые типы: {}.",
                        known.join(", ")
                    ),
                )
            })
    }

    /// Kinds allowed at each end: (subject kinds, object kinds).
    pub fn ends(self) -> (&'static [Kind], &'static [Kind]) {
        match self {
            RelationType::ParticipatedIn => (&[Person, Organization], &[Event]),
            RelationType::ServedIn => (&[Person], &[Organization]),
            RelationType::WorkedAt | RelationType::StudiedAt => (&[Person], &[Organization, Place]),
            RelationType::BornIn
            | RelationType::LivedIn
            | RelationType::DiedAt
            | RelationType::BuriedAt => (&[Person], &[Place]),
            RelationType::RelativeOf | RelationType::ComradeOf => (&[Person], &[Person]),
            RelationType::NarratorOf => (&[Person], &[Interview]),
            RelationType::RecordedAt => (&[Interview, Item], &[Place]),
            RelationType::Depicts => (&[Item], &[Person, Place, Event, Organization]),
            RelationType::AuthorOf => (&[Person, Organization], &[Item, Story]),
            RelationType::Mentions => (&[Item, Interview, Story, Source, Event], ANY),
            RelationType::TookPlaceAt => (&[Event], &[Place]),
            RelationType::LocatedAt => (&[Organization, Item], &[Place]),
            RelationType::PartOf => (
                &[Event, Place, Organization, Item],
                &[Event, Place, Organization, Item, Collection],
            ),
            RelationType::SourceOf => (&[Source], ANY),
            RelationType::RelatedTo => (ANY, ANY),
        }
    }

    /// How the relation reads from its subject: «Иванов — участвовал в — Оборона Москвы».
    pub fn label_ru(self) -> &'static str {
        match self {
            RelationType::ParticipatedIn => "участвовал в",
            RelationType::ServedIn => "служил в",
            RelationType::WorkedAt => "работал в",
            RelationType::StudiedAt => "учился в",
            RelationType::BornIn => "родился в",
            RelationType::LivedIn => "жил в",
            RelationType::DiedAt => "погиб / умер в",
            RelationType::BuriedAt => "похоронен в",
            RelationType::RelativeOf => "родственник",
            RelationType::ComradeOf => "однополчанин",
            RelationType::NarratorOf => "рассказчик в интервью",
            RelationType::RecordedAt => "записано в",
            RelationType::Depicts => "изображает",
            RelationType::AuthorOf => "автор",
            RelationType::Mentions => "упоминает",
            RelationType::TookPlaceAt => "место события",
            RelationType::LocatedAt => "располагалось в",
            RelationType::PartOf => "часть",
            RelationType::SourceOf => "источник сведений о",
            RelationType::RelatedTo => "связано с",
        }
    }

    /// How the relation reads from its object: «Оборона Москвы — участники — Иванов».
    pub fn inverse_label_ru(self) -> &'static str {
        match self {
            RelationType::ParticipatedIn => "участники",
            RelationType::ServedIn => "служили здесь",
            RelationType::WorkedAt => "работали здесь",
            RelationType::StudiedAt => "учились здесь",
            RelationType::BornIn => "родились здесь",
            RelationType::LivedIn => "жили здесь",
            RelationType::DiedAt => "погибли / умерли здесь",
            RelationType::BuriedAt => "похоронены здесь",
            RelationType::RelativeOf => "родственник",
            RelationType::ComradeOf => "однополчанин",
            RelationType::NarratorOf => "рассказчик",
            RelationType::RecordedAt => "записано здесь",
            RelationType::Depicts => "изображён на",
            RelationType::AuthorOf => "автор",
            RelationType::Mentions => "упоминается в",
            RelationType::TookPlaceAt => "события здесь",
            RelationType::LocatedAt => "здесь располагались",
            RelationType::PartOf => "включает",
            RelationType::SourceOf => "источники",
            RelationType::RelatedTo => "связано с",
        }
    }
}

/// A relation as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    pub id: RelationId,
    pub from: RecordId,
    pub to: RecordId,
    pub rtype: RelationType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<RecordId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Edtf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A relation to be created.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewRelation {
    pub from: RecordId,
    pub to: RecordId,
    pub rtype: RelationType,
    #[serde(default)]
    pub source: Option<RecordId>,
    #[serde(default)]
    pub date: Option<Edtf>,
    #[serde(default)]
    pub note: Option<String>,
}

impl NewRelation {
    pub fn new(from: RecordId, rtype: RelationType, to: RecordId) -> NewRelation {
        NewRelation {
            from,
            to,
            rtype,
            source: None,
            date: None,
            note: None,
        }
    }

    /// Checks the relation against the kinds of its two ends (and of its source, if any).
    pub fn validate(&self, from: Kind, to: Kind, source: Option<Kind>) -> Result<(), Invalid> {
        let mut c = Checker::new();
        let (subjects, objects) = self.rtype.ends();
        if self.from == self.to {
            c.problem("to", "Запись не может быть связана сама с собой.");
        }
        if !subjects.contains(&from) || !objects.contains(&to) {
            c.problem(
                "type",
                format!(
                    "Связь «{}» не может соединять «{}» и «{}».",
                    self.rtype.label_ru(),
                    from.label_ru(),
                    to.label_ru()
                ),
            );
        }
        if let Some(kind) = source
            && kind != Kind::Source
        {
            c.problem(
                "source",
                "Источником связи может быть только запись-источник.",
            );
        }
        if let Some(note) = &self.note {
            c.max_len("note", note, 2000, "Примечание");
        }
        c.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_type_lists_known_ones() {
        let err = RelationType::parse("friend_of").unwrap_err();
        assert!(err.problems[0].message.contains("friend_of"));
        assert!(err.problems[0].message.contains("participated_in"));
        assert_eq!(
            RelationType::parse("born_in").ok(),
            Some(RelationType::BornIn)
        );
    }

    #[test]
    fn ends_are_checked() {
        let r = NewRelation::new(RecordId(1), RelationType::BornIn, RecordId(2));
        assert!(r.validate(Kind::Person, Kind::Place, None).is_ok());
        assert!(r.validate(Kind::Place, Kind::Person, None).is_err());
        assert!(
            r.validate(Kind::Person, Kind::Place, Some(Kind::Item))
                .is_err()
        );
    }

    #[test]
    fn every_code_round_trips() {
        for t in RelationType::ALL {
            assert_eq!(RelationType::parse(t.code()).ok(), Some(t));
        }
    }
}
