//! The index on disk (`<data>/search/`), opened or, when missing, damaged or written by another
//! schema version, made anew and marked for a rebuild.

use crate::analysis;
use crate::error::SearchError;
use crate::gazetteer::Gazetteer;
use crate::schema::{self, Fields, SCHEMA_VERSION};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, RwLock};
use tantivy::directory::MmapDirectory;
use tantivy::{Index, IndexReader, ReloadPolicy};

/// Written next to the index: which schema the index was built with.
const VERSION_FILE: &str = "letopis-search.json";
/// `indexed_seq` before the first commit of a (re)build: nothing is searchable yet.
pub const NOT_READY: i64 = -1;

#[derive(Serialize, Deserialize)]
struct VersionFile {
    schema: u32,
}

/// What the commit payload records: how far along the change feed the index is.
#[derive(Serialize, Deserialize)]
pub(crate) struct Payload {
    pub seq: i64,
    /// Set on the commits a full build makes on its way (so searches see it progress): such an
    /// index holds only part of the base under the position the build started from, and
    /// following the feed from there would never add the rest. Found on opening, it means the
    /// build was interrupted (a crash, a kill, a power cut) and is started again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub building: bool,
}

/// The search index, shared by the web handlers (reading) and the indexer (writing).
pub struct SearchIndex {
    pub(crate) dir: PathBuf,
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    pub(crate) f: Fields,
    /// The change-feed position the searchable index reflects. Stored only after the reader
    /// has been reloaded on the commit, so a searcher taken after reading it is never older.
    pub(crate) indexed_seq: AtomicI64,
    pub(crate) gazetteer: RwLock<Arc<Gazetteer>>,
}

/// Why an index was made anew.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rebuild {
    /// There was none.
    Missing,
    /// It could not be read (the reason is logged).
    Damaged(String),
    /// It was written by another version of the schema.
    Outdated,
}

impl SearchIndex {
    /// Opens the index in `dir`, or makes an empty one there; the second value says why a
    /// rebuild from the base is needed.
    pub fn open(dir: &Path) -> Result<(Arc<SearchIndex>, Option<Rebuild>), SearchError> {
        match Self::open_existing(dir) {
            Ok(Some(index)) => Ok((Arc::new(index), None)),
            Ok(None) => Ok((Self::create(dir)?, Some(Rebuild::Outdated))),
            Err(why) => {
                let rebuild = if dir.join("meta.json").exists() {
                    tracing::warn!(dir = %dir.display(), "search index damaged ({why}); rebuilding");
                    Rebuild::Damaged(why)
                } else {
                    Rebuild::Missing
                };
                Ok((Self::create(dir)?, Some(rebuild)))
            }
        }
    }

    /// Whether another process holds the index's writer (a running portal): a command must then
    /// leave the index alone — not even make it anew while the portal's first build has not
    /// committed yet.
    pub fn writer_held(dir: &Path) -> bool {
        let Ok(directory) = MmapDirectory::open(dir) else {
            return false;
        };
        use tantivy::Directory;
        directory
            .acquire_lock(&tantivy::directory::INDEX_WRITER_LOCK)
            .is_err()
    }

    /// `Ok(None)`: readable but of another schema version.
    fn open_existing(dir: &Path) -> Result<Option<SearchIndex>, String> {
        // tantivy may panic on a file cut short rather than return an error; either way the
        // index is unusable and is rebuilt.
        std::panic::catch_unwind(|| Self::try_open_existing(dir))
            .unwrap_or_else(|_| Err("reading the index panicked".into()))
    }

    fn try_open_existing(dir: &Path) -> Result<Option<SearchIndex>, String> {
        let version: VersionFile = std::fs::read(dir.join(VERSION_FILE))
            .map_err(|e| e.to_string())
            .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))?;
        if version.schema != SCHEMA_VERSION {
            return Ok(None);
        }
        let index = Index::open_in_dir(dir).map_err(|e| e.to_string())?;
        let f = Fields::of(&index.schema()).ok_or("unknown schema")?;
        let payload = index
            .load_metas()
            .map_err(|e| e.to_string())?
            .payload
            .and_then(|p| serde_json::from_str::<Payload>(&p).ok())
            .ok_or("no committed position in the change feed")?;
        if payload.building {
            return Err("a full build was interrupted".into());
        }
        let seq = payload.seq;
        let opened = Self::wrap(dir, index, f, seq).map_err(|e| e.to_string())?;
        // Opening every segment now finds a damaged file before the first visitor does.
        let searcher = opened.reader.searcher();
        for segment in searcher.segment_readers() {
            segment
                .fast_fields()
                .u64("rid")
                .map_err(|e| e.to_string())?;
            segment
                .inverted_index(opened.f.body)
                .map_err(|e| e.to_string())?;
        }
        Ok(Some(opened))
    }

    /// Makes an empty index in `dir`, removing whatever was there.
    pub fn create(dir: &Path) -> Result<Arc<SearchIndex>, SearchError> {
        if dir.exists() {
            std::fs::remove_dir_all(dir)?;
        }
        std::fs::create_dir_all(dir)?;
        let (schema, f) = schema::build();
        let index = Index::create(
            MmapDirectory::open(dir).map_err(tantivy::TantivyError::from)?,
            schema,
            tantivy::IndexSettings::default(),
        )?;
        std::fs::write(
            dir.join(VERSION_FILE),
            serde_json::to_vec(&VersionFile {
                schema: SCHEMA_VERSION,
            })
            .map_err(std::io::Error::other)?,
        )?;
        Ok(Arc::new(Self::wrap(dir, index, f, NOT_READY)?))
    }

    fn wrap(dir: &Path, index: Index, f: Fields, seq: i64) -> Result<SearchIndex, SearchError> {
        analysis::register(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            // Decompressed blocks of stored fields kept per segment (tantivy's default is 100);
            // a search reads the stored fields of the twenty hits it shows, and one-hour
            // transcripts make the blocks large. Memory budget of issue #15.
            .doc_store_cache_num_blocks(20)
            .try_into()?;
        Ok(SearchIndex {
            dir: dir.to_path_buf(),
            index,
            reader,
            f,
            indexed_seq: AtomicI64::new(seq),
            gazetteer: RwLock::new(Arc::new(Gazetteer::default())),
        })
    }

    /// The change-feed position the index reflects; [`NOT_READY`] while the first build runs.
    pub fn indexed_seq(&self) -> i64 {
        self.indexed_seq.load(Ordering::Acquire)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub(crate) fn gazetteer(&self) -> Arc<Gazetteer> {
        self.gazetteer
            .read()
            .map(|g| g.clone())
            .unwrap_or_else(|poisoned| poisoned.into_inner().clone())
    }

    pub(crate) fn set_gazetteer(&self, gazetteer: Gazetteer) {
        let mut slot = self
            .gazetteer
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *slot = Arc::new(gazetteer);
    }

    /// Bytes the index takes on disk.
    pub fn size_on_disk(&self) -> u64 {
        std::fs::read_dir(&self.dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter_map(|e| e.metadata().ok())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    }

    /// How many documents (records and moments) are searchable.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }
}
