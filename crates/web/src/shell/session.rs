//! Sessions: the cookie, finding the signed-in person, and limiting wrong passwords.

use super::auth::token_hash;
use crate::App;
use axum::extract::ConnectInfo;
use axum::http::request::Parts;
use letopis_core::Viewer;
use letopis_store::accounts::User;
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const SESSION_COOKIE: &str = "letopis_session";
/// A signed-in session lasts a working day and a bit; then the person signs in again.
pub const SESSION_SECONDS: i64 = 12 * 60 * 60;

/// The session found for a request, kept in the request's extensions so that the viewer and
/// the studio page ask the database once.
#[derive(Debug, Clone)]
pub struct FoundSession {
    pub user: User,
    pub csrf: String,
    pub token_hash: String,
}

impl FoundSession {
    pub fn viewer(&self) -> Viewer {
        self.user
            .roles
            .viewer(self.user.id, self.user.groups.clone())
    }
}

#[derive(Debug, Clone)]
struct Looked(Option<FoundSession>);

pub fn now_seconds() -> i64 {
    jiff::Timestamp::now().as_second()
}

/// The signed-in person of this request, if the session cookie names a live session.
pub async fn current_session(parts: &mut Parts, app: &App) -> Option<FoundSession> {
    if let Some(Looked(found)) = parts.extensions.get::<Looked>() {
        return found.clone();
    }
    let token = crate::prefs::cookie(&parts.headers, SESSION_COOKIE)?;
    // A token is 64 hex digits; anything else is not worth a database query.
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let hash = token_hash(token);
    let lookup = hash.clone();
    let found = app
        .accounts_call(move |a| a.session(&lookup, now_seconds()))
        .await
        .ok()
        .flatten()
        .map(|s| FoundSession {
            user: s.user,
            csrf: s.csrf,
            token_hash: hash,
        });
    parts.extensions.insert(Looked(found.clone()));
    found
}

/// The `Set-Cookie` value that starts a session. `Secure` when the site is served over HTTPS
/// (its public URL says so), so that a test or a first local run over plain HTTP still works.
pub fn session_cookie(app: &App, token: &str) -> String {
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={SESSION_SECONDS}{}",
        secure_flag(app)
    )
}

pub fn clear_cookie(app: &App) -> String {
    format!(
        "{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        secure_flag(app)
    )
}

fn secure_flag(app: &App) -> &'static str {
    match &app.config().public_url {
        Some(url) if url.starts_with("https://") => "; Secure",
        _ => "",
    }
}

/// The client's address as the connection shows it. Behind a reverse proxy every client has
/// the proxy's address; the failure limit then applies to all together, which errs on the safe
/// side (forwarded headers are the client's to write and are not trusted).
pub fn client_ip(parts: &Parts) -> Option<String> {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string())
}

/// Wrong passwords per client address within a window: past the limit, sign-in from that
/// address is refused until the window ends. Together with the per-account lockout this stops
/// guessing both one account's password and many accounts' common passwords.
pub struct FailureLimiter {
    failures: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

pub const MAX_FAILURES_PER_ADDRESS: u32 = 20;
pub const FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);
/// Wrong passwords in a row that lock an account, and for how long.
pub const MAX_FAILURES_PER_ACCOUNT: u32 = 5;
pub const LOCKOUT_SECONDS: i64 = 15 * 60;

impl Default for FailureLimiter {
    fn default() -> Self {
        FailureLimiter {
            failures: Mutex::new(HashMap::new()),
        }
    }
}

impl FailureLimiter {
    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<IpAddr, (Instant, u32)>> {
        // Plain counters: a panic elsewhere cannot leave them inconsistent.
        self.failures.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn blocked(&self, ip: Option<&str>) -> bool {
        let Some(ip) = ip.and_then(|i| i.parse::<IpAddr>().ok()) else {
            return false;
        };
        let map = self.map();
        map.get(&ip).is_some_and(|(since, n)| {
            since.elapsed() < FAILURE_WINDOW && *n >= MAX_FAILURES_PER_ADDRESS
        })
    }

    pub fn failed(&self, ip: Option<&str>) {
        let Some(ip) = ip.and_then(|i| i.parse::<IpAddr>().ok()) else {
            return;
        };
        let mut map = self.map();
        // Forget old windows so the map cannot grow without bound.
        if map.len() > 10_000 {
            map.retain(|_, (since, _)| since.elapsed() < FAILURE_WINDOW);
        }
        let entry = map.entry(ip).or_insert((Instant::now(), 0));
        if entry.0.elapsed() >= FAILURE_WINDOW {
            *entry = (Instant::now(), 0);
        }
        entry.1 += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_blocked_after_too_many_failures() {
        let limiter = FailureLimiter::default();
        let ip = Some("192.0.2.7");
        for _ in 0..MAX_FAILURES_PER_ADDRESS - 1 {
            limiter.failed(ip);
        }
        assert!(!limiter.blocked(ip));
        limiter.failed(ip);
        assert!(limiter.blocked(ip));
        assert!(!limiter.blocked(Some("192.0.2.8")));
    }
}
