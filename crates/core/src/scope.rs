//! What a publication consent lets the museum show of a person, field by field (152-FZ Art. 10.1:
//! the subject says which of their data may be disseminated).
//!
//! The vocabulary is typed: a consent lists [`ScopeItem`]s, and the public projection
//! (`crate::projection`) shows only the fields its scope allows. Consents written before the
//! vocabulary was typed listed free Russian words («ФИО», «годы жизни», «фотографии»); they are
//! read into the same items, and a word that is not understood is kept as
//! [`ScopeItem::Other`]: it grants nothing, but it still makes the scope a restricted one, so an
//! odd word can never widen what is shown.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One kind of personal data a consent may allow to be published.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ScopeItem {
    /// Surname, given name, patronymic (and maiden name and variants).
    Name,
    /// Years of birth and death only.
    Years,
    /// Full dates of birth and death (implies the years).
    FullDates,
    BirthPlace,
    Biography,
    /// Portraits and other photographs of the person.
    Photo,
    /// Rank, unit, draft office.
    Service,
    Fate,
    Awards,
    /// The sound of the voice: interview recordings.
    Recording,
    /// The interview transcript and index.
    Transcript,
    /// A family's account of the person («Рассказ семьи»).
    FamilyStory,
    /// A word of an old free-text scope that names none of the above.
    Other(String),
}

impl ScopeItem {
    /// Every item a form offers, in the order a consent form lists them.
    pub const TYPED: [ScopeItem; 12] = [
        ScopeItem::Name,
        ScopeItem::Years,
        ScopeItem::FullDates,
        ScopeItem::BirthPlace,
        ScopeItem::Biography,
        ScopeItem::Photo,
        ScopeItem::Service,
        ScopeItem::Fate,
        ScopeItem::Awards,
        ScopeItem::Recording,
        ScopeItem::Transcript,
        ScopeItem::FamilyStory,
    ];

    pub fn code(&self) -> &str {
        match self {
            ScopeItem::Name => "name",
            ScopeItem::Years => "years",
            ScopeItem::FullDates => "full_dates",
            ScopeItem::BirthPlace => "birth_place",
            ScopeItem::Biography => "biography",
            ScopeItem::Photo => "photo",
            ScopeItem::Service => "service",
            ScopeItem::Fate => "fate",
            ScopeItem::Awards => "awards",
            ScopeItem::Recording => "recording",
            ScopeItem::Transcript => "transcript",
            ScopeItem::FamilyStory => "family_story",
            ScopeItem::Other(word) => word,
        }
    }

    pub fn label_ru(&self) -> &str {
        match self {
            ScopeItem::Name => "ФИО",
            ScopeItem::Years => "годы жизни",
            ScopeItem::FullDates => "полные даты рождения и смерти",
            ScopeItem::BirthPlace => "место рождения",
            ScopeItem::Biography => "биография",
            ScopeItem::Photo => "фотографии",
            ScopeItem::Service => "служба (звание, часть, призыв)",
            ScopeItem::Fate => "судьба",
            ScopeItem::Awards => "награды",
            ScopeItem::Recording => "аудиозапись (голос)",
            ScopeItem::Transcript => "расшифровка и указатель",
            ScopeItem::FamilyStory => "рассказ семьи",
            ScopeItem::Other(word) => word,
        }
    }

    pub fn label_en(&self) -> &str {
        match self {
            ScopeItem::Name => "full name",
            ScopeItem::Years => "years of life",
            ScopeItem::FullDates => "full dates of birth and death",
            ScopeItem::BirthPlace => "place of birth",
            ScopeItem::Biography => "biography",
            ScopeItem::Photo => "photographs",
            ScopeItem::Service => "service (rank, unit, call-up)",
            ScopeItem::Fate => "fate",
            ScopeItem::Awards => "awards",
            ScopeItem::Recording => "recording (voice)",
            ScopeItem::Transcript => "transcript and index",
            ScopeItem::FamilyStory => "family's account",
            ScopeItem::Other(word) => word,
        }
    }

    /// Reads a code or a word of an old free-text scope; never fails (see [`ScopeItem::Other`]).
    pub fn parse(text: &str) -> ScopeItem {
        let word = crate::names::normalize(text);
        let word = word.trim_matches(|c: char| c == '.' || c == ',' || c == ';');
        let typed = ScopeItem::TYPED.into_iter().find(|i| i.code() == word);
        if let Some(item) = typed {
            return item;
        }
        match word {
            "фио" | "имя" | "фамилия, имя, отчество" | "фамилия имя отчество" => {
                ScopeItem::Name
            }
            "годы жизни" | "годы" | "год рождения" => ScopeItem::Years,
            "даты" | "даты жизни" | "дата рождения" | "даты рождения и смерти" => {
                ScopeItem::FullDates
            }
            "место рождения" => ScopeItem::BirthPlace,
            "биография" => ScopeItem::Biography,
            "фото" | "фотографии" | "фотография" | "портрет" | "изображение" => {
                ScopeItem::Photo
            }
            "служба" | "звание" | "воинская часть" | "часть" => {
                ScopeItem::Service
            }
            "судьба" => ScopeItem::Fate,
            "награды" => ScopeItem::Awards,
            "аудиозапись" | "голос" | "запись" | "видеозапись" => {
                ScopeItem::Recording
            }
            "расшифровка" | "транскрипт" | "указатель" => {
                ScopeItem::Transcript
            }
            "рассказ семьи" => ScopeItem::FamilyStory,
            _ => ScopeItem::Other(text.trim().to_string()),
        }
    }

    fn bit(&self) -> u16 {
        match self {
            ScopeItem::Name => 1,
            ScopeItem::Years => 1 << 1,
            ScopeItem::FullDates => 1 << 2,
            ScopeItem::BirthPlace => 1 << 3,
            ScopeItem::Biography => 1 << 4,
            ScopeItem::Photo => 1 << 5,
            ScopeItem::Service => 1 << 6,
            ScopeItem::Fate => 1 << 7,
            ScopeItem::Awards => 1 << 8,
            ScopeItem::Recording => 1 << 9,
            ScopeItem::Transcript => 1 << 10,
            ScopeItem::FamilyStory => 1 << 11,
            ScopeItem::Other(_) => 0,
        }
    }
}

impl From<&str> for ScopeItem {
    fn from(text: &str) -> ScopeItem {
        ScopeItem::parse(text)
    }
}

impl Serialize for ScopeItem {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for ScopeItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ScopeItem, D::Error> {
        let text = String::deserialize(d)?;
        Ok(ScopeItem::parse(&text))
    }
}

/// The fields the active consents of a record allow, as a small set. `everything` holds when
/// some consent that grants publication puts no limit on it (an empty scope, as heirs' consents
/// and public-interest decisions usually have).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FieldScope {
    everything: bool,
    bits: u16,
}

impl Default for FieldScope {
    /// Nothing granted: the scope of a record no consent covers yet.
    fn default() -> Self {
        FieldScope::NOTHING
    }
}

impl FieldScope {
    pub const EVERYTHING: FieldScope = FieldScope {
        everything: true,
        bits: 0,
    };
    pub const NOTHING: FieldScope = FieldScope {
        everything: false,
        bits: 0,
    };

    /// The scope one consent grants: an empty list limits nothing.
    pub fn of(items: &[ScopeItem]) -> FieldScope {
        if items.is_empty() {
            return FieldScope::EVERYTHING;
        }
        FieldScope {
            everything: false,
            bits: items.iter().fold(0, |bits, i| bits | i.bit()),
        }
    }

    /// What two consents grant together.
    pub fn union(self, other: FieldScope) -> FieldScope {
        FieldScope {
            everything: self.everything || other.everything,
            bits: self.bits | other.bits,
        }
    }

    pub fn is_everything(self) -> bool {
        self.everything
    }

    pub fn allows(self, item: &ScopeItem) -> bool {
        if self.everything {
            return true;
        }
        match item {
            // Full dates say the years too.
            ScopeItem::Years => {
                self.bits & (ScopeItem::Years.bit() | ScopeItem::FullDates.bit()) != 0
            }
            ScopeItem::Other(_) => false,
            item => self.bits & item.bit() != 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_free_text_scopes_read_as_typed_items() {
        let items: Vec<ScopeItem> =
            serde_json::from_str(r#"["ФИО","годы жизни","Фотографии","голос","name","что-то"]"#)
                .unwrap();
        assert_eq!(
            items,
            vec![
                ScopeItem::Name,
                ScopeItem::Years,
                ScopeItem::Photo,
                ScopeItem::Recording,
                ScopeItem::Name,
                ScopeItem::Other("что-то".into()),
            ]
        );
        assert_eq!(
            serde_json::to_string(&items[..2]).unwrap(),
            r#"["name","years"]"#
        );
    }

    #[test]
    fn an_unknown_word_restricts_but_grants_nothing() {
        let scope = FieldScope::of(&[ScopeItem::Other("непонятно".into())]);
        assert!(!scope.is_everything());
        assert!(ScopeItem::TYPED.iter().all(|i| !scope.allows(i)));
    }

    #[test]
    fn empty_scope_limits_nothing_and_unions_widen() {
        assert!(FieldScope::of(&[]).allows(&ScopeItem::Photo));
        let years = FieldScope::of(&[ScopeItem::Name, ScopeItem::Years]);
        assert!(!years.allows(&ScopeItem::FullDates));
        assert!(!years.allows(&ScopeItem::Photo));
        let both = years.union(FieldScope::of(&[ScopeItem::Photo]));
        assert!(both.allows(&ScopeItem::Photo) && both.allows(&ScopeItem::Name));
        assert!(FieldScope::of(&[ScopeItem::FullDates]).allows(&ScopeItem::Years));
        assert!(!FieldScope::NOTHING.allows(&ScopeItem::Name));
    }
}
