//! «Возможно, вы имели в виду…»: for a query that found nothing, the nearest words the base
//! knows (names, titles, historic names), the most common first — and only words the asking
//! viewer may see: a word that occurs only in records hidden from them is never offered
//! (DESIGN.md, invariant 1: the spelling dictionary is a read path too).

use crate::build::typo_distance;
use crate::error::SearchError;
use crate::schema::Fields;
use std::collections::HashMap;
use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

/// Edits a correction may take, by word length: more than the search's own typo tolerance,
/// since a suggestion is only offered, never applied.
fn max_edits(word: &str) -> usize {
    match word.chars().count() {
        0..=2 => 0,
        3..=4 => 1,
        _ => 2,
    }
}

/// The words with the unknown ones replaced, or `None` when nothing was changed.
///
/// `visible` is the viewer's gate filter (`None` for a viewer who may see everything).
pub fn correct(
    searcher: &Searcher,
    f: &Fields,
    words: &[String],
    visible: Option<&dyn Query>,
) -> Result<Option<Vec<String>>, SearchError> {
    let mut changed = false;
    let mut out = Vec::with_capacity(words.len());
    for word in words {
        if max_edits(word) == 0 || seen(searcher, f.words, word, visible)? {
            out.push(word.clone());
            continue;
        }
        match nearest(searcher, f.words, word, visible)? {
            Some(better) => {
                changed = true;
                out.push(better);
            }
            None => out.push(word.clone()),
        }
    }
    Ok(changed.then_some(out))
}

/// Whether some document the viewer may see has the word.
fn seen(
    searcher: &Searcher,
    field: Field,
    word: &str,
    visible: Option<&dyn Query>,
) -> Result<bool, SearchError> {
    let term = Term::from_field_text(field, word);
    let Some(gate) = visible else {
        return Ok(searcher.doc_freq(&term)? > 0);
    };
    let query = BooleanQuery::new(vec![
        (
            Occur::Must,
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>,
        ),
        (Occur::Must, gate.box_clone()),
    ]);
    Ok(searcher.search(&query, &Count)? > 0)
}

/// How many of the nearest words are checked against the viewer's gate before giving up.
const CANDIDATES_CHECKED: usize = 32;

/// The closest known word (fewest edits, then most documents), scanning only words that
/// share the first letter: typos at the start of a word are rare, and it keeps this fast.
fn nearest(
    searcher: &Searcher,
    field: Field,
    word: &str,
    visible: Option<&dyn Query>,
) -> Result<Option<String>, SearchError> {
    let Some(first) = word.chars().next() else {
        return Ok(None);
    };
    let limit = max_edits(word).max(usize::from(typo_distance(word)));
    let mut lo = [0u8; 4];
    let lo = first.encode_utf8(&mut lo).as_bytes().to_vec();
    let hi = char::from_u32(first as u32 + 1).map(|c| c.to_string().into_bytes());
    let mut best: HashMap<String, (usize, u64)> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut range = inverted.terms().range().ge(&lo);
        if let Some(hi) = &hi {
            range = range.lt(hi);
        }
        let mut stream = range.into_stream()?;
        while stream.advance() {
            let Ok(candidate) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if candidate.chars().count().abs_diff(word.chars().count()) > limit {
                continue;
            }
            if let Some(d) = distance(word, candidate, limit) {
                let freq = u64::from(stream.value().doc_freq);
                let entry = best.entry(candidate.to_string()).or_insert((d, 0));
                entry.1 += freq;
            }
        }
    }
    let mut ranked: Vec<(String, (usize, u64))> = best.into_iter().collect();
    ranked.sort_by(|a, b| {
        a.1.0
            .cmp(&b.1.0)
            .then(b.1.1.cmp(&a.1.1))
            .then(a.0.cmp(&b.0))
    });
    for (candidate, _) in ranked.into_iter().take(CANDIDATES_CHECKED) {
        if seen(searcher, field, &candidate, visible)? {
            return Ok(Some(candidate));
        }
    }
    Ok(None)
}

/// Levenshtein distance (with adjacent transpositions), or `None` past `limit`.
pub fn distance(a: &str, b: &str, limit: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= limit).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance() {
        assert_eq!(distance("ивонов", "иванов", 2), Some(1));
        assert_eq!(distance("иавнов", "иванов", 2), Some(1));
        assert_eq!(distance("сходня", "сходня", 2), Some(0));
        assert_eq!(distance("кот", "собака", 2), None);
    }
}
