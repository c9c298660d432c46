//! One module per command.

mod demo;
mod history;
mod import;
mod reindex;
mod serve;
mod stats;

use crate::cli::{Cli, Command, ImportCommand};
use anyhow::Result;

pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Serve(args) => serve::run(&args),
        Command::Demo(args) => demo::run(&args),
        Command::Import(ImportCommand::Persons(args)) => import::persons(&args),
        Command::Stats(args) => stats::run(&args),
        Command::History(args) => history::run(&args),
        Command::Reindex(args) => reindex::run(&args),
    }
}
