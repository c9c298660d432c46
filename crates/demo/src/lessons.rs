//! The demo museum's lesson kits and its tour of the exhibition hall (issue #17), by the demo's
//! teacher: «Оборона Химок, ноябрь — декабрь 1941», «Дети войны», «Эвакогоспитали в школах» and
//! «Химки в годы войны: обзорная экскурсия».
//!
//! A kit holds references, so it is written against the base as it is: every record is looked up
//! among those an anonymous pupil sees in the strictest school mode (published, public, 0+,
//! without a content note) — by its title, an interview by a topic of its index, a letter by a
//! line of its transcription — every interview fragment is a topic's stretch of a real
//! transcript (from the interviewer's question to the end of the answer), every quotation is a
//! whole line of a letter's transcription, and every detail crops an image the record shows.
//! The keys never say more than the material does: a question about an answer that a given
//! interview leaves out is not asked.
//!
//! Kept apart from [`crate::generate`], which tests use as their fixture without accounts: `letopis
//! demo` adds the kits after the staff, and running it twice adds nothing.

use crate::DemoError;
use jiff::Timestamp;
use jiff::civil::Date;
use letopis_core::entities::ItemType;
use letopis_core::lesson::{
    Crop, Kit, KitBlock, KitState, Material, Purpose, Question, QuestionKind,
};
use letopis_core::{AgeRating, Body, Kind, RecordId, Viewer};
use letopis_store::accounts::Accounts;
use letopis_store::{ListQuery, Store, StoredRecord};
use std::collections::HashMap;

/// The speaker's name of the interviewer's cues in the demo's transcripts.
const INTERVIEWER: &str = "Интервьюер";

/// Publishes the demo's three lesson kits and its tour under the demo teacher's name (creating
/// her account, without a password, if `letopis demo` has not yet). Returns how many kits were
/// added: a kit whose title the teacher already has is left as it is, so a second run adds
/// nothing. A kit whose material the base does not hold (not the demo base) is skipped.
pub fn add_lesson_kits(
    store: &dyn Store,
    accounts: &dyn Accounts,
    today: Date,
) -> Result<usize, DemoError> {
    let owner = crate::staff::teacher(accounts)?;
    let existing: Vec<String> = accounts
        .kits_of(owner)?
        .into_iter()
        .map(|k| k.kit.title)
        .collect();
    let mut shelf = Shelf::load(store, today)?;
    let builders: [(&str, Builder); 4] = [
        (DEFENCE, defence),
        (CHILDREN, children),
        (HOSPITALS, hospitals),
        (TOUR, tour),
    ];
    let mut added = 0;
    for (title, build) in builders {
        if existing.iter().any(|t| t == title) {
            continue;
        }
        let Some(kit) = build(&mut shelf) else {
            tracing::warn!("demo kit «{title}» skipped: the base lacks its material");
            continue;
        };
        debug_assert_eq!(kit.title, title);
        let now = Timestamp::now();
        let stored = accounts.create_kit(owner, &kit, now)?;
        accounts.set_kit_state(stored.id, KitState::Published, "", now)?;
        added += 1;
    }
    Ok(added)
}

/// Builds a kit from what the base holds; `None` when it lacks the kit's material.
type Builder = fn(&mut Shelf) -> Option<Kit>;

const DEFENCE: &str = "Оборона Химок, ноябрь — декабрь 1941";
const CHILDREN: &str = "Дети войны";
const HOSPITALS: &str = "Эвакогоспитали в школах";
const TOUR: &str = "Химки в годы войны: обзорная экскурсия";

/// The records a kit may show: what an anonymous pupil sees in the strictest school mode.
struct Shelf {
    records: Vec<StoredRecord>,
    /// How many fragments and quotes each record already gave, so kits draw on many voices.
    used: HashMap<RecordId, usize>,
}

/// A topic's stretch of an interview: the question and the narrator's answers to it.
struct Voice {
    interview: RecordId,
    start_ms: u32,
    end_ms: u32,
    narrator: String,
    female: bool,
    answers: Vec<String>,
}

impl Voice {
    fn material(&self) -> Material {
        Material::Fragment {
            interview: self.interview,
            start_ms: self.start_ms,
            end_ms: self.end_ms,
        }
    }

    /// «рассказчик» or «рассказчица».
    fn who(&self) -> &'static str {
        if self.female {
            "рассказчица"
        } else {
            "рассказчик"
        }
    }

    /// The genitive: «по словам рассказчика».
    fn whose(&self) -> &'static str {
        if self.female {
            "рассказчицы"
        } else {
            "рассказчика"
        }
    }

    /// Whether the stretch holds these words.
    fn says(&self, words: &str) -> bool {
        self.answers.iter().any(|a| a.contains(words))
    }
}

/// A front-line letter: the line quoted, its greeting and its page.
struct Letter {
    record: RecordId,
    /// A whole line of the transcription, as the letter has it.
    line: String,
    /// The transcription's first line.
    greeting: String,
    image: Option<String>,
}

impl Letter {
    fn quote(&self) -> Material {
        Material::Quote {
            record: self.record,
            text: self.line.clone(),
        }
    }

    /// The top of the page: the greeting and the first lines.
    fn opening(&self) -> Option<Material> {
        Some(Material::Detail {
            record: self.record,
            sha256: self.image.clone()?,
            crop: Crop {
                x: 5.0,
                y: 4.0,
                w: 90.0,
                h: 34.0,
            },
        })
    }
}

impl Shelf {
    fn load(store: &dyn Store, today: Date) -> Result<Shelf, DemoError> {
        let pupil = Viewer::anonymous()
            .with_max_age(AgeRating::Zero)
            .filter(today);
        let mut records = Vec::new();
        for kind in [
            Kind::Place,
            Kind::Event,
            Kind::Organization,
            Kind::Item,
            Kind::Interview,
            Kind::Story,
        ] {
            let mut query = ListQuery::new(kind);
            query.limit = 1_000;
            loop {
                let page = store.list(&query, &pupil)?;
                let n = page.items.len() as u64;
                records.extend(
                    page.items
                        .into_iter()
                        .filter(|r| r.record.meta.content_note.is_none()),
                );
                query.offset += n;
                if n == 0 || query.offset >= page.total {
                    break;
                }
            }
        }
        Ok(Shelf {
            records,
            used: HashMap::new(),
        })
    }

    /// The record of `kind` titled `title`.
    fn titled(&self, kind: Kind, title: &str) -> Option<RecordId> {
        self.records
            .iter()
            .find(|r| r.record.kind() == kind && r.record.title() == title)
            .map(|r| r.record.id())
    }

    fn place(&self, title: &str) -> Option<RecordId> {
        self.titled(Kind::Place, title)
    }

    fn event(&self, title: &str) -> Option<RecordId> {
        self.titled(Kind::Event, title)
    }

    fn story(&self, title: &str) -> Option<RecordId> {
        self.titled(Kind::Story, title)
    }

    /// A detail of the first image of the item titled `title`.
    fn detail(&self, title: &str, crop: Crop) -> Option<Material> {
        let r = self
            .records
            .iter()
            .find(|r| r.record.kind() == Kind::Item && r.record.title() == title)?;
        let media = r
            .public_body()
            .media()
            .into_iter()
            .find(|m| m.mime.starts_with("image/"))?;
        Some(Material::Detail {
            record: r.record.id(),
            sha256: media.sha256.clone(),
            crop,
        })
    }

    /// The front-line letter with a line holding `words`, the one quoted least so far.
    fn letter(&mut self, words: &str) -> Option<Letter> {
        let letter = self
            .records
            .iter()
            .filter_map(|r| match r.public_body() {
                Body::Item(i) if i.item_type == ItemType::Letter => {
                    let line = i.transcription.lines().find(|l| l.contains(words))?;
                    Some(Letter {
                        record: r.record.id(),
                        line: line.trim().to_string(),
                        greeting: i.transcription.lines().next()?.trim().to_string(),
                        image: i
                            .media
                            .iter()
                            .find(|m| m.mime.starts_with("image/"))
                            .map(|m| m.sha256.clone()),
                    })
                }
                _ => None,
            })
            .min_by_key(|l| self.used.get(&l.record).copied().unwrap_or(0))?;
        *self.used.entry(letter.record).or_default() += 1;
        Some(letter)
    }

    /// The stretch of an interview indexed under `topic` (a segment's title): from its first cue
    /// to the end of the last before the next segment. Interviews told under a pseudonym or with
    /// closed parts are left out; of the rest, the one with the fullest answer, then the one
    /// used least, then the first.
    fn voice(&mut self, topic: &str) -> Option<Voice> {
        let mut found: Vec<Voice> = Vec::new();
        for r in &self.records {
            let Body::Interview(i) = r.public_body() else {
                continue;
            };
            if i.pseudonym.is_some() || !i.redactions.is_empty() {
                continue;
            }
            let Some(recording) = i.recordings.first().filter(|rec| !rec.withheld) else {
                continue;
            };
            let Some(k) = i.segments.iter().position(|s| s.title == topic) else {
                continue;
            };
            let from = i.segments[k].start_ms;
            let until = i.segments.get(k + 1).map_or(u32::MAX, |s| s.start_ms);
            let cues: Vec<_> = i
                .transcript
                .iter()
                .filter(|c| c.start_ms >= from && c.start_ms < until)
                .collect();
            let answers: Vec<String> = cues
                .iter()
                .filter(|c| c.speaker.as_deref() != Some(INTERVIEWER))
                .map(|c| c.text.clone())
                .collect();
            let (Some(first), Some(last)) = (cues.first(), cues.last()) else {
                continue;
            };
            // A kit refers to its narrator, never names them: the fragment's own card shows the
            // name as the interview shows it today, so a pseudonym chosen later (or a withdrawal)
            // reaches the kit too. A name copied into a note would stay behind.
            if !cues
                .iter()
                .any(|c| c.speaker.as_deref().is_some_and(|s| s != INTERVIEWER))
            {
                continue;
            }
            let female = i
                .transcript
                .iter()
                .any(|c| c.text.starts_with("Я родилась"));
            let narrator = if female {
                "рассказчица"
            } else {
                "рассказчик"
            }
            .to_string();
            if answers.is_empty() || last.end_ms > recording.duration_ms {
                continue;
            }
            found.push(Voice {
                interview: r.record.id(),
                start_ms: first.start_ms,
                end_ms: last.end_ms,
                narrator,
                female,
                answers,
            });
        }
        let used = &self.used;
        let best = found.into_iter().enumerate().min_by_key(|(n, v)| {
            (
                std::cmp::Reverse(v.answers.len()),
                used.get(&v.interview).copied().unwrap_or(0),
                *n,
            )
        })?;
        *self.used.entry(best.1.interview).or_default() += 1;
        Some(best.1)
    }
}

fn block(material: Material, note: &str, questions: Vec<Question>) -> KitBlock {
    KitBlock {
        material,
        note: note.into(),
        questions,
    }
}

fn question(kind: QuestionKind, prompt: &str) -> Question {
    Question {
        kind,
        prompt: prompt.into(),
        options: Vec::new(),
        correct: Vec::new(),
        key: String::new(),
        place: None,
    }
}

fn open(prompt: &str, key: &str) -> Question {
    Question {
        key: key.into(),
        ..question(QuestionKind::Open, prompt)
    }
}

fn choice(prompt: &str, options: &[&str], correct: usize) -> Question {
    Question {
        options: options.iter().map(|s| s.to_string()).collect(),
        correct: vec![correct],
        ..question(QuestionKind::Choice, prompt)
    }
}

/// Items in their right order (pupils get them shuffled); the key gives the dates.
fn order(prompt: &str, items: &[&str], key: &str) -> Question {
    Question {
        options: items.iter().map(|s| s.to_string()).collect(),
        key: key.into(),
        ..question(QuestionKind::Order, prompt)
    }
}

fn map(prompt: &str, place: RecordId, key: &str) -> Question {
    Question {
        place: Some(place),
        key: key.into(),
        ..question(QuestionKind::Map, prompt)
    }
}

/// The middle of a generated photograph, where its people, houses or road are.
fn middle() -> Crop {
    Crop {
        x: 15.0,
        y: 30.0,
        w: 70.0,
        h: 62.0,
    }
}

/// «Оборона Химок, ноябрь — декабрь 1941»: the front at the town's door and its memorial.
fn defence(shelf: &mut Shelf) -> Option<Kit> {
    let offensive = shelf.event("Ноябрьское наступление противника на Москву")?;
    let counteroffensive = shelf.event("Контрнаступление под Москвой")?;
    let line = shelf.place("Рубеж обороны на 23-м километре Ленинградского шоссе")?;
    let ezhi = shelf.place("Памятник защитникам Москвы («Ежи»)")?;
    let ditch = shelf.voice("Противотанковый ров")?;
    let front = shelf.voice("Фронт у порога")?;
    let photo = shelf.detail("Бойцы истребительного батальона у моста", middle())?;
    let letter = shelf.letter("Бьём фашиста крепко");
    let story = shelf.story("Рубеж у Ежей: ноябрь–декабрь 1941");

    let mut blocks = vec![
        block(
            Material::Moment { record: offensive },
            "15 ноября 1941 года начался второй этап немецкого наступления на Москву. Танковые группы обходили столицу с севера и с юга; на северо-западе бои шли вдоль Ленинградского шоссе — дороги, которая проходит через Химки. Спросите класс, что ребята уже знают о Битве под Москвой, и покажите на ленте времени, как мало дней отделяет ноябрьское наступление от декабрьского контрнаступления.",
            vec![order(
                "Расставьте события осени и зимы 1941 года по порядку.",
                &[
                    "Противник занимает Солнечногорск",
                    "Противник занимает Красную Поляну у Лобни",
                    "Красная армия переходит в контрнаступление под Москвой",
                    "Освобождено Крюково",
                    "Освобождён Солнечногорск",
                ],
                "Около 23 ноября — 30 ноября — 5–6 декабря — 8 декабря — 12 декабря 1941 года.",
            )],
        ),
        block(
            Material::Place { place: line },
            "В ноябре 1941 года на 23-м километре Ленинградского шоссе поперёк дороги построили противотанковые заграждения и вырыли окопы. Ближе этого рубежа противник по шоссе к Москве не подошёл. Попросите учеников найти на карте рубеж, Химки и Крюково и сравнить, сколько километров оставалось до Москвы.",
            vec![map(
                "Найдите на карте памятник «Ежи». В какой стороне от него Москва, а в какой — Солнечногорск?",
                ezhi,
                "Памятник стоит у 23-го километра Ленинградского шоссе, к северо-западу от Старых Химок. Москва — к юго-востоку по шоссе, Солнечногорск — к северо-западу.",
            )],
        ),
    ];

    let mut ditch_key = format!(
        "Женщины: мама {} и другие. Мужчины ушли на фронт, поэтому рвы и окопы на подступах к Москве рыли в основном женщины и подростки.",
        ditch.whose()
    );
    let mut hard_key = String::from("Уходили затемно, возвращались с кровавыми мозолями.");
    if ditch.says("ломами") {
        hard_key.push_str(" Земля уже промёрзла, её долбили ломами.");
    }
    if ditch.says("обед") {
        ditch_key.push_str(" Дети помогали как могли: носили работающим обед.");
    }
    blocks.push(block(
        ditch.material(),
        &format!(
            "Вспоминает {}. Осенью 1941 года сотни тысяч москвичей и жителей области рыли противотанковые рвы и окопы. Перед прослушиванием попросите класс запомнить, кто работал на рытье рва и как тяжело это было.",
            ditch.narrator
        ),
        vec![
            open(
                "Кто копал противотанковый ров у Подрезкова и почему именно эти люди?",
                &ditch_key,
            ),
            open(
                "Какие подробности в рассказе показывают, как тяжело давалась эта работа?",
                &hard_key,
            ),
        ],
    ));

    let mut front_questions = vec![choice(
        &format!(
            "Где, по словам {}, были немцы в конце ноября 1941 года?",
            front.whose()
        ),
        &[
            "У Речного вокзала",
            "У Крюкова и у Красной Поляны",
            "В Старых Химках",
            "На Красной площади",
        ],
        1,
    )];
    if front.says("ежи и надолбы") {
        front_questions.push(open(
            "Что на шоссе напоминало жителям о том, что фронт совсем близко?",
            "Ежи и надолбы на шоссе — там, где теперь памятник; бойцы-сибиряки в белых полушубках, которые шли мимо домов на фронт; канонада днём и ночью.",
        ));
    }
    blocks.push(block(
        front.material(),
        &format!(
            "Вспоминает {}. В 1941 году {} и многое {} по слухам, по тому, что говорили взрослые. Обратите на это внимание класса: так работает память очевидца. Сравните услышанное с лентой времени.",
            front.narrator,
            if front.female { "она была ребёнком" } else { "он был ребёнком" },
            if front.female { "знала" } else { "знал" },
        ),
        front_questions,
    ));

    blocks.push(block(
        photo,
        "Бойцы Химкинского истребительного батальона у моста. Такие батальоны составляли из рабочих, служащих и старшеклассников, не подлежавших призыву: они охраняли заводы, мосты и станции и ловили диверсантов. В демонстрационной базе снимок заменён сгенерированным изображением, а сведения о батальоне обобщены.",
        vec![
            choice(
                "Кого, кроме рабочих и служащих, брали в истребительный батальон?",
                &[
                    "Только кадровых военных",
                    "Лётчиков и моряков",
                    "Старшеклассников, не подлежавших призыву",
                    "Только тех, кто вернулся с фронта",
                ],
                2,
            ),
            open(
                "Почему мосты через канал так берегли осенью 1941 года?",
                "По мосту Ленинградского шоссе через канал шла дорога к Москве, а по каналу проходил один из рубежей обороны столицы: переправы нужно было удержать и уберечь от диверсантов.",
            ),
        ],
    ));

    if let Some(letter) = letter {
        blocks.push(block(
            letter.quote(),
            "Строки из фронтового письма домой. Текст письма, как и люди демонстрационной базы, вымышлен, но написан так, как писали тогда; дата — на карточке письма.",
            vec![open(
                "Почему бойцы в письмах домой старались успокоить родных? О чём они почти не писали?",
                "Не хотели, чтобы семья тревожилась, и поддерживали её. О тяжёлых боях и потерях писать было не принято, к тому же письма проверяла военная цензура.",
            )],
        ));
    }

    blocks.push(block(
        Material::Moment {
            record: counteroffensive,
        },
        "5–6 декабря 1941 года войска Калининского, Западного и Юго-Западного фронтов перешли в наступление и отбросили противника от Москвы. 8 декабря освободили Крюково, 12 декабря — Солнечногорск, а 13 декабря газеты напечатали сообщение Совинформбюро «Провал немецкого плана окружения и взятия Москвы».",
        Vec::new(),
    ));
    blocks.push(block(
        Material::Place { place: ezhi },
        "Памятник защитникам Москвы открыли в 1966 году, к 25-летию Битвы под Москвой: три огромных противотанковых ежа стоят там, где в 1941 году проходил рубеж. Завершите урок разговором о памяти.",
        vec![
            choice(
                "Что отмечает памятник «Ежи» на 23-м километре Ленинградского шоссе?",
                &[
                    "Место парада 7 ноября 1941 года",
                    "Рубеж, ближе которого противник не подошёл к Москве по Ленинградскому шоссе",
                    "Место, где начинается канал имени Москвы",
                    "Границу Москвы и Химок",
                ],
                1,
            ),
            open(
                "Почему рубеж у 23-го километра стал местом памяти для всего города? Как бы вы рассказали о нём младшему брату или сестре?",
                "Здесь противника остановили на ближних подступах к Москве; многие защитники рубежа погибли, и памятник напоминает о них. Вторая часть — ответ ученика своими словами.",
            ),
        ],
    ));
    if let Some(story) = story {
        blocks.push(block(
            Material::Record { record: story },
            "Экспозиция музея о ноябре — декабре 1941 года: карта, события и воспоминания. Её можно предложить для самостоятельного просмотра дома.",
            Vec::new(),
        ));
    }

    Some(Kit {
        title: DEFENCE.into(),
        purpose: Purpose::Lesson,
        grade_from: 8,
        grade_to: 11,
        subjects: vec!["history".into(), "local".into()],
        topic: "оборона Химок".into(),
        minutes: 45,
        goals: "Узнать, как осенью 1941 года фронт подошёл к Химкам и как за несколько недель противника остановили и отбросили от Москвы; научиться сопоставлять воспоминания очевидцев с датами событий и местами на карте; понять, почему рубеж у 23-го километра Ленинградского шоссе стал местом памяти.".into(),
        intro: "В ноябре 1941 года фронт подошёл к Химкам почти вплотную. Мы послушаем, что запомнили жители, тогда дети, посмотрим на места, где строили оборону, и разберёмся, как противника остановили и отбросили от Москвы. Рассказчики «Живых голосов» в демонстрационной базе вымышлены, но события и места — настоящие.".into(),
        blocks,
    })
}

/// «Дети войны»: how the town's children lived, worked and remembered.
fn children(shelf: &mut Shelf) -> Option<Kit> {
    let cards = shelf.event("Введение продовольственных карточек")?;
    let reopen = shelf.event("Возобновление занятий в школах")?;
    let school = shelf.place("Сходненская школа")?;
    let raids = shelf.voice("Налёты и зажигалки")?;
    let hunger = shelf.voice("Карточки и голод")?;
    let work = shelf.voice("Ящик под ногами у станка")?;
    let closing = shelf.voice("Обращение к школьникам")?;
    // The letter with the story of the goat, or, in a base without one, any letter's page.
    let (letter, quoted) = match shelf.letter("читал его вслух ребятам в землянке")
    {
        Some(letter) => (letter, true),
        None => (shelf.letter("")?, false),
    };
    let page = letter.opening()?;
    let story = shelf.story("Дети войны Сходни");

    let mut raid_questions = vec![choice(
        "Что было у дежурных на чердаке?",
        &[
            "Винтовки и каски",
            "Носилки и бинты",
            "Ящик с песком, щипцы и бочка с водой",
            "Бинокль и телефон",
        ],
        2,
    )];
    if raids.says("гордились") {
        raid_questions.push(open(
            "Ребятам было страшно, но они гордились своими дежурствами. Почему?",
            "Им доверили настоящее взрослое дело: беречь свой дом и соседей от пожара.",
        ));
    }
    let mut blocks = vec![block(
        raids.material(),
        &format!(
            "Вспоминает {}. Летом и осенью 1941 года немецкие самолёты пытались бомбить канал, мосты и железную дорогу, и на крышах и чердаках вместе со взрослыми дежурили подростки. Зажигательные бомбы называли «зажигалками».",
            raids.narrator
        ),
        raid_questions,
    )];

    blocks.push(block(
        Material::Moment { record: cards },
        "В июле 1941 года в Москве и пригородах ввели карточки на хлеб, сахар и другие продукты. Норма зависела от того, кто ты: рабочий, служащий, иждивенец или ребёнок.",
        Vec::new(),
    ));
    let mut hunger_key = String::from(
        "Очереди были долгими, стояли с ночи; номер на ладони не потеряешь, а химический карандаш трудно стереть.",
    );
    if hunger.says("картошку") {
        hunger_key.push_str(
            " Весной сажали картошку везде, где только можно, — так семьи переживали голодное время.",
        );
    }
    blocks.push(block(
        hunger.material(),
        &format!(
            "Вспоминает {}. Говорите о голоде бережно: в классе могут быть дети, чьи семьи сами пережили трудные времена.",
            hunger.narrator
        ),
        vec![open(
            "Зачем номер в очереди за хлебом писали химическим карандашом на ладони?",
            &hunger_key,
        )],
    ));

    let mut work_key = String::from(
        "Он был слишком мал ростом, чтобы дотянуться до станка. На заводах вместо ушедших на фронт мужчин работали женщины и подростки.",
    );
    if work.says("двенадцать часов") {
        work_key.push_str(" Смена длилась двенадцать часов, как у взрослых.");
    }
    let work_key = if work.female {
        work_key.replace("Он был слишком мал", "Она была слишком мала")
    } else {
        work_key
    };
    blocks.push(block(
        work.material(),
        &format!(
            "Вспоминает {}. С 1942 года на заводах Химок у станков вставали четырнадцати-пятнадцатилетние ребята, а некоторые — и раньше. Спросите класс, сколько лет было {} в начале работы.",
            work.narrator,
            if work.female { "рассказчице" } else { "рассказчику" },
        ),
        vec![open(
            &format!(
                "Почему {} поставили ящик под ноги? Что это говорит о том, кто работал на заводах в тылу?",
                if work.female { "девочке" } else { "мальчику" }
            ),
            &work_key,
        )],
    ));
    blocks.push(block(
        page,
        "Начало фронтового письма домой. Конвертов не хватало, и письма часто складывали треугольником. Изображение письма создано для демонстрации, а его текст — в расшифровке на карточке письма.",
        vec![open(
            "С каких слов начинается письмо? Найдите обращение в расшифровке и подумайте, кому оно адресовано.",
            &format!(
                "«{}» Боец пишет родным, которые остались дома.",
                letter.greeting
            ),
        )],
    ));
    if quoted {
        blocks.push(block(
            letter.quote(),
            "Строки из того же письма. Письма из дома на фронте перечитывали много раз, и самые простые домашние новости были радостью. Текст письма, как и люди демонстрационной базы, вымышлен, но написан так, как писали тогда.",
            vec![open(
                "Почему бойцу так дорога была смешная домашняя история? О чём бы вы написали на фронт?",
                "Новости из дома напоминали о мирной жизни, ради которой воевали, а смех помогал держаться. Вторая часть — ответ ученика своими словами.",
            )],
        ));
    }

    blocks.push(block(
        Material::Place { place: school },
        "Сходненская школа: здесь в войну учились и дежурили на крыше во время налётов дети Сходни. Место условное, описание составлено для демонстрации.",
        vec![map(
            "Найдите на карте Сходненскую школу. Что находится рядом с ней?",
            school,
            "Школа в Сходне, рядом со станцией Сходня и мастерскими у станции; неподалёку — воинское захоронение.",
        )],
    ));
    blocks.push(block(
        Material::Moment { record: reopen },
        "Осенью 1942 года, после того как противника отбросили от Москвы, школы снова собрали учеников. Писали на полях старых газет, в классах топили печи.",
        vec![order(
            "Расставьте события по порядку.",
            &[
                "Введены продовольственные карточки",
                "Противника отбросили от Москвы",
                "Школы снова собирают учеников",
                "Первый салют в Москве — в честь освобождения Орла и Белгорода",
                "День Победы",
            ],
            "Июль 1941 — декабрь 1941 — осень 1942 — 5 августа 1943 — 9 мая 1945 года.",
        )],
    ));

    blocks.push(block(
        closing.material(),
        &format!(
            "В конце беседы {} обращается к сегодняшним школьникам. Дайте классу минуту помолчать после прослушивания, а потом обсудите услышанное.",
            closing.narrator
        ),
        vec![open(
            &format!(
                "О чём {} просит сегодняшних школьников? Какой вопрос вы задали бы {} сами?",
                closing.who(),
                if closing.female { "ей" } else { "ему" }
            ),
            &format!(
                "Ответ — в последних словах {} во фрагменте: прослушайте их с классом ещё раз. Вопросы учеников — любые, заданные с уважением.",
                closing.whose()
            ),
        )],
    ));
    if let Some(story) = story {
        blocks.push(block(
            Material::Record { record: story },
            "Экспозиция музея о военном детстве в Сходне: другие воспоминания, фотографии и карта.",
            Vec::new(),
        ));
    }

    Some(Kit {
        title: CHILDREN.into(),
        purpose: Purpose::Lesson,
        grade_from: 5,
        grade_to: 9,
        subjects: vec!["history".into(), "classroom".into(), "local".into()],
        topic: "дети войны".into(),
        minutes: 40,
        goals: "Узнать, как жили, учились и трудились дети в Химках и Сходне в 1941–1945 годах; научиться внимательно слушать воспоминания очевидца и задавать к ним вопросы; понять, почему эти воспоминания важно сохранить.".into(),
        intro: "Ребятам, о которых этот урок, в 1941 году было столько же лет, сколько вам. Послушаем их воспоминания: как они дежурили на крышах, стояли в очередях за хлебом, вставали к станку и что они хотят сказать сегодняшним школьникам. Рассказчики в демонстрационной базе вымышлены, но их рассказы составлены по образцу настоящих воспоминаний, а события и места — настоящие.".into(),
        blocks,
    })
}

/// «Эвакогоспитали в школах»: the school in Old Khimki that became a hospital.
fn hospitals(shelf: &mut Shelf) -> Option<Kit> {
    let opened = shelf.event("Открытие эвакогоспиталя в школе Старых Химок")?;
    let building = shelf.place("Здание школы в Старых Химках")?;
    let hospital = shelf.titled(
        Kind::Organization,
        "Эвакогоспиталь в Старых Химках (демонстрационный)",
    )?;
    let skhodnya = shelf.place("Госпиталь в Сходне")?;
    let grave = shelf.place("Воинское захоронение в Сходне")?;
    let ward = shelf.voice("Госпиталь в нашей школе")?;
    let back = shelf.voice("Снова в школу")?;
    let photo = shelf.detail(
        "Медсёстры и раненые эвакогоспиталя во дворе школы",
        middle(),
    )?;
    let letter = shelf.letter("ваши письма для меня — праздник");
    let story = shelf.story("Химкинские школы-госпитали");

    let mut blocks = vec![
        block(
            Material::Moment { record: opened },
            "Летом и осенью 1941 года многие подмосковные школы отдали под госпитали: классы стали палатами, учителя и старшеклассницы — санитарками. Это событие в демонстрационной базе обобщённое: оно составлено по образцу многих подмосковных школ-госпиталей.",
            Vec::new(),
        ),
        block(
            Material::Place { place: building },
            "Двухэтажное кирпичное здание довоенной школы. С лета 1941 года в нём размещался эвакогоспиталь, а занятия перенесли в соседние дома. Место условное, описание составлено для демонстрации.",
            vec![map(
                "Найдите на карте здание школы в Старых Химках. Что рядом с ним могло помочь быстро доставлять раненых?",
                building,
                "Школа в Старых Химках; рядом станция Химки Октябрьской железной дороги, недалеко Ленинградское шоссе.",
            )],
        ),
        block(
            Material::Record { record: hospital },
            "Карточка госпиталя: хирургическое отделение разместили в спортзале, палаты — в классах. Номер госпиталя не указан: он условный.",
            vec![choice(
                "Где в здании школы разместили хирургическое отделение?",
                &["В библиотеке", "В подвале", "В спортзале", "В учительской"],
                2,
            )],
        ),
        block(
            photo,
            "Фотография 1942 года из фондов музея: медсёстры и раненые во дворе школы. В демонстрационной базе снимок заменён сгенерированным изображением.",
            vec![open(
                "Кто мог работать в школьном госпитале? Подумайте, кем были эти люди до войны.",
                "Врачи и медсёстры, а ещё учителя и старшеклассницы, ставшие санитарками; до войны они учили и учились в этой школе.",
            )],
        ),
    ];

    let mut ward_questions = vec![choice(
        &format!("Чем помогали раненым дети, по словам {}?", ward.whose()),
        &[
            "Делали перевязки и операции",
            "Читали раненым газеты и писали за них письма домой",
            "Охраняли госпиталь",
            "Привозили раненых с фронта",
        ],
        1,
    )];
    if ward.says("ложку") {
        ward_questions.push(open(
            "Раненый вырезал из дерева ложку, и её хранят до сих пор. Почему такую простую вещь берегут всю жизнь?",
            "Это память о человеке и о том времени, знак его благодарности; вещь хранит историю, которую можно рассказать другим.",
        ));
    }
    blocks.push(block(
        ward.material(),
        &format!(
            "Вспоминает {}. Перед прослушиванием попросите класс заметить, чем дети помогали раненым.",
            ward.narrator
        ),
        ward_questions,
    ));

    if let Some(letter) = letter {
        blocks.push(block(
            letter.quote(),
            "Так писал домой боец с фронта. Раненые в госпитале ждали писем не меньше, а многие не могли писать сами, и за них писали школьники. Текст письма, как и люди демонстрационной базы, вымышлен, но написан так, как писали тогда.",
            vec![open(
                "Почему для раненого так важно было написать домой и получить ответ?",
                "Семья должна была узнать, что он жив; письмо из дома поддерживало и помогало выздоравливать.",
            )],
        ));
    }

    blocks.push(block(
        Material::Place { place: grave },
        "Не все раненые выжили. Воинов, умерших от ран в госпиталях Сходни, похоронили в братской могиле. Здесь уместно помолчать минуту вместе с классом.",
        vec![
            map(
                "Найдите на карте госпиталь в Сходне и воинское захоронение рядом с ним.",
                skhodnya,
                "Госпиталь в здании бывшего дома отдыха в Сходне; захоронение — неподалёку, в той же Сходне.",
            ),
            open(
                "Как можно сохранить память о тех, кто умер от ран в госпиталях?",
                "Например: прийти к захоронению 9 Мая, узнать имена похороненных и рассказать о них, помочь музею собрать воспоминания. Ответы учеников своими словами.",
            ),
        ],
    ));

    let mut back_key = String::from("Писали на старых газетах, чернила делали из сажи.");
    if back.says("в пальто") {
        back_key.push_str(" В классе было холодно, сидели в пальто.");
    }
    blocks.push(block(
        back.material(),
        &format!(
            "Вспоминает {}. Осенью 1942 года, когда противника отбросили от Москвы, школы снова собрали учеников.",
            back.narrator
        ),
        vec![
            open(
                "Как учились дети, когда занятия возобновились? Сравните с вашим классом.",
                &back_key,
            ),
            order(
                "Расставьте события по порядку.",
                &[
                    "В школе Старых Химок открывают эвакогоспиталь",
                    "Красная армия переходит в контрнаступление под Москвой",
                    "Школы снова собирают учеников",
                    "День Победы",
                ],
                "Лето 1941 — 5–6 декабря 1941 — осень 1942 — 9 мая 1945 года.",
            ),
        ],
    ));
    if let Some(story) = story {
        blocks.push(block(
            Material::Record { record: story },
            "Экспозиция музея о химкинских школах-госпиталях: её можно посмотреть с классом в конце урока или дома.",
            Vec::new(),
        ));
    }

    Some(Kit {
        title: HOSPITALS.into(),
        purpose: Purpose::Lesson,
        grade_from: 6,
        grade_to: 11,
        subjects: vec!["history".into(), "local".into(), "classroom".into()],
        topic: "школы-госпитали".into(),
        minutes: 45,
        goals: "Узнать, как в годы войны школы превращали в госпитали и как жил такой госпиталь; понять, чем помогали раненым жители и дети; научиться работать с фотографией, воспоминанием и картой как с историческими источниками.".into(),
        intro: "Летом и осенью 1941 года многие подмосковные школы отдали под госпитали. В демонстрационной базе так случилось со школой в Старых Химках. Мы узнаем, как жил школьный госпиталь, чем помогали раненым дети, что стало с теми, кого не спасли, и как школа вернулась к ученикам. Люди демонстрационной базы вымышлены, а школа-госпиталь — обобщённый образ многих настоящих.".into(),
        blocks,
    })
}

/// The tour of the exhibition hall: seven stops from the autumn of 1941 to the Victory.
fn tour(shelf: &mut Shelf) -> Option<Kit> {
    let front = shelf.story("Рубеж у Ежей: ноябрь–декабрь 1941")?;
    let ezhi = shelf.place("Памятник защитникам Москвы («Ежи»)")?;
    let october = shelf.voice("Шестнадцатое октября")?;
    let hospitals = shelf.story("Химкинские школы-госпитали")?;
    let may = shelf.voice("Девятое мая")?;
    let meeting = shelf.detail("Митинг 9 мая 1945 года у станции Химки", middle())?;
    let flame = shelf.place("Вечный огонь в Старых Химках")?;

    let blocks = vec![
        block(
            october.material(),
            &format!(
                "Начните с голоса. Вспоминает {}: середина октября 1941 года, по шоссе идут машины и подводы, на станции грузят в эшелоны станки завода № 301. 16 октября по Москве разошлись слухи о сдаче столицы.",
                october.narrator
            ),
            Vec::new(),
        ),
        block(
            Material::Record { record: front },
            "Экспозиция «Рубеж у Ежей»: как в ноябре 1941 года фронт подошёл к Химкам и как в декабре противника отбросили. Покажите на карте экспозиции Солнечногорск, Крюково, Красную Поляну и Химки.",
            vec![open(
                "Как вы думаете, что чувствовали жители Химок, когда канонаду было слышно днём и ночью?",
                "Ответ посетителей своими словами: тревогу за близких, страх, надежду.",
            )],
        ),
        block(
            Material::Place { place: ezhi },
            "Памятник «Ежи» открыли в 1966 году на 23-м километре Ленинградского шоссе, у рубежа, ближе которого противник по шоссе к Москве не подошёл.",
            vec![map(
                "Найдите на карте памятник «Ежи».",
                ezhi,
                "У 23-го километра Ленинградского шоссе, к северо-западу от Старых Химок.",
            )],
        ),
        block(
            Material::Record { record: hospitals },
            "Экспозиция о школах-госпиталях: классы стали палатами, учителя — санитарками, а школьники читали раненым письма и газеты.",
            Vec::new(),
        ),
        block(
            may.material(),
            &format!(
                "Вспоминает {}: утро 9 мая 1945 года. Дайте посетителям дослушать до конца.",
                may.narrator
            ),
            Vec::new(),
        ),
        block(
            meeting,
            "Митинг 9 мая 1945 года у станции Химки: люди обнимались и плакали, вечером смотрели на салют над Москвой. В демонстрационной базе снимок заменён сгенерированным изображением.",
            Vec::new(),
        ),
        block(
            Material::Place { place: flame },
            "Последняя остановка — Вечный огонь в Старых Химках с именами жителей, не вернувшихся с войны. Здесь проходят митинги 9 Мая. Предложите посетителям найти в базе музея своих родных или соседей и рассказать о них.",
            vec![open(
                "Знаете ли вы, кто из ваших родных или соседей пережил войну? Что вы хотели бы о них узнать?",
                "Ответ посетителей; музей принимает воспоминания и фотографии через раздел «Дополните».",
            )],
        ),
    ];

    Some(Kit {
        title: TOUR.into(),
        purpose: Purpose::Tour,
        grade_from: 1,
        grade_to: 11,
        subjects: vec!["local".into(), "history".into()],
        topic: "Химки 1941–1945".into(),
        minutes: 40,
        goals: "Показать посетителям, как война прошла через Химки: эвакуация осенью 1941 года, фронт у порога, школы-госпитали, День Победы и память о погибших.".into(),
        intro: "Добро пожаловать в зал музея. За сорок минут мы пройдём от тревожной осени 1941 года до первого Дня Победы и закончим у Вечного огня. Голоса рассказчиков в демонстрационной базе вымышлены, но события и места — настоящие.".into(),
        blocks,
    })
}
