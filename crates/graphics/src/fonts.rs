//! The embedded fonts, Latin and Cyrillic (with «», dashes, № and ё), under the OFL beside them.

use ab_glyph::FontRef;

pub static SANS_REGULAR: &[u8] = include_bytes!("../assets/fonts/pt-sans-regular.ttf");
pub static SANS_BOLD: &[u8] = include_bytes!("../assets/fonts/pt-sans-bold.ttf");
pub static SERIF_REGULAR: &[u8] = include_bytes!("../assets/fonts/pt-serif-regular.ttf");
pub static SERIF_BOLD: &[u8] = include_bytes!("../assets/fonts/pt-serif-bold.ttf");

/// One of the embedded faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    SansRegular,
    SansBold,
    SerifRegular,
    SerifBold,
}

impl Face {
    /// The face's TrueType bytes (for PDF writers that embed them).
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Face::SansRegular => SANS_REGULAR,
            Face::SansBold => SANS_BOLD,
            Face::SerifRegular => SERIF_REGULAR,
            Face::SerifBold => SERIF_BOLD,
        }
    }

    /// The face for drawing. The bytes are part of the binary and checked by the tests, so a
    /// failure here is a broken build, not bad input.
    pub fn font(self) -> FontRef<'static> {
        FontRef::try_from_slice(self.bytes()).expect("the embedded fonts are valid TrueType")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ab_glyph::Font;

    #[test]
    fn every_face_has_the_letters_the_museum_writes() {
        for face in [
            Face::SansRegular,
            Face::SansBold,
            Face::SerifRegular,
            Face::SerifBold,
        ] {
            let font = face.font();
            for c in "АБВЁёЯяжщъ«»„“–—№… 0123456789 Abcz".chars() {
                assert_ne!(font.glyph_id(c).0, 0, "{face:?} has no glyph for {c:?}");
            }
        }
    }
}
