//! What every engine checks and derives the same way when it writes a record.

use letopis_core::Body;
use letopis_core::record::Settings;
use letopis_core::validation::Invalid;

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
