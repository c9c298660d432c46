//! Image derivatives: what the portal publishes of an image instead of the original.
//!
//! An image is decoded within limits (a small file that unpacks into gigabytes — a
//! decompression bomb — is refused before its pixels are allocated), turned upright by its EXIF
//! orientation, and re-encoded as JPEG in two sizes: a web size (at most [`WEB_EDGE`] px on the
//! longer edge) and a thumbnail ([`THUMB_EDGE`]). The JPEG encoder writes pixels only, so EXIF
//! (GPS position, camera serial, time) is left behind, and a file crafted to exploit a viewer
//! does not survive decoding and encoding. The original stays in the blob store as the archive
//! copy (the studio) or is never kept (residents' photographs).

use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
use std::io::Cursor;

/// The longer edge of the web-size derivative.
pub const WEB_EDGE: u32 = 1600;
/// The longer edge of the thumbnail.
pub const THUMB_EDGE: u32 = 320;
/// Pixels an image may have when decoded.
pub const MAX_PIXELS: u64 = 100_000_000;
/// Memory the decoder may allocate, whatever the image claims.
const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;
const JPEG_QUALITY: u8 = 85;

/// An image's derivatives: JPEG bytes of the web size and the thumbnail.
#[derive(Debug, Clone)]
pub struct Derived {
    pub web: Vec<u8>,
    pub thumb: Vec<u8>,
    /// The web size's dimensions (after turning upright).
    pub width: u32,
    pub height: u32,
}

/// Why no derivatives could be made. `Display` is meant for the person uploading (Russian, like
/// [`MediaError`](crate::MediaError)); callers with messages of their own match on the variant.
#[derive(Debug, thiserror::Error)]
pub enum DeriveError {
    #[error("Не удалось прочитать изображение: {0}")]
    Unreadable(String),
    #[error(
        "Изображение повреждено или в формате, который портал не обрабатывает; сохраните его как JPEG или PNG."
    )]
    Broken,
    #[error(
        "Изображение {width}×{height} пикселей слишком велико в распакованном виде (больше {} млн пикселей); уменьшите его перед загрузкой.",
        MAX_PIXELS / 1_000_000
    )]
    TooLarge { width: u32, height: u32 },
    #[error("Не удалось сохранить уменьшенную копию: {0}")]
    Encode(String),
}

fn reader(bytes: &[u8]) -> Result<ImageReader<Cursor<&[u8]>>, DeriveError> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| DeriveError::Unreadable(e.to_string()))?;
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    Ok(reader)
}

/// Decodes an image within limits and re-encodes its derivatives.
pub fn derive_image(bytes: &[u8]) -> Result<Derived, DeriveError> {
    let img = decode(bytes)?;
    let web = if img.width().max(img.height()) > WEB_EDGE {
        img.resize(WEB_EDGE, WEB_EDGE, image::imageops::FilterType::Triangle)
    } else {
        img.clone()
    };
    let thumb = img.thumbnail(THUMB_EDGE, THUMB_EDGE);
    Ok(Derived {
        width: web.width(),
        height: web.height(),
        web: jpeg(&web)?,
        thumb: jpeg(&thumb)?,
    })
}

/// Only the thumbnail of an image already published (a file stored before thumbnails were
/// made, or by the demo or an import): JPEG bytes at most [`THUMB_EDGE`] px on the longer edge.
pub fn derive_thumbnail(bytes: &[u8]) -> Result<Vec<u8>, DeriveError> {
    jpeg(&decode(bytes)?.thumbnail(THUMB_EDGE, THUMB_EDGE))
}

/// The longest side of a detail cut from an image for a lesson (a projector's width).
pub const DETAIL_EDGE: u32 = 1600;

/// A rectangle of the picture — `x`, `y`, `w`, `h` in percent of its upright width and height —
/// as a JPEG no longer than [`DETAIL_EDGE`] on either side: a lesson's image detail.
pub fn derive_detail(bytes: &[u8], x: f32, y: f32, w: f32, h: f32) -> Result<Vec<u8>, DeriveError> {
    let img = decode(bytes)?;
    let (width, height) = (img.width() as f32, img.height() as f32);
    let left = (width * x / 100.0).floor().clamp(0.0, width - 1.0) as u32;
    let top = (height * y / 100.0).floor().clamp(0.0, height - 1.0) as u32;
    let cut_w = ((width * w / 100.0).round() as u32).clamp(1, img.width() - left);
    let cut_h = ((height * h / 100.0).round() as u32).clamp(1, img.height() - top);
    let cut = img.crop_imm(left, top, cut_w, cut_h);
    let cut = if cut_w.max(cut_h) > DETAIL_EDGE {
        cut.resize(
            DETAIL_EDGE,
            DETAIL_EDGE,
            image::imageops::FilterType::Lanczos3,
        )
    } else {
        cut
    };
    jpeg(&cut)
}

/// An image decoded within the same limits and turned upright, for pictures the portal draws
/// from it (a share card).
pub fn decode_upright(bytes: &[u8]) -> Result<DynamicImage, DeriveError> {
    decode(bytes)
}

/// Decodes within limits and turns the picture upright.
fn decode(bytes: &[u8]) -> Result<DynamicImage, DeriveError> {
    // The header first: the pixel count is known before a byte of pixels is allocated.
    let (w, h) = reader(bytes)?
        .into_dimensions()
        .map_err(|_| DeriveError::Broken)?;
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(DeriveError::TooLarge {
            width: w,
            height: h,
        });
    }
    let mut decoder = reader(bytes)?
        .into_decoder()
        .map_err(|_| DeriveError::Broken)?;
    // A phone stores a portrait photo sideways with an EXIF note to turn it; the re-encoded
    // copy has no EXIF, so the turn is made on the pixels before the note is left behind.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(|_| DeriveError::Broken)?;
    img.apply_orientation(orientation);
    Ok(img)
}

pub(crate) fn jpeg(img: &DynamicImage) -> Result<Vec<u8>, DeriveError> {
    let rgb = img.to_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .encode_image(&rgb)
        .map_err(|e| DeriveError::Encode(e.to_string()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(img: DynamicImage) -> Vec<u8> {
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
            .expect("png");
        out
    }

    #[test]
    fn derivatives_are_small_jpegs() {
        let img = image::RgbImage::from_fn(2000, 1000, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let d = derive_image(&png(DynamicImage::ImageRgb8(img))).expect("derived");
        assert_eq!((d.width, d.height), (1600, 800));
        assert_eq!(&d.web[..2], &[0xFF, 0xD8]);
        let thumb = image::load_from_memory(&d.thumb).expect("thumb");
        assert!(thumb.width() <= THUMB_EDGE && thumb.height() <= THUMB_EDGE);
    }

    #[test]
    fn a_small_image_keeps_its_size() {
        let img = image::RgbImage::from_pixel(64, 48, image::Rgb([10, 20, 30]));
        let d = derive_image(&png(DynamicImage::ImageRgb8(img))).expect("derived");
        assert_eq!((d.width, d.height), (64, 48));
    }

    #[test]
    fn exif_is_left_behind() {
        let img = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8, y as u8, 7]));
        let mut plain = Vec::new();
        image::codecs::jpeg::JpegEncoder::new(&mut plain)
            .encode_image(&img)
            .expect("jpeg");
        // An APP1 Exif segment right after SOI, as cameras write it, with a GPS marker inside.
        let payload = b"Exif\0\0MM\0*\0\0\0\x08GPSLatitude 55.8897";
        let mut photo = vec![0xFF, 0xD8, 0xFF, 0xE1];
        photo.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        photo.extend_from_slice(payload);
        photo.extend_from_slice(&plain[2..]);
        let d = derive_image(&photo).expect("derived");
        for copy in [&d.web, &d.thumb] {
            assert!(!copy.windows(4).any(|w| w == b"Exif"));
            assert!(!copy.windows(11).any(|w| w == b"GPSLatitude"));
        }
    }

    #[test]
    fn a_decompression_bomb_is_refused_before_decoding() {
        let bomb = png(DynamicImage::ImageLuma8(image::GrayImage::new(30000, 4000)));
        let err = derive_image(&bomb).expect_err("refused");
        assert!(
            matches!(
                err,
                DeriveError::TooLarge {
                    width: 30000,
                    height: 4000
                }
            ),
            "{err:?}"
        );
        assert!(err.to_string().contains("слишком велико"), "{err}");
    }

    #[test]
    fn what_is_not_an_image_is_broken() {
        let err = derive_image(b"%PDF-1.4 not an image").expect_err("refused");
        assert!(
            matches!(err, DeriveError::Broken | DeriveError::Unreadable(_)),
            "{err:?}"
        );
        let mut cut = png(DynamicImage::ImageRgb8(image::RgbImage::new(300, 200)));
        cut.truncate(cut.len() / 2);
        assert!(derive_image(&cut).is_err());
    }

    #[test]
    fn a_sideways_photo_is_turned_upright() {
        // A 40×20 JPEG with an EXIF orientation of 6 (turn 90° clockwise) becomes 20×40.
        let img = image::RgbImage::from_pixel(40, 20, image::Rgb([200, 100, 50]));
        let mut plain = Vec::new();
        image::codecs::jpeg::JpegEncoder::new(&mut plain)
            .encode_image(&img)
            .expect("jpeg");
        // Exif header, big-endian TIFF, one IFD entry: Orientation (0x0112), SHORT, 1, value 6.
        let mut payload = b"Exif\0\0MM\0\x2a\0\0\0\x08".to_vec();
        payload.extend_from_slice(&[0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]);
        let mut photo = vec![0xFF, 0xD8, 0xFF, 0xE1];
        photo.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        photo.extend_from_slice(&payload);
        photo.extend_from_slice(&plain[2..]);
        let d = derive_image(&photo).expect("derived");
        assert_eq!((d.width, d.height), (20, 40));
    }
}
