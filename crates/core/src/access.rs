//! The one access gate (DESIGN.md, invariant 1).
//!
//! Two halves, both here and nowhere else:
//! - [`Audience::of`] decides, whenever a record or a consent covering it is written, who may see
//!   the record: it folds the workflow state, the access level, the consent basis and withdrawal
//!   into one small value that the store keeps beside the record.
//! - [`Audience::admits`] decides, on every read, whether a particular viewer is in that audience
//!   today (embargoes end on their own, so time is checked at read time).
//!
//! Lists and counts are filtered by the storage engine with [`ViewerFilter`], a plain-data form of
//! `admits` that an SQL `WHERE` can apply; the store's contract tests check that both agree for
//! every viewer and every kind of audience, so the rule exists once and is enforced everywhere.

pub mod studio;

use crate::consent::ConsentBasis;
use crate::edtf::DayKey;
use crate::entities::Body;
use crate::ids::{GroupId, UserId};
use crate::record::Meta;
use crate::workflow::Workflow;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// Who a record is meant for, as set by an editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case", tag = "level", content = "groups")]
pub enum AccessLevel {
    #[default]
    Public,
    /// Anyone signed in.
    Registered,
    /// Museum staff (working-group members) only.
    Staff,
    /// Only members of the named working groups.
    Groups(Vec<GroupId>),
}

impl AccessLevel {
    pub fn label_ru(&self) -> &'static str {
        match self {
            AccessLevel::Public => "открытый доступ",
            AccessLevel::Registered => "для зарегистрированных",
            AccessLevel::Staff => "только для сотрудников",
            AccessLevel::Groups(_) => "только для отдельных рабочих групп",
        }
    }
}

/// Age rating under 436-FZ.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub enum AgeRating {
    #[default]
    #[serde(rename = "0+")]
    Zero,
    #[serde(rename = "6+")]
    Six,
    #[serde(rename = "12+")]
    Twelve,
    #[serde(rename = "16+")]
    Sixteen,
    #[serde(rename = "18+")]
    Eighteen,
}

impl AgeRating {
    pub const ALL: [AgeRating; 5] = [
        AgeRating::Zero,
        AgeRating::Six,
        AgeRating::Twelve,
        AgeRating::Sixteen,
        AgeRating::Eighteen,
    ];

    pub fn years(self) -> u8 {
        match self {
            AgeRating::Zero => 0,
            AgeRating::Six => 6,
            AgeRating::Twelve => 12,
            AgeRating::Sixteen => 16,
            AgeRating::Eighteen => 18,
        }
    }

    pub fn from_years(years: u8) -> Option<AgeRating> {
        AgeRating::ALL.into_iter().find(|a| a.years() == years)
    }

    pub fn label(self) -> &'static str {
        match self {
            AgeRating::Zero => "0+",
            AgeRating::Six => "6+",
            AgeRating::Twelve => "12+",
            AgeRating::Sixteen => "16+",
            AgeRating::Eighteen => "18+",
        }
    }

    pub fn parse(label: &str) -> Option<AgeRating> {
        AgeRating::ALL
            .into_iter()
            .find(|a| a.label() == label.trim())
    }
}

/// How far a record reaches. Ordered from the widest audience to the narrowest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reach {
    Public = 0,
    Registered = 1,
    Groups = 2,
    Staff = 3,
}

impl Reach {
    pub fn code(self) -> i64 {
        self as i64
    }

    pub fn from_code(code: i64) -> Option<Reach> {
        match code {
            0 => Some(Reach::Public),
            1 => Some(Reach::Registered),
            2 => Some(Reach::Groups),
            3 => Some(Reach::Staff),
            _ => None,
        }
    }
}

/// The audience of a record, derived from everything that governs access, kept by the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Audience {
    pub reach: Reach,
    /// Working groups admitted when `reach` is `Groups`.
    pub groups: Vec<GroupId>,
    /// Embargo: closed to all but staff before this day.
    pub open_from: Option<Date>,
    pub age_rating: crate::AgeRating,
    /// Health data (wounds, disability) may be shown publicly: only under its own consent.
    pub health_public: bool,
}

/// Why a record is not public; shown to editors so they know what to fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Closure {
    NotPublished,
    Withdrawn,
    NoConsent,
    Restricted,
    Embargoed,
}

impl Closure {
    pub fn label_ru(self) -> &'static str {
        match self {
            Closure::NotPublished => "запись не опубликована",
            Closure::Withdrawn => "запись снята с публикации",
            Closure::NoConsent => {
                "нет действующего согласия на распространение персональных данных (или решения о публичном интересе)"
            }
            Closure::Restricted => "доступ ограничен",
            Closure::Embargoed => "действует запрет на публикацию до указанной даты",
        }
    }
}

impl Audience {
    /// Decides the audience of a record from its envelope, body and the consents covering it.
    pub fn of(meta: &Meta, body: &Body, consent: &ConsentBasis) -> Audience {
        let reach = match Self::closure_at_write(meta, body, consent) {
            Some(_) => Reach::Staff,
            None => match &meta.access {
                AccessLevel::Public => Reach::Public,
                AccessLevel::Registered => Reach::Registered,
                AccessLevel::Staff => Reach::Staff,
                AccessLevel::Groups(_) => Reach::Groups,
            },
        };
        let groups = match (&meta.access, reach) {
            (AccessLevel::Groups(g), Reach::Groups) => g.clone(),
            _ => Vec::new(),
        };
        Audience {
            reach,
            groups,
            open_from: meta.embargo_until,
            age_rating: meta.age_rating,
            health_public: consent.health,
        }
    }

    /// May this viewer see the record's health data? Staff always (they edit it); everyone else
    /// only under a health consent (DESIGN.md, invariant 2).
    pub fn shows_health(&self, viewer: &Viewer) -> bool {
        matches!(viewer.role, ViewerRole::Staff | ViewerRole::Admin) || self.health_public
    }

    /// The reason a record is closed to the public regardless of its access level, if any.
    pub fn closure_at_write(meta: &Meta, body: &Body, consent: &ConsentBasis) -> Option<Closure> {
        match meta.workflow {
            Workflow::Published => {}
            Workflow::Withdrawn => return Some(Closure::Withdrawn),
            Workflow::Draft | Workflow::InReview => return Some(Closure::NotPublished),
        }
        let living = body.is_about_living();
        if body.carries_personal_data() && !consent.allows_publication(living) {
            return Some(Closure::NoConsent);
        }
        // A person is shown by name: a consent whose scope leaves the name out publishes nothing.
        if matches!(body, Body::Person(_))
            && !consent.scope(living).allows(&crate::scope::ScopeItem::Name)
        {
            return Some(Closure::NoConsent);
        }
        None
    }

    /// The gate: may this viewer see the record today?
    pub fn admits(&self, viewer: &Viewer, today: Date) -> bool {
        if viewer.role == ViewerRole::Admin {
            return true;
        }
        if let Some(max) = viewer.max_age
            && self.age_rating > max
        {
            return false;
        }
        let staff = viewer.role == ViewerRole::Staff;
        if let Some(open) = self.open_from
            && open > today
            && !staff
        {
            return false;
        }
        match self.reach {
            Reach::Public => true,
            Reach::Registered => viewer.role != ViewerRole::Anonymous,
            Reach::Groups => viewer.groups.iter().any(|g| self.groups.contains(g)),
            Reach::Staff => staff,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ViewerRole {
    Anonymous,
    Registered,
    Staff,
    Admin,
}

/// Whoever is reading: a visitor, a signed-in resident, a working-group member, an administrator;
/// a kiosk or a school lesson is a visitor with an age limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub role: ViewerRole,
    pub user_id: Option<UserId>,
    pub groups: Vec<GroupId>,
    pub max_age: Option<AgeRating>,
}

impl Viewer {
    pub fn anonymous() -> Viewer {
        Viewer {
            role: ViewerRole::Anonymous,
            user_id: None,
            groups: Vec::new(),
            max_age: None,
        }
    }

    pub fn staff(user_id: UserId, groups: Vec<GroupId>) -> Viewer {
        Viewer {
            role: ViewerRole::Staff,
            user_id: Some(user_id),
            groups,
            max_age: None,
        }
    }

    /// The museum itself, doing what it owes without anyone signed in: closing a family's
    /// story the family withdrew through its private link, summing recording hours for the
    /// council. It reads everything and is never a person's session.
    pub fn museum() -> Viewer {
        Viewer {
            role: ViewerRole::Admin,
            user_id: None,
            groups: Vec::new(),
            max_age: None,
        }
    }

    pub fn admin(user_id: UserId) -> Viewer {
        Viewer {
            role: ViewerRole::Admin,
            user_id: Some(user_id),
            groups: Vec::new(),
            max_age: None,
        }
    }

    /// The same viewer on a screen where only material up to `rating` may be shown.
    pub fn with_max_age(mut self, rating: AgeRating) -> Viewer {
        self.max_age = Some(rating);
        self
    }

    /// The plain-data form of [`Audience::admits`] for storage engines to apply in a query.
    pub fn filter(&self, today: Date) -> ViewerFilter {
        ViewerFilter {
            everything: self.role == ViewerRole::Admin,
            max_reach_without_groups: match self.role {
                ViewerRole::Anonymous => Reach::Public,
                ViewerRole::Registered => Reach::Registered,
                ViewerRole::Staff | ViewerRole::Admin => Reach::Staff,
            },
            groups: self.groups.clone(),
            ignore_embargo: matches!(self.role, ViewerRole::Staff | ViewerRole::Admin),
            today: day_key(today),
            max_age: self.max_age.unwrap_or(AgeRating::Eighteen).years(),
        }
    }
}

/// What an engine needs to filter lists and counts exactly as [`Audience::admits`] does:
///
/// ```text
/// everything
/// OR (  age_rating <= max_age
///   AND (open_from IS NULL OR open_from <= today OR ignore_embargo)
///   AND ( (reach <> Groups AND reach <= max_reach_without_groups)
///      OR (reach = Groups AND record shares a group with `groups`) ))
/// ```
///
/// Note that a staff viewer (max reach Staff) also passes `reach <= Staff` for *non-group*
/// records only; group-restricted records need a shared group, as in `admits`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewerFilter {
    pub everything: bool,
    pub max_reach_without_groups: Reach,
    pub groups: Vec<GroupId>,
    pub ignore_embargo: bool,
    /// `YYYYMMDD`.
    pub today: DayKey,
    pub max_age: u8,
}

/// A civil date as the sortable `YYYYMMDD` key used for dates in storage.
pub fn day_key(d: Date) -> DayKey {
    i32::from(d.year()) * 10000 + i32::from(d.month()) * 100 + i32::from(d.day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consent::ConsentBasis;
    use crate::entities::{Body, Place};
    use crate::kind::Kind;
    use crate::record::{Meta, RecordId};
    use jiff::Timestamp;
    use jiff::civil::date;

    fn meta(workflow: Workflow, access: AccessLevel) -> Meta {
        Meta {
            id: RecordId(1),
            kind: Kind::Place,
            slug: "x".into(),
            external_id: None,
            workflow,
            access,
            embargo_until: None,
            age_rating: AgeRating::Zero,
            content_note: None,
            tags: vec![],
            version: 1,
            created_at: Timestamp::UNIX_EPOCH,
            updated_at: Timestamp::UNIX_EPOCH,
            submitted_by: None,
        }
    }

    fn place() -> Body {
        Body::Place(Place {
            name: "Сходня".into(),
            ..Place::default()
        })
    }

    fn registered() -> Viewer {
        Viewer {
            role: ViewerRole::Registered,
            user_id: Some(UserId(5)),
            groups: vec![],
            max_age: None,
        }
    }

    const TODAY: Date = date(2026, 11, 26);

    #[test]
    fn published_public_record_is_open_to_all() {
        let a = Audience::of(
            &meta(Workflow::Published, AccessLevel::Public),
            &place(),
            &ConsentBasis::default(),
        );
        assert!(a.admits(&Viewer::anonymous(), TODAY));
    }

    #[test]
    fn unpublished_states_are_staff_only() {
        for wf in [Workflow::Draft, Workflow::InReview, Workflow::Withdrawn] {
            let a = Audience::of(
                &meta(wf, AccessLevel::Public),
                &place(),
                &ConsentBasis::default(),
            );
            assert!(!a.admits(&Viewer::anonymous(), TODAY), "{wf:?}");
            assert!(!a.admits(&registered(), TODAY), "{wf:?}");
            assert!(a.admits(&Viewer::staff(UserId(1), vec![]), TODAY), "{wf:?}");
        }
    }

    #[test]
    fn embargo_lifts_on_its_date() {
        let mut m = meta(Workflow::Published, AccessLevel::Public);
        m.embargo_until = Some(date(2030, 1, 1));
        let a = Audience::of(&m, &place(), &ConsentBasis::default());
        assert!(!a.admits(&Viewer::anonymous(), TODAY));
        assert!(a.admits(&Viewer::anonymous(), date(2030, 1, 1)));
        assert!(a.admits(&Viewer::staff(UserId(1), vec![]), TODAY));
    }

    #[test]
    fn group_restriction_needs_a_shared_group() {
        let m = meta(Workflow::Published, AccessLevel::Groups(vec![GroupId(7)]));
        let a = Audience::of(&m, &place(), &ConsentBasis::default());
        assert!(!a.admits(&Viewer::anonymous(), TODAY));
        assert!(!a.admits(&Viewer::staff(UserId(1), vec![GroupId(3)]), TODAY));
        assert!(a.admits(
            &Viewer::staff(UserId(1), vec![GroupId(3), GroupId(7)]),
            TODAY
        ));
        assert!(a.admits(&Viewer::admin(UserId(1)), TODAY));
    }

    #[test]
    fn age_limit_hides_older_material() {
        let mut m = meta(Workflow::Published, AccessLevel::Public);
        m.age_rating = AgeRating::Sixteen;
        let a = Audience::of(&m, &place(), &ConsentBasis::default());
        let kiosk = Viewer::anonymous().with_max_age(AgeRating::Twelve);
        assert!(!a.admits(&kiosk, TODAY));
        assert!(a.admits(&Viewer::anonymous(), TODAY));
    }

    #[test]
    fn health_data_needs_its_own_consent() {
        let m = meta(Workflow::Published, AccessLevel::Public);
        let without = Audience::of(&m, &place(), &ConsentBasis::default());
        assert!(!without.shows_health(&Viewer::anonymous()));
        assert!(without.shows_health(&Viewer::staff(UserId(1), vec![])));
        let with = Audience::of(
            &m,
            &place(),
            &ConsentBasis {
                health: true,
                ..ConsentBasis::default()
            },
        );
        assert!(with.shows_health(&Viewer::anonymous()));
    }

    #[test]
    fn registered_level() {
        let a = Audience::of(
            &meta(Workflow::Published, AccessLevel::Registered),
            &place(),
            &ConsentBasis::default(),
        );
        assert!(!a.admits(&Viewer::anonymous(), TODAY));
        assert!(a.admits(&registered(), TODAY));
    }
}
