//! Reading a CSV file as a stream: which encoding it is in, and on which line each row starts,
//! without holding a 100,000-row file in memory (issue #15: an import's peak memory stays flat
//! whatever the file's size).

use crate::text::{self, NotText};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::Path;
use std::rc::Rc;

/// Bytes read ahead of the rows to sniff the delimiter from the header line.
const HEAD: usize = 64 * 1024;
const CHUNK: usize = 256 * 1024;

/// The offsets of line-end bytes (`\r`, `\n`) the CSV reader has read past and [`LineCounter`]
/// has not yet counted: only what lies in the reader's buffer ahead of the current row.
#[derive(Default, Clone)]
pub(crate) struct Breaks(Rc<RefCell<VecDeque<(u64, u8)>>>);

impl Breaks {
    /// `source`, noting every line end that passes.
    pub(crate) fn track<R: Read>(&self, source: R) -> Tracked<R> {
        Tracked {
            inner: source,
            offset: 0,
            breaks: self.clone(),
        }
    }
}

pub(crate) struct Tracked<R> {
    inner: R,
    offset: u64,
    breaks: Breaks,
}

impl<R: Read> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut breaks = self.breaks.0.borrow_mut();
        for (i, &b) in buf[..n].iter().enumerate() {
            if b == b'\n' || b == b'\r' {
                breaks.push_back((self.offset + i as u64, b));
            }
        }
        self.offset += n as u64;
        Ok(n)
    }
}

/// Physical line numbers of records. csv's own `Position::line` lags by one after every CRLF
/// (the record is cut at `\r` and the `\n` is counted with the next one), and Excel writes CRLF;
/// so lines are counted here from the record's byte offset and the line ends before it,
/// moving forward only.
pub(crate) struct LineCounter {
    breaks: Breaks,
    line: u64,
}

impl LineCounter {
    pub(crate) fn new(breaks: Breaks) -> Self {
        LineCounter { breaks, line: 1 }
    }

    pub(crate) fn line_of(&mut self, record: &csv::StringRecord) -> u64 {
        let Some(pos) = record.position() else {
            return 0;
        };
        // The offset may point at the line end before the record, or at blank lines csv skipped:
        // a run of line ends starting at the offset is before the record too.
        let mut start = pos.byte();
        let mut breaks = self.breaks.0.borrow_mut();
        while let Some(&(at, byte)) = breaks.front() {
            if at > start {
                break;
            }
            if at == start {
                start += 1;
            }
            if byte == b'\n' {
                self.line += 1;
            }
            breaks.pop_front();
        }
        self.line
    }
}

/// A file ready to be read row by row.
pub(crate) enum Opened {
    /// Valid UTF-8: streamed from the disk, the BOM skipped.
    Utf8 {
        rows: BufReader<File>,
        delimiter: char,
    },
    /// Anything else is Windows-1251 and is decoded whole (Excel's legacy encoding; such files
    /// are a spreadsheet's size, not a national database's).
    Bytes(Vec<u8>),
    /// Nothing but white space.
    Empty,
}

/// Why a file cannot be opened for import.
#[derive(Debug)]
pub(crate) enum Refused {
    NotText(NotText),
    Io(io::Error),
}

impl From<io::Error> for Refused {
    fn from(e: io::Error) -> Self {
        Refused::Io(e)
    }
}

/// Opens the file, refuses UTF-16 and workbooks from its first bytes, and reads it through once
/// to learn whether it is UTF-8 (which a prefix cannot tell: one Windows-1251 letter near the
/// end decides).
pub(crate) fn open(path: &Path) -> Result<Opened, Refused> {
    let mut file = File::open(path)?;
    let mut head = Vec::with_capacity(HEAD);
    (&mut file).take(HEAD as u64).read_to_end(&mut head)?;
    text::refuse_non_text(&head).map_err(Refused::NotText)?;
    let bom = if head.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    file.seek(SeekFrom::Start(bom))?;
    let (utf8, blank) = scan(&mut file)?;
    if blank {
        return Ok(Opened::Empty);
    }
    if !utf8 {
        file.seek(SeekFrom::Start(0))?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)?;
        return Ok(Opened::Bytes(bytes));
    }
    file.seek(SeekFrom::Start(bom))?;
    let delimiter = text::sniff_delimiter(&String::from_utf8_lossy(&head[bom as usize..]));
    Ok(Opened::Utf8 {
        rows: BufReader::with_capacity(CHUNK, file),
        delimiter,
    })
}

/// Whether the rest of the file is valid UTF-8, and whether it is only white space.
fn scan(file: &mut File) -> io::Result<(bool, bool)> {
    let mut buf = vec![0u8; CHUNK];
    // A character cut by the chunk's end is carried into the next chunk.
    let mut carried = 0;
    let mut blank = true;
    loop {
        let n = file.read(&mut buf[carried..])?;
        let end = carried + n;
        if n == 0 {
            return Ok((carried == 0, blank));
        }
        blank = blank && buf[carried..end].iter().all(u8::is_ascii_whitespace);
        match std::str::from_utf8(&buf[..end]) {
            Ok(_) => carried = 0,
            Err(e) if e.error_len().is_none() => {
                let valid = e.valid_up_to();
                buf.copy_within(valid..end, 0);
                carried = end - valid;
            }
            Err(_) => {
                // Not UTF-8; only the blankness of the rest is still of interest, and a file
                // with a non-UTF-8 byte is not blank.
                return Ok((false, false));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_numbers_with_crlf_and_blank_lines() {
        for text in [
            "h1;h2\r\na;b\r\nc;\"x\r\ny\"\r\n\r\nd;e\r\n",
            "h1;h2\na;b\nc;\"x\ny\"\n\nd;e\n",
        ] {
            let breaks = Breaks::default();
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .delimiter(b';')
                // A tiny buffer: the counter must not depend on how far the reader read ahead.
                .buffer_capacity(3)
                .from_reader(breaks.track(text.as_bytes()));
            let mut lines = LineCounter::new(breaks);
            let mut record = csv::StringRecord::new();
            let mut found = Vec::new();
            while reader.read_record(&mut record).expect("valid csv") {
                found.push(lines.line_of(&record));
            }
            assert_eq!(found, [1, 2, 3, 6], "{text:?}");
        }
    }

    #[test]
    fn files_are_told_apart_by_their_bytes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let write = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).expect("write");
            path
        };
        // A two-byte letter cut by the scan's chunk boundary is still UTF-8.
        let mut long = "\u{FEFF}a,b\n".as_bytes().to_vec();
        long.resize(CHUNK - 1, b'x');
        long.extend("ё\n".as_bytes());
        match open(&write("utf8.csv", &long)).expect("opens") {
            Opened::Utf8 { delimiter, .. } => assert_eq!(delimiter, ','),
            _ => panic!("UTF-8 expected"),
        }
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("Фамилия;Имя\nЁлкин;Пётр");
        assert!(matches!(
            open(&write("cp.csv", &cp1251)).expect("opens"),
            Opened::Bytes(_)
        ));
        assert!(matches!(
            open(&write("blank.csv", b"\xEF\xBB\xBF \n\n")).expect("opens"),
            Opened::Empty
        ));
        assert!(matches!(
            open(&write("book.xlsx", b"PK\x03\x04rest")),
            Err(Refused::NotText(NotText::Workbook))
        ));
    }
}
