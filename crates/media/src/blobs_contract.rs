//! One contract, every blob store: what uploads, the media route, withdrawal, backups, restores
//! and the fixity audit rely on. The unit tests run it on a local directory and on in-process
//! object stores; `tests/s3.rs` on a real S3-compatible server (SeaweedFS).

use std::path::Path;

use crate::{Blobs, Listed, MediaError, Usage};

pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01";

/// A PNG of `len` bytes whose content depends on `seed`.
pub fn png(len: usize, seed: u8) -> Vec<u8> {
    let mut bytes = PNG.to_vec();
    bytes.extend((0..len.saturating_sub(PNG.len())).map(|i| ((i % 251) as u8) ^ seed));
    bytes
}

/// Keeps, reads, ranges and removes by hash; counts what it holds.
pub fn keeps_reads_ranges_and_removes_by_hash(name: &str, blobs: &dyn Blobs, scratch: &Path) {
    let big = png(300_000, 0);
    let file = scratch.join("photo.png");
    std::fs::write(&file, &big).unwrap();
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
    assert!(
        matches!(
            blobs.reader(&stored.sha256),
            Err(MediaError::NotFound { .. })
        ),
        "{name}"
    );
}

/// Refuses what no museum file may be, and hashes that are not hashes.
pub fn refuses_bad_types_and_hashes(name: &str, blobs: &dyn Blobs) {
    let refused = blobs.put_bytes(b"<svg onload=alert(1)></svg>", Some("x.svg"));
    assert!(refused.is_err(), "{name}: an SVG is refused");
    assert!(!blobs.contains("../../etc/passwd"), "{name}");
    assert!(
        matches!(blobs.remove("not-a-hash"), Err(MediaError::BadHash { .. })),
        "{name}"
    );
    assert!(
        matches!(
            blobs.put_verified("../x", Path::new("/dev/null")),
            Err(MediaError::BadHash { .. })
        ),
        "{name}"
    );
}

/// Lists what it holds by name, streams a blob larger than a read part, and takes back a
/// verified original while refusing a damaged one.
pub fn lists_streams_and_takes_back_verified_originals(
    name: &str,
    blobs: &dyn Blobs,
    scratch: &Path,
) {
    use sha2::{Digest, Sha256};
    // Larger than the 8 MiB part: an object store uploads it in several parts and the
    // reader reads it in several ranges.
    let large = png(8 * 1024 * 1024 * 2 + 12_345, 7);
    let file = scratch.join("large.png");
    std::fs::write(&file, &large).unwrap();
    let stored = blobs.put_file(&file, None).unwrap();
    let small = blobs.put_bytes(PNG, Some("dot.png")).unwrap();

    let mut read = Vec::new();
    std::io::Read::read_to_end(&mut blobs.reader(&stored.sha256).unwrap(), &mut read).unwrap();
    assert!(read == large, "{name}: the reader gives the whole blob");

    let mut listed: Vec<Listed> = blobs.list().map(Result::unwrap).collect();
    listed.sort_by(|a, b| a.name.cmp(&b.name));
    let mut expected = [(&stored.sha256, large.len()), (&small.sha256, PNG.len())]
        .map(|(sha, size)| Listed {
            name: format!("{}/{}/{sha}", &sha[0..2], &sha[2..4]),
            sha256: Some(sha.clone()),
            size: size as u64,
        })
        .to_vec();
    expected.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(listed, expected, "{name}: the listing names every original");

    // A restore: the file comes back under its name only if its content has that name.
    assert!(blobs.remove(&stored.sha256).unwrap(), "{name}");
    let mut damaged = large.clone();
    damaged[100] ^= 1;
    let bad = scratch.join("damaged.png");
    std::fs::write(&bad, &damaged).unwrap();
    assert!(
        matches!(
            blobs.put_verified(&stored.sha256, &bad),
            Err(MediaError::Damaged { .. })
        ),
        "{name}: a damaged copy is refused"
    );
    assert!(
        !blobs.contains(&stored.sha256),
        "{name}: and nothing is stored"
    );
    assert_eq!(
        blobs.put_verified(&stored.sha256, &file).unwrap(),
        large.len() as u64,
        "{name}"
    );
    assert_eq!(
        hex::encode(Sha256::digest(blobs.read(&stored.sha256).unwrap())),
        stored.sha256,
        "{name}: the original is back whole"
    );
    for sha in [&stored.sha256, &small.sha256] {
        blobs.remove(sha).unwrap();
    }
    assert_eq!(blobs.list().count(), 0, "{name}: empty again");
}

/// A listing tells originals from anything else by name and place.
pub fn listing_names_originals_by_place() {
    let sha = "ab".repeat(32);
    assert_eq!(
        Listed::new(format!("ab/ab/{sha}"), 1).sha256.as_deref(),
        Some(sha.as_str())
    );
    assert_eq!(Listed::new(format!("ab/{sha}"), 1).sha256, None);
    assert_eq!(Listed::new(format!("cd/ab/{sha}"), 1).sha256, None);
    assert_eq!(Listed::new("notes.txt".into(), 1).sha256, None);
    assert_eq!(
        Listed::new(format!("AB/AB/{}", sha.to_uppercase()), 1).sha256,
        None
    );
}
