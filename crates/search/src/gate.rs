//! The access gate at query time, index side: [`ViewerFilter`] — the plain-data form of
//! `Audience::admits` that the store applies in SQL — applied to the audience fields every
//! document carries. It decides what is matched and counted; the records finally shown are still
//! fetched from the store and passed through `Audience::admits` by the caller, and records with
//! changes the index has not taken in yet are left out (see `pending`), so a stale entry can
//! never show a record the viewer may not see.

use crate::schema::{Fields, NO_EMBARGO};
use letopis_core::access::{AgeRating, Reach, ViewerFilter};
use std::ops::Bound;
use tantivy::Term;
use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;

/// The documents the viewer may see, or `None` when the viewer may see everything.
pub fn filter(f: &Fields, who: &ViewerFilter) -> Option<Box<dyn Query>> {
    if who.everything {
        return None;
    }
    // Both conditions are written as terms a scorer walks lazily, never as one range over all
    // documents: a range over an indexed field is evaluated by collecting every document of
    // every term in it into a bit set, and nearly every document is in «age 0–18» and «no
    // embargo». That took a quarter of each fresh search's CPU on the 9 May base (perf, issue
    // #15).
    let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let ages: Vec<(Occur, Box<dyn Query>)> = AgeRating::ALL
        .into_iter()
        .map(AgeRating::years)
        .filter(|years| *years <= who.max_age)
        .map(|years| (Occur::Should, term(f.age, u64::from(years))))
        .collect();
    must.push((Occur::Must, Box::new(BooleanQuery::new(ages))));
    if !who.ignore_embargo {
        // No embargo is stored as 0, which every day passes; the few embargoed documents are
        // matched by the range, which then holds only them.
        let open: Vec<(Occur, Box<dyn Query>)> = vec![
            (
                Occur::Should,
                Box::new(TermQuery::new(
                    Term::from_field_i64(f.open_from, NO_EMBARGO),
                    IndexRecordOption::Basic,
                )),
            ),
            (
                Occur::Should,
                Box::new(RangeQuery::new(
                    Bound::Excluded(Term::from_field_i64(f.open_from, NO_EMBARGO)),
                    Bound::Included(Term::from_field_i64(f.open_from, i64::from(who.today))),
                )),
            ),
        ];
        must.push((Occur::Must, Box::new(BooleanQuery::new(open))));
    }
    let mut reach: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for level in [Reach::Public, Reach::Registered, Reach::Staff] {
        if level <= who.max_reach_without_groups {
            reach.push((Occur::Should, term(f.reach, level.code().unsigned_abs())));
        }
    }
    if !who.groups.is_empty() {
        let groups: Vec<(Occur, Box<dyn Query>)> = who
            .groups
            .iter()
            .map(|g| (Occur::Should, term(f.groups, g.0.unsigned_abs())))
            .collect();
        reach.push((
            Occur::Should,
            Box::new(BooleanQuery::new(vec![
                (
                    Occur::Must,
                    term(f.reach, Reach::Groups.code().unsigned_abs()),
                ),
                (Occur::Must, Box::new(BooleanQuery::new(groups))),
            ])),
        ));
    }
    must.push((Occur::Must, Box::new(BooleanQuery::new(reach))));
    Some(Box::new(BooleanQuery::new(must)))
}

fn term(field: tantivy::schema::Field, value: u64) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_u64(field, value),
        IndexRecordOption::Basic,
    ))
}
