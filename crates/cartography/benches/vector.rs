//! How fast vector tiles are drawn into pictures (issue #16), printed as Markdown for
//! bench/RESULTS.md: every tile of a vector MBTiles file at its own zoom, then every tile of its
//! last zoom drawn as the four tiles of the next zoom (what a visitor zoomed in past the file
//! asks for). Single-threaded; the portal draws on its blocking pool and keeps the last 512.
//!
//!   cargo bench -p letopis-cartography --bench vector
//!   LETOPIS_BENCH_MBTILES=/srv/letopis/map/town.mbtiles cargo bench -p letopis-cartography --bench vector
//!
//! Not a test: numbers depend on the machine and are recorded, not asserted.

use letopis_cartography::palette::TODAY;
use letopis_cartography::vector::{Part, render_png};
use std::time::{Duration, Instant};

fn main() {
    let path = std::env::var("LETOPIS_BENCH_MBTILES").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../web/tests/fixtures/khimki-vector.mbtiles"
        )
        .into()
    });
    let db =
        rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open the MBTiles file");
    let mut stmt = db
        .prepare(
            "SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles ORDER BY zoom_level",
        )
        .expect("tiles");
    let tiles: Vec<(u8, u32, u32, Vec<u8>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("read")
        .collect::<Result<_, _>>()
        .expect("rows");
    let last = tiles.iter().map(|t| t.0).max().unwrap_or(0);
    println!("| what | tiles | total | mean | p95 | slowest | PNG mean |");
    println!("|---|---|---|---|---|---|---|");
    let run = |what: &str, jobs: Vec<(u8, Part, &[u8])>| {
        let mut times = Vec::with_capacity(jobs.len());
        let mut bytes = 0usize;
        let started = Instant::now();
        for (z, part, data) in &jobs {
            let t = Instant::now();
            let png = render_png(data, *z, *part, &TODAY).expect("a tile");
            times.push(t.elapsed());
            bytes += png.len();
        }
        let total = started.elapsed();
        times.sort();
        let n = times.len().max(1);
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "| {what} | {} | {:.2} s | {:.2} ms | {:.2} ms | {:.2} ms | {:.1} KB |",
            times.len(),
            total.as_secs_f64(),
            ms(total) / n as f64,
            ms(times[(n * 95 / 100).min(n - 1)]),
            ms(*times.last().unwrap_or(&Duration::ZERO)),
            bytes as f64 / n as f64 / 1024.0
        );
    };
    run(
        "every stored tile, at its zoom",
        tiles
            .iter()
            .map(|(z, _, _, d)| (*z, Part::default(), d.as_slice()))
            .collect(),
    );
    let deeper: Vec<(u8, Part, &[u8])> = tiles
        .iter()
        .filter(|t| t.0 == last)
        .flat_map(|(_, _, _, d)| {
            (0..4).map(move |k| {
                (
                    last + 1,
                    Part {
                        depth: 1,
                        column: k % 2,
                        row: k / 2,
                    },
                    d.as_slice(),
                )
            })
        })
        .collect();
    run(
        &format!("zoom {}, drawn from zoom {last}", last + 1),
        deeper,
    );
}
