//! OHMS XML oral-history indexes (`ohms::read_ohms`): the XML tree, the record's fields, index
//! points with coordinates and links, and the transcript inside (plain with `<sync>`, or WebVTT).
#![no_main]
use letopis_core::ohms::read_ohms;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = read_ohms(bytes);
});
