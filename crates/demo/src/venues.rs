//! The demo's venues in its micro-districts (roadmap item 8, issue #18), with a few things each
//! did this year, so the district pages, the studio's venues and the council's table show a
//! project at work. Invented institutions and people; kept apart from [`crate::generate`] like
//! the staff. Run again over the same base, it adds nothing twice.

use crate::DemoError;
use jiff::civil::Date;
use letopis_core::district::{Venue, VenueActivity, VenueKind};
use letopis_store::accounts::Accounts;

/// (name, kind, district, address, responsible, [(days before today, what, people)])
type Plan = [(
    &'static str,
    VenueKind,
    &'static str,
    &'static str,
    &'static str,
    &'static [(i32, &'static str, u32)],
)];

const VENUES: &Plan = &[
    (
        "Библиотека № 4 «Сходня»",
        VenueKind::Library,
        "Сходня",
        "ул. Первомайская, 38",
        "Кузнецова Галина Петровна, заведующая",
        &[
            (
                12,
                "Вечер памяти «Сходня в 1941 году»: рассказ краеведа, чтение писем",
                38,
            ),
            (
                40,
                "День сбора фотографий: отсканировано 26 снимков из семейных альбомов",
                17,
            ),
        ],
    ),
    (
        "Школа № 5",
        VenueKind::School,
        "Сходня",
        "ул. Октябрьская, 4",
        "Воронина Анна Сергеевна, учитель истории",
        &[(
            20,
            "Урок по «Летописи»: 7 «А» нашёл на карте места своего микрорайона",
            27,
        )],
    ),
    (
        "Территориальное управление «Подрезково»",
        VenueKind::TerritorialOffice,
        "Подрезково",
        "ул. Центральная, 2",
        "Ильин Сергей Николаевич, начальник управления",
        &[(
            30,
            "Плакаты микрорайона вывешены в управлении и на станции",
            0,
        )],
    ),
    (
        "Дом культуры «Левобережный»",
        VenueKind::CultureHouse,
        "Левобережный",
        "ул. Библиотечная, 15",
        "Сафронова Елена Игоревна, художественный руководитель",
        &[(
            8,
            "Встреча с детьми войны и запись двух интервью для «Живых голосов»",
            54,
        )],
    ),
];

/// Adds the venues that are not there yet (by name and district), each with its log; returns
/// how many venues were added.
pub fn add_venues(accounts: &dyn Accounts, today: Date) -> Result<usize, DemoError> {
    let existing = accounts.venues()?;
    let mut added = 0;
    for (name, kind, district, address, responsible, log) in VENUES {
        if existing
            .iter()
            .any(|v| v.venue.name == *name && v.venue.district == *district)
        {
            continue;
        }
        let id = accounts.create_venue(
            &Venue {
                name: name.to_string(),
                kind: *kind,
                district: district.to_string(),
                address: address.to_string(),
                responsible: responsible.to_string(),
                contact: "+7 495 000-00-00".into(),
            },
            jiff::Timestamp::now(),
        )?;
        for (days_ago, what, people) in *log {
            let on = today
                .checked_sub(jiff::Span::new().days(i64::from(*days_ago)))
                .unwrap_or(today);
            accounts.add_venue_activity(
                id,
                &VenueActivity {
                    on,
                    what: what.to_string(),
                    people: *people,
                },
                "Демонстрация",
                jiff::Timestamp::now(),
            )?;
        }
        added += 1;
    }
    Ok(added)
}
