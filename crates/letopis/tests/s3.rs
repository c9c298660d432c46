//! A museum whose originals live in an S3-compatible object store (issue #20), as an
//! administrator runs it: the real binary, a real SeaweedFS server on loopback, signed
//! requests. The demo is generated into the bucket, served (pages and media with ranges),
//! audited, backed up and restored onto a local disk, and both portals show the same museum.

mod support;

use letopis_media::seaweedfs::{ACCESS_KEY, SECRET_KEY, SeaweedFs};
use std::path::Path;
use support::{arg, get_bytes, letopis_with, same_pages_and_media_of, serve_env, stats, text};

const KEYS: [(&str, &str); 2] = [
    ("AWS_ACCESS_KEY_ID", ACCESS_KEY),
    ("AWS_SECRET_ACCESS_KEY", SECRET_KEY),
];

/// Files under `dir` (none when there is no such directory).
fn files_under(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .map(|e| e.expect("entry").path())
        .map(|p| if p.is_dir() { files_under(&p) } else { 1 })
        .sum()
}

#[test]
fn a_museum_on_an_object_store_serves_backs_up_and_restores_to_a_disk() {
    let server = SeaweedFs::start();
    let media = server.location("letopis/town");
    let work = tempfile::tempdir().expect("temp dir");
    let on_s3 = work.path().join("on-s3");
    std::fs::create_dir_all(&on_s3).expect("data dir");
    // The configuration file names the bucket; the keys come from the environment only.
    std::fs::write(on_s3.join("letopis.toml"), format!("media = \"{media}\"\n")).expect("toml");

    let out = letopis_with(
        &[
            "demo",
            "--data",
            &arg(&on_s3),
            "--generate-only",
            "--persons",
            "100",
        ],
        &KEYS,
    );
    assert!(
        out.status.success(),
        "{}\n{}",
        text(&out.stderr),
        server.log()
    );
    assert_eq!(
        files_under(&on_s3.join("media")),
        0,
        "no original is on the node's disk"
    );
    assert_eq!(
        files_under(&on_s3.join("staging")),
        0,
        "nothing is left staged"
    );

    // Without the keys the portal does not start, and says what to check.
    let refused = letopis_with(&["stats", "--data", &arg(&on_s3)], &[]);
    assert!(refused.status.success(), "stats needs no originals");
    let verify_without_keys = letopis_with(&["verify", "--data", &arg(&on_s3)], &[]);
    assert!(!verify_without_keys.status.success());
    let said = text(&verify_without_keys.stderr);
    assert!(
        said.contains("AWS_ACCESS_KEY_ID") && said.contains("s3://letopis/town"),
        "the error names the keys and the store: {said}"
    );

    // The fixity audit reads every original back from the bucket.
    let verified = letopis_with(&["verify", "--data", &arg(&on_s3)], &KEYS);
    let report = text(&verified.stdout);
    assert!(
        verified.status.success(),
        "{report}\n{}",
        text(&verified.stderr)
    );
    assert!(report.contains("Всё в порядке"), "{report}");

    // A backup of the bucket's originals, restored onto a local disk (`--media` says where,
    // over the bag's letopis.toml).
    let bag = work.path().join("bag");
    let out = letopis_with(
        &["backup", "--data", &arg(&on_s3), "--to", &arg(&bag)],
        &KEYS,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let on_disk = work.path().join("on-disk");
    let out = letopis_with(
        &[
            "restore",
            "--from",
            &arg(&bag),
            "--data",
            &arg(&on_disk),
            "--media",
            "file:media",
        ],
        &[],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let originals = files_under(&on_disk.join("media"));
    assert!(
        originals > 5,
        "the demo's originals are on the disk: {originals}"
    );
    assert_eq!(stats(&on_disk), stats(&on_s3), "the same base");
    std::fs::write(on_disk.join("letopis.toml"), "").expect("toml");
    let out = letopis_with(&["verify", "--data", &arg(&on_disk)], &[]);
    assert!(out.status.success(), "{}", text(&out.stdout));

    // Both portals show the same pages and the same media bytes.
    let from_s3 = serve_env(&on_s3, &[], &KEYS);
    let from_disk = serve_env(&on_disk, &[], &[]);
    same_pages_and_media_of(&from_s3, &from_disk);

    // A player's range request is answered from the bucket.
    let path = support::sitemap_paths(&from_disk.addr)
        .iter()
        .find_map(|page| {
            let (_, body) = get_bytes(&from_disk.addr, page);
            text(&body)
                .split("\"/media/")
                .nth(1)
                .and_then(|at| at.split(['"', '?', ' ', ',', '/']).next())
                .map(|sha| format!("/media/{sha}"))
        })
        .expect("a page shows a media file");
    let (status, whole) = get_bytes(&from_disk.addr, &path);
    assert_eq!(status, 200, "{path}");
    let (head, part) = support::get_range(&from_s3.addr, &path, "bytes=10-109");
    assert!(head.starts_with("HTTP/1.1 206"), "{head}");
    assert!(
        head.to_ascii_lowercase()
            .contains(&format!("content-range: bytes 10-109/{}", whole.len())),
        "{head}"
    );
    assert_eq!(part, whole[10..110], "{path}: the range's bytes");
    // The hash is the file's validator: a player revalidates without a byte sent, continues
    // a range of the same file, and gets the whole file for a range of another version.
    let sha = path.trim_start_matches("/media/");
    let etag = format!("etag: \"{sha}\"");
    assert!(head.to_ascii_lowercase().contains(&etag), "{path}: {head}");
    let (head, body) = support::get_with(
        &from_s3.addr,
        &path,
        &format!("If-None-Match: W/\"0000\", \"{sha}\"\r\n"),
    );
    assert!(head.starts_with("HTTP/1.1 304"), "{head}");
    assert!(body.is_empty(), "a 304 has no body");
    let (head, part) = support::get_with(
        &from_s3.addr,
        &path,
        &format!("Range: bytes=10-109\r\nIf-Range: \"{sha}\"\r\n"),
    );
    assert!(head.starts_with("HTTP/1.1 206"), "{head}");
    assert_eq!(part, whole[10..110], "{path}: the continued range");
    let (head, all) = support::get_with(
        &from_s3.addr,
        &path,
        "Range: bytes=10-109\r\nIf-Range: \"another\"\r\n",
    );
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert_eq!(
        all, whole,
        "{path}: a range of another version gets the whole file"
    );

    // Restored into a second bucket as well: the same originals, read back whole.
    let again = work.path().join("on-s3-again");
    let out = letopis_with(
        &[
            "restore",
            "--from",
            &arg(&bag),
            "--data",
            &arg(&again),
            "--media",
            &server.location("letopis/copy"),
        ],
        &KEYS,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = letopis_with(
        &[
            "verify",
            "--data",
            &arg(&again),
            "--media",
            &server.location("letopis/copy"),
        ],
        &KEYS,
    );
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(
        text(&out.stdout).contains(&format!("Проверено медиафайлов: {originals}")),
        "{}",
        text(&out.stdout)
    );
}
