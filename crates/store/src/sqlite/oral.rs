//! The SQLite engine's side of [`OralHistory`]: narrators and their private data, question
//! guides, interview projects, support notes and tasks. Small writes, each its own short
//! transaction on the writer connection.

use super::SqliteStore;
use super::accounts::{now_text, or_missing, parse_at};
use crate::StoreError;
use crate::oral::{
    By, GuideText, GuideVersion, Narrator, NarratorFields, NewStep, NewSupportNote, NewTask,
    OralHistory, PrivateContacts, Project, ProjectPlan, Step, SupportNote, Task, Tick,
};
use jiff::civil::Date;
use letopis_core::RecordId;
use letopis_core::names::normalize;
use letopis_core::oral::{NarratorCategory, Stage, SupportKind};
use letopis_core::{GuideId, GuideVersionId, NarratorId, ProjectId, TaskId, UserId};
use rusqlite::{Connection, OptionalExtension, Row, params};

const NARRATOR_COLUMNS: &str = "id, name, category, person_id, created_at, updated_at";
const GUIDE_COLUMNS: &str = "id, guide_id, version, title, about, questions, author, at";
const PROJECT_COLUMNS: &str = "id, title, narrator_id, stage, interviewer, psychologist, \
     needs_psychologist, guide_version, interview_id, created_at, updated_at";
const STEP_COLUMNS: &str =
    "id, project_id, from_stage, stage, on_date, user_id, user_name, note, at";
const NOTE_COLUMNS: &str = "id, project_id, kind, timecode_ms, body, author_user, author, at";
const TASK_COLUMNS: &str = "id, assignee, project_id, body, created_at, done_at, done_by";

/// A stored stage code; one written by a newer version reads as «proposed» rather than failing
/// the whole list.
fn stage(code: &str) -> Stage {
    Stage::from_code(code).unwrap_or(Stage::Proposed)
}

fn narrator_from_row(r: &Row<'_>) -> rusqlite::Result<Narrator> {
    Ok(Narrator {
        id: r.get(0)?,
        name: r.get(1)?,
        category: NarratorCategory::from_code(&r.get::<_, String>(2)?)
            .unwrap_or(NarratorCategory::Other),
        person: r.get::<_, Option<i64>>(3)?.map(RecordId),
        created_at: parse_at(&r.get::<_, String>(4)?),
        updated_at: parse_at(&r.get::<_, String>(5)?),
    })
}

fn guide_from_row(r: &Row<'_>) -> rusqlite::Result<GuideVersion> {
    let questions: String = r.get(5)?;
    Ok(GuideVersion {
        id: r.get(0)?,
        guide_id: r.get(1)?,
        version: r.get(2)?,
        title: r.get(3)?,
        about: r.get(4)?,
        questions: serde_json::from_str(&questions).unwrap_or_default(),
        author: r.get(6)?,
        at: parse_at(&r.get::<_, String>(7)?),
    })
}

fn project_from_row(r: &Row<'_>) -> rusqlite::Result<Project> {
    Ok(Project {
        id: r.get(0)?,
        title: r.get(1)?,
        narrator_id: r.get(2)?,
        stage: stage(&r.get::<_, String>(3)?),
        interviewer: r.get(4)?,
        psychologist: r.get(5)?,
        needs_psychologist: r.get(6)?,
        guide_version: r.get(7)?,
        interview: r.get::<_, Option<i64>>(8)?.map(RecordId),
        created_at: parse_at(&r.get::<_, String>(9)?),
        updated_at: parse_at(&r.get::<_, String>(10)?),
    })
}

fn step_from_row(r: &Row<'_>) -> rusqlite::Result<Step> {
    Ok(Step {
        id: r.get(0)?,
        project_id: r.get(1)?,
        from: r.get::<_, Option<String>>(2)?.map(|c| stage(&c)),
        stage: stage(&r.get::<_, String>(3)?),
        on: r
            .get::<_, String>(4)?
            .parse()
            .unwrap_or(jiff::civil::date(1970, 1, 1)),
        user_id: r.get(5)?,
        user_name: r.get(6)?,
        note: r.get(7)?,
        at: parse_at(&r.get::<_, String>(8)?),
    })
}

fn note_from_row(r: &Row<'_>) -> rusqlite::Result<SupportNote> {
    Ok(SupportNote {
        id: r.get(0)?,
        project_id: r.get(1)?,
        kind: SupportKind::from_code(&r.get::<_, String>(2)?).unwrap_or(SupportKind::Break),
        timecode_ms: r
            .get::<_, Option<i64>>(3)?
            .and_then(|t| u32::try_from(t).ok()),
        body: r.get(4)?,
        author_user: r.get(5)?,
        author: r.get(6)?,
        at: parse_at(&r.get::<_, String>(7)?),
    })
}

fn task_from_row(r: &Row<'_>) -> rusqlite::Result<Task> {
    Ok(Task {
        id: r.get(0)?,
        assignee: r.get(1)?,
        project_id: r.get(2)?,
        body: r.get(3)?,
        created_at: parse_at(&r.get::<_, String>(4)?),
        done_at: r.get::<_, Option<String>>(5)?.map(|t| parse_at(&t)),
        done_by: r.get(6)?,
    })
}

fn exists(conn: &Connection, table: &str, id: i64) -> Result<bool, StoreError> {
    // `table` is one of this module's own table names, never user text.
    Ok(conn.query_row(
        &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"),
        [id],
        |r| r.get(0),
    )?)
}

fn one_row(changed: usize, what: String) -> Result<(), StoreError> {
    if changed == 0 {
        return Err(StoreError::not_found(what));
    }
    Ok(())
}

fn insert_version(
    conn: &Connection,
    guide_id: i64,
    version: i64,
    text: &GuideText,
    author: (Option<i64>, &str),
) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO question_guide_versions
         (guide_id, version, title, about, questions, author_user, author, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            guide_id,
            version,
            text.title.trim(),
            text.about.trim(),
            serde_json::to_string(&text.questions)?,
            author.0,
            author.1,
            now_text()
        ],
    )
    .map_err(or_missing("опросник"))?;
    Ok(conn.last_insert_rowid())
}

fn insert_guide(
    conn: &Connection,
    text: &GuideText,
    author: (Option<i64>, &str),
) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO question_guides (created_at) VALUES (?1)",
        [now_text()],
    )?;
    let id = conn.last_insert_rowid();
    insert_version(conn, id, 1, text, author)?;
    Ok(id)
}

fn insert_step(
    conn: &Connection,
    project: i64,
    from: Option<Stage>,
    step: &NewStep,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO interview_project_steps
         (project_id, from_stage, stage, on_date, user_id, user_name, note, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            project,
            from.map(Stage::code),
            step.to.code(),
            step.on.to_string(),
            step.by.user_id,
            step.by.name,
            step.note,
            now_text()
        ],
    )
    .map_err(or_missing("проект интервью"))?;
    Ok(())
}

impl OralHistory for SqliteStore {
    fn narrators(&self) -> Result<Vec<Narrator>, StoreError> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(&format!("SELECT {NARRATOR_COLUMNS} FROM narrators"))?;
        let mut list = stmt
            .query_map([], narrator_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        // Through the name normaliser, so that «Ёлкина» sorts among the «Е».
        list.sort_by_cached_key(|n| (normalize(&n.name), n.id));
        Ok(list)
    }

    fn narrator(&self, id: NarratorId) -> Result<Option<Narrator>, StoreError> {
        Ok(self
            .reader()?
            .prepare_cached(&format!(
                "SELECT {NARRATOR_COLUMNS} FROM narrators WHERE id = ?1"
            ))?
            .query_row([id], narrator_from_row)
            .optional()?)
    }

    fn create_narrator(
        &self,
        fields: &NarratorFields,
        private: &PrivateContacts,
    ) -> Result<NarratorId, StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let now = now_text();
        tx.execute(
            "INSERT INTO narrators (name, category, person_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?4)",
            params![
                fields.name.trim(),
                fields.category.code(),
                fields.person.map(|p| p.0),
                now
            ],
        )
        .map_err(or_missing("запись о человеке"))?;
        let id = tx.last_insert_rowid();
        write_private(&tx, id, private)?;
        tx.commit()?;
        Ok(NarratorId(id))
    }

    fn update_narrator(&self, id: NarratorId, fields: &NarratorFields) -> Result<(), StoreError> {
        let changed = self
            .writer()
            .execute(
                "UPDATE narrators SET name = ?2, category = ?3, person_id = ?4, updated_at = ?5
                 WHERE id = ?1",
                params![
                    id,
                    fields.name.trim(),
                    fields.category.code(),
                    fields.person.map(|p| p.0),
                    now_text()
                ],
            )
            .map_err(or_missing("запись о человеке"))?;
        one_row(changed, format!("рассказчик №{id}"))
    }

    fn private_contacts(
        &self,
        narrator_id: NarratorId,
    ) -> Result<Option<PrivateContacts>, StoreError> {
        Ok(self
            .reader()?
            .query_row(
                "SELECT address, phone, email, carer, health, preferred_times, language
                 FROM narrator_private WHERE narrator_id = ?1",
                [narrator_id],
                |r| {
                    Ok(PrivateContacts {
                        address: r.get(0)?,
                        phone: r.get(1)?,
                        email: r.get(2)?,
                        carer: r.get(3)?,
                        health: r.get(4)?,
                        preferred_times: r.get(5)?,
                        language: r.get(6)?,
                    })
                },
            )
            .optional()?)
    }

    fn set_private_contacts(
        &self,
        narrator_id: NarratorId,
        private: &PrivateContacts,
    ) -> Result<(), StoreError> {
        let conn = self.writer();
        write_private(&conn, narrator_id.0, private)
    }

    fn guides(&self) -> Result<Vec<GuideVersion>, StoreError> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {GUIDE_COLUMNS} FROM question_guide_versions v
             WHERE v.version = (SELECT max(w.version) FROM question_guide_versions w
                                WHERE w.guide_id = v.guide_id)"
        ))?;
        let mut list = stmt
            .query_map([], guide_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        list.sort_by_cached_key(|g| (normalize(&g.title), g.guide_id));
        Ok(list)
    }

    fn guide_versions(&self, guide_id: GuideId) -> Result<Vec<GuideVersion>, StoreError> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {GUIDE_COLUMNS} FROM question_guide_versions WHERE guide_id = ?1
             ORDER BY version DESC"
        ))?;
        let list = stmt
            .query_map([guide_id], guide_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(list)
    }

    fn guide_version(&self, id: GuideVersionId) -> Result<Option<GuideVersion>, StoreError> {
        Ok(self
            .reader()?
            .prepare_cached(&format!(
                "SELECT {GUIDE_COLUMNS} FROM question_guide_versions WHERE id = ?1"
            ))?
            .query_row([id], guide_from_row)
            .optional()?)
    }

    fn create_guide(&self, text: &GuideText, by: &By) -> Result<GuideId, StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let id = insert_guide(&tx, text, (Some(by.user_id.0), &by.name))?;
        tx.commit()?;
        Ok(GuideId(id))
    }

    fn revise_guide(
        &self,
        guide_id: GuideId,
        text: &GuideText,
        by: &By,
    ) -> Result<GuideVersionId, StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let last: Option<i64> = tx.query_row(
            "SELECT max(version) FROM question_guide_versions WHERE guide_id = ?1",
            [guide_id],
            |r| r.get(0),
        )?;
        let Some(last) = last else {
            return Err(StoreError::not_found(format!("опросник №{guide_id}")));
        };
        let id = insert_version(
            &tx,
            guide_id.0,
            last + 1,
            text,
            (Some(by.user_id.0), &by.name),
        )?;
        tx.commit()?;
        Ok(GuideVersionId(id))
    }

    fn seed_guides(&self, guides: &[GuideText], author: &str) -> Result<usize, StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let existing: i64 =
            tx.query_row("SELECT count(*) FROM question_guides", [], |r| r.get(0))?;
        if existing > 0 {
            return Ok(0);
        }
        for text in guides {
            insert_guide(&tx, text, (None, author))?;
        }
        tx.commit()?;
        Ok(guides.len())
    }

    fn projects(&self) -> Result<Vec<Project>, StoreError> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {PROJECT_COLUMNS} FROM interview_projects ORDER BY id DESC"
        ))?;
        let list = stmt
            .query_map([], project_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(list)
    }

    fn project(&self, id: ProjectId) -> Result<Option<Project>, StoreError> {
        Ok(self
            .reader()?
            .prepare_cached(&format!(
                "SELECT {PROJECT_COLUMNS} FROM interview_projects WHERE id = ?1"
            ))?
            .query_row([id], project_from_row)
            .optional()?)
    }

    fn create_project(
        &self,
        plan: &ProjectPlan,
        by: &By,
        on: Date,
    ) -> Result<ProjectId, StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let now = now_text();
        tx.execute(
            "INSERT INTO interview_projects (title, narrator_id, stage, interviewer, psychologist,
             needs_psychologist, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![
                plan.title.trim(),
                plan.narrator_id,
                Stage::Proposed.code(),
                plan.interviewer,
                plan.psychologist,
                plan.needs_psychologist,
                now
            ],
        )
        .map_err(or_missing("рассказчик или участник"))?;
        let id = tx.last_insert_rowid();
        let first = NewStep {
            from: Stage::Proposed,
            to: Stage::Proposed,
            on,
            by: by.clone(),
            note: String::new(),
        };
        insert_step(&tx, id, None, &first)?;
        tx.commit()?;
        Ok(ProjectId(id))
    }

    fn update_plan(&self, id: ProjectId, plan: &ProjectPlan) -> Result<(), StoreError> {
        let changed = self
            .writer()
            .execute(
                "UPDATE interview_projects SET title = ?2, narrator_id = ?3, interviewer = ?4,
                 psychologist = ?5, needs_psychologist = ?6, updated_at = ?7 WHERE id = ?1",
                params![
                    id,
                    plan.title.trim(),
                    plan.narrator_id,
                    plan.interviewer,
                    plan.psychologist,
                    plan.needs_psychologist,
                    now_text()
                ],
            )
            .map_err(or_missing("рассказчик или участник"))?;
        one_row(changed, format!("проект №{id}"))
    }

    fn set_materials(
        &self,
        id: ProjectId,
        guide_version: Option<GuideVersionId>,
        interview: Option<RecordId>,
    ) -> Result<(), StoreError> {
        let changed = self
            .writer()
            .execute(
                "UPDATE interview_projects SET guide_version = ?2, interview_id = ?3,
                 updated_at = ?4 WHERE id = ?1",
                params![id, guide_version, interview.map(|r| r.0), now_text()],
            )
            .map_err(or_missing("версия опросника или запись интервью"))?;
        one_row(changed, format!("проект №{id}"))
    }

    fn ticks(&self, project_id: ProjectId) -> Result<Vec<Tick>, StoreError> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(
            "SELECT stage, item, user_name, at FROM interview_project_checks
             WHERE project_id = ?1 ORDER BY at, item",
        )?;
        let list = stmt
            .query_map([project_id], |r| {
                Ok(Tick {
                    stage: stage(&r.get::<_, String>(0)?),
                    item: r.get(1)?,
                    user_name: r.get(2)?,
                    at: parse_at(&r.get::<_, String>(3)?),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(list)
    }

    fn set_tick(
        &self,
        project_id: ProjectId,
        stage: Stage,
        item: &str,
        done: bool,
        by: &By,
    ) -> Result<(), StoreError> {
        let conn = self.writer();
        if !exists(&conn, "interview_projects", project_id.0)? {
            return Err(StoreError::not_found(format!("проект №{project_id}")));
        }
        if done {
            // A second tick keeps who ticked it first, and when.
            conn.execute(
                "INSERT INTO interview_project_checks (project_id, stage, item, user_id, user_name, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
                params![project_id, stage.code(), item, by.user_id, by.name, now_text()],
            )?;
        } else {
            conn.execute(
                "DELETE FROM interview_project_checks
                 WHERE project_id = ?1 AND stage = ?2 AND item = ?3",
                params![project_id, stage.code(), item],
            )?;
        }
        Ok(())
    }

    fn steps(&self, project_id: ProjectId) -> Result<Vec<Step>, StoreError> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {STEP_COLUMNS} FROM interview_project_steps WHERE project_id = ?1 ORDER BY id"
        ))?;
        let list = stmt
            .query_map([project_id], step_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(list)
    }

    fn all_steps(&self) -> Result<Vec<Step>, StoreError> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {STEP_COLUMNS} FROM interview_project_steps ORDER BY id"
        ))?;
        let list = stmt
            .query_map([], step_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(list)
    }

    fn move_stage(&self, project_id: ProjectId, step: &NewStep) -> Result<bool, StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        // Compare and set: two people moving the same project at once cannot both win.
        let changed = tx.execute(
            "UPDATE interview_projects SET stage = ?3, updated_at = ?4
             WHERE id = ?1 AND stage = ?2",
            params![project_id, step.from.code(), step.to.code(), now_text()],
        )?;
        if changed == 0 {
            if exists(&tx, "interview_projects", project_id.0)? {
                return Ok(false);
            }
            return Err(StoreError::not_found(format!("проект №{project_id}")));
        }
        insert_step(&tx, project_id.0, Some(step.from), step)?;
        tx.commit()?;
        Ok(true)
    }

    fn support_notes(&self, project_id: ProjectId) -> Result<Vec<SupportNote>, StoreError> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {NOTE_COLUMNS} FROM interview_support_notes WHERE project_id = ?1 ORDER BY id"
        ))?;
        let list = stmt
            .query_map([project_id], note_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(list)
    }

    fn add_support_note(
        &self,
        note: &NewSupportNote,
        follow_up: &[NewTask],
    ) -> Result<i64, StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let now = now_text();
        tx.execute(
            "INSERT INTO interview_support_notes
             (project_id, kind, timecode_ms, body, author_user, author, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                note.project_id,
                note.kind.code(),
                note.timecode_ms,
                note.body.trim(),
                note.by.user_id,
                note.by.name,
                now
            ],
        )
        .map_err(or_missing("проект интервью"))?;
        let id = tx.last_insert_rowid();
        for task in follow_up {
            insert_task(&tx, task, &now)?;
        }
        tx.commit()?;
        Ok(id)
    }

    fn open_tasks(&self, user_id: UserId) -> Result<Vec<Task>, StoreError> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {TASK_COLUMNS} FROM studio_tasks WHERE assignee = ?1 AND done_at IS NULL
             ORDER BY id"
        ))?;
        let list = stmt
            .query_map([user_id], task_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(list)
    }

    fn task(&self, id: TaskId) -> Result<Option<Task>, StoreError> {
        Ok(self
            .reader()?
            .prepare_cached(&format!(
                "SELECT {TASK_COLUMNS} FROM studio_tasks WHERE id = ?1"
            ))?
            .query_row([id], task_from_row)
            .optional()?)
    }

    fn complete_task(&self, id: TaskId, by: &By) -> Result<bool, StoreError> {
        let conn = self.writer();
        let changed = conn.execute(
            "UPDATE studio_tasks SET done_at = ?2, done_by = ?3 WHERE id = ?1 AND done_at IS NULL",
            params![id, now_text(), by.name],
        )?;
        if changed == 0 && !exists(&conn, "studio_tasks", id.0)? {
            return Err(StoreError::not_found(format!("задача №{id}")));
        }
        Ok(changed == 1)
    }
}

fn write_private(
    conn: &Connection,
    narrator_id: i64,
    p: &PrivateContacts,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO narrator_private
         (narrator_id, address, phone, email, carer, health, preferred_times, language, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (narrator_id) DO UPDATE SET address = excluded.address,
           phone = excluded.phone, email = excluded.email, carer = excluded.carer,
           health = excluded.health, preferred_times = excluded.preferred_times,
           language = excluded.language, updated_at = excluded.updated_at",
        params![
            narrator_id,
            p.address.trim(),
            p.phone.trim(),
            p.email.trim(),
            p.carer.trim(),
            p.health.trim(),
            p.preferred_times.trim(),
            p.language.trim(),
            now_text()
        ],
    )
    .map_err(or_missing("рассказчик"))?;
    Ok(())
}

fn insert_task(conn: &Connection, task: &NewTask, now: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO studio_tasks (assignee, project_id, body, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![task.assignee, task.project_id, task.body.trim(), now],
    )
    .map_err(or_missing(
        "участник или проект, к которому относится задача",
    ))?;
    Ok(())
}
