//! The files under a directory (a bag's payload, with its originals laid out by content,
//! `media/ab/cd/<sha256>`), walked one directory at a time: a million files are never listed
//! in memory at once. The blob store lists its own (`letopis_media::Blobs::list`).

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

/// The prefix of the blob store's files still being written (`letopis_media`'s temp files).
const INCOMING: &str = ".incoming-";

/// One file of the directory.
pub struct BlobFile {
    pub path: PathBuf,
    /// The path under the directory, with `/` between names.
    pub rel: String,
}

/// Calls `each` for every file under `root` (none when there is no such directory), in name
/// order, leaving out uploads still being written.
pub fn walk(root: &Path, each: &mut dyn FnMut(BlobFile) -> Result<()>) -> Result<()> {
    if !root.is_dir() {
        return Ok(());
    }
    walk_dir(root, "", each)
}

fn walk_dir(dir: &Path, rel: &str, each: &mut dyn FnMut(BlobFile) -> Result<()>) -> Result<()> {
    let read = |e| {
        anyhow::Error::from(e).context(format!("не удалось прочитать каталог {}", dir.display()))
    };
    let mut entries = std::fs::read_dir(dir)
        .map_err(read)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(read)?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(INCOMING) {
            continue;
        }
        let child = if rel.is_empty() {
            name.clone()
        } else {
            format!("{rel}/{name}")
        };
        let kind = entry
            .file_type()
            .with_context(|| format!("не удалось прочитать {}", entry.path().display()))?;
        if kind.is_dir() {
            walk_dir(&entry.path(), &child, each)?;
        } else if kind.is_file() {
            each(BlobFile {
                path: entry.path(),
                rel: child,
            })?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_walked_in_name_order_without_uploads_in_flight() {
        let dir = tempfile::tempdir().expect("temp dir");
        let sha = "ab".repeat(32);
        let root = dir.path();
        std::fs::create_dir_all(root.join("ab/ab")).expect("mkdir");
        std::fs::write(root.join("ab/ab").join(&sha), b"x").expect("write");
        std::fs::write(root.join("ab").join(&sha), b"x").expect("write");
        std::fs::write(root.join(".incoming-123"), b"x").expect("write");
        let mut seen = Vec::new();
        walk(root, &mut |f| {
            seen.push(f.rel);
            Ok(())
        })
        .expect("walk");
        assert_eq!(seen, vec![format!("ab/ab/{sha}"), format!("ab/{sha}")]);
        walk(&root.join("none"), &mut |_| panic!("nothing there")).expect("no directory");
    }
}
