//! The SQLite engine's side of [`Uploads`]: uploads in progress with their bytes as BLOB pieces,
//! and file info as JSON by hash.

use super::SqliteStore;
use super::accounts::parse_at;
use crate::StoreError;
use crate::columns::at_text;
use crate::uploads::{
    Appended, FileInfo, MAX_PIECE, NewUpload, PendingUpload, Uploads, normal_hash,
};
use jiff::Timestamp;
use letopis_core::validation::Invalid;
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};
use std::io::Write;

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn pending_from_row(r: &Row<'_>) -> rusqlite::Result<PendingUpload> {
    Ok(PendingUpload {
        id: r.get(0)?,
        user: r.get(1)?,
        name: r.get(2)?,
        size: r.get::<_, i64>(3)?.max(0) as u64,
        received: r.get::<_, i64>(4)?.max(0) as u64,
        started_at: parse_at(&r.get::<_, String>(5)?),
        touched_at: parse_at(&r.get::<_, String>(6)?),
    })
}

/// The pieces of upload `id` into `out`, checked to be contiguous and complete.
fn assemble(conn: &Connection, id: &str, out: &mut dyn Write) -> Result<u64, StoreError> {
    let received: i64 = conn
        .query_row("SELECT received FROM uploads WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(|| StoreError::not_found("загрузка"))?;
    let mut stmt = conn
        .prepare("SELECT offset, bytes FROM upload_chunks WHERE upload_id = ?1 ORDER BY offset")?;
    let mut rows = stmt.query([id])?;
    let mut written: u64 = 0;
    // Pieces are written straight from SQLite's buffer, one at a time: a gigabyte of video
    // never sits in memory.
    while let Some(row) = rows.next()? {
        let offset: i64 = row.get(0)?;
        if offset.max(0) as u64 != written {
            return Err(StoreError::Backend(format!(
                "upload {id}: a piece at {offset} where {written} was expected"
            )));
        }
        let piece = row.get_ref(1)?.as_blob().map_err(rusqlite::Error::from)?;
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

impl Uploads for SqliteStore {
    fn start_upload(&self, new: &NewUpload, at: Timestamp) -> Result<(), StoreError> {
        let conn = self.writer();
        let at = at_text(at);
        let inserted = conn.execute(
            "INSERT INTO uploads (id, user_id, name, size, received, started_at, touched_at)
             VALUES (?1, ?2, ?3, ?4, 0, ?5, ?5)
             ON CONFLICT (id) DO NOTHING",
            params![new.id, new.user, new.name, to_i64(new.size), at],
        )?;
        if inserted == 0 {
            return Err(StoreError::Duplicate {
                message: "Загрузка с таким номером уже идёт.".into(),
            });
        }
        Ok(())
    }

    fn upload(&self, id: &str) -> Result<Option<PendingUpload>, StoreError> {
        let conn = self.reader()?;
        Ok(conn
            .query_row(
                "SELECT id, user_id, name, size, received, started_at, touched_at
                 FROM uploads WHERE id = ?1",
                [id],
                pending_from_row,
            )
            .optional()?)
    }

    fn append_chunk(
        &self,
        id: &str,
        offset: u64,
        bytes: &[u8],
        at: Timestamp,
    ) -> Result<Appended, StoreError> {
        let mut conn = self.writer();
        // The check of the end and the write are one transaction on the one writer, so two
        // copies of the same chunk (a retry, two nodes) cannot both be taken.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (size, received): (i64, i64) = tx
            .query_row(
                "SELECT size, received FROM uploads WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| StoreError::not_found("загрузка"))?;
        let (size, received) = (size.max(0) as u64, received.max(0) as u64);
        if offset != received {
            return Ok(Appended::WrongOffset(received));
        }
        let end = received + bytes.len() as u64;
        if end > size {
            return Ok(Appended::TooLong);
        }
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO upload_chunks (upload_id, offset, bytes) VALUES (?1, ?2, ?3)",
            )?;
            let mut at_offset = received;
            for piece in bytes.chunks(MAX_PIECE) {
                insert.execute(params![id, to_i64(at_offset), piece])?;
                at_offset += piece.len() as u64;
            }
        }
        tx.execute(
            "UPDATE uploads SET received = ?2, touched_at = ?3 WHERE id = ?1",
            params![id, to_i64(end), at_text(at)],
        )?;
        tx.commit()?;
        Ok(Appended::Taken(end))
    }

    fn assemble_upload(&self, id: &str, out: &mut dyn Write) -> Result<u64, StoreError> {
        let conn = self.reader()?;
        // One read transaction, so the pieces and the count agree even while a chunk lands.
        conn.execute_batch("BEGIN")?;
        let result = assemble(&conn, id, out);
        let _ = conn.execute_batch("COMMIT");
        result
    }

    fn remove_upload(&self, id: &str) -> Result<bool, StoreError> {
        let conn = self.writer();
        // The pieces go with the upload (ON DELETE CASCADE).
        Ok(conn.execute("DELETE FROM uploads WHERE id = ?1", [id])? > 0)
    }

    fn purge_uploads(&self, untouched_since: Timestamp) -> Result<usize, StoreError> {
        let conn = self.writer();
        Ok(conn.execute(
            "DELETE FROM uploads WHERE touched_at < ?1",
            [at_text(untouched_since)],
        )?)
    }

    fn put_file_info(&self, info: &FileInfo) -> Result<(), StoreError> {
        let (Some(sha), Some(original)) = (normal_hash(&info.sha256), normal_hash(&info.original))
        else {
            return Err(Invalid::one(
                "sha256",
                "Неверный идентификатор файла: нужна строка из 64 шестнадцатеричных цифр (SHA-256).",
            )
            .into());
        };
        let json = serde_json::to_string(info)?;
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        for key in [&sha, &original] {
            tx.execute(
                "INSERT INTO file_info (sha256, info) VALUES (?1, ?2)
                 ON CONFLICT (sha256) DO UPDATE SET info = excluded.info",
                params![key, json],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    fn file_info(&self, sha256: &str) -> Result<Option<FileInfo>, StoreError> {
        let Some(sha) = normal_hash(sha256) else {
            return Ok(None);
        };
        let conn = self.reader()?;
        let json: Option<String> = conn
            .query_row("SELECT info FROM file_info WHERE sha256 = ?1", [sha], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(json.map(|j| serde_json::from_str(&j)).transpose()?)
    }

    fn remove_file_info(&self, sha256: &str) -> Result<(), StoreError> {
        let Some(sha) = normal_hash(sha256) else {
            return Ok(());
        };
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let json: Option<String> = tx
            .query_row(
                "SELECT info FROM file_info WHERE sha256 = ?1",
                [&sha],
                |r| r.get(0),
            )
            .optional()?;
        let mut keys = vec![sha];
        if let Some(info) = json.and_then(|j| serde_json::from_str::<FileInfo>(&j).ok()) {
            keys.extend(normal_hash(&info.sha256));
            keys.extend(normal_hash(&info.original));
        }
        for key in &keys {
            // The twin goes only while it still describes this file: a later upload of the same
            // original may have put info of its own there.
            tx.execute(
                "DELETE FROM file_info WHERE sha256 = ?1
                 AND (sha256 = ?2 OR lower(json_extract(info, '$.sha256')) = ?2
                      OR lower(json_extract(info, '$.original')) = ?2)",
                params![key, keys[0]],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}
