//! Shared HTTP infrastructure every room uses: the error type, the interface language, visitor
//! preferences, rendering and links, security and cache headers, paging, the signed-in viewer
//! and sessions, tokens and passwords, mail, the client's address and the site's base URL,
//! static assets and text formatting; the search admission and the page cache. It depends on no room (`public`, `studio`,
//! `contributions`, `api`, `seo`); see `tests/web/layering.rs`.

pub mod admission;
pub mod assets;
pub mod auth;
pub mod base_url;
pub mod error;
pub mod http_cache;
pub mod i18n;
pub mod links;
pub mod mail;
pub mod page_cache;
pub mod paging;
pub mod picture;
pub mod prefs;
pub mod render;
pub mod request_metrics;
pub mod security;
pub mod seq_cache;
pub mod session;
pub mod share_links;
pub mod text;
pub mod viewer;
