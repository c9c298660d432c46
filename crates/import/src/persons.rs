//! Import of persons from a CSV file (issue #2, item 7).
//!
//! One pass over the file reads, checks and writes each row in turn, all in one transaction
//! ([`Store::apply_each`]), so neither the file nor its records are ever all in memory; a file
//! with a bad row (the rest is still checked, to report every problem), a crash or a full disk
//! ends with the transaction abandoned and the base as it was.

use crate::source;
use crate::text::{self, NotText};
use crate::values::{parse_date, parse_fate, parse_sex, parse_sources};
use jiff::civil::Date;
use letopis_core::consent::{ConsentKind, NewConsent};
use letopis_core::entities::Person;
use letopis_core::history::Actor;
use letopis_core::names::{PersonName, normalize};
use letopis_core::record::Settings;
use letopis_core::{Body, Kind, Workflow};
use letopis_store::{Applied, Draft, FeedSpan, Op, Outcome, Store, StoreError, WriteObserver};
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

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
    /// The stretch of the change feed the import wrote, when it was written with an observer
    /// ([`import_persons_file_observed`]) and the store could tell.
    pub feed: Option<FeedSpan>,
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
            feed: None,
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
    #[error("Файл не читается: {0}")]
    Unreadable(String),
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
    Maiden,
    Variants,
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

const FIELDS: usize = 15;

/// Header spellings per field, already in normalised form (lower case, ё→е, `_` → space).
const HEADERS: [(Field, &[&str]); FIELDS] = [
    (
        Field::Id,
        &["id", "идентификатор", "№", "номер", "№ п/п", "external id"],
    ),
    (Field::Surname, &["surname", "фамилия", "last name"]),
    (Field::Given, &["given name", "имя", "first name"]),
    (Field::Patronymic, &["patronymic", "отчество"]),
    (
        Field::Maiden,
        &["maiden name", "девичья фамилия", "фамилия при рождении"],
    ),
    (
        Field::Variants,
        &[
            "variants",
            "другие написания",
            "варианты написания",
            "варианты фамилии",
        ],
    ),
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
        report.warnings.push(CP1251_REPLACED.into());
    }
    import_rows(store, decoded.text.as_bytes(), report, options, today, None)
}

/// [`import_persons`] from a file, read as a stream: a UTF-8 file is never held in memory
/// whole, nor are its rows (each is parsed, checked and written in turn, in one transaction),
/// so memory stays flat whatever the file's size. A Windows-1251 file is decoded whole.
pub fn import_persons_file(
    store: &dyn Store,
    path: &Path,
    options: &Options,
    today: Date,
) -> Result<Report, ImportError> {
    import_file(store, path, options, today, None)
}

/// [`import_persons_file`], telling `observer` of each record as it is written (see
/// [`Store::apply_each_observed`]): the command builds the search index beside the writing.
/// The report's `feed` says which stretch of the change feed the import wrote.
pub fn import_persons_file_observed(
    store: &dyn Store,
    path: &Path,
    options: &Options,
    today: Date,
    observer: &mut dyn WriteObserver,
) -> Result<Report, ImportError> {
    import_file(store, path, options, today, Some(observer))
}

fn import_file(
    store: &dyn Store,
    path: &Path,
    options: &Options,
    today: Date,
    observer: Option<&mut dyn WriteObserver>,
) -> Result<Report, ImportError> {
    match source::open(path) {
        Ok(source::Opened::Utf8 { rows, delimiter }) => {
            let report = Report::new(text::UTF8, delimiter);
            import_rows(store, rows, report, options, today, observer)
        }
        Ok(source::Opened::Bytes(bytes)) => {
            let decoded = decode(&bytes)?;
            let delimiter = text::sniff_delimiter(&decoded.text);
            let mut report = Report::new(decoded.encoding, delimiter);
            if decoded.had_errors {
                report.warnings.push(CP1251_REPLACED.into());
            }
            import_rows(
                store,
                decoded.text.as_bytes(),
                report,
                options,
                today,
                observer,
            )
        }
        Ok(source::Opened::Empty) => Err(ImportError::Empty),
        Err(source::Refused::NotText(NotText::Utf16)) => Err(ImportError::Utf16),
        Err(source::Refused::NotText(NotText::Workbook)) => Err(ImportError::Workbook),
        Err(source::Refused::Io(e)) => Err(ImportError::Unreadable(e.to_string())),
    }
}

const CP1251_REPLACED: &str =
    "в файле встречаются байты, которых нет в кодировке Windows-1251; они заменены знаком «�».";

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

/// Reads the header, then plans and writes the rows one by one (or, in a dry run, only plans
/// them). A row's problems go to `report.errors` (and count it as skipped) without stopping the
/// others; without `skip_invalid` the first one stops the writing, the rest of the file is still
/// checked, and the transaction is abandoned at the end.
fn import_rows<R: std::io::Read>(
    store: &dyn Store,
    source: R,
    mut report: Report,
    options: &Options,
    today: Date,
    observer: Option<&mut dyn WriteObserver>,
) -> Result<Report, ImportError> {
    let breaks = source::Breaks::default();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        // Rows of the wrong length are reported per row, not as a failure of the whole file.
        .flexible(true)
        .delimiter(report.delimiter as u8)
        .from_reader(breaks.track(source));
    let columns = read_header(&mut reader, &mut report)?;
    let mut rows = Rows {
        // Into a base without persons (a town's first import) no row can be a re-import:
        // asking the base for each row's id would only cost time.
        store: has_persons(store, today)?.then_some(store),
        reader,
        lines: source::LineCounter::new(breaks),
        columns,
        options,
        report: &mut report,
        seen_ids: HashMap::new(),
        record: csv::StringRecord::new(),
        consent_at: None,
        covered_later: Vec::new(),
        pending: None,
        written: 0,
        today,
        ended: false,
        refused: false,
        failed: None,
    };
    let applied = if options.dry_run {
        rows.by_ref().for_each(drop);
        Ok(Applied {
            outcomes: Vec::new(),
            feed: None,
        })
    } else {
        match observer {
            Some(observer) => store.apply_each_observed(&options.actor, &mut rows, today, observer),
            None => store
                .apply_each(&options.actor, &mut rows, today)
                .map(|outcomes| Applied {
                    outcomes,
                    feed: None,
                }),
        }
    };
    let (refused, failed) = (rows.refused, rows.failed.take());
    drop(rows);
    if refused {
        report.status = Status::Refused;
        return Err(ImportError::InvalidRows(Box::new(report)));
    }
    if let Some(e) = failed {
        return Err(e);
    }
    let Applied { outcomes, feed } = applied?;
    report.feed = feed;
    if options.dry_run {
        report.status = Status::DryRun;
        return Ok(report);
    }
    for outcome in &outcomes {
        match outcome {
            Outcome::Created(_) => report.tally(Expect::Create),
            Outcome::Updated(_) => report.tally(Expect::Update),
            Outcome::Unchanged(_) => report.tally(Expect::Unchanged),
            Outcome::ConsentAdded(id) => report.consent_id = Some(id.0),
            _ => {}
        }
    }
    Ok(report)
}

fn read_header<R: std::io::Read>(
    reader: &mut csv::Reader<R>,
    report: &mut Report,
) -> Result<Columns, ImportError> {
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
    Ok(columns)
}

/// The rows of a file as ops, planned as they are read, with the public-interest decision
/// covering the deceased among them — in the same transaction, so there is never a moment when
/// the records exist but the decision that makes them public does not. The decision is given
/// out right after the first row it covers, and later new records are created under it, so
/// each is written once with the audience it will have.
struct Rows<'a, R: std::io::Read> {
    /// Where earlier imports are looked up by id; `None` when the base holds no persons.
    store: Option<&'a dyn Store>,
    reader: csv::Reader<source::Tracked<R>>,
    lines: source::LineCounter,
    columns: Columns,
    options: &'a Options,
    report: &'a mut Report,
    seen_ids: HashMap<String, u64>,
    record: csv::StringRecord,
    /// The position (among the ops given out) of the decision, once given out.
    consent_at: Option<usize>,
    /// Positions of re-imported rows the decision covers: covered after the last row.
    covered_later: Vec<usize>,
    /// A row's op held back while the decision before it is given out.
    pending: Option<Op>,
    /// Ops given out so far.
    written: usize,
    today: Date,
    ended: bool,
    /// A bad row without `skip_invalid`: nothing is written.
    refused: bool,
    /// Reading the base failed while planning.
    failed: Option<ImportError>,
}

/// What one line of the file turned out to be.
enum Step {
    Row(Box<Planned>),
    /// A blank row, or one with errors (recorded in the report).
    Nothing,
    End,
}

impl<R: std::io::Read> Iterator for Rows<'_, R> {
    type Item = Result<Op, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(op) = self.pending.take() {
            self.written += 1;
            return Some(Ok(op));
        }
        while !self.ended {
            let planned = match self.step() {
                Ok(Step::Row(p)) => *p,
                Ok(Step::Nothing) => continue,
                Ok(Step::End) => return self.end(),
                Err(e) => {
                    self.ended = true;
                    self.failed = Some(e);
                    return Some(Err(abandoned()));
                }
            };
            let options = self.options;
            let covered = options.public_interest.is_some() && !planned.may_be_living;
            if options.public_interest.is_some() {
                if covered {
                    self.report.public_interest_covered += 1;
                } else {
                    self.report.public_interest_living += 1;
                }
            }
            if self.refused {
                continue;
            }
            if self.options.dry_run {
                self.report.tally(planned.expect);
                continue;
            }
            if !covered {
                self.written += 1;
                return Some(Ok(planned.op));
            }
            // The decision goes right after the first row it covers (a consent covers at least
            // one record), so each later row is written once, already covered.
            let Some(consent_at) = self.consent_at else {
                // `covered` implies a decision to record.
                let pi = options.public_interest.as_ref()?;
                let first = self.written;
                self.consent_at = Some(first + 1);
                self.pending = Some(Op::AddConsentCovering {
                    consent: public_interest_decision(pi, options, self.today),
                    earlier: vec![first],
                    subject_earlier: None,
                });
                self.written += 1;
                return Some(Ok(planned.op));
            };
            let op = self.covered(planned.op, consent_at, self.written);
            self.written += 1;
            return Some(Ok(op));
        }
        None
    }
}

/// The error that abandons the transaction when the importer, not the store, stops it.
fn abandoned() -> StoreError {
    StoreError::Backend("import abandoned".into())
}

impl<R: std::io::Read> Rows<'_, R> {
    fn step(&mut self) -> Result<Step, ImportError> {
        match self.reader.read_record(&mut self.record) {
            Ok(true) => {}
            Ok(false) => return Ok(Step::End),
            Err(e) => {
                // With flexible rows and valid text there is nothing left that csv can reject;
                // still, a parser error must not pass silently.
                let line = e.position().map_or(0, csv::Position::line);
                self.report.errors.push(RowError {
                    line,
                    column: None,
                    message: format!("файл не читается дальше этой строки: {e}"),
                });
                self.report.skipped += 1;
                self.refused |= !self.options.skip_invalid;
                return Ok(Step::End);
            }
        }
        if self.record.iter().all(|v| v.trim().is_empty()) {
            // Rows of empty cells (`;;;;`) trail many Excel exports.
            return Ok(Step::Nothing);
        }
        self.report.rows += 1;
        let line = self.lines.line_of(&self.record);
        let errors_before = self.report.errors.len();
        let planned = row_to_plan(
            self.store,
            &self.record,
            line,
            &self.columns,
            self.options,
            &mut self.seen_ids,
            &mut self.report.errors,
        )?;
        if self.report.errors.len() > errors_before {
            self.report.skipped += 1;
            self.refused |= !self.options.skip_invalid;
        }
        Ok(planned.map_or(Step::Nothing, |p| Step::Row(Box::new(p))))
    }

    /// The op of a row the decision covers, which will be op `position`: a new record is
    /// created covered; an existing one is covered at the end.
    fn covered(&mut self, op: Op, consent_at: usize, position: usize) -> Op {
        match op {
            Op::Create(draft) | Op::Upsert(draft) => Op::CreateCovered {
                draft,
                consent_earlier: consent_at,
            },
            other => {
                self.covered_later.push(position);
                other
            }
        }
    }

    /// After the last row: the cover of re-imported rows, or the refusal that abandons the
    /// transaction.
    fn end(&mut self) -> Option<Result<Op, StoreError>> {
        self.ended = true;
        if self.refused {
            return Some(Err(abandoned()));
        }
        self.options.public_interest.as_ref()?;
        if self.options.dry_run || self.written == 0 {
            return None;
        }
        let Some(consent_at) = self.consent_at else {
            self.report.warnings.push(
                "решение о публичном интересе не записано: среди импортированных нет людей, о которых известно, что они умерли."
                    .into(),
            );
            return None;
        };
        if self.covered_later.is_empty() {
            return None;
        }
        Some(Ok(Op::CoverEarlier {
            consent_earlier: consent_at,
            earlier: std::mem::take(&mut self.covered_later),
        }))
    }
}

/// The public-interest decision (152-FZ Art. 6(1)(8)) the import's deceased are covered by.
fn public_interest_decision(pi: &PublicInterest, options: &Options, today: Date) -> NewConsent {
    let granted_by = if pi.decided_by.trim().is_empty() {
        options.actor.label.clone()
    } else {
        pi.decided_by.clone()
    };
    NewConsent {
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
    }
}

/// Whether the base holds any person, whoever may see it.
fn has_persons(store: &dyn Store, today: Date) -> Result<bool, ImportError> {
    let query = letopis_store::ListQuery {
        limit: 1,
        ..letopis_store::ListQuery::new(Kind::Person)
    };
    let everything = letopis_core::Viewer::admin(letopis_core::UserId(0)).filter(today);
    Ok(store.list(&query, &everything)?.total > 0)
}

/// Checks one row and turns it into an op; pushes every problem found into `errors`. `store`
/// is where earlier imports are looked up by id (`None`: there are none).
fn row_to_plan(
    store: Option<&dyn Store>,
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
            maiden: Some(get(Field::Maiden).trim().to_string()).filter(|m| !m.is_empty()),
            variants: split_variants(get(Field::Variants)),
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
        let existing = match store {
            Some(store) => store.find_external(Kind::Person, id)?,
            None => None,
        };
        match existing {
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

/// Other spellings of a surname met in sources, in one cell: «Ершев, Jerschow».
fn split_variants(cell: &str) -> Vec<String> {
    cell.split([',', '/'])
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .collect()
}

/// Copies into an existing record the fields this file has columns for; the rest (awards,
/// portrait, roles, health… and columns the file lacks) stays as the editors left it.
fn overlay(target: &mut Person, from: Person, columns: &Columns) {
    target.name.surname = from.name.surname;
    if columns.has(Field::Given) {
        target.name.given = from.name.given;
    }
    if columns.has(Field::Patronymic) {
        target.name.patronymic = from.name.patronymic;
    }
    if columns.has(Field::Maiden) {
        target.name.maiden = from.name.maiden;
    }
    if columns.has(Field::Variants) {
        target.name.variants = from.name.variants;
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
    fn field_counts_read_well() {
        assert_eq!(fields_word(1), "поле");
        assert_eq!(fields_word(3), "поля");
        assert_eq!(fields_word(12), "полей");
        assert_eq!(fields_word(13), "полей");
        assert_eq!(fields_word(22), "поля");
    }
}
