//! Micro-districts (issue #18): `/districts` lists them, `/districts/{slug}` shows one — its
//! places, the people tied to them, the voices recorded there, stories, events, what to visit,
//! a map and the venues that promote the project there — and `/districts/{slug}/poster.pdf`
//! (A4, `?size=a3`) and `/districts/{slug}/leaflet.pdf` print it for a library's wall and the
//! territorial office. These addresses go onto paper: keep them.
//!
//! A micro-district is the `district` text of the places; everything about it is read through
//! the gate ([`gather`]), so a pupil's or a kiosk's page, and the poster printed from it, hold
//! only what that viewer may see. Venues are the council's (`studio::venues`); the public sees
//! their name, kind and address, never the contact.

mod gather;
mod page;
mod print;

use crate::App;
use axum::Router;
use axum::routing::get;

pub use gather::districts as all;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/districts", get(page::index))
        .route("/districts/{slug}", get(page::page))
        .route("/districts/{slug}/poster.pdf", get(print::poster))
        .route("/districts/{slug}/leaflet.pdf", get(print::leaflet))
}
