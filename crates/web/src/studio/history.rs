//! A record's history: every revision with who, when and what changed, field by field; any
//! revision can be restored, which saves its content as a new revision (history only grows).

use super::edit::load;
use super::form::{Submitted, fields};
use super::{Frame, Staff, render, see_other, when};
use crate::App;
use crate::error::AppError;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use letopis_core::history::Subject;
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
    title: String,
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

fn action_label(action: &str) -> String {
    match action {
        "create" => "создана".into(),
        "update" => "изменена".into(),
        a => match a.strip_prefix("workflow:").and_then(Workflow::from_code) {
            Some(w) => format!("состояние: {}", w.label_ru()),
            None => a.to_string(),
        },
    }
}

/// `path → readable value` of everything a person edits (not the bookkeeping: version, times).
fn flatten(prefix: &str, v: &Value, out: &mut BTreeMap<String, String>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&path, v, out);
            }
        }
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            let parts: Vec<String> = items.iter().map(scalar).collect();
            out.insert(prefix.to_string(), parts.join("; "));
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                flatten(&format!("{prefix}[{}]", i + 1), item, out);
            }
        }
        other => {
            out.insert(prefix.to_string(), scalar(other));
        }
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Bool(true) => "да".into(),
        Value::Bool(false) => "нет".into(),
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
fn label(kind: Kind, path: &str) -> String {
    let envelope = match path {
        "meta.workflow" => Some("Состояние"),
        "meta.slug" => Some("Адрес страницы"),
        "meta.access.level" => Some("Доступ"),
        "meta.age_rating" => Some("Возрастная маркировка"),
        "meta.embargo_until" => Some("Запрет на публикацию до"),
        "meta.content_note" => Some("Предупреждение о содержании"),
        "meta.tags" => Some("Метки"),
        "meta.submitted_by" => Some("Отправил(а) на проверку"),
        "body.kind" => Some("Вид записи"),
        _ => None,
    };
    if let Some(l) = envelope {
        return l.into();
    }
    let body_path = path.strip_prefix("body.").unwrap_or(path);
    for f in fields(kind) {
        if body_path == f.path
            || body_path.starts_with(&format!("{}[", f.path))
            || body_path.starts_with(&format!("{}.", f.path))
        {
            let rest = &body_path[f.path.len()..];
            return if rest.is_empty() {
                f.label.into()
            } else {
                format!("{} {rest}", f.label)
            };
        }
    }
    body_path.to_string()
}

fn diff(kind: Kind, before: Option<&Value>, after: Option<&Value>) -> Vec<Change> {
    let mut a = BTreeMap::new();
    let mut b = BTreeMap::new();
    if let Some(v) = before {
        flatten("", v, &mut a);
    }
    if let Some(v) = after {
        flatten("", v, &mut b);
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
                field: label(kind, k),
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
    let revisions = app
        .blocking(move |store| store.history(Subject::Record(RecordId(id))))
        .await??;
    let mut views: Vec<RevisionView> = revisions
        .iter()
        .map(|r| RevisionView {
            id: r.id,
            at: when(&staff.t, r.at),
            who: r.actor.label.clone(),
            action: action_label(&r.action),
            note: r.note.clone().unwrap_or_default(),
            changes: diff(kind, r.before.as_ref(), r.after.as_ref()),
            restorable: r.after.is_some(),
        })
        .collect();
    views.reverse();
    render(&HistoryPage {
        frame: Frame::new(
            &staff,
            format!("История: {}", stored.record.title()),
            &format!("/studio/{}", kind.plural()),
        ),
        id,
        title: stored.record.title(),
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
        .blocking(move |store| store.history(Subject::Record(RecordId(id))))
        .await??;
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
        .blocking(move |store| store.apply(&actor, vec![op], letopis_core::today()))
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
    use serde_json::json;

    #[test]
    fn the_diff_names_fields_as_the_form_does() {
        let before = json!({"meta": {"version": 1, "workflow": "draft"}, "body": {"kind": "person", "name": {"surname": "Ершов"}, "awards": ["Медаль"]}});
        let after = json!({"meta": {"version": 2, "workflow": "draft"}, "body": {"kind": "person", "name": {"surname": "Ершова"}, "awards": ["Медаль", "Орден"]}});
        let changes = diff(Kind::Person, Some(&before), Some(&after));
        let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, vec!["Награды", "Фамилия"]);
        assert_eq!(changes[1].before, "Ершов");
        assert_eq!(changes[1].after, "Ершова");
    }
}
