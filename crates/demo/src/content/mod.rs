//! The content of the demo museum, organised by what it makes. Each module builds `Draft`s (and
//! the relations that join them) from fixed tables and a seeded random generator, so the same seed
//! always gives the same museum.

pub(crate) mod collections;
pub(crate) mod events;
pub(crate) mod interviews;
pub(crate) mod items;
pub(crate) mod names;
pub(crate) mod organizations;
pub(crate) mod persons;
pub(crate) mod places;
pub(crate) mod sources;
pub(crate) mod stories;

use fastrand::Rng;
use letopis_core::record::Settings;
use letopis_core::relation::{NewRelation, RelationType};
use letopis_core::{Body, Edtf, RecordId, Workflow};
use letopis_store::{Draft, Op};
use std::collections::{HashMap, HashSet};

/// The tag every demo record carries, so a real museum can find and delete the demonstration.
pub const DEMO_TAG: &str = "демо";

/// Ends every biography, interview summary and story about invented people.
pub(crate) const MARK_PERSON: &str =
    "Демонстрационная запись: человек вымышлен, совпадения имён случайны.";
pub(crate) const MARK_CONTENT: &str = "Демонстрационная запись: люди и воспоминания вымышлены, исторические события и места — настоящие.";

/// Parses EDTF text written in this crate. A failure is a typo in a table here, not bad input.
pub(crate) fn edtf(text: &str) -> Edtf {
    Edtf::parse(text).unwrap_or_else(|e| panic!("demo EDTF «{text}» must parse: {}", e.message))
}

/// Settings with the demo tag first, then `extra` tags.
pub(crate) fn tags(extra: &[&str]) -> Settings {
    Settings {
        tags: std::iter::once(DEMO_TAG)
            .chain(extra.iter().copied())
            .map(String::from)
            .collect(),
        ..Settings::default()
    }
}

pub(crate) fn published(body: Body, settings: Settings) -> Draft {
    Draft {
        body,
        settings,
        workflow: Workflow::Published,
    }
}

/// A generator for item `index` of some sequence that does not depend on how many came before,
/// so person № 1234 is the same whether the base has 2,000 persons or 100,000 (SplitMix64).
pub(crate) fn rng_for(seed: u64, stream: u64, index: u64) -> Rng {
    let mut z = seed
        ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ index.wrapping_mul(0xD1B5_4A32_D192_ED69);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    Rng::with_seed(z ^ (z >> 31))
}

pub(crate) fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

/// Picks by weight from `(value, weight)` pairs.
pub(crate) fn weighted<T: Copy>(rng: &mut Rng, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut n = rng.u32(..total);
    for (value, w) in items {
        if n < *w {
            return *value;
        }
        n -= w;
    }
    items[items.len() - 1].0
}

/// Record ids of the fixed tables (places, events, organisations, sources) by their keys.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    ids: HashMap<&'static str, RecordId>,
}

impl Registry {
    pub fn insert(&mut self, key: &'static str, id: RecordId) {
        let previous = self.ids.insert(key, id);
        assert!(previous.is_none(), "demo key «{key}» is used twice");
    }

    pub fn id(&self, key: &str) -> RecordId {
        *self
            .ids
            .get(key)
            .unwrap_or_else(|| panic!("demo key «{key}» was not created"))
    }
}

/// Relations to create, without duplicates: the store refuses a second (from, to, type), and one
/// refused op would roll back the whole batch.
#[derive(Debug, Default)]
pub(crate) struct Relations {
    seen: HashSet<(i64, i64, RelationType)>,
    ops: Vec<Op>,
}

impl Relations {
    pub fn add(&mut self, from: RecordId, rtype: RelationType, to: RecordId) -> bool {
        self.add_full(NewRelation::new(from, rtype, to))
    }

    pub fn add_with(
        &mut self,
        from: RecordId,
        rtype: RelationType,
        to: RecordId,
        source: Option<RecordId>,
        date: Option<&str>,
    ) -> bool {
        let mut r = NewRelation::new(from, rtype, to);
        r.source = source;
        r.date = date.map(edtf);
        self.add_full(r)
    }

    pub fn add_full(&mut self, rel: NewRelation) -> bool {
        if rel.from == rel.to || !self.seen.insert((rel.from.0, rel.to.0, rel.rtype)) {
            return false;
        }
        self.ops.push(Op::Relate(rel));
        true
    }

    /// Takes the ops gathered so far, keeping the memory of what was added.
    pub fn take(&mut self) -> Vec<Op> {
        std::mem::take(&mut self.ops)
    }
}

/// Declines a surname for «семейный архив Петровых»: the genitive plural of the family name.
pub(crate) fn family_genitive(male_surname: &str) -> String {
    for (end, repl) in [
        ("ский", "ских"),
        ("цкий", "цких"),
        ("ой", "ых"),
        ("ов", "овых"),
        ("ёв", "ёвых"),
        ("ев", "евых"),
        ("ин", "иных"),
        ("ын", "ыных"),
    ] {
        if let Some(stem) = male_surname.strip_suffix(end) {
            return format!("{stem}{repl}");
        }
    }
    // Indeclinable (Черных, Шевченко) or foreign surnames: say «семьи X».
    format!("семьи {male_surname}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn family_names_decline() {
        assert_eq!(family_genitive("Петров"), "Петровых");
        assert_eq!(family_genitive("Соловьёв"), "Соловьёвых");
        assert_eq!(family_genitive("Ильин"), "Ильиных");
        assert_eq!(family_genitive("Покровский"), "Покровских");
        assert_eq!(family_genitive("Черных"), "семьи Черных");
    }

    #[test]
    fn every_table_date_parses() {
        for e in events::EVENTS {
            edtf(e.date);
        }
        for o in organizations::ORGS {
            edtf(o.active);
        }
        for p in places::PLACES {
            for (_, period) in p.other {
                period.map(edtf);
            }
        }
    }
}
