//! The storage contracts (the information base, the studio's accounts, the oral history,
//! residents' submissions, the studio's uploads), run against a real SQLite file in a temporary directory.

use letopis_store::sqlite::SqliteStore;

struct TempStore {
    store: SqliteStore,
    _dir: tempfile::TempDir,
}

impl std::ops::Deref for TempStore {
    type Target = SqliteStore;
    fn deref(&self) -> &SqliteStore {
        &self.store
    }
}

fn fresh() -> TempStore {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(dir.path().join("letopis.db")).expect("open store");
    TempStore { store, _dir: dir }
}

letopis_store::contract_tests!(fresh());
letopis_store::accounts_contract_tests!(fresh());
letopis_store::oral_contract_tests!(fresh());
letopis_store::contributions_contract_tests!(fresh());
letopis_store::uploads_contract_tests!(fresh());
