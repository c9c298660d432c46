//! The demo's standing of the roadmap's activities (issue #18): statuses, the people responsible
//! (the demo's invented staff) and deadlines by quarter, so the council's quarterly report reads
//! like a working project's on the first run. Only activities without a standing are given one,
//! so `letopis demo` run again changes nothing the council has since written.

use crate::DemoError;
use jiff::civil::Date;
use letopis_core::media_plan::Quarter;
use letopis_core::progress::{ActivityStatus, Milestone, Progress};
use letopis_store::accounts::Accounts;

/// (roadmap number, status, responsible, [(quarters from now: -1 last, 0 this, 1 next), what,
/// done]).
type Standing = (
    i64,
    ActivityStatus,
    &'static str,
    &'static [(i8, &'static str, bool)],
);

const STANDINGS: &[Standing] = &[
    (
        1,
        ActivityStatus::Done,
        "Антонова Светлана, координационный совет",
        &[(-1, "Рабочие группы по всем направлениям утверждены", true)],
    ),
    (
        2,
        ActivityStatus::InProgress,
        "Воронцова Ольга Николаевна, руководитель «Живых голосов Химок»",
        &[
            (-1, "Обучение волонтёров с психологом", true),
            (0, "Договор со службой психологической помощи", false),
        ],
    ),
    (
        4,
        ActivityStatus::InProgress,
        "Белова Ирина, пресс-служба",
        &[(0, "Медиаплан на следующий квартал", false)],
    ),
    (
        6,
        ActivityStatus::InProgress,
        "Фёдоров Павел Игоревич, эксперт",
        &[
            (-1, "Биографии погибших из Книги памяти Сходни", true),
            (0, "Письма с фронта из семейных архивов", false),
        ],
    ),
    (
        7,
        ActivityStatus::InProgress,
        "Белова Ирина, пресс-служба",
        &[(-1, "Сюжет на городском телевидении", false)],
    ),
    (
        10,
        ActivityStatus::NotStarted,
        "",
        &[(1, "Объявить конференцию и приём докладов", false)],
    ),
    (
        11,
        ActivityStatus::InProgress,
        "Антонова Светлана, координационный совет",
        &[(0, "Экскурсия для каждой школы округа", false)],
    ),
    (
        12,
        ActivityStatus::InProgress,
        "Морозова Елена Сергеевна, учитель истории",
        &[(0, "Три урока по материалам портала", true)],
    ),
];

/// Gives the activities of the seeded roadmap their demo standing; returns how many.
pub fn add_activity_progress(accounts: &dyn Accounts, today: Date) -> Result<usize, DemoError> {
    let activities = accounts.activities()?;
    let known: Vec<_> = accounts
        .activity_progress()?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let this = Quarter::of(today);
    let quarter = |offset: i8| {
        let mut q = this;
        for _ in 0..offset.unsigned_abs() {
            q = if offset < 0 { q.previous() } else { q.next() };
        }
        format!("{}-Q{}", q.year, q.number)
    };
    let mut added = 0;
    for (number, status, responsible, milestones) in STANDINGS {
        let Some(activity) = activities.iter().find(|a| a.number == *number) else {
            continue;
        };
        if known.contains(&activity.id) {
            continue;
        }
        let progress = Progress {
            status: *status,
            responsible: (*responsible).to_string(),
            milestones: milestones
                .iter()
                .map(|(offset, what, done)| Milestone {
                    quarter: quarter(*offset),
                    what: (*what).to_string(),
                    done: *done,
                })
                .collect(),
        };
        accounts.set_activity_progress(activity.id, &progress, jiff::Timestamp::now())?;
        added += 1;
    }
    Ok(added)
}
