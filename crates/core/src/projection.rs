//! The public projection of a record (DESIGN.md, invariant 1): what everyone outside the museum
//! may see of it, derived on write next to [`Audience::of`](crate::access::Audience::of).
//!
//! The audience answers *whether* a viewer sees a record; the projection answers *what* they see
//! of it:
//! - a person's fields as the consent scope allows them, field by field (years instead of full
//!   dates, no portrait without a photo scope, no birth place, biography, service, fate or
//!   awards unless listed), health data only under its own consent;
//! - an interview with the narrator's choices enforced: closed stretches out of the transcript,
//!   the index and the recordings, the pseudonym in place of the narrator's name in the title,
//!   the summary, the narrator's lines (and only theirs), captions, labels and alt texts, the
//!   original transcript file withheld; recordings and transcript only if the scope allows them;
//! - a family's story without its photographs when the scope has none.
//!
//! Every public read path reads the projection, never the stored body; the studio reads the
//! stored body. What one record quotes of another (story blocks) is not copied here: it is
//! resolved through the gate on every read, so it follows its source.

use crate::consent::ConsentBasis;
use crate::edtf::{Edtf, split_day_key};
use crate::entities::{
    Block, Citation, Interview, MediaRef, Person, REDACTED_TEXT, Recording, Service, Story,
};
use crate::names::{self, PersonName};
use crate::relation::RelationType;
use crate::scope::{FieldScope, ScopeItem};
use crate::{Body, Kind};
use serde::{Deserialize, Serialize};

/// What the public sees of a record, as the store keeps it beside the record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Projection {
    pub body: Body,
    /// Ties the public does not see either: a person's «born in» says the birth place as
    /// plainly as the field does, so a scope without the birth place hides it too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hidden_ties: Vec<RelationType>,
}

/// The projection of a record, or `None` when the public sees it exactly as stored.
pub fn project(
    body: &Body,
    consent: &ConsentBasis,
    narrators: &[PersonName],
) -> Option<Projection> {
    let hidden_ties = match body {
        Body::Person(_) => hidden_ties(consent.scope(body.is_about_living())),
        _ => Vec::new(),
    };
    match public_body(body, consent, narrators) {
        Some(body) => Some(Projection { body, hidden_ties }),
        None if !hidden_ties.is_empty() => Some(Projection {
            body: body.clone(),
            hidden_ties,
        }),
        None => None,
    }
}

/// The ties of a person that say what the scope leaves out.
fn hidden_ties(scope: FieldScope) -> Vec<RelationType> {
    let mut out = Vec::new();
    if !scope.allows(&ScopeItem::BirthPlace) {
        out.push(RelationType::BornIn);
    }
    if !scope.allows(&ScopeItem::Service) {
        out.push(RelationType::ServedIn);
    }
    if !scope.allows(&ScopeItem::Fate) {
        out.extend([RelationType::DiedAt, RelationType::BuriedAt]);
    }
    if !scope.allows(&ScopeItem::Photo) {
        out.push(RelationType::Depicts);
    }
    out
}

/// The public form of `body`, or `None` when the public sees it exactly as stored.
///
/// `narrators` are the names of the persons tied to an interview as its narrators; with a
/// pseudonym they are what must not appear. Speaker labels of the transcript that are not the
/// interviewers' count as narrators' names too, so a missing tie never reveals a name.
pub fn public_body(body: &Body, consent: &ConsentBasis, narrators: &[PersonName]) -> Option<Body> {
    let scope = if body.carries_personal_data() {
        consent.scope(body.is_about_living())
    } else {
        FieldScope::EVERYTHING
    };
    let projected = match body {
        Body::Person(p) => Body::Person(person(p, scope, consent.health)?),
        Body::Interview(i) => Body::Interview(interview(i, scope, narrators)?),
        Body::Story(s) => Body::Story(family_story(s, scope)?),
        _ => return None,
    };
    (projected != *body).then_some(projected)
}

/// A person as the scope allows; `None` when nothing changes.
fn person(p: &Person, scope: FieldScope, health_public: bool) -> Option<Person> {
    // What a family's value replaced is never public, even when everything else is.
    let notes = p.field_sources.iter().any(|s| !s.replaced.is_null());
    if scope.is_everything() && (health_public || p.health.is_empty()) && !notes {
        return None;
    }
    let mut out = p.clone();
    if !health_public {
        out.health.clear();
    }
    if !scope.allows(&ScopeItem::Years) {
        out.birth = None;
        out.death = None;
    } else if !scope.allows(&ScopeItem::FullDates) {
        out.birth = p.birth.as_ref().and_then(years_only);
        out.death = p.death.as_ref().and_then(years_only);
    }
    if !scope.allows(&ScopeItem::BirthPlace) {
        out.birth_place.clear();
    }
    if !scope.allows(&ScopeItem::Biography) {
        out.biography.clear();
    }
    if !scope.allows(&ScopeItem::Photo) {
        out.portrait = None;
    }
    if !scope.allows(&ScopeItem::Service) {
        out.service = Service::default();
    }
    if !scope.allows(&ScopeItem::Fate) {
        out.fate = None;
    }
    if !scope.allows(&ScopeItem::Awards) {
        out.awards.clear();
    }
    // What a family's value replaced is the museum's working note, never public: it may hold
    // exactly what the scope leaves out.
    for source in &mut out.field_sources {
        source.replaced = serde_json::Value::Null;
    }
    Some(out)
}

/// The year (or years) of a date, keeping its uncertainty: «1935-06-13» → «1935».
pub fn years_only(date: &Edtf) -> Option<Edtf> {
    let lo = date.lower().map(|k| split_day_key(k).0);
    let hi = date.upper().map(|k| split_day_key(k).0);
    let mark = match (date.is_uncertain(), date.is_approximate()) {
        (true, true) => "%",
        (true, false) => "?",
        (false, true) => "~",
        (false, false) => "",
    };
    let text = match (lo, hi) {
        (Some(a), Some(b)) if a == b => format!("{a:04}{mark}"),
        (Some(a), Some(b)) => format!("{a:04}/{b:04}"),
        (Some(a), None) => format!("{a:04}/.."),
        (None, Some(b)) => format!("../{b:04}"),
        (None, None) => return None,
    };
    Edtf::parse(&text).ok()
}

/// An interview with the narrator's choices and the scope applied; `None` when nothing changes.
fn interview(i: &Interview, scope: FieldScope, narrators: &[PersonName]) -> Option<Interview> {
    let recording = scope.allows(&ScopeItem::Recording);
    let transcript = scope.allows(&ScopeItem::Transcript);
    let photo = scope.allows(&ScopeItem::Photo);
    let still = i.still.is_none() || photo;
    if !i.has_restrictions() && i.silenced.is_empty() && recording && transcript && still {
        return None;
    }
    let mut out = i.public_view();
    // The still shows the narrator: not without the photo scope, and never beside a pseudonym,
    // which it would undo.
    if !photo || i.pseudonym.is_some() {
        out.still = None;
    }
    if !recording {
        for part in &mut out.recordings {
            part.withheld = true;
            part.media.sha256.clear();
        }
    }
    if !transcript {
        out.transcript.clear();
        out.segments.clear();
        out.transcript_file = None;
    }
    if let Some(pseudonym) = &i.pseudonym {
        apply_pseudonym(&mut out, i, pseudonym, narrators);
    }
    Some(out)
}

/// Speaker labels that name the one asking, never the narrator.
const ASKING: [&str; 9] = [
    "интервьюер",
    "интервьюерка",
    "вопрос",
    "корреспондент",
    "волонтер",
    "ведущий",
    "ведущая",
    "interviewer",
    "q",
];

fn is_asking(interview: &Interview, label: &str) -> bool {
    let label = names::normalize(label);
    let label = label.trim_end_matches([':', '.']);
    ASKING.contains(&label)
        || interview
            .interviewers
            .iter()
            .any(|name| names::normalize(name) == label)
}

/// Puts the pseudonym where the narrator's name was: the narrator's lines (and only those), the
/// title, summary, index, captions, labels and citations; drops the original transcript file,
/// whose cues carry the real name (the public captions are made from the projected transcript).
fn apply_pseudonym(
    out: &mut Interview,
    stored: &Interview,
    pseudonym: &str,
    narrators: &[PersonName],
) {
    // Without a tie to the narrator's record, the labels of the lines that are not the
    // interviewers' are the only names there are.
    let mut known: Vec<PersonName> = narrators.to_vec();
    if known.is_empty() {
        for cue in &stored.transcript {
            let Some(label) = cue.speaker.as_deref() else {
                continue;
            };
            let guessed = PersonName::guess(label);
            if !is_asking(stored, label) && !guessed.is_empty() && !known.contains(&guessed) {
                known.push(guessed);
            }
        }
    }
    let hidden = HiddenNames::of(&known);
    let narrators_known = !narrators.is_empty();
    out.transcript_file = None;
    for cue in &mut out.transcript {
        if let Some(label) = cue.speaker.clone() {
            let narrator = !is_asking(stored, &label)
                && (!narrators_known || hidden.names(&label) || hidden.mentions(&label));
            cue.speaker = Some(if narrator {
                pseudonym.to_string()
            } else {
                hidden.replace(&label, pseudonym)
            });
        }
        if cue.text != REDACTED_TEXT {
            cue.text = hidden.replace(&cue.text, pseudonym);
        }
    }
    let swap = |s: &mut String| *s = hidden.replace(s, pseudonym);
    swap(&mut out.title);
    swap(&mut out.summary);
    for s in &mut out.segments {
        swap(&mut s.title);
        swap(&mut s.synopsis);
        swap(&mut s.partial_transcript);
        s.keywords.iter_mut().for_each(swap);
        s.subjects.iter_mut().for_each(swap);
    }
    for part in &mut out.recordings {
        swap(&mut part.label);
        media_text(&mut part.media, &hidden, pseudonym);
    }
    for c in &mut out.sources {
        citation_text(c, &hidden, pseudonym);
    }
}

fn media_text(media: &mut MediaRef, hidden: &HiddenNames, pseudonym: &str) {
    for text in [&mut media.caption, &mut media.alt].into_iter().flatten() {
        *text = hidden.replace(text, pseudonym);
    }
}

fn citation_text(c: &mut Citation, hidden: &HiddenNames, pseudonym: &str) {
    c.text = hidden.replace(&c.text, pseudonym);
    if let Some(l) = &mut c.locator {
        *l = hidden.replace(l, pseudonym);
    }
}

/// A family's account without the photographs its scope does not allow.
fn family_story(s: &Story, scope: FieldScope) -> Option<Story> {
    if s.family.is_none() || scope.allows(&ScopeItem::Photo) {
        return None;
    }
    let mut out = s.clone();
    out.cover = None;
    out.blocks
        .retain(|b| !matches!(b, Block::Image { record: None, .. }));
    Some(out)
}

/// A recording part as the public sees it (for callers that show one part).
pub fn part_is_public(part: &Recording) -> bool {
    !part.withheld && !part.media.sha256.is_empty()
}

/// The words of some persons' names, to find them in running text in any case form.
#[derive(Debug, Default)]
pub struct HiddenNames {
    surnames: Vec<String>,
    given: Vec<String>,
    patronymics: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Surname,
    Given,
    Patronymic,
    Initial,
}

impl HiddenNames {
    pub fn of(names: &[PersonName]) -> HiddenNames {
        let mut h = HiddenNames::default();
        for n in names {
            let surnames = std::iter::once(&n.surname)
                .chain(n.maiden.as_ref())
                .chain(n.variants.iter());
            for s in surnames {
                push_new(&mut h.surnames, names::family_key(s));
            }
            push_new(&mut h.given, names::normalize(&n.given));
            push_new(&mut h.patronymics, names::normalize(&n.patronymic));
        }
        h
    }

    fn part(&self, word: &str) -> Option<Part> {
        let chars: Vec<char> = word.chars().collect();
        if chars.len() == 1 && chars[0].is_uppercase() {
            return Some(Part::Initial);
        }
        let candidates = names::nominative_candidates(word);
        let has = |set: &[String], c: &String| set.iter().any(|s| s == c);
        if candidates
            .iter()
            .any(|c| has(&self.surnames, &names::family_key(c)))
        {
            return Some(Part::Surname);
        }
        if candidates.iter().any(|c| has(&self.patronymics, c)) {
            return Some(Part::Patronymic);
        }
        if candidates.iter().any(|c| has(&self.given, c)) {
            return Some(Part::Given);
        }
        None
    }

    /// Runs of name words in `text` that identify someone: the surname, or the given name with
    /// the patronymic (a given name alone is anybody's). Byte ranges, in order.
    fn runs(&self, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut run: Option<(usize, usize, Vec<Part>)> = None;
        let close = |run: &mut Option<(usize, usize, Vec<Part>)>, out: &mut Vec<(usize, usize)>| {
            if let Some((a, b, parts)) = run.take() {
                let identifies = parts.contains(&Part::Surname)
                    || (parts.contains(&Part::Given) && parts.contains(&Part::Patronymic));
                if identifies {
                    out.push((a, b));
                }
            }
        };
        for (start, end, word) in words(text) {
            let gap = run.as_ref().map(|(_, b, _)| &text[*b..start]);
            let joined = gap.is_some_and(|g| g.chars().all(|c| c.is_whitespace() || c == '.'));
            match self.part(word) {
                Some(part) => {
                    // An initial keeps its dot: «Коваленко А. А.».
                    let end = if part == Part::Initial && text[end..].starts_with('.') {
                        end + 1
                    } else {
                        end
                    };
                    match &mut run {
                        Some((_, b, parts)) if joined => {
                            *b = end;
                            parts.push(part);
                        }
                        _ => {
                            close(&mut run, &mut out);
                            run = Some((start, end, vec![part]));
                        }
                    }
                }
                None => close(&mut run, &mut out),
            }
        }
        close(&mut run, &mut out);
        out
    }

    /// `text` with every identifying mention of the names replaced by `with`.
    pub fn replace(&self, text: &str, with: &str) -> String {
        let runs = self.runs(text);
        if runs.is_empty() {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for (a, b) in runs {
            out.push_str(&text[at..a]);
            out.push_str(with);
            at = b;
        }
        out.push_str(&text[at..]);
        out
    }

    /// Whether `label` is nothing but one of the names.
    pub fn names(&self, label: &str) -> bool {
        let label = label.trim().trim_end_matches(':');
        self.runs(label)
            .first()
            .is_some_and(|(a, b)| *a == 0 && *b == label.len())
    }

    /// Whether `text` mentions one of the names identifiably.
    pub fn mentions(&self, text: &str) -> bool {
        !self.runs(text).is_empty()
    }
}

fn push_new(v: &mut Vec<String>, s: String) {
    if !s.is_empty() && !v.contains(&s) {
        v.push(s);
    }
}

/// Words of running text with their byte ranges: letters, with inner hyphens and apostrophes.
fn words(text: &str) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let inner = (c == '-' || c == '\'' || c == '’')
            && start.is_some()
            && iter.peek().is_some_and(|(_, n)| n.is_alphabetic());
        if c.is_alphabetic() || c == '\u{301}' || inner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s, i, &text[s..i]));
        }
    }
    if let Some(s) = start {
        out.push((s, text.len(), &text[s..]));
    }
    out
}

/// Whether a public projection is ever needed for this kind (the rest are shown as stored).
pub fn projects(kind: Kind) -> bool {
    matches!(kind, Kind::Person | Kind::Interview | Kind::Story)
}

#[cfg(test)]
mod tests;

mod blocks;
pub use blocks::{Source, Withheld, WithheldWhy, resolve_story};
