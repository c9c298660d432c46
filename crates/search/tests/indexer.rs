//! The index follows the base: edits become searchable, withdrawals vanish at once (from
//! results, counts, suggestions and snippets), the position in the change feed survives a
//! restart, a damaged index is rebuilt, and no input breaks a search.

mod support;

use letopis_core::names::PersonName;
use letopis_core::record::RecordId;
use letopis_core::{Body, Workflow};
use letopis_search::{Alongside, Follower, Indexer, Rebuild, Request, SearchIndex};
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

/// An import's ops, as `letopis_import` gives them: a fallen soldier, the public-interest
/// decision right after him, more fallen created under it, a living person outside it — and,
/// beyond what an import does, a new place and a tie to it, which the index must read back.
fn import_like(surnames: &[&str], place: &str) -> Vec<Op> {
    let decision = letopis_core::consent::NewConsent {
        kind: letopis_core::consent::ConsentKind::PublicInterest,
        subject: None,
        granted_by: "Рабочая группа".into(),
        covers: Vec::new(),
        scope: vec!["ФИО".into(), "биография".into()],
        bans: vec![],
        document: None,
        signed_on: today(),
        valid_until: None,
        note: Some("Протокол № 7".into()),
    };
    let soldier = |surname: &str| {
        fallen(
            PersonName::new(surname, "Игнат", "Саввич"),
            "1942-08",
            "Миномётчик, погиб под Ржевом в августе 1942 года.",
        )
    };
    let mut ops = vec![
        Op::Create(soldier(surnames[0])),
        Op::AddConsentCovering {
            consent: decision,
            earlier: vec![0],
            subject_earlier: None,
        },
    ];
    for surname in &surnames[1..] {
        ops.push(Op::CreateCovered {
            draft: soldier(surname),
            consent_earlier: 1,
        });
    }
    let living = letopis_store::Draft::published(Body::Person(letopis_core::entities::Person {
        name: PersonName::new("Живущев", "Игнат", "Саввич"),
        birth: letopis_core::Edtf::parse("1990").ok(),
        biography: "Жив, работает под Ржевом.".into(),
        ..Default::default()
    }));
    ops.push(Op::Create(living));
    let place_at = ops.len();
    ops.push(Op::Create(letopis_store::Draft::published(Body::Place(
        letopis_core::entities::Place {
            name: place.into(),
            district: "Сходня".into(),
            ..Default::default()
        },
    ))));
    ops.push(Op::RelateCovering {
        relation: letopis_core::relation::NewRelation::new(
            RecordId(0),
            letopis_core::relation::RelationType::BornIn,
            RecordId(0),
        ),
        from_earlier: Some(2),
        to_earlier: Some(place_at),
    });
    ops
}

/// What anonymous visitors and staff find, count and are suggested for these queries.
fn answers(index: &SearchIndex, store: &dyn Store, queries: &[&str]) -> Vec<String> {
    let staff = letopis_core::Viewer::staff(letopis_core::UserId(1), vec![]).filter(today());
    let mut out = Vec::new();
    for viewer in [anonymous(), staff] {
        for &query in queries {
            let found = index
                .search(store, &Request::new(query), &viewer)
                .expect("search");
            let mut facets: Vec<String> = found.facets.iter().map(|f| format!("{f:?}")).collect();
            facets.sort();
            out.push(format!(
                "{query}: {:?} of {} {facets:?}",
                found.hits.iter().map(|h| h.id).collect::<Vec<_>>(),
                found.total
            ));
            let suggested = index.suggest(store, query, &viewer, 10).expect("suggest");
            out.push(format!("{query} suggests {suggested:?}"));
        }
    }
    out
}

/// The index an import builds beside its writing is the one following the change feed would
/// have built, and a full build too — the same records found, counted and suggested, for
/// visitors and for staff — under the feed position the import ended at, so a portal's
/// follower reads none of it again.
#[test]
fn an_index_built_beside_a_transaction_is_the_one_the_feed_builds() {
    let (s, _) = small();
    let mut indexer = Indexer::bulk(s.index.clone(), &*s.store).expect("indexer");
    indexer.rebuild(&*s.store).expect("build");
    // Another index, which will follow the feed over the import the usual way.
    let followed_dir = tempfile::tempdir().expect("temporary directory");
    let (followed, _) = SearchIndex::open(followed_dir.path()).expect("index");
    let mut following = Indexer::new(followed.clone(), &*s.store).expect("indexer");
    following.rebuild(&*s.store).expect("build");
    let mut alongside = Alongside::start(indexer).expect("start");
    let surnames = ["Ветлугин", "Заозёрский", "Кормильцев", "Лыков"];
    let applied = s
        .store
        .apply_each_observed(
            &editor(),
            &mut import_like(&surnames, "Деревня Льялово")
                .into_iter()
                .map(Ok),
            today(),
            &mut alongside,
        )
        .expect("import");
    let report = alongside
        .committed(&*s.store, applied.feed)
        .expect("commit");
    // Three fallen and the living person beside the writing; read back: the first soldier
    // (covered after his creation), the one tied to the place, and the place.
    assert_eq!(report.beside, 5, "{report:?}");
    assert_eq!(report.read_back, 3, "{report:?}");
    assert_eq!(report.followed, 0, "{report:?}");
    assert_eq!(s.index.indexed_seq(), s.store.change_seq().expect("seq"));

    let fed_dir = tempfile::tempdir().expect("temporary directory");
    let (fed, _) = SearchIndex::open(fed_dir.path()).expect("index");
    Indexer::new(fed.clone(), &*s.store)
        .expect("indexer")
        .rebuild(&*s.store)
        .expect("build");
    assert_eq!(s.index.num_docs(), fed.num_docs());
    let queries = [
        "Ветлугин",
        "Заозерский Игнат",
        "Лыков",
        "Живущев",
        "Игнат Саввич",
        "Ржевом",
        "1942",
        "Льялово",
        "Тимофеев",
        "лык",
        "живу",
    ];
    let beside = answers(&s.index, &*s.store, &queries);
    assert_eq!(beside, answers(&fed, &*s.store, &queries));
    assert!(following.catch_up(&*s.store).expect("catch up") > 0);
    assert_eq!(followed.num_docs(), fed.num_docs());
    assert_eq!(beside, answers(&followed, &*s.store, &queries));
    assert!(beside[0].contains("RecordId"), "{beside:?}");

    // The portal starting now follows the feed from where the import ended: nothing to read.
    let mut follower = Indexer::new(s.index.clone(), &*s.store).expect("indexer");
    assert_eq!(follower.catch_up(&*s.store).expect("catch up"), 0);
}

/// A transaction that is rolled back leaves nothing of its records in the index, not even
/// after the index is opened again from disk, and the index keeps its feed position.
#[test]
fn a_rolled_back_import_leaves_nothing_in_the_index() {
    let (s, id) = small();
    let mut indexer = Indexer::bulk(s.index.clone(), &*s.store).expect("indexer");
    indexer.rebuild(&*s.store).expect("build");
    let (seq, docs) = (s.index.indexed_seq(), s.index.num_docs());
    let mut alongside = Alongside::start(indexer).expect("start");
    let mut ops = import_like(&["Ветлугин", "Заозёрский"], "Деревня Льялово")
        .into_iter()
        .map(Ok)
        .chain([Err(letopis_store::StoreError::Backend(
            "a bad row stops the import".into(),
        ))]);
    assert!(
        s.store
            .apply_each_observed(&editor(), &mut ops, today(), &mut alongside)
            .is_err()
    );
    alongside.abandoned().expect("abandon");
    assert_eq!(s.store.change_seq().expect("seq"), seq, "nothing written");

    let path = s.index.dir().to_path_buf();
    let Small { dir, store, index } = s;
    drop(index);
    let (reopened, rebuild) = SearchIndex::open(&path).expect("reopen");
    assert_eq!(rebuild, None);
    assert_eq!(reopened.indexed_seq(), seq);
    assert_eq!(reopened.num_docs(), docs);
    let again = Small {
        dir,
        store,
        index: reopened,
    };
    assert!(ids(&again, "Ветлугин").is_empty());
    assert!(ids(&again, "Живущев").is_empty());
    assert_eq!(ids(&again, "Тимофеев"), [id]);
    // The writer was given back: the next indexer takes it and has nothing to read.
    let mut next = Indexer::new(again.index.clone(), &*again.store).expect("indexer");
    assert_eq!(next.catch_up(&*again.store).expect("catch up"), 0);
}

/// A bulk build (several indexing threads) gives the answers a one-thread build gives: every
/// document of a record — an interview's hundreds of transcript moments — lands in one segment,
/// which the collector's once-per-segment facet counts rely on. Found on the 100,000-person
/// base: `reindex` counted 1,745 interviews for «письмо» among 1,024, a node's own build 1,013.
#[test]
fn a_bulk_build_keeps_each_record_in_one_segment() {
    let base = support::base();
    let store: &dyn Store = &*base.store;
    let bulk_dir = tempfile::tempdir().expect("temporary directory");
    let (bulk, _) = SearchIndex::open(bulk_dir.path()).expect("index");
    Indexer::bulk(bulk.clone(), store)
        .expect("indexer")
        .rebuild(store)
        .expect("build");
    assert_eq!(bulk.num_docs(), base.index.num_docs());
    let queries = [
        "письмо",
        "госпиталь",
        "эвакуация",
        "мама",
        "война",
        "Иванов",
    ];
    let one_thread = answers(&base.index, store, &queries);
    assert_eq!(answers(&bulk, store, &queries), one_thread);
    assert!(
        one_thread
            .iter()
            .any(|a| a.contains("value: \\\"interview\\\"")),
        "the queries reach transcripts: {one_thread:?}"
    );
    // Suggestions of equal rank (here: «Иванов» begins only patronymics) go alphabetically,
    // whatever the index's statistics, so every node offers them in the same order.
    let titles: Vec<String> = bulk
        .suggest(store, "Иванов", &anonymous(), 10)
        .expect("suggest")
        .into_iter()
        .map(|s| s.title)
        .collect();
    assert!(titles.len() > 2, "{titles:?}");
    assert!(titles.is_sorted(), "{titles:?}");
    // No facet counts a record twice: an interview's moments are one record.
    let interviews = base.summary.count(letopis_core::Kind::Interview) as u64;
    for query in queries {
        let found = bulk
            .search(store, &Request::new(query), &anonymous())
            .expect("search");
        for facet in found.facets.iter().filter(|f| f.name == "kind") {
            assert!(facet.count <= found.total, "{query}: {facet:?}");
            if facet.value == "interview" {
                assert!(
                    facet.count <= interviews,
                    "{query}: {facet:?} of {interviews}"
                );
            }
        }
    }
}
