//! The legacy OHMS `<sync>` map, read so that transcripts from older OHMS archives arrive timed.
//!
//! `<sync>1:|13(3)|19(14)|27(9)</sync>` says: marks every 1 minute; minute 1 falls on line 13
//! (word 3) of `<transcript>`, minute 2 on line 19, minute 3 on line 27. Lines are the
//! transcript's lines counted from 1. The map only has minute precision, so the transcript is cut
//! into one cue per interval at the marked lines (the word within the line is not used: a cue
//! is whole lines). Speaker labels stay in the text as OHMS wrote them.

use crate::entities::Cue;

/// Cues from a legacy sync map, or `None` when the map says nothing usable (then the
/// transcript is kept untimed).
pub(crate) fn cues_from_sync(
    sync: &str,
    transcript: &str,
    total_ms: Option<u32>,
) -> Option<Vec<Cue>> {
    let (interval, entries) = sync.trim().split_once(':')?;
    let interval_ms = interval.trim().parse::<u32>().ok()?.checked_mul(60_000)?;
    if interval_ms == 0 {
        return None;
    }
    let lines: Vec<&str> = transcript.lines().collect();
    // Each usable entry: (first line of the block, 0-based; its start time).
    let mut starts = vec![(0, 0)];
    let mut n: u32 = 0;
    for entry in entries.split('|').map(str::trim).filter(|e| !e.is_empty()) {
        n += 1;
        let line: usize = entry.split('(').next()?.trim().parse().ok()?;
        let start = interval_ms.checked_mul(n)?;
        if (1..=lines.len()).contains(&line) && line > starts.last()?.0 {
            starts.push((line - 1, start));
        }
    }
    if starts.len() < 2 {
        return None;
    }
    let mut cues = Vec::new();
    for (i, &(from, start_ms)) in starts.iter().enumerate() {
        let (to, end_ms) = match starts.get(i + 1) {
            Some(&(to, next_start)) => (to, next_start),
            None => (
                lines.len(),
                total_ms.unwrap_or(start_ms + interval_ms).max(start_ms),
            ),
        };
        let text = block_text(&lines[from..to]);
        if !text.is_empty() {
            cues.push(Cue {
                start_ms,
                end_ms,
                speaker: None,
                text,
            });
        }
    }
    // A block with no text leaves the previous cue to run to the next block's start.
    for i in 1..cues.len() {
        let next_start = cues[i].start_ms;
        cues[i - 1].end_ms = next_start;
    }
    (!cues.is_empty()).then_some(cues)
}

fn block_text(lines: &[&str]) -> String {
    let kept: Vec<&str> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    kept.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_the_transcript_at_the_marked_lines() {
        let transcript = "КУЗНЕЦОВА: Мы жили на Сходне.\n\nОтец ушёл в июле.\nИНТЕРВЬЮЕР: А мама?\n\
                          КУЗНЕЦОВА: Мама работала на заводе.";
        let cues = cues_from_sync("1:|3(2)|5(1)", transcript, Some(150_000)).unwrap();
        let got: Vec<(u32, u32, &str)> = cues
            .iter()
            .map(|c| (c.start_ms, c.end_ms, c.text.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (0, 60_000, "КУЗНЕЦОВА: Мы жили на Сходне."),
                (60_000, 120_000, "Отец ушёл в июле.\nИНТЕРВЬЮЕР: А мама?"),
                (120_000, 150_000, "КУЗНЕЦОВА: Мама работала на заводе."),
            ]
        );
    }

    #[test]
    fn an_unusable_map_gives_nothing() {
        for sync in ["", "0:|1(1)", "x:|1(1)", "1:", "1:|99(1)"] {
            assert_eq!(cues_from_sync(sync, "одна строка", None), None, "{sync}");
        }
    }
}
