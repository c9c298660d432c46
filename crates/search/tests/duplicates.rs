//! A resident's hero against the base (issue #7): the person already there is found whatever
//! case form, spelling or gender of surname the resident typed, with the reasons; a namesake of
//! another generation, a brother, and a person the viewer may not see are not offered.

mod support;

use letopis_core::names::PersonName;
use letopis_core::{Body, Workflow};
use letopis_search::{Described, Indexer, LIKELY, SearchIndex};
use letopis_store::Draft;
use letopis_store::sqlite::SqliteStore;
use support::{anonymous, fallen, publish};

fn born(mut draft: Draft, year: &str, unit: &str) -> Draft {
    if let Body::Person(p) = &mut draft.body {
        p.birth = letopis_core::Edtf::parse(year).ok();
        p.service.unit = unit.into();
        p.birth_place = "д. Сходня Московской обл.".into();
    }
    draft
}

#[test]
fn the_hero_already_in_the_base_is_found_with_reasons() {
    let dir = tempfile::tempdir().expect("dir");
    let store = SqliteStore::open(dir.path().join("letopis.db")).expect("store");
    let ids = publish(
        &store,
        vec![
            born(
                fallen(
                    PersonName::new("Лукьянов", "Гавриил", "Владимирович"),
                    "1942-03",
                    "Стрелок.",
                ),
                "1921",
                "1-я Московская стрелковая дивизия",
            ),
            born(
                fallen(
                    PersonName::new("Лукьянов", "Николай", "Владимирович"),
                    "1943",
                    "Брат.",
                ),
                "1921",
                "",
            ),
            born(
                fallen(
                    PersonName::new("Лукьянов", "Гавриил", "Владимирович"),
                    "2001",
                    "Внук, тёзка.",
                ),
                "1975",
                "",
            ),
        ],
    );
    // A hidden namesake: a draft nobody outside the museum sees.
    let hidden = {
        let mut d = born(
            fallen(
                PersonName::new("Лукьянов", "Гавриил", "Владимирович"),
                "1942",
                "Черновик.",
            ),
            "1921",
            "",
        );
        d.workflow = Workflow::Draft;
        publish(&store, vec![d])[0]
    };
    let (index, _) = SearchIndex::open(&dir.path().join("search")).expect("index");
    Indexer::new(index.clone(), &store)
        .and_then(|mut i| i.rebuild(&store))
        .expect("build");
    let hero = |surname: &str, given: &str, patronymic: &str| Described {
        surname: surname.into(),
        given: given.into(),
        patronymic: patronymic.into(),
        birth_year: Some(1921),
        birth_place: "Сходня".into(),
        unit: String::new(),
    };
    for (h, why) in [
        (hero("Лукьянова", "Гавриила", "Владимировича"), "genitive"),
        (hero("Лукянов", "Гаврил", "Владимирович"), "misspelt"),
        (hero("ЛУКЬЯНОВ", "гавриил", "владимирович"), "any case"),
    ] {
        let found = index
            .likely_duplicates(&store, &h, &anonymous())
            .expect("match");
        assert_eq!(
            found.iter().map(|l| l.id).collect::<Vec<_>>(),
            [ids[0]],
            "{why}: {found:#?}"
        );
        assert!(found[0].score >= LIKELY);
        assert!(
            found[0]
                .reasons
                .iter()
                .any(|r| r.starts_with("место рождения совпадает")),
            "{found:#?}"
        );
        assert!(!found.iter().any(|l| l.id == hidden));
    }
    let nobody = index
        .likely_duplicates(&store, &hero("Сидоров", "Иван", ""), &anonymous())
        .expect("match");
    assert!(nobody.is_empty(), "{nobody:?}");
}
