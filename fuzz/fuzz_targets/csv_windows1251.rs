//! The CSV import of persons from a Windows-1251 file: the input is text, saved as Excel's
//! «CSV (разделители — точка с запятой)» saves it (Windows-1251) and imported (a dry run). The
//! same text saved as UTF-8 must import to the same report: which encoding a working group's
//! spreadsheet was saved in must not change what is imported.
#![no_main]
use letopis_fuzz::{dry_run, import_base, today};
use letopis_import::{ImportError, Report, import_persons, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let (cp1251, _, unmappable) = encoding_rs::WINDOWS_1251.encode(text);
    let from_1251 = import_persons(import_base(), &cp1251, &dry_run(), today());
    // Characters Windows-1251 lacks are written as `&#NNNN;` by the encoder, and bytes that
    // happen to be valid UTF-8 (or a UTF-16 mark) are read as such by design: the two files
    // then hold different text, and nothing is compared.
    let read_as_1251 = text::decode(&cp1251).is_ok_and(|d| d.encoding == text::WINDOWS_1251);
    if unmappable || !read_as_1251 {
        return;
    }
    let from_utf8 = import_persons(import_base(), text.as_bytes(), &dry_run(), today());
    assert_eq!(
        comparable(from_1251),
        comparable(from_utf8),
        "the same text imports differently in Windows-1251 and in UTF-8"
    );
});

/// The outcome without the name of the encoding, which is the one thing that must differ.
fn comparable(result: Result<Report, ImportError>) -> String {
    let unnamed = |mut report: Report| {
        report.encoding = "";
        report
    };
    match result {
        Ok(report) => format!("{:?}", unnamed(report)),
        Err(ImportError::InvalidRows(report)) => format!("invalid {:?}", unnamed(*report)),
        Err(e) => format!("{e:?}"),
    }
}
