//! A narrator's withdrawal: one action that takes the interview and the narrator's personal
//! data off every public path at once (DESIGN.md, invariant 3).
//!
//! In one `apply` (one transaction): the interview is withdrawn, every active consent covering
//! it or its narrators is withdrawn, and each published narrator record is withdrawn too. Every
//! public path reads through the gate, which reads the workflow state and the consents, so the
//! next request anywhere — pages, search hits, feeds, sitemap, API, captions, media — no longer
//! shows them. What happens to the materials (kept in the closed archive, or to be destroyed by
//! a date within the legal term) is recorded with who and when in the audit log and as a comment
//! on the record.

use super::edit::{Again, edit_page, load};
use super::form::Submitted;
use super::{Staff, see_other};
use crate::App;
use crate::error::AppError;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use letopis_core::account::Permission;
use letopis_core::{Body, RecordId, RelationType, Workflow};
use letopis_store::Op;

pub async fn withdraw(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    staff.require(Permission::Review)?;
    let stored = load(&app, &staff, id).await?;
    if !matches!(stored.record.body, Body::Interview(_)) {
        return Err(AppError::NotFound);
    }
    let refuse = |message: &str| Again {
        refusal: message.to_string(),
        ..Again::default()
    };
    let requested_by: String = form.get("requested_by").trim().chars().take(300).collect();
    let requested_on = form.get("requested_on").trim().parse::<jiff::civil::Date>();
    let destroy = form.get("disposition") == "destroy";
    let destroy_by = form.get("destroy_by").trim().parse::<jiff::civil::Date>();
    if requested_by.is_empty() {
        return edit_page(
            &app,
            &staff,
            id,
            refuse("Отзыв не записан: укажите, кто попросил отозвать интервью (рассказчик или его представитель)."),
        )
        .await;
    }
    let Ok(requested_on) = requested_on else {
        return edit_page(
            &app,
            &staff,
            id,
            refuse("Отзыв не записан: укажите дату обращения в виде 2025-03-14."),
        )
        .await;
    };
    let disposition = match (destroy, destroy_by) {
        (false, _) => "материалы хранятся в закрытом архиве музея".to_string(),
        (true, Ok(by)) if by >= requested_on => format!("материалы уничтожить до {by}"),
        (true, _) => {
            return edit_page(
                &app,
                &staff,
                id,
                refuse("Отзыв не записан: укажите, до какой даты уничтожить материалы (не раньше даты обращения), в виде 2025-03-14."),
            )
            .await;
        }
    };
    let note: String = form.get("note").trim().chars().take(2000).collect();
    let rid = RecordId(id);
    let actor = staff.actor();
    let summary = format!(
        "Отзыв интервью по просьбе: {requested_by}, обращение от {requested_on}; {disposition}.{}",
        if note.is_empty() {
            String::new()
        } else {
            format!(" {note}")
        }
    );
    let step_note = summary.clone();
    app.blocking(move |store| {
        let narrators: Vec<RecordId> = store
            .relations(rid)?
            .into_iter()
            .filter(|r| r.rtype == RelationType::NarratorOf && r.to == rid)
            .map(|r| r.from)
            .collect();
        let mut ops = Vec::new();
        if store
            .get(rid)?
            .is_some_and(|r| r.record.meta.workflow != Workflow::Withdrawn)
        {
            ops.push(Op::Step {
                id: rid,
                to: Workflow::Withdrawn,
                note: Some(step_note.clone()),
            });
        }
        let mut consents = Vec::new();
        for subject in std::iter::once(rid).chain(narrators.iter().copied()) {
            for c in store.consents_covering(subject)? {
                if c.withdrawn_at.is_none() && !consents.contains(&c.id) {
                    consents.push(c.id);
                }
            }
        }
        ops.extend(consents.into_iter().map(|id| Op::WithdrawConsent { id }));
        for person in narrators {
            if store
                .get(person)?
                .is_some_and(|r| r.record.meta.workflow == Workflow::Published)
            {
                ops.push(Op::Step {
                    id: person,
                    to: Workflow::Withdrawn,
                    note: Some(step_note.clone()),
                });
            }
        }
        store.apply(&actor, ops, letopis_core::today())
    })
    .await??;
    let (uid, name) = (staff.user.id, staff.user.display_name.clone());
    let comment = summary.clone();
    app.accounts_call(move |a| a.add_comment(rid, uid, &name, &comment))
        .await?;
    app.audit(staff.audit("withdraw", Some(format!("record:{id}")), summary))
        .await;
    Ok(see_other(&format!(
        "/studio/records/{id}?done=narrator-withdrawn"
    )))
}
