//! Interview projects: one per planned interview, from «предложено» to «опубликовано» (or
//! closed, or withdrawn). A coordinator plans a project (narrator, interviewer, psychologist);
//! the interviewer and coordinators tick the checklist of the next stage and claim it, with the
//! day it happened; core's `Stage::check_move` says what is still missing. «Опубликовано» is
//! claimed only when the linked Interview record is open to an anonymous visitor through the
//! access gate, so this page never claims more than the portal shows.
//!
//! One module per action: `list`, `plan` (a new project and a changed plan), `page` (the
//! project page, built part by part), `materials` (guide and Interview record) and `stage`
//! (ticks and moves).

mod list;
mod materials;
mod page;
mod plan;
mod stage;

pub use list::list;
pub use materials::materials;
pub use page::{Again, page, project_page};
pub use plan::{create, new_form, plan};
pub use stage::stage;

use super::{Standing, standing};
use crate::App;
use crate::shell::error::AppError;
use crate::studio::Staff;
use letopis_core::account::Permission;
use letopis_core::oral::Facts;
use letopis_core::{Kind, Viewer, Workflow};
use letopis_store::oral::Project;
use serde::Deserialize;

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    done: String,
    narrator: Option<i64>,
}

/// The project if the person stands on it: 403 for anyone else, whether or not it exists.
pub async fn load_project(
    app: &App,
    staff: &Staff,
    id: i64,
) -> Result<(Project, Standing), AppError> {
    let project = app
        .oral_call(move |o| o.project(letopis_core::ProjectId(id)))
        .await?;
    match project {
        Some(p) => match standing(staff, &p) {
            Some(s) => Ok((p, s)),
            None => Err(AppError::Forbidden),
        },
        None if staff.may(Permission::CoordinateInterviews) => Err(AppError::NotFound),
        None => Err(AppError::Forbidden),
    }
}

/// What the project's data says, for the derived checklist items. Whether the Interview record
/// is public is asked of the access gate as an anonymous visitor: the portal's own answer.
async fn facts(app: &App, p: &Project, debrief: bool) -> Result<Facts, AppError> {
    let interview_public = match p.interview {
        Some(rid) => app
            .read(Viewer::anonymous(), move |gate| gate.get(rid))
            .await?
            .is_some_and(|r| {
                r.record.kind() == Kind::Interview && r.record.meta.workflow == Workflow::Published
            }),
        None => false,
    };
    Ok(Facts {
        interviewer: p.interviewer.is_some(),
        needs_psychologist: p.needs_psychologist,
        psychologist: p.psychologist.is_some(),
        guide: p.guide_version.is_some(),
        interview: p.interview.is_some(),
        debrief,
        interview_public,
    })
}
