//! An upgrade as an administrator does it: this version of `letopis` takes over a base the
//! previous release made (`tests/fixtures/release-0.1.0`, written by `tools/release-fixture.py`
//! with that release's binary). It refuses to migrate the base before a fresh backup, then
//! shows the same museum: the same `stats`, every page of the old sitemap with the same title
//! and heading, the same search totals.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::{arg, get, letopis, serve, stats, text};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/release-0.1.0");

/// The previous release's base, unpacked into a new data directory under `work`.
fn unpack(work: &Path, name: &str) -> PathBuf {
    let data = work.join(name);
    std::fs::create_dir_all(&data).expect("data dir");
    let out = Command::new("gzip")
        .args(["-dc", &format!("{FIXTURE}/letopis.db.gz")])
        .output()
        .expect("run gzip");
    assert!(out.status.success(), "{}", text(&out.stderr));
    std::fs::write(data.join("letopis.db"), out.stdout).expect("write the base");
    data
}

fn schema(db: &Path) -> i64 {
    rusqlite::Connection::open(db)
        .expect("open")
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("user_version")
}

/// Every revision as stored: id, action, before, after.
fn revisions(db: &Path) -> Vec<(i64, String, Option<String>, Option<String>)> {
    let conn = rusqlite::Connection::open(db).expect("open");
    let mut stmt = conn
        .prepare("SELECT id, action, before, after FROM revisions ORDER BY id")
        .expect("select");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("revisions")
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(FIXTURE).join(name)).expect("fixture file")
}

/// The text of an HTML fragment: tags dropped, the entities askama writes decoded, whitespace
/// collapsed (as `tools/release-fixture.py` does with Python's `html.unescape`).
fn fragment_text(fragment: &str) -> String {
    let mut plain = String::new();
    let mut in_tag = false;
    for c in fragment.chars() {
        match c {
            '<' => {
                in_tag = true;
                plain.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if !in_tag => plain.push(c),
            _ => {}
        }
    }
    let mut decoded = String::new();
    let mut rest = plain.as_str();
    while let Some(at) = rest.find('&') {
        decoded.push_str(&rest[..at]);
        rest = &rest[at..];
        let entity = rest.find(';').map(|end| &rest[1..end]);
        let char = entity.and_then(|e| match e {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => e
                .strip_prefix("#x")
                .map(|hex| u32::from_str_radix(hex, 16))
                .or_else(|| e.strip_prefix('#').map(str::parse))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        });
        match (entity, char) {
            (Some(entity), Some(c)) => {
                decoded.push(c);
                rest = &rest[entity.len() + 2..];
            }
            _ => {
                decoded.push('&');
                rest = &rest[1..];
            }
        }
    }
    decoded.push_str(rest);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The contents of the first `<tag …>…</tag>` of `page`, as text.
fn first(page: &str, tag: &str) -> String {
    let Some(open) = page.find(&format!("<{tag}")) else {
        return String::new();
    };
    let after = &page[open..];
    let (Some(start), Some(end)) = (after.find('>'), after.find(&format!("</{tag}>"))) else {
        return String::new();
    };
    fragment_text(&after[start + 1..end])
}

#[test]
fn a_base_the_previous_release_made_is_upgraded_only_after_a_backup_and_shows_the_same_museum() {
    let work = tempfile::tempdir().expect("temp dir");
    let data = unpack(work.path(), "data");
    let db = data.join("letopis.db");
    let old_schema = schema(&db);
    assert_eq!(old_schema, 20, "release 0.1.0's base is at schema 20");
    let old_revisions = revisions(&db);
    assert!(
        old_revisions
            .iter()
            .any(|(_, action, _, after)| action == "create" && after.is_some()),
        "the old base's create revisions hold their records"
    );

    // Without a backup, every command that would migrate refuses, says what to do, and leaves
    // the base as it was.
    for command in [
        vec!["stats"],
        vec!["serve", "--bind", "127.0.0.1:0"],
        vec!["reindex"],
    ] {
        let mut args = command.clone();
        args.extend(["--data", data.to_str().expect("utf-8")]);
        let out = letopis(&args);
        assert!(
            !out.status.success(),
            "{command:?} migrated without a backup"
        );
        let err = text(&out.stderr);
        assert!(
            err.contains("letopis backup")
                && err.contains("схема 20")
                && err.contains("--upgrade-without-backup"),
            "{command:?} says why and what to do:\n{err}"
        );
    }
    assert_eq!(
        schema(&db),
        old_schema,
        "the refused commands changed nothing"
    );

    // A backup made before a later write is not fresh.
    let bag = work.path().join("bag");
    let out = letopis(&["backup", "--data", &arg(&data), "--to", &arg(&bag)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(schema(&db), old_schema, "a backup does not migrate");
    rusqlite::Connection::open(&db)
        .expect("open")
        .execute_batch(
            "INSERT INTO changes (subject_type, subject_id, action, at)
             VALUES ('person', 1, 'update', '2026-12-07T10:00:00Z')",
        )
        .expect("a write after the backup");
    let out = letopis(&["stats", "--data", &arg(&data)]);
    assert!(
        !out.status.success(),
        "a stale backup let the migration run"
    );
    assert!(
        text(&out.stderr).contains("до последних изменений"),
        "{}",
        text(&out.stderr)
    );

    // With a fresh one, the base is brought up to date and is the same museum.
    let out = letopis(&["backup", "--data", &arg(&data), "--to", &arg(&bag)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(stats(&data), fixture("stats.txt").trim_end());
    assert!(schema(&db) > old_schema, "migrated");
    // Migration 0023 keeps a new record's create revision in its row; the old base's revisions
    // (and so its history) are left exactly as they were.
    assert_eq!(revisions(&db), old_revisions);

    let server = serve(&data);
    let mut differences = Vec::new();
    let expected = fixture("pages.tsv");
    for line in expected.lines() {
        let [path, status, title, h1] = line.splitn(4, '\t').collect::<Vec<_>>()[..] else {
            panic!("a line of pages.tsv: {line}");
        };
        let (now_status, page) = get(&server.addr, path);
        let now = (
            now_status.to_string(),
            first(&page, "title"),
            first(&page, "h1"),
        );
        if now != (status.to_string(), title.to_string(), h1.to_string()) {
            differences.push(format!(
                "{path}: was {status} «{title}» «{h1}», now {now:?}"
            ));
        }
    }
    assert!(
        differences.is_empty(),
        "{} of {} pages differ:\n{}",
        differences.len(),
        expected.lines().count(),
        differences.join("\n")
    );

    // The index is built anew by the upgraded portal; searches find what they found.
    let totals: BTreeMap<String, u64> =
        serde_json::from_str(&fixture("search.json")).expect("search.json");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let mut now = BTreeMap::new();
    loop {
        now.clear();
        for q in totals.keys() {
            let path = format!(
                "/api/v1/search?q={}",
                q.bytes().map(|b| format!("%{b:02X}")).collect::<String>()
            );
            let (status, body) = get(&server.addr, &path);
            assert_eq!(status, 200, "{path}: {body}");
            let found: serde_json::Value = serde_json::from_str(&body).expect("search JSON");
            now.insert(q.clone(), found["total"].as_u64().expect("total"));
        }
        if now == totals || std::time::Instant::now() > deadline {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
    assert_eq!(now, totals, "search totals before and after the upgrade");
    drop(server);

    // The bag taken before the upgrade holds the old base, and brings it back.
    let back = work.path().join("back");
    let out = letopis(&["restore", "--from", &arg(&bag), "--data", &arg(&back)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(schema(&back.join("letopis.db")), old_schema);
}

#[test]
fn the_administrator_may_say_a_backup_exists_elsewhere() {
    let work = tempfile::tempdir().expect("temp dir");
    let by_flag = unpack(work.path(), "flag");
    let out = letopis(&[
        "stats",
        "--data",
        &arg(&by_flag),
        "--upgrade-without-backup",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(schema(&by_flag.join("letopis.db")) > 20);

    let by_config = unpack(work.path(), "config");
    std::fs::write(
        by_config.join("letopis.toml"),
        "upgrade_without_backup = true\n",
    )
    .expect("letopis.toml");
    let out = letopis(&["stats", "--data", &arg(&by_config)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(schema(&by_config.join("letopis.db")) > 20);

    // A base a newer version made is refused whatever is said, with what to do.
    let newer = unpack(work.path(), "newer");
    rusqlite::Connection::open(newer.join("letopis.db"))
        .expect("open")
        .execute_batch("PRAGMA user_version = 999")
        .expect("a newer schema");
    let out = letopis(&["stats", "--data", &arg(&newer), "--upgrade-without-backup"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("более новой версией"),
        "{}",
        text(&out.stderr)
    );
}
