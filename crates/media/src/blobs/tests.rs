//! One contract, every blob store: what uploads, the media route and withdrawal rely on.

use super::*;
use crate::blobs_contract::{self as contract, PNG};
use object_store::local::LocalFileSystem;
use object_store::memory::InMemory;

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
    for (name, blobs) in stores(dir.path()) {
        contract::keeps_reads_ranges_and_removes_by_hash(name, &*blobs, dir.path());
    }
}

#[test]
fn every_store_lists_streams_and_takes_back_verified_originals() {
    let dir = tempfile::tempdir().unwrap();
    for (name, blobs) in stores(dir.path()) {
        contract::lists_streams_and_takes_back_verified_originals(name, &*blobs, dir.path());
    }
    contract::listing_names_originals_by_place();
}

#[test]
fn a_local_listing_leaves_out_files_being_written() {
    let dir = tempfile::tempdir().unwrap();
    let blobs = BlobStore::open(dir.path(), Limits::default()).unwrap();
    let stored = blobs.put_bytes(PNG, Some("dot.png")).unwrap();
    std::fs::write(dir.path().join(".incoming-123"), b"x").unwrap();
    std::fs::write(dir.path().join("stray.txt"), b"x").unwrap();
    let names: Vec<_> = Blobs::list(&blobs)
        .map(|l| l.unwrap())
        .map(|l| (l.name, l.sha256))
        .collect();
    let sha = stored.sha256;
    assert_eq!(
        names,
        vec![
            (
                format!("{}/{}/{sha}", &sha[0..2], &sha[2..4]),
                Some(sha.clone())
            ),
            ("stray.txt".to_string(), None),
        ]
    );
    let none = BlobStore::at(dir.path().join("none"), Limits::default());
    assert_eq!(
        Blobs::list(&none).count(),
        0,
        "no directory, nothing listed"
    );
}

#[test]
fn every_store_refuses_bad_types_sizes_and_hashes() {
    let dir = tempfile::tempdir().unwrap();
    for (name, blobs) in stores(dir.path()) {
        contract::refuses_bad_types_and_hashes(name, &*blobs);
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
