//! Browse lists: facets, counts through the gate, paging and sorting that keep their place.

use crate::support::{TestApp, spawn_app};
use letopis_core::Body;
use letopis_core::entities::{Fate, Person, PersonRole, Place, PlaceType};
use letopis_core::relation::RelationType;
use letopis_store::Draft;
use letopis_store::contract::fallen;

fn soldier(app: &TestApp, surname: &str, fate: Fate) -> crate::support::Seeded {
    let person = Person {
        fate: Some(fate),
        roles: vec![PersonRole::Soldier],
        ..fallen(surname, "Иван")
    };
    let seeded = app.create(Draft::published(Body::Person(person)));
    app.public_interest(&seeded);
    seeded
}

fn place(name: &str, district: &str) -> Draft {
    Draft::published(Body::Place(Place {
        name: name.into(),
        place_type: PlaceType::Street,
        district: district.into(),
        ..Place::default()
    }))
}

/// The checkbox of a facet value with its count text, as the panel renders it.
fn facet_line<'a>(page: &'a str, name: &str, value: &str) -> Option<&'a str> {
    let needle = format!("name=\"{name}\" value=\"{value}\"");
    let at = page.find(&needle)?;
    let end = page[at..].find("</label>")?;
    Some(&page[at..at + end])
}

#[tokio::test]
async fn filtering_by_fate_shows_only_those_and_counts_skip_hidden_records() {
    let app = spawn_app().await;
    let killed = soldier(&app, "Громов", Fate::Killed);
    let missing = soldier(&app, "Лесной", Fate::Missing);
    // Published but without a consent: closed, so neither listed nor counted.
    let hidden = app.create(Draft::published(Body::Person(Person {
        fate: Some(Fate::DiedInCaptivity),
        ..fallen("Скрытый", "Пётр")
    })));
    let secret_place = app.create(Draft::new(Body::Place(Place {
        name: "Тайный склад".into(),
        district: "Засекреченный".into(),
        ..Place::default()
    })));
    app.relate(&missing, RelationType::BornIn, &secret_place);

    let (status, page) = app.text("/persons?fate=killed").await;
    assert_eq!(status, 200);
    assert!(page.contains(&killed.title), "{page}");
    assert!(!page.contains(&missing.title));
    assert!(page.contains("Найдено: 1 герой"), "{page}");
    // The panel still offers the other fate, with its count, and keeps «killed» ticked.
    let killed_box = facet_line(&page, "fate", "killed").expect("killed offered");
    assert!(killed_box.contains("checked") && killed_box.contains("1 герой"));
    let missing_box = facet_line(&page, "fate", "missing").expect("missing offered");
    assert!(missing_box.contains("1 герой") && !missing_box.contains("checked"));
    // Nothing of the hidden person or the hidden place shows through.
    assert!(
        facet_line(&page, "fate", "died_in_captivity").is_none(),
        "{page}"
    );
    assert!(!page.contains(&hidden.title));
    assert!(!page.contains("Засекреченный"));
    assert!(!page.contains("Тайный склад"));
    // The chip removes the filter and returns to the whole list.
    assert!(
        page.contains("href=\"/persons\" aria-label=\"Убрать фильтр «погиб»\""),
        "{page}"
    );
    // On paper, where the chips and the panel are not printed, the list says what it shows.
    assert!(
        page.contains("<p class=\"print-only\">Отобрано: Судьба — погиб.</p>"),
        "{page}"
    );

    let (status, json) = app.json("/api/v1/persons?fate=killed&fate=missing").await;
    assert_eq!(status, 200);
    assert_eq!(json["total"], 2);
    let facets = json["facets"].as_array().expect("facets");
    let count = |name: &str, value: &str| {
        facets
            .iter()
            .find(|f| f["name"] == name && f["value"] == value)
            .map(|f| f["count"].clone())
    };
    assert_eq!(count("fate", "killed"), Some(1.into()));
    assert_eq!(count("type", "soldier"), Some(2.into()));
    assert_eq!(count("fate", "died_in_captivity"), None);
    assert!(
        facets.iter().all(|f| f["value"] != "Засекреченный"),
        "{json}"
    );
}

#[tokio::test]
async fn paging_and_sorting_keep_the_filters() {
    let app = spawn_app().await;
    for n in 0..52 {
        app.create(place(&format!("Улица {n:02}"), "Сходня"));
    }
    app.create(place("Заводская", "Подрезково"));
    let (status, first) = app
        .text("/places?district=%D0%A1%D1%85%D0%BE%D0%B4%D0%BD%D1%8F&sort=new")
        .await;
    assert_eq!(status, 200);
    assert!(first.contains("Страница 1 из 2"), "{first}");
    let next =
        "href=\"/places?district=%D0%A1%D1%85%D0%BE%D0%B4%D0%BD%D1%8F&#38;sort=new&#38;page=2\"";
    assert!(first.contains(next), "{first}");
    assert!(!first.contains("Заводская"));
    // Sort links keep the filter and start from page 1; the form keeps the sort.
    assert!(first.contains("href=\"/places?district=%D0%A1%D1%85%D0%BE%D0%B4%D0%BD%D1%8F\""));
    assert!(first.contains("<input type=\"hidden\" name=\"sort\" value=\"new\">"));
    let (_, second) = app
        .text("/places?district=%D0%A1%D1%85%D0%BE%D0%B4%D0%BD%D1%8F&sort=new&page=2")
        .await;
    assert!(second.contains("Страница 2 из 2"));
    assert_eq!(second.matches("<li><a href=\"/places/").count(), 2);
    assert!(!second.contains("Заводская"));
    // Past the end: a friendly empty page with the way back keeping the filter.
    let (status, beyond) = app
        .text("/places?district=%D0%A1%D1%85%D0%BE%D0%B4%D0%BD%D1%8F&page=40")
        .await;
    assert_eq!(status, 200);
    assert!(beyond.contains("Вернуться к первой странице"));
    // One form, not nested in another (the header's search form closes before it).
    let opened: Vec<usize> = first.match_indices("<form").map(|(i, _)| i).collect();
    let closed: Vec<usize> = first.match_indices("</form>").map(|(i, _)| i).collect();
    assert_eq!(opened.len(), closed.len());
    for (o, c) in opened.iter().zip(closed.iter()) {
        assert!(o < c);
    }
    for pair in opened.windows(2) {
        assert!(
            closed.iter().any(|c| pair[0] < *c && *c < pair[1]),
            "nested forms"
        );
    }
}

#[tokio::test]
async fn bad_browse_parameters_get_a_russian_400_and_unknown_filters_a_note() {
    let app = spawn_app().await;
    app.create(place("Улица", "Сходня"));
    for path in [
        "/places?page=999999999999",
        "/places?page=-1",
        "/places?page=%D0%B4%D0%B2%D0%B0",
        "/places?sort=random",
    ] {
        let (status, page) = app.text(path).await;
        assert_eq!(status, 400, "{path}");
        assert!(page.contains("Неверный запрос"), "{path}: {page}");
    }
    for path in [
        "/api/v1/places?page=999999999999",
        "/api/v1/places?sort=random",
        "/api/v1/persons?fate=eaten",
        "/api/v1/places?fate=killed",
        "/api/v1/places?period=1939",
    ] {
        let (status, json) = app.json(path).await;
        assert_eq!(status, 400, "{path}");
        assert_eq!(json["error"]["code"], "bad_request", "{path}");
    }
    let (status, page) = app
        .text("/places?colour=red&district=%D0%A1%D1%85%D0%BE%D0%B4%D0%BD%D1%8F")
        .await;
    assert_eq!(status, 200);
    assert!(
        page.contains("не распознана и не учтена: colour=red"),
        "{page}"
    );
    assert!(page.contains("Улица"));
}
