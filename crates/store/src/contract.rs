//! The contract every storage engine meets. Each check takes a fresh, empty store; an engine's
//! test file runs them all with [`contract_tests!`](crate::contract_tests), so SQLite and any later
//! engine are held to exactly the same behaviour.

use crate::{
    Draft, FacetCount, FeedSpan, ListQuery, Op, Order, Outcome, Store, StoreError, StoredRecord,
    WriteObserver,
};
use jiff::civil::{Date, date};
use letopis_core::RelationId;
use letopis_core::access::{AccessLevel, AgeRating, Viewer, ViewerRole};
use letopis_core::consent::{ConsentKind, NewConsent};
use letopis_core::entities::{Fate, Item, MediaRef, Person, PersonRole, Place, PlaceType};
use letopis_core::facet::{Facet, FacetName};
use letopis_core::history::{Actor, Subject};
use letopis_core::names::PersonName;
use letopis_core::record::{RecordId, Settings};
use letopis_core::relation::{NewRelation, RelationType};
use letopis_core::{Body, Edtf, Kind, Workflow};
use std::collections::BTreeMap;

/// The fixed "today" of the contract checks.
pub const TODAY: Date = date(2026, 11, 26);

/// Expands to one `#[test]` per contract check, each on a store made by `$make`.
#[macro_export]
macro_rules! contract_tests {
    ($make:expr) => {
        $crate::contract_tests!(@each $make;
            create_then_read, slugs_are_unique_and_readable, update_guards_against_lost_edits,
            upsert_by_external_id, a_failed_batch_writes_nothing, workflow_needs_a_second_person,
            gate_lists_agree_with_gate_for_every_viewer, consent_controls_personal_data, consent_covers_records_of_its_batch,
            consent_terms_run_out, relations_are_two_way_and_typed, media_users_are_known,
            change_feed_is_ordered, facet_counts_agree_with_gate_for_every_viewer,
            facet_filters_narrow_lists, derived_place_facets_follow_relations,
            related_groups_are_capped_and_gated, erasing_from_history_keeps_the_steps,
            a_family_account_is_tied_in_its_batch_and_left_out_of_the_catalogue,
            projections_are_derived_on_write, harvest_walks_published_records_by_last_change,
            an_observed_apply_tells_what_it_writes, history_keeps_each_record_as_it_was_created);
    };
    (@each $make:expr; $($name:ident),*) => {
        $(
            #[test]
            fn $name() {
                let store = $make;
                $crate::contract::working_groups(&*store);
                $crate::contract::$name(&*store);
            }
        )*
    };
}

/// The working groups the fixtures name: groups 1 to 7 (a restriction must name a group that
/// exists). Run by [`contract_tests!`] on each fresh store before the check.
pub fn working_groups(store: &dyn crate::accounts_contract::Engine) {
    for n in 1..=7 {
        let id = store
            .create_group(&format!("Группа {n}"), "heroes")
            .expect("a working group");
        assert_eq!(
            id,
            letopis_core::GroupId(n),
            "a fresh store numbers groups from 1"
        );
    }
}

fn editor() -> Actor {
    Actor::user(letopis_core::UserId(1), "Редактор Анна")
}

fn expert() -> Actor {
    Actor::user(letopis_core::UserId(2), "Эксперт Борис")
}

pub fn person(surname: &str, given: &str, patronymic: &str) -> Person {
    Person {
        name: PersonName {
            surname: surname.into(),
            given: given.into(),
            patronymic: patronymic.into(),
            ..PersonName::default()
        },
        ..Person::default()
    }
}

/// A person who died in the war: publishable under a public-interest decision.
pub fn fallen(surname: &str, given: &str) -> Person {
    Person {
        fate: Some(Fate::Killed),
        death: Edtf::parse("1942").ok(),
        ..person(surname, given, "")
    }
}

fn place(name: &str) -> Body {
    Body::Place(Place {
        name: name.into(),
        ..Place::default()
    })
}

fn create(store: &dyn Store, draft: Draft) -> RecordId {
    let out = store
        .apply(&editor(), vec![Op::Create(draft)], TODAY)
        .expect("create");
    out[0].record_id().expect("created id")
}

pub fn create_then_read(store: &dyn Store) {
    let mut p = person("Иванов", "Пётр", "Семёнович");
    p.birth = Edtf::parse("1921").ok();
    let id = create(store, Draft::new(Body::Person(p.clone())));
    let got = store.get(id).unwrap().expect("stored");
    assert_eq!(got.record.body, Body::Person(p));
    assert_eq!(got.record.meta.version, 1);
    assert_eq!(got.record.meta.workflow, Workflow::Draft);
    assert_eq!(got.record.kind(), Kind::Person);
    let history = store.history(Subject::Record(id)).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].action, "create");
    assert_eq!(history[0].actor, editor());
    assert!(history[0].before.is_none() && history[0].after.is_some());
    assert!(store.get(RecordId(id.0 + 1000)).unwrap().is_none());
}

pub fn slugs_are_unique_and_readable(store: &dyn Store) {
    let a = create(
        store,
        Draft::new(Body::Person(person("Иванов", "Пётр", "Семёнович"))),
    );
    let b = create(
        store,
        Draft::new(Body::Person(person("Иванов", "Пётр", "Семёнович"))),
    );
    let a = store.get(a).unwrap().unwrap().record.meta.slug;
    let b = store.get(b).unwrap().unwrap().record.meta.slug;
    assert_eq!(a, "ivanov-petr-semenovich");
    assert_eq!(b, "ivanov-petr-semenovich-2");
    let found = store.find_slug(Kind::Person, &b).unwrap().unwrap();
    assert_eq!(found.record.meta.slug, b);
    assert!(store.find_slug(Kind::Place, &b).unwrap().is_none());
}

pub fn update_guards_against_lost_edits(store: &dyn Store) {
    let id = create(store, Draft::new(place("Сходня")));
    let edit = |name: &str, version| Op::Update {
        id,
        expected_version: version,
        body: place(name),
        settings: Settings::default(),
    };
    let out = store
        .apply(&editor(), vec![edit("Сходня, посёлок", Some(1))], TODAY)
        .unwrap();
    assert_eq!(out, vec![Outcome::Updated(id)]);
    let err = store
        .apply(&expert(), vec![edit("Сходня (станция)", Some(1))], TODAY)
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Conflict {
                expected: 1,
                actual: 2
            }
        ),
        "{err:?}"
    );
    let out = store
        .apply(&editor(), vec![edit("Сходня, посёлок", None)], TODAY)
        .unwrap();
    assert_eq!(out, vec![Outcome::Unchanged(id)]);
    let rec = store.get(id).unwrap().unwrap().record;
    assert_eq!(rec.title(), "Сходня, посёлок");
    assert_eq!(
        rec.meta.slug, "skhodnya",
        "slugs stay stable when titles change"
    );
    let history = store.history(Subject::Record(id)).unwrap();
    assert_eq!(history.len(), 2, "an unchanged save writes no revision");
    assert_eq!(
        history[1].before.as_ref().unwrap()["body"]["name"],
        "Сходня"
    );
    assert_eq!(
        history[1].after.as_ref().unwrap()["body"]["name"],
        "Сходня, посёлок"
    );
}

pub fn upsert_by_external_id(store: &dyn Store) {
    let draft = |bio: &str| Draft {
        settings: Settings {
            external_id: Some("KH-17".into()),
            ..Settings::default()
        },
        ..Draft::new(Body::Person(Person {
            biography: bio.into(),
            ..person("Смирнова", "Анна", "Ивановна")
        }))
    };
    let first = store
        .apply(&editor(), vec![Op::Upsert(draft("Связистка."))], TODAY)
        .unwrap();
    let Outcome::Created(id) = first[0] else {
        panic!("expected a new record, got {first:?}");
    };
    let again = store
        .apply(&editor(), vec![Op::Upsert(draft("Связистка."))], TODAY)
        .unwrap();
    assert_eq!(again, vec![Outcome::Unchanged(id)]);
    let changed = store
        .apply(
            &editor(),
            vec![Op::Upsert(draft("Связистка 1-го Белорусского фронта."))],
            TODAY,
        )
        .unwrap();
    assert_eq!(changed, vec![Outcome::Updated(id)]);
    let found = store.find_external(Kind::Person, "KH-17").unwrap().unwrap();
    assert_eq!(found.record.id(), id);
    let no_id = store.apply(
        &editor(),
        vec![Op::Upsert(Draft::new(place("Химки")))],
        TODAY,
    );
    assert!(matches!(no_id, Err(StoreError::Invalid(_))));
}

pub fn a_failed_batch_writes_nothing(store: &dyn Store) {
    let before = store.totals().unwrap();
    let result = store.apply(
        &editor(),
        vec![
            Op::Create(Draft::new(place("Подрезково"))),
            Op::Create(Draft::new(Body::Person(person("", "Без", "Фамилии")))),
        ],
        TODAY,
    );
    let Err(StoreError::Invalid(invalid)) = result else {
        panic!("expected a validation error, got {result:?}");
    };
    assert_eq!(invalid.problems[0].field, "surname");
    assert!(invalid.problems[0].message.contains("Фамилия"));
    assert_eq!(store.totals().unwrap(), before);
    assert!(store.changes_since(0, 100).unwrap().is_empty());
}

pub fn workflow_needs_a_second_person(store: &dyn Store) {
    let id = create(store, Draft::new(place("Новогорск")));
    let step = |to| Op::Step { id, to, note: None };
    store
        .apply(&editor(), vec![step(Workflow::InReview)], TODAY)
        .unwrap();
    let own = store.apply(&editor(), vec![step(Workflow::Published)], TODAY);
    assert!(matches!(own, Err(StoreError::Workflow(_))), "{own:?}");
    store
        .apply(&expert(), vec![step(Workflow::Published)], TODAY)
        .unwrap();
    let rec = store.get(id).unwrap().unwrap();
    assert_eq!(rec.record.meta.workflow, Workflow::Published);
    assert!(rec.audience.admits(&Viewer::anonymous(), TODAY));
    let skip = store.apply(&editor(), vec![step(Workflow::InReview)], TODAY);
    assert!(matches!(skip, Err(StoreError::Workflow(_))));
    let actions: Vec<String> = store
        .history(Subject::Record(id))
        .unwrap()
        .into_iter()
        .map(|r| r.action)
        .collect();
    assert_eq!(
        actions,
        ["create", "workflow:in_review", "workflow:published"]
    );
}

/// Builds one record in each state that matters to the gate and returns (name, id) pairs.
/// Public so that the other forms of the gate (the search index's filter) are held to the same
/// records and viewers.
pub fn gate_fixture(store: &dyn Store) -> Vec<(&'static str, RecordId)> {
    let published = |name: &str, settings: Settings| Draft {
        settings,
        ..Draft::published(place(name))
    };
    let draft_with = |name: &str, wf: Workflow| Draft {
        workflow: wf,
        ..Draft::new(place(name))
    };
    let cases: Vec<(&'static str, Draft)> = vec![
        ("public", published("Открытое", Settings::default())),
        ("draft", draft_with("Черновик", Workflow::Draft)),
        ("in_review", draft_with("На проверке", Workflow::InReview)),
        ("withdrawn", draft_with("Снятое", Workflow::Withdrawn)),
        (
            "embargoed",
            published(
                "Под запретом",
                Settings {
                    embargo_until: Some(date(2031, 1, 1)),
                    ..Settings::default()
                },
            ),
        ),
        (
            "embargo_over",
            published(
                "Запрет истёк",
                Settings {
                    embargo_until: Some(date(2020, 1, 1)),
                    ..Settings::default()
                },
            ),
        ),
        (
            "registered",
            published(
                "Для своих",
                Settings {
                    access: AccessLevel::Registered,
                    ..Settings::default()
                },
            ),
        ),
        (
            "staff",
            published(
                "Служебное",
                Settings {
                    access: AccessLevel::Staff,
                    ..Settings::default()
                },
            ),
        ),
        (
            "group_7",
            published(
                "Группа 7",
                Settings {
                    access: AccessLevel::Groups(vec![letopis_core::GroupId(7)]),
                    ..Settings::default()
                },
            ),
        ),
        (
            "rated_16",
            published(
                "Шестнадцать",
                Settings {
                    age_rating: AgeRating::Sixteen,
                    ..Settings::default()
                },
            ),
        ),
        (
            "living_no_consent",
            Draft::published(Body::Person(person("Живущая", "Мария", "Петровна"))),
        ),
        (
            "fallen_no_decision",
            Draft::published(Body::Person(fallen("Павший", "Иван"))),
        ),
    ];
    cases
        .into_iter()
        .map(|(name, draft)| (name, create(store, draft)))
        .collect()
}

/// One viewer of every kind the gate tells apart, for [`gate_fixture`].
pub fn gate_viewers() -> Vec<Viewer> {
    vec![
        Viewer::anonymous(),
        Viewer {
            role: ViewerRole::Registered,
            user_id: Some(letopis_core::UserId(9)),
            groups: vec![],
            max_age: None,
        },
        Viewer::staff(letopis_core::UserId(3), vec![]),
        Viewer::staff(letopis_core::UserId(4), vec![letopis_core::GroupId(7)]),
        Viewer::admin(letopis_core::UserId(1)),
        Viewer::anonymous().with_max_age(AgeRating::Twelve),
    ]
}

pub fn gate_lists_agree_with_gate_for_every_viewer(store: &dyn Store) {
    let fixture = gate_fixture(store);
    for viewer in &gate_viewers() {
        let mut expected = Vec::new();
        for (_, id) in &fixture {
            let rec = store.get(*id).unwrap().unwrap();
            if rec.audience.admits(viewer, TODAY) {
                expected.push(*id);
            }
        }
        let mut listed = Vec::new();
        let mut total = 0;
        for kind in [Kind::Place, Kind::Person] {
            let page = store
                .list(
                    &ListQuery {
                        limit: 100,
                        ..ListQuery::new(kind)
                    },
                    &viewer.filter(TODAY),
                )
                .unwrap();
            total += page.total;
            listed.extend(page.items.iter().map(|r| r.record.id()));
        }
        listed.sort();
        expected.sort();
        assert_eq!(listed, expected, "list and gate disagree for {viewer:?}");
        assert_eq!(
            total as usize,
            expected.len(),
            "count and gate disagree for {viewer:?}"
        );
    }
    let anonymous_sees: Vec<&str> = fixture
        .iter()
        .filter(|(_, id)| {
            store
                .get(*id)
                .unwrap()
                .unwrap()
                .audience
                .admits(&Viewer::anonymous(), TODAY)
        })
        .map(|(name, _)| *name)
        .collect();
    assert_eq!(anonymous_sees, ["public", "embargo_over", "rated_16"]);
}

pub fn consent_controls_personal_data(store: &dyn Store) {
    let living = create(
        store,
        Draft::published(Body::Person(person("Соколова", "Вера", "Андреевна"))),
    );
    let fallen = create(
        store,
        Draft::published(Body::Person(fallen("Соколов", "Андрей"))),
    );
    let visible = |id| {
        store
            .get(id)
            .unwrap()
            .unwrap()
            .audience
            .admits(&Viewer::anonymous(), TODAY)
    };
    assert!(!visible(living) && !visible(fallen));
    let consent = |kind, covers: RecordId| NewConsent {
        kind,
        subject: Some(covers),
        granted_by: "Соколова В. А.".into(),
        covers: vec![covers],
        scope: vec![
            letopis_core::scope::ScopeItem::Name,
            letopis_core::scope::ScopeItem::Biography,
        ],
        bans: vec!["не публиковать адрес".into()],
        document: None,
        signed_on: date(2026, 1, 15),
        valid_until: None,
        note: None,
    };
    // The heirs' consent does not stand for a living person's own.
    let out = store
        .apply(
            &editor(),
            vec![Op::AddConsent(consent(ConsentKind::Heirs, living))],
            TODAY,
        )
        .unwrap();
    assert!(matches!(out[0], Outcome::ConsentAdded(_)));
    assert!(!visible(living));
    let out = store
        .apply(
            &editor(),
            vec![Op::AddConsent(consent(ConsentKind::Publication, living))],
            TODAY,
        )
        .unwrap();
    let Outcome::ConsentAdded(publication) = out[0] else {
        panic!("{out:?}");
    };
    assert!(visible(living));
    store
        .apply(
            &editor(),
            vec![Op::AddConsent(consent(ConsentKind::PublicInterest, fallen))],
            TODAY,
        )
        .unwrap();
    assert!(visible(fallen));
    let seq = store.changes_since(0, 10_000).unwrap().last().unwrap().seq;
    store
        .apply(
            &expert(),
            vec![Op::WithdrawConsent { id: publication }],
            TODAY,
        )
        .unwrap();
    assert!(!visible(living), "withdrawal takes effect at once");
    let stored = store.consent(publication).unwrap().unwrap();
    assert!(stored.withdrawn_at.is_some());
    assert_eq!(stored.withdrawn_by.as_deref(), Some("Эксперт Борис"));
    let events = store.changes_since(seq, 100).unwrap();
    assert!(
        events
            .iter()
            .any(|e| e.subject == Subject::Record(living) && e.action == "visibility")
    );
    let page = store
        .list(
            &ListQuery::new(Kind::Person),
            &Viewer::anonymous().filter(TODAY),
        )
        .unwrap();
    let ids: Vec<RecordId> = page.items.iter().map(|r| r.record.id()).collect();
    assert_eq!(ids, vec![fallen]);
}

pub fn consent_terms_run_out(store: &dyn Store) {
    let id = create(
        store,
        Draft::published(Body::Person(person("Орлова", "Нина", "Ивановна"))),
    );
    store
        .apply(
            &editor(),
            vec![Op::AddConsent(NewConsent {
                kind: ConsentKind::Publication,
                subject: Some(id),
                granted_by: "Орлова Н. И.".into(),
                covers: vec![id],
                scope: vec![],
                bans: vec![],
                document: None,
                signed_on: date(2026, 1, 1),
                valid_until: Some(date(2026, 12, 31)),
                note: None,
            })],
            TODAY,
        )
        .unwrap();
    let open = |d| {
        store
            .get(id)
            .unwrap()
            .unwrap()
            .audience
            .admits(&Viewer::anonymous(), d)
    };
    assert!(open(TODAY));
    assert_eq!(store.refresh_audiences(date(2026, 12, 31)).unwrap(), 0);
    let later = date(2027, 1, 1);
    assert_eq!(store.refresh_audiences(later).unwrap(), 1);
    assert!(!open(later));
}

pub fn relations_are_two_way_and_typed(store: &dyn Store) {
    let p = create(
        store,
        Draft::new(Body::Person(person("Кузнецов", "Николай", "Петрович"))),
    );
    let pl = create(store, Draft::new(place("Старые Химки")));
    let born = NewRelation {
        date: Edtf::parse("1923-04-02").ok(),
        ..NewRelation::new(p, RelationType::BornIn, pl)
    };
    let out = store
        .apply(&editor(), vec![Op::Relate(born.clone())], TODAY)
        .unwrap();
    let Outcome::Related(rel) = out[0] else {
        panic!("{out:?}");
    };
    for end in [p, pl] {
        let rels = store.relations(end).unwrap();
        assert_eq!(rels.len(), 1);
        assert_eq!(rels[0].rtype, RelationType::BornIn);
        assert_eq!(
            rels[0].date.as_ref().map(|d| d.as_str()),
            Some("1923-04-02")
        );
    }
    let dup = store.apply(&editor(), vec![Op::Relate(born)], TODAY);
    assert!(matches!(dup, Err(StoreError::Duplicate { .. })), "{dup:?}");
    let wrong = store.apply(
        &editor(),
        vec![Op::Relate(NewRelation::new(pl, RelationType::BornIn, p))],
        TODAY,
    );
    assert!(matches!(wrong, Err(StoreError::Invalid(_))), "{wrong:?}");
    let missing = store.apply(
        &editor(),
        vec![Op::Relate(NewRelation::new(
            p,
            RelationType::LivedIn,
            RecordId(99_999),
        ))],
        TODAY,
    );
    assert!(
        matches!(missing, Err(StoreError::NotFound { .. })),
        "{missing:?}"
    );
    store
        .apply(&editor(), vec![Op::Unrelate(rel)], TODAY)
        .unwrap();
    assert!(store.relations(p).unwrap().is_empty());
    assert_eq!(store.history(Subject::Relation(rel)).unwrap().len(), 2);
}

/// A hub's ties: each group counts only what the viewer may see, and lists at most the asked
/// number of them, in the order the other ends were added.
pub fn related_groups_are_capped_and_gated(store: &dyn Store) {
    let fixture = gate_fixture(store);
    let hub = create(store, Draft::published(place("Старые Химки")));
    let ties = fixture
        .iter()
        .map(|(_, id)| Op::Relate(NewRelation::new(*id, RelationType::RelatedTo, hub)))
        .collect();
    store.apply(&editor(), ties, TODAY).unwrap();
    let viewers = [
        Viewer::anonymous(),
        Viewer::staff(letopis_core::UserId(4), vec![letopis_core::GroupId(7)]),
        Viewer::admin(letopis_core::UserId(1)),
    ];
    for viewer in &viewers {
        let who = viewer.filter(TODAY);
        let admitted: Vec<RecordId> = fixture
            .iter()
            .map(|(_, id)| *id)
            .filter(|id| {
                store
                    .get(*id)
                    .unwrap()
                    .unwrap()
                    .audience
                    .admits(viewer, TODAY)
            })
            .collect();
        for cap in [2_u32, 100] {
            let groups = store.related(hub, &who, cap).unwrap();
            assert_eq!(groups.len(), 1, "{viewer:?}");
            let group = &groups[0];
            assert_eq!(
                (group.rtype, group.outgoing),
                (RelationType::RelatedTo, false)
            );
            assert_eq!(group.total as usize, admitted.len(), "{viewer:?} cap {cap}");
            let shown: Vec<RecordId> = group.items.iter().map(|(_, r)| r.record.id()).collect();
            let expected: Vec<RecordId> = admitted.iter().copied().take(cap as usize).collect();
            assert_eq!(shown, expected, "{viewer:?} cap {cap}");
            assert!(group.items.iter().all(|(rel, _)| rel.to == hub));
        }
    }
    let public = fixture[0].1;
    let from_public = store
        .related(public, &Viewer::anonymous().filter(TODAY), 5)
        .unwrap();
    assert_eq!(from_public.len(), 1);
    assert!(from_public[0].outgoing);
    assert_eq!(from_public[0].items[0].1.record.id(), hub);
    let hidden = fixture[1].1;
    assert!(
        store
            .related(hub, &Viewer::anonymous().filter(TODAY), 100)
            .unwrap()[0]
            .items
            .iter()
            .all(|(_, r)| r.record.id() != hidden)
    );
}

pub fn media_users_are_known(store: &dyn Store) {
    let sha = "a".repeat(64);
    let item = Body::Item(Item {
        title: "Письмо с фронта".into(),
        media: vec![MediaRef {
            sha256: sha.clone(),
            mime: "image/jpeg".into(),
            caption: None,
            alt: Some("Треугольное письмо".into()),
            width: None,
            height: None,
        }],
        ..Item::default()
    });
    let id = create(store, Draft::new(item));
    assert_eq!(store.media_users(&sha).unwrap(), vec![id]);
    assert!(store.media_users(&"b".repeat(64)).unwrap().is_empty());
}

pub fn change_feed_is_ordered(store: &dyn Store) {
    let a = create(store, Draft::new(place("Химки")));
    let b = create(store, Draft::new(place("Сходня")));
    let all = store.changes_since(0, 100).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].subject, Subject::Record(a));
    assert_eq!(all[1].subject, Subject::Record(b));
    assert!(all[0].seq < all[1].seq);
    let rest = store.changes_since(all[0].seq, 100).unwrap();
    assert_eq!(rest.len(), 1);
    assert_eq!(store.change_seq().unwrap(), all[1].seq);
    let ordered = store
        .list(
            &ListQuery {
                order: Order::Title,
                ..ListQuery::new(Kind::Place)
            },
            &Viewer::admin(letopis_core::UserId(1)).filter(TODAY),
        )
        .unwrap();
    let titles: Vec<String> = ordered.items.iter().map(|r| r.record.title()).collect();
    assert_eq!(titles, ["Сходня", "Химки"]);
}

pub fn harvest_walks_published_records_by_last_change(store: &dyn Store) {
    let first = create(store, Draft::published(place("Химки")));
    let draft = create(store, Draft::new(place("Сходня")));
    let second = create(store, Draft::published(place("Подрезково")));
    let person = create(
        store,
        Draft::published(Body::Person(fallen("Абрамов", "Иван"))),
    );
    let all = |query: &crate::HarvestQuery| store.harvest(query).unwrap();
    let places = crate::HarvestQuery {
        kinds: vec![Kind::Place],
        only: None,
        after: 0,
        from: None,
        until: None,
        limit: 10,
    };
    let ids = |stamps: Vec<crate::Stamp>| stamps.iter().map(|s| s.id).collect::<Vec<_>>();
    assert_eq!(
        ids(all(&places)),
        [first, second],
        "a draft is never harvested"
    );
    let both = crate::HarvestQuery {
        kinds: vec![Kind::Place, Kind::Person],
        ..places.clone()
    };
    assert_eq!(ids(all(&both)), [first, second, person]);
    let paged = crate::HarvestQuery {
        after: first.0,
        limit: 1,
        ..both.clone()
    };
    assert_eq!(
        ids(all(&paged)),
        [second],
        "after the cursor, at most the limit"
    );
    let only = crate::HarvestQuery {
        only: Some(vec![person, draft, first]),
        ..both.clone()
    };
    assert_eq!(ids(all(&only)), [first, person]);

    // Withdrawing moves the record's last change; `from` and `until` select by it.
    let stamps = all(&both);
    let before = stamps.iter().map(|s| s.changed).max().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    store
        .apply(
            &expert(),
            vec![Op::Step {
                id: second,
                to: Workflow::Withdrawn,
                note: None,
            }],
            TODAY,
        )
        .unwrap();
    let after = all(&both);
    let withdrawn = after.iter().find(|s| s.id == second).unwrap();
    assert_eq!(withdrawn.workflow, Workflow::Withdrawn);
    assert!(
        withdrawn.changed > before,
        "{withdrawn:?} not after {before}"
    );
    let since = crate::HarvestQuery {
        from: Some(withdrawn.changed),
        ..both.clone()
    };
    assert_eq!(ids(all(&since)), [second]);
    let until = crate::HarvestQuery {
        until: Some(before),
        ..both.clone()
    };
    assert_eq!(
        ids(all(&until)),
        [first, person],
        "`until` takes its whole second"
    );
}

pub fn consent_covers_records_of_its_batch(store: &dyn Store) {
    let decision = NewConsent {
        note: Some("Протокол № 5".into()),
        ..decision(vec![])
    };
    let out = store
        .apply(
            &editor(),
            vec![
                Op::Create(Draft::published(Body::Person(fallen("Громов", "Фёдор")))),
                Op::Create(Draft::published(place("Фирсановка"))),
                Op::Create(Draft::published(Body::Person(fallen("Громова", "Анна")))),
                Op::AddConsentCovering {
                    consent: decision.clone(),
                    earlier: vec![0, 2],
                    subject_earlier: None,
                },
            ],
            TODAY,
        )
        .unwrap();
    let Outcome::ConsentAdded(consent) = out[3] else {
        panic!("{out:?}");
    };
    let covered = store.consent(consent).unwrap().unwrap().covers;
    let persons = [out[0].record_id().unwrap(), out[2].record_id().unwrap()];
    assert_eq!(covered, persons);
    for id in persons {
        let rec = store.get(id).unwrap().unwrap();
        assert!(rec.audience.admits(&Viewer::anonymous(), TODAY));
    }
    // An index that made no record fails the whole batch.
    let before = store.totals().unwrap();
    let bad = store.apply(
        &editor(),
        vec![
            Op::Create(Draft::published(Body::Person(fallen("Лишний", "Иван")))),
            Op::AddConsentCovering {
                consent: decision,
                earlier: vec![5],
                subject_earlier: None,
            },
        ],
        TODAY,
    );
    assert!(bad.is_err());
    assert_eq!(store.totals().unwrap(), before);
}

fn place_in(name: &str, place_type: PlaceType, district: &str) -> Body {
    Body::Place(Place {
        name: name.into(),
        place_type,
        district: district.into(),
        ..Place::default()
    })
}

/// A fallen soldier published together with the public-interest decision that opens him.
fn open_fallen(store: &dyn Store, surname: &str, fate: Fate, tags: &[&str]) -> RecordId {
    let body = Person {
        fate: Some(fate),
        roles: vec![PersonRole::Soldier],
        ..fallen(surname, "Иван")
    };
    let draft = Draft {
        settings: Settings {
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..Settings::default()
        },
        ..Draft::published(Body::Person(body))
    };
    let out = store
        .apply(
            &editor(),
            vec![
                Op::Create(draft),
                Op::AddConsentCovering {
                    consent: decision(vec![]),
                    earlier: vec![0],
                    subject_earlier: None,
                },
            ],
            TODAY,
        )
        .expect("create an open fallen soldier");
    out[0].record_id().expect("created id")
}

/// A working group's public-interest decision that limits nothing.
fn decision(covers: Vec<RecordId>) -> NewConsent {
    NewConsent {
        kind: ConsentKind::PublicInterest,
        subject: None,
        granted_by: "Рабочая группа".into(),
        covers,
        scope: vec![],
        bans: vec![],
        document: None,
        signed_on: TODAY,
        valid_until: None,
        note: None,
    }
}

fn relate(store: &dyn Store, from: RecordId, rtype: RelationType, to: RecordId) -> RelationId {
    let out = store
        .apply(
            &editor(),
            vec![Op::Relate(NewRelation::new(from, rtype, to))],
            TODAY,
        )
        .expect("relate");
    match out[0] {
        Outcome::Related(id) => id,
        other => panic!("{other:?}"),
    }
}

/// A small town: open and hidden places, open and hidden persons related to them.
fn facet_fixture(store: &dyn Store) -> (RecordId, RecordId) {
    let published = |body: Body, settings: Settings| {
        create(
            store,
            Draft {
                settings,
                ..Draft::published(body)
            },
        )
    };
    let tagged = |tags: &[&str]| Settings {
        tags: tags.iter().map(|t| t.to_string()).collect(),
        ..Settings::default()
    };
    let station = published(
        place_in("Станция Сходня", PlaceType::Station, "Сходня"),
        tagged(&["вокзал"]),
    );
    published(
        place_in("Завод", PlaceType::Factory, "Подрезково"),
        Settings::default(),
    );
    let secret = create(
        store,
        Draft::new(place_in("Тайный аэродром", PlaceType::Airfield, "Тайное")),
    );
    published(
        place_in("Служебный склад", PlaceType::Other, "Сходня"),
        Settings {
            access: AccessLevel::Staff,
            ..tagged(&["секрет"])
        },
    );
    published(
        place_in("Для группы", PlaceType::Hospital, "Сходня"),
        Settings {
            access: AccessLevel::Groups(vec![letopis_core::GroupId(7)]),
            ..Settings::default()
        },
    );
    let killed = open_fallen(store, "Громов", Fate::Killed, &["ополченец"]);
    let missing = open_fallen(store, "Лесной", Fate::Missing, &[]);
    let draft_person = create(
        store,
        Draft::new(Body::Person(Person {
            fate: Some(Fate::DiedInCaptivity),
            ..fallen("Черновой", "Пётр")
        })),
    );
    // A decision that lets the draft be shown whole once published: its facets are its own.
    store
        .apply(
            &editor(),
            vec![Op::AddConsent(decision(vec![draft_person]))],
            TODAY,
        )
        .unwrap();
    relate(store, killed, RelationType::BornIn, station);
    relate(store, missing, RelationType::LivedIn, secret);
    relate(store, draft_person, RelationType::BornIn, station);
    (station, secret)
}

/// What the gate in Rust says the counts must be: each visible record's own facets as its public
/// projection has them, plus place and district from each *visible* related place over a tie
/// the projection does not hide.
fn expected_counts(store: &dyn Store, kind: Kind, viewer: &Viewer) -> BTreeMap<Facet, u64> {
    let everything = store
        .list(
            &ListQuery {
                limit: 1000,
                ..ListQuery::new(kind)
            },
            &Viewer::admin(letopis_core::UserId(0)).filter(TODAY),
        )
        .unwrap();
    let mut counts = BTreeMap::new();
    for rec in everything.items {
        if !rec.audience.admits(viewer, TODAY) {
            continue;
        }
        let mut facets = letopis_core::Record::facets_of(&rec.record.meta, rec.public_body());
        if kind != Kind::Place {
            for rel in store.relations(rec.record.id()).unwrap() {
                if rec.hidden_ties.contains(&rel.rtype) {
                    continue;
                }
                let other = if rel.from == rec.record.id() {
                    rel.to
                } else {
                    rel.from
                };
                let other = store.get(other).unwrap().unwrap();
                if !other.audience.admits(viewer, TODAY) {
                    continue;
                }
                if let Body::Place(p) = &other.record.body {
                    facets.push(Facet::new(FacetName::Place, other.record.id().to_string()));
                    if !p.district.is_empty() {
                        facets.push(Facet::new(FacetName::District, p.district.clone()));
                    }
                }
            }
        }
        facets.sort();
        facets.dedup();
        for f in facets {
            *counts.entry(f).or_insert(0) += 1;
        }
    }
    counts
}

fn as_map(counts: Vec<FacetCount>) -> BTreeMap<Facet, u64> {
    counts
        .into_iter()
        .map(|c| (Facet::new(c.name, c.value), c.count))
        .collect()
}

pub fn facet_counts_agree_with_gate_for_every_viewer(store: &dyn Store) {
    facet_fixture(store);
    let viewers = [
        Viewer::anonymous(),
        Viewer {
            role: ViewerRole::Registered,
            user_id: Some(letopis_core::UserId(9)),
            groups: vec![],
            max_age: None,
        },
        Viewer::staff(letopis_core::UserId(3), vec![]),
        Viewer::staff(letopis_core::UserId(4), vec![letopis_core::GroupId(7)]),
        Viewer::admin(letopis_core::UserId(1)),
    ];
    for viewer in &viewers {
        for kind in [Kind::Place, Kind::Person] {
            let got = store
                .facet_counts(&ListQuery::new(kind), &viewer.filter(TODAY))
                .unwrap();
            assert_eq!(
                as_map(got.clone()),
                expected_counts(store, kind, viewer),
                "facet counts and gate disagree for {kind:?}, {viewer:?}"
            );
            // Every count is also the total of the list filtered by that value.
            for c in got {
                let listed = store
                    .list(
                        &ListQuery {
                            filters: vec![(c.name, c.value.clone())],
                            ..ListQuery::new(kind)
                        },
                        &viewer.filter(TODAY),
                    )
                    .unwrap();
                assert_eq!(listed.total, c.count, "{c:?} for {viewer:?}");
            }
        }
    }
    let anonymous = as_map(
        store
            .facet_counts(
                &ListQuery::new(Kind::Place),
                &Viewer::anonymous().filter(TODAY),
            )
            .unwrap(),
    );
    assert_eq!(
        anonymous.get(&Facet::new(FacetName::District, "Сходня")),
        Some(&1)
    );
    for hidden in [
        Facet::new(FacetName::District, "Тайное"),
        Facet::new(FacetName::Type, "airfield"),
        Facet::new(FacetName::Tag, "секрет"),
    ] {
        assert!(!anonymous.contains_key(&hidden), "{hidden:?} leaked");
    }
}

pub fn facet_filters_narrow_lists(store: &dyn Store) {
    let (station, _) = facet_fixture(store);
    let anonymous = Viewer::anonymous().filter(TODAY);
    let titles = |filters: Vec<(FacetName, &str)>| -> Vec<String> {
        let q = ListQuery {
            filters: filters
                .into_iter()
                .map(|(n, v)| (n, v.to_string()))
                .collect(),
            ..ListQuery::new(Kind::Person)
        };
        let page = store.list(&q, &anonymous).unwrap();
        assert_eq!(page.total as usize, page.items.len());
        page.items.iter().map(|r| r.record.title()).collect()
    };
    assert_eq!(titles(vec![(FacetName::Fate, "killed")]), ["Громов Иван"]);
    // OR within a name, AND across names.
    assert_eq!(
        titles(vec![
            (FacetName::Fate, "killed"),
            (FacetName::Fate, "missing")
        ]),
        ["Громов Иван", "Лесной Иван"]
    );
    assert_eq!(
        titles(vec![
            (FacetName::Fate, "missing"),
            (FacetName::Tag, "ополченец")
        ]),
        Vec::<String>::new()
    );
    assert_eq!(
        titles(vec![(FacetName::Place, &station.to_string())]),
        ["Громов Иван"],
        "the draft person born there stays hidden"
    );
    assert_eq!(
        titles(vec![(FacetName::Fate, "died_in_captivity")]),
        Vec::<String>::new()
    );
    assert_eq!(
        titles(vec![(FacetName::Fate, "no-such-fate")]),
        Vec::<String>::new()
    );
    // Counts of a filtered name ignore its own filter, so the other values stay offered.
    let counts = as_map(
        store
            .facet_counts(
                &ListQuery {
                    filters: vec![(FacetName::Fate, "killed".into())],
                    ..ListQuery::new(Kind::Person)
                },
                &anonymous,
            )
            .unwrap(),
    );
    assert_eq!(
        counts.get(&Facet::new(FacetName::Fate, "missing")),
        Some(&1)
    );
    assert_eq!(
        counts.get(&Facet::new(FacetName::Tag, "ополченец")),
        Some(&1)
    );
    assert_eq!(
        counts.get(&Facet::new(FacetName::Period, "1942")),
        Some(&1),
        "other names are counted under the filter"
    );
}

pub fn derived_place_facets_follow_relations(store: &dyn Store) {
    let (station, secret) = facet_fixture(store);
    let admin = Viewer::admin(letopis_core::UserId(1)).filter(TODAY);
    let districts = |store: &dyn Store| -> BTreeMap<Facet, u64> {
        as_map(
            store
                .facet_counts(&ListQuery::new(Kind::Person), &admin)
                .unwrap(),
        )
        .into_iter()
        .filter(|(f, _)| f.name == FacetName::District)
        .collect()
    };
    assert_eq!(
        districts(store).get(&Facet::new(FacetName::District, "Сходня")),
        Some(&2)
    );
    // The station moves to another district: the persons born there move with it.
    store
        .apply(
            &editor(),
            vec![Op::Update {
                id: station,
                expected_version: None,
                body: place_in("Станция Сходня", PlaceType::Station, "Новоподрезково"),
                settings: Settings {
                    tags: vec!["вокзал".into()],
                    ..Settings::default()
                },
            }],
            TODAY,
        )
        .unwrap();
    let now = districts(store);
    assert!(
        !now.contains_key(&Facet::new(FacetName::District, "Сходня")),
        "{now:?}"
    );
    assert_eq!(
        now.get(&Facet::new(FacetName::District, "Новоподрезково")),
        Some(&2)
    );
    // Removing the relation removes what it brought.
    let rel = store
        .relations(secret)
        .unwrap()
        .into_iter()
        .next()
        .expect("a relation to the secret place");
    store
        .apply(&editor(), vec![Op::Unrelate(rel.id)], TODAY)
        .unwrap();
    assert!(!districts(store).contains_key(&Facet::new(FacetName::District, "Тайное")));
}

pub fn erasing_from_history_keeps_the_steps(store: &dyn Store) {
    let mut p = person("Иванов", "Пётр", "Семёнович");
    p.biography = "Первая редакция.".into();
    let id = create(store, Draft::new(Body::Person(p.clone())));
    p.biography = "Вторая редакция.".into();
    store
        .apply(
            &editor(),
            vec![Op::Update {
                id,
                expected_version: Some(1),
                body: Body::Person(p),
                settings: Settings::default(),
            }],
            TODAY,
        )
        .expect("update");
    let erased = store.erase_from_history(id, &["biography"]).expect("erase");
    // The first revision's after, the second's before and after.
    assert_eq!(erased.len(), 3, "{erased:?}");
    assert!(erased.iter().any(|v| v == "Первая редакция."));
    let history = store.history(Subject::Record(id)).unwrap();
    assert_eq!(history.len(), 2, "every step stays");
    assert_eq!(history[1].action, "update");
    for rev in &history {
        for body in [&rev.before, &rev.after].into_iter().flatten() {
            assert!(body["body"].get("biography").is_none(), "{body}");
            assert_eq!(body["body"]["name"]["surname"], "Иванов");
        }
    }
    assert!(matches!(
        store.erase_from_history(RecordId(id.0 + 1000), &["biography"]),
        Err(StoreError::NotFound { .. })
    ));
}

/// The create revision is the record exactly as created — as [`Store::get`] read it then —
/// whatever happened to the record later: edits, workflow steps, a consent covering it, a tie
/// that gives an interview a new slug without a revision, an erasure (issue #15: an engine may
/// keep it in a cheaper form, never a different one).
pub fn history_keeps_each_record_as_it_was_created(store: &dyn Store) {
    use letopis_core::entities::Interview;
    let as_json = |id: RecordId| {
        serde_json::to_value(store.get(id).unwrap().expect("stored").record).expect("json")
    };
    let created_after = |id: RecordId| {
        let history = store.history(Subject::Record(id)).unwrap();
        assert_eq!(history[0].action, "create");
        assert!(history[0].before.is_none());
        history[0].after.clone().expect("the record as created")
    };
    let mut p = fallen("Соколов", "Андрей");
    p.biography = "Первая редакция.".into();
    let out = store
        .apply(
            &editor(),
            vec![
                Op::Create(Draft::new(Body::Person(p.clone()))),
                Op::AddConsentCovering {
                    consent: decision(vec![]),
                    earlier: vec![0],
                    subject_earlier: None,
                },
                Op::CreateCovered {
                    draft: Draft::published(Body::Person(fallen("Соколова", "Мария"))),
                    consent_earlier: 1,
                },
            ],
            TODAY,
        )
        .unwrap();
    let (andrei, maria) = (out[0].record_id().unwrap(), out[2].record_id().unwrap());
    let andrei_created = as_json(andrei);
    let maria_created = as_json(maria);
    assert_eq!(created_after(andrei), andrei_created);
    assert_eq!(created_after(maria), maria_created);

    // Edits and steps: the create revision stays, the next revision starts from it.
    p.biography = "Вторая редакция.".into();
    let step = |id, to| Op::Step { id, to, note: None };
    store
        .apply(
            &editor(),
            vec![
                Op::Update {
                    id: andrei,
                    expected_version: Some(1),
                    body: Body::Person(p.clone()),
                    settings: Settings::default(),
                },
                step(andrei, Workflow::InReview),
            ],
            TODAY,
        )
        .unwrap();
    store
        .apply(&expert(), vec![step(andrei, Workflow::Published)], TODAY)
        .unwrap();
    let history = store.history(Subject::Record(andrei)).unwrap();
    assert_eq!(history.len(), 4);
    assert_eq!(history[0].after.as_ref(), Some(&andrei_created));
    assert_eq!(history[1].before.as_ref(), Some(&andrei_created));
    assert_eq!(history[1].after, history[2].before);
    assert_eq!(history[3].after.as_ref(), Some(&as_json(andrei)));
    assert_eq!(
        history[0].after.as_ref().unwrap()["body"]["biography"],
        "Первая редакция."
    );

    // A tie changes a pseudonymous interview's slug without a revision of its own.
    let narrator = create(
        store,
        Draft::published(Body::Person(person("Орлова", "Вера", "Ильинична"))),
    );
    let interview = create(
        store,
        Draft::published(Body::Interview(Interview {
            title: "Воспоминания Орловой В. И.".into(),
            pseudonym: Some("Рассказчица О.".into()),
            ..Interview::default()
        })),
    );
    let interview_created = as_json(interview);
    store
        .apply(
            &editor(),
            vec![Op::Relate(NewRelation::new(
                narrator,
                RelationType::NarratorOf,
                interview,
            ))],
            TODAY,
        )
        .unwrap();
    assert_ne!(as_json(interview), interview_created, "the slug changed");
    assert_eq!(created_after(interview), interview_created);
    assert_eq!(created_after(narrator)["body"]["name"]["surname"], "Орлова");

    // Erased from a record never edited, and then edited: the erasure holds.
    store.erase_from_history(maria, &["name"]).expect("erase");
    assert!(created_after(maria)["body"].get("name").is_none());
    let mut edited = fallen("Соколова", "Мария");
    edited.biography = "Дополнено.".into();
    store
        .apply(
            &editor(),
            vec![Op::Update {
                id: maria,
                expected_version: Some(1),
                body: Body::Person(edited),
                settings: Settings::default(),
            }],
            TODAY,
        )
        .unwrap();
    let history = store.history(Subject::Record(maria)).unwrap();
    assert!(
        history[0].after.as_ref().unwrap()["body"]
            .get("name")
            .is_none()
    );
    assert_eq!(history[1].before.as_ref(), Some(&maria_created));
}

/// A family's account (issue #7) is created, tied to its hero and opened in one batch, and the
/// catalogue's list and counts of stories leave it out while a plain list still has it.
pub fn a_family_account_is_tied_in_its_batch_and_left_out_of_the_catalogue(store: &dyn Store) {
    use letopis_core::contribution::FamilyAccount;
    use letopis_core::entities::Story;
    let hero = open_fallen(store, "Ершов", Fate::Killed, &[]);
    let curated = Story {
        title: "Оборона Химок".into(),
        ..Story::default()
    };
    create(store, Draft::published(Body::Story(curated)));
    let family = Story {
        title: "Рассказ семьи: Ершов".into(),
        family: Some(FamilyAccount {
            person: hero,
            submission: letopis_core::SubmissionId(1),
            credit: None,
            living: false,
        }),
        ..Story::default()
    };
    let heirs = NewConsent {
        kind: ConsentKind::Heirs,
        subject: Some(hero),
        granted_by: "Анна Петрова".into(),
        ..decision(vec![])
    };
    let out = store
        .apply(
            &expert(),
            vec![
                Op::Create(Draft::published(Body::Story(family))),
                Op::RelateCovering {
                    relation: NewRelation::new(hero, RelationType::Mentions, hero),
                    from_earlier: Some(0),
                    to_earlier: None,
                },
                Op::AddConsentCovering {
                    consent: heirs,
                    earlier: vec![0],
                    subject_earlier: None,
                },
            ],
            TODAY,
        )
        .unwrap();
    let account = out[0].record_id().unwrap();
    let tie = store.relations(hero).unwrap();
    assert!(
        tie.iter()
            .any(|r| r.from == account && r.to == hero && r.rtype == RelationType::Mentions),
        "{tie:?}"
    );
    let anyone = Viewer::anonymous().filter(TODAY);
    let titles = |q: &ListQuery| -> Vec<String> {
        store
            .list(q, &anyone)
            .unwrap()
            .items
            .iter()
            .map(|r| r.record.title())
            .collect()
    };
    assert_eq!(
        titles(&ListQuery::new(Kind::Story)).len(),
        2,
        "it is public"
    );
    let catalogue = ListQuery::catalogue(Kind::Story);
    assert_eq!(titles(&catalogue), ["Оборона Химок"]);
    assert_eq!(store.list(&catalogue, &anyone).unwrap().total, 1);
    assert!(
        store
            .facet_counts(&catalogue, &anyone)
            .unwrap()
            .iter()
            .all(|c| c.value != letopis_core::facet::FAMILY_STORY)
    );
    // A relation naming an op that made no record fails the whole batch.
    let before = store.totals().unwrap();
    let bad = store.apply(
        &expert(),
        vec![Op::RelateCovering {
            relation: NewRelation::new(hero, RelationType::Mentions, hero),
            from_earlier: Some(3),
            to_earlier: None,
        }],
        TODAY,
    );
    assert!(bad.is_err());
    assert_eq!(store.totals().unwrap(), before);
}

/// Issue #13: every write derives the public projection beside the audience — a consent's
/// scope field by field, a pseudonym over the narrator's tied name, a slug made from the public
/// title — and a consent or a narrator tie written later derives it again.
pub fn projections_are_derived_on_write(store: &dyn Store) {
    use letopis_core::entities::{Cue, Interview};
    use letopis_core::scope::ScopeItem;
    let mut living = person("Лебедева", "Нина", "Петровна");
    living.living = Some(true);
    living.birth = Edtf::parse("1935-06-13").ok();
    living.birth_place = "д. Черкизово".into();
    living.portrait = Some(MediaRef {
        sha256: "ab".repeat(32),
        mime: "image/png".into(),
        caption: None,
        alt: None,
        width: None,
        height: None,
    });
    let nina = create(store, Draft::published(Body::Person(living)));
    assert!(
        store.get(nina).unwrap().unwrap().public.is_some(),
        "no consent: nothing granted"
    );
    let scope = vec![ScopeItem::Name, ScopeItem::Years];
    let publication = |covers: RecordId, scope: Vec<ScopeItem>| NewConsent {
        kind: ConsentKind::Publication,
        subject: Some(covers),
        granted_by: "Лебедева Н. П.".into(),
        covers: vec![covers],
        scope,
        bans: vec![],
        document: None,
        signed_on: date(2024, 1, 1),
        valid_until: None,
        note: None,
    };
    store
        .apply(
            &editor(),
            vec![Op::AddConsent(publication(nina, scope))],
            TODAY,
        )
        .unwrap();
    let stored = store.get(nina).unwrap().unwrap();
    assert!(stored.audience.admits(&Viewer::anonymous(), TODAY));
    let Body::Person(shown) = stored.public_body() else {
        panic!("a person")
    };
    assert_eq!(shown.birth.as_ref().map(Edtf::as_str), Some("1935"));
    assert!(shown.portrait.is_none() && shown.birth_place.is_empty());
    let Body::Person(whole) = &stored.record.body else {
        panic!("a person")
    };
    assert!(whole.portrait.is_some(), "the stored body is whole");

    let narrator = create(
        store,
        Draft::published(Body::Person(person(
            "Коваленко",
            "Анастасия",
            "Александровна",
        ))),
    );
    let interview = create(
        store,
        Draft::published(Body::Interview(Interview {
            title: "Воспоминания Коваленко А. А.".into(),
            pseudonym: Some("Рассказчица К.".into()),
            transcript: vec![Cue {
                start_ms: 0,
                end_ms: 1000,
                speaker: Some("Бабушка".into()),
                text: "Мы жили у станции.".into(),
            }],
            ..Interview::default()
        })),
    );
    // Untied, the name in the title is not known to be the narrator's; the tie tells it.
    store
        .apply(
            &editor(),
            vec![Op::Relate(NewRelation::new(
                narrator,
                RelationType::NarratorOf,
                interview,
            ))],
            TODAY,
        )
        .unwrap();
    let stored = store.get(interview).unwrap().unwrap();
    assert_eq!(stored.public_body().title(), "Воспоминания Рассказчица К.");
    assert_eq!(stored.record.title(), "Воспоминания Коваленко А. А.");
    let slug = stored.record.meta.slug;
    assert!(!slug.contains("kovalenko"), "{slug}");
    assert!(store.find_slug(Kind::Interview, &slug).unwrap().is_some());
    assert!(
        store
            .find_slug(Kind::Interview, "vospominaniya-kovalenko-a-a")
            .unwrap()
            .is_none(),
        "the old address is gone"
    );
}

/// An observed apply tells each record it creates as [`Store::get`] returns it once committed
/// (when nothing later in the transaction changed it), every other record it changes by its
/// id, and the stretch of the change feed it wrote — everything a follower of the feed would
/// learn from it. An engine that cannot observe says nothing and returns no stretch.
pub fn an_observed_apply_tells_what_it_writes(store: &dyn Store) {
    #[derive(Default)]
    struct Seen {
        created: Vec<StoredRecord>,
        changed: Vec<RecordId>,
    }
    impl WriteObserver for Seen {
        fn created(&mut self, stored: StoredRecord) {
            self.created.push(stored);
        }
        fn changed(&mut self, id: RecordId) {
            self.changed.push(id);
        }
    }
    let station = create(store, Draft::published(place("Станция Сходня")));
    let before = store.change_seq().unwrap();
    let decision = NewConsent {
        note: Some("Протокол № 6".into()),
        ..decision(vec![])
    };
    let ops = vec![
        Op::Create(Draft::published(Body::Person(fallen("Орлов", "Олег")))),
        Op::AddConsentCovering {
            consent: decision,
            earlier: vec![0],
            subject_earlier: None,
        },
        Op::CreateCovered {
            draft: Draft::published(Body::Person(fallen("Сидоров", "Иван"))),
            consent_earlier: 1,
        },
        Op::CreateCovered {
            draft: Draft::published(Body::Person(fallen("Петров", "Пётр"))),
            consent_earlier: 1,
        },
        Op::RelateCovering {
            relation: NewRelation::new(RecordId(0), RelationType::BornIn, station),
            from_earlier: Some(3),
            to_earlier: None,
        },
        Op::Create(Draft::new(Body::Person(person("Живой", "Лев", "")))),
    ];
    let mut seen = Seen::default();
    let applied = store
        .apply_each_observed(&editor(), &mut ops.into_iter().map(Ok), TODAY, &mut seen)
        .unwrap();
    let made: Vec<RecordId> = applied
        .outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Created(id) => Some(*id),
            _ => None,
        })
        .collect();
    assert_eq!(made.len(), 4);
    let Some(feed) = applied.feed else {
        assert!(seen.created.is_empty() && seen.changed.is_empty());
        return;
    };
    assert_eq!(
        feed,
        FeedSpan {
            before,
            after: store.change_seq().unwrap()
        }
    );
    let told: Vec<RecordId> = seen.created.iter().map(|s| s.record.id()).collect();
    assert_eq!(told, made, "each new record, in the order written");
    let (orlov, sidorov, petrov, living) = (made[0], made[1], made[2], made[3]);
    // Covered after its creation (a new audience), and tied to the station: read them back.
    assert!(seen.changed.contains(&orlov), "{:?}", seen.changed);
    assert!(seen.changed.contains(&petrov), "{:?}", seen.changed);
    assert!(seen.changed.contains(&station), "{:?}", seen.changed);
    for untouched in [sidorov, living] {
        assert!(!seen.changed.contains(&untouched), "{:?}", seen.changed);
        let told = seen
            .created
            .iter()
            .find(|s| s.record.id() == untouched)
            .expect("told");
        assert_eq!(Some(told), store.get(untouched).unwrap().as_ref());
    }
    assert!(
        seen.created
            .iter()
            .find(|s| s.record.id() == sidorov)
            .is_some_and(|s| s.audience.admits(&Viewer::anonymous(), TODAY)),
        "created already covered"
    );
    // Every record the feed names was told of.
    for event in store.changes_since(before, 1000).unwrap() {
        if let Subject::Record(id) = event.subject {
            assert!(
                told.contains(&id) || seen.changed.contains(&id),
                "{event:?}"
            );
        }
    }

    // A transaction that fails writes none of what it told.
    let mut seen = Seen::default();
    let mut ops = vec![
        Ok(Op::Create(Draft::published(Body::Person(fallen(
            "Ушедший",
            "Яков",
        ))))),
        Err(StoreError::Backend("stopped".into())),
    ]
    .into_iter();
    assert!(
        store
            .apply_each_observed(&editor(), &mut ops, TODAY, &mut seen)
            .is_err()
    );
    assert_eq!(store.change_seq().unwrap(), feed.after);
    for stored in &seen.created {
        assert_eq!(store.get(stored.record.id()).unwrap(), None);
    }
}
