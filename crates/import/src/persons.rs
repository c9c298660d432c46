//! Import of persons from a CSV file (issue #2, item 7).
//!
//! One pass over the file builds every record and checks every row; only then is anything
//! written, in one [`Store::apply`] — so a file with a bad row, a crash or a full disk leaves the
//! base as it was.

use crate::text::{self, NotText};
use crate::values::{parse_date, parse_fate, parse_sex, parse_sources};
use jiff::civil::Date;
use letopis_core::consent::{ConsentKind, NewConsent};
use letopis_core::entities::Person;
use letopis_core::history::Actor;
use letopis_core::names::{PersonName, normalize};
use letopis_core::record::Settings;
use letopis_core::{Body, Kind, Workflow};
use letopis_store::{Draft, Op, Outcome, Store, StoreError};
use std::collections::HashMap;
use std::fmt;

/// A working group's documented decision that publishing the deceased persons of this file is
/// in the public interest (152-FZ; DESIGN.md invariant 2). Recorded as one consent covering
/// every imported person who is not possibly living.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicInterest {
    /// Who took the decision (the expert or the group's head); private, never shown publicly.
    /// Empty → the actor's label.
    pub decided_by: String,
    /// The decision itself: why, and where it is documented (protocol number and date).
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Check everything and count what would happen, write nothing.
    pub dry_run: bool,
    /// Import the good rows and report the bad ones, instead of refusing the whole file.
    pub skip_invalid: bool,
    /// Workflow state of *new* records; re-imported records keep theirs.
    pub workflow: Workflow,
    pub public_interest: Option<PublicInterest>,
    /// Who the revisions are attributed to (`cli:import`, or the signed-in user in the studio).
    pub actor: Actor,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            dry_run: false,
            skip_invalid: false,
            workflow: Workflow::Draft,
            public_interest: None,
            actor: Actor::system("cli:import"),
        }
    }
}

/// One problem in one row: the physical line of the file where the row starts (header = 1),
/// the column as headed in the file, and the reason in Russian.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(c) => write!(f, "строка {}, столбец «{c}»: {}", self.line, self.message),
            None => write!(f, "строка {}: {}", self.line, self.message),
        }
    }
}

/// What became of the import as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Written,
    /// `dry_run`: the counts say what would have happened.
    DryRun,
    /// Bad rows without `skip_invalid`: nothing written.
    Refused,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub status: Status,
    /// Data rows read (blank rows not counted).
    pub rows: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Rows with at least one error, not imported.
    pub skipped: usize,
    /// Every problem of every bad row, in file order.
    pub errors: Vec<RowError>,
    pub warnings: Vec<String>,
    /// "UTF-8" or "Windows-1251".
    pub encoding: &'static str,
    pub delimiter: char,
    /// Persons covered by the public-interest decision (would be, in a dry run).
    pub public_interest_covered: usize,
    /// Imported persons left out of the decision because they may be living.
    pub public_interest_living: usize,
    /// The recorded public-interest consent.
    pub consent_id: Option<i64>,
}

impl Report {
    /// Counts one row by what it did (or would do).
    fn tally(&mut self, expect: Expect) {
        match expect {
            Expect::Create => self.created += 1,
            Expect::Update => self.updated += 1,
            Expect::Unchanged => self.unchanged += 1,
        }
    }

    fn new(encoding: &'static str, delimiter: char) -> Report {
        Report {
            status: Status::Written,
            rows: 0,
            created: 0,
            updated: 0,
            unchanged: 0,
            skipped: 0,
            errors: Vec::new(),
            warnings: Vec::new(),
            encoding,
            delimiter,
            public_interest_covered: 0,
            public_interest_living: 0,
            consent_id: None,
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.errors {
            writeln!(f, "{e}")?;
        }
        for w in &self.warnings {
            writeln!(f, "Внимание: {w}")?;
        }
        let delimiter = match self.delimiter {
            '\t' => "табуляция".to_string(),
            d => format!("«{d}»"),
        };
        writeln!(
            f,
            "Файл: кодировка {}, разделитель {delimiter}, строк с данными: {}.",
            self.encoding, self.rows
        )?;
        let counts = format!(
            "{} новых, {} обновлено, {} без изменений; пропущено строк с ошибками: {}.",
            self.created, self.updated, self.unchanged, self.skipped
        );
        match self.status {
            Status::Written => write!(f, "Импортировано: {counts}")?,
            Status::DryRun => write!(f, "Пробный запуск, ничего не записано. Было бы: {counts}")?,
            Status::Refused => write!(
                f,
                "Ничего не импортировано: строк с ошибками {}. Исправьте их или повторите импорт с пропуском ошибочных строк.",
                self.skipped
            )?,
        }
        if self.public_interest_covered > 0 || self.public_interest_living > 0 {
            writeln!(f)?;
            match self.consent_id {
                Some(id) => write!(
                    f,
                    "Решение о публичном интересе (№ {id}) распространено на записей: {}",
                    self.public_interest_covered
                )?,
                None => write!(
                    f,
                    "Решение о публичном интересе распространилось бы на записей: {}",
                    self.public_interest_covered
                )?,
            }
            write!(
                f,
                "; не распространяется на возможно живых людей: {}.",
                self.public_interest_living
            )?;
        }
        Ok(())
    }
}

/// Problems with the file as a whole, or a refusal that carries the full report.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("Файл пуст.")]
    Empty,
    #[error(
        "Файл сохранён в кодировке UTF-16 («Текст Юникод»). Сохраните таблицу как «CSV UTF-8» или «CSV (разделители — точка с запятой)»."
    )]
    Utf16,
    #[error(
        "Это книга Excel (.xlsx или .xls), а не CSV. Откройте её и сохраните как «CSV UTF-8» или «CSV (разделители — точка с запятой)»."
    )]
    Workbook,
    #[error("В первой строке файла нет заголовков столбцов.")]
    NoHeader,
    #[error(
        "В файле нет столбца «Фамилия» (или «surname»). Найдены столбцы: {}.",
        .found.join(", ")
    )]
    NoSurnameColumn { found: Vec<String> },
    #[error("Столбец «{first}» встречается дважды (второй раз — «{second}»); оставьте один.")]
    DuplicateHeader { first: String, second: String },
    #[error(
        "В файле есть строки с ошибками ({}); ничего не импортировано.",
        .0.skipped
    )]
    InvalidRows(Box<Report>),
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl ImportError {
    /// The report to print line by line, when there is one.
    pub fn report(&self) -> Option<&Report> {
        match self {
            ImportError::InvalidRows(r) => Some(r),
            _ => None,
        }
    }
}

/// The columns the importer understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Id,
    Surname,
    Given,
    Patronymic,
    Sex,
    Birth,
    Death,
    BirthPlace,
    Fate,
    Rank,
    Unit,
    Biography,
    Sources,
}

const FIELDS: usize = 13;

/// Header spellings per field, already in normalised form (lower case, ё→е, `_` → space).
const HEADERS: [(Field, &[&str]); FIELDS] = [
    (
        Field::Id,
        &["id", "идентификатор", "№", "номер", "№ п/п", "external id"],
    ),
    (Field::Surname, &["surname", "фамилия", "last name"]),
    (Field::Given, &["given name", "имя", "first name"]),
    (Field::Patronymic, &["patronymic", "отчество"]),
    (Field::Sex, &["sex", "пол"]),
    (Field::Birth, &["birth", "дата рождения", "год рождения"]),
    (Field::Death, &["death", "дата смерти", "дата гибели"]),
    (Field::BirthPlace, &["birth place", "место рождения"]),
    (Field::Fate, &["fate", "судьба"]),
    (Field::Rank, &["rank", "звание", "воинское звание"]),
    (Field::Unit, &["unit", "часть", "воинская часть"]),
    (Field::Biography, &["biography", "биография"]),
    (Field::Sources, &["sources", "источники", "источник"]),
];

fn field_of(header: &str) -> Option<Field> {
    let key = normalize(&header.replace('_', " "));
    HEADERS
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map(|(f, _)| *f)
}

/// Which file column holds each field, and the headers as written (for messages).
struct Columns {
    index: [Option<usize>; FIELDS],
    headers: Vec<String>,
}

impl Columns {
    fn of(&self, field: Field) -> Option<usize> {
        self.index[field as usize]
    }

    fn has(&self, field: Field) -> bool {
        self.of(field).is_some()
    }

    /// The header of a field's column as written in the file.
    fn name(&self, field: Field) -> Option<String> {
        self.of(field).map(|i| self.headers[i].clone())
    }

    fn parse(header: &csv::StringRecord) -> Result<(Columns, Vec<String>), ImportError> {
        let headers: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
        if headers.iter().all(String::is_empty) {
            return Err(ImportError::NoHeader);
        }
        let mut index: [Option<usize>; FIELDS] = [None; FIELDS];
        let mut unknown = Vec::new();
        for (i, h) in headers.iter().enumerate() {
            if h.is_empty() {
                // Excel leaves empty header cells after the last used column.
                continue;
            }
            match field_of(h) {
                Some(f) => {
                    if let Some(first) = index[f as usize] {
                        return Err(ImportError::DuplicateHeader {
                            first: headers[first].clone(),
                            second: h.clone(),
                        });
                    }
                    index[f as usize] = Some(i);
                }
                None => unknown.push(h.clone()),
            }
        }
        let columns = Columns { index, headers };
        if !columns.has(Field::Surname) {
            return Err(ImportError::NoSurnameColumn {
                found: columns
                    .headers
                    .iter()
                    .filter(|h| !h.is_empty())
                    .cloned()
                    .collect(),
            });
        }
        Ok((columns, unknown))
    }
}

/// A row ready to be written, and what it will do.
struct Planned {
    op: Op,
    /// Never covered by a public-interest decision when true.
    may_be_living: bool,
    expect: Expect,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    Create,
    Update,
    Unchanged,
}

/// Imports persons from the bytes of a CSV file; see the crate docs for the accepted forms.
///
/// Rows with an `id` are matched to earlier imports by `settings.external_id`: a changed row
/// updates its record, an unchanged one is left alone, so re-importing never duplicates. Only
/// the columns present in the file are overwritten; everything an editor added in the studio
/// (awards, portrait, roles, access settings…) is kept.
///
/// Atomicity: all records, and the public-interest decision covering the deceased among them,
/// are written in one transaction.
pub fn import_persons(
    store: &dyn Store,
    bytes: &[u8],
    options: &Options,
    today: Date,
) -> Result<Report, ImportError> {
    let decoded = decode(bytes)?;
    let delimiter = text::sniff_delimiter(&decoded.text);
    let mut report = Report::new(decoded.encoding, delimiter);
    if decoded.had_errors {
        report.warnings.push(
            "в файле встречаются байты, которых нет в кодировке Windows-1251; они заменены знаком «�»."
                .into(),
        );
    }
    let planned = plan_rows(store, &decoded.text, delimiter, options, &mut report)?;
    if options.public_interest.is_some() {
        report.public_interest_living = planned.iter().filter(|p| p.may_be_living).count();
        report.public_interest_covered = planned.len() - report.public_interest_living;
    }
    if !report.errors.is_empty() && !options.skip_invalid {
        report.status = Status::Refused;
        return Err(ImportError::InvalidRows(Box::new(report)));
    }
    if options.dry_run {
        report.status = Status::DryRun;
        for p in &planned {
            report.tally(p.expect);
        }
        return Ok(report);
    }
    if !planned.is_empty() {
        write(store, planned, options, today, &mut report)?;
    }
    Ok(report)
}

/// The file's text, whatever its encoding; an empty file, UTF-16 or a workbook is refused.
fn decode(bytes: &[u8]) -> Result<text::Decoded<'_>, ImportError> {
    let without_bom = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if without_bom.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty);
    }
    text::decode(bytes).map_err(|e| match e {
        NotText::Utf16 => ImportError::Utf16,
        NotText::Workbook => ImportError::Workbook,
    })
}

/// Reads the header and every row, and plans what each row will do; a row's problems go to
/// `report.errors` (and count it as skipped) without stopping the others.
fn plan_rows(
    store: &dyn Store,
    text: &str,
    delimiter: char,
    options: &Options,
    report: &mut Report,
) -> Result<Vec<Planned>, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        // Rows of the wrong length are reported per row, not as a failure of the whole file.
        .flexible(true)
        .delimiter(delimiter as u8)
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let header_read = reader
        .read_record(&mut record)
        .map_err(|_| ImportError::NoHeader)?;
    if !header_read {
        return Err(ImportError::Empty);
    }
    let (columns, unknown) = Columns::parse(&record)?;
    if !unknown.is_empty() {
        report.warnings.push(format!(
            "столбцы не распознаны и пропущены: {}.",
            unknown
                .iter()
                .map(|h| format!("«{h}»"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let mut lines = LineCounter::new(text);
    let mut planned: Vec<Planned> = Vec::new();
    let mut seen_ids: HashMap<String, u64> = HashMap::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                // With flexible rows and text input there is nothing left that csv can reject;
                // still, a parser error must not pass silently.
                let line = e.position().map_or(0, csv::Position::line);
                report.errors.push(RowError {
                    line,
                    column: None,
                    message: format!("файл не читается дальше этой строки: {e}"),
                });
                report.skipped += 1;
                break;
            }
        }
        if record.iter().all(|v| v.trim().is_empty()) {
            // Rows of empty cells (`;;;;`) trail many Excel exports.
            continue;
        }
        report.rows += 1;
        let line = lines.line_of(&record);
        let errors_before = report.errors.len();
        if let Some(p) = row_to_plan(
            store,
            &record,
            line,
            &columns,
            options,
            &mut seen_ids,
            &mut report.errors,
        )? {
            planned.push(p);
        }
        if report.errors.len() > errors_before {
            report.skipped += 1;
        }
    }
    Ok(planned)
}

/// Writes the planned rows, and the public-interest decision covering the deceased among them,
/// in one transaction, so there is never a moment when the records exist but the decision that
/// makes them public does not.
fn write(
    store: &dyn Store,
    planned: Vec<Planned>,
    options: &Options,
    today: Date,
    report: &mut Report,
) -> Result<(), ImportError> {
    let deceased: Vec<usize> = planned
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.may_be_living)
        .map(|(i, _)| i)
        .collect();
    let mut ops: Vec<Op> = planned.into_iter().map(|p| p.op).collect();
    let records = ops.len();
    if let Some(pi) = &options.public_interest {
        if deceased.is_empty() {
            report.warnings.push(
                "решение о публичном интересе не записано: среди импортированных нет людей, о которых известно, что они умерли."
                    .into(),
            );
        } else {
            ops.push(public_interest_decision(pi, options, today, deceased));
        }
    }
    let outcomes = store.apply(&options.actor, ops, today)?;
    for outcome in &outcomes[..records] {
        match outcome {
            Outcome::Created(_) => report.tally(Expect::Create),
            Outcome::Updated(_) => report.tally(Expect::Update),
            Outcome::Unchanged(_) => report.tally(Expect::Unchanged),
            _ => {}
        }
    }
    if let Some(Outcome::ConsentAdded(id)) = outcomes.get(records) {
        report.consent_id = Some(id.0);
    }
    Ok(())
}

/// The public-interest decision (152-FZ Art. 6(1)(8)) over the rows at `deceased`.
fn public_interest_decision(
    pi: &PublicInterest,
    options: &Options,
    today: Date,
    deceased: Vec<usize>,
) -> Op {
    let granted_by = if pi.decided_by.trim().is_empty() {
        options.actor.label.clone()
    } else {
        pi.decided_by.clone()
    };
    Op::AddConsentCovering {
        consent: NewConsent {
            kind: ConsentKind::PublicInterest,
            subject: None,
            granted_by,
            covers: Vec::new(),
            scope: Vec::new(),
            bans: Vec::new(),
            document: None,
            signed_on: today,
            valid_until: None,
            note: Some(pi.reason.clone()),
        },
        earlier: deceased,
        subject_earlier: None,
    }
}

/// Physical line numbers of records. csv's own `Position::line` lags by one after every CRLF
/// (the record is cut at `\r` and the `\n` is counted with the next one), and Excel writes CRLF;
/// so lines are counted here from the record's byte offset, moving forward only (O(file)).
struct LineCounter<'a> {
    text: &'a [u8],
    counted_to: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            counted_to: 0,
            line: 1,
        }
    }

    fn line_of(&mut self, record: &csv::StringRecord) -> u64 {
        let Some(pos) = record.position() else {
            return 0;
        };
        // The offset may point at the line end before the record, or at blank lines csv skipped.
        let mut start = usize::try_from(pos.byte())
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        while start < self.text.len() && matches!(self.text[start], b'\r' | b'\n') {
            start += 1;
        }
        if start > self.counted_to {
            let newlines = self.text[self.counted_to..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.line += newlines as u64;
            self.counted_to = start;
        }
        self.line
    }
}

/// Checks one row and turns it into an op; pushes every problem found into `errors`.
fn row_to_plan(
    store: &dyn Store,
    record: &csv::StringRecord,
    line: u64,
    columns: &Columns,
    options: &Options,
    seen_ids: &mut HashMap<String, u64>,
    errors: &mut Vec<RowError>,
) -> Result<Option<Planned>, ImportError> {
    let start = errors.len();
    let error = |errors: &mut Vec<RowError>, field: Option<Field>, message: String| {
        errors.push(RowError {
            line,
            column: field.and_then(|f| columns.name(f)),
            message,
        });
    };
    let expected = columns.headers.len();
    if record.len() != expected {
        // Excel sometimes writes extra empty cells at the end of a row; only real data beyond
        // the header, or missing cells, make the row ambiguous.
        let extra_is_empty =
            record.len() > expected && record.iter().skip(expected).all(|v| v.trim().is_empty());
        if !extra_is_empty {
            error(
                errors,
                None,
                format!(
                    "в строке {} {}, а в заголовке {}; проверьте разделители и кавычки",
                    record.len(),
                    fields_word(record.len()),
                    expected
                ),
            );
            return Ok(None);
        }
    }
    let get = |field: Field| -> &str {
        columns
            .of(field)
            .and_then(|i| record.get(i))
            .map_or("", str::trim)
    };

    let id = get(Field::Id);
    if !id.is_empty() {
        if let Some(first) = seen_ids.get(id) {
            error(
                errors,
                Some(Field::Id),
                format!("идентификатор «{id}» уже встречался в строке {first}"),
            );
        } else {
            seen_ids.insert(id.to_string(), line);
        }
    }
    let sex = parse_sex(get(Field::Sex)).unwrap_or_else(|m| {
        error(errors, Some(Field::Sex), m);
        None
    });
    let birth = parse_date(get(Field::Birth)).unwrap_or_else(|m| {
        error(errors, Some(Field::Birth), m);
        None
    });
    let death = parse_date(get(Field::Death)).unwrap_or_else(|m| {
        error(errors, Some(Field::Death), m);
        None
    });
    let fate = parse_fate(get(Field::Fate)).unwrap_or_else(|m| {
        error(errors, Some(Field::Fate), m);
        None
    });
    let mut person = Person {
        name: PersonName {
            surname: get(Field::Surname).to_string(),
            given: get(Field::Given).to_string(),
            patronymic: get(Field::Patronymic).to_string(),
            ..PersonName::default()
        },
        sex,
        birth,
        death,
        birth_place: get(Field::BirthPlace).to_string(),
        fate,
        biography: text_block(get(Field::Biography)),
        sources: parse_sources(get(Field::Sources)),
        ..Person::default()
    };
    person.service.rank = get(Field::Rank).to_string();
    person.service.unit = get(Field::Unit).to_string();
    validation_errors(&person, columns, line, errors);
    if errors.len() > start {
        return Ok(None);
    }

    let planned = if id.is_empty() {
        Planned {
            may_be_living: person.may_be_living(),
            op: Op::Create(Draft {
                body: Body::Person(person),
                settings: Settings::default(),
                workflow: options.workflow,
            }),
            expect: Expect::Create,
        }
    } else {
        match store.find_external(Kind::Person, id)? {
            None => Planned {
                may_be_living: person.may_be_living(),
                op: Op::Upsert(Draft {
                    body: Body::Person(person),
                    settings: Settings {
                        external_id: Some(id.to_string()),
                        ..Settings::default()
                    },
                    workflow: options.workflow,
                }),
                expect: Expect::Create,
            },
            Some(stored) => {
                let existing = stored.record;
                let Body::Person(mut merged) = existing.body.clone() else {
                    // Only persons are asked for; anything else is the store's bug.
                    return Err(StoreError::Backend(format!(
                        "find_external(person, {id}) returned another kind"
                    ))
                    .into());
                };
                overlay(&mut merged, person, columns);
                validation_errors(&merged, columns, line, errors);
                if errors.len() > start {
                    return Ok(None);
                }
                let may_be_living = merged.may_be_living();
                let body = Body::Person(merged);
                let expect = if body == existing.body {
                    Expect::Unchanged
                } else {
                    Expect::Update
                };
                Planned {
                    may_be_living,
                    // An update guarded by the version read here: if an editor changes the
                    // record between this read and the write, the import stops instead of
                    // silently overwriting the edit. Settings (access, tags…) stay the editors'.
                    op: Op::Update {
                        id: existing.id(),
                        expected_version: Some(existing.meta.version),
                        settings: existing.settings(),
                        body,
                    },
                    expect,
                }
            }
        }
    };
    Ok(Some(planned))
}

/// A multi-line cell with Windows line ends inside quotes becomes plain `\n` text, so that a
/// file saved on Windows and the same file saved elsewhere import to identical records.
fn text_block(s: &str) -> String {
    if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        s.to_string()
    }
}

/// Copies into an existing record the fields this file has columns for; the rest (awards,
/// portrait, roles, health, maiden name… and columns the file lacks) stays as the editors left it.
fn overlay(target: &mut Person, from: Person, columns: &Columns) {
    target.name.surname = from.name.surname;
    if columns.has(Field::Given) {
        target.name.given = from.name.given;
    }
    if columns.has(Field::Patronymic) {
        target.name.patronymic = from.name.patronymic;
    }
    if columns.has(Field::Sex) {
        target.sex = from.sex;
    }
    if columns.has(Field::Birth) {
        target.birth = from.birth;
    }
    if columns.has(Field::Death) {
        target.death = from.death;
    }
    if columns.has(Field::BirthPlace) {
        target.birth_place = from.birth_place;
    }
    if columns.has(Field::Fate) {
        target.fate = from.fate;
    }
    if columns.has(Field::Rank) {
        target.service.rank = from.service.rank;
    }
    if columns.has(Field::Unit) {
        target.service.unit = from.service.unit;
    }
    if columns.has(Field::Biography) {
        target.biography = from.biography;
    }
    if columns.has(Field::Sources) {
        target.sources = from.sources;
    }
}

/// The core's own checks (lengths, surname, death before birth), placed in the right column.
fn validation_errors(person: &Person, columns: &Columns, line: u64, errors: &mut Vec<RowError>) {
    let Err(invalid) = person.validate() else {
        return;
    };
    for p in invalid.problems {
        let field = match p.field.as_str() {
            "surname" => Some(Field::Surname),
            "given_name" => Some(Field::Given),
            "patronymic" => Some(Field::Patronymic),
            "biography" => Some(Field::Biography),
            "birth_place" => Some(Field::BirthPlace),
            "rank" => Some(Field::Rank),
            "unit" => Some(Field::Unit),
            "death" => Some(Field::Death),
            _ => None,
        };
        errors.push(RowError {
            line,
            column: field.and_then(|f| columns.name(f)),
            message: lower_first(&p.message),
        });
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// «1 поле», «2 поля», «5 полей».
fn fields_word(n: usize) -> &'static str {
    match (n % 10, n % 100) {
        (1, r) if r != 11 => "поле",
        (2..=4, r) if !(12..=14).contains(&r) => "поля",
        _ => "полей",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_in_either_language() {
        assert_eq!(field_of(" Фамилия "), Some(Field::Surname));
        assert_eq!(field_of("ДАТА  РОЖДЕНИЯ"), Some(Field::Birth));
        assert_eq!(field_of("given_name"), Some(Field::Given));
        assert_eq!(field_of("Birth_Place"), Some(Field::BirthPlace));
        assert_eq!(field_of("№"), Some(Field::Id));
        assert_eq!(field_of("Награды"), None);
    }

    #[test]
    fn line_numbers_with_crlf_and_blank_lines() {
        for text in [
            "h1;h2\r\na;b\r\nc;\"x\r\ny\"\r\n\r\nd;e\r\n",
            "h1;h2\na;b\nc;\"x\ny\"\n\nd;e\n",
        ] {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .delimiter(b';')
                .from_reader(text.as_bytes());
            let mut lines = LineCounter::new(text);
            let mut record = csv::StringRecord::new();
            let mut found = Vec::new();
            while reader.read_record(&mut record).expect("valid csv") {
                found.push(lines.line_of(&record));
            }
            assert_eq!(found, [1, 2, 3, 6], "{text:?}");
        }
    }

    #[test]
    fn field_counts_read_well() {
        assert_eq!(fields_word(1), "поле");
        assert_eq!(fields_word(3), "поля");
        assert_eq!(fields_word(12), "полей");
        assert_eq!(fields_word(13), "полей");
        assert_eq!(fields_word(22), "поля");
    }
}
