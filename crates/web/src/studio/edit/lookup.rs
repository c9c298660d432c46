//! The form's helpers over JSON: the EDTF preview and the relation picker's suggestions.

use super::kind_label;
use super::view::edtf_preview_text;
use crate::App;
use crate::shell::error::AppError;
use crate::studio::Staff;
use axum::Json;
use axum::extract::{Query, State};
use letopis_core::Kind;
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct EdtfQuery {
    value: String,
}

/// `GET /studio/edtf?value=1942-03~` → `{"text": "около марта 1942 г."}` or `{"error": …}`.
pub async fn edtf_preview(staff: Staff, Query(q): Query<EdtfQuery>) -> Json<Value> {
    let (text, error) = edtf_preview_text(&staff.t, &q.value.chars().take(100).collect::<String>());
    Json(json!({ "text": text, "error": error }))
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct SuggestQuery {
    q: String,
    kind: String,
}

/// The relation picker's suggestions: records whose title contains the text, as far as the
/// signed-in person may see them.
pub async fn suggest(
    State(app): State<App>,
    staff: Staff,
    Query(q): Query<SuggestQuery>,
) -> Result<Json<Value>, AppError> {
    let text: String = q.q.trim().chars().take(100).collect();
    if text.chars().count() < 2 {
        return Ok(Json(json!([])));
    }
    let kinds: Vec<Kind> = q.kind.split(',').filter_map(Kind::from_code).collect();
    let filter = staff.viewer.filter(letopis_core::today());
    let ids = app
        .accounts_call(move |a| a.suggest(&text, &kinds, 12, &filter))
        .await?;
    let found = app
        .read_studio(staff.viewer.clone(), move |gate| gate.many(&ids))
        .await?;
    let items: Vec<Value> = found
        .iter()
        .map(|r| {
            json!({
                "id": r.record.id().0,
                "title": r.record.title(),
                "kind": r.record.kind().code(),
                "label": format!("{} (№{}) — {}", r.record.title(), r.record.id().0, kind_label(&staff.t, r.record.kind())),
            })
        })
        .collect();
    Ok(Json(Value::Array(items)))
}
