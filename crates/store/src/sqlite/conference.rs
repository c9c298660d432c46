//! The conference in SQLite (`0020_conference.sql`); the `Accounts` implementation calls these.

use super::SqliteStore;
use super::accounts::parse_at;
use crate::StoreError;
use crate::conference::{PaperEvent, PaperFile, PaperReview, StoredConference, StoredPaper};
use jiff::Timestamp;
use jiff::civil::{Date, Time};
use letopis_core::conference::{Conference, Paper, PaperStatus, Recommendation, Slot};
use letopis_core::{RecordId, UserId};
use rusqlite::{Connection, OptionalExtension, Row, params};

const PAPER_COLUMNS: &str = "id, conference, status, body, file_sha256, file_name, file_size, \
     slot_day, slot_start, slot_end, item, created_at, confirmed_at, decided_at";

fn paper_from_row(r: &Row<'_>) -> rusqlite::Result<(StoredPaper, String)> {
    let status: String = r.get(2)?;
    let day: Option<String> = r.get(7)?;
    let start: Option<String> = r.get(8)?;
    let end: Option<String> = r.get(9)?;
    let slot = match (day, start, end) {
        (Some(d), Some(s), Some(e)) => {
            match (d.parse::<Date>(), s.parse::<Time>(), e.parse::<Time>()) {
                (Ok(day), Ok(start), Ok(end)) => Some(Slot { day, start, end }),
                _ => None,
            }
        }
        _ => None,
    };
    let at = |i: usize| -> rusqlite::Result<Option<Timestamp>> {
        Ok(r.get::<_, Option<String>>(i)?.map(|t| parse_at(&t)))
    };
    Ok((
        StoredPaper {
            id: r.get(0)?,
            conference: r.get(1)?,
            status: PaperStatus::from_code(&status).unwrap_or_default(),
            paper: Paper::default(),
            file: PaperFile {
                sha256: r.get(4)?,
                name: r.get(5)?,
                size: r.get::<_, i64>(6)?.max(0) as u64,
            },
            slot,
            item: r.get::<_, Option<i64>>(10)?.map(RecordId),
            created_at: parse_at(&r.get::<_, String>(11)?),
            confirmed_at: at(12)?,
            decided_at: at(13)?,
        },
        r.get(3)?,
    ))
}

fn with_body((mut stored, body): (StoredPaper, String)) -> Result<StoredPaper, StoreError> {
    stored.paper = serde_json::from_str(&body)?;
    Ok(stored)
}

fn not_found(id: i64) -> StoreError {
    StoreError::not_found(format!("доклад № {id}"))
}

fn log(
    conn: &Connection,
    paper: i64,
    kind: &str,
    by: &str,
    body: &str,
    at: Timestamp,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO paper_events (paper, kind, by_name, body, at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![paper, kind, by, body, at.to_string()],
    )?;
    Ok(())
}

fn status_of(conn: &Connection, paper: i64) -> Result<PaperStatus, StoreError> {
    let code: Option<String> = conn
        .query_row("SELECT status FROM papers WHERE id = ?1", [paper], |r| {
            r.get(0)
        })
        .optional()?;
    code.and_then(|c| PaperStatus::from_code(&c))
        .ok_or_else(|| not_found(paper))
}

fn refuse(message: &str) -> StoreError {
    let mut c = letopis_core::validation::Checker::new();
    c.problem("status", message);
    match c.finish() {
        Err(invalid) => StoreError::Invalid(invalid),
        Ok(()) => StoreError::Backend(message.into()),
    }
}

impl SqliteStore {
    pub(super) fn upsert_conference(
        &self,
        conference: &Conference,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        conference.validate()?;
        let starts = conference.starts.map(|d| d.to_string()).unwrap_or_default();
        let body = serde_json::to_string(conference)?;
        let conn = self.writer();
        conn.execute(
            "INSERT INTO conferences (slug, starts, body, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?4)
             ON CONFLICT (slug) DO UPDATE SET starts = ?2, body = ?3, updated_at = ?4",
            params![conference.slug, starts, body, at.to_string()],
        )?;
        Ok(conn.query_row(
            "SELECT id FROM conferences WHERE slug = ?1",
            [&conference.slug],
            |r| r.get(0),
        )?)
    }

    pub(super) fn latest_conference(&self) -> Result<Option<StoredConference>, StoreError> {
        let conn = self.reader()?;
        let row: Option<(i64, String)> = conn
            .query_row(
                "SELECT id, body FROM conferences ORDER BY starts DESC, id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        row.map(|(id, body)| {
            Ok(StoredConference {
                id,
                conference: serde_json::from_str(&body)?,
            })
        })
        .transpose()
    }

    pub(super) fn insert_paper(
        &self,
        conference: i64,
        paper: &Paper,
        file: &PaperFile,
        confirm_hash: &str,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        let body = serde_json::to_string(paper)?;
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        tx.execute(
            "INSERT INTO papers (conference, status, body, confirm_hash, file_sha256, file_name,
                                 file_size, created_at, updated_at)
             VALUES (?1, 'unconfirmed', ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![
                conference,
                body,
                confirm_hash,
                file.sha256,
                file.name,
                file.size as i64,
                at.to_string()
            ],
        )?;
        let id = tx.last_insert_rowid();
        log(&tx, id, "submitted", &paper.byline(), "", at)?;
        tx.commit()?;
        Ok(id)
    }

    pub(super) fn confirm_paper_by_hash(
        &self,
        confirm_hash: &str,
        at: Timestamp,
    ) -> Result<Option<i64>, StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let id: Option<i64> = tx
            .query_row(
                "UPDATE papers SET status = 'submitted', confirm_hash = NULL, confirmed_at = ?2,
                        updated_at = ?2
                 WHERE confirm_hash = ?1 AND status = 'unconfirmed' RETURNING id",
                params![confirm_hash, at.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = id {
            log(&tx, id, "confirmed", "", "", at)?;
        }
        tx.commit()?;
        Ok(id)
    }

    pub(super) fn paper_by_id(&self, id: i64) -> Result<Option<StoredPaper>, StoreError> {
        let conn = self.reader()?;
        conn.query_row(
            &format!("SELECT {PAPER_COLUMNS} FROM papers WHERE id = ?1"),
            [id],
            paper_from_row,
        )
        .optional()?
        .map(with_body)
        .transpose()
    }

    pub(super) fn papers_of(&self, conference: i64) -> Result<Vec<StoredPaper>, StoreError> {
        let conn = self.reader()?;
        let mut statement = conn.prepare(&format!(
            "SELECT {PAPER_COLUMNS} FROM papers WHERE conference = ?1 ORDER BY id"
        ))?;
        let rows = statement
            .query_map([conference], paper_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter().map(with_body).collect()
    }

    pub(super) fn assign_reviewer_to_paper(
        &self,
        paper: i64,
        reviewer: UserId,
        by: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        if !status_of(&tx, paper)?.is_open() {
            return Err(refuse(
                "Решение по докладу уже принято: рецензентов не назначить.",
            ));
        }
        let name: Option<String> = tx
            .query_row(
                "SELECT display_name FROM users WHERE id = ?1",
                [reviewer.0],
                |r| r.get(0),
            )
            .optional()?;
        let Some(name) = name else {
            return Err(StoreError::not_found(format!(
                "пользователь № {}",
                reviewer.0
            )));
        };
        let added = tx.execute(
            "INSERT OR IGNORE INTO paper_reviews (paper, reviewer, assigned_at) VALUES (?1, ?2, ?3)",
            params![paper, reviewer.0, at.to_string()],
        )?;
        if added > 0 {
            tx.execute(
                "UPDATE papers SET status = 'in_review', updated_at = ?2 WHERE id = ?1",
                params![paper, at.to_string()],
            )?;
            log(&tx, paper, "assigned", by, &name, at)?;
        }
        tx.commit()?;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn write_review(
        &self,
        paper: i64,
        reviewer: UserId,
        score: u8,
        recommendation: Recommendation,
        comment: &str,
        by: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        if !letopis_core::conference::SCORES.contains(&score) {
            return Err(refuse("Оценка — от 1 до 5."));
        }
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        if !status_of(&tx, paper)?.is_open() {
            return Err(refuse("Решение по докладу уже принято: рецензия не нужна."));
        }
        let changed = tx.execute(
            "UPDATE paper_reviews SET score = ?3, recommendation = ?4, comment = ?5, reviewed_at = ?6
             WHERE paper = ?1 AND reviewer = ?2",
            params![
                paper,
                reviewer.0,
                score,
                recommendation.code(),
                comment,
                at.to_string()
            ],
        )?;
        if changed == 0 {
            return Err(refuse("Этот доклад вам не назначен на рецензию."));
        }
        log(
            &tx,
            paper,
            "reviewed",
            by,
            &format!("{score}; {}", recommendation.code()),
            at,
        )?;
        tx.commit()?;
        Ok(())
    }

    pub(super) fn reviews_of(&self, paper: i64) -> Result<Vec<PaperReview>, StoreError> {
        let conn = self.reader()?;
        let mut statement = conn.prepare(
            "SELECT r.reviewer, u.display_name, r.score, r.recommendation, r.comment,
                    r.assigned_at, r.reviewed_at
             FROM paper_reviews r JOIN users u ON u.id = r.reviewer
             WHERE r.paper = ?1 ORDER BY r.assigned_at, r.reviewer",
        )?;
        let rows = statement.query_map([paper], |r| {
            Ok(PaperReview {
                reviewer: UserId(r.get(0)?),
                reviewer_name: r.get(1)?,
                score: r.get::<_, Option<i64>>(2)?.map(|s| s.clamp(1, 5) as u8),
                recommendation: r
                    .get::<_, Option<String>>(3)?
                    .and_then(|c| Recommendation::from_code(&c)),
                comment: r.get(4)?,
                assigned_at: parse_at(&r.get::<_, String>(5)?),
                reviewed_at: r.get::<_, Option<String>>(6)?.map(|t| parse_at(&t)),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub(super) fn decide(
        &self,
        paper: i64,
        accept: bool,
        letter: &str,
        by: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        if !status_of(&tx, paper)?.is_open() {
            return Err(refuse("Решение по докладу уже принято."));
        }
        let (status, kind) = if accept {
            ("accepted", "accepted")
        } else {
            ("declined", "declined")
        };
        tx.execute(
            "UPDATE papers SET status = ?2, decided_at = ?3, updated_at = ?3 WHERE id = ?1",
            params![paper, status, at.to_string()],
        )?;
        log(&tx, paper, kind, by, "", at)?;
        log(&tx, paper, "letter", by, letter, at)?;
        tx.commit()?;
        Ok(())
    }

    pub(super) fn set_slot(
        &self,
        paper: i64,
        slot: Option<Slot>,
        by: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        if status_of(&tx, paper)? != PaperStatus::Accepted {
            return Err(refuse("В программу ставится только принятый доклад."));
        }
        let text = |f: fn(&Slot) -> String| slot.as_ref().map(f);
        tx.execute(
            "UPDATE papers SET slot_day = ?2, slot_start = ?3, slot_end = ?4, updated_at = ?5
             WHERE id = ?1",
            params![
                paper,
                text(|s| s.day.to_string()),
                text(|s| s.start.to_string()),
                text(|s| s.end.to_string()),
                at.to_string()
            ],
        )?;
        let body = slot
            .map(|s| format!("{} {}", s.day, s.times()))
            .unwrap_or_default();
        log(&tx, paper, "scheduled", by, &body, at)?;
        tx.commit()?;
        Ok(())
    }

    pub(super) fn set_paper_item(
        &self,
        paper: i64,
        item: RecordId,
        by: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        if status_of(&tx, paper)? != PaperStatus::Accepted {
            return Err(refuse("В сборник трудов входит только принятый доклад."));
        }
        tx.execute(
            "UPDATE papers SET item = ?2, updated_at = ?3 WHERE id = ?1",
            params![paper, item.0, at.to_string()],
        )?;
        log(&tx, paper, "published", by, &item.0.to_string(), at)?;
        tx.commit()?;
        Ok(())
    }

    pub(super) fn events_of(&self, paper: i64) -> Result<Vec<PaperEvent>, StoreError> {
        let conn = self.reader()?;
        let mut statement = conn.prepare(
            "SELECT kind, by_name, body, at FROM paper_events WHERE paper = ?1 ORDER BY id",
        )?;
        let rows = statement.query_map([paper], |r| {
            Ok(PaperEvent {
                kind: r.get(0)?,
                by_name: r.get(1)?,
                body: r.get(2)?,
                at: parse_at(&r.get::<_, String>(3)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Erases papers never confirmed and sent before `before`; returns their files' hashes
    /// (the caller removes the blobs nothing else uses).
    pub(super) fn erase_unconfirmed(&self, before: Timestamp) -> Result<Vec<String>, StoreError> {
        let conn = self.writer();
        let mut statement = conn.prepare(
            "DELETE FROM papers WHERE status = 'unconfirmed' AND created_at < ?1
             RETURNING file_sha256",
        )?;
        let rows = statement.query_map([before.to_string()], |r| r.get(0))?;
        let mut hashes = rows.collect::<rusqlite::Result<Vec<String>>>()?;
        drop(statement);
        // A file another paper also sent stays.
        hashes.sort();
        hashes.dedup();
        let mut still = conn.prepare("SELECT 1 FROM papers WHERE file_sha256 = ?1 LIMIT 1")?;
        let mut orphans = Vec::new();
        for h in hashes {
            if !still.exists([&h])? {
                orphans.push(h);
            }
        }
        Ok(orphans)
    }
}
