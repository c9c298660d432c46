//! Snippets: a fragment of a record's text with the found words marked. Kept as text plus
//! ranges, so every caller escapes it the same way ([`Highlighted::to_html`]).

use serde::Serialize;
use tantivy::TantivyDocument;
use tantivy::schema::{Field, Value};
use tantivy::snippet::SnippetGenerator;

/// Characters of text a snippet shows.
pub const SNIPPET_CHARS: usize = 220;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Highlighted {
    pub text: String,
    /// Byte ranges of `text` to mark.
    pub marks: Vec<std::ops::Range<usize>>,
}

impl Highlighted {
    /// HTML with every character escaped and the found words in `<mark>`.
    pub fn to_html(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 32);
        let mut at = 0;
        for range in &self.marks {
            if range.start < at || range.end > self.text.len() {
                continue;
            }
            let (Some(before), Some(marked)) =
                (self.text.get(at..range.start), self.text.get(range.clone()))
            else {
                continue;
            };
            escape_into(&mut out, before);
            out.push_str("<mark>");
            escape_into(&mut out, marked);
            out.push_str("</mark>");
            at = range.end;
        }
        escape_into(&mut out, self.text.get(at..).unwrap_or(""));
        out
    }
}

pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// The best fragment of the document's `field`, or its beginning when no word is in it.
pub fn snippet_of(
    generator: &SnippetGenerator,
    doc: &TantivyDocument,
    field: Field,
) -> Option<Highlighted> {
    let text = doc.get_first(field).and_then(|v| v.as_str())?;
    let snippet = generator.snippet(text);
    if snippet.fragment().is_empty() {
        return Some(Highlighted {
            text: beginning(text),
            marks: Vec::new(),
        });
    }
    Some(with_ellipses(
        text,
        snippet.fragment(),
        snippet.highlighted().to_vec(),
    ))
}

/// The fragment as shown: an ellipsis where it cuts a sentence, before or after, so a snippet
/// that begins mid-sentence says so («…ушёл на фронт»); the marks moved with the text.
fn with_ellipses(text: &str, fragment: &str, marks: Vec<std::ops::Range<usize>>) -> Highlighted {
    // tantivy's fragment is a slice of the text; were it ever not, it is shown as it came.
    let Some(at) = text.find(fragment) else {
        return Highlighted {
            text: fragment.to_string(),
            marks,
        };
    };
    let lead = fragment.len() - fragment.trim_start().len();
    let kept = fragment.trim();
    let ends_sentence = |s: &str| s.ends_with(['.', '!', '?', '…']);
    let before = text.get(..at + lead).unwrap_or("").trim_end();
    let after = text.get(at + lead + kept.len()..).unwrap_or("");
    let cut_before = !before.is_empty() && !ends_sentence(before);
    let cut_after = !after.trim().is_empty() && !ends_sentence(kept);
    let prefix = if cut_before { "…" } else { "" };
    let mut out = String::with_capacity(kept.len() + 6);
    out.push_str(prefix);
    out.push_str(kept);
    if cut_after {
        out.push('…');
    }
    let shift = |i: usize| (i.saturating_sub(lead) + prefix.len()).min(prefix.len() + kept.len());
    let marks = marks
        .into_iter()
        .filter(|r| r.start >= lead && r.end <= lead + kept.len())
        .map(|r| shift(r.start)..shift(r.end))
        .collect();
    Highlighted { text: out, marks }
}

/// The first [`SNIPPET_CHARS`] characters, cut at a word boundary, with an ellipsis if cut.
fn beginning(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= SNIPPET_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(SNIPPET_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_escaped_and_marked() {
        let h = Highlighted {
            text: "<b>Иванов</b> & сын".into(),
            marks: std::iter::once(3..15).collect(),
        };
        assert_eq!(
            h.to_html(),
            "&lt;b&gt;<mark>Иванов</mark>&lt;/b&gt; &amp; сын"
        );
        let broken = Highlighted {
            text: "abc".into(),
            marks: std::iter::once(2..10).collect(),
        };
        assert_eq!(broken.to_html(), "abc");
    }

    #[test]
    fn a_fragment_cut_from_its_text_says_so() {
        let text =
            "Родился в Химках. Весной 1942 года ушёл на фронт добровольцем. Погиб под Ржевом.";
        let fragment = " ушёл на фронт добровольцем";
        let word = fragment.find("фронт").expect("word");
        let h = with_ellipses(
            text,
            fragment,
            std::iter::once(word..word + "фронт".len()).collect(),
        );
        assert_eq!(h.text, "…ушёл на фронт добровольцем…");
        assert_eq!(h.to_html(), "…ушёл на <mark>фронт</mark> добровольцем…");
        // A fragment that is whole sentences needs no ellipsis.
        let sentence = with_ellipses(
            text,
            " Весной 1942 года ушёл на фронт добровольцем.",
            vec![],
        );
        assert_eq!(
            sentence.text,
            "Весной 1942 года ушёл на фронт добровольцем."
        );

        let whole = with_ellipses(
            "Погиб под Ржевом.",
            "Погиб под Ржевом.",
            std::iter::once(0..10).collect(),
        );
        assert_eq!(whole.text, "Погиб под Ржевом.");
        assert_eq!(whole.to_html(), "<mark>Погиб</mark> под Ржевом.");

        let start = with_ellipses(text, "Родился в", vec![]);
        assert_eq!(start.text, "Родился в…");

        let elsewhere = with_ellipses(text, "\u{a0}не из этого текста", vec![]);
        assert_eq!(elsewhere.text, "\u{a0}не из этого текста");
    }
}
