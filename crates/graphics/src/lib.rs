//! What the portal draws itself rather than asks a browser to: share cards — the 1200×630
//! pictures a messenger shows beside a shared link — and printed posters. Both use the site's own
//! fonts (PT Sans and PT Serif, the same letters as the pages), embedded as TrueType in
//! `assets/fonts/` (made from the vendored WOFF2 files by `tools/embedded-fonts.py`).

pub mod card;
mod draw;
pub mod fonts;
pub mod poster;
pub mod report;
pub mod text;
