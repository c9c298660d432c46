//! The demo museum's media plan (issue #18), kept by its press officer: the last quarter's
//! publications out and reported, this quarter's at every stage from an idea to a report, each
//! presenting real exhibitions and voices of the base — so the plan's board and the council's
//! report say something on the first run. Links point at the reserved `.example` domain.
//!
//! Running `letopis demo` again adds nothing: a publication whose title the plan already has in
//! those two quarters is left as it is.

use crate::DemoError;
use jiff::Timestamp;
use jiff::civil::Date;
use letopis_core::media_plan::{Channel, PlanStatus, Publication, Quarter};
use letopis_core::{Kind, RecordId, Viewer};
use letopis_store::accounts::Accounts;
use letopis_store::{ListQuery, Store};

/// One planned publication: (days from its quarter's start, title, channel, outlet, format,
/// status once its day has passed, reach, what it presents: a kind and words of its title).
type Plan = (
    i64,
    &'static str,
    Channel,
    &'static str,
    &'static str,
    PlanStatus,
    Option<u64>,
    &'static [(Kind, &'static str)],
);

const LAST_QUARTER: &[Plan] = &[
    (
        20,
        "Открытие виртуального музея «Летопись»",
        Channel::CitySite,
        "",
        "новость",
        PlanStatus::Reported,
        Some(3_500),
        &[(Kind::Story, "Рубеж у Ежей")],
    ),
    (
        45,
        "Урок памяти по «Живым голосам» в школе № 5",
        Channel::InstitutionSite,
        "Сайт школы № 5",
        "статья",
        PlanStatus::Reported,
        Some(800),
        &[(Kind::Collection, "Урок «Битва под Москвой")],
    ),
];

const THIS_QUARTER: &[Plan] = &[
    (
        4,
        "Голоса обороны: сюжет о рассказчиках из Сходни",
        Channel::Tv,
        "Химки ТВ",
        "сюжет",
        PlanStatus::Reported,
        Some(12_400),
        &[
            (Kind::Interview, "Налёты и зажигалки"),
            (Kind::Story, "Рубеж у Ежей"),
        ],
    ),
    (
        12,
        "Дети войны: пост с фрагментом воспоминаний",
        Channel::Vk,
        "Сообщество «Химки помнят»",
        "пост",
        PlanStatus::Published,
        None,
        &[(Kind::Story, "Дети войны")],
    ),
    (
        30,
        "Эвакогоспитали в школах: статья к выставке",
        Channel::Newspaper,
        "Химкинские новости",
        "статья",
        PlanStatus::Prepared,
        None,
        &[(Kind::Story, "школы-госпитали")],
    ),
    (
        50,
        "Подборка «Живых голосов» для сайта города",
        Channel::CitySite,
        "",
        "подборка",
        PlanStatus::Agreed,
        None,
        &[(Kind::Collection, "Живые голоса")],
    ),
    (
        70,
        "Приглашение жителей рассказать о своих героях",
        Channel::Telegram,
        "",
        "пост",
        PlanStatus::Idea,
        None,
        &[],
    ),
];

/// Adds the demo's media plan for the quarter of `today` and the one before; returns how many
/// publications were added.
pub fn add_media_plan(
    store: &dyn Store,
    accounts: &dyn Accounts,
    today: Date,
) -> Result<usize, DemoError> {
    let (owner, owner_name) = crate::staff::press_officer(accounts)?;
    let this = Quarter::of(today);
    let last = this.previous();
    let existing: Vec<String> = accounts
        .publications_between(last.first_day(), this.last_day())?
        .into_iter()
        .map(|p| p.publication.title)
        .collect();
    let anonymous = Viewer::anonymous().filter(today);
    // The first public record of `kind` whose title has `words`.
    let public = |kind: Kind, words: &str| -> Result<Option<RecordId>, DemoError> {
        Ok(store
            .list(
                &ListQuery {
                    limit: 200,
                    ..ListQuery::new(kind)
                },
                &anonymous,
            )?
            .items
            .into_iter()
            .find(|r| r.record.title().contains(words))
            .map(|r| r.record.id()))
    };
    let mut added = 0;
    for (quarter, plans) in [(last, LAST_QUARTER), (this, THIS_QUARTER)] {
        for (offset, title, channel, outlet, format, status, reach, presents) in plans {
            if existing.iter().any(|t| t == title) {
                continue;
            }
            let day = quarter
                .first_day()
                .saturating_add(jiff::Span::new().days(*offset))
                .min(quarter.last_day());
            // What has not happened yet cannot be out: a future day keeps it prepared.
            let status = if day > today && status.is_out() {
                PlanStatus::Prepared
            } else {
                *status
            };
            let mut records = Vec::new();
            for (kind, words) in *presents {
                records.extend(public(*kind, words)?);
            }
            let publication = Publication {
                title: (*title).to_string(),
                date: Some(day),
                channel: *channel,
                format: (*format).to_string(),
                outlet: (*outlet).to_string(),
                owner: owner_name.clone(),
                status,
                occasion: String::new(),
                presents: records,
                link: if status.is_out() {
                    format!("https://khimki.example/news/{day}")
                } else {
                    String::new()
                },
                reach: reach.filter(|_| status == PlanStatus::Reported),
                note: String::new(),
            };
            accounts.add_publication(owner, &publication, Timestamp::now())?;
            added += 1;
        }
    }
    Ok(added)
}
