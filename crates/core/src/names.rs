//! Russian personal names: the one normaliser, gendered surname forms, transliteration, slugs.
//!
//! PLACEHOLDER: a helper replaces this file with the full implementation; the public API below
//! is the contract the rest of the workspace compiles against.

/// The one normaliser used everywhere names or words are compared: ё→е, lower case, accents
/// (U+0301) removed, dashes unified, spaces collapsed and trimmed.
pub fn normalize(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('ё', "е")
}

/// The family key: the normalised masculine base of a surname, so that Иванов and Иванова,
/// Петровский and Петровская, Толстой and Толстая share one key.
pub fn family_key(surname: &str) -> String {
    normalize(surname)
}

/// Cyrillic → Latin, readable (Пётр Семёнович → Pyotr Semyonovich is NOT used; we use the
/// passport-like Petr Semenovich with ya/yu, see the implementation notes).
pub fn transliterate(s: &str) -> String {
    s.to_string()
}

/// A URL slug: transliterated, lower-case ASCII letters, digits and single hyphens, at most 80
/// characters, never empty (falls back to "zapis").
pub fn slugify(s: &str) -> String {
    let t: String = transliterate(s)
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let t = t
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if t.is_empty() { "zapis".into() } else { t }
}

/// Sex suggested by a patronymic or a surname ending, when the record does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SexHint {
    Male,
    Female,
}

pub fn sex_hint(_surname: &str, _patronymic: &str) -> Option<SexHint> {
    None
}

/// PLACEHOLDER (the helper's version replaces this).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct PersonName {
    pub surname: String,
    pub given: String,
    pub patronymic: String,
    #[serde(default)]
    pub maiden: Option<String>,
    #[serde(default)]
    pub variants: Vec<String>,
}

impl PersonName {
    pub fn full(&self) -> String {
        [&self.surname, &self.given, &self.patronymic]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
    pub fn sort_key(&self) -> String {
        normalize(&self.full())
    }
}
