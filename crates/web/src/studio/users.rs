//! Participants (administrators only): the list, invitations by e-mail, and roles.

use super::sign_in::{link_base, send_link};
use super::{Frame, Staff, render, see_other};
use crate::App;
use crate::error::AppError;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::request::Parts;
use axum::response::Response;
use letopis_core::account::{Email, Permission, Role};
use letopis_store::accounts::{NewUser, TokenPurpose, User};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "studio/users.html")]
struct UsersPage {
    frame: Frame,
    users: Vec<UserRow>,
    roles: Vec<(&'static str, &'static str)>,
    invite: InviteState,
}

/// What the invitation form shows besides the list: a problem, what was typed, and the link of
/// an invitation whose letter did not go.
#[derive(Default)]
struct InviteState {
    error: String,
    email: String,
    name: String,
    unsent_link: String,
}

impl InviteState {
    fn refused(error: impl Into<String>, email: String, name: String) -> InviteState {
        InviteState {
            error: error.into(),
            email,
            name,
            unsent_link: String::new(),
        }
    }
}

struct UserRow {
    user: User,
    roles: Vec<(&'static str, &'static str, bool)>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Done {
    done: String,
}

fn all_roles() -> Vec<(&'static str, &'static str)> {
    Role::ALL.iter().map(|r| (r.code(), r.label_ru())).collect()
}

async fn render_page(
    app: &App,
    staff: &Staff,
    notice: Option<&str>,
    invite: InviteState,
) -> Result<Response, AppError> {
    let users = app.accounts_call(|a| a.users()).await?;
    let users = users
        .into_iter()
        .map(|user| UserRow {
            roles: Role::ALL
                .iter()
                .map(|r| (r.code(), r.label_ru(), user.roles.has(*r)))
                .collect(),
            user,
        })
        .collect();
    render(&UsersPage {
        frame: Frame::new(staff, "Участники", "/studio/users").with_notice(notice),
        users,
        roles: all_roles(),
        invite,
    })
}

pub async fn page(
    State(app): State<App>,
    staff: Staff,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    staff.require(Permission::Administer)?;
    render_page(&app, &staff, Some(&q.done), InviteState::default()).await
}

/// Parses `role=a&role=b` from a form sent as pairs.
fn roles_from(pairs: &[(String, String)]) -> Vec<Role> {
    pairs
        .iter()
        .filter(|(k, _)| k == "role")
        .filter_map(|(_, v)| Role::from_code(v))
        .collect()
}

fn value<'a>(pairs: &'a [(String, String)], key: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

pub async fn invite(
    State(app): State<App>,
    staff: Staff,
    parts: Parts,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    staff.require(Permission::Administer)?;
    staff.check_csrf(Some(value(&pairs, "csrf")))?;
    let name: String = value(&pairs, "name").trim().chars().take(200).collect();
    let typed_email: String = value(&pairs, "email").chars().take(254).collect();
    let roles = roles_from(&pairs);
    let email = match Email::parse(&typed_email) {
        Ok(e) => e,
        Err(e) => {
            let msg = e
                .problems
                .into_iter()
                .map(|p| p.message)
                .collect::<Vec<_>>()
                .join(" ");
            let invite = InviteState::refused(msg, typed_email, name);
            return render_page(&app, &staff, None, invite).await;
        }
    };
    if name.is_empty() {
        let invite = InviteState::refused(
            "Укажите имя участника — так его увидят в истории правок.",
            typed_email,
            name,
        );
        return render_page(&app, &staff, None, invite).await;
    }
    if roles.is_empty() {
        let invite = InviteState::refused("Отметьте хотя бы одну роль.", typed_email, name);
        return render_page(&app, &staff, None, invite).await;
    }
    let new = NewUser {
        email: email.clone(),
        display_name: name.clone(),
        roles: roles.clone(),
    };
    let created = app.accounts_call(move |a| a.create_user(&new, None)).await;
    let id = match created {
        Ok(id) => id,
        Err(_) => {
            let invite = InviteState::refused(
                format!("Участник с адресом {email} уже есть."),
                typed_email,
                name,
            );
            return render_page(&app, &staff, None, invite).await;
        }
    };
    let user = app
        .accounts_call(move |a| a.user(id))
        .await?
        .ok_or(AppError::Internal)?;
    let mailed = send_link(&app, &user, TokenPurpose::Invite, &link_base(&app, &parts)).await?;
    let labels: Vec<&str> = roles.iter().map(|r| r.label_ru()).collect();
    let mut detail = format!("{email}: {}", labels.join(", "));
    if let Err(e) = &mailed.mail {
        detail.push_str(&format!("; письмо не отправлено: {e}"));
    }
    app.audit(staff.audit("invite", Some(format!("user:{id}")), detail))
        .await;
    match mailed.mail {
        Ok(_) => Ok(see_other("/studio/users?done=invited")),
        Err(e) => {
            let invite = InviteState {
                error: format!(
                    "Участник {email} добавлен, но письмо с приглашением не отправлено: {e}. \
                     Передайте ему ссылку сами — она действует 7 дней и работает один раз."
                ),
                unsent_link: mailed.link,
                ..InviteState::default()
            };
            let mut page = render_page(&app, &staff, None, invite).await?;
            *page.status_mut() = axum::http::StatusCode::BAD_GATEWAY;
            Ok(page)
        }
    }
}

pub async fn roles(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    staff.require(Permission::Administer)?;
    staff.check_csrf(Some(value(&pairs, "csrf")))?;
    let roles = roles_from(&pairs);
    let before = app
        .accounts_call(move |a| a.user(id))
        .await?
        .ok_or(AppError::NotFound)?;
    // The last administrator cannot take away their own administration by accident.
    if id == staff.user.id && !roles.contains(&Role::Admin) {
        let invite = InviteState {
            error: "Нельзя снять с себя роль администратора: попросите другого администратора."
                .into(),
            ..InviteState::default()
        };
        return render_page(&app, &staff, None, invite).await;
    }
    let set = roles.clone();
    app.accounts_call(move |a| a.set_roles(id, &set)).await?;
    let labels: Vec<&str> = roles.iter().map(|r| r.label_ru()).collect();
    app.audit(staff.audit(
        "roles",
        Some(format!("user:{id}")),
        format!(
            "{}: было «{}», стало «{}»",
            before.email,
            before.roles.labels_ru(),
            labels.join(", ")
        ),
    ))
    .await;
    Ok(see_other("/studio/users?done=roles"))
}
