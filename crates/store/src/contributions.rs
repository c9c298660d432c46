//! The storage seam of residents' submissions («Герои города», issue #7): what a family writes
//! about their hero, its files, its private status link, and the conversation with moderators.
//!
//! Submissions are not records: they hold unchecked claims and the contributor's private
//! contacts (DESIGN.md, invariant 4), so they live in tables of their own that no public query
//! touches. A moderator's decision turns one into ordinary records under a consent; the links to
//! those records are kept here so that a withdrawal can find and close them.
//!
//! Secrets (the status link, the confirmation link) are stored as hashes only. The store keeps
//! data and the pipeline's allowed moves ([`Status::may_move`]); who may do what is the web
//! layer's rule.

use crate::StoreError;
use jiff::Timestamp;
use letopis_core::contribution::{Contribution, DeclineReason, Status};
use letopis_core::{ConsentId, RecordId, SubmissionFileId, SubmissionId, UserId};

/// A submission as the store holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Submission {
    pub id: SubmissionId,
    pub status: Status,
    pub content: Contribution,
    /// The person whose page the resident started from («Знаете больше? Дополните»).
    pub about: Option<RecordId>,
    /// The language the resident wrote in: their letters and status page use it.
    pub lang: String,
    pub email_confirmed: bool,
    /// The moderator who took it.
    pub assigned: Option<UserId>,
    /// The person it was published as or merged into.
    pub person: Option<RecordId>,
    /// The family's account, once published.
    pub story: Option<RecordId>,
    /// The consent recorded from the contributor's declaration when it was published.
    pub consent: Option<ConsentId>,
    pub decline_reason: Option<DeclineReason>,
    pub decline_note: String,
    pub created_at: Timestamp,
    pub sent_at: Option<Timestamp>,
    pub updated_at: Timestamp,
}

/// A new draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSubmission {
    /// SHA-256 (hex) of the secret in the private link.
    pub token_hash: String,
    /// A keyed hash of the client's address: how a flood from one address is counted, without
    /// keeping the address.
    pub origin: String,
    pub about: Option<RecordId>,
    pub lang: String,
}

/// A photograph or a document the family attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionFile {
    pub id: SubmissionFileId,
    pub submission_id: SubmissionId,
    pub sha256: String,
    pub mime: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub caption: String,
    /// When the photograph was taken or the document written, as the family knows it.
    pub date: String,
    /// Added through the status link after sending.
    pub late: bool,
    pub added_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    pub sha256: String,
    pub mime: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub caption: String,
    pub date: String,
}

/// What happened to a submission, oldest first: the status page and the moderator's page both
/// read this conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    /// The status changed (to [`Event::status`]).
    Moved,
    /// A moderator asked the contributor something.
    Question,
    /// The contributor answered.
    Answer,
    /// The contributor added files after sending.
    Files,
    /// Taken by, or given to, a moderator (not shown to the contributor).
    Assigned,
    /// The contributor confirmed the e-mail address.
    Confirmed,
    /// A moderator's note to other moderators (not shown to the contributor).
    Note,
}

impl EventKind {
    pub const ALL: [EventKind; 7] = [
        EventKind::Moved,
        EventKind::Question,
        EventKind::Answer,
        EventKind::Files,
        EventKind::Assigned,
        EventKind::Confirmed,
        EventKind::Note,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EventKind::Moved => "moved",
            EventKind::Question => "question",
            EventKind::Answer => "answer",
            EventKind::Files => "files",
            EventKind::Assigned => "assigned",
            EventKind::Confirmed => "confirmed",
            EventKind::Note => "note",
        }
    }

    pub fn from_code(code: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Whether the contributor sees it on the status page.
    pub fn shown_to_contributor(self) -> bool {
        !matches!(self, EventKind::Assigned | EventKind::Note)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: i64,
    pub submission_id: SubmissionId,
    pub kind: EventKind,
    pub status: Option<Status>,
    /// The moderator who acted; `None` for the contributor.
    pub user_id: Option<UserId>,
    /// The moderator's name, or empty for the contributor.
    pub by: String,
    pub body: String,
    pub at: Timestamp,
}

/// Who acts: a moderator (id and name) or the contributor (`None`).
pub type Moderator = Option<(UserId, String)>;

/// Which submissions the moderation queue shows. Drafts are never shown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QueueFilter {
    /// Empty: the open ones (received, in moderation, needs information).
    pub statuses: Vec<Status>,
    /// `Some(None)`: nobody's; `Some(Some(id))`: this moderator's.
    pub assigned: Option<Option<UserId>>,
    /// Only those whose e-mail is (or is not) confirmed.
    pub confirmed: Option<bool>,
    /// Words of the hero's name or the story, matched case-insensitively.
    pub text: String,
    pub limit: u32,
}

/// The storage contract of submissions. Synchronous, like [`Store`](crate::Store).
///
/// Publishing is not here: it is [`Op::PublishSubmission`](crate::Op::PublishSubmission) in the
/// same [`Store::apply`](crate::Store::apply) that creates the records, so that the records and
/// the submission's new status commit together or not at all.
pub trait Contributions: Send + Sync + 'static {
    fn start(&self, new: NewSubmission, at: Timestamp) -> Result<SubmissionId, StoreError>;
    fn submission(&self, id: SubmissionId) -> Result<Option<Submission>, StoreError>;
    /// The submission a private link opens: the first link or any issued since.
    fn by_token(&self, token_hash: &str) -> Result<Option<Submission>, StoreError>;
    /// Issues one more private link (for a letter); the old ones stay valid.
    fn add_link(&self, id: SubmissionId, token_hash: &str, at: Timestamp)
    -> Result<(), StoreError>;
    /// Replaces what the resident (or a moderator) wrote. Refused once withdrawn.
    fn save(
        &self,
        id: SubmissionId,
        content: &Contribution,
        at: Timestamp,
    ) -> Result<(), StoreError>;

    /// Adds a file; refused past [`letopis_core::contribution::MAX_FILES`]. `late` marks a file
    /// sent through the status link after sending.
    fn add_file(
        &self,
        id: SubmissionId,
        file: NewFile,
        late: bool,
        at: Timestamp,
    ) -> Result<SubmissionFileId, StoreError>;
    fn describe_file(
        &self,
        id: SubmissionId,
        file_id: SubmissionFileId,
        caption: &str,
        date: &str,
    ) -> Result<(), StoreError>;
    /// Removes the file from the submission; returns its hash when no other submission holds
    /// it, so the caller can remove the blob unless a record shows it.
    fn remove_file(
        &self,
        id: SubmissionId,
        file_id: SubmissionFileId,
    ) -> Result<Option<String>, StoreError>;
    fn files(&self, id: SubmissionId) -> Result<Vec<SubmissionFile>, StoreError>;

    /// Draft → received, with the hash of the e-mail confirmation secret.
    fn send(&self, id: SubmissionId, confirm_hash: &str, at: Timestamp) -> Result<(), StoreError>;
    /// Confirms the address of the submission holding this confirmation secret; `None` when
    /// none does. Confirming twice is harmless.
    fn confirm_email(
        &self,
        confirm_hash: &str,
        at: Timestamp,
    ) -> Result<Option<SubmissionId>, StoreError>;

    /// Moves the submission along the pipeline, with a note for the history; refused when
    /// [`Status::may_move`] forbids it.
    fn move_to(
        &self,
        id: SubmissionId,
        to: Status,
        by: &Moderator,
        note: &str,
        at: Timestamp,
    ) -> Result<(), StoreError>;
    /// Declines with a reason the contributor will read.
    fn decline(
        &self,
        id: SubmissionId,
        reason: DeclineReason,
        note: &str,
        by: &Moderator,
        at: Timestamp,
    ) -> Result<(), StoreError>;
    /// Gives the submission to a moderator (or to nobody).
    fn assign(
        &self,
        id: SubmissionId,
        to: Option<UserId>,
        by: &Moderator,
        at: Timestamp,
    ) -> Result<(), StoreError>;
    /// A question, an answer, a note or word of added files.
    fn add_event(
        &self,
        id: SubmissionId,
        kind: EventKind,
        by: &Moderator,
        body: &str,
        at: Timestamp,
    ) -> Result<i64, StoreError>;
    fn events(&self, id: SubmissionId) -> Result<Vec<Event>, StoreError>;
    fn queue(&self, filter: &QueueFilter) -> Result<Vec<Submission>, StoreError>;
    /// Submissions started from this origin since then (drafts included).
    fn started_from(&self, origin: &str, since: Timestamp) -> Result<u64, StoreError>;
    /// Submissions sent with this e-mail address since then.
    fn sent_by(&self, email: &str, since: Timestamp) -> Result<u64, StoreError>;

    /// Keeps the answer of a check question asked at `at`, under the hash of the secret the
    /// form carries; questions asked before `at` minus an hour are forgotten meanwhile.
    fn pose_question(&self, key_hash: &str, answer: u32, at: Timestamp) -> Result<(), StoreError>;
    /// Uses up the question under `key_hash`: its answer, if it was asked at or after `since`
    /// and not taken before. A question is answered once, right or wrong.
    fn take_question(&self, key_hash: &str, since: Timestamp) -> Result<Option<u32>, StoreError>;

    /// Removes drafts not touched since then; returns the hashes of files no submission holds
    /// any more.
    fn purge_drafts(&self, untouched_since: Timestamp) -> Result<Vec<String>, StoreError>;
    /// The contributor withdrew: the content and contacts are erased, files dropped, the
    /// conversation's words removed; the submission stays as a withdrawn shell so the
    /// moderators' history and the status link still make sense. Returns the dropped files'
    /// hashes no other submission holds.
    fn erase(&self, id: SubmissionId, at: Timestamp) -> Result<Vec<String>, StoreError>;
}

impl QueueFilter {
    /// The statuses the queue lists: the open ones when none are asked for, and never drafts
    /// (a family's unsent story is not for moderators).
    pub(crate) fn listed_statuses(&self) -> Vec<Status> {
        if self.statuses.is_empty() {
            Status::ALL.into_iter().filter(|s| s.is_open()).collect()
        } else {
            self.statuses
                .iter()
                .copied()
                .filter(|s| *s != Status::Draft)
                .collect()
        }
    }

    /// How many submissions the queue lists at most.
    pub(crate) fn listed_at_most(&self) -> usize {
        if self.limit == 0 {
            200
        } else {
            self.limit as usize
        }
    }

    /// Whether the hero's name or the story holds every word of the text filter, case and ё
    /// folded. Matched in Rust, by every engine alike: the text lives in the JSON, and SQLite's
    /// lower() knows only ASCII.
    pub(crate) fn text_matches(&self, s: &Submission) -> bool {
        let fold = |t: &str| t.to_lowercase().replace('ё', "е");
        let words: Vec<String> = self.text.split_whitespace().map(fold).collect();
        if words.is_empty() {
            return true;
        }
        let h = &s.content.hero;
        let hay = fold(&format!(
            "{} {} {} {}",
            h.surname, h.given, h.patronymic, s.content.story
        ));
        words.iter().all(|w| hay.contains(w.as_str()))
    }
}
