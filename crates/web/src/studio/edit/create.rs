//! `GET`/`POST /studio/{plural}/new`: the empty form of a kind and the first draft from it.

use super::save::{merge, prepare_interview};
use super::view::{
    EditPage, script_messages, settings_from, settings_view, summary, views_from_body,
    views_from_form,
};
use super::{kind_label, kind_of};
use crate::App;
use crate::shell::error::AppError;
use crate::studio::form::{Problems, Submitted, empty_body, read_body, read_settings};
use crate::studio::upload::media_lookup;
use crate::studio::{Frame, Staff, render, see_other};
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use letopis_core::record::Settings;
use letopis_core::{Kind, Workflow};
use letopis_store::{Draft, Op, StoreError};

pub async fn new_form(
    State(app): State<App>,
    staff: Staff,
    Path(plural): Path<String>,
) -> Result<Response, AppError> {
    let kind = kind_of(&plural)?;
    new_page(&staff, kind, None, Problems::new(), &app)
}

pub(super) fn new_page(
    staff: &Staff,
    kind: Kind,
    form: Option<&[(String, String)]>,
    problems: Problems,
    app: &App,
) -> Result<Response, AppError> {
    let body = empty_body(kind);
    let lookup = media_lookup(app);
    let (fields, settings) = match form {
        Some(pairs) => {
            let s = Submitted(pairs);
            (
                views_from_form(&staff.t, kind, &s, &body, &lookup, &problems),
                settings_from(
                    &staff.t,
                    s.get("access"),
                    s.get("age_rating"),
                    s.get("embargo_until"),
                    s.get("content_note"),
                    s.get("tags"),
                    Vec::new(),
                ),
            )
        }
        None => (
            views_from_body(&staff.t, kind, &body),
            settings_view(&staff.t, &Settings::default()),
        ),
    };
    let page = EditPage {
        frame: Frame::new(
            staff,
            staff.t.args(
                "studio-new-title",
                &[("kind", kind_label(&staff.t, kind).into())],
            ),
            &format!("/studio/{}", kind.plural()),
        ),
        kind_label: kind_label(&staff.t, kind),
        action: format!("/studio/{}/new", kind.plural()),
        record: None,
        fields,
        settings,
        summary: summary(&problems),
        conflict: String::new(),
        read_only: false,
        relations: Vec::new(),
        relation_types: Vec::new(),
        relation_error: String::new(),
        actions: Vec::new(),
        refusal: String::new(),
        comments: Vec::new(),
        can_review: false,
        reviewers: Vec::new(),
        consents: Vec::new(),
        consent_kinds: Vec::new(),
        scope_items: Vec::new(),
        consent_error: String::new(),
        autosave: false,
        withheld: Vec::new(),
        is_interview: kind == Kind::Interview,
        script_messages: script_messages(&staff.t),
    };
    let mut response = render(&page)?;
    if !page.summary.is_empty() {
        *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

pub async fn create(
    State(app): State<App>,
    staff: Staff,
    Path(plural): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let kind = kind_of(&plural)?;
    staff.check_csrf(Some(Submitted(&pairs).get("csrf")))?;
    let lookup = media_lookup(&app);
    let parsed = merge(
        read_body(
            &staff.t,
            kind,
            &empty_body(kind),
            &Submitted(&pairs),
            &lookup,
        ),
        read_settings(&staff.t, &Submitted(&pairs), &Settings::default()),
    );
    let (mut body, settings) = match parsed {
        Ok(v) => v,
        Err(problems) => return new_page(&staff, kind, Some(&pairs), problems, &app),
    };
    prepare_interview(&app, &mut body).await?;
    let actor = staff.actor();
    let draft = Draft {
        body,
        settings,
        workflow: Workflow::Draft,
    };
    let out = app
        .desk(staff.viewer.clone(), move |desk| {
            Ok(desk.apply(&actor, vec![Op::Create(draft)]))
        })
        .await?;
    match out {
        Ok(outcomes) => {
            let id = outcomes
                .first()
                .and_then(|o| o.record_id())
                .ok_or(AppError::Internal)?;
            Ok(see_other(&format!("/studio/records/{}?done=created", id.0)))
        }
        Err(StoreError::Invalid(invalid)) => {
            let mut problems = Problems::new();
            for p in invalid.problems {
                problems.entry(p.field).or_default().push(p.message);
            }
            new_page(&staff, kind, Some(&pairs), problems, &app)
        }
        Err(e) => Err(e.into()),
    }
}
