//! OHMS XML read into a small tree of elements that remember their lines, so that every later
//! complaint ("строка 40: …") points where the volunteer can look.
//!
//! Elements are known by their local names: OHMS files come with the OHMS namespace, with a prefix
//! or without any namespace at all, and mean the same thing. A DOCTYPE is skipped and its entities
//! are never expanded (no entity tricks from an uploaded file); only XML's own entities, `&nbsp;`
//! and character references are.

use crate::transcript::{TranscriptError, line_at};
use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

/// One element: its local name, attributes, the text directly inside it and its children.
#[derive(Debug, Default)]
pub(crate) struct Element {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub text: String,
    /// The line of the start tag.
    pub line: usize,
    /// The line on which `text` begins (the start tag's line while there is none).
    pub text_line: usize,
    pub children: Vec<Element>,
}

impl Element {
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.children.iter().filter(move |c| c.name == name)
    }

    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The trimmed text of the first child called `name`, or "" when there is none.
    pub fn text_of(&self, name: &str) -> &str {
        self.child(name).map_or("", |c| c.text.trim())
    }
}

/// Reads the whole document into its root element.
pub(crate) fn parse_tree(xml: &str) -> Result<Element, TranscriptError> {
    let mut reader = Reader::from_str(xml);
    let mut open: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut lines = LineCounter::default();
    loop {
        let at = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let line = lines.line_at(xml, at);
        let event = reader.read_event().map_err(|e| {
            let at = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
            syntax_error(xml, at, &e)
        })?;
        match event {
            Event::Start(tag) => open.push(element(&tag, line)?),
            Event::Empty(tag) => attach(element(&tag, line)?, &mut open, &mut root)?,
            Event::End(_) => {
                // quick-xml has already checked that the end tag matches.
                if let Some(done) = open.pop() {
                    attach(done, &mut open, &mut root)?;
                }
            }
            Event::Text(text) => append(&mut open, &text.xml10_content(), line)?,
            Event::CData(data) => append(&mut open, &data.xml10_content(), line)?,
            Event::GeneralRef(reference) => {
                let resolved = resolve_reference(&reference, line)?;
                append(&mut open, resolved.encode_utf8(&mut [0; 4]), line)?;
            }
            Event::Decl(decl) => check_encoding(decl.encoding(), line)?,
            Event::Eof => break,
            Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if let Some(unclosed) = open.last() {
        return Err(TranscriptError::at(
            unclosed.line,
            format!(
                "XML оборван: элемент <{0}> не закрыт — добавьте </{0}> в нужном месте",
                unclosed.name
            ),
        ));
    }
    root.ok_or_else(|| {
        TranscriptError::at(1, "в файле нет ни одного элемента XML: это не файл OHMS")
    })
}

fn element(tag: &BytesStart, line: usize) -> Result<Element, TranscriptError> {
    let name = tag.local_name().as_ref().to_owned();
    let mut attributes = Vec::new();
    for attribute in tag.attributes() {
        let attribute = attribute.map_err(|e| {
            TranscriptError::at(
                line,
                format!("у элемента <{name}> неверно записан атрибут ({e})"),
            )
        })?;
        let key = attribute.key.local_name().as_ref().to_owned();
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|_| {
                TranscriptError::at(
                    line,
                    format!(
                        "в атрибуте {key} элемента <{name}> неверная ссылка на символ: \
                     пишите &amp; вместо одиночного &"
                    ),
                )
            })?;
        attributes.push((key, value.into_owned()));
    }
    Ok(Element {
        name,
        attributes,
        line,
        text_line: line,
        ..Element::default()
    })
}

fn attach(
    done: Element,
    open: &mut [Element],
    root: &mut Option<Element>,
) -> Result<(), TranscriptError> {
    if let Some(parent) = open.last_mut() {
        parent.children.push(done);
    } else if root.is_some() {
        return Err(TranscriptError::at(
            done.line,
            format!(
                "после корневого элемента идёт ещё один (<{}>): в файле OHMS всё лежит внутри <ROOT>",
                done.name
            ),
        ));
    } else {
        *root = Some(done);
    }
    Ok(())
}

fn append(open: &mut [Element], text: &str, line: usize) -> Result<(), TranscriptError> {
    match open.last_mut() {
        Some(current) => {
            if current.text.is_empty() {
                current.text_line = line;
            }
            current.text.push_str(text);
            Ok(())
        }
        None if text.trim().is_empty() => Ok(()),
        None => Err(TranscriptError::at(
            line,
            "текст вне элементов: в файле OHMS всё лежит внутри <ROOT>",
        )),
    }
}

fn resolve_reference(name: &str, line: usize) -> Result<char, TranscriptError> {
    let unknown = || {
        TranscriptError::at(
            line,
            format!(
                "неизвестная ссылка «&{name};»: в XML знак & пишется как &amp;, \
                 < как &lt;, > как &gt;"
            ),
        )
    };
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16),
            None => number.parse(),
        };
        return code
            .ok()
            .and_then(char::from_u32)
            .filter(|&c| c != '\0')
            .ok_or_else(unknown);
    }
    match name {
        "lt" => Ok('<'),
        "gt" => Ok('>'),
        "amp" => Ok('&'),
        "quot" => Ok('"'),
        "apos" => Ok('\''),
        // Not XML's, but editors that think in HTML write it into OHMS files.
        "nbsp" => Ok('\u{a0}'),
        _ => Err(unknown()),
    }
}

fn check_encoding(
    encoding: Option<Result<std::borrow::Cow<'_, str>, quick_xml::events::attributes::AttrError>>,
    line: usize,
) -> Result<(), TranscriptError> {
    let Some(Ok(encoding)) = encoding else {
        return Ok(());
    };
    if encoding.eq_ignore_ascii_case("utf-8") || encoding.eq_ignore_ascii_case("utf8") {
        return Ok(());
    }
    Err(TranscriptError::at(
        line,
        format!(
            "файл объявлен в кодировке {encoding}; принимаются только файлы в UTF-8 — \
             пересохраните его в UTF-8"
        ),
    ))
}

/// A syntax error with its line, and the position in the line, in Russian.
fn syntax_error(xml: &str, at: usize, error: &XmlError) -> TranscriptError {
    let line = line_of(xml, at);
    let column = column_of(xml, at);
    let what = match error {
        XmlError::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
            format!("закрывающий тег </{found}> не подходит: здесь должен закрыться <{expected}>")
        }
        XmlError::IllFormed(IllFormedError::UnmatchedEndTag(name)) => {
            format!("лишний закрывающий тег </{name}>: такой элемент не открывался")
        }
        XmlError::IllFormed(IllFormedError::MissingEndTag(name)) => {
            format!("элемент <{name}> не закрыт — добавьте </{name}>")
        }
        XmlError::Syntax(SyntaxError::UnclosedTag) => {
            "тег не закрыт: не хватает знака «>»".to_owned()
        }
        XmlError::Syntax(SyntaxError::UnclosedCData) => {
            "блок <![CDATA[ не закрыт знаками ]]>".to_owned()
        }
        XmlError::Syntax(SyntaxError::UnclosedComment) => {
            "комментарий <!-- не закрыт знаками -->".to_owned()
        }
        XmlError::Escape(_) | XmlError::IllFormed(IllFormedError::UnclosedReference) => {
            "неверная ссылка на символ: в XML знак & пишется как &amp;".to_owned()
        }
        other => format!("XML записан неверно ({other})"),
    };
    TranscriptError::at(line, format!("знак {column}: {what}"))
}

/// Lines of events as the reader moves forward, counting each stretch of the file once (counting
/// from the start for every event would make a long transcript quadratic).
#[derive(Default)]
struct LineCounter {
    at: usize,
    line: usize,
}

impl LineCounter {
    fn line_at(&mut self, xml: &str, at: usize) -> usize {
        let at = at.min(xml.len());
        if at < self.at || self.line == 0 {
            self.line = line_of(xml, at);
        } else {
            self.line += line_at(&xml.as_bytes()[self.at..at]) - 1;
        }
        self.at = at;
        self.line
    }
}

/// The 1-based line of byte `at`.
fn line_of(xml: &str, at: usize) -> usize {
    let at = at.min(xml.len());
    line_at(&xml.as_bytes()[..at])
}

/// The 1-based position of byte `at` within its line, in characters.
fn column_of(xml: &str, at: usize) -> usize {
    let at = at.min(xml.len());
    let before = xml.as_bytes()[..at]
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
        .map_or(0, |nl| nl + 1);
    String::from_utf8_lossy(&xml.as_bytes()[before..at])
        .chars()
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_elements_by_local_name_with_lines_and_text() {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
                   <ohms:ROOT xmlns:ohms=\"https://www.weareavp.com/nunncenter/ohms\">\n\
                   <ohms:record id=\"7\">\n\
                   <ohms:title>Иван &amp; Мария &lt;1941&gt; &#x2116;&#49; &quot;x&quot;</ohms:title>\n\
                   <ohms:date value=\"1985-05-09\" format=\"yyyy-mm-dd\"/>\n\
                   <ohms:transcript><![CDATA[a < b]]>\r\nещё</ohms:transcript>\n\
                   </ohms:record></ohms:ROOT>";
        let root = parse_tree(xml).unwrap();
        assert_eq!(root.name, "ROOT");
        let record = root.child("record").unwrap();
        assert_eq!((record.line, record.attribute("id")), (3, Some("7")));
        assert_eq!(record.text_of("title"), "Иван & Мария <1941> №1 \"x\"");
        assert_eq!(record.child("title").unwrap().line, 4);
        assert_eq!(
            record.child("date").unwrap().attribute("value"),
            Some("1985-05-09")
        );
        let transcript = record.child("transcript").unwrap();
        assert_eq!(
            (transcript.text.as_str(), transcript.text_line),
            ("a < b\nещё", 6)
        );
    }

    #[test]
    fn malformed_xml_is_refused_with_line_and_position() {
        let e = parse_tree("<ROOT>\n  <record>\n    <title>Ров</synopsis>\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(
            e.reason
                .starts_with("знак 15: закрывающий тег </synopsis> не подходит"),
            "{e}"
        );

        let e = parse_tree("<ROOT>\n<record>\n<title>Ров</title>\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.reason.contains("<record> не закрыт"), "{e}");

        let e = parse_tree("<ROOT>\n<title>Иван & Мария</title></ROOT>").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.reason.contains("&amp;"), "{e}");

        let e = parse_tree("<ROOT><title>&copy;</title></ROOT>").unwrap_err();
        assert!(e.reason.contains("неизвестная ссылка «&copy;»"), "{e}");

        let e = parse_tree("<?xml version=\"1.0\" encoding=\"windows-1251\"?><ROOT/>").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.reason.contains("windows-1251"), "{e}");

        let e = parse_tree("<ROOT/>\n<ROOT/>").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(parse_tree("просто текст").is_err());
    }

    #[test]
    fn doctype_entities_are_not_expanded() {
        let xml = "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<ROOT>&x;</ROOT>";
        let e = parse_tree(xml).unwrap_err();
        assert!(e.reason.contains("неизвестная ссылка «&x;»"), "{e}");
    }
}
