//! Search queries as a visitor sends them: the query string (`q=…&kind=person&fate=killed&page=2`,
//! read by `Request::from_pairs`) and the text of `q` (words, «quoted phrases», initials, years,
//! months, place names; read and planned inside `SearchIndex::search`), run for an anonymous
//! visitor against a small indexed museum.
#![no_main]
use letopis_core::Viewer;
use letopis_fuzz::{search_base, today};
use letopis_search::Request;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|query: &str| {
    let (store, index) = search_base();
    let who = Viewer::anonymous().filter(today());
    // The whole input as the typed text, and the input as a query string.
    // «Nothing here can fail» (search/src/parse.rs): an error would be a 500 for the visitor.
    index
        .search(store, &Request::new(query), &who)
        .unwrap_or_else(|e| panic!("search for {query:?} failed: {e}"));
    let pairs: Vec<(String, String)> = query
        .split('&')
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (name.to_string(), value.to_string())
        })
        .collect();
    if let Ok(request) = Request::from_pairs(&pairs) {
        index
            .search(store, &request, &who)
            .unwrap_or_else(|e| panic!("search {request:?} failed: {e}"));
    }
});
