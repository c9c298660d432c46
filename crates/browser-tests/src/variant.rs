//! The versions of every page a visitor can choose: Russian (the default), English, and the
//! version for the visually impaired (ГОСТ Р 52872-2019). Each is chosen the way a visitor
//! chooses it, through the portal's own switch, so the audits follow the portal's mechanism.

use crate::driver::Browser;
use anyhow::{Context, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    Russian,
    English,
    LowVision,
}

impl Variant {
    pub const ALL: [Variant; 3] = [Variant::Russian, Variant::English, Variant::LowVision];

    pub fn name(self) -> &'static str {
        match self {
            Variant::Russian => "ru",
            Variant::English => "en",
            Variant::LowVision => "low-vision",
        }
    }

    /// The switch a visitor follows to choose this version (it sets a cookie and redirects).
    pub fn switch_path(self) -> Option<&'static str> {
        match self {
            Variant::Russian => None,
            Variant::English => Some("/lang/en?back=/"),
            Variant::LowVision => Some("/low-vision?back=/"),
        }
    }

    /// Chooses this version in the browser for the rest of the session.
    pub async fn choose(self, browser: &Browser, base: &str) -> Result<()> {
        let Some(path) = self.switch_path() else {
            return Ok(());
        };
        browser.goto(&format!("{base}{path}")).await?;
        // The switch must have worked, or every audit after it would check the wrong version.
        let html = browser
            .js(
                "const h = document.documentElement; return [h.lang, h.className];",
                vec![],
            )
            .await?;
        let (lang, classes) = (
            html[0].as_str().unwrap_or(""),
            html[1].as_str().unwrap_or(""),
        );
        let chosen = match self {
            Variant::Russian => lang == "ru",
            Variant::English => lang == "en",
            Variant::LowVision => classes.split_whitespace().any(|c| c == "lv"),
        };
        anyhow::ensure!(
            chosen,
            "after {path} the page is not in the {} version (<html lang=\"{lang}\" class=\"{classes}\">)",
            self.name()
        );
        Ok(())
    }

    /// The `Cookie` header value the switch sets, for plain HTTP clients.
    pub async fn cookie(self, http: &reqwest::Client, base: &str) -> Result<Option<String>> {
        let Some(path) = self.switch_path() else {
            return Ok(None);
        };
        let response = http
            .get(format!("{base}{path}"))
            .send()
            .await
            .with_context(|| format!("GET {path}"))?;
        let cookies = crate::site::set_cookies(&response);
        anyhow::ensure!(
            !cookies.is_empty(),
            "{path} set no cookie; the {} version cannot be chosen",
            self.name()
        );
        Ok(Some(cookies.join("; ")))
    }
}
