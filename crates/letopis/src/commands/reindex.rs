//! `letopis reindex`: rebuild the search index from the base; and the catch-up that keeps the
//! index in step after an import, so imported records are searchable as soon as the portal
//! starts.

use super::serve::Base;
use crate::cli::DataArgs;
use anyhow::{Context, Result};
use letopis_search::{Indexer, SearchIndex};

pub fn run(args: &DataArgs) -> Result<()> {
    let opened = super::serve::open_base(args)?;
    let index =
        SearchIndex::create(&opened.dir.search()).context("не удалось создать поисковый индекс")?;
    let mut indexer = Indexer::bulk(index.clone(), opened.engine.store.as_ref())
        .context("не удалось открыть поисковый индекс для записи")?;
    let report = indexer
        .rebuild(opened.engine.store.as_ref())
        .context("не удалось построить поисковый индекс")?;
    println!(
        "Поисковый индекс построен: записей {}, документов {}, {:.1} с, {} МБ на диске ({})",
        report.records,
        report.documents,
        report.elapsed.as_secs_f64(),
        index.size_on_disk() / 1_000_000,
        index.dir().display()
    );
    Ok(())
}

/// Brings the index up to date with the base (building it if there is none).
pub fn catch_up(opened: &Base) -> Result<()> {
    in_step(opened).map(drop)
}

/// The index's writer for a bulk job, the index brought up to date with the base first
/// (built if there is none).
pub fn in_step(opened: &Base) -> Result<Indexer> {
    let (index, rebuild) =
        SearchIndex::open(&opened.dir.search()).context("не удалось открыть поисковый индекс")?;
    let mut indexer = Indexer::bulk(index, opened.engine.store.as_ref())
        .context("поисковый индекс занят: он обновится, когда портал прочитает изменения")?;
    if rebuild.is_some() || indexer.ahead_of(opened.engine.store.as_ref())? {
        indexer.rebuild(opened.engine.store.as_ref())?;
    }
    indexer.catch_up(opened.engine.store.as_ref())?;
    Ok(indexer)
}
