//! The studio's storage seam: accounts, sessions, working groups, review, the audit log and the
//! roadmap. A separate trait from [`Store`](crate::Store) so that the information base and the
//! people who fill it can be read about (and implemented) apart; every engine implements both.
//!
//! The store keeps data; the rules (who may do what, how long a lockout lasts, how passwords
//! are hashed) live in `letopis_core::account` and the web layer.

use crate::lessons::{ClassLink, StoredKit};
use crate::venues::{StoredVenue, StoredVenueActivity, VenueQuarter};
use crate::{Page, StoreError};
use jiff::Timestamp;
use letopis_core::access::ViewerFilter;
use letopis_core::account::{Email, Role, Roles};
use letopis_core::district::{Venue, VenueActivity};
use letopis_core::lesson::{Kit, KitState};
use letopis_core::{ActivityId, GroupId, Kind, RecordId, UserId, Workflow};
use serde::Serialize;

/// A person with an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: UserId,
    pub email: Email,
    pub display_name: String,
    pub roles: Roles,
    /// Working groups the person belongs to.
    pub groups: Vec<GroupId>,
    pub has_password: bool,
    pub disabled: bool,
    /// Until when sign-in is refused after too many wrong passwords (Unix seconds).
    pub locked_until: Option<i64>,
}

/// An account to be created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub email: Email,
    pub display_name: String,
    pub roles: Vec<Role>,
}

/// A signed-in session as found by its token's hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub user: User,
    /// The form token of this session (kept in the clear: it is useless without the cookie).
    pub csrf: String,
    pub expires_at: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenPurpose {
    Invite,
    Reset,
}

impl TokenPurpose {
    pub fn code(self) -> &'static str {
        match self {
            TokenPurpose::Invite => "invite",
            TokenPurpose::Reset => "reset",
        }
    }
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: Timestamp,
    pub actor_user: Option<UserId>,
    pub actor: String,
    /// `sign_in`, `sign_in_failed`, `roles`, `publish`, `withdraw`, `consent`, `view_private`…
    pub action: String,
    pub subject: Option<String>,
    pub detail: String,
    pub ip: Option<String>,
}

/// A line to append to the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewAudit {
    pub actor_user: Option<UserId>,
    pub actor: String,
    pub action: String,
    pub subject: Option<String>,
    pub detail: String,
    pub ip: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    pub id: GroupId,
    pub name: String,
    /// One of `letopis_core::account::DIRECTIONS`.
    pub direction: String,
    pub members: Vec<Member>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    pub user_id: UserId,
    pub display_name: String,
    /// The person responsible for the direction inside the group (roadmap item 1).
    pub responsible: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comment {
    pub id: i64,
    pub record_id: RecordId,
    pub author_user: Option<UserId>,
    pub author: String,
    pub at: Timestamp,
    pub body: String,
}

/// A roadmap activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Activity {
    pub id: ActivityId,
    pub number: i64,
    pub title: String,
    /// «раз в квартал», «постоянно», «по отдельному плану», or empty (once).
    pub period: String,
    pub departments: String,
    /// The working-group directions that carry it out (codes of
    /// `letopis_core::account::DIRECTIONS`), or [`ALL_DIRECTIONS`] for the filling of the base
    /// as a whole; the council's report counts an activity through them.
    pub directions: Vec<String>,
}

/// The direction code of an activity that every record of the base counts towards.
pub const ALL_DIRECTIONS: &str = "all";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewActivity {
    pub number: i64,
    pub title: String,
    pub period: String,
    pub departments: String,
    pub directions: Vec<String>,
}

/// A periodic report on an activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub id: i64,
    pub activity_id: ActivityId,
    /// `2025-Q1`.
    pub quarter: String,
    pub author: String,
    pub at: Timestamp,
    pub body: String,
}

/// What a person's dashboard lists.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Work {
    /// Drafts the person wrote or edited, never sent to review (moving a record between workflow
    /// states, as a reviewer returning it does, is not editing it).
    pub drafts: Vec<RecordId>,
    /// Records the person sent to review that a reviewer returned to draft.
    pub returned: Vec<RecordId>,
    /// Records waiting for review by someone other than their author: assigned to this person,
    /// or to nobody.
    pub to_review: Vec<RecordId>,
}

/// Counts of one quarter for one working group (or for people in no group: `group_id` None).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct QuarterCounts {
    pub quarter: String,
    pub group_id: Option<GroupId>,
    pub added: u64,
    pub reviewed: u64,
    pub published: u64,
    pub interviews: u64,
}

/// A filter of the studio's record list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudioQuery {
    pub kind: Kind,
    pub workflow: Option<Workflow>,
    /// Part of the title, compared through the name normaliser.
    pub text: Option<String>,
    pub offset: u64,
    pub limit: u64,
}

/// Every engine meets `accounts_contract`. A write that names a person, working group, record
/// or roadmap activity that does not exist fails with [`StoreError::NotFound`]; a second account
/// for an address with [`StoreError::Duplicate`].
use crate::conference::{PaperEvent, PaperFile, PaperReview, StoredConference, StoredPaper};
use letopis_core::conference::{Conference, Paper, Recommendation, Slot};

pub trait Accounts: Send + Sync + 'static {
    fn create_user(&self, new: &NewUser, password_hash: Option<&str>)
    -> Result<UserId, StoreError>;
    fn user(&self, id: UserId) -> Result<Option<User>, StoreError>;
    fn user_by_email(&self, email: &Email) -> Result<Option<User>, StoreError>;
    /// The stored password hash, for checking a sign-in.
    fn password_hash(&self, id: UserId) -> Result<Option<String>, StoreError>;
    fn users(&self) -> Result<Vec<User>, StoreError>;
    fn set_password(&self, id: UserId, hash: &str) -> Result<(), StoreError>;
    fn set_roles(&self, id: UserId, roles: &[Role]) -> Result<(), StoreError>;
    /// Counts a wrong password and returns how many in a row there have been.
    fn sign_in_failed(&self, id: UserId) -> Result<u32, StoreError>;
    fn lock_until(&self, id: UserId, until: i64) -> Result<(), StoreError>;
    /// Clears the count of wrong passwords and any lockout.
    fn sign_in_succeeded(&self, id: UserId) -> Result<(), StoreError>;

    /// Counts one attempt against a limit: `scope` names the limit (`sign_in`), `key` who is
    /// counted (a client address). Kept in the base, so every server over it counts together.
    fn note_attempt(&self, scope: &str, key: &str, at: Timestamp) -> Result<(), StoreError>;
    /// How many attempts of `key` in `scope` were noted at or after `since`.
    fn attempts_since(&self, scope: &str, key: &str, since: Timestamp) -> Result<u64, StoreError>;
    /// Forgets every attempt in `scope` noted before `before` (older than the limit's window,
    /// they count for nothing); returns how many were forgotten.
    fn forget_attempts(&self, scope: &str, before: Timestamp) -> Result<u64, StoreError>;

    fn create_session(
        &self,
        token_hash: &str,
        user_id: UserId,
        csrf: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<(), StoreError>;
    /// The live session with this token hash, if it has not expired by `now`.
    fn session(&self, token_hash: &str, now: i64) -> Result<Option<Session>, StoreError>;
    fn end_session(&self, token_hash: &str) -> Result<(), StoreError>;
    /// Ends every session of a person (after a password change).
    fn end_sessions_of(&self, user_id: UserId) -> Result<(), StoreError>;

    fn create_token(
        &self,
        token_hash: &str,
        user_id: UserId,
        purpose: TokenPurpose,
        expires_at: i64,
    ) -> Result<(), StoreError>;
    /// Uses up a one-time token: the person it was for, if it exists, is unused, unexpired and
    /// for this purpose. A token works once.
    fn take_token(
        &self,
        token_hash: &str,
        purpose: TokenPurpose,
        now: i64,
    ) -> Result<Option<UserId>, StoreError>;
    /// Whether a one-time token is still good, without using it (to show the form).
    fn peek_token(
        &self,
        token_hash: &str,
        purpose: TokenPurpose,
        now: i64,
    ) -> Result<Option<UserId>, StoreError>;

    fn audit(&self, entry: NewAudit) -> Result<(), StoreError>;
    /// Newest first.
    fn audit_log(&self, offset: u64, limit: u64) -> Result<Page<AuditEntry>, StoreError>;

    fn groups(&self) -> Result<Vec<Group>, StoreError>;
    fn create_group(&self, name: &str, direction: &str) -> Result<GroupId, StoreError>;
    /// Adds a member (or changes whether they are the responsible person).
    fn set_member(
        &self,
        group_id: GroupId,
        user_id: UserId,
        responsible: bool,
    ) -> Result<(), StoreError>;
    fn remove_member(&self, group_id: GroupId, user_id: UserId) -> Result<(), StoreError>;

    fn comments(&self, record: RecordId) -> Result<Vec<Comment>, StoreError>;
    fn add_comment(
        &self,
        record: RecordId,
        author_user: UserId,
        author: &str,
        body: &str,
    ) -> Result<i64, StoreError>;
    fn assign_reviewer(
        &self,
        record: RecordId,
        reviewer: Option<UserId>,
        by: UserId,
    ) -> Result<(), StoreError>;
    fn reviewer(&self, record: RecordId) -> Result<Option<UserId>, StoreError>;

    /// What waits for this person, as far as `who` may see. These queries return ids, newest
    /// first: the records themselves are read through the web's gate, like every other record.
    fn work_of(&self, user_id: UserId, who: &ViewerFilter) -> Result<Work, StoreError>;
    /// The studio's list: records of a kind in any workflow state `who` may see.
    fn studio_list(
        &self,
        query: &StudioQuery,
        who: &ViewerFilter,
    ) -> Result<Page<RecordId>, StoreError>;
    /// Records whose title contains `text`, any kind in `kinds`, for the relation picker.
    fn suggest(
        &self,
        text: &str,
        kinds: &[Kind],
        limit: u64,
        who: &ViewerFilter,
    ) -> Result<Vec<RecordId>, StoreError>;

    /// Per quarter and working group: records added, reviewed (returned or published),
    /// published, interviews recorded — counted from the revision history, attributed to the
    /// groups of whoever did it.
    fn council_counts(&self) -> Result<Vec<QuarterCounts>, StoreError>;
    /// The same counts per quarter for the whole base, each revision once (`group_id` None).
    fn council_totals(&self) -> Result<Vec<QuarterCounts>, StoreError>;

    fn activities(&self) -> Result<Vec<Activity>, StoreError>;
    /// Loads the roadmap's activities once; a base that has some keeps them. Returns how many
    /// were added.
    fn seed_activities(&self, activities: &[NewActivity]) -> Result<usize, StoreError>;
    /// Sets which directions carry out an activity (`NotFound` when there is no such activity).
    fn set_activity_directions(
        &self,
        id: ActivityId,
        directions: &[String],
    ) -> Result<(), StoreError>;
    fn reports(&self) -> Result<Vec<Report>, StoreError>;

    /// Keeps a school's request for an excursion; returns its number.
    fn request_excursion(&self, new: &NewExcursion, at: Timestamp) -> Result<i64, StoreError>;
    /// Every request, the newest first.
    fn excursions(&self) -> Result<Vec<Excursion>, StoreError>;
    /// Confirms (for `visit_on`) or declines a request (`NotFound` for no such request).
    fn decide_excursion(
        &self,
        id: i64,
        status: ExcursionStatus,
        visit_on: Option<jiff::civil::Date>,
        by: &str,
        at: Timestamp,
    ) -> Result<(), StoreError>;
    /// Erases the teacher's name, contact and note of every request whose visit (or, when
    /// none was confirmed, whose wanted date) is before `before`; returns how many.
    fn erase_past_excursions(
        &self,
        before: jiff::civil::Date,
        at: Timestamp,
    ) -> Result<u64, StoreError>;
    /// Confirmed visits and their pupils per quarter of the visit date.
    fn excursion_counts(&self) -> Result<Vec<ExcursionCounts>, StoreError>;
    /// Names the tour the class takes in the hall and the lesson kit it uses afterwards.
    fn plan_excursion(
        &self,
        id: i64,
        tour: Option<i64>,
        lesson: Option<i64>,
    ) -> Result<(), StoreError>;

    // Lesson kits and tours (issue #17), `crate::lessons`.
    /// Keeps a new kit for `owner`, with an address made from its title; returns it.
    fn create_kit(&self, owner: UserId, kit: &Kit, at: Timestamp) -> Result<StoredKit, StoreError>;
    fn kit(&self, id: i64) -> Result<Option<StoredKit>, StoreError>;
    fn kit_by_slug(&self, slug: &str) -> Result<Option<StoredKit>, StoreError>;
    /// Replaces a kit's content and sets its state (`NotFound` for no such kit).
    fn save_kit(
        &self,
        id: i64,
        kit: &Kit,
        state: KitState,
        at: Timestamp,
    ) -> Result<(), StoreError>;
    /// Moves a kit to `state`, with the reviewer's note (empty when none).
    fn set_kit_state(
        &self,
        id: i64,
        state: KitState,
        note: &str,
        at: Timestamp,
    ) -> Result<(), StoreError>;
    /// The kits `owner` made, the latest changed first.
    fn kits_of(&self, owner: UserId) -> Result<Vec<StoredKit>, StoreError>;
    /// The kits in any of `states`, the latest changed first.
    fn kits_in(&self, states: &[KitState]) -> Result<Vec<StoredKit>, StoreError>;
    /// Deletes a kit and its class links.
    fn delete_kit(&self, id: i64) -> Result<(), StoreError>;
    /// Keeps a class link; `Duplicate` when the code is taken (the caller draws another).
    fn create_class_link(&self, link: &ClassLink) -> Result<(), StoreError>;
    fn class_link(&self, code: &str) -> Result<Option<ClassLink>, StoreError>;
    /// A kit's links, the newest first.
    fn class_links_of(&self, kit: i64) -> Result<Vec<ClassLink>, StoreError>;
    /// Moves a link's last day to `last_day` (the day before today closes it).
    fn end_class_link(&self, code: &str, last_day: jiff::civil::Date) -> Result<(), StoreError>;
    // Venues in the micro-districts and their log (issue #18), `crate::venues`.
    /// Keeps a new venue (checked: `Invalid` names the fields); returns its number.
    fn create_venue(&self, venue: &Venue, at: Timestamp) -> Result<i64, StoreError>;
    fn venue(&self, id: i64) -> Result<Option<StoredVenue>, StoreError>;
    /// Every venue, by micro-district and then by name.
    fn venues(&self) -> Result<Vec<StoredVenue>, StoreError>;
    /// Replaces a venue's details (`NotFound` for no such venue).
    fn save_venue(&self, id: i64, venue: &Venue, at: Timestamp) -> Result<(), StoreError>;
    /// Deletes a venue and its log.
    fn delete_venue(&self, id: i64) -> Result<(), StoreError>;
    /// Logs what a venue did (checked against `at`'s day); returns the line's number.
    fn add_venue_activity(
        &self,
        venue: i64,
        activity: &VenueActivity,
        author: &str,
        at: Timestamp,
    ) -> Result<i64, StoreError>;
    /// A venue's log, the latest day first.
    fn venue_activities(&self, venue: i64) -> Result<Vec<StoredVenueActivity>, StoreError>;
    /// Per venue and quarter of the day: how many activities and how many people came.
    fn venue_quarters(&self) -> Result<Vec<VenueQuarter>, StoreError>;
    fn add_report(
        &self,
        activity_id: ActivityId,
        quarter: &str,
        author_user: UserId,
        author: &str,
        body: &str,
    ) -> Result<i64, StoreError>;
    /// Puts a publication into the media plan (checked: `Invalid` names what is wrong).
    fn add_publication(
        &self,
        by: UserId,
        publication: &letopis_core::media_plan::Publication,
        at: jiff::Timestamp,
    ) -> Result<crate::media_plan::StoredPublication, StoreError>;
    fn publication(
        &self,
        id: i64,
    ) -> Result<Option<crate::media_plan::StoredPublication>, StoreError>;
    /// Replaces a publication (`NotFound` for no such one).
    fn save_publication(
        &self,
        id: i64,
        publication: &letopis_core::media_plan::Publication,
        at: jiff::Timestamp,
    ) -> Result<(), StoreError>;
    /// The publications planned for `from` to `to`, both included, by day.
    fn publications_between(
        &self,
        from: jiff::civil::Date,
        to: jiff::civil::Date,
    ) -> Result<Vec<crate::media_plan::StoredPublication>, StoreError>;
    fn delete_publication(&self, id: i64) -> Result<(), StoreError>;
    /// Every activity's standing the council recorded (activities without one are absent).
    fn activity_progress(
        &self,
    ) -> Result<Vec<(ActivityId, letopis_core::progress::Progress)>, StoreError>;
    /// Records an activity's standing (checked; `NotFound` for no such activity).
    fn set_activity_progress(
        &self,
        id: ActivityId,
        progress: &letopis_core::progress::Progress,
        at: jiff::Timestamp,
    ) -> Result<(), StoreError>;

    // Preservation (issue #19): the fixity audits of the media originals.
    /// Keeps the result of a fixity audit.
    fn record_fixity_audit(&self, audit: &crate::fixity::FixityAudit) -> Result<(), StoreError>;
    /// The latest audits, newest first.
    fn fixity_audits(&self, limit: u32) -> Result<Vec<crate::fixity::FixityAudit>, StoreError>;

    // Scheduled jobs across nodes (issue #20).
    /// Takes the lease on `job` for `holder` until `until`, or renews it: true when `holder`
    /// holds it now (it was free, had run out by `now`, or was already theirs). Several nodes
    /// over one base each ask before a scheduled job, and the one holding the lease runs it.
    fn hold_lease(
        &self,
        job: &str,
        holder: &str,
        now: Timestamp,
        until: Timestamp,
    ) -> Result<bool, StoreError>;

    // The conference (issue #18): its call, the papers, reviews, decisions and programme.
    /// Saves a conference by its slug (checked; a new slug makes a new one). Returns its id.
    fn save_conference(&self, conference: &Conference, at: Timestamp) -> Result<i64, StoreError>;
    /// The current conference: the latest by its first day.
    fn current_conference(&self) -> Result<Option<StoredConference>, StoreError>;
    /// Takes an author's paper, unconfirmed until the link whose hash is `confirm_hash` is
    /// opened. The paper is checked by the caller against the conference.
    fn submit_paper(
        &self,
        conference: i64,
        paper: &Paper,
        file: &PaperFile,
        confirm_hash: &str,
        at: Timestamp,
    ) -> Result<i64, StoreError>;
    /// Confirms the paper whose letter's link this is; `None` when no unconfirmed paper has it
    /// (opened before, or erased).
    fn confirm_paper(&self, confirm_hash: &str, at: Timestamp) -> Result<Option<i64>, StoreError>;
    fn paper(&self, id: i64) -> Result<Option<StoredPaper>, StoreError>;
    /// Every paper of a conference, in the order they came.
    fn papers(&self, conference: i64) -> Result<Vec<StoredPaper>, StoreError>;
    /// Asks a reviewer for a review (again: nothing changes). Refused once decided.
    fn assign_paper_reviewer(
        &self,
        paper: i64,
        reviewer: UserId,
        by: &str,
        at: Timestamp,
    ) -> Result<(), StoreError>;
    /// A reviewer's score (1–5), recommendation and comment; refused when not assigned to
    /// them or already decided. Given again, it replaces theirs.
    #[allow(clippy::too_many_arguments)]
    fn review_paper(
        &self,
        paper: i64,
        reviewer: UserId,
        score: u8,
        recommendation: Recommendation,
        comment: &str,
        by: &str,
        at: Timestamp,
    ) -> Result<(), StoreError>;
    fn paper_reviews(&self, paper: i64) -> Result<Vec<PaperReview>, StoreError>;
    /// Accepts or declines an open paper; the letter sent to the author goes into its log.
    fn decide_paper(
        &self,
        paper: i64,
        accept: bool,
        letter: &str,
        by: &str,
        at: Timestamp,
    ) -> Result<(), StoreError>;
    /// Puts an accepted paper into the programme (or takes it out with `None`).
    fn schedule_paper(
        &self,
        paper: i64,
        slot: Option<Slot>,
        by: &str,
        at: Timestamp,
    ) -> Result<(), StoreError>;
    /// Notes the item an accepted paper became in the proceedings.
    fn paper_published(
        &self,
        paper: i64,
        item: RecordId,
        by: &str,
        at: Timestamp,
    ) -> Result<(), StoreError>;
    fn paper_log(&self, paper: i64) -> Result<Vec<PaperEvent>, StoreError>;
    /// Erases papers whose authors never confirmed them, sent before `before`; returns the
    /// hashes of their files.
    fn erase_unconfirmed_papers(&self, before: Timestamp) -> Result<Vec<String>, StoreError>;
}

/// A school's request for an excursion to the exhibition hall (roadmap item 11).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewExcursion {
    pub school: String,
    /// «5 «Б»».
    pub class_name: String,
    pub pupils: u32,
    pub wanted_on: jiff::civil::Date,
    /// The teacher's name and how to reach them: personal data, erased after the visit.
    pub teacher: String,
    pub contact: String,
    pub note: String,
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExcursionStatus {
    Requested,
    Confirmed,
    Declined,
}

impl ExcursionStatus {
    pub fn code(self) -> &'static str {
        match self {
            ExcursionStatus::Requested => "requested",
            ExcursionStatus::Confirmed => "confirmed",
            ExcursionStatus::Declined => "declined",
        }
    }

    pub fn from_code(code: &str) -> Option<ExcursionStatus> {
        [
            ExcursionStatus::Requested,
            ExcursionStatus::Confirmed,
            ExcursionStatus::Declined,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Excursion {
    pub id: i64,
    pub school: String,
    pub class_name: String,
    pub pupils: u32,
    pub wanted_on: jiff::civil::Date,
    /// Empty once erased.
    pub teacher: String,
    pub contact: String,
    pub note: String,
    pub status: ExcursionStatus,
    pub visit_on: Option<jiff::civil::Date>,
    pub decided_by: Option<String>,
    pub requested_at: Timestamp,
    pub erased: bool,
    /// The tour the class takes in the hall (a kit's id), once the hall names it.
    pub tour: Option<i64>,
    /// The lesson kit the class uses afterwards.
    pub lesson: Option<i64>,
}

/// Excursions held in one quarter, for the council's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct ExcursionCounts {
    /// `2026-Q4`, of the visit date.
    pub quarter: String,
    pub visits: u64,
    pub pupils: u64,
}

/// The quarter a moment falls in, `2025-Q2`, in UTC (the town is three hours ahead; a report
/// run at midnight of a quarter's last day counts the same either way for all practical uses).
pub fn quarter_of(at: Timestamp) -> String {
    quarter_of_day(at.to_zoned_datetime(jiff::tz::TimeZone::UTC).date())
}

/// The quarter a day falls in, `2025-Q2` (an excursion's day, say).
pub fn quarter_of_day(d: jiff::civil::Date) -> String {
    format!("{}-Q{}", d.year(), (d.month() - 1) / 3 + 1)
}
