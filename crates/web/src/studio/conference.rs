//! `/studio/conference`: the programme committee's desk (roadmap activity 10, issue #18) — the
//! current conference's call (title, days, deadline, place, sections) and every confirmed paper
//! with its status, reviewers and mean score. One paper's page (`conference_paper.rs`) assigns
//! reviewers, takes reviews, decides with a letter, places the paper in the programme and
//! publishes it in the proceedings.
//!
//! Open to `Permission::Review`: the experts and local historians who make up the committee,
//! and the council's coordinators. Papers the author never confirmed are not shown (and are
//! erased after a week, here and by the hourly purge).

use super::form::Submitted;
use super::{Frame, Staff, render, see_other};
use crate::App;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::civil::Date;
use letopis_core::account::Permission;
use letopis_core::conference::{Conference, PaperStatus, Section, mean_score};
use letopis_store::conference::StoredPaper;
use serde::Deserialize;

/// The settings form, as typed.
#[derive(Default)]
pub struct Settings {
    pub title: String,
    pub slug: String,
    pub starts: String,
    pub ends: String,
    pub deadline: String,
    pub place: String,
    pub organizers: String,
    pub call: String,
    /// One section a line: `code | title | room`.
    pub sections: String,
}

impl Settings {
    fn of(c: &Conference) -> Settings {
        let day = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
        Settings {
            title: c.title.clone(),
            slug: c.slug.clone(),
            starts: day(c.starts),
            ends: day(c.ends),
            deadline: day(c.deadline),
            place: c.place.clone(),
            organizers: c.organizers.clone(),
            call: c.call.clone(),
            sections: c
                .sections
                .iter()
                .map(|s| {
                    if s.room.is_empty() {
                        format!("{} | {}", s.key, s.title)
                    } else {
                        format!("{} | {} | {}", s.key, s.title, s.room)
                    }
                })
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }

    fn read(form: &Submitted<'_>) -> Settings {
        let f = |k: &str| form.get(k).trim().to_string();
        Settings {
            title: f("title"),
            slug: f("slug"),
            starts: f("starts"),
            ends: f("ends"),
            deadline: f("deadline"),
            place: f("place"),
            organizers: f("organizers"),
            call: form.get("call").trim().replace("\r\n", "\n"),
            sections: form.get("sections").trim().replace("\r\n", "\n"),
        }
    }

    fn conference(&self, t: &Tr) -> Result<Conference, Vec<String>> {
        let mut problems = Vec::new();
        let mut day = |text: &str, key: &str| match text.parse::<Date>() {
            Ok(d) => Some(d),
            Err(_) => {
                problems.push(t.msg(key));
                None
            }
        };
        let starts = day(&self.starts, "studio-conference-error-starts");
        let ends = day(&self.ends, "studio-conference-error-ends");
        let deadline = day(&self.deadline, "studio-conference-error-deadline");
        let sections = self
            .sections
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|line| {
                let mut parts = line.splitn(3, '|').map(str::trim);
                Section {
                    key: parts.next().unwrap_or_default().to_string(),
                    title: parts.next().unwrap_or_default().to_string(),
                    room: parts.next().unwrap_or_default().to_string(),
                }
            })
            .collect();
        let c = Conference {
            slug: self.slug.clone(),
            title: self.title.clone(),
            call: self.call.clone(),
            organizers: self.organizers.clone(),
            place: self.place.clone(),
            starts,
            ends,
            deadline,
            sections,
        };
        if problems.is_empty()
            && let Err(invalid) = c.validate()
        {
            problems.extend(invalid.problems.into_iter().map(|p| p.message));
        }
        if problems.is_empty() {
            Ok(c)
        } else {
            Err(problems)
        }
    }
}

/// One paper in the committee's list.
pub struct PaperRow {
    pub id: i64,
    pub title: String,
    pub byline: String,
    pub section: String,
    pub status: String,
    pub reviews: String,
    pub score: String,
    pub slot: String,
    pub published: bool,
}

#[derive(Template)]
#[template(path = "studio/conference.html")]
struct ConferencePage {
    frame: Frame,
    settings: Settings,
    problems: Vec<String>,
    exists: bool,
    papers: Vec<PaperRow>,
    /// (status label, how many).
    counts: Vec<(String, usize)>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Done {
    done: String,
}

pub(crate) fn status_label(t: &Tr, s: PaperStatus) -> String {
    t.msg(&format!("studio-paper-status-{}", s.code()))
}

pub async fn page(
    State(app): State<App>,
    staff: Staff,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    show(&app, &staff, Some(&q.done), None, Vec::new()).await
}

async fn show(
    app: &App,
    staff: &Staff,
    notice: Option<&str>,
    typed: Option<Settings>,
    problems: Vec<String>,
) -> Result<Response, AppError> {
    staff.require(Permission::Review)?;
    // Papers past their week unconfirmed go before anyone reads the list (and hourly).
    crate::conference::erase_unconfirmed(app).await?;
    let (current, papers, reviews) = app
        .accounts_call(move |a| {
            let current = a.current_conference()?;
            let papers = match &current {
                Some(c) => a.papers(c.id)?,
                None => Vec::new(),
            };
            let reviews = papers
                .iter()
                .map(|p| a.paper_reviews(p.id))
                .collect::<Result<Vec<_>, _>>()?;
            Ok((current, papers, reviews))
        })
        .await?;
    let t = staff.t;
    let conference = current.as_ref().map(|c| &c.conference);
    let rows: Vec<PaperRow> = papers
        .iter()
        .zip(&reviews)
        .filter(|(p, _)| p.status != PaperStatus::Unconfirmed)
        .map(|(p, r)| row(&t, conference, p, r))
        .collect();
    let counts = PaperStatus::ALL
        .into_iter()
        .filter(|s| *s != PaperStatus::Unconfirmed)
        .map(|s| {
            (
                status_label(&t, s),
                papers.iter().filter(|p| p.status == s).count(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    let status = if problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let mut response = render(&ConferencePage {
        frame: Frame::new(
            staff,
            t.msg("studio-conference-title"),
            "/studio/conference",
        )
        .with_notice(notice),
        settings: typed.unwrap_or_else(|| conference.map(Settings::of).unwrap_or_default()),
        problems,
        exists: current.is_some(),
        papers: rows,
        counts,
    })?;
    *response.status_mut() = status;
    Ok(response)
}

fn row(
    t: &Tr,
    c: Option<&Conference>,
    p: &StoredPaper,
    reviews: &[letopis_store::conference::PaperReview],
) -> PaperRow {
    let done = reviews.iter().filter(|r| r.score.is_some()).count();
    PaperRow {
        id: p.id,
        title: p.paper.title.clone(),
        byline: p.paper.byline(),
        section: c
            .and_then(|c| c.section(&p.paper.section))
            .map(|s| s.title.clone())
            .unwrap_or_default(),
        status: status_label(t, p.status),
        reviews: format!("{done}/{}", reviews.len()),
        score: mean_score(reviews.iter().filter_map(|r| r.score))
            .map(|s| format!("{s:.1}"))
            .unwrap_or_default(),
        slot: p
            .slot
            .map(|s| format!("{} {}", s.day, s.times()))
            .unwrap_or_default(),
        published: p.item.is_some(),
    }
}

/// `POST /studio/conference`: saves the call (a new address starts a new conference).
pub async fn save(
    State(app): State<App>,
    staff: Staff,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    staff.require(Permission::Review)?;
    let typed = Settings::read(&form);
    let conference = match typed.conference(&staff.t) {
        Ok(c) => c,
        Err(problems) => return show(&app, &staff, None, Some(typed), problems).await,
    };
    let detail = format!("конференция «{}» ({})", conference.title, conference.slug);
    let id = app
        .accounts_call(move |a| a.save_conference(&conference, jiff::Timestamp::now()))
        .await?;
    app.audit(staff.audit("conference", Some(format!("conference:{id}")), detail))
        .await;
    Ok(see_other("/studio/conference?done=conference-saved"))
}
