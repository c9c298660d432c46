//! Copies of WAV recordings with stretches silenced: every sample inside a closed stretch set
//! to zero, nothing re-encoded, so the rest is bit-for-bit the original. The museum's rule of
//! which stretches are closed lives with the interview; this module only does the samples.

use crate::{Blobs, StoredBlob};
use std::path::Path;

/// A stretch of an interview's clock, in milliseconds, `start_ms..end_ms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start_ms: u32,
    pub end_ms: u32,
}

/// Stores a copy of the WAV blob `sha256` (a part that starts at `part_start_ms` of the
/// interview) with `closed` silenced, and returns it. The error is a phrase for the editor, in
/// Russian, that follows «часть не будет звучать: ».
pub fn silenced_copy(
    blobs: &dyn Blobs,
    sha256: &str,
    part_start_ms: u32,
    closed: &[Span],
) -> Result<StoredBlob, String> {
    let dir =
        tempfile::tempdir().map_err(|e| format!("не удалось создать временный файл ({e})"))?;
    let to = dir.path().join("silenced.wav");
    // A local file is read where it lies (recordings run to a gigabyte); from an object store
    // the original is fetched into the temporary directory first.
    let from = match blobs.local_path(sha256) {
        Some(path) => path,
        None => {
            let mut original = blobs
                .reader(sha256)
                .map_err(|e| format!("файл записи не найден ({e})"))?;
            let path = dir.path().join("original.wav");
            let mut file = std::fs::File::create(&path)
                .map_err(|e| format!("не удалось создать временный файл ({e})"))?;
            std::io::copy(&mut original, &mut file)
                .map_err(|e| format!("не удалось прочитать файл записи ({e})"))?;
            path
        }
    };
    write_silenced(&from, &to, part_start_ms, closed)?;
    blobs
        .put_file(&to, Some("silenced.wav"))
        .map_err(|e| e.to_string())
}

pub fn write_silenced(
    from: &Path,
    to: &Path,
    part_start_ms: u32,
    closed: &[Span],
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
        .map(|s| {
            let from = u64::from(s.start_ms.saturating_sub(part_start_ms)) * rate / 1000;
            let to = u64::from(s.end_ms.saturating_sub(part_start_ms)) * rate / 1000;
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
        let closed = Span {
            start_ms: 11_000,
            end_ms: 12_500,
        };
        write_silenced(&from, &to, 10_000, &[closed]).expect("silenced");
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
