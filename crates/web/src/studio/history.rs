//! A record's history: every revision with who, when and what changed, field by field; any
//! revision can be restored, which saves its content as a new revision (history only grows).

use super::edit::{load, workflow_label};
use super::form::{Submitted, fields};
use super::{Frame, Staff, render, see_other, when};
use crate::App;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use letopis_core::record::Record;
use letopis_core::{Kind, RecordId, Workflow};
use letopis_store::{Op, StoreError};
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Template)]
#[template(path = "studio/history.html")]
struct HistoryPage {
    frame: Frame,
    id: i64,
    revisions: Vec<RevisionView>,
}

struct RevisionView {
    id: i64,
    at: String,
    who: String,
    action: String,
    note: String,
    changes: Vec<Change>,
    restorable: bool,
}

struct Change {
    field: String,
    before: String,
    after: String,
}

fn action_label(t: &Tr, action: &str) -> String {
    match action {
        "create" => t.msg("studio-history-created"),
        "update" => t.msg("studio-history-updated"),
        a => match a.strip_prefix("workflow:").and_then(Workflow::from_code) {
            Some(w) => t.args(
                "studio-history-state",
                &[("state", workflow_label(t, w).into())],
            ),
            None => a.to_string(),
        },
    }
}

/// `path → readable value` of everything a person edits (not the bookkeeping: version, times).
fn flatten(t: &Tr, prefix: &str, v: &Value, out: &mut BTreeMap<String, String>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(t, &path, v, out);
            }
        }
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            let parts: Vec<String> = items.iter().map(|i| scalar(t, i)).collect();
            out.insert(prefix.to_string(), parts.join("; "));
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                flatten(t, &format!("{prefix}[{}]", i + 1), item, out);
            }
        }
        other => {
            out.insert(prefix.to_string(), scalar(t, other));
        }
    }
}

fn scalar(t: &Tr, v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Bool(true) => t.msg("studio-history-yes"),
        Value::Bool(false) => t.msg("studio-history-no"),
        other => other.to_string(),
    }
}

const BOOKKEEPING: [&str; 5] = [
    "meta.version",
    "meta.updated_at",
    "meta.created_at",
    "meta.id",
    "meta.kind",
];

/// The label a person knows a path by: the form's, or the envelope's.
fn label(t: &Tr, kind: Kind, path: &str) -> String {
    let envelope = match path {
        "meta.workflow" => Some("studio-list-state"),
        "meta.slug" => Some("studio-history-slug"),
        "meta.access.level" => Some("studio-settings-access"),
        "meta.age_rating" => Some("studio-settings-age"),
        "meta.embargo_until" => Some("studio-history-embargo"),
        "meta.content_note" => Some("studio-settings-note"),
        "meta.tags" => Some("studio-history-tags"),
        "meta.submitted_by" => Some("studio-history-submitted-by"),
        "body.kind" => Some("studio-history-kind"),
        _ => None,
    };
    if let Some(id) = envelope {
        return t.msg(id);
    }
    let body_path = path.strip_prefix("body.").unwrap_or(path);
    for f in fields(kind) {
        if body_path == f.path
            || body_path.starts_with(&format!("{}[", f.path))
            || body_path.starts_with(&format!("{}.", f.path))
        {
            let rest = &body_path[f.path.len()..];
            return if rest.is_empty() {
                t.msg(f.label)
            } else {
                format!("{} {rest}", t.msg(f.label))
            };
        }
    }
    body_path.to_string()
}

fn diff(t: &Tr, kind: Kind, before: Option<&Value>, after: Option<&Value>) -> Vec<Change> {
    let mut a = BTreeMap::new();
    let mut b = BTreeMap::new();
    if let Some(v) = before {
        flatten(t, "", v, &mut a);
    }
    if let Some(v) = after {
        flatten(t, "", v, &mut b);
    }
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| !BOOKKEEPING.contains(&k.as_str()))
        .filter_map(|k| {
            let (x, y) = (
                a.get(k).cloned().unwrap_or_default(),
                b.get(k).cloned().unwrap_or_default(),
            );
            (x != y).then(|| Change {
                field: label(t, kind, k),
                before: clip(&x),
                after: clip(&y),
            })
        })
        .collect()
}

/// Long texts (a biography) are shown by their start: the history is for seeing what changed.
fn clip(s: &str) -> String {
    const MAX: usize = 600;
    if s.chars().count() > MAX {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    } else {
        s.to_string()
    }
}

pub async fn page(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let stored = load(&app, &staff, id).await?;
    let kind = stored.record.kind();
    // Only a person who may edit the record now is offered to restore it (the POST would
    // refuse anyone else).
    let may_restore = super::edit::may_edit(&staff, stored.record.meta.workflow);
    let revisions = app
        .desk(staff.viewer.clone(), move |desk| desk.history(RecordId(id)))
        .await?;
    let mut views: Vec<RevisionView> = revisions
        .iter()
        .map(|r| RevisionView {
            id: r.id,
            at: when(&staff.t, r.at),
            who: r.actor.label.clone(),
            action: action_label(&staff.t, &r.action),
            note: r.note.clone().unwrap_or_default(),
            changes: diff(&staff.t, kind, r.before.as_ref(), r.after.as_ref()),
            restorable: may_restore && r.after.is_some(),
        })
        .collect();
    views.reverse();
    render(&HistoryPage {
        frame: Frame::new(
            &staff,
            staff.t.args(
                "studio-history-title",
                &[("title", stored.record.title().into())],
            ),
            &format!("/studio/{}", kind.plural()),
        ),
        id,
        revisions: views,
    })
}

pub async fn restore(
    State(app): State<App>,
    staff: Staff,
    Path((id, revision)): Path<(i64, i64)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    staff.check_csrf(Some(Submitted(&pairs).get("csrf")))?;
    let current = load(&app, &staff, id).await?;
    if !super::edit::may_edit(&staff, current.record.meta.workflow) {
        return Err(AppError::Forbidden);
    }
    let revisions = app
        .desk(staff.viewer.clone(), move |desk| desk.history(RecordId(id)))
        .await?;
    let old: Record = revisions
        .into_iter()
        .find(|r| r.id == revision)
        .and_then(|r| r.after)
        .and_then(|v| serde_json::from_value(v).ok())
        .ok_or(AppError::NotFound)?;
    let actor = staff.actor();
    let op = Op::Update {
        id: RecordId(id),
        expected_version: Some(current.record.meta.version),
        settings: old.settings(),
        body: old.body,
    };
    match app
        .desk(staff.viewer.clone(), move |desk| {
            Ok(desk.apply(&actor, vec![op]))
        })
        .await?
    {
        Ok(_) | Err(StoreError::Conflict { .. }) => {}
        Err(e) => return Err(e.into()),
    }
    Ok(see_other(&format!("/studio/records/{id}?done=restored")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::i18n::Lang;
    use serde_json::json;

    #[test]
    fn the_diff_names_fields_as_the_form_does() {
        let before = json!({"meta": {"version": 1, "workflow": "draft"}, "body": {"kind": "person", "name": {"surname": "Ершов"}, "awards": ["Медаль"]}});
        let after = json!({"meta": {"version": 2, "workflow": "draft"}, "body": {"kind": "person", "name": {"surname": "Ершова"}, "awards": ["Медаль", "Орден"]}});
        let changes = diff(
            &Tr::new(Lang::Ru),
            Kind::Person,
            Some(&before),
            Some(&after),
        );
        let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, vec!["Награды", "Фамилия"]);
        assert_eq!(changes[1].before, "Ершов");
        assert_eq!(changes[1].after, "Ершова");
    }
}
