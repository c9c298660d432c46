//! Believable generated media for the demo museum: voice-like recordings with matching
//! WebVTT transcripts, old photographs, wartime letters and typed documents.
//!
//! Everything is deterministic from a `u64` seed, so a demo museum (and every test fixture built
//! from it) is reproducible byte for byte.

pub mod audio;
pub mod images;

pub use audio::{SAMPLE_RATE, Utterance, plan_utterances, synth_voice_wav};
pub use images::{document_jpeg, letter_jpeg, photo_jpeg};
pub use letopis_core::webvtt::{VttError, parse_webvtt, write_webvtt};
