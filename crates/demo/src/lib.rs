//! The demo museum generator: a coherent, clearly marked demonstration of the memory museum of
//! Khimki 1941–1945 — real places and events, invented people, playable «Живые голоса» with
//! transcripts, photographs, front-line letters, exhibitions and a lesson kit. It doubles as the
//! fixture generator for tests and benchmarks: every non-public state of a record is present, so
//! the access gate can be shown and tested against it.
//!
//! ```no_run
//! # use letopis_demo::{DemoOptions, generate};
//! # fn run(store: &letopis_store::sqlite::SqliteStore, blobs: &letopis_media::BlobStore) {
//! // The base and its accounts (the demo's working group); here one SQLite store is both.
//! let summary = generate(store, store, blobs, &DemoOptions::default(), letopis_core::today());
//! # }
//! ```

pub mod assets;
pub mod basemap;
mod conference;
mod content;
mod generate;
mod hours;
mod lessons;
mod media_plan;
mod progress;
mod staff;
mod venues;

pub use conference::add_conference;
pub use content::DEMO_TAG;
pub use generate::{
    DemoError, DemoOptions, DemoSummary, Fixture, FixtureState, MAX_PERSONS, generate,
};
pub use hours::{add_recorded_hours, publish_recorded, recorded_interview};
pub use lessons::add_lesson_kits;
pub use media_plan::add_media_plan;
pub use progress::add_activity_progress;
pub use staff::add_working_groups;
pub use venues::add_venues;
