//! `letopis history ID`: every revision of a record, oldest first, with the fields it changed.

use crate::cli::HistoryArgs;
use anyhow::{Result, bail};
use letopis_core::history::{Revision, Subject};
use letopis_core::record::RecordId;
use serde_json::Value;

pub fn run(args: &HistoryArgs) -> Result<()> {
    let opened = super::serve::open_base(&args.data)?;
    let id = RecordId(args.id);
    let Some(stored) = opened.engine.store.get(id)? else {
        bail!("записи № {id} нет в базе");
    };
    println!(
        "№ {id} «{}» ({}), версия {}",
        stored.record.title(),
        stored.record.kind().label_ru(),
        stored.record.meta.version
    );
    for rev in opened.engine.store.history(Subject::Record(id))? {
        println!("{}", line(&rev));
    }
    Ok(())
}

fn line(rev: &Revision) -> String {
    let changed = changed_fields(rev.before.as_ref(), rev.after.as_ref());
    let mut out = format!(
        "{}  {}  {}",
        rev.at.strftime("%Y-%m-%d %H:%M:%S UTC"),
        rev.actor.label,
        rev.action
    );
    if !changed.is_empty() {
        out.push_str(&format!("  [{}]", changed.join(", ")));
    }
    if let Some(note) = &rev.note {
        out.push_str(&format!("  — {note}"));
    }
    out
}

/// Names of the body and envelope fields that differ, ignoring bookkeeping (version, times).
fn changed_fields(before: Option<&Value>, after: Option<&Value>) -> Vec<String> {
    let (Some(before), Some(after)) = (before, after) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for part in ["meta", "body"] {
        let (Some(b), Some(a)) = (before[part].as_object(), after[part].as_object()) else {
            continue;
        };
        let keys = b.keys().chain(a.keys().filter(|k| !b.contains_key(*k)));
        for key in keys {
            if matches!(key.as_str(), "version" | "updated_at") {
                continue;
            }
            if b.get(key) != a.get(key) {
                out.push(key.clone());
            }
        }
    }
    out
}
