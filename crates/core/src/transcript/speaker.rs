//! `Имя: текст` — how SRT and plain-text transcripts name who speaks, since neither format has a
//! place of its own for it.
//!
//! A cue's first line starts with a speaker label when, before its first colon, there are one to
//! four words, each beginning with a capital letter and made of letters, dots, hyphens and
//! apostrophes (`Анна Петровна`, `ИНТЕРВЬЮЕР`, `А. П. Кузнецова`, `Мария-Луиза`), and the colon
//! is followed by a space or the end of the line. The capital letters are what keep ordinary
//! speech out: «Он сказал: пойдём» and «В 12:30 мы вышли» are text, not speakers.

/// The longest label taken for a speaker's name, in characters.
const MAX_LABEL_CHARS: usize = 60;
const MAX_LABEL_WORDS: usize = 4;

/// Splits a leading speaker label off a cue's text.
pub(crate) fn split_speaker(text: &str) -> (Option<String>, &str) {
    let first_line = text.lines().next().unwrap_or_default();
    let Some(colon) = first_line.find(':') else {
        return (None, text);
    };
    let (label, after) = (&first_line[..colon], &first_line[colon + 1..]);
    if !(after.is_empty() || after.starts_with([' ', '\t'])) || !is_speaker_label(label) {
        return (None, text);
    }
    (
        Some(label.trim().to_owned()),
        text[colon + 1..].trim_start(),
    )
}

/// Whether a name, written as `name: ` before the text, would be read back as the speaker.
pub(crate) fn is_speaker_label(label: &str) -> bool {
    let label = label.trim();
    let words: Vec<&str> = label.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= MAX_LABEL_WORDS
        && label.chars().count() <= MAX_LABEL_CHARS
        && words.iter().all(|w| is_name_word(w))
}

fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
}

/// The cue's text with its speaker in front, as SRT and plain text write it.
pub(crate) fn with_speaker(speaker: Option<&str>, text: &str) -> String {
    match speaker.map(str::trim).filter(|s| !s.is_empty()) {
        Some(name) => format!("{name}: {text}"),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_capitalised_names_before_a_colon() {
        assert_eq!(
            split_speaker("Анна Петровна: Мы жили у реки.\nДолго."),
            (Some("Анна Петровна".into()), "Мы жили у реки.\nДолго.")
        );
        assert_eq!(
            split_speaker("ИНТЕРВЬЮЕР: Расскажите."),
            (Some("ИНТЕРВЬЮЕР".into()), "Расскажите.")
        );
        assert_eq!(
            split_speaker("А. П. Кузнецова:\tДа."),
            (Some("А. П. Кузнецова".into()), "Да.")
        );
        assert_eq!(split_speaker("Вера:"), (Some("Вера".into()), ""));
    }

    #[test]
    fn leaves_ordinary_speech_alone() {
        for text in [
            "Он сказал: пойдём.",
            "В 12:30 мы вышли.",
            "Итак:пошли",
            "Мы все вместе, и мама, и бабушка, и сёстры: пошли.",
            "[неразборчиво 00:12:31] и ушли",
            "Просто текст",
        ] {
            assert_eq!(split_speaker(text), (None, text), "{text}");
        }
    }

    #[test]
    fn writes_the_speaker_in_front() {
        assert_eq!(with_speaker(Some(" Вера "), "Да."), "Вера: Да.");
        assert_eq!(with_speaker(Some(""), "Да."), "Да.");
        assert_eq!(with_speaker(None, "Да."), "Да.");
    }
}
