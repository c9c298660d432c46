//! A rough throughput check (the budget is ≥ 20,000 persons/s including writing). Ignored by
//! default: run `cargo test --release -p letopis-import --test throughput -- --ignored --nocapture`.

use jiff::civil::date;
use letopis_import::{Options, import_persons};
use letopis_store::sqlite::SqliteStore;
use std::fmt::Write;
use std::time::Instant;

#[test]
#[ignore = "timing, run by hand in release mode"]
fn twenty_thousand_persons() {
    let mut csv = String::from(
        "№;Фамилия;Имя;Отчество;Пол;Дата рождения;Дата смерти;Место рождения;Судьба;Звание;Часть;Биография;Источники\r\n",
    );
    for i in 0..20_000 {
        // Every other row has an id, as in a real working group's list.
        let id = if i % 2 == 0 {
            format!("T-{i}")
        } else {
            String::new()
        };
        writeln!(
            csv,
            "{id};Иванов{i};Иван;Петрович;м;{};1943;г. Химки;погиб;рядовой;стрелковый полк;\"Призван в 1941 г.\nПогиб под Ржевом.\";\"ОБД «Мемориал»; семейный архив\"\r",
            1900 + i % 25
        )
        .expect("write to string");
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(dir.path().join("t.sqlite")).expect("open");
    let today = date(2026, 5, 9);
    let dry = Options {
        dry_run: true,
        ..Options::default()
    };
    let start = Instant::now();
    import_persons(&store, csv.as_bytes(), &dry, today).expect("dry run");
    let checking = start.elapsed();
    let start = Instant::now();
    let report =
        import_persons(&store, csv.as_bytes(), &Options::default(), today).expect("import");
    let first = start.elapsed();
    assert_eq!(report.created, 20_000);
    let start = Instant::now();
    let again = import_persons(&store, csv.as_bytes(), &Options::default(), today).expect("again");
    let second = start.elapsed();
    assert_eq!(again.unchanged, 10_000);
    println!(
        "checking only (dry run): {:.0} persons/s; first import: {:.0} persons/s; re-import: {:.0} persons/s",
        20_000.0 / checking.as_secs_f64(),
        20_000.0 / first.as_secs_f64(),
        20_000.0 / second.as_secs_f64()
    );
}
