//! `/studio/media-plan`: the press office's quarterly plan of publications (roadmap activities 4
//! and 7, issue #18), as editorial calendars run one — a board by week, by month or by status;
//! each publication with its day, channel, format, owner and status (idea → agreed → prepared →
//! published → reported), the records and exhibitions it presents, and once out its link and
//! reach, which the council's report counts. Round anniversaries of the base's events fall in
//! the quarter as suggested occasions; a press kit for any public record is one click away
//! (`press_kit.rs`).
//!
//! Open to `Permission::Publicize`: the press office, the council's coordinators, admins. What a
//! publication presents is named by public records only, read as the anonymous visitor: the
//! plan promotes what the world may see.

use super::form::Submitted;
use super::{Frame, Staff, render, see_other};
use crate::App;
use crate::public::Link;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use crate::shell::links::{kind_label, record_href};
use askama::Template;
use axum::Form;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use jiff::civil::{Date, Weekday};
use letopis_core::account::Permission;
use letopis_core::media_plan::{
    Anniversary, Channel, PlanStatus, Publication, Quarter, anniversary_in,
};
use letopis_core::record::RecordId;
use letopis_core::{Body, Kind, Viewer};
use letopis_store::ListQuery;
use letopis_store::media_plan::StoredPublication;
use serde::Deserialize;
use std::collections::HashMap;

/// A signed-in person who may keep the media plan.
pub struct Press(pub Staff);

impl FromRequestParts<App> for Press {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        super::signed_in(parts, app, Permission::Publicize)
            .await
            .map(Press)
    }
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct PlanQuery {
    quarter: String,
    view: String,
    done: String,
    /// A suggested occasion taken into the new publication's form.
    occasion: String,
    date: String,
    presents: String,
}

/// One publication as the board shows it.
pub struct Row {
    pub id: i64,
    pub date: Option<Date>,
    pub day: String,
    pub title: String,
    pub channel: String,
    pub outlet: String,
    pub format: String,
    pub owner: String,
    pub status: PlanStatus,
    pub status_label: String,
    pub presents: Vec<Link>,
    pub link: String,
    pub reach: String,
}

/// A group of the board: a week, a month or a status.
pub struct Column {
    pub heading: String,
    pub rows: Vec<Row>,
}

/// A suggested occasion.
pub struct Occasion {
    pub label: String,
    pub day: String,
    pub record: Link,
    /// The new publication's form, filled in for it.
    pub plan_href: String,
}

/// The form of one publication (new or being edited), with what was typed.
#[derive(Default)]
pub struct Fields {
    pub title: String,
    pub date: String,
    pub channel: String,
    pub format: String,
    pub outlet: String,
    pub owner: String,
    pub occasion: String,
    pub presents: String,
    pub status: String,
    pub link: String,
    pub reach: String,
    pub note: String,
}

#[derive(Template)]
#[template(path = "studio/media_plan.html")]
struct PlanPage {
    frame: Frame,
    quarter_label: String,
    previous: String,
    next: String,
    quarter_code: String,
    view: &'static str,
    columns: Vec<Column>,
    total: usize,
    out: usize,
    reach: String,
    occasions: Vec<Occasion>,
    channels: Vec<(&'static str, String)>,
    statuses: Vec<(&'static str, String)>,
    fields: Fields,
    problems: Vec<String>,
}

impl PlanPage {
    fn total_count(&self) -> u64 {
        self.total as u64
    }

    fn out_count(&self) -> u64 {
        self.out as u64
    }
}

#[derive(Template)]
#[template(path = "studio/media_plan_item.html")]
struct ItemPage {
    frame: Frame,
    id: i64,
    channels: Vec<(&'static str, String)>,
    statuses: Vec<(&'static str, String)>,
    fields: Fields,
    problems: Vec<String>,
    presents: Vec<Link>,
    quarter_code: String,
}

fn channels(t: &Tr) -> Vec<(&'static str, String)> {
    Channel::ALL
        .iter()
        .map(|c| (c.code(), t.msg(&format!("media-channel-{}", c.code()))))
        .collect()
}

fn statuses(t: &Tr) -> Vec<(&'static str, String)> {
    PlanStatus::ALL
        .iter()
        .map(|s| (s.code(), t.msg(&format!("media-status-{}", s.code()))))
        .collect()
}

fn quarter_label(q: Quarter, t: &Tr) -> String {
    t.args(
        "media-quarter",
        &[
            ("number", q.number.to_string().into()),
            ("year", q.year.to_string().into()),
        ],
    )
}

pub async fn page(
    State(app): State<App>,
    Press(staff): Press,
    Query(q): Query<PlanQuery>,
) -> Result<Response, AppError> {
    let quarter = match q.quarter.as_str() {
        "" => Quarter::of(letopis_core::today()),
        code => Quarter::parse(code).ok_or_else(|| {
            AppError::BadRequest(crate::shell::i18n::Message::new("media-error-quarter"))
        })?,
    };
    let fields = Fields {
        occasion: q.occasion.clone(),
        date: q.date.clone(),
        presents: q.presents.clone(),
        ..Fields::default()
    };
    show(
        &app,
        &staff,
        quarter,
        &q.view,
        Some(&q.done),
        fields,
        Vec::new(),
    )
    .await
}

async fn show(
    app: &App,
    staff: &Staff,
    quarter: Quarter,
    view: &str,
    notice: Option<&str>,
    fields: Fields,
    problems: Vec<String>,
) -> Result<Response, AppError> {
    let t = staff.t;
    let (from, to) = (quarter.first_day(), quarter.last_day());
    let plan = app
        .accounts_call(move |a| a.publications_between(from, to))
        .await?;
    let named = named_records(app, &plan).await?;
    let rows: Vec<Row> = plan.iter().map(|p| row(p, &named, &t)).collect();
    let total = rows.len();
    let out = plan
        .iter()
        .filter(|p| p.publication.status.is_out())
        .count();
    let reach: u64 = plan.iter().filter_map(|p| p.publication.reach).sum();
    let view = match view {
        "months" => "months",
        "status" => "status",
        _ => "weeks",
    };
    let columns = match view {
        "months" => by_month(quarter, rows, &t),
        "status" => by_status(rows, &t),
        _ => by_week(quarter, rows, &t),
    };
    let occasions = occasions(app, quarter, &t).await?;
    let status = if problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let mut response = render(&PlanPage {
        frame: Frame::new(staff, t.msg("media-plan-title"), "/studio/media-plan")
            .with_notice(notice),
        quarter_label: quarter_label(quarter, &t),
        previous: quarter.previous().code(),
        next: quarter.next().code(),
        quarter_code: quarter.code(),
        view,
        columns,
        total,
        out,
        reach: t.count("media-reach-value", reach),
        occasions,
        channels: channels(&t),
        statuses: statuses(&t),
        fields,
        problems,
    })?;
    *response.status_mut() = status;
    Ok(response)
}

/// The records the plan names, as the world may see them now (a withdrawn one drops out).
async fn named_records(
    app: &App,
    plan: &[StoredPublication],
) -> Result<HashMap<RecordId, (Kind, String, String)>, AppError> {
    let mut ids: Vec<RecordId> = plan
        .iter()
        .flat_map(|p| p.publication.presents.iter().copied())
        .collect();
    ids.sort();
    ids.dedup();
    let found = app
        .read(Viewer::anonymous(), move |gate| gate.many(&ids))
        .await?;
    Ok(found
        .into_iter()
        .map(|r| {
            let rec = r.record;
            (rec.id(), (rec.kind(), rec.meta.slug.clone(), rec.title()))
        })
        .collect())
}

fn row(p: &StoredPublication, named: &HashMap<RecordId, (Kind, String, String)>, t: &Tr) -> Row {
    let publication = &p.publication;
    Row {
        id: p.id,
        date: publication.date,
        day: publication.date.map(|d| t.day(d)).unwrap_or_default(),
        title: publication.title.clone(),
        channel: t.msg(&format!("media-channel-{}", publication.channel.code())),
        outlet: publication.outlet.clone(),
        format: publication.format.clone(),
        owner: publication.owner.clone(),
        status: publication.status,
        status_label: t.msg(&format!("media-status-{}", publication.status.code())),
        presents: publication
            .presents
            .iter()
            .filter_map(|id| named.get(id))
            .map(|(kind, slug, title)| {
                Link::new(record_href(*kind, slug), title.clone()).with_note(kind_label(t, *kind))
            })
            .collect(),
        link: publication.link.clone(),
        reach: publication
            .reach
            .map(|r| t.count("media-reach-value", r))
            .unwrap_or_default(),
    }
}

/// The quarter's weeks, Monday to Sunday, each with what falls in it (empty weeks too: the
/// board shows where the gaps are).
fn by_week(quarter: Quarter, rows: Vec<Row>, t: &Tr) -> Vec<Column> {
    let mut rows: Vec<(Date, Row)> = rows
        .into_iter()
        .filter_map(|r| Some((r.date?, r)))
        .collect();
    let mut columns = Vec::new();
    let mut monday = quarter.first_day();
    while monday.weekday() != Weekday::Monday {
        monday = monday.yesterday().expect("a day before");
    }
    while monday <= quarter.last_day() {
        let sunday = monday.saturating_add(jiff::Span::new().days(6));
        let (inside, rest): (Vec<_>, Vec<_>) = rows
            .into_iter()
            .partition(|(d, _)| *d >= monday && *d <= sunday);
        rows = rest;
        columns.push(Column {
            heading: t.args(
                "media-week",
                &[
                    ("from", t.day(monday.max(quarter.first_day())).into()),
                    ("to", t.day(sunday.min(quarter.last_day())).into()),
                ],
            ),
            rows: inside.into_iter().map(|(_, r)| r).collect(),
        });
        monday = sunday.tomorrow().expect("a day after");
    }
    columns
}

fn by_month(quarter: Quarter, rows: Vec<Row>, t: &Tr) -> Vec<Column> {
    let first = quarter.first_day();
    let mut rows: Vec<(Date, Row)> = rows
        .into_iter()
        .filter_map(|r| Some((r.date?, r)))
        .collect();
    (0..3)
        .map(|n| {
            let month = first.month() + n;
            let (inside, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut rows)
                .into_iter()
                .partition(|(d, _)| d.month() == month);
            rows = rest;
            Column {
                heading: t.msg(&format!("media-month-{month}")),
                rows: inside.into_iter().map(|(_, r)| r).collect(),
            }
        })
        .collect()
}

fn by_status(rows: Vec<Row>, t: &Tr) -> Vec<Column> {
    let mut rows = rows;
    PlanStatus::ALL
        .iter()
        .map(|s| {
            let (inside, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut rows)
                .into_iter()
                .partition(|r| r.status == *s);
            rows = rest;
            Column {
                heading: t.msg(&format!("media-status-{}", s.code())),
                rows: inside,
            }
        })
        .collect()
}

/// Round anniversaries in the quarter of the events the world may see: «85 лет: Оборона
/// Химок».
async fn occasions(app: &App, quarter: Quarter, t: &Tr) -> Result<Vec<Occasion>, AppError> {
    let events = app
        .read(Viewer::anonymous(), move |gate| {
            gate.list(&ListQuery {
                limit: 500,
                ..ListQuery::new(Kind::Event)
            })
        })
        .await?;
    let mut found: Vec<(Anniversary, String, String)> = events
        .items
        .into_iter()
        .filter_map(|r| {
            let rec = r.record;
            let Body::Event(e) = &rec.body else {
                return None;
            };
            // Only a day the base knows exactly makes an anniversary.
            let first = e.date.as_ref()?.as_str().split('/').next()?;
            let start: Date = first.parse().ok()?;
            let a = anniversary_in(rec.id(), start, quarter)?;
            Some((a, rec.title(), rec.meta.slug.clone()))
        })
        .collect();
    found.sort_by_key(|(a, _, _)| a.day);
    Ok(found
        .into_iter()
        .map(|(a, title, slug)| {
            let label = t.args(
                "media-occasion",
                &[
                    ("years", a.years.to_string().into()),
                    ("title", title.clone().into()),
                ],
            );
            let plan_href = format!(
                "/studio/media-plan?quarter={}&occasion={}&date={}&presents={}#new",
                quarter.code(),
                crate::shell::prefs::encode_component(&label),
                a.day,
                a.record.0
            );
            Occasion {
                label,
                day: t.day(a.day),
                record: Link::new(record_href(Kind::Event, &slug), title),
                plan_href,
            }
        })
        .collect())
}

/// The form as typed, and the publication it makes or what is wrong with it, in the words the
/// press office reads.
async fn read_form(
    app: &App,
    form: &Submitted<'_>,
    t: &Tr,
) -> Result<(Fields, Result<Publication, Vec<String>>), AppError> {
    let fields = Fields {
        title: form.get("title").trim().to_string(),
        date: form.get("date").trim().to_string(),
        channel: form.get("channel").to_string(),
        format: form.get("format").trim().to_string(),
        outlet: form.get("outlet").trim().to_string(),
        owner: form.get("owner").trim().to_string(),
        occasion: form.get("occasion").trim().to_string(),
        presents: form.get("presents").trim().to_string(),
        status: form.get("status").to_string(),
        link: form.get("link").trim().to_string(),
        reach: form.get("reach").trim().to_string(),
        note: form.get("note").trim().to_string(),
    };
    let mut problems = Vec::new();
    let date = match parse_day(&fields.date) {
        Some(d) => Some(d),
        None if fields.date.is_empty() => None,
        None => {
            problems.push(t.msg("media-error-date"));
            None
        }
    };
    let channel = Channel::from_code(&fields.channel).unwrap_or_else(|| {
        problems.push(t.msg("media-error-channel"));
        Channel::default()
    });
    let status = match fields.status.as_str() {
        "" => PlanStatus::Idea,
        code => PlanStatus::from_code(code).unwrap_or_else(|| {
            problems.push(t.msg("media-error-status"));
            PlanStatus::Idea
        }),
    };
    let reach = match fields.reach.replace([' ', '\u{a0}'], "") {
        r if r.is_empty() => None,
        r => match r.parse::<u64>() {
            Ok(n) => Some(n),
            Err(_) => {
                problems.push(t.msg("media-error-reach"));
                None
            }
        },
    };
    let mut presents = Vec::new();
    for line in fields
        .presents
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        match super::lessons::named_record(app, &Viewer::anonymous(), line).await? {
            Some(r) => presents.push(r.record.id()),
            None => {
                problems.push(t.args("media-error-presents", &[("what", line.to_string().into())]))
            }
        }
    }
    presents.dedup();
    let publication = Publication {
        title: fields.title.clone(),
        date,
        channel,
        format: fields.format.clone(),
        outlet: fields.outlet.clone(),
        owner: fields.owner.clone(),
        status,
        occasion: fields.occasion.clone(),
        presents,
        link: fields.link.clone(),
        reach,
        note: fields.note.clone(),
    };
    if let Err(invalid) = publication.validate() {
        problems.extend(invalid.problems.into_iter().map(|p| p.message));
    }
    let outcome = if problems.is_empty() {
        Ok(publication)
    } else {
        Err(problems)
    };
    Ok((fields, outcome))
}

/// `2026-12-05` (a date field) or `05.12.2026` (typed by hand).
fn parse_day(text: &str) -> Option<Date> {
    let text = text.trim();
    if let Ok(d) = text.parse::<Date>() {
        return Some(d);
    }
    let mut parts = text.split('.');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

fn fields_of(p: &Publication, presents: &[Link]) -> Fields {
    Fields {
        title: p.title.clone(),
        date: p.date.map(|d| d.to_string()).unwrap_or_default(),
        channel: p.channel.code().to_string(),
        format: p.format.clone(),
        outlet: p.outlet.clone(),
        owner: p.owner.clone(),
        occasion: p.occasion.clone(),
        presents: presents
            .iter()
            .map(|l| l.href.clone())
            .collect::<Vec<_>>()
            .join("\n"),
        status: p.status.code().to_string(),
        link: p.link.clone(),
        reach: p.reach.map(|r| r.to_string()).unwrap_or_default(),
        note: p.note.clone(),
    }
}

/// `POST /studio/media-plan`: a new publication in the plan.
pub async fn create(
    State(app): State<App>,
    Press(staff): Press,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    let (fields, outcome) = read_form(&app, &form, &staff.t).await?;
    let publication = match outcome {
        Ok(p) => p,
        Err(problems) => {
            let quarter = parse_day(&fields.date)
                .map(Quarter::of)
                .unwrap_or_else(|| Quarter::of(letopis_core::today()));
            return show(&app, &staff, quarter, "", None, fields, problems).await;
        }
    };
    let by = staff.user.id;
    let quarter = publication
        .quarter()
        .unwrap_or_else(|| Quarter::of(letopis_core::today()));
    let saved = app
        .accounts_call(move |a| a.add_publication(by, &publication, jiff::Timestamp::now()))
        .await?;
    app.audit(staff.audit(
        "media-plan",
        Some(format!("publication:{}", saved.id)),
        format!("в медиаплане: «{}»", saved.publication.title),
    ))
    .await;
    Ok(see_other(&format!(
        "/studio/media-plan?quarter={}&done=media-added",
        quarter.code()
    )))
}

/// The records one publication presents, as links, as the world may see them now.
async fn presents_of(app: &App, p: &StoredPublication, t: &Tr) -> Result<Vec<Link>, AppError> {
    let named = named_records(app, std::slice::from_ref(p)).await?;
    Ok(row(p, &named, t).presents)
}

async fn stored(app: &App, id: i64) -> Result<StoredPublication, AppError> {
    app.accounts_call(move |a| a.publication(id))
        .await?
        .ok_or(AppError::NotFound)
}

/// `GET /studio/media-plan/{id}`: one publication's form: move it on, mark it out with its
/// link, type in its reach.
pub async fn item(
    State(app): State<App>,
    Press(staff): Press,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let p = stored(&app, id).await?;
    let presents = presents_of(&app, &p, &staff.t).await?;
    let fields = fields_of(&p.publication, &presents);
    item_page(&staff, &p, fields, presents, Vec::new())
}

fn item_page(
    staff: &Staff,
    p: &StoredPublication,
    fields: Fields,
    presents: Vec<Link>,
    problems: Vec<String>,
) -> Result<Response, AppError> {
    let t = staff.t;
    let status = if problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let mut response = render(&ItemPage {
        frame: Frame::new(staff, p.publication.title.clone(), "/studio/media-plan"),
        id: p.id,
        channels: channels(&t),
        statuses: statuses(&t),
        fields,
        problems,
        presents,
        quarter_code: p
            .publication
            .quarter()
            .unwrap_or_else(|| Quarter::of(letopis_core::today()))
            .code(),
    })?;
    *response.status_mut() = status;
    Ok(response)
}

/// `POST /studio/media-plan/{id}`: saves it; a bad form keeps everything typed, the stored
/// publication unchanged.
pub async fn save(
    State(app): State<App>,
    Press(staff): Press,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    let before = stored(&app, id).await?;
    let (fields, outcome) = read_form(&app, &form, &staff.t).await?;
    let publication = match outcome {
        Ok(p) => p,
        Err(problems) => {
            let presents = presents_of(&app, &before, &staff.t).await?;
            return item_page(&staff, &before, fields, presents, problems);
        }
    };
    let quarter = publication
        .quarter()
        .unwrap_or_else(|| Quarter::of(letopis_core::today()));
    let what = if publication.status == before.publication.status {
        format!("медиаплан: «{}» изменена", publication.title)
    } else {
        format!(
            "медиаплан: «{}» — {} → {}",
            publication.title,
            before.publication.status.code(),
            publication.status.code()
        )
    };
    app.accounts_call(move |a| a.save_publication(id, &publication, jiff::Timestamp::now()))
        .await?;
    app.audit(staff.audit("media-plan", Some(format!("publication:{id}")), what))
        .await;
    Ok(see_other(&format!(
        "/studio/media-plan?quarter={}&done=saved",
        quarter.code()
    )))
}

/// `POST /studio/media-plan/{id}/delete`, with «Да, удалить».
pub async fn delete(
    State(app): State<App>,
    Press(staff): Press,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    let before = stored(&app, id).await?;
    if form.get("confirm") != "yes" {
        let presents = presents_of(&app, &before, &staff.t).await?;
        let fields = fields_of(&before.publication, &presents);
        return item_page(
            &staff,
            &before,
            fields,
            presents,
            vec![staff.t.msg("media-error-confirm")],
        );
    }
    app.accounts_call(move |a| a.delete_publication(id)).await?;
    app.audit(staff.audit(
        "media-plan",
        Some(format!("publication:{id}")),
        format!("из медиаплана удалена «{}»", before.publication.title),
    ))
    .await;
    let quarter = before
        .publication
        .quarter()
        .unwrap_or_else(|| Quarter::of(letopis_core::today()));
    Ok(see_other(&format!(
        "/studio/media-plan?quarter={}&done=media-deleted",
        quarter.code()
    )))
}
