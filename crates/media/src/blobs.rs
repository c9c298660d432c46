//! Where originals live, behind one trait: a local directory by default ([`BlobStore`]), any
//! `object_store::ObjectStore` (S3-compatible servers, Azure, GCS, memory) through
//! [`ObjectBlobs`]. Callers (uploads, the media route, withdrawal, the demo) hold an
//! `Arc<dyn Blobs>` and never learn which.
//!
//! The trait is synchronous: every caller already runs on a blocking thread (uploads hash and
//! sniff files, the demo writes thousands), and an object store's client is driven by a runtime
//! of the adapter's own, so a caller needs none.

use std::fmt::Debug;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use object_store::ObjectStoreExt as _;
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, WriteMultipart};

use crate::error::MediaError;
use crate::store::{
    BlobStore, StoredBlob, Usage, check_size, is_blob_name, normalize_hash, not_utf8, stage_file,
};
use crate::types::{Limits, MediaClass, check_text, identify};

/// The museum's originals, stored once by content hash.
pub trait Blobs: Send + Sync + Debug {
    /// The size limits every put checks.
    fn limits(&self) -> &Limits;
    /// Stores `bytes` after checking type and size; the same content again returns the same hash.
    fn put_bytes(
        &self,
        bytes: &[u8],
        declared_name: Option<&str>,
    ) -> Result<StoredBlob, MediaError>;
    /// Stores the file at `path`, streamed: type, size and text are checked on the way.
    fn put_file(&self, path: &Path, declared_name: Option<&str>) -> Result<StoredBlob, MediaError>;
    /// Whether a blob with this hash is stored; an invalid hash is simply not stored.
    fn contains(&self, sha256: &str) -> bool;
    /// The blob's size in bytes.
    fn size(&self, sha256: &str) -> Result<u64, MediaError>;
    /// The bytes in `range` (clamped to the blob's end).
    fn read_range(&self, sha256: &str, range: Range<u64>) -> Result<Vec<u8>, MediaError>;
    /// The whole blob. Meant for files the museum reads itself (an image to re-encode, a
    /// recording to silence); visitors' downloads go through [`Blobs::local_path`] or ranges.
    fn read(&self, sha256: &str) -> Result<Vec<u8>, MediaError> {
        let size = self.size(sha256)?;
        self.read_range(sha256, 0..size)
    }
    /// Deletes a blob (a destruction the law or a withdrawal requires); false when there was
    /// none. The caller makes sure no record still shows it.
    fn remove(&self, sha256: &str) -> Result<bool, MediaError>;
    /// How many originals are stored and their bytes (a walk of the whole store: the caller
    /// keeps the answer a while).
    fn usage(&self) -> Result<Usage, MediaError>;
    /// A file on this machine holding the blob, when the store is a local directory: the server
    /// then streams it with ranges and conditional requests without copying it through memory.
    fn local_path(&self, sha256: &str) -> Option<PathBuf> {
        let _ = sha256;
        None
    }
    /// Everything the store holds, originals and anything else, one at a time (a store of a
    /// million files is never listed in memory at once). A local directory lists in name order
    /// and leaves out files still being written.
    fn list(&self) -> Box<dyn Iterator<Item = Result<Listed, MediaError>> + Send + '_>;
    /// The blob's bytes as a stream: a backup or an audit reads a gigabyte recording without
    /// holding it. An object store is read [`PART`] bytes at a time.
    fn reader(&self, sha256: &str) -> Result<Box<dyn Read + Send + '_>, MediaError> {
        let size = self.size(sha256)?;
        Ok(Box::new(Ranged {
            blobs: self,
            sha256: normalize_hash(sha256)?,
            at: 0,
            size,
            chunk: io::Cursor::new(Vec::new()),
        }))
    }
    /// Stores the file at `path` as the original named `sha256`, after checking that its
    /// content has that hash; its size. A restore puts originals back this way: they were
    /// checked when they first came in, so neither type nor today's size limits apply again.
    fn put_verified(&self, sha256: &str, path: &Path) -> Result<u64, MediaError>;
}

/// One object of a store, as its listing names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The name under the store, `/` between parts: `ab/cd/abcd…` for an original.
    pub name: String,
    /// The SHA-256 the name and its place say the object has; `None` for anything that is not
    /// where an original would be (a stray copy, a file put there by hand).
    pub sha256: Option<String>,
    pub size: u64,
}

impl Listed {
    pub fn new(name: String, size: u64) -> Listed {
        let last = name.rsplit('/').next().unwrap_or_default();
        let sha256 = (is_blob_name(last)
            && name == format!("{}/{}/{last}", &last[0..2], &last[2..4]))
        .then(|| last.to_string());
        Listed { name, sha256, size }
    }
}

/// [`Blobs::reader`] over ranged reads.
struct Ranged<'a, B: ?Sized> {
    blobs: &'a B,
    sha256: String,
    at: u64,
    size: u64,
    chunk: io::Cursor<Vec<u8>>,
}

impl<B: Blobs + ?Sized> Read for Ranged<'_, B> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.chunk.read(buf)?;
        if n > 0 || self.at >= self.size {
            return Ok(n);
        }
        let end = (self.at + PART as u64).min(self.size);
        let bytes = self
            .blobs
            .read_range(&self.sha256, self.at..end)
            .map_err(io::Error::other)?;
        if bytes.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("файл {} оборвался на байте {}", self.sha256, self.at),
            ));
        }
        self.at += bytes.len() as u64;
        self.chunk = io::Cursor::new(bytes);
        self.chunk.read(buf)
    }
}

/// Copies `from` into `to`, hashing on the way: the SHA-256 in lower-case hex and the bytes
/// copied.
pub fn copy_hashing(mut from: impl Read, mut to: impl Write) -> io::Result<(String, u64)> {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    let mut size = 0u64;
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        hasher.update(&buf[..n]);
        to.write_all(&buf[..n])?;
        size += n as u64;
    }
    Ok((hex::encode(hasher.finalize()), size))
}

impl Blobs for BlobStore {
    fn limits(&self) -> &Limits {
        BlobStore::limits(self)
    }

    fn put_bytes(
        &self,
        bytes: &[u8],
        declared_name: Option<&str>,
    ) -> Result<StoredBlob, MediaError> {
        BlobStore::put_bytes(self, bytes, declared_name)
    }

    fn put_file(&self, path: &Path, declared_name: Option<&str>) -> Result<StoredBlob, MediaError> {
        BlobStore::put_file(self, path, declared_name)
    }

    fn contains(&self, sha256: &str) -> bool {
        BlobStore::contains(self, sha256)
    }

    fn usage(&self) -> Result<Usage, MediaError> {
        BlobStore::usage(self)
    }

    fn size(&self, sha256: &str) -> Result<u64, MediaError> {
        let file = self.open_read(sha256)?;
        file.metadata()
            .map(|m| m.len())
            .map_err(|e| MediaError::io("прочитать размер файла", e))
    }

    fn read_range(&self, sha256: &str, range: Range<u64>) -> Result<Vec<u8>, MediaError> {
        let mut file: File = self.open_read(sha256)?;
        let io_err = |e| MediaError::io("прочитать файл хранилища", e);
        file.seek(SeekFrom::Start(range.start)).map_err(io_err)?;
        let mut out = Vec::new();
        file.take(range.end.saturating_sub(range.start))
            .read_to_end(&mut out)
            .map_err(io_err)?;
        Ok(out)
    }

    fn remove(&self, sha256: &str) -> Result<bool, MediaError> {
        BlobStore::remove(self, sha256)
    }

    fn local_path(&self, sha256: &str) -> Option<PathBuf> {
        self.path_of(sha256).ok().filter(|p| p.is_file())
    }

    fn list(&self) -> Box<dyn Iterator<Item = Result<Listed, MediaError>> + Send + '_> {
        Box::new(crate::store::Walk::new(self.root()))
    }

    fn reader(&self, sha256: &str) -> Result<Box<dyn Read + Send + '_>, MediaError> {
        Ok(Box::new(self.open_read(sha256)?))
    }

    fn put_verified(&self, sha256: &str, path: &Path) -> Result<u64, MediaError> {
        let sha256 = normalize_hash(sha256)?;
        let src = File::open(path).map_err(|e| MediaError::io("прочитать файл копии", e))?;
        let mut tmp = self.new_temp()?;
        let (actual, size) = copy_hashing(src, tmp.as_file_mut())
            .map_err(|e| MediaError::io("скопировать файл в хранилище", e))?;
        if actual != sha256 {
            return Err(MediaError::Damaged { sha256 });
        }
        self.commit(tmp, &sha256)?;
        Ok(size)
    }
}

/// Originals in any object store, named `<prefix>/ab/cd/abcd…` like the local layout, so a
/// directory copied into a bucket (or `object_store`'s own `LocalFileSystem` over the same
/// directory) reads the same.
#[derive(Debug)]
pub struct ObjectBlobs {
    store: Arc<dyn ObjectStore>,
    limits: Limits,
    /// Files are staged (checked and hashed) here before they are sent.
    staging: PathBuf,
    runtime: OwnRuntime,
    /// Sizes of originals already asked for. An original never changes under its name (the
    /// name is its hash), so a size stays true until the object is removed; a node that did
    /// not remove it learns of that from the failed read, and the gate has closed its records
    /// before any original is removed. Without it every range read would cost two requests.
    sizes: std::sync::Mutex<lru::LruCache<String, u64>>,
}

/// The runtime that drives an [`ObjectBlobs`]' client. Dropping a runtime waits for its
/// threads, which tokio refuses (with a panic) on a thread of another runtime: a store dropped
/// by async code (a server stopping, an async test) panicked there. Nothing runs on it between
/// two calls, so it is shut down without waiting.
#[derive(Debug)]
struct OwnRuntime(Option<tokio::runtime::Runtime>);

impl std::ops::Deref for OwnRuntime {
    type Target = tokio::runtime::Runtime;

    fn deref(&self) -> &tokio::runtime::Runtime {
        self.0
            .as_ref()
            .expect("the runtime is taken only when it is dropped")
    }
}

impl Drop for OwnRuntime {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            runtime.shutdown_background();
        }
    }
}

/// How many sizes [`ObjectBlobs`] keeps: a few MB at most, and more recordings than a museum's
/// visitors play in a day.
const KEPT_SIZES: usize = 16_384;

/// Upload parts and reads of 8 MiB: above S3's 5 MiB minimum part, small enough to keep
/// memory flat.
const PART: usize = 8 * 1024 * 1024;

/// The start of the name of the object [`ObjectBlobs::check`] writes and removes.
const PROBE: &str = ".letopis-probe";

/// A name of a probe of this check's own. Nodes opening one bucket together check it together:
/// with one shared name, one node removed the probe another was about to read, and that node
/// refused to start.
fn probe_name() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static CHECKS: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let n = CHECKS.fetch_add(1, Ordering::Relaxed);
    format!("{PROBE}-{}-{nanos}-{n}", std::process::id())
}

impl ObjectBlobs {
    /// Wraps `store`; `staging` is a local directory for files being checked before they are
    /// sent (created if needed).
    pub fn new(
        store: Arc<dyn ObjectStore>,
        limits: Limits,
        staging: impl Into<PathBuf>,
    ) -> Result<ObjectBlobs, MediaError> {
        let staging = staging.into();
        std::fs::create_dir_all(&staging).map_err(|e| MediaError::NotWritable {
            path: staging.clone(),
            reason: e.to_string(),
        })?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| MediaError::io("запустить клиент хранилища", e))?;
        Ok(ObjectBlobs {
            store,
            limits,
            staging,
            runtime: OwnRuntime(Some(runtime)),
            sizes: std::sync::Mutex::new(lru::LruCache::new(
                std::num::NonZeroUsize::new(KEPT_SIZES).expect("not zero"),
            )),
        })
    }

    /// Drives `future` on the adapter's runtime. A caller already inside an async runtime (a
    /// test, an embedder) cannot block its thread on another runtime, so the future then runs
    /// on a short-lived thread of its own.
    fn run<F>(&self, future: F) -> F::Output
    where
        F: std::future::Future + Send,
        F::Output: Send,
    {
        if tokio::runtime::Handle::try_current().is_err() {
            return self.runtime.block_on(future);
        }
        std::thread::scope(|scope| {
            scope
                .spawn(|| self.runtime.block_on(future))
                .join()
                .expect("an object store call panicked")
        })
    }

    fn kept_size(&self, sha256: &str) -> Option<u64> {
        let key = normalize_hash(sha256).ok()?;
        let mut sizes = self.sizes.lock().unwrap_or_else(|p| p.into_inner());
        sizes.get(&key).copied()
    }

    /// Keeps (`Some`) or forgets (`None`) the size of `sha256`.
    fn keep_size(&self, sha256: &str, size: Option<u64>) {
        let Ok(key) = normalize_hash(sha256) else {
            return;
        };
        let mut sizes = self.sizes.lock().unwrap_or_else(|p| p.into_inner());
        match size {
            Some(size) => {
                sizes.put(key, size);
            }
            None => {
                sizes.pop(&key);
            }
        }
    }

    fn location(sha256: &str) -> Result<ObjectPath, MediaError> {
        let h = normalize_hash(sha256)?;
        Ok(ObjectPath::from(format!("{}/{}/{h}", &h[0..2], &h[2..4])))
    }

    fn failed(what: &str, e: object_store::Error) -> MediaError {
        match e {
            object_store::Error::NotFound { .. } => MediaError::NotFound {
                sha256: what.to_string(),
            },
            other => MediaError::Remote {
                action: if what.is_empty() {
                    "обратиться к хранилищу".into()
                } else {
                    format!("обратиться к файлу {what}")
                },
                detail: other.to_string(),
            },
        }
    }

    /// Proves the store reachable and writable with the given keys: writes, reads and removes
    /// a small object, so a wrong address, key or bucket fails at start-up with what is wrong
    /// rather than on a visitor's first request.
    pub fn check(&self) -> Result<(), MediaError> {
        let probe = ObjectPath::from(probe_name());
        let said = |action: &str, e: object_store::Error| MediaError::Remote {
            action: action.into(),
            detail: e.to_string(),
        };
        let payload = bytes::Bytes::from_static(b"letopis");
        self.run(self.store.put(&probe, payload.into()))
            .map_err(|e| said("записать пробный файл", e))?;
        let read = self
            .run(async { self.store.get(&probe).await?.bytes().await })
            .map_err(|e| said("прочитать пробный файл", e))?;
        if read.as_ref() != b"letopis" {
            return Err(MediaError::Remote {
                action: "прочитать пробный файл".into(),
                detail: "прочитано не то, что записано".into(),
            });
        }
        self.run(self.store.delete(&probe))
            .map_err(|e| said("удалить пробный файл", e))
    }

    fn send_file(&self, sha256: &str, file: &Path) -> Result<(), MediaError> {
        let location = Self::location(sha256)?;
        let io_err = |e| MediaError::io("прочитать подготовленный файл", e);
        let mut src = File::open(file).map_err(io_err)?;
        self.run(async {
            let upload = self
                .store
                .put_multipart(&location)
                .await
                .map_err(|e| Self::failed(sha256, e))?;
            let mut writer = WriteMultipart::new_with_chunk_size(upload, PART);
            let mut buf = vec![0u8; 256 * 1024];
            loop {
                let n = src.read(&mut buf).map_err(io_err)?;
                if n == 0 {
                    break;
                }
                writer
                    .wait_for_capacity(4)
                    .await
                    .map_err(|e| Self::failed(sha256, e))?;
                writer.write(&buf[..n]);
            }
            writer.finish().await.map_err(|e| Self::failed(sha256, e))?;
            Ok(())
        })
    }
}

impl Blobs for ObjectBlobs {
    fn limits(&self) -> &Limits {
        &self.limits
    }

    fn put_bytes(
        &self,
        bytes: &[u8],
        declared_name: Option<&str>,
    ) -> Result<StoredBlob, MediaError> {
        use sha2::{Digest, Sha256};
        let media_type = identify(bytes, declared_name)?;
        let size = bytes.len() as u64;
        check_size(&self.limits, size, true, media_type.class)?;
        if media_type.class == MediaClass::Text {
            check_text(bytes, false).map_err(|offset| not_utf8(declared_name, offset as u64))?;
        }
        let sha256 = hex::encode(Sha256::digest(bytes));
        if !self.contains(&sha256) {
            let location = Self::location(&sha256)?;
            let payload = bytes::Bytes::copy_from_slice(bytes);
            self.run(self.store.put(&location, payload.into()))
                .map_err(|e| Self::failed(&sha256, e))?;
        }
        Ok(StoredBlob {
            sha256,
            size,
            media_type,
        })
    }

    fn put_file(&self, path: &Path, declared_name: Option<&str>) -> Result<StoredBlob, MediaError> {
        let tmp = tempfile::Builder::new()
            .prefix(".incoming-")
            .tempfile_in(&self.staging)
            .map_err(|e| MediaError::io("создать временный файл", e))?;
        let (tmp, stored) = stage_file(&self.limits, tmp, path, declared_name)?;
        if !self.contains(&stored.sha256) {
            self.send_file(&stored.sha256, tmp.path())?;
        }
        Ok(stored)
    }

    fn usage(&self) -> Result<Usage, MediaError> {
        use futures_util::TryStreamExt as _;
        self.run(
            self.store
                .list(None)
                .try_fold(Usage::default(), |mut usage, meta| async move {
                    if meta.location.filename().is_some_and(is_blob_name) {
                        usage.files += 1;
                        usage.bytes += meta.size;
                    }
                    Ok(usage)
                }),
        )
        .map_err(|e| Self::failed("", e))
    }

    fn contains(&self, sha256: &str) -> bool {
        let Ok(location) = Self::location(sha256) else {
            return false;
        };
        self.run(self.store.head(&location)).is_ok()
    }

    fn size(&self, sha256: &str) -> Result<u64, MediaError> {
        let location = Self::location(sha256)?;
        if let Some(size) = self.kept_size(sha256) {
            return Ok(size);
        }
        let size = self
            .run(self.store.head(&location))
            .map(|m| m.size)
            .map_err(|e| Self::failed(sha256, e))?;
        self.keep_size(sha256, Some(size));
        Ok(size)
    }

    fn read_range(&self, sha256: &str, range: Range<u64>) -> Result<Vec<u8>, MediaError> {
        let location = Self::location(sha256)?;
        let size = self.size(sha256)?;
        let range = range.start.min(size)..range.end.min(size);
        if range.is_empty() {
            return Ok(Vec::new());
        }
        let read = self.run(self.store.get_range(&location, range));
        if let Err(object_store::Error::NotFound { .. }) = read {
            // Removed (perhaps by another node) since its size was kept.
            self.keep_size(sha256, None);
        }
        read.map(|b| b.to_vec())
            .map_err(|e| Self::failed(sha256, e))
    }

    fn list(&self) -> Box<dyn Iterator<Item = Result<Listed, MediaError>> + Send + '_> {
        use futures_util::StreamExt as _;
        let mut listing = self.store.list(None);
        Box::new(std::iter::from_fn(move || {
            loop {
                let next = self.run(listing.next())?;
                return Some(match next {
                    Ok(meta) if meta.location.as_ref().starts_with(PROBE) => continue,
                    Ok(meta) => Ok(Listed::new(meta.location.to_string(), meta.size)),
                    Err(e) => Err(Self::failed("", e)),
                });
            }
        }))
    }

    fn put_verified(&self, sha256: &str, path: &Path) -> Result<u64, MediaError> {
        let sha256 = normalize_hash(sha256)?;
        let src = File::open(path).map_err(|e| MediaError::io("прочитать файл копии", e))?;
        let (actual, size) =
            copy_hashing(src, io::sink()).map_err(|e| MediaError::io("прочитать файл копии", e))?;
        if actual != sha256 {
            return Err(MediaError::Damaged { sha256 });
        }
        if !self.contains(&sha256) {
            self.send_file(&sha256, path)?;
        }
        Ok(size)
    }

    fn remove(&self, sha256: &str) -> Result<bool, MediaError> {
        let location = Self::location(sha256)?;
        self.keep_size(sha256, None);
        if !self.contains(sha256) {
            return Ok(false);
        }
        self.run(self.store.delete(&location))
            .map(|()| true)
            .map_err(|e| Self::failed(sha256, e))
    }
}

#[cfg(test)]
mod tests;
