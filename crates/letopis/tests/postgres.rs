//! The museum on PostgreSQL (issue #20), as an administrator runs it: the real binary against a
//! real PostgreSQL server (a throwaway cluster on loopback). A SQLite museum is moved up with
//! `letopis migrate` and served by a node with `--database postgres://…`, then moved back down;
//! and the demo generated straight into PostgreSQL is the demo generated into SQLite. Each time
//! every page of the sitemap, every media file they show, searches and `stats` are compared.

mod support;

use letopis_store::postgres::testing::TempCluster;
use std::path::Path;
use support::{Server, arg, get, letopis, same_pages_and_media_of, serve, serve_with, stats, text};

/// A node's own data directory: the museum's settings and map files, no base.
fn node_dir(museum: &Path, node: &Path) {
    std::fs::create_dir_all(node.join("map")).expect("node dir");
    std::fs::copy(museum.join("letopis.toml"), node.join("letopis.toml")).expect("settings");
    for map in std::fs::read_dir(museum.join("map")).expect("maps") {
        let map = map.expect("map").path();
        std::fs::copy(&map, node.join("map").join(map.file_name().expect("name"))).expect("map");
    }
}

fn stats_of(data: &Path, url: &str) -> String {
    let out = letopis(&["stats", "--data", &arg(data), "--database", url]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
        .lines()
        .skip(1)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The same search pages (results, counts, facets) from both portals.
fn same_searches(a: &Server, b: &Server) {
    for q in [
        "Иванов",
        "Иванова",
        "Петрова Мария",
        "Соколов 1942",
        "Volkov",
        "письмо",
    ] {
        let path = format!("/search?q={}", q.replace(' ', "+"));
        let path = path
            .replace("Иванов", "%D0%98%D0%B2%D0%B0%D0%BD%D0%BE%D0%B2")
            .replace("Иванова", "%D0%98%D0%B2%D0%B0%D0%BD%D0%BE%D0%B2%D0%B0");
        let (status_a, page_a) = get(&a.addr, &path);
        let (status_b, page_b) = get(&b.addr, &path);
        assert_eq!((status_a, status_b), (200, 200), "{path}");
        assert_eq!(
            support::without_address(&page_a, &a.addr),
            support::without_address(&page_b, &b.addr),
            "{path}"
        );
    }
}

#[test]
fn a_museum_moves_to_postgresql_and_back_and_shows_the_same_pages() {
    let cluster = TempCluster::shared();
    let work = tempfile::tempdir().expect("temp dir");
    let museum = work.path().join("museum");
    let out = letopis(&["demo", "--data", &arg(&museum), "--generate-only"]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    // Up: the whole base, compared row for row by the command itself.
    let url = cluster.fresh_database();
    let from = format!("sqlite:{}", arg(&museum));
    let out = letopis(&["migrate", "--from", &from, "--to", &url]);
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let said = text(&out.stdout);
    assert!(said.contains("совпадают с исходными"), "{said}");
    assert!(
        said.contains("оригиналов, которые называет база, на месте"),
        "{said}"
    );

    // A second copy into the same base is refused, and the base stays as it was.
    let again = letopis(&["migrate", "--from", &from, "--to", &url]);
    assert!(!again.status.success());
    assert!(
        text(&again.stderr).contains("не пуста"),
        "{}",
        text(&again.stderr)
    );
    // Neither is a base nobody can reach: the error names the server, not a panic.
    let nowhere = letopis(&[
        "migrate",
        "--from",
        &from,
        "--to",
        "postgres://letopis@127.0.0.1:1/none?connect_timeout=2",
    ]);
    assert!(!nowhere.status.success());
    assert!(
        text(&nowhere.stderr).contains("PostgreSQL"),
        "{}",
        text(&nowhere.stderr)
    );

    let node = work.path().join("node");
    node_dir(&museum, &node);
    let media = format!("file:{}", arg(&museum.join("media")));
    assert_eq!(stats_of(&node, &url), stats(&museum));
    {
        let on_sqlite = serve(&museum);
        let on_postgres = serve_with(&node, &["--database", &url, "--media", &media]);
        same_pages_and_media_of(&on_sqlite, &on_postgres);
        same_searches(&on_sqlite, &on_postgres);
    }

    // Down again, originals copied into the new directory: the same museum.
    let down = work.path().join("down");
    node_dir(&museum, &down);
    let out = letopis(&[
        "migrate",
        "--from",
        &url,
        "--from-media",
        &media,
        "--to",
        &format!("sqlite:{}", arg(&down)),
    ]);
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(
        text(&out.stdout).contains("Оригиналы: скопировано"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(stats(&down), stats(&museum));
    let on_sqlite = serve(&museum);
    let round_trip = serve(&down);
    same_pages_and_media_of(&on_sqlite, &round_trip);
    same_searches(&on_sqlite, &round_trip);
}

#[test]
fn the_demo_generated_into_postgresql_is_the_demo_of_sqlite() {
    let cluster = TempCluster::shared();
    let work = tempfile::tempdir().expect("temp dir");
    let on_sqlite = work.path().join("sqlite");
    let on_postgres = work.path().join("postgres");
    let url = cluster.fresh_database();
    let out = letopis(&["demo", "--data", &arg(&on_sqlite), "--generate-only"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = letopis(&[
        "demo",
        "--data",
        &arg(&on_postgres),
        "--database",
        &url,
        "--generate-only",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        !on_postgres.join("letopis.db").exists(),
        "the base is in PostgreSQL, not in the node's directory"
    );
    assert_eq!(stats_of(&on_postgres, &url), stats(&on_sqlite));
    let a = serve(&on_sqlite);
    let b = serve_with(&on_postgres, &["--database", &url]);
    // Two generations a few seconds apart: the same museum, each change dated when it was made.
    support::same_pages_and_media_when(&a, &b, &support::without_times);
    same_searches(&a, &b);
}
