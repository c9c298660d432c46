//! Finding the external programs the browser tests drive, and saying how to get them when absent.

use anyhow::{Result, bail};
use std::path::{Path, PathBuf};

/// Set to `1` to skip every browser test (they print "skipped"). CI never sets it.
pub const SKIP_ENV: &str = "LETOPIS_SKIP_BROWSER";

/// Whether the developer asked to skip browser tests.
pub fn skipped() -> bool {
    std::env::var(SKIP_ENV).is_ok_and(|v| v == "1")
}

const INSTALL_BROWSER: &str = "install them with `sudo apt-get install chromium chromium-driver` \
     (Debian/Ubuntu; or run `.ci/run`), point LETOPIS_CHROMIUM / LETOPIS_CHROMEDRIVER at other \
     copies, or set LETOPIS_SKIP_BROWSER=1 to skip the browser tests on this machine";

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

fn from_env_or_path(env: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(explicit) = std::env::var_os(env) {
        return Some(PathBuf::from(explicit));
    }
    names.iter().find_map(|n| on_path(n))
}

/// The Chromium executable: `$LETOPIS_CHROMIUM`, or `chromium` / `chromium-browser` on PATH.
pub fn chromium() -> Result<PathBuf> {
    match from_env_or_path("LETOPIS_CHROMIUM", &["chromium", "chromium-browser"]) {
        Some(p) if p.is_file() => Ok(p),
        Some(p) => bail!(
            "Chromium not found at {} (LETOPIS_CHROMIUM); {INSTALL_BROWSER}",
            p.display()
        ),
        None => bail!("Chromium is not installed (no `chromium` on PATH); {INSTALL_BROWSER}"),
    }
}

/// The ChromeDriver executable: `$LETOPIS_CHROMEDRIVER`, or `chromedriver` on PATH.
pub fn chromedriver() -> Result<PathBuf> {
    match from_env_or_path("LETOPIS_CHROMEDRIVER", &["chromedriver"]) {
        Some(p) if p.is_file() => Ok(p),
        Some(p) => bail!(
            "ChromeDriver not found at {} (LETOPIS_CHROMEDRIVER); {INSTALL_BROWSER}",
            p.display()
        ),
        None => {
            bail!("ChromeDriver is not installed (no `chromedriver` on PATH); {INSTALL_BROWSER}")
        }
    }
}

/// The workspace root, found from this crate's manifest directory.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The Nu Html Checker jar: `$LETOPIS_VNU_JAR`, or where `tools/vendor-test-tools.sh vnu` puts it.
pub fn vnu_jar() -> Result<PathBuf> {
    let jar = std::env::var_os("LETOPIS_VNU_JAR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join(".test-tools/vnu/vnu.jar"));
    if !jar.is_file() {
        bail!(
            "the Nu Html Checker is not installed at {}: run `tools/vendor-test-tools.sh vnu` \
             (needs npm; `.ci/run` does it), set LETOPIS_VNU_JAR, or set LETOPIS_SKIP_BROWSER=1",
            jar.display()
        );
    }
    Ok(jar)
}

/// The Java launcher for the checker: `$JAVA_HOME/bin/java` or `java` on PATH.
pub fn java() -> Result<PathBuf> {
    if let Some(home) = std::env::var_os("JAVA_HOME") {
        let java = PathBuf::from(home).join("bin/java");
        if java.is_file() {
            return Ok(java);
        }
    }
    on_path("java").ok_or_else(|| {
        anyhow::anyhow!(
            "Java is not installed (needed by the Nu Html Checker): \
             `sudo apt-get install default-jre-headless`, or set LETOPIS_SKIP_BROWSER=1"
        )
    })
}

/// The pinned axe-core, committed by `tools/vendor-test-tools.sh axe`.
pub const AXE_JS: &str = include_str!("../vendor/axe.min.js");
