//! Page sizes. Page numbers, sorts and filters are parsed in `listing.rs`, once for pages and
//! the API.

/// Records per page on the public site.
pub const PAGE_SIZE: u64 = 50;
/// The most records one API call may ask for.
pub const API_MAX_PER_PAGE: u64 = 100;
