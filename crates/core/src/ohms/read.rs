//! Reading an OHMS XML file: the record's title, people and date, its index points as
//! [`Segment`]s and its transcript as [`Cue`]s.

use super::sync::cues_from_sync;
use super::tree::{Element, parse_tree};
use super::{OhmsRecord, language_tag};
use crate::edtf::Edtf;
use crate::entities::{Cue, Segment, SegmentLink, SegmentPlace};
use crate::transcript::plain::leading_mark;
use crate::transcript::webvtt::has_webvtt_header;
use crate::transcript::{TranscriptError, check_text, decode, parse_plain, parse_webvtt};

/// Reads an uploaded OHMS file: decodes it as the transcript readers do, then [`parse_ohms`].
pub fn read_ohms(bytes: &[u8]) -> Result<OhmsRecord, TranscriptError> {
    parse_ohms(decode(bytes)?)
}

/// Reads OHMS XML. Refuses malformed XML (naming the line and the position in it), a file
/// without a `<record>` or with several, an index point without a title or with a time that is
/// not a number of seconds, coordinates out of range, links other than http(s), and a transcript
/// that its own format refuses (with the line in the XML file).
pub fn parse_ohms(xml: &str) -> Result<OhmsRecord, TranscriptError> {
    let xml = check_text(xml)?;
    let root = parse_tree(xml)?;
    let record = the_record(&root)?;
    let (recorded, date_text) = date(record);
    let total_ms = duration_ms(record.text_of("duration"));
    let mut segments = match record.child("index") {
        Some(index) => index
            .children_named("point")
            .map(segment)
            .collect::<Result<Vec<_>, _>>()?,
        None => Vec::new(),
    };
    // OHMS shows points by time whatever their order in the file.
    segments.sort_by_key(|s| s.start_ms);
    let (transcript, untimed_transcript) = transcript(record, total_ms)?;
    Ok(OhmsRecord {
        title: collapse_spaces(record.text_of("title")),
        interviewees: names(record, "interviewee"),
        interviewers: names(record, "interviewer"),
        recorded,
        date_text,
        language: language_tag(record.text_of("language")),
        summary: record.text_of("description").to_owned(),
        segments,
        transcript,
        untimed_transcript,
    })
}

fn the_record(root: &Element) -> Result<&Element, TranscriptError> {
    if root.name == "record" {
        return Ok(root);
    }
    let mut records = root.children_named("record");
    let Some(record) = records.next() else {
        return Err(TranscriptError::at(
            root.line,
            format!(
                "это не файл OHMS: внутри <{}> нет элемента <record> — \
                 выгрузите из OHMS файл XML интервью",
                root.name
            ),
        ));
    };
    if let Some(second) = records.next() {
        return Err(TranscriptError::at(
            second.line,
            "в файле несколько интервью (элементов <record>): загрузите их по одному",
        ));
    }
    Ok(record)
}

/// `<date value="1985-05-09">` (current OHMS), `<date>…</date>` (older files) or
/// `<date_nonpreferred_format>`; the first that is an EDTF date is taken, and otherwise the text
/// is kept for an editor.
fn date(record: &Element) -> (Option<Edtf>, String) {
    let element = record.child("date");
    let candidates = [
        element
            .and_then(|d| d.attribute("value"))
            .unwrap_or_default(),
        element.map_or("", |d| d.text.trim()),
        record.text_of("date_nonpreferred_format"),
    ];
    let candidates = candidates.map(str::trim);
    match candidates.iter().find_map(|c| Edtf::parse(c).ok()) {
        Some(edtf) => (Some(edtf), String::new()),
        None => (
            None,
            candidates
                .iter()
                .find(|c| !c.is_empty())
                .map_or_else(String::new, |c| (*c).to_owned()),
        ),
    }
}

/// `H:MM:SS` or seconds; `None` when absent or zero (some exports write `0:0:0`).
fn duration_ms(text: &str) -> Option<u32> {
    let seconds = text.split(':').try_fold(0u32, |total, part| {
        total
            .checked_mul(60)?
            .checked_add(part.trim().parse().ok()?)
    })?;
    seconds.checked_mul(1000).filter(|&ms| ms > 0)
}

/// Names from every `<interviewee>` (or `<interviewer>`), several in one separated by `;`.
fn names(record: &Element, element: &str) -> Vec<String> {
    record
        .children_named(element)
        .flat_map(|e| e.text.split(';'))
        .map(collapse_spaces)
        .filter(|n| !n.is_empty())
        .collect()
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn segment(point: &Element) -> Result<Segment, TranscriptError> {
    let time = point.child("time");
    let start_ms = start_ms(time.map_or("", |t| t.text.trim()))
        .map_err(|reason| TranscriptError::at(time.map_or(point.line, |t| t.line), reason))?;
    let title = collapse_spaces(point.text_of("title"));
    if title.is_empty() {
        return Err(TranscriptError::at(
            point.line,
            "у фрагмента указателя нет названия (<title>): назовите его в OHMS и выгрузите снова",
        ));
    }
    Ok(Segment {
        start_ms,
        title,
        synopsis: point.text_of("synopsis").to_owned(),
        keywords: list(point.text_of("keywords")),
        mentions: Vec::new(),
        partial_transcript: point.text_of("partial_transcript").to_owned(),
        subjects: list(point.text_of("subjects")),
        places: places(point)?,
        links: links(point)?,
    })
}

/// Whole or fractional seconds from the start of the recording.
fn start_ms(text: &str) -> Result<u32, String> {
    let bad = || {
        format!(
            "время фрагмента «{text}» записано неверно: нужно число секунд от начала записи, \
             например 125"
        )
    };
    let seconds: f64 = text.parse().map_err(|_| bad())?;
    if !seconds.is_finite() || seconds < 0.0 {
        return Err(bad());
    }
    let ms = (seconds * 1000.0).round();
    if ms > f64::from(u32::MAX) {
        return Err(format!("время фрагмента «{text}» слишком велико"));
    }
    // In range and whole after the checks above.
    Ok(ms as u32)
}

fn list(text: &str) -> Vec<String> {
    text.split(';')
        .map(collapse_spaces)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Places from each `<gpspoints>` block, or from `<gps>` straight inside the point in files from
/// before the blocks existed. Empty blocks (OHMS writes them as placeholders) are skipped.
fn places(point: &Element) -> Result<Vec<SegmentPlace>, TranscriptError> {
    let mut holders: Vec<&Element> = point.children_named("gpspoints").collect();
    if point.child("gps").is_some() {
        holders.push(point);
    }
    let mut places = Vec::new();
    for holder in holders {
        let gps = holder.child("gps");
        let (coordinates, label) = (
            holder.text_of("gps"),
            collapse_spaces(holder.text_of("gps_text")),
        );
        let line = gps.map_or(holder.line, |g| g.line);
        if coordinates.is_empty() {
            if label.is_empty() {
                continue;
            }
            return Err(TranscriptError::at(
                line,
                format!(
                    "у места «{label}» нет координат: впишите в <gps> «широта, долгота», \
                     например «55.95, 37.30», или уберите подпись"
                ),
            ));
        }
        let place = parse_coordinates(coordinates, label)
            .map_err(|reason| TranscriptError::at(line, reason))?;
        places.push(place);
    }
    Ok(places)
}

fn parse_coordinates(text: &str, label: String) -> Result<SegmentPlace, String> {
    let malformed = || {
        format!(
            "координаты «{text}» записаны неверно: нужно «широта, долгота» в градусах \
             через запятую, с точкой в дробях, например «55.95, 37.30»"
        )
    };
    let (lat, lng) = text.split_once(',').ok_or_else(malformed)?;
    let place = SegmentPlace {
        lat: lat.trim().parse().map_err(|_| malformed())?,
        lng: lng.trim().parse().map_err(|_| malformed())?,
        label,
    };
    place.check()?;
    Ok(place)
}

/// Links from each `<hyperlinks>` block, or from `<hyperlink>` straight inside the point.
fn links(point: &Element) -> Result<Vec<SegmentLink>, TranscriptError> {
    let mut holders: Vec<&Element> = point.children_named("hyperlinks").collect();
    if point.child("hyperlink").is_some() {
        holders.push(point);
    }
    let mut links = Vec::new();
    for holder in holders {
        let line = holder.child("hyperlink").map_or(holder.line, |h| h.line);
        let link = SegmentLink {
            url: holder.text_of("hyperlink").to_owned(),
            text: collapse_spaces(holder.text_of("hyperlink_text")),
        };
        if link.url.is_empty() {
            if link.text.is_empty() {
                continue;
            }
            return Err(TranscriptError::at(
                line,
                format!(
                    "у ссылки «{}» нет адреса: впишите его в <hyperlink> или уберите подпись",
                    link.text
                ),
            ));
        }
        link.check()
            .map_err(|reason| TranscriptError::at(line, reason))?;
        links.push(link);
    }
    Ok(links)
}

/// The timed transcript and, when it cannot be timed, its text. `<vtt_transcript>` (OHMS since
/// 2025, millisecond times) is preferred; then `<transcript>` with `[hh:mm:ss]` marks at line
/// starts (see [`crate::transcript::plain`]); then `<transcript>` with a legacy `<sync>` map.
fn transcript(
    record: &Element,
    total_ms: Option<u32>,
) -> Result<(Vec<Cue>, String), TranscriptError> {
    if let Some(vtt) = record
        .child("vtt_transcript")
        .filter(|v| !v.text.trim().is_empty())
    {
        return Ok((webvtt_inside(vtt)?, String::new()));
    }
    let Some(plain) = record
        .child("transcript")
        .filter(|t| !t.text.trim().is_empty())
    else {
        return Ok((Vec::new(), String::new()));
    };
    if has_marks(&plain.text) {
        let cues = parse_plain(&plain.text, total_ms).map_err(|e| e.shifted(plain.text_line))?;
        return Ok((cues, String::new()));
    }
    match cues_from_sync(record.text_of("sync"), &plain.text, total_ms) {
        Some(cues) => Ok((cues, String::new())),
        None => Ok((Vec::new(), plain.text.trim().to_owned())),
    }
}

/// OHMS leaves the `WEBVTT` line out; it is put back for the reader, and line numbers stay
/// those of the XML file.
fn webvtt_inside(vtt: &Element) -> Result<Vec<Cue>, TranscriptError> {
    let body = vtt.text.trim_start();
    let skipped = vtt.text[..vtt.text.len() - body.len()]
        .matches('\n')
        .count();
    let first_line = vtt.text_line + skipped;
    if has_webvtt_header(body.lines().next().unwrap_or_default()) {
        return parse_webvtt(body).map_err(|e| e.shifted(first_line));
    }
    parse_webvtt(&format!("WEBVTT\n\n{body}")).map_err(|e| {
        // The two lines put in front are not in the file.
        TranscriptError::at(e.line.saturating_sub(2).max(1), e.reason).shifted(first_line)
    })
}

fn has_marks(text: &str) -> bool {
    text.lines().any(|line| leading_mark(line).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_durations_and_times() {
        assert_eq!(duration_ms("1:02:03"), Some(3_723_000));
        assert_eq!(duration_ms("125"), Some(125_000));
        assert_eq!(duration_ms("0:0:0"), None);
        assert_eq!(duration_ms(""), None);
        assert_eq!(start_ms("125"), Ok(125_000));
        assert_eq!(start_ms("12.5"), Ok(12_500));
        assert!(start_ms("-1").unwrap_err().contains("нужно число секунд"));
        assert!(start_ms("01:02").is_err());
    }

    #[test]
    fn splits_names_and_lists() {
        assert_eq!(list(" Эвакуация;  Завод  №1 ;;"), ["Эвакуация", "Завод №1"]);
        assert_eq!(collapse_spaces("  Анна\n  Петровна "), "Анна Петровна");
    }
}
