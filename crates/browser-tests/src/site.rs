//! The real Letopis server, in-process on 127.0.0.1:0, over the demo museum (see [`fixture`]),
//! on the deployment `LETOPIS_TEST_DEPLOYMENT` names (see [`deployment`]).
//!
//! The server gets its own thread and runtime so that a test blocking its own runtime (a JVM
//! started with `std::process`, a slow WebDriver call) never stalls the pages the browser loads.

use crate::deployment::{self, Deployment, TestStore};
use crate::fixture::{self, PageType, Pages};
use anyhow::{Context, Result, anyhow};
use letopis_media::Blobs;
use letopis_media::s3::S3Location;
use letopis_store::sqlite::SqliteStore;
use letopis_web::{App, AppConfig};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;
use tokio::sync::oneshot;

pub struct Site {
    /// `http://127.0.0.1:<port>`, no trailing slash.
    pub base: String,
    pub pages: Pages,
    /// The site's base, whichever the engine ([`Site::deployment`]).
    pub store: Arc<dyn TestStore>,
    /// What the base and the originals are kept in (`LETOPIS_TEST_DEPLOYMENT`).
    pub deployment: Deployment,
    /// The URL of the site's own PostgreSQL database; `None` on SQLite.
    database_url: Option<String>,
    /// Where the site's originals are in the object store; `None` with a local directory.
    media_location: Option<S3Location>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
    /// The studio site's search follower; declared first of the two so it stops before the
    /// directory goes.
    _follower: Option<letopis_search::Follower>,
    /// The search index is built anew for each site, in its own temporary directory (for a
    /// studio site, the whole private museum lives there, and on PostgreSQL + S3 the object
    /// store's staging directory).
    _search: tempfile::TempDir,
}

/// A site's base, opened.
struct Base {
    store: Arc<dyn TestStore>,
    /// The PostgreSQL database's URL.
    url: Option<String>,
}

/// A site's originals: a local directory, or an object store (then `root` is a directory
/// nothing is read from).
struct Media {
    root: PathBuf,
    blobs: Option<(Arc<dyn Blobs>, S3Location)>,
}

fn build_index(store: &dyn TestStore, dir: &Path) -> Result<Arc<letopis_search::SearchIndex>> {
    let (index, _) = letopis_search::SearchIndex::open(&dir.join("search"))
        .context("opening the search index")?;
    letopis_search::Indexer::new(index.clone(), store)
        .and_then(|mut indexer| indexer.rebuild(store))
        .context("building the search index")?;
    Ok(index)
}

/// Copies an SQLite database with its write-ahead log: until the last connection closes, the
/// newest writes (the end of the demo's generation) live only in the `-wal` file, and a copy of
/// the main file alone would be an older museum.
fn copy_database(from: &Path, to: &Path) -> Result<()> {
    std::fs::copy(from, to).context("copying the demo database")?;
    let wal = |p: &Path| {
        let mut name = p.as_os_str().to_owned();
        name.push("-wal");
        PathBuf::from(name)
    };
    if wal(from).exists() {
        std::fs::copy(wal(from), wal(to)).context("copying the demo database's log")?;
    }
    Ok(())
}

/// The demo museum's base: on SQLite the cached base itself (`shared`, never written to) or a
/// copy of it in `dir`; on PostgreSQL always a database of the site's own.
fn demo_store(deployment: Deployment, dir: &Path, shared: bool) -> Result<Base> {
    let demo = fixture::demo_base()?;
    match deployment {
        Deployment::Sqlite => {
            let database = if shared {
                demo.database.clone()
            } else {
                let copy = dir.join("letopis.db");
                copy_database(&demo.database, &copy)?;
                copy
            };
            let store = SqliteStore::open(&database).context("opening the demo database")?;
            Ok(Base {
                store: Arc::new(store),
                url: None,
            })
        }
        Deployment::PostgresS3 => {
            let (store, url) = deployment::pg_site_store()?;
            Ok(Base {
                store,
                url: Some(url),
            })
        }
    }
}

/// The demo's originals, which the site only reads: the cached base's directory, or the
/// bucket every such site shares.
fn demo_media(deployment: Deployment, dir: &Path) -> Result<Media> {
    let demo = fixture::demo_base()?;
    match deployment {
        Deployment::Sqlite => Ok(Media {
            root: demo.media_root.clone(),
            blobs: None,
        }),
        Deployment::PostgresS3 => Ok(Media {
            root: dir.join("media"),
            blobs: Some(deployment::s3_demo_blobs(&dir.join("staging"))?),
        }),
    }
}

/// An empty store of originals of the site's own, for a site that uploads.
fn own_media(deployment: Deployment, dir: &Path) -> Result<Media> {
    let root = dir.join("media");
    match deployment {
        Deployment::Sqlite => {
            std::fs::create_dir_all(&root)?;
            Ok(Media { root, blobs: None })
        }
        Deployment::PostgresS3 => Ok(Media {
            root,
            blobs: Some(deployment::s3_own_blobs(&dir.join("staging"))?),
        }),
    }
}

/// The portal over `base` and `media`, with accounts on (the lessons' pages read kits).
fn app(
    base: &Base,
    media: &Media,
    config: AppConfig,
    index: Arc<letopis_search::SearchIndex>,
) -> App {
    let app = App::new(base.store.clone(), config)
        .with_search(index)
        .with_accounts(base.store.clone());
    match &media.blobs {
        Some((blobs, _)) => app.with_blobs(blobs.clone()),
        None => app,
    }
}

/// Makes a site on a thread of its own. Tests start sites from async code, and a site is made
/// by synchronous code that may not block a runtime's thread: the PostgreSQL client (the copy
/// of the demo base, the site's database), the object store's client.
fn off_runtime<T: Send>(make: impl FnOnce() -> Result<T> + Send) -> Result<T> {
    std::thread::scope(|scope| {
        scope
            .spawn(make)
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// What a site is made of, before it is served.
struct Parts {
    deployment: Deployment,
    base: Base,
    media: Media,
    dir: tempfile::TempDir,
    follower: Option<letopis_search::Follower>,
}

/// Serves `app` on 127.0.0.1:0 from a thread of its own.
fn launch(app: App, parts: Parts) -> Result<Site> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").context("binding the server")?;
    listener.set_nonblocking(true)?;
    let base = format!("http://{}", listener.local_addr()?);
    let (stop, stopped) = oneshot::channel::<()>();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("building the server runtime")?;
    let thread = std::thread::Builder::new()
        .name("letopis-server".into())
        .spawn(move || {
            runtime.block_on(async move {
                let listener = match tokio::net::TcpListener::from_std(listener) {
                    Ok(l) => l,
                    Err(e) => return eprintln!("letopis test server: {e}"),
                };
                let shutdown = async {
                    let _ = stopped.await;
                };
                if let Err(e) = letopis_web::serve(listener, app, shutdown).await {
                    eprintln!("letopis test server stopped: {e}");
                }
            });
        })
        .map_err(|e| anyhow!("starting the server thread: {e}"))?;
    Ok(Site {
        base,
        pages: fixture::demo_base()?.pages.clone(),
        store: parts.base.store,
        deployment: parts.deployment,
        database_url: parts.base.url,
        media_location: parts.media.blobs.map(|(_, location)| location),
        stop: Some(stop),
        thread: Some(thread),
        _search: parts.dir,
        _follower: parts.follower,
    })
}

impl Site {
    /// Starts the server over the demo museum, generating it on the first call.
    pub fn start() -> Result<Site> {
        off_runtime(|| Site::start_configured(|_| {}))
    }

    /// Starts the server over the demo museum with the demo's base maps, as `letopis demo`
    /// shows them: today's schematic and the 1941 reconstruction to switch to.
    pub fn start_with_maps() -> Result<Site> {
        use letopis_demo::basemap;
        let map_dir = fixture::demo_base()?.map_dir.clone();
        off_runtime(|| {
            Site::start_configured(move |config| {
                config.map.mbtiles = Some(map_dir.join(basemap::TODAY_FILE));
                config.map.attribution = basemap::TODAY_ATTRIBUTION.into();
                config.map.label = basemap::TODAY_LABEL.into();
                config.map.historic = Some(letopis_web::tiles::HistoricLayer {
                    mbtiles: map_dir.join(basemap::HISTORIC_FILE),
                    label: basemap::HISTORIC_LABEL.into(),
                    attribution: basemap::HISTORIC_ATTRIBUTION.into(),
                });
            })
        })
    }

    /// The demo museum read only, with accounts on: the lessons' pages read kits and the
    /// kiosk's start screen offers the demo's tours; nobody signs in on this site.
    fn start_configured(configure: impl FnOnce(&mut AppConfig)) -> Result<Site> {
        let deployment = Deployment::from_env()?;
        let dir = tempfile::tempdir().context("a directory for the search index")?;
        let base = demo_store(deployment, dir.path(), true)?;
        let media = demo_media(deployment, dir.path())?;
        let index = build_index(&*base.store, dir.path())?;
        let mut config = AppConfig::new(&media.root);
        configure(&mut config);
        let app = app(&base, &media, config, index);
        launch(
            app,
            Parts {
                deployment,
                base,
                media,
                dir,
                follower: None,
            },
        )
    }

    /// Starts the server with the studio on, over a private copy of the demo museum that the
    /// test may change: its own database, store of originals (empty) and data directory
    /// (letters land in `data_dir()/mail`), and a search index that follows the change feed as
    /// the binary's does, so a record published in the studio becomes searchable.
    pub fn start_studio() -> Result<Site> {
        off_runtime(Site::make_studio)
    }

    fn make_studio() -> Result<Site> {
        let deployment = Deployment::from_env()?;
        let dir = tempfile::tempdir().context("a directory for the studio's museum")?;
        let base = demo_store(deployment, dir.path(), false)?;
        let media = own_media(deployment, dir.path())?;
        let index = build_index(&*base.store, dir.path())?;
        let follower = letopis_search::Follower::start(index.clone(), base.store.clone(), false)
            .context("starting the search follower")?;
        let mut config = AppConfig::new(&media.root);
        config.studio.data_dir = Some(dir.path().to_path_buf());
        let app = app(&base, &media, config, index)
            .with_oral_history(base.store.clone())
            .with_contributions(base.store.clone())
            .with_uploads(base.store.clone());
        launch(
            app,
            Parts {
                deployment,
                base,
                media,
                dir,
                follower: Some(follower),
            },
        )
    }

    /// Starts the server with sign-in on, over a private copy of the demo base that `prepare`
    /// may change first (accounts, records); the search index is built after it, so it holds
    /// what `prepare` wrote. Media files are read from the demo's shared originals as
    /// [`Site::start`] does, since serving them writes nothing; the cached base itself is never
    /// opened.
    pub fn start_private(
        prepare: impl FnOnce(&dyn TestStore) -> Result<()> + Send,
    ) -> Result<Site> {
        off_runtime(|| Site::make_private(prepare))
    }

    fn make_private(prepare: impl FnOnce(&dyn TestStore) -> Result<()>) -> Result<Site> {
        let deployment = Deployment::from_env()?;
        let dir = tempfile::tempdir().context("a directory for the private museum")?;
        let base = demo_store(deployment, dir.path(), false)?;
        prepare(&*base.store)?;
        let media = demo_media(deployment, dir.path())?;
        let index = build_index(&*base.store, dir.path())?;
        let app = app(&base, &media, AppConfig::new(&media.root), index);
        launch(
            app,
            Parts {
                deployment,
                base,
                media,
                dir,
                follower: None,
            },
        )
    }

    /// The URL of the site's own PostgreSQL database (`None` on SQLite), for a test that reads
    /// it with a client of its own.
    pub fn database_url(&self) -> Option<&str> {
        self.database_url.as_deref()
    }

    /// Where the site's originals are in the object store (`None` with a local directory).
    pub fn media_location(&self) -> Option<&S3Location> {
        self.media_location.as_ref()
    }

    /// The data directory of a studio site (see [`Site::start_studio`]).
    pub fn data_dir(&self) -> &std::path::Path {
        self._search.path()
    }

    /// The absolute URL of a path on this site.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The absolute URL of a page type in the seeded museum.
    pub fn page(&self, page: PageType) -> String {
        self.url(&self.pages.path(page))
    }

    /// Every page type with its absolute URL.
    pub fn all_pages(&self) -> Vec<(PageType, String)> {
        self.pages
            .all()
            .into_iter()
            .map(|(p, path)| (p, self.url(&path)))
            .collect()
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        // Graceful shutdown waits for open connections; Chromium is gone by now (Session drops
        // the browser first), so this returns promptly.
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The `name=value` parts of a response's cookies.
pub fn set_cookies(response: &reqwest::Response) -> Vec<String> {
    response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .map(str::to_owned)
        .collect()
}
