//! Question guides (опросники): reusable lists of questions by theme. Editing a guide adds a
//! version and never changes an old one, so a project shows the very questions its interview
//! used. Everyone in the studio reads them; experts, group leads and coordinators (those who
//! review, [`Permission::Review`]) write them.

use super::{Errors, Input, text};
use crate::App;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use crate::studio::form::Submitted;
use crate::studio::{Frame, Staff, render, see_other, when};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use letopis_core::account::Permission;
use letopis_store::oral::{GuideText, GuideVersion};
use serde::Deserialize;

/// The guides a base starts with (`seed/guides.ru.txt`), built into the binary.
pub const SEED: &str = include_str!("../../../seed/guides.ru.txt");

/// The author of the starting guides.
const SEED_AUTHOR: &str = "Летопись (начальный набор)";

const MAX_QUESTIONS: usize = 200;

/// Guides in the seed's layout: `## Title`, lines of description, then `- question` lines;
/// lines starting with a single `#` are comments.
pub fn parse(text: &str) -> Vec<GuideText> {
    let mut guides: Vec<GuideText> = Vec::new();
    for line in text.lines().map(str::trim) {
        if let Some(title) = line.strip_prefix("## ") {
            guides.push(GuideText {
                title: title.trim().to_string(),
                about: String::new(),
                questions: Vec::new(),
            });
        } else if line.starts_with('#') || line.is_empty() {
            continue;
        } else if let Some(guide) = guides.last_mut() {
            match line.strip_prefix("- ") {
                Some(q) => guide.questions.push(q.trim().to_string()),
                None if guide.about.is_empty() => guide.about = line.to_string(),
                None => {
                    guide.about.push(' ');
                    guide.about.push_str(line);
                }
            }
        }
    }
    guides
}

/// Loads the starting guides into a base that has none.
pub async fn ensure_seeded(app: &App) -> Result<Vec<GuideVersion>, AppError> {
    app.oral_call(|o| {
        let list = o.guides()?;
        if !list.is_empty() {
            return Ok(list);
        }
        o.seed_guides(&parse(SEED), SEED_AUTHOR)?;
        o.guides()
    })
    .await
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Done {
    done: String,
}

#[derive(Template)]
#[template(path = "studio/oral/guides.html")]
struct ListPage {
    frame: Frame,
    guides: Vec<GuideVersion>,
    can_edit: bool,
}

pub async fn list(
    State(app): State<App>,
    staff: Staff,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    let guides = ensure_seeded(&app).await?;
    render(&ListPage {
        frame: Frame::new(
            &staff,
            staff.t.msg("studio-oral-guides-title"),
            "/studio/guides",
        )
        .with_notice(Some(&q.done)),
        guides,
        can_edit: staff.may(Permission::Review),
    })
}

/// A guide's text as typed.
#[derive(Clone, Default)]
struct Typed {
    title: String,
    about: String,
    questions: String,
}

impl Typed {
    fn read(form: &Submitted<'_>) -> Typed {
        Typed {
            title: text(form, "title", 400),
            about: text(form, "about", 4000),
            questions: text(form, "questions", 200_000),
        }
    }

    fn of(v: &GuideVersion) -> Typed {
        Typed {
            title: v.title.clone(),
            about: v.about.clone(),
            questions: v.questions.join("\n"),
        }
    }

    fn inputs(&self, t: &Tr, errors: &Errors) -> Vec<Input> {
        vec![
            Input::new(
                "title",
                t.msg("studio-oral-guide-theme"),
                t.msg("studio-oral-guide-theme-hint"),
            )
            .filled(&self.title, errors),
            Input::new(
                "about",
                t.msg("studio-oral-guide-about"),
                t.msg("studio-oral-guide-about-hint"),
            )
            .area(3)
            .filled(&self.about, errors),
            Input::new(
                "questions",
                t.msg("studio-oral-guide-questions"),
                t.msg("studio-oral-guide-questions-hint"),
            )
            .area(12)
            .filled(&self.questions, errors),
        ]
    }

    fn check(&self, t: &Tr, errors: &mut Errors) -> Option<GuideText> {
        if self.title.is_empty() {
            errors.add("title", t.msg("studio-oral-error-guide-title"));
        } else if self.title.chars().count() > 200 {
            errors.add("title", t.msg("studio-oral-error-guide-title-long"));
        }
        if self.about.chars().count() > 2000 {
            errors.add("about", t.msg("studio-oral-error-guide-about-long"));
        }
        let questions: Vec<String> = self
            .questions
            .lines()
            .map(|l| l.trim().trim_start_matches("- ").trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        if questions.is_empty() {
            errors.add("questions", t.msg("studio-oral-error-guide-no-questions"));
        } else if questions.len() > MAX_QUESTIONS {
            errors.add(
                "questions",
                t.args(
                    "studio-oral-error-guide-too-many",
                    &[("max", MAX_QUESTIONS.to_string().into())],
                ),
            );
        } else if questions.iter().any(|q| q.chars().count() > 1000) {
            errors.add("questions", t.msg("studio-oral-error-guide-question-long"));
        }
        errors.is_empty().then(|| GuideText {
            title: self.title.clone(),
            about: self.about.clone(),
            questions,
        })
    }
}

#[derive(Template)]
#[template(path = "studio/oral/guide_new.html")]
struct NewPage {
    frame: Frame,
    inputs: Vec<Input>,
    errors: Vec<(String, String)>,
}

fn new_page(staff: &Staff, typed: &Typed, errors: &Errors) -> Result<Response, AppError> {
    let mut response = render(&NewPage {
        frame: Frame::new(
            staff,
            staff.t.msg("studio-oral-guide-new"),
            "/studio/guides",
        ),
        inputs: typed.inputs(&staff.t, errors),
        errors: errors.list(),
    })?;
    if !errors.is_empty() {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

pub async fn new_form(staff: Staff) -> Result<Response, AppError> {
    staff.require(Permission::Review)?;
    new_page(&staff, &Typed::default(), &Errors::default())
}

pub async fn create(
    State(app): State<App>,
    staff: Staff,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    staff.require(Permission::Review)?;
    let typed = Typed::read(&form);
    let mut errors = Errors::default();
    let Some(guide) = typed.check(&staff.t, &mut errors) else {
        return new_page(&staff, &typed, &errors);
    };
    let by = super::by(&staff);
    let id = app.oral_call(move |o| o.create_guide(&guide, &by)).await?;
    Ok(see_other(&format!("/studio/guides/{id}?done=guide")))
}

#[derive(Template)]
#[template(path = "studio/oral/guide.html")]
struct GuidePage {
    frame: Frame,
    guide_id: i64,
    shown: GuideView,
    /// The newest version: the edit form is shown only there.
    current: bool,
    versions: Vec<(i64, String, String)>,
    can_edit: bool,
    inputs: Vec<Input>,
    errors: Vec<(String, String)>,
}

struct GuideView {
    version: i64,
    about: String,
    questions: Vec<String>,
    author: String,
    at: String,
}

impl GuideView {
    fn of(t: &Tr, v: &GuideVersion) -> GuideView {
        GuideView {
            version: v.version,
            about: v.about.clone(),
            questions: v.questions.clone(),
            author: v.author.clone(),
            at: when(t, v.at),
        }
    }
}

async fn guide_page(
    app: &App,
    staff: &Staff,
    guide_id: i64,
    version: Option<i64>,
    typed: Option<&Typed>,
    errors: &Errors,
    notice: Option<&str>,
) -> Result<Response, AppError> {
    let versions = app
        .oral_call(move |o| o.guide_versions(letopis_core::GuideId(guide_id)))
        .await?;
    let newest = versions.first().ok_or(AppError::NotFound)?;
    let shown = match version {
        Some(n) => versions
            .iter()
            .find(|v| v.version == n)
            .ok_or(AppError::NotFound)?,
        None => newest,
    };
    let current = shown.version == newest.version;
    let typed = typed.cloned().unwrap_or_else(|| Typed::of(newest));
    let title = if current {
        shown.title.clone()
    } else {
        staff.t.args(
            "studio-oral-guide-old-title",
            &[
                ("title", shown.title.as_str().into()),
                ("version", shown.version.to_string().into()),
            ],
        )
    };
    let mut response = render(&GuidePage {
        frame: Frame::new(staff, title, "/studio/guides").with_notice(notice),
        guide_id,
        shown: GuideView::of(&staff.t, shown),
        current,
        versions: versions
            .iter()
            .map(|v| (v.version, v.author.clone(), when(&staff.t, v.at)))
            .collect(),
        can_edit: staff.may(Permission::Review),
        inputs: typed.inputs(&staff.t, errors),
        errors: errors.list(),
    })?;
    if !errors.is_empty() {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

pub async fn page(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    guide_page(
        &app,
        &staff,
        id,
        None,
        None,
        &Errors::default(),
        Some(&q.done),
    )
    .await
}

pub async fn version(
    State(app): State<App>,
    staff: Staff,
    Path((id, version)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    guide_page(
        &app,
        &staff,
        id,
        Some(version),
        None,
        &Errors::default(),
        None,
    )
    .await
}

/// Saves an edit as the guide's next version; an edit that changes nothing adds none.
pub async fn revise(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    staff.require(Permission::Review)?;
    let typed = Typed::read(&form);
    let mut errors = Errors::default();
    let Some(text) = typed.check(&staff.t, &mut errors) else {
        return guide_page(&app, &staff, id, None, Some(&typed), &errors, None).await;
    };
    let versions = app
        .oral_call(move |o| o.guide_versions(letopis_core::GuideId(id)))
        .await?;
    let newest = versions.first().ok_or(AppError::NotFound)?;
    if newest.title == text.title
        && newest.about == text.about
        && newest.questions == text.questions
    {
        return Ok(see_other(&format!("/studio/guides/{id}?done=unchanged")));
    }
    let by = super::by(&staff);
    app.oral_call(move |o| o.revise_guide(letopis_core::GuideId(id), &text, &by))
        .await?;
    Ok(see_other(&format!("/studio/guides/{id}?done=guide")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_holds_six_guides_with_questions() {
        let guides = parse(SEED);
        let titles: Vec<&str> = guides.iter().map(|g| g.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Детство в войну",
                "Эвакуация",
                "Фронт",
                "Завод",
                "Оборона Москвы",
                "Победа"
            ]
        );
        for g in &guides {
            assert!(g.questions.len() >= 5, "{}: {:?}", g.title, g.questions);
            assert!(!g.about.is_empty(), "{}", g.title);
            assert!(g.questions.iter().all(|q| q.ends_with('?')), "{}", g.title);
        }
    }
}
