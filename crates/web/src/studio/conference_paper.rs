//! `/studio/conference/papers/{id}`: one paper before the programme committee — what the author
//! sent (the PDF downloads from `/file`), the reviewers asked and their reviews, the decision
//! with its letter to the author, the paper's place in the programme, and its publication in
//! the proceedings as an item of the base (`publish`).
//!
//! A reviewer gives a score from 1 to 5, a recommendation and a comment on the papers assigned
//! to them; anyone on the committee sees all reviews, assigns, decides and places. The decision
//! is final: the store refuses a second one, so two members deciding at once cannot send the
//! author two letters.

use super::conference::status_label;
use super::form::Submitted;
use super::{Frame, Staff, render, see_other, when};
use crate::App;
use crate::public::Link;
use crate::shell::base_url::link_base;
use crate::shell::error::AppError;
use crate::shell::i18n::{Lang, Tr};
use crate::shell::links::{kind_label, record_href};
use crate::shell::mail::Letter;
use askama::Template;
use axum::Form;
use axum::body::Body as HttpBody;
use axum::extract::{Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use jiff::civil::{Date, Time};
use letopis_core::account::Permission;
use letopis_core::conference::{
    Conference, PaperStatus, Recommendation, Slot, mean_score, proceedings_item,
};
use letopis_core::relation::{NewRelation, RelationType};
use letopis_core::{Body, Kind, RecordId, UserId};
use letopis_store::conference::{PaperEvent, PaperReview, StoredConference, StoredPaper};
use letopis_store::{Draft, Op};
use serde::Deserialize;

pub struct ReviewRow {
    pub reviewer: String,
    pub score: String,
    pub recommendation: String,
    pub comment: String,
    pub at: String,
}

#[derive(Template)]
#[template(path = "studio/conference_paper.html")]
struct PaperPage {
    frame: Frame,
    id: i64,
    paper: letopis_core::conference::Paper,
    section: String,
    status: String,
    open: bool,
    accepted: bool,
    file_name: String,
    file_size: String,
    sent_at: String,
    reviews: Vec<ReviewRow>,
    mean: String,
    /// Committee members not yet asked: (user id, name).
    committee: Vec<(i64, String)>,
    /// The signed-in member's own review, when they were asked: (score, recommendation, comment).
    mine: Option<(String, String, String)>,
    scores: Vec<u8>,
    recommendations: Vec<(&'static str, String)>,
    letter_accept: String,
    letter_decline: String,
    days: Vec<(String, String)>,
    slot: (String, String, String),
    item: Option<Link>,
    log: Vec<(String, String)>,
    problem: String,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Done {
    done: String,
}

async fn load(app: &App, id: i64) -> Result<(StoredConference, StoredPaper), AppError> {
    let (c, p) = app
        .accounts_call(move |a| Ok((a.current_conference()?, a.paper(id)?)))
        .await?;
    match (c, p) {
        (Some(c), Some(p)) if p.conference == c.id && p.status != PaperStatus::Unconfirmed => {
            Ok((c, p))
        }
        _ => Err(AppError::NotFound),
    }
}

fn recommendation_label(t: &Tr, r: Recommendation) -> String {
    t.msg(&format!("studio-paper-recommend-{}", r.code()))
}

fn event_line(t: &Tr, e: &PaperEvent) -> String {
    let what = t.msg(&format!("studio-paper-event-{}", e.kind));
    let mut line = what;
    if !e.by_name.is_empty() {
        line = format!("{line} — {}", e.by_name);
    }
    // A review's log line keeps «score; recommendation code»: put into words.
    let body = match (e.kind.as_str(), e.body.split_once("; ")) {
        ("reviewed", Some((score, code))) => match Recommendation::from_code(code) {
            Some(r) => format!("{score}, {}", recommendation_label(t, r)),
            None => e.body.clone(),
        },
        _ => e.body.clone(),
    };
    if !body.is_empty() && e.kind != "letter" {
        line = format!("{line}: {body}");
    }
    line
}

/// The letter's default words, in the author's language.
fn default_letter(c: &Conference, p: &StoredPaper, accept: bool) -> String {
    let t = Tr::new(Lang::from_code(&p.paper.lang).unwrap_or_default());
    let key = if accept {
        "studio-paper-letter-accept"
    } else {
        "studio-paper-letter-decline"
    };
    t.args(
        key,
        &[
            ("authors", p.paper.byline().into()),
            ("conference", c.title.clone().into()),
            ("title", p.paper.title.clone().into()),
            ("number", p.id.to_string().into()),
        ],
    )
}

pub async fn page(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    show(&app, &staff, id, Some(&q.done), String::new()).await
}

async fn show(
    app: &App,
    staff: &Staff,
    id: i64,
    notice: Option<&str>,
    problem: String,
) -> Result<Response, AppError> {
    staff.require(Permission::Review)?;
    let (c, p) = load(app, id).await?;
    let (reviews, log, users) = app
        .accounts_call(move |a| Ok((a.paper_reviews(id)?, a.paper_log(id)?, a.users()?)))
        .await?;
    let t = staff.t;
    let item = match p.item {
        Some(item) => app
            .read_studio(staff.viewer.clone(), move |gate| gate.get(item))
            .await?
            .map(|r| {
                Link::new(
                    record_href(Kind::Item, &r.record.meta.slug),
                    r.record.title(),
                )
                .with_note(kind_label(&t, Kind::Item))
            }),
        None => None,
    };
    let me = staff.user.id;
    let mine = reviews.iter().find(|r| r.reviewer == me).map(|r| {
        (
            r.score.map(|s| s.to_string()).unwrap_or_default(),
            r.recommendation
                .map(|r| r.code().to_string())
                .unwrap_or_default(),
            r.comment.clone(),
        )
    });
    let committee = users
        .iter()
        .filter(|u| u.roles.may(Permission::Review) && !u.disabled)
        .filter(|u| !reviews.iter().any(|r| r.reviewer == u.id))
        .map(|u| (u.id.0, u.display_name.clone()))
        .collect();
    let slot = p
        .slot
        .map(|s| {
            let hm = |x: Time| format!("{:02}:{:02}", x.hour(), x.minute());
            (s.day.to_string(), hm(s.start), hm(s.end))
        })
        .unwrap_or_default();
    let status = if problem.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let mut response = render(&PaperPage {
        frame: Frame::new(
            staff,
            t.args("studio-paper-title", &[("number", id.to_string().into())]),
            "/studio/conference",
        )
        .with_notice(notice),
        id,
        section: c
            .conference
            .section(&p.paper.section)
            .map(|s| s.title.clone())
            .unwrap_or_default(),
        status: status_label(&t, p.status),
        open: p.status.is_open(),
        accepted: p.status == PaperStatus::Accepted,
        file_name: p.file.name.clone(),
        file_size: letopis_media::human_size(p.file.size),
        sent_at: when(&t, p.created_at),
        mean: mean_score(reviews.iter().filter_map(|r| r.score))
            .map(|s| format!("{s:.1}"))
            .unwrap_or_default(),
        reviews: reviews.iter().map(|r| review_row(&t, r)).collect(),
        committee,
        mine,
        scores: letopis_core::conference::SCORES.collect(),
        recommendations: Recommendation::ALL
            .into_iter()
            .map(|r| (r.code(), recommendation_label(&t, r)))
            .collect(),
        letter_accept: default_letter(&c.conference, &p, true),
        letter_decline: default_letter(&c.conference, &p, false),
        days: c
            .conference
            .days()
            .into_iter()
            .map(|d| (d.to_string(), t.day(d)))
            .collect(),
        slot,
        item,
        log: log
            .iter()
            .map(|e| (when(&t, e.at), event_line(&t, e)))
            .collect(),
        problem,
        paper: p.paper,
    })?;
    *response.status_mut() = status;
    Ok(response)
}

fn review_row(t: &Tr, r: &PaperReview) -> ReviewRow {
    ReviewRow {
        reviewer: r.reviewer_name.clone(),
        score: r.score.map(|s| s.to_string()).unwrap_or_default(),
        recommendation: r
            .recommendation
            .map(|x| recommendation_label(t, x))
            .unwrap_or_else(|| t.msg("studio-paper-review-waiting")),
        comment: r.comment.clone(),
        at: r.reviewed_at.map(|at| when(t, at)).unwrap_or_default(),
    }
}

/// On to the paper's page with `done`, or the page again with the store's refusal.
async fn outcome(
    app: &App,
    staff: &Staff,
    id: i64,
    result: Result<(), letopis_store::StoreError>,
    done: &str,
) -> Result<Response, AppError> {
    match result {
        Ok(()) => Ok(see_other(&format!(
            "/studio/conference/papers/{id}?done={done}"
        ))),
        Err(e) => show(app, staff, id, None, refused(e)?).await,
    }
}

/// A store refusal (a decided paper, a review not asked for) as the page's problem line.
fn refused(e: letopis_store::StoreError) -> Result<String, AppError> {
    match e {
        letopis_store::StoreError::Invalid(i) => Ok(i
            .problems
            .into_iter()
            .map(|p| p.message)
            .collect::<Vec<_>>()
            .join(" ")),
        other => Err(other.into()),
    }
}

async fn checked<'a>(staff: &Staff, form: &Submitted<'a>) -> Result<(), AppError> {
    staff.check_csrf(Some(form.get("csrf")))?;
    staff.require(Permission::Review)
}

/// `GET /studio/conference/papers/{id}/file`: the PDF as the author sent it, as a download.
pub async fn file(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    staff.require(Permission::Review)?;
    let (_, p) = load(&app, id).await?;
    let blobs = app.blobs();
    let sha = p.file.sha256.clone();
    let bytes = tokio::task::spawn_blocking(move || blobs.read(&sha))
        .await
        .map_err(|_| AppError::Internal)?
        .map_err(|_| AppError::NotFound)?;
    let mut response = (StatusCode::OK, HttpBody::from(bytes)).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&format!("attachment; filename=\"paper-{id}.pdf\""))
            .unwrap_or(HeaderValue::from_static("attachment")),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(crate::shell::security::MEDIA_CONTENT_SECURITY_POLICY),
    );
    Ok(response)
}

/// `POST …/assign`: asks a committee member for a review.
pub async fn assign(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    checked(&staff, &form).await?;
    load(&app, id).await?;
    let Ok(reviewer) = form.get("reviewer").parse::<i64>() else {
        let problem = staff.t.msg("studio-paper-error-reviewer");
        return show(&app, &staff, id, None, problem).await;
    };
    let users = app.accounts_call(|a| a.users()).await?;
    if !users
        .iter()
        .any(|u| u.id == UserId(reviewer) && u.roles.may(Permission::Review))
    {
        let problem = staff.t.msg("studio-paper-error-reviewer");
        return show(&app, &staff, id, None, problem).await;
    }
    let by = staff.user.display_name.clone();
    let result = app
        .accounts_call(move |a| {
            Ok(a.assign_paper_reviewer(id, UserId(reviewer), &by, jiff::Timestamp::now()))
        })
        .await?;
    if result.is_ok() {
        app.audit(staff.audit(
            "paper_assign",
            Some(format!("paper:{id}")),
            format!("рецензент — пользователь №{reviewer}"),
        ))
        .await;
    }
    outcome(&app, &staff, id, result, "paper-assigned").await
}

/// `POST …/review`: the signed-in member's review.
pub async fn review(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    checked(&staff, &form).await?;
    load(&app, id).await?;
    let t = staff.t;
    let score = form
        .get("score")
        .parse::<u8>()
        .ok()
        .filter(|s| letopis_core::conference::SCORES.contains(s));
    let recommendation = Recommendation::from_code(form.get("recommendation"));
    let (Some(score), Some(recommendation)) = (score, recommendation) else {
        let problem = t.msg("studio-paper-error-review");
        return show(&app, &staff, id, None, problem).await;
    };
    let comment: String = form.get("comment").trim().chars().take(5000).collect();
    let (me, by) = (staff.user.id, staff.user.display_name.clone());
    let result = app
        .accounts_call(move |a| {
            Ok(a.review_paper(
                id,
                me,
                score,
                recommendation,
                &comment,
                &by,
                jiff::Timestamp::now(),
            ))
        })
        .await?;
    outcome(&app, &staff, id, result, "paper-reviewed").await
}

/// `POST …/decide`: accepts or declines, and sends the author the letter.
pub async fn decide(
    State(app): State<App>,
    staff: Staff,
    parts: Parts,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    checked(&staff, &form).await?;
    let (c, p) = load(&app, id).await?;
    let accept = match form.get("decision") {
        "accept" => true,
        "decline" => false,
        _ => {
            let problem = staff.t.msg("studio-paper-error-decision");
            return show(&app, &staff, id, None, problem).await;
        }
    };
    let typed = form
        .get(if accept {
            "letter_accept"
        } else {
            "letter_decline"
        })
        .trim()
        .replace("\r\n", "\n");
    let letter = if typed.is_empty() {
        default_letter(&c.conference, &p, accept)
    } else {
        typed
    };
    let (by, body) = (staff.user.display_name.clone(), letter.clone());
    let result = app
        .accounts_call(move |a| Ok(a.decide_paper(id, accept, &body, &by, jiff::Timestamp::now())))
        .await?;
    if let Err(e) = result {
        return show(&app, &staff, id, None, refused(e)?).await;
    }
    let author_t = Tr::new(Lang::from_code(&p.paper.lang).unwrap_or_default());
    let site = match author_t.lang() {
        Lang::Ru => app.config().site_name.clone(),
        _ => author_t.msg("site-name"),
    };
    let base = link_base(&app, &parts);
    let body = format!("{letter}\n\n{base}/conference");
    let sent = app
        .send_letter(Letter {
            to: p.paper.email.clone(),
            subject: author_t.args(
                "conference-letter-decision-subject",
                &[("site", site.into()), ("number", id.to_string().into())],
            ),
            body,
        })
        .await?
        .is_ok();
    app.audit(staff.audit(
        "paper_decide",
        Some(format!("paper:{id}")),
        if accept {
            "принят"
        } else {
            "отклонён"
        },
    ))
    .await;
    let done = if sent {
        "paper-decided"
    } else {
        "paper-decided-unsent"
    };
    Ok(see_other(&format!(
        "/studio/conference/papers/{id}?done={done}"
    )))
}

/// `POST …/schedule`: the paper's day and time in the programme (empty fields take it out).
pub async fn schedule(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    checked(&staff, &form).await?;
    let (c, _) = load(&app, id).await?;
    let t = staff.t;
    let (day, start, end) = (
        form.get("day").trim(),
        form.get("start").trim(),
        form.get("end").trim(),
    );
    let slot = if day.is_empty() && start.is_empty() && end.is_empty() {
        None
    } else {
        let parsed = (
            day.parse::<Date>(),
            start.parse::<Time>(),
            end.parse::<Time>(),
        );
        let (Ok(day), Ok(start), Ok(end)) = parsed else {
            let problem = t.msg("studio-paper-error-slot");
            return show(&app, &staff, id, None, problem).await;
        };
        let slot = Slot { day, start, end };
        if let Err(why) = slot.check(&c.conference) {
            return show(&app, &staff, id, None, why.to_string()).await;
        }
        // Two talks of one section cannot overlap: the section has one room.
        let cid = c.id;
        let others = app.accounts_call(move |a| a.papers(cid)).await?;
        let section = others
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.paper.section.clone())
            .unwrap_or_default();
        if let Some(clash) = others.iter().find(|o| {
            o.id != id
                && o.paper.section == section
                && o.status == PaperStatus::Accepted
                && o.slot.is_some_and(|s| s.overlaps(&slot))
        }) {
            let problem = t.args(
                "studio-paper-error-overlap",
                &[
                    ("number", clash.id.to_string().into()),
                    ("title", clash.paper.title.clone().into()),
                ],
            );
            return show(&app, &staff, id, None, problem).await;
        }
        Some(slot)
    };
    let by = staff.user.display_name.clone();
    let result = app
        .accounts_call(move |a| Ok(a.schedule_paper(id, slot, &by, jiff::Timestamp::now())))
        .await?;
    outcome(&app, &staff, id, result, "paper-scheduled").await
}

/// `POST …/publish`: the accepted paper becomes an item of the base — a document with the PDF,
/// the abstract, the conference and section, the licence the author gave — tied to its authors
/// (person or organization records the committee names) and to the records it discusses, and
/// published at once: it is in the proceedings, the search and the sitemap.
pub async fn publish(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    checked(&staff, &form).await?;
    let (c, p) = load(&app, id).await?;
    let t = staff.t;
    if p.status != PaperStatus::Accepted {
        let problem = t.msg("studio-paper-error-not-accepted");
        return show(&app, &staff, id, None, problem).await;
    }
    if p.item.is_some() {
        let problem = t.msg("studio-paper-error-published");
        return show(&app, &staff, id, None, problem).await;
    }
    let mut authors = Vec::new();
    for line in lines(form.get("authors")) {
        let found = super::lessons::named_record(&app, &staff.viewer, line).await?;
        match found.filter(|r| matches!(r.record.kind(), Kind::Person | Kind::Organization)) {
            Some(r) => authors.push(r.record.id()),
            None => {
                let problem = t.args(
                    "studio-paper-error-author",
                    &[("what", line.to_string().into())],
                );
                return show(&app, &staff, id, None, problem).await;
            }
        }
    }
    let mut discussed = Vec::new();
    for line in lines(form.get("records")) {
        match super::lessons::named_record(&app, &staff.viewer, line).await? {
            Some(r) => discussed.push(r.record.id()),
            None => {
                let problem = t.args(
                    "studio-paper-error-record",
                    &[("what", line.to_string().into())],
                );
                return show(&app, &staff, id, None, problem).await;
            }
        }
    }
    authors.dedup();
    discussed.dedup();
    let day = p.slot.map(|slot| slot.day).or(c.conference.starts);
    let item = proceedings_item(&c.conference, &p.paper, p.id, &p.file.sha256, day);
    // The item, its authors and what it discusses commit together: the proceedings never show
    // a paper without its authors.
    let placeholder = RecordId(0);
    let mut ops = vec![Op::Create(Draft::published(Body::Item(item)))];
    for author in &authors {
        ops.push(Op::RelateCovering {
            relation: NewRelation::new(*author, RelationType::AuthorOf, placeholder),
            from_earlier: None,
            to_earlier: Some(0),
        });
    }
    for record in &discussed {
        ops.push(Op::RelateCovering {
            relation: NewRelation::new(placeholder, RelationType::Mentions, *record),
            from_earlier: Some(0),
            to_earlier: None,
        });
    }
    let actor = staff.actor();
    let out = app
        .desk(
            staff.viewer.clone(),
            move |desk| Ok(desk.apply(&actor, ops)),
        )
        .await?;
    let made = match out {
        Ok(out) => out
            .first()
            .and_then(|o| o.record_id())
            .ok_or(AppError::Internal)?,
        Err(e) => {
            return show(&app, &staff, id, None, e.to_string()).await;
        }
    };
    let by = staff.user.display_name.clone();
    app.accounts_call(move |a| a.paper_published(id, made, &by, jiff::Timestamp::now()))
        .await?;
    app.audit(staff.audit(
        "paper_publish",
        Some(format!("paper:{id}")),
        format!("в трудах конференции — запись №{}", made.0),
    ))
    .await;
    Ok(see_other(&format!(
        "/studio/conference/papers/{id}?done=paper-published"
    )))
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}
