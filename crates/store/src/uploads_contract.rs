//! The contract every engine's [`Uploads`] meets. Each check takes a fresh, empty store; an
//! engine's test file runs them all with
//! [`uploads_contract_tests!`](crate::uploads_contract_tests).

use crate::StoreError;
use crate::uploads::{Appended, FileInfo, MAX_PIECE, NewUpload, Uploads};
use jiff::{SignedDuration, Timestamp};
use letopis_core::UserId;

/// Expands to one `#[test]` per check, each on a store made by `$make`.
#[macro_export]
macro_rules! uploads_contract_tests {
    ($make:expr) => {
        $crate::uploads_contract_tests!(@each $make;
            an_upload_starts_empty_and_its_id_is_unique,
            chunks_are_taken_only_at_the_end,
            chunks_never_pass_the_declared_size,
            the_assembled_file_is_the_bytes_in_order,
            long_chunks_are_kept_whole,
            removed_and_stale_uploads_are_gone,
            file_info_is_found_by_either_hash,
            file_info_refuses_what_is_not_a_hash,
            removing_file_info_forgets_both_hashes);
    };
    (@each $make:expr; $($name:ident),*) => {
        $(
            #[test]
            fn $name() {
                let store = $make;
                $crate::uploads_contract::$name(&*store);
            }
        )*
    };
}

fn t(minutes: i64) -> Timestamp {
    Timestamp::from_second(1_790_000_000).expect("a time") + SignedDuration::from_mins(minutes)
}

fn new(id: &str, size: u64) -> NewUpload {
    NewUpload {
        id: id.into(),
        user: letopis_core::UserId(7),
        name: "портрет.jpg".into(),
        size,
    }
}

fn bytes(n: usize, seed: u8) -> Vec<u8> {
    (0..n)
        .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
        .collect()
}

fn assembled(store: &dyn Uploads, id: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let n = store.assemble_upload(id, &mut out).expect("assembled");
    assert_eq!(n, out.len() as u64, "the count is what was written");
    out
}

fn info(sha: char, original: char) -> FileInfo {
    FileInfo {
        sha256: sha.to_string().repeat(64),
        mime: "image/jpeg".into(),
        original: original.to_string().repeat(64),
        name: "портрет.jpg".into(),
        thumb: Some("c".repeat(64)),
        width: Some(1600),
        height: Some(1200),
        duration_ms: None,
        codec: None,
        sample_rate: None,
        channels: None,
        format: "изображение JPEG".into(),
    }
}

pub fn an_upload_starts_empty_and_its_id_is_unique(store: &dyn Uploads) {
    assert!(store.upload("u1").unwrap().is_none());
    store.start_upload(&new("u1", 1000), t(0)).unwrap();
    let p = store.upload("u1").unwrap().expect("started");
    assert_eq!(
        (p.id.as_str(), p.user, p.name.as_str(), p.size, p.received),
        ("u1", UserId(7), "портрет.jpg", 1000, 0)
    );
    assert_eq!((p.started_at, p.touched_at), (t(0), t(0)));
    assert!(!p.complete());
    assert!(matches!(
        store.start_upload(&new("u1", 5), t(1)),
        Err(StoreError::Duplicate { .. })
    ));
    assert_eq!(store.upload("u1").unwrap().unwrap().size, 1000, "unchanged");
    assert!(assembled(store, "u1").is_empty());
}

pub fn chunks_are_taken_only_at_the_end(store: &dyn Uploads) {
    let data = bytes(300, 1);
    store.start_upload(&new("u1", 300), t(0)).unwrap();
    assert_eq!(
        store.append_chunk("u1", 0, &data[..100], t(1)).unwrap(),
        Appended::Taken(100)
    );
    // The same chunk again (its answer was lost): refused, the end is told.
    assert_eq!(
        store.append_chunk("u1", 0, &data[..100], t(2)).unwrap(),
        Appended::WrongOffset(100)
    );
    // A chunk from the future: refused too.
    assert_eq!(
        store.append_chunk("u1", 200, &data[200..], t(2)).unwrap(),
        Appended::WrongOffset(100)
    );
    let p = store.upload("u1").unwrap().unwrap();
    assert_eq!(p.received, 100);
    assert_eq!(
        p.touched_at,
        t(1),
        "a refused chunk does not count as activity"
    );
    assert_eq!(
        store.append_chunk("u1", 100, &data[100..], t(3)).unwrap(),
        Appended::Taken(300)
    );
    let p = store.upload("u1").unwrap().unwrap();
    assert!(p.complete());
    assert_eq!(p.touched_at, t(3));
    assert_eq!(assembled(store, "u1"), data);
    assert!(matches!(
        store.append_chunk("nobody", 0, b"x", t(3)),
        Err(StoreError::NotFound { .. })
    ));
}

pub fn chunks_never_pass_the_declared_size(store: &dyn Uploads) {
    store.start_upload(&new("u1", 10), t(0)).unwrap();
    assert_eq!(
        store.append_chunk("u1", 0, &bytes(11, 0), t(1)).unwrap(),
        Appended::TooLong
    );
    assert_eq!(store.upload("u1").unwrap().unwrap().received, 0);
    assert_eq!(
        store.append_chunk("u1", 0, &bytes(10, 0), t(1)).unwrap(),
        Appended::Taken(10)
    );
    // An empty chunk at the end is harmless (a client finishing a complete upload).
    assert_eq!(
        store.append_chunk("u1", 10, &[], t(2)).unwrap(),
        Appended::Taken(10)
    );
    assert_eq!(
        store.append_chunk("u1", 10, b"x", t(2)).unwrap(),
        Appended::TooLong
    );
}

pub fn the_assembled_file_is_the_bytes_in_order(store: &dyn Uploads) {
    // Two uploads side by side, chunks interleaved: neither sees the other's bytes.
    let (a, b) = (bytes(5000, 3), bytes(4000, 9));
    store.start_upload(&new("a", 5000), t(0)).unwrap();
    store.start_upload(&new("b", 4000), t(0)).unwrap();
    let mut at = (0usize, 0usize);
    while at.0 < a.len() || at.1 < b.len() {
        if at.0 < a.len() {
            let end = (at.0 + 700).min(a.len());
            let r = store.append_chunk("a", at.0 as u64, &a[at.0..end], t(1));
            assert_eq!(r.unwrap(), Appended::Taken(end as u64));
            at.0 = end;
        }
        if at.1 < b.len() {
            let end = (at.1 + 1300).min(b.len());
            let r = store.append_chunk("b", at.1 as u64, &b[at.1..end], t(1));
            assert_eq!(r.unwrap(), Appended::Taken(end as u64));
            at.1 = end;
        }
    }
    assert_eq!(assembled(store, "a"), a);
    assert_eq!(assembled(store, "b"), b);
    assert!(matches!(
        store.assemble_upload("nobody", &mut Vec::new()),
        Err(StoreError::NotFound { .. })
    ));
}

pub fn long_chunks_are_kept_whole(store: &dyn Uploads) {
    // A chunk longer than one stored piece (an engine splits it) comes back byte for byte.
    let data = bytes(MAX_PIECE + MAX_PIECE / 2 + 17, 5);
    store
        .start_upload(&new("big", data.len() as u64 + 3), t(0))
        .unwrap();
    assert_eq!(
        store.append_chunk("big", 0, &data, t(1)).unwrap(),
        Appended::Taken(data.len() as u64)
    );
    assert_eq!(
        store
            .append_chunk("big", data.len() as u64, b"end", t(2))
            .unwrap(),
        Appended::Taken(data.len() as u64 + 3)
    );
    let out = assembled(store, "big");
    assert_eq!(out.len(), data.len() + 3);
    assert!(out[..data.len()] == data[..], "the long chunk is intact");
    assert_eq!(&out[data.len()..], b"end");
}

pub fn removed_and_stale_uploads_are_gone(store: &dyn Uploads) {
    for id in ["old", "busy", "done"] {
        store.start_upload(&new(id, 100), t(0)).unwrap();
        store.append_chunk(id, 0, &bytes(10, 0), t(0)).unwrap();
    }
    // Activity keeps an upload: the busy one was touched after the cut-off.
    store
        .append_chunk("busy", 10, &bytes(10, 0), t(24 * 60 + 5))
        .unwrap();
    assert!(store.remove_upload("done").unwrap());
    assert!(!store.remove_upload("done").unwrap(), "only once");
    assert!(store.upload("done").unwrap().is_none());
    assert!(matches!(
        store.append_chunk("done", 10, b"x", t(1)),
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(store.purge_uploads(t(24 * 60)).unwrap(), 1);
    assert!(store.upload("old").unwrap().is_none());
    assert!(matches!(
        store.assemble_upload("old", &mut Vec::new()),
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(store.upload("busy").unwrap().unwrap().received, 20);
    assert_eq!(assembled(store, "busy").len(), 20);
    assert_eq!(store.purge_uploads(t(24 * 60)).unwrap(), 0);
    // An id used before may start again once the first is gone, from nothing.
    store.start_upload(&new("old", 5), t(2)).unwrap();
    assert!(assembled(store, "old").is_empty());
}

pub fn file_info_is_found_by_either_hash(store: &dyn Uploads) {
    let image = info('a', 'b');
    store.put_file_info(&image).unwrap();
    assert_eq!(
        store.file_info(&"a".repeat(64)).unwrap(),
        Some(image.clone())
    );
    assert_eq!(
        store.file_info(&"b".repeat(64)).unwrap(),
        Some(image.clone())
    );
    // Hashes are hex: the case does not matter.
    assert_eq!(
        store.file_info(&"A".repeat(64)).unwrap(),
        Some(image.clone())
    );
    assert!(store.file_info(&"c".repeat(64)).unwrap().is_none());
    // A file without a derivative is kept once; putting it again replaces it.
    let mut doc = info('d', 'd');
    doc.mime = "application/pdf".into();
    doc.thumb = None;
    store.put_file_info(&doc).unwrap();
    doc.name = "письмо.pdf".into();
    store.put_file_info(&doc).unwrap();
    assert_eq!(store.file_info(&"d".repeat(64)).unwrap(), Some(doc));
    // Every field survives, including audio's.
    let mut audio = info('e', 'e');
    audio.thumb = None;
    audio.width = None;
    audio.height = None;
    audio.duration_ms = Some(61_500);
    audio.codec = Some("MP3".into());
    audio.sample_rate = Some(44_100);
    audio.channels = Some(2);
    audio.format = "аудиозапись MP3, 1 мин, 44,1 кГц, стерео".into();
    store.put_file_info(&audio).unwrap();
    assert_eq!(store.file_info(&"e".repeat(64)).unwrap(), Some(audio));
}

pub fn file_info_refuses_what_is_not_a_hash(store: &dyn Uploads) {
    let mut bad = info('a', 'b');
    bad.sha256 = "../../etc/passwd".into();
    assert!(matches!(
        store.put_file_info(&bad),
        Err(StoreError::Invalid(_))
    ));
    let mut bad = info('a', 'b');
    bad.original = "zz".into();
    assert!(matches!(
        store.put_file_info(&bad),
        Err(StoreError::Invalid(_))
    ));
    assert!(store.file_info(&"a".repeat(64)).unwrap().is_none());
    assert!(store.file_info("").unwrap().is_none());
    assert!(store.file_info("../derivatives/x").unwrap().is_none());
    store.remove_file_info("not a hash").unwrap();
}

pub fn removing_file_info_forgets_both_hashes(store: &dyn Uploads) {
    store.put_file_info(&info('a', 'b')).unwrap();
    store.put_file_info(&info('d', 'd')).unwrap();
    store.remove_file_info(&"b".repeat(64)).unwrap();
    assert!(store.file_info(&"a".repeat(64)).unwrap().is_none());
    assert!(store.file_info(&"b".repeat(64)).unwrap().is_none());
    assert!(
        store.file_info(&"d".repeat(64)).unwrap().is_some(),
        "other files stay"
    );
    // Twice is harmless.
    store.remove_file_info(&"b".repeat(64)).unwrap();
    // The original's twin stays when it has since come to describe another derivative of it.
    store.put_file_info(&info('a', 'b')).unwrap();
    store.put_file_info(&info('f', 'b')).unwrap();
    store.remove_file_info(&"a".repeat(64)).unwrap();
    assert!(store.file_info(&"a".repeat(64)).unwrap().is_none());
    assert_eq!(
        store.file_info(&"b".repeat(64)).unwrap().map(|i| i.sha256),
        Some("f".repeat(64))
    );
    assert!(store.file_info(&"f".repeat(64)).unwrap().is_some());
}
