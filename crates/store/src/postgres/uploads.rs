//! The PostgreSQL engine's side of [`Uploads`] (`sqlite/uploads.rs` in PostgreSQL's dialect):
//! uploads in progress with their bytes as BYTEA pieces, and file info as JSON by hash.

use super::PgStore;
use super::accounts::parse_at;
use super::value::{Sql, params};
use crate::StoreError;
use crate::columns::at_text;
use crate::uploads::{
    Appended, FileInfo, MAX_PIECE, NewUpload, PendingUpload, Uploads, normal_hash,
};
use jiff::Timestamp;
use letopis_core::UserId;
use letopis_core::validation::Invalid;
use postgres::{GenericClient, Row};
use std::io::Write;

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn pending_from_row(r: &Row) -> Result<PendingUpload, StoreError> {
    Ok(PendingUpload {
        id: r.try_get(0)?,
        user: UserId(r.try_get(1)?),
        name: r.try_get(2)?,
        size: r.try_get::<_, i64>(3)?.max(0) as u64,
        received: r.try_get::<_, i64>(4)?.max(0) as u64,
        started_at: parse_at(r.try_get(5)?),
        touched_at: parse_at(r.try_get(6)?),
    })
}

/// The pieces of upload `id` into `out`, checked to be contiguous and complete. Read one piece
/// per statement, by the offset the next one must have: a gigabyte of video never sits in
/// memory, at most one piece ([`MAX_PIECE`]) does.
fn assemble(c: &mut impl GenericClient, id: &str, out: &mut dyn Write) -> Result<u64, StoreError> {
    let received: i64 = c
        .row("SELECT received FROM uploads WHERE id = $1", &params![id])?
        .ok_or_else(|| StoreError::not_found("загрузка"))?
        .try_get(0)?;
    let pieces: i64 = c.one(
        "SELECT count(*) FROM upload_chunks WHERE upload_id = $1",
        &params![id],
    )?;
    let mut written: u64 = 0;
    for _ in 0..pieces {
        let Some(row) = c.row(
            "SELECT bytes FROM upload_chunks WHERE upload_id = $1 AND \"offset\" = $2",
            &params![id, to_i64(written)],
        )?
        else {
            return Err(StoreError::Backend(format!(
                "upload {id}: no piece at {written}"
            )));
        };
        let piece: &[u8] = row.try_get(0)?;
        out.write_all(piece)
            .map_err(|e| StoreError::Unavailable(format!("запись файла: {e}")))?;
        written += piece.len() as u64;
    }
    if written != received.max(0) as u64 {
        return Err(StoreError::Backend(format!(
            "upload {id}: {written} bytes in pieces, {received} received"
        )));
    }
    Ok(written)
}

impl Uploads for PgStore {
    fn start_upload(&self, new: &NewUpload, at: Timestamp) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            let inserted = self.conn()?.run(
                "INSERT INTO uploads (id, user_id, name, size, received, started_at, touched_at)
             VALUES ($1, $2, $3, $4, 0, $5, $5)
             ON CONFLICT (id) DO NOTHING",
                &params![
                    new.id.as_str(),
                    new.user,
                    new.name.as_str(),
                    to_i64(new.size),
                    at_text(at)
                ],
            )?;
            if inserted == 0 {
                return Err(StoreError::Duplicate {
                    message: "Загрузка с таким номером уже идёт.".into(),
                });
            }
            Ok(())
        })
    }

    fn upload(&self, id: &str) -> Result<Option<PendingUpload>, StoreError> {
        crate::postgres::off_runtime(|| {
            self.conn()?
                .row(
                    "SELECT id, user_id, name, size, received, started_at, touched_at
                 FROM uploads WHERE id = $1",
                    &params![id],
                )?
                .map(|r| pending_from_row(&r))
                .transpose()
        })
    }

    fn append_chunk(
        &self,
        id: &str,
        offset: u64,
        bytes: &[u8],
        at: Timestamp,
    ) -> Result<Appended, StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let mut tx = conn.transaction()?;
            // The upload's row stays locked from the check of its end to the commit, so two copies
            // of the same chunk (a retry, two nodes) cannot both be taken: the second waits, then
            // finds the end moved.
            let (size, received): (i64, i64) = {
                let row = tx
                    .row(
                        "SELECT size, received FROM uploads WHERE id = $1 FOR UPDATE",
                        &params![id],
                    )?
                    .ok_or_else(|| StoreError::not_found("загрузка"))?;
                (row.try_get(0)?, row.try_get(1)?)
            };
            let (size, received) = (size.max(0) as u64, received.max(0) as u64);
            if offset != received {
                return Ok(Appended::WrongOffset(received));
            }
            let end = received + bytes.len() as u64;
            if end > size {
                return Ok(Appended::TooLong);
            }
            let mut at_offset = received;
            for piece in bytes.chunks(MAX_PIECE) {
                tx.execute(
                    "INSERT INTO upload_chunks (upload_id, \"offset\", bytes) VALUES ($1, $2, $3)",
                    &[&id, &to_i64(at_offset), &piece],
                )?;
                at_offset += piece.len() as u64;
            }
            tx.run(
                "UPDATE uploads SET received = $2, touched_at = $3 WHERE id = $1",
                &params![id, to_i64(end), at_text(at)],
            )?;
            tx.commit()?;
            Ok(Appended::Taken(end))
        })
    }

    fn assemble_upload(&self, id: &str, out: &mut dyn Write) -> Result<u64, StoreError> {
        crate::postgres::off_runtime_here(|| {
            let mut conn = self.conn()?;
            // One snapshot, so the pieces and the count agree even while a chunk lands.
            let mut tx = super::begin_read(&mut conn)?;
            let written = assemble(&mut tx, id, out)?;
            tx.commit()?;
            Ok(written)
        })
    }

    fn remove_upload(&self, id: &str) -> Result<bool, StoreError> {
        crate::postgres::off_runtime(|| {
            // The pieces go with the upload (ON DELETE CASCADE).
            Ok(self
                .conn()?
                .run("DELETE FROM uploads WHERE id = $1", &params![id])?
                > 0)
        })
    }

    fn purge_uploads(&self, untouched_since: Timestamp) -> Result<usize, StoreError> {
        crate::postgres::off_runtime(|| {
            let n = self.conn()?.run(
                "DELETE FROM uploads WHERE touched_at < $1",
                &params![at_text(untouched_since)],
            )?;
            Ok(usize::try_from(n).unwrap_or(usize::MAX))
        })
    }

    fn put_file_info(&self, info: &FileInfo) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            let (Some(sha), Some(original)) =
                (normal_hash(&info.sha256), normal_hash(&info.original))
            else {
                return Err(Invalid::one(
                "sha256",
                "Неверный идентификатор файла: нужна строка из 64 шестнадцатеричных цифр (SHA-256).",
            )
            .into());
            };
            let json = serde_json::to_string(info)?;
            let mut conn = self.conn()?;
            let mut tx = conn.transaction()?;
            for key in [&sha, &original] {
                tx.run(
                    "INSERT INTO file_info (sha256, info) VALUES ($1, $2)
                 ON CONFLICT (sha256) DO UPDATE SET info = excluded.info",
                    &params![key, json.as_str()],
                )?;
            }
            tx.commit()?;
            Ok(())
        })
    }

    fn file_info(&self, sha256: &str) -> Result<Option<FileInfo>, StoreError> {
        crate::postgres::off_runtime(|| {
            let Some(sha) = normal_hash(sha256) else {
                return Ok(None);
            };
            let row = self.conn()?.row(
                "SELECT info FROM file_info WHERE sha256 = $1",
                &params![sha],
            )?;
            match row {
                Some(r) => Ok(Some(serde_json::from_str(r.try_get(0)?)?)),
                None => Ok(None),
            }
        })
    }

    fn remove_file_info(&self, sha256: &str) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            let Some(sha) = normal_hash(sha256) else {
                return Ok(());
            };
            let mut conn = self.conn()?;
            let mut tx = conn.transaction()?;
            let json: Option<String> = tx
                .row(
                    "SELECT info FROM file_info WHERE sha256 = $1",
                    &params![sha.as_str()],
                )?
                .map(|r| r.try_get(0))
                .transpose()?;
            let mut keys = vec![sha];
            if let Some(info) = json.and_then(|j| serde_json::from_str::<FileInfo>(&j).ok()) {
                keys.extend(normal_hash(&info.sha256));
                keys.extend(normal_hash(&info.original));
            }
            for key in &keys {
                // The twin goes only while it still describes this file: a later upload of the same
                // original may have put info of its own there.
                tx.run(
                    "DELETE FROM file_info WHERE sha256 = $1
                 AND (sha256 = $2 OR lower(info::json ->> 'sha256') = $2
                      OR lower(info::json ->> 'original') = $2)",
                    &params![key, keys[0].as_str()],
                )?;
            }
            tx.commit()?;
            Ok(())
        })
    }
}
