//! The three forms of the one gate agree (DESIGN.md, invariant 1): `Audience::admits` (single
//! records), the store's `ViewerFilter` in SQL (lists and counts) and the search index's filter
//! (`gate.rs`, results, counts and suggestions). The storage contract's gate fixture — a record in
//! every state that matters to the gate — is indexed with the real indexer and searched as each
//! of the contract's viewers; every record must be found by exactly the viewers `admits` lets
//! see it, and by those the store lists it for.

use letopis_core::record::RecordId;
use letopis_core::{Kind, Viewer};
use letopis_search::{Indexer, MAX_PER_PAGE, Request, SearchIndex};
use letopis_store::contract::{TODAY, gate_fixture, gate_viewers};
use letopis_store::sqlite::SqliteStore;
use letopis_store::{ListQuery, Store};
use std::collections::BTreeSet;

/// Who sees what, by fixture name, so that a disagreement reads as «drafts», not as ids.
type Sees = BTreeSet<&'static str>;

#[test]
fn the_index_the_store_and_the_gate_show_each_viewer_the_same_records() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let store = SqliteStore::open(dir.path().join("letopis.db")).expect("store");
    letopis_store::contract::working_groups(&store);
    let fixture = gate_fixture(&store);
    let (index, _) = SearchIndex::open(&dir.path().join("search")).expect("index");
    Indexer::new(index.clone(), &store)
        .and_then(|mut indexer| indexer.rebuild(&store))
        .expect("indexing the fixture");

    let name_of = |id: RecordId| {
        fixture
            .iter()
            .find(|(_, i)| *i == id)
            .map(|(name, _)| *name)
    };
    let mut disagreements = Vec::new();
    let mut someone_denied = BTreeSet::new();
    let mut someone_admitted = BTreeSet::new();
    for viewer in gate_viewers() {
        let filter = viewer.filter(TODAY);
        let mut by_admits = Sees::new();
        for (name, id) in &fixture {
            let stored = store.get(*id).expect("read").expect("fixture record");
            if stored.audience.admits(&viewer, TODAY) {
                by_admits.insert(*name);
                someone_admitted.insert(*name);
            } else {
                someone_denied.insert(*name);
            }
        }

        let mut by_sql = Sees::new();
        for kind in [Kind::Place, Kind::Person] {
            let page = store
                .list(
                    &ListQuery {
                        limit: 100,
                        ..ListQuery::new(kind)
                    },
                    &filter,
                )
                .expect("list");
            by_sql.extend(page.items.iter().filter_map(|r| name_of(r.record.id())));
        }

        // Each record is searched for by its own title, so a record the index's filter lets
        // through is certainly among the hits; what else the words find does not matter here.
        let mut by_index = Sees::new();
        for (name, id) in &fixture {
            let title = store
                .get(*id)
                .expect("read")
                .expect("record")
                .record
                .title();
            let request = Request {
                per_page: MAX_PER_PAGE,
                ..Request::new(title.clone())
            };
            let results = index.search(&store, &request, &filter).expect("search");
            assert!(
                !results.empty_query && !results.building,
                "searching «{title}» searched nothing"
            );
            if results.hits.iter().any(|h| h.id == *id) {
                by_index.insert(*name);
            }
            let counted = results.hits.len() as u64;
            assert_eq!(
                results.total, counted,
                "«{title}» for {viewer:?}: the count and the hits differ"
            );
        }

        if by_sql != by_admits || by_index != by_admits {
            disagreements.push(describe(&viewer, &by_admits, &by_sql, &by_index));
        }
    }
    assert!(
        disagreements.is_empty(),
        "the forms of the gate disagree:\n{}",
        disagreements.join("\n")
    );
    // A fixture every viewer sees whole (or none sees) would let a missing filter pass.
    assert!(
        !someone_denied.is_empty() && someone_admitted.len() == fixture.len(),
        "the fixture should have records some viewers may not see, and none nobody may"
    );
}

fn describe(viewer: &Viewer, admits: &Sees, sql: &Sees, index: &Sees) -> String {
    let diff = |other: &Sees| {
        let extra: Vec<_> = other.difference(admits).collect();
        let missing: Vec<_> = admits.difference(other).collect();
        format!("shows besides {extra:?}, leaves out {missing:?}")
    };
    format!(
        "{viewer:?}\n  admits: {admits:?}\n  SQL list: {}\n  search index: {}",
        diff(sql),
        diff(index)
    )
}
