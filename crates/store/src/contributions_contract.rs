//! The contract every engine's [`Contributions`] meets. Each check takes a fresh, empty store;
//! an engine's test file runs them all with
//! [`contributions_contract_tests!`](crate::contributions_contract_tests).

use crate::Accounts;
use crate::accounts::NewUser;
use crate::contributions::{
    Contributions, EventKind, Moderator, NewFile, NewSubmission, QueueFilter,
};
use crate::{Draft, Op, Store, StoreError};
use jiff::{SignedDuration, Timestamp};
use letopis_core::account::{Email, Role};
use letopis_core::contribution::{Contribution, DeclineReason, FamilyAccount, MAX_FILES, Status};
use letopis_core::entities::Story;
use letopis_core::history::Actor;
use letopis_core::relation::{NewRelation, RelationType};
use letopis_core::{Body, ConsentKind, NewConsent, RecordId};
use letopis_core::{SubmissionId, UserId};

/// Expands to one `#[test]` per check, each on a store made by `$make`.
#[macro_export]
macro_rules! contributions_contract_tests {
    ($make:expr) => {
        $crate::contributions_contract_tests!(@each $make;
            drafts_are_found_by_their_secret_and_never_queued,
            the_pipeline_refuses_moves_it_does_not_allow,
            files_are_limited_and_orphans_reported,
            confirmation_and_conversation_are_kept,
            the_queue_filters_by_status_moderator_and_words,
            floods_are_counted_by_origin_and_address,
            abandoned_drafts_are_purged,
            withdrawal_erases_the_family_words,
            publication_links_records,
            publication_into_a_known_person_keeps_its_id,
            of_two_publications_one_wins_and_the_other_leaves_nothing,
            a_failed_publication_leaves_nothing);
    };
    (@each $make:expr; $($name:ident),*) => {
        $(
            #[test]
            fn $name() {
                let store = $make;
                $crate::contributions_contract::$name(&*store);
            }
        )*
    };
}

/// What the checks need: the information base, accounts and submissions of one engine.
pub trait Engine: Store + Accounts + Contributions {}
impl<T: Store + Accounts + Contributions> Engine for T {}

fn t(minutes: i64) -> Timestamp {
    Timestamp::from_second(1_790_000_000).expect("a time") + SignedDuration::from_mins(minutes)
}

fn draft(store: &dyn Engine, token: &str, origin: &str, at: Timestamp) -> SubmissionId {
    store
        .start(
            NewSubmission {
                token_hash: token.into(),
                origin: origin.into(),
                about: None,
                lang: "ru".into(),
            },
            at,
        )
        .expect("draft started")
}

fn written(surname: &str, email: &str) -> Contribution {
    let mut c = Contribution::default();
    c.hero.surname = surname.into();
    c.story = format!("История о том, как {surname} ушёл на фронт.");
    c.contributor.email = email.into();
    c
}

fn sent(store: &dyn Engine, token: &str, surname: &str, at: Timestamp) -> SubmissionId {
    let id = draft(store, token, "o1", at);
    store
        .save(id, &written(surname, "Anna@Example.ru"), at)
        .expect("saved");
    store
        .send(id, &format!("confirm-{token}"), at)
        .expect("sent");
    id
}

fn moderator(store: &dyn Engine, address: &str) -> (UserId, String) {
    let id = store
        .create_user(
            &NewUser {
                email: Email::parse(address).expect("a valid address"),
                display_name: "Модератор".into(),
                roles: vec![Role::Expert],
            },
            None,
        )
        .expect("user created");
    (id, "Модератор".into())
}

fn file(sha: &str) -> NewFile {
    NewFile {
        sha256: sha.repeat(64 / sha.len()),
        mime: "image/jpeg".into(),
        width: Some(1200),
        height: Some(800),
        caption: "Дед в 1943 году".into(),
        date: "1943".into(),
    }
}

pub fn drafts_are_found_by_their_secret_and_never_queued(store: &dyn Engine) {
    let id = draft(store, "secret-a", "o1", t(0));
    let found = store.by_token("secret-a").unwrap().expect("found by token");
    assert_eq!(found.id, id);
    assert_eq!(found.status, Status::Draft);
    assert_eq!(found.content, Contribution::default(), "nothing pre-filled");
    assert!(store.by_token("secret-b").unwrap().is_none());
    store.add_link(id, "secret-b", t(0)).unwrap();
    assert_eq!(store.by_token("secret-b").unwrap().map(|s| s.id), Some(id));
    assert_eq!(store.by_token("secret-a").unwrap().map(|s| s.id), Some(id));
    assert!(matches!(
        store.add_link(letopis_core::SubmissionId(9999), "secret-c", t(0)),
        Err(StoreError::NotFound { .. })
    ));
    store.save(id, &written("Ершов", "a@b.ru"), t(1)).unwrap();
    assert_eq!(
        store.submission(id).unwrap().unwrap().content.hero.surname,
        "Ершов"
    );
    let all = QueueFilter {
        statuses: Status::ALL.to_vec(),
        ..QueueFilter::default()
    };
    assert!(
        store.queue(&all).unwrap().is_empty(),
        "a draft is nobody's work yet"
    );
    store.send(id, "confirm-a", t(2)).unwrap();
    let queued = store.queue(&QueueFilter::default()).unwrap();
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].status, Status::Received);
    assert_eq!(queued[0].sent_at, Some(t(2)));
}

pub fn the_pipeline_refuses_moves_it_does_not_allow(store: &dyn Engine) {
    let m = Some(moderator(store, "m@example.ru"));
    let id = draft(store, "s", "o1", t(0));
    let refused = store.move_to(id, Status::Published, &m, "", t(1));
    assert!(
        matches!(refused, Err(StoreError::Invalid(_))),
        "{refused:?}"
    );
    store.send(id, "c", t(1)).unwrap();
    assert!(matches!(
        store.send(id, "c2", t(2)),
        Err(StoreError::Invalid(_))
    ));
    store
        .move_to(id, Status::NeedsInfo, &m, "Уточните год", t(3))
        .unwrap();
    store
        .decline(id, DeclineReason::CannotVerify, "Нет документов", &m, t(4))
        .unwrap();
    let s = store.submission(id).unwrap().unwrap();
    assert_eq!(s.status, Status::Declined);
    assert_eq!(s.decline_reason, Some(DeclineReason::CannotVerify));
    assert_eq!(s.decline_note, "Нет документов");
    assert!(store.move_to(id, Status::Published, &m, "", t(5)).is_err());
    let moves: Vec<_> = store
        .events(id)
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == EventKind::Moved)
        .map(|e| e.status)
        .collect();
    assert_eq!(
        moves,
        [
            Some(Status::Received),
            Some(Status::NeedsInfo),
            Some(Status::Declined)
        ]
    );
    assert!(matches!(
        store.move_to(
            letopis_core::SubmissionId(999),
            Status::Received,
            &None,
            "",
            t(6)
        ),
        Err(StoreError::NotFound { .. })
    ));
}

pub fn files_are_limited_and_orphans_reported(store: &dyn Engine) {
    let a = draft(store, "a", "o1", t(0));
    let b = draft(store, "b", "o1", t(0));
    let shared = store.add_file(a, file("ab"), false, t(1)).unwrap();
    store.add_file(b, file("ab"), false, t(1)).unwrap();
    let files = store.files(a).unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].caption, "Дед в 1943 году");
    store
        .describe_file(a, shared, "Дед и бабушка", "лето 1943")
        .unwrap();
    assert_eq!(store.files(a).unwrap()[0].date, "лето 1943");
    assert!(
        store.describe_file(b, shared, "чужой", "").is_err(),
        "another's file"
    );
    assert_eq!(
        store.remove_file(a, shared).unwrap(),
        None,
        "b still holds it"
    );
    for i in 0..MAX_FILES {
        store
            .add_file(a, file(&format!("{:02x}", i + 16)), false, t(2))
            .unwrap();
    }
    let over = store.add_file(a, file("ff"), false, t(3));
    assert!(matches!(over, Err(StoreError::Invalid(_))), "{over:?}");
    let b_file = store.files(b).unwrap()[0].id;
    assert_eq!(store.remove_file(b, b_file).unwrap(), Some("ab".repeat(32)));
    assert!(matches!(
        store.remove_file(b, b_file),
        Err(StoreError::NotFound { .. })
    ));
}

pub fn confirmation_and_conversation_are_kept(store: &dyn Engine) {
    let m = Some(moderator(store, "m@example.ru"));
    let id = sent(store, "s", "Ершов", t(0));
    assert!(!store.submission(id).unwrap().unwrap().email_confirmed);
    assert_eq!(store.confirm_email("wrong", t(1)).unwrap(), None);
    assert_eq!(store.confirm_email("confirm-s", t(1)).unwrap(), Some(id));
    assert_eq!(store.confirm_email("confirm-s", t(2)).unwrap(), Some(id));
    assert!(store.submission(id).unwrap().unwrap().email_confirmed);
    store
        .add_event(
            id,
            EventKind::Question,
            &m,
            "В каком году он родился?",
            t(3),
        )
        .unwrap();
    store
        .add_event(id, EventKind::Answer, &None, "В 1915-м.", t(4))
        .unwrap();
    let events = store.events(id).unwrap();
    let kinds: Vec<_> = events.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            EventKind::Moved,
            EventKind::Confirmed,
            EventKind::Question,
            EventKind::Answer
        ]
    );
    assert_eq!(events[2].by, "Модератор");
    assert_eq!(events[3].user_id, None);
    assert_eq!(events[3].body, "В 1915-м.");
}

pub fn the_queue_filters_by_status_moderator_and_words(store: &dyn Engine) {
    let (mid, name) = moderator(store, "m@example.ru");
    let m = Some((mid, name));
    let a = sent(store, "a", "Ершов", t(0));
    let b = sent(store, "b", "Зуева", t(1));
    store.confirm_email("confirm-b", t(2)).unwrap();
    store.assign(a, Some(mid), &m, t(3)).unwrap();
    store
        .move_to(a, Status::InModeration, &m, "", t(3))
        .unwrap();
    let ids = |f: QueueFilter| -> Vec<SubmissionId> {
        store.queue(&f).unwrap().into_iter().map(|s| s.id).collect()
    };
    assert_eq!(ids(QueueFilter::default()), [a, b]);
    assert_eq!(
        ids(QueueFilter {
            assigned: Some(Some(mid)),
            ..QueueFilter::default()
        }),
        [a]
    );
    assert_eq!(
        ids(QueueFilter {
            assigned: Some(None),
            ..QueueFilter::default()
        }),
        [b]
    );
    assert_eq!(
        ids(QueueFilter {
            confirmed: Some(true),
            ..QueueFilter::default()
        }),
        [b]
    );
    assert_eq!(
        ids(QueueFilter {
            statuses: vec![Status::InModeration],
            ..QueueFilter::default()
        }),
        [a]
    );
    assert_eq!(
        ids(QueueFilter {
            text: "зуёва".into(),
            ..QueueFilter::default()
        }),
        [b]
    );
    assert_eq!(store.submission(a).unwrap().unwrap().assigned, Some(mid));
    assert!(matches!(
        store.assign(a, Some(letopis_core::UserId(9999)), &m, t(4)),
        Err(StoreError::NotFound { .. })
    ));
}

pub fn floods_are_counted_by_origin_and_address(store: &dyn Engine) {
    draft(store, "a", "origin-1", t(0));
    draft(store, "b", "origin-1", t(30));
    draft(store, "c", "origin-2", t(30));
    assert_eq!(store.started_from("origin-1", t(-1)).unwrap(), 2);
    assert_eq!(store.started_from("origin-1", t(10)).unwrap(), 1);
    assert_eq!(store.started_from("origin-3", t(-1)).unwrap(), 0);
    sent(store, "d", "Ершов", t(40));
    sent(store, "e", "Ершов", t(50));
    assert_eq!(store.sent_by("anna@example.ru", t(0)).unwrap(), 2);
    assert_eq!(store.sent_by("ANNA@example.ru ", t(45)).unwrap(), 1);
}

pub fn abandoned_drafts_are_purged(store: &dyn Engine) {
    let old = draft(store, "old", "o", t(0));
    store.add_file(old, file("aa"), false, t(0)).unwrap();
    let fresh = draft(store, "fresh", "o", t(100));
    let kept = sent(store, "kept", "Ершов", t(0));
    store.add_file(kept, file("bb"), false, t(0)).unwrap();
    let removed = store.purge_drafts(t(50)).unwrap();
    assert_eq!(removed, ["aa".repeat(32)]);
    assert!(store.submission(old).unwrap().is_none());
    assert!(store.submission(fresh).unwrap().is_some());
    assert!(
        store.submission(kept).unwrap().is_some(),
        "sent ones are never purged"
    );
}

pub fn withdrawal_erases_the_family_words(store: &dyn Engine) {
    let m = Some(moderator(store, "m@example.ru"));
    let id = sent(store, "s", "Ершов", t(0));
    store.add_file(id, file("cd"), false, t(0)).unwrap();
    store
        .add_event(id, EventKind::Question, &m, "Где служил?", t(1))
        .unwrap();
    store
        .add_event(id, EventKind::Answer, &None, "В 1077-м полку", t(2))
        .unwrap();
    let removed = store.erase(id, t(3)).unwrap();
    assert_eq!(removed, ["cd".repeat(32)]);
    let s = store.submission(id).unwrap().unwrap();
    assert_eq!(s.status, Status::Withdrawn);
    assert_eq!(s.content, Contribution::default());
    assert!(store.files(id).unwrap().is_empty());
    assert!(store.events(id).unwrap().iter().all(|e| e.body.is_empty()));
    assert_eq!(store.sent_by("anna@example.ru", t(-10)).unwrap(), 0);
    assert!(store.save(id, &written("Ершов", "a@b.ru"), t(4)).is_err());
    assert!(store.add_file(id, file("ef"), true, t(4)).is_err());
    assert_eq!(store.confirm_email("confirm-s", t(5)).unwrap(), None);
    assert!(
        store.erase(id, t(6)).unwrap().is_empty(),
        "twice is harmless"
    );
}

const TODAY: jiff::civil::Date = jiff::civil::Date::constant(2026, 11, 26);

fn publisher() -> Actor {
    Actor::system("проверка")
}

fn heirs_consent(subject: Option<RecordId>) -> NewConsent {
    NewConsent {
        kind: ConsentKind::Heirs,
        subject,
        granted_by: "Анна Петрова".into(),
        covers: vec![],
        scope: vec![],
        bans: vec![],
        document: None,
        signed_on: TODAY,
        valid_until: None,
        note: None,
    }
}

/// The family's account of submission `id`, about `hero` (a placeholder when the store is to
/// fill it in from an earlier op).
fn family_story(id: SubmissionId, hero: RecordId) -> Draft {
    Draft::published(Body::Story(Story {
        title: "Рассказ семьи".into(),
        family: Some(FamilyAccount {
            person: hero,
            submission: id,
            credit: None,
            living: false,
        }),
        ..Story::default()
    }))
}

/// One publication as the studio makes it: into a known person (`Some((id, version))`, its
/// biography updated under that version) or as a new person, the family's story tied to the
/// hero, the family's consent, and the submission marked published — all in one `apply`.
/// (Public for the SQLite engine's own test of two handles on one file.)
pub fn publication(id: SubmissionId, into: Option<(RecordId, i64)>, by: &Moderator) -> Vec<Op> {
    let mut ops = Vec::new();
    let (person, person_earlier) = match into {
        Some((person, version)) => {
            let mut body = crate::contract::person("Ершов", "Пётр", "");
            body.biography = format!("Дополнено по рассказу №{id}.");
            ops.push(Op::Update {
                id: person,
                expected_version: Some(version),
                body: Body::Person(body),
                settings: Default::default(),
            });
            (person, None)
        }
        None => {
            ops.push(Op::Create(Draft::published(Body::Person(
                crate::contract::person("Ершов", "Пётр", ""),
            ))));
            (RecordId(0), Some(0))
        }
    };
    let story_at = ops.len();
    ops.push(match person_earlier {
        Some(hero) => Op::CreateFamilyStory {
            draft: family_story(id, RecordId(0)),
            hero_earlier: hero,
        },
        None => Op::Create(family_story(id, person)),
    });
    ops.push(Op::RelateCovering {
        relation: NewRelation::new(person, RelationType::Mentions, person),
        from_earlier: Some(story_at),
        to_earlier: person_earlier,
    });
    ops.push(Op::AddConsentCovering {
        consent: heirs_consent(person_earlier.is_none().then_some(person)),
        earlier: person_earlier.into_iter().chain([story_at]).collect(),
        subject_earlier: person_earlier,
    });
    let consent_at = ops.len() - 1;
    ops.push(Op::PublishSubmission {
        submission: id,
        person,
        person_earlier,
        story_earlier: story_at,
        consent_earlier: consent_at,
        by: by.clone(),
    });
    ops
}

/// A published person of the museum's own, to merge into: its id and version.
fn known_person(store: &dyn Engine) -> (RecordId, i64) {
    let out = store
        .apply(
            &publisher(),
            vec![Op::Create(Draft::published(Body::Person(
                crate::contract::person("Ершов", "Пётр", ""),
            )))],
            TODAY,
        )
        .unwrap();
    let id = out[0].record_id().unwrap();
    (id, store.get(id).unwrap().unwrap().record.meta.version)
}

/// Everything a publication could leave behind: the base's counts, the change feed's position,
/// the submission and its conversation.
fn traces(store: &dyn Engine, id: SubmissionId) -> impl PartialEq + std::fmt::Debug {
    let s = store.submission(id).unwrap().unwrap();
    (
        store.totals().unwrap(),
        store.change_seq().unwrap(),
        (s.status, s.person, s.story, s.consent),
        store.events(id).unwrap().len(),
    )
}

pub fn publication_links_records(store: &dyn Engine) {
    let m = Some(moderator(store, "m@example.ru"));
    let id = sent(store, "s", "Ершов", t(0));
    let out = store
        .apply(&publisher(), publication(id, None, &m), TODAY)
        .unwrap();
    let person = out[0].record_id().unwrap();
    let story = out[1].record_id().unwrap();
    let crate::Outcome::ConsentAdded(consent) = out[3] else {
        panic!("{out:?}")
    };
    assert_eq!(out[4], crate::Outcome::SubmissionPublished(id));
    let s = store.submission(id).unwrap().unwrap();
    assert_eq!(
        (s.status, s.person, s.story, s.consent),
        (Status::Published, Some(person), Some(story), Some(consent))
    );
    let last = store.events(id).unwrap().pop().unwrap();
    assert_eq!(
        (last.kind, last.status, last.user_id),
        (
            EventKind::Moved,
            Some(Status::Published),
            m.as_ref().map(|m| m.0)
        )
    );
    // The new hero's id reached the family's story, the relation and the consent.
    let Body::Story(written) = store.get(story).unwrap().unwrap().record.body else {
        panic!("a story")
    };
    assert_eq!(written.family.map(|f| f.person), Some(person));
    assert!(
        store
            .relations(story)
            .unwrap()
            .iter()
            .any(|r| r.from == story && r.to == person && r.rtype == RelationType::Mentions)
    );
    let c = store.consent(consent).unwrap().unwrap();
    assert_eq!(c.subject, Some(person));
    let mut covers = c.covers.clone();
    covers.sort();
    assert_eq!(covers, [person, story]);
    // A family story op needs a family's account to write the hero into.
    let before = traces(store, id);
    let refused = store.apply(
        &publisher(),
        vec![
            Op::Create(Draft::published(Body::Person(crate::contract::person(
                "Зуева",
                "Анна",
                "",
            )))),
            Op::CreateFamilyStory {
                draft: Draft::published(Body::Story(Story {
                    title: "Без семьи".into(),
                    ..Story::default()
                })),
                hero_earlier: 0,
            },
        ],
        TODAY,
    );
    assert!(refused.is_err(), "{refused:?}");
    assert_eq!(traces(store, id), before);
}

pub fn publication_into_a_known_person_keeps_its_id(store: &dyn Engine) {
    let m = Some(moderator(store, "m@example.ru"));
    let id = sent(store, "s", "Ершов", t(0));
    let (person, version) = known_person(store);
    let out = store
        .apply(
            &publisher(),
            publication(id, Some((person, version)), &m),
            TODAY,
        )
        .unwrap();
    assert_eq!(out[0], crate::Outcome::Updated(person));
    let story = out[1].record_id().unwrap();
    let s = store.submission(id).unwrap().unwrap();
    assert_eq!(
        (s.status, s.person, s.story),
        (Status::Published, Some(person), Some(story))
    );
    let consent = store.consent(s.consent.unwrap()).unwrap().unwrap();
    assert_eq!(consent.subject, Some(person));
    assert_eq!(
        consent.covers,
        [story],
        "the museum's person is not the family's to open"
    );
}

pub fn of_two_publications_one_wins_and_the_other_leaves_nothing(store: &dyn Engine) {
    let m1 = Some(moderator(store, "m1@example.ru"));
    let m2 = Some(moderator(store, "m2@example.ru"));
    let id = sent(store, "s", "Ершов", t(0));
    let before = store.totals().unwrap();
    // Two moderators press «Опубликовать» at once, each as a new person.
    let results: Vec<_> = std::thread::scope(|s| {
        let one = s.spawn(|| store.apply(&publisher(), publication(id, None, &m1), TODAY));
        let two = s.spawn(|| store.apply(&publisher(), publication(id, None, &m2), TODAY));
        vec![one.join().unwrap(), two.join().unwrap()]
    });
    let won: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(won.len(), 1, "{results:?}");
    let lost = results.iter().find(|r| r.is_err()).unwrap();
    assert!(
        matches!(lost, Err(StoreError::Invalid(_))),
        "the loser is told the submission is no longer open: {lost:?}"
    );
    let after = store.totals().unwrap();
    assert_eq!(after.records, before.records + 2, "one person, one story");
    assert_eq!(after.relations, before.relations + 1);
    assert_eq!(after.consents, before.consents + 1);
    let s = store.submission(id).unwrap().unwrap();
    assert_eq!(s.person, won[0][0].record_id());
    let published = store
        .events(id)
        .unwrap()
        .into_iter()
        .filter(|e| e.status == Some(Status::Published))
        .count();
    assert_eq!(published, 1);
    // A publication after the fact, into a known person this time, fails the same way.
    let (person, version) = known_person(store);
    let settled = traces(store, id);
    let again = store.apply(
        &publisher(),
        publication(id, Some((person, version)), &m2),
        TODAY,
    );
    assert!(matches!(again, Err(StoreError::Invalid(_))), "{again:?}");
    assert_eq!(traces(store, id), settled);
    assert_eq!(
        store.get(person).unwrap().unwrap().record.meta.version,
        version,
        "the person's update rolled back too"
    );
}

pub fn a_failed_publication_leaves_nothing(store: &dyn Engine) {
    let m = Some(moderator(store, "m@example.ru"));
    let id = sent(store, "s", "Ершов", t(0));
    let (person, version) = known_person(store);
    // Someone edited the person since the moderator opened the form.
    let mut edited = crate::contract::person("Ершов", "Пётр", "Семёнович");
    edited.biography = "Правка музея.".into();
    store
        .apply(
            &publisher(),
            vec![Op::Update {
                id: person,
                expected_version: Some(version),
                body: Body::Person(edited),
                settings: Default::default(),
            }],
            TODAY,
        )
        .unwrap();
    let before = traces(store, id);
    let stale = store.apply(
        &publisher(),
        publication(id, Some((person, version)), &m),
        TODAY,
    );
    assert!(
        matches!(stale, Err(StoreError::Conflict { .. })),
        "{stale:?}"
    );
    assert_eq!(
        traces(store, id),
        before,
        "no story, relation, consent or status change"
    );
    assert_eq!(
        store.submission(id).unwrap().unwrap().status,
        Status::Received
    );
    // A publication naming a submission that does not exist fails whole as well.
    let missing = store.apply(
        &publisher(),
        publication(letopis_core::SubmissionId(9999), None, &m),
        TODAY,
    );
    assert!(
        matches!(missing, Err(StoreError::NotFound { .. })),
        "{missing:?}"
    );
    assert_eq!(traces(store, id), before);
    // The moderator reloads the form and publishes under the current version.
    let current = store.get(person).unwrap().unwrap().record.meta.version;
    store
        .apply(
            &publisher(),
            publication(id, Some((person, current)), &m),
            TODAY,
        )
        .unwrap();
    assert_eq!(
        store.submission(id).unwrap().unwrap().status,
        Status::Published
    );
}
