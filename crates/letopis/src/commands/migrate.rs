//! `letopis migrate --from sqlite:DIR --to postgres://… [--media s3://…]` and back down
//! (`--from postgres://… --from-media … --to sqlite:DIR`): a whole base moved between engines
//! by `letopis_store::transfer` (every table, revisions and the audit log included, in one
//! transaction, into an empty base only), then read back and compared row for row; the
//! originals copied where the copy is to find them, and every original the base names checked
//! there.

use crate::cli::{DataArgs, MigrateArgs};
use crate::data_dir::{DataDir, Located};
use crate::engine::{DatabaseSpec, MediaSpec, hide_password, open_blobs};
use anyhow::{Context, Result, bail};
use letopis_media::{BlobStore, Blobs};
use letopis_store::transfer::{self, Base};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// One side of a migration.
enum Side {
    /// A data directory, its SQLite file, and where its originals are.
    Sqlite {
        dir: PathBuf,
        db: PathBuf,
        media: MediaSpec,
    },
    Postgres {
        url: String,
        media: Option<MediaSpec>,
    },
}

impl Side {
    fn base(&self) -> Base<'_> {
        match self {
            Side::Sqlite { db, .. } => Base::Sqlite(db),
            Side::Postgres { url, .. } => Base::Postgres(url),
        }
    }

    fn media(&self) -> Option<&MediaSpec> {
        match self {
            Side::Sqlite { media, .. } => Some(media),
            Side::Postgres { media, .. } => media.as_ref(),
        }
    }

    fn database(&self) -> DatabaseSpec {
        match self {
            Side::Sqlite { db, .. } => DatabaseSpec::Sqlite(db.clone()),
            Side::Postgres { url, .. } => DatabaseSpec::Postgres(url.clone()),
        }
    }

    fn describe(&self) -> String {
        match self {
            Side::Sqlite { db, .. } => format!("SQLite {}", db.display()),
            Side::Postgres { url, .. } => format!("PostgreSQL {}", hide_password(url)),
        }
    }
}

/// `sqlite:DIR` (a data directory) or a PostgreSQL URL.
enum Spec {
    Dir(PathBuf),
    Postgres(String),
}

fn spec(text: &str, flag: &str) -> Result<Spec> {
    let text = text.trim();
    if let Some(dir) = text.strip_prefix("sqlite:") {
        let dir = dir.strip_prefix("//").unwrap_or(dir);
        if dir.is_empty() {
            bail!("{flag} {text}: после «sqlite:» укажите каталог данных");
        }
        let dir = PathBuf::from(dir);
        if dir.is_file() {
            bail!(
                "{flag} {text}: это файл; укажите каталог данных, в котором он лежит (sqlite:КАТАЛОГ)"
            );
        }
        return Ok(Spec::Dir(dir));
    }
    match DatabaseSpec::parse(text, Path::new("/"))? {
        DatabaseSpec::Postgres(url) => Ok(Spec::Postgres(url)),
        DatabaseSpec::Sqlite(_) => unreachable!("sqlite: is read above"),
    }
}

pub fn run(args: &MigrateArgs) -> Result<()> {
    let started = Instant::now();
    match (spec(&args.from, "--from")?, spec(&args.to, "--to")?) {
        (Spec::Dir(_), Spec::Dir(_)) => bail!(
            "обе базы — SQLite: перенос идёт из SQLite в PostgreSQL или обратно; копию каталога данных делает letopis backup"
        ),
        (Spec::Postgres(_), Spec::Postgres(_)) => bail!(
            "обе базы — PostgreSQL: базу PostgreSQL копируют её собственными средствами (pg_dump, pg_basebackup)"
        ),
        _ => {}
    }
    let from = source(args)?;
    let to = target(args, &from)?;
    println!("Перенос базы: {} → {}", from.describe(), to.describe());
    let copied = transfer::copy(from.base(), to.base(), &mut |table, rows| {
        if rows > 0 {
            println!("  {table}: {rows}");
        }
    })
    .context("база не перенесена; то, куда переносили, осталось как было")?;
    let rows: u64 = copied.iter().map(|t| t.rows).sum();
    println!(
        "Скопировано {rows} строк в {} таблицах за {:.1} с.",
        copied.len(),
        started.elapsed().as_secs_f64()
    );
    let checked = Instant::now();
    let compared = transfer::compare(from.base(), to.base())
        .context("проверка копии не прошла: не пользуйтесь копией, перенесите базу заново")?;
    println!(
        "Проверено: все {} строк копии совпадают с исходными ({:.1} с).",
        compared.iter().map(|t| t.rows).sum::<u64>(),
        checked.elapsed().as_secs_f64()
    );
    copy_originals(&from, &to)?;
    if let Side::Sqlite { dir, media, .. } = &to {
        write_settings(dir, media)?;
    }
    match &to {
        Side::Postgres { url, media } => {
            let media = media
                .as_ref()
                .map(|m| format!(" --media {}", spec_text(m)))
                .unwrap_or_default();
            println!(
                "Готово. Узлы запускают так: letopis serve --data КАТАЛОГ_УЗЛА --database {}{media}\n(настройки letopis.toml и карты каждый узел берёт из своего каталога данных)",
                hide_password(url)
            );
        }
        Side::Sqlite { dir, .. } => println!(
            "Готово. Портал на копии: letopis serve --data {}",
            dir.display()
        ),
    }
    Ok(())
}

fn source(args: &MigrateArgs) -> Result<Side> {
    let from_media = args
        .from_media
        .as_deref()
        .map(|m| MediaSpec::parse(m, Path::new("/")))
        .transpose()?;
    match spec(&args.from, "--from")? {
        Spec::Dir(dir) => {
            if !dir.is_dir() {
                bail!(
                    "--from {}: каталога данных {} нет; укажите каталог, в котором лежит letopis.db",
                    args.from,
                    dir.display()
                );
            }
            if from_media.is_some() {
                bail!(
                    "--from-media нужен только для базы PostgreSQL: где оригиналы каталога {}, сказано в его настройках",
                    dir.display()
                );
            }
            let museum = Located::find(&DataArgs {
                data: dir.clone(),
                upgrade_without_backup: false,
                database: None,
                database_replica: None,
                media: None,
            })?;
            let db = museum.sqlite_file("letopis migrate --from")?.to_path_buf();
            // The copy brings an older base to this version's schema first: as any command,
            // only after a fresh backup (README, «Upgrades»).
            let decision = crate::upgrade::guard(museum.dir.root(), &db, false)?;
            crate::upgrade::log(&decision);
            Ok(Side::Sqlite {
                dir,
                db,
                media: museum.media,
            })
        }
        Spec::Postgres(url) => Ok(Side::Postgres {
            url,
            media: from_media,
        }),
    }
}

fn target(args: &MigrateArgs, from: &Side) -> Result<Side> {
    match spec(&args.to, "--to")? {
        Spec::Dir(dir) => {
            let data = DataDir::prepare(&dir)?;
            let db = data.root().join("letopis.db");
            if db.exists() {
                bail!(
                    "в каталоге {} уже есть база ({}): переносят только в каталог без базы",
                    dir.display(),
                    db.display()
                );
            }
            let media = match &args.media {
                Some(m) => MediaSpec::parse(m, data.root())?,
                None => MediaSpec::File(data.root().join("media")),
            };
            Ok(Side::Sqlite { dir, db, media })
        }
        Spec::Postgres(url) => {
            let media = match &args.media {
                Some(m) => Some(MediaSpec::parse(m, Path::new("/"))?),
                None => from.media().cloned(),
            };
            Ok(Side::Postgres { url, media })
        }
    }
}

/// The setting that names `media` in a letopis.toml.
fn spec_text(media: &MediaSpec) -> String {
    match media {
        MediaSpec::File(dir) => format!("file:{}", dir.display()),
        MediaSpec::S3(s3) => s3.spec(),
    }
}

/// Copies the originals the source has and the target's store lacks, then checks that every
/// original the copied base names is in the target's store.
fn copy_originals(from: &Side, to: &Side) -> Result<()> {
    let Some(target_spec) = to.media() else {
        return Ok(());
    };
    let Some(source_spec) = from.media() else {
        bail!(
            "база перенесена, но оригиналы медиафайлов — нет: укажите, где они у базы PostgreSQL, через --from-media (как --media её узлов), и перенесите базу заново в пустую базу"
        );
    };
    let root = match to {
        Side::Sqlite { dir, .. } => dir.clone(),
        Side::Postgres { .. } => std::env::temp_dir(),
    };
    let limits = letopis_media::Limits::default();
    let target = open_blobs(target_spec, limits, &root)?;
    if source_spec != target_spec {
        let source: Arc<dyn Blobs> = match source_spec {
            MediaSpec::File(dir) => Arc::new(BlobStore::at(dir, limits)),
            spec => open_blobs(spec, limits, &root)?,
        };
        let started = Instant::now();
        let (mut copied, mut present, mut bytes) = (0u64, 0u64, 0u64);
        for listed in source.list() {
            let listed = listed.context("не удалось перечислить оригиналы")?;
            let Some(sha) = listed.sha256 else { continue };
            if target.contains(&sha) {
                present += 1;
                continue;
            }
            bytes += match source.local_path(&sha) {
                Some(path) => target.put_verified(&sha, &path)?,
                None => {
                    let mut file = tempfile::NamedTempFile::new_in(&root)
                        .context("не удалось создать временный файл")?;
                    let mut reader = source.reader(&sha)?;
                    std::io::copy(&mut reader, file.as_file_mut())
                        .with_context(|| format!("не удалось прочитать оригинал {sha}"))?;
                    target.put_verified(&sha, file.path())?
                }
            };
            copied += 1;
        }
        println!(
            "Оригиналы: скопировано {copied} ({:.1} МБ), уже были {present} ({:.1} с).",
            bytes as f64 / 1e6,
            started.elapsed().as_secs_f64()
        );
    }
    let mut named = 0u64;
    let mut missing = Vec::new();
    crate::fixity::each_named(&to.database(), |sha| {
        named += 1;
        if !target.contains(sha) {
            missing.push(sha.to_string());
        }
    })?;
    if !missing.is_empty() {
        bail!(
            "база перенесена, но {} из {named} оригиналов, которые она называет, нет в {}: {}",
            missing.len(),
            target_spec,
            crate::bagit::listed(&missing)
        );
    }
    println!("Все {named} оригиналов, которые называет база, на месте ({target_spec}).");
    Ok(())
}

/// A new data directory's letopis.toml names where its originals are, unless that is the
/// default.
fn write_settings(dir: &Path, media: &MediaSpec) -> Result<()> {
    if *media == MediaSpec::File(dir.join("media")) {
        return Ok(());
    }
    let file = dir.join("letopis.toml");
    if file.exists() {
        println!(
            "В {} оставлены прежние настройки; оригиналы этой копии: media = \"{}\"",
            file.display(),
            spec_text(media)
        );
        return Ok(());
    }
    std::fs::write(&file, format!("media = \"{}\"\n", spec_text(media)))
        .with_context(|| format!("не удалось записать {}", file.display()))
}
