//! Stamps the build into the binary: `LETOPIS_COMMIT` (the short commit, `+dirty` when the tree
//! had changes) and `LETOPIS_BUILT` (the day, UTC), for `letopis --version`, `/healthz` and
//! `letopis_build_info`. Without git (a source tarball) both fall back to what is known.
//!
//! A build script of a few lines rather than `vergen`/`built`/`shadow-rs`: two facts do not
//! need a dependency tree of their own compiled on every fresh machine.

use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    println!("cargo:rerun-if-env-changed=LETOPIS_COMMIT");
    watch_head();
    let commit = std::env::var("LETOPIS_COMMIT")
        .ok()
        .filter(|c| !c.is_empty())
        .or_else(commit)
        .unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=LETOPIS_COMMIT={commit}");
    println!("cargo:rustc-env=LETOPIS_BUILT={}", build_day());
}

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
        .filter(|s| !s.is_empty())
}

fn commit() -> Option<String> {
    let hash = git(&["rev-parse", "--short=7", "HEAD"])?;
    // Files merely touched are not changes. The index is not watched below, so refreshing
    // it does not make the next build run this again; the mark is as of this script's run,
    // which is again on the next commit or checkout.
    let _ = git(&["update-index", "-q", "--refresh"]);
    let clean = Command::new("git")
        .args(["diff-index", "--quiet", "HEAD", "--"])
        .status()
        .is_ok_and(|s| s.success());
    Some(if clean { hash } else { format!("{hash}+dirty") })
}

/// Runs again when HEAD moves (a checkout) or the branch it names moves (a commit), not on
/// every build. `--git-path` finds both in a worktree too. Only files that exist are named:
/// cargo runs a script again on every build while a file it watches is missing.
fn watch_head() {
    let Some(head) = git(&["rev-parse", "--git-path", "HEAD"]) else {
        return;
    };
    watch(Path::new(&head));
    let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) else {
        return;
    };
    if let Some(file) = git(&["rev-parse", "--git-path", &branch]) {
        let file = Path::new(&file);
        // A packed branch has no file of its own until its next commit writes one there.
        if !watch(file)
            && let Some(dir) = file.parent()
        {
            watch(dir);
        }
    }
    if let Some(packed) = git(&["rev-parse", "--git-path", "packed-refs"]) {
        watch(Path::new(&packed));
    }
}

fn watch(path: &Path) -> bool {
    let exists = path.exists();
    if exists {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    exists
}

/// `YYYY-MM-DD` of `SOURCE_DATE_EPOCH` (reproducible builds) or of now.
fn build_day() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    let (y, m, d) = civil_from_days(seconds.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// Howard Hinnant's `civil_from_days`: the proleptic Gregorian date of a day since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}
