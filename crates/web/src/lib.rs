//! The HTTP face of Letopis: the public pages, the JSON API and media serving.
//!
//! Every read goes through [`gate::Gate`], the web side of the one access gate (DESIGN.md,
//! invariant 1): handlers never call the store directly, so there is no second place where a
//! hidden record could slip out.

mod api;
/// The JSON API's route patterns (for the test that its OpenAPI description names them all).
pub use api::paths as api_paths;
mod conference;
mod contributions;
// Micro-districts, their posters and venues (issue #18).
mod districts;
mod export;
pub use conference::erase_unconfirmed as erase_unconfirmed_papers;
pub use contributions::excursions::erase_past as erase_past_excursions;
pub use contributions::{DRAFT_KEPT_DAYS, purge_abandoned_drafts};
mod gate;
mod health;
mod iiif;
mod lessons;
mod listing;
mod media;
mod metrics;
mod oai;
mod public;
pub use public::kiosk::KioskConfig;
mod seo;
mod share;
pub mod shell;
// The interface language is part of the crate's API (the binary and the tests use it).
pub use shell::i18n;
use shell::{assets, http_cache, prefs, security, seq_cache};
// The studio (back office), issue #5.
pub mod studio;
pub use studio::upload::{
    UPLOAD_KEPT, import_legacy_file_info, purge_stale_uploads, sweep_upload_scratch,
};
mod summary;
pub mod tiles;

pub use seo::{BadPublicUrl, check_public_url};
pub use shell::error::AppError;
pub use shell::viewer::CurrentViewer;

use axum::Router;
use axum::routing::get;
use letopis_store::Store;
use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;

/// What the web layer needs to know about its surroundings.
#[derive(Debug, Clone)]
pub struct AppConfig {
    /// The directory of media originals, laid out as `<root>/<sha[0..2]>/<sha[2..4]>/<sha>`.
    pub media_root: PathBuf,
    /// Shown in the header and the page titles of the Russian site; the English site uses the
    /// `site-name` message of `locales/en/common.ftl`.
    pub site_name: String,
    /// The base map of `/map` and of the small maps on record pages.
    pub map: tiles::MapConfig,
    /// The day the home page's «Этот день в 1941–1945» is about; `None` means today. Set by
    /// tests (and a kiosk rehearsing 9 May), never by a request: access is always judged today.
    pub this_day: Option<jiff::civil::Date>,
    /// The site's public address, `https://letopis.example.ru`: the base of canonical links,
    /// link cards, the sitemap and the feed. Without it only a loopback `Host` is trusted
    /// (see `seo`); checked by [`seo::check_public_url`].
    pub public_url: Option<String>,
    /// The museum's address for what visitors know about a record; without it the «Дополните»
    /// page says what helps and to bring it to the museum.
    pub contact_email: Option<String>,
    /// The studio's files and limits (issue #5).
    pub studio: studio::StudioConfig,
    /// How many searches run at once, wait, and for how long (`shell::admission`).
    pub search: shell::admission::SearchLimits,
    /// Bytes of rendered pages kept for anonymous visitors (`shell::page_cache`); 0 keeps none.
    pub page_cache_bytes: usize,
    /// The exhibition hall's screens (`public::kiosk`).
    pub kiosk: KioskConfig,
    /// Which build this is (`/healthz` for administrators, `letopis_build_info`).
    pub build: BuildInfo,
    /// A bearer token that opens `/metrics` on the portal's port to a client that is not local
    /// (see `metrics`); without it only loopback clients not forwarded by a proxy may read it.
    pub metrics_token: Option<MetricsToken>,
}

/// The bearer token of `/metrics`; kept out of `Debug` output, like every secret.
#[derive(Clone, PartialEq, Eq)]
pub struct MetricsToken(String);

impl MetricsToken {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for MetricsToken {
    fn from(token: &str) -> MetricsToken {
        MetricsToken(token.to_owned())
    }
}

impl From<String> for MetricsToken {
    fn from(token: String) -> MetricsToken {
        MetricsToken(token)
    }
}

impl std::fmt::Debug for MetricsToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MetricsToken(***)")
    }
}

/// The version, commit and build day of the running binary (the binary stamps them).
#[derive(Debug, Clone, serde::Serialize)]
pub struct BuildInfo {
    pub version: String,
    /// The short commit, `+dirty` when the tree had changes, `unknown` without git.
    pub commit: String,
    /// The day of the build, `YYYY-MM-DD`.
    pub built: String,
}

impl Default for BuildInfo {
    fn default() -> BuildInfo {
        BuildInfo {
            version: env!("CARGO_PKG_VERSION").into(),
            commit: "unknown".into(),
            built: "unknown".into(),
        }
    }
}

/// The page cache's size unless configured: the popular pages of a town's 9 May with room to
/// spare, a fraction of the memory budget.
pub const DEFAULT_PAGE_CACHE_BYTES: usize = 32 << 20;

impl AppConfig {
    pub fn new(media_root: impl Into<PathBuf>) -> AppConfig {
        AppConfig {
            media_root: media_root.into(),
            site_name: "Летопись".into(),
            map: tiles::MapConfig::default(),
            this_day: None,
            public_url: None,
            contact_email: None,
            studio: studio::StudioConfig::default(),
            search: shell::admission::SearchLimits::default(),
            page_cache_bytes: DEFAULT_PAGE_CACHE_BYTES,
            kiosk: KioskConfig::default(),
            build: BuildInfo::default(),
            metrics_token: None,
        }
    }
}

/// The shared state of every handler: the store and the configuration. Cheap to clone.
#[derive(Clone)]
pub struct App {
    /// The store, reachable only through the gate (see `gate::Door`).
    door: gate::Door,
    config: Arc<AppConfig>,
    /// The map's tile sets, opened once.
    layers: Arc<tiles::Layers>,
    home: Arc<seq_cache::SeqCache<public::home::Found>>,
    /// Written sitemap parts: a 50,000-URL part takes most of a second to read from the base.
    sitemaps: Arc<seq_cache::SeqCache<axum::body::Bytes>>,
    /// Accounts and sessions; empty until [`App::with_accounts`] (see `studio`).
    studio: studio::Runtime,
    /// The full-text index; without one `/search` answers 503 (see [`App::with_search`]).
    search: Option<Arc<letopis_search::SearchIndex>>,
    /// The originals: the local directory `media_root` unless [`App::with_blobs`] says otherwise.
    blobs: Arc<dyn letopis_media::Blobs>,
    /// The turnstile in front of the search index.
    admission: Arc<shell::admission::Admission>,
    /// Rendered pages for anonymous visitors, dropped by the change feed (`public/cached.rs`).
    pages: Arc<shell::page_cache::PageCache>,
    /// The hall's screens and the guides' phones driving them (`lessons::tours`).
    pairings: Arc<lessons::Pairings>,
    /// Requests counted for `/metrics`.
    requests: Arc<shell::request_metrics::RequestMetrics>,
    /// The blob store's size as last walked, and when (`metrics::blob_usage`).
    blob_usage: Arc<std::sync::Mutex<Option<(std::time::Instant, letopis_media::Usage)>>>,
}

impl App {
    pub fn new(store: Arc<dyn Store>, mut config: AppConfig) -> App {
        // The binary checks the value when it loads its configuration; an embedder that did
        // not gets canonical links without a host rather than links to a malformed one.
        config.public_url = config.public_url.take().and_then(|url| {
            seo::check_public_url(&url)
                .inspect_err(|e| tracing::error!(error = %e, "public_url ignored"))
                .ok()
        });
        let blobs = Arc::new(letopis_media::BlobStore::at(
            &config.media_root,
            config.studio.media_limits,
        ));
        App {
            door: gate::Door::new(store),
            blobs,
            admission: Arc::new(shell::admission::Admission::new(config.search)),
            pages: Arc::new(shell::page_cache::PageCache::new(config.page_cache_bytes)),
            layers: Arc::new(tiles::Layers::open(&config.map)),
            config: Arc::new(config),
            home: Arc::default(),
            sitemaps: Arc::default(),
            studio: studio::Runtime::default(),
            search: None,
            pairings: Arc::default(),
            requests: Arc::default(),
            blob_usage: Arc::default(),
        }
    }

    /// Serves search from `index` (kept in step by a `letopis_search::Follower`).
    pub fn with_search(mut self, index: Arc<letopis_search::SearchIndex>) -> App {
        self.search = Some(index);
        self
    }

    /// Keeps originals in `blobs` (the binary opens the one `media = …` names).
    pub fn with_blobs(mut self, blobs: Arc<dyn letopis_media::Blobs>) -> App {
        self.blobs = blobs;
        self
    }

    pub(crate) fn blobs(&self) -> Arc<dyn letopis_media::Blobs> {
        self.blobs.clone()
    }

    pub(crate) fn search_index(&self) -> Option<Arc<letopis_search::SearchIndex>> {
        self.search.clone()
    }

    pub fn config(&self) -> &AppConfig {
        &self.config
    }

    pub(crate) fn layers(&self) -> &tiles::Layers {
        &self.layers
    }

    pub(crate) fn pages(&self) -> &shell::page_cache::PageCache {
        &self.pages
    }

    pub(crate) fn pairings(&self) -> &lessons::Pairings {
        &self.pairings
    }

    /// How full the page cache is (for the benchmarks' reports).
    pub fn page_cache_stats(&self) -> shell::page_cache::Stats {
        self.pages.stats()
    }

    /// How many searches run and wait, and how many were refused.
    pub fn search_load(&self) -> shell::admission::Load {
        self.admission.load()
    }

    pub(crate) fn request_metrics(&self) -> &shell::request_metrics::RequestMetrics {
        &self.requests
    }

    /// How long searches held their turn (the histogram itself, shared).
    pub(crate) fn admission_durations(&self) -> prometheus_client::metrics::histogram::Histogram {
        self.admission.durations()
    }

    /// Searches take their turns at `admission` (shared with whoever else holds it) instead of
    /// one made from [`AppConfig::search`].
    pub fn with_admission(mut self, admission: Arc<shell::admission::Admission>) -> App {
        self.admission = admission;
        self
    }
}

/// All routes. Layers, from the inside out: error pages, preference headers (language, `Vary`),
/// `ETag`/304, security headers, compression, the page cache, tracing, request metrics.
pub fn router(app: App) -> Router {
    let routes = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/metrics", get(metrics::guarded))
        .route("/", get(public::home::page))
        .route("/static/{*path}", get(assets::serve))
        .route("/lang/{code}", get(public::settings::language))
        .route("/low-vision", get(public::settings::low_vision))
        .route("/school", get(public::settings::school))
        .route("/kiosk", get(public::kiosk::page))
        .route("/media/{sha256}", get(media::serve))
        .route("/media/{sha256}/thumb", get(media::thumb))
        .route("/media/{sha256}/detail", get(media::detail))
        .route("/map", get(public::map::page))
        .route("/map/places.json", get(public::map::places_json))
        .route("/timeline", get(public::timeline::page))
        .route("/contribute", get(contributions::page::page))
        .route(
            "/excursions",
            get(contributions::excursions::show).post(contributions::excursions::send),
        )
        .route("/memory-book", get(public::memory_book::page))
        .route("/developers", get(public::developers::page))
        .route(
            "/interviews/{slug}/captions/{file}",
            get(public::captions::vtt),
        )
        .route("/tiles/{z}/{x}/{y}", get(tiles::serve))
        .route("/tiles/historic/{z}/{x}/{y}", get(tiles::serve_historic))
        .route("/robots.txt", get(seo::robots::robots))
        .route("/sitemap.xml", get(seo::sitemap::index))
        .route("/sitemaps/{file}", get(seo::sitemap::part))
        .route("/feed.atom", get(seo::feed::feed))
        .merge(studio::routes())
        .merge(lessons::routes())
        .merge(share::routes())
        .merge(contributions::resident::routes())
        .merge(districts::routes())
        .merge(conference::routes())
        .merge(oai::routes())
        .merge(iiif::routes())
        .merge(export::routes())
        .route("/search", get(public::search::page))
        .merge(api::routes())
        .route("/{plural}", get(public::list::page))
        .route("/{plural}/{key}", get(public::record::page))
        .fallback(public::error_page::not_found)
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            public::error_page::render_errors,
        ))
        .layer(axum::middleware::from_fn(prefs::headers))
        .layer(axum::middleware::from_fn(http_cache::etag));
    // Checked when the configuration is loaded; a template that slipped through is dropped
    // from the policy rather than trusted, so the map loses its tiles, never its safety.
    let tile_origin = tiles::external_origin(&app.config().map).unwrap_or_else(|e| {
        tracing::error!(error = %e, "the tile URL is unusable; the map has no base layer");
        None
    });
    let https = app
        .config()
        .public_url
        .as_deref()
        .is_some_and(|u| u.starts_with("https://"));
    security::with_headers(routes, tile_origin.as_deref(), https)
        .layer(http_cache::compression())
        // Outside compression: a kept page keeps its compressed forms too.
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            public::cached::serve,
        ))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .layer(axum::middleware::from_fn_with_state(
            app.requests.clone(),
            shell::request_metrics::count,
        ))
        .with_state(app)
}

/// Serves the application on `listener` until `shutdown` completes, then finishes the requests
/// in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: App,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // The client's address feeds the studio's limit on wrong passwords.
    let service = router(app).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(shutdown)
        .await
}

/// Serves `/metrics` alone on `listener` (the configured `metrics_bind`), to whoever reaches
/// it, until `shutdown` completes.
pub async fn serve_metrics(
    listener: tokio::net::TcpListener,
    app: App,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, metrics::router(app))
        .with_graceful_shutdown(shutdown)
        .await
}
