//! How text becomes terms: one word splitter whose words go through the one name normaliser
//! (`letopis_core::names::normalize`: ё→е, case, stress marks), then, for running text, Russian
//! stop words and the Russian Snowball stemmer.
//!
//! Three analyzers, registered on the index under these names:
//! - [`RU`]: running text (biographies, transcripts, titles): normalised, stop words out, stemmed.
//! - [`PLAIN`]: normalised words only, for names, transliterations and spelling suggestions,
//!   where a stemmer does harm («Иванов» and «Иван» share the stem «иван»).

use letopis_core::names::normalize;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use tantivy::Index;
use tantivy::tokenizer::{
    Language, RawTokenizer, Stemmer, StopWordFilter, TextAnalyzer, Token, TokenFilter, TokenStream,
    Tokenizer,
};

pub const RU: &str = "letopis_ru";
pub const PLAIN: &str = "letopis_plain";

/// Words longer than this are noise (a pasted URL, a run of letters) and are not indexed.
const MAX_WORD_BYTES: usize = 80;

/// Splits text into words: runs of letters and digits, with the stress marks, soft hyphens and
/// zero-width characters that pasted text carries kept inside the word so that the normaliser
/// can drop them without splitting «Ива́нов» in two.
#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
}

pub struct WordStream<'a> {
    text: &'a str,
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    token: &'a mut Token,
}

/// Whether `c` starts a word. The Russian and Latin alphabets and digits are answered without
/// the general Unicode tables, whose lookup was the tokenizer's largest cost on Russian text.
fn is_word_start(c: char) -> bool {
    match c {
        'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' => true,
        c if c.is_ascii() => c.is_ascii_alphanumeric(),
        c => c.is_alphanumeric(),
    }
}

fn is_word_char(c: char) -> bool {
    is_word_start(c)
        || matches!(c, '\u{0300}'..='\u{036F}' | '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        WordStream {
            text,
            chars: text.char_indices().peekable(),
            token: &mut self.token,
        }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            let start = loop {
                match self.chars.next() {
                    Some((i, c)) if is_word_start(c) => break i,
                    Some(_) => {}
                    None => return false,
                }
            };
            let mut end = self.text.len();
            while let Some(&(i, c)) = self.chars.peek() {
                if !is_word_char(c) {
                    end = i;
                    break;
                }
                self.chars.next();
            }
            let word = &self.text[start..end];
            if word.len() > MAX_WORD_BYTES {
                continue;
            }
            self.token.text.clear();
            if !normalize_plain_word(word, &mut self.token.text) {
                self.token.text.clear();
                self.token.text.push_str(&normalize(word));
            }
            self.token.offset_from = start;
            self.token.offset_to = end;
            self.token.position = self.token.position.wrapping_add(1);
            return true;
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Normalises a word made only of Russian or Latin letters and digits straight into `out` — what
/// `normalize` does to such a word (lower case, ё → е) without its passes and allocations.
/// Returns false, with `out` partly written, for any other character, which the caller then
/// leaves to `normalize`.
fn normalize_plain_word(word: &str, out: &mut String) -> bool {
    for c in word.chars() {
        let lowered = match c {
            'а'..='я' | '0'..='9' | 'a'..='z' => c,
            'А'..='Я' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
            'A'..='Z' => c.to_ascii_lowercase(),
            'ё' | 'Ё' => 'е',
            _ => return false,
        };
        out.push(lowered);
    }
    true
}

/// Russian stop words, normalised the way the index sees them («её» → «ее»).
pub fn stop_words() -> &'static HashSet<String> {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| RUSSIAN_STOP_WORDS.iter().map(|w| normalize(w)).collect())
}

/// Function words that carry no meaning in a search. Kept short and explicit: a name such as
/// «Вера» or «Надежда» must never be dropped.
const RUSSIAN_STOP_WORDS: &[&str] = &[
    "и",
    "в",
    "во",
    "не",
    "что",
    "он",
    "на",
    "я",
    "с",
    "со",
    "как",
    "а",
    "то",
    "все",
    "она",
    "так",
    "его",
    "но",
    "да",
    "ты",
    "к",
    "у",
    "же",
    "вы",
    "за",
    "бы",
    "по",
    "только",
    "ее",
    "мне",
    "было",
    "вот",
    "от",
    "меня",
    "еще",
    "нет",
    "о",
    "из",
    "ему",
    "теперь",
    "когда",
    "даже",
    "ну",
    "вдруг",
    "ли",
    "если",
    "уже",
    "или",
    "ни",
    "быть",
    "был",
    "него",
    "до",
    "вас",
    "нибудь",
    "опять",
    "уж",
    "вам",
    "ведь",
    "там",
    "потом",
    "себя",
    "ничего",
    "ей",
    "может",
    "они",
    "тут",
    "где",
    "есть",
    "надо",
    "ней",
    "для",
    "мы",
    "тебя",
    "их",
    "чем",
    "была",
    "сам",
    "чтоб",
    "без",
    "будто",
    "чего",
    "раз",
    "тоже",
    "себе",
    "под",
    "будет",
    "ж",
    "тогда",
    "кто",
    "этот",
    "того",
    "потому",
    "этого",
    "какой",
    "совсем",
    "ним",
    "здесь",
    "этом",
    "один",
    "почти",
    "мой",
    "тем",
    "чтобы",
    "нее",
    "были",
    "куда",
    "зачем",
    "всех",
    "никогда",
    "можно",
    "при",
    "наконец",
    "два",
    "об",
    "другой",
    "хоть",
    "после",
    "над",
    "больше",
    "тот",
    "через",
    "эти",
    "нас",
    "про",
    "всего",
    "них",
    "какая",
    "много",
    "разве",
    "три",
    "эту",
    "моя",
    "впрочем",
    "хорошо",
    "свою",
    "этой",
    "перед",
    "иногда",
    "лучше",
    "чуть",
    "том",
    "нельзя",
    "такой",
    "им",
    "более",
    "всегда",
    "конечно",
    "всю",
    "между",
    "это",
    "the",
    "of",
    "and",
];

/// Registers the analyzers on an index.
pub fn register(index: &Index) {
    let ru = TextAnalyzer::builder(WordTokenizer::default())
        .filter(StopWordFilter::remove(
            RUSSIAN_STOP_WORDS.iter().map(|w| normalize(w)),
        ))
        .filter(RememberedStems)
        .build();
    let plain = TextAnalyzer::builder(WordTokenizer::default()).build();
    index.tokenizers().register(RU, ru);
    index.tokenizers().register(PLAIN, plain);
}

/// The Russian Snowball stemmer, remembering the stems it made: running text repeats its words
/// (a hundred thousand biographies share a few tens of thousands of them), and stemming each
/// anew was a tenth of an import's indexing (issue #15). Each indexing thread and field has a
/// copy of its own, which forgets everything when full.
#[derive(Clone)]
struct RememberedStems;

/// Stems a copy remembers at most.
const REMEMBERED_STEMS: usize = 50_000;

impl TokenFilter for RememberedStems {
    type Tokenizer<T: Tokenizer> = RememberedStemsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> RememberedStemsFilter<T> {
        RememberedStemsFilter {
            inner: tokenizer,
            stems: HashMap::new(),
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::Russian))
                .build(),
        }
    }
}

#[derive(Clone)]
struct RememberedStemsFilter<T> {
    inner: T,
    stems: HashMap<String, String>,
    /// The stemmer itself, over one word at a time.
    stemmer: TextAnalyzer,
}

impl<T: Tokenizer> Tokenizer for RememberedStemsFilter<T> {
    type TokenStream<'a> = RememberedStemsStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        RememberedStemsStream {
            tail: self.inner.token_stream(text),
            stems: &mut self.stems,
            stemmer: &mut self.stemmer,
        }
    }
}

struct RememberedStemsStream<'a, T> {
    tail: T,
    stems: &'a mut HashMap<String, String>,
    stemmer: &'a mut TextAnalyzer,
}

impl<T: TokenStream> TokenStream for RememberedStemsStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.stems.get(&token.text) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let stem = {
            let mut stream = self.stemmer.token_stream(&token.text);
            match stream.next() {
                Some(stemmed) => stemmed.text.clone(),
                None => token.text.clone(),
            }
        };
        if self.stems.len() >= REMEMBERED_STEMS {
            self.stems.clear();
        }
        let word = std::mem::replace(&mut token.text, stem.clone());
        self.stems.insert(word, stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// A term of analysed text with its position, for phrase queries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysed {
    pub position: usize,
    pub text: String,
}

/// Runs `text` through the named analyzer of `index` (falls back to the plain splitter).
pub fn analyse(index: &Index, analyzer: &str, text: &str) -> Vec<Analysed> {
    let mut analyzer = index
        .tokenizers()
        .get(analyzer)
        .unwrap_or_else(|| TextAnalyzer::from(WordTokenizer::default()));
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(Analysed {
            position: token.position,
            text: token.text.clone(),
        });
    }
    out
}

/// The normalised words of `text`, in order.
pub fn words(text: &str) -> Vec<String> {
    let mut tokenizer = WordTokenizer::default();
    let mut stream = tokenizer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_normalised_and_keep_stress_marks_inside() {
        assert_eq!(
            words("Ива\u{0301}нов, Пётр СЕМЁНОВИЧ — 1941 г."),
            ["иванов", "петр", "семенович", "1941", "г"]
        );
        assert!(words("!!! ??? «»").is_empty());
    }

    #[test]
    fn the_fast_path_agrees_with_the_normaliser() {
        let every_letter: String = ('а'..='я')
            .chain('А'..='Я')
            .chain(['ё', 'Ё'])
            .chain('a'..='z')
            .chain('A'..='Z')
            .chain('0'..='9')
            .collect();
        for word in [every_letter.as_str(), "ЁЛКИНО", "Semёnov", "1941"] {
            let mut fast = String::new();
            assert!(normalize_plain_word(word, &mut fast), "{word}");
            assert_eq!(fast, normalize(word), "{word}");
        }
        // Anything else goes to the normaliser: a stress mark, a Ukrainian letter, Greek.
        for word in ["Ива\u{0301}нов", "Ївга", "Σίσυφος"] {
            assert!(!normalize_plain_word(word, &mut String::new()), "{word}");
        }
        assert_eq!(words("Ївга Σίσυφος"), ["ївга", "σίσυφος"]);
    }

    #[test]
    fn running_text_is_stemmed_without_stop_words() {
        let index = Index::create_in_ram(tantivy::schema::Schema::builder().build());
        register(&index);
        let terms: Vec<String> = analyse(&index, RU, "эвакуации завода в Ёлкино")
            .into_iter()
            .map(|a| a.text)
            .collect();
        assert_eq!(terms, ["эвакуац", "завод", "елкин"]);
        let same: Vec<String> = analyse(&index, RU, "эвакуация заводы")
            .into_iter()
            .map(|a| a.text)
            .collect();
        assert_eq!(same, ["эвакуац", "завод"]);
    }

    /// The remembered stems are the stemmer's: the same text through the analyzer with and
    /// without the memory, twice over (the second time every stem is remembered).
    #[test]
    fn remembered_stems_are_the_stemmers() {
        let text = "Участвовал в обороне подступов к Москве осенью 1941 года в составе ополчения. \
                    Жена с тремя детьми всю войну работала в колхозе и ждала мужа домой, \
                    а мужья и жёны ждали писем; Ёлкино, ёлки, Ива\u{0301}нову";
        let mut plain = TextAnalyzer::builder(WordTokenizer::default())
            .filter(StopWordFilter::remove(
                RUSSIAN_STOP_WORDS.iter().map(|w| normalize(w)),
            ))
            .filter(Stemmer::new(Language::Russian))
            .build();
        let index = Index::create_in_ram(tantivy::schema::Schema::builder().build());
        register(&index);
        let mut remembering = index.tokenizers().get(RU).expect("registered");
        let terms = |analyzer: &mut TextAnalyzer| {
            let mut stream = analyzer.token_stream(text);
            let mut out = Vec::new();
            while let Some(t) = stream.next() {
                out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
            }
            out
        };
        let expected = terms(&mut plain);
        assert!(expected.len() > 20, "{expected:?}");
        assert_eq!(terms(&mut remembering), expected);
        assert_eq!(terms(&mut remembering), expected);
    }
}
