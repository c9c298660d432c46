//! The media plan (roadmap activities 4 and 7, issue #18): the press office's quarterly plan of
//! publications about the project — on TV, in the press, on the city's and municipal
//! institutions' sites and in social networks — each tied to the records and exhibitions it
//! presents, moved from an idea to a report with its link and reach.
//!
//! A publication names records by id, never copies them: its press kit is read through the
//! access gate as the whole world may see the records today.

use crate::record::RecordId;
use crate::validation::{Checker, Invalid};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// Where a publication appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Tv,
    Radio,
    Newspaper,
    /// The city's official site.
    #[default]
    CitySite,
    /// Sites of municipal institutions: schools, libraries, culture houses.
    InstitutionSite,
    Vk,
    Telegram,
    Odnoklassniki,
    /// An event, an exhibition opening, a lecture.
    Event,
    Other,
}

impl Channel {
    pub const ALL: [Channel; 10] = [
        Channel::Tv,
        Channel::Radio,
        Channel::Newspaper,
        Channel::CitySite,
        Channel::InstitutionSite,
        Channel::Vk,
        Channel::Telegram,
        Channel::Odnoklassniki,
        Channel::Event,
        Channel::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Channel::Tv => "tv",
            Channel::Radio => "radio",
            Channel::Newspaper => "newspaper",
            Channel::CitySite => "city_site",
            Channel::InstitutionSite => "institution_site",
            Channel::Vk => "vk",
            Channel::Telegram => "telegram",
            Channel::Odnoklassniki => "odnoklassniki",
            Channel::Event => "event",
            Channel::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// Where a publication is on its way: idea → agreed → prepared → published → reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    #[default]
    Idea,
    /// Agreed with the channel (the editor, the institution).
    Agreed,
    /// Text and pictures ready.
    Prepared,
    /// Out, with its link.
    Published,
    /// Its reach typed in: counted in the council's report.
    Reported,
}

impl PlanStatus {
    pub const ALL: [PlanStatus; 5] = [
        PlanStatus::Idea,
        PlanStatus::Agreed,
        PlanStatus::Prepared,
        PlanStatus::Published,
        PlanStatus::Reported,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PlanStatus::Idea => "idea",
            PlanStatus::Agreed => "agreed",
            PlanStatus::Prepared => "prepared",
            PlanStatus::Published => "published",
            PlanStatus::Reported => "reported",
        }
    }

    pub fn from_code(code: &str) -> Option<PlanStatus> {
        PlanStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether the publication is out (its link is known).
    pub fn is_out(self) -> bool {
        self >= PlanStatus::Published
    }
}

/// One publication of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Publication {
    pub title: String,
    /// The day it is planned for (or came out).
    pub date: Option<Date>,
    pub channel: Channel,
    /// «сюжет», «статья», «пост», «интервью», «подборка»…
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub format: String,
    /// The channel's own name when it says more than the kind: «Химкинские новости».
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub outlet: String,
    /// Who is responsible for it (a name, as the plan is read by the council).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    pub status: PlanStatus,
    /// What it is timed to: «85 лет обороне Химок».
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub occasion: String,
    /// The records and exhibitions it presents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub presents: Vec<RecordId>,
    /// The address where it came out.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub link: String,
    /// Views, listeners or copies, as the channel reported them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reach: Option<u64>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Publication {
    /// Checks the plan's rules; the messages are for the press office.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checker::new();
        c.require("title", &self.title, "Тема публикации");
        c.max_len("title", &self.title, 300, "Тема публикации");
        c.max_len("format", &self.format, 100, "Формат");
        c.max_len("outlet", &self.outlet, 200, "Издание или канал");
        c.max_len("owner", &self.owner, 200, "Ответственный");
        c.max_len("occasion", &self.occasion, 300, "Повод");
        c.max_len("note", &self.note, 4000, "Заметки");
        if self.date.is_none() {
            c.problem(
                "date",
                "Укажите дату выхода (можно примерную): например, 05.12.2026.",
            );
        }
        if self.presents.len() > 50 {
            c.problem("presents", "Не больше 50 материалов в одной публикации.");
        }
        if self.status.is_out() && self.link.trim().is_empty() {
            c.problem(
                "link",
                "Вышедшую публикацию отмечают ссылкой на неё: адрес страницы, поста или выпуска.",
            );
        }
        if !self.link.trim().is_empty() && !is_web_address(&self.link) {
            c.problem(
                "link",
                "Ссылка должна начинаться с https:// или http://, например https://vk.com/wall-1_2.",
            );
        }
        if self.status == PlanStatus::Reported && self.reach.is_none() {
            c.problem(
                "reach",
                "Для отчёта укажите охват: число просмотров, слушателей или тираж.",
            );
        }
        c.finish()
    }

    /// The quarter it belongs to.
    pub fn quarter(&self) -> Option<Quarter> {
        self.date.map(Quarter::of)
    }
}

fn is_web_address(link: &str) -> bool {
    let link = link.trim();
    (link.starts_with("https://") || link.starts_with("http://"))
        && link.len() > "https://".len()
        && link.len() <= 2000
        && !link.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// A quarter of a year, as the plan and the council's report count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    pub year: i16,
    /// 1–4.
    pub number: u8,
}

impl Quarter {
    pub fn of(date: Date) -> Quarter {
        Quarter {
            year: date.year(),
            number: ((date.month() - 1) / 3 + 1) as u8,
        }
    }

    /// «2026-4», the form addresses use.
    pub fn code(self) -> String {
        format!("{}-{}", self.year, self.number)
    }

    pub fn parse(code: &str) -> Option<Quarter> {
        let (year, number) = code.trim().split_once('-')?;
        let year: i16 = year.parse().ok()?;
        let number: u8 = number.parse().ok()?;
        ((1..=4).contains(&number) && (1900..=2200).contains(&year))
            .then_some(Quarter { year, number })
    }

    /// Its first and last days.
    pub fn first_day(self) -> Date {
        Date::new(self.year, (self.number as i8 - 1) * 3 + 1, 1).expect("a quarter's first day")
    }

    pub fn last_day(self) -> Date {
        self.next()
            .first_day()
            .yesterday()
            .expect("the day before a quarter")
    }

    pub fn next(self) -> Quarter {
        if self.number == 4 {
            Quarter {
                year: self.year + 1,
                number: 1,
            }
        } else {
            Quarter {
                number: self.number + 1,
                ..self
            }
        }
    }

    pub fn previous(self) -> Quarter {
        if self.number == 1 {
            Quarter {
                year: self.year - 1,
                number: 4,
            }
        } else {
            Quarter {
                number: self.number - 1,
                ..self
            }
        }
    }

    pub fn contains(self, date: Date) -> bool {
        Quarter::of(date) == self
    }
}

/// A round anniversary in a quarter: a war event or a hero's date the press office may time a
/// publication to («85 лет обороне Химок»).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anniversary {
    pub record: RecordId,
    /// The day in the quarter.
    pub day: Date,
    /// Whole years since.
    pub years: i16,
}

/// Whether `years` is worth an occasion: every fifth year, and the first ones.
pub fn is_round(years: i16) -> bool {
    years > 0 && years % 5 == 0
}

/// The anniversary in `quarter` of something that began on `start`, if it is round.
pub fn anniversary_in(record: RecordId, start: Date, quarter: Quarter) -> Option<Anniversary> {
    let years = quarter.year - start.year();
    // 29 February is remembered on the 28th in other years.
    let day = Date::new(quarter.year, start.month(), start.day())
        .or_else(|_| Date::new(quarter.year, start.month(), 28))
        .ok()?;
    (is_round(years) && quarter.contains(day)).then_some(Anniversary { record, day, years })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn planned() -> Publication {
        Publication {
            title: "Голоса обороны: сюжет о рассказчице из Сходни".into(),
            date: Some(date(2026, 12, 5)),
            channel: Channel::Tv,
            ..Publication::default()
        }
    }

    #[test]
    fn a_publication_that_came_out_has_a_link_and_a_reported_one_its_reach() {
        assert!(planned().validate().is_ok());
        let out = Publication {
            status: PlanStatus::Published,
            ..planned()
        };
        let problems = out.validate().unwrap_err();
        assert!(problems.to_string().contains("ссылкой"), "{problems}");
        let linked = Publication {
            link: "https://vk.com/wall-1_2".into(),
            ..out
        };
        assert!(linked.validate().is_ok());
        let reported = Publication {
            status: PlanStatus::Reported,
            ..linked.clone()
        };
        assert!(
            reported
                .validate()
                .unwrap_err()
                .to_string()
                .contains("охват")
        );
        assert!(
            Publication {
                reach: Some(12_400),
                ..reported
            }
            .validate()
            .is_ok()
        );
        let bad_link = Publication {
            link: "vk.com/wall".into(),
            ..linked
        };
        assert!(
            bad_link
                .validate()
                .unwrap_err()
                .to_string()
                .contains("https://")
        );
        let undated = Publication {
            date: None,
            ..planned()
        };
        assert!(undated.validate().unwrap_err().to_string().contains("дату"));
    }

    #[test]
    fn quarters_are_read_written_and_stepped() {
        let q = Quarter::of(date(2026, 12, 5));
        assert_eq!(q.code(), "2026-4");
        assert_eq!(Quarter::parse("2026-4"), Some(q));
        assert_eq!(Quarter::parse("2026-5"), None);
        assert_eq!(Quarter::parse("abc"), None);
        assert_eq!(q.first_day(), date(2026, 10, 1));
        assert_eq!(q.last_day(), date(2026, 12, 31));
        assert_eq!(q.next().code(), "2027-1");
        assert_eq!(q.next().previous(), q);
        assert_eq!(
            Quarter::parse("2027-1").unwrap().last_day(),
            date(2027, 3, 31)
        );
    }

    #[test]
    fn round_anniversaries_fall_in_their_quarter() {
        let q = Quarter::parse("2026-4").unwrap();
        let defence = anniversary_in(RecordId(1), date(1941, 10, 16), q).unwrap();
        assert_eq!(defence.years, 85);
        assert_eq!(defence.day, date(2026, 10, 16));
        assert_eq!(anniversary_in(RecordId(1), date(1942, 11, 1), q), None);
        assert_eq!(anniversary_in(RecordId(1), date(1941, 5, 9), q), None);
    }
}
