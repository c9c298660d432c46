//! Where each roadmap activity stands (issue #18): its status, the person responsible for it,
//! and what is due by which quarter — so the coordination council tracks deadlines rather than
//! reading free text. Figures come from the work itself (the web's `council_figures`); this is
//! what the council decides and records.

use crate::validation::{Checker, Invalid};
use serde::{Deserialize, Serialize};

/// How an activity is going, as the council judges it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ActivityStatus {
    #[default]
    NotStarted,
    InProgress,
    Done,
    /// Late or stuck: the council's attention.
    Behind,
}

impl ActivityStatus {
    pub const ALL: [ActivityStatus; 4] = [
        ActivityStatus::NotStarted,
        ActivityStatus::InProgress,
        ActivityStatus::Done,
        ActivityStatus::Behind,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ActivityStatus::NotStarted => "not_started",
            ActivityStatus::InProgress => "in_progress",
            ActivityStatus::Done => "done",
            ActivityStatus::Behind => "behind",
        }
    }

    pub fn from_code(code: &str) -> Option<ActivityStatus> {
        ActivityStatus::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Something due by the end of a quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    /// `2026-Q4`.
    pub quarter: String,
    pub what: String,
    pub done: bool,
}

impl Milestone {
    /// Due in a quarter that has ended, and not done.
    pub fn overdue(&self, this_quarter: &str) -> bool {
        !self.done && self.quarter.as_str() < this_quarter
    }
}

/// An activity's standing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Progress {
    pub status: ActivityStatus,
    /// Who answers for it: a name and position, as the council writes it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub responsible: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<Milestone>,
}

/// `2026-Q4`: a quarter as the council's report writes it.
pub fn is_quarter(text: &str) -> bool {
    let Some((year, q)) = text.split_once("-Q") else {
        return false;
    };
    year.len() == 4
        && year.chars().all(|c| c.is_ascii_digit())
        && matches!(q, "1" | "2" | "3" | "4")
}

impl Progress {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checker::new();
        c.max_len("responsible", &self.responsible, 200, "Ответственный");
        if self.milestones.len() > 40 {
            c.problem("milestones", "Не больше 40 сроков у одного мероприятия.");
        }
        for m in &self.milestones {
            if !is_quarter(&m.quarter) {
                c.problem(
                    "milestones",
                    format!(
                        "Срок «{}»: квартал пишется как 2026-Q4 (год, -Q и номер квартала).",
                        m.quarter
                    ),
                );
            }
            if m.what.trim().is_empty() {
                c.problem(
                    "milestones",
                    "У каждого срока должно быть сказано, что к нему сделать.",
                );
            }
            c.max_len("milestones", &m.what, 300, "Что сделать к сроку");
        }
        c.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milestones_are_quarters_with_a_task_and_fall_overdue_after_their_quarter() {
        let m = Milestone {
            quarter: "2026-Q3".into(),
            what: "Медиаплан на 4 квартал".into(),
            done: false,
        };
        assert!(m.overdue("2026-Q4"));
        assert!(!m.overdue("2026-Q3"));
        assert!(
            !Milestone {
                done: true,
                ..m.clone()
            }
            .overdue("2027-Q1")
        );
        let good = Progress {
            status: ActivityStatus::InProgress,
            responsible: "Белова И., пресс-служба".into(),
            milestones: vec![m],
        };
        assert!(good.validate().is_ok());
        let bad = Progress {
            milestones: vec![Milestone {
                quarter: "IV 2026".into(),
                what: String::new(),
                done: false,
            }],
            ..good
        };
        let problems = bad.validate().unwrap_err().to_string();
        assert!(
            problems.contains("2026-Q4") && problems.contains("что к нему"),
            "{problems}"
        );
        assert!(is_quarter("2027-Q1") && !is_quarter("2027-Q5") && !is_quarter("27-Q1"));
    }
}
