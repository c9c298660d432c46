//! Is this hero already in the base? (issue #7: residents' submissions are matched against the
//! museum's persons before a moderator publishes them).
//!
//! Candidates come from the index with the same name analysis as search (any case form, gendered
//! surnames, typos, Latin spelling), then each is weighed on what a moderator would compare —
//! surname, given name, patronymic, birth year, birth place, unit — and every point of the score
//! has a reason in words, so the moderator sees why a match is likely, not just that it is.

use crate::error::SearchError;
use crate::index::SearchIndex;
use crate::request::Request;
use letopis_core::entities::Person;
use letopis_core::names::{family_key, nominative_candidates, normalize};
use letopis_core::phonetic::phonetic_key;
use letopis_core::record::RecordId;
use letopis_core::{Body, Kind, ViewerFilter};
use letopis_store::Store;

/// What a submission says about its hero.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Described {
    pub surname: String,
    pub given: String,
    pub patronymic: String,
    pub birth_year: Option<i32>,
    pub birth_place: String,
    pub unit: String,
}

/// A person of the base who may be the same hero.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Likely {
    pub id: RecordId,
    pub score: u32,
    /// Why, in Russian, one line per point of agreement (or disagreement).
    pub reasons: Vec<String>,
}

/// A score from which a person is shown as a likely match.
pub const LIKELY: u32 = 50;
/// How many persons the index is asked for.
const CANDIDATES: usize = 30;

impl SearchIndex {
    /// Persons the viewer may see who are likely the described hero, most likely first.
    pub fn likely_duplicates(
        &self,
        store: &dyn Store,
        hero: &Described,
        who: &ViewerFilter,
    ) -> Result<Vec<Likely>, SearchError> {
        let text = [&hero.surname, &hero.given, &hero.patronymic]
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if text.is_empty() {
            return Ok(Vec::new());
        }
        let mut request = Request::new(text);
        request.kinds = vec![Kind::Person];
        request.per_page = CANDIDATES;
        let results = self.search(store, &request, who)?;
        let mut out = Vec::new();
        for hit in results.hits {
            let Some(stored) = store.get(hit.id)? else {
                continue;
            };
            let Body::Person(person) = &stored.record.body else {
                continue;
            };
            let (score, reasons) = weigh(hero, person);
            if score >= LIKELY {
                out.push(Likely {
                    id: hit.id,
                    score,
                    reasons,
                });
            }
        }
        out.sort_by(|a, b| b.score.cmp(&a.score).then(a.id.cmp(&b.id)));
        Ok(out)
    }
}

/// The score of one person against the description, with its reasons.
pub fn weigh(hero: &Described, person: &Person) -> (u32, Vec<String>) {
    let mut score: i32 = 0;
    let mut reasons = Vec::new();
    let mut add = |points: i32, why: String| {
        score += points;
        reasons.push(why);
    };
    let name = &person.name;
    // A married woman may be described by her maiden name: it agrees as the surname would.
    let surname_agrees = match (same_word(&hero.surname, &name.surname, true), &name.maiden) {
        (Agreement::Same, _) => (Agreement::Same, &name.surname),
        (other, Some(maiden)) => match same_word(&hero.surname, maiden, true) {
            Agreement::Same => (Agreement::Same, maiden),
            _ => (other, &name.surname),
        },
        (other, None) => (other, &name.surname),
    };
    let (agreement, surname) = surname_agrees;
    if surname != &name.surname {
        add(40, format!("девичья фамилия совпадает: {surname}"));
    } else {
        match agreement {
            Agreement::Same => add(40, format!("фамилия совпадает: {}", name.surname)),
            Agreement::Sounds => add(
                30,
                format!(
                    "фамилия звучит так же (записана на слух?): {}",
                    name.surname
                ),
            ),
            Agreement::Close => add(
                25,
                format!("фамилия почти совпадает (опечатка?): {}", name.surname),
            ),
            Agreement::Initial | Agreement::Unknown => {}
            Agreement::Different => add(-40, format!("другая фамилия: {}", name.surname)),
        }
    }
    match same_word(&hero.given, &name.given, false) {
        Agreement::Same => add(20, format!("имя совпадает: {}", name.given)),
        Agreement::Sounds => add(15, format!("имя звучит так же: {}", name.given)),
        Agreement::Close => add(12, format!("имя почти совпадает: {}", name.given)),
        Agreement::Initial => add(8, format!("инициал имени совпадает: {}", name.given)),
        Agreement::Unknown => {}
        // Brothers share a surname, a patronymic and sometimes a year: a different given name
        // weighs as much as the surname.
        Agreement::Different => add(-40, format!("другое имя: {}", name.given)),
    }
    match same_word(&hero.patronymic, &name.patronymic, false) {
        Agreement::Same => add(15, format!("отчество совпадает: {}", name.patronymic)),
        Agreement::Sounds => add(10, format!("отчество звучит так же: {}", name.patronymic)),
        Agreement::Close => add(8, format!("отчество почти совпадает: {}", name.patronymic)),
        Agreement::Initial => add(
            5,
            format!("инициал отчества совпадает: {}", name.patronymic),
        ),
        Agreement::Unknown => {}
        Agreement::Different => add(-15, format!("другое отчество: {}", name.patronymic)),
    }
    let born = person
        .birth
        .as_ref()
        .and_then(|d| d.as_str().get(..4))
        .and_then(|y| y.parse::<i32>().ok());
    if let (Some(a), Some(b)) = (hero.birth_year, born) {
        match (a - b).abs() {
            0 => add(20, format!("год рождения совпадает: {b}")),
            1 => add(10, format!("год рождения отличается на год: {b}")),
            2..10 => add(-30, format!("другой год рождения: {b}")),
            // A grandson named after his grandfather shares the whole name.
            _ => add(-60, format!("другое поколение: родился в {b}")),
        }
    }
    if overlaps(&hero.birth_place, &person.birth_place) {
        add(
            10,
            format!("место рождения совпадает: {}", person.birth_place),
        );
    }
    if overlaps(&hero.unit, &person.service.unit) {
        add(15, format!("часть совпадает: {}", person.service.unit));
    }
    (score.max(0) as u32, reasons)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Agreement {
    Same,
    /// Written differently, heard the same (`letopis_core::phonetic`): Марозов, Ковальов.
    Sounds,
    /// One letter off (a typo) after normalising.
    Close,
    /// One of them is an initial of the other.
    Initial,
    /// One of them is not given.
    Unknown,
    Different,
}

/// Compares a word as a resident typed it (any case form, any gender for a surname) with the
/// record's.
fn same_word(typed: &str, stored: &str, surname: bool) -> Agreement {
    let stored_n = normalize(stored.trim());
    let typed_t = typed.trim().trim_end_matches('.');
    if typed_t.is_empty() || stored_n.is_empty() {
        return Agreement::Unknown;
    }
    let key = |w: &str| {
        if surname {
            family_key(w)
        } else {
            w.to_string()
        }
    };
    let stored_k = key(&stored_n);
    let forms = nominative_candidates(typed_t);
    if forms.iter().any(|f| key(f) == stored_k) {
        return Agreement::Same;
    }
    let typed_n = normalize(typed_t);
    let sound = phonetic_key(&stored_k);
    if sound.chars().count() > 2 && forms.iter().any(|f| phonetic_key(&key(f)) == sound) {
        return Agreement::Sounds;
    }
    if typed_n.chars().count() == 1 || stored_n.chars().count() == 1 {
        return if typed_n.chars().next() == stored_n.chars().next() {
            Agreement::Initial
        } else {
            Agreement::Different
        };
    }
    if forms
        .iter()
        .any(|f| one_edit_apart(&key(f), &stored_k) || one_edit_apart(f, &stored_n))
    {
        return Agreement::Close;
    }
    Agreement::Different
}

/// Levenshtein distance at most 1 (a typo: a letter missed, added or wrong).
fn one_edit_apart(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 1 || a.len() < 4 {
        return false;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let mut i = 0;
    let mut j = 0;
    let mut edits = 0;
    while i < short.len() && j < long.len() {
        if short[i] == long[j] {
            i += 1;
            j += 1;
            continue;
        }
        edits += 1;
        if edits > 1 {
            return false;
        }
        if short.len() == long.len() {
            i += 1;
        }
        j += 1;
    }
    edits + (long.len() - j) + (short.len() - i) <= 1
}

/// Two free-text places or units agree when one names the other («Химки» in «д. Химки
/// Московской обл.», «1-я Московская стрелковая дивизия» in «1 мсд»… only the former).
fn overlaps(a: &str, b: &str) -> bool {
    let (a, b) = (normalize(a.trim()), normalize(b.trim()));
    if a.chars().count() < 3 || b.chars().count() < 3 {
        return false;
    }
    a.contains(&b) || b.contains(&a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use letopis_core::names::PersonName;

    fn person(surname: &str, given: &str, patronymic: &str, birth: &str) -> Person {
        Person {
            name: PersonName::new(surname, given, patronymic),
            birth: letopis_core::Edtf::parse(birth).ok(),
            birth_place: "д. Химки Московской обл.".into(),
            ..Person::default()
        }
    }

    fn hero(surname: &str, given: &str, patronymic: &str, year: Option<i32>) -> Described {
        Described {
            surname: surname.into(),
            given: given.into(),
            patronymic: patronymic.into(),
            birth_year: year,
            ..Described::default()
        }
    }

    #[test]
    fn inflected_misspelt_and_feminine_forms_still_match() {
        let p = person("Иванов", "Пётр", "Семёнович", "1921");
        for (h, why) in [
            (
                hero("Иванова", "Петра", "Семёновича", Some(1921)),
                "genitive",
            ),
            (hero("Иванов", "Петр", "Семенович", Some(1921)), "ё as е"),
            (
                hero("Иваноп", "Пётр", "Семёнович", Some(1922)),
                "typo, ±1 year",
            ),
            (hero("Иванов", "П.", "С.", Some(1921)), "initials"),
        ] {
            let (score, reasons) = weigh(&h, &p);
            assert!(score >= LIKELY, "{why}: {score} {reasons:?}");
        }
        let (score, reasons) = weigh(&hero("Иванов", "Пётр", "Семёнович", Some(1921)), &p);
        assert_eq!(score, 95, "{reasons:?}");
        assert!(reasons.iter().any(|r| r == "год рождения совпадает: 1921"));
    }

    #[test]
    fn a_name_written_by_ear_or_a_maiden_name_still_matches() {
        let p = person("Морозов", "Пётр", "Семёнович", "1921");
        let (score, reasons) = weigh(&hero("Марозав", "Петр", "Симёнович", Some(1921)), &p);
        assert!(score >= LIKELY, "{score} {reasons:?}");
        assert!(
            reasons
                .iter()
                .any(|r| r.starts_with("фамилия звучит так же")),
            "{reasons:?}"
        );
        let mut wife = person("Кузнецова", "Анна", "Ивановна", "1923");
        wife.name.maiden = Some("Морозова".into());
        let (score, reasons) = weigh(&hero("Морозова", "Анна", "Ивановна", Some(1923)), &wife);
        assert!(score >= LIKELY, "{score} {reasons:?}");
        assert!(reasons.contains(&"девичья фамилия совпадает: Морозова".to_string()));
        // A different family that merely shares letters stays different.
        let (score, _) = weigh(&hero("Морозкин", "Пётр", "Семёнович", Some(1921)), &p);
        assert!(score < LIKELY);
    }

    #[test]
    fn a_namesake_of_another_generation_or_name_is_not_likely() {
        let p = person("Иванов", "Пётр", "Семёнович", "1921");
        for h in [
            hero("Иванов", "Пётр", "Семёнович", Some(1958)),
            hero("Иванов", "Николай", "Семёнович", Some(1921)),
            hero("Петров", "Пётр", "Семёнович", Some(1921)),
        ] {
            let (score, reasons) = weigh(&h, &p);
            assert!(score < LIKELY, "{h:?}: {score} {reasons:?}");
        }
    }

    #[test]
    fn place_and_unit_add_weight() {
        let mut p = person("Иванов", "Пётр", "", "1921");
        p.service.unit = "1-я Московская стрелковая дивизия".into();
        let mut h = hero("Иванов", "Пётр", "", None);
        let (without, _) = weigh(&h, &p);
        h.birth_place = "Химки".into();
        h.unit = "1-я московская стрелковая дивизия".into();
        let (with, reasons) = weigh(&h, &p);
        assert_eq!(with, without + 25, "{reasons:?}");
    }
}
