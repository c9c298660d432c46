//! The content-addressed store of originals: `<root>/ab/cd/abcd…` by SHA-256.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::Serialize;
use sha2::{Digest, Sha256};
use tempfile::NamedTempFile;

use crate::error::MediaError;
use crate::types::{HEAD_LEN, Limits, MediaClass, MediaType, check_text, display_name, identify};

/// Temp files live in the store root itself so the final rename never crosses file systems.
/// The dot keeps them apart from the two-hex-digit fan-out directories.
const TMP_PREFIX: &str = ".incoming-";

/// A temp file older than this was left by a crash; no upload takes a day.
const STALE_TMP_AGE: Duration = Duration::from_secs(24 * 60 * 60);

const CHUNK: usize = 64 * 1024;

/// What was stored: the identity of the content and its recognised type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredBlob {
    /// SHA-256 of the content, 64 lowercase hex digits.
    pub sha256: String,
    pub size: u64,
    pub media_type: MediaType,
}

/// Originals stored once by content hash under a data directory.
/// How many originals a store holds, and their bytes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    pub files: u64,
    pub bytes: u64,
}

/// A blob's name: its SHA-256 in lower-case hex.
pub(crate) fn is_blob_name(name: &str) -> bool {
    name.len() == 64 && name.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[derive(Debug, Clone)]
pub struct BlobStore {
    root: PathBuf,
    limits: Limits,
}

impl BlobStore {
    /// Opens (creating if needed) the store at `root` and proves it is writable, so a
    /// misconfigured data directory fails at start-up rather than on the first upload.
    pub fn open(root: impl Into<PathBuf>, limits: Limits) -> Result<BlobStore, MediaError> {
        let root = root.into();
        let not_writable = |e: io::Error| MediaError::NotWritable {
            path: root.clone(),
            reason: e.to_string(),
        };
        fs::create_dir_all(&root).map_err(not_writable)?;
        // Permission bits do not tell the whole story (read-only mounts, ACLs, full disks), so
        // actually write something.
        let mut probe = tempfile::Builder::new()
            .prefix(TMP_PREFIX)
            .tempfile_in(&root)
            .map_err(not_writable)?;
        probe.write_all(b"probe").map_err(not_writable)?;
        drop(probe);
        let store = BlobStore { root, limits };
        store.sweep_stale_temp_files();
        Ok(store)
    }

    /// The store at `root` without creating or probing it: for readers (the media route) that
    /// must not fail because a directory is read-only.
    pub fn at(root: impl Into<PathBuf>, limits: Limits) -> BlobStore {
        BlobStore {
            root: root.into(),
            limits,
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Stores `bytes` after checking type and size. Storing the same content again is cheap and
    /// returns the same hash.
    pub fn put_bytes(
        &self,
        bytes: &[u8],
        declared_name: Option<&str>,
    ) -> Result<StoredBlob, MediaError> {
        let media_type = identify(bytes, declared_name)?;
        let size = bytes.len() as u64;
        check_size(&self.limits, size, true, media_type.class)?;
        if media_type.class == MediaClass::Text {
            check_text(bytes, false).map_err(|offset| not_utf8(declared_name, offset as u64))?;
        }
        let sha256 = hex::encode(Sha256::digest(bytes));
        if !self.contains(&sha256) {
            let mut tmp = self.new_temp()?;
            tmp.write_all(bytes)
                .map_err(|e| MediaError::io("записать временный файл", e))?;
            self.commit(tmp, &sha256)?;
        }
        Ok(StoredBlob {
            sha256,
            size,
            media_type,
        })
    }

    /// Stores the file at `path`, streaming it: the content is hashed while it is copied into a
    /// temp file, so memory use does not depend on file size, and copying stops as soon as the
    /// size limit is passed.
    ///
    /// Without `declared_name`, the file's own name is used to catch extension mistakes.
    pub fn put_file(
        &self,
        path: &Path,
        declared_name: Option<&str>,
    ) -> Result<StoredBlob, MediaError> {
        let tmp = self.new_temp()?;
        let (tmp, stored) = stage_file(&self.limits, tmp, path, declared_name)?;
        if !self.contains(&stored.sha256) {
            self.commit(tmp, &stored.sha256)?;
        }
        Ok(stored)
    }

    /// Where the blob with this hash lives (whether or not it exists). The hash is validated, so
    /// a crafted value cannot point outside the store.
    /// How many originals the store holds and their bytes, from a walk of its directories
    /// (`ab/cd/abcd…`; temp files and anything else are not counted).
    pub fn usage(&self) -> Result<Usage, MediaError> {
        let io_err = |e| MediaError::io("прочитать каталог медиафайлов", e);
        let mut usage = Usage::default();
        let hex_dirs = |dir: &Path| -> Result<Vec<PathBuf>, MediaError> {
            let mut dirs = Vec::new();
            for entry in fs::read_dir(dir).map_err(io_err)? {
                let entry = entry.map_err(io_err)?;
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if name.len() == 2
                    && name.bytes().all(|b| b.is_ascii_hexdigit())
                    && entry.file_type().map_err(io_err)?.is_dir()
                {
                    dirs.push(entry.path());
                }
            }
            Ok(dirs)
        };
        for first in hex_dirs(&self.root)? {
            for second in hex_dirs(&first)? {
                for entry in fs::read_dir(&second).map_err(io_err)? {
                    let entry = entry.map_err(io_err)?;
                    if is_blob_name(&entry.file_name().to_string_lossy()) {
                        usage.files += 1;
                        usage.bytes += entry.metadata().map_err(io_err)?.len();
                    }
                }
            }
        }
        Ok(usage)
    }

    pub fn path_of(&self, sha256: &str) -> Result<PathBuf, MediaError> {
        let hash = normalize_hash(sha256)?;
        Ok(self.root.join(&hash[0..2]).join(&hash[2..4]).join(&hash))
    }

    /// Deletes a stored blob (a destruction the law or a withdrawal requires); false when there
    /// was none. The caller makes sure no record still shows it.
    pub fn remove(&self, sha256: &str) -> Result<bool, MediaError> {
        let path = self.path_of(sha256)?;
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(MediaError::io("удалить файл", e)),
        }
    }

    /// Whether a blob with this hash is stored; an invalid hash is simply not stored.
    pub fn contains(&self, sha256: &str) -> bool {
        self.path_of(sha256).is_ok_and(|p| p.is_file())
    }

    /// Opens a stored blob for reading.
    pub fn open_read(&self, sha256: &str) -> Result<File, MediaError> {
        let path = self.path_of(sha256)?;
        File::open(&path).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => MediaError::NotFound {
                sha256: sha256.to_ascii_lowercase(),
            },
            _ => MediaError::io(format!("открыть файл {}", path.display()), e),
        })
    }

    pub(crate) fn new_temp(&self) -> Result<NamedTempFile, MediaError> {
        let mut builder = tempfile::Builder::new();
        builder.prefix(TMP_PREFIX);
        // Blobs are read by whatever serves them, possibly another user (a reverse proxy);
        // tempfile's default 0600 would hide them.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o644));
        }
        builder
            .tempfile_in(&self.root)
            .map_err(|e| MediaError::io("создать временный файл в каталоге данных", e))
    }

    /// Moves a fully written temp file to its final name. The rename is atomic, so readers see
    /// either no blob or the whole blob; if a concurrent writer got there first the content is
    /// identical and the rename simply replaces it.
    pub(crate) fn commit(&self, tmp: NamedTempFile, sha256: &str) -> Result<(), MediaError> {
        let dest = self.path_of(sha256)?;
        if let Some(dir) = dest.parent() {
            fs::create_dir_all(dir).map_err(|e| MediaError::io("создать каталог хранилища", e))?;
        }
        // Originals are the one thing the museum must not lose: flush before the name appears.
        tmp.as_file()
            .sync_all()
            .map_err(|e| MediaError::io("записать файл на диск", e))?;
        tmp.persist(&dest)
            .map_err(|e| MediaError::io("переместить файл в хранилище", e.error))?;
        // The new name, and the fan-out directories it may have needed, are entries of their
        // directories: synced too, or a power cut could lose the name of a file whose record
        // the base has already committed.
        let mut dir = dest.parent();
        while let Some(d) = dir {
            sync_dir(d).map_err(|e| MediaError::io("записать каталог хранилища на диск", e))?;
            if d == self.root {
                break;
            }
            dir = d.parent();
        }
        Ok(())
    }

    /// Removes temp files a crash left behind. Best effort: a failure here must not stop the
    /// portal from starting.
    fn sweep_stale_temp_files(&self) {
        let Ok(entries) = fs::read_dir(&self.root) else {
            return;
        };
        let now = SystemTime::now();
        for entry in entries.flatten() {
            let stale = entry.file_name().to_string_lossy().starts_with(TMP_PREFIX)
                && entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|t| now.duration_since(t).unwrap_or_default() > STALE_TMP_AGE);
            if stale {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

/// The files under a local store's directory in name order, one directory read at a time,
/// without files still being written ([`crate::Blobs::list`] of a [`BlobStore`]).
pub(crate) struct Walk {
    /// Directories being read: each one's remaining entries (reversed, to pop in order) and
    /// its name under the root.
    stack: Vec<(Vec<fs::DirEntry>, String)>,
    root: PathBuf,
    started: bool,
}

impl Walk {
    pub(crate) fn new(root: &Path) -> Walk {
        Walk {
            stack: Vec::new(),
            root: root.to_path_buf(),
            started: false,
        }
    }

    fn read(dir: &Path) -> Result<Vec<fs::DirEntry>, MediaError> {
        let mut entries = fs::read_dir(dir)
            .and_then(|d| d.collect::<Result<Vec<_>, _>>())
            .map_err(|e| MediaError::io(format!("прочитать каталог {}", dir.display()), e))?;
        entries.sort_by_key(|e| std::cmp::Reverse(e.file_name()));
        Ok(entries)
    }
}

impl Iterator for Walk {
    type Item = Result<crate::blobs::Listed, MediaError>;

    fn next(&mut self) -> Option<Self::Item> {
        if !self.started {
            self.started = true;
            if !self.root.is_dir() {
                return None;
            }
            match Self::read(&self.root) {
                Ok(entries) => self.stack.push((entries, String::new())),
                Err(e) => return Some(Err(e)),
            }
        }
        loop {
            let (entries, rel) = self.stack.last_mut()?;
            let Some(entry) = entries.pop() else {
                self.stack.pop();
                continue;
            };
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(TMP_PREFIX) {
                continue;
            }
            let child = if rel.is_empty() {
                name
            } else {
                format!("{rel}/{name}")
            };
            let io_err = |e| MediaError::io(format!("прочитать {}", entry.path().display()), e);
            let meta = match entry.metadata() {
                Ok(meta) => meta,
                // Removed (a withdrawal) since the directory was read.
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Some(Err(io_err(e))),
            };
            if meta.is_dir() {
                match Self::read(&entry.path()) {
                    Ok(entries) => self.stack.push((entries, child)),
                    Err(e) => return Some(Err(e)),
                }
            } else if meta.is_file() {
                return Some(Ok(crate::blobs::Listed::new(child, meta.len())));
            }
        }
    }
}

/// Makes a directory's entries durable (Unix; elsewhere a rename is not made durable this way).
fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Checks and hashes the file at `path` while copying it into `tmp`: the type by content, the
/// size limit while streaming (memory use does not depend on file size), UTF-8 for text. Both
/// blob stores stage a file this way before it gets its name.
pub(crate) fn stage_file(
    limits: &Limits,
    mut tmp: NamedTempFile,
    path: &Path,
    declared_name: Option<&str>,
) -> Result<(NamedTempFile, StoredBlob), MediaError> {
    let own_name = path.file_name().map(|n| n.to_string_lossy());
    let declared_name = declared_name.or(own_name.as_deref());
    let shown = || display_name(declared_name.unwrap_or_default()).to_owned();
    let read_err = |e| MediaError::io(format!("прочитать файл «{}»", shown()), e);

    let mut src = File::open(path).map_err(read_err)?;
    let mut head = Vec::with_capacity(HEAD_LEN);
    (&mut src)
        .take(HEAD_LEN as u64)
        .read_to_end(&mut head)
        .map_err(read_err)?;
    let media_type = identify(&head, declared_name)?;
    let limit = limits.for_class(media_type.class);
    // The metadata size gives an exact figure for the message and avoids copying a file that
    // is obviously too big; the count while streaming stays authoritative (the file may grow,
    // or be a pipe).
    if let Ok(meta) = src.metadata()
        && meta.is_file()
    {
        check_size(limits, meta.len(), true, media_type.class)?;
    }

    let mut hasher = Sha256::new();
    let mut size: u64 = 0;
    let is_text = media_type.class == MediaClass::Text;
    // Bytes of a UTF-8 character cut off at a chunk boundary, re-checked with the next chunk.
    let mut text_carry: Vec<u8> = Vec::new();
    let mut buf = vec![0u8; CHUNK];
    let mut chunk: &[u8] = &head;
    loop {
        if chunk.is_empty() {
            let n = read_some(&mut src, &mut buf).map_err(read_err)?;
            if n == 0 {
                break;
            }
            chunk = &buf[..n];
        }
        size += chunk.len() as u64;
        if size > limit {
            return Err(MediaError::TooLarge {
                size,
                exact: false,
                limit,
                class: media_type.class,
            });
        }
        if is_text {
            let start = size - chunk.len() as u64 - text_carry.len() as u64;
            text_carry.extend_from_slice(chunk);
            let valid = check_text(&text_carry, true)
                .map_err(|offset| not_utf8(declared_name, start + offset as u64))?;
            text_carry.drain(..valid);
        }
        hasher.update(chunk);
        tmp.write_all(chunk)
            .map_err(|e| MediaError::io("записать временный файл", e))?;
        chunk = &[];
    }
    if !text_carry.is_empty() {
        // The file ended in the middle of a multi-byte character.
        return Err(not_utf8(declared_name, size - text_carry.len() as u64));
    }
    let sha256 = hex::encode(hasher.finalize());
    Ok((
        tmp,
        StoredBlob {
            sha256,
            size,
            media_type,
        },
    ))
}

pub(crate) fn check_size(
    limits: &Limits,
    size: u64,
    exact: bool,
    class: MediaClass,
) -> Result<(), MediaError> {
    let limit = limits.for_class(class);
    if size > limit {
        return Err(MediaError::TooLarge {
            size,
            exact,
            limit,
            class,
        });
    }
    Ok(())
}

pub(crate) fn not_utf8(declared_name: Option<&str>, offset: u64) -> MediaError {
    MediaError::NotUtf8 {
        name: display_name(declared_name.unwrap_or_default()).to_owned(),
        offset,
    }
}

/// Reads into `buf`, retrying on `Interrupted`; 0 means end of file.
fn read_some(src: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match src.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

pub(crate) fn normalize_hash(value: &str) -> Result<String, MediaError> {
    if value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(value.to_ascii_lowercase());
    }
    // The value may be hostile or huge; echo only a bounded prefix.
    let shown: String = value.chars().take(80).collect();
    Err(MediaError::BadHash { value: shown })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01";
    const PDF: &[u8] = b"%PDF-1.4\n%fake\n";

    fn store(limits: Limits) -> (tempfile::TempDir, BlobStore) {
        let dir = tempfile::tempdir().unwrap();
        let store = BlobStore::open(dir.path().join("blobs"), limits).unwrap();
        (dir, store)
    }

    /// All regular files under `dir`, recursively.
    fn files(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for entry in fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(files(&path));
            } else {
                out.push(path);
            }
        }
        out
    }

    #[test]
    fn stores_once_by_content_hash_in_fan_out_layout() {
        let (_dir, store) = store(Limits::default());
        let a = store.put_bytes(PNG, Some("a.png")).unwrap();
        let b = store.put_bytes(PNG, Some("копия.png")).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.sha256, hex::encode(Sha256::digest(PNG)));
        assert_eq!(a.size, PNG.len() as u64);
        assert_eq!(a.media_type, MediaType::PNG);
        let expected = store
            .root()
            .join(&a.sha256[..2])
            .join(&a.sha256[2..4])
            .join(&a.sha256);
        assert_eq!(store.path_of(&a.sha256).unwrap(), expected);
        assert_eq!(files(store.root()), vec![expected]);
        assert!(store.contains(&a.sha256));
        let mut back = Vec::new();
        store
            .open_read(&a.sha256)
            .unwrap()
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, PNG);
    }

    #[test]
    fn put_file_streams_and_matches_put_bytes() {
        let (dir, store) = store(Limits::default());
        // Larger than the head and several chunks, so the streaming loop really runs.
        let mut pdf = PDF.to_vec();
        pdf.extend((0..300_000u32).map(|i| (i % 251) as u8));
        let path = dir.path().join("scan.pdf");
        fs::write(&path, &pdf).unwrap();
        let from_file = store.put_file(&path, None).unwrap();
        assert_eq!(from_file.sha256, hex::encode(Sha256::digest(&pdf)));
        assert_eq!(from_file.size, pdf.len() as u64);
        assert_eq!(store.put_bytes(&pdf, None).unwrap(), from_file);
        assert_eq!(files(store.root()).len(), 1);
    }

    #[test]
    fn put_file_uses_own_name_to_catch_mismatch() {
        let (dir, store) = store(Limits::default());
        let path = dir.path().join("photo.jpg");
        fs::write(&path, PDF).unwrap();
        let err = store.put_file(&path, None).unwrap_err();
        assert_eq!(err.code(), "type_mismatch");
        assert!(err.to_string().contains("«photo.jpg»"));
        // A declared name overrides the on-disk (e.g. random upload temp) name.
        assert!(store.put_file(&path, Some("akt.pdf")).is_ok());
    }

    #[test]
    fn size_limit_is_enforced_for_bytes_and_files_without_leftovers() {
        let limits = Limits {
            image: 100,
            ..Limits::default()
        };
        let (dir, store) = store(limits);
        let mut png = PNG.to_vec();
        png.resize(101, 0);
        let err = store.put_bytes(&png, None).unwrap_err();
        assert_eq!(err.code(), "too_large");
        assert!(
            err.to_string()
                .contains("101 Б при пределе 100 Б для изображений"),
            "{err}"
        );
        let path = dir.path().join("big.png");
        fs::write(&path, &png).unwrap();
        assert_eq!(store.put_file(&path, None).unwrap_err().code(), "too_large");
        assert!(files(store.root()).is_empty());
        // Exactly at the limit is fine.
        png.truncate(100);
        assert!(store.put_bytes(&png, None).is_ok());
    }

    #[test]
    fn streaming_limit_stops_a_growing_source() {
        // A pipe-like source has no useful metadata size; only the streaming count can stop it.
        let limits = Limits {
            document: 200_000,
            ..Limits::default()
        };
        let (dir, store) = store(limits);
        let fifo = dir.path().join("stream.pdf");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !status.is_ok_and(|s| s.success()) {
            return; // No mkfifo on this system; the metadata path is covered elsewhere.
        }
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || {
                let mut f = fs::OpenOptions::new().write(true).open(fifo).unwrap();
                let _ = f.write_all(PDF);
                let _ = f.write_all(&vec![7u8; 500_000]);
            })
        };
        let err = store.put_file(&fifo, None).unwrap_err();
        assert_eq!(err.code(), "too_large");
        assert!(err.to_string().contains("более"), "{err}");
        drop(writer.join());
        assert!(files(store.root()).is_empty());
    }

    #[test]
    fn empty_input_is_refused() {
        let (dir, store) = store(Limits::default());
        assert_eq!(
            store.put_bytes(b"", Some("a.png")).unwrap_err().code(),
            "empty"
        );
        let path = dir.path().join("empty.png");
        fs::write(&path, b"").unwrap();
        let err = store.put_file(&path, None).unwrap_err();
        assert_eq!(err.code(), "empty");
        assert_eq!(err.to_string(), "Пустой файл. Выберите файл с содержимым.");
    }

    #[test]
    fn path_like_declared_names_are_never_used_as_paths() {
        let (dir, store) = store(Limits::default());
        let blob = store
            .put_bytes(PNG, Some("../../../outside/evil.png"))
            .unwrap();
        assert!(
            store
                .path_of(&blob.sha256)
                .unwrap()
                .starts_with(store.root())
        );
        assert!(!dir.path().join("outside").exists());
        assert!(store.put_bytes(PDF, Some("../../etc/passwd")).is_ok());
    }

    #[test]
    fn hashes_are_validated() {
        let (_dir, store) = store(Limits::default());
        for bad in [
            "../../etc/passwd",
            "",
            "ab",
            &"g".repeat(64),
            &"a".repeat(65),
        ] {
            assert_eq!(store.path_of(bad).unwrap_err().code(), "bad_hash", "{bad}");
            assert!(!store.contains(bad));
            assert_eq!(store.open_read(bad).unwrap_err().code(), "bad_hash");
        }
        let upper = "AB".repeat(32);
        let path = store.path_of(&upper).unwrap();
        assert!(path.ends_with(format!("ab/ab/{}", "ab".repeat(32))));
        assert_eq!(store.open_read(&upper).unwrap_err().code(), "not_found");
    }

    #[test]
    fn unwritable_data_directory_is_reported_clearly() {
        let dir = tempfile::tempdir().unwrap();
        // A regular file where the directory should be fails even for root, unlike chmod.
        let blocker = dir.path().join("data");
        fs::write(&blocker, b"not a directory").unwrap();
        let err = BlobStore::open(blocker.join("blobs"), Limits::default()).unwrap_err();
        assert_eq!(err.code(), "not_writable");
        let text = err.to_string();
        assert!(text.starts_with("Каталог данных "), "{text}");
        assert!(text.contains("недоступен для записи"), "{text}");
    }

    #[test]
    fn text_is_checked_to_the_end_while_streaming() {
        let (dir, store) = store(Limits::default());
        let mut text = "Воспоминания. ".repeat(20_000).into_bytes();
        let bad_at = text.len() - 1; // the trailing ASCII space
        text[bad_at] = 0xFF;
        let path = dir.path().join("memoir.txt");
        fs::write(&path, &text).unwrap();
        match store.put_file(&path, None).unwrap_err() {
            MediaError::NotUtf8 { name, offset } => {
                assert_eq!(name, "memoir.txt");
                assert_eq!(offset, bad_at as u64);
            }
            other => panic!("unexpected {other}"),
        }
        assert_eq!(
            store
                .put_bytes(&text, Some("memoir.txt"))
                .unwrap_err()
                .code(),
            "bad_encoding"
        );
        // Cyrillic cut at every chunk boundary must still pass when the text is valid.
        let good = "Ж".repeat(200_000);
        fs::write(&path, &good).unwrap();
        let blob = store.put_file(&path, None).unwrap();
        assert_eq!(blob.media_type, MediaType::TEXT);
        assert_eq!(blob.size, good.len() as u64);
    }

    #[test]
    fn stale_temp_files_are_swept_on_open() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("blobs");
        fs::create_dir_all(&root).unwrap();
        let stale = root.join(format!("{TMP_PREFIX}crashed"));
        let fresh = root.join(format!("{TMP_PREFIX}uploading"));
        fs::write(&stale, b"x").unwrap();
        fs::write(&fresh, b"x").unwrap();
        let old = SystemTime::now() - STALE_TMP_AGE - Duration::from_secs(60);
        File::options()
            .write(true)
            .open(&stale)
            .unwrap()
            .set_modified(old)
            .unwrap();
        BlobStore::open(&root, Limits::default()).unwrap();
        assert!(!stale.exists());
        assert!(fresh.exists());
    }
}
