//! Search over the information base: an embedded tantivy index of every record and of every
//! interview moment, kept in step with the base through the change feed.
//!
//! - [`SearchIndex`] is the index on disk (`<data>/search/`); [`SearchIndex::search`] and
//!   [`SearchIndex::suggest`] answer queries for one viewer.
//! - [`Indexer`] writes it: a full build ([`Indexer::rebuild`]) and a follower of the change
//!   feed ([`Indexer::catch_up`], run by [`Follower`] beside the portal).
//!
//! The gate holds at query time three times over: documents carry their record's audience and
//! are filtered by the viewer's `ViewerFilter`; records changed since the last commit are left
//! out until re-indexed; and callers fetch the records of the hits from the store and pass them
//! through `Audience::admits` before showing anything.

mod analysis;
mod build;
mod collect;
mod document;
mod duplicates;
mod error;
mod gate;
mod gazetteer;
mod highlight;
mod index;
mod indexer;
mod parse;
mod pending;
mod request;
mod schema;
mod search;
mod spell;
mod suggest;

pub use duplicates::{Described, LIKELY, Likely, weigh};
pub use error::SearchError;
pub use highlight::Highlighted;
pub use index::{Rebuild, SearchIndex};
pub use indexer::{Alongside, AlongsideReport, BuildReport, Follower, Indexer, POLL};
pub use parse::MAX_QUERY_CHARS;
pub use request::{BadParam, DEFAULT_PER_PAGE, MAX_PAGE, MAX_PER_PAGE, Request, Sort};
pub use search::{FacetCount, Hit, Moment, NAMESAKES_SHOWN, Results, counts_of, kind_counts};
pub use suggest::{MAX_SUGGESTIONS, Suggestion};
