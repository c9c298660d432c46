//! IIIF Image API 3.0 at `/iiif/image/{sha256}` (level 1, and the cheap parts of level 2; see
//! `letopis_media::iiif`): `info.json` and the pictures a deep-zoom viewer or another museum's
//! site asks for, of any raster image some record the viewer may see shows — the same rule as
//! `/media/{sha256}`, asked on every request, so a withdrawal closes the tiles at once.
//!
//! Cutting a tile means decoding the original: the last decoded image is kept (a viewer asks
//! for dozens of tiles of one image in a row), and small answers are kept by their request
//! (tiles of a popular scan), both in bounded memory. At most two images are decoded at once,
//! across the process, as for thumbnails.

use crate::media::{MAKING_THUMBNAILS, is_raster_image, visible};
use crate::shell::error::AppError;
use crate::{App, CurrentViewer};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use letopis_core::entities::MediaRef;
use letopis_media::iiif::{ImageRequest, Picture, Refused};
use serde_json::json;
use std::num::NonZeroUsize;
use std::sync::{Arc, LazyLock, Mutex};

/// The tile edge `info.json` offers; OpenSeadragon and Mirador ask for exactly these.
pub const TILE: u32 = 512;
/// A decoded image larger than this is not kept between requests (24 M pixels ≈ 72 MB RGB).
const KEEP_DECODED_PIXELS: u64 = 24_000_000;
/// Answers kept by request, and the largest one kept.
const KEPT_ANSWERS: usize = 256;
const KEEP_ANSWER_BYTES: usize = 128 * 1024;

pub const CONTEXT: &str = "http://iiif.io/api/image/3/context.json";
const PROFILE_LINK: &str = "<http://iiif.io/api/image/3/level1.json>;rel=\"profile\"";

static DECODED: Mutex<Option<(String, Arc<Picture>)>> = Mutex::new(None);
static ANSWERS: LazyLock<Mutex<lru::LruCache<String, Bytes>>> = LazyLock::new(|| {
    Mutex::new(lru::LruCache::new(
        NonZeroUsize::new(KEPT_ANSWERS).unwrap_or(NonZeroUsize::MIN),
    ))
});

/// The image service's address for an image.
pub fn service_path(sha256: &str) -> String {
    format!("/iiif/image/{sha256}")
}

/// `GET /iiif/image/{sha256}`: the base URI sends to `info.json` (the protocol's redirect).
pub async fn base(Path(sha256): Path<String>) -> Redirect {
    Redirect::to(&format!("{}/info.json", service_path(&sha256)))
}

/// `GET /iiif/image/{sha256}/info.json`
pub async fn info(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    headers: HeaderMap,
    Path(sha256): Path<String>,
) -> Result<Response, AppError> {
    let media = raster(&app, viewer, &sha256).await?;
    let (width, height) = size_of(&app, &media).await?;
    let base = crate::seo::SiteBase::from_request(app.config(), &headers);
    let body = info_json(&base.best(&service_path(&sha256)), width, height);
    // JSON-LD's own type when the client asks for it; plain JSON for everyone else.
    let wants_ld = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("application/ld+json"));
    let content_type = if wants_ld {
        format!("application/ld+json;profile=\"{CONTEXT}\"")
    } else {
        "application/json".to_string()
    };
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_str(&content_type).map_err(|_| AppError::Internal)?,
            ),
            (header::LINK, HeaderValue::from_static(PROFILE_LINK)),
            (
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        body.to_string(),
    )
        .into_response())
}

/// The service description: the sizes and tiles a viewer can ask for without guessing.
pub fn info_json(id: &str, width: u32, height: u32) -> serde_json::Value {
    let mut factors = vec![1_u32];
    while width.max(height) / factors[factors.len() - 1] > TILE {
        factors.push(factors[factors.len() - 1] * 2);
    }
    let sizes: Vec<serde_json::Value> = factors
        .iter()
        .rev()
        .map(|f| json!({"width": width.div_ceil(*f), "height": height.div_ceil(*f)}))
        .collect();
    json!({
        "@context": CONTEXT,
        "id": id,
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": "level1",
        "width": width,
        "height": height,
        "maxWidth": width,
        "maxHeight": height,
        "sizes": sizes,
        "tiles": [{"width": TILE, "height": TILE, "scaleFactors": factors}],
        "extraFormats": ["png"],
        "extraQualities": ["color", "gray"],
        "extraFeatures": [
            "mirroring", "regionByPct", "rotationBy90s", "sizeByConfinedWh", "sizeByPct",
        ],
    })
}

/// `GET /iiif/image/{sha256}/{region}/{size}/{rotation}/{quality}.{format}`
pub async fn picture(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    Path((sha256, region, size, rotation, file)): Path<(String, String, String, String, String)>,
) -> Result<Response, AppError> {
    let media = raster(&app, viewer, &sha256).await?;
    let (width, height) = size_of(&app, &media).await?;
    let request = match ImageRequest::parse(&region, &size, &rotation, &file, width, height) {
        Ok(request) => request,
        Err(refused) => {
            let status = match refused {
                Refused::Bad(_) => StatusCode::BAD_REQUEST,
                Refused::NotImplemented(_) => StatusCode::NOT_IMPLEMENTED,
            };
            return Ok((
                status,
                [(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")],
                // JSON, which the error pages leave as it is (`public::error_page`).
                axum::Json(json!({"error": refused.to_string()})),
            )
                .into_response());
        }
    };
    let key = format!("{sha256}/{region}/{size}/{rotation}/{file}");
    let kept = ANSWERS.lock().ok().and_then(|mut a| a.get(&key).cloned());
    let bytes = match kept {
        Some(bytes) => bytes,
        None => {
            let bytes = Bytes::from(draw(&app, &media.sha256, request).await?);
            if bytes.len() <= KEEP_ANSWER_BYTES
                && let Ok(mut answers) = ANSWERS.lock()
            {
                answers.put(key, bytes.clone());
            }
            bytes
        }
    };
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(request.format.mime()),
            ),
            (header::LINK, HeaderValue::from_static(PROFILE_LINK)),
            (
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            ),
            // As for the file itself: revalidated, so a withdrawal closes it at once.
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(crate::shell::security::MEDIA_CONTENT_SECURITY_POLICY),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// The image, if the viewer may see it and it is a picture to cut.
async fn raster(
    app: &App,
    viewer: letopis_core::Viewer,
    sha256: &str,
) -> Result<MediaRef, AppError> {
    let media = visible(app, viewer, sha256).await?;
    if !is_raster_image(&media.mime) {
        return Err(AppError::NotFound);
    }
    Ok(media)
}

/// The image's upright size: as the record or the upload knows it, else from the file.
pub async fn size_of(app: &App, media: &MediaRef) -> Result<(u32, u32), AppError> {
    if let (Some(w), Some(h)) = (media.width, media.height) {
        return Ok((w, h));
    }
    if let Some(info) = app.file_info(&media.sha256)
        && let (Some(w), Some(h)) = (info.width, info.height)
    {
        return Ok((w, h));
    }
    let picture = decoded(app, &media.sha256).await?;
    Ok((picture.width(), picture.height()))
}

async fn draw(app: &App, sha256: &str, request: ImageRequest) -> Result<Vec<u8>, AppError> {
    let picture = decoded(app, sha256).await?;
    tokio::task::spawn_blocking(move || request.render(&picture))
        .await
        .map_err(|_| AppError::Internal)?
        .map_err(|e| {
            tracing::warn!(error = %e, "an IIIF picture could not be drawn");
            AppError::Internal
        })
}

/// The decoded original, the last one kept.
async fn decoded(app: &App, sha256: &str) -> Result<Arc<Picture>, AppError> {
    let last = |sha: &str| {
        DECODED
            .lock()
            .ok()
            .and_then(|d| d.as_ref().filter(|(s, _)| s == sha).map(|(_, p)| p.clone()))
    };
    if let Some(picture) = last(sha256) {
        return Ok(picture);
    }
    let _turn = MAKING_THUMBNAILS
        .acquire()
        .await
        .map_err(|_| AppError::Unavailable)?;
    // Whoever waited may find what the one before decoded.
    if let Some(picture) = last(sha256) {
        return Ok(picture);
    }
    let blobs = app.blobs();
    let sha = sha256.to_string();
    let picture = tokio::task::spawn_blocking(move || {
        let bytes = blobs.read(&sha).map_err(|e| e.to_string())?;
        letopis_media::iiif::decode(&bytes).map_err(|e| e.to_string())
    })
    .await
    .map_err(|_| AppError::Internal)?
    .map_err(|e| {
        tracing::warn!(%sha256, error = %e, "an image for IIIF could not be decoded");
        AppError::NotFound
    })?;
    let picture = Arc::new(picture);
    if u64::from(picture.width()) * u64::from(picture.height()) <= KEEP_DECODED_PIXELS
        && let Ok(mut last) = DECODED.lock()
    {
        *last = Some((sha256.to_string(), picture.clone()));
    }
    Ok(picture)
}
