//! The blob store contract on a real S3-compatible server: SeaweedFS's `weed server` on
//! loopback (issue #20), through `object_store`'s S3 client, with signed requests.

use letopis_media::blobs_contract as contract;
use letopis_media::s3::S3Location;
use letopis_media::seaweedfs::{ACCESS_KEY, SECRET_KEY, SeaweedFs};
use letopis_media::{Blobs, Limits, MediaError, ObjectBlobs};

fn open(server: &SeaweedFs, bucket: &str, staging: &std::path::Path) -> ObjectBlobs {
    S3Location::parse(&server.location(bucket))
        .unwrap()
        .open_with_keys(Limits::default(), staging, Some((ACCESS_KEY, SECRET_KEY)))
        .unwrap_or_else(|e| panic!("{e}\n{}", server.log()))
}

#[test]
fn an_s3_compatible_server_keeps_the_blob_store_contract() {
    let server = SeaweedFs::start();
    let scratch = tempfile::tempdir().unwrap();
    let staging = scratch.path().join("staging");

    let blobs = open(&server, "museum", &staging);
    contract::keeps_reads_ranges_and_removes_by_hash("s3", &blobs, scratch.path());
    contract::refuses_bad_types_and_hashes("s3", &blobs);
    contract::lists_streams_and_takes_back_verified_originals("s3", &blobs, scratch.path());
    assert_eq!(
        std::fs::read_dir(&staging).unwrap().count(),
        0,
        "nothing is left in the staging directory"
    );

    // Two museums in one bucket under prefixes see only their own originals.
    let town = open(&server, "shared/town", &staging);
    let region = open(&server, "shared/region", &staging);
    let stored = town.put_bytes(contract::PNG, Some("dot.png")).unwrap();
    assert!(town.contains(&stored.sha256));
    assert!(
        !region.contains(&stored.sha256),
        "a prefix is a store of its own"
    );
    assert_eq!(region.list().count(), 0);
    assert_eq!(town.list().count(), 1);
}

#[test]
fn a_wrong_key_or_an_absent_server_is_told_at_opening() {
    let server = SeaweedFs::start();
    let staging = tempfile::tempdir().unwrap();
    let location = S3Location::parse(&server.location("museum")).unwrap();
    let wrong = location
        .open_with_keys(
            Limits::default(),
            staging.path(),
            Some((ACCESS_KEY, "not-the-secret")),
        )
        .expect_err("a wrong secret is refused");
    assert!(matches!(wrong, MediaError::Remote { .. }), "{wrong:?}");
    let text = wrong.to_string();
    assert!(
        text.contains("AWS_SECRET_ACCESS_KEY") && text.contains("403"),
        "the message says what to check: {text}"
    );

    let server_address = server.endpoint.clone();
    drop(server);
    let gone = location
        .open_with_keys(
            Limits::default(),
            staging.path(),
            Some((ACCESS_KEY, SECRET_KEY)),
        )
        .expect_err("no server, no store");
    assert!(matches!(gone, MediaError::Remote { .. }), "{gone:?}");
    assert!(
        gone.to_string().contains(&server_address),
        "the message names the address it tried: {gone}"
    );
}

/// Nodes starting together over one bucket (a fleet restarted at once, sites of a test run)
/// each prove it writable at opening: one's probe is never another's to read or remove.
#[test]
fn nodes_opening_one_bucket_together_all_open_it() {
    let server = SeaweedFs::start();
    let scratch = tempfile::tempdir().unwrap();
    let nodes = 8;
    let start = std::sync::Barrier::new(nodes);
    let refused: Vec<String> = std::thread::scope(|scope| {
        let opening: Vec<_> = (0..nodes)
            .map(|n| {
                let (server, start) = (&server, &start);
                let staging = scratch.path().join(format!("node-{n}"));
                scope.spawn(move || {
                    let location = S3Location::parse(&server.location("fleet/town")).unwrap();
                    start.wait();
                    location
                        .open_with_keys(Limits::default(), &staging, Some((ACCESS_KEY, SECRET_KEY)))
                        .err()
                        .map(|e| format!("node {n}: {e}"))
                })
            })
            .collect();
        opening
            .into_iter()
            .filter_map(|node| node.join().expect("a node's thread"))
            .collect()
    });
    assert!(refused.is_empty(), "{}", refused.join("\n"));
}

/// Async code may drop a store as it may use one (a server stopping, an async test): the
/// store's own runtime used to be dropped there, which tokio refuses with a panic.
#[test]
fn async_code_uses_and_drops_a_store() {
    let server = SeaweedFs::start();
    let staging = tempfile::tempdir().unwrap();
    let blobs = open(&server, "museum", staging.path());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let task = runtime.spawn(async move {
        let stored = blobs.put_bytes(contract::PNG, Some("dot.png")).unwrap();
        assert!(blobs.contains(&stored.sha256));
        drop(blobs);
    });
    runtime
        .block_on(task)
        .expect("the store was used and dropped");
}
