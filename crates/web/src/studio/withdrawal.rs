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
use crate::shell::error::AppError;
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
            refuse(&staff.t.msg("studio-withdrawal-error-by")),
        )
        .await;
    }
    let Ok(requested_on) = requested_on else {
        return edit_page(
            &app,
            &staff,
            id,
            refuse(&staff.t.msg("studio-withdrawal-error-on")),
        )
        .await;
    };
    // The summary goes into the record's history, comments and the audit log, which are kept in
    // the museum's language whatever the interface of the person who wrote it.
    let disposition = match (destroy, destroy_by) {
        (false, _) => "материалы хранятся в закрытом архиве музея".to_string(),
        (true, Ok(by)) if by >= requested_on => format!("материалы уничтожить до {by}"),
        (true, _) => {
            return edit_page(
                &app,
                &staff,
                id,
                refuse(&staff.t.msg("studio-withdrawal-error-until")),
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
    // Withdrawal is total whoever asks for it: the museum's desk sees every narrator and consent.
    app.museum_desk(move |desk| {
        let narrators: Vec<RecordId> = desk
            .relations(rid)?
            .into_iter()
            .filter(|r| r.rtype == RelationType::NarratorOf && r.to == rid)
            .map(|r| r.from)
            .collect();
        let mut ops = Vec::new();
        if desk
            .gate()
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
            for c in desk.consents_covering(subject)? {
                if c.withdrawn_at.is_none() && !consents.contains(&c.id) {
                    consents.push(c.id);
                }
            }
        }
        ops.extend(consents.into_iter().map(|id| Op::WithdrawConsent { id }));
        for person in narrators {
            if desk
                .gate()
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
        Ok(desk.apply(&actor, ops)?)
    })
    .await?;
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

/// What a destruction erases of an interview: the recordings, their public copies, the
/// transcript with its original file, the index and the narrator's choices about them.
const DESTROYED: [&str; 8] = [
    "recordings",
    "silenced",
    "transcript",
    "transcript_file",
    "segments",
    "redactions",
    "pseudonym",
    "summary",
];

/// `POST /studio/records/{id}/destroy-materials`: after a withdrawal that asked for it, the
/// recordings and the transcript are destroyed — from the record, from every revision kept of
/// it, and their files from the blob store (unless another record shows the same file) — and
/// the destruction is recorded: who, when, how many files, on what grounds.
pub async fn destroy(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    staff.require(Permission::Review)?;
    let stored = load(&app, &staff, id).await?;
    let Body::Interview(interview) = &stored.record.body else {
        return Err(AppError::NotFound);
    };
    let refuse = |message: &str| Again {
        refusal: message.to_string(),
        ..Again::default()
    };
    if stored.record.meta.workflow != Workflow::Withdrawn {
        return edit_page(
            &app,
            &staff,
            id,
            refuse(&staff.t.msg("studio-destroy-error-not-withdrawn")),
        )
        .await;
    }
    if form.get("confirm") != "on" {
        return edit_page(
            &app,
            &staff,
            id,
            refuse(&staff.t.msg("studio-destroy-error-confirm")),
        )
        .await;
    }
    let grounds: String = form.get("grounds").trim().chars().take(1000).collect();
    let rid = RecordId(id);
    let mut body = interview.clone();
    body.recordings.clear();
    body.silenced.clear();
    body.transcript.clear();
    body.transcript_file = None;
    body.segments.clear();
    body.redactions.clear();
    body.pseudonym = None;
    body.summary = "Материалы интервью уничтожены по отзыву рассказчика.".into();
    let actor = staff.actor();
    let settings = stored.record.settings();
    let version = stored.record.meta.version;
    let erased = app
        .museum_desk(move |desk| -> Result<Vec<serde_json::Value>, AppError> {
            desk.apply(
                &actor,
                vec![Op::Update {
                    id: rid,
                    expected_version: Some(version),
                    body: Body::Interview(body),
                    settings,
                }],
            )?;
            desk.erase_from_history(rid, &DESTROYED)
        })
        .await?;
    // The files those values named: recordings, silenced copies, the transcript file.
    let mut hashes: Vec<String> = Vec::new();
    for value in &erased {
        crate::media::hashes_in(value, &mut hashes);
    }
    hashes.sort();
    hashes.dedup();
    let blobs = app.blobs();
    let uploads = app.uploads().ok();
    let removed = app
        .museum_desk(move |desk| {
            let mut removed = 0usize;
            for sha in &hashes {
                if desk.file_in_use(sha)? {
                    continue;
                }
                // Its thumbnail and the archive original go with it: nothing of it is kept.
                let info = uploads
                    .as_ref()
                    .and_then(|u| u.file_info(sha).ok().flatten());
                let copies = info
                    .iter()
                    .flat_map(|i| i.thumb.iter().chain(std::iter::once(&i.original)))
                    .filter(|h| *h != sha)
                    .cloned()
                    .collect::<Vec<_>>();
                // What the studio knew of the file (its name above all) goes with it.
                if let Some(uploads) = &uploads
                    && let Err(e) = uploads.remove_file_info(sha)
                {
                    tracing::warn!(error = %e, "a destroyed file's info was not removed");
                }
                if blobs.remove(sha).unwrap_or(false) {
                    removed += 1;
                }
                for copy in copies {
                    if let Err(e) = blobs.remove(&copy) {
                        tracing::warn!(error = %e, "a destroyed file's copy was not removed");
                    }
                }
            }
            Ok(removed)
        })
        .await?;
    let record = format!(
        "Материалы уничтожены: файлов удалено — {removed}, расшифровка и оглавление стёрты из записи и всей истории правок.{}",
        if grounds.is_empty() {
            String::new()
        } else {
            format!(" Основание: {grounds}")
        }
    );
    let (uid, name) = (staff.user.id, staff.user.display_name.clone());
    let comment = record.clone();
    app.accounts_call(move |a| a.add_comment(rid, uid, &name, &comment))
        .await?;
    app.audit(staff.audit("destroy", Some(format!("record:{id}")), record))
        .await;
    Ok(see_other(&format!("/studio/records/{id}?done=destroyed")))
}
