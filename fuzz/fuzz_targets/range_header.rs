//! The `Range` header of a media request (`media::range::part_to_send`, the object-store path;
//! tower-http reads it for a local directory). The first eight bytes are the file's size. The
//! part sent must lie inside the file and never exceed `MAX_PART`, and a response that is not
//! partial must carry the whole file.
#![no_main]
use letopis_media::range::{MAX_PART, part_to_send};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Some((size, header)) = bytes.split_first_chunk::<8>() else {
        return;
    };
    let Ok(header) = std::str::from_utf8(header) else {
        return;
    };
    // Sizes over 2^62 bytes are no file; keeping below leaves the arithmetic's edge in reach.
    let size = u64::from_le_bytes(*size) >> 2;
    for asked in [Some(header), None] {
        let Ok(part) = part_to_send(asked, size) else {
            continue;
        };
        let sent = part.bytes;
        assert!(
            sent.start <= sent.end && sent.end <= size,
            "{sent:?} of {size} for {asked:?}"
        );
        assert!(
            sent.end - sent.start <= MAX_PART,
            "{sent:?} is over MAX_PART"
        );
        if !part.partial {
            assert_eq!(
                sent,
                0..size,
                "a full response for {asked:?} is not the whole file"
            );
        }
    }
});
