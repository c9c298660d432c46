//! The studio's desk: the writes, and the whole-record reads a write needs (history, the
//! consents covering a record, its ties, who still shows a file), each behind the studio's gate.
//! A record the person may not open has no history, no consents and no ties here.

use super::Gate;
use crate::App;
use crate::shell::error::AppError;
use letopis_core::consent::Consent;
use letopis_core::history::{Actor, Revision, Subject};
use letopis_core::record::RecordId;
use letopis_core::{Relation, Viewer};
use letopis_store::{Op, Outcome, Store, StoreError};

/// The base as one person of the museum may change it, today.
pub struct Desk<'a> {
    store: &'a dyn Store,
    gate: Gate<'a>,
}

impl<'a> Desk<'a> {
    /// Reads through the studio's gate: records whole, if the person may open them.
    pub fn gate(&self) -> &Gate<'a> {
        &self.gate
    }

    /// Writes `ops` in one transaction. A refusal (a conflict, an invalid body, a step the
    /// workflow forbids) is the store's error, for the page to explain.
    pub fn apply(&self, actor: &Actor, ops: Vec<Op>) -> Result<Vec<Outcome>, StoreError> {
        self.store.apply(actor, ops, letopis_core::today())
    }

    fn opens(&self, id: RecordId) -> Result<bool, AppError> {
        Ok(self.gate.get(id)?.is_some())
    }

    /// Every revision of a record the person may open, oldest first.
    pub fn history(&self, id: RecordId) -> Result<Vec<Revision>, AppError> {
        if !self.opens(id)? {
            return Ok(Vec::new());
        }
        Ok(self.store.history(Subject::Record(id))?)
    }

    /// The consents (in force or not) that cover a record the person may open.
    pub fn consents_covering(&self, id: RecordId) -> Result<Vec<Consent>, AppError> {
        if !self.opens(id)? {
            return Ok(Vec::new());
        }
        Ok(self.store.consents_covering(id)?)
    }

    /// One consent, if it covers a record the person may open.
    pub fn consent(&self, id: i64) -> Result<Option<Consent>, AppError> {
        let Some(consent) = self.store.consent(letopis_core::ConsentId(id))? else {
            return Ok(None);
        };
        for covered in &consent.covers {
            if self.opens(*covered)? {
                return Ok(Some(consent));
            }
        }
        Ok(None)
    }

    /// The ties of a record the person may open whose other end they may open too.
    pub fn relations(&self, id: RecordId) -> Result<Vec<Relation>, AppError> {
        if !self.opens(id)? {
            return Ok(Vec::new());
        }
        let ties = self.store.relations(id)?;
        let others: Vec<RecordId> = ties
            .iter()
            .map(|r| if r.from == id { r.to } else { r.from })
            .collect();
        let open: Vec<RecordId> = self
            .gate
            .many(&others)?
            .iter()
            .map(|r| r.record.id())
            .collect();
        Ok(ties
            .into_iter()
            .filter(|r| open.contains(if r.from == id { &r.to } else { &r.from }))
            .collect())
    }

    /// Whether any record, open to this person or not, still shows the file: a file is removed
    /// only when none does. Says nothing of those records.
    pub fn file_in_use(&self, sha256: &str) -> Result<bool, AppError> {
        Ok(!self.store.media_users(sha256)?.is_empty())
    }

    /// Erases `fields` of a record the person may open from every stored revision (a
    /// destruction the narrator's withdrawal or the law requires); the erased values, for the
    /// files they named.
    pub fn erase_from_history(
        &self,
        id: RecordId,
        fields: &[&str],
    ) -> Result<Vec<serde_json::Value>, AppError> {
        if !self.opens(id)? {
            return Ok(Vec::new());
        }
        Ok(self.store.erase_from_history(id, fields)?)
    }
}

impl App {
    /// Runs `work` at the desk of `viewer` (a person of the museum) on the blocking pool.
    pub(crate) async fn desk<T, F>(&self, viewer: Viewer, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Desk<'_>) -> Result<T, AppError> + Send + 'static,
    {
        self.blocking(move |store| {
            let desk = Desk {
                store,
                gate: Gate::studio(store, &viewer, letopis_core::today()),
            };
            work(&desk)
        })
        .await?
    }

    /// The museum's own desk, for duties no signed-in person performs: a family's withdrawal
    /// through its private link, the council's sums ([`Viewer::museum`]).
    pub(crate) async fn museum_desk<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Desk<'_>) -> Result<T, AppError> + Send + 'static,
    {
        self.desk(Viewer::museum(), work).await
    }
}
