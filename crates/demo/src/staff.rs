//! The demo museum's working groups and the people in them (roadmap item 1: a group per
//! direction, each with a person responsible for it), so that the studio's groups page and the
//! council's report show a project at work rather than empty tables.
//!
//! The people are invented, with addresses on a reserved domain and no passwords: nobody can
//! sign in as them (an administrator who wants to can send one an invitation from the studio).
//! Kept apart from [`crate::generate`], which tests and benchmarks use as their fixture: `letopis
//! demo` adds the staff, fixtures stay without accounts.

use crate::DemoError;
use letopis_core::UserId;
use letopis_core::account::{Email, Role};
use letopis_store::StoreError;
use letopis_store::accounts::{Accounts, NewUser};

/// The group [`crate::generate`] creates for its records restricted to a working group.
const SKHODNYA_GROUP: &str = "Краеведы Сходни";

/// (group, direction, [(name, address, roles, responsible)])
type Plan = [(
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str, &'static [Role], bool)],
)];

const GROUPS: &Plan = &[
    (
        "Живые голоса Химок",
        "living_voices",
        &[
            (
                "Соколова Ирина Павловна",
                "i.sokolova",
                &[Role::GroupLead, Role::Expert],
                true,
            ),
            ("Лебедев Артём", "a.lebedev", &[Role::Volunteer], false),
            ("Никитина Дарья", "d.nikitina", &[Role::Volunteer], false),
            (
                "Белова Ольга Викторовна",
                "o.belova",
                &[Role::Psychologist],
                false,
            ),
        ],
    ),
    (
        SKHODNYA_GROUP,
        "heroes",
        &[
            (
                "Громов Виктор Семёнович",
                "v.gromov",
                &[Role::GroupLead, Role::Expert],
                true,
            ),
            ("Орлова Мария", "m.orlova", &[Role::Volunteer], false),
            ("Захаров Илья", "i.zakharov", &[Role::Volunteer], false),
        ],
    ),
    (
        "Архив и фотографии",
        "documents",
        &[
            (
                "Ковалёва Нина Андреевна",
                "n.kovaleva",
                &[Role::Expert],
                true,
            ),
            ("Орлова Мария", "m.orlova", &[Role::Volunteer], false),
        ],
    ),
    (
        "Места памяти",
        "places",
        &[
            (
                "Громов Виктор Семёнович",
                "v.gromov",
                &[Role::GroupLead, Role::Expert],
                false,
            ),
            ("Фёдоров Павел Игоревич", "p.fedorov", &[Role::Expert], true),
        ],
    ),
    (
        "Учителя истории",
        "education",
        &[
            (
                "Морозова Елена Сергеевна",
                "e.morozova",
                &[Role::Teacher],
                true,
            ),
            (
                "Киселёв Андрей Николаевич",
                "a.kiselev",
                &[Role::Teacher],
                false,
            ),
        ],
    ),
    (
        "Пресс-служба",
        "media",
        &[
            (
                "Антонова Светлана",
                "s.antonova",
                &[Role::Coordinator],
                true,
            ),
            ("Белова Ирина", "i.belova", &[Role::Press], false),
        ],
    ),
];

/// The domain of the demo's addresses: reserved, so no letter ever reaches anyone.
const DOMAIN: &str = "letopis.example";

/// The demo's teacher, the author of its lesson kits and tour (issue #17): the person
/// responsible for «Учителя истории» above.
pub(crate) const TEACHER: &str = "e.morozova";

/// The demo's press officer, who keeps its media plan (issue #18).
pub(crate) const PRESS: &str = "i.belova";

/// Creates the working groups that do not exist yet and their members; returns how many people
/// were added. Run again over the same base, it adds nobody twice.
pub fn add_working_groups(accounts: &dyn Accounts) -> Result<usize, DemoError> {
    let mut added = 0;
    for (name, direction, members) in GROUPS {
        let existing = accounts.groups()?.into_iter().find(|g| g.name == *name);
        let group = match existing {
            Some(g) => g.id,
            None => accounts.create_group(name, direction)?,
        };
        for (display_name, local, roles, responsible) in *members {
            let (user, new) = person(accounts, display_name, local, roles)?;
            added += usize::from(new);
            accounts.set_member(group, user, *responsible)?;
        }
    }
    Ok(added)
}

/// The demo's teacher ([`TEACHER`]), created if she is not there yet (without a password, as
/// everyone here); whether she is in her working group is [`add_working_groups`]'s business.
pub(crate) fn teacher(accounts: &dyn Accounts) -> Result<UserId, DemoError> {
    let (display_name, local, roles, _) = GROUPS
        .iter()
        .flat_map(|(_, _, members)| members.iter())
        .find(|(_, local, _, _)| *local == TEACHER)
        .expect("the demo teacher is among the demo's staff");
    debug_assert!(roles.contains(&Role::Teacher));
    Ok(person(accounts, display_name, local, roles)?.0)
}

/// The demo's press officer ([`PRESS`]), created if missing, the owner of its media plan.
pub(crate) fn press_officer(accounts: &dyn Accounts) -> Result<(UserId, String), DemoError> {
    let (display_name, local, roles, _) = GROUPS
        .iter()
        .flat_map(|(_, _, members)| members.iter())
        .find(|(_, local, _, _)| *local == PRESS)
        .expect("the demo's press officer is among the demo's staff");
    Ok((
        person(accounts, display_name, local, roles)?.0,
        display_name.to_string(),
    ))
}

/// The person with the address `local@DOMAIN`, created if missing; `true` when created now.
fn person(
    accounts: &dyn Accounts,
    display_name: &str,
    local: &str,
    roles: &[Role],
) -> Result<(UserId, bool), DemoError> {
    let email = Email::parse(&format!("{local}@{DOMAIN}")).map_err(StoreError::from)?;
    if let Some(user) = accounts.user_by_email(&email)? {
        return Ok((user.id, false));
    }
    let id = accounts.create_user(
        &NewUser {
            email,
            display_name: display_name.to_string(),
            roles: roles.to_vec(),
        },
        None,
    )?;
    Ok((id, true))
}
