//! The demo museum in a real SQLite file and a real blob store.

use letopis_core::entities::Interview;
use letopis_core::{AgeRating, Body, Kind, RecordId, Viewer};
use letopis_demo::{DemoOptions, DemoSummary, FixtureState, generate};
use letopis_media::{BlobStore, Limits};
use letopis_store::sqlite::SqliteStore;
use letopis_store::{ListQuery, Store};
use std::io::Read;

const TODAY: jiff::civil::Date = jiff::civil::date(2026, 5, 9);

struct Museum {
    _dir: tempfile::TempDir,
    store: SqliteStore,
    blobs: BlobStore,
    summary: DemoSummary,
}

fn museum(options: &DemoOptions) -> Museum {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(dir.path().join("letopis.db")).expect("open store");
    let blobs = BlobStore::open(dir.path().join("media"), Limits::default()).expect("open blobs");
    let summary = generate(&store, &store, &blobs, options, TODAY).expect("generate");
    Museum {
        _dir: dir,
        store,
        blobs,
        summary,
    }
}

fn all_ids(store: &SqliteStore, kind: Kind) -> Vec<RecordId> {
    let admin = Viewer::admin(letopis_core::UserId(1)).filter(TODAY);
    let mut q = ListQuery::new(kind);
    q.limit = 1_000_000;
    store
        .list(&q, &admin)
        .expect("list")
        .items
        .iter()
        .map(|r| r.record.id())
        .collect()
}

fn read_blob(blobs: &BlobStore, sha: &str) -> Vec<u8> {
    let mut f = blobs.open_read(sha).expect("blob exists");
    let mut v = Vec::new();
    f.read_to_end(&mut v).expect("read blob");
    v
}

#[test]
fn default_demo_is_complete_playable_and_gated() {
    let m = museum(&DemoOptions::default());
    let s = &m.summary;
    assert_eq!(s.count(Kind::Person), 300);
    assert!(s.count(Kind::Place) >= 50, "{:?}", s.counts);
    assert!(s.count(Kind::Event) >= 40);
    assert!(s.count(Kind::Organization) >= 10);
    assert!(s.count(Kind::Interview) >= 20);
    assert!(s.count(Kind::Item) >= 100);
    assert!(s.count(Kind::Story) >= 5);
    assert!(s.count(Kind::Collection) >= 3);
    assert!(s.count(Kind::Source) >= 10);
    assert!(s.relations >= 600, "{}", s.relations);
    for kind in Kind::ALL {
        assert_eq!(all_ids(&m.store, kind).len(), s.count(kind), "{kind:?}");
    }

    // Every voice plays for as long as its transcript lasts, and its captions match.
    for id in &s.interviews {
        let rec = m.store.get(*id).unwrap().unwrap().record;
        let Body::Interview(Interview {
            recordings,
            transcript,
            transcript_file,
            ..
        }) = &rec.body
        else {
            panic!()
        };
        assert!(
            (12..=30).contains(&transcript.len()),
            "{}",
            transcript.len()
        );
        let last_end = transcript.last().unwrap().end_ms;
        let wav = read_blob(&m.blobs, &recordings[0].media.sha256);
        let reader = hound::WavReader::new(std::io::Cursor::new(wav)).expect("valid WAV");
        let ms = u64::from(reader.duration()) * 1000 / u64::from(reader.spec().sample_rate);
        assert!(
            ms.abs_diff(u64::from(last_end)) <= 1000,
            "{ms} vs {last_end}"
        );
        assert!((60_000..=180_000).contains(&ms), "{ms}");
        let vtt = String::from_utf8(read_blob(
            &m.blobs,
            &transcript_file.as_ref().unwrap().sha256,
        ))
        .unwrap();
        let cues = letopis_demo::assets::parse_webvtt(&vtt).expect("valid WebVTT");
        assert_eq!(cues.len(), transcript.len());
        for (c, t) in cues.iter().zip(transcript) {
            assert_eq!(
                (c.start_ms, c.end_ms, &c.text),
                (t.start_ms, t.end_ms, &t.text)
            );
        }
    }

    // Every item image decodes and has a Russian text alternative.
    for id in &s.items {
        let rec = m.store.get(*id).unwrap().unwrap().record;
        let Body::Item(item) = &rec.body else {
            panic!()
        };
        for media in &item.media {
            let img =
                image::load_from_memory(&read_blob(&m.blobs, &media.sha256)).expect("decodes");
            assert_eq!(Some(img.width()), media.width);
            assert!(
                media
                    .alt
                    .as_deref()
                    .is_some_and(|a| a.chars().any(|c| ('а'..='я').contains(&c)))
            );
        }
    }

    // Every record is tagged as demonstration content.
    for kind in Kind::ALL {
        for r in m.store.get_many(&all_ids(&m.store, kind)).unwrap() {
            assert!(
                r.record.meta.tags.iter().any(|t| t == "демо"),
                "{}",
                r.record.title()
            );
        }
    }

    // The anonymous visitor sees public records and none of the fixtures.
    let anon = Viewer::anonymous();
    let kiosk = Viewer::anonymous().with_max_age(AgeRating::Twelve);
    let states: Vec<FixtureState> = s.fixtures.iter().map(|f| f.state).collect();
    for wanted in [
        FixtureState::Draft,
        FixtureState::InReview,
        FixtureState::Withdrawn,
        FixtureState::Embargoed,
        FixtureState::Staff,
        FixtureState::Groups,
        FixtureState::Registered,
        FixtureState::NoConsent,
        FixtureState::Rated(AgeRating::Sixteen),
        FixtureState::Rated(AgeRating::Eighteen),
    ] {
        assert!(states.contains(&wanted), "{wanted:?} missing");
    }
    for f in &s.fixtures {
        let stored = m.store.get(f.id).unwrap().unwrap();
        if f.state.hidden_from_anonymous() {
            assert!(
                !stored.audience.admits(&anon, TODAY),
                "{:?} {}",
                f.state,
                stored.record.title()
            );
            assert!(
                stored
                    .audience
                    .admits(&Viewer::admin(letopis_core::UserId(1)), TODAY)
            );
        } else {
            assert!(stored.audience.admits(&anon, TODAY));
            if let FixtureState::Rated(r) = f.state
                && r > AgeRating::Twelve
            {
                assert!(!stored.audience.admits(&kiosk, TODAY));
            }
        }
    }
    let fixture_ids: Vec<RecordId> = s.fixtures.iter().map(|f| f.id).collect();
    let mut public = 0;
    for kind in Kind::ALL {
        for r in m.store.get_many(&all_ids(&m.store, kind)).unwrap() {
            if !fixture_ids.contains(&r.record.id()) {
                assert!(
                    r.audience.admits(&anon, TODAY),
                    "{kind:?} {} should be public",
                    r.record.title()
                );
                public += 1;
            }
        }
    }
    assert!(public > 500);
    let seen = m
        .store
        .list(&ListQuery::new(Kind::Interview), &anon.filter(TODAY))
        .unwrap()
        .total;
    assert_eq!(
        seen as usize,
        s.count(Kind::Interview)
            - s.fixtures
                .iter()
                .filter(|f| f.kind == Kind::Interview && f.state.hidden_from_anonymous())
                .count()
    );
}

#[test]
fn same_seed_same_museum() {
    let a = museum(&DemoOptions {
        persons: 120,
        seed: 7,
    });
    let b = museum(&DemoOptions {
        persons: 120,
        seed: 7,
    });
    for kind in Kind::ALL {
        let titles = |m: &Museum| -> Vec<(String, String)> {
            m.store
                .get_many(&all_ids(&m.store, kind))
                .unwrap()
                .into_iter()
                .map(|r| (r.record.title(), r.record.meta.slug.clone()))
                .collect()
        };
        assert_eq!(titles(&a), titles(&b), "{kind:?}");
    }
    assert_eq!(a.summary.relations, b.summary.relations);
    let c = museum(&DemoOptions {
        persons: 120,
        seed: 8,
    });
    assert_ne!(all_ids(&a.store, Kind::Person).len(), 0);
    let names = |m: &Museum| {
        m.store
            .get_many(&all_ids(&m.store, Kind::Person))
            .unwrap()
            .into_iter()
            .map(|r| r.record.title())
            .collect::<Vec<_>>()
    };
    assert_ne!(names(&a), names(&c));
}

#[test]
fn two_thousand_people() {
    let m = museum(&DemoOptions {
        persons: 2000,
        seed: 1941,
    });
    assert_eq!(m.summary.count(Kind::Person), 2000);
    let admin = Viewer::admin(letopis_core::UserId(1)).filter(TODAY);
    let total = m
        .store
        .list(&ListQuery::new(Kind::Person), &admin)
        .unwrap()
        .total;
    assert_eq!(total, 2000);
}

/// The demo tells lives that hold together: whoever fell, went missing or died of wounds died
/// during the war, and a front letter is dated before its writer's death and within the war.
#[test]
fn the_dead_died_in_the_war_and_letters_come_before_death() {
    let m = museum(&DemoOptions::default());
    let persons = m
        .store
        .get_many(&all_ids(&m.store, Kind::Person))
        .expect("persons");
    for stored in &persons {
        let Body::Person(p) = &stored.record.body else {
            continue;
        };
        if p.fate.is_some_and(|f| f.is_death()) {
            let died = p
                .death
                .as_ref()
                .and_then(|d| d.upper())
                .expect("a date of death");
            assert!(died / 10000 <= 1945, "{} died {died}", p.name.full());
        }
    }
    let items = m
        .store
        .get_many(&all_ids(&m.store, Kind::Item))
        .expect("items");
    let mut letters = 0;
    for stored in &items {
        let Body::Item(item) = &stored.record.body else {
            continue;
        };
        if item.item_type != letopis_core::entities::ItemType::Letter {
            continue;
        }
        letters += 1;
        let written = item.date.as_ref().and_then(|d| d.upper()).expect("dated");
        assert!(
            written / 10000 <= 1945,
            "{}: {written}",
            stored.record.title()
        );
    }
    assert!(letters > 0);
}

#[test]
fn refuses_bad_sizes_and_non_empty_bases() {
    let m = museum(&DemoOptions {
        persons: 100,
        seed: 1,
    });
    let err = generate(&m.store, &m.store, &m.blobs, &DemoOptions::default(), TODAY).unwrap_err();
    assert!(err.to_string().contains("пустой базе"), "{err}");
    let err = generate(
        &m.store,
        &m.store,
        &m.blobs,
        &DemoOptions {
            persons: 5,
            seed: 1,
        },
        TODAY,
    )
    .unwrap_err();
    assert!(err.to_string().contains("Слишком мало"), "{err}");
}

#[test]
fn the_demo_working_groups_have_members_and_a_responsible_person_each() {
    use letopis_store::accounts::Accounts;
    let museum = museum(&DemoOptions {
        persons: 100,
        ..DemoOptions::default()
    });
    let added = letopis_demo::add_working_groups(&museum.store).expect("staff");
    let groups = museum.store.groups().expect("groups");
    // One group per direction of the roadmap, the records' «Краеведы Сходни» among them.
    let mut directions: Vec<&str> = groups.iter().map(|g| g.direction.as_str()).collect();
    directions.sort_unstable();
    directions.dedup();
    assert_eq!(directions.len(), letopis_core::account::DIRECTIONS.len());
    assert!(groups.iter().any(|g| g.name == "Краеведы Сходни"));
    for group in &groups {
        assert!(!group.members.is_empty(), "{} has members", group.name);
        assert_eq!(
            group.members.iter().filter(|m| m.responsible).count(),
            1,
            "{} has one responsible person",
            group.name
        );
    }
    // Nobody can sign in as an invented person, and every address is on the reserved domain.
    let users = museum.store.users().expect("users");
    assert_eq!(users.len(), added);
    assert!(users.iter().all(|u| !u.has_password));
    assert!(
        users
            .iter()
            .all(|u| u.email.as_str().ends_with("@letopis.example"))
    );
    // A second run adds nobody and no group.
    assert_eq!(
        letopis_demo::add_working_groups(&museum.store).expect("again"),
        0
    );
    assert_eq!(museum.store.groups().expect("groups").len(), groups.len());
}

#[test]
fn the_demo_lessons_and_tour_are_published_and_show_only_what_the_base_holds() {
    use letopis_core::account::Role;
    use letopis_core::lesson::{KitState, Material, Purpose};
    use letopis_store::accounts::Accounts;
    let museum = museum(&DemoOptions::default());
    let added = letopis_demo::add_lesson_kits(&museum.store, &museum.store, TODAY).expect("kits");
    assert_eq!(added, 4);

    let kits = museum.store.kits_in(&KitState::ALL).expect("kits");
    assert_eq!(kits.len(), 4);
    assert!(kits.iter().all(|k| k.state == KitState::Published));
    let lessons: Vec<_> = kits
        .iter()
        .filter(|k| k.kit.purpose == Purpose::Lesson)
        .collect();
    let tours: Vec<_> = kits
        .iter()
        .filter(|k| k.kit.purpose == Purpose::Tour)
        .collect();
    assert_eq!((lessons.len(), tours.len()), (3, 1));
    let mut titles: Vec<&str> = lessons.iter().map(|k| k.kit.title.as_str()).collect();
    titles.sort_unstable();
    assert_eq!(
        titles,
        [
            "Дети войны",
            "Оборона Химок, ноябрь — декабрь 1941",
            "Эвакогоспитали в школах"
        ]
    );

    // Their author is the demo's teacher, who cannot sign in.
    let owner = kits[0].owner.expect("an owner");
    assert!(kits.iter().all(|k| k.owner == Some(owner)));
    let teacher = museum.store.user(owner).expect("user").expect("exists");
    assert!(teacher.roles.has(Role::Teacher));
    assert!(!teacher.has_password);
    assert!(teacher.email.as_str().ends_with("@letopis.example"));

    let pupil = Viewer::anonymous().with_max_age(AgeRating::Zero);
    for stored in &kits {
        let kit = &stored.kit;
        kit.validate().expect("a valid kit");
        assert_eq!(stored.slug, letopis_core::names::slugify(&kit.title));
        let count = |code: &str| {
            kit.blocks
                .iter()
                .filter(|b| b.material.code() == code)
                .count()
        };
        match kit.purpose {
            Purpose::Lesson => {
                assert!(count("fragment") >= 1, "{}: a fragment", kit.title);
                assert!(count("detail") >= 1, "{}: a detail", kit.title);
                assert!(kit.question_count() >= 3, "{}: questions", kit.title);
            }
            Purpose::Tour => {
                assert!((5..=7).contains(&kit.blocks.len()), "{}", kit.title);
                assert!(count("fragment") >= 1 && count("record") >= 1);
            }
        }
        // Every record it shows is published, and the strictest school mode shows it.
        for id in kit.references() {
            let r = museum
                .store
                .get(id)
                .expect("get")
                .expect("the record exists");
            assert_eq!(r.record.meta.workflow, letopis_core::Workflow::Published);
            assert!(
                r.audience.admits(&pupil, TODAY),
                "{}: {} is hidden from pupils",
                kit.title,
                r.record.title()
            );
        }
        for b in &kit.blocks {
            let r = museum
                .store
                .get(b.material.record())
                .unwrap()
                .expect("exists");
            match &b.material {
                Material::Detail { sha256, crop, .. } => {
                    for body in [&r.record.body, r.public_body()] {
                        assert!(body.media().iter().any(|m| &m.sha256 == sha256));
                    }
                    assert!(
                        letopis_core::lesson::Crop::new(crop.x, crop.y, crop.w, crop.h).is_some()
                    );
                }
                Material::Fragment {
                    start_ms, end_ms, ..
                } => {
                    let Body::Interview(i) = r.public_body() else {
                        panic!("a fragment of an interview")
                    };
                    assert!(start_ms < end_ms);
                    assert!(*end_ms <= i.recordings[0].duration_ms);
                    // From a cue's start to a cue's end: no word is cut.
                    assert!(i.transcript.iter().any(|c| c.start_ms == *start_ms));
                    assert!(i.transcript.iter().any(|c| c.end_ms == *end_ms));
                }
                Material::Quote { text, .. } => {
                    let Body::Item(item) = r.public_body() else {
                        panic!("a quote from an item")
                    };
                    assert!(item.transcription.lines().any(|l| l.trim() == text));
                }
                Material::Place { .. } => assert_eq!(r.record.kind(), Kind::Place),
                Material::Moment { .. } => assert!(r.record.body.date_span().is_some()),
                Material::Record { .. } => {}
            }
        }
    }

    // A second run adds nothing.
    assert_eq!(
        letopis_demo::add_lesson_kits(&museum.store, &museum.store, TODAY).expect("again"),
        0
    );
    assert_eq!(museum.store.kits_in(&KitState::ALL).expect("kits").len(), 4);
}

#[test]
fn the_demo_media_plan_and_roadmap_standing_fill_the_councils_report_once() {
    use letopis_core::media_plan::{PlanStatus, Quarter};
    use letopis_core::progress::ActivityStatus;
    use letopis_store::accounts::{Accounts, NewActivity};
    let museum = museum(&DemoOptions::default());
    letopis_demo::add_working_groups(&museum.store).expect("staff");
    let added = letopis_demo::add_media_plan(&museum.store, &museum.store, TODAY).expect("plan");
    assert_eq!(added, 7);
    let this = Quarter::of(TODAY);
    let plan = museum
        .store
        .publications_between(this.previous().first_day(), this.last_day())
        .expect("plan");
    assert_eq!(plan.len(), 7);
    for p in &plan {
        assert!(p.publication.validate().is_ok(), "{p:?}");
        // Nothing is out before its day, and what is out has its link.
        let day = p.publication.date.expect("a day");
        assert!(!p.publication.status.is_out() || day <= TODAY, "{p:?}");
    }
    // The publications present public exhibitions and voices of the base.
    let presented: Vec<RecordId> = plan
        .iter()
        .flat_map(|p| p.publication.presents.iter().copied())
        .collect();
    assert!(presented.len() >= 6, "{presented:?}");
    let anonymous = Viewer::anonymous().filter(TODAY);
    let public: Vec<RecordId> = [Kind::Story, Kind::Interview, Kind::Collection]
        .into_iter()
        .flat_map(|kind| {
            museum
                .store
                .list(
                    &ListQuery {
                        limit: 500,
                        ..ListQuery::new(kind)
                    },
                    &anonymous,
                )
                .expect("list")
                .items
                .into_iter()
                .map(|r| r.record.id())
        })
        .collect();
    assert!(
        presented.iter().all(|id| public.contains(id)),
        "{presented:?}"
    );
    assert!(
        plan.iter()
            .any(|p| p.publication.status == PlanStatus::Reported && p.publication.reach.is_some())
    );
    // The roadmap's activities get a standing once.
    let roadmap: Vec<NewActivity> = (1..=13)
        .map(|number| NewActivity {
            number,
            title: format!("Мероприятие {number}"),
            period: String::new(),
            departments: String::new(),
            directions: Vec::new(),
        })
        .collect();
    museum.store.seed_activities(&roadmap).expect("roadmap");
    let given = letopis_demo::add_activity_progress(&museum.store, TODAY).expect("standing");
    assert_eq!(given, 8);
    let standing = museum.store.activity_progress().expect("standing");
    assert!(
        standing
            .iter()
            .any(|(_, p)| p.status == ActivityStatus::Done && !p.responsible.is_empty())
    );
    // A second run adds nothing.
    assert_eq!(
        letopis_demo::add_media_plan(&museum.store, &museum.store, TODAY).expect("again"),
        0
    );
    assert_eq!(
        letopis_demo::add_activity_progress(&museum.store, TODAY).expect("again"),
        0
    );
}
