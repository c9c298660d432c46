//! The SQLite engine's side of [`Contributions`]: residents' submissions, their files and their
//! conversation with moderators. Small writes, each its own short transaction.

use super::SqliteStore;
use super::accounts::{or_missing, parse_at};
use crate::StoreError;
use crate::columns::at_text;
use crate::contributions::{
    Contributions, Event, EventKind, Moderator, NewFile, NewSubmission, QueueFilter, Submission,
    SubmissionFile,
};
use jiff::Timestamp;
use letopis_core::ConsentId;
use letopis_core::RecordId;
use letopis_core::SubmissionId;
use letopis_core::contribution::{Contribution, DeclineReason, MAX_FILES, Status};
use letopis_core::validation::Invalid;
use letopis_core::{SubmissionFileId, UserId};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

const COLUMNS: &str = "id, status, content, about_id, lang, email_confirmed_at IS NOT NULL, \
     assigned_to, person_id, story_id, consent_id, decline_reason, decline_note, created_at, \
     sent_at, updated_at";
const FILE_COLUMNS: &str =
    "id, submission_id, sha256, mime, width, height, caption, date, late, added_at";
const EVENT_COLUMNS: &str = "id, submission_id, kind, status, user_id, by_name, body, at";

use crate::columns::submission_status as status;

fn from_row(r: &Row<'_>) -> rusqlite::Result<Submission> {
    let content: String = r.get(2)?;
    Ok(Submission {
        id: r.get(0)?,
        status: status(&r.get::<_, String>(1)?),
        content: serde_json::from_str(&content).unwrap_or_default(),
        about: r.get::<_, Option<i64>>(3)?.map(RecordId),
        lang: r.get(4)?,
        email_confirmed: r.get(5)?,
        assigned: r.get(6)?,
        person: r.get::<_, Option<i64>>(7)?.map(RecordId),
        story: r.get::<_, Option<i64>>(8)?.map(RecordId),
        consent: r.get(9)?,
        decline_reason: r
            .get::<_, Option<String>>(10)?
            .and_then(|c| DeclineReason::from_code(&c)),
        decline_note: r.get(11)?,
        created_at: parse_at(&r.get::<_, String>(12)?),
        sent_at: r.get::<_, Option<String>>(13)?.map(|t| parse_at(&t)),
        updated_at: parse_at(&r.get::<_, String>(14)?),
    })
}

fn file_from_row(r: &Row<'_>) -> rusqlite::Result<SubmissionFile> {
    Ok(SubmissionFile {
        id: r.get(0)?,
        submission_id: r.get(1)?,
        sha256: r.get(2)?,
        mime: r.get(3)?,
        width: r.get(4)?,
        height: r.get(5)?,
        caption: r.get(6)?,
        date: r.get(7)?,
        late: r.get(8)?,
        added_at: parse_at(&r.get::<_, String>(9)?),
    })
}

fn event_from_row(r: &Row<'_>) -> rusqlite::Result<Event> {
    Ok(Event {
        id: r.get(0)?,
        submission_id: r.get(1)?,
        kind: EventKind::from_code(&r.get::<_, String>(2)?).unwrap_or(EventKind::Note),
        status: r.get::<_, Option<String>>(3)?.map(|c| status(&c)),
        user_id: r.get(4)?,
        by: r.get(5)?,
        body: r.get(6)?,
        at: parse_at(&r.get::<_, String>(7)?),
    })
}

fn one(conn: &Connection, id: i64) -> Result<Submission, StoreError> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM submissions WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| StoreError::not_found(format!("рассказ №{id}")))
}

fn event(
    conn: &Connection,
    id: i64,
    kind: EventKind,
    status: Option<Status>,
    by: &Moderator,
    body: &str,
    at: Timestamp,
) -> Result<i64, StoreError> {
    let (user, name) = match by {
        Some((user, name)) => (Some(*user), name.as_str()),
        None => (None, ""),
    };
    conn.execute(
        "INSERT INTO submission_events (submission_id, kind, status, user_id, by_name, body, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            id,
            kind.code(),
            status.map(Status::code),
            user,
            name,
            body,
            at_text(at)
        ],
    )
    .map_err(or_missing("модератор"))?;
    Ok(conn.last_insert_rowid())
}

/// Moves within an open transaction, checking the pipeline.
fn move_in(
    conn: &Connection,
    id: i64,
    to: Status,
    by: &Moderator,
    note: &str,
    at: Timestamp,
) -> Result<(), StoreError> {
    let from = one(conn, id)?.status;
    if !from.may_move(to) {
        return Err(Invalid::one(
            "status",
            format!(
                "Рассказ №{id} {}: перевести его в состояние «{}» нельзя.",
                from.label_ru(),
                to.label_ru()
            ),
        )
        .into());
    }
    conn.execute(
        "UPDATE submissions SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, to.code(), at_text(at)],
    )?;
    event(conn, id, EventKind::Moved, Some(to), by, note, at)?;
    Ok(())
}

/// Publishes within the transaction of [`Op::PublishSubmission`](crate::Op::PublishSubmission):
/// the status check and the move happen in the same transaction as the records they point at,
/// so of two moderators publishing one story, the second finds it published and fails, and
/// everything their `apply` wrote rolls back with it.
pub(super) fn publish_in(
    conn: &Connection,
    id: SubmissionId,
    person: RecordId,
    story: RecordId,
    consent: ConsentId,
    by: &Moderator,
    at: Timestamp,
) -> Result<(), StoreError> {
    move_in(conn, id.0, Status::Published, by, "", at)?;
    conn.execute(
        "UPDATE submissions SET person_id = ?2, story_id = ?3, consent_id = ?4 WHERE id = ?1",
        params![id, person.0, story.0, consent],
    )
    .map_err(or_missing("запись"))?;
    Ok(())
}

/// Of these hashes, those no submission holds any more.
fn orphans(conn: &Connection, hashes: Vec<String>) -> Result<Vec<String>, StoreError> {
    let mut out = Vec::new();
    for sha in hashes {
        let held: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM submission_files WHERE sha256 = ?1)",
            [&sha],
            |r| r.get(0),
        )?;
        if !held && !out.contains(&sha) {
            out.push(sha);
        }
    }
    Ok(out)
}

impl Contributions for SqliteStore {
    fn start(&self, new: NewSubmission, at: Timestamp) -> Result<SubmissionId, StoreError> {
        let conn = self.writer();
        let content = serde_json::to_string(&Contribution::default())?;
        conn.execute(
            "INSERT INTO submissions (token_hash, status, content, about_id, lang, origin,
                 created_at, updated_at)
             VALUES (?1, 'draft', ?2, ?3, ?4, ?5, ?6, ?6)",
            params![
                new.token_hash,
                content,
                new.about.map(|r| r.0),
                new.lang,
                new.origin,
                at_text(at)
            ],
        )
        .map_err(or_missing("запись"))?;
        Ok(SubmissionId(conn.last_insert_rowid()))
    }

    fn submission(&self, id: SubmissionId) -> Result<Option<Submission>, StoreError> {
        let conn = self.reader()?;
        Ok(conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM submissions WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()?)
    }

    fn by_token(&self, token_hash: &str) -> Result<Option<Submission>, StoreError> {
        let conn = self.reader()?;
        Ok(conn
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM submissions WHERE token_hash = ?1
                     OR id = (SELECT submission_id FROM submission_links WHERE token_hash = ?1)"
                ),
                [token_hash],
                from_row,
            )
            .optional()?)
    }

    fn add_link(
        &self,
        id: SubmissionId,
        token_hash: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let conn = self.writer();
        conn.execute(
            "INSERT INTO submission_links (token_hash, submission_id, created_at)
             VALUES (?1, ?2, ?3)",
            params![token_hash, id, at_text(at)],
        )
        .map_err(or_missing("рассказ"))?;
        Ok(())
    }

    fn save(
        &self,
        id: SubmissionId,
        content: &Contribution,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let conn = self.writer();
        if one(&conn, id.0)?.status == Status::Withdrawn {
            return Err(Invalid::one("status", "Рассказ отозван: изменить его нельзя.").into());
        }
        conn.execute(
            "UPDATE submissions SET content = ?2, email_key = ?3, updated_at = ?4 WHERE id = ?1",
            params![
                id,
                serde_json::to_string(content)?,
                content.contributor.email.trim().to_lowercase(),
                at_text(at)
            ],
        )?;
        Ok(())
    }

    fn add_file(
        &self,
        id: SubmissionId,
        file: NewFile,
        late: bool,
        at: Timestamp,
    ) -> Result<SubmissionFileId, StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        if one(&tx, id.0)?.status == Status::Withdrawn {
            return Err(Invalid::one("file", "Рассказ отозван: добавить файлы нельзя.").into());
        }
        let count: i64 = tx.query_row(
            "SELECT count(*) FROM submission_files WHERE submission_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        if count as usize >= MAX_FILES {
            return Err(Invalid::one(
                "file",
                format!("К одному рассказу можно приложить не больше {MAX_FILES} файлов."),
            )
            .into());
        }
        tx.execute(
            "INSERT INTO submission_files (submission_id, sha256, mime, width, height, caption,
                 date, late, added_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                id,
                file.sha256,
                file.mime,
                file.width,
                file.height,
                file.caption,
                file.date,
                late,
                at_text(at)
            ],
        )?;
        let file_id = tx.last_insert_rowid();
        tx.execute(
            "UPDATE submissions SET updated_at = ?2 WHERE id = ?1",
            params![id, at_text(at)],
        )?;
        tx.commit()?;
        Ok(SubmissionFileId(file_id))
    }

    fn describe_file(
        &self,
        id: SubmissionId,
        file_id: SubmissionFileId,
        caption: &str,
        date: &str,
    ) -> Result<(), StoreError> {
        let conn = self.writer();
        let n = conn.execute(
            "UPDATE submission_files SET caption = ?3, date = ?4
             WHERE id = ?2 AND submission_id = ?1",
            params![id, file_id, caption, date],
        )?;
        if n == 0 {
            return Err(StoreError::not_found(format!("файл №{file_id}")));
        }
        Ok(())
    }

    fn remove_file(
        &self,
        id: SubmissionId,
        file_id: SubmissionFileId,
    ) -> Result<Option<String>, StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let sha: Option<String> = tx
            .query_row(
                "DELETE FROM submission_files WHERE id = ?2 AND submission_id = ?1
                 RETURNING sha256",
                params![id, file_id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(sha) = sha else {
            return Err(StoreError::not_found(format!("файл №{file_id}")));
        };
        let orphan = orphans(&tx, vec![sha])?.pop();
        tx.commit()?;
        Ok(orphan)
    }

    fn files(&self, id: SubmissionId) -> Result<Vec<SubmissionFile>, StoreError> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {FILE_COLUMNS} FROM submission_files WHERE submission_id = ?1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([id], file_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn send(&self, id: SubmissionId, confirm_hash: &str, at: Timestamp) -> Result<(), StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        move_in(&tx, id.0, Status::Received, &None, "", at)?;
        tx.execute(
            "UPDATE submissions SET confirm_hash = ?2, sent_at = ?3 WHERE id = ?1",
            params![id, confirm_hash, at_text(at)],
        )?;
        tx.commit()?;
        Ok(())
    }

    fn confirm_email(
        &self,
        confirm_hash: &str,
        at: Timestamp,
    ) -> Result<Option<SubmissionId>, StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let found: Option<(i64, bool)> = tx
            .query_row(
                "SELECT id, email_confirmed_at IS NOT NULL FROM submissions
                 WHERE confirm_hash = ?1 AND status <> 'withdrawn'",
                [confirm_hash],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((id, already)) = found else {
            return Ok(None);
        };
        if !already {
            tx.execute(
                "UPDATE submissions SET email_confirmed_at = ?2, updated_at = ?2 WHERE id = ?1",
                params![id, at_text(at)],
            )?;
            event(&tx, id, EventKind::Confirmed, None, &None, "", at)?;
        }
        tx.commit()?;
        Ok(Some(SubmissionId(id)))
    }

    fn move_to(
        &self,
        id: SubmissionId,
        to: Status,
        by: &Moderator,
        note: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        move_in(&tx, id.0, to, by, note, at)?;
        tx.commit()?;
        Ok(())
    }

    fn decline(
        &self,
        id: SubmissionId,
        reason: DeclineReason,
        note: &str,
        by: &Moderator,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        move_in(&tx, id.0, Status::Declined, by, note, at)?;
        tx.execute(
            "UPDATE submissions SET decline_reason = ?2, decline_note = ?3 WHERE id = ?1",
            params![id, reason.code(), note],
        )?;
        tx.commit()?;
        Ok(())
    }

    fn assign(
        &self,
        id: SubmissionId,
        to: Option<UserId>,
        by: &Moderator,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        one(&tx, id.0)?;
        tx.execute(
            "UPDATE submissions SET assigned_to = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, to, at_text(at)],
        )
        .map_err(or_missing("модератор"))?;
        let body = to.map(|u| u.to_string()).unwrap_or_default();
        event(&tx, id.0, EventKind::Assigned, None, by, &body, at)?;
        tx.commit()?;
        Ok(())
    }

    fn add_event(
        &self,
        id: SubmissionId,
        kind: EventKind,
        by: &Moderator,
        body: &str,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        one(&tx, id.0)?;
        let event_id = event(&tx, id.0, kind, None, by, body, at)?;
        tx.execute(
            "UPDATE submissions SET updated_at = ?2 WHERE id = ?1",
            params![id, at_text(at)],
        )?;
        tx.commit()?;
        Ok(event_id)
    }

    fn events(&self, id: SubmissionId) -> Result<Vec<Event>, StoreError> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {EVENT_COLUMNS} FROM submission_events WHERE submission_id = ?1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([id], event_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn queue(&self, filter: &QueueFilter) -> Result<Vec<Submission>, StoreError> {
        let statuses = filter.listed_statuses();
        if statuses.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = format!(
            "SELECT {COLUMNS} FROM submissions WHERE status IN ({})",
            vec!["?"; statuses.len()].join(", ")
        );
        let mut args: Vec<Value> = statuses
            .iter()
            .map(|s| Value::Text(s.code().into()))
            .collect();
        match filter.assigned {
            None => {}
            Some(None) => sql.push_str(" AND assigned_to IS NULL"),
            Some(Some(user)) => {
                sql.push_str(" AND assigned_to = ?");
                args.push(Value::Integer(user.0));
            }
        }
        match filter.confirmed {
            None => {}
            Some(true) => sql.push_str(" AND email_confirmed_at IS NOT NULL"),
            Some(false) => sql.push_str(" AND email_confirmed_at IS NULL"),
        }
        sql.push_str(" ORDER BY sent_at, id");
        let conn = self.reader()?;
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), from_row)?;
        let limit = filter.listed_at_most();
        let mut out = Vec::new();
        for row in rows {
            let s = row?;
            if !filter.text_matches(&s) {
                continue;
            }
            out.push(s);
            if out.len() >= limit {
                break;
            }
        }
        Ok(out)
    }

    fn started_from(&self, origin: &str, since: Timestamp) -> Result<u64, StoreError> {
        let conn = self.reader()?;
        let n: i64 = conn.query_row(
            "SELECT count(*) FROM submissions WHERE origin = ?1 AND created_at >= ?2",
            params![origin, at_text(since)],
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }

    fn pose_question(&self, key_hash: &str, answer: u32, at: Timestamp) -> Result<(), StoreError> {
        let conn = self.writer();
        let hour_ago = at.as_microsecond() - 3_600_000_000;
        conn.prepare_cached("DELETE FROM check_questions WHERE asked_at < ?1")?
            .execute([hour_ago])?;
        conn.prepare_cached(
            "INSERT OR REPLACE INTO check_questions (key_hash, answer, asked_at) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![key_hash, answer, at.as_microsecond()])?;
        Ok(())
    }

    fn take_question(&self, key_hash: &str, since: Timestamp) -> Result<Option<u32>, StoreError> {
        let conn = self.writer();
        let answer = conn
            .prepare_cached(
                "DELETE FROM check_questions WHERE key_hash = ?1 AND asked_at >= ?2 RETURNING answer",
            )?
            .query_row(params![key_hash, since.as_microsecond()], |r| r.get(0))
            .optional()?;
        Ok(answer)
    }

    fn sent_by(&self, email: &str, since: Timestamp) -> Result<u64, StoreError> {
        let conn = self.reader()?;
        let n: i64 = conn.query_row(
            "SELECT count(*) FROM submissions WHERE email_key = ?1 AND sent_at >= ?2",
            params![email.trim().to_lowercase(), at_text(since)],
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }

    fn purge_drafts(&self, untouched_since: Timestamp) -> Result<Vec<String>, StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let hashes: Vec<String> = {
            let mut stmt = tx.prepare(
                "SELECT f.sha256 FROM submission_files f JOIN submissions s
                   ON s.id = f.submission_id
                 WHERE s.status = 'draft' AND s.updated_at < ?1",
            )?;
            let rows = stmt.query_map([at_text(untouched_since)], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        tx.execute(
            "DELETE FROM submissions WHERE status = 'draft' AND updated_at < ?1",
            [at_text(untouched_since)],
        )?;
        let out = orphans(&tx, hashes)?;
        tx.commit()?;
        Ok(out)
    }

    fn erase(&self, id: SubmissionId, at: Timestamp) -> Result<Vec<String>, StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let current = one(&tx, id.0)?.status;
        if current != Status::Withdrawn {
            move_in(&tx, id.0, Status::Withdrawn, &None, "", at)?;
        }
        let hashes: Vec<String> = {
            let mut stmt = tx.prepare(
                "DELETE FROM submission_files WHERE submission_id = ?1 RETURNING sha256",
            )?;
            let rows = stmt.query_map([id], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        tx.execute(
            "UPDATE submissions SET content = ?2, email_key = '', updated_at = ?3 WHERE id = ?1",
            params![
                id,
                serde_json::to_string(&Contribution::default())?,
                at_text(at)
            ],
        )?;
        // The conversation quoted the family; its words go, its shape (who, when) stays.
        tx.execute(
            "UPDATE submission_events SET body = '' WHERE submission_id = ?1
               AND kind IN ('question', 'answer', 'note', 'files', 'moved')",
            [id],
        )?;
        let out = orphans(&tx, hashes)?;
        tx.commit()?;
        Ok(out)
    }
}
