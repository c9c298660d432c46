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
    error: String,
    email: String,
    name: String,
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
    error: String,
    email: String,
    name: String,
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
        error,
        email,
        name,
    })
}

pub async fn page(
    State(app): State<App>,
    staff: Staff,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    staff.require(Permission::Administer)?;
    render_page(
        &app,
        &staff,
        Some(&q.done),
        String::new(),
        String::new(),
        String::new(),
    )
    .await
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
            return render_page(&app, &staff, None, msg, typed_email, name).await;
        }
    };
    if name.is_empty() {
        return render_page(
            &app,
            &staff,
            None,
            "Укажите имя участника — так его увидят в истории правок.".into(),
            typed_email,
            name,
        )
        .await;
    }
    if roles.is_empty() {
        return render_page(
            &app,
            &staff,
            None,
            "Отметьте хотя бы одну роль.".into(),
            typed_email,
            name,
        )
        .await;
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
            return render_page(
                &app,
                &staff,
                None,
                format!("Участник с адресом {email} уже есть."),
                typed_email,
                name,
            )
            .await;
        }
    };
    let user = app
        .accounts_call(move |a| a.user(id))
        .await?
        .ok_or(AppError::Internal)?;
    send_link(&app, &user, TokenPurpose::Invite, &link_base(&app, &parts)).await?;
    let labels: Vec<&str> = roles.iter().map(|r| r.label_ru()).collect();
    app.audit(staff.audit(
        "invite",
        Some(format!("user:{id}")),
        format!("{email}: {}", labels.join(", ")),
    ))
    .await;
    Ok(see_other("/studio/users?done=invited"))
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
        return render_page(
            &app,
            &staff,
            None,
            "Нельзя снять с себя роль администратора: попросите другого администратора.".into(),
            String::new(),
            String::new(),
        )
        .await;
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
