//! Starting a story: the honeypot, the check question past the hourly limit, the daily cap,
//! and the draft, named after the person whose page the visitor came from.

use super::*;

#[derive(Debug, Deserialize, Default)]
pub(crate) struct StartForm {
    #[serde(default)]
    about: String,
    /// The honeypot: hidden from people and from assistive technology, filled by bots.
    #[serde(default)]
    website: String,
    /// The secret naming the check question asked, when one was; its answer is on the server.
    #[serde(default)]
    q: String,
    #[serde(default)]
    answer: String,
}

/// A sum in words, asked when one address starts many drafts in an hour. Read aloud by a
/// screen reader as easily as seen; no images, no third party.
pub(crate) struct Question {
    pub a: u8,
    pub b: u8,
    /// What the form carries back: a random secret naming the question, whose answer the
    /// server keeps (`Contributions::pose_question`). The numbers never travel in the form, so
    /// the question cannot be skipped by inventing one and its sum.
    secret: String,
}

impl Question {
    /// A new question, its answer kept in the store until it is answered or an hour passes.
    async fn pose(app: &App) -> Result<Question, AppError> {
        let mut bytes = [0u8; 2];
        getrandom::fill(&mut bytes).map_err(|_| AppError::Internal)?;
        let (secret, hash) = crate::contributions::secret()?;
        let q = Question {
            a: bytes[0] % 9 + 1,
            b: bytes[1] % 9 + 1,
            secret,
        };
        let answer = u32::from(q.a) + u32::from(q.b);
        app.contributions_call(move |c| c.pose_question(&hash, answer, now()))
            .await?;
        Ok(q)
    }

    pub fn code(&self) -> String {
        self.secret.clone()
    }

    pub fn text(&self, t: &Tr) -> String {
        t.args(
            "contributions-check-question",
            &[
                (
                    "a",
                    t.msg(&format!("contributions-number-{}", self.a)).into(),
                ),
                (
                    "b",
                    t.msg(&format!("contributions-number-{}", self.b)).into(),
                ),
            ],
        )
    }
}

/// Whether the question the form names was asked here within the hour, not answered before, and
/// is answered right now. Uses the question up either way. `None` when no question was named.
async fn answered(app: &App, secret: &str, answer: &str) -> Result<Option<bool>, AppError> {
    if secret.is_empty() {
        return Ok(None);
    }
    let hash = token_hash(secret);
    let kept = app
        .contributions_call(move |c| c.take_question(&hash, now() - SignedDuration::from_hours(1)))
        .await?;
    Ok(Some(kept.is_some_and(|right| {
        answer.trim().parse::<u32>().ok() == Some(right)
    })))
}

pub(crate) async fn start(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
    Origin(origin): Origin,
    form: Result<Form<StartForm>, FormRejection>,
) -> Result<Response, AppError> {
    let Form(form) =
        form.map_err(|_| AppError::BadRequest(Message::new("contributions-error-form")))?;
    let about = match form.about.trim() {
        "" => None,
        raw => raw.parse::<i64>().ok().map(RecordId),
    };
    if !form.website.is_empty() {
        // A bot filled the hidden field: it gets the start page back, and nothing is kept.
        tracing::info!("a submission start with the honeypot filled was ignored");
        return Ok(see_other("/contribute".into()));
    }
    let t = ctx.t;
    let o = origin.clone();
    let today = app
        .contributions_call(move |c| c.started_from(&o, now() - SignedDuration::from_hours(24)))
        .await?;
    if today >= STARTS_PER_DAY {
        let page = crate::contributions::page::limit_page(&app, &ctx, "contributions-limit-day")?;
        return Ok(with_status(page, StatusCode::TOO_MANY_REQUESTS));
    }
    let o = origin.clone();
    let hour = app
        .contributions_call(move |c| c.started_from(&o, now() - SignedDuration::from_hours(1)))
        .await?;
    if hour >= STARTS_PER_HOUR {
        let asked = answered(&app, &form.q, &form.answer).await?;
        if asked != Some(true) {
            let wrong = asked.is_some();
            let page = crate::contributions::page::question_page(
                &app,
                &viewer,
                &ctx,
                about,
                Question::pose(&app).await?,
                wrong,
            )?;
            return Ok(with_status(page, StatusCode::TOO_MANY_REQUESTS));
        }
    }
    // Started from a person's page: the hero's name is filled in from what the visitor can see
    // there, so the family does not retype it and the moderator sees which page it came from.
    let about_person = match about {
        Some(id) => app.read_now(&viewer, |gate| gate.get(id))?,
        None => None,
    };
    let mut content = Contribution::default();
    let about = about_person.as_ref().map(|r| r.record.id());
    if let Some(r) = &about_person
        && let Body::Person(p) = &r.record.body
    {
        content.hero.surname = p.name.surname.clone();
        content.hero.given = p.name.given.clone();
        content.hero.patronymic = p.name.patronymic.clone();
        if let Some(b) = &p.birth {
            content.hero.birth_typed = b.as_str().to_string();
            content.hero.birth = Some(b.clone());
        }
    }
    let (token, hash) = crate::contributions::secret()?;
    let lang = t.lang().code().to_string();
    app.contributions_call(move |c| {
        let id = c.start(
            NewSubmission {
                token_hash: hash,
                origin,
                about,
                lang,
            },
            now(),
        )?;
        if about.is_some() {
            c.save(id, &content, now())?;
        }
        Ok(id)
    })
    .await?;
    Ok(see_other(format!("{}/step/hero", here(&token))))
}
