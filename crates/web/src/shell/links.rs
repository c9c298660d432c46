//! Links as every page writes them: a record's address, a kind's list and its names.

use crate::shell::i18n::Tr;
use crate::shell::picture::Picture;
use letopis_core::Kind;

/// A link with an optional one-line note under it.
#[derive(Debug, Clone)]
pub struct Link {
    pub href: String,
    pub label: String,
    pub note: String,
    /// The record's picture, shown beside the link in lists (not in the low-vision version
    /// with images off: the link's own text says what it is).
    pub picture: Option<Picture>,
}

impl Link {
    pub fn new(href: impl Into<String>, label: impl Into<String>) -> Link {
        Link {
            href: href.into(),
            label: label.into(),
            note: String::new(),
            picture: None,
        }
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Link {
        self.note = note.into();
        self
    }

    /// The picture to show: none when the visitor turned images off.
    pub fn picture_shown(&self, images_shown: bool) -> Option<&Picture> {
        self.picture.as_ref().filter(|_| images_shown)
    }

    pub fn with_picture(mut self, picture: Option<Picture>) -> Link {
        self.picture = picture;
        self
    }
}

/// Whether any of the links has a picture (the list is then laid out for pictures).
pub fn any_picture(links: &[Link]) -> bool {
    links.iter().any(|l| l.picture.is_some())
}

/// «Герои» / "Heroes": the title of a kind's list.
pub fn kind_plural(t: &Tr, kind: Kind) -> String {
    t.msg(&format!("kind-plural-{}", kind.code()))
}

/// «Герой» / "Hero": one record of a kind.
pub fn kind_label(t: &Tr, kind: Kind) -> String {
    t.msg(&format!("kind-{}", kind.code()))
}

/// «5 героев» / "5 heroes".
pub fn kind_count(t: &Tr, kind: Kind, n: u64) -> String {
    t.count(&format!("count-{}", kind.code()), n)
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

/// The IIIF Presentation manifest of a record with pictures or recordings (`iiif::manifest`).
pub fn manifest_href(kind: Kind, id: letopis_core::record::RecordId) -> String {
    format!("/iiif/{}/{}/manifest", kind.plural(), id.0)
}

/// The manifest of a record as this viewer sees it, if it has one: an interview with a
/// recording the public may play, or any record showing a picture.
pub fn manifest_of(
    body: &letopis_core::Body,
    kind: Kind,
    id: letopis_core::record::RecordId,
) -> Option<String> {
    use letopis_core::Body;
    use letopis_core::entities::Block;
    // A raster picture: the image service does not draw SVG.
    let picture = |m: &letopis_core::entities::MediaRef| {
        !m.sha256.is_empty() && crate::media::is_raster_image(&m.mime)
    };
    let paints = match body {
        Body::Interview(i) => i
            .recordings
            .iter()
            .any(|r| !r.withheld && !r.media.sha256.is_empty() && r.duration_ms > 0),
        Body::Story(s) => {
            s.cover.iter().any(picture)
                || s.blocks
                    .iter()
                    .any(|b| matches!(b, Block::Image { media, .. } if picture(media)))
        }
        other => other.media().into_iter().any(picture),
    };
    paints.then(|| manifest_href(kind, id))
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
