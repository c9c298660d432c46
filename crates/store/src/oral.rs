//! The storage seam of the oral-history planning («Живые голоса», issue #6): the register of
//! narrators with their private contacts kept apart, versioned question guides, interview
//! projects with their steps and ticked checklists, notes of psychological support and the
//! follow-up tasks they raise.
//!
//! A trait of its own beside [`Accounts`](crate::Accounts), implemented by every engine and
//! checked by `oral_contract`. The store keeps data; which checklist a stage needs and who may
//! read private contacts are rules of `letopis_core::oral` and the studio.

use crate::StoreError;
use jiff::Timestamp;
use jiff::civil::Date;
use letopis_core::oral::{NarratorCategory, Stage, SupportKind};
use letopis_core::{GuideId, GuideVersionId, NarratorId, ProjectId, RecordId, TaskId, UserId};

/// A narrator as the register shows them: nothing private.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Narrator {
    pub id: NarratorId,
    pub name: String,
    pub category: NarratorCategory,
    /// The narrator's public profile in the base, once there is one.
    pub person: Option<RecordId>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// What the register form edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NarratorFields {
    pub name: String,
    pub category: NarratorCategory,
    pub person: Option<RecordId>,
}

/// A narrator's private data: shown only to the people who need it, each view logged
/// (DESIGN.md, invariant 4), never on a public path.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PrivateContacts {
    pub address: String,
    pub phone: String,
    pub email: String,
    /// A carer's or relative's name and how to reach them.
    pub carer: String,
    pub health: String,
    pub preferred_times: String,
    pub language: String,
}

/// One version of a question guide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideVersion {
    pub id: GuideVersionId,
    pub guide_id: GuideId,
    /// 1, 2, 3… within the guide.
    pub version: i64,
    pub title: String,
    pub about: String,
    pub questions: Vec<String>,
    pub author: String,
    pub at: Timestamp,
}

/// The text of a guide version to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideText {
    pub title: String,
    pub about: String,
    pub questions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    pub id: ProjectId,
    pub title: String,
    pub narrator_id: NarratorId,
    pub stage: Stage,
    pub interviewer: Option<UserId>,
    pub psychologist: Option<UserId>,
    /// The coordinator marked that a psychologist must be assigned before the pre-interview.
    pub needs_psychologist: bool,
    /// The question guide version the interview uses.
    pub guide_version: Option<GuideVersionId>,
    /// The Interview record, once it exists.
    pub interview: Option<RecordId>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// What a coordinator plans for a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectPlan {
    pub title: String,
    pub narrator_id: NarratorId,
    pub interviewer: Option<UserId>,
    pub psychologist: Option<UserId>,
    pub needs_psychologist: bool,
}

/// Who did something and when it happened, for steps and ticks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct By {
    pub user_id: UserId,
    pub name: String,
}

/// One move of a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub id: i64,
    pub project_id: ProjectId,
    /// `None` for the step that created the project.
    pub from: Option<Stage>,
    pub stage: Stage,
    /// The day it happened (may be earlier than the day it was entered).
    pub on: Date,
    pub user_id: Option<UserId>,
    pub user_name: String,
    pub note: String,
    pub at: Timestamp,
}

/// A move to record: applied only while the project is still at `from`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStep {
    pub from: Stage,
    pub to: Stage,
    pub on: Date,
    pub by: By,
    pub note: String,
}

/// A ticked checklist item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tick {
    pub stage: Stage,
    pub item: String,
    pub user_name: String,
    pub at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupportNote {
    pub id: i64,
    pub project_id: ProjectId,
    pub kind: SupportKind,
    pub timecode_ms: Option<u32>,
    pub body: String,
    pub author_user: Option<UserId>,
    pub author: String,
    pub at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSupportNote {
    pub project_id: ProjectId,
    pub kind: SupportKind,
    pub timecode_ms: Option<u32>,
    pub body: String,
    pub by: By,
}

/// Follow-up work for one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    pub id: TaskId,
    pub assignee: UserId,
    pub project_id: Option<ProjectId>,
    pub body: String,
    pub created_at: Timestamp,
    pub done_at: Option<Timestamp>,
    pub done_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTask {
    pub assignee: UserId,
    pub project_id: Option<ProjectId>,
    pub body: String,
}

/// Every engine meets `oral_contract`. A write naming a narrator, person record, user, guide,
/// guide version, project, Interview record or task that does not exist fails with
/// [`StoreError::NotFound`] and writes nothing.
pub trait OralHistory: Send + Sync + 'static {
    /// The register, by name.
    fn narrators(&self) -> Result<Vec<Narrator>, StoreError>;
    fn narrator(&self, id: NarratorId) -> Result<Option<Narrator>, StoreError>;
    /// Adds a narrator with their private data, in one transaction.
    fn create_narrator(
        &self,
        fields: &NarratorFields,
        private: &PrivateContacts,
    ) -> Result<NarratorId, StoreError>;
    fn update_narrator(&self, id: NarratorId, fields: &NarratorFields) -> Result<(), StoreError>;
    /// The private data; read only to show it to someone allowed, who is logged.
    fn private_contacts(
        &self,
        narrator_id: NarratorId,
    ) -> Result<Option<PrivateContacts>, StoreError>;
    fn set_private_contacts(
        &self,
        narrator_id: NarratorId,
        private: &PrivateContacts,
    ) -> Result<(), StoreError>;

    /// The current version of every guide, by title.
    fn guides(&self) -> Result<Vec<GuideVersion>, StoreError>;
    /// Every version of a guide, newest first (empty when there is no such guide).
    fn guide_versions(&self, guide_id: GuideId) -> Result<Vec<GuideVersion>, StoreError>;
    fn guide_version(&self, id: GuideVersionId) -> Result<Option<GuideVersion>, StoreError>;
    /// A new guide with its first version; returns the guide's id.
    fn create_guide(&self, text: &GuideText, by: &By) -> Result<GuideId, StoreError>;
    /// Adds the next version of a guide; returns the version's id.
    fn revise_guide(
        &self,
        guide_id: GuideId,
        text: &GuideText,
        by: &By,
    ) -> Result<GuideVersionId, StoreError>;
    /// Loads the starting guides once, under `author` (no account: the portal's own set); a
    /// base that has any keeps them. Returns how many were added.
    fn seed_guides(&self, guides: &[GuideText], author: &str) -> Result<usize, StoreError>;

    /// Every project, newest first.
    fn projects(&self) -> Result<Vec<Project>, StoreError>;
    fn project(&self, id: ProjectId) -> Result<Option<Project>, StoreError>;
    /// A project at [`Stage::Proposed`], with that first step on `on`.
    fn create_project(
        &self,
        plan: &ProjectPlan,
        by: &By,
        on: Date,
    ) -> Result<ProjectId, StoreError>;
    fn update_plan(&self, id: ProjectId, plan: &ProjectPlan) -> Result<(), StoreError>;
    /// The question guide version used and the Interview record made.
    fn set_materials(
        &self,
        id: ProjectId,
        guide_version: Option<GuideVersionId>,
        interview: Option<RecordId>,
    ) -> Result<(), StoreError>;
    fn ticks(&self, project_id: ProjectId) -> Result<Vec<Tick>, StoreError>;
    /// Ticks (or unticks) one checklist item of a stage.
    fn set_tick(
        &self,
        project_id: ProjectId,
        stage: Stage,
        item: &str,
        done: bool,
        by: &By,
    ) -> Result<(), StoreError>;
    /// Oldest first.
    fn steps(&self, project_id: ProjectId) -> Result<Vec<Step>, StoreError>;
    /// Every step of every project, oldest first (for the council's numbers).
    fn all_steps(&self) -> Result<Vec<Step>, StoreError>;
    /// Moves the project and records the step, if it is still at `step.from`; `Ok(false)` when
    /// someone else moved it meanwhile (nothing written).
    fn move_stage(&self, project_id: ProjectId, step: &NewStep) -> Result<bool, StoreError>;

    /// Oldest first.
    fn support_notes(&self, project_id: ProjectId) -> Result<Vec<SupportNote>, StoreError>;
    /// Adds a note and the follow-up tasks it raises, in one transaction.
    fn add_support_note(
        &self,
        note: &NewSupportNote,
        follow_up: &[NewTask],
    ) -> Result<i64, StoreError>;

    /// Open tasks of a person, oldest first.
    fn open_tasks(&self, user_id: UserId) -> Result<Vec<Task>, StoreError>;
    fn task(&self, id: TaskId) -> Result<Option<Task>, StoreError>;
    /// Marks a task done; `Ok(false)` when it was done already.
    fn complete_task(&self, id: TaskId, by: &By) -> Result<bool, StoreError>;
}
