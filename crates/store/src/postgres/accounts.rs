//! The PostgreSQL engine's side of [`Accounts`]: accounts, sessions, groups, review, audit,
//! roadmap — `sqlite/accounts.rs`'s statements in PostgreSQL's dialect. Small writes, each one
//! statement or a short transaction; none touches the change feed, so none takes the writers'
//! lock.

use super::PgStore;
use super::read::gate_sql;
use super::value::{Sql, Value, params};
use crate::accounts::{
    Accounts, Activity, AuditEntry, Comment, Excursion, ExcursionCounts, ExcursionStatus, Group,
    Member, NewActivity, NewAudit, NewExcursion, NewUser, QuarterCounts, Report, Session,
    StudioQuery, TokenPurpose, User, Work,
};
use crate::lessons::{ClassLink, StoredKit};
use crate::venues::{StoredVenue, StoredVenueActivity, VenueQuarter};
use crate::{Page, StoreError};
use jiff::Timestamp;
use letopis_core::access::ViewerFilter;
use letopis_core::account::{Email, Role, Roles};
use letopis_core::district::{Venue, VenueActivity};
use letopis_core::lesson::{Kit, KitState};
use letopis_core::names::normalize;
use letopis_core::{ActivityId, GroupId, UserId};
use letopis_core::{Kind, RecordId};
use postgres::error::SqlState;
use postgres::{GenericClient, Row};

const USER_COLUMNS: &str =
    "u.id, u.email, u.display_name, u.password_hash IS NOT NULL, u.disabled, u.locked_until";

pub(super) use crate::columns::{now_text, parse_at};

/// An optional id column.
pub(super) fn user_at(row: &Row, i: usize) -> Result<Option<UserId>, StoreError> {
    Ok(row.try_get::<_, Option<i64>>(i)?.map(UserId))
}

fn user_from_row(c: &mut impl GenericClient, row: &Row) -> Result<User, StoreError> {
    let id: i64 = row.try_get(0)?;
    let email: String = row.try_get(1)?;
    Ok(User {
        id: UserId(id),
        email: Email::from_stored(email),
        display_name: row.try_get(2)?,
        has_password: row.try_get(3)?,
        disabled: row.try_get(4)?,
        locked_until: row.try_get(5)?,
        roles: roles_of(c, id)?,
        groups: groups_of(c, id)?,
    })
}

fn roles_of(c: &mut impl GenericClient, id: i64) -> Result<Roles, StoreError> {
    let codes: Vec<String> = c.column(
        "SELECT role FROM user_roles WHERE user_id = $1",
        &params![id],
    )?;
    Ok(Roles::new(
        codes.iter().filter_map(|c| Role::from_code(c)).collect(),
    ))
}

fn groups_of(c: &mut impl GenericClient, id: i64) -> Result<Vec<GroupId>, StoreError> {
    let ids: Vec<i64> = c.column(
        "SELECT group_id FROM group_members WHERE user_id = $1 ORDER BY 1",
        &params![id],
    )?;
    Ok(ids.into_iter().map(GroupId).collect())
}

fn find_user(
    c: &mut impl GenericClient,
    clause: &str,
    value: Value,
) -> Result<Option<User>, StoreError> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE {clause}");
    match c.row(&sql, &[value])? {
        Some(row) => Ok(Some(user_from_row(c, &row)?)),
        None => Ok(None),
    }
}

/// A write that refers to a person, group, record or activity that is not there: `NotFound`,
/// as in every engine, instead of the database's constraint message.
pub(super) fn or_missing(what: &'static str) -> impl FnOnce(postgres::Error) -> StoreError {
    move |e| {
        if e.code() == Some(&SqlState::FOREIGN_KEY_VIOLATION) {
            StoreError::not_found(what)
        } else {
            e.into()
        }
    }
}

/// An update of one person's row that found no row.
fn one_user(changed: u64, id: i64) -> Result<(), StoreError> {
    if changed == 0 {
        return Err(StoreError::not_found(format!("участник №{id}")));
    }
    Ok(())
}

fn record_ids(
    c: &mut impl GenericClient,
    sql: &str,
    params: &[Value],
) -> Result<Vec<RecordId>, StoreError> {
    let ids: Vec<i64> = c.column(sql, params)?;
    Ok(ids.into_iter().map(RecordId).collect())
}

/// `%text%` for LIKE, with LIKE's own wildcards in the text taken literally.
fn like_pattern(text: &str) -> String {
    let mut p = String::from("%");
    for c in normalize(text).chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

fn split_directions(stored: &str) -> Vec<String> {
    stored
        .split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_string)
        .collect()
}

impl Accounts for PgStore {
    fn create_user(
        &self,
        new: &NewUser,
        password_hash: Option<&str>,
    ) -> Result<UserId, StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let mut tx = conn.transaction()?;
            let inserted = tx.query_opt(
                "INSERT INTO users (email, display_name, password_hash, created_at)
             VALUES ($1, $2, $3, $4) RETURNING id",
                &[
                    &new.email.as_str(),
                    &new.display_name.trim(),
                    &password_hash,
                    &now_text(),
                ],
            );
            if let Err(e) = &inserted
                && e.code() == Some(&SqlState::UNIQUE_VIOLATION)
            {
                return Err(StoreError::Duplicate {
                    message: format!("Пользователь с адресом {} уже есть.", new.email),
                });
            }
            let id: i64 = inserted?
                .ok_or_else(|| StoreError::Backend("no id for a new user".into()))?
                .try_get(0)?;
            for role in &new.roles {
                tx.run(
                    "INSERT INTO user_roles (user_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                    &params![id, role.code()],
                )?;
            }
            tx.commit()?;
            Ok(UserId(id))
        })
    }

    fn user(&self, id: UserId) -> Result<Option<User>, StoreError> {
        crate::postgres::off_runtime(|| {
            find_user(&mut *self.conn()?, "u.id = $1", Value::Int(id.0))
        })
    }

    fn user_by_email(&self, email: &Email) -> Result<Option<User>, StoreError> {
        crate::postgres::off_runtime(|| {
            find_user(
                &mut *self.conn()?,
                "u.email = $1",
                Value::Text(email.as_str().into()),
            )
        })
    }

    fn password_hash(&self, id: UserId) -> Result<Option<String>, StoreError> {
        crate::postgres::off_runtime(|| {
            match self.conn()?.row(
                "SELECT password_hash FROM users WHERE id = $1",
                &params![id],
            )? {
                Some(row) => Ok(row.try_get(0)?),
                None => Ok(None),
            }
        })
    }

    fn users(&self) -> Result<Vec<User>, StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let sql = format!("SELECT {USER_COLUMNS} FROM users u ORDER BY u.display_name, u.id");
            let rows = conn.rows(&sql, &[])?;
            rows.iter()
                .map(|row| user_from_row(&mut *conn, row))
                .collect()
        })
    }

    fn set_password(&self, id: UserId, hash: &str) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            let changed = self.conn()?.run(
                "UPDATE users SET password_hash = $2, failed_sign_ins = 0, locked_until = NULL
             WHERE id = $1",
                &params![id, hash],
            )?;
            one_user(changed, id.0)
        })
    }

    fn set_roles(&self, id: UserId, roles: &[Role]) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let mut tx = conn.transaction()?;
            let exists: bool = tx.one(
                "SELECT EXISTS (SELECT 1 FROM users WHERE id = $1)",
                &params![id],
            )?;
            one_user(u64::from(exists), id.0)?;
            tx.run("DELETE FROM user_roles WHERE user_id = $1", &params![id])?;
            for role in roles {
                tx.run(
                    "INSERT INTO user_roles (user_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                    &params![id, role.code()],
                )?;
            }
            tx.commit()?;
            Ok(())
        })
    }

    fn sign_in_failed(&self, id: UserId) -> Result<u32, StoreError> {
        crate::postgres::off_runtime(|| {
            let row = self.conn()?.row(
                "UPDATE users SET failed_sign_ins = failed_sign_ins + 1 WHERE id = $1
             RETURNING failed_sign_ins",
                &params![id],
            )?;
            let row = row.ok_or_else(|| StoreError::not_found(format!("участник №{id}")))?;
            let n: i64 = row.try_get(0)?;
            Ok(u32::try_from(n).unwrap_or(u32::MAX))
        })
    }

    fn lock_until(&self, id: UserId, until: i64) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            let changed = self.conn()?.run(
                "UPDATE users SET locked_until = $2, failed_sign_ins = 0 WHERE id = $1",
                &params![id, until],
            )?;
            one_user(changed, id.0)
        })
    }

    fn sign_in_succeeded(&self, id: UserId) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            let changed = self.conn()?.run(
                "UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = $1",
                &params![id],
            )?;
            one_user(changed, id.0)
        })
    }

    fn note_attempt(&self, scope: &str, key: &str, at: Timestamp) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            self.conn()?.run(
                "INSERT INTO attempts (scope, key, at) VALUES ($1, $2, $3)",
                &params![scope, key, micros(at)],
            )?;
            Ok(())
        })
    }

    fn attempts_since(&self, scope: &str, key: &str, since: Timestamp) -> Result<u64, StoreError> {
        crate::postgres::off_runtime(|| {
            let n: i64 = self.conn()?.one(
                "SELECT count(*) FROM attempts WHERE scope = $1 AND key = $2 AND at >= $3",
                &params![scope, key, micros(since)],
            )?;
            Ok(u64::try_from(n).unwrap_or(0))
        })
    }

    fn forget_attempts(&self, scope: &str, before: Timestamp) -> Result<u64, StoreError> {
        crate::postgres::off_runtime(|| {
            self.conn()?.run(
                "DELETE FROM attempts WHERE scope = $1 AND at < $2",
                &params![scope, micros(before)],
            )
        })
    }

    fn create_session(
        &self,
        token_hash: &str,
        user_id: UserId,
        csrf: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            // Expired sessions are cleared as new ones start, so the table stays small on its own.
            conn.run("DELETE FROM sessions WHERE expires_at <= $1", &params![now])?;
            conn.try_run(
                "INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5)",
                &params![token_hash, user_id, csrf, now, expires_at],
            )
            .map_err(or_missing("участник, для которого начинается сеанс"))?;
            Ok(())
        })
    }

    fn session(&self, token_hash: &str, now: i64) -> Result<Option<Session>, StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let Some(row) = conn.row(
                "SELECT user_id, csrf, expires_at FROM sessions
             WHERE token_hash = $1 AND expires_at > $2",
                &params![token_hash, now],
            )?
            else {
                return Ok(None);
            };
            let (user_id, csrf, expires_at): (i64, String, i64) =
                (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
            let user = find_user(&mut *conn, "u.id = $1", Value::Int(user_id))?;
            Ok(user.filter(|u| !u.disabled).map(|user| Session {
                user,
                csrf,
                expires_at,
            }))
        })
    }

    fn end_session(&self, token_hash: &str) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            self.conn()?.run(
                "DELETE FROM sessions WHERE token_hash = $1",
                &params![token_hash],
            )?;
            Ok(())
        })
    }

    fn end_sessions_of(&self, user_id: UserId) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            self.conn()?
                .run("DELETE FROM sessions WHERE user_id = $1", &params![user_id])?;
            Ok(())
        })
    }

    fn create_token(
        &self,
        token_hash: &str,
        user_id: UserId,
        purpose: TokenPurpose,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            self.conn()?
                .try_run(
                    "INSERT INTO one_time_tokens (token_hash, user_id, purpose, expires_at)
                 VALUES ($1, $2, $3, $4)",
                    &params![token_hash, user_id, purpose.code(), expires_at],
                )
                .map_err(or_missing("участник, для которого создаётся ссылка"))?;
            Ok(())
        })
    }

    fn take_token(
        &self,
        token_hash: &str,
        purpose: TokenPurpose,
        now: i64,
    ) -> Result<Option<UserId>, StoreError> {
        crate::postgres::off_runtime(|| {
            // One statement: two requests racing with the same link cannot both use it (the
            // second waits for the first's row lock, then finds the link used).
            let row = self.conn()?.row(
                "UPDATE one_time_tokens SET used_at = $3
             WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
             RETURNING user_id",
                &params![token_hash, purpose.code(), now],
            )?;
            row.map(|r| Ok(UserId(r.try_get(0)?))).transpose()
        })
    }

    fn peek_token(
        &self,
        token_hash: &str,
        purpose: TokenPurpose,
        now: i64,
    ) -> Result<Option<UserId>, StoreError> {
        crate::postgres::off_runtime(|| {
            let row = self.conn()?.row(
                "SELECT user_id FROM one_time_tokens
             WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
                &params![token_hash, purpose.code(), now],
            )?;
            row.map(|r| Ok(UserId(r.try_get(0)?))).transpose()
        })
    }

    fn audit(&self, e: NewAudit) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            self.conn()?.run(
                "INSERT INTO audit_log (at, actor_user, actor, action, subject, detail, ip)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
                &params![
                    now_text(),
                    e.actor_user,
                    e.actor,
                    e.action,
                    e.subject,
                    e.detail,
                    e.ip
                ],
            )?;
            Ok(())
        })
    }

    fn audit_log(&self, offset: u64, limit: u64) -> Result<Page<AuditEntry>, StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let total: i64 = conn.one("SELECT count(*) FROM audit_log", &[])?;
            let rows = conn.rows(
                "SELECT id, at, actor_user, actor, action, subject, detail, ip FROM audit_log
             ORDER BY id DESC LIMIT $1 OFFSET $2",
                &params![count(limit), count(offset)],
            )?;
            let items = rows
                .iter()
                .map(|r| {
                    Ok(AuditEntry {
                        id: r.try_get(0)?,
                        at: parse_at(r.try_get(1)?),
                        actor_user: user_at(r, 2)?,
                        actor: r.try_get(3)?,
                        action: r.try_get(4)?,
                        subject: r.try_get(5)?,
                        detail: r.try_get(6)?,
                        ip: r.try_get(7)?,
                    })
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
            Ok(Page {
                items,
                total: u64::try_from(total).unwrap_or(0),
            })
        })
    }

    fn groups(&self) -> Result<Vec<Group>, StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let rows = conn.rows(
                "SELECT id, name, direction FROM working_groups ORDER BY id",
                &[],
            )?;
            let mut groups = rows
                .iter()
                .map(|r| {
                    Ok(Group {
                        id: GroupId(r.try_get(0)?),
                        name: r.try_get(1)?,
                        direction: r.try_get(2)?,
                        members: Vec::new(),
                    })
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
            for g in &mut groups {
                let rows = conn.rows(
                    "SELECT m.user_id, u.display_name, m.responsible FROM group_members m
                 JOIN users u ON u.id = m.user_id WHERE m.group_id = $1
                 ORDER BY m.responsible DESC, u.display_name",
                    &params![g.id],
                )?;
                g.members = rows
                    .iter()
                    .map(|r| {
                        Ok(Member {
                            user_id: UserId(r.try_get(0)?),
                            display_name: r.try_get(1)?,
                            responsible: r.try_get(2)?,
                        })
                    })
                    .collect::<Result<Vec<_>, StoreError>>()?;
            }
            Ok(groups)
        })
    }

    fn create_group(&self, name: &str, direction: &str) -> Result<GroupId, StoreError> {
        crate::postgres::off_runtime(|| {
            let id: i64 = self.conn()?.one(
                "INSERT INTO working_groups (name, direction, created_at) VALUES ($1, $2, $3)
             RETURNING id",
                &params![name.trim(), direction, now_text()],
            )?;
            Ok(GroupId(id))
        })
    }

    fn set_member(
        &self,
        group_id: GroupId,
        user_id: UserId,
        responsible: bool,
    ) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            self.conn()?
                .try_run(
                    "INSERT INTO group_members (group_id, user_id, responsible) VALUES ($1, $2, $3)
                 ON CONFLICT (group_id, user_id) DO UPDATE SET responsible = excluded.responsible",
                    &params![group_id, user_id, responsible],
                )
                .map_err(or_missing("рабочая группа или участник"))?;
            Ok(())
        })
    }

    fn remove_member(&self, group_id: GroupId, user_id: UserId) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            self.conn()?.run(
                "DELETE FROM group_members WHERE group_id = $1 AND user_id = $2",
                &params![group_id, user_id],
            )?;
            Ok(())
        })
    }

    fn comments(&self, record: RecordId) -> Result<Vec<Comment>, StoreError> {
        crate::postgres::off_runtime(|| {
            let rows = self.conn()?.rows(
                "SELECT id, record_id, author_user, author, at, body FROM review_comments
             WHERE record_id = $1 ORDER BY id",
                &params![record],
            )?;
            rows.iter()
                .map(|r| {
                    Ok(Comment {
                        id: r.try_get(0)?,
                        record_id: RecordId(r.try_get(1)?),
                        author_user: user_at(r, 2)?,
                        author: r.try_get(3)?,
                        at: parse_at(r.try_get(4)?),
                        body: r.try_get(5)?,
                    })
                })
                .collect()
        })
    }

    fn add_comment(
        &self,
        record: RecordId,
        author_user: UserId,
        author: &str,
        body: &str,
    ) -> Result<i64, StoreError> {
        crate::postgres::off_runtime(|| {
            let row = self
                .conn()?
                .query_one(
                    "INSERT INTO review_comments (record_id, author_user, author, at, body)
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
                    &[&record.0, &author_user.0, &author, &now_text(), &body],
                )
                .map_err(or_missing("запись, к которой пишется замечание"))?;
            Ok(row.try_get(0)?)
        })
    }

    fn assign_reviewer(
        &self,
        record: RecordId,
        reviewer: Option<UserId>,
        by: UserId,
    ) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            match reviewer {
                Some(reviewer) => conn
                    .try_run(
                        "INSERT INTO review_assignments (record_id, reviewer, assigned_by, at)
                     VALUES ($1, $2, $3, $4)
                     ON CONFLICT (record_id) DO UPDATE SET reviewer = excluded.reviewer,
                       assigned_by = excluded.assigned_by, at = excluded.at",
                        &params![record, reviewer, by, now_text()],
                    )
                    .map_err(or_missing("запись или проверяющий"))?,
                None => conn.run(
                    "DELETE FROM review_assignments WHERE record_id = $1",
                    &params![record],
                )?,
            };
            Ok(())
        })
    }

    fn reviewer(&self, record: RecordId) -> Result<Option<UserId>, StoreError> {
        crate::postgres::off_runtime(|| {
            let row = self.conn()?.row(
                "SELECT reviewer FROM review_assignments WHERE record_id = $1",
                &params![record],
            )?;
            row.map(|r| Ok(UserId(r.try_get(0)?))).transpose()
        })
    }

    fn work_of(&self, user_id: UserId, who: &ViewerFilter) -> Result<Work, StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let key = format!("user:{user_id}");
            let mut list = |condition: &str| -> Result<Vec<RecordId>, StoreError> {
                let mut params = vec![Value::Text(key.clone()), Value::Int(user_id.0)];
                let mut sql = format!("SELECT r.id FROM records r WHERE {condition}");
                gate_sql(who, "r", &mut sql, &mut params);
                sql.push_str(" ORDER BY r.updated_at DESC LIMIT 50");
                record_ids(&mut *conn, &sql, &params)
            };
            Ok(Work {
                drafts: list(
                    "r.workflow = 'draft' AND (r.submitted_by IS NULL OR r.submitted_by <> $1)
                 AND EXISTS (SELECT 1 FROM revisions v WHERE v.subject_type = 'record'
                             AND v.subject_id = r.id AND v.actor_user = $2
                             AND v.action NOT LIKE 'workflow:%')",
                )?,
                // `$2` is named so both lists bind the same parameters; its type must be spelled.
                returned: list(
                    "r.workflow = 'draft' AND r.submitted_by = $1 AND $2::bigint = $2::bigint",
                )?,
                to_review: list(
                    "r.workflow = 'in_review' AND (r.submitted_by IS NULL OR r.submitted_by <> $1)
                 AND NOT EXISTS (SELECT 1 FROM review_assignments a
                                 WHERE a.record_id = r.id AND a.reviewer <> $2)",
                )?,
            })
        })
    }

    fn studio_list(
        &self,
        query: &StudioQuery,
        who: &ViewerFilter,
    ) -> Result<Page<RecordId>, StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let mut params = vec![Value::Text(query.kind.code().into())];
            let mut filter = String::from(" WHERE r.kind = $1");
            if let Some(wf) = query.workflow {
                params.push(Value::Text(wf.code().into()));
                filter.push_str(&format!(" AND r.workflow = ${}", params.len()));
            }
            if let Some(text) = query.text.as_deref().filter(|t| !t.trim().is_empty()) {
                params.push(Value::Text(like_pattern(text)));
                filter.push_str(&format!(
                    " AND r.sort_key LIKE ${} ESCAPE '\\'",
                    params.len()
                ));
            }
            gate_sql(who, "r", &mut filter, &mut params);
            let mut tx = super::begin_read(&mut conn)?;
            let total: i64 = tx.one(&format!("SELECT count(*) FROM records r{filter}"), &params)?;
            let sql = format!(
                "SELECT r.id FROM records r{filter} ORDER BY r.updated_at DESC, r.id DESC
             LIMIT {} OFFSET {}",
                query.limit.min(500),
                query.offset.min(i64::MAX as u64)
            );
            let items = record_ids(&mut tx, &sql, &params)?;
            tx.commit()?;
            Ok(Page {
                items,
                total: u64::try_from(total).unwrap_or(0),
            })
        })
    }

    fn suggest(
        &self,
        text: &str,
        kinds: &[Kind],
        limit: u64,
        who: &ViewerFilter,
    ) -> Result<Vec<RecordId>, StoreError> {
        crate::postgres::off_runtime(|| {
            let mut params = vec![Value::Text(like_pattern(text))];
            let kinds: Vec<String> = kinds.iter().map(|k| format!("'{}'", k.code())).collect();
            let mut sql =
                "SELECT r.id FROM records r WHERE r.sort_key LIKE $1 ESCAPE '\\'".to_string();
            if !kinds.is_empty() {
                // Kind codes are fixed identifiers from `Kind::code`, never user text.
                sql.push_str(&format!(" AND r.kind IN ({})", kinds.join(",")));
            }
            gate_sql(who, "r", &mut sql, &mut params);
            sql.push_str(&format!(
                " ORDER BY length(r.sort_key), r.sort_key LIMIT {}",
                limit.min(50)
            ));
            record_ids(&mut *self.conn()?, &sql, &params)
        })
    }

    fn council_counts(&self) -> Result<Vec<QuarterCounts>, StoreError> {
        crate::postgres::off_runtime(|| self.quarter_counts(true))
    }

    fn council_totals(&self) -> Result<Vec<QuarterCounts>, StoreError> {
        crate::postgres::off_runtime(|| self.quarter_counts(false))
    }

    fn activities(&self) -> Result<Vec<Activity>, StoreError> {
        crate::postgres::off_runtime(|| {
            let rows = self.conn()?.rows(
                "SELECT id, number, title, period, departments, directions FROM roadmap_activities
             ORDER BY number",
                &[],
            )?;
            rows.iter()
                .map(|r| {
                    let directions: String = r.try_get(5)?;
                    Ok(Activity {
                        id: ActivityId(r.try_get(0)?),
                        number: r.try_get(1)?,
                        title: r.try_get(2)?,
                        period: r.try_get(3)?,
                        departments: r.try_get(4)?,
                        directions: split_directions(&directions),
                    })
                })
                .collect()
        })
    }

    fn seed_activities(&self, activities: &[NewActivity]) -> Result<usize, StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let mut tx = conn.transaction()?;
            let existing: i64 = tx.one("SELECT count(*) FROM roadmap_activities", &[])?;
            if existing > 0 {
                return Ok(0);
            }
            for a in activities {
                tx.run(
                "INSERT INTO roadmap_activities (number, title, period, departments, directions)
                 VALUES ($1, $2, $3, $4, $5)",
                &params![
                    a.number,
                    a.title.as_str(),
                    a.period.as_str(),
                    a.departments.as_str(),
                    a.directions.join(",")
                ],
            )?;
            }
            tx.commit()?;
            Ok(activities.len())
        })
    }

    fn set_activity_directions(
        &self,
        id: ActivityId,
        directions: &[String],
    ) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            let changed = self.conn()?.run(
                "UPDATE roadmap_activities SET directions = $2 WHERE id = $1",
                &params![id, directions.join(",")],
            )?;
            if changed == 0 {
                return Err(StoreError::not_found(format!("мероприятие №{id}")));
            }
            Ok(())
        })
    }

    fn reports(&self) -> Result<Vec<Report>, StoreError> {
        crate::postgres::off_runtime(|| {
            let rows = self.conn()?.rows(
                "SELECT id, activity_id, quarter, author, at, body FROM roadmap_reports
             ORDER BY quarter DESC, id DESC",
                &[],
            )?;
            rows.iter()
                .map(|r| {
                    Ok(Report {
                        id: r.try_get(0)?,
                        activity_id: ActivityId(r.try_get(1)?),
                        quarter: r.try_get(2)?,
                        author: r.try_get(3)?,
                        at: parse_at(r.try_get(4)?),
                        body: r.try_get(5)?,
                    })
                })
                .collect()
        })
    }

    fn request_excursion(&self, new: &NewExcursion, at: Timestamp) -> Result<i64, StoreError> {
        crate::postgres::off_runtime(|| self.insert_excursion(new, at))
    }

    fn excursions(&self) -> Result<Vec<Excursion>, StoreError> {
        crate::postgres::off_runtime(|| self.all_excursions())
    }

    fn decide_excursion(
        &self,
        id: i64,
        status: ExcursionStatus,
        visit_on: Option<jiff::civil::Date>,
        by: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| self.set_excursion(id, status, visit_on, by, at))
    }

    fn erase_past_excursions(
        &self,
        before: jiff::civil::Date,
        at: Timestamp,
    ) -> Result<u64, StoreError> {
        crate::postgres::off_runtime(|| self.erase_excursions_before(before, at))
    }

    fn excursion_counts(&self) -> Result<Vec<ExcursionCounts>, StoreError> {
        crate::postgres::off_runtime(|| self.count_excursions())
    }

    fn plan_excursion(
        &self,
        id: i64,
        tour: Option<i64>,
        lesson: Option<i64>,
    ) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| self.set_excursion_plan(id, tour, lesson))
    }

    fn create_kit(&self, owner: UserId, kit: &Kit, at: Timestamp) -> Result<StoredKit, StoreError> {
        crate::postgres::off_runtime(|| self.insert_kit(owner, kit, at))
    }

    fn kit(&self, id: i64) -> Result<Option<StoredKit>, StoreError> {
        crate::postgres::off_runtime(|| self.one_kit("k.id = $1", Value::Int(id)))
    }

    fn kit_by_slug(&self, slug: &str) -> Result<Option<StoredKit>, StoreError> {
        crate::postgres::off_runtime(|| self.one_kit("k.slug = $1", Value::Text(slug.into())))
    }

    fn save_kit(
        &self,
        id: i64,
        kit: &Kit,
        state: KitState,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| self.update_kit(id, kit, state, at))
    }

    fn set_kit_state(
        &self,
        id: i64,
        state: KitState,
        note: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| self.update_kit_state(id, state, note, at))
    }

    fn kits_of(&self, owner: UserId) -> Result<Vec<StoredKit>, StoreError> {
        crate::postgres::off_runtime(|| self.kits_where("k.owner = $1", vec![Value::Int(owner.0)]))
    }

    fn kits_in(&self, states: &[KitState]) -> Result<Vec<StoredKit>, StoreError> {
        crate::postgres::off_runtime(|| self.kits_with_states(states))
    }

    fn delete_kit(&self, id: i64) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| self.remove_kit(id))
    }

    fn create_class_link(&self, link: &ClassLink) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| self.insert_class_link(link))
    }

    fn class_link(&self, code: &str) -> Result<Option<ClassLink>, StoreError> {
        crate::postgres::off_runtime(|| self.class_link_by_code(code))
    }

    fn class_links_of(&self, kit: i64) -> Result<Vec<ClassLink>, StoreError> {
        crate::postgres::off_runtime(|| self.class_links_of_kit(kit))
    }

    fn end_class_link(&self, code: &str, last_day: jiff::civil::Date) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| self.close_class_link(code, last_day))
    }

    fn add_publication(
        &self,
        by: UserId,
        publication: &letopis_core::media_plan::Publication,
        at: Timestamp,
    ) -> Result<crate::media_plan::StoredPublication, StoreError> {
        crate::postgres::off_runtime(|| self.insert_publication(by, publication, at))
    }

    fn publication(
        &self,
        id: i64,
    ) -> Result<Option<crate::media_plan::StoredPublication>, StoreError> {
        crate::postgres::off_runtime(|| self.publication_by_id(id))
    }

    fn save_publication(
        &self,
        id: i64,
        publication: &letopis_core::media_plan::Publication,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| self.update_publication(id, publication, at))
    }

    fn publications_between(
        &self,
        from: jiff::civil::Date,
        to: jiff::civil::Date,
    ) -> Result<Vec<crate::media_plan::StoredPublication>, StoreError> {
        crate::postgres::off_runtime(|| self.publications_from_to(from, to))
    }

    fn delete_publication(&self, id: i64) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            self.conn()?
                .run("DELETE FROM media_plan WHERE id = $1", &params![id])?;
            Ok(())
        })
    }

    fn record_fixity_audit(&self, audit: &crate::fixity::FixityAudit) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| self.insert_fixity_audit(audit))
    }

    fn fixity_audits(&self, limit: u32) -> Result<Vec<crate::fixity::FixityAudit>, StoreError> {
        crate::postgres::off_runtime(|| self.read_fixity_audits(limit))
    }

    fn hold_lease(
        &self,
        job: &str,
        holder: &str,
        now: Timestamp,
        until: Timestamp,
    ) -> Result<bool, StoreError> {
        crate::postgres::off_runtime(|| self.take_lease(job, holder, now, until))
    }

    fn save_conference(
        &self,
        conference: &letopis_core::conference::Conference,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        crate::postgres::off_runtime(|| self.upsert_conference(conference, at))
    }

    fn current_conference(
        &self,
    ) -> Result<Option<crate::conference::StoredConference>, StoreError> {
        crate::postgres::off_runtime(|| self.latest_conference())
    }

    fn submit_paper(
        &self,
        conference: i64,
        paper: &letopis_core::conference::Paper,
        file: &crate::conference::PaperFile,
        confirm_hash: &str,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        crate::postgres::off_runtime(|| {
            self.insert_paper(conference, paper, file, confirm_hash, at)
        })
    }

    fn confirm_paper(&self, confirm_hash: &str, at: Timestamp) -> Result<Option<i64>, StoreError> {
        crate::postgres::off_runtime(|| self.confirm_paper_by_hash(confirm_hash, at))
    }

    fn paper(&self, id: i64) -> Result<Option<crate::conference::StoredPaper>, StoreError> {
        crate::postgres::off_runtime(|| self.paper_by_id(id))
    }

    fn papers(&self, conference: i64) -> Result<Vec<crate::conference::StoredPaper>, StoreError> {
        crate::postgres::off_runtime(|| self.papers_of(conference))
    }

    fn assign_paper_reviewer(
        &self,
        paper: i64,
        reviewer: UserId,
        by: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| self.assign_reviewer_to_paper(paper, reviewer, by, at))
    }

    fn review_paper(
        &self,
        paper: i64,
        reviewer: UserId,
        score: u8,
        recommendation: letopis_core::conference::Recommendation,
        comment: &str,
        by: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            self.write_review(paper, reviewer, score, recommendation, comment, by, at)
        })
    }

    fn paper_reviews(&self, paper: i64) -> Result<Vec<crate::conference::PaperReview>, StoreError> {
        crate::postgres::off_runtime(|| self.reviews_of(paper))
    }

    fn decide_paper(
        &self,
        paper: i64,
        accept: bool,
        letter: &str,
        by: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| self.decide(paper, accept, letter, by, at))
    }

    fn schedule_paper(
        &self,
        paper: i64,
        slot: Option<letopis_core::conference::Slot>,
        by: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| self.set_slot(paper, slot, by, at))
    }

    fn paper_published(
        &self,
        paper: i64,
        item: letopis_core::RecordId,
        by: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| self.set_paper_item(paper, item, by, at))
    }

    fn paper_log(&self, paper: i64) -> Result<Vec<crate::conference::PaperEvent>, StoreError> {
        crate::postgres::off_runtime(|| self.events_of(paper))
    }

    fn erase_unconfirmed_papers(&self, before: Timestamp) -> Result<Vec<String>, StoreError> {
        crate::postgres::off_runtime(|| self.erase_unconfirmed(before))
    }

    fn activity_progress(
        &self,
    ) -> Result<Vec<(ActivityId, letopis_core::progress::Progress)>, StoreError> {
        crate::postgres::off_runtime(|| {
            let rows = self.conn()?.rows(
                "SELECT activity_id, body FROM activity_progress ORDER BY activity_id",
                &[],
            )?;
            rows.iter()
                .map(|r| {
                    let body: String = r.try_get(1)?;
                    Ok((ActivityId(r.try_get(0)?), serde_json::from_str(&body)?))
                })
                .collect()
        })
    }

    fn set_activity_progress(
        &self,
        id: ActivityId,
        progress: &letopis_core::progress::Progress,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            progress.validate()?;
            let mut conn = self.conn()?;
            let known = conn
                .row(
                    "SELECT id FROM roadmap_activities WHERE id = $1",
                    &params![id],
                )?
                .is_some();
            if !known {
                return Err(StoreError::NotFound {
                    what: format!("мероприятие № {}", id.0),
                });
            }
            conn.run(
                "INSERT INTO activity_progress (activity_id, body, updated_at) VALUES ($1, $2, $3)
             ON CONFLICT (activity_id) DO UPDATE SET body = excluded.body,
                 updated_at = excluded.updated_at",
                &params![id, serde_json::to_string(progress)?, at.to_string()],
            )?;
            Ok(())
        })
    }

    fn create_venue(&self, venue: &Venue, at: Timestamp) -> Result<i64, StoreError> {
        crate::postgres::off_runtime(|| self.insert_venue(venue, at))
    }

    fn venue(&self, id: i64) -> Result<Option<StoredVenue>, StoreError> {
        crate::postgres::off_runtime(|| self.venue_by_id(id))
    }

    fn venues(&self) -> Result<Vec<StoredVenue>, StoreError> {
        crate::postgres::off_runtime(|| self.all_venues())
    }

    fn save_venue(&self, id: i64, venue: &Venue, at: Timestamp) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| self.update_venue(id, venue, at))
    }

    fn delete_venue(&self, id: i64) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| self.remove_venue(id))
    }

    fn add_venue_activity(
        &self,
        venue: i64,
        activity: &VenueActivity,
        author: &str,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        crate::postgres::off_runtime(|| self.insert_venue_activity(venue, activity, author, at))
    }

    fn venue_activities(&self, venue: i64) -> Result<Vec<StoredVenueActivity>, StoreError> {
        crate::postgres::off_runtime(|| self.activities_of_venue(venue))
    }

    fn venue_quarters(&self) -> Result<Vec<VenueQuarter>, StoreError> {
        crate::postgres::off_runtime(|| self.quarters_of_venues())
    }

    fn add_report(
        &self,
        activity_id: ActivityId,
        quarter: &str,
        author_user: UserId,
        author: &str,
        body: &str,
    ) -> Result<i64, StoreError> {
        crate::postgres::off_runtime(|| {
            let row = self
            .conn()?
            .query_one(
                "INSERT INTO roadmap_reports (activity_id, quarter, author_user, author, at, body)
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                &[
                    &activity_id.0,
                    &quarter,
                    &author_user.0,
                    &author,
                    &now_text(),
                    &body,
                ],
            )
            .map_err(or_missing("мероприятие дорожной карты"))?;
            Ok(row.try_get(0)?)
        })
    }
}

/// Microseconds since the Unix epoch, as `attempts.at` keeps them.
fn micros(at: Timestamp) -> i64 {
    at.as_microsecond()
}

/// A `LIMIT` or `OFFSET` as PostgreSQL takes it.
fn count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Revisions of records per quarter (of their UTC time) and working group of their author: what
/// was added, reviewed (returned or published from review), published, and interviews added.
/// SQLite's `COUNTS_SELECT`, with `count(*) FILTER` for its sums of truth values and NULL (no
/// group) sorted first as SQLite sorts it.
const COUNTS_SELECT: &str = "
    SELECT substr(v.at, 1, 4) || '-Q' || ((CAST(substr(v.at, 6, 2) AS BIGINT) - 1) / 3 + 1) AS q,
           {group},
           count(*) FILTER (WHERE v.action = 'create'),
           count(*) FILTER (WHERE v.action IN ('workflow:published', 'workflow:draft')
                              AND v.before LIKE '%\"workflow\":\"in_review\"%'),
           count(*) FILTER (WHERE v.action = 'workflow:published'),
           count(*) FILTER (WHERE v.action = 'create' AND r.kind = 'interview')
    FROM revisions v
    {join}
    LEFT JOIN records r ON r.id = v.subject_id
    WHERE v.subject_type = 'record'
    GROUP BY {group_by} ORDER BY {order_by}";

impl PgStore {
    /// Per quarter and group (a person of two groups counts in each), or per quarter alone.
    fn quarter_counts(&self, by_group: bool) -> Result<Vec<QuarterCounts>, StoreError> {
        let sql = if by_group {
            COUNTS_SELECT
                .replace("{group}", "m.group_id")
                .replace(
                    "{join}",
                    "LEFT JOIN group_members m ON m.user_id = v.actor_user",
                )
                .replace("{group_by}", "q, m.group_id")
                .replace("{order_by}", "q, m.group_id NULLS FIRST")
        } else {
            COUNTS_SELECT
                .replace("{group}", "NULL::bigint")
                .replace("{join}", "")
                .replace("{group_by}", "q")
                .replace("{order_by}", "q")
        };
        let rows = self.conn()?.rows(&sql, &[])?;
        rows.iter()
            .map(|r| {
                let n = |i: usize| -> Result<u64, StoreError> {
                    Ok(u64::try_from(r.try_get::<_, i64>(i)?).unwrap_or(0))
                };
                Ok(QuarterCounts {
                    quarter: r.try_get(0)?,
                    group_id: r.try_get::<_, Option<i64>>(1)?.map(GroupId),
                    added: n(2)?,
                    reviewed: n(3)?,
                    published: n(4)?,
                    interviews: n(5)?,
                })
            })
            .collect()
    }
}
