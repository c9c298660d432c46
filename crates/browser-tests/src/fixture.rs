//! The museum the browser tests look at: the demo museum (`letopis_demo::generate`), which
//! doubles as the fixture generator, and where each public page type can be seen in it.
//!
//! Generating takes tens of seconds in a debug build, so the base is generated once and cached
//! under `target/<profile>/browser-fixture/`, keyed by a hash of the sources that write and read
//! it (crates core, store, media, demo and Cargo.lock): a change to any of them gives a fresh
//! base, a change to the pages does not. A file lock makes
//! parallel test processes (cargo-nextest) wait for one generator instead of racing. Sites open
//! the cached base; tests must not write to it.

use anyhow::{Context, Result, anyhow};
use letopis_core::{Kind, Viewer};
use letopis_demo::{DemoOptions, generate};
use letopis_media::{BlobStore, Limits};
use letopis_store::sqlite::SqliteStore;
use letopis_store::{Accounts, ListQuery, Store};
use serde::{Deserialize, Serialize};
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The demo museum's size for browser tests: the generator's minimum.
pub const PERSONS: usize = 100;
pub const SEED: u64 = 1941;

/// A kind of public page. Every audit runs once per page type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageType {
    Home,
    List,
    Record(Kind),
    Search,
    /// «Книга памяти».
    MemoryBook,
    /// «Рассказать о герое»: the start of a resident's story (issue #7).
    Contribute,
    /// A school's request for an excursion to the exhibition hall (issue #17).
    Excursion,
    /// Published lesson kits (issue #17).
    Lessons,
    /// One kit, its presentation mode, its printable worksheet.
    Lesson,
    Presentation,
    Worksheet,
    /// A class link: the kit in school mode.
    ClassLink,
    /// A tour of the hall played on a kiosk, and the hall's screen waiting for a guide.
    Tour,
    PairScreen,
    /// A hero and a voice in another site's iframe (issue #18).
    EmbedRecord,
    EmbedVoice,
    /// Micro-districts (issue #18): all of them, and one.
    Districts,
    District,
    /// The current conference: call, programme, proceedings.
    Conference,
    /// The form that takes a paper.
    ConferenceSubmit,
    /// The API, OAI-PMH and IIIF for programmers (issue #19).
    Developers,
    NotFound,
}

impl PageType {
    /// Every public page type that exists today, home first.
    pub fn all() -> Vec<PageType> {
        let mut all = vec![PageType::Home, PageType::List];
        all.extend(Kind::ALL.into_iter().map(PageType::Record));
        all.push(PageType::Search);
        all.push(PageType::MemoryBook);
        all.push(PageType::Contribute);
        all.push(PageType::Excursion);
        all.extend([
            PageType::Lessons,
            PageType::Lesson,
            PageType::Presentation,
            PageType::Worksheet,
            PageType::ClassLink,
            PageType::Tour,
            PageType::PairScreen,
        ]);
        all.extend([PageType::EmbedRecord, PageType::EmbedVoice]);
        all.extend([PageType::Districts, PageType::District]);
        all.extend([PageType::Conference, PageType::ConferenceSubmit]);
        all.push(PageType::Developers);
        all.push(PageType::NotFound);
        all
    }

    pub fn name(self) -> &'static str {
        match self {
            PageType::Home => "home",
            PageType::List => "list",
            PageType::Record(kind) => kind.code(),
            PageType::Search => "search",
            PageType::MemoryBook => "memory-book",
            PageType::Contribute => "contribute",
            PageType::Excursion => "excursion",
            PageType::Lessons => "lessons",
            PageType::Lesson => "lesson",
            PageType::Presentation => "presentation",
            PageType::Worksheet => "worksheet",
            PageType::ClassLink => "class-link",
            PageType::Tour => "tour",
            PageType::PairScreen => "pair-screen",
            PageType::EmbedRecord => "embed-record",
            PageType::EmbedVoice => "embed-voice",
            PageType::Districts => "districts",
            PageType::District => "district",
            PageType::Conference => "conference",
            PageType::ConferenceSubmit => "conference-submit",
            PageType::Developers => "developers",
            PageType::NotFound => "404",
        }
    }
}

/// Where each page type can be seen in the demo museum.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pages {
    /// (kind code, path) of the fullest public record of each kind.
    records: Vec<(String, String)>,
    /// The demo's first published lesson kit and tour (slugs), and a class link's code.
    #[serde(default)]
    lesson: String,
    #[serde(default)]
    tour: String,
    #[serde(default)]
    class_code: String,
}

impl Pages {
    /// The path (with a leading slash) of a page of this type.
    pub fn path(&self, page: PageType) -> String {
        match page {
            PageType::Home => "/".into(),
            PageType::List => "/persons".into(),
            PageType::NotFound => "/persons/net-takoy-zapisi".into(),
            PageType::MemoryBook => "/memory-book".into(),
            PageType::Contribute => "/contribute".into(),
            PageType::Excursion => "/excursions".into(),
            PageType::Lessons => "/lessons".into(),
            PageType::Lesson => format!("/lessons/{}", self.lesson),
            PageType::Presentation => format!("/lessons/{}/present", self.lesson),
            PageType::Worksheet => format!("/lessons/{}/worksheet", self.lesson),
            PageType::ClassLink => format!("/class/{}", self.class_code),
            PageType::Tour => format!("/tours/{}", self.tour),
            PageType::PairScreen => "/kiosk/pair".into(),
            PageType::EmbedRecord => format!("/embed{}", self.path(PageType::Record(Kind::Person))),
            PageType::EmbedVoice => {
                format!("/embed{}", self.path(PageType::Record(Kind::Interview)))
            }
            PageType::Districts => "/districts".into(),
            PageType::Conference => "/conference".into(),
            PageType::ConferenceSubmit => "/conference/submit".into(),
            PageType::Developers => "/developers".into(),
            // The demo's fullest micro-district: places, people, voices, venues.
            PageType::District => "/districts/skhodnya".into(),
            // A query with a place, a year and transcript words: facets, notes, moments.
            PageType::Search => "/search?q=%D0%A1%D1%85%D0%BE%D0%B4%D0%BD%D1%8F+1941".into(),
            PageType::Record(kind) => self
                .records
                .iter()
                .find(|(k, _)| k == kind.code())
                .map(|(_, path)| path.clone())
                // A kind the demo has no public record of: its 404 shows up in the tests.
                .unwrap_or_else(|| format!("/{}/no-public-record", kind.plural())),
        }
    }

    /// Every page type with its path.
    pub fn all(&self) -> Vec<(PageType, String)> {
        PageType::all()
            .into_iter()
            .map(|p| (p, self.path(p)))
            .collect()
    }
}

/// A generated demo museum on disk.
#[derive(Debug)]
pub struct DemoBase {
    pub database: PathBuf,
    pub media_root: PathBuf,
    /// The demo's base maps (`letopis_demo::basemap`), today's and 1941's.
    pub map_dir: PathBuf,
    pub pages: Pages,
}

/// The demo museum of this test binary, generated on first use.
pub fn demo_base() -> Result<&'static DemoBase> {
    static BASE: OnceLock<std::result::Result<DemoBase, String>> = OnceLock::new();
    BASE.get_or_init(|| cached_base().map_err(|e| format!("{e:#}")))
        .as_ref()
        .map_err(|e| anyhow!("the demo museum for browser tests could not be made: {e}"))
}

/// The crates whose code decides what the cached base holds.
const BASE_SOURCES: [&str; 5] = [
    "crates/core",
    "crates/store",
    "crates/media",
    "crates/demo",
    "crates/browser-tests/src",
];

fn cache_dir() -> Result<(PathBuf, String)> {
    let exe = std::env::current_exe().context("finding the test binary")?;
    // target/<profile>/deps/<binary> → target/<profile>/browser-fixture
    let root = exe
        .parent()
        .and_then(Path::parent)
        .map(|p| p.join("browser-fixture"))
        .unwrap_or_else(|| std::env::temp_dir().join("letopis-browser-fixture"));
    let workspace = crate::tools::workspace_root();
    let mut hasher = std::hash::DefaultHasher::new();
    hash_file(&workspace.join("Cargo.lock"), &mut hasher);
    for dir in BASE_SOURCES {
        hash_tree(&workspace.join(dir), &mut hasher);
    }
    let key = format!("demo-{:016x}-{PERSONS}-{SEED}", hasher.finish());
    Ok((root, key))
}

fn hash_tree(dir: &Path, hasher: &mut std::hash::DefaultHasher) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            hash_tree(&path, hasher);
        } else {
            hash_file(&path, hasher);
        }
    }
}

fn hash_file(path: &Path, hasher: &mut std::hash::DefaultHasher) {
    use std::hash::Hash;
    path.hash(hasher);
    std::fs::read(path).unwrap_or_default().hash(hasher);
}

fn cached_base() -> Result<DemoBase> {
    let (root, key) = cache_dir()?;
    std::fs::create_dir_all(&root).with_context(|| format!("creating {}", root.display()))?;
    let _lock = FileLock::acquire(&root.join(".lock"))?;
    let dir = root.join(&key);
    let base = DemoBase {
        database: dir.join("letopis.db"),
        media_root: dir.join("media"),
        map_dir: dir.join("map"),
        pages: Pages {
            records: Vec::new(),
            lesson: String::new(),
            tour: String::new(),
            class_code: String::new(),
        },
    };
    let pages_file = dir.join("pages.json");
    if let Ok(text) = std::fs::read_to_string(&pages_file) {
        let pages = serde_json::from_str(&text).context("reading the cached page list")?;
        return Ok(DemoBase { pages, ..base });
    }
    remove_stale(&root, &key);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let store = SqliteStore::open(&base.database).context("creating the demo database")?;
    let blobs = BlobStore::open(&base.media_root, Limits::default()).context("opening media")?;
    let today = letopis_core::today();
    let options = DemoOptions {
        persons: PERSONS,
        seed: SEED,
    };
    generate(&store, &store, &blobs, &options, today)
        .map_err(|e| anyhow!("generating the demo museum: {e:?}"))?;
    letopis_demo::basemap::write(&base.map_dir).context("drawing the demo's base maps")?;
    // The demo's teacher and her kits, as `letopis demo` adds them, and a class link.
    letopis_demo::add_working_groups(&store).map_err(|e| anyhow!("demo staff: {e:?}"))?;
    letopis_demo::add_lesson_kits(&store, &store, today)
        .map_err(|e| anyhow!("demo lesson kits: {e:?}"))?;
    letopis_demo::add_venues(&store, today).map_err(|e| anyhow!("demo venues: {e:?}"))?;
    letopis_demo::add_conference(&store, &store, &blobs, today)
        .map_err(|e| anyhow!("demo conference: {e:?}"))?;
    let mut pages = find_pages(&store, today)?;
    let kits = store.kits_in(&[letopis_core::lesson::KitState::Published])?;
    let first = |purpose| {
        kits.iter()
            .find(|k| k.kit.purpose == purpose)
            .map(|k| (k.id, k.slug.clone()))
            .context("the demo has a published lesson and a tour")
    };
    let (lesson_id, lesson) = first(letopis_core::lesson::Purpose::Lesson)?;
    pages.lesson = lesson;
    pages.tour = first(letopis_core::lesson::Purpose::Tour)?.1;
    pages.class_code = "DEMA23".into();
    store.create_class_link(&letopis_store::lessons::ClassLink {
        code: pages.class_code.clone(),
        kit: lesson_id,
        max_age: 12,
        expires_on: today.saturating_add(jiff::Span::new().days(3650)),
        created_by: None,
        created_at: jiff::Timestamp::now(),
    })?;
    // Written last: its presence means the base is complete.
    std::fs::write(&pages_file, serde_json::to_string_pretty(&pages)?)?;
    Ok(DemoBase { pages, ..base })
}

/// Removes bases made by older builds of the same test binary.
fn remove_stale(root: &Path, key: &str) {
    let prefix = "demo";
    for entry in std::fs::read_dir(root).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(&format!("{prefix}-")) && name != key {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// The fullest public record of each kind (by the size of its body), so every section of the
/// page type has something to show.
fn find_pages(store: &dyn Store, today: jiff::civil::Date) -> Result<Pages> {
    let anonymous = Viewer::anonymous().filter(today);
    let mut records = Vec::new();
    for kind in Kind::ALL {
        let query = ListQuery {
            limit: 200,
            ..ListQuery::new(kind)
        };
        let page = store.list(&query, &anonymous)?;
        let fullest = page.items.iter().max_by_key(|r| {
            serde_json::to_string(&r.record.body)
                .map(|s| s.len())
                .unwrap_or(0)
        });
        if let Some(r) = fullest {
            records.push((
                kind.code().to_owned(),
                format!("/{}/{}", kind.plural(), r.record.meta.slug),
            ));
        }
    }
    Ok(Pages {
        records,
        lesson: String::new(),
        tour: String::new(),
        class_code: String::new(),
    })
}

/// An exclusive flock(2) on a file, released when dropped (or when the process dies).
struct FileLock(std::fs::File);

impl FileLock {
    fn acquire(path: &Path) -> Result<FileLock> {
        use std::os::fd::AsRawFd;
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .with_context(|| format!("opening {}", path.display()))?;
        // SAFETY: flock on a file descriptor we own.
        let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) };
        if rc != 0 {
            return Err(std::io::Error::last_os_error())
                .with_context(|| format!("locking {}", path.display()));
        }
        Ok(FileLock(file))
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        use std::os::fd::AsRawFd;
        // SAFETY: unlocking a descriptor we own.
        unsafe {
            libc::flock(self.0.as_raw_fd(), libc::LOCK_UN);
        }
    }
}
