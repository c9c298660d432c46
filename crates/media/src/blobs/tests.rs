//! One contract, every blob store: what uploads, the media route and withdrawal rely on.

use super::*;
use object_store::local::LocalFileSystem;
use object_store::memory::InMemory;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01";

fn stores(dir: &Path) -> Vec<(&'static str, Box<dyn Blobs>)> {
    let local = BlobStore::open(dir.join("local"), Limits::default()).unwrap();
    let memory = ObjectBlobs::new(
        Arc::new(InMemory::new()),
        Limits::default(),
        dir.join("staging-memory"),
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("objects")).unwrap();
    let fs = ObjectBlobs::new(
        Arc::new(LocalFileSystem::new_with_prefix(dir.join("objects")).unwrap()),
        Limits::default(),
        dir.join("staging-fs"),
    )
    .unwrap();
    vec![
        ("local directory", Box::new(local)),
        ("object store in memory", Box::new(memory)),
        ("object store on a file system", Box::new(fs)),
    ]
}

#[test]
fn every_store_keeps_reads_ranges_and_removes_by_hash() {
    let dir = tempfile::tempdir().unwrap();
    let mut big = PNG.to_vec();
    big.extend((0..300_000u32).map(|i| (i % 251) as u8));
    let file = dir.path().join("photo.png");
    std::fs::write(&file, &big).unwrap();
    for (name, blobs) in stores(dir.path()) {
        let small = blobs.put_bytes(PNG, Some("dot.png")).unwrap();
        assert!(blobs.contains(&small.sha256), "{name}");
        assert_eq!(blobs.read(&small.sha256).unwrap(), PNG, "{name}");
        let again = blobs.put_bytes(PNG, Some("dot.png")).unwrap();
        assert_eq!(
            again.sha256, small.sha256,
            "{name}: same content, same name"
        );

        let stored = blobs.put_file(&file, None).unwrap();
        assert_eq!(stored.size, big.len() as u64, "{name}");
        assert_eq!(
            blobs.size(&stored.sha256).unwrap(),
            big.len() as u64,
            "{name}"
        );
        assert_eq!(
            blobs.read_range(&stored.sha256, 100..1100).unwrap(),
            big[100..1100],
            "{name}"
        );
        assert_eq!(
            blobs.read_range(&stored.sha256, 299_990..400_000).unwrap(),
            big[299_990..],
            "{name}: a range past the end is clamped"
        );
        assert_eq!(
            blobs.usage().unwrap(),
            Usage {
                files: 2,
                bytes: (PNG.len() + big.len()) as u64
            },
            "{name}: what the store holds"
        );
        assert!(blobs.remove(&stored.sha256).unwrap(), "{name}");
        assert!(!blobs.contains(&stored.sha256), "{name}");
        assert_eq!(
            blobs.usage().unwrap(),
            Usage {
                files: 1,
                bytes: PNG.len() as u64
            },
            "{name}: after a removal"
        );
        assert!(
            !blobs.remove(&stored.sha256).unwrap(),
            "{name}: nothing left"
        );
        assert!(
            matches!(blobs.read(&stored.sha256), Err(MediaError::NotFound { .. })),
            "{name}"
        );
    }
}

#[test]
fn every_store_refuses_bad_types_sizes_and_hashes() {
    let dir = tempfile::tempdir().unwrap();
    for (name, blobs) in stores(dir.path()) {
        let refused = blobs.put_bytes(b"<svg onload=alert(1)></svg>", Some("x.svg"));
        assert!(refused.is_err(), "{name}: an SVG is refused");
        assert!(!blobs.contains("../../etc/passwd"), "{name}");
        assert!(
            matches!(blobs.remove("not-a-hash"), Err(MediaError::BadHash { .. })),
            "{name}"
        );
    }
    let tight = Limits {
        image: 10,
        ..Limits::default()
    };
    let blobs = ObjectBlobs::new(Arc::new(InMemory::new()), tight, dir.path().join("s")).unwrap();
    assert!(matches!(
        blobs.put_bytes(PNG, Some("dot.png")),
        Err(MediaError::TooLarge { .. })
    ));
}

#[test]
fn only_a_local_directory_offers_paths() {
    let dir = tempfile::tempdir().unwrap();
    for (name, blobs) in stores(dir.path()) {
        let stored = blobs.put_bytes(PNG, Some("dot.png")).unwrap();
        let path = blobs.local_path(&stored.sha256);
        assert_eq!(path.is_some(), name == "local directory", "{name}");
    }
}
