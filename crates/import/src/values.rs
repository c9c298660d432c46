//! Cell values as working groups write them: dates the way Russian spreadsheets show them, sex and
//! fate in words, sources in one cell. Each parser returns the Russian reason on failure, without
//! the line and column (the caller adds those).

use letopis_core::entities::{Citation, Fate, Sex};
use letopis_core::names::normalize;

pub use letopis_core::edtf::written::{date_to_edtf, parse_date};

/// Sex as written: м / муж / мужской / m / male, ж / жен / женский / f / female; empty → `None`.
pub fn parse_sex(raw: &str) -> Result<Option<Sex>, String> {
    let v = normalize(raw);
    let v = v.trim_end_matches('.');
    match v {
        "" => Ok(None),
        "м" | "муж" | "мужской" | "мужчина" | "m" | "male" => Ok(Some(Sex::Male)),
        "ж" | "жен" | "женский" | "женщина" | "f" | "female" => {
            Ok(Some(Sex::Female))
        }
        _ => Err(format!(
            "неизвестное значение пола «{}»; допустимо: м, муж, мужской, ж, жен, женский (или m, male, f, female), либо пустая ячейка",
            raw.trim()
        )),
    }
}

/// The accepted Russian words for each fate, masculine and feminine; the first one is listed in
/// error messages.
const FATE_WORDS: [(&str, Fate); 17] = [
    ("вернулся", Fate::Returned),
    ("вернулась", Fate::Returned),
    ("вернулся с фронта", Fate::Returned),
    ("вернулась с фронта", Fate::Returned),
    ("погиб", Fate::Killed),
    ("погибла", Fate::Killed),
    ("убит", Fate::Killed),
    ("убита", Fate::Killed),
    ("пропал без вести", Fate::Missing),
    ("пропала без вести", Fate::Missing),
    ("умер от ран", Fate::DiedOfWounds),
    ("умерла от ран", Fate::DiedOfWounds),
    ("погиб в плену", Fate::DiedInCaptivity),
    ("погибла в плену", Fate::DiedInCaptivity),
    ("умер в плену", Fate::DiedInCaptivity),
    ("умерла в плену", Fate::DiedInCaptivity),
    ("пережил войну", Fate::Survived),
];

/// Fate in Russian words (either gender) or as the English code; empty → `None`.
pub fn parse_fate(raw: &str) -> Result<Option<Fate>, String> {
    let v = normalize(raw);
    let v = v.trim_end_matches('.');
    if v.is_empty() {
        return Ok(None);
    }
    if v == "пережила войну" {
        return Ok(Some(Fate::Survived));
    }
    if let Some((_, fate)) = FATE_WORDS.iter().find(|(word, _)| *word == v) {
        return Ok(Some(*fate));
    }
    if let Some(fate) = Fate::from_code(&v.replace([' ', '-'], "_")) {
        return Ok(Some(fate));
    }
    Err(format!(
        "неизвестная судьба «{}»; допустимо: вернулся (вернулась), погиб (погибла, убит, убита), пропал (пропала) без вести, умер (умерла) от ран, погиб (умер) в плену, пережил (пережила) войну, или коды {}",
        raw.trim(),
        Fate::ALL.map(Fate::code).join(", ")
    ))
}

/// One source per `;` or line; empty pieces dropped.
pub fn parse_sources(raw: &str) -> Vec<Citation> {
    raw.split([';', '\n', '\r'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| Citation {
            text: s.to_string(),
            ..Citation::default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sex_and_fate_words() {
        assert_eq!(parse_sex("Муж.").unwrap(), Some(Sex::Male));
        assert_eq!(parse_sex("ж").unwrap(), Some(Sex::Female));
        assert_eq!(parse_sex(" ").unwrap(), None);
        assert!(parse_sex("x").unwrap_err().contains("«x»"));
        assert_eq!(parse_fate("Погибла").unwrap(), Some(Fate::Killed));
        assert_eq!(
            parse_fate("пропала  без вести").unwrap(),
            Some(Fate::Missing)
        );
        assert_eq!(
            parse_fate("умер в плену").unwrap(),
            Some(Fate::DiedInCaptivity)
        );
        assert_eq!(
            parse_fate("died_of_wounds").unwrap(),
            Some(Fate::DiedOfWounds)
        );
        assert_eq!(parse_fate("Пережила войну").unwrap(), Some(Fate::Survived));
        let err = parse_fate("ранен").unwrap_err();
        assert!(err.contains("«ранен»") && err.contains("пропал (пропала) без вести"));
    }

    #[test]
    fn sources_split_on_semicolons_and_lines() {
        let s = parse_sources("ЦАМО, ф. 58, оп. 18001, д. 123; ОБД «Мемориал»\nсемейный архив;; ");
        let texts: Vec<&str> = s.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "ЦАМО, ф. 58, оп. 18001, д. 123",
                "ОБД «Мемориал»",
                "семейный архив"
            ]
        );
    }
}
