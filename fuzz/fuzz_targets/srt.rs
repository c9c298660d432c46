//! SRT transcripts as the studio reads an upload (`transcript::read` in SRT), and the round trip
//! read → write → read.
#![no_main]
use letopis_core::transcript::{Format, parse_srt, read, write_srt};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(cues) = read(bytes, Some(Format::Srt), None) else {
        return;
    };
    let written = write_srt(&cues);
    let again = parse_srt(&written)
        .unwrap_or_else(|e| panic!("written SRT does not read back: {e:?}\n{written}"));
    assert_eq!(again, cues, "written SRT reads differently:\n{written}");
});
