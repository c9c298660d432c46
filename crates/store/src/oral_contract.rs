//! The contract every engine's [`OralHistory`] meets, beside `accounts_contract`. Each check
//! takes a fresh, empty store; an engine's test file runs them all with
//! [`oral_contract_tests!`](crate::oral_contract_tests).

use crate::accounts::NewUser;
use crate::contract::{TODAY, person};
use crate::oral::{
    By, GuideText, NarratorFields, NewStep, NewSupportNote, NewTask, OralHistory, PrivateContacts,
    ProjectPlan,
};
use crate::{Accounts, Draft, Op, Store, StoreError};
use letopis_core::account::{Email, Role};
use letopis_core::entities::Interview;
use letopis_core::history::Actor;
use letopis_core::oral::{NarratorCategory, Stage, SupportKind};
use letopis_core::{Body, RecordId};
use letopis_core::{GuideId, NarratorId, UserId};
use letopis_core::{GuideVersionId, ProjectId, TaskId};

/// Expands to one `#[test]` per check, each on a store made by `$make`.
#[macro_export]
macro_rules! oral_contract_tests {
    ($make:expr) => {
        $crate::oral_contract_tests!(@each $make;
            narrators_keep_private_contacts_apart, guides_keep_every_version,
            guides_are_seeded_once, projects_move_only_from_the_stage_they_are_at,
            checklist_ticks_keep_who_ticked_first, plans_and_materials_replace_what_was_there,
            a_distress_note_and_its_tasks_commit_together,
            writes_about_something_missing_are_not_found);
    };
    (@each $make:expr; $($name:ident),*) => {
        $(
            #[test]
            fn $name() {
                let store = $make;
                $crate::oral_contract::$name(&*store);
            }
        )*
    };
}

/// What the checks need: the information base, accounts and the oral history of one engine.
pub trait Engine: Store + Accounts + OralHistory {}
impl<T: Store + Accounts + OralHistory> Engine for T {}

fn user(store: &dyn Engine, address: &str, name: &str, roles: &[Role]) -> By {
    let id = store
        .create_user(
            &NewUser {
                email: Email::parse(address).expect("a valid address"),
                display_name: name.into(),
                roles: roles.to_vec(),
            },
            None,
        )
        .expect("user created");
    By {
        user_id: id,
        name: name.into(),
    }
}

fn is_not_found<T: std::fmt::Debug>(result: Result<T, StoreError>, what: &str) {
    assert!(
        matches!(result, Err(StoreError::NotFound { .. })),
        "{what}: {result:?}"
    );
}

fn record(store: &dyn Engine, body: Body) -> RecordId {
    store
        .apply(
            &Actor::user(letopis_core::UserId(1), "Редактор"),
            vec![Op::Create(Draft::new(body))],
            TODAY,
        )
        .expect("record")[0]
        .record_id()
        .expect("created id")
}

fn narrator(store: &dyn Engine, name: &str) -> NarratorId {
    store
        .create_narrator(
            &NarratorFields {
                name: name.into(),
                category: NarratorCategory::ChildOfWar,
                person: None,
            },
            &PrivateContacts::default(),
        )
        .expect("narrator")
}

fn plan(narrator_id: NarratorId, interviewer: Option<UserId>) -> ProjectPlan {
    ProjectPlan {
        title: "Эвакуация завода".into(),
        narrator_id,
        interviewer,
        psychologist: None,
        needs_psychologist: false,
    }
}

fn text(title: &str, questions: &[&str]) -> GuideText {
    GuideText {
        title: title.into(),
        about: "Для рассказчиков, бывших детьми в 1941 году.".into(),
        questions: questions.iter().map(|q| q.to_string()).collect(),
    }
}

fn step(from: Stage, to: Stage, by: &By) -> NewStep {
    NewStep {
        from,
        to,
        on: TODAY,
        by: by.clone(),
        note: String::new(),
    }
}

pub fn narrators_keep_private_contacts_apart(store: &dyn Engine) {
    assert!(store.narrators().unwrap().is_empty());
    let profile = record(store, Body::Person(person("Ершова", "Анна", "Петровна")));
    let private = PrivateContacts {
        address: "ул. Московская, 5, кв. 12".into(),
        phone: "+7 916 000-00-00".into(),
        email: "anna@example.ru".into(),
        carer: "дочь Мария, +7 903 000-00-00".into(),
        health: "плохо слышит на левое ухо".into(),
        preferred_times: "будни до обеда".into(),
        language: "русский".into(),
    };
    let anna = store
        .create_narrator(
            &NarratorFields {
                name: "  Ершова Анна Петровна ".into(),
                category: NarratorCategory::HomeFront,
                person: Some(profile),
            },
            &private,
        )
        .unwrap();
    let yolkin = narrator(store, "Ёлкин Борис");
    let zhukov = narrator(store, "Жуков Иван");
    let names: Vec<String> = store
        .narrators()
        .unwrap()
        .into_iter()
        .map(|n| n.name)
        .collect();
    assert_eq!(
        names,
        ["Ёлкин Борис", "Ершова Анна Петровна", "Жуков Иван"],
        "by name, ё read as е, trimmed"
    );
    let found = store.narrator(anna).unwrap().expect("stored");
    assert_eq!(found.category, NarratorCategory::HomeFront);
    assert_eq!(found.person, Some(profile));
    assert_eq!(store.private_contacts(anna).unwrap(), Some(private.clone()));
    assert_eq!(
        store.private_contacts(yolkin).unwrap(),
        Some(PrivateContacts::default()),
        "a narrator without contacts has an empty private row"
    );
    // Changing the register's fields leaves the private data alone, and the other way round.
    store
        .update_narrator(
            anna,
            &NarratorFields {
                name: "Ершова А. П.".into(),
                category: NarratorCategory::Veteran,
                person: None,
            },
        )
        .unwrap();
    assert_eq!(store.private_contacts(anna).unwrap(), Some(private));
    let changed = PrivateContacts {
        phone: "+7 495 000-00-00".into(),
        ..PrivateContacts::default()
    };
    store.set_private_contacts(anna, &changed).unwrap();
    assert_eq!(store.private_contacts(anna).unwrap(), Some(changed));
    let found = store.narrator(anna).unwrap().expect("stored");
    assert_eq!(
        (found.name.as_str(), found.category, found.person),
        ("Ершова А. П.", NarratorCategory::Veteran, None)
    );
    assert_eq!(store.narrator(NarratorId(zhukov.0 + 100)).unwrap(), None);
    assert_eq!(
        store.private_contacts(NarratorId(zhukov.0 + 100)).unwrap(),
        None
    );
}

pub fn guides_keep_every_version(store: &dyn Engine) {
    let by = user(store, "lead@example.ru", "Руководитель", &[Role::Expert]);
    let other = user(store, "expert@example.ru", "Эксперт", &[Role::Expert]);
    let childhood = store
        .create_guide(&text("Детство в войну", &["Где вы жили в 1941 году?"]), &by)
        .unwrap();
    let evacuation = store
        .create_guide(&text("Эвакуация", &["Когда вы уехали?"]), &by)
        .unwrap();
    let first = store.guide_versions(childhood).unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].version, 1);
    let second_id = store
        .revise_guide(
            childhood,
            &text(
                "Детство в войну",
                &["Где вы жили в 1941 году?", "Что вы ели зимой?"],
            ),
            &other,
        )
        .unwrap();
    let versions = store.guide_versions(childhood).unwrap();
    let numbers: Vec<i64> = versions.iter().map(|v| v.version).collect();
    assert_eq!(numbers, [2, 1], "newest first");
    assert_eq!(versions[0].id, second_id);
    assert_eq!(versions[0].author, "Эксперт");
    assert_eq!(versions[0].questions.len(), 2);
    let old = store
        .guide_version(first[0].id)
        .unwrap()
        .expect("old version");
    assert_eq!(
        old.questions,
        ["Где вы жили в 1941 году?"],
        "an old version stays readable as it was"
    );
    assert_eq!(old.author, "Руководитель");
    let current: Vec<(GuideId, i64)> = store
        .guides()
        .unwrap()
        .iter()
        .map(|g| (g.guide_id, g.version))
        .collect();
    assert_eq!(
        current,
        [(childhood, 2), (evacuation, 1)],
        "the current version of each, by title"
    );
    assert!(
        store
            .guide_versions(GuideId(evacuation.0 + 100))
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store
            .guide_version(GuideVersionId(second_id.0 + 100))
            .unwrap(),
        None
    );
}

pub fn guides_are_seeded_once(store: &dyn Engine) {
    let seed = [
        text("Фронт", &["Где вас призвали?"]),
        text("Победа", &["Где вы встретили 9 мая?"]),
    ];
    assert_eq!(store.seed_guides(&seed, "Летопись").unwrap(), 2);
    assert_eq!(store.seed_guides(&seed, "Летопись").unwrap(), 0);
    let titles: Vec<String> = store
        .guides()
        .unwrap()
        .into_iter()
        .map(|g| g.title)
        .collect();
    assert_eq!(titles, ["Победа", "Фронт"]);
    assert_eq!(store.guides().unwrap()[0].author, "Летопись");
}

pub fn projects_move_only_from_the_stage_they_are_at(store: &dyn Engine) {
    let vera = user(store, "vera@example.ru", "Вера", &[Role::Volunteer]);
    let anna = narrator(store, "Ершова Анна");
    let day = jiff::civil::date(2026, 3, 2);
    let id = store
        .create_project(&plan(anna, Some(vera.user_id)), &vera, day)
        .unwrap();
    let project = store.project(id).unwrap().expect("stored");
    assert_eq!(project.stage, Stage::Proposed);
    assert_eq!(project.interviewer, Some(vera.user_id));
    let steps = store.steps(id).unwrap();
    assert_eq!(steps.len(), 1, "creation is the first step");
    assert_eq!(
        (steps[0].from, steps[0].stage, steps[0].on),
        (None, Stage::Proposed, day)
    );
    assert!(
        store
            .move_stage(id, &step(Stage::Proposed, Stage::Contacted, &vera))
            .unwrap()
    );
    // A second person who still sees «proposed» does not move it twice.
    assert!(
        !store
            .move_stage(id, &step(Stage::Proposed, Stage::Contacted, &vera))
            .unwrap()
    );
    let mut note = step(Stage::Contacted, Stage::Closed, &vera);
    note.note = "Рассказчица переехала к дочери в другой город".into();
    assert!(store.move_stage(id, &note).unwrap());
    assert_eq!(store.project(id).unwrap().unwrap().stage, Stage::Closed);
    let steps = store.steps(id).unwrap();
    let path: Vec<(Option<Stage>, Stage)> = steps.iter().map(|s| (s.from, s.stage)).collect();
    assert_eq!(
        path,
        [
            (None, Stage::Proposed),
            (Some(Stage::Proposed), Stage::Contacted),
            (Some(Stage::Contacted), Stage::Closed),
        ]
    );
    assert_eq!(
        steps[2].note,
        "Рассказчица переехала к дочери в другой город"
    );
    assert_eq!(
        (steps[2].user_id, steps[2].user_name.as_str()),
        (Some(vera.user_id), "Вера")
    );
    let second = store.create_project(&plan(anna, None), &vera, day).unwrap();
    assert_eq!(
        store
            .projects()
            .unwrap()
            .iter()
            .map(|p| p.id)
            .collect::<Vec<_>>(),
        [second, id],
        "newest first"
    );
    assert_eq!(store.all_steps().unwrap().len(), 4);
}

pub fn checklist_ticks_keep_who_ticked_first(store: &dyn Engine) {
    let vera = user(store, "vera@example.ru", "Вера", &[Role::Volunteer]);
    let olga = user(store, "olga@example.ru", "Ольга", &[Role::Coordinator]);
    let id = store
        .create_project(&plan(narrator(store, "Жуков"), None), &olga, TODAY)
        .unwrap();
    store
        .set_tick(id, Stage::PreInterview, "purpose_explained", true, &vera)
        .unwrap();
    store
        .set_tick(id, Stage::PreInterview, "purpose_explained", true, &olga)
        .unwrap();
    store
        .set_tick(id, Stage::Scheduled, "carer_informed", true, &olga)
        .unwrap();
    let ticks = store.ticks(id).unwrap();
    assert_eq!(ticks.len(), 2);
    let purpose = ticks
        .iter()
        .find(|t| t.item == "purpose_explained")
        .expect("ticked");
    assert_eq!(
        (purpose.stage, purpose.user_name.as_str()),
        (Stage::PreInterview, "Вера")
    );
    store
        .set_tick(id, Stage::PreInterview, "purpose_explained", false, &olga)
        .unwrap();
    let left: Vec<(Stage, String)> = store
        .ticks(id)
        .unwrap()
        .into_iter()
        .map(|t| (t.stage, t.item))
        .collect();
    assert_eq!(left, [(Stage::Scheduled, "carer_informed".to_string())]);
}

pub fn plans_and_materials_replace_what_was_there(store: &dyn Engine) {
    let olga = user(store, "olga@example.ru", "Ольга", &[Role::Coordinator]);
    let vera = user(store, "vera@example.ru", "Вера", &[Role::Volunteer]);
    let psy = user(store, "psy@example.ru", "Психолог", &[Role::Psychologist]);
    let anna = narrator(store, "Ершова");
    let boris = narrator(store, "Борисов");
    let id = store
        .create_project(&plan(anna, None), &olga, TODAY)
        .unwrap();
    let guide = store
        .create_guide(&text("Завод", &["Сколько часов длилась смена?"]), &olga)
        .unwrap();
    let version = store.guide_versions(guide).unwrap()[0].id;
    let interview = record(
        store,
        Body::Interview(Interview {
            title: "Воспоминания о заводе".into(),
            ..Interview::default()
        }),
    );
    store
        .update_plan(
            id,
            &ProjectPlan {
                title: "Смены на заводе".into(),
                narrator_id: boris,
                interviewer: Some(vera.user_id),
                psychologist: Some(psy.user_id),
                needs_psychologist: true,
            },
        )
        .unwrap();
    store
        .set_materials(id, Some(version), Some(interview))
        .unwrap();
    let p = store.project(id).unwrap().expect("stored");
    assert_eq!(
        (
            p.title.as_str(),
            p.narrator_id,
            p.interviewer,
            p.psychologist,
            p.needs_psychologist,
            p.guide_version,
            p.interview
        ),
        (
            "Смены на заводе",
            boris,
            Some(vera.user_id),
            Some(psy.user_id),
            true,
            Some(version),
            Some(interview)
        )
    );
    // A new guide version leaves the project on the one it used.
    store
        .revise_guide(guide, &text("Завод", &["Другие вопросы"]), &olga)
        .unwrap();
    assert_eq!(
        store.project(id).unwrap().unwrap().guide_version,
        Some(version)
    );
    store.set_materials(id, None, None).unwrap();
    store.update_plan(id, &plan(anna, None)).unwrap();
    let p = store.project(id).unwrap().expect("stored");
    assert_eq!(
        (
            p.narrator_id,
            p.interviewer,
            p.psychologist,
            p.guide_version,
            p.interview
        ),
        (anna, None, None, None, None)
    );
}

pub fn a_distress_note_and_its_tasks_commit_together(store: &dyn Engine) {
    let vera = user(store, "vera@example.ru", "Вера", &[Role::Volunteer]);
    let psy = user(store, "psy@example.ru", "Психолог", &[Role::Psychologist]);
    let id = store
        .create_project(
            &plan(narrator(store, "Ершова"), Some(vera.user_id)),
            &vera,
            TODAY,
        )
        .unwrap();
    let note = NewSupportNote {
        project_id: id,
        kind: SupportKind::Distress,
        timecode_ms: Some(754_000),
        body: "Заплакала, когда вспоминала брата".into(),
        by: vera.clone(),
    };
    let task = NewTask {
        assignee: psy.user_id,
        project_id: Some(id),
        body: "Позвонить рассказчице".into(),
    };
    store
        .add_support_note(&note, std::slice::from_ref(&task))
        .unwrap();
    store
        .add_support_note(
            &NewSupportNote {
                kind: SupportKind::Break,
                timecode_ms: None,
                body: "Перерыв на чай".into(),
                ..note.clone()
            },
            &[],
        )
        .unwrap();
    let notes = store.support_notes(id).unwrap();
    let kinds: Vec<(SupportKind, Option<u32>)> =
        notes.iter().map(|n| (n.kind, n.timecode_ms)).collect();
    assert_eq!(
        kinds,
        [
            (SupportKind::Distress, Some(754_000)),
            (SupportKind::Break, None)
        ]
    );
    assert_eq!(notes[0].author_user, Some(vera.user_id));
    let tasks = store.open_tasks(psy.user_id).unwrap();
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0].project_id, Some(id));
    assert_eq!(tasks[0].body, "Позвонить рассказчице");
    assert!(store.open_tasks(vera.user_id).unwrap().is_empty());
    // A task for someone who does not exist stops the note as well.
    let ghost = NewTask {
        assignee: UserId(psy.user_id.0 + 100),
        ..task
    };
    is_not_found(store.add_support_note(&note, &[ghost]), "a task for nobody");
    assert_eq!(
        store.support_notes(id).unwrap().len(),
        2,
        "nothing half-written"
    );
    assert!(store.complete_task(tasks[0].id, &psy).unwrap());
    assert!(
        !store.complete_task(tasks[0].id, &psy).unwrap(),
        "done once"
    );
    assert!(store.open_tasks(psy.user_id).unwrap().is_empty());
    let done = store.task(tasks[0].id).unwrap().expect("kept");
    assert!(done.done_at.is_some());
    assert_eq!(done.done_by.as_deref(), Some("Психолог"));
    is_not_found(
        store.complete_task(TaskId(tasks[0].id.0 + 100), &psy),
        "a missing task",
    );
}

pub fn writes_about_something_missing_are_not_found(store: &dyn Engine) {
    let by = user(store, "olga@example.ru", "Ольга", &[Role::Coordinator]);
    let anna = narrator(store, "Ершова");
    let fields = NarratorFields {
        name: "Призрак".into(),
        category: NarratorCategory::Other,
        person: Some(RecordId(9999)),
    };
    is_not_found(
        store.create_narrator(&fields, &PrivateContacts::default()),
        "create_narrator: person",
    );
    assert_eq!(store.narrators().unwrap().len(), 1, "nothing half-written");
    is_not_found(
        store.update_narrator(anna, &fields),
        "update_narrator: person",
    );
    is_not_found(
        store.update_narrator(
            NarratorId(anna.0 + 100),
            &NarratorFields {
                person: None,
                ..fields.clone()
            },
        ),
        "update_narrator: narrator",
    );
    is_not_found(
        store.set_private_contacts(NarratorId(anna.0 + 100), &PrivateContacts::default()),
        "set_private_contacts",
    );
    is_not_found(
        store.create_project(&plan(NarratorId(anna.0 + 100), None), &by, TODAY),
        "create_project: narrator",
    );
    is_not_found(
        store.create_project(&plan(anna, Some(UserId(by.user_id.0 + 100))), &by, TODAY),
        "create_project: interviewer",
    );
    assert!(store.projects().unwrap().is_empty());
    let id = store.create_project(&plan(anna, None), &by, TODAY).unwrap();
    is_not_found(
        store.update_plan(ProjectId(id.0 + 100), &plan(anna, None)),
        "update_plan",
    );
    is_not_found(
        store.set_materials(id, Some(letopis_core::GuideVersionId(12345)), None),
        "set_materials: guide",
    );
    is_not_found(
        store.set_materials(id, None, Some(RecordId(9999))),
        "set_materials: interview",
    );
    is_not_found(
        store.set_tick(
            ProjectId(id.0 + 100),
            Stage::Contacted,
            "agreed_to_talk",
            true,
            &by,
        ),
        "set_tick",
    );
    is_not_found(
        store.move_stage(
            ProjectId(id.0 + 100),
            &step(Stage::Proposed, Stage::Contacted, &by),
        ),
        "move_stage",
    );
    is_not_found(
        store.revise_guide(letopis_core::GuideId(777), &text("Нет такого", &[]), &by),
        "revise_guide",
    );
    is_not_found(
        store.add_support_note(
            &NewSupportNote {
                project_id: ProjectId(id.0 + 100),
                kind: SupportKind::Declined,
                timecode_ms: None,
                body: "Не хочет говорить о плене".into(),
                by: by.clone(),
            },
            &[],
        ),
        "add_support_note",
    );
    let p = store.project(id).unwrap().expect("stored");
    assert_eq!((p.guide_version, p.interview), (None, None));
}
