//! Moving a whole base between engines (`letopis migrate`, issue #20): every table, revisions
//! and the audit log included, row for row with their numbers, then read back and compared.
//!
//! Both engines keep the same tables and columns (the PostgreSQL schema is SQLite's at its
//! latest version, in PostgreSQL's dialect), so the copy is by table, not through the store
//! traits: a trait would write new revisions, new change-feed events and new numbers, and the
//! copy must be the same base, not a retelling of it. The target must be empty; it is written
//! in one transaction, so a failed copy leaves it empty.
//!
//! The few differences of dialect are settled column by column from PostgreSQL's own types:
//! SQLite's 0/1 flags are BOOLEAN there, everything else is BIGINT, TEXT or BYTEA on both sides.

use crate::StoreError;
use crate::postgres::PgStore;
use crate::sqlite::SqliteStore;
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::{ToSql, Type};
use rusqlite::types::ValueRef;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A base to copy from or to.
#[derive(Debug, Clone, Copy)]
pub enum Base<'a> {
    /// The SQLite file.
    Sqlite(&'a Path),
    /// A PostgreSQL URL.
    Postgres(&'a str),
}

/// How many rows a table holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRows {
    pub table: String,
    pub rows: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The copy was not begun (or was rolled back): the target is as it was.
    #[error("{0}")]
    Refused(String),
    /// The copy and its source differ.
    #[error("копия отличается от исходной базы: {0}")]
    Differs(String),
}

impl From<rusqlite::Error> for TransferError {
    fn from(e: rusqlite::Error) -> Self {
        TransferError::Store(StoreError::Backend(format!("SQLite: {e}")))
    }
}

impl From<postgres::Error> for TransferError {
    fn from(e: postgres::Error) -> Self {
        TransferError::Store(e.into())
    }
}

/// PostgreSQL's bookkeeping of its own migrations; SQLite keeps the same in `user_version`.
const PG_ONLY: &[&str] = &["schema_version"];

/// One value, as both engines can hold it.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

/// A table's columns, with PostgreSQL's type of each, and the columns its rows sort by.
#[derive(Debug)]
struct Table {
    name: String,
    columns: Vec<(String, Type)>,
    order: Vec<String>,
}

/// Copies every table of `from` into `to`, which must be empty (both are brought to the
/// latest schema first). Returns the rows copied per table; `progress` hears of each table.
pub fn copy(
    from: Base<'_>,
    to: Base<'_>,
    progress: &mut dyn FnMut(&str, u64),
) -> Result<Vec<TableRows>, TransferError> {
    let tables = open_both(from, to)?;
    let mut sink = Sink::open(to)?;
    let mut source = Source::open(from)?;
    if let Some(table) = sink.first_with_rows(&tables)? {
        return Err(TransferError::Refused(format!(
            "база, в которую копируют, не пуста (в таблице {table} есть строки): копируют только в новую, пустую базу"
        )));
    }
    let mut copied = Vec::with_capacity(tables.len());
    sink.begin()?;
    for table in &tables {
        let rows = sink.fill(table, &mut source)?;
        progress(&table.name, rows);
        copied.push(TableRows {
            table: table.name.clone(),
            rows,
        });
    }
    sink.commit(&tables)?;
    Ok(copied)
}

/// Reads both bases table by table, rows in the same order, and says where they first differ.
/// Returns the rows compared per table.
pub fn compare(a: Base<'_>, b: Base<'_>) -> Result<Vec<TableRows>, TransferError> {
    let tables = open_both(a, b)?;
    let mut left = Source::open(a)?;
    let mut right = Source::open(b)?;
    let mut compared = Vec::with_capacity(tables.len());
    for table in &tables {
        // Each side is read once into a digest of its rows in key order, so a base of any size
        // is compared in constant memory; only a table whose digests differ is read again, a
        // table at a time, to say where.
        let (rows, ours) = digest(&mut left, table)?;
        let (their_rows, theirs) = digest(&mut right, table)?;
        if (rows, ours) != (their_rows, theirs) {
            return Err(TransferError::Differs(first_difference(
                &mut left, &mut right, table,
            )?));
        }
        compared.push(TableRows {
            table: table.name.clone(),
            rows,
        });
    }
    Ok(compared)
}

/// The number of rows of `table` and a SHA-256 of them in key order, each value tagged with its
/// kind and length, so no two different tables of rows read alike.
fn digest(source: &mut Source, table: &Table) -> Result<(u64, [u8; 32]), TransferError> {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    let mut rows = 0u64;
    source.each_row(table, &mut |row| {
        rows += 1;
        for cell in row {
            match cell {
                Cell::Null => hash.update([0]),
                Cell::Int(i) => {
                    hash.update([1]);
                    hash.update(i.to_le_bytes());
                }
                Cell::Real(r) => {
                    hash.update([2]);
                    hash.update(r.to_bits().to_le_bytes());
                }
                Cell::Text(t) => {
                    hash.update([3]);
                    hash.update((t.len() as u64).to_le_bytes());
                    hash.update(t.as_bytes());
                }
                Cell::Blob(b) => {
                    hash.update([4]);
                    hash.update((b.len() as u64).to_le_bytes());
                    hash.update(b);
                }
            }
        }
        Ok(())
    })?;
    Ok((rows, hash.finalize().into()))
}

/// Where two sides of a table differ: its first differing row, or which side has more. Holds
/// one side of the table in memory.
fn first_difference(
    left: &mut Source,
    right: &mut Source,
    table: &Table,
) -> Result<String, TransferError> {
    let mut theirs = Vec::new();
    right.each_row(table, &mut |row| {
        theirs.push(row.to_vec());
        Ok(())
    })?;
    let mut at = 0usize;
    let mut found = None;
    left.each_row(table, &mut |row| {
        if found.is_none() {
            found = match theirs.get(at) {
                Some(other) if equal_rows(row, other) => None,
                Some(other) => Some(format!(
                    "таблица {}, строка {}: {} ≠ {}",
                    table.name,
                    at + 1,
                    describe(table, row),
                    describe(table, other)
                )),
                None => Some(format!(
                    "в таблице {} копии меньше строк ({})",
                    table.name,
                    theirs.len()
                )),
            };
        }
        at += 1;
        Ok(())
    })?;
    Ok(found.unwrap_or_else(|| {
        format!(
            "в таблице {} копии больше строк ({} против {at})",
            table.name,
            theirs.len()
        )
    }))
}

fn equal_rows(a: &[Cell], b: &[Cell]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

fn describe(table: &Table, row: &[Cell]) -> String {
    let key: Vec<String> = table
        .order
        .iter()
        .filter_map(|c| table.columns.iter().position(|(n, _)| n == c))
        .map(|i| format!("{}={:?}", table.columns[i].0, row[i]))
        .collect();
    format!("({})", key.join(", "))
}

/// Brings both bases to the latest schema (by opening them as stores) and reads the tables, in
/// an order in which every row's foreign keys point to rows already copied.
fn open_both(a: Base<'_>, b: Base<'_>) -> Result<Vec<Table>, TransferError> {
    for base in [a, b] {
        match base {
            Base::Sqlite(path) => drop(SqliteStore::open(path)?),
            Base::Postgres(url) => drop(PgStore::open(url)?),
        }
    }
    // PostgreSQL knows the types and the foreign keys; SQLite knows the primary keys as the
    // rows were written. Either side's list of tables must be the other's.
    let url = match (a, b) {
        (Base::Postgres(url), _) | (_, Base::Postgres(url)) => url,
        _ => {
            return Err(TransferError::Refused(
                "копируют из SQLite в PostgreSQL или обратно; файл SQLite копируют командой letopis backup".into(),
            ));
        }
    };
    let path = match (a, b) {
        (Base::Sqlite(path), _) | (_, Base::Sqlite(path)) => path,
        _ => {
            return Err(TransferError::Refused(
                "копируют из SQLite в PostgreSQL или обратно; базу PostgreSQL копируют её собственными средствами (pg_dump)".into(),
            ));
        }
    };
    let mut pg = postgres::Client::connect(url, postgres::NoTls)?;
    let sqlite = rusqlite::Connection::open(path)?;
    let pg_tables: BTreeSet<String> = pg
        .query(
            "SELECT table_name::text FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
            &[],
        )?
        .iter()
        .map(|r| r.get::<_, String>(0))
        .filter(|t| !PG_ONLY.contains(&t.as_str()))
        .collect();
    let sqlite_tables: BTreeSet<String> = sqlite
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<_, _>>()?;
    if pg_tables != sqlite_tables {
        let only = |x: &BTreeSet<String>, y: &BTreeSet<String>| {
            x.difference(y).cloned().collect::<Vec<_>>().join(", ")
        };
        return Err(TransferError::Refused(format!(
            "схемы баз не совпадают (только в SQLite: [{}]; только в PostgreSQL: [{}]): обе базы должны быть одной версии letopis",
            only(&sqlite_tables, &pg_tables),
            only(&pg_tables, &sqlite_tables)
        )));
    }
    let mut tables = BTreeMap::new();
    for name in &pg_tables {
        let columns: Vec<(String, Type)> = {
            let statement = pg.prepare(&format!("SELECT * FROM {} LIMIT 0", quote(name)))?;
            statement
                .columns()
                .iter()
                .map(|c| (c.name().to_string(), c.type_().clone()))
                .collect()
        };
        let mut sqlite_columns: Vec<(i64, String)> = Vec::new();
        let mut pk: Vec<(i64, String)> = Vec::new();
        {
            let mut info = sqlite.prepare(&format!("PRAGMA table_info({})", quote(name)))?;
            let mut rows = info.query([])?;
            while let Some(row) = rows.next()? {
                let column: String = row.get(1)?;
                let key: i64 = row.get(5)?;
                sqlite_columns.push((row.get(0)?, column.clone()));
                if key > 0 {
                    pk.push((key, column));
                }
            }
        }
        let a: BTreeSet<&str> = columns.iter().map(|(c, _)| c.as_str()).collect();
        let b: BTreeSet<&str> = sqlite_columns.iter().map(|(_, c)| c.as_str()).collect();
        if a != b {
            return Err(TransferError::Refused(format!(
                "схемы баз не совпадают: столбцы таблицы {name} разные; обе базы должны быть одной версии letopis"
            )));
        }
        pk.sort();
        let order = if pk.is_empty() {
            columns.iter().map(|(c, _)| c.clone()).collect()
        } else {
            pk.into_iter().map(|(_, c)| c).collect()
        };
        tables.insert(
            name.clone(),
            Table {
                name: name.clone(),
                columns,
                order,
            },
        );
    }
    let references: Vec<(String, String)> = pg
        .query(
            "SELECT c.conrelid::regclass::text, c.confrelid::regclass::text
             FROM pg_constraint c WHERE c.contype = 'f'
             AND c.connamespace = current_schema()::regnamespace",
            &[],
        )?
        .iter()
        .map(|r| {
            (
                unquote(&r.get::<_, String>(0)),
                unquote(&r.get::<_, String>(1)),
            )
        })
        .collect();
    in_reference_order(tables, &references)
}

/// Tables ordered so that each comes after the tables its foreign keys name (a table naming
/// itself sorts its own rows by key, which puts a parent first).
fn in_reference_order(
    mut tables: BTreeMap<String, Table>,
    references: &[(String, String)],
) -> Result<Vec<Table>, TransferError> {
    let mut ordered = Vec::with_capacity(tables.len());
    while !tables.is_empty() {
        let ready: Vec<String> = tables
            .keys()
            .filter(|t| {
                !references
                    .iter()
                    .any(|(from, to)| from == *t && to != *t && tables.contains_key(to))
            })
            .cloned()
            .collect();
        if ready.is_empty() {
            return Err(TransferError::Refused(format!(
                "таблицы ссылаются друг на друга по кругу: {}",
                tables.keys().cloned().collect::<Vec<_>>().join(", ")
            )));
        }
        for name in ready {
            ordered.extend(tables.remove(&name));
        }
    }
    Ok(ordered)
}

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn unquote(name: &str) -> String {
    name.trim_matches('"').replace("\"\"", "\"")
}

fn column_list(table: &Table) -> String {
    table
        .columns
        .iter()
        .map(|(c, _)| quote(c))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where rows are read from.
enum Source {
    Sqlite(rusqlite::Connection),
    Postgres(postgres::Client),
}

impl Source {
    fn open(base: Base<'_>) -> Result<Source, TransferError> {
        // One snapshot for every table: a portal still writing cannot make the copy hold a
        // revision without its record, or a record without its change.
        Ok(match base {
            Base::Sqlite(path) => {
                let conn = rusqlite::Connection::open_with_flags(
                    path,
                    rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
                )?;
                conn.execute_batch("BEGIN")?;
                Source::Sqlite(conn)
            }
            Base::Postgres(url) => {
                let mut client = postgres::Client::connect(url, postgres::NoTls)?;
                client.batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
                Source::Postgres(client)
            }
        })
    }

    /// Calls `each` with every row of `table`, in the order of its key (NULLs first, text byte
    /// by byte, on both engines).
    fn each_row(
        &mut self,
        table: &Table,
        each: &mut dyn FnMut(&[Cell]) -> Result<(), TransferError>,
    ) -> Result<(), TransferError> {
        let columns = column_list(table);
        match self {
            Source::Sqlite(conn) => {
                let order = table
                    .order
                    .iter()
                    .map(|c| quote(c))
                    .collect::<Vec<_>>()
                    .join(", ");
                let mut statement = conn.prepare(&format!(
                    "SELECT {columns} FROM {} ORDER BY {order}",
                    quote(&table.name)
                ))?;
                let mut rows = statement.query([])?;
                let mut cells = Vec::with_capacity(table.columns.len());
                while let Some(row) = rows.next()? {
                    cells.clear();
                    for (i, (name, ty)) in table.columns.iter().enumerate() {
                        cells.push(from_sqlite(&table.name, name, ty, row.get_ref(i)?)?);
                    }
                    each(&cells)?;
                }
            }
            Source::Postgres(client) => {
                let order = table
                    .order
                    .iter()
                    .map(|c| format!("{} NULLS FIRST", quote(c)))
                    .collect::<Vec<_>>()
                    .join(", ");
                let query = format!(
                    "SELECT {columns} FROM {} ORDER BY {order}",
                    quote(&table.name)
                );
                let mut rows = client.query_raw(&query, std::iter::empty::<i64>())?;
                let mut cells = Vec::with_capacity(table.columns.len());
                while let Some(row) = rows.next()? {
                    cells.clear();
                    for (i, (name, ty)) in table.columns.iter().enumerate() {
                        cells.push(from_postgres(&table.name, name, ty, &row, i)?);
                    }
                    each(&cells)?;
                }
            }
        }
        Ok(())
    }
}

fn wrong(table: &str, column: &str, what: &str) -> TransferError {
    TransferError::Refused(format!(
        "таблица {table}, столбец {column}: {what}; копия не сделана"
    ))
}

fn from_sqlite(
    table: &str,
    column: &str,
    ty: &Type,
    value: ValueRef<'_>,
) -> Result<Cell, TransferError> {
    Ok(match value {
        ValueRef::Null => Cell::Null,
        ValueRef::Integer(i) if *ty == Type::BOOL => Cell::Int(i64::from(i != 0)),
        ValueRef::Integer(i) => Cell::Int(i),
        ValueRef::Real(r) => Cell::Real(r),
        ValueRef::Text(t) => Cell::Text(
            std::str::from_utf8(t)
                .map_err(|_| wrong(table, column, "текст не в UTF-8"))?
                .to_string(),
        ),
        ValueRef::Blob(b) => Cell::Blob(b.to_vec()),
    })
}

fn from_postgres(
    table: &str,
    column: &str,
    ty: &Type,
    row: &postgres::Row,
    i: usize,
) -> Result<Cell, TransferError> {
    let cell = match *ty {
        Type::BOOL => row
            .try_get::<_, Option<bool>>(i)?
            .map(|b| Cell::Int(i64::from(b))),
        Type::INT8 => row.try_get::<_, Option<i64>>(i)?.map(Cell::Int),
        Type::INT4 => row
            .try_get::<_, Option<i32>>(i)?
            .map(|v| Cell::Int(v.into())),
        Type::INT2 => row
            .try_get::<_, Option<i16>>(i)?
            .map(|v| Cell::Int(v.into())),
        Type::FLOAT8 => row.try_get::<_, Option<f64>>(i)?.map(Cell::Real),
        Type::FLOAT4 => row
            .try_get::<_, Option<f32>>(i)?
            .map(|v| Cell::Real(v.into())),
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => {
            row.try_get::<_, Option<String>>(i)?.map(Cell::Text)
        }
        Type::BYTEA => row.try_get::<_, Option<Vec<u8>>>(i)?.map(Cell::Blob),
        _ => return Err(wrong(table, column, &format!("тип {ty} не переносится"))),
    };
    Ok(cell.unwrap_or(Cell::Null))
}

/// Where rows are written: one transaction for the whole copy.
enum Sink {
    Sqlite(rusqlite::Connection),
    Postgres(postgres::Client),
}

impl Sink {
    fn open(base: Base<'_>) -> Result<Sink, TransferError> {
        Ok(match base {
            Base::Sqlite(path) => {
                let conn = rusqlite::Connection::open(path)?;
                // Tables are filled in reference order anyway; the check at the end says
                // whether every reference holds.
                conn.execute_batch("PRAGMA foreign_keys = OFF;")?;
                Sink::Sqlite(conn)
            }
            Base::Postgres(url) => Sink::Postgres(postgres::Client::connect(url, postgres::NoTls)?),
        })
    }

    fn first_with_rows(&mut self, tables: &[Table]) -> Result<Option<String>, TransferError> {
        for table in tables {
            let query = format!("SELECT EXISTS (SELECT 1 FROM {})", quote(&table.name));
            let any = match self {
                Sink::Sqlite(conn) => conn.query_row(&query, [], |r| r.get::<_, bool>(0))?,
                Sink::Postgres(client) => client.query_one(&query, &[])?.get::<_, bool>(0),
            };
            if any {
                return Ok(Some(table.name.clone()));
            }
        }
        Ok(None)
    }

    fn begin(&mut self) -> Result<(), TransferError> {
        match self {
            Sink::Sqlite(conn) => conn.execute_batch("BEGIN IMMEDIATE")?,
            // The writers' lock, so no node writes into the base while it is being filled.
            Sink::Postgres(client) => client.batch_execute(&format!(
                "BEGIN; SELECT pg_advisory_xact_lock({});",
                crate::postgres::WRITERS
            ))?,
        }
        Ok(())
    }

    /// Copies every row of `table` from `source`, streaming; returns how many.
    fn fill(&mut self, table: &Table, source: &mut Source) -> Result<u64, TransferError> {
        let mut rows = 0u64;
        match self {
            Sink::Sqlite(conn) => {
                let marks = vec!["?"; table.columns.len()].join(", ");
                let mut statement = conn.prepare(&format!(
                    "INSERT INTO {} ({}) VALUES ({marks})",
                    quote(&table.name),
                    column_list(table)
                ))?;
                source.each_row(table, &mut |row| {
                    statement.execute(rusqlite::params_from_iter(row.iter().map(to_sqlite)))?;
                    rows += 1;
                    Ok(())
                })?;
            }
            Sink::Postgres(client) => {
                // The triggers guard edits (an append-only log, a record's first revision)
                // and fire on updates and deletions only; the copy inserts. Disabled anyway,
                // so a later trigger on insert cannot write a second copy of a copied row.
                client.batch_execute(&format!(
                    "ALTER TABLE {} DISABLE TRIGGER USER",
                    quote(&table.name)
                ))?;
                let types: Vec<Type> = table.columns.iter().map(|(_, t)| t.clone()).collect();
                let writer = client.copy_in(&format!(
                    "COPY {} ({}) FROM STDIN (FORMAT binary)",
                    quote(&table.name),
                    column_list(table)
                ))?;
                let mut writer = BinaryCopyInWriter::new(writer, &types);
                source.each_row(table, &mut |row| {
                    let values = row
                        .iter()
                        .zip(&table.columns)
                        .map(|(cell, (name, ty))| to_postgres(&table.name, name, ty, cell.clone()))
                        .collect::<Result<Vec<_>, _>>()?;
                    let refs: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| &**v).collect();
                    writer.write(&refs)?;
                    rows += 1;
                    Ok(())
                })?;
                writer.finish()?;
                client.batch_execute(&format!(
                    "ALTER TABLE {} ENABLE TRIGGER USER",
                    quote(&table.name)
                ))?;
            }
        }
        Ok(rows)
    }

    fn commit(self, tables: &[Table]) -> Result<(), TransferError> {
        match self {
            Sink::Sqlite(conn) => {
                let broken: Option<String> = conn
                    .prepare("PRAGMA foreign_key_check")?
                    .query_map([], |r| r.get::<_, String>(0))?
                    .next()
                    .transpose()?;
                if let Some(table) = broken {
                    conn.execute_batch("ROLLBACK")?;
                    return Err(TransferError::Differs(format!(
                        "в таблице {table} есть ссылки на строки, которых нет; копия не сделана"
                    )));
                }
                conn.execute_batch("COMMIT")?;
            }
            Sink::Postgres(mut client) => {
                // Identity columns go on from the largest number copied, as SQLite's rowids do.
                let identities = client.query(
                    "SELECT table_name::text, column_name::text FROM information_schema.columns
                     WHERE table_schema = current_schema() AND is_identity = 'YES'",
                    &[],
                )?;
                for row in identities {
                    let (table, column): (String, String) = (row.get(0), row.get(1));
                    if !tables.iter().any(|t| t.name == table) {
                        continue;
                    }
                    client.batch_execute(&format!(
                        "SELECT setval(pg_get_serial_sequence('{t}', '{c}'),
                                coalesce((SELECT max({qc}) FROM {qt}), 1),
                                (SELECT max({qc}) FROM {qt}) IS NOT NULL)",
                        t = quote(&table).replace('\'', "''"),
                        c = column.replace('\'', "''"),
                        qc = quote(&column),
                        qt = quote(&table),
                    ))?;
                }
                client.batch_execute("COMMIT")?;
                // A base copied in bulk has no statistics until autovacuum comes round, and
                // the planner's guesses without them turned the memory book's page into a
                // hash of every person; `pg_restore` users run the same after a load.
                client.batch_execute("ANALYZE")?;
            }
        }
        Ok(())
    }
}

fn to_sqlite(cell: &Cell) -> rusqlite::types::Value {
    use rusqlite::types::Value;
    match cell {
        Cell::Null => Value::Null,
        Cell::Int(i) => Value::Integer(*i),
        Cell::Real(r) => Value::Real(*r),
        Cell::Text(t) => Value::Text(t.clone()),
        Cell::Blob(b) => Value::Blob(b.clone()),
    }
}

fn to_postgres(
    table: &str,
    column: &str,
    ty: &Type,
    cell: Cell,
) -> Result<Box<dyn ToSql + Sync>, TransferError> {
    let mismatch = |cell: &Cell| {
        wrong(
            table,
            column,
            &format!("значение {cell:?} не подходит к типу {ty}"),
        )
    };
    Ok(match (ty.clone(), cell) {
        (Type::BOOL, Cell::Null) => Box::new(None::<bool>),
        (Type::BOOL, Cell::Int(i)) => Box::new(i != 0),
        (Type::INT8, Cell::Null) => Box::new(None::<i64>),
        (Type::INT8, Cell::Int(i)) => Box::new(i),
        (Type::INT4, Cell::Null) => Box::new(None::<i32>),
        (Type::INT4, Cell::Int(i)) => {
            Box::new(i32::try_from(i).map_err(|_| mismatch(&Cell::Int(i)))?)
        }
        (Type::FLOAT8, Cell::Null) => Box::new(None::<f64>),
        (Type::FLOAT8, Cell::Real(r)) => Box::new(r),
        (Type::FLOAT8, Cell::Int(i)) => Box::new(i as f64),
        (Type::TEXT | Type::VARCHAR, Cell::Null) => Box::new(None::<String>),
        (Type::TEXT | Type::VARCHAR, Cell::Text(t)) => Box::new(t),
        (Type::BYTEA, Cell::Null) => Box::new(None::<Vec<u8>>),
        (Type::BYTEA, Cell::Blob(b)) => Box::new(b),
        (_, cell) => return Err(mismatch(&cell)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(name: &str) -> Table {
        Table {
            name: name.into(),
            columns: vec![],
            order: vec![],
        }
    }

    #[test]
    fn tables_come_after_the_tables_they_name() {
        let tables: BTreeMap<String, Table> = ["b", "a", "c", "d"]
            .into_iter()
            .map(|n| (n.to_string(), table(n)))
            .collect();
        let refs = [
            ("a".to_string(), "c".to_string()),
            ("c".to_string(), "d".to_string()),
            ("b".to_string(), "b".to_string()),
        ];
        let order: Vec<String> = in_reference_order(tables, &refs)
            .expect("no cycle")
            .into_iter()
            .map(|t| t.name)
            .collect();
        assert_eq!(order, ["b", "d", "c", "a"]);
        let cycle: BTreeMap<String, Table> = ["x", "y"]
            .into_iter()
            .map(|n| (n.to_string(), table(n)))
            .collect();
        let refs = [
            ("x".to_string(), "y".to_string()),
            ("y".to_string(), "x".to_string()),
        ];
        assert!(in_reference_order(cycle, &refs).is_err());
    }
}
