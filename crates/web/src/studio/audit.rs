//! The audit log (administrators only): append-only, newest first.

use super::{Frame, Staff, render, when};
use crate::App;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use letopis_core::account::Permission;
use serde::Deserialize;

const PER_PAGE: u64 = 100;

#[derive(Template)]
#[template(path = "studio/audit.html")]
struct AuditPage {
    frame: Frame,
    rows: Vec<Row>,
    total: u64,
    page: u64,
    pages: u64,
}

struct Row {
    at: String,
    actor: String,
    action: String,
    subject: String,
    detail: String,
    ip: String,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct PageQuery {
    page: Option<u64>,
}

/// Every action code this version writes; each has a `studio-admin-action-<code>` message.
/// Unknown codes (from a newer version) are shown as «другое», with the code beside the detail.
const ACTIONS: &[&str] = &[
    "sign_in",
    "sign_in_failed",
    "sign_out",
    "password_set",
    "password_reset_requested",
    "invite",
    "roles",
    "publish",
    "withdraw",
    "consent_added",
    "consent_withdrawn",
    "view_private",
    "private_changed",
    "project",
    "export",
    "group",
    "roadmap",
    "destroy",
    "submission_assign",
    "submission_edit",
    "submission_question",
    "submission_decline",
    "submission_publish",
    "submission_withdraw",
];

/// The action in words, or `None` for a code this version does not know.
fn action_label(t: &Tr, code: &str) -> Option<String> {
    ACTIONS
        .contains(&code)
        .then(|| t.msg(&format!("studio-admin-action-{}", code.replace('_', "-"))))
}

pub async fn page(
    State(app): State<App>,
    staff: Staff,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    staff.require(Permission::Administer)?;
    let page = q.page.unwrap_or(1).clamp(1, 1_000_000);
    let log = app
        .accounts_call(move |a| a.audit_log((page - 1) * PER_PAGE, PER_PAGE))
        .await?;
    let rows = log
        .items
        .into_iter()
        .map(|e| {
            let label = action_label(&staff.t, &e.action);
            Row {
                at: when(&staff.t, e.at),
                actor: e.actor,
                subject: e.subject.unwrap_or_default(),
                detail: match label {
                    Some(_) => e.detail,
                    None => format!("{} {}", e.action, e.detail),
                },
                action: label.unwrap_or_else(|| staff.t.msg("studio-admin-action-other")),
                ip: e.ip.unwrap_or_default(),
            }
        })
        .collect();
    render(&AuditPage {
        frame: Frame::new(
            &staff,
            staff.t.msg("studio-admin-audit-title"),
            "/studio/audit",
        ),
        rows,
        total: log.total,
        page,
        pages: log.total.div_ceil(PER_PAGE).max(1),
    })
}
