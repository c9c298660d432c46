//! The command line: `letopis serve | demo | import persons | stats | backup | restore | verify …`.

use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "letopis",
    version = crate::build::VERSION_LINE,
    about = "Летопись — интерактивный портал памяти города о 1941–1945 годах.",
    long_about = "Летопись — интерактивный портал (виртуальный музей) памяти города о 1941–1945 годах.\n\
                  Один исполняемый файл: база данных, медиафайлы и сайт живут в одном каталоге данных."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Print debug logs.
    #[arg(long, short, global = true)]
    pub verbose: bool,
    /// Log format: text (the default) or json, one object a line [or `log_format` in
    /// letopis.toml].
    #[arg(long, global = true, env = "LETOPIS_LOG_FORMAT", value_enum)]
    pub log_format: Option<LogFormat>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

impl Cli {
    /// The data directory the command works on, if it has one.
    pub fn data_dir(&self) -> Option<&std::path::Path> {
        let data = match &self.command {
            Command::Serve(a) => &a.data,
            Command::Demo(a) => &a.serve.data,
            Command::Import(ImportCommand::Persons(a)) => &a.data,
            Command::Stats(a) | Command::Reindex(a) | Command::Verify(a) => a,
            Command::Backup(a) => &a.data,
            Command::Restore(a) => &a.data,
            Command::History(a) => &a.data,
            Command::User(UserCommand::Add(a)) => &a.data,
            Command::User(UserCommand::List(a)) => a,
            // Two bases, perhaps no data directory at all.
            Command::Migrate(_) => return None,
        };
        Some(&data.data)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the portal from a data directory (an empty base is created if there is none).
    Serve(ServeArgs),
    /// Generate the demonstration museum into the data directory if it holds no base, then serve it.
    Demo(DemoArgs),
    /// Import records from files.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Print what the base holds.
    Stats(DataArgs),
    /// List the history of a record: who changed what, and when.
    History(HistoryArgs),
    /// Rebuild the search index from the base (stop the portal first).
    Reindex(DataArgs),
    /// Studio accounts: add a person (the first administrator), list everyone.
    #[command(subcommand)]
    User(UserCommand),
    /// Write a backup as a BagIt bag (RFC 8493): the base, the media originals, the
    /// configuration. Safe while the portal runs; media already in the bag are not copied again.
    Backup(BackupArgs),
    /// Check a backup made by `letopis backup` and put it back into a data directory.
    Restore(RestoreArgs),
    /// Check the media originals against their names and the base: damaged, missing, unused.
    Verify(DataArgs),
    /// Copy a whole base between SQLite and PostgreSQL (revisions and audit log included) and
    /// compare the copy row for row; with --media, copy the originals too.
    Migrate(MigrateArgs),
}

#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// The base to copy: `sqlite:DIR` (a data directory) or `postgres://…`.
    #[arg(long, value_name = "SPEC")]
    pub from: String,
    /// Where to copy it: `postgres://…` (an empty database) or `sqlite:DIR` (a data directory
    /// without a base).
    #[arg(long, value_name = "SPEC")]
    pub to: String,
    /// Where the copy's originals are to be: `file:DIR` or `s3://…` (copied there if they are
    /// not there yet). Default: where they are now for `--to postgres://…`, DIR/media for
    /// `--to sqlite:DIR`.
    #[arg(long, value_name = "SPEC")]
    pub media: Option<String>,
    /// Where the originals of a PostgreSQL source are (its nodes' `--media`); a `sqlite:DIR`
    /// source's own settings say it.
    #[arg(long, value_name = "SPEC")]
    pub from_media: Option<String>,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The bag's directory: new or empty, or one an earlier `letopis backup` wrote (replaced
    /// by the new bag, reusing its media files).
    #[arg(long, value_name = "DIR")]
    pub to: PathBuf,
    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The bag `letopis backup` wrote.
    #[arg(long, value_name = "DIR")]
    pub from: PathBuf,
    /// Replace a base the data directory already holds (it is moved aside, not deleted).
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a studio account. On a terminal it asks for a password; otherwise (or with
    /// --link) it prints a one-time link to set one.
    Add(UserAddArgs),
    /// List the studio's accounts with their roles.
    List(DataArgs),
}

#[derive(Debug, Args)]
pub struct UserAddArgs {
    /// The person's e-mail address (their sign-in name).
    #[arg(long)]
    pub email: String,
    /// A role; repeat for several: admin, coordinator, group_lead, expert, volunteer, teacher,
    /// psychologist, press, contributor.
    #[arg(long = "role", required = true)]
    pub roles: Vec<String>,
    /// The name shown in the history of changes [default: the part of the address before @].
    #[arg(long)]
    pub name: Option<String>,
    /// Print a one-time link to set the password instead of asking for it.
    #[arg(long)]
    pub link: bool,
    /// The site's address for the link [default: public_url in letopis.toml, or the bind address].
    #[arg(long)]
    pub base_url: Option<String>,
    /// The address the portal listens on, for the link when no site address is configured
    /// [default: 127.0.0.1:8080, or `bind` in letopis.toml] — the one `serve` takes.
    #[arg(long, env = "LETOPIS_BIND")]
    pub bind: Option<SocketAddr>,
    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The record's id (the number in /api/v1/…/ID).
    pub id: i64,
    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Args, Clone)]
pub struct DataArgs {
    /// Data directory: database, media files, configuration (letopis.toml).
    #[arg(long, env = "LETOPIS_DATA", default_value = "./letopis-data")]
    pub data: PathBuf,
    /// Bring a base an earlier version made to this version's schema without a fresh
    /// `letopis backup` (when a copy was made by other means, e.g. a disk snapshot).
    #[arg(long, env = "LETOPIS_UPGRADE_WITHOUT_BACKUP")]
    pub upgrade_without_backup: bool,
    /// The base, instead of `database` in letopis.toml: `sqlite:PATH` (relative to the data
    /// directory).
    #[arg(long, env = "LETOPIS_DATABASE", value_name = "SPEC")]
    pub database: Option<String>,
    /// A streaming replica of a PostgreSQL base (`postgres://…`), instead of
    /// `database_replica` in letopis.toml: reads go to it while it has caught up.
    #[arg(long, env = "LETOPIS_DATABASE_REPLICA", value_name = "URL")]
    pub database_replica: Option<String>,
    /// The originals, instead of `media` in letopis.toml: `file:DIR`, or
    /// `s3://BUCKET[/PREFIX]?endpoint=URL` with the keys in AWS_ACCESS_KEY_ID and
    /// AWS_SECRET_ACCESS_KEY.
    #[arg(long, env = "LETOPIS_MEDIA", value_name = "SPEC")]
    pub media: Option<String>,
}

impl DataArgs {
    /// The data directory's letopis.toml with what the command line says over it.
    pub fn config(&self, file: &std::path::Path) -> anyhow::Result<crate::config::FileConfig> {
        let mut config = crate::config::FileConfig::load(file)?;
        if let Some(database) = &self.database {
            config.database = Some(database.clone());
        }
        if let Some(replica) = &self.database_replica {
            config.database_replica = Some(replica.clone());
        }
        if let Some(media) = &self.media {
            config.media.set_location(media.clone());
        }
        Ok(config)
    }
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Address to listen on [default: 127.0.0.1:8080, or `bind` in letopis.toml].
    #[arg(long, env = "LETOPIS_BIND")]
    pub bind: Option<SocketAddr>,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    #[command(flatten)]
    pub serve: ServeArgs,
    /// How many persons the demo museum holds (100 to 1,000,000).
    #[arg(long, default_value_t = 300, value_parser = clap::value_parser!(u64).range(100..=1_000_000))]
    pub persons: u64,
    /// Seed of the generator: the same seed gives the same museum.
    #[arg(long, default_value_t = 1941)]
    pub seed: u64,
    /// Generate the base and exit without serving (for benchmarks and fixtures).
    #[arg(long)]
    pub generate_only: bool,
    /// Also add this many one-hour interviews of synthetic transcript, for load tests
    /// (only when the base is generated).
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u64).range(0..=10_000))]
    pub transcript_hours: u64,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import persons from a CSV file (UTF-8 or Windows-1251, comma or semicolon,
    /// English or Russian headers). Re-importing rows with an `id` updates them.
    Persons(ImportPersonsArgs),
}

#[derive(Debug, Args)]
pub struct ImportPersonsArgs {
    /// The CSV file.
    pub file: PathBuf,
    #[command(flatten)]
    pub data: DataArgs,
    /// Check the file and report what would happen, writing nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Import the valid rows even if some rows are invalid (they are reported and skipped).
    #[arg(long)]
    pub skip_invalid: bool,
    /// Publish the imported records at once instead of leaving them as drafts for review.
    #[arg(long)]
    pub publish: bool,
    /// Record the working group's decision that publishing the imported deceased persons is in
    /// the public interest, with this reference (e.g. "Протокол рабочей группы № 5 от 12.03.2025").
    #[arg(long, value_name = "REFERENCE")]
    pub public_interest: Option<String>,
}
