//! Story blocks that quote other records, resolved through the gate on every showing
//! (DESIGN.md, invariant 1: a block that quotes another record is never rendered from a copy).
//!
//! The caller (the gate) says for each referenced record whether the viewer may see it and, if
//! so, gives its projection; this module decides what each block then shows: an image takes the
//! source's file with the source's caption, a quotation from an interview takes its words and
//! speaker from the interview's public transcript, and a block whose source is hidden, or that
//! would quote a closed stretch, is withheld — dropped for the visitor, shown to an editor's
//! preview as a marked placeholder.

use crate::Body;
use crate::entities::{Block, Interview, REDACTED_TEXT, Story};
use crate::record::RecordId;
use jiff::civil::Date;

/// What the viewer may see of a record a block points at.
pub enum Source<'a> {
    /// Visible; its public projection (or, for the museum's own people, the whole record).
    Shown(&'a Body),
    /// Hidden from this viewer; `until` is the embargo's end when that is the reason.
    Hidden { until: Option<Date> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WithheldWhy {
    /// The source record is hidden from the viewer.
    Hidden,
    /// The block would quote or play a stretch the narrator closed.
    ClosedStretch,
    /// The source is visible but does not show this file (its consent scope, say).
    NotShown,
    /// An old quotation of a pseudonymous or redacted interview without the stretch it quotes:
    /// its copied words cannot be checked against the public transcript.
    Unverifiable,
}

/// A block the viewer does not see, for an editor's preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withheld {
    /// Its place among the story's blocks; `None` for the cover.
    pub position: Option<usize>,
    pub why: WithheldWhy,
    /// The embargo's end, when the source is closed until a date.
    pub until: Option<Date>,
}

/// The story as this viewer may see it, and what was withheld.
pub fn resolve_story<'a>(
    story: &Story,
    source: impl Fn(RecordId) -> Option<Source<'a>>,
) -> (Story, Vec<Withheld>) {
    let mut withheld = Vec::new();
    let mut out = story.clone();
    let hidden = |until| Withheld {
        position: None,
        why: WithheldWhy::Hidden,
        until,
    };
    if let Some(id) = story.cover_record {
        out.cover = None;
        match source(id) {
            Some(Source::Shown(body)) => {
                let sha = story.cover.as_ref().map(|c| c.sha256.as_str());
                out.cover = body
                    .media()
                    .into_iter()
                    .find(|m| Some(m.sha256.as_str()) == sha)
                    .cloned();
                if out.cover.is_none() {
                    withheld.push(Withheld {
                        why: WithheldWhy::NotShown,
                        ..hidden(None)
                    });
                }
            }
            Some(Source::Hidden { until }) => withheld.push(hidden(until)),
            None => withheld.push(hidden(None)),
        }
    }
    out.blocks = Vec::with_capacity(story.blocks.len());
    for (position, block) in story.blocks.iter().enumerate() {
        match resolve(block, &source) {
            Ok(b) => out.blocks.push(b),
            Err((why, until)) => withheld.push(Withheld {
                position: Some(position),
                why,
                until,
            }),
        }
    }
    (out, withheld)
}

type Refusal = (WithheldWhy, Option<Date>);

fn shown<'a>(
    id: RecordId,
    source: &impl Fn(RecordId) -> Option<Source<'a>>,
) -> Result<&'a Body, Refusal> {
    match source(id) {
        Some(Source::Shown(body)) => Ok(body),
        Some(Source::Hidden { until }) => Err((WithheldWhy::Hidden, until)),
        None => Err((WithheldWhy::Hidden, None)),
    }
}

fn resolve<'a>(
    block: &Block,
    source: &impl Fn(RecordId) -> Option<Source<'a>>,
) -> Result<Block, Refusal> {
    match block {
        Block::Heading { .. } | Block::Text { .. } => Ok(block.clone()),
        Block::Quote { record: None, .. } => Ok(block.clone()),
        Block::Quote {
            record: Some(id),
            start_ms,
            end_ms,
            ..
        } => match shown(*id, source)? {
            Body::Interview(i) => quote(block, i, *start_ms, *end_ms),
            _ => Ok(block.clone()),
        },
        Block::Image {
            media,
            record: Some(id),
        } => {
            let body = shown(*id, source)?;
            let file = body.media().into_iter().find(|m| m.sha256 == media.sha256);
            match file {
                Some(file) => Ok(Block::Image {
                    media: file.clone(),
                    record: Some(*id),
                }),
                None => Err((WithheldWhy::NotShown, None)),
            }
        }
        Block::Image { record: None, .. } => Ok(block.clone()),
        Block::Audio {
            interview,
            start_ms,
            end_ms,
        } => match shown(*interview, source)? {
            Body::Interview(i) if closes(i, *start_ms, *end_ms) => {
                Err((WithheldWhy::ClosedStretch, None))
            }
            _ => Ok(block.clone()),
        },
        Block::Map { places } => {
            let kept: Vec<RecordId> = places
                .iter()
                .copied()
                .filter(|id| shown(*id, source).is_ok())
                .collect();
            if kept.is_empty() {
                return Err((WithheldWhy::Hidden, None));
            }
            Ok(Block::Map { places: kept })
        }
        Block::Record { record } => shown(*record, source).map(|_| block.clone()),
    }
}

/// Whether `[start, end)` touches a closed stretch of the (public) interview.
fn closes(i: &Interview, start_ms: u32, end_ms: u32) -> bool {
    i.redactions.iter().any(|r| r.overlaps(start_ms, end_ms))
}

/// A quotation from an interview, in the words and under the name its public transcript has.
fn quote(
    block: &Block,
    i: &Interview,
    start_ms: Option<u32>,
    end_ms: Option<u32>,
) -> Result<Block, Refusal> {
    let Block::Quote { record, .. } = block else {
        return Ok(block.clone());
    };
    let (Some(start), Some(end)) = (start_ms, end_ms) else {
        if i.pseudonym.is_some() || !i.redactions.is_empty() {
            return Err((WithheldWhy::Unverifiable, None));
        }
        return Ok(block.clone());
    };
    if closes(i, start, end) {
        return Err((WithheldWhy::ClosedStretch, None));
    }
    let cues: Vec<_> = i
        .transcript
        .iter()
        .filter(|c| c.end_ms > start && c.start_ms < end)
        .collect();
    if cues.is_empty() || cues.iter().any(|c| c.text == REDACTED_TEXT) {
        return Err((WithheldWhy::ClosedStretch, None));
    }
    let mut speakers: Vec<&str> = Vec::new();
    for c in &cues {
        if let Some(s) = c.speaker.as_deref()
            && !speakers.contains(&s)
        {
            speakers.push(s);
        }
    }
    let text: Vec<&str> = cues.iter().map(|c| c.text.as_str()).collect();
    Ok(Block::Quote {
        text: text.join(" "),
        attribution: if speakers.is_empty() {
            i.title.clone()
        } else {
            speakers.join(", ")
        },
        record: *record,
        start_ms,
        end_ms,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::{Cue, Item, MediaRef, Redaction};
    use jiff::civil::date;

    fn file(sha: &str, caption: Option<&str>) -> MediaRef {
        MediaRef {
            sha256: sha.into(),
            mime: "image/png".into(),
            caption: caption.map(String::from),
            alt: None,
            width: None,
            height: None,
        }
    }

    fn quote(record: i64, span: Option<(u32, u32)>) -> Block {
        Block::Quote {
            text: "копия".into(),
            attribution: "Настоящее Имя".into(),
            record: Some(RecordId(record)),
            start_ms: span.map(|s| s.0),
            end_ms: span.map(|s| s.1),
        }
    }

    #[test]
    fn blocks_follow_their_sources() {
        let item = Body::Item(Item {
            title: "Письмо".into(),
            media: vec![file("aa", Some("Подпись музея"))],
            ..Item::default()
        });
        let interview = Body::Interview(Interview {
            title: "Рассказчица К.: «Война»".into(),
            pseudonym: Some("Рассказчица К.".into()),
            redactions: vec![Redaction {
                start_ms: 10_000,
                end_ms: 20_000,
                reason: String::new(),
            }],
            transcript: vec![
                Cue {
                    start_ms: 0,
                    end_ms: 9_000,
                    speaker: Some("Рассказчица К.".into()),
                    text: "Мы жили у станции.".into(),
                },
                Cue {
                    start_ms: 10_000,
                    end_ms: 20_000,
                    speaker: None,
                    text: REDACTED_TEXT.into(),
                },
            ],
            ..Interview::default()
        });
        let story = Story {
            title: "Экспозиция".into(),
            cover: Some(file("aa", None)),
            cover_record: Some(RecordId(1)),
            blocks: vec![
                Block::Image {
                    media: file("aa", None),
                    record: Some(RecordId(1)),
                },
                Block::Image {
                    media: file("bb", None),
                    record: Some(RecordId(3)),
                },
                quote(2, Some((0, 9_000))),
                quote(2, Some((10_000, 20_000))),
                quote(2, None),
                Block::Text {
                    text: "Текст музея".into(),
                },
            ],
            ..Story::default()
        };
        let until = date(2029, 12, 5);
        let (shown, withheld) = resolve_story(&story, |id| match id.0 {
            1 => Some(Source::Shown(&item)),
            2 => Some(Source::Shown(&interview)),
            3 => Some(Source::Hidden { until: Some(until) }),
            _ => None,
        });
        assert_eq!(
            shown.cover.as_ref().and_then(|c| c.caption.as_deref()),
            Some("Подпись музея")
        );
        assert_eq!(shown.blocks.len(), 3, "{:?}", shown.blocks);
        assert!(matches!(&shown.blocks[0], Block::Image { media, .. }
            if media.caption.as_deref() == Some("Подпись музея")));
        assert!(
            matches!(&shown.blocks[1], Block::Quote { text, attribution, .. }
            if text == "Мы жили у станции." && attribution == "Рассказчица К.")
        );
        let why: Vec<(Option<usize>, WithheldWhy, Option<Date>)> = withheld
            .iter()
            .map(|w| (w.position, w.why, w.until))
            .collect();
        assert_eq!(
            why,
            [
                (Some(1), WithheldWhy::Hidden, Some(until)),
                (Some(3), WithheldWhy::ClosedStretch, None),
                (Some(4), WithheldWhy::Unverifiable, None),
            ]
        );
        // Hidden, the source takes its blocks and the cover with it.
        let (shown, _) = resolve_story(&story, |id| match id.0 {
            2 => Some(Source::Shown(&interview)),
            _ => Some(Source::Hidden { until: None }),
        });
        assert!(shown.cover.is_none());
        assert!(
            shown
                .blocks
                .iter()
                .all(|b| !matches!(b, Block::Image { .. }))
        );
    }
}
