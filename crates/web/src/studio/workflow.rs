//! The editorial workflow from the edit page: submit, return, publish, withdraw; review comments
//! and the assigned reviewer; consents. Core decides what is allowed (nobody publishes their
//! own work; a living person's data needs a publication consent); this module shows why not.

use super::edit::{Again, edit_page, load};
use super::form::Submitted;
use super::{Staff, see_other};
use crate::App;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use letopis_core::UserId;
use letopis_core::access::{Audience, Closure};
use letopis_core::account::Permission;
use letopis_core::consent::{ConsentBasis, ConsentKind, NewConsent};
use letopis_core::scope::ScopeItem;
use letopis_core::workflow::StepRefused;
use letopis_core::{RecordId, Workflow};
use letopis_store::{Op, StoreError};

pub async fn step(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    let to = Workflow::from_code(form.get("to")).ok_or(AppError::BadRequest(
        crate::shell::i18n::Message::new("error-bad-request-generic"),
    ))?;
    let stored = load(&app, &staff, id).await?;
    let from = stored.record.meta.workflow;
    // Sending one's work to review is everyone's; every other step is a reviewer's.
    if to != Workflow::InReview {
        staff.require(Permission::Review)?;
    }
    let refuse = |message: String| Again {
        refusal: message,
        ..Again::default()
    };
    if to == Workflow::Published
        && let letopis_core::Body::Interview(i) = &stored.record.body
        && i.narrator_approved.is_none()
    {
        return edit_page(
            &app,
            &staff,
            id,
            refuse(staff.t.msg("studio-refusal-not-approved")),
        )
        .await;
    }
    if to == Workflow::Published {
        let rid = stored.record.id();
        let consents = app
            .desk(staff.viewer.clone(), move |desk| {
                desk.consents_covering(rid)
            })
            .await?;
        let basis = ConsentBasis::from_consents(&consents, letopis_core::today());
        let mut meta = stored.record.meta.clone();
        meta.workflow = Workflow::Published;
        // The gate would keep the record closed anyway; refusing here says why and keeps the
        // workflow honest (a "published" record nobody can see helps no one).
        if Audience::closure_at_write(&meta, &stored.record.body, &basis)
            == Some(Closure::NoConsent)
        {
            let why = if stored.record.body.is_about_living() {
                "studio-refusal-living"
            } else {
                "studio-refusal-deceased"
            };
            return edit_page(&app, &staff, id, refuse(staff.t.msg(why))).await;
        }
    }
    let note = form.get("note").trim();
    let note = (!note.is_empty()).then(|| note.chars().take(2000).collect::<String>());
    let actor = staff.actor();
    let op = Op::Step {
        id: RecordId(id),
        to,
        note: note.clone(),
    };
    let out = app
        .desk(staff.viewer.clone(), move |desk| {
            Ok(desk.apply(&actor, vec![op]))
        })
        .await?;
    match out {
        Ok(_) => {}
        Err(StoreError::Workflow(refused)) => {
            return edit_page(&app, &staff, id, refuse(step_refused(&staff.t, &refused))).await;
        }
        Err(e) => return Err(e.into()),
    }
    // A note on a return is the reviewer's comment: keep it with the other comments too.
    if let Some(note) = note {
        let (uid, name) = (staff.user.id, staff.user.display_name.clone());
        app.accounts_call(move |a| a.add_comment(RecordId(id), uid, &name, &note))
            .await?;
    }
    let title = stored.record.title();
    let done = match (from, to) {
        (_, Workflow::InReview) => "submitted",
        (_, Workflow::Published) => {
            app.audit(staff.audit("publish", Some(format!("record:{id}")), title))
                .await;
            "published"
        }
        (_, Workflow::Withdrawn) => {
            app.audit(staff.audit("withdraw", Some(format!("record:{id}")), title))
                .await;
            "withdrawn"
        }
        (Workflow::Published, Workflow::Draft) => {
            app.audit(staff.audit(
                "withdraw",
                Some(format!("record:{id}")),
                format!("{title} (в черновик)"),
            ))
            .await;
            "returned"
        }
        _ => "returned",
    };
    Ok(see_other(&format!("/studio/records/{id}?done={done}")))
}

/// The longest review comment kept.
const MAX_COMMENT_CHARS: usize = 10_000;

pub async fn comment(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    load(&app, &staff, id).await?;
    let body: String = form
        .get("body")
        .trim()
        .chars()
        .take(MAX_COMMENT_CHARS)
        .collect();
    if body.is_empty() {
        return edit_page(
            &app,
            &staff,
            id,
            Again {
                refusal: staff.t.msg("studio-refusal-empty-comment"),
                ..Again::default()
            },
        )
        .await;
    }
    let (uid, name) = (staff.user.id, staff.user.display_name.clone());
    app.accounts_call(move |a| a.add_comment(RecordId(id), uid, &name, &body))
        .await?;
    Ok(see_other(&format!("/studio/records/{id}?done=commented")))
}

pub async fn assign(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    staff.require(Permission::Review)?;
    load(&app, &staff, id).await?;
    let reviewer = form.get("reviewer").parse::<i64>().ok();
    if let Some(r) = reviewer {
        let user = app
            .accounts_call(move |a| a.user(letopis_core::UserId(r)))
            .await?;
        if !user.is_some_and(|u| u.roles.may(Permission::Review)) {
            return Err(AppError::BadRequest(crate::shell::i18n::Message::new(
                "error-bad-request-generic",
            )));
        }
    }
    let by = staff.user.id;
    app.accounts_call(move |a| a.assign_reviewer(RecordId(id), reviewer.map(UserId), by))
        .await?;
    Ok(see_other(&format!("/studio/records/{id}?done=assigned")))
}

pub async fn add_consent(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    staff.require(Permission::Review)?;
    let stored = load(&app, &staff, id).await?;
    let again = |message: String| Again {
        consent_error: message,
        ..Again::default()
    };
    let scan = |sha: &str| super::upload::file_info(&app, sha);
    let consent = match consent_from_form(&form, stored.record.id(), scan) {
        Ok(consent) => consent,
        Err(key) => return edit_page(&app, &staff, id, again(staff.t.msg(key))).await,
    };
    let kind = consent.kind;
    let actor = staff.actor();
    let out = app
        .desk(staff.viewer.clone(), move |desk| {
            Ok(desk.apply(&actor, vec![Op::AddConsent(consent)]))
        })
        .await?;
    match out {
        Ok(_) => {
            app.audit(staff.audit(
                "consent_added",
                Some(format!("record:{id}")),
                kind.label_ru(),
            ))
            .await;
            Ok(see_other(&format!("/studio/records/{id}?done=consent")))
        }
        Err(StoreError::Invalid(i)) => {
            let message = i
                .problems
                .into_iter()
                .map(|p| p.message)
                .collect::<Vec<_>>()
                .join(" ");
            edit_page(&app, &staff, id, again(message)).await
        }
        Err(e) => Err(e.into()),
    }
}

/// The consent the form describes for `record`, or the message key of the first thing wrong
/// with it, checked in the order the form asks. `scan` finds an uploaded file by its hash.
fn consent_from_form(
    form: &Submitted<'_>,
    record: RecordId,
    scan: impl Fn(&str) -> Option<letopis_store::uploads::FileInfo>,
) -> Result<NewConsent, &'static str> {
    let kind = ConsentKind::from_code(form.get("kind")).ok_or("studio-consent-error-kind")?;
    let signed_on = form
        .get("signed_on")
        .trim()
        .parse::<jiff::civil::Date>()
        .map_err(|_| "studio-consent-error-signed")?;
    let until = form.get("valid_until").trim();
    let valid_until = match until {
        "" => None,
        text => Some(
            text.parse::<jiff::civil::Date>()
                .map_err(|_| "studio-consent-error-until")?,
        ),
    };
    let scope = consent_scope(form);
    // A person's own publication consent (152-FZ Art. 10.1) lists what may be published, so
    // nothing ticked there is a mistake, not a consent without limits (that is its own box).
    if kind == ConsentKind::Publication && scope.is_empty() && form.get("scope_all") != "1" {
        return Err("studio-consent-error-scope");
    }
    let granted_by: String = form.get("granted_by").trim().chars().take(500).collect();
    if granted_by.is_empty() {
        return Err("studio-consent-error-by");
    }
    // The scan of the signed form: one of the studio's uploads, a PDF or a picture.
    let document = match form.get("document").trim() {
        "" => None,
        sha => match scan(sha) {
            Some(info) if info.mime == "application/pdf" || info.mime.starts_with("image/") => {
                Some(info.sha256)
            }
            _ => return Err("studio-consent-error-document"),
        },
    };
    Ok(NewConsent {
        kind,
        subject: Some(record),
        granted_by,
        covers: vec![record],
        scope,
        bans: short_list(form, "bans"),
        document,
        signed_on,
        valid_until,
        note: representation(form)?,
    })
}

/// The scope ticked from the typed vocabulary; other kinds than publication limit nothing
/// unless ticked.
fn consent_scope(form: &Submitted<'_>) -> Vec<ScopeItem> {
    form.all("scope")
        .into_iter()
        .map(ScopeItem::parse)
        .filter(|i| !matches!(i, ScopeItem::Other(_)))
        .collect()
}

/// A comma-separated field as a list of short items.
fn short_list(form: &Submitted<'_>, key: &str) -> Vec<String> {
    form.get(key)
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.chars().take(200).collect())
        .collect()
}

/// A narrator who cannot sign is represented; who, and by what authority, is kept with the
/// consent (both or neither).
fn representation(form: &Submitted<'_>) -> Result<Option<String>, &'static str> {
    let representative: String = form
        .get("representative")
        .trim()
        .chars()
        .take(300)
        .collect();
    let authority: String = form.get("authority").trim().chars().take(300).collect();
    match (representative.is_empty(), authority.is_empty()) {
        (true, true) => Ok(None),
        (false, false) => Ok(Some(format!(
            "Подписал представитель: {representative}; документ о полномочиях: {authority}."
        ))),
        _ => Err("studio-consent-error-representative"),
    }
}

pub async fn withdraw_consent(
    State(app): State<App>,
    staff: Staff,
    Path((id, consent)): Path<(i64, i64)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    staff.check_csrf(Some(Submitted(&pairs).get("csrf")))?;
    staff.require(Permission::Review)?;
    let stored = load(&app, &staff, id).await?;
    let rid = stored.record.id();
    let covering = app
        .desk(staff.viewer.clone(), move |desk| {
            desk.consents_covering(rid)
        })
        .await?;
    // Only a consent covering this record, so a crafted form cannot withdraw any other.
    if !covering
        .iter()
        .any(|c| c.id == letopis_core::ConsentId(consent))
    {
        return Err(AppError::NotFound);
    }
    let actor = staff.actor();
    app.desk(staff.viewer.clone(), move |desk| {
        Ok(desk.apply(
            &actor,
            vec![Op::WithdrawConsent {
                id: letopis_core::ConsentId(consent),
            }],
        ))
    })
    .await??;
    app.audit(staff.audit(
        "consent_withdrawn",
        Some(format!("record:{id}")),
        format!("согласие №{consent}"),
    ))
    .await;
    Ok(see_other(&format!(
        "/studio/records/{id}?done=consent-withdrawn"
    )))
}

/// Core's refusal of a step, in the page's language (core words it in Russian only).
fn step_refused(t: &Tr, refused: &StepRefused) -> String {
    match refused {
        StepRefused::NotAllowed { from, to } => t.args(
            "studio-step-not-allowed",
            &[
                ("from", super::edit::workflow_label(t, *from).into()),
                ("to", super::edit::workflow_label(t, *to).into()),
            ],
        ),
        StepRefused::OwnWork => t.msg("studio-step-own-work"),
    }
}
