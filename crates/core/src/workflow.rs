//! The editorial workflow: draft → in review → published → withdrawn.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Workflow {
    #[default]
    Draft,
    InReview,
    Published,
    Withdrawn,
}

/// Why a workflow step is refused, in Russian.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StepRefused {
    #[error("Нельзя перевести запись из состояния «{}» в «{}».", .from.label_ru(), .to.label_ru())]
    NotAllowed { from: Workflow, to: Workflow },
    #[error(
        "Нельзя опубликовать собственную правку: её должен проверить другой участник рабочей группы."
    )]
    OwnWork,
}

impl Workflow {
    pub const ALL: [Workflow; 4] = [
        Workflow::Draft,
        Workflow::InReview,
        Workflow::Published,
        Workflow::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Workflow::Draft => "draft",
            Workflow::InReview => "in_review",
            Workflow::Published => "published",
            Workflow::Withdrawn => "withdrawn",
        }
    }

    pub fn from_code(code: &str) -> Option<Workflow> {
        Workflow::ALL.into_iter().find(|w| w.code() == code)
    }

    pub fn label_ru(self) -> &'static str {
        match self {
            Workflow::Draft => "черновик",
            Workflow::InReview => "на проверке",
            Workflow::Published => "опубликовано",
            Workflow::Withdrawn => "снято",
        }
    }

    /// Checks a step. `by_author` says whether the person taking the step is the one who last
    /// submitted the record for review: nobody approves their own work for publication.
    pub fn step(self, to: Workflow, by_author: bool) -> Result<Workflow, StepRefused> {
        use Workflow::*;
        let allowed = matches!(
            (self, to),
            (Draft, InReview)
                | (InReview, Draft)
                | (InReview, Published)
                | (Published, Withdrawn)
                | (Published, Draft)
                | (Withdrawn, Draft)
                | (Withdrawn, InReview)
        );
        if !allowed {
            return Err(StepRefused::NotAllowed { from: self, to });
        }
        if to == Published && by_author {
            return Err(StepRefused::OwnWork);
        }
        Ok(to)
    }
}

#[cfg(test)]
mod tests {
    use super::Workflow::*;
    use super::*;

    #[test]
    fn review_then_publish_by_someone_else() {
        assert_eq!(Draft.step(InReview, true), Ok(InReview));
        assert_eq!(InReview.step(Published, false), Ok(Published));
    }

    #[test]
    fn nobody_publishes_own_work() {
        assert_eq!(InReview.step(Published, true), Err(StepRefused::OwnWork));
    }

    #[test]
    fn drafts_cannot_skip_review() {
        assert!(matches!(
            Draft.step(Published, false),
            Err(StepRefused::NotAllowed { .. })
        ));
    }

    #[test]
    fn withdrawal_only_from_published() {
        assert_eq!(Published.step(Withdrawn, true), Ok(Withdrawn));
        assert!(Draft.step(Withdrawn, false).is_err());
    }
}
