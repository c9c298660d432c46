//! Publishing a submission: merged into a person of the base, or as a new person.
//!
//! The family's account becomes a Story record beside the person («Рассказ семьи»), tied to
//! the hero by «упоминает», under a consent made from the contributor's declaration (heirs'
//! consent for a deceased hero, publication consent for a living one), with the contributor's
//! bans and conditions. A merge takes only the fields the moderator chose into the person,
//! each with its provenance, so the museum's own biography is never overwritten. Everything
//! that becomes public, and the submission's move to published, commit in one `apply`: the gate
//! shows all of it or none, and of two moderators publishing one story at once (on one server
//! or two) exactly one succeeds.
//!
//! The contributor's bans are enforced here, whatever the form sent: banned dates are refused,
//! and so are photographs when the family banned them.

use super::actions::start;
use super::{Again, blockers, field_label, show, status_label};
use crate::App;
use crate::contributions::letters::{self, Notice};
use crate::shell::base_url::link_base;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
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
use letopis_store::contributions::{Moderator, Submission, SubmissionFile};
use letopis_store::{Draft, Op, Outcome, StoreError};

/// What the moderator chose on the form.
struct Choice {
    /// `None`: publish as a new person.
    person: Option<i64>,
    version: Option<i64>,
    fields: Vec<MergeField>,
    photos: Vec<SubmissionFile>,
}

/// `POST /studio/contributions/{id}/publish`.
pub async fn publish(
    State(app): State<App>,
    staff: Staff,
    parts: Parts,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
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
    // The records, the consent and the submission's new status are one `apply`: of two
    // moderators publishing the same story at once (on this server or another), the second
    // finds it published inside the transaction and everything they would have written rolls
    // back.
    let result = match choice.person {
        Some(person) => into_person(&app, &staff, &s, person, &choice).await?,
        None => as_new_person(&app, &staff, &s, &choice).await?,
    };
    let (person, story) = match result {
        Ok(made) => made,
        Err(refusal) => return show(&app, &staff, id, again(refusal), None).await,
    };
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
    Ok(see_other(&format!(
        "/studio/contributions/{id}?done={done}"
    )))
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
                .find(|f| f.id == letopis_core::SubmissionFileId(n) && f.mime.starts_with("image/"))
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
/// What it covers is added by the store from the ops that made those records.
fn consent_of(s: &Submission, basis: Basis, subject: RecordId) -> NewConsent {
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
        covers: Vec::new(),
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

/// The person and the family's story made, or a refusal for the page.
type Made = Result<(RecordId, RecordId), String>;

/// The family's story and its consent, the relation to the hero, and the submission marked
/// published, after `ops` (those on the person): the outcome position of the story.
/// `person_earlier` is the op that creates the hero, when the hero is new; `person` is then a
/// placeholder the store replaces with the new record's id.
fn publication_ops(
    s: &Submission,
    basis: Basis,
    person: RecordId,
    person_earlier: Option<usize>,
    photos: &[SubmissionFile],
    by: Moderator,
    mut ops: Vec<Op>,
) -> (Vec<Op>, usize) {
    let story_at = ops.len();
    let story = Draft::published(Body::Story(family_story(s, person, photos)));
    ops.push(match person_earlier {
        Some(hero_earlier) => Op::CreateFamilyStory {
            draft: story,
            hero_earlier,
        },
        None => Op::Create(story),
    });
    ops.push(Op::RelateCovering {
        relation: NewRelation::new(person, RelationType::Mentions, person),
        from_earlier: Some(story_at),
        to_earlier: person_earlier,
    });
    // The consent covers the family's story, and the hero when the hero was made from their
    // account; a person of the museum's own is not theirs to open.
    ops.push(Op::AddConsentCovering {
        consent: consent_of(s, basis, person),
        earlier: person_earlier.into_iter().chain([story_at]).collect(),
        subject_earlier: person_earlier,
    });
    let consent_at = ops.len() - 1;
    ops.push(Op::PublishSubmission {
        submission: s.id,
        person,
        person_earlier,
        story_earlier: story_at,
        consent_earlier: consent_at,
        by,
    });
    (ops, story_at)
}

fn made(out: &[Outcome], at: usize) -> Result<RecordId, AppError> {
    out.get(at)
        .and_then(|o| o.record_id())
        .ok_or(AppError::Internal)
}

fn moderator(staff: &Staff) -> Moderator {
    Some((staff.user.id, staff.user.display_name.clone()))
}

/// Runs the publication's one `apply` and reads what it made; a refusal is put in words. When
/// the submission is no longer open (another moderator published or declined it meanwhile),
/// the refusal says so in the page's language rather than quoting the store.
async fn publish_ops(
    app: &App,
    staff: &Staff,
    id: i64,
    ops: Vec<Op>,
    person: impl FnOnce(&[Outcome]) -> Result<RecordId, AppError>,
    story_at: usize,
) -> Result<Made, AppError> {
    let actor = staff.actor();
    let out = app
        .desk(
            staff.viewer.clone(),
            move |desk| Ok(desk.apply(&actor, ops)),
        )
        .await?;
    match out {
        Ok(out) => Ok(Ok((person(&out)?, made(&out, story_at)?))),
        Err(e) => {
            let now = app
                .contributions_call(move |c| c.submission(letopis_core::SubmissionId(id)))
                .await?;
            match now.map(|s| s.status).filter(|st| !st.is_open()) {
                Some(status) => Ok(Err(staff.t.args(
                    "studio-contrib-refused-publish",
                    &[("status", status_label(&staff.t, status).into())],
                ))),
                None => Ok(Err(refusal(&staff.t, e)?)),
            }
        }
    }
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
    let (ops, story_at) =
        publication_ops(s, basis, pid, None, &choice.photos, moderator(staff), ops);
    publish_ops(app, staff, s.id.0, ops, |_| Ok(pid), story_at).await
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
    // The new person comes first; the family's story, the relation and the consent name it
    // by its position, so everything commits in one transaction.
    let ops = vec![Op::Create(Draft::published(Body::Person(person)))];
    let (ops, story_at) = publication_ops(
        s,
        basis,
        RecordId(0),
        Some(0),
        &choice.photos,
        moderator(staff),
        ops,
    );
    publish_ops(app, staff, s.id.0, ops, |out| made(out, 0), story_at).await
}
