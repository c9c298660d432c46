//! Signing in and out, password reset, and setting a password from an invitation.
//!
//! The forms shown before sign-in carry a token that must match a cookie set with the form
//! (double submit), so another site cannot sign a browser into an account of its choosing.

use super::{render, see_other};
use crate::App;
use crate::shell::auth::{self, random_token, token_hash};
use crate::shell::base_url::link_base;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use crate::shell::mail::{Letter, MailError, Sent};
use crate::shell::session::{
    self, LOCKOUT_SECONDS, MAX_FAILURES_PER_ACCOUNT, SESSION_SECONDS, now_seconds,
};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use letopis_core::account::{Email, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, check_new_password};
use letopis_store::accounts::{NewAudit, TokenPurpose};
use serde::Deserialize;

const FORM_COOKIE: &str = "letopis_form";
/// How long a password-reset link works.
pub const RESET_SECONDS: i64 = 60 * 60;
/// How long an invitation works.
pub const INVITE_SECONDS: i64 = 7 * 24 * 60 * 60;

// The pages before sign-in have no `Staff`: their language is the request's (`?lang=`, then
// the cookie, then Russian), read by `tr_of`. Each page carries it as `t`.

#[derive(Template)]
#[template(path = "studio/sign_in.html")]
struct SignInPage {
    t: Tr,
    title: String,
    form_token: String,
    next: String,
    email: String,
    error: String,
    notice: String,
}

#[derive(Template)]
#[template(path = "studio/reset.html")]
struct ResetPage {
    t: Tr,
    title: String,
    form_token: String,
    sent: bool,
    /// Why the letter did not go; empty otherwise.
    error: String,
}

#[derive(Template)]
#[template(path = "studio/set_password.html")]
struct SetPasswordPage {
    t: Tr,
    title: String,
    form_token: String,
    email: String,
    error: String,
}

impl SignInPage {
    fn asset(&self, path: &str) -> String {
        crate::shell::assets::url(path)
    }
}
impl ResetPage {
    fn asset(&self, path: &str) -> String {
        crate::shell::assets::url(path)
    }
}
impl SetPasswordPage {
    fn asset(&self, path: &str) -> String {
        crate::shell::assets::url(path)
    }
}

/// The language of a request without a session.
fn tr_of(parts: &Parts) -> Tr {
    crate::shell::prefs::Prefs::read(&parts.uri, &parts.headers).tr()
}

/// Renders an anonymous form with a fresh double-submit token.
fn with_form_cookie(page: Response, token: &str) -> Response {
    let mut page = page;
    let cookie = format!("{FORM_COOKIE}={token}; Path=/studio; HttpOnly; SameSite=Strict");
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        page.headers_mut().append(header::SET_COOKIE, v);
    }
    page
}

fn check_form_token(headers: &HeaderMap, sent: &str) -> Result<(), AppError> {
    match crate::shell::prefs::cookie(headers, FORM_COOKIE) {
        Some(cookie) if !sent.is_empty() && auth::same_secret(cookie, sent) => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

fn fresh_token() -> Result<String, AppError> {
    random_token().map_err(|e| {
        tracing::error!(error = %e, "no randomness");
        AppError::Internal
    })
}

/// Where to go after signing in: only a studio address of this site.
fn safe_next(next: &str) -> String {
    let ok = next.starts_with("/studio")
        && !next.contains("//")
        && !next.contains('\\')
        && next.chars().all(|c| !c.is_control());
    if ok {
        next.to_string()
    } else {
        "/studio".into()
    }
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct NextQuery {
    next: String,
    done: String,
}

pub async fn form(
    State(app): State<App>,
    Query(q): Query<NextQuery>,
    mut parts: Parts,
) -> Result<Response, AppError> {
    app.accounts()?;
    if session::current_session(&mut parts, &app).await.is_some() {
        return Ok(Redirect::to(&safe_next(&q.next)).into_response());
    }
    let token = fresh_token()?;
    let t = tr_of(&parts);
    let notice = match q.done.as_str() {
        "password" => t.msg("studio-admin-signin-password-saved"),
        "signed-out" => t.msg("studio-admin-signin-signed-out"),
        _ => String::new(),
    };
    let page = render(&SignInPage {
        t,
        title: t.msg("studio-admin-signin-title"),
        form_token: token.clone(),
        next: safe_next(&q.next),
        email: String::new(),
        error: String::new(),
        notice,
    })?;
    Ok(with_form_cookie(page, &token))
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct SignInForm {
    email: String,
    password: String,
    next: String,
    form_token: String,
}

pub async fn submit(
    State(app): State<App>,
    parts: Parts,
    Form(f): Form<SignInForm>,
) -> Result<Response, AppError> {
    check_form_token(&parts.headers, &f.form_token)?;
    let ip = session::client_ip(&parts);
    let t = tr_of(&parts);
    let again = |error: &str| -> Result<Response, AppError> {
        let token = fresh_token()?;
        let mut page = render(&SignInPage {
            t,
            title: t.msg("studio-admin-signin-title"),
            form_token: token.clone(),
            next: safe_next(&f.next),
            email: f.email.chars().take(254).collect(),
            error: error.into(),
            notice: String::new(),
        })?;
        *page.status_mut() = axum::http::StatusCode::UNAUTHORIZED;
        Ok(with_form_cookie(page, &token))
    };
    let wrong = t.msg("studio-admin-signin-wrong");
    if app.address_blocked(ip.clone()).await? {
        let mut page = again(&t.msg("studio-admin-signin-too-many"))?;
        *page.status_mut() = axum::http::StatusCode::TOO_MANY_REQUESTS;
        return Ok(page);
    }
    let Ok(email) = Email::parse(&f.email) else {
        return again(&t.msg("studio-admin-signin-email"));
    };
    let password = f.password.clone();
    // Wrong passwords are also counted per e-mail address, whether or not it has an account, so
    // that «временно заблокирован» comes after as many tries for an address nobody has as for a
    // staff member's: the lockout tells no one which accounts exist.
    let address = token_hash(&email.to_string().to_lowercase());
    let counted = address.clone();
    if app
        .accounts_call(move |a| session::AddressLock::locked(a, &counted, jiff::Timestamp::now()))
        .await?
    {
        // Still a failed try from this client address: it counts towards the address's limit.
        app.address_failed(ip.clone()).await?;
        return again(&t.args(
            "studio-admin-signin-locked",
            &[("minutes", (LOCKOUT_SECONDS / 60).to_string().into())],
        ));
    }
    let lookup = email.clone();
    let user = app.accounts_call(move |a| a.user_by_email(&lookup)).await?;
    let now = now_seconds();
    let note_failure = |app: &App, address: String| {
        let app = app.clone();
        async move {
            app.accounts_call(move |a| {
                session::AddressLock::failed(a, &address, jiff::Timestamp::now())
            })
            .await
        }
    };
    let Some(user) = user.filter(|u| !u.disabled) else {
        tokio::task::spawn_blocking(move || auth::verify_nothing(&password))
            .await
            .map_err(|_| AppError::Internal)?;
        app.address_failed(ip.clone()).await?;
        note_failure(&app, address).await?;
        app.audit(NewAudit {
            actor: email.to_string(),
            action: "sign_in_failed".into(),
            detail: "нет такого участника".into(),
            ip: ip.clone(),
            ..NewAudit::default()
        })
        .await;
        return again(&wrong);
    };
    if let Some(until) = user.locked_until.filter(|u| *u > now) {
        let minutes = (until - now + 59) / 60;
        return again(&t.args(
            "studio-admin-signin-locked",
            &[("minutes", minutes.to_string().into())],
        ));
    }
    let id = user.id;
    let hash = app.accounts_call(move |a| a.password_hash(id)).await?;
    let ok = tokio::task::spawn_blocking(move || {
        hash.as_deref()
            .is_some_and(|h| auth::verify_password(&password, h))
    })
    .await
    .map_err(|_| AppError::Internal)?;
    if !ok {
        app.address_failed(ip.clone()).await?;
        note_failure(&app, address).await?;
        let failures = app.accounts_call(move |a| a.sign_in_failed(id)).await?;
        let locked = failures >= MAX_FAILURES_PER_ACCOUNT;
        if locked {
            app.accounts_call(move |a| a.lock_until(id, now + LOCKOUT_SECONDS))
                .await?;
        }
        app.audit(NewAudit {
            actor_user: Some(id),
            actor: user.display_name.clone(),
            action: "sign_in_failed".into(),
            detail: if locked {
                "неверный пароль; вход заблокирован на 15 минут".into()
            } else {
                "неверный пароль".into()
            },
            ip: ip.clone(),
            ..NewAudit::default()
        })
        .await;
        return again(&wrong);
    }
    let token = fresh_token()?;
    let csrf = fresh_token()?;
    let hash = token_hash(&token);
    app.accounts_call(move |a| {
        a.sign_in_succeeded(id)?;
        a.create_session(&hash, id, &csrf, now, now + SESSION_SECONDS)
    })
    .await?;
    app.audit(NewAudit {
        actor_user: Some(id),
        actor: user.display_name.clone(),
        action: "sign_in".into(),
        ip,
        ..NewAudit::default()
    })
    .await;
    let mut response = see_other(&safe_next(&f.next));
    if let Ok(v) = HeaderValue::from_str(&session::session_cookie(&app, &token)) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(response)
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct CsrfForm {
    csrf: String,
}

/// Ends the session of whoever is signed in — staff, a teacher, a resident with an account:
/// everyone who can sign in on a shared computer must be able to sign out of it. Without a
/// session there is nothing to end, and the sign-in page says so the same way.
pub async fn sign_out(
    State(app): State<App>,
    mut parts: Parts,
    Form(f): Form<CsrfForm>,
) -> Result<Response, AppError> {
    if let Some(found) = crate::shell::session::current_session(&mut parts, &app).await {
        if !auth::same_secret(&f.csrf, &found.csrf) {
            return Err(AppError::Forbidden);
        }
        let hash = found.token_hash.clone();
        app.accounts_call(move |a| a.end_session(&hash)).await?;
        app.audit(NewAudit {
            actor_user: Some(found.user.id),
            actor: found.user.display_name.clone(),
            action: "sign_out".into(),
            ip: session::client_ip(&parts),
            ..NewAudit::default()
        })
        .await;
    }
    let mut response = see_other("/studio/sign-in?done=signed-out");
    if let Ok(v) = HeaderValue::from_str(&session::clear_cookie(&app)) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(response)
}

pub async fn reset_form(State(app): State<App>, parts: Parts) -> Result<Response, AppError> {
    app.accounts()?;
    let t = tr_of(&parts);
    let token = fresh_token()?;
    let page = render(&ResetPage {
        t,
        title: t.msg("studio-admin-reset-title"),
        form_token: token.clone(),
        sent: false,
        error: String::new(),
    })?;
    Ok(with_form_cookie(page, &token))
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct ResetForm {
    email: String,
    form_token: String,
}

/// Always answers the same way and in the same time, whether or not the address has an account
/// and whether or not its letter could be sent: the answer must not tell which staff accounts
/// exist. The account is looked up and the letter sent after the answer has gone; a letter that
/// did not go is in the log and the audit log, for an administrator to send a link by hand.
///
/// Reset requests are counted apart from wrong passwords (they lock no one out of signing in):
/// past [`session::RESETS_PER_ADDRESS`] from one client address or [`session::RESETS_PER_ACCOUNT`]
/// for one e-mail address an hour, no more letters go — and the answer is still the same.
pub async fn reset_submit(
    State(app): State<App>,
    parts: Parts,
    Form(f): Form<ResetForm>,
) -> Result<Response, AppError> {
    check_form_token(&parts.headers, &f.form_token)?;
    let t = tr_of(&parts);
    let ip = session::client_ip(&parts);
    let email = Email::parse(&f.email).ok();
    let key = email
        .as_ref()
        .map(|e| token_hash(&e.to_string().to_lowercase()));
    let counted_ip = ip.clone();
    let allowed = app
        .accounts_call(move |a| {
            session::ResetLimiter::allow(
                a,
                counted_ip.as_deref(),
                key.as_deref(),
                jiff::Timestamp::now(),
            )
        })
        .await?;
    if allowed && let Some(email) = email {
        let (app, base) = (app.clone(), link_base(&app, &parts));
        tokio::spawn(async move {
            if let Err(e) = mail_reset(&app, email, &base, ip).await {
                tracing::error!(error = %e, "a password reset could not be prepared");
            }
        });
    }
    render(&ResetPage {
        t,
        title: t.msg("studio-admin-reset-title"),
        form_token: String::new(),
        sent: true,
        error: String::new(),
    })
}

/// The reset letter, when the address has a working account.
async fn mail_reset(
    app: &App,
    email: Email,
    base: &str,
    ip: Option<String>,
) -> Result<(), AppError> {
    let user = app.accounts_call(move |a| a.user_by_email(&email)).await?;
    let Some(user) = user.filter(|u| !u.disabled) else {
        return Ok(());
    };
    let mailed = send_link(app, &user, TokenPurpose::Reset, base).await?;
    if let Err(e) = &mailed.mail {
        tracing::error!(error = %e, user = %user.id, "the password reset letter was not sent");
    }
    app.audit(NewAudit {
        actor_user: Some(user.id),
        actor: user.display_name.clone(),
        action: "password_reset_requested".into(),
        detail: mailed
            .mail
            .as_ref()
            .err()
            .map(|e| format!("письмо не отправлено: {e}"))
            .unwrap_or_default(),
        ip,
        ..NewAudit::default()
    })
    .await;
    Ok(())
}

/// A one-time link and what became of the letter that carries it.
pub struct Mailed {
    pub link: String,
    pub mail: Result<Sent, MailError>,
}

/// Creates a one-time link for `user` and mails it. A letter that did not go is not an error
/// here: the link exists either way, and the caller decides what the person is told.
pub async fn send_link(
    app: &App,
    user: &letopis_store::accounts::User,
    purpose: TokenPurpose,
    base: &str,
) -> Result<Mailed, AppError> {
    let token = fresh_token()?;
    let hash = token_hash(&token);
    let id = user.id;
    let seconds = match purpose {
        TokenPurpose::Invite => INVITE_SECONDS,
        TokenPurpose::Reset => RESET_SECONDS,
    };
    app.accounts_call(move |a| a.create_token(&hash, id, purpose, now_seconds() + seconds))
        .await?;
    let link = format!("{base}/studio/set-password/{token}");
    let letter = letter_for(user, purpose, &link, &app.config().site_name);
    let mail = app.send_letter(letter).await?;
    Ok(Mailed { link, mail })
}

/// The invitation or reset letter. The person's language is not stored, so letters are in the
/// museum's language, Russian.
pub fn letter_for(
    user: &letopis_store::accounts::User,
    purpose: TokenPurpose,
    link: &str,
    site: &str,
) -> Letter {
    let (subject, body) = match purpose {
        TokenPurpose::Invite => (
            format!("Приглашение в студию «{site}»"),
            format!(
                "Здравствуйте, {name}!\n\nВас пригласили в студию портала «{site}» ({roles}).\n\
                 Чтобы задать пароль и войти, откройте ссылку (она действует 7 дней и работает один раз):\n\n{link}\n\n\
                 Если вы не ждали этого письма, просто удалите его.\n",
                name = user.display_name,
                roles = user.roles.labels_ru(),
            ),
        ),
        TokenPurpose::Reset => (
            format!("Восстановление пароля в студии «{site}»"),
            format!(
                "Здравствуйте, {name}!\n\nЧтобы задать новый пароль, откройте ссылку (она действует час и работает один раз):\n\n{link}\n\n\
                 Если вы не просили сменить пароль, ничего не делайте: старый пароль продолжает действовать.\n",
                name = user.display_name,
            ),
        ),
    };
    Letter {
        to: user.email.to_string(),
        subject,
        body,
    }
}

/// The person a set-password link is for, if the link is still good.
async fn link_user(
    app: &App,
    token: &str,
) -> Result<Option<letopis_store::accounts::User>, AppError> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let hash = token_hash(token);
    app.accounts_call(move |a| {
        let now = now_seconds();
        let id = match a.peek_token(&hash, TokenPurpose::Invite, now)? {
            Some(id) => Some(id),
            None => a.peek_token(&hash, TokenPurpose::Reset, now)?,
        };
        match id {
            Some(id) => a.user(id),
            None => Ok(None),
        }
    })
    .await
}

/// Why core refused a new password, in the page's language. Core words its refusals in Russian
/// only; the same three rules are told apart here by the same limits.
fn password_problem(t: &Tr, password: &str) -> String {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        t.args(
            "studio-admin-password-short",
            &[("min", MIN_PASSWORD_CHARS.to_string().into())],
        )
    } else if n > MAX_PASSWORD_CHARS {
        t.args(
            "studio-admin-password-long",
            &[("max", MAX_PASSWORD_CHARS.to_string().into())],
        )
    } else {
        t.msg("studio-admin-password-is-email")
    }
}

fn expired_link() -> AppError {
    AppError::BadRequest(crate::shell::i18n::Message::new("error-studio-link"))
}

pub async fn set_password_form(
    State(app): State<App>,
    Path(token): Path<String>,
    parts: Parts,
) -> Result<Response, AppError> {
    let user = link_user(&app, &token).await?.ok_or_else(expired_link)?;
    let t = tr_of(&parts);
    let form_token = fresh_token()?;
    let page = render(&SetPasswordPage {
        t,
        title: t.msg("studio-admin-password-title"),
        form_token: form_token.clone(),
        email: user.email.to_string(),
        error: String::new(),
    })?;
    Ok(with_form_cookie(page, &form_token))
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct SetPasswordForm {
    password: String,
    repeat: String,
    form_token: String,
}

pub async fn set_password_submit(
    State(app): State<App>,
    Path(token): Path<String>,
    parts: Parts,
    Form(f): Form<SetPasswordForm>,
) -> Result<Response, AppError> {
    check_form_token(&parts.headers, &f.form_token)?;
    let user = link_user(&app, &token).await?.ok_or_else(expired_link)?;
    let t = tr_of(&parts);
    let problem = if f.password != f.repeat {
        Some(t.msg("studio-admin-password-mismatch"))
    } else {
        check_new_password(&f.password, &user.email)
            .err()
            .map(|_| password_problem(&t, &f.password))
    };
    if let Some(error) = problem {
        let form_token = fresh_token()?;
        let mut page = render(&SetPasswordPage {
            t,
            title: t.msg("studio-admin-password-title"),
            form_token: form_token.clone(),
            email: user.email.to_string(),
            error,
        })?;
        *page.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(with_form_cookie(page, &form_token));
    }
    let password = f.password.clone();
    let hash = tokio::task::spawn_blocking(move || auth::hash_password(&password))
        .await
        .map_err(|_| AppError::Internal)?
        .map_err(|e| {
            tracing::error!(error = %e, "hashing a password failed");
            AppError::Internal
        })?;
    let token_h = token_hash(&token);
    let id = user.id;
    let used = app
        .accounts_call(move |a| {
            let now = now_seconds();
            let taken = match a.take_token(&token_h, TokenPurpose::Invite, now)? {
                Some(u) => Some(u),
                None => a.take_token(&token_h, TokenPurpose::Reset, now)?,
            };
            if taken == Some(id) {
                a.set_password(id, &hash)?;
                // A new password ends every session: whoever knew the old one is out.
                a.end_sessions_of(id)?;
            }
            Ok(taken == Some(id))
        })
        .await?;
    if !used {
        return Err(expired_link());
    }
    app.audit(NewAudit {
        actor_user: Some(id),
        actor: user.display_name.clone(),
        action: "password_set".into(),
        ip: session::client_ip(&parts),
        ..NewAudit::default()
    })
    .await;
    Ok(see_other("/studio/sign-in?done=password"))
}
