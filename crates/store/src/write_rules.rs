//! What every engine checks and derives the same way when it writes a record.

use crate::StoreError;
use letopis_core::record::{Record, Settings};
use letopis_core::validation::Invalid;
use letopis_core::{Body, Workflow};

/// The body's and the settings' problems together, so the editor sees them all at once.
pub(crate) fn validate(body: &Body, settings: &Settings) -> Result<(), Invalid> {
    let mut problems = Vec::new();
    if let Err(e) = body.validate() {
        problems.extend(e.problems);
    }
    if let Err(e) = settings.validate() {
        problems.extend(e.problems);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Invalid { problems })
    }
}

/// The sortable bounds of the body's date (the `date_lo` and `date_hi` columns).
pub(crate) fn date_bounds(body: &Body) -> (Option<i32>, Option<i32>) {
    match body.date_span() {
        Some(d) => (d.lower(), d.upper()),
        None => (None, None),
    }
}

/// Whether `slug` is `base` or one of its numbered variants (`base-2`).
pub(crate) fn slug_fits(slug: &str, base: &str) -> bool {
    slug == base
        || slug.strip_prefix(base).is_some_and(|rest| {
            rest.strip_prefix('-')
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// Whether a change to this body can change what related records derive from it (a place's
/// district is a facet of everything tied to the place).
pub(crate) fn feeds_others(body: &Body) -> bool {
    matches!(body, Body::Place(_))
}

/// The record an edit makes of `current`: the body (normalized, checked) and settings in place,
/// or `None` when nothing changes. Refused: another kind of record, or an edit of a version that
/// is no longer the current one (`expected`).
pub(crate) fn edited(
    current: &Record,
    body: Body,
    settings: Settings,
    expected: Option<i64>,
) -> Result<Option<Record>, StoreError> {
    let mut body = body;
    body.normalize();
    validate(&body, &settings)?;
    if current.kind() != body.kind() {
        return Err(Invalid::one(
            "kind",
            format!(
                "Нельзя превратить запись вида «{}» в «{}».",
                current.kind().label_ru(),
                body.kind().label_ru()
            ),
        )
        .into());
    }
    if let Some(expected) = expected
        && expected != current.meta.version
    {
        return Err(StoreError::Conflict {
            expected,
            actual: current.meta.version,
        });
    }
    if current.body == body && current.settings() == settings {
        return Ok(None);
    }
    let mut next = current.clone();
    next.body = body;
    next.meta.external_id = settings.external_id;
    next.meta.access = settings.access;
    next.meta.embargo_until = settings.embargo_until;
    next.meta.age_rating = settings.age_rating;
    next.meta.content_note = settings.content_note;
    next.meta.tags = settings.tags;
    Ok(Some(next))
}

/// The record a workflow step by `actor_key` makes of `current`, if the workflow allows it (the
/// one who sent a record to review may not publish it): the new state, and who sent it to
/// review.
pub(crate) fn stepped(
    current: &Record,
    to: Workflow,
    actor_key: String,
) -> Result<Record, StoreError> {
    let by_author = current.meta.submitted_by.as_deref() == Some(actor_key.as_str());
    current.meta.workflow.step(to, by_author)?;
    let mut next = current.clone();
    next.meta.workflow = to;
    if to == Workflow::InReview {
        next.meta.submitted_by = Some(actor_key);
    }
    Ok(next)
}
