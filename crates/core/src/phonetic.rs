//! Russian phonetic keys for names: what a name sounds like, so that the spellings a clerk, a
//! hospital register or a relative abroad gave one name agree.
//!
//! Wartime lists were written by ear. The key folds exactly the differences hearing leaves open:
//! - unstressed vowels: аканье (Морозов ~ Марозов), иканье (Степанов ~ Стипанов), ё/е/о, я/а,
//!   ю/у, ы/и, й/и (Гайнутдинов ~ Гаинутдинов), a soft sign before a vowel (Софья ~ София);
//! - consonants: devoicing at the end and before a voiceless consonant, voicing before a voiced
//!   one (Зайцев ~ Зайцеф, Ковалёв ~ Kovaleff), doubled letters (Кириллов ~ Кирилов), clusters
//!   heard as one sound (тс/дс/тц → ц, дж → ж, сч → щ, стн → сн, тд → д);
//! - Ukrainian and Belarusian letters and forms (і ї є ґ ў; -ьов/-йов as -ёв: Ковальов ~ Ковалёв);
//! - Tatar and Bashkir transcriptions (Гайнутдинов ~ Гайнуддинов, Габдуллин ~ Абдуллин,
//!   Мухаметзянов ~ Мухаметжанов, Хабибуллин ~ Хабибулин);
//! - a name written in Latin letters is first read back into Cyrillic (Volkoff ~ Волков,
//!   Jerschow ~ Ершов).
//!
//! A key is for finding candidates and for ranking them below exact and inflected matches; it
//! errs on the generous side, since a wrong candidate is ranked down while a missed one is lost.
//! Surnames are keyed from their [`family_key`](crate::names::family_key), so Иванова and
//! Иванов share a key as well.

use crate::names::normalize;

/// The phonetic key of one name word (a surname's family key, a given name, a patronymic).
/// Empty for a word with no letters.
pub fn phonetic_key(word: &str) -> String {
    let word = normalize(word);
    let cyrillic = if word.chars().any(|c| c.is_ascii_alphabetic()) {
        from_latin(&word)
    } else {
        word
    };
    let mut text: String = cyrillic
        .chars()
        .filter_map(|c| match c {
            'і' | 'ї' => Some('и'),
            'є' => Some('е'),
            'ґ' => Some('г'),
            'ў' => Some('в'),
            'ъ' => Some('ь'),
            c if crate::names::is_letter(c) => Some(c),
            _ => None,
        })
        .collect();
    if let Some(rest) = text.strip_prefix("габд") {
        text = format!("абд{rest}");
    }
    for (from, to) in CLUSTERS {
        if holds(&text, from) {
            text = text.replace(from, to);
        }
    }
    sounds(&text)
}

/// `text.contains(part)` for a word and a letter group: compared byte by byte, which for a
/// word of a few letters costs a fraction of setting up the general substring search (done
/// 18 times for every name of every imported person, issue #15). UTF-8 makes a match of the
/// bytes a match of the letters.
fn holds(text: &str, part: &str) -> bool {
    text.as_bytes()
        .windows(part.len())
        .any(|w| w == part.as_bytes())
}

/// Letter groups heard as one sound, longest first.
const CLUSTERS: [(&str, &str); 18] = [
    ("ьо", "е"),
    ("йо", "е"),
    ("тьс", "ц"),
    ("тск", "цк"),
    ("дск", "цк"),
    ("тс", "ц"),
    ("дс", "ц"),
    ("тц", "ц"),
    ("дц", "ц"),
    ("дж", "ж"),
    ("тч", "ч"),
    ("сч", "щ"),
    ("зч", "щ"),
    ("стн", "сн"),
    ("здн", "зн"),
    ("тд", "д"),
    ("дт", "т"),
    ("зя", "жя"),
];

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'а' | 'о' | 'я' | 'е' | 'э' | 'и' | 'ы' | 'й' | 'у' | 'ю' | 'ё'
    )
}

/// The voiceless partner of a voiced consonant.
fn voiceless(c: char) -> Option<char> {
    Some(match c {
        'б' => 'п',
        'в' => 'ф',
        'г' => 'к',
        'д' => 'т',
        'ж' => 'ш',
        'з' => 'с',
        _ => return None,
    })
}

fn is_voiceless(c: char) -> bool {
    matches!(c, 'п' | 'ф' | 'к' | 'т' | 'ш' | 'с' | 'х' | 'ц' | 'ч' | 'щ')
}

/// Voiced consonants that voice a voiceless one before them (в does not: «свет», «твой»).
fn voices(c: char) -> bool {
    matches!(c, 'б' | 'г' | 'д' | 'ж' | 'з')
}

fn voiced(c: char) -> char {
    match c {
        'п' => 'б',
        'ф' => 'в',
        'к' => 'г',
        'т' => 'д',
        'ш' => 'ж',
        'с' => 'з',
        c => c,
    }
}

/// Vowels to three classes, consonants to what is heard, doubled sounds once.
fn sounds(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        // The next letter that is not a soft sign: what this one is heard before.
        let next = chars[i + 1..].iter().copied().find(|&n| n != 'ь');
        let sound = match c {
            'а' | 'о' | 'я' => 'а',
            'е' | 'э' | 'и' | 'ы' | 'й' | 'ё' => 'и',
            'у' | 'ю' => 'у',
            // A soft sign before a vowel is heard as «й» (Софья ~ София), elsewhere not at all.
            'ь' => match chars.get(i + 1) {
                Some(&n) if is_vowel(n) => 'и',
                _ => continue,
            },
            c => match next {
                None => voiceless(c).unwrap_or(c),
                Some(n) if is_voiceless(n) => voiceless(c).unwrap_or(c),
                Some(n) if voices(n) => voiced(c),
                _ => c,
            },
        };
        if out.last() != Some(&sound) {
            out.push(sound);
        }
    }
    out.into_iter().collect()
}

/// Latin letters read back into Cyrillic the way Russian names are transliterated (passport,
/// readable and German spellings), longest group first.
fn from_latin(word: &str) -> String {
    const GROUPS: [(&str, &str); 22] = [
        ("shch", "щ"),
        ("tsch", "ч"),
        ("sch", "ш"),
        ("zh", "ж"),
        ("kh", "х"),
        ("ts", "ц"),
        ("tz", "ц"),
        ("ch", "ч"),
        ("sh", "ш"),
        ("yu", "ю"),
        ("iu", "ю"),
        ("ju", "ю"),
        ("ya", "я"),
        ("ia", "я"),
        ("ja", "я"),
        ("ye", "е"),
        ("je", "е"),
        ("yo", "е"),
        ("jo", "е"),
        ("ff", "ф"),
        ("ck", "к"),
        ("w", "в"),
    ];
    let mut rest = word;
    let mut out = String::with_capacity(word.len() * 2);
    'outer: while !rest.is_empty() {
        for (latin, cyrillic) in GROUPS {
            if let Some(after) = rest.strip_prefix(latin) {
                out.push_str(cyrillic);
                rest = after;
                continue 'outer;
            }
        }
        let mut chars = rest.chars();
        let c = chars.next().unwrap_or(' ');
        rest = chars.as_str();
        out.push(match c {
            'a' => 'а',
            'b' => 'б',
            'v' => 'в',
            'g' => 'г',
            'd' => 'д',
            'e' => 'е',
            'z' => 'з',
            'i' => 'и',
            'y' => 'й',
            'j' => 'й',
            'k' | 'c' | 'q' => 'к',
            'l' => 'л',
            'm' => 'м',
            'n' => 'н',
            'o' => 'о',
            'p' => 'п',
            'r' => 'р',
            's' => 'с',
            't' => 'т',
            'u' => 'у',
            'f' => 'ф',
            'h' => 'х',
            'x' => 'х',
            c => c,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::family_key;

    #[test]
    fn a_letter_group_is_found_as_contains_finds_it() {
        for word in [
            "",
            "т",
            "тсь",
            "братск",
            "дзюдо",
            "подстанция",
            "зять",
            "tsk",
            "ьо",
        ] {
            for (from, _) in CLUSTERS {
                assert_eq!(holds(word, from), word.contains(from), "{word} {from}");
            }
        }
    }

    fn key(surname: &str) -> String {
        phonetic_key(&family_key(surname))
    }

    /// Variant pairs met in loss reports, hospital books and memory books: each pair is one
    /// family.
    #[test]
    fn variants_of_one_name_share_a_key() {
        let pairs = [
            // аканье, иканье, ё
            ("Морозов", "Марозов"),
            ("Волков", "Валкав"),
            ("Тихонов", "Тиханав"),
            ("Симонов", "Симанав"),
            ("Степанов", "Стипанов"),
            ("Медведев", "Медвидев"),
            ("Королёв", "Королев"),
            ("Королёв", "Каралёв"),
            ("Соловьёв", "Соловьев"),
            ("Воробьёв", "Воробьов"),
            // devoicing, doubled letters, -оф
            ("Зайцев", "Зайцеф"),
            ("Кириллов", "Кирилов"),
            ("Голубев", "Голлубев"),
            ("Филиппов", "Филипов"),
            ("Аксёнов", "Аксенов"),
            ("Смирнов", "Смирноф"),
            // clusters
            ("Кудрявцев", "Кудрявтсев"),
            ("Братский", "Брацкий"),
            ("Городецкий", "Городетский"),
            // Ukrainian and Belarusian
            ("Ковалёв", "Ковальов"),
            ("Ковалёва", "Ковальова"),
            ("Григорьев", "Григорєв"),
            ("Шевченко", "Шевченко"),
            ("Ткаченко", "Ткачэнко"),
            // Tatar and Bashkir transcriptions
            ("Гайнутдинов", "Гайнуддинов"),
            ("Гайнутдинов", "Гаинутдинов"),
            ("Габдуллин", "Абдуллин"),
            ("Мухаметзянов", "Мухаметжанов"),
            ("Хабибуллин", "Хабибулин"),
            ("Гиниятуллин", "Гиниатуллин"),
            ("Мухаметшин", "Мухамедшин"),
            // Latin
            ("Волков", "Volkoff"),
            ("Ершов", "Jerschow"),
            ("Жуков", "Zhukov"),
            ("Щербаков", "Shcherbakov"),
            // gender, through the family key
            ("Петровская", "Петровский"),
            ("Иванова", "Иванов"),
        ];
        for (a, b) in pairs {
            assert_eq!(key(a), key(b), "{a} ~ {b}");
        }
    }

    #[test]
    fn given_names_and_patronymics_written_by_ear_agree() {
        let pairs = [
            ("Софья", "София"),
            ("Наталья", "Наталия"),
            ("Марья", "Мария"),
            ("Григорий", "Григорей"),
            ("Пётр", "Петр"),
            ("Васильевич", "Василиевич"),
            ("Андреевич", "Андриевич"),
            ("Фёдор", "Федор"),
            ("Фёдор", "Fedor"),
            ("Семёнович", "Семенович"),
        ];
        for (a, b) in pairs {
            assert_eq!(phonetic_key(a), phonetic_key(b), "{a} ~ {b}");
        }
    }

    /// Different families stay apart, so a key narrows rather than floods.
    #[test]
    fn different_names_keep_different_keys() {
        let pairs = [
            ("Волков", "Валиков"),
            ("Морозов", "Морозкин"),
            ("Иванов", "Ивашов"),
            ("Петров", "Петрищев"),
            ("Черных", "Чернов"),
            ("Седых", "Седов"),
            ("Шевченко", "Шевчук"),
            ("Попов", "Поповкин"),
            ("Сидоров", "Сазонов"),
            ("Котов", "Кошелев"),
        ];
        for (a, b) in pairs {
            assert_ne!(key(a), key(b), "{a} ≁ {b}");
        }
    }

    #[test]
    fn words_without_letters_have_no_key() {
        assert_eq!(phonetic_key(""), "");
        assert_eq!(phonetic_key("1941 —"), "");
    }
}
