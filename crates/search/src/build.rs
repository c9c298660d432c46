//! A parsed query turned into a tantivy query, by hand: no user text ever reaches tantivy's own
//! query parser, so no input can be a syntax error.
//!
//! Every word must match somewhere (AND); each word is an OR over the ways it can match, weighted
//! so that a name outranks a mention: a person's name (any case form, either gender, typos),
//! a title, a historic name, a transliteration, and last the running text. A year or a month
//! narrows by the records' dates; a place named in the query narrows to the place.

use crate::analysis::{self, RU};
use crate::document::id_term;
use crate::gazetteer::Gazetteer;
use crate::parse::{Parsed, year};
use crate::schema::Fields;
use letopis_core::edtf::month_prepositional_ru;
use letopis_core::facet::FacetName;
use letopis_core::names::{family_key, nominative_candidates};
use letopis_core::record::RecordId;
use tantivy::query::{
    BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Index, Term};

const NAME_BOOST: f32 = 6.0;
const FAMILY_BOOST: f32 = 4.0;
const LATIN_BOOST: f32 = 5.0;
const TITLE_BOOST: f32 = 3.0;
const ALT_BOOST: f32 = 3.0;
const TYPO_NAME_BOOST: f32 = 2.0;
const TYPO_WORD_BOOST: f32 = 1.0;
const INITIAL_BOOST: f32 = 3.0;
/// Words found close together in one text («письма … треугольниками, мама читала их вслух»)
/// outrank the same words scattered over a record (a letter that has «письмо», a «мама» and a
/// «треугольник» in three different places).
const PROXIMITY_BOOST: f32 = 1.5;
/// Positions each word may stray from the typed order, for the proximity boost.
const PROXIMITY_SLOP_PER_WORD: u32 = 3;

/// The query built from what a visitor typed.
pub struct Plan {
    /// All words required; `None` when nothing searchable was typed.
    pub strict: Option<Box<dyn Query>>,
    /// All words but one required, tried when the strict query finds nothing.
    pub relaxed: Option<Box<dyn Query>>,
    /// The place the query named, if any.
    pub place: Option<RecordId>,
    /// The year and month the query named, if any.
    pub year: Option<i32>,
    pub month: Option<u8>,
    /// The words that were searched as words (not as a date or a place), for spelling advice.
    pub words: Vec<String>,
}

pub struct Builder<'a> {
    pub index: &'a Index,
    pub f: &'a Fields,
    pub gazetteer: &'a Gazetteer,
}

impl Builder<'_> {
    pub fn plan(&self, parsed: &Parsed) -> Plan {
        let stop = analysis::stop_words();
        let mut words: Vec<String> = parsed.words.clone();
        if words.iter().any(|w| !stop.contains(w)) {
            words.retain(|w| !stop.contains(w));
        }
        let mut fixed: Vec<Box<dyn Query>> = Vec::new();

        let year = words.iter().find_map(|w| year(w));
        let mut month = None;
        if let Some(y) = year {
            words.retain(|w| self::year(w) != Some(y));
            let stems: Vec<String> = words.iter().map(|w| self.stem(w)).collect();
            if let Some((i, m)) = stems
                .iter()
                .enumerate()
                .find_map(|(i, s)| month_of(self, s).map(|m| (i, m)))
            {
                month = Some(m);
                words.remove(i);
            }
            fixed.push(self.date_clause(y, month));
        }

        let mut place = None;
        // Each word's stem, computed once: the gazetteer, the word's clause and the proximity
        // clause all read it.
        let mut stems: Vec<String> = words.iter().map(|w| self.stem(w)).collect();
        if let Some(found) = self.gazetteer.find(&stems) {
            place = Some(found.place.id);
            fixed.push(self.place_clause(&found.place));
            let kept = |i: &usize| !found.consumed.contains(i);
            words = words
                .into_iter()
                .enumerate()
                .filter(|(i, _)| kept(i))
                .map(|(_, w)| w)
                .collect();
            stems = stems
                .into_iter()
                .enumerate()
                .filter(|(i, _)| kept(i))
                .map(|(_, s)| s)
                .collect();
        }

        for phrase in &parsed.phrases {
            if let Some(q) = self.phrase_clause(phrase) {
                fixed.push(q);
            }
        }

        let word_clauses: Vec<Box<dyn Query>> = words
            .iter()
            .zip(&stems)
            .map(|(w, stem)| self.word_clause(w, stem))
            .collect();
        let initials: Vec<Box<dyn Query>> = parsed
            .initials
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let marker = if i == 0 { "g" } else { "p" };
                boost(
                    term_query(self.f.initial, &format!("{marker}{c}")),
                    INITIAL_BOOST,
                )
            })
            .collect();

        let mut ranking = initials;
        ranking.extend(self.proximity_clause(&stems));
        let strict = combine(&fixed, &word_clauses, &ranking, word_clauses.len());
        let relaxed = (word_clauses.len() >= 2)
            .then(|| combine(&fixed, &word_clauses, &ranking, word_clauses.len() - 1))
            .flatten();
        Plan {
            strict,
            relaxed,
            place,
            year,
            month,
            words,
        }
    }

    /// The Russian stem of a normalised word ("" for a stop word).
    pub fn stem(&self, word: &str) -> String {
        analysis::analyse(self.index, RU, word)
            .into_iter()
            .next()
            .map(|a| a.text)
            .unwrap_or_default()
    }

    /// The words near each other, in about the order typed, in one running text: a ranking
    /// clause only, never a condition.
    fn proximity_clause(&self, stems: &[String]) -> Option<Box<dyn Query>> {
        let stems: Vec<&String> = stems.iter().filter(|s| !s.is_empty()).collect();
        if stems.len() < 2 {
            return None;
        }
        let mut near = PhraseQuery::new(
            stems
                .iter()
                .map(|s| Term::from_field_text(self.f.body, s))
                .collect(),
        );
        near.set_slop(PROXIMITY_SLOP_PER_WORD * stems.len() as u32);
        Some(boost(Box::new(near), PROXIMITY_BOOST))
    }

    /// One word, matched any way it can be.
    fn word_clause(&self, word: &str, stem: &str) -> Box<dyn Query> {
        let f = self.f;
        let mut any = self.name_matches(word);
        let distance = typo_distance(word);
        // A stop word typed on its own has no stem; it is looked for as typed.
        let stem = if stem.is_empty() { word } else { stem };
        any.push(boost(term_query(f.title_text, stem), TITLE_BOOST));
        any.push(boost(term_query(f.alt, stem), ALT_BOOST));
        any.push(term_query(f.body, stem));
        if distance > 0 {
            any.push(boost(fuzzy(f.words, word, distance), TYPO_WORD_BOOST));
        }
        should(any)
    }

    /// The ways a word can be part of a person's name: any case form, either gender, a typo,
    /// a transliteration.
    fn name_matches(&self, word: &str) -> Vec<Box<dyn Query>> {
        let f = self.f;
        let mut any: Vec<Box<dyn Query>> = Vec::new();
        let distance = typo_distance(word);
        if word.chars().all(|c| c.is_ascii_alphanumeric()) {
            any.push(boost(term_query(f.latin, word), LATIN_BOOST));
            if distance > 0 {
                any.push(boost(fuzzy(f.latin, word, distance), TYPO_NAME_BOOST));
            }
            return any;
        }
        for (i, candidate) in nominative_candidates(word).into_iter().enumerate() {
            // The word as typed is likelier than a form guessed from its ending.
            let weight = if i == 0 { 1.0 } else { 0.8 };
            any.push(boost(term_query(f.name, &candidate), NAME_BOOST * weight));
            any.push(boost(
                term_query(f.family, &family_key(&candidate)),
                FAMILY_BOOST * weight,
            ));
        }
        if distance > 0 {
            any.push(boost(fuzzy(f.name, word, distance), TYPO_NAME_BOOST));
        }
        any
    }

    fn phrase_clause(&self, phrase: &str) -> Option<Box<dyn Query>> {
        let terms = analysis::analyse(self.index, RU, phrase);
        let first = terms.first()?.position;
        if terms.len() == 1 {
            let stem = &terms[0].text;
            return Some(should(vec![
                term_query(self.f.body, stem),
                boost(term_query(self.f.title_text, stem), TITLE_BOOST),
                boost(term_query(self.f.alt, stem), ALT_BOOST),
            ]));
        }
        let in_field = |field: Field| -> Box<dyn Query> {
            Box::new(PhraseQuery::new_with_offset(
                terms
                    .iter()
                    .map(|a| {
                        (
                            a.position.saturating_sub(first),
                            Term::from_field_text(field, &a.text),
                        )
                    })
                    .collect(),
            ))
        };
        // Names have no word positions; a quoted name matches when every word is in the name.
        let as_name: Vec<(Occur, Box<dyn Query>)> = analysis::words(phrase)
            .iter()
            .map(|w| (Occur::Must, should(self.name_matches(w))))
            .collect();
        Some(should(vec![
            in_field(self.f.body),
            boost(in_field(self.f.title_text), TITLE_BOOST),
            boost(in_field(self.f.alt), ALT_BOOST),
            Box::new(BooleanQuery::new(as_name)),
        ]))
    }

    /// A year (and month): the record's dates touch it, or its text names it.
    fn date_clause(&self, year: i32, month: Option<u8>) -> Box<dyn Query> {
        let f = self.f;
        let y = year.to_string();
        match month {
            None => should(vec![
                term_query(f.when, &format!("y{year}")),
                term_query(f.body, &y),
                term_query(f.title_text, &y),
            ]),
            Some(m) => {
                let month_stem = self.stem(month_prepositional_ru(m));
                should(vec![
                    term_query(f.when, &format!("m{year}{m:02}")),
                    Box::new(BooleanQuery::new(vec![
                        (Occur::Must, term_query(f.body, &y)),
                        (Occur::Must, term_query(f.body, &month_stem)),
                    ])),
                ])
            }
        }
    }

    /// The place itself, what is related to it (or to its district), and texts that name it.
    fn place_clause(&self, place: &crate::gazetteer::GazetteerPlace) -> Box<dyn Query> {
        let f = self.f;
        let mut any: Vec<Box<dyn Query>> = vec![
            Box::new(TermQuery::new(
                Term::from_field_u64(f.rid, id_term(place.id)),
                IndexRecordOption::Basic,
            )),
            term_query(
                f.facet,
                &format!("{}={}", FacetName::Place.code(), place.id.0),
            ),
        ];
        if let Some(district) = &place.district {
            any.push(term_query(
                f.facet,
                &format!("{}={district}", FacetName::District.code()),
            ));
        }
        for variant in &place.variants {
            for field in [f.body, f.title_text, f.alt] {
                let q: Box<dyn Query> = if variant.len() == 1 {
                    term_query(field, &variant[0])
                } else {
                    Box::new(PhraseQuery::new(
                        variant
                            .iter()
                            .map(|t| Term::from_field_text(field, t))
                            .collect(),
                    ))
                };
                any.push(q);
            }
        }
        should(any)
    }
}

/// The month a stem names, if any («ноябрь», «ноября», «ноябре» → 11).
fn month_of(builder: &Builder<'_>, stem: &str) -> Option<u8> {
    if stem.is_empty() {
        return None;
    }
    (1..=12u8).find(|&m| builder.stem(month_prepositional_ru(m)) == stem)
}

/// Edits a typo may take: none in short words (too many real words are one letter apart),
/// one in ordinary words, two in long ones.
pub fn typo_distance(word: &str) -> u8 {
    match word.chars().count() {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// `fixed` and the words required; `ranking` (initials, proximity) only ranks — except initials
/// typed alone, which must match.
fn combine(
    fixed: &[Box<dyn Query>],
    words: &[Box<dyn Query>],
    ranking: &[Box<dyn Query>],
    required_words: usize,
) -> Option<Box<dyn Query>> {
    if fixed.is_empty() && words.is_empty() && ranking.is_empty() {
        return None;
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> =
        fixed.iter().map(|q| (Occur::Must, q.box_clone())).collect();
    if required_words == words.len() {
        clauses.extend(words.iter().map(|q| (Occur::Must, q.box_clone())));
    } else {
        let mut some = BooleanQuery::new(
            words
                .iter()
                .map(|q| (Occur::Should, q.box_clone()))
                .collect(),
        );
        some.set_minimum_number_should_match(required_words);
        clauses.push((Occur::Must, Box::new(some)));
    }
    // Initials alone must match; beside a surname they only rank the right person first.
    let occur = if fixed.is_empty() && words.is_empty() {
        Occur::Must
    } else {
        Occur::Should
    };
    clauses.extend(ranking.iter().map(|q| (occur, q.box_clone())));
    Some(Box::new(BooleanQuery::new(clauses)))
}

pub fn term_query(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

fn fuzzy(field: Field, text: &str, distance: u8) -> Box<dyn Query> {
    Box::new(FuzzyTermQuery::new(
        Term::from_field_text(field, text),
        distance,
        true,
    ))
}

fn boost(q: Box<dyn Query>, by: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(q, by))
}

fn should(any: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        any.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}
