//! The demo's base maps: real MBTiles files whose metadata a reader can trust and whose tiles
//! cover every place of the demo at every zoom, with the canal actually drawn.

use letopis_demo::basemap::{self, COVERAGE, MAX_ZOOM, MIN_ZOOM};
use rusqlite::{Connection, OptionalExtension};
use std::collections::HashMap;

fn metadata(db: &Connection) -> HashMap<String, String> {
    let mut stmt = db
        .prepare("SELECT name, value FROM metadata")
        .expect("metadata table");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .map(|r| r.expect("row"))
        .collect()
}

/// The web (XYZ) tile of a point.
fn tile_of(lat: f64, lon: f64, z: u8) -> (u32, u32) {
    let n = f64::from(1u32 << z);
    let x = (lon + 180.0) / 360.0 * n;
    let y = (1.0 - lat.to_radians().tan().asinh() / std::f64::consts::PI) / 2.0 * n;
    (x as u32, y as u32)
}

fn tile(db: &Connection, z: u8, x: u32, y: u32) -> Option<Vec<u8>> {
    let row = (1u32 << z) - 1 - y;
    db.query_row(
        "SELECT tile_data FROM tiles WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3",
        (z, x, row),
        |r| r.get(0),
    )
    .optional()
    .expect("query")
}

/// Distinct colours of a PNG tile.
fn colours(png: &[u8]) -> usize {
    let image = image::load_from_memory(png).expect("a PNG").to_rgb8();
    let mut seen: Vec<[u8; 3]> = image.pixels().map(|p| p.0).collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

#[test]
fn the_base_maps_are_mbtiles_covering_the_demo_places() {
    let dir = tempfile::tempdir().expect("temp dir");
    let started = std::time::Instant::now();
    let maps = basemap::write(dir.path()).expect("written");
    eprintln!(
        "both maps: {:?}, {} tiles each, {} + {} bytes",
        started.elapsed(),
        maps.tiles,
        std::fs::metadata(&maps.today).expect("file").len(),
        std::fs::metadata(&maps.historic).expect("file").len()
    );
    for (path, attribution) in [
        (&maps.today, basemap::TODAY_ATTRIBUTION),
        (&maps.historic, basemap::HISTORIC_ATTRIBUTION),
    ] {
        assert!(
            std::fs::metadata(path).expect("file").len() < 8 << 20,
            "a few MB at most"
        );
        let db = Connection::open(path).expect("open");
        let meta = metadata(&db);
        assert_eq!(meta["format"], "png");
        assert_eq!(meta["minzoom"], MIN_ZOOM.to_string());
        assert_eq!(meta["maxzoom"], MAX_ZOOM.to_string());
        assert_eq!(meta["attribution"], attribution);
        assert!(!meta["name"].is_empty());
        let bounds: Vec<f64> = meta["bounds"]
            .split(',')
            .map(|v| v.parse().expect("a number"))
            .collect();
        let center: Vec<f64> = meta["center"]
            .split(',')
            .map(|v| v.parse().expect("a number"))
            .collect();
        assert_eq!(bounds.len(), 4);
        assert!(bounds[0] < center[0] && center[0] < bounds[2]);
        assert!(bounds[1] < center[1] && center[1] < bounds[3]);

        // Every place of the demo inside a zoom's coverage has its tile, and it is a PNG.
        for &(lat, lon) in letopis_demo::basemap::demo_places().iter() {
            assert!(
                bounds[0] <= lon && lon <= bounds[2] && bounds[1] <= lat && lat <= bounds[3],
                "({lat}, {lon}) outside the bounds"
            );
            for (z, (s, w, n, e)) in COVERAGE {
                if !(s <= lat && lat <= n && w <= lon && lon <= e) {
                    continue;
                }
                let (x, y) = tile_of(lat, lon, z);
                let png = tile(&db, z, x, y)
                    .unwrap_or_else(|| panic!("no tile {z}/{x}/{y} for ({lat}, {lon})"));
                assert_eq!(&png[..4], b"\x89PNG");
            }
        }
        // The canal at the Khimki bridge is drawn, not bare land, at every zoom.
        for z in MIN_ZOOM..=MAX_ZOOM {
            let (x, y) = tile_of(55.886, 37.461, z);
            let png = tile(&db, z, x, y).expect("the canal's tile");
            assert!(
                colours(&png) > 3,
                "the canal's tile at zoom {z} is nearly blank"
            );
        }
        // Outside the region there is nothing.
        let (x, y) = tile_of(59.9, 30.3, 12);
        assert_eq!(tile(&db, 12, x, y), None);

        // Names are written: under Сходня (named from zoom 11 in both years) the tile has the
        // dark ink of the letters, darker than anything else the map draws; at zoom 9 it is not
        // named yet, and bare land far from any town has no ink.
        let (lat, lon) = (55.950, 37.300);
        let lettered = |z: u8, lat: f64, lon: f64| {
            let (x, y) = tile_of(lat, lon, z);
            tile(&db, z, x, y).is_some_and(|png| darkest(&png) < 0x5a)
        };
        for z in 11..=MAX_ZOOM {
            // The name stands under the point: the tile below it at high zooms.
            let below = lat - 0.0004 * f64::from(1u32 << (MAX_ZOOM - z).min(3));
            assert!(
                lettered(z, lat, lon) || lettered(z, below, lon),
                "no name under Сходня at zoom {z}"
            );
        }
        assert!(!lettered(9, 56.25, 36.6), "ink on bare land at zoom 9");
    }
}

/// The darkest channel value in a tile.
fn darkest(png: &[u8]) -> u8 {
    let image = image::load_from_memory(png).expect("a PNG").to_rgb8();
    image
        .pixels()
        .map(|p| p.0.into_iter().max().unwrap_or(255))
        .min()
        .unwrap_or(255)
}
