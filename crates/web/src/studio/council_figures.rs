//! The figures of each roadmap activity for a quarter, taken from the work itself (issue #18):
//! the council sees, beside every activity it steers, what the portal can count of it this
//! quarter and the one before — working groups and who is responsible, volunteers and
//! narrators, records added and published, the media plan's publications and reach, residents'
//! stories, school excursions and pupils, lesson kits, interviews. An activity the portal cannot
//! measure (cost estimates, say) says so rather than showing zeros.
//!
//! Activities are matched by their roadmap number (the seeded roadmap, `studio/roadmap.rs`).

use crate::App;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use jiff::Timestamp;
use letopis_core::account::Role;
use letopis_core::contribution::Status;
use letopis_core::lesson::KitState;
use letopis_core::media_plan::Quarter;
use letopis_store::accounts::quarter_of;
use letopis_store::contributions::QueueFilter;
use std::collections::HashMap;

/// One figure of an activity: this quarter's value and, for what is counted per quarter, the
/// previous quarter's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub label: String,
    pub now: u64,
    /// `None` for a state rather than a count (how many groups there are).
    pub before: Option<u64>,
}

impl Figure {
    /// «+3», «−1», «без изменений»; empty for a state.
    pub fn change(&self, t: &Tr) -> String {
        match self.before {
            None => String::new(),
            Some(b) if b == self.now => t.msg("council-figure-same"),
            Some(b) if self.now > b => format!("+{}", t.count("media-reach-value", self.now - b)),
            Some(b) => format!("−{}", t.count("media-reach-value", b - self.now)),
        }
    }
}

/// The figures of every activity the portal measures, by roadmap number.
pub async fn gather(
    app: &App,
    t: &Tr,
    quarter: Quarter,
) -> Result<HashMap<i64, Vec<Figure>>, AppError> {
    let previous = quarter.previous();
    let (groups, users, totals, excursions, kits, plan, (venues, venue_quarters)) = app
        .accounts_call(move |a| {
            Ok((
                a.groups()?,
                a.users()?,
                a.council_totals()?,
                a.excursion_counts()?,
                a.kits_in(&[KitState::Published])?,
                a.publications_between(previous.first_day(), quarter.last_day())?,
                (a.venues()?.len() as u64, a.venue_quarters()?),
            ))
        })
        .await?;
    let papers = app
        .accounts_call(|a| match a.current_conference()? {
            Some(c) => a.papers(c.id),
            None => Ok(Vec::new()),
        })
        .await?;
    // Oral history and residents' stories are optional parts of a deployment.
    let (narrators, projects) = match app.oral() {
        Ok(_) => {
            app.oral_call(|o| Ok((o.narrators()?.len() as u64, o.projects()?)))
                .await?
        }
        Err(_) => (0, Vec::new()),
    };
    let stories = if app.takes_contributions() {
        app.contributions_call(|c| {
            c.queue(&QueueFilter {
                statuses: vec![
                    Status::Received,
                    Status::InModeration,
                    Status::NeedsInfo,
                    Status::Published,
                    Status::Declined,
                    Status::Withdrawn,
                ],
                assigned: None,
                confirmed: None,
                text: String::new(),
                limit: u32::MAX,
            })
        })
        .await?
    } else {
        Vec::new()
    };

    let code = |q: Quarter| format!("{}-Q{}", q.year, q.number);
    let in_q = |at: Timestamp, q: Quarter| quarter_of(at) == code(q);
    let per_quarter = |label: &str, count: &dyn Fn(Quarter) -> u64| Figure {
        label: t.msg(label),
        now: count(quarter),
        before: Some(count(previous)),
    };
    let state = |label: &str, now: u64| Figure {
        label: t.msg(label),
        now,
        before: None,
    };
    let total = |q: Quarter, f: &dyn Fn(&letopis_store::accounts::QuarterCounts) -> u64| {
        totals
            .iter()
            .filter(|c| c.quarter == code(q))
            .map(f)
            .sum::<u64>()
    };
    let with_role = |role: Role| users.iter().filter(|u| u.roles.has(role)).count() as u64;
    let members: std::collections::HashSet<_> = groups
        .iter()
        .flat_map(|g| g.members.iter().map(|m| m.user_id))
        .collect();
    let publications = |q: Quarter, out: bool| {
        plan.iter()
            .filter(|p| p.publication.quarter() == Some(q))
            .filter(|p| !out || p.publication.status.is_out())
            .count() as u64
    };
    let reach = |q: Quarter| {
        plan.iter()
            .filter(|p| p.publication.quarter() == Some(q) && p.publication.status.is_out())
            .filter_map(|p| p.publication.reach)
            .sum::<u64>()
    };
    let visits = |q: Quarter, pupils: bool| {
        excursions
            .iter()
            .filter(|e| e.quarter == code(q))
            .map(|e| if pupils { e.pupils } else { e.visits })
            .sum::<u64>()
    };

    let mut out: HashMap<i64, Vec<Figure>> = HashMap::new();
    out.insert(
        1,
        vec![
            state("council-figure-groups", groups.len() as u64),
            state(
                "council-figure-groups-responsible",
                groups
                    .iter()
                    .filter(|g| g.members.iter().any(|m| m.responsible))
                    .count() as u64,
            ),
            state("council-figure-members", members.len() as u64),
        ],
    );
    out.insert(
        2,
        vec![
            state("council-figure-volunteers", with_role(Role::Volunteer)),
            state(
                "council-figure-psychologists",
                with_role(Role::Psychologist),
            ),
            state("council-figure-narrators", narrators),
            per_quarter("council-figure-projects-started", &|q| {
                projects.iter().filter(|p| in_q(p.created_at, q)).count() as u64
            }),
        ],
    );
    out.insert(
        4,
        vec![per_quarter("council-figure-planned", &|q| {
            publications(q, false)
        })],
    );
    out.insert(
        5,
        vec![
            state("council-figure-members", members.len() as u64),
            per_quarter("council-figure-reviewed", &|q| total(q, &|c| c.reviewed)),
        ],
    );
    out.insert(
        6,
        vec![
            per_quarter("council-figure-added", &|q| total(q, &|c| c.added)),
            per_quarter("council-figure-published", &|q| total(q, &|c| c.published)),
            per_quarter("council-figure-interviews", &|q| {
                total(q, &|c| c.interviews)
            }),
        ],
    );
    out.insert(
        7,
        vec![
            per_quarter("council-figure-out", &|q| publications(q, true)),
            per_quarter("council-figure-reach", &reach),
        ],
    );
    let at_venues = |q: Quarter, people: bool| {
        venue_quarters
            .iter()
            .filter(|v| v.quarter == code(q))
            .map(|v| if people { v.people } else { v.activities })
            .sum::<u64>()
    };
    out.insert(
        8,
        vec![
            state("council-figure-venues", venues),
            per_quarter("council-figure-venue-events", &|q| at_venues(q, false)),
            per_quarter("council-figure-venue-people", &|q| at_venues(q, true)),
        ],
    );
    out.insert(
        9,
        vec![
            per_quarter("council-figure-stories-received", &|q| {
                stories
                    .iter()
                    .filter(|s| s.sent_at.is_some_and(|at| in_q(at, q)))
                    .count() as u64
            }),
            per_quarter("council-figure-stories-published", &|q| {
                stories
                    .iter()
                    .filter(|s| s.status == Status::Published && in_q(s.updated_at, q))
                    .count() as u64
            }),
        ],
    );
    let accepted = |p: &&letopis_store::conference::StoredPaper| {
        p.status == letopis_core::conference::PaperStatus::Accepted
    };
    let mut speakers: Vec<String> = papers
        .iter()
        .filter(accepted)
        .flat_map(|p| p.paper.authors.iter().map(|a| a.name.trim().to_lowercase()))
        .collect();
    speakers.sort();
    speakers.dedup();
    out.insert(
        10,
        vec![
            per_quarter("council-figure-papers", &|q| {
                papers
                    .iter()
                    .filter(|p| p.confirmed_at.is_some_and(|at| in_q(at, q)))
                    .count() as u64
            }),
            per_quarter("council-figure-papers-accepted", &|q| {
                papers
                    .iter()
                    .filter(accepted)
                    .filter(|p| p.decided_at.is_some_and(|at| in_q(at, q)))
                    .count() as u64
            }),
            state("council-figure-speakers", speakers.len() as u64),
            state(
                "council-figure-proceedings",
                papers.iter().filter(|p| p.item.is_some()).count() as u64,
            ),
        ],
    );
    out.insert(
        11,
        vec![
            per_quarter("council-figure-excursions", &|q| visits(q, false)),
            per_quarter("council-figure-pupils", &|q| visits(q, true)),
        ],
    );
    out.insert(
        12,
        vec![
            per_quarter("council-figure-kits-published", &|q| {
                kits.iter()
                    .filter(|k| k.published_at.is_some_and(|at| in_q(at, q)))
                    .count() as u64
            }),
            state("council-figure-kits", kits.len() as u64),
        ],
    );
    out.insert(
        13,
        vec![per_quarter("council-figure-published-total", &|q| {
            totals
                .iter()
                .filter(|c| c.quarter <= code(q))
                .map(|c| c.published)
                .sum()
        })],
    );
    Ok(out)
}

/// The working groups that carry `activity` out (through its directions), by name.
pub fn carrying_groups(
    activity: &letopis_store::accounts::Activity,
    groups: &[letopis_store::accounts::Group],
) -> String {
    groups
        .iter()
        .filter(|g| {
            activity
                .directions
                .iter()
                .any(|d| d == letopis_store::accounts::ALL_DIRECTIONS || *d == g.direction)
        })
        .map(|g| g.name.clone())
        .collect::<Vec<_>>()
        .join(", ")
}
