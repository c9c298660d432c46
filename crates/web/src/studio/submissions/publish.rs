//! Publishing a submission: merged into a person of the base, or as a new person.
//!
//! The family's account becomes a Story record beside the person («Рассказ семьи»), tied to
//! the hero by «упоминает», under a consent made from the contributor's declaration (heirs'
//! consent for a deceased hero, publication consent for a living one), with the contributor's
//! bans and conditions. A merge takes only the fields the moderator chose into the person,
//! each with its provenance, so the museum's own biography is never overwritten. Everything
//! that becomes public commits in one `apply`: the gate shows all of it, or none.
//!
//! The contributor's bans are enforced here, whatever the form sent: banned dates are refused,
//! and so are photographs when the family banned them.

use super::actions::start;
use super::{Again, blockers, field_label, show, status_label};
use crate::App;
use crate::contributions::letters::{self, Notice};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::shell::base_url::link_base;
use crate::studio::form::{Submitted, parse_record_number};
use crate::studio::{Staff, see_other};
use axum::Form;
use axum::extract::{Path, State};
use axum::http::request::Parts;
use axum::response::Response;
use letopis_core::consent::NewConsent;
use letopis_core::contribution::{Alive, Basis, FamilyAccount, MergeField, merge};
use letopis_core::entities::{Block, MediaRef, Person, Story};
use letopis_core::relation::{NewRelation, RelationType};
use letopis_core::scope::ScopeItem;
use letopis_core::{Body, Kind, RecordId, Workflow};
use letopis_store::contributions::{Submission, SubmissionFile};
use letopis_store::{Draft, Op, Outcome, StoreError};

/// What the moderator chose on the form.
struct Choice {
    /// `None`: publish as a new person.
    person: Option<i64>,
    version: Option<i64>,
    fields: Vec<MergeField>,
    photos: Vec<SubmissionFile>,
}

/// One publication at a time in this process: two moderators pressing «Опубликовать» on the same
/// story at once would otherwise both read it as open and both create records before the second
/// `published` is refused. Publications are rare; waiting for another costs nothing. (Several
/// processes over one database would need the claim in the store; see README, scaling out.)
static PUBLISHING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// `POST /studio/submissions/{id}/publish`.
pub async fn publish(
    State(app): State<App>,
    staff: Staff,
    parts: Parts,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    let one_at_a_time = PUBLISHING.lock().await;
    let s = start(&app, &staff, id, &form).await?;
    let typed_person = form.get("person").trim().to_string();
    let merge_into = parse_record_number(&typed_person);
    let again = |refusal: String| Again {
        refusal,
        merge: merge_into,
        merge_typed: typed_person.clone(),
        ..Again::default()
    };
    if !typed_person.is_empty() && merge_into.is_none() {
        let refusal = staff.t.msg("studio-contrib-error-person-number");
        return show(&app, &staff, id, again(refusal), None).await;
    }
    let choice = match read_choice(&app, &staff.t, &s, &form, merge_into).await? {
        Ok(choice) => choice,
        Err(refusal) => return show(&app, &staff, id, again(refusal), None).await,
    };
    let result = match choice.person {
        Some(person) => into_person(&app, &staff, &s, person, &choice).await?,
        None => as_new_person(&app, &staff, &s, &choice).await?,
    };
    let (person, story, consent) = match result {
        Ok(made) => made,
        Err(refusal) => return show(&app, &staff, id, again(refusal), None).await,
    };
    let by = Some((staff.user.id, staff.user.display_name.clone()));
    app.contributions_call(move |c| {
        c.published(id, person, story, consent, &by, jiff::Timestamp::now())
    })
    .await?;
    drop(one_at_a_time);
    let found = app
        .read_studio(staff.viewer.clone(), move |gate| gate.get(person))
        .await?;
    let href = found
        .map(|r| crate::public::record_href(Kind::Person, &r.record.meta.slug))
        .unwrap_or_else(|| format!("/persons/{}", person.0));
    let base = link_base(&app, &parts);
    let sent = letters::send(&app, &base, &s, Notice::Published { href }).await?;
    let how = match choice.person {
        Some(_) => format!(
            "объединён с записью №{}; поля: {}; фотографий: {}",
            person.0,
            field_list(&choice.fields),
            choice.photos.len()
        ),
        None => format!(
            "опубликован как новая запись №{}; фотографий: {}",
            person.0,
            choice.photos.len()
        ),
    };
    app.audit(staff.audit(
        "submission_publish",
        Some(format!("submission:{id}")),
        format!("{how}; рассказ семьи — запись №{}", story.0),
    ))
    .await;
    let done = if sent {
        "submission-published"
    } else {
        "submission-published-unsent"
    };
    Ok(see_other(&format!("/studio/submissions/{id}?done={done}")))
}

fn field_list(fields: &[MergeField]) -> String {
    if fields.is_empty() {
        return "никакие".into();
    }
    fields
        .iter()
        .map(|f| f.label_ru())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The moderator's choice, checked against the submission's state and the family's bans.
async fn read_choice(
    app: &App,
    t: &Tr,
    s: &Submission,
    form: &Submitted<'_>,
    person: Option<i64>,
) -> Result<Result<Choice, String>, AppError> {
    if !s.status.is_open() {
        return Ok(Err(t.args(
            "studio-contrib-refused-publish",
            &[("status", status_label(t, s.status).into())],
        )));
    }
    let blocking = blockers(t, s);
    if !blocking.is_empty() {
        return Ok(Err(t.args(
            "studio-contrib-refused-publish-blocked",
            &[("blockers", blocking.join(" ").into())],
        )));
    }
    let id = s.id;
    let files = app.contributions_call(move |c| c.files(id)).await?;
    let mut photos = Vec::new();
    for typed in form.all("photo") {
        let found = typed.parse::<i64>().ok().and_then(|n| {
            files
                .iter()
                .find(|f| f.id == n && f.mime.starts_with("image/"))
        });
        match found {
            Some(f) => photos.push(f.clone()),
            None => {
                return Ok(Err(t.args(
                    "studio-contrib-refused-no-photo",
                    &[("photo", typed.into())],
                )));
            }
        }
    }
    if s.content.consent.ban_photos && !photos.is_empty() {
        return Ok(Err(t.msg("studio-contrib-refused-photos-banned")));
    }
    let mut fields = Vec::new();
    for code in form.all("field") {
        let Some(field) = MergeField::from_code(code) else {
            return Ok(Err(t.args(
                "studio-contrib-refused-unknown-field",
                &[("field", code.into())],
            )));
        };
        if field.banned(&s.content.consent) {
            return Ok(Err(t.args(
                "studio-contrib-refused-field-banned",
                &[
                    ("field", field_label(t, field).into()),
                    ("reason", super::ban_reason(t, field.code()).into()),
                ],
            )));
        }
        if !fields.contains(&field) {
            fields.push(field);
        }
    }
    let version = match (person, form.get("version").trim()) {
        (None, _) => None,
        (Some(_), v) => match v.parse::<i64>() {
            Ok(v) => Some(v),
            Err(_) => {
                return Ok(Err(t.msg("studio-contrib-refused-stale-form")));
            }
        },
    };
    Ok(Ok(Choice {
        person,
        version,
        fields,
        photos,
    }))
}

/// The consent the contributor's declaration becomes.
fn consent_of(
    s: &Submission,
    basis: Basis,
    subject: RecordId,
    covers: Vec<RecordId>,
) -> NewConsent {
    let c = &s.content.consent;
    let mut bans = Vec::new();
    if c.ban_photos {
        bans.push("фотографии".to_string());
    }
    if c.ban_dates {
        bans.push("даты рождения и смерти".to_string());
    }
    if !c.conditions.trim().is_empty() {
        bans.push(format!("условие: {}", c.conditions.trim()));
    }
    // What the family allows of the hero, field by field: everything they told, less what
    // they banned.
    let mut scope = vec![
        ScopeItem::Name,
        ScopeItem::FamilyStory,
        ScopeItem::Biography,
        ScopeItem::BirthPlace,
        ScopeItem::Service,
        ScopeItem::Fate,
        ScopeItem::Awards,
    ];
    if !c.ban_photos {
        scope.push(ScopeItem::Photo);
    }
    if !c.ban_dates {
        scope.extend([ScopeItem::Years, ScopeItem::FullDates]);
    }
    let name = s.content.contributor.name.trim();
    NewConsent {
        kind: basis.consent_kind(),
        subject: Some(subject),
        granted_by: if name.is_empty() {
            format!("отправитель рассказа №{}", s.id)
        } else {
            name.to_string()
        },
        covers,
        scope,
        bans,
        document: None,
        signed_on: letopis_core::today(),
        valid_until: None,
        note: Some(format!(
            "Заявление отправителя рассказа №{} («Герои города»): {}.",
            s.id,
            basis.label_ru()
        )),
    }
}

/// The family's account as a story: the paragraphs as the family wrote them (the template
/// shows them as text) and the chosen photographs with their captions.
fn family_story(s: &Submission, person: RecordId, photos: &[SubmissionFile]) -> Story {
    let hero = &s.content.hero;
    let mut blocks: Vec<Block> = s
        .content
        .story
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| Block::Text {
            text: p.to_string(),
        })
        .collect();
    blocks.extend(photos.iter().map(|f| {
        let caption = f.caption.trim().to_string();
        let alt = if caption.is_empty() {
            format!("Фотография из семейного архива: {}", hero.full_name())
        } else {
            caption.clone()
        };
        Block::Image {
            media: MediaRef {
                sha256: f.sha256.clone(),
                mime: f.mime.clone(),
                caption: (!caption.is_empty()).then_some(caption),
                alt: Some(alt),
                width: f.width,
                height: f.height,
            },
            record: None,
        }
    }));
    Story {
        title: format!("Рассказ семьи: {}", hero.full_name()),
        blocks,
        family: Some(FamilyAccount {
            person,
            submission: s.id,
            credit: s.content.credit(),
            living: hero.alive == Some(Alive::Living),
        }),
        ..Story::default()
    }
}

type Made = Result<(RecordId, RecordId, i64), String>;

/// The family's story and its consent, and the relation to the hero, after `before` (ops on
/// the person): the outcome positions of the story and the consent.
fn family_ops(
    s: &Submission,
    basis: Basis,
    person: RecordId,
    covers_person: bool,
    photos: &[SubmissionFile],
    mut ops: Vec<Op>,
) -> (Vec<Op>, usize, usize) {
    let story_at = ops.len();
    ops.push(Op::Create(Draft::published(Body::Story(family_story(
        s, person, photos,
    )))));
    ops.push(Op::RelateCovering {
        relation: NewRelation::new(person, RelationType::Mentions, person),
        from_earlier: Some(story_at),
        to_earlier: None,
    });
    let covers = if covers_person {
        vec![person]
    } else {
        Vec::new()
    };
    ops.push(Op::AddConsentCovering {
        consent: consent_of(s, basis, person, covers),
        earlier: vec![story_at],
    });
    let consent_at = ops.len() - 1;
    (ops, story_at, consent_at)
}

fn made(
    out: &[Outcome],
    person: RecordId,
    story_at: usize,
    consent_at: usize,
) -> Result<(RecordId, RecordId, i64), AppError> {
    let story = out
        .get(story_at)
        .and_then(|o| o.record_id())
        .ok_or(AppError::Internal)?;
    let Some(Outcome::ConsentAdded(consent)) = out.get(consent_at) else {
        return Err(AppError::Internal);
    };
    Ok((person, story, *consent))
}

/// A store refusal in words for the page; anything else is an error. The store's own reasons
/// (validation problems, workflow refusals) come from core in Russian and are quoted as they are.
fn refusal(t: &Tr, e: StoreError) -> Result<String, AppError> {
    let not_published =
        |why: String| t.args("studio-contrib-not-published", &[("why", why.into())]);
    match e {
        StoreError::Conflict { .. } => Ok(t.msg("studio-contrib-refused-conflict")),
        StoreError::Invalid(i) => Ok(not_published(
            i.problems
                .into_iter()
                .map(|p| p.message)
                .collect::<Vec<_>>()
                .join(" "),
        )),
        StoreError::Workflow(w) => Ok(not_published(w.to_string())),
        StoreError::NotFound { what } => Ok(not_published(t.args(
            "studio-contrib-not-found",
            &[("what", what.to_string().into())],
        ))),
        other => Err(other.into()),
    }
}

async fn into_person(
    app: &App,
    staff: &Staff,
    s: &Submission,
    n: i64,
    choice: &Choice,
) -> Result<Made, AppError> {
    let t = &staff.t;
    let Some(basis) = s.content.consent.publication else {
        return Ok(Err(t.msg("studio-contrib-refused-no-consent")));
    };
    let found = app
        .read_studio(staff.viewer.clone(), move |gate| gate.get(RecordId(n)))
        .await?;
    let number = || std::borrow::Cow::from(n.to_string());
    let Some(stored) = found else {
        return Ok(Err(
            t.args("studio-contrib-error-no-record", &[("number", number())])
        ));
    };
    let Body::Person(person) = &stored.record.body else {
        return Ok(Err(
            t.args("studio-contrib-error-not-person", &[("number", number())])
        ));
    };
    if stored.record.meta.workflow != Workflow::Published {
        let workflow = super::super::oral::by_code(
            t,
            "studio-contrib-workflow",
            stored.record.meta.workflow.code(),
        );
        return Ok(Err(t.args(
            "studio-contrib-refused-not-published",
            &[("number", number()), ("workflow", workflow.into())],
        )));
    }
    let pid = stored.record.id();
    let mut merged: Person = person.clone();
    let taken = merge(
        &mut merged,
        &s.content.hero,
        &s.content.consent,
        &choice.fields,
        s.id,
        s.content.credit(),
        letopis_core::today(),
    );
    let mut ops = Vec::new();
    if !taken.is_empty() {
        ops.push(Op::Update {
            id: pid,
            expected_version: choice.version,
            body: Body::Person(merged),
            settings: stored.record.settings(),
        });
    }
    let (ops, story_at, consent_at) = family_ops(s, basis, pid, false, &choice.photos, ops);
    let actor = staff.actor();
    let out = app
        .blocking(move |store| store.apply(&actor, ops, letopis_core::today()))
        .await?;
    match out {
        Ok(out) => Ok(Ok(made(&out, pid, story_at, consent_at)?)),
        Err(e) => Ok(Err(refusal(&staff.t, e)?)),
    }
}

/// A new person from the family's account, every field with its provenance, and the family's
/// story beside it; the consent covers both.
async fn as_new_person(
    app: &App,
    staff: &Staff,
    s: &Submission,
    choice: &Choice,
) -> Result<Made, AppError> {
    let Some(basis) = s.content.consent.publication else {
        return Ok(Err(staff.t.msg("studio-contrib-refused-no-consent")));
    };
    let hero = &s.content.hero;
    let family = hero.to_person();
    let mut person = Person {
        name: family.name.clone(),
        living: family.living,
        ..Person::default()
    };
    merge(
        &mut person,
        hero,
        &s.content.consent,
        &MergeField::ALL,
        s.id,
        s.content.credit(),
        letopis_core::today(),
    );
    // The person's id is needed inside the family's story, so the person is written first:
    // published but closed (no consent covers it yet), then opened with everything else in
    // one transaction.
    let actor = staff.actor();
    let draft = Draft::published(Body::Person(person));
    let first = app
        .blocking({
            let actor = actor.clone();
            move |store| store.apply(&actor, vec![Op::Create(draft)], letopis_core::today())
        })
        .await?;
    let pid = match first {
        Ok(out) => out
            .first()
            .and_then(|o| o.record_id())
            .ok_or(AppError::Internal)?,
        Err(e) => return Ok(Err(refusal(&staff.t, e)?)),
    };
    let (ops, story_at, consent_at) = family_ops(s, basis, pid, true, &choice.photos, Vec::new());
    let out = app
        .blocking({
            let actor = actor.clone();
            move |store| store.apply(&actor, ops, letopis_core::today())
        })
        .await?;
    match out {
        Ok(out) => Ok(Ok(made(&out, pid, story_at, consent_at)?)),
        Err(e) => {
            // Nothing was opened; the closed person is stepped aside so it is not mistaken
            // for the museum's work.
            let note = format!("Публикация рассказа №{} не удалась.", s.id);
            let cleanup = app
                .blocking(move |store| {
                    store.apply(
                        &actor,
                        vec![Op::Step {
                            id: pid,
                            to: Workflow::Withdrawn,
                            note: Some(note),
                        }],
                        letopis_core::today(),
                    )
                })
                .await?;
            if let Err(c) = cleanup {
                tracing::error!(error = %c, "a closed person was left published");
            }
            Ok(Err(refusal(&staff.t, e)?))
        }
    }
}
