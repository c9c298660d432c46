//! The columns of the CSV exports. Persons have the importer's Russian columns
//! (`letopis_import::persons`), so a working group can take its file out, correct it in a
//! spreadsheet and import it again; other kinds have what a catalogue card has.

use letopis_core::record::Record;
use letopis_core::{Body, Edtf, Kind};

const PERSON: [&str; 17] = [
    "Номер",
    "Идентификатор",
    "Адрес",
    "Фамилия",
    "Имя",
    "Отчество",
    "Девичья фамилия",
    "Другие написания",
    "Пол",
    "Дата рождения",
    "Дата смерти",
    "Место рождения",
    "Судьба",
    "Звание",
    "Часть",
    "Биография",
    "Обновлено",
];

const OTHER: [&str; 6] = [
    "Номер",
    "Адрес",
    "Название",
    "Дата",
    "Описание",
    "Обновлено",
];

pub fn headers(kind: Kind) -> Vec<String> {
    let names: &[&str] = if kind == Kind::Person {
        &PERSON
    } else {
        &OTHER
    };
    names.iter().map(|s| s.to_string()).collect()
}

fn date(d: &Option<Edtf>) -> String {
    d.as_ref()
        .map(|d| d.as_str().to_string())
        .unwrap_or_default()
}

/// The record's row, matching [`headers`] of its kind.
pub fn values(record: &Record, url: &str) -> Vec<String> {
    let updated = crate::seo::w3c_datetime(record.meta.updated_at);
    match &record.body {
        Body::Person(p) => vec![
            record.id().0.to_string(),
            // The importer's id is the working group's own (its spreadsheet's): a row that
            // keeps it updates the record when the file is imported again.
            record.meta.external_id.clone().unwrap_or_default(),
            url.to_string(),
            p.name.surname.clone(),
            p.name.given.clone(),
            p.name.patronymic.clone(),
            p.name.maiden.clone().unwrap_or_default(),
            p.name.variants.join(", "),
            p.sex.map(|s| s.label_ru().to_string()).unwrap_or_default(),
            date(&p.birth),
            date(&p.death),
            p.birth_place.clone(),
            p.fate.map(|f| f.label_ru().to_string()).unwrap_or_default(),
            p.service.rank.clone(),
            p.service.unit.clone(),
            p.biography.clone(),
            updated,
        ],
        body => {
            let (when, text) = match body {
                Body::Interview(i) => (date(&i.recorded), i.summary.clone()),
                Body::Item(i) => (date(&i.date), i.description.clone()),
                Body::Place(p) => (String::new(), p.description.clone()),
                Body::Event(e) => (date(&e.date), e.description.clone()),
                Body::Organization(o) => (date(&o.active), o.description.clone()),
                Body::Story(s) => (String::new(), s.lead.clone()),
                Body::Collection(c) => (String::new(), c.description.clone()),
                Body::Source(s) => (String::new(), s.citation.clone()),
                Body::Person(_) => (String::new(), String::new()),
            };
            vec![
                record.id().0.to_string(),
                url.to_string(),
                record.title(),
                when,
                text,
                updated,
            ]
        }
    }
}
