//! The demo museum's working groups and the people in them (roadmap item 1: a group per
//! direction, each with a person responsible for it), so that the studio's groups page and the
//! council's report show a project at work rather than empty tables.
//!
//! The people are invented, with addresses on a reserved domain and no passwords: nobody can
//! sign in as them (an administrator who wants to can send one an invitation from the studio).
//! Kept apart from [`crate::generate`], which tests and benchmarks use as their fixture: `letopis
//! demo` adds the staff, fixtures stay without accounts.

use crate::DemoError;
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
        &[(
            "Антонова Светлана",
            "s.antonova",
            &[Role::Coordinator],
            true,
        )],
    ),
];

/// The domain of the demo's addresses: reserved, so no letter ever reaches anyone.
const DOMAIN: &str = "letopis.example";

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
            let email = Email::parse(&format!("{local}@{DOMAIN}")).map_err(StoreError::from)?;
            let user = match accounts.user_by_email(&email)? {
                Some(user) => user.id,
                None => {
                    added += 1;
                    accounts.create_user(
                        &NewUser {
                            email,
                            display_name: (*display_name).to_string(),
                            roles: roles.to_vec(),
                        },
                        None,
                    )?
                }
            };
            accounts.set_member(group, user, *responsible)?;
        }
    }
    Ok(added)
}
