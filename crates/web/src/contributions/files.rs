//! A family's photographs and documents: checked by content (never by name), size-limited,
//! images re-encoded, and served only through the private link or to moderators.
//!
//! Of an image only the re-encoded copies are kept (a web size and a thumbnail, JPEG, turned
//! upright): the original's metadata — a phone photo's GPS position above all — never reaches
//! the disk, and a file crafted to exploit a viewer does not survive decoding and encoding.
//! A PDF cannot be re-encoded; it is kept as sent and never published (moderators read it as a
//! source).

use crate::App;
use crate::shell::error::AppError;
use crate::shell::i18n::Message;
use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use letopis_media::{MediaClass, MediaType, derive_image, identify};
use letopis_store::FileInfo;
use letopis_store::contributions::{NewFile, SubmissionFile};

/// The largest file a family may send: a phone photo is a few megabytes, a scanned letter a
/// few more.
pub(crate) const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// Checks and stores one file; the caption and date are the family's.
pub(crate) fn accept(
    app: &App,
    bytes: &[u8],
    name: &str,
    caption: &str,
    date: &str,
) -> Result<NewFile, Message> {
    if bytes.is_empty() {
        return Err(Message::new("contributions-file-empty"));
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Message::new("contributions-file-too-big")
            .arg("max", letopis_media::human_size(MAX_FILE_BYTES as u64)));
    }
    let name = (!name.trim().is_empty()).then_some(name);
    let kind = identify(bytes, name).map_err(|_| Message::new("contributions-file-type"))?;
    let store = app.blobs();
    let uploads = app
        .uploads()
        .map_err(|_| Message::new("contributions-file-unavailable"))?;
    let (sha256, mime, width, height) = match kind.class {
        MediaClass::Image if kind == MediaType::JPEG || kind == MediaType::PNG => {
            let d = derive_image(bytes).map_err(|_| Message::new("contributions-file-broken"))?;
            let web = store
                .put_bytes(&d.web, Some("web.jpg"))
                .map_err(|_| Message::new("contributions-file-unavailable"))?;
            let thumb = store
                .put_bytes(&d.thumb, Some("thumb.jpg"))
                .map_err(|_| Message::new("contributions-file-unavailable"))?;
            let info = FileInfo {
                sha256: web.sha256.clone(),
                mime: "image/jpeg".into(),
                original: web.sha256.clone(),
                name: "photo.jpg".into(),
                thumb: Some(thumb.sha256),
                width: Some(d.width),
                height: Some(d.height),
                duration_ms: None,
                codec: None,
                sample_rate: None,
                channels: None,
                format: "изображение JPEG".into(),
            };
            uploads
                .put_file_info(&info)
                .map_err(|_| Message::new("contributions-file-unavailable"))?;
            (web.sha256, info.mime, Some(d.width), Some(d.height))
        }
        MediaClass::Document if kind == MediaType::PDF => {
            let doc = store
                .put_bytes(bytes, Some("document.pdf"))
                .map_err(|_| Message::new("contributions-file-unavailable"))?;
            (doc.sha256, kind.mime.to_string(), None, None)
        }
        _ => return Err(Message::new("contributions-file-type")),
    };
    Ok(NewFile {
        sha256,
        mime,
        width,
        height,
        caption: caption.trim().chars().take(500).collect(),
        date: date.trim().chars().take(100).collect(),
    })
}

/// Answers a submission's file (its thumbnail when `thumb`): to the contributor through the
/// private link, to moderators in the studio. Never cached: it is not public. A document is a
/// download, never a page of the site's origin.
pub(crate) async fn serve(
    app: &App,
    file: &SubmissionFile,
    thumb: bool,
) -> Result<Response, AppError> {
    let (sha, mime) = match (thumb, app.file_info(&file.sha256).and_then(|i| i.thumb)) {
        (true, Some(t)) => (t, "image/jpeg".to_string()),
        _ => (file.sha256.clone(), file.mime.clone()),
    };
    let blobs = app.blobs();
    let bytes = tokio::task::spawn_blocking(move || blobs.read(&sha))
        .await
        .map_err(|_| AppError::Internal)?
        .map_err(|_| AppError::NotFound)?;
    let mut response = (StatusCode::OK, Body::from(bytes)).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&mime)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(crate::shell::security::MEDIA_CONTENT_SECURITY_POLICY),
    );
    if !mime.starts_with("image/") {
        h.insert(
            header::CONTENT_DISPOSITION,
            HeaderValue::from_static("attachment"),
        );
    }
    Ok(response)
}

/// Removes blobs nothing refers to any more: no submission (the store said so) and no record.
pub(crate) async fn remove_orphans(app: &App, hashes: Vec<String>) {
    if hashes.is_empty() {
        return;
    }
    let app2 = app.clone();
    let blobs = app.blobs();
    let result = app
        .museum_desk(move |desk| {
            for sha in hashes {
                if desk.file_in_use(&sha)? {
                    continue;
                }
                let thumb = app2.file_info(&sha).and_then(|i| i.thumb);
                for h in std::iter::once(sha.clone()).chain(thumb) {
                    if let Err(e) = blobs.remove(&h) {
                        tracing::warn!(error = %e, "a withdrawn file was not removed");
                    }
                }
                if let Ok(uploads) = app2.uploads()
                    && let Err(e) = uploads.remove_file_info(&sha)
                {
                    tracing::warn!(error = %e, "a withdrawn file's info was not removed");
                }
            }
            Ok(())
        })
        .await;
    if let Err(e) = result {
        tracing::warn!(error = ?e, "removing files of a submission failed");
    }
}
