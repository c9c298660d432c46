//! The pixels of an IIIF Image API 3.0 request: a region of an image, at a size, turned and in
//! a quality and format (<https://iiif.io/api/image/3.0/#4-image-requests>). The parameters
//! are parsed here, against the image's size, and the picture is cut from the decoded image;
//! who may see which image is the portal's business, not this module's.
//!
//! Supported: the whole of level 1 (`full`, `square` and pixel regions; `max`, `w,`, `,h` and
//! `w,h` sizes; rotation 0; `default` quality; JPEG) and the cheap parts of level 2 (percent
//! regions and sizes, `!w,h`, turns by 90°, mirroring, `color` and `gray`, PNG). Upscaling
//! (`^`), arbitrary rotation and `bitonal` are refused: no viewer needs them, and each is a way
//! to make the server draw more pixels than the image has.

use crate::derive::{DeriveError, jpeg};
use image::DynamicImage;
use image::imageops::FilterType;

/// A decoded image, upright, as requests are drawn from it.
pub type Picture = DynamicImage;

/// Decodes an original for drawing requests from it (within the derivatives' limits).
pub fn decode(bytes: &[u8]) -> Result<Picture, DeriveError> {
    crate::derive::decode_upright(bytes)
}

/// An image's width and height upright (decoded: the EXIF turn may swap them).
pub fn dimensions(bytes: &[u8]) -> Result<(u32, u32), DeriveError> {
    let picture = decode(bytes)?;
    Ok((picture.width(), picture.height()))
}

/// A parsed request, ready to be drawn from an image of known size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageRequest {
    /// Left, top, width and height in the image's pixels, inside the image.
    pub region: (u32, u32, u32, u32),
    /// The picture's width and height before turning.
    pub size: (u32, u32),
    pub mirror: bool,
    /// 0, 90, 180 or 270.
    pub rotation: u16,
    pub gray: bool,
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jpg,
    Png,
}

impl Format {
    pub fn mime(self) -> &'static str {
        match self {
            Format::Jpg => "image/jpeg",
            Format::Png => "image/png",
        }
    }
}

/// Why a request cannot be answered: the protocol's 400 (a malformed or impossible request)
/// or 501 (a feature this server does not implement), with what to ask instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("{0}")]
    Bad(String),
    #[error("{0}")]
    NotImplemented(String),
}

fn bad(message: impl Into<String>) -> Refused {
    Refused::Bad(message.into())
}

impl ImageRequest {
    /// Parses `{region}/{size}/{rotation}/{quality}.{format}` for an image of `width`×`height`.
    pub fn parse(
        region: &str,
        size: &str,
        rotation: &str,
        quality_format: &str,
        width: u32,
        height: u32,
    ) -> Result<ImageRequest, Refused> {
        let region = parse_region(region, width, height)?;
        let size = parse_size(size, region.2, region.3)?;
        let (mirror, degrees) = match rotation.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, rotation),
        };
        let rotation = match degrees {
            "0" => 0,
            "90" => 90,
            "180" => 180,
            "270" => 270,
            other => {
                return Err(match other.parse::<f64>() {
                    Ok(d) if (0.0..=360.0).contains(&d) => Refused::NotImplemented(format!(
                        "rotation {other} is not supported: turn by 0, 90, 180 or 270"
                    )),
                    _ => bad(format!(
                        "rotation {other:?} is not a number of degrees 0–360"
                    )),
                });
            }
        };
        let (quality, format) = quality_format
            .rsplit_once('.')
            .ok_or_else(|| bad("the last part must be quality.format, e.g. default.jpg"))?;
        let gray = match quality {
            "default" | "color" => false,
            "gray" => true,
            "bitonal" => {
                return Err(Refused::NotImplemented(
                    "bitonal is not supported: ask for default, color or gray".into(),
                ));
            }
            other => return Err(bad(format!("{other:?} is not a quality"))),
        };
        let format = match format {
            "jpg" => Format::Jpg,
            "png" => Format::Png,
            "tif" | "gif" | "pdf" | "jp2" | "webp" => {
                return Err(Refused::NotImplemented(format!(
                    "{format} is not served: ask for jpg or png"
                )));
            }
            other => return Err(bad(format!("{other:?} is not an image format"))),
        };
        Ok(ImageRequest {
            region,
            size,
            mirror,
            rotation,
            gray,
            format,
        })
    }

    /// Draws the request from the decoded (upright) image.
    pub fn render(&self, image: &DynamicImage) -> Result<Vec<u8>, DeriveError> {
        let (x, y, w, h) = self.region;
        let mut picture = image.crop_imm(x, y, w, h);
        if (w, h) != self.size {
            picture = picture.resize_exact(self.size.0, self.size.1, FilterType::CatmullRom);
        }
        if self.mirror {
            picture = picture.fliph();
        }
        picture = match self.rotation {
            90 => picture.rotate90(),
            180 => picture.rotate180(),
            270 => picture.rotate270(),
            _ => picture,
        };
        if self.gray {
            picture = DynamicImage::ImageLuma8(picture.to_luma8());
        }
        match self.format {
            Format::Jpg => jpeg(&picture),
            Format::Png => {
                let mut out = Vec::new();
                picture
                    .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
                    .map_err(|e| DeriveError::Encode(e.to_string()))?;
                Ok(out)
            }
        }
    }
}

fn numbers<T: std::str::FromStr>(text: &str) -> Option<[T; 4]> {
    let parts: Vec<T> = text
        .split(',')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    parts.try_into().ok()
}

fn parse_region(text: &str, width: u32, height: u32) -> Result<(u32, u32, u32, u32), Refused> {
    let (x, y, w, h) = match text {
        "full" => return Ok((0, 0, width, height)),
        "square" => {
            let side = width.min(height);
            return Ok(((width - side) / 2, (height - side) / 2, side, side));
        }
        _ => match text.strip_prefix("pct:") {
            Some(pct) => {
                let [x, y, w, h] = numbers::<f64>(pct)
                    .filter(|n| n.iter().all(|v| v.is_finite() && *v >= 0.0))
                    .ok_or_else(|| bad(format!("region {text:?}: write pct:x,y,w,h")))?;
                let px = |v: f64, of: u32| (v * f64::from(of) / 100.0).round() as u64;
                (px(x, width), px(y, height), px(w, width), px(h, height))
            }
            None => {
                let [x, y, w, h] = numbers::<u64>(text).ok_or_else(|| {
                    bad(format!(
                        "region {text:?}: write full, square, x,y,w,h or pct:x,y,w,h"
                    ))
                })?;
                (x, y, w, h)
            }
        },
    };
    if w == 0 || h == 0 {
        return Err(bad(format!("region {text:?} has no width or height")));
    }
    let (iw, ih) = (u64::from(width), u64::from(height));
    if x >= iw || y >= ih {
        return Err(bad(format!(
            "region {text:?} lies outside the image ({width}×{height})"
        )));
    }
    // A region past the edge is cut at the edge (section 4.1).
    let w = w.min(iw - x);
    let h = h.min(ih - y);
    Ok((x as u32, y as u32, w as u32, h as u32))
}

fn parse_size(text: &str, rw: u32, rh: u32) -> Result<(u32, u32), Refused> {
    if let Some(rest) = text.strip_prefix('^') {
        // A well-formed upscaling request is one this server does not implement (501); anything
        // else after the `^` is a malformed size (400), as the validator's random sizes check.
        if !size_is_well_formed(rest) {
            return Err(bad(format!(
                "size {text:?}: write ^max, ^w, ^,h, ^w,h, ^!w,h or ^pct:n"
            )));
        }
        return Err(Refused::NotImplemented(
            "upscaling (^) is not supported: ask for at most the region's size".into(),
        ));
    }
    let scaled = |num: u64, of: u32, by: u32| -> u32 {
        ((num as f64) * f64::from(of) / f64::from(by))
            .round()
            .max(1.0) as u32
    };
    let (w, h) = if text == "max" {
        (rw, rh)
    } else if let Some(pct) = text.strip_prefix("pct:") {
        let n: f64 = pct
            .parse()
            .ok()
            .filter(|n: &f64| n.is_finite() && *n > 0.0)
            .ok_or_else(|| bad(format!("size {text:?}: write pct:n with n above 0")))?;
        if n > 100.0 {
            return Err(bad(format!("size {text:?} would enlarge the region")));
        }
        let px = |of: u32| ((f64::from(of) * n / 100.0).round() as u32).max(1);
        (px(rw), px(rh))
    } else {
        let (confined, rest) = match text.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (w, h) = rest.split_once(',').ok_or_else(|| {
            bad(format!(
                "size {text:?}: write max, w, ,h, w,h, !w,h or pct:n"
            ))
        })?;
        let number = |s: &str| -> Result<Option<u64>, Refused> {
            if s.is_empty() {
                return Ok(None);
            }
            s.parse::<u64>()
                .ok()
                .filter(|n| *n > 0)
                .map(Some)
                .ok_or_else(|| bad(format!("size {text:?}: {s:?} is not a positive number")))
        };
        match (number(w)?, number(h)?, confined) {
            (Some(w), None, false) => (clamp(w), scaled(w, rh, rw)),
            (None, Some(h), false) => (scaled(h, rw, rh), clamp(h)),
            (Some(w), Some(h), false) => (clamp(w), clamp(h)),
            (Some(w), Some(h), true) => {
                // The largest size inside w×h with the region's proportions.
                let by_width = (w, (w as f64 * f64::from(rh) / f64::from(rw)).round() as u64);
                let fit = if by_width.1 <= h {
                    by_width
                } else {
                    ((h as f64 * f64::from(rw) / f64::from(rh)).round() as u64, h)
                };
                (clamp(fit.0.max(1)), clamp(fit.1.max(1)))
            }
            _ => {
                return Err(bad(format!(
                    "size {text:?}: write max, w, ,h, w,h, !w,h or pct:n"
                )));
            }
        }
    };
    if w > rw || h > rh {
        return Err(bad(format!(
            "size {text:?} would enlarge the region ({rw}×{rh}); upscaling is not supported"
        )));
    }
    Ok((w, h))
}

/// Whether `text` (a size without its `^`) is written as the Image API writes sizes, whatever
/// its numbers.
fn size_is_well_formed(text: &str) -> bool {
    let positive = |s: &str| s.parse::<u64>().is_ok_and(|n| n > 0);
    if text == "max" {
        return true;
    }
    if let Some(pct) = text.strip_prefix("pct:") {
        return pct.parse::<f64>().is_ok_and(|n| n.is_finite() && n > 0.0);
    }
    let (confined, rest) = match text.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    match rest.split_once(',') {
        Some((w, h)) if confined => positive(w) && positive(h),
        Some(("", h)) => positive(h),
        Some((w, "")) => positive(w),
        Some((w, h)) => positive(w) && positive(h),
        None => false,
    }
}

fn clamp(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(region: &str, size: &str) -> Result<ImageRequest, Refused> {
        ImageRequest::parse(region, size, "0", "default.jpg", 1000, 800)
    }

    #[test]
    fn level_one_regions_and_sizes() {
        let r = req("full", "max").expect("full");
        assert_eq!((r.region, r.size), ((0, 0, 1000, 800), (1000, 800)));
        assert_eq!(
            req("square", "max").expect("square").region,
            (100, 0, 800, 800)
        );
        assert_eq!(
            req("900,700,512,512", "max").expect("edge").region,
            (900, 700, 100, 100)
        );
        assert_eq!(req("full", "500,").expect("w,").size, (500, 400));
        assert_eq!(req("full", ",400").expect(",h").size, (500, 400));
        assert_eq!(req("full", "250,100").expect("w,h").size, (250, 100));
        assert_eq!(req("full", "!500,500").expect("!w,h").size, (500, 400));
        assert_eq!(
            req("pct:10,10,50,50", "pct:50").expect("pct").size,
            (250, 200)
        );
        assert_eq!(
            req("pct:10,10,50,50", "max").expect("pct").region,
            (100, 80, 500, 400)
        );
    }

    #[test]
    fn impossible_requests_are_refused_with_the_right_status() {
        for (region, size) in [
            ("1000,0,10,10", "max"),
            ("0,0,0,10", "max"),
            ("a,b,c,d", "max"),
            ("full", "2000,"),
            ("full", "0,"),
            ("full", "pct:200"),
            ("full", "big"),
        ] {
            assert!(
                matches!(req(region, size), Err(Refused::Bad(_))),
                "{region} {size}"
            );
        }
        for size in [
            "^max",
            "^2000,",
            "^,1600",
            "^!2000,2000",
            "^pct:150",
            "^1200,900",
        ] {
            assert!(
                matches!(req("full", size), Err(Refused::NotImplemented(_))),
                "{size}: well formed, not implemented"
            );
        }
        // The IIIF validator's random sizes: malformed after the `^` is a bad request.
        for size in [
            "^^Df2o", "^", "^abc", "^0,", "^,", "^!5,", "^pct:0", "^pct:x",
        ] {
            assert!(
                matches!(req("full", size), Err(Refused::Bad(_))),
                "{size}: malformed"
            );
        }
        let rot = ImageRequest::parse("full", "max", "45", "default.jpg", 10, 10);
        assert!(matches!(rot, Err(Refused::NotImplemented(_))));
        let rot = ImageRequest::parse("full", "max", "x", "default.jpg", 10, 10);
        assert!(matches!(rot, Err(Refused::Bad(_))));
        let q = ImageRequest::parse("full", "max", "0", "bitonal.jpg", 10, 10);
        assert!(matches!(q, Err(Refused::NotImplemented(_))));
        let f = ImageRequest::parse("full", "max", "0", "default.bmp", 10, 10);
        assert!(matches!(f, Err(Refused::Bad(_))));
    }

    #[test]
    fn the_picture_is_cut_scaled_and_turned() {
        let mut img = image::RgbImage::new(40, 20);
        for (x, _, p) in img.enumerate_pixels_mut() {
            *p = if x < 20 {
                image::Rgb([255, 0, 0])
            } else {
                image::Rgb([0, 0, 255])
            };
        }
        let img = DynamicImage::ImageRgb8(img);
        let r = ImageRequest::parse("20,0,20,20", "10,", "90", "default.png", 40, 20).expect("ok");
        let out = image::load_from_memory(&r.render(&img).expect("render")).expect("png");
        assert_eq!((out.width(), out.height()), (10, 10));
        assert_eq!(out.to_rgb8().get_pixel(5, 5).0, [0, 0, 255]);
        let g = ImageRequest::parse("full", "max", "0", "gray.png", 40, 20).expect("ok");
        let out = image::load_from_memory(&g.render(&img).expect("render")).expect("png");
        let p = out.to_rgb8().get_pixel(5, 5).0;
        assert!(p[0] == p[1] && p[1] == p[2], "{p:?}");
    }
}
