//! Upload type sniffing (`media::identify`, `media::sniff`): the type of a file by its leading
//! bytes, checked against the name it was uploaded under. The first byte says how long that
//! name is; the name is taken from the bytes after it.
#![no_main]
use letopis_media::{HEAD_LEN, identify, sniff};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Some((&name_len, rest)) = bytes.split_first() else {
        return;
    };
    let (name, head) = rest.split_at(usize::from(name_len).min(rest.len()));
    let name = String::from_utf8_lossy(name);
    let _ = identify(head, Some(&name));
    let unnamed = identify(head, None);
    // The two readings agree: a type told by signature is the type of a file with no name.
    if let Some(ty) = sniff(&head[..head.len().min(HEAD_LEN)]) {
        assert_eq!(unnamed.ok(), Some(ty), "sniff and identify disagree");
    }
});
