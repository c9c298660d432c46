//! Organisations: the units the invented soldiers served in, the factory, schools, hospitals, the
//! partisan detachment and the town council. Military units are deliberately not given real
//! numbers: invented people must not be attached to real regiments.

use super::{edtf, published, tags};
use letopis_core::Body;
use letopis_core::entities::{HistoricName, OrgType, Organization};
use letopis_store::Draft;

pub(crate) struct OrgDef {
    pub key: &'static str,
    pub name: &'static str,
    pub org_type: OrgType,
    pub other: &'static [(&'static str, Option<&'static str>)],
    pub active: &'static str,
    pub description: &'static str,
    /// Where it was (LocatedAt).
    pub place: Option<&'static str>,
    /// Events it took part in (ParticipatedIn).
    pub events: &'static [&'static str],
}

use OrgType::*;

pub(crate) const ORGS: &[OrgDef] = &[
    OrgDef {
        key: "org_militia",
        name: "Дивизия народного ополчения Ленинградского района Москвы",
        org_type: Militia,
        other: &[],
        active: "1941-07/1941-10",
        description: "Ополченская дивизия, сформированная в июле 1941 года из добровольцев Ленинградского района столицы и ближних пригородов. В демонстрационной базе используется обобщённо, без номера и боевого пути.",
        place: None,
        events: &["ev_militia", "ev_vyazma"],
    },
    OrgDef {
        key: "org_rifle_khimki",
        name: "Стрелковый полк «Химкинский» (демонстрационный)",
        org_type: MilitaryUnit,
        other: &[],
        active: "1941-08/1945-05",
        description: "Условный стрелковый полк демонстрационной базы. Боевой путь: оборона Москвы на Ленинградском шоссе, контрнаступление, Ржев, Белоруссия, Восточная Пруссия. Демонстрационная запись: настоящего полка с таким названием не было.",
        place: Some("line_23km"),
        events: &[
            "ev_november_offensive",
            "ev_ezhi_line",
            "ev_counteroffensive",
            "ev_rzhev",
            "ev_bagration",
            "ev_konigsberg",
        ],
    },
    OrgDef {
        key: "org_rifle_skhodnya",
        name: "Стрелковый полк «Сходненский» (демонстрационный)",
        org_type: MilitaryUnit,
        other: &[(
            "Стрелковый полк «Сходненский», гвардейский (демонстрационный)",
            Some("1942-12/1945-05"),
        )],
        active: "1941-09/1945-05",
        description: "Условный стрелковый полк демонстрационной базы. Боевой путь: бои у Крюкова и Красной Поляны, Сталинград, Курская дуга, Днепр, Берлин. Демонстрационная запись: настоящего полка с таким названием не было.",
        place: Some("kryukovo"),
        events: &[
            "ev_kryukovo",
            "ev_krasnaya_polyana",
            "ev_stalingrad",
            "ev_kursk",
            "ev_dnieper",
            "ev_berlin",
        ],
    },
    OrgDef {
        key: "org_aa",
        name: "Зенитный дивизион у канала (демонстрационный)",
        org_type: MilitaryUnit,
        other: &[],
        active: "1941-07/1944",
        description: "Условная зенитная часть, прикрывавшая канал и мосты от налётов. Демонстрационная запись.",
        place: Some("line_canal"),
        events: &["ev_raids_khimki", "ev_first_raid"],
    },
    OrgDef {
        key: "org_sappers",
        name: "Отдельный сапёрный батальон (демонстрационный)",
        org_type: MilitaryUnit,
        other: &[],
        active: "1941-10/1945",
        description: "Условный сапёрный батальон: минные поля и заграждения на Ленинградском шоссе в ноябре 1941 года, позже переправы через Днепр. Демонстрационная запись.",
        place: Some("line_23km"),
        events: &["ev_ezhi_line", "ev_dnieper"],
    },
    OrgDef {
        key: "org_destroyers",
        name: "Химкинский истребительный батальон",
        org_type: Militia,
        other: &[],
        active: "1941-06/1942",
        description: "Батальон из добровольцев, не подлежавших призыву: охрана моста, станции и завода, дежурства во время налётов. Состав обобщён для демонстрации.",
        place: Some("khimki_bridge"),
        events: &["ev_destroyer_battalion", "ev_raids_khimki"],
    },
    OrgDef {
        key: "org_partisans",
        name: "Партизанский отряд района (демонстрационный)",
        org_type: PartisanUnit,
        other: &[],
        active: "1941-10/1942-01",
        description: "Отряд, подготовленный осенью 1941 года на случай оккупации: тайные базы с продовольствием и взрывчаткой в лесу. Демонстрационная запись.",
        place: Some("khimki_forest"),
        events: &["ev_partisans"],
    },
    OrgDef {
        key: "org_plant_301",
        name: "Завод № 301",
        org_type: Factory,
        other: &[],
        active: "1941/1945",
        description: "Авиационный завод в Химках, эвакуированный осенью 1941 года. Сведения о его работниках в демонстрационной базе вымышлены.",
        place: Some("plant_301"),
        events: &["ev_evacuation_301", "ev_return_plants"],
    },
    OrgDef {
        key: "org_machine_works",
        name: "Машиностроительный завод (демонстрационный)",
        org_type: Factory,
        other: &[("Ремонтные мастерские", Some("1941"))],
        active: "1941/1945",
        description: "Обобщённый химкинский завод военных лет: ремонт техники, корпуса мин, детали для фронта. Демонстрационная запись.",
        place: Some("machine_works"),
        events: &["ev_return_plants", "ev_teen_workers"],
    },
    OrgDef {
        key: "org_workshop",
        name: "Мастерские станции Сходня (демонстрационные)",
        org_type: Factory,
        other: &[],
        active: "1941/1945",
        description: "Железнодорожные мастерские, где работали женщины и подростки. Демонстрационная запись.",
        place: Some("workshop_skhodnya"),
        events: &["ev_teen_workers"],
    },
    OrgDef {
        key: "org_kolkhoz",
        name: "Колхоз «Красный пахарь» (демонстрационный)",
        org_type: Other,
        other: &[],
        active: "1941/1945",
        description: "Условный колхоз у Подрезкова: женщины, старики и подростки убирали урожай и сдавали его фронту. Демонстрационная запись.",
        place: Some("kolkhoz_podrezkovo"),
        events: &["ev_defence_fund"],
    },
    OrgDef {
        key: "org_school_khimki",
        name: "Школа в Старых Химках (демонстрационная)",
        org_type: School,
        other: &[],
        active: "1935/1945",
        description: "Школа, чьё здание в 1941–1943 годах занимал эвакогоспиталь; ученики занимались в соседних домах и помогали раненым. Демонстрационная запись.",
        place: Some("school_khimki"),
        events: &["ev_hospital_school", "ev_schools_reopen"],
    },
    OrgDef {
        key: "org_school_skhodnya",
        name: "Сходненская школа (демонстрационная)",
        org_type: School,
        other: &[],
        active: "1930/1945",
        description: "Школа посёлка Сходня. Демонстрационная запись.",
        place: Some("school_skhodnya"),
        events: &["ev_schools_reopen"],
    },
    OrgDef {
        key: "org_evac_hospital",
        name: "Эвакогоспиталь в Старых Химках (демонстрационный)",
        org_type: Hospital,
        other: &[],
        active: "1941-07/1943",
        description: "Эвакогоспиталь в здании школы: хирургическое отделение в спортзале, палаты в классах. Номер не указан: госпиталь условный. Демонстрационная запись.",
        place: Some("school_khimki"),
        events: &["ev_hospital_school"],
    },
    OrgDef {
        key: "org_hospital_skhodnya",
        name: "Госпиталь в Сходне (демонстрационный)",
        org_type: Hospital,
        other: &[],
        active: "1941-10/1943",
        description: "Госпиталь в здании бывшего дома отдыха. Демонстрационная запись.",
        place: Some("hospital_skhodnya"),
        events: &["ev_skhodnya_hospital"],
    },
    OrgDef {
        key: "org_council",
        name: "Химкинский городской Совет депутатов трудящихся",
        org_type: Administration,
        other: &[("Химкинский поселковый совет", Some("1929/1939"))],
        active: "1939/1945",
        description: "Городской совет, ведавший в войну эвакуацией, карточками, дежурствами МПВО и помощью семьям фронтовиков.",
        place: Some("khimki"),
        events: &["ev_fortifications", "ev_victory_khimki"],
    },
];

pub(crate) fn drafts() -> Vec<(&'static str, Draft)> {
    ORGS.iter()
        .map(|o| {
            let body = Body::Organization(Organization {
                name: o.name.into(),
                org_type: o.org_type,
                other_names: o
                    .other
                    .iter()
                    .map(|(name, period)| HistoricName {
                        name: (*name).into(),
                        period: period.map(edtf),
                    })
                    .collect(),
                active: Some(edtf(o.active)),
                description: o.description.into(),
            });
            (o.key, published(body, tags(&[o.org_type.label_ru()])))
        })
        .collect()
}

pub(crate) fn def(key: &str) -> &'static OrgDef {
    ORGS.iter()
        .find(|o| o.key == key)
        .unwrap_or_else(|| panic!("organisation key «{key}» is not in the demo list"))
}
