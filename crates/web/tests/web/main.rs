//! Integration tests: the real server over a real database, driven over HTTP.

mod basics;
mod browse;
mod content_gate;
mod contributions;
mod districts;
mod excursions;
mod gate;
mod hardening;
mod kiosk;
mod layering;
mod lessons;
mod map;
mod oral;
mod peak;
mod pictures;
mod player;
mod portal;
mod school;
mod search;
mod seo;
mod studio;
mod studio_english;
mod support;
mod uploads;
mod voices;
