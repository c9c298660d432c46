//! The person import against a real SQLite file.

use jiff::civil::{Date, date};
use letopis_core::access::Viewer;
use letopis_core::entities::{Fate, Person, Sex};
use letopis_core::history::Actor;
use letopis_core::{Body, Edtf, Kind, Workflow};
use letopis_import::{
    ImportError, Options, PublicInterest, Report, RowError, Status, import_persons,
    import_persons_file,
};
use letopis_store::sqlite::SqliteStore;
use letopis_store::{Op, Store, StoredRecord};

const TODAY: Date = date(2026, 5, 9);
const SAMPLE_UTF8: &[u8] = include_bytes!("data/persons_ru_utf8.csv");
const SAMPLE_CP1251: &[u8] = include_bytes!("data/persons_ru_cp1251.csv");

struct Base {
    store: SqliteStore,
    _dir: tempfile::TempDir,
}

fn base() -> Base {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(dir.path().join("letopis.sqlite")).expect("open store");
    Base { store, _dir: dir }
}

fn import(base: &Base, bytes: &[u8], options: &Options) -> Result<Report, ImportError> {
    import_persons(&base.store, bytes, options, TODAY)
}

fn person(base: &Base, external_id: &str) -> (StoredRecord, Person) {
    let stored = base
        .store
        .find_external(Kind::Person, external_id)
        .expect("read")
        .unwrap_or_else(|| panic!("no person {external_id}"));
    let Body::Person(p) = stored.record.body.clone() else {
        panic!("not a person");
    };
    (stored, p)
}

fn refused(result: Result<Report, ImportError>) -> Report {
    match result {
        Err(ImportError::InvalidRows(report)) => *report,
        other => panic!("expected refusal for bad rows, got {other:?}"),
    }
}

fn err(line: u64, column: &str, message: &str) -> RowError {
    RowError {
        line,
        column: Some(column.to_string()),
        message: message.to_string(),
    }
}

#[test]
fn russian_utf8_with_bom_and_semicolons() {
    let b = base();
    let report = import(&b, SAMPLE_UTF8, &Options::default()).expect("import");
    assert_eq!(report.errors, vec![]);
    assert_eq!(report.warnings, Vec::<String>::new());
    assert_eq!((report.encoding, report.delimiter), ("UTF-8", ';'));
    assert_eq!((report.rows, report.created, report.skipped), (10, 10, 0));
    assert_eq!(report.status, Status::Written);
    assert_eq!(b.store.totals().expect("totals").records, 10);

    let (stored, p) = person(&b, "KH-002");
    assert_eq!(stored.record.meta.workflow, Workflow::Draft);
    assert_eq!(p.name.surname, "Ёлкина");
    assert_eq!(p.name.patronymic, "Сергеевна");
    assert_eq!(p.sex, Some(Sex::Female));
    assert_eq!(p.fate, Some(Fate::Returned));
    assert_eq!(p.birth.as_ref().map(Edtf::as_str), Some("1923"));
    assert_eq!(p.birth_place, "г. Химки");
    assert_eq!(p.service.rank, "младший сержант");
    assert_eq!(p.service.unit, "медико-санитарный батальон");
    // The quoted two-line biography arrives whole, with a plain line break.
    assert!(
        p.biography.contains("раненых.\nПосле войны"),
        "{}",
        p.biography
    );
    let sources: Vec<&str> = p.sources.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        sources,
        [
            "Наградной лист (Память народа)",
            "воспоминания дочери, записаны в 2024 г."
        ]
    );
    let (_, p) = person(&b, "KH-006");
    assert_eq!(p.fate, Some(Fate::DiedInCaptivity));
    // «1931 г.» in the row without an id.
    let text = format!("{report}");
    assert!(
        text.ends_with(
            "Импортировано: 10 новых, 0 обновлено, 0 без изменений; пропущено строк с ошибками: 0."
        ),
        "{text}"
    );
}

#[test]
fn windows_1251_file_imports_identically() {
    // The committed Windows-1251 sample is the UTF-8 one, byte for byte, in the other encoding.
    let utf8_text = std::str::from_utf8(&SAMPLE_UTF8[3..]).expect("utf-8 sample");
    let (encoded, _, unmappable) = encoding_rs::WINDOWS_1251.encode(utf8_text);
    assert!(!unmappable);
    assert_eq!(&encoded[..], SAMPLE_CP1251);

    let a = base();
    let b = base();
    let ra = import(&a, SAMPLE_UTF8, &Options::default()).expect("utf-8");
    let rb = import(&b, SAMPLE_CP1251, &Options::default()).expect("cp1251");
    assert_eq!(rb.encoding, "Windows-1251");
    assert_eq!((ra.created, rb.created), (10, 10));
    for n in 1..=9 {
        let id = format!("KH-00{n}");
        assert_eq!(person(&a, &id).1, person(&b, &id).1, "{id}");
    }
}

#[test]
fn english_headers_with_commas_and_quoted_multiline_biography() {
    let b = base();
    let csv = "id,surname,given_name,patronymic,sex,birth,death,birth_place,fate,rank,unit,biography,sources\n\
        E-1,Orlov,Ivan,Petrovich,male,1910,1941,Khimki,killed,private,rifle regiment,\"Worked at the plant.\nDrafted in June 1941.\",\"TsAMO; family archive\"\n\
        E-2,Orlova,Anna,Ivanovna,F,1914,,Khimki,survived,,,,\n";
    let report = import(&b, csv.as_bytes(), &Options::default()).expect("import");
    assert_eq!(report.errors, vec![]);
    assert_eq!((report.delimiter, report.created), (',', 2));
    let (_, p) = person(&b, "E-1");
    assert_eq!(p.fate, Some(Fate::Killed));
    assert_eq!(p.sex, Some(Sex::Male));
    assert_eq!(p.biography, "Worked at the plant.\nDrafted in June 1941.");
    assert_eq!(p.sources.len(), 2);
    assert_eq!(person(&b, "E-2").1.sex, Some(Sex::Female));
}

#[test]
fn maiden_names_and_other_spellings_are_names_too() {
    let b = base();
    let csv = "id;Фамилия;Имя;Отчество;Девичья фамилия;Другие написания\n\
        M-1;Кузнецова;Анна;Ивановна;Морозова;\n\
        M-2;Ершов;Пётр;Ильич;;Ершев, Jerschow\n";
    let report = import(&b, csv.as_bytes(), &Options::default()).expect("import");
    assert_eq!(report.errors, vec![]);
    assert_eq!(
        report.warnings,
        Vec::<String>::new(),
        "every column is read"
    );
    let (_, anna) = person(&b, "M-1");
    assert_eq!(anna.name.maiden.as_deref(), Some("Морозова"));
    assert!(anna.name.variants.is_empty());
    let (_, petr) = person(&b, "M-2");
    assert_eq!(petr.name.maiden, None);
    assert_eq!(petr.name.variants, ["Ершев", "Jerschow"]);
}

#[test]
fn dates_as_russian_spreadsheets_write_them() {
    let b = base();
    let csv = "id;Фамилия;Дата рождения;Дата смерти\n\
        D-1;Петров;05.03.1921;около 1943\n\
        D-2;Петрова;03.1921;1944 г.\n";
    let report = import(&b, csv.as_bytes(), &Options::default()).expect("import");
    assert_eq!(report.errors, vec![]);
    let (_, p) = person(&b, "D-1");
    assert_eq!(p.birth.as_ref().map(Edtf::as_str), Some("1921-03-05"));
    assert_eq!(p.death.as_ref().map(Edtf::as_str), Some("1943~"));
    let (_, p) = person(&b, "D-2");
    assert_eq!(p.birth.as_ref().map(Edtf::as_str), Some("1921-03"));
    assert_eq!(p.death.as_ref().map(Edtf::as_str), Some("1944"));
}

#[test]
fn reimport_updates_by_id_and_keeps_studio_edits() {
    let b = base();
    import(&b, SAMPLE_UTF8, &Options::default()).expect("first import");
    let totals = b.store.totals().expect("totals");

    // An editor adds an award in the studio; the spreadsheet has no awards column.
    let (stored, mut p) = person(&b, "KH-005");
    p.awards.push("орден Красной Звезды".into());
    b.store
        .apply(
            &Actor::system("test:editor"),
            vec![Op::Update {
                id: stored.record.id(),
                expected_version: Some(stored.record.meta.version),
                body: Body::Person(p),
                settings: stored.record.settings(),
            }],
            TODAY,
        )
        .expect("studio edit");

    let text = std::str::from_utf8(SAMPLE_UTF8).expect("utf-8");
    let changed = text.replace(
        "Командир огневого взвода.",
        "Командир огневого взвода батареи.",
    );
    assert_ne!(changed, text);
    // The row without an id is the one person created again: the importer cannot know it.
    let without_anonymous: String = changed
        .split_inclusive("\r\n")
        .filter(|l| !l.starts_with(";Зайцева"))
        .collect();
    let report = import(&b, without_anonymous.as_bytes(), &Options::default()).expect("again");
    assert_eq!(report.errors, vec![]);
    assert_eq!(
        (report.created, report.updated, report.unchanged),
        (0, 1, 8)
    );
    assert_eq!(b.store.totals().expect("totals").records, totals.records);
    let (_, p) = person(&b, "KH-005");
    assert!(p.biography.starts_with("Командир огневого взвода батареи."));
    assert_eq!(p.awards, ["орден Красной Звезды"]);
}

/// Line 1 header, 2 good, 3 bad date, 4 good, 5 no surname, 6 unknown fate.
const BROKEN: &str = "№;Фамилия;Имя;Дата рождения;Судьба\n\
    B-1;Андреев;Павел;1911;погиб\n\
    B-2;Борисов;Олег;1921-й;погиб\n\
    B-3;Волков;Яков;1915;вернулся\n\
    B-4;;Семён;1912;погиб\n\
    B-5;Герасимов;Илья;1913;ранен\n";

#[test]
fn a_broken_file_lists_every_bad_line_and_writes_nothing() {
    let b = base();
    let before = b.store.totals().expect("totals");
    let report = refused(import(&b, BROKEN.as_bytes(), &Options::default()));
    assert_eq!(report.errors.len(), 3, "{:#?}", report.errors);
    // The reason after the value comes from the EDTF parser and is its to word.
    assert_eq!(
        (report.errors[0].line, report.errors[0].column.as_deref()),
        (3, Some("Дата рождения"))
    );
    assert!(
        report.errors[0]
            .message
            .starts_with("неверная дата «1921-й»: "),
        "{}",
        report.errors[0].message
    );
    assert_eq!(
        report.errors[1],
        err(5, "Фамилия", "заполните поле «Фамилия».")
    );
    assert_eq!(
        (report.errors[2].line, report.errors[2].column.as_deref()),
        (6, Some("Судьба"))
    );
    assert!(
        report.errors[2]
            .message
            .starts_with("неизвестная судьба «ранен»; допустимо: вернулся")
    );
    assert_eq!((report.rows, report.skipped, report.created), (5, 3, 0));
    assert_eq!(report.status, Status::Refused);
    assert_eq!(b.store.totals().expect("totals"), before);
    let text = format!("{report}");
    assert!(text.starts_with("строка 3, столбец «Дата рождения»: неверная дата «1921-й»"));
    assert!(text.contains("\nстрока 5, столбец «Фамилия»: заполните поле «Фамилия».\n"));
    assert!(text.contains("Ничего не импортировано: строк с ошибками 3."));
}

#[test]
fn calendar_mistakes_are_explained_with_the_line() {
    let b = base();
    let csv = "Фамилия;Дата рождения\nИванов;31.02.1921\n";
    let report = refused(import(&b, csv.as_bytes(), &Options::default()));
    assert_eq!(
        report.errors,
        [err(
            2,
            "Дата рождения",
            "неверная дата «31.02.1921»: в феврале 1921 г. 28 дней"
        )]
    );
    assert_eq!(
        report.errors[0].to_string(),
        "строка 2, столбец «Дата рождения»: неверная дата «31.02.1921»: в феврале 1921 г. 28 дней"
    );
}

#[test]
fn line_numbers_count_multiline_cells() {
    let b = base();
    let csv = "Фамилия;Биография;Пол\n\
        Ершов;\"Первая строка\nвторая строка\nтретья\";м\n\
        Жуков;;х\n";
    let report = refused(import(&b, csv.as_bytes(), &Options::default()));
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report.errors[0].line, 5);
    assert_eq!(report.errors[0].column.as_deref(), Some("Пол"));
    assert!(report.errors[0].message.contains("«х»"));
}

#[test]
fn skip_invalid_imports_only_the_good_rows() {
    let b = base();
    let options = Options {
        skip_invalid: true,
        ..Options::default()
    };
    let report = import(&b, BROKEN.as_bytes(), &options).expect("import");
    assert_eq!(
        (report.created, report.skipped, report.errors.len()),
        (2, 3, 3)
    );
    assert_eq!(b.store.totals().expect("totals").records, 2);
    person(&b, "B-1");
    person(&b, "B-3");
    assert!(
        b.store
            .find_external(Kind::Person, "B-2")
            .expect("read")
            .is_none()
    );
    assert!(format!("{report}").contains("пропущено строк с ошибками: 3."));
}

#[test]
fn dry_run_writes_nothing_and_counts() {
    let b = base();
    let options = Options {
        dry_run: true,
        ..Options::default()
    };
    let before = b.store.totals().expect("totals");
    let report = import(&b, SAMPLE_UTF8, &options).expect("dry run");
    assert_eq!(report.status, Status::DryRun);
    assert_eq!(report.created, 10);
    assert_eq!(b.store.totals().expect("totals"), before);
    assert!(format!("{report}").contains("ничего не записано"));

    import(&b, SAMPLE_UTF8, &Options::default()).expect("real import");
    let after = b.store.totals().expect("totals");
    let changed = std::str::from_utf8(SAMPLE_UTF8)
        .expect("utf-8")
        .replace("Водитель на Дороге жизни.", "Водитель.");
    let report = import(&b, changed.as_bytes(), &options).expect("dry run again");
    // Nine rows with ids match, one of them changed; the row without an id would be new.
    assert_eq!(
        (report.created, report.updated, report.unchanged),
        (1, 1, 8)
    );
    assert_eq!(b.store.totals().expect("totals"), after);
}

#[test]
fn public_interest_opens_the_deceased_only() {
    let b = base();
    let options = Options {
        workflow: Workflow::Published,
        public_interest: Some(PublicInterest {
            decided_by: "Рабочая группа «Химки помнят», председатель Е. В. Смирнова".into(),
            reason: "Протокол № 3 от 20.04.2026: сведения о погибших и умерших участниках войны имеют историческое значение.".into(),
        }),
        ..Options::default()
    };
    let report = import(&b, SAMPLE_UTF8, &options).expect("import");
    assert_eq!(report.created, 10);
    // Eight with a death or a fatal fate; Белова (1929) and Зайцева (1931) may be alive.
    assert_eq!(
        (
            report.public_interest_covered,
            report.public_interest_living
        ),
        (8, 2)
    );
    let consent_id = report.consent_id.expect("consent recorded");
    let anonymous = Viewer::anonymous();
    let (fallen, _) = person(&b, "KH-001");
    assert!(fallen.audience.admits(&anonymous, TODAY));
    let (veteran, _) = person(&b, "KH-007");
    assert!(veteran.audience.admits(&anonymous, TODAY));
    let (living, _) = person(&b, "KH-004");
    assert!(!living.audience.admits(&anonymous, TODAY));
    let consents = b
        .store
        .consents_covering(fallen.record.id())
        .expect("consents");
    assert_eq!(consents.len(), 1);
    assert_eq!(consents[0].id, letopis_core::ConsentId(consent_id));
    assert!(
        consents[0]
            .note
            .as_deref()
            .is_some_and(|n| n.contains("Протокол № 3"))
    );
    assert!(
        b.store
            .consents_covering(living.record.id())
            .expect("consents")
            .is_empty()
    );
}

#[test]
fn without_a_decision_published_persons_stay_closed() {
    let b = base();
    let options = Options {
        workflow: Workflow::Published,
        ..Options::default()
    };
    import(&b, SAMPLE_UTF8, &options).expect("import");
    let (fallen, _) = person(&b, "KH-001");
    assert!(!fallen.audience.admits(&Viewer::anonymous(), TODAY));
}

#[test]
fn file_level_problems() {
    let b = base();
    let o = Options::default();
    assert!(matches!(import(&b, b"", &o), Err(ImportError::Empty)));
    assert!(matches!(
        import(&b, b"\xEF\xBB\xBF \r\n", &o),
        Err(ImportError::Empty)
    ));
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "Фамилия\r\nИванов"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let e = import(&b, &utf16, &o).expect_err("utf-16");
    assert!(matches!(e, ImportError::Utf16));
    assert!(e.to_string().contains("UTF-16"));
    let e = import(&b, "Имя;Отчество\nИван;Иванович\n".as_bytes(), &o).expect_err("no surname");
    assert_eq!(
        e.to_string(),
        "В файле нет столбца «Фамилия» (или «surname»). Найдены столбцы: Имя, Отчество."
    );
    let e = import(&b, "Фамилия;Имя;surname\n".as_bytes(), &o).expect_err("duplicate");
    assert!(matches!(e, ImportError::DuplicateHeader { .. }), "{e}");
    assert!(e.to_string().contains("«Фамилия» встречается дважды"));
    assert_eq!(b.store.totals().expect("totals").records, 0);
}

#[test]
fn unknown_columns_are_a_warning() {
    let b = base();
    let csv = "Фамилия;Награды;Фото\nИванов;медаль «За отвагу»;\n";
    let report = import(&b, csv.as_bytes(), &Options::default()).expect("import");
    assert_eq!(report.created, 1);
    assert_eq!(
        report.warnings,
        ["столбцы не распознаны и пропущены: «Награды», «Фото»."]
    );
}

#[test]
fn row_shape_duplicates_and_lengths_are_reported() {
    let b = base();
    let long = "а".repeat(101);
    let csv = format!(
        "id;Фамилия;Имя\n\
         X-1;Лебедев;Иван\n\
         X-2;Лебедев\n\
         X-1;Лебедева;Анна\n\
         X-4;Лебедев;{long}\n\
         X-5;Лебедев;Пётр;;\n"
    );
    let report = refused(import(&b, csv.as_bytes(), &Options::default()));
    let where_: Vec<(u64, Option<&str>)> = report
        .errors
        .iter()
        .map(|e| (e.line, e.column.as_deref()))
        .collect();
    assert_eq!(
        where_,
        [(3, None), (4, Some("id")), (5, Some("Имя"))],
        "{:#?}",
        report.errors
    );
    assert_eq!(
        report.errors[0].message,
        "в строке 2 поля, а в заголовке 3; проверьте разделители и кавычки"
    );
    assert_eq!(
        report.errors[1].message,
        "идентификатор «X-1» уже встречался в строке 2"
    );
    assert!(
        report.errors[2]
            .message
            .contains("101 знаков при пределе 100")
    );
}

#[test]
fn line_numbers_are_right_in_excel_files_with_crlf() {
    // KH-002's biography takes lines 3–4, so KH-009 is on line 11.
    let b = base();
    let text = std::str::from_utf8(SAMPLE_UTF8)
        .expect("utf-8")
        .replace(";убит;", ";убыл;");
    let report = refused(import(&b, text.as_bytes(), &Options::default()));
    assert_eq!(report.errors.len(), 1);
    assert_eq!(
        (report.errors[0].line, report.errors[0].column.as_deref()),
        (11, Some("Судьба"))
    );
}

fn decision() -> Options {
    Options {
        workflow: Workflow::Published,
        public_interest: Some(PublicInterest {
            decided_by: "Рабочая группа".into(),
            reason: "Протокол № 7".into(),
        }),
        ..Options::default()
    }
}

/// The file read from the disk as a stream imports exactly as its bytes do, with the same
/// report, line numbers and decision.
#[test]
fn a_file_streamed_from_the_disk_imports_as_its_bytes_do() {
    let dir = tempfile::tempdir().expect("temporary directory");
    for (name, bytes) in [("utf8.csv", SAMPLE_UTF8), ("cp1251.csv", SAMPLE_CP1251)] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        let (from_bytes, from_file) = (base(), base());
        let expected = import(&from_bytes, bytes, &decision()).expect("bytes");
        let got = import_persons_file(&from_file.store, &path, &decision(), TODAY).expect("file");
        assert_eq!(got, expected, "{name}");
        let (a, _) = person(&from_bytes, "KH-001");
        let (b, _) = person(&from_file, "KH-001");
        assert_eq!((a.record.body, a.audience), (b.record.body, b.audience));
    }
    let broken = dir.path().join("broken.csv");
    std::fs::write(&broken, BROKEN).expect("write");
    let b = base();
    let report = refused(import_persons_file(&b.store, &broken, &decision(), TODAY));
    assert_eq!(
        report.errors.iter().map(|e| e.line).collect::<Vec<_>>(),
        [3, 5, 6]
    );
    assert_eq!(
        b.store.totals().expect("totals").records,
        0,
        "nothing written"
    );
    assert_eq!(
        b.store.totals().expect("totals").consents,
        0,
        "nor the decision"
    );
}

/// A re-import under a new decision covers the rows it updates as well as the ones it creates:
/// new records are written covered, existing ones are covered after the last row.
#[test]
fn a_decision_covers_created_and_reimported_rows_alike() {
    let b = base();
    import(&b, SAMPLE_UTF8, &Options::default()).expect("drafts first");
    let (draft, _) = person(&b, "KH-001");
    assert!(!draft.audience.admits(&Viewer::anonymous(), TODAY));
    let text = std::str::from_utf8(SAMPLE_UTF8).expect("utf-8");
    let more = format!(
        "{}KH-100;Новиков;Фёдор;Ильич;м;1910;1943;г. Химки;погиб;рядовой;;Погиб под Ржевом.;\r\n",
        text.replace(
            "Командир огневого взвода.",
            "Командир огневого взвода батареи."
        )
    );
    let report = import(&b, more.as_bytes(), &decision()).expect("again");
    // Зайцева has no id and is created again, as the importer cannot know her.
    assert_eq!(
        (report.created, report.updated, report.unchanged),
        (2, 1, 8)
    );
    let consent = report.consent_id.expect("decision recorded");
    for id in ["KH-001", "KH-005", "KH-100"] {
        let (stored, _) = person(&b, id);
        let covering: Vec<i64> = b
            .store
            .consents_covering(stored.record.id())
            .expect("consents")
            .iter()
            .map(|c| c.id.0)
            .collect();
        assert_eq!(covering, [consent], "{id}");
    }
    // Re-imported rows keep their workflow (drafts), so only the new one is public.
    let (new, _) = person(&b, "KH-100");
    assert!(new.audience.admits(&Viewer::anonymous(), TODAY));
    assert_eq!(b.store.totals().expect("totals").consents, 1);
}
