//! The studio over HTTP: sign-in, sessions and CSRF, every route against every role, forms that
//! survive bad input, optimistic concurrency, the workflow with consent, history, upload, and
//! the council report.

mod contributions;
mod mail;

use crate::support::{TestApp, spawn_app};
use letopis_core::account::{Email, Permission, Role};
use letopis_store::accounts::NewUser;
use letopis_web::studio::auth;

pub(crate) const PASSWORD: &str = "три белых коня бегут";

/// A signed-in browser: its session cookie and the form token of its session.
pub(crate) struct Session {
    pub(crate) cookie: String,
    pub(crate) csrf: String,
}

pub(crate) fn add_user(
    app: &TestApp,
    email: &str,
    name: &str,
    roles: &[Role],
) -> letopis_core::UserId {
    let hash = auth::hash_password(PASSWORD).expect("hash");
    app.accounts
        .create_user(
            &NewUser {
                email: Email::parse(email).expect("email"),
                display_name: name.into(),
                roles: roles.to_vec(),
            },
            Some(&hash),
        )
        .expect("user")
}

pub(crate) fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let to = text[from..].find(end)? + from;
    Some(&text[from..to])
}

fn set_cookie(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap_or("").to_string())
}

pub(crate) async fn try_sign_in(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    let form = app.get("/studio/sign-in").await;
    let form_cookie = set_cookie(&form, "letopis_form").expect("form cookie");
    let html = form.text().await.expect("body");
    let token = between(&html, "name=\"form_token\" value=\"", "\"").expect("form token");
    app.client
        .post(app.url("/studio/sign-in"))
        .header("cookie", form_cookie)
        .form(&[
            ("email", email),
            ("password", password),
            ("form_token", token),
            ("next", "/studio"),
        ])
        .send()
        .await
        .expect("sign in")
}

pub(crate) async fn sign_in(app: &TestApp, email: &str) -> Session {
    let response = try_sign_in(app, email, PASSWORD).await;
    assert_eq!(response.status(), 303, "sign-in of {email}");
    let cookie = set_cookie(&response, "letopis_session").expect("session cookie");
    let (status, html) = app.text_with("/studio", &[("cookie", &cookie)]).await;
    assert_eq!(status, 200, "{html}");
    let csrf = between(&html, "name=\"csrf\" value=\"", "\"")
        .expect("csrf")
        .to_string();
    Session { cookie, csrf }
}

impl Session {
    pub(crate) async fn get(&self, app: &TestApp, path: &str) -> (u16, String) {
        app.text_with(path, &[("cookie", &self.cookie)]).await
    }

    pub(crate) async fn post(
        &self,
        app: &TestApp,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut form: Vec<(&str, &str)> = vec![("csrf", &self.csrf)];
        form.extend_from_slice(fields);
        app.client
            .post(app.url(path))
            .header("cookie", &self.cookie)
            .form(&form)
            .send()
            .await
            .expect("post")
    }

    /// [`Session::post`] with owned name–value pairs (forms built in a loop).
    pub(crate) async fn post_pairs(
        &self,
        app: &TestApp,
        path: &str,
        fields: &[(String, String)],
    ) -> reqwest::Response {
        let refs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        self.post(app, path, &refs).await
    }
}

pub(crate) fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

/// Creates a person through the studio form and returns its id.
async fn create_person(app: &TestApp, s: &Session, fields: &[(&str, &str)]) -> i64 {
    let r = s.post(app, "/studio/persons/new", fields).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let to = location(&r);
    to.trim_start_matches("/studio/records/")
        .split('?')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("record id in the redirect")
}

#[tokio::test]
async fn every_studio_route_answers_sign_in_or_403_by_role() {
    let app = spawn_app().await;
    add_user(
        &app,
        "root@example.ru",
        "Главный администратор",
        &[Role::Admin],
    );
    let mut sessions = Vec::new();
    for role in Role::ALL {
        let email = format!("{}@example.ru", role.code());
        add_user(&app, &email, role.label_ru(), &[role]);
        sessions.push((role, email));
    }
    let admin_session = sign_in(&app, "root@example.ru").await;
    let id = create_person(&app, &admin_session, &[("surname", "Ершов")]).await;
    let record = format!("/studio/records/{id}");
    let history = format!("{record}/history");
    // (path, who may open it)
    let pages: Vec<(String, Permission)> = vec![
        ("/studio".into(), Permission::Edit),
        ("/studio/persons".into(), Permission::Edit),
        ("/studio/lessons".into(), Permission::Teach),
        ("/studio/media-plan".into(), Permission::Publicize),
        (
            "/studio/media-plan?quarter=2026-4&view=status".into(),
            Permission::Publicize,
        ),
        ("/studio/places/new".into(), Permission::Edit),
        (record.clone(), Permission::Edit),
        (history.clone(), Permission::Edit),
        ("/studio/groups".into(), Permission::Edit),
        ("/studio/edtf?value=1942".into(), Permission::Edit),
        ("/studio/suggest?q=Ер".into(), Permission::Edit),
        ("/studio/council".into(), Permission::Council),
        ("/studio/council.csv".into(), Permission::Council),
        (
            "/studio/council.csv?by=activity".into(),
            Permission::Council,
        ),
        ("/studio/stories/new".into(), Permission::Edit),
        ("/studio/users".into(), Permission::Administer),
        ("/studio/audit".into(), Permission::Administer),
        ("/studio/contributions".into(), Permission::Review),
        (
            "/studio/contributions?status=all&who=mine&confirmed=no&q=Ершов".into(),
            Permission::Review,
        ),
    ];
    for (path, _) in &pages {
        let r = app.get(path).await;
        assert_eq!(r.status(), 303, "anonymous {path}");
        assert!(location(&r).starts_with("/studio/sign-in?next="), "{path}");
    }
    let posts = [
        "/studio/persons/new".to_string(),
        format!("{record}/workflow"),
        "/studio/users/invite".into(),
        "/studio/groups".into(),
        "/studio/council/reports".into(),
        "/studio/council/activities/1".into(),
        format!("{record}/comments"),
        format!("{record}/relations"),
        format!("{record}/consents"),
        "/studio/uploads".into(),
        "/studio/contributions/1/email".into(),
        "/studio/contributions/1/publish".into(),
        "/studio/contributions/1/withdraw".into(),
        "/studio/media-plan".into(),
        "/studio/media-plan/1".into(),
    ];
    for path in &posts {
        let r = app
            .client
            .post(app.url(path))
            .form(&[("x", "y")])
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), 303, "anonymous POST {path}");
    }
    for (role, email) in &sessions {
        let s = sign_in_or_forbidden(&app, email).await;
        for (path, allowed) in &pages {
            let (status, _) = app.text_with(path, &[("cookie", &s)]).await;
            let want = if role.grants(*allowed) {
                200
            } else if *path == "/studio"
                && (role.grants(Permission::Teach) || role.grants(Permission::Publicize))
            {
                // A teacher's `/studio` is her lessons (issue #17), the press office's its media
                // plan (issue #18).
                303
            } else {
                403
            };
            assert_eq!(status, want, "{role:?} GET {path}");
        }
    }
    // Administration answers 403 to a volunteer's well-formed POST too.
    let volunteer = sign_in(&app, "volunteer@example.ru").await;
    for path in [
        "/studio/users/invite",
        "/studio/groups",
        "/studio/council/reports",
        "/studio/council/activities/1",
    ] {
        let r = volunteer.post(&app, path, &[("name", "x")]).await;
        assert_eq!(r.status(), 403, "volunteer POST {path}");
    }
}

/// Signs in and opens `page`, whose form token the session then uses (a teacher's or the press
/// office's studio is not `/studio` itself).
pub(crate) async fn sign_in_at(app: &TestApp, email: &str, page: &str) -> Session {
    let response = try_sign_in(app, email, PASSWORD).await;
    assert_eq!(response.status(), 303, "sign-in of {email}");
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("letopis_session="))
        .map(|v| v.split(';').next().unwrap_or("").to_string())
        .expect("session cookie");
    let (status, html) = app.text_with(page, &[("cookie", &cookie)]).await;
    assert_eq!(status, 200, "{html}");
    let csrf = between(&html, "name=\"csrf\" value=\"", "\"")
        .expect("csrf")
        .to_string();
    Session { cookie, csrf }
}

/// Signs in and returns the session cookie, also for roles the studio then refuses (403).
pub(crate) async fn sign_in_or_forbidden(app: &TestApp, email: &str) -> String {
    let r = try_sign_in(app, email, PASSWORD).await;
    assert_eq!(r.status(), 303, "{email}");
    set_cookie(&r, "letopis_session").expect("cookie")
}

#[tokio::test]
async fn wrong_passwords_lock_the_account_and_are_audited() {
    let app = spawn_app().await;
    add_user(&app, "admin@example.ru", "Админ", &[Role::Admin]);
    add_user(&app, "ivan@example.ru", "Иван", &[Role::Volunteer]);
    let r = try_sign_in(&app, "nobody@example.ru", PASSWORD).await;
    assert_eq!(r.status(), 401);
    for _ in 0..5 {
        let r = try_sign_in(&app, "ivan@example.ru", "не тот пароль").await;
        assert_eq!(r.status(), 401);
        assert!(
            r.text()
                .await
                .expect("body")
                .contains("Неверный адрес почты или пароль")
        );
    }
    let r = try_sign_in(&app, "ivan@example.ru", PASSWORD).await;
    assert_eq!(r.status(), 401);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("временно заблокирован")
    );
    let admin = sign_in(&app, "admin@example.ru").await;
    let (_, audit) = admin.get(&app, "/studio/audit").await;
    assert!(audit.contains("неудачный вход"), "{audit}");
    assert!(audit.contains("вход заблокирован на 15 минут"));
    // That the log is append-only in the database itself, even to another process, is the
    // SQLite engine's own check (crates/store/tests/sqlite_engine.rs): the traits offer no way
    // to change or remove a line.
}

/// Two servers over one base (two nodes behind one address) count wrong passwords from an
/// address together: the limit holds whichever node a guesser's requests reach, and the
/// refusal is the same on both.
#[tokio::test]
async fn two_servers_over_one_base_share_the_limit_on_wrong_passwords() {
    // `studio::session::MAX_FAILURES_PER_ADDRESS`.
    const LIMIT: usize = 20;
    let one = spawn_app().await;
    let two = one.spawn_beside().await;
    add_user(&one, "ivan@example.ru", "Иван", &[Role::Volunteer]);
    for _ in 0..LIMIT - 1 {
        let r = try_sign_in(&one, "nobody@example.ru", PASSWORD).await;
        assert_eq!(r.status(), 401);
    }
    // The last failure the limit allows is made on the other server…
    let r = try_sign_in(&two, "nobody@example.ru", PASSWORD).await;
    assert_eq!(
        r.status(),
        401,
        "not yet refused: the other server counted 19"
    );
    // …and now both refuse the address, even with the right password.
    for app in [&one, &two] {
        let r = try_sign_in(app, "ivan@example.ru", PASSWORD).await;
        assert_eq!(r.status(), 429);
        let body = r.text().await.expect("body");
        assert!(body.contains("Слишком много неудачных попыток"), "{body}");
    }
}

#[tokio::test]
async fn sessions_are_hashed_cookies_and_forms_need_their_token() {
    let app = spawn_app().await;
    add_user(&app, "ivan@example.ru", "Иван", &[Role::Volunteer]);
    let r = try_sign_in(&app, "ivan@example.ru", PASSWORD).await;
    let raw = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("letopis_session="))
        .expect("cookie")
        .to_string();
    assert!(
        raw.contains("HttpOnly") && raw.contains("SameSite=Lax"),
        "{raw}"
    );
    let token = raw
        .split(';')
        .next()
        .unwrap_or("")
        .trim_start_matches("letopis_session=");
    // The session is found by the token's hash, and the token itself opens nothing: only the
    // hash is stored.
    let now = jiff::Timestamp::now().as_second();
    let found = app.accounts.session(&auth::token_hash(token), now);
    assert!(found.expect("read").is_some(), "found by the hash");
    let by_token = app.accounts.session(token, now);
    assert!(by_token.expect("read").is_none(), "only the hash is stored");
    let s = sign_in(&app, "ivan@example.ru").await;
    let forged = app
        .client
        .post(app.url("/studio/persons/new"))
        .header("cookie", &s.cookie)
        .form(&[("surname", "Подделка"), ("csrf", "0000")])
        .send()
        .await
        .expect("post");
    assert_eq!(forged.status(), 403);
    // Signing in without the form's cookie (another site's form) is refused as well.
    let r = app
        .client
        .post(app.url("/studio/sign-in"))
        .form(&[
            ("email", "ivan@example.ru"),
            ("password", PASSWORD),
            ("form_token", "abc"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 403);
    // Sign-out ends the session in the database.
    let out = s.post(&app, "/studio/sign-out", &[]).await;
    assert_eq!(out.status(), 303);
    let (status, _) = s.get(&app, "/studio").await;
    assert_eq!(status, 303);
}

#[tokio::test]
async fn an_invitation_arrives_as_a_mail_file_and_sets_a_password() {
    let app = spawn_app().await;
    add_user(&app, "admin@example.ru", "Админ", &[Role::Admin]);
    let admin = sign_in(&app, "admin@example.ru").await;
    let r = admin
        .post(
            &app,
            "/studio/users/invite",
            &[
                ("email", "Olga@Example.ru"),
                ("name", "Ольга"),
                ("role", "volunteer"),
                ("role", "teacher"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let mail_dir = app.media_root.parent().expect("data dir").join("mail");
    let letter = std::fs::read_dir(&mail_dir)
        .expect("mail dir")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().ends_with(".eml"))
        .map(|e| std::fs::read_to_string(e.path()).expect("letter"))
        .expect("a letter");
    assert!(letter.contains("To: olga@example.ru"));
    let link = letter
        .lines()
        .find(|l| l.contains("/studio/set-password/"))
        .expect("link")
        .trim();
    let path = &link[link.find("/studio/").expect("path")..];
    let form = app.get(path).await;
    assert_eq!(form.status(), 200);
    let cookie = set_cookie(&form, "letopis_form").expect("form cookie");
    let html = form.text().await.expect("body");
    let token = between(&html, "name=\"form_token\" value=\"", "\"").expect("token");
    let short = app
        .client
        .post(app.url(path))
        .header("cookie", &cookie)
        .form(&[
            ("password", "коротко"),
            ("repeat", "коротко"),
            ("form_token", token),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(short.status(), 422);
    assert!(
        short
            .text()
            .await
            .expect("body")
            .contains("слишком короткий")
    );
    let form = app.get(path).await;
    let cookie = set_cookie(&form, "letopis_form").expect("form cookie");
    let html = form.text().await.expect("body");
    let token = between(&html, "name=\"form_token\" value=\"", "\"").expect("token");
    let ok = app
        .client
        .post(app.url(path))
        .header("cookie", &cookie)
        .form(&[
            ("password", PASSWORD),
            ("repeat", PASSWORD),
            ("form_token", token),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(ok.status(), 303);
    // The link works once.
    assert_eq!(app.get(path).await.status(), 400);
    let olga = sign_in(&app, "olga@example.ru").await;
    let (status, _) = olga.get(&app, "/studio/persons/new").await;
    assert_eq!(status, 200);
    let (_, audit) = admin.get(&app, "/studio/audit").await;
    assert!(
        audit.contains("приглашение") && audit.contains("пароль задан"),
        "{audit}"
    );
}

#[tokio::test]
async fn forms_keep_what_was_typed_explain_errors_and_show_script_as_text() {
    let app = spawn_app().await;
    add_user(&app, "ivan@example.ru", "Иван", &[Role::Volunteer]);
    let s = sign_in(&app, "ivan@example.ru").await;
    let hostile = "<script>alert('x')</script>";
    let r = s
        .post(
            &app,
            "/studio/persons/new",
            &[
                ("surname", hostile),
                ("birth", "март 1942"),
                ("biography", "Текст, который нельзя потерять"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.expect("body");
    assert!(
        html.contains("Дата рождения:"),
        "the EDTF problem is explained"
    );
    assert!(html.contains("Текст, который нельзя потерять"));
    assert!(html.contains("март 1942"));
    assert!(!html.contains(hostile), "script is escaped");
    assert!(html.contains("&#60;script&#62;") || html.contains("&lt;script&gt;"));
    // Empty and huge forms are answered, not crashed on.
    let empty = s.post(&app, "/studio/persons/new", &[]).await;
    assert_eq!(empty.status(), 422);
    assert!(empty.text().await.expect("body").contains("Фамилия"));
    let huge = "я".repeat(150_000);
    let r = s
        .post(
            &app,
            "/studio/persons/new",
            &[("surname", "Ершов"), ("biography", &huge)],
        )
        .await;
    assert_eq!(r.status(), 422, "core limits the biography");
    // A valid person with script in its text is stored as text and shown escaped.
    let id = create_person(&app, &s, &[("surname", hostile), ("birth", "1942-03~")]).await;
    let (status, html) = s.get(&app, &format!("/studio/records/{id}")).await;
    assert_eq!(status, 200);
    assert!(!html.contains(hostile));
    assert!(
        html.contains("около марта 1942 г."),
        "the EDTF preview is server-rendered"
    );
    let preview: serde_json::Value = app
        .client
        .get(app.url("/studio/edtf?value=1942-03~"))
        .header("cookie", &s.cookie)
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(preview["text"], "около марта 1942 г.");
}

#[tokio::test]
async fn a_stale_edit_warns_instead_of_overwriting() {
    let app = spawn_app().await;
    add_user(&app, "ivan@example.ru", "Иван", &[Role::Volunteer]);
    add_user(&app, "olga@example.ru", "Ольга", &[Role::Volunteer]);
    let ivan = sign_in(&app, "ivan@example.ru").await;
    let olga = sign_in(&app, "olga@example.ru").await;
    let id = create_person(&app, &ivan, &[("surname", "Ершов")]).await;
    let path = format!("/studio/records/{id}");
    let first = ivan
        .post(
            &app,
            &path,
            &[
                ("version", "1"),
                ("surname", "Ершов"),
                ("given_name", "Пётр"),
            ],
        )
        .await;
    assert_eq!(first.status(), 303);
    let second = olga
        .post(
            &app,
            &path,
            &[
                ("version", "1"),
                ("surname", "Ершов"),
                ("given_name", "Павел"),
            ],
        )
        .await;
    assert_eq!(second.status(), 409);
    let html = second.text().await.expect("body");
    assert!(html.contains("Запись изменили, пока вы её редактировали"));
    assert!(html.contains("Павел"), "what Olga typed is kept");
    let stored = letopis_store::Store::get(&*app.store, letopis_core::RecordId(id))
        .expect("read")
        .expect("record");
    let letopis_core::Body::Person(p) = stored.record.body else {
        panic!("person")
    };
    assert_eq!(p.name.given, "Пётр", "Ivan's edit was not overwritten");
    // Autosave answers JSON with the new version.
    let r = ivan
        .post(
            &app,
            &format!("{path}/autosave"),
            &[
                ("version", "2"),
                ("surname", "Ершов"),
                ("given_name", "Пётр"),
                ("patronymic", "Ильич"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    let json: serde_json::Value = r.json().await.expect("json");
    assert_eq!(json["version"], 3);
}

#[tokio::test]
async fn review_publish_with_consent_and_history() {
    let app = spawn_app().await;
    add_user(&app, "vol@example.ru", "Волонтёр Вера", &[Role::Volunteer]);
    add_user(&app, "exp@example.ru", "Эксперт Эдуард", &[Role::Expert]);
    let vol = sign_in(&app, "vol@example.ru").await;
    let exp = sign_in(&app, "exp@example.ru").await;
    // A place to relate to, published by the expert.
    let place = {
        let r = exp
            .post(
                &app,
                "/studio/places/new",
                &[("name", "Сходня"), ("place_type", "settlement")],
            )
            .await;
        location(&r)
            .trim_start_matches("/studio/records/")
            .split('?')
            .next()
            .and_then(|n| n.parse::<i64>().ok())
            .expect("id")
    };
    let id = create_person(
        &app,
        &vol,
        &[
            ("surname", "Ершова"),
            ("given_name", "Анна"),
            ("birth", "1930"),
        ],
    )
    .await;
    let rec = format!("/studio/records/{id}");
    let r = vol
        .post(
            &app,
            &format!("{rec}/relations"),
            &[
                ("rtype", "born_in"),
                ("target", &format!("Сходня (№{place})")),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = vol
        .post(&app, &format!("{rec}/workflow"), &[("to", "in_review")])
        .await;
    assert_eq!(r.status(), 303);
    // The volunteer may not publish at all.
    assert_eq!(
        vol.post(&app, &format!("{rec}/workflow"), &[("to", "published")])
            .await
            .status(),
        403
    );
    let (_, dash) = exp.get(&app, "/studio").await;
    assert!(
        dash.contains("Ершова Анна"),
        "waits for the expert's review"
    );
    // The expert returns it with a comment; the volunteer sees it returned.
    let r = exp
        .post(
            &app,
            &format!("{rec}/workflow"),
            &[("to", "draft"), ("note", "Укажите отчество")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, dash) = vol.get(&app, "/studio").await;
    let returned = between(&dash, "Вернули на доработку", "</section>").expect("section");
    assert!(returned.contains("Ершова Анна"), "{returned}");
    let r = vol
        .post(
            &app,
            &rec,
            &[
                ("version", "3"),
                ("surname", "Ершова"),
                ("given_name", "Анна"),
                ("patronymic", "Петровна"),
                ("birth", "1930"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    vol.post(&app, &format!("{rec}/workflow"), &[("to", "in_review")])
        .await;
    // Born 1930 and not known dead: living, so no publication without consent.
    let r = exp
        .post(&app, &format!("{rec}/workflow"), &[("to", "published")])
        .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("действующего согласия на распространение")
    );
    let r = exp
        .post(
            &app,
            &format!("{rec}/consents"),
            &[
                ("kind", "publication"),
                ("granted_by", "Ершова А. П."),
                ("signed_on", "2025-01-15"),
                ("scope", "name"),
                ("scope", "years"),
                ("scope", "biography"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = exp
        .post(&app, &format!("{rec}/workflow"), &[("to", "published")])
        .await;
    assert_eq!(r.status(), 303);
    // Public now; the place was never published, so the expert publishes it too (own work:
    // the place was created by the expert but never submitted by them, so first submit).
    let stored = letopis_store::Store::get(&*app.store, letopis_core::RecordId(id))
        .expect("read")
        .expect("record");
    let (status, page) = app
        .text(&format!("/persons/{}", stored.record.meta.slug))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("Ершова"));
    // An expert may not publish what they sent to review themselves.
    let prec = format!("/studio/records/{place}");
    exp.post(&app, &format!("{prec}/workflow"), &[("to", "in_review")])
        .await;
    let r = exp
        .post(&app, &format!("{prec}/workflow"), &[("to", "published")])
        .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("Нельзя опубликовать собственную правку")
    );
    // History lists every step with who did it, and the diff names the field.
    let (_, history) = exp.get(&app, &format!("{rec}/history")).await;
    for needle in [
        "создана",
        "состояние: на проверке",
        "состояние: черновик",
        "состояние: опубликовано",
        "Отчество",
        "Петровна",
        "Волонтёр Вера",
        "Эксперт Эдуард",
        "Укажите отчество",
    ] {
        assert!(history.contains(needle), "history lacks {needle}");
    }
    // The consent's signer is shown to the expert, and that view goes to the audit log.
    let (_, page) = exp.get(&app, &rec).await;
    assert!(page.contains("Ершова А. П."));
    let log = app.accounts.audit_log(0, 10_000).expect("audit log").items;
    let count = |action: &str| log.iter().filter(|e| e.action == action).count();
    assert!(count("view_private") >= 1);
    assert_eq!(count("publish"), 1);
    // The council report counts the publication in this quarter.
    add_user(
        &app,
        "coord@example.ru",
        "Координатор",
        &[Role::Coordinator],
    );
    let coord = sign_in(&app, "coord@example.ru").await;
    let (status, csv) = coord.get(&app, "/studio/council.csv").await;
    assert_eq!(status, 200);
    let quarter = letopis_store::accounts::quarter_of(jiff::Timestamp::now());
    let line = csv
        .lines()
        .find(|l| l.contains(&quarter))
        .expect("this quarter");
    let cells: Vec<&str> = line.split(',').collect();
    assert_eq!(cells[4], "1", "published: {line}");
    assert_eq!(cells[2], "2", "added: {line}");
    let (_, council) = coord.get(&app, "/studio/council").await;
    assert!(council.contains("Наполнение информационной базы интерактивного портала"));
    // Per roadmap activity: filling the base counts every record, whatever the group.
    let (status, csv) = coord.get(&app, "/studio/council.csv?by=activity").await;
    assert_eq!(status, 200);
    let line = csv
        .lines()
        .find(|l| l.contains(&quarter) && l.contains("Наполнение информационной базы"))
        .unwrap_or_else(|| panic!("the activity of filling the base: {csv}"));
    let cells: Vec<&str> = line.rsplitn(5, ',').collect();
    assert_eq!(
        cells[..4],
        ["0", "1", "2", "2"],
        "interviews, published, reviewed, added: {line}"
    );
    assert!(csv.starts_with("\u{feff}Квартал,Мероприятие дорожной карты,"));
    // Only an administrator links activities to directions.
    let r = coord
        .post(
            &app,
            "/studio/council/activities/1",
            &[("direction", "heroes")],
        )
        .await;
    assert_eq!(r.status(), 403);
}

#[tokio::test]
async fn restoring_a_revision_saves_it_as_a_new_one() {
    let app = spawn_app().await;
    add_user(&app, "ivan@example.ru", "Иван", &[Role::Volunteer]);
    let s = sign_in(&app, "ivan@example.ru").await;
    let id = create_person(&app, &s, &[("surname", "Ершов")]).await;
    let rec = format!("/studio/records/{id}");
    s.post(&app, &rec, &[("version", "1"), ("surname", "Ершев")])
        .await;
    let revisions = letopis_store::Store::history(
        &*app.store,
        letopis_core::history::Subject::Record(letopis_core::RecordId(id)),
    )
    .expect("history");
    let first = revisions[0].id;
    let r = s
        .post(&app, &format!("{rec}/history/{first}/restore"), &[])
        .await;
    assert_eq!(r.status(), 303);
    let stored = letopis_store::Store::get(&*app.store, letopis_core::RecordId(id))
        .expect("read")
        .expect("record");
    assert_eq!(stored.record.title(), "Ершов");
    assert_eq!(stored.record.meta.version, 3);
}

pub(crate) fn jpeg_with_gps() -> Vec<u8> {
    let img = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 3, y as u8 * 5, 120]));
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new(&mut plain)
        .encode_image(&img)
        .expect("jpeg");
    // An APP1 Exif segment right after SOI, as cameras write it, with a GPS marker inside.
    let payload = b"Exif\0\0MM\0*\0\0\0\x08GPSLatitude 55.8897 GPSLongitude 37.4439";
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(payload);
    out.extend_from_slice(&plain[2..]);
    out
}

pub(crate) async fn upload(
    app: &TestApp,
    s: &Session,
    name: &str,
    bytes: &[u8],
    chunk: usize,
) -> (u16, serde_json::Value) {
    let r = app
        .client
        .post(app.url("/studio/uploads"))
        .header("cookie", &s.cookie)
        .header("x-csrf-token", &s.csrf)
        .json(&serde_json::json!({ "name": name, "size": bytes.len() }))
        .send()
        .await
        .expect("create");
    let created: serde_json::Value = r.json().await.expect("json");
    let Some(id) = created["id"].as_str() else {
        return (422, created);
    };
    let mut offset = 0;
    loop {
        let end = (offset + chunk).min(bytes.len());
        let r = app
            .client
            .patch(app.url(&format!("/studio/uploads/{id}")))
            .header("cookie", &s.cookie)
            .header("x-csrf-token", &s.csrf)
            .header("upload-offset", offset.to_string())
            .body(bytes[offset..end].to_vec())
            .send()
            .await
            .expect("chunk");
        let status = r.status().as_u16();
        let json: serde_json::Value = r.json().await.expect("json");
        if status != 200 || json["done"] == true {
            return (status, json);
        }
        offset = json["offset"].as_u64().expect("offset") as usize;
    }
}

#[tokio::test]
async fn uploads_resume_strip_location_and_refuse_lies() {
    let app = spawn_app().await;
    add_user(&app, "ivan@example.ru", "Иван", &[Role::Volunteer]);
    let s = sign_in(&app, "ivan@example.ru").await;
    let photo = jpeg_with_gps();
    assert!(photo.windows(4).any(|w| w == b"Exif"));
    let (status, json) = upload(&app, &s, "портрет.jpg", &photo, 700).await;
    assert_eq!(status, 200, "{json}");
    let file = &json["file"];
    let web = file["sha256"].as_str().expect("web sha");
    assert_ne!(
        web,
        file["original"].as_str().expect("original"),
        "images are published as derivatives"
    );
    let dir = app.media_root.join(&web[0..2]).join(&web[2..4]).join(web);
    let derived = std::fs::read(dir).expect("derivative");
    assert!(
        !derived.windows(4).any(|w| w == b"Exif"),
        "no EXIF in the derivative"
    );
    assert!(!derived.windows(11).any(|w| w == b"GPSLatitude"));
    // The person form takes the uploaded photo as a portrait.
    let id = create_person(
        &app,
        &s,
        &[
            ("surname", "Ершов"),
            ("portrait", web),
            ("portrait_alt", "Портрет в форме"),
        ],
    )
    .await;
    let stored = letopis_store::Store::get(&*app.store, letopis_core::RecordId(id))
        .expect("read")
        .expect("record");
    let letopis_core::Body::Person(p) = stored.record.body else {
        panic!("person")
    };
    let portrait = p.portrait.expect("portrait");
    assert_eq!(portrait.sha256, web);
    assert_eq!(portrait.mime, "image/jpeg");
    // A chunk at the wrong offset is told where to go on from (a resumed upload).
    let r = app
        .client
        .post(app.url("/studio/uploads"))
        .header("cookie", &s.cookie)
        .header("x-csrf-token", &s.csrf)
        .json(&serde_json::json!({ "name": "b.jpg", "size": photo.len() }))
        .send()
        .await
        .expect("create");
    let upload_id = r.json::<serde_json::Value>().await.expect("json")["id"]
        .as_str()
        .expect("id")
        .to_string();
    let r = app
        .client
        .patch(app.url(&format!("/studio/uploads/{upload_id}")))
        .header("cookie", &s.cookie)
        .header("x-csrf-token", &s.csrf)
        .header("upload-offset", "100")
        .body(photo[100..200].to_vec())
        .send()
        .await
        .expect("chunk");
    assert_eq!(r.status(), 409);
    assert_eq!(
        r.headers()
            .get("upload-offset")
            .and_then(|v| v.to_str().ok()),
        Some("0")
    );
    let status: serde_json::Value = app
        .client
        .get(app.url(&format!("/studio/uploads/{upload_id}")))
        .header("cookie", &s.cookie)
        .send()
        .await
        .expect("status")
        .json()
        .await
        .expect("json");
    assert_eq!(status["offset"], 0);
    // A PNG named .pdf, an SVG and a path-like name are refused with a reason.
    let (status, json) = upload(&app, &s, "документ.pdf", &photo, 1 << 20).await;
    assert_eq!(status, 422);
    assert!(
        json["message"].as_str().expect("message").len() > 10,
        "{json}"
    );
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
    let (status, _) = upload(&app, &s, "рисунок.svg", svg, 1 << 20).await;
    assert_eq!(status, 422);
    let (status, json) = upload(&app, &s, "../../etc/passwd.jpg", &photo, 1 << 20).await;
    assert_eq!(status, 422);
    assert!(json["message"].as_str().expect("message").contains("путь"));
    // A decompression bomb: a tiny PNG that claims 30000×30000 pixels.
    let bomb = {
        let img = image::GrayImage::new(30000, 4000);
        let mut out = Vec::new();
        image::DynamicImage::ImageLuma8(img)
            .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
            .expect("png");
        out
    };
    let (status, json) = upload(&app, &s, "бомба.png", &bomb, 1 << 20).await;
    assert_eq!(status, 422, "{json}");
    assert!(
        json["message"]
            .as_str()
            .expect("message")
            .contains("слишком велико")
    );
}

fn audio_fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../media/tests/fixtures/audio")
        .join(name);
    std::fs::read(path).expect("audio fixture")
}

#[tokio::test]
async fn audio_uploads_are_probed_and_a_cut_one_is_refused_with_the_reason() {
    let app = spawn_app().await;
    add_user(&app, "ivan@example.ru", "Иван", &[Role::Volunteer]);
    let s = sign_in(&app, "ivan@example.ru").await;
    let (status, json) = upload(
        &app,
        &s,
        "песня.mp3",
        &audio_fixture("tone-vbr-id3.mp3"),
        1000,
    )
    .await;
    assert_eq!(status, 200, "{json}");
    let file = &json["file"];
    assert_eq!(file["mime"], "audio/mpeg");
    let ms = file["duration_ms"].as_u64().expect("duration");
    assert!(ms.abs_diff(1500) <= 40, "{ms}");
    assert_eq!(file["codec"], "MP3");
    assert_eq!(file["sample_rate"], 16_000);
    assert_eq!(file["channels"], 1);
    assert!(
        file["format"]
            .as_str()
            .is_some_and(|f| f.starts_with("аудиозапись MP3, ") && f.ends_with("16 кГц, моно")),
        "{json}"
    );
    let (status, json) = upload(&app, &s, "беседа.ogg", &audio_fixture("tone.opus"), 1 << 20).await;
    assert_eq!(status, 200, "{json}");
    assert_eq!(json["file"]["codec"], "Opus");
    let flac = audio_fixture("tone.flac");
    let (status, json) = upload(&app, &s, "обрывок.flac", &flac[..flac.len() / 3], 1 << 20).await;
    assert_eq!(status, 422, "{json}");
    let message = json["message"].as_str().expect("message");
    assert!(
        message.starts_with("Файл не читается как аудиозапись FLAC: файл обрезан"),
        "{message}"
    );
}

#[tokio::test]
async fn a_signed_in_editor_sees_drafts_through_the_same_gate() {
    let app = spawn_app().await;
    add_user(&app, "ivan@example.ru", "Иван", &[Role::Volunteer]);
    add_user(&app, "teacher@example.ru", "Учитель", &[Role::Teacher]);
    let s = sign_in(&app, "ivan@example.ru").await;
    let id = create_person(&app, &s, &[("surname", "Черновиков")]).await;
    let path = format!("/api/v1/persons/{id}");
    assert_eq!(app.get(&path).await.status(), 404, "anonymous");
    let (status, _) = s.get(&app, &path).await;
    assert_eq!(status, 200, "staff see drafts");
    let teacher = sign_in_or_forbidden(&app, "teacher@example.ru").await;
    let (status, _) = app.text_with(&path, &[("cookie", &teacher)]).await;
    assert_eq!(status, 404, "a registered reader does not");
    // Her studio is her lessons (issue #17); the base's editor refuses her.
    let (status, _) = app.text_with("/studio", &[("cookie", &teacher)]).await;
    assert_eq!(status, 303);
    let (status, _) = app
        .text_with("/studio/persons", &[("cookie", &teacher)])
        .await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn a_story_is_written_in_one_box_with_illustrations_quotes_and_fragments() {
    let app = spawn_app().await;
    add_user(
        &app,
        "teacher@example.ru",
        "Учитель Тамара",
        &[Role::Expert],
    );
    let s = sign_in(&app, "teacher@example.ru").await;
    let (status, form) = s.get(&app, "/studio/stories/new").await;
    assert_eq!(status, 200);
    assert!(form.contains("Текст рассказа") && form.contains("Иллюстрации к тексту"));
    let (status, json) = upload(&app, &s, "эшелон.jpg", &jpeg_with_gps(), 1 << 20).await;
    assert_eq!(status, 200, "{json}");
    let photo = json["file"]["sha256"].as_str().expect("sha").to_string();
    // A mistake is named by its line, and what was typed comes back.
    let typo = "## Эвакуация\n\n[иллюстрация 2]\n[интервью №7 0:14:05–0:12:30]";
    let r = s
        .post(
            &app,
            "/studio/stories/new",
            &[
                ("title", "Эшелон на восток"),
                ("blocks", typo),
                ("illustrations", &photo),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    assert!(
        page.contains("Строка 3: иллюстрации 2 нет: загружено 1"),
        "{page}"
    );
    assert!(page.contains("Строка 4: фрагмент должен заканчиваться позже"));
    assert!(
        page.contains("[интервью №7 0:14:05–0:12:30]"),
        "typed text kept"
    );
    let text = "## Эвакуация\n\nВ октябре 1941 года завод грузили в эшелоны.\nРаботали круглые сутки.\n\n\
                > Мы уходили ночью, мама несла узел.\n> — Мария Ивановна <b>Ершова</b>\n\n\
                [иллюстрация 1]\n\n[запись №1]";
    let r = s
        .post(
            &app,
            "/studio/stories/new",
            &[
                ("title", "Эшелон на восток"),
                ("blocks", text),
                ("illustrations", &photo),
                ("illustrations_alt", "Эшелон на станции Химки"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let id: i64 = location(&r)
        .trim_start_matches("/studio/records/")
        .split('?')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("id");
    let stored = letopis_store::Store::get(&*app.store, letopis_core::RecordId(id))
        .expect("read")
        .expect("record");
    let letopis_core::Body::Story(story) = stored.record.body else {
        panic!("story")
    };
    use letopis_core::entities::Block;
    assert_eq!(story.blocks.len(), 5, "{:#?}", story.blocks);
    assert!(matches!(&story.blocks[0], Block::Heading { text } if text == "Эвакуация"));
    assert!(
        matches!(&story.blocks[1], Block::Text { text } if text.ends_with("Работали круглые сутки."))
    );
    assert!(
        matches!(&story.blocks[2], Block::Quote { attribution, .. } if attribution == "Мария Ивановна <b>Ершова</b>")
    );
    assert!(
        matches!(&story.blocks[3], Block::Image { media, .. } if media.sha256 == photo && media.alt.as_deref() == Some("Эшелон на станции Химки"))
    );
    // The editor shows the story as it was written, markup in a name as text.
    let (_, page) = s.get(&app, &format!("/studio/records/{id}")).await;
    let shown = between(&page, "name=\"blocks\"", "</textarea>").expect("the text box");
    assert!(
        shown.contains("&#62; — Мария Ивановна &#60;b&#62;Ершова&#60;/b&#62;"),
        "{shown}"
    );
    assert!(page.contains("[иллюстрация 1]"));
    assert!(page.contains(&format!("value=\"{photo}\"")));
}

#[tokio::test]
async fn an_administrator_links_roadmap_activities_to_directions() {
    let app = spawn_app().await;
    add_user(&app, "admin@example.ru", "Админ", &[Role::Admin]);
    let admin = sign_in(&app, "admin@example.ru").await;
    let (_, council) = admin.get(&app, "/studio/council").await;
    // The seed links the activities the roadmap's wording names: veterans → Living voices.
    assert!(council.contains("Направления: Живые голоса."), "{council}");
    // An activity no direction carries says so instead of an empty line.
    assert!(
        council.contains(
            "Направления: пока не назначены (без них работа по мероприятию не считается)."
        ),
        "{council}"
    );
    // A department's closing quote survives the annex's own (issue #16).
    assert!(
        council.contains("МКУ «Управление информационной политики»."),
        "{council}"
    );
    // The directions' form (each activity also has its standing's form, `…/progress`).
    let activity = council
        .split("action=\"/studio/council/activities/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .find(|id| !id.contains('/'))
        .expect("a link form")
        .to_string();
    let r = admin
        .post(
            &app,
            &format!("/studio/council/activities/{activity}"),
            &[("direction", "documents"), ("direction", "<script>")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, council) = admin.get(&app, "/studio/council").await;
    assert!(council.contains("Направления: Документы и фотографии."));
    let r = admin
        .post(
            &app,
            "/studio/council/activities/999999",
            &[("direction", "heroes")],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("Такого мероприятия нет")
    );
    let (_, audit) = admin.get(&app, "/studio/audit").await;
    assert!(audit.contains("дорожная карта"));
}

#[tokio::test]
async fn moderators_enter_memorial_database_numbers_line_by_line() {
    let app = spawn_app().await;
    add_user(&app, "exp@example.ru", "Эксперт", &[Role::Expert]);
    let s = sign_in(&app, "exp@example.ru").await;
    let r = s
        .post(
            &app,
            "/studio/persons/new",
            &[
                ("surname", "Лукьянов"),
                ("given_name", "Гавриил"),
                ("memorial_refs", "Мемориал 56789012\nпросто текст"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    assert!(page.contains("Номера в базах, строка 2"), "{page}");
    assert!(page.contains("просто текст"), "what was typed stays");
    let id = create_person(
        &app,
        &s,
        &[
            ("surname", "Лукьянов"),
            ("given_name", "Гавриил"),
            ("death", "1942-03"),
            ("fate", "killed"),
            (
                "memorial_refs",
                "ОБД Мемориал: 56789012\nПамять народа 1234567",
            ),
        ],
    )
    .await;
    let stored = letopis_store::Store::get(&*app.store, letopis_core::RecordId(id))
        .expect("read")
        .expect("record");
    let letopis_core::Body::Person(p) = &stored.record.body else {
        panic!("person")
    };
    assert_eq!(p.memorial_refs.len(), 2);
    assert_eq!(p.memorial_refs[0].record, "56789012");
    let (_, form) = s.get(&app, &format!("/studio/records/{id}")).await;
    assert!(form.contains("Мемориал 56789012\nПамять народа 1234567"));
}
