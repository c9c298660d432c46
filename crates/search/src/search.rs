//! Running a search: the visitor's words, the gate, the filters; records ranked and paged, with
//! facet counts, snippets, interview moments and spelling advice.

use crate::build::{Builder, Plan, term_query};
use crate::collect::{Collected, Found, Records};
use crate::error::SearchError;
use crate::gate;
use crate::highlight::{Highlighted, snippet_of};
use crate::index::{NOT_READY, SearchIndex};
use crate::parse::parse;
use crate::pending::pending;
use crate::request::{Request, Sort};
use crate::spell;
use letopis_core::Kind;
use letopis_core::access::ViewerFilter;
use letopis_core::facet::FacetName;
use letopis_core::record::RecordId;
use letopis_store::Store;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::schema::Value;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Searcher, TantivyDocument};

/// From how many persons with one name the results say so and offer narrowing.
pub const NAMESAKES_SHOWN: u64 = 5;

/// Up to this many records changed since the index caught up are left out of a count by their
/// ids; beyond (a large import in progress) the count collects records instead.
const MAX_SKIPPED_BY_ID: usize = 256;

/// One record found, best first.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub id: RecordId,
    pub score: f32,
    /// Where the words were found in the record's own text, if they were.
    pub snippet: Option<Highlighted>,
    /// Moments of an interview where the words were found.
    pub moments: Vec<Moment>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Moment {
    /// Seconds from the start: the `?t=` of the interview page.
    pub t: u32,
    /// The index segment's title, for a segment.
    pub heading: Option<String>,
    pub snippet: Highlighted,
}

/// How many records the viewer may see with one facet value among the results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    /// `kind` or a facet name's code.
    pub name: String,
    pub value: String,
    pub count: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Results {
    pub hits: Vec<Hit>,
    pub total: u64,
    /// Sorted by name, then count (largest first), then value.
    pub facets: Vec<FacetCount>,
    /// Not every word could be found together; these results have all words but one.
    pub relaxed: bool,
    /// «Возможно, вы имели в виду…»: a spelling that finds something, when nothing was found.
    pub did_you_mean: Option<String>,
    /// The place the query named, which narrowed the results.
    pub place: Option<RecordId>,
    pub year: Option<i32>,
    pub month: Option<u8>,
    /// How many persons the viewer may see have the very name asked for (any case or gender
    /// form), when there are [`NAMESAKES_SHOWN`] or more: the results then offer narrowing by
    /// birth decade, birth place, unit and fate. 0 otherwise.
    pub namesakes: u64,
    /// Nothing searchable was typed.
    pub empty_query: bool,
    /// The index is being built; results are incomplete.
    pub building: bool,
}

impl SearchIndex {
    /// Searches as a viewer. The records behind the hits must still be fetched from the store
    /// and passed through `Audience::admits` before they are shown.
    pub fn search(
        &self,
        store: &dyn Store,
        request: &Request,
        who: &ViewerFilter,
    ) -> Result<Results, SearchError> {
        let parsed = parse(&request.text);
        if parsed.is_empty() {
            return Ok(Results {
                empty_query: true,
                ..Results::default()
            });
        }
        let seq = self.indexed_seq();
        if seq == NOT_READY {
            return Ok(Results {
                building: true,
                ..Results::default()
            });
        }
        let skip = Arc::new(pending(store, seq)?);
        let searcher = self.reader.searcher();
        let gazetteer = self.gazetteer();
        let builder = Builder {
            index: &self.index,
            f: &self.f,
            gazetteer: &gazetteer,
            searcher: &searcher,
        };
        let plan = builder.plan(&parsed);
        let Some(strict) = &plan.strict else {
            return Ok(Results {
                empty_query: true,
                ..Results::default()
            });
        };
        let mut results = Results {
            place: plan.place,
            year: plan.year,
            month: plan.month,
            ..Results::default()
        };
        let mut text_query = strict.box_clone();
        let mut collected = self.run(&searcher, &*text_query, request, who, &skip, None)?;
        if collected.records.is_empty()
            && let Some(relaxed) = &plan.relaxed
        {
            let again = self.run(&searcher, &**relaxed, request, who, &skip, None)?;
            if !again.records.is_empty() {
                collected = again;
                text_query = relaxed.box_clone();
                results.relaxed = true;
            }
        }
        if collected.records.is_empty() {
            results.did_you_mean =
                self.did_you_mean(&searcher, &builder, &plan, request, who, &skip)?;
        }
        if !results.relaxed
            && let Some(same_name) = &plan.same_name
        {
            results.namesakes = self.namesakes(&searcher, &**same_name, who, &skip)?;
        }
        results.facets = self.facets(&searcher, &*text_query, request, who, &skip, &collected)?;
        results.total = collected.records.len() as u64;
        let page = page_of(collected, request);
        let generator = SnippetGenerator::create(&searcher, &*text_query, self.f.body)?;
        for found in page {
            results.hits.push(self.hit(&searcher, &generator, found)?);
        }
        Ok(results)
    }

    /// Persons with the name asked for, under the gate but not the request's filters: the
    /// number stays put while the visitor narrows.
    fn namesakes(
        &self,
        searcher: &Searcher,
        same_name: &dyn Query,
        who: &ViewerFilter,
        skip: &Arc<HashSet<u64>>,
    ) -> Result<u64, SearchError> {
        let mut persons = Request::new("");
        persons.kinds = vec![Kind::Person];
        let query = self.filtered(same_name, &persons, who, None);
        // Counted, not collected: a person has one document, and the few records changed since
        // the index caught up are left out by id, as everywhere.
        let n = if skip.len() <= MAX_SKIPPED_BY_ID {
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query)];
            clauses.extend(skip.iter().map(|&rid| {
                let term = tantivy::Term::from_field_u64(self.f.rid, rid);
                let q: Box<dyn Query> = Box::new(tantivy::query::TermQuery::new(
                    term,
                    tantivy::schema::IndexRecordOption::Basic,
                ));
                (Occur::MustNot, q)
            }));
            searcher.search(&BooleanQuery::new(clauses), &tantivy::collector::Count)? as u64
        } else {
            let found = searcher.search(
                &*query,
                &Records {
                    skip: skip.clone(),
                    count_facets: false,
                },
            )?;
            found.records.len() as u64
        };
        Ok(if n >= NAMESAKES_SHOWN { n } else { 0 })
    }

    /// Collects the records matching `text` under the gate and the request's filters, leaving
    /// out the filters of `without` (for that facet's own counts).
    fn run(
        &self,
        searcher: &Searcher,
        text: &dyn Query,
        request: &Request,
        who: &ViewerFilter,
        skip: &Arc<HashSet<u64>>,
        without: Option<&str>,
    ) -> Result<Collected, SearchError> {
        let query = self.filtered(text, request, who, without);
        Ok(searcher.search(
            &*query,
            &Records {
                skip: skip.clone(),
                count_facets: true,
            },
        )?)
    }

    /// `text` AND the gate AND the kinds AND the facet filters (OR within a name).
    pub(crate) fn filtered(
        &self,
        text: &dyn Query,
        request: &Request,
        who: &ViewerFilter,
        without: Option<&str>,
    ) -> Box<dyn Query> {
        let f = &self.f;
        let mut must: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text.box_clone())];
        if let Some(gate) = gate::filter(f, who) {
            must.push((Occur::Must, gate));
        }
        let mut groups: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for kind in &request.kinds {
            groups
                .entry("kind")
                .or_default()
                .push(format!("kind={}", kind.code()));
        }
        for (name, value) in &request.filters {
            groups
                .entry(name.code())
                .or_default()
                .push(format!("{}={value}", name.code()));
        }
        for (name, values) in groups {
            if Some(name) == without {
                continue;
            }
            let any = values
                .iter()
                .map(|v| (Occur::Should, term_query(f.facet, v)))
                .collect();
            must.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        Box::new(BooleanQuery::new(must))
    }

    /// Facet counts: under all filters, except that a filtered facet is counted under the
    /// *other* filters, so a visitor who ticked «погиб» still sees how many went missing.
    fn facets(
        &self,
        searcher: &Searcher,
        text: &dyn Query,
        request: &Request,
        who: &ViewerFilter,
        skip: &Arc<HashSet<u64>>,
        collected: &Collected,
    ) -> Result<Vec<FacetCount>, SearchError> {
        let mut names: Vec<&str> = request.filters.iter().map(|(n, _)| n.code()).collect();
        if !request.kinds.is_empty() {
            names.push("kind");
        }
        names.sort();
        names.dedup();
        let mut counts: Vec<FacetCount> = Vec::new();
        let mut add = |source: &Collected, only: Option<&str>| {
            for (key, &count) in &source.facets {
                let Some((name, value)) = key.split_once('=') else {
                    continue;
                };
                let wanted = match only {
                    Some(n) => name == n,
                    None => !names.contains(&name),
                };
                if wanted {
                    counts.push(FacetCount {
                        name: name.to_string(),
                        value: value.to_string(),
                        count,
                    });
                }
            }
        };
        add(collected, None);
        for name in &names {
            let other = self.run(searcher, text, request, who, skip, Some(name))?;
            add(&other, Some(name));
        }
        counts.sort_by(|a, b| {
            a.name
                .cmp(&b.name)
                .then(b.count.cmp(&a.count))
                .then(a.value.cmp(&b.value))
        });
        Ok(counts)
    }

    fn hit(
        &self,
        searcher: &Searcher,
        generator: &SnippetGenerator,
        found: Found,
    ) -> Result<Hit, SearchError> {
        let snippet = match found.record_doc {
            Some(address) => {
                let doc: TantivyDocument = searcher.doc(address)?;
                snippet_of(generator, &doc, self.f.body).filter(|s| !s.marks.is_empty())
            }
            None => None,
        };
        let mut moments: Vec<Moment> = Vec::new();
        for (_, address) in &found.moments {
            let moment = self.moment(searcher, generator, *address)?;
            // A segment and a transcript line that start in the same second are one place to
            // listen from: «Слушать с 0:32» once, with the better-scoring one's words.
            if moments.iter().all(|m| m.t != moment.t) {
                moments.push(moment);
            }
        }
        Ok(Hit {
            id: RecordId(i64::try_from(found.rid).unwrap_or(i64::MAX)),
            score: found.score,
            snippet,
            moments,
        })
    }

    fn moment(
        &self,
        searcher: &Searcher,
        generator: &SnippetGenerator,
        address: DocAddress,
    ) -> Result<Moment, SearchError> {
        let doc: TantivyDocument = searcher.doc(address)?;
        let t_ms = doc
            .get_first(self.f.t_ms)
            .and_then(|v| v.as_u64())
            .unwrap_or(0);
        let heading = doc
            .get_first(self.f.heading)
            .and_then(|v| v.as_str())
            .map(str::to_string);
        let snippet = snippet_of(generator, &doc, self.f.body).unwrap_or_default();
        Ok(Moment {
            t: u32::try_from(t_ms / 1000).unwrap_or(u32::MAX),
            heading,
            snippet,
        })
    }

    fn did_you_mean(
        &self,
        searcher: &Searcher,
        builder: &Builder<'_>,
        plan: &Plan,
        request: &Request,
        who: &ViewerFilter,
        skip: &Arc<HashSet<u64>>,
    ) -> Result<Option<String>, SearchError> {
        let visible = gate::filter(&self.f, who);
        let Some(corrected) = spell::correct(searcher, &self.f, &plan.words, visible.as_deref())?
        else {
            return Ok(None);
        };
        let mut text = corrected.join(" ");
        if let Some(y) = plan.year {
            if let Some(m) = plan.month {
                text.push(' ');
                text.push_str(letopis_core::edtf::month_prepositional_ru(m));
            }
            text.push_str(&format!(" {y}"));
        }
        let again = builder.plan(&parse(&text));
        let Some(q) = again.strict else {
            return Ok(None);
        };
        let found = self.run(searcher, &*q, request, who, skip, None)?;
        Ok((!found.records.is_empty()).then_some(text))
    }

    /// Is the record in the index and searchable (for tests and the health of the index)?
    pub fn contains(&self, id: RecordId) -> bool {
        let searcher = self.reader.searcher();
        let q = tantivy::query::TermQuery::new(
            tantivy::Term::from_field_u64(self.f.rid, crate::document::id_term(id)),
            tantivy::schema::IndexRecordOption::Basic,
        );
        searcher
            .search(&q, &tantivy::collector::Count)
            .is_ok_and(|n| n > 0)
    }
}

/// Sorts the records found and keeps the requested page.
fn page_of(collected: Collected, request: &Request) -> Vec<Found> {
    let mut all: Vec<Found> = collected.records.into_values().collect();
    match request.sort {
        Sort::Relevance => all.sort_by(|a, b| {
            b.score
                .partial_cmp(&a.score)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.rid.cmp(&b.rid))
        }),
        Sort::Date => all.sort_by_key(|f| (f.date, f.rid)),
        Sort::Name => all.sort_by_key(|f| (f.name_rank, f.rid)),
    }
    all.into_iter()
        .skip(request.offset())
        .take(request.per_page)
        .collect()
}

/// The kinds among facet counts, for callers that show them as tabs.
pub fn kind_counts(results: &Results) -> Vec<(Kind, u64)> {
    results
        .facets
        .iter()
        .filter(|c| c.name == "kind")
        .filter_map(|c| Kind::from_code(&c.value).map(|k| (k, c.count)))
        .collect()
}

/// The facet counts of one facet name.
pub fn counts_of(results: &Results, name: FacetName) -> Vec<&FacetCount> {
    results
        .facets
        .iter()
        .filter(|c| c.name == name.code())
        .collect()
}
