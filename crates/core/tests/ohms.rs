//! OHMS XML in and out: a real-world-shaped export, round trips through the museum's own
//! interviews, and refusals that name the line.

use letopis_core::Edtf;
use letopis_core::entities::{Cue, Interview, Recording, Segment, SegmentLink, SegmentPlace};
use letopis_core::ohms::{OhmsRecord, parse_ohms, read_ohms, write_ohms};

const FIXTURE: &str = include_str!("fixtures/ohms-kuznetsova.xml");

fn cue(start_ms: u32, end_ms: u32, speaker: Option<&str>, text: &str) -> Cue {
    Cue {
        start_ms,
        end_ms,
        speaker: speaker.map(str::to_owned),
        text: text.to_owned(),
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn reads_an_ohms_export() {
    let record = read_ohms(FIXTURE.as_bytes()).unwrap();
    assert_eq!(
        record.title,
        "Интервью с Анной Петровной Кузнецовой о Сходне в 1941–1943 годах"
    );
    assert_eq!(record.interviewees, ["Кузнецова, Анна Петровна"]);
    assert_eq!(record.interviewers, ["Соколова Е. В.", "Павлов Д. А."]);
    assert_eq!(record.recorded, Some(Edtf::parse("2024-05-06").unwrap()));
    assert_eq!(record.language, "ru");
    assert!(record.summary.starts_with("Воспоминания о жизни на Сходне"));

    let [childhood, ditch, tree] = record.segments.as_slice() else {
        panic!("three segments expected: {:?}", record.segments);
    };
    assert_eq!(
        *childhood,
        Segment {
            start_ms: 0,
            title: "Детство на Сходне".into(),
            synopsis: "Анна Петровна рассказывает о семье и о доме у реки до войны.".into(),
            keywords: strings(&["Сходня", "семья", "река Сходня"]),
            mentions: vec![],
            partial_transcript: "Я родилась в тридцать втором году на Сходне.".into(),
            subjects: strings(&["Дети войны"]),
            places: vec![SegmentPlace {
                lat: 55.9512,
                lng: 37.3018,
                label: "Сходня, у реки".into(),
            }],
            links: vec![],
        }
    );
    assert_eq!(ditch.start_ms, 65_000);
    assert_eq!(ditch.title, "Противотанковый ров & «зажигалки»");
    assert!(
        ditch
            .synopsis
            .ends_with("«песок <в ящиках> стоял на каждом этаже».")
    );
    assert_eq!(
        ditch.keywords,
        ["оборонительные работы", "зажигательные бомбы", "ПВО"]
    );
    assert_eq!(ditch.subjects, ["Оборона Москвы", "Трудовой фронт"]);
    assert_eq!(
        ditch.places,
        [
            SegmentPlace {
                lat: 55.9403,
                lng: 37.3391,
                label: "Ров у Подрезкова".into()
            },
            SegmentPlace {
                lat: 55.8897,
                lng: 37.445,
                label: "Химки".into()
            },
        ]
    );
    assert_eq!(
        ditch.links,
        [SegmentLink {
            url: "https://example.org/oborona-moskvy?chast=1&page=2".into(),
            text: "Оборонительные рубежи под Москвой".into(),
        }]
    );
    // Empty placeholders are not places or links.
    assert_eq!(
        (tree.start_ms, tree.places.len(), tree.links.len()),
        (150_000, 0, 0)
    );

    assert_eq!(
        record.transcript,
        [
            cue(
                0,
                4_000,
                Some("ИНТЕРВЬЮЕР"),
                "Анна Петровна, расскажите, где вы родились."
            ),
            cue(
                4_000,
                65_000,
                Some("КУЗНЕЦОВА"),
                "Я родилась в тридцать втором году на Сходне.\n\
                 Дом стоял у самой реки, отец работал на заводе."
            ),
            cue(
                65_000,
                100_000,
                Some("КУЗНЕЦОВА"),
                "Осенью сорок первого нас, школьников, повели копать ров у Подрезкова.\n\
                 Копали [неразборчиво 00:01:12] до темноты, мёрзлую землю ломами."
            ),
            cue(
                105_000,
                108_000,
                Some("ИНТЕРВЬЮЕР"),
                "А «зажигалки» вы видели?"
            ),
            cue(
                108_000,
                150_000,
                Some("КУЗНЕЦОВА"),
                "Тушили песком на чердаке & клещами сбрасывали во двор.\n\
                 Мама говорила: «не бойся, они как <большие> свечки»."
            ),
            // The last cue ends with the recording (<duration>0:03:10</duration>).
            cue(
                150_000,
                190_000,
                Some("КУЗНЕЦОВА"),
                "А в сорок третьем нарядили ёлку игрушками из ваты."
            ),
        ]
    );
    assert!(record.untimed_transcript.is_empty());

    let interview = record.into_interview();
    assert_eq!(interview.language, "ru");
    assert_eq!(interview.segments.len(), 3);
    assert_eq!(interview.validate(), Ok(()));
}

fn museum_interview() -> Interview {
    Interview {
        title: "Беседа с «Марией» <Ивановной> & внуками".into(),
        summary: "О заводе №1 и \"зажигалках\"; 'апострофы' тоже.".into(),
        interviewers: strings(&["Е. В. Соколова", "Д. А. Павлов"]),
        recorded: Some(Edtf::parse("1942-03~").unwrap()),
        language: "ru".into(),
        recordings: vec![Recording {
            media: letopis_core::entities::MediaRef {
                sha256: "a".repeat(64),
                mime: "audio/mpeg".into(),
                caption: None,
                alt: None,
                width: None,
                height: None,
            },
            duration_ms: 3_725_000,
            label: String::new(),
            withheld: false,
        }],
        transcript: vec![
            cue(0, 1_500, Some("Интервьюер"), "Где вы работали?"),
            cue(
                1_500,
                9_250,
                Some("Мария Ивановна"),
                "На заводе <№1> & в цеху «А».\nСмены по 12 часов [неразборчиво 00:00:07].",
            ),
            cue(9_500, 3_725_000, None, "Конец записи."),
        ],
        segments: vec![
            Segment {
                start_ms: 0,
                title: "Завод <№1> & «цех»".into(),
                synopsis: "Про \"смены\" и 'нормы'.\nВторая строка.".into(),
                keywords: strings(&["завод", "смены"]),
                mentions: vec![],
                partial_transcript: "Где вы работали?".into(),
                subjects: strings(&["Трудовой фронт"]),
                places: vec![SegmentPlace {
                    lat: 55.951234,
                    lng: -37.3,
                    label: "Цех «А» & склад".into(),
                }],
                links: vec![SegmentLink {
                    url: "https://example.org/?a=1&b=«2»".into(),
                    text: "Справка <архив>".into(),
                }],
            },
            Segment {
                start_ms: 62_000,
                title: "Ёлка".into(),
                ..Segment::default()
            },
        ],
        ..Interview::default()
    }
}

#[test]
fn round_trips_an_interview_with_cyrillic_and_markup() {
    let interview = museum_interview();
    let xml = write_ohms(&interview, Some("Кузнецова Мария Ивановна"));
    assert!(xml.contains("<title>Беседа с «Марией» &lt;Ивановной&gt; &amp; внуками</title>"));
    assert!(xml.contains("<date value=\"\" format=\"yyyy-mm-dd\"/>"));
    assert!(xml.contains("<date_nonpreferred_format>1942-03~</date_nonpreferred_format>"));
    assert!(xml.contains("<duration>1:02:05</duration>"));
    assert!(xml.contains("<language>Russian</language>"));
    assert!(xml.contains("<gps>55.951234, -37.3</gps>"));
    assert!(xml.contains("[00:00:01] Мария Ивановна: На заводе &lt;№1&gt; &amp; в цеху «А»."));

    let record = parse_ohms(&xml).unwrap();
    assert_eq!(
        record,
        OhmsRecord {
            title: interview.title.clone(),
            interviewees: strings(&["Кузнецова Мария Ивановна"]),
            interviewers: interview.interviewers.clone(),
            recorded: interview.recorded.clone(),
            date_text: String::new(),
            language: "ru".into(),
            summary: interview.summary.clone(),
            segments: interview.segments.clone(),
            // The WebVTT copy keeps milliseconds.
            transcript: interview.transcript.clone(),
            untimed_transcript: String::new(),
        }
    );
}

#[test]
fn a_whole_day_goes_in_the_date_value() {
    let interview = Interview {
        recorded: Some(Edtf::parse("1985-05-09").unwrap()),
        ..museum_interview()
    };
    let xml = write_ohms(&interview, None);
    assert!(xml.contains("<date value=\"1985-05-09\" format=\"yyyy-mm-dd\"/>"));
    assert!(!xml.contains("date_nonpreferred_format"));
    assert!(!xml.contains("<interviewee"));
    assert_eq!(parse_ohms(&xml).unwrap().recorded, interview.recorded);
}

#[test]
fn the_plain_transcript_is_read_when_there_is_no_webvtt_copy() {
    let xml = write_ohms(&museum_interview(), None);
    let start = xml.find("    <vtt_transcript>").unwrap();
    let end = xml.find("</vtt_transcript>\n").unwrap() + "</vtt_transcript>\n".len();
    let without_vtt = format!("{}{}", &xml[..start], &xml[end..]);
    let cues = parse_ohms(&without_vtt).unwrap().transcript;
    // Marks are whole seconds.
    assert_eq!(
        cues.iter()
            .map(|c| (c.start_ms, c.end_ms))
            .collect::<Vec<_>>(),
        [(0, 1_000), (1_000, 9_000), (9_000, 3_725_000)]
    );
    assert_eq!(cues[1].speaker.as_deref(), Some("Мария Ивановна"));
    assert_eq!(cues[1].text, museum_interview().transcript[1].text);
}

fn ohms(inside_record: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ROOT xmlns=\"https://www.weareavp.com/nunncenter/ohms\">\n\
         <record>\n<title>Беседа</title>\n{inside_record}\n</record>\n</ROOT>\n"
    )
}

#[test]
fn reads_a_webvtt_transcript_without_its_header_and_a_legacy_sync_map() {
    let vtt = ohms(
        "<vtt_transcript>\n00:00:01.000 --> 00:00:02.500\n&lt;v Анна Петровна&gt;Да &amp; нет.\n</vtt_transcript>",
    );
    assert_eq!(
        parse_ohms(&vtt).unwrap().transcript,
        [cue(1000, 2500, Some("Анна Петровна"), "Да & нет.")]
    );

    let legacy = ohms(
        "<sync>1:|3(1)</sync>\n<transcript>КУЗНЕЦОВА: Мы жили на Сходне.\n\nОтец ушёл в июле.</transcript>\n\
         <duration>0:01:30</duration>",
    );
    assert_eq!(
        parse_ohms(&legacy).unwrap().transcript,
        [
            cue(0, 60_000, None, "КУЗНЕЦОВА: Мы жили на Сходне."),
            cue(60_000, 90_000, None, "Отец ушёл в июле."),
        ]
    );

    let untimed = ohms("<transcript>\nТекст без отметок времени.\n</transcript>");
    let record = parse_ohms(&untimed).unwrap();
    assert!(record.transcript.is_empty());
    assert_eq!(record.untimed_transcript, "Текст без отметок времени.");
}

#[test]
fn malformed_xml_is_refused_with_line_and_position() {
    let broken = FIXTURE.replacen(
        "<title>Ёлка сорок третьего года</title>",
        "<title>Ёлка сорок третьего года</titel>",
        1,
    );
    let e = parse_ohms(&broken).unwrap_err();
    let line = FIXTURE
        .lines()
        .position(|l| l.contains("Ёлка сорок третьего года"))
        .unwrap()
        + 1;
    assert_eq!(e.line, line);
    assert!(
        e.reason
            .starts_with("знак 40: закрывающий тег </titel> не подходит"),
        "{e}"
    );
    assert!(
        e.to_string()
            .starts_with(&format!("строка {line}: знак 40:"))
    );

    let cut = &FIXTURE[..FIXTURE.find("<description>").unwrap()];
    let e = parse_ohms(cut).unwrap_err();
    assert!(e.reason.contains("не закрыт"), "{e}");

    let e = read_ohms(b"<ROOT>\xff</ROOT>").unwrap_err();
    assert!(e.reason.contains("UTF-8"), "{e}");
}

/// The 1-based line of the first line of `xml` containing `needle`.
fn line_of(xml: &str, needle: &str) -> usize {
    xml.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn refusals_name_the_line_of_the_xml_file() {
    let cases = [
        (
            "<index><point>\n<time>65</time>\n<title>Ров</title>\n<gpspoints><gps>95.1, 37.3</gps></gpspoints>\n</point></index>",
            "<gps>",
            "широта 95.1 вне пределов",
        ),
        (
            "<index><point>\n<time>65</time>\n<title>Ров</title>\n<gpspoints><gps>55.9, 190</gps></gpspoints>\n</point></index>",
            "<gps>",
            "долгота 190 вне пределов",
        ),
        (
            "<index><point>\n<time>65</time>\n<title>Ров</title>\n<gpspoints><gps>55,9 37,3</gps></gpspoints>\n</point></index>",
            "<gps>",
            "координаты «55,9 37,3» записаны неверно",
        ),
        (
            "<index><point>\n<time>65</time>\n<title>Ров</title>\n<hyperlinks><hyperlink>javascript:alert(1)</hyperlink></hyperlinks>\n</point></index>",
            "<hyperlink>",
            "ссылка «javascript:alert(1)» не годится",
        ),
        (
            "<index>\n<point>\n<time>65</time>\n</point></index>",
            "<point>",
            "у фрагмента указателя нет названия",
        ),
        (
            "<index><point>\n<time>1:05</time>\n<title>Ров</title>\n</point></index>",
            "<time>",
            "время фрагмента «1:05» записано неверно",
        ),
        (
            "<transcript>\n[00:00:01] Да.\n[00:61:00] Нет.\n</transcript>",
            "[00:61:00]",
            "время «00:61:00» — минут не бывает больше 59",
        ),
        (
            "<vtt_transcript>\n00:00:05.000 --> 00:00:04.000\nДа.\n</vtt_transcript>",
            "-->",
            "конец реплики (00:00:04.000) раньше её начала",
        ),
    ];
    for (inside, needle, reason) in cases {
        let xml = ohms(inside);
        let e = parse_ohms(&xml).unwrap_err();
        assert_eq!(e.line, line_of(&xml, needle), "{e}\n{xml}");
        assert!(e.reason.contains(reason), "{e}");
    }

    let two =
        "<ROOT>\n<record><title>А</title></record>\n<record><title>Б</title></record>\n</ROOT>";
    let e = parse_ohms(two).unwrap_err();
    assert_eq!(e.line, 3);
    assert!(e.reason.contains("несколько интервью"), "{e}");

    let e = parse_ohms("<gpx>\n<wpt/>\n</gpx>").unwrap_err();
    assert_eq!(e.line, 1);
    assert!(e.reason.contains("это не файл OHMS"), "{e}");

    assert_eq!(parse_ohms("").unwrap_err().line, 1);
}
