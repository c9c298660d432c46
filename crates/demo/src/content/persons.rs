//! Invented people: soldiers, officers, militiamen, medics, home-front workers, children of war.
//!
//! Person № i is generated from its own random stream, so the first thousand people are the same
//! whether the base holds two thousand or a million. The first few indices are reserved for the
//! narrators of the «Живые голоса» and for the non-public fixtures the gate is tested with.

use super::names::{self, female_surname, given_name, patronymic, surname_for, variant_spelling};
use super::{MARK_PERSON, edtf, pick, rng_for, weighted};
use fastrand::Rng;
use letopis_core::entities::{
    Citation, ExternalDb, ExternalRef, Fate, Person, PersonRole, Service, Sex,
};
use letopis_core::names::PersonName;
use letopis_core::record::Settings;
use letopis_core::{AccessLevel, RecordId, Workflow};

/// People recorded in interviews: 20 living, then 4 who died after the recording.
pub(crate) const NARRATORS: usize = 24;
pub(crate) const LIVING_NARRATORS: usize = 20;
/// Index of the living person deliberately left without a publication consent.
pub(crate) const NO_CONSENT: usize = 24;
pub(crate) const DRAFT: usize = 25;
pub(crate) const STAFF_ONLY: usize = 26;
pub(crate) const IN_REVIEW: usize = 27;
/// Generic people start here.
pub(crate) const FIRST_GENERIC: usize = 28;
/// The smallest base that still has every part of the museum.
pub(crate) const MIN_PERSONS: usize = 100;

const STREAM: u64 = 0x5045_5253; // "PERS"

/// What the base needs to know about a person besides the record body, to relate it and cover it
/// by a consent.
#[derive(Debug, Clone)]
pub(crate) struct PersonPlan {
    pub index: usize,
    pub person: Person,
    pub settings: Settings,
    pub workflow: Workflow,
    pub home: &'static str,
    pub born_local: Option<&'static str>,
    pub unit: Option<&'static str>,
    pub work: Option<&'static str>,
    pub study: Option<&'static str>,
    pub events: Vec<&'static str>,
    pub buried: Option<&'static str>,
    /// Same family as the previous person (RelativeOf).
    pub relative_of_previous: bool,
    pub consent: ConsentNeed,
    pub memorial: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ConsentNeed {
    /// Deceased: covered by the expert commission's public-interest decision.
    PublicInterest,
    /// Living: their own publication consent.
    Publication,
    /// Narrators get theirs together with the interview.
    WithInterview,
    /// The fixture: nobody asked, so the gate must hide the record.
    None,
}

/// A battle an invented soldier could have fallen in: the event, how a biography says where,
/// and the days it lasted.
struct Battle {
    event: &'static str,
    phrase: &'static str,
    from: (i16, i8, i8),
    to: (i16, i8, i8),
    /// Moscow battles: the fallen were reburied in the Novogorsk mass grave.
    near_town: bool,
}

const BATTLES: &[Battle] = &[
    Battle {
        event: "ev_vyazma",
        phrase: "под Вязьмой",
        from: (1941, 10, 2),
        to: (1941, 10, 13),
        near_town: false,
    },
    Battle {
        event: "ev_november_offensive",
        phrase: "на Ленинградском шоссе под Солнечногорском",
        from: (1941, 11, 16),
        to: (1941, 11, 30),
        near_town: false,
    },
    Battle {
        event: "ev_ezhi_line",
        phrase: "на рубеже у 23-го километра Ленинградского шоссе",
        from: (1941, 11, 25),
        to: (1941, 12, 5),
        near_town: true,
    },
    Battle {
        event: "ev_kryukovo",
        phrase: "в боях за Крюково",
        from: (1941, 12, 2),
        to: (1941, 12, 8),
        near_town: true,
    },
    Battle {
        event: "ev_krasnaya_polyana",
        phrase: "у Красной Поляны",
        from: (1941, 11, 30),
        to: (1941, 12, 8),
        near_town: true,
    },
    Battle {
        event: "ev_counteroffensive",
        phrase: "в наступлении под Москвой",
        from: (1941, 12, 5),
        to: (1942, 1, 7),
        near_town: false,
    },
    Battle {
        event: "ev_rzhev",
        phrase: "под Ржевом",
        from: (1942, 1, 8),
        to: (1943, 3, 31),
        near_town: false,
    },
    Battle {
        event: "ev_stalingrad",
        phrase: "под Сталинградом",
        from: (1942, 7, 17),
        to: (1943, 2, 2),
        near_town: false,
    },
    Battle {
        event: "ev_kursk",
        phrase: "на Курской дуге",
        from: (1943, 7, 5),
        to: (1943, 8, 23),
        near_town: false,
    },
    Battle {
        event: "ev_dnieper",
        phrase: "при форсировании Днепра",
        from: (1943, 8, 26),
        to: (1943, 12, 23),
        near_town: false,
    },
    Battle {
        event: "ev_bagration",
        phrase: "в Белоруссии",
        from: (1944, 6, 23),
        to: (1944, 8, 29),
        near_town: false,
    },
    Battle {
        event: "ev_konigsberg",
        phrase: "при штурме Кёнигсберга",
        from: (1945, 4, 6),
        to: (1945, 4, 9),
        near_town: false,
    },
    Battle {
        event: "ev_berlin",
        phrase: "в боях за Берлин",
        from: (1945, 4, 16),
        to: (1945, 5, 8),
        near_town: false,
    },
    Battle {
        event: "ev_raids_khimki",
        phrase: "при отражении налёта на канал",
        from: (1941, 7, 22),
        to: (1942, 4, 30),
        near_town: true,
    },
];

fn battle(event: &str) -> Option<&'static Battle> {
    BATTLES.iter().find(|b| b.event == event)
}

/// Awards: nominative (the record's list) and instrumental («награждён медалью …»).
const ZA_OTVAGU: (&str, &str) = ("медаль «За отвагу»", "медалью «За отвагу»");
const ZA_BZ: (&str, &str) = ("медаль «За боевые заслуги»", "медалью «За боевые заслуги»");
const KR_ZVEZDA: (&str, &str) = ("орден Красной Звезды", "орденом Красной Звезды");
const SLAVA3: (&str, &str) = ("орден Славы III степени", "орденом Славы III степени");
const OV2: (&str, &str) = (
    "орден Отечественной войны II степени",
    "орденом Отечественной войны II степени",
);
const OV1: (&str, &str) = (
    "орден Отечественной войны I степени",
    "орденом Отечественной войны I степени",
);
const KR_ZNAMYA: (&str, &str) = ("орден Красного Знамени", "орденом Красного Знамени");
const MOSCOW: (&str, &str) = ("медаль «За оборону Москвы»", "медалью «За оборону Москвы»");
const VICTORY: (&str, &str) = (
    "медаль «За победу над Германией в Великой Отечественной войне 1941–1945 гг.»",
    "медалью «За победу над Германией в Великой Отечественной войне 1941–1945 гг.»",
);
const BERLIN: (&str, &str) = ("медаль «За взятие Берлина»", "медалью «За взятие Берлина»");
const KONIGSBERG: (&str, &str) = (
    "медаль «За взятие Кёнигсберга»",
    "медалью «За взятие Кёнигсберга»",
);
const LABOUR: (&str, &str) = (
    "медаль «За доблестный труд в Великой Отечественной войне 1941–1945 гг.»",
    "медалью «За доблестный труд в Великой Отечественной войне 1941–1945 гг.»",
);

const MONTHS_GEN: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
const MONTHS_PREP: [&str; 12] = [
    "январе",
    "феврале",
    "марте",
    "апреле",
    "мае",
    "июне",
    "июле",
    "августе",
    "сентябре",
    "октябре",
    "ноябре",
    "декабре",
];

const VILLAGES: &[(&str, &str)] = &[
    ("с.", "Никольское"),
    ("с.", "Покровское"),
    ("с.", "Воскресенское"),
    ("д.", "Михайловка"),
    ("д.", "Ивановка"),
    ("д.", "Горки"),
    ("д.", "Сосновка"),
    ("д.", "Берёзовка"),
    ("д.", "Дубровка"),
    ("с.", "Петровское"),
    ("д.", "Александровка"),
    ("с.", "Знаменское"),
    ("с.", "Троицкое"),
    ("д.", "Васильевка"),
    ("д.", "Заречье"),
    ("с.", "Спасское"),
];
const GUBERNII: &[&str] = &[
    "Рязанской",
    "Тульской",
    "Калужской",
    "Тверской",
    "Смоленской",
    "Владимирской",
    "Ярославской",
    "Костромской",
    "Орловской",
    "Тамбовской",
    "Пензенской",
    "Московской",
];

/// «мужчина / женщина» forms of a word.
fn g<'a>(sex: Sex, male: &'a str, female: &'a str) -> &'a str {
    match sex {
        Sex::Male => male,
        Sex::Female => female,
    }
}

/// «3 года», «5 лет», «11 лет», «21 год».
pub(crate) fn years_word(n: i32) -> String {
    let word = match (n % 10, n % 100) {
        (_, 11..=14) => "лет",
        (1, _) => "год",
        (2..=4, _) => "года",
        _ => "лет",
    };
    format!("{n} {word}")
}

struct Day {
    y: i16,
    m: i8,
    d: i8,
}

fn random_day(rng: &mut Rng, from: (i16, i8, i8), to: (i16, i8, i8)) -> Day {
    let a = jiff::civil::date(from.0, from.1, from.2);
    let b = jiff::civil::date(to.0, to.1, to.2);
    let span = (b - a).get_days().max(0);
    let day = a
        .checked_add(jiff::Span::new().days(rng.i32(0..=span)))
        .expect("a day inside a 1941–1945 battle is a valid date");
    Day {
        y: day.year(),
        m: day.month(),
        d: day.day(),
    }
}

/// A date's text at some precision, with the phrase a biography uses for it.
fn dated(rng: &mut Rng, day: &Day, exact_weight: u32) -> (String, String) {
    let m = (day.m - 1) as usize;
    match weighted(rng, &[(0u8, exact_weight), (1, 25), (2, 10)]) {
        0 => (
            format!("{:04}-{:02}-{:02}", day.y, day.m, day.d),
            format!("{} {} {} года", day.d, MONTHS_GEN[m], day.y),
        ),
        1 => (
            format!("{:04}-{:02}", day.y, day.m),
            format!("в {} {} года", MONTHS_PREP[m], day.y),
        ),
        _ => (format!("{:04}", day.y), format!("в {} году", day.y)),
    }
}

/// A birth date: exact for some, year only or approximate (`~`) or uncertain (`?`) for others.
fn birth(rng: &mut Rng, from: i32, to: i32) -> (String, String, i32) {
    let y = rng.i32(from..=to);
    let m = rng.i8(1..=12);
    let d = rng.i8(1..=28);
    let mi = (m - 1) as usize;
    let (text, phrase) = match weighted(rng, &[(0u8, 45), (1, 33), (2, 12), (3, 5), (4, 5)]) {
        0 => (
            format!("{y:04}-{m:02}-{d:02}"),
            format!("{d} {} {y} года", MONTHS_GEN[mi]),
        ),
        1 => (format!("{y:04}"), format!("в {y} году")),
        2 => (format!("{y:04}~"), format!("около {y} года")),
        3 => (format!("{y:04}?"), format!("предположительно в {y} году")),
        _ => (
            format!("{y:04}-{m:02}"),
            format!("в {} {y} года", MONTHS_PREP[mi]),
        ),
    };
    (text, phrase, y)
}

fn role_for(rng: &mut Rng) -> PersonRole {
    weighted(
        rng,
        &[
            (PersonRole::Soldier, 52),
            (PersonRole::Officer, 6),
            (PersonRole::Militia, 5),
            (PersonRole::Medic, 5),
            (PersonRole::Partisan, 1),
            (PersonRole::HomeFront, 17),
            (PersonRole::ChildOfWar, 12),
            (PersonRole::Evacuee, 2),
        ],
    )
}

fn sex_for(rng: &mut Rng, role: PersonRole) -> Sex {
    let female = match role {
        PersonRole::Soldier => 4,
        PersonRole::Officer | PersonRole::Militia => 2,
        PersonRole::Partisan => 15,
        PersonRole::Medic => 80,
        PersonRole::HomeFront => 70,
        PersonRole::Evacuee => 60,
        _ => 50,
    };
    if rng.u32(..100) < female {
        Sex::Female
    } else {
        Sex::Male
    }
}

/// Generates people one after another; keeps the previous surname so families can share it.
pub(crate) struct PersonGen {
    seed: u64,
    previous_surname: Option<&'static str>,
}

impl PersonGen {
    pub fn new(seed: u64) -> PersonGen {
        PersonGen {
            seed,
            previous_surname: None,
        }
    }

    pub fn next(&mut self, index: usize, source: &dyn Fn(&str) -> RecordId) -> PersonPlan {
        let mut rng = rng_for(self.seed, STREAM, index as u64);
        let family =
            index > FIRST_GENERIC && self.previous_surname.is_some() && rng.u32(..100) < 12;
        let surname = match (family, self.previous_surname) {
            (true, Some(s)) => s,
            _ => *pick(&mut rng, names::SURNAMES),
        };
        self.previous_surname = Some(surname);
        match index {
            i if i < NARRATORS => narrator(&mut rng, i, surname),
            NO_CONSENT => {
                let mut p = child(&mut rng, index, surname, Some(true));
                p.consent = ConsentNeed::None;
                p
            }
            DRAFT => {
                let mut p = fighter(&mut rng, index, surname, PersonRole::Soldier, source);
                p.workflow = Workflow::Draft;
                p.person.biography = format!(
                    "Черновик: сведения записаны со слов внучки, даты не сверены с документами. {}",
                    p.person.biography
                );
                p
            }
            STAFF_ONLY => {
                let mut p = fighter(&mut rng, index, surname, PersonRole::Soldier, source);
                p.settings.access = AccessLevel::Staff;
                p.person.health =
                    "Тяжёлая контузия в 1942 году; подробности в медицинских документах семьи."
                        .into();
                p
            }
            IN_REVIEW => {
                let mut p = fighter(&mut rng, index, surname, PersonRole::Officer, source);
                p.workflow = Workflow::InReview;
                p
            }
            _ => {
                let role = role_for(&mut rng);
                let mut p = match role {
                    PersonRole::Soldier
                    | PersonRole::Officer
                    | PersonRole::Militia
                    | PersonRole::Partisan => fighter(&mut rng, index, surname, role, source),
                    PersonRole::Medic => medic(&mut rng, index, surname, source),
                    PersonRole::ChildOfWar => {
                        let living = rng.u32(..100) < 35;
                        child(&mut rng, index, surname, Some(living))
                    }
                    _ => home_front(&mut rng, index, surname, role),
                };
                p.relative_of_previous = family;
                p
            }
        }
    }
}

fn base(
    rng: &mut Rng,
    index: usize,
    surname: &str,
    sex: Sex,
    born: (i32, i32),
) -> (PersonPlan, String, i32) {
    let (birth_text, birth_phrase, year) = birth(rng, born.0, born.1);
    let given = given_name(rng, sex, year);
    let mut name = PersonName::new(&surname_for(surname, sex), given, patronymic(rng, sex));
    if rng.u32(..100) < 8 {
        name.variants.extend(variant_spelling(&name.surname));
    }
    let home = weighted(rng, super::places::HOMES);
    let (birth_place, born_local, where_born) = if rng.u32(..100) < 40 {
        let key = if rng.bool() {
            home
        } else {
            weighted(rng, super::places::HOMES)
        };
        let def = super::places::def(key);
        (
            format!("{}, Московская обл.", def.name),
            Some(key),
            def.loc.to_string(),
        )
    } else {
        let (kind, village) = pick(rng, VILLAGES);
        let gub = pick(rng, GUBERNII);
        let text = format!("{kind} {village} {gub} губернии");
        (text.clone(), None, format!("в {text}"))
    };
    let person = Person {
        name,
        sex: Some(sex),
        birth: Some(edtf(&birth_text)),
        birth_place,
        ..Person::default()
    };
    let plan = PersonPlan {
        index,
        person,
        settings: super::tags(&[]),
        workflow: Workflow::Published,
        home,
        born_local,
        unit: None,
        work: None,
        study: None,
        events: Vec::new(),
        buried: None,
        relative_of_previous: false,
        consent: ConsentNeed::PublicInterest,
        memorial: false,
    };
    let first = format!(
        "{} {birth_phrase} {where_born}.",
        g(sex, "Родился", "Родилась")
    );
    (plan, first, year)
}

fn finish(mut p: PersonPlan, mut sentences: Vec<String>, role: PersonRole) -> PersonPlan {
    sentences.push(MARK_PERSON.to_string());
    p.person.biography = sentences.join(" ");
    p.person.roles = vec![role];
    let district = super::places::def(p.home).district;
    let mut tags = vec![super::DEMO_TAG.to_string(), role.label_ru().to_string()];
    if !district.is_empty() {
        tags.push(district.to_string());
    }
    if let Some(f) = p.person.fate {
        tags.push(f.label_ru().to_string());
    }
    p.settings.tags = tags;
    p
}

fn prewar_job(rng: &mut Rng, sex: Sex, born: i32, home: &str) -> String {
    let loc = super::places::def(home).loc;
    if born >= 1922 {
        return format!(
            "До войны {} {loc}, {}",
            g(sex, "жил", "жила"),
            g(
                sex,
                "окончил семилетку и учился в ФЗУ.",
                "окончила семилетку."
            )
        );
    }
    let job = match sex {
        Sex::Male => *pick(
            rng,
            &[
                "слесарем",
                "токарем",
                "шофёром",
                "плотником",
                "путевым обходчиком на станции Химки",
                "трактористом в колхозе",
                "счетоводом",
                "учителем",
            ],
        ),
        Sex::Female => *pick(
            rng,
            &[
                "ткачихой",
                "швеёй",
                "учительницей",
                "в колхозе",
                "счетоводом",
                "на почте",
                "кондуктором",
                "санитаркой в больнице",
            ],
        ),
    };
    format!(
        "До войны {} {loc} и {} {job}.",
        g(sex, "жил", "жила"),
        g(sex, "работал", "работала")
    )
}

fn awards_sentence(sex: Sex, list: &[(&str, &str)]) -> Option<String> {
    if list.is_empty() {
        return None;
    }
    let inst: Vec<&str> = list.iter().map(|a| a.1).collect();
    let joined = match inst.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} и {last}", rest.join(", ")),
        _ => inst.join(""),
    };
    Some(format!("{} {joined}.", g(sex, "Награждён", "Награждена")))
}

fn fighter(
    rng: &mut Rng,
    index: usize,
    surname: &str,
    role: PersonRole,
    source: &dyn Fn(&str) -> RecordId,
) -> PersonPlan {
    let sex = sex_for(rng, role);
    let born = match role {
        PersonRole::Officer => (1898, 1921),
        PersonRole::Militia => (1895, 1923),
        _ => (1900, 1925),
    };
    let (mut p, first, year) = base(rng, index, surname, sex, born);
    let mut s = vec![first, prewar_job(rng, sex, year, p.home)];
    let unit = match role {
        PersonRole::Militia => "org_militia",
        PersonRole::Partisan => "org_partisans",
        _ => weighted(
            rng,
            &[
                ("org_rifle_khimki", 40),
                ("org_rifle_skhodnya", 40),
                ("org_sappers", 10),
                ("org_aa", 10),
            ],
        ),
    };
    p.unit = Some(unit);
    let org = super::organizations::def(unit);
    let unit_events: Vec<&'static str> = org
        .events
        .iter()
        .copied()
        .filter(|e| battle(e).is_some())
        .collect();
    // Called up with the first mobilisation, or when they came of age.
    let drafted = if year >= 1923 {
        let y = (year + 18).min(1943);
        format!(
            "Химкинский РВК, {:02}.{:02}.{y}",
            rng.u8(1..=28),
            rng.u8(1..=12)
        )
    } else if role == PersonRole::Militia {
        "добровольно, народное ополчение, 07.1941".to_string()
    } else {
        format!(
            "Химкинский РВК, {:02}.{:02}.1941",
            rng.u8(23..=30),
            if rng.bool() { 6 } else { 7 }
        )
    };
    let rank = match role {
        PersonRole::Officer => weighted(
            rng,
            &[
                ("младший лейтенант", 25),
                ("лейтенант", 30),
                ("старший лейтенант", 22),
                ("капитан", 15),
                ("майор", 8),
            ],
        ),
        PersonRole::Militia | PersonRole::Partisan => "боец",
        _ => weighted(
            rng,
            &[
                ("красноармеец", 45),
                ("ефрейтор", 12),
                ("младший сержант", 12),
                ("сержант", 14),
                ("старший сержант", 10),
                ("старшина", 7),
            ],
        ),
    };
    p.person.service = Service {
        rank: rank.into(),
        unit: org.name.into(),
        drafted: drafted.clone(),
    };
    match role {
        PersonRole::Militia => s.push(format!("В июле 1941 года {} добровольцем в народное ополчение.", g(sex, "ушёл", "ушла"))),
        PersonRole::Partisan => s.push(format!("Осенью 1941 года {} в партизанский отряд, готовившийся действовать в тылу врага, если противник займёт район.", g(sex, "вступил", "вступила"))),
        _ => {
            let when = if year >= 1923 { format!("в {} году", (year + 18).min(1943)) } else { "летом 1941 года".to_string() };
            s.push(format!("{} {} Химкинским райвоенкоматом, {} в части «{}».", g(sex, "Призван", "Призвана"), when, g(sex, "служил", "служила"), org.name));
        }
    }
    let fate = match role {
        PersonRole::Militia => weighted(
            rng,
            &[
                (Fate::Missing, 40),
                (Fate::Killed, 25),
                (Fate::DiedInCaptivity, 8),
                (Fate::Returned, 27),
            ],
        ),
        PersonRole::Partisan => Fate::Returned,
        _ => weighted(
            rng,
            &[
                (Fate::Killed, 30),
                (Fate::Missing, 20),
                (Fate::DiedOfWounds, 8),
                (Fate::DiedInCaptivity, 3),
                (Fate::Returned, 39),
            ],
        ),
    };
    p.person.fate = Some(fate);
    let fought: Vec<&'static Battle> = {
        let mut v: Vec<&'static Battle> = unit_events.iter().filter_map(|e| battle(e)).collect();
        // Those drafted in 1942–1943 missed the battles of 1941.
        if year >= 1923 {
            v.retain(|b| b.from.0 >= 1942);
        }
        v
    };
    let mut awards: Vec<(&str, &str)> = Vec::new();
    if fate.is_death() && !fought.is_empty() {
        let last = fought[rng.usize(..fought.len())];
        let upto = fought
            .iter()
            .position(|b| std::ptr::eq(*b, last))
            .unwrap_or(0);
        for b in &fought[..=upto] {
            p.events.push(b.event);
        }
        let day = random_day(rng, last.from, last.to);
        let (text, phrase) = dated(rng, &day, 60);
        match fate {
            Fate::Killed => {
                s.push(format!(
                    "{} {phrase} {}.",
                    g(sex, "Погиб", "Погибла"),
                    last.phrase
                ));
                p.person.death = Some(edtf(&text));
                if last.near_town && rng.bool() {
                    p.buried = Some("novogorsk_memorial");
                    s.push(format!(
                        "{} в братской могиле в Новогорске.",
                        g(sex, "Похоронен", "Похоронена")
                    ));
                }
            }
            Fate::Missing => {
                let m = (day.m - 1) as usize;
                let approx = format!("{:04}-{:02}~", day.y, day.m);
                p.person.death = Some(edtf(&approx));
                s.push(format!(
                    "{} без вести {} в {} {} года; последнее письмо семья получила незадолго до этого.",
                    g(sex, "Пропал", "Пропала"), last.phrase, MONTHS_PREP[m], day.y
                ));
            }
            Fate::DiedOfWounds => {
                p.person.death = Some(edtf(&text));
                if last.near_town {
                    p.buried = Some("skhodnya_grave");
                    s.push(format!(
                        "{} {}, {} {phrase} в госпитале в Сходне.",
                        g(sex, "Ранен", "Ранена"),
                        last.phrase,
                        g(sex, "умер от ран", "умерла от ран")
                    ));
                } else {
                    s.push(format!(
                        "Тяжело {} {} и {} от ран в медсанбате {phrase}.",
                        g(sex, "ранен", "ранена"),
                        last.phrase,
                        g(sex, "умер", "умерла")
                    ));
                }
            }
            _ => {
                let y = rng.i16(1942..=1944);
                p.person.death = Some(edtf(&format!("{y}")));
                s.push(format!(
                    "{} в плен {}; по сведениям родных, {} в лагере в {y} году.",
                    g(sex, "Попал", "Попала"),
                    last.phrase,
                    g(sex, "погиб", "погибла")
                ));
            }
        }
        if rng.u32(..100) < 25 {
            awards.push(if rng.u32(..100) < 70 {
                ZA_OTVAGU
            } else {
                KR_ZVEZDA
            });
        }
        if day.y >= 1944 && role != PersonRole::Officer && rng.u32(..100) < 20 {
            awards.push(SLAVA3);
        }
        if rng.u32(..100) < 55 {
            p.memorial = true;
            p.person.memorial_refs.push(ExternalRef {
                db: ExternalDb::Memorial,
                record: format!("ДЕМО-{:09}", rng.u32(100_000_000..999_999_999)),
            });
            p.person.sources.push(Citation {
                source: Some(source("src_obd")),
                text: "Донесение о безвозвратных потерях (демонстрационная ссылка)".into(),
                locator: p.person.memorial_refs.last().map(|r| r.record.clone()),
            });
        }
    } else {
        // No battle of the unit's to fall in (drafted after its battles): this one came back,
        // whatever fate was drawn — a man «died of wounds» who writes home in 1993 is no demo.
        if fate.is_death() {
            p.person.fate = Some(Fate::Returned);
        }
        let n = fought.len().min(rng.usize(1..=3));
        let start = rng.usize(..=fought.len() - n.min(fought.len()));
        for b in fought.iter().skip(start).take(n) {
            p.events.push(b.event);
        }
        if !p.events.is_empty() {
            let places: Vec<&str> = p
                .events
                .iter()
                .filter_map(|e| battle(e))
                .map(|b| b.phrase)
                .collect();
            s.push(format!(
                "{} {}.",
                g(sex, "Воевал", "Воевала"),
                join_and(&places)
            ));
        }
        let back = if rng.u32(..100) < 70 { 1945 } else { 1946 };
        let died = rng.i32(1958..=2008);
        p.person.death = Some(edtf(&format!("{died}")));
        if rng.u32(..100) < 20 {
            p.person.health = format!("Ранен в {} году; инвалид войны.", rng.i32(1942..=1944));
        }
        s.push(format!(
            "{} домой в {back} году, {} {}. {} в {died} году.",
            g(sex, "Вернулся", "Вернулась"),
            g(sex, "работал", "работала"),
            pick(
                rng,
                &[
                    "на заводе в Химках",
                    "на железной дороге",
                    "в колхозе",
                    "в школе",
                    "на стройках Москвы"
                ]
            ),
            g(sex, "Умер", "Умерла")
        ));
        if rng.u32(..100) < 40 {
            p.buried = Some("khimki_cemetery");
        }
        awards.push(if rng.u32(..100) < 60 {
            ZA_OTVAGU
        } else {
            ZA_BZ
        });
        if role == PersonRole::Officer {
            awards.push(match rng.u32(..10) {
                0..=4 => OV2,
                5 => OV1,
                _ => KR_ZVEZDA,
            });
            if rng.u32(..100) < 15 {
                awards.push(KR_ZNAMYA);
            }
        } else if rng.u32(..100) < 20 {
            awards.push(SLAVA3);
        }
        // Only those who fought near Moscow in 1941 received the medal for its defence.
        if p.events
            .iter()
            .filter_map(|e| battle(e))
            .any(|b| b.from.0 == 1941)
        {
            awards.push(MOSCOW);
        }
        if p.events.contains(&"ev_berlin") {
            awards.push(BERLIN);
        }
        if p.events.contains(&"ev_konigsberg") {
            awards.push(KONIGSBERG);
        }
        awards.push(VICTORY);
        if rng.u32(..100) < 20 {
            p.person.memorial_refs.push(ExternalRef {
                db: ExternalDb::PodvigNaroda,
                record: format!("ДЕМО-{:09}", rng.u32(100_000_000..999_999_999)),
            });
            p.person.sources.push(Citation {
                source: Some(source("src_podvig")),
                text: "Наградной лист (демонстрационная ссылка)".into(),
                locator: p.person.memorial_refs.last().map(|r| r.record.clone()),
            });
        }
    }
    awards.dedup();
    p.person.awards = awards.iter().map(|a| a.0.to_string()).collect();
    s.extend(awards_sentence(sex, &awards));
    if p.person.sources.is_empty() {
        p.person.sources.push(Citation {
            source: Some(source("src_family_archives")),
            text: "Рассказ родственников (демонстрационный)".into(),
            locator: None,
        });
    }
    finish(p, s, role)
}

fn join_and(parts: &[&str]) -> String {
    match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{}, а затем {last}", rest.join(", ")),
        _ => parts.join(""),
    }
}

fn medic(
    rng: &mut Rng,
    index: usize,
    surname: &str,
    source: &dyn Fn(&str) -> RecordId,
) -> PersonPlan {
    if rng.bool() {
        // Front-line medics share the soldiers' fates and awards.
        let mut p = fighter(rng, index, surname, PersonRole::Soldier, source);
        p.person.roles = vec![PersonRole::Medic];
        p.person.service.rank = match p.person.sex {
            Some(Sex::Female) => "санинструктор".into(),
            _ => "военфельдшер".into(),
        };
        p.settings.tags[1] = PersonRole::Medic.label_ru().into();
        return p;
    }
    let sex = sex_for(rng, PersonRole::Medic);
    let (mut p, first, year) = base(rng, index, surname, sex, (1905, 1925));
    let hospital = if rng.bool() {
        "org_evac_hospital"
    } else {
        "org_hospital_skhodnya"
    };
    p.work = Some(hospital);
    p.events.push(if hospital == "org_evac_hospital" {
        "ev_hospital_school"
    } else {
        "ev_skhodnya_hospital"
    });
    p.person.fate = Some(Fate::Survived);
    let died = rng.i32(1965..=2012);
    p.person.death = Some(edtf(&format!("{died}")));
    let org = super::organizations::def(hospital);
    let s = vec![
        first,
        prewar_job(rng, sex, year, p.home),
        format!(
            "С 1941 года {} {} в госпитале «{}»: перевязки, дежурства по ночам, письма домой за тех, кто не мог писать сам.",
            g(sex, "работал", "работала"),
            if sex == Sex::Female {
                "медсестрой"
            } else {
                "фельдшером"
            },
            org.name
        ),
        format!(
            "{} медалью «За оборону Москвы». {} в {died} году.",
            g(sex, "Награждён", "Награждена"),
            g(sex, "Умер", "Умерла")
        ),
    ];
    p.person.awards = vec![MOSCOW.0.into()];
    finish(p, s, PersonRole::Medic)
}

fn home_front(rng: &mut Rng, index: usize, surname: &str, role: PersonRole) -> PersonPlan {
    let sex = sex_for(rng, role);
    let (mut p, first, year) = base(rng, index, surname, sex, (1885, 1927));
    if sex == Sex::Female && year < 1921 && rng.u32(..100) < 40 {
        let maiden = *pick(rng, names::SURNAMES);
        if maiden != surname {
            p.person.name.maiden = Some(female_surname(maiden));
        }
    }
    let mut s = vec![first];
    let (work, what) = weighted(
        rng,
        &[
            (("org_plant_301", "на заводе № 301"), 25),
            (("org_machine_works", "на машиностроительном заводе"), 25),
            (("org_workshop", "в мастерских у станции Сходня"), 15),
            (("org_kolkhoz", "в колхозе у Подрезкова"), 20),
            (("org_council", "в городском совете"), 5),
            (("org_school_khimki", "учителем в школе"), 10),
        ],
    );
    p.work = Some(work);
    if role == PersonRole::Evacuee {
        s.push(format!(
            "Осенью 1941 года {} в Химки с семьёй из-под Смоленска и {} {what}.",
            g(sex, "эвакуирован", "эвакуирована"),
            g(sex, "устроился", "устроилась")
        ));
    } else {
        s.push(prewar_job(rng, sex, year, p.home));
        s.push(format!("В войну {} {what}.", g(sex, "работал", "работала")));
    }
    if work == "org_plant_301" && rng.bool() {
        p.events.push("ev_evacuation_301");
        s.push(format!(
            "В октябре 1941 года вместе с заводом {} на восток и {} только в 1943 году.",
            g(sex, "уехал", "уехала"),
            g(sex, "вернулся", "вернулась")
        ));
    }
    if sex == Sex::Female && rng.u32(..100) < 50 {
        p.events.push("ev_fortifications");
        s.push(format!(
            "Осенью 1941 года {} противотанковый ров у Подрезкова.",
            g(sex, "копал", "копала")
        ));
    }
    if year >= 1924 {
        p.events.push("ev_teen_workers");
    }
    if rng.u32(..100) < 30 {
        p.events.push("ev_raids_khimki");
        s.push(format!(
            "Во время налётов {} на крышах и {} зажигалки.",
            g(sex, "дежурил", "дежурила"),
            g(sex, "тушил", "тушила")
        ));
    }
    let mut awards = vec![LABOUR];
    if p.events.contains(&"ev_fortifications") || rng.u32(..100) < 20 {
        awards.push(MOSCOW);
    }
    p.person.awards = awards.iter().map(|a| a.0.to_string()).collect();
    s.extend(awards_sentence(sex, &awards));
    let died = rng.i32((year + 50).max(1950)..=(year + 95).min(2015));
    p.person.death = Some(edtf(&format!("{died}")));
    p.person.fate = Some(Fate::Survived);
    s.push(format!("{} в {died} году.", g(sex, "Умер", "Умерла")));
    if rng.u32(..100) < 30 {
        p.buried = Some("khimki_cemetery");
    }
    finish(p, s, role)
}

const CHILD_MEMORIES: &[&str] = &[
    "Запомнил{a} зарево над Москвой в ночь первого налёта и то, как мама завешивала окна одеялами.",
    "Вместе со старшими дежурил{a} на чердаке во время налётов, с ящиком песка и щипцами для зажигалок.",
    "В школе, где разместили госпиталь, читал{a} раненым письма и пел{a} им песни.",
    "Осенью 1941 года стоял{a} с матерью в очереди за хлебом по карточкам и слышал{a} далёкую канонаду со стороны Ленинградского шоссе.",
    "Собирал{a} с ребятами колоски на колхозном поле и сдавал{a} металлолом для фронта.",
    "Навсегда запомнил{a} 9 мая 1945 года: незнакомые люди обнимались на станции, а вечером весь посёлок смотрел на салют над Москвой.",
];

fn child(rng: &mut Rng, index: usize, surname: &str, living: Option<bool>) -> PersonPlan {
    let sex = sex_for(rng, PersonRole::ChildOfWar);
    // Old enough to remember the war: the living are now in their nineties.
    let range = if living == Some(true) {
        (1929, 1935)
    } else {
        (1926, 1936)
    };
    let (mut p, first, year) = base(rng, index, surname, sex, range);
    let a = g(sex, "", "а");
    let mut s = vec![first];
    s.push(format!(
        "Когда началась война, {} было {}.",
        g(sex, "ему", "ей"),
        years_word(1941 - year)
    ));
    let first_memory = rng.usize(..CHILD_MEMORIES.len());
    let second = (first_memory + 1 + rng.usize(..CHILD_MEMORIES.len() - 1)) % CHILD_MEMORIES.len();
    for m in [first_memory, second] {
        s.push(CHILD_MEMORIES[m].replace("{a}", a));
        p.events.push(match m {
            0 => "ev_first_raid",
            1 => "ev_raids_khimki",
            2 => "ev_hospital_school",
            3 => "ev_cards",
            4 => "ev_defence_fund",
            _ => "ev_victory_khimki",
        });
    }
    p.study = Some(if p.home == "skhodnya" || rng.bool() {
        "org_school_skhodnya"
    } else {
        "org_school_khimki"
    });
    p.person.fate = Some(Fate::Survived);
    let after = pick(
        rng,
        &[
            "После войны окончил{a} институт и работал{a} инженером на химкинском заводе.",
            "После войны выучил{a}сь на учителя и много лет преподавал{a} в школе.",
            "После войны работал{a} на железной дороге.",
            "После войны стал{a} врачом.",
        ],
    );
    s.push(after.replace("{a}", a));
    match living {
        Some(true) => {
            p.person.living = Some(true);
            p.consent = ConsentNeed::Publication;
            s.push("Живёт в Химках, встречается со школьниками.".to_string());
        }
        _ => {
            let died = rng.i32(1995..=2022);
            p.person.death = Some(edtf(&format!("{died}")));
            s.push(format!("{} в {died} году.", g(sex, "Умер", "Умерла")));
        }
    }
    finish(p, s, PersonRole::ChildOfWar)
}

/// Narrators: children of war who remember the war and were recorded in 2020–2024. The last four
/// died after the recording; their heirs agreed to publication.
fn narrator(rng: &mut Rng, i: usize, surname: &str) -> PersonPlan {
    let living = i < LIVING_NARRATORS;
    let mut p = child(rng, i, surname, Some(living));
    if !living {
        let died = rng.i32(2021..=2024);
        p.person.death = Some(edtf(&format!("{died}")));
        p.person.living = Some(false);
        // The generic «умер в …» was written from a random year; rewrite it to match.
        let bio = &mut p.person.biography;
        if let Some(pos) = bio.rfind(g(p.person.sex.unwrap_or(Sex::Male), "Умер в ", "Умерла в "))
        {
            let end = bio[pos..]
                .find('.')
                .map(|e| pos + e + 1)
                .unwrap_or(bio.len());
            let sex = p.person.sex.unwrap_or(Sex::Male);
            bio.replace_range(
                pos..end,
                &format!("{} в {died} году.", g(sex, "Умер", "Умерла")),
            );
        }
    }
    p.consent = ConsentNeed::WithInterview;
    p.settings.tags.push("рассказчик".into());
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_declined() {
        assert_eq!(years_word(1), "1 год");
        assert_eq!(years_word(3), "3 года");
        assert_eq!(years_word(5), "5 лет");
        assert_eq!(years_word(11), "11 лет");
        assert_eq!(years_word(12), "12 лет");
        assert_eq!(years_word(21), "21 год");
    }

    #[test]
    fn people_are_valid_and_marked() {
        let src = |_: &str| RecordId(1);
        let mut gen_ = PersonGen::new(7);
        for i in 0..3000 {
            let p = gen_.next(i, &src);
            p.person.validate().unwrap_or_else(|e| panic!("№ {i}: {e}"));
            assert!(p.person.biography.ends_with(MARK_PERSON), "№ {i}");
            assert_eq!(p.settings.tags[0], super::super::DEMO_TAG);
            let living = p.person.may_be_living();
            match p.consent {
                ConsentNeed::PublicInterest => assert!(!living, "№ {i}: {}", p.person.biography),
                ConsentNeed::Publication | ConsentNeed::None => assert!(living, "№ {i}"),
                ConsentNeed::WithInterview => {}
            }
        }
    }
}
