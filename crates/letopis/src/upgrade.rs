//! Upgrades: a base an earlier release made is brought to this release's schema only after a
//! fresh backup, or when the administrator says there is one elsewhere.
//!
//! Migrations run forward only: once a base is at a newer schema, the earlier release cannot
//! open it, and the way back is the backup. So before migrating, every command that opens the
//! base for work asks [`guard`], which lets it through when
//!
//! - the base is new, or already at this release's schema; or
//! - `letopis backup` (or `letopis restore`) left a [`Receipt`] in the data directory for this
//!   very base, at its present schema and with nothing written since (the same [`write_mark`]),
//!   and the bag it names is still there; or
//! - the administrator said so: `--upgrade-without-backup` (`LETOPIS_UPGRADE_WITHOUT_BACKUP=1`)
//!   or `upgrade_without_backup = true` in `letopis.toml` — for a disk snapshot taken by other
//!   means, or a throwaway test base.
//!
//! [`write_mark`]: letopis_store::sqlite::preservation::write_mark

use anyhow::{Context, Result, bail};
use letopis_store::sqlite::preservation::{latest_schema_version, schema_version, write_mark};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The receipt's file in the data directory.
pub const RECEIPT: &str = "last-backup.json";

/// What the last backup of a base holds, written by `letopis backup` and `letopis restore`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// The bag's directory, absolute.
    pub bag: PathBuf,
    /// The base it is a copy of, absolute.
    pub db: PathBuf,
    /// The copy's schema version.
    pub schema: i64,
    /// Where the copy's writing stood (`write_mark`).
    pub mark: String,
    /// When it was made (RFC 3339).
    pub at: String,
    /// The Letopis that made it.
    pub by: String,
}

impl Receipt {
    pub fn new(bag: &Path, db: &Path, schema: i64, mark: String) -> Receipt {
        Receipt {
            bag: absolute(bag),
            db: absolute(db),
            schema,
            mark,
            at: jiff::Timestamp::now().to_string(),
            by: format!("letopis {}", env!("CARGO_PKG_VERSION")),
        }
    }

    /// Writes the receipt into the data directory at `root` (through a temporary file, so a
    /// receipt is whole or absent).
    pub fn write(&self, root: &Path) -> Result<()> {
        let path = root.join(RECEIPT);
        let tmp = root.join(format!(".{RECEIPT}.tmp"));
        let text = serde_json::to_string_pretty(self)?;
        std::fs::write(&tmp, text + "\n")
            .and_then(|()| std::fs::rename(&tmp, &path))
            .with_context(|| format!("не удалось записать {}", path.display()))
    }

    fn read(root: &Path) -> Option<Receipt> {
        let text = std::fs::read_to_string(root.join(RECEIPT)).ok()?;
        serde_json::from_str(&text).ok()
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// What [`guard`] decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Nothing to migrate (a new base, or one at this release's schema).
    Current,
    /// Migrations will run; a fresh backup is in this bag.
    BackedUp { from: i64, to: i64, bag: PathBuf },
    /// Migrations will run without a backup, as the administrator said.
    Told { from: i64, to: i64 },
}

/// Decides whether the base at `db` (in the data directory `root`) may be opened and migrated;
/// an error says why not and what to do.
pub fn guard(root: &Path, db: &Path, without_backup: bool) -> Result<Decision> {
    if !db.is_file() {
        return Ok(Decision::Current);
    }
    let from = schema_version(db)
        .with_context(|| format!("не удалось прочитать базу {}", db.display()))?;
    let to = latest_schema_version()?;
    if from == 0 || from == to {
        return Ok(Decision::Current);
    }
    if from > to {
        bail!(
            "база {} сделана более новой версией Летописи (схема {from}, эта версия {} знает схемы до {to}); установите ту версию, что сделала базу, или новее",
            db.display(),
            env!("CARGO_PKG_VERSION")
        );
    }
    if without_backup {
        return Ok(Decision::Told { from, to });
    }
    let mark = write_mark(db)?;
    match Receipt::read(root) {
        Some(receipt)
            if receipt.db == absolute(db) && receipt.schema == from && receipt.mark == mark =>
        {
            if bag_holds(&receipt.bag, from) {
                Ok(Decision::BackedUp {
                    from,
                    to,
                    bag: receipt.bag,
                })
            } else {
                refuse(
                    db,
                    from,
                    to,
                    &format!(
                        "последняя резервная копия ({}) не найдена на месте",
                        receipt.bag.display()
                    ),
                    root,
                )
            }
        }
        Some(receipt) if receipt.db == absolute(db) => refuse(
            db,
            from,
            to,
            &format!(
                "последняя резервная копия ({}, {}) сделана до последних изменений базы",
                receipt.bag.display(),
                receipt.at
            ),
            root,
        ),
        _ => refuse(db, from, to, "резервной копии этой базы нет", root),
    }
}

/// A bag of ours with a base at `schema`. (Its checksums are checked by `letopis restore`,
/// when it is needed.)
fn bag_holds(bag: &Path, schema: i64) -> bool {
    crate::bagit::declared_schema(bag) == Some(schema)
}

fn refuse(db: &Path, from: i64, to: i64, why: &str, root: &Path) -> Result<Decision> {
    bail!(
        "база {} сделана прежней версией Летописи (схема {from}); эта версия {} переведёт её в схему {to}, и прежняя версия открыть её уже не сможет. Но {why}.\n\
         Сначала сделайте резервную копию:\n    letopis backup --data {} --to КАТАЛОГ_КОПИИ\n\
         и запустите команду снова. Если копия уже сделана другим способом (например, снимок диска), запустите с --upgrade-without-backup или укажите upgrade_without_backup = true в letopis.toml.",
        db.display(),
        env!("CARGO_PKG_VERSION"),
        root.display()
    )
}

/// Logs what [`guard`] decided, once the base opened.
pub fn log(decision: &Decision) {
    match decision {
        Decision::Current => {}
        Decision::BackedUp { from, to, bag } => tracing::info!(
            "the base's schema was brought from {from} to {to}; its backup is {}",
            bag.display()
        ),
        Decision::Told { from, to } => tracing::warn!(
            "the base's schema was brought from {from} to {to} without a backup, as told"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bag_is_recognised_by_its_declaration_and_schema() {
        let dir = tempfile::tempdir().expect("temp dir");
        let bag = dir.path();
        assert!(!bag_holds(bag, 20));
        std::fs::write(bag.join("bagit.txt"), "BagIt-Version: 1.0\n").expect("write");
        std::fs::write(
            bag.join("bag-info.txt"),
            format!("{}: 0.1.0 schema 20\n", crate::bagit::VERSION_FIELD),
        )
        .expect("write");
        assert!(bag_holds(bag, 20));
        assert!(!bag_holds(bag, 21));
    }

    #[test]
    fn a_new_base_needs_no_backup() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("letopis.db");
        assert_eq!(
            guard(dir.path(), &db, false).expect("guard"),
            Decision::Current
        );
    }
}
