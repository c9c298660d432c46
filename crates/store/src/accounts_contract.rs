//! The contract every engine's [`Accounts`] meets, beside [`contract`](crate::contract) for the
//! information base. Each check takes a fresh, empty store; an engine's test file runs them all
//! with [`accounts_contract_tests!`](crate::accounts_contract_tests).
//!
//! Times the store compares (session and link expiry, lockouts) are Unix seconds given by the
//! caller, so the checks choose `now` themselves.

use crate::accounts::{
    Accounts, NewActivity, NewAudit, NewUser, StudioQuery, TokenPurpose, quarter_of,
};
use crate::contract::{TODAY, person};
use crate::{Draft, Op, Store, StoreError};
use letopis_core::GroupId;
use letopis_core::access::Viewer;
use letopis_core::account::{Email, Role};
use letopis_core::entities::Place;
use letopis_core::history::Actor;
use letopis_core::{ActivityId, UserId};
use letopis_core::{Body, Kind, RecordId, Workflow};

/// Expands to one `#[test]` per check, each on a store made by `$make`.
#[macro_export]
macro_rules! accounts_contract_tests {
    ($make:expr) => {
        $crate::accounts_contract_tests!(@each $make;
            users_are_created_read_and_listed, a_second_account_for_an_address_is_refused,
            passwords_and_roles_replace_what_was_there,
            wrong_passwords_count_until_a_lockout_and_success_clears_them,
            attempts_are_counted_per_scope_and_key_within_a_window,
            attempts_noted_at_once_all_count,
            writes_about_someone_missing_are_not_found,
            sessions_are_found_by_token_hash_until_they_expire,
            sessions_end_one_at_a_time_or_all_of_a_person,
            one_time_links_work_once_for_their_purpose_until_they_expire,
            the_audit_log_appends_and_reads_newest_first,
            groups_hold_members_and_one_responsible_person,
            comments_and_reviewers_belong_to_records, studio_lists_filter_through_the_gate,
            suggestions_match_titles_of_the_given_kinds,
            work_lists_drafts_returned_and_waiting_records, council_counts_by_quarter_and_group,
            the_roadmap_is_seeded_once_and_takes_reports,
            a_restriction_names_a_group_that_exists,
            excursions_are_requested_decided_counted_and_erased,
            lesson_kits_are_kept_shared_published_and_given_to_classes,
            the_media_plan_keeps_publications_by_day_until_reported,
            venues_are_kept_with_a_log_counted_per_quarter,
            a_paper_goes_from_the_call_to_the_proceedings,
            a_lease_goes_to_one_holder_until_it_runs_out);
    };
    (@each $make:expr; $($name:ident),*) => {
        $(
            #[test]
            fn $name() {
                let store = $make;
                $crate::accounts_contract::$name(&*store);
            }
        )*
    };
}

/// What the checks need: both sides of an engine.
pub trait Engine: Store + Accounts {}
impl<T: Store + Accounts> Engine for T {}

const NOW: i64 = 1_800_000_000;

fn email(text: &str) -> Email {
    Email::parse(text).expect("a valid address")
}

fn add(store: &dyn Engine, address: &str, name: &str, roles: &[Role]) -> UserId {
    store
        .create_user(
            &NewUser {
                email: email(address),
                display_name: name.into(),
                roles: roles.to_vec(),
            },
            None,
        )
        .expect("user created")
}

fn is_not_found<T: std::fmt::Debug>(result: Result<T, StoreError>, what: &str) {
    assert!(
        matches!(result, Err(StoreError::NotFound { .. })),
        "{what}: {result:?}"
    );
}

fn place(store: &dyn Engine, actor: &Actor, name: &str) -> RecordId {
    let draft = Draft::new(Body::Place(Place {
        name: name.into(),
        ..Place::default()
    }));
    store
        .apply(actor, vec![Op::Create(draft)], TODAY)
        .expect("record")[0]
        .record_id()
        .expect("created id")
}

fn step(store: &dyn Engine, actor: &Actor, id: RecordId, to: Workflow) {
    store
        .apply(actor, vec![Op::Step { id, to, note: None }], TODAY)
        .expect("workflow step");
}

/// Records or their ids (the studio's lists give ids, for the gate to read).
trait HasId {
    fn id_of(&self) -> RecordId;
}

impl HasId for crate::StoredRecord {
    fn id_of(&self) -> RecordId {
        self.record.id()
    }
}

impl HasId for RecordId {
    fn id_of(&self) -> RecordId {
        *self
    }
}

fn ids<T: HasId>(items: &[T]) -> Vec<RecordId> {
    items.iter().map(HasId::id_of).collect()
}

pub fn users_are_created_read_and_listed(store: &dyn Engine) {
    let yakov = store
        .create_user(
            &NewUser {
                email: email("Yakov@Example.ru"),
                display_name: "  Яков  ".into(),
                roles: vec![Role::Volunteer, Role::Teacher, Role::Volunteer],
            },
            Some("$argon2id$hash"),
        )
        .expect("created");
    let anna = add(store, "anna@example.ru", "Анна", &[]);
    let user = store.user(yakov).unwrap().expect("stored");
    assert_eq!(user.id, yakov);
    assert_eq!(user.email.as_str(), "yakov@example.ru");
    assert_eq!(user.display_name, "Яков", "the name is trimmed");
    assert!(user.roles.has(Role::Volunteer) && user.roles.has(Role::Teacher));
    assert_eq!(
        user.roles.iter().count(),
        2,
        "a role listed twice is one role"
    );
    assert!(user.has_password && !user.disabled);
    assert_eq!((user.groups.clone(), user.locked_until), (vec![], None));
    assert_eq!(
        store.password_hash(yakov).unwrap().as_deref(),
        Some("$argon2id$hash")
    );
    let invited = store.user(anna).unwrap().expect("stored");
    assert!(!invited.has_password && invited.roles.is_empty());
    assert_eq!(store.password_hash(anna).unwrap(), None);
    assert_eq!(
        store.user_by_email(&email("yakov@example.ru")).unwrap(),
        Some(user)
    );
    assert_eq!(
        store.user_by_email(&email("nobody@example.ru")).unwrap(),
        None
    );
    assert_eq!(store.user(UserId(yakov.0 + anna.0 + 100)).unwrap(), None);
    assert_eq!(
        store.password_hash(UserId(yakov.0 + anna.0 + 100)).unwrap(),
        None
    );
    let names: Vec<String> = store
        .users()
        .unwrap()
        .into_iter()
        .map(|u| u.display_name)
        .collect();
    assert_eq!(names, ["Анна", "Яков"], "listed by name");
}

pub fn a_second_account_for_an_address_is_refused(store: &dyn Engine) {
    let first = add(store, "olga@example.ru", "Ольга", &[Role::Expert]);
    let again = store.create_user(
        &NewUser {
            email: email("OLGA@example.ru"),
            display_name: "Другая Ольга".into(),
            roles: vec![Role::Admin],
        },
        None,
    );
    let Err(StoreError::Duplicate { message }) = again else {
        panic!("expected a duplicate, got {again:?}");
    };
    assert!(message.contains("olga@example.ru"), "{message}");
    let users = store.users().unwrap();
    assert_eq!(users.len(), 1, "nothing half-written");
    assert_eq!(users[0].id, first);
    assert!(!users[0].roles.has(Role::Admin));
}

pub fn passwords_and_roles_replace_what_was_there(store: &dyn Engine) {
    let id = add(
        store,
        "petr@example.ru",
        "Пётр",
        &[Role::Volunteer, Role::Teacher],
    );
    store.set_password(id, "$first").unwrap();
    store.set_password(id, "$second").unwrap();
    assert_eq!(store.password_hash(id).unwrap().as_deref(), Some("$second"));
    assert!(store.user(id).unwrap().unwrap().has_password);
    store.set_roles(id, &[Role::Expert, Role::Expert]).unwrap();
    let roles = store.user(id).unwrap().unwrap().roles;
    assert_eq!(roles.iter().collect::<Vec<_>>(), [Role::Expert]);
    store.set_roles(id, &[]).unwrap();
    assert!(store.user(id).unwrap().unwrap().roles.is_empty());
}

pub fn wrong_passwords_count_until_a_lockout_and_success_clears_them(store: &dyn Engine) {
    let id = add(store, "ivan@example.ru", "Иван", &[Role::Volunteer]);
    let other = add(store, "maria@example.ru", "Мария", &[Role::Volunteer]);
    assert_eq!(store.sign_in_failed(id).unwrap(), 1);
    assert_eq!(store.sign_in_failed(id).unwrap(), 2);
    assert_eq!(
        store.sign_in_failed(other).unwrap(),
        1,
        "counted per person"
    );
    assert_eq!(store.sign_in_failed(id).unwrap(), 3);
    store.lock_until(id, NOW + 900).unwrap();
    assert_eq!(
        store.user(id).unwrap().unwrap().locked_until,
        Some(NOW + 900)
    );
    assert_eq!(store.user(other).unwrap().unwrap().locked_until, None);
    assert_eq!(
        store.sign_in_failed(id).unwrap(),
        1,
        "a lockout starts a new count"
    );
    store.sign_in_succeeded(id).unwrap();
    assert_eq!(store.user(id).unwrap().unwrap().locked_until, None);
    assert_eq!(
        store.sign_in_failed(id).unwrap(),
        1,
        "success clears the count"
    );
    // A new password ends a lockout as well.
    store.lock_until(id, NOW + 900).unwrap();
    store.sign_in_failed(id).unwrap();
    store.set_password(id, "$new").unwrap();
    assert_eq!(store.user(id).unwrap().unwrap().locked_until, None);
    assert_eq!(store.sign_in_failed(id).unwrap(), 1);
}

fn at(seconds: i64) -> jiff::Timestamp {
    jiff::Timestamp::from_second(NOW + seconds).expect("a time")
}

pub fn attempts_are_counted_per_scope_and_key_within_a_window(store: &dyn Engine) {
    assert_eq!(
        store
            .attempts_since("sign_in", "192.0.2.7", at(-900))
            .unwrap(),
        0
    );
    for s in [0, 60, 120] {
        store.note_attempt("sign_in", "192.0.2.7", at(s)).unwrap();
    }
    store.note_attempt("sign_in", "192.0.2.8", at(60)).unwrap();
    store.note_attempt("reset", "192.0.2.7", at(60)).unwrap();
    assert_eq!(
        store.attempts_since("sign_in", "192.0.2.7", at(0)).unwrap(),
        3
    );
    assert_eq!(
        store
            .attempts_since("sign_in", "192.0.2.7", at(60))
            .unwrap(),
        2,
        "an attempt exactly at the window's start counts"
    );
    assert_eq!(
        store
            .attempts_since("sign_in", "192.0.2.7", at(61))
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .attempts_since("sign_in", "192.0.2.7", at(121))
            .unwrap(),
        0
    );
    assert_eq!(
        store.attempts_since("sign_in", "192.0.2.8", at(0)).unwrap(),
        1,
        "counted per key"
    );
    assert_eq!(
        store.attempts_since("reset", "192.0.2.7", at(0)).unwrap(),
        1,
        "counted per scope"
    );
    // Sub-second moments keep their order: a window starting between two attempts a few
    // milliseconds apart counts only the later one.
    let close = at(200);
    store.note_attempt("burst", "k", close).unwrap();
    store
        .note_attempt("burst", "k", close + jiff::SignedDuration::from_millis(5))
        .unwrap();
    assert_eq!(
        store
            .attempts_since("burst", "k", close + jiff::SignedDuration::from_millis(1))
            .unwrap(),
        1
    );
    // Forgetting is per scope and only what is older than the given moment.
    assert_eq!(store.forget_attempts("sign_in", at(61)).unwrap(), 3);
    assert_eq!(
        store
            .attempts_since("sign_in", "192.0.2.7", at(-900))
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .attempts_since("sign_in", "192.0.2.8", at(-900))
            .unwrap(),
        0
    );
    assert_eq!(
        store
            .attempts_since("reset", "192.0.2.7", at(-900))
            .unwrap(),
        1
    );
    assert_eq!(
        store.forget_attempts("sign_in", at(61)).unwrap(),
        0,
        "twice is harmless"
    );
}

/// Servers noting attempts at the same moment must not lose any (a count read, raised and
/// written back would): here, threads sharing one handle. Two handles on one SQLite file are
/// checked by the web tests (two servers over one base).
pub fn attempts_noted_at_once_all_count(store: &dyn Engine) {
    std::thread::scope(|s| {
        for t in 0..4 {
            s.spawn(move || {
                for i in 0..10 {
                    store
                        .note_attempt("sign_in", "192.0.2.9", at(t * 10 + i))
                        .unwrap();
                }
            });
        }
    });
    assert_eq!(
        store.attempts_since("sign_in", "192.0.2.9", at(0)).unwrap(),
        40
    );
}

pub fn writes_about_someone_missing_are_not_found(store: &dyn Engine) {
    let real = add(store, "real@example.ru", "Настоящий", &[]);
    let ghost = UserId(real.0 + 1000);
    let group = store.create_group("Поисковики", "heroes").unwrap();
    let record = place(store, &Actor::user(real, "Настоящий"), "Фирсановка");
    is_not_found(store.set_password(ghost, "$x"), "set_password");
    is_not_found(store.set_roles(ghost, &[Role::Admin]), "set_roles");
    is_not_found(store.sign_in_failed(ghost), "sign_in_failed");
    is_not_found(store.lock_until(ghost, NOW), "lock_until");
    is_not_found(store.sign_in_succeeded(ghost), "sign_in_succeeded");
    is_not_found(
        store.create_session("h1", ghost, "csrf", NOW, NOW + 60),
        "create_session",
    );
    is_not_found(
        store.create_token("h2", ghost, TokenPurpose::Invite, NOW + 60),
        "create_token",
    );
    is_not_found(store.set_member(group, ghost, false), "set_member: person");
    is_not_found(
        store.set_member(GroupId(group.0 + 1000), real, false),
        "set_member: group",
    );
    is_not_found(
        store.add_comment(RecordId(record.0 + 1000), real, "Настоящий", "Текст"),
        "add_comment",
    );
    is_not_found(
        store.assign_reviewer(record, Some(ghost), real),
        "assign_reviewer: person",
    );
    is_not_found(
        store.assign_reviewer(RecordId(record.0 + 1000), Some(real), real),
        "assign_reviewer: record",
    );
    assert_eq!(store.users().unwrap().len(), 1);
    assert!(store.groups().unwrap()[0].members.is_empty());
    assert_eq!(store.reviewer(record).unwrap(), None);
}

pub fn sessions_are_found_by_token_hash_until_they_expire(store: &dyn Engine) {
    let id = add(store, "anna@example.ru", "Анна", &[Role::Volunteer]);
    store
        .create_session("hash-a", id, "csrf-a", NOW, NOW + 3600)
        .unwrap();
    let session = store.session("hash-a", NOW + 10).unwrap().expect("live");
    assert_eq!(session.user.id, id);
    assert_eq!(session.csrf, "csrf-a");
    assert_eq!(session.expires_at, NOW + 3600);
    assert_eq!(store.session("hash-b", NOW).unwrap(), None, "unknown hash");
    assert!(store.session("hash-a", NOW + 3599).unwrap().is_some());
    assert_eq!(
        store.session("hash-a", NOW + 3600).unwrap(),
        None,
        "gone at its expiry"
    );
    // The session carries the person as they are now, not as they were at sign-in.
    store.set_roles(id, &[Role::Expert]).unwrap();
    let session = store.session("hash-a", NOW + 20).unwrap().expect("live");
    assert!(session.user.roles.has(Role::Expert) && !session.user.roles.has(Role::Volunteer));
    let again = store.create_session("hash-a", id, "csrf-c", NOW, NOW + 60);
    assert!(again.is_err(), "a token hash names one session: {again:?}");
}

pub fn sessions_end_one_at_a_time_or_all_of_a_person(store: &dyn Engine) {
    let anna = add(store, "anna@example.ru", "Анна", &[]);
    let boris = add(store, "boris@example.ru", "Борис", &[]);
    for (hash, user) in [("a1", anna), ("a2", anna), ("b1", boris)] {
        store
            .create_session(hash, user, "csrf", NOW, NOW + 3600)
            .unwrap();
    }
    store.end_session("a1").unwrap();
    assert_eq!(store.session("a1", NOW).unwrap(), None);
    assert!(store.session("a2", NOW).unwrap().is_some());
    store.end_session("a1").unwrap();
    store.end_session("never-was").unwrap();
    store.end_sessions_of(anna).unwrap();
    assert_eq!(store.session("a2", NOW).unwrap(), None);
    assert!(
        store.session("b1", NOW).unwrap().is_some(),
        "another person's session stays"
    );
}

pub fn one_time_links_work_once_for_their_purpose_until_they_expire(store: &dyn Engine) {
    let id = add(store, "olga@example.ru", "Ольга", &[]);
    store
        .create_token("invite", id, TokenPurpose::Invite, NOW + 600)
        .unwrap();
    store
        .create_token("reset", id, TokenPurpose::Reset, NOW + 600)
        .unwrap();
    store
        .create_token("old", id, TokenPurpose::Reset, NOW)
        .unwrap();
    // Peeking shows the form and uses nothing up.
    assert_eq!(
        store
            .peek_token("invite", TokenPurpose::Invite, NOW)
            .unwrap(),
        Some(id)
    );
    assert_eq!(
        store
            .peek_token("invite", TokenPurpose::Invite, NOW)
            .unwrap(),
        Some(id)
    );
    // A link is only good for its own purpose, and trying the other one spends nothing.
    assert_eq!(
        store
            .peek_token("invite", TokenPurpose::Reset, NOW)
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .take_token("invite", TokenPurpose::Reset, NOW)
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .take_token("invite", TokenPurpose::Invite, NOW)
            .unwrap(),
        Some(id)
    );
    assert_eq!(
        store
            .take_token("invite", TokenPurpose::Invite, NOW)
            .unwrap(),
        None,
        "a link works once"
    );
    assert_eq!(
        store
            .peek_token("invite", TokenPurpose::Invite, NOW)
            .unwrap(),
        None
    );
    assert_eq!(
        store.peek_token("reset", TokenPurpose::Reset, NOW).unwrap(),
        Some(id),
        "another link of the same person stays good"
    );
    assert_eq!(
        store.peek_token("old", TokenPurpose::Reset, NOW).unwrap(),
        None
    );
    assert_eq!(
        store.take_token("old", TokenPurpose::Reset, NOW).unwrap(),
        None,
        "expired at its time"
    );
    assert_eq!(
        store
            .take_token("reset", TokenPurpose::Reset, NOW + 600)
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .take_token("reset", TokenPurpose::Reset, NOW + 599)
            .unwrap(),
        Some(id)
    );
    assert_eq!(
        store
            .take_token("unknown", TokenPurpose::Reset, NOW)
            .unwrap(),
        None
    );
}

pub fn the_audit_log_appends_and_reads_newest_first(store: &dyn Engine) {
    let empty = store.audit_log(0, 10).unwrap();
    assert_eq!((empty.items.len(), empty.total), (0, 0));
    let admin = add(store, "admin@example.ru", "Админ", &[Role::Admin]);
    let before = jiff::Timestamp::now();
    store
        .audit(NewAudit {
            actor_user: Some(admin),
            actor: "Админ".into(),
            action: "invite".into(),
            subject: Some("user:7".into()),
            detail: "olga@example.ru: волонтёр".into(),
            ip: Some("192.0.2.1".into()),
        })
        .unwrap();
    for n in 0..4 {
        store
            .audit(NewAudit {
                actor: "неизвестный".into(),
                action: "sign_in_failed".into(),
                detail: format!("попытка {n}"),
                ..NewAudit::default()
            })
            .unwrap();
    }
    let page = store.audit_log(0, 2).unwrap();
    assert_eq!(page.total, 5);
    let details: Vec<&str> = page.items.iter().map(|e| e.detail.as_str()).collect();
    assert_eq!(details, ["попытка 3", "попытка 2"], "newest first");
    assert!(page.items[0].id > page.items[1].id);
    let last = store.audit_log(4, 10).unwrap();
    assert_eq!(last.total, 5);
    assert_eq!(last.items.len(), 1);
    let first = &last.items[0];
    assert_eq!(first.actor_user, Some(admin));
    assert_eq!(first.actor, "Админ");
    assert_eq!(first.action, "invite");
    assert_eq!(first.subject.as_deref(), Some("user:7"));
    assert_eq!(first.detail, "olga@example.ru: волонтёр");
    assert_eq!(first.ip.as_deref(), Some("192.0.2.1"));
    let after = jiff::Timestamp::now();
    assert!(
        first.at
            >= before
                .checked_sub(jiff::SignedDuration::from_secs(1))
                .unwrap()
            && first.at <= after,
        "stamped when written: {}",
        first.at
    );
    let anonymous = &store.audit_log(0, 1).unwrap().items[0];
    assert_eq!(
        (anonymous.actor_user, anonymous.ip.as_deref()),
        (None, None)
    );
    assert!(store.audit_log(10, 10).unwrap().items.is_empty());
}

pub fn groups_hold_members_and_one_responsible_person(store: &dyn Engine) {
    assert!(store.groups().unwrap().is_empty());
    let anna = add(store, "anna@example.ru", "Анна", &[]);
    let boris = add(store, "boris@example.ru", "Борис", &[]);
    let voices = store
        .create_group("  Голоса Химок ", "living_voices")
        .unwrap();
    let heroes = store.create_group("Герои", "heroes").unwrap();
    store.set_member(voices, anna, false).unwrap();
    store.set_member(voices, boris, true).unwrap();
    store.set_member(heroes, anna, false).unwrap();
    let groups = store.groups().unwrap();
    assert_eq!(groups.len(), 2);
    let g = groups.iter().find(|g| g.id == voices).expect("group");
    assert_eq!(
        (g.name.as_str(), g.direction.as_str()),
        ("Голоса Химок", "living_voices")
    );
    let members: Vec<(UserId, &str, bool)> = g
        .members
        .iter()
        .map(|m| (m.user_id, m.display_name.as_str(), m.responsible))
        .collect();
    assert_eq!(
        members,
        [(boris, "Борис", true), (anna, "Анна", false)],
        "the responsible person first"
    );
    let mut in_groups = store.user(anna).unwrap().unwrap().groups;
    in_groups.sort();
    let mut expected = vec![voices, heroes];
    expected.sort();
    assert_eq!(in_groups, expected);
    // Setting a member again changes the flag, not the membership.
    store.set_member(voices, boris, false).unwrap();
    let g = store
        .groups()
        .unwrap()
        .into_iter()
        .find(|g| g.id == voices)
        .unwrap();
    assert_eq!(g.members.len(), 2);
    assert!(g.members.iter().all(|m| !m.responsible));
    store.remove_member(voices, anna).unwrap();
    store.remove_member(voices, anna).unwrap();
    assert_eq!(store.user(anna).unwrap().unwrap().groups, vec![heroes]);
    let g = store
        .groups()
        .unwrap()
        .into_iter()
        .find(|g| g.id == voices)
        .unwrap();
    assert_eq!(g.members.len(), 1);
}

pub fn comments_and_reviewers_belong_to_records(store: &dyn Engine) {
    let anna = add(store, "anna@example.ru", "Анна", &[Role::Volunteer]);
    let boris = add(store, "boris@example.ru", "Борис", &[Role::Expert]);
    let vera = add(store, "vera@example.ru", "Вера", &[Role::Expert]);
    let a = place(store, &Actor::user(anna, "Анна"), "Планерная");
    let b = place(store, &Actor::user(anna, "Анна"), "Левобережный");
    assert!(store.comments(a).unwrap().is_empty());
    let first = store
        .add_comment(a, boris, "Борис", "Уточните источник.")
        .unwrap();
    let second = store
        .add_comment(a, anna, "Анна", "Добавила ссылку.")
        .unwrap();
    store
        .add_comment(b, boris, "Борис", "Другая запись.")
        .unwrap();
    let comments = store.comments(a).unwrap();
    let got: Vec<(i64, RecordId, Option<UserId>, &str, &str)> = comments
        .iter()
        .map(|c| {
            (
                c.id,
                c.record_id,
                c.author_user,
                c.author.as_str(),
                c.body.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (first, a, Some(boris), "Борис", "Уточните источник."),
            (second, a, Some(anna), "Анна", "Добавила ссылку."),
        ]
    );
    assert_eq!(store.reviewer(a).unwrap(), None);
    store.assign_reviewer(a, Some(boris), anna).unwrap();
    assert_eq!(store.reviewer(a).unwrap(), Some(boris));
    store.assign_reviewer(a, Some(vera), anna).unwrap();
    assert_eq!(store.reviewer(a).unwrap(), Some(vera), "reassigned");
    assert_eq!(store.reviewer(b).unwrap(), None);
    store.assign_reviewer(a, None, anna).unwrap();
    assert_eq!(store.reviewer(a).unwrap(), None, "unassigned");
}

pub fn studio_lists_filter_through_the_gate(store: &dyn Engine) {
    let editor = Actor::user(letopis_core::UserId(1), "Редактор");
    let expert = Actor::user(letopis_core::UserId(2), "Эксперт");
    let skhodnya = place(store, &editor, "Сходня");
    let podrezkovo = place(store, &editor, "Подрезково");
    let percent = place(store, &editor, "100% Ёлкино");
    step(store, &editor, podrezkovo, Workflow::InReview);
    step(store, &expert, podrezkovo, Workflow::Published);
    store
        .apply(
            &editor,
            vec![Op::Create(Draft::new(Body::Person(person(
                "Сходнев",
                "Пётр",
                "",
            ))))],
            TODAY,
        )
        .unwrap();
    let staff = Viewer::staff(letopis_core::UserId(1), vec![]).filter(TODAY);
    let query = |workflow, text: Option<&str>| StudioQuery {
        kind: Kind::Place,
        workflow,
        text: text.map(str::to_string),
        offset: 0,
        limit: 50,
    };
    let all = store.studio_list(&query(None, None), &staff).unwrap();
    assert_eq!(all.total, 3, "places only, every state");
    let mut got = ids(&all.items);
    got.sort();
    let mut expected = vec![skhodnya, podrezkovo, percent];
    expected.sort();
    assert_eq!(got, expected);
    let drafts = store
        .studio_list(&query(Some(Workflow::Draft), None), &staff)
        .unwrap();
    assert_eq!(drafts.total, 2);
    assert!(!ids(&drafts.items).contains(&podrezkovo));
    let by_text = store
        .studio_list(&query(None, Some("сход")), &staff)
        .unwrap();
    assert_eq!(ids(&by_text.items), [skhodnya]);
    let folded = store
        .studio_list(&query(None, Some("елкино")), &staff)
        .unwrap();
    assert_eq!(ids(&folded.items), [percent], "ё is folded");
    let literal = store.studio_list(&query(None, Some("0%")), &staff).unwrap();
    assert_eq!(
        ids(&literal.items),
        [percent],
        "% is a character, not a wildcard"
    );
    let wildcard = store.studio_list(&query(None, Some("%")), &staff).unwrap();
    assert_eq!(wildcard.total, 1);
    let paged = store
        .studio_list(
            &StudioQuery {
                offset: 1,
                limit: 1,
                ..query(None, None)
            },
            &staff,
        )
        .unwrap();
    assert_eq!((paged.total, paged.items.len()), (3, 1));
    let visitor = Viewer::anonymous().filter(TODAY);
    let public = store.studio_list(&query(None, None), &visitor).unwrap();
    assert_eq!(
        ids(&public.items),
        [podrezkovo],
        "drafts stay behind the gate"
    );
    assert_eq!(public.total, 1);
}

pub fn suggestions_match_titles_of_the_given_kinds(store: &dyn Engine) {
    let editor = Actor::user(letopis_core::UserId(1), "Редактор");
    let expert = Actor::user(letopis_core::UserId(2), "Эксперт");
    let station = place(store, &editor, "Химки, станция");
    let long = place(store, &editor, "Химкинское водохранилище");
    let other = place(store, &editor, "Сходня");
    let person_id = store
        .apply(
            &editor,
            vec![Op::Create(Draft::new(Body::Person(person(
                "Химкин",
                "Олег",
                "",
            ))))],
            TODAY,
        )
        .unwrap()[0]
        .record_id()
        .unwrap();
    let staff = Viewer::staff(letopis_core::UserId(1), vec![]).filter(TODAY);
    let places = store.suggest("химк", &[Kind::Place], 10, &staff).unwrap();
    assert_eq!(ids(&places), [station, long], "shorter titles first");
    assert!(!ids(&places).contains(&other));
    let any = store.suggest("химк", &[], 10, &staff).unwrap();
    assert_eq!(any.len(), 3);
    assert!(ids(&any).contains(&person_id));
    let people = store.suggest("химк", &[Kind::Person], 10, &staff).unwrap();
    assert_eq!(ids(&people), [person_id]);
    assert_eq!(
        store
            .suggest("химк", &[Kind::Place], 1, &staff)
            .unwrap()
            .len(),
        1
    );
    let visitor = Viewer::anonymous().filter(TODAY);
    assert!(store.suggest("химк", &[], 10, &visitor).unwrap().is_empty());
    step(store, &editor, long, Workflow::InReview);
    step(store, &expert, long, Workflow::Published);
    assert_eq!(
        ids(&store.suggest("химк", &[], 10, &visitor).unwrap()),
        [long]
    );
}

pub fn work_lists_drafts_returned_and_waiting_records(store: &dyn Engine) {
    let anna_id = add(store, "anna@example.ru", "Анна", &[Role::Volunteer]);
    let boris_id = add(store, "boris@example.ru", "Борис", &[Role::Expert]);
    let vera_id = add(store, "vera@example.ru", "Вера", &[Role::Expert]);
    let anna = Actor::user(anna_id, "Анна");
    let boris = Actor::user(boris_id, "Борис");
    let draft = place(store, &anna, "Черновик Анны");
    let returned = place(store, &anna, "Возвращённая");
    let waiting = place(store, &anna, "На проверке");
    let assigned = place(store, &anna, "Назначенная Вере");
    let not_hers = place(store, &boris, "Черновик Бориса");
    step(store, &anna, returned, Workflow::InReview);
    step(store, &boris, returned, Workflow::Draft);
    step(store, &anna, waiting, Workflow::InReview);
    step(store, &anna, assigned, Workflow::InReview);
    store
        .assign_reviewer(assigned, Some(vera_id), boris_id)
        .unwrap();
    let staff = |id| Viewer::staff(id, vec![]).filter(TODAY);
    let work = store.work_of(anna_id, &staff(anna_id)).unwrap();
    assert_eq!(
        ids(&work.drafts),
        [draft],
        "her drafts, not those she got back"
    );
    assert_eq!(ids(&work.returned), [returned]);
    assert!(work.to_review.is_empty(), "nobody reviews their own");
    let work = store.work_of(boris_id, &staff(boris_id)).unwrap();
    assert_eq!(
        ids(&work.to_review),
        [waiting],
        "unassigned, or assigned to him"
    );
    assert_eq!(ids(&work.drafts), [not_hers]);
    assert!(work.returned.is_empty());
    let work = store.work_of(vera_id, &staff(vera_id)).unwrap();
    let mut to_review = ids(&work.to_review);
    to_review.sort();
    let mut expected = vec![waiting, assigned];
    expected.sort();
    assert_eq!(to_review, expected);
    let visitor = Viewer::anonymous().filter(TODAY);
    let hidden = store.work_of(vera_id, &visitor).unwrap();
    assert!(hidden.to_review.is_empty(), "through the gate");
}

pub fn council_counts_by_quarter_and_group(store: &dyn Engine) {
    let anna_id = add(store, "anna@example.ru", "Анна", &[Role::Volunteer]);
    let boris_id = add(store, "boris@example.ru", "Борис", &[Role::Expert]);
    let lone_id = add(store, "lone@example.ru", "Одиночка", &[Role::Volunteer]);
    let group = store.create_group("Голоса", "living_voices").unwrap();
    store.set_member(group, anna_id, false).unwrap();
    store.set_member(group, boris_id, true).unwrap();
    let anna = Actor::user(anna_id, "Анна");
    let boris = Actor::user(boris_id, "Борис");
    let published = place(store, &anna, "Опубликованная");
    let returned = place(store, &anna, "Возвращённая");
    place(store, &Actor::user(lone_id, "Одиночка"), "Вне групп");
    step(store, &anna, published, Workflow::InReview);
    step(store, &boris, published, Workflow::Published);
    step(store, &anna, returned, Workflow::InReview);
    step(store, &boris, returned, Workflow::Draft);
    let quarter = quarter_of(jiff::Timestamp::now());
    let counts = store.council_counts().unwrap();
    let of = |g: Option<i64>| {
        counts
            .iter()
            .find(|c| c.group_id == g.map(GroupId))
            .unwrap_or_else(|| panic!("no row for {g:?}: {counts:?}"))
    };
    let ours = of(Some(group.0));
    assert_eq!(ours.quarter, quarter);
    assert_eq!(
        (ours.added, ours.reviewed, ours.published, ours.interviews),
        (2, 2, 1, 0)
    );
    let outside = of(None);
    assert_eq!((outside.added, outside.reviewed), (1, 0));
    assert_eq!(counts.len(), 2);
    // A second group of Anna's counts her work there too; the totals count it once.
    let second = store.create_group("Герои", "heroes").unwrap();
    store.set_member(second, anna_id, false).unwrap();
    assert_eq!(store.council_counts().unwrap().len(), 3);
    let totals = store.council_totals().unwrap();
    assert_eq!(totals.len(), 1, "{totals:?}");
    let all = &totals[0];
    assert_eq!(all.quarter, quarter);
    assert_eq!(all.group_id, None);
    assert_eq!(
        (all.added, all.reviewed, all.published, all.interviews),
        (3, 2, 1, 0)
    );
}

pub fn the_roadmap_is_seeded_once_and_takes_reports(store: &dyn Engine) {
    assert!(store.activities().unwrap().is_empty());
    let activity = |number: i64, title: &str| NewActivity {
        number,
        title: title.into(),
        period: "раз в квартал".into(),
        departments: "музей".into(),
        directions: if number == 2 {
            vec!["living_voices".into(), "heroes".into()]
        } else {
            Vec::new()
        },
    };
    let seeded = store
        .seed_activities(&[
            activity(2, "Сбор воспоминаний"),
            activity(1, "Рабочие группы"),
        ])
        .unwrap();
    assert_eq!(seeded, 2);
    assert_eq!(
        store.seed_activities(&[activity(3, "Лишнее")]).unwrap(),
        0,
        "a base that has activities keeps them"
    );
    let activities = store.activities().unwrap();
    let numbers: Vec<(i64, &str)> = activities
        .iter()
        .map(|a| (a.number, a.title.as_str()))
        .collect();
    assert_eq!(numbers, [(1, "Рабочие группы"), (2, "Сбор воспоминаний")]);
    assert_eq!(activities[0].period, "раз в квартал");
    assert_eq!(activities[0].departments, "музей");
    assert!(activities[0].directions.is_empty());
    assert_eq!(activities[1].directions, ["living_voices", "heroes"]);
    store
        .set_activity_directions(activities[0].id, &["all".to_string()])
        .unwrap();
    assert_eq!(store.activities().unwrap()[0].directions, ["all"]);
    is_not_found(
        store.set_activity_directions(ActivityId(activities[1].id.0 + 1000), &[]),
        "directions of a missing activity",
    );
    // The council's standing of an activity: kept, replaced, checked.
    use letopis_core::progress::{ActivityStatus, Milestone, Progress};
    assert!(store.activity_progress().unwrap().is_empty());
    let progress = Progress {
        status: ActivityStatus::InProgress,
        responsible: "Антонова С., координационный совет".into(),
        milestones: vec![Milestone {
            quarter: "2026-Q4".into(),
            what: "Группы по всем направлениям".into(),
            done: false,
        }],
    };
    let at = jiff::Timestamp::from_second(NOW).unwrap();
    store
        .set_activity_progress(activities[0].id, &progress, at)
        .unwrap();
    let done = Progress {
        status: ActivityStatus::Done,
        ..progress.clone()
    };
    store
        .set_activity_progress(activities[0].id, &done, at)
        .unwrap();
    assert_eq!(
        store.activity_progress().unwrap(),
        vec![(activities[0].id, done.clone())]
    );
    let bad = Progress {
        milestones: vec![Milestone {
            quarter: "IV квартал".into(),
            what: "x".into(),
            done: false,
        }],
        ..done.clone()
    };
    assert!(matches!(
        store.set_activity_progress(activities[0].id, &bad, at),
        Err(StoreError::Invalid(_))
    ));
    is_not_found(
        store.set_activity_progress(ActivityId(activities[1].id.0 + 1000), &done, at),
        "the standing of a missing activity",
    );
    let author = add(store, "lead@example.ru", "Руководитель", &[Role::GroupLead]);
    let first = activities[0].id;
    let old = store
        .add_report(
            first,
            "2025-Q4",
            author,
            "Руководитель",
            "Создано две группы.",
        )
        .unwrap();
    let new = store
        .add_report(
            first,
            "2026-Q1",
            author,
            "Руководитель",
            "Записано пять интервью.",
        )
        .unwrap();
    let reports = store.reports().unwrap();
    let got: Vec<(i64, ActivityId, &str, &str, &str)> = reports
        .iter()
        .map(|r| {
            (
                r.id,
                r.activity_id,
                r.quarter.as_str(),
                r.author.as_str(),
                r.body.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                new,
                first,
                "2026-Q1",
                "Руководитель",
                "Записано пять интервью."
            ),
            (old, first, "2025-Q4", "Руководитель", "Создано две группы."),
        ],
        "the latest quarter first"
    );
    is_not_found(
        store.add_report(
            ActivityId(first.0 + 1000),
            "2026-Q1",
            author,
            "Руководитель",
            "Текст",
        ),
        "a report on a missing activity",
    );
}

/// A record restricted to working groups names groups that exist: a restriction to an id nobody
/// has yet would open the record to whichever group later got it (issue #15). Refused with a
/// message about the access field, and nothing of the batch is written.
pub fn a_restriction_names_a_group_that_exists(store: &dyn Engine) {
    let editor = Actor::user(UserId(1), "Редактор");
    let group = store.create_group("Поисковики", "heroes").unwrap();
    let missing = GroupId(group.0 + 1);
    let restricted = |groups: Vec<GroupId>| {
        let mut draft = Draft::new(Body::Place(Place {
            name: "Склад группы".into(),
            ..Place::default()
        }));
        draft.settings.access = letopis_core::access::AccessLevel::Groups(groups);
        draft
    };
    let before = store.totals().unwrap().records;
    let refused = store.apply(
        &editor,
        vec![
            Op::Create(Draft::new(Body::Place(Place {
                name: "Первое в пакете".into(),
                ..Place::default()
            }))),
            Op::Create(restricted(vec![group, missing])),
        ],
        TODAY,
    );
    match refused {
        Err(StoreError::Invalid(invalid)) => {
            let problem = &invalid.problems[0];
            assert_eq!(problem.field, "access");
            assert!(
                problem.message.contains(&missing.to_string()),
                "names the missing group: {}",
                problem.message
            );
        }
        other => panic!("a missing group must be refused, got {other:?}"),
    }
    assert_eq!(store.totals().unwrap().records, before, "nothing written");

    // The same record naming the group that exists is kept, and read back as it was written.
    let id = store
        .apply(&editor, vec![Op::Create(restricted(vec![group]))], TODAY)
        .unwrap()[0]
        .record_id()
        .unwrap();
    let record = store.get(id).unwrap().unwrap();
    assert_eq!(
        record.record.meta.access,
        letopis_core::access::AccessLevel::Groups(vec![group])
    );
    // An edit cannot move it to a missing group either.
    let mut changed = record.record.settings();
    changed.access = letopis_core::access::AccessLevel::Groups(vec![missing]);
    let edit = store.apply(
        &editor,
        vec![Op::Update {
            id,
            expected_version: Some(record.record.meta.version),
            body: record.record.body.clone(),
            settings: changed,
        }],
        TODAY,
    );
    assert!(matches!(edit, Err(StoreError::Invalid(_))), "{edit:?}");
    assert_eq!(
        store.get(id).unwrap().unwrap().record.meta.access,
        letopis_core::access::AccessLevel::Groups(vec![group])
    );
}

pub fn excursions_are_requested_decided_counted_and_erased(store: &dyn Engine) {
    use crate::accounts::{ExcursionStatus, NewExcursion};
    let at = jiff::Timestamp::from_second(NOW).unwrap();
    let request = |school: &str, pupils: u32, wanted: jiff::civil::Date| NewExcursion {
        school: school.into(),
        class_name: "5 «Б»".into(),
        pupils,
        wanted_on: wanted,
        teacher: "Морозова Елена Сергеевна".into(),
        contact: "+7 900 000-00-00".into(),
        note: "После урока о битве под Москвой".into(),
    };
    let first = store
        .request_excursion(
            &request("Школа № 1", 25, jiff::civil::date(2026, 12, 10)),
            at,
        )
        .unwrap();
    let second = store
        .request_excursion(
            &request("Гимназия № 5", 18, jiff::civil::date(2027, 1, 20)),
            at,
        )
        .unwrap();
    let all = store.excursions().unwrap();
    assert_eq!(
        all.iter().map(|e| e.id).collect::<Vec<_>>(),
        vec![second, first]
    );
    assert!(
        all.iter()
            .all(|e| e.status == ExcursionStatus::Requested && !e.erased)
    );
    assert_eq!(all[1].teacher, "Морозова Елена Сергеевна");
    // Confirmed for another day than asked; the other declined.
    store
        .decide_excursion(
            first,
            ExcursionStatus::Confirmed,
            Some(jiff::civil::date(2026, 12, 11)),
            "Зал",
            at,
        )
        .unwrap();
    store
        .decide_excursion(second, ExcursionStatus::Declined, None, "Зал", at)
        .unwrap();
    assert!(matches!(
        store.decide_excursion(9_999, ExcursionStatus::Confirmed, None, "Зал", at),
        Err(StoreError::NotFound { .. })
    ));
    let first_now = store
        .excursions()
        .unwrap()
        .into_iter()
        .find(|e| e.id == first)
        .unwrap();
    assert_eq!(first_now.visit_on, Some(jiff::civil::date(2026, 12, 11)));
    assert_eq!(first_now.decided_by.as_deref(), Some("Зал"));
    // Only confirmed visits count, by the quarter of the visit.
    let counts = store.excursion_counts().unwrap();
    assert_eq!(counts.len(), 1);
    assert_eq!(
        (
            counts[0].quarter.as_str(),
            counts[0].visits,
            counts[0].pupils
        ),
        ("2026-Q4", 1, 25)
    );
    // After the visit the teacher's name and contact are erased; the counts stay.
    assert_eq!(
        store
            .erase_past_excursions(jiff::civil::date(2026, 12, 12), at)
            .unwrap(),
        1
    );
    let erased = store
        .excursions()
        .unwrap()
        .into_iter()
        .find(|e| e.id == first)
        .unwrap();
    assert!(
        erased.erased
            && erased.teacher.is_empty()
            && erased.contact.is_empty()
            && erased.note.is_empty()
    );
    assert_eq!(erased.school, "Школа № 1");
    assert_eq!(store.excursion_counts().unwrap()[0].pupils, 25);
    // The later request keeps its contact until its own date has passed.
    let kept = store
        .excursions()
        .unwrap()
        .into_iter()
        .find(|e| e.id == second)
        .unwrap();
    assert!(!kept.erased && !kept.contact.is_empty());
    assert_eq!(
        store
            .erase_past_excursions(jiff::civil::date(2026, 12, 12), at)
            .unwrap(),
        0
    );
}

pub fn lesson_kits_are_kept_shared_published_and_given_to_classes(store: &dyn Engine) {
    use crate::lessons::ClassLink;
    use letopis_core::lesson::{Kit, KitBlock, KitState, Material, Purpose};
    let at = jiff::Timestamp::from_second(NOW).unwrap();
    let teacher = add(
        store,
        "teacher@example.ru",
        "Морозова Е. С.",
        &[Role::Teacher],
    );
    let other = add(store, "guide@example.ru", "Гид Зала", &[Role::Volunteer]);
    let mut kit = Kit {
        title: "Оборона Химок".into(),
        grade_from: 8,
        grade_to: 11,
        subjects: vec!["history".into()],
        ..Kit::default()
    };
    let first = store.create_kit(teacher, &kit, at).unwrap();
    assert_eq!(first.slug, "oborona-khimok");
    assert_eq!(first.state, KitState::Private);
    assert_eq!(first.owner, Some(teacher));
    assert_eq!(first.owner_name, "Морозова Е. С.");
    // The same title gets its own address.
    let tour = store
        .create_kit(
            other,
            &Kit {
                purpose: Purpose::Tour,
                ..kit.clone()
            },
            at,
        )
        .unwrap();
    assert_eq!(tour.slug, "oborona-khimok-2");
    // A kit that says nothing true is refused and nothing is kept.
    let bad = Kit {
        title: String::new(),
        ..Kit::default()
    };
    assert!(matches!(
        store.create_kit(teacher, &bad, at),
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(store.kits_of(teacher).unwrap().len(), 1);

    kit.blocks.push(KitBlock {
        material: Material::Record {
            record: RecordId(1),
        },
        note: "Прочитайте вслух".into(),
        questions: vec![],
    });
    store
        .save_kit(first.id, &kit, KitState::Shared, at)
        .unwrap();
    let saved = store.kit_by_slug("oborona-khimok").unwrap().unwrap();
    assert_eq!(saved.kit, kit);
    assert_eq!(saved.state, KitState::Shared);
    assert!(saved.published_at.is_none());
    assert_eq!(
        store
            .kits_in(&[KitState::Shared])
            .unwrap()
            .iter()
            .map(|k| k.id)
            .collect::<Vec<_>>(),
        vec![first.id]
    );
    store
        .set_kit_state(first.id, KitState::Published, "", at)
        .unwrap();
    let published = store.kit(first.id).unwrap().unwrap();
    assert_eq!(published.published_at, Some(at));
    store
        .set_kit_state(first.id, KitState::Private, "Уточните даты", at)
        .unwrap();
    let returned = store.kit(first.id).unwrap().unwrap();
    assert_eq!(returned.review_note, "Уточните даты");
    assert!(returned.published_at.is_none());
    is_not_found(store.set_kit_state(999, KitState::Shared, "", at), "kit");
    is_not_found(store.save_kit(999, &kit, KitState::Shared, at), "kit");

    // Class links: one code once, found by code, closed by moving its last day.
    let link = ClassLink {
        code: "K7M2QX".into(),
        kit: first.id,
        max_age: 12,
        expires_on: jiff::civil::date(2026, 12, 20),
        created_by: Some(teacher),
        created_at: at,
    };
    store.create_class_link(&link).unwrap();
    assert!(matches!(
        store.create_class_link(&link),
        Err(StoreError::Duplicate { .. })
    ));
    assert_eq!(store.class_link("K7M2QX").unwrap(), Some(link.clone()));
    assert_eq!(store.class_links_of(first.id).unwrap(), vec![link.clone()]);
    store
        .end_class_link("K7M2QX", jiff::civil::date(2026, 12, 5))
        .unwrap();
    let closed = store.class_link("K7M2QX").unwrap().unwrap();
    assert!(!closed.open_on(jiff::civil::date(2026, 12, 6)));
    assert!(closed.open_on(jiff::civil::date(2026, 12, 5)));
    is_not_found(
        store.end_class_link("NOPE22", jiff::civil::date(2026, 12, 5)),
        "link",
    );

    // An excursion names its tour and lesson; deleting a kit takes its links and leaves the
    // excursion without it.
    let visit = store
        .request_excursion(
            &crate::accounts::NewExcursion {
                school: "Школа № 1".into(),
                class_name: "8 «А»".into(),
                pupils: 20,
                wanted_on: jiff::civil::date(2026, 12, 10),
                teacher: "Морозова".into(),
                contact: "m@example.ru".into(),
                note: String::new(),
            },
            at,
        )
        .unwrap();
    store
        .plan_excursion(visit, Some(tour.id), Some(first.id))
        .unwrap();
    let planned = &store.excursions().unwrap()[0];
    assert_eq!(
        (planned.tour, planned.lesson),
        (Some(tour.id), Some(first.id))
    );
    is_not_found(store.plan_excursion(999, None, None), "excursion");
    store.delete_kit(first.id).unwrap();
    assert!(store.kit(first.id).unwrap().is_none());
    assert!(store.class_link("K7M2QX").unwrap().is_none());
    let planned = &store.excursions().unwrap()[0];
    assert_eq!((planned.tour, planned.lesson), (Some(tour.id), None));
    is_not_found(store.delete_kit(first.id), "kit");
}

pub fn the_media_plan_keeps_publications_by_day_until_reported(store: &dyn Engine) {
    use letopis_core::media_plan::{Channel, PlanStatus, Publication};
    use letopis_core::record::RecordId;
    let at = jiff::Timestamp::from_second(NOW).unwrap();
    let press = add(store, "press@example.ru", "Пресс-служба", &[Role::Press]);
    let day = |m, d| jiff::civil::date(2026, m, d);
    let plan = Publication {
        title: "Голоса обороны".into(),
        date: Some(day(12, 5)),
        channel: Channel::Tv,
        presents: vec![RecordId(7)],
        ..Publication::default()
    };
    let first = store.add_publication(press, &plan, at).unwrap();
    assert_eq!(first.created_by, Some(press));
    assert_eq!(first.publication, plan);
    let later = store
        .add_publication(
            press,
            &Publication {
                title: "Пост к годовщине".into(),
                date: Some(day(10, 16)),
                channel: Channel::Vk,
                ..Publication::default()
            },
            at,
        )
        .unwrap();
    // Invalid plans are refused whole: a publication out without its link.
    let out = Publication {
        status: PlanStatus::Published,
        ..plan.clone()
    };
    assert!(matches!(
        store.add_publication(press, &out, at),
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store.save_publication(first.id, &out, at),
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(
        store.publication(first.id).unwrap().unwrap().publication,
        plan
    );
    // By day, within the quarter's days.
    let quarter = store.publications_between(day(10, 1), day(12, 31)).unwrap();
    assert_eq!(
        quarter.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![later.id, first.id]
    );
    assert!(
        store
            .publications_between(day(1, 1), day(3, 31))
            .unwrap()
            .is_empty()
    );
    // Reported, then moved to another day.
    let reported = Publication {
        status: PlanStatus::Reported,
        link: "https://example.ru/news/1".into(),
        reach: Some(12_400),
        date: Some(jiff::civil::date(2027, 1, 10)),
        ..plan
    };
    store.save_publication(first.id, &reported, at).unwrap();
    assert_eq!(
        store
            .publication(first.id)
            .unwrap()
            .unwrap()
            .publication
            .reach,
        Some(12_400)
    );
    assert_eq!(
        store
            .publications_between(day(10, 1), day(12, 31))
            .unwrap()
            .len(),
        1
    );
    store.delete_publication(later.id).unwrap();
    assert!(store.publication(later.id).unwrap().is_none());
    assert!(matches!(
        store.save_publication(later.id, &reported, at),
        Err(StoreError::NotFound { .. })
    ));
}

pub fn venues_are_kept_with_a_log_counted_per_quarter(store: &dyn Engine) {
    use letopis_core::district::{Venue, VenueActivity, VenueKind};
    let at: jiff::Timestamp = "2026-11-20T10:00:00Z".parse().unwrap();
    let library = Venue {
        name: " Библиотека № 4 ".into(),
        kind: VenueKind::Library,
        district: "Сходня ".into(),
        address: "ул. Первомайская, 38".into(),
        responsible: "Петрова Н. И., заведующая".into(),
        contact: "+7 495 000-00-00".into(),
    };
    let first = store.create_venue(&library, at).unwrap();
    let school = store
        .create_venue(
            &Venue {
                name: "Школа № 5".into(),
                kind: VenueKind::School,
                district: "Левобережный".into(),
                ..Venue::default()
            },
            at,
        )
        .unwrap();
    // Kept trimmed, listed by district then name.
    let kept = store.venue(first).unwrap().unwrap();
    assert_eq!(kept.venue.name, "Библиотека № 4");
    assert_eq!(kept.venue.district, "Сходня");
    assert_eq!(kept.venue.contact, "+7 495 000-00-00");
    let ids: Vec<i64> = store.venues().unwrap().iter().map(|v| v.id).collect();
    assert_eq!(ids, [school, first]);
    // A venue without a name is refused, and nothing is kept.
    assert!(matches!(
        store.create_venue(
            &Venue {
                name: " ".into(),
                ..library.clone()
            },
            at
        ),
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(store.venues().unwrap().len(), 2);
    let moved = Venue {
        kind: VenueKind::CultureHouse,
        ..library.clone()
    };
    store.save_venue(first, &moved, at).unwrap();
    assert_eq!(
        store.venue(first).unwrap().unwrap().venue.kind,
        VenueKind::CultureHouse
    );
    is_not_found(store.save_venue(999, &moved, at), "venue");

    let day = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
    let log = |on: &str, people: u32| VenueActivity {
        on: day(on),
        what: "Встреча с ветеранами".into(),
        people,
    };
    store
        .add_venue_activity(first, &log("2026-10-05", 40), "Анна", at)
        .unwrap();
    store
        .add_venue_activity(first, &log("2026-11-19", 25), "Анна", at)
        .unwrap();
    store
        .add_venue_activity(first, &log("2026-09-30", 10), "Анна", at)
        .unwrap();
    // Not yet done, or for a venue that is not there: refused.
    assert!(matches!(
        store.add_venue_activity(first, &log("2027-01-10", 5), "Анна", at),
        Err(StoreError::Invalid(_))
    ));
    is_not_found(
        store.add_venue_activity(999, &log("2026-10-05", 5), "Анна", at),
        "venue activity",
    );
    let days: Vec<String> = store
        .venue_activities(first)
        .unwrap()
        .iter()
        .map(|a| a.activity.on.to_string())
        .collect();
    assert_eq!(days, ["2026-11-19", "2026-10-05", "2026-09-30"]);
    let quarters: Vec<(i64, String, u64, u64)> = store
        .venue_quarters()
        .unwrap()
        .into_iter()
        .map(|q| (q.venue, q.quarter, q.activities, q.people))
        .collect();
    assert_eq!(
        quarters,
        [
            (first, "2026-Q3".to_string(), 1, 10),
            (first, "2026-Q4".to_string(), 2, 65)
        ]
    );
    // Deleting a venue takes its log.
    store.delete_venue(first).unwrap();
    assert!(store.venue(first).unwrap().is_none());
    assert!(store.venue_quarters().unwrap().is_empty());
    is_not_found(store.delete_venue(first), "venue");
}

pub fn a_paper_goes_from_the_call_to_the_proceedings(store: &dyn Engine) {
    use crate::conference::PaperFile;
    use jiff::civil::{date, time};
    use letopis_core::conference::{
        Author, Conference, Paper, PaperStatus, Recommendation, Section, Slot,
    };
    let at: jiff::Timestamp = "2027-01-10T10:00:00Z".parse().unwrap();
    let mut conference = Conference {
        slug: "chteniya-2027".into(),
        title: "Краеведческие чтения".into(),
        starts: Some(date(2027, 4, 20)),
        ends: Some(date(2027, 4, 21)),
        deadline: Some(date(2027, 3, 1)),
        sections: vec![Section {
            key: "front".into(),
            title: "Фронт и тыл".into(),
            room: "Зал 1".into(),
        }],
        ..Conference::default()
    };
    // A conference that does not hold together is refused; a slug saved again is updated.
    let mut broken = conference.clone();
    broken.sections.clear();
    assert!(matches!(
        store.save_conference(&broken, at),
        Err(StoreError::Invalid(_))
    ));
    let id = store.save_conference(&conference, at).unwrap();
    conference.place = "Библиотека им. Маяковского".into();
    assert_eq!(store.save_conference(&conference, at).unwrap(), id);
    let current = store.current_conference().unwrap().unwrap();
    assert_eq!(current.id, id);
    assert_eq!(current.conference.place, "Библиотека им. Маяковского");

    let paper = Paper {
        title: "Эвакуация завода".into(),
        authors: vec![Author {
            name: "Иванова А. П.".into(),
            affiliation: "Школа № 5".into(),
        }],
        email: "anna@example.ru".into(),
        summary: "Аннотация.".into(),
        section: "front".into(),
        lang: "ru".into(),
    };
    let file = PaperFile {
        sha256: "ab".repeat(32),
        name: "doklad.pdf".into(),
        size: 1234,
    };
    let p = store.submit_paper(id, &paper, &file, "hash-1", at).unwrap();
    let sent = store.paper(p).unwrap().unwrap();
    assert_eq!(sent.status, PaperStatus::Unconfirmed);
    assert_eq!(sent.file, file);
    assert_eq!(sent.paper, paper);
    // The confirmation link works once.
    assert_eq!(store.confirm_paper("hash-1", at).unwrap(), Some(p));
    assert_eq!(store.confirm_paper("hash-1", at).unwrap(), None);
    assert_eq!(
        store.paper(p).unwrap().unwrap().status,
        PaperStatus::Submitted
    );

    let reviewer = add(store, "rev@example.ru", "Рецензент Р. Р.", &[Role::Expert]);
    let other = add(store, "other@example.ru", "Другой Д. Д.", &[Role::Expert]);
    // Only an assigned reviewer may review.
    assert!(matches!(
        store.review_paper(p, reviewer, 5, Recommendation::Accept, "", "Р", at),
        Err(StoreError::Invalid(_))
    ));
    store
        .assign_paper_reviewer(p, reviewer, "Председатель", at)
        .unwrap();
    store
        .assign_paper_reviewer(p, reviewer, "Председатель", at)
        .unwrap();
    is_not_found(
        store.assign_paper_reviewer(p, UserId(999_999), "Председатель", at),
        "an unknown reviewer",
    );
    assert_eq!(
        store.paper(p).unwrap().unwrap().status,
        PaperStatus::InReview
    );
    assert!(
        store
            .review_paper(p, reviewer, 9, Recommendation::Accept, "", "Р", at)
            .is_err()
    );
    store
        .review_paper(
            p,
            reviewer,
            4,
            Recommendation::Revise,
            "Уточнить даты.",
            "Р",
            at,
        )
        .unwrap();
    store
        .review_paper(p, reviewer, 5, Recommendation::Accept, "Хорошо.", "Р", at)
        .unwrap();
    let reviews = store.paper_reviews(p).unwrap();
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0].reviewer_name, "Рецензент Р. Р.");
    assert_eq!(reviews[0].score, Some(5));
    assert_eq!(reviews[0].recommendation, Some(Recommendation::Accept));
    assert!(
        store
            .review_paper(p, other, 3, Recommendation::Decline, "", "Д", at)
            .is_err()
    );

    // Not in the programme before it is accepted; decided once.
    let slot = Slot {
        day: date(2027, 4, 20),
        start: time(10, 0, 0, 0),
        end: time(10, 20, 0, 0),
    };
    assert!(store.schedule_paper(p, Some(slot), "П", at).is_err());
    assert!(store.paper_published(p, RecordId(1), "П", at).is_err());
    store
        .decide_paper(p, true, "Ваш доклад принят.", "Председатель", at)
        .unwrap();
    assert!(
        store
            .decide_paper(p, false, "Нет.", "Председатель", at)
            .is_err()
    );
    assert!(
        store
            .assign_paper_reviewer(p, other, "Председатель", at)
            .is_err()
    );
    store
        .schedule_paper(p, Some(slot), "Председатель", at)
        .unwrap();
    let kept = store.paper(p).unwrap().unwrap();
    assert_eq!(kept.status, PaperStatus::Accepted);
    assert_eq!(kept.slot, Some(slot));
    assert!(kept.decided_at.is_some());

    let item = place(
        store,
        &Actor::user(reviewer, "Рецензент"),
        "Тестовая запись",
    );
    store.paper_published(p, item, "Председатель", at).unwrap();
    assert_eq!(store.paper(p).unwrap().unwrap().item, Some(item));
    let kinds: Vec<String> = store
        .paper_log(p)
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            "submitted",
            "confirmed",
            "assigned",
            "reviewed",
            "reviewed",
            "accepted",
            "letter",
            "scheduled",
            "published"
        ]
    );
    let letter = store
        .paper_log(p)
        .unwrap()
        .into_iter()
        .find(|e| e.kind == "letter")
        .unwrap();
    assert_eq!(letter.body, "Ваш доклад принят.");

    // An unconfirmed paper is erased after the week; a confirmed one stays, and so does the
    // file they share (only files no paper holds any more are returned for removal).
    let q = store.submit_paper(id, &paper, &file, "hash-2", at).unwrap();
    let own = PaperFile {
        sha256: "cd".repeat(32),
        ..file.clone()
    };
    let r = store.submit_paper(id, &paper, &own, "hash-3", at).unwrap();
    let later = at + jiff::SignedDuration::from_hours(24 * 8);
    assert_eq!(
        store.erase_unconfirmed_papers(later).unwrap(),
        vec![own.sha256]
    );
    assert!(store.paper(r).unwrap().is_none());
    assert!(store.paper(q).unwrap().is_none());
    assert!(store.paper(p).unwrap().is_some());
    assert_eq!(store.papers(id).unwrap().len(), 1);
}

pub fn a_lease_goes_to_one_holder_until_it_runs_out(store: &dyn Engine) {
    let t = |s: i64| jiff::Timestamp::from_second(1_800_000_000 + s).expect("a time");
    let hold = |job: &str, who: &str, now: i64, until: i64| {
        store
            .hold_lease(job, who, t(now), t(until))
            .expect("a lease")
    };
    assert!(hold("fixity", "node-a", 0, 60), "a free lease is taken");
    assert!(
        !hold("fixity", "node-b", 10, 70),
        "held by another until it runs out"
    );
    assert!(
        hold("draft-purge", "node-b", 10, 70),
        "each job has its own lease"
    );
    assert!(hold("fixity", "node-a", 30, 90), "its holder renews it");
    assert!(!hold("fixity", "node-b", 89, 150), "the renewal counts");
    assert!(
        hold("fixity", "node-b", 90, 150),
        "run out: another node takes it"
    );
    assert!(
        !hold("fixity", "node-a", 91, 151),
        "and the first no longer holds it"
    );
}
