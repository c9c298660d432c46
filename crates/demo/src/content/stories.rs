//! Exhibitions: ordered blocks of headings, text, quotes from the voices, images, audio fragments,
//! maps and record cards, each about one theme of the town's war.

use super::{MARK_CONTENT, tags};
use crate::generate::{Base, DemoError, End, FixtureState, Planned};
use letopis_core::entities::{Block, Item, ItemType, Story};
use letopis_core::relation::RelationType;
use letopis_core::{Body, RecordId, Workflow};

/// An interview fragment about a topic: the answer quoted, and the stretch played with it.
struct Fragment {
    interview: RecordId,
    quote: String,
    who: String,
    /// The quoted answer's own stretch: the public reads the words from the transcript there.
    cue: (u32, u32),
    /// The stretch the audio block plays: from the question to the end of the answer.
    play: (u32, u32),
}

fn fragment(voices: &[(RecordId, Body)], title: &str, skip: usize) -> Option<Fragment> {
    voices
        .iter()
        .filter_map(|(id, body)| match body {
            Body::Interview(i) => {
                let seg = i.segments.iter().find(|s| s.title == title)?;
                let cue = i.transcript.iter().find(|c| {
                    c.start_ms > seg.start_ms && c.speaker.as_deref() != Some("Интервьюер")
                })?;
                Some(answer(*id, cue, seg.start_ms))
            }
            _ => None,
        })
        .nth(skip)
}

fn answer(interview: RecordId, cue: &letopis_core::entities::Cue, from_ms: u32) -> Fragment {
    Fragment {
        interview,
        quote: cue.text.clone(),
        who: cue.speaker.clone().unwrap_or_default(),
        cue: (cue.start_ms, cue.end_ms),
        play: (from_ms, cue.end_ms),
    }
}

/// Two answers of the interview published under a pseudonym (issue #13): one the public hears
/// under the pseudonym, and the one the narrator closed, which only the editor's preview shows
/// (as a placeholder).
fn pseudonymous(voices: &[(RecordId, Body)]) -> Vec<Fragment> {
    let Some((id, i)) = voices.iter().find_map(|(id, b)| match b {
        Body::Interview(i) if i.pseudonym.is_some() => Some((*id, i)),
        _ => None,
    }) else {
        return Vec::new();
    };
    let narrator = |c: &&letopis_core::entities::Cue| c.speaker.as_deref() != Some("Интервьюер");
    let closed = i.transcript.iter().filter(narrator).find(|c| {
        i.redactions
            .iter()
            .any(|r| r.overlaps(c.start_ms, c.end_ms))
    });
    let open = i.transcript.iter().filter(narrator).find(|c| {
        c.start_ms > closed.map_or(0, |c| c.end_ms)
            && !i
                .redactions
                .iter()
                .any(|r| r.overlaps(c.start_ms, c.end_ms))
    });
    [open, closed]
        .into_iter()
        .flatten()
        .map(|c| answer(id, c, c.start_ms))
        .collect()
}

fn images(items: &[(RecordId, Body)], f: impl Fn(&Item) -> bool) -> Vec<(RecordId, &Item)> {
    items
        .iter()
        .filter_map(|(id, b)| match b {
            Body::Item(i) if f(i) && !i.media.is_empty() => Some((*id, i)),
            _ => None,
        })
        .collect()
}

struct StoryBuilder<'a> {
    base: &'a Base<'a>,
    blocks: Vec<Block>,
    links: Vec<RecordId>,
}

impl<'a> StoryBuilder<'a> {
    fn new(base: &'a Base<'a>) -> Self {
        StoryBuilder {
            base,
            blocks: Vec::new(),
            links: Vec::new(),
        }
    }
    fn heading(&mut self, t: &str) -> &mut Self {
        self.blocks.push(Block::Heading { text: t.into() });
        self
    }
    fn text(&mut self, t: &str) -> &mut Self {
        self.blocks.push(Block::Text { text: t.into() });
        self
    }
    fn map(&mut self, keys: &[&str]) -> &mut Self {
        let places: Vec<RecordId> = keys.iter().map(|k| self.base.reg.id(k)).collect();
        self.links.extend(&places);
        self.blocks.push(Block::Map { places });
        self
    }
    fn card(&mut self, key: &str) -> &mut Self {
        let id = self.base.reg.id(key);
        self.card_id(id)
    }
    fn card_id(&mut self, id: RecordId) -> &mut Self {
        self.links.push(id);
        self.blocks.push(Block::Record { record: id });
        self
    }
    fn image(&mut self, img: Option<(RecordId, &Item)>) -> &mut Self {
        if let Some((id, item)) = img {
            self.links.push(id);
            self.blocks.push(Block::Image {
                media: item.media[0].clone(),
                record: Some(id),
            });
        }
        self
    }
    fn voice(&mut self, f: Option<Fragment>) -> &mut Self {
        if let Some(f) = f {
            self.links.push(f.interview);
            self.quote(&f);
            self.blocks.push(Block::Audio {
                interview: f.interview,
                start_ms: f.play.0,
                end_ms: f.play.1,
            });
        }
        self
    }
    /// A quotation of an interview names the stretch it quotes; what the public reads there
    /// comes from the interview's public transcript, not from this copy.
    fn quote(&mut self, f: &Fragment) -> &mut Self {
        self.links.push(f.interview);
        self.blocks.push(Block::Quote {
            text: f.quote.clone(),
            attribution: format!("{}, «Живые голоса»", f.who),
            record: Some(f.interview),
            start_ms: Some(f.cue.0),
            end_ms: Some(f.cue.1),
        });
        self
    }
    fn finish(&mut self, title: &str, lead: &str, extra_tags: &[&str]) -> Planned {
        self.text(MARK_CONTENT);
        let story = Story {
            title: title.into(),
            lead: lead.into(),
            authors: vec!["Рабочая группа музея (демонстрационно)".into()],
            cover: self.blocks.iter().find_map(|b| match b {
                Block::Image { media, .. } => Some(media.clone()),
                _ => None,
            }),
            cover_record: None,
            blocks: std::mem::take(&mut self.blocks),
            family: None,
        };
        let mut p = Planned::new(super::published(Body::Story(story), tags(extra_tags)));
        let mut seen = Vec::new();
        for id in self.links.drain(..) {
            if !seen.contains(&id) {
                seen.push(id);
                p.link(End::This, RelationType::Mentions, End::Id(id));
            }
        }
        p
    }
}

pub(crate) fn plan(
    base: &mut Base,
    voices: &[(RecordId, Body)],
    items: &[(RecordId, Body)],
) -> Result<Vec<Planned>, DemoError> {
    let base: &Base = base;
    let photos = images(items, |i| i.item_type == ItemType::Photo);
    let letters = images(items, |i| i.item_type == ItemType::Letter);
    let docs = images(items, |i| i.item_type == ItemType::Document);
    let find = |needle: &str| {
        photos
            .iter()
            .copied()
            .find(|(_, i)| i.title.contains(needle))
    };
    let mut out = Vec::new();

    let mut s = StoryBuilder::new(base);
    s.heading("Ноябрь 1941 года: враг у Ленинградского шоссе")
        .text("Во второй половине ноября 1941 года немецкие танковые дивизии обходили Москву с севера. После оставления Солнечногорска бои шли у Крюкова, Лобни и Красной Поляны, а на 23-м километре Ленинградского шоссе, у самых Химок, строили противотанковые заграждения.")
        .map(&["line_23km", "ezhi", "kryukovo", "krasnaya_polyana", "solnechnogorsk", "khimki", "canal"])
        .card("ev_november_offensive")
        .voice(fragment(voices, "Фронт у порога", 0))
        .heading("Декабрь: контрнаступление")
        .text("5–6 декабря Красная армия перешла в контрнаступление. 8 декабря освободили Крюково, 12 декабря — Солнечногорск. В 1966 году на рубеже у 23-го километра поставили памятник «Ежи».")
        .card("ev_counteroffensive")
        .image(find("Ежи"))
        .card("ezhi");
    out.push(s.finish(
        "Рубеж у Ежей: ноябрь–декабрь 1941",
        "Как фронт подошёл к Химкам и был отброшен на запад.",
        &["экспозиция", "1941", "битва под Москвой"],
    ));

    let mut s = StoryBuilder::new(base);
    s.heading("Классы стали палатами")
        .text("Летом и осенью 1941 года многие подмосковные школы отдали под госпитали. В демонстрационной базе — школа в Старых Химках и госпиталь в Сходне: учителя стали санитарками, а школьники читали раненым письма и газеты.")
        .image(find("Медсёстры"))
        .voice(fragment(voices, "Госпиталь в нашей школе", 0))
        .map(&["school_khimki", "hospital_skhodnya", "skhodnya_grave"])
        .card("org_evac_hospital")
        .card("org_hospital_skhodnya")
        .heading("Снова за парты")
        .text("Осенью 1942 года занятия возобновились: писали на полях старых газет, сидели в пальто.")
        .voice(fragment(voices, "Снова в школу", 0));
    out.push(s.finish(
        "Химкинские школы-госпитали",
        "Как школы стали госпиталями и как дети помогали раненым.",
        &["экспозиция", "госпитали", "школы"],
    ));

    let mut s = StoryBuilder::new(base);
    s.heading("Детство, которое кончилось 22 июня")
        .text("Дети Сходни дежурили на крышах во время налётов, собирали металлолом и колоски, стояли в очередях за хлебом, а с тринадцати лет вставали к станку.")
        .voice(fragment(voices, "Налёты и зажигалки", 0))
        .image(find("Сходня"))
        .voice(fragment(voices, "Ящик под ногами у станка", 0))
        .image(find("металлолом"))
        .map(&["skhodnya", "st_skhodnya", "school_skhodnya", "workshop_skhodnya"])
        .voice(fragment(voices, "Девятое мая", 0));
    for f in pseudonymous(voices) {
        s.quote(&f);
    }
    for n in base
        .narrators()
        .iter()
        .filter(|n| n.plan.home == "skhodnya")
        .take(3)
    {
        s.card_id(n.id);
    }
    out.push(s.finish(
        "Дети войны Сходни",
        "Военное детство по воспоминаниям «Живых голосов».",
        &["экспозиция", "дети войны", "Сходня"],
    ));

    let mut s = StoryBuilder::new(base);
    s.heading("Треугольники")
        .text("Письма с фронта складывали треугольником: конвертов не хватало. Их читали вслух всей семьёй и хранили десятилетиями. Тексты писем в демонстрационной базе вымышлены, но написаны так, как писали тогда.");
    // Each letter is shown from its record (its picture, caption and card), never copied: a
    // letter closed later, or under an embargo, leaves the story with it.
    for l in letters.iter().take(4) {
        s.image(Some(*l)).card_id(l.0);
    }
    s.voice(fragment(voices, "Соседи уходят на фронт", 0));
    if let Some(d) = docs.first() {
        s.heading("Когда писем больше нет").image(Some(*d));
    }
    out.push(s.finish(
        "Письма с фронта",
        "Фронтовые треугольники из семейных архивов.",
        &["экспозиция", "письма с фронта"],
    ));

    let mut s = StoryBuilder::new(base);
    s.heading("Октябрь 1941: эшелоны на восток")
        .text("В октябре 1941 года оборудование химкинских заводов грузили в эшелоны; 16 октября по Москве прокатилась паника. Часть рабочих уехала вместе с заводом, часть осталась и работала в мастерских.")
        .card("ev_evacuation_301")
        .image(find("перед эвакуацией"))
        .voice(fragment(voices, "Шестнадцатое октября", 0))
        .heading("Возвращение")
        .text("В 1942–1943 годах цеха восстановили, к станкам встали женщины и подростки.")
        .image(find("Подростки-токари"))
        .card("ev_return_plants")
        .map(&["plant_301", "machine_works", "workshop_skhodnya", "st_khimki"]);
    out.push(s.finish(
        "Завод в эвакуации и возвращение",
        "Как химкинские заводы уезжали на восток и возвращались.",
        &["экспозиция", "тыл", "завод"],
    ));

    // A draft exhibition still being written, to show that drafts stay in the studio.
    let mut s = StoryBuilder::new(base);
    s.heading("Первый День Победы в Химках")
        .text("Черновик: подобрать фотографии митинга и воспоминания о салюте.")
        .voice(fragment(voices, "Девятое мая", 1))
        .card("ev_victory_khimki");
    let mut draft = s.finish(
        "9 мая 1945 года в Химках",
        "Рабочий вариант экспозиции.",
        &["экспозиция", "День Победы"],
    );
    draft.draft.workflow = Workflow::InReview;
    draft.fixture = Some(FixtureState::InReview);
    out.push(draft);

    Ok(out)
}
