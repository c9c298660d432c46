//! «Живые голоса»: interviews with invented children of war, each a real WAV recording whose
//! speech follows the transcript, a WebVTT captions file, OHMS-style index segments and the
//! consents that let it be public.

use super::persons::{LIVING_NARRATORS, years_word};
use super::{MARK_CONTENT, pick, rng_for, tags};
use crate::assets::{audio, images};
use crate::generate::{Base, DemoError, End, FixtureState, Planned, PlannedConsent};
use letopis_core::consent::ConsentKind;
use letopis_core::entities::{
    Citation, Cue, Interview, Recording, Redaction, Segment, Sex, SilencedPart,
};
use letopis_core::relation::RelationType;
use letopis_core::scope::ScopeItem;
use letopis_core::{AccessLevel, AgeRating, Body, RecordId, Workflow};
use letopis_store::Draft;

const STREAM: u64 = 0x564F_4943; // "VOIC"
const MIN_MS: u32 = 60_000;
const MAX_MS: u32 = 180_000;

const VOLUNTEERS: &[&str] = &[
    "Анна Белова",
    "Дмитрий Соколов",
    "Ксения Орлова",
    "Илья Гришин",
    "Полина Воронина",
    "Артём Лебедев",
    "Софья Никитина",
    "Егор Зайцев",
];

/// One theme of a conversation: the interviewer's question, the narrator's answer (with `{a}`
/// for the feminine ending and `{x}` for a neighbour's name), and what the index says about it.
struct Topic {
    key: &'static str,
    title: &'static str,
    question: &'static str,
    answers: &'static [&'static str],
    keywords: &'static [&'static str],
    mentions: &'static [&'static str],
    /// Describes death; the interview then carries a content note and a 16+ rating.
    hard: bool,
}

const TOPICS: &[Topic] = &[
    Topic {
        key: "june",
        title: "Как узнали о войне",
        question: "Как вы узнали, что началась война?",
        answers: &[
            "Было воскресенье, тёплый день. Мы с мамой пошли на станцию Химки, а там у репродуктора толпа, и все молчат — выступал Молотов.",
            "Мужчины сразу стали собираться в военкомат, а женщины плакали. Я тогда ещё не понимал{a}, что это надолго.",
        ],
        keywords: &["22 июня 1941 года", "радио", "мобилизация"],
        mentions: &["ev_war_begins", "st_khimki"],
        hard: false,
    },
    Topic {
        key: "neighbour",
        title: "Соседи уходят на фронт",
        question: "Кого из ваших соседей и родных проводили на фронт?",
        answers: &[
            "Наш сосед, {x}, ушёл одним из первых. Провожали всей улицей, он обещал писать каждую неделю.",
            "Письма от него приходили треугольниками, мама читала их вслух всему дому.",
        ],
        keywords: &["проводы", "письма с фронта"],
        mentions: &["ev_mobilization"],
        hard: false,
    },
    Topic {
        key: "raids",
        title: "Налёты и зажигалки",
        question: "Помните налёты на Химки?",
        answers: &[
            "Немцы летели бомбить канал и мост. Мы, ребятишки, дежурили на чердаке со взрослыми: ящик с песком, щипцы, бочка с водой.",
            "Зажигалку надо было схватить щипцами и сунуть в песок. Страшно было, но мы гордились, что нам доверяют.",
        ],
        keywords: &["МПВО", "зажигательные бомбы", "канал"],
        mentions: &["ev_raids_khimki", "canal", "khimki_bridge"],
        hard: false,
    },
    Topic {
        key: "october",
        title: "Шестнадцатое октября",
        question: "Что происходило у вас в середине октября сорок первого?",
        answers: &[
            "Шестнадцатого октября говорили, что Москву сдают. По шоссе шли машины и подводы, на станции грузили заводские станки в эшелоны.",
            "Завод № 301 увозили на восток, многие соседи уехали вместе с ним. А мы остались: мама сказала, никуда из дома не поедем.",
        ],
        keywords: &["московская паника", "эвакуация завода"],
        mentions: &["ev_panic", "ev_evacuation_301", "plant_301"],
        hard: false,
    },
    Topic {
        key: "ditch",
        title: "Противотанковый ров",
        question: "Жители строили укрепления?",
        answers: &[
            "Мама с другими женщинами копала противотанковый ров у Подрезкова. Уходили затемно, возвращались с кровавыми мозолями.",
            "Я носил{a} им обед в узелке: картошку и хлеб. Земля уже промёрзла, долбили ломами.",
        ],
        keywords: &["оборонительные работы", "противотанковый ров"],
        mentions: &["ev_fortifications", "ditch_podrezkovo"],
        hard: false,
    },
    Topic {
        key: "front",
        title: "Фронт у порога",
        question: "Было ли слышно, что фронт совсем близко?",
        answers: &[
            "В конце ноября канонада была слышна и днём, и ночью. Говорили, немцы у Крюкова и у Красной Поляны.",
            "На шоссе поставили ежи и надолбы — там, где теперь памятник. Мимо нашего дома шли на фронт сибиряки в белых полушубках.",
        ],
        keywords: &["битва под Москвой", "Ленинградское шоссе", "Ежи"],
        mentions: &["ev_ezhi_line", "ezhi", "kryukovo", "leningrad_highway"],
        hard: false,
    },
    Topic {
        key: "dead",
        title: "Погибшие на шоссе",
        question: "Вы видели сами, как шли бои?",
        answers: &[
            "Боёв я не видел{a}, но видел{a}, как везли раненых и убитых с шоссе. Убитых складывали у школы, потом хоронили в братской могиле.",
            "Одного молоденького бойца я помню до сих пор: лежал на санях, совсем мальчишка. Мама закрыла мне глаза ладонью.",
        ],
        keywords: &["братская могила", "потери"],
        mentions: &["novogorsk_memorial", "ev_ezhi_line"],
        hard: true,
    },
    Topic {
        key: "hospital",
        title: "Госпиталь в нашей школе",
        question: "В вашей школе был госпиталь?",
        answers: &[
            "Да, в школе в Старых Химках устроили госпиталь. Мы приходили к раненым, читали им газеты, писали за них письма домой.",
            "Один раненый вырезал мне из дерева ложку, она до сих пор у меня хранится.",
        ],
        keywords: &["эвакогоспиталь", "школа", "раненые"],
        mentions: &["ev_hospital_school", "school_khimki"],
        hard: false,
    },
    Topic {
        key: "december",
        title: "Немцев отогнали",
        question: "Как вы узнали, что немцев отогнали от Москвы?",
        answers: &[
            "В декабре по радио передали сообщение Совинформбюро, и взрослые плакали от радости.",
            "По шоссе пошли наши войска на запад, а канонада стала уходить всё дальше и дальше.",
        ],
        keywords: &["контрнаступление", "Совинформбюро"],
        mentions: &["ev_counteroffensive", "ev_sovinformburo"],
        hard: false,
    },
    Topic {
        key: "winter",
        title: "Карточки и голод",
        question: "Как жили в ту зиму?",
        answers: &[
            "Жили по карточкам, хлеба давали мало. Стояли в очередях с ночи, номер писали химическим карандашом на ладони.",
            "Весной сажали картошку везде, где только можно, даже очистки сажали.",
        ],
        keywords: &["карточки", "голод"],
        mentions: &["ev_cards"],
        hard: false,
    },
    Topic {
        key: "work",
        title: "Ящик под ногами у станка",
        question: "Вам пришлось работать в войну?",
        answers: &[
            "С тринадцати лет я работал{a} на заводе. До станка не доставал{a}, мастер поставил мне ящик под ноги.",
            "Смена была по двенадцать часов. Зато давали рабочую карточку, и дома было чуть сытнее.",
        ],
        keywords: &["подростки на заводе", "труд в тылу"],
        mentions: &["ev_teen_workers", "machine_works"],
        hard: false,
    },
    Topic {
        key: "school",
        title: "Снова в школу",
        question: "Когда снова начались занятия в школе?",
        answers: &[
            "Осенью сорок второго нас опять собрали в школе. Писали на старых газетах, чернила делали из сажи.",
            "В классе было холодно, сидели в пальто, а учительница грела руки у печки.",
        ],
        keywords: &["школа в войну"],
        mentions: &["ev_schools_reopen", "school_skhodnya"],
        hard: false,
    },
    Topic {
        key: "victory",
        title: "Девятое мая",
        question: "Как вы встретили День Победы?",
        answers: &[
            "Утром девятого мая все высыпали на улицу, на станции незнакомые люди обнимались и плакали.",
            "А вечером мы забрались на крышу и смотрели салют над Москвой. Такого счастья я больше никогда не испытывал{a}.",
        ],
        keywords: &["День Победы", "салют"],
        mentions: &["ev_victory_khimki", "ev_victory"],
        hard: false,
    },
];

const INTRO_Q: &str = "Расскажите, пожалуйста, где вы родились и где жила ваша семья перед войной.";
const CLOSING_Q: &str = "Что бы вы хотели сказать сегодняшним школьникам?";
const CLOSING_A: &[&str] = &[
    "Берегите друг друга и помните тех, кто не вернулся. Пока мы помним, они с нами.",
    "Учитесь хорошо и не забывайте, какой ценой досталась Победа. Приходите к памятнику «Ежи» и на мемориал в Новогорске.",
    "Я хочу, чтобы вы никогда не узнали, что такое война. А помнить о ней нужно обязательно.",
];

fn g<'a>(sex: Sex, m: &'a str, f: &'a str) -> &'a str {
    if sex == Sex::Female { f } else { m }
}

struct Line {
    speaker: String,
    text: String,
    /// Index into the conversation's topics; a segment starts at the first line of each.
    topic: usize,
}

/// The interview published under a pseudonym, with a closed stretch and a silenced public copy
/// of its recording (issue #13): a living narrator, public, 0+.
pub(crate) const PSEUDONYMOUS: usize = 2;

/// An interview's still, the size of the demo's portraits.
const STILL_SIZE: (u32, u32) = (360, 480);

/// The narrator's answer (by transcript line) the narrator asked to close.
const CLOSED_LINE: usize = 3;

/// The interview as its narrator chose to publish it: under a pseudonym, with one answer closed
/// and a public copy of the recording in which that answer is silent.
fn under_pseudonym(
    base: &mut Base,
    mut body: Interview,
    wav: &[u8],
    sex: Sex,
    n: usize,
) -> Result<Interview, DemoError> {
    let initial = body
        .title
        .split_whitespace()
        .nth(2)
        .and_then(|s| s.chars().next())
        .unwrap_or('Н');
    let pseudonym = format!("{} {initial}.", g(sex, "Рассказчик", "Рассказчица"));
    let closed = &body.transcript[CLOSED_LINE.min(body.transcript.len() - 1)];
    let redactions = vec![Redaction {
        start_ms: closed.start_ms,
        end_ms: closed.end_ms,
        reason: "Семейные подробности: рассказчица просила не публиковать (демонстрационно)."
            .into(),
    }];
    let silent = audio::silence_wav(wav, closed.start_ms, closed.end_ms);
    let copy = base.media(
        &silent,
        &format!("interview-{:02}-public.wav", n + 1),
        Some(format!("Запись беседы: {pseudonym}")),
        Some("Аудиозапись интервью; закрытый фрагмент заглушён".into()),
        None,
    )?;
    body.silenced = vec![SilencedPart {
        part: 0,
        media: copy,
        redactions: redactions.clone(),
    }];
    body.redactions = redactions;
    body.pseudonym = Some(pseudonym);
    Ok(body)
}

pub(crate) fn plan(base: &mut Base) -> Result<Vec<Planned>, DemoError> {
    let narrators: Vec<_> = base.narrators().into_iter().cloned().collect();
    let neighbours: Vec<_> = base
        .people(|p| {
            p.unit.is_some()
                && p.workflow == Workflow::Published
                && p.settings.access == AccessLevel::Public
        })
        .into_iter()
        .map(|n| (n.id, n.plan.person.name.natural()))
        .collect();
    let mut out = Vec::with_capacity(narrators.len());
    for (n, narrator) in narrators.iter().enumerate() {
        let mut rng = rng_for(base.seed, STREAM, n as u64);
        let person = &narrator.plan.person;
        let sex = person.sex.unwrap_or(Sex::Female);
        let a = g(sex, "", "а");
        let name = person.name.natural();
        let hard = n == LIVING_NARRATORS || n == 3;
        let neighbour = pick(&mut rng, &neighbours).clone();
        // Middle topics: a chronological subset; the hard one only where the rating says so.
        let mut chosen: Vec<usize> = Vec::new();
        loop {
            chosen.clear();
            for (t, topic) in TOPICS.iter().enumerate() {
                let wanted = if topic.hard {
                    hard
                } else {
                    rng.u32(..100) < 45
                };
                if wanted {
                    chosen.push(t);
                }
            }
            if (4..=8).contains(&chosen.len()) {
                break;
            }
        }
        let home = super::places::def(narrator.plan.home);
        let born = person.birth.as_ref().and_then(|b| b.year()).unwrap_or(1934);
        let mut lines = vec![
            Line {
                speaker: "Интервьюер".into(),
                text: INTRO_Q.into(),
                topic: 0,
            },
            Line {
                speaker: name.clone(),
                text: format!(
                    "Я {} в {born} году. Жили мы {}, в деревянном доме недалеко от станции. Когда началась война, мне было {}.",
                    g(sex, "родился", "родилась"),
                    home.loc,
                    years_word(1941 - born)
                ),
                topic: 0,
            },
        ];
        let mut topics_used: Vec<Option<&Topic>> = vec![None];
        let mut total;
        let mut utterances;
        loop {
            let mut all = lines
                .iter()
                .map(|l| (l.speaker.clone(), l.text.clone(), l.topic))
                .collect::<Vec<_>>();
            let mut used = topics_used.clone();
            for &t in &chosen {
                let topic = &TOPICS[t];
                used.push(Some(topic));
                let k = used.len() - 1;
                all.push(("Интервьюер".into(), topic.question.into(), k));
                let n_answers = if rng.bool() { topic.answers.len() } else { 1 };
                for ans in &topic.answers[..n_answers] {
                    all.push((
                        name.clone(),
                        ans.replace("{a}", a).replace("{x}", &neighbour.1),
                        k,
                    ));
                }
            }
            used.push(None);
            let k = used.len() - 1;
            all.push(("Интервьюер".into(), CLOSING_Q.into(), k));
            all.push((name.clone(), pick(&mut rng, CLOSING_A).to_string(), k));
            let texts: Vec<&str> = all.iter().map(|l| l.1.as_str()).collect();
            let (u, t) = audio::plan_utterances(&texts, base.seed ^ n as u64);
            total = t;
            utterances = u;
            let cue_count = all.len();
            if total > MAX_MS || cue_count > 30 {
                // Too long: drop a middle topic (never the one that set the rating).
                if let Some(pos) = chosen.iter().rposition(|&t| !TOPICS[t].hard) {
                    chosen.remove(pos);
                    continue;
                }
            }
            if (total < MIN_MS || cue_count < 12)
                && let Some(extra) =
                    (0..TOPICS.len()).find(|t| !chosen.contains(t) && !TOPICS[*t].hard)
            {
                chosen.push(extra);
                chosen.sort_unstable();
                continue;
            }
            lines = all
                .into_iter()
                .map(|(speaker, text, topic)| Line {
                    speaker,
                    text,
                    topic,
                })
                .collect();
            topics_used = used;
            break;
        }
        let transcript: Vec<Cue> = lines
            .iter()
            .zip(&utterances)
            .map(|(l, u)| Cue {
                start_ms: u.start_ms,
                end_ms: u.end_ms,
                speaker: Some(l.speaker.clone()),
                text: l.text.clone(),
            })
            .collect();
        let wav = audio::synth_voice_wav(&utterances, total, base.seed.wrapping_add(n as u64));
        let vtt_text = letopis_core::webvtt::write_webvtt(&transcript);
        let audio_ref = base.media(
            &wav,
            &format!("interview-{:02}.wav", n + 1),
            Some(format!("Запись беседы с рассказчиком: {name}")),
            Some("Аудиозапись интервью; текст беседы приведён в расшифровке".into()),
            None,
        )?;
        let vtt_ref = base.media(
            vtt_text.as_bytes(),
            &format!("interview-{:02}.vtt", n + 1),
            Some("Расшифровка (WebVTT)".into()),
            None,
            None,
        )?;

        let mut segments = Vec::new();
        let mut mention_ids: Vec<RecordId> = Vec::new();
        for (k, topic) in topics_used.iter().enumerate() {
            let Some(first) = lines.iter().position(|l| l.topic == k) else {
                continue;
            };
            let start_ms = transcript[first].start_ms;
            let (title, synopsis, keywords, mentions): (
                String,
                String,
                Vec<String>,
                Vec<RecordId>,
            ) = match topic {
                None if k == 0 => (
                    "Детство и семья".into(),
                    format!(
                        "Рассказчи{} о довоенной жизни {}.",
                        g(sex, "к", "ца"),
                        home.loc
                    ),
                    vec!["семья".into(), home.name.into()],
                    vec![base.reg.id(home.key)],
                ),
                None => (
                    "Обращение к школьникам".into(),
                    "Что важно помнить о войне.".into(),
                    vec!["память".into()],
                    vec![],
                ),
                Some(t) => {
                    let mut m: Vec<RecordId> = t.mentions.iter().map(|k| base.reg.id(k)).collect();
                    if t.key == "neighbour" {
                        m.push(neighbour.0);
                    }
                    let first_answer = lines
                        .iter()
                        .find(|l| l.topic == k && l.speaker != "Интервьюер")
                        .map(|l| l.text.clone())
                        .unwrap_or_default();
                    (
                        t.title.into(),
                        first_answer,
                        t.keywords.iter().map(|s| s.to_string()).collect(),
                        m,
                    )
                }
            };
            for id in &mentions {
                if !mention_ids.contains(id) {
                    mention_ids.push(*id);
                }
            }
            segments.push(Segment {
                start_ms,
                title,
                synopsis,
                keywords,
                mentions,
                ..Segment::default()
            });
        }

        let deceased = n >= LIVING_NARRATORS;
        let pseudonymous = n == PSEUDONYMOUS;
        let year = if deceased { 2020 } else { rng.i16(2020..=2024) };
        let (month, day) = (rng.i8(1..=12), rng.i8(1..=28));
        let place_key = pick(&mut rng, super::places::RECORDING_PLACES);
        let place = super::places::def(place_key);
        let interviewers = vec![
            pick(&mut rng, VOLUNTEERS).to_string(),
            pick(&mut rng, VOLUNTEERS).to_string(),
        ];
        let mut interviewers_unique = interviewers.clone();
        interviewers_unique.dedup();
        let headline = topics_used
            .iter()
            .flatten()
            .find(|t| !t.hard)
            .map(|t| t.title)
            .unwrap_or("Детство в войну");
        let themes: Vec<String> = topics_used
            .iter()
            .flatten()
            .map(|t| t.title.to_lowercase())
            .collect();
        // A still for the lists: drawn, not photographed, and none beside a pseudonym (the
        // portal would withhold it anyway; the demo does not pretend otherwise).
        let still = if pseudonymous {
            None
        } else {
            let jpeg = images::portrait_jpeg(
                base.seed ^ ((n as u64 + 1) << 20),
                STILL_SIZE.0,
                STILL_SIZE.1,
                images::Sitter {
                    woman: sex == Sex::Female,
                    soldier: false,
                },
            );
            Some(base.media(
                &jpeg,
                &format!("interview-still-{n}.jpg"),
                Some(format!(
                    "{name} на встрече с волонтёрами. Нарисовано для демонстрации"
                )),
                Some(format!(
                    "Нарисованный для демонстрации портрет в сепии, не фотография: {name}"
                )),
                Some(STILL_SIZE),
            )?)
        };
        let body = Interview {
            title: format!("{name}: «{headline}»"),
            summary: format!(
                "{} вспоминает военное детство {}: {}. Запись сделана волонтёрами {}. {MARK_CONTENT}",
                name,
                home.loc,
                themes.join(", "),
                place.loc
            ),
            narrator_deceased: deceased,
            interviewers: interviewers_unique.clone(),
            recorded: Some(super::edtf(&format!("{year:04}-{month:02}-{day:02}"))),
            language: "ru".into(),
            recordings: vec![Recording {
                media: audio_ref,
                duration_ms: total,
                label: "Запись целиком".into(),
                withheld: false,
            }],
            still,
            transcript_file: Some(vtt_ref),
            transcript,
            segments,
            sources: vec![Citation {
                source: Some(base.reg.id("src_oral_fund")),
                text: "Фонд устных свидетельств музея (демонстрационный)".into(),
                locator: Some(format!("ДЕМО-ИНТ-{:03}", n + 1)),
            }],
            ..Interview::default()
        };
        let body = if pseudonymous {
            under_pseudonym(base, body, &wav, sex, n)?
        } else {
            body
        };
        let mut settings = tags(&["Живые голоса", "дети войны", home.district]);
        let mut fixture = None;
        let mut withdraw = false;
        let mut workflow = Workflow::Published;
        if hard {
            settings.content_note = Some("В воспоминаниях есть рассказ о гибели людей.".into());
            settings.age_rating = if n == 3 {
                AgeRating::Twelve
            } else {
                AgeRating::Sixteen
            };
            fixture = Some(FixtureState::Rated(settings.age_rating));
        }
        match n {
            5 => {
                settings.embargo_until = base.today.checked_add(jiff::Span::new().years(5)).ok();
                fixture = Some(FixtureState::Embargoed);
            }
            7 => {
                withdraw = true;
                fixture = Some(FixtureState::Withdrawn);
            }
            11 => {
                workflow = Workflow::Draft;
                fixture = Some(FixtureState::Draft);
            }
            13 => {
                settings.access = AccessLevel::Registered;
                fixture = Some(FixtureState::Registered);
            }
            _ => {}
        }
        let mut p = Planned::new(Draft {
            body: Body::Interview(body),
            settings,
            workflow,
        });
        p.fixture = fixture;
        p.withdraw = withdraw;
        p.link(End::Id(narrator.id), RelationType::NarratorOf, End::This);
        p.link(
            End::This,
            RelationType::RecordedAt,
            End::Id(base.reg.id(place_key)),
        );
        p.link(
            End::Id(base.reg.id("src_oral_fund")),
            RelationType::SourceOf,
            End::This,
        );
        for id in mention_ids {
            p.link(End::This, RelationType::Mentions, End::Id(id));
        }
        let signed = jiff::civil::date(year, month, day);
        if deceased {
            p.consents.push(PlannedConsent {
                kind: ConsentKind::Heirs,
                subject: Some(narrator.id),
                granted_by: format!(
                    "Наследник рассказчика (демонстрационно): {}",
                    g(sex, "сын", "дочь")
                ),
                also_covers: vec![narrator.id],
                scope: vec![
                    ScopeItem::Name,
                    ScopeItem::FullDates,
                    ScopeItem::Biography,
                    ScopeItem::Photo,
                    ScopeItem::Recording,
                    ScopeItem::Transcript,
                ],
                bans: vec![],
                signed_on: jiff::civil::date(2025, 3, 1),
                note: Some("Демонстрационное согласие: рассказчик вымышлен.".into()),
            });
        } else {
            p.consents.push(PlannedConsent {
                kind: ConsentKind::Publication,
                subject: Some(narrator.id),
                granted_by: person.name.full(),
                // A narrator under a pseudonym keeps their own record out of public view: the
                // consent covers the recording, not the person's name.
                also_covers: if pseudonymous {
                    vec![]
                } else {
                    vec![narrator.id]
                },
                scope: if pseudonymous {
                    vec![ScopeItem::Recording, ScopeItem::Transcript]
                } else {
                    // Photographs too: the still from the meeting stands for the interview.
                    vec![
                        ScopeItem::Name,
                        ScopeItem::Years,
                        ScopeItem::Photo,
                        ScopeItem::Recording,
                        ScopeItem::Transcript,
                        ScopeItem::Biography,
                    ]
                },
                bans: vec!["не публиковать домашний адрес".into()],
                signed_on: signed,
                note: Some("Демонстрационное согласие: рассказчик вымышлен.".into()),
            });
        }
        p.consents.push(PlannedConsent {
            kind: ConsentKind::Release,
            subject: Some(narrator.id),
            granted_by: person.name.full(),
            also_covers: vec![],
            scope: vec![ScopeItem::Recording, ScopeItem::Transcript],
            bans: vec![],
            signed_on: signed,
            note: Some(format!(
                "Передача прав на запись музею; записали: {}.",
                interviewers_unique.join(", ")
            )),
        });
        out.push(p);
    }
    Ok(out)
}
