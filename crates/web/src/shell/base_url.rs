//! The site's base URL. Absolute links (sitemaps, cards, feed ids, links in letters) need a
//! host, but the `Host` header is the client's to choose: the base is the configured
//! `public_url`, else a `Host` naming this machine, else none (see `seo` for what each means).

use crate::{App, AppConfig};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};

/// Why a configured public URL was refused.
#[derive(Debug, thiserror::Error)]
#[error(
    "public_url «{0}» не подходит: нужен адрес вида https://letopis.example.ru \
     (http или https, имя хоста и, если нужно, порт; без пути, запроса и #)"
)]
pub struct BadPublicUrl(String);

/// Checks a configured public URL and returns it without a trailing `/`. Only a scheme, a host
/// and a port are allowed: the value goes into attributes, XML and `robots.txt`, and the site's
/// links are absolute paths, so a path prefix would only produce broken links.
pub fn check_public_url(url: &str) -> Result<String, BadPublicUrl> {
    let bad = || BadPublicUrl(url.to_string());
    let trimmed = url.trim().trim_end_matches('/');
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"))
        .ok_or_else(bad)?;
    if !is_host_and_port(rest) {
        return Err(bad());
    }
    Ok(trimmed.to_ascii_lowercase())
}

fn is_host_and_port(authority: &str) -> bool {
    let (host, port) = split_port(authority);
    let host_ok = if let Some(v6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        !v6.is_empty() && v6.chars().all(|c| c.is_ascii_hexdigit() || c == ':')
    } else {
        !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
    };
    host_ok
        && port
            .is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()))
}

fn split_port(authority: &str) -> (&str, Option<&str>) {
    // `[::1]:8080`: the last colon after the closing bracket is the port's.
    let host_end = authority.rfind(']').map_or(0, |i| i + 1);
    match authority[host_end..].rfind(':') {
        Some(i) => (
            &authority[..host_end + i],
            Some(&authority[host_end + i + 1..]),
        ),
        None => (authority, None),
    }
}

/// The request's `Host` when it names this machine, else `None` (see the module docs).
pub fn loopback_host(headers: &HeaderMap) -> Option<String> {
    let host = headers.get(header::HOST)?.to_str().ok()?.trim();
    if !is_host_and_port(host) {
        return None;
    }
    let name = split_port(host).0.to_ascii_lowercase();
    let loopback = name == "localhost"
        || name == "[::1]"
        || name
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback());
    loopback.then(|| host.to_ascii_lowercase())
}

/// The absolute base of the site's URLs (`https://letopis.example.ru`), when one can be trusted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteBase(Option<String>);

impl SiteBase {
    /// `public_url` from the configuration (already checked by `App::new`), else a loopback host.
    pub fn new(config: &AppConfig, loopback_host: Option<&str>) -> SiteBase {
        SiteBase(
            config
                .public_url
                .clone()
                .or_else(|| loopback_host.map(|h| format!("http://{h}"))),
        )
    }

    pub fn from_request(config: &AppConfig, headers: &HeaderMap) -> SiteBase {
        SiteBase::new(config, loopback_host(headers).as_deref())
    }

    pub fn is_known(&self) -> bool {
        self.0.is_some()
    }

    /// `path` (starting with `/`) made absolute; `None` without a trusted base.
    pub fn absolute(&self, path: &str) -> Option<String> {
        self.0.as_ref().map(|base| format!("{base}{path}"))
    }

    /// Absolute when possible, else the path itself (fine for `<link href>` and JSON-LD).
    pub fn best(&self, path: &str) -> String {
        self.absolute(path).unwrap_or_else(|| path.to_string())
    }
}

/// The site's address for links in letters: the public URL, or the loopback host the request
/// came to (a first local run), never a Host header from elsewhere.
pub fn link_base(app: &App, parts: &Parts) -> String {
    if let Some(url) = &app.config().public_url {
        return url.trim_end_matches('/').to_string();
    }
    match loopback_host(&parts.headers) {
        Some(host) => format!("http://{host}"),
        None => "http://127.0.0.1:8080".into(),
    }
}

/// The base of an address printed or shown as a QR code (a class link on a worksheet, the hall's
/// pairing page): the public URL, else the host the person's own browser reached — on a school's
/// or the hall's network that is the address that works there. Unlike [`link_base`] it trusts
/// any well-formed `Host`: it goes onto that person's own sheet or screen, not into a letter.
pub fn printed_base(app: &App, headers: &HeaderMap) -> String {
    if let Some(url) = &app.config().public_url {
        return url.trim_end_matches('/').to_string();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.len() < 256
                && h.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b))
        });
    match host {
        Some(h) => format!("http://{h}"),
        None => String::new(),
    }
}
