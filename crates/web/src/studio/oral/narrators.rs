//! The register of narrators (рассказчики): who they are, their public profile in the base (a
//! Person record, once there is one) and their projects. Private data — address, phone, e-mail,
//! a carer's contact, health, preferred times, language — is shown only on its own page, to
//! coordinators and to the interviewer and psychologist of one of the narrator's projects; every
//! view is logged, and everyone else gets 403 with no hint of what is there.

use super::{
    Errors, Input, Options, category_label, may_see_narrator, stage_label, standing, text,
};
use crate::App;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use crate::studio::edit::load;
use crate::studio::form::{Submitted, parse_record_number};
use crate::studio::{Frame, Staff, render, see_other, when};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use letopis_core::Kind;
use letopis_core::account::{Email, Permission};
use letopis_core::oral::NarratorCategory;
use letopis_store::oral::{Narrator, NarratorFields, PrivateContacts, Project};
use serde::Deserialize;

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Done {
    done: String,
}

// ---------------------------------------------------------------------------------------------
// The register

#[derive(Template)]
#[template(path = "studio/oral/narrators.html")]
struct ListPage {
    frame: Frame,
    rows: Vec<Row>,
    can_add: bool,
}

struct Row {
    id: i64,
    name: String,
    category: String,
    person: Option<i64>,
    projects: usize,
}

pub async fn list(
    State(app): State<App>,
    staff: Staff,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    let (narrators, projects) = app
        .oral_call(|o| Ok((o.narrators()?, o.projects()?)))
        .await?;
    let rows = narrators
        .into_iter()
        .filter(|n| may_see_narrator(&staff, n.id.0, &projects))
        .map(|n| Row {
            projects: projects
                .iter()
                .filter(|p| p.narrator_id == n.id && standing(&staff, p).is_some())
                .count(),
            id: n.id.0,
            category: category_label(&staff.t, n.category),
            person: n.person.map(|p| p.0),
            name: n.name,
        })
        .collect();
    render(&ListPage {
        frame: Frame::new(
            &staff,
            staff.t.msg("studio-oral-narrators-title"),
            "/studio/narrators",
        )
        .with_notice(Some(&q.done)),
        rows,
        can_add: staff.may(Permission::CoordinateInterviews),
    })
}

// ---------------------------------------------------------------------------------------------
// The forms

/// The register's fields as typed.
#[derive(Default, Clone)]
struct PublicForm {
    name: String,
    category: String,
    person: String,
}

impl PublicForm {
    fn read(form: &Submitted<'_>) -> PublicForm {
        PublicForm {
            name: text(form, "name", 300),
            category: text(form, "category", 50),
            person: text(form, "person", 100),
        }
    }

    fn of(n: &Narrator) -> PublicForm {
        PublicForm {
            name: n.name.clone(),
            category: n.category.code().into(),
            person: n.person.map(|p| p.0.to_string()).unwrap_or_default(),
        }
    }

    fn inputs(&self, t: &Tr, errors: &Errors) -> Vec<Input> {
        vec![
            Input::new(
                "name",
                t.msg("studio-oral-narrator-name"),
                t.msg("studio-oral-narrator-name-hint"),
            )
            .filled(&self.name, errors),
            Input::new(
                "person",
                t.msg("studio-oral-narrator-person"),
                t.msg("studio-oral-narrator-person-hint"),
            )
            .filled(&self.person, errors),
        ]
    }

    fn categories(&self, t: &Tr) -> Options {
        let mut options = vec![(
            String::new(),
            t.msg("studio-oral-choose"),
            self.category.is_empty(),
        )];
        options.extend(NarratorCategory::ALL.iter().map(|c| {
            (
                c.code().to_string(),
                category_label(t, *c),
                c.code() == self.category,
            )
        }));
        options
    }

    /// The fields, or what is wrong with them. The linked record must be a Person the editor
    /// may see.
    async fn check(
        &self,
        app: &App,
        staff: &Staff,
        errors: &mut Errors,
    ) -> Result<Option<NarratorFields>, AppError> {
        let t = &staff.t;
        if self.name.is_empty() {
            errors.add("name", t.msg("studio-oral-error-narrator-name"));
        } else if self.name.chars().count() > 200 {
            errors.add("name", t.msg("studio-oral-error-narrator-name-long"));
        }
        let category = NarratorCategory::from_code(&self.category);
        if category.is_none() {
            errors.add("category", t.msg("studio-oral-error-category"));
        }
        let person = if self.person.is_empty() {
            None
        } else {
            match parse_record_number(&self.person) {
                None => {
                    errors.add("person", t.msg("studio-oral-error-person-number"));
                    None
                }
                Some(n) => match load(app, staff, n).await {
                    Ok(r) if r.record.kind() == Kind::Person => Some(r.record.id()),
                    Ok(_) => {
                        errors.add(
                            "person",
                            t.args(
                                "studio-oral-error-not-person",
                                &[("number", n.to_string().into())],
                            ),
                        );
                        None
                    }
                    Err(AppError::NotFound) => {
                        errors.add(
                            "person",
                            t.args(
                                "studio-oral-error-no-record",
                                &[("number", n.to_string().into())],
                            ),
                        );
                        None
                    }
                    Err(e) => return Err(e),
                },
            }
        };
        Ok(match (errors.is_empty(), category) {
            (true, Some(category)) => Some(NarratorFields {
                name: self.name.clone(),
                category,
                person,
            }),
            _ => None,
        })
    }
}

/// The private data as typed.
#[derive(Clone)]
struct PrivateForm(PrivateContacts);

impl PrivateForm {
    fn read(form: &Submitted<'_>) -> PrivateForm {
        PrivateForm(PrivateContacts {
            address: text(form, "address", 600),
            phone: text(form, "phone", 100),
            email: text(form, "email", 300),
            carer: text(form, "carer", 600),
            health: text(form, "health", 3000),
            preferred_times: text(form, "preferred_times", 400),
            language: text(form, "language", 200),
        })
    }

    fn inputs(&self, t: &Tr, errors: &Errors) -> Vec<Input> {
        let p = &self.0;
        // Every private field has a label and a hint (empty where none is needed).
        let input = |key: &'static str| {
            let message = format!("studio-oral-private-{}", key.replace('_', "-"));
            let hint = t.msg(&format!("{message}-hint"));
            Input::new(key, t.msg(&message), hint)
        };
        vec![
            input("address").filled(&p.address, errors),
            input("phone").filled(&p.phone, errors),
            input("email").filled(&p.email, errors),
            input("carer").filled(&p.carer, errors),
            input("health").area(3).filled(&p.health, errors),
            input("preferred_times").filled(&p.preferred_times, errors),
            input("language").filled(&p.language, errors),
        ]
    }

    fn check(self, t: &Tr, errors: &mut Errors) -> Option<PrivateContacts> {
        let mut p = self.0;
        let too_long = |value: &str, max: usize| value.chars().count() > max;
        if too_long(&p.address, 500) {
            errors.add("address", t.msg("studio-oral-error-address-long"));
        }
        if !p.phone.is_empty() {
            let allowed = p
                .phone
                .chars()
                .all(|c| c.is_ascii_digit() || " +-()".contains(c));
            let digits = p.phone.chars().filter(char::is_ascii_digit).count();
            if !allowed || !(5..=20).contains(&digits) {
                errors.add("phone", t.msg("studio-oral-error-phone"));
            }
        }
        if !p.email.is_empty() {
            // Core's only refusal of an address is that it does not look like one.
            match Email::parse(&p.email) {
                Ok(e) => p.email = e.to_string(),
                Err(_) => errors.add("email", t.msg("studio-oral-error-email")),
            }
        }
        let long = |max: usize| t.count("studio-oral-error-too-long", max as u64);
        if too_long(&p.carer, 500) {
            errors.add("carer", long(500));
        }
        if too_long(&p.health, 2000) {
            errors.add("health", t.msg("studio-oral-error-health-long"));
        }
        if too_long(&p.preferred_times, 300) {
            errors.add("preferred_times", long(300));
        }
        if too_long(&p.language, 100) {
            errors.add("language", long(100));
        }
        errors.is_empty().then_some(p)
    }
}

// ---------------------------------------------------------------------------------------------
// A new narrator

#[derive(Template)]
#[template(path = "studio/oral/narrator_new.html")]
struct NewPage {
    frame: Frame,
    public: Vec<Input>,
    categories: Options,
    category_error: String,
    private: Vec<Input>,
    errors: Vec<(String, String)>,
}

fn new_page(
    staff: &Staff,
    public: &PublicForm,
    private: &PrivateForm,
    errors: &Errors,
) -> Result<Response, AppError> {
    let t = &staff.t;
    let mut response = render(&NewPage {
        frame: Frame::new(
            staff,
            t.msg("studio-oral-narrator-new"),
            "/studio/narrators",
        ),
        public: public.inputs(t, errors),
        categories: public.categories(t),
        category_error: errors.get("category"),
        private: private.inputs(t, errors),
        errors: errors.list(),
    })?;
    if !errors.is_empty() {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

pub async fn new_form(staff: Staff) -> Result<Response, AppError> {
    staff.require(Permission::CoordinateInterviews)?;
    let private = PrivateForm(PrivateContacts {
        language: staff.t.msg("studio-oral-private-language-default"),
        ..PrivateContacts::default()
    });
    new_page(&staff, &PublicForm::default(), &private, &Errors::default())
}

pub async fn create(
    State(app): State<App>,
    staff: Staff,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    staff.require(Permission::CoordinateInterviews)?;
    let public = PublicForm::read(&form);
    let mut errors = Errors::default();
    let fields = public.check(&app, &staff, &mut errors).await?;
    let private = PrivateForm::read(&form);
    let contacts = private.clone().check(&staff.t, &mut errors);
    let (Some(fields), Some(contacts)) = (fields, contacts) else {
        return new_page(&staff, &public, &private, &errors);
    };
    let id = app
        .oral_call(move |o| o.create_narrator(&fields, &contacts))
        .await?;
    app.audit(staff.audit(
        "private_changed",
        Some(format!("narrator:{id}")),
        "рассказчик добавлен вместе с закрытыми данными",
    ))
    .await;
    Ok(see_other(&format!("/studio/narrators/{id}?done=narrator")))
}

// ---------------------------------------------------------------------------------------------
// A narrator's card

#[derive(Template)]
#[template(path = "studio/oral/narrator.html")]
struct CardPage {
    frame: Frame,
    id: i64,
    name: String,
    category: String,
    person: Option<i64>,
    updated: String,
    projects: Vec<ProjectLine>,
    /// Coordinators change the register and plan interviews.
    can_coordinate: bool,
    public: Vec<Input>,
    categories: Options,
    category_error: String,
    errors: Vec<(String, String)>,
}

struct ProjectLine {
    id: i64,
    title: String,
    stage: String,
}

/// The narrator, if the person may see them: 403 for anyone else, whether or not the narrator
/// exists, so an id says nothing to someone who may not see it.
async fn visible(app: &App, staff: &Staff, id: i64) -> Result<(Narrator, Vec<Project>), AppError> {
    let (narrator, projects) = app
        .oral_call(move |o| Ok((o.narrator(letopis_core::NarratorId(id))?, o.projects()?)))
        .await?;
    if !may_see_narrator(staff, id, &projects) {
        return Err(AppError::Forbidden);
    }
    let narrator = narrator.ok_or(AppError::NotFound)?;
    Ok((narrator, projects))
}

async fn card_page(
    app: &App,
    staff: &Staff,
    id: i64,
    typed: Option<&PublicForm>,
    errors: &Errors,
    notice: Option<&str>,
) -> Result<Response, AppError> {
    let (n, projects) = visible(app, staff, id).await?;
    let public = typed.cloned().unwrap_or_else(|| PublicForm::of(&n));
    let mut response = render(&CardPage {
        frame: Frame::new(staff, n.name.clone(), "/studio/narrators").with_notice(notice),
        id,
        category: category_label(&staff.t, n.category),
        person: n.person.map(|p| p.0),
        updated: when(&staff.t, n.updated_at),
        projects: projects
            .iter()
            .filter(|p| {
                p.narrator_id == letopis_core::NarratorId(id) && standing(staff, p).is_some()
            })
            .map(|p| ProjectLine {
                id: p.id.0,
                title: p.title.clone(),
                stage: stage_label(&staff.t, p.stage),
            })
            .collect(),
        can_coordinate: staff.may(Permission::CoordinateInterviews),
        public: public.inputs(&staff.t, errors),
        categories: public.categories(&staff.t),
        category_error: errors.get("category"),
        errors: errors.list(),
        name: n.name,
    })?;
    if !errors.is_empty() {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

pub async fn card(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    card_page(&app, &staff, id, None, &Errors::default(), Some(&q.done)).await
}

pub async fn save(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    staff.require(Permission::CoordinateInterviews)?;
    let public = PublicForm::read(&form);
    let mut errors = Errors::default();
    let Some(fields) = public.check(&app, &staff, &mut errors).await? else {
        return card_page(&app, &staff, id, Some(&public), &errors, None).await;
    };
    app.oral_call(move |o| o.update_narrator(letopis_core::NarratorId(id), &fields))
        .await?;
    Ok(see_other(&format!("/studio/narrators/{id}?done=narrator")))
}

// ---------------------------------------------------------------------------------------------
// Private data

#[derive(Template)]
#[template(path = "studio/oral/private.html")]
struct PrivatePage {
    frame: Frame,
    id: i64,
    inputs: Vec<Input>,
    errors: Vec<(String, String)>,
}

/// «Ершова А. П.: закрытые данные».
fn private_title(t: &Tr, name: &str) -> String {
    t.args("studio-oral-private-title", &[("name", name.into())])
}

pub async fn private(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    // The check comes before the private row is read at all.
    let (n, _) = visible(&app, &staff, id).await?;
    let contacts = app
        .oral_call(move |o| o.private_contacts(letopis_core::NarratorId(id)))
        .await?
        .unwrap_or_default();
    app.audit(staff.audit(
        "view_private",
        Some(format!("narrator:{id}")),
        "закрытые данные рассказчика",
    ))
    .await;
    render(&PrivatePage {
        frame: Frame::new(
            &staff,
            private_title(&staff.t, &n.name),
            "/studio/narrators",
        ),
        id,
        inputs: PrivateForm(contacts).inputs(&staff.t, &Errors::default()),
        errors: Vec::new(),
    })
}

pub async fn save_private(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    let (n, _) = visible(&app, &staff, id).await?;
    let typed = PrivateForm::read(&form);
    let mut errors = Errors::default();
    let Some(contacts) = typed.clone().check(&staff.t, &mut errors) else {
        let mut response = render(&PrivatePage {
            frame: Frame::new(
                &staff,
                private_title(&staff.t, &n.name),
                "/studio/narrators",
            ),
            id,
            inputs: typed.inputs(&staff.t, &errors),
            errors: errors.list(),
        })?;
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(response);
    };
    app.oral_call(move |o| o.set_private_contacts(letopis_core::NarratorId(id), &contacts))
        .await?;
    app.audit(staff.audit(
        "private_changed",
        Some(format!("narrator:{id}")),
        "закрытые данные рассказчика изменены",
    ))
    .await;
    Ok(see_other(&format!("/studio/narrators/{id}?done=private")))
}
