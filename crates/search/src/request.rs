//! A search request as the portal and the API receive it (`?q=…&kind=person&fate=killed&sort=date
//! &page=2`), parsed once for both. Values that cannot mean anything (an unknown kind, fate,
//! period, sort or page) are refused with the parameter named, so the caller can answer 400 in
//! the visitor's language; free-text values (district, tag) that match nothing simply find
//! nothing.

use letopis_core::Kind;
use letopis_core::entities::Fate;
use letopis_core::facet::{FacetName, period_values};

/// The most results one page or one API call returns.
pub const MAX_PER_PAGE: usize = 100;
pub const DEFAULT_PER_PAGE: usize = 20;
/// Pages past this are refused: nobody reads them, and deep paging costs every query.
pub const MAX_PAGE: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    Date,
    Name,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Relevance, Sort::Date, Sort::Name];

    pub fn code(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Date => "date",
            Sort::Name => "name",
        }
    }

    pub fn from_code(code: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|s| s.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub text: String,
    /// Record kinds to keep (any of them); empty means every kind.
    pub kinds: Vec<Kind>,
    /// Facet filters: AND across names, OR within one name.
    pub filters: Vec<(FacetName, String)>,
    pub sort: Sort,
    /// 1-based.
    pub page: usize,
    pub per_page: usize,
}

impl Request {
    pub fn new(text: impl Into<String>) -> Request {
        Request {
            text: text.into(),
            kinds: Vec::new(),
            filters: Vec::new(),
            sort: Sort::Relevance,
            page: 1,
            per_page: DEFAULT_PER_PAGE,
        }
    }

    pub fn offset(&self) -> usize {
        (self.page.saturating_sub(1)) * self.per_page
    }

    /// Reads query-string pairs; unknown parameter names are ignored (a `lang=` or a tracking
    /// parameter must not break a search).
    pub fn from_pairs(pairs: &[(String, String)]) -> Result<Request, BadParam> {
        let mut request = Request::new("");
        for (name, value) in pairs {
            let value = value.trim();
            let bad = || BadParam {
                name: name.clone(),
                value: value.chars().take(100).collect(),
            };
            match name.as_str() {
                "q" => request.text = value.to_string(),
                "kind" if value.is_empty() => {}
                "kind" => request.kinds.push(Kind::from_code(value).ok_or_else(bad)?),
                "sort" if value.is_empty() => {}
                "sort" => request.sort = Sort::from_code(value).ok_or_else(bad)?,
                "page" if value.is_empty() => {}
                "page" => {
                    request.page = value
                        .parse()
                        .ok()
                        .filter(|p| (1..=MAX_PAGE).contains(p))
                        .ok_or_else(bad)?;
                }
                "per_page" if value.is_empty() => {}
                "per_page" => {
                    request.per_page = value
                        .parse()
                        .ok()
                        .filter(|p| (1..=MAX_PER_PAGE).contains(p))
                        .ok_or_else(bad)?;
                }
                other => {
                    let Some(facet) = FacetName::from_code(other) else {
                        continue;
                    };
                    if value.is_empty() {
                        continue;
                    }
                    if !valid_value(facet, value) {
                        return Err(bad());
                    }
                    request.filters.push((facet, value.to_string()));
                }
            }
        }
        request.kinds.sort();
        request.kinds.dedup();
        request.filters.sort();
        request.filters.dedup();
        Ok(request)
    }
}

fn valid_value(facet: FacetName, value: &str) -> bool {
    match facet {
        FacetName::Fate => Fate::from_code(value).is_some(),
        FacetName::Period => period_values().iter().any(|p| p == value),
        FacetName::Place => value.parse::<u64>().is_ok(),
        FacetName::Type => value.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
        FacetName::District | FacetName::Tag => value.chars().count() <= 200,
        FacetName::Born => value.parse::<i32>().is_ok_and(|y| y > 0 && y % 10 == 0),
        FacetName::Birthplace | FacetName::Unit => {
            value.chars().count() <= letopis_core::facet::MAX_TEXT_FACET
        }
    }
}

/// A query-string parameter whose value means nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadParam {
    pub name: String,
    pub value: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn parses_and_refuses() {
        let r = Request::from_pairs(&pairs(&[
            ("q", "Иванов"),
            ("kind", "person"),
            ("fate", "killed"),
            ("sort", "date"),
            ("page", "2"),
            ("lang", "en"),
        ]))
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(r.kinds, [Kind::Person]);
        assert_eq!(r.filters, [(FacetName::Fate, "killed".to_string())]);
        assert_eq!((r.sort, r.page, r.offset()), (Sort::Date, 2, 20));
        for bad in [
            ("kind", "dragon"),
            ("fate", "eaten"),
            ("period", "1812"),
            ("place", "сходня"),
            ("sort", "random"),
            ("page", "0"),
            ("page", "x"),
            ("page", "100000"),
        ] {
            assert!(Request::from_pairs(&pairs(&[bad])).is_err(), "{bad:?}");
        }
    }

    /// A plain HTML form sends its empty fields; the API's description says an empty value is
    /// no value, and schemathesis holds the server to it.
    #[test]
    fn empty_values_are_no_values() {
        let names = [
            "q", "kind", "sort", "page", "per_page", "fate", "tag", "born",
        ];
        let empty: Vec<(&str, &str)> = names.iter().map(|n| (*n, "")).collect();
        let r = Request::from_pairs(&pairs(&empty)).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(r, Request::new(""));
    }
}
