//! The demo's base maps: a schematic of Khimki and its surroundings today and a sepia
//! reconstruction of 1941, drawn from the shapes in [`geography`] and written as raster MBTiles
//! files (<https://github.com/mapbox/mbtiles-spec>, 1.3) that the portal serves itself. Nothing
//! is fetched: the demo runs in an exhibition hall without internet.
//!
//! ```no_run
//! let maps = letopis_demo::basemap::write(std::path::Path::new("/srv/letopis/map")).unwrap();
//! println!("{} and {}", maps.today.display(), maps.historic.display());
//! ```

mod geography;
mod labels;
mod render;

use render::{Scene, project};
use std::path::{Path, PathBuf};

/// The files [`write`] makes, inside the directory it is given.
pub const TODAY_FILE: &str = "khimki.mbtiles";
pub const HISTORIC_FILE: &str = "khimki-1941.mbtiles";

/// The credits shown on the map: both are schematics, not surveys.
pub const TODAY_ATTRIBUTION: &str = "Схема для демонстрации; не карта местности";
pub const HISTORIC_ATTRIBUTION: &str = "Демонстрационная реконструкция 1941 г.; не карта местности";
/// The switcher's names of the two maps.
pub const TODAY_LABEL: &str = "Сегодня";
pub const HISTORIC_LABEL: &str = "1941";

pub const MIN_ZOOM: u8 = 9;
pub const MAX_ZOOM: u8 = 15;

/// (south, west, north, east) in degrees.
pub type Bounds = (f64, f64, f64, f64);

/// The whole region, with every place of the demo from Moscow to Yakhroma.
pub const REGION: Bounds = (55.55, 36.75, 56.42, 37.90);

/// What each zoom covers: the whole region at small scales, Khimki and its neighbours closer,
/// the town itself at the largest scale. Fewer tiles where nothing of the museum is.
pub const COVERAGE: [(u8, Bounds); 7] = [
    (9, REGION),
    (10, REGION),
    (11, REGION),
    (12, REGION),
    (13, (55.80, 37.10, 56.06, 37.62)),
    (14, (55.82, 37.20, 56.00, 37.56)),
    (15, (55.85, 37.27, 55.96, 37.52)),
];

#[derive(Debug, thiserror::Error)]
pub enum BaseMapError {
    #[error("не удалось создать каталог карты {path}: {source}")]
    Dir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("не удалось записать файл карты {path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("не удалось закодировать тайл карты: {0}")]
    Png(#[from] letopis_cartography::palette_png::EncodingError),
}

/// The two files, written.
#[derive(Debug, Clone)]
pub struct BaseMaps {
    pub today: PathBuf,
    pub historic: PathBuf,
    /// Tiles in each file (addresses, not distinct images).
    pub tiles: usize,
}

/// Writes both maps into `dir` (created if needed), replacing earlier files of the same names.
pub fn write(dir: &Path) -> Result<BaseMaps, BaseMapError> {
    std::fs::create_dir_all(dir).map_err(|source| BaseMapError::Dir {
        path: dir.to_path_buf(),
        source,
    })?;
    let today = dir.join(TODAY_FILE);
    let historic = dir.join(HISTORIC_FILE);
    let tiles = write_one(&today, false)?;
    write_one(&historic, true)?;
    Ok(BaseMaps {
        today,
        historic,
        tiles,
    })
}

/// Every tile address of [`COVERAGE`] as web (XYZ) coordinates.
pub fn tile_addresses() -> Vec<(u8, u32, u32)> {
    let mut all = Vec::new();
    for (z, (south, west, north, east)) in COVERAGE {
        let n = f64::from(1u32 << z);
        let (nw, se) = (project(north, west), project(south, east));
        let to_tile = |v: f64| ((v * n).floor() as u32).min((1u32 << z) - 1);
        for x in to_tile(nw.x)..=to_tile(se.x) {
            for y in to_tile(nw.y)..=to_tile(se.y) {
                all.push((z, x, y));
            }
        }
    }
    all
}

/// Draws one map on all cores and writes it, identical tiles stored once.
fn write_one(path: &Path, historic: bool) -> Result<usize, BaseMapError> {
    let scene = Scene::new(historic);
    let addresses = tile_addresses();
    let blank = letopis_cartography::palette_png::encode(&scene.blank())?;
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = addresses.len().div_ceil(threads).max(1);
    let drawn: Vec<Result<Vec<Option<Vec<u8>>>, BaseMapError>> = std::thread::scope(|s| {
        let handles: Vec<_> = addresses
            .chunks(chunk)
            .map(|part| {
                let scene = &scene;
                s.spawn(move || {
                    part.iter()
                        .map(|&(z, x, y)| {
                            // Bare land is one shared image; no need to draw it again.
                            if scene.touches(z, x, y) {
                                Ok(Some(letopis_cartography::palette_png::encode(
                                    &scene.draw(z, x, y),
                                )?))
                            } else {
                                Ok(None)
                            }
                        })
                        .collect()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    let mut tiles = Vec::with_capacity(addresses.len());
    for part in drawn {
        tiles.extend(part?);
    }
    let sqlite = |source| BaseMapError::Sqlite {
        path: path.to_path_buf(),
        source,
    };
    let _ = std::fs::remove_file(path);
    let mut db = rusqlite::Connection::open(path).map_err(sqlite)?;
    store(&mut db, historic, &addresses, &tiles, &blank).map_err(sqlite)?;
    Ok(addresses.len())
}

/// The MBTiles schema with de-duplicated images (`map` + `images`, and `tiles` as a view), as
/// the specification allows: the bare-land tile is stored once.
fn store(
    db: &mut rusqlite::Connection,
    historic: bool,
    addresses: &[(u8, u32, u32)],
    tiles: &[Option<Vec<u8>>],
    blank: &[u8],
) -> rusqlite::Result<()> {
    let tx = db.transaction()?;
    tx.execute_batch(
        "CREATE TABLE metadata (name TEXT, value TEXT);
         CREATE UNIQUE INDEX name ON metadata (name);
         CREATE TABLE images (tile_id TEXT PRIMARY KEY, tile_data BLOB);
         CREATE TABLE map (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER,
                           tile_id TEXT);
         CREATE UNIQUE INDEX map_index ON map (zoom_level, tile_column, tile_row);
         CREATE VIEW tiles AS
           SELECT map.zoom_level AS zoom_level, map.tile_column AS tile_column,
                  map.tile_row AS tile_row, images.tile_data AS tile_data
           FROM map JOIN images ON images.tile_id = map.tile_id;",
    )?;
    let (south, west, north, east) = REGION;
    let (name, attribution, description) = if historic {
        (
            "Химки, 1941 (демонстрационная реконструкция)",
            HISTORIC_ATTRIBUTION,
            "Схема Химок и окрестностей осенью 1941 г.: посёлки, канал, железная дорога, \
             рубеж немецкого наступления. Нарисована для демонстрации «Летописи».",
        )
    } else {
        (
            "Химки (демонстрационная схема)",
            TODAY_ATTRIBUTION,
            "Схема Химок и окрестностей: канал, водохранилище, реки, железная дорога, \
             шоссе, посёлки. Нарисована для демонстрации «Летописи».",
        )
    };
    let metadata = [
        ("name", name.to_string()),
        ("format", "png".to_string()),
        ("type", "baselayer".to_string()),
        ("version", "1".to_string()),
        ("description", description.to_string()),
        ("attribution", attribution.to_string()),
        ("bounds", format!("{west},{south},{east},{north}")),
        ("center", "37.445,55.893,12".to_string()),
        ("minzoom", MIN_ZOOM.to_string()),
        ("maxzoom", MAX_ZOOM.to_string()),
    ];
    for (k, v) in metadata {
        tx.execute("INSERT INTO metadata VALUES (?1, ?2)", (k, v))?;
    }
    {
        let mut image = tx.prepare("INSERT OR IGNORE INTO images VALUES (?1, ?2)")?;
        let mut map = tx.prepare("INSERT INTO map VALUES (?1, ?2, ?3, ?4)")?;
        image.execute(("blank", blank))?;
        for (&(z, x, y), bytes) in addresses.iter().zip(tiles) {
            let id = match bytes {
                Some(bytes) => {
                    let id = format!("{:016x}", fnv1a(bytes));
                    image.execute((&id, bytes))?;
                    id
                }
                None => "blank".to_string(),
            };
            // TMS rows count from the south.
            let row = (1u32 << z) - 1 - y;
            map.execute((z, x, row, id))?;
        }
    }
    tx.commit()
}

/// A 64-bit FNV-1a hash: enough to find identical tiles among a few thousand.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Where the demo's places are, (latitude, longitude): what the maps must cover.
pub fn demo_places() -> Vec<(f64, f64)> {
    crate::content::places::PLACES
        .iter()
        .map(|p| (p.lat, p.lon))
        .collect()
}
