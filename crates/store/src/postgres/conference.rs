//! The conference: its call, papers, reviews, programme and proceedings (`sqlite/conference.rs`
//! in PostgreSQL's dialect); the `Accounts` implementation calls these.

use super::PgStore;
use super::accounts::parse_at;
use super::value::{Sql, params};
use crate::StoreError;
use crate::conference::{PaperEvent, PaperFile, PaperReview, StoredConference, StoredPaper};
use jiff::Timestamp;
use jiff::civil::{Date, Time};
use letopis_core::conference::{Conference, Paper, PaperStatus, Recommendation, Slot};
use letopis_core::{RecordId, UserId};
use postgres::{GenericClient, Row};

const PAPER_COLUMNS: &str = "id, conference, status, body, file_sha256, file_name, file_size, \
     slot_day, slot_start, slot_end, item, created_at, confirmed_at, decided_at";

fn paper_from_row(r: &Row) -> Result<StoredPaper, StoreError> {
    let status: &str = r.try_get(2)?;
    let day: Option<&str> = r.try_get(7)?;
    let start: Option<&str> = r.try_get(8)?;
    let end: Option<&str> = r.try_get(9)?;
    let slot = match (day, start, end) {
        (Some(d), Some(s), Some(e)) => {
            match (d.parse::<Date>(), s.parse::<Time>(), e.parse::<Time>()) {
                (Ok(day), Ok(start), Ok(end)) => Some(Slot { day, start, end }),
                _ => None,
            }
        }
        _ => None,
    };
    let at = |i: usize| -> Result<Option<Timestamp>, StoreError> {
        Ok(r.try_get::<_, Option<&str>>(i)?.map(parse_at))
    };
    Ok(StoredPaper {
        id: r.try_get(0)?,
        conference: r.try_get(1)?,
        status: PaperStatus::from_code(status).unwrap_or_default(),
        paper: serde_json::from_str(r.try_get(3)?)?,
        file: PaperFile {
            sha256: r.try_get(4)?,
            name: r.try_get(5)?,
            size: r.try_get::<_, i64>(6)?.max(0) as u64,
        },
        slot,
        item: r.try_get::<_, Option<i64>>(10)?.map(RecordId),
        created_at: parse_at(r.try_get(11)?),
        confirmed_at: at(12)?,
        decided_at: at(13)?,
    })
}

fn not_found(id: i64) -> StoreError {
    StoreError::not_found(format!("доклад № {id}"))
}

/// One line of the paper's log, in the caller's transaction.
fn log(
    c: &mut impl GenericClient,
    paper: i64,
    kind: &str,
    by: &str,
    body: &str,
    at: Timestamp,
) -> Result<(), StoreError> {
    c.run(
        "INSERT INTO paper_events (paper, kind, by_name, body, at) VALUES ($1, $2, $3, $4, $5)",
        &params![paper, kind, by, body, at.to_string()],
    )?;
    Ok(())
}

/// The paper's status, its row locked until the caller's transaction ends: a decision and a
/// review of the same paper from two nodes take turns.
fn status_of(c: &mut impl GenericClient, paper: i64) -> Result<PaperStatus, StoreError> {
    let code: Option<String> = c
        .row(
            "SELECT status FROM papers WHERE id = $1 FOR UPDATE",
            &params![paper],
        )?
        .map(|r| r.try_get(0))
        .transpose()?;
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

impl PgStore {
    pub(super) fn upsert_conference(
        &self,
        conference: &Conference,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        conference.validate()?;
        let starts = conference.starts.map(|d| d.to_string()).unwrap_or_default();
        let body = serde_json::to_string(conference)?;
        self.conn()?.one(
            "INSERT INTO conferences (slug, starts, body, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $4)
             ON CONFLICT (slug) DO UPDATE SET starts = excluded.starts, body = excluded.body,
                 updated_at = excluded.updated_at
             RETURNING id",
            &params![conference.slug.as_str(), starts, body, at.to_string()],
        )
    }

    pub(super) fn latest_conference(&self) -> Result<Option<StoredConference>, StoreError> {
        let row = self.conn()?.row(
            "SELECT id, body FROM conferences ORDER BY starts DESC, id DESC LIMIT 1",
            &[],
        )?;
        row.map(|r| {
            Ok(StoredConference {
                id: r.try_get(0)?,
                conference: serde_json::from_str(r.try_get(1)?)?,
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
        let mut conn = self.conn()?;
        let mut tx = conn.transaction()?;
        let id: i64 = tx.one(
            "INSERT INTO papers (conference, status, body, confirm_hash, file_sha256, file_name,
                                 file_size, created_at, updated_at)
             VALUES ($1, 'unconfirmed', $2, $3, $4, $5, $6, $7, $7) RETURNING id",
            &params![
                conference,
                body,
                confirm_hash,
                file.sha256.as_str(),
                file.name.as_str(),
                i64::try_from(file.size).unwrap_or(i64::MAX),
                at.to_string()
            ],
        )?;
        log(&mut tx, id, "submitted", &paper.byline(), "", at)?;
        tx.commit()?;
        Ok(id)
    }

    pub(super) fn confirm_paper_by_hash(
        &self,
        confirm_hash: &str,
        at: Timestamp,
    ) -> Result<Option<i64>, StoreError> {
        let mut conn = self.conn()?;
        let mut tx = conn.transaction()?;
        let id: Option<i64> = tx
            .row(
                "UPDATE papers SET status = 'submitted', confirm_hash = NULL, confirmed_at = $2,
                        updated_at = $2
                 WHERE confirm_hash = $1 AND status = 'unconfirmed' RETURNING id",
                &params![confirm_hash, at.to_string()],
            )?
            .map(|r| r.try_get(0))
            .transpose()?;
        if let Some(id) = id {
            log(&mut tx, id, "confirmed", "", "", at)?;
        }
        tx.commit()?;
        Ok(id)
    }

    pub(super) fn paper_by_id(&self, id: i64) -> Result<Option<StoredPaper>, StoreError> {
        self.conn()?
            .row(
                &format!("SELECT {PAPER_COLUMNS} FROM papers WHERE id = $1"),
                &params![id],
            )?
            .map(|r| paper_from_row(&r))
            .transpose()
    }

    pub(super) fn papers_of(&self, conference: i64) -> Result<Vec<StoredPaper>, StoreError> {
        self.conn()?
            .rows(
                &format!("SELECT {PAPER_COLUMNS} FROM papers WHERE conference = $1 ORDER BY id"),
                &params![conference],
            )?
            .iter()
            .map(paper_from_row)
            .collect()
    }

    pub(super) fn assign_reviewer_to_paper(
        &self,
        paper: i64,
        reviewer: UserId,
        by: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut conn = self.conn()?;
        let mut tx = conn.transaction()?;
        if !status_of(&mut tx, paper)?.is_open() {
            return Err(refuse(
                "Решение по докладу уже принято: рецензентов не назначить.",
            ));
        }
        let name: Option<String> = tx
            .row(
                "SELECT display_name FROM users WHERE id = $1",
                &params![reviewer],
            )?
            .map(|r| r.try_get(0))
            .transpose()?;
        let Some(name) = name else {
            return Err(StoreError::not_found(format!(
                "пользователь № {}",
                reviewer.0
            )));
        };
        let added = tx.run(
            "INSERT INTO paper_reviews (paper, reviewer, assigned_at) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
            &params![paper, reviewer, at.to_string()],
        )?;
        if added > 0 {
            tx.run(
                "UPDATE papers SET status = 'in_review', updated_at = $2 WHERE id = $1",
                &params![paper, at.to_string()],
            )?;
            log(&mut tx, paper, "assigned", by, &name, at)?;
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
        let mut conn = self.conn()?;
        let mut tx = conn.transaction()?;
        if !status_of(&mut tx, paper)?.is_open() {
            return Err(refuse("Решение по докладу уже принято: рецензия не нужна."));
        }
        let changed = tx.run(
            "UPDATE paper_reviews SET score = $3, recommendation = $4, comment = $5,
                 reviewed_at = $6
             WHERE paper = $1 AND reviewer = $2",
            &params![
                paper,
                reviewer,
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
            &mut tx,
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
        let rows = self.conn()?.rows(
            "SELECT r.reviewer, u.display_name, r.score, r.recommendation, r.comment,
                    r.assigned_at, r.reviewed_at
             FROM paper_reviews r JOIN users u ON u.id = r.reviewer
             WHERE r.paper = $1 ORDER BY r.assigned_at, r.reviewer",
            &params![paper],
        )?;
        rows.iter()
            .map(|r| {
                Ok(PaperReview {
                    reviewer: UserId(r.try_get(0)?),
                    reviewer_name: r.try_get(1)?,
                    score: r.try_get::<_, Option<i64>>(2)?.map(|s| s.clamp(1, 5) as u8),
                    recommendation: r
                        .try_get::<_, Option<&str>>(3)?
                        .and_then(Recommendation::from_code),
                    comment: r.try_get(4)?,
                    assigned_at: parse_at(r.try_get(5)?),
                    reviewed_at: r.try_get::<_, Option<&str>>(6)?.map(parse_at),
                })
            })
            .collect()
    }

    pub(super) fn decide(
        &self,
        paper: i64,
        accept: bool,
        letter: &str,
        by: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut conn = self.conn()?;
        let mut tx = conn.transaction()?;
        if !status_of(&mut tx, paper)?.is_open() {
            return Err(refuse("Решение по докладу уже принято."));
        }
        let (status, kind) = if accept {
            ("accepted", "accepted")
        } else {
            ("declined", "declined")
        };
        tx.run(
            "UPDATE papers SET status = $2, decided_at = $3, updated_at = $3 WHERE id = $1",
            &params![paper, status, at.to_string()],
        )?;
        log(&mut tx, paper, kind, by, "", at)?;
        log(&mut tx, paper, "letter", by, letter, at)?;
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
        let mut conn = self.conn()?;
        let mut tx = conn.transaction()?;
        if status_of(&mut tx, paper)? != PaperStatus::Accepted {
            return Err(refuse("В программу ставится только принятый доклад."));
        }
        let text = |f: fn(&Slot) -> String| slot.as_ref().map(f);
        tx.run(
            "UPDATE papers SET slot_day = $2, slot_start = $3, slot_end = $4, updated_at = $5
             WHERE id = $1",
            &params![
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
        log(&mut tx, paper, "scheduled", by, &body, at)?;
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
        let mut conn = self.conn()?;
        let mut tx = conn.transaction()?;
        if status_of(&mut tx, paper)? != PaperStatus::Accepted {
            return Err(refuse("В сборник трудов входит только принятый доклад."));
        }
        tx.run(
            "UPDATE papers SET item = $2, updated_at = $3 WHERE id = $1",
            &params![paper, item, at.to_string()],
        )?;
        log(&mut tx, paper, "published", by, &item.0.to_string(), at)?;
        tx.commit()?;
        Ok(())
    }

    pub(super) fn events_of(&self, paper: i64) -> Result<Vec<PaperEvent>, StoreError> {
        let rows = self.conn()?.rows(
            "SELECT kind, by_name, body, at FROM paper_events WHERE paper = $1 ORDER BY id",
            &params![paper],
        )?;
        rows.iter()
            .map(|r| {
                Ok(PaperEvent {
                    kind: r.try_get(0)?,
                    by_name: r.try_get(1)?,
                    body: r.try_get(2)?,
                    at: parse_at(r.try_get(3)?),
                })
            })
            .collect()
    }

    /// Deletes the papers never confirmed since `before`; returns the hashes of their files
    /// no other paper holds, for the caller to remove.
    pub(super) fn erase_unconfirmed(&self, before: Timestamp) -> Result<Vec<String>, StoreError> {
        let mut conn = self.conn()?;
        let mut tx = conn.transaction()?;
        let mut hashes: Vec<String> = tx.column(
            "DELETE FROM papers WHERE status = 'unconfirmed' AND created_at < $1
             RETURNING file_sha256",
            &params![before.to_string()],
        )?;
        hashes.sort();
        hashes.dedup();
        let mut orphans = Vec::new();
        for h in hashes {
            let held = tx
                .row(
                    "SELECT 1 FROM papers WHERE file_sha256 = $1 LIMIT 1",
                    &params![h.as_str()],
                )?
                .is_some();
            if !held {
                orphans.push(h);
            }
        }
        tx.commit()?;
        Ok(orphans)
    }
}
