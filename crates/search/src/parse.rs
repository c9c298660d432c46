//! What a visitor typed, read without any query syntax: words, «quoted phrases», initials
//! («П. С.») and years. Nothing here can fail: quotes may be unbalanced, the text may be all
//! punctuation or ten thousand characters long; the worst outcome is an empty query.

use crate::analysis::words;
use letopis_core::names::normalize;

/// Longer input is cut: no real query is longer, and every word costs a clause.
pub const MAX_QUERY_CHARS: usize = 300;
/// Words beyond this are ignored, for the same reason.
pub const MAX_WORDS: usize = 12;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Normalised words outside quotes, in order.
    pub words: Vec<String>,
    /// The text of each quoted phrase.
    pub phrases: Vec<String>,
    /// Initial letters, in order (first the given name's, then the patronymic's).
    pub initials: Vec<char>,
    /// True when the input was cut to [`MAX_QUERY_CHARS`] or [`MAX_WORDS`].
    pub truncated: bool,
}

impl Parsed {
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.phrases.is_empty() && self.initials.is_empty()
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '«' | '»' | '„' | '“' | '”')
}

pub fn parse(input: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let text: String = input.chars().take(MAX_QUERY_CHARS).collect();
    parsed.truncated = text.len() < input.len();
    // Quotes alternate between outside and inside; an unbalanced quote runs to the end.
    let mut outside = String::new();
    let mut phrase = String::new();
    let mut in_phrase = false;
    for c in text.chars() {
        if is_quote(c) {
            if in_phrase && !phrase.trim().is_empty() {
                parsed.phrases.push(std::mem::take(&mut phrase));
            }
            phrase.clear();
            in_phrase = !in_phrase;
            outside.push(' ');
        } else if in_phrase {
            phrase.push(c);
        } else {
            outside.push(c);
        }
    }
    if in_phrase && !phrase.trim().is_empty() {
        parsed.phrases.push(phrase);
    }
    // A quoted single word is just that word, searched every way a word is (a name, too).
    parsed.phrases.retain(|p| {
        let w = words(p);
        if w.len() > 1 {
            return true;
        }
        parsed.words.extend(w);
        false
    });
    for chunk in outside.split_whitespace() {
        if let Some(letters) = initials(chunk) {
            parsed.initials.extend(letters);
            continue;
        }
        parsed.words.extend(words(chunk));
    }
    // A lone capital letter among other words is an initial typed without its dot («Иванов П С»);
    // a lone lower-case one is a preposition («в», «с») and goes with the stop words.
    if parsed.words.len() > 1 {
        let capitals: Vec<usize> = outside
            .split_whitespace()
            .filter_map(single_capital)
            .map(|c| c as usize)
            .collect();
        if !capitals.is_empty() {
            let mut kept = Vec::new();
            for word in parsed.words.drain(..) {
                let mut chars = word.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if capitals.contains(&(c as usize)) => {
                        parsed.initials.push(c);
                    }
                    _ => kept.push(word),
                }
            }
            parsed.words = kept;
        }
    }
    parsed.truncated |= parsed.words.len() > MAX_WORDS;
    parsed.words.truncate(MAX_WORDS);
    parsed.phrases.truncate(MAX_WORDS);
    parsed.initials.truncate(2);
    parsed
}

/// «П.», «П.С.», «п.с.»: letters each followed by a dot.
fn initials(chunk: &str) -> Option<Vec<char>> {
    let chunk = chunk.trim_matches(|c: char| c == ',' || c == ';');
    let chars: Vec<char> = chunk.chars().collect();
    if chars.is_empty() || !chars.len().is_multiple_of(2) {
        return None;
    }
    let mut out = Vec::new();
    for pair in chars.chunks(2) {
        if pair[0].is_alphabetic() && pair[1] == '.' {
            out.push(normalize(&pair[0].to_string()).chars().next()?);
        } else {
            return None;
        }
    }
    Some(out)
}

/// A one-letter capital chunk («П»), normalised to lower case.
fn single_capital(chunk: &str) -> Option<char> {
    let chunk = chunk.trim_matches(|c: char| !c.is_alphanumeric());
    let mut chars = chunk.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_uppercase() => normalize(&c.to_string()).chars().next(),
        _ => None,
    }
}

/// A year typed as a word: «1941», «1941г», «1941-й».
pub fn year(word: &str) -> Option<i32> {
    let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
    let rest = &word[digits.len()..];
    if digits.len() != 4 || !matches!(rest, "" | "г" | "гг" | "го" | "й" | "м") {
        return None;
    }
    digits.parse().ok().filter(|y| (1800..=2100).contains(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_phrases_and_initials() {
        let p = parse("Иванов П. С. «эвакуации завода»");
        assert_eq!(p.words, ["иванов"]);
        assert_eq!(p.initials, ['п', 'с']);
        assert_eq!(p.phrases, ["эвакуации завода"]);
        let q = parse("иванов П.С.");
        assert_eq!(q.initials, ['п', 'с']);
        let r = parse("Иванов П С");
        assert_eq!(
            (r.words.clone(), r.initials.clone()),
            (vec!["иванов".to_string()], vec!['п', 'с'])
        );
        let s = parse("дети в эвакуации");
        assert_eq!(s.words, ["дети", "в", "эвакуации"]);
        assert!(s.initials.is_empty());
    }

    #[test]
    fn hostile_input_gives_an_empty_or_short_query() {
        assert!(parse("").is_empty());
        assert!(parse("!!! ??? ... ---").is_empty());
        assert!(parse("AND OR NOT ( ) [ ] { } : ^ ~ * \\").words.len() <= 3);
        assert!(parse("\"\"\"").is_empty());
        let unbalanced = parse("\"эвакуация завода");
        assert_eq!(unbalanced.phrases, ["эвакуация завода"]);
        let long = parse(&"слово ".repeat(2000));
        assert!(long.truncated);
        assert_eq!(long.words.len(), MAX_WORDS);
    }

    #[test]
    fn years() {
        assert_eq!(year("1941"), Some(1941));
        assert_eq!(year("1941г"), Some(1941));
        assert_eq!(year("194"), None);
        assert_eq!(year("9999"), None);
        assert_eq!(year("1941abc"), None);
    }
}
