//! Residents' submissions in the studio («Герои города», issue #7, the moderators' side).
//!
//! - the queue (`/studio/contributions`): filters by status, assignment, confirmed address and
//!   words; each row marks likely duplicates;
//! - a submission's page: the hero, the story (shown as text), the files, the consents exactly
//!   as given, the conversation; the contributor's address only on request, each view audited
//!   (DESIGN.md, invariant 4);
//! - `actions`: take, assign, edit, ask, decline, withdraw;
//! - `publish`: merge into a person of the base, or publish as a new person, in one `apply`
//!   with the family's story and the consent from the contributor's declaration.
//!
//! Everything here needs [`Permission::Review`]: moderators decide what becomes public.

mod actions;
mod publish;

pub use actions::{ask, assign, decline, edit, reveal, take, withdraw};
pub use publish::publish;

use super::oral::{Input, Options, by_code, user_name};
use super::{Frame, Staff, render, when};
use crate::App;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use letopis_core::Kind;
use letopis_core::UserId;
use letopis_core::account::Permission;
use letopis_core::contribution::{
    Alive, DeclineReason, Hero, Lack, MergeField, Status, Step, differences,
};
use letopis_core::record::RecordId;
use letopis_search::{Described, LIKELY, weigh};
use letopis_store::accounts::User;
use letopis_store::contributions::{Event, EventKind, QueueFilter, Submission, SubmissionFile};
use serde::Deserialize;

/// How many submissions the queue shows at once, newest first.
const QUEUE_LIMIT: u32 = 200;
/// How many other submissions are weighed against this one.
const OTHERS_LIMIT: u32 = 1000;

// ---------------------------------------------------------------------------------------------
// The queue

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct QueueQuery {
    status: String,
    who: String,
    confirmed: String,
    q: String,
    done: String,
}

#[derive(Template)]
#[template(path = "studio/contributions/queue.html")]
struct QueuePage {
    frame: Frame,
    rows: Vec<QueueRow>,
    statuses: Options,
    whos: Options,
    confirmations: Options,
    q: String,
    search_on: bool,
}

struct QueueRow {
    id: i64,
    hero: String,
    years: String,
    relationship: String,
    sent: String,
    status: String,
    status_code: &'static str,
    assignee: String,
    duplicates: usize,
}

/// `?status=`: the open ones by default, or one of the finished states.
fn statuses_of(code: &str) -> Vec<Status> {
    match Status::from_code(code) {
        Some(s) if s != Status::Draft => vec![s],
        _ if code == "all" => Status::ALL
            .into_iter()
            .filter(|s| *s != Status::Draft)
            .collect(),
        _ => Vec::new(),
    }
}

pub async fn queue(
    State(app): State<App>,
    staff: Staff,
    Query(q): Query<QueueQuery>,
) -> Result<Response, AppError> {
    staff.require(Permission::Review)?;
    let filter = QueueFilter {
        statuses: statuses_of(&q.status),
        assigned: match q.who.as_str() {
            "mine" => Some(Some(staff.user.id)),
            "nobody" => Some(None),
            _ => None,
        },
        confirmed: match q.confirmed.as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        },
        text: q.q.trim().chars().take(200).collect(),
        limit: QUEUE_LIMIT,
    };
    let list = app.contributions_call(move |c| c.queue(&filter)).await?;
    let users = app.accounts_call(|a| a.users()).await?;
    let counts = duplicate_counts(&app, &staff, &list).await?;
    let t = &staff.t;
    let rows = list
        .iter()
        .zip(counts)
        .map(|(s, duplicates)| QueueRow {
            id: s.id.0,
            hero: hero_name(t, &s.content.hero),
            years: years(t, &s.content.hero),
            relationship: relationship(t, s),
            sent: s.sent_at.map(|at| when(t, at)).unwrap_or_default(),
            status: status_label(t, s.status),
            status_code: s.status.code(),
            assignee: user_name(&users, s.assigned.map(|id| id.0)),
            duplicates,
        })
        .collect();
    let option = |code: &str, label: String, on: &str| (code.to_string(), label, code == on);
    let mut statuses = vec![option(
        "",
        t.msg("studio-contrib-filter-waiting"),
        &q.status,
    )];
    for s in [
        Status::Received,
        Status::InModeration,
        Status::NeedsInfo,
        Status::Published,
        Status::Declined,
        Status::Withdrawn,
    ] {
        statuses.push(option(s.code(), status_label(t, s), &q.status));
    }
    statuses.push(option("all", t.msg("studio-contrib-filter-all"), &q.status));
    render(&QueuePage {
        frame: Frame::new(
            &staff,
            t.msg("studio-contrib-queue-title"),
            "/studio/contributions",
        )
        .with_notice(Some(&q.done)),
        rows,
        statuses,
        whos: vec![
            option("", t.msg("studio-contrib-filter-all"), &q.who),
            option("mine", t.msg("studio-contrib-filter-mine"), &q.who),
            option("nobody", t.msg("studio-contrib-filter-nobody"), &q.who),
        ],
        confirmations: vec![
            option("", t.msg("studio-contrib-filter-any"), &q.confirmed),
            option(
                "yes",
                t.msg("studio-contrib-filter-confirmed"),
                &q.confirmed,
            ),
            option(
                "no",
                t.msg("studio-contrib-filter-unconfirmed"),
                &q.confirmed,
            ),
        ],
        q: q.q.chars().take(200).collect(),
        search_on: app.search_index().is_some(),
    })
}

/// How many persons of the base are likely each submission's hero (0 without a search index).
async fn duplicate_counts(
    app: &App,
    staff: &Staff,
    list: &[Submission],
) -> Result<Vec<usize>, AppError> {
    let heroes: Vec<Described> = list.iter().map(|s| described(&s.content.hero)).collect();
    let who = staff.viewer.filter(letopis_core::today());
    Ok(match app.likely_duplicates(heroes, who).await? {
        Some(found) => found.iter().map(Vec::len).collect(),
        None => vec![0; list.len()],
    })
}

/// The number of open submissions, for the dashboard.
pub async fn waiting(app: &App) -> Result<usize, AppError> {
    if app.contributions_call(|_| Ok(())).await.is_err() {
        return Ok(0);
    }
    let filter = QueueFilter {
        limit: 10_000,
        ..QueueFilter::default()
    };
    Ok(app
        .contributions_call(move |c| c.queue(&filter))
        .await?
        .len())
}

// ---------------------------------------------------------------------------------------------
// One submission

/// What a page shows beyond the stored submission: a refusal, the revealed address, the person
/// chosen to merge into, what was typed in a refused form.
#[derive(Default)]
pub(crate) struct Again {
    pub refusal: String,
    pub email: Option<String>,
    pub merge: Option<i64>,
    pub merge_typed: String,
    pub edited: Option<Hero>,
    pub edited_story: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct PageQuery {
    done: String,
    merge: String,
}

#[derive(Template)]
#[template(path = "studio/contributions/page.html")]
struct SubmissionPage {
    frame: Frame,
    id: i64,
    status: String,
    status_code: &'static str,
    open: bool,
    refusal: String,
    hero: Vec<(String, String)>,
    story: Vec<String>,
    files: Vec<FileLine>,
    consents: Vec<(String, String)>,
    relationship: String,
    email: Option<String>,
    email_confirmed: bool,
    events: Vec<EventLine>,
    assignee: String,
    mine: bool,
    moderators: Options,
    edit: Vec<Input>,
    alive: Options,
    fate: Options,
    reasons: Options,
    search_on: bool,
    persons: Vec<Match>,
    others: Vec<Match>,
    merge_typed: String,
    merge: Option<MergeView>,
    photos: Vec<FileLine>,
    ban_photos: bool,
    blockers: Vec<String>,
    published: Option<(String, String)>,
    can_withdraw: bool,
    /// The person whose page the resident started from («Знаете больше? Дополните»).
    about: Option<i64>,
}

struct FileLine {
    id: i64,
    src: String,
    caption: String,
    date: String,
    image: bool,
    late: bool,
    mime: String,
}

struct EventLine {
    at: String,
    who: String,
    what: String,
    body: String,
}

/// A person of the base, or another submission, that may be the same hero.
struct Match {
    id: i64,
    title: String,
    href: String,
    score: u32,
    reasons: Vec<String>,
}

/// The table of what the family's account would add to or change in a person.
struct MergeView {
    person: i64,
    title: String,
    href: String,
    version: i64,
    rows: Vec<DiffRow>,
}

struct DiffRow {
    code: &'static str,
    label: String,
    museum: String,
    family: String,
    banned: bool,
    /// Taken by default only where the museum has nothing.
    checked: bool,
}

pub(crate) async fn submission(app: &App, id: i64) -> Result<Submission, AppError> {
    app.contributions_call(move |c| c.submission(letopis_core::SubmissionId(id)))
        .await?
        .filter(|s| s.status != Status::Draft)
        .ok_or(AppError::NotFound)
}

pub async fn page(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    staff.require(Permission::Review)?;
    let mut again = Again::default();
    if !q.merge.trim().is_empty() {
        again.merge_typed = q.merge.trim().chars().take(50).collect();
        match super::form::parse_record_number(&q.merge) {
            Some(n) => again.merge = Some(n),
            None => again.refusal = staff.t.msg("studio-contrib-error-person-number"),
        }
    }
    let mut response = show(&app, &staff, id, again, Some(&q.done)).await?;
    if !q.merge.trim().is_empty() && response.status() == StatusCode::UNPROCESSABLE_ENTITY {
        *response.status_mut() = StatusCode::OK;
    }
    Ok(response)
}

/// Renders the page; with a refusal, answers 422 so a script (and a test) can tell.
pub(crate) async fn show(
    app: &App,
    staff: &Staff,
    id: i64,
    again: Again,
    notice: Option<&str>,
) -> Result<Response, AppError> {
    let t = &staff.t;
    let s = submission(app, id).await?;
    let (files, events) = app
        .contributions_call(move |c| {
            Ok((
                c.files(letopis_core::SubmissionId(id))?,
                c.events(letopis_core::SubmissionId(id))?,
            ))
        })
        .await?;
    let users = app.accounts_call(|a| a.users()).await?;
    let (persons, others) = duplicates(app, staff, &s).await?;
    let mut refusal = again.refusal.clone();
    let merge = match again.merge {
        Some(n) => match merge_view(app, staff, &s, n).await? {
            Ok(view) => Some(view),
            Err(message) => {
                refusal = message;
                None
            }
        },
        None => None,
    };
    let hero = again
        .edited
        .clone()
        .unwrap_or_else(|| s.content.hero.clone());
    let story = again
        .edited_story
        .clone()
        .unwrap_or_else(|| s.content.story.clone());
    let file_lines: Vec<FileLine> = files.iter().map(|f| file_line(id, f)).collect();
    let photos = file_lines
        .iter()
        .filter(|f| f.image)
        .map(clone_line)
        .collect();
    let published = match (s.status, s.person) {
        (Status::Published, Some(p)) => published_link(app, staff, p).await?,
        _ => None,
    };
    let mut response = render(&SubmissionPage {
        frame: Frame::new(
            staff,
            t.args(
                "studio-contrib-page-title",
                &[
                    ("number", id.to_string().into()),
                    ("hero", hero_name(t, &s.content.hero).into()),
                ],
            ),
            "/studio/contributions",
        )
        .with_notice(notice),
        id,
        status: status_label(t, s.status),
        status_code: s.status.code(),
        open: s.status.is_open(),
        refusal: refusal.clone(),
        hero: hero_facts(t, &s.content.hero),
        story: paragraphs(&s.content.story),
        files: file_lines,
        consents: consent_facts(t, &s),
        relationship: relationship(t, &s),
        email: again.email.clone(),
        email_confirmed: s.email_confirmed,
        events: events.iter().map(|e| event_line(t, e, &users)).collect(),
        assignee: user_name(&users, s.assigned.map(|id| id.0)),
        mine: s.assigned == Some(staff.user.id),
        moderators: moderators(t, &users, s.assigned.map(|id| id.0)),
        edit: edit_inputs(t, &hero, &story),
        alive: alive_options(t, hero.alive),
        fate: fate_options(t, hero.fate),
        reasons: DeclineReason::ALL
            .iter()
            .map(|r| (r.code().to_string(), decline_label(t, *r), false))
            .collect(),
        search_on: app.search_index().is_some(),
        persons,
        others,
        merge_typed: again.merge_typed.clone(),
        merge,
        photos,
        ban_photos: s.content.consent.ban_photos,
        blockers: blockers(t, &s),
        published,
        can_withdraw: s.status.may_move(Status::Withdrawn) && s.status != Status::Draft,
        about: s.about.map(|p| p.0),
    })?;
    if !refusal.is_empty() {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

/// The story as the family wrote it, paragraph by paragraph; the template escapes it, so any
/// HTML in it is shown as text.
fn paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

fn clone_line(f: &FileLine) -> FileLine {
    FileLine {
        id: f.id,
        src: f.src.clone(),
        caption: f.caption.clone(),
        date: f.date.clone(),
        image: f.image,
        late: f.late,
        mime: f.mime.clone(),
    }
}

async fn published_link(
    app: &App,
    staff: &Staff,
    person: RecordId,
) -> Result<Option<(String, String)>, AppError> {
    let found = app
        .read_studio(staff.viewer.clone(), move |gate| gate.get(person))
        .await?;
    Ok(found.map(|r| {
        (
            crate::public::record_href(Kind::Person, &r.record.meta.slug),
            r.record.title(),
        )
    }))
}

fn file_line(id: i64, f: &SubmissionFile) -> FileLine {
    FileLine {
        id: f.id.0,
        src: format!("/studio/contributions/{id}/files/{}", f.id),
        caption: f.caption.clone(),
        date: f.date.clone(),
        image: f.mime.starts_with("image/"),
        late: f.late,
        mime: f.mime.clone(),
    }
}

// Labels of core's contribution values, by code (`studio-contrib-<what>-<code>`). Core keeps
// its Russian `label_ru` for its own messages and letters.

pub(crate) fn status_label(t: &Tr, s: Status) -> String {
    by_code(t, "studio-contrib-status", s.code())
}

fn decline_label(t: &Tr, r: DeclineReason) -> String {
    by_code(t, "studio-contrib-decline", r.code())
}

pub(crate) fn field_label(t: &Tr, f: MergeField) -> String {
    by_code(t, "studio-contrib-field", f.code())
}

fn event_line(t: &Tr, e: &Event, users: &[User]) -> EventLine {
    let what = match e.kind {
        EventKind::Moved => match e.status {
            Some(s) => t.args(
                "studio-contrib-event-moved-to",
                &[("status", status_label(t, s).into())],
            ),
            None => t.msg("studio-contrib-event-moved"),
        },
        EventKind::Question => t.msg("studio-contrib-event-question"),
        EventKind::Answer => t.msg("studio-contrib-event-answer"),
        EventKind::Files => t.msg("studio-contrib-event-files"),
        EventKind::Assigned => t.msg("studio-contrib-event-assigned"),
        EventKind::Confirmed => t.msg("studio-contrib-event-confirmed"),
        EventKind::Note => t.msg("studio-contrib-event-note"),
    };
    EventLine {
        at: when(t, e.at),
        who: if e.by.is_empty() {
            t.msg("studio-contrib-event-sender")
        } else {
            e.by.clone()
        },
        what,
        // The store keeps whom a submission was given to as a user id.
        body: match e.kind {
            EventKind::Assigned => match e.body.parse::<i64>() {
                Ok(id) => user_name(users, Some(id)),
                Err(_) if e.body.is_empty() => t.msg("studio-contrib-event-to-nobody"),
                Err(_) => e.body.clone(),
            },
            _ => e.body.clone(),
        },
    }
}

pub(crate) fn hero_name(t: &Tr, h: &Hero) -> String {
    let name = h.full_name();
    if name.trim().is_empty() {
        t.msg("studio-contrib-no-name")
    } else {
        name
    }
}

fn years(t: &Tr, h: &Hero) -> String {
    let year = |d: &Option<letopis_core::Edtf>, typed: &str| match d {
        Some(d) => t.date(d),
        None => typed.trim().to_string(),
    };
    let (b, d) = (
        year(&h.birth, &h.birth_typed),
        year(&h.death, &h.death_typed),
    );
    match (b.is_empty(), d.is_empty()) {
        (true, true) => String::new(),
        (false, true) => b,
        (true, false) => format!("… — {d}"),
        (false, false) => format!("{b} — {d}"),
    }
}

fn relationship(t: &Tr, s: &Submission) -> String {
    let c = &s.content.contributor;
    let base = c
        .relationship
        .map(|r| by_code(t, "studio-contrib-relationship", r.code()))
        .unwrap_or_else(|| t.msg("studio-contrib-not-given"));
    if c.relationship_note.trim().is_empty() {
        base
    } else {
        format!("{base} ({})", c.relationship_note.trim())
    }
}

fn alive_label(t: &Tr, alive: Option<Alive>) -> String {
    match alive {
        Some(a) => by_code(t, "studio-contrib-alive", a.code()),
        None => t.msg("studio-contrib-not-given"),
    }
}

fn hero_facts(t: &Tr, h: &Hero) -> Vec<(String, String)> {
    let date = |d: &Option<letopis_core::Edtf>, typed: &str| match d {
        Some(d) => format!("{} ({})", t.date(d), d.as_str()),
        None if typed.trim().is_empty() => String::new(),
        None => t.args(
            "studio-contrib-date-unreadable",
            &[("typed", typed.trim().into())],
        ),
    };
    [
        ("surname", h.surname.clone()),
        ("given", h.given.clone()),
        ("patronymic", h.patronymic.clone()),
        ("birth", date(&h.birth, &h.birth_typed)),
        ("death", date(&h.death, &h.death_typed)),
        ("alive", alive_label(t, h.alive)),
        (
            "fate",
            h.fate.map(|f| t.label("fate", f)).unwrap_or_default(),
        ),
        ("birth-place", h.birth_place.clone()),
        ("rank", h.rank.clone()),
        ("unit", h.unit.clone()),
        ("work", h.work.clone()),
        ("awards", h.awards.clone()),
    ]
    .into_iter()
    .filter(|(_, v)| !v.trim().is_empty())
    .map(|(k, v)| (t.msg(&format!("studio-contrib-hero-{k}")), v))
    .collect()
}

/// The consents exactly as the contributor gave them.
fn consent_facts(t: &Tr, s: &Submission) -> Vec<(String, String)> {
    let c = &s.content.consent;
    let yes_no = |b: bool| {
        t.msg(if b {
            "studio-contrib-yes"
        } else {
            "studio-contrib-no"
        })
    };
    let label = |key: &str| t.msg(&format!("studio-contrib-consent-{key}"));
    let mut out = vec![
        (label("processing"), yes_no(c.processing)),
        (
            label("basis"),
            c.publication
                .map(|b| {
                    format!(
                        "{} ({})",
                        by_code(t, "studio-contrib-basis", b.code()),
                        by_code(t, "studio-contrib-consent-kind", b.consent_kind().code())
                    )
                })
                .unwrap_or_else(|| t.msg("studio-contrib-not-granted")),
        ),
        (
            label("credit"),
            match s.content.credit() {
                Some(credit) => t.args("studio-contrib-credit-as", &[("credit", credit.into())]),
                None => t.msg("studio-contrib-no"),
            },
        ),
        (label("ban-photos"), yes_no(c.ban_photos)),
        (label("ban-dates"), yes_no(c.ban_dates)),
    ];
    if !c.conditions.trim().is_empty() {
        out.push((label("conditions"), c.conditions.trim().to_string()));
    }
    out
}

fn moderators(t: &Tr, users: &[User], chosen: Option<i64>) -> Options {
    let mut options = vec![(
        String::new(),
        t.msg("studio-contrib-nobody"),
        chosen.is_none(),
    )];
    options.extend(
        users
            .iter()
            .filter(|u| {
                u.roles.may(Permission::Review) && (!u.disabled || Some(u.id) == chosen.map(UserId))
            })
            .map(|u| {
                (
                    u.id.to_string(),
                    u.display_name.clone(),
                    Some(u.id) == chosen.map(UserId),
                )
            }),
    );
    options
}

fn edit_inputs(t: &Tr, h: &Hero, story: &str) -> Vec<Input> {
    let none = super::oral::Errors::default();
    // Each field's label is the hero fact's; a few have a hint (`…-hint`, empty elsewhere).
    let input = |key: &'static str, fact: &str| {
        let label = t.msg(&format!("studio-contrib-hero-{fact}"));
        let hint = t.msg(&format!("studio-contrib-edit-{fact}-hint"));
        Input::new(key, label, hint)
    };
    vec![
        input("surname", "surname").filled(&h.surname, &none),
        input("given", "given").filled(&h.given, &none),
        input("patronymic", "patronymic").filled(&h.patronymic, &none),
        input("birth", "birth").filled(&h.birth_typed, &none),
        input("death", "death").filled(&h.death_typed, &none),
        input("birth_place", "birth-place").filled(&h.birth_place, &none),
        input("rank", "rank").filled(&h.rank, &none),
        input("unit", "unit").filled(&h.unit, &none),
        input("work", "work").filled(&h.work, &none),
        input("awards", "awards").area(3).filled(&h.awards, &none),
        input("story", "story").area(12).filled(story, &none),
    ]
}

fn alive_options(t: &Tr, alive: Option<Alive>) -> Options {
    vec![
        (
            String::new(),
            t.msg("studio-contrib-option-not-given"),
            alive.is_none(),
        ),
        (
            Alive::Deceased.code().into(),
            alive_label(t, Some(Alive::Deceased)),
            alive == Some(Alive::Deceased),
        ),
        (
            Alive::Living.code().into(),
            alive_label(t, Some(Alive::Living)),
            alive == Some(Alive::Living),
        ),
    ]
}

fn fate_options(t: &Tr, fate: Option<letopis_core::entities::Fate>) -> Options {
    let mut options = vec![(
        String::new(),
        t.msg("studio-contrib-option-not-given"),
        fate.is_none(),
    )];
    options.extend(
        letopis_core::entities::Fate::ALL
            .iter()
            .map(|f| (f.code().to_string(), t.label("fate", *f), Some(*f) == fate)),
    );
    options
}

/// What stops publication, in words: an unconfirmed address, anything the form would not
/// have let the resident send.
pub(crate) fn blockers(t: &Tr, s: &Submission) -> Vec<String> {
    let mut out = Vec::new();
    if !s.email_confirmed {
        out.push(t.msg("studio-contrib-blocker-unconfirmed"));
    }
    out.extend(
        s.content
            .lacks_before_send()
            .iter()
            .map(|(step, lack)| lack_text(t, *step, lack)),
    );
    out
}

/// What is missing, as the moderator reads it (the resident's own wording is `contributions-lack-…`).
fn lack_text(t: &Tr, step: Step, lack: &Lack) -> String {
    let key = format!("studio-contrib-lack-{}", lack.code());
    let what = match lack {
        Lack::BadDate { typed, .. } => t.args(&key, &[("typed", typed.as_str().into())]),
        Lack::TooLong { field, max } => t.args(
            &key,
            &[("field", (*field).into()), ("max", max.to_string().into())],
        ),
        _ => t.msg(&key),
    };
    t.args(
        "studio-contrib-lack-step",
        &[
            ("step", step.number().to_string().into()),
            ("steps", Step::ALL.len().to_string().into()),
            ("what", what.into()),
        ],
    )
}

pub(crate) fn described(h: &Hero) -> Described {
    Described {
        surname: h.surname.clone(),
        given: h.given.clone(),
        patronymic: h.patronymic.clone(),
        birth_year: h.birth.as_ref().and_then(|d| d.lower()).map(|k| k / 10000),
        birth_place: h.birth_place.clone(),
        unit: h.unit.clone(),
    }
}

/// Likely matches among the base's persons (through the index and the moderator's gate) and
/// among the other open or published submissions.
async fn duplicates(
    app: &App,
    staff: &Staff,
    s: &Submission,
) -> Result<(Vec<Match>, Vec<Match>), AppError> {
    let hero = described(&s.content.hero);
    let mut persons = Vec::new();
    let who = staff.viewer.filter(letopis_core::today());
    let found = app
        .likely_duplicates(vec![hero.clone()], who)
        .await?
        .and_then(|mut each| each.pop())
        .unwrap_or_default();
    if !found.is_empty() {
        // The index's hits are read through the studio's gate: a person the moderator may not
        // open is not offered for merging.
        let ids: Vec<RecordId> = found.iter().map(|l| l.id).collect();
        let records = app
            .read_studio(staff.viewer.clone(), move |gate| gate.many(&ids))
            .await?;
        for l in found {
            if let Some(r) = records.iter().find(|r| r.record.id() == l.id) {
                persons.push(Match {
                    id: l.id.0,
                    title: r.record.title(),
                    href: format!("/studio/records/{}", l.id.0),
                    score: l.score,
                    reasons: l.reasons,
                });
            }
        }
    }
    let id = s.id;
    let filter = QueueFilter {
        statuses: vec![
            Status::Received,
            Status::InModeration,
            Status::NeedsInfo,
            Status::Published,
        ],
        limit: OTHERS_LIMIT,
        ..QueueFilter::default()
    };
    let list = app.contributions_call(move |c| c.queue(&filter)).await?;
    let others = list
        .iter()
        .filter(|o| o.id != id)
        .filter_map(|o| {
            let (score, reasons) = weigh(&hero, &o.content.hero.to_person());
            (score >= LIKELY).then(|| Match {
                id: o.id.0,
                title: format!(
                    "№{} {} ({})",
                    o.id,
                    hero_name(&staff.t, &o.content.hero),
                    status_label(&staff.t, o.status)
                ),
                href: format!("/studio/contributions/{}", o.id),
                score,
                reasons,
            })
        })
        .collect();
    Ok((persons, others))
}

/// The differences table against person `n`, or why it cannot be shown.
async fn merge_view(
    app: &App,
    staff: &Staff,
    s: &Submission,
    n: i64,
) -> Result<Result<MergeView, String>, AppError> {
    let found = app
        .read_studio(staff.viewer.clone(), move |gate| gate.get(RecordId(n)))
        .await?;
    let t = &staff.t;
    let number = [("number", std::borrow::Cow::from(n.to_string()))];
    let Some(stored) = found else {
        return Ok(Err(t.args("studio-contrib-error-no-record", &number)));
    };
    let letopis_core::Body::Person(person) = &stored.record.body else {
        return Ok(Err(t.args("studio-contrib-error-not-person-merge", &number)));
    };
    let rows = differences(person, &s.content.hero, &s.content.consent)
        .into_iter()
        .map(|d| DiffRow {
            code: d.field.code(),
            label: field_label(t, d.field),
            checked: d.museum.is_empty() && !d.banned,
            museum: d.museum,
            family: d.family,
            banned: d.banned,
        })
        .collect();
    Ok(Ok(MergeView {
        person: n,
        title: stored.record.title(),
        href: format!("/studio/records/{n}"),
        version: stored.record.meta.version,
        rows,
    }))
}

/// The banned fields' reason, for the table.
pub(crate) fn ban_reason(t: &Tr, field: &str) -> String {
    match MergeField::from_code(field) {
        Some(MergeField::Birth | MergeField::Death) => t.msg("studio-contrib-ban-dates"),
        _ => String::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// Files

/// `GET /studio/contributions/{id}/files/{file_id}`: a file of the submission, to moderators
/// only, never cached (it is not public until published).
pub async fn file(
    State(app): State<App>,
    staff: Staff,
    Path((id, file_id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    staff.require(Permission::Review)?;
    submission(&app, id).await?;
    let files = app
        .contributions_call(move |c| c.files(letopis_core::SubmissionId(id)))
        .await?;
    let f = files
        .into_iter()
        .find(|f| f.id == letopis_core::SubmissionFileId(file_id))
        .ok_or(AppError::NotFound)?;
    crate::contributions::files::serve(&app, &f, false).await
}
