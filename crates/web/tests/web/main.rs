//! Integration tests: the real server over a real database, driven over HTTP.

mod basics;
mod gate;
mod map;
mod player;
mod portal;
mod seo;
mod support;
