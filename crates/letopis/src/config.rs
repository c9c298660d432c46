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
    #[serde(default)]
    pub media: MediaLimitsMb,
    #[serde(default)]
    pub map: MapSection,
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
    /// A local MBTiles file, relative to the data directory or absolute; wins over `tiles`.
    pub mbtiles: Option<std::path::PathBuf>,
}

impl MapSection {
    /// The web layer's map settings, checked now so that a bad value stops the start with a
    /// message instead of a map that silently lacks its tiles.
    pub fn to_web(&self, data_dir: &Path) -> Result<letopis_web::tiles::MapConfig> {
        if let Some(template) = &self.tiles {
            letopis_web::tiles::tile_origin(template)
                .with_context(|| format!("[map] tiles = \"{template}\""))?;
        }
        let mbtiles = self.mbtiles.as_ref().map(|p| data_dir.join(p));
        if let Some(path) = &mbtiles
            && !path.is_file()
        {
            anyhow::bail!(
                "[map] mbtiles: файл {} не найден; укажите путь к файлу .mbtiles или уберите ключ",
                path.display()
            );
        }
        Ok(letopis_web::tiles::MapConfig {
            tiles: self.tiles.clone(),
            attribution: self.attribution.clone().unwrap_or_default(),
            mbtiles,
        })
    }
}

/// Size limits of uploaded originals, in mebibytes.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct MediaLimitsMb {
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

    pub fn bind(&self, flag: Option<SocketAddr>) -> SocketAddr {
        flag.or(self.bind).unwrap_or_else(|| {
            DEFAULT_BIND
                .parse()
                .expect("the default bind address is valid")
        })
    }
}
