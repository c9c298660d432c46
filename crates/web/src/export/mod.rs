//! Bulk exports (issue #19): the public base, kind by kind, for anyone who wants to keep or
//! reuse it — a library, a school, a researcher, another museum.
//!
//! - `/export/{plural}.csv` — for a spreadsheet: UTF-8 with a BOM and `;`, which Excel in a
//!   Russian locale opens as it is; `/export/{plural}.utf8.csv` — plain UTF-8 with `,`, for
//!   programs. Persons have the importer's Russian columns, so a working group's file goes out
//!   and comes back in the same shape;
//! - `/export/{plural}.jsonl` — JSON Lines, one record a line, as `/api/v1/{plural}/{id}` gives
//!   it (with its visible relations);
//! - `/export/{plural}.dc.xml` — Dublin Core of every record of the kind, and
//!   `/export/dc/{plural}/{id}.xml` of one, as OAI-PMH serves it;
//! - `/studio/export/{plural}.jsonl` — for administrators, the whole records as the studio
//!   sees them: drafts, withdrawn records, every field (`studio_whole`).
//!
//! Every record goes through the gate's [`Gate::seen`](crate::gate::Gate::seen), as its page
//! does — the projection, the redaction of hidden references and health data — and the files
//! are streamed page by page, so a 100,000-person base is never held in memory.

mod columns;
mod files;
mod page;

use crate::App;
use axum::Router;
use axum::routing::get;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/export", get(page::page))
        .route("/export/{file}", get(files::public))
        .route("/export/dc/{plural}/{file}", get(files::one_dc))
        .route("/studio/export/{file}", get(files::studio_whole))
}
