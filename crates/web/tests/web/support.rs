//! `spawn_app()`: the real server on 127.0.0.1:0 over a real SQLite file in a temporary directory.
//!
//! Tests see the base only through the storage traits (`Store`, `Accounts`, `OralHistory`,
//! `Contributions`), never through SQL: the SQLite engine is chosen here, in [`Engine::sqlite`],
//! and a second engine would pass the same tests by being chosen instead.

use letopis_core::Kind;
use letopis_core::consent::{ConsentKind, NewConsent};
use letopis_core::history::Actor;
use letopis_core::record::RecordId;
use letopis_core::relation::{NewRelation, RelationType};
use letopis_store::sqlite::SqliteStore;
use letopis_store::{Accounts, Contributions, Draft, Op, OralHistory, Store, Uploads};
use letopis_web::shell::admission::Admission;
use letopis_web::{App, AppConfig, serve};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tempfile::TempDir;
use tokio::sync::oneshot;

/// The storage an app runs on, as the traits every engine implements.
#[derive(Clone)]
pub struct Engine {
    pub store: Arc<dyn Store>,
    pub accounts: Arc<dyn Accounts>,
    pub oral: Arc<dyn OralHistory>,
    pub contributions: Arc<dyn Contributions>,
    pub uploads: Arc<dyn Uploads>,
}

impl Engine {
    /// The SQLite engine over the file at `path`. Opening the same file again gives another
    /// handle on the same base, as a second server would hold.
    pub fn sqlite(path: &Path) -> Engine {
        let store = Arc::new(SqliteStore::open(path).expect("open store"));
        Engine {
            store: store.clone(),
            accounts: store.clone(),
            oral: store.clone(),
            contributions: store.clone(),
            uploads: store,
        }
    }
}

/// Opens another handle on the test's base (for a second server over it).
type Opener = Arc<dyn Fn() -> Engine + Send + Sync>;

pub struct TestApp {
    pub base: String,
    pub store: Arc<dyn Store>,
    pub accounts: Arc<dyn Accounts>,
    pub oral: Arc<dyn OralHistory>,
    pub contributions: Arc<dyn Contributions>,
    pub uploads: Arc<dyn Uploads>,
    pub media_root: PathBuf,
    pub client: reqwest::Client,
    config: AppConfig,
    open: Opener,
    /// The search index, when the app serves search (see [`spawn_searchable_app`]).
    _search: Option<Arc<letopis_search::SearchIndex>>,
    _follower: Option<letopis_search::Follower>,
    /// Shared with any second server over the same base, so it outlives them all.
    _dir: Arc<TempDir>,
    _stop: oneshot::Sender<()>,
}

/// A second server over the same base and the same originals, with a data directory of its own:
/// what nodes of a cluster share is the base and the blob store, nothing beside them.
pub struct SecondNode {
    pub base: String,
    _dir: TempDir,
    _stop: oneshot::Sender<()>,
}

impl SecondNode {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }
}

impl TestApp {
    pub async fn second_node(&self) -> SecondNode {
        let dir = tempfile::tempdir().expect("temporary directory");
        let mut config = AppConfig::new(&self.media_root);
        config.studio.data_dir = Some(dir.path().to_path_buf());
        let app = App::new(self.store.clone(), config)
            .with_accounts(self.accounts.clone())
            .with_oral_history(self.oral.clone())
            .with_contributions(self.contributions.clone())
            .with_uploads(self.uploads.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let shutdown = async {
                let _ = stopped.await;
            };
            serve(listener, app, shutdown).await.expect("server runs");
        });
        SecondNode {
            base,
            _dir: dir,
            _stop: stop,
        }
    }
}

/// A record created by a test, with what the assertions need to find it.
#[derive(Debug, Clone)]
pub struct Seeded {
    pub id: RecordId,
    pub kind: Kind,
    pub slug: String,
    pub title: String,
}

impl Seeded {
    pub fn page(&self) -> String {
        format!("/{}/{}", self.kind.plural(), self.slug)
    }

    pub fn page_by_id(&self) -> String {
        format!("/{}/{}", self.kind.plural(), self.id.0)
    }

    pub fn api(&self) -> String {
        format!("/api/v1/{}/{}", self.kind.plural(), self.id.0)
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_, _| {}).await
}

/// `spawn_app` with a configuration adjusted by `configure`, which also gets the temporary
/// directory (for files such as an MBTiles base map).
pub async fn spawn_app_with(configure: impl FnOnce(&mut AppConfig, &std::path::Path)) -> TestApp {
    spawn(configure, |_, _| None, None, None).await
}

/// `spawn_app` keeping originals in `blobs` instead of the local directory.
pub async fn spawn_app_on_blobs(blobs: Arc<dyn letopis_media::Blobs>) -> TestApp {
    spawn(|_, _| {}, |_, _| None, Some(blobs), None).await
}

/// `spawn_app` with a real search index under the temporary directory and its follower running,
/// after `seed` has filled the base.
pub async fn spawn_searchable_app(seed: impl FnOnce(&dyn Store)) -> TestApp {
    searchable(seed, None).await
}

/// `spawn_searchable_app` whose searches take their turns at `admission`, so that a test can
/// hold the turns itself.
pub async fn spawn_searchable_app_admitting(
    admission: Arc<Admission>,
    seed: impl FnOnce(&dyn Store),
) -> TestApp {
    searchable(seed, Some(admission)).await
}

async fn searchable(seed: impl FnOnce(&dyn Store), admission: Option<Arc<Admission>>) -> TestApp {
    spawn(
        |_, _| {},
        |store, dir| {
            seed(&**store);
            let (index, _) =
                letopis_search::SearchIndex::open(&dir.join("search")).expect("search index");
            let follower = letopis_search::Follower::start(index.clone(), store.clone(), true)
                .expect("follower");
            Some((index, follower))
        },
        None,
        admission,
    )
    .await
}

type Search = (Arc<letopis_search::SearchIndex>, letopis_search::Follower);

async fn spawn(
    configure: impl FnOnce(&mut AppConfig, &std::path::Path),
    search: impl FnOnce(&Arc<dyn Store>, &std::path::Path) -> Option<Search>,
    blobs: Option<Arc<dyn letopis_media::Blobs>>,
    admission: Option<Arc<Admission>>,
) -> TestApp {
    let dir = Arc::new(tempfile::tempdir().expect("temporary directory"));
    let media_root = dir.path().join("media");
    std::fs::create_dir_all(&media_root).expect("media root");
    let database = dir.path().join("letopis.db");
    let open: Opener = Arc::new(move || Engine::sqlite(&database));
    let engine = open();
    let mut config = AppConfig::new(&media_root);
    configure(&mut config, dir.path());
    let search = search(&engine.store, dir.path());
    start(engine, config, search, blobs, admission, dir, open).await
}

/// Serves `engine` on a fresh port.
async fn start(
    engine: Engine,
    config: AppConfig,
    search: Option<Search>,
    blobs: Option<Arc<dyn letopis_media::Blobs>>,
    admission: Option<Arc<Admission>>,
    dir: Arc<TempDir>,
    open: Opener,
) -> TestApp {
    let media_root = config.media_root.clone();
    let mut app = App::new(engine.store.clone(), config.clone())
        .with_accounts(engine.accounts.clone())
        .with_oral_history(engine.oral.clone())
        .with_contributions(engine.contributions.clone())
        .with_uploads(engine.uploads.clone());
    if let Some(blobs) = blobs {
        app = app.with_blobs(blobs);
    }
    if let Some(admission) = admission {
        app = app.with_admission(admission);
    }
    let (index, follower) = match search {
        Some((index, follower)) => {
            app = app.with_search(index.clone());
            (Some(index), Some(follower))
        }
        None => (None, None),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(async move {
        let shutdown = async {
            let _ = stopped.await;
        };
        serve(listener, app, shutdown).await.expect("server runs");
    });
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    TestApp {
        base,
        store: engine.store,
        accounts: engine.accounts,
        oral: engine.oral,
        contributions: engine.contributions,
        uploads: engine.uploads,
        media_root,
        client,
        config,
        open,
        _search: index,
        _follower: follower,
        _dir: dir,
        _stop: stop,
    }
}

impl TestApp {
    /// A second server over the same base and media, with its own handle on the base (as a
    /// second node would hold) and nothing else shared with this one: no search index.
    pub async fn spawn_beside(&self) -> TestApp {
        self.spawn_beside_with(|_| {}).await
    }

    /// [`TestApp::spawn_beside`] with the configuration adjusted by `configure`.
    pub async fn spawn_beside_with(&self, configure: impl FnOnce(&mut AppConfig)) -> TestApp {
        let engine = (self.open)();
        let mut config = self.config.clone();
        configure(&mut config);
        start(
            engine,
            config,
            None,
            None,
            None,
            self._dir.clone(),
            self.open.clone(),
        )
        .await
    }
}

pub fn editor() -> Actor {
    Actor::user(letopis_core::UserId(1), "Редактор")
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request")
    }

    pub async fn text(&self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        (status, response.text().await.expect("body"))
    }

    /// `/metrics` as a loopback client reads it (the test's client is one).
    pub async fn metrics(&self) -> String {
        let (status, text) = self.text("/metrics").await;
        assert_eq!(status, 200, "{text}");
        text
    }

    /// The value of the series `series` (a name, with its labels if it has any) on `/metrics`.
    pub async fn metric(&self, series: &str) -> f64 {
        let text = self.metrics().await;
        metric_value(&text, series).unwrap_or_else(|| panic!("no {series} in\n{text}"))
    }

    pub async fn json(&self, path: &str) -> (u16, serde_json::Value) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        (status, response.json().await.expect("JSON body"))
    }

    pub fn create(&self, draft: Draft) -> Seeded {
        let out = self
            .store
            .apply(&editor(), vec![Op::Create(draft)], letopis_core::today())
            .expect("create");
        let id = out[0].record_id().expect("created id");
        let rec = self.store.get(id).expect("read").expect("stored").record;
        Seeded {
            id,
            kind: rec.kind(),
            slug: rec.meta.slug.clone(),
            title: rec.title(),
        }
    }

    pub fn relate(&self, from: &Seeded, rtype: RelationType, to: &Seeded) {
        self.store
            .apply(
                &editor(),
                vec![Op::Relate(NewRelation::new(from.id, rtype, to.id))],
                letopis_core::today(),
            )
            .expect("relate");
    }

    /// An expert's public-interest decision, which makes a fallen soldier's record publishable.
    pub fn public_interest(&self, record: &Seeded) {
        let consent = NewConsent {
            kind: ConsentKind::PublicInterest,
            subject: Some(record.id),
            granted_by: "Эксперт".into(),
            covers: vec![record.id],
            // A decision that lists nothing limits nothing (the field-by-field scope is tested
            // in `content_gate.rs`).
            scope: vec![],
            bans: vec![],
            document: None,
            signed_on: letopis_core::today(),
            valid_until: None,
            note: None,
        };
        self.store
            .apply(
                &editor(),
                vec![Op::AddConsent(consent)],
                letopis_core::today(),
            )
            .expect("consent");
    }

    /// Writes a media original where the blob store keeps it.
    pub fn put_media(&self, sha256: &str, bytes: &[u8]) {
        let dir = self.media_root.join(&sha256[0..2]).join(&sha256[2..4]);
        std::fs::create_dir_all(&dir).expect("media dir");
        std::fs::write(dir.join(sha256), bytes).expect("media file");
    }
}

impl TestApp {
    /// Moves a record through the workflow as a second editor would.
    pub fn store_step(&self, record: &Seeded, to: letopis_core::Workflow) {
        self.store
            .apply(
                &Actor::user(letopis_core::UserId(2), "Эксперт"),
                vec![Op::Step {
                    id: record.id,
                    to,
                    note: None,
                }],
                letopis_core::today(),
            )
            .expect("workflow step");
    }
}

impl TestApp {
    /// A GET with extra request headers (cookies, conditionals, encodings).
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
        let mut request = self.client.get(self.url(path));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send().await.expect("request")
    }

    /// The body of a GET with extra headers, with its status.
    pub async fn text_with(&self, path: &str, headers: &[(&str, &str)]) -> (u16, String) {
        let response = self.get_with(path, headers).await;
        let status = response.status().as_u16();
        (status, response.text().await.expect("body"))
    }
}

/// The value of `series` in Prometheus text: the line that is the series, a space, the value.
pub fn metric_value(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .find_map(|l| l.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
}

/// A test app holding the demo museum (the generator's default size), originals included.
pub async fn spawn_demo_app() -> TestApp {
    let app = spawn_app().await;
    fill_with_demo(&app);
    app
}

/// Generates the demo museum into the app's base and blob store.
pub fn fill_with_demo(app: &TestApp) {
    let blobs = letopis_media::BlobStore::open(app.media_root.clone(), Default::default())
        .expect("blob store");
    letopis_demo::generate(
        app.store.as_ref(),
        app.accounts.as_ref(),
        &blobs,
        &letopis_demo::DemoOptions::default(),
        letopis_core::today(),
    )
    .expect("the demo museum");
}
