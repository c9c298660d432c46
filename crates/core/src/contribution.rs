//! A resident's story of their hero («Герои города», issue #7): what the family writes, the
//! consents they give, the way a submission moves from draft to published, and how a moderator
//! merges it into a person the museum already has without overwriting the museum's own work.
//!
//! Plain data and rules. The store keeps submissions apart from records (they hold private data
//! and unchecked claims); nothing here is public until a moderator publishes it, and then only
//! as ordinary records under a consent, through the one gate.

use crate::edtf::Edtf;
use crate::entities::{Fate, Person};
use crate::ids::SubmissionId;
use crate::record::RecordId;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// Where a submission is. The resident sees these words on the status page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being written: never shown to moderators, never public, removed when abandoned.
    Draft,
    /// Sent; waiting for a moderator (and for the e-mail address to be confirmed).
    Received,
    /// A moderator has taken it.
    InModeration,
    /// A moderator asked a question and waits for the answer.
    NeedsInfo,
    Published,
    Declined,
    /// The contributor withdrew it: its personal data is gone, published parts are closed.
    Withdrawn,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Draft,
        Status::Received,
        Status::InModeration,
        Status::NeedsInfo,
        Status::Published,
        Status::Declined,
        Status::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Received => "received",
            Status::InModeration => "in_moderation",
            Status::NeedsInfo => "needs_info",
            Status::Published => "published",
            Status::Declined => "declined",
            Status::Withdrawn => "withdrawn",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label_ru(self) -> &'static str {
        match self {
            Status::Draft => "черновик",
            Status::Received => "получено",
            Status::InModeration => "на модерации",
            Status::NeedsInfo => "нужны уточнения",
            Status::Published => "опубликовано",
            Status::Declined => "отклонено",
            Status::Withdrawn => "отозвано",
        }
    }

    /// Still waiting for someone to act: moderators work on these.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Status::Received | Status::InModeration | Status::NeedsInfo
        )
    }

    /// The moves the pipeline allows. A published submission can be withdrawn by its
    /// contributor but not declined; a declined one stays declined (the family may send again),
    /// though it too can be withdrawn: its words and the contributor's address are still kept,
    /// and a withdrawal is how the contributor has them erased.
    pub fn may_move(self, to: Status) -> bool {
        use Status::*;
        matches!(
            (self, to),
            (Draft, Received)
                | (Received | NeedsInfo, InModeration)
                | (Received | InModeration, NeedsInfo)
                | (Received | InModeration | NeedsInfo, Published | Declined)
                | (
                    Draft | Received | InModeration | NeedsInfo | Published | Declined,
                    Withdrawn
                )
        )
    }
}

/// Whether the hero is alive: decides which consent makes publication lawful.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Alive {
    Deceased,
    Living,
}

impl Alive {
    pub fn code(self) -> &'static str {
        match self {
            Alive::Deceased => "deceased",
            Alive::Living => "living",
        }
    }

    pub fn from_code(code: &str) -> Option<Alive> {
        [Alive::Deceased, Alive::Living]
            .into_iter()
            .find(|a| a.code() == code)
    }
}

/// Who the contributor is to the hero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relationship {
    /// The hero writes about themselves.
    Self_,
    Child,
    Grandchild,
    GreatGrandchild,
    OtherRelative,
    /// A neighbour, a pupil, a local historian: not family.
    NotRelative,
}

impl Relationship {
    pub const ALL: [Relationship; 6] = [
        Relationship::Child,
        Relationship::Grandchild,
        Relationship::GreatGrandchild,
        Relationship::OtherRelative,
        Relationship::NotRelative,
        Relationship::Self_,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Relationship::Self_ => "self",
            Relationship::Child => "child",
            Relationship::Grandchild => "grandchild",
            Relationship::GreatGrandchild => "great_grandchild",
            Relationship::OtherRelative => "other_relative",
            Relationship::NotRelative => "not_relative",
        }
    }

    pub fn from_code(code: &str) -> Option<Relationship> {
        Relationship::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label_ru(self) -> &'static str {
        match self {
            Relationship::Self_ => "это я сам(а)",
            Relationship::Child => "сын или дочь",
            Relationship::Grandchild => "внук или внучка",
            Relationship::GreatGrandchild => "правнук или правнучка",
            Relationship::OtherRelative => "другой родственник",
            Relationship::NotRelative => "не родственник",
        }
    }
}

/// On what ground the hero's personal data and image may be published (152-FZ Art. 10.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The contributor is the deceased hero's heir.
    Heir,
    /// The contributor has the heirs' agreement.
    HeirsAgreement,
    /// The living hero consents (is the contributor, or signed their own consent).
    HeroConsents,
}

impl Basis {
    pub const ALL: [Basis; 3] = [Basis::Heir, Basis::HeirsAgreement, Basis::HeroConsents];

    pub fn code(self) -> &'static str {
        match self {
            Basis::Heir => "heir",
            Basis::HeirsAgreement => "heirs_agreement",
            Basis::HeroConsents => "hero_consents",
        }
    }

    pub fn from_code(code: &str) -> Option<Basis> {
        Basis::ALL.into_iter().find(|b| b.code() == code)
    }

    /// Whether this ground can stand for a hero who is (or is not) alive: the heirs cannot
    /// consent for a living person, and a deceased hero's consent cannot be given now.
    pub fn fits(self, alive: Alive) -> bool {
        match self {
            Basis::Heir | Basis::HeirsAgreement => alive == Alive::Deceased,
            Basis::HeroConsents => alive == Alive::Living,
        }
    }

    /// The kind of consent record this ground becomes when the story is published.
    pub fn consent_kind(self) -> crate::ConsentKind {
        match self {
            Basis::Heir | Basis::HeirsAgreement => crate::ConsentKind::Heirs,
            Basis::HeroConsents => crate::ConsentKind::Publication,
        }
    }

    pub fn label_ru(self) -> &'static str {
        match self {
            Basis::Heir => "отправитель — наследник героя",
            Basis::HeirsAgreement => "отправитель получил согласие наследников",
            Basis::HeroConsents => "герой жив и сам согласен на публикацию",
        }
    }
}

/// What the family wrote about the hero. Dates are kept as typed (so a mistake can be shown
/// back) and as EDTF once they read correctly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Hero {
    pub surname: String,
    pub given: String,
    pub patronymic: String,
    pub birth_typed: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth: Option<Edtf>,
    pub death_typed: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub death: Option<Edtf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alive: Option<Alive>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fate: Option<Fate>,
    pub birth_place: String,
    pub rank: String,
    pub unit: String,
    /// Where the hero worked, for home-front workers.
    pub work: String,
    pub awards: String,
}

impl Hero {
    pub fn full_name(&self) -> String {
        crate::names::PersonName::new(&self.surname, &self.given, &self.patronymic).full()
    }

    /// The person this hero would be if published as a new record: the family's words only,
    /// with the story and photos kept in the family's own account beside it.
    pub fn to_person(&self) -> Person {
        let mut p = Person {
            name: crate::names::PersonName::new(&self.surname, &self.given, &self.patronymic),
            birth: self.birth.clone(),
            death: self.death.clone(),
            birth_place: self.birth_place.trim().to_string(),
            living: self.alive.map(|a| a == Alive::Living),
            fate: self.fate,
            ..Person::default()
        };
        p.service.rank = self.rank.trim().to_string();
        p.service.unit = self.unit.trim().to_string();
        p.awards = split_awards(&self.awards);
        p
    }
}

fn split_awards(text: &str) -> Vec<String> {
    text.split(['\n', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Contributor {
    /// How the contributor signs («Анна Петрова»).
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationship: Option<Relationship>,
    /// «внучка по матери», «учитель истории школы № 3».
    pub relationship_note: String,
    pub email: String,
}

/// The two consents, separate as the law requires, and the bans and conditions the contributor
/// set on publication. Nothing is ticked until the contributor ticks it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ConsentGiven {
    /// To the processing of the contributor's own data (152-FZ Art. 9).
    pub processing: bool,
    /// To publish the hero's personal data and image, and on what ground.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publication: Option<Basis>,
    /// The contributor may be named as the teller of the story.
    pub credit: bool,
    /// Bans (152-FZ Art. 10.1 part 9): enforced when a moderator publishes.
    pub ban_photos: bool,
    pub ban_dates: bool,
    /// Any further condition, in the contributor's words; moderators read it before publishing.
    pub conditions: String,
}

/// Everything the resident writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Contribution {
    pub hero: Hero,
    pub story: String,
    pub contributor: Contributor,
    pub consent: ConsentGiven,
}

/// The steps of the resident's form, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Hero,
    Story,
    Files,
    You,
    Consent,
}

impl Step {
    pub const ALL: [Step; 5] = [
        Step::Hero,
        Step::Story,
        Step::Files,
        Step::You,
        Step::Consent,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Step::Hero => "hero",
            Step::Story => "story",
            Step::Files => "files",
            Step::You => "you",
            Step::Consent => "consent",
        }
    }

    pub fn from_code(code: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.code() == code)
    }

    /// 1-based, as the form counts them («Шаг 2 из 5»).
    pub fn number(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0) + 1
    }

    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self.number()).copied()
    }

    pub fn previous(self) -> Option<Step> {
        self.number()
            .checked_sub(2)
            .and_then(|i| Step::ALL.get(i))
            .copied()
    }
}

/// Limits that keep one submission within what a moderator can read and the disk can hold.
pub const MAX_STORY_CHARS: usize = 20_000;
pub const MAX_FILES: usize = 12;
pub const MAX_CAPTION_CHARS: usize = 500;
const MAX_NAME_CHARS: usize = 100;
const MAX_LINE_CHARS: usize = 500;

/// One thing missing or wrong in what the resident wrote. The web layer words it in the
/// visitor's language (`contrib-lack-<code>`), naming the field it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Lack {
    Surname,
    Alive,
    /// A date that does not read; carries what was typed.
    BadDate {
        field: &'static str,
        typed: String,
    },
    DeathBeforeBirth,
    /// A living hero with a death date or a fate that is a death.
    LivingButDead,
    TooLong {
        field: &'static str,
        max: usize,
    },
    Story,
    Relationship,
    Email,
    BadEmail,
    Processing,
    Publication,
    /// The ground chosen does not fit whether the hero is alive.
    BasisDoesNotFit,
}

impl Lack {
    pub fn code(&self) -> &'static str {
        match self {
            Lack::Surname => "surname",
            Lack::Alive => "alive",
            Lack::BadDate { .. } => "bad-date",
            Lack::DeathBeforeBirth => "death-before-birth",
            Lack::LivingButDead => "living-but-dead",
            Lack::TooLong { .. } => "too-long",
            Lack::Story => "story",
            Lack::Relationship => "relationship",
            Lack::Email => "email",
            Lack::BadEmail => "bad-email",
            Lack::Processing => "processing",
            Lack::Publication => "publication",
            Lack::BasisDoesNotFit => "basis",
        }
    }

    /// The form field the problem belongs to (the `id` of its input).
    pub fn field(&self) -> &'static str {
        match self {
            Lack::Surname => "surname",
            Lack::Alive => "alive",
            Lack::BadDate { field, .. } | Lack::TooLong { field, .. } => field,
            Lack::DeathBeforeBirth => "death",
            Lack::LivingButDead => "alive",
            Lack::Story => "story",
            Lack::Relationship => "relationship",
            Lack::Email | Lack::BadEmail => "email",
            Lack::Processing => "processing",
            Lack::Publication | Lack::BasisDoesNotFit => "publication",
        }
    }
}

fn too_long(out: &mut Vec<Lack>, field: &'static str, value: &str, max: usize) {
    if value.chars().count() > max {
        out.push(Lack::TooLong { field, max });
    }
}

/// A plausible address: one `@`, something before it, a dot in the domain, no spaces. The
/// confirmation letter is the real check.
pub fn email_looks_valid(email: &str) -> bool {
    let email = email.trim();
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(char::is_whitespace)
        && email.len() <= 254
}

impl Contribution {
    /// What is missing or wrong on one step. A step may be left with problems (the draft keeps
    /// what was typed); sending needs every step clear.
    pub fn lacks(&self, step: Step) -> Vec<Lack> {
        let mut out = Vec::new();
        match step {
            Step::Hero => {
                let h = &self.hero;
                if h.surname.trim().is_empty() {
                    out.push(Lack::Surname);
                }
                for (field, value) in [
                    ("surname", &h.surname),
                    ("given", &h.given),
                    ("patronymic", &h.patronymic),
                ] {
                    too_long(&mut out, field, value, MAX_NAME_CHARS);
                }
                for (field, value) in [
                    ("birth_place", &h.birth_place),
                    ("rank", &h.rank),
                    ("unit", &h.unit),
                    ("work", &h.work),
                ] {
                    too_long(&mut out, field, value, MAX_LINE_CHARS);
                }
                too_long(&mut out, "awards", &h.awards, 2_000);
                if h.alive.is_none() {
                    out.push(Lack::Alive);
                }
                for (field, typed, parsed) in [
                    ("birth", &h.birth_typed, &h.birth),
                    ("death", &h.death_typed, &h.death),
                ] {
                    if !typed.trim().is_empty() && parsed.is_none() {
                        out.push(Lack::BadDate {
                            field,
                            typed: typed.trim().to_string(),
                        });
                    }
                }
                if let (Some(b), Some(d)) = (
                    h.birth.as_ref().and_then(Edtf::lower),
                    h.death.as_ref().and_then(Edtf::upper),
                ) && d < b
                {
                    out.push(Lack::DeathBeforeBirth);
                }
                if h.alive == Some(Alive::Living)
                    && (h.death.is_some() || h.fate.is_some_and(Fate::is_death))
                {
                    out.push(Lack::LivingButDead);
                }
            }
            Step::Story => {
                if self.story.trim().is_empty() {
                    out.push(Lack::Story);
                }
                too_long(&mut out, "story", &self.story, MAX_STORY_CHARS);
            }
            Step::Files => {}
            Step::You => {
                let c = &self.contributor;
                too_long(&mut out, "name", &c.name, 200);
                too_long(
                    &mut out,
                    "relationship_note",
                    &c.relationship_note,
                    MAX_LINE_CHARS,
                );
                if c.relationship.is_none() {
                    out.push(Lack::Relationship);
                }
                if c.email.trim().is_empty() {
                    out.push(Lack::Email);
                } else if !email_looks_valid(&c.email) {
                    out.push(Lack::BadEmail);
                }
            }
            Step::Consent => {
                let c = &self.consent;
                if !c.processing {
                    out.push(Lack::Processing);
                }
                match (c.publication, self.hero.alive) {
                    (None, _) => out.push(Lack::Publication),
                    (Some(basis), Some(alive)) if !basis.fits(alive) => {
                        out.push(Lack::BasisDoesNotFit)
                    }
                    _ => {}
                }
                too_long(&mut out, "conditions", &c.conditions, 2_000);
            }
        }
        out
    }

    /// Everything that stops the submission from being sent, step by step.
    pub fn lacks_before_send(&self) -> Vec<(Step, Lack)> {
        Step::ALL
            .into_iter()
            .flat_map(|s| self.lacks(s).into_iter().map(move |l| (s, l)))
            .collect()
    }

    /// How the family's account is signed when published: the name and relationship only when
    /// the contributor agreed to be named.
    pub fn credit(&self) -> Option<String> {
        let c = &self.contributor;
        if !self.consent.credit || c.name.trim().is_empty() {
            return None;
        }
        let relation = match (c.relationship, c.relationship_note.trim()) {
            (_, note) if !note.is_empty() => Some(note.to_string()),
            (Some(Relationship::Self_) | Some(Relationship::NotRelative) | None, _) => None,
            (Some(r), _) => Some(relation_word_ru(r).to_string()),
        };
        Some(match relation {
            Some(r) => format!("{}, {r}", c.name.trim()),
            None => c.name.trim().to_string(),
        })
    }
}

fn relation_word_ru(r: Relationship) -> &'static str {
    match r {
        Relationship::Child => "сын или дочь",
        Relationship::Grandchild => "внук или внучка",
        Relationship::GreatGrandchild => "правнук или правнучка",
        Relationship::OtherRelative => "родственник",
        Relationship::Self_ | Relationship::NotRelative => "",
    }
}

/// Reasons a moderator may give for declining; the contributor reads them with any words the
/// moderator adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeclineReason {
    NotAboutWar,
    CannotVerify,
    NoConsent,
    Inappropriate,
    Duplicate,
    Other,
}

impl DeclineReason {
    pub const ALL: [DeclineReason; 6] = [
        DeclineReason::NotAboutWar,
        DeclineReason::CannotVerify,
        DeclineReason::NoConsent,
        DeclineReason::Inappropriate,
        DeclineReason::Duplicate,
        DeclineReason::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DeclineReason::NotAboutWar => "not_about_war",
            DeclineReason::CannotVerify => "cannot_verify",
            DeclineReason::NoConsent => "no_consent",
            DeclineReason::Inappropriate => "inappropriate",
            DeclineReason::Duplicate => "duplicate",
            DeclineReason::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<DeclineReason> {
        DeclineReason::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label_ru(self) -> &'static str {
        match self {
            DeclineReason::NotAboutWar => "история не связана с городом и войной 1941–1945 годов",
            DeclineReason::CannotVerify => "сведения не удалось подтвердить",
            DeclineReason::NoConsent => "нет законного основания публиковать данные героя",
            DeclineReason::Inappropriate => "текст или файлы нарушают правила портала",
            DeclineReason::Duplicate => "этот рассказ уже есть в музее",
            DeclineReason::Other => "другая причина",
        }
    }
}

/// A field of a person that a family's account can fill or correct.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MergeField {
    Patronymic,
    Birth,
    Death,
    BirthPlace,
    Fate,
    Rank,
    Unit,
    Awards,
}

impl MergeField {
    pub const ALL: [MergeField; 8] = [
        MergeField::Patronymic,
        MergeField::Birth,
        MergeField::Death,
        MergeField::BirthPlace,
        MergeField::Fate,
        MergeField::Rank,
        MergeField::Unit,
        MergeField::Awards,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MergeField::Patronymic => "patronymic",
            MergeField::Birth => "birth",
            MergeField::Death => "death",
            MergeField::BirthPlace => "birth_place",
            MergeField::Fate => "fate",
            MergeField::Rank => "rank",
            MergeField::Unit => "unit",
            MergeField::Awards => "awards",
        }
    }

    pub fn from_code(code: &str) -> Option<MergeField> {
        MergeField::ALL.into_iter().find(|f| f.code() == code)
    }

    pub fn label_ru(self) -> &'static str {
        match self {
            MergeField::Patronymic => "Отчество",
            MergeField::Birth => "Дата рождения",
            MergeField::Death => "Дата смерти",
            MergeField::BirthPlace => "Место рождения",
            MergeField::Fate => "Судьба",
            MergeField::Rank => "Звание",
            MergeField::Unit => "Часть",
            MergeField::Awards => "Награды",
        }
    }

    /// Whether the contributor's bans keep this field out of publication.
    pub fn banned(self, consent: &ConsentGiven) -> bool {
        consent.ban_dates && matches!(self, MergeField::Birth | MergeField::Death)
    }

    /// The field's value in a person, as the moderator reads it («» when empty).
    pub fn show(self, p: &Person) -> String {
        match self {
            MergeField::Patronymic => p.name.patronymic.clone(),
            MergeField::Birth => p.birth.as_ref().map(Edtf::to_russian).unwrap_or_default(),
            MergeField::Death => p.death.as_ref().map(Edtf::to_russian).unwrap_or_default(),
            MergeField::BirthPlace => p.birth_place.clone(),
            MergeField::Fate => p.fate.map(|f| f.label_ru().to_string()).unwrap_or_default(),
            MergeField::Rank => p.service.rank.clone(),
            MergeField::Unit => p.service.unit.clone(),
            MergeField::Awards => p.awards.join("; "),
        }
    }

    /// The field's value as stored, so that a withdrawal can put back what the family replaced.
    fn get(self, p: &Person) -> serde_json::Value {
        use serde_json::json;
        match self {
            MergeField::Patronymic => json!(p.name.patronymic),
            MergeField::Birth => json!(p.birth),
            MergeField::Death => json!(p.death),
            MergeField::BirthPlace => json!(p.birth_place),
            MergeField::Fate => json!(p.fate),
            MergeField::Rank => json!(p.service.rank),
            MergeField::Unit => json!(p.service.unit),
            MergeField::Awards => json!(p.awards),
        }
    }

    fn set(self, p: &mut Person, v: serde_json::Value) {
        fn take<T: serde::de::DeserializeOwned + Default>(v: serde_json::Value) -> T {
            serde_json::from_value(v).unwrap_or_default()
        }
        match self {
            MergeField::Patronymic => p.name.patronymic = take(v),
            MergeField::Birth => p.birth = take(v),
            MergeField::Death => p.death = take(v),
            MergeField::BirthPlace => p.birth_place = take(v),
            MergeField::Fate => p.fate = take(v),
            MergeField::Rank => p.service.rank = take(v),
            MergeField::Unit => p.service.unit = take(v),
            MergeField::Awards => p.awards = take(v),
        }
    }
}

/// Where one field of a person came from when it was not the museum's own work.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldSource {
    /// A [`MergeField`] code.
    pub field: String,
    /// The submission the value came from.
    pub submission: SubmissionId,
    /// How the family is credited (`None`: «со слов семьи» without a name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    pub on: Date,
    /// What the field held before, put back if the family withdraws.
    #[serde(default)]
    pub replaced: serde_json::Value,
}

/// A field where the family's account adds to or differs from the person's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Difference {
    pub field: MergeField,
    pub museum: String,
    pub family: String,
    /// The contributor banned publishing it.
    pub banned: bool,
}

/// Fields where the family says something the person's record does not: empty in the museum's
/// record, or different. The moderator chooses which to take; nothing is taken by default when
/// the museum already has a value.
pub fn differences(person: &Person, hero: &Hero, consent: &ConsentGiven) -> Vec<Difference> {
    let family = hero.to_person();
    MergeField::ALL
        .into_iter()
        .filter_map(|field| {
            let theirs = field.show(&family);
            let ours = field.show(person);
            (!theirs.is_empty() && theirs != ours).then(|| Difference {
                field,
                museum: ours,
                family: theirs,
                banned: field.banned(consent),
            })
        })
        .collect()
}

/// Takes the chosen fields from the family's account into the person, recording for each where
/// it came from and what it replaced. Banned fields are skipped whatever was chosen.
pub fn merge(
    person: &mut Person,
    hero: &Hero,
    consent: &ConsentGiven,
    chosen: &[MergeField],
    submission: SubmissionId,
    credit: Option<String>,
    on: Date,
) -> Vec<MergeField> {
    let family = hero.to_person();
    let mut taken = Vec::new();
    for &field in chosen {
        if field.banned(consent) || field.show(&family).is_empty() || taken.contains(&field) {
            continue;
        }
        let replaced = field.get(person);
        field.set(person, field.get(&family));
        person.field_sources.retain(|s| s.field != field.code());
        person.field_sources.push(FieldSource {
            field: field.code().to_string(),
            submission,
            credit: credit.clone(),
            on,
            replaced,
        });
        taken.push(field);
    }
    taken
}

/// Withdrawal: puts back every field the submission filled, unless someone has changed it since
/// (then the later edit stands, and only the provenance goes). Returns whether anything changed.
pub fn unmerge(person: &mut Person, hero: &Hero, submission: SubmissionId) -> bool {
    let family = hero.to_person();
    let mut changed = false;
    let sources = std::mem::take(&mut person.field_sources);
    for source in sources {
        if source.submission != submission {
            person.field_sources.push(source);
            continue;
        }
        changed = true;
        if let Some(field) = MergeField::from_code(&source.field)
            && field.get(person) == field.get(&family)
        {
            field.set(person, source.replaced);
        }
    }
    changed
}

/// The family's account as published: a story record beside the person, so that its own consent
/// covers it alone and withdrawing it closes it without touching the museum's biography.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FamilyAccount {
    /// The hero.
    pub person: RecordId,
    pub submission: SubmissionId,
    /// «Анна Петрова, внучка», when the contributor agreed to be named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    /// Whether the hero is alive: decides which consent the account needs to be public.
    pub living: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hero() -> Hero {
        Hero {
            surname: "Ершов".into(),
            given: "Пётр".into(),
            patronymic: "Семёнович".into(),
            birth_typed: "1915".into(),
            birth: Some(Edtf::parse("1915").unwrap()),
            alive: Some(Alive::Deceased),
            fate: Some(Fate::Killed),
            unit: "1077-й стрелковый полк".into(),
            ..Hero::default()
        }
    }

    fn complete() -> Contribution {
        Contribution {
            hero: hero(),
            story: "Ушёл на фронт в июле 1941 года.".into(),
            contributor: Contributor {
                name: "Анна Петрова".into(),
                relationship: Some(Relationship::Grandchild),
                relationship_note: String::new(),
                email: "anna@example.ru".into(),
            },
            consent: ConsentGiven {
                processing: true,
                publication: Some(Basis::Heir),
                ..ConsentGiven::default()
            },
        }
    }

    #[test]
    fn a_complete_contribution_lacks_nothing() {
        assert_eq!(complete().lacks_before_send(), vec![]);
    }

    #[test]
    fn nothing_is_consented_by_default() {
        let c = Contribution::default();
        assert!(!c.consent.processing && c.consent.publication.is_none() && !c.consent.credit);
        let lacks: Vec<_> = c.lacks(Step::Consent).iter().map(Lack::code).collect();
        assert_eq!(lacks, ["processing", "publication"]);
    }

    #[test]
    fn the_ground_must_fit_whether_the_hero_is_alive() {
        let mut c = complete();
        c.consent.publication = Some(Basis::HeroConsents);
        assert_eq!(c.lacks(Step::Consent), vec![Lack::BasisDoesNotFit]);
        c.hero.alive = Some(Alive::Living);
        c.hero.fate = None;
        assert_eq!(c.lacks(Step::Consent), vec![]);
        c.consent.publication = Some(Basis::HeirsAgreement);
        assert_eq!(c.lacks(Step::Consent), vec![Lack::BasisDoesNotFit]);
    }

    #[test]
    fn hero_problems_name_their_fields() {
        let mut c = complete();
        c.hero.surname = " ".into();
        c.hero.birth_typed = "31.02.1915".into();
        c.hero.birth = None;
        c.hero.alive = Some(Alive::Living);
        let lacks = c.lacks(Step::Hero);
        let fields: Vec<_> = lacks.iter().map(|l| (l.code(), l.field())).collect();
        assert_eq!(
            fields,
            [
                ("surname", "surname"),
                ("bad-date", "birth"),
                ("living-but-dead", "alive")
            ]
        );
        c.hero = hero();
        c.hero.death = Some(Edtf::parse("1910").unwrap());
        c.hero.death_typed = "1910".into();
        assert_eq!(c.lacks(Step::Hero), vec![Lack::DeathBeforeBirth]);
    }

    #[test]
    fn contact_and_story_are_checked() {
        let mut c = complete();
        c.contributor.email = "anna@example".into();
        c.contributor.relationship = None;
        c.story = "x".repeat(MAX_STORY_CHARS + 1);
        let codes: Vec<_> = c
            .lacks_before_send()
            .iter()
            .map(|(s, l)| (s.code(), l.code()))
            .collect();
        assert_eq!(
            codes,
            [
                ("story", "too-long"),
                ("you", "relationship"),
                ("you", "bad-email")
            ]
        );
        assert!(email_looks_valid("a.b@mail.ru"));
        for bad in ["", "a@", "@b.ru", "a b@c.ru", "a@b@c.ru", "a@.ru", "a@ru."] {
            assert!(!email_looks_valid(bad), "{bad}");
        }
    }

    #[test]
    fn steps_run_in_order() {
        assert_eq!(Step::Hero.number(), 1);
        assert_eq!(Step::Hero.next(), Some(Step::Story));
        assert_eq!(Step::Hero.previous(), None);
        assert_eq!(Step::Consent.previous(), Some(Step::You));
        assert_eq!(Step::Consent.next(), None);
        for s in Step::ALL {
            assert_eq!(Step::from_code(s.code()), Some(s));
        }
    }

    #[test]
    fn the_pipeline_allows_only_its_moves() {
        use Status::*;
        assert!(Draft.may_move(Received));
        assert!(!Draft.may_move(Published));
        assert!(Received.may_move(NeedsInfo));
        assert!(NeedsInfo.may_move(InModeration));
        assert!(InModeration.may_move(Published));
        assert!(Published.may_move(Withdrawn));
        assert!(!Published.may_move(Declined));
        assert!(!Declined.may_move(Published));
        assert!(
            Declined.may_move(Withdrawn),
            "a declined story's words can be erased"
        );
        assert!(!Withdrawn.may_move(Received));
        for s in Status::ALL {
            assert_eq!(Status::from_code(s.code()), Some(s));
        }
    }

    #[test]
    fn credit_only_with_consent() {
        let mut c = complete();
        assert_eq!(c.credit(), None);
        c.consent.credit = true;
        assert_eq!(c.credit().as_deref(), Some("Анна Петрова, внук или внучка"));
        c.contributor.relationship_note = "внучка".into();
        assert_eq!(c.credit().as_deref(), Some("Анна Петрова, внучка"));
    }

    fn museum_person() -> Person {
        let mut p = Person {
            name: crate::names::PersonName::new("Ершов", "Пётр", ""),
            fate: Some(Fate::Missing),
            biography: "По данным военкомата…".into(),
            ..Person::default()
        };
        p.service.unit = String::new();
        p
    }

    #[test]
    fn differences_show_what_the_family_adds_or_corrects() {
        let c = complete();
        let diffs = differences(&museum_person(), &c.hero, &c.consent);
        let fields: Vec<_> = diffs.iter().map(|d| (d.field, d.museum.as_str())).collect();
        assert_eq!(
            fields,
            [
                (MergeField::Patronymic, ""),
                (MergeField::Birth, ""),
                (MergeField::Fate, "пропал без вести"),
                (MergeField::Unit, ""),
            ]
        );
        let mut banned = c.consent.clone();
        banned.ban_dates = true;
        let diffs = differences(&museum_person(), &c.hero, &banned);
        assert!(
            diffs
                .iter()
                .any(|d| d.field == MergeField::Birth && d.banned)
        );
    }

    #[test]
    fn merge_keeps_provenance_and_unmerge_puts_back() {
        let c = complete();
        let mut p = museum_person();
        let on = Date::constant(2026, 11, 26);
        let mut banned = c.consent.clone();
        banned.ban_dates = true;
        let taken = merge(
            &mut p,
            &c.hero,
            &banned,
            &[MergeField::Birth, MergeField::Unit, MergeField::Fate],
            SubmissionId(7),
            Some("Анна".into()),
            on,
        );
        assert_eq!(taken, [MergeField::Unit, MergeField::Fate]);
        assert_eq!(p.birth, None, "a banned field is never taken");
        assert_eq!(p.service.unit, "1077-й стрелковый полк");
        assert_eq!(p.fate, Some(Fate::Killed));
        assert_eq!(
            p.biography, "По данным военкомата…",
            "the museum's text stays"
        );
        assert_eq!(p.field_sources.len(), 2);
        assert_eq!(p.field_sources[0].submission, SubmissionId(7));

        // A later edit by the museum stands through the withdrawal.
        p.service.unit = "1077-й сп".into();
        assert!(unmerge(&mut p, &c.hero, SubmissionId(7)));
        assert_eq!(p.fate, Some(Fate::Missing));
        assert_eq!(p.service.unit, "1077-й сп");
        assert!(p.field_sources.is_empty());
        assert!(!unmerge(&mut p, &c.hero, SubmissionId(7)));
    }
}
