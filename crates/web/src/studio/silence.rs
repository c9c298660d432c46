//! Public copies of recording parts with the narrator's closed stretches silenced.
//!
//! The public never receives a closed stretch: a part that overlaps one is played from a copy
//! whose samples there are zero, or, when no such copy can be made, not played at all (see
//! `Interview::public_view`). Copies are made when an interview is saved, for uncompressed WAV
//! (samples can be zeroed exactly, nothing re-encoded); a compressed part stays unplayed in
//! public, and the editor is told so.

use crate::App;
use letopis_core::entities::{Interview, MediaRef, Redaction, SilencedPart};
use letopis_media::BlobStore;
use std::path::Path;

/// Brings the interview's silenced copies up to date with its closed stretches; returns what
/// the editor should know (parts that cannot be silenced and so will not play in public).
pub fn prepare(app: &App, interview: &mut Interview) -> Vec<String> {
    let redactions = interview.redactions.clone();
    // A copy made for other stretches is useless now.
    interview.silenced.retain(|s| s.redactions == redactions);
    if redactions.is_empty() {
        return Vec::new();
    }
    let blobs = match super::upload::blob_store(app) {
        Ok(b) => b,
        Err(_) => {
            return vec![
                "Хранилище файлов недоступно: закрытые части записи не будут звучать в портале."
                    .into(),
            ];
        }
    };
    let mut notes = Vec::new();
    let offsets = interview.part_offsets();
    for (n, (part, start)) in interview.recordings.iter().zip(offsets).enumerate() {
        let end = start.saturating_add(part.duration_ms.max(1));
        let touched: Vec<&Redaction> = redactions
            .iter()
            .filter(|r| r.overlaps(start, end))
            .collect();
        if touched.is_empty() || interview.silenced.iter().any(|s| s.part as usize == n) {
            continue;
        }
        let is_wav = matches!(
            part.media.mime.as_str(),
            "audio/wav" | "audio/x-wav" | "audio/wave" | "audio/vnd.wave"
        );
        let made = if is_wav {
            silence_wav(&blobs, &part.media, start, &touched)
        } else {
            Err(format!(
                "часть {} записана в сжатом формате ({})",
                n + 1,
                part.media.mime
            ))
        };
        match made {
            Ok(media) => interview.silenced.push(SilencedPart {
                part: n as u32,
                media,
                redactions: redactions.clone(),
            }),
            Err(why) => notes.push(format!(
                "Часть {} не будет звучать в портале, пока действуют закрытые фрагменты: {why}. \
                 Расшифровка и остальные части публикуются как обычно.",
                n + 1
            )),
        }
    }
    notes
}

/// A copy of a WAV part with every sample inside the closed stretches set to zero.
fn silence_wav(
    blobs: &BlobStore,
    original: &MediaRef,
    part_start_ms: u32,
    closed: &[&Redaction],
) -> Result<MediaRef, String> {
    let path = blobs
        .path_of(&original.sha256)
        .map_err(|e| format!("файл записи не найден ({e})"))?;
    let tmp = tempfile::Builder::new()
        .suffix(".wav")
        .tempfile_in(blobs.root())
        .map_err(|e| format!("не удалось создать временный файл ({e})"))?;
    write_silenced(&path, tmp.path(), part_start_ms, closed)?;
    let stored = blobs
        .put_file(tmp.path(), Some("silenced.wav"))
        .map_err(|e| e.to_string())?;
    Ok(MediaRef {
        sha256: stored.sha256,
        mime: "audio/wav".into(),
        caption: None,
        alt: None,
        width: None,
        height: None,
    })
}

fn write_silenced(
    from: &Path,
    to: &Path,
    part_start_ms: u32,
    closed: &[&Redaction],
) -> Result<(), String> {
    let mut reader =
        hound::WavReader::open(from).map_err(|e| format!("файл WAV не читается ({e})"))?;
    let spec = reader.spec();
    let mut writer =
        hound::WavWriter::create(to, spec).map_err(|e| format!("копия не записывается ({e})"))?;
    let channels = u64::from(spec.channels.max(1));
    let rate = u64::from(spec.sample_rate.max(1));
    // Closed stretches on this part's own clock, in frames.
    let spans: Vec<(u64, u64)> = closed
        .iter()
        .map(|r| {
            let from = u64::from(r.start_ms.saturating_sub(part_start_ms)) * rate / 1000;
            let to = u64::from(r.end_ms.saturating_sub(part_start_ms)) * rate / 1000;
            (from, to)
        })
        .collect();
    let silent = |index: u64| {
        let frame = index / channels;
        spans.iter().any(|(a, b)| frame >= *a && frame < *b)
    };
    let write_err = |e: hound::Error| format!("копия не записывается ({e})");
    match spec.sample_format {
        hound::SampleFormat::Float => {
            for (i, s) in reader.samples::<f32>().enumerate() {
                let s = s.map_err(|e| format!("файл WAV повреждён ({e})"))?;
                let v = if silent(i as u64) { 0.0 } else { s };
                writer.write_sample(v).map_err(write_err)?;
            }
        }
        hound::SampleFormat::Int => {
            for (i, s) in reader.samples::<i32>().enumerate() {
                let s = s.map_err(|e| format!("файл WAV повреждён ({e})"))?;
                let v = if silent(i as u64) { 0 } else { s };
                match spec.bits_per_sample {
                    8 => writer.write_sample(v as i8).map_err(write_err)?,
                    16 => writer.write_sample(v as i16).map_err(write_err)?,
                    _ => writer.write_sample(v).map_err(write_err)?,
                }
            }
        }
    }
    writer.finalize().map_err(write_err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_samples_become_zero_and_the_rest_stay() {
        let dir = tempfile::tempdir().expect("dir");
        let from = dir.path().join("in.wav");
        let spec = hound::WavSpec {
            channels: 2,
            sample_rate: 1000,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        let mut w = hound::WavWriter::create(&from, spec).expect("create");
        for _ in 0..3000 {
            w.write_sample(1000i16).expect("left");
            w.write_sample(-1000i16).expect("right");
        }
        w.finalize().expect("finalize");
        let to = dir.path().join("out.wav");
        // The part starts at 10 s of the interview; close 11.0–12.5 s.
        let closed = Redaction {
            start_ms: 11_000,
            end_ms: 12_500,
            reason: String::new(),
        };
        write_silenced(&from, &to, 10_000, &[&closed]).expect("silenced");
        let samples: Vec<i16> = hound::WavReader::open(&to)
            .expect("open")
            .samples::<i16>()
            .map(|s| s.expect("sample"))
            .collect();
        assert_eq!(samples.len(), 6000);
        let frame = |f: usize| (samples[2 * f], samples[2 * f + 1]);
        assert_eq!(frame(999), (1000, -1000));
        assert_eq!(frame(1000), (0, 0));
        assert_eq!(frame(2499), (0, 0));
        assert_eq!(frame(2500), (1000, -1000));
    }
}
