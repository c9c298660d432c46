//! The PostgreSQL engine's side of [`OralHistory`] (`sqlite/oral.rs` in PostgreSQL's dialect):
//! narrators and their private data, question guides, interview projects, support notes and
//! tasks. Small writes, each one statement or a short transaction.

use super::PgStore;
use super::accounts::{now_text, or_missing, parse_at, user_at};
use super::value::{Sql, params};
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
use postgres::{GenericClient, Row};

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

fn narrator_from_row(r: &Row) -> Result<Narrator, StoreError> {
    Ok(Narrator {
        id: NarratorId(r.try_get(0)?),
        name: r.try_get(1)?,
        category: NarratorCategory::from_code(r.try_get(2)?).unwrap_or(NarratorCategory::Other),
        person: r.try_get::<_, Option<i64>>(3)?.map(RecordId),
        created_at: parse_at(r.try_get(4)?),
        updated_at: parse_at(r.try_get(5)?),
    })
}

fn guide_from_row(r: &Row) -> Result<GuideVersion, StoreError> {
    Ok(GuideVersion {
        id: GuideVersionId(r.try_get(0)?),
        guide_id: GuideId(r.try_get(1)?),
        version: r.try_get(2)?,
        title: r.try_get(3)?,
        about: r.try_get(4)?,
        questions: serde_json::from_str(r.try_get(5)?).unwrap_or_default(),
        author: r.try_get(6)?,
        at: parse_at(r.try_get(7)?),
    })
}

fn project_from_row(r: &Row) -> Result<Project, StoreError> {
    Ok(Project {
        id: ProjectId(r.try_get(0)?),
        title: r.try_get(1)?,
        narrator_id: NarratorId(r.try_get(2)?),
        stage: stage(r.try_get(3)?),
        interviewer: user_at(r, 4)?,
        psychologist: user_at(r, 5)?,
        needs_psychologist: r.try_get(6)?,
        guide_version: r.try_get::<_, Option<i64>>(7)?.map(GuideVersionId),
        interview: r.try_get::<_, Option<i64>>(8)?.map(RecordId),
        created_at: parse_at(r.try_get(9)?),
        updated_at: parse_at(r.try_get(10)?),
    })
}

fn step_from_row(r: &Row) -> Result<Step, StoreError> {
    Ok(Step {
        id: r.try_get(0)?,
        project_id: ProjectId(r.try_get(1)?),
        from: r.try_get::<_, Option<&str>>(2)?.map(stage),
        stage: stage(r.try_get(3)?),
        on: r
            .try_get::<_, &str>(4)?
            .parse()
            .unwrap_or(jiff::civil::date(1970, 1, 1)),
        user_id: user_at(r, 5)?,
        user_name: r.try_get(6)?,
        note: r.try_get(7)?,
        at: parse_at(r.try_get(8)?),
    })
}

fn note_from_row(r: &Row) -> Result<SupportNote, StoreError> {
    Ok(SupportNote {
        id: r.try_get(0)?,
        project_id: ProjectId(r.try_get(1)?),
        kind: SupportKind::from_code(r.try_get(2)?).unwrap_or(SupportKind::Break),
        timecode_ms: r
            .try_get::<_, Option<i64>>(3)?
            .and_then(|t| u32::try_from(t).ok()),
        body: r.try_get(4)?,
        author_user: user_at(r, 5)?,
        author: r.try_get(6)?,
        at: parse_at(r.try_get(7)?),
    })
}

fn task_from_row(r: &Row) -> Result<Task, StoreError> {
    Ok(Task {
        id: TaskId(r.try_get(0)?),
        assignee: UserId(r.try_get(1)?),
        project_id: r.try_get::<_, Option<i64>>(2)?.map(ProjectId),
        body: r.try_get(3)?,
        created_at: parse_at(r.try_get(4)?),
        done_at: r.try_get::<_, Option<&str>>(5)?.map(parse_at),
        done_by: r.try_get(6)?,
    })
}

fn exists(c: &mut impl GenericClient, table: &str, id: i64) -> Result<bool, StoreError> {
    // `table` is one of this module's own table names, never user text.
    c.one(
        &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = $1)"),
        &params![id],
    )
}

fn one_row(changed: u64, what: String) -> Result<(), StoreError> {
    if changed == 0 {
        return Err(StoreError::not_found(what));
    }
    Ok(())
}

fn insert_version(
    c: &mut impl GenericClient,
    guide_id: i64,
    version: i64,
    text: &GuideText,
    author: (Option<i64>, &str),
) -> Result<i64, StoreError> {
    let row = c
        .query_one(
            "INSERT INTO question_guide_versions
             (guide_id, version, title, about, questions, author_user, author, at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            &[
                &guide_id,
                &version,
                &text.title.trim(),
                &text.about.trim(),
                &serde_json::to_string(&text.questions)?,
                &author.0,
                &author.1,
                &now_text(),
            ],
        )
        .map_err(or_missing("опросник"))?;
    Ok(row.try_get(0)?)
}

fn insert_guide(
    c: &mut impl GenericClient,
    text: &GuideText,
    author: (Option<i64>, &str),
) -> Result<i64, StoreError> {
    let id: i64 = c.one(
        "INSERT INTO question_guides (created_at) VALUES ($1) RETURNING id",
        &params![now_text()],
    )?;
    insert_version(c, id, 1, text, author)?;
    Ok(id)
}

fn insert_step(
    c: &mut impl GenericClient,
    project: i64,
    from: Option<Stage>,
    step: &NewStep,
) -> Result<(), StoreError> {
    c.try_run(
        "INSERT INTO interview_project_steps
         (project_id, from_stage, stage, on_date, user_id, user_name, note, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        &params![
            project,
            from.map(Stage::code),
            step.to.code(),
            step.on.to_string(),
            step.by.user_id,
            step.by.name.as_str(),
            step.note.as_str(),
            now_text()
        ],
    )
    .map_err(or_missing("проект интервью"))?;
    Ok(())
}

fn write_private(
    c: &mut impl GenericClient,
    narrator_id: i64,
    p: &PrivateContacts,
) -> Result<(), StoreError> {
    c.try_run(
        "INSERT INTO narrator_private
         (narrator_id, address, phone, email, carer, health, preferred_times, language, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (narrator_id) DO UPDATE SET address = excluded.address,
           phone = excluded.phone, email = excluded.email, carer = excluded.carer,
           health = excluded.health, preferred_times = excluded.preferred_times,
           language = excluded.language, updated_at = excluded.updated_at",
        &params![
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

fn insert_task(c: &mut impl GenericClient, task: &NewTask, now: &str) -> Result<(), StoreError> {
    c.try_run(
        "INSERT INTO studio_tasks (assignee, project_id, body, created_at) VALUES ($1, $2, $3, $4)",
        &params![task.assignee, task.project_id, task.body.trim(), now],
    )
    .map_err(or_missing(
        "участник или проект, к которому относится задача",
    ))?;
    Ok(())
}

impl OralHistory for PgStore {
    fn narrators(&self) -> Result<Vec<Narrator>, StoreError> {
        crate::postgres::off_runtime(|| {
            let rows = self
                .conn()?
                .rows(&format!("SELECT {NARRATOR_COLUMNS} FROM narrators"), &[])?;
            let mut list = rows
                .iter()
                .map(narrator_from_row)
                .collect::<Result<Vec<_>, _>>()?;
            // Through the name normaliser, so that «Ёлкина» sorts among the «Е».
            list.sort_by_cached_key(|n| (normalize(&n.name), n.id));
            Ok(list)
        })
    }

    fn narrator(&self, id: NarratorId) -> Result<Option<Narrator>, StoreError> {
        crate::postgres::off_runtime(|| {
            self.conn()?
                .row(
                    &format!("SELECT {NARRATOR_COLUMNS} FROM narrators WHERE id = $1"),
                    &params![id],
                )?
                .map(|r| narrator_from_row(&r))
                .transpose()
        })
    }

    fn create_narrator(
        &self,
        fields: &NarratorFields,
        private: &PrivateContacts,
    ) -> Result<NarratorId, StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let mut tx = conn.transaction()?;
            let row = tx
                .query_one(
                    "INSERT INTO narrators (name, category, person_id, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $4) RETURNING id",
                    &[
                        &fields.name.trim(),
                        &fields.category.code(),
                        &fields.person.map(|p| p.0),
                        &now_text(),
                    ],
                )
                .map_err(or_missing("запись о человеке"))?;
            let id: i64 = row.try_get(0)?;
            write_private(&mut tx, id, private)?;
            tx.commit()?;
            Ok(NarratorId(id))
        })
    }

    fn update_narrator(&self, id: NarratorId, fields: &NarratorFields) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            let changed = self
                .conn()?
                .try_run(
                    "UPDATE narrators SET name = $2, category = $3, person_id = $4, updated_at = $5
                 WHERE id = $1",
                    &params![
                        id,
                        fields.name.trim(),
                        fields.category.code(),
                        fields.person,
                        now_text()
                    ],
                )
                .map_err(or_missing("запись о человеке"))?;
            one_row(changed, format!("рассказчик №{id}"))
        })
    }

    fn private_contacts(
        &self,
        narrator_id: NarratorId,
    ) -> Result<Option<PrivateContacts>, StoreError> {
        crate::postgres::off_runtime(|| {
            let row = self.conn()?.row(
                "SELECT address, phone, email, carer, health, preferred_times, language
             FROM narrator_private WHERE narrator_id = $1",
                &params![narrator_id],
            )?;
            row.map(|r| {
                Ok(PrivateContacts {
                    address: r.try_get(0)?,
                    phone: r.try_get(1)?,
                    email: r.try_get(2)?,
                    carer: r.try_get(3)?,
                    health: r.try_get(4)?,
                    preferred_times: r.try_get(5)?,
                    language: r.try_get(6)?,
                })
            })
            .transpose()
        })
    }

    fn set_private_contacts(
        &self,
        narrator_id: NarratorId,
        private: &PrivateContacts,
    ) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| write_private(&mut *self.conn()?, narrator_id.0, private))
    }

    fn guides(&self) -> Result<Vec<GuideVersion>, StoreError> {
        crate::postgres::off_runtime(|| {
            let rows = self.conn()?.rows(
                &format!(
                    "SELECT {GUIDE_COLUMNS} FROM question_guide_versions v
                 WHERE v.version = (SELECT max(w.version) FROM question_guide_versions w
                                    WHERE w.guide_id = v.guide_id)"
                ),
                &[],
            )?;
            let mut list = rows
                .iter()
                .map(guide_from_row)
                .collect::<Result<Vec<_>, _>>()?;
            list.sort_by_cached_key(|g| (normalize(&g.title), g.guide_id));
            Ok(list)
        })
    }

    fn guide_versions(&self, guide_id: GuideId) -> Result<Vec<GuideVersion>, StoreError> {
        crate::postgres::off_runtime(|| {
            self.conn()?
                .rows(
                    &format!(
                        "SELECT {GUIDE_COLUMNS} FROM question_guide_versions WHERE guide_id = $1
                     ORDER BY version DESC"
                    ),
                    &params![guide_id],
                )?
                .iter()
                .map(guide_from_row)
                .collect()
        })
    }

    fn guide_version(&self, id: GuideVersionId) -> Result<Option<GuideVersion>, StoreError> {
        crate::postgres::off_runtime(|| {
            self.conn()?
                .row(
                    &format!("SELECT {GUIDE_COLUMNS} FROM question_guide_versions WHERE id = $1"),
                    &params![id],
                )?
                .map(|r| guide_from_row(&r))
                .transpose()
        })
    }

    fn create_guide(&self, text: &GuideText, by: &By) -> Result<GuideId, StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let mut tx = conn.transaction()?;
            let id = insert_guide(&mut tx, text, (Some(by.user_id.0), &by.name))?;
            tx.commit()?;
            Ok(GuideId(id))
        })
    }

    fn revise_guide(
        &self,
        guide_id: GuideId,
        text: &GuideText,
        by: &By,
    ) -> Result<GuideVersionId, StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let mut tx = conn.transaction()?;
            // The guide's row locked: two revisions at once number themselves one after the other
            // instead of colliding on the same version.
            if tx
                .row(
                    "SELECT id FROM question_guides WHERE id = $1 FOR UPDATE",
                    &params![guide_id],
                )?
                .is_none()
            {
                return Err(StoreError::not_found(format!("опросник №{guide_id}")));
            }
            let last: Option<i64> = tx.one(
                "SELECT max(version) FROM question_guide_versions WHERE guide_id = $1",
                &params![guide_id],
            )?;
            let Some(last) = last else {
                return Err(StoreError::not_found(format!("опросник №{guide_id}")));
            };
            let id = insert_version(
                &mut tx,
                guide_id.0,
                last + 1,
                text,
                (Some(by.user_id.0), &by.name),
            )?;
            tx.commit()?;
            Ok(GuideVersionId(id))
        })
    }

    fn seed_guides(&self, guides: &[GuideText], author: &str) -> Result<usize, StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let mut tx = conn.transaction()?;
            let existing: i64 = tx.one("SELECT count(*) FROM question_guides", &[])?;
            if existing > 0 {
                return Ok(0);
            }
            for text in guides {
                insert_guide(&mut tx, text, (None, author))?;
            }
            tx.commit()?;
            Ok(guides.len())
        })
    }

    fn projects(&self) -> Result<Vec<Project>, StoreError> {
        crate::postgres::off_runtime(|| {
            self.conn()?
                .rows(
                    &format!("SELECT {PROJECT_COLUMNS} FROM interview_projects ORDER BY id DESC"),
                    &[],
                )?
                .iter()
                .map(project_from_row)
                .collect()
        })
    }

    fn project(&self, id: ProjectId) -> Result<Option<Project>, StoreError> {
        crate::postgres::off_runtime(|| {
            self.conn()?
                .row(
                    &format!("SELECT {PROJECT_COLUMNS} FROM interview_projects WHERE id = $1"),
                    &params![id],
                )?
                .map(|r| project_from_row(&r))
                .transpose()
        })
    }

    fn create_project(
        &self,
        plan: &ProjectPlan,
        by: &By,
        on: Date,
    ) -> Result<ProjectId, StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let mut tx = conn.transaction()?;
            let row = tx
                .query_one(
                    "INSERT INTO interview_projects (title, narrator_id, stage, interviewer,
                 psychologist, needs_psychologist, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
                    &[
                        &plan.title.trim(),
                        &plan.narrator_id.0,
                        &Stage::Proposed.code(),
                        &plan.interviewer.map(|u| u.0),
                        &plan.psychologist.map(|u| u.0),
                        &plan.needs_psychologist,
                        &now_text(),
                    ],
                )
                .map_err(or_missing("рассказчик или участник"))?;
            let id: i64 = row.try_get(0)?;
            let first = NewStep {
                from: Stage::Proposed,
                to: Stage::Proposed,
                on,
                by: by.clone(),
                note: String::new(),
            };
            insert_step(&mut tx, id, None, &first)?;
            tx.commit()?;
            Ok(ProjectId(id))
        })
    }

    fn update_plan(&self, id: ProjectId, plan: &ProjectPlan) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            let changed = self
                .conn()?
                .try_run(
                    "UPDATE interview_projects SET title = $2, narrator_id = $3, interviewer = $4,
                 psychologist = $5, needs_psychologist = $6, updated_at = $7 WHERE id = $1",
                    &params![
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
        })
    }

    fn set_materials(
        &self,
        id: ProjectId,
        guide_version: Option<GuideVersionId>,
        interview: Option<RecordId>,
    ) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            let changed = self
                .conn()?
                .try_run(
                    "UPDATE interview_projects SET guide_version = $2, interview_id = $3,
                 updated_at = $4 WHERE id = $1",
                    &params![id, guide_version, interview, now_text()],
                )
                .map_err(or_missing("версия опросника или запись интервью"))?;
            one_row(changed, format!("проект №{id}"))
        })
    }

    fn ticks(&self, project_id: ProjectId) -> Result<Vec<Tick>, StoreError> {
        crate::postgres::off_runtime(|| {
            let rows = self.conn()?.rows(
                "SELECT stage, item, user_name, at FROM interview_project_checks
             WHERE project_id = $1 ORDER BY at, item",
                &params![project_id],
            )?;
            rows.iter()
                .map(|r| {
                    Ok(Tick {
                        stage: stage(r.try_get(0)?),
                        item: r.try_get(1)?,
                        user_name: r.try_get(2)?,
                        at: parse_at(r.try_get(3)?),
                    })
                })
                .collect()
        })
    }

    fn set_tick(
        &self,
        project_id: ProjectId,
        stage: Stage,
        item: &str,
        done: bool,
        by: &By,
    ) -> Result<(), StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            if !exists(&mut *conn, "interview_projects", project_id.0)? {
                return Err(StoreError::not_found(format!("проект №{project_id}")));
            }
            if done {
                // A second tick keeps who ticked it first, and when.
                conn.run(
                    "INSERT INTO interview_project_checks
                 (project_id, stage, item, user_id, user_name, at)
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                    &params![
                        project_id,
                        stage.code(),
                        item,
                        by.user_id,
                        by.name.as_str(),
                        now_text()
                    ],
                )?;
            } else {
                conn.run(
                    "DELETE FROM interview_project_checks
                 WHERE project_id = $1 AND stage = $2 AND item = $3",
                    &params![project_id, stage.code(), item],
                )?;
            }
            Ok(())
        })
    }

    fn steps(&self, project_id: ProjectId) -> Result<Vec<Step>, StoreError> {
        crate::postgres::off_runtime(|| {
            self.conn()?
                .rows(
                    &format!(
                        "SELECT {STEP_COLUMNS} FROM interview_project_steps WHERE project_id = $1
                     ORDER BY id"
                    ),
                    &params![project_id],
                )?
                .iter()
                .map(step_from_row)
                .collect()
        })
    }

    fn all_steps(&self) -> Result<Vec<Step>, StoreError> {
        crate::postgres::off_runtime(|| {
            self.conn()?
                .rows(
                    &format!("SELECT {STEP_COLUMNS} FROM interview_project_steps ORDER BY id"),
                    &[],
                )?
                .iter()
                .map(step_from_row)
                .collect()
        })
    }

    fn move_stage(&self, project_id: ProjectId, step: &NewStep) -> Result<bool, StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let mut tx = conn.transaction()?;
            // Compare and set: two people moving the same project at once cannot both win (the
            // second waits for the first's row lock, then finds the stage moved).
            let changed = tx.run(
                "UPDATE interview_projects SET stage = $3, updated_at = $4
             WHERE id = $1 AND stage = $2",
                &params![project_id, step.from.code(), step.to.code(), now_text()],
            )?;
            if changed == 0 {
                if exists(&mut tx, "interview_projects", project_id.0)? {
                    return Ok(false);
                }
                return Err(StoreError::not_found(format!("проект №{project_id}")));
            }
            insert_step(&mut tx, project_id.0, Some(step.from), step)?;
            tx.commit()?;
            Ok(true)
        })
    }

    fn support_notes(&self, project_id: ProjectId) -> Result<Vec<SupportNote>, StoreError> {
        crate::postgres::off_runtime(|| {
            self.conn()?
                .rows(
                    &format!(
                        "SELECT {NOTE_COLUMNS} FROM interview_support_notes WHERE project_id = $1
                     ORDER BY id"
                    ),
                    &params![project_id],
                )?
                .iter()
                .map(note_from_row)
                .collect()
        })
    }

    fn add_support_note(
        &self,
        note: &NewSupportNote,
        follow_up: &[NewTask],
    ) -> Result<i64, StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let mut tx = conn.transaction()?;
            let now = now_text();
            let row = tx
                .query_one(
                    "INSERT INTO interview_support_notes
                 (project_id, kind, timecode_ms, body, author_user, author, at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                    &[
                        &note.project_id.0,
                        &note.kind.code(),
                        &note.timecode_ms.map(i64::from),
                        &note.body.trim(),
                        &note.by.user_id.0,
                        &note.by.name,
                        &now,
                    ],
                )
                .map_err(or_missing("проект интервью"))?;
            let id: i64 = row.try_get(0)?;
            for task in follow_up {
                insert_task(&mut tx, task, &now)?;
            }
            tx.commit()?;
            Ok(id)
        })
    }

    fn open_tasks(&self, user_id: UserId) -> Result<Vec<Task>, StoreError> {
        crate::postgres::off_runtime(|| {
            self.conn()?
                .rows(
                    &format!(
                        "SELECT {TASK_COLUMNS} FROM studio_tasks WHERE assignee = $1
                     AND done_at IS NULL ORDER BY id"
                    ),
                    &params![user_id],
                )?
                .iter()
                .map(task_from_row)
                .collect()
        })
    }

    fn task(&self, id: TaskId) -> Result<Option<Task>, StoreError> {
        crate::postgres::off_runtime(|| {
            self.conn()?
                .row(
                    &format!("SELECT {TASK_COLUMNS} FROM studio_tasks WHERE id = $1"),
                    &params![id],
                )?
                .map(|r| task_from_row(&r))
                .transpose()
        })
    }

    fn complete_task(&self, id: TaskId, by: &By) -> Result<bool, StoreError> {
        crate::postgres::off_runtime(|| {
            let mut conn = self.conn()?;
            let changed = conn.run(
            "UPDATE studio_tasks SET done_at = $2, done_by = $3 WHERE id = $1 AND done_at IS NULL",
            &params![id, now_text(), by.name.as_str()],
        )?;
            if changed == 0 && !exists(&mut *conn, "studio_tasks", id.0)? {
                return Err(StoreError::not_found(format!("задача №{id}")));
            }
            Ok(changed == 1)
        })
    }
}
