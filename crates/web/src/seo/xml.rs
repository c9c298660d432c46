//! A thin layer over `quick-xml`'s writer for the sitemap and the feed. `quick-xml` escapes
//! markup; this layer also drops the characters XML 1.0 cannot carry at all (control characters,
//! U+FFFE, U+FFFF), which a pasted text can contain and which would make the whole file unreadable.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::borrow::Cow;

pub struct Xml {
    writer: Writer<Vec<u8>>,
}

/// Writing into a `Vec` cannot fail; `quick-xml` still returns `io::Result`, so errors are
/// carried to the one place that turns the document into a string.
pub type XmlResult = std::io::Result<()>;

impl Xml {
    pub fn new(capacity: usize) -> Result<Xml, std::io::Error> {
        let mut writer = Writer::new(Vec::with_capacity(capacity));
        writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        writer.get_mut().push(b'\n');
        Ok(Xml { writer })
    }

    /// A writer without the XML declaration, for a fragment of a larger file.
    pub fn bare() -> Xml {
        Xml {
            writer: Writer::new(Vec::new()),
        }
    }

    pub fn open(&mut self, name: &str, attributes: &[(&str, &str)]) -> XmlResult {
        let mut start = BytesStart::new(name);
        for (key, value) in attributes {
            start.push_attribute((*key, clean(value).as_ref()));
        }
        self.writer.write_event(Event::Start(start))
    }

    pub fn close(&mut self, name: &str) -> XmlResult {
        self.writer.write_event(Event::End(BytesEnd::new(name)))?;
        self.writer.get_mut().push(b'\n');
        Ok(())
    }

    /// `<name attr…>text</name>`
    pub fn text(&mut self, name: &str, attributes: &[(&str, &str)], text: &str) -> XmlResult {
        self.open(name, attributes)?;
        self.writer
            .write_event(Event::Text(BytesText::new(&clean(text))))?;
        self.close(name)
    }

    /// `<name attr…/>`
    pub fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) -> XmlResult {
        let mut start = BytesStart::new(name);
        for (key, value) in attributes {
            start.push_attribute((*key, clean(value).as_ref()));
        }
        self.writer.write_event(Event::Empty(start))?;
        self.writer.get_mut().push(b'\n');
        Ok(())
    }

    pub fn finish(self) -> String {
        // Only `&str` went in, so the bytes are UTF-8.
        String::from_utf8(self.writer.into_inner()).unwrap_or_default()
    }
}

/// `text` without the characters XML 1.0 does not allow.
fn clean(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
    };
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|c| allowed(*c)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_forbidden_characters_dropped() {
        let mut xml = Xml::new(64).expect("writer");
        xml.text(
            "t",
            &[("a", "\"x\" & <y>")],
            "<b>Tom & Jerry</b>\u{1}\u{FFFF}",
        )
        .expect("write");
        let out = xml.finish();
        assert!(
            out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
            "{out}"
        );
        assert!(
            out.contains(
                "<t a=\"&quot;x&quot; &amp; &lt;y&gt;\">&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;</t>"
            ),
            "{out}"
        );
        assert!(!out.contains('\u{1}') && !out.contains('\u{FFFF}'));
    }
}
