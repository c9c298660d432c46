//! Browser tests: the real server, a real headless Chromium. See the crate docs for how to write
//! one, and `LETOPIS_SKIP_BROWSER=1` for machines without Chromium.

mod a11y;
mod conference;
mod contributions;
mod deployment;
mod districts;
mod excursions;
mod harness;
mod html;
mod iiif;
mod kiosk;
mod layout;
mod lessons;
mod map;
mod media_plan;
mod namesakes;
mod player;
mod prefs;
mod requests;
mod share;
mod studio;
mod studio_en;
