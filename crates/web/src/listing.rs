//! What a browse request asks for — page, sort, facet filters — parsed once from the query
//! string for the list pages and the JSON API, and written back into every link so that paging,
//! sorting and filtering keep each other's place.
//!
//! Pairs are read as a list, not a struct, because a facet may repeat (`fate=killed&fate=missing`
//! means either). Page numbers, page sizes and sort orders that cannot be understood are the
//! visitor's mistake and get a 400 in their language; a filter the museum does not know is
//! ignored on pages (with a note) so that an old bookmark still opens, and refused by the API,
//! whose callers are programs and should hear about it.

use crate::shell::error::AppError;
use crate::shell::i18n::Message;
use crate::shell::paging::{API_MAX_PER_PAGE, PAGE_SIZE};
use crate::shell::prefs::encode_component;
use letopis_core::Kind;
use letopis_core::entities::{
    EventType, Fate, ItemType, OrgType, PersonRole, PlaceType, SourceType,
};
use letopis_core::facet::{FacetName, period_values};
use letopis_store::{ListQuery, Order};
use serde::de::DeserializeOwned;

/// Beyond this a page number is not a place in any list but a typo or a probe.
pub const MAX_PAGE: u64 = 1_000_000;
/// More filters than any form can produce.
const MAX_FILTERS: usize = 50;
/// A tag or a district longer than this is not one.
const MAX_VALUE_LEN: usize = 200;

/// The list orders a visitor can choose, by their codes in `?sort=`.
pub const SORTS: [(&str, Order); 3] = [
    ("name", Order::Title),
    ("date", Order::Date),
    ("new", Order::Recent),
];

/// A parsed browse request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListRequest {
    pub kind: Kind,
    pub page: u64,
    pub per_page: u64,
    /// The code from [`SORTS`]; `name` unless chosen.
    pub sort: &'static str,
    pub filters: Vec<(FacetName, String)>,
    /// `name=value` pairs the page ignored, to tell the visitor.
    pub ignored: Vec<String>,
}

/// Where a request comes from decides how strict its parsing is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    Page,
    Api,
}

impl ListRequest {
    pub fn parse(kind: Kind, pairs: &[(String, String)], caller: Caller) -> Result<Self, AppError> {
        let mut request = ListRequest {
            kind,
            page: 1,
            per_page: PAGE_SIZE,
            sort: "name",
            filters: Vec::new(),
            ignored: Vec::new(),
        };
        for (name, value) in pairs {
            let value = value.trim();
            match name.as_str() {
                "page" => request.page = parse_page(value)?,
                "per_page" if caller == Caller::Api => request.per_page = parse_per_page(value)?,
                "sort" => request.sort = parse_sort(value)?,
                // Handled by the preferences layer.
                "lang" => {}
                _ if value.is_empty() => {}
                _ => match FacetName::from_code(name) {
                    Some(facet) if valid_value(kind, facet, value) => {
                        request.filters.push((facet, value.to_string()))
                    }
                    _ if caller == Caller::Api => {
                        return Err(AppError::BadRequest(
                            Message::new("error-filter")
                                .arg("name", name.as_str())
                                .arg("value", value),
                        ));
                    }
                    _ => request.ignored.push(format!("{name}={value}")),
                },
            }
        }
        request.filters.sort();
        request.filters.dedup();
        if request.filters.len() > MAX_FILTERS {
            return Err(AppError::BadRequest(
                Message::new("error-too-many-filters").arg("max", MAX_FILTERS.to_string()),
            ));
        }
        Ok(request)
    }

    pub fn order(&self) -> Order {
        SORTS
            .iter()
            .find(|(code, _)| *code == self.sort)
            .map_or(Order::Title, |(_, o)| *o)
    }

    /// The store query for this page. Page 0 does not exist: it asks only for the total.
    pub fn query(&self) -> ListQuery {
        let mut query = ListQuery::catalogue(self.kind);
        query.order = self.order();
        query.filters = self.filters.clone();
        match self.page.checked_sub(1) {
            Some(before) => {
                query.offset = before.saturating_mul(self.per_page);
                query.limit = self.per_page;
            }
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

    pub fn is_selected(&self, facet: FacetName, value: &str) -> bool {
        self.filters.iter().any(|(n, v)| *n == facet && v == value)
    }

    /// The address of this list with `filters`, this sort and `page` (1 is left out, so that
    /// the first page has one address).
    pub fn href_with(&self, filters: &[(FacetName, String)], sort: &str, page: u64) -> String {
        let mut pairs: Vec<String> = filters
            .iter()
            .map(|(n, v)| format!("{}={}", n.code(), encode_component(v)))
            .collect();
        if sort != "name" {
            pairs.push(format!("sort={sort}"));
        }
        if page != 1 {
            pairs.push(format!("page={page}"));
        }
        let base = format!("/{}", self.kind.plural());
        if pairs.is_empty() {
            base
        } else {
            format!("{base}?{}", pairs.join("&"))
        }
    }

    /// Another page of the same list.
    pub fn page_href(&self, page: u64) -> String {
        self.href_with(&self.filters, self.sort, page)
    }

    /// The same filters in another order, from the first page.
    pub fn sort_href(&self, sort: &str) -> String {
        self.href_with(&self.filters, sort, 1)
    }

    /// The list without one filter, from the first page.
    pub fn without_href(&self, facet: FacetName, value: &str) -> String {
        let rest: Vec<(FacetName, String)> = self
            .filters
            .iter()
            .filter(|(n, v)| !(*n == facet && v == value))
            .cloned()
            .collect();
        self.href_with(&rest, self.sort, 1)
    }
}

pub(crate) fn parse_page(text: &str) -> Result<u64, AppError> {
    if text.is_empty() {
        return Ok(1);
    }
    match text.parse::<u64>() {
        Ok(n) if n <= MAX_PAGE => Ok(n),
        Ok(_) => Err(AppError::BadRequest(
            Message::new("error-page-too-large")
                .arg("value", text)
                .arg("max", MAX_PAGE.to_string()),
        )),
        Err(_) => Err(AppError::BadRequest(
            Message::new("error-page-number").arg("value", text),
        )),
    }
}

fn parse_per_page(text: &str) -> Result<u64, AppError> {
    if text.is_empty() {
        return Ok(PAGE_SIZE);
    }
    text.parse::<u64>()
        .ok()
        .filter(|n| (1..=API_MAX_PER_PAGE).contains(n))
        .ok_or_else(|| {
            AppError::BadRequest(
                Message::new("error-per-page")
                    .arg("max", API_MAX_PER_PAGE.to_string())
                    .arg("value", text),
            )
        })
}

fn parse_sort(text: &str) -> Result<&'static str, AppError> {
    if text.is_empty() {
        return Ok("name");
    }
    SORTS
        .iter()
        .map(|(code, _)| *code)
        .find(|code| *code == text)
        .ok_or_else(|| AppError::BadRequest(Message::new("error-sort").arg("value", text)))
}

/// Whether `value` is a value the facet can have for this kind; unknown codes would only ever
/// match nothing, so they are treated as the typos they are.
fn valid_value(kind: Kind, facet: FacetName, value: &str) -> bool {
    match facet {
        FacetName::Type => match kind {
            Kind::Person => is_code::<PersonRole>(value),
            Kind::Place => is_code::<PlaceType>(value),
            Kind::Item => is_code::<ItemType>(value),
            Kind::Event => is_code::<EventType>(value),
            Kind::Organization => is_code::<OrgType>(value),
            Kind::Source => is_code::<SourceType>(value),
            Kind::Interview | Kind::Story | Kind::Collection => false,
        },
        FacetName::Fate => kind == Kind::Person && Fate::from_code(value).is_some(),
        FacetName::Period => period_values().iter().any(|p| p == value),
        FacetName::Place => value.parse::<u64>().is_ok_and(|id| id > 0),
        FacetName::District | FacetName::Tag => value.chars().count() <= MAX_VALUE_LEN,
        FacetName::Born => {
            kind == Kind::Person && value.parse::<i32>().is_ok_and(|y| y % 10 == 0 && y > 0)
        }
        // Search narrows namesakes by them; the lists do not count them.
        FacetName::Birthplace | FacetName::Unit => false,
    }
}

fn is_code<T: DeserializeOwned>(value: &str) -> bool {
    serde_json::from_value::<T>(serde_json::Value::String(value.to_string())).is_ok()
}

/// The label-key prefix of a kind's type values (`role-soldier`, `place-type-station`).
pub fn type_prefix(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Person => Some("role"),
        Kind::Place => Some("place-type"),
        Kind::Item => Some("item-type"),
        Kind::Event => Some("event-type"),
        Kind::Organization => Some("org-type"),
        Kind::Source => Some("source-type"),
        Kind::Interview | Kind::Story | Kind::Collection => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    fn page(list: &[(&str, &str)]) -> Result<ListRequest, AppError> {
        ListRequest::parse(Kind::Person, &pairs(list), Caller::Page)
    }

    #[test]
    fn filters_repeat_and_unknown_ones_are_noted_on_pages() {
        let r = page(&[
            ("fate", "missing"),
            ("fate", "killed"),
            ("colour", "red"),
            ("fate", "eaten"),
            ("type", "soldier"),
            ("tag", ""),
        ])
        .unwrap();
        assert_eq!(
            r.filters,
            [
                (FacetName::Type, "soldier".into()),
                (FacetName::Fate, "killed".into()),
                (FacetName::Fate, "missing".into()),
            ]
        );
        assert_eq!(r.ignored, ["colour=red", "fate=eaten"]);
    }

    #[test]
    fn a_list_narrows_by_birth_decade_but_leaves_places_and_units_to_search() {
        let r = page(&[
            ("born", "1920"),
            ("born", "1925"),
            ("birthplace", "Химки"),
            ("unit", "20-я армия"),
        ])
        .unwrap();
        assert_eq!(r.filters, [(FacetName::Born, "1920".into())]);
        assert_eq!(
            r.ignored,
            ["born=1925", "birthplace=Химки", "unit=20-я армия"]
        );
    }

    #[test]
    fn the_api_refuses_what_it_does_not_know() {
        let err = ListRequest::parse(Kind::Person, &pairs(&[("fate", "eaten")]), Caller::Api)
            .unwrap_err();
        assert!(err.to_string().contains("eaten"), "{err}");
        assert!(
            ListRequest::parse(Kind::Place, &pairs(&[("fate", "killed")]), Caller::Api).is_err()
        );
    }

    #[test]
    fn absurd_pages_and_sorts_are_refused() {
        for bad in ["999999999999", "-1", "abc", "1.5"] {
            assert!(page(&[("page", bad)]).is_err(), "{bad}");
        }
        assert!(page(&[("sort", "random")]).is_err());
        assert_eq!(page(&[("page", "7")]).unwrap().page, 7);
    }

    #[test]
    fn links_keep_filters_and_sort_and_reset_the_page() {
        let r = page(&[("district", "Сходня"), ("sort", "date"), ("page", "3")]).unwrap();
        assert_eq!(
            r.page_href(4),
            "/persons?district=%D0%A1%D1%85%D0%BE%D0%B4%D0%BD%D1%8F&sort=date&page=4"
        );
        assert_eq!(
            r.sort_href("name"),
            "/persons?district=%D0%A1%D1%85%D0%BE%D0%B4%D0%BD%D1%8F"
        );
        assert_eq!(
            r.without_href(FacetName::District, "Сходня"),
            "/persons?sort=date"
        );
        assert_eq!(r.query().offset, 100);
    }
}
