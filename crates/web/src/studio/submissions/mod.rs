//! Residents' submissions in the studio («Герои города», issue #7, the moderators' side).
//!
//! - the queue (`/studio/submissions`): filters by status, assignment, confirmed address and
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

use super::oral::{Input, Options, user_name};
use super::{Frame, Staff, render, when};
use crate::App;
use crate::error::AppError;
use crate::i18n::Tr;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use letopis_core::Kind;
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
#[template(path = "studio/submissions/queue.html")]
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
    status: &'static str,
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
    let rows = list
        .iter()
        .zip(counts)
        .map(|(s, duplicates)| QueueRow {
            id: s.id,
            hero: hero_name(&s.content.hero),
            years: years(&s.content.hero),
            relationship: relationship(s),
            sent: s.sent_at.map(|at| when(&staff.t, at)).unwrap_or_default(),
            status: s.status.label_ru(),
            status_code: s.status.code(),
            assignee: user_name(&users, s.assigned),
            duplicates,
        })
        .collect();
    let option =
        |code: &str, label: &str, on: &str| (code.to_string(), label.to_string(), code == on);
    let mut statuses = vec![option("", "ждут решения", &q.status)];
    for s in [
        Status::Received,
        Status::InModeration,
        Status::NeedsInfo,
        Status::Published,
        Status::Declined,
        Status::Withdrawn,
    ] {
        statuses.push(option(s.code(), s.label_ru(), &q.status));
    }
    statuses.push(option("all", "все", &q.status));
    render(&QueuePage {
        frame: Frame::new(&staff, "Рассказы жителей", "/studio/submissions")
            .with_notice(Some(&q.done)),
        rows,
        statuses,
        whos: vec![
            option("", "все", &q.who),
            option("mine", "мои", &q.who),
            option("nobody", "ничьи", &q.who),
        ],
        confirmations: vec![
            option("", "любой", &q.confirmed),
            option("yes", "подтверждён", &q.confirmed),
            option("no", "не подтверждён", &q.confirmed),
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
    let Some(index) = app.search_index() else {
        return Ok(vec![0; list.len()]);
    };
    let heroes: Vec<Described> = list.iter().map(|s| described(&s.content.hero)).collect();
    let who = staff.viewer.filter(letopis_core::today());
    app.blocking(move |store| {
        heroes
            .iter()
            .map(|h| {
                index
                    .likely_duplicates(store, h, &who)
                    .map(|l| l.len())
                    .unwrap_or(0)
            })
            .collect()
    })
    .await
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
#[template(path = "studio/submissions/page.html")]
struct SubmissionPage {
    frame: Frame,
    id: i64,
    status: &'static str,
    status_code: &'static str,
    open: bool,
    refusal: String,
    hero: Vec<(String, String)>,
    title: String,
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
    label: &'static str,
    museum: String,
    family: String,
    banned: bool,
    /// Taken by default only where the museum has nothing.
    checked: bool,
}

pub(crate) async fn submission(app: &App, id: i64) -> Result<Submission, AppError> {
    app.contributions_call(move |c| c.submission(id))
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
            None => {
                again.refusal = "Номер записи о человеке: укажите его цифрами, например 12.".into();
            }
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
    let s = submission(app, id).await?;
    let (files, events) = app
        .contributions_call(move |c| Ok((c.files(id)?, c.events(id)?)))
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
            format!("Рассказ №{id}: {}", hero_name(&s.content.hero)),
            "/studio/submissions",
        )
        .with_notice(notice),
        id,
        status: s.status.label_ru(),
        status_code: s.status.code(),
        open: s.status.is_open(),
        refusal: refusal.clone(),
        hero: hero_facts(&s.content.hero),
        title: hero_name(&s.content.hero),
        story: paragraphs(&s.content.story),
        files: file_lines,
        consents: consent_facts(&s),
        relationship: relationship(&s),
        email: again.email.clone(),
        email_confirmed: s.email_confirmed,
        events: events
            .iter()
            .map(|e| event_line(&staff.t, e, &users))
            .collect(),
        assignee: user_name(&users, s.assigned),
        mine: s.assigned == Some(staff.user.id),
        moderators: moderators(&users, s.assigned),
        edit: edit_inputs(&hero, &story),
        alive: alive_options(hero.alive),
        fate: fate_options(hero.fate),
        reasons: DeclineReason::ALL
            .iter()
            .map(|r| (r.code().to_string(), r.label_ru().to_string(), false))
            .collect(),
        search_on: app.search_index().is_some(),
        persons,
        others,
        merge_typed: again.merge_typed.clone(),
        merge,
        photos,
        ban_photos: s.content.consent.ban_photos,
        blockers: blockers(&s),
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
        id: f.id,
        src: format!("/studio/submissions/{id}/files/{}", f.id),
        caption: f.caption.clone(),
        date: f.date.clone(),
        image: f.mime.starts_with("image/"),
        late: f.late,
        mime: f.mime.clone(),
    }
}

fn event_line(t: &Tr, e: &Event, users: &[User]) -> EventLine {
    let what = match e.kind {
        EventKind::Moved => match e.status {
            Some(s) => format!("состояние: {}", s.label_ru()),
            None => "состояние изменено".into(),
        },
        EventKind::Question => "вопрос отправителю".into(),
        EventKind::Answer => "ответ отправителя".into(),
        EventKind::Files => "отправитель добавил файлы".into(),
        EventKind::Assigned => "назначение модератора".into(),
        EventKind::Confirmed => "адрес подтверждён".into(),
        EventKind::Note => "заметка модератора".into(),
    };
    EventLine {
        at: when(t, e.at),
        who: if e.by.is_empty() {
            "отправитель".into()
        } else {
            e.by.clone()
        },
        what,
        // The store keeps whom a submission was given to as a user id.
        body: match e.kind {
            EventKind::Assigned => match e.body.parse::<i64>() {
                Ok(id) => user_name(users, Some(id)),
                Err(_) if e.body.is_empty() => "никому".into(),
                Err(_) => e.body.clone(),
            },
            _ => e.body.clone(),
        },
    }
}

pub(crate) fn hero_name(h: &Hero) -> String {
    let name = h.full_name();
    if name.trim().is_empty() {
        "(имя не указано)".into()
    } else {
        name
    }
}

fn years(h: &Hero) -> String {
    let year = |d: &Option<letopis_core::Edtf>, typed: &str| match d {
        Some(d) => d.to_russian(),
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

fn relationship(s: &Submission) -> String {
    let c = &s.content.contributor;
    let base = c
        .relationship
        .map(|r| r.label_ru().to_string())
        .unwrap_or_else(|| "не указано".into());
    if c.relationship_note.trim().is_empty() {
        base
    } else {
        format!("{base} ({})", c.relationship_note.trim())
    }
}

fn hero_facts(h: &Hero) -> Vec<(String, String)> {
    let alive = match h.alive {
        Some(Alive::Living) => "жив(а)",
        Some(Alive::Deceased) => "умер(ла)",
        None => "не указано",
    };
    let date = |d: &Option<letopis_core::Edtf>, typed: &str| match d {
        Some(d) => format!("{} ({})", d.to_russian(), d.as_str()),
        None if typed.trim().is_empty() => String::new(),
        None => format!("{} — дата не читается", typed.trim()),
    };
    [
        ("Фамилия", h.surname.clone()),
        ("Имя", h.given.clone()),
        ("Отчество", h.patronymic.clone()),
        ("Дата рождения", date(&h.birth, &h.birth_typed)),
        ("Дата смерти", date(&h.death, &h.death_typed)),
        ("Жив ли герой", alive.to_string()),
        (
            "Судьба",
            h.fate.map(|f| f.label_ru().to_string()).unwrap_or_default(),
        ),
        ("Место рождения", h.birth_place.clone()),
        ("Звание", h.rank.clone()),
        ("Часть", h.unit.clone()),
        ("Где работал", h.work.clone()),
        ("Награды", h.awards.clone()),
    ]
    .into_iter()
    .filter(|(_, v)| !v.trim().is_empty())
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// The consents exactly as the contributor gave them.
fn consent_facts(s: &Submission) -> Vec<(String, String)> {
    let c = &s.content.consent;
    let yes_no = |b: bool| if b { "да" } else { "нет" }.to_string();
    let mut out = vec![
        (
            "Согласие на обработку своих данных".to_string(),
            yes_no(c.processing),
        ),
        (
            "Основание публикации".to_string(),
            c.publication
                .map(|b| format!("{} ({})", b.label_ru(), b.consent_kind().label_ru()))
                .unwrap_or_else(|| "не дано".into()),
        ),
        (
            "Можно назвать отправителя".to_string(),
            match s.content.credit() {
                Some(credit) => format!("да: «{credit}»"),
                None => "нет".into(),
            },
        ),
        (
            "Запрет публиковать фотографии".to_string(),
            yes_no(c.ban_photos),
        ),
        ("Запрет публиковать даты".to_string(), yes_no(c.ban_dates)),
    ];
    if !c.conditions.trim().is_empty() {
        out.push(("Условия".to_string(), c.conditions.trim().to_string()));
    }
    out
}

fn moderators(users: &[User], chosen: Option<i64>) -> Options {
    let mut options = vec![(String::new(), "никто".to_string(), chosen.is_none())];
    options.extend(
        users
            .iter()
            .filter(|u| u.roles.may(Permission::Review) && (!u.disabled || Some(u.id) == chosen))
            .map(|u| {
                (
                    u.id.to_string(),
                    u.display_name.clone(),
                    Some(u.id) == chosen,
                )
            }),
    );
    options
}

fn edit_inputs(h: &Hero, story: &str) -> Vec<Input> {
    let none = super::oral::Errors::default();
    vec![
        Input::new("surname", "Фамилия", "").filled(&h.surname, &none),
        Input::new("given", "Имя", "").filled(&h.given, &none),
        Input::new("patronymic", "Отчество", "").filled(&h.patronymic, &none),
        Input::new(
            "birth",
            "Дата рождения",
            "В формате EDTF: 1915, 1915-03, 1915-03-12, 1915?",
        )
        .filled(&h.birth_typed, &none),
        Input::new("death", "Дата смерти", "В формате EDTF, как дата рождения.")
            .filled(&h.death_typed, &none),
        Input::new("birth_place", "Место рождения", "").filled(&h.birth_place, &none),
        Input::new("rank", "Звание", "").filled(&h.rank, &none),
        Input::new("unit", "Часть", "").filled(&h.unit, &none),
        Input::new("work", "Где работал", "Для тружеников тыла.").filled(&h.work, &none),
        Input::new("awards", "Награды", "Каждая с новой строки.")
            .area(3)
            .filled(&h.awards, &none),
        Input::new(
            "story",
            "Рассказ",
            "Слова семьи: правьте только опечатки и то, что нельзя публиковать. Прежний текст остаётся в истории обращения.",
        )
        .area(12)
        .filled(story, &none),
    ]
}

fn alive_options(alive: Option<Alive>) -> Options {
    vec![
        (String::new(), "— не указано —".into(), alive.is_none()),
        (
            Alive::Deceased.code().into(),
            "умер(ла)".into(),
            alive == Some(Alive::Deceased),
        ),
        (
            Alive::Living.code().into(),
            "жив(а)".into(),
            alive == Some(Alive::Living),
        ),
    ]
}

fn fate_options(fate: Option<letopis_core::entities::Fate>) -> Options {
    let mut options = vec![(String::new(), "— не указано —".to_string(), fate.is_none())];
    options.extend(letopis_core::entities::Fate::ALL.iter().map(|f| {
        (
            f.code().to_string(),
            f.label_ru().to_string(),
            Some(*f) == fate,
        )
    }));
    options
}

/// What stops publication, in words: an unconfirmed address, anything the form would not
/// have let the resident send.
pub(crate) fn blockers(s: &Submission) -> Vec<String> {
    let mut out = Vec::new();
    if !s.email_confirmed {
        out.push(
            "Отправитель ещё не подтвердил адрес электронной почты: публиковать нельзя, пока он не откроет ссылку из письма."
                .to_string(),
        );
    }
    out.extend(
        s.content
            .lacks_before_send()
            .iter()
            .map(|(step, lack)| lack_ru(*step, lack)),
    );
    out
}

fn lack_ru(step: Step, lack: &Lack) -> String {
    let what = match lack {
        Lack::Surname => "не указана фамилия героя".to_string(),
        Lack::Alive => "не указано, жив ли герой".to_string(),
        Lack::BadDate { typed, .. } => format!("дата «{typed}» не читается"),
        Lack::DeathBeforeBirth => "дата смерти раньше даты рождения".to_string(),
        Lack::LivingButDead => "герой отмечен живым, но указаны смерть или гибель".to_string(),
        Lack::TooLong { field, max } => format!("поле «{field}» длиннее {max} символов"),
        Lack::Story => "нет рассказа".to_string(),
        Lack::Relationship => "не указано, кем отправитель приходится герою".to_string(),
        Lack::Email => "нет адреса электронной почты".to_string(),
        Lack::BadEmail => "адрес электронной почты не похож на настоящий".to_string(),
        Lack::Processing => "нет согласия на обработку данных отправителя".to_string(),
        Lack::Publication => "нет согласия на публикацию данных героя".to_string(),
        Lack::BasisDoesNotFit => {
            "основание публикации не подходит: наследники не решают за живого, а умерший не может согласиться сам".to_string()
        }
    };
    format!("Шаг {} из {}: {what}.", step.number(), Step::ALL.len())
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
    if let Some(index) = app.search_index() {
        let who = staff.viewer.filter(letopis_core::today());
        let query = hero.clone();
        let viewer = staff.viewer.clone();
        persons = app
            .blocking(move |store| -> Result<Vec<Match>, AppError> {
                let found = index.likely_duplicates(store, &query, &who).map_err(|e| {
                    tracing::error!(error = %e, "duplicate search failed");
                    AppError::Internal
                })?;
                let gate = crate::gate::Gate::studio(store, &viewer, letopis_core::today());
                let mut out = Vec::new();
                for l in found {
                    if let Some(r) = gate.get(l.id)? {
                        out.push(Match {
                            id: l.id.0,
                            title: r.record.title(),
                            href: format!("/studio/records/{}", l.id.0),
                            score: l.score,
                            reasons: l.reasons,
                        });
                    }
                }
                Ok(out)
            })
            .await??;
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
                id: o.id,
                title: format!(
                    "№{} {} ({})",
                    o.id,
                    hero_name(&o.content.hero),
                    o.status.label_ru()
                ),
                href: format!("/studio/submissions/{}", o.id),
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
    let Some(stored) = found else {
        return Ok(Err(format!("Записи №{n} нет в базе.")));
    };
    let letopis_core::Body::Person(person) = &stored.record.body else {
        return Ok(Err(format!(
            "Запись №{n} — не человек: объединить рассказ можно только с записью из раздела «Люди»."
        )));
    };
    let rows = differences(person, &s.content.hero, &s.content.consent)
        .into_iter()
        .map(|d| DiffRow {
            code: d.field.code(),
            label: d.field.label_ru(),
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
pub(crate) fn ban_reason(field: &str) -> &'static str {
    match MergeField::from_code(field) {
        Some(MergeField::Birth | MergeField::Death) => "семья запретила публиковать даты",
        _ => "",
    }
}

// ---------------------------------------------------------------------------------------------
// Files

/// `GET /studio/submissions/{id}/files/{file_id}`: a file of the submission, to moderators
/// only, never cached (it is not public until published).
pub async fn file(
    State(app): State<App>,
    staff: Staff,
    Path((id, file_id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    staff.require(Permission::Review)?;
    submission(&app, id).await?;
    let files = app.contributions_call(move |c| c.files(id)).await?;
    let f = files
        .into_iter()
        .find(|f| f.id == file_id)
        .ok_or(AppError::NotFound)?;
    crate::contributions::files::serve(&app, &f, false).await
}
