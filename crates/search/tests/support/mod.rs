//! The fixed base the search tests run on: the demo museum (seed 1941, 300 persons) in a real
//! SQLite file, plus a few hand-made records for cases the demo does not cover, and a real
//! index on disk built from it.

#![allow(dead_code)]

use letopis_core::consent::{ConsentKind, NewConsent};
use letopis_core::entities::{Fate, HistoricName, Person, Place, PlaceType};
use letopis_core::history::Actor;
use letopis_core::names::PersonName;
use letopis_core::record::{RecordId, Settings};
use letopis_core::{Body, Edtf, Kind, Viewer};
use letopis_demo::{DemoOptions, DemoSummary, generate};
use letopis_media::{BlobStore, Limits};
use letopis_search::{Indexer, Request, Results, SearchIndex};
use letopis_store::sqlite::SqliteStore;
use letopis_store::{Draft, Op, Store};
use std::sync::Arc;

pub struct Base {
    pub dir: tempfile::TempDir,
    pub store: Arc<SqliteStore>,
    pub index: Arc<SearchIndex>,
    pub indexer: Indexer,
    pub summary: DemoSummary,
}

pub fn editor() -> Actor {
    Actor::user(letopis_core::UserId(1), "Редактор")
}

pub fn today() -> jiff::civil::Date {
    letopis_core::today()
}

/// The demo museum with the hand-made records, indexed.
pub fn base() -> Base {
    let dir = tempfile::tempdir().expect("temporary directory");
    let store = Arc::new(SqliteStore::open(dir.path().join("letopis.db")).expect("store"));
    let blobs = BlobStore::open(dir.path().join("media"), Limits::default()).expect("blobs");
    let summary =
        generate(&*store, &*store, &blobs, &DemoOptions::default(), today()).expect("demo");
    add_hand_made(&*store);
    let (index, rebuild) = SearchIndex::open(&dir.path().join("search")).expect("index");
    assert!(rebuild.is_some(), "a new index needs building");
    let mut indexer = Indexer::new(index.clone(), &*store).expect("indexer");
    indexer.rebuild(&*store).expect("build");
    Base {
        dir,
        store,
        index,
        indexer,
        summary,
    }
}

/// A fallen soldier, published under a public-interest decision.
pub fn fallen(name: PersonName, death: &str, biography: &str) -> Draft {
    let mut draft = Draft::published(Body::Person(Person {
        name,
        birth: Edtf::parse("1920").ok(),
        death: Edtf::parse(death).ok(),
        fate: Some(Fate::Killed),
        biography: biography.into(),
        ..Person::default()
    }));
    draft.settings = Settings::default();
    draft
}

/// Creates drafts with a public-interest decision covering them, in one transaction.
pub fn publish(store: &dyn Store, drafts: Vec<Draft>) -> Vec<RecordId> {
    publish_with_scope(store, drafts, &["ФИО", "биография"])
}

/// Like [`publish`], with the decision showing what `scope` names («годы жизни», «служба»…).
pub fn publish_with_scope(store: &dyn Store, drafts: Vec<Draft>, scope: &[&str]) -> Vec<RecordId> {
    let n = drafts.len();
    let mut ops: Vec<Op> = drafts.into_iter().map(Op::Create).collect();
    ops.push(Op::AddConsentCovering {
        consent: NewConsent {
            kind: ConsentKind::PublicInterest,
            subject: None,
            granted_by: "Рабочая группа".into(),
            covers: Vec::new(),
            scope: scope.iter().map(|s| (*s).into()).collect(),
            bans: vec![],
            document: None,
            signed_on: today(),
            valid_until: None,
            note: None,
        },
        earlier: (0..n).collect(),
        subject_earlier: None,
    });
    store
        .apply(&editor(), ops, today())
        .expect("create")
        .into_iter()
        .filter_map(|o| match o {
            letopis_store::Outcome::Created(id) => Some(id),
            _ => None,
        })
        .collect()
}

/// Records the demo does not have: a married woman known by her maiden name and a German
/// spelling, a double surname, an adjectival surname, a place with an old name only a
/// historian uses.
fn add_hand_made(store: &dyn Store) {
    let mut kuznetsova = PersonName::new("Кузнецова", "Мария", "Ильинична");
    kuznetsova.maiden = Some("Ершова".into());
    kuznetsova.variants = vec!["Kusnezowa".into()];
    let mut shcherbatov = PersonName::new("Щербатов-Лесной", "Фёдор", "Игнатьевич");
    shcherbatov.variants = vec!["Щербатов".into()];
    publish(
        store,
        vec![
            fallen(
                kuznetsova,
                "1943-02-14",
                "Санитарка медсанбата, вынесла с поля боя двадцать раненых. Погибла под Ржевом.",
            ),
            fallen(
                shcherbatov,
                "1941-12-06",
                "Боец ополчения, оборонял рубеж у канала имени Москвы.",
            ),
            fallen(
                PersonName::new("Вознесенская", "Ангелина", "Петровна"),
                "1942-07",
                "Связистка, служила на узле связи под Ленинградом.",
            ),
        ],
    );
    store
        .apply(
            &editor(),
            vec![Op::Create(Draft::published(Body::Place(Place {
                name: "Левобережная фабрика".into(),
                place_type: PlaceType::Factory,
                other_names: vec![HistoricName {
                    name: "Фабрика имени Первого мая".into(),
                    period: Edtf::parse("1925/1960").ok(),
                }],
                district: "Левобережный".into(),
                description: "Ткацкая фабрика; в 1941 году перешла на выпуск шинельного сукна."
                    .into(),
                ..Place::default()
            })))],
            today(),
        )
        .expect("place");
}

pub fn anonymous() -> letopis_core::ViewerFilter {
    Viewer::anonymous().filter(today())
}

pub fn search(base: &Base, text: &str) -> Results {
    base.index
        .search(&*base.store, &Request::new(text), &anonymous())
        .expect("search")
}

/// «kind:title» of a record, as the quality set names records.
pub fn label(store: &dyn Store, id: RecordId) -> String {
    store
        .get(id)
        .ok()
        .flatten()
        .map(|r| format!("{}:{}", r.record.kind().code(), r.record.title()))
        .unwrap_or_else(|| format!("?:{}", id.0))
}

pub fn kind_of(store: &dyn Store, id: RecordId) -> Option<Kind> {
    store.get(id).ok().flatten().map(|r| r.record.kind())
}
