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
//! [`WEB_EDGE`] px) and a thumbnail, re-encoded as JPEG, which carries no EXIF, so neither keeps
//! the camera's GPS position or anything else the original's metadata held. The original stays
//! in the blob store as the archive copy. Audio and video are probed for duration and format
//! (`probe`), and one that cannot be read is refused with the reason.

use super::Staff;
use crate::App;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::shell::auth::random_token;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use letopis_core::entities::MediaRef;
use letopis_media::probe;
use letopis_media::{BlobStore, MediaClass, MediaError};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::io::Write;
use std::path::PathBuf;

/// The largest chunk accepted in one request.
pub const MAX_CHUNK: usize = 8 * 1024 * 1024;
/// The longer edge of the web-size derivative.
pub const WEB_EDGE: u32 = 1600;
pub const THUMB_EDGE: u32 = 320;
/// Pixels an image may have when decoded: a small file that unpacks into gigabytes (a
/// decompression bomb) is refused before it is decoded.
pub const MAX_PIXELS: u64 = 100_000_000;
const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;

/// What the studio remembers about an uploaded file (beside the blob store, by hash).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FileInfo {
    /// The hash a record refers to: the web-size derivative for images, else the original.
    pub sha256: String,
    pub mime: String,
    pub original: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumb: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<u64>,
    /// The audio codec («MP3», «Vorbis», «Opus», «FLAC», «PCM»).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codec: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample_rate: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channels: Option<u16>,
    /// What the studio shows: «аудиозапись MP3, 1 мин, 44,1 кГц, стерео».
    pub format: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct Pending {
    user: i64,
    name: String,
    size: u64,
}

fn uploads_dir(app: &App) -> PathBuf {
    app.data_dir().join("uploads")
}

fn info_path(app: &App, sha: &str) -> Option<PathBuf> {
    let valid = sha.len() == 64 && sha.bytes().all(|b| b.is_ascii_hexdigit());
    valid.then(|| {
        app.data_dir()
            .join("derivatives")
            .join(format!("{}.json", sha.to_ascii_lowercase()))
    })
}

pub fn file_info(app: &App, sha: &str) -> Option<FileInfo> {
    let text = std::fs::read_to_string(info_path(app, sha)?).ok()?;
    serde_json::from_str(&text).ok()
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

pub(crate) fn blob_store(app: &App) -> Result<BlobStore, AppError> {
    BlobStore::open(&app.config().media_root, app.config().studio.media_limits).map_err(|e| {
        tracing::error!(error = %e, "the media store cannot be opened");
        AppError::Unavailable
    })
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
    let dir = uploads_dir(&app);
    let pending = Pending {
        user: staff.user.id,
        name,
        size: new.size,
    };
    let id2 = id.clone();
    tokio::task::spawn_blocking(move || -> std::io::Result<()> {
        std::fs::create_dir_all(&dir)?;
        std::fs::write(
            dir.join(format!("{id2}.json")),
            serde_json::to_vec(&pending)?,
        )?;
        std::fs::File::create(dir.join(format!("{id2}.part")))?;
        Ok(())
    })
    .await
    .map_err(|_| AppError::Internal)?
    .map_err(|e| {
        tracing::error!(error = %e, "creating an upload failed");
        AppError::Unavailable
    })?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "ok": true, "id": id, "offset": 0, "chunk": MAX_CHUNK })),
    )
        .into_response())
}

fn pending(app: &App, staff: &Staff, id: &str) -> Result<(Pending, PathBuf), AppError> {
    if !valid_id(id) {
        return Err(AppError::NotFound);
    }
    let dir = uploads_dir(app);
    let meta: Pending = std::fs::read(dir.join(format!("{id}.json")))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or(AppError::NotFound)?;
    // Someone else's upload does not exist for this person.
    if meta.user != staff.user.id {
        return Err(AppError::NotFound);
    }
    Ok((meta, dir.join(format!("{id}.part"))))
}

pub async fn status(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (meta, part) = pending(&app, &staff, &id)?;
    let offset = std::fs::metadata(&part).map(|m| m.len()).unwrap_or(0);
    Ok(Json(json!({ "ok": true, "offset": offset, "size": meta.size })).into_response())
}

pub async fn chunk(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    check_header_csrf(&staff, &headers)?;
    let (meta, part) = pending(&app, &staff, &id)?;
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
    let have = std::fs::metadata(&part).map(|m| m.len()).unwrap_or(0);
    if offset != have {
        let mut r = refuse(StatusCode::CONFLICT, staff.t.msg("studio-upload-misplaced"));
        r.headers_mut()
            .insert("upload-offset", HeaderValue::from(have));
        return Ok(r);
    }
    if have + body.len() as u64 > meta.size {
        return Ok(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            staff.t.msg("studio-upload-bigger"),
        ));
    }
    let part2 = part.clone();
    let written = tokio::task::spawn_blocking(move || -> std::io::Result<u64> {
        let mut f = std::fs::OpenOptions::new().append(true).open(&part2)?;
        f.write_all(&body)?;
        f.flush()?;
        Ok(f.metadata()?.len())
    })
    .await
    .map_err(|_| AppError::Internal)?
    .map_err(|e| {
        tracing::error!(error = %e, "writing an upload chunk failed");
        AppError::Unavailable
    })?;
    if written < meta.size {
        let mut r = Json(json!({ "ok": true, "offset": written })).into_response();
        r.headers_mut()
            .insert("upload-offset", HeaderValue::from(written));
        return Ok(r);
    }
    let store = blob_store(&app)?;
    let data_dir = app.data_dir();
    let dir = uploads_dir(&app);
    let name = meta.name.clone();
    let t = staff.t;
    let finished = tokio::task::spawn_blocking(move || {
        let result = finish(&t, &store, &data_dir, &part, &name);
        let _ = std::fs::remove_file(&part);
        let _ = std::fs::remove_file(dir.join(format!("{id}.json")));
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

/// Stores a complete upload and its derivatives; the message says why a file is refused (in
/// `t`'s language where the studio words it; the blob store's and the probe's are Russian).
pub fn finish(
    t: &Tr,
    store: &BlobStore,
    data_dir: &std::path::Path,
    part: &std::path::Path,
    name: &str,
) -> Result<FileInfo, String> {
    let original = store
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
    match original.media_type.class {
        MediaClass::Image => {
            let bytes = std::fs::read(store.path_of(&original.sha256).map_err(|e| e.to_string())?)
                .map_err(|e| {
                    t.args(
                        "studio-upload-read-failed",
                        &[("error", e.to_string().into())],
                    )
                })?;
            let d = derive_image(&bytes).map_err(|e| e.message(t))?;
            let web = store
                .put_bytes(&d.web, Some("web.jpg"))
                .map_err(|e| e.to_string())?;
            let thumb = store
                .put_bytes(&d.thumb, Some("thumb.jpg"))
                .map_err(|e| e.to_string())?;
            info.sha256 = web.sha256;
            info.mime = "image/jpeg".into();
            info.thumb = Some(thumb.sha256);
            info.width = Some(d.width);
            info.height = Some(d.height);
        }
        MediaClass::Audio | MediaClass::Video => {
            let path = store.path_of(&original.sha256).map_err(|e| e.to_string())?;
            let label = original.media_type.label_ru();
            if let Some(p) = probe::probe(&path, original.media_type.mime, label)? {
                info.format = describe(label, &p);
                info.duration_ms = Some(p.duration_ms);
                info.codec = p.codec.map(str::to_string);
                info.sample_rate = p.sample_rate;
                info.channels = p.channels;
            }
        }
        MediaClass::Document | MediaClass::Text => {}
    }
    write_info(data_dir, &info).map_err(|e| {
        t.args(
            "studio-upload-info-failed",
            &[("error", e.to_string().into())],
        )
    })?;
    Ok(info)
}

/// «аудиозапись MP3, 2 мин, 44,1 кГц, стерео»: the label with what probing found.
fn describe(label: &str, p: &probe::Probed) -> String {
    let t = crate::i18n::Tr::new(crate::i18n::Lang::Ru);
    let ms = u32::try_from(p.duration_ms).unwrap_or(u32::MAX);
    let mut parts = vec![label.to_string(), crate::text::duration(&t, ms)];
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

pub(crate) fn write_info(data_dir: &std::path::Path, info: &FileInfo) -> std::io::Result<()> {
    let dir = data_dir.join("derivatives");
    std::fs::create_dir_all(&dir)?;
    let json = serde_json::to_vec(info)?;
    std::fs::write(dir.join(format!("{}.json", info.sha256)), &json)?;
    if info.original != info.sha256 {
        std::fs::write(dir.join(format!("{}.json", info.original)), &json)?;
    }
    Ok(())
}

/// An image's derivatives: JPEG bytes of the web size and the thumbnail.
pub struct Derived {
    pub web: Vec<u8>,
    pub thumb: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Why an image was refused; worded by [`ImageRefused::message`] in the page's language (the
/// residents' form has its own words for it).
#[derive(Debug)]
pub enum ImageRefused {
    /// The bytes could not be read at all.
    Unreadable(String),
    /// Damaged, or a format the portal does not handle.
    Broken,
    /// More pixels than [`MAX_PIXELS`] when decoded.
    TooLarge { width: u32, height: u32 },
    /// The reduced copy could not be encoded.
    Encode(String),
}

impl ImageRefused {
    pub fn message(&self, t: &Tr) -> String {
        match self {
            ImageRefused::Unreadable(e) => {
                t.args("studio-image-unreadable", &[("error", e.as_str().into())])
            }
            ImageRefused::Broken => t.msg("studio-image-broken"),
            ImageRefused::TooLarge { width, height } => t.args(
                "studio-image-too-large",
                &[
                    ("width", width.to_string().into()),
                    ("height", height.to_string().into()),
                    ("millions", (MAX_PIXELS / 1_000_000).to_string().into()),
                ],
            ),
            ImageRefused::Encode(e) => t.args(
                "studio-image-encode-failed",
                &[("error", e.as_str().into())],
            ),
        }
    }
}

/// Decodes an image within limits and re-encodes its derivatives. The JPEG encoder writes
/// pixels only, so EXIF (GPS position, camera serial, time) is left behind.
pub fn derive_image(bytes: &[u8]) -> Result<Derived, ImageRefused> {
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| ImageRefused::Unreadable(e.to_string()))?;
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let (w, h) = reader.into_dimensions().map_err(|_| ImageRefused::Broken)?;
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(ImageRefused::TooLarge {
            width: w,
            height: h,
        });
    }
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| ImageRefused::Unreadable(e.to_string()))?;
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| ImageRefused::Broken)?;
    // A phone stores a portrait photo sideways with an EXIF note to turn it; the re-encoded
    // copy has no EXIF, so the turn is made on the pixels before the note is left behind.
    let orientation = image::ImageDecoder::orientation(&mut decoder)
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = image::DynamicImage::from_decoder(decoder).map_err(|_| ImageRefused::Broken)?;
    img.apply_orientation(orientation);
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

fn jpeg(img: &image::DynamicImage) -> Result<Vec<u8>, ImageRefused> {
    let rgb = img.to_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&rgb)
        .map_err(|e| ImageRefused::Encode(e.to_string()))?;
    Ok(out)
}

/// A studio preview of an uploaded file: the thumbnail of an image, else the file itself.
pub async fn preview(
    State(app): State<App>,
    _staff: Staff,
    Path(sha): Path<String>,
) -> Result<Response, AppError> {
    let info = file_info(&app, &sha).ok_or(AppError::NotFound)?;
    let (hash, mime) = match &info.thumb {
        Some(t) => (t.clone(), "image/jpeg".to_string()),
        None => (info.sha256.clone(), info.mime.clone()),
    };
    let store = blob_store(&app)?;
    let path = store.path_of(&hash).map_err(|_| AppError::NotFound)?;
    let bytes = tokio::fs::read(&path)
        .await
        .map_err(|_| AppError::NotFound)?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&mime)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(crate::security::MEDIA_CONTENT_SECURITY_POLICY),
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

    #[test]
    fn derivatives_are_small_jpegs() {
        let img = image::RgbImage::from_fn(2000, 1000, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut png = Vec::new();
        image::DynamicImage::ImageRgb8(img)
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .expect("png");
        let d = derive_image(&png).expect("derived");
        assert_eq!((d.width, d.height), (1600, 800));
        assert_eq!(&d.web[..2], &[0xFF, 0xD8]);
        let thumb = image::load_from_memory(&d.thumb).expect("thumb");
        assert!(thumb.width() <= THUMB_EDGE && thumb.height() <= THUMB_EDGE);
    }
}
