//! Consent records (DESIGN.md, invariant 2: consent is data).
//!
//! A consent is its own record, linked to the records it covers. Whether a record that carries
//! personal data may be public is decided from the *active* consents covering it, never from a
//! checkbox on the record itself.

use crate::ids::ConsentId;
use crate::record::RecordId;
use crate::scope::{FieldScope, ScopeItem};
use crate::validation::{Checker, Invalid};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentKind {
    /// Consent to processing of personal data (152-FZ Art. 9).
    Processing,
    /// Consent to publication (dissemination) of personal data, a separate document with the
    /// subject's bans and conditions (152-FZ Art. 10.1).
    Publication,
    /// Release of rights to a recording or a work.
    Release,
    /// The heirs' consent for a deceased person.
    Heirs,
    /// An expert's documented decision that publication is in the public interest (deceased
    /// persons of historical significance).
    PublicInterest,
    /// Separate explicit consent for health data (wounds, disability).
    Health,
    /// A narrator's informed consent to be interviewed and recorded, given before recording
    /// (purpose, uses, review and preservation explained). It publishes nothing by itself.
    Informed,
}

impl ConsentKind {
    pub const ALL: [ConsentKind; 7] = [
        ConsentKind::Informed,
        ConsentKind::Processing,
        ConsentKind::Publication,
        ConsentKind::Release,
        ConsentKind::Heirs,
        ConsentKind::PublicInterest,
        ConsentKind::Health,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ConsentKind::Processing => "processing",
            ConsentKind::Publication => "publication",
            ConsentKind::Release => "release",
            ConsentKind::Heirs => "heirs",
            ConsentKind::PublicInterest => "public_interest",
            ConsentKind::Health => "health",
            ConsentKind::Informed => "informed",
        }
    }

    pub fn from_code(code: &str) -> Option<ConsentKind> {
        ConsentKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label_ru(self) -> &'static str {
        match self {
            ConsentKind::Processing => "согласие на обработку персональных данных",
            ConsentKind::Publication => "согласие на распространение персональных данных",
            ConsentKind::Release => "передача прав на запись",
            ConsentKind::Heirs => "согласие наследников",
            ConsentKind::PublicInterest => "решение о публичном интересе",
            ConsentKind::Health => "согласие на публикацию сведений о здоровье",
            ConsentKind::Informed => "информированное согласие на запись интервью",
        }
    }
}

/// A consent as recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Consent {
    pub id: ConsentId,
    pub kind: ConsentKind,
    /// The person whose data this is about, when that person is in the base.
    pub subject: Option<RecordId>,
    /// Who signed or decided (the narrator, an heir, an expert). Private: never shown publicly.
    pub granted_by: String,
    /// The records this consent covers.
    pub covers: Vec<RecordId>,
    /// What may be published, field by field; empty means the consent limits nothing.
    pub scope: Vec<ScopeItem>,
    /// The subject's bans and conditions (Art. 10.1 part 9).
    pub bans: Vec<String>,
    /// Content hash of the scanned signed document.
    pub document: Option<String>,
    pub signed_on: Date,
    pub valid_until: Option<Date>,
    pub withdrawn_at: Option<Timestamp>,
    pub withdrawn_by: Option<String>,
    pub recorded_by: String,
    pub note: Option<String>,
}

/// A consent to be recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewConsent {
    pub kind: ConsentKind,
    pub subject: Option<RecordId>,
    pub granted_by: String,
    pub covers: Vec<RecordId>,
    #[serde(default)]
    pub scope: Vec<ScopeItem>,
    #[serde(default)]
    pub bans: Vec<String>,
    #[serde(default)]
    pub document: Option<String>,
    pub signed_on: Date,
    #[serde(default)]
    pub valid_until: Option<Date>,
    #[serde(default)]
    pub note: Option<String>,
}

impl NewConsent {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checker::new();
        c.require(
            "granted_by",
            &self.granted_by,
            "Кто дал согласие или принял решение",
        );
        if self.covers.is_empty() {
            c.problem(
                "covers",
                "Укажите хотя бы одну запись, на которую распространяется согласие.",
            );
        }
        if let Some(until) = self.valid_until
            && until < self.signed_on
        {
            c.problem(
                "valid_until",
                "Срок действия согласия заканчивается раньше даты подписания.",
            );
        }
        if let Some(doc) = &self.document
            && (doc.len() != 64 || !doc.bytes().all(|b| b.is_ascii_hexdigit()))
        {
            c.problem("document", "Скан документа указан неверно.");
        }
        c.finish()
    }
}

impl Consent {
    /// In force today: signed, not expired, not withdrawn.
    pub fn is_active(&self, today: Date) -> bool {
        self.withdrawn_at.is_none()
            && self.signed_on <= today
            && self.valid_until.is_none_or(|until| today <= until)
    }
}

/// What the active consents covering one record allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ConsentBasis {
    pub publication: bool,
    pub heirs: bool,
    pub public_interest: bool,
    pub release: bool,
    pub health: bool,
    /// What the consents that can publish a living person's data allow (their own
    /// publication consents).
    pub scope_living: FieldScope,
    /// What the consents that can publish a deceased person's data allow (publication,
    /// heirs', public-interest decisions together).
    pub scope_deceased: FieldScope,
}

impl ConsentBasis {
    pub fn from_consents<'a>(consents: impl IntoIterator<Item = &'a Consent>, today: Date) -> Self {
        let mut b = ConsentBasis::default();
        for c in consents.into_iter().filter(|c| c.is_active(today)) {
            let scope = FieldScope::of(&c.scope);
            match c.kind {
                ConsentKind::Publication => {
                    b.publication = true;
                    b.scope_living = b.scope_living.union(scope);
                    b.scope_deceased = b.scope_deceased.union(scope);
                }
                ConsentKind::Heirs => {
                    b.heirs = true;
                    b.scope_deceased = b.scope_deceased.union(scope);
                }
                ConsentKind::PublicInterest => {
                    b.public_interest = true;
                    b.scope_deceased = b.scope_deceased.union(scope);
                }
                ConsentKind::Release => b.release = true,
                ConsentKind::Health => b.health = true,
                ConsentKind::Processing | ConsentKind::Informed => {}
            }
        }
        b
    }

    /// A living person's data is public only under their own publication consent; a deceased
    /// person's under the heirs' consent or a documented public-interest decision (or a
    /// publication consent they gave in their lifetime).
    pub fn allows_publication(&self, living: bool) -> bool {
        if living {
            self.publication
        } else {
            self.publication || self.heirs || self.public_interest
        }
    }

    /// The fields the consents allow for a person living or not; nothing without a consent.
    pub fn scope(&self, living: bool) -> FieldScope {
        if living {
            self.scope_living
        } else {
            self.scope_deceased
        }
    }

    /// The earliest day on which the set of active consents may change by itself (a term runs
    /// out or a signed consent comes into force), so that the store can re-derive audiences then.
    pub fn next_change<'a>(
        consents: impl IntoIterator<Item = &'a Consent>,
        today: Date,
    ) -> Option<Date> {
        consents
            .into_iter()
            .filter(|c| c.withdrawn_at.is_none())
            .filter_map(|c| {
                if c.signed_on > today {
                    Some(c.signed_on)
                } else {
                    c.valid_until
                        .filter(|u| *u >= today)
                        .and_then(|u| u.tomorrow().ok())
                }
            })
            .min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn consent(kind: ConsentKind) -> Consent {
        Consent {
            id: ConsentId(1),
            kind,
            subject: Some(RecordId(1)),
            granted_by: "Петрова А. И.".into(),
            covers: vec![RecordId(1)],
            scope: vec![],
            bans: vec![],
            document: None,
            signed_on: date(2024, 5, 1),
            valid_until: None,
            withdrawn_at: None,
            withdrawn_by: None,
            recorded_by: "test".into(),
            note: None,
        }
    }

    const TODAY: jiff::civil::Date = date(2026, 11, 26);

    #[test]
    fn living_person_needs_own_publication_consent() {
        let heirs = consent(ConsentKind::Heirs);
        let b = ConsentBasis::from_consents([&heirs], TODAY);
        assert!(!b.allows_publication(true));
        assert!(b.allows_publication(false));
        let publ = consent(ConsentKind::Publication);
        let b = ConsentBasis::from_consents([&publ], TODAY);
        assert!(b.allows_publication(true));
    }

    #[test]
    fn processing_consent_is_not_publication() {
        let p = consent(ConsentKind::Processing);
        let b = ConsentBasis::from_consents([&p], TODAY);
        assert!(!b.allows_publication(true));
        assert!(!b.allows_publication(false));
    }

    #[test]
    fn withdrawn_or_expired_consent_counts_for_nothing() {
        let mut w = consent(ConsentKind::Publication);
        w.withdrawn_at = Some(Timestamp::UNIX_EPOCH);
        let mut e = consent(ConsentKind::Publication);
        e.valid_until = Some(date(2025, 1, 1));
        let b = ConsentBasis::from_consents([&w, &e], TODAY);
        assert!(!b.allows_publication(true));
    }

    #[test]
    fn next_change_is_the_day_after_expiry() {
        let mut e = consent(ConsentKind::Publication);
        e.valid_until = Some(date(2027, 3, 1));
        assert_eq!(
            ConsentBasis::next_change([&e], TODAY),
            Some(date(2027, 3, 2))
        );
    }

    #[test]
    fn validation_explains_in_russian() {
        let n = NewConsent {
            kind: ConsentKind::Publication,
            subject: None,
            granted_by: " ".into(),
            covers: vec![],
            scope: vec![],
            bans: vec![],
            document: Some("../../etc".into()),
            signed_on: date(2024, 1, 1),
            valid_until: Some(date(2023, 1, 1)),
            note: None,
        };
        let err = n.validate().unwrap_err();
        assert_eq!(err.problems.len(), 4);
        assert!(err.problems[0].message.contains("Заполните"));
    }
}
