//! Working groups by direction (roadmap item 1): members and the person responsible for the
//! direction in each group. Everyone in the studio sees them; coordinators and administrators
//! change them.

use super::form::Submitted;
use super::{Frame, Staff, render, see_other};
use crate::App;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use letopis_core::account::{DIRECTIONS, Permission, direction_label};
use letopis_store::accounts::{Group, User};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "studio/groups.html")]
struct GroupsPage {
    frame: Frame,
    groups: Vec<(Group, String)>,
    users: Vec<User>,
    directions: Vec<(&'static str, String)>,
    can_manage: bool,
    error: String,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Done {
    done: String,
}

async fn show(
    app: &App,
    staff: &Staff,
    notice: Option<&str>,
    error: String,
) -> Result<Response, AppError> {
    let (groups, users) = app.accounts_call(|a| Ok((a.groups()?, a.users()?))).await?;
    let t = &staff.t;
    render(&GroupsPage {
        frame: Frame::new(staff, t.msg("studio-admin-groups-title"), "/studio/groups")
            .with_notice(notice),
        groups: groups
            .into_iter()
            .map(|g| {
                let d = direction_name(t, &g.direction);
                (g, d)
            })
            .collect(),
        users,
        directions: DIRECTIONS
            .iter()
            .map(|(code, _)| (*code, direction_name(t, code)))
            .collect(),
        can_manage: staff.may(Permission::ManageGroups),
        error,
    })
}

/// A working group's direction in the page's language (`studio-admin-direction-<code>`); empty
/// for a code this version does not know.
pub(super) fn direction_name(t: &Tr, code: &str) -> String {
    if direction_label(code).is_some() {
        t.msg(&format!(
            "studio-admin-direction-{}",
            code.replace('_', "-")
        ))
    } else {
        String::new()
    }
}

pub async fn page(
    State(app): State<App>,
    staff: Staff,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    show(&app, &staff, Some(&q.done), String::new()).await
}

pub async fn create(
    State(app): State<App>,
    staff: Staff,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    staff.require(Permission::ManageGroups)?;
    let name: String = form.get("name").trim().chars().take(200).collect();
    let direction = form.get("direction").to_string();
    if name.is_empty() || direction_label(&direction).is_none() {
        return show(&app, &staff, None, staff.t.msg("studio-admin-error-group")).await;
    }
    let (n, d) = (name.clone(), direction.clone());
    let id = app.accounts_call(move |a| a.create_group(&n, &d)).await?;
    app.audit(staff.audit(
        "group",
        Some(format!("group:{id}")),
        format!("создана группа «{name}»"),
    ))
    .await;
    Ok(see_other("/studio/groups?done=group"))
}

/// Adds a member, changes who is responsible, or removes a member (`action`).
pub async fn member(
    State(app): State<App>,
    staff: Staff,
    Path(group): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    staff.require(Permission::ManageGroups)?;
    let Ok(user) = form.get("user").parse::<i64>() else {
        let error = staff.t.msg("studio-admin-error-member");
        return show(&app, &staff, None, error).await;
    };
    let action = form.get("action").to_string();
    let exists = app
        .accounts_call(move |a| {
            Ok(a.groups()?
                .iter()
                .any(|g| g.id == letopis_core::GroupId(group))
                && a.user(letopis_core::UserId(user))?.is_some())
        })
        .await?;
    if !exists {
        return Err(AppError::NotFound);
    }
    let act = action.clone();
    app.accounts_call(move |a| match act.as_str() {
        "remove" => a.remove_member(letopis_core::GroupId(group), letopis_core::UserId(user)),
        "responsible" => a.set_member(
            letopis_core::GroupId(group),
            letopis_core::UserId(user),
            true,
        ),
        _ => a.set_member(
            letopis_core::GroupId(group),
            letopis_core::UserId(user),
            false,
        ),
    })
    .await?;
    app.audit(staff.audit(
        "group",
        Some(format!("group:{group}")),
        format!("участник {user}: {action}"),
    ))
    .await;
    Ok(see_other("/studio/groups?done=group"))
}
