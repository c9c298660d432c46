//! Public copies of recording parts with the narrator's closed stretches silenced.
//!
//! The public never receives a closed stretch: a part that overlaps one is played from a copy
//! whose samples there are zero, or, when no such copy can be made, not played at all (see
//! `Interview::public_view`). Copies are made when an interview is saved, for uncompressed WAV
//! (samples can be zeroed exactly, nothing re-encoded); a compressed part stays unplayed in
//! public, and the editor is told so.

use crate::App;
use letopis_core::entities::{Interview, MediaRef, Redaction, SilencedPart};
use letopis_media::silence::{Span, silenced_copy};

/// Brings the interview's silenced copies up to date with its closed stretches; returns what
/// the editor should know (parts that cannot be silenced and so will not play in public).
pub fn prepare(app: &App, interview: &mut Interview) -> Vec<String> {
    let redactions = interview.redactions.clone();
    // A copy made for other stretches is useless now.
    interview.silenced.retain(|s| s.redactions == redactions);
    if redactions.is_empty() {
        return Vec::new();
    }
    let blobs = app.blobs();
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
            silence_wav(blobs.as_ref(), &part.media, start, &touched)
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
    blobs: &dyn letopis_media::Blobs,
    original: &MediaRef,
    part_start_ms: u32,
    closed: &[&Redaction],
) -> Result<MediaRef, String> {
    let spans: Vec<Span> = closed
        .iter()
        .map(|r| Span {
            start_ms: r.start_ms,
            end_ms: r.end_ms,
        })
        .collect();
    let stored = silenced_copy(blobs, &original.sha256, part_start_ms, &spans)?;
    Ok(MediaRef {
        sha256: stored.sha256,
        mime: "audio/wav".into(),
        caption: None,
        alt: None,
        width: None,
        height: None,
    })
}
