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
    letopis_with(args, &[])
}

/// [`letopis`] with more of the environment (an object store's keys).
pub fn letopis_with(args: &[&str], env: &[(&str, &str)]) -> Output {
    command()
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("run letopis")
}

/// The binary under test, without the settings the environment running the tests may have.
fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_letopis"));
    for name in [
        "LETOPIS_DATA",
        "LETOPIS_BIND",
        "LETOPIS_UPGRADE_WITHOUT_BACKUP",
        "LETOPIS_DATABASE",
        "LETOPIS_MEDIA",
    ] {
        command.env_remove(name);
    }
    command
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
    serve_env(data, more, &[])
}

/// [`serve_with`] with more of the environment.
pub fn serve_env(data: &Path, more: &[&str], env: &[(&str, &str)]) -> Server {
    let mut child = command()
        .args(["serve", "--data", &arg(data), "--bind", "127.0.0.1:0"])
        .args(more)
        .envs(env.iter().copied())
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
    request_with(addr, path, "")
}

/// [`request`] with more header lines (each ending in `\r\n`).
fn request_with(addr: &str, path: &str, headers: &str) -> Vec<u8> {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\n{headers}Connection: close\r\n\r\n"
    )
    .expect("send");
    let mut response = Vec::new();
    s.read_to_end(&mut response).expect("read");
    response
}

/// The status line and headers, and the body, of a GET asking for the byte range `range`.
pub fn get_range(addr: &str, path: &str, range: &str) -> (String, Vec<u8>) {
    get_with(addr, path, &format!("Range: {range}\r\n"))
}

/// The status line, headers and body of a GET sending `headers` (each line ending in CRLF).
pub fn get_with(addr: &str, path: &str, headers: &str) -> (String, Vec<u8>) {
    let response = request_with(addr, path, headers);
    let end = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response with headers");
    (
        String::from_utf8_lossy(&response[..end]).into_owned(),
        response[end + 4..].to_vec(),
    )
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

/// The addresses of a sitemap (following a sitemap index), as paths.
pub fn sitemap_paths(addr: &str) -> Vec<String> {
    let mut queue = vec!["/sitemap.xml".to_string()];
    let mut pages = Vec::new();
    while let Some(path) = queue.pop() {
        let (status, xml) = get(addr, &path);
        assert_eq!(status, 200, "{path}");
        for loc in xml.split("<loc>").skip(1) {
            let url = loc.split("</loc>").next().expect("</loc>");
            let rel = format!("/{}", url.splitn(4, '/').nth(3).unwrap_or_default());
            if rel.ends_with(".xml") {
                queue.push(rel);
            } else {
                pages.push(rel.replace("&amp;", "&"));
            }
        }
    }
    pages.sort();
    pages.dedup();
    pages
}

/// A page with the portal's own address (`127.0.0.1:port`, also percent-encoded) as `ADDR`.
pub fn without_address(page: &str, addr: &str) -> String {
    page.replace(addr, "ADDR")
        .replace(&addr.replace(':', "%3A"), "ADDR")
}

/// Every page of the sitemap, and every media file those pages show, are the same bytes when
/// served from `a` and from `b` (the portals' own addresses aside).
pub fn same_pages_and_media(a: &Path, b: &Path) {
    same_pages_and_media_of(&serve(a), &serve(b));
}

/// [`same_pages_and_media`] of two running portals.
pub fn same_pages_and_media_of(server_a: &Server, server_b: &Server) {
    same_pages_and_media_when(server_a, server_b, &|page| page.to_string());
}

/// Every RFC 3339 time to the second (`2026-12-07T17:29:46Z`) as `TIME`: for two bases made
/// the same way at different moments.
pub fn without_times(page: &str) -> String {
    let shape = b"dddd-dd-ddTdd:dd:ddZ";
    let bytes = page.as_bytes();
    let mut out = String::with_capacity(page.len());
    let mut at = 0;
    while at < bytes.len() {
        let fits = bytes.len() - at >= shape.len()
            && shape
                .iter()
                .zip(&bytes[at..])
                .all(|(want, got)| match want {
                    b'd' => got.is_ascii_digit(),
                    other => other == got,
                });
        if fits {
            out.push_str("TIME");
            at += shape.len();
        } else {
            let ch = page[at..].chars().next().expect("a char");
            out.push(ch);
            at += ch.len_utf8();
        }
    }
    out
}

/// [`same_pages_and_media_of`], each page first passed through `normalize`.
pub fn same_pages_and_media_when(
    server_a: &Server,
    server_b: &Server,
    normalize: &dyn Fn(&str) -> String,
) {
    let pages = sitemap_paths(&server_a.addr);
    assert!(pages.len() > 100, "the demo's sitemap: {pages:?}");
    assert_eq!(sitemap_paths(&server_b.addr), pages, "the same sitemap");
    let mut media = std::collections::BTreeSet::new();
    for path in &pages {
        let (status_a, page_a) = get(&server_a.addr, path);
        let (status_b, page_b) = get(&server_b.addr, path);
        assert_eq!((status_a, status_b), (200, 200), "{path}");
        let (page_a, page_b) = (
            normalize(&without_address(&page_a, &server_a.addr)),
            normalize(&without_address(&page_b, &server_b.addr)),
        );
        if let Some((a, b)) = page_a.lines().zip(page_b.lines()).find(|(a, b)| a != b) {
            panic!("{path} differs after the restore:\n{a}\n{b}");
        }
        assert_eq!(page_a, page_b, "{path} differs after the restore");
        for at in page_a.split("\"/media/").skip(1) {
            media.insert(format!(
                "/media/{}",
                at.split(['"', '?', ' ', ',']).next().expect("src")
            ));
        }
    }
    assert!(!media.is_empty(), "the pages show media");
    for path in &media {
        let (status, bytes) = get_bytes(&server_a.addr, path);
        assert_eq!(status, 200, "{path}");
        assert_eq!(
            get_bytes(&server_b.addr, path),
            (200, bytes),
            "{path} differs after the restore"
        );
    }
}
