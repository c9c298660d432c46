//! `letopis`: the interactive portal of a town's memory of 1941–1945, in one binary.

mod bagit;
mod blob_files;
mod build;
mod cli;
mod commands;
mod config;
mod data_dir;
mod engine;
mod fixity;
mod memory;
mod upgrade;

use clap::Parser;
use std::process::ExitCode;

// With `--features mimalloc`: faster on small allocations, but it keeps more memory resident under
// load than the tuned system allocator (see `memory`).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let format = cli
        .log_format
        .or_else(|| cli.data_dir().and_then(config::log_format));
    init_logging(cli.verbose, format == Some(cli::LogFormat::Json));
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One line a person can act on; details went to the log already.
            eprintln!("letopis: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging(verbose: bool, json: bool) {
    let default = if verbose { "debug" } else { "info" };
    let filter = tracing_subscriber::EnvFilter::try_from_env("LETOPIS_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false);
    if json {
        // The event's fields at the top level: `{"timestamp":…,"level":…,"message":…}`.
        logs.json().flatten_event(true).init();
    } else {
        logs.init();
    }
}
