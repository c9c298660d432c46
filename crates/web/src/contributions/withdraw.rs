//! A contributor's withdrawal is total (DESIGN.md, invariant 3): what was published from the
//! submission is closed on every read path at once, the museum's person gets back what the
//! family's account replaced, and the family's words and photographs are erased — from the
//! submission, from the family's story and from every revision kept of it — with the files
//! removed from the blob store unless a record of the museum still shows them.
//!
//! The resident's status page and the studio's button («отзыв по телефону или письму») both
//! call [`withdraw`]; who asked is recorded as the actor of every revision it writes.

use crate::App;
use crate::gate::Desk;
use crate::shell::error::AppError;
use letopis_core::contribution::unmerge;
use letopis_core::entities::Story;
use letopis_core::history::Actor;
use letopis_core::{Body, Workflow};
use letopis_store::Op;
use letopis_store::contributions::Submission;

/// The fields of a family's story that hold the family's words and photographs: erased from
/// every revision. The title stays (it names the museum's own hero, and a revision needs one).
const ERASED: [&str; 5] = ["blocks", "family", "cover", "lead", "authors"];

/// What a withdrawn family's story keeps: a title saying what it was.
const WITHDRAWN_TITLE: &str = "Рассказ семьи (отозван)";

/// Makes the withdrawal of `submission` total. Safe to repeat: a second call finds nothing left
/// to close and erases nothing more.
pub(crate) async fn withdraw(
    app: &App,
    submission: &Submission,
    actor_label: &str,
) -> Result<(), AppError> {
    let actor = Actor::system(actor_label);
    let published = submission.clone();
    let erased = app
        .museum_desk(move |desk| close_published(desk, &actor, &published))
        .await?;
    let id = submission.id;
    let mut hashes = app
        .contributions_call(move |c| c.erase(id, jiff::Timestamp::now()))
        .await?;
    hashes.extend(erased);
    hashes.sort();
    hashes.dedup();
    // Each file with its thumbnail, unless a record of the museum still shows it.
    super::files::remove_orphans(app, hashes).await;
    Ok(())
}

/// In one transaction: the consent from the contributor's declaration is withdrawn, the
/// family's story is withdrawn and emptied, a person created from the submission is withdrawn
/// and a person it was merged into gets back the replaced fields. Then the story's erased
/// fields leave its history. Returns the hashes of the photographs the story showed.
fn close_published(
    desk: &Desk<'_>,
    actor: &Actor,
    s: &Submission,
) -> Result<Vec<String>, AppError> {
    let mut ops = Vec::new();
    let consent = match s.consent {
        Some(id) => desk.consent(id.0)?,
        None => None,
    };
    if let Some(c) = &consent
        && c.withdrawn_at.is_none()
    {
        ops.push(Op::WithdrawConsent { id: c.id });
    }
    let mut photos = Vec::new();
    if let Some(story_id) = s.story
        && let Some(stored) = desk.gate().get(story_id)?
        && let Body::Story(story) = &stored.record.body
    {
        photos.extend(story.media().into_iter().map(|m| m.sha256.clone()));
        if stored.record.meta.workflow != Workflow::Withdrawn {
            ops.push(Op::Step {
                id: story_id,
                to: Workflow::Withdrawn,
                note: Some(format!("Семья отозвала рассказ (обращение №{}).", s.id)),
            });
        }
        let emptied = Story {
            title: WITHDRAWN_TITLE.into(),
            ..Story::default()
        };
        if *story != emptied {
            ops.push(Op::Update {
                id: story_id,
                expected_version: None,
                body: Body::Story(emptied),
                settings: stored.record.settings(),
            });
        }
    }
    if let Some(person_id) = s.person
        && let Some(stored) = desk.gate().get(person_id)?
        && let Body::Person(person) = &stored.record.body
    {
        // A person the submission created is covered by its consent: the family's hero goes
        // with the family's account. A person it was merged into is the museum's and stays.
        let created_from_it = consent
            .as_ref()
            .is_some_and(|c| c.covers.contains(&person_id));
        if created_from_it && stored.record.meta.workflow == Workflow::Published {
            ops.push(Op::Step {
                id: person_id,
                to: Workflow::Withdrawn,
                note: Some(format!("Семья отозвала рассказ (обращение №{}).", s.id)),
            });
        }
        let mut restored = person.clone();
        if unmerge(&mut restored, &s.content.hero, s.id) {
            ops.push(Op::Update {
                id: person_id,
                expected_version: None,
                body: Body::Person(restored),
                settings: stored.record.settings(),
            });
        }
    }
    if !ops.is_empty() {
        desk.apply(actor, ops)?;
    }
    if let Some(story_id) = s.story {
        for value in desk.erase_from_history(story_id, &ERASED)? {
            crate::media::hashes_in(&value, &mut photos);
        }
    }
    Ok(photos)
}
