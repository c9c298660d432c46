//! Venues in the micro-districts (roadmap item 8, issue #18): the libraries, schools,
//! territorial offices, museums and houses of culture that promote the project, with who is
//! responsible there, how to reach them, and a log of what each did. Kept by the council's people
//! (`Permission::Council`: coordinators, group leads, administrators); every change is audited.
//! The public district pages show a venue's name, kind and address, never its contact.

use super::form::Submitted;
use super::{Frame, Staff, render, see_other, when};
use crate::App;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::civil::Date;
use letopis_core::Invalid;
use letopis_core::account::Permission;
use letopis_core::district::{Venue, VenueActivity, VenueKind};
use letopis_store::venues::{StoredVenue, StoredVenueActivity};
use serde::Deserialize;

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Done {
    done: String,
}

/// The form's values as typed, so a refused form comes back whole.
#[derive(Debug, Clone, Default)]
struct VenueForm {
    name: String,
    kind: String,
    district: String,
    address: String,
    responsible: String,
    contact: String,
}

impl VenueForm {
    fn of(v: &Venue) -> VenueForm {
        VenueForm {
            name: v.name.clone(),
            kind: v.kind.code().into(),
            district: v.district.clone(),
            address: v.address.clone(),
            responsible: v.responsible.clone(),
            contact: v.contact.clone(),
        }
    }

    fn read(form: &Submitted<'_>) -> VenueForm {
        let take = |k: &str| form.get(k).chars().take(2_000).collect::<String>();
        VenueForm {
            name: take("name"),
            kind: take("kind"),
            district: take("district"),
            address: take("address"),
            responsible: take("responsible"),
            contact: take("contact"),
        }
    }

    /// The venue, or what is wrong with the form, in the person's language where the studio
    /// words it (the rules' own words are Russian, as everywhere in the studio).
    fn venue(&self, t: &Tr) -> Result<Venue, Vec<String>> {
        let Some(kind) = VenueKind::from_code(self.kind.trim()) else {
            return Err(vec![t.msg("studio-venues-error-kind")]);
        };
        let venue = Venue {
            name: self.name.trim().into(),
            kind,
            district: self.district.trim().into(),
            address: self.address.trim().into(),
            responsible: self.responsible.trim().into(),
            contact: self.contact.trim().into(),
        };
        venue.validate().map_err(problems)?;
        Ok(venue)
    }
}

fn problems(invalid: Invalid) -> Vec<String> {
    invalid.problems.into_iter().map(|p| p.message).collect()
}

struct Row {
    venue: StoredVenue,
    kind: String,
    /// Activities logged and people who came, in all.
    activities: usize,
    people: u64,
}

#[derive(Template)]
#[template(path = "studio/venues.html")]
struct VenuesPage {
    frame: Frame,
    rows: Vec<Row>,
    kinds: Vec<(&'static str, String)>,
    /// The districts the places name, for the form's suggestions.
    districts: Vec<String>,
    form: VenueForm,
    errors: Vec<String>,
}

#[derive(Template)]
#[template(path = "studio/venue.html")]
struct VenuePage {
    frame: Frame,
    id: i64,
    public_href: String,
    kinds: Vec<(&'static str, String)>,
    districts: Vec<String>,
    form: VenueForm,
    errors: Vec<String>,
    log: Vec<(StoredVenueActivity, String)>,
    /// The activity form as typed (day, what, people) and what was wrong with it.
    activity: (String, String, String),
    activity_errors: Vec<String>,
    today: Date,
}

fn kinds(t: &Tr) -> Vec<(&'static str, String)> {
    VenueKind::ALL
        .into_iter()
        .map(|k| (k.code(), t.msg(&format!("venue-kind-{}", k.code()))))
        .collect()
}

async fn districts(app: &App, staff: &Staff) -> Result<Vec<String>, AppError> {
    let list = app
        .read_studio(staff.viewer.clone(), crate::districts::all)
        .await?;
    Ok(list.into_iter().map(|d| d.name).collect())
}

fn with_status(response: Result<Response, AppError>, bad: bool) -> Result<Response, AppError> {
    let mut response = response?;
    if bad {
        *response.status_mut() = StatusCode::BAD_REQUEST;
    }
    Ok(response)
}

async fn list(
    app: &App,
    staff: &Staff,
    notice: Option<&str>,
    form: VenueForm,
    errors: Vec<String>,
) -> Result<Response, AppError> {
    let t = &staff.t;
    let (venues, logs) = app
        .accounts_call(|a| {
            let venues = a.venues()?;
            let mut logs = Vec::new();
            for v in &venues {
                logs.push(a.venue_activities(v.id)?);
            }
            Ok((venues, logs))
        })
        .await?;
    let rows = venues
        .into_iter()
        .zip(logs)
        .map(|(venue, log)| Row {
            kind: t.msg(&format!("venue-kind-{}", venue.venue.kind.code())),
            activities: log.len(),
            people: log.iter().map(|a| u64::from(a.activity.people)).sum(),
            venue,
        })
        .collect();
    let bad = !errors.is_empty();
    with_status(
        render(&VenuesPage {
            frame: Frame::new(staff, t.msg("studio-venues-title"), "/studio/venues")
                .with_notice(notice),
            rows,
            kinds: kinds(t),
            districts: districts(app, staff).await?,
            form,
            errors,
        }),
        bad,
    )
}

pub async fn page(
    State(app): State<App>,
    staff: Staff,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    staff.require(Permission::Council)?;
    list(
        &app,
        &staff,
        Some(&q.done),
        VenueForm::default(),
        Vec::new(),
    )
    .await
}

/// `POST /studio/venues`: a new venue.
pub async fn create(
    State(app): State<App>,
    staff: Staff,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    staff.require(Permission::Council)?;
    let typed = VenueForm::read(&form);
    let venue = match typed.venue(&staff.t) {
        Ok(v) => v,
        Err(errors) => return list(&app, &staff, None, typed, errors).await,
    };
    let detail = format!("площадка «{}» ({})", venue.name, venue.district);
    let id = app
        .accounts_call(move |a| a.create_venue(&venue, jiff::Timestamp::now()))
        .await?;
    app.audit(staff.audit("venue", Some(format!("venue:{id}")), detail))
        .await;
    Ok(see_other(&format!(
        "/studio/venues/{id}?done=venue-created"
    )))
}

async fn one(app: &App, id: i64) -> Result<StoredVenue, AppError> {
    app.accounts_call(move |a| a.venue(id))
        .await?
        .ok_or(AppError::NotFound)
}

struct Typed {
    form: Option<VenueForm>,
    errors: Vec<String>,
    activity: (String, String, String),
    activity_errors: Vec<String>,
}

async fn show(
    app: &App,
    staff: &Staff,
    venue: StoredVenue,
    notice: Option<&str>,
    typed: Typed,
) -> Result<Response, AppError> {
    let t = &staff.t;
    let id = venue.id;
    let log = app
        .accounts_call(move |a| a.venue_activities(id))
        .await?
        .into_iter()
        .map(|a| {
            let at = when(t, a.at);
            (a, at)
        })
        .collect();
    let bad = !typed.errors.is_empty() || !typed.activity_errors.is_empty();
    let public_href = format!(
        "/districts/{}",
        letopis_core::district::slug(&venue.venue.district)
    );
    with_status(
        render(&VenuePage {
            frame: Frame::new(staff, venue.venue.name.clone(), "/studio/venues")
                .with_notice(notice),
            id,
            public_href,
            kinds: kinds(t),
            districts: districts(app, staff).await?,
            form: typed.form.unwrap_or_else(|| VenueForm::of(&venue.venue)),
            errors: typed.errors,
            log,
            activity: typed.activity,
            activity_errors: typed.activity_errors,
            today: letopis_core::today(),
        }),
        bad,
    )
}

fn untyped() -> Typed {
    Typed {
        form: None,
        errors: Vec::new(),
        activity: Default::default(),
        activity_errors: Vec::new(),
    }
}

pub async fn venue(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    staff.require(Permission::Council)?;
    let venue = one(&app, id).await?;
    show(&app, &staff, venue, Some(&q.done), untyped()).await
}

/// `POST /studio/venues/{id}`: the venue's details changed.
pub async fn save(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    staff.require(Permission::Council)?;
    let stored = one(&app, id).await?;
    let typed = VenueForm::read(&form);
    let venue = match typed.venue(&staff.t) {
        Ok(v) => v,
        Err(errors) => {
            let typed = Typed {
                form: Some(typed),
                errors,
                ..untyped()
            };
            return show(&app, &staff, stored, None, typed).await;
        }
    };
    let detail = format!("площадка «{}» ({}) изменена", venue.name, venue.district);
    app.accounts_call(move |a| a.save_venue(id, &venue, jiff::Timestamp::now()))
        .await?;
    app.audit(staff.audit("venue", Some(format!("venue:{id}")), detail))
        .await;
    Ok(see_other(&format!("/studio/venues/{id}?done=venue-saved")))
}

/// `POST /studio/venues/{id}/activities`: what the venue did, on which day, for how many.
pub async fn add_activity(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    staff.require(Permission::Council)?;
    let stored = one(&app, id).await?;
    let typed = (
        form.get("on").trim().chars().take(20).collect::<String>(),
        form.get("what").chars().take(4_000).collect::<String>(),
        form.get("people")
            .trim()
            .chars()
            .take(20)
            .collect::<String>(),
    );
    let t = &staff.t;
    let mut errors = Vec::new();
    let on = typed.0.parse::<Date>().ok();
    if on.is_none() {
        errors.push(t.msg("studio-venues-error-date"));
    }
    let people = if typed.2.is_empty() {
        Some(0)
    } else {
        typed.2.parse::<u32>().ok()
    };
    if people.is_none() {
        errors.push(t.msg("studio-venues-error-people"));
    }
    let activity = match (on, people) {
        (Some(on), Some(people)) => {
            let a = VenueActivity {
                on,
                what: typed.1.trim().into(),
                people,
            };
            match a.validate(letopis_core::today()) {
                Ok(()) => Some(a),
                Err(invalid) => {
                    errors.extend(problems(invalid));
                    None
                }
            }
        }
        _ => None,
    };
    let Some(activity) = activity else {
        let typed = Typed {
            activity: typed,
            activity_errors: errors,
            ..untyped()
        };
        return show(&app, &staff, stored, None, typed).await;
    };
    let detail = format!(
        "площадка «{}»: {} — {} (людей: {})",
        stored.venue.name, activity.on, activity.what, activity.people
    );
    let author = staff.user.display_name.clone();
    // Checked above against the museum's today; the store's own check allows as much.
    app.accounts_call(move |a| {
        a.add_venue_activity(id, &activity, &author, jiff::Timestamp::now())
    })
    .await?;
    app.audit(staff.audit("venue", Some(format!("venue:{id}")), detail))
        .await;
    Ok(see_other(&format!(
        "/studio/venues/{id}?done=venue-activity#log"
    )))
}

/// `POST /studio/venues/{id}/delete`: the venue and its log go.
pub async fn delete(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    staff.require(Permission::Council)?;
    let stored = one(&app, id).await?;
    app.accounts_call(move |a| a.delete_venue(id)).await?;
    app.audit(staff.audit(
        "venue",
        Some(format!("venue:{id}")),
        format!("площадка «{}» удалена", stored.venue.name),
    ))
    .await;
    Ok(see_other("/studio/venues?done=venue-deleted"))
}

/// What the venues of each micro-district did in one quarter, for the council's page.
pub struct CouncilVenueRow {
    pub district: String,
    pub venue: String,
    pub kind: String,
    pub activities: u64,
    pub people: u64,
}

/// Every venue, by district, with its activities and people in `quarter` (zero when none):
/// the council sees which micro-districts have venues and which were quiet.
pub async fn council_rows(
    app: &App,
    t: &Tr,
    quarter: &str,
) -> Result<Vec<CouncilVenueRow>, AppError> {
    let (venues, quarters) = app
        .accounts_call(|a| Ok((a.venues()?, a.venue_quarters()?)))
        .await?;
    Ok(venues
        .into_iter()
        .map(|v| {
            let q = quarters
                .iter()
                .find(|q| q.venue == v.id && q.quarter == quarter);
            CouncilVenueRow {
                kind: t.msg(&format!("venue-kind-{}", v.venue.kind.code())),
                district: v.venue.district,
                venue: v.venue.name,
                activities: q.map_or(0, |q| q.activities),
                people: q.map_or(0, |q| q.people),
            }
        })
        .collect())
}

/// The micro-districts the places name that have no venue yet, joined for a sentence.
pub async fn districts_without(
    app: &App,
    staff: &Staff,
    rows: &[CouncilVenueRow],
) -> Result<String, AppError> {
    let have: Vec<String> = rows
        .iter()
        .map(|r| letopis_core::district::slug(&r.district))
        .collect();
    Ok(districts(app, staff)
        .await?
        .into_iter()
        .filter(|d| !have.contains(&letopis_core::district::slug(d)))
        .collect::<Vec<_>>()
        .join(", "))
}
