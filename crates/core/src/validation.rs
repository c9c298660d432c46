//! Validation problems: which field is wrong and why, in Russian, so that the CLI, the pages and
//! the API can all say the same thing.

use serde::Serialize;
use std::fmt;

/// One thing wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Machine name of the field (`surname`, `birth`, `relation.type`…).
    pub field: String,
    /// What is wrong and what to do, in Russian.
    pub message: String,
}

/// A record that cannot be saved, with every problem found (not just the first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
pub struct Invalid {
    pub problems: Vec<Problem>,
}

impl Invalid {
    pub fn one(field: &str, message: impl Into<String>) -> Invalid {
        Invalid {
            problems: vec![Problem {
                field: field.into(),
                message: message.into(),
            }],
        }
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .problems
            .iter()
            .map(|p| format!("{}: {}", p.field, p.message))
            .collect();
        f.write_str(&parts.join("; "))
    }
}

/// Collects problems while a record is checked.
#[derive(Debug, Default)]
pub struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn problem(&mut self, field: &str, message: impl Into<String>) {
        self.problems.push(Problem {
            field: field.into(),
            message: message.into(),
        });
    }

    pub fn require(&mut self, field: &str, value: &str, what: &str) {
        if value.trim().is_empty() {
            self.problem(field, format!("Заполните поле «{what}»."));
        }
    }

    pub fn max_len(&mut self, field: &str, value: &str, max: usize, what: &str) {
        let n = value.chars().count();
        if n > max {
            self.problem(
                field,
                format!("Поле «{what}» слишком длинное: {n} знаков при пределе {max}."),
            );
        }
    }

    pub fn finish(self) -> Result<(), Invalid> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(Invalid {
                problems: self.problems,
            })
        }
    }
}
