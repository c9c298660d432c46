//! Media upload: resumable, in chunks, so a long video survives a dropped connection.
//!
//! The protocol is a small cousin of tus:
//! 1. `POST /studio/uploads` `{"name": "…", "size": N}` → `{"id": "…", "offset": 0}`;
//! 2. `PATCH /studio/uploads/{id}` with `Upload-Offset: k` and the next bytes → the new offset;
//!    a chunk at the wrong offset answers 409 with the offset the server has;
//! 3. `GET /studio/uploads/{id}` → the offset, to resume after a drop;
//! 4. the last chunk stores the file through `letopis-media` (type by content, a lying
//!    extension or an SVG refused, size limits), makes image derivatives and answers the file.
//!
//! Images are published as derivatives, never as the original: a web size (at most
//! [`WEB_EDGE`] px) and a thumbnail, re-encoded as JPEG by `letopis_media::derive`, which
//! carries no EXIF, so neither keeps the camera's GPS position or anything else the original's
//! metadata held. The original stays in the blob store as the archive copy. Audio and video are
//! probed for duration and format (`probe`), and one that cannot be read is refused with the
//! reason.
//!
//! Nothing of an upload lives beside the base (issue #14): the upload in progress and its bytes
//! are in the store (`letopis_store::Uploads`), so a chunk may reach any node of several over one
//! base; the bytes are assembled into a temporary file only when the last one arrives, and what
//! the studio learns of the file ([`FileInfo`]) is kept in the store by hash.

use super::Staff;
use crate::App;
use crate::shell::auth::random_token;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use jiff::{SignedDuration, Timestamp};
use letopis_core::entities::MediaRef;
use letopis_media::derive::{DeriveError, MAX_PIXELS, derive_image};
use letopis_media::{Blobs, MediaClass, MediaError, probe};
use letopis_store::uploads::{Appended, MAX_PIECE, PendingUpload};
use letopis_store::{StoreError, Uploads};
use serde::Deserialize;
use serde_json::json;

pub use letopis_media::derive::{THUMB_EDGE, WEB_EDGE};
/// What the studio knows about an uploaded file: plain data kept by the store.
pub use letopis_store::FileInfo;

/// The largest chunk accepted in one request.
pub const MAX_CHUNK: usize = 8 * 1024 * 1024;
// A chunk of the studio's size is one piece of the store's (a longer body is split there).
const _: () = assert!(MAX_CHUNK <= MAX_PIECE);
/// An upload with no chunk for this long was abandoned (a closed tab, a lost laptop); its bytes
/// are purged from the base.
pub const UPLOAD_KEPT: SignedDuration = SignedDuration::from_hours(24);

/// What the studio knows about the file with this hash (a derivative's or an original's);
/// `None` also when the studio's store is off or cannot answer (logged). A point read by key,
/// so callers on the async side take it directly, as they took the file it replaced.
pub fn file_info(app: &App, sha: &str) -> Option<FileInfo> {
    app.file_info(sha)
}

/// The form's way to turn an uploaded file's hash into a [`MediaRef`].
pub fn media_lookup(app: &App) -> impl Fn(&str) -> Option<MediaRef> + use<> {
    let app = app.clone();
    move |sha: &str| {
        file_info(&app, sha).map(|i| MediaRef {
            sha256: i.sha256,
            mime: i.mime,
            caption: None,
            alt: None,
            width: i.width,
            height: i.height,
        })
    }
}

/// A blob's bytes for a studio or private answer (a preview, a family's file), read on the
/// blocking pool from whichever blob store the portal uses.
pub(crate) async fn read_blob(app: &App, sha: String) -> Result<Vec<u8>, AppError> {
    let blobs = app.blobs();
    tokio::task::spawn_blocking(move || blobs.read(&sha))
        .await
        .map_err(|_| AppError::Internal)?
        .map_err(|_| AppError::NotFound)
}

/// Why an image was refused, in the page's language.
pub(crate) fn image_refusal(t: &Tr, refused: &DeriveError) -> String {
    match refused {
        DeriveError::Unreadable(e) => {
            t.args("studio-image-unreadable", &[("error", e.as_str().into())])
        }
        DeriveError::Broken => t.msg("studio-image-broken"),
        DeriveError::TooLarge { width, height } => t.args(
            "studio-image-too-large",
            &[
                ("width", width.to_string().into()),
                ("height", height.to_string().into()),
                ("millions", (MAX_PIXELS / 1_000_000).to_string().into()),
            ],
        ),
        DeriveError::Encode(e) => t.args(
            "studio-image-encode-failed",
            &[("error", e.as_str().into())],
        ),
    }
}

fn refuse(status: StatusCode, message: impl Into<String>) -> Response {
    (
        status,
        Json(json!({ "ok": false, "message": message.into() })),
    )
        .into_response()
}

/// A file name as sent by a browser: a plain name, never a path.
fn check_name(t: &Tr, name: &str) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(t.msg("studio-upload-no-name"));
    }
    if name.contains(['/', '\\']) || name.starts_with('.') || name.contains("..") {
        return Err(t.args(
            "studio-upload-path-name",
            &[("name", name.chars().take(100).collect::<String>().into())],
        ));
    }
    if name.chars().any(char::is_control) || name.chars().count() > 255 {
        return Err(t.msg("studio-upload-bad-name"));
    }
    Ok(name.to_string())
}

fn valid_id(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

#[derive(Debug, Deserialize)]
pub struct NewUpload {
    name: String,
    size: u64,
}

fn check_header_csrf(staff: &Staff, headers: &HeaderMap) -> Result<(), AppError> {
    staff.check_csrf(headers.get("x-csrf-token").and_then(|v| v.to_str().ok()))
}

pub async fn create(
    State(app): State<App>,
    staff: Staff,
    headers: HeaderMap,
    Json(new): Json<NewUpload>,
) -> Result<Response, AppError> {
    check_header_csrf(&staff, &headers)?;
    let name = match check_name(&staff.t, &new.name) {
        Ok(n) => n,
        Err(message) => return Ok(refuse(StatusCode::UNPROCESSABLE_ENTITY, message)),
    };
    let limits = app.config().studio.media_limits;
    let largest = [
        limits.image,
        limits.audio,
        limits.video,
        limits.document,
        limits.text,
    ]
    .into_iter()
    .max()
    .unwrap_or(0);
    if new.size == 0 {
        return Ok(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            MediaError::Empty.to_string(),
        ));
    }
    if new.size > largest {
        return Ok(refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            staff.t.args(
                "studio-upload-too-large",
                &[
                    ("size", letopis_media::human_size(new.size).into()),
                    ("largest", letopis_media::human_size(largest).into()),
                ],
            ),
        ));
    }
    let id = random_token().map_err(|_| AppError::Internal)?[..32].to_string();
    let started = letopis_store::uploads::NewUpload {
        id: id.clone(),
        user: staff.user.id,
        name,
        size: new.size,
    };
    app.uploads_call(move |u| u.start_upload(&started, Timestamp::now()))
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "ok": true, "id": id, "offset": 0, "chunk": MAX_CHUNK })),
    )
        .into_response())
}

async fn pending(app: &App, staff: &Staff, id: &str) -> Result<PendingUpload, AppError> {
    if !valid_id(id) {
        return Err(AppError::NotFound);
    }
    let key = id.to_string();
    let meta = app
        .uploads_call(move |u| u.upload(&key))
        .await?
        .ok_or(AppError::NotFound)?;
    // Someone else's upload does not exist for this person.
    if meta.user != staff.user.id {
        return Err(AppError::NotFound);
    }
    Ok(meta)
}

pub async fn status(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let meta = pending(&app, &staff, &id).await?;
    Ok(Json(json!({ "ok": true, "offset": meta.received, "size": meta.size })).into_response())
}

fn misplaced(staff: &Staff, have: u64) -> Response {
    let mut r = refuse(StatusCode::CONFLICT, staff.t.msg("studio-upload-misplaced"));
    r.headers_mut()
        .insert("upload-offset", HeaderValue::from(have));
    r
}

pub async fn chunk(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    check_header_csrf(&staff, &headers)?;
    let meta = pending(&app, &staff, &id).await?;
    let Some(offset) = headers
        .get("upload-offset")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
    else {
        return Ok(refuse(
            StatusCode::BAD_REQUEST,
            staff.t.msg("studio-upload-no-offset"),
        ));
    };
    // Answered before the bytes go to the store; the store checks both again in the
    // transaction that takes the chunk, which is what keeps a racing duplicate out.
    if offset != meta.received {
        return Ok(misplaced(&staff, meta.received));
    }
    if meta.received + body.len() as u64 > meta.size {
        return Ok(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            staff.t.msg("studio-upload-bigger"),
        ));
    }
    let key = id.clone();
    let appended = app
        .uploads_call(move |u| u.append_chunk(&key, offset, &body, Timestamp::now()))
        .await?;
    let written = match appended {
        Appended::Taken(end) => end,
        Appended::WrongOffset(have) => return Ok(misplaced(&staff, have)),
        Appended::TooLong => {
            return Ok(refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                staff.t.msg("studio-upload-bigger"),
            ));
        }
    };
    if written < meta.size {
        let mut r = Json(json!({ "ok": true, "offset": written })).into_response();
        r.headers_mut()
            .insert("upload-offset", HeaderValue::from(written));
        return Ok(r);
    }
    let uploads = app.uploads()?;
    let blobs = app.blobs();
    let scratch = app.data_dir();
    let name = meta.name.clone();
    let t = staff.t;
    let finished = tokio::task::spawn_blocking(move || {
        let result = complete(&t, &*uploads, &*blobs, &scratch, &id, &name);
        // Stored or refused, the upload is over: its bytes leave the base either way.
        if let Err(e) = uploads.remove_upload(&id) {
            tracing::warn!(error = %e, "a finished upload was not removed; the purge will");
        }
        result
    })
    .await
    .map_err(|_| AppError::Internal)?;
    Ok(match finished {
        Ok(info) => Json(json!({ "ok": true, "offset": meta.size, "done": true, "file": info }))
            .into_response(),
        Err(message) => refuse(StatusCode::UNPROCESSABLE_ENTITY, message),
    })
}

/// Assembles a complete upload from the store into a temporary file and stores it with
/// [`finish`]. The file is made in `scratch` (the data directory: a gigabyte of video should
/// not land in a memory-backed `/tmp`) and is gone when this returns.
fn complete(
    t: &Tr,
    uploads: &dyn Uploads,
    blobs: &dyn Blobs,
    scratch: &std::path::Path,
    id: &str,
    name: &str,
) -> Result<FileInfo, String> {
    let assembled = assemble(uploads, scratch, id).map_err(|e| {
        tracing::error!(error = %e, "assembling an upload failed");
        t.args("studio-upload-read-failed", &[("error", e.into())])
    })?;
    finish(t, blobs, uploads, assembled.path(), name)
}

/// The name a complete upload's scratch copy starts with in the data directory.
const SCRATCH_PREFIX: &str = ".upload-";

/// Removes the scratch copies of uploads that a killed process left in the data directory (a
/// finished request removes its own); returns how many. Call it only while no other server
/// runs over this data directory — `letopis serve` does, once it holds the search index's
/// writer lock, which a second server over the same directory cannot take.
pub fn sweep_upload_scratch(data_dir: &std::path::Path) -> usize {
    let Ok(entries) = std::fs::read_dir(data_dir) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(SCRATCH_PREFIX))
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

fn assemble(
    uploads: &dyn Uploads,
    scratch: &std::path::Path,
    id: &str,
) -> Result<tempfile::NamedTempFile, String> {
    let mut part = tempfile::Builder::new()
        .prefix(SCRATCH_PREFIX)
        .tempfile_in(scratch)
        .or_else(|_| tempfile::NamedTempFile::new())
        .map_err(|e| e.to_string())?;
    let mut out = std::io::BufWriter::new(part.as_file_mut());
    uploads
        .assemble_upload(id, &mut out)
        .map_err(|e| e.to_string())?;
    std::io::Write::flush(&mut out).map_err(|e| e.to_string())?;
    drop(out);
    Ok(part)
}

/// Stores a complete upload (the file at `part`) and its derivatives, and keeps what was
/// learnt of it; the message says why a file is refused (in `t`'s language where the studio
/// words it; the blob store's and the probe's are Russian).
pub fn finish(
    t: &Tr,
    blobs: &dyn Blobs,
    uploads: &dyn Uploads,
    part: &std::path::Path,
    name: &str,
) -> Result<FileInfo, String> {
    let original = blobs
        .put_file(part, Some(name))
        .map_err(|e| e.to_string())?;
    let mut info = FileInfo {
        sha256: original.sha256.clone(),
        mime: original.media_type.mime.to_string(),
        original: original.sha256.clone(),
        name: name.to_string(),
        thumb: None,
        width: None,
        height: None,
        duration_ms: None,
        codec: None,
        sample_rate: None,
        channels: None,
        format: original.media_type.label_ru().to_string(),
    };
    // Derivatives and probes read the local file just stored, never the blob store back: the
    // blob store may be a bucket on another machine.
    match original.media_type.class {
        MediaClass::Image => {
            let bytes = std::fs::read(part).map_err(|e| {
                t.args(
                    "studio-upload-read-failed",
                    &[("error", e.to_string().into())],
                )
            })?;
            let d = derive_image(&bytes).map_err(|e| image_refusal(t, &e))?;
            let web = blobs
                .put_bytes(&d.web, Some("web.jpg"))
                .map_err(|e| e.to_string())?;
            let thumb = blobs
                .put_bytes(&d.thumb, Some("thumb.jpg"))
                .map_err(|e| e.to_string())?;
            info.sha256 = web.sha256;
            info.mime = "image/jpeg".into();
            info.thumb = Some(thumb.sha256);
            info.width = Some(d.width);
            info.height = Some(d.height);
        }
        MediaClass::Audio | MediaClass::Video => {
            let label = original.media_type.label_ru();
            if let Some(p) = probe::probe(part, original.media_type.mime, label)? {
                info.format = describe(label, &p);
                info.duration_ms = Some(p.duration_ms);
                info.codec = p.codec.map(str::to_string);
                info.sample_rate = p.sample_rate;
                info.channels = p.channels;
            }
        }
        MediaClass::Document | MediaClass::Text => {}
    }
    uploads.put_file_info(&info).map_err(|e| {
        t.args(
            "studio-upload-info-failed",
            &[("error", e.to_string().into())],
        )
    })?;
    Ok(info)
}

/// «аудиозапись MP3, 2 мин, 44,1 кГц, стерео»: the label with what probing found.
fn describe(label: &str, p: &probe::Probed) -> String {
    let t = crate::shell::i18n::Tr::new(crate::shell::i18n::Lang::Ru);
    let ms = u32::try_from(p.duration_ms).unwrap_or(u32::MAX);
    let mut parts = vec![label.to_string(), crate::shell::text::duration(&t, ms)];
    if let Some(rate) = p.sample_rate {
        let khz = format!("{:.1}", f64::from(rate) / 1000.0).replace(".0", "");
        parts.push(format!("{} кГц", khz.replace('.', ",")));
    }
    match p.channels {
        Some(1) => parts.push("моно".into()),
        Some(2) => parts.push("стерео".into()),
        Some(n) => parts.push(format!("каналов: {n}")),
        None => {}
    }
    parts.join(", ")
}

/// Removes uploads untouched for [`UPLOAD_KEPT`]; returns how many.
pub async fn purge_stale_uploads(app: &App) -> Result<usize, AppError> {
    let since = Timestamp::now() - UPLOAD_KEPT;
    app.uploads_call(move |u| u.purge_uploads(since)).await
}

/// Brings file info kept by older versions as `DIR/derivatives/<sha>.json` into the store, so
/// an old base keeps what the studio knew of its files. Idempotent: info the store already
/// holds under a hash is left as it is (it is the same or newer), so running it at every start
/// costs one read per file and changes nothing the second time. Files that do not read as file
/// info are skipped and logged. Returns how many were brought in. The directory is left in
/// place; once the portal has started it may be deleted.
pub fn import_legacy_file_info(
    data_dir: &std::path::Path,
    uploads: &dyn Uploads,
) -> Result<usize, StoreError> {
    let dir = data_dir.join("derivatives");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(0);
    };
    let mut names: Vec<std::path::PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    let mut imported = 0;
    for path in names {
        let Some(key) = path
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(letopis_store::uploads::normal_hash)
        else {
            continue;
        };
        if uploads.file_info(&key)?.is_some() {
            continue;
        }
        let info = std::fs::read(&path)
            .ok()
            .and_then(|b| serde_json::from_slice::<FileInfo>(&b).ok());
        let Some(info) = info else {
            tracing::warn!(file = %path.display(), "old file info that does not read; skipped");
            continue;
        };
        match uploads.put_file_info(&info) {
            Ok(()) => imported += 1,
            Err(StoreError::Invalid(_)) => {
                tracing::warn!(file = %path.display(), "old file info with a bad hash; skipped");
            }
            Err(e) => return Err(e),
        }
    }
    Ok(imported)
}

/// A studio preview of an uploaded file: the thumbnail of an image, else the file itself.
pub async fn preview(
    State(app): State<App>,
    _staff: Staff,
    Path(sha): Path<String>,
) -> Result<Response, AppError> {
    let app2 = app.clone();
    let info = app
        .uploads_call(move |u| u.file_info(&sha))
        .await?
        .ok_or(AppError::NotFound)?;
    let (hash, mime) = match &info.thumb {
        Some(t) => (t.clone(), "image/jpeg".to_string()),
        None => (info.sha256.clone(), info.mime.clone()),
    };
    let bytes = read_blob(&app2, hash).await?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&mime)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(crate::shell::security::MEDIA_CONTENT_SECURITY_POLICY),
    );
    if !mime.starts_with("image/") {
        headers.insert(
            header::CONTENT_DISPOSITION,
            HeaderValue::from_static("attachment"),
        );
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A process killed while storing a finished upload leaves its scratch copy behind; the
    /// next start removes it, and nothing else of the data directory.
    #[test]
    fn scratch_copies_left_by_a_kill_are_swept() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let scratch = tempfile::Builder::new()
            .prefix(SCRATCH_PREFIX)
            .tempfile_in(dir.path())
            .expect("scratch copy");
        let (_, kept) = scratch.keep().expect("left behind, as by a kill");
        std::fs::write(dir.path().join("letopis.db"), b"base").expect("base");
        std::fs::write(dir.path().join("upload-notes.txt"), b"not ours").expect("file");
        assert_eq!(sweep_upload_scratch(dir.path()), 1);
        assert!(!kept.exists());
        assert!(dir.path().join("letopis.db").exists());
        assert!(dir.path().join("upload-notes.txt").exists());
    }

    #[test]
    fn path_like_names_are_refused() {
        assert!(check_name(&Tr::default(), "фото.jpg").is_ok());
        for bad in [
            "../etc/passwd",
            "a/b.jpg",
            "C:\\x.jpg",
            ".htaccess",
            "",
            "a\u{0}.jpg",
        ] {
            assert!(check_name(&Tr::default(), bad).is_err(), "{bad:?}");
        }
    }

    fn info(sha: char, original: char, name: &str) -> FileInfo {
        FileInfo {
            sha256: sha.to_string().repeat(64),
            mime: "image/jpeg".into(),
            original: original.to_string().repeat(64),
            name: name.into(),
            thumb: Some("c".repeat(64)),
            width: Some(1600),
            height: Some(900),
            duration_ms: None,
            codec: None,
            sample_rate: None,
            channels: None,
            format: "изображение JPEG".into(),
        }
    }

    #[test]
    fn old_file_info_is_imported_once() {
        let dir = tempfile::tempdir().expect("dir");
        let store =
            letopis_store::sqlite::SqliteStore::open(dir.path().join("letopis.db")).expect("db");
        assert_eq!(
            import_legacy_file_info(dir.path(), &store).unwrap(),
            0,
            "no directory"
        );
        let old = dir.path().join("derivatives");
        std::fs::create_dir_all(&old).unwrap();
        // As older versions wrote it: the same JSON under the derivative's and the original's
        // hash, an audio file under its one hash, and things that are not file info.
        let photo = info('a', 'b', "портрет.jpg");
        let mut audio = info('e', 'e', "песня.mp3");
        audio.thumb = None;
        audio.duration_ms = Some(1500);
        let json = |i: &FileInfo| serde_json::to_vec(i).unwrap();
        std::fs::write(old.join(format!("{}.json", "a".repeat(64))), json(&photo)).unwrap();
        std::fs::write(old.join(format!("{}.json", "b".repeat(64))), json(&photo)).unwrap();
        std::fs::write(old.join(format!("{}.json", "e".repeat(64))), json(&audio)).unwrap();
        std::fs::write(old.join(format!("{}.json", "f".repeat(64))), b"{ broken").unwrap();
        std::fs::write(old.join("notes.json"), json(&photo)).unwrap();
        assert_eq!(import_legacy_file_info(dir.path(), &store).unwrap(), 2);
        assert_eq!(
            store.file_info(&"a".repeat(64)).unwrap(),
            Some(photo.clone())
        );
        assert_eq!(store.file_info(&"b".repeat(64)).unwrap(), Some(photo));
        assert_eq!(store.file_info(&"e".repeat(64)).unwrap(), Some(audio));
        assert!(store.file_info(&"f".repeat(64)).unwrap().is_none());
        // Again: nothing new, and what the store learnt since is not overwritten.
        let newer = info('a', 'b', "портрет, подписанный.jpg");
        store.put_file_info(&newer).unwrap();
        assert_eq!(import_legacy_file_info(dir.path(), &store).unwrap(), 0);
        assert_eq!(store.file_info(&"b".repeat(64)).unwrap(), Some(newer));
    }
}
