//! Collections: thematic sets and a teacher's lesson kit.

use super::tags;
use crate::generate::{Base, FixtureState, Planned};
use letopis_core::entities::{Collection, ItemType};
use letopis_core::{AccessLevel, Body, RecordId};

fn collection(
    title: &str,
    description: &str,
    lesson: &str,
    members: Vec<RecordId>,
    extra: &[&str],
) -> Planned {
    let body = Body::Collection(Collection {
        title: title.into(),
        description: format!("{description} {}", super::MARK_CONTENT),
        members,
        lesson: lesson.into(),
    });
    // Members live in the body: relation types do not join collections to their members.
    Planned::new(super::published(body, tags(extra)))
}

pub(crate) fn plan(
    base: &Base,
    voices: &[(RecordId, letopis_core::Body)],
    items: &[(RecordId, letopis_core::Body)],
    stories: &[RecordId],
) -> Vec<Planned> {
    let of_type = |t: ItemType| -> Vec<RecordId> {
        items
            .iter()
            .filter(|(_, b)| matches!(b, Body::Item(i) if i.item_type == t))
            .map(|(id, _)| *id)
            .collect()
    };
    let reg = &base.reg;
    let mut lesson: Vec<RecordId> = stories.iter().take(2).copied().collect();
    lesson.extend(voices.iter().take(3).map(|(id, _)| *id));
    lesson.extend(of_type(ItemType::Letter).into_iter().take(3));
    lesson.extend(
        [
            "ev_november_offensive",
            "ev_ezhi_line",
            "ev_counteroffensive",
            "ezhi",
        ]
        .iter()
        .map(|k| reg.id(k)),
    );
    let mut out = vec![
        collection(
            "Урок «Битва под Москвой: рубеж у Химок»",
            "Набор для урока: две экспозиции, три фрагмента воспоминаний, письма с фронта и карточки событий. Вопросы к уроку: почему рубеж у 23-го километра стал памятным местом? Что рассказчики помнят о ноябре 1941 года?",
            "история, 9–11 классы",
            lesson,
            &["урок", "битва под Москвой"],
        ),
        collection(
            "Письма с фронта",
            "Фронтовые треугольники из семейных архивов жителей Химок.",
            "",
            of_type(ItemType::Letter),
            &["письма с фронта"],
        ),
        collection(
            "Живые голоса детей войны",
            "Записи воспоминаний детей войны, сделанные волонтёрами в 2020–2024 годах.",
            "",
            voices.iter().map(|(id, _)| *id).collect(),
            &["Живые голоса", "дети войны"],
        ),
        collection(
            "Места памяти Химок",
            "Памятники, мемориалы и воинские захоронения города.",
            "",
            [
                "ezhi",
                "novogorsk_memorial",
                "skhodnya_grave",
                "eternal_flame",
                "khimki_cemetery",
            ]
            .iter()
            .map(|k| reg.id(k))
            .collect(),
            &["места памяти"],
        ),
    ];
    let mut working = collection(
        "Рабочие материалы группы краеведов",
        "Подборка для сверки: документы, по которым ещё идёт проверка.",
        "",
        of_type(ItemType::Document).into_iter().take(5).collect(),
        &["рабочие материалы"],
    );
    working.draft.settings.access = AccessLevel::Groups(vec![base.group]);
    working.fixture = Some(FixtureState::Groups);
    out.push(working);
    out
}
