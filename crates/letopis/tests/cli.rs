//! The `letopis` binary as a user runs it: real processes, a real data directory, real HTTP.

mod support;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use support::{Server, get, head_of, letopis, text};

fn data_arg(dir: &Path) -> String {
    dir.join("data").display().to_string()
}

fn serve(data: &str) -> Server {
    support::serve(Path::new(data))
}

#[test]
fn help_lists_the_commands() {
    let out = letopis(&["--help"]);
    assert!(out.status.success());
    let help = text(&out.stdout);
    for command in [
        "serve", "demo", "import", "stats", "backup", "restore", "verify",
    ] {
        assert!(help.contains(command), "--help lacks {command}:\n{help}");
    }
    let import = text(&letopis(&["import", "persons", "--help"]).stdout);
    for flag in ["--dry-run", "--skip-invalid", "--data"] {
        assert!(import.contains(flag), "import help lacks {flag}");
    }
}

#[test]
fn a_data_directory_that_cannot_be_written_is_one_clear_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, "x").expect("write");
    let bad = file.join("data");
    let out = letopis(&["stats", "--data", &bad.display().to_string()]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("каталог данных"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
}

#[test]
fn serve_creates_an_empty_base_and_answers_healthz() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = data_arg(dir.path());
    let server = serve(&data);
    let (status, body) = get(&server.addr, "/healthz");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"ok\""), "{body}");
    assert!(Path::new(&data).join("letopis.db").exists());
}

#[test]
fn version_names_the_commit_and_the_day_of_the_build() {
    let out = letopis(&["--version"]);
    assert!(out.status.success());
    let line = text(&out.stdout);
    // `letopis 0.2.0 (59ece5f 2026-12-07)`, `f256c38+dirty` from a changed tree.
    let build = line
        .trim()
        .strip_prefix(concat!("letopis ", env!("CARGO_PKG_VERSION"), " ("))
        .and_then(|rest| rest.strip_suffix(')'))
        .unwrap_or_else(|| panic!("{line}"));
    let (commit, day) = build.split_once(' ').unwrap_or_else(|| panic!("{line}"));
    let hash = commit.strip_suffix("+dirty").unwrap_or(commit);
    assert!(
        hash.len() >= 7 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
        "a commit from the repository this is built in: {line}"
    );
    day.parse::<jiff::civil::Date>()
        .unwrap_or_else(|e| panic!("{day}: {e}"));
}

#[test]
fn json_logs_and_a_metrics_listener_from_letopis_toml() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).expect("data dir");
    std::fs::write(
        data.join("letopis.toml"),
        "metrics_bind = \"127.0.0.1:0\"\nlog_format = \"json\"\n",
    )
    .expect("letopis.toml");
    let mut child = Command::new(env!("CARGO_BIN_EXE_letopis"))
        .args(["serve", "--bind", "127.0.0.1:0", "--data"])
        .arg(&data)
        .env_remove("LETOPIS_LOG_FORMAT")
        .stderr(Stdio::piped())
        .spawn()
        .expect("start letopis serve");
    let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
    let mut server = Server {
        child,
        addr: String::new(),
    };
    let metrics = loop {
        let line = lines
            .next()
            .expect("the server logged its addresses before exiting")
            .expect("read stderr");
        let entry: serde_json::Value =
            serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        let message = entry["message"].as_str().expect("a message").to_owned();
        assert!(
            entry["level"].is_string() && entry["timestamp"].is_string(),
            "{line}"
        );
        let Some(rest) = message.split("http://").nth(1) else {
            continue;
        };
        let addr = rest.split('/').next().expect("address").to_owned();
        if message.starts_with("metrics:") {
            break addr;
        }
        server.addr = addr;
    };
    std::thread::spawn(move || for _ in lines {});
    assert!(!server.addr.is_empty(), "the portal's address came first");

    let version = text(&letopis(&["--version"]).stdout);
    let commit = version
        .split_once('(')
        .and_then(|(_, build)| build.split(' ').next())
        .expect("the commit in --version");
    let (status, body) = get(&metrics, "/metrics");
    assert_eq!(status, 200, "{body}");
    let build = format!(
        "letopis_build_info{{version=\"{}\",commit=\"{commit}\"}} 1",
        env!("CARGO_PKG_VERSION")
    );
    assert!(body.contains(&build), "{build} in\n{body}");
    assert_eq!(
        get(&metrics, "/healthz").0,
        404,
        "the metrics listener serves metrics only"
    );
    let (status, body) = get(&server.addr, "/healthz");
    assert_eq!((status, body.as_str()), (200, r#"{"status":"ok"}"#));
}

#[test]
fn csv_import_in_both_encodings_and_a_broken_file_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = data_arg(dir.path());
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../import/tests/data");
    let utf8 = samples.join("persons_ru_utf8.csv").display().to_string();
    let cp1251 = samples.join("persons_ru_cp1251.csv").display().to_string();

    let out = letopis(&["import", "persons", &utf8, "--data", &data, "--dry-run"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stats = text(&letopis(&["stats", "--data", &data]).stdout);
    assert!(
        persons_total(&stats) == 0,
        "dry run wrote nothing:\n{stats}"
    );

    let out = letopis(&["import", "persons", &utf8, "--data", &data, "--publish"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let after_utf8 = persons_total(&text(&letopis(&["stats", "--data", &data]).stdout));
    assert!(after_utf8 >= 5, "imported {after_utf8}");

    let out = letopis(&["import", "persons", &cp1251, "--data", &data]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    let broken = dir.path().join("broken.csv");
    std::fs::write(
        &broken,
        "Фамилия;Имя;Дата рождения;Судьба\nСидоров;Иван;1920;погиб\nПетров;Пётр;31.02.1921;вернулся\n;Анна;1922;\nОрлов;Олег;1923;улетел\n",
    )
    .expect("write");
    let before = text(&letopis(&["stats", "--data", &data]).stdout);
    let out = letopis(&[
        "import",
        "persons",
        &broken.display().to_string(),
        "--data",
        &data,
    ]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    for line in ["строка 3", "строка 4", "строка 5"] {
        assert!(err.contains(line), "missing «{line}» in:\n{err}");
    }
    assert!(!err.contains("строка 2"), "line 2 is valid:\n{err}");
    let after = text(&letopis(&["stats", "--data", &data]).stdout);
    assert_eq!(before, after, "a broken file imports nothing");
}

/// An import into the base of a running portal says that the portal will index the new
/// records, as the normal case it is: no «letopis:» error line and no advice to stop the portal.
#[test]
fn an_import_beside_a_running_portal_says_the_portal_indexes_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = data_arg(dir.path());
    let _server = serve(&data);
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../import/tests/data");
    let utf8 = samples.join("persons_ru_utf8.csv").display().to_string();
    let out = letopis(&["import", "persons", &utf8, "--data", &data, "--publish"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(
        stdout.contains("индекс ведёт запущенный портал, он сам добавит новые записи"),
        "{stdout}\n{stderr}"
    );
    assert!(
        !stderr.contains("letopis:") && !stderr.contains("остановите"),
        "{stderr}"
    );
}

fn persons_total(stats: &str) -> u64 {
    stats
        .lines()
        .find(|l| l.starts_with("persons"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .expect("a persons line in stats")
}

/// The whole path a new user takes: `letopis demo` builds a museum, `letopis serve` shows it,
/// and nothing that is not public can be reached anonymously by any URL.
#[test]
fn the_demo_museum_is_browsable_and_keeps_its_closed_records_closed() {
    use letopis_core::{Kind, Viewer};
    use letopis_store::{ListQuery, Store};

    let dir = tempfile::tempdir().expect("temp dir");
    let data = data_arg(dir.path());
    let out = letopis(&[
        "demo",
        "--data",
        &data,
        "--generate-only",
        "--persons",
        "300",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    // Find the closed records straight from the base, as an administrator would.
    let store = letopis_store::sqlite::SqliteStore::open(Path::new(&data).join("letopis.db"))
        .expect("open the demo base");
    let today = letopis_core::today();
    let mut open = Vec::new();
    let mut closed = Vec::new();
    for kind in Kind::ALL {
        let q = ListQuery {
            limit: 1000,
            ..ListQuery::new(kind)
        };
        for rec in store
            .list(&q, &Viewer::admin(letopis_core::UserId(0)).filter(today))
            .expect("list")
            .items
        {
            if rec.audience.admits(&Viewer::anonymous(), today) {
                open.push(rec.record);
            } else {
                closed.push(rec.record);
            }
        }
    }
    assert!(
        open.len() >= 500,
        "a demo museum has hundreds of public records"
    );
    assert!(
        closed.len() >= 8,
        "the demo has records in every non-public state"
    );
    drop(store);

    let server = serve(&data);
    let (status, home) = get(&server.addr, "/");
    assert_eq!(status, 200);
    assert!(home.contains("Герои"), "{home}");
    // `letopis serve` shows the demo's base maps too: `demo` named them in a new letopis.toml.
    let (status, map) = get(&server.addr, "/map");
    assert_eq!(status, 200);
    assert!(
        map.contains("/tiles/{z}/{x}/{y}.png") && map.contains("/tiles/historic/{z}/{x}/{y}.png"),
        "the demo's /map has today's and 1941's layers"
    );
    for tile in [
        "/tiles/12/2474/1278.png",
        "/tiles/historic/12/2474/1278.png",
    ] {
        assert!(
            head_of(&server.addr, tile).starts_with("HTTP/1.1 200"),
            "{tile}"
        );
    }
    for rec in open.iter().take(40) {
        let path = format!("/{}/{}", rec.kind().plural(), rec.meta.slug);
        let (status, _) = get(&server.addr, &path);
        assert_eq!(status, 200, "{path}");
    }
    for rec in &closed {
        let plural = rec.kind().plural();
        let id = rec.id();
        for path in [
            format!("/{plural}/{}", rec.meta.slug),
            format!("/{plural}/{id}"),
            format!("/api/v1/{plural}/{id}"),
        ] {
            let (status, body) = get(&server.addr, &path);
            // A withdrawn record's page says it is gone (410); every other closed one is not
            // found, and the API answers 404 for all.
            let page = !path.starts_with("/api/");
            let expected = if page && rec.meta.workflow == letopis_core::Workflow::Withdrawn {
                410
            } else {
                404
            };
            assert_eq!(
                status, expected,
                "{path} is closed ({:?})",
                rec.meta.workflow
            );
            assert!(!body.contains(&rec.title()), "{path} leaks the title");
        }
        for sha in rec.body.media() {
            let path = format!("/media/{}", sha.sha256);
            let used_elsewhere = open
                .iter()
                .any(|o| o.body.media().iter().any(|m| m.sha256 == sha.sha256));
            if !used_elsewhere {
                assert_eq!(get(&server.addr, &path).0, 404, "{path}");
            }
        }
        let (_, list) = get(&server.addr, &format!("/api/v1/{plural}?per_page=100"));
        assert!(
            !list.contains(&format!("\"id\":{id},")),
            "{plural} API list leaks № {id}"
        );
    }
}

/// `letopis user add --link` prints a link to the address the portal listens on — the one in
/// `LETOPIS_BIND`, as `serve` takes it — or to the configured public address, never a default
/// the portal is not on.
#[test]
fn an_invitation_link_names_the_configured_address() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = data_arg(dir.path());
    let add = |email: &str, bind: Option<&str>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_letopis"));
        command
            .env_remove("LETOPIS_DATA")
            .env_remove("LETOPIS_BIND");
        if let Some(bind) = bind {
            command.env("LETOPIS_BIND", bind);
        }
        let out = command
            .args(["user", "add", "--data", &data, "--email", email])
            .args(["--role", "admin", "--link"])
            .output()
            .expect("run letopis");
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let printed = add("first@example.ru", Some("0.0.0.0:9123"));
    assert!(
        printed.contains("http://127.0.0.1:9123/studio/set-password/"),
        "{printed}"
    );
    assert!(
        printed.contains("public_url"),
        "says how to link the site: {printed}"
    );

    std::fs::write(
        dir.path().join("data/letopis.toml"),
        "public_url = \"https://pamyat.example.ru\"\n",
    )
    .expect("write config");
    let printed = add("second@example.ru", Some("0.0.0.0:9123"));
    assert!(
        printed.contains("https://pamyat.example.ru/studio/set-password/"),
        "{printed}"
    );
    assert!(!printed.contains("public_url"), "{printed}");
}
