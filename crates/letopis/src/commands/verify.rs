//! `letopis verify`: the media originals checked against their names and the base, by hand
//! (`crate::fixity`; `letopis serve` runs the same audit on a schedule).

use crate::cli::DataArgs;
use crate::data_dir::Located;
use anyhow::{Result, bail};
use std::time::Instant;

pub fn run(args: &DataArgs) -> Result<()> {
    let started = Instant::now();
    let museum = Located::find(args)?;
    // Brings an older base's schema up to date, as the portal would on start, so that the
    // tables naming files are all there.
    let engine = super::serve::open_engine(
        &museum.dir,
        &museum.config,
        &museum.config.database(museum.dir.root())?,
        args,
    )?;
    println!(
        "Проверка медиафайлов в {} по базе {}",
        museum.media, museum.database
    );
    let blobs = museum.blobs()?;
    let outcome = crate::fixity::audit(&museum.database, &*blobs, &mut |finding| {
        println!("  {}", finding.describe());
    })?;
    // Kept like a scheduled audit's, so the studio shows the latest check whoever ran it.
    engine.accounts.record_fixity_audit(&outcome.audit)?;
    let crate::fixity::Outcome {
        audit,
        unused,
        strays,
    } = outcome;
    let (files, bytes, damaged, missing) = (audit.files, audit.bytes, audit.damaged, audit.missing);
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
