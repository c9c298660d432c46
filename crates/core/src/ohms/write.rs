//! Writing an interview as OHMS XML, in the element order OHMS's own exports use, so that OHMS
//! and the viewers built for it can read it.

use super::language_name;
use crate::entities::{Interview, Segment};
use crate::transcript::timecode::format_seconds;
use crate::transcript::{write_plain, write_webvtt};
use quick_xml::escape::escape;

const NAMESPACE: &str = "https://www.weareavp.com/nunncenter/ohms";
const SCHEMA: &str = "https://www.weareavp.com/nunncenter/ohms/ohms.xsd";
/// OHMS's viewer opens a map at this zoom when a point has none; the museum keeps no zoom.
const GPS_ZOOM: &str = "17";

/// Writes the interview as one OHMS record: title, date, narrator (`interviewee`, since
/// narrators are records of their own and not part of the interview), interviewers, language,
/// summary, the index and the transcript, both as text with `[hh:mm:ss]` marks (`<transcript>`)
/// and as WebVTT (`<vtt_transcript>`, which keeps milliseconds).
///
/// Index times are whole seconds, as OHMS has them. A `;` inside a keyword or subject would
/// split it in two when read back, so it is written as `,`. Segment `mentions` have no place in
/// OHMS and are not written.
pub fn write_ohms(interview: &Interview, interviewee: Option<&str>) -> String {
    let mut xml = Xml::default();
    xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.raw(&format!(
        "<ROOT xmlns=\"{NAMESPACE}\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"{NAMESPACE} {SCHEMA}\">\n"
    ));
    xml.open("record");
    xml.leaf("version", "5.4");
    write_date(&mut xml, interview);
    xml.leaf("title", &interview.title);
    if interview.duration_ms() > 0 {
        xml.leaf("duration", &duration(interview.duration_ms()));
    }
    if let Some(name) = interviewee.map(str::trim).filter(|n| !n.is_empty()) {
        xml.leaf("interviewee", name);
    }
    if !interview.interviewers.is_empty() {
        xml.leaf("interviewer", &interview.interviewers.join("; "));
    }
    xml.leaf("language", language_name(&interview.language));
    xml.open("index");
    for segment in &interview.segments {
        write_point(&mut xml, segment);
    }
    xml.close("index");
    if !interview.summary.is_empty() {
        xml.leaf("description", &interview.summary);
    }
    if !interview.transcript.is_empty() {
        xml.leaf("transcript", &write_plain(&interview.transcript));
        xml.leaf("vtt_transcript", &write_webvtt(&interview.transcript));
    }
    xml.close("record");
    xml.raw("</ROOT>\n");
    xml.out
}

/// A whole day goes in `value` as OHMS wants it; any other EDTF date (`1942-03~`, `1943?`) in
/// `date_nonpreferred_format`, which OHMS shows as written.
fn write_date(xml: &mut Xml, interview: &Interview) {
    let text = interview.recorded.as_ref().map_or("", |d| d.as_str());
    let is_day = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let value = if is_day { text } else { "" };
    xml.indent();
    xml.raw(&format!(
        "<date value=\"{}\" format=\"yyyy-mm-dd\"/>\n",
        escape(value)
    ));
    if !is_day && !text.is_empty() {
        xml.leaf("date_nonpreferred_format", text);
    }
}

fn write_point(xml: &mut Xml, segment: &Segment) {
    xml.open("point");
    xml.leaf("time", &(segment.start_ms / 1000).to_string());
    xml.leaf("title", &segment.title);
    xml.leaf("partial_transcript", &segment.partial_transcript);
    xml.leaf("synopsis", &segment.synopsis);
    xml.leaf("keywords", &joined(&segment.keywords));
    xml.leaf("subjects", &joined(&segment.subjects));
    for place in &segment.places {
        xml.open("gpspoints");
        xml.leaf("gps", &format!("{}, {}", place.lat, place.lng));
        xml.leaf("gps_zoom", GPS_ZOOM);
        xml.leaf("gps_text", &place.label);
        xml.close("gpspoints");
    }
    for link in &segment.links {
        xml.open("hyperlinks");
        xml.leaf("hyperlink", &link.url);
        xml.leaf("hyperlink_text", &link.text);
        xml.close("hyperlinks");
    }
    xml.close("point");
}

fn joined(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|i| i.replace(';', ",")).collect();
    items.join(";")
}

/// `H:MM:SS`, as OHMS writes durations.
fn duration(ms: u32) -> String {
    let text = format_seconds(ms);
    text.strip_prefix('0')
        .filter(|rest| !rest.starts_with(':'))
        .unwrap_or(&text)
        .to_owned()
}

/// Indented XML, written by hand: every value goes through quick-xml's `escape`, and a
/// `String` cannot fail to be written to, so there is no error to carry.
#[derive(Default)]
struct Xml {
    out: String,
    depth: usize,
}

impl Xml {
    fn raw(&mut self, text: &str) {
        self.out.push_str(text);
    }

    fn indent(&mut self) {
        for _ in 0..=self.depth {
            self.out.push_str("  ");
        }
    }

    fn open(&mut self, name: &str) {
        self.indent();
        self.out.push_str(&format!("<{name}>\n"));
        self.depth += 1;
    }

    fn close(&mut self, name: &str) {
        self.depth -= 1;
        self.indent();
        self.out.push_str(&format!("</{name}>\n"));
    }

    /// An element holding text; the text is written as it is, without indentation, since
    /// whitespace inside a transcript is part of it.
    fn leaf(&mut self, name: &str, text: &str) {
        self.indent();
        if text.is_empty() {
            self.out.push_str(&format!("<{name}/>\n"));
        } else {
            self.out
                .push_str(&format!("<{name}>{}</{name}>\n", escape(text)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_durations_as_ohms_does() {
        assert_eq!(duration(3_723_000), "1:02:03");
        assert_eq!(duration(83_000), "0:01:23");
        assert_eq!(duration(36_000_000), "10:00:00");
    }

    #[test]
    fn escapes_markup_and_quotes_in_text() {
        let mut xml = Xml::default();
        xml.leaf("title", "Иван & «Мария» <1941> \"кавычки\" 'апостроф'");
        assert_eq!(
            xml.out,
            "  <title>Иван &amp; «Мария» &lt;1941&gt; &quot;кавычки&quot; &apos;апостроф&apos;</title>\n"
        );
    }
}
