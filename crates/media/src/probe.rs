//! Audio and video probing at the end of an upload: duration and format, and a file that
//! cannot be read is refused with the reason (issue #5).
//!
//! Audio (WAV, MP3, Ogg Vorbis and Opus, FLAC) is read by symphonia's demuxers; nothing is
//! decoded. The duration comes from the track's frame count and time base. Every packet is then
//! read, which costs one pass over the file and tells a whole recording from a cut one: a file
//! whose packets end well before its header's length, or that breaks off mid-packet, is refused.
//! An MP3 without a Xing/Info or VBRI header says nothing of its length (symphonia would guess
//! from the bitrate, wrongly for VBR), so it is read as a stream and its packets are counted.
//!
//! MP4 and M4A have their length in the movie header (`moov/mvhd`), found by walking the boxes.
//! WebM is stored with its type only.

use std::fs::File;
use std::path::Path;
use symphonia::core::codecs::CodecParameters;
use symphonia::core::codecs::audio::AudioCodecId;
use symphonia::core::codecs::audio::well_known::{
    CODEC_ID_FLAC, CODEC_ID_MP1, CODEC_ID_MP2, CODEC_ID_MP3, CODEC_ID_OPUS, CODEC_ID_PCM_MULAW,
    CODEC_ID_PCM_S32LE, CODEC_ID_VORBIS,
};
use symphonia::core::errors::Error as SymphoniaError;
use symphonia::core::formats::probe::Hint;
use symphonia::core::formats::{FormatOptions, FormatReader, TrackType};
use symphonia::core::io::{MediaSource, MediaSourceStream, ReadOnlySource};
use symphonia::core::meta::MetadataOptions;
use symphonia::core::units::TimeBase;

/// What probing found in an audio or video file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probed {
    pub duration_ms: u64,
    /// The codec's name, for audio: «MP3», «Vorbis», «Opus», «FLAC», «PCM».
    pub codec: Option<&'static str>,
    pub sample_rate: Option<u32>,
    pub channels: Option<u16>,
}

/// A recording whose packets cover less than this share of the length its header states was cut
/// short (an interrupted copy, a download that stopped).
const WHOLE_SHARE: f64 = 0.98;

/// Probes a stored file of type `mime`. `Ok(None)`: a format that is stored with its type only;
/// `Err`: the reason, in Russian, why the file is refused.
pub fn probe(path: &Path, mime: &str, label: &str) -> Result<Option<Probed>, String> {
    match mime {
        "audio/wav" | "audio/mpeg" | "audio/ogg" | "audio/ogg; codecs=opus" | "audio/flac" => {
            probe_audio(path, mime).map(Some).map_err(|why| {
                format!(
                    "Файл не читается как {label}: {why}. Сохраните запись заново или загрузите \
                     исходный файл."
                )
            })
        }
        "video/mp4" | "audio/mp4" => {
            let mut f = File::open(path).map_err(|e| format!("Не удалось прочитать файл: {e}"))?;
            match mp4_duration(&mut f) {
                Some(duration_ms) => Ok(Some(Probed {
                    duration_ms,
                    codec: None,
                    sample_rate: None,
                    channels: None,
                })),
                None => Err(format!(
                    "Файл не читается как {label}: в нём нет заголовка с длительностью \
                     (moov/mvhd) — так бывает, когда запись оборвалась до конца. Сохраните или \
                     перекодируйте запись заново."
                )),
            }
        }
        _ => Ok(None),
    }
}

/// The reason is a phrase that follows «не читается как аудиозапись MP3: ».
fn probe_audio(path: &Path, mime: &str) -> Result<Probed, String> {
    let file = File::open(path).map_err(|e| format!("файл не открылся ({e})"))?;
    // A stream that cannot seek keeps the MP3 reader from guessing a length from the bitrate.
    let source: Box<dyn MediaSource> = if mime == "audio/mpeg" {
        Box::new(ReadOnlySource::new(file))
    } else {
        Box::new(file)
    };
    let stream = MediaSourceStream::new(source, Default::default());
    let mut hint = Hint::new();
    hint.mime_type(mime);
    let mut reader = symphonia::default::get_probe()
        .probe(
            &hint,
            stream,
            FormatOptions::default(),
            MetadataOptions::default(),
        )
        .map_err(|e| match e {
            SymphoniaError::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
                "файл обрезан: он кончается раньше, чем сказано в его заголовке".to_string()
            }
            other => format!("звуковой поток не найден ({})", why(&other)),
        })?;
    let track = reader
        .default_track(TrackType::Audio)
        .ok_or("в файле нет звуковой дорожки")?
        .clone();
    let Some(CodecParameters::Audio(params)) = &track.codec_params else {
        return Err("у звуковой дорожки не удалось определить кодек".into());
    };
    let time_base = track
        .time_base
        .or_else(|| params.sample_rate.and_then(TimeBase::try_from_recip))
        .ok_or("у звуковой дорожки не указана частота")?;
    let stated = track.duration.map(|d| d.get()).or(track.num_frames);
    let read = read_packets(&mut *reader, track.id)?;
    let ticks = match stated {
        Some(stated) if (read as f64) < stated as f64 * WHOLE_SHARE => {
            return Err(format!(
                "файл обрезан: по заголовку запись длится {}, а прочитать удалось только {}",
                seconds(time_base, stated),
                seconds(time_base, read)
            ));
        }
        Some(stated) => stated,
        None => read,
    };
    let duration_ms = time_base
        .calc_duration(symphonia::core::units::Duration::new(ticks))
        .and_then(|t| u64::try_from(t.as_millis()).ok())
        .ok_or("длительность записи не поддаётся расчёту")?;
    if duration_ms == 0 {
        return Err("в файле нет ни одного звукового фрагмента".into());
    }
    Ok(Probed {
        duration_ms,
        codec: codec_name(params.codec),
        sample_rate: params.sample_rate,
        channels: params
            .channels
            .as_ref()
            .and_then(|c| u16::try_from(c.count()).ok())
            .filter(|n| *n > 0),
    })
}

/// Reads every packet of `track` without decoding it; returns their total length in the track's
/// time base.
fn read_packets(reader: &mut dyn FormatReader, track: u32) -> Result<u64, String> {
    let mut total = 0u64;
    loop {
        match reader.next_packet() {
            Ok(Some(packet)) if packet.track_id == track => {
                total = total.saturating_add(packet.dur.get());
            }
            Ok(Some(_)) => {}
            Ok(None) => return Ok(total),
            // Some demuxers report the end of the file as an unexpected end of the stream.
            Err(SymphoniaError::IoError(e))
                if e.kind() == std::io::ErrorKind::UnexpectedEof && total > 0 =>
            {
                return Ok(total);
            }
            Err(SymphoniaError::ResetRequired) => return Ok(total),
            Err(e) => return Err(format!("поток прерывается ошибкой ({})", why(&e))),
        }
    }
}

fn seconds(time_base: TimeBase, ticks: u64) -> String {
    let ms = time_base
        .calc_duration(symphonia::core::units::Duration::new(ticks))
        .map_or(0, |t| t.as_millis());
    format!("{},{} с", ms / 1000, (ms % 1000) / 100)
}

/// Symphonia's own words, which are English and technical: kept short, for whoever reads the
/// reason to an expert.
fn why(e: &SymphoniaError) -> String {
    match e {
        SymphoniaError::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            "файл кончается раньше времени".into()
        }
        SymphoniaError::Unsupported(what) => format!("не поддерживается: {what}"),
        other => other.to_string(),
    }
}

fn codec_name(codec: AudioCodecId) -> Option<&'static str> {
    Some(match codec {
        c if c == CODEC_ID_MP3 => "MP3",
        c if c == CODEC_ID_MP2 => "MP2",
        c if c == CODEC_ID_MP1 => "MP1",
        c if c == CODEC_ID_VORBIS => "Vorbis",
        c if c == CODEC_ID_OPUS => "Opus",
        c if c == CODEC_ID_FLAC => "FLAC",
        // The well-known PCM variants (signed, unsigned, float, A-law, μ-law) are one range.
        c if (CODEC_ID_PCM_S32LE..=CODEC_ID_PCM_MULAW).contains(&c) => "PCM",
        _ => return None,
    })
}

/// Walks MP4 boxes to `moov/mvhd` and reads its timescale and duration.
pub fn mp4_duration(f: &mut (impl std::io::Read + std::io::Seek)) -> Option<u64> {
    use std::io::SeekFrom;
    let end = f.seek(SeekFrom::End(0)).ok()?;
    let mut start = 0u64;
    let mut limit = end;
    for _ in 0..10_000 {
        if start + 8 > limit {
            return None;
        }
        f.seek(SeekFrom::Start(start)).ok()?;
        let mut head = [0u8; 8];
        f.read_exact(&mut head).ok()?;
        let mut size = u64::from(u32::from_be_bytes([head[0], head[1], head[2], head[3]]));
        let kind = &head[4..8];
        let mut header = 8;
        if size == 1 {
            let mut big = [0u8; 8];
            f.read_exact(&mut big).ok()?;
            size = u64::from_be_bytes(big);
            header = 16;
        } else if size == 0 {
            size = limit - start;
        }
        if size < header {
            return None;
        }
        match kind {
            b"moov" => {
                limit = start + size;
                start += header;
            }
            b"mvhd" => {
                let mut v = [0u8; 4];
                f.read_exact(&mut v).ok()?;
                return if v[0] == 1 {
                    let mut b = [0u8; 28];
                    f.read_exact(&mut b).ok()?;
                    let scale = u64::from(u32::from_be_bytes([b[16], b[17], b[18], b[19]]));
                    let dur = u64::from_be_bytes([
                        b[20], b[21], b[22], b[23], b[24], b[25], b[26], b[27],
                    ]);
                    (scale > 0).then(|| dur * 1000 / scale)
                } else {
                    let mut b = [0u8; 16];
                    f.read_exact(&mut b).ok()?;
                    let scale = u64::from(u32::from_be_bytes([b[8], b[9], b[10], b[11]]));
                    let dur = u64::from(u32::from_be_bytes([b[12], b[13], b[14], b[15]]));
                    (scale > 0).then(|| dur * 1000 / scale)
                };
            }
            _ => start += size,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/audio")
            .join(name)
    }

    /// A PCM WAV of `ms` milliseconds of silence; the header may state more data than follows.
    fn wav(rate: u32, channels: u16, ms: u32, stated_ms: u32) -> Vec<u8> {
        let block = u32::from(channels) * 2;
        let bytes = |ms: u32| rate * ms / 1000 * block;
        let mut w = Vec::new();
        w.extend_from_slice(b"RIFF");
        w.extend_from_slice(&(36 + bytes(stated_ms)).to_le_bytes());
        w.extend_from_slice(b"WAVEfmt ");
        w.extend_from_slice(&16u32.to_le_bytes());
        w.extend_from_slice(&1u16.to_le_bytes()); // PCM
        w.extend_from_slice(&channels.to_le_bytes());
        w.extend_from_slice(&rate.to_le_bytes());
        w.extend_from_slice(&(rate * block).to_le_bytes());
        w.extend_from_slice(&(block as u16).to_le_bytes());
        w.extend_from_slice(&16u16.to_le_bytes());
        w.extend_from_slice(b"data");
        w.extend_from_slice(&bytes(stated_ms).to_le_bytes());
        w.resize(w.len() + bytes(ms) as usize, 0);
        w
    }

    fn written(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        path
    }

    fn probed(path: &Path, mime: &str) -> Probed {
        probe(path, mime, "аудиозапись")
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .expect("probed")
    }

    fn assert_near(ms: u64, expected: u64, slack: u64, what: &str) {
        assert!(
            ms.abs_diff(expected) <= slack,
            "{what}: {ms} ms, expected {expected} ± {slack}"
        );
    }

    #[test]
    fn every_allowed_audio_format_has_its_length_codec_and_layout() {
        for (file, mime, codec, slack) in [
            ("tone.flac", "audio/flac", "FLAC", 5),
            ("tone.ogg", "audio/ogg", "Vorbis", 30),
            ("tone.opus", "audio/ogg; codecs=opus", "Opus", 30),
            // LAME's Xing/Info tag states the length without the encoder's delay and padding.
            ("tone-vbr-id3.mp3", "audio/mpeg", "MP3", 40),
            // No Xing tag: the frames are counted, the encoder's padding with them.
            ("tone-cbr.mp3", "audio/mpeg", "MP3", 120),
        ] {
            let p = probed(&fixture(file), mime);
            assert_near(p.duration_ms, 1500, slack, file);
            assert_eq!(p.codec, Some(codec), "{file}");
            assert_eq!(p.channels, Some(1), "{file}");
            assert!(p.sample_rate.is_some(), "{file}");
        }
        assert_eq!(
            probed(&fixture("tone.flac"), "audio/flac").sample_rate,
            Some(16_000)
        );
    }

    #[test]
    fn a_wav_is_read_by_the_same_probe() {
        let dir = tempfile::tempdir().expect("dir");
        let path = written(&dir, "a.wav", &wav(8000, 2, 2250, 2250));
        let p = probed(&path, "audio/wav");
        assert_eq!(p.duration_ms, 2250);
        assert_eq!(p.codec, Some("PCM"));
        assert_eq!((p.sample_rate, p.channels), (Some(8000), Some(2)));
    }

    #[test]
    fn cut_files_are_refused_with_the_reason() {
        let dir = tempfile::tempdir().expect("dir");
        let cut_wav = written(&dir, "cut.wav", &wav(8000, 1, 500, 3000));
        let e = probe(&cut_wav, "audio/wav", "аудиозапись WAV").expect_err("cut WAV");
        assert!(e.contains("файл обрезан"), "{e}");
        assert!(e.contains("3,0 с"), "the stated length is named: {e}");
        let flac = std::fs::read(fixture("tone.flac")).expect("flac");
        let cut_flac = written(&dir, "cut.flac", &flac[..flac.len() / 3]);
        let e = probe(&cut_flac, "audio/flac", "аудиозапись FLAC").expect_err("cut FLAC");
        assert!(
            e.starts_with("Файл не читается как аудиозапись FLAC: файл обрезан"),
            "{e}"
        );
        // An MP3 whose Xing header states more than the frames that follow.
        let mp3 = std::fs::read(fixture("tone-vbr-id3.mp3")).expect("mp3");
        let cut_mp3 = written(&dir, "cut.mp3", &mp3[..mp3.len() / 2]);
        let e = probe(&cut_mp3, "audio/mpeg", "аудиозапись MP3").expect_err("cut MP3");
        assert!(
            e.contains("файл обрезан: по заголовку запись длится 1,5 с"),
            "{e}"
        );
    }

    #[test]
    fn garbage_behind_a_right_signature_is_refused() {
        let dir = tempfile::tempdir().expect("dir");
        let mut noise = vec![0u8; 20_000];
        let mut x = 0x2545_f491_u32;
        for b in &mut noise {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            *b = (x >> 24) as u8;
        }
        let with_head = |head: &[u8]| [head, &noise].concat();
        for (name, mime, head) in [
            ("a.flac", "audio/flac", &b"fLaC\0\0\0\x22"[..]),
            (
                "a.mp3",
                "audio/mpeg",
                &b"ID3\x04\0\0\0\0\0\x0a0123456789"[..],
            ),
            ("a.ogg", "audio/ogg", &b"OggS\0\x02"[..]),
            ("a.wav", "audio/wav", &b"RIFF\x10\x27\0\0WAVEfmt "[..]),
        ] {
            let path = written(&dir, name, &with_head(head));
            let e = probe(&path, mime, "аудиозапись").expect_err(name);
            assert!(
                e.starts_with("Файл не читается как аудиозапись:"),
                "{name}: {e}"
            );
        }
    }

    #[test]
    fn mp4_length_comes_from_mvhd_and_a_file_without_it_is_refused() {
        let mut mvhd = vec![0u8; 8];
        mvhd.extend_from_slice(&[0, 0, 0, 0]); // version 0
        mvhd.extend_from_slice(&[0u8; 8]); // creation, modification
        mvhd.extend_from_slice(&1000u32.to_be_bytes()); // timescale
        mvhd.extend_from_slice(&90_500u32.to_be_bytes()); // duration
        let len = mvhd.len() as u32;
        mvhd[0..4].copy_from_slice(&len.to_be_bytes());
        mvhd[4..8].copy_from_slice(b"mvhd");
        let mut moov = (8 + len).to_be_bytes().to_vec();
        moov.extend_from_slice(b"moov");
        moov.extend_from_slice(&mvhd);
        let mut file = vec![0, 0, 0, 16];
        file.extend_from_slice(b"ftypisom\0\0\0\0");
        let headless = file.clone();
        file.extend_from_slice(&moov);
        assert_eq!(
            mp4_duration(&mut std::io::Cursor::new(file.clone())),
            Some(90_500)
        );
        let dir = tempfile::tempdir().expect("dir");
        let whole = written(&dir, "a.mp4", &file);
        assert_eq!(probed(&whole, "video/mp4").duration_ms, 90_500);
        let cut = written(&dir, "b.mp4", &headless);
        let e = probe(&cut, "video/mp4", "видеозапись MP4").expect_err("no moov");
        assert!(e.contains("moov/mvhd"), "{e}");
    }

    #[test]
    fn webm_is_stored_with_its_type_only() {
        let dir = tempfile::tempdir().expect("dir");
        let path = written(&dir, "a.webm", b"\x1a\x45\xdf\xa3webm");
        assert_eq!(probe(&path, "video/webm", "видеозапись WebM"), Ok(None));
    }
}
