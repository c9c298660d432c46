//! The person page's own parts: a hero's facts (life, service, fate, awards, with what the
//! family told marked as theirs), the families' accounts beside the biography, and the
//! fragments of «Живые голоса» in which the person is mentioned. The rest of the page (ties,
//! sources, the frame) is common to every record (`view.rs`, `templates/public/record.html`).

use super::view::*;
use crate::gate::Seen;
use crate::public::{Link, record_href};
use crate::shell::i18n::Tr;
use crate::shell::text;
use crate::summary::life_dates;
use letopis_core::Body;
use letopis_core::Kind;
use letopis_core::entities::{Person, Story};
use letopis_core::relation::RelationType;

/// The family's account that a relation leads to, when it is an account of this record's person.
pub(super) fn family_of<'a>(seen: &Seen, r: &'a crate::gate::SeenRelation) -> Option<&'a Story> {
    match &r.other.record.body {
        Body::Story(s)
            if r.relation.rtype == RelationType::Mentions
                && !r.outgoing
                && s.family
                    .as_ref()
                    .is_some_and(|f| f.person == seen.record.record.id()) =>
        {
            Some(s)
        }
        _ => None,
    }
}

/// Families' accounts of the person, read from the relations the gate let through: an account
/// whose consent was withdrawn is not among them, so it is not on the page.
pub(super) fn families(seen: &Seen, refs: &Refs) -> Vec<FamilyView> {
    let t = refs.1;
    seen.relations
        .iter()
        .filter_map(|r| family_of(seen, r))
        .map(|s| FamilyView {
            credit: s
                .family
                .as_ref()
                .and_then(|f| f.credit.clone())
                .map(|c| t.args("family-story-credit", &[("credit", c.into())]))
                .unwrap_or_default(),
            blocks: s.blocks.iter().map(|b| block(b, refs)).collect(),
        })
        .collect()
}

/// The moments of the Living voices where this record comes up: each index segment of a
/// visible interview that mentions it, linked to that second of the recording.
pub(super) fn voice_fragments(seen: &Seen, t: &Tr) -> Option<Group> {
    let id = seen.record.record.id();
    let links: Vec<Link> = seen
        .relations
        .iter()
        .filter(|r| r.relation.rtype == RelationType::Mentions && !r.outgoing)
        .filter_map(|r| match &r.other.record.body {
            Body::Interview(i) => Some((&r.other.record, i)),
            _ => None,
        })
        .flat_map(|(interview, body)| {
            body.segments
                .iter()
                .filter(|s| s.mentions.contains(&id))
                .map(move |s| {
                    let second = s.start_ms / 1000;
                    Link::new(
                        format!(
                            "{}?t={second}#{}",
                            record_href(Kind::Interview, &interview.meta.slug),
                            super::interview::anchor_at(body, s.start_ms)
                        ),
                        format!("{} — {}", s.title, interview.title()),
                    )
                    .with_note(text::timecode(s.start_ms))
                })
        })
        .collect();
    (!links.is_empty()).then(|| Group {
        heading: t.msg("group-voice-fragments"),
        links,
        more: None,
    })
}

pub(super) fn facts(view: &mut RecordView, p: &Person, refs: &Refs) {
    let t = view.t;
    fact(view, "field-full-name", p.name.full());
    fact(
        view,
        "field-maiden-name",
        p.name.maiden.clone().unwrap_or_default(),
    );
    fact_list(view, "field-name-variants", p.name.variants.clone());
    let life = life_dates(p, &t).unwrap_or_default();
    fact(view, "field-life-dates", life);
    fact(view, "field-birth-place", p.birth_place.clone());
    fact_list(
        view,
        "field-roles",
        p.roles.iter().map(|r| t.label("role", r)).collect(),
    );
    fact(
        view,
        "field-fate",
        p.fate.map(|f| t.label("fate", f)).unwrap_or_default(),
    );
    fact(view, "field-rank", p.service.rank.clone());
    fact(view, "field-unit", p.service.unit.clone());
    fact(view, "field-drafted", p.service.drafted.clone());
    fact_list(view, "field-awards", p.awards.clone());
    fact_list(
        view,
        "field-database-records",
        p.memorial_refs
            .iter()
            .map(|r| format!("{}: {}", t.label("external-db", r.db), r.record))
            .collect(),
    );
    if let Some(portrait) = &p.portrait {
        let alt = t.args("portrait-alt", &[("name", p.name.full().into())]);
        view.images.push(image(portrait, &alt));
    }
    provenance(view, p);
    text(view, "section-biography", &p.biography);
    // Present only when the gate left it in: a health consent exists, or the viewer is staff.
    text(view, "section-health", &p.health);
    sources(view, &p.sources, refs);
}

/// Marks the facts a family's account filled («со слов семьи»), so that a reader tells the
/// family's memory from what the museum checked in documents.
fn provenance(view: &mut RecordView, p: &Person) {
    use letopis_core::contribution::MergeField;
    let t = view.t;
    for source in &p.field_sources {
        let key = match MergeField::from_code(&source.field) {
            Some(MergeField::Patronymic) => "field-full-name",
            Some(MergeField::Birth | MergeField::Death) => "field-life-dates",
            Some(MergeField::BirthPlace) => "field-birth-place",
            Some(MergeField::Fate) => "field-fate",
            Some(MergeField::Rank) => "field-rank",
            Some(MergeField::Unit) => "field-unit",
            Some(MergeField::Awards) => "field-awards",
            None => continue,
        };
        let label = t.msg(key);
        let note = match &source.credit {
            Some(credit) => t.args("field-from-family-credited", &[("credit", credit.into())]),
            None => t.msg("field-from-family"),
        };
        if let Some(fact) = view.facts.iter_mut().find(|f| f.label == label) {
            fact.note = note;
        }
    }
}
