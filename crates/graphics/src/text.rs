//! Measuring and breaking lines of text in an embedded font: words are never broken, a line
//! that cannot hold the rest ends in «…».

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};

/// One line of a wrapped text; `cut` when the text went on beyond it but had no more lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    pub cut: bool,
}

/// The width of `text` in pixels at `size`, kerning included.
pub fn width(font: &FontRef<'_>, text: &str, size: f32) -> f32 {
    let scaled = font.as_scaled(PxScale::from(size));
    let mut previous = None;
    let mut total = 0.0;
    for c in text.chars() {
        let id = font.glyph_id(c);
        if let Some(before) = previous {
            total += scaled.kern(before, id);
        }
        total += scaled.h_advance(id);
        previous = Some(id);
    }
    total
}

/// `text` broken between words into at most `lines` lines of at most `max` pixels. A word
/// longer than a line is shortened with «…»; text left over marks the last line `cut`.
pub fn wrap(font: &FontRef<'_>, text: &str, size: f32, max: f32, lines: usize) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut current = String::new();
    let words = units(text);
    for (n, word) in words.iter().enumerate() {
        let candidate = if current.is_empty() {
            word.clone()
        } else {
            format!("{current} {word}")
        };
        if width(font, &candidate, size) <= max {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            out.push(Line {
                text: std::mem::take(&mut current),
                cut: false,
            });
        }
        if out.len() == lines {
            if let Some(last) = out.last_mut() {
                let rest = words[n..].join(" ");
                last.text = shorten(font, &format!("{} {rest}", last.text), size, max);
                last.cut = true;
            }
            return out;
        }
        current = word.clone();
        if width(font, &current, size) > max {
            current = shorten(font, &current, size, max);
        }
    }
    if !current.is_empty() {
        if out.len() == lines {
            if let Some(last) = out.last_mut() {
                last.text = shorten(font, &format!("{} {current}", last.text), size, max);
                last.cut = true;
            }
        } else {
            out.push(Line {
                text: current,
                cut: false,
            });
        }
    }
    if lines == 0 {
        out.clear();
    }
    out
}

/// The words of `text` as lines may break between them, by the rules of Russian typography: a
/// one- or two-letter word (в, с, на, и) stays with the word after it, «г.» and «гг.» with
/// the number before them, and a dash with the word before it.
fn units(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut glue_next = false;
    for word in text.split_whitespace() {
        let binds_back = matches!(word, "г." | "гг." | "—" | "–") && !out.is_empty();
        match out.last_mut() {
            Some(last) if glue_next || binds_back => {
                last.push(' ');
                last.push_str(word);
            }
            _ => out.push(word.to_string()),
        }
        glue_next = word.chars().count() <= 2 && word.chars().all(char::is_alphabetic);
    }
    out
}

/// `text` as it fits in `max` pixels: whole, or cut after a word (a letter if it must) and
/// ended with «…».
pub fn shorten(font: &FontRef<'_>, text: &str, size: f32, max: f32) -> String {
    if width(font, text, size) <= max {
        return text.to_string();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let head: String = chars.iter().collect();
        let head = head.trim_end_matches([' ', ',', ';', ':', '—', '–', '-']);
        let attempt = format!("{head}…");
        if width(font, &attempt, size) <= max {
            // Prefer the end of a word when one is near.
            if let Some(space) = head.rfind(' ')
                && head.len() - space < 12
            {
                let word_end = head[..space].trim_end_matches([',', ';', ':', '—', '–', '-', ' ']);
                return format!("{word_end}…");
            }
            return attempt;
        }
    }
    "…".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Face;

    #[test]
    fn lines_break_between_words_and_say_when_text_was_left_out() {
        let font = Face::SansRegular.font();
        let text = "Родился в деревне Сходня, ушёл на фронт добровольцем в июле 1941 года";
        let lines = wrap(&font, text, 30.0, 300.0, 10);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| width(&font, &l.text, 30.0) <= 300.0));
        assert_eq!(
            lines
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            text
        );
        assert!(lines.iter().all(|l| !l.cut));

        let two = wrap(&font, text, 30.0, 300.0, 2);
        assert_eq!(two.len(), 2);
        assert!(two[1].cut && two[1].text.ends_with('…'), "{two:?}");
        assert!(width(&font, &two[1].text, 30.0) <= 300.0);
    }

    #[test]
    fn short_words_stay_with_the_next_and_years_with_their_mark() {
        let font = Face::SansRegular.font();
        let text = "ушёл на фронт добровольцем в июле 1941 г. и погиб";
        for max in [150.0, 200.0, 260.0, 320.0, 400.0] {
            for line in wrap(&font, text, 30.0, max, 10) {
                let last = line.text.rsplit(' ').next().unwrap_or_default();
                assert!(!["в", "и", "на"].contains(&last), "{line:?} at {max}");
                assert!(!line.text.starts_with("г."), "{line:?} at {max}");
            }
        }
    }

    #[test]
    fn a_word_too_long_for_the_line_is_shortened() {
        let font = Face::SansBold.font();
        let s = shorten(&font, "Химкинский-машиностроительный-завод", 40.0, 200.0);
        assert!(s.ends_with('…') && width(&font, &s, 40.0) <= 200.0, "{s}");
        assert_eq!(shorten(&font, "Химки", 40.0, 200.0), "Химки");
    }
}
