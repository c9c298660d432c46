//! The council's numbers for «Живые голоса»: hours recorded, transcribed, indexed and published
//! per quarter — in all, per working group and per volunteer — and how many projects stand at
//! each stage now.
//!
//! A project's hours are the length of its linked Interview record's recordings
//! (`Interview::duration_ms`); a stage's hours fall in the quarter of the day the project
//! reached it. Work is attributed to the project's interviewer and the working groups they
//! belong to (a member of two groups counts in each, as in the rest of the report).

use crate::App;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use jiff::civil::Date;
use letopis_core::oral::Stage;
use letopis_core::{Body, RecordId};
use letopis_store::accounts::{Group, User};
use letopis_store::oral::{Project, Step};
use std::collections::{BTreeMap, HashMap};

/// The scopes of a row, as codes: the page and the CSV word them (`studio-oral-scope-<code>`).
pub const SCOPE_ALL: &str = "all";
pub const SCOPE_GROUP: &str = "group";
pub const SCOPE_VOLUNTEER: &str = "volunteer";

/// A scope in the reader's language.
pub fn scope_label(t: &Tr, scope: &str) -> String {
    t.msg(&format!("studio-oral-scope-{scope}"))
}

/// One quarter's figures for everyone, one working group, or one volunteer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HoursRow {
    pub quarter: String,
    pub scope: &'static str,
    pub who: String,
    pub recorded_ms: u64,
    pub transcribed_ms: u64,
    pub indexed_ms: u64,
    pub published_ms: u64,
    /// Interviews recorded in the quarter.
    pub interviews: u64,
}

/// `2026-Q1`, as the rest of the council's report names quarters.
pub fn quarter_of_day(d: Date) -> String {
    format!("{}-Q{}", d.year(), (d.month() - 1) / 3 + 1)
}

/// Hours with two decimals and a decimal comma, as a Russian spreadsheet reads them.
pub fn format_hours(ms: u64) -> String {
    let hundredths = (ms * 100 + 1_800_000) / 3_600_000;
    format!("{},{:02}", hundredths / 100, hundredths % 100)
}

/// Rows per quarter and scope. `t` words the rows that have no name of their own (work of
/// people in no group, of projects with no interviewer).
pub fn hours(
    t: &Tr,
    projects: &[Project],
    steps: &[Step],
    durations: &HashMap<RecordId, u64>,
    users: &[User],
    groups: &[Group],
) -> Vec<HoursRow> {
    // Newest quarter first; in each, everyone, then groups, then volunteers, by name.
    let mut rows: BTreeMap<(std::cmp::Reverse<String>, u8, String), HoursRow> = BTreeMap::new();
    for step in steps.iter().filter(|s| s.from.is_some()) {
        let Some(p) = projects.iter().find(|p| p.id == step.project_id) else {
            continue;
        };
        let ms = p
            .interview
            .and_then(|r| durations.get(&r).copied())
            .unwrap_or(0);
        let quarter = quarter_of_day(step.on);
        let volunteer = p
            .interviewer
            .and_then(|id| users.iter().find(|u| u.id == id));
        let mut scopes = vec![(0u8, SCOPE_ALL, String::new())];
        let group_names: Vec<String> = volunteer
            .map(|u| {
                groups
                    .iter()
                    .filter(|g| u.groups.contains(&g.id))
                    .map(|g| g.name.clone())
                    .collect()
            })
            .unwrap_or_default();
        if group_names.is_empty() {
            scopes.push((1, SCOPE_GROUP, t.msg("studio-oral-hours-no-group")));
        }
        scopes.extend(group_names.into_iter().map(|g| (1, SCOPE_GROUP, g)));
        scopes.push((
            2,
            SCOPE_VOLUNTEER,
            volunteer
                .map(|u| u.display_name.clone())
                .unwrap_or_else(|| t.msg("studio-oral-hours-no-interviewer")),
        ));
        for (rank, scope, who) in scopes {
            let row = rows
                .entry((std::cmp::Reverse(quarter.clone()), rank, who.clone()))
                .or_insert_with(|| HoursRow {
                    quarter: quarter.clone(),
                    scope,
                    who,
                    ..HoursRow::default()
                });
            match step.stage {
                Stage::Recorded => {
                    row.recorded_ms += ms;
                    row.interviews += 1;
                }
                Stage::Transcribed => row.transcribed_ms += ms,
                Stage::Indexed => row.indexed_ms += ms,
                Stage::Published => row.published_ms += ms,
                _ => {}
            }
        }
    }
    rows.into_values()
        .filter(|r| {
            r.interviews > 0
                || r.recorded_ms + r.transcribed_ms + r.indexed_ms + r.published_ms > 0
                || r.scope == SCOPE_ALL
        })
        .collect()
}

/// How many projects stand at each stage, every stage listed.
pub fn per_stage(projects: &[Project]) -> Vec<(Stage, u64)> {
    Stage::ALL
        .iter()
        .map(|s| {
            let n = projects.iter().filter(|p| p.stage == *s).count() as u64;
            (*s, n)
        })
        .collect()
}

/// Everything the council's report needs; empty when the oral history is not turned on.
pub async fn gather(app: &App, t: &Tr) -> Result<(Vec<HoursRow>, Vec<(Stage, u64)>), AppError> {
    if app.oral().is_err() {
        return Ok((Vec::new(), Vec::new()));
    }
    let (projects, steps) = app
        .oral_call(|o| Ok((o.projects()?, o.all_steps()?)))
        .await?;
    let (users, groups) = app.accounts_call(|a| Ok((a.users()?, a.groups()?))).await?;
    let ids: Vec<RecordId> = projects.iter().filter_map(|p| p.interview).collect();
    // Only the length of each recording is read, for a sum: no record is shown, so this is the
    // museum's reading rather than what the coordinator's own viewer may open.
    let records = app.museum_desk(move |desk| desk.gate().many(&ids)).await?;
    let durations: HashMap<RecordId, u64> = records
        .iter()
        .filter_map(|r| match &r.record.body {
            Body::Interview(i) => Some((r.record.id(), u64::from(i.duration_ms()))),
            _ => None,
        })
        .collect();
    Ok((
        hours(t, &projects, &steps, &durations, &users, &groups),
        per_stage(&projects),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::i18n::Lang;
    use jiff::civil::date;
    use letopis_core::UserId;
    use letopis_core::account::{Email, Roles};

    fn project(id: i64, interviewer: Option<i64>, interview: Option<i64>, stage: Stage) -> Project {
        Project {
            id: letopis_core::ProjectId(id),
            title: format!("Проект {id}"),
            narrator_id: letopis_core::NarratorId(1),
            stage,
            interviewer: interviewer.map(UserId),
            psychologist: None,
            needs_psychologist: false,
            guide_version: None,
            interview: interview.map(RecordId),
            created_at: jiff::Timestamp::UNIX_EPOCH,
            updated_at: jiff::Timestamp::UNIX_EPOCH,
        }
    }

    fn step(project_id: i64, stage: Stage, on: Date) -> Step {
        Step {
            id: 0,
            project_id: letopis_core::ProjectId(project_id),
            from: Some(Stage::Scheduled),
            stage,
            on,
            user_id: None,
            user_name: String::new(),
            note: String::new(),
            at: jiff::Timestamp::UNIX_EPOCH,
        }
    }

    fn user(id: letopis_core::UserId, name: &str, groups: Vec<letopis_core::GroupId>) -> User {
        User {
            id,
            email: Email::from_stored(format!("u{id}@example.ru")),
            display_name: name.into(),
            roles: Roles::default(),
            groups,
            has_password: true,
            disabled: false,
            locked_until: None,
        }
    }

    #[test]
    fn hours_fall_in_the_quarter_of_the_day_and_count_for_group_and_volunteer() {
        let projects = [
            project(1, Some(10), Some(100), Stage::Transcribed),
            project(2, None, Some(200), Stage::Recorded),
        ];
        let steps = [
            step(1, Stage::Recorded, date(2026, 3, 31)),
            step(1, Stage::Transcribed, date(2026, 4, 1)),
            step(2, Stage::Recorded, date(2026, 2, 1)),
        ];
        let durations = HashMap::from([(RecordId(100), 5_400_000), (RecordId(200), 1_800_000)]);
        let users = [user(
            letopis_core::UserId(10),
            "Вера",
            vec![letopis_core::GroupId(7)],
        )];
        let groups = [Group {
            id: letopis_core::GroupId(7),
            name: "Голоса Сходни".into(),
            direction: "living_voices".into(),
            members: vec![],
        }];
        let rows = hours(
            &Tr::new(Lang::Ru),
            &projects,
            &steps,
            &durations,
            &users,
            &groups,
        );
        let view: Vec<(&str, &str, &str, u64, u64, u64)> = rows
            .iter()
            .map(|r| {
                (
                    r.quarter.as_str(),
                    r.scope,
                    r.who.as_str(),
                    r.recorded_ms,
                    r.transcribed_ms,
                    r.interviews,
                )
            })
            .collect();
        assert_eq!(
            view,
            [
                ("2026-Q2", SCOPE_ALL, "", 0, 5_400_000, 0),
                ("2026-Q2", SCOPE_GROUP, "Голоса Сходни", 0, 5_400_000, 0),
                ("2026-Q2", SCOPE_VOLUNTEER, "Вера", 0, 5_400_000, 0),
                ("2026-Q1", SCOPE_ALL, "", 7_200_000, 0, 2),
                ("2026-Q1", SCOPE_GROUP, "Голоса Сходни", 5_400_000, 0, 1),
                ("2026-Q1", SCOPE_GROUP, "вне групп", 1_800_000, 0, 1),
                ("2026-Q1", SCOPE_VOLUNTEER, "Вера", 5_400_000, 0, 1),
                (
                    "2026-Q1",
                    SCOPE_VOLUNTEER,
                    "интервьюер не назначен",
                    1_800_000,
                    0,
                    1
                ),
            ]
        );
        assert_eq!(format_hours(7_200_000), "2,00");
        assert_eq!(format_hours(5_400_000), "1,50");
        assert_eq!(format_hours(0), "0,00");
        let stages = per_stage(&projects);
        assert_eq!(stages.len(), Stage::ALL.len());
        assert!(stages.contains(&(Stage::Recorded, 1)));
        let english = hours(
            &Tr::new(Lang::En),
            &projects,
            &steps,
            &durations,
            &users,
            &groups,
        );
        assert!(english.iter().any(|r| r.who == "outside any group"));
        assert_eq!(
            scope_label(&Tr::new(Lang::Ru), SCOPE_GROUP),
            "рабочая группа"
        );
    }
}
