//! Issue #15's findings from trying to break in, each kept fixed: sign-out for everyone who can
//! sign in, `private, no-store` for pages rendered for a session, HSTS behind https.

use crate::studio::{add_user, between, sign_in_or_forbidden, try_sign_in};
use crate::support::{spawn_app, spawn_app_with};
use letopis_core::account::Role;

#[tokio::test]
async fn a_teacher_signs_out_from_any_public_page() {
    let app = spawn_app().await;
    add_user(
        &app,
        "teacher@example.ru",
        "Учитель Ольга",
        &[Role::Teacher],
    );
    let cookie = sign_in_or_forbidden(&app, "teacher@example.ru").await;
    let (status, home) = app.text_with("/", &[("cookie", &cookie)]).await;
    assert_eq!(status, 200);
    assert!(home.contains("Вы вошли: Учитель Ольга"), "{home}");
    let csrf = between(&home, "name=\"csrf\" value=\"", "\"").expect("the sign-out form");
    // A forged form (no token of this session) ends nothing.
    let r = app
        .client
        .post(app.url("/studio/sign-out"))
        .header("cookie", &cookie)
        .form(&[("csrf", "forged")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 403);
    let r = app
        .client
        .post(app.url("/studio/sign-out"))
        .header("cookie", &cookie)
        .form(&[("csrf", csrf)])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303, "a teacher may sign out");
    let (_, home) = app.text_with("/", &[("cookie", &cookie)]).await;
    assert!(!home.contains("Вы вошли"), "the session is over");
}

#[tokio::test]
async fn pages_for_a_session_are_private_and_not_stored() {
    let app = spawn_app().await;
    add_user(&app, "editor@example.ru", "Редактор", &[Role::Expert]);
    let cookie = sign_in_or_forbidden(&app, "editor@example.ru").await;
    for path in ["/", "/persons", "/studio"] {
        let r = app
            .client
            .get(app.url(path))
            .header("cookie", &cookie)
            .send()
            .await
            .expect("get");
        assert_eq!(
            r.headers()["cache-control"],
            "private, no-store",
            "{path} for a session"
        );
    }
    let r = app.get("/persons").await;
    assert_ne!(r.headers()["cache-control"], "private, no-store");
    assert!(r.headers().get("strict-transport-security").is_none());
}

#[tokio::test]
async fn https_portals_send_hsts() {
    let app = spawn_app_with(|config, _| {
        config.public_url = Some("https://letopis.example.ru".into());
    })
    .await;
    let r = app.get("/").await;
    let hsts = r.headers()["strict-transport-security"].to_str().unwrap();
    assert!(hsts.starts_with("max-age="), "{hsts}");
}

#[tokio::test]
async fn the_lockout_comes_alike_for_addresses_with_and_without_an_account() {
    let app = spawn_app().await;
    add_user(&app, "ivan@example.ru", "Иван", &[Role::Volunteer]);
    let mut pages = Vec::new();
    for address in ["ivan@example.ru", "nobody@example.ru"] {
        for _ in 0..5 {
            let r = try_sign_in(&app, address, "не тот пароль").await;
            assert_eq!(r.status(), 401);
        }
        let r = try_sign_in(&app, address, "не тот пароль").await;
        let page = r.text().await.expect("body");
        assert!(page.contains("временно заблокирован"), "{address}: {page}");
        pages.push(page.replace(address, ""));
    }
    let tail = |p: &str| p[p.find("<main").unwrap_or(0)..].to_string();
    let (a, b) = (tail(&pages[0]), tail(&pages[1]));
    // The pages differ only by their one-time form token.
    let token = |p: &str| {
        between(p, "name=\"form_token\" value=\"", "\"")
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(a.replace(&token(&a), ""), b.replace(&token(&b), ""));
}

#[tokio::test]
async fn the_studio_offers_a_restore_only_to_those_who_may_restore() {
    use letopis_core::entities::{Body, Place};
    use letopis_store::{Draft, Op};
    let app = spawn_app().await;
    add_user(&app, "vera@example.ru", "Вера", &[Role::Volunteer]);
    add_user(&app, "boris@example.ru", "Борис", &[Role::Expert]);
    let body = |name: &str| {
        Body::Place(Place {
            name: name.into(),
            district: "Сходня".into(),
            ..Place::default()
        })
    };
    let seeded = app.create(Draft::published(body("Станция Сходня")));
    let version = app
        .store
        .get(seeded.id)
        .unwrap()
        .unwrap()
        .record
        .meta
        .version;
    app.store
        .apply(
            &letopis_core::history::Actor::system("test"),
            vec![Op::Update {
                id: seeded.id,
                expected_version: Some(version),
                body: body("Станция Сходня (1943)"),
                settings: Default::default(),
            }],
            letopis_core::today(),
        )
        .expect("second revision");
    let history = format!("/studio/records/{}/history", seeded.id);
    // A volunteer may not edit a published record, so is not shown the button…
    let vera = crate::studio::sign_in(&app, "vera@example.ru").await;
    let (status, page) = vera.get(&app, &history).await;
    assert_eq!(status, 200);
    assert!(!page.contains("Восстановить эту версию"), "{page}");
    // …while an expert, who may, is.
    let boris = crate::studio::sign_in(&app, "boris@example.ru").await;
    let (_, page) = boris.get(&app, &history).await;
    assert!(page.contains("Восстановить эту версию"), "{page}");
}
