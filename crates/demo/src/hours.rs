//! Long recorded memories for load tests: `hours` one-hour interviews of synthetic transcript
//! (a cue every ten seconds, about twenty words each, from the demo's wartime vocabulary), so a
//! benchmark base holds as much transcript text as a town's archive after years of recording
//! (issue #15 measures memory on 100,000 persons with 1,000 hours). Not part of the museum a
//! visitor is shown: `letopis demo --transcript-hours N` adds them only when asked.

use letopis_core::Body;
use letopis_core::consent::{ConsentKind, NewConsent};
use letopis_core::entities::{Cue, Interview, Segment};
use letopis_core::history::Actor;
use letopis_store::{Draft, Op, Store, StoreError};

/// What the narrators say, a sentence at a time.
const SENTENCES: &[&str] = &[
    "Осенью сорок первого завод эвакуировали, станки грузили на платформы прямо под дождём",
    "Мама работала в госпитале в Сходне, а мы с братом дежурили на крыше и тушили зажигалки",
    "Хлеба по карточкам давали мало, в очередях стояли с ночи, номер писали химическим карандашом",
    "Отец ушёл в ополчение в июле, письма от него приходили треугольниками",
    "Немцы были у Крюкова и у Красной Поляны, канонада была слышна и днём и ночью",
    "В школе в Старых Химках устроили госпиталь, мы читали раненым письма из дома",
    "Копали противотанковый ров у Подрезкова, земля промёрзла, долбили ломами",
    "Девятого мая на станции незнакомые люди обнимались и плакали от радости",
    "С тринадцати лет я работал на заводе, до станка не доставал и стоял на ящике",
    "По Ленинградскому шоссе шли машины и подводы, говорили, что Москву сдают",
    "Зимой в классе было холодно, сидели в пальто, чернила замерзали в чернильницах",
    "Соседка получила похоронку и долго сидела на крыльце, не плакала, только молчала",
];

/// Interviews written per transaction: a few megabytes of transcript each.
const PER_WRITE: usize = 20;

/// Adds `hours` published one-hour interviews, covered by a public-interest decision (their
/// narrators are marked deceased); returns how many transcript words they hold.
pub fn add_recorded_hours(store: &dyn Store, hours: usize) -> Result<usize, StoreError> {
    let mut words = 0;
    let numbers: Vec<usize> = (0..hours).collect();
    for chunk in numbers.chunks(PER_WRITE) {
        let drafts: Vec<Draft> = chunk
            .iter()
            .map(|&n| {
                let interview = recorded_interview(n, 60);
                words += interview
                    .transcript
                    .iter()
                    .map(|c| c.text.split_whitespace().count())
                    .sum::<usize>();
                Draft::published(Body::Interview(interview))
            })
            .collect();
        publish_recorded(store, drafts)?;
    }
    Ok(words)
}

/// A recorded interview of `minutes`, numbered `n` (its title, and the seed of its text): a cue
/// every ten seconds of two sentences (about 22 words), a segment every ten minutes.
pub fn recorded_interview(n: usize, minutes: u32) -> Interview {
    let mut rng = n as u64 * 2_654_435_761 + 1;
    let transcript = (0..minutes * 6)
        .map(|i| {
            let mut text = String::new();
            for _ in 0..2 {
                rng = rng.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                text.push_str(SENTENCES[(rng >> 33) as usize % SENTENCES.len()]);
                text.push_str(". ");
            }
            Cue {
                start_ms: i * 10_000,
                end_ms: i * 10_000 + 9_500,
                speaker: None,
                text,
            }
        })
        .collect();
    let segments = (0..minutes / 10)
        .map(|k| Segment {
            start_ms: k * 600_000,
            title: format!("Часть {}", k + 1),
            synopsis: SENTENCES[k as usize % SENTENCES.len()].into(),
            ..Segment::default()
        })
        .collect();
    Interview {
        title: format!("Воспоминания № {}", n + 1),
        narrator_deceased: true,
        transcript,
        segments,
        ..Interview::default()
    }
}

/// Creates the drafts published, in one transaction with a public-interest decision covering
/// them (their narrators are deceased).
pub fn publish_recorded(store: &dyn Store, drafts: Vec<Draft>) -> Result<(), StoreError> {
    let n = drafts.len();
    let mut ops: Vec<Op> = drafts.into_iter().map(Op::Create).collect();
    ops.push(Op::AddConsentCovering {
        consent: NewConsent {
            kind: ConsentKind::PublicInterest,
            subject: None,
            granted_by: "Рабочая группа (демонстрация нагрузки)".into(),
            covers: vec![],
            scope: vec![],
            bans: vec![],
            document: None,
            signed_on: letopis_core::today(),
            valid_until: None,
            note: None,
        },
        earlier: (0..n).collect(),
        subject_earlier: None,
    });
    store.apply(&Actor::system("demo"), ops, letopis_core::today())?;
    Ok(())
}
