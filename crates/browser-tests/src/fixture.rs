//! The museum the browser tests look at: one published record of every kind, with real media,
//! linked to each other so that every section of every page type has something to show.
//!
//! When `letopis_demo::generate` lands, `seed` becomes a call to it; the page list below stays.

use anyhow::{Context, Result};
use letopis_core::consent::{ConsentKind, NewConsent};
use letopis_core::entities::{
    Block, Citation, Collection, Cue, Event, Fate, HistoricName, Interview, Item, ItemType,
    MediaRef, Organization, Person, PersonRole, Place, Recording, Segment, Service, Sex, Source,
    Story,
};
use letopis_core::history::Actor;
use letopis_core::names::PersonName;
use letopis_core::{Body, Edtf, Kind, NewRelation, RecordId, RelationType};
use letopis_demo::assets::{audio, images};
use letopis_media::BlobStore;
use letopis_store::{Draft, Op, Store};

/// A kind of public page. Every audit runs once per page type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageType {
    Home,
    List,
    Record(Kind),
    NotFound,
}

impl PageType {
    /// Every public page type that exists today, home first.
    pub fn all() -> Vec<PageType> {
        let mut all = vec![PageType::Home, PageType::List];
        all.extend(Kind::ALL.into_iter().map(PageType::Record));
        all.push(PageType::NotFound);
        all
    }

    pub fn name(self) -> &'static str {
        match self {
            PageType::Home => "home",
            PageType::List => "list",
            PageType::Record(kind) => kind.code(),
            PageType::NotFound => "404",
        }
    }
}

/// Where each page type can be seen in the seeded museum.
#[derive(Debug, Clone)]
pub struct Pages {
    records: Vec<(Kind, String)>,
}

impl Pages {
    /// The path (with a leading slash) of a page of this type.
    pub fn path(&self, page: PageType) -> String {
        match page {
            PageType::Home => "/".into(),
            PageType::List => "/persons".into(),
            PageType::NotFound => "/persons/net-takoy-zapisi".into(),
            PageType::Record(kind) => self
                .records
                .iter()
                .find(|(k, _)| *k == kind)
                .map(|(_, path)| path.clone())
                .unwrap_or_else(|| format!("/{}/1", kind.plural())),
        }
    }

    /// Every page type with its path.
    pub fn all(&self) -> Vec<(PageType, String)> {
        PageType::all()
            .into_iter()
            .map(|p| (p, self.path(p)))
            .collect()
    }
}

fn editor() -> Actor {
    Actor::user(1, "Редактор")
}

fn expert() -> Actor {
    Actor::user(2, "Эксперт")
}

struct Seeder<'a> {
    store: &'a dyn Store,
    blobs: &'a BlobStore,
    today: jiff::civil::Date,
    records: Vec<(Kind, String)>,
}

impl Seeder<'_> {
    fn create(&mut self, body: Body) -> Result<RecordId> {
        let kind = body.kind();
        let out = self
            .store
            .apply(
                &editor(),
                vec![Op::Create(Draft::published(body))],
                self.today,
            )
            .with_context(|| format!("seeding a {}", kind.code()))?;
        let id = out
            .into_iter()
            .next()
            .and_then(|o| o.record_id())
            .context("the store returned no id for a created record")?;
        let slug = self
            .store
            .get(id)?
            .context("a seeded record vanished")?
            .record
            .meta
            .slug;
        self.records
            .push((kind, format!("/{}/{}", kind.plural(), slug)));
        Ok(id)
    }

    /// Deceased people's records are public on an expert's documented public-interest decision.
    fn public_interest(&self, id: RecordId) -> Result<()> {
        let consent = NewConsent {
            kind: ConsentKind::PublicInterest,
            subject: Some(id),
            granted_by: "Эксперт рабочей группы".into(),
            covers: vec![id],
            scope: vec!["ФИО".into(), "биография".into()],
            bans: vec![],
            document: None,
            signed_on: self.today,
            valid_until: None,
            note: None,
        };
        self.store
            .apply(&expert(), vec![Op::AddConsent(consent)], self.today)
            .context("recording a public-interest decision")?;
        Ok(())
    }

    fn relate(&self, from: RecordId, rtype: RelationType, to: RecordId) -> Result<()> {
        self.store
            .apply(
                &editor(),
                vec![Op::Relate(NewRelation::new(from, rtype, to))],
                self.today,
            )
            .context("relating seeded records")?;
        Ok(())
    }

    fn media(&self, bytes: &[u8], name: &str, mime: &str, alt: Option<&str>) -> Result<MediaRef> {
        let blob = self
            .blobs
            .put_bytes(bytes, Some(name))
            .with_context(|| format!("storing {name}"))?;
        Ok(MediaRef {
            sha256: blob.sha256,
            mime: mime.into(),
            caption: alt.map(|_| name.into()),
            alt: alt.map(Into::into),
            width: None,
            height: None,
        })
    }
}

fn date(text: &str) -> Option<Edtf> {
    Edtf::parse(text).ok()
}

const LINES: [&str; 3] = [
    "Осенью сорок первого мы копали противотанковые рвы за станцией.",
    "Отец ушёл на фронт в июле, письма приходили до весны.",
    "В госпитале на Школьной улице мы, школьники, читали раненым вслух.",
];

/// Seeds one published record of every kind into an empty store and returns where their pages are.
pub fn seed(store: &dyn Store, blobs: &BlobStore, today: jiff::civil::Date) -> Result<Pages> {
    let mut s = Seeder {
        store,
        blobs,
        today,
        records: Vec::new(),
    };
    let source_id = s.create(Body::Source(Source {
        title: "Книга памяти Химкинского района".into(),
        archive: "ЦАМО".into(),
        fund: "58".into(),
        inventory: "18001".into(),
        file: "412".into(),
        citation: "ЦАМО, ф. 58, оп. 18001, д. 412".into(),
        ..Source::default()
    }))?;
    let cite = |text: &str| Citation {
        source: Some(source_id),
        text: text.into(),
        locator: Some("л. 12".into()),
    };
    let station = s.create(Body::Place(Place {
        name: "Станция Сходня".into(),
        other_names: vec![HistoricName {
            name: "Платформа Сходня".into(),
            period: date("1941/1945"),
        }],
        district: "Сходня".into(),
        lat: Some(55.95),
        lon: Some(37.3),
        description: "Железнодорожная станция, через которую шли эшелоны на фронт.".into(),
        ..Place::default()
    }))?;
    let portrait = s.media(
        &images::photo_jpeg(7, 480, 640),
        "portrait.jpg",
        "image/jpeg",
        Some("Пётр Иванов в гимнастёрке, 1941 год"),
    )?;
    let hero = s.create(Body::Person(Person {
        name: PersonName {
            surname: "Иванов".into(),
            given: "Пётр".into(),
            patronymic: "Сергеевич".into(),
            variants: vec!["Иванов Петр".into()],
            ..PersonName::default()
        },
        sex: Some(Sex::Male),
        birth: date("1921-03-14"),
        death: date("1942-11~"),
        birth_place: "Сходня".into(),
        fate: Some(Fate::Killed),
        roles: vec![PersonRole::Soldier],
        service: Service {
            rank: "рядовой".into(),
            unit: "16-я армия".into(),
            drafted: "Химкинским РВК".into(),
        },
        awards: vec!["Медаль «За отвагу»".into()],
        biography: "Родился в Сходне, работал на заводе. Призван в июле 1941 года.".into(),
        sources: vec![cite("Донесение о безвозвратных потерях")],
        portrait: Some(portrait),
        ..Person::default()
    }))?;
    s.public_interest(hero)?;
    let letter = s.media(
        &images::letter_jpeg(11, 800, 1100, 14),
        "letter.jpg",
        "image/jpeg",
        Some("Письмо-треугольник, написанное карандашом"),
    )?;
    let item = s.create(Body::Item(Item {
        item_type: ItemType::Letter,
        title: "Письмо с фронта, март 1942".into(),
        description: "Письмо Петра Иванова матери.".into(),
        date: date("1942-03"),
        media: vec![letter],
        transcription: "Здравствуй, мама! У нас всё хорошо, скоро весна.".into(),
        holder: "Семья Ивановых".into(),
        provenance: "Передано внучкой в 2020 году.".into(),
        sources: vec![cite("Семейный архив")],
        ..Item::default()
    }))?;
    let interview = seed_interview(&mut s, station, hero)?;
    let event = s.create(Body::Event(Event {
        title: "Налёт на станцию Сходня".into(),
        date: date("1941-11-23"),
        description: "Немецкая авиация бомбила станцию и эшелоны.".into(),
        sources: vec![cite("Сводка МПВО")],
        ..Event::default()
    }))?;
    let org = s.create(Body::Organization(Organization {
        name: "Сходненский завод".into(),
        other_names: vec![HistoricName {
            name: "Завод № 5".into(),
            period: date("1941/1945"),
        }],
        active: date("1930/1960"),
        description: "В годы войны выпускал корпуса мин.".into(),
        ..Organization::default()
    }))?;
    s.create(Body::Story(Story {
        title: "Станция в сорок первом".into(),
        lead: "Как жители Сходни провожали эшелоны и встречали раненых.".into(),
        authors: vec!["Школьный музей".into()],
        blocks: vec![
            Block::Heading {
                text: "Осень".into(),
            },
            Block::Text {
                text: "Каждый день через станцию проходили эшелоны.".into(),
            },
            Block::Quote {
                text: LINES[0].into(),
                attribution: "Из интервью".into(),
                record: Some(interview),
            },
            Block::Record { record: hero },
            Block::Map {
                places: vec![station],
            },
        ],
        ..Story::default()
    }))?;
    s.create(Body::Collection(Collection {
        title: "Урок: письма с фронта".into(),
        description: "Набор для урока истории в 8 классе.".into(),
        members: vec![hero, item, event],
        lesson: "Прочитайте письмо и найдите на карте станцию.".into(),
    }))?;
    s.relate(hero, RelationType::BornIn, station)?;
    s.relate(hero, RelationType::WorkedAt, org)?;
    s.relate(hero, RelationType::ParticipatedIn, event)?;
    s.relate(item, RelationType::Mentions, hero)?;
    Ok(Pages { records: s.records })
}

fn seed_interview(s: &mut Seeder, place: RecordId, hero: RecordId) -> Result<RecordId> {
    let (utterances, total_ms) = audio::plan_utterances(&LINES, 3);
    let wav = audio::synth_voice_wav(&utterances, total_ms, 3);
    let recording = s.media(&wav, "interview.wav", "audio/wav", None)?;
    let cues: Vec<Cue> = utterances
        .iter()
        .zip(LINES)
        .map(|(u, text)| Cue {
            start_ms: u.start_ms,
            end_ms: u.end_ms,
            speaker: Some("Рассказчица".into()),
            text: text.into(),
        })
        .collect();
    let vtt_cues: Vec<letopis_demo::assets::vtt::Cue> = cues
        .iter()
        .map(|c| letopis_demo::assets::vtt::Cue {
            start_ms: c.start_ms,
            end_ms: c.end_ms,
            speaker: c.speaker.clone(),
            text: c.text.clone(),
        })
        .collect();
    let vtt = letopis_demo::assets::vtt::write_webvtt(&vtt_cues);
    let captions = s.media(vtt.as_bytes(), "interview.vtt", "text/vtt", None)?;
    let id = s.create(Body::Interview(Interview {
        title: "Воспоминания Анны Петровны о 1941 годе".into(),
        summary: "Об окопах у станции, об отце и о госпитале.".into(),
        narrator_deceased: true,
        interviewers: vec!["Школьный поисковый отряд".into()],
        recorded: date("2015-05-06"),
        language: "ru".into(),
        recordings: vec![Recording {
            media: recording,
            duration_ms: total_ms,
            label: String::new(),
        }],
        transcript_file: Some(captions),
        transcript: cues,
        segments: vec![Segment {
            start_ms: 0,
            title: "Осень 1941 года".into(),
            synopsis: "Окопы у станции.".into(),
            keywords: vec!["окопы".into(), "станция".into()],
            mentions: vec![place, hero],
        }],
        ..Interview::default()
    }))?;
    s.public_interest(id)?;
    s.relate(id, RelationType::Mentions, hero)?;
    Ok(id)
}
