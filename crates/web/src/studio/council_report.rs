//! The council's quarterly report (issue #18): for a quarter, every roadmap activity with its
//! status and responsible person, the working groups that carry it, its figures from the work
//! and how each changed since the quarter before, the deadlines that fell due, and the text
//! reports written for it — as a page to print (`/studio/council/quarter`) and as CSV for a
//! spreadsheet (`/studio/council/quarter.csv`).

use super::council_figures::{self, Figure};
use super::{Frame, Staff, render};
use crate::App;
use crate::shell::error::AppError;
use crate::shell::i18n::{Message, Tr};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use letopis_core::account::Permission;
use letopis_core::media_plan::Quarter;
use letopis_core::progress::Progress;
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Asked {
    /// `2026-Q4` (or `2026-4`); this quarter when absent.
    quarter: String,
}

/// One activity of the report.
pub struct Line {
    pub number: i64,
    pub title: String,
    pub status: String,
    pub responsible: String,
    pub groups: String,
    /// (what, now, before, change).
    pub figures: Vec<(String, String, String, String)>,
    /// (what, state) of the deadlines of this quarter and the overdue ones.
    pub deadlines: Vec<(String, String)>,
    pub reports: Vec<String>,
}

#[derive(Template)]
#[template(path = "studio/council_quarter.html")]
struct QuarterPage {
    frame: Frame,
    quarter_label: String,
    previous_label: String,
    previous: String,
    next: String,
    code: String,
    lines: Vec<Line>,
}

fn parse(asked: &str) -> Result<Quarter, AppError> {
    if asked.is_empty() {
        return Ok(Quarter::of(letopis_core::today()));
    }
    Quarter::parse(&asked.replace("-Q", "-").replace("-q", "-"))
        .ok_or_else(|| AppError::BadRequest(Message::new("council-quarter-error")))
}

fn code(q: Quarter) -> String {
    format!("{}-Q{}", q.year, q.number)
}

fn label(q: Quarter, t: &Tr) -> String {
    t.args(
        "media-quarter",
        &[
            ("number", q.number.to_string().into()),
            ("year", q.year.to_string().into()),
        ],
    )
}

/// The report's activities for `quarter`.
async fn lines(app: &App, t: &Tr, quarter: Quarter) -> Result<Vec<Line>, AppError> {
    let (activities, standing, groups, reports) = app
        .accounts_call(|a| {
            Ok((
                a.activities()?,
                a.activity_progress()?,
                a.groups()?,
                a.reports()?,
            ))
        })
        .await?;
    let standing: HashMap<_, Progress> = standing.into_iter().collect();
    let mut figures = council_figures::gather(app, t, quarter).await?;
    let this = code(quarter);
    Ok(activities
        .into_iter()
        .map(|a| {
            let progress = standing.get(&a.id).cloned().unwrap_or_default();
            Line {
                number: a.number,
                status: t.msg(&format!("council-status-{}", progress.status.code())),
                responsible: progress.responsible.clone(),
                groups: council_figures::carrying_groups(&a, &groups),
                figures: figures
                    .remove(&a.number)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|f: Figure| {
                        let change = f.change(t);
                        (
                            f.label,
                            t.count("media-reach-value", f.now),
                            f.before
                                .map(|b| t.count("media-reach-value", b))
                                .unwrap_or_else(|| t.msg("council-quarter-state")),
                            change,
                        )
                    })
                    .collect(),
                deadlines: progress
                    .milestones
                    .iter()
                    .filter(|m| m.quarter == this || m.overdue(&this))
                    .map(|m| {
                        let state = if m.done {
                            t.msg("council-milestone-done")
                        } else if m.overdue(&this) {
                            t.msg("council-milestone-overdue")
                        } else {
                            t.msg("council-milestone-due")
                        };
                        (format!("{}: {}", m.quarter, m.what), state)
                    })
                    .collect(),
                reports: reports
                    .iter()
                    .filter(|r| r.activity_id == a.id && r.quarter == this)
                    .map(|r| format!("{} ({})", r.body, r.author))
                    .collect(),
                title: a.title,
            }
        })
        .collect())
}

/// `GET /studio/council/quarter?quarter=2026-Q4`: the report to print.
pub async fn page(
    State(app): State<App>,
    staff: Staff,
    Query(asked): Query<Asked>,
) -> Result<Response, AppError> {
    staff.require(Permission::Council)?;
    let t = staff.t;
    let quarter = parse(&asked.quarter)?;
    let lines = lines(&app, &t, quarter).await?;
    render(&QuarterPage {
        frame: Frame::new(
            &staff,
            t.args(
                "council-quarter-title",
                &[("quarter", label(quarter, &t).into())],
            ),
            "/studio/council",
        ),
        quarter_label: label(quarter, &t),
        previous_label: label(quarter.previous(), &t),
        previous: code(quarter.previous()),
        next: code(quarter.next()),
        code: code(quarter),
        lines,
    })
}

/// A CSV field, quoted; a formula's first character is neutralised (spreadsheets run them).
/// Unit-tested below with Cyrillic first letters, which are more than one byte.
fn cell(s: &str) -> String {
    // A signed number («+3», «-1») is data, not a formula.
    let mut chars = s.chars();
    chars.next();
    let rest = chars.as_str();
    let number = !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit());
    let s = if s.starts_with(['=', '+', '-', '@']) && !number {
        format!("'{s}")
    } else {
        s.to_string()
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// `GET /studio/council/quarter.csv?quarter=2026-Q4`: one row per figure (or per activity
/// without figures), UTF-8 with a BOM so a spreadsheet reads the Cyrillic.
pub async fn csv(
    State(app): State<App>,
    staff: Staff,
    Query(asked): Query<Asked>,
) -> Result<Response, AppError> {
    staff.require(Permission::Council)?;
    let t = staff.t;
    let quarter = parse(&asked.quarter)?;
    let lines = lines(&app, &t, quarter).await?;
    let header: Vec<String> = [
        "number",
        "activity",
        "status",
        "responsible",
        "groups",
        "figure",
        "now",
        "before",
        "change",
        "deadlines",
        "reports",
    ]
    .iter()
    .map(|c| cell(&t.msg(&format!("council-csv-{c}"))))
    .collect();
    let mut out = format!("\u{feff}{}\r\n", header.join(","));
    for line in &lines {
        let deadlines = line
            .deadlines
            .iter()
            .map(|(what, state)| format!("{what} — {state}"))
            .collect::<Vec<_>>()
            .join("; ");
        let reports = line.reports.join("; ");
        let figures: Vec<(String, String, String, String)> = if line.figures.is_empty() {
            vec![Default::default()]
        } else {
            line.figures.clone()
        };
        for (what, now, before, change) in figures {
            let row = [
                line.number.to_string(),
                line.title.clone(),
                line.status.clone(),
                line.responsible.clone(),
                line.groups.clone(),
                what,
                now.replace('\u{a0}', ""),
                before.replace('\u{a0}', ""),
                change.replace('\u{a0}', "").replace('−', "-"),
                deadlines.clone(),
                reports.clone(),
            ];
            out.push_str(&row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
            out.push_str("\r\n");
        }
    }
    let mut response = out.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    let disposition = format!("attachment; filename=\"council-{}.csv\"", code(quarter));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// `GET /studio/council/quarter.pdf?quarter=2026-Q4`: the same report as an A4 PDF to print,
/// send or file — every activity with its standing, figures against the quarter before,
/// deadlines and reports.
pub async fn pdf(
    State(app): State<App>,
    staff: Staff,
    Query(asked): Query<Asked>,
) -> Result<Response, AppError> {
    staff.require(Permission::Council)?;
    let t = staff.t;
    let quarter = parse(&asked.quarter)?;
    let lines = lines(&app, &t, quarter).await?;
    let site = app.config().site_name.clone();
    let report = letopis_graphics::report::Report {
        museum: site.clone(),
        title: t.args(
            "council-quarter-title",
            &[("quarter", label(quarter, &t).into())],
        ),
        subtitle: t.args(
            "council-quarter-lead",
            &[("previous", label(quarter.previous(), &t).into())],
        ),
        footer: format!(
            "{site} · {}",
            t.args(
                "council-quarter-pdf-made",
                &[("day", letopis_core::today().to_string().into())]
            )
        ),
        sections: lines.iter().map(|l| section(&t, l)).collect(),
    };
    let bytes = tokio::task::spawn_blocking(move || letopis_graphics::report::report(&report))
        .await
        .map_err(|_| AppError::Internal)?
        .map_err(|e| {
            tracing::error!(error = %e, "the council's report was not drawn");
            AppError::Internal
        })?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let disposition = format!("inline; filename=\"council-{}.pdf\"", code(quarter));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// One activity as a section of the printed report.
fn section(t: &Tr, l: &Line) -> letopis_graphics::report::Section {
    let msg = |k: &str| t.msg(&format!("council-csv-{k}"));
    let mut facts = vec![(msg("status"), l.status.clone())];
    facts.push((
        msg("responsible"),
        if l.responsible.is_empty() {
            t.msg("council-responsible-none")
        } else {
            l.responsible.clone()
        },
    ));
    if !l.groups.is_empty() {
        facts.push((msg("groups"), l.groups.clone()));
    }
    for (what, state) in &l.deadlines {
        facts.push((msg("deadlines"), format!("{what} — {state}")));
    }
    let table = (!l.figures.is_empty()).then(|| letopis_graphics::report::Table {
        header: vec![msg("figure"), msg("now"), msg("before"), msg("change")],
        rows: l
            .figures
            .iter()
            .map(|(what, now, before, change)| {
                vec![what.clone(), now.clone(), before.clone(), change.clone()]
            })
            .collect(),
        widths: vec![5, 2, 2, 2],
    });
    let mut notes: Vec<String> = l
        .reports
        .iter()
        .map(|r| format!("{}: {r}", msg("reports")))
        .collect();
    if l.figures.is_empty() {
        notes.push(t.msg("council-quarter-unmeasured"));
    }
    letopis_graphics::report::Section {
        heading: format!("{}. {}", l.number, l.title),
        facts,
        table,
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formulas_are_neutralised_and_signed_numbers_kept() {
        assert_eq!(cell("=HYPERLINK(1)"), "\"'=HYPERLINK(1)\"");
        assert_eq!(cell("+1"), "\"+1\"");
        assert_eq!(cell("-12"), "\"-12\"");
        assert_eq!(cell("-1+2"), "\"'-1+2\"");
        assert_eq!(cell("№"), "\"№\"");
        assert_eq!(cell("Он сказал \"да\""), "\"Он сказал \"\"да\"\"\"");
    }
}
