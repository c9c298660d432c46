//! The content statement shown before sensitive material (DESIGN.md, «Children»): the record's
//! own note, and its age rating from 16+. The page puts the material inside a `<details>` whose
//! summary is «Продолжить», so the visitor chooses to go on, with or without JavaScript.

use crate::shell::i18n::Tr;
use letopis_core::AgeRating;
use letopis_core::record::Meta;

pub struct Statement {
    pub note: String,
    /// «Возрастное ограничение 16+: материал для посетителей от 16 лет.», empty below 16+.
    pub age: String,
    /// The visitor already continued (`ack=1`, kept by links inside the page): render it open.
    pub acknowledged: bool,
}

impl Statement {
    /// `None` when the record needs no statement.
    pub fn for_record(t: &Tr, meta: &Meta, acknowledged: bool) -> Option<Statement> {
        let note = meta
            .content_note
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty());
        let adult = meta.age_rating >= AgeRating::Sixteen;
        if note.is_none() && !adult {
            return None;
        }
        Some(Statement {
            note: note
                .map(String::from)
                .unwrap_or_else(|| t.msg("statement-default")),
            age: if adult {
                t.args(
                    "statement-age",
                    &[
                        ("rating", meta.age_rating.label().into()),
                        ("years", meta.age_rating.years().to_string().into()),
                    ],
                )
            } else {
                String::new()
            },
            acknowledged,
        })
    }
}

/// «16+» next to a title; empty for 0+.
pub fn age_badge(rating: AgeRating) -> String {
    match rating {
        AgeRating::Zero => String::new(),
        other => other.label().to_string(),
    }
}
