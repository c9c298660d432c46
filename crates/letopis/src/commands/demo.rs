//! `letopis demo`: generate the demonstration museum into an empty data directory, then serve.

use crate::cli::DemoArgs;
use crate::data_dir::DataDir;
use anyhow::{Context, Result};
use letopis_store::Store;

pub fn run(args: &DemoArgs) -> Result<()> {
    let existed = DataDir::prepare(&args.serve.data.data)?.has_base();
    let mut opened = super::serve::open(&args.serve.data.data)?;
    // The demo shows the «Дополните» page with an address; an invented one, on a reserved
    // domain, unless the operator configured theirs.
    opened
        .config
        .contact_email
        .get_or_insert_with(|| "muzey@letopis.example".into());
    let empty = opened.store.totals()?.records == 0;
    if existed && !empty {
        tracing::info!(
            "{} already holds a base; serving it as it is",
            opened.dir.root().display()
        );
    } else {
        let persons = usize::try_from(args.persons).unwrap_or(usize::MAX);
        tracing::info!(
            "generating the demo museum ({persons} persons, seed {})",
            args.seed
        );
        let blobs =
            letopis_media::BlobStore::open(opened.dir.media(), opened.config.media.to_limits())?;
        let summary = letopis_demo::generate(
            opened.store.as_ref(),
            &blobs,
            &letopis_demo::DemoOptions {
                persons,
                seed: args.seed,
            },
            letopis_core::today(),
        )
        .context("не удалось создать демонстрационный музей")?;
        tracing::info!("demo museum ready: {summary}");
    }
    if args.generate_only {
        return Ok(());
    }
    super::serve::serve(opened, args.serve.bind)
}
