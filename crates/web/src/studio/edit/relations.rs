//! `POST /studio/records/{id}/relations` and `…/relations/{relation}/delete`.

use super::view::{Again, edit_page, load};
use crate::App;
use crate::shell::error::AppError;
use crate::studio::form::{self, Submitted};
use crate::studio::{Staff, see_other};
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use letopis_core::relation::{NewRelation, RelationType};
use letopis_store::{Op, StoreError};

pub async fn relate(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    let this = load(&app, &staff, id).await?;
    let again = |message: String| Again {
        relation_error: message,
        ..Again::default()
    };
    let Ok(rtype) = RelationType::parse(form.get("rtype")) else {
        return edit_page(
            &app,
            &staff,
            id,
            again(staff.t.msg("studio-relation-error-type")),
        )
        .await;
    };
    let Some(target) = form::parse_record_number(form.get("target")) else {
        return edit_page(
            &app,
            &staff,
            id,
            again(staff.t.msg("studio-relation-error-target")),
        )
        .await;
    };
    let other = match load(&app, &staff, target).await {
        Ok(r) => r,
        Err(AppError::NotFound) => {
            return edit_page(
                &app,
                &staff,
                id,
                again(staff.t.args(
                    "studio-relation-error-missing",
                    &[("number", target.to_string().into())],
                )),
            )
            .await;
        }
        Err(e) => return Err(e),
    };
    let (subjects, _) = rtype.ends();
    // The relation reads from its subject: «Иванов — родился в — Сходня» whichever page it
    // was added from.
    let (from, to) = if subjects.contains(&this.record.kind()) {
        (this.record.id(), other.record.id())
    } else {
        (other.record.id(), this.record.id())
    };
    let mut rel = NewRelation::new(from, rtype, to);
    let note = form.get("note").trim();
    if !note.is_empty() {
        rel.note = Some(note.chars().take(1000).collect());
    }
    let actor = staff.actor();
    let out = app
        .desk(staff.viewer.clone(), move |desk| {
            Ok(desk.apply(&actor, vec![Op::Relate(rel)]))
        })
        .await?;
    match out {
        Ok(_) => Ok(see_other(&format!("/studio/records/{id}?done=related"))),
        Err(e @ (StoreError::Invalid(_) | StoreError::Duplicate { .. })) => {
            let message = match e {
                StoreError::Invalid(i) => i
                    .problems
                    .into_iter()
                    .map(|p| p.message)
                    .collect::<Vec<_>>()
                    .join(" "),
                other => other.to_string(),
            };
            edit_page(&app, &staff, id, again(message)).await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn unrelate(
    State(app): State<App>,
    staff: Staff,
    Path((id, relation)): Path<(i64, i64)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    staff.check_csrf(Some(Submitted(&pairs).get("csrf")))?;
    let this = load(&app, &staff, id).await?;
    let rid = this.record.id();
    let ours = app
        .desk(staff.viewer.clone(), move |desk| desk.relations(rid))
        .await?;
    // Only a relation of this record, so a crafted form cannot remove any other.
    if !ours
        .iter()
        .any(|r| r.id == letopis_core::RelationId(relation))
    {
        return Err(AppError::NotFound);
    }
    let actor = staff.actor();
    app.desk(staff.viewer.clone(), move |desk| {
        Ok(desk.apply(
            &actor,
            vec![Op::Unrelate(letopis_core::RelationId(relation))],
        ))
    })
    .await??;
    Ok(see_other(&format!("/studio/records/{id}?done=unrelated")))
}
