//! One module per command.

mod backup;
mod demo;
mod history;
mod import;
mod migrate;
mod reindex;
mod restore;
mod serve;
mod stats;
mod user;
mod verify;

use crate::cli::{Cli, Command, ImportCommand, UserCommand};
use anyhow::Result;

pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Serve(args) => serve::run(&args),
        Command::Demo(args) => demo::run(&args),
        Command::Import(ImportCommand::Persons(args)) => import::persons(&args),
        Command::Stats(args) => stats::run(&args),
        Command::History(args) => history::run(&args),
        Command::User(UserCommand::Add(args)) => user::add(&args),
        Command::User(UserCommand::List(args)) => user::list(&args),
        Command::Reindex(args) => reindex::run(&args),
        Command::Backup(args) => backup::run(&args),
        Command::Restore(args) => restore::run(&args),
        Command::Verify(args) => verify::run(&args),
        Command::Migrate(args) => migrate::run(&args),
    }
}

/// A size for a person: «68.2 МБ».
fn megabytes(bytes: u64) -> String {
    format!("{:.1} МБ", bytes as f64 / 1_000_000.0)
}
