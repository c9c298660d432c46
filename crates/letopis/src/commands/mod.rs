//! One module per command.

mod demo;
mod history;
mod import;
mod reindex;
mod serve;
mod stats;
mod user;

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
    }
}
