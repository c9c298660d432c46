//! `letopis backup --to DIR`: the base, the media originals, the configuration and the map
//! files it names, as a BagIt bag (`crate::bagit`), taken while the portal may be serving.
//!
//! The bag is built in `DIR/.letopis-partial-…` and swapped in only once sealed, so a backup
//! cut short leaves the previous bag or no bag, never one that looks whole and is not.
//! Originals are named by their content and never change, so those the previous bag holds
//! with the right content are hard-linked into the new one instead of copied again. The
//! search index is left out: it is derived, and the portal builds it when it finds none.

use crate::bagit::{self, Manifest};
use crate::cli::BackupArgs;
use crate::data_dir::Located;
use anyhow::{Context, Result, bail};
use letopis_media::Listed;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::time::Instant;

/// A bag being built, and the previous bag while the new one takes its place.
const PARTIAL: &str = ".letopis-partial-";
const OLD: &str = ".letopis-old-";

pub fn run(args: &BackupArgs) -> Result<()> {
    let started = Instant::now();
    let museum = Located::find(&args.data)?;
    let db = museum.sqlite_file("letopis backup")?.to_path_buf();
    let target = &args.to;
    prepare_target(target)?;
    let _lock = lock(target)?;
    let stamp = format!(
        "{}-{}",
        jiff::Timestamp::now().as_second(),
        std::process::id()
    );
    let staging = target.join(format!("{PARTIAL}{stamp}"));
    fs::create_dir_all(staging.join(bagit::PAYLOAD))
        .with_context(|| format!("не удалось создать каталог {}", staging.display()))?;
    let filled = match fill(&museum, target, &staging) {
        Ok(filled) => filled,
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    swap(target, &staging, &stamp)?;
    report(target, &filled, started);
    // The receipt lets this version's (or a later one's) migrations run on this base
    // (`crate::upgrade`); without it they ask for a backup, so failing to write it is said.
    let receipt = crate::upgrade::Receipt::new(target, &db, filled.schema, filled.mark.clone());
    if let Err(e) = receipt.write(museum.dir.root()) {
        eprintln!("предупреждение: {e:#}");
    }
    if !filled.damaged.is_empty() {
        bail!(
            "копия записана, но {} медиафайлов каталога данных повреждены (содержимое не совпадает с именем) и в неё не вошли: {}; запустите letopis verify и восстановите их из прежней копии",
            filled.damaged.len(),
            bagit::listed(&filled.damaged)
        );
    }
    Ok(())
}

/// What went into the bag.
struct Filled {
    bytes: u64,
    files: u64,
    db_bytes: u64,
    schema: i64,
    /// Where the copy's writing stood (`preservation::write_mark`).
    mark: String,
    copied: u64,
    reused: u64,
    /// Originals whose content does not match their name, left out.
    damaged: Vec<String>,
    /// Files in the media directory that are not where an original would be, left out.
    strays: u64,
    /// Map files outside the data directory, left out.
    outside: Vec<String>,
}

/// The bag's directory may be new, empty, or hold what an earlier backup left there (its bag,
/// or the pieces of one cut short); anything else is somebody's files, not ours to replace.
fn prepare_target(target: &Path) -> Result<()> {
    fs::create_dir_all(target).with_context(|| {
        format!(
            "не удалось создать каталог копии {}; укажите другой через --to",
            target.display()
        )
    })?;
    let entries = fs::read_dir(target)
        .with_context(|| format!("не удалось прочитать {}", target.display()))?;
    for entry in entries {
        let name = entry?.file_name().to_string_lossy().into_owned();
        let ours = bagit::NAMES.contains(&name.as_str())
            || name.starts_with(PARTIAL)
            || name.starts_with(OLD);
        if !ours {
            bail!(
                "каталог {} не пуст и не похож на резервную копию Летописи (в нём есть «{name}»); укажите пустой каталог или каталог прежней копии",
                target.display()
            );
        }
    }
    // Our bags put bag-info.txt in place before bagit.txt and take it away after, so a
    // declaration without our bag-info is somebody else's bag.
    let info = target.join(bagit::INFO);
    if target.join(bagit::DECLARATION).exists() || info.exists() {
        let ours = fs::read_to_string(&info)
            .is_ok_and(|text| text.contains(&format!("{}:", bagit::VERSION_FIELD)));
        if !ours {
            bail!(
                "в каталоге {} лежит копия BagIt, сделанная не Летописью; укажите другой каталог",
                target.display()
            );
        }
    }
    Ok(())
}

/// Two backups into one directory at once (a slow night's run and the next one) would each
/// clear away the other's work, so the directory itself is locked while a backup writes.
fn lock(target: &Path) -> Result<fs::File> {
    let dir = fs::File::open(target)
        .with_context(|| format!("не удалось открыть каталог {}", target.display()))?;
    match dir.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => bail!(
            "в каталог {} сейчас пишет другая резервная копия; дождитесь, пока она закончится",
            target.display()
        ),
        // A file system without locks (some network mounts): one backup at a time is then
        // the administrator's to keep.
        Err(fs::TryLockError::Error(e)) => {
            tracing::debug!(error = %e, "the backup directory could not be locked");
        }
    }
    Ok(dir)
}

fn fill(museum: &Located, target: &Path, staging: &Path) -> Result<Filled> {
    let payload = staging.join(bagit::PAYLOAD);
    let mut manifest = Manifest::create(staging)?;
    // The base first: an original it names was written before the record naming it, so every
    // file the copy of the base refers to is in the media directory by now.
    let db_copy = payload.join("letopis.db");
    let db = museum.sqlite_file("letopis backup")?;
    let schema = letopis_store::sqlite::preservation::snapshot(db, &db_copy)
        .with_context(|| format!("не удалось снять копию базы {}", db.display()))?;
    let (sha, db_bytes) = bagit::hash_file(&db_copy).context("не удалось прочитать копию базы")?;
    let mark = letopis_store::sqlite::preservation::write_mark(&db_copy)?;
    manifest.add("letopis.db", &sha, db_bytes)?;
    let outside = put_settings(museum, &payload, &mut manifest)?;

    let blobs = museum.blobs()?;
    let mut media = Media {
        blobs: &*blobs,
        dest: payload.join("media"),
        reuse_from: previous_media(target, staging)?,
        copied: 0,
        reused: 0,
        damaged: Vec::new(),
        strays: 0,
        made_dir: PathBuf::new(),
    };
    for listed in blobs.list() {
        media.take(
            listed.context("не удалось перечислить медиафайлы")?,
            &mut manifest,
        )?;
    }

    let filled = Filled {
        bytes: manifest.bytes,
        files: manifest.files,
        db_bytes,
        schema,
        mark,
        copied: media.copied,
        reused: media.reused,
        damaged: media.damaged,
        strays: media.strays,
        outside,
    };
    manifest.seal(staging, &bag_info(museum, schema))?;
    Ok(filled)
}

/// Copies letopis.toml and the map files it names inside the data directory (nothing rebuilds
/// them); returns the map files outside it, which the bag does not carry.
fn put_settings(museum: &Located, payload: &Path, manifest: &mut Manifest) -> Result<Vec<String>> {
    let config = museum.dir.config_file();
    if config.is_file() {
        let (sha, size) = bagit::copy_hashing(&config, &payload.join("letopis.toml"))
            .with_context(|| format!("не удалось скопировать {}", config.display()))?;
        manifest.add("letopis.toml", &sha, size)?;
    }
    let mut outside = Vec::new();
    for file in museum.config.map.files() {
        if !file.components().all(|c| matches!(c, Component::Normal(_))) {
            outside.push(file.display().to_string());
            continue;
        }
        let rel = file.to_string_lossy().replace('\\', "/");
        let dest = payload.join(file);
        let taken = rel == "letopis.db" || rel == "letopis.toml" || rel.starts_with("media/");
        if dest.exists() || taken {
            continue;
        }
        if let Some(dir) = dest.parent() {
            fs::create_dir_all(dir)?;
        }
        let src = museum.dir.root().join(file);
        let (sha, size) = bagit::copy_hashing(&src, &dest)
            .with_context(|| format!("не удалось скопировать {}", src.display()))?;
        manifest.add(&rel, &sha, size)?;
    }
    Ok(outside)
}

/// bag-info.txt's fields besides the Payload-Oxum.
fn bag_info(museum: &Located, schema: i64) -> Vec<(&'static str, String)> {
    let site = museum
        .config
        .site_name
        .clone()
        .unwrap_or_else(|| "Летопись".into());
    let version = env!("CARGO_PKG_VERSION");
    vec![
        (
            "External-Description",
            format!(
                "Резервная копия портала «{site}»: база данных (SQLite), оригиналы медиафайлов, настройки. Восстановление: letopis restore --from <этот каталог>"
            ),
        ),
        ("Source-Organization", site),
        ("Bagging-Date", letopis_core::today().to_string()),
        ("Bag-Software-Agent", format!("letopis {version}")),
        (bagit::VERSION_FIELD, format!("{version} schema {schema}")),
    ]
}

/// The media directories of what earlier backups left in the bag's directory: the last bag,
/// and the pieces of any cut short.
fn previous_media(target: &Path, staging: &Path) -> Result<Vec<PathBuf>> {
    let mut dirs = vec![target.join(bagit::PAYLOAD).join("media")];
    for entry in fs::read_dir(target)? {
        let path = entry?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if (name.starts_with(PARTIAL) || name.starts_with(OLD)) && path != staging {
            dirs.push(path.join(bagit::PAYLOAD).join("media"));
        }
    }
    dirs.retain(|d| d.is_dir());
    Ok(dirs)
}

/// The originals going into the bag.
struct Media<'a> {
    blobs: &'a dyn letopis_media::Blobs,
    dest: PathBuf,
    reuse_from: Vec<PathBuf>,
    copied: u64,
    reused: u64,
    damaged: Vec<String>,
    strays: u64,
    /// The last directory made, so that a thousand files in one directory make it once.
    made_dir: PathBuf,
}

impl Media<'_> {
    fn take(&mut self, file: Listed, manifest: &mut Manifest) -> Result<()> {
        let Some(sha) = &file.sha256 else {
            self.strays += 1;
            return Ok(());
        };
        let dest = self.dest.join(&file.name);
        if let Some(dir) = dest.parent()
            && dir != self.made_dir
        {
            fs::create_dir_all(dir)
                .with_context(|| format!("не удалось создать каталог {}", dir.display()))?;
            self.made_dir = dir.to_path_buf();
        }
        let name = format!("media/{}", file.name);
        if let Some(size) = self.reuse(&file, sha, &dest)? {
            self.reused += 1;
            return manifest.add(&name, sha, size);
        }
        let copied = self
            .blobs
            .reader(sha)
            .map_err(io::Error::other)
            .and_then(|reader| bagit::copy_reader_hashing(reader, &dest));
        match copied {
            Ok((actual, size)) if &actual == sha => {
                self.copied += 1;
                manifest.add(&name, sha, size)
            }
            Ok(_) => {
                fs::remove_file(&dest)?;
                self.damaged.push(name);
                Ok(())
            }
            // Destroyed (a withdrawal) between the listing and the copy.
            Err(_) if !self.blobs.contains(sha) => {
                let _ = fs::remove_file(&dest);
                Ok(())
            }
            Err(e) => Err(e).with_context(|| format!("не удалось скопировать {}", file.name)),
        }
    }

    /// Hard-links the previous bag's copy of this original when it still has the right
    /// content (read and hashed: a backup is also the check that its older copies still
    /// hold); its size when it did.
    fn reuse(&self, file: &Listed, sha: &str, dest: &Path) -> Result<Option<u64>> {
        for dir in &self.reuse_from {
            let old = dir.join(&file.name);
            let same_size = fs::metadata(&old).is_ok_and(|m| m.len() == file.size);
            if !same_size {
                continue;
            }
            let Ok((actual, size)) = bagit::hash_file(&old) else {
                continue;
            };
            if actual == sha && fs::hard_link(&old, dest).is_ok() {
                return Ok(Some(size));
            }
        }
        Ok(None)
    }
}

/// Puts the sealed bag in `staging` in the place of the previous one. The previous bag's
/// declaration goes first and the new one's last: in between, the directory is no bag.
fn swap(target: &Path, staging: &Path, stamp: &str) -> Result<()> {
    let moving = |e: io::Error| {
        anyhow::Error::from(e).context(format!(
            "не удалось поставить новую копию на место прежней в {}",
            target.display()
        ))
    };
    let old = target.join(format!("{OLD}{stamp}"));
    fs::create_dir(&old).map_err(moving)?;
    for name in bagit::NAMES {
        let path = target.join(name);
        if path.exists() {
            fs::rename(&path, old.join(name)).map_err(moving)?;
        }
    }
    sync_dir(target).map_err(moving)?;
    for name in [
        bagit::PAYLOAD,
        bagit::MANIFEST,
        bagit::INFO,
        bagit::TAG_MANIFEST,
        bagit::DECLARATION,
    ] {
        fs::rename(staging.join(name), target.join(name)).map_err(moving)?;
        if name == bagit::TAG_MANIFEST {
            sync_dir(target).map_err(moving)?;
        }
    }
    sync_dir(target).map_err(moving)?;
    // Whatever earlier bags left: their originals are linked into the new bag where they
    // were reused, so this frees only what the new bag no longer holds.
    for entry in fs::read_dir(target)? {
        let path = entry?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if (name.starts_with(PARTIAL) || name.starts_with(OLD))
            && let Err(e) = fs::remove_dir_all(&path)
        {
            tracing::warn!(error = %e, path = %path.display(), "a previous bag was not removed");
        }
    }
    Ok(())
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

fn report(target: &Path, filled: &Filled, started: Instant) {
    println!("Резервная копия (BagIt) записана в {}", target.display());
    println!(
        "  файлов: {}, {} (база — {}, схема {})",
        filled.files,
        super::megabytes(filled.bytes),
        super::megabytes(filled.db_bytes),
        filled.schema
    );
    println!(
        "  медиафайлов скопировано: {}, взято из прошлой копии: {}",
        filled.copied, filled.reused
    );
    if filled.strays > 0 {
        println!(
            "  посторонних файлов в каталоге медиафайлов пропущено: {} (letopis verify назовёт их)",
            filled.strays
        );
    }
    if !filled.outside.is_empty() {
        println!(
            "  файлы карт вне каталога данных в копию не вошли, сохраните их отдельно: {}",
            filled.outside.join(", ")
        );
    }
    println!("  за {:.1} с", started.elapsed().as_secs_f64());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_backup_into_a_directory_being_written_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let held = lock(dir.path()).expect("the first takes the directory");
        let err = format!("{:#}", lock(dir.path()).expect_err("the second waits"));
        assert!(err.contains("другая резервная копия"), "{err}");
        drop(held);
        lock(dir.path()).expect("free again");
    }
}
