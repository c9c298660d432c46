//! Configuration: `DIR/letopis.toml`, overridden by environment variables and flags.

use anyhow::{Context, Result};
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::Path;

pub const DEFAULT_BIND: &str = "127.0.0.1:8080";

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub bind: Option<SocketAddr>,
    pub site_name: Option<String>,
    /// The site's public address (`https://letopis.example.ru`): the base of canonical links,
    /// link cards, the sitemap and the Atom feed. See `letopis_web::check_public_url`.
    pub public_url: Option<String>,
    /// Where visitors send what they know about a record («Знаете больше? Дополните»).
    pub contact_email: Option<String>,
    /// How often the portal reads every media original to check it against its name and the
    /// base (the fixity audit, `crate::fixity`), in days; 0 turns it off. Default 7.
    pub fixity_every_days: Option<u32>,
    /// `true` lets a new version migrate a base an earlier one made without a fresh
    /// `letopis backup` first (see `crate::upgrade`); for bases backed up by other means.
    pub upgrade_without_backup: Option<bool>,
    /// The engine and place of the base: `"sqlite:letopis.db"` (the default, relative to the
    /// data directory). See `crate::engine`.
    pub database: Option<String>,
    /// A streaming replica of a PostgreSQL `database` (`"postgres://…"`): the information
    /// base's reads go to it whenever it has caught up with what the node has seen.
    pub database_replica: Option<String>,
    /// `media = "file:media"` (where originals are), or a `[media]` table with `location` and
    /// the size limits.
    #[serde(default)]
    pub media: MediaSetting,
    #[serde(default)]
    pub map: MapSection,
    /// `[smtp]`: the mail server for invitations and password resets; without it letters are
    /// written to `DIR/mail/`.
    pub smtp: Option<SmtpSection>,
    /// `[cache]`: the page cache's size.
    #[serde(default)]
    pub cache: CacheSection,
    /// `[search]`: how many searches run at once and how many wait.
    #[serde(default)]
    pub search: SearchSection,
    /// `[kiosk]`: the exhibition hall's screens.
    #[serde(default)]
    pub kiosk: KioskSection,
    /// A separate address for `/metrics` (`127.0.0.1:9464`), open to whoever reaches it.
    pub metrics_bind: Option<SocketAddr>,
    /// A bearer token that opens `/metrics` on the portal's own port to other machines (or
    /// `LETOPIS_METRICS_TOKEN`); without either only local clients may read it there.
    pub metrics_token: Option<Secret>,
    /// `text` (the default) or `json`: one JSON object a line, for a log collector. Read by
    /// [`log_format`] before the rest, to start logging with; here so the key is known.
    #[expect(dead_code, reason = "read by `log_format` before logging starts")]
    pub log_format: Option<crate::cli::LogFormat>,
}

/// The environment variable that gives the metrics token, so that it need not sit in the file.
pub const METRICS_TOKEN_ENV: &str = "LETOPIS_METRICS_TOKEN";

/// `log_format` alone, read before logging starts; the whole file is checked after.
#[derive(Deserialize, Default)]
struct LogOnly {
    log_format: Option<crate::cli::LogFormat>,
}

/// `log_format` of `DIR/letopis.toml`, if it says; a missing or broken file says nothing here
/// (loading it properly reports what is wrong, in the log that this starts).
pub fn log_format(data: &Path) -> Option<crate::cli::LogFormat> {
    let text = std::fs::read_to_string(data.join("letopis.toml")).ok()?;
    toml::from_str::<LogOnly>(&text).ok()?.log_format
}

impl FileConfig {
    /// The metrics token: the environment's, else the file's; an empty one is none.
    pub fn metrics_token(&self, from_env: Option<String>) -> Option<letopis_web::MetricsToken> {
        from_env
            .or_else(|| self.metrics_token.as_ref().map(|t| t.0.clone()))
            .filter(|t| !t.trim().is_empty())
            .map(letopis_web::MetricsToken::from)
    }
}

/// A value kept out of `Debug` output (the configuration may be printed).
#[derive(Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

/// `[kiosk]`: the addresses of the hall's screens, which are always kiosks (see
/// `letopis_web::public::kiosk`), and their idle reset.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct KioskSection {
    #[serde(default)]
    pub addresses: Vec<String>,
    pub idle_seconds: Option<u32>,
}

impl KioskSection {
    pub fn to_web(&self) -> Result<letopis_web::KioskConfig> {
        let default = letopis_web::KioskConfig::default();
        let idle_seconds = match self.idle_seconds {
            None => default.idle_seconds,
            Some(s) if (3..=3600).contains(&s) => s,
            Some(s) => anyhow::bail!(
                "[kiosk] idle_seconds = {s}: нужно от 3 до 3600 секунд (по умолчанию 90)"
            ),
        };
        let addresses = self
            .addresses
            .iter()
            .map(|a| letopis_web::KioskConfig::parse_address(a))
            .collect::<Result<Vec<_>, String>>()
            .map_err(|e| anyhow::anyhow!("[kiosk] addresses: {e}"))?;
        Ok(letopis_web::KioskConfig {
            addresses,
            idle_seconds,
        })
    }
}

/// `[cache]`: rendered pages kept for anonymous visitors (see `letopis_web::shell::page_cache`).
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CacheSection {
    /// Megabytes of pages kept; `0` turns the cache off. Default 32.
    pub pages_mb: Option<usize>,
}

impl CacheSection {
    pub fn bytes(&self) -> usize {
        self.pages_mb
            .map_or(letopis_web::DEFAULT_PAGE_CACHE_BYTES, |mb| mb << 20)
    }
}

/// `[search]`: admission control in front of the search index (see
/// `letopis_web::shell::admission`).
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SearchSection {
    /// Searches running at once; default: the number of cores.
    pub concurrent: Option<usize>,
    /// Searches waiting for a turn; beyond it `503`. Default 256.
    pub queue: Option<usize>,
    /// Milliseconds a search waits for its turn before `503`. Default 2000.
    pub wait_ms: Option<u64>,
}

impl SearchSection {
    pub fn limits(&self) -> Result<letopis_web::shell::admission::SearchLimits> {
        let default = letopis_web::shell::admission::SearchLimits::default();
        if self.concurrent == Some(0) {
            anyhow::bail!("[search] concurrent = 0: нужен хотя бы один одновременный поиск");
        }
        Ok(letopis_web::shell::admission::SearchLimits {
            concurrent: self.concurrent.unwrap_or(default.concurrent),
            queue: self.queue.unwrap_or(default.queue),
            wait: self
                .wait_ms
                .map_or(default.wait, std::time::Duration::from_millis),
        })
    }
}

/// The environment variable that gives the SMTP password, so that it need not sit in the file.
pub const SMTP_PASSWORD_ENV: &str = "LETOPIS_SMTP_PASSWORD";

/// `[smtp]`: see the README's configuration section.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SmtpSection {
    pub host: String,
    pub port: Option<u16>,
    /// `starttls` (the default), `tls` or `none`.
    pub security: Option<String>,
    pub username: Option<String>,
    pub password: Option<String>,
    pub from: String,
    /// A PEM file of a certificate authority to trust, relative to the data directory or absolute.
    pub ca_file: Option<std::path::PathBuf>,
}

impl std::fmt::Debug for SmtpSection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSection")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .field("from", &self.from)
            .field("ca_file", &self.ca_file)
            .finish()
    }
}

/// `[map]`: where the base map's tiles come from (see `letopis_web::tiles`). With neither key
/// the map shows markers on a plain background and asks no other host for anything.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct MapSection {
    /// A tile server's URL template, `https://host/{z}/{x}/{y}.png`.
    pub tiles: Option<String>,
    /// The credit the tile source requires.
    pub attribution: Option<String>,
    /// A local MBTiles file (raster or vector), relative to the data directory or absolute;
    /// wins over `tiles`.
    pub mbtiles: Option<std::path::PathBuf>,
    /// The base layer's name in the layer switch (default «Сегодня»).
    pub label: Option<String>,
    /// `[map.historic]`: a second, raster layer visitors can switch to.
    pub historic: Option<HistoricSection>,
}

/// `[map.historic]`: a georeferenced old map as a raster MBTiles file.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct HistoricSection {
    pub mbtiles: Option<std::path::PathBuf>,
    /// Its name in the layer switch, e.g. "1941".
    pub label: Option<String>,
    pub attribution: Option<String>,
}

/// Opens an MBTiles file the way the portal will, so a wrong file stops the start with the reason.
fn check_mbtiles(key: &str, path: &Path) -> Result<letopis_web::tiles::TileFormat> {
    if !path.is_file() {
        anyhow::bail!(
            "{key}: файл {} не найден; укажите путь к файлу .mbtiles или уберите ключ",
            path.display()
        );
    }
    let tiles = letopis_web::tiles::MbTiles::open(path)
        .map_err(|e| anyhow::anyhow!("{key}: {}: {e}", path.display()))?;
    Ok(tiles.info().format)
}

impl MapSection {
    /// The MBTiles files named here, as written (relative to the data directory or absolute):
    /// a backup carries the ones inside the data directory, since nothing rebuilds them.
    pub fn files(&self) -> impl Iterator<Item = &Path> {
        let historic = self.historic.as_ref().and_then(|h| h.mbtiles.as_deref());
        self.mbtiles.as_deref().into_iter().chain(historic)
    }

    /// The web layer's map settings, checked now so that a bad value stops the start with a
    /// message instead of a map that silently lacks its tiles.
    pub fn to_web(&self, data_dir: &Path) -> Result<letopis_web::tiles::MapConfig> {
        if let Some(template) = &self.tiles {
            letopis_web::tiles::tile_origin(template)
                .with_context(|| format!("[map] tiles = \"{template}\""))?;
        }
        let mbtiles = self.mbtiles.as_ref().map(|p| data_dir.join(p));
        if let Some(path) = &mbtiles {
            check_mbtiles("[map] mbtiles", path)?;
        }
        let historic = match &self.historic {
            None => None,
            Some(h) => Some(self.historic_to_web(h, data_dir)?),
        };
        Ok(letopis_web::tiles::MapConfig {
            tiles: self.tiles.clone(),
            attribution: self.attribution.clone().unwrap_or_default(),
            mbtiles,
            label: self.label.clone().unwrap_or_default().trim().to_string(),
            historic,
        })
    }

    fn historic_to_web(
        &self,
        h: &HistoricSection,
        data_dir: &Path,
    ) -> Result<letopis_web::tiles::HistoricLayer> {
        if self.mbtiles.is_none() && self.tiles.is_none() {
            anyhow::bail!(
                "[map.historic]: исторический слой показывается вместе с основным; \
                 укажите и основную подложку ([map] mbtiles или tiles)"
            );
        }
        let Some(file) = &h.mbtiles else {
            anyhow::bail!(
                "[map.historic]: не указан файл (mbtiles = \"map/1941.mbtiles\"): растровый MBTiles \
                 со старой картой, как его сделать — в README, раздел «Карта»"
            );
        };
        let label = h.label.as_deref().map(str::trim).unwrap_or_default();
        if label.is_empty() {
            anyhow::bail!(
                "[map.historic]: не указано название слоя (label = \"1941\"): его видят посетители \
                 в переключателе слоёв"
            );
        }
        let path = data_dir.join(file);
        // Raster (a scanned sheet) or vector (a 1941 reconstruction, drawn in sepia): both do.
        check_mbtiles("[map.historic] mbtiles", &path)?;
        Ok(letopis_web::tiles::HistoricLayer {
            mbtiles: path,
            label: label.to_string(),
            attribution: h.attribution.clone().unwrap_or_default(),
        })
    }
}

impl FileConfig {
    /// How the studio's letters leave, checked now: a typo in `[smtp]` stops the start instead
    /// of losing the first invitation. `env_password` (from [`SMTP_PASSWORD_ENV`]) wins over the
    /// file's `password`.
    pub fn mail_route(
        &self,
        data_dir: &Path,
        env_password: Option<String>,
    ) -> Result<letopis_web::studio::mail::MailRoute> {
        use letopis_web::studio::mail::{MailRoute, Security, SmtpSettings};
        let Some(smtp) = &self.smtp else {
            return Ok(MailRoute::Files);
        };
        let security = match smtp.security.as_deref() {
            None => Security::default(),
            Some(code) => Security::from_code(code).with_context(|| {
                format!("[smtp] security = \"{code}\": возможны \"starttls\", \"tls\" и \"none\"")
            })?,
        };
        let ca_pem = match &smtp.ca_file {
            Some(file) => {
                let path = data_dir.join(file);
                Some(std::fs::read(&path).with_context(|| {
                    format!("[smtp] ca_file: не удалось прочитать {}", path.display())
                })?)
            }
            None => None,
        };
        let password = env_password
            .filter(|p| !p.is_empty())
            .or_else(|| smtp.password.clone());
        MailRoute::smtp(SmtpSettings {
            host: smtp.host.clone(),
            port: smtp.port,
            security,
            username: smtp.username.clone(),
            password,
            from: smtp.from.clone(),
            ca_pem,
        })
        .map_err(|e| anyhow::anyhow!("[smtp]: {e}"))
    }
}

/// `media = "file:…"` alone, or the `[media]` table.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum MediaSetting {
    Location(String),
    Section(MediaLimitsMb),
}

impl Default for MediaSetting {
    fn default() -> Self {
        MediaSetting::Section(MediaLimitsMb::default())
    }
}

impl MediaSetting {
    pub fn to_limits(&self) -> letopis_media::Limits {
        match self {
            MediaSetting::Location(_) => letopis_media::Limits::default(),
            MediaSetting::Section(s) => s.to_limits(),
        }
    }

    pub fn location(&self) -> Option<&str> {
        match self {
            MediaSetting::Location(l) => Some(l),
            MediaSetting::Section(s) => s.location.as_deref(),
        }
    }

    /// Puts the originals elsewhere, keeping the size limits.
    pub fn set_location(&mut self, location: String) {
        match self {
            MediaSetting::Location(l) => *l = location,
            MediaSetting::Section(s) => s.location = Some(location),
        }
    }
}

/// `[media]`: where originals are and their size limits, in mebibytes.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct MediaLimitsMb {
    /// `"file:media"` by default.
    pub location: Option<String>,
    pub image_mb: Option<u64>,
    pub audio_mb: Option<u64>,
    pub video_mb: Option<u64>,
    pub document_mb: Option<u64>,
    pub text_mb: Option<u64>,
}

impl MediaLimitsMb {
    pub fn to_limits(&self) -> letopis_media::Limits {
        let d = letopis_media::Limits::default();
        let mb = |v: Option<u64>, default: u64| v.map_or(default, |m| m.saturating_mul(1 << 20));
        letopis_media::Limits {
            image: mb(self.image_mb, d.image),
            audio: mb(self.audio_mb, d.audio),
            video: mb(self.video_mb, d.video),
            document: mb(self.document_mb, d.document),
            text: mb(self.text_mb, d.text),
        }
    }
}

impl FileConfig {
    pub fn load(path: &Path) -> Result<FileConfig> {
        match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str(&text)
                .with_context(|| format!("ошибка в файле настроек {}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(FileConfig::default()),
            Err(e) => Err(e).with_context(|| format!("не удалось прочитать {}", path.display())),
        }
    }

    /// The checked public address, so that a typo stops the start instead of publishing a
    /// sitemap of broken links.
    pub fn public_url(&self) -> Result<Option<String>> {
        self.public_url
            .as_deref()
            .map(letopis_web::check_public_url)
            .transpose()
            .map_err(Into::into)
    }

    /// The configured engine, `sqlite:letopis.db` in the data directory unless told otherwise.
    pub fn database(&self, root: &Path) -> Result<crate::engine::DatabaseSpec> {
        crate::engine::DatabaseSpec::parse(
            self.database.as_deref().unwrap_or("sqlite:letopis.db"),
            root,
        )
    }

    /// The configured blob store, `file:media` in the data directory unless told otherwise.
    pub fn media_spec(&self, root: &Path) -> Result<crate::engine::MediaSpec> {
        crate::engine::MediaSpec::parse(self.media.location().unwrap_or("file:media"), root)
    }

    pub fn bind(&self, flag: Option<SocketAddr>) -> SocketAddr {
        flag.or(self.bind).unwrap_or_else(|| {
            DEFAULT_BIND
                .parse()
                .expect("the default bind address is valid")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use letopis_web::studio::mail::MailRoute;

    fn parse(text: &str) -> FileConfig {
        toml::from_str(text).expect("config")
    }

    const SMTP: &str = r#"
[smtp]
host = "smtp.example.ru"
from = "Летопись <museum@example.ru>"
username = "museum@example.ru"
"#;

    #[test]
    fn engine_and_media_come_from_the_file() {
        use crate::engine::{DatabaseSpec, MediaSpec};
        let root = Path::new("/srv/l");
        let default = parse("");
        assert_eq!(
            default.database(root).unwrap(),
            DatabaseSpec::Sqlite("/srv/l/letopis.db".into())
        );
        assert_eq!(
            default.media_spec(root).unwrap(),
            MediaSpec::File("/srv/l/media".into())
        );
        let short = parse("database = \"sqlite:/var/lib/l.db\"\nmedia = \"file:/mnt/m\"\n");
        assert_eq!(
            short.database(root).unwrap(),
            DatabaseSpec::Sqlite("/var/lib/l.db".into())
        );
        assert_eq!(
            short.media_spec(root).unwrap(),
            MediaSpec::File("/mnt/m".into())
        );
        assert_eq!(short.media.to_limits(), letopis_media::Limits::default());
        let table = parse("[media]\nlocation = \"file:originals\"\nimage_mb = 5\n");
        assert_eq!(
            table.media_spec(root).unwrap(),
            MediaSpec::File("/srv/l/originals".into())
        );
        assert_eq!(table.media.to_limits().image, 5 << 20);
        assert_eq!(
            parse("database = \"postgres://letopis@db/museum\"\n")
                .database(root)
                .unwrap(),
            DatabaseSpec::Postgres("postgres://letopis@db/museum".into())
        );
        let err = parse("database = \"oracle:x\"\n")
            .database(root)
            .unwrap_err();
        assert!(format!("{err:#}").contains("oracle"), "{err:#}");
    }

    #[test]
    fn without_smtp_letters_go_to_files() {
        let route = parse("")
            .mail_route(Path::new("/tmp"), None)
            .expect("route");
        assert!(matches!(route, MailRoute::Files));
    }

    #[test]
    fn the_password_may_come_from_the_environment() {
        let config = parse(SMTP);
        let err = config
            .mail_route(Path::new("/tmp"), None)
            .expect_err("a username without a password");
        assert!(format!("{err:#}").contains("[smtp]"), "{err:#}");
        let route = config
            .mail_route(Path::new("/tmp"), Some("секрет".into()))
            .expect("route");
        assert!(matches!(route, MailRoute::Smtp(_)));
    }

    #[test]
    fn a_wrong_security_or_a_missing_ca_file_stops_the_start() {
        let config = parse(&format!("{SMTP}password = \"x\"\nsecurity = \"ssl\"\n"));
        let err = config.mail_route(Path::new("/tmp"), None).expect_err("ssl");
        assert!(format!("{err:#}").contains("starttls"), "{err:#}");
        let dir = tempfile::tempdir().expect("dir");
        let config = parse(&format!(
            "{SMTP}password = \"x\"\nca_file = \"relay.pem\"\n"
        ));
        let err = config.mail_route(dir.path(), None).expect_err("no file");
        assert!(format!("{err:#}").contains("relay.pem"), "{err:#}");
        // An unknown key is refused, as everywhere in the file.
        assert!(
            toml::from_str::<FileConfig>(
                "[smtp]\nhost = \"h\"\nfrom = \"a@b.ru\"\nserver = \"x\"\n"
            )
            .is_err()
        );
    }

    #[test]
    fn the_password_stays_out_of_debug_output() {
        let config = parse(&format!(
            "metrics_token = \"жетон-456\"\n{SMTP}password = \"секрет-123\"\n"
        ));
        let shown = format!("{config:?}");
        assert!(
            !shown.contains("секрет-123") && !shown.contains("жетон-456"),
            "{shown}"
        );
        let token = config.metrics_token(None).expect("token");
        assert_eq!(token.as_str(), "жетон-456");
        assert!(!format!("{token:?}").contains("жетон-456"));
    }

    fn map_error(dir: &Path, text: &str) -> String {
        format!("{:#}", parse(text).map.to_web(dir).expect_err("rejected"))
    }

    fn write_raster_mbtiles(path: &Path, format: &str) {
        let db = rusqlite::Connection::open(path).expect("create");
        db.execute_batch(&format!(
            "CREATE TABLE metadata (name TEXT, value TEXT);
             INSERT INTO metadata VALUES ('format', '{format}');
             CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER,
                                 tile_data BLOB);"
        ))
        .expect("schema");
    }

    #[test]
    fn a_historic_layer_needs_a_base_a_file_and_a_name() {
        let dir = tempfile::tempdir().expect("dir");
        write_raster_mbtiles(&dir.path().join("today.mbtiles"), "png");
        write_raster_mbtiles(&dir.path().join("1941.mbtiles"), "jpg");
        write_raster_mbtiles(&dir.path().join("vector.mbtiles"), "pbf");
        write_raster_mbtiles(&dir.path().join("odd.mbtiles"), "tiff");
        std::fs::write(dir.path().join("text.mbtiles"), "не база").expect("write");
        let good = parse(
            "[map]\nmbtiles = \"today.mbtiles\"\n[map.historic]\nmbtiles = \"1941.mbtiles\"\nlabel = \" 1941 \"\n",
        )
        .map
        .to_web(dir.path())
        .expect("valid");
        let historic = good.historic.expect("a historic layer");
        assert_eq!(historic.label, "1941");
        assert_eq!(historic.mbtiles, dir.path().join("1941.mbtiles"));
        // A vector reconstruction of 1941 is drawn in sepia, so it does as well as a scan.
        let vector = parse(
            "[map]\nmbtiles = \"today.mbtiles\"\n[map.historic]\nmbtiles = \"vector.mbtiles\"\nlabel = \"1941\"\n",
        )
        .map
        .to_web(dir.path())
        .expect("a vector historic layer is valid");
        assert!(vector.historic.is_some());
        for (text, expected) in [
            (
                "[map.historic]\nmbtiles = \"1941.mbtiles\"\nlabel = \"1941\"\n",
                "укажите и основную подложку",
            ),
            (
                "[map]\nmbtiles = \"today.mbtiles\"\n[map.historic]\nlabel = \"1941\"\n",
                "не указан файл",
            ),
            (
                "[map]\nmbtiles = \"today.mbtiles\"\n[map.historic]\nmbtiles = \"1941.mbtiles\"\n",
                "не указано название слоя",
            ),
            (
                "[map]\nmbtiles = \"today.mbtiles\"\n[map.historic]\nmbtiles = \"нет.mbtiles\"\nlabel = \"1941\"\n",
                "не найден",
            ),
            ("[map]\nmbtiles = \"odd.mbtiles\"\n", "формат «tiff»"),
            ("[map]\nmbtiles = \"text.mbtiles\"\n", "MBTiles"),
        ] {
            let message = map_error(dir.path(), text);
            assert!(message.contains(expected), "{text}: {message}");
        }
        assert!(toml::from_str::<FileConfig>("[map.historic]\nfile = \"x\"\n").is_err());
    }

    #[test]
    fn kiosk_addresses_are_screens_or_networks() {
        let kiosk = parse("[kiosk]\naddresses = [\"192.168.10.21\", \"192.168.20.0/24\", \"fd00::7\"]\nidle_seconds = 120\n")
            .kiosk
            .to_web()
            .expect("valid");
        assert_eq!(kiosk.addresses.len(), 3);
        assert_eq!(kiosk.idle_seconds, 120);
        assert_eq!(parse("").kiosk.to_web().expect("default").idle_seconds, 90);
        let bad = parse("[kiosk]\naddresses = [\"зал 2\"]\n").kiosk.to_web();
        let message = bad.expect_err("not an address").to_string();
        assert!(message.contains("«зал 2» — не адрес"), "{message}");
        let odd = parse("[kiosk]\nidle_seconds = 1\n").kiosk.to_web();
        assert!(
            odd.expect_err("too short")
                .to_string()
                .contains("от 3 до 3600")
        );
        assert!(toml::from_str::<FileConfig>("[kiosk]\nlocked = true\n").is_err());
    }
}
