//! The audit log (administrators only): append-only, newest first.

use super::{Frame, Staff, render, when};
use crate::App;
use crate::error::AppError;
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
    action: &'static str,
    subject: String,
    detail: String,
    ip: String,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct PageQuery {
    page: Option<u64>,
}

/// The action in words; unknown codes (from a newer version) are shown as they are.
fn action_label(code: &str) -> &'static str {
    match code {
        "sign_in" => "вход",
        "sign_in_failed" => "неудачный вход",
        "sign_out" => "выход",
        "password_set" => "пароль задан",
        "password_reset_requested" => "запрошено восстановление пароля",
        "invite" => "приглашение",
        "roles" => "смена ролей",
        "publish" => "публикация",
        "withdraw" => "снятие с публикации",
        "consent_added" => "согласие записано",
        "consent_withdrawn" => "согласие отозвано",
        "view_private" => "просмотр персональных данных",
        "private_changed" => "изменение персональных данных",
        "project" => "проект интервью: назначения",
        "export" => "выгрузка",
        "group" => "рабочая группа",
        "roadmap" => "дорожная карта",
        "destroy" => "уничтожение материалов",
        "submission_assign" => "рассказ жителя: назначение",
        "submission_edit" => "рассказ жителя: правка",
        "submission_question" => "рассказ жителя: вопрос отправителю",
        "submission_decline" => "рассказ жителя: отказ",
        "submission_publish" => "рассказ жителя: публикация",
        "submission_withdraw" => "рассказ жителя: отзыв",
        _ => "другое",
    }
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
        .map(|e| Row {
            at: when(&staff.t, e.at),
            actor: e.actor,
            action: action_label(&e.action),
            subject: e.subject.unwrap_or_default(),
            detail: if action_label(&e.action) == "другое" {
                format!("{} {}", e.action, e.detail)
            } else {
                e.detail
            },
            ip: e.ip.unwrap_or_default(),
        })
        .collect();
    render(&AuditPage {
        frame: Frame::new(&staff, "Журнал аудита", "/studio/audit"),
        rows,
        total: log.total,
        page,
        pages: log.total.div_ceil(PER_PAGE).max(1),
    })
}
