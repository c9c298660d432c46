use super::*;
use crate::ConsentId;
use crate::consent::{Consent, ConsentKind};
use crate::entities::{Cue, Fate, Redaction, Segment};
use crate::record::RecordId;
use jiff::civil::date;
use proptest::prelude::*;

fn media(sha: &str, caption: &str) -> MediaRef {
    MediaRef {
        sha256: sha.into(),
        mime: "audio/wav".into(),
        caption: Some(caption.into()),
        alt: Some(caption.into()),
        width: None,
        height: None,
    }
}

fn basis(kind: ConsentKind, scope: Vec<ScopeItem>) -> ConsentBasis {
    let consent = Consent {
        id: ConsentId(1),
        kind,
        subject: Some(RecordId(1)),
        granted_by: "—".into(),
        covers: vec![RecordId(1)],
        scope,
        bans: vec![],
        document: None,
        signed_on: date(2024, 1, 1),
        valid_until: None,
        withdrawn_at: None,
        withdrawn_by: None,
        recorded_by: "test".into(),
        note: None,
    };
    ConsentBasis::from_consents([&consent], date(2026, 12, 5))
}

fn full_person(living: bool) -> Person {
    Person {
        name: PersonName::new("Коваленко", "Анастасия", "Александровна"),
        birth: Some(Edtf::parse("1935-06-13").unwrap()),
        death: (!living).then(|| Edtf::parse("2001-02-03").unwrap()),
        living: Some(living),
        birth_place: "д. Черкизово".into(),
        fate: Some(Fate::Survived),
        service: Service {
            rank: "сержант".into(),
            unit: "1-я дивизия".into(),
            drafted: String::new(),
        },
        awards: vec!["медаль «За оборону Москвы»".into()],
        biography: "Родилась в Химках.".into(),
        health: "ранение".into(),
        portrait: Some(media("aa", "Портрет")),
        ..Person::default()
    }
}

#[test]
fn living_person_shows_only_what_the_consent_lists() {
    let scope = vec![ScopeItem::Name, ScopeItem::Years, ScopeItem::Biography];
    let body = Body::Person(full_person(true));
    let Some(Body::Person(p)) = public_body(&body, &basis(ConsentKind::Publication, scope), &[])
    else {
        panic!("a restricted scope changes the person");
    };
    assert_eq!(p.name.full(), "Коваленко Анастасия Александровна");
    assert_eq!(p.birth.unwrap().as_str(), "1935");
    assert!(p.portrait.is_none());
    assert!(p.birth_place.is_empty());
    assert_eq!(p.biography, "Родилась в Химках.");
    assert!(p.service.rank.is_empty() && p.awards.is_empty() && p.fate.is_none());
    assert!(p.health.is_empty());
}

#[test]
fn an_unlimited_consent_changes_nothing_but_health() {
    let mut person = full_person(false);
    let body = Body::Person(person.clone());
    let b = basis(ConsentKind::PublicInterest, vec![]);
    let Some(Body::Person(p)) = public_body(&body, &b, &[]) else {
        panic!("health is cut without its own consent");
    };
    assert!(p.health.is_empty());
    assert!(p.portrait.is_some() && p.birth.unwrap().as_str() == "1935-06-13");
    person.health.clear();
    assert!(public_body(&Body::Person(person), &b, &[]).is_none());
}

#[test]
fn what_a_familys_value_replaced_is_never_public_even_under_an_unlimited_consent() {
    let mut person = full_person(false);
    person.health.clear();
    person.field_sources.push(crate::contribution::FieldSource {
        field: "birth_place".into(),
        submission: crate::SubmissionId(7),
        credit: None,
        on: date(2026, 5, 9),
        replaced: serde_json::json!("д. Старое Черкизово"),
    });
    let b = basis(ConsentKind::PublicInterest, vec![]);
    let Some(Body::Person(p)) = public_body(&Body::Person(person), &b, &[]) else {
        panic!("the replaced value must be taken out");
    };
    assert_eq!(p.field_sources.len(), 1, "the family's credit stays");
    assert!(p.field_sources[0].replaced.is_null());
}

#[test]
fn years_keep_their_uncertainty() {
    let y = |s: &str| {
        years_only(&Edtf::parse(s).unwrap())
            .unwrap()
            .as_str()
            .to_string()
    };
    assert_eq!(y("1935-06-13"), "1935");
    assert_eq!(y("1942-03~"), "1942~");
    assert_eq!(y("1941/1945"), "1941/1945");
    assert_eq!(y("1943?"), "1943?");
}

fn narrator() -> PersonName {
    PersonName::new("Коваленко", "Анастасия", "Александровна")
}

fn pseudonymous() -> Interview {
    Interview {
        title: "Анастасия Александровна Коваленко: «Как узнали о войне»".into(),
        summary: "Вспоминает Коваленко А. А., жительница Химок.".into(),
        interviewers: vec!["Вера Соколова".into()],
        recordings: vec![Recording {
            media: media(
                "part1",
                "Запись беседы с рассказчиком: Анастасия Александровна Коваленко",
            ),
            duration_ms: 120_000,
            label: String::new(),
            withheld: false,
        }],
        transcript_file: Some(media("vtt", "Расшифровка")),
        transcript: vec![
            Cue {
                start_ms: 0,
                end_ms: 10_000,
                speaker: Some("Интервьюер".into()),
                text: "Анастасия Александровна, расскажите, как узнали о войне.".into(),
            },
            Cue {
                start_ms: 10_000,
                end_ms: 20_000,
                speaker: Some("Анастасия Александровна Коваленко".into()),
                text: "Мама сказала: Настя Коваленко, война.".into(),
            },
            Cue {
                start_ms: 30_000,
                end_ms: 40_000,
                speaker: Some("Анастасия Александровна".into()),
                text: "Отец ушёл на фронт.".into(),
            },
        ],
        segments: vec![Segment {
            start_ms: 0,
            title: "Как Коваленко узнала о войне".into(),
            ..Segment::default()
        }],
        pseudonym: Some("Рассказчица К.".into()),
        ..Interview::default()
    }
}

fn published_basis() -> ConsentBasis {
    basis(ConsentKind::Publication, vec![])
}

#[test]
fn the_pseudonym_replaces_the_name_and_credits_only_the_narrators_lines() {
    let body = Body::Interview(pseudonymous());
    for narrators in [vec![narrator()], vec![]] {
        let Some(Body::Interview(i)) = public_body(&body, &published_basis(), &narrators) else {
            panic!("a pseudonym changes the interview");
        };
        let json = serde_json::to_string(&i).unwrap();
        assert!(!json.contains("Коваленко"), "{json}");
        assert!(!json.contains("Анастасия Александровна"), "{json}");
        assert_eq!(i.title, "Рассказчица К.: «Как узнали о войне»");
        assert_eq!(i.transcript[0].speaker.as_deref(), Some("Интервьюер"));
        assert_eq!(i.transcript[1].speaker.as_deref(), Some("Рассказчица К."));
        assert_eq!(i.transcript[2].speaker.as_deref(), Some("Рассказчица К."));
        assert!(i.transcript_file.is_none());
        assert_eq!(
            i.recordings[0].media.caption.as_deref(),
            Some("Запись беседы с рассказчиком: Рассказчица К.")
        );
    }
}

#[test]
fn a_scope_without_the_voice_withholds_the_recordings() {
    let body = Body::Interview(Interview {
        pseudonym: None,
        ..pseudonymous()
    });
    let b = basis(
        ConsentKind::Publication,
        vec![ScopeItem::Name, ScopeItem::Transcript],
    );
    let Some(Body::Interview(i)) = public_body(&body, &b, &[]) else {
        panic!("a scope without recordings changes the interview");
    };
    assert!(i.recordings.iter().all(|r| !part_is_public(r)));
    assert!(!i.transcript.is_empty());
}

#[test]
fn an_interview_still_needs_the_photo_scope_and_no_pseudonym() {
    let still = MediaRef {
        mime: "image/jpeg".into(),
        ..media("still", "На встрече")
    };
    let open = Interview {
        pseudonym: None,
        redactions: vec![],
        still: Some(still.clone()),
        ..pseudonymous()
    };
    // The still the public gets (no projection means the stored interview as it is).
    let shown = |stored: &Interview, scope: Vec<ScopeItem>| {
        let b = if scope.is_empty() {
            published_basis()
        } else {
            basis(ConsentKind::Publication, scope)
        };
        match public_body(&Body::Interview(stored.clone()), &b, &[narrator()]) {
            Some(Body::Interview(i)) => i.still,
            None => stored.still.clone(),
            Some(_) => unreachable!("an interview stays an interview"),
        }
    };
    // The whole consent, or a scope with photographs: the still is public.
    assert_eq!(shown(&open, vec![]), Some(still.clone()));
    let with_photo = vec![
        ScopeItem::Recording,
        ScopeItem::Transcript,
        ScopeItem::Photo,
    ];
    assert_eq!(shown(&open, with_photo.clone()), Some(still.clone()));
    // The voice and the words but not the face: no still, and it is not among the files the
    // public may fetch.
    let without = vec![ScopeItem::Recording, ScopeItem::Transcript];
    assert_eq!(shown(&open, without.clone()), None);
    let Some(public) = public_body(
        &Body::Interview(open.clone()),
        &basis(ConsentKind::Publication, without),
        &[],
    ) else {
        panic!("the still is taken out");
    };
    assert!(public.media().iter().all(|m| m.sha256 != "still"));
    // A pseudonym: a face would undo it, whatever the scope.
    let pseudonymous = Interview {
        still: Some(still),
        ..pseudonymous()
    };
    assert_eq!(shown(&pseudonymous, with_photo), None);
    assert_eq!(shown(&pseudonymous, vec![]), None);
}

#[test]
fn names_are_found_in_any_case_form_but_a_given_name_alone_is_left() {
    let h = HiddenNames::of(&[narrator()]);
    assert_eq!(
        h.replace(
            "у Анастасии Александровны Коваленко и Коваленко А. А.",
            "Н."
        ),
        "у Н. и Н."
    );
    assert_eq!(
        h.replace("сестра Анастасия пришла", "Н."),
        "сестра Анастасия пришла"
    );
    assert!(h.names("Коваленко Анастасия Александровна:"));
    assert!(!h.names("Интервьюер"));
}

// ---------------------------------------------------------------------------------------------
// Properties: for any person × scope, and any interview × narrator × pseudonym × closed
// stretches, the projection holds no field outside the scope and never the real name.

const SURNAMES: [&str; 5] = ["Коваленко", "Иванов", "Петровская", "Шевчук", "Сидорова"];
const GIVEN: [&str; 4] = ["Анастасия", "Пётр", "Мария", "Геннадий"];
const PATRONYMICS: [&str; 4] = ["Александровна", "Семёнович", "Ивановна", "Игнатьевич"];

fn any_scope() -> impl Strategy<Value = Vec<ScopeItem>> {
    proptest::sample::subsequence(ScopeItem::TYPED.to_vec(), 0..=ScopeItem::TYPED.len())
}

proptest! {
    #[test]
    fn a_person_never_shows_a_field_outside_the_scope(
        scope in any_scope(),
        living in any::<bool>(),
        heirs in any::<bool>(),
    ) {
        let kind = if heirs && !living { ConsentKind::Heirs } else { ConsentKind::Publication };
        let b = basis(kind, scope.clone());
        let body = Body::Person(full_person(living));
        let shown = match public_body(&body, &b, &[]) {
            Some(Body::Person(p)) => p,
            None => full_person(living),
            Some(other) => panic!("a person became {other:?}"),
        };
        let allowed = FieldScope::of(&scope);
        let has = |item: ScopeItem| allowed.allows(&item);
        prop_assert!(has(ScopeItem::Photo) || shown.portrait.is_none());
        prop_assert!(has(ScopeItem::BirthPlace) || shown.birth_place.is_empty());
        prop_assert!(has(ScopeItem::Biography) || shown.biography.is_empty());
        prop_assert!(has(ScopeItem::Service) || shown.service.rank.is_empty());
        prop_assert!(has(ScopeItem::Awards) || shown.awards.is_empty());
        prop_assert!(has(ScopeItem::Fate) || shown.fate.is_none());
        prop_assert!(shown.health.is_empty());
        if !has(ScopeItem::Years) {
            prop_assert!(shown.birth.is_none() && shown.death.is_none());
        } else if !has(ScopeItem::FullDates) {
            for d in shown.birth.iter().chain(shown.death.iter()) {
                prop_assert!(!d.as_str().contains('-'), "{} is more than a year", d.as_str());
            }
        }
    }

    #[test]
    fn a_pseudonymous_interview_never_names_the_narrator(
        s in 0..SURNAMES.len(),
        g in 0..GIVEN.len(),
        p in 0..PATRONYMICS.len(),
        tied in any::<bool>(),
        closed in proptest::collection::vec((0u32..100, 1u32..30), 0..3),
        pseudonym in "[А-Я][а-я]{3,8} [А-Я]\\.",
    ) {
        let name = PersonName::new(SURNAMES[s], GIVEN[g], PATRONYMICS[p]);
        let natural = name.natural();
        let mut i = pseudonymous();
        i.title = format!("{natural}: «Как узнали о войне»");
        i.summary = format!("Вспоминает {}.", name.short());
        i.recordings[0].media.caption = Some(format!("Запись беседы с рассказчиком: {natural}"));
        for cue in &mut i.transcript {
            if cue.speaker.as_deref() != Some("Интервьюер") {
                cue.speaker = Some(natural.clone());
            }
            cue.text = format!("{} сказал(а): {}", name.full(), cue.text);
        }
        i.pseudonym = Some(pseudonym.clone());
        i.redactions = closed
            .iter()
            .map(|(at, len)| Redaction {
                start_ms: at * 1000,
                end_ms: (at + len) * 1000,
                reason: "личное".into(),
            })
            .collect();
        let narrators = if tied { vec![name.clone()] } else { vec![] };
        let Some(Body::Interview(shown)) =
            public_body(&Body::Interview(i.clone()), &published_basis(), &narrators)
        else {
            panic!("a pseudonym always changes the interview");
        };
        let json = names::normalize(&serde_json::to_string(&shown).unwrap());
        prop_assert!(!json.contains(&names::normalize(&name.surname)), "{json}");
        let spoken = names::normalize(&format!("{} {}", name.given, name.patronymic));
        prop_assert!(!json.contains(&spoken), "{}", json);
        prop_assert!(!json.contains("личное"));
        for cue in &shown.transcript {
            if cue.text == REDACTED_TEXT {
                continue;
            }
            prop_assert!(!i.redactions.iter().any(|r| r.overlaps(cue.start_ms, cue.end_ms)));
            if cue.start_ms == 0 {
                prop_assert_eq!(cue.speaker.as_deref(), Some("Интервьюер"));
            } else {
                prop_assert_eq!(cue.speaker.as_deref(), Some(pseudonym.as_str()));
            }
        }
    }
}
