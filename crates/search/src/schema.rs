//! The index's fields. One tantivy document per record (`unit` = [`UNIT_RECORD`]) plus one per
//! moment of an interview — a short window of transcript cues or an index segment — that a hit
//! can link to with `?t=` (`unit` = [`UNIT_MOMENT`]). Every document carries its record's id,
//! facets and audience, so filtering, counting and the gate work the same on both.

use crate::analysis::{PLAIN, RU};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

/// Bumped whenever the fields or the way documents are built change: an index written by an
/// older build is then rebuilt on start instead of answering with half-missing fields.
/// 2: interviews no longer carry a period facet (their recording date is not a war year).
/// 3: a person's name parts in their roles and their phonetic keys (`surname`, `former`,
/// `given`, `patronymic`, `sound`).
/// 4: all of a record's documents in one segment (a bulk build had split an interview's moments
/// between segments, and the facets counted it once in each).
pub const SCHEMA_VERSION: u32 = 4;

/// The role marks of `sound` terms: `s` + the key of a surname, `g` of a given name, `p` of a
/// patronymic.
pub const ROLE_SURNAME: char = 's';
pub const ROLE_GIVEN: char = 'g';
pub const ROLE_PATRONYMIC: char = 'p';

/// The `sound` term of a name part in `role`: the role mark and the phonetic key of `word`
/// (for a surname, of its family key). `None` for a word with no letters.
pub fn sound_term(role: char, word: &str) -> Option<String> {
    let key = letopis_core::phonetic::phonetic_key(word);
    (!key.is_empty()).then(|| format!("{role}{key}"))
}

pub const UNIT_RECORD: u64 = 0;
pub const UNIT_MOMENT: u64 = 1;

/// `open_from` of a record without an embargo.
pub const NO_EMBARGO: i64 = 0;
/// `date` of a record without a date: sorts last.
pub const NO_DATE: i64 = i64::MAX;

#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The record id: every document of a record shares it, so one delete removes them all.
    pub rid: Field,
    pub unit: Field,
    /// Start of a moment, in milliseconds.
    pub t_ms: Field,
    /// `kind=person`, `type=soldier`, `fate=killed`, `period=1942`, `place=17`,
    /// `district=Сходня`, `tag=…`: indexed for filters, fast for counting.
    pub facet: Field,
    /// The audience (see `letopis_core::access::Audience`), for the query-time gate.
    pub reach: Field,
    pub groups: Field,
    pub open_from: Field,
    pub age: Field,
    /// `y1941` and `m194111` for every year and month the record's dates touch.
    pub when: Field,
    /// Earliest day (YYYYMMDD) for sorting by date.
    pub date: Field,
    /// Alphabetical position for sorting by name (see [`name_rank`]).
    pub name_rank: Field,
    /// Display title (stored; shown in suggestions before the store confirms the record).
    pub title: Field,
    /// Titles of records other than persons, analysed as Russian text.
    pub title_text: Field,
    /// A person's given name, patronymic and every form of the surname, maiden name and
    /// variants, normalised, unstemmed.
    pub name: Field,
    /// Family keys of the surname, maiden name and variants (Иванов ~ Иванова).
    pub family: Field,
    /// A person's surname, normalised, as written: the surname role of a full-name query.
    pub surname: Field,
    /// The other surnames a person was known by (maiden name, variants), normalised.
    pub former: Field,
    /// The given name, normalised.
    pub given: Field,
    /// The patronymic, normalised.
    pub patronymic: Field,
    /// Phonetic keys of the name's parts, marked with their role (`s`, `g`, `p`): names written
    /// by ear (see `letopis_core::phonetic`).
    pub sound: Field,
    /// `g` + first letter of the given name, `p` + of the patronymic, for «Иванов П. С.».
    pub initial: Field,
    /// Latin transliterations of names and titles (readable and passport schemes).
    pub latin: Field,
    /// Historic and alternative names of places, earlier names of organisations.
    pub alt: Field,
    /// Normalised unstemmed words of titles, names and alternative names: typo matching and
    /// «Возможно, вы имели в виду…».
    pub words: Field,
    /// Every prefix of the words of names and titles of persons, places, events and
    /// organisations: suggestions as you type.
    pub prefix: Field,
    /// Running text: biography, description, summary, a moment's transcript. Stored for
    /// snippets.
    pub body: Field,
    /// A moment's heading (the index segment's title), stored for display.
    pub heading: Field,
}

fn text(analyzer: &str, positions: bool) -> TextOptions {
    let record = if positions {
        IndexRecordOption::WithFreqsAndPositions
    } else {
        IndexRecordOption::WithFreqs
    };
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(record),
    )
}

pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        rid: b.add_u64_field("rid", INDEXED | FAST | STORED),
        unit: b.add_u64_field("unit", INDEXED | FAST | STORED),
        t_ms: b.add_u64_field("t_ms", STORED),
        facet: b.add_text_field("facet", STRING | FAST),
        reach: b.add_u64_field("reach", INDEXED),
        groups: b.add_u64_field("groups", INDEXED),
        open_from: b.add_i64_field("open_from", INDEXED),
        age: b.add_u64_field("age", INDEXED),
        when: b.add_text_field("when", STRING),
        date: b.add_i64_field("date", FAST),
        name_rank: b.add_u64_field("name_rank", FAST),
        title: b.add_text_field("title", STORED),
        title_text: b.add_text_field("title_text", text(RU, true)),
        name: b.add_text_field("name", text(PLAIN, false)),
        family: b.add_text_field("family", STRING),
        surname: b.add_text_field("surname", STRING),
        former: b.add_text_field("former", STRING),
        given: b.add_text_field("given", STRING),
        patronymic: b.add_text_field("patronymic", STRING),
        sound: b.add_text_field("sound", STRING),
        initial: b.add_text_field("initial", STRING),
        latin: b.add_text_field("latin", text(PLAIN, false)),
        alt: b.add_text_field("alt", text(RU, true)),
        words: b.add_text_field("words", text(PLAIN, false)),
        prefix: b.add_text_field("prefix", STRING),
        body: b.add_text_field("body", text(RU, true) | STORED),
        heading: b.add_text_field("heading", STORED),
    };
    (b.build(), fields)
}

impl Fields {
    /// Finds the fields of an existing index by name; `None` when the schema is not ours.
    pub fn of(schema: &Schema) -> Option<Fields> {
        let f = |name: &str| schema.get_field(name).ok();
        Some(Fields {
            rid: f("rid")?,
            unit: f("unit")?,
            t_ms: f("t_ms")?,
            facet: f("facet")?,
            reach: f("reach")?,
            groups: f("groups")?,
            open_from: f("open_from")?,
            age: f("age")?,
            when: f("when")?,
            date: f("date")?,
            name_rank: f("name_rank")?,
            title: f("title")?,
            title_text: f("title_text")?,
            name: f("name")?,
            family: f("family")?,
            surname: f("surname")?,
            former: f("former")?,
            given: f("given")?,
            patronymic: f("patronymic")?,
            sound: f("sound")?,
            initial: f("initial")?,
            latin: f("latin")?,
            alt: f("alt")?,
            words: f("words")?,
            prefix: f("prefix")?,
            body: f("body")?,
            heading: f("heading")?,
        })
    }
}

/// Letters in alphabetical order; a normalised sort key is read as a number in this alphabet, so
/// that sorting by one integer column gives Russian alphabetical order (Latin after Cyrillic).
const ALPHABET: &str = " 0123456789абвгдежзийклмнопрстуфхцчшщъыьэюяabcdefghijklmnopqrstuvwxyz";
/// Characters of the key that the number holds: 7 bits each in 63 bits. Ties beyond are broken
/// by id, which keeps the order stable.
const RANK_CHARS: usize = 9;

/// The position of a normalised sort key in alphabetical order, as one integer.
pub fn name_rank(sort_key: &str) -> u64 {
    let mut rank: u64 = 0;
    let mut chars = sort_key.chars();
    for _ in 0..RANK_CHARS {
        let digit = match chars.next() {
            None => 0,
            Some(c) => ALPHABET
                .chars()
                .position(|a| a == c)
                .map_or(127, |p| p as u64 + 1),
        };
        rank = (rank << 7) | digit;
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_rank_follows_the_russian_alphabet() {
        let mut names = [
            "яковлев",
            "абрамов",
            "иванова",
            "иванов",
            "ёлкин",
            "smith",
            "ив",
        ];
        names.sort_by_key(|n| name_rank(&letopis_core::names::normalize(n)));
        assert_eq!(
            names,
            [
                "абрамов",
                "ёлкин",
                "ив",
                "иванов",
                "иванова",
                "яковлев",
                "smith"
            ]
        );
    }
}
