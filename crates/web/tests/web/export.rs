//! Bulk exports (issue #19): every public record of a kind, and nothing else, in a spreadsheet
//! CSV (BOM, `;`), plain CSV, JSON Lines and Dublin Core; the whole base only for
//! administrators.

use crate::support::TestApp;
use letopis_core::{Kind, Viewer};
use std::collections::BTreeSet;

async fn demo() -> TestApp {
    crate::support::spawn_demo_app().await
}

/// The pages of the kind's records the anonymous visitor sees, and of those it does not.
fn pages(app: &TestApp, kind: Kind) -> (BTreeSet<String>, BTreeSet<String>) {
    let today = letopis_core::today();
    let (mut shown, mut hidden) = (BTreeSet::new(), BTreeSet::new());
    let (mut id, mut misses) = (1, 0);
    while misses < 50 {
        match app
            .store
            .get(letopis_core::record::RecordId(id))
            .expect("get")
        {
            None => misses += 1,
            Some(r) if r.record.kind() == kind => {
                misses = 0;
                let url = app.url(&format!("/{}/{}", kind.plural(), r.record.meta.slug));
                if r.audience.admits(&Viewer::anonymous(), today) {
                    shown.insert(url);
                } else {
                    hidden.insert(url);
                }
            }
            Some(_) => misses = 0,
        }
        id += 1;
    }
    (shown, hidden)
}

#[tokio::test]
async fn the_exports_hold_exactly_the_public_records() {
    let app = demo().await;
    let (shown, hidden) = pages(&app, Kind::Person);
    assert!(
        !hidden.is_empty(),
        "the demo has persons the public does not see"
    );

    // The spreadsheet's CSV: a BOM, `;`, the importer's columns, one row per public person.
    let response = app.get("/export/persons.csv").await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("persons.csv")
    );
    let bytes = response.bytes().await.expect("body");
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "no BOM");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let headers = reader.headers().expect("headers").clone();
    for column in ["Фамилия", "Имя", "Отчество", "Дата рождения", "Биография"]
    {
        assert!(
            headers.iter().any(|h| h == column),
            "no column {column}: {headers:?}"
        );
    }
    let url = headers
        .iter()
        .position(|h| h == "Адрес")
        .expect("the address column");
    let urls: BTreeSet<String> = reader
        .records()
        .map(|r| r.expect("a row")[url].to_string())
        .collect();
    assert_eq!(
        urls, shown,
        "the spreadsheet holds exactly the public persons"
    );

    // Plain CSV: no BOM, commas, the same rows.
    let plain = app
        .get("/export/persons.utf8.csv")
        .await
        .bytes()
        .await
        .expect("body");
    assert!(!plain.starts_with("\u{feff}".as_bytes()));
    let rows = csv::Reader::from_reader(&plain[..]).records().count();
    assert_eq!(rows, shown.len());

    // JSON Lines: one record a line, as the API gives it.
    let (interviews, _) = pages(&app, Kind::Interview);
    // Streamed as it is written, never held whole: no length known in advance, and no ETag
    // (tagging it held it in memory, and a 100,000-person file over 8 MB answered 500).
    let streamed = app.get("/export/persons.jsonl").await;
    assert_eq!(streamed.status(), 200);
    for held in ["content-length", "etag"] {
        assert!(
            !streamed.headers().contains_key(held),
            "the JSON Lines export has {held}: {:?}",
            streamed.headers()
        );
    }
    // Read to the end, so the export's turn is free for the next.
    let whole = streamed.bytes().await.expect("the export");
    assert_eq!(
        whole
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .count(),
        shown.len()
    );
    let (_, jsonl) = app.text("/export/interviews.jsonl").await;
    let lines: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("a JSON line ({e}): {l}")))
        .collect();
    assert_eq!(lines.len(), interviews.len());
    assert!(
        lines
            .iter()
            .all(|l| l["meta"]["kind"] == "interview" && l["body"].is_object())
    );

    // Dublin Core: one oai_dc record per public person.
    let (_, xml) = app.text("/export/persons.dc.xml").await;
    assert!(xml.starts_with("<?xml"));
    assert_eq!(xml.matches("<oai_dc:dc ").count(), shown.len());
    let text = format!("{}{}{}", String::from_utf8_lossy(&bytes), jsonl, xml);
    for page in &hidden {
        assert!(
            !text.contains(&format!("{page};")) && !text.contains(&format!("{page}<")),
            "{page}"
        );
    }

    // The page lists the downloads; nonsense names are 404.
    let (status, html) = app.text("/export").await;
    assert_eq!(status, 200);
    assert!(html.contains("/export/persons.csv") && html.contains("/export/items.dc.xml"));
    for bad in [
        "/export/tanks.csv",
        "/export/persons.xlsx",
        "/export/dc/persons/x.xml",
    ] {
        assert_eq!(app.get(bad).await.status(), 404, "{bad}");
    }
    // The whole base is the administrators' only.
    let whole = app.get("/studio/export/persons.jsonl").await;
    assert_ne!(
        whole.status(),
        200,
        "an anonymous visitor took the whole base"
    );
}

#[tokio::test]
async fn administrators_see_the_fixity_audits_and_take_the_whole_base() {
    use crate::studio::{add_user, sign_in};
    use letopis_core::account::Role;
    use letopis_store::fixity::FixityAudit;
    let app = demo().await;
    add_user(&app, "admin@example.org", "Администратор", &[Role::Admin]);
    add_user(&app, "expert@example.org", "Эксперт", &[Role::Expert]);
    let admin = sign_in(&app, "admin@example.org").await;
    let (status, html) = admin.get(&app, "/studio/preservation").await;
    assert_eq!(status, 200);
    assert!(html.contains("Проверок ещё не было"), "{html}");

    let at = |s: &str| s.parse::<jiff::Timestamp>().expect("time");
    app.accounts
        .record_fixity_audit(&FixityAudit {
            started_at: at("2026-12-06T03:00:00Z"),
            finished_at: at("2026-12-06T03:01:00Z"),
            files: 42,
            bytes: 3_500_000,
            damaged: 1,
            missing: 0,
            unused: 2,
            problems: vec!["повреждён: ab/cd/abcd… (содержимое не совпадает с именем)".into()],
        })
        .expect("audit");
    let (_, html) = admin.get(&app, "/studio/preservation").await;
    assert!(
        html.contains("нашла повреждённые или отсутствующие файлы"),
        "{html}"
    );
    assert!(html.contains("повреждён: ab/cd/abcd"), "{html}");
    assert!(html.contains("/studio/export/persons.jsonl"));

    // The whole base: drafts too, for the administrator; the audit log says who took it.
    let (_, pages_hidden) = pages(&app, Kind::Person);
    let (status, whole) = admin.get(&app, "/studio/export/persons.jsonl").await;
    assert_eq!(status, 200);
    let (shown, _) = pages(&app, Kind::Person);
    assert_eq!(whole.lines().count(), shown.len() + pages_hidden.len());
    let (_, log) = admin.get(&app, "/studio/audit").await;
    assert!(
        log.contains("вся база: persons.jsonl"),
        "the export is not in the audit log"
    );

    // Not for an expert.
    let expert = sign_in(&app, "expert@example.org").await;
    assert_eq!(expert.get(&app, "/studio/preservation").await.0, 403);
    assert_eq!(
        expert.get(&app, "/studio/export/persons.jsonl").await.0,
        403
    );
}
