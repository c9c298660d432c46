//! The story markup an editor writes in the studio (`studio::blocks::from_text`: paragraphs,
//! `## headings`, `> quotations — who (№12 0:12:30–0:12:50)`, `[иллюстрация 1 №45]`,
//! `[интервью №7 0:12:30–0:14:05]`, `[карта №3, №8]`, `[запись №12]`), with two uploaded
//! illustrations beside it. Blocks read from text, shown as text again and read back must be
//! the same blocks, or saving a story unchanged would change it.
#![no_main]
use letopis_core::entities::MediaRef;
use letopis_web::shell::i18n::{Lang, Tr};
use letopis_web::studio::blocks::{from_text, to_text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let t = Tr::new(Lang::Ru);
    let images = [image("aa"), image("bb")];
    let Ok(blocks) = from_text(&t, text, &images) else {
        return;
    };
    let (shown, listed) = to_text(&blocks);
    let again = from_text(&t, &shown, &listed)
        .unwrap_or_else(|e| panic!("blocks shown as {shown:?} do not read back: {e:?}"));
    assert_eq!(again, blocks, "blocks shown as {shown:?} read differently");
});

fn image(sha256: &str) -> MediaRef {
    MediaRef {
        sha256: sha256.into(),
        mime: "image/jpeg".into(),
        caption: None,
        alt: Some("фото".into()),
        width: None,
        height: None,
    }
}
