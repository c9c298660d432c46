//! What only the SQLite engine has to get right: its file, its locks, its journal.

use letopis_core::Body;
use letopis_core::entities::Place;
use letopis_core::history::Actor;
use letopis_store::sqlite::SqliteStore;
use letopis_store::{Draft, Op, Store, StoreError};
use std::time::Duration;

fn place(name: &str) -> Op {
    Op::Create(Draft::new(Body::Place(Place {
        name: name.into(),
        ..Place::default()
    })))
}

#[test]
fn a_database_locked_by_another_process_is_a_clear_error_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letopis.db");
    let store = SqliteStore::open_with(&path, Duration::from_millis(200)).unwrap();
    let actor = Actor::system("test");
    let today = letopis_store::contract::TODAY;
    store.apply(&actor, vec![place("Химки")], today).unwrap();

    // Another process (here: another connection) holds the write lock.
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let err = store
        .apply(&actor, vec![place("Сходня")], today)
        .unwrap_err();
    assert!(matches!(err, StoreError::Locked), "{err:?}");
    assert_eq!(err.code(), "locked");
    assert!(err.to_string().contains("занята другим процессом"), "{err}");
    other.execute_batch("ROLLBACK").unwrap();

    assert_eq!(store.totals().unwrap().records, 1);
    store.apply(&actor, vec![place("Сходня")], today).unwrap();
    assert_eq!(store.totals().unwrap().records, 2);
}

#[test]
fn the_base_survives_reopening_and_is_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letopis.db");
    {
        let store = SqliteStore::open(&path).unwrap();
        store
            .apply(
                &Actor::system("test"),
                vec![place("Подрезково")],
                letopis_store::contract::TODAY,
            )
            .unwrap();
    }
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.totals().unwrap().records, 1);
    let mode: String = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letopis.db");
    std::fs::write(&path, vec![b'x'; 4096]).unwrap();
    let err = SqliteStore::open(&path).err().expect("refused");
    assert!(matches!(err, StoreError::Unavailable(_)), "{err:?}");
    assert!(err.to_string().contains("повреждён"), "{err}");
}

/// The server keeps decoded records in memory; a write by another process (an import, a second
/// node) must still be seen on the very next read, by id, by slug and through relations.
#[test]
fn another_process_writes_are_seen_at_once_despite_the_record_cache() {
    use letopis_core::Viewer;
    use letopis_core::relation::{NewRelation, RelationType};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letopis.db");
    let server = SqliteStore::open(&path).unwrap();
    let import = SqliteStore::open(&path).unwrap();
    let actor = Actor::system("test");
    let today = letopis_store::contract::TODAY;
    let id = server.apply(&actor, vec![place("Химки")], today).unwrap()[0]
        .record_id()
        .unwrap();
    let other = server.apply(&actor, vec![place("Сходня")], today).unwrap()[0]
        .record_id()
        .unwrap();
    let read = |s: &SqliteStore| {
        let by_id = s.get(id).unwrap().unwrap();
        let by_slug = s
            .find_slug(letopis_core::Kind::Place, &by_id.record.meta.slug)
            .unwrap()
            .unwrap();
        (by_id.record.meta.version, by_slug.record.meta.version)
    };
    assert_eq!(read(&server), (1, 1), "and now they are cached");
    let mut changed = server.get(id).unwrap().unwrap().record;
    let settings = changed.settings();
    if let Body::Place(p) = &mut changed.body {
        p.name = "Химки, город".into();
    }
    import
        .apply(
            &actor,
            vec![
                Op::Update {
                    id,
                    expected_version: Some(1),
                    body: changed.body,
                    settings,
                },
                Op::Relate(NewRelation::new(other, RelationType::RelatedTo, id)),
            ],
            today,
        )
        .unwrap();
    assert_eq!(read(&server), (2, 2));
    assert_eq!(
        server.get(id).unwrap().unwrap().record.title(),
        "Химки, город"
    );
    let related = server
        .related(
            other,
            &Viewer::admin(letopis_core::UserId(1)).filter(today),
            10,
        )
        .unwrap();
    assert_eq!(related[0].items[0].1.record.title(), "Химки, город");
}

#[test]
fn the_audit_log_refuses_changes_and_deletions_even_from_outside() {
    use letopis_store::Accounts;
    use letopis_store::accounts::NewAudit;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letopis.db");
    let store = SqliteStore::open(&path).unwrap();
    store
        .audit(NewAudit {
            actor: "Админ".into(),
            action: "roles".into(),
            detail: "было «волонтёр», стало «администратор»".into(),
            ..NewAudit::default()
        })
        .unwrap();
    // The trait has no way to change the log; the database refuses anyone who goes around it.
    let other = rusqlite::Connection::open(&path).unwrap();
    let update = other.execute("UPDATE audit_log SET detail = 'ничего не было'", []);
    assert!(
        update.is_err_and(|e| e.to_string().contains("append-only")),
        "an update is refused"
    );
    let delete = other.execute("DELETE FROM audit_log", []);
    assert!(
        delete.is_err_and(|e| e.to_string().contains("append-only")),
        "a deletion is refused"
    );
    let log = store.audit_log(0, 10).unwrap();
    assert_eq!(log.total, 1);
    assert_eq!(
        log.items[0].detail,
        "было «волонтёр», стало «администратор»"
    );
}

/// Two servers over one file (each its own handle, as two processes would hold): wrong
/// passwords counted by one are counted by the other, and of two publications of one resident's
/// story racing through the two handles, one wins and the other leaves nothing.
#[test]
fn two_handles_on_one_file_share_limits_and_the_publication_claim() {
    use jiff::Timestamp;
    use letopis_core::contribution::Contribution;
    use letopis_store::contributions::NewSubmission;
    use letopis_store::{Accounts, Contributions};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letopis.db");
    let one = SqliteStore::open(&path).unwrap();
    let two = SqliteStore::open(&path).unwrap();
    let now = Timestamp::now();
    for _ in 0..3 {
        one.note_attempt("sign_in", "192.0.2.7", now).unwrap();
    }
    two.note_attempt("sign_in", "192.0.2.7", now).unwrap();
    let window = now - jiff::SignedDuration::from_mins(15);
    assert_eq!(
        two.attempts_since("sign_in", "192.0.2.7", window).unwrap(),
        4
    );
    assert_eq!(
        one.attempts_since("sign_in", "192.0.2.7", window).unwrap(),
        4
    );

    let id = one
        .start(
            NewSubmission {
                token_hash: "secret".into(),
                origin: "origin".into(),
                about: None,
                lang: "ru".into(),
            },
            now,
        )
        .unwrap();
    let mut content = Contribution::default();
    content.hero.surname = "Ершов".into();
    one.save(id, &content, now).unwrap();
    one.send(id, "confirm", now).unwrap();
    let before = two.totals().unwrap();
    let actor = Actor::system("test");
    let today = letopis_store::contract::TODAY;
    let publish = |store: &SqliteStore| {
        let ops = letopis_store::contributions_contract::publication(id, None, &None);
        store.apply(&actor, ops, today)
    };
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| publish(&one));
        let b = s.spawn(|| publish(&two));
        (a.join().unwrap(), b.join().unwrap())
    });
    assert!(a.is_ok() != b.is_ok(), "one wins: {a:?} {b:?}");
    let after = one.totals().unwrap();
    assert_eq!(after.records, before.records + 2);
    assert_eq!(after.consents, before.consents + 1);
    assert_eq!(after.relations, before.relations + 1);
}
