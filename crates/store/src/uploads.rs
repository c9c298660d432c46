//! The storage seam of the studio's uploads (issue #14): resumable uploads in progress, with the
//! bytes received so far, and what the studio knows about each uploaded file.
//!
//! Both used to be files beside the base (`uploads/<id>.json` and `.part`, `derivatives/*.json`).
//! Several server nodes over one base must see the same state — a chunk may arrive at any of
//! them, and a record saved on one refers to a file uploaded through another — so the state is
//! in the base, like everything else the portal has to remember. The originals themselves go to
//! the blob store (`letopis_media::Blobs`) once an upload is complete.
//!
//! The received bytes are kept as pieces at their offsets. A piece is taken only at the current
//! end of the upload ([`Uploads::append_chunk`]), checked and written in one transaction, so a
//! chunk sent twice (a retry after a lost answer) or by two nodes at once cannot leave a gap or
//! a doubled stretch in the file.

use crate::StoreError;
use jiff::Timestamp;
use letopis_core::UserId;
use serde::{Deserialize, Serialize};
use std::io::Write;

/// The largest piece of an upload the store keeps in one row: the studio's largest chunk. A
/// longer append is split, so the engine never holds more than this in one value.
pub const MAX_PIECE: usize = 8 * 1024 * 1024;

/// An upload as it starts: the id the browser will hold, who started it, and what it declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUpload {
    pub id: String,
    pub user: UserId,
    pub name: String,
    pub size: u64,
}

/// An upload in progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingUpload {
    pub id: String,
    /// The person who started it; nobody else may see or continue it (the web layer's rule).
    pub user: UserId,
    /// The file name the browser declared.
    pub name: String,
    /// The size the browser declared: the upload is complete when this many bytes arrived.
    pub size: u64,
    /// Bytes received so far: where the next chunk must start.
    pub received: u64,
    pub started_at: Timestamp,
    /// The last chunk's time (or the start's): uploads untouched for long are purged.
    pub touched_at: Timestamp,
}

impl PendingUpload {
    pub fn complete(&self) -> bool {
        self.received >= self.size
    }
}

/// What [`Uploads::append_chunk`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Appended {
    /// The bytes were taken; the upload now ends here.
    Taken(u64),
    /// The chunk does not start at the end of what was received (a resumed, repeated or
    /// concurrent chunk); nothing was written. The upload ends here.
    WrongOffset(u64),
    /// The chunk would take the upload past its declared size; nothing was written.
    TooLong,
}

/// What the studio knows about an uploaded file, kept by hash beside the blob store.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FileInfo {
    /// The hash a record refers to: the web-size derivative for images, else the original.
    pub sha256: String,
    pub mime: String,
    /// The original's hash (the archive copy); the same as `sha256` when there is no derivative.
    pub original: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumb: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<u64>,
    /// The audio codec («MP3», «Vorbis», «Opus», «FLAC», «PCM»).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codec: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample_rate: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channels: Option<u16>,
    /// What the studio shows: «аудиозапись MP3, 1 мин, 44,1 кГц, стерео».
    pub format: String,
}

/// A SHA-256 in hex, lower-cased; `None` for anything else (which no file info is stored under).
pub fn normal_hash(sha256: &str) -> Option<String> {
    let valid = sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_hexdigit());
    valid.then(|| sha256.to_ascii_lowercase())
}

/// The storage contract of uploads and file info. Synchronous, like [`Store`](crate::Store).
pub trait Uploads: Send + Sync + 'static {
    /// Starts an upload with nothing received; refused ([`StoreError::Duplicate`]) when the id
    /// is taken.
    fn start_upload(&self, new: &NewUpload, at: Timestamp) -> Result<(), StoreError>;
    fn upload(&self, id: &str) -> Result<Option<PendingUpload>, StoreError>;
    /// Appends `bytes` at `offset`, which must be the upload's current end; see [`Appended`].
    /// An upload that does not exist (completed, purged, never started) is
    /// [`StoreError::NotFound`].
    fn append_chunk(
        &self,
        id: &str,
        offset: u64,
        bytes: &[u8],
        at: Timestamp,
    ) -> Result<Appended, StoreError>;
    /// Writes the bytes received so far, in order, into `out` (a temporary file, when the
    /// upload is complete); returns how many were written.
    fn assemble_upload(&self, id: &str, out: &mut dyn Write) -> Result<u64, StoreError>;
    /// Removes the upload and its bytes; false when there was none.
    fn remove_upload(&self, id: &str) -> Result<bool, StoreError>;
    /// Removes uploads with no chunk since then (abandoned: a closed tab, a lost laptop);
    /// returns how many.
    fn purge_uploads(&self, untouched_since: Timestamp) -> Result<usize, StoreError>;

    /// Keeps `info` under its `sha256` and, when it differs, under its `original` too, replacing
    /// what was kept under either. Refused when either is not a SHA-256.
    fn put_file_info(&self, info: &FileInfo) -> Result<(), StoreError>;
    /// The info kept under this hash (a derivative's or an original's).
    fn file_info(&self, sha256: &str) -> Result<Option<FileInfo>, StoreError>;
    /// Forgets the info kept under this hash and under the other hash of the same file.
    fn remove_file_info(&self, sha256: &str) -> Result<(), StoreError>;
}
