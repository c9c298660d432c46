//! The storage engine and the blob store, chosen from configuration:
//!
//! ```toml
//! database = "sqlite:letopis.db"   # the default; relative to the data directory
//! database = "postgres://letopis@db.local/letopis"   # PostgreSQL, shared by several nodes
//! media = "file:media"             # the default; a local directory of originals
//! media = "s3://bucket/prefix?endpoint=http://10.0.0.5:8333"   # an S3-compatible store
//! ```
//!
//! `--database` and `--media` (or `LETOPIS_DATABASE`, `LETOPIS_MEDIA`) say the same for one run.
//!
//! Everything past this module holds trait objects (`Store`, `Accounts`, `OralHistory`,
//! `Contributions`, `Uploads`, `Blobs`), so a second engine or an object store slots in here and nowhere
//! else.

use anyhow::{Context, Result, bail};
use letopis_media::s3::S3Location;
use letopis_media::{BlobStore, Blobs, Limits};
use letopis_store::postgres::PgStore;
use letopis_store::sqlite::SqliteStore;
use letopis_store::{Accounts, Contributions, OralHistory, Store, Uploads};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where the base is, as configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseSpec {
    Sqlite(PathBuf),
    /// A PostgreSQL URL (`postgres://user[:password]@host[:port]/database[?…]`); the password
    /// is better given in `PGPASSWORD`-style libpq settings than written here.
    Postgres(String),
}

/// Where the originals are, as configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MediaSpec {
    File(PathBuf),
    /// An S3-compatible object store; the keys come from the environment.
    S3(S3Location),
}

/// `scheme:rest`, with a path relative to the data directory made absolute.
fn split<'a>(spec: &'a str, what: &str) -> Result<(&'a str, &'a str)> {
    let Some((scheme, rest)) = spec.trim().split_once(':') else {
        bail!(
            "{what} = \"{spec}\": укажите вид и место через двоеточие, например \"sqlite:letopis.db\""
        )
    };
    if rest.trim().is_empty() {
        bail!("{what} = \"{spec}\": после «{scheme}:» не указано место");
    }
    Ok((scheme, rest.trim()))
}

fn under(root: &Path, rest: &str) -> PathBuf {
    let path = Path::new(rest.strip_prefix("//").unwrap_or(rest));
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        root.join(path)
    }
}

impl DatabaseSpec {
    pub fn parse(spec: &str, root: &Path) -> Result<DatabaseSpec> {
        let (scheme, rest) = split(spec, "database")?;
        match scheme {
            "sqlite" => Ok(DatabaseSpec::Sqlite(under(root, rest))),
            "postgres" | "postgresql" => {
                let url = spec.trim();
                url.parse::<postgres::Config>().map_err(|e| {
                    anyhow::anyhow!(
                        "database = \"{}\": адрес PostgreSQL не читается ({e}); пример: \"postgres://letopis@db.local:5432/letopis\"",
                        hide_password(url)
                    )
                })?;
                Ok(DatabaseSpec::Postgres(url.to_string()))
            }
            other => bail!(
                "database = \"{spec}\": движок «{other}» не поддерживается; укажите \"sqlite:путь\" или \"postgres://…\""
            ),
        }
    }
}

impl MediaSpec {
    pub fn parse(spec: &str, root: &Path) -> Result<MediaSpec> {
        let (scheme, rest) = split(spec, "media")?;
        match scheme {
            "file" => Ok(MediaSpec::File(under(root, rest))),
            "s3" => S3Location::parse(spec)
                .map(MediaSpec::S3)
                .map_err(|e| anyhow::anyhow!("media = {e}")),
            other => bail!(
                "media = \"{spec}\": хранилище «{other}» не поддерживается; укажите \"file:каталог\" или \"s3://корзина?endpoint=…\""
            ),
        }
    }
}

/// One base, seen through each of the traits the portal uses.
#[derive(Clone)]
pub struct Engine {
    pub store: Arc<dyn Store>,
    pub accounts: Arc<dyn Accounts>,
    pub oral: Arc<dyn OralHistory>,
    pub contributions: Arc<dyn Contributions>,
    pub uploads: Arc<dyn Uploads>,
}

impl Engine {
    /// Opens the base; `replica` (PostgreSQL only) is a streaming replica for its reads.
    pub fn open(spec: &DatabaseSpec, replica: Option<&str>) -> Result<Engine> {
        if let (DatabaseSpec::Sqlite(_), Some(_)) = (spec, replica) {
            bail!(
                "database_replica: реплика бывает только у базы PostgreSQL, а эта база — файл SQLite"
            );
        }
        match spec {
            DatabaseSpec::Sqlite(path) => {
                let sqlite = Arc::new(
                    SqliteStore::open(path)
                        .with_context(|| format!("не удалось открыть базу {}", path.display()))?,
                );
                Ok(Engine {
                    store: sqlite.clone(),
                    accounts: sqlite.clone(),
                    oral: sqlite.clone(),
                    contributions: sqlite.clone(),
                    uploads: sqlite,
                })
            }
            DatabaseSpec::Postgres(url) => {
                let pg =
                    Arc::new(PgStore::open(url).with_context(|| {
                        format!("не удалось открыть базу {}", hide_password(url))
                    })?);
                Ok(Engine {
                    store: pg.clone(),
                    accounts: pg.clone(),
                    oral: pg.clone(),
                    contributions: pg.clone(),
                    uploads: pg,
                })
            }
        }
    }
}

/// A database URL as it may be shown and logged: any password replaced by `***`.
pub fn hide_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    match authority.rsplit_once('@') {
        Some((user, host)) if user.contains(':') => {
            let name = user.split(':').next().unwrap_or_default();
            format!("{scheme}://{name}:***@{host}{path}")
        }
        _ => url.to_string(),
    }
}

impl std::fmt::Display for DatabaseSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DatabaseSpec::Sqlite(path) => write!(f, "{}", path.display()),
            DatabaseSpec::Postgres(url) => write!(f, "{}", hide_password(url)),
        }
    }
}

/// Opens the blob store and proves it writable, so a misconfigured one fails at start-up
/// rather than on the first upload. An object store stages files in `root/staging`.
pub fn open_blobs(spec: &MediaSpec, limits: Limits, root: &Path) -> Result<Arc<dyn Blobs>> {
    match spec {
        MediaSpec::File(dir) => Ok(Arc::new(BlobStore::open(dir, limits).with_context(
            || format!("не удалось открыть хранилище медиафайлов {}", dir.display()),
        )?)),
        MediaSpec::S3(location) => Ok(Arc::new(
            location
                .open(limits, root.join("staging"))
                .with_context(|| format!("не удалось открыть хранилище медиафайлов {}", spec))?,
        )),
    }
}

impl std::fmt::Display for MediaSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MediaSpec::File(dir) => write!(f, "{}", dir.display()),
            MediaSpec::S3(s3) => {
                write!(f, "s3://{}", s3.bucket)?;
                if !s3.prefix.is_empty() {
                    write!(f, "/{}", s3.prefix)?;
                }
                match &s3.endpoint {
                    Some(endpoint) => write!(f, " на {endpoint}"),
                    None => Ok(()),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_name_an_engine_and_a_place() {
        let root = Path::new("/srv/letopis");
        assert_eq!(
            DatabaseSpec::parse("sqlite:letopis.db", root).unwrap(),
            DatabaseSpec::Sqlite("/srv/letopis/letopis.db".into())
        );
        assert_eq!(
            DatabaseSpec::parse("sqlite:///var/lib/l.db", root).unwrap(),
            DatabaseSpec::Sqlite("/var/lib/l.db".into())
        );
        assert_eq!(
            MediaSpec::parse("file:/mnt/media", root).unwrap(),
            MediaSpec::File("/mnt/media".into())
        );
        let err = |r: Result<_>| format!("{:#}", r.expect_err("an error"));
        assert!(err(DatabaseSpec::parse("letopis.db", root).map(|_| ())).contains("двоеточие"));
        assert!(err(DatabaseSpec::parse("mysql:x", root).map(|_| ())).contains("mysql"));
        assert_eq!(
            DatabaseSpec::parse("postgres://l@db:5432/museum", root).unwrap(),
            DatabaseSpec::Postgres("postgres://l@db:5432/museum".into())
        );
        let bad = err(DatabaseSpec::parse("postgres://l:secret@db:notaport/m", root).map(|_| ()));
        assert!(
            bad.contains("не читается") && !bad.contains("secret"),
            "{bad}"
        );
        assert_eq!(
            DatabaseSpec::Postgres("postgresql://l:secret@db/m?sslmode=disable".into()).to_string(),
            "postgresql://l:***@db/m?sslmode=disable"
        );
        assert!(err(MediaSpec::parse("file:", root).map(|_| ())).contains("не указано"));
        assert!(err(MediaSpec::parse("ftp:host", root).map(|_| ())).contains("ftp"));
        assert_eq!(
            MediaSpec::parse("s3://museum/town?endpoint=http://127.0.0.1:8333", root).unwrap(),
            MediaSpec::S3(S3Location {
                bucket: "museum".into(),
                prefix: "town".into(),
                endpoint: Some("http://127.0.0.1:8333".into()),
                region: None,
            })
        );
        assert!(err(MediaSpec::parse("s3://Museum", root).map(|_| ())).contains("имя корзины"));
    }
}
