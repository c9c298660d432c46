//! `GET /conference`: the current conference — the call, the sections, the programme by day and
//! the proceedings — or a line saying none is announced yet.

use crate::public::{Layout, Link, PageContext, record_href, render_html};
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use crate::{App, CurrentViewer};
use askama::Template;
use axum::extract::State;
use axum::response::Html;
use letopis_core::conference::{Conference, PaperStatus};
use letopis_core::{Kind, RecordId};
use letopis_store::conference::StoredPaper;

/// One talk of the programme.
pub struct Talk {
    pub times: String,
    pub title: String,
    pub byline: String,
    pub affiliations: String,
    /// Its item in the proceedings, once there and visible to this visitor.
    pub item: Option<String>,
}

/// A section's talks on one day.
pub struct Session {
    pub section: String,
    pub room: String,
    pub talks: Vec<Talk>,
}

pub struct Day {
    pub label: String,
    pub sessions: Vec<Session>,
}

#[derive(Template)]
#[template(path = "conference/page.html")]
struct ConferencePage {
    layout: Layout,
    t: Tr,
    conference: Option<Conference>,
    dates: String,
    deadline: String,
    open: bool,
    call: Vec<String>,
    programme: Vec<Day>,
    proceedings: Vec<Link>,
}

/// «20–21 апреля 2027 г.» in the page's words.
fn dates(t: &Tr, c: &Conference) -> String {
    match (c.starts, c.ends) {
        (Some(s), Some(e)) if s == e => t.day(s),
        (Some(s), Some(e)) => format!("{} — {}", t.day(s), t.day(e)),
        _ => String::new(),
    }
}

pub async fn page(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
) -> Result<Html<String>, AppError> {
    let t = ctx.t;
    let current = app.accounts_call(|a| a.current_conference()).await?;
    let Some(current) = current else {
        return render_html(&ConferencePage {
            layout: ctx.layout(&app, t.msg("conference-title")),
            t,
            conference: None,
            dates: String::new(),
            deadline: String::new(),
            open: false,
            call: Vec::new(),
            programme: Vec::new(),
            proceedings: Vec::new(),
        });
    };
    let id = current.id;
    let papers: Vec<StoredPaper> = app
        .accounts_call(move |a| a.papers(id))
        .await?
        .into_iter()
        .filter(|p| p.status == PaperStatus::Accepted)
        .collect();
    // The proceedings as this visitor may see them: the gate decides, item by item.
    let ids: Vec<RecordId> = papers.iter().filter_map(|p| p.item).collect();
    let items = app.read(viewer, move |gate| gate.many(&ids)).await?;
    let href_of = |id: RecordId| {
        items.iter().find(|r| r.record.id() == id).map(|r| {
            (
                record_href(Kind::Item, &r.record.meta.slug),
                r.record.title(),
            )
        })
    };
    let c = current.conference;
    let programme = programme(&t, &c, &papers, &|id| href_of(id).map(|(h, _)| h));
    let proceedings = papers
        .iter()
        .filter_map(|p| {
            let (href, title) = href_of(p.item?)?;
            Some(Link::new(href, title).with_note(p.paper.byline()))
        })
        .collect();
    let call = c
        .call
        .split("\n\n")
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    render_html(&ConferencePage {
        layout: ctx.layout(&app, c.title.clone()),
        dates: dates(&t, &c),
        deadline: c.deadline.map(|d| t.day(d)).unwrap_or_default(),
        open: c.open_on(letopis_core::today()),
        call,
        programme,
        proceedings,
        conference: Some(c),
        t,
    })
}

/// The accepted papers that have a place, by day, then section (in the call's order), then
/// time.
fn programme(
    t: &Tr,
    c: &Conference,
    papers: &[StoredPaper],
    item_href: &dyn Fn(RecordId) -> Option<String>,
) -> Vec<Day> {
    let mut placed: Vec<&StoredPaper> = papers.iter().filter(|p| p.slot.is_some()).collect();
    placed.sort_by_key(|p| (p.slot, p.id));
    c.days()
        .into_iter()
        .filter_map(|day| {
            let sessions: Vec<Session> = c
                .sections
                .iter()
                .filter_map(|s| {
                    let talks: Vec<Talk> = placed
                        .iter()
                        .filter(|p| p.paper.section == s.key)
                        .filter_map(|p| {
                            let slot = p.slot.filter(|slot| slot.day == day)?;
                            let mut affiliations: Vec<&str> = p
                                .paper
                                .authors
                                .iter()
                                .map(|a| a.affiliation.trim())
                                .filter(|a| !a.is_empty())
                                .collect();
                            affiliations.dedup();
                            Some(Talk {
                                times: slot.times(),
                                title: p.paper.title.clone(),
                                byline: p.paper.byline(),
                                affiliations: affiliations.join("; "),
                                item: p.item.and_then(item_href),
                            })
                        })
                        .collect();
                    (!talks.is_empty()).then(|| Session {
                        section: s.title.clone(),
                        room: s.room.clone(),
                        talks,
                    })
                })
                .collect();
            (!sessions.is_empty()).then(|| Day {
                label: t.day(day),
                sessions,
            })
        })
        .collect()
}
