//! `letopis verify`: the media originals checked against their names and the base. Every file
//! is read and hashed (its name is its SHA-256, so a changed byte shows), and every file the
//! base refers to must be there. Files are read in pieces and only their hashes are kept, 32
//! bytes each, so a store of a million files takes tens of megabytes.

use crate::blob_files;
use crate::cli::DataArgs;
use crate::data_dir::Located;
use anyhow::{Context, Result, bail};
use letopis_store::sqlite::preservation::{MediaUser, media_references};
use std::collections::HashSet;
use std::time::Instant;

pub fn run(args: &DataArgs) -> Result<()> {
    let started = Instant::now();
    let museum = Located::find(&args.data)?;
    // Brings an older base's schema up to date, as the portal would on start, so that the
    // tables naming files are all there.
    drop(crate::engine::Engine::open(
        &museum.config.database(museum.dir.root())?,
    )?);
    println!(
        "Проверка медиафайлов в {} по базе {}",
        museum.media.display(),
        museum.db.display()
    );
    let mut present: HashSet<[u8; 32]> = HashSet::new();
    let (mut files, mut bytes, mut damaged, mut strays) = (0u64, 0u64, 0u64, 0u64);
    blob_files::walk(&museum.media, &mut |file| {
        let Some(sha) = &file.sha256 else {
            strays += 1;
            println!("  посторонний файл: {} (не на месте оригинала)", file.rel);
            return Ok(());
        };
        let (actual, size) = crate::bagit::hash_file(&file.path)
            .with_context(|| format!("не удалось прочитать {}", file.path.display()))?;
        files += 1;
        bytes += size;
        if &actual != sha {
            damaged += 1;
            println!(
                "  повреждён: {} (содержимое не совпадает с именем)",
                file.rel
            );
        }
        present.insert(key(sha));
        Ok(())
    })?;
    let mut missing = 0u64;
    media_references(&museum.db, |sha, user| {
        if !present.remove(&key(sha)) {
            missing += 1;
            println!("  отсутствует: {sha} ({})", describe(user));
        }
        Ok(())
    })
    .context("не удалось прочитать из базы, какие файлы в ней названы")?;
    let mut unused: Vec<String> = present.iter().map(hex::encode).collect();
    unused.sort();
    if !unused.is_empty() {
        println!(
            "  не названы в базе (не ошибка: например, загружены, но ещё не вошли в запись): {}",
            crate::bagit::listed(&unused)
        );
    }
    println!(
        "Проверено медиафайлов: {files}, {}, за {:.1} с. Повреждены: {damaged}, отсутствуют: {missing}, не названы в базе: {}, посторонних: {strays}.",
        super::megabytes(bytes),
        started.elapsed().as_secs_f64(),
        unused.len()
    );
    if damaged > 0 || missing > 0 {
        bail!(
            "медиафайлы не в порядке: повреждены — {damaged}, отсутствуют — {missing}; восстановите их из резервной копии (letopis restore в отдельный каталог, затем скопируйте нужные файлы)"
        );
    }
    println!("Всё в порядке.");
    Ok(())
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
