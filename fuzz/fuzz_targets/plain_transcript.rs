//! Plain transcripts with `[hh:mm:ss]` marks, and the format detection an upload without a
//! declared format goes through (`transcript::read` with no format). The first four bytes are
//! the recording's length when known (the plain reader ends the last cue with it).
#![no_main]
use letopis_core::transcript::{Format, read};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Some((length, text)) = bytes.split_first_chunk::<4>() else {
        return;
    };
    let length = u32::from_le_bytes(*length);
    let total_ms = (length & 1 == 1).then_some(length >> 1);
    let _ = read(text, Some(Format::Plain), total_ms);
    let _ = read(text, None, total_ms);
});
