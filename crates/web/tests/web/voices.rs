//! «Живые голоса»: the narrator's choices are enforced on every public read path (issue #6).
//! A pseudonym replaces the narrator's name and unties the narrator's record; a closed stretch is
//! silent in the public copy of the recording, absent from the page, the captions, the API, the
//! index and search; the original file is not served; publishing waits for the narrator's
//! approval; and the narrator's withdrawal takes the interview and the narrator off every public
//! path in the same request.

use crate::studio::{PASSWORD, Session, add_user, location, sign_in, upload};
use crate::support::{Seeded, TestApp, spawn_searchable_app};
use letopis_core::account::Role;
use letopis_core::consent::{ConsentKind, NewConsent};
use letopis_core::entities::{Cue, Interview, MediaRef, Person, Recording, Segment};
use letopis_core::history::Actor;
use letopis_core::names::PersonName;
use letopis_core::relation::NewRelation;
use letopis_core::{Body, Edtf, RelationType, Workflow};
use letopis_store::{Draft, Op};
use std::time::Duration;

const CLOSED: &str = "патефон";

/// 20 s of a steady tone, mono 8 kHz, as a WAV file.
fn wav() -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: 8000,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut w = hound::WavWriter::new(&mut out, spec).expect("wav");
    for i in 0..160_000u32 {
        w.write_sample(if i % 2 == 0 { 3000i16 } else { -3000 })
            .expect("sample");
    }
    w.finalize().expect("finalize");
    out.into_inner()
}

fn cue(from: u32, to: u32, speaker: &str, text: &str) -> Cue {
    Cue {
        start_ms: from * 1000,
        end_ms: to * 1000,
        speaker: Some(speaker.into()),
        text: text.into(),
    }
}

/// The narrator (deceased, public by the group's decision) and her interview, a draft the
/// volunteer wrote, tied together.
fn seed(app: &TestApp, volunteer: letopis_core::UserId, sha: &str) -> (Seeded, Seeded) {
    let actor = Actor::user(volunteer, "Волонтёр Вера");
    let person = Draft::published(Body::Person(Person {
        name: PersonName::new("Ершова", "Мария", "Ивановна"),
        birth: Edtf::parse("1932").ok(),
        death: Edtf::parse("2019").ok(),
        biography: "Дочь рабочего завода.".into(),
        ..Person::default()
    }));
    let interview = Draft {
        workflow: Workflow::Draft,
        ..Draft::published(Body::Interview(Interview {
            title: "Воспоминания о детстве в Химках".into(),
            narrator_deceased: true,
            interviewers: vec!["Вера".into()],
            recordings: vec![Recording {
                media: MediaRef {
                    sha256: sha.into(),
                    mime: "audio/wav".into(),
                    caption: None,
                    alt: None,
                    width: None,
                    height: None,
                },
                duration_ms: 20_000,
                label: "Запись целиком".into(),
                withheld: false,
            }],
            transcript: vec![
                cue(0, 4, "Вера", "Расскажите о детстве."),
                cue(4, 9, "Мария Ершова", "Мы жили у станции Химки."),
                cue(10, 15, "Мария Ершова", "Отец прятал патефон в сарае."),
                cue(16, 20, "Мария Ершова", "Потом пришла Победа."),
            ],
            segments: vec![
                Segment {
                    start_ms: 0,
                    title: "Детство у станции".into(),
                    ..Segment::default()
                },
                Segment {
                    start_ms: 10_000,
                    title: "Тайна сарая".into(),
                    keywords: vec![CLOSED.into()],
                    ..Segment::default()
                },
                Segment {
                    start_ms: 16_000,
                    title: "Победа".into(),
                    ..Segment::default()
                },
            ],
            ..Interview::default()
        }))
    };
    let out = app
        .store
        .apply(
            &actor,
            vec![
                Op::Create(person),
                Op::Create(interview),
                Op::AddConsentCovering {
                    consent: NewConsent {
                        kind: ConsentKind::PublicInterest,
                        subject: None,
                        granted_by: "Рабочая группа «Живые голоса»".into(),
                        covers: vec![],
                        scope: vec!["ФИО".into(), "аудиозапись".into(), "расшифровка".into()],
                        bans: vec![],
                        document: None,
                        signed_on: letopis_core::today(),
                        valid_until: None,
                        note: None,
                    },
                    earlier: vec![0, 1],
                    subject_earlier: None,
                },
            ],
            letopis_core::today(),
        )
        .expect("seed");
    let seeded = |i: usize| {
        let id = out[i].record_id().expect("id");
        let rec = app.store.get(id).expect("read").expect("stored").record;
        Seeded {
            id,
            kind: rec.kind(),
            slug: rec.meta.slug.clone(),
            title: rec.title(),
        }
    };
    let (person, interview) = (seeded(0), seeded(1));
    app.store
        .apply(
            &actor,
            vec![Op::Relate(NewRelation::new(
                person.id,
                RelationType::NarratorOf,
                interview.id,
            ))],
            letopis_core::today(),
        )
        .expect("relate");
    (person, interview)
}

/// The interview's studio form as the volunteer fills it.
async fn save(
    app: &TestApp,
    s: &Session,
    interview: &Seeded,
    sha: &str,
    approved: &str,
) -> reqwest::Response {
    let version = app
        .store
        .get(interview.id)
        .expect("read")
        .expect("stored")
        .record
        .meta
        .version
        .to_string();
    s.post(
        app,
        &format!("/studio/records/{}", interview.id.0),
        &[
            ("version", &version),
            ("title", "Воспоминания о детстве в Химках"),
            ("narrator_deceased", "on"),
            ("interviewers", "Вера"),
            ("recordings", sha),
            ("recordings_alt", "Запись целиком"),
            ("language", "ru"),
            ("pseudonym", "Рассказчица М."),
            ("redactions", "0:00:10–0:00:16 семейная история"),
            ("narrator_approved", approved),
        ],
    )
    .await
}

async fn search_finds(app: &TestApp, q: &str, interview: &Seeded) -> bool {
    let (status, json) = app
        .json(&format!("/api/v1/search?q={}", urlencode(q)))
        .await;
    assert_eq!(status, 200, "{json}");
    json.to_string().contains(&interview.slug)
}

fn urlencode(q: &str) -> String {
    q.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn a_narrators_choices_hold_on_every_public_path_until_withdrawal() {
    let app = spawn_searchable_app(|_| {}).await;
    let volunteer = add_user(&app, "vera@example.ru", "Волонтёр Вера", &[Role::Volunteer]);
    add_user(&app, "eduard@example.ru", "Эксперт Эдуард", &[Role::Expert]);
    let vol = sign_in(&app, "vera@example.ru").await;
    let exp = sign_in(&app, "eduard@example.ru").await;
    let _ = PASSWORD;
    let (status, json) = upload(&app, &vol, "запись.wav", &wav(), 1 << 20).await;
    assert_eq!(status, 200, "{json}");
    let original = json["file"]["sha256"].as_str().expect("sha").to_string();
    let (narrator, interview) = seed(&app, volunteer, &original);
    let rec = format!("/studio/records/{}", interview.id.0);

    // The volunteer records the narrator's choices; approval is still missing.
    let r = save(&app, &vol, &interview, &original, "").await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    assert_eq!(
        vol.post(&app, &format!("{rec}/workflow"), &[("to", "in_review")])
            .await
            .status(),
        303
    );
    let r = exp
        .post(&app, &format!("{rec}/workflow"), &[("to", "published")])
        .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("рассказчик (а если его нет в живых — наследники) ещё не одобрил")
    );
    assert_eq!(app.get(&interview.page()).await.status(), 404);
    // Approved: back to the volunteer, who records the date; the expert publishes.
    exp.post(&app, &format!("{rec}/workflow"), &[("to", "draft")])
        .await;
    let r = save(&app, &vol, &interview, &original, "2026-11-20").await;
    assert_eq!(r.status(), 303, "{}", location(&r));
    vol.post(&app, &format!("{rec}/workflow"), &[("to", "in_review")])
        .await;
    let r = exp
        .post(&app, &format!("{rec}/workflow"), &[("to", "published")])
        .await;
    assert_eq!(r.status(), 303);

    // The page: the closed stretch is marked, not shown; the pseudonym stands for the narrator;
    // the narrator's record is not named.
    let (status, page) = app.text(&interview.page()).await;
    assert_eq!(status, 200);
    assert!(page.contains("Потом пришла Победа."));
    assert!(page.contains(letopis_core::entities::REDACTED_TEXT));
    assert!(!page.contains(CLOSED) && !page.contains("Тайна сарая"));
    assert!(page.contains("Рассказчица М.") && !page.contains("Мария Ершова"));
    assert!(!page.contains(&narrator.slug), "the narrator is not tied");
    assert!(!page.contains(&original), "the original file is not named");
    let (_, person_page) = app.text(&narrator.page()).await;
    assert!(!person_page.contains(&interview.slug));
    // Captions and the API carry the same public view.
    let (status, vtt) = app
        .text(&format!("/interviews/{}/captions/1.vtt", interview.slug))
        .await;
    assert_eq!(status, 200);
    assert!(!vtt.contains(CLOSED) && vtt.contains("Победа"));
    let (status, api) = app.json(&interview.api()).await;
    assert_eq!(status, 200);
    let api_text = api.to_string();
    assert!(!api_text.contains(CLOSED) && !api_text.contains("Мария Ершова"));
    assert!(!api_text.contains(&original) && !api_text.contains("семейная история"));
    // The recording: the original is not served; the public copy is silent exactly there.
    assert_eq!(app.get(&format!("/media/{original}")).await.status(), 404);
    let copy = api["body"]["recordings"][0]["media"]["sha256"]
        .as_str()
        .expect("the public copy")
        .to_string();
    assert_ne!(copy, original);
    let bytes = app
        .get(&format!("/media/{copy}"))
        .await
        .bytes()
        .await
        .expect("copy");
    let samples: Vec<i16> = hound::WavReader::new(std::io::Cursor::new(bytes.to_vec()))
        .expect("wav")
        .samples::<i16>()
        .map(|s| s.expect("sample"))
        .collect();
    assert_eq!(samples.len(), 160_000);
    assert!(samples[..80_000].iter().all(|s| *s != 0), "0–10 s plays");
    assert!(
        samples[80_000..128_000].iter().all(|s| *s == 0),
        "10–16 s is silent"
    );
    assert!(samples[128_000..].iter().all(|s| *s != 0), "16–20 s plays");
    // Search finds the open words, never the closed ones.
    let mut indexed = false;
    for _ in 0..60 {
        if search_finds(&app, "Победа", &interview).await {
            indexed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(indexed, "the interview is searchable");
    assert!(!search_finds(&app, CLOSED, &interview).await);
    assert!(!search_finds(&app, "Тайна сарая", &interview).await);
    // The museum still has it all in the studio.
    let (_, studio_page) = exp.get(&app, &rec).await;
    assert!(studio_page.contains("семейная история"));

    // Materials are destroyed only after a withdrawal.
    let r = exp
        .post(
            &app,
            &format!("{rec}/destroy-materials"),
            &[("confirm", "on")],
        )
        .await;
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("только у отозванного интервью")
    );
    // A withdrawal without saying who asked is refused, and nothing changes.
    let r = exp
        .post(
            &app,
            &format!("{rec}/narrator-withdrawal"),
            &[("requested_on", "2026-11-25"), ("disposition", "archive")],
        )
        .await;
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("укажите, кто попросил")
    );
    assert_eq!(app.get(&interview.page()).await.status(), 200);
    // The narrator withdraws: gone from every public path in the same request.
    let r = exp
        .post(
            &app,
            &format!("{rec}/narrator-withdrawal"),
            &[
                ("requested_by", "Ершова М. И. (дочь, по доверенности)"),
                ("requested_on", "2026-11-25"),
                ("disposition", "destroy"),
                ("destroy_by", "2026-12-25"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    for path in [
        interview.page(),
        interview.api(),
        narrator.page(),
        narrator.api(),
        format!("/interviews/{}/captions/1.vtt", interview.slug),
        format!("/media/{copy}"),
    ] {
        let status = app.get(&path).await.status().as_u16();
        assert!(status == 404 || status == 410, "{path}: {status}");
    }
    assert!(!search_finds(&app, "Победа", &interview).await);
    let (_, sitemap) = app.text("/sitemap.xml").await;
    let (_, feed) = app.text("/feed.atom").await;
    for text in [&sitemap, &feed] {
        assert!(!text.contains(&interview.slug) && !text.contains(&narrator.slug));
    }
    // Who asked, when, and what happens to the materials are on record.
    let (_, history) = exp.get(&app, &format!("{rec}/history")).await;
    assert!(history.contains("уничтожить до 2026-12-25"), "{history}");
    let consents = app.store.consents_covering(interview.id).expect("consents");
    assert!(consents.iter().all(|c| c.withdrawn_at.is_some()));
    // The withdrawal asked for destruction: without the confirmation nothing happens; with it the
    // recordings and the transcript leave the record, its whole history and the blob store.
    let blob = |sha: &str| app.media_root.join(&sha[0..2]).join(&sha[2..4]).join(sha);
    assert!(blob(&original).is_file() && blob(&copy).is_file());
    let r = exp
        .post(
            &app,
            &format!("{rec}/destroy-materials"),
            &[("grounds", "отзыв")],
        )
        .await;
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("нельзя будет восстановить")
    );
    assert!(blob(&original).is_file());
    let r = exp
        .post(
            &app,
            &format!("{rec}/destroy-materials"),
            &[
                ("confirm", "on"),
                ("grounds", "отзыв от 2026-11-25, срок по 152-ФЗ"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    assert!(!blob(&original).exists() && !blob(&copy).exists());
    let Body::Interview(left) = app
        .store
        .get(interview.id)
        .expect("read")
        .expect("the record stays, as a trace")
        .record
        .body
    else {
        unreachable!()
    };
    assert!(left.recordings.is_empty() && left.transcript.is_empty() && left.segments.is_empty());
    let history = app
        .store
        .history(letopis_core::history::Subject::Record(interview.id))
        .expect("history");
    let all = serde_json::to_string(&history).expect("json");
    assert!(!all.contains(CLOSED) && !all.contains("Потом пришла Победа"));
    assert!(!all.contains(&original));
    let (_, page) = exp.get(&app, &rec).await;
    assert!(
        page.contains("Материалы уничтожены: файлов удалено — 2"),
        "{page}"
    );
    let (_, audit) = {
        add_user(&app, "admin@example.ru", "Админ", &[Role::Admin]);
        let admin = sign_in(&app, "admin@example.ru").await;
        admin.get(&app, "/studio/audit").await
    };
    assert!(audit.contains("уничтожение материалов"));
}

#[tokio::test]
async fn transcripts_come_in_and_go_out_as_files_and_are_typed_in_the_form() {
    let app = spawn_searchable_app(|_| {}).await;
    let volunteer = add_user(&app, "vera@example.ru", "Волонтёр Вера", &[Role::Volunteer]);
    let vol = sign_in(&app, "vera@example.ru").await;
    let (status, json) = upload(&app, &vol, "запись.wav", &wav(), 1 << 20).await;
    assert_eq!(status, 200, "{json}");
    let sha = json["file"]["sha256"].as_str().expect("sha").to_string();
    let (narrator, interview) = seed(&app, volunteer, &sha);
    let rec = format!("/studio/records/{}", interview.id.0);
    let version = |app: &TestApp| {
        app.store
            .get(interview.id)
            .expect("read")
            .expect("stored")
            .record
            .meta
            .version
            .to_string()
    };
    let cues = |app: &TestApp| match app
        .store
        .get(interview.id)
        .expect("read")
        .expect("stored")
        .record
        .body
    {
        Body::Interview(i) => i.transcript,
        _ => unreachable!(),
    };
    // A malformed file names its line and changes nothing.
    let bad = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nПервая.\n\n00:00:02.000 --> 00:61:00.000\nВторая.\n";
    let r = vol
        .post(
            &app,
            &format!("{rec}/transcript-import"),
            &[
                ("version", &version(&app)),
                ("format", "auto"),
                ("content", bad),
            ],
        )
        .await;
    let page = r.text().await.expect("body");
    assert!(
        page.contains("Файл не загружен, запись не изменилась"),
        "{page}"
    );
    assert!(page.contains("строка 6"), "the line is named: {page}");
    assert_eq!(cues(&app).len(), 4);
    // A good WebVTT replaces the transcript, milliseconds intact.
    let good = "WEBVTT\n\n00:00:01.250 --> 00:00:03.500\n<v Вера>Как вас зовут?\n\n00:00:04.000 --> 00:00:08.750\n<v Мария Ершова>Мария, а по отцу Ивановна.\n";
    let r = vol
        .post(
            &app,
            &format!("{rec}/transcript-import"),
            &[
                ("version", &version(&app)),
                ("format", "auto"),
                ("content", good),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let now = cues(&app);
    assert_eq!(now.len(), 2);
    assert_eq!((now[0].start_ms, now[1].end_ms), (1_250, 8_750));
    assert_eq!(now[1].speaker.as_deref(), Some("Мария Ершова"));
    // Exports for the museum, each in the audit log.
    for (name, needle) in [
        ("transcript.srt", "00:00:01,250 --> 00:00:03,500"),
        ("transcript.vtt", "<v Мария Ершова>"),
        ("transcript.txt", "[00:00:04] Мария Ершова: Мария"),
        ("ohms.xml", "Детство у станции"),
    ] {
        let (status, text) = vol.get(&app, &format!("{rec}/files/{name}")).await;
        assert_eq!(status, 200, "{name}");
        assert!(text.contains(needle), "{name}: {text}");
    }
    assert_eq!(
        vol.get(&app, &format!("{rec}/files/secret.exe")).await.0,
        404
    );
    // Saving the form untouched keeps the milliseconds; typing in the box changes the cues.
    let (_, form) = vol.get(&app, &rec).await;
    let typed = crate::studio::between(&form, "name=\"transcript\"", "</textarea>")
        .and_then(|t| t.split_once('>'))
        .map(|(_, t)| {
            t.replace("&#91;", "[")
                .replace("&#93;", "]")
                .replace("&#58;", ":")
        })
        .expect("the transcript box");
    assert!(typed.contains("Мария Ершова"), "{typed}");
    let fields = |transcript: &str, version: String| {
        vec![
            ("version".to_string(), version),
            ("title".into(), "Воспоминания о детстве в Химках".into()),
            ("narrator_deceased".into(), "on".into()),
            ("interviewers".into(), "Вера".into()),
            ("recordings".into(), sha.clone()),
            ("language".into(), "ru".into()),
            ("transcript".into(), transcript.to_string()),
        ]
    };
    let pairs = fields(
        &letopis_core::transcript::write_plain(&cues(&app)),
        version(&app),
    );
    let r = vol.post_pairs(&app, &rec, &pairs).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        cues(&app)[0].start_ms,
        1_250,
        "untouched text keeps milliseconds"
    );
    let typed = "[00:00:01] Вера: Как вас зовут?\n[00:00:04] Мария Ершова: Мария. [неразборчиво 00:00:06] Ивановна.\n[00:00:09]";
    let pairs = fields(typed, version(&app));
    let r = vol.post_pairs(&app, &rec, &pairs).await;
    assert_eq!(r.status(), 303);
    let now = cues(&app);
    assert_eq!(now.len(), 2);
    assert!(now[1].text.contains("[неразборчиво 00:00:06]"));
    assert_eq!(now[1].end_ms, 9_000);
    // A typed mark that is not a time is explained, and what was typed stays.
    let pairs = fields("[00:00:01] Вера: Начнём.\n[00:75:00] Ой.", version(&app));
    let r = vol.post_pairs(&app, &rec, &pairs).await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    assert!(page.contains("Расшифровка: строка 2"), "{page}");
    assert_eq!(cues(&app).len(), 2, "nothing saved");
    // The index is written in its own box; a segment ties the moment to the narrator's record.
    let transcript_now = letopis_core::transcript::write_plain(&cues(&app));
    let mut pairs = fields(&transcript_now, version(&app));
    pairs.push(("segments".into(), "Знакомство без отметки".into()));
    let r = vol.post_pairs(&app, &rec, &pairs).await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("Оглавление (индекс): Строка 1")
    );
    let mut pairs = fields(&transcript_now, version(&app));
    pairs.push((
        "segments".into(),
        format!(
            "[00:00:00] Знакомство\nКратко: Рассказчица называет себя.\nУпоминаются: №{}\n\n[00:00:04] Имя",
            narrator.id.0
        ),
    ));
    let r = vol.post_pairs(&app, &rec, &pairs).await;
    assert_eq!(r.status(), 303);
    let Body::Interview(stored) = app
        .store
        .get(interview.id)
        .expect("read")
        .expect("stored")
        .record
        .body
    else {
        unreachable!()
    };
    assert_eq!(stored.segments.len(), 2);
    assert_eq!(stored.segments[0].mentions, [narrator.id]);
    assert_eq!(stored.segments[0].synopsis, "Рассказчица называет себя.");
}

#[tokio::test]
async fn consents_keep_the_signed_scan_and_the_representatives_authority() {
    let app = spawn_searchable_app(|_| {}).await;
    let volunteer = add_user(&app, "vera@example.ru", "Волонтёр Вера", &[Role::Volunteer]);
    add_user(
        &app,
        "coord@example.ru",
        "Координатор",
        &[Role::Coordinator, Role::Expert],
    );
    let vol = sign_in(&app, "vera@example.ru").await;
    let coord = sign_in(&app, "coord@example.ru").await;
    let (_, json) = upload(&app, &vol, "запись.wav", &wav(), 1 << 20).await;
    let sha = json["file"]["sha256"].as_str().expect("sha").to_string();
    let (_, interview) = seed(&app, volunteer, &sha);
    let rec = format!("/studio/records/{}", interview.id.0);
    let (_, page) = coord.get(&app, &rec).await;
    assert!(page.contains("информированное согласие на запись интервью"));
    let (status, json) = upload(
        &app,
        &coord,
        "согласие.jpg",
        &crate::studio::jpeg_with_gps(),
        1 << 20,
    )
    .await;
    assert_eq!(status, 200, "{json}");
    let scan = json["file"]["sha256"].as_str().expect("scan").to_string();
    // A representative without the document of authority is not enough.
    let r = coord
        .post(
            &app,
            &format!("{rec}/consents"),
            &[
                ("kind", "informed"),
                ("granted_by", "Ершова М. И."),
                ("signed_on", "2026-10-01"),
                ("representative", "Ершов П. П., сын"),
            ],
        )
        .await;
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("укажите и его, и документ о его полномочиях")
    );
    let r = coord
        .post(
            &app,
            &format!("{rec}/consents"),
            &[
                ("kind", "informed"),
                ("granted_by", "Ершова М. И."),
                ("signed_on", "2026-10-01"),
                ("bans", "не публиковать адрес"),
                ("representative", "Ершов П. П., сын"),
                ("authority", "доверенность № 12 от 01.02.2025"),
                ("document", &scan),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, page) = coord.get(&app, &rec).await;
    assert!(page.contains("доверенность № 12 от 01.02.2025"));
    assert!(page.contains("не публиковать адрес"));
    assert!(page.contains(&format!("/studio/media/{scan}")));
    let bogus = "0".repeat(64);
    let r = coord
        .post(
            &app,
            &format!("{rec}/consents"),
            &[
                ("kind", "release"),
                ("granted_by", "Ершова М. И."),
                ("signed_on", "2026-10-01"),
                ("document", &bogus),
            ],
        )
        .await;
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("Скан согласия не найден")
    );
    // Informed consent publishes nothing: the draft interview stays closed.
    assert_eq!(app.get(&interview.page()).await.status(), 404);
}
