//! The public site: server-rendered pages in Russian, one file per page area.

pub mod home;
pub mod list;
pub mod record;
mod record_view;

use crate::App;
use crate::error::AppError;
use askama::Template;
use axum::response::Html;
use letopis_core::Kind;

/// What the base layout needs: the site's name, the page title and the section menu.
pub struct Layout {
    pub site_name: String,
    /// Empty on the home page, where the site name is the title.
    pub title: String,
    pub sections: Vec<Link>,
}

impl Layout {
    pub fn new(app: &App, title: impl Into<String>) -> Layout {
        Layout {
            site_name: app.config().site_name.clone(),
            title: title.into(),
            sections: Kind::ALL
                .into_iter()
                .map(|k| Link::new(section_href(k), k.plural_ru()))
                .collect(),
        }
    }
}

/// A link with an optional one-line note under it.
#[derive(Debug, Clone)]
pub struct Link {
    pub href: String,
    pub label: String,
    pub note: String,
}

impl Link {
    pub fn new(href: impl Into<String>, label: impl Into<String>) -> Link {
        Link {
            href: href.into(),
            label: label.into(),
            note: String::new(),
        }
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Link {
        self.note = note.into();
        self
    }
}

pub fn section_href(kind: Kind) -> String {
    format!("/{}", kind.plural())
}

/// The page of a record. Slugs are ASCII by construction; anything else is percent-encoded so a
/// bad slug can never break out of an attribute or a `Location` header.
pub fn record_href(kind: Kind, slug: &str) -> String {
    let mut href = format!("/{}/", kind.plural());
    for byte in slug.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            href.push(char::from(byte));
        } else {
            href.push_str(&format!("%{byte:02X}"));
        }
    }
    href
}

/// The one way to render a page.
pub fn render_html(page: &impl Template) -> Result<Html<String>, AppError> {
    page.render().map(Html).map_err(|e| {
        tracing::error!(error = %e, "template rendering failed");
        AppError::Internal
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_links_are_safe() {
        assert_eq!(
            record_href(Kind::Person, "ivanov-petr"),
            "/persons/ivanov-petr"
        );
        assert_eq!(record_href(Kind::Place, "a\"b/c"), "/places/a%22b%2Fc");
    }
}
