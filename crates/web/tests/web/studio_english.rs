//! The studio in English (issue #14): a coordinator who chose English (`lang=en` cookie) sees
//! the oral-history pages, the moderation of residents' stories and the administration pages
//! without a single Russian word of the interface. The fixtures have Latin names, and what the
//! museum keeps in Russian as data — the seeded question guides, the municipal roadmap, the
//! audit log's details — is taken out of the page before the check, so any Cyrillic letter
//! left is a label that was not translated.

use crate::studio::{Session, add_user, between, location, sign_in};
use crate::support::{TestApp, spawn_app};
use letopis_core::account::Role;
use letopis_core::contribution::{
    Alive, Basis, ConsentGiven, Contribution, Contributor, Hero, Relationship,
};
use letopis_core::entities::Fate;
use letopis_store::contributions::NewSubmission;

/// The same escaping askama applies, so stored text can be found in a page.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The museum's Russian data on these pages: guides, the roadmap, the audit log's details.
fn russian_data(app: &TestApp) -> Vec<String> {
    let mut data = Vec::new();
    for g in app.oral.guides().expect("guides") {
        data.extend([g.title, g.about, g.author]);
        data.extend(g.questions);
    }
    for a in app.accounts.activities().expect("activities") {
        data.extend([a.title, a.period, a.departments]);
    }
    for e in app.accounts.audit_log(0, 1000).expect("audit log").items {
        data.push(e.detail);
    }
    data.retain(|d| !d.trim().is_empty());
    // Longest first, so a text is not left half-stripped by a shorter one inside it.
    data.sort_by_key(|d| std::cmp::Reverse(d.len()));
    data
}

/// The page without the museum's data and without the switch to Russian (`lang="ru"`), which
/// names the other language in itself.
fn interface_of(html: &str, data: &[String]) -> String {
    let mut page = html.to_string();
    for d in data {
        page = page.replace(&escaped(d), "");
    }
    while let Some(at) = page.find("lang=\"ru\">") {
        let end = page[at..].find('<').map_or(page.len(), |e| at + e);
        page.replace_range(at..end, "");
    }
    page
}

fn assert_english(path: &str, html: &str, data: &[String]) {
    let page: Vec<char> = interface_of(html, data).chars().collect();
    let found: Vec<String> = (0..page.len())
        .filter(|i| ('\u{0400}'..='\u{04FF}').contains(&page[*i]))
        .map(|i| {
            let around = &page[i.saturating_sub(60)..(i + 60).min(page.len())];
            around.iter().collect::<String>().replace('\n', " ")
        })
        .take(3)
        .collect();
    assert!(found.is_empty(), "Russian left on {path}: {found:#?}");
}

fn submit_story(app: &TestApp) -> letopis_core::SubmissionId {
    let now = jiff::Timestamp::now();
    let content = Contribution {
        hero: Hero {
            surname: "Ershov".into(),
            given: "Petr".into(),
            patronymic: "Semyonovich".into(),
            birth_typed: "1915".into(),
            birth: letopis_core::Edtf::parse("1915").ok(),
            alive: Some(Alive::Deceased),
            fate: Some(Fate::Killed),
            unit: "1077th Rifle Regiment".into(),
            ..Hero::default()
        },
        story: "He went to the front in July 1941.".into(),
        contributor: Contributor {
            name: "Anna Petrova".into(),
            relationship: Some(Relationship::Grandchild),
            relationship_note: "granddaughter".into(),
            email: "anna@example.org".into(),
        },
        consent: ConsentGiven {
            processing: true,
            publication: Some(Basis::Heir),
            credit: true,
            ..ConsentGiven::default()
        },
    };
    let store = &app.contributions;
    let id = store
        .start(
            NewSubmission {
                token_hash: "token-english".into(),
                origin: "origin".into(),
                about: None,
                lang: "en".into(),
            },
            now,
        )
        .expect("draft");
    store.save(id, &content, now).expect("saved");
    store.send(id, "confirm-english", now).expect("sent");
    store
        .confirm_email("confirm-english", now)
        .expect("confirmed");
    id
}

async fn created(app: &TestApp, s: &Session, path: &str, fields: &[(&str, &str)]) -> String {
    let r = s.post(app, path, fields).await;
    let to = location(&r);
    assert_eq!(
        r.status(),
        303,
        "{path}: {}",
        r.text().await.unwrap_or_default()
    );
    to
}

fn id_in(to: &str, prefix: &str) -> String {
    to.trim_start_matches(prefix)
        .split('?')
        .next()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn a_coordinator_who_chose_english_sees_no_russian_label() {
    let app = spawn_app().await;
    add_user(
        &app,
        "olga@example.org",
        "Olga Coordinator",
        &[Role::Admin, Role::Coordinator],
    );
    let vera = add_user(
        &app,
        "vera@example.org",
        "Vera Volunteer",
        &[Role::Volunteer],
    );
    let paul = add_user(
        &app,
        "paul@example.org",
        "Paul Psychologist",
        &[Role::Psychologist],
    );
    let russian = sign_in(&app, "olga@example.org").await;
    let s = Session {
        cookie: format!("{}; lang=en", russian.cookie),
        csrf: russian.csrf.clone(),
    };

    // A narrator, a project with a step, a support note, a group and a resident's story, all
    // with Latin names.
    let narrator = id_in(
        &created(
            &app,
            &s,
            "/studio/narrators/new",
            &[
                ("name", "Ershova Anna Petrovna"),
                ("category", "child_of_war"),
                ("phone", "+7 916 555-12-34"),
                ("language", "English"),
            ],
        )
        .await,
        "/studio/narrators/",
    );
    let project = id_in(
        &created(
            &app,
            &s,
            "/studio/projects/new",
            &[
                ("title", "Childhood in Khimki"),
                ("narrator", &narrator),
                ("interviewer", &vera.to_string()),
                ("psychologist", &paul.to_string()),
            ],
        )
        .await,
        "/studio/projects/",
    );
    let page = format!("/studio/projects/{project}");
    created(
        &app,
        &s,
        &format!("{page}/stage"),
        &[
            ("action", "move"),
            ("stage", "contacted"),
            ("item", "agreed_to_talk"),
            ("item", "contact_recorded"),
            ("note", "First call went well"),
        ],
    )
    .await;
    created(
        &app,
        &s,
        &format!("{page}/support"),
        &[
            ("kind", "break"),
            ("timecode", "12:34"),
            ("body", "A short rest"),
        ],
    )
    .await;
    created(
        &app,
        &s,
        "/studio/groups",
        &[("name", "Khimki Voices"), ("direction", "living_voices")],
    )
    .await;
    let story = submit_story(&app);
    let submission = format!("/studio/contributions/{story}");
    created(&app, &s, &format!("{submission}/take"), &[]).await;

    // A refused move shows its reason in English too.
    let r = s
        .post(
            &app,
            &format!("{page}/stage"),
            &[("action", "move"), ("stage", "pre_interview")],
        )
        .await;
    assert_eq!(r.status(), 422);
    let refused = r.text().await.expect("body");
    assert!(
        refused.contains("Cannot move to “preliminary conversation held”"),
        "{refused}"
    );

    let (_, guides) = s.get(&app, "/studio/guides").await;
    let guide = between(&guides, "<td><a href=\"/studio/guides/", "\"").expect("a seeded guide");
    for path in [
        "/studio/narrators".to_string(),
        format!("/studio/narrators/{narrator}"),
        format!("/studio/narrators/{narrator}/private"),
        "/studio/projects".into(),
        "/studio/projects/new".into(),
        page.clone(),
        "/studio/guides".into(),
        format!("/studio/guides/{guide}"),
        "/studio/contributions".into(),
        submission.clone(),
        "/studio/users".into(),
        "/studio/audit".into(),
        "/studio/groups".into(),
        "/studio/council".into(),
    ] {
        let (status, html) = s.get(&app, &path).await;
        assert_eq!(status, 200, "{path}: {html}");
        assert!(html.contains("<html lang=\"en\">"), "{path}");
        // Read after the page: the audit log grows as pages are read, and the council's page
        // seeds the roadmap on its first visit.
        assert_english(&path, &html, &russian_data(&app));
    }

    // The council's CSV files speak the reader's language as well.
    for by in ["", "?by=activity", "?by=voices", "?by=stages"] {
        let (status, csv) = s.get(&app, &format!("/studio/council.csv{by}")).await;
        assert_eq!(status, 200);
        let header = csv.lines().next().unwrap_or_default();
        assert!(header.starts_with("\u{feff}Quarter") || header.starts_with("\u{feff}Stage"));
        assert_english(&format!("council.csv{by}"), &csv, &russian_data(&app));
    }

    // The sign-in form follows `?lang=` before anyone is signed in.
    let (status, form) = app.text("/studio/sign-in?lang=en").await;
    assert_eq!(status, 200);
    assert!(form.contains("Sign in to the studio") && form.contains("Forgot your password?"));

    // And the same pages still speak Russian by default.
    let (_, ru) = russian.get(&app, &page).await;
    assert!(ru.contains("Психологическая поддержка") && ru.contains("связались с рассказчиком"));
}
