//! Page numbers and page sizes from the query string, parsed once for pages and the API.

use crate::error::AppError;
use crate::i18n::Message;
use letopis_core::Kind;
use letopis_store::ListQuery;
use serde::Deserialize;

/// Records per page on the public site.
pub const PAGE_SIZE: u64 = 50;
/// The most records one API call may ask for.
pub const API_MAX_PER_PAGE: u64 = 100;

/// The raw query; kept as text so that a bad value gets our translated message, not serde's.
#[derive(Debug, Deserialize, Default)]
pub struct PageParams {
    page: Option<String>,
    per_page: Option<String>,
}

/// A valid page request. Page 0 and pages past the end are valid but empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub page: u64,
    pub per_page: u64,
}

impl Paging {
    /// For the public pages: the page size is fixed.
    pub fn for_pages(params: &PageParams) -> Result<Paging, AppError> {
        Ok(Paging {
            page: parse_page(params.page.as_deref())?,
            per_page: PAGE_SIZE,
        })
    }

    /// For the API: the client may choose the page size up to [`API_MAX_PER_PAGE`].
    pub fn for_api(params: &PageParams) -> Result<Paging, AppError> {
        let per_page = match params.per_page.as_deref().map(str::trim) {
            None | Some("") => PAGE_SIZE,
            Some(text) => text
                .parse::<u64>()
                .ok()
                .filter(|n| (1..=API_MAX_PER_PAGE).contains(n))
                .ok_or_else(|| {
                    AppError::BadRequest(
                        Message::new("error-per-page")
                            .arg("max", API_MAX_PER_PAGE.to_string())
                            .arg("value", text),
                    )
                })?,
        };
        Ok(Paging {
            page: parse_page(params.page.as_deref())?,
            per_page,
        })
    }

    pub fn query(&self, kind: Kind) -> ListQuery {
        let mut query = ListQuery::new(kind);
        match self.page.checked_sub(1) {
            Some(before) => {
                query.offset = before.saturating_mul(self.per_page);
                query.limit = self.per_page;
            }
            // Page 0 does not exist: ask only for the total.
            None => query.limit = 0,
        }
        query
    }

    pub fn last_page(&self, total: u64) -> u64 {
        total.div_ceil(self.per_page).max(1)
    }

    pub fn in_range(&self, total: u64) -> bool {
        (1..=self.last_page(total)).contains(&self.page)
    }
}

fn parse_page(raw: Option<&str>) -> Result<u64, AppError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(1),
        Some(text) => text.parse::<u64>().map_err(|_| {
            AppError::BadRequest(Message::new("error-page-number").arg("value", text))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(page: Option<&str>, per_page: Option<&str>) -> PageParams {
        PageParams {
            page: page.map(Into::into),
            per_page: per_page.map(Into::into),
        }
    }

    #[test]
    fn pages_parse_or_explain() {
        assert_eq!(
            Paging::for_pages(&params(None, None)).map(|p| p.page),
            Ok(1)
        );
        assert_eq!(
            Paging::for_pages(&params(Some("3"), None)).map(|p| p.page),
            Ok(3)
        );
        let err = Paging::for_pages(&params(Some("abc"), None)).unwrap_err();
        assert!(err.to_string().contains("«abc»"));
        assert!(Paging::for_pages(&params(Some("-1"), None)).is_err());
    }

    #[test]
    fn api_page_size_is_limited() {
        assert_eq!(
            Paging::for_api(&params(None, Some("100"))).map(|p| p.per_page),
            Ok(100)
        );
        assert!(Paging::for_api(&params(None, Some("101"))).is_err());
        assert!(Paging::for_api(&params(None, Some("0"))).is_err());
    }

    #[test]
    fn offsets_and_ranges() {
        let p = Paging {
            page: 3,
            per_page: 50,
        };
        assert_eq!(p.query(Kind::Person).offset, 100);
        assert!(p.in_range(101) && !p.in_range(100));
        let zero = Paging { page: 0, ..p };
        assert_eq!(zero.query(Kind::Person).limit, 0);
        assert!(!zero.in_range(10));
        let first = Paging { page: 1, ..p };
        assert!(
            first.in_range(0),
            "an empty section still has its first page"
        );
    }
}
