//! The rules on a whole transcript, whatever its format: there is at least one cue, and cues come
//! in the order of their start times.
//!
//! Overlapping cues are allowed: in a conversation two people do talk at once, WebVTT and SRT
//! allow it, and the player shows the cue that started last. What is refused is a cue that
//! *starts* before the one above it, which is always a typing mistake and would make the
//! transcript that follows the player jump back and forth.

use super::TranscriptError;
use super::timecode::human;
use crate::entities::Cue;

/// A cue with the line its time was read from, for messages.
pub(crate) struct Placed {
    pub line: usize,
    pub cue: Cue,
}

/// Checks the order and drops the line numbers; `last_line` is named when there is no cue at all.
pub(crate) fn finish(placed: Vec<Placed>, last_line: usize) -> Result<Vec<Cue>, TranscriptError> {
    if placed.is_empty() {
        return Err(TranscriptError::at(
            last_line,
            "в файле нет ни одной реплики со временем: проверьте, тот ли это файл",
        ));
    }
    for pair in placed.windows(2) {
        let (before, after) = (&pair[0].cue, &pair[1]);
        if after.cue.start_ms < before.start_ms {
            return Err(TranscriptError::at(
                after.line,
                format!(
                    "реплика начинается в {}, раньше предыдущей ({}, строка {}): \
                     реплики должны идти по порядку времени",
                    human(after.cue.start_ms),
                    human(before.start_ms),
                    pair[0].line
                ),
            ));
        }
    }
    Ok(placed.into_iter().map(|p| p.cue).collect())
}

/// The reason for a cue whose end comes before its start.
pub(crate) fn ends_before_start(start: &str, end: &str) -> String {
    format!(
        "конец реплики ({end}) раньше её начала ({start}): поменяйте время местами или исправьте"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(line: usize, start_ms: u32, end_ms: u32) -> Placed {
        Placed {
            line,
            cue: Cue {
                start_ms,
                end_ms,
                speaker: None,
                text: "x".into(),
            },
        }
    }

    #[test]
    fn allows_overlaps_but_not_going_back() {
        let cues = finish(vec![placed(2, 0, 5000), placed(5, 3000, 4000)], 6).unwrap();
        assert_eq!(cues.len(), 2);

        let e = finish(vec![placed(2, 9000, 9500), placed(5, 5000, 6000)], 6).unwrap_err();
        assert_eq!(e.line, 5);
        assert!(
            e.reason.starts_with(
                "реплика начинается в 00:00:05, раньше предыдущей (00:00:09, строка 2)"
            ),
            "{e}"
        );
    }

    #[test]
    fn refuses_a_transcript_without_cues() {
        let e = finish(vec![], 7).unwrap_err();
        assert_eq!(e.line, 7);
        assert!(e.reason.contains("нет ни одной реплики"));
    }
}
