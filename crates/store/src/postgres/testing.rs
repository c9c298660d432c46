//! A throwaway PostgreSQL cluster for tests: `initdb` in a temporary directory, a server on a
//! free port of 127.0.0.1, a fresh database for each test.
//!
//! One cluster serves a whole test binary ([`TempCluster::shared`]): starting one takes about
//! a second, a database from the migrated template a few milliseconds. A static is never
//! dropped, so the server is stopped by a watchdog shell, not by a destructor: the shell starts
//! it, then waits on a pipe from the test process and, when that pipe closes (the process
//! ended, however it ended), stops the server and removes the directory.

use super::PgStore;
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock};

/// What to install when the binaries are missing.
const INSTALL: &str = "install PostgreSQL's server binaries (`apt-get install postgresql-15`, \
                       or `tools/install-test-tools.sh`), or put `initdb` and `pg_ctl` on PATH";

/// The database every test's database is copied from, migrated once.
const TEMPLATE: &str = "letopis_template";

/// A running throwaway cluster.
pub struct TempCluster {
    port: u16,
    dir: PathBuf,
    watchdog: Mutex<Option<(Child, ChildStdin)>>,
    next: AtomicU32,
}

impl TempCluster {
    /// The cluster of this test binary, started on first use. Panics, naming what to install,
    /// when PostgreSQL's binaries are missing: a PostgreSQL test never passes by skipping.
    pub fn shared() -> &'static TempCluster {
        static SHARED: OnceLock<TempCluster> = OnceLock::new();
        SHARED.get_or_init(|| {
            TempCluster::start().unwrap_or_else(|e| panic!("no PostgreSQL for the tests: {e}"))
        })
    }

    /// Starts a new cluster (stopped when dropped, or when the process ends).
    pub fn start() -> Result<TempCluster, String> {
        let bin = binaries()?;
        let dir = tempfile::Builder::new()
            .prefix("letopis-pg-")
            .tempdir()
            .map_err(|e| format!("a temporary directory: {e}"))?
            .keep();
        let cluster = start_in(&bin, &dir).inspect_err(|_| {
            let _ = std::fs::remove_dir_all(&dir);
        })?;
        cluster.make_template()?;
        Ok(cluster)
    }

    /// The URL of a database on this cluster.
    pub fn url(&self, database: &str) -> String {
        format!(
            "postgres://letopis@127.0.0.1:{}/{database}?connect_timeout=10",
            self.port
        )
    }

    /// A new, empty database with the schema, and its URL.
    pub fn fresh_database(&self) -> String {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        let name = format!("t_{n}");
        self.admin(&format!("CREATE DATABASE {name} TEMPLATE {TEMPLATE}"))
            .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e}"));
        self.url(&name)
    }

    /// A new database without the schema (a base no node has opened yet), and its URL.
    pub fn empty_database(&self) -> String {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        let name = format!("e_{n}");
        self.admin(&format!("CREATE DATABASE {name}"))
            .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e}"));
        self.url(&name)
    }

    /// A store on a new, empty database.
    pub fn fresh_store(&self) -> PgStore {
        PgStore::open(&self.fresh_database()).expect("open the PostgreSQL store")
    }

    fn admin(&self, sql: &str) -> Result<(), String> {
        let mut client = postgres::Client::connect(&self.url("postgres"), postgres::NoTls)
            .map_err(|e| e.to_string())?;
        client.batch_execute(sql).map_err(|e| e.to_string())
    }

    /// Migrates the template once, so each test's database starts from it already migrated.
    fn make_template(&self) -> Result<(), String> {
        self.admin(&format!("CREATE DATABASE {TEMPLATE}"))?;
        drop(PgStore::open(&self.url(TEMPLATE)).map_err(|e| e.to_string())?);
        // No one may stay connected to a template while it is copied.
        self.admin(&format!(
            "ALTER DATABASE {TEMPLATE} WITH ALLOW_CONNECTIONS false IS_TEMPLATE true"
        ))
    }

    /// A streaming replica of this cluster (every database, kept up to date by the primary's
    /// WAL), stopped when dropped.
    pub fn replica(&self) -> Result<TempCluster, String> {
        let bin = binaries()?;
        let dir = tempfile::Builder::new()
            .prefix("letopis-pg-replica-")
            .tempdir()
            .map_err(|e| format!("a temporary directory: {e}"))?
            .keep();
        replica_in(&bin, &dir, self.port).inspect_err(|_| {
            let _ = std::fs::remove_dir_all(&dir);
        })
    }

    /// The cluster's directory (its data, its log, its socket).
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Drop for TempCluster {
    fn drop(&mut self) {
        let watchdog = self.watchdog.get_mut().unwrap_or_else(|p| p.into_inner());
        if let Some((mut child, stdin)) = watchdog.take() {
            // Closing the pipe is the watchdog's signal to stop the server and clean up.
            drop(stdin);
            let _ = child.wait();
        }
    }
}

/// The directory holding `initdb` and `pg_ctl`: PATH first, then Debian's
/// `/usr/lib/postgresql/<version>/bin`, newest version first.
fn binaries() -> Result<PathBuf, String> {
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default();
    let mut debian: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|d| d.flatten().map(|e| e.path().join("bin")).collect())
        .unwrap_or_default();
    debian.sort_by_key(|p| {
        let version = p
            .parent()
            .and_then(|v| v.file_name())
            .and_then(|v| v.to_str());
        std::cmp::Reverse(version.and_then(|v| v.parse::<u32>().ok()).unwrap_or(0))
    });
    on_path
        .into_iter()
        .chain(debian)
        .find(|d| d.join("initdb").is_file() && d.join("pg_ctl").is_file())
        // Links on PATH (as /usr/local/bin/initdb → /usr/lib/postgresql/15/bin/initdb) lead
        // to the directory that also holds the other tools (`pg_basebackup`).
        .map(|d| {
            d.join("initdb")
                .canonicalize()
                .ok()
                .and_then(|real| real.parent().map(Path::to_path_buf))
                .filter(|real| real.join("pg_ctl").is_file())
                .unwrap_or(d)
        })
        .ok_or_else(|| format!("`initdb` and `pg_ctl` were found neither on PATH nor under /usr/lib/postgresql: {INSTALL}"))
}

/// PostgreSQL refuses to run as root (as a test in a container does): then the cluster runs as
/// `nobody`, which must own its directory.
fn as_postgres_user(dir: &Path) -> Result<Option<&'static str>, String> {
    use std::os::unix::fs::MetadataExt;
    let euid = std::fs::metadata("/proc/self")
        .map(|m| m.uid())
        .map_err(|e| format!("who runs the tests: {e}"))?;
    if euid != 0 {
        return Ok(None);
    }
    let id = |flag: &str| -> Result<u32, String> {
        let out = Command::new("id")
            .args([flag, "nobody"])
            .output()
            .map_err(|e| format!("id {flag} nobody: {e}"))?;
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .map_err(|_| {
                "the tests run as root and there is no user `nobody` to run PostgreSQL".to_string()
            })
    };
    std::os::unix::fs::chown(dir, Some(id("-u")?), Some(id("-g")?))
        .map_err(|e| format!("chown {}: {e}", dir.display()))?;
    Ok(Some("nobody"))
}

fn free_port() -> Result<u16, String> {
    let listener =
        TcpListener::bind("127.0.0.1:0").map_err(|e| format!("a free port on 127.0.0.1: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

/// Single-quotes `text` for the shell.
fn quoted(text: &Path) -> String {
    format!("'{}'", text.display().to_string().replace('\'', r"'\''"))
}

/// `program`, as `user` when one is given.
fn command_as(user: Option<&str>, program: &Path) -> Command {
    match user {
        Some(user) => {
            let mut c = Command::new("runuser");
            c.args(["-u", user, "--"]).arg(program);
            c
        }
        None => Command::new(program),
    }
}

/// The cluster's settings, appended to the `postgresql.conf` initdb wrote: a free port on
/// 127.0.0.1, the socket in the cluster's own directory, and no waiting for the disk (the data
/// is thrown away).
fn configure(data: &Path, dir: &Path, port: u16) -> Result<(), String> {
    use std::io::Write;
    let settings = format!(
        "\n# letopis TempCluster\nport = {port}\nlisten_addresses = '127.0.0.1'\n\
         unix_socket_directories = '{}'\nfsync = off\nfull_page_writes = off\n\
         synchronous_commit = off\n",
        dir.display().to_string().replace('\'', "''")
    );
    std::fs::OpenOptions::new()
        .append(true)
        .open(data.join("postgresql.conf"))
        .and_then(|mut f| f.write_all(settings.as_bytes()))
        .map_err(|e| format!("postgresql.conf: {e}"))
}

fn start_in(bin: &Path, dir: &Path) -> Result<TempCluster, String> {
    let user = as_postgres_user(dir)?;
    let data = dir.join("data");
    let initdb = command_as(user, &bin.join("initdb"))
        .args(["-A", "trust", "-U", "letopis", "--no-sync", "-E", "UTF8"])
        .args(["--locale=C.UTF-8", "-D"])
        .arg(&data)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("initdb: {e}"))?;
    if !initdb.status.success() {
        return Err(format!(
            "initdb failed in {}:\n{}{}",
            dir.display(),
            String::from_utf8_lossy(&initdb.stdout),
            String::from_utf8_lossy(&initdb.stderr)
        ));
    }
    let port = free_port()?;
    configure(&data, dir, port)?;
    launch(bin, dir, user, port)
}

/// A streaming replica of the cluster on `primary_port`, in `dir` (`pg_basebackup -R`).
fn replica_in(bin: &Path, dir: &Path, primary_port: u16) -> Result<TempCluster, String> {
    let user = as_postgres_user(dir)?;
    let data = dir.join("data");
    let backup = command_as(user, &bin.join("pg_basebackup"))
        // A fast checkpoint: the default spreads it over minutes.
        .args([
            "-h",
            "127.0.0.1",
            "-U",
            "letopis",
            "-X",
            "stream",
            "-R",
            "--no-sync",
            "-c",
            "fast",
        ])
        .arg("-p")
        .arg(primary_port.to_string())
        .arg("-D")
        .arg(&data)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("pg_basebackup: {e}"))?;
    if !backup.status.success() {
        return Err(format!(
            "pg_basebackup failed:\n{}",
            String::from_utf8_lossy(&backup.stderr)
        ));
    }
    let port = free_port()?;
    // Appended after the primary's own settings, which the copy carries: the last one counts.
    configure(&data, dir, port)?;
    launch(bin, dir, user, port)
}

/// Starts the server of the cluster in `dir` under its watchdog (see the module's notes).
fn launch(bin: &Path, dir: &Path, user: Option<&str>, port: u16) -> Result<TempCluster, String> {
    let data = dir.join("data");
    let run_as = user.map_or(String::new(), |u| format!("runuser -u {u} -- "));
    let pg_ctl = quoted(&bin.join("pg_ctl"));
    let (data, log, dir_q) = (quoted(&data), quoted(&dir.join("server.log")), quoted(dir));
    // The watchdog: starts the server, says so, waits for its stdin to close (or for a
    // signal), then stops the server and removes the directory.
    let script = format!(
        "{run_as}{pg_ctl} -D {data} -l {log} -w -t 60 start >/dev/null || exit 1
         stop() {{ {run_as}{pg_ctl} -D {data} -m immediate -w stop >/dev/null 2>&1; rm -rf {dir_q}; exit 0; }}
         trap stop HUP INT TERM
         echo ready
         # Read in the background and wait for it, so a signal runs the trap at once; through
         # fd 3, since a background command's stdin is /dev/null.
         exec 3<&0
         read _ <&3 &
         wait $!
         stop"
    );
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(&script)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("sh: {e}"))?;
    let stdin = child.stdin.take().ok_or("the watchdog's stdin")?;
    let stdout = child.stdout.take().ok_or("the watchdog's stdout")?;
    let mut line = String::new();
    let _ = BufReader::new(stdout).read_line(&mut line);
    if line.trim() != "ready" {
        let _ = child.wait();
        let log = std::fs::read_to_string(dir.join("server.log")).unwrap_or_default();
        return Err(format!(
            "PostgreSQL did not start in {}:\n{log}",
            dir.display()
        ));
    }
    // Nothing is ever written to `stdin`: the pipe only has to stay open while the cluster is
    // in use.
    Ok(TempCluster {
        port,
        dir: dir.to_path_buf(),
        watchdog: Mutex::new(Some((child, stdin))),
        next: AtomicU32::new(1),
    })
}
