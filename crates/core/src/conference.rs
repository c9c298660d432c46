//! The local-history conference (roadmap activity 10, issue #18), run as Indico and Open
//! Journal Systems run one: a call for papers with its sections and deadline; papers sent by
//! their authors from a public form and confirmed by e-mail; reviews by the programme committee
//! (a score, a recommendation, a comment); a decision with a letter; a place in the programme
//! (a day, a time, a section); and the proceedings, where an accepted paper becomes an item of
//! the information base (its PDF, its authors, the records it discusses).
//!
//! What an author sends is private until it is published in the proceedings: the store keeps it
//! apart from the records, and the public programme shows only accepted papers' titles, authors
//! and affiliations — which the author agreed to by sending.

use crate::edtf::Edtf;
use crate::entities::{Item, ItemType, MediaRef};
use crate::validation::{Checker, Invalid};
use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};

/// A section of the conference: its papers are heard together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Section {
    /// A short stable code (`front`, `home-front`) the papers name.
    pub key: String,
    pub title: String,
    /// Where it sits (a hall, a library's reading room).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub room: String,
}

/// A conference and its call for papers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Conference {
    /// Where it lives under `/conference` (the current one is the latest by its first day).
    pub slug: String,
    pub title: String,
    /// What the call asks about, paragraphs separated by blank lines.
    #[serde(default)]
    pub call: String,
    /// Who holds it (the Culture and Education departments).
    #[serde(default)]
    pub organizers: String,
    /// Where it is held.
    #[serde(default)]
    pub place: String,
    pub starts: Option<Date>,
    pub ends: Option<Date>,
    /// The last day papers are taken (included).
    pub deadline: Option<Date>,
    #[serde(default)]
    pub sections: Vec<Section>,
}

impl Conference {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checker::new();
        c.require("title", &self.title, "Название конференции");
        c.max_len("title", &self.title, 300, "Название конференции");
        c.max_len("call", &self.call, 20_000, "Текст приглашения");
        if !is_code(&self.slug) {
            c.problem(
                "slug",
                "Адрес конференции: строчные латинские буквы, цифры и дефисы.",
            );
        }
        match (self.starts, self.ends, self.deadline) {
            (Some(s), Some(e), Some(d)) => {
                if e < s {
                    c.problem("ends", "Последний день конференции раньше первого.");
                }
                if d > s {
                    c.problem(
                        "deadline",
                        "Приём докладов должен закончиться не позже первого дня конференции.",
                    );
                }
            }
            _ => c.problem(
                "starts",
                "Укажите дни конференции и последний день приёма докладов.",
            ),
        }
        if self.sections.is_empty() {
            c.problem("sections", "Нужна хотя бы одна секция.");
        }
        let mut keys: Vec<&str> = self.sections.iter().map(|s| s.key.as_str()).collect();
        keys.sort_unstable();
        if keys.windows(2).any(|w| w[0] == w[1]) {
            c.problem("sections", "Две секции с одним кодом.");
        }
        for s in &self.sections {
            if s.title.trim().is_empty() || !is_code(&s.key) {
                c.problem(
                    "sections",
                    "У каждой секции нужны код (латиница, цифры, дефисы) и название.",
                );
                break;
            }
        }
        c.finish()
    }

    /// Whether papers are taken on `today`.
    pub fn open_on(&self, today: Date) -> bool {
        self.deadline.is_some_and(|d| today <= d)
    }

    pub fn section(&self, key: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.key == key)
    }

    /// The conference's days, first to last.
    pub fn days(&self) -> Vec<Date> {
        let (Some(mut d), Some(last)) = (self.starts, self.ends) else {
            return Vec::new();
        };
        let mut days = Vec::new();
        while d <= last && days.len() < 14 {
            days.push(d);
            match d.tomorrow() {
                Ok(next) => d = next,
                Err(_) => break,
            }
        }
        days
    }
}

/// A slug or a section's code: lower-case Latin letters, digits and hyphens.
fn is_code(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// One author of a paper, as they give themselves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Author {
    pub name: String,
    /// School, library, museum, university; or «независимый исследователь».
    #[serde(default)]
    pub affiliation: String,
}

/// What the author sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Paper {
    pub title: String,
    pub authors: Vec<Author>,
    /// Where letters go (the first author's, or whoever sends it).
    pub email: String,
    #[serde(rename = "abstract")]
    pub summary: String,
    /// The section's key.
    pub section: String,
    /// The language the author wrote the form in: letters go in it.
    #[serde(default)]
    pub lang: String,
}

/// The longest abstract: about a page.
pub const MAX_ABSTRACT: usize = 3_000;
/// Authors of one paper.
pub const MAX_AUTHORS: usize = 6;

impl Paper {
    pub fn validate(&self, conference: &Conference) -> Result<(), Invalid> {
        let mut c = Checker::new();
        c.require("title", &self.title, "Название доклада");
        c.max_len("title", &self.title, 300, "Название доклада");
        if self.authors.iter().all(|a| a.name.trim().is_empty()) {
            c.problem("authors", "Укажите автора доклада.");
        }
        if self.authors.len() > MAX_AUTHORS {
            c.problem(
                "authors",
                format!("У доклада может быть не больше {MAX_AUTHORS} авторов."),
            );
        }
        for a in &self.authors {
            c.max_len("authors", &a.name, 200, "Имя автора");
            c.max_len("authors", &a.affiliation, 300, "Место работы или учёбы");
        }
        let email = self.email.trim();
        let at = email.find('@');
        if !at.is_some_and(|i| i > 0 && email[i + 1..].contains('.') && !email.contains(' ')) {
            c.problem(
                "email",
                "Адрес электронной почты нужен, чтобы подтвердить заявку и прислать решение.",
            );
        }
        c.require("abstract", &self.summary, "Аннотация");
        c.max_len("abstract", &self.summary, MAX_ABSTRACT, "Аннотация");
        if conference.section(&self.section).is_none() {
            c.problem("section", "Выберите секцию из списка.");
        }
        c.finish()
    }

    /// «Иванова А. П., Петров С. С.» as a byline.
    pub fn byline(&self) -> String {
        self.authors
            .iter()
            .map(|a| a.name.trim())
            .filter(|n| !n.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Where a paper is on its way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PaperStatus {
    /// Sent; the author has not yet opened the link in the letter. The committee does not
    /// see it, and it is erased after a week.
    #[default]
    Unconfirmed,
    /// Confirmed by e-mail: waits for reviewers.
    Submitted,
    /// Reviewers assigned.
    InReview,
    Accepted,
    Declined,
    /// The author took it back.
    Withdrawn,
}

impl PaperStatus {
    pub const ALL: [PaperStatus; 6] = [
        PaperStatus::Unconfirmed,
        PaperStatus::Submitted,
        PaperStatus::InReview,
        PaperStatus::Accepted,
        PaperStatus::Declined,
        PaperStatus::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PaperStatus::Unconfirmed => "unconfirmed",
            PaperStatus::Submitted => "submitted",
            PaperStatus::InReview => "in_review",
            PaperStatus::Accepted => "accepted",
            PaperStatus::Declined => "declined",
            PaperStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn from_code(code: &str) -> Option<PaperStatus> {
        PaperStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether the committee may still review and decide it.
    pub fn is_open(self) -> bool {
        matches!(self, PaperStatus::Submitted | PaperStatus::InReview)
    }
}

/// A reviewer's recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recommendation {
    Accept,
    /// Accept once the author has made the changes asked for.
    Revise,
    Decline,
}

impl Recommendation {
    pub const ALL: [Recommendation; 3] = [
        Recommendation::Accept,
        Recommendation::Revise,
        Recommendation::Decline,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Recommendation::Accept => "accept",
            Recommendation::Revise => "revise",
            Recommendation::Decline => "decline",
        }
    }

    pub fn from_code(code: &str) -> Option<Recommendation> {
        Recommendation::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// Scores run from 1 (weak) to 5 (excellent).
pub const SCORES: std::ops::RangeInclusive<u8> = 1..=5;

/// The mean of the scores given, to one decimal, or `None` before any.
pub fn mean_score(scores: impl IntoIterator<Item = u8>) -> Option<f32> {
    let (sum, n) = scores
        .into_iter()
        .fold((0u32, 0u32), |(s, n), x| (s + u32::from(x), n + 1));
    (n > 0).then(|| (sum as f32 / n as f32 * 10.0).round() / 10.0)
}

/// A paper's place in the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Slot {
    pub day: Date,
    pub start: Time,
    pub end: Time,
}

impl Slot {
    /// Checked against the conference's days.
    pub fn check(&self, conference: &Conference) -> Result<(), &'static str> {
        if !conference.days().contains(&self.day) {
            return Err("День доклада — не день конференции.");
        }
        if self.end <= self.start {
            return Err("Доклад должен закончиться позже, чем начался.");
        }
        Ok(())
    }

    /// «10:30–10:50».
    pub fn times(&self) -> String {
        format!(
            "{:02}:{:02}–{:02}:{:02}",
            self.start.hour(),
            self.start.minute(),
            self.end.hour(),
            self.end.minute()
        )
    }

    pub fn overlaps(&self, other: &Slot) -> bool {
        self.day == other.day && self.start < other.end && other.start < self.end
    }
}

/// An accepted paper as a document of the base, for the proceedings: its PDF, the abstract,
/// where and when it was read, its authors and the licence they gave (CC BY 4.0). `number` is
/// the paper's number at the conference; `day` the day it was read (or the first day).
pub fn proceedings_item(
    c: &Conference,
    paper: &Paper,
    number: i64,
    pdf_sha256: &str,
    day: Option<Date>,
) -> Item {
    let section = c
        .section(&paper.section)
        .map(|s| s.title.as_str())
        .unwrap_or_default();
    let byline = paper.byline();
    let affiliations: Vec<String> = paper
        .authors
        .iter()
        .filter(|a| !a.affiliation.trim().is_empty())
        .map(|a| format!("{} — {}", a.name.trim(), a.affiliation.trim()))
        .collect();
    let mut description = format!(
        "{}\n\nДоклад на конференции «{}»{}. Авторы: {}.",
        paper.summary.trim(),
        c.title,
        if section.is_empty() {
            String::new()
        } else {
            format!(", секция «{section}»")
        },
        byline
    );
    if !affiliations.is_empty() {
        description.push_str(&format!(" {}.", affiliations.join("; ")));
    }
    Item {
        item_type: ItemType::Document,
        title: paper.title.clone(),
        description,
        date: day.and_then(|d| Edtf::parse(&d.to_string()).ok()),
        media: vec![MediaRef {
            sha256: pdf_sha256.to_string(),
            mime: "application/pdf".into(),
            caption: Some(format!("Текст доклада: {}", paper.title)),
            alt: Some(format!("Текст доклада «{}» (PDF)", paper.title)),
            width: None,
            height: None,
        }],
        holder: byline.clone(),
        provenance: format!(
            "Труды конференции «{}». Прислан авторами (заявка № {number}), принят программным комитетом.",
            c.title
        ),
        rights: format!("CC BY 4.0 — {byline}"),
        ..Item::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, time};

    fn conference() -> Conference {
        Conference {
            slug: "chteniya-2027".into(),
            title: "Краеведческие чтения".into(),
            starts: Some(date(2027, 4, 20)),
            ends: Some(date(2027, 4, 21)),
            deadline: Some(date(2027, 3, 1)),
            sections: vec![Section {
                key: "front".into(),
                title: "Фронт".into(),
                room: String::new(),
            }],
            ..Conference::default()
        }
    }

    fn paper() -> Paper {
        Paper {
            title: "Эвакуация завода № 301".into(),
            authors: vec![Author {
                name: "Иванова Анна Петровна".into(),
                affiliation: "Школа № 5".into(),
            }],
            email: "anna@example.ru".into(),
            summary: "О том, как завод уезжал на восток.".into(),
            section: "front".into(),
            lang: "ru".into(),
        }
    }

    #[test]
    fn a_complete_conference_and_paper_are_valid() {
        conference().validate().unwrap();
        paper().validate(&conference()).unwrap();
    }

    #[test]
    fn a_deadline_after_the_first_day_is_refused() {
        let mut c = conference();
        c.deadline = Some(date(2027, 4, 22));
        let e = c.validate().unwrap_err();
        assert!(e.problems.iter().any(|p| p.field == "deadline"));
    }

    #[test]
    fn duplicate_sections_are_refused() {
        let mut c = conference();
        c.sections.push(c.sections[0].clone());
        assert!(c.validate().is_err());
    }

    #[test]
    fn a_paper_names_what_is_missing() {
        let p = Paper {
            email: "not an address".into(),
            section: "elsewhere".into(),
            ..Paper::default()
        };
        let e = p.validate(&conference()).unwrap_err();
        let fields: Vec<&str> = e.problems.iter().map(|p| p.field.as_str()).collect();
        for f in ["title", "authors", "email", "abstract", "section"] {
            assert!(fields.contains(&f), "{f} not named in {fields:?}");
        }
    }

    #[test]
    fn the_deadline_day_is_still_open() {
        let c = conference();
        assert!(c.open_on(date(2027, 3, 1)));
        assert!(!c.open_on(date(2027, 3, 2)));
    }

    #[test]
    fn slots_are_checked_against_the_days() {
        let c = conference();
        let ok = Slot {
            day: date(2027, 4, 21),
            start: time(10, 0, 0, 0),
            end: time(10, 20, 0, 0),
        };
        ok.check(&c).unwrap();
        assert_eq!(ok.times(), "10:00–10:20");
        let wrong_day = Slot {
            day: date(2027, 4, 22),
            ..ok
        };
        assert!(wrong_day.check(&c).is_err());
        let backwards = Slot {
            end: time(9, 0, 0, 0),
            ..ok
        };
        assert!(backwards.check(&c).is_err());
        let later = Slot {
            start: time(10, 10, 0, 0),
            end: time(10, 30, 0, 0),
            ..ok
        };
        assert!(ok.overlaps(&later));
    }

    #[test]
    fn the_mean_score_has_one_decimal() {
        assert_eq!(mean_score([4, 5, 5]), Some(4.7));
        assert_eq!(mean_score([]), None);
    }

    #[test]
    fn a_paper_becomes_a_document_with_its_pdf_and_licence() {
        let item = proceedings_item(&conference(), &paper(), 7, "ab", Some(date(2027, 4, 20)));
        item.validate().unwrap();
        assert_eq!(item.item_type, ItemType::Document);
        assert_eq!(item.media[0].mime, "application/pdf");
        assert!(item.description.contains("секция «Фронт»"));
        assert!(
            item.description
                .contains("Иванова Анна Петровна — Школа № 5")
        );
        assert!(item.provenance.contains("заявка № 7"));
        assert_eq!(item.rights, "CC BY 4.0 — Иванова Анна Петровна");
    }

    #[test]
    fn the_byline_joins_the_authors() {
        let mut p = paper();
        p.authors.push(Author {
            name: "Петров С. С.".into(),
            affiliation: String::new(),
        });
        assert_eq!(p.byline(), "Иванова Анна Петровна, Петров С. С.");
    }
}
