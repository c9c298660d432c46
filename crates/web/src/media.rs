//! `GET /media/{sha256}`: a media original, served only when some record that shows it is
//! visible to the viewer. Range requests and conditional GETs are handled by tower-http for a
//! local directory; for an object store, the range is read by `letopis_media::range`.

use crate::shell::error::AppError;
use crate::shell::security::MEDIA_CONTENT_SECURITY_POLICY;
use crate::{App, CurrentViewer};
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use letopis_core::entities::MediaRef;
use letopis_media::range::{Part, part_to_send};
use letopis_store::FileInfo;
use tower_http::services::ServeFile;

/// Every `sha256` inside a stored value (a media reference, a story's image block, a cover, a
/// recording): the files an erased part of a record named, for removal from the blob store.
pub(crate) fn hashes_in(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::String(sha)) = map.get("sha256") {
                out.push(sha.clone());
            }
            for v in map.values() {
                hashes_in(v, out);
            }
        }
        serde_json::Value::Array(items) => {
            for v in items {
                hashes_in(v, out);
            }
        }
        _ => {}
    }
}

pub async fn serve(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    Path(sha256): Path<String>,
    request: Request,
) -> Result<Response, AppError> {
    let media = visible(&app, viewer, &sha256).await?;
    send(&app, &sha256, &media.mime, request).await
}

/// `GET /media/{sha256}/thumb`: the thumbnail of a visible image, for lists and search results.
/// It is served under the image's own address, so it is seen exactly while the image is: the
/// thumbnail's own hash is in no record and `/media/{thumb}` answers 404 to the public.
pub async fn thumb(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    Path(sha256): Path<String>,
    request: Request,
) -> Result<Response, AppError> {
    let media = visible(&app, viewer, &sha256).await?;
    if !is_raster_image(&media.mime) {
        return Err(AppError::NotFound);
    }
    match thumbnail_of(&app, &media).await {
        Some(thumb) => send(&app, &thumb, "image/jpeg", request).await,
        None => send(&app, &sha256, &media.mime, request).await,
    }
}

#[derive(Debug, serde::Deserialize, Default)]
#[serde(default)]
pub struct DetailParams {
    crop: String,
}

/// `GET /media/{sha256}/detail?crop=x,y,w,h`: a rectangle of a visible image (percent of its
/// width and height), for a lesson's image detail. Like the thumbnail, it is served under the
/// image's own address and only while the image may be seen; cut on each request, one or two
/// at a time, and cached by the browser for an hour at most.
pub async fn detail(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    Path(sha256): Path<String>,
    axum::extract::Query(params): axum::extract::Query<DetailParams>,
) -> Result<Response, AppError> {
    let media = visible(&app, viewer, &sha256).await?;
    if !is_raster_image(&media.mime) {
        return Err(AppError::NotFound);
    }
    let crop = letopis_core::lesson::Crop::parse(&params.crop).ok_or_else(|| {
        AppError::BadRequest(crate::shell::i18n::Message::new("error-detail-crop"))
    })?;
    let _turn = MAKING_THUMBNAILS
        .acquire()
        .await
        .map_err(|_| AppError::Unavailable)?;
    let blobs = app.blobs();
    let bytes = tokio::task::spawn_blocking(move || {
        let original = blobs.read(&media.sha256).ok()?;
        letopis_media::derive::derive_detail(&original, crop.x, crop.y, crop.w, crop.h)
            .inspect_err(|e| tracing::warn!(sha256 = %media.sha256, error = %e, "no detail"))
            .ok()
    })
    .await
    .map_err(|_| AppError::Internal)?
    .ok_or(AppError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg")),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, max-age=3600"),
            ),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(MEDIA_CONTENT_SECURITY_POLICY),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// Thumbnails made at once, across the process.
pub(crate) static MAKING_THUMBNAILS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// An image this small is its own thumbnail: a second file would save almost nothing.
const SMALL_ENOUGH: u32 = letopis_media::derive::THUMB_EDGE * 3 / 2;

/// Whether a thumbnail is worth making of an image of this size (unknown: yes).
pub(crate) fn wants_thumbnail(media: &MediaRef) -> bool {
    is_raster_image(&media.mime)
        && media
            .width
            .zip(media.height)
            .is_none_or(|(w, h)| w.max(h) > SMALL_ENOUGH)
}

/// The hash of the image's thumbnail: the studio's, made at upload, or one made now and kept
/// (files from the demo, an import or an older version have none). `None`: serve the image.
async fn thumbnail_of(app: &App, media: &MediaRef) -> Option<String> {
    if !wants_thumbnail(media) {
        return None;
    }
    let kept = |info: &Option<FileInfo>| {
        info.as_ref()
            .and_then(|i| i.thumb.clone())
            .filter(|thumb| app.blobs().contains(thumb))
    };
    let info = app.file_info(&media.sha256);
    if let Some(thumb) = kept(&info) {
        return Some(thumb);
    }
    // Made once, then kept with the file's info; without a store for that info every visit
    // would decode the image again, so the image itself is served instead.
    let uploads = app.uploads().ok()?;
    // Decoding a web-size image takes tens of megabytes for a moment: a list of new pictures
    // opened by a crowd makes them one or two at a time, not all at once (the memory budget),
    // and whoever waited finds the thumbnail the one before them made.
    let _turn = MAKING_THUMBNAILS.acquire().await.ok()?;
    let info = app.file_info(&media.sha256);
    if let Some(thumb) = kept(&info) {
        return Some(thumb);
    }
    let blobs = app.blobs();
    let media = media.clone();
    tokio::task::spawn_blocking(move || {
        let bytes = blobs.read(&media.sha256).ok()?;
        let thumb = letopis_media::derive::derive_thumbnail(&bytes)
            .inspect_err(|e| tracing::warn!(sha256 = %media.sha256, error = %e, "no thumbnail"))
            .ok()?;
        let stored = blobs.put_bytes(&thumb, Some("thumb.jpg")).ok()?;
        let mut info = info.unwrap_or_else(|| FileInfo {
            sha256: media.sha256.clone(),
            mime: media.mime.clone(),
            original: media.sha256.clone(),
            name: String::new(),
            thumb: None,
            width: media.width,
            height: media.height,
            duration_ms: None,
            codec: None,
            sample_rate: None,
            channels: None,
            format: String::new(),
        });
        info.thumb = Some(stored.sha256.clone());
        if let Err(e) = uploads.put_file_info(&info) {
            tracing::warn!(error = %e, "a thumbnail's file info was not kept");
        }
        Some(stored.sha256)
    })
    .await
    .ok()
    .flatten()
}

/// The file's record, if the viewer may see a record that shows it; else 404.
pub(crate) async fn visible(
    app: &App,
    viewer: letopis_core::Viewer,
    sha256: &str,
) -> Result<MediaRef, AppError> {
    if !is_sha256(sha256) {
        return Err(AppError::NotFound);
    }
    // The museum's own people fetch the files of the records they edit (the studio's player
    // plays the original of a recording with closed stretches); everyone else only what a
    // projection they may see lists.
    app.read_studio(viewer, {
        let sha256 = sha256.to_string();
        move |gate| gate.media(&sha256)
    })
    .await?
    .ok_or(AppError::NotFound)
}

/// Sends the blob `sha256` as `mime`, with ranges and the media headers.
async fn send(app: &App, sha256: &str, mime: &str, request: Request) -> Result<Response, AppError> {
    let blobs = app.blobs();
    let response = match blobs.local_path(sha256) {
        // A local directory: tower-http streams the file with ranges and conditional requests.
        Some(file) => ServeFile::new(&file)
            .try_call(request)
            .await
            .map_err(|e| {
                tracing::error!(error = %e, path = %file.display(), "reading a media file failed");
                AppError::Internal
            })?
            .map(Body::new),
        None => from_blobs(blobs, sha256.to_string(), request.headers()).await?,
    };
    if response.status() == StatusCode::NOT_FOUND {
        tracing::warn!(%sha256, "a visible record shows a media file that is missing");
        return Err(AppError::NotFound);
    }
    let mut response = response.map(Body::new);
    let headers = response.headers_mut();
    if headers.contains_key(header::CONTENT_TYPE) {
        let mime = HeaderValue::from_str(mime)
            .unwrap_or(HeaderValue::from_static("application/octet-stream"));
        headers.insert(header::CONTENT_TYPE, mime);
    }
    if !plays_inline(mime) {
        headers.insert(
            header::CONTENT_DISPOSITION,
            HeaderValue::from_static("attachment"),
        );
    }
    // Revalidate every time: a withdrawal must take effect at once (DESIGN.md, invariant 3),
    // so no cache may keep serving a file whose record was closed.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(MEDIA_CONTENT_SECURITY_POLICY),
    );
    Ok(response)
}

/// A file from a store that is not a local directory (an object store): the first range asked
/// for, at most [`letopis_media::range::MAX_PART`] of it; without a `Range` header, the whole
/// file (a document, a download), streamed a piece at a time.
async fn from_blobs(
    blobs: std::sync::Arc<dyn letopis_media::Blobs>,
    sha256: String,
    headers: &axum::http::HeaderMap,
) -> Result<Response<Body>, AppError> {
    // An original never changes under its name, so its hash is a strong validator: a client
    // that has the file revalidates (after the gate has said yes) without a byte or a request
    // to the object store, and its ranges of a file it began are honoured.
    let etag = format!("\"{sha256}\"");
    let header_text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    if header_text(header::IF_NONE_MATCH).is_some_and(|tags| names_tag(tags, &etag)) {
        return Response::builder()
            .status(StatusCode::NOT_MODIFIED)
            .header(header::ETAG, &etag)
            .body(Body::empty())
            .map_err(|_| AppError::Internal);
    }
    let asked = match header_text(header::IF_RANGE) {
        // A range of another version of the file (or of a date): send the whole file.
        Some(validator) if validator.trim() != etag => None,
        _ => header_text(header::RANGE).map(str::to_string),
    };
    let read = tokio::task::spawn_blocking({
        let (blobs, sha256) = (blobs.clone(), sha256.clone());
        move || -> Result<Read, letopis_media::MediaError> {
            let size = blobs.size(&sha256)?;
            if asked.is_none() && size > letopis_media::range::MAX_PART {
                return Ok(Read::Whole(size));
            }
            let Ok(Part {
                bytes: want,
                partial,
            }) = part_to_send(asked.as_deref(), size)
            else {
                return Ok(Read::Unsatisfiable(size));
            };
            let bytes = blobs.read_range(&sha256, want.clone())?;
            Ok(Read::Part {
                size,
                partial,
                want,
                bytes,
            })
        }
    })
    .await
    .map_err(|_| AppError::Internal)?;
    let builder = || {
        Response::builder()
            .header(header::CONTENT_TYPE, "application/octet-stream")
            .header(header::ACCEPT_RANGES, "bytes")
            .header(header::ETAG, &etag)
    };
    let response = match read {
        Err(letopis_media::MediaError::NotFound { .. }) => Response::builder()
            .status(StatusCode::NOT_FOUND)
            .body(Body::empty()),
        Err(e) => {
            tracing::error!(error = %e, "reading a media file from the object store failed");
            return Err(AppError::Internal);
        }
        Ok(Read::Unsatisfiable(size)) => Response::builder()
            .status(StatusCode::RANGE_NOT_SATISFIABLE)
            .header(header::CONTENT_RANGE, format!("bytes */{size}"))
            .body(Body::empty()),
        Ok(Read::Whole(size)) => builder()
            .header(header::CONTENT_LENGTH, size)
            .body(Body::from_stream(whole(blobs, sha256, size))),
        Ok(Read::Part {
            size,
            partial,
            want,
            bytes,
        }) => {
            let mut builder = builder();
            if partial && !bytes.is_empty() {
                builder = builder.status(StatusCode::PARTIAL_CONTENT).header(
                    header::CONTENT_RANGE,
                    format!(
                        "bytes {}-{}/{size}",
                        want.start,
                        want.start + bytes.len() as u64 - 1
                    ),
                );
            }
            builder.body(Body::from(bytes))
        }
    };
    response.map_err(|_| AppError::Internal)
}

/// Whether an `If-None-Match` list names `etag` (or is `*`); a weak tag matches too, as the
/// header's weak comparison says.
fn names_tag(tags: &str, etag: &str) -> bool {
    tags.split(',')
        .map(str::trim)
        .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag)
}

/// What [`from_blobs`] read.
enum Read {
    Unsatisfiable(u64),
    Part {
        size: u64,
        partial: bool,
        want: std::ops::Range<u64>,
        bytes: Vec<u8>,
    },
    Whole(u64),
}

/// Pieces of a whole file read from the blob store as the client takes them: one piece in
/// memory per download, and a blocking thread only while a piece is fetched (a slow client
/// holds none).
fn whole(
    blobs: std::sync::Arc<dyn letopis_media::Blobs>,
    sha256: String,
    size: u64,
) -> impl futures_util::Stream<Item = Result<bytes::Bytes, std::io::Error>> {
    const PIECE: u64 = 2 * 1024 * 1024;
    futures_util::stream::try_unfold(0u64, move |at| {
        let (blobs, sha256) = (blobs.clone(), sha256.clone());
        async move {
            if at >= size {
                return Ok(None);
            }
            let end = (at + PIECE).min(size);
            let piece = tokio::task::spawn_blocking(move || blobs.read_range(&sha256, at..end))
                .await
                .map_err(std::io::Error::other)?
                .map_err(std::io::Error::other)?;
            if piece.is_empty() {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    "the file ended before its size",
                ));
            }
            let next = at + piece.len() as u64;
            Ok(Some((bytes::Bytes::from(piece), next)))
        }
    })
}

/// Only 64 lowercase hex digits name a file, which also rules out any path tricks.
fn is_sha256(name: &str) -> bool {
    name.len() == 64 && name.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Pictures a thumbnail can be made of (not SVG, which is refused at upload anyway).
pub(crate) fn is_raster_image(mime: &str) -> bool {
    let mime = mime.to_ascii_lowercase();
    mime.starts_with("image/") && !mime.starts_with("image/svg")
}

/// Types a browser shows without running anything; everything else is offered as a download.
fn plays_inline(mime: &str) -> bool {
    let mime = mime.to_ascii_lowercase();
    let safe_image = mime.starts_with("image/") && !mime.starts_with("image/svg");
    safe_image
        || mime.starts_with("audio/")
        || mime.starts_with("video/")
        || mime.starts_with("text/vtt")
        || mime == "application/pdf"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_lowercase_sha256_names_name_files() {
        assert!(is_sha256(&"ab".repeat(32)));
        assert!(!is_sha256(&"AB".repeat(32)));
        assert!(!is_sha256("abc"));
        assert!(!is_sha256(&format!("../{}", "a".repeat(61))));
    }

    #[test]
    fn a_list_of_validators_names_the_file_by_its_hash() {
        let etag = "\"abc\"";
        assert!(names_tag("\"abc\"", etag));
        assert!(names_tag("W/\"x\", W/\"abc\"", etag));
        assert!(names_tag(" * ", etag));
        assert!(!names_tag("\"abcd\"", etag));
        assert!(!names_tag("abc", etag));
    }

    #[test]
    fn scripts_are_never_inline() {
        assert!(plays_inline("image/jpeg") && plays_inline("audio/mpeg"));
        assert!(!plays_inline("image/svg+xml") && !plays_inline("text/html"));
    }
}
