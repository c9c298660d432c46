//! Interview projects: one per planned interview, from «предложено» to «опубликовано» (or
//! closed, or withdrawn). A coordinator plans a project (narrator, interviewer, psychologist);
//! the interviewer and coordinators tick the checklist of the next stage and claim it, with the
//! day it happened; core's `Stage::check_move` says what is still missing. «Опубликовано» is
//! claimed only when the linked Interview record is open to an anonymous visitor through the
//! access gate, so this page never claims more than the portal shows.

use super::guides::ensure_seeded;
use super::{
    Errors, Input, Options, Standing, by, day, people_with, standing, support, text, user_name,
};
use crate::App;
use crate::error::AppError;
use crate::studio::edit::load;
use crate::studio::form::{Submitted, parse_record_number};
use crate::studio::{Frame, Staff, render, see_other, when};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::civil::Date;
use letopis_core::account::{Permission, Role};
use letopis_core::oral::{Check, ChecklistState, Facts, Stage, SupportKind, format_timecode};
use letopis_core::{Kind, RecordId, Viewer, Workflow};
use letopis_store::accounts::User;
use letopis_store::oral::{GuideVersion, Narrator, NewStep, Project, ProjectPlan};
use serde::Deserialize;
use support::SupportView;

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
    let project = app.oral_call(move |o| o.project(id)).await?;
    match project {
        Some(p) => match standing(staff, &p) {
            Some(s) => Ok((p, s)),
            None => Err(AppError::Forbidden),
        },
        None if staff.may(Permission::CoordinateInterviews) => Err(AppError::NotFound),
        None => Err(AppError::Forbidden),
    }
}

// ---------------------------------------------------------------------------------------------
// The list

#[derive(Template)]
#[template(path = "studio/oral/projects.html")]
struct ListPage {
    frame: Frame,
    rows: Vec<ListRow>,
    can_add: bool,
}

struct ListRow {
    id: i64,
    title: String,
    narrator: String,
    stage: &'static str,
    interviewer: String,
    psychologist: String,
    updated: String,
}

pub async fn list(
    State(app): State<App>,
    staff: Staff,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let (projects, narrators) = app
        .oral_call(|o| Ok((o.projects()?, o.narrators()?)))
        .await?;
    let users = app.accounts_call(|a| a.users()).await?;
    let rows = projects
        .iter()
        .filter(|p| standing(&staff, p).is_some())
        .map(|p| ListRow {
            id: p.id,
            title: p.title.clone(),
            narrator: narrators
                .iter()
                .find(|n| n.id == p.narrator_id)
                .map(|n| n.name.clone())
                .unwrap_or_default(),
            stage: p.stage.label_ru(),
            interviewer: user_name(&users, p.interviewer),
            psychologist: user_name(&users, p.psychologist),
            updated: when(&staff.t, p.updated_at),
        })
        .collect();
    render(&ListPage {
        frame: Frame::new(&staff, "Проекты интервью", "/studio/projects")
            .with_notice(Some(&q.done)),
        rows,
        can_add: staff.may(Permission::CoordinateInterviews),
    })
}

// ---------------------------------------------------------------------------------------------
// The plan: title, narrator, interviewer, psychologist

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

    fn of(p: &Project) -> PlanTyped {
        let id = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
        PlanTyped {
            title: p.title.clone(),
            narrator: p.narrator_id.to_string(),
            interviewer: id(p.interviewer),
            psychologist: id(p.psychologist),
            needs_psychologist: p.needs_psychologist,
        }
    }

    /// Someone with `role` among the users, or what is wrong.
    fn person(
        text: &str,
        users: &[User],
        role: Role,
        key: &'static str,
        message: &str,
        errors: &mut Errors,
    ) -> Option<i64> {
        if text.is_empty() {
            return None;
        }
        let found = text
            .parse::<i64>()
            .ok()
            .and_then(|id| users.iter().find(|u| u.id == id))
            .filter(|u| u.roles.has(role) && !u.disabled);
        if found.is_none() {
            errors.add(key, message);
        }
        found.map(|u| u.id)
    }

    fn check(
        &self,
        narrators: &[Narrator],
        users: &[User],
        errors: &mut Errors,
    ) -> Option<ProjectPlan> {
        if self.title.is_empty() {
            errors.add(
                "title",
                "Назовите проект, например «Эвакуация завода № 301: воспоминания А. П. Ершовой».",
            );
        } else if self.title.chars().count() > 300 {
            errors.add("title", "Название слишком длинное: не больше 300 символов.");
        }
        let narrator = self
            .narrator
            .parse::<i64>()
            .ok()
            .filter(|id| narrators.iter().any(|n| n.id == *id));
        if narrator.is_none() {
            errors.add(
                "narrator",
                "Выберите рассказчика из реестра. Если его там нет, сначала добавьте его в «Рассказчики».",
            );
        }
        let interviewer = Self::person(
            &self.interviewer,
            users,
            Role::Volunteer,
            "interviewer",
            "Интервьюером можно назначить только участника с ролью «волонтёр».",
            errors,
        );
        let psychologist = Self::person(
            &self.psychologist,
            users,
            Role::Psychologist,
            "psychologist",
            "Психологом можно назначить только участника с ролью «психолог».",
            errors,
        );
        let narrator_id = narrator?;
        errors.is_empty().then(|| ProjectPlan {
            title: self.title.clone(),
            narrator_id,
            interviewer,
            psychologist,
            needs_psychologist: self.needs_psychologist,
        })
    }

    fn view(&self, narrators: &[Narrator], users: &[User], errors: &Errors) -> PlanView {
        let chosen = |t: &str| t.parse::<i64>().ok();
        let mut narrator_options = vec![(
            String::new(),
            "— выберите —".to_string(),
            self.narrator.is_empty(),
        )];
        narrator_options.extend(narrators.iter().map(|n| {
            (
                n.id.to_string(),
                format!("{} ({})", n.name, n.category.label_ru()),
                n.id.to_string() == self.narrator,
            )
        }));
        PlanView {
            title: Input::new("title", "Название проекта", "").filled(&self.title, errors),
            narrators: narrator_options,
            narrator_error: errors.get("narrator"),
            interviewers: people_with(users, Role::Volunteer, chosen(&self.interviewer)),
            interviewer_error: errors.get("interviewer"),
            psychologists: people_with(users, Role::Psychologist, chosen(&self.psychologist)),
            psychologist_error: errors.get("psychologist"),
            needs_psychologist: self.needs_psychologist,
            errors: errors.list(),
        }
    }
}

pub struct PlanView {
    title: Input,
    narrators: Options,
    narrator_error: String,
    interviewers: Options,
    interviewer_error: String,
    psychologists: Options,
    psychologist_error: String,
    needs_psychologist: bool,
    errors: Vec<(String, String)>,
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
        frame: Frame::new(staff, "Новый проект интервью", "/studio/projects"),
        plan: typed.view(&narrators, &users, errors),
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
        who(plan.interviewer),
        who(plan.psychologist)
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
    let Some(plan) = typed.check(&narrators, &users, &mut errors) else {
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

// ---------------------------------------------------------------------------------------------
// The project page

/// What overrides the stored values when the page is shown again after a refused POST.
#[derive(Default)]
pub struct Again {
    pub plan: Option<(PlanTyped, Errors)>,
    pub materials: Option<(String, String, Errors)>,
    pub refusal: String,
    pub step: Option<(String, String)>,
    pub support: Option<(String, String, String, Errors)>,
    /// 422 when something typed was refused, 409 when someone else moved the project first.
    pub status: Option<StatusCode>,
}

#[derive(Template)]
#[template(path = "studio/oral/project.html")]
struct ProjectPage {
    frame: Frame,
    id: i64,
    title: String,
    narrator_id: i64,
    narrator: String,
    stage: &'static str,
    stage_code: &'static str,
    standing: &'static str,
    interviewer: String,
    psychologist: String,
    needs_psychologist: bool,
    can_plan: bool,
    can_work: bool,
    plan: PlanView,
    guide: Option<(i64, i64, String)>,
    guides: Options,
    interview: Option<(i64, String, bool)>,
    interview_input: Input,
    guide_error: String,
    materials_errors: Vec<(String, String)>,
    next: Option<NextView>,
    is_final: bool,
    is_published: bool,
    refusal: String,
    on: Input,
    note: Input,
    steps: Vec<StepView>,
    notes: Vec<NoteView>,
    support: SupportView,
}

struct NextView {
    code: &'static str,
    label: &'static str,
    items: Vec<ItemView>,
}

struct ItemView {
    code: &'static str,
    label: &'static str,
    done: bool,
    derived: bool,
    who: String,
}

struct StepView {
    stage: &'static str,
    from: &'static str,
    on: String,
    who: String,
    note: String,
}

struct NoteView {
    kind: &'static str,
    distress: bool,
    timecode: String,
    body: String,
    author: String,
    at: String,
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

fn guide_options(guides: &[GuideVersion], used: Option<&GuideVersion>, chosen: &str) -> Options {
    let mut options = vec![(String::new(), "не выбран".to_string(), chosen.is_empty())];
    let mut add = |v: &GuideVersion| {
        let code = v.id.to_string();
        let on = code == chosen;
        options.push((code, format!("{} (версия {})", v.title, v.version), on));
    };
    // The version the project used stays choosable after the guide has moved on.
    if let Some(v) = used.filter(|v| !guides.iter().any(|g| g.id == v.id)) {
        add(v);
    }
    for g in guides {
        add(g);
    }
    options
}

pub async fn project_page(
    app: &App,
    staff: &Staff,
    id: i64,
    again: Again,
    notice: Option<&str>,
) -> Result<Response, AppError> {
    let (p, standing) = load_project(app, staff, id).await?;
    let guides = ensure_seeded(app).await?;
    let (narrators, ticks, steps, notes, used) = app
        .oral_call(move |o| {
            let used = match p.guide_version {
                Some(v) => o.guide_version(v)?,
                None => None,
            };
            Ok((
                o.narrators()?,
                o.ticks(id)?,
                o.steps(id)?,
                o.support_notes(id)?,
                used,
            ))
        })
        .await?;
    let users = app.accounts_call(|a| a.users()).await?;
    if !notes.is_empty() {
        // Notes of distress and declined topics are sensitive: each view is logged.
        app.audit(staff.audit(
            "view_private",
            Some(format!("project:{id}")),
            "заметки о психологической поддержке",
        ))
        .await;
    }
    let debrief = notes.iter().any(|n| n.kind == SupportKind::Debrief);
    let facts = facts(app, &p, debrief).await?;
    let next = p.stage.next().map(|stage| {
        let ticked: Vec<&str> = ticks
            .iter()
            .filter(|t| t.stage == stage)
            .map(|t| t.item.as_str())
            .collect();
        let state = ChecklistState {
            ticked: &ticked,
            facts,
            note: "",
        };
        NextView {
            code: stage.code(),
            label: stage.label_ru(),
            items: stage
                .checklist()
                .iter()
                .map(|item| ItemView {
                    code: item.code,
                    label: item.label,
                    done: state.holds(item),
                    derived: matches!(item.check, Check::Derived(_)),
                    who: ticks
                        .iter()
                        .find(|t| t.stage == stage && t.item == item.code)
                        .map(|t| format!("{}, {}", t.user_name, when(&staff.t, t.at)))
                        .unwrap_or_default(),
                })
                .collect(),
        }
    });
    let interview = match p.interview {
        Some(rid) => {
            let title = load(app, staff, rid.0)
                .await
                .map(|r| r.record.title())
                .unwrap_or_default();
            Some((rid.0, title, facts.interview_public))
        }
        None => None,
    };
    let narrator = narrators
        .iter()
        .find(|n| n.id == p.narrator_id)
        .map(|n| n.name.clone())
        .unwrap_or_default();
    let (plan_typed, plan_errors) = again
        .plan
        .unwrap_or_else(|| (PlanTyped::of(&p), Errors::default()));
    let (guide_typed, interview_typed, materials_errors) = again.materials.unwrap_or_else(|| {
        (
            p.guide_version.map(|v| v.to_string()).unwrap_or_default(),
            p.interview.map(|r| r.0.to_string()).unwrap_or_default(),
            Errors::default(),
        )
    });
    let (on_typed, note_typed) = again
        .step
        .unwrap_or_else(|| (letopis_core::today().to_string(), String::new()));
    let (kind_typed, timecode_typed, body_typed, support_errors) =
        again.support.unwrap_or_default();
    let none = Errors::default();
    let mut response = render(&ProjectPage {
        frame: Frame::new(staff, p.title.clone(), "/studio/projects").with_notice(notice),
        id,
        title: p.title.clone(),
        narrator_id: p.narrator_id,
        narrator,
        stage: p.stage.label_ru(),
        stage_code: p.stage.code(),
        standing: match standing {
            Standing::Coordinator => "вы координируете интервью",
            Standing::Interviewer => "вы интервьюер этого проекта",
            Standing::Psychologist => "вы психолог этого проекта",
        },
        interviewer: user_name(&users, p.interviewer),
        psychologist: user_name(&users, p.psychologist),
        needs_psychologist: p.needs_psychologist,
        can_plan: standing == Standing::Coordinator,
        can_work: standing.may_work(),
        plan: plan_typed.view(&narrators, &users, &plan_errors),
        guide: used
            .as_ref()
            .map(|v| (v.guide_id, v.version, v.title.clone())),
        guides: guide_options(&guides, used.as_ref(), &guide_typed),
        interview,
        interview_input: Input::new(
            "interview",
            "Запись интервью в базе",
            "Номер записи из раздела «Интервью» (например, 57), когда она создана.",
        )
        .filled(interview_typed, &materials_errors),
        guide_error: materials_errors.get("guide"),
        materials_errors: materials_errors.list(),
        next,
        is_final: p.stage.is_final(),
        is_published: p.stage == Stage::Published,
        refusal: again.refusal,
        on: Input::new(
            "on",
            "Когда это произошло",
            "День в виде ГГГГ-ММ-ДД; по нему отчёт совета относит работу к кварталу.",
        )
        .filled(on_typed, &none),
        note: Input::new("note", "Примечание", "")
            .area(2)
            .filled(note_typed, &none),
        steps: steps
            .iter()
            .map(|s| StepView {
                stage: s.stage.label_ru(),
                from: s.from.map(Stage::label_ru).unwrap_or(""),
                on: day(s.on),
                who: s.user_name.clone(),
                note: s.note.clone(),
            })
            .collect(),
        notes: notes
            .iter()
            .map(|n| NoteView {
                kind: n.kind.label_ru(),
                distress: n.kind == SupportKind::Distress,
                timecode: n.timecode_ms.map(format_timecode).unwrap_or_default(),
                body: n.body.clone(),
                author: n.author.clone(),
                at: when(&staff.t, n.at),
            })
            .collect(),
        support: support::view(
            standing == Standing::Interviewer,
            &kind_typed,
            &timecode_typed,
            &body_typed,
            &support_errors,
        ),
    })?;
    if let Some(status) = again.status {
        *response.status_mut() = status;
    }
    Ok(response)
}

pub async fn page(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    project_page(&app, &staff, id, Again::default(), Some(&q.done)).await
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
    let Some(plan) = typed.check(&narrators, &users, &mut errors) else {
        let again = Again {
            plan: Some((typed, errors)),
            status: Some(StatusCode::UNPROCESSABLE_ENTITY),
            ..Again::default()
        };
        return project_page(&app, &staff, id, again, None).await;
    };
    let detail = assignment_detail(&plan, &users);
    app.oral_call(move |o| o.update_plan(id, &plan)).await?;
    app.audit(staff.audit("project", Some(format!("project:{id}")), detail))
        .await;
    Ok(see_other(&format!("/studio/projects/{id}?done=project")))
}

/// The interviewer or a coordinator names the question guide version used and the Interview
/// record made.
pub async fn materials(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    let (_, standing) = load_project(&app, &staff, id).await?;
    if !standing.may_work() {
        return Err(AppError::Forbidden);
    }
    let guide_typed = text(&form, "guide", 30);
    let interview_typed = text(&form, "interview", 100);
    let mut errors = Errors::default();
    let guide = if guide_typed.is_empty() {
        None
    } else {
        let wanted = guide_typed.parse::<i64>().ok();
        let found = match wanted {
            Some(v) => app.oral_call(move |o| o.guide_version(v)).await?,
            None => None,
        };
        if found.is_none() {
            errors.add("guide", "Выберите опросник из списка.");
        }
        found.map(|v| v.id)
    };
    let interview = if interview_typed.is_empty() {
        None
    } else {
        match parse_record_number(&interview_typed) {
            None => {
                errors.add(
                    "interview",
                    "Укажите номер записи интервью цифрами, например 57, или оставьте поле пустым.",
                );
                None
            }
            Some(n) => match load(&app, &staff, n).await {
                Ok(r) if r.record.kind() == Kind::Interview => Some(RecordId(n)),
                Ok(_) => {
                    errors.add(
                        "interview",
                        format!("Запись №{n} — не интервью: укажите запись из раздела «Интервью»."),
                    );
                    None
                }
                Err(AppError::NotFound) => {
                    errors.add("interview", format!("Записи №{n} нет в базе."));
                    None
                }
                Err(e) => return Err(e),
            },
        }
    };
    if !errors.is_empty() {
        let again = Again {
            materials: Some((guide_typed, interview_typed, errors)),
            status: Some(StatusCode::UNPROCESSABLE_ENTITY),
            ..Again::default()
        };
        return project_page(&app, &staff, id, again, None).await;
    }
    app.oral_call(move |o| o.set_materials(id, guide, interview))
        .await?;
    Ok(see_other(&format!("/studio/projects/{id}?done=project")))
}

/// The day a step happened: today when left empty; never in the future, never before the
/// project's last step.
fn step_day(typed: &str, last: Option<Date>) -> Result<Date, String> {
    let today = letopis_core::today();
    if typed.is_empty() {
        return Ok(today);
    }
    let Ok(d) = typed.parse::<Date>() else {
        return Err(
            "Дата шага: укажите день в виде ГГГГ-ММ-ДД, например 2026-03-02, или оставьте поле пустым — тогда это сегодня."
                .into(),
        );
    };
    if d > today {
        return Err("Дата шага не может быть позже сегодняшнего дня.".into());
    }
    if let Some(last) = last.filter(|last| d < *last) {
        return Err(format!(
            "Дата шага не может быть раньше предыдущего шага ({}).",
            day(last)
        ));
    }
    Ok(d)
}

/// Saves the ticks of the next stage's checklist, and on «move» claims that stage; or closes
/// the project, or records that the narrator withdrew.
pub async fn stage(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    let (p, standing) = load_project(&app, &staff, id).await?;
    if !standing.may_work() {
        return Err(AppError::Forbidden);
    }
    let action = form.get("action").to_string();
    let on_typed = text(&form, "on", 30);
    let note = text(&form, "note", 2000);
    let refuse = |message: String, status: StatusCode| Again {
        refusal: message,
        step: Some((on_typed.clone(), note.clone())),
        status: Some(status),
        ..Again::default()
    };
    let to = match action.as_str() {
        "close" => Stage::Closed,
        "withdraw" => Stage::Withdrawn,
        // With no next stage, `check_move` below says why (final, or published).
        "save" | "move" => p.stage.next().unwrap_or(p.stage),
        _ => {
            return Err(AppError::BadRequest(crate::i18n::Message::new(
                "error-bad-request-generic",
            )));
        }
    };
    // The withdrawal itself happens on the interview (one action that takes it and the narrator
    // off every public path); the project only records it, so it may not claim one before.
    if to == Stage::Withdrawn
        && let Some(rid) = p.interview
    {
        let withdrawn = app
            .blocking(move |store| store.get(rid))
            .await??
            .is_none_or(|r| r.record.meta.workflow == letopis_core::Workflow::Withdrawn);
        if !withdrawn {
            let again = refuse(
                format!(
                    "Сначала оформите отзыв на странице интервью (/studio/records/{}, раздел «Отзыв интервью рассказчиком»): он снимает интервью и сведения о рассказчике со всех публичных страниц. Затем отметьте отзыв здесь.",
                    rid.0
                ),
                StatusCode::UNPROCESSABLE_ENTITY,
            );
            return project_page(&app, &staff, id, again, None).await;
        }
    }
    let who = by(&staff);
    if matches!(action.as_str(), "save" | "move") && p.stage.next().is_some() {
        // The form names the stage its ticks are for: if someone moved the project meanwhile,
        // its ticks would land on the wrong stage.
        if form.get("stage") != to.code() {
            let again = refuse(
                "Пока вы заполняли форму, проект перешёл к другому этапу. Проверьте отметки ещё раз."
                    .into(),
                StatusCode::CONFLICT,
            );
            return project_page(&app, &staff, id, again, None).await;
        }
        let chosen: Vec<String> = form.all("item").into_iter().map(str::to_string).collect();
        let by_tick = who.clone();
        app.oral_call(move |o| {
            for item in to.checklist() {
                if item.check == Check::Ticked {
                    let done = chosen.iter().any(|c| c == item.code);
                    o.set_tick(id, to, item.code, done, &by_tick)?;
                }
            }
            Ok(())
        })
        .await?;
        if action == "save" {
            return Ok(see_other(&format!("/studio/projects/{id}?done=ticks")));
        }
    }
    let (ticks, steps, notes) = app
        .oral_call(move |o| Ok((o.ticks(id)?, o.steps(id)?, o.support_notes(id)?)))
        .await?;
    let debrief = notes.iter().any(|n| n.kind == SupportKind::Debrief);
    let ticked: Vec<&str> = ticks
        .iter()
        .filter(|t| t.stage == to)
        .map(|t| t.item.as_str())
        .collect();
    let state = ChecklistState {
        ticked: &ticked,
        facts: facts(&app, &p, debrief).await?,
        note: &note,
    };
    if let Err(refused) = p.stage.check_move(to, &state) {
        let again = refuse(refused.to_string(), StatusCode::UNPROCESSABLE_ENTITY);
        return project_page(&app, &staff, id, again, None).await;
    }
    let on = match step_day(&on_typed, steps.last().map(|s| s.on)) {
        Ok(on) => on,
        Err(why) => {
            let again = refuse(why, StatusCode::UNPROCESSABLE_ENTITY);
            return project_page(&app, &staff, id, again, None).await;
        }
    };
    let step = NewStep {
        from: p.stage,
        to,
        on,
        by: who,
        note: note.clone(),
    };
    let moved = app.oral_call(move |o| o.move_stage(id, &step)).await?;
    if !moved {
        let again = refuse(
            "Пока вы заполняли форму, проект уже перевели на другой этап. Посмотрите, где он сейчас."
                .into(),
            StatusCode::CONFLICT,
        );
        return project_page(&app, &staff, id, again, None).await;
    }
    Ok(see_other(&format!("/studio/projects/{id}?done=moved")))
}
