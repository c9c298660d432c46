//! The access gate at query time, index side: [`ViewerFilter`] — the plain-data form of
//! `Audience::admits` that the store applies in SQL — applied to the audience fields every
//! document carries. It decides what is matched and counted; the records finally shown are still
//! fetched from the store and passed through `Audience::admits` by the caller, and records with
//! changes the index has not taken in yet are left out (see `pending`), so a stale entry can
//! never show a record the viewer may not see.

use crate::schema::{Fields, NO_EMBARGO};
use letopis_core::access::{Reach, ViewerFilter};
use std::ops::Bound;
use tantivy::Term;
use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;

/// The documents the viewer may see, or `None` when the viewer may see everything.
pub fn filter(f: &Fields, who: &ViewerFilter) -> Option<Box<dyn Query>> {
    if who.everything {
        return None;
    }
    let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    must.push((
        Occur::Must,
        Box::new(RangeQuery::new(
            Bound::Included(Term::from_field_u64(f.age, 0)),
            Bound::Included(Term::from_field_u64(f.age, u64::from(who.max_age))),
        )),
    ));
    if !who.ignore_embargo {
        // No embargo is stored as 0, which every day passes.
        must.push((
            Occur::Must,
            Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_i64(f.open_from, NO_EMBARGO)),
                Bound::Included(Term::from_field_i64(f.open_from, i64::from(who.today))),
            )),
        ));
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
