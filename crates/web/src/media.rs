//! `GET /media/{sha256}`: a media original, served only when some record that shows it is
//! visible to the viewer. Range requests and conditional GETs are handled by tower-http.

use crate::error::AppError;
use crate::security::MEDIA_CONTENT_SECURITY_POLICY;
use crate::{App, CurrentViewer};
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use std::path::{Path as FsPath, PathBuf};
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
    let file = blob_path(&app.config().media_root, &sha256).ok_or(AppError::NotFound)?;
    // The museum's own people fetch the files of the records they edit (the studio's player
    // plays the original of a recording with closed stretches); everyone else only what a
    // projection they may see lists.
    let media = app
        .read_studio(viewer, move |gate| gate.media(&sha256))
        .await?
        .ok_or(AppError::NotFound)?;
    let response = ServeFile::new(&file).try_call(request).await.map_err(|e| {
        tracing::error!(error = %e, path = %file.display(), "reading a media file failed");
        AppError::Internal
    })?;
    if response.status() == StatusCode::NOT_FOUND {
        tracing::warn!(path = %file.display(), "a visible record shows a media file that is missing");
        return Err(AppError::NotFound);
    }
    let mut response = response.map(Body::new);
    let headers = response.headers_mut();
    if headers.contains_key(header::CONTENT_TYPE) {
        let mime = HeaderValue::from_str(&media.mime)
            .unwrap_or(HeaderValue::from_static("application/octet-stream"));
        headers.insert(header::CONTENT_TYPE, mime);
    }
    if !plays_inline(&media.mime) {
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

/// Where the blob store keeps a file: `<root>/<sha[0..2]>/<sha[2..4]>/<sha>`. `None` unless the
/// name is 64 lowercase hex digits, which also rules out any path tricks.
pub fn blob_path(root: &FsPath, sha256: &str) -> Option<PathBuf> {
    let valid = sha256.len() == 64
        && sha256
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    valid.then(|| root.join(&sha256[0..2]).join(&sha256[2..4]).join(sha256))
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
    fn only_lowercase_sha256_names_make_paths() {
        let sha = "ab".repeat(32);
        let path = blob_path(FsPath::new("/m"), &sha);
        assert_eq!(path, Some(PathBuf::from(format!("/m/ab/ab/{sha}"))));
        assert_eq!(blob_path(FsPath::new("/m"), &"AB".repeat(32)), None);
        assert_eq!(blob_path(FsPath::new("/m"), "abc"), None);
        let escape = format!("../{}", "a".repeat(61));
        assert_eq!(blob_path(FsPath::new("/m"), &escape), None);
    }

    #[test]
    fn scripts_are_never_inline() {
        assert!(plays_inline("image/jpeg") && plays_inline("audio/mpeg"));
        assert!(!plays_inline("image/svg+xml") && !plays_inline("text/html"));
    }
}
