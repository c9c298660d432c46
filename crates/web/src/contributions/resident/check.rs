//! The preview of what the family wrote, and sending it.

use super::*;

pub(crate) struct LackView {
    pub step: &'static str,
    pub step_label: String,
    pub field: &'static str,
    pub text: String,
}

/// What the family wrote, read back as the museum would show it.
pub(crate) struct Summary {
    pub name: String,
    pub life: String,
    pub alive: String,
    pub fate: String,
    pub birth_place: String,
    pub service: String,
    pub work: String,
    pub awards: Vec<String>,
    pub paragraphs: Vec<String>,
    pub files: Vec<FileView>,
    pub relationship: String,
    pub name_of_teller: String,
    pub email: String,
    pub basis: String,
    pub credit: Option<String>,
    pub bans: Vec<String>,
    pub conditions: String,
}

pub(crate) fn summary(t: &Tr, s: &Submission, token: &str, list: &[SubmissionFile]) -> Summary {
    let c = &s.content;
    let h = &c.hero;
    let date = |d: &Option<letopis_core::Edtf>, typed: &str| match d {
        Some(d) => t.date(d),
        None => typed.to_string(),
    };
    let birth = date(&h.birth, &h.birth_typed);
    let death = date(&h.death, &h.death_typed);
    let life = match (birth.is_empty(), death.is_empty()) {
        (true, true) => String::new(),
        (false, true) => birth,
        (true, false) => format!("? — {death}"),
        (false, false) => format!("{birth} — {death}"),
    };
    let service = [h.rank.as_str(), h.unit.as_str()]
        .into_iter()
        .filter(|x| !x.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let mut bans = Vec::new();
    if c.consent.ban_photos {
        bans.push(t.msg("contributions-ban-photos"));
    }
    if c.consent.ban_dates {
        bans.push(t.msg("contributions-ban-dates"));
    }
    Summary {
        name: h.full_name(),
        life,
        alive: h
            .alive
            .map(|a| t.msg(&format!("contributions-alive-{}", a.code())))
            .unwrap_or_default(),
        fate: h.fate.map(|f| t.label("fate", f)).unwrap_or_default(),
        birth_place: h.birth_place.clone(),
        service,
        work: h.work.clone(),
        awards: h
            .awards
            .split(['\n', ';'])
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_string)
            .collect(),
        paragraphs: c
            .story
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect(),
        files: file_views(token, list),
        relationship: c
            .contributor
            .relationship
            .map(|r| t.msg(&format!("contributions-relationship-{}", r.code())))
            .unwrap_or_default(),
        name_of_teller: c.contributor.name.clone(),
        email: c.contributor.email.clone(),
        basis: c
            .consent
            .publication
            .map(|b| t.msg(&format!("contributions-basis-{}", b.code())))
            .unwrap_or_default(),
        credit: c.credit(),
        bans,
        conditions: c.consent.conditions.clone(),
    }
}

#[derive(Template)]
#[template(path = "contributions/check.html")]
pub(super) struct CheckPage {
    layout: Layout,
    t: Tr,
    base: String,
    steps: Vec<StepLink>,
    s: Summary,
    lacks: Vec<LackView>,
    processing: bool,
}

impl CheckPage {
    fn on_a_step(&self) -> bool {
        false
    }
}

pub(crate) async fn check_page(
    State(app): State<App>,
    ctx: PageContext,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let s = open(&app, &token).await?;
    if let Some(r) = still_draft(&s, &token) {
        return Ok(r);
    }
    let t = ctx.t;
    let id = s.id;
    let list = app.contributions_call(move |c| c.files(id)).await?;
    let lacks = s
        .content
        .lacks_before_send()
        .into_iter()
        .map(|(step, lack)| LackView {
            step: step.code(),
            step_label: step_label(&t, step),
            field: lack.field(),
            text: lack_text(&t, &lack),
        })
        .collect();
    let page = CheckPage {
        layout: private_layout(&ctx, &app, t.msg("contributions-check-title")),
        base: here(&token),
        steps: steps(&t, None),
        s: summary(&t, &s, &token, &list),
        lacks,
        processing: s.content.consent.processing,
        t,
    };
    Ok(render_html(&page)?.into_response())
}

pub(crate) async fn send(
    State(app): State<App>,
    ctx: PageContext,
    Base(base): Base,
    Path(token): Path<String>,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Response, AppError> {
    let Form(form) =
        form.map_err(|_| AppError::BadRequest(Message::new("contributions-error-form")))?;
    let s = open(&app, &token).await?;
    if let Some(r) = still_draft(&s, &token) {
        return Ok(r);
    }
    if !value(&form, "website").is_empty() {
        tracing::info!("a submission sent with the honeypot filled was ignored");
        return Ok(see_other(format!("{}/check", here(&token))));
    }
    if !s.content.lacks_before_send().is_empty() {
        return Ok(see_other(format!("{}/check", here(&token))));
    }
    let email = s.content.contributor.email.clone();
    let sent = app
        .contributions_call(move |c| c.sent_by(&email, now() - SignedDuration::from_hours(24)))
        .await?;
    if sent >= SENDS_PER_DAY {
        let page = crate::contributions::page::limit_page(&app, &ctx, "contributions-limit-email")?;
        return Ok(with_status(page, StatusCode::TOO_MANY_REQUESTS));
    }
    let (confirm, confirm_hash) = crate::contributions::secret()?;
    let id = s.id;
    app.contributions_call(move |c| c.send(id, &confirm_hash, now()))
        .await?;
    let mailed = letters::send(
        &app,
        &base,
        &s,
        Notice::Confirm {
            confirm_token: confirm,
        },
    )
    .await?;
    let note = if mailed { "sent" } else { "sent-unmailed" };
    Ok(see_other(format!("{}?note={note}", here(&token))))
}
