//! `letopis_store::transfer`: a SQLite base copied into PostgreSQL and back, table for table,
//! against a real server (a throwaway cluster) — the same rows, the same numbers, and a base
//! each engine then reads and writes as its own.

use letopis_store::contract::{self, TODAY};
use letopis_store::postgres::PgStore;
use letopis_store::postgres::testing::TempCluster;
use letopis_store::sqlite::SqliteStore;
use letopis_store::transfer::{self, Base, TransferError};
use letopis_store::{ListQuery, Store};

/// A SQLite base with records of every visibility, relations, consents, facets, revisions,
/// accounts, sessions, groups and the audit log: what several contract checks leave behind.
fn filled_sqlite(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("letopis.db");
    let store = SqliteStore::open(&path).expect("sqlite");
    contract::working_groups(&store);
    contract::gate_lists_agree_with_gate_for_every_viewer(&store);
    contract::consent_controls_personal_data(&store);
    contract::relations_are_two_way_and_typed(&store);
    contract::history_keeps_each_record_as_it_was_created(&store);
    letopis_store::accounts_contract::the_audit_log_appends_and_reads_newest_first(&store);
    path
}

fn everything(store: &dyn Store) -> Vec<(i64, String, i64)> {
    let mut all = Vec::new();
    for viewer in contract::gate_viewers() {
        for kind in letopis_core::Kind::ALL {
            let query = ListQuery {
                limit: 10_000,
                ..ListQuery::new(kind)
            };
            let page = store.list(&query, &viewer.filter(TODAY)).expect("list");
            for r in page.items {
                all.push((r.record.id().0, r.record.title(), r.record.meta.version));
            }
        }
    }
    all
}

#[test]
fn a_base_goes_to_postgresql_and_back_row_for_row() {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = filled_sqlite(dir.path());
    let url = TempCluster::shared().fresh_database();

    let copied = transfer::copy(Base::Sqlite(&source), Base::Postgres(&url), &mut |_, _| {})
        .expect("copy up");
    let rows = |t: &str| copied.iter().find(|c| c.table == t).map(|c| c.rows);
    assert!(rows("records").unwrap_or(0) >= 20, "{copied:?}");
    assert!(rows("revisions").unwrap_or(0) > rows("records").unwrap_or(0));
    assert!(rows("audit_log").unwrap_or(0) > 0, "{copied:?}");
    let compared = transfer::compare(Base::Sqlite(&source), Base::Postgres(&url)).expect("same");
    assert_eq!(compared, copied);
    // The planner has the copy's statistics at once, the facets' correlated columns included.
    let mut client = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
    let unanalysed: Vec<String> = client
        .query(
            "SELECT relname::text FROM pg_stat_user_tables
             WHERE relname IN ('records', 'record_facets', 'relations') AND last_analyze IS NULL",
            &[],
        )
        .expect("statistics")
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(unanalysed.is_empty(), "not analysed: {unanalysed:?}");
    let extended: i64 = client
        .query_one(
            "SELECT count(*) FROM pg_statistic_ext s JOIN pg_statistic_ext_data d
             ON d.stxoid = s.oid WHERE s.stxname = 'record_facets_kind_facet_value'
             AND d.stxdmcv IS NOT NULL",
            &[],
        )
        .expect("extended statistics")
        .get(0);
    assert_eq!(extended, 1, "the facets' extended statistics are built");

    // The copy is a base PostgreSQL reads and writes as its own: the same records, the same
    // history and change feed, and new numbers go on after the copied ones.
    let sqlite = SqliteStore::open(&source).expect("sqlite");
    let pg = PgStore::open(&url).expect("pg");
    assert_eq!(everything(&sqlite), everything(&pg));
    assert_eq!(sqlite.totals().unwrap(), pg.totals().unwrap());
    assert_eq!(sqlite.change_seq().unwrap(), pg.change_seq().unwrap());
    let first = everything(&sqlite)[0].0;
    let id = letopis_core::RecordId(first);
    assert_eq!(
        sqlite
            .history(letopis_core::history::Subject::Record(id))
            .unwrap(),
        pg.history(letopis_core::history::Subject::Record(id))
            .unwrap()
    );
    let largest = sqlite.totals().unwrap().records as i64;
    let made = pg
        .apply(
            &letopis_core::history::Actor::user(letopis_core::UserId(1), "Редактор"),
            vec![letopis_store::Op::Create(letopis_store::Draft::new(
                letopis_core::Body::Person(contract::person("Новиков", "Пётр", "Ильич")),
            ))],
            TODAY,
        )
        .expect("a new record on the copy");
    let letopis_store::Outcome::Created(new) = made[0] else {
        panic!("{made:?}")
    };
    assert!(
        new.0 > largest,
        "numbering goes on: {new:?} after {largest}"
    );
    assert!(pg.change_seq().unwrap() > sqlite.change_seq().unwrap());

    // Back down into a new SQLite file: the same rows again, the new record included.
    let back = dir.path().join("back.db");
    transfer::copy(Base::Postgres(&url), Base::Sqlite(&back), &mut |_, _| {}).expect("copy down");
    transfer::compare(Base::Postgres(&url), Base::Sqlite(&back)).expect("same again");
    let down = SqliteStore::open(&back).expect("open the copy");
    assert_eq!(everything(&down), everything(&pg));

    // The original and the round trip now differ by that record, and compare says where.
    match transfer::compare(Base::Sqlite(&source), Base::Sqlite(&back)) {
        Err(TransferError::Refused(_)) => {}
        other => panic!("two SQLite files are not compared by transfer: {other:?}"),
    }
    match transfer::compare(Base::Sqlite(&source), Base::Postgres(&url)) {
        Err(TransferError::Differs(what)) => assert!(
            what.contains("records") || what.contains("changes") || what.contains("revisions"),
            "{what}"
        ),
        other => panic!("a difference must be found: {other:?}"),
    }
}

#[test]
fn a_copy_goes_only_into_an_empty_base_and_leaves_it_as_it_was() {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = filled_sqlite(dir.path());
    let url = TempCluster::shared().fresh_database();
    let pg = PgStore::open(&url).expect("pg");
    contract::working_groups(&pg);
    let before = pg.totals().unwrap();
    let refused = transfer::copy(Base::Sqlite(&source), Base::Postgres(&url), &mut |_, _| {});
    match refused {
        Err(TransferError::Refused(why)) => assert!(why.contains("не пуста"), "{why}"),
        other => panic!("a copy into a base with rows must be refused: {other:?}"),
    }
    assert_eq!(pg.totals().unwrap(), before);
    // A URL that names no server is an error that says so, not a panic.
    let nowhere = "postgres://letopis@127.0.0.1:1/none?connect_timeout=2";
    assert!(
        transfer::copy(
            Base::Sqlite(&source),
            Base::Postgres(nowhere),
            &mut |_, _| {}
        )
        .is_err()
    );
}
