//! Statement parameters as plain values, and the few ways the engine runs a statement.
//!
//! The `postgres` crate binds a Rust type only to the one PostgreSQL type it matches (an `i64`
//! to `bigint`, never to `integer`), and a NULL needs a typed `Option`. The engine's SQL is
//! built at run time (the gate, the filters), so its parameters are gathered as [`Value`]s and
//! encoded for whatever type the server inferred for each placeholder.

use crate::StoreError;
use bytes::BytesMut;
use postgres::types::{IsNull, ToSql, Type, to_sql_checked};
use postgres::{GenericClient, Row};
use std::error::Error;

/// One statement parameter.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Int(i64),
    Bool(bool),
    Text(String),
    Bytes(Vec<u8>),
}

type BoxError = Box<dyn Error + Sync + Send>;

impl ToSql for Value {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        let text_like = matches!(*ty, Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME);
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(n) => match *ty {
                Type::INT8 => n.to_sql(ty, out),
                Type::INT4 => i32::try_from(*n)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*n)?.to_sql(ty, out),
                Type::BOOL => (*n != 0).to_sql(ty, out),
                _ if text_like => n.to_string().to_sql(ty, out),
                _ => Err(format!("an integer cannot be bound as {ty}").into()),
            },
            Value::Bool(b) => match *ty {
                Type::BOOL => b.to_sql(ty, out),
                Type::INT8 | Type::INT4 | Type::INT2 => Value::Int(i64::from(*b)).to_sql(ty, out),
                _ => Err(format!("a flag cannot be bound as {ty}").into()),
            },
            Value::Text(s) if text_like => s.to_sql(ty, out),
            Value::Text(s) => match *ty {
                Type::INT8 | Type::INT4 | Type::INT2 => Value::Int(s.parse()?).to_sql(ty, out),
                _ => Err(format!("text cannot be bound as {ty}").into()),
            },
            Value::Bytes(b) => b.to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Int(n)
    }
}
impl From<i32> for Value {
    fn from(n: i32) -> Value {
        Value::Int(n.into())
    }
}
impl From<u32> for Value {
    fn from(n: u32) -> Value {
        Value::Int(n.into())
    }
}
impl From<u8> for Value {
    fn from(n: u8) -> Value {
        Value::Int(n.into())
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}
impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}
impl From<&String> for Value {
    fn from(s: &String) -> Value {
        Value::Text(s.clone())
    }
}
impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_string())
    }
}
impl From<Vec<u8>> for Value {
    fn from(b: Vec<u8>) -> Value {
        Value::Bytes(b)
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

/// `[Value, …]` from anything that converts.
macro_rules! params {
    ($($v:expr),* $(,)?) => {
        [$($crate::postgres::value::Value::from($v)),*]
    };
}
pub(crate) use params;

fn refs(params: &[Value]) -> Vec<&(dyn ToSql + Sync)> {
    params.iter().map(|v| v as &(dyn ToSql + Sync)).collect()
}

/// The engine's ways of running a statement, on a connection or inside a transaction.
pub(crate) trait Sql {
    fn rows(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, StoreError>;
    fn run(&mut self, sql: &str, params: &[Value]) -> Result<u64, StoreError> {
        Ok(self.try_run(sql, params)?)
    }

    /// [`run`](Sql::run), keeping the server's error for the caller to read.
    fn try_run(&mut self, sql: &str, params: &[Value]) -> Result<u64, postgres::Error>;

    fn row(&mut self, sql: &str, params: &[Value]) -> Result<Option<Row>, StoreError> {
        Ok(self.rows(sql, params)?.into_iter().next())
    }

    /// The first column of the one row the statement returns.
    fn one<T>(&mut self, sql: &str, params: &[Value]) -> Result<T, StoreError>
    where
        T: for<'a> postgres::types::FromSql<'a>,
    {
        match self.row(sql, params)? {
            Some(row) => Ok(row.try_get(0)?),
            None => Err(StoreError::Backend(format!("no row from {sql}"))),
        }
    }

    /// The first column of every row.
    fn column<T>(&mut self, sql: &str, params: &[Value]) -> Result<Vec<T>, StoreError>
    where
        T: for<'a> postgres::types::FromSql<'a>,
    {
        self.rows(sql, params)?
            .iter()
            .map(|r| r.try_get(0).map_err(StoreError::from))
            .collect()
    }
}

impl<C: GenericClient> Sql for C {
    fn rows(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, StoreError> {
        Ok(self.query(sql, &refs(params))?)
    }

    fn try_run(&mut self, sql: &str, params: &[Value]) -> Result<u64, postgres::Error> {
        self.execute(sql, &refs(params))
    }
}

/// Ids bind as the integers they are.
macro_rules! id_values {
    ($($id:ty),*) => {$(
        impl From<$id> for Value {
            fn from(id: $id) -> Value {
                Value::Int(id.0)
            }
        }
    )*};
}
id_values!(
    letopis_core::UserId,
    letopis_core::GroupId,
    letopis_core::ActivityId,
    letopis_core::RecordId,
    letopis_core::ConsentId,
    letopis_core::NarratorId,
    letopis_core::GuideId,
    letopis_core::GuideVersionId,
    letopis_core::ProjectId,
    letopis_core::TaskId,
    letopis_core::SubmissionId,
    letopis_core::SubmissionFileId
);

impl From<crate::gate_sql::Bind> for Value {
    fn from(bind: crate::gate_sql::Bind) -> Self {
        match bind {
            crate::gate_sql::Bind::Int(i) => Value::Int(i),
            crate::gate_sql::Bind::Text(t) => Value::Text(t),
        }
    }
}
