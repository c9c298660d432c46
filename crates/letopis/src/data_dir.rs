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
    /// The base.
    pub database: DatabaseSpec,
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
        let database = config.database(root)?;
        let media = config.media_spec(root)?;
        if let DatabaseSpec::Sqlite(db) = &database
            && !db.is_file()
        {
            bail!(
                "в каталоге данных {} нет базы ({}); укажите каталог с базой через --data",
                root.display(),
                db.display()
            );
        }
        Ok(Located {
            dir,
            config,
            database,
            media,
        })
    }

    /// The SQLite file, for a command that copies the file itself (`what` says which); a
    /// PostgreSQL base is refused with what to do instead.
    pub fn sqlite_file(&self, what: &str) -> Result<&Path> {
        match &self.database {
            DatabaseSpec::Sqlite(db) => Ok(db),
            DatabaseSpec::Postgres(url) => bail!(
                "{what}: база этого портала в PostgreSQL ({}), а {what} работает с файлом SQLite. Копию базы PostgreSQL снимают её средствами (pg_dump, непрерывное архивирование WAL), или переносят базу в SQLite: letopis migrate --from {} --to sqlite:КАТАЛОГ",
                crate::engine::hide_password(url),
                crate::engine::hide_password(url)
            ),
        }
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

/// The SQLite base and the originals `config` names for a data directory at `root`; `what`
/// (a command that copies the file) refuses a PostgreSQL base, saying what to do instead.
pub fn places(config: &FileConfig, root: &Path, what: &str) -> Result<(PathBuf, MediaSpec)> {
    match config.database(root)? {
        DatabaseSpec::Sqlite(db) => Ok((db, config.media_spec(root)?)),
        DatabaseSpec::Postgres(url) => bail!(
            "{what}: в настройках указана база PostgreSQL ({}); {what} восстанавливает файл SQLite. Восстановите базу в SQLite и перенесите её: letopis migrate --from sqlite:КАТАЛОГ --to {}",
            crate::engine::hide_password(&url),
            crate::engine::hide_password(&url)
        ),
    }
}
