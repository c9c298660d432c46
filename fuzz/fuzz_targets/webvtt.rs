//! WebVTT transcripts as the studio reads an upload (`transcript::read` in WebVTT: the checks of
//! every transcript file, then the reader). What was read, written back and read again, must be
//! the same cues: the studio exports what it imported.
#![no_main]
use letopis_core::transcript::{Format, parse_webvtt, read, write_webvtt};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(cues) = read(bytes, Some(Format::WebVtt), None) else {
        return;
    };
    let written = write_webvtt(&cues);
    let again = parse_webvtt(&written)
        .unwrap_or_else(|e| panic!("written WebVTT does not read back: {e:?}\n{written}"));
    assert_eq!(again, cues, "written WebVTT reads differently:\n{written}");
});
