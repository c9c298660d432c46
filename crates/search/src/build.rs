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
use crate::schema::{Fields, ROLE_GIVEN, ROLE_PATRONYMIC, ROLE_SURNAME, sound_term};
use letopis_core::edtf::month_prepositional_ru;
use letopis_core::facet::FacetName;
use letopis_core::names::{family_key, nominative_candidates};
use letopis_core::record::RecordId;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, FuzzyTermQuery, Occur,
    PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Index, Searcher, Term};

const NAME_BOOST: f32 = 6.0;
const FAMILY_BOOST: f32 = 4.0;
const LATIN_BOOST: f32 = 5.0;
const TITLE_BOOST: f32 = 3.0;
const ALT_BOOST: f32 = 3.0;
const TYPO_NAME_BOOST: f32 = 2.0;
const TYPO_WORD_BOOST: f32 = 1.0;
const SOUND_BOOST: f32 = 2.0;

/// A query word found as a part of a person's name in its role (surname, given name,
/// patronymic) scores this much, whatever the word's frequency, so that a person whose every
/// part agrees with the query outranks anyone matching only some parts, and a namesake who
/// shares only the given name and patronymic gains nothing from a short or rare surname. How
/// the part was found adds its tier: the form as typed, then an inflected or gendered form, then
/// the sound, then a typo.
const ROLE_FOUND: f32 = 10.0;
const TIER_EXACT: f32 = 4.0;
/// A maiden name or another known surname as typed: between the surname itself and a form.
const TIER_FORMER: f32 = 3.5;
const TIER_INFLECTED: f32 = 3.0;
const TIER_SOUND: f32 = 2.0;
const TIER_TYPO: f32 = 1.0;
/// An initial agrees less than a whole given name but says which namesake is meant.
const TIER_INITIAL: f32 = 1.0;
/// Scales the name scores above what the words' text matches can add up to (a name word's
/// BM25 score reaches about 60), so the text decides only between equal names.
const NAME_WEIGHT: f32 = 100.0;
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
    /// Persons whose name is the one asked for — every name word agrees with a part of the name
    /// as typed, in another case or gender form or by its sound — for «67 человек с таким
    /// именем». `None` unless at least two words were typed that can be parts of a name.
    pub same_name: Option<Box<dyn Query>>,
}

pub struct Builder<'a> {
    pub index: &'a Index,
    pub f: &'a Fields,
    pub gazetteer: &'a Gazetteer,
    /// The index as the query will see it: which name forms exist at all.
    pub searcher: &'a Searcher,
}

impl Builder<'_> {
    pub fn plan(&self, parsed: &Parsed) -> Plan {
        let stop = analysis::stop_words();
        let mut words: Vec<String> = parsed.words.clone();
        // A stop word may be a name («Ли», «Ко», «Он»): it does not have to match, but it
        // ranks a person whose name it is.
        let mut dropped: Vec<String> = Vec::new();
        if words.iter().any(|w| !stop.contains(w)) {
            words.retain(|w| {
                let keep = !stop.contains(w);
                if !keep {
                    dropped.push(w.clone());
                }
                keep
            });
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
                role_score(
                    term_query(self.f.initial, &format!("{marker}{c}")),
                    TIER_INITIAL,
                )
            })
            .collect();

        let mut ranking = initials;
        ranking.extend(
            words
                .iter()
                .chain(&dropped)
                .filter_map(|w| self.name_part_clause(w)),
        );
        ranking.extend(self.proximity_clause(&stems));
        // «Иванов И. П.»: the given name's initial beside a surname is part of the name asked
        // for, so it is a condition (among a region's 37,000 Ивановых it also spares ranking
        // them all); a record with no given name is still found by the relaxed query.
        let given_initial = parsed
            .initials
            .first()
            .filter(|_| !word_clauses.is_empty())
            .map(|c| term_query(self.f.initial, &format!("g{c}")));
        let (strict, relaxed) = match given_initial {
            Some(initial) => {
                let mut with_initial: Vec<Box<dyn Query>> =
                    fixed.iter().map(|q| q.box_clone()).collect();
                with_initial.push(initial);
                (
                    combine(&with_initial, &word_clauses, &ranking, word_clauses.len()),
                    combine(&fixed, &word_clauses, &ranking, word_clauses.len()),
                )
            }
            None => (
                combine(&fixed, &word_clauses, &ranking, word_clauses.len()),
                (word_clauses.len() >= 2)
                    .then(|| combine(&fixed, &word_clauses, &ranking, word_clauses.len() - 1))
                    .flatten(),
            ),
        };
        let same_name = self.same_name_clause(&words);
        Plan {
            strict,
            relaxed,
            place,
            year,
            month,
            words,
            same_name,
        }
    }

    /// Every word a part of the person's name, as typed, in another case or gender form, or by
    /// its sound.
    fn same_name_clause(&self, words: &[String]) -> Option<Box<dyn Query>> {
        let f = self.f;
        let name_like = |w: &String| w.chars().all(char::is_alphabetic) && !w.is_ascii();
        if words.len() < 2 || !words.iter().all(name_like) {
            return None;
        }
        let parts = words
            .iter()
            .map(|w| {
                let candidates = nominative_candidates(w);
                let mut any: Vec<Box<dyn Query>> = Vec::new();
                for candidate in &candidates {
                    any.push(term_query(f.family, &family_key(candidate)));
                    any.push(term_query(f.surname, candidate));
                    any.push(term_query(f.former, candidate));
                    any.push(term_query(f.given, candidate));
                    any.push(term_query(f.patronymic, candidate));
                }
                // «Валкав Илья» asks for the Волковы Ильи: a name written by ear is the name.
                any.extend(self.sound_matches(&candidates));
                (Occur::Must, should(any))
            })
            .collect();
        Some(Box::new(BooleanQuery::new(parts)))
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
        if distance > 0 && !self.exists(f.words, word) {
            any.push(boost(fuzzy(f.words, word, distance), TYPO_WORD_BOOST));
        }
        should(any)
    }

    /// Whether some record has `text` in `field`. A word that exists as typed is not also
    /// looked for among the words of titles a typo away, nor ranked as a typo in a name role:
    /// walking the term dictionaries with fuzzy automata is the largest cost of a fresh search.
    fn exists(&self, field: Field, text: &str) -> bool {
        self.searcher
            .doc_freq(&Term::from_field_text(field, text))
            .is_ok_and(|n| n > 0)
    }

    /// How well a word agrees with a part of a person's name, read in each role: the best of
    /// its surname, given-name and patronymic matches, scored by [`ROLE_FOUND`] and the tier of
    /// the match. A ranking clause only; `None` for a word that cannot be a name.
    fn name_part_clause(&self, word: &str) -> Option<Box<dyn Query>> {
        let f = self.f;
        if word.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        let latin = word.chars().all(|c| c.is_ascii_alphanumeric());
        let candidates = if latin {
            vec![word.to_string()]
        } else {
            nominative_candidates(word)
        };
        let distance = typo_distance(word);
        let mut tiers: Vec<Box<dyn Query>> = sound_terms(&candidates)
            .iter()
            .map(|t| role_score(term_query(f.sound, t), TIER_SOUND))
            .collect();
        if !latin {
            tiers.push(role_score(term_query(f.surname, word), TIER_EXACT));
            tiers.push(role_score(term_query(f.former, word), TIER_FORMER));
            tiers.push(role_score(term_query(f.given, word), TIER_EXACT));
            tiers.push(role_score(term_query(f.patronymic, word), TIER_EXACT));
        }
        let mut families: Vec<String> = Vec::new();
        for (i, candidate) in candidates.iter().enumerate() {
            let family = family_key(candidate);
            if !latin && !families.contains(&family) {
                tiers.push(role_score(term_query(f.family, &family), TIER_INFLECTED));
                families.push(family.clone());
            }
            if !latin && i > 0 {
                tiers.push(role_score(term_query(f.given, candidate), TIER_INFLECTED));
                tiers.push(role_score(
                    term_query(f.patronymic, candidate),
                    TIER_INFLECTED,
                ));
            }
        }
        // A word that is some person's name part as typed or in another form is read as that,
        // not as a typo of another: its typo tiers are left out (see `exists`).
        let known = !latin
            && (families.iter().any(|k| self.exists(f.family, k))
                || candidates
                    .iter()
                    .any(|c| self.exists(f.given, c) || self.exists(f.patronymic, c)));
        if distance > 0 && !latin && !known {
            // One slip is likelier than two: a surname one edit away outranks one two away.
            if distance > 1 {
                tiers.push(role_score(
                    fuzzy(f.family, &family_key(word), 1),
                    TIER_TYPO + 0.5,
                ));
            }
            tiers.push(role_score(
                fuzzy(f.family, &family_key(word), distance),
                TIER_TYPO,
            ));
            tiers.push(role_score(fuzzy(f.given, word, distance), TIER_TYPO));
            tiers.push(role_score(fuzzy(f.patronymic, word, distance), TIER_TYPO));
        }
        Some(Box::new(DisjunctionMaxQuery::new(tiers)))
    }

    /// The phonetic keys of a word in every name role: a name written by ear is still found.
    fn sound_matches(&self, candidates: &[String]) -> Vec<Box<dyn Query>> {
        sound_terms(candidates)
            .iter()
            .map(|t| boost(term_query(self.f.sound, t), SOUND_BOOST))
            .collect()
    }

    /// The ways a word can be part of a person's name: any case form, either gender, its
    /// sound, a typo, a transliteration.
    fn name_matches(&self, word: &str) -> Vec<Box<dyn Query>> {
        let f = self.f;
        let mut any: Vec<Box<dyn Query>> = Vec::new();
        let distance = typo_distance(word);
        if word.chars().all(|c| c.is_ascii_alphanumeric()) {
            any.push(boost(term_query(f.latin, word), LATIN_BOOST));
            if distance > 0 {
                any.push(boost(fuzzy(f.latin, word, distance), TYPO_NAME_BOOST));
            }
            if !word.chars().any(|c| c.is_ascii_digit()) {
                any.extend(self.sound_matches(&[word.to_string()]));
            }
            return any;
        }
        let candidates = nominative_candidates(word);
        any.extend(self.sound_matches(&candidates));
        for (i, candidate) in candidates.into_iter().enumerate() {
            // The word as typed is likelier than a form guessed from its ending.
            let weight = if i == 0 { 1.0 } else { 0.8 };
            any.push(boost(term_query(f.name, &candidate), NAME_BOOST * weight));
            any.push(boost(
                term_query(f.family, &family_key(&candidate)),
                FAMILY_BOOST * weight,
            ));
        }
        // Always, even for a name that exists as typed: a clerk's slip in the record
        // («Волгов» for Волков) is found by the right name.
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

/// The `sound` terms of a word's nominative candidates in every name role, without repeats.
fn sound_terms(candidates: &[String]) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for candidate in candidates {
        let family = family_key(candidate);
        for term in [
            sound_term(ROLE_SURNAME, &family),
            sound_term(ROLE_GIVEN, candidate),
            sound_term(ROLE_PATRONYMIC, candidate),
        ]
        .into_iter()
        .flatten()
        {
            if !terms.contains(&term) {
                terms.push(term);
            }
        }
    }
    terms
}

/// A name part found in its role with a match of `tier`: a fixed score, see [`ROLE_FOUND`].
fn role_score(q: Box<dyn Query>, tier: f32) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(q, (ROLE_FOUND + tier) * NAME_WEIGHT))
}

fn boost(q: Box<dyn Query>, by: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(q, by))
}

fn should(any: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        any.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}
