//! The fixity audit of the media originals (issue #19, NDSA level 3): every file is read and
//! hashed (its name is its SHA-256, so a changed byte shows) and every file the base names must
//! be there. Files are read in pieces and only their hashes are kept, 32 bytes each, so a store
//! of a million files takes tens of megabytes. `letopis verify` runs it by hand and prints what
//! it finds; `letopis serve` runs it every `fixity_every_days` and keeps the result in the base
//! for the studio and the metrics.

use crate::engine::DatabaseSpec;
use anyhow::{Context, Result};
use letopis_store::StoreError;
use letopis_store::fixity::{FixityAudit, PROBLEMS_KEPT};
use letopis_store::sqlite::preservation::MediaUser;
use std::collections::HashSet;
use std::io;

/// What an audit finds, one at a time, as it finds it.
pub enum Finding {
    Damaged(String),
    Missing {
        sha256: String,
        user: MediaUser,
    },
    /// A file under `media/` not named as an original.
    Stray(String),
}

impl Finding {
    pub fn describe(&self) -> String {
        match self {
            Finding::Damaged(rel) => format!("повреждён: {rel} (содержимое не совпадает с именем)"),
            Finding::Missing { sha256, user } => {
                format!("отсутствует: {sha256} ({})", describe(*user))
            }
            Finding::Stray(rel) => format!("посторонний файл: {rel} (не на месте оригинала)"),
        }
    }
}

/// An audit's counts, and the hashes of the files the base does not name.
pub struct Outcome {
    pub audit: FixityAudit,
    pub unused: Vec<String>,
    pub strays: u64,
}

/// Every original the base names, with what names it, sorted by hash.
fn media_references(
    database: &DatabaseSpec,
    each: impl FnMut(&str, MediaUser) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    match database {
        DatabaseSpec::Sqlite(db) => letopis_store::sqlite::preservation::media_references(db, each),
        DatabaseSpec::Postgres(url) => {
            letopis_store::postgres::preservation::media_references(url, each)
        }
    }
}

/// Calls `each` with the hash of every original the base names.
pub fn each_named(database: &DatabaseSpec, mut each: impl FnMut(&str)) -> Result<()> {
    media_references(database, |sha, _| {
        each(sha);
        Ok(())
    })
    .context("не удалось прочитать из базы, какие файлы в ней названы")
}

/// Audits the originals `media` holds against the base.
pub fn audit(
    db: &DatabaseSpec,
    media: &dyn letopis_media::Blobs,
    each: &mut dyn FnMut(&Finding),
) -> Result<Outcome> {
    let started_at = jiff::Timestamp::now();
    let mut present: HashSet<[u8; 32]> = HashSet::new();
    let (mut files, mut bytes, mut damaged, mut strays) = (0u64, 0u64, 0u64, 0u64);
    let mut problems = Vec::new();
    let mut note = |finding: Finding, problems: &mut Vec<String>| {
        if problems.len() < PROBLEMS_KEPT && !matches!(finding, Finding::Stray(_)) {
            problems.push(finding.describe());
        }
        each(&finding);
    };
    for listed in media.list() {
        let listed = listed.context("не удалось перечислить медиафайлы")?;
        let Some(sha) = &listed.sha256 else {
            strays += 1;
            note(Finding::Stray(listed.name.clone()), &mut problems);
            continue;
        };
        let hashed = media
            .reader(sha)
            .map_err(io::Error::other)
            .and_then(crate::bagit::hash_reader);
        let (actual, size) = match hashed {
            Ok(hashed) => hashed,
            // Destroyed (a withdrawal) between the listing and the read: no longer there,
            // which the base's side of the audit judges.
            Err(_) if !media.contains(sha) => continue,
            Err(e) => {
                return Err(e).with_context(|| format!("не удалось прочитать {}", listed.name));
            }
        };
        files += 1;
        bytes += size;
        if &actual != sha {
            damaged += 1;
            note(Finding::Damaged(listed.name.clone()), &mut problems);
        }
        present.insert(key(sha));
    }
    let mut missing = 0u64;
    media_references(db, |sha, user| {
        if !present.remove(&key(sha)) {
            missing += 1;
            note(
                Finding::Missing {
                    sha256: sha.to_string(),
                    user,
                },
                &mut problems,
            );
        }
        Ok(())
    })
    .context("не удалось прочитать из базы, какие файлы в ней названы")?;
    let mut unused: Vec<String> = present.iter().map(hex::encode).collect();
    unused.sort();
    Ok(Outcome {
        audit: FixityAudit {
            started_at,
            finished_at: jiff::Timestamp::now(),
            files,
            bytes,
            damaged,
            missing,
            unused: unused.len() as u64,
            problems,
        },
        unused,
        strays,
    })
}

/// A hash as the 32 bytes it spells: a third of the memory of its hex text.
fn key(sha: &str) -> [u8; 32] {
    let mut key = [0u8; 32];
    // Names and stored hashes are 64 hex digits; anything else keys to zeros and is reported
    // like any other file missing under that name.
    let _ = hex::decode_to_slice(sha, &mut key);
    key
}

fn describe(user: MediaUser) -> String {
    match user {
        MediaUser::Record(id) => format!("его показывает запись № {id}"),
        MediaUser::Submission(id) => format!("он пришёл с рассказом жителя № {id}"),
        MediaUser::Paper(id) => format!("это доклад конференции № {id}"),
        MediaUser::Upload => "его загрузили в студии: архивный оригинал или миниатюра".into(),
    }
}
