//! ChromeDriver as a child process and a headless Chromium session over WebDriver.
//!
//! ChromeDriver runs in its own process group; dropping [`ChromeDriver`] kills the whole group
//! (ChromeDriver, Chromium and Chromium's helpers) and reaps ChromeDriver, so a failed or
//! panicking test leaves no browser behind. The test process makes itself a child subreaper so
//! that Chromium's helpers, orphaned by the kill, are reparented to it and reaped here rather
//! than left as zombies under an init that may not reap them.

use crate::tools;
use anyhow::{Context, Result, anyhow, bail, ensure};
use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

const DRIVER_READY_TIMEOUT: Duration = Duration::from_secs(20);
/// Page loads and scripts are local, so anything slower than this is a hang, not a slow page.
const PAGE_LOAD_TIMEOUT: Duration = Duration::from_secs(30);
const SCRIPT_TIMEOUT: Duration = Duration::from_secs(30);

/// Flags that keep headless Chromium quiet and off the network (rust.md: without them it tries
/// Google hosts at every start). No sandbox: CI runs as root.
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--metrics-recording-only",
    "--no-default-browser-check",
    "--password-store=basic",
    "--hide-scrollbars",
    "--mute-audio",
    "--disable-breakpad",
    "--autoplay-policy=no-user-gesture-required",
];

/// The default window, a typical laptop; tests resize it when they need to.
pub const WINDOW: (u32, u32) = (1280, 900);

/// A running `chromedriver`, killed with its browsers when dropped.
pub struct ChromeDriver {
    child: Child,
    pub url: String,
    log: std::path::PathBuf,
}

impl ChromeDriver {
    /// Starts ChromeDriver on a free loopback port and waits until it reports ready.
    pub async fn start(dir: &Path) -> Result<ChromeDriver> {
        let exe = tools::chromedriver()?;
        become_subreaper();
        let port = free_port()?;
        let log = dir.join("chromedriver.log");
        let mut command = Command::new(&exe);
        command
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log.display()))
            .arg("--log-level=WARNING")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0);
        let child = command
            .spawn()
            .with_context(|| format!("starting {}", exe.display()))?;
        let mut driver = ChromeDriver {
            child,
            url: format!("http://127.0.0.1:{port}"),
            log,
        };
        driver.wait_ready().await?;
        Ok(driver)
    }

    async fn wait_ready(&mut self) -> Result<()> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(2))
            .build()?;
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait()? {
                bail!(
                    "chromedriver exited at start ({status}); its log:\n{}",
                    self.log_tail()
                );
            }
            let ready = http.get(format!("{}/status", self.url)).send().await;
            if let Ok(response) = ready {
                let body: Value = response.json().await.unwrap_or(Value::Null);
                if body["value"]["ready"] == true {
                    return Ok(());
                }
            }
            if started.elapsed() > DRIVER_READY_TIMEOUT {
                bail!(
                    "chromedriver did not become ready within {DRIVER_READY_TIMEOUT:?}; its log:\n{}",
                    self.log_tail()
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The last lines ChromeDriver logged, for error messages.
    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        // The group id is ChromeDriver's pid (process_group(0)); Chromium inherits the group.
        let Ok(pgid) = libc::pid_t::try_from(self.child.id()) else {
            let _ = self.child.kill();
            let _ = self.child.wait();
            return;
        };
        // SAFETY: kill(2) with a negative pid signals a process group; no memory is touched.
        unsafe {
            libc::kill(-pgid, libc::SIGKILL);
        }
        let _ = self.child.wait();
        reap_group(pgid);
        reap_dead_crashpad_handlers();
    }
}

/// Chromium's crash handler starts its own session, so the group kill misses it; it exits by
/// itself once its browser is gone. Reaps those that already did (only dead ones: a live handler
/// may belong to another test's browser).
fn reap_dead_crashpad_handlers() {
    let me = std::process::id().to_string();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return;
    };
    for entry in entries.flatten() {
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // pid (comm) state ppid ...
        let Some((head, rest)) = stat.rsplit_once(") ") else {
            continue;
        };
        let mut fields = rest.split_whitespace();
        let (state, ppid) = (fields.next(), fields.next());
        let ours = head.contains("(chrome_crashpad") && state == Some("Z") && ppid == Some(&me);
        let pid = entry.file_name().to_string_lossy().parse::<libc::pid_t>();
        if let (true, Ok(pid)) = (ours, pid) {
            // SAFETY: waitpid on a specific dead child with a null status pointer.
            unsafe {
                libc::waitpid(pid, std::ptr::null_mut(), libc::WNOHANG);
            }
        }
    }
}

/// Reaps the killed group's processes that were reparented to this (subreaper) process, waiting
/// at most a few seconds. `waitpid(-pgid)` only touches this group, never another test's child.
fn reap_group(pgid: libc::pid_t) {
    let deadline = Instant::now() + Duration::from_secs(3);
    while Instant::now() < deadline {
        // SAFETY: waitpid with a null status pointer writes nothing.
        let reaped = unsafe { libc::waitpid(-pgid, std::ptr::null_mut(), libc::WNOHANG) };
        match reaped {
            0 => std::thread::sleep(Duration::from_millis(20)), // some are still dying
            pid if pid > 0 => continue,
            _ => return, // ECHILD: none of the group is ours any more
        }
    }
}

/// Orphaned descendants (Chromium's zygotes, say) become this process's children, so they can
/// be reaped; without this they would be reparented to init.
fn become_subreaper() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: PR_SET_CHILD_SUBREAPER takes a plain integer flag.
        unsafe {
            libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
        }
    });
}

fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").context("finding a free port")?;
    Ok(listener.local_addr()?.port())
}

/// A headless Chromium, driven over WebDriver, with its own fresh profile.
pub struct Browser {
    pub client: Client,
    // Field order matters: the client goes first, then the driver (killing Chromium), then the
    // profile directory.
    driver: ChromeDriver,
    _dir: TempDir,
}

impl Browser {
    pub async fn start() -> Result<Browser> {
        let chromium = tools::chromium()?;
        let dir = tempfile::Builder::new()
            .prefix("letopis-chromium-")
            .tempdir()
            .context("creating a Chromium profile directory")?;
        let driver = ChromeDriver::start(dir.path()).await?;
        let profile = dir.path().join("profile");
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|s| s.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        args.push(format!("--window-size={},{}", WINDOW.0, WINDOW.1));
        let caps: Capabilities = serde_json::from_value(json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": args,
            },
            "goog:loggingPrefs": { "performance": "ALL", "browser": "ALL" },
            "timeouts": {
                "pageLoad": PAGE_LOAD_TIMEOUT.as_millis(),
                "script": SCRIPT_TIMEOUT.as_millis(),
                "implicit": 0,
            },
        }))?;
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = tokio::time::timeout(
            Duration::from_secs(60),
            ClientBuilder::new(connector)
                .capabilities(caps)
                .connect(&driver.url),
        )
        .await
        .map_err(|_| {
            anyhow!(
                "Chromium did not start within 60 s; chromedriver log:\n{}",
                driver.log_tail()
            )
        })?
        .map_err(|e| {
            anyhow!(
                "Chromium ({}) would not start a session: {e}; chromedriver log:\n{}",
                chromium.display(),
                driver.log_tail()
            )
        })?;
        Ok(Browser {
            client,
            driver,
            _dir: dir,
        })
    }

    /// Opens `url` and waits for the load event and for its stylesheets to apply.
    pub async fn goto(&self, url: &str) -> Result<()> {
        self.client
            .goto(url)
            .await
            .with_context(|| format!("opening {url}"))?;
        self.styled(url).await
    }

    /// Waits until every `<link rel=stylesheet>` of the page has its sheet. A CI run once
    /// measured a page's "usual look" with no stylesheet applied at all (black 16 px on
    /// transparent), right after the driver said the page had loaded; so a test never reads a
    /// page before its styles. When a sheet is still missing, the server is asked for it: a
    /// sheet it serves means the browser dropped it, and the page is loaded once more; a sheet it
    /// does not serve is a failure naming the address and status.
    async fn styled(&self, url: &str) -> Result<()> {
        const STYLED: &str = "return document.readyState === 'complete' \
            && [...document.querySelectorAll('link[rel=stylesheet]')].every(l => l.sheet);";
        const MISSING: &str = "const done = arguments[arguments.length - 1];\
            const links = [...document.querySelectorAll('link[rel=stylesheet]')]\
                .filter(l => !l.sheet).map(l => l.href);\
            Promise.all(links.map(href => fetch(href, { cache: 'no-store' })\
                .then(r => ({ href, status: r.status, type: r.headers.get('content-type') }))\
                .catch(e => ({ href, status: 0, error: String(e) }))))\
            .then(done);";
        let patience = Duration::from_secs(10);
        if self
            .wait_until("the stylesheets", STYLED, patience)
            .await
            .is_ok()
        {
            return Ok(());
        }
        let missing = self.js_async(MISSING, vec![]).await?;
        let served = missing.as_array().is_some_and(|sheets| {
            sheets.iter().all(|s| {
                s["status"] == 200
                    && s["type"]
                        .as_str()
                        .is_some_and(|t| t.starts_with("text/css"))
            })
        });
        ensure!(
            served,
            "{url}: the server did not serve the page's stylesheets: {missing}"
        );
        eprintln!("{url}: the browser applied no sheet of {missing} although served; reloading");
        self.client.refresh().await?;
        self.wait_until("the stylesheets after a reload", STYLED, patience)
            .await
            .with_context(|| format!("{url}: stylesheets {missing} never applied"))
    }

    /// Runs a synchronous script (its `return` value comes back as JSON).
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        self.client
            .execute(script, args)
            .await
            .map_err(|e| anyhow!("script failed: {e}\n--- script:\n{}", first_lines(script)))
    }

    /// Runs a script whose last argument is a callback it must call with its result.
    pub async fn js_async(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        self.client.execute_async(script, args).await.map_err(|e| {
            anyhow!(
                "async script failed: {e}\n--- script:\n{}",
                first_lines(script)
            )
        })
    }

    /// Polls a script (an expression's body, e.g. `return player.currentTime > 2`) until it
    /// returns `true`, failing with `what` after `timeout`: for effects that take time (a player
    /// moving the transcript's highlight, a map drawing its markers).
    pub async fn wait_until(&self, what: &str, script: &str, timeout: Duration) -> Result<()> {
        let started = Instant::now();
        loop {
            if self.js(script, vec![]).await? == Value::Bool(true) {
                return Ok(());
            }
            if started.elapsed() > timeout {
                bail!(
                    "waited {timeout:?} for {what}; still not true: {}",
                    first_lines(script)
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Like [`Browser::wait_until`], but a timeout also reports what `explain` (a script
    /// returning JSON: the player's state, the markers on the map) says, so a failure shows what
    /// the page did instead.
    pub async fn wait_until_explained(
        &self,
        what: &str,
        script: &str,
        explain: &str,
        timeout: Duration,
    ) -> Result<()> {
        if let Err(e) = self.wait_until(what, script, timeout).await {
            let state = match self.js(explain, vec![]).await {
                Ok(v) => v.to_string(),
                Err(err) => format!("(could not read the page's state: {err})"),
            };
            bail!("{e}\n--- the page's state: {state}");
        }
        Ok(())
    }

    /// The first element matching the CSS selector, failing with the selector when none does.
    pub async fn find(&self, css: &str) -> Result<fantoccini::elements::Element> {
        match self.client.find(fantoccini::Locator::Css(css)).await {
            Ok(element) => Ok(element),
            Err(e) => bail!("no element matches `{css}` on {}: {e}", self.here().await),
        }
    }

    /// Clicks the first element matching `css` the way a visitor would: scrolled to the middle
    /// of the view first, then clicked where it is, failing if something covers it.
    ///
    /// The scroll is instant on purpose: the pages scroll smoothly (`scroll-behavior: smooth`
    /// unless the visitor prefers reduced motion), and ChromeDriver's own scroll-into-view
    /// would then click where the element was before the animation, not where it ends up.
    ///
    /// A smooth scroll the page itself began (to a fragment, to a field it focused) can still
    /// be moving the page after the instant one, and once carried a button out of the view
    /// between the scroll and the click (CI, «not clickable at point (128, -46)»). So the click
    /// waits until the element stands still in the view, and an element moved away between
    /// that and the click is scrolled to and clicked again (three times at most).
    pub async fn click(&self, css: &str) -> Result<()> {
        let element = self.find(css).await?;
        let mut attempt = 0;
        loop {
            attempt += 1;
            self.js(
                "arguments[0].scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });\
                 window.__clickTarget = arguments[0]; window.__clickTop = null;\
                 return true;",
                vec![serde_json::to_value(&element)?],
            )
            .await?;
            self.wait_until(
                &format!("`{css}` to stand still in the view"),
                "const el = window.__clickTarget;\
                 if (!el || !el.isConnected) return true;\
                 const r = el.getBoundingClientRect();\
                 const still = window.__clickTop === r.top;\
                 window.__clickTop = r.top;\
                 return still && r.bottom > 0 && r.top < window.innerHeight;",
                Duration::from_secs(5),
            )
            .await?;
            match element.click().await {
                Ok(()) => return Ok(()),
                Err(e) if attempt < 3 && e.to_string().contains("not clickable") => {
                    eprintln!("clicking `{css}` again: {e}");
                }
                Err(e) => bail!("clicking `{css}` on {}: {e}", self.here().await),
            }
        }
    }

    /// The current URL, or a placeholder when the driver cannot say (for error messages).
    pub async fn here(&self) -> String {
        match self.client.current_url().await {
            Ok(url) => url.to_string(),
            Err(_) => "(unknown page)".into(),
        }
    }

    /// Sets the outer window size.
    pub async fn resize(&self, width: u32, height: u32) -> Result<()> {
        self.client
            .set_window_size(width, height)
            .await
            .context("resizing the window")
    }

    /// Drains Chrome's performance log (DevTools events as JSON strings in `message`).
    pub async fn performance_log(&self) -> Result<Vec<Value>> {
        let value = self
            .client
            .issue_cmd(SessionPost {
                path: "se/log",
                body: json!({ "type": "performance" }),
            })
            .await
            .map_err(|e| anyhow!("reading Chrome's performance log: {e}"))?;
        let entries = value.as_array().cloned().unwrap_or_default();
        Ok(entries
            .into_iter()
            .filter_map(|entry| {
                let message = entry.get("message")?.as_str()?;
                let parsed: Value = serde_json::from_str(message).ok()?;
                parsed.get("message").cloned()
            })
            .collect())
    }

    /// A Chrome DevTools command through ChromeDriver (`Page.printToPDF`,
    /// `Emulation.setEmulatedMedia`…), with its result.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Result<Value> {
        self.client
            .issue_cmd(SessionPost {
                path: "goog/cdp/execute",
                body: json!({ "cmd": cmd, "params": params }),
            })
            .await
            .map_err(|e| anyhow!("DevTools {cmd}: {e}"))
    }

    /// Ends the WebDriver session politely, then stops ChromeDriver.
    pub async fn close(self) {
        let Browser {
            client,
            driver,
            _dir,
        } = self;
        let _ = tokio::time::timeout(Duration::from_secs(10), client.close()).await;
        drop(driver);
    }
}

fn first_lines(script: &str) -> String {
    script.lines().take(5).collect::<Vec<_>>().join("\n")
}

/// A POST to one of ChromeDriver's own (non-W3C) endpoints of the session: `se/log` (the
/// performance log), `goog/cdp/execute` (DevTools).
#[derive(Debug)]
struct SessionPost {
    path: &'static str,
    body: Value,
}

impl WebDriverCompatibleCommand for SessionPost {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/{}",
            session_id.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}
