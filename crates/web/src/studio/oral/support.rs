//! Psychological support on an interview project: the interviewer notes breaks, signs of
//! distress and topics the narrator declined (with a timecode of the recording when there is
//! one), and writes their own debrief after the interview. A note of distress gives the
//! project's psychologist a follow-up task on their dashboard and a letter; with no
//! psychologist assigned, every coordinator gets them, so that someone assigns one.
//!
//! The letter carries no details of the narrator's state — only a link to the project page,
//! which is seen by coordinators and the project's interviewer and psychologist alone. None of
//! this is ever public.

use super::projects::{Again, load_project, project_page};
use super::{Errors, Input, Options, Standing, by, support_kind_label, text};
use crate::App;
use crate::shell::base_url::link_base;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use crate::shell::mail::Letter;
use crate::studio::form::Submitted;
use crate::studio::{Staff, see_other};
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use letopis_core::account::Role;
use letopis_core::oral::{SupportKind, format_timecode, parse_timecode};
use letopis_store::accounts::User;
use letopis_store::oral::{NewSupportNote, NewTask, Project};

const MAX_NOTE_CHARS: usize = 5000;

/// The note form on the project page.
pub struct SupportView {
    pub kinds: Options,
    pub kind_error: String,
    pub timecode: Input,
    pub body: Input,
    pub errors: Vec<(String, String)>,
}

/// The note form; only the project's interviewer is offered the debrief, which is theirs.
pub fn view(
    t: &Tr,
    is_interviewer: bool,
    kind: &str,
    timecode: &str,
    body: &str,
    errors: &Errors,
) -> SupportView {
    let kinds: Options = SupportKind::ALL
        .into_iter()
        .filter(|k| *k != SupportKind::Debrief || is_interviewer)
        .map(|k| {
            (
                k.code().to_string(),
                support_kind_label(t, k),
                k.code() == kind,
            )
        })
        .collect();
    SupportView {
        kinds,
        kind_error: errors.get("kind"),
        timecode: Input::new(
            "timecode",
            t.msg("studio-oral-support-timecode"),
            t.msg("studio-oral-support-timecode-hint"),
        )
        .filled(timecode, errors),
        body: Input::new(
            "body",
            t.msg("studio-oral-support-body"),
            t.msg("studio-oral-support-body-hint"),
        )
        .area(4)
        .filled(body, errors),
        errors: errors.list(),
    }
}

/// Who is told about signs of distress: the project's psychologist, or every coordinator
/// while none is assigned.
fn who_to_tell(p: &Project, users: &[User]) -> Vec<User> {
    let active = |u: &&User| !u.disabled;
    let psychologist: Vec<User> = users
        .iter()
        .filter(active)
        .filter(|u| Some(u.id) == p.psychologist && u.roles.has(Role::Psychologist))
        .cloned()
        .collect();
    if !psychologist.is_empty() {
        return psychologist;
    }
    users
        .iter()
        .filter(active)
        .filter(|u| u.roles.has(Role::Coordinator))
        .cloned()
        .collect()
}

/// The letter to the psychologist (or coordinators). Staff have no stored language, so it is
/// written in the museum's language, Russian.
fn letter(to: &User, p: &Project, author: &str, at: &str, link: &str) -> Letter {
    Letter {
        to: to.email.to_string(),
        subject: "Живые голоса: рассказчику может понадобиться поддержка".into(),
        body: format!(
            "Здравствуйте, {name}!\n\n\
             В проекте интервью «{title}» {author} отметил(а) признаки волнения рассказчика{at}.\n\
             Подробности — в студии, на странице проекта (её видят только координаторы, интервьюер и психолог проекта):\n\n\
             {link}\n\n\
             Задача ждёт вас на странице «Что ждёт меня». Подробностей в письме нет нарочно: \
             сведения о состоянии рассказчика хранятся только в студии.\n",
            name = to.display_name,
            title = p.title,
        ),
    }
}

pub async fn note(
    State(app): State<App>,
    staff: Staff,
    parts: Parts,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    let (p, standing) = load_project(&app, &staff, id).await?;
    if !standing.may_work() {
        return Err(AppError::Forbidden);
    }
    let t = &staff.t;
    let kind_typed = text(&form, "kind", 30);
    let timecode_typed = text(&form, "timecode", 30);
    let body = text(&form, "body", MAX_NOTE_CHARS + 1);
    let mut errors = Errors::default();
    let kind = SupportKind::from_code(&kind_typed);
    match kind {
        None => errors.add("kind", t.msg("studio-oral-error-support-kind")),
        Some(SupportKind::Debrief) if standing != Standing::Interviewer => {
            errors.add("kind", t.msg("studio-oral-error-support-debrief"))
        }
        _ => {}
    }
    let timecode = if timecode_typed.is_empty() {
        None
    } else {
        let parsed = parse_timecode(&timecode_typed);
        if parsed.is_none() {
            errors.add("timecode", t.msg("studio-oral-error-timecode"));
        }
        parsed
    };
    if body.is_empty() && kind != Some(SupportKind::Break) {
        errors.add("body", t.msg("studio-oral-error-support-body"));
    } else if body.chars().count() > MAX_NOTE_CHARS {
        errors.add(
            "body",
            t.count("studio-oral-error-too-long", MAX_NOTE_CHARS as u64),
        );
    }
    let Some(kind) = kind.filter(|_| errors.is_empty()) else {
        let again = Again {
            support: Some((kind_typed, timecode_typed, body, errors)),
            status: Some(StatusCode::UNPROCESSABLE_ENTITY),
            ..Again::default()
        };
        return project_page(&app, &staff, id, again, None).await;
    };
    let at = timecode
        .map(|t| format!(" (на {} записи)", format_timecode(t)))
        .unwrap_or_default();
    let told = if kind == SupportKind::Distress {
        let users = app.accounts_call(|a| a.users()).await?;
        who_to_tell(&p, &users)
    } else {
        Vec::new()
    };
    // The task is stored text that the psychologist reads on their dashboard; like the letter,
    // it is in Russian, the language the studio's staff share.
    let tasks: Vec<NewTask> = told
        .iter()
        .map(|u| NewTask {
            assignee: u.id,
            project_id: Some(letopis_core::ProjectId(id)),
            body: format!(
                "Проект «{}»: интервьюер отметил признаки волнения рассказчика{at}. Свяжитесь с интервьюером и решите, нужна ли рассказчику поддержка.",
                p.title
            ),
        })
        .collect();
    let note = NewSupportNote {
        project_id: letopis_core::ProjectId(id),
        kind,
        timecode_ms: timecode,
        body,
        by: by(&staff),
    };
    app.oral_call(move |o| o.add_support_note(&note, &tasks))
        .await?;
    if kind != SupportKind::Distress {
        return Ok(see_other(&format!("/studio/projects/{id}?done=support")));
    }
    if told.is_empty() {
        return Ok(see_other(&format!(
            "/studio/projects/{id}?done=distress-nobody"
        )));
    }
    let link = format!("{}/studio/projects/{id}", link_base(&app, &parts));
    let letters: Vec<Letter> = told
        .iter()
        .map(|u| letter(u, &p, &staff.user.display_name, &at, &link))
        .collect();
    let mut all_sent = true;
    for l in letters {
        all_sent &= app.send_letter(l).await?.is_ok();
    }
    let done = if all_sent {
        "distress"
    } else {
        "distress-unsent"
    };
    Ok(see_other(&format!("/studio/projects/{id}?done={done}")))
}

/// The person a task is for marks it done.
pub async fn task_done(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    staff.check_csrf(Some(Submitted(&pairs).get("csrf")))?;
    let task = app
        .oral_call(move |o| o.task(letopis_core::TaskId(id)))
        .await?
        .ok_or(AppError::NotFound)?;
    if task.assignee != staff.user.id {
        return Err(AppError::Forbidden);
    }
    let who = by(&staff);
    app.oral_call(move |o| o.complete_task(letopis_core::TaskId(id), &who))
        .await?;
    Ok(see_other("/studio?done=task"))
}
