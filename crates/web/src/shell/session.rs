//! Sessions: the cookie, finding the signed-in person, and limiting wrong passwords.

use super::auth::token_hash;
use crate::App;
use crate::shell::error::AppError;
use axum::extract::ConnectInfo;
use axum::http::request::Parts;
use jiff::Timestamp;
use letopis_core::Viewer;
use letopis_store::accounts::User;
use letopis_store::{Accounts, StoreError};
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

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
    let token = crate::shell::prefs::cookie(&parts.headers, SESSION_COOKIE)?;
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
///
/// The failures are counted in the store ([`Accounts::note_attempt`]), not in this process:
/// every server over the same base counts them together, and a restart forgets nothing. The
/// window slides: an address is refused while it has the limit's number of failures within the
/// last [`FAILURE_WINDOW`].
pub struct FailureLimiter;

pub const MAX_FAILURES_PER_ADDRESS: u64 = 20;
pub const FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);
/// Wrong passwords in a row that lock an account, and for how long.
pub const MAX_FAILURES_PER_ACCOUNT: u32 = 5;
pub const LOCKOUT_SECONDS: i64 = 15 * 60;
/// The store's name for this limit's attempts.
const SCOPE: &str = "sign_in";

impl FailureLimiter {
    /// The address as counted: only a real address (behind no connection information there is
    /// nothing to count by), written in its canonical form.
    fn key(ip: Option<&str>) -> Option<String> {
        ip.and_then(|i| i.parse::<IpAddr>().ok())
            .map(|ip| ip.to_string())
    }

    fn window_start(now: Timestamp) -> Timestamp {
        now - FAILURE_WINDOW
    }

    /// Whether this address has had too many failures within the window.
    pub fn blocked(
        accounts: &dyn Accounts,
        ip: Option<&str>,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let Some(key) = Self::key(ip) else {
            return Ok(false);
        };
        let n = accounts.attempts_since(SCOPE, &key, Self::window_start(now))?;
        Ok(n >= MAX_FAILURES_PER_ADDRESS)
    }

    /// Counts a failure from this address, and forgets failures older than the window (of every
    /// address), so the table cannot grow without bound.
    pub fn failed(
        accounts: &dyn Accounts,
        ip: Option<&str>,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let Some(key) = Self::key(ip) else {
            return Ok(());
        };
        accounts.note_attempt(SCOPE, &key, now)?;
        accounts.forget_attempts(SCOPE, Self::window_start(now))?;
        Ok(())
    }
}

/// Wrong passwords per e-mail address (hashed), known or not: the lockout an account gets after
/// [`MAX_FAILURES_PER_ACCOUNT`] wrong passwords, given alike to addresses without an account so
/// that the lockout message does not tell which addresses have one.
pub struct AddressLock;

const ADDRESS_SCOPE: &str = "sign_in_account";

impl AddressLock {
    fn since(now: Timestamp) -> Timestamp {
        now - Duration::from_secs(LOCKOUT_SECONDS.unsigned_abs())
    }

    pub fn locked(
        accounts: &dyn Accounts,
        address: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let n = accounts.attempts_since(ADDRESS_SCOPE, address, Self::since(now))?;
        Ok(n >= u64::from(MAX_FAILURES_PER_ACCOUNT))
    }

    pub fn failed(
        accounts: &dyn Accounts,
        address: &str,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        accounts.note_attempt(ADDRESS_SCOPE, address, now)?;
        accounts.forget_attempts(ADDRESS_SCOPE, Self::since(now))?;
        Ok(())
    }
}

/// Password-reset requests, counted apart from wrong passwords so that asking for letters never
/// locks anyone out of signing in: per client address (a flood of letters to many people) and
/// per e-mail address (a flood of letters to one person), each within [`RESET_WINDOW`].
pub struct ResetLimiter;

pub const RESETS_PER_ADDRESS: u64 = 10;
pub const RESETS_PER_ACCOUNT: u64 = 3;
pub const RESET_WINDOW: Duration = Duration::from_secs(60 * 60);
const RESET_SCOPE: &str = "reset";
const RESET_ACCOUNT_SCOPE: &str = "reset_account";

impl ResetLimiter {
    /// Counts one request from `ip` for the e-mail address hashed as `account`, and answers
    /// whether a letter may go. Both counts are kept whatever the answer, and whether or not the
    /// address has an account, so the work done is the same either way.
    pub fn allow(
        accounts: &dyn Accounts,
        ip: Option<&str>,
        account: Option<&str>,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let since = now - RESET_WINDOW;
        let mut allowed = true;
        if let Some(key) = FailureLimiter::key(ip) {
            accounts.note_attempt(RESET_SCOPE, &key, now)?;
            allowed &= accounts.attempts_since(RESET_SCOPE, &key, since)? <= RESETS_PER_ADDRESS;
            accounts.forget_attempts(RESET_SCOPE, since)?;
        }
        if let Some(key) = account {
            accounts.note_attempt(RESET_ACCOUNT_SCOPE, key, now)?;
            allowed &=
                accounts.attempts_since(RESET_ACCOUNT_SCOPE, key, since)? <= RESETS_PER_ACCOUNT;
            accounts.forget_attempts(RESET_ACCOUNT_SCOPE, since)?;
        }
        Ok(allowed)
    }
}

impl App {
    /// [`FailureLimiter::blocked`] on the blocking pool.
    pub(crate) async fn address_blocked(&self, ip: Option<String>) -> Result<bool, AppError> {
        self.accounts_call(move |a| FailureLimiter::blocked(a, ip.as_deref(), Timestamp::now()))
            .await
    }

    /// [`FailureLimiter::failed`] on the blocking pool.
    pub(crate) async fn address_failed(&self, ip: Option<String>) -> Result<(), AppError> {
        self.accounts_call(move |a| FailureLimiter::failed(a, ip.as_deref(), Timestamp::now()))
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use letopis_store::sqlite::SqliteStore;

    #[test]
    fn an_address_is_blocked_after_too_many_failures() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let store = SqliteStore::open(dir.path().join("letopis.db")).expect("store");
        let now = Timestamp::now();
        let ip = Some("192.0.2.7");
        for _ in 0..MAX_FAILURES_PER_ADDRESS - 1 {
            FailureLimiter::failed(&store, ip, now).unwrap();
        }
        assert!(!FailureLimiter::blocked(&store, ip, now).unwrap());
        FailureLimiter::failed(&store, ip, now).unwrap();
        assert!(FailureLimiter::blocked(&store, ip, now).unwrap());
        assert!(!FailureLimiter::blocked(&store, Some("192.0.2.8"), now).unwrap());
        assert!(
            !FailureLimiter::blocked(&store, None, now).unwrap(),
            "no address, nothing to count by"
        );
        // Once the window has passed the address may try again, and the old failures are
        // forgotten with the next one counted.
        let later = now + FAILURE_WINDOW + Duration::from_secs(1);
        assert!(!FailureLimiter::blocked(&store, ip, later).unwrap());
        FailureLimiter::failed(&store, Some("192.0.2.9"), later).unwrap();
        assert_eq!(
            store
                .attempts_since(SCOPE, "192.0.2.7", now - FAILURE_WINDOW)
                .unwrap(),
            0
        );
    }
}
