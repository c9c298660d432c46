//! Turning the bytes of a spreadsheet export into text: the encoding and the delimiter.

use std::borrow::Cow;

/// The encodings a Russian spreadsheet export comes in.
pub const UTF8: &str = "UTF-8";
pub const WINDOWS_1251: &str = "Windows-1251";

/// Why the bytes are not a CSV file we can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotText {
    /// UTF-16 ("Unicode text" in Excel's «Сохранить как»).
    Utf16,
    /// An `.xlsx` (zip) or an old `.xls` (OLE) workbook instead of its CSV export.
    Workbook,
}

/// Decoded text and the name of the encoding it was in.
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static str,
    /// Windows-1251 bytes that map to nothing (0x98) were replaced; worth a warning.
    pub had_errors: bool,
}

/// Valid UTF-8 is UTF-8 (a BOM is dropped); anything else is taken as Windows-1251, the only
/// other encoding Russian Excel writes CSV in. UTF-16 and workbooks are refused, because
/// decoding them as Windows-1251 would produce convincing garbage instead of an error.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, NotText> {
    refuse_non_text(bytes)?;
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(body) {
        return Ok(Decoded {
            text: Cow::Borrowed(text),
            encoding: UTF8,
            had_errors: false,
        });
    }
    let (text, had_errors) = encoding_rs::WINDOWS_1251.decode_without_bom_handling(body);
    Ok(Decoded {
        text,
        encoding: WINDOWS_1251,
        had_errors,
    })
}

/// Refuses UTF-16 and workbooks by the first bytes of a file (at least its first 4 KiB).
pub fn refuse_non_text(head: &[u8]) -> Result<(), NotText> {
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Err(NotText::Utf16);
    }
    if head.starts_with(b"PK\x03\x04") || head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(NotText::Workbook);
    }
    // UTF-16 without a BOM: every ASCII character (delimiters, digits, line ends) carries a zero
    // byte, which neither UTF-8 text nor Windows-1251 text ever contains.
    if head.iter().take(4096).any(|&b| b == 0) {
        return Err(NotText::Utf16);
    }
    Ok(())
}

/// Picks the delimiter that occurs most often in the header line outside quotes. Ties and a
/// header without any delimiter (a one-column file) go to `;`, what Russian Excel writes.
pub fn sniff_delimiter(text: &str) -> char {
    let mut counts = [0usize; 3]; // ; , \t
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            // Blank leading lines are skipped: the header is the first line with a delimiter.
            '\n' | '\r' if !quoted && counts.iter().any(|&n| n > 0) => break,
            ';' if !quoted => counts[0] += 1,
            ',' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let [semi, comma, tab] = counts;
    if comma > semi && comma >= tab {
        ','
    } else if tab > semi && tab > comma {
        '\t'
    } else {
        ';'
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("\u{FEFF}Фамилия;Имя".as_bytes()).unwrap();
        assert_eq!(d.encoding, UTF8);
        assert_eq!(d.text, "Фамилия;Имя");
        let d = decode("Фамилия".as_bytes()).unwrap();
        assert_eq!(d.text, "Фамилия");
    }

    #[test]
    fn windows_1251() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("Фамилия;Имя\nЁлкин;Пётр");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, WINDOWS_1251);
        assert_eq!(d.text, "Фамилия;Имя\nЁлкин;Пётр");
    }

    #[test]
    fn utf16_and_workbooks_are_refused() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("Ф;И".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le).err(), Some(NotText::Utf16));
        let no_bom: Vec<u8> = "id;Ф".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&no_bom).err(), Some(NotText::Utf16));
        assert_eq!(decode(b"PK\x03\x04rest").err(), Some(NotText::Workbook));
    }

    #[test]
    fn delimiter_is_sniffed_outside_quotes() {
        assert_eq!(sniff_delimiter("a;b;c\n1,2;3"), ';');
        assert_eq!(sniff_delimiter("a,b,c\n"), ',');
        assert_eq!(sniff_delimiter("\"a;b;c\",d,e\n"), ',');
        assert_eq!(sniff_delimiter("a\tb\tc"), '\t');
        assert_eq!(sniff_delimiter("Фамилия\nИванов"), ';');
        assert_eq!(sniff_delimiter("\n\nid,surname\n"), ',');
    }
}
