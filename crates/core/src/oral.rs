//! The planning side of «Живые голоса» (issue #6): who narrators are, the stages an interview
//! project moves through with the checklist each stage needs, and the notes an interviewer keeps
//! for the narrator's psychological safety. Plain rules, no I/O: the store keeps projects and
//! the studio asks these rules what a move needs.
//!
//! A stage is named for what has been achieved («предварительная беседа проведена»), so its
//! checklist is what must be true before a project may claim it. Items are either ticked by
//! a person or follow from the project's own data ([`Fact`]), so nobody can tick «психолог
//! назначен» while no psychologist is.

use std::fmt;

/// Who a narrator is for the project (roadmap: veterans, home-front workers, children of war,
/// and their relatives who keep the family's memory).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NarratorCategory {
    Veteran,
    HomeFront,
    ChildOfWar,
    Relative,
    Other,
}

impl NarratorCategory {
    pub const ALL: [NarratorCategory; 5] = [
        NarratorCategory::Veteran,
        NarratorCategory::HomeFront,
        NarratorCategory::ChildOfWar,
        NarratorCategory::Relative,
        NarratorCategory::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            NarratorCategory::Veteran => "veteran",
            NarratorCategory::HomeFront => "home_front",
            NarratorCategory::ChildOfWar => "child_of_war",
            NarratorCategory::Relative => "relative",
            NarratorCategory::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<NarratorCategory> {
        Self::ALL.into_iter().find(|c| c.code() == code.trim())
    }

    pub fn label_ru(self) -> &'static str {
        match self {
            NarratorCategory::Veteran => "ветеран, участник боевых действий",
            NarratorCategory::HomeFront => "труженик тыла",
            NarratorCategory::ChildOfWar => "ребёнок войны",
            NarratorCategory::Relative => "родственник участника событий",
            NarratorCategory::Other => "другое",
        }
    }
}

/// Where an interview project stands. The first nine follow one another; a project may be
/// closed (it will not happen) or withdrawn (the narrator took back their consent) from any
/// open stage, and both are final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    Proposed,
    Contacted,
    PreInterview,
    Scheduled,
    Recorded,
    Transcribed,
    Indexed,
    NarratorReview,
    Published,
    Closed,
    Withdrawn,
}

impl Stage {
    pub const ALL: [Stage; 11] = [
        Stage::Proposed,
        Stage::Contacted,
        Stage::PreInterview,
        Stage::Scheduled,
        Stage::Recorded,
        Stage::Transcribed,
        Stage::Indexed,
        Stage::NarratorReview,
        Stage::Published,
        Stage::Closed,
        Stage::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Stage::Proposed => "proposed",
            Stage::Contacted => "contacted",
            Stage::PreInterview => "pre_interview",
            Stage::Scheduled => "scheduled",
            Stage::Recorded => "recorded",
            Stage::Transcribed => "transcribed",
            Stage::Indexed => "indexed",
            Stage::NarratorReview => "narrator_review",
            Stage::Published => "published",
            Stage::Closed => "closed",
            Stage::Withdrawn => "withdrawn",
        }
    }

    pub fn from_code(code: &str) -> Option<Stage> {
        Self::ALL.into_iter().find(|s| s.code() == code.trim())
    }

    pub fn label_ru(self) -> &'static str {
        match self {
            Stage::Proposed => "предложено",
            Stage::Contacted => "связались с рассказчиком",
            Stage::PreInterview => "предварительная беседа проведена",
            Stage::Scheduled => "интервью назначено",
            Stage::Recorded => "интервью записано",
            Stage::Transcribed => "расшифровано",
            Stage::Indexed => "указатель фрагментов составлен",
            Stage::NarratorReview => "рассказчик прочёл и одобрил",
            Stage::Published => "опубликовано",
            Stage::Closed => "закрыто",
            Stage::Withdrawn => "рассказчик отозвал согласие",
        }
    }

    /// Closed and withdrawn projects take no further steps. A published one has no next stage
    /// but may still be withdrawn: withdrawal matters most once the portal shows the interview.
    pub fn is_final(self) -> bool {
        matches!(self, Stage::Closed | Stage::Withdrawn)
    }

    /// The next stage forward, if any.
    pub fn next(self) -> Option<Stage> {
        use Stage::*;
        match self {
            Proposed => Some(Contacted),
            Contacted => Some(PreInterview),
            PreInterview => Some(Scheduled),
            Scheduled => Some(Recorded),
            Recorded => Some(Transcribed),
            Transcribed => Some(Indexed),
            Indexed => Some(NarratorReview),
            NarratorReview => Some(Published),
            Published | Closed | Withdrawn => None,
        }
    }

    /// What must be true before a project may claim this stage.
    pub fn checklist(self) -> &'static [Item] {
        match self {
            Stage::Proposed | Stage::Closed | Stage::Withdrawn => &[],
            Stage::Contacted => CONTACTED,
            Stage::PreInterview => PRE_INTERVIEW,
            Stage::Scheduled => SCHEDULED,
            Stage::Recorded => RECORDED,
            Stage::Transcribed => TRANSCRIBED,
            Stage::Indexed => INDEXED,
            Stage::NarratorReview => NARRATOR_REVIEW,
            Stage::Published => PUBLISHED,
        }
    }

    /// Checks a move from this stage to `to`. Forward goes one stage at a time and needs the
    /// checklist of the stage it claims; closing and withdrawal need a reason, and a published
    /// project is not closed, only withdrawn.
    pub fn check_move(self, to: Stage, state: &ChecklistState<'_>) -> Result<(), MoveRefused> {
        if self.is_final() {
            return Err(MoveRefused::Final(self));
        }
        if self == Stage::Published && to != Stage::Withdrawn {
            return Err(MoveRefused::AfterPublication);
        }
        if matches!(to, Stage::Closed | Stage::Withdrawn) {
            if state.note.trim().is_empty() {
                return Err(MoveRefused::NoReason(to));
            }
            return Ok(());
        }
        if self.next() != Some(to) {
            return Err(MoveRefused::NotNext { from: self, to });
        }
        let missing: Vec<&'static str> = to
            .checklist()
            .iter()
            .filter(|item| !state.holds(item))
            .map(|item| item.label)
            .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(MoveRefused::Missing { to, missing })
        }
    }
}

const CONTACTED: &[Item] = &[
    Item::tick(
        "agreed_to_talk",
        "Рассказчик (или его родственник) согласен на предварительную беседу",
    ),
    Item::tick(
        "contact_recorded",
        "Способ связи записан в закрытые данные рассказчика",
    ),
];

const PRE_INTERVIEW: &[Item] = &[
    Item::tick(
        "purpose_explained",
        "Объяснено, зачем музей записывает воспоминания",
    ),
    Item::tick(
        "uses_explained",
        "Объяснено, где и как запись будет использована (портал, выставки, уроки)",
    ),
    Item::tick(
        "review_explained",
        "Объяснено, что рассказчик прочтёт расшифровку и может убрать любую часть до публикации",
    ),
    Item::tick(
        "preservation_explained",
        "Объяснено, где и как долго хранится запись и как отозвать согласие",
    ),
    Item::fact(
        "psychologist",
        "Назначен психолог (координатор отметил, что он нужен)",
        Fact::PsychologistIfNeeded,
    ),
];

const SCHEDULED: &[Item] = &[
    Item::tick(
        "date_place_agreed",
        "Дата и место согласованы с рассказчиком",
    ),
    Item::tick("carer_informed", "Родственник или опекун знает о встрече"),
    Item::fact(
        "interviewer",
        "Назначен интервьюер",
        Fact::InterviewerAssigned,
    ),
    Item::fact("guide", "Выбран опросник", Fact::GuideChosen),
];

const RECORDED: &[Item] = &[
    Item::tick(
        "consent_signed",
        "Рассказчик подписал согласие на запись и обработку персональных данных",
    ),
    Item::fact(
        "interview",
        "Запись интервью создана в базе и связана с проектом",
        Fact::InterviewLinked,
    ),
    Item::fact(
        "debrief",
        "Интервьюер записал свой разбор после интервью",
        Fact::DebriefWritten,
    ),
];

const TRANSCRIBED: &[Item] = &[Item::tick(
    "transcript_checked",
    "Расшифровка сверена с записью",
)];

const INDEXED: &[Item] = &[Item::tick(
    "segments_done",
    "Указатель фрагментов составлен: заголовки, краткое содержание, ключевые слова",
)];

const NARRATOR_REVIEW: &[Item] = &[
    Item::tick(
        "narrator_read",
        "Рассказчик (или родственник) прочёл расшифровку",
    ),
    Item::tick("corrections_made", "Поправки рассказчика внесены"),
    Item::tick(
        "restrictions_recorded",
        "Ограничения (что не публиковать) записаны в интервью",
    ),
];

const PUBLISHED: &[Item] = &[Item::fact(
    "interview_public",
    "Запись интервью опубликована и открыта посетителям портала",
    Fact::InterviewPublic,
)];

/// One thing to be true before a project claims a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    /// Stable within its stage; stored with a tick.
    pub code: &'static str,
    pub label: &'static str,
    pub check: Check,
}

impl Item {
    const fn tick(code: &'static str, label: &'static str) -> Item {
        Item {
            code,
            label,
            check: Check::Ticked,
        }
    }

    const fn fact(code: &'static str, label: &'static str, fact: Fact) -> Item {
        Item {
            code,
            label,
            check: Check::Derived(fact),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// A person ticks it.
    Ticked,
    /// It follows from the project's data.
    Derived(Fact),
}

/// What the project's own data says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fact {
    InterviewerAssigned,
    /// A psychologist is assigned, or the coordinator did not mark the project as needing one.
    PsychologistIfNeeded,
    GuideChosen,
    InterviewLinked,
    DebriefWritten,
    /// The linked Interview record is published and the access gate shows it to an anonymous
    /// visitor: a project never claims more than the portal shows.
    InterviewPublic,
}

/// The facts of one project, gathered by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Facts {
    pub interviewer: bool,
    pub needs_psychologist: bool,
    pub psychologist: bool,
    pub guide: bool,
    pub interview: bool,
    pub debrief: bool,
    pub interview_public: bool,
}

impl Facts {
    pub fn holds(&self, fact: Fact) -> bool {
        match fact {
            Fact::InterviewerAssigned => self.interviewer,
            Fact::PsychologistIfNeeded => !self.needs_psychologist || self.psychologist,
            Fact::GuideChosen => self.guide,
            Fact::InterviewLinked => self.interview,
            Fact::DebriefWritten => self.debrief,
            Fact::InterviewPublic => self.interview_public,
        }
    }
}

/// Everything a move is judged on: the ticks of the stage claimed, the facts, the reason given.
#[derive(Debug, Clone, Copy)]
pub struct ChecklistState<'a> {
    /// Codes of the items ticked for the stage being claimed.
    pub ticked: &'a [&'a str],
    pub facts: Facts,
    pub note: &'a str,
}

impl ChecklistState<'_> {
    pub fn holds(&self, item: &Item) -> bool {
        match item.check {
            Check::Ticked => self.ticked.contains(&item.code),
            Check::Derived(fact) => self.facts.holds(fact),
        }
    }
}

/// Why a project may not move, in Russian.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoveRefused {
    #[error("Проект уже в состоянии «{}»: дальше он не движется.", .0.label_ru())]
    Final(Stage),
    #[error("Из состояния «{}» можно перейти только к следующему, «{}», а не к «{}».",
        .from.label_ru(), .from.next().map(Stage::label_ru).unwrap_or("—"), .to.label_ru())]
    NotNext { from: Stage, to: Stage },
    #[error("Нельзя перейти к «{}»: не выполнено — {}.", .to.label_ru(), .missing.join("; "))]
    Missing {
        to: Stage,
        missing: Vec<&'static str>,
    },
    #[error("Чтобы перевести проект в состояние «{}», напишите причину в поле «Примечание».", .0.label_ru())]
    NoReason(Stage),
    #[error(
        "Проект опубликован: следующего этапа нет, и закрыть его нельзя. Если рассказчик отозвал согласие, отметьте отзыв и снимите запись интервью с публикации на её странице."
    )]
    AfterPublication,
}

/// What an interviewer notes for the narrator's psychological safety.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SupportKind {
    Break,
    /// Signs of distress: the assigned psychologist is told at once.
    Distress,
    /// A topic the narrator did not want to talk about: never asked again, never published.
    Declined,
    /// The interviewer's own debrief after the interview.
    Debrief,
}

impl SupportKind {
    pub const ALL: [SupportKind; 4] = [
        SupportKind::Break,
        SupportKind::Distress,
        SupportKind::Declined,
        SupportKind::Debrief,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SupportKind::Break => "break",
            SupportKind::Distress => "distress",
            SupportKind::Declined => "declined",
            SupportKind::Debrief => "debrief",
        }
    }

    pub fn from_code(code: &str) -> Option<SupportKind> {
        Self::ALL.into_iter().find(|k| k.code() == code.trim())
    }

    pub fn label_ru(self) -> &'static str {
        match self {
            SupportKind::Break => "перерыв",
            SupportKind::Distress => "признаки волнения, тяжёлого состояния",
            SupportKind::Declined => "тема, которую рассказчик не захотел обсуждать",
            SupportKind::Debrief => "разбор интервьюера после интервью",
        }
    }
}

/// A timecode as people type it, `1:02:03`, `02:03` or `125` (seconds), in milliseconds.
pub fn parse_timecode(text: &str) -> Option<u32> {
    let parts: Vec<&str> = text.trim().split(':').collect();
    if parts.is_empty() || parts.len() > 3 {
        return None;
    }
    let mut seconds: u64 = 0;
    for (i, part) in parts.iter().enumerate() {
        if part.is_empty() || part.len() > 6 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n: u64 = part.parse().ok()?;
        if i > 0 && n >= 60 {
            return None;
        }
        seconds = seconds * 60 + n;
    }
    u32::try_from(seconds.checked_mul(1000)?).ok()
}

/// `1:02:03` or `02:03`.
pub fn format_timecode(ms: u32) -> String {
    let s = ms / 1000;
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_ru())
    }
}
