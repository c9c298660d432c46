//! Gathers matching documents into records: a record's best-scoring document, its best
//! moments (for interviews), its sort keys, and facet counts that count each record once.
//!
//! All documents of a record are written in one batch by one indexing thread, so they live in
//! one segment; counting a record once per segment is counting it once.

use crate::schema::UNIT_MOMENT;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// Moments kept per interview.
pub const MOMENTS_PER_RECORD: usize = 3;

#[derive(Debug, Clone)]
pub struct Found {
    pub rid: u64,
    /// The best score of any of the record's documents.
    pub score: Score,
    /// The record's own document, when it matched.
    pub record_doc: Option<DocAddress>,
    /// The best moments, best first.
    pub moments: Vec<(Score, DocAddress)>,
    pub date: i64,
    pub name_rank: u64,
}

#[derive(Debug, Default)]
pub struct Collected {
    pub records: HashMap<u64, Found>,
    /// `name=value` → how many records have it.
    pub facets: HashMap<String, u64>,
}

pub struct Records {
    /// Records to leave out: changed since the index last caught up.
    pub skip: Arc<HashSet<u64>>,
    pub count_facets: bool,
}

pub struct SegmentRecords {
    segment: SegmentOrdinal,
    skip: Arc<HashSet<u64>>,
    rid: Column<u64>,
    unit: Column<u64>,
    date: Column<i64>,
    name_rank: Column<u64>,
    facets: Option<StrColumn>,
    counts: Vec<u64>,
    found: HashMap<u64, Found>,
}

impl Collector for Records {
    type Fruit = Collected;
    type Child = SegmentRecords;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentRecords> {
        let fast = reader.fast_fields();
        let facets = if self.count_facets {
            fast.str("facet")?
        } else {
            None
        };
        let counts = vec![0; facets.as_ref().map_or(0, |f| f.num_terms())];
        Ok(SegmentRecords {
            segment,
            skip: self.skip.clone(),
            rid: fast.u64("rid")?,
            unit: fast.u64("unit")?,
            date: fast.i64("date")?,
            name_rank: fast.u64("name_rank")?,
            facets,
            counts,
            found: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Collected>) -> tantivy::Result<Collected> {
        let mut out = Collected::default();
        for fruit in fruits {
            for (name, n) in fruit.facets {
                *out.facets.entry(name).or_default() += n;
            }
            for (rid, found) in fruit.records {
                match out.records.get_mut(&rid) {
                    None => {
                        out.records.insert(rid, found);
                    }
                    Some(have) => merge(have, found),
                }
            }
        }
        Ok(out)
    }
}

fn merge(have: &mut Found, other: Found) {
    have.score = have.score.max(other.score);
    have.record_doc = have.record_doc.or(other.record_doc);
    have.moments.extend(other.moments);
    have.moments
        .sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal));
    have.moments.truncate(MOMENTS_PER_RECORD);
}

impl SegmentCollector for SegmentRecords {
    type Fruit = Collected;

    fn collect(&mut self, doc: DocId, score: Score) {
        let Some(rid) = self.rid.first(doc) else {
            return;
        };
        if self.skip.contains(&rid) {
            return;
        }
        let address = DocAddress::new(self.segment, doc);
        let moment = self.unit.first(doc) == Some(UNIT_MOMENT);
        if let Some(found) = self.found.get_mut(&rid) {
            found.score = found.score.max(score);
            if moment {
                add_moment(&mut found.moments, score, address);
            } else {
                found.record_doc = Some(address);
            }
            return;
        }
        if let Some(facets) = &self.facets {
            for ord in facets.term_ords(doc) {
                if let Some(n) = usize::try_from(ord)
                    .ok()
                    .and_then(|o| self.counts.get_mut(o))
                {
                    *n += 1;
                }
            }
        }
        self.found.insert(
            rid,
            Found {
                rid,
                score,
                record_doc: (!moment).then_some(address),
                moments: if moment {
                    vec![(score, address)]
                } else {
                    Vec::new()
                },
                date: self.date.first(doc).unwrap_or(i64::MAX),
                name_rank: self.name_rank.first(doc).unwrap_or(u64::MAX),
            },
        );
    }

    fn harvest(self) -> Collected {
        let mut facets = HashMap::new();
        if let Some(column) = &self.facets {
            let mut text = String::new();
            for (ord, &n) in self.counts.iter().enumerate() {
                if n == 0 {
                    continue;
                }
                text.clear();
                if column.ord_to_str(ord as u64, &mut text).unwrap_or(false) {
                    facets.insert(text.clone(), n);
                }
            }
        }
        Collected {
            records: self.found,
            facets,
        }
    }
}

fn add_moment(moments: &mut Vec<(Score, DocAddress)>, score: Score, address: DocAddress) {
    let at = moments
        .iter()
        .position(|(s, _)| *s < score)
        .unwrap_or(moments.len());
    if at < MOMENTS_PER_RECORD {
        moments.insert(at, (score, address));
        moments.truncate(MOMENTS_PER_RECORD);
    }
}
