//! Suggestions as you type: persons, places, events and organisations whose names start with
//! the words typed so far («иванов п» → Иванов Пётр Семёнович). Same gate, same pending-change
//! exclusion as the search; the caller confirms each record with the store before showing it.

use crate::analysis::words;
use crate::build::term_query;
use crate::document::PREFIX_MAX_CHARS;
use crate::error::SearchError;
use crate::index::{NOT_READY, SearchIndex};
use crate::pending::pending;
use crate::request::Request;
use letopis_core::access::ViewerFilter;
use letopis_core::names;
use letopis_core::record::RecordId;
use letopis_store::Store;
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, DisjunctionMaxQuery, Occur, Query, TermQuery,
};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Order, TantivyDocument, Term};

/// Words of the typed text that are used; a longer text is a search, not a name.
const MAX_WORDS: usize = 4;
pub const MAX_SUGGESTIONS: usize = 10;
/// A typed word begins one of the record's names.
const BEGINS: f32 = 1.0;
/// ... and is that name in full.
const WHOLE: f32 = 2.0;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub id: RecordId,
    /// The title as indexed; callers show the store's current title.
    pub title: String,
}

impl SearchIndex {
    pub fn suggest(
        &self,
        store: &dyn Store,
        text: &str,
        who: &ViewerFilter,
        limit: usize,
    ) -> Result<Vec<Suggestion>, SearchError> {
        let typed: Vec<String> = words(text).into_iter().take(MAX_WORDS).collect();
        let limit = limit.min(MAX_SUGGESTIONS);
        let seq = self.indexed_seq();
        if typed.is_empty() || limit == 0 || seq == NOT_READY {
            return Ok(Vec::new());
        }
        let skip = pending(store, seq)?;
        let f = &self.f;
        // Scores are fixed numbers, not BM25: a suggestion's rank must not depend on the index's
        // statistics, which differ between nodes (and before and after a merge) with the
        // documents deleted but not yet merged away. Each typed word counts once: 1 for a name
        // it begins, 2 more for a name it is in full; equal ranks go alphabetically.
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for word in &typed {
            // A word may be typed in any case form: «Тюрина Тихона» is Тихон Тюрин, so each
            // nominative it allows is a prefix too (the word itself first, still being typed).
            let mut begins: Vec<Box<dyn Query>> = Vec::new();
            let mut whole: Vec<Box<dyn Query>> = Vec::new();
            for form in names::nominative_candidates(word) {
                let prefix: String = form.chars().take(PREFIX_MAX_CHARS).collect();
                begins.push(Box::new(ConstScoreQuery::new(
                    Box::new(TermQuery::new(
                        Term::from_field_text(f.prefix, &prefix),
                        IndexRecordOption::Basic,
                    )),
                    BEGINS,
                )));
                whole.push(Box::new(ConstScoreQuery::new(
                    term_query(f.words, &form),
                    WHOLE,
                )));
            }
            clauses.push((Occur::Must, Box::new(DisjunctionMaxQuery::new(begins))));
            clauses.push((Occur::Should, Box::new(DisjunctionMaxQuery::new(whole))));
        }
        let text_query = BooleanQuery::new(clauses);
        // The gate only admits: its own scores must not reorder the names, and the typed words
        // are matched once, not again inside it.
        let admitted = self.filtered(&AllQuery, &Request::new(""), who, None);
        let query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(text_query) as Box<dyn Query>),
            (Occur::Must, Box::new(ConstScoreQuery::new(admitted, 0.0))),
        ]);
        let searcher = self.reader.searcher();
        // Pending records are dropped after ranking, so ask for a few more. Equal ranks go
        // alphabetically, then by record number, never by where the documents happen to lie
        // in the index: two nodes offer the same names in the same order.
        let rank = (
            SortBySimilarityScore,
            (
                (
                    SortByStaticFastValue::<u64>::for_field("name_rank"),
                    Order::Asc,
                ),
                (SortByStaticFastValue::<u64>::for_field("rid"), Order::Asc),
            ),
        );
        let top = searcher.search(
            &query,
            &TopDocs::with_limit(limit + skip.len().min(50)).order_by(rank),
        )?;
        let mut out = Vec::new();
        for (_, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let Some(rid) = doc.get_first(f.rid).and_then(|v| v.as_u64()) else {
                continue;
            };
            if skip.contains(&rid) {
                continue;
            }
            let title = doc
                .get_first(f.title)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string();
            out.push(Suggestion {
                id: RecordId(i64::try_from(rid).unwrap_or(i64::MAX)),
                title,
            });
            if out.len() == limit {
                break;
            }
        }
        Ok(out)
    }
}
