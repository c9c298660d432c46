//! Russian personal names: the one normaliser, gendered surname forms, transliteration, slugs.
//!
//! Names arrive from letters, lists of the fallen, school registers and family memory, typed by
//! different people: with or without «ё», with stress marks copied from dictionaries, with
//! typographic dashes, in the feminine form of a husband's surname. Everything that compares
//! names goes through [`normalize`] and [`family_key`] so those differences never split a family.

use serde::{Deserialize, Serialize};

/// The one normaliser used everywhere names or words are compared: ё→е, lower case, accents
/// (U+0301) removed, dashes unified, spaces collapsed and trimmed.
///
/// Decomposed letters are composed first (и + U+0306 → й), so a stress-mark cleanup never turns
/// «й» into «и». Zero-width characters and soft hyphens, common in text pasted from the web,
/// are dropped.
pub fn normalize(s: &str) -> String {
    if let Some(plain) = normalize_plain(s) {
        return plain;
    }
    let lowered = strip_marks(s).to_lowercase();
    let mapped: String = lowered
        .chars()
        .map(|c| match c {
            'ё' => 'е',
            c if is_dash(c) => '-',
            c => c,
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// [`normalize`] for text of Russian and Latin letters, digits, ASCII punctuation and ASCII
/// white space — nearly every name — in one pass, without the general Unicode case tables
/// (a tenth of the cost of indexing a person, issue #15). `None` for any other character.
fn normalize_plain(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let c = match c {
            'а'..='я' | 'a'..='z' | '0'..='9' => c,
            'А'..='Я' => char::from_u32(c as u32 + 0x20)?,
            'A'..='Z' => c.to_ascii_lowercase(),
            'ё' | 'Ё' => 'е',
            ' ' | '\t' | '\n' | '\r' | '\x0B' | '\x0C' => {
                space = !out.is_empty();
                continue;
            }
            c if c.is_ascii_punctuation() => c,
            _ => return None,
        };
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    Some(out)
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '\u{2010}' // hyphen
            | '\u{2011}' // non-breaking hyphen
            | '\u{2012}' // figure dash
            | '\u{2013}' // en dash
            | '\u{2014}' // em dash
            | '\u{2015}' // horizontal bar
            | '\u{2212}' // minus sign
            | '\u{FE58}'
            | '\u{FE63}'
            | '\u{FF0D}'
    )
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{052F}')
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}')
}

/// Composes the decomposed Cyrillic letters that matter (й, ё, ї, ў) and removes stress marks
/// and other combining marks on Cyrillic letters. Case is preserved, so transliteration can use
/// it too.
fn strip_marks(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut base: Option<char> = None;
    for c in s.chars() {
        if is_invisible(c) {
            continue;
        }
        if is_combining(c) {
            let composed = match (base, c) {
                (Some('и'), '\u{0306}') => Some('й'),
                (Some('И'), '\u{0306}') => Some('Й'),
                (Some('у'), '\u{0306}') => Some('ў'),
                (Some('У'), '\u{0306}') => Some('Ў'),
                (Some('е'), '\u{0308}') => Some('ё'),
                (Some('Е'), '\u{0308}') => Some('Ё'),
                (Some('і'), '\u{0308}') => Some('ї'),
                (Some('І'), '\u{0308}') => Some('Ї'),
                _ => None,
            };
            if let Some(letter) = composed {
                out.pop();
                out.push(letter);
                base = Some(letter);
                continue;
            }
            // Acute and grave are stress marks whatever the script; other marks are only
            // removed from Cyrillic, where they are never part of a Russian spelling.
            let stress = matches!(c, '\u{0301}' | '\u{0300}');
            if stress || base.is_some_and(is_cyrillic) {
                continue;
            }
            out.push(c);
            continue;
        }
        // Precomposed е and и with a grave accent are only ever stress marks in Russian.
        let c = match c {
            'ѐ' => 'е',
            'Ѐ' => 'Е',
            'ѝ' => 'и',
            'Ѝ' => 'И',
            c => c,
        };
        base = Some(c);
        out.push(c);
    }
    out
}

/// Applies `f` to every word of a normalised name, keeping the spaces and hyphens between them,
/// so double surnames («римский-корсаков») are handled part by part.
fn map_words(normalized: &str, f: impl Fn(&str) -> String) -> String {
    normalized
        .split(' ')
        .map(|word| word.split('-').map(&f).collect::<Vec<_>>().join("-"))
        .collect::<Vec<_>>()
        .join(" ")
}

// ---------------------------------------------------------------------------------------------
// Surnames

/// Shortest stem before -ов/-ев/-ин/-ын that is treated as a possessive surname: keeps «Ов»,
/// «Ина», «Нина» as they are.
const POSSESSIVE_MIN_STEM: usize = 2;
/// Shortest stem before an adjectival ending: keeps «Цой», «Кая» as they are.
const ADJECTIVE_MIN_STEM: usize = 3;

/// How a (normalised) surname declines for gender.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape<'a> {
    /// иванов, ильин: the masculine form itself is the base.
    PossessiveMasculine(&'a str),
    /// иванова → base «иванов».
    PossessiveFeminine(&'a str),
    /// толстой, петровский, белый, синий: stem and ending.
    AdjectiveMasculine(&'a str, &'a str),
    /// толстая, петровская, синяя: stem and ending.
    AdjectiveFeminine(&'a str, &'a str),
    /// бондаренко, шевчук, седых, ким: the same for both sexes.
    Invariable,
}

fn shape(word: &str) -> Shape<'_> {
    let stem_ok = |stem: &str, min: usize| stem.chars().count() >= min;
    for ending in ["ова", "ева", "ина", "ына"] {
        if let Some(stem) = word.strip_suffix(ending)
            && stem_ok(stem, POSSESSIVE_MIN_STEM)
        {
            return Shape::PossessiveFeminine(&word[..word.len() - 'а'.len_utf8()]);
        }
    }
    for ending in ["ов", "ев", "ин", "ын"] {
        if let Some(stem) = word.strip_suffix(ending)
            && stem_ok(stem, POSSESSIVE_MIN_STEM)
        {
            return Shape::PossessiveMasculine(word);
        }
    }
    for ending in ["ая", "яя"] {
        if let Some(stem) = word.strip_suffix(ending)
            && stem_ok(stem, ADJECTIVE_MIN_STEM)
        {
            return Shape::AdjectiveFeminine(stem, ending);
        }
    }
    for ending in ["ий", "ый", "ой"] {
        if let Some(stem) = word.strip_suffix(ending)
            && stem_ok(stem, ADJECTIVE_MIN_STEM)
        {
            return Shape::AdjectiveMasculine(stem, ending);
        }
    }
    Shape::Invariable
}

fn word_key(word: &str) -> String {
    match shape(word) {
        Shape::PossessiveMasculine(base) | Shape::PossessiveFeminine(base) => base.to_string(),
        // «-ая» may come from «-ой», «-ый» or «-ий», so the key is the bare stem: that is the
        // only choice that makes Толстой~Толстая, Белый~Белая and Петровский~Петровская agree.
        Shape::AdjectiveMasculine(stem, _) | Shape::AdjectiveFeminine(stem, _) => stem.to_string(),
        Shape::Invariable => word.to_string(),
    }
}

/// The family key: the normalised masculine base of a surname, so that Иванов and Иванова,
/// Петровский and Петровская, Толстой and Толстая share one key.
///
/// Possessive surnames keep their masculine form («иванов»); adjectival ones are cut to the
/// stem («толст», «петровск»); invariable ones (Бондаренко, Шевчук, Седых, Дюма) and short ones
/// (Ким, Ов, Ина) are only normalised. Each part of a double surname is keyed separately.
pub fn family_key(surname: &str) -> String {
    map_words(&normalize(surname), word_key)
}

/// Masculine candidates and the feminine form of one normalised word.
fn word_forms(word: &str) -> (Vec<String>, String) {
    match shape(word) {
        Shape::PossessiveMasculine(base) => (vec![base.to_string()], format!("{base}а")),
        Shape::PossessiveFeminine(base) => (vec![base.to_string()], word.to_string()),
        Shape::AdjectiveMasculine(stem, ending) => {
            // Soft stems (синий, верхний) take «-яя»; all others take «-ая».
            let feminine = if ending == "ий" && stem.ends_with('н') {
                format!("{stem}яя")
            } else {
                format!("{stem}ая")
            };
            (vec![word.to_string()], feminine)
        }
        Shape::AdjectiveFeminine(stem, "яя") => (vec![format!("{stem}ий")], word.to_string()),
        Shape::AdjectiveFeminine(stem, _) => {
            // Spelling rules: after к, г, х, ж, ш, ч, щ an unstressed ending is «-ий», elsewhere
            // «-ый»; a stressed «-ой» is possible after any stem (Толстой, Донской).
            let unstressed = if stem.ends_with(['к', 'г', 'х', 'ж', 'ш', 'ч', 'щ']) {
                "ий"
            } else {
                "ый"
            };
            (
                vec![format!("{stem}{unstressed}"), format!("{stem}ой")],
                word.to_string(),
            )
        }
        Shape::Invariable => (vec![word.to_string()], word.to_string()),
    }
}

/// Normalised masculine and feminine forms of a surname, for search: Иванов →
/// [иванов, иванова]; Петровская → [петровский, петровской, петровская].
///
/// Masculine forms come first, the feminine last; a feminine adjectival form has two possible
/// masculine ones (Толстая → толстый, толстой), both are listed, the likelier first. Invariable
/// surnames yield one form; double surnames yield their all-masculine and all-feminine forms.
/// Every form has the same [`family_key`] as the input.
pub fn surname_forms(surname: &str) -> Vec<String> {
    let normalized = normalize(surname);
    if normalized.is_empty() {
        return Vec::new();
    }
    let single_word = !normalized.contains([' ', '-']);
    let mut forms = if single_word {
        let (mut masculine, feminine) = word_forms(&normalized);
        masculine.push(feminine);
        masculine
    } else {
        vec![
            map_words(&normalized, |w| {
                word_forms(w).0.into_iter().next().unwrap_or_default()
            }),
            map_words(&normalized, |w| word_forms(w).1),
        ]
    };
    let mut seen = Vec::with_capacity(forms.len());
    forms.retain(|f| {
        let fresh = !seen.contains(f);
        if fresh {
            seen.push(f.clone());
        }
        fresh
    });
    forms
}

/// Case endings of Russian personal names and what the nominative may end in instead, longest
/// ending first: «Петра» → петр, «Андрея» → андрей, «Анной» → анна, «Петровского» → петровский.
const CASE_ENDINGS: [(&str, &[&str]); 21] = [
    ("ого", &["ий", "ый", "ой"]),
    ("его", &["ий"]),
    ("ому", &["ий", "ый", "ой"]),
    ("ему", &["ий"]),
    ("ым", &["", "ый"]),
    ("им", &["", "ий"]),
    ("ую", &["ая"]),
    ("юю", &["яя"]),
    ("ой", &["а", "", "ая"]),
    ("ей", &["я", "ь", "й", "а"]),
    ("ою", &["а"]),
    ("ею", &["я"]),
    ("ом", &["", "ий", "ой"]),
    ("ем", &["й", "ь", ""]),
    ("ы", &["а"]),
    ("и", &["а", "я", "й", "ь"]),
    ("у", &["", "а"]),
    ("ю", &["я", "й", "ь"]),
    ("е", &["", "а", "я", "й", "ь"]),
    ("а", &["", "ь", "й"]),
    ("я", &["й", "ь"]),
];

/// Shortest stem a case ending may leave: keeps «Ян», «Ия», «Ли» from turning into one letter.
const CASE_MIN_STEM: usize = 2;

/// The forms a name word met in running text may have in the nominative, for search: a relative
/// types «Иванова Петра Семёновича» and means Пётр Семёнович Иванов.
///
/// The word itself (normalised) comes first, then every nominative its case ending allows:
/// «петра» → [петра, петр, петрь, петрй]; «ивановой» → [ивановой, иванова, иванов, …];
/// «семеновича» → [семеновича, семенович, …]. Candidates that are no one's name simply match
/// nothing, so the list errs on the generous side. Surname genders are left to
/// [`family_key`], which every candidate can be passed through.
pub fn nominative_candidates(word: &str) -> Vec<String> {
    let word = normalize(word);
    let mut out = vec![word.clone()];
    if word.is_empty() || word.contains([' ', '-']) {
        return out;
    }
    for (ending, nominatives) in CASE_ENDINGS {
        let Some(stem) = word.strip_suffix(ending) else {
            continue;
        };
        if stem.chars().count() < CASE_MIN_STEM {
            continue;
        }
        for nominative in nominatives {
            let candidate = format!("{stem}{nominative}");
            if !out.contains(&candidate) {
                out.push(candidate);
            }
        }
        // Given names whose vowel drops in every case but the nominative: Павла → Павел.
        if let Some((_, nominative)) = FLEETING_VOWEL.iter().find(|(s, _)| *s == stem)
            && !out.iter().any(|c| c == nominative)
        {
            out.push((*nominative).to_string());
        }
    }
    out
}

/// Given names with a fleeting vowel: the stem of the other cases and the nominative.
const FLEETING_VOWEL: [(&str, &str); 3] = [("павл", "павел"), ("льв", "лев"), ("любв", "любовь")];

/// Sex suggested by a patronymic or a surname ending, when the record does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SexHint {
    Male,
    Female,
}

/// Guesses sex from the patronymic (reliable) and, failing that, from the surname (a hint only:
/// «Калина» or «Мартин» may mislead). Invariable surnames and empty input give `None`.
pub fn sex_hint(surname: &str, patronymic: &str) -> Option<SexHint> {
    patronymic_sex(patronymic).or_else(|| surname_sex(surname))
}

fn patronymic_sex(patronymic: &str) -> Option<SexHint> {
    let normalized = normalize(patronymic);
    // Turkic patronymics in Soviet documents put the marker last: «Али оглы», «Алиевна кызы».
    let last = normalized.split(' ').next_back()?;
    match last {
        "оглы" | "улы" => return Some(SexHint::Male),
        "кызы" | "гызы" => return Some(SexHint::Female),
        _ => {}
    }
    if last.chars().count() < 4 {
        return None;
    }
    // «-ична» covers «-инична» (Ильинична, Кузьминична, Никитична).
    if last.ends_with("вна") || last.ends_with("ична") {
        Some(SexHint::Female)
    } else if last.ends_with("ич") {
        Some(SexHint::Male)
    } else {
        None
    }
}

fn surname_sex(surname: &str) -> Option<SexHint> {
    normalize(surname)
        .split([' ', '-'])
        .find_map(|word| match shape(word) {
            Shape::PossessiveMasculine(_) | Shape::AdjectiveMasculine(..) => Some(SexHint::Male),
            Shape::PossessiveFeminine(_) | Shape::AdjectiveFeminine(..) => Some(SexHint::Female),
            Shape::Invariable => None,
        })
}

// ---------------------------------------------------------------------------------------------
// Person names

/// A person's name as the catalogue records it. Display forms keep «ё» and the spelling as
/// entered; only comparison keys are normalised.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PersonName {
    pub surname: String,
    pub given: String,
    pub patronymic: String,
    /// Surname at birth, when it changed (usually on marriage).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maiden: Option<String>,
    /// Other spellings met in sources («Ершев», «Jerschow»).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<String>,
}

/// Trims and collapses whitespace without touching letters, for display.
fn tidy(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn join_present(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| tidy(p))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// «Пётр» → «П.», «Анна-Мария» → «А.-М.»
fn initials(name: &str) -> String {
    tidy(name)
        .split(['-', ' '])
        .filter_map(|part| part.chars().next())
        .map(|c| format!("{}.", c.to_uppercase()))
        .collect::<Vec<_>>()
        .join("-")
}

impl PersonName {
    pub fn new(surname: &str, given: &str, patronymic: &str) -> PersonName {
        PersonName {
            surname: surname.to_string(),
            given: given.to_string(),
            patronymic: patronymic.to_string(),
            ..PersonName::default()
        }
    }

    /// A name read from a label as people write it («Мария Ивановна Петрова», «Петрова Мария
    /// Ивановна», «Мария Ивановна»): the word with a patronymic's ending is the patronymic, the
    /// word before it the given name, the rest the surname. Without a patronymic, two words are
    /// read as given name and surname, one word as a given name.
    pub fn guess(label: &str) -> PersonName {
        let words: Vec<&str> = label
            .split(|c: char| c.is_whitespace() || c == ',' || c == ':')
            .filter(|w| w.chars().any(char::is_alphabetic))
            .collect();
        let patronymic = words.iter().position(|w| {
            let n = normalize(w);
            ["ович", "евич", "ьич", "овна", "евна", "ична", "инична"]
                .iter()
                .any(|e| n.ends_with(e) && n.chars().count() > e.chars().count() + 1)
        });
        let mut name = PersonName::default();
        match (patronymic, words.as_slice()) {
            (Some(p), _) => {
                name.patronymic = words[p].to_string();
                if p > 0 {
                    name.given = words[p - 1].to_string();
                }
                let rest: Vec<&str> = words
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != p && Some(*i + 1) != Some(p))
                    .map(|(_, w)| *w)
                    .collect();
                name.surname = rest.join(" ");
            }
            (None, [given]) => name.given = given.to_string(),
            (None, [given, surname]) => {
                name.given = given.to_string();
                name.surname = surname.to_string();
            }
            (None, more) => name.surname = more.join(" "),
        }
        name
    }

    /// Official order, surname first: «Иванов Пётр Семёнович».
    pub fn full(&self) -> String {
        join_present(&[&self.surname, &self.given, &self.patronymic])
    }

    /// Spoken order: «Пётр Семёнович Иванов».
    pub fn natural(&self) -> String {
        join_present(&[&self.given, &self.patronymic, &self.surname])
    }

    /// Surname and initials: «Иванов П. С.».
    pub fn short(&self) -> String {
        join_present(&[
            &self.surname,
            &initials(&self.given),
            &initials(&self.patronymic),
        ])
    }

    /// Normalised full name for sorting and comparison: «иванов петр семенович».
    pub fn sort_key(&self) -> String {
        normalize(&self.full())
    }

    /// True when no part of the name holds any text.
    pub fn is_empty(&self) -> bool {
        [&self.surname, &self.given, &self.patronymic]
            .into_iter()
            .chain(self.maiden.as_ref())
            .chain(self.variants.iter())
            .all(|s| s.trim().is_empty())
    }

    /// Sex suggested by the patronymic or the surname.
    pub fn sex_hint(&self) -> Option<SexHint> {
        sex_hint(&self.surname, &self.patronymic)
    }

    /// Family keys of the surname, the maiden name and the variants, without repeats, so a
    /// search by any of them finds the person.
    pub fn family_keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = Vec::new();
        let sources = std::iter::once(&self.surname)
            .chain(self.maiden.as_ref())
            .chain(self.variants.iter());
        for source in sources {
            let key = family_key(source);
            if !key.is_empty() && !keys.contains(&key) {
                keys.push(key);
            }
        }
        keys
    }
}

// ---------------------------------------------------------------------------------------------
// Transliteration

/// Where a letter stands, for the letters whose spelling depends on it.
#[derive(Debug, Clone, Copy, Default)]
struct Context {
    /// The word has a letter only Ukrainian or Belarusian uses (і ї є ґ ў), so и and г are read
    /// the Ukrainian way: Київ → Kyiv, Григорій → Hryhoriy.
    ukrainian: bool,
    /// First letter of a word: Ukrainian ї and є are spelt yi/ye there and i/ie elsewhere.
    initial: bool,
}

/// Readable scheme (see [`transliterate`]).
fn readable(c: char, ctx: Context) -> Option<&'static str> {
    Some(match c {
        'й' => "y",
        'ю' => "yu",
        'я' => "ya",
        'ъ' => "",
        'и' if ctx.ukrainian => "y",
        'г' if ctx.ukrainian => "h",
        'ї' if ctx.initial => "yi",
        'ї' => "i",
        'є' if ctx.initial => "ye",
        'є' => "ie",
        c => return common(c),
    })
}

/// ICAO Doc 9303 scheme (see [`transliterate_passport`]).
fn passport(c: char, _: Context) -> Option<&'static str> {
    Some(match c {
        'й' => "i",
        'ю' => "iu",
        'я' => "ia",
        'ъ' => "ie",
        'ї' => "i",
        'є' => "ie",
        c => return common(c),
    })
}

/// Letters both schemes spell alike.
fn common(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ґ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' | 'ѣ' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' | 'ѵ' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ў' => "u",
        'ф' | 'ѳ' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ы' => "y",
        'ь' => "",
        _ => return None,
    })
}

/// Letters that only Ukrainian or Belarusian spelling uses.
fn is_ukrainian_letter(c: char) -> bool {
    matches!(c, 'і' | 'ї' | 'є' | 'ґ' | 'ў' | 'І' | 'Ї' | 'Є' | 'Ґ' | 'Ў')
}

/// Inside a word: letters and the Ukrainian apostrophe (м'ясо), which does not split words.
fn is_word_char(c: char) -> bool {
    is_letter(c) || matches!(c, '\'' | '’' | 'ʼ')
}

/// `c.is_alphabetic()`, with the Russian and Latin alphabets answered without the general
/// Unicode tables: transliterations and sound keys of every name are made on each import
/// (issue #15).
pub(crate) fn is_letter(c: char) -> bool {
    match c {
        'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' => true,
        c if c.is_ascii() => c.is_ascii_alphabetic(),
        c => c.is_alphabetic(),
    }
}

/// The first character of `c.to_lowercase()`, likewise.
fn lower_char(c: char) -> char {
    match c {
        'А'..='Я' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        'Ё' => 'ё',
        c if c.is_ascii() => c.to_ascii_lowercase(),
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

fn transliterate_with(s: &str, table: fn(char, Context) -> Option<&'static str>) -> String {
    let chars: Vec<char> = strip_marks(s).chars().collect();
    let mut contexts = vec![Context::default(); chars.len()];
    let mut start = 0;
    while start < chars.len() {
        let end = chars[start..]
            .iter()
            .position(|&c| !is_word_char(c))
            .map_or(chars.len(), |n| start + n);
        let ukrainian = chars[start..end].iter().any(|&c| is_ukrainian_letter(c));
        for (offset, ctx) in contexts[start..end].iter_mut().enumerate() {
            *ctx = Context {
                ukrainian,
                initial: offset == 0,
            };
        }
        start = end + 1;
    }
    let mut out = String::with_capacity(chars.len() * 2);
    for (i, (&c, &ctx)) in chars.iter().zip(&contexts).enumerate() {
        let lower = lower_char(c);
        let Some(latin) = table(lower, ctx) else {
            out.push(c);
            continue;
        };
        if lower == c || latin.is_empty() {
            out.push_str(latin);
        } else if latin.chars().count() == 1 || shouting(&chars, i) {
            out.push_str(&latin.to_uppercase());
        } else {
            // Title case for a capital: Щукин → Shchukin, not SHCHukin.
            let mut letters = latin.chars();
            if let Some(first) = letters.next() {
                out.extend(first.to_uppercase());
                out.extend(letters);
            }
        }
    }
    out
}

/// Whether the capital at `i` is part of an all-caps word (ЩУКИН), judged by its neighbours:
/// the next letter if there is one in the word, otherwise the previous one.
fn shouting(chars: &[char], i: usize) -> bool {
    match chars.get(i + 1) {
        Some(next) if next.is_alphabetic() => next.is_uppercase(),
        _ => i > 0 && chars[i - 1].is_alphabetic() && chars[i - 1].is_uppercase(),
    }
}

/// Cyrillic → Latin, readable: «Пётр Семёнович» → "Petr Semenovich" (ё is plain e, as in
/// passports, not "yo"), «Юлия» → "Yuliya".
///
/// The letters follow the Russian passport (ICAO) scheme except where ICAO hurts reading
/// (й, ю, я, ъ):
///
/// ```text
/// а a   б b   в v   г g   д d   е e   ё e   ж zh  з z   и i   й y     к k
/// л l   м m   н n   о o   п p   р r   с s   т t   у u   ф f   х kh    ц ts
/// ч ch  ш sh  щ shch      ъ –   ы y   ь –   э e   ю yu  я ya  (– = dropped)
/// ```
///
/// Ukrainian and Belarusian: і i, ґ g, ў u, ї and є as yi/ye at the start of a word and i/ie
/// inside it; in a word containing one of these letters и is y and г is h, as in Ukrainian
/// official spelling (Київ → Kyiv). Other words are read as Russian, since a name's language
/// cannot be told otherwise. Pre-1918 letters: ѣ e, ѳ f, ѵ i. Stress marks are dropped.
/// A capital gives a title-cased digraph (Щукин → Shchukin) unless the word is in capitals
/// (ЩУКИН → SHCHUKIN). Latin letters, digits and punctuation pass through unchanged.
pub fn transliterate(s: &str) -> String {
    transliterate_with(s, readable)
}

/// Cyrillic → Latin as in Russian passports since 2010 (ICAO Doc 9303): like [`transliterate`]
/// but й → i, ю → iu, я → ia, ъ → ie (and ї → i, є → ie). Search matches both spellings, since
/// relatives abroad often know the name only from a passport.
pub fn transliterate_passport(s: &str) -> String {
    transliterate_with(s, passport)
}

// ---------------------------------------------------------------------------------------------
// Slugs

const SLUG_MAX: usize = 80;
const SLUG_FALLBACK: &str = "zapis";

/// Latin letters with diacritics that names from neighbouring languages bring along.
fn fold_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ą' | 'ā' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ę' | 'ě' | 'ē' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ı' | 'ī' => "i",
        'ł' | 'ľ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ő' | 'ō' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ś' | 'š' | 'ş' => "s",
        'ß' => "ss",
        'ť' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ů' | 'ű' | 'ū' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// A URL slug: transliterated, lower-case ASCII letters, digits and single hyphens, at most 80
/// characters, never empty (falls back to "zapis").
///
/// Apostrophes and combining marks are dropped without splitting the word (O'Brien → obrien);
/// any other character separates words. A slug longer than 80 characters is cut at the last
/// word boundary that fits.
pub fn slugify(s: &str) -> String {
    let mut flat = String::new();
    for c in transliterate(s).chars() {
        if c.is_ascii_alphanumeric() {
            flat.push(c.to_ascii_lowercase());
        } else if matches!(c, '\'' | '’' | 'ʼ' | '`') || is_combining(c) {
            continue;
        } else if let Some(folded) = c.to_lowercase().next().and_then(fold_latin) {
            flat.push_str(folded);
        } else {
            flat.push('-');
        }
    }
    let mut slug = flat
        .split('-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if slug.len() > SLUG_MAX {
        // The slug is ASCII, so byte positions are character positions.
        let cut = if slug.as_bytes()[SLUG_MAX] == b'-' {
            SLUG_MAX
        } else {
            slug[..SLUG_MAX].rfind('-').unwrap_or(SLUG_MAX)
        };
        slug.truncate(cut);
    }
    if slug.is_empty() {
        SLUG_FALLBACK.into()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_letter_and_lower_case_shortcuts_agree_with_unicode() {
        for c in ('\0'..='\u{2FFF}').chain(['\u{1E9E}', '\u{10400}', '\u{1F600}']) {
            assert_eq!(super::is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(
                super::lower_char(c),
                c.to_lowercase().next().unwrap_or(c),
                "{c:?}"
            );
        }
    }

    #[test]
    fn the_plain_path_of_normalize_agrees_with_the_general_one() {
        let general = |s: &str| {
            let lowered = super::strip_marks(s).to_lowercase();
            let mapped: String = lowered
                .chars()
                .map(|c| match c {
                    'ё' => 'е',
                    c if super::is_dash(c) => '-',
                    c => c,
                })
                .collect();
            mapped.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let every: String = ('а'..='я')
            .chain('А'..='Я')
            .chain(['ё', 'Ё'])
            .chain('a'..='z')
            .chain('A'..='Z')
            .chain('0'..='9')
            .chain(
                (0u8..128)
                    .map(char::from)
                    .filter(char::is_ascii_punctuation),
            )
            .collect();
        for s in [
            every.as_str(),
            "  Семёнов-Тян-Шанский,\tПётр \r\n Петрович  ",
            "ЁЛКИНО 1941 г.",
            "",
            " \x0B\x0C ",
            "O'Brien (Обрайен)",
        ] {
            assert_eq!(
                super::normalize_plain(s).as_deref(),
                Some(general(s).as_str()),
                "{s:?}"
            );
        }
        for s in [
            "Ива\u{0301}нов",
            "Ївга",
            "Петров\u{00A0}Иван",
            "Петров\u{2014}Водкин",
            "a\x07",
        ] {
            assert_eq!(super::normalize_plain(s), None, "{s:?}");
            assert_eq!(super::normalize(s), general(s), "{s:?}");
        }
    }

    use super::*;

    // --- normalize ----------------------------------------------------------------------------

    #[test]
    fn normalize_folds_case_yo_and_spaces() {
        assert_eq!(normalize("  Пётр   СЕМЁНОВИЧ "), "петр семенович");
        assert_eq!(normalize("ЁЛКИН"), "елкин");
        assert_eq!(
            normalize("Иванов\u{00A0}Пётр\tИванович\n"),
            "иванов петр иванович"
        );
        assert_eq!(
            normalize("Анна\u{2007}\u{202F}\u{3000}Ахматова"),
            "анна ахматова"
        );
        assert_eq!(normalize(""), "");
        assert_eq!(normalize(" \u{00A0} "), "");
    }

    #[test]
    fn normalize_removes_stress_marks_but_keeps_short_i() {
        assert_eq!(normalize("Серге\u{0301}й"), "сергей");
        assert_eq!(normalize("Ива\u{0301}нов"), "иванов");
        assert_eq!(normalize("Ѝгорь"), "игорь");
        assert_eq!(normalize("ѐлка"), "елка");
        // Decomposed й and ё must survive the mark cleanup.
        assert_eq!(normalize("Андрии\u{0306}"), "андрий");
        assert_eq!(normalize("Сергеи\u{0306}"), "сергей");
        assert_eq!(normalize("Пе\u{0308}тр"), "петр");
        assert_eq!(normalize("Е\u{0308}лкин"), "елкин");
        // Other marks on Cyrillic go, the same marks on Latin stay.
        assert_eq!(normalize("ми\u{0304}р"), "мир");
        assert_eq!(normalize("Mu\u{0308}ller"), "mu\u{0308}ller");
        assert_eq!(normalize("Ива\u{00AD}нов\u{200B}"), "иванов");
    }

    #[test]
    fn normalize_unifies_dashes_and_keeps_double_surnames() {
        for dash in ['-', '‐', '‑', '‒', '–', '—', '―', '−'] {
            assert_eq!(
                normalize(&format!("Римский{dash}Корсаков")),
                "римский-корсаков"
            );
        }
        assert_eq!(normalize("Бонч‑Бруевич"), "бонч-бруевич");
    }

    // --- family_key ---------------------------------------------------------------------------

    fn same_family(a: &str, b: &str) {
        assert_eq!(family_key(a), family_key(b), "{a} ~ {b}");
    }

    #[test]
    fn family_key_matches_gendered_forms() {
        same_family("Иванов", "Иванова");
        same_family("Лебедев", "Лебедева");
        same_family("Ершёв", "Ершёва");
        same_family("Ершёв", "Ершева");
        same_family("Ильин", "Ильина");
        same_family("Птицын", "Птицына");
        same_family("Петровский", "Петровская");
        same_family("Высоцкий", "Высоцкая");
        same_family("Толстой", "Толстая");
        same_family("Белый", "Белая");
        same_family("Трубецкой", "Трубецкая");
        same_family("Горький", "Горькая");
        same_family("Синий", "Синяя");
        same_family("Римский-Корсаков", "Римская-Корсакова");
        same_family("ИВАНОВА", "иванов");
        assert_eq!(family_key("Иванова"), "иванов");
        assert_eq!(family_key("Толстая"), "толст");
        assert_eq!(family_key("Петровская"), "петровск");
        assert_eq!(family_key("Римская–Корсакова"), "римск-корсаков");
    }

    #[test]
    fn family_key_keeps_invariable_and_short_surnames() {
        for (surname, key) in [
            ("Бондаренко", "бондаренко"),
            ("Шевчук", "шевчук"),
            ("Гурьянович", "гурьянович"),
            ("Дюма", "дюма"),
            ("Седых", "седых"),
            ("Черных", "черных"),
            ("Живаго", "живаго"),
            ("Ина", "ина"),
            ("Нина", "нина"),
            ("Ким", "ким"),
            ("Ов", "ов"),
            ("Цой", "цой"),
            ("Кая", "кая"),
            ("Ева", "ева"),
            ("Smith", "smith"),
            ("", ""),
        ] {
            assert_eq!(family_key(surname), key, "{surname}");
        }
        assert_ne!(family_key("Иванов"), family_key("Ивановский"));
        assert_ne!(family_key("Ким"), family_key("Кима"));
    }

    // --- surname_forms ------------------------------------------------------------------------

    #[test]
    fn surname_forms_lists_masculine_then_feminine() {
        assert_eq!(surname_forms("Иванов"), ["иванов", "иванова"]);
        assert_eq!(surname_forms("Иванова"), ["иванов", "иванова"]);
        assert_eq!(surname_forms("Ершёва"), ["ершев", "ершева"]);
        assert_eq!(surname_forms("Ильин"), ["ильин", "ильина"]);
        assert_eq!(surname_forms("Петровский"), ["петровский", "петровская"]);
        assert_eq!(
            surname_forms("Петровская"),
            ["петровский", "петровской", "петровская"]
        );
        assert_eq!(surname_forms("Толстой"), ["толстой", "толстая"]);
        assert_eq!(surname_forms("Толстая"), ["толстый", "толстой", "толстая"]);
        assert_eq!(surname_forms("Синий"), ["синий", "синяя"]);
        assert_eq!(surname_forms("Синяя"), ["синий", "синяя"]);
        assert_eq!(surname_forms("Бондаренко"), ["бондаренко"]);
        assert_eq!(surname_forms("Ким"), ["ким"]);
        assert_eq!(
            surname_forms("Римский-Корсаков"),
            ["римский-корсаков", "римская-корсакова"]
        );
        assert!(surname_forms("  ").is_empty());
    }

    #[test]
    fn every_form_shares_the_family_key() {
        for surname in [
            "Иванов",
            "Лебедева",
            "Птицына",
            "Высоцкая",
            "Толстая",
            "Белый",
            "Синяя",
            "Римская-Корсакова",
            "Шевчук",
        ] {
            let key = family_key(surname);
            for form in surname_forms(surname) {
                assert_eq!(family_key(&form), key, "{surname} → {form}");
            }
        }
    }

    // --- nominative_candidates ----------------------------------------------------------------

    fn finds(word: &str, nominative: &str) {
        let got = nominative_candidates(word);
        assert!(got.contains(&nominative.to_string()), "{word} → {got:?}");
    }

    #[test]
    fn declined_names_lead_back_to_the_nominative() {
        finds("Петра", "петр");
        finds("Семёновича", "семенович");
        finds("Андрея", "андрей");
        finds("Игорю", "игорь");
        finds("Анной", "анна");
        finds("Марии", "мария");
        finds("Ивановны", "ивановна");
        finds("Иванову", "иванов");
        finds("Ивановым", "иванов");
        finds("Ивановой", "иванова");
        finds("Петровского", "петровский");
        finds("Петровской", "петровская");
        finds("Толстого", "толстой");
        finds("Ольге", "ольга");
        // A fleeting vowel comes back in the nominative.
        finds("Павла", "павел");
        finds("Льву", "лев");
        finds("Любови", "любовь");
        assert_eq!(nominative_candidates("Пётр")[0], "петр");
        assert_eq!(nominative_candidates("Ян"), ["ян"]);
        assert_eq!(nominative_candidates(""), [""]);
    }

    // --- sex_hint -----------------------------------------------------------------------------

    #[test]
    fn sex_from_patronymic_wins() {
        use SexHint::*;
        assert_eq!(sex_hint("Иванов", "Семёнович"), Some(Male));
        assert_eq!(sex_hint("", "Сергеевич"), Some(Male));
        assert_eq!(sex_hint("", "Ильич"), Some(Male));
        assert_eq!(sex_hint("", "Кузьмич"), Some(Male));
        assert_eq!(sex_hint("", "Петровна"), Some(Female));
        assert_eq!(sex_hint("", "Сергеевна"), Some(Female));
        assert_eq!(sex_hint("", "Ильинична"), Some(Female));
        assert_eq!(sex_hint("", "Никитична"), Some(Female));
        assert_eq!(sex_hint("", "Али оглы"), Some(Male));
        assert_eq!(sex_hint("", "Алиевна кызы"), Some(Female));
        // A feminine patronymic overrides a surname that looks masculine, and vice versa.
        assert_eq!(sex_hint("Шевчук", "Ивановна"), Some(Female));
        assert_eq!(sex_hint("Иванова", "Петрович"), Some(Male));
    }

    #[test]
    fn sex_from_surname_when_patronymic_is_silent() {
        use SexHint::*;
        for (surname, sex) in [
            ("Иванова", Female),
            ("Лебедева", Female),
            ("Ильина", Female),
            ("Петровская", Female),
            ("Высоцкая", Female),
            ("Толстая", Female),
            ("Иванов", Male),
            ("Лебедев", Male),
            ("Ильин", Male),
            ("Петровский", Male),
            ("Высоцкий", Male),
            ("Толстой", Male),
            ("Римская-Корсакова", Female),
        ] {
            assert_eq!(sex_hint(surname, ""), Some(sex), "{surname}");
        }
        for surname in ["Бондаренко", "Шевчук", "Седых", "Дюма", "Ким", "Ина", ""]
        {
            assert_eq!(sex_hint(surname, ""), None, "{surname}");
        }
        assert_eq!(sex_hint("Бондаренко", "Ич"), None);
    }

    // --- PersonName ---------------------------------------------------------------------------

    #[test]
    fn person_name_forms() {
        let n = PersonName::new("Иванов", "Пётр", "Семёнович");
        assert_eq!(n.full(), "Иванов Пётр Семёнович");
        assert_eq!(n.natural(), "Пётр Семёнович Иванов");
        assert_eq!(n.short(), "Иванов П. С.");
        assert_eq!(n.sort_key(), "иванов петр семенович");
        assert!(!n.is_empty());
        assert_eq!(n.sex_hint(), Some(SexHint::Male));

        let only = PersonName::new(" Ёлкина ", "", "");
        assert_eq!(only.full(), "Ёлкина");
        assert_eq!(only.short(), "Ёлкина");
        assert_eq!(only.natural(), "Ёлкина");

        let no_patronymic = PersonName::new("Смирнова", "Анна-Мария", "");
        assert_eq!(no_patronymic.short(), "Смирнова А.-М.");
        assert_eq!(no_patronymic.natural(), "Анна-Мария Смирнова");

        let lower = PersonName::new("ёлкин", "фёдор", "ильич");
        assert_eq!(lower.short(), "ёлкин Ф. И.");
    }

    #[test]
    fn person_name_emptiness() {
        assert!(PersonName::default().is_empty());
        assert!(PersonName::new(" ", "\u{00A0}", "").is_empty());
        let maiden_only = PersonName {
            maiden: Some("Петрова".into()),
            ..PersonName::default()
        };
        assert!(!maiden_only.is_empty());
        let variant_only = PersonName {
            variants: vec!["Ершев".into()],
            ..PersonName::default()
        };
        assert!(!variant_only.is_empty());
    }

    #[test]
    fn person_name_family_keys_cover_maiden_and_variants() {
        let n = PersonName {
            surname: "Иванова".into(),
            given: "Мария".into(),
            patronymic: "Петровна".into(),
            maiden: Some("Петровская".into()),
            variants: vec!["Иванов".into(), "Ivanova".into()],
        };
        assert_eq!(n.family_keys(), ["иванов", "петровск", "ivanova"]);
    }

    #[test]
    fn person_name_serde() {
        let n = PersonName::new("Иванов", "Пётр", "Семёнович");
        let json = serde_json::to_string(&n).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"surname":"Иванов","given":"Пётр","patronymic":"Семёнович"}"#
        );
        let back: Option<PersonName> = serde_json::from_str(&json).ok();
        assert_eq!(back, Some(n));
        let partial: Option<PersonName> = serde_json::from_str(r#"{"surname":"Ким"}"#).ok();
        assert_eq!(partial.map(|p| p.full()), Some("Ким".to_string()));
    }

    // --- transliteration ----------------------------------------------------------------------

    #[test]
    fn transliterate_readable_scheme() {
        for (cyr, lat) in [
            ("Пётр Семёнович Иванов", "Petr Semenovich Ivanov"),
            ("Щукин", "Shchukin"),
            ("ЩУКИН", "SHCHUKIN"),
            ("Жуков", "Zhukov"),
            ("ЖУКОВ", "ZHUKOV"),
            ("Хабаров", "Khabarov"),
            ("Цветаева", "Tsvetaeva"),
            ("Чехов", "Chekhov"),
            ("Шолохов", "Sholokhov"),
            ("Юрий", "Yuriy"),
            ("Яковлев", "Yakovlev"),
            ("Майя", "Mayya"),
            ("Андрей", "Andrey"),
            ("Ильин", "Ilin"),
            ("Подъячев", "Podyachev"),
            ("Крылов", "Krylov"),
            ("Эренбург", "Erenburg"),
            ("Ёлкин", "Elkin"),
            ("Серге\u{0301}й", "Sergey"),
            ("съезд", "sezd"),
            ("Улица Ленина, д. 5", "Ulitsa Lenina, d. 5"),
            ("Ж", "Zh"),
            ("ИВАНОВ Щ.", "IVANOV Shch."),
            ("ОЩ", "OSHCH"),
            ("Smith 1941", "Smith 1941"),
        ] {
            assert_eq!(transliterate(cyr), lat, "{cyr}");
        }
    }

    #[test]
    fn transliterate_ukrainian_belarusian_and_old_letters() {
        assert_eq!(transliterate("Київ"), "Kyiv");
        assert_eq!(transliterate("Євген"), "Yevhen");
        assert_eq!(transliterate("Григорій Кравець"), "Hryhoriy Kravets");
        assert_eq!(transliterate("Мирослава Гнатюк"), "Miroslava Gnatyuk");
        assert_eq!(transliterate("Україна"), "Ukraina");
        assert_eq!(transliterate("Мар'яна"), "Mar'yana");
        assert_eq!(transliterate("Мар'їна"), "Mar'ina");
        assert_eq!(transliterate("Ґудзь"), "Gudz");
        assert_eq!(transliterate("Саўка"), "Sauka");
        assert_eq!(transliterate("Ѳеодоръ"), "Feodor");
        assert_eq!(transliterate("хлѣбъ"), "khleb");
    }

    #[test]
    fn transliterate_passport_scheme() {
        assert_eq!(transliterate_passport("Юрий"), "Iurii");
        assert_eq!(transliterate_passport("Яковлев"), "Iakovlev");
        assert_eq!(transliterate_passport("Подъячев"), "Podieiachev");
        assert_eq!(transliterate_passport("Андрей Щукин"), "Andrei Shchukin");
        assert_eq!(transliterate_passport("ЮЛИЯ"), "IULIIA");
        assert_eq!(transliterate_passport("Євген"), "Ievgen");
        assert_eq!(transliterate_passport("Пётр"), "Petr");
    }

    // --- slugify ------------------------------------------------------------------------------

    #[test]
    fn slugify_examples() {
        assert_eq!(slugify("Пётр Семёнович Иванов"), "petr-semenovich-ivanov");
        assert_eq!(slugify("Улица Ленина, д. 5"), "ulitsa-lenina-d-5");
        assert_eq!(slugify("  — Римский‑Корсаков —  "), "rimskiy-korsakov");
        assert_eq!(slugify("«Катюша» (1941)"), "katyusha-1941");
        assert_eq!(slugify("Müller & O'Brien"), "muller-obrien");
        assert_eq!(slugify("Ива\u{0301}нов"), "ivanov");
        assert_eq!(slugify(""), "zapis");
        assert_eq!(slugify("!!! ---"), "zapis");
        assert_eq!(slugify("日本"), "zapis");
    }

    #[test]
    fn slugify_cuts_long_text_at_a_word_boundary() {
        let text = "Воспоминания о войне ".repeat(10);
        let slug = slugify(&text);
        assert!(slug.len() <= 80, "{slug}");
        assert!(!slug.ends_with('-'));
        assert_eq!(
            slug,
            "vospominaniya-o-voyne-vospominaniya-o-voyne-vospominaniya-o-voyne-vospominaniya"
        );

        let one_word = "а".repeat(100);
        assert_eq!(slugify(&one_word), "a".repeat(80));

        // A boundary exactly at the limit keeps the whole last word.
        let exact = format!("{}-{}", "a".repeat(80), "b".repeat(5));
        assert_eq!(slugify(&exact), "a".repeat(80));
        let words = format!("{} {}", "a".repeat(70), "b".repeat(20));
        assert_eq!(slugify(&words), "a".repeat(70));
    }
}
