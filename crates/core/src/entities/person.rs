//! A person the museum remembers: a hero, a veteran, an eyewitness, a home-front worker, a child
//! of war.

use super::common::{Citation, ExternalRef, MediaRef};
use crate::edtf::Edtf;
use crate::names::PersonName;
use crate::validation::{Checker, Invalid};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    pub fn label_ru(self) -> &'static str {
        match self {
            Sex::Male => "мужской",
            Sex::Female => "женский",
        }
    }
}

/// What became of a person in the war.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fate {
    Returned,
    Killed,
    Missing,
    DiedOfWounds,
    DiedInCaptivity,
    /// Survived (for home-front workers and children of war).
    Survived,
}

impl Fate {
    pub const ALL: [Fate; 6] = [
        Fate::Returned,
        Fate::Killed,
        Fate::Missing,
        Fate::DiedOfWounds,
        Fate::DiedInCaptivity,
        Fate::Survived,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Fate::Returned => "returned",
            Fate::Killed => "killed",
            Fate::Missing => "missing",
            Fate::DiedOfWounds => "died_of_wounds",
            Fate::DiedInCaptivity => "died_in_captivity",
            Fate::Survived => "survived",
        }
    }

    pub fn from_code(code: &str) -> Option<Fate> {
        Fate::ALL.into_iter().find(|f| f.code() == code)
    }

    pub fn label_ru(self) -> &'static str {
        match self {
            Fate::Returned => "вернулся с фронта",
            Fate::Killed => "погиб",
            Fate::Missing => "пропал без вести",
            Fate::DiedOfWounds => "умер от ран",
            Fate::DiedInCaptivity => "погиб в плену",
            Fate::Survived => "пережил войну",
        }
    }

    /// Whether this fate means the person died in the war.
    pub fn is_death(self) -> bool {
        matches!(
            self,
            Fate::Killed | Fate::Missing | Fate::DiedOfWounds | Fate::DiedInCaptivity
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonRole {
    Soldier,
    Officer,
    Partisan,
    Militia,
    Medic,
    HomeFront,
    ChildOfWar,
    Evacuee,
    Eyewitness,
}

impl PersonRole {
    pub fn label_ru(self) -> &'static str {
        match self {
            PersonRole::Soldier => "фронтовик",
            PersonRole::Officer => "офицер",
            PersonRole::Partisan => "партизан",
            PersonRole::Militia => "ополченец",
            PersonRole::Medic => "медик",
            PersonRole::HomeFront => "труженик тыла",
            PersonRole::ChildOfWar => "ребёнок войны",
            PersonRole::Evacuee => "эвакуированный",
            PersonRole::Eyewitness => "очевидец",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Service {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rank: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// Draft office and date («Химкинский РВК, 23.06.1941»).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub drafted: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Person {
    pub name: PersonName,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth: Option<Edtf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub death: Option<Edtf>,
    /// Birth place as written in the documents; the linked Place, if any, is a relation.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub birth_place: String,
    /// Set when known; otherwise derived (see [`Person::may_be_living`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub living: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fate: Option<Fate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<PersonRole>,
    #[serde(default)]
    pub service: Service,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub awards: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub biography: String,
    /// Wounds, disability: public only under a separate health consent.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub health: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub memorial_refs: Vec<ExternalRef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Citation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portrait: Option<MediaRef>,
    /// Fields a family's account filled (issue #7); a field not listed is the museum's own work.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub field_sources: Vec<crate::contribution::FieldSource>,
}

/// Nobody born before this year can be alive today.
const SURELY_DEAD_IF_BORN_BEFORE: i32 = 1906;

impl Person {
    /// True unless there is evidence of death: a death date, a fate that is a death, an explicit
    /// flag, or a birth year too early for anyone living.
    pub fn may_be_living(&self) -> bool {
        if let Some(living) = self.living {
            return living;
        }
        if self.death.is_some() || self.fate.is_some_and(Fate::is_death) {
            return false;
        }
        match self.birth.as_ref().and_then(Edtf::upper) {
            Some(upper) => upper / 10000 >= SURELY_DEAD_IF_BORN_BEFORE,
            None => true,
        }
    }

    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checker::new();
        c.require("surname", &self.name.surname, "Фамилия");
        for (field, value, what) in [
            ("surname", &self.name.surname, "Фамилия"),
            ("given_name", &self.name.given, "Имя"),
            ("patronymic", &self.name.patronymic, "Отчество"),
        ] {
            c.max_len(field, value, 100, what);
        }
        c.max_len("biography", &self.biography, 100_000, "Биография");
        c.max_len("birth_place", &self.birth_place, 500, "Место рождения");
        c.max_len("rank", &self.service.rank, 200, "Звание");
        c.max_len("unit", &self.service.unit, 500, "Часть");
        if let (Some(b), Some(d)) = (
            self.birth.as_ref().and_then(Edtf::lower),
            self.death.as_ref().and_then(Edtf::upper),
        ) && d < b
        {
            c.problem("death", "Дата смерти раньше даты рождения.");
        }
        if self.living == Some(true)
            && (self.death.is_some() || self.fate.is_some_and(Fate::is_death))
        {
            c.problem(
                "living",
                "Человек отмечен как живой, но указаны дата смерти или гибель.",
            );
        }
        c.finish()
    }
}
