//! The demo museum's local-history conference (roadmap activity 10, issue #18): the call for
//! the coming spring's readings, and papers at every stage — one waiting for reviewers, one in
//! review, one declined, two accepted and placed in the programme, one of them already in the
//! proceedings as a document of the base tied to the records it discusses. Invented authors on
//! reserved `.example` addresses; each paper's PDF is drawn by `letopis-graphics`.
//!
//! Run again over the same base, it adds nothing: a conference with the demo's code already
//! has its papers.

use crate::DemoError;
use jiff::Timestamp;
use jiff::civil::{Date, Time};
use letopis_core::conference::{
    Author, Conference, Paper, PaperStatus, Recommendation, Section, Slot, proceedings_item,
};
use letopis_core::history::Actor;
use letopis_core::relation::{NewRelation, RelationType};
use letopis_core::{Body, Kind, RecordId, Viewer};
use letopis_media::Blobs;
use letopis_store::accounts::Accounts;
use letopis_store::conference::PaperFile;
use letopis_store::{Draft, ListQuery, Op, Store};

const SLUG: &str = "chteniya-2027";

/// (title, [(author, affiliation)], section, abstract, what becomes of it, slot: (day index,
/// start, end), records it discusses: (kind, words of the title)).
type Plan = (
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static str,
    &'static str,
    Fate,
    Option<(usize, (i8, i8), (i8, i8))>,
    &'static [(Kind, &'static str)],
);

#[derive(Clone, Copy, PartialEq)]
enum Fate {
    Waiting,
    InReview,
    Declined,
    Accepted,
    Published,
}

const PAPERS: &[Plan] = &[
    (
        "Рубеж у Ежей: как строили противотанковый заслон осенью 1941 года",
        &[(
            "Соколова Мария Андреевна",
            "МБОУ Лицей № 10, учитель истории",
        )],
        "front",
        "По воспоминаниям жителей и фотографиям из семейных архивов доклад восстанавливает, как в октябре–ноябре 1941 года на подступах к Химкам строили противотанковые рвы и кто в этом участвовал.",
        Fate::Published,
        Some((0, (10, 0), (10, 20))),
        &[(Kind::Story, "Рубеж у Ежей")],
    ),
    (
        "Эвакуация завода № 301: документы и голоса",
        &[
            ("Орлов Денис Сергеевич", "Химкинский краеведческий клуб"),
            ("Лебедева Ольга Николаевна", "Библиотека № 4 «Сходня»"),
        ],
        "home-front",
        "Доклад сопоставляет приказы об эвакуации с рассказами очевидцев, записанными волонтёрами проекта «Живые голоса».",
        Fate::Accepted,
        Some((0, (11, 0), (11, 20))),
        &[],
    ),
    (
        "Письма с фронта в семейных архивах Левобережного",
        &[(
            "Никитина Анна Викторовна",
            "МБОУ СОШ № 5, руководитель музея",
        )],
        "home-front",
        "Школьный музей собрал сорок два письма; доклад рассказывает, как их описывали и оцифровывали вместе с учениками.",
        Fate::InReview,
        None,
        &[],
    ),
    (
        "Топонимика военных лет: улицы, названные в честь героев",
        &[("Громов Игорь Петрович", "независимый исследователь")],
        "memory",
        "Какие улицы города носят имена участников войны и что о них известно.",
        Fate::Waiting,
        None,
        &[],
    ),
    (
        "Война в моей семье",
        &[("Котов Алексей Алексеевич", "")],
        "memory",
        "Рассказ о прадеде без ссылок на источники.",
        Fate::Declined,
        None,
        &[],
    ),
];

fn sections() -> Vec<Section> {
    vec![
        Section {
            key: "front".into(),
            title: "Фронт у стен города".into(),
            room: "Большой зал".into(),
        },
        Section {
            key: "home-front".into(),
            title: "Тыл: заводы, госпитали, семьи".into(),
            room: "Читальный зал".into(),
        },
        Section {
            key: "memory".into(),
            title: "Память: музеи, имена, места".into(),
            room: "Читальный зал".into(),
        },
    ]
}

/// Adds the demo's conference; returns how many papers were added.
pub fn add_conference(
    store: &dyn Store,
    accounts: &dyn Accounts,
    blobs: &dyn Blobs,
    today: Date,
) -> Result<usize, DemoError> {
    if accounts
        .current_conference()?
        .is_some_and(|c| c.conference.slug == SLUG)
    {
        return Ok(0);
    }
    let days = |n: i64| today.saturating_add(jiff::Span::new().days(n));
    let conference = Conference {
        slug: SLUG.into(),
        title: "Химки в годы войны: XII краеведческие чтения".into(),
        call: "Управление культуры и Управление образования приглашают краеведов, учителей, библиотекарей, школьников с их руководителями и всех, кто изучает историю города в 1941–1945 годах, выступить на XII краеведческих чтениях.\n\nПринимаются доклады, основанные на документах, фотографиях, воспоминаниях и интервью. Лучшие доклады войдут в труды чтений и в информационную базу виртуального музея «Летопись».\n\nРегламент выступления — 15 минут и 5 минут на вопросы.".into(),
        organizers: "Управление культуры и Управление образования городского округа".into(),
        place: "Центральная библиотека, ул. Маяковского, 18".into(),
        starts: Some(days(75)),
        ends: Some(days(76)),
        deadline: Some(days(40)),
        sections: sections(),
    };
    let at = Timestamp::now();
    let id = accounts.save_conference(&conference, at)?;
    let users = accounts.users()?;
    let reviewers: Vec<_> = users
        .iter()
        .filter(|u| u.roles.may(letopis_core::account::Permission::Review) && !u.disabled)
        .take(2)
        .collect();
    let chair = users
        .iter()
        .find(|u| {
            u.roles
                .iter()
                .any(|r| r == letopis_core::account::Role::Coordinator)
        })
        .map(|u| u.display_name.clone())
        .unwrap_or_else(|| "Программный комитет".into());
    let anonymous = Viewer::anonymous().filter(today);
    let mut added = 0;
    for (n, (title, authors, section, summary, fate, slot, discusses)) in PAPERS.iter().enumerate()
    {
        let paper = Paper {
            title: (*title).into(),
            authors: authors
                .iter()
                .map(|(name, affiliation)| Author {
                    name: (*name).into(),
                    affiliation: (*affiliation).into(),
                })
                .collect(),
            email: format!("author{}@mail.example", n + 1),
            summary: (*summary).into(),
            section: (*section).into(),
            lang: "ru".into(),
        };
        let pdf = letopis_graphics::poster::leaflet(&letopis_graphics::poster::Leaflet {
            museum: conference.title.clone(),
            title: paper.title.clone(),
            subtitle: paper.byline(),
            sections: vec![letopis_graphics::poster::Section {
                heading: "Аннотация".into(),
                paragraphs: vec![paper.summary.clone()],
            }],
            qr: None,
            address: String::new(),
            footer: "Текст доклада для демонстрации: авторы и содержание вымышлены.".into(),
        })
        .map_err(|e| DemoError::Media {
            name: format!("доклад {}", n + 1),
            source: letopis_media::MediaError::Io {
                action: "нарисовать PDF доклада".into(),
                source: std::io::Error::other(e.to_string()),
            },
        })?;
        let blob = blobs
            .put_bytes(&pdf, Some("paper.pdf"))
            .map_err(|source| DemoError::Media {
                name: format!("доклад {}", n + 1),
                source,
            })?;
        let file = PaperFile {
            sha256: blob.sha256.clone(),
            name: format!("doklad-{}.pdf", n + 1),
            size: pdf.len() as u64,
        };
        let hash = format!("demo-paper-{n}");
        let pid = accounts.submit_paper(id, &paper, &file, &hash, at)?;
        accounts.confirm_paper(&hash, at)?;
        added += 1;
        if *fate == Fate::Waiting {
            continue;
        }
        for (i, r) in reviewers.iter().enumerate() {
            accounts.assign_paper_reviewer(pid, r.id, &chair, at)?;
            let (score, rec, comment) = match fate {
                Fate::Declined => (
                    2,
                    Recommendation::Decline,
                    "Нет опоры на источники; семейный рассказ лучше прислать в «Героев города».",
                ),
                Fate::InReview if i > 0 => continue,
                Fate::InReview => (
                    4,
                    Recommendation::Revise,
                    "Интересный материал; стоит указать шифры хранения писем.",
                ),
                _ => (
                    5,
                    Recommendation::Accept,
                    "Основан на документах и интервью, хорошо изложен.",
                ),
            };
            accounts.review_paper(pid, r.id, score, rec, comment, &r.display_name, at)?;
        }
        match fate {
            Fate::Declined => accounts.decide_paper(
                pid,
                false,
                "Благодарим за доклад; программный комитет не смог включить его в программу.",
                &chair,
                at,
            )?,
            Fate::Accepted | Fate::Published => {
                accounts.decide_paper(
                    pid,
                    true,
                    "Программный комитет принял ваш доклад.",
                    &chair,
                    at,
                )?;
                if let (Some((day, start, end)), Some(first)) = (slot, conference.starts) {
                    let day = first.saturating_add(jiff::Span::new().days(*day as i64));
                    let time = |(h, m): (i8, i8)| Time::new(h, m, 0, 0).unwrap_or(Time::midnight());
                    let slot = Slot {
                        day,
                        start: time(*start),
                        end: time(*end),
                    };
                    accounts.schedule_paper(pid, Some(slot), &chair, at)?;
                }
            }
            _ => {}
        }
        debug_assert!(
            accounts
                .paper(pid)?
                .is_some_and(|p| p.status != PaperStatus::Unconfirmed)
        );
        if *fate != Fate::Published {
            continue;
        }
        let mut mentions = Vec::new();
        for (kind, words) in *discusses {
            let found = store
                .list(
                    &ListQuery {
                        limit: 200,
                        ..ListQuery::new(*kind)
                    },
                    &anonymous,
                )?
                .items
                .into_iter()
                .find(|r| r.record.title().contains(words))
                .map(|r| r.record.id());
            mentions.extend(found);
        }
        let day = slot
            .and_then(|(n, _, _)| {
                conference
                    .starts
                    .map(|s| s.saturating_add(jiff::Span::new().days(n as i64)))
            })
            .or(conference.starts);
        let item = proceedings_item(&conference, &paper, pid, &blob.sha256, day);
        let mut ops = vec![Op::Create(Draft::published(Body::Item(item)))];
        for m in mentions {
            ops.push(Op::RelateCovering {
                relation: NewRelation::new(RecordId(0), RelationType::Mentions, m),
                from_earlier: Some(0),
                to_earlier: None,
            });
        }
        let out = store.apply(&Actor::system("demo"), ops, today)?;
        if let Some(made) = out.first().and_then(|o| o.record_id()) {
            accounts.paper_published(pid, made, &chair, at)?;
        }
    }
    Ok(added)
}
