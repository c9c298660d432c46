//! OAI-PMH at `/oai` (issue #19), harvested by Sickle — the Python harvester libraries and
//! repositories use — over the whole demo museum, with its resumption tokens: it must get
//! exactly the records an anonymous visitor sees, a withdrawn one as `deleted`, and never a
//! draft or the address of a hidden record.

use crate::support::{TestApp, editor};
use letopis_core::record::RecordId;
use letopis_core::{Kind, Viewer, Workflow};
use letopis_store::Op;
use serde_json::Value;
use std::collections::BTreeSet;
use std::process::Command;

/// The interpreter with Sickle (installed by tools/install-test-tools.sh).
fn python() -> &'static str {
    for python in ["python3", "/usr/bin/python3"] {
        let ok = Command::new(python)
            .args(["-c", "import sickle"])
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            return python;
        }
    }
    panic!("no python3 with Sickle (the OAI-PMH harvester): run tools/install-test-tools.sh");
}

/// What Sickle harvested from `/oai` (see tests/fixtures/oai_harvest.py).
async fn harvest(app: &TestApp, from: Option<&str>) -> Value {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/oai_harvest.py");
    let mut command = Command::new(python());
    command.arg(script).arg(app.url("/oai"));
    if let Some(from) = from {
        command.arg(from);
    }
    // Off the test's runtime, which also serves the harvester's requests.
    let out = tokio::task::spawn_blocking(move || command.output())
        .await
        .expect("join")
        .expect("run the harvester");
    assert!(
        out.status.success(),
        "the harvester failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the harvester's JSON")
}

fn identifier(app: &TestApp, kind: Kind, id: RecordId) -> String {
    let host = app.base.trim_start_matches("http://");
    let host = host.split(':').next().unwrap_or(host);
    format!("oai:{host}:{}/{}", kind.code(), id.0)
}

/// The base as the gate's own rule reads it, record by record: what an anonymous visitor sees,
/// and what was published once and is not seen now.
struct Expected {
    shown: BTreeSet<String>,
    deleted: BTreeSet<String>,
    drafts: Vec<String>,
    hidden_pages: Vec<String>,
}

fn expected(app: &TestApp) -> Expected {
    let today = letopis_core::today();
    let anonymous = Viewer::anonymous();
    let mut out = Expected {
        shown: BTreeSet::new(),
        deleted: BTreeSet::new(),
        drafts: Vec::new(),
        hidden_pages: Vec::new(),
    };
    let mut id = 1;
    let mut misses = 0;
    while misses < 50 {
        match app.store.get(RecordId(id)).expect("get") {
            None => misses += 1,
            Some(record) => {
                misses = 0;
                let meta = &record.record.meta;
                let name = identifier(app, meta.kind, RecordId(id));
                let page = format!("/{}/{}", meta.kind.plural(), meta.slug);
                if record.audience.admits(&anonymous, today) {
                    out.shown.insert(name);
                } else {
                    out.hidden_pages.push(page);
                    match meta.workflow {
                        Workflow::Published | Workflow::Withdrawn => {
                            out.deleted.insert(name);
                        }
                        Workflow::Draft | Workflow::InReview => out.drafts.push(name),
                    }
                }
            }
        }
        id += 1;
    }
    out
}

fn names(list: &Value, deleted: bool) -> BTreeSet<String> {
    list.as_array()
        .expect("a list")
        .iter()
        .filter(|r| r["deleted"] == deleted)
        .map(|r| r["identifier"].as_str().expect("identifier").to_string())
        .collect()
}

async fn demo() -> TestApp {
    crate::support::spawn_demo_app().await
}

#[tokio::test]
async fn a_harvester_gets_exactly_the_public_records_and_a_withdrawal_as_deleted() {
    let app = demo().await;
    let before = expected(&app);
    assert!(
        !before.deleted.is_empty() && !before.drafts.is_empty(),
        "the demo should hold hidden and draft records to check against"
    );
    let got = harvest(&app, None).await;

    assert_eq!(got["identify"]["protocolVersion"], "2.0");
    assert_eq!(got["identify"]["baseURL"], app.url("/oai"));
    assert_eq!(got["identify"]["deletedRecord"], "transient");
    assert_eq!(got["formats"], serde_json::json!(["oai_dc"]));
    let sets = got["sets"].as_object().expect("sets");
    assert_eq!(sets["kind:person"], "Герои");
    assert!(
        sets.keys().filter(|s| s.starts_with("collection:")).count() >= 1,
        "public collections are sets: {sets:?}"
    );

    let records = &got["records"];
    assert!(
        records.as_array().expect("records").len() > 200,
        "the walk must cross several resumption tokens (100 records an answer)"
    );
    assert_eq!(names(records, false), before.shown, "shown records");
    assert_eq!(names(records, true), before.deleted, "deleted records");
    assert_eq!(
        names(&got["identifiers"], false),
        before.shown,
        "ListIdentifiers names the same records"
    );
    let text = got.to_string();
    for draft in &before.drafts {
        assert!(
            !text.contains(&format!("{draft}\"")),
            "a draft {draft} was named"
        );
    }
    for page in &before.hidden_pages {
        assert!(
            !text.contains(&format!("{page}\"")),
            "the address of a hidden record {page} was harvested"
        );
    }
    // A person's record reads as Dublin Core with its page as the identifier.
    let person = records
        .as_array()
        .expect("records")
        .iter()
        .find(|r| r["sets"][0] == "kind:person" && r["deleted"] == false)
        .expect("a person");
    let dc = &person["metadata"];
    assert_eq!(dc["type"][0], "Text");
    assert!(
        dc["identifier"][0]
            .as_str()
            .is_some_and(|u| u.starts_with(&app.url("/persons/"))),
        "{dc}"
    );
    assert!(got["get_record"]["metadata"]["title"][0].is_string());

    // A withdrawal: the next incremental harvest reports it deleted, with no metadata.
    let victim = before
        .shown
        .iter()
        .find(|n| n.contains(":person/"))
        .expect("a shown person")
        .clone();
    let id: i64 = victim.rsplit('/').next().unwrap().parse().unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let since = jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    app.store
        .apply(
            &editor(),
            vec![Op::Step {
                id: RecordId(id),
                to: Workflow::Withdrawn,
                note: None,
            }],
            letopis_core::today(),
        )
        .expect("withdraw");
    let later = harvest(&app, Some(&since)).await;
    let changed = later["records"].as_array().expect("records");
    assert_eq!(changed.len(), 1, "only the withdrawal changed: {changed:?}");
    assert_eq!(changed[0]["identifier"], victim.as_str());
    assert_eq!(changed[0]["deleted"], true);
    assert!(changed[0]["metadata"].is_null());
    let all = harvest(&app, None).await;
    assert!(names(&all["records"], true).contains(&victim));
    assert!(!names(&all["records"], false).contains(&victim));
}

async fn oai(app: &TestApp, query: &str) -> String {
    let response = app.get(&format!("/oai?{query}")).await;
    assert_eq!(response.status(), 200, "{query}");
    assert!(
        response.headers()["content-type"]
            .to_str()
            .is_ok_and(|t| t.starts_with("text/xml")),
        "{query}"
    );
    response.text().await.expect("body")
}

fn error_code(xml: &str) -> Option<&str> {
    let at = xml.find("<error code=\"")? + "<error code=\"".len();
    xml[at..].split('"').next()
}

#[tokio::test]
async fn bad_requests_get_the_protocols_errors_and_reveal_nothing() {
    let app = demo().await;
    let before = expected(&app);
    let cases = [
        ("", "badVerb"),
        ("verb=Harvest", "badVerb"),
        ("verb=Identify&metadataPrefix=oai_dc", "badArgument"),
        ("verb=ListRecords", "badArgument"),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=09.05.2025",
            "badArgument",
        ),
        (
            "verb=ListRecords&metadataPrefix=marc21",
            "cannotDisseminateFormat",
        ),
        (
            "verb=ListRecords&resumptionToken=nonsense",
            "badResumptionToken",
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&set=collection:999999",
            "noRecordsMatch",
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2100-01-01",
            "noRecordsMatch",
        ),
        (
            "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:example.org:person/1",
            "idDoesNotExist",
        ),
    ];
    for (query, code) in cases {
        let xml = oai(&app, query).await;
        assert_eq!(error_code(&xml), Some(code), "{query}: {xml}");
        if matches!(code, "badVerb" | "badArgument") {
            assert!(
                xml.contains("<request>"),
                "{query}: arguments echoed: {xml}"
            );
        }
    }
    // A draft's identifier is as unknown as one never made.
    let draft = before.drafts.first().expect("a draft");
    let xml = oai(
        &app,
        &format!("verb=GetRecord&metadataPrefix=oai_dc&identifier={draft}"),
    )
    .await;
    assert_eq!(error_code(&xml), Some("idDoesNotExist"), "{xml}");
    // A withdrawn or closed record answers with its header only.
    let gone = before.deleted.first().expect("a hidden record");
    let xml = oai(
        &app,
        &format!("verb=GetRecord&metadataPrefix=oai_dc&identifier={gone}"),
    )
    .await;
    assert!(
        xml.contains("<header status=\"deleted\">") && !xml.contains("<metadata>"),
        "{xml}"
    );
    // POST, as the protocol allows.
    let posted = app
        .client
        .post(app.url("/oai"))
        .form(&[("verb", "ListMetadataFormats")])
        .send()
        .await
        .expect("post")
        .text()
        .await
        .expect("body");
    assert!(
        posted.contains("<metadataPrefix>oai_dc</metadataPrefix>"),
        "{posted}"
    );
}
