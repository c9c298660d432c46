//! EDTF dates (Library of Congress Extended Date/Time Format), levels 0 and 1.
//!
//! Memory is rarely exact: a witness remembers "spring 1942", a letter is dated "around the 23rd
//! of November", a photo is "from the forties". EDTF lets the catalogue say exactly that, and this
//! module turns it into sortable day bounds and human wording in Russian and English.
//!
//! Supported (level 0): `1941`, `1941-11`, `1941-11-23`, intervals `1941/1945`,
//! `1941-06-22/1945-05-09` (mixed precisions allowed).
//!
//! Supported (level 1): qualifiers `?` `~` `%` at the end of a date; unspecified digits from the
//! right (`194X`, `19XX`, `1941-XX`, `1941-11-XX`, `1941-XX-XX`); seasons `21`–`24`; open
//! (`1941/..`, `../1945`) and unknown (`1941/`, `/1945`) interval ends; negative years (`-0500`).
//!
//! Deliberately rejected, each with a Russian message saying why:
//! * times of day (`1941-11-23T10:00:00`): the museum dates memories, not moments;
//! * letter-prefixed years (`Y-12000`, `Y170000002`): they cannot be expressed as a [`DayKey`]
//!   and make no sense for this collection;
//! * unspecified digits in negative years (`-194X`): the wording («1940-е гг. до н. э.») would
//!   mislead, since the range counts backwards;
//! * everything from level 2 (sets, per-component qualifiers, seasons 25–41, exponents).
//!
//! Years are astronomical, as in ISO 8601: `0000` is 1 BC and `-0001` is 2 BC; the wording
//! converts them («1 г. до н. э.»).

pub mod written;

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A day as a sortable integer `YYYYMMDD` (e.g. 19411123). Negative years sort before positive.
///
/// Computed as `year * 10000 + month * 100 + day`; because `month * 100 + day` stays below 10000
/// the order is preserved for negative years too.
pub type DayKey = i32;

/// Builds a [`DayKey`] from its parts. Does not check that the day exists.
pub fn day_key(year: i32, month: u8, day: u8) -> DayKey {
    year * 10000 + i32::from(month) * 100 + i32::from(day)
}

/// Splits a [`DayKey`] back into year, month and day.
pub fn split_day_key(key: DayKey) -> (i32, u8, u8) {
    let year = key.div_euclid(10000);
    let rest = key.rem_euclid(10000);
    // `rest` is below 10000, so both parts fit in u8 for any key built by `day_key`.
    let month = u8::try_from(rest / 100).unwrap_or(0);
    let day = u8::try_from(rest % 100).unwrap_or(0);
    (year, month, day)
}

/// A valid EDTF date, exact or approximate, single or an interval. Can only be built by `parse`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Edtf {
    /// Canonical text, kept so that `as_str` can hand out a borrow.
    text: String,
    value: Value,
}

/// Why a text is not a valid EDTF date; the message is Russian and says what to write instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct EdtfError {
    pub message: String,
}

const EXAMPLES: &str = "Примеры: 1941-11-23, 1942-03~, 1943?, 1941/1945, 194X.";

/// The shape of an expression. Intervals with a missing end are separate variants so that an
/// "interval" with no date at all cannot be represented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Value {
    Single(Date),
    Interval(Date, Date),
    /// `1941/..` or `1941/`
    From(Date, Edge),
    /// `../1945` or `/1945`
    Until(Edge, Date),
}

/// A missing interval end: `..` (open: the range goes on) or empty (unknown: we don't know).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Edge {
    Open,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Date {
    year: Year,
    within: Within,
    qualifier: Qualifier,
}

/// A year, possibly with its last one or two digits unspecified (`194X`, `19XX`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Year {
    /// The year with unspecified digits read as zeros (`194X` → 1940).
    value: i32,
    /// How many trailing digits are `X`: 0, 1 or 2. Never non-zero for negative years.
    unspecified: u8,
}

/// What part of the year the date denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Within {
    /// `1941`, `194X`
    WholeYear,
    /// `1941-XX`
    UnspecifiedMonth,
    /// `1941-XX-XX`
    UnspecifiedMonthAndDay,
    /// `1941-11`
    Month(u8),
    /// `1941-11-XX`
    UnspecifiedDay(u8),
    /// `1941-11-23`
    Day(u8, u8),
    /// `1942-21`
    Season(Season),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
struct Qualifier {
    uncertain: bool,
    approximate: bool,
}

impl Edtf {
    /// Parses an EDTF level 0/1 expression. Surrounding whitespace (and whitespace around `/`)
    /// is ignored and a lower-case `x` is accepted; the stored text is canonical.
    pub fn parse(text: &str) -> Result<Edtf, EdtfError> {
        let input = text.trim();
        if input.is_empty() {
            return Err(EdtfError {
                message: format!("Дата не указана. {EXAMPLES}"),
            });
        }
        let value = parse_value(input).map_err(|reason| EdtfError {
            message: format!("Неверная дата «{input}»: {reason}. {EXAMPLES}"),
        })?;
        Ok(Edtf {
            text: value.to_string(),
            value,
        })
    }

    /// The canonical EDTF text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Earliest day the date may denote; `None` when open or unknown at the start.
    pub fn lower(&self) -> Option<DayKey> {
        match self.value {
            Value::Single(d) | Value::Interval(d, _) | Value::From(d, _) => Some(d.lower()),
            Value::Until(..) => None,
        }
    }

    /// Latest day the date may denote; `None` when open or unknown at the end.
    pub fn upper(&self) -> Option<DayKey> {
        match self.value {
            Value::Single(d) | Value::Interval(_, d) | Value::Until(_, d) => Some(d.upper()),
            Value::From(..) => None,
        }
    }

    /// The year of the lower bound, e.g. for grouping by year; `None` when the start is open.
    pub fn year(&self) -> Option<i32> {
        self.lower().map(|k| split_day_key(k).0)
    }

    /// True when any date in the expression is approximate (`~` or `%`).
    pub fn is_approximate(&self) -> bool {
        self.dates().iter().any(|d| d.qualifier.approximate)
    }

    /// True when any date in the expression is uncertain (`?` or `%`).
    pub fn is_uncertain(&self) -> bool {
        self.dates().iter().any(|d| d.qualifier.uncertain)
    }

    /// True for intervals, including those with an open or unknown end.
    pub fn is_interval(&self) -> bool {
        !matches!(self.value, Value::Single(_))
    }

    /// True when the start of an interval is open (`..`) or unknown (empty).
    pub fn is_open_start(&self) -> bool {
        matches!(self.value, Value::Until(..))
    }

    /// True when the end of an interval is open (`..`) or unknown (empty).
    pub fn is_open_end(&self) -> bool {
        matches!(self.value, Value::From(..))
    }

    /// «около марта 1942 г.», «1941–1945», «23 ноября 1941 г.»
    ///
    /// Approximate dates read «около …» (genitive), after «с»/«до» «примерно с …»; uncertain
    /// ones read «предположительно …»; both «предположительно около …». Intervals of plain dates
    /// share what they can («16–20 октября 1941 г.»).
    pub fn to_russian(&self) -> String {
        match self.value {
            Value::Single(d) => ru_single(&d),
            Value::Interval(a, b) => ru_pair(&a, &b),
            Value::From(a, Edge::Open) => ru_after("с", &a),
            Value::From(a, Edge::Unknown) => {
                format!("{} (окончание неизвестно)", ru_after("с", &a))
            }
            Value::Until(Edge::Open, b) => ru_after("до", &b),
            Value::Until(Edge::Unknown, b) => format!("{} (начало неизвестно)", ru_after("до", &b)),
        }
    }

    /// "about March 1942", "1941–1945", "23 November 1941"
    ///
    /// Uncertain dates get a trailing "(?)", approximate ones a leading "about".
    pub fn to_english(&self) -> String {
        match self.value {
            Value::Single(d) => en_single(&d, false),
            Value::Interval(a, b) => en_pair(&a, &b),
            Value::From(a, Edge::Open) => format!("from {}", en_single(&a, true)),
            Value::From(a, Edge::Unknown) => format!("from {} (end unknown)", en_single(&a, true)),
            Value::Until(Edge::Open, b) => format!("until {}", en_single(&b, true)),
            Value::Until(Edge::Unknown, b) => {
                format!("until {} (start unknown)", en_single(&b, true))
            }
        }
    }

    fn dates(&self) -> Vec<Date> {
        match self.value {
            Value::Single(d) | Value::From(d, _) | Value::Until(_, d) => vec![d],
            Value::Interval(a, b) => vec![a, b],
        }
    }
}

impl fmt::Display for Edtf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl FromStr for Edtf {
    type Err = EdtfError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Edtf::parse(s)
    }
}

impl Serialize for Edtf {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Edtf {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Edtf::parse(&s).map_err(serde::de::Error::custom)
    }
}

// ---------------------------------------------------------------------------------------------
// Calendar

fn is_leap(year: i32) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

/// Days in a month of the proleptic Gregorian calendar (`month` 1–12).
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Season {
    fn from_code(code: u8) -> Option<Season> {
        match code {
            21 => Some(Season::Spring),
            22 => Some(Season::Summer),
            23 => Some(Season::Autumn),
            24 => Some(Season::Winter),
            _ => None,
        }
    }

    fn code(self) -> u8 {
        match self {
            Season::Spring => 21,
            Season::Summer => 22,
            Season::Autumn => 23,
            Season::Winter => 24,
        }
    }

    fn first_month(self) -> u8 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Autumn => 9,
            Season::Winter => 12,
        }
    }
}

impl Year {
    /// The first and last year the (possibly partly unspecified) year may be.
    fn range(self) -> (i32, i32) {
        let span = match self.unspecified {
            0 => 0,
            1 => 9,
            _ => 99,
        };
        (self.value, self.value + span)
    }
}

impl Date {
    fn lower(&self) -> DayKey {
        let (first, _) = self.year.range();
        match self.within {
            Within::WholeYear | Within::UnspecifiedMonth | Within::UnspecifiedMonthAndDay => {
                day_key(first, 1, 1)
            }
            Within::Month(m) | Within::UnspecifiedDay(m) => day_key(first, m, 1),
            Within::Day(m, d) => day_key(first, m, d),
            Within::Season(s) => day_key(first, s.first_month(), 1),
        }
    }

    fn upper(&self) -> DayKey {
        let (_, last) = self.year.range();
        match self.within {
            Within::WholeYear | Within::UnspecifiedMonth | Within::UnspecifiedMonthAndDay => {
                day_key(last, 12, 31)
            }
            Within::Month(m) | Within::UnspecifiedDay(m) => {
                day_key(last, m, days_in_month(last, m))
            }
            Within::Day(m, d) => day_key(last, m, d),
            // Winter starts in December and runs into the next year's February.
            Within::Season(Season::Winter) => day_key(last + 1, 2, days_in_month(last + 1, 2)),
            Within::Season(s) => {
                let m = s.first_month() + 2;
                day_key(last, m, days_in_month(last, m))
            }
        }
    }

    /// A plain date is one the interval wording may merge with its partner («16–20 октября»).
    fn is_plain(&self) -> bool {
        self.qualifier == Qualifier::default() && self.year.unspecified == 0 && self.year.value >= 1
    }
}

// ---------------------------------------------------------------------------------------------
// Canonical text

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.value < 0 {
            return write!(f, "-{:04}", -self.value);
        }
        let digits = format!("{:04}", self.value);
        let keep = digits.len() - usize::from(self.unspecified);
        f.write_str(&digits[..keep])?;
        for _ in 0..self.unspecified {
            f.write_str("X")?;
        }
        Ok(())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.year)?;
        match self.within {
            Within::WholeYear => {}
            Within::UnspecifiedMonth => f.write_str("-XX")?,
            Within::UnspecifiedMonthAndDay => f.write_str("-XX-XX")?,
            Within::Month(m) => write!(f, "-{m:02}")?,
            Within::UnspecifiedDay(m) => write!(f, "-{m:02}-XX")?,
            Within::Day(m, d) => write!(f, "-{m:02}-{d:02}")?,
            Within::Season(s) => write!(f, "-{}", s.code())?,
        }
        f.write_str(
            match (self.qualifier.uncertain, self.qualifier.approximate) {
                (false, false) => "",
                (true, false) => "?",
                (false, true) => "~",
                (true, true) => "%",
            },
        )
    }
}

impl fmt::Display for Edge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Edge::Open => "..",
            Edge::Unknown => "",
        })
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Single(d) => write!(f, "{d}"),
            Value::Interval(a, b) => write!(f, "{a}/{b}"),
            Value::From(a, e) => write!(f, "{a}/{e}"),
            Value::Until(e, b) => write!(f, "{e}/{b}"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing. Functions return a bare Russian reason; `Edtf::parse` wraps it with the input and
// examples so every message has the same shape.

fn parse_value(input: &str) -> Result<Value, String> {
    precheck(input)?;
    if !input.contains('/') {
        if input == ".." {
            return Err(
                "«..» означает открытый конец интервала и пишется после косой черты: 1941/.."
                    .into(),
            );
        }
        return parse_date(input).map(Value::Single);
    }
    let mut parts = input.split('/');
    let (left, right) = match (parts.next(), parts.next(), parts.next()) {
        (Some(l), Some(r), None) => (l.trim(), r.trim()),
        _ => return Err("в интервале должна быть ровно одна косая черта «/»".into()),
    };
    let value = match (parse_end(left)?, parse_end(right)?) {
        (Ok(a), Ok(b)) => {
            if a.lower() > b.upper() {
                return Err("начало интервала позже конца".into());
            }
            Value::Interval(a, b)
        }
        (Ok(a), Err(e)) => Value::From(a, e),
        (Err(e), Ok(b)) => Value::Until(e, b),
        (Err(_), Err(_)) => {
            return Err("хотя бы один конец интервала должен быть датой, например 1941/..".into());
        }
    };
    Ok(value)
}

/// One side of an interval: a date, or the kind of missing end.
fn parse_end(s: &str) -> Result<Result<Date, Edge>, String> {
    match s {
        "" => Ok(Err(Edge::Unknown)),
        ".." => Ok(Err(Edge::Open)),
        _ => parse_date(s).map(Ok),
    }
}

/// Catches common mistakes before the grammar does, so the message names the actual problem
/// instead of a generic "bad month".
fn precheck(input: &str) -> Result<(), String> {
    if input.contains(['T', 't', ':']) {
        return Err(
            "время суток не поддерживается, укажите только дату, например 1941-11-23".into(),
        );
    }
    if input.starts_with(['Y', 'y']) || input.contains("/Y") || input.contains("/y") {
        return Err(
            "годы с префиксом Y (длиннее четырёх цифр) не поддерживаются, год записывается \
             четырьмя цифрами"
                .into(),
        );
    }
    if input.contains(['[', ']', '{', '}']) {
        return Err(
            "списки и множества дат не поддерживаются, для диапазона используйте интервал \
             1941/1945"
                .into(),
        );
    }
    if input.contains(['–', '—']) || is_year_dash_year(input) {
        return Err("интервал записывается через косую черту: 1941/1945".into());
    }
    if let Some(hint) = dotted_date_hint(input) {
        return Err(format!("дата записывается как год-месяц-день: {hint}"));
    }
    if let Some(c) = input
        .chars()
        .find(|c| !(c.is_ascii_digit() || "Xx-/.?~% ".contains(*c)))
    {
        return Err(format!(
            "непонятный символ «{c}», дата записывается цифрами: год-месяц-день"
        ));
    }
    Ok(())
}

/// `1941-1945` is almost certainly meant as an interval, not year 1941 month 19.
fn is_year_dash_year(input: &str) -> bool {
    match input.split_once('-') {
        Some((a, b)) => {
            a.len() == 4
                && b.len() == 4
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

/// Recognises the Russian habit `23.11.1941` and suggests the EDTF spelling.
fn dotted_date_hint(input: &str) -> Option<String> {
    let parts: Vec<&str> = input.split('.').collect();
    if parts.len() != 3 || !parts.iter().all(|p| p.bytes().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let (d, m, y) = (parts[0], parts[1], parts[2]);
    if y.len() != 4 || d.is_empty() || d.len() > 2 || m.is_empty() || m.len() > 2 {
        return None;
    }
    Some(format!("{y}-{m:0>2}-{d:0>2}"))
}

fn parse_date(s: &str) -> Result<Date, String> {
    let (body, qualifier) = match s.chars().last() {
        Some('?') => (
            &s[..s.len() - 1],
            Qualifier {
                uncertain: true,
                approximate: false,
            },
        ),
        Some('~') => (
            &s[..s.len() - 1],
            Qualifier {
                uncertain: false,
                approximate: true,
            },
        ),
        Some('%') => (
            &s[..s.len() - 1],
            Qualifier {
                uncertain: true,
                approximate: true,
            },
        ),
        _ => (s, Qualifier::default()),
    };
    if body.contains(['?', '~', '%']) {
        return Err(
            "знак «?», «~» или «%» ставится один раз, в конце даты, например 1943? или 1942-03~"
                .into(),
        );
    }
    if body.is_empty() {
        return Err("перед знаком «?», «~» или «%» нет даты".into());
    }
    if body.contains(' ') {
        return Err("внутри даты не должно быть пробелов".into());
    }
    if body.contains('.') {
        return Err(
            "точка внутри даты не допускается; «..» пишется только вместо конца интервала".into(),
        );
    }
    let (negative, body) = match body.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    let parts: Vec<&str> = body.split('-').collect();
    if parts.iter().any(|p| p.is_empty()) {
        return Err("лишний или пропущенный дефис".into());
    }
    if parts.len() > 3 {
        return Err("слишком много частей, ожидается год-месяц-день".into());
    }
    let year = parse_year(parts[0], negative, parts.len() > 1)?;
    let within = match (parts.get(1), parts.get(2)) {
        (None, _) => Within::WholeYear,
        (Some(m), None) => match parse_month(m)? {
            MonthPart::Unspecified => Within::UnspecifiedMonth,
            MonthPart::Month(m) => Within::Month(m),
            MonthPart::Season(s) => Within::Season(s),
        },
        (Some(m), Some(d)) => {
            let month = parse_month(m)?;
            parse_day(year.value, month, d)?
        }
    };
    Ok(Date {
        year,
        within,
        qualifier,
    })
}

fn parse_year(s: &str, negative: bool, has_more: bool) -> Result<Year, String> {
    let s = s.to_ascii_uppercase();
    let digits = s.trim_end_matches('X');
    let unspecified = s.len() - digits.len();
    if digits.contains('X') {
        return Err("неопределённые цифры X допустимы только в конце года: 194X, 19XX".into());
    }
    if s.len() != 4 {
        return Err(if s.len() < 4 {
            format!("год записывается четырьмя цифрами (например, 1941, а не {s})")
        } else {
            "год записывается четырьмя цифрами, более длинные годы не поддерживаются".into()
        });
    }
    if unspecified > 2 {
        return Err("в году можно заменить на X не больше двух последних цифр: 194X, 19XX".into());
    }
    if unspecified > 0 && has_more {
        return Err("год с неопределёнными цифрами пишется без месяца и дня: 194X, 19XX".into());
    }
    if unspecified > 0 && negative {
        return Err("неопределённые цифры X в годах до нашей эры не поддерживаются".into());
    }
    let magnitude: i32 = if digits.is_empty() {
        0
    } else {
        digits
            .parse()
            .map_err(|_| "год записывается цифрами".to_string())?
    };
    let value = magnitude * 10_i32.pow(u32::try_from(unspecified).unwrap_or(0));
    if negative && value == 0 {
        return Err("года «-0000» не бывает, нулевой год пишется как 0000".into());
    }
    Ok(Year {
        value: if negative { -value } else { value },
        // At most 2, checked above.
        unspecified: u8::try_from(unspecified).unwrap_or(0),
    })
}

enum MonthPart {
    Unspecified,
    Month(u8),
    Season(Season),
}

fn parse_month(s: &str) -> Result<MonthPart, String> {
    if s.eq_ignore_ascii_case("XX") {
        return Ok(MonthPart::Unspecified);
    }
    let code = two_digits(s).ok_or_else(|| {
        if s.contains(['X', 'x']) {
            "месяц либо указывается полностью, либо заменяется на XX".to_string()
        } else {
            "месяц записывается двумя цифрами, от 01 до 12".to_string()
        }
    })?;
    match code {
        1..=12 => Ok(MonthPart::Month(code)),
        21..=24 => Season::from_code(code)
            .map(MonthPart::Season)
            .ok_or_else(|| "неизвестное время года".to_string()),
        25..=41 => Err(
            "времена года 25–41 не поддерживаются, используйте 21 (весна), 22 (лето), \
                        23 (осень) или 24 (зима)"
                .into(),
        ),
        _ => Err("месяц должен быть от 01 до 12 (или от 21 до 24 для времён года)".into()),
    }
}

fn parse_day(year: i32, month: MonthPart, s: &str) -> Result<Within, String> {
    let unspecified = s.eq_ignore_ascii_case("XX");
    match month {
        MonthPart::Season(_) => Err("после времени года (21–24) день не указывается".into()),
        MonthPart::Unspecified if unspecified => Ok(Within::UnspecifiedMonthAndDay),
        MonthPart::Unspecified => {
            Err("если месяц неизвестен (XX), день тоже записывается как XX: 1941-XX-XX".into())
        }
        MonthPart::Month(m) if unspecified => Ok(Within::UnspecifiedDay(m)),
        MonthPart::Month(m) => {
            let day = two_digits(s).ok_or_else(|| {
                if s.contains(['X', 'x']) {
                    "день либо указывается полностью, либо заменяется на XX".to_string()
                } else {
                    "день записывается двумя цифрами, от 01 до 31".to_string()
                }
            })?;
            let max = days_in_month(year, m);
            if day == 0 || day > 31 {
                return Err("день должен быть от 01 до 31".into());
            }
            if day > max {
                let mut reason = format!(
                    "в {} {} {} {}",
                    RU_MONTHS_PREP[usize::from(m - 1)],
                    ru_year(year),
                    max,
                    if max == 31 { "день" } else { "дней" }
                );
                if m == 2 && day == 29 {
                    reason.push_str(&format!(" ({} — не високосный год)", ru_year_number(year)));
                }
                return Err(reason);
            }
            Ok(Within::Day(m, day))
        }
    }
}

fn two_digits(s: &str) -> Option<u8> {
    if s.len() == 2 && s.bytes().all(|c| c.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------------
// Russian wording

const RU_MONTHS_NOM: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];
const RU_MONTHS_GEN: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
/// «в январе» … «в декабре»: the month's name after «в» (`month` 1–12; out of range gives "").
pub fn month_prepositional_ru(month: u8) -> &'static str {
    usize::from(month)
        .checked_sub(1)
        .and_then(|i| RU_MONTHS_PREP.get(i))
        .copied()
        .unwrap_or("")
}

const RU_MONTHS_PREP: [&str; 12] = [
    "январе",
    "феврале",
    "марте",
    "апреле",
    "мае",
    "июне",
    "июле",
    "августе",
    "сентябре",
    "октябре",
    "ноябре",
    "декабре",
];
const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_index(m: u8) -> usize {
    usize::from(m.clamp(1, 12) - 1)
}

/// The year as a reader counts it: astronomical 0 is 1 BC.
fn ru_year_number(year: i32) -> String {
    if year >= 1 {
        year.to_string()
    } else {
        format!("{} г. до н. э.", 1 - year)
    }
}

/// «1941 г.», «501 г. до н. э.»
fn ru_year(year: i32) -> String {
    if year >= 1 {
        format!("{year} г.")
    } else {
        ru_year_number(year)
    }
}

fn roman(mut n: i32) -> String {
    const TABLE: [(i32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, letters) in TABLE {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

/// «зима 1942/43 г.»: winter straddles two years, so both are named, the second shortened when
/// it shares the century.
fn winter_years(year: i32) -> (String, String) {
    let next = year + 1;
    if year >= 1 && year / 100 == next / 100 {
        (year.to_string(), format!("{:02}", next % 100))
    } else {
        (year.to_string(), next.to_string())
    }
}

/// The date without qualifiers; `genitive` is for «около», «с», «до».
fn ru_core(d: &Date, genitive: bool) -> String {
    let y = d.year.value;
    match d.within {
        Within::WholeYear | Within::UnspecifiedMonth | Within::UnspecifiedMonthAndDay => {
            match d.year.unspecified {
                0 => ru_year(y),
                1 => format!("{y}-{} гг.", if genitive { "х" } else { "е" }),
                _ => format!("{} в.", roman(y / 100 + 1)),
            }
        }
        Within::Month(m) | Within::UnspecifiedDay(m) => {
            let names = if genitive {
                &RU_MONTHS_GEN
            } else {
                &RU_MONTHS_NOM
            };
            format!("{} {}", names[month_index(m)], ru_year(y))
        }
        Within::Day(m, day) => format!("{day} {} {}", RU_MONTHS_GEN[month_index(m)], ru_year(y)),
        Within::Season(s) => {
            let name = match (s, genitive) {
                (Season::Spring, false) => "весна",
                (Season::Spring, true) => "весны",
                (Season::Summer, false) => "лето",
                (Season::Summer, true) => "лета",
                (Season::Autumn, false) => "осень",
                (Season::Autumn, true) => "осени",
                (Season::Winter, false) => "зима",
                (Season::Winter, true) => "зимы",
            };
            if s == Season::Winter && y >= 1 {
                let (a, b) = winter_years(y);
                format!("{name} {a}/{b} г.")
            } else {
                format!("{name} {}", ru_year(y))
            }
        }
    }
}

fn ru_single(d: &Date) -> String {
    match (d.qualifier.uncertain, d.qualifier.approximate) {
        (false, false) => ru_core(d, false),
        (false, true) => format!("около {}", ru_core(d, true)),
        (true, false) => format!("предположительно {}", ru_core(d, false)),
        (true, true) => format!("предположительно около {}", ru_core(d, true)),
    }
}

/// After a preposition «около» cannot follow («с около» is wrong), so approximation becomes
/// «примерно» placed before the preposition.
fn ru_after(preposition: &str, d: &Date) -> String {
    let mut out = String::new();
    if d.qualifier.uncertain {
        out.push_str("предположительно ");
    }
    if d.qualifier.approximate {
        out.push_str("примерно ");
    }
    out.push_str(preposition);
    out.push(' ');
    out.push_str(&ru_core(d, true));
    out
}

fn ru_pair(a: &Date, b: &Date) -> String {
    if a == b {
        return ru_single(a);
    }
    if a.is_plain() && b.is_plain() {
        let (ya, yb) = (a.year.value, b.year.value);
        match (a.within, b.within) {
            (Within::WholeYear, Within::WholeYear) => return format!("{ya}–{yb}"),
            (Within::Day(ma, da), Within::Day(mb, db)) if ya == yb && ma == mb => {
                return format!(
                    "{da}–{db} {} {}",
                    RU_MONTHS_GEN[month_index(ma)],
                    ru_year(ya)
                );
            }
            (Within::Day(ma, da), Within::Day(mb, db)) if ya == yb => {
                return format!(
                    "{da} {} – {db} {} {}",
                    RU_MONTHS_GEN[month_index(ma)],
                    RU_MONTHS_GEN[month_index(mb)],
                    ru_year(ya)
                );
            }
            (Within::Month(ma), Within::Month(mb)) if ya == yb => {
                return format!(
                    "{} – {} {}",
                    RU_MONTHS_NOM[month_index(ma)],
                    RU_MONTHS_NOM[month_index(mb)],
                    ru_year(ya)
                );
            }
            _ => {}
        }
    }
    format!("{} – {}", ru_single(a), ru_single(b))
}

// ---------------------------------------------------------------------------------------------
// English wording

fn en_year(year: i32) -> String {
    if year >= 1 {
        year.to_string()
    } else {
        format!("{} BC", 1 - year)
    }
}

fn ordinal(n: i32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The date without qualifiers, and whether English wants "the" before it in running text.
fn en_core(d: &Date) -> (String, bool) {
    let y = d.year.value;
    match d.within {
        Within::WholeYear | Within::UnspecifiedMonth | Within::UnspecifiedMonthAndDay => {
            match d.year.unspecified {
                0 => (en_year(y), false),
                1 => (format!("{y}s"), true),
                _ => (format!("{} century", ordinal(y / 100 + 1)), true),
            }
        }
        Within::Month(m) | Within::UnspecifiedDay(m) => (
            format!("{} {}", EN_MONTHS[month_index(m)], en_year(y)),
            false,
        ),
        Within::Day(m, day) => (
            format!("{day} {} {}", EN_MONTHS[month_index(m)], en_year(y)),
            false,
        ),
        Within::Season(s) => {
            let text = match s {
                Season::Spring => format!("spring {}", en_year(y)),
                Season::Summer => format!("summer {}", en_year(y)),
                Season::Autumn => format!("autumn {}", en_year(y)),
                Season::Winter if y >= 1 => {
                    let (a, b) = winter_years(y);
                    format!("winter {a}/{b}")
                }
                Season::Winter => format!("winter {}", en_year(y)),
            };
            (text, false)
        }
    }
}

/// `in_sentence` adds the article a decade or century needs after a preposition.
fn en_single(d: &Date, in_sentence: bool) -> String {
    let (core, wants_article) = en_core(d);
    let article = if wants_article && (in_sentence || d.qualifier.approximate) {
        "the "
    } else {
        ""
    };
    let mut out = String::new();
    if d.qualifier.approximate {
        out.push_str("about ");
    }
    out.push_str(article);
    out.push_str(&core);
    if d.qualifier.uncertain {
        out.push_str(" (?)");
    }
    out
}

fn en_pair(a: &Date, b: &Date) -> String {
    if a == b {
        return en_single(a, false);
    }
    if a.is_plain() && b.is_plain() {
        let (ya, yb) = (a.year.value, b.year.value);
        match (a.within, b.within) {
            (Within::WholeYear, Within::WholeYear) => return format!("{ya}–{yb}"),
            (Within::Day(ma, da), Within::Day(mb, db)) if ya == yb && ma == mb => {
                return format!("{da}–{db} {} {ya}", EN_MONTHS[month_index(ma)]);
            }
            (Within::Day(ma, da), Within::Day(mb, db)) if ya == yb => {
                return format!(
                    "{da} {} – {db} {} {ya}",
                    EN_MONTHS[month_index(ma)],
                    EN_MONTHS[month_index(mb)]
                );
            }
            (Within::Month(ma), Within::Month(mb)) if ya == yb => {
                return format!(
                    "{} – {} {ya}",
                    EN_MONTHS[month_index(ma)],
                    EN_MONTHS[month_index(mb)]
                );
            }
            _ => {}
        }
    }
    format!("{} – {}", en_single(a, false), en_single(b, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Edtf {
        match Edtf::parse(s) {
            Ok(e) => e,
            Err(e) => panic!("{s:?} should parse: {e}"),
        }
    }

    fn err(s: &str) -> String {
        match Edtf::parse(s) {
            Ok(e) => panic!("{s:?} should be rejected, got {e:?}"),
            Err(e) => e.message,
        }
    }

    fn bounds(s: &str) -> (Option<DayKey>, Option<DayKey>) {
        let e = p(s);
        (e.lower(), e.upper())
    }

    // --- level 0 ------------------------------------------------------------------------------

    #[test]
    fn level0_precisions_and_bounds() {
        assert_eq!(bounds("1941"), (Some(19410101), Some(19411231)));
        assert_eq!(bounds("1941-11"), (Some(19411101), Some(19411130)));
        assert_eq!(bounds("1942-03"), (Some(19420301), Some(19420331)));
        assert_eq!(bounds("1941-11-23"), (Some(19411123), Some(19411123)));
        assert_eq!(bounds("0000"), (Some(101), Some(1231)));
    }

    #[test]
    fn february_follows_leap_years() {
        assert_eq!(bounds("1944-02"), (Some(19440201), Some(19440229)));
        assert_eq!(bounds("1942-02"), (Some(19420201), Some(19420228)));
        assert_eq!(bounds("1900-02").1, Some(19000228));
        assert_eq!(bounds("2000-02").1, Some(20000229));
        assert!(Edtf::parse("1944-02-29").is_ok());
        assert!(Edtf::parse("2000-02-29").is_ok());
        let m = err("1942-02-29");
        assert!(m.contains("в феврале 1942 г. 28 дней"), "{m}");
        assert!(m.contains("не високосный"), "{m}");
        assert!(Edtf::parse("1900-02-29").is_err());
    }

    #[test]
    fn month_and_day_are_validated() {
        let m = err("1941-13");
        assert_eq!(
            m,
            "Неверная дата «1941-13»: месяц должен быть от 01 до 12 (или от 21 до 24 для времён \
             года). Примеры: 1941-11-23, 1942-03~, 1943?, 1941/1945, 194X."
        );
        assert!(err("1941-00").contains("от 01 до 12"));
        assert!(err("1941-1").contains("двумя цифрами"));
        assert!(err("1941-11-00").contains("от 01 до 31"));
        assert!(err("1941-11-32").contains("от 01 до 31"));
        let m = err("1941-11-31");
        assert!(m.contains("в ноябре 1941 г. 30 дней"), "{m}");
        assert!(m.contains("Примеры: 1941-11-23"), "{m}");
        assert!(err("1941-04-31").contains("в апреле 1941 г. 30 дней"));
        assert!(Edtf::parse("1941-12-31").is_ok());
        assert!(Edtf::parse("1941-06-31").is_err());
    }

    #[test]
    fn intervals_level0() {
        assert_eq!(bounds("1941/1945"), (Some(19410101), Some(19451231)));
        assert_eq!(
            bounds("1941-06-22/1945-05-09"),
            (Some(19410622), Some(19450509))
        );
        assert_eq!(bounds("1941/1945-05"), (Some(19410101), Some(19450531)));
        assert_eq!(bounds("1941-06/1941"), (Some(19410601), Some(19411231)));
        assert!(p("1941/1945").is_interval());
        assert!(!p("1941").is_interval());
        assert_eq!(p("1941/1941").to_russian(), "1941 г.");
    }

    #[test]
    fn interval_start_must_not_follow_end() {
        let m = err("1945/1941");
        assert!(m.contains("начало интервала позже конца"), "{m}");
        assert!(m.starts_with("Неверная дата «1945/1941»"), "{m}");
        assert!(Edtf::parse("1941-12/1941-11").is_err());
        assert!(Edtf::parse("1941-11-24/1941-11-23").is_err());
        assert!(Edtf::parse("1941-11-23/1941-11-23").is_ok());
    }

    #[test]
    fn rejects_times_and_garbage_with_russian_reasons() {
        assert!(err("").starts_with("Дата не указана. Примеры:"));
        assert!(err("   ").starts_with("Дата не указана."));
        assert!(err("1941-11-23T10:00:00").contains("время суток не поддерживается"));
        assert!(err("вчера").contains("непонятный символ «в»"));
        assert!(err("1941 год").contains("непонятный символ"));
        assert!(err("41").contains("четырьмя цифрами"));
        assert!(err("19411").contains("четырьмя цифрами"));
        assert!(err("1941-11-23-01").contains("слишком много частей"));
        assert!(err("1941--11").contains("дефис"));
        assert!(err("1941-").contains("дефис"));
        assert!(err("1941/1942/1943").contains("одна косая черта"));
        assert!(err("/").contains("хотя бы один конец"));
        assert!(err("../..").contains("хотя бы один конец"));
        assert!(err("..").contains("открытый конец"));
        assert!(err("1941–1945").contains("через косую черту: 1941/1945"));
        assert!(err("1941-1945").contains("через косую черту"));
        assert!(err("23.11.1941").contains("1941-11-23"));
        assert!(err("1.5.1945").contains("1945-05-01"));
        assert!(err("[1941,1942]").contains("не поддерживаются"));
        assert!(err("19 41").contains("пробел"));
    }

    #[test]
    fn letter_prefixed_years_are_rejected_clearly() {
        assert!(err("Y-12000").contains("префиксом Y"));
        assert!(err("Y170000002").contains("префиксом Y"));
        assert!(err("1941/Y170000002").contains("префиксом Y"));
    }

    #[test]
    fn canonical_text_is_trimmed_and_upper_cased() {
        assert_eq!(p("  1941-11-23 ").as_str(), "1941-11-23");
        assert_eq!(p("194x").as_str(), "194X");
        assert_eq!(p("1941-xx-Xx").as_str(), "1941-XX-XX");
        assert_eq!(p("1941 / 1945").as_str(), "1941/1945");
        assert_eq!(p("1941/..").as_str(), "1941/..");
        assert_eq!(p("/1945").as_str(), "/1945");
        assert_eq!(p("1941~/1942-03?").as_str(), "1941~/1942-03?");
        assert_eq!(p("1941").to_string(), "1941");
        assert_eq!(
            "1943?".parse::<Edtf>().map(|e| e.to_string()),
            Ok("1943?".into())
        );
    }

    // --- level 1 ------------------------------------------------------------------------------

    #[test]
    fn qualifiers_are_recorded_and_do_not_move_bounds() {
        let e = p("1943?");
        assert!(e.is_uncertain() && !e.is_approximate());
        assert_eq!((e.lower(), e.upper()), (Some(19430101), Some(19431231)));
        let e = p("1942-03~");
        assert!(e.is_approximate() && !e.is_uncertain());
        assert_eq!((e.lower(), e.upper()), (Some(19420301), Some(19420331)));
        let e = p("1941-11-23%");
        assert!(e.is_approximate() && e.is_uncertain());
        assert_eq!(e.lower(), Some(19411123));
        assert!(!p("1941").is_approximate() && !p("1941").is_uncertain());
        let e = p("1941~/1942-03?");
        assert!(e.is_approximate() && e.is_uncertain());
        assert_eq!((e.lower(), e.upper()), (Some(19410101), Some(19420331)));
    }

    #[test]
    fn misplaced_or_doubled_qualifiers_are_rejected() {
        assert!(err("1943?~").contains("в конце даты"));
        assert!(err("?1943").contains("в конце даты"));
        assert!(err("1943?-03").contains("в конце даты"));
        assert!(err("?").contains("нет даты"));
    }

    #[test]
    fn unspecified_digits() {
        assert_eq!(bounds("194X"), (Some(19400101), Some(19491231)));
        assert_eq!(bounds("19XX"), (Some(19000101), Some(19991231)));
        assert_eq!(bounds("1941-XX"), (Some(19410101), Some(19411231)));
        assert_eq!(bounds("1941-11-XX"), (Some(19411101), Some(19411130)));
        assert_eq!(bounds("1944-02-XX").1, Some(19440229));
        assert_eq!(bounds("1941-XX-XX"), (Some(19410101), Some(19411231)));
        assert!(err("1XXX").contains("не больше двух"));
        assert!(err("19X1").contains("только в конце года"));
        assert!(err("194X-05").contains("без месяца и дня"));
        assert!(err("1941-1X").contains("заменяется на XX"));
        assert!(err("1941-11-2X").contains("заменяется на XX"));
        assert!(err("1941-XX-23").contains("день тоже"));
        assert!(err("-194X").contains("до нашей эры"));
    }

    #[test]
    fn seasons() {
        assert_eq!(bounds("1942-21"), (Some(19420301), Some(19420531)));
        assert_eq!(bounds("1942-22"), (Some(19420601), Some(19420831)));
        assert_eq!(bounds("1942-23"), (Some(19420901), Some(19421130)));
        assert_eq!(bounds("1942-24"), (Some(19421201), Some(19430228)));
        assert_eq!(bounds("1943-24").1, Some(19440229));
        assert!(err("1942-25").contains("21 (весна)"));
        assert!(err("1942-21-01").contains("день не указывается"));
        assert!(err("1942-20").contains("от 01 до 12"));
    }

    #[test]
    fn extended_intervals() {
        let e = p("1941/..");
        assert_eq!((e.lower(), e.upper()), (Some(19410101), None));
        assert!(e.is_interval() && e.is_open_end() && !e.is_open_start());
        let e = p("../1945");
        assert_eq!((e.lower(), e.upper()), (None, Some(19451231)));
        assert!(e.is_open_start());
        assert_eq!(bounds("1941/"), (Some(19410101), None));
        assert_eq!(bounds("/1945-05-09"), (None, Some(19450509)));
        assert_eq!(p("../1945").year(), None);
        assert_eq!(p("1941-06-22/..").year(), Some(1941));
    }

    #[test]
    fn negative_years_use_astronomical_numbering() {
        let e = p("-0500");
        assert_eq!(e.as_str(), "-0500");
        assert_eq!(e.year(), Some(-500));
        assert_eq!(e.to_russian(), "501 г. до н. э.");
        assert_eq!(e.to_english(), "501 BC");
        assert_eq!(p("0000").to_russian(), "1 г. до н. э.");
        assert!(p("-0500").lower() < p("-0001").lower());
        assert!(p("-0001").upper() < p("0000").lower());
        assert!(p("-0500/0100").lower() < p("0100").lower());
        assert!(err("-0000").contains("0000"));
    }

    #[test]
    fn day_keys_round_trip_and_sort() {
        assert_eq!(day_key(1941, 11, 23), 19411123);
        assert_eq!(split_day_key(19411123), (1941, 11, 23));
        assert_eq!(split_day_key(day_key(-500, 3, 1)), (-500, 3, 1));
        assert!(day_key(-2, 12, 31) < day_key(-1, 1, 1));
        assert!(day_key(-1, 12, 31) < day_key(0, 1, 1));
        assert_eq!(p("1942-21").year(), Some(1942));
    }

    // --- wording ------------------------------------------------------------------------------

    #[test]
    fn russian_single_dates() {
        let cases = [
            ("1941-11-23", "23 ноября 1941 г."),
            ("1941-11", "ноябрь 1941 г."),
            ("1941", "1941 г."),
            ("1942-03~", "около марта 1942 г."),
            ("1943~", "около 1943 г."),
            ("1941-11-23~", "около 23 ноября 1941 г."),
            ("1943?", "предположительно 1943 г."),
            ("1942-05?", "предположительно май 1942 г."),
            ("1943%", "предположительно около 1943 г."),
            ("194X", "1940-е гг."),
            ("194X~", "около 1940-х гг."),
            ("19XX", "XX в."),
            ("18XX", "XIX в."),
            ("1941-XX", "1941 г."),
            ("1941-XX-XX", "1941 г."),
            ("1941-11-XX", "ноябрь 1941 г."),
            ("1942-21", "весна 1942 г."),
            ("1942-22", "лето 1942 г."),
            ("1942-23", "осень 1942 г."),
            ("1942-24", "зима 1942/43 г."),
            ("1999-24", "зима 1999/2000 г."),
            ("1942-21~", "около весны 1942 г."),
            ("1942-24~", "около зимы 1942/43 г."),
            ("0862", "862 г."),
        ];
        for (input, want) in cases {
            assert_eq!(p(input).to_russian(), want, "{input}");
        }
    }

    #[test]
    fn russian_intervals() {
        let cases = [
            ("1941/1945", "1941–1945"),
            ("1941-10-16/1941-10-20", "16–20 октября 1941 г."),
            ("1941-10-16/1941-12-05", "16 октября – 5 декабря 1941 г."),
            ("1941-06-22/1945-05-09", "22 июня 1941 г. – 9 мая 1945 г."),
            ("1941-10/1941-12", "октябрь – декабрь 1941 г."),
            ("1941-10/1942-01", "октябрь 1941 г. – январь 1942 г."),
            ("1941/1945-05", "1941 г. – май 1945 г."),
            (
                "1941~/1942-03?",
                "около 1941 г. – предположительно март 1942 г.",
            ),
            (
                "1941-10-16~/1941-10-20",
                "около 16 октября 1941 г. – 20 октября 1941 г.",
            ),
            ("1941/..", "с 1941 г."),
            ("1941-11/..", "с ноября 1941 г."),
            ("1942-21/..", "с весны 1942 г."),
            ("../1945", "до 1945 г."),
            ("../1945-05-09", "до 9 мая 1945 г."),
            ("1941/", "с 1941 г. (окончание неизвестно)"),
            ("/1945", "до 1945 г. (начало неизвестно)"),
            ("1941~/..", "примерно с 1941 г."),
            ("1941%/..", "предположительно примерно с 1941 г."),
            ("194X/1945", "1940-е гг. – 1945 г."),
            ("../1945?", "предположительно до 1945 г."),
            ("../19XX", "до XX в."),
            ("1942-24/..", "с зимы 1942/43 г."),
        ];
        for (input, want) in cases {
            assert_eq!(p(input).to_russian(), want, "{input}");
        }
    }

    #[test]
    fn english_wording() {
        let cases = [
            ("1941-11-23", "23 November 1941"),
            ("1941-11", "November 1941"),
            ("1941", "1941"),
            ("1942-03~", "about March 1942"),
            ("1943?", "1943 (?)"),
            ("1943%", "about 1943 (?)"),
            ("194X", "1940s"),
            ("194X~", "about the 1940s"),
            ("19XX", "20th century"),
            ("20XX", "21st century"),
            ("1942-21", "spring 1942"),
            ("1942-24", "winter 1942/43"),
            ("1941/1945", "1941–1945"),
            ("1941-10-16/1941-10-20", "16–20 October 1941"),
            ("1941-10-16/1941-12-05", "16 October – 5 December 1941"),
            ("1941-06-22/1945-05-09", "22 June 1941 – 9 May 1945"),
            ("1941-10/1941-12", "October – December 1941"),
            ("1941/..", "from 1941"),
            ("194X/..", "from the 1940s"),
            ("../1945", "until 1945"),
            ("1941/", "from 1941 (end unknown)"),
            ("/1945", "until 1945 (start unknown)"),
            ("1941~/1942-03?", "about 1941 – March 1942 (?)"),
            ("1941~/..", "from about 1941"),
            ("../19XX?", "until the 20th century (?)"),
            ("1999-24", "winter 1999/2000"),
        ];
        for (input, want) in cases {
            assert_eq!(p(input).to_english(), want, "{input}");
        }
    }

    #[test]
    fn ordinals_and_roman_numerals() {
        assert_eq!(ordinal(1), "1st");
        assert_eq!(ordinal(2), "2nd");
        assert_eq!(ordinal(3), "3rd");
        assert_eq!(ordinal(11), "11th");
        assert_eq!(ordinal(12), "12th");
        assert_eq!(ordinal(20), "20th");
        assert_eq!(ordinal(22), "22nd");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(19), "XIX");
        assert_eq!(roman(21), "XXI");
    }

    // --- serde --------------------------------------------------------------------------------

    #[test]
    fn serde_uses_canonical_text_and_validates() {
        let e = p(" 194x ");
        assert_eq!(serde_json::to_string(&e).ok(), Some("\"194X\"".to_string()));
        let back: Result<Edtf, _> = serde_json::from_str("\"1941-11-23%\"");
        assert_eq!(back.ok(), Some(p("1941-11-23%")));
        let bad: Result<Edtf, _> = serde_json::from_str("\"1941-13\"");
        let message = bad.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            message.contains("месяц должен быть от 01 до 12"),
            "{message}"
        );
    }

    #[test]
    fn error_displays_its_message() {
        let e = Edtf::parse("1941-13").err();
        let shown = e.as_ref().map(|e| e.to_string());
        assert_eq!(shown, e.map(|e| e.message));
    }
}
