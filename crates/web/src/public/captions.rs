//! `GET /interviews/{slug}/captions/{part}.vtt`: WebVTT captions for one recording part, made
//! from the interview's transcript.
//!
//! Transcript times count from the start of the first part; a browser counts each `<audio>` or
//! `<video>` from its own start. So each part gets its own captions: the cues that start inside
//! it, shifted to its clock. Made from the stored transcript, the captions always say what the
//! transcript beside the player says.

use crate::shell::error::AppError;
use crate::{App, CurrentViewer};
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use letopis_core::entities::{Cue, Interview};
use letopis_core::webvtt::write_webvtt;
use letopis_core::{Body, Kind};

pub async fn vtt(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    Path((slug, file)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let part: usize = file
        .strip_suffix(".vtt")
        .and_then(|n| n.parse().ok())
        .filter(|n| *n >= 1)
        .ok_or(AppError::NotFound)?;
    let record = app
        .read_now(&viewer, |gate| gate.by_slug(Kind::Interview, &slug))?
        .ok_or(AppError::NotFound)?;
    let Body::Interview(interview) = &record.record.body else {
        return Err(AppError::NotFound);
    };
    let text = part_captions(interview, part - 1).ok_or(AppError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/vtt; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        text,
    )
        .into_response())
}

/// The captions of part `index` (from 0), or `None` when there is no such part or no transcript.
pub fn part_captions(interview: &Interview, index: usize) -> Option<String> {
    if index >= interview.recordings.len() || interview.transcript.is_empty() {
        return None;
    }
    let offset: u32 = interview.recordings[..index]
        .iter()
        .map(|r| r.duration_ms)
        .fold(0, u32::saturating_add);
    // The last part takes every later cue, whatever the durations say.
    let end = if index + 1 == interview.recordings.len() {
        u32::MAX
    } else {
        offset.saturating_add(interview.recordings[index].duration_ms)
    };
    let cues: Vec<Cue> = interview
        .transcript
        .iter()
        .filter(|c| c.start_ms >= offset && c.start_ms < end)
        .map(|c| Cue {
            start_ms: c.start_ms - offset,
            // A cue running past the end of its part is cut there.
            end_ms: c.end_ms.min(end).max(c.start_ms + 1) - offset,
            speaker: c.speaker.clone(),
            text: c.text.clone(),
        })
        .collect();
    Some(write_webvtt(&cues))
}

#[cfg(test)]
mod tests {
    use super::*;
    use letopis_core::entities::{MediaRef, Recording};

    fn recording(duration_ms: u32) -> Recording {
        Recording {
            media: MediaRef {
                sha256: "a".repeat(64),
                mime: "audio/wav".into(),
                caption: None,
                alt: None,
                width: None,
                height: None,
            },
            duration_ms,
            label: String::new(),
            withheld: false,
        }
    }

    fn cue(start_ms: u32, end_ms: u32, text: &str) -> Cue {
        Cue {
            start_ms,
            end_ms,
            speaker: Some("Анна".into()),
            text: text.into(),
        }
    }

    #[test]
    fn each_part_gets_its_cues_on_its_own_clock() {
        let interview = Interview {
            recordings: vec![recording(60_000), recording(120_000)],
            transcript: vec![
                cue(1_000, 5_000, "Первая часть."),
                cue(58_000, 62_000, "На стыке <частей> & всё."),
                cue(61_500, 64_000, "Вторая часть."),
            ],
            ..Interview::default()
        };
        let first = part_captions(&interview, 0).unwrap();
        assert_eq!(
            first,
            "WEBVTT\n\n1\n00:00:01.000 --> 00:00:05.000\n<v Анна>Первая часть.\n\n\
             2\n00:00:58.000 --> 00:01:00.000\n<v Анна>На стыке &lt;частей&gt; &amp; всё.\n"
        );
        let second = part_captions(&interview, 1).unwrap();
        assert_eq!(
            second,
            "WEBVTT\n\n1\n00:00:01.500 --> 00:00:04.000\n<v Анна>Вторая часть.\n"
        );
        assert!(part_captions(&interview, 2).is_none());
    }
}
