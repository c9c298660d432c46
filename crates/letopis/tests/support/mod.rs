//! What the binary's tests share: running `letopis`, serving a data directory on a free port,
//! and plain HTTP/1.1 requests to it.

#![allow(dead_code, reason = "each test file uses its own part")]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

/// Runs the binary under test with `args`, without the environment's data directory or
/// address.
pub fn letopis(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_letopis"))
        .args(args)
        .env_remove("LETOPIS_DATA")
        .env_remove("LETOPIS_BIND")
        .env_remove("LETOPIS_UPGRADE_WITHOUT_BACKUP")
        .output()
        .expect("run letopis")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub fn arg(path: &Path) -> String {
    path.display().to_string()
}

/// A running `letopis serve`, stopped when dropped.
pub struct Server {
    pub child: Child,
    /// `127.0.0.1:port`.
    pub addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Serves the data directory `data` on a free port, once it listens.
pub fn serve(data: &Path) -> Server {
    serve_with(data, &[])
}

/// [`serve`] with more arguments.
pub fn serve_with(data: &Path, more: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_letopis"))
        .args(["serve", "--data", &arg(data), "--bind", "127.0.0.1:0"])
        .args(more)
        .env_remove("LETOPIS_DATA")
        .env_remove("LETOPIS_BIND")
        .env_remove("LETOPIS_UPGRADE_WITHOUT_BACKUP")
        .stderr(Stdio::piped())
        .spawn()
        .expect("start letopis serve");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    let addr = loop {
        let line = lines
            .next()
            .expect("the server printed its address before exiting")
            .expect("read stderr");
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split('/').next().expect("address").to_string();
        }
    };
    // Keep draining the log so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server { child, addr }
}

/// The whole response to a GET of `path`: status line, headers, body.
fn request(addr: &str, path: &str) -> Vec<u8> {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut response = Vec::new();
    s.read_to_end(&mut response).expect("read");
    response
}

/// The status line and headers of a GET whose body need not be text (a tile).
pub fn head_of(addr: &str, path: &str) -> String {
    let response = request(addr, path);
    let end = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(response.len());
    String::from_utf8_lossy(&response[..end]).into_owned()
}

/// The status and the body of a GET.
pub fn get_bytes(addr: &str, path: &str) -> (u16, Vec<u8>) {
    let response = request(addr, path);
    let end = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response with headers");
    let head = String::from_utf8_lossy(&response[..end]);
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .expect("status code");
    let mut body = response[end + 4..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = unchunk(&body);
    }
    (status, body)
}

/// The status and the body of a GET, as text.
pub fn get(addr: &str, path: &str) -> (u16, String) {
    let (status, body) = get_bytes(addr, path);
    (status, text(&body))
}

fn unchunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(line_end) = body.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(
            String::from_utf8_lossy(&body[..line_end])
                .split(';')
                .next()
                .unwrap_or("0")
                .trim(),
            16,
        )
        .expect("chunk size");
        if size == 0 {
            break;
        }
        let start = line_end + 2;
        out.extend_from_slice(&body[start..start + size]);
        body = &body[start + size + 2..];
    }
    out
}

/// `letopis stats` without its first line, which names the data directory.
pub fn stats(data: &Path) -> String {
    let out = letopis(&["stats", "--data", &arg(data)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
        .lines()
        .skip(1)
        .collect::<Vec<_>>()
        .join("\n")
}
