//! The SQLite engine's side of [`Accounts`]: accounts, sessions, groups, review, audit, roadmap.
//! Small writes, each its own statement or short transaction on the writer connection.

use super::SqliteStore;
use super::read::gate_sql;
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
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

const USER_COLUMNS: &str =
    "u.id, u.email, u.display_name, u.password_hash IS NOT NULL, u.disabled, u.locked_until";

pub(super) use crate::columns::{now_text, parse_at};

fn user_from_row(conn: &Connection, row: &Row<'_>) -> rusqlite::Result<User> {
    let id: i64 = row.get(0)?;
    let email: String = row.get(1)?;
    Ok(User {
        id: UserId(id),
        email: Email::from_stored(email),
        display_name: row.get(2)?,
        has_password: row.get(3)?,
        disabled: row.get(4)?,
        locked_until: row.get(5)?,
        roles: roles_of(conn, id)?,
        groups: groups_of(conn, UserId(id))?,
    })
}

fn roles_of(conn: &Connection, id: i64) -> rusqlite::Result<Roles> {
    let mut stmt = conn.prepare_cached("SELECT role FROM user_roles WHERE user_id = ?1")?;
    let roles = stmt
        .query_map([id], |r| r.get::<_, String>(0))?
        .filter_map(|r| r.ok().and_then(|c| Role::from_code(&c)))
        .collect();
    Ok(Roles::new(roles))
}

fn groups_of(conn: &Connection, id: UserId) -> rusqlite::Result<Vec<GroupId>> {
    let mut stmt =
        conn.prepare_cached("SELECT group_id FROM group_members WHERE user_id = ?1 ORDER BY 1")?;
    stmt.query_map([id], |r| r.get(0))?.collect()
}

fn find_user(conn: &Connection, clause: &str, value: Value) -> Result<Option<User>, StoreError> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE {clause}");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([value], |row| user_from_row(conn, row))
        .optional()?)
}

/// A write that refers to a person, group, record or activity that is not there: `NotFound`,
/// as in every engine, instead of the database's constraint message.
pub(super) fn or_missing(what: &'static str) -> impl FnOnce(rusqlite::Error) -> StoreError {
    move |e| match &e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY =>
        {
            StoreError::not_found(what)
        }
        _ => e.into(),
    }
}

/// An update of one person's row that found no row.
fn one_user(changed: usize, id: i64) -> Result<(), StoreError> {
    if changed == 0 {
        return Err(StoreError::not_found(format!("участник №{id}")));
    }
    Ok(())
}

fn record_ids(conn: &Connection, sql: &str, params: &[Value]) -> Result<Vec<RecordId>, StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params_from_iter(params.iter()), |r| r.get(0).map(RecordId))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
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

impl Accounts for SqliteStore {
    fn create_user(
        &self,
        new: &NewUser,
        password_hash: Option<&str>,
    ) -> Result<UserId, StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let inserted = tx.execute(
            "INSERT INTO users (email, display_name, password_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![new.email.as_str(), new.display_name.trim(), password_hash, now_text()],
        );
        if let Err(rusqlite::Error::SqliteFailure(f, _)) = &inserted
            && f.code == rusqlite::ErrorCode::ConstraintViolation
        {
            return Err(StoreError::Duplicate {
                message: format!("Пользователь с адресом {} уже есть.", new.email),
            });
        }
        inserted?;
        let id = tx.last_insert_rowid();
        for role in &new.roles {
            tx.execute(
                "INSERT OR IGNORE INTO user_roles (user_id, role) VALUES (?1, ?2)",
                params![id, role.code()],
            )?;
        }
        tx.commit()?;
        Ok(UserId(id))
    }

    fn user(&self, id: UserId) -> Result<Option<User>, StoreError> {
        find_user(&*self.reader()?, "u.id = ?1", Value::Integer(id.0))
    }

    fn user_by_email(&self, email: &Email) -> Result<Option<User>, StoreError> {
        find_user(
            &*self.reader()?,
            "u.email = ?1",
            Value::Text(email.as_str().into()),
        )
    }

    fn password_hash(&self, id: UserId) -> Result<Option<String>, StoreError> {
        Ok(self
            .reader()?
            .query_row("SELECT password_hash FROM users WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .flatten())
    }

    fn users(&self) -> Result<Vec<User>, StoreError> {
        let conn = self.reader()?;
        let sql = format!("SELECT {USER_COLUMNS} FROM users u ORDER BY u.display_name, u.id");
        let mut stmt = conn.prepare(&sql)?;
        let users = stmt
            .query_map([], |row| user_from_row(&conn, row))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(users)
    }

    fn set_password(&self, id: UserId, hash: &str) -> Result<(), StoreError> {
        let changed = self.writer().execute(
            "UPDATE users SET password_hash = ?2, failed_sign_ins = 0, locked_until = NULL WHERE id = ?1",
            params![id, hash],
        )?;
        one_user(changed, id.0)
    }

    fn set_roles(&self, id: UserId, roles: &[Role]) -> Result<(), StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM users WHERE id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        one_user(usize::from(exists), id.0)?;
        tx.execute("DELETE FROM user_roles WHERE user_id = ?1", [id])?;
        for role in roles {
            tx.execute(
                "INSERT OR IGNORE INTO user_roles (user_id, role) VALUES (?1, ?2)",
                params![id, role.code()],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    fn sign_in_failed(&self, id: UserId) -> Result<u32, StoreError> {
        let conn = self.writer();
        let n: Option<i64> = conn
            .query_row(
                "UPDATE users SET failed_sign_ins = failed_sign_ins + 1 WHERE id = ?1
                 RETURNING failed_sign_ins",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        let n = n.ok_or_else(|| StoreError::not_found(format!("участник №{id}")))?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    fn lock_until(&self, id: UserId, until: i64) -> Result<(), StoreError> {
        let changed = self.writer().execute(
            "UPDATE users SET locked_until = ?2, failed_sign_ins = 0 WHERE id = ?1",
            params![id, until],
        )?;
        one_user(changed, id.0)
    }

    fn sign_in_succeeded(&self, id: UserId) -> Result<(), StoreError> {
        let changed = self.writer().execute(
            "UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = ?1",
            [id],
        )?;
        one_user(changed, id.0)
    }

    fn note_attempt(&self, scope: &str, key: &str, at: Timestamp) -> Result<(), StoreError> {
        self.writer()
            .prepare_cached("INSERT INTO attempts (scope, key, at) VALUES (?1, ?2, ?3)")?
            .execute(params![scope, key, at.as_microsecond()])?;
        Ok(())
    }

    fn attempts_since(&self, scope: &str, key: &str, since: Timestamp) -> Result<u64, StoreError> {
        let n: i64 = self
            .reader()?
            .prepare_cached(
                "SELECT count(*) FROM attempts WHERE scope = ?1 AND key = ?2 AND at >= ?3",
            )?
            .query_row(params![scope, key, since.as_microsecond()], |r| r.get(0))?;
        Ok(n as u64)
    }

    fn forget_attempts(&self, scope: &str, before: Timestamp) -> Result<u64, StoreError> {
        let n = self
            .writer()
            .prepare_cached("DELETE FROM attempts WHERE scope = ?1 AND at < ?2")?
            .execute(params![scope, before.as_microsecond()])?;
        Ok(n as u64)
    }

    fn create_session(
        &self,
        token_hash: &str,
        user_id: UserId,
        csrf: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        let conn = self.writer();
        // Expired sessions are cleared as new ones start, so the table stays small on its own.
        conn.execute("DELETE FROM sessions WHERE expires_at <= ?1", [now])?;
        conn.execute(
            "INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![token_hash, user_id, csrf, now, expires_at],
        )
        .map_err(or_missing("участник, для которого начинается сеанс"))?;
        Ok(())
    }

    fn session(&self, token_hash: &str, now: i64) -> Result<Option<Session>, StoreError> {
        let conn = self.reader()?;
        let found: Option<(i64, String, i64)> = conn
            .prepare_cached(
                "SELECT user_id, csrf, expires_at FROM sessions WHERE token_hash = ?1 AND expires_at > ?2",
            )?
            .query_row(params![token_hash, now], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        let Some((user_id, csrf, expires_at)) = found else {
            return Ok(None);
        };
        let user = find_user(&conn, "u.id = ?1", Value::Integer(user_id))?;
        Ok(user.filter(|u| !u.disabled).map(|user| Session {
            user,
            csrf,
            expires_at,
        }))
    }

    fn end_session(&self, token_hash: &str) -> Result<(), StoreError> {
        self.writer()
            .execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash])?;
        Ok(())
    }

    fn end_sessions_of(&self, user_id: UserId) -> Result<(), StoreError> {
        self.writer()
            .execute("DELETE FROM sessions WHERE user_id = ?1", [user_id])?;
        Ok(())
    }

    fn create_token(
        &self,
        token_hash: &str,
        user_id: UserId,
        purpose: TokenPurpose,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        self.writer().execute(
            "INSERT INTO one_time_tokens (token_hash, user_id, purpose, expires_at) VALUES (?1, ?2, ?3, ?4)",
            params![token_hash, user_id, purpose.code(), expires_at],
        )
        .map_err(or_missing("участник, для которого создаётся ссылка"))?;
        Ok(())
    }

    fn take_token(
        &self,
        token_hash: &str,
        purpose: TokenPurpose,
        now: i64,
    ) -> Result<Option<UserId>, StoreError> {
        // One statement: two requests racing with the same link cannot both use it.
        Ok(self
            .writer()
            .query_row(
                "UPDATE one_time_tokens SET used_at = ?3
                 WHERE token_hash = ?1 AND purpose = ?2 AND used_at IS NULL AND expires_at > ?3
                 RETURNING user_id",
                params![token_hash, purpose.code(), now],
                |r| r.get(0),
            )
            .optional()?)
    }

    fn peek_token(
        &self,
        token_hash: &str,
        purpose: TokenPurpose,
        now: i64,
    ) -> Result<Option<UserId>, StoreError> {
        Ok(self
            .reader()?
            .query_row(
                "SELECT user_id FROM one_time_tokens
                 WHERE token_hash = ?1 AND purpose = ?2 AND used_at IS NULL AND expires_at > ?3",
                params![token_hash, purpose.code(), now],
                |r| r.get(0),
            )
            .optional()?)
    }

    fn audit(&self, e: NewAudit) -> Result<(), StoreError> {
        self.writer().execute(
            "INSERT INTO audit_log (at, actor_user, actor, action, subject, detail, ip)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
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
    }

    fn audit_log(&self, offset: u64, limit: u64) -> Result<Page<AuditEntry>, StoreError> {
        let conn = self.reader()?;
        let total: i64 = conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))?;
        let mut stmt = conn.prepare_cached(
            "SELECT id, at, actor_user, actor, action, subject, detail, ip FROM audit_log
             ORDER BY id DESC LIMIT ?1 OFFSET ?2",
        )?;
        let items = stmt
            .query_map(params![limit as i64, offset as i64], |r| {
                Ok(AuditEntry {
                    id: r.get(0)?,
                    at: parse_at(&r.get::<_, String>(1)?),
                    actor_user: r.get(2)?,
                    actor: r.get(3)?,
                    action: r.get(4)?,
                    subject: r.get(5)?,
                    detail: r.get(6)?,
                    ip: r.get(7)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Page {
            items,
            total: total as u64,
        })
    }

    fn groups(&self) -> Result<Vec<Group>, StoreError> {
        let conn = self.reader()?;
        let mut stmt =
            conn.prepare_cached("SELECT id, name, direction FROM working_groups ORDER BY id")?;
        let mut groups = stmt
            .query_map([], |r| {
                Ok(Group {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    direction: r.get(2)?,
                    members: Vec::new(),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut members = conn.prepare_cached(
            "SELECT m.user_id, u.display_name, m.responsible FROM group_members m
             JOIN users u ON u.id = m.user_id WHERE m.group_id = ?1
             ORDER BY m.responsible DESC, u.display_name",
        )?;
        for g in &mut groups {
            g.members = members
                .query_map([g.id], |r| {
                    Ok(Member {
                        user_id: r.get(0)?,
                        display_name: r.get(1)?,
                        responsible: r.get(2)?,
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
        }
        Ok(groups)
    }

    fn create_group(&self, name: &str, direction: &str) -> Result<GroupId, StoreError> {
        let conn = self.writer();
        conn.execute(
            "INSERT INTO working_groups (name, direction, created_at) VALUES (?1, ?2, ?3)",
            params![name.trim(), direction, now_text()],
        )?;
        Ok(GroupId(conn.last_insert_rowid()))
    }

    fn set_member(
        &self,
        group_id: GroupId,
        user_id: UserId,
        responsible: bool,
    ) -> Result<(), StoreError> {
        self.writer()
            .execute(
                "INSERT INTO group_members (group_id, user_id, responsible) VALUES (?1, ?2, ?3)
             ON CONFLICT (group_id, user_id) DO UPDATE SET responsible = excluded.responsible",
                params![group_id, user_id, responsible],
            )
            .map_err(or_missing("рабочая группа или участник"))?;
        Ok(())
    }

    fn remove_member(&self, group_id: GroupId, user_id: UserId) -> Result<(), StoreError> {
        self.writer().execute(
            "DELETE FROM group_members WHERE group_id = ?1 AND user_id = ?2",
            params![group_id, user_id],
        )?;
        Ok(())
    }

    fn comments(&self, record: RecordId) -> Result<Vec<Comment>, StoreError> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(
            "SELECT id, record_id, author_user, author, at, body FROM review_comments
             WHERE record_id = ?1 ORDER BY id",
        )?;
        let comments = stmt
            .query_map([record.0], |r| {
                Ok(Comment {
                    id: r.get(0)?,
                    record_id: RecordId(r.get(1)?),
                    author_user: r.get(2)?,
                    author: r.get(3)?,
                    at: parse_at(&r.get::<_, String>(4)?),
                    body: r.get(5)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(comments)
    }

    fn add_comment(
        &self,
        record: RecordId,
        author_user: UserId,
        author: &str,
        body: &str,
    ) -> Result<i64, StoreError> {
        let conn = self.writer();
        conn.execute(
            "INSERT INTO review_comments (record_id, author_user, author, at, body)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![record.0, author_user, author, now_text(), body],
        )
        .map_err(or_missing("запись, к которой пишется замечание"))?;
        Ok(conn.last_insert_rowid())
    }

    fn assign_reviewer(
        &self,
        record: RecordId,
        reviewer: Option<UserId>,
        by: UserId,
    ) -> Result<(), StoreError> {
        let conn = self.writer();
        match reviewer {
            Some(reviewer) => conn
                .execute(
                    "INSERT INTO review_assignments (record_id, reviewer, assigned_by, at)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (record_id) DO UPDATE SET reviewer = excluded.reviewer,
                   assigned_by = excluded.assigned_by, at = excluded.at",
                    params![record.0, reviewer, by, now_text()],
                )
                .map_err(or_missing("запись или проверяющий"))?,
            None => conn.execute(
                "DELETE FROM review_assignments WHERE record_id = ?1",
                [record.0],
            )?,
        };
        Ok(())
    }

    fn reviewer(&self, record: RecordId) -> Result<Option<UserId>, StoreError> {
        Ok(self
            .reader()?
            .query_row(
                "SELECT reviewer FROM review_assignments WHERE record_id = ?1",
                [record.0],
                |r| r.get(0),
            )
            .optional()?)
    }

    fn work_of(&self, user_id: UserId, who: &ViewerFilter) -> Result<Work, StoreError> {
        let conn = self.reader()?;
        let key = format!("user:{user_id}");
        let list = |condition: &str| -> Result<Vec<RecordId>, StoreError> {
            let mut params = vec![Value::Text(key.clone()), Value::Integer(user_id.0)];
            let mut sql = format!("SELECT r.id FROM records r WHERE {condition}");
            gate_sql(who, "r", &mut sql, &mut params);
            sql.push_str(" ORDER BY r.updated_at DESC LIMIT 50");
            record_ids(&conn, &sql, &params)
        };
        Ok(Work {
            drafts: list(
                "r.workflow = 'draft' AND (r.submitted_by IS NULL OR r.submitted_by <> ?1)
                 AND EXISTS (SELECT 1 FROM revisions v WHERE v.subject_type = 'record'
                             AND v.subject_id = r.id AND v.actor_user = ?2
                             AND v.action NOT LIKE 'workflow:%')",
            )?,
            returned: list("r.workflow = 'draft' AND r.submitted_by = ?1 AND ?2 = ?2")?,
            to_review: list(
                "r.workflow = 'in_review' AND (r.submitted_by IS NULL OR r.submitted_by <> ?1)
                 AND NOT EXISTS (SELECT 1 FROM review_assignments a
                                 WHERE a.record_id = r.id AND a.reviewer <> ?2)",
            )?,
        })
    }

    fn studio_list(
        &self,
        query: &StudioQuery,
        who: &ViewerFilter,
    ) -> Result<Page<RecordId>, StoreError> {
        let conn = self.reader()?;
        let mut params = vec![Value::Text(query.kind.code().into())];
        let mut filter = String::from(" WHERE r.kind = ?1");
        if let Some(wf) = query.workflow {
            params.push(Value::Text(wf.code().into()));
            filter.push_str(&format!(" AND r.workflow = ?{}", params.len()));
        }
        if let Some(text) = query.text.as_deref().filter(|t| !t.trim().is_empty()) {
            params.push(Value::Text(like_pattern(text)));
            filter.push_str(&format!(
                " AND r.sort_key LIKE ?{} ESCAPE '\\'",
                params.len()
            ));
        }
        gate_sql(who, "r", &mut filter, &mut params);
        let total: i64 = conn.query_row(
            &format!("SELECT count(*) FROM records r{filter}"),
            params_from_iter(params.iter()),
            |r| r.get(0),
        )?;
        let sql = format!(
            "SELECT r.id FROM records r{filter} ORDER BY r.updated_at DESC, r.id DESC
             LIMIT {} OFFSET {}",
            query.limit.min(500),
            query.offset
        );
        Ok(Page {
            items: record_ids(&conn, &sql, &params)?,
            total: total as u64,
        })
    }

    fn suggest(
        &self,
        text: &str,
        kinds: &[Kind],
        limit: u64,
        who: &ViewerFilter,
    ) -> Result<Vec<RecordId>, StoreError> {
        let conn = self.reader()?;
        let mut params = vec![Value::Text(like_pattern(text))];
        let kinds: Vec<String> = kinds.iter().map(|k| format!("'{}'", k.code())).collect();
        let mut sql = "SELECT r.id FROM records r WHERE r.sort_key LIKE ?1 ESCAPE '\\'".to_string();
        if !kinds.is_empty() {
            // Kind codes are fixed identifiers from `Kind::code`, never user text.
            sql.push_str(&format!(" AND r.kind IN ({})", kinds.join(",")));
        }
        gate_sql(who, "r", &mut sql, &mut params);
        sql.push_str(&format!(
            " ORDER BY length(r.sort_key), r.sort_key LIMIT {}",
            limit.min(50)
        ));
        record_ids(&conn, &sql, &params)
    }

    fn council_counts(&self) -> Result<Vec<QuarterCounts>, StoreError> {
        self.quarter_counts(true)
    }

    fn council_totals(&self) -> Result<Vec<QuarterCounts>, StoreError> {
        self.quarter_counts(false)
    }

    fn activities(&self) -> Result<Vec<Activity>, StoreError> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(
            "SELECT id, number, title, period, departments, directions FROM roadmap_activities ORDER BY number",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(Activity {
                    id: r.get(0)?,
                    number: r.get(1)?,
                    title: r.get(2)?,
                    period: r.get(3)?,
                    departments: r.get(4)?,
                    directions: split_directions(&r.get::<_, String>(5)?),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    fn seed_activities(&self, activities: &[NewActivity]) -> Result<usize, StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let existing: i64 =
            tx.query_row("SELECT count(*) FROM roadmap_activities", [], |r| r.get(0))?;
        if existing > 0 {
            return Ok(0);
        }
        for a in activities {
            tx.execute(
                "INSERT INTO roadmap_activities (number, title, period, departments, directions) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![a.number, a.title, a.period, a.departments, a.directions.join(",")],
            )?;
        }
        tx.commit()?;
        Ok(activities.len())
    }

    fn set_activity_directions(
        &self,
        id: ActivityId,
        directions: &[String],
    ) -> Result<(), StoreError> {
        let conn = self.writer();
        let changed = conn.execute(
            "UPDATE roadmap_activities SET directions = ?2 WHERE id = ?1",
            params![id, directions.join(",")],
        )?;
        if changed == 0 {
            return Err(StoreError::not_found(format!("мероприятие №{id}")));
        }
        Ok(())
    }

    fn reports(&self) -> Result<Vec<Report>, StoreError> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(
            "SELECT id, activity_id, quarter, author, at, body FROM roadmap_reports ORDER BY quarter DESC, id DESC",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(Report {
                    id: r.get(0)?,
                    activity_id: r.get(1)?,
                    quarter: r.get(2)?,
                    author: r.get(3)?,
                    at: parse_at(&r.get::<_, String>(4)?),
                    body: r.get(5)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    fn request_excursion(&self, new: &NewExcursion, at: Timestamp) -> Result<i64, StoreError> {
        self.insert_excursion(new, at)
    }

    fn excursions(&self) -> Result<Vec<Excursion>, StoreError> {
        self.all_excursions()
    }

    fn decide_excursion(
        &self,
        id: i64,
        status: ExcursionStatus,
        visit_on: Option<jiff::civil::Date>,
        by: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        self.set_excursion(id, status, visit_on, by, at)
    }

    fn erase_past_excursions(
        &self,
        before: jiff::civil::Date,
        at: Timestamp,
    ) -> Result<u64, StoreError> {
        self.erase_excursions_before(before, at)
    }

    fn excursion_counts(&self) -> Result<Vec<ExcursionCounts>, StoreError> {
        self.count_excursions()
    }

    fn plan_excursion(
        &self,
        id: i64,
        tour: Option<i64>,
        lesson: Option<i64>,
    ) -> Result<(), StoreError> {
        self.set_excursion_plan(id, tour, lesson)
    }

    fn create_kit(&self, owner: UserId, kit: &Kit, at: Timestamp) -> Result<StoredKit, StoreError> {
        self.insert_kit(owner, kit, at)
    }

    fn kit(&self, id: i64) -> Result<Option<StoredKit>, StoreError> {
        self.kit_by_id(id)
    }

    fn kit_by_slug(&self, slug: &str) -> Result<Option<StoredKit>, StoreError> {
        self.kit_with_slug(slug)
    }

    fn save_kit(
        &self,
        id: i64,
        kit: &Kit,
        state: KitState,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        self.update_kit(id, kit, state, at)
    }

    fn set_kit_state(
        &self,
        id: i64,
        state: KitState,
        note: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        self.update_kit_state(id, state, note, at)
    }

    fn kits_of(&self, owner: UserId) -> Result<Vec<StoredKit>, StoreError> {
        self.kits_where("k.owner = ?1", vec![Value::Integer(owner.0)])
    }

    fn kits_in(&self, states: &[KitState]) -> Result<Vec<StoredKit>, StoreError> {
        self.kits_with_states(states)
    }

    fn delete_kit(&self, id: i64) -> Result<(), StoreError> {
        self.remove_kit(id)
    }

    fn create_class_link(&self, link: &ClassLink) -> Result<(), StoreError> {
        self.insert_class_link(link)
    }

    fn class_link(&self, code: &str) -> Result<Option<ClassLink>, StoreError> {
        self.class_link_by_code(code)
    }

    fn class_links_of(&self, kit: i64) -> Result<Vec<ClassLink>, StoreError> {
        self.class_links_of_kit(kit)
    }

    fn end_class_link(&self, code: &str, last_day: jiff::civil::Date) -> Result<(), StoreError> {
        self.close_class_link(code, last_day)
    }

    fn add_publication(
        &self,
        by: UserId,
        publication: &letopis_core::media_plan::Publication,
        at: Timestamp,
    ) -> Result<crate::media_plan::StoredPublication, StoreError> {
        self.insert_publication(by, publication, at)
    }

    fn publication(
        &self,
        id: i64,
    ) -> Result<Option<crate::media_plan::StoredPublication>, StoreError> {
        self.publication_by_id(id)
    }

    fn save_publication(
        &self,
        id: i64,
        publication: &letopis_core::media_plan::Publication,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        self.update_publication(id, publication, at)
    }

    fn publications_between(
        &self,
        from: jiff::civil::Date,
        to: jiff::civil::Date,
    ) -> Result<Vec<crate::media_plan::StoredPublication>, StoreError> {
        self.publications_from_to(from, to)
    }

    fn delete_publication(&self, id: i64) -> Result<(), StoreError> {
        self.remove_publication(id)
    }

    fn record_fixity_audit(&self, audit: &crate::fixity::FixityAudit) -> Result<(), StoreError> {
        self.insert_fixity_audit(audit)
    }

    fn fixity_audits(&self, limit: u32) -> Result<Vec<crate::fixity::FixityAudit>, StoreError> {
        self.read_fixity_audits(limit)
    }

    fn hold_lease(
        &self,
        job: &str,
        holder: &str,
        now: Timestamp,
        until: Timestamp,
    ) -> Result<bool, StoreError> {
        self.take_lease(job, holder, now, until)
    }

    fn save_conference(
        &self,
        conference: &letopis_core::conference::Conference,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        self.upsert_conference(conference, at)
    }

    fn current_conference(
        &self,
    ) -> Result<Option<crate::conference::StoredConference>, StoreError> {
        self.latest_conference()
    }

    fn submit_paper(
        &self,
        conference: i64,
        paper: &letopis_core::conference::Paper,
        file: &crate::conference::PaperFile,
        confirm_hash: &str,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        self.insert_paper(conference, paper, file, confirm_hash, at)
    }

    fn confirm_paper(&self, confirm_hash: &str, at: Timestamp) -> Result<Option<i64>, StoreError> {
        self.confirm_paper_by_hash(confirm_hash, at)
    }

    fn paper(&self, id: i64) -> Result<Option<crate::conference::StoredPaper>, StoreError> {
        self.paper_by_id(id)
    }

    fn papers(&self, conference: i64) -> Result<Vec<crate::conference::StoredPaper>, StoreError> {
        self.papers_of(conference)
    }

    fn assign_paper_reviewer(
        &self,
        paper: i64,
        reviewer: UserId,
        by: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        self.assign_reviewer_to_paper(paper, reviewer, by, at)
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
        self.write_review(paper, reviewer, score, recommendation, comment, by, at)
    }

    fn paper_reviews(&self, paper: i64) -> Result<Vec<crate::conference::PaperReview>, StoreError> {
        self.reviews_of(paper)
    }

    fn decide_paper(
        &self,
        paper: i64,
        accept: bool,
        letter: &str,
        by: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        self.decide(paper, accept, letter, by, at)
    }

    fn schedule_paper(
        &self,
        paper: i64,
        slot: Option<letopis_core::conference::Slot>,
        by: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        self.set_slot(paper, slot, by, at)
    }

    fn paper_published(
        &self,
        paper: i64,
        item: letopis_core::RecordId,
        by: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        self.set_paper_item(paper, item, by, at)
    }

    fn paper_log(&self, paper: i64) -> Result<Vec<crate::conference::PaperEvent>, StoreError> {
        self.events_of(paper)
    }

    fn erase_unconfirmed_papers(&self, before: Timestamp) -> Result<Vec<String>, StoreError> {
        self.erase_unconfirmed(before)
    }

    fn activity_progress(
        &self,
    ) -> Result<Vec<(ActivityId, letopis_core::progress::Progress)>, StoreError> {
        let conn = self.reader()?;
        let mut statement =
            conn.prepare("SELECT activity_id, body FROM activity_progress ORDER BY activity_id")?;
        let rows = statement
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(id, body)| Ok((ActivityId(id), serde_json::from_str(&body)?)))
            .collect()
    }

    fn set_activity_progress(
        &self,
        id: ActivityId,
        progress: &letopis_core::progress::Progress,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        progress.validate()?;
        let conn = self.writer();
        let known: Option<i64> = conn
            .query_row(
                "SELECT id FROM roadmap_activities WHERE id = ?1",
                [id.0],
                |r| r.get(0),
            )
            .optional()?;
        if known.is_none() {
            return Err(StoreError::NotFound {
                what: format!("мероприятие № {}", id.0),
            });
        }
        conn.execute(
            "INSERT INTO activity_progress (activity_id, body, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (activity_id) DO UPDATE SET body = excluded.body,
                 updated_at = excluded.updated_at",
            rusqlite::params![id.0, serde_json::to_string(progress)?, at.to_string()],
        )?;
        Ok(())
    }

    fn create_venue(&self, venue: &Venue, at: Timestamp) -> Result<i64, StoreError> {
        self.insert_venue(venue, at)
    }

    fn venue(&self, id: i64) -> Result<Option<StoredVenue>, StoreError> {
        self.venue_by_id(id)
    }

    fn venues(&self) -> Result<Vec<StoredVenue>, StoreError> {
        self.all_venues()
    }

    fn save_venue(&self, id: i64, venue: &Venue, at: Timestamp) -> Result<(), StoreError> {
        self.update_venue(id, venue, at)
    }

    fn delete_venue(&self, id: i64) -> Result<(), StoreError> {
        self.remove_venue(id)
    }

    fn add_venue_activity(
        &self,
        venue: i64,
        activity: &VenueActivity,
        author: &str,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        self.insert_venue_activity(venue, activity, author, at)
    }

    fn venue_activities(&self, venue: i64) -> Result<Vec<StoredVenueActivity>, StoreError> {
        self.activities_of_venue(venue)
    }

    fn venue_quarters(&self) -> Result<Vec<VenueQuarter>, StoreError> {
        self.quarters_of_venues()
    }

    fn add_report(
        &self,
        activity_id: ActivityId,
        quarter: &str,
        author_user: UserId,
        author: &str,
        body: &str,
    ) -> Result<i64, StoreError> {
        let conn = self.writer();
        conn.execute(
            "INSERT INTO roadmap_reports (activity_id, quarter, author_user, author, at, body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![activity_id, quarter, author_user, author, now_text(), body],
        )
        .map_err(or_missing("мероприятие дорожной карты"))?;
        Ok(conn.last_insert_rowid())
    }
}

fn split_directions(stored: &str) -> Vec<String> {
    stored
        .split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_string)
        .collect()
}

/// Revisions of records per quarter (of their UTC time) and working group of their author: what
/// was added, reviewed (returned or published from review), published, and interviews added.
const COUNTS_SELECT: &str = "
    SELECT substr(v.at, 1, 4) || '-Q' || ((CAST(substr(v.at, 6, 2) AS INTEGER) - 1) / 3 + 1) AS q,
           {group},
           sum(v.action = 'create'),
           sum(v.action IN ('workflow:published', 'workflow:draft') AND v.before LIKE '%\"workflow\":\"in_review\"%'),
           sum(v.action = 'workflow:published'),
           sum(v.action = 'create' AND r.kind = 'interview')
    FROM revisions v
    {join}
    LEFT JOIN records r ON r.id = v.subject_id
    WHERE v.subject_type = 'record'
    GROUP BY {group_by} ORDER BY {group_by}";

impl SqliteStore {
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
        } else {
            COUNTS_SELECT
                .replace("{group}", "NULL")
                .replace("{join}", "")
                .replace("{group_by}", "q")
        };
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map([], |r| {
                let n = |i: usize| r.get::<_, Option<i64>>(i).map(|v| v.unwrap_or(0) as u64);
                Ok(QuarterCounts {
                    quarter: r.get(0)?,
                    group_id: r.get(1)?,
                    added: n(2)?,
                    reviewed: n(3)?,
                    published: n(4)?,
                    interviews: n(5)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}
