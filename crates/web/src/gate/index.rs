//! The search index's calls. The index reads the store's change feed (to leave out records
//! changed since its last commit) and filters with the viewer's `ViewerFilter` in its own form of
//! the gate (`letopis_search::gate`); callers get ids and snippets, and read the records of the
//! hits through [`Gate`](super::Gate) like everything else.
//!
//! Every call takes a turn at the search admission (`shell::admission`) first: at most a few
//! searches run at once, which is what keeps memory bounded under a crowd.

use crate::App;
use crate::shell::error::AppError;
use crate::shell::page_cache::Noted;
use letopis_core::ViewerFilter;
use letopis_search::{Described, Likely, Request, Results, SearchError, Suggestion};

fn failed(what: &'static str) -> impl FnOnce(SearchError) -> AppError {
    move |e| {
        tracing::error!(error = %e, "{what} failed");
        AppError::Internal
    }
}

impl App {
    /// A search as `filter` allows; 503 without an index.
    pub(crate) async fn search(
        &self,
        request: Request,
        filter: ViewerFilter,
    ) -> Result<Results, AppError> {
        let index = self.search_index().ok_or(AppError::Unavailable)?;
        let _turn = self.admission.enter().await?;
        // Before searching: results from a newer index are then dropped too early, never late.
        if let Some(noted) = Noted::current() {
            noted.index_at(index.indexed_seq());
        }
        self.blocking(move |store| index.search(store, &request, &filter))
            .await?
            .map_err(failed("search"))
    }

    /// Suggestions as `filter` allows; none without an index.
    pub(crate) async fn suggest(
        &self,
        text: String,
        filter: ViewerFilter,
        limit: usize,
    ) -> Result<Vec<Suggestion>, AppError> {
        let Some(index) = self.search_index() else {
            return Ok(Vec::new());
        };
        let _turn = self.admission.enter().await?;
        if let Some(noted) = Noted::current() {
            noted.index_at(index.indexed_seq());
        }
        self.blocking(move |store| index.suggest(store, &text, &filter, limit))
            .await?
            .map_err(failed("suggestions"))
    }

    /// For each hero, the persons of the base that are likely the same person; `None` without
    /// an index.
    pub(crate) async fn likely_duplicates(
        &self,
        heroes: Vec<Described>,
        filter: ViewerFilter,
    ) -> Result<Option<Vec<Vec<Likely>>>, AppError> {
        let Some(index) = self.search_index() else {
            return Ok(None);
        };
        let _turn = self.admission.enter().await?;
        let found = self
            .blocking(move |store| {
                heroes
                    .iter()
                    .map(|h| index.likely_duplicates(store, h, &filter))
                    .collect::<Result<Vec<_>, _>>()
            })
            .await?
            .map_err(failed("duplicate search"))?;
        Ok(Some(found))
    }
}
