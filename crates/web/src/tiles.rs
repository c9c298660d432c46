//! The base map: where its tiles come from, and serving them from local MBTiles files.
//!
//! Three set-ups, chosen by the operator in `[map]` of `letopis.toml`:
//!
//! - `mbtiles = "/path/khimki.mbtiles"`: tiles are served by the portal itself at
//!   `/tiles/{z}/{x}/{y}.png`, so the map works in an exhibition hall with no internet. A raster
//!   file's pictures go out as stored; a vector file's tiles are drawn into pictures by the
//!   portal (`letopis-cartography`), at every zoom up to 18, and are also served as stored at
//!   `/tiles/{z}/{x}/{y}.pbf` (gzip bytes with `Content-Encoding: gzip`) for other clients;
//! - `tiles = "https://tiles.example/{z}/{x}/{y}.png"`: browsers fetch tiles from that host, and
//!   only that host is added to the page's `img-src` (DESIGN.md, invariant 5);
//! - neither: markers on a plain background, and no request to any other host.
//!
//! A second, historic layer (`[map.historic]`, an MBTiles file such as a georeferenced 1941
//! sheet; a vector one is drawn in 1941's sepia) is served at `/tiles/historic/{z}/{x}/{y}.png`;
//! the map then offers a switch between the two.
//!
//! MBTiles (<https://github.com/mapbox/mbtiles-spec>) is an SQLite file with a table (or view)
//! `tiles(zoom_level, tile_column, tile_row, tile_data)`, rows numbered from the south (TMS):
//! the web's `y` counted from the north is `2^z - 1 - y` there; its `metadata` table says the
//! `format` (`png`, `jpg`, `webp` or `pbf`), the zoom range and the bounds.

use crate::App;
use crate::shell::error::AppError;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use letopis_cartography::palette::{TODAY, Y1941};
use letopis_cartography::vector::{self, Part};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::Serialize;
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
    /// The base layer's name in the layer switch (shown only with a historic layer); the
    /// locale's «Сегодня» when empty.
    pub label: String,
    /// A second layer visitors can switch to.
    pub historic: Option<HistoricLayer>,
}

/// `[map.historic]`: a raster MBTiles file (a scanned, georeferenced old map) shown as an
/// alternative to the base layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoricLayer {
    pub mbtiles: PathBuf,
    /// Its name in the layer switch, e.g. «1941».
    pub label: String,
    /// Its credit: the archive and sheet of the scan, or «реконструкция».
    pub attribution: String,
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

/// The base layer's URL template as configured: the portal's own route when a local file is
/// set, else the operator's tile server if it is usable (the page's policy would block any
/// other).
pub fn browser_template(config: &MapConfig) -> Option<String> {
    if config.mbtiles.is_some() {
        Some(BASE_ROUTE.into())
    } else {
        config.tiles.clone().filter(|t| tile_origin(t).is_ok())
    }
}

/// The portal's own tile addresses, as Leaflet templates.
const BASE_ROUTE: &str = "/tiles/{z}/{x}/{y}.png";
const HISTORIC_ROUTE: &str = "/tiles/historic/{z}/{x}/{y}.png";

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

/// What an MBTiles file's tiles are, from its metadata's `format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TileFormat {
    /// PNG, JPEG or WebP pictures.
    Raster,
    /// Mapbox Vector Tiles (protobuf), usually gzip-compressed in the file.
    Vector,
}

/// Why an MBTiles file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum MbTilesError {
    #[error("файл не открывается как база SQLite ({0}); нужен файл в формате MBTiles")]
    Open(rusqlite::Error),
    #[error("в файле нет таблицы tiles: это не MBTiles")]
    NoTiles,
    #[error(
        "в метаданных файла формат «{0}»; поддерживаются png, jpg, webp (растровые) и pbf (векторные)"
    )]
    Format(String),
}

/// What the metadata says about a tile set (the keys a file lacks stay `None`).
#[derive(Debug, Clone, PartialEq)]
pub struct TileSetInfo {
    pub format: TileFormat,
    pub min_zoom: Option<u8>,
    pub max_zoom: Option<u8>,
    /// (west, south, east, north) in degrees.
    pub bounds: Option<[f64; 4]>,
}

/// A read-only MBTiles file, kept open.
#[derive(Debug)]
pub struct MbTiles {
    info: TileSetInfo,
    connection: Mutex<Connection>,
}

impl MbTiles {
    /// Opens the file and reads its metadata; fails with a reason an operator can act on.
    pub fn open(path: &std::path::Path) -> Result<MbTiles, MbTilesError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let connection = Connection::open_with_flags(path, flags).map_err(MbTilesError::Open)?;
        connection
            .query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
            .map_err(MbTilesError::Open)?;
        connection
            .prepare("SELECT tile_data FROM tiles LIMIT 1")
            .map_err(|_| MbTilesError::NoTiles)?;
        let info = read_info(&connection)?;
        Ok(MbTiles {
            info,
            connection: Mutex::new(connection),
        })
    }

    pub fn info(&self) -> &TileSetInfo {
        &self.info
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
        let connection = self.connection.lock().unwrap_or_else(|e| e.into_inner());
        connection
            .prepare_cached(
                "SELECT tile_data FROM tiles \
                 WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3",
            )?
            .query_row((z, x, row), |r| r.get(0))
            .optional()
    }
}

fn read_info(connection: &Connection) -> Result<TileSetInfo, MbTilesError> {
    // The metadata table is required by the specification, but old raster files lack it or
    // its `format`; those were PNG.
    let value = |name: &str| -> Option<String> {
        connection
            .query_row("SELECT value FROM metadata WHERE name = ?1", [name], |r| {
                r.get::<_, String>(0)
            })
            .ok()
            .map(|v| v.trim().to_string())
    };
    let format = match value("format").as_deref().unwrap_or("png") {
        "png" | "jpg" | "jpeg" | "webp" => TileFormat::Raster,
        "pbf" | "mvt" => TileFormat::Vector,
        other => return Err(MbTilesError::Format(other.to_string())),
    };
    let zoom = |name: &str| {
        value(name)
            .and_then(|v| v.parse::<u8>().ok())
            .filter(|z| *z <= 24)
    };
    let bounds = value("bounds").and_then(|v| {
        let n: Vec<f64> = v.split(',').filter_map(|p| p.trim().parse().ok()).collect();
        let ok = n.len() == 4 && n[0] < n[2] && n[1] < n[3] && n[1] >= -90.0 && n[3] <= 90.0;
        ok.then(|| [n[0], n[1], n[2], n[3]])
    });
    Ok(TileSetInfo {
        format,
        min_zoom: zoom("minzoom"),
        max_zoom: zoom("maxzoom"),
        bounds,
    })
}

/// The layers a map can show, as the browser needs them.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BrowserLayer {
    pub url: String,
    pub attribution: String,
    /// The name in the layer switch; empty means the page's «Сегодня».
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_zoom: Option<u8>,
    /// Beyond it the browser enlarges the last zoom's tiles instead of asking for more.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_native_zoom: Option<u8>,
    /// [[south, west], [north, east]]: no tiles are asked for outside.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bounds: Option<[[f64; 2]; 2]>,
}

/// The tile sets opened when the portal starts, and what the pages tell the browser of them.
#[derive(Debug, Default)]
pub struct Layers {
    base: Option<MbTiles>,
    historic: Option<MbTiles>,
    browser: Vec<BrowserLayer>,
    /// Pictures drawn from vector tiles, the most recently asked kept.
    drawn: Drawn,
}

impl Layers {
    /// Opens the configured files. The binary has checked them already; an embedder whose file
    /// cannot be opened gets a map without that layer and an error in the log.
    pub fn open(config: &MapConfig) -> Layers {
        let open = |path: &PathBuf| {
            MbTiles::open(path)
                .inspect_err(|e| tracing::error!(path = %path.display(), error = %e, "MBTiles file not used"))
                .ok()
        };
        let base = config.mbtiles.as_ref().and_then(open);
        let historic = config
            .historic
            .as_ref()
            .and_then(|h| open(&h.mbtiles).map(|t| (h, t)));
        let mut browser = Vec::new();
        match &base {
            Some(tiles) => browser.push(browser_layer(
                BASE_ROUTE,
                &config.attribution,
                &config.label,
                &tiles.info,
            )),
            // A local file that failed to open leaves no base: the tile host is not a fallback.
            None if config.mbtiles.is_some() => {}
            None => {
                if let Some(url) = browser_template(config) {
                    browser.push(BrowserLayer {
                        url,
                        attribution: config.attribution.clone(),
                        label: config.label.clone(),
                        min_zoom: None,
                        max_native_zoom: None,
                        bounds: None,
                    });
                }
            }
        }
        if let (Some((h, tiles)), false) = (&historic, browser.is_empty()) {
            browser.push(browser_layer(
                HISTORIC_ROUTE,
                &h.attribution,
                &h.label,
                &tiles.info,
            ));
        }
        Layers {
            base,
            historic: historic.map(|(_, t)| t),
            browser,
            drawn: Drawn::default(),
        }
    }

    /// The base layer's file, or the historic layer's.
    fn file(&self, historic: bool) -> Option<&MbTiles> {
        if historic {
            self.historic.as_ref()
        } else {
            self.base.as_ref()
        }
    }

    /// What the map's script draws: the base layer first, then the historic one.
    pub fn browser(&self) -> &[BrowserLayer] {
        &self.browser
    }
}

/// How many drawn tiles are kept: a town's map at the zooms visitors use is a few hundred
/// tiles of 3–15 KB, and browsers keep what they were sent for a day.
const DRAWN_KEPT: usize = 512;

/// The pictures drawn from vector tiles, by (historic, z, x, y).
#[derive(Debug)]
struct Drawn(Mutex<lru::LruCache<(bool, u8, u32, u32), Bytes>>);

impl Default for Drawn {
    fn default() -> Self {
        Drawn(Mutex::new(lru::LruCache::new(
            std::num::NonZeroUsize::new(DRAWN_KEPT).unwrap_or(std::num::NonZeroUsize::MIN),
        )))
    }
}

impl Drawn {
    fn get(&self, key: &(bool, u8, u32, u32)) -> Option<Bytes> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(key)
            .cloned()
    }

    fn put(&self, key: (bool, u8, u32, u32), png: Bytes) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .put(key, png);
    }
}

fn browser_layer(url: &str, attribution: &str, label: &str, info: &TileSetInfo) -> BrowserLayer {
    BrowserLayer {
        url: url.to_string(),
        attribution: attribution.to_string(),
        label: label.to_string(),
        min_zoom: info.min_zoom,
        // Vector tiles are drawn afresh at every zoom: no enlarged pictures.
        max_native_zoom: match info.format {
            TileFormat::Raster => info.max_zoom,
            TileFormat::Vector => None,
        },
        bounds: info.bounds.map(|[w, s, e, n]| [[s, w], [n, e]]),
    }
}

/// Tiles change only when the operator replaces the file; a day's caching spares the portal
/// the same requests on every visit without leaving an old map for long.
const TILE_CACHE: &str = "public, max-age=86400";

/// `GET /tiles/{z}/{x}/{y}.png` from the base layer's MBTiles file — a raster file's tiles as
/// stored, a vector file's drawn — or `.pbf`, a vector file's tiles as stored; 404 when none is
/// configured, for coordinates outside the zoom level, for a raster file's `.pbf`, and for tiles
/// the file does not have.
pub async fn serve(
    State(app): State<App>,
    Path((z, x, y)): Path<(String, String, String)>,
) -> Result<Response, AppError> {
    serve_from(app, false, &z, &x, &y).await
}

/// `GET /tiles/historic/{z}/{x}/{y}.png` (or `.pbf`) from `[map.historic]`.
pub async fn serve_historic(
    State(app): State<App>,
    Path((z, x, y)): Path<(String, String, String)>,
) -> Result<Response, AppError> {
    serve_from(app, true, &z, &x, &y).await
}

/// What a tile request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Asked {
    /// The stored bytes (a raster file's `.png`, a vector file's `.pbf`).
    Stored,
    /// A vector file's tile drawn as a picture (`.png`).
    Drawn,
}

async fn serve_from(
    app: App,
    historic: bool,
    z: &str,
    x: &str,
    y: &str,
) -> Result<Response, AppError> {
    let layers = app.layers();
    let info = layers
        .file(historic)
        .ok_or(AppError::NotFound)?
        .info
        .clone();
    let (asked, y) = match (info.format, y.strip_suffix(".png"), y.strip_suffix(".pbf")) {
        (TileFormat::Raster, Some(y), _) => (Asked::Stored, y),
        (TileFormat::Vector, Some(y), _) => (Asked::Drawn, y),
        (TileFormat::Vector, _, Some(y)) => (Asked::Stored, y),
        _ => return Err(AppError::NotFound),
    };
    let (Ok(z), Ok(x), Ok(y)) = (z.parse::<u8>(), x.parse::<u32>(), y.parse::<u32>()) else {
        return Err(AppError::NotFound);
    };
    if z > MAX_ZOOM || u64::from(x) >= 1u64 << z || u64::from(y) >= 1u64 << z {
        return Err(AppError::NotFound);
    }
    let cache = (header::CACHE_CONTROL, HeaderValue::from_static(TILE_CACHE));
    if asked == Asked::Drawn {
        let key = (historic, z, x, y);
        let png = match layers.drawn.get(&key) {
            Some(png) => png,
            None => {
                let png = draw(app.clone(), historic, &info, z, x, y).await?;
                app.layers().drawn.put(key, png.clone());
                png
            }
        };
        let kind = HeaderValue::from_static("image/png");
        return Ok(([(header::CONTENT_TYPE, kind), cache], png).into_response());
    }
    let bytes = read_tile(app, historic, z, x, y)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(match info.format {
        TileFormat::Raster => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(image_type(&bytes)),
                ),
                cache,
            ],
            bytes,
        )
            .into_response(),
        TileFormat::Vector => {
            let gzipped = bytes.starts_with(&[0x1f, 0x8b]);
            let mut response = (
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("application/vnd.mapbox-vector-tile"),
                    ),
                    cache,
                ],
                bytes,
            )
                .into_response();
            // The specification stores vector tiles gzip-compressed; they go out as they are.
            if gzipped {
                response
                    .headers_mut()
                    .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            }
            response
        }
    })
}

/// The map's last zoom (Leaflet's `maxZoom`): a building's width on a phone.
const MAX_ZOOM: u8 = 18;

/// A vector file's last zoom when its metadata does not say (the usual for OpenStreetMap data).
const VECTOR_MAX_ZOOM: u8 = 14;

/// The stored tile at web coordinates, read on the blocking pool.
async fn read_tile(
    app: App,
    historic: bool,
    z: u8,
    x: u32,
    y: u32,
) -> Result<Option<Vec<u8>>, AppError> {
    tokio::task::spawn_blocking(move || {
        app.layers()
            .file(historic)
            .map(|t| t.tile(z, x, y))
            .transpose()
    })
    .await
    .map_err(|_| AppError::Internal)?
    .map(Option::flatten)
    .map_err(|e| {
        tracing::error!(error = %e, "the MBTiles file could not be read");
        AppError::Unavailable
    })
}

/// A vector file's tile drawn in the layer's palette (1941's sepia for the historic layer);
/// beyond the file's last zoom, the part of its last tile that the asked one covers.
async fn draw(
    app: App,
    historic: bool,
    info: &TileSetInfo,
    z: u8,
    x: u32,
    y: u32,
) -> Result<Bytes, AppError> {
    let last = info.max_zoom.unwrap_or(VECTOR_MAX_ZOOM);
    let ((sz, sx, sy), part) = Part::of(z, x, y, last);
    let stored = read_tile(app, historic, sz, sx, sy)
        .await?
        .ok_or(AppError::NotFound)?;
    let palette = if historic { &Y1941 } else { &TODAY };
    tokio::task::spawn_blocking(move || vector::render_png(&stored, z, part, palette))
        .await
        .map_err(|_| AppError::Internal)?
        .map(Bytes::from)
        .map_err(|e| {
            tracing::error!(error = %e, z, x, y, "a vector tile could not be drawn");
            AppError::Unavailable
        })
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
            ..MapConfig::default()
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
