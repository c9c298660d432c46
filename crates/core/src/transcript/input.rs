//! The checks every uploaded transcript passes before any format looks at it: a size limit,
//! UTF-8, no binary garbage, not empty. Whatever the format, a volunteer who picked the wrong file
//! (a photo, a Word document, a recording) hears the same clear answer.

use super::TranscriptError;

/// The largest transcript file accepted: 16 MiB. A five-hour interview transcribed word for word
/// is under 1 MiB of Russian text, so anything near the limit is not a transcript.
pub const MAX_TRANSCRIPT_BYTES: usize = 16 * 1024 * 1024;

/// Turns uploaded bytes into text, refusing what is too large, not UTF-8, binary or empty.
/// A leading byte order mark is dropped.
pub fn decode(bytes: &[u8]) -> Result<&str, TranscriptError> {
    check_size(bytes.len())?;
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(TranscriptError::whole_file(
            "файл сохранён в кодировке UTF-16; сохраните его в UTF-8 и загрузите снова",
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = line_at(&bytes[..e.valid_up_to()]);
        TranscriptError::at(
            line,
            "текст не в кодировке UTF-8 (возможно, Windows-1251): \
             сохраните файл в UTF-8 и загрузите снова",
        )
    })?;
    check_text(text)
}

/// The same checks for text already decoded; every parser starts here. Returns the text without
/// a byte order mark.
pub(crate) fn check_text(text: &str) -> Result<&str, TranscriptError> {
    check_size(text.len())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(at) = text.find(is_binary) {
        return Err(TranscriptError::at(
            line_at(&text.as_bytes()[..at]),
            "в файле есть двоичные данные, это не текст: \
             загрузите расшифровку в виде текстового файла (.vtt, .srt или .txt)",
        ));
    }
    if text.trim().is_empty() {
        return Err(TranscriptError::at(
            1,
            "файл пуст: в нём нет ни одной реплики",
        ));
    }
    Ok(text)
}

/// Splits text into lines, accepting `\n`, `\r\n` and a lone `\r` (old Mac editors) alike, so that
/// line numbers in messages match what an editor shows.
pub(crate) fn lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(['\r', '\n']) {
        out.push(&rest[..at]);
        let skip = if rest[at..].starts_with("\r\n") { 2 } else { 1 };
        rest = &rest[at + skip..];
    }
    out.push(rest);
    out
}

fn check_size(len: usize) -> Result<(), TranscriptError> {
    if len > MAX_TRANSCRIPT_BYTES {
        return Err(TranscriptError::whole_file(format!(
            "файл слишком большой ({} МБ при пределе {} МБ): расшифровка столько не весит — \
             проверьте, тот ли файл выбран",
            len.div_ceil(1024 * 1024),
            MAX_TRANSCRIPT_BYTES / (1024 * 1024)
        )));
    }
    Ok(())
}

/// Control characters other than tab and line ends never occur in a typed transcript; a NUL
/// in particular means a binary file or UTF-16 text without its mark.
fn is_binary(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')
}

/// The 1-based line on which the byte after `before` stands.
pub(crate) fn line_at(before: &[u8]) -> usize {
    before
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        // A lone CR also ends a line when it is not the first half of CRLF.
        .saturating_add(
            before
                .windows(2)
                .filter(|w| w[0] == b'\r' && w[1] != b'\n')
                .count(),
        )
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_utf8_text_and_drops_the_byte_order_mark() {
        assert_eq!(decode("\u{feff}WEBVTT".as_bytes()), Ok("WEBVTT"));
        assert_eq!(check_text("Текст"), Ok("Текст"));
    }

    #[test]
    fn refuses_empty_files_on_line_1() {
        for text in ["", "  \n\r\n\t"] {
            let e = check_text(text).unwrap_err();
            assert_eq!(e.line, 1);
            assert!(e.reason.contains("файл пуст"), "{e}");
        }
    }

    #[test]
    fn refuses_binary_garbage_naming_its_line() {
        let e = decode(b"[00:00:01] \xd0\x94\xd0\xb0\n\x00\x01PNG").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.reason.contains("двоичные данные"), "{e}");

        // Windows-1251 "Да" is not UTF-8.
        let e = decode(b"one\ntwo\n\xc4\xe0").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.reason.contains("UTF-8"), "{e}");

        let e = decode(&[0xFF, 0xFE, b'W', 0]).unwrap_err();
        assert!(e.reason.contains("UTF-16"), "{e}");
    }

    #[test]
    fn refuses_a_file_over_the_size_limit_as_a_whole() {
        let big = vec![b'a'; MAX_TRANSCRIPT_BYTES + 1];
        let e = decode(&big).unwrap_err();
        assert_eq!(e.line, 0);
        assert!(
            e.reason
                .contains("слишком большой (17 МБ при пределе 16 МБ)"),
            "{e}"
        );
        assert!(decode(&big[..MAX_TRANSCRIPT_BYTES]).is_ok());
    }

    #[test]
    fn splits_lines_like_an_editor() {
        assert_eq!(lines("a\r\nb\rc\n\nd"), ["a", "b", "c", "", "d"]);
        assert_eq!(line_at(b"a\r\nb\rc\n"), 4);
    }
}
