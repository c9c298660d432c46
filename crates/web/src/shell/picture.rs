//! A record's picture in a list, a search result or a card: the thumbnail for the small box,
//! the web size for a screen that wants more, both from the derivatives the portal already
//! keeps (`/media/{sha}/thumb`, `/media/{sha}`), loaded only when scrolled near.

use letopis_core::Body;
use letopis_core::entities::MediaRef;
use letopis_core::record::Record;
use letopis_media::derive::THUMB_EDGE;

/// What a template needs for one `<img>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    pub src: String,
    /// Empty when there is nothing larger to offer.
    pub srcset: String,
    pub alt: String,
    /// The thumbnail's size, so the page does not jump while it loads; 0 when unknown.
    pub width: u32,
    pub height: u32,
}

impl Picture {
    /// The largest form on offer (the web size when there is a thumbnail): for a big screen.
    pub fn largest(&self) -> &str {
        self.srcset
            .rsplit(", ")
            .next()
            .and_then(|last| last.split(' ').next())
            .filter(|url| !url.is_empty())
            .unwrap_or(&self.src)
    }

    /// The picture of an image file; `None` for anything that is not a picture.
    pub fn of(media: &MediaRef, fallback_alt: &str) -> Option<Picture> {
        if !crate::media::is_raster_image(&media.mime) {
            return None;
        }
        let full = format!("/media/{}", media.sha256);
        let alt = media
            .alt
            .clone()
            .or_else(|| media.caption.clone())
            .unwrap_or_else(|| fallback_alt.to_string());
        let size = media
            .width
            .zip(media.height)
            .filter(|(w, h)| *w > 0 && *h > 0);
        if !crate::media::wants_thumbnail(media) {
            let (width, height) = size.unwrap_or((0, 0));
            return Some(Picture {
                src: full,
                srcset: String::new(),
                alt,
                width,
                height,
            });
        }
        let thumb = format!("{full}/thumb");
        Some(match size {
            Some((w, h)) => {
                // The thumbnail keeps the proportions within THUMB_EDGE on the longer edge.
                let scale = f64::from(THUMB_EDGE) / f64::from(w.max(h));
                let (tw, th) = (
                    (f64::from(w) * scale).round().max(1.0) as u32,
                    (f64::from(h) * scale).round().max(1.0) as u32,
                );
                Picture {
                    srcset: format!("{thumb} {tw}w, {full} {w}w"),
                    src: thumb,
                    alt,
                    width: tw,
                    height: th,
                }
            }
            None => Picture {
                src: thumb,
                srcset: String::new(),
                alt,
                width: 0,
                height: 0,
            },
        })
    }

    /// The picture that stands for a record in a list: a person's portrait, an item's first
    /// image, a place's view, a story's cover (else its first image), an interview's still. The body is the viewer's
    /// projection, so a picture the viewer may not see is not in it. Without an alt text of its
    /// own the picture is described by the record's title.
    pub fn of_record(record: &Record) -> Option<Picture> {
        Picture::of(Picture::media_of(record)?, &record.title())
    }

    /// The file [`Picture::of_record`] shows (a share card draws it too).
    pub fn media_of(record: &Record) -> Option<&MediaRef> {
        match &record.body {
            Body::Person(p) => p.portrait.as_ref(),
            Body::Item(i) => i
                .media
                .iter()
                .find(|m| crate::media::is_raster_image(&m.mime)),
            Body::Place(p) => p.image.as_ref(),
            Body::Interview(i) => i.still.as_ref(),
            Body::Story(s) => s.cover.as_ref().or_else(|| {
                s.blocks.iter().find_map(|b| match b {
                    letopis_core::entities::Block::Image { media, .. } => Some(media),
                    _ => None,
                })
            }),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(w: Option<u32>, h: Option<u32>) -> MediaRef {
        MediaRef {
            sha256: "a".repeat(64),
            mime: "image/jpeg".into(),
            caption: None,
            alt: Some("Портрет".into()),
            width: w,
            height: h,
        }
    }

    #[test]
    fn a_large_image_offers_its_thumbnail_first_and_the_web_size_for_dense_screens() {
        let p = Picture::of(&jpeg(Some(1200), Some(1600)), "").expect("picture");
        let a = "a".repeat(64);
        assert_eq!(p.src, format!("/media/{a}/thumb"));
        assert_eq!(p.srcset, format!("/media/{a}/thumb 240w, /media/{a} 1200w"));
        assert_eq!((p.width, p.height), (240, 320));
        assert_eq!(p.alt, "Портрет");
    }

    #[test]
    fn a_small_image_is_its_own_thumbnail() {
        let p = Picture::of(&jpeg(Some(360), Some(480)), "").expect("picture");
        assert_eq!(p.src, format!("/media/{}", "a".repeat(64)));
        assert!(p.srcset.is_empty());
        assert_eq!((p.width, p.height), (360, 480));
    }

    #[test]
    fn sound_and_svg_are_not_pictures() {
        let mut m = jpeg(None, None);
        m.mime = "audio/mpeg".into();
        assert_eq!(Picture::of(&m, "x"), None);
        m.mime = "image/svg+xml".into();
        assert_eq!(Picture::of(&m, "x"), None);
    }
}
