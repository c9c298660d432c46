//! Real-browser checks of Letopis's public pages.
//!
//! A test starts a [`Session`]: the real server in-process on `127.0.0.1:0` over a seeded
//! museum ([`fixture`]) — in SQLite, or in PostgreSQL with its originals in S3 under
//! `LETOPIS_TEST_DEPLOYMENT=postgres+s3` ([`deployment`]) — and a headless Chromium driven by
//! its own ChromeDriver ([`driver`]).
//! The audits ([`a11y`], [`html`], [`requests`]) return findings as readable lines; a test
//! asserts there are none.
//!
//! ```no_run
//! use letopis_browser_tests::{PageType, Session, assert_clean};
//!
//! # async fn demo() -> anyhow::Result<()> {
//! let Some(s) = Session::start().await? else { return Ok(()) }; // LETOPIS_SKIP_BROWSER=1
//! s.browser.goto(&s.site.page(PageType::Home)).await?;
//! let title = s.browser.client.title().await?;
//! assert!(title.contains("Летопись"));
//! // Effects that take time: poll a script until it returns true.
//! s.browser
//!     .wait_until("the page to settle", "return document.readyState === 'complete'",
//!                 std::time::Duration::from_secs(5))
//!     .await?;
//! // Another version of the pages, chosen through the portal's own switch.
//! letopis_browser_tests::Variant::English.choose(&s.browser, &s.site.base).await?;
//! s.close().await;
//! # Ok(()) }
//! ```
//!
//! Behaviour tests act as a visitor does: `browser.click(css)` (scrolls the element into view
//! instantly, then clicks it where it is), `browser.find(css)` for typing, and
//! `browser.wait_until_explained(what, script, explain, timeout)`, which on a timeout also prints
//! what the page's state script says (see `tests/browser/player.rs`).
//!
//! Missing Chromium, ChromeDriver, Java or the checker jar fail the test with how to install
//! them; `LETOPIS_SKIP_BROWSER=1` is the only way to skip, and CI never sets it.

pub mod a11y;
pub mod deployment;
pub mod driver;
pub mod fixture;
pub mod html;
pub mod requests;
pub mod site;
pub mod tools;
pub mod variant;

pub use deployment::{Deployment, TestStore};
pub use driver::Browser;
pub use fixture::{PageType, Pages};
pub use site::Site;
pub use variant::Variant;

use anyhow::Result;

/// A seeded site and a browser for one test. Dropping it closes the browser, then the server.
pub struct Session {
    pub browser: Browser,
    pub site: Site,
}

impl Session {
    /// Starts both, or returns `None` (after printing "skipped") under `LETOPIS_SKIP_BROWSER=1`.
    pub async fn start() -> Result<Option<Session>> {
        if skip_announced() {
            return Ok(None);
        }
        let site = Site::start()?;
        let browser = Browser::start().await?;
        Ok(Some(Session { browser, site }))
    }

    /// Like [`Session::start`], over a site with the demo's base maps.
    pub async fn start_with_maps() -> Result<Option<Session>> {
        if skip_announced() {
            return Ok(None);
        }
        let site = Site::start_with_maps()?;
        let browser = Browser::start().await?;
        Ok(Some(Session { browser, site }))
    }

    /// Closes the browser politely, then stops the server.
    pub async fn close(self) {
        let Session { browser, site } = self;
        browser.close().await;
        drop(site);
    }
}

/// Whether to skip, saying so on the test's output when it does.
pub fn skip_announced() -> bool {
    let skip = tools::skipped();
    if skip {
        let test = std::thread::current()
            .name()
            .unwrap_or("browser test")
            .to_owned();
        println!("skipped: {test} ({}=1)", tools::SKIP_ENV);
    }
    skip
}

/// Fails with every finding listed, headed by what was audited.
#[track_caller]
pub fn assert_clean(what: &str, findings: &[String]) {
    assert!(
        findings.is_empty(),
        "{what}: {} finding(s)\n{}",
        findings.len(),
        findings.join("\n")
    );
}
