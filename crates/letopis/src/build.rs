//! Which build this is: the version, the commit and the day it was built (stamped by
//! `build.rs`), for `letopis --version`, `/healthz` and `/metrics`.

pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The short commit, with `+dirty` when the tree had changes; `unknown` without git.
pub const COMMIT: &str = env!("LETOPIS_COMMIT");
/// The day of the build, UTC (`SOURCE_DATE_EPOCH` when set).
pub const BUILT: &str = env!("LETOPIS_BUILT");

/// `0.2.0 (59ece5f 2026-12-07)`; clap puts the program's name before it.
pub const VERSION_LINE: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("LETOPIS_COMMIT"),
    " ",
    env!("LETOPIS_BUILT"),
    ")"
);

pub fn to_web() -> letopis_web::BuildInfo {
    letopis_web::BuildInfo {
        version: VERSION.into(),
        commit: COMMIT.into(),
        built: BUILT.into(),
    }
}
