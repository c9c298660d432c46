//! Lesson kits, class links and excursion plans (`sqlite/lessons.rs` in PostgreSQL's dialect);
//! the `Accounts` implementation calls these.

use super::PgStore;
use super::accounts::{parse_at, user_at};
use super::value::{Sql, Value, params};
use crate::StoreError;
use crate::lessons::{ClassLink, StoredKit};
use jiff::Timestamp;
use letopis_core::UserId;
use letopis_core::lesson::{Kit, KitState};
use letopis_core::names::slugify;
use postgres::Row;
use postgres::error::SqlState;

const KIT_COLUMNS: &str = "k.id, k.slug, k.owner, coalesce(u.display_name, ''), k.state, k.body,
     k.review_note, k.updated_at, k.published_at";
const KIT_FROM: &str = "FROM lesson_kits k LEFT JOIN users u ON u.id = k.owner";

fn kit_from_row(r: &Row) -> Result<StoredKit, StoreError> {
    let state: &str = r.try_get(4)?;
    let body: &str = r.try_get(5)?;
    Ok(StoredKit {
        id: r.try_get(0)?,
        slug: r.try_get(1)?,
        owner: user_at(r, 2)?,
        owner_name: r.try_get(3)?,
        state: KitState::from_code(state).unwrap_or_default(),
        kit: serde_json::from_str(body)?,
        review_note: r.try_get(6)?,
        updated_at: parse_at(r.try_get(7)?),
        published_at: r.try_get::<_, Option<&str>>(8)?.map(parse_at),
    })
}

const LINK_COLUMNS: &str = "code, kit, max_age, expires_on, created_by, created_at";

fn link_from_row(r: &Row) -> Result<ClassLink, StoreError> {
    let max_age: i64 = r.try_get(2)?;
    Ok(ClassLink {
        code: r.try_get(0)?,
        kit: r.try_get(1)?,
        max_age: u8::try_from(max_age).unwrap_or(u8::MAX),
        expires_on: r
            .try_get::<_, &str>(3)?
            .parse()
            .unwrap_or(jiff::civil::Date::MIN),
        created_by: user_at(r, 4)?,
        created_at: parse_at(r.try_get(5)?),
    })
}

fn found(changed: u64, id: i64) -> Result<(), StoreError> {
    if changed == 0 {
        Err(StoreError::NotFound {
            what: format!("урок № {id}"),
        })
    } else {
        Ok(())
    }
}

impl PgStore {
    pub(super) fn insert_kit(
        &self,
        owner: UserId,
        kit: &Kit,
        at: Timestamp,
    ) -> Result<StoredKit, StoreError> {
        kit.validate()?;
        let body = serde_json::to_string(kit)?;
        let id: i64 = {
            let mut conn = self.conn()?;
            let mut tx = conn.transaction()?;
            // The address is the title's, with a number when another kit has it.
            let base = slugify(&kit.title);
            let mut slug = base.clone();
            let mut n = 1;
            while tx
                .row(
                    "SELECT 1 FROM lesson_kits WHERE slug = $1",
                    &params![slug.as_str()],
                )?
                .is_some()
            {
                n += 1;
                slug = format!("{base}-{n}");
            }
            let id = tx.one(
                "INSERT INTO lesson_kits (slug, owner, purpose, body, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
                &params![slug, owner, kit.purpose.code(), body, at.to_string()],
            )?;
            tx.commit()?;
            id
        };
        self.one_kit("k.id = $1", Value::Int(id))?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("урок № {id}"),
            })
    }

    pub(super) fn one_kit(
        &self,
        cond: &str,
        value: Value,
    ) -> Result<Option<StoredKit>, StoreError> {
        self.conn()?
            .row(
                &format!("SELECT {KIT_COLUMNS} {KIT_FROM} WHERE {cond}"),
                &[value],
            )?
            .map(|r| kit_from_row(&r))
            .transpose()
    }

    pub(super) fn update_kit(
        &self,
        id: i64,
        kit: &Kit,
        state: KitState,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        kit.validate()?;
        let body = serde_json::to_string(kit)?;
        let changed = self.conn()?.run(
            "UPDATE lesson_kits SET body = $2, purpose = $3, state = $4, updated_at = $5,
                    published_at = CASE WHEN $4 = 'published' THEN coalesce(published_at, $5) END
              WHERE id = $1",
            &params![id, body, kit.purpose.code(), state.code(), at.to_string()],
        )?;
        found(changed, id)
    }

    pub(super) fn update_kit_state(
        &self,
        id: i64,
        state: KitState,
        note: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let changed = self.conn()?.run(
            "UPDATE lesson_kits SET state = $2, review_note = $3, updated_at = $4,
                    published_at = CASE WHEN $2 = 'published' THEN $4 END
              WHERE id = $1",
            &params![id, state.code(), note, at.to_string()],
        )?;
        found(changed, id)
    }

    pub(super) fn kits_where(
        &self,
        cond: &str,
        values: Vec<Value>,
    ) -> Result<Vec<StoredKit>, StoreError> {
        self.conn()?
            .rows(
                &format!(
                    "SELECT {KIT_COLUMNS} {KIT_FROM} WHERE {cond}
                     ORDER BY k.updated_at DESC, k.id DESC"
                ),
                &values,
            )?
            .iter()
            .map(kit_from_row)
            .collect()
    }

    pub(super) fn kits_with_states(
        &self,
        states: &[KitState],
    ) -> Result<Vec<StoredKit>, StoreError> {
        if states.is_empty() {
            return Ok(Vec::new());
        }
        let marks: Vec<String> = (1..=states.len()).map(|i| format!("${i}")).collect();
        self.kits_where(
            &format!("k.state IN ({})", marks.join(", ")),
            states
                .iter()
                .map(|s| Value::Text(s.code().into()))
                .collect(),
        )
    }

    pub(super) fn remove_kit(&self, id: i64) -> Result<(), StoreError> {
        let changed = self
            .conn()?
            .run("DELETE FROM lesson_kits WHERE id = $1", &params![id])?;
        found(changed, id)
    }

    pub(super) fn insert_class_link(&self, link: &ClassLink) -> Result<(), StoreError> {
        let inserted = self.conn()?.try_run(
            "INSERT INTO class_links (code, kit, max_age, expires_on, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
            &params![
                link.code.as_str(),
                link.kit,
                link.max_age,
                link.expires_on.to_string(),
                link.created_by,
                link.created_at.to_string()
            ],
        );
        if let Err(e) = &inserted
            && e.code() == Some(&SqlState::UNIQUE_VIOLATION)
        {
            return Err(StoreError::Duplicate {
                message: format!("Код {} уже занят.", link.code),
            });
        }
        inserted?;
        Ok(())
    }

    pub(super) fn class_link_by_code(&self, code: &str) -> Result<Option<ClassLink>, StoreError> {
        self.conn()?
            .row(
                &format!("SELECT {LINK_COLUMNS} FROM class_links WHERE code = $1"),
                &params![code],
            )?
            .map(|r| link_from_row(&r))
            .transpose()
    }

    pub(super) fn class_links_of_kit(&self, kit: i64) -> Result<Vec<ClassLink>, StoreError> {
        self.conn()?
            .rows(
                &format!(
                    "SELECT {LINK_COLUMNS} FROM class_links WHERE kit = $1
                     ORDER BY created_at DESC, code"
                ),
                &params![kit],
            )?
            .iter()
            .map(link_from_row)
            .collect()
    }

    pub(super) fn close_class_link(
        &self,
        code: &str,
        last_day: jiff::civil::Date,
    ) -> Result<(), StoreError> {
        let changed = self.conn()?.run(
            "UPDATE class_links SET expires_on = least(expires_on, $2) WHERE code = $1",
            &params![code, last_day.to_string()],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound {
                what: format!("ссылка для класса {code}"),
            });
        }
        Ok(())
    }
}
