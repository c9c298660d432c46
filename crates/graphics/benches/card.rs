//! How long a share card takes to draw (issue #18), printed as Markdown for bench/RESULTS.md:
//! a person without a portrait (initials), and one with a 1200×1600 photograph decoded, fitted
//! and drawn — what the portal does the first time a messenger asks for a card; later requests
//! come from the page cache until the record changes. Single-threaded.
//!
//!   cargo bench -p letopis-graphics --bench card
//!
//! Not a test: numbers depend on the machine and are recorded, not asserted.

use letopis_graphics::card::{Card, draw, fit};
use std::time::{Duration, Instant};

const ROUNDS: usize = 40;

fn main() {
    // A photograph-like picture: a gradient with noise, so JPEG has something to encode.
    let photo = image::RgbImage::from_fn(1200, 1600, |x, y| {
        let n = ((x * 7919 + y * 104_729) % 61) as u8;
        image::Rgb([(x / 6) as u8 ^ n, (y / 8) as u8 ^ n, ((x + y) / 12) as u8])
    });
    let mut jpeg = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(photo)
        .write_to(&mut jpeg, image::ImageFormat::Jpeg)
        .expect("encode the photograph");
    let jpeg = jpeg.into_inner();
    let card = Card {
        kind: "Герой",
        title: "Иванов Пётр Семёнович",
        dates: "1921 г. — 1943 г.",
        text: "Родился в деревне Сходня, ушёл на фронт добровольцем в июле 1941 года.",
        site_name: "Летопись",
        site_line: "виртуальный музей памяти 1941–1945 · letopis.example.ru",
        picture: None,
        initials: "ПИ",
    };
    println!("| card | rounds | mean | slowest | JPEG size |");
    println!("|---|---|---|---|---|");
    let report = |what: &str, times: &[Duration], size: usize| {
        let mean = times.iter().sum::<Duration>() / times.len() as u32;
        let slowest = times.iter().max().copied().unwrap_or_default();
        println!(
            "| {what} | {} | {:.1} ms | {:.1} ms | {} KB |",
            times.len(),
            mean.as_secs_f64() * 1000.0,
            slowest.as_secs_f64() * 1000.0,
            size / 1024
        );
    };
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..ROUNDS {
        let start = Instant::now();
        size = draw(&card).expect("draw").len();
        times.push(start.elapsed());
    }
    report("initials (no portrait)", &times, size);
    times.clear();
    for _ in 0..ROUNDS {
        let start = Instant::now();
        let picture = fit(&image::load_from_memory(&jpeg).expect("decode"));
        size = draw(&Card {
            picture: Some(&picture),
            ..card.clone()
        })
        .expect("draw")
        .len();
        times.push(start.elapsed());
    }
    report("1200×1600 portrait decoded, fitted, drawn", &times, size);
}
