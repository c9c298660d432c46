//! The base map: where its tiles come from, and serving them from a local MBTiles file.
//!
//! Three set-ups, chosen by the operator in `[map]` of `letopis.toml`:
//!
//! - `mbtiles = "/path/khimki.mbtiles"`: tiles are served by the portal itself at
//!   `/tiles/{z}/{x}/{y}.png`, so the map works in an exhibition hall with no internet;
//! - `tiles = "https://tiles.example/{z}/{x}/{y}.png"`: browsers fetch tiles from that host, and
//!   only that host is added to the page's `img-src` (DESIGN.md, invariant 5);
//! - neither: markers on a plain background, and no request to any other host.
//!
//! MBTiles (<https://github.com/mapbox/mbtiles-spec>) is an SQLite file with a table
//! `tiles(zoom_level, tile_column, tile_row, tile_data)`, rows numbered from the south (TMS):
//! the web's `y` counted from the north is `2^z - 1 - y` there.

use crate::shell::error::AppError;
use crate::{App, AppConfig};
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::PathBuf;
use std::sync::Mutex;

/// Where the base map comes from; see the module documentation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MapConfig {
    /// A Leaflet URL template of a tile server: `https://host/{z}/{x}/{y}.png` (`{s}` allowed as
    /// the first label of the host).
    pub tiles: Option<String>,
    /// The credit the tile source requires («© участники OpenStreetMap»), shown on the map.
    pub attribution: String,
    /// A local MBTiles file; when set it wins over `tiles`.
    pub mbtiles: Option<PathBuf>,
}

/// Why a tile URL template cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TileUrlError {
    #[error("адрес тайлов должен начинаться с https:// или http://")]
    Scheme,
    #[error("адрес тайлов должен содержать {{z}}, {{x}} и {{y}}")]
    Placeholders,
    #[error(
        "в адресе тайлов недопустимые символы (пробелы, кавычки, «;», «,») или подстановка в имени хоста не в начале"
    )]
    Characters,
}

/// The URL template the browser uses for tiles, if any: the local MBTiles route or the
/// operator's tile server (only a usable one: the page's policy would block any other).
pub fn browser_template(config: &MapConfig) -> Option<String> {
    if config.mbtiles.is_some() {
        Some("/tiles/{z}/{x}/{y}.png".into())
    } else {
        config.tiles.clone().filter(|t| tile_origin(t).is_ok())
    }
}

/// The origin to allow in `img-src` for the configured tile server, e.g.
/// `https://*.tile.example.org`. `None` when tiles are local or not configured.
pub fn external_origin(config: &MapConfig) -> Result<Option<String>, TileUrlError> {
    if config.mbtiles.is_some() {
        return Ok(None);
    }
    config.tiles.as_deref().map(tile_origin).transpose()
}

/// Checks a tile URL template and returns the origin it loads from. The origin goes into the
/// Content-Security-Policy header, so anything that could end or extend a directive is refused.
pub fn tile_origin(template: &str) -> Result<String, TileUrlError> {
    let (scheme, rest) = template
        .split_once("://")
        .filter(|(s, _)| *s == "https" || *s == "http")
        .ok_or(TileUrlError::Scheme)?;
    if !["{z}", "{x}", "{y}"].iter().all(|p| rest.contains(p)) {
        return Err(TileUrlError::Placeholders);
    }
    if template.chars().any(|c| {
        c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | ';' | ',' | '<' | '>')
    }) {
        return Err(TileUrlError::Characters);
    }
    let host = rest.split('/').next().unwrap_or_default();
    // Leaflet's `{s}` picks a subdomain; CSP expresses that as a leading wildcard label.
    let host = match host.strip_prefix("{s}.") {
        Some(tail) => format!("*.{tail}"),
        None => host.to_string(),
    };
    let valid = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']');
    let bare = host.strip_prefix("*.").unwrap_or(&host);
    if bare.is_empty() || !bare.chars().all(valid) {
        return Err(TileUrlError::Characters);
    }
    Ok(format!("{scheme}://{host}"))
}

/// A read-only MBTiles file, opened on first use and kept open.
#[derive(Debug)]
pub struct MbTiles {
    path: PathBuf,
    connection: Mutex<Option<Connection>>,
}

impl MbTiles {
    pub fn new(path: PathBuf) -> MbTiles {
        MbTiles {
            path,
            connection: Mutex::new(None),
        }
    }

    pub fn from_config(config: &AppConfig) -> Option<MbTiles> {
        config.map.mbtiles.clone().map(MbTiles::new)
    }

    /// The tile at web (XYZ) coordinates, or `None` when the file has no such tile.
    fn tile(&self, z: u8, x: u32, y: u32) -> Result<Option<Vec<u8>>, rusqlite::Error> {
        let Some(row) = 1u32
            .checked_shl(u32::from(z))
            .and_then(|n| (n - 1).checked_sub(y))
        else {
            return Ok(None);
        };
        // A poisoned lock only means another request panicked mid-query; the connection is fine.
        let mut guard = self.connection.lock().unwrap_or_else(|e| e.into_inner());
        if guard.is_none() {
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            *guard = Some(Connection::open_with_flags(&self.path, flags)?);
        }
        let Some(connection) = guard.as_ref() else {
            return Ok(None);
        };
        connection
            .prepare_cached(
                "SELECT tile_data FROM tiles \
                 WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3",
            )?
            .query_row((z, x, row), |r| r.get(0))
            .optional()
    }
}

/// Tiles change only when the operator replaces the file; a day's caching spares the portal
/// the same requests on every visit without leaving an old map for long.
const TILE_CACHE: &str = "public, max-age=86400";

/// `GET /tiles/{z}/{x}/{y}.png` from the configured MBTiles file; 404 when none is configured,
/// for coordinates outside the zoom level, and for tiles the file does not have.
pub async fn serve(
    State(app): State<App>,
    Path((z, x, y)): Path<(String, String, String)>,
) -> Result<Response, AppError> {
    let tiles = app.tiles().ok_or(AppError::NotFound)?;
    let (Ok(z), Ok(x), Some(Ok(y))) = (
        z.parse::<u8>(),
        x.parse::<u32>(),
        y.strip_suffix(".png").map(str::parse::<u32>),
    ) else {
        return Err(AppError::NotFound);
    };
    if z > 24 || u64::from(x) >= 1u64 << z {
        return Err(AppError::NotFound);
    }
    let found = tokio::task::spawn_blocking(move || tiles.tile(z, x, y))
        .await
        .map_err(|_| AppError::Internal)?
        .map_err(|e| {
            tracing::error!(error = %e, "the MBTiles file could not be read");
            AppError::Unavailable
        })?;
    let bytes = found.ok_or(AppError::NotFound)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(image_type(&bytes)),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static(TILE_CACHE)),
        ],
        bytes,
    )
        .into_response())
}

/// Raster MBTiles hold PNG, JPEG or WebP; the URL says `.png` whatever the file holds, so the
/// type comes from the bytes.
fn image_type(bytes: &[u8]) -> &'static str {
    match bytes {
        [0x89, b'P', b'N', b'G', ..] => "image/png",
        [0xFF, 0xD8, ..] => "image/jpeg",
        [
            b'R',
            b'I',
            b'F',
            b'F',
            _,
            _,
            _,
            _,
            b'W',
            b'E',
            b'B',
            b'P',
            ..,
        ] => "image/webp",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_of_tile_templates() {
        assert_eq!(
            tile_origin("https://tile.example.org/{z}/{x}/{y}.png").as_deref(),
            Ok("https://tile.example.org")
        );
        assert_eq!(
            tile_origin("https://{s}.tile.example.org:8443/{z}/{x}/{y}.png").as_deref(),
            Ok("https://*.tile.example.org:8443")
        );
    }

    #[test]
    fn templates_that_could_break_the_policy_are_refused() {
        for bad in [
            "ftp://x/{z}/{x}/{y}",
            "https://x/{z}/{x}.png",
            "https://x; script-src *;/{z}/{x}/{y}",
            "https://x'/{z}/{x}/{y}",
            "https://a.{s}.x/{z}/{x}/{y}",
            "https:///{z}/{x}/{y}",
        ] {
            assert!(tile_origin(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn local_tiles_need_no_other_host() {
        let config = MapConfig {
            tiles: Some("https://tile.example.org/{z}/{x}/{y}.png".into()),
            attribution: String::new(),
            mbtiles: Some("/x.mbtiles".into()),
        };
        assert_eq!(external_origin(&config), Ok(None));
        assert_eq!(
            browser_template(&config).as_deref(),
            Some("/tiles/{z}/{x}/{y}.png")
        );
        assert_eq!(external_origin(&MapConfig::default()), Ok(None));
        assert_eq!(browser_template(&MapConfig::default()), None);
    }
}
