//! The portal's frame: languages, the low-vision version, static assets, caching, compression,
//! and no third-party requests.

use crate::support::spawn_app;
use letopis_core::Body;
use letopis_core::entities::{Fate, Item, ItemType, MediaRef, Place};
use letopis_store::Draft;
use letopis_store::contract::fallen;
use std::io::Read;

const EN: (&str, &str) = ("cookie", "lang=en");

fn place(name: &str) -> Draft {
    Draft::published(Body::Place(Place {
        name: name.into(),
        ..Place::default()
    }))
}

fn photo_with_alt() -> Draft {
    Draft::published(Body::Item(Item {
        item_type: ItemType::Photo,
        title: "Проводы на фронт".into(),
        media: vec![MediaRef {
            sha256: "c".repeat(64),
            mime: "image/png".into(),
            caption: None,
            alt: Some("Женщины провожают эшелон".into()),
            width: None,
            height: None,
        }],
        ..Item::default()
    }))
}

/// `href`/`src` values of one attribute in a page.
fn attribute_values<'a>(page: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!("{attribute}=\"");
    page.match_indices(&needle)
        .filter_map(|(i, _)| {
            let rest = &page[i + needle.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

fn asset_href<'a>(page: &'a str, file: &str) -> &'a str {
    attribute_values(page, "href")
        .into_iter()
        .find(|h| h.starts_with("/static/") && h.ends_with(file))
        .unwrap_or_else(|| panic!("no link to {file} in the page"))
}

#[tokio::test]
async fn english_pages_speak_english() {
    let app = spawn_app().await;
    let mut hero = fallen("Смирнов", "Алексей");
    hero.fate = Some(Fate::DiedOfWounds);
    let hero = app.create(Draft::published(Body::Person(hero)));
    app.public_interest(&hero);

    let response = app.get_with(&hero.page(), &[EN]).await;
    assert_eq!(response.headers()["content-language"], "en");
    let vary: Vec<&str> = response
        .headers()
        .get_all("vary")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    assert!(vary.iter().any(|v| v.contains("Cookie")), "{vary:?}");
    let page = response.text().await.expect("body");
    assert!(page.contains("<html lang=\"en\">"), "{page}");
    for english in [
        "Fate",
        "died of wounds",
        "Heroes",
        "Skip to content",
        "Русский",
    ] {
        assert!(page.contains(english), "English page lacks «{english}»");
    }
    for russian in ["Судьба", "умер от ран", "Перейти к содержанию"]
    {
        assert!(!page.contains(russian), "English page has «{russian}»");
    }

    // Russian by default, and `?lang=en` works on any address and is remembered.
    let (_, ru) = app.text(&hero.page()).await;
    assert!(ru.contains("<html lang=\"ru\">") && ru.contains("умер от ран"));
    let by_query = app.get(&format!("{}?lang=en", hero.page())).await;
    let cookie = by_query.headers()["set-cookie"]
        .to_str()
        .expect("ascii")
        .to_string();
    assert!(cookie.starts_with("lang=en;"), "{cookie}");
    assert!(
        by_query
            .text()
            .await
            .expect("body")
            .contains("died of wounds")
    );

    // Errors are translated too, pages and API alike.
    let (status, bad) = app.text_with("/places?page=abc", &[EN]).await;
    assert_eq!(status, 400);
    assert!(
        bad.contains("The page number must be a positive whole number"),
        "{bad}"
    );
    let (status, missing) = app.text_with("/persons/nobody", &[EN]).await;
    assert_eq!(status, 404);
    assert!(missing.contains("Page not found") && missing.contains("action=\"/search\""));
}

#[tokio::test]
async fn the_language_switch_keeps_the_page() {
    let app = spawn_app().await;
    let (_, page) = app.text("/places?page=2").await;
    let switch = attribute_values(&page, "href")
        .into_iter()
        .find(|h| h.starts_with("/lang/en"))
        .expect("a link to English");
    assert_eq!(switch, "/lang/en?back=/places%3Fpage%3D2");
    let response = app.get(switch).await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/places?page=2");
    let cookie = response.headers()["set-cookie"].to_str().expect("ascii");
    assert!(
        cookie.starts_with("lang=en;") && cookie.contains("Path=/"),
        "{cookie}"
    );

    // Coming from `?lang=en`, the way back to Russian drops that parameter.
    let (_, english) = app.text("/places?lang=en&page=2").await;
    assert!(
        english.contains("href=\"/lang/ru?back=/places%3Fpage%3D2\""),
        "{english}"
    );

    // Never a way to another site.
    for evil in [
        "//evil.example/x",
        "https://evil.example",
        "/\\evil.example",
    ] {
        let response = app.get(&format!("/lang/ru?back={evil}")).await;
        assert_eq!(response.headers()["location"], "/", "{evil}");
    }
    assert_eq!(app.get("/lang/de?back=/").await.status(), 404);
}

#[tokio::test]
async fn plural_forms_in_both_languages() {
    let app = spawn_app().await;
    let mut made = 0;
    for (n, ru, en) in [
        (1, "1 место", "1 place"),
        (2, "2 места", "2 places"),
        (5, "5 мест", "5 places"),
        (21, "21 место", "21 places"),
    ] {
        while made < n {
            made += 1;
            app.create(place(&format!("Улица {made}")));
        }
        let (_, page) = app.text("/places").await;
        assert!(page.contains(ru), "{n}: no «{ru}»");
        let (_, page) = app.text_with("/places", &[EN]).await;
        assert!(page.contains(en), "{n}: no «{en}»");
    }
}

#[tokio::test]
async fn the_low_vision_version_is_a_cookie_on_the_same_pages() {
    let app = spawn_app().await;
    let photo = app.create(photo_with_alt());
    let (_, normal) = app.text(&photo.page()).await;
    assert!(
        normal.contains("<html lang=\"ru\">"),
        "no classes without the cookie"
    );
    assert!(normal.contains("Версия для слабовидящих"));
    assert!(normal.contains("<img src=\"/media/") && !normal.contains("action=\"/low-vision\""));

    // Switching on keeps the page and remembers the choice.
    let on = app.get("/low-vision?mode=on&back=/items").await;
    assert_eq!(on.status(), 303);
    assert_eq!(on.headers()["location"], "/items");
    let cookie = on.headers()["set-cookie"].to_str().expect("ascii");
    assert!(cookie.starts_with("lv=size-large.scheme-bw."), "{cookie}");

    // Settings from the cookie become classes; unknown names and values are ignored.
    let lv = ("cookie", "lv=size-xlarge.scheme-pink.images-off.font-comic");
    let (status, page) = app.text_with(&photo.page(), &[lv]).await;
    assert_eq!(status, 200);
    let html_tag = &page[page.find("<html").expect("html")..][..200];
    for class in [
        "lv ",
        "lv-size-xlarge",
        "lv-scheme-bw",
        "lv-images-off",
        "lv-line-15",
    ] {
        assert!(html_tag.contains(class), "{class} missing from {html_tag}");
    }
    assert!(!page.contains("pink") && !page.contains("comic"));
    assert!(
        page.contains("action=\"/low-vision\""),
        "the settings panel is shown"
    );
    assert!(
        page.contains("name=\"scheme\" value=\"wb\""),
        "each scheme is offered"
    );
    assert!(page.contains("Обычная версия"));
    // Images off: the alternative text instead of the image, which is not even requested.
    assert!(!page.contains("<img"), "{page}");
    assert!(page.contains("<span class=\"img-alt\">Женщины провожают эшелон</span>"));

    // The panel's form changes one setting and keeps the rest.
    let set = app
        .get_with(
            "/low-vision?mode=set&back=/&scheme=blue&size=gigantic",
            &[("cookie", "lv=size-xlarge.scheme-bw.images-off")],
        )
        .await;
    let cookie = set.headers()["set-cookie"].to_str().expect("ascii");
    assert!(
        cookie.starts_with("lv=size-xlarge.scheme-blue.images-off."),
        "{cookie}"
    );
    let off = app.get("/low-vision?mode=off&back=/").await;
    assert!(
        off.headers()["set-cookie"]
            .to_str()
            .expect("ascii")
            .contains("Max-Age=0")
    );
}

#[tokio::test]
async fn static_assets_are_fingerprinted_and_immutable() {
    let app = spawn_app().await;
    let (_, home) = app.text("/").await;
    let css = asset_href(&home, "/site.css");
    let response = app.get(css).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert!(
        response.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("text/css")
    );

    let fonts = asset_href(&home, "/pt-serif/fonts.css");
    let fonts_css = app.get(fonts).await.text().await.expect("css");
    assert!(fonts_css.contains("U+0400-045F"), "a Cyrillic subset");
    let font = fonts.replace("fonts.css", "pt-serif-cyrillic-400-normal.woff2");
    let woff = app.get(&font).await;
    assert_eq!(
        woff.status(),
        200,
        "{font}: fonts.css refers to its fonts relatively"
    );
    assert_eq!(woff.headers()["content-type"], "font/woff2");

    let hash = css.split('/').nth(2).expect("hash");
    assert_eq!(
        app.get(&css.replace(hash, "000000000000")).await.status(),
        404
    );
    assert_eq!(
        app.get("/static/000000000000/nothing.css").await.status(),
        404
    );
}

#[tokio::test]
async fn pages_revalidate_with_etags() {
    let app = spawn_app().await;
    app.create(place("Сходня"));
    let first = app.get("/places").await;
    assert_eq!(first.headers()["cache-control"], "no-cache");
    let etag = first.headers()["etag"].to_str().expect("ascii").to_string();
    let again = app.get_with("/places", &[("if-none-match", &etag)]).await;
    assert_eq!(again.status(), 304);
    assert!(again.bytes().await.expect("body").is_empty());
    // Another language is another representation.
    let english = app
        .get_with("/places", &[("if-none-match", &etag), EN])
        .await;
    assert_eq!(english.status(), 200);
    // A change in the base changes the tag.
    app.create(place("Химки"));
    let changed = app.get_with("/places", &[("if-none-match", &etag)]).await;
    assert_eq!(changed.status(), 200);
    let head = app
        .client
        .head(app.url("/places"))
        .send()
        .await
        .expect("HEAD");
    assert_eq!(head.status(), 200);
}

#[tokio::test]
async fn text_is_compressed_media_is_not() {
    let app = spawn_app().await;
    let response = app.get_with("/", &[("accept-encoding", "br")]).await;
    assert_eq!(response.headers()["content-encoding"], "br");
    let compressed = response.bytes().await.expect("body");
    let mut html = String::new();
    brotli_decompressor::Decompressor::new(compressed.as_ref(), 4096)
        .read_to_string(&mut html)
        .expect("a brotli body");
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    let gzip = app.get_with("/", &[("accept-encoding", "gzip")]).await;
    assert_eq!(gzip.headers()["content-encoding"], "gzip");

    let sha = "d".repeat(64);
    app.put_media(&sha, &[b'x'; 4096]);
    let mut item = photo_with_alt();
    if let Body::Item(i) = &mut item.body {
        i.media[0].sha256 = sha.clone();
        i.media[0].mime = "audio/mpeg".into();
    }
    app.create(item);
    let media = app
        .get_with(&format!("/media/{sha}"), &[("accept-encoding", "br")])
        .await;
    assert_eq!(media.status(), 200);
    assert!(!media.headers().contains_key("content-encoding"));
    assert_eq!(media.headers()["accept-ranges"], "bytes");
}

#[tokio::test]
async fn no_page_asks_another_host_for_anything() {
    let app = spawn_app().await;
    let mut hero = fallen("Смирнов", "Алексей");
    hero.portrait = Some(MediaRef {
        sha256: "e".repeat(64),
        mime: "image/jpeg".into(),
        caption: None,
        alt: None,
        width: None,
        height: None,
    });
    let hero = app.create(Draft::published(Body::Person(hero)));
    app.public_interest(&hero);
    let photo = app.create(photo_with_alt());
    let lv = ("cookie", "lv=images-on");
    let mut stylesheets = Vec::new();
    for (path, headers) in [
        ("/", vec![]),
        ("/persons", vec![]),
        (hero.page().as_str(), vec![]),
        (photo.page().as_str(), vec![EN]),
        (photo.page().as_str(), vec![lv]),
        ("/nowhere", vec![]),
        ("/places?page=x", vec![]),
    ] {
        let (_, page) = app.text_with(path, &headers).await;
        for tag in [
            "<link", "<script", "<img", "<source", "<track", "<audio", "<video", "<iframe",
        ] {
            for (i, _) in page.match_indices(tag) {
                let element = &page[i..i + page[i..].find('>').expect("tag end")];
                // Canonical and language links name the portal itself, absolutely. The IIIF
                // manifest's media type names its JSON-LD context by URI: a name, not a request.
                let element = element.replace(&app.base, "").replace(
                    "profile=&quot;http://iiif.io/api/presentation/3/context.json&quot;",
                    "",
                );
                assert!(
                    !element.contains("http://")
                        && !element.contains("https://")
                        && !element.contains("=\"//"),
                    "{path}: {element}"
                );
            }
        }
        stylesheets.extend(
            attribute_values(&page, "href")
                .into_iter()
                .filter(|h| h.ends_with(".css"))
                .map(String::from),
        );
    }
    stylesheets.sort();
    stylesheets.dedup();
    assert!(stylesheets.len() >= 3, "{stylesheets:?}");
    for css in stylesheets {
        let text = app.get(&css).await.text().await.expect("css");
        for (i, _) in text.match_indices("url(") {
            let url = &text[i..i + text[i..].find(')').expect("url end")];
            assert!(!url.contains("//"), "{css}: {url}");
        }
        assert!(!text.contains("@import"), "{css}");
    }
}

/// «Знаете больше? Дополните» leads from a person to the page that says what helps and where
/// to send it; a hidden record is never named there, and a bad number is a readable 400.
#[tokio::test]
async fn a_person_page_invites_what_visitors_know() {
    let app = crate::support::spawn_app_with(|config, _| {
        config.contact_email = Some("muzey@letopis.example".into());
    })
    .await;
    let hero = app.create(letopis_store::Draft::published(letopis_core::Body::Person(
        letopis_store::contract::fallen("Зайцев", "Иван"),
    )));
    app.public_interest(&hero);
    let (_, page) = app.text(&hero.page()).await;
    let href = format!("/contribute?about={}", hero.id.0);
    assert!(page.contains(&format!(
        "<a class=\"contribute-link\" href=\"{href}\">Знаете больше? Дополните</a>"
    )));
    let (status, page) = app.text(&href).await;
    assert_eq!(status, 200);
    assert!(page.contains(&format!("<a href=\"{}\">{}</a>", hero.page(), hero.title)));
    assert!(
        page.contains("href=\"mailto:muzey@letopis.example?subject=%D0%94"),
        "{page}"
    );
    assert!(page.contains("Тема письма уже содержит ссылку на эту запись."));

    let secret = app.create(letopis_store::Draft::new(letopis_core::Body::Person(
        letopis_store::contract::fallen("Тайнов", "Пётр"),
    )));
    let (status, page) = app
        .text(&format!("/contribute?about={}", secret.id.0))
        .await;
    assert_eq!(status, 200);
    assert!(!page.contains("Тайнов"));
    let (status, page) = app.text("/contribute?about=abc").await;
    assert_eq!(status, 400);
    assert!(page.contains("Номер записи должен быть целым числом"));
    let (_, page) = app.text(&format!("{href}&lang=en")).await;
    assert!(page.contains("Do you know more? Add to the chronicle"));
}

#[tokio::test]
async fn the_book_of_memory_lists_the_fallen_by_letter_through_the_gate() {
    use letopis_core::entities::{Fate, Person};
    use letopis_core::names::PersonName;
    use letopis_core::{Body, Edtf};
    use letopis_store::Draft;
    let app = crate::support::spawn_app().await;
    let fallen = |surname: &str, given: &str, fate: Fate, biography: &str| {
        Draft::published(Body::Person(Person {
            name: PersonName::new(surname, given, "Иванович"),
            birth: Edtf::parse("1915").ok(),
            death: Edtf::parse("1942-03").ok(),
            fate: Some(fate),
            biography: biography.into(),
            ..Person::default()
        }))
    };
    let shown = [
        app.create(fallen(
            "Ершов",
            "Пётр",
            Fate::Killed,
            "Токарь завода. <b>Ушёл</b> добровольцем.",
        )),
        app.create(fallen("Алексеев", "Иван", Fate::Missing, "Связист.")),
    ];
    for s in &shown {
        app.public_interest(s);
    }
    // A veteran who came home is not in the book; a fallen soldier without a decision is hidden.
    let home = app.create(fallen("Борисов", "Илья", Fate::Returned, "Вернулся."));
    app.public_interest(&home);
    let hidden = app.create(fallen("Воронов", "Олег", Fate::Killed, "Скрыт."));
    let (status, page) = app.text("/memory-book").await;
    assert_eq!(status, 200);
    let a = page.find("Алексеев Иван").expect("Алексеев");
    let e = page.find("Ершов Пётр").expect("Ершов");
    assert!(a < e, "alphabetical");
    assert!(page.contains(">А</h2>") && page.contains(">Е</h2>"));
    assert!(page.contains("В книге 2 имени."));
    assert!(
        page.contains("Ушёл") && !page.contains("<b>Ушёл"),
        "HTML shown as text"
    );
    assert!(!page.contains("Борисов") && !page.contains(&hidden.title));
    assert!(page.contains(&shown[0].page()));
    // Bad and too-far pages get clear answers; the home page leads to the book.
    assert_eq!(app.get("/memory-book?page=abc").await.status(), 400);
    assert_eq!(app.get("/memory-book?page=7").await.status(), 404);
    let (_, home_page) = app.text("/").await;
    assert!(home_page.contains("href=\"/memory-book\""));
}
