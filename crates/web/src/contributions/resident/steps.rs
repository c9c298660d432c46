//! The five steps of the form: each a page of its own that saves what was typed.

use super::*;

/// One step in the progress line.
pub(crate) struct StepLink {
    pub code: &'static str,
    pub number: usize,
    pub label: String,
    pub current: bool,
}

pub(crate) struct Choice {
    pub code: &'static str,
    pub label: String,
    pub hint: String,
    pub checked: bool,
}

/// A problem shown at the top of the form and beside its field.
pub(crate) struct Problem {
    pub field: &'static str,
    pub text: String,
}

pub(crate) struct FileView {
    pub id: i64,
    pub href: String,
    pub thumb: Option<String>,
    pub caption: String,
    pub date: String,
}

#[derive(Template)]
#[template(path = "contributions/step.html")]
pub(super) struct StepPage {
    layout: Layout,
    t: Tr,
    base: String,
    step: &'static str,
    /// «Шаг 2 из 5: История».
    heading: String,
    steps: Vec<StepLink>,
    c: Contribution,
    problems: Vec<Problem>,
    fates: Vec<Choice>,
    alive: Vec<Choice>,
    relationships: Vec<Choice>,
    bases: Vec<Choice>,
    files: Vec<FileView>,
    max_files: usize,
    file_error: Option<String>,
    about: Option<(String, String)>,
}

impl StepPage {
    fn on_a_step(&self) -> bool {
        true
    }

    fn problem(&self, field: &str) -> Option<&str> {
        self.problems
            .iter()
            .find(|p| p.field == field)
            .map(|p| p.text.as_str())
    }
}

pub(super) fn step_label(t: &Tr, step: Step) -> String {
    t.msg(&format!("contributions-step-{}", step.code()))
}

pub(super) fn steps(t: &Tr, current: Option<Step>) -> Vec<StepLink> {
    Step::ALL
        .into_iter()
        .map(|s| StepLink {
            code: s.code(),
            number: s.number(),
            label: step_label(t, s),
            current: Some(s) == current,
        })
        .collect()
}

/// The words for a lack, naming the field.
pub(crate) fn lack_text(t: &Tr, lack: &Lack) -> String {
    let key = format!("contributions-lack-{}", lack.code());
    match lack {
        Lack::BadDate { typed, field } => t.args(
            &key,
            &[
                ("typed", typed.clone().into()),
                (
                    "field",
                    t.msg(&format!("contributions-field-{field}")).into(),
                ),
            ],
        ),
        Lack::TooLong { field, max } => t.args(
            &key,
            &[
                (
                    "field",
                    t.msg(&format!("contributions-field-{field}")).into(),
                ),
                ("max", max.to_string().into()),
            ],
        ),
        _ => t.msg(&key),
    }
}

pub(super) fn file_views(token: &str, list: &[SubmissionFile]) -> Vec<FileView> {
    list.iter()
        .map(|f| {
            let href = format!("{}/files/{}", here(token), f.id);
            let pdf = f.mime == "application/pdf";
            FileView {
                id: f.id.0,
                thumb: (!pdf).then(|| format!("{href}?thumb=1")),
                href,
                caption: f.caption.clone(),
                date: f.date.clone(),
            }
        })
        .collect()
}

pub(super) fn choices(
    t: &Tr,
    c: &Contribution,
) -> (Vec<Choice>, Vec<Choice>, Vec<Choice>, Vec<Choice>) {
    let fates = Fate::ALL
        .into_iter()
        .map(|f| Choice {
            code: f.code(),
            label: t.label("fate", f),
            hint: String::new(),
            checked: c.hero.fate == Some(f),
        })
        .collect();
    let alive = [Alive::Deceased, Alive::Living]
        .into_iter()
        .map(|a| Choice {
            code: a.code(),
            label: t.msg(&format!("contributions-alive-{}", a.code())),
            hint: String::new(),
            checked: c.hero.alive == Some(a),
        })
        .collect();
    let relationships = Relationship::ALL
        .into_iter()
        .map(|r| Choice {
            code: r.code(),
            label: t.msg(&format!("contributions-relationship-{}", r.code())),
            hint: String::new(),
            checked: c.contributor.relationship == Some(r),
        })
        .collect();
    // Only the grounds that fit what the family said about the hero are offered.
    let bases = Basis::ALL
        .into_iter()
        .filter(|b| c.hero.alive.is_none_or(|a| b.fits(a)))
        .map(|b| Choice {
            code: b.code(),
            label: t.msg(&format!("contributions-basis-{}", b.code())),
            hint: t.msg(&format!("contributions-basis-{}-hint", b.code())),
            checked: c.consent.publication == Some(b),
        })
        .collect();
    (fates, alive, relationships, bases)
}

pub(super) async fn about_link(
    app: &App,
    viewer: &letopis_core::Viewer,
    s: &Submission,
) -> Result<Option<(String, String)>, AppError> {
    let Some(id) = s.about else { return Ok(None) };
    let record = app.read_now(viewer, |gate| gate.get(id))?;
    Ok(record.map(|r| {
        (
            r.record.title(),
            record_href(r.record.meta.kind, &r.record.meta.slug),
        )
    }))
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn render_step(
    app: &App,
    viewer: &letopis_core::Viewer,
    ctx: &PageContext,
    token: &str,
    s: &Submission,
    step: Step,
    problems: Vec<Problem>,
    file_error: Option<String>,
) -> Result<Html<String>, AppError> {
    let t = ctx.t;
    let id = s.id;
    let list = app.contributions_call(move |c| c.files(id)).await?;
    let (fates, alive, relationships, bases) = choices(&t, &s.content);
    let heading = format!(
        "{}: {}",
        t.args(
            "contributions-step-of",
            &[
                ("number", step.number().to_string().into()),
                ("total", Step::ALL.len().to_string().into()),
            ]
        ),
        step_label(&t, step)
    );
    let title = format!("{heading} — {}", t.msg("contributions-title"));
    let page = StepPage {
        layout: private_layout(ctx, app, title),
        base: here(token),
        step: step.code(),
        heading,
        steps: steps(&t, Some(step)),
        c: s.content.clone(),
        problems,
        fates,
        alive,
        relationships,
        bases,
        files: file_views(token, &list),
        max_files: MAX_FILES,
        file_error,
        about: about_link(app, viewer, s).await?,
        t,
    };
    render_html(&page)
}

pub(super) fn parse_step(code: &str) -> Result<Step, AppError> {
    Step::from_code(code).ok_or(AppError::NotFound)
}

/// A sent submission's steps lead to its status page: what was sent is not edited any more.
pub(super) fn still_draft(s: &Submission, token: &str) -> Option<Response> {
    (s.status != Status::Draft).then(|| see_other(here(token)))
}

pub(crate) async fn step_page(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
    Path((token, step)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let s = open(&app, &token).await?;
    if let Some(r) = still_draft(&s, &token) {
        return Ok(r);
    }
    let step = parse_step(&step)?;
    Ok(
        render_step(&app, &viewer, &ctx, &token, &s, step, Vec::new(), None)
            .await?
            .into_response(),
    )
}

pub(super) fn value<'a>(form: &'a [(String, String)], name: &str) -> &'a str {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

pub(super) fn ticked(form: &[(String, String)], name: &str) -> bool {
    !value(form, name).is_empty()
}

/// A date as families write it («1915», «12.03.1915», «около 1915»), as EDTF when it reads.
pub(super) fn date(typed: &str) -> Option<letopis_core::Edtf> {
    letopis_core::edtf::written::parse_date(typed)
        .ok()
        .flatten()
}

/// Takes one step's fields into the contribution. Fields of other steps stay as they were.
pub(super) fn take(c: &mut Contribution, step: Step, form: &[(String, String)]) {
    let text = |name: &str| value(form, name).trim().to_string();
    match step {
        Step::Hero => {
            let h = &mut c.hero;
            h.surname = text("surname");
            h.given = text("given");
            h.patronymic = text("patronymic");
            h.birth_typed = text("birth");
            h.birth = date(&h.birth_typed);
            h.death_typed = text("death");
            h.death = date(&h.death_typed);
            h.alive = Alive::from_code(value(form, "alive"));
            h.fate = Fate::from_code(value(form, "fate"));
            h.birth_place = text("birth_place");
            h.rank = text("rank");
            h.unit = text("unit");
            h.work = text("work");
            h.awards = text("awards");
        }
        Step::Story => c.story = value(form, "story").trim().replace("\r\n", "\n"),
        Step::Files => {}
        Step::You => {
            let y = &mut c.contributor;
            y.name = text("name");
            y.relationship = Relationship::from_code(value(form, "relationship"));
            y.relationship_note = text("relationship_note");
            y.email = text("email");
        }
        Step::Consent => {
            let k = &mut c.consent;
            k.processing = ticked(form, "processing");
            k.publication = Basis::from_code(value(form, "publication"));
            k.credit = ticked(form, "credit");
            k.ban_photos = ticked(form, "ban_photos");
            k.ban_dates = ticked(form, "ban_dates");
            k.conditions = text("conditions");
        }
    }
}

pub(crate) async fn save_step(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
    Path((token, step)): Path<(String, String)>,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Response, AppError> {
    let Form(form) =
        form.map_err(|_| AppError::BadRequest(Message::new("contributions-error-form")))?;
    let mut s = open(&app, &token).await?;
    if let Some(r) = still_draft(&s, &token) {
        return Ok(r);
    }
    let step = parse_step(&step)?;
    take(&mut s.content, step, &form);
    let (id, content) = (s.id, s.content.clone());
    app.contributions_call(move |c| c.save(id, &content, now()))
        .await?;
    let go = value(&form, "go");
    if go == "back" {
        let to = step.previous().map(Step::code).unwrap_or("hero");
        return Ok(see_other(format!("{}/step/{to}", here(&token))));
    }
    // Going on needs this step clear; what was typed is saved either way.
    let lacks = s.content.lacks(step);
    if !lacks.is_empty() {
        let problems = lacks
            .iter()
            .map(|l| Problem {
                field: l.field(),
                text: lack_text(&ctx.t, l),
            })
            .collect();
        let page = render_step(&app, &viewer, &ctx, &token, &s, step, problems, None).await?;
        return Ok(with_status(page, StatusCode::UNPROCESSABLE_ENTITY));
    }
    Ok(match (go, step.next()) {
        ("check", _) | (_, None) => see_other(format!("{}/check", here(&token))),
        (_, Some(next)) => see_other(format!("{}/step/{}", here(&token), next.code())),
    })
}
