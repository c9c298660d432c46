//! The coordination council's view: per quarter, per working group and per roadmap activity,
//! records added, reviewed, published and interviews recorded; for «Живые голоса», hours
//! recorded, transcribed, indexed and published per quarter, working group and volunteer, and
//! projects per stage (`oral::numbers`). Exportable as CSV and printable.

use super::form::Submitted;
use super::groups::direction_name;
use super::oral::numbers::{self, HoursRow, scope_label};
use super::oral::stage_label;
use super::roadmap::{self, period_label};
use super::{Frame, Staff, render, see_other, when};
use crate::App;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use letopis_core::account::DIRECTIONS;
use letopis_core::account::Permission;
use letopis_store::accounts::{
    ALL_DIRECTIONS, Activity, ExcursionCounts, QuarterCounts, quarter_of,
};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "studio/council.html")]
struct CouncilPage {
    frame: Frame,
    rows: Vec<CountRow>,
    by_activity: Vec<ActivityRow>,
    activities: Vec<ActivityView>,
    can_link: bool,
    /// Status codes and labels for the standing's form.
    statuses: Vec<(&'static str, String)>,
    quarter: String,
    /// «4 квартал 2026 г.»: the quarter the activities' figures are for.
    figures_quarter: String,
    error: String,
    voices: Vec<VoicesRow>,
    stages: Vec<(String, u64)>,
    /// School excursions held (roadmap item 11), per quarter of the visit.
    excursions: Vec<ExcursionCounts>,
    /// The media plan (roadmap items 4 and 7), per quarter of the publication's day.
    media: Vec<MediaCounts>,
    /// Venues per micro-district and what they did this quarter (roadmap item 8), and the
    /// micro-districts that have none.
    venues: Vec<super::venues::CouncilVenueRow>,
    without_venues: String,
}

/// One quarter of the media plan as the council counts it.
struct MediaCounts {
    quarter: String,
    planned: usize,
    out: usize,
    reach: String,
}

/// The media plan's figures per quarter, the latest first: publications planned, out (with
/// their links), and the reach typed in for them.
async fn media_counts(app: &App, t: &Tr) -> Result<Vec<MediaCounts>, AppError> {
    use letopis_core::media_plan::Quarter;
    let all = app
        .accounts_call(|a| {
            a.publications_between(
                jiff::civil::date(1900, 1, 1),
                jiff::civil::date(2200, 12, 31),
            )
        })
        .await?;
    let mut by_quarter: std::collections::BTreeMap<Quarter, (usize, usize, u64)> =
        std::collections::BTreeMap::new();
    for p in all {
        let Some(q) = p.publication.quarter() else {
            continue;
        };
        let entry = by_quarter.entry(q).or_default();
        entry.0 += 1;
        if p.publication.status.is_out() {
            entry.1 += 1;
        }
        entry.2 += p.publication.reach.unwrap_or(0);
    }
    Ok(by_quarter
        .into_iter()
        .rev()
        .map(|(q, (planned, out, reach))| MediaCounts {
            quarter: format!("{}-Q{}", q.year, q.number),
            planned,
            out,
            reach: t.count("media-reach-value", reach),
        })
        .collect())
}

/// A row of hours as the page and the CSV show it.
struct VoicesRow {
    quarter: String,
    scope: String,
    who: String,
    recorded: String,
    transcribed: String,
    indexed: String,
    published: String,
    interviews: u64,
}

impl VoicesRow {
    fn of(t: &Tr, r: HoursRow) -> VoicesRow {
        VoicesRow {
            scope: scope_label(t, r.scope),
            recorded: numbers::format_hours(r.recorded_ms),
            transcribed: numbers::format_hours(r.transcribed_ms),
            indexed: numbers::format_hours(r.indexed_ms),
            published: numbers::format_hours(r.published_ms),
            quarter: r.quarter,
            who: r.who,
            interviews: r.interviews,
        }
    }
}

struct CountRow {
    quarter: String,
    group: String,
    added: u64,
    reviewed: u64,
    published: u64,
    interviews: u64,
}

/// One quarter's figures for one roadmap activity, summed over the groups of its directions.
struct ActivityRow {
    quarter: String,
    activity: String,
    added: u64,
    reviewed: u64,
    published: u64,
    interviews: u64,
}

struct ActivityView {
    id: i64,
    number: i64,
    /// The council's standing: status code and label, who answers for it, what is due when
    /// (quarter, what, done, overdue), and the form's text of it.
    status: &'static str,
    status_label: String,
    responsible: String,
    milestones: Vec<(String, String, bool, bool)>,
    milestones_text: String,
    /// The working groups whose direction carries it out.
    groups: String,
    /// This quarter's figures from the work: (what, value, change since the last quarter).
    figures: Vec<(String, String, String)>,
    /// Every direction with whether this activity is carried out by it.
    directions: Vec<(&'static str, String, bool)>,
    all: bool,
    /// The names of the directions that carry it out, joined for the sentence; empty for none.
    named: String,
    title: String,
    period: String,
    departments: String,
    reports: Vec<(String, String, String, String)>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Done {
    done: String,
}

/// The counts per quarter and working group, newest quarter first, with group names; people in
/// no working group (and imports) are «вне групп». Beside them, the same counts per roadmap
/// activity: an activity adds up the groups whose direction carries it out, and the activity
/// of filling the base counts every record once, whoever added it.
async fn counts(app: &App, t: &Tr) -> Result<(Vec<CountRow>, Vec<ActivityRow>), AppError> {
    let (counts, totals, groups) = app
        .accounts_call(|a| Ok((a.council_counts()?, a.council_totals()?, a.groups()?)))
        .await?;
    let list = activities(app).await?;
    let mut by_activity = Vec::new();
    for total in totals.iter().rev() {
        for a in list.iter().filter(|a| !a.directions.is_empty()) {
            let mut row = ActivityRow {
                quarter: total.quarter.clone(),
                activity: format!("{}. {}", a.number, a.title),
                added: 0,
                reviewed: 0,
                published: 0,
                interviews: 0,
            };
            let mut add = |c: &QuarterCounts| {
                row.added += c.added;
                row.reviewed += c.reviewed;
                row.published += c.published;
                row.interviews += c.interviews;
            };
            if a.directions.iter().any(|d| d == ALL_DIRECTIONS) {
                add(total);
            } else {
                for c in counts.iter().filter(|c| c.quarter == total.quarter) {
                    let direction = c
                        .group_id
                        .and_then(|id| groups.iter().find(|g| g.id == id))
                        .map(|g| g.direction.as_str());
                    if direction.is_some_and(|d| a.directions.iter().any(|x| x == d)) {
                        add(c);
                    }
                }
            }
            by_activity.push(row);
        }
    }
    let rows = counts
        .into_iter()
        .rev()
        .map(|c: QuarterCounts| CountRow {
            group: c
                .group_id
                .and_then(|id| groups.iter().find(|g| g.id == id))
                .map(|g| g.name.clone())
                .unwrap_or_else(|| t.msg("studio-admin-council-no-group")),
            quarter: c.quarter,
            added: c.added,
            reviewed: c.reviewed,
            published: c.published,
            interviews: c.interviews,
        })
        .collect();
    Ok((rows, by_activity))
}

async fn activities(app: &App) -> Result<Vec<Activity>, AppError> {
    app.accounts_call(|a| {
        let mut list = a.activities()?;
        if list.is_empty() {
            a.seed_activities(&roadmap::parse(roadmap::SEED))?;
            list = a.activities()?;
        }
        Ok(list)
    })
    .await
}

async fn show(
    app: &App,
    staff: &Staff,
    notice: Option<&str>,
    error: String,
) -> Result<Response, AppError> {
    let t = &staff.t;
    let (rows, by_activity) = counts(app, t).await?;
    let list = activities(app).await?;
    let reports = app.accounts_call(|a| a.reports()).await?;
    let (voices, stages) = numbers::gather(app, t).await?;
    let excursions = app.accounts_call(|a| a.excursion_counts()).await?;
    let media = media_counts(app, t).await?;
    let this_quarter = letopis_core::media_plan::Quarter::of(letopis_core::today());
    let mut figures = super::council_figures::gather(app, t, this_quarter).await?;
    let (standing, groups) = app
        .accounts_call(|a| Ok((a.activity_progress()?, a.groups()?)))
        .await?;
    let standing: std::collections::HashMap<_, _> = standing.into_iter().collect();
    let now_code = quarter_of(jiff::Timestamp::now());
    let quarter = quarter_of(jiff::Timestamp::now());
    let venues = super::venues::council_rows(app, t, &quarter).await?;
    let without_venues = super::venues::districts_without(app, staff, &venues).await?;
    render(&CouncilPage {
        excursions,
        media,
        venues,
        without_venues,
        frame: Frame::new(
            staff,
            t.msg("studio-admin-council-title"),
            "/studio/council",
        )
        .with_notice(notice),
        rows,
        by_activity,
        can_link: staff.may(Permission::Administer),
        statuses: letopis_core::progress::ActivityStatus::ALL
            .iter()
            .map(|s| (s.code(), t.msg(&format!("council-status-{}", s.code()))))
            .collect(),
        activities: list
            .into_iter()
            .map(|a| ActivityView {
                all: a.directions.iter().any(|d| d == ALL_DIRECTIONS),
                named: DIRECTIONS
                    .iter()
                    .filter(|(code, _)| a.directions.iter().any(|d| d == code))
                    .map(|(code, _)| direction_name(t, code))
                    .collect::<Vec<_>>()
                    .join(", "),
                directions: DIRECTIONS
                    .iter()
                    .map(|(code, _)| {
                        let on = a.directions.iter().any(|d| d == code);
                        (*code, direction_name(t, code), on)
                    })
                    .collect(),
                reports: reports
                    .iter()
                    .filter(|r| r.activity_id == a.id)
                    .map(|r| {
                        (
                            r.quarter.clone(),
                            r.author.clone(),
                            when(&staff.t, r.at),
                            r.body.clone(),
                        )
                    })
                    .collect(),
                status: standing
                    .get(&a.id)
                    .map(|p| p.status)
                    .unwrap_or_default()
                    .code(),
                status_label: t.msg(&format!(
                    "council-status-{}",
                    standing
                        .get(&a.id)
                        .map(|p| p.status)
                        .unwrap_or_default()
                        .code()
                )),
                responsible: standing
                    .get(&a.id)
                    .map(|p| p.responsible.clone())
                    .unwrap_or_default(),
                milestones: standing
                    .get(&a.id)
                    .map(|p| {
                        p.milestones
                            .iter()
                            .map(|m| {
                                (
                                    m.quarter.clone(),
                                    m.what.clone(),
                                    m.done,
                                    m.overdue(&now_code),
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                milestones_text: standing
                    .get(&a.id)
                    .map(|p| milestones_text(&p.milestones))
                    .unwrap_or_default(),
                groups: super::council_figures::carrying_groups(&a, &groups),
                figures: figures
                    .remove(&a.number)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|f| {
                        let change = f.change(t);
                        (f.label, t.count("media-reach-value", f.now), change)
                    })
                    .collect(),
                id: a.id.0,
                number: a.number,
                period: period(t, &a.period),
                title: a.title,
                departments: a.departments,
            })
            .collect(),
        figures_quarter: t.args(
            "media-quarter",
            &[
                ("number", this_quarter.number.to_string().into()),
                ("year", this_quarter.year.to_string().into()),
            ],
        ),
        quarter,
        error,
        voices: voices.into_iter().map(|r| VoicesRow::of(t, r)).collect(),
        stages: stages
            .into_iter()
            .map(|(stage, n)| (stage_label(t, stage), n))
            .collect(),
    })
}

/// An activity's period as the roadmap words it (the municipality's text, shown as it is),
/// or «однократно» in the page's language when the roadmap gives none.
fn period(t: &Tr, period: &str) -> String {
    if period.trim().is_empty() {
        t.msg("studio-admin-council-once")
    } else {
        period_label(period).to_string()
    }
}

pub async fn page(
    State(app): State<App>,
    staff: Staff,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    staff.require(Permission::Council)?;
    show(&app, &staff, Some(&q.done), String::new()).await
}

/// A CSV cell: quoted, and a leading `= + - @` defused so a spreadsheet never runs it.
fn cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct CsvQuery {
    /// `activity`: per roadmap activity; `voices`: hours of «Живые голоса»; `stages`: interview
    /// projects per stage; otherwise per working group.
    by: String,
}

fn csv_response(body: String, filename: &'static str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static(filename),
    );
    response
}

/// The first line of a CSV: a BOM, so that Excel opens the headers as UTF-8, then the column
/// names in the reader's language (`studio-admin-csv-<column>`). The names are ours and hold
/// no commas or quotes, so they go unquoted, as they always have.
fn csv_header(t: &Tr, columns: &[&str]) -> String {
    let names: Vec<String> = columns
        .iter()
        .map(|c| t.msg(&format!("studio-admin-csv-{c}")))
        .collect();
    format!("\u{feff}{}\r\n", names.join(","))
}

/// Hours of «Живые голоса» per quarter: in all, per working group and per volunteer.
async fn voices_csv(app: &App, t: &Tr) -> Result<Response, AppError> {
    let (rows, _) = numbers::gather(app, t).await?;
    let mut out = csv_header(
        t,
        &[
            "quarter",
            "scope",
            "who",
            "hours-recorded",
            "hours-transcribed",
            "hours-indexed",
            "hours-published",
            "interviews",
        ],
    );
    for r in rows.into_iter().map(|r| VoicesRow::of(t, r)) {
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{}\r\n",
            cell(&r.quarter),
            cell(&r.scope),
            cell(&r.who),
            cell(&r.recorded),
            cell(&r.transcribed),
            cell(&r.indexed),
            cell(&r.published),
            r.interviews
        ));
    }
    Ok(csv_response(
        out,
        "attachment; filename=\"letopis-council-voices.csv\"",
    ))
}

/// Interview projects per stage, now.
async fn stages_csv(app: &App, t: &Tr) -> Result<Response, AppError> {
    let (_, stages) = numbers::gather(app, t).await?;
    let mut out = csv_header(t, &["stage", "projects"]);
    for (stage, n) in stages {
        out.push_str(&format!("{},{n}\r\n", cell(&stage_label(t, stage))));
    }
    Ok(csv_response(
        out,
        "attachment; filename=\"letopis-council-stages.csv\"",
    ))
}

pub async fn csv(
    State(app): State<App>,
    staff: Staff,
    Query(q): Query<CsvQuery>,
) -> Result<Response, AppError> {
    staff.require(Permission::Council)?;
    match q.by.as_str() {
        "voices" => {
            app.audit(staff.audit("export", None, "отчёт совета: живые голоса, CSV"))
                .await;
            return voices_csv(&app, &staff.t).await;
        }
        "stages" => {
            app.audit(staff.audit("export", None, "отчёт совета: этапы интервью, CSV"))
                .await;
            return stages_csv(&app, &staff.t).await;
        }
        _ => {}
    }
    let t = &staff.t;
    let (rows, by_activity) = counts(&app, t).await?;
    let by_activity_wanted = q.by == "activity";
    let mut out = csv_header(
        t,
        &[
            "quarter",
            if by_activity_wanted {
                "activity"
            } else {
                "group"
            },
            "added",
            "reviewed",
            "published",
            "interviews",
        ],
    );
    let lines: Vec<(&str, &str, [u64; 4])> = if by_activity_wanted {
        by_activity
            .iter()
            .map(|r| {
                let n = [r.added, r.reviewed, r.published, r.interviews];
                (r.quarter.as_str(), r.activity.as_str(), n)
            })
            .collect()
    } else {
        rows.iter()
            .map(|r| {
                let n = [r.added, r.reviewed, r.published, r.interviews];
                (r.quarter.as_str(), r.group.as_str(), n)
            })
            .collect()
    };
    for (quarter, what, [added, reviewed, published, interviews]) in lines {
        out.push_str(&format!(
            "{},{},{added},{reviewed},{published},{interviews}\r\n",
            cell(quarter),
            cell(what),
        ));
    }
    app.audit(staff.audit("export", None, "отчёт совета, CSV"))
        .await;
    Ok(csv_response(
        out,
        if by_activity_wanted {
            "attachment; filename=\"letopis-council-activities.csv\""
        } else {
            "attachment; filename=\"letopis-council.csv\""
        },
    ))
}

pub async fn report(
    State(app): State<App>,
    staff: Staff,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    staff.require(Permission::Council)?;
    let activity = form.get("activity").parse::<i64>().ok();
    let quarter: String = form.get("quarter").trim().chars().take(10).collect();
    let body: String = form.get("body").trim().chars().take(20_000).collect();
    let quarter_ok = quarter.len() == 7
        && quarter[..4].bytes().all(|b| b.is_ascii_digit())
        && matches!(&quarter[4..], "-Q1" | "-Q2" | "-Q3" | "-Q4");
    let known = activities(&app).await?;
    let Some(activity) =
        activity.filter(|id| known.iter().any(|a| a.id == letopis_core::ActivityId(*id)))
    else {
        return show(
            &app,
            &staff,
            None,
            staff.t.msg("studio-admin-council-error-activity"),
        )
        .await;
    };
    if !quarter_ok || body.is_empty() {
        return show(
            &app,
            &staff,
            None,
            staff.t.msg("studio-admin-council-error-report"),
        )
        .await;
    }
    let (uid, name) = (staff.user.id, staff.user.display_name.clone());
    app.accounts_call(move |a| {
        a.add_report(
            letopis_core::ActivityId(activity),
            &quarter,
            uid,
            &name,
            &body,
        )
    })
    .await?;
    Ok(see_other("/studio/council?done=report"))
}

/// The administrator links an activity to the directions that carry it out.
pub async fn link(
    State(app): State<App>,
    staff: Staff,
    axum::extract::Path(id): axum::extract::Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    staff.require(Permission::Administer)?;
    let chosen: Vec<String> = form
        .all("direction")
        .into_iter()
        .filter(|d| *d == ALL_DIRECTIONS || DIRECTIONS.iter().any(|(code, _)| code == d))
        .map(str::to_string)
        .collect();
    let detail = format!("мероприятие №{id}: {}", chosen.join(", "));
    let result = app
        .accounts_call(move |a| a.set_activity_directions(letopis_core::ActivityId(id), &chosen))
        .await;
    if let Err(AppError::NotFound) = result {
        return show(
            &app,
            &staff,
            None,
            staff.t.msg("studio-admin-council-error-no-activity"),
        )
        .await;
    }
    result?;
    app.audit(staff.audit("roadmap", None, &detail)).await;
    Ok(see_other("/studio/council?done=linked"))
}

/// The council's standing of an activity as the form writes it: «2026-Q4: что сделать», one per
/// line, «+» in front of what is done.
fn milestones_from(text: &str) -> Vec<letopis_core::progress::Milestone> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let (done, rest) = match line.strip_prefix('+') {
                Some(rest) => (true, rest.trim()),
                None => (false, line),
            };
            let (quarter, what) = rest
                .split_once(':')
                .map(|(q, w)| (q.trim(), w.trim()))
                .unwrap_or((rest, ""));
            letopis_core::progress::Milestone {
                quarter: quarter
                    .to_uppercase()
                    .replace('Q', "-Q")
                    .replace("--Q", "-Q"),
                what: what.to_string(),
                done,
            }
        })
        .collect()
}

/// The form's text of an activity's milestones.
fn milestones_text(milestones: &[letopis_core::progress::Milestone]) -> String {
    milestones
        .iter()
        .map(|m| {
            format!(
                "{}{}: {}",
                if m.done { "+ " } else { "" },
                m.quarter,
                m.what
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `POST /studio/council/activities/{id}/progress`: the council records an activity's status,
/// who answers for it and what is due by which quarter.
pub async fn progress(
    State(app): State<App>,
    staff: Staff,
    axum::extract::Path(id): axum::extract::Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    use letopis_core::progress::{ActivityStatus, Progress};
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    staff.require(Permission::Council)?;
    let Some(status) = ActivityStatus::from_code(form.get("status")) else {
        let error = staff.t.msg("council-progress-error-status");
        return bad_request(show(&app, &staff, None, error).await);
    };
    let progress = Progress {
        status,
        responsible: form.get("responsible").trim().to_string(),
        milestones: milestones_from(form.get("milestones")),
    };
    if let Err(invalid) = progress.validate() {
        let error = format!(
            "{} {}",
            staff.t.args(
                "council-progress-error",
                &[("number", form.get("number").to_string().into())]
            ),
            invalid
                .problems
                .iter()
                .map(|p| p.message.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        );
        return bad_request(show(&app, &staff, None, error).await);
    }
    let detail = format!(
        "мероприятие №{}: {}, ответственный «{}», сроков {}",
        form.get("number"),
        status.code(),
        progress.responsible,
        progress.milestones.len()
    );
    app.accounts_call(move |a| {
        a.set_activity_progress(
            letopis_core::ActivityId(id),
            &progress,
            jiff::Timestamp::now(),
        )
    })
    .await?;
    app.audit(staff.audit("roadmap", None, &detail)).await;
    Ok(see_other("/studio/council?done=saved"))
}

fn bad_request(page: Result<Response, AppError>) -> Result<Response, AppError> {
    page.map(|mut r| {
        *r.status_mut() = axum::http::StatusCode::BAD_REQUEST;
        r
    })
}
