//! `letopis import persons FILE.csv`.

use crate::cli::ImportPersonsArgs;
use anyhow::{Context, Result, bail};
use letopis_core::Workflow;

pub fn persons(args: &ImportPersonsArgs) -> Result<()> {
    let bytes = std::fs::read(&args.file)
        .with_context(|| format!("не удалось прочитать файл {}", args.file.display()))?;
    let opened = super::serve::open(&args.data.data)?;
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
    match letopis_import::import_persons(
        opened.engine.store.as_ref(),
        &bytes,
        &options,
        letopis_core::today(),
    ) {
        Ok(report) => {
            println!("{report}");
            // The records are in the base whatever happens here; a running portal's indexer
            // (which holds the index) takes them in itself.
            if !args.dry_run
                && let Err(e) = super::reindex::catch_up(&opened)
            {
                eprintln!("letopis: {e:#}");
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
