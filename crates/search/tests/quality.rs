//! The search quality set (`quality/queries.tsv`): every query must find its records in the
//! first ten results (recall@10 ≥ 0.95 overall, ≥ 0.9 in every case, so removing any one feature
//! — inflection, gender forms, initials, typos, ё, maiden names, transliteration, places, dates,
//! transcripts — fails its case), and name queries must put the expected person first.

mod support;

use std::collections::BTreeMap;

const SET: &str = include_str!("../quality/queries.tsv");
const TOP: usize = 10;

struct Case {
    case: String,
    query: String,
    expected: Vec<String>,
    first: bool,
}

fn cases() -> Vec<Case> {
    SET.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("case\t") && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert!(cols.len() >= 3, "malformed line: {l}");
            Case {
                case: cols[0].into(),
                query: cols[1].into(),
                expected: cols[2].split(" | ").map(str::to_string).collect(),
                first: cols.get(3).is_some_and(|c| *c == "first"),
            }
        })
        .collect()
}

#[test]
fn recall_at_ten_and_names_first() {
    let base = support::base();
    let cases = cases();
    assert!(cases.len() >= 100, "the set has {} queries", cases.len());
    let mut per_case: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    let (mut firsts, mut first_ok) = (0, 0);
    for c in &cases {
        let results = support::search(&base, &c.query);
        let top: Vec<String> = results
            .hits
            .iter()
            .take(TOP)
            .map(|h| support::label(&*base.store, h.id))
            .collect();
        let found = c.expected.iter().filter(|e| top.contains(e)).count();
        let entry = per_case.entry(c.case.clone()).or_default();
        entry.0 += found;
        entry.1 += c.expected.len();
        if found < c.expected.len() {
            misses.push(format!(
                "{}: «{}» → {:?}",
                c.case,
                c.query,
                &top[..top.len().min(5)]
            ));
        }
        if c.first {
            firsts += 1;
            if top.first() == c.expected.first() {
                first_ok += 1;
            } else {
                misses.push(format!(
                    "{} (first): «{}» → {:?}",
                    c.case,
                    c.query,
                    &top[..top.len().min(3)]
                ));
            }
        }
    }
    let (found, expected) = per_case
        .values()
        .fold((0, 0), |(a, b), (f, e)| (a + f, b + e));
    let recall = found as f64 / expected as f64;
    println!("queries: {}", cases.len());
    println!("recall@{TOP}: {recall:.3} ({found}/{expected})");
    for (case, (f, e)) in &per_case {
        println!("  {case:<16} {:.3} ({f}/{e})", *f as f64 / *e as f64);
    }
    println!("expected first: {first_ok}/{firsts}");
    for m in &misses {
        println!("MISS {m}");
    }
    assert!(recall >= 0.95, "recall@{TOP} {recall:.3}: {misses:#?}");
    for (case, (f, e)) in &per_case {
        let r = *f as f64 / *e as f64;
        assert!(r >= 0.9, "case {case}: recall {r:.3}: {misses:#?}");
    }
    assert_eq!(first_ok, firsts, "{misses:#?}");
}
