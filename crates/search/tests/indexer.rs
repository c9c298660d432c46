//! The index follows the base: edits become searchable, withdrawals vanish at once (from
//! results, counts, suggestions and snippets), the position in the change feed survives a
//! restart, a damaged index is rebuilt, and no input breaks a search.

mod support;

use letopis_core::names::PersonName;
use letopis_core::record::RecordId;
use letopis_core::{Body, Workflow};
use letopis_search::{Follower, Indexer, Rebuild, Request, SearchIndex};
use letopis_store::sqlite::SqliteStore;
use letopis_store::{Op, Store};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::{anonymous, editor, fallen, publish, today};

struct Small {
    dir: tempfile::TempDir,
    store: Arc<SqliteStore>,
    index: Arc<SearchIndex>,
}

fn small() -> (Small, RecordId) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let store = Arc::new(SqliteStore::open(dir.path().join("letopis.db")).expect("store"));
    let ids = publish(
        &*store,
        vec![
            fallen(
                PersonName::new("Тимофеев", "Аркадий", "Львович"),
                "1942-03-01",
                "Пулемётчик, погиб под Ржевом в марте 1942 года.",
            ),
            fallen(
                PersonName::new("Дорохов", "Степан", "Ильич"),
                "1941-11-20",
                "Сапёр, минировал мост через канал.",
            ),
        ],
    );
    let (index, _) = SearchIndex::open(&dir.path().join("search")).expect("index");
    (Small { dir, store, index }, ids[0])
}

fn ids(small: &Small, text: &str) -> Vec<RecordId> {
    small
        .index
        .search(&*small.store, &Request::new(text), &anonymous())
        .expect("search")
        .hits
        .iter()
        .map(|h| h.id)
        .collect()
}

fn rename(store: &dyn Store, id: RecordId, surname: &str) {
    let stored = store.get(id).expect("read").expect("exists");
    let Body::Person(mut p) = stored.record.body.clone() else {
        panic!("a person");
    };
    p.name.surname = surname.into();
    store
        .apply(
            &editor(),
            vec![Op::Update {
                id,
                expected_version: Some(stored.record.meta.version),
                body: Body::Person(p),
                settings: stored.record.settings(),
            }],
            today(),
        )
        .expect("update");
}

fn withdraw(store: &dyn Store, id: RecordId) {
    store
        .apply(
            &letopis_core::history::Actor::user(letopis_core::UserId(2), "Эксперт"),
            vec![Op::Step {
                id,
                to: Workflow::Withdrawn,
                note: Some("отзыв согласия".into()),
            }],
            today(),
        )
        .expect("withdraw");
}

#[test]
fn edits_are_taken_in_and_a_withdrawal_vanishes_at_once() {
    let (s, id) = small();
    let mut indexer = Indexer::new(s.index.clone(), &*s.store).expect("indexer");
    indexer.rebuild(&*s.store).expect("build");
    assert_eq!(ids(&s, "Тимофеев Аркадий"), [id]);

    rename(&*s.store, id, "Тимофеевский");
    // Until the indexer has read the change, the record is left out rather than shown stale.
    assert!(ids(&s, "Тимофеев Аркадий").is_empty());
    assert!(indexer.catch_up(&*s.store).expect("catch up") > 0);
    assert_eq!(ids(&s, "Тимофеевский Аркадий"), [id]);
    // The old surname is gone (a single word: two words would fall back to «all but one»).
    assert!(ids(&s, "Тимофеев").is_empty());

    withdraw(&*s.store, id);
    // Not caught up yet: results, counts, suggestions and snippets already leave it out.
    let results = s
        .index
        .search(&*s.store, &Request::new("Ржевом"), &anonymous())
        .expect("search");
    assert!(results.hits.is_empty(), "{:?}", results.hits);
    assert_eq!(results.total, 0);
    assert!(results.facets.is_empty(), "{:?}", results.facets);
    let suggested = s
        .index
        .suggest(&*s.store, "тимоф", &anonymous(), 10)
        .expect("suggest");
    assert!(suggested.is_empty(), "{suggested:?}");
    indexer.catch_up(&*s.store).expect("catch up");
    assert!(ids(&s, "Тимофеевский").is_empty());
    assert!(
        s.index
            .suggest(&*s.store, "тимоф", &anonymous(), 10)
            .expect("suggest")
            .is_empty()
    );
    // Staff still find it: the index keeps every record with its audience.
    let staff = letopis_core::Viewer::staff(letopis_core::UserId(1), vec![]).filter(today());
    let found = s
        .index
        .search(&*s.store, &Request::new("Тимофеевский"), &staff)
        .expect("search");
    assert_eq!(found.hits.len(), 1);
}

#[test]
fn the_follower_makes_a_published_record_searchable() {
    let (s, _) = small();
    let store: Arc<dyn Store> = s.store.clone();
    let follower = Follower::start(s.index.clone(), store, true).expect("follower");
    let new = publish(
        &*s.store,
        vec![fallen(
            PersonName::new("Журавский", "Остап", "Романович"),
            "1943",
            "Разведчик.",
        )],
    )[0];
    // A deadline only so that a broken follower fails the test instead of hanging it.
    let deadline = Instant::now() + Duration::from_secs(30);
    while ids(&s, "Журавский Остап") != [new] {
        assert!(
            Instant::now() < deadline,
            "the follower never indexed the record"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(follower);
    assert_eq!(s.index.indexed_seq(), s.store.change_seq().expect("seq"));
}

#[test]
fn the_feed_position_survives_a_restart_and_a_damaged_index_is_rebuilt() {
    let (s, id) = small();
    let path = s.dir.path().join("search");
    {
        let mut indexer = Indexer::new(s.index.clone(), &*s.store).expect("indexer");
        indexer.rebuild(&*s.store).expect("build");
    }
    let seq = s.index.indexed_seq();
    drop(s.index);
    let (reopened, rebuild) = SearchIndex::open(&path).expect("reopen");
    assert_eq!(rebuild, None);
    assert_eq!(reopened.indexed_seq(), seq);
    drop(reopened);

    // A segment file cut short, as after a full disk.
    let segment = std::fs::read_dir(&path)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "idx"))
        .expect("a segment's term index");
    std::fs::write(&segment, b"broken").expect("damage");
    let (fresh, rebuild) = SearchIndex::open(&path).expect("open damaged");
    assert!(matches!(rebuild, Some(Rebuild::Damaged(_))), "{rebuild:?}");
    let mut indexer = Indexer::new(fresh.clone(), &*s.store).expect("indexer");
    indexer.rebuild(&*s.store).expect("rebuild");
    let again = Small {
        dir: s.dir,
        store: s.store,
        index: fresh,
    };
    assert_eq!(ids(&again, "Тимофеев"), [id]);

    // Gone altogether: made anew.
    drop(indexer);
    drop(again.index);
    std::fs::remove_dir_all(&path).expect("remove");
    let (_, rebuild) = SearchIndex::open(&path).expect("open missing");
    assert_eq!(rebuild, Some(Rebuild::Missing));
}

#[test]
fn hostile_input_never_breaks_a_search() {
    let (s, _) = small();
    let mut indexer = Indexer::new(s.index.clone(), &*s.store).expect("indexer");
    indexer.rebuild(&*s.store).expect("build");
    let long = "Тимофеев ".repeat(1200);
    for text in [
        "",
        "   ",
        "!!! ??? ...",
        "AND OR NOT ( ) [ ] { } : ^ ~ * \\ + - && ||",
        "title:foo AND body:\"bar",
        "\"Тимофеев",
        "«»«»\"\"",
        "*:*",
        long.as_str(),
        "\u{0301}\u{200B}",
        "1941 1942 1943",
    ] {
        let results = s
            .index
            .search(&*s.store, &Request::new(text), &anonymous())
            .expect("a search never fails on input");
        assert!(results.hits.len() <= 20, "{text}");
        s.index
            .suggest(&*s.store, text, &anonymous(), 10)
            .expect("suggestions never fail on input");
    }
    assert!(!ids(&s, "\"Тимофеев").is_empty());
    assert!(!ids(&s, &long).is_empty());
}

#[test]
fn a_query_that_finds_nothing_gets_a_spelling_that_does() {
    let (s, _) = small();
    let mut indexer = Indexer::new(s.index.clone(), &*s.store).expect("indexer");
    indexer.rebuild(&*s.store).expect("build");
    // Written as heard, the name is found by its sound, with no advice needed.
    let heard = s
        .index
        .search(&*s.store, &Request::new("Дарохоф"), &anonymous())
        .expect("search");
    assert!(!heard.hits.is_empty());
    assert_eq!(heard.did_you_mean, None);
    // Two slips that are not of hearing find nothing, and the spelling that does is offered.
    let results = s
        .index
        .search(&*s.store, &Request::new("Дрохоф"), &anonymous())
        .expect("search");
    assert!(results.hits.is_empty());
    assert_eq!(results.did_you_mean.as_deref(), Some("дорохов"));
    let nothing = s
        .index
        .search(&*s.store, &Request::new("зззззззз"), &anonymous())
        .expect("search");
    assert_eq!(nothing.did_you_mean, None);
}

/// A full build walks every page of a kind, not the first page the store returns (the store
/// caps a page at 1,000 records): the last person of 2,500 is found.
#[test]
fn a_build_takes_in_every_record_of_a_large_kind() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let store = Arc::new(SqliteStore::open(dir.path().join("letopis.db")).expect("store"));
    let drafts = (0..2_500)
        .map(|n| {
            fallen(
                PersonName::new(&format!("Фамилия{n}"), "Иван", "Петрович"),
                "1942",
                "Рядовой.",
            )
        })
        .collect();
    let created = publish(&*store, drafts);
    let (index, _) = SearchIndex::open(&dir.path().join("search")).expect("index");
    let mut indexer = Indexer::new(index.clone(), &*store).expect("indexer");
    let report = indexer.rebuild(&*store).expect("build");
    assert_eq!(report.records, 2_500);
    let small = Small { dir, store, index };
    // Records come newest first, so the oldest is on the last page.
    assert_eq!(ids(&small, "Фамилия0").first(), Some(&created[0]));
    assert_eq!(ids(&small, "Фамилия2499").first(), Some(&created[2_499]));
}

/// A base restored from a backup older than its index: the index claims change-feed positions
/// the base will reuse, so it is noticed and built again instead of followed.
#[test]
fn an_index_ahead_of_its_base_is_noticed() {
    let (s, _) = small();
    let mut indexer = Indexer::new(s.index.clone(), &*s.store).expect("indexer");
    indexer.rebuild(&*s.store).expect("build");
    assert!(!indexer.ahead_of(&*s.store).expect("positions"));
    let older = SqliteStore::open(s.dir.path().join("older.db")).expect("older base");
    assert!(indexer.ahead_of(&older).expect("positions"));
}
