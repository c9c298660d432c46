//! Letters through a real SMTP server: aiosmtpd (Debian's `python3-aiosmtpd`, installed by
//! `tools/install-test-tools.sh`) on 127.0.0.1, run by `smtp_server.py` beside this file, which
//! decodes every letter it accepts with Python's own e-mail parser.

use super::{PASSWORD, add_user, between, set_cookie, sign_in};
use crate::support::{TestApp, spawn_app_with};
use letopis_core::account::Role;
use letopis_web::studio::mail::{Letter, MailError, MailRoute, Mailer, Security, SmtpSettings};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running aiosmtpd, stopped when dropped.
struct SmtpServer {
    child: Child,
    port: u16,
    inbox: tempfile::TempDir,
}

/// The interpreter that has aiosmtpd: Debian's, or whichever `python3` comes first.
fn python() -> &'static str {
    ["/usr/bin/python3", "python3"]
        .into_iter()
        .find(|python| {
            Command::new(python)
                .args(["-c", "import aiosmtpd"])
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
        .expect("no python3 with aiosmtpd: run tools/install-test-tools.sh (python3-aiosmtpd)")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

impl SmtpServer {
    fn start(extra: &[&str]) -> SmtpServer {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/web/studio/smtp_server.py");
        let inbox = tempfile::tempdir().expect("inbox");
        let port = free_port();
        let mut child = Command::new(python())
            .arg(&script)
            .arg(inbox.path())
            .arg(port.to_string())
            .args(extra)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start aiosmtpd");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("read from the SMTP server");
        assert_eq!(line.trim(), "ready", "the SMTP server did not start");
        SmtpServer { child, port, inbox }
    }

    /// The letters accepted so far, waiting a little for the first one to be written.
    fn letters(&self) -> Vec<serde_json::Value> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let mut files: Vec<PathBuf> = std::fs::read_dir(self.inbox.path())
                .expect("inbox")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect();
            if !files.is_empty() || Instant::now() > deadline {
                files.sort();
                return files
                    .iter()
                    .map(|p| {
                        serde_json::from_str(&std::fs::read_to_string(p).expect("letter"))
                            .expect("JSON letter")
                    })
                    .collect();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn route(port: u16, security: Security, extra: impl FnOnce(&mut SmtpSettings)) -> MailRoute {
    let mut settings = SmtpSettings {
        host: "127.0.0.1".into(),
        port: Some(port),
        security,
        from: "Летопись <letopis@muzey.example.ru>".into(),
        ..SmtpSettings::default()
    };
    extra(&mut settings);
    MailRoute::smtp(settings).expect("SMTP settings")
}

async fn spawn_with_mail(route: MailRoute) -> TestApp {
    spawn_app_with(move |config, _| config.studio.mail = route).await
}

async fn invite_olga(app: &TestApp) -> reqwest::Response {
    add_user(app, "admin@example.ru", "Админ", &[Role::Admin]);
    let admin = sign_in(app, "admin@example.ru").await;
    admin
        .post(
            app,
            "/studio/users/invite",
            &[
                ("email", "Olga@Example.ru"),
                ("name", "Ольга"),
                ("role", "volunteer"),
            ],
        )
        .await
}

fn no_mail_files(app: &TestApp) -> bool {
    !app.media_root
        .parent()
        .expect("data dir")
        .join("mail")
        .exists()
}

#[tokio::test]
async fn an_invitation_goes_through_smtp_with_a_russian_subject_and_the_link() {
    let server = SmtpServer::start(&[]);
    let app = spawn_with_mail(route(server.port, Security::None, |_| {})).await;
    let r = invite_olga(&app).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let letters = tokio::task::spawn_blocking(move || server.letters())
        .await
        .expect("letters");
    assert_eq!(letters.len(), 1, "{letters:?}");
    let letter = &letters[0];
    assert_eq!(letter["rcpt_tos"], serde_json::json!(["olga@example.ru"]));
    assert_eq!(letter["to"], "olga@example.ru");
    assert_eq!(letter["mail_from"], "letopis@muzey.example.ru");
    assert_eq!(letter["from"], "Летопись <letopis@muzey.example.ru>");
    assert_eq!(letter["subject"], "Приглашение в студию «Летопись»");
    let body = letter["body"].as_str().expect("body");
    assert!(body.contains("Здравствуйте, Ольга!"), "{body}");
    let link = body
        .lines()
        .find(|l| l.contains("/studio/set-password/"))
        .expect("the link in the body")
        .trim();
    let path = &link[link.find("/studio/").expect("path")..];
    assert_eq!(app.get(path).await.status(), 200, "the mailed link works");
    assert!(no_mail_files(&app), "with SMTP no .eml file is written");
}

#[tokio::test]
async fn when_the_server_is_down_the_invitation_says_why_and_shows_the_link() {
    let app = spawn_with_mail(route(free_port(), Security::None, |_| {})).await;
    let r = invite_olga(&app).await;
    assert_eq!(r.status(), 502);
    let html = r.text().await.expect("body");
    assert!(
        html.contains("Участник olga@example.ru добавлен, но письмо с приглашением не отправлено"),
        "{html}"
    );
    assert!(html.contains("не удалось соединиться с сервером"), "{html}");
    let link = between(&html, "id=\"invite-link\" value=\"", "\"").expect("the link is shown");
    let path = &link[link.find("/studio/").expect("path")..];
    let form = app.get(path).await;
    assert_eq!(form.status(), 200, "the shown link works");
    // The person can set a password with it, so nothing is lost.
    let cookie = set_cookie(&form, "letopis_form").expect("form cookie");
    let page = form.text().await.expect("body");
    let token = between(&page, "name=\"form_token\" value=\"", "\"").expect("token");
    let set = app
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
    assert_eq!(set.status(), 303);
    assert!(
        no_mail_files(&app),
        "a failed SMTP letter is not a file either"
    );
    let admin = sign_in(&app, "admin@example.ru").await;
    let (_, audit) = admin.get(&app, "/studio/audit").await;
    assert!(audit.contains("письмо не отправлено"), "{audit}");
}

#[tokio::test]
async fn a_reset_answers_alike_for_every_address_and_a_lost_letter_is_in_the_audit_log() {
    let app = spawn_with_mail(route(free_port(), Security::None, |_| {})).await;
    add_user(&app, "ivan@example.ru", "Иван", &[Role::Volunteer]);
    let ask = |address: &'static str| {
        let app = &app;
        async move {
            let form = app.get("/studio/reset").await;
            let cookie = set_cookie(&form, "letopis_form").expect("form cookie");
            let html = form.text().await.expect("body");
            let token = between(&html, "name=\"form_token\" value=\"", "\"")
                .expect("token")
                .to_string();
            let r = app
                .client
                .post(app.url("/studio/reset"))
                .header("cookie", &cookie)
                .form(&[("email", address), ("form_token", &token)])
                .send()
                .await
                .expect("post");
            (r.status().as_u16(), r.text().await.expect("body"))
        }
    };
    // An account whose letter cannot go (the mail server is down) and no account at all get
    // the very same answer: the page tells nobody which staff addresses exist.
    let (known, known_page) = ask("ivan@example.ru").await;
    let (unknown, unknown_page) = ask("nobody@example.ru").await;
    assert_eq!((known, unknown), (200, 200));
    let strip = |p: &str| {
        p.replace("ivan@example.ru", "")
            .replace("nobody@example.ru", "")
    };
    assert_eq!(strip(&known_page), strip(&unknown_page));
    // The lost letter is the administrator's to know, in the audit log.
    let mut logged = false;
    for _ in 0..100 {
        let log = app.accounts.audit_log(0, 100).expect("audit log");
        logged = log.items.iter().any(|e| {
            e.action == "password_reset_requested" && e.detail.contains("письмо не отправлено")
        });
        if logged {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(logged, "the failed letter is audited");
}

#[tokio::test]
async fn reset_requests_never_lock_anyone_out_of_signing_in() {
    let app = spawn_with_mail(route(free_port(), Security::None, |_| {})).await;
    add_user(&app, "ivan@example.ru", "Иван", &[Role::Volunteer]);
    // Far more requests from one address than any limit allows…
    for _ in 0..30 {
        let form = app.get("/studio/reset").await;
        let cookie = set_cookie(&form, "letopis_form").expect("form cookie");
        let html = form.text().await.expect("body");
        let token = between(&html, "name=\"form_token\" value=\"", "\"").expect("token");
        let r = app
            .client
            .post(app.url("/studio/reset"))
            .header("cookie", &cookie)
            .form(&[("email", "someone@example.ru"), ("form_token", token)])
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), 200, "the same answer, limited or not");
    }
    // …and signing in from it still works.
    sign_in(&app, "ivan@example.ru").await;
}

fn self_signed() -> (String, String) {
    let cert = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()]).expect("cert");
    (cert.cert.pem(), cert.signing_key.serialize_pem())
}

fn letter() -> Letter {
    Letter {
        to: "ivan@example.ru".into(),
        subject: "Восстановление пароля".into(),
        body: "Ссылка: http://127.0.0.1:8080/studio/set-password/abc\n".into(),
    }
}

/// A self-signed certificate for 127.0.0.1 in `dir`: its PEM, and the server's arguments
/// `CERT KEY`.
fn certificate_in(dir: &Path) -> (String, [String; 2]) {
    let (cert, key) = self_signed();
    let cert_path = dir.join("cert.pem");
    let key_path = dir.join("key.pem");
    std::fs::write(&cert_path, &cert).expect("cert");
    std::fs::write(&key_path, &key).expect("key");
    let arg = |p: PathBuf| p.to_str().expect("path").to_string();
    (cert, [arg(cert_path), arg(key_path)])
}

#[test]
fn smtps_from_the_first_byte_delivers() {
    let dir = tempfile::tempdir().expect("dir");
    let (cert, [cert_file, key_file]) = certificate_in(dir.path());
    let server = SmtpServer::start(&["--smtps", &cert_file, &key_file]);
    let mailer = Mailer::new(
        route(server.port, Security::Tls, |s| {
            s.ca_pem = Some(cert.into_bytes())
        }),
        dir.path().join("mail"),
    );
    mailer.send(&letter()).expect("sent over SMTPS");
    let letters = server.letters();
    assert_eq!(letters.len(), 1);
    assert_eq!(letters[0]["tls"], true);
    assert_eq!(letters[0]["to"], "ivan@example.ru");
}

#[test]
fn starttls_with_a_login_delivers_and_a_wrong_password_is_explained() {
    let dir = tempfile::tempdir().expect("dir");
    let (cert, [cert_file, key_file]) = certificate_in(dir.path());
    let server = SmtpServer::start(&[
        "--tls",
        &cert_file,
        &key_file,
        "--login",
        "letopis",
        "верный-пароль",
    ]);
    let login = |password: &str| {
        let cert = cert.clone();
        let password = password.to_string();
        route(server.port, Security::StartTls, move |s| {
            s.ca_pem = Some(cert.into_bytes());
            s.username = Some("letopis".into());
            s.password = Some(password);
        })
    };
    let mailer = Mailer::new(login("верный-пароль"), dir.path().join("mail"));
    mailer.send(&letter()).expect("sent over STARTTLS");
    let letters = server.letters();
    assert_eq!(letters.len(), 1);
    assert_eq!(letters[0]["tls"], true);
    assert_eq!(letters[0]["authenticated"], true);
    assert_eq!(letters[0]["subject"], "Восстановление пароля");
    assert!(
        letters[0]["body"]
            .as_str()
            .is_some_and(|b| b.contains("/studio/set-password/abc"))
    );

    let wrong = Mailer::new(login("неверный"), dir.path().join("mail"));
    let e = wrong.send(&letter()).expect_err("refused");
    assert!(matches!(e, MailError::Smtp { .. }));
    assert!(
        e.to_string()
            .contains("сервер не принял имя пользователя или пароль"),
        "{e}"
    );

    // Without the museum's certificate authority the server is not trusted.
    let untrusted = Mailer::new(
        route(server.port, Security::StartTls, |s| {
            s.username = Some("letopis".into());
            s.password = Some("верный-пароль".into());
        }),
        dir.path().join("mail"),
    );
    let e = untrusted.send(&letter()).expect_err("untrusted");
    assert!(
        e.to_string().contains("сертификат, которому нет доверия"),
        "{e}"
    );
    assert_eq!(
        server.letters().len(),
        1,
        "no letter over an untrusted line"
    );
}
