//! Draws sample share cards into a directory, to look at them: `cargo run -p letopis-graphics
//! --example cards -- /tmp/cards [portrait.jpg]`.

use letopis_graphics::card::{Card, draw, fit};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "cards".into()));
    std::fs::create_dir_all(&dir).expect("a directory for the cards");
    let picture = args
        .next()
        .map(|p| fit(&image::open(p).expect("a readable picture")));
    let person = Card {
        kind: "Человек",
        title: "Иванов Пётр Семёнович",
        dates: "1921–1943",
        text: "Родился в деревне Сходня, ушёл на фронт добровольцем в июле 1941 года, погиб под Ржевом.",
        site_name: "Летопись",
        site_line: "Химки, 1941–1945 · letopis.example.ru",
        picture: None,
        initials: "ПИ",
    };
    std::fs::write(dir.join("person.jpg"), draw(&person).unwrap()).unwrap();
    if let Some(picture) = &picture {
        let with = Card {
            picture: Some(picture),
            ..person.clone()
        };
        std::fs::write(dir.join("portrait.jpg"), draw(&with).unwrap()).unwrap();
    }
    let long = Card {
        kind: "Живой голос",
        title: "Воспоминания Кузнецовой-Преображенской Александры Константиновны о Химках осенью 1941 года",
        dates: "Записано 12 марта 2024 г.",
        text: "",
        initials: "",
        ..person
    };
    std::fs::write(dir.join("long.jpg"), draw(&long).unwrap()).unwrap();
    // Image viewers that show only PNG get a copy of each.
    for name in ["person", "portrait", "long"] {
        if let Ok(card) = image::open(dir.join(format!("{name}.jpg"))) {
            card.save(dir.join(format!("{name}.png"))).unwrap();
        }
    }
}
