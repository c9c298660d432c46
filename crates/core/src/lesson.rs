//! Lesson kits and guided tours (issue #17): a teacher's or a guide's ordered set of blocks, each
//! showing material from the base — a record, an interview fragment, an image detail, a quote, a
//! place, a point on the timeline — with a note and, in a lesson, questions with the key.
//!
//! A kit holds references, never copies: every block is shown through the access gate as the
//! viewer may see its record today (see [`Material::as_story_block`]), so a withdrawn consent,
//! an embargo or a school's age limit applies inside a lesson exactly as on the record's page.

use crate::entities::{Block, MediaRef};
use crate::record::RecordId;
use crate::validation::{Checker, Invalid};
use serde::{Deserialize, Serialize};

/// A lesson for a class, or a tour of the exhibition hall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    #[default]
    Lesson,
    Tour,
}

impl Purpose {
    pub fn code(self) -> &'static str {
        match self {
            Purpose::Lesson => "lesson",
            Purpose::Tour => "tour",
        }
    }

    pub fn from_code(code: &str) -> Option<Purpose> {
        [Purpose::Lesson, Purpose::Tour]
            .into_iter()
            .find(|p| p.code() == code)
    }
}

/// Who may open a kit besides its author. Publication goes through an expert's review, as any
/// record's does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum KitState {
    /// Only its author (and the classes she gives a link to).
    #[default]
    Private,
    /// Colleagues — every teacher and guide — may open and present it.
    Shared,
    /// Waiting for an expert; colleagues see it too.
    Submitted,
    /// At `/lessons` for everyone.
    Published,
}

impl KitState {
    pub const ALL: [KitState; 4] = [
        KitState::Private,
        KitState::Shared,
        KitState::Submitted,
        KitState::Published,
    ];

    pub fn code(self) -> &'static str {
        match self {
            KitState::Private => "private",
            KitState::Shared => "shared",
            KitState::Submitted => "submitted",
            KitState::Published => "published",
        }
    }

    pub fn from_code(code: &str) -> Option<KitState> {
        KitState::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label_ru(self) -> &'static str {
        match self {
            KitState::Private => "личный",
            KitState::Shared => "виден коллегам",
            KitState::Submitted => "на проверке у эксперта",
            KitState::Published => "опубликован",
        }
    }
}

/// The school subjects a kit is for (the Federal basic curriculum's names).
pub const SUBJECTS: &[(&str, &str)] = &[
    ("history", "история"),
    ("literature", "литература"),
    ("social", "обществознание"),
    ("local", "краеведение"),
    ("safety", "ОБЗР (ОБЖ)"),
    ("music", "музыка"),
    ("art", "изобразительное искусство"),
    ("geography", "география"),
    ("classroom", "классный час"),
];

pub fn subject_label(code: &str) -> Option<&'static str> {
    SUBJECTS.iter().find(|(c, _)| *c == code).map(|(_, l)| *l)
}

/// A lesson kit or a tour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Kit {
    pub title: String,
    #[serde(default)]
    pub purpose: Purpose,
    /// The grades, 1–11; a tour for any visitor leaves them at 1–11.
    #[serde(default = "first_grade")]
    pub grade_from: u8,
    #[serde(default = "last_grade")]
    pub grade_to: u8,
    /// Codes of [`SUBJECTS`].
    #[serde(default)]
    pub subjects: Vec<String>,
    /// What it is about, a few words («оборона Химок», «дети войны»): the `/lessons` filter.
    #[serde(default)]
    pub topic: String,
    /// How long it takes, in minutes.
    #[serde(default)]
    pub minutes: u16,
    /// What pupils should come away with.
    #[serde(default)]
    pub goals: String,
    /// The opening words on the kit's first screen.
    #[serde(default)]
    pub intro: String,
    #[serde(default)]
    pub blocks: Vec<KitBlock>,
}

fn first_grade() -> u8 {
    1
}

fn last_grade() -> u8 {
    11
}

/// One screen of a lesson, one stop of a tour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KitBlock {
    pub material: Material,
    /// The teacher's or guide's words beside the material, shown to the class.
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub questions: Vec<Question>,
}

/// What a block shows from the base.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Material {
    /// A record's card.
    Record { record: RecordId },
    /// A stretch of an interview: plays only from `start_ms` to `end_ms`, with its transcript.
    Fragment {
        interview: RecordId,
        start_ms: u32,
        end_ms: u32,
    },
    /// A detail of one of a record's images: the rectangle in percent of its width and height.
    Detail {
        record: RecordId,
        sha256: String,
        crop: Crop,
    },
    /// Words quoted from a document (an item or a source).
    Quote { record: RecordId, text: String },
    /// A place on the map.
    Place { place: RecordId },
    /// A point on the timeline: an event or any dated record.
    Moment { record: RecordId },
}

/// A rectangle on an image, in percent (0–100) of its width and height.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Crop {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Crop {
    /// A crop inside the image and at least 2 % on each side; otherwise `None`.
    pub fn new(x: f32, y: f32, w: f32, h: f32) -> Option<Crop> {
        let ok = [x, y, w, h].iter().all(|v| v.is_finite())
            && x >= 0.0
            && y >= 0.0
            && w >= 2.0
            && h >= 2.0
            && x + w <= 100.0 + f32::EPSILON * 100.0
            && y + h <= 100.0 + f32::EPSILON * 100.0;
        ok.then_some(Crop { x, y, w, h })
    }

    /// The crop as `x,y,w,h` with one decimal, the form of the detail's address.
    pub fn to_param(self) -> String {
        format!("{:.1},{:.1},{:.1},{:.1}", self.x, self.y, self.w, self.h)
    }

    pub fn parse(text: &str) -> Option<Crop> {
        let v: Vec<f32> = text
            .split(',')
            .map(|p| p.trim().parse::<f32>())
            .collect::<Result<_, _>>()
            .ok()?;
        match v[..] {
            [x, y, w, h] => Crop::new(x, y, w, h),
            _ => None,
        }
    }
}

impl Material {
    pub fn code(&self) -> &'static str {
        match self {
            Material::Record { .. } => "record",
            Material::Fragment { .. } => "fragment",
            Material::Detail { .. } => "detail",
            Material::Quote { .. } => "quote",
            Material::Place { .. } => "place",
            Material::Moment { .. } => "moment",
        }
    }

    /// The record the block shows.
    pub fn record(&self) -> RecordId {
        match self {
            Material::Record { record }
            | Material::Detail { record, .. }
            | Material::Quote { record, .. }
            | Material::Moment { record } => *record,
            Material::Fragment { interview, .. } => *interview,
            Material::Place { place } => *place,
        }
    }

    /// The block as an exhibition's block, so the gate resolves it as it resolves a story's:
    /// a fragment reads the interview's public transcript, an image is the record's own file
    /// and is shown only while the record is.
    pub fn as_story_block(&self) -> Block {
        match self {
            Material::Record { record } | Material::Moment { record } => {
                Block::Record { record: *record }
            }
            Material::Fragment {
                interview,
                start_ms,
                end_ms,
            } => Block::Audio {
                interview: *interview,
                start_ms: *start_ms,
                end_ms: *end_ms,
            },
            Material::Detail { record, sha256, .. } => Block::Image {
                media: MediaRef {
                    sha256: sha256.clone(),
                    mime: String::new(),
                    caption: None,
                    alt: None,
                    width: None,
                    height: None,
                },
                record: Some(*record),
            },
            Material::Quote { record, text } => Block::Quote {
                text: text.clone(),
                attribution: String::new(),
                record: Some(*record),
                start_ms: None,
                end_ms: None,
            },
            Material::Place { place } => Block::Map {
                places: vec![*place],
            },
        }
    }
}

/// A question or task for the class, with the teacher's key (never shown to pupils).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub kind: QuestionKind,
    pub prompt: String,
    /// Choice: the options. Order: the items in their right order (pupils get them shuffled).
    #[serde(default)]
    pub options: Vec<String>,
    /// Choice: which options are right (0-based).
    #[serde(default)]
    pub correct: Vec<usize>,
    /// Open and map questions: the answer the teacher expects; a map question may name a place.
    #[serde(default)]
    pub key: String,
    /// Map: the place to find, whose position the teacher's copy gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<RecordId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// An answer in the pupil's words.
    Open,
    /// Pick the right option(s).
    Choice,
    /// Put events in order on the timeline.
    Order,
    /// Find a place on the map.
    Map,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 4] = [
        QuestionKind::Open,
        QuestionKind::Choice,
        QuestionKind::Order,
        QuestionKind::Map,
    ];

    pub fn code(self) -> &'static str {
        match self {
            QuestionKind::Open => "open",
            QuestionKind::Choice => "choice",
            QuestionKind::Order => "order",
            QuestionKind::Map => "map",
        }
    }

    pub fn from_code(code: &str) -> Option<QuestionKind> {
        QuestionKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label_ru(self) -> &'static str {
        match self {
            QuestionKind::Open => "вопрос",
            QuestionKind::Choice => "выбор ответа",
            QuestionKind::Order => "расставить по порядку",
            QuestionKind::Map => "найти на карте",
        }
    }
}

impl Question {
    /// The items of an order task as pupils get them: shuffled the same way on every showing
    /// (the screen, the worksheet and every pupil's phone agree), never in the right order.
    pub fn shuffled(&self) -> Vec<(usize, &str)> {
        let mut items: Vec<(usize, &str)> = self
            .options
            .iter()
            .enumerate()
            .map(|(i, s)| (i, s.as_str()))
            .collect();
        if items.len() < 2 {
            return items;
        }
        // A fixed step through the items, coprime with their number, from a start that
        // depends on the prompt: stable, and never the identity.
        let n = items.len();
        let seed = self
            .prompt
            .bytes()
            .fold(7usize, |h, b| h.wrapping_mul(31).wrapping_add(b as usize));
        let mut step = 2 + seed % n.max(2);
        while gcd(step, n) != 1 {
            step += 1;
        }
        let start = seed % n;
        let out: Vec<(usize, &str)> = (0..n).map(|k| items[(start + k * step) % n]).collect();
        if out.iter().enumerate().all(|(k, (i, _))| k == *i) {
            items.rotate_left(1);
            return items;
        }
        out
    }

    pub fn validate(&self, c: &mut Checker) {
        c.require("prompt", &self.prompt, "Вопрос или задание");
        c.max_len("prompt", &self.prompt, 1000, "Вопрос или задание");
        match self.kind {
            QuestionKind::Choice => {
                if self.options.len() < 2 {
                    c.problem("options", "Для выбора ответа нужны хотя бы два варианта.");
                }
                if self.correct.is_empty() || self.correct.iter().any(|&i| i >= self.options.len())
                {
                    c.problem(
                        "options",
                        "Отметьте верный вариант звёздочкой в начале строки: «*1941».",
                    );
                }
            }
            QuestionKind::Order => {
                if self.options.len() < 2 {
                    c.problem(
                        "options",
                        "Чтобы расставить по порядку, нужны хотя бы два пункта, по одному в строке.",
                    );
                }
            }
            QuestionKind::Map => {
                if self.place.is_none() && self.key.trim().is_empty() {
                    c.problem(
                        "key",
                        "Укажите, что найти на карте: адрес места в базе или ответ словами.",
                    );
                }
            }
            QuestionKind::Open => {}
        }
    }
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// At most this many blocks in a kit and questions in a block: a lesson is 45 minutes.
pub const MAX_BLOCKS: usize = 60;
pub const MAX_QUESTIONS: usize = 12;

impl Kit {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checker::new();
        c.require("title", &self.title, "Название");
        c.max_len("title", &self.title, 200, "Название");
        c.max_len("topic", &self.topic, 200, "Тема");
        c.max_len("goals", &self.goals, 4000, "Цели");
        c.max_len("intro", &self.intro, 4000, "Вступление");
        if !(1..=11).contains(&self.grade_from)
            || !(1..=11).contains(&self.grade_to)
            || self.grade_from > self.grade_to
        {
            c.problem(
                "grades",
                "Классы — от 1 до 11, и первый не больше последнего: например, с 8 по 11.",
            );
        }
        if self.minutes > 600 {
            c.problem("minutes", "Длительность — в минутах, не больше 600.");
        }
        for s in &self.subjects {
            if subject_label(s).is_none() {
                c.problem("subjects", format!("Неизвестный предмет «{s}»."));
            }
        }
        if self.blocks.len() > MAX_BLOCKS {
            c.problem(
                "blocks",
                format!("В уроке не больше {MAX_BLOCKS} блоков: разделите его на два."),
            );
        }
        for b in &self.blocks {
            c.max_len("note", &b.note, 4000, "Комментарий");
            if b.questions.len() > MAX_QUESTIONS {
                c.problem(
                    "questions",
                    format!("У блока не больше {MAX_QUESTIONS} вопросов."),
                );
            }
            if let Material::Fragment {
                start_ms, end_ms, ..
            } = &b.material
                && end_ms <= start_ms
            {
                c.problem(
                    "end",
                    "Фрагмент должен заканчиваться позже, чем начинается: например, с 1:20 до 2:05.",
                );
            }
            if let Material::Quote { text, .. } = &b.material {
                c.require("quote", text, "Цитата");
                c.max_len("quote", text, 2000, "Цитата");
            }
            for q in &b.questions {
                q.validate(&mut c);
            }
        }
        c.finish()
    }

    /// Every record the kit shows, block by block (map questions' places too).
    pub fn references(&self) -> Vec<RecordId> {
        let mut out = Vec::new();
        for b in &self.blocks {
            out.push(b.material.record());
            out.extend(b.questions.iter().filter_map(|q| q.place));
        }
        out
    }

    /// «8–11 классы», «5 класс».
    pub fn grades_label(&self) -> String {
        if self.grade_from == self.grade_to {
            format!("{} класс", self.grade_from)
        } else {
            format!("{}–{} классы", self.grade_from, self.grade_to)
        }
    }

    pub fn subjects_label(&self) -> String {
        self.subjects
            .iter()
            .filter_map(|s| subject_label(s))
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn question_count(&self) -> usize {
        self.blocks.iter().map(|b| b.questions.len()).sum()
    }
}

/// Parses «1:20», «01:02:05» or «80» (seconds) into milliseconds.
pub fn parse_timecode(text: &str) -> Option<u32> {
    let parts: Vec<&str> = text.trim().split(':').collect();
    if parts.is_empty() || parts.len() > 3 || parts.iter().any(|p| p.trim().is_empty()) {
        return None;
    }
    let mut seconds: f64 = 0.0;
    for (i, p) in parts.iter().enumerate() {
        let v: f64 = p.trim().replace(',', ".").parse().ok()?;
        if !v.is_finite() || v < 0.0 || (i > 0 && v >= 60.0) {
            return None;
        }
        seconds = seconds * 60.0 + v;
    }
    let ms = (seconds * 1000.0).round();
    (ms <= f64::from(u32::MAX)).then_some(ms as u32)
}

/// The characters of class codes: no 0/O, 1/I/L, so a code read off a board is typed right.
pub const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// A class code as typed («k7m 2qx») in its stored form («K7M2QX»); `None` if it cannot be one.
pub fn normalize_code(text: &str) -> Option<String> {
    let code: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (code.len() >= 4 && code.len() <= 12 && code.bytes().all(|b| CODE_ALPHABET.contains(&b)))
        .then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(kind: QuestionKind, options: &[&str]) -> Question {
        Question {
            kind,
            prompt: "Расставьте события по порядку".into(),
            options: options.iter().map(|s| s.to_string()).collect(),
            correct: vec![],
            key: String::new(),
            place: None,
        }
    }

    #[test]
    fn an_order_task_is_never_shown_in_its_right_order_and_always_the_same_way() {
        for n in 2..9 {
            let items: Vec<String> = (0..n).map(|i| format!("событие {i}")).collect();
            let refs: Vec<&str> = items.iter().map(String::as_str).collect();
            let task = q(QuestionKind::Order, &refs);
            let shown = task.shuffled();
            assert_eq!(shown.len(), n);
            assert!(
                shown.iter().enumerate().any(|(k, (i, _))| k != *i),
                "{n} items came out in order"
            );
            assert_eq!(shown, task.shuffled());
            let mut back: Vec<usize> = shown.iter().map(|(i, _)| *i).collect();
            back.sort();
            assert_eq!(back, (0..n).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_kit_names_what_is_wrong_in_words_a_teacher_reads() {
        let mut kit = Kit {
            title: " ".into(),
            grade_from: 9,
            grade_to: 5,
            ..Kit::default()
        };
        kit.blocks.push(KitBlock {
            material: Material::Fragment {
                interview: RecordId(1),
                start_ms: 5000,
                end_ms: 4000,
            },
            note: String::new(),
            questions: vec![q(QuestionKind::Choice, &["1941"])],
        });
        let problems = kit.validate().unwrap_err().problems;
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        for f in ["title", "grades", "end", "options"] {
            assert!(fields.contains(&f), "{f} missing in {fields:?}");
        }
    }

    #[test]
    fn timecodes_and_codes_are_read_as_people_write_them() {
        assert_eq!(parse_timecode("1:20"), Some(80_000));
        assert_eq!(parse_timecode("01:02:05"), Some(3_725_000));
        assert_eq!(parse_timecode("80"), Some(80_000));
        assert_eq!(parse_timecode("1:75"), None);
        assert_eq!(parse_timecode("abc"), None);
        assert_eq!(parse_timecode(""), None);
        assert_eq!(normalize_code("k7m 2qx").as_deref(), Some("K7M2QX"));
        assert_eq!(normalize_code("K0M2QX"), None);
        assert_eq!(normalize_code("../etc"), None);
    }

    #[test]
    fn a_crop_stays_inside_its_image() {
        assert!(Crop::new(10.0, 10.0, 50.0, 50.0).is_some());
        assert!(Crop::new(60.0, 0.0, 50.0, 50.0).is_none());
        assert!(Crop::new(0.0, 0.0, 1.0, 50.0).is_none());
        assert!(Crop::new(f32::NAN, 0.0, 10.0, 10.0).is_none());
        let c = Crop::parse("12.5, 20, 30, 40").unwrap();
        assert_eq!(c.to_param(), "12.5,20.0,30.0,40.0");
        assert_eq!(Crop::parse("1,2,3"), None);
    }
}
