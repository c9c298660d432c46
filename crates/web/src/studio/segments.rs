//! An interview's index (OHMS-style segments) as text an indexer writes in one box, and back.
//!
//! One segment per paragraph: its first line is the start mark and the title, the lines after
//! it are labelled fields. Labels are Russian words an indexer reads without a manual; record
//! numbers tie the segment to persons, places and events of the base, so a hero's page lists
//! the moments where someone remembers them.
//!
//! ```text
//! [00:12:30] Эвакуация завода
//! Начало: Мы грузили станки ночью…
//! Кратко: Как завод уходил на восток.
//! Ключевые слова: эвакуация; завод
//! Темы: промышленность
//! Упоминаются: №12, №45
//! Место: 55.8897, 37.4449 Станция Химки
//! Ссылка: https://example.org/ Подробнее о заводе
//! ```

use crate::shell::i18n::Tr;
use letopis_core::RecordId;
use letopis_core::entities::{Segment, SegmentLink, SegmentPlace};

const BEGIN: &str = "Начало";
const SYNOPSIS: &str = "Кратко";
const KEYWORDS: &str = "Ключевые слова";
const SUBJECTS: &str = "Темы";
const MENTIONS: &str = "Упоминаются";
const PLACE: &str = "Место";
const LINK: &str = "Ссылка";

pub fn to_text(segments: &[Segment]) -> String {
    segments
        .iter()
        .map(|s| {
            let mut lines = vec![format!("[{}] {}", clock(s.start_ms), s.title)];
            let mut field = |label: &str, value: String| {
                if !value.is_empty() {
                    lines.push(format!("{label}: {value}"));
                }
            };
            field(BEGIN, s.partial_transcript.replace('\n', " "));
            field(SYNOPSIS, s.synopsis.replace('\n', " "));
            field(KEYWORDS, s.keywords.join("; "));
            field(SUBJECTS, s.subjects.join("; "));
            field(
                MENTIONS,
                s.mentions
                    .iter()
                    .map(|id| format!("№{}", id.0))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            for p in &s.places {
                lines.push(
                    format!("{PLACE}: {}, {} {}", p.lat, p.lng, p.label)
                        .trim_end()
                        .to_string(),
                );
            }
            for l in &s.links {
                lines.push(
                    format!("{LINK}: {} {}", l.url, l.text)
                        .trim_end()
                        .to_string(),
                );
            }
            lines.join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn clock(ms: u32) -> String {
    let s = ms / 1000;
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// Reads the indexer's text back; problems name the line and say how to write it, in `t`'s
/// language (the field names stay the Russian ones the format is written in).
pub fn from_text(t: &Tr, text: &str) -> Result<Vec<Segment>, Vec<String>> {
    let at = |n: usize, problem: String| {
        t.args(
            "studio-blocks-line",
            &[("line", n.to_string().into()), ("problem", problem.into())],
        )
    };
    let mut out: Vec<Segment> = Vec::new();
    let mut problems = Vec::new();
    let mut open = false;
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if line.is_empty() {
            open = false;
            continue;
        }
        if !open {
            match heading(t, line) {
                Ok(segment) => {
                    if let Some(last) = out.last()
                        && segment.start_ms < last.start_ms
                    {
                        problems.push(at(n, t.msg("studio-segments-order")));
                    }
                    out.push(segment);
                    open = true;
                }
                Err(why) => problems.push(at(n, why)),
            }
            continue;
        }
        let Some(segment) = out.last_mut() else {
            continue;
        };
        if let Err(why) = field(t, segment, line) {
            problems.push(at(n, why));
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// `[00:12:30] Название` → a segment with its start and title.
fn heading(t: &Tr, line: &str) -> Result<Segment, String> {
    let rest = line
        .strip_prefix('[')
        .ok_or_else(|| t.msg("studio-segments-heading"))?;
    let (mark, title) = rest
        .split_once(']')
        .ok_or_else(|| t.msg("studio-segments-bracket"))?;
    // A segment's mark has minutes at least (a bare number is more likely a typo than seconds).
    let start_ms = Some(mark.trim())
        .filter(|m| m.contains(':'))
        .and_then(super::blocks::timecode)
        .ok_or_else(|| t.args("studio-segments-not-time", &[("value", mark.trim().into())]))?;
    let title = title.trim();
    if title.is_empty() {
        return Err(t.msg("studio-segments-no-title"));
    }
    Ok(Segment {
        start_ms,
        title: title.chars().take(300).collect(),
        ..Segment::default()
    })
}

fn field(t: &Tr, segment: &mut Segment, line: &str) -> Result<(), String> {
    let Some((label, value)) = line.split_once(':') else {
        return Err(t.msg("studio-segments-no-field"));
    };
    let value = value.trim();
    let list = |v: &str| -> Vec<String> {
        v.split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    match label.trim() {
        BEGIN => segment.partial_transcript = value.into(),
        SYNOPSIS => segment.synopsis = value.into(),
        KEYWORDS => segment.keywords = list(value),
        SUBJECTS => segment.subjects = list(value),
        MENTIONS => {
            for part in value
                .split([',', ' ', ';'])
                .filter(|p| !p.trim().is_empty())
            {
                let id = part
                    .trim()
                    .trim_start_matches(['№', '#'])
                    .parse::<i64>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| {
                        t.args("studio-segments-not-record", &[("value", part.into())])
                    })?;
                segment.mentions.push(RecordId(id));
            }
        }
        PLACE => {
            let mut parts = value.splitn(3, [',', ' ']).filter(|p| !p.is_empty());
            let lat = parts.next().and_then(|p| p.trim().parse::<f64>().ok());
            let rest: Vec<&str> = parts.collect();
            let rest = rest.join(" ");
            let rest = rest.trim_start_matches([',', ' ']);
            let (lng_text, label) = rest.split_once(' ').unwrap_or((rest, ""));
            let lng = lng_text.trim().trim_end_matches(',').parse::<f64>().ok();
            let (Some(lat), Some(lng)) = (lat, lng) else {
                return Err(t.msg("studio-segments-place"));
            };
            let place = SegmentPlace {
                lat,
                lng,
                label: label.trim().to_string(),
            };
            place.check()?;
            segment.places.push(place);
        }
        LINK => {
            let (url, text) = value.split_once(' ').unwrap_or((value, ""));
            let link = SegmentLink {
                url: url.trim().to_string(),
                text: text.trim().to_string(),
            };
            link.check()?;
            segment.links.push(link);
        }
        other => {
            return Err(t.args("studio-segments-unknown-field", &[("field", other.into())]));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_index_goes_to_text_and_back() {
        let segments = vec![
            Segment {
                start_ms: 0,
                title: "Детство".into(),
                ..Segment::default()
            },
            Segment {
                start_ms: 750_000,
                title: "Эвакуация завода".into(),
                partial_transcript: "Мы грузили станки ночью…".into(),
                synopsis: "Как завод уходил на восток.".into(),
                keywords: vec!["эвакуация".into(), "завод".into()],
                subjects: vec!["промышленность".into()],
                mentions: vec![RecordId(12), RecordId(45)],
                places: vec![SegmentPlace {
                    lat: 55.8897,
                    lng: 37.4449,
                    label: "Станция Химки".into(),
                }],
                links: vec![SegmentLink {
                    url: "https://example.org/zavod".into(),
                    text: "Подробнее о заводе".into(),
                }],
            },
        ];
        let text = to_text(&segments);
        assert!(
            text.contains("[00:12:30] Эвакуация завода\nНачало: Мы грузили"),
            "{text}"
        );
        assert!(
            text.contains("Место: 55.8897, 37.4449 Станция Химки"),
            "{text}"
        );
        assert_eq!(
            from_text(&Tr::new(crate::shell::i18n::Lang::Ru), &text),
            Ok(segments)
        );
    }

    #[test]
    fn mistakes_name_the_line() {
        let text = "[00:10:00] Первый\nКратко: ладно\nСинопсис: нет такого\n\n\
                    Без отметки\n\n[00:05:00] Раньше первого\nМесто: 155, 37 Где-то\n\
                    Ссылка: javascript:alert(1)\nУпоминаются: №12, Химки";
        let problems =
            from_text(&Tr::new(crate::shell::i18n::Lang::Ru), text).expect_err("problems");
        assert_eq!(problems.len(), 6, "{problems:#?}");
        assert!(problems[0].starts_with("Строка 3: поле «Синопсис» неизвестно"));
        assert!(problems[1].starts_with("Строка 5: фрагмент начинается строкой"));
        assert!(problems[2].starts_with("Строка 7: фрагмент начинается раньше"));
        assert!(problems[3].starts_with("Строка 8: широта 155"));
        assert!(problems[4].starts_with("Строка 9: ссылка «javascript:alert(1)»"));
        assert!(problems[5].contains("«Химки» — не номер записи"));
    }
}
