//! The project page, built part by part: the summary of who and what (narrator, people,
//! guide, the Interview record), the checklist of the next stage, the stage controls, the
//! support notes and their form, the materials form, the plan, and the steps so far. Every
//! action of a project shows this page again when it refuses what was typed ([`Again`]).

use super::plan::{PlanTyped, PlanView};
use super::{facts, load_project};
use crate::App;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use crate::studio::edit::load;
use crate::studio::oral::guides::ensure_seeded;
use crate::studio::oral::support::{self, SupportView};
use crate::studio::oral::{
    Errors, Input, Options, Standing, day, item_label, stage_label, support_kind_label, user_name,
};
use crate::studio::{Frame, Staff, render, when};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use letopis_core::GuideId;
use letopis_core::oral::{Check, ChecklistState, Facts, Stage, SupportKind, format_timecode};
use letopis_store::accounts::User;
use letopis_store::oral::{GuideVersion, Narrator, Project, Step, SupportNote, Tick};

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
    stage: String,
    stage_code: &'static str,
    standing: String,
    interviewer: String,
    psychologist: String,
    needs_psychologist: bool,
    can_plan: bool,
    can_work: bool,
    plan: PlanView,
    guide: Option<(GuideId, i64, String)>,
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
    label: String,
    items: Vec<ItemView>,
}

struct ItemView {
    code: &'static str,
    label: String,
    done: bool,
    derived: bool,
    who: String,
}

struct StepView {
    stage: String,
    from: String,
    on: String,
    who: String,
    note: String,
}

struct NoteView {
    kind: String,
    distress: bool,
    timecode: String,
    body: String,
    author: String,
    at: String,
}

/// Everything stored about one project that its page shows.
struct Stored {
    project: Project,
    standing: Standing,
    guides: Vec<GuideVersion>,
    narrators: Vec<Narrator>,
    ticks: Vec<Tick>,
    steps: Vec<Step>,
    notes: Vec<SupportNote>,
    /// The guide version the project names, even when the guide has moved on since.
    used: Option<GuideVersion>,
    users: Vec<User>,
    facts: Facts,
}

/// Reads the project and what hangs on it; a view of its support notes is logged.
async fn gather(app: &App, staff: &Staff, id: i64) -> Result<Stored, AppError> {
    let (p, standing) = load_project(app, staff, id).await?;
    let guides = ensure_seeded(app).await?;
    let guide_version = p.guide_version;
    let (narrators, ticks, steps, notes, used) = app
        .oral_call(move |o| {
            let used = match guide_version {
                Some(v) => o.guide_version(v)?,
                None => None,
            };
            Ok((
                o.narrators()?,
                o.ticks(letopis_core::ProjectId(id))?,
                o.steps(letopis_core::ProjectId(id))?,
                o.support_notes(letopis_core::ProjectId(id))?,
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
    Ok(Stored {
        project: p,
        standing,
        guides,
        narrators,
        ticks,
        steps,
        notes,
        used,
        users,
        facts,
    })
}

/// The checklist of the next stage, each item done or not and who ticked it; `None` once the
/// project has no next stage.
fn checklist(t: &Tr, p: &Project, ticks: &[Tick], facts: Facts) -> Option<NextView> {
    let stage = p.stage.next()?;
    let ticked: Vec<&str> = ticks
        .iter()
        .filter(|tick| tick.stage == stage)
        .map(|tick| tick.item.as_str())
        .collect();
    let state = ChecklistState {
        ticked: &ticked,
        facts,
        note: "",
    };
    Some(NextView {
        code: stage.code(),
        label: stage_label(t, stage),
        items: stage
            .checklist()
            .iter()
            .map(|item| ItemView {
                code: item.code,
                label: item_label(t, stage, item),
                done: state.holds(item),
                derived: matches!(item.check, Check::Derived(_)),
                who: ticks
                    .iter()
                    .find(|tick| tick.stage == stage && tick.item == item.code)
                    .map(|tick| format!("{}, {}", tick.user_name, when(t, tick.at)))
                    .unwrap_or_default(),
            })
            .collect(),
    })
}

/// The linked Interview record: number, title (if the person may open it) and whether the
/// portal shows it.
async fn recording(
    app: &App,
    staff: &Staff,
    p: &Project,
    facts: Facts,
) -> Option<(i64, String, bool)> {
    let rid = p.interview?;
    let title = load(app, staff, rid.0)
        .await
        .map(|r| r.record.title())
        .unwrap_or_default();
    Some((rid.0, title, facts.interview_public))
}

fn standing_text(t: &Tr, standing: Standing) -> String {
    t.msg(match standing {
        Standing::Coordinator => "studio-oral-standing-coordinator",
        Standing::Interviewer => "studio-oral-standing-interviewer",
        Standing::Psychologist => "studio-oral-standing-psychologist",
    })
}

fn guide_options(
    t: &Tr,
    guides: &[GuideVersion],
    used: Option<&GuideVersion>,
    chosen: &str,
) -> Options {
    let mut options = vec![(
        String::new(),
        t.msg("studio-oral-not-chosen"),
        chosen.is_empty(),
    )];
    let mut add = |v: &GuideVersion| {
        let code = v.id.to_string();
        let on = code == chosen;
        let label = t.args(
            "studio-oral-guide-option",
            &[
                ("title", v.title.as_str().into()),
                ("version", v.version.to_string().into()),
            ],
        );
        options.push((code, label, on));
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

/// The materials form: the guide version and the Interview record's number, as stored or as
/// typed in a refused form.
struct Materials {
    guides: Options,
    interview: Input,
    guide_error: String,
    errors: Vec<(String, String)>,
}

fn materials(t: &Tr, s: &Stored, again: Option<(String, String, Errors)>) -> Materials {
    let p = &s.project;
    let (guide_typed, interview_typed, errors) = again.unwrap_or_else(|| {
        (
            p.guide_version.map(|v| v.to_string()).unwrap_or_default(),
            p.interview.map(|r| r.0.to_string()).unwrap_or_default(),
            Errors::default(),
        )
    });
    Materials {
        guides: guide_options(t, &s.guides, s.used.as_ref(), &guide_typed),
        interview: Input::new(
            "interview",
            t.msg("studio-oral-materials-interview"),
            t.msg("studio-oral-materials-interview-hint"),
        )
        .filled(interview_typed, &errors),
        guide_error: errors.get("guide"),
        errors: errors.list(),
    }
}

/// The day and note of a step, for the stage controls: today and nothing, or what was typed.
fn stage_controls(t: &Tr, again: Option<(String, String)>) -> (Input, Input) {
    let (on_typed, note_typed) =
        again.unwrap_or_else(|| (letopis_core::today().to_string(), String::new()));
    let none = Errors::default();
    (
        Input::new(
            "on",
            t.msg("studio-oral-step-on"),
            t.msg("studio-oral-step-on-hint"),
        )
        .filled(on_typed, &none),
        Input::new("note", t.msg("studio-oral-step-note"), "")
            .area(2)
            .filled(note_typed, &none),
    )
}

fn step_views(t: &Tr, steps: &[Step]) -> Vec<StepView> {
    steps
        .iter()
        .map(|s| StepView {
            stage: stage_label(t, s.stage),
            from: s.from.map(|f| stage_label(t, f)).unwrap_or_default(),
            on: day(t, s.on),
            who: s.user_name.clone(),
            note: s.note.clone(),
        })
        .collect()
}

fn note_views(t: &Tr, notes: &[SupportNote]) -> Vec<NoteView> {
    notes
        .iter()
        .map(|n| NoteView {
            kind: support_kind_label(t, n.kind),
            distress: n.kind == SupportKind::Distress,
            timecode: n.timecode_ms.map(format_timecode).unwrap_or_default(),
            body: n.body.clone(),
            author: n.author.clone(),
            at: when(t, n.at),
        })
        .collect()
}

pub async fn project_page(
    app: &App,
    staff: &Staff,
    id: i64,
    again: Again,
    notice: Option<&str>,
) -> Result<Response, AppError> {
    let t = &staff.t;
    let s = gather(app, staff, id).await?;
    let p = &s.project;
    let interview = recording(app, staff, p, s.facts).await;
    let narrator = s
        .narrators
        .iter()
        .find(|n| n.id == p.narrator_id)
        .map(|n| n.name.clone())
        .unwrap_or_default();
    let (plan_typed, plan_errors) = again
        .plan
        .unwrap_or_else(|| (PlanTyped::of(p), Errors::default()));
    let materials = materials(t, &s, again.materials);
    let (on, note) = stage_controls(t, again.step);
    let (kind_typed, timecode_typed, body_typed, support_errors) =
        again.support.unwrap_or_default();
    let mut response = render(&ProjectPage {
        frame: Frame::new(staff, p.title.clone(), "/studio/projects").with_notice(notice),
        id,
        title: p.title.clone(),
        narrator_id: p.narrator_id.0,
        narrator,
        stage: stage_label(t, p.stage),
        stage_code: p.stage.code(),
        standing: standing_text(t, s.standing),
        interviewer: user_name(&s.users, p.interviewer.map(|id| id.0)),
        psychologist: user_name(&s.users, p.psychologist.map(|id| id.0)),
        needs_psychologist: p.needs_psychologist,
        can_plan: s.standing == Standing::Coordinator,
        can_work: s.standing.may_work(),
        plan: plan_typed.view(t, &s.narrators, &s.users, &plan_errors),
        guide: s
            .used
            .as_ref()
            .map(|v| (v.guide_id, v.version, v.title.clone())),
        guides: materials.guides,
        interview,
        interview_input: materials.interview,
        guide_error: materials.guide_error,
        materials_errors: materials.errors,
        next: checklist(t, p, &s.ticks, s.facts),
        is_final: p.stage.is_final(),
        is_published: p.stage == Stage::Published,
        refusal: again.refusal,
        on,
        note,
        steps: step_views(t, &s.steps),
        notes: note_views(t, &s.notes),
        support: support::view(
            t,
            s.standing == Standing::Interviewer,
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
    Query(q): Query<super::ListQuery>,
) -> Result<Response, AppError> {
    project_page(&app, &staff, id, Again::default(), Some(&q.done)).await
}
