//! The data directory: where a museum lives on disk.
//!
//! ```text
//! DIR/letopis.toml   optional configuration
//! DIR/letopis.db     the SQLite base (with -wal and -shm beside it while open)
//! DIR/media/         original media files, named by their SHA-256 (or an S3 bucket: `media`)
//! DIR/staging/       files being checked before they go to an S3 bucket
//! ```

use crate::config::FileConfig;
use crate::engine::{DatabaseSpec, MediaSpec};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// Creates the directory if needed and proves it is writable, so that a wrong path or
    /// permissions fail here with one clear line instead of deep inside a write later.
    pub fn prepare(root: &Path) -> Result<DataDir> {
        std::fs::create_dir_all(root).with_context(|| {
            format!(
                "не удалось создать каталог данных {}; укажите другой каталог через --data",
                root.display()
            )
        })?;
        if !root.is_dir() {
            bail!(
                "{} — не каталог; укажите каталог данных через --data",
                root.display()
            );
        }
        let probe = root.join(".letopis-write-test");
        std::fs::write(&probe, b"ok").with_context(|| {
            format!(
                "каталог данных {} недоступен для записи; исправьте права или укажите другой каталог через --data",
                root.display()
            )
        })?;
        let _ = std::fs::remove_file(&probe);
        Ok(DataDir {
            root: root.to_path_buf(),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The search index: derived from the base, rebuilt when missing (`letopis reindex`).
    pub fn search(&self) -> PathBuf {
        self.root.join("search")
    }

    pub fn config_file(&self) -> PathBuf {
        self.root.join("letopis.toml")
    }
}

/// An existing museum's files where its configuration puts them. Finding them creates nothing:
/// `backup` and `verify` must not leave an empty base behind a mistyped `--data`.
pub struct Located {
    pub dir: DataDir,
    pub config: FileConfig,
    /// The SQLite base.
    pub db: PathBuf,
    /// Where the originals are.
    pub media: MediaSpec,
}

impl Located {
    pub fn find(args: &crate::cli::DataArgs) -> Result<Located> {
        let root = args.data.as_path();
        if !root.is_dir() {
            bail!(
                "каталог данных {} не найден; укажите его через --data",
                root.display()
            );
        }
        let dir = DataDir {
            root: root.to_path_buf(),
        };
        let config = args.config(&dir.config_file())?;
        let (db, media) = places(&config, root)?;
        if !db.is_file() {
            bail!(
                "в каталоге данных {} нет базы ({}); укажите каталог с базой через --data",
                root.display(),
                db.display()
            );
        }
        Ok(Located {
            dir,
            config,
            db,
            media,
        })
    }

    /// The originals, for reading: a local directory is neither created nor written to (it
    /// may be a read-only mount); an object store is proven reachable.
    pub fn blobs(&self) -> Result<std::sync::Arc<dyn letopis_media::Blobs>> {
        let limits = self.config.media.to_limits();
        match &self.media {
            MediaSpec::File(dir) => Ok(std::sync::Arc::new(letopis_media::BlobStore::at(
                dir, limits,
            ))),
            spec => crate::engine::open_blobs(spec, limits, self.dir.root()),
        }
    }
}

/// The base and the originals `config` names for a data directory at `root`.
pub fn places(config: &FileConfig, root: &Path) -> Result<(PathBuf, MediaSpec)> {
    let DatabaseSpec::Sqlite(db) = config.database(root)?;
    Ok((db, config.media_spec(root)?))
}
