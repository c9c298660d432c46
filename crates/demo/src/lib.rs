//! See Cargo.toml description.

pub mod assets;
