//! Items of the collection: portraits, views of places, front-line letters with transcriptions,
//! documents and group photographs. Every image is generated, stored in the blob store and
//! described with a caption and a Russian text alternative that says honestly what it is.

use super::persons::{ConsentNeed, FIRST_GENERIC, PersonPlan};
use super::{family_genitive, pick, rng_for, tags};
use crate::assets::images;
use crate::generate::{Base, DemoError, End, FixtureState, Planned};
use letopis_core::entities::{Citation, Fate, Item, ItemType, Sex};
use letopis_core::relation::RelationType;
use letopis_core::{AccessLevel, AgeRating, Body, RecordId, Workflow};
use letopis_store::Draft;

const STREAM: u64 = 0x4954_454D; // "ITEM"
const PORTRAITS: usize = 40;
const PORTRAIT_SIZE: (u32, u32) = (360, 480);
const PAGE_SIZE: (u32, u32) = (480, 640);
const VIEW_SIZE: (u32, u32) = (560, 400);

fn male_surname(p: &PersonPlan) -> String {
    // Family archives are named by the family, i.e. the male form of the surname.
    let s = &p.person.name.surname;
    if p.person.sex == Some(Sex::Female) {
        for (f, m) in [
            ("ская", "ский"),
            ("цкая", "цкий"),
            ("ая", "ой"),
            ("ова", "ов"),
            ("ёва", "ёв"),
            ("ева", "ев"),
            ("ина", "ин"),
            ("ына", "ын"),
        ] {
            if let Some(stem) = s.strip_suffix(f) {
                return format!("{stem}{m}");
            }
        }
    }
    s.clone()
}

pub(crate) fn family_archive(p: &PersonPlan) -> String {
    let fam = family_genitive(&male_surname(p));
    if fam.starts_with("семьи ") {
        format!("архив {fam}")
    } else {
        format!("семейный архив {fam}")
    }
}

/// Gives the first public generic people a portrait before they are created.
pub(crate) fn maybe_portrait(base: &mut Base, plan: &mut PersonPlan) -> Result<(), DemoError> {
    if plan.index < FIRST_GENERIC
        || plan.index >= FIRST_GENERIC + PORTRAITS
        || plan.workflow != Workflow::Published
    {
        return Ok(());
    }
    let name = plan.person.name.natural();
    let sitter = images::Sitter {
        woman: plan.person.sex == Some(Sex::Female),
        soldier: !plan.person.service.rank.trim().is_empty()
            || !plan.person.service.unit.trim().is_empty(),
    };
    let jpeg = images::portrait_jpeg(
        base.seed ^ (plan.index as u64) << 8,
        PORTRAIT_SIZE.0,
        PORTRAIT_SIZE.1,
        sitter,
    );
    let media = base.media(
        &jpeg,
        &format!("portrait-{}.jpg", plan.index),
        Some(format!("{name}. Портрет, нарисованный для демонстрации")),
        Some(format!(
            "Нарисованный для демонстрации портрет в сепии, не фотография: {name}"
        )),
        Some(PORTRAIT_SIZE),
    )?;
    plan.person.portrait = Some(media);
    Ok(())
}

const LETTER_OPENINGS: &[&str] = &[
    "Здравствуйте, дорогие мои мама и сестрёнки!",
    "Добрый день, дорогая моя жена и детки!",
    "Здравствуй, дорогая мамаша! Шлю тебе свой горячий фронтовой привет.",
    "Привет из действующей армии, дорогие мои!",
];
const LETTER_MIDDLES: &[&str] = &[
    "Жив и здоров, чего и вам желаю. Кормят нас хорошо, обмундирование тёплое, так что за меня не волнуйтесь.",
    "Письмо ваше получил, читал его вслух ребятам в землянке, все смеялись над тем, как Васька гонял козу.",
    "Стоим сейчас в лесу, кругом снег, вечером сидим у печурки и вспоминаем дом.",
    "Бьём фашиста крепко, скоро погоним его дальше. Берегите себя и детей.",
    "Напишите, как там наша улица, кто из ребят на фронте, есть ли от них письма.",
    "Мама, не плачь обо мне, я вернусь, вот увидишь, и опять пойдём с тобой на Сходню за грибами.",
];
const LETTER_ENDINGS: &[&str] = &[
    "Крепко всех целую.",
    "Жду ответа, как соловей лета.",
    "Пишите чаще, ваши письма для меня — праздник.",
];

fn letter_text(rng: &mut fastrand::Rng, p: &PersonPlan, place_loc: &str) -> (String, u32) {
    let mut lines = vec![pick(rng, LETTER_OPENINGS).to_string()];
    let mut middles: Vec<&str> = LETTER_MIDDLES.to_vec();
    rng.shuffle(&mut middles);
    let n = rng.usize(2..=4);
    lines.extend(middles[..n].iter().map(|s| s.to_string()));
    lines.push(format!(
        "Как вы там {place_loc}? Передавайте привет соседям."
    ));
    lines.push(pick(rng, LETTER_ENDINGS).to_string());
    lines.push(format!("Ваш {}.", p.person.name.given));
    let count = lines.len() as u32;
    (lines.join("\n"), count * 2 + 4)
}

/// Plans the items; `voices` lets a photograph mention an interview where the narrator shows it.
pub(crate) fn plan(
    base: &mut Base,
    voices: &[(RecordId, Body)],
) -> Result<Vec<Planned>, DemoError> {
    let mut out = Vec::new();
    let mut rng = rng_for(base.seed, STREAM, 0);
    let demo_sources = vec![Citation {
        source: Some(base.reg.id("src_family_archives")),
        text: "Семейные архивы жителей Химок (демонстрационные)".into(),
        locator: None,
    }];

    // Portraits, already stored with their people.
    let portrait_people: Vec<(RecordId, PersonPlan)> = base
        .people(|p| p.person.portrait.is_some())
        .into_iter()
        .map(|n| (n.id, n.plan.clone()))
        .collect();
    for (id, p) in &portrait_people {
        let Some(media) = p.person.portrait.clone() else {
            continue;
        };
        let name = p.person.name.natural();
        let when = if p.unit.is_some() {
            "перед уходом на фронт"
        } else {
            "в годы войны"
        };
        let item = Item {
            item_type: ItemType::Photo,
            title: format!("{name} {when}"),
            description: format!("Портрет из семейного альбома. {}", super::MARK_PERSON),
            date: Some(super::edtf(if p.unit.is_some() { "1941~" } else { "194X" })),
            media: vec![media],
            transcription: String::new(),
            holder: family_archive(p),
            provenance:
                "Отсканировано волонтёрами на акции «Герои Химок» в 2023 году (демонстрационно)."
                    .into(),
            rights: "Публикуется с согласия семьи (демонстрационно).".into(),
            sources: demo_sources.clone(),
        };
        let mut planned = Planned::new(super::published(
            Body::Item(item),
            tags(&["фотография", "портрет"]),
        ));
        planned.link(End::This, RelationType::Depicts, End::Id(*id));
        out.push(planned);
    }

    // Views of places.
    let views: &[(&str, &str, &str)] = &[
        ("st_khimki", "Станция Химки", "1940-е"),
        ("st_skhodnya", "Станция Сходня зимой", "1942"),
        ("canal", "Канал у Химок", "1940-е"),
        ("khimki_bridge", "Химкинский мост", "1940-е"),
        ("river_station", "Северный речной вокзал", "1940-е"),
        ("leningrad_highway", "Ленинградское шоссе у Химок", "1941"),
        ("ezhi", "Памятник «Ежи» вскоре после открытия", "1966"),
        ("novogorsk_memorial", "Мемориал в Новогорске", "1970-е"),
        ("school_khimki", "Здание школы в Старых Химках", "1940-е"),
        ("hospital_skhodnya", "Госпиталь в Сходне", "1942"),
        ("plant_301", "Заводская проходная", "1940-е"),
        ("skhodnya", "Улица в Сходне", "1940-е"),
        ("podrezkovo", "Деревня Подрезково", "1940-е"),
        ("firsanovka", "Дачи в Фирсановке", "1930-е"),
        ("novogorsk", "Новогорск, берег Сходни", "1940-е"),
        ("eternal_flame", "Митинг у Вечного огня", "1985"),
    ];
    for (i, (key, title, when)) in views.iter().enumerate() {
        let edtf_text = match *when {
            "1940-е" => "194X",
            "1930-е" => "193X",
            "1970-е" => "197X",
            other => other,
        };
        let jpeg = images::photo_jpeg(base.seed ^ 0x5649_4557 ^ i as u64, VIEW_SIZE.0, VIEW_SIZE.1);
        let media = base.media(
            &jpeg,
            &format!("view-{i}.jpg"),
            Some(format!("{title}, {when}")),
            Some(format!("Сгенерированный выцветший снимок, заменяющий в демонстрации фотографию места: {title}")),
            Some(VIEW_SIZE),
        )?;
        let item = Item {
            item_type: ItemType::Photo,
            title: format!("{title}, {when}"),
            description: "Фотография из фондов музея. Изображение создано для демонстрации.".into(),
            date: Some(super::edtf(edtf_text)),
            media: vec![media],
            holder: "фонды музея".into(),
            provenance: "Поступила от краеведческого общества (демонстрационно).".into(),
            ..Item::default()
        };
        let mut settings = tags(&["фотография", "место"]);
        let mut fixture = None;
        let mut workflow = Workflow::Published;
        let mut withdraw = false;
        match i {
            9 => {
                settings.age_rating = AgeRating::Eighteen;
                settings.content_note =
                    Some("На снимке — погибшие, доставленные в госпиталь.".into());
                fixture = Some(FixtureState::Rated(AgeRating::Eighteen));
            }
            12 => {
                workflow = Workflow::InReview;
                fixture = Some(FixtureState::InReview);
            }
            13 => {
                settings.access = AccessLevel::Groups(vec![base.group]);
                fixture = Some(FixtureState::Groups);
            }
            14 => {
                withdraw = true;
                fixture = Some(FixtureState::Withdrawn);
            }
            _ => {}
        }
        let mut planned = Planned::new(Draft {
            body: Body::Item(item),
            settings,
            workflow,
        });
        planned.fixture = fixture;
        planned.withdraw = withdraw;
        planned.link(End::This, RelationType::Depicts, End::Id(base.reg.id(key)));
        out.push(planned);
    }

    // Front-line letters.
    let writers: Vec<(RecordId, PersonPlan)> = base
        .people(|p| {
            p.unit.is_some()
                && p.consent == ConsentNeed::PublicInterest
                && p.workflow == Workflow::Published
        })
        .into_iter()
        .take(30)
        .map(|n| (n.id, n.plan.clone()))
        .collect();
    for (i, (id, p)) in writers.iter().enumerate() {
        let home = super::places::def(p.home);
        let (text, lines) = letter_text(&mut rng, p, home.loc);
        let jpeg = images::letter_jpeg(
            base.seed ^ 0x4C45_5454 ^ i as u64,
            PAGE_SIZE.0,
            PAGE_SIZE.1,
            lines.min(18),
        );
        let name = p.person.name.natural();
        // A letter is written before the writer's death, or during the war for those who came back.
        let date = match (
            p.person.fate,
            p.person.death.as_ref().and_then(|d| d.lower()),
        ) {
            (Some(f), Some(key)) if f.is_death() => {
                let (y, m) = (key / 10000, (key / 100) % 100);
                if m > 1 {
                    format!("{y}-{:02}", m - 1)
                } else {
                    format!("{y}~")
                }
            }
            _ => format!("{}-{:02}~", rng.i32(1942..=1945), rng.u8(1..=4)),
        };
        let media = base.media(
            &jpeg,
            &format!("letter-{i}.jpg"),
            Some(format!("Письмо {} домой", p.person.name.short())),
            Some(format!("Сгенерированное изображение рукописного письма-треугольника на пожелтевшей бумаге; текст письма приведён в расшифровке. Автор: {name}")),
            Some(PAGE_SIZE),
        )?;
        let item = Item {
            item_type: ItemType::Letter,
            title: format!("Письмо с фронта: {}", p.person.name.short()),
            description: format!(
                "Фронтовой треугольник, отправленный семье {}. Текст письма вымышлен для демонстрации.",
                home.loc
            ),
            date: Some(super::edtf(&date)),
            media: vec![media],
            transcription: text,
            holder: family_archive(p),
            provenance:
                "Хранилось в семейной шкатулке вместе с другими письмами (демонстрационно).".into(),
            rights: "Публикуется с согласия семьи (демонстрационно).".into(),
            sources: demo_sources.clone(),
        };
        let mut settings = tags(&["письмо", "письма с фронта"]);
        let mut fixture = None;
        let mut workflow = Workflow::Published;
        match i {
            3 => {
                settings.embargo_until = base.today.checked_add(jiff::Span::new().years(3)).ok();
                fixture = Some(FixtureState::Embargoed);
            }
            6 => {
                workflow = Workflow::Draft;
                fixture = Some(FixtureState::Draft);
            }
            8 => {
                settings.access = AccessLevel::Registered;
                fixture = Some(FixtureState::Registered);
            }
            _ => {}
        }
        let mut planned = Planned::new(Draft {
            body: Body::Item(item),
            settings,
            workflow,
        });
        planned.fixture = fixture;
        planned.link(End::Id(*id), RelationType::AuthorOf, End::This);
        planned.link(
            End::This,
            RelationType::Mentions,
            End::Id(base.reg.id(p.home)),
        );
        out.push(planned);
    }

    // Documents.
    let holders: Vec<(RecordId, PersonPlan)> = base
        .people(|p| {
            !p.person.awards.is_empty()
                && p.workflow == Workflow::Published
                && p.consent == ConsentNeed::PublicInterest
        })
        .into_iter()
        .skip(30)
        .take(24)
        .map(|n| (n.id, n.plan.clone()))
        .collect();
    for (i, (id, p)) in holders.iter().enumerate() {
        let name = p.person.name.full();
        let (title, about, kind_tag, rating) = match p.person.fate {
            Some(Fate::Killed) => (
                format!("Извещение о гибели: {name}"),
                "Извещение, полученное семьёй; бланк и текст воспроизведены для демонстрации.",
                "извещение",
                AgeRating::Twelve,
            ),
            Some(Fate::Missing) => (
                format!("Извещение о пропавшем без вести: {name}"),
                "Извещение, полученное семьёй; бланк воспроизведён для демонстрации.",
                "извещение",
                AgeRating::Twelve,
            ),
            _ if p.unit.is_some() => (
                format!("Наградной лист: {name}"),
                "Наградной лист с описанием подвига; текст вымышлен для демонстрации.",
                "наградной лист",
                AgeRating::Zero,
            ),
            _ => (
                format!("Удостоверение к медали: {name}"),
                "Удостоверение к медали за труд в тылу; бланк воспроизведён для демонстрации.",
                "удостоверение",
                AgeRating::Zero,
            ),
        };
        let jpeg =
            images::document_jpeg(base.seed ^ 0x444F_4353 ^ i as u64, PAGE_SIZE.0, PAGE_SIZE.1);
        let media = base.media(
            &jpeg,
            &format!("document-{i}.jpg"),
            Some(title.clone()),
            Some(format!("Сгенерированное изображение машинописного бланка военных лет с печатью и подписью: {kind_tag}")),
            Some(PAGE_SIZE),
        )?;
        let item = Item {
            item_type: ItemType::Document,
            title,
            description: format!("{about} {}", super::MARK_PERSON),
            date: p
                .person
                .death
                .clone()
                .filter(|d| d.year().is_some_and(|y| y <= 1946))
                .or_else(|| Some(super::edtf("1945"))),
            media: vec![media],
            holder: family_archive(p),
            provenance: "Копия передана семьёй (демонстрационно).".into(),
            sources: vec![Citation {
                source: Some(base.reg.id("src_demo_camo")),
                text: "Наградные документы (демонстрационная архивная ссылка)".into(),
                locator: None,
            }],
            ..Item::default()
        };
        let mut settings = tags(&["документ", kind_tag]);
        settings.age_rating = rating;
        let mut fixture = None;
        if i == 5 {
            settings.access = AccessLevel::Staff;
            fixture = Some(FixtureState::Staff);
        }
        let mut planned = Planned::new(Draft {
            body: Body::Item(item),
            settings,
            workflow: Workflow::Published,
        });
        planned.fixture = fixture;
        planned.link(End::This, RelationType::Mentions, End::Id(*id));
        planned.link(
            End::Id(base.reg.id("src_demo_camo")),
            RelationType::SourceOf,
            End::This,
        );
        out.push(planned);
    }

    // Group photographs of organisations.
    let groups: &[(&str, &str, &str, Option<&str>)] = &[
        (
            "org_evac_hospital",
            "Медсёстры и раненые эвакогоспиталя во дворе школы",
            "1942",
            Some("ev_hospital_school"),
        ),
        (
            "org_hospital_skhodnya",
            "Врачи госпиталя в Сходне",
            "1942~",
            Some("ev_skhodnya_hospital"),
        ),
        (
            "org_school_khimki",
            "Выпускной класс школы в Старых Химках",
            "1941-06",
            Some("ev_war_begins"),
        ),
        (
            "org_school_skhodnya",
            "Ученики Сходненской школы на сборе металлолома",
            "1943~",
            Some("ev_defence_fund"),
        ),
        (
            "org_machine_works",
            "Подростки-токари в цеху",
            "1943",
            Some("ev_teen_workers"),
        ),
        (
            "org_plant_301",
            "Работницы завода № 301 перед эвакуацией",
            "1941-10~",
            Some("ev_evacuation_301"),
        ),
        (
            "org_destroyers",
            "Бойцы истребительного батальона у моста",
            "1941~",
            Some("ev_destroyer_battalion"),
        ),
        (
            "org_militia",
            "Ополченцы на сборном пункте",
            "1941-07",
            Some("ev_militia"),
        ),
        (
            "org_kolkhoz",
            "Уборка урожая у Подрезкова",
            "1942-08~",
            None,
        ),
        (
            "org_council",
            "Митинг 9 мая 1945 года у станции Химки",
            "1945-05-09",
            Some("ev_victory_khimki"),
        ),
    ];
    for (i, (org, title, date, event)) in groups.iter().enumerate() {
        let jpeg = images::photo_jpeg(base.seed ^ 0x4752_5550 ^ i as u64, VIEW_SIZE.0, VIEW_SIZE.1);
        let media = base.media(
            &jpeg,
            &format!("group-{i}.jpg"),
            Some((*title).into()),
            Some(format!("Сгенерированный выцветший групповой снимок, заменяющий в демонстрации фотографию: {title}")),
            Some(VIEW_SIZE),
        )?;
        let item = Item {
            item_type: ItemType::Photo,
            title: (*title).into(),
            description: "Групповая фотография. Изображение создано для демонстрации.".into(),
            date: Some(super::edtf(date)),
            media: vec![media],
            holder: "фонды музея".into(),
            provenance: "Дар ветеранской организации микрорайона (демонстрационно).".into(),
            ..Item::default()
        };
        let mut planned = Planned::new(super::published(
            Body::Item(item),
            tags(&["фотография", "групповой снимок"]),
        ));
        planned.link(End::This, RelationType::Depicts, End::Id(base.reg.id(org)));
        if let Some(e) = event {
            planned.link(End::This, RelationType::Depicts, End::Id(base.reg.id(e)));
        }
        if let Some(place) = super::organizations::def(org).place {
            planned.link(
                End::This,
                RelationType::LocatedAt,
                End::Id(base.reg.id(place)),
            );
        }
        if let Some((voice, _)) = voices.get(i) {
            planned.link(End::Id(*voice), RelationType::Mentions, End::This);
        }
        out.push(planned);
    }
    Ok(out)
}
