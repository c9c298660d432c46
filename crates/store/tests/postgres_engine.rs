//! What only the PostgreSQL engine has to get right: several nodes writing one change feed,
//! the notifications followers wait on, migrations when nodes start together, the create
//! revision kept in the record's row. On a throwaway cluster, like the contract.

use letopis_core::Body;
use letopis_core::entities::Place;
use letopis_core::history::{Actor, Subject};
use letopis_core::record::RecordId;
use letopis_store::postgres::testing::TempCluster;
use letopis_store::postgres::{CHANGES_CHANNEL, PgStore};
use letopis_store::{Draft, Op, Store};
use postgres::fallible_iterator::FallibleIterator;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Sets its flag when dropped, also while a panic unwinds.
struct Finish<'a>(&'a AtomicBool);

impl Drop for Finish<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

fn place(name: &str) -> Body {
    Body::Place(Place {
        name: name.into(),
        ..Place::default()
    })
}

fn create(store: &PgStore, name: &str) -> RecordId {
    store
        .apply(
            &Actor::system("test"),
            vec![Op::Create(Draft::new(place(name)))],
            letopis_store::contract::TODAY,
        )
        .expect("create")[0]
        .record_id()
        .expect("id")
}

fn raw(url: &str) -> postgres::Client {
    postgres::Client::connect(url, postgres::NoTls).expect("a raw connection")
}

/// Two nodes, two writers each, and a follower reading the feed as it grows: the follower,
/// which moves its position to the last number it read, must see every event. Sequence numbers
/// drawn by interleaved writers and committed out of order would leave a smaller number behind
/// a position already passed; the writers' lock keeps commits in the order numbers were drawn.
#[test]
fn writers_on_two_nodes_commit_the_change_feed_in_order() {
    let url = TempCluster::shared().fresh_database();
    let nodes = [PgStore::open(&url).unwrap(), PgStore::open(&url).unwrap()];
    let follower = PgStore::open(&url).unwrap();
    let done = AtomicBool::new(false);
    let seen = std::thread::scope(|s| {
        let reader = s.spawn(|| {
            let mut seen = Vec::new();
            let mut last = 0;
            loop {
                let finished = done.load(Ordering::SeqCst);
                for event in follower.changes_since(last, 1000).unwrap() {
                    seen.push(event.seq);
                    last = event.seq;
                }
                if finished {
                    return seen;
                }
            }
        });
        // Set however the writers end, so a failed writer fails the test instead of leaving
        // the follower polling for ever.
        let finish = Finish(&done);
        let writers: Vec<_> = (0..4)
            .map(|w| {
                let node = &nodes[w % 2];
                s.spawn(move || {
                    for i in 0..15 {
                        create(node, &format!("Улица {w}-{i}"));
                    }
                })
            })
            .collect();
        for writer in writers {
            writer.join().unwrap();
        }
        drop(finish);
        reader.join().unwrap()
    });
    let all: Vec<i64> = nodes[0]
        .changes_since(0, 10_000)
        .unwrap()
        .iter()
        .map(|e| e.seq)
        .collect();
    assert_eq!(all.len(), 60, "one event per record");
    assert_eq!(seen, all, "the follower saw every event, in order");
    assert_eq!(nodes[1].totals().unwrap().records, 60);
}

#[test]
fn each_write_notifies_the_listeners_at_its_commit() {
    let url = TempCluster::shared().fresh_database();
    let store = PgStore::open(&url).unwrap();
    let mut listener = raw(&url);
    listener
        .batch_execute(&format!("LISTEN {CHANGES_CHANNEL}"))
        .unwrap();
    let id = create(&store, "Химки");
    let mut notifications = listener.notifications();
    let got = notifications
        .timeout_iter(Duration::from_secs(5))
        .next()
        .expect("no connection error")
        .expect("a notification within 5 s");
    assert_eq!(got.channel(), CHANGES_CHANNEL);
    assert!(store.get(id).unwrap().is_some());
    // A failed write commits nothing and notifies no one.
    let refused = store.apply(
        &Actor::system("test"),
        vec![Op::Step {
            id: RecordId(id.0 + 100),
            to: letopis_core::Workflow::Published,
            note: None,
        }],
        letopis_store::contract::TODAY,
    );
    assert!(refused.is_err());
    let more = notifications
        .timeout_iter(Duration::from_millis(300))
        .next()
        .expect("no connection error");
    assert!(more.is_none(), "{more:?}");
}

/// Three nodes opening a new base at once: one migrates, the others wait and find it done.
#[test]
fn nodes_starting_together_migrate_a_new_base_once() {
    let url = TempCluster::shared().empty_database();
    let stores: Vec<PgStore> = std::thread::scope(|s| {
        let opening: Vec<_> = (0..3)
            .map(|_| s.spawn(|| PgStore::open(&url).expect("opened")))
            .collect();
        opening.into_iter().map(|o| o.join().unwrap()).collect()
    });
    create(&stores[0], "Сходня");
    assert_eq!(stores[2].totals().unwrap().records, 1);
    let row = raw(&url)
        .query_one("SELECT count(*), max(version) FROM schema_version", &[])
        .unwrap();
    let (applied, version): (i64, i64) = (row.get(0), row.get(1));
    let migrations = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/postgres"))
        .unwrap()
        .count() as i64;
    assert_eq!(
        (applied, version),
        (migrations, migrations),
        "each migration applied once"
    );
    drop(PgStore::open(&url).expect("reopened"));
}

/// As in SQLite (migration 0023): a create revision holds no copy while the row is as created;
/// the row's first change writes the copy, byte for byte the row's meta and body.
#[test]
fn the_create_revision_is_the_row_until_the_row_changes() {
    let url = TempCluster::shared().fresh_database();
    let store = PgStore::open(&url).unwrap();
    let id = create(&store, "Фирсановка");
    let mut db = raw(&url);
    let stored_after = |db: &mut postgres::Client| -> Option<String> {
        db.query_one(
            "SELECT after FROM revisions
             WHERE subject_type = 'record' AND subject_id = $1 AND action = 'create'",
            &[&id.0],
        )
        .unwrap()
        .get(0)
    };
    assert_eq!(
        stored_after(&mut db),
        None,
        "no copy while the row is as created"
    );
    let copy: String = db
        .query_one(
            "SELECT '{\"meta\":' || meta || ',\"body\":' || body || '}' FROM records WHERE id = $1",
            &[&id.0],
        )
        .unwrap()
        .get(0);
    let history = store.history(Subject::Record(id)).unwrap();
    store
        .apply(
            &Actor::system("test"),
            vec![Op::Update {
                id,
                expected_version: Some(1),
                body: place("Фирсановка, посёлок"),
                settings: Default::default(),
            }],
            letopis_store::contract::TODAY,
        )
        .unwrap();
    assert_eq!(
        stored_after(&mut db),
        Some(copy),
        "written on the first change"
    );
    assert_eq!(store.history(Subject::Record(id)).unwrap()[0], history[0]);
}

/// The append-only tables refuse changes in the database itself, whoever connects.
#[test]
fn the_audit_log_cannot_be_rewritten() {
    use letopis_store::Accounts;
    use letopis_store::accounts::NewAudit;
    let url = TempCluster::shared().fresh_database();
    let store = PgStore::open(&url).unwrap();
    store
        .audit(NewAudit {
            actor: "Анна".into(),
            action: "sign_in".into(),
            ..NewAudit::default()
        })
        .unwrap();
    let mut db = raw(&url);
    let update = db.execute("UPDATE audit_log SET actor = 'кто-то'", &[]);
    let delete = db.execute("DELETE FROM audit_log", &[]);
    for refused in [update, delete] {
        let e = refused.expect_err("refused");
        assert!(
            e.to_string().contains("append-only") || format!("{e:?}").contains("append-only"),
            "{e:?}"
        );
    }
    assert_eq!(store.audit_log(0, 10).unwrap().total, 1);
}

/// Both engines keep the same tables with the same columns, so that code and reports written
/// against one read the other: a migration added to one dialect and not the other fails here.
#[test]
fn the_schema_has_the_tables_and_columns_of_sqlites() {
    use std::collections::{BTreeMap, BTreeSet};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letopis.db");
    drop(letopis_store::sqlite::SqliteStore::open(&path).unwrap());
    let sqlite = rusqlite::Connection::open(&path).unwrap();
    let mut sqlite_tables: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let names: Vec<String> = sqlite
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for table in names {
        let columns: BTreeSet<String> = sqlite
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        sqlite_tables.insert(table, columns);
    }
    let url = TempCluster::shared().fresh_database();
    let mut pg_tables: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in raw(&url)
        .query(
            "SELECT table_name::text, column_name::text FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name <> 'schema_version'",
            &[],
        )
        .unwrap()
    {
        pg_tables.entry(row.get(0)).or_default().insert(row.get(1));
    }
    assert_eq!(pg_tables, sqlite_tables);
}

#[test]
fn a_node_knows_the_feed_position_from_notifications_and_its_own_commits() {
    let url = TempCluster::shared().fresh_database();
    let (a, b) = (PgStore::open(&url).unwrap(), PgStore::open(&url).unwrap());
    // The first question starts each node's watch.
    assert_eq!(a.change_seq().unwrap(), 0);
    assert_eq!(b.change_seq().unwrap(), 0);
    std::thread::sleep(Duration::from_millis(300));
    for n in 0..5 {
        create(&a, &format!("Узел А {n}"));
        // A writer reads its own writes at once, notification or not.
        let written: i64 = raw(&url)
            .query_one("SELECT max(seq) FROM changes", &[])
            .unwrap()
            .get(0);
        assert_eq!(
            a.change_seq().unwrap(),
            written,
            "A after its own write {n}"
        );
        // The other node hears of it by its notification, within milliseconds.
        let started = std::time::Instant::now();
        while b.change_seq().unwrap() != written {
            assert!(
                started.elapsed() < Duration::from_secs(1),
                "B did not hear of write {n} within a second"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
    }
    // A position read from the database while the watch reconnects is never older than what
    // the node already served: a watch never goes back.
    let now = a.change_seq().unwrap();
    raw(&url)
        .batch_execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = current_database() AND pid <> pg_backend_pid()",
        )
        .unwrap();
    assert!(a.change_seq().unwrap() >= now);
    create(&b, "Узел Б");
    let started = std::time::Instant::now();
    while a.change_seq().unwrap() <= now {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "A did not see B's write after its watch lost its connection"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The database's name in a test URL (`…/t_3?connect_timeout=10`).
fn database_of(url: &str) -> &str {
    url.rsplit('/')
        .next()
        .and_then(|tail| tail.split('?').next())
        .expect("a database name")
}

/// Index scans of `records` the replica has served (its own statistics, flushed when its
/// backends end).
fn replica_record_scans(url: &str) -> i64 {
    raw(url)
        .query_one(
            "SELECT coalesce(idx_scan, 0) + coalesce(seq_scan, 0) FROM pg_stat_user_tables
             WHERE relname = 'records'",
            &[],
        )
        .unwrap()
        .get(0)
}

#[test]
fn reads_go_to_a_replica_that_has_caught_up_and_to_the_primary_while_it_lags() {
    let primary = TempCluster::start().expect("a primary");
    let url = primary.fresh_database();
    let replica = primary.replica().expect("a streaming replica");
    let replica_url = replica.url(database_of(&url));

    let store = PgStore::open_with_replica(&url, Some(&replica_url)).unwrap();
    assert_eq!(store.change_seq().unwrap(), 0);
    let first = create(&store, "Сходня");
    let started = std::time::Instant::now();
    while raw(&replica_url)
        .query_one("SELECT count(*) FROM records", &[])
        .unwrap()
        .get::<_, i64>(0)
        < 1
    {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the replica replays"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300)); // the store reads the replica's position
    let before = replica_record_scans(&replica_url);
    for _ in 0..50 {
        assert!(store.get(first).unwrap().is_some());
    }
    drop(store); // its connections end, and their statistics reach the replica's counters
    let started = std::time::Instant::now();
    while replica_record_scans(&replica_url) < before + 50 {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the reads went to the replica: {} scans, not {}",
            replica_record_scans(&replica_url),
            before + 50
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    // The replica stops replaying: a writer still reads what it wrote, from the primary.
    raw(&replica_url)
        .batch_execute("SELECT pg_wal_replay_pause()")
        .unwrap();
    let store = PgStore::open_with_replica(&url, Some(&replica_url)).unwrap();
    store.change_seq().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let second = create(&store, "Фирсановка");
    for _ in 0..20 {
        let read = store.get(second).unwrap();
        assert_eq!(
            read.map(|r| r.record.title()),
            Some("Фирсановка".to_string()),
            "a writer reads its own write while the replica lags"
        );
    }
    assert_eq!(
        raw(&replica_url)
            .query_one("SELECT count(*) FROM records", &[])
            .unwrap()
            .get::<_, i64>(0),
        1,
        "the replica was behind all along"
    );
    raw(&replica_url)
        .batch_execute("SELECT pg_wal_replay_resume()")
        .unwrap();
}

/// Async code may open, use and drop a store as it may a SQLite one: on a current-thread
/// runtime (an async test, an embedder's small runtime) and on a multi-thread runtime's worker
/// (a server stopping). The synchronous client refuses to block on a runtime's thread: opening
/// or reading on a current-thread runtime panicked, and so did closing the pool's connections
/// when the last handle of the store went on either.
#[test]
fn async_code_opens_uses_and_drops_a_store_on_either_runtime() {
    use tokio::runtime::Builder;
    let cluster = TempCluster::shared();
    let runtimes = [
        Builder::new_current_thread().enable_all().build(),
        Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build(),
    ];
    for runtime in runtimes {
        let runtime = runtime.expect("a runtime");
        let url = cluster.fresh_database();
        let flavor = runtime.handle().runtime_flavor();
        let task = runtime.spawn(async move {
            let store = PgStore::open(&url).expect("open");
            let id = create(&store, "Сходня");
            assert!(store.get(id).expect("get").is_some());
            drop(store);
        });
        runtime
            .block_on(task)
            .unwrap_or_else(|e| panic!("{flavor:?}: {e}"));
    }
}
