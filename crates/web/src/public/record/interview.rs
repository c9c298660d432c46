//! The page of an interview («Живые голоса»): the player with its captions, the transcript beside
//! it, the index segments as a table of contents, and a content statement before sensitive
//! material.
//!
//! Everything works without JavaScript: every transcript line is a link `?t=SECONDS#t-SECONDS`
//! (the server marks that line and starts the recording there with a media fragment `#t=`), the
//! search box is a GET form `?q=` highlighted here, and the statement is a `<details>`.
//! `static/js/player.js` then makes the transcript follow the player and seeks without reloading.

use super::statement::{Statement, age_badge};
use super::view::{self, RecordView, card, media_src, relation_heading};
use crate::gate::Seen;
use crate::public::{Layout, Link, PageContext, render_html};
use crate::shell::error::AppError;
use crate::shell::i18n::{Message, Tr};
use crate::shell::text;
use askama::Template;
use axum::extract::Query;
use axum::http::Uri;
use axum::response::Html;
use letopis_core::RelationType;
use letopis_core::entities::Interview;
use letopis_core::names::normalize;
use serde::Deserialize;

/// The longest search inside a transcript we look at; the rest of a pasted essay is ignored.
const MAX_QUERY_CHARS: usize = 200;

#[derive(Template)]
#[template(path = "public/interview.html")]
struct InterviewPage {
    layout: Layout,
    t: Tr,
    view: RecordView,
    voice: Voice,
}

/// The raw query; kept as text so that a bad value gets our translated message.
#[derive(Debug, Deserialize, Default)]
pub struct InterviewParams {
    t: Option<String>,
    q: Option<String>,
    ack: Option<String>,
}

/// What the page adds to the common record view.
pub struct Voice {
    /// «Рассказчик» or «Рассказчики».
    pub narrators_label: String,
    pub narrators: Vec<Link>,
    pub places: Vec<Link>,
    /// «16+», shown next to the title; empty for 0+.
    pub age_rating: String,
    /// The statement the visitor acknowledges before the recording, if the material needs one.
    pub statement: Option<Statement>,
    pub parts: Vec<Part>,
    pub lines: Vec<Line>,
    pub segments: Vec<SegmentView>,
    /// The deep-linked moment in seconds, for the player script to seek to.
    pub start_at: String,
    pub search: Search,
    /// Appended to every link inside the page, so following one keeps the statement open.
    pub ack_param: &'static str,
}

/// One recording file; its transcript times are counted from the start of the first part.
pub struct Part {
    pub id: String,
    pub src: String,
    /// `src` with a media fragment `#t=` when the page was opened at a moment in this part.
    pub src_at: String,
    pub mime: String,
    pub label: String,
    pub offset: String,
    pub captions: Option<String>,
    /// Shown in a `<video>` element rather than an `<audio>` one.
    pub video: bool,
    /// Closed at the narrator's request (see `Interview::public_view`): a notice, no player.
    pub withheld: bool,
}

pub struct Line {
    /// `t-754`: set on the first line that starts in that second.
    pub anchor: String,
    pub href: String,
    pub start: String,
    pub end: String,
    pub time: String,
    pub speaker: String,
    pub pieces: Vec<Piece>,
    pub current: bool,
    pub matched: bool,
}

/// A run of a line's text; `mark` when it matches the search.
pub struct Piece {
    pub text: String,
    pub mark: bool,
}

pub struct SegmentView {
    pub href: String,
    pub start: String,
    pub time: String,
    pub title: String,
    pub synopsis: String,
    pub keywords: Vec<String>,
    pub mentions: Vec<Link>,
}

pub struct Search {
    pub query: String,
    /// «Найдено: 3 совпадения», or why nothing was found; empty without a search.
    pub status: String,
    /// Plural forms for the script, with `{n}` where the number goes: one, few, many.
    pub forms: [String; 3],
    pub none: String,
}

pub fn page(
    ctx: PageContext,
    layout: Layout,
    seen: &Seen,
    interview: &Interview,
    uri: &Uri,
) -> Result<Html<String>, AppError> {
    let params = Query::<InterviewParams>::try_from_uri(uri)
        .map(|Query(p)| p)
        .map_err(|e| {
            tracing::debug!(error = %e, "malformed query string");
            AppError::BadRequest(Message::new("error-query-string"))
        })?;
    let t = ctx.t;
    let moment = params.t.as_deref().map(parse_moment).transpose()?;
    let mut view = view::build(seen, t);
    let hidden_groups = [
        t.msg("group-contents"),
        relation_heading(&t, RelationType::NarratorOf, false),
        relation_heading(&t, RelationType::RecordedAt, true),
    ];
    view.groups.retain(|g| !hidden_groups.contains(&g.heading));
    let voice = voice(seen, interview, &t, moment, &params);
    render_html(&InterviewPage {
        layout,
        t,
        view,
        voice,
    })
}

/// `754`, `754.5`, `12:34` or `1:02:03` → milliseconds.
fn parse_moment(raw: &str) -> Result<u32, AppError> {
    let text = raw.trim();
    let bad = || AppError::BadRequest(Message::new("error-moment").arg("value", text));
    let seconds = if text.contains(':') {
        let parts: Vec<&str> = text.split(':').collect();
        if parts.len() > 3 {
            return Err(bad());
        }
        parts.iter().enumerate().try_fold(0.0_f64, |acc, (i, p)| {
            p.parse::<u32>()
                .ok()
                .filter(|v| i == 0 || *v < 60)
                .map(|v| acc * 60.0 + f64::from(v))
        })
    } else {
        text.parse::<f64>().ok()
    };
    match seconds {
        Some(s) if s.is_finite() && (0.0..4_000_000.0).contains(&s) => Ok((s * 1000.0) as u32),
        _ => Err(bad()),
    }
}

fn voice(
    seen: &Seen,
    interview: &Interview,
    t: &Tr,
    moment: Option<u32>,
    params: &InterviewParams,
) -> Voice {
    let meta = &seen.record.record.meta;
    let related = |rtype: RelationType, outgoing: bool| -> Vec<Link> {
        seen.relations
            .iter()
            .filter(|r| r.relation.rtype == rtype && r.outgoing == outgoing)
            .map(|r| card(&r.other, t))
            .collect()
    };
    let acknowledged = params.ack.as_deref() == Some("1");
    let statement = Statement::for_record(t, meta, acknowledged);
    let ack_param = if statement.is_some() { "&ack=1" } else { "" };
    let current = moment.map(|ms| current_line(interview, ms));
    let query: String = params
        .q
        .as_deref()
        .unwrap_or_default()
        .trim()
        .chars()
        .take(MAX_QUERY_CHARS)
        .collect();
    let needle: Vec<char> = normalize(&query).chars().collect();
    let lines = lines(interview, current, &needle, ack_param);
    let matches: usize = lines
        .iter()
        .flat_map(|l| &l.pieces)
        .filter(|p| p.mark)
        .count();
    let narrators = related(RelationType::NarratorOf, false);
    Voice {
        narrators_label: t.count("interview-narrators", narrators.len() as u64),
        narrators,
        places: related(RelationType::RecordedAt, true),
        age_rating: age_badge(meta.age_rating),
        statement,
        parts: parts(interview, &meta.slug, t, moment),
        segments: segments(seen, interview, t, ack_param),
        lines,
        start_at: moment.map(seconds).unwrap_or_default(),
        search: Search {
            status: match (query.is_empty(), matches) {
                (true, _) => String::new(),
                (false, 0) => t.args("transcript-no-matches", &[("query", query.clone().into())]),
                (false, n) => t.count("transcript-matches", n as u64),
            },
            query,
            forms: [1, 2, 5].map(|n| {
                t.count("transcript-matches", n)
                    .replacen(&n.to_string(), "{n}", 1)
            }),
            none: t.msg("transcript-no-matches-short"),
        },
        ack_param,
    }
}

/// Seconds with millisecond precision, as the media elements count them: `754.2`.
fn seconds(ms: u32) -> String {
    let (s, rest) = (ms / 1000, ms % 1000);
    if rest == 0 {
        s.to_string()
    } else {
        format!("{s}.{rest:03}").trim_end_matches('0').to_string()
    }
}

/// The line being spoken at `ms`: the last one that starts in that second or before.
fn current_line(interview: &Interview, ms: u32) -> usize {
    let second = ms / 1000;
    interview
        .transcript
        .partition_point(|c| c.start_ms / 1000 <= second)
        .saturating_sub(1)
}

/// The anchor of the line spoken at `ms`, or of the player when there is no transcript.
pub(super) fn anchor_at(interview: &Interview, ms: u32) -> String {
    match interview.transcript.get(current_line(interview, ms)) {
        Some(cue) => format!("t-{}", cue.start_ms / 1000),
        None => "player".into(),
    }
}

fn parts(interview: &Interview, slug: &str, t: &Tr, moment: Option<u32>) -> Vec<Part> {
    let count = interview.recordings.len();
    let has_captions = !interview.transcript.is_empty();
    let mut offset = 0_u32;
    interview
        .recordings
        .iter()
        .enumerate()
        .map(|(n, r)| {
            let src = media_src(&r.media);
            let inside = moment
                .filter(|ms| *ms >= offset && (*ms < offset + r.duration_ms || n + 1 == count));
            let src_at = match inside {
                Some(ms) => format!("{src}#t={}", seconds(ms - offset)),
                None => src.clone(),
            };
            let part = Part {
                id: format!("player-{}", n + 1),
                src_at,
                src,
                mime: r.media.mime.clone(),
                label: match (r.label.trim(), count) {
                    ("", 1) => t.msg("recording"),
                    ("", _) => t.args("recording-part", &[("n", (n + 1).to_string().into())]),
                    (label, _) => label.to_string(),
                },
                offset: seconds(offset),
                // Each part's captions are on its own clock (see `captions.rs`).
                captions: has_captions
                    .then(|| format!("/interviews/{slug}/captions/{}.vtt", n + 1)),
                video: r.media.mime.starts_with("video/"),
                withheld: r.withheld,
            };
            offset = offset.saturating_add(r.duration_ms);
            part
        })
        .collect()
}

fn lines(
    interview: &Interview,
    current: Option<usize>,
    needle: &[char],
    ack_param: &str,
) -> Vec<Line> {
    let mut previous_second = None;
    interview
        .transcript
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let second = c.start_ms / 1000;
            let anchor = if previous_second == Some(second) {
                String::new()
            } else {
                format!("t-{second}")
            };
            previous_second = Some(second);
            let pieces = highlight(&c.text, needle);
            Line {
                href: format!("?t={second}{ack_param}#t-{second}"),
                anchor,
                start: seconds(c.start_ms),
                end: seconds(c.end_ms),
                time: text::timecode(c.start_ms),
                speaker: c.speaker.clone().unwrap_or_default(),
                matched: pieces.iter().any(|p| p.mark),
                pieces,
                current: current == Some(i),
            }
        })
        .collect()
}

fn segments(seen: &Seen, interview: &Interview, t: &Tr, ack_param: &str) -> Vec<SegmentView> {
    interview
        .segments
        .iter()
        .map(|s| {
            let second = s.start_ms / 1000;
            SegmentView {
                href: format!(
                    "?t={second}{ack_param}#{}",
                    anchor_at(interview, s.start_ms)
                ),
                start: seconds(s.start_ms),
                time: text::timecode(s.start_ms),
                title: s.title.clone(),
                synopsis: s.synopsis.clone(),
                keywords: s.keywords.clone(),
                mentions: s
                    .mentions
                    .iter()
                    .filter_map(|id| seen.referenced.get(id))
                    .map(|r| card(r, t))
                    .collect(),
            }
        })
        .collect()
}

/// Splits `text` into runs, marking those equal to `needle` under the one normaliser's folding
/// (case, ё→е, dashes). Folding goes char by char so that positions in the original survive.
fn highlight(text: &str, needle: &[char]) -> Vec<Piece> {
    let chars: Vec<char> = text.chars().collect();
    if needle.is_empty() || needle.len() > chars.len() {
        return vec![Piece {
            text: text.to_string(),
            mark: false,
        }];
    }
    let folded: Vec<char> = chars.iter().map(|c| fold(*c)).collect();
    let mut pieces = Vec::new();
    let (mut plain_from, mut i) = (0, 0);
    while i + needle.len() <= folded.len() {
        if folded[i..i + needle.len()] == *needle {
            if plain_from < i {
                pieces.push(Piece {
                    text: chars[plain_from..i].iter().collect(),
                    mark: false,
                });
            }
            pieces.push(Piece {
                text: chars[i..i + needle.len()].iter().collect(),
                mark: true,
            });
            i += needle.len();
            plain_from = i;
        } else {
            i += 1;
        }
    }
    if plain_from < chars.len() {
        pieces.push(Piece {
            text: chars[plain_from..].iter().collect(),
            mark: false,
        });
    }
    pieces
}

fn fold(c: char) -> char {
    let lower = c.to_lowercase().next().unwrap_or(c);
    match normalize(&lower.to_string()).chars().next() {
        Some(folded) => folded,
        None if c.is_whitespace() => ' ',
        None => lower,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(pieces: &[Piece]) -> Vec<&str> {
        pieces
            .iter()
            .filter(|p| p.mark)
            .map(|p| p.text.as_str())
            .collect()
    }

    #[test]
    fn moments_parse_or_explain() {
        assert_eq!(parse_moment("754"), Ok(754_000));
        assert_eq!(parse_moment(" 754.5 "), Ok(754_500));
        assert_eq!(parse_moment("12:34"), Ok(754_000));
        assert_eq!(parse_moment("1:02:03"), Ok(3_723_000));
        for bad in [
            "", "abc", "-5", "1:99", "1:2:3:4", "0:99", "NaN", "inf", "1e10",
        ] {
            assert!(parse_moment(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn search_folds_case_and_yo() {
        let needle: Vec<char> = normalize("ЁЛКА").chars().collect();
        let pieces = highlight("Ёлка и ещё одна елка", &needle);
        assert_eq!(marked(&pieces), ["Ёлка", "елка"]);
        let joined: String = pieces.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(joined, "Ёлка и ещё одна елка");
        assert!(marked(&highlight("нет", &needle)).is_empty());
    }

    #[test]
    fn seconds_keep_milliseconds() {
        assert_eq!(seconds(754_000), "754");
        assert_eq!(seconds(754_200), "754.2");
        assert_eq!(seconds(5), "0.005");
    }
}
