//! The plan of a project — title, narrator, interviewer, psychologist — as a new project and
//! as a coordinator's change to an existing one.

use super::page::{Again, project_page};
use super::{ListQuery, load_project};
use crate::App;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use crate::studio::form::Submitted;
use crate::studio::oral::{
    Errors, Input, Options, by, category_label, people_with, text, user_name,
};
use crate::studio::{Frame, Staff, render, see_other};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use letopis_core::account::{Permission, Role};
use letopis_store::accounts::User;
use letopis_store::oral::{Narrator, Project, ProjectPlan};

#[derive(Clone, Default)]
pub struct PlanTyped {
    title: String,
    narrator: String,
    interviewer: String,
    psychologist: String,
    needs_psychologist: bool,
}

impl PlanTyped {
    fn read(form: &Submitted<'_>) -> PlanTyped {
        PlanTyped {
            title: text(form, "title", 400),
            narrator: text(form, "narrator", 30),
            interviewer: text(form, "interviewer", 30),
            psychologist: text(form, "psychologist", 30),
            needs_psychologist: !form.get("needs_psychologist").is_empty(),
        }
    }

    pub(super) fn of(p: &Project) -> PlanTyped {
        let id = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
        PlanTyped {
            title: p.title.clone(),
            narrator: p.narrator_id.to_string(),
            interviewer: id(p.interviewer.map(|id| id.0)),
            psychologist: id(p.psychologist.map(|id| id.0)),
            needs_psychologist: p.needs_psychologist,
        }
    }

    /// Someone with `role` among the users, or what is wrong.
    fn person(
        text: &str,
        users: &[User],
        role: Role,
        key: &'static str,
        message: String,
        errors: &mut Errors,
    ) -> Option<letopis_core::UserId> {
        if text.is_empty() {
            return None;
        }
        let found = text
            .parse::<i64>()
            .ok()
            .and_then(|id| users.iter().find(|u| u.id == letopis_core::UserId(id)))
            .filter(|u| u.roles.has(role) && !u.disabled);
        if found.is_none() {
            errors.add(key, message);
        }
        found.map(|u| u.id)
    }

    fn check(
        &self,
        t: &Tr,
        narrators: &[Narrator],
        users: &[User],
        errors: &mut Errors,
    ) -> Option<ProjectPlan> {
        if self.title.is_empty() {
            errors.add("title", t.msg("studio-oral-error-project-title"));
        } else if self.title.chars().count() > 300 {
            errors.add("title", t.msg("studio-oral-error-project-title-long"));
        }
        let narrator = self.narrator.parse::<i64>().ok().filter(|id| {
            narrators
                .iter()
                .any(|n| n.id == letopis_core::NarratorId(*id))
        });
        if narrator.is_none() {
            errors.add("narrator", t.msg("studio-oral-error-project-narrator"));
        }
        let interviewer = Self::person(
            &self.interviewer,
            users,
            Role::Volunteer,
            "interviewer",
            t.msg("studio-oral-error-project-interviewer"),
            errors,
        );
        let psychologist = Self::person(
            &self.psychologist,
            users,
            Role::Psychologist,
            "psychologist",
            t.msg("studio-oral-error-project-psychologist"),
            errors,
        );
        let narrator_id = narrator?;
        errors.is_empty().then(|| ProjectPlan {
            title: self.title.clone(),
            narrator_id: letopis_core::NarratorId(narrator_id),
            interviewer,
            psychologist,
            needs_psychologist: self.needs_psychologist,
        })
    }

    pub(super) fn view(
        &self,
        t: &Tr,
        narrators: &[Narrator],
        users: &[User],
        errors: &Errors,
    ) -> PlanView {
        let chosen = |v: &str| v.parse::<i64>().ok();
        let mut narrator_options = vec![(
            String::new(),
            t.msg("studio-oral-choose"),
            self.narrator.is_empty(),
        )];
        narrator_options.extend(narrators.iter().map(|n| {
            (
                n.id.to_string(),
                format!("{} ({})", n.name, category_label(t, n.category)),
                n.id.to_string() == self.narrator,
            )
        }));
        PlanView {
            title: Input::new("title", t.msg("studio-oral-plan-project-title"), "")
                .filled(&self.title, errors),
            narrators: narrator_options,
            narrator_error: errors.get("narrator"),
            interviewers: people_with(t, users, Role::Volunteer, chosen(&self.interviewer)),
            interviewer_error: errors.get("interviewer"),
            psychologists: people_with(t, users, Role::Psychologist, chosen(&self.psychologist)),
            psychologist_error: errors.get("psychologist"),
            needs_psychologist: self.needs_psychologist,
            errors: errors.list(),
        }
    }
}

/// The plan's fields as the page shows them (read by `macros.html`'s `plan_fields`).
pub struct PlanView {
    pub(super) title: Input,
    pub(super) narrators: Options,
    pub(super) narrator_error: String,
    pub(super) interviewers: Options,
    pub(super) interviewer_error: String,
    pub(super) psychologists: Options,
    pub(super) psychologist_error: String,
    pub(super) needs_psychologist: bool,
    pub(super) errors: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "studio/oral/project_new.html")]
struct NewPage {
    frame: Frame,
    plan: PlanView,
}

async fn new_page(
    app: &App,
    staff: &Staff,
    typed: &PlanTyped,
    errors: &Errors,
) -> Result<Response, AppError> {
    let narrators = app.oral_call(|o| o.narrators()).await?;
    let users = app.accounts_call(|a| a.users()).await?;
    let mut response = render(&NewPage {
        frame: Frame::new(
            staff,
            staff.t.msg("studio-oral-project-new"),
            "/studio/projects",
        ),
        plan: typed.view(&staff.t, &narrators, &users, errors),
    })?;
    if !errors.is_empty() {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

pub async fn new_form(
    State(app): State<App>,
    staff: Staff,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    staff.require(Permission::CoordinateInterviews)?;
    let typed = PlanTyped {
        narrator: q.narrator.map(|n| n.to_string()).unwrap_or_default(),
        ..PlanTyped::default()
    };
    new_page(&app, &staff, &typed, &Errors::default()).await
}

/// The audit log's line for an assignment. The log is the museum's record, kept in Russian
/// whatever the language of the page that caused it.
fn assignment_detail(plan: &ProjectPlan, users: &[User]) -> String {
    let who = |id: Option<i64>| {
        let name = user_name(users, id);
        if name.is_empty() {
            "не назначен".to_string()
        } else {
            name
        }
    };
    format!(
        "рассказчик №{}, интервьюер: {}, психолог: {}",
        plan.narrator_id,
        who(plan.interviewer.map(|id| id.0)),
        who(plan.psychologist.map(|id| id.0))
    )
}

pub async fn create(
    State(app): State<App>,
    staff: Staff,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    staff.require(Permission::CoordinateInterviews)?;
    let typed = PlanTyped::read(&form);
    let narrators = app.oral_call(|o| o.narrators()).await?;
    let users = app.accounts_call(|a| a.users()).await?;
    let mut errors = Errors::default();
    let Some(plan) = typed.check(&staff.t, &narrators, &users, &mut errors) else {
        return new_page(&app, &staff, &typed, &errors).await;
    };
    let detail = assignment_detail(&plan, &users);
    let who = by(&staff);
    let today = letopis_core::today();
    let id = app
        .oral_call(move |o| o.create_project(&plan, &who, today))
        .await?;
    // Assigning someone opens the narrator's private data to them: that is logged.
    app.audit(staff.audit("project", Some(format!("project:{id}")), detail))
        .await;
    Ok(see_other(&format!("/studio/projects/{id}?done=project")))
}

/// A coordinator changes the plan: title, narrator, interviewer, psychologist.
pub async fn plan(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    staff.require(Permission::CoordinateInterviews)?;
    load_project(&app, &staff, id).await?;
    let typed = PlanTyped::read(&form);
    let narrators = app.oral_call(|o| o.narrators()).await?;
    let users = app.accounts_call(|a| a.users()).await?;
    let mut errors = Errors::default();
    let Some(plan) = typed.check(&staff.t, &narrators, &users, &mut errors) else {
        let again = Again {
            plan: Some((typed, errors)),
            status: Some(StatusCode::UNPROCESSABLE_ENTITY),
            ..Again::default()
        };
        return project_page(&app, &staff, id, again, None).await;
    };
    let detail = assignment_detail(&plan, &users);
    app.oral_call(move |o| o.update_plan(letopis_core::ProjectId(id), &plan))
        .await?;
    app.audit(staff.audit("project", Some(format!("project:{id}")), detail))
        .await;
    Ok(see_other(&format!("/studio/projects/{id}?done=project")))
}
