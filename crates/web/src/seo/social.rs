//! Open Graph and Twitter cards: the title, a sentence and a picture a messenger shows when a
//! link to a record is shared.

use super::SiteBase;
use crate::gate::Seen;
use crate::shell::i18n::{Lang, Tr};
use crate::shell::text::shorten;
use crate::summary::summary;
use letopis_core::Body;
use letopis_core::entities::MediaRef;

/// Link previews cut longer descriptions anyway; 200 characters reads whole.
const DESCRIPTION_CHARS: usize = 200;

/// What a link preview shows.
pub struct Card {
    pub title: String,
    pub description: String,
    /// `profile`, `article` or `website`.
    pub og_type: &'static str,
    /// The picture and its text alternative.
    pub image: Option<(MediaRef, String)>,
}

impl Card {
    /// The card of a visible record. The body's text is the museum's (Russian); without one the
    /// one-line summary in the visitor's language stands in.
    pub fn of(seen: &Seen, t: &Tr) -> Card {
        let record = &seen.record.record;
        let title = record.title();
        let (og_type, image) = match &record.body {
            Body::Person(p) => ("profile", p.portrait.clone()),
            Body::Item(i) => (
                "website",
                i.media
                    .iter()
                    .find(|m| m.mime.starts_with("image/"))
                    .cloned(),
            ),
            Body::Place(p) => ("website", p.image.clone()),
            Body::Story(s) => ("article", s.cover.clone()),
            _ => ("website", None),
        };
        let description = description(&record.body, t);
        let image = image.filter(|m| m.mime.starts_with("image/")).map(|m| {
            let alt = m
                .alt
                .clone()
                .or_else(|| m.caption.clone())
                .unwrap_or_else(|| title.clone());
            (m, alt)
        });
        Card {
            title,
            description,
            og_type,
            image,
        }
    }

    /// The `<meta>` tags: `(attribute, key, content)`. `og:url` and `og:image` must be absolute,
    /// so without a trusted base URL they are left out (see the module docs of `seo`).
    pub fn meta(
        &self,
        base: &SiteBase,
        path: &str,
        t: &Tr,
        site_name: &str,
    ) -> Vec<(&'static str, &'static str, String)> {
        let (locale, other) = match t.lang() {
            Lang::Ru => ("ru_RU", "en_US"),
            Lang::En => ("en_US", "ru_RU"),
        };
        let mut tags = vec![
            ("property", "og:title", self.title.clone()),
            ("property", "og:type", self.og_type.to_string()),
            ("property", "og:site_name", site_name.to_string()),
            ("property", "og:locale", locale.to_string()),
            ("property", "og:locale:alternate", other.to_string()),
        ];
        if !self.description.is_empty() {
            tags.push(("property", "og:description", self.description.clone()));
        }
        if let Some(url) = base.absolute(&super::lang_path(path, t.lang())) {
            tags.push(("property", "og:url", url));
        }
        // The portal's own card (src/share/card.rs) for every page that has one: with the
        // record's picture when it has one, its initials or its words when it has not.
        let card_path = match path {
            "/" => "/card.jpg".to_string(),
            _ => crate::shell::share_links::card_path(path),
        };
        let image = base.absolute(&super::lang_path(&card_path, t.lang()));
        let alt = match &self.image {
            Some((_, alt)) => alt.clone(),
            None => self.title.clone(),
        };
        if let Some(url) = &image {
            tags.push(("property", "og:image", url.clone()));
            tags.push(("property", "og:image:type", "image/jpeg".to_string()));
            tags.push((
                "property",
                "og:image:width",
                letopis_graphics::card::WIDTH.to_string(),
            ));
            tags.push((
                "property",
                "og:image:height",
                letopis_graphics::card::HEIGHT.to_string(),
            ));
            tags.push(("property", "og:image:alt", alt.clone()));
        }
        let card = if image.is_some() {
            "summary_large_image"
        } else {
            "summary"
        };
        tags.push(("name", "twitter:card", card.to_string()));
        tags.push(("name", "twitter:title", self.title.clone()));
        if !self.description.is_empty() {
            tags.push(("name", "twitter:description", self.description.clone()));
        }
        if let Some(url) = image {
            tags.push(("name", "twitter:image", url));
            tags.push(("name", "twitter:image:alt", alt));
        }
        tags
    }
}

/// The first sentence of the record's own text, shortened; without one, the one-line summary.
pub fn description(body: &Body, t: &Tr) -> String {
    let text = match body {
        Body::Person(p) => p.biography.as_str(),
        Body::Interview(i) => i.summary.as_str(),
        Body::Item(i) => i.description.as_str(),
        Body::Place(p) => p.description.as_str(),
        Body::Event(e) => e.description.as_str(),
        Body::Organization(o) => o.description.as_str(),
        Body::Story(s) => s.lead.as_str(),
        Body::Collection(c) => c.description.as_str(),
        Body::Source(_) => "",
    };
    match first_sentence(text) {
        s if s.is_empty() => summary(body, t),
        s => shorten(&s, DESCRIPTION_CHARS),
    }
}

/// The first sentence of the first paragraph. A full stop ends a sentence only before a capital
/// letter and after a word of three letters or more, so «в 1921 г. В деревне» and «ул. Ленина»
/// are not cut at the abbreviation.
pub fn first_sentence(text: &str) -> String {
    let paragraph = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let chars: Vec<char> = paragraph.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let next_is_capital =
            chars.get(i + 1) == Some(&' ') && chars.get(i + 2).is_some_and(|n| n.is_uppercase());
        let word: String = chars[..i]
            .iter()
            .rev()
            .take_while(|c| c.is_alphanumeric())
            .collect();
        let long_word = word.chars().count() >= 3 || *c != '.';
        if next_is_capital && long_word {
            return chars[..=i].iter().collect();
        }
    }
    paragraph.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_sentence_survives_abbreviations() {
        assert_eq!(
            first_sentence("Родился в 1921 г. В деревне Сходня. Ушёл на фронт в 1941 г."),
            "Родился в 1921 г. В деревне Сходня."
        );
        assert_eq!(
            first_sentence("Жил на ул. Ленина. Работал на заводе."),
            "Жил на ул. Ленина."
        );
        assert_eq!(
            first_sentence("\n\nОдна фраза без точки\nвторая"),
            "Одна фраза без точки"
        );
        assert_eq!(first_sentence(""), "");
    }
}
