//! `GET /memory-book?page=N`: «Книга памяти» — the town's fallen as a book to read and to print:
//! alphabetical, under their initial letters, each with portrait, dates, fate, service and the
//! opening of the biography, generated from the published base through the one gate.
//!
//! The fallen are the persons whose fate is killed, missing, died of wounds or in captivity.
//! Pages hold [`PER_PAGE`] entries so that a page prints in reasonable size; the print style
//! drops the site's navigation and keeps each entry on one sheet.

use super::record::view::{Image, image};
use super::{Layout, PageContext, record_href, render_html};
use crate::listing::parse_page;
use crate::shell::error::AppError;
use crate::shell::i18n::{Message, Tr};
use crate::{App, CurrentViewer};
use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::Html;
use letopis_core::entities::Fate;
use letopis_core::facet::FacetName;
use letopis_core::{Body, Kind};
use letopis_store::{ListQuery, Order};
use serde::Deserialize;

/// Entries on one page of the book.
pub const PER_PAGE: u64 = 40;
/// How much of a biography the book quotes.
const BIOGRAPHY_CHARS: usize = 300;
const FALLEN: [Fate; 4] = [
    Fate::Killed,
    Fate::Missing,
    Fate::DiedOfWounds,
    Fate::DiedInCaptivity,
];

#[derive(Debug, Deserialize, Default)]
pub struct BookParams {
    page: Option<String>,
}

struct Entry {
    name: String,
    href: String,
    /// «1915 — март 1943»
    years: String,
    fate: String,
    service: String,
    biography: String,
    portrait: Option<Image>,
}

struct Letter {
    letter: String,
    entries: Vec<Entry>,
}

#[derive(Template)]
#[template(path = "public/memory_book.html")]
struct BookPage {
    layout: Layout,
    t: Tr,
    letters: Vec<Letter>,
    count: String,
    page: u64,
    last: u64,
    position: String,
}

pub async fn page(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
    query: Result<Query<BookParams>, QueryRejection>,
) -> Result<Html<String>, AppError> {
    let params = query.map(|Query(p)| p).map_err(|e| {
        tracing::debug!(error = %e, "malformed query string");
        AppError::BadRequest(Message::new("error-query-string"))
    })?;
    let page = parse_page(params.page.as_deref().unwrap_or("").trim())?.max(1);
    let mut list = ListQuery::new(Kind::Person);
    list.order = Order::Title;
    list.limit = PER_PAGE;
    list.offset = (page - 1) * PER_PAGE;
    list.filters = FALLEN
        .iter()
        .map(|f| (FacetName::Fate, f.code().to_string()))
        .collect();
    let found = app.read(viewer, move |gate| gate.list(&list)).await?;
    let last = found.total.div_ceil(PER_PAGE).max(1);
    if page > last {
        return Err(AppError::NotFound);
    }
    let t = ctx.t;
    let mut letters: Vec<Letter> = Vec::new();
    for stored in found.items {
        let Body::Person(p) = &stored.record.body else {
            continue;
        };
        let name = p.name.full();
        let letter: String = name
            .chars()
            .next()
            .map(|c| c.to_uppercase().collect())
            .unwrap_or_default();
        let years = [t.date_opt(p.birth.as_ref()), t.date_opt(p.death.as_ref())]
            .iter()
            .filter(|s| !s.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" — ");
        let service = [p.service.rank.as_str(), p.service.unit.as_str()]
            .iter()
            .filter(|s| !s.trim().is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        let entry = Entry {
            href: record_href(Kind::Person, &stored.record.meta.slug),
            years,
            fate: p
                .fate
                .map(|f| capitalized(&t.label("fate", f)))
                .unwrap_or_default(),
            service,
            biography: opening(&p.biography),
            portrait: p
                .portrait
                .as_ref()
                .map(|m| image(m, &t.args("portrait-alt", &[("name", name.clone().into())]))),
            name,
        };
        match letters.last_mut() {
            Some(l) if l.letter == letter => l.entries.push(entry),
            _ => letters.push(Letter {
                letter,
                entries: vec![entry],
            }),
        }
    }
    let layout = ctx.layout(&app, t.msg("memory-book-title"));
    let count = t.count_with("memory-book-count", found.total, &[]);
    let position = t.args(
        "pager-position",
        &[
            ("page", page.to_string().into()),
            ("last", last.to_string().into()),
        ],
    );
    render_html(&BookPage {
        layout,
        t,
        letters,
        count,
        page,
        last,
        position,
    })
}

/// «пропал без вести» → «Пропал без вести»: the fate opens its line.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The biography's opening, cut at a sentence or word end near [`BIOGRAPHY_CHARS`].
fn opening(biography: &str) -> String {
    let text = biography.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= BIOGRAPHY_CHARS {
        return text;
    }
    let cut: String = text.chars().take(BIOGRAPHY_CHARS).collect();
    if let Some(end) = cut.rfind(". ") {
        return cut[..=end].trim_end().to_string();
    }
    match cut.rfind(' ') {
        Some(space) => format!("{}…", &cut[..space]),
        None => format!("{cut}…"),
    }
}

#[cfg(test)]
mod tests {
    use super::opening;

    #[test]
    fn a_long_biography_is_cut_at_a_sentence_or_a_word() {
        assert_eq!(
            opening("Токарь.  Ушёл\nдобровольцем."),
            "Токарь. Ушёл добровольцем."
        );
        let long = format!("{}. {}", "Слово ".repeat(30).trim(), "Ещё ".repeat(60));
        let cut = opening(&long);
        assert!(cut.ends_with('.') && cut.chars().count() <= 300, "{cut}");
        let words = "Слово ".repeat(80);
        assert!(opening(&words).ends_with("Слово…"));
    }
}
