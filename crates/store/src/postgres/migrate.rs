//! The schema's migrations in PostgreSQL's dialect, each applied once, in order, in its own
//! transaction together with the version it brings the base to.
//!
//! A small runner rather than a migration crate: the SQLite side keys on `user_version` through
//! rusqlite_migration, which speaks no PostgreSQL, and the maintained crates for both (refinery)
//! bring their own version tables, async machinery and a second way of naming migrations for
//! what is here one table and one loop. Several nodes may start at once on a new base: the
//! migrating transaction takes the writers' advisory lock (see [`super::WRITERS`]) first, so
//! one node migrates while the others wait and then find nothing left to do.
//!
//! A change to the schema is a migration in both dialects: `migrations/sqlite/00NN_*.sql` and
//! `migrations/postgres/00MM_*.sql` (the numbers differ: PostgreSQL's 0001 is SQLite's 0001 to
//! 0024). `tests/postgres_engine.rs` checks that both engines end with the same tables and
//! columns.

use super::value::{Sql, params};
use crate::StoreError;
use postgres::Client;

/// The migrations, version `n` at index `n - 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/postgres/0001_information_base.sql"),
    include_str!("../../migrations/postgres/0002_leases.sql"),
    include_str!("../../migrations/postgres/0003_facet_statistics.sql"),
];

/// The schema version the code expects.
pub(crate) const LATEST: i64 = MIGRATIONS.len() as i64;

/// Brings the base to [`LATEST`]; returns the version it was at.
pub(crate) fn to_latest(client: &mut Client) -> Result<i64, StoreError> {
    // Under the lock too: two nodes creating the table at once would collide.
    let mut tx = client.transaction()?;
    tx.run("SELECT pg_advisory_xact_lock($1)", &params![super::WRITERS])?;
    // Asked first rather than `CREATE TABLE IF NOT EXISTS`, whose notice every node would log
    // at every start.
    let exists: bool = tx.one("SELECT to_regclass('schema_version') IS NOT NULL", &[])?;
    if !exists {
        tx.batch_execute(
            "CREATE TABLE schema_version (
                 version    BIGINT NOT NULL PRIMARY KEY,
                 applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
             )",
        )?;
    }
    tx.commit()?;
    let mut before = None;
    loop {
        let mut tx = client.transaction()?;
        tx.run("SELECT pg_advisory_xact_lock($1)", &params![super::WRITERS])?;
        let current: i64 = tx.one("SELECT coalesce(max(version), 0) FROM schema_version", &[])?;
        before.get_or_insert(current);
        if current > LATEST {
            return Err(StoreError::Unavailable(format!(
                "схема базы PostgreSQL новее этой версии letopis ({current} > {LATEST}): \
                 обновите letopis"
            )));
        }
        if current == LATEST {
            tx.commit()?;
            return Ok(before.unwrap_or(current));
        }
        let next = current + 1;
        let sql = MIGRATIONS[usize::try_from(current).unwrap_or_default()];
        tx.batch_execute(sql)?;
        tx.run(
            "INSERT INTO schema_version (version) VALUES ($1)",
            &params![next],
        )?;
        tx.commit()?;
        tracing::info!(version = next, "PostgreSQL schema migrated");
    }
}
