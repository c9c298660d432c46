//! A record as the index sees it: its documents (one for the record, one per interview moment)
//! built from the stored record and the places it is related to.

use crate::analysis::words;
use crate::schema::{
    Fields, NO_DATE, NO_EMBARGO, ROLE_GIVEN, ROLE_PATRONYMIC, ROLE_SURNAME, UNIT_MOMENT,
    UNIT_RECORD, name_rank, sound_term,
};
use letopis_core::access::day_key;
use letopis_core::entities::{Block, Interview, Person};
use letopis_core::facet::FacetName;
use letopis_core::names::{self, PersonName};
use letopis_core::record::RecordId;
use letopis_core::{Body, Edtf, Kind};
use letopis_store::StoredRecord;
use tantivy::TantivyDocument;

/// Transcript cues are indexed in small windows: long enough for a phrase to span two cues,
/// short enough that `?t=` lands near the words.
const WINDOW_CUES: usize = 4;
const WINDOW_MS: u32 = 45_000;
/// Longest prefix indexed for suggestions; longer input is matched by its first letters.
pub const PREFIX_MAX_CHARS: usize = 16;
/// Date spans longer than this give no year terms («194X» is fine, «../2000» says nothing).
const MAX_YEARS: i32 = 60;
/// …and longer than this no month terms.
const MAX_MONTHS: i32 = 36;

/// A place the record is related to, as far as the public may see it: its facets are counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearPlace {
    pub id: RecordId,
    pub district: String,
}

/// The kinds suggestions offer: names, places, events (and the organisations they involve).
pub fn suggested(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Person | Kind::Place | Kind::Event | Kind::Organization
    )
}

/// Every document of one record.
pub fn documents(f: &Fields, stored: &StoredRecord, near: &[NearPlace]) -> Vec<TantivyDocument> {
    let record = &stored.record;
    let mut head = TantivyDocument::default();
    envelope(f, stored, near, &mut head);
    head.add_u64(f.unit, UNIT_RECORD);
    head.add_u64(f.t_ms, 0);
    let kind = record.kind();
    // The index holds only the public projection of a record (`letopis_core::projection`): a
    // closed stretch, a narrator's real name behind a pseudonym or a field outside the consent's
    // scope is never found, suggested or offered as a spelling.
    let body = stored.public_body();
    let mut prefix_words: Vec<String> = Vec::new();
    match body {
        Body::Person(p) => person(f, p, &mut head, &mut prefix_words),
        other => {
            let title = other.title();
            head.add_text(f.title_text, &title);
            head.add_text(f.latin, names::transliterate(&title));
            let alt = alternative_names(other);
            for name in &alt {
                head.add_text(f.alt, name);
                head.add_text(f.latin, names::transliterate(name));
            }
            let all_words: Vec<String> = std::iter::once(title.as_str())
                .chain(alt.iter().map(String::as_str))
                .flat_map(words)
                .collect();
            head.add_text(f.words, all_words.join(" "));
            prefix_words.extend(all_words);
        }
    }
    if suggested(kind) {
        for prefix in prefixes(&prefix_words) {
            head.add_text(f.prefix, prefix);
        }
    }
    let text = body_text(body);
    if !text.is_empty() {
        head.add_text(f.body, &text);
    }
    let mut out = vec![head];
    if let Body::Interview(interview) = body {
        out.extend(moments(f, stored, near, interview));
    }
    out
}

/// What every document of a record carries: id, title, facets, audience, dates, sort keys.
fn envelope(f: &Fields, stored: &StoredRecord, near: &[NearPlace], doc: &mut TantivyDocument) {
    let record = &stored.record;
    doc.add_u64(f.rid, id_term(record.id()));
    doc.add_text(f.title, stored.public_body().title());
    doc.add_text(f.facet, format!("kind={}", record.kind().code()));
    // Facets, dates and sort keys come from what the public may see of the record, as its
    // text does: a birth year or a unit the consent leaves out is not a facet, a year term or
    // a sort position either (a search by them would tell them).
    let shown = stored.public_body();
    let facets = letopis_core::Record::facets_of(&record.meta, shown);
    for facet in facets.iter().chain(&shown.namesake_facets()) {
        doc.add_text(f.facet, format!("{}={}", facet.name.code(), facet.value));
    }
    for place in near {
        doc.add_text(
            f.facet,
            format!("{}={}", FacetName::Place.code(), place.id.0),
        );
        if !place.district.is_empty() {
            doc.add_text(
                f.facet,
                format!("{}={}", FacetName::District.code(), place.district),
            );
        }
    }
    let audience = &stored.audience;
    doc.add_u64(f.reach, audience.reach.code().unsigned_abs());
    for group in &audience.groups {
        doc.add_u64(f.groups, group.0.unsigned_abs());
    }
    doc.add_i64(
        f.open_from,
        audience
            .open_from
            .map_or(NO_EMBARGO, |d| i64::from(day_key(d))),
    );
    doc.add_u64(f.age, u64::from(audience.age_rating.years()));
    for term in when_terms(&dates(shown)) {
        doc.add_text(f.when, term);
    }
    let date = shown
        .date_span()
        .and_then(Edtf::lower)
        .map_or(NO_DATE, i64::from);
    doc.add_i64(f.date, date);
    doc.add_u64(f.name_rank, name_rank(&record.body.sort_key()));
}

/// Record ids are positive; the index keeps them as unsigned terms.
pub fn id_term(id: RecordId) -> u64 {
    id.0.unsigned_abs()
}

fn person(f: &Fields, p: &Person, doc: &mut TantivyDocument, prefix_words: &mut Vec<String>) {
    let name = &p.name;
    let mut name_words: Vec<String> = Vec::new();
    for part in [&name.given, &name.patronymic] {
        name_words.extend(words(part));
    }
    for surname in surnames(name) {
        for form in names::surname_forms(surname) {
            name_words.extend(words(&form));
        }
        for part in words(surname) {
            doc.add_text(f.family, names::family_key(&part));
        }
    }
    for key in name.family_keys() {
        doc.add_text(f.family, key);
    }
    doc.add_text(f.name, name_words.join(" "));
    doc.add_text(f.words, name_words.join(" "));
    name_parts(f, name, doc);
    for (marker, part) in [("g", &name.given), ("p", &name.patronymic)] {
        if let Some(first) = names::normalize(part).chars().next() {
            doc.add_text(f.initial, format!("{marker}{first}"));
        }
    }
    let mut latin: Vec<String> = Vec::new();
    for text in std::iter::once(name.full()).chain(surnames(name).skip(1).cloned()) {
        latin.push(names::transliterate(&text));
        latin.push(names::transliterate_passport(&text));
    }
    for text in &latin {
        doc.add_text(f.latin, text);
    }
    prefix_words.extend(name_words);
    prefix_words.extend(latin.iter().flat_map(|t| words(t)));
}

/// Each part of the name in its own role, as written and by its sound, so that a query can be
/// read as a full name: the surname role has the surname and, apart, every other surname the
/// person was known by (as written; the case and gender forms are in `family`), the given name
/// and patronymic theirs.
fn name_parts(f: &Fields, name: &PersonName, doc: &mut TantivyDocument) {
    let mut sounds: Vec<String> = Vec::new();
    let mut sound = |role: char, word: &str| {
        if let Some(term) = sound_term(role, word)
            && !sounds.contains(&term)
        {
            sounds.push(term);
        }
    };
    for (i, surname) in surnames(name).enumerate() {
        // The surname the record goes by first; a maiden name or a variant is a name the person
        // was also known by, and a namesake by it comes second.
        let field = if i == 0 { f.surname } else { f.former };
        for part in words(surname) {
            doc.add_text(field, &part);
            sound(ROLE_SURNAME, &names::family_key(&part));
        }
        // «ё» is heard as «о»: a clerk wrote Королов, Киселов for Королёв, Киселёв. The words
        // above lost the «ё» to the normaliser, so the sound of the «о» spelling is added here.
        if surname.contains(['ё', 'Ё']) {
            let heard = surname.replace('ё', "о").replace('Ё', "О");
            for part in words(&heard) {
                sound(ROLE_SURNAME, &names::family_key(&part));
            }
        }
    }
    for part in words(&name.given) {
        doc.add_text(f.given, &part);
        sound(ROLE_GIVEN, &part);
    }
    for part in words(&name.patronymic) {
        doc.add_text(f.patronymic, &part);
        sound(ROLE_PATRONYMIC, &part);
    }
    for term in sounds {
        doc.add_text(f.sound, term);
    }
}

/// The surname, the maiden name and the variants: every name a person was known by.
fn surnames(name: &PersonName) -> impl Iterator<Item = &String> {
    std::iter::once(&name.surname)
        .chain(name.maiden.as_ref())
        .chain(name.variants.iter())
        .filter(|s| !s.trim().is_empty())
}

fn alternative_names(body: &Body) -> Vec<String> {
    match body {
        Body::Place(p) => p.other_names.iter().map(|n| n.name.clone()).collect(),
        Body::Organization(o) => o.other_names.iter().map(|n| n.name.clone()).collect(),
        _ => Vec::new(),
    }
}

/// Every prefix of every word, once: «иванов» → и, ив, ива, …
fn prefixes(words: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in words {
        let mut prefix = String::new();
        for c in word.chars().take(PREFIX_MAX_CHARS) {
            prefix.push(c);
            out.push(prefix.clone());
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The running text of a record. Health data (wounds, disability) is never indexed: it is
/// public only under its own consent, and a snippet must not show it.
fn body_text(body: &Body) -> String {
    let parts: Vec<&str> = match body {
        Body::Person(p) => {
            let mut v = vec![
                p.biography.as_str(),
                p.birth_place.as_str(),
                p.service.rank.as_str(),
                p.service.unit.as_str(),
            ];
            v.extend(p.awards.iter().map(String::as_str));
            v
        }
        Body::Interview(i) => {
            let mut v = vec![i.summary.as_str()];
            v.extend(i.interviewers.iter().map(String::as_str));
            v
        }
        Body::Item(i) => vec![i.description.as_str(), i.transcription.as_str()],
        Body::Place(p) => vec![p.description.as_str(), p.district.as_str()],
        Body::Event(e) => vec![e.description.as_str()],
        Body::Organization(o) => vec![o.description.as_str()],
        Body::Story(s) => {
            let mut v = vec![s.lead.as_str()];
            for block in &s.blocks {
                match block {
                    Block::Heading { text } | Block::Text { text } => v.push(text),
                    // A quotation of another record is that record's words, indexed with it
                    // and shown here only through the gate; the story's copy is not searched.
                    Block::Quote {
                        text,
                        attribution,
                        record: None,
                        ..
                    } => {
                        v.push(text);
                        v.push(attribution);
                    }
                    _ => {}
                }
            }
            v
        }
        Body::Collection(c) => vec![c.description.as_str(), c.lesson.as_str()],
        Body::Source(s) => vec![s.archive.as_str(), s.citation.as_str()],
    };
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The dates a record is about, for year and month narrowing: a person's birth and death, any
/// other record's own date.
fn dates(body: &Body) -> Vec<&Edtf> {
    match body {
        Body::Person(p) => p.birth.iter().chain(p.death.iter()).collect(),
        other => other.date_span().into_iter().collect(),
    }
}

/// `y1941` for every year and `m194111` for every month a set of dates touches.
pub fn when_terms(dates: &[&Edtf]) -> Vec<String> {
    let mut out = Vec::new();
    for date in dates {
        let (Some(lo), Some(hi)) = (date.lower(), date.upper()) else {
            continue;
        };
        let (y0, m0) = (lo / 10000, lo / 100 % 100);
        let (y1, m1) = (hi / 10000, hi / 100 % 100);
        if y1 - y0 <= MAX_YEARS {
            out.extend((y0..=y1).map(|y| format!("y{y}")));
        }
        let months = (y1 - y0) * 12 + (m1 - m0);
        if (0..=MAX_MONTHS).contains(&months) {
            let (mut y, mut m) = (y0, m0);
            for _ in 0..=months {
                out.push(format!("m{y}{m:02}"));
                m += 1;
                if m > 12 {
                    m = 1;
                    y += 1;
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The moments of an interview: windows of transcript cues, and the index segments.
fn moments(
    f: &Fields,
    stored: &StoredRecord,
    near: &[NearPlace],
    interview: &Interview,
) -> Vec<TantivyDocument> {
    let mut out = Vec::new();
    let mut new_moment = |t_ms: u32, heading: &str, text: &str| {
        let mut doc = TantivyDocument::default();
        envelope(f, stored, near, &mut doc);
        doc.add_u64(f.unit, UNIT_MOMENT);
        doc.add_u64(f.t_ms, u64::from(t_ms));
        if !heading.is_empty() {
            doc.add_text(f.heading, heading);
            doc.add_text(f.title_text, heading);
        }
        doc.add_text(f.body, text);
        out.push(doc);
    };
    for window in cue_windows(interview) {
        let text: Vec<&str> = window.iter().map(|c| c.text.trim()).collect();
        new_moment(window[0].start_ms, "", &text.join(" "));
    }
    for segment in &interview.segments {
        let mut text = segment.synopsis.clone();
        if !segment.keywords.is_empty() {
            text.push('\n');
            text.push_str(&segment.keywords.join(", "));
        }
        new_moment(segment.start_ms, &segment.title, &text);
    }
    out
}

fn cue_windows(interview: &Interview) -> Vec<&[letopis_core::entities::Cue]> {
    let cues = &interview.transcript;
    let mut out = Vec::new();
    let mut start = 0;
    while start < cues.len() {
        let first = cues[start].start_ms;
        let mut end = start + 1;
        while end < cues.len()
            && end - start < WINDOW_CUES
            && cues[end].end_ms.saturating_sub(first) <= WINDOW_MS
        {
            end += 1;
        }
        out.push(&cues[start..end]);
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_give_year_and_month_terms() {
        let d = Edtf::parse("1941-10/1942-01").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            when_terms(&[&d]),
            ["m194110", "m194111", "m194112", "m194201", "y1941", "y1942"]
        );
        let year = Edtf::parse("1943").unwrap_or_else(|e| panic!("{e}"));
        let terms = when_terms(&[&year]);
        assert!(terms.contains(&"m194307".to_string()) && terms.contains(&"y1943".into()));
    }

    #[test]
    fn prefixes_of_every_word() {
        assert_eq!(prefixes(&["ива".into(), "ив".into()]), ["и", "ив", "ива"]);
    }
}
