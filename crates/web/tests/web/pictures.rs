//! Pictures in lists, search results and on the home page (issue #16): the thumbnail of a
//! visible image, made once and kept, served under the image's own address and only while a
//! record that shows the image may be seen.

use crate::support::{TestApp, spawn_app};
use letopis_core::Body;
use letopis_core::entities::{MediaRef, Story};
use letopis_store::Draft;
use letopis_store::contract::fallen;

/// A real JPEG of `w`×`h` in the portal's blob store; its media reference.
fn stored_jpeg(app: &TestApp, w: u32, h: u32, alt: &str) -> MediaRef {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 200) as u8 + 30, (y % 180) as u8 + 40, 90])
    });
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 80)
        .encode_image(&img)
        .expect("jpeg");
    let blobs = letopis_media::BlobStore::at(&app.media_root, Default::default());
    let stored = blobs
        .put_bytes(&bytes, Some("portrait.jpg"))
        .expect("stored");
    MediaRef {
        sha256: stored.sha256,
        mime: "image/jpeg".into(),
        caption: None,
        alt: Some(alt.into()),
        width: Some(w),
        height: Some(h),
    }
}

#[tokio::test]
async fn a_list_shows_a_portraits_thumbnail_made_once_and_kept() {
    let app = spawn_app().await;
    let portrait = stored_jpeg(&app, 900, 1200, "Пётр Смирнов в форме, 1942 год");
    let mut hero = fallen("Смирнов", "Пётр");
    hero.portrait = Some(portrait.clone());
    let hero = app.create(Draft::published(Body::Person(hero)));
    app.public_interest(&hero);
    let other = app.create(Draft::published(Body::Person(fallen("Антонов", "Илья"))));
    app.public_interest(&other);

    let (status, page) = app.text("/persons").await;
    assert_eq!(status, 200);
    let sha = &portrait.sha256;
    // The thumbnail first, the web size for dense screens; the size known before it loads;
    // the record's own text alternative; fetched when scrolled near.
    let img = format!(
        "<img class=\"thumb\" src=\"/media/{sha}/thumb\" srcset=\"/media/{sha}/thumb 240w, /media/{sha} 900w\""
    );
    assert!(page.contains(&img), "{page}");
    assert!(page.contains(
        "alt=\"Пётр Смирнов в форме, 1942 год\" width=\"240\" height=\"320\" loading=\"lazy\""
    ));
    // The hero without a portrait keeps the column with an empty frame that says nothing.
    assert!(page.contains("<span class=\"thumb thumb-none\" aria-hidden=\"true\"></span>"));

    // The thumbnail: a JPEG at most 320 px on its longer edge, made on the first request…
    let r = app.get(&format!("/media/{sha}/thumb")).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    assert_eq!(r.headers()["cache-control"], "no-cache");
    let bytes = r.bytes().await.expect("thumb");
    let thumb = image::load_from_memory(&bytes).expect("a picture");
    assert_eq!((thumb.width(), thumb.height()), (240, 320));
    // …and kept with the file's info, so the next request reads it and decodes nothing.
    let info = app
        .uploads
        .file_info(sha)
        .expect("read")
        .expect("info kept");
    let thumb_sha = info.thumb.expect("thumb hash");
    let blobs = letopis_media::BlobStore::at(&app.media_root, Default::default());
    assert!(blobs.contains(&thumb_sha));
    let again = app.get(&format!("/media/{sha}/thumb")).await;
    assert_eq!(again.bytes().await.expect("again"), bytes);
    // The thumbnail's own hash is in no record: the public cannot fetch it by that name.
    assert_eq!(app.get(&format!("/media/{thumb_sha}")).await.status(), 404);
}

#[tokio::test]
async fn a_thumbnail_is_seen_exactly_while_its_image_is() {
    let app = spawn_app().await;
    let portrait = stored_jpeg(&app, 800, 1000, "Портрет");
    // A draft's portrait: neither the image nor its thumbnail is public.
    let mut hidden = fallen("Орлов", "Семён");
    hidden.portrait = Some(portrait.clone());
    app.create(Draft::new(Body::Person(hidden)));
    let sha = &portrait.sha256;
    assert_eq!(app.get(&format!("/media/{sha}")).await.status(), 404);
    assert_eq!(app.get(&format!("/media/{sha}/thumb")).await.status(), 404);
    // No file was made for a request that was refused.
    assert!(app.uploads.file_info(sha).expect("read").is_none());
    // Not a hash, or not a picture: nothing.
    assert_eq!(app.get("/media/zz/thumb").await.status(), 404);
    assert_eq!(app.get("/media/../thumb").await.status(), 404);
}

#[tokio::test]
async fn a_small_picture_is_its_own_thumbnail_and_images_off_shows_none() {
    let app = spawn_app().await;
    let small = stored_jpeg(&app, 300, 400, "Маленький портрет");
    let mut hero = fallen("Белов", "Иван");
    hero.portrait = Some(small.clone());
    let hero = app.create(Draft::published(Body::Person(hero)));
    app.public_interest(&hero);
    let (_, page) = app.text("/persons").await;
    let sha = &small.sha256;
    assert!(page.contains(&format!("<img class=\"thumb\" src=\"/media/{sha}\" alt=")));
    assert!(!page.contains("srcset"));
    // The thumbnail address still answers, with the picture itself.
    let r = app.get(&format!("/media/{sha}/thumb")).await;
    assert_eq!(r.status(), 200);
    let img = image::load_from_memory(&r.bytes().await.expect("bytes")).expect("picture");
    assert_eq!((img.width(), img.height()), (300, 400));
    // The low-vision version with images off: the card's text says who it is, no picture.
    let (_, page) = app
        .text_with("/persons", &[("cookie", "lv=images-off")])
        .await;
    assert!(!page.contains("class=\"thumb"), "{page}");
    assert!(page.contains("Белов Иван"));
}

#[tokio::test]
async fn the_home_page_leads_with_an_exhibition_and_its_cover() {
    let app = spawn_app().await;
    let cover = stored_jpeg(&app, 1600, 1000, "Эшелон уходит на восток");
    app.create(Draft::published(Body::Story(Story {
        title: "Завод в эвакуации".into(),
        lead: "Как заводы уезжали на восток.".into(),
        cover: Some(cover.clone()),
        ..Story::default()
    })));
    let (_, home) = app.text("/").await;
    let featured = &home[home.find("class=\"featured\"").expect("featured section")..];
    let featured = &featured[..featured.find("</section>").expect("end")];
    assert!(featured.contains("Завод в эвакуации"));
    assert!(featured.contains("Как заводы уезжали на восток."));
    assert!(featured.contains(&format!(
        "/media/{}/thumb 320w, /media/{} 1600w",
        cover.sha256, cover.sha256
    )));
    assert!(featured.contains("alt=\"Эшелон уходит на восток\""));
    // The story's list shows the cover too.
    let (_, stories) = app.text("/stories").await;
    assert!(stories.contains(&format!("src=\"/media/{}/thumb\"", cover.sha256)));
}

#[tokio::test]
async fn a_crowd_opening_new_pictures_gets_one_thumbnail_each() {
    let app = spawn_app().await;
    let mut shas = Vec::new();
    for (i, name) in ["Орлов", "Петров", "Сидоров"].into_iter().enumerate() {
        let portrait = stored_jpeg(&app, 700 + 10 * i as u32, 1000, "Портрет");
        let mut hero = fallen(name, "Иван");
        hero.portrait = Some(portrait.clone());
        let hero = app.create(Draft::published(Body::Person(hero)));
        app.public_interest(&hero);
        shas.push(portrait.sha256);
    }
    // Twelve visitors at once, four on each new picture.
    let requests: Vec<_> = shas
        .iter()
        .cycle()
        .take(12)
        .map(|sha| {
            let (client, url) = (app.client.clone(), app.url(&format!("/media/{sha}/thumb")));
            tokio::spawn(async move {
                let r = client.get(url).send().await.expect("thumb");
                assert_eq!(r.status(), 200);
                r.bytes().await.expect("bytes").to_vec()
            })
        })
        .collect();
    let mut answers = Vec::new();
    for r in requests {
        answers.push(r.await.expect("request"));
    }
    for (i, sha) in shas.iter().enumerate() {
        let same: Vec<&Vec<u8>> = answers.iter().skip(i).step_by(3).collect();
        assert!(same.iter().all(|b| *b == same[0]), "one thumbnail of {sha}");
        let thumb = image::load_from_memory(same[0]).expect("a picture");
        assert_eq!(thumb.height(), 320);
        let info = app.uploads.file_info(sha).expect("read").expect("kept");
        assert!(info.thumb.is_some());
    }
}
