//! `letopis serve`: open the base and serve the portal until Ctrl-C or SIGTERM.

use crate::cli::{DataArgs, ServeArgs};
use crate::config::FileConfig;
use crate::data_dir::DataDir;
use crate::engine::{Engine, open_blobs};
use anyhow::{Context, Result};
use letopis_media::Blobs;
use letopis_search::{Follower, SearchIndex};
use letopis_store::Store;
use std::sync::Arc;
use std::time::Duration;

/// Consent terms run out by themselves; audiences are derived again this often.
const AUDIENCE_REFRESH: Duration = Duration::from_secs(3600);

/// Threads of the blocking pool (store reads, searches, files); see [`serve`].
const BLOCKING_THREADS: usize = 8;

/// Everything a running portal needs, opened from a data directory: the base (its fields
/// read through, `opened.engine`), and the originals.
pub struct Opened {
    pub base: Base,
    /// The originals (from `media = …`).
    pub blobs: Arc<dyn Blobs>,
}

impl std::ops::Deref for Opened {
    type Target = Base;

    fn deref(&self) -> &Base {
        &self.base
    }
}

impl std::ops::DerefMut for Opened {
    fn deref_mut(&mut self) -> &mut Base {
        &mut self.base
    }
}

impl Opened {
    /// The directory of originals when they are on this machine; with an object store, where
    /// they would be (nothing is read from it: the portal holds the store itself).
    pub fn media_root(&self) -> Result<std::path::PathBuf> {
        Ok(match self.config.media_spec(self.dir.root())? {
            crate::engine::MediaSpec::File(dir) => dir,
            crate::engine::MediaSpec::S3(_) => self.dir.root().join("media"),
        })
    }
}

/// A data directory's base, without its originals: what the commands that only read or write
/// records need (`stats`, `history`, `user`, `reindex`, `import`), so they neither need an
/// object store's keys nor wait for it.
pub struct Base {
    pub dir: DataDir,
    pub config: FileConfig,
    /// The base, through the traits (the engine comes from `database = …`).
    pub engine: Engine,
}

/// Opens the base and the originals.
pub fn open(args: &DataArgs) -> Result<Opened> {
    let base = open_base(args)?;
    let blobs = open_blobs(
        &base.config.media_spec(base.dir.root())?,
        base.config.media.to_limits(),
        base.dir.root(),
    )?;
    Ok(Opened { base, blobs })
}

/// Opens the base only.
pub fn open_base(args: &DataArgs) -> Result<Base> {
    let dir = DataDir::prepare(&args.data)?;
    let config = args.config(&dir.config_file())?;
    let database = config.database(dir.root())?;
    // The media setting is checked too, before the base is opened (and perhaps migrated): a
    // typing mistake in it is told by every command, and changes nothing.
    config.media_spec(dir.root())?;
    let engine = open_engine(&dir, &config, &database, args)?;
    // File info older versions kept in DIR/derivatives/ moves into the base once (idempotent).
    let imported = letopis_web::import_legacy_file_info(dir.root(), &*engine.uploads)
        .context("не удалось перенести сведения о файлах из каталога derivatives в базу")?;
    if imported > 0 {
        tracing::info!("file info of {imported} hashes moved from derivatives/ into the base");
    }
    Ok(Base {
        dir,
        config,
        engine,
    })
}

/// Opens the base, migrating it only as [`crate::upgrade::guard`] allows.
pub fn open_engine(
    dir: &DataDir,
    config: &FileConfig,
    database: &crate::engine::DatabaseSpec,
    args: &DataArgs,
) -> Result<Engine> {
    let crate::engine::DatabaseSpec::Sqlite(db) = database else {
        // A PostgreSQL base is brought up to date by the engine itself, in a transaction per
        // migration; its backups are the database's own (pg_dump, WAL archiving).
        return Engine::open(database, config.database_replica.as_deref());
    };
    let told = args.upgrade_without_backup || config.upgrade_without_backup == Some(true);
    let decision = crate::upgrade::guard(dir.root(), db, told)?;
    let engine = Engine::open(database, config.database_replica.as_deref())?;
    crate::upgrade::log(&decision);
    Ok(engine)
}

pub fn run(args: &ServeArgs) -> Result<()> {
    let opened = open(&args.data)?;
    serve(opened, args.bind)
}

pub fn serve(opened: Opened, bind: Option<std::net::SocketAddr>) -> Result<()> {
    no_huge_pages();
    crate::memory::tune();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // Store reads, searches and file reads run on the blocking pool. Tokio's default of 512
        // threads let a crowd start hundreds at once, each with its own allocator heap: memory
        // grew with the crowd and stayed (issue #15). A few per core keep the cores busy while
        // some threads wait on the disk; the rest queue, which costs a few bytes each.
        .max_blocking_threads(BLOCKING_THREADS)
        .build()
        .context("не удалось запустить среду выполнения")?;
    runtime.block_on(async move {
        let addr = opened.config.bind(bind);
        let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| {
            format!("не удалось занять адрес {addr}: он занят или недоступен; укажите другой через --bind")
        })?;
        let local = listener.local_addr()?;
        let store: Arc<dyn Store> = opened.engine.store.clone();
        let leases = Leases::new(opened.engine.accounts.clone());
        spawn_audience_refresh(store.clone(), leases.clone());
        crate::memory::spawn_release_when_quiet();
        // The follower lives as long as the server; dropping it stops the indexer thread.
        let (search, _follower) = start_search(&opened, store.clone())?;
        // Holding the index's writer lock, this is the only server over the directory.
        let swept = letopis_web::sweep_upload_scratch(opened.dir.root());
        if swept > 0 {
            tracing::info!("{swept} scratch copies of interrupted uploads removed");
        }
        let app = letopis_web::App::new(
            store,
            letopis_web::AppConfig {
                media_root: opened.media_root()?,
                site_name: opened
                    .config
                    .site_name
                    .clone()
                    .unwrap_or_else(|| "Летопись".into()),
                map: opened.config.map.to_web(opened.dir.root())?,
                this_day: None,
                public_url: opened.config.public_url()?,
                contact_email: opened.config.contact_email.clone(),
                studio: letopis_web::studio::StudioConfig {
                    data_dir: Some(opened.dir.root().to_path_buf()),
                    media_limits: opened.config.media.to_limits(),
                    mail: opened.config.mail_route(
                        opened.dir.root(),
                        std::env::var(crate::config::SMTP_PASSWORD_ENV).ok(),
                    )?,
                },
                search: opened.config.search.limits()?,
                page_cache_bytes: opened.config.cache.bytes(),
                kiosk: opened.config.kiosk.to_web()?,
                build: crate::build::to_web(),
                metrics_token: opened
                    .config
                    .metrics_token(std::env::var(crate::config::METRICS_TOKEN_ENV).ok()),
            },
        )
        .with_blobs(opened.blobs.clone())
        .with_accounts(opened.engine.accounts.clone())
        .with_oral_history(opened.engine.oral.clone())
        .with_contributions(opened.engine.contributions.clone())
        .with_uploads(opened.engine.uploads.clone())
        .with_search(search);
        spawn_draft_purge(app.clone(), leases.clone());
        if let Some(every) = fixity_interval(&opened.config) {
            let db = opened.config.database(opened.dir.root())?;
            spawn_fixity_audits(
                db,
                opened.blobs.clone(),
                opened.engine.accounts.clone(),
                every,
                leases,
            );
        }
        tracing::info!(
            "Летопись {}: http://{local}/ (данные: {})",
            crate::build::VERSION_LINE,
            opened.dir.root().display()
        );
        // Stops the metrics listener when dropped, after the portal itself has stopped.
        let _metrics = spawn_metrics(opened.config.metrics_bind, app.clone()).await?;
        letopis_web::serve(listener, app, shutdown_signal())
            .await
            .context("сервер остановился с ошибкой")
    })
}

/// Serves `/metrics` on `metrics_bind`, if configured, until the returned sender is dropped.
async fn spawn_metrics(
    bind: Option<std::net::SocketAddr>,
    app: letopis_web::App,
) -> Result<Option<tokio::sync::oneshot::Sender<()>>> {
    let Some(addr) = bind else {
        return Ok(None);
    };
    let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| {
        format!("не удалось занять адрес {addr} для метрик: он занят или недоступен; исправьте metrics_bind в letopis.toml")
    })?;
    tracing::info!("metrics: http://{}/metrics", listener.local_addr()?);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        let shutdown = async {
            let _ = stopped.await;
        };
        if let Err(e) = letopis_web::serve_metrics(listener, app, shutdown).await {
            tracing::error!(error = %e, "the metrics listener stopped");
        }
    });
    Ok(Some(stop))
}

/// Opens the search index and starts its follower. A missing, damaged or outdated index is
/// rebuilt in the background: the portal serves at once, search fills in as the build commits.
/// The default interval of the fixity audit: weekly, as the NDSA levels suggest for a
/// collection on spinning disks that nobody reads otherwise.
const FIXITY_EVERY_DAYS: u32 = 7;
/// The first look after a start waits for the portal to warm up.
const FIXITY_FIRST_LOOK: Duration = Duration::from_secs(30);

fn fixity_interval(config: &FileConfig) -> Option<Duration> {
    match config.fixity_every_days.unwrap_or(FIXITY_EVERY_DAYS) {
        0 => None,
        days => Some(Duration::from_secs(u64::from(days) * 86_400)),
    }
}

/// Runs the fixity audit whenever the last one (by any node, or `letopis verify`) is older than
/// `every`, looking hourly; the result goes into the base for the studio and the metrics, and
/// problems into the log as errors.
fn spawn_fixity_audits(
    db: crate::engine::DatabaseSpec,
    media: Arc<dyn Blobs>,
    accounts: Arc<dyn letopis_store::Accounts>,
    every: Duration,
    leases: Leases,
) {
    tokio::spawn(async move {
        tokio::time::sleep(FIXITY_FIRST_LOOK).await;
        let mut tick = tokio::time::interval(Duration::from_secs(3600));
        loop {
            tick.tick().await;
            // An audit reads every original, for hours on a large store: the lease outlasts
            // it, and its holder renews it each hour.
            if !leases
                .hold("fixity-audit", Duration::from_secs(6 * 3600))
                .await
            {
                continue;
            }
            let (db, media, accounts) = (db.clone(), media.clone(), accounts.clone());
            let ran = tokio::task::spawn_blocking(move || -> Result<Option<bool>> {
                let last = accounts.fixity_audits(1)?.into_iter().next();
                let due = last.is_none_or(|a| {
                    let age = jiff::Timestamp::now().duration_since(a.started_at);
                    age.unsigned_abs() >= every
                });
                if !due {
                    return Ok(None);
                }
                let outcome = crate::fixity::audit(&db, &*media, &mut |finding| {
                    tracing::error!("fixity audit: {}", finding.describe());
                })?;
                accounts.record_fixity_audit(&outcome.audit)?;
                Ok(Some(outcome.audit.passed()))
            })
            .await;
            match ran {
                Ok(Ok(Some(true))) => tracing::info!("fixity audit: every original is whole"),
                Ok(Ok(Some(false))) => tracing::error!(
                    "fixity audit: originals are damaged or missing; see the studio's «Сохранность» page"
                ),
                Ok(Ok(None)) => {}
                Ok(Err(e)) => tracing::error!(error = %format!("{e:#}"), "fixity audit failed"),
                Err(e) => tracing::error!(error = %e, "fixity audit panicked"),
            }
        }
    });
}

fn start_search(opened: &Opened, store: Arc<dyn Store>) -> Result<(Arc<SearchIndex>, Follower)> {
    let (index, rebuild) =
        SearchIndex::open(&opened.dir.search()).context("не удалось открыть поисковый индекс")?;
    if let Some(why) = &rebuild {
        tracing::info!(?why, "search index will be built from the base");
    }
    let follower = Follower::start(index.clone(), store, rebuild.is_some())
        .context("не удалось запустить обновление поискового индекса")?;
    Ok((index, follower))
}

fn spawn_audience_refresh(store: Arc<dyn Store>, leases: Leases) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(AUDIENCE_REFRESH);
        loop {
            tick.tick().await;
            if !leases.hold("audience-refresh", AUDIENCE_REFRESH * 2).await {
                continue;
            }
            let store = store.clone();
            let result =
                tokio::task::spawn_blocking(move || store.refresh_audiences(letopis_core::today()))
                    .await;
            match result {
                Ok(Ok(0)) => {}
                Ok(Ok(n)) => tracing::info!("consent terms changed the audience of {n} records"),
                Ok(Err(e)) => tracing::warn!("audience refresh failed: {e}"),
                Err(e) => tracing::warn!("audience refresh task failed: {e}"),
            }
        }
    });
}

/// Leases on this node's scheduled jobs: several nodes over one base (issue #20) each tick, and
/// the one holding a job's lease runs it, so an audit or a purge runs once across the cluster;
/// when its holder stops, another node takes the job once the lease has run out. Alone over a
/// base, a node always holds them.
#[derive(Clone)]
struct Leases {
    accounts: Arc<dyn letopis_store::Accounts>,
    /// Host, process and start time: a restarted node is a new holder.
    node: Arc<str>,
}

impl Leases {
    fn new(accounts: Arc<dyn letopis_store::Accounts>) -> Leases {
        let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
            .ok()
            .or_else(|| std::env::var("HOSTNAME").ok())
            .unwrap_or_else(|| "node".into());
        let node = format!(
            "{}:{}:{}",
            host.trim(),
            std::process::id(),
            jiff::Timestamp::now().as_millisecond()
        );
        Leases {
            accounts,
            node: node.into(),
        }
    }

    /// Takes or renews `job`'s lease for `term`; false (logged) when another node holds it or
    /// the base cannot say.
    async fn hold(&self, job: &'static str, term: Duration) -> bool {
        let (accounts, node) = (self.accounts.clone(), self.node.clone());
        let held = tokio::task::spawn_blocking(move || {
            let now = jiff::Timestamp::now();
            let until = now
                .checked_add(jiff::SignedDuration::try_from(term).unwrap_or_default())
                .unwrap_or(now);
            accounts.hold_lease(job, &node, now, until)
        })
        .await;
        match held {
            Ok(Ok(true)) => true,
            Ok(Ok(false)) => {
                tracing::debug!(job, "another node holds the job's lease");
                false
            }
            Ok(Err(e)) => {
                tracing::warn!(job, error = %e, "the job's lease could not be taken");
                false
            }
            Err(e) => {
                tracing::warn!(job, error = %e, "taking the job's lease failed");
                false
            }
        }
    }
}

/// Turns transparent huge pages off for this process. The allocator's heaps (one per thread)
/// were backed by 2 MiB pages: a heap that touched a few kilobytes of a region made the whole
/// 2 MiB resident. Measured on the 9 May mix (issue #15): 289 MB resident after a few seconds
/// of load with huge pages, 99 MB without, the same throughput. Best effort: a kernel without
/// the setting serves as before.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: PR_SET_THP_DISABLE takes plain integers and touches no memory of ours.
        let done = unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) };
        if done != 0 {
            tracing::debug!("transparent huge pages could not be turned off");
        }
    }
}

/// Abandoned drafts of residents' stories go after `letopis_web::DRAFT_KEPT_DAYS`: they hold
/// personal data nobody sent. Abandoned studio uploads go after `letopis_web::UPLOAD_KEPT`: their
/// bytes sit in the base.
fn spawn_draft_purge(app: letopis_web::App, leases: Leases) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            tick.tick().await;
            if !leases.hold("purges", Duration::from_secs(2 * 3600)).await {
                continue;
            }
            match letopis_web::purge_abandoned_drafts(&app).await {
                Ok(0) => {}
                Ok(n) => tracing::info!("abandoned drafts purged, {n} files removed"),
                Err(e) => tracing::warn!("purging abandoned drafts failed: {e:?}"),
            }
            match letopis_web::purge_stale_uploads(&app).await {
                Ok(0) => {}
                Ok(n) => tracing::info!("{n} abandoned uploads purged"),
                Err(e) => tracing::warn!("purging abandoned uploads failed: {e:?}"),
            }
            // A school's contact is kept until its excursion, not after.
            match letopis_web::erase_past_excursions(&app).await {
                Ok(0) => {}
                Ok(n) => tracing::info!("contacts of {n} past excursions erased"),
                Err(e) => tracing::warn!("erasing past excursions' contacts failed: {e:?}"),
            }
            // A paper its author never confirmed is not kept beyond the week its link works.
            match letopis_web::erase_unconfirmed_papers(&app).await {
                Ok(0) => {}
                Ok(n) => tracing::info!("{n} unconfirmed conference papers erased"),
                Err(e) => tracing::warn!("erasing unconfirmed papers failed: {e:?}"),
            }
        }
    });
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}
