//! Which deployment the sites of a test run stand on (issue #20): the demo museum in SQLite with
//! its originals in a local directory, as `letopis demo` runs it (the default), or, under
//! `LETOPIS_TEST_DEPLOYMENT=postgres+s3`, the same museum in PostgreSQL with its originals in an
//! S3-compatible object store, as a fleet of nodes runs it. Every test runs unchanged on both.
//!
//! On PostgreSQL + S3 the demo base, generated into SQLite by [`fixture::demo_base`], is copied
//! once per test binary (`letopis_store::transfer`, as `letopis migrate` copies a museum) into a
//! template database of a throwaway cluster ([`TempCluster::shared`]), and every site gets a
//! database of its own made from that template, so sites that write never see each other's
//! writes. The demo's originals are uploaded once per test binary into a bucket of a throwaway
//! SeaweedFS server ([`SeaweedFs::shared`]), which the sites that only read share; a site that
//! uploads gets a prefix of its own. Both servers, with their directories, are removed by their
//! watchdogs when the test binary ends, however it ends.

use crate::fixture;
use anyhow::{Context, Result, anyhow, bail};
use letopis_media::s3::S3Location;
use letopis_media::seaweedfs::{ACCESS_KEY, SECRET_KEY, SeaweedFs};
use letopis_media::{BlobStore, Blobs, Limits};
use letopis_store::postgres::PgStore;
use letopis_store::postgres::testing::TempCluster;
use letopis_store::transfer::{self, Base};
use letopis_store::{Accounts, Contributions, OralHistory, Store, Uploads};
use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};

/// The environment variable that chooses the deployment.
pub const DEPLOYMENT_ENV: &str = "LETOPIS_TEST_DEPLOYMENT";

/// What the sites' base and originals are kept in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deployment {
    /// A SQLite file and a local directory of originals (`LETOPIS_TEST_DEPLOYMENT` unset, empty
    /// or `sqlite`).
    Sqlite,
    /// A PostgreSQL database and an S3 bucket (`LETOPIS_TEST_DEPLOYMENT=postgres+s3`).
    PostgresS3,
}

impl Deployment {
    /// The deployment [`DEPLOYMENT_ENV`] names. Any other value is an error, so that a typing
    /// mistake never passes for a run on PostgreSQL that in truth ran on SQLite.
    pub fn from_env() -> Result<Deployment> {
        match std::env::var(DEPLOYMENT_ENV) {
            Err(std::env::VarError::NotPresent) => Ok(Deployment::Sqlite),
            Ok(value) => match value.trim() {
                "" | "sqlite" => Ok(Deployment::Sqlite),
                "postgres+s3" => Ok(Deployment::PostgresS3),
                other => bail!("{DEPLOYMENT_ENV}={other}: expected `sqlite` or `postgres+s3`"),
            },
            Err(e) => bail!("{DEPLOYMENT_ENV}: {e}"),
        }
    }

    /// The name [`DEPLOYMENT_ENV`] gives it.
    pub fn name(self) -> &'static str {
        match self {
            Deployment::Sqlite => "sqlite",
            Deployment::PostgresS3 => "postgres+s3",
        }
    }
}

/// Every store trait the portal uses, in one, so that a site's store is one handle whichever the
/// engine (`Arc<dyn TestStore>` upcasts to each of them).
pub trait TestStore: Store + Accounts + OralHistory + Contributions + Uploads {}

impl<T> TestStore for T where T: Store + Accounts + OralHistory + Contributions + Uploads {}

/// The demo museum as a template database on this binary's cluster.
struct PgDemo {
    cluster: &'static TempCluster,
    sites: AtomicU32,
}

/// The template every site's database is made from.
const PG_TEMPLATE: &str = "browser_demo";

fn pg_demo() -> Result<&'static PgDemo> {
    static DEMO: OnceLock<std::result::Result<PgDemo, String>> = OnceLock::new();
    DEMO.get_or_init(|| make_pg_demo().map_err(|e| format!("{e:#}")))
        .as_ref()
        .map_err(|e| anyhow!("the demo museum in PostgreSQL could not be made: {e}"))
}

fn make_pg_demo() -> Result<PgDemo> {
    let demo = fixture::demo_base()?;
    let cluster = TempCluster::shared();
    admin(cluster, &format!("CREATE DATABASE {PG_TEMPLATE}"))?;
    let url = cluster.url(PG_TEMPLATE);
    transfer::copy(
        Base::Sqlite(&demo.database),
        Base::Postgres(&url),
        &mut |_, _| {},
    )
    .context("copying the demo base into PostgreSQL")?;
    // No one may stay connected to a template while it is copied: the copy's own connections
    // may still be closing.
    admin(
        cluster,
        &format!(
            "ALTER DATABASE {PG_TEMPLATE} WITH ALLOW_CONNECTIONS false IS_TEMPLATE true;
             SELECT pg_terminate_backend(pid) FROM pg_stat_activity
              WHERE datname = '{PG_TEMPLATE}' AND pid <> pg_backend_pid();"
        ),
    )?;
    Ok(PgDemo {
        cluster,
        sites: AtomicU32::new(1),
    })
}

fn admin(cluster: &TempCluster, sql: &str) -> Result<()> {
    let mut client = postgres::Client::connect(&cluster.url("postgres"), postgres::NoTls)
        .context("connecting to the test cluster")?;
    client
        .batch_execute(sql)
        .with_context(|| format!("on the test cluster: {sql}"))
}

/// A new database holding the demo museum, and its URL.
pub(crate) fn pg_site_database() -> Result<String> {
    let demo = pg_demo()?;
    let name = format!("site_{}", demo.sites.fetch_add(1, Ordering::Relaxed));
    admin(
        demo.cluster,
        &format!("CREATE DATABASE {name} TEMPLATE {PG_TEMPLATE}"),
    )?;
    Ok(demo.cluster.url(&name))
}

/// A store on a new database holding the demo museum, and the database's URL.
pub(crate) fn pg_site_store() -> Result<(Arc<dyn TestStore>, String)> {
    let url = pg_site_database()?;
    let store = PgStore::open(&url).context("opening the site's PostgreSQL database")?;
    Ok((Arc::new(store), url))
}

/// The demo's originals in a bucket of this binary's SeaweedFS server.
struct S3Demo {
    server: &'static SeaweedFs,
    sites: AtomicU32,
}

/// The bucket of the test run, and the prefix of the demo's originals in it.
const BUCKET: &str = "browser";
const DEMO_PREFIX: &str = "demo";

fn s3_demo() -> Result<&'static S3Demo> {
    static DEMO: OnceLock<std::result::Result<S3Demo, String>> = OnceLock::new();
    DEMO.get_or_init(|| make_s3_demo().map_err(|e| format!("{e:#}")))
        .as_ref()
        .map_err(|e| anyhow!("the demo's originals could not be put into S3: {e}"))
}

fn make_s3_demo() -> Result<S3Demo> {
    let demo = fixture::demo_base()?;
    let server = SeaweedFs::shared();
    let staging = tempfile::tempdir().context("a staging directory for the upload")?;
    let (bucket, _) = open_s3(server, DEMO_PREFIX, staging.path())?;
    let local = BlobStore::at(&demo.media_root, Limits::default());
    let mut uploaded = 0;
    for listed in local.list() {
        let listed = listed.context("listing the demo's originals")?;
        let Some(sha) = listed.sha256 else { continue };
        let path = local
            .local_path(&sha)
            .context("a local original has a path")?;
        bucket
            .put_verified(&sha, &path)
            .with_context(|| format!("uploading the demo's original {sha}"))?;
        uploaded += 1;
    }
    if uploaded == 0 {
        bail!(
            "the demo base has no originals in {}",
            demo.media_root.display()
        );
    }
    Ok(S3Demo {
        server,
        sites: AtomicU32::new(1),
    })
}

/// The originals under `prefix` of the test bucket, staged through `staging`.
fn open_s3(
    server: &SeaweedFs,
    prefix: &str,
    staging: &Path,
) -> Result<(Arc<dyn Blobs>, S3Location)> {
    let location = S3Location::parse(&server.location(&format!("{BUCKET}/{prefix}")))
        .map_err(|e| anyhow!("the test bucket's location: {e}"))?;
    let blobs = location
        .open_with_keys(Limits::default(), staging, Some((ACCESS_KEY, SECRET_KEY)))
        .with_context(|| format!("opening {}\n{}", location.spec(), server.log()))?;
    Ok((Arc::new(blobs), location))
}

/// The demo's originals, shared by every site that only reads them.
pub(crate) fn s3_demo_blobs(staging: &Path) -> Result<(Arc<dyn Blobs>, S3Location)> {
    open_s3(s3_demo()?.server, DEMO_PREFIX, staging)
}

/// An empty prefix of the test bucket, for a site that uploads.
pub(crate) fn s3_own_blobs(staging: &Path) -> Result<(Arc<dyn Blobs>, S3Location)> {
    let demo = s3_demo()?;
    let prefix = format!("site-{}", demo.sites.fetch_add(1, Ordering::Relaxed));
    open_s3(demo.server, &prefix, staging)
}
