//! «Живые голоса» in the studio (issue #6): the planning side of the oral-history pipeline.
//!
//! - `narrators`: the register of narrators; their private contacts live apart and are shown
//!   only on their own page, to the people who need them, each view logged (`view_private`).
//! - `projects`: one project per planned interview, moving through the stages of
//!   `letopis_core::oral::Stage`, each claimed only with its checklist complete.
//! - `guides`: versioned question guides.
//! - `support`: breaks, signs of distress, declined topics and debriefs; a distress note gives
//!   the project's psychologist a task and a letter.
//! - `numbers`: hours recorded, transcribed, indexed and published for the council's report.
//!
//! Who sees what is decided here and nowhere else: [`Standing`] says what a person is on a
//! project — a coordinator (the [`Permission::CoordinateInterviews`] of their roles), or the
//! interviewer or psychologist the project names (while they still hold that role). Nobody
//! else sees a project, its notes, or its narrator; none of this is on any public path.

pub mod guides;
pub mod narrators;
pub mod numbers;
pub mod projects;
pub mod support;

use super::Staff;
use super::form::Submitted;
use crate::App;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use letopis_core::UserId;
use letopis_core::account::Role;
use letopis_core::oral::{Item, MoveRefused, NarratorCategory, Stage, SupportKind};
use letopis_store::OralHistory;
use letopis_store::accounts::User;
use letopis_store::oral::{By, Project};
use std::sync::Arc;

impl App {
    pub(crate) fn oral(&self) -> Result<Arc<dyn OralHistory>, AppError> {
        self.studio.oral.clone().ok_or(AppError::NotFound)
    }

    /// Runs a synchronous oral-history call on the blocking pool.
    pub(crate) async fn oral_call<T, F>(&self, call: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn OralHistory) -> Result<T, letopis_store::StoreError> + Send + 'static,
    {
        let oral = self.oral()?;
        tokio::task::spawn_blocking(move || call(&*oral))
            .await
            .map_err(|e| {
                tracing::error!(error = %e, "an oral-history call panicked");
                AppError::Internal
            })?
            .map_err(AppError::from)
    }
}

pub use letopis_core::access::studio::Standing;
use letopis_core::access::studio::{self as rules, Assigned};

fn assigned(project: &Project) -> Assigned {
    Assigned {
        interviewer: project.interviewer,
        psychologist: project.psychologist,
    }
}

/// Where the signed-in person stands on a project (`letopis_core::access::studio::standing`).
pub fn standing(staff: &Staff, project: &Project) -> Option<Standing> {
    rules::standing(staff.user.id, &staff.user.roles, assigned(project))
}

/// Whether the person may see a narrator and their private data
/// (`letopis_core::access::studio::may_see_narrator`).
pub fn may_see_narrator(staff: &Staff, narrator_id: i64, projects: &[Project]) -> bool {
    let theirs = projects
        .iter()
        .filter(|p| p.narrator_id == letopis_core::NarratorId(narrator_id));
    rules::may_see_narrator(staff.user.id, &staff.user.roles, theirs.map(assigned))
}

/// The signed-in person as the author of a step, tick or note.
pub fn by(staff: &Staff) -> By {
    By {
        user_id: staff.user.id,
        name: staff.user.display_name.clone(),
    }
}

pub fn user_name(users: &[User], id: Option<i64>) -> String {
    id.and_then(|id| users.iter().find(|u| u.id == letopis_core::UserId(id)))
        .map(|u| u.display_name.clone())
        .unwrap_or_default()
}

/// Form text: carriage returns dropped, trimmed, cut at `max` characters.
pub fn text(form: &Submitted<'_>, key: &str, max: usize) -> String {
    form.get(key)
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .trim()
        .chars()
        .take(max)
        .collect()
}

/// Problems with what was typed, by field, in the order found.
#[derive(Debug, Default)]
pub struct Errors(Vec<(&'static str, String)>);

impl Errors {
    pub fn add(&mut self, key: &'static str, message: impl Into<String>) {
        self.0.push((key, message.into()));
    }

    pub fn get(&self, key: &str) -> String {
        self.0
            .iter()
            .filter(|(k, _)| *k == key)
            .map(|(_, m)| m.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// For the summary above a form: `(field key, message)`.
    pub fn list(&self) -> Vec<(String, String)> {
        self.0
            .iter()
            .map(|(k, m)| (k.to_string(), m.clone()))
            .collect()
    }
}

/// One text field of a form, with its value and problem. Label and hint are already in the
/// page's language.
pub struct Input {
    pub key: &'static str,
    pub label: String,
    pub hint: String,
    pub value: String,
    pub error: String,
    /// 0: one line; otherwise a text area of this many rows.
    pub rows: u32,
}

impl Input {
    pub fn new(key: &'static str, label: impl Into<String>, hint: impl Into<String>) -> Input {
        Input {
            key,
            label: label.into(),
            hint: hint.into(),
            value: String::new(),
            error: String::new(),
            rows: 0,
        }
    }

    pub fn area(mut self, rows: u32) -> Input {
        self.rows = rows;
        self
    }

    pub fn filled(mut self, value: impl Into<String>, errors: &Errors) -> Input {
        self.value = value.into();
        self.error = errors.get(self.key);
        self
    }

    /// The ids that describe the field, for `aria-describedby`.
    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if !self.hint.is_empty() {
            ids.push(format!("{}-hint", self.key));
        }
        if !self.error.is_empty() {
            ids.push(format!("{}-error", self.key));
        }
        ids.join(" ")
    }
}

/// One choice of a select: `(code, label, selected)`.
pub type Options = Vec<(String, String, bool)>;

/// People with `role` who may be assigned, and «не назначен» first.
pub fn people_with(t: &Tr, users: &[User], role: Role, chosen: Option<i64>) -> Options {
    let mut options = vec![(
        "".to_string(),
        t.msg("studio-oral-unassigned"),
        chosen.is_none(),
    )];
    options.extend(
        users
            .iter()
            .filter(|u| u.roles.has(role) && (!u.disabled || Some(u.id) == chosen.map(UserId)))
            .map(|u| {
                (
                    u.id.to_string(),
                    u.display_name.clone(),
                    Some(u.id) == chosen.map(UserId),
                )
            }),
    );
    options
}

/// A day as people read it («2 марта 2026 г.», "2 March 2026"), through the one EDTF renderer.
pub fn day(t: &Tr, d: jiff::civil::Date) -> String {
    let text = d.to_string();
    letopis_core::Edtf::parse(&text)
        .map(|e| t.date(&e))
        .unwrap_or(text)
}

// The labels of core's oral-history values. Core keeps its Russian `label_ru` for the command
// line and its own messages; the studio words them through Fluent by code (`_` as `-`), as
// `Tr::label` does for values with a serde name (these have only `code()`).

/// The label `<prefix>-<code>`, with `_` in the code as `-`.
pub(crate) fn by_code(t: &Tr, prefix: &str, code: &str) -> String {
    t.msg(&format!("{prefix}-{}", code.replace('_', "-")))
}

/// «интервью записано» / "interview recorded".
pub fn stage_label(t: &Tr, stage: Stage) -> String {
    by_code(t, "studio-oral-stage", stage.code())
}

pub fn category_label(t: &Tr, category: NarratorCategory) -> String {
    by_code(t, "studio-oral-category", category.code())
}

pub fn support_kind_label(t: &Tr, kind: SupportKind) -> String {
    by_code(t, "studio-oral-support", kind.code())
}

/// A checklist item of `stage`: item codes are unique only within their stage.
pub fn item_label(t: &Tr, stage: Stage, item: &Item) -> String {
    by_code(
        t,
        &format!("studio-oral-check-{}", stage.code().replace('_', "-")),
        item.code,
    )
}

/// Why a project may not move, in the page's language (core's `Display` is Russian only).
pub fn move_refused(t: &Tr, refused: &MoveRefused) -> String {
    let stage = |s: Stage| stage_label(t, s);
    match refused {
        MoveRefused::Final(s) => {
            t.args("studio-oral-refused-final", &[("stage", stage(*s).into())])
        }
        MoveRefused::NotNext { from, to } => t.args(
            "studio-oral-refused-not-next",
            &[
                ("from", stage(*from).into()),
                (
                    "next",
                    from.next().map(stage).unwrap_or_else(|| "—".into()).into(),
                ),
                ("to", stage(*to).into()),
            ],
        ),
        MoveRefused::Missing { to, missing } => {
            // Core names the missing items by their Russian label; the stage's checklist gives
            // each one's code back.
            let missing: Vec<String> = missing
                .iter()
                .map(|label| {
                    to.checklist()
                        .iter()
                        .find(|i| i.label == *label)
                        .map(|i| item_label(t, *to, i))
                        .unwrap_or_else(|| label.to_string())
                })
                .collect();
            t.args(
                "studio-oral-refused-missing",
                &[
                    ("stage", stage(*to).into()),
                    ("missing", missing.join("; ").into()),
                ],
            )
        }
        MoveRefused::NoReason(s) => t.args(
            "studio-oral-refused-no-reason",
            &[("stage", stage(*s).into())],
        ),
        MoveRefused::AfterPublication => t.msg("studio-oral-refused-after-publication"),
    }
}
