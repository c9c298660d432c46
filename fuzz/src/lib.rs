//! What several fuzz targets share: a small museum base, made once per fuzzing process.

use letopis_core::consent::{ConsentKind, NewConsent};
use letopis_core::entities::{Fate, HistoricName, Person, Place, PlaceType};
use letopis_core::history::Actor;
use letopis_core::names::PersonName;
use letopis_core::{Body, Edtf};
use letopis_import::{Options, import_persons};
use letopis_search::{Indexer, SearchIndex};
use letopis_store::sqlite::SqliteStore;
use letopis_store::{Draft, Op, Store};
use std::sync::OnceLock;

/// A fixed day, so that a run is reproducible whatever the date.
pub fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 5, 9)
}

/// A SQLite base holding three persons imported with external ids `1`–`3`, so that fuzzed rows
/// naming those ids take the importer's update path (merge with the stored record), not only
/// the create path. The directory lives as long as the process.
pub fn import_base() -> &'static SqliteStore {
    static BASE: OnceLock<SqliteStore> = OnceLock::new();
    BASE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary directory").keep();
        let store = SqliteStore::open(dir.join("letopis.sqlite")).expect("store");
        let csv = "id;Фамилия;Имя;Отчество;Пол;Дата рождения;Дата смерти;Судьба\n\
                   1;Иванов;Пётр;Сергеевич;м;1921;12.03.1943;погиб\n\
                   2;Ершова;Мария;Ильинична;ж;около 1924;;вернулась\n\
                   3;Щербатов-Лесной;Фёдор;;м;05.03.1919;1941-12-06;пропал без вести\n";
        import_persons(&store, csv.as_bytes(), &Options::default(), today()).expect("seed import");
        store
    })
}

/// A dry run: everything the importer checks, nothing written, so the base stays the same for
/// every input.
pub fn dry_run() -> Options {
    Options {
        dry_run: true,
        actor: Actor::system("fuzz"),
        ..Options::default()
    }
}

/// A searchable museum: a few published persons (covered by a public-interest decision, so an
/// anonymous visitor finds them) and a place with an old name, indexed. Enough for every branch
/// of query planning to have something to match: names, years, months, places, spelling
/// suggestions.
pub fn search_base() -> &'static (SqliteStore, std::sync::Arc<SearchIndex>) {
    static BASE: OnceLock<(SqliteStore, std::sync::Arc<SearchIndex>)> = OnceLock::new();
    BASE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary directory").keep();
        let store = SqliteStore::open(dir.join("letopis.sqlite")).expect("store");
        store
            .apply(&Actor::system("fuzz"), museum(), today())
            .expect("records");
        let (index, _) = SearchIndex::open(&dir.join("search")).expect("index");
        Indexer::new(index.clone(), &store)
            .and_then(|mut indexer| indexer.rebuild(&store))
            .expect("index build");
        (store, index)
    })
}

fn museum() -> Vec<Op> {
    let person = |surname: &str, given: &str, patronymic: &str, death: &str, biography: &str| {
        Op::Create(Draft::published(Body::Person(Person {
            name: PersonName::new(surname, given, patronymic),
            birth: Edtf::parse("1920").ok(),
            death: Edtf::parse(death).ok(),
            fate: Some(Fate::Killed),
            biography: biography.into(),
            ..Person::default()
        })))
    };
    let mut ops = vec![
        person(
            "Кузнецова",
            "Мария",
            "Ильинична",
            "1943-02-14",
            "Санитарка медсанбата, вынесла с поля боя двадцать раненых. Погибла под Ржевом.",
        ),
        person(
            "Щербатов-Лесной",
            "Фёдор",
            "Игнатьевич",
            "1941-12-06",
            "Боец ополчения, оборонял рубеж у канала имени Москвы.",
        ),
        person(
            "Иванов",
            "Пётр",
            "Сергеевич",
            "1942-07",
            "Связист, служил на узле связи под Ленинградом; письма матери «с фронта».",
        ),
    ];
    let persons = ops.len();
    ops.push(Op::AddConsentCovering {
        consent: NewConsent {
            kind: ConsentKind::PublicInterest,
            subject: None,
            granted_by: "Рабочая группа".into(),
            covers: Vec::new(),
            scope: vec!["ФИО".into(), "биография".into()],
            bans: vec![],
            document: None,
            signed_on: today(),
            valid_until: None,
            note: None,
        },
        earlier: (0..persons).collect(),
        subject_earlier: None,
    });
    ops.push(Op::Create(Draft::published(Body::Place(Place {
        name: "Левобережная фабрика".into(),
        place_type: PlaceType::Factory,
        other_names: vec![HistoricName {
            name: "Фабрика имени Первого мая".into(),
            period: Edtf::parse("1925/1960").ok(),
        }],
        district: "Левобережный".into(),
        description: "Ткацкая фабрика; в 1941 году перешла на выпуск шинельного сукна.".into(),
        ..Place::default()
    }))));
    ops
}
