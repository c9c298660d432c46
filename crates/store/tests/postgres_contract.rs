//! Every storage contract (the information base, the studio's accounts and uploads, the oral
//! history, residents' submissions) on the PostgreSQL engine, each check on a fresh database of
//! one throwaway cluster per test binary (`letopis_store::postgres::testing::TempCluster`). A
//! machine without PostgreSQL's binaries fails these tests, naming what to install: they are
//! never skipped.

use letopis_store::postgres::testing::TempCluster;

fn fresh() -> Box<letopis_store::postgres::PgStore> {
    Box::new(TempCluster::shared().fresh_store())
}

letopis_store::contract_tests!(fresh());
letopis_store::accounts_contract_tests!(fresh());
letopis_store::uploads_contract_tests!(fresh());
letopis_store::oral_contract_tests!(fresh());
letopis_store::contributions_contract_tests!(fresh());
