//! `letopis import persons FILE.csv`.

use crate::cli::ImportPersonsArgs;
use anyhow::{Result, bail};
use letopis_core::Workflow;

pub fn persons(args: &ImportPersonsArgs) -> Result<()> {
    let opened = super::serve::open(&args.data)?;
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
    match letopis_import::import_persons_file(
        opened.engine.store.as_ref(),
        &args.file,
        &options,
        letopis_core::today(),
    ) {
        Ok(report) => {
            tracing::info!(
                elapsed_ms = started.elapsed().as_millis() as u64,
                "import written"
            );
            println!("{report}");
            // The records are in the base whatever happens here; a running portal's indexer
            // (which holds the index) takes them in itself.
            let indexing = std::time::Instant::now();
            if !args.dry_run {
                match super::reindex::catch_up(&opened) {
                    Ok(()) => tracing::info!(
                        elapsed_ms = indexing.elapsed().as_millis() as u64,
                        "search index up to date"
                    ),
                    // A running portal holds the index and reads the new records itself: that
                    // is the normal case, not a failure, and says so.
                    Err(e)
                        if e.chain().any(|c| {
                            matches!(
                                c.downcast_ref::<letopis_search::SearchError>(),
                                Some(letopis_search::SearchError::Locked)
                            )
                        }) =>
                    {
                        println!(
                            "Поиск: индекс ведёт запущенный портал, он сам добавит новые записи в поиск."
                        )
                    }
                    Err(e) => eprintln!("letopis: {e:#}"),
                }
            }
            Ok(())
        }
        Err(e) => {
            if let Some(report) = e.report() {
                eprintln!("{report}");
            }
            bail!("{}: {e}", args.file.display())
        }
    }
}
