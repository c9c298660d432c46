//! `letopis restore --from DIR`: puts a bag `letopis backup` wrote back into a data directory.
//! Every file of the bag is checked against its manifest first, and nothing is touched if one
//! fails. A data directory that holds a base is left alone unless `--force`; then its base is
//! moved aside (`DIR/before-restore-…`), never deleted.

use crate::bagit::{self, Checked};
use crate::blob_files;
use crate::cli::RestoreArgs;
use crate::config::FileConfig;
use crate::data_dir::{DataDir, places};
use crate::engine::MediaSpec;
use anyhow::{Context, Result, bail};
use letopis_media::{Blobs, Listed};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub fn run(args: &RestoreArgs) -> Result<()> {
    let started = Instant::now();
    let bag = &args.from;
    let checked = bagit::check(bag)?;
    let payload = bag.join(bagit::PAYLOAD);
    if !payload.join("letopis.db").is_file() {
        bail!(
            "в резервной копии {} нет базы (data/letopis.db): это не копия, которую пишет letopis backup",
            bag.display()
        );
    }
    check_schema(&checked)?;
    let dir = DataDir::prepare(&args.data.data)?;
    // The restored directory is laid out as the restored configuration says.
    let config = args.data.config(&payload.join("letopis.toml"))?;
    let (db, media) = places(&config, dir.root(), "letopis restore")?;
    make_room(&dir, &payload, (&db, &media), args.force)?;
    // The index describes the base it was built from, not this one; the portal builds a new
    // one when it finds none.
    let search = dir.search();
    if search.exists() {
        fs::remove_dir_all(&search)
            .with_context(|| format!("не удалось удалить поисковый индекс {}", search.display()))?;
    }
    let blobs = crate::engine::open_blobs(&media, config.media.to_limits(), dir.root())?;
    let placed = put_back(&payload, &dir, &db, &*blobs)?;
    // The restored base is the bag's: the bag is its fresh backup, should this version need
    // to migrate it (`crate::upgrade`).
    let schema = letopis_store::sqlite::preservation::schema_version(&db)?;
    let mark = letopis_store::sqlite::preservation::write_mark(&db)?;
    crate::upgrade::Receipt::new(bag, &db, schema, mark).write(dir.root())?;
    println!(
        "Восстановлено из {} в {}: файлов {}, {} (медиафайлов {}).",
        bag.display(),
        dir.root().display(),
        checked.files,
        super::megabytes(checked.bytes),
        placed.media
    );
    if let Some(date) = checked.field("Bagging-Date") {
        println!("  копия сделана {date}");
    }
    println!(
        "  поисковый индекс будет построен заново при запуске портала; за {:.1} с",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Moves the base the data directory holds, if any, out of the way (with `--force` only): its
/// database (at the old and the new configuration's place), originals, configuration, index and
/// whatever the bag would overwrite.
fn make_room(
    dir: &DataDir,
    payload: &Path,
    (db, media): (&Path, &MediaSpec),
    force: bool,
) -> Result<()> {
    let current = FileConfig::load(&dir.config_file()).unwrap_or_default();
    let (current_db, current_media) = places(&current, dir.root(), "letopis restore")?;
    if !db.is_file() && !current_db.is_file() {
        return Ok(());
    }
    if !force {
        bail!(
            "в каталоге данных {} уже есть база; чтобы заменить её копией, повторите с --force (прежняя база будет перенесена в {}/before-restore-…, а не удалена)",
            dir.root().display(),
            dir.root().display()
        );
    }
    refuse_if_serving(dir)?;
    let mut old = vec![dir.config_file(), dir.search()];
    // The map files the bag holds would overwrite the ones there.
    old.extend(payload_extras(payload)?.map(|name| dir.root().join(name)));
    for base in [current_db.as_path(), db] {
        old.extend(with_journal(base));
    }
    // Local originals go aside with the base; a bucket stays where it is (its originals are
    // named by content, so the bag's simply join them).
    for spec in [&current_media, media] {
        if let MediaSpec::File(dir) = spec {
            old.push(dir.clone());
        }
    }
    let aside = move_aside(dir, old)?;
    println!("Прежняя база перенесена в {}", aside.display());
    Ok(())
}

/// A bag from a newer Letopis holds a base this one cannot read.
fn check_schema(checked: &Checked) -> Result<()> {
    let Some(schema) = checked
        .field(bagit::VERSION_FIELD)
        .and_then(bagit::schema_of)
    else {
        return Ok(());
    };
    let known = letopis_store::sqlite::preservation::latest_schema_version()?;
    if schema > known {
        bail!(
            "копия сделана более новой версией Летописи (схема базы {schema}, эта версия знает схемы до {known}); обновите letopis и повторите"
        );
    }
    Ok(())
}

/// A running portal holds the search index's writer lock; moving its base away under it would
/// lose what it writes next.
fn refuse_if_serving(dir: &DataDir) -> Result<()> {
    let lock = dir.search().join(".tantivy-writer.lock");
    let Ok(file) = fs::File::open(&lock) else {
        return Ok(());
    };
    if let Err(fs::TryLockError::WouldBlock) = file.try_lock() {
        bail!(
            "портал запущен с каталогом данных {}: остановите его и повторите восстановление",
            dir.root().display()
        );
    }
    Ok(())
}

/// The top-level names of the payload besides the base and the originals.
fn payload_extras(payload: &Path) -> Result<impl Iterator<Item = std::ffi::OsString>> {
    let entries = fs::read_dir(payload)
        .with_context(|| format!("не удалось прочитать {}", payload.display()))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(entries
        .into_iter()
        .map(|e| e.file_name())
        .filter(|name| name != "letopis.db" && name != "media"))
}

fn with_journal(db: &Path) -> [PathBuf; 3] {
    let beside = |suffix: &str| {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    [db.to_path_buf(), beside("-wal"), beside("-shm")]
}

/// Moves what exists of `paths` into `DIR/before-restore-<time>/` (keeping their places under
/// the data directory), or, for a path outside it, beside itself with that suffix.
fn move_aside(dir: &DataDir, mut paths: Vec<PathBuf>) -> Result<PathBuf> {
    let stamp = jiff::Timestamp::now().strftime("%Y%m%d-%H%M%S").to_string();
    let aside = dir.root().join(format!("before-restore-{stamp}"));
    fs::create_dir_all(&aside)
        .with_context(|| format!("не удалось создать каталог {}", aside.display()))?;
    paths.sort();
    paths.dedup();
    for path in paths {
        if fs::symlink_metadata(&path).is_err() {
            continue;
        }
        let dest = match path.strip_prefix(dir.root()) {
            Ok(rel) => aside.join(rel),
            Err(_) => {
                let mut name = path.as_os_str().to_owned();
                name.push(format!(".before-restore-{stamp}"));
                PathBuf::from(name)
            }
        };
        if let Some(parent) = dest.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::rename(&path, &dest).with_context(|| {
            format!(
                "не удалось перенести {} в {}; перенесите прежнюю базу сами и повторите без --force",
                path.display(),
                dest.display()
            )
        })?;
    }
    Ok(aside)
}

struct Placed {
    media: u64,
}

/// Copies the payload to its places: originals into the blob store (each checked against its
/// name), the base to where the configuration puts it (last: until it is there, the directory
/// holds no base, and the restore can simply be run again), everything else (configuration,
/// map files) into the data directory.
fn put_back(payload: &Path, dir: &DataDir, db: &Path, blobs: &dyn Blobs) -> Result<Placed> {
    let mut placed = Placed { media: 0 };
    blob_files::walk(payload, &mut |file| {
        if file.rel == "letopis.db" {
            return Ok(());
        }
        match file.rel.strip_prefix("media/") {
            Some(rel) => {
                let Some(sha) = Listed::new(rel.to_string(), 0).sha256 else {
                    tracing::warn!(file = %file.rel, "not an original's name; left in the bag");
                    return Ok(());
                };
                placed.media += 1;
                blobs
                    .put_verified(&sha, &file.path)
                    .with_context(|| format!("не удалось вернуть медиафайл {rel}"))?;
                Ok(())
            }
            None => {
                let dest = dir.root().join(&file.rel);
                copy_into_place(&file.path, &dest, dest.parent().unwrap_or(dir.root()))
            }
        }
    })?;
    for stale in with_journal(db).into_iter().skip(1) {
        if stale.exists() {
            fs::remove_file(&stale)
                .with_context(|| format!("не удалось удалить {}", stale.display()))?;
        }
    }
    copy_into_place(
        &payload.join("letopis.db"),
        db,
        db.parent().unwrap_or(dir.root()),
    )?;
    Ok(placed)
}

/// Copies `src` to `dest` through a temporary name in `tmp_dir` (on the same disk), so that
/// `dest` is either absent or whole. The name has the blob store's temp prefix: a copy cut short
/// in the media directory's top is swept away when the portal starts.
fn copy_into_place(src: &Path, dest: &Path, tmp_dir: &Path) -> Result<()> {
    for dir in [tmp_dir, dest.parent().unwrap_or(tmp_dir)] {
        fs::create_dir_all(dir).with_context(|| format!("не удалось создать {}", dir.display()))?;
    }
    let name = dest.file_name().unwrap_or_default().to_string_lossy();
    let tmp = tmp_dir.join(format!(".incoming-restore-{name}"));
    let _ = fs::remove_file(&tmp);
    bagit::copy_hashing(src, &tmp)
        .and_then(|_| fs::rename(&tmp, dest))
        .with_context(|| format!("не удалось записать {}", dest.display()))?;
    Ok(())
}
