//! The private status page after sending: where the story is, the conversation, answers and
//! files added later, and the withdrawal.

use super::*;

pub(crate) struct Stage {
    pub label: String,
    pub done: bool,
    pub current: bool,
}

pub(crate) struct Said {
    pub question: bool,
    pub who: String,
    pub at: String,
    pub body: String,
}

#[derive(Template)]
#[template(path = "contributions/status.html")]
pub(super) struct StatusPage {
    layout: Layout,
    t: Tr,
    base: String,
    status: &'static str,
    status_label: String,
    stages: Vec<Stage>,
    notice: Option<String>,
    error: Option<String>,
    confirmed: bool,
    email: String,
    conversation: Vec<Said>,
    s: Summary,
    decline: Option<(String, String)>,
    published: Option<String>,
    open: bool,
    withdrawn: bool,
    /// The confirmation secret from the letter's link, offered as a button: opening the link
    /// confirms nothing by itself, because mail scanners open every link in a letter.
    confirm_offer: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
pub(crate) struct StatusQuery {
    #[serde(default)]
    confirm: Option<String>,
    #[serde(default)]
    note: Option<String>,
}

pub(super) fn stages(t: &Tr, status: Status, asked: bool) -> Vec<Stage> {
    use Status::*;
    let order = |s: Status| match s {
        Draft => 0,
        Received => 1,
        InModeration | NeedsInfo => 2,
        Published | Declined | Withdrawn => 4,
    };
    let now = order(status);
    let stage = |s: Status, done: bool, current: bool| Stage {
        label: status_word(t, s),
        done,
        current,
    };
    let mut out = vec![
        stage(Received, now >= 1, status == Received),
        stage(InModeration, now >= 2, status == InModeration),
    ];
    if asked || status == NeedsInfo {
        out.push(stage(NeedsInfo, now >= 2, status == NeedsInfo));
    }
    let last = match status {
        Declined | Withdrawn => status,
        _ => Published,
    };
    out.push(stage(last, now >= 4, now >= 4));
    out
}

/// A status in the visitor's language.
fn status_word(t: &Tr, s: Status) -> String {
    t.msg(&format!("contributions-status-{}", s.code()))
}

pub(super) async fn render_status(
    app: &App,
    ctx: &PageContext,
    token: &str,
    s: &Submission,
    notice: Option<String>,
    error: Option<String>,
) -> Result<Html<String>, AppError> {
    render_status_offering(app, ctx, token, s, notice, error, None).await
}

/// The status page, with the confirmation button when the letter's link was opened.
async fn render_status_offering(
    app: &App,
    ctx: &PageContext,
    token: &str,
    s: &Submission,
    notice: Option<String>,
    error: Option<String>,
    confirm_offer: Option<String>,
) -> Result<Html<String>, AppError> {
    let t = ctx.t;
    let id = s.id;
    let (list, events) = app
        .contributions_call(move |c| Ok((c.files(id)?, c.events(id)?)))
        .await?;
    let asked = events.iter().any(|e| e.kind == EventKind::Question);
    let conversation = events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Question | EventKind::Answer))
        .map(|e| Said {
            question: e.kind == EventKind::Question,
            who: if e.kind == EventKind::Question {
                t.msg("contributions-said-moderator")
            } else {
                t.msg("contributions-said-you")
            },
            at: crate::shell::text::moment(&t, e.at),
            body: e.body.clone(),
        })
        .collect();
    let published = match (s.status, s.person) {
        (Status::Published, Some(person)) => app
            .read_now(&letopis_core::Viewer::anonymous(), |gate| gate.get(person))?
            .map(|r| record_href(r.record.meta.kind, &r.record.meta.slug)),
        _ => None,
    };
    let decline = (s.status == Status::Declined).then(|| {
        (
            s.decline_reason
                .map(|r| t.msg(&format!("decline-reason-{}", r.code())))
                .unwrap_or_default(),
            s.decline_note.clone(),
        )
    });
    let page = StatusPage {
        layout: private_layout(
            ctx,
            app,
            t.args(
                "contributions-status-title",
                &[("number", s.id.to_string().into())],
            ),
        ),
        base: here(token),
        status: s.status.code(),
        status_label: status_word(&t, s.status),
        stages: stages(&t, s.status, asked),
        notice,
        error,
        confirmed: s.email_confirmed,
        email: s.content.contributor.email.clone(),
        conversation,
        s: summary(&t, s, token, &list),
        decline,
        published,
        open: s.status.is_open(),
        withdrawn: s.status == Status::Withdrawn,
        confirm_offer,
        t,
    };
    render_html(&page)
}

pub(crate) async fn status_page(
    State(app): State<App>,
    ctx: PageContext,
    Path(token): Path<String>,
    query: Result<Query<StatusQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, AppError> {
    let q = query.map(|Query(q)| q).unwrap_or_default();
    let s = open(&app, &token).await?;
    if s.status == Status::Draft {
        return Ok(see_other(format!("{}/step/hero", here(&token))));
    }
    let notice = q
        .note
        .as_deref()
        .filter(|n| {
            [
                "sent",
                "sent-unmailed",
                "answered",
                "withdrawn",
                "files-added",
                "confirmed",
            ]
            .contains(n)
        })
        .map(|n| ctx.t.msg(&format!("contributions-note-{n}")));
    // The letter's link only opens the page; the button below it confirms (see `confirm`).
    let offer = q
        .confirm
        .filter(|c| valid_token(c))
        .filter(|_| !s.email_confirmed && s.status != Status::Withdrawn);
    Ok(
        render_status_offering(&app, &ctx, &token, &s, notice, None, offer)
            .await?
            .into_response(),
    )
}

#[derive(Debug, Deserialize, Default)]
pub(crate) struct ConfirmForm {
    #[serde(default)]
    confirm: String,
}

/// The resident pressed «Подтвердить адрес» on the page the letter's link opened.
pub(crate) async fn confirm(
    State(app): State<App>,
    ctx: PageContext,
    Path(token): Path<String>,
    form: Result<Form<ConfirmForm>, FormRejection>,
) -> Result<Response, AppError> {
    let s = open(&app, &token).await?;
    let secret = form.map(|Form(f)| f.confirm).unwrap_or_default();
    let confirmed = if valid_token(&secret) {
        let hash = token_hash(&secret);
        app.contributions_call(move |c| c.confirm_email(&hash, now()))
            .await?
    } else {
        None
    };
    if confirmed == Some(s.id) {
        return Ok(see_other(format!("{}?note=confirmed", here(&token))));
    }
    let error = Some(ctx.t.msg("contributions-error-confirm"));
    let page = render_status(&app, &ctx, &token, &s, None, error).await?;
    Ok(with_status(page, StatusCode::UNPROCESSABLE_ENTITY))
}

/// The contributor answers a question or adds something, with a file or without.
pub(crate) async fn answer(
    State(app): State<App>,
    ctx: PageContext,
    Path(token): Path<String>,
    form: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, AppError> {
    let s = open(&app, &token).await?;
    if !s.status.is_open() {
        return Ok(see_other(here(&token)));
    }
    let up = match form {
        Ok(form) => read_multipart(form).await,
        Err(_) => Err(Message::new("contributions-error-form")),
    };
    let up = match up {
        Ok(up) => up,
        Err(m) => {
            let page = render_status(&app, &ctx, &token, &s, None, Some(ctx.t.message(&m))).await?;
            return Ok(with_status(page, StatusCode::UNPROCESSABLE_ENTITY));
        }
    };
    let text = value(&up.fields, "text").trim().replace("\r\n", "\n");
    let refuse = |key: &'static str| Message::new(key).arg("max", MAX_ANSWER_CHARS.to_string());
    let problem = if text.is_empty() && up.bytes.is_empty() {
        Some(refuse("contributions-answer-empty"))
    } else if text.chars().count() > MAX_ANSWER_CHARS {
        Some(refuse("contributions-answer-too-long"))
    } else {
        None
    };
    if let Some(m) = problem {
        let page = render_status(&app, &ctx, &token, &s, None, Some(ctx.t.message(&m))).await?;
        return Ok(with_status(page, StatusCode::UNPROCESSABLE_ENTITY));
    }
    let added = match store_upload(&app, &s, &up, true).await {
        Ok(added) => added,
        Err(m) => {
            let page = render_status(&app, &ctx, &token, &s, None, Some(ctx.t.message(&m))).await?;
            return Ok(with_status(page, StatusCode::UNPROCESSABLE_ENTITY));
        }
    };
    let (id, status) = (s.id, s.status);
    app.contributions_call(move |c| {
        if !text.is_empty() {
            c.add_event(id, EventKind::Answer, &None, &text, now())?;
        }
        if added.is_some() {
            c.add_event(id, EventKind::Files, &None, "", now())?;
        }
        // An answer puts the submission back in front of its moderator.
        if status == Status::NeedsInfo {
            c.move_to(id, Status::InModeration, &None, "", now())?;
        }
        Ok(())
    })
    .await?;
    Ok(see_other(format!("{}?note=answered", here(&token))))
}

pub(crate) async fn withdraw(
    State(app): State<App>,
    ctx: PageContext,
    Base(base): Base,
    Path(token): Path<String>,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Response, AppError> {
    let Form(form) =
        form.map_err(|_| AppError::BadRequest(Message::new("contributions-error-form")))?;
    let s = open(&app, &token).await?;
    if s.status == Status::Withdrawn {
        return Ok(see_other(here(&token)));
    }
    if !ticked(&form, "sure") {
        let page = render_status(
            &app,
            &ctx,
            &token,
            &s,
            None,
            Some(ctx.t.msg("contributions-withdraw-unsure")),
        )
        .await?;
        return Ok(with_status(page, StatusCode::UNPROCESSABLE_ENTITY));
    }
    crate::contributions::withdraw::withdraw(&app, &s, "отправитель по личной ссылке").await?;
    // The letter goes to the address the family gave, read before it was erased.
    letters::send(&app, &base, &s, Notice::Withdrawn).await?;
    Ok(see_other(format!("{}?note=withdrawn", here(&token))))
}
