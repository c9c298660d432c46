//! People who work in the studio: their roles, what each role may do, and how a signed-in person
//! becomes a [`Viewer`] of the one access gate. Plain rules, no I/O: the store keeps accounts and
//! the web layer checks passwords and sessions.

use crate::access::{Viewer, ViewerRole};
use crate::ids::{GroupId, UserId};
use crate::validation::Invalid;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What a person does in the project (the roadmap's working groups and council). A person may
/// hold several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    /// A member of the coordination council.
    Coordinator,
    GroupLead,
    /// Experts, local historians, editors: they check facts and publish.
    Expert,
    Volunteer,
    Teacher,
    Psychologist,
    /// The press office (Information policy office): the media plan and press kits.
    Press,
    /// A resident who tells about a relative.
    Contributor,
}

/// What a studio page or action needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// Enter the studio, write and edit drafts.
    Edit,
    /// Review others' work: comment, return, publish, withdraw.
    Review,
    /// The council's report and the roadmap.
    Council,
    /// Working groups: members and responsible people.
    ManageGroups,
    /// Accounts, roles, invitations and the audit log.
    Administer,
    /// Plan the oral-history work («Живые голоса», issue #6): every narrator's private contacts,
    /// every interview project, who interviews whom and with which psychologist. Others see a
    /// project, and its narrator's contacts, only when assigned to it as its interviewer or
    /// psychologist (`studio::oral` decides that from the project's data).
    CoordinateInterviews,
    /// Build lesson kits and tours, give classes links to them, drive a tour on the hall's
    /// screen (issue #17): teachers, and the museum's own people who guide excursions.
    Teach,
    /// The media plan: publications about the project, their links and reach, press kits
    /// (issue #18): the press office, and the council that steers it.
    Publicize,
}

impl Role {
    pub const ALL: [Role; 9] = [
        Role::Admin,
        Role::Coordinator,
        Role::GroupLead,
        Role::Expert,
        Role::Volunteer,
        Role::Teacher,
        Role::Psychologist,
        Role::Press,
        Role::Contributor,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Coordinator => "coordinator",
            Role::GroupLead => "group_lead",
            Role::Expert => "expert",
            Role::Volunteer => "volunteer",
            Role::Teacher => "teacher",
            Role::Psychologist => "psychologist",
            Role::Press => "press",
            Role::Contributor => "contributor",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        let code = code.trim();
        Role::ALL
            .into_iter()
            .find(|r| r.code() == code || (code == "administrator" && *r == Role::Admin))
    }

    pub fn label_ru(self) -> &'static str {
        match self {
            Role::Admin => "администратор",
            Role::Coordinator => "координационный совет",
            Role::GroupLead => "руководитель рабочей группы",
            Role::Expert => "эксперт, редактор",
            Role::Volunteer => "волонтёр",
            Role::Teacher => "учитель",
            Role::Psychologist => "психолог",
            Role::Press => "пресс-служба",
            Role::Contributor => "житель (автор рассказа)",
        }
    }

    /// The permissions the role grants on its own.
    pub fn grants(self, p: Permission) -> bool {
        use Permission::*;
        match self {
            Role::Admin => true,
            Role::Coordinator => {
                matches!(
                    p,
                    Edit | Review
                        | Council
                        | ManageGroups
                        | CoordinateInterviews
                        | Teach
                        | Publicize
                )
            }
            Role::GroupLead => matches!(p, Edit | Review | Council | Teach),
            Role::Expert => matches!(p, Edit | Review | Teach),
            // Volunteers guide the hall's excursions.
            Role::Volunteer => matches!(p, Edit | Teach),
            Role::Psychologist => p == Edit,
            // Teachers build lessons from the base but do not edit the base itself: what they
            // know of a record comes through a volunteer, as a resident's does.
            Role::Teacher => p == Teach,
            // The press office tells about the base; it does not edit it.
            Role::Press => p == Publicize,
            Role::Contributor => false,
        }
    }

    /// Whether the role makes a person museum staff for the access gate (drafts, embargoes).
    fn is_staff(self) -> bool {
        self.grants(Permission::Edit)
    }
}

/// The roles a person holds.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Roles(Vec<Role>);

impl Roles {
    pub fn new(mut roles: Vec<Role>) -> Roles {
        roles.sort();
        roles.dedup();
        Roles(roles)
    }

    pub fn has(&self, role: Role) -> bool {
        self.0.contains(&role)
    }

    pub fn may(&self, p: Permission) -> bool {
        self.0.iter().any(|r| r.grants(p))
    }

    pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
        self.0.iter().copied()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn labels_ru(&self) -> String {
        self.0
            .iter()
            .map(|r| r.label_ru())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The viewer this person is for the access gate: an administrator sees everything, staff
    /// see drafts and their groups' restricted records, everyone else is a registered reader.
    pub fn viewer(&self, user_id: UserId, groups: Vec<GroupId>) -> Viewer {
        let role = if self.has(Role::Admin) {
            ViewerRole::Admin
        } else if self.0.iter().any(|r| r.is_staff()) {
            ViewerRole::Staff
        } else {
            ViewerRole::Registered
        };
        Viewer {
            role,
            user_id: Some(user_id),
            groups,
            max_age: None,
        }
    }
}

/// An e-mail address as an account's sign-in name: trimmed, lower-cased, one `@` with text on
/// both sides and no spaces or angle brackets (which would break a mail header).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    pub fn parse(text: &str) -> Result<Email, Invalid> {
        let e = text.trim().to_lowercase();
        let bad = || {
            Invalid::one(
                "email",
                "Укажите адрес электронной почты в виде имя@домен, например volunteer@example.ru.",
            )
        };
        if e.is_empty() || e.len() > 254 {
            return Err(bad());
        }
        let (local, domain) = e.split_once('@').ok_or_else(bad)?;
        let forbidden =
            |c: char| c.is_whitespace() || c.is_control() || "<>()[],;:\"\\@".contains(c);
        if local.is_empty()
            || domain.is_empty()
            || !domain.contains('.')
            || domain.starts_with('.')
            || domain.ends_with('.')
            || local.chars().any(forbidden)
            || domain.chars().any(forbidden)
        {
            return Err(bad());
        }
        Ok(Email(e))
    }

    /// An address as the store keeps it: checked by [`Email::parse`] before it was written, so
    /// read back without a second check that a hand-edited row could fail.
    pub fn from_stored(address: String) -> Email {
        Email(address)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The shortest password accepted: long passphrases beat composition rules (NIST SP 800-63B).
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Argon2 hashes any length, but an unbounded one is a cheap way to make the server work hard.
pub const MAX_PASSWORD_CHARS: usize = 200;

pub fn check_new_password(password: &str, email: &Email) -> Result<(), Invalid> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(Invalid::one(
            "password",
            format!(
                "Пароль слишком короткий: нужно не меньше {MIN_PASSWORD_CHARS} символов. Удобно взять несколько слов подряд."
            ),
        ));
    }
    if n > MAX_PASSWORD_CHARS {
        return Err(Invalid::one(
            "password",
            format!("Пароль слишком длинный: не больше {MAX_PASSWORD_CHARS} символов."),
        ));
    }
    if password.trim().to_lowercase() == email.as_str() {
        return Err(Invalid::one(
            "password",
            "Пароль не должен совпадать с адресом почты.",
        ));
    }
    Ok(())
}

/// A working group's direction (roadmap item 1).
pub const DIRECTIONS: [(&str, &str); 6] = [
    ("living_voices", "Живые голоса"),
    ("heroes", "Герои"),
    ("documents", "Документы и фотографии"),
    ("places", "Места и памятники"),
    ("education", "Образование"),
    ("media", "Медиа"),
];

pub fn direction_label(code: &str) -> Option<&'static str> {
    DIRECTIONS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, label)| *label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_grant_what_their_work_needs() {
        let volunteer = Roles::new(vec![Role::Volunteer]);
        assert!(volunteer.may(Permission::Edit));
        assert!(!volunteer.may(Permission::Review));
        let expert = Roles::new(vec![Role::Expert, Role::Volunteer]);
        assert!(expert.may(Permission::Review));
        assert!(!expert.may(Permission::Administer));
        assert!(!Roles::new(vec![Role::Teacher]).may(Permission::Edit));
        assert!(Roles::new(vec![Role::Admin]).may(Permission::Administer));
    }

    #[test]
    fn viewers_follow_roles() {
        assert_eq!(
            Roles::new(vec![Role::Admin]).viewer(UserId(1), vec![]).role,
            ViewerRole::Admin
        );
        assert_eq!(
            Roles::new(vec![Role::Volunteer])
                .viewer(UserId(1), vec![GroupId(3)])
                .role,
            ViewerRole::Staff
        );
        assert_eq!(
            Roles::new(vec![Role::Teacher])
                .viewer(UserId(1), vec![])
                .role,
            ViewerRole::Registered
        );
        assert_eq!(
            Roles::default().viewer(UserId(1), vec![]).role,
            ViewerRole::Registered
        );
    }

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse("  Ivan@Example.RU ").map(|e| e.to_string()),
            Ok("ivan@example.ru".to_string())
        );
        for bad in [
            "",
            "ivan",
            "@example.ru",
            "ivan@",
            "ivan@localhost",
            "a b@c.ru",
            "a@b.ru>\r\nBcc: x@y.ru",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn passwords_must_be_long_and_not_the_address() {
        let email = Email::parse("ivan@example.ru").expect("valid");
        assert!(check_new_password("short", &email).is_err());
        assert!(check_new_password("ivan@example.ru", &email).is_err());
        assert!(check_new_password("три белых коня везут", &email).is_ok());
        assert!(check_new_password(&"x".repeat(201), &email).is_err());
    }

    #[test]
    fn role_codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
        assert_eq!(Role::from_code("administrator"), Some(Role::Admin));
    }
}
