//! `letopis backup`, `restore` and `verify` as an administrator runs them: the real binary on a
//! real demo museum, the bag checked by the Library of Congress's reference `bagit` module.

mod support;

use std::io::{BufRead, BufReader};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use support::{arg, letopis, same_pages_and_media, serve, stats, text};

/// One demo museum for every test here (generating it is the slow part); tests only read it,
/// or serve it.
fn demo() -> &'static Path {
    static DEMO: OnceLock<tempfile::TempDir> = OnceLock::new();
    DEMO.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = letopis(&[
            "demo",
            "--data",
            &arg(dir.path()),
            "--generate-only",
            "--persons",
            "100",
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        dir
    })
    .path()
}

/// The reference validator, `python3 -m bagit --validate`. Debian's python3 first, as the
/// install script puts the module there.
fn validate_with_bagit(bag: &Path) -> Output {
    for python in ["/usr/bin/python3", "python3"] {
        let has_module = Command::new(python)
            .args(["-c", "import bagit"])
            .output()
            .is_ok_and(|o| o.status.success());
        if has_module {
            return Command::new(python)
                .args(["-m", "bagit", "--validate", &arg(bag)])
                .output()
                .expect("run bagit");
        }
    }
    panic!(
        "the Python module `bagit` (the BagIt reference validator) is missing: run tools/install-test-tools.sh"
    );
}

/// Some original of the demo, as its path under media/.
fn an_original(media: &Path) -> PathBuf {
    let mut dir = media.to_path_buf();
    loop {
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .expect("read media")
            .map(|e| e.expect("entry").path())
            .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
            .collect();
        entries.sort();
        let first = entries.into_iter().next().expect("a media file");
        if first.is_file() {
            return first
                .strip_prefix(media)
                .expect("under media")
                .to_path_buf();
        }
        dir = first;
    }
}

fn flip_a_byte(path: &Path) {
    let mut bytes = std::fs::read(path).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    std::fs::write(path, bytes).expect("write");
}

#[test]
fn a_backup_is_a_valid_bag_that_restores_the_same_museum() {
    let demo = demo();
    let work = tempfile::tempdir().expect("temp dir");
    let bag = work.path().join("bag");
    // Taken while the portal serves the base.
    let server = serve(demo);
    let out = letopis(&["backup", "--data", &arg(demo), "--to", &arg(&bag)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let summary = text(&out.stdout);
    assert!(
        summary.contains("взято из прошлой копии: 0"),
        "a first backup copies everything:\n{summary}"
    );
    drop(server);
    let valid = validate_with_bagit(&bag);
    assert!(
        valid.status.success(),
        "bagit rejects the bag:\n{}",
        text(&valid.stderr)
    );
    let info = std::fs::read_to_string(bag.join("bag-info.txt")).expect("bag-info.txt");
    for field in [
        "Bagging-Date:",
        "Payload-Oxum:",
        "Source-Organization:",
        "Letopis-Version:",
    ] {
        assert!(info.contains(field), "{field} missing:\n{info}");
    }
    assert!(info.contains(" schema "), "{info}");
    assert!(!bag.join("data/search").exists(), "the index is derived");

    let restored = work.path().join("restored");
    let out = letopis(&["restore", "--from", &arg(&bag), "--data", &arg(&restored)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(stats(&restored), stats(demo));
    let original = an_original(&demo.join("media"));
    assert_eq!(
        std::fs::read(restored.join("media").join(&original)).expect("restored original"),
        std::fs::read(demo.join("media").join(&original)).expect("original"),
    );
    // A base is not replaced without --force, and with it the old one is kept aside.
    let out = letopis(&["restore", "--from", &arg(&bag), "--data", &arg(&restored)]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("--force"),
        "{}",
        text(&out.stderr)
    );
    let out = letopis(&[
        "restore",
        "--from",
        &arg(&bag),
        "--data",
        &arg(&restored),
        "--force",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let aside: Vec<_> = std::fs::read_dir(&restored)
        .expect("read")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("before-restore-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert!(restored.join(&aside[0]).join("letopis.db").is_file());

    // A second backup into the same bag reuses the originals: the same files, not copies.
    let in_bag = bag.join("data/media").join(&original);
    let inode = std::fs::metadata(&in_bag).expect("in the bag").ino();
    let out = letopis(&["backup", "--data", &arg(demo), "--to", &arg(&bag)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let summary = text(&out.stdout);
    assert!(
        summary.contains("медиафайлов скопировано: 0"),
        "nothing new to copy:\n{summary}"
    );
    assert_eq!(
        std::fs::metadata(&in_bag).expect("still there").ino(),
        inode
    );
    assert!(validate_with_bagit(&bag).status.success());
    let leftovers: Vec<_> = std::fs::read_dir(&bag)
        .expect("read")
        .map(|e| e.expect("entry").file_name())
        .filter(|n| n.to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // One changed byte in the bag and restore refuses, naming the file, writing nothing.
    flip_a_byte(&in_bag);
    let fresh = work.path().join("fresh");
    let out = letopis(&["restore", "--from", &arg(&bag), "--data", &arg(&fresh)]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    let name = format!("data/media/{}", original.display());
    assert!(err.contains(&name), "names {name}:\n{err}");
    assert!(!fresh.join("letopis.db").exists());

    // The restored museum serves the same pages and media as the original. The original is
    // served from a copy: serving may add derivatives to its media directory, and the other
    // tests back the shared demo up at the same time.
    let copy = work.path().join("original");
    let out = Command::new("cp")
        .args(["-a", &arg(demo), &arg(&copy)])
        .output()
        .expect("run cp");
    assert!(out.status.success(), "{}", text(&out.stderr));
    same_pages_and_media(&copy, &restored);
}

/// A backup cut short leaves no bag, and the next one reuses the originals it had copied.
#[test]
fn a_backup_cut_short_is_no_bag_and_the_next_reuses_its_copies() {
    let work = tempfile::tempdir().expect("temp dir");
    let bag = work.path().join("bag");
    let out = letopis(&["backup", "--data", &arg(demo()), "--to", &arg(&bag)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // What a backup killed before sealing leaves: its payload in the partial directory, and
    // no declaration (the previous bag's went first).
    let partial = bag.join(".letopis-partial-1-1");
    std::fs::create_dir(&partial).expect("mkdir");
    std::fs::rename(bag.join("data"), partial.join("data")).expect("move");
    for tag in [
        "bagit.txt",
        "bag-info.txt",
        "manifest-sha256.txt",
        "tagmanifest-sha256.txt",
    ] {
        std::fs::remove_file(bag.join(tag)).expect("remove");
    }
    assert!(!validate_with_bagit(&bag).status.success(), "no bag");

    let out = letopis(&["backup", "--data", &arg(demo()), "--to", &arg(&bag)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let summary = text(&out.stdout);
    assert!(summary.contains("медиафайлов скопировано: 0"), "{summary}");
    assert!(validate_with_bagit(&bag).status.success());
    assert!(
        !partial.exists(),
        "what the cut-short backup left is cleared"
    );
}

#[test]
fn a_backup_goes_only_where_a_backup_was() {
    let work = tempfile::tempdir().expect("temp dir");
    std::fs::write(work.path().join("notes.txt"), "someone's files").expect("write");
    let out = letopis(&["backup", "--data", &arg(demo()), "--to", &arg(work.path())]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("notes.txt"),
        "{}",
        text(&out.stderr)
    );
    assert!(!work.path().join("bagit.txt").exists());

    let foreign = work.path().join("foreign");
    std::fs::create_dir(&foreign).expect("mkdir");
    std::fs::write(foreign.join("bagit.txt"), "BagIt-Version: 1.0\n").expect("write");
    let out = letopis(&["backup", "--data", &arg(demo()), "--to", &arg(&foreign)]);
    assert!(
        !out.status.success(),
        "another program's bag is not replaced"
    );

    let missing = work.path().join("no-such-museum");
    let out = letopis(&[
        "backup",
        "--data",
        &arg(&missing),
        "--to",
        &arg(&work.path().join("b")),
    ]);
    assert!(!out.status.success());
    assert!(!missing.exists(), "a mistyped --data creates nothing");
}

#[test]
fn verify_finds_a_damaged_and_a_missing_original() {
    let work = tempfile::tempdir().expect("temp dir");
    let bag = work.path().join("bag");
    let data = work.path().join("data");
    let out = letopis(&["backup", "--data", &arg(demo()), "--to", &arg(&bag)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = letopis(&["restore", "--from", &arg(&bag), "--data", &arg(&data)]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    let out = letopis(&["verify", "--data", &arg(&data)]);
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(text(&out.stdout).contains("Повреждены: 0, отсутствуют: 0"));

    let damaged = an_original(&data.join("media"));
    flip_a_byte(&data.join("media").join(&damaged));
    let out = letopis(&["verify", "--data", &arg(&data)]);
    assert!(!out.status.success(), "a damaged original fails the check");
    let report = text(&out.stdout);
    assert!(
        report.contains(&format!("повреждён: {}", damaged.display())),
        "{report}"
    );
    assert!(report.contains("Повреждены: 1, отсутствуют: 0"), "{report}");

    std::fs::remove_file(data.join("media").join(&damaged)).expect("remove");
    let out = letopis(&["verify", "--data", &arg(&data)]);
    assert!(!out.status.success(), "a missing original fails the check");
    let report = text(&out.stdout);
    let sha = damaged.file_name().unwrap().to_string_lossy().into_owned();
    assert!(report.contains(&format!("отсутствует: {sha}")), "{report}");
}

/// The portal audits the originals by itself (`fixity_every_days`): half a minute after it
/// starts on a base never audited, it reads every original and logs what is damaged.
#[test]
fn the_portal_audits_its_originals_on_schedule() {
    let work = tempfile::tempdir().expect("temp dir");
    let bag = work.path().join("bag");
    let data = work.path().join("data");
    let out = letopis(&["backup", "--data", &arg(demo()), "--to", &arg(&bag)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = letopis(&["restore", "--from", &arg(&bag), "--data", &arg(&data)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let config = data.join("letopis.toml");
    let mut toml = std::fs::read_to_string(&config).unwrap_or_default();
    toml.insert_str(0, "fixity_every_days = 1\n");
    std::fs::write(&config, toml).expect("config");
    let damaged = an_original(&data.join("media"));
    flip_a_byte(&data.join("media").join(&damaged));

    let mut child = Command::new(env!("CARGO_BIN_EXE_letopis"))
        .args(["serve", "--data", &arg(&data), "--bind", "127.0.0.1:0"])
        .env_remove("LETOPIS_DATA")
        .env_remove("LETOPIS_BIND")
        .stderr(Stdio::piped())
        .spawn()
        .expect("start letopis serve");
    let lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let server = support::Server {
        child,
        addr: String::new(),
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let mut seen = Vec::new();
    let found = loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) if line.contains("fixity audit") && line.contains("повреждён") => {
                break line;
            }
            Ok(line) => seen.push(line),
            Err(_) => panic!("no fixity audit in two minutes:\n{}", seen.join("\n")),
        }
    };
    assert!(found.contains(&damaged.display().to_string()), "{found}");
    drop(server);
}
