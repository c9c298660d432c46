//! Media classes, the allow-list of accepted formats and recognition by content.

use serde::{Deserialize, Serialize};

use crate::error::MediaError;

/// How many leading bytes [`identify`] and [`sniff`] look at.
///
/// Magic numbers live in the first few dozen bytes, but an SVG may hide its `<svg` element behind
/// an XML prolog, comments and a DOCTYPE, so the window is generous.
pub const HEAD_LEN: usize = 8 * 1024;

const MIB: u64 = 1024 * 1024;

/// Size limits per media class, in bytes. Read from the portal configuration; every field
/// falls back to its default when omitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Limits {
    pub image: u64,
    pub audio: u64,
    pub video: u64,
    pub document: u64,
    pub text: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            image: 50 * MIB,
            audio: 1024 * MIB,
            video: 8 * 1024 * MIB,
            document: 200 * MIB,
            text: 20 * MIB,
        }
    }
}

impl Limits {
    /// The limit that applies to files of `class`.
    pub fn for_class(&self, class: MediaClass) -> u64 {
        match class {
            MediaClass::Image => self.image,
            MediaClass::Audio => self.audio,
            MediaClass::Video => self.video,
            MediaClass::Document => self.document,
            MediaClass::Text => self.text,
        }
    }
}

/// The broad kind of a media file; decides the size limit and how the portal presents it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaClass {
    Image,
    Audio,
    Video,
    Document,
    Text,
}

impl MediaClass {
    /// Singular Russian noun for the class: «изображение», «аудиозапись»…
    pub fn label_ru(self) -> &'static str {
        match self {
            MediaClass::Image => "изображение",
            MediaClass::Audio => "аудиозапись",
            MediaClass::Video => "видеозапись",
            MediaClass::Document => "документ",
            MediaClass::Text => "текст",
        }
    }

    /// Genitive plural, for phrases like «предел … для изображений».
    pub(crate) fn genitive_plural_ru(self) -> &'static str {
        match self {
            MediaClass::Image => "изображений",
            MediaClass::Audio => "аудиозаписей",
            MediaClass::Video => "видеозаписей",
            MediaClass::Document => "документов",
            MediaClass::Text => "текстов",
        }
    }
}

/// An accepted media format: the MIME type to serve it with, the canonical file extension and
/// its class. Only the constants of this type exist; see [`MediaType::allowed`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct MediaType {
    pub mime: &'static str,
    pub ext: &'static str,
    pub class: MediaClass,
}

const fn mt(mime: &'static str, ext: &'static str, class: MediaClass) -> MediaType {
    MediaType { mime, ext, class }
}

impl MediaType {
    pub const JPEG: MediaType = mt("image/jpeg", "jpg", MediaClass::Image);
    pub const PNG: MediaType = mt("image/png", "png", MediaClass::Image);
    pub const WEBP: MediaType = mt("image/webp", "webp", MediaClass::Image);
    pub const GIF: MediaType = mt("image/gif", "gif", MediaClass::Image);
    pub const TIFF: MediaType = mt("image/tiff", "tif", MediaClass::Image);
    pub const PDF: MediaType = mt("application/pdf", "pdf", MediaClass::Document);
    pub const WAV: MediaType = mt("audio/wav", "wav", MediaClass::Audio);
    pub const MP3: MediaType = mt("audio/mpeg", "mp3", MediaClass::Audio);
    pub const OPUS: MediaType = mt("audio/ogg; codecs=opus", "opus", MediaClass::Audio);
    pub const VORBIS: MediaType = mt("audio/ogg", "ogg", MediaClass::Audio);
    pub const FLAC: MediaType = mt("audio/flac", "flac", MediaClass::Audio);
    pub const M4A: MediaType = mt("audio/mp4", "m4a", MediaClass::Audio);
    pub const MP4: MediaType = mt("video/mp4", "mp4", MediaClass::Video);
    pub const WEBM: MediaType = mt("video/webm", "webm", MediaClass::Video);
    pub const WEBVTT: MediaType = mt("text/vtt", "vtt", MediaClass::Text);
    pub const SRT: MediaType = mt("application/x-subrip", "srt", MediaClass::Text);
    pub const TEXT: MediaType = mt("text/plain; charset=utf-8", "txt", MediaClass::Text);

    /// Every accepted format, in the order they are listed to users.
    pub fn allowed() -> impl Iterator<Item = MediaType> {
        FORMATS.iter().map(|f| f.ty)
    }

    /// Looks a stored MIME type back up, e.g. when a database row is turned into a response.
    pub fn from_mime(mime: &str) -> Option<MediaType> {
        FORMATS.iter().map(|f| f.ty).find(|t| t.mime == mime)
    }

    /// Russian description such as «изображение JPEG» or «документ PDF».
    pub fn label_ru(&self) -> &'static str {
        format_of(*self).map_or("файл", |f| f.label)
    }
}

/// Allow-list entry: a format, its user-facing name and the file extensions that may carry it.
struct Format {
    ty: MediaType,
    label: &'static str,
    /// The first extension is the one people think of; it names the format in mismatch messages.
    exts: &'static [&'static str],
}

const FORMATS: &[Format] = &[
    Format {
        ty: MediaType::JPEG,
        label: "изображение JPEG",
        exts: &["jpg", "jpeg", "jpe", "jfif"],
    },
    Format {
        ty: MediaType::PNG,
        label: "изображение PNG",
        exts: &["png"],
    },
    Format {
        ty: MediaType::WEBP,
        label: "изображение WebP",
        exts: &["webp"],
    },
    Format {
        ty: MediaType::GIF,
        label: "изображение GIF",
        exts: &["gif"],
    },
    Format {
        ty: MediaType::TIFF,
        label: "изображение TIFF",
        exts: &["tif", "tiff"],
    },
    Format {
        ty: MediaType::PDF,
        label: "документ PDF",
        exts: &["pdf"],
    },
    Format {
        ty: MediaType::WAV,
        label: "аудиозапись WAV",
        exts: &["wav", "wave"],
    },
    Format {
        ty: MediaType::MP3,
        label: "аудиозапись MP3",
        exts: &["mp3"],
    },
    Format {
        ty: MediaType::OPUS,
        label: "аудиозапись Ogg Opus",
        exts: &["opus", "ogg", "oga"],
    },
    Format {
        ty: MediaType::VORBIS,
        label: "аудиозапись Ogg Vorbis",
        exts: &["ogg", "oga"],
    },
    Format {
        ty: MediaType::FLAC,
        label: "аудиозапись FLAC",
        exts: &["flac"],
    },
    Format {
        ty: MediaType::M4A,
        label: "аудиозапись M4A",
        exts: &["m4a", "m4b", "mp4"],
    },
    Format {
        ty: MediaType::MP4,
        label: "видеозапись MP4",
        // MP4 is one container for both; an audio-only file named .m4a is refined to M4A.
        exts: &["mp4", "m4v", "m4a", "m4b"],
    },
    Format {
        ty: MediaType::WEBM,
        label: "видеозапись WebM",
        exts: &["webm"],
    },
    Format {
        ty: MediaType::WEBVTT,
        label: "субтитры WebVTT",
        exts: &["vtt"],
    },
    Format {
        ty: MediaType::SRT,
        label: "субтитры SRT",
        exts: &["srt"],
    },
    Format {
        ty: MediaType::TEXT,
        label: "текст",
        exts: &["txt", "text"],
    },
];

/// The list shown in «Допустимы: …».
pub(crate) const ALLOWED_RU: &str = "JPEG, PNG, WebP, GIF, TIFF, PDF, WAV, MP3, Ogg (Opus, Vorbis), \
     FLAC, M4A, MP4, WebM, а также тексты в UTF-8: WebVTT, SRT, TXT";

fn format_of(ty: MediaType) -> Option<&'static Format> {
    FORMATS.iter().find(|f| f.ty == ty)
}

/// The format a declared extension promises: the one for which it is the primary extension,
/// otherwise the first one that lists it.
fn format_for_ext(ext: &str) -> Option<&'static Format> {
    FORMATS
        .iter()
        .find(|f| f.exts.first() == Some(&ext))
        .or_else(|| FORMATS.iter().find(|f| f.exts.contains(&ext)))
}

/// What the bytes say, before the declared name is considered.
enum Detected {
    Known(MediaType),
    /// A format we recognise and refuse on purpose; the text says what it is and why.
    Refused(&'static str),
    Unknown,
}

/// Recognises an accepted binary format or WebVTT by its leading bytes.
///
/// Plain text and SRT have no signature, so they are only accepted through [`identify`] when the
/// caller declares a text file name. SVG and everything outside the allow-list give `None`.
pub fn sniff(head: &[u8]) -> Option<MediaType> {
    match detect(head) {
        Detected::Known(ty) => Some(ty),
        Detected::Refused(_) | Detected::Unknown => None,
    }
}

fn detect(head: &[u8]) -> Detected {
    use Detected::{Known, Refused};
    if infer::image::is_jpeg(head) {
        return Known(MediaType::JPEG);
    }
    if infer::image::is_png(head) {
        return Known(MediaType::PNG);
    }
    if infer::image::is_webp(head) {
        return Known(MediaType::WEBP);
    }
    if infer::image::is_gif(head) {
        return Known(MediaType::GIF);
    }
    if infer::image::is_tiff(head) {
        return Known(MediaType::TIFF);
    }
    if infer::archive::is_pdf(head) {
        return Known(MediaType::PDF);
    }
    if infer::audio::is_wav(head) {
        return Known(MediaType::WAV);
    }
    if infer::audio::is_flac(head) {
        return Known(MediaType::FLAC);
    }
    if is_id3(head) || is_mpeg_audio_frame(head) {
        return Known(MediaType::MP3);
    }
    if infer::audio::is_ogg(head) {
        if infer::audio::is_ogg_opus(head) {
            return Known(MediaType::OPUS);
        }
        if head.get(28..35) == Some(b"\x01vorbis") {
            return Known(MediaType::VORBIS);
        }
        return Refused("контейнер Ogg с неподдерживаемым содержимым (например, видео Theora)");
    }
    if head.get(4..8) == Some(b"ftyp") {
        return detect_iso_media(head);
    }
    if head.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) {
        // Matroska and WebM share the EBML header; the DocType element near the start tells
        // them apart, and only WebM is guaranteed to play in browsers.
        let window = &head[..head.len().min(64)];
        if contains(window, b"webm") {
            return Known(MediaType::WEBM);
        }
        if contains(window, b"matroska") {
            return Refused(
                "видеозапись Matroska (MKV) — браузеры воспроизводят её ненадёжно, \
                 перекодируйте её в MP4 или WebM",
            );
        }
        return Detected::Unknown;
    }
    if is_svg(head) {
        return Refused(
            "изображение SVG — оно может содержать исполняемые сценарии, \
             сохраните его как PNG",
        );
    }
    if infer::text::is_html(head) {
        return Refused("страница HTML — она может содержать исполняемые сценарии");
    }
    if infer::image::is_bmp(head) {
        return Refused("изображение BMP — сохраните его как PNG или JPEG");
    }
    if is_webvtt(head) {
        return Known(MediaType::WEBVTT);
    }
    Detected::Unknown
}

/// ISO base media files (MP4, M4A, MOV, HEIC, AVIF) all start with an `ftyp` box; the major
/// brand says which one it is.
fn detect_iso_media(head: &[u8]) -> Detected {
    let brand = head.get(8..12).unwrap_or_default();
    match brand {
        b"M4A " | b"M4B " => Detected::Known(MediaType::M4A),
        b"qt  " => Detected::Refused(
            "видеозапись QuickTime (MOV) — перекодируйте её в MP4 (H.264) или WebM",
        ),
        b"heic" | b"heix" | b"heim" | b"heis" | b"hevc" | b"mif1" | b"msf1" | b"avif" | b"avis" => {
            Detected::Refused("изображение HEIC/AVIF — сохраните его как JPEG")
        }
        _ if infer::video::is_mp4(head) || infer::video::is_m4v(head) => {
            Detected::Known(MediaType::MP4)
        }
        _ => Detected::Unknown,
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn strip_bom(head: &[u8]) -> &[u8] {
    head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head)
}

fn is_webvtt(head: &[u8]) -> bool {
    // The WebVTT spec: optional BOM, "WEBVTT", then end of file, space, tab or a line break.
    match strip_bom(head).strip_prefix(b"WEBVTT") {
        Some(rest) => matches!(rest.first(), None | Some(b' ' | b'\t' | b'\n' | b'\r')),
        None => false,
    }
}

fn is_svg(head: &[u8]) -> bool {
    let body = strip_bom(head).trim_ascii_start();
    let lower = body.to_ascii_lowercase();
    if lower.starts_with(b"<svg") {
        return true;
    }
    // An SVG may start with a prolog, comments or a DOCTYPE before the root element.
    (lower.starts_with(b"<?xml") || lower.starts_with(b"<!--") || lower.starts_with(b"<!doctype"))
        && contains(&lower, b"<svg")
}

fn is_id3(head: &[u8]) -> bool {
    // "ID3", a major version 2..=4 and a minor version that is never 0xFF.
    head.len() >= 10 && head.starts_with(b"ID3") && (2..=4).contains(&head[3]) && head[4] != 0xFF
}

/// Parses an MPEG audio Layer III frame header and returns the frame length in bytes.
fn mp3_frame_len(h: &[u8]) -> Option<usize> {
    const BITRATES_V1: [u32; 15] = [
        0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320,
    ];
    const BITRATES_V2: [u32; 15] = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
    let [b0, b1, b2, ..] = *h else { return None };
    if b0 != 0xFF || b1 & 0xE0 != 0xE0 {
        return None;
    }
    let version = (b1 >> 3) & 0b11; // 00 = MPEG 2.5, 01 reserved, 10 = MPEG 2, 11 = MPEG 1
    let layer = (b1 >> 1) & 0b11; // 01 = Layer III
    let bitrate_idx = usize::from(b2 >> 4);
    let rate_idx = usize::from((b2 >> 2) & 0b11);
    // Free-format (index 0) and "bad" (15) bitrates are rejected: they are rare in real files
    // and common in random data.
    if version == 0b01 || layer != 0b01 || bitrate_idx == 0 || bitrate_idx == 15 || rate_idx == 3 {
        return None;
    }
    let padding = u32::from((b2 >> 1) & 1);
    let (bitrate, sample_rate, coef) = match version {
        0b11 => (
            BITRATES_V1[bitrate_idx],
            [44100, 48000, 32000][rate_idx],
            144,
        ),
        0b10 => (
            BITRATES_V2[bitrate_idx],
            [22050, 24000, 16000][rate_idx],
            72,
        ),
        _ => (BITRATES_V2[bitrate_idx], [11025, 12000, 8000][rate_idx], 72),
    };
    usize::try_from(coef * bitrate * 1000 / sample_rate + padding).ok()
}

/// MP3 without an ID3 tag starts straight with a frame. A lone 11-bit sync is weak evidence,
/// so when the head is long enough the next frame must start exactly where this one ends.
fn is_mpeg_audio_frame(head: &[u8]) -> bool {
    let Some(len) = mp3_frame_len(head) else {
        return false;
    };
    match head.get(len..) {
        Some(next) if next.len() >= 3 => mp3_frame_len(next).is_some(),
        _ => true,
    }
}

/// Checks that `bytes` is UTF-8 text without NUL bytes. `Err` holds the offset of the first bad
/// byte. With `partial`, a multi-byte character cut off at the very end is tolerated because
/// the rest of it is in the next chunk.
pub(crate) fn check_text(bytes: &[u8], partial: bool) -> Result<usize, usize> {
    let valid = match std::str::from_utf8(bytes) {
        Ok(_) => bytes.len(),
        Err(e) if e.error_len().is_none() && partial => e.valid_up_to(),
        Err(e) => return Err(e.valid_up_to()),
    };
    // NUL never occurs in real text, but is everywhere in UTF-16 (Windows "Unicode") files,
    // which are valid UTF-8 byte-wise when the text is ASCII.
    if let Some(pos) = bytes[..valid].iter().position(|&b| b == 0) {
        return Err(pos);
    }
    Ok(valid)
}

/// The lowercase extension of the last path component of a declared name. The name is never
/// used as a path; separators of both systems are honoured so "C:\\scans\\a.JPG" gives "jpg".
pub(crate) fn declared_ext(name: &str) -> Option<String> {
    let file = display_name(name);
    let (stem, ext) = file.rsplit_once('.')?;
    if stem.is_empty() || ext.is_empty() {
        return None;
    }
    Some(ext.to_ascii_lowercase())
}

/// The last component of a declared name, for messages: a browser may send a full client path.
pub(crate) fn display_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

/// Decides the type of a file from its first bytes (up to [`HEAD_LEN`]) and the name it came with.
///
/// The content decides; the declared name may only confirm it. A declared extension of another
/// accepted format is a mistake worth stopping (`type_mismatch`); an extension we do not know is
/// ignored. Plain text and SRT are accepted only when declared as `.txt`/`.srt`, since without a
/// signature any bytes could pass for text. For text, only the head is checked here; callers
/// that hold the whole file must check the rest (the [`crate::BlobStore`] does).
pub fn identify(head: &[u8], declared_name: Option<&str>) -> Result<MediaType, MediaError> {
    if head.is_empty() {
        return Err(MediaError::Empty);
    }
    let head = &head[..head.len().min(HEAD_LEN)];
    let name = declared_name.map(display_name).unwrap_or_default();
    let declared = declared_name
        .and_then(declared_ext)
        .and_then(|ext| format_for_ext(&ext).map(|f| (ext, f)));

    match detect(head) {
        Detected::Known(ty) => {
            let Some((ext, promised)) = declared else {
                return Ok(ty);
            };
            let fits = format_of(ty).is_some_and(|f| f.exts.contains(&ext.as_str()));
            if fits {
                if ty == MediaType::MP4 && (ext == "m4a" || ext == "m4b") {
                    return Ok(MediaType::M4A);
                }
                return Ok(ty);
            }
            // WebVTT is text too; calling it .txt or .srt is imprecise but harmless.
            if ty.class == MediaClass::Text && promised.ty.class == MediaClass::Text {
                return Ok(ty);
            }
            Err(MediaError::TypeMismatch {
                name: name.to_owned(),
                declared: promised.label,
                actual: format_of(ty).map_or("файл", |f| f.label).to_owned(),
            })
        }
        Detected::Refused(what) => Err(MediaError::UnsupportedType {
            found: what.to_owned(),
        }),
        Detected::Unknown => {
            let text = check_text(head, head.len() == HEAD_LEN);
            match (declared, text) {
                (Some((_, f)), Ok(_)) if f.ty == MediaType::TEXT || f.ty == MediaType::SRT => {
                    Ok(f.ty)
                }
                (Some((_, f)), Ok(_)) => Err(MediaError::TypeMismatch {
                    name: name.to_owned(),
                    declared: f.label,
                    actual: if f.ty == MediaType::WEBVTT {
                        "текст без заголовка WEBVTT".to_owned()
                    } else {
                        "простой текст".to_owned()
                    },
                }),
                (Some((_, f)), Err(offset)) if f.ty.class == MediaClass::Text => {
                    Err(MediaError::NotUtf8 {
                        name: name.to_owned(),
                        offset: offset as u64,
                    })
                }
                (None, Ok(_)) => Err(MediaError::UnsupportedType {
                    found: "текст без расширения .txt, .srt или .vtt в имени файла".to_owned(),
                }),
                _ => Err(MediaError::UnsupportedType {
                    found: describe_unknown(head),
                }),
            }
        }
    }
}

fn describe_unknown(head: &[u8]) -> String {
    match infer::get(head) {
        Some(t) => format!("{} (.{})", t.mime_type(), t.extension()),
        None => "данные неизвестного формата".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ogg_page(codec_header: &[u8]) -> Vec<u8> {
        let mut v = b"OggS".to_vec();
        v.resize(28, 0);
        v.extend_from_slice(codec_header);
        v.resize(64, 0);
        v
    }

    fn ftyp(brand: &[u8; 4]) -> Vec<u8> {
        let mut v = vec![0, 0, 0, 0x18];
        v.extend_from_slice(b"ftyp");
        v.extend_from_slice(brand);
        v.resize(32, 0);
        v
    }

    /// Two back-to-back MPEG-1 Layer III frames at 128 kbit/s, 44.1 kHz (417 bytes each).
    fn mp3_frames() -> Vec<u8> {
        let mut v = vec![0xFF, 0xFB, 0x90, 0x64];
        v.resize(417, 0);
        v.extend_from_slice(&[0xFF, 0xFB, 0x90, 0x64]);
        v.resize(900, 0);
        v
    }

    #[test]
    fn sniffs_every_allowed_binary_format() {
        let mut wav = b"RIFF\0\0\0\0WAVEfmt ".to_vec();
        wav.resize(44, 0);
        let mut webp = b"RIFF\0\0\0\0WEBPVP8 ".to_vec();
        webp.resize(32, 0);
        let mut webm = vec![0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01];
        webm.extend_from_slice(b"\x42\x82\x84webm");
        webm.resize(48, 0);
        let cases: Vec<(Vec<u8>, MediaType)> = vec![
            (vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], MediaType::JPEG),
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(), MediaType::PNG),
            (webp, MediaType::WEBP),
            (b"GIF89a\x01\0\x01\0".to_vec(), MediaType::GIF),
            (b"II*\0\x08\0\0\0\0\0\0\0".to_vec(), MediaType::TIFF),
            (b"%PDF-1.7\n".to_vec(), MediaType::PDF),
            (wav, MediaType::WAV),
            (b"ID3\x04\0\0\0\0\0\x10rest".to_vec(), MediaType::MP3),
            (mp3_frames(), MediaType::MP3),
            (ogg_page(b"OpusHead\x01\x02"), MediaType::OPUS),
            (ogg_page(b"\x01vorbis\0\0"), MediaType::VORBIS),
            (b"fLaC\0\0\0\x22".to_vec(), MediaType::FLAC),
            (ftyp(b"M4A "), MediaType::M4A),
            (ftyp(b"isom"), MediaType::MP4),
            (ftyp(b"mp42"), MediaType::MP4),
            (webm, MediaType::WEBM),
            (
                b"WEBVTT\n\n00:01.000 --> 00:02.000\nhi".to_vec(),
                MediaType::WEBVTT,
            ),
            (
                b"\xEF\xBB\xBFWEBVTT - title\r\n".to_vec(),
                MediaType::WEBVTT,
            ),
        ];
        for (bytes, expected) in cases {
            assert_eq!(sniff(&bytes), Some(expected), "{expected:?}");
        }
    }

    #[test]
    fn refuses_what_is_not_on_the_allow_list() {
        assert_eq!(sniff(b"WEBVTTX"), None);
        assert_eq!(sniff(b"PK\x03\x04\x14\0\0\0"), None);
        assert_eq!(sniff(&ftyp(b"qt  ")), None);
        assert_eq!(sniff(&ftyp(b"heic")), None);
        assert_eq!(sniff(b"plain words"), None);
        // A lone frame sync followed by garbage where the next frame should be is not MP3.
        let mut fake = vec![0xFF, 0xFB, 0x90, 0x64];
        fake.resize(900, 0x11);
        assert_eq!(sniff(&fake), None);
    }

    #[test]
    fn svg_is_refused_with_a_reason_even_when_named_as_text() {
        for svg in [
            &b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"[..],
            b"\xEF\xBB\xBF  <?xml version='1.0'?>\n<!-- x -->\n<svg></svg>",
        ] {
            assert_eq!(sniff(svg), None);
            for name in [None, Some("pic.svg"), Some("notes.txt")] {
                let err = identify(svg, name).unwrap_err();
                assert_eq!(err.code(), "unsupported_type");
                assert!(err.to_string().contains("SVG"), "{err}");
                assert!(err.to_string().contains("Допустимы: JPEG"), "{err}");
            }
        }
    }

    #[test]
    fn declared_extension_must_not_contradict_content() {
        let err = identify(b"%PDF-1.4\n", Some("photo.jpg")).unwrap_err();
        assert_eq!(err.code(), "type_mismatch");
        assert_eq!(
            err.to_string(),
            "Файл «photo.jpg» по содержимому не изображение JPEG, а документ PDF. \
             Сохраните его с правильным расширением или загрузите другой файл."
        );
        // Case and alternative extensions are fine; unknown extensions are ignored.
        assert_eq!(
            identify(&[0xFF, 0xD8, 0xFF, 0xE1], Some("SCAN.JPEG")).ok(),
            Some(MediaType::JPEG)
        );
        assert_eq!(
            identify(b"%PDF-1.4", Some("x.bin")).ok(),
            Some(MediaType::PDF)
        );
        // Only the last component counts; the name is never a path.
        assert_eq!(
            identify(b"%PDF-1.4", Some("../../etc/passwd")).ok(),
            Some(MediaType::PDF)
        );
        let err = identify(b"%PDF-1.4", Some("C:\\Users\\a\\voice.mp3")).unwrap_err();
        assert!(err.to_string().contains("«voice.mp3»"), "{err}");
    }

    #[test]
    fn mp4_named_m4a_is_audio() {
        assert_eq!(
            identify(&ftyp(b"isom"), Some("talk.m4a")).ok(),
            Some(MediaType::M4A)
        );
        assert_eq!(
            identify(&ftyp(b"isom"), Some("film.mp4")).ok(),
            Some(MediaType::MP4)
        );
    }

    #[test]
    fn text_needs_a_declared_text_name_and_utf8() {
        let srt = "1\n00:00:01,000 --> 00:00:02,000\nПривет\n".as_bytes();
        assert_eq!(identify(srt, Some("a.srt")).ok(), Some(MediaType::SRT));
        assert_eq!(identify(srt, Some("a.txt")).ok(), Some(MediaType::TEXT));
        assert_eq!(identify(srt, None).unwrap_err().code(), "unsupported_type");
        assert_eq!(
            identify(srt, Some("a.vtt")).unwrap_err().code(),
            "type_mismatch"
        );
        assert_eq!(
            identify(srt, Some("a.jpg")).unwrap_err().code(),
            "type_mismatch"
        );
        assert_eq!(
            identify(b"WEBVTT\n", Some("subs.txt")).ok(),
            Some(MediaType::WEBVTT)
        );
        // «Привет» in Windows-1251.
        let cp1251 = b"\xcf\xf0\xe8\xe2\xe5\xf2";
        assert_eq!(
            identify(cp1251, Some("a.txt")).unwrap_err().code(),
            "bad_encoding"
        );
        // UTF-16 with BOM.
        assert_eq!(
            identify(b"\xff\xfeA\0B\0", Some("a.txt"))
                .unwrap_err()
                .code(),
            "bad_encoding"
        );
    }

    #[test]
    fn text_check_tolerates_a_character_cut_at_chunk_end() {
        let word = "Ёлка".as_bytes();
        assert_eq!(check_text(&word[..1], true), Ok(0));
        assert_eq!(check_text(&word[..1], false), Err(0));
        assert_eq!(check_text(word, false), Ok(word.len()));
        assert_eq!(check_text(b"ab\0c", false), Err(2));
    }

    #[test]
    fn limits_deserialize_with_defaults_and_pick_by_class() {
        let l = Limits::default();
        assert_eq!(l.for_class(MediaClass::Image), 50 * MIB);
        assert_eq!(l.for_class(MediaClass::Video), 8 * 1024 * MIB);
        assert_eq!(MediaClass::Audio.label_ru(), "аудиозапись");
        assert_eq!(MediaType::PDF.label_ru(), "документ PDF");
        assert_eq!(MediaType::from_mime("audio/mpeg"), Some(MediaType::MP3));
        assert_eq!(MediaType::allowed().count(), FORMATS.len());

        let partial: Limits = serde_json::from_str(r#"{"image": 1024}"#).unwrap();
        assert_eq!(partial.image, 1024);
        assert_eq!(partial.audio, Limits::default().audio);
        let class: MediaClass = serde_json::from_str(r#""document""#).unwrap();
        assert_eq!(class, MediaClass::Document);
        let json = serde_json::to_string(&MediaType::M4A).unwrap();
        assert_eq!(json, r#"{"mime":"audio/mp4","ext":"m4a","class":"audio"}"#);
    }
}
