//! The real Letopis server, in-process on 127.0.0.1:0, over the demo museum (see [`fixture`]).
//!
//! The server gets its own thread and runtime so that a test blocking its own runtime (a JVM
//! started with `std::process`, a slow WebDriver call) never stalls the pages the browser loads.

use crate::fixture::{self, PageType, Pages};
use anyhow::{Context, Result, anyhow};
use letopis_store::sqlite::SqliteStore;
use letopis_web::{App, AppConfig};
use std::sync::Arc;
use std::thread::JoinHandle;
use tokio::sync::oneshot;

pub struct Site {
    /// `http://127.0.0.1:<port>`, no trailing slash.
    pub base: String,
    pub pages: Pages,
    pub store: Arc<SqliteStore>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
    /// The studio site's search follower; declared first of the two so it stops before the
    /// directory goes.
    _follower: Option<letopis_search::Follower>,
    /// The search index is built anew for each site, in its own temporary directory (for a
    /// studio site, the whole private museum lives there).
    _search: tempfile::TempDir,
}

fn build_index(
    store: &SqliteStore,
    dir: &std::path::Path,
) -> Result<Arc<letopis_search::SearchIndex>> {
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
fn copy_database(from: &std::path::Path, to: &std::path::Path) -> Result<()> {
    std::fs::copy(from, to).context("copying the demo database")?;
    let wal = |p: &std::path::Path| {
        let mut name = p.as_os_str().to_owned();
        name.push("-wal");
        std::path::PathBuf::from(name)
    };
    if wal(from).exists() {
        std::fs::copy(wal(from), wal(to)).context("copying the demo database's log")?;
    }
    Ok(())
}

/// Serves `app` on 127.0.0.1:0 from a thread of its own.
fn launch(
    app: App,
    store: Arc<SqliteStore>,
    pages: Pages,
    dir: tempfile::TempDir,
    follower: Option<letopis_search::Follower>,
) -> Result<Site> {
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
        pages,
        store,
        stop: Some(stop),
        thread: Some(thread),
        _search: dir,
        _follower: follower,
    })
}

impl Site {
    /// Starts the server over the demo museum, generating it on the first call.
    pub fn start() -> Result<Site> {
        let base = fixture::demo_base()?;
        let store =
            Arc::new(SqliteStore::open(&base.database).context("opening the demo database")?);
        let search = tempfile::tempdir().context("a directory for the search index")?;
        let index = build_index(&store, search.path())?;
        // Accounts on: the lessons' pages read kits; nobody signs in on this site.
        let app = App::new(store.clone(), AppConfig::new(&base.media_root))
            .with_search(index)
            .with_accounts(store.clone());
        launch(app, store, base.pages.clone(), search, None)
    }

    /// Starts the server over the demo museum with the demo's base maps, as `letopis demo`
    /// shows them: today's schematic and the 1941 reconstruction to switch to.
    pub fn start_with_maps() -> Result<Site> {
        use letopis_demo::basemap;
        let base = fixture::demo_base()?;
        let store =
            Arc::new(SqliteStore::open(&base.database).context("opening the demo database")?);
        let search = tempfile::tempdir().context("a directory for the search index")?;
        let index = build_index(&store, search.path())?;
        let mut config = AppConfig::new(&base.media_root);
        config.map.mbtiles = Some(base.map_dir.join(basemap::TODAY_FILE));
        config.map.attribution = basemap::TODAY_ATTRIBUTION.into();
        config.map.label = basemap::TODAY_LABEL.into();
        config.map.historic = Some(letopis_web::tiles::HistoricLayer {
            mbtiles: base.map_dir.join(basemap::HISTORIC_FILE),
            label: basemap::HISTORIC_LABEL.into(),
            attribution: basemap::HISTORIC_ATTRIBUTION.into(),
        });
        // Accounts on, as for `start`: the kiosk's start screen offers the demo's tours.
        let app = App::new(store.clone(), config)
            .with_search(index)
            .with_accounts(store.clone());
        launch(app, store, base.pages.clone(), search, None)
    }

    /// Starts the server with the studio on, over a private copy of the demo museum that the
    /// test may change: its own database, media directory and data directory (letters land in
    /// `data_dir()/mail`), and a search index that follows the change feed as the binary's does,
    /// so a record published in the studio becomes searchable.
    pub fn start_studio() -> Result<Site> {
        let demo = fixture::demo_base()?;
        let dir = tempfile::tempdir().context("a directory for the studio's museum")?;
        let database = dir.path().join("letopis.db");
        copy_database(&demo.database, &database)?;
        let media = dir.path().join("media");
        std::fs::create_dir_all(&media)?;
        let store = Arc::new(SqliteStore::open(&database).context("opening the copied database")?);
        let index = build_index(&store, dir.path())?;
        let follower = letopis_search::Follower::start(
            index.clone(),
            store.clone() as Arc<dyn letopis_store::Store>,
            false,
        )
        .context("starting the search follower")?;
        let mut config = AppConfig::new(&media);
        config.studio.data_dir = Some(dir.path().to_path_buf());
        let app = App::new(store.clone(), config)
            .with_search(index)
            .with_accounts(store.clone())
            .with_oral_history(store.clone())
            .with_contributions(store.clone())
            .with_uploads(store.clone());
        launch(app, store, demo.pages.clone(), dir, Some(follower))
    }

    /// Starts the server with sign-in on, over a private copy of the demo database that
    /// `prepare` may change first (accounts, records); the search index is built after it, so it
    /// holds what `prepare` wrote. Media files are read from the cached base as [`Site::start`]
    /// does, since serving them writes nothing; the cached database itself is never opened.
    pub fn start_private(prepare: impl FnOnce(&SqliteStore) -> Result<()>) -> Result<Site> {
        let demo = fixture::demo_base()?;
        let dir = tempfile::tempdir().context("a directory for the private museum")?;
        let database = dir.path().join("letopis.db");
        copy_database(&demo.database, &database)?;
        let store = Arc::new(SqliteStore::open(&database).context("opening the copied database")?);
        prepare(&store)?;
        let index = build_index(&store, dir.path())?;
        let app = App::new(store.clone(), AppConfig::new(&demo.media_root))
            .with_search(index)
            .with_accounts(store.clone());
        launch(app, store, demo.pages.clone(), dir, None)
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
