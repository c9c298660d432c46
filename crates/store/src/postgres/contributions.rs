//! The PostgreSQL engine's side of [`Contributions`] (`sqlite/contributions.rs` in PostgreSQL's
//! dialect): residents' submissions, their files and their conversation with moderators. A
//! move in the pipeline locks the submission's row from the check of its status to the commit,
//! so two moderators (on two nodes) cannot both move it from the same state.

use super::PgStore;
use super::accounts::{or_missing, parse_at, user_at};
use super::value::{Sql, Value, params};
use crate::StoreError;
use crate::columns::at_text;
use crate::contributions::{
    Contributions, Event, EventKind, Moderator, NewFile, NewSubmission, QueueFilter, Submission,
    SubmissionFile,
};
use jiff::Timestamp;
use letopis_core::contribution::{Contribution, DeclineReason, MAX_FILES, Status};
use letopis_core::validation::Invalid;
use letopis_core::{ConsentId, RecordId, SubmissionFileId, SubmissionId, UserId};
use postgres::{GenericClient, Row};

const COLUMNS: &str = "id, status, content, about_id, lang, email_confirmed_at IS NOT NULL, \
     assigned_to, person_id, story_id, consent_id, decline_reason, decline_note, created_at, \
     sent_at, updated_at";
const FILE_COLUMNS: &str =
    "id, submission_id, sha256, mime, width, height, caption, date, late, added_at";
const EVENT_COLUMNS: &str = "id, submission_id, kind, status, user_id, by_name, body, at";

use crate::columns::submission_status as status;

fn record_at(r: &Row, i: usize) -> Result<Option<RecordId>, StoreError> {
    Ok(r.try_get::<_, Option<i64>>(i)?.map(RecordId))
}

fn from_row(r: &Row) -> Result<Submission, StoreError> {
    Ok(Submission {
        id: SubmissionId(r.try_get(0)?),
        status: status(r.try_get(1)?),
        content: serde_json::from_str(r.try_get(2)?).unwrap_or_default(),
        about: record_at(r, 3)?,
        lang: r.try_get(4)?,
        email_confirmed: r.try_get(5)?,
        assigned: user_at(r, 6)?,
        person: record_at(r, 7)?,
        story: record_at(r, 8)?,
        consent: r.try_get::<_, Option<i64>>(9)?.map(ConsentId),
        decline_reason: r
            .try_get::<_, Option<&str>>(10)?
            .and_then(DeclineReason::from_code),
        decline_note: r.try_get(11)?,
        created_at: parse_at(r.try_get(12)?),
        sent_at: r.try_get::<_, Option<&str>>(13)?.map(parse_at),
        updated_at: parse_at(r.try_get(14)?),
    })
}

fn dimension(r: &Row, i: usize) -> Result<Option<u32>, StoreError> {
    Ok(r.try_get::<_, Option<i64>>(i)?
        .and_then(|n| u32::try_from(n).ok()))
}

fn file_from_row(r: &Row) -> Result<SubmissionFile, StoreError> {
    Ok(SubmissionFile {
        id: SubmissionFileId(r.try_get(0)?),
        submission_id: SubmissionId(r.try_get(1)?),
        sha256: r.try_get(2)?,
        mime: r.try_get(3)?,
        width: dimension(r, 4)?,
        height: dimension(r, 5)?,
        caption: r.try_get(6)?,
        date: r.try_get(7)?,
        late: r.try_get(8)?,
        added_at: parse_at(r.try_get(9)?),
    })
}

fn event_from_row(r: &Row) -> Result<Event, StoreError> {
    Ok(Event {
        id: r.try_get(0)?,
        submission_id: SubmissionId(r.try_get(1)?),
        kind: EventKind::from_code(r.try_get(2)?).unwrap_or(EventKind::Note),
        status: r.try_get::<_, Option<&str>>(3)?.map(status),
        user_id: user_at(r, 4)?,
        by: r.try_get(5)?,
        body: r.try_get(6)?,
        at: parse_at(r.try_get(7)?),
    })
}

/// The submission, its row locked until the caller's transaction ends.
fn locked(c: &mut impl GenericClient, id: i64) -> Result<Submission, StoreError> {
    c.row(
        &format!("SELECT {COLUMNS} FROM submissions WHERE id = $1 FOR UPDATE"),
        &params![id],
    )?
    .map(|r| from_row(&r))
    .transpose()?
    .ok_or_else(|| StoreError::not_found(format!("рассказ №{id}")))
}

fn event(
    c: &mut impl GenericClient,
    id: i64,
    kind: EventKind,
    status: Option<Status>,
    by: &Moderator,
    body: &str,
    at: Timestamp,
) -> Result<i64, StoreError> {
    let (user, name) = match by {
        Some((user, name)) => (Some(user.0), name.as_str()),
        None => (None, ""),
    };
    let row = c
        .query_one(
            "INSERT INTO submission_events (submission_id, kind, status, user_id, by_name, body, at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            &[
                &id,
                &kind.code(),
                &status.map(Status::code),
                &user,
                &name,
                &body,
                &at_text(at),
            ],
        )
        .map_err(or_missing("модератор"))?;
    Ok(row.try_get(0)?)
}

/// Moves within an open transaction, checking the pipeline.
fn move_in(
    c: &mut impl GenericClient,
    id: i64,
    to: Status,
    by: &Moderator,
    note: &str,
    at: Timestamp,
) -> Result<(), StoreError> {
    let from = locked(c, id)?.status;
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
    c.run(
        "UPDATE submissions SET status = $2, updated_at = $3 WHERE id = $1",
        &params![id, to.code(), at_text(at)],
    )?;
    event(c, id, EventKind::Moved, Some(to), by, note, at)?;
    Ok(())
}

/// Publishes within the transaction of [`Op::PublishSubmission`](crate::Op::PublishSubmission):
/// the status check and the move happen in the same transaction as the records they point at,
/// so of two moderators publishing one story, the second finds it published and fails, and
/// everything their `apply` wrote rolls back with it.
pub(super) fn publish_in(
    c: &mut impl GenericClient,
    id: SubmissionId,
    person: RecordId,
    story: RecordId,
    consent: ConsentId,
    by: &Moderator,
    at: Timestamp,
) -> Result<(), StoreError> {
    move_in(c, id.0, Status::Published, by, "", at)?;
    c.try_run(
        "UPDATE submissions SET person_id = $2, story_id = $3, consent_id = $4 WHERE id = $1",
        &params![id, person, story, consent],
    )
    .map_err(or_missing("запись"))?;
    Ok(())
}

/// Of these hashes, those no submission holds any more.
fn orphans(c: &mut impl GenericClient, hashes: Vec<String>) -> Result<Vec<String>, StoreError> {
    let mut out = Vec::new();
    for sha in hashes {
        let held: bool = c.one(
            "SELECT EXISTS (SELECT 1 FROM submission_files WHERE sha256 = $1)",
            &params![sha.as_str()],
        )?;
        if !held && !out.contains(&sha) {
            out.push(sha);
        }
    }
    Ok(out)
}

impl Contributions for PgStore {
    fn start(&self, new: NewSubmission, at: Timestamp) -> Result<SubmissionId, StoreError> {
        crate::postgres::off_runtime(|| {
            let content = serde_json::to_string(&Contribution::default())?;
            let row = self
                .conn()?
                .query_one(
                    "INSERT INTO submissions (token_hash, status, content, about_id, lang, origin,
                     created_at, updated_at)
                 VALUES ($1, 'draft', $2, $3, $4, $5, $6, $6) RETURNING id",
                    &[
                        &new.token_hash,
                        &content,
                        &new.about.map(|r| r.0),
                        &new.lang,
                        &new.origin,
                        &at_text(at),
                    ],
                )
                .map_err(or_missing("запись"))?;
            Ok(SubmissionId(row.try_get(0)?))
        })
    }

    fn submission(&self, id: SubmissionId) -> Result<Option<Submission>, StoreError> {
        crate::postgres::off_runtime(|| {
            self.conn()?
                .row(
                    &format!("SELECT {COLUMNS} FROM submissions WHERE id = $1"),
                    &params![id],
                )?
                .map(|r| from_row(&r))
                .transpose()
        })
    }

    fn by_token(&self, token_hash: &str) -> Result<Option<Submission>, StoreError> {
        crate::postgres::off_runtime(|| {
            self.conn()?
                .row(
                    &format!(
                        "SELECT {COLUMNS} FROM submissions WHERE token_hash = $1
                     OR id = (SELECT submission_id FROM submission_links WHERE token_hash = $1)"
                    ),
                    &params![token_hash],
                )?
                .map(|r| from_row(&r))
                .transpose()
        })
    }

    fn add_link(
        &self,
        id: SubmissionId,
        token_hash: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            self.conn()?
                .try_run(
                    "INSERT INTO submission_links (token_hash, submission_id, created_at)
                 VALUES ($1, $2, $3)",
                    &params![token_hash, id, at_text(at)],
                )
                .map_err(or_missing("рассказ"))?;
            Ok(())
        })
    }

    fn save(
        &self,
        id: SubmissionId,
        content: &Contribution,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let mut tx = conn.transaction()?;
            if locked(&mut tx, id.0)?.status == Status::Withdrawn {
                return Err(Invalid::one("status", "Рассказ отозван: изменить его нельзя.").into());
            }
            tx.run(
            "UPDATE submissions SET content = $2, email_key = $3, updated_at = $4 WHERE id = $1",
            &params![
                id,
                serde_json::to_string(content)?,
                content.contributor.email.trim().to_lowercase(),
                at_text(at)
            ],
        )?;
            tx.commit()?;
            Ok(())
        })
    }

    fn add_file(
        &self,
        id: SubmissionId,
        file: NewFile,
        late: bool,
        at: Timestamp,
    ) -> Result<SubmissionFileId, StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let mut tx = conn.transaction()?;
            // Locked, so two files added at once are counted one after the other.
            if locked(&mut tx, id.0)?.status == Status::Withdrawn {
                return Err(Invalid::one("file", "Рассказ отозван: добавить файлы нельзя.").into());
            }
            let count: i64 = tx.one(
                "SELECT count(*) FROM submission_files WHERE submission_id = $1",
                &params![id],
            )?;
            if usize::try_from(count).unwrap_or(usize::MAX) >= MAX_FILES {
                return Err(Invalid::one(
                    "file",
                    format!("К одному рассказу можно приложить не больше {MAX_FILES} файлов."),
                )
                .into());
            }
            let file_id: i64 = tx.one(
                "INSERT INTO submission_files (submission_id, sha256, mime, width, height, caption,
                 date, late, added_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                &params![
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
            tx.run(
                "UPDATE submissions SET updated_at = $2 WHERE id = $1",
                &params![id, at_text(at)],
            )?;
            tx.commit()?;
            Ok(SubmissionFileId(file_id))
        })
    }

    fn describe_file(
        &self,
        id: SubmissionId,
        file_id: SubmissionFileId,
        caption: &str,
        date: &str,
    ) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            let n = self.conn()?.run(
                "UPDATE submission_files SET caption = $3, date = $4
             WHERE id = $2 AND submission_id = $1",
                &params![id, file_id, caption, date],
            )?;
            if n == 0 {
                return Err(StoreError::not_found(format!("файл №{file_id}")));
            }
            Ok(())
        })
    }

    fn remove_file(
        &self,
        id: SubmissionId,
        file_id: SubmissionFileId,
    ) -> Result<Option<String>, StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let mut tx = conn.transaction()?;
            let sha: Option<String> = tx
                .row(
                    "DELETE FROM submission_files WHERE id = $2 AND submission_id = $1
                 RETURNING sha256",
                    &params![id, file_id],
                )?
                .map(|r| r.try_get(0))
                .transpose()?;
            let Some(sha) = sha else {
                return Err(StoreError::not_found(format!("файл №{file_id}")));
            };
            let orphan = orphans(&mut tx, vec![sha])?.pop();
            tx.commit()?;
            Ok(orphan)
        })
    }

    fn files(&self, id: SubmissionId) -> Result<Vec<SubmissionFile>, StoreError> {
        crate::postgres::off_runtime(|| {
            self.conn()?
                .rows(
                    &format!(
                        "SELECT {FILE_COLUMNS} FROM submission_files WHERE submission_id = $1
                     ORDER BY id"
                    ),
                    &params![id],
                )?
                .iter()
                .map(file_from_row)
                .collect()
        })
    }

    fn send(&self, id: SubmissionId, confirm_hash: &str, at: Timestamp) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let mut tx = conn.transaction()?;
            move_in(&mut tx, id.0, Status::Received, &None, "", at)?;
            tx.run(
                "UPDATE submissions SET confirm_hash = $2, sent_at = $3 WHERE id = $1",
                &params![id, confirm_hash, at_text(at)],
            )?;
            tx.commit()?;
            Ok(())
        })
    }

    fn confirm_email(
        &self,
        confirm_hash: &str,
        at: Timestamp,
    ) -> Result<Option<SubmissionId>, StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let mut tx = conn.transaction()?;
            let found = tx.row(
                "SELECT id, email_confirmed_at IS NOT NULL FROM submissions
             WHERE confirm_hash = $1 AND status <> 'withdrawn' FOR UPDATE",
                &params![confirm_hash],
            )?;
            let Some(found) = found else {
                return Ok(None);
            };
            let (id, already): (i64, bool) = (found.try_get(0)?, found.try_get(1)?);
            if !already {
                tx.run(
                    "UPDATE submissions SET email_confirmed_at = $2, updated_at = $2 WHERE id = $1",
                    &params![id, at_text(at)],
                )?;
                event(&mut tx, id, EventKind::Confirmed, None, &None, "", at)?;
            }
            tx.commit()?;
            Ok(Some(SubmissionId(id)))
        })
    }

    fn move_to(
        &self,
        id: SubmissionId,
        to: Status,
        by: &Moderator,
        note: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let mut tx = conn.transaction()?;
            move_in(&mut tx, id.0, to, by, note, at)?;
            tx.commit()?;
            Ok(())
        })
    }

    fn decline(
        &self,
        id: SubmissionId,
        reason: DeclineReason,
        note: &str,
        by: &Moderator,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let mut tx = conn.transaction()?;
            move_in(&mut tx, id.0, Status::Declined, by, note, at)?;
            tx.run(
                "UPDATE submissions SET decline_reason = $2, decline_note = $3 WHERE id = $1",
                &params![id, reason.code(), note],
            )?;
            tx.commit()?;
            Ok(())
        })
    }

    fn assign(
        &self,
        id: SubmissionId,
        to: Option<UserId>,
        by: &Moderator,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let mut tx = conn.transaction()?;
            locked(&mut tx, id.0)?;
            tx.try_run(
                "UPDATE submissions SET assigned_to = $2, updated_at = $3 WHERE id = $1",
                &params![id, to, at_text(at)],
            )
            .map_err(or_missing("модератор"))?;
            let body = to.map(|u| u.to_string()).unwrap_or_default();
            event(&mut tx, id.0, EventKind::Assigned, None, by, &body, at)?;
            tx.commit()?;
            Ok(())
        })
    }

    fn add_event(
        &self,
        id: SubmissionId,
        kind: EventKind,
        by: &Moderator,
        body: &str,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let mut tx = conn.transaction()?;
            locked(&mut tx, id.0)?;
            let event_id = event(&mut tx, id.0, kind, None, by, body, at)?;
            tx.run(
                "UPDATE submissions SET updated_at = $2 WHERE id = $1",
                &params![id, at_text(at)],
            )?;
            tx.commit()?;
            Ok(event_id)
        })
    }

    fn events(&self, id: SubmissionId) -> Result<Vec<Event>, StoreError> {
        crate::postgres::off_runtime(|| {
            self.conn()?
                .rows(
                    &format!(
                        "SELECT {EVENT_COLUMNS} FROM submission_events WHERE submission_id = $1
                     ORDER BY id"
                    ),
                    &params![id],
                )?
                .iter()
                .map(event_from_row)
                .collect()
        })
    }

    fn queue(&self, filter: &QueueFilter) -> Result<Vec<Submission>, StoreError> {
        crate::postgres::off_runtime(|| {
            let statuses = filter.listed_statuses();
            if statuses.is_empty() {
                return Ok(Vec::new());
            }
            let marks: Vec<String> = (1..=statuses.len()).map(|i| format!("${i}")).collect();
            let mut sql = format!(
                "SELECT {COLUMNS} FROM submissions WHERE status IN ({})",
                marks.join(", ")
            );
            let mut args: Vec<Value> = statuses
                .iter()
                .map(|s| Value::Text(s.code().into()))
                .collect();
            match filter.assigned {
                None => {}
                Some(None) => sql.push_str(" AND assigned_to IS NULL"),
                Some(Some(user)) => {
                    args.push(Value::Int(user.0));
                    sql.push_str(&format!(" AND assigned_to = ${}", args.len()));
                }
            }
            match filter.confirmed {
                None => {}
                Some(true) => sql.push_str(" AND email_confirmed_at IS NOT NULL"),
                Some(false) => sql.push_str(" AND email_confirmed_at IS NULL"),
            }
            // Unsent first, as SQLite sorts NULL.
            sql.push_str(" ORDER BY sent_at NULLS FIRST, id");
            let limit = filter.listed_at_most();
            let mut out = Vec::new();
            for row in self.conn()?.rows(&sql, &args)? {
                let s = from_row(&row)?;
                if !filter.text_matches(&s) {
                    continue;
                }
                out.push(s);
                if out.len() >= limit {
                    break;
                }
            }
            Ok(out)
        })
    }

    fn started_from(&self, origin: &str, since: Timestamp) -> Result<u64, StoreError> {
        crate::postgres::off_runtime(|| {
            let n: i64 = self.conn()?.one(
                "SELECT count(*) FROM submissions WHERE origin = $1 AND created_at >= $2",
                &params![origin, at_text(since)],
            )?;
            Ok(u64::try_from(n).unwrap_or(0))
        })
    }

    fn pose_question(&self, key_hash: &str, answer: u32, at: Timestamp) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let hour_ago = at.as_microsecond() - 3_600_000_000;
            conn.run(
                "DELETE FROM check_questions WHERE asked_at < $1",
                &params![hour_ago],
            )?;
            conn.run(
                "INSERT INTO check_questions (key_hash, answer, asked_at) VALUES ($1, $2, $3)
             ON CONFLICT (key_hash) DO UPDATE SET answer = excluded.answer,
                 asked_at = excluded.asked_at",
                &params![key_hash, answer, at.as_microsecond()],
            )?;
            Ok(())
        })
    }

    fn take_question(&self, key_hash: &str, since: Timestamp) -> Result<Option<u32>, StoreError> {
        crate::postgres::off_runtime(|| {
            let row = self.conn()?.row(
            "DELETE FROM check_questions WHERE key_hash = $1 AND asked_at >= $2 RETURNING answer",
            &params![key_hash, since.as_microsecond()],
        )?;
            row.map(|r| {
                let answer: i64 = r.try_get(0)?;
                u32::try_from(answer)
                    .map_err(|_| StoreError::Backend(format!("stored answer {answer}")))
            })
            .transpose()
        })
    }

    fn sent_by(&self, email: &str, since: Timestamp) -> Result<u64, StoreError> {
        crate::postgres::off_runtime(|| {
            let n: i64 = self.conn()?.one(
                "SELECT count(*) FROM submissions WHERE email_key = $1 AND sent_at >= $2",
                &params![email.trim().to_lowercase(), at_text(since)],
            )?;
            Ok(u64::try_from(n).unwrap_or(0))
        })
    }

    fn purge_drafts(&self, untouched_since: Timestamp) -> Result<Vec<String>, StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let mut tx = conn.transaction()?;
            let hashes: Vec<String> = tx.column(
                "SELECT f.sha256 FROM submission_files f JOIN submissions s
               ON s.id = f.submission_id
             WHERE s.status = 'draft' AND s.updated_at < $1",
                &params![at_text(untouched_since)],
            )?;
            tx.run(
                "DELETE FROM submissions WHERE status = 'draft' AND updated_at < $1",
                &params![at_text(untouched_since)],
            )?;
            let out = orphans(&mut tx, hashes)?;
            tx.commit()?;
            Ok(out)
        })
    }

    fn erase(&self, id: SubmissionId, at: Timestamp) -> Result<Vec<String>, StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let mut tx = conn.transaction()?;
            let current = locked(&mut tx, id.0)?.status;
            if current != Status::Withdrawn {
                move_in(&mut tx, id.0, Status::Withdrawn, &None, "", at)?;
            }
            let hashes: Vec<String> = tx.column(
                "DELETE FROM submission_files WHERE submission_id = $1 RETURNING sha256",
                &params![id],
            )?;
            tx.run(
            "UPDATE submissions SET content = $2, email_key = '', updated_at = $3 WHERE id = $1",
            &params![
                id,
                serde_json::to_string(&Contribution::default())?,
                at_text(at)
            ],
        )?;
            // The conversation quoted the family; its words go, its shape (who, when) stays.
            tx.run(
                "UPDATE submission_events SET body = '' WHERE submission_id = $1
               AND kind IN ('question', 'answer', 'note', 'files', 'moved')",
                &params![id],
            )?;
            let out = orphans(&mut tx, hashes)?;
            tx.commit()?;
            Ok(out)
        })
    }
}
