//! Media originals stored once by content hash, with type checked by content and size limits.
//!
//! The museum keeps every original file (photograph, recording, scan, transcript) exactly once,
//! named by its SHA-256. The type of a file is decided by its bytes, never by its name: names
//! come from visitors and volunteers and are routinely wrong, and a file served with the wrong
//! type is either broken or dangerous (an SVG with a script in it). The declared name is only used
//! to catch obvious mistakes ("photo.jpg" that is really a PDF) and to tell plain text apart from
//! binary data.

mod blobs;
#[cfg(any(test, feature = "testing"))]
pub mod blobs_contract;
pub mod derive;
mod error;
pub mod iiif;
pub mod probe;
pub mod range;
pub mod s3;
#[cfg(feature = "testing")]
pub mod seaweedfs;
pub mod silence;
mod store;
mod types;

pub use blobs::{Blobs, Listed, ObjectBlobs, copy_hashing};
pub use derive::{DeriveError, Derived, derive_image};
pub use error::MediaError;
/// The object-store crate the adapter speaks, so embedders need not pin its version twice.
pub use object_store;
pub use store::{BlobStore, StoredBlob, Usage};
pub use types::{HEAD_LEN, Limits, MediaClass, MediaType, identify, sniff};

/// Formats a byte count for people, in Russian: «512 Б», «1,5 МБ», «8,0 ГБ».
///
/// Binary multiples are used because that is what file managers show, so the number a user sees
/// in an error message matches the one in their file manager.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["КБ", "МБ", "ГБ", "ТБ", "ПБ"];
    if bytes < 1024 {
        return format!("{bytes} Б");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    // Move up while the value would print as 1024,0 or more, so 1 048 575 bytes is «1,0 МБ»
    // rather than «1024,0 КБ».
    while value >= 1023.95 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit]).replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::human_size;

    #[test]
    fn human_size_is_russian_with_decimal_comma() {
        assert_eq!(human_size(0), "0 Б");
        assert_eq!(human_size(1023), "1023 Б");
        assert_eq!(human_size(1024), "1,0 КБ");
        assert_eq!(human_size(1536 * 1024), "1,5 МБ");
        assert_eq!(human_size(120 * 1024 * 1024), "120,0 МБ");
        assert_eq!(human_size(1024 * 1024 - 1), "1,0 МБ");
        assert_eq!(human_size(8 * 1024 * 1024 * 1024), "8,0 ГБ");
    }
}
