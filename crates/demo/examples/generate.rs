//! Times the generator: `cargo run --release -p letopis-demo --example generate -- 100000 /tmp/demo`.

use letopis_demo::{DemoOptions, generate};
use letopis_media::{BlobStore, Limits};
use letopis_store::sqlite::SqliteStore;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let persons: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(300);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "demo-data".into()));
    std::fs::create_dir_all(&dir)?;
    let store = SqliteStore::open(dir.join("letopis.db"))?;
    let blobs = BlobStore::open(dir.join("media"), Limits::default())?;
    let options = DemoOptions {
        persons,
        ..DemoOptions::default()
    };
    let s = generate(&store, &blobs, &options, letopis_core::today())?;
    println!(
        "{persons} героев: {:?}; связей {}, согласий {}, файлов {} ({} байт); {:.2} с",
        s.counts,
        s.relations,
        s.consents,
        s.media_files,
        s.media_bytes,
        s.elapsed.as_secs_f64()
    );
    Ok(())
}
