//! `/studio/preservation` (administrators): how the media originals last — the fixity audits
//! `letopis serve` runs every `fixity_every_days` (and `letopis verify` by hand), with what each
//! found — and the whole base to download, for a copy kept elsewhere.

use super::{Frame, Staff, render, when};
use crate::App;
use crate::shell::error::AppError;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use letopis_core::Kind;
use letopis_core::account::Permission;

/// Audits listed.
const SHOWN: u32 = 12;

#[derive(Template)]
#[template(path = "studio/preservation.html")]
struct PreservationPage {
    frame: Frame,
    audits: Vec<Audit>,
    exports: Vec<(String, String)>,
}

struct Audit {
    at: String,
    files: u64,
    megabytes: String,
    damaged: u64,
    missing: u64,
    unused: u64,
    passed: bool,
    problems: Vec<String>,
}

pub async fn page(State(app): State<App>, staff: Staff) -> Result<Response, AppError> {
    staff.require(Permission::Administer)?;
    let audits = app
        .accounts_call(|a| a.fixity_audits(SHOWN))
        .await?
        .into_iter()
        .map(|a| Audit {
            at: when(&staff.t, a.started_at),
            files: a.files,
            megabytes: format!("{:.1}", a.bytes as f64 / 1_000_000.0),
            damaged: a.damaged,
            missing: a.missing,
            unused: a.unused,
            passed: a.passed(),
            problems: a.problems,
        })
        .collect();
    let exports = Kind::ALL
        .into_iter()
        .map(|k| {
            (
                staff.t.msg(&format!("kind-plural-{}", k.code())),
                format!("/studio/export/{}.jsonl", k.plural()),
            )
        })
        .collect();
    render(&PreservationPage {
        frame: Frame::new(
            &staff,
            staff.t.msg("studio-preservation-title"),
            "/studio/preservation",
        ),
        audits,
        exports,
    })
}
