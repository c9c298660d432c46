//! Who may do what in the studio: the rules the back office applies to its own people, as plain
//! functions of a person's id and roles, so that each is tested here and written once.

use crate::account::{Permission, Role, Roles};
use crate::ids::UserId;
use crate::workflow::Workflow;

/// What a person is on one interview project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Plans every project: assigns people, sees every narrator's private data.
    Coordinator,
    /// Works on this project: moves it, ticks its checklist, writes support notes.
    Interviewer,
    /// Sees this project and its notes, and is told about signs of distress.
    Psychologist,
}

impl Standing {
    pub fn may_work(self) -> bool {
        matches!(self, Standing::Coordinator | Standing::Interviewer)
    }
}

/// Who a project names: its interviewer and its psychologist, by user id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Assigned {
    pub interviewer: Option<UserId>,
    pub psychologist: Option<UserId>,
}

/// The one rule of who stands where on a project; `None`: the project is not theirs to see.
/// A volunteer is the interviewer only on a project that names them, a psychologist likewise;
/// coordinators stand on every project.
pub fn standing(user: UserId, roles: &Roles, project: Assigned) -> Option<Standing> {
    let me = Some(user);
    if roles.may(Permission::CoordinateInterviews) {
        Some(Standing::Coordinator)
    } else if project.interviewer == me && roles.has(Role::Volunteer) {
        Some(Standing::Interviewer)
    } else if project.psychologist == me && roles.has(Role::Psychologist) {
        Some(Standing::Psychologist)
    } else {
        None
    }
}

/// Whether the person may see a narrator (and their private data): a coordinator, or someone
/// who stands on one of the narrator's projects (`projects`: those of this narrator).
pub fn may_see_narrator(
    user: UserId,
    roles: &Roles,
    projects: impl IntoIterator<Item = Assigned>,
) -> bool {
    roles.may(Permission::CoordinateInterviews)
        || projects
            .into_iter()
            .any(|p| standing(user, roles, p).is_some())
}

/// Whether the person may change a record's content: a published record changes the public
/// portal at once, so only a reviewer may edit it (others return it to draft first).
pub fn may_edit(roles: &Roles, workflow: Workflow) -> bool {
    workflow != Workflow::Published || roles.may(Permission::Review)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(r: &[Role]) -> Roles {
        Roles::new(r.to_vec())
    }

    const MINE: Assigned = Assigned {
        interviewer: Some(UserId(7)),
        psychologist: Some(UserId(8)),
    };

    #[test]
    fn a_project_is_seen_by_those_it_names_and_by_coordinators() {
        let volunteer = roles(&[Role::Volunteer]);
        assert_eq!(
            standing(UserId(7), &volunteer, MINE),
            Some(Standing::Interviewer)
        );
        assert_eq!(
            standing(UserId(9), &volunteer, MINE),
            None,
            "another volunteer's project"
        );
        let psychologist = roles(&[Role::Psychologist]);
        assert_eq!(
            standing(UserId(8), &psychologist, MINE),
            Some(Standing::Psychologist)
        );
        assert!(!Standing::Psychologist.may_work());
        // Being named is not enough without the role that goes with it.
        assert_eq!(standing(UserId(8), &volunteer, MINE), None);
        let coordinator = roles(&[Role::Coordinator]);
        assert_eq!(
            standing(UserId(1), &coordinator, MINE),
            Some(Standing::Coordinator)
        );
        assert_eq!(standing(UserId(1), &roles(&[Role::Expert]), MINE), None);
    }

    #[test]
    fn a_narrator_is_seen_only_through_their_projects() {
        let volunteer = roles(&[Role::Volunteer]);
        assert!(may_see_narrator(
            UserId(7),
            &volunteer,
            [Assigned::default(), MINE]
        ));
        assert!(!may_see_narrator(
            UserId(7),
            &volunteer,
            [Assigned::default()]
        ));
        assert!(!may_see_narrator(UserId(7), &volunteer, []));
        assert!(may_see_narrator(
            UserId(1),
            &roles(&[Role::Coordinator]),
            []
        ));
    }

    #[test]
    fn only_reviewers_edit_what_is_published() {
        let volunteer = roles(&[Role::Volunteer]);
        assert!(may_edit(&volunteer, Workflow::Draft));
        assert!(!may_edit(&volunteer, Workflow::Published));
        assert!(may_edit(&roles(&[Role::Expert]), Workflow::Published));
    }
}
