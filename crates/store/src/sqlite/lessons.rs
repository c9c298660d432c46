//! Lesson kits, class links and excursion plans in SQLite (`0016_lessons.sql`); the `Accounts`
//! implementation calls these.

use super::SqliteStore;
use super::accounts::parse_at;
use crate::StoreError;
use crate::lessons::{ClassLink, StoredKit};
use jiff::Timestamp;
use letopis_core::UserId;
use letopis_core::lesson::{Kit, KitState};
use letopis_core::names::slugify;
use rusqlite::{OptionalExtension, Row, params, params_from_iter};

const KIT_COLUMNS: &str = "k.id, k.slug, k.owner, coalesce(u.display_name, ''), k.state, k.body,
     k.review_note, k.updated_at, k.published_at";
const KIT_FROM: &str = "FROM lesson_kits k LEFT JOIN users u ON u.id = k.owner";

fn kit_from_row(r: &Row<'_>) -> rusqlite::Result<(StoredKit, String)> {
    let body: String = r.get(5)?;
    Ok((
        StoredKit {
            id: r.get(0)?,
            slug: r.get(1)?,
            owner: r.get::<_, Option<i64>>(2)?.map(UserId),
            owner_name: r.get(3)?,
            state: KitState::from_code(&r.get::<_, String>(4)?).unwrap_or_default(),
            kit: Kit::default(),
            review_note: r.get(6)?,
            updated_at: parse_at(&r.get::<_, String>(7)?),
            published_at: r.get::<_, Option<String>>(8)?.map(|t| parse_at(&t)),
        },
        body,
    ))
}

fn with_body((mut stored, body): (StoredKit, String)) -> Result<StoredKit, StoreError> {
    stored.kit = serde_json::from_str(&body)?;
    Ok(stored)
}

fn link_from_row(r: &Row<'_>) -> rusqlite::Result<ClassLink> {
    Ok(ClassLink {
        code: r.get(0)?,
        kit: r.get(1)?,
        max_age: r.get(2)?,
        expires_on: r
            .get::<_, String>(3)?
            .parse()
            .unwrap_or(jiff::civil::Date::MIN),
        created_by: r.get::<_, Option<i64>>(4)?.map(UserId),
        created_at: parse_at(&r.get::<_, String>(5)?),
    })
}

const LINK_COLUMNS: &str = "code, kit, max_age, expires_on, created_by, created_at";

impl SqliteStore {
    pub(super) fn insert_kit(
        &self,
        owner: UserId,
        kit: &Kit,
        at: Timestamp,
    ) -> Result<StoredKit, StoreError> {
        kit.validate()?;
        let body = serde_json::to_string(kit)?;
        let id = {
            let mut conn = self.writer();
            let tx = conn.transaction()?;
            // The address is the title's, with a number when another kit has it.
            let base = slugify(&kit.title);
            let mut slug = base.clone();
            let mut n = 1;
            while tx
                .query_row("SELECT 1 FROM lesson_kits WHERE slug = ?1", [&slug], |_| {
                    Ok(())
                })
                .optional()?
                .is_some()
            {
                n += 1;
                slug = format!("{base}-{n}");
            }
            tx.execute(
                "INSERT INTO lesson_kits (slug, owner, purpose, body, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![slug, owner.0, kit.purpose.code(), body, at.to_string()],
            )?;
            let id = tx.last_insert_rowid();
            tx.commit()?;
            id
        };
        self.kit_by_id(id)?.ok_or_else(|| StoreError::NotFound {
            what: format!("урок № {id}"),
        })
    }

    pub(super) fn kit_by_id(&self, id: i64) -> Result<Option<StoredKit>, StoreError> {
        self.one_kit("k.id = ?1", rusqlite::types::Value::Integer(id))
    }

    pub(super) fn kit_with_slug(&self, slug: &str) -> Result<Option<StoredKit>, StoreError> {
        self.one_kit("k.slug = ?1", rusqlite::types::Value::Text(slug.into()))
    }

    fn one_kit(
        &self,
        cond: &str,
        value: rusqlite::types::Value,
    ) -> Result<Option<StoredKit>, StoreError> {
        let conn = self.reader()?;
        let row = conn
            .query_row(
                &format!("SELECT {KIT_COLUMNS} {KIT_FROM} WHERE {cond}"),
                [value],
                kit_from_row,
            )
            .optional()?;
        row.map(with_body).transpose()
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
        let changed = self.writer().execute(
            "UPDATE lesson_kits SET body = ?2, purpose = ?3, state = ?4, updated_at = ?5,
                    published_at = CASE WHEN ?4 = 'published' THEN coalesce(published_at, ?5) END
              WHERE id = ?1",
            params![id, body, kit.purpose.code(), state.code(), at.to_string()],
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
        let changed = self.writer().execute(
            "UPDATE lesson_kits SET state = ?2, review_note = ?3, updated_at = ?4,
                    published_at = CASE WHEN ?2 = 'published' THEN ?4 END
              WHERE id = ?1",
            params![id, state.code(), note, at.to_string()],
        )?;
        found(changed, id)
    }

    pub(super) fn kits_where(
        &self,
        cond: &str,
        values: Vec<rusqlite::types::Value>,
    ) -> Result<Vec<StoredKit>, StoreError> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare(&format!(
            "SELECT {KIT_COLUMNS} {KIT_FROM} WHERE {cond} ORDER BY k.updated_at DESC, k.id DESC"
        ))?;
        let rows = stmt
            .query_map(params_from_iter(values), kit_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter().map(with_body).collect()
    }

    pub(super) fn kits_with_states(
        &self,
        states: &[KitState],
    ) -> Result<Vec<StoredKit>, StoreError> {
        if states.is_empty() {
            return Ok(Vec::new());
        }
        let marks = vec!["?"; states.len()].join(", ");
        self.kits_where(
            &format!("k.state IN ({marks})"),
            states
                .iter()
                .map(|s| rusqlite::types::Value::Text(s.code().into()))
                .collect(),
        )
    }

    pub(super) fn remove_kit(&self, id: i64) -> Result<(), StoreError> {
        let changed = self
            .writer()
            .execute("DELETE FROM lesson_kits WHERE id = ?1", [id])?;
        found(changed, id)
    }

    pub(super) fn insert_class_link(&self, link: &ClassLink) -> Result<(), StoreError> {
        let inserted = self.writer().execute(
            "INSERT INTO class_links (code, kit, max_age, expires_on, created_by, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                link.code,
                link.kit,
                link.max_age,
                link.expires_on.to_string(),
                link.created_by.map(|u| u.0),
                link.created_at.to_string()
            ],
        );
        if let Err(rusqlite::Error::SqliteFailure(f, _)) = &inserted
            && f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
        {
            return Err(StoreError::Duplicate {
                message: format!("Код {} уже занят.", link.code),
            });
        }
        inserted?;
        Ok(())
    }

    pub(super) fn class_link_by_code(&self, code: &str) -> Result<Option<ClassLink>, StoreError> {
        let conn = self.reader()?;
        Ok(conn
            .query_row(
                &format!("SELECT {LINK_COLUMNS} FROM class_links WHERE code = ?1"),
                [code],
                link_from_row,
            )
            .optional()?)
    }

    pub(super) fn class_links_of_kit(&self, kit: i64) -> Result<Vec<ClassLink>, StoreError> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {LINK_COLUMNS} FROM class_links WHERE kit = ?1 ORDER BY created_at DESC, code"
        ))?;
        let rows = stmt
            .query_map([kit], link_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    pub(super) fn close_class_link(
        &self,
        code: &str,
        last_day: jiff::civil::Date,
    ) -> Result<(), StoreError> {
        let changed = self.writer().execute(
            "UPDATE class_links SET expires_on = min(expires_on, ?2) WHERE code = ?1",
            params![code, last_day.to_string()],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound {
                what: format!("ссылка для класса {code}"),
            });
        }
        Ok(())
    }
}

fn found(changed: usize, id: i64) -> Result<(), StoreError> {
    if changed == 0 {
        Err(StoreError::NotFound {
            what: format!("урок № {id}"),
        })
    } else {
        Ok(())
    }
}
