//! `letopis import persons FILE.csv`.

use crate::cli::ImportPersonsArgs;
use anyhow::{Result, bail};
use letopis_core::Workflow;
use letopis_search::{Alongside, SearchError};

/// How the search index learns of the imported records.
enum Indexing {
    /// Built beside the writing, committed after the base (the usual case).
    Beside(Alongside),
    /// A running portal holds the index and reads the new records from the change feed.
    Portal,
    /// The index could not be opened before the import: caught up after it, the usual way.
    After,
}

pub fn persons(args: &ImportPersonsArgs) -> Result<()> {
    let opened = super::serve::open_base(&args.data)?;
    let options = letopis_import::Options {
        dry_run: args.dry_run,
        skip_invalid: args.skip_invalid,
        workflow: if args.publish {
            Workflow::Published
        } else {
            Workflow::Draft
        },
        public_interest: args.public_interest.clone().map(|reason| {
            letopis_import::PublicInterest {
                decided_by: String::new(),
                reason,
            }
        }),
        ..letopis_import::Options::default()
    };
    let started = std::time::Instant::now();
    let mut indexing = if args.dry_run {
        Indexing::After
    } else {
        beside(&opened)
    };
    let store = opened.engine.store.as_ref();
    let today = letopis_core::today();
    let written = match &mut indexing {
        Indexing::Beside(alongside) => letopis_import::import_persons_file_observed(
            store, &args.file, &options, today, alongside,
        ),
        Indexing::Portal | Indexing::After => {
            letopis_import::import_persons_file(store, &args.file, &options, today)
        }
    };
    match written {
        Ok(report) => {
            tracing::info!(
                elapsed_ms = started.elapsed().as_millis() as u64,
                "import written"
            );
            println!("{report}");
            if !args.dry_run {
                index_after(&opened, indexing, &report);
            }
            Ok(())
        }
        Err(e) => {
            if let Indexing::Beside(alongside) = indexing
                && let Err(e) = alongside.abandoned()
            {
                tracing::warn!(error = %e, "search index left as it was before the import");
            }
            if let Some(report) = e.report() {
                eprintln!("{report}");
            }
            bail!("{}: {e}", args.file.display())
        }
    }
}

/// The index, brought up to date with the base, ready to take in the import's records as they
/// are written (issue #15: the documents are built on the second core while the first writes
/// the base, instead of read back from the base afterwards).
fn beside(opened: &super::serve::Base) -> Indexing {
    if letopis_search::SearchIndex::writer_held(&opened.dir.search()) {
        return Indexing::Portal;
    }
    match super::reindex::in_step(opened).and_then(|indexer| Ok(Alongside::start(indexer)?)) {
        Ok(alongside) => Indexing::Beside(alongside),
        Err(e) if locked(&e) => Indexing::Portal,
        Err(e) => {
            tracing::warn!(error = %format!("{e:#}"), "search index not opened before the import");
            Indexing::After
        }
    }
}

/// The records are in the base whatever happens here; a running portal's indexer (which holds
/// the index) takes them in itself.
fn index_after(opened: &super::serve::Base, indexing: Indexing, report: &letopis_import::Report) {
    let started = std::time::Instant::now();
    let done = match indexing {
        Indexing::Beside(alongside) => alongside
            .committed(opened.engine.store.as_ref(), report.feed)
            .map(|done| {
                tracing::info!(
                    beside = done.beside,
                    read_back = done.read_back,
                    followed = done.followed,
                    "search index built beside the import"
                )
            })
            .map_err(anyhow::Error::from),
        Indexing::After => super::reindex::catch_up(opened),
        Indexing::Portal => Err(SearchError::Locked.into()),
    };
    match done {
        Ok(()) => tracing::info!(
            elapsed_ms = started.elapsed().as_millis() as u64,
            "search index up to date"
        ),
        // A running portal holds the index and reads the new records itself: that is the
        // normal case, not a failure, and says so.
        Err(e) if locked(&e) => {
            println!("Поиск: индекс ведёт запущенный портал, он сам добавит новые записи в поиск.")
        }
        Err(e) => eprintln!("letopis: {e:#}"),
    }
}

fn locked(e: &anyhow::Error) -> bool {
    e.chain()
        .any(|c| matches!(c.downcast_ref::<SearchError>(), Some(SearchError::Locked)))
}
