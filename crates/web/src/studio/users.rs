//! Participants (administrators only): the list, invitations by e-mail, and roles.

use super::sign_in::send_link;
use super::{Frame, Staff, render, see_other};
use crate::App;
use crate::shell::base_url::link_base;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::request::Parts;
use axum::response::Response;
use letopis_core::UserId;
use letopis_core::account::{Email, Permission, Role};
use letopis_store::accounts::{NewUser, TokenPurpose, User};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "studio/users.html")]
struct UsersPage {
    frame: Frame,
    users: Vec<UserRow>,
    roles: Vec<(&'static str, String)>,
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
    roles: Vec<(&'static str, String, bool)>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Done {
    done: String,
}

/// A role in the page's language (`studio-admin-role-<code>`); core's `label_ru` stays for the
/// audit log and letters.
fn role_label(t: &Tr, role: Role) -> String {
    t.label("studio-admin-role", role)
}

fn all_roles(t: &Tr) -> Vec<(&'static str, String)> {
    Role::ALL
        .iter()
        .map(|r| (r.code(), role_label(t, *r)))
        .collect()
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
                .map(|r| (r.code(), role_label(&staff.t, *r), user.roles.has(*r)))
                .collect(),
            user,
        })
        .collect();
    render(&UsersPage {
        frame: Frame::new(
            staff,
            staff.t.msg("studio-admin-users-title"),
            "/studio/users",
        )
        .with_notice(notice),
        users,
        roles: all_roles(&staff.t),
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
    let t = &staff.t;
    let email = match Email::parse(&typed_email) {
        Ok(e) => e,
        // Core refuses an address only for not looking like one.
        Err(_) => {
            let invite = InviteState::refused(t.msg("studio-admin-error-email"), typed_email, name);
            return render_page(&app, &staff, None, invite).await;
        }
    };
    if name.is_empty() {
        let invite = InviteState::refused(t.msg("studio-admin-error-name"), typed_email, name);
        return render_page(&app, &staff, None, invite).await;
    }
    if roles.is_empty() {
        let invite = InviteState::refused(t.msg("studio-admin-error-roles"), typed_email, name);
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
                t.args(
                    "studio-admin-error-exists",
                    &[("email", email.to_string().into())],
                ),
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
                error: t.args(
                    "studio-admin-invite-unsent",
                    &[
                        ("email", email.to_string().into()),
                        ("error", e.to_string().into()),
                    ],
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
    Path(id): Path<UserId>,
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
            error: staff.t.msg("studio-admin-error-own-admin"),
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
