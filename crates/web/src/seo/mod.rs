//! What the museum tells search engines, link previews and feed readers: schema.org JSON-LD and
//! Open Graph / Twitter cards in the `<head>` of pages, `/sitemap.xml`, `/robots.txt` and the
//! Atom feed `/feed.atom`.
//!
//! Everything here is published to the whole world and copied by machines that never ask again,
//! so it is read as the *anonymous* viewer through the one gate ([`crate::gate::Gate`]), whoever
//! happens to request it: a signed-in editor's crawler must not put a draft into a sitemap.
//! Record heads are built from [`Seen`], which holds only what the gate let through, and health
//! data is never used at all.
//!
//! ## Absolute URLs
//!
//! Sitemaps, `og:url`, `og:image` and Atom ids must be absolute, but the `Host` header is the
//! client's to choose: trusting it would let anyone make the portal publish links to another
//! host (cache poisoning, phishing previews). So the base URL is, in order:
//! 1. `AppConfig::public_url` (`public_url = "https://letopis.example.ru"` in `letopis.toml`);
//! 2. otherwise the request's `Host`, but only when it names this machine (`localhost`,
//!    `127.0.0.0/8`, `[::1]`): a developer, a test or a kiosk on the same machine;
//! 3. otherwise none: pages keep relative `canonical`/`hreflang` links and leave out `og:url`
//!    and `og:image`; `/sitemap.xml` and `/feed.atom` answer 404 (they cannot be written
//!    without a host), and `/robots.txt` names no sitemap. The log says to set `public_url`.

pub mod feed;
pub mod jsonld;
pub mod robots;
pub mod sitemap;
pub mod social;
pub(crate) mod xml;

use crate::gate::Seen;
use crate::shell::i18n::{Lang, Tr};
use crate::shell::links::record_href;

pub use crate::shell::base_url::{BadPublicUrl, SiteBase, check_public_url, loopback_host};

/// Where the feed lives; linked from every page's head.
pub const FEED_PATH: &str = "/feed.atom";

/// What a page adds to its `<head>` for machines; read by `templates/public/seo_head.html`.
#[derive(Debug, Clone, Default)]
pub struct Head {
    pub canonical: Option<String>,
    /// `(hreflang, href)`: the same page in each language, and `x-default`.
    pub alternates: Vec<(&'static str, String)>,
    /// The Atom feed's link, with its title; absent when the feed cannot be served.
    pub feed: Option<(String, String)>,
    /// `<meta name="description">`.
    pub description: String,
    /// Open Graph (`property=`) and Twitter (`name=`) tags: `(attribute, key, content)`.
    pub meta: Vec<(&'static str, &'static str, String)>,
    /// The JSON-LD, already made safe to sit inside a `<script>` element.
    pub json_ld: Option<String>,
    /// oEmbed discovery: `(href, title)` of `/oembed?url=` for this page (record pages).
    pub oembed: Option<(String, String)>,
    /// The record's IIIF Presentation manifest, when it has pictures or recordings.
    pub iiif: Option<String>,
}

impl Head {
    /// What every page has: its language alternates and the feed. `here` is the path and query
    /// without `lang=`, which by itself shows the site in Russian (see `prefs.rs`).
    pub fn common(base: &SiteBase, here: &str, t: &Tr, site_name: &str) -> Head {
        Head {
            alternates: alternates(base, here),
            feed: base.is_known().then(|| {
                (
                    FEED_PATH.to_string(),
                    t.args("seo-feed-title", &[("site", site_name.to_string().into())]),
                )
            }),
            ..Head::default()
        }
    }

    /// The head of a record page: canonical address, cards and JSON-LD, all from what the
    /// gate let through.
    pub fn record(base: &SiteBase, seen: &Seen, t: &Tr, site_name: &str) -> Head {
        let meta = &seen.record.record.meta;
        let path = record_href(meta.kind, &meta.slug);
        let card = social::Card::of(seen, t);
        Head {
            canonical: Some(base.best(&lang_path(&path, t.lang()))),
            alternates: alternates(base, &path),
            description: card.description.clone(),
            meta: card.meta(base, &path, t, site_name),
            json_ld: Some(jsonld::script(&jsonld::record(base, seen))),
            oembed: base.absolute(&lang_path(&path, t.lang())).and_then(|url| {
                let href = base.absolute(&format!(
                    "/oembed?url={}",
                    crate::shell::prefs::encode_component(&url)
                ))?;
                Some((href, seen.record.record.title()))
            }),
            iiif: crate::shell::links::manifest_of(
                &seen.record.record.body,
                meta.kind,
                seen.record.record.id(),
            )
            .map(|path| base.best(&path)),
            ..Head::common(base, &path, t, site_name)
        }
    }

    /// The home page: the site itself as a `WebSite`.
    pub fn home(base: &SiteBase, t: &Tr, site_name: &str) -> Head {
        let description = t.msg("seo-site-description");
        let card = social::Card {
            title: site_name.to_string(),
            description: description.clone(),
            og_type: "website",
            image: None,
        };
        Head {
            canonical: Some(base.best(&lang_path("/", t.lang()))),
            meta: card.meta(base, "/", t, site_name),
            json_ld: Some(jsonld::script(&jsonld::website(
                base,
                site_name,
                &description,
            ))),
            description,
            ..Head::common(base, "/", t, site_name)
        }
    }
}

/// The address of `path` in `lang`: Russian is the plain address, English adds `lang=en`.
pub(crate) fn lang_path(path: &str, lang: Lang) -> String {
    match lang {
        Lang::Ru => path.to_string(),
        Lang::En => {
            let sep = if path.contains('?') { '&' } else { '?' };
            format!("{path}{sep}lang=en")
        }
    }
}

fn alternates(base: &SiteBase, path: &str) -> Vec<(&'static str, String)> {
    vec![
        ("ru", base.best(&lang_path(path, Lang::Ru))),
        ("en", base.best(&lang_path(path, Lang::En))),
        ("x-default", base.best(path)),
    ]
}

/// A timestamp as RFC 3339 / W3C Datetime in UTC, to the second: sitemaps and Atom both take it.
pub fn w3c_datetime(ts: jiff::Timestamp) -> String {
    ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{HeaderMap, HeaderValue, header};

    fn host(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_str(value).expect("header"));
        h
    }

    #[test]
    fn only_plain_origins_are_accepted_as_public_urls() {
        assert_eq!(
            check_public_url("https://Letopis.Example.ru/").expect("ok"),
            "https://letopis.example.ru"
        );
        assert!(check_public_url("http://[::1]:8080").is_ok());
        for bad in [
            "letopis.example.ru",
            "ftp://x.ru",
            "https://x.ru/museum",
            "https://x.ru?q=1",
            "https://user@x.ru",
            "https://x.ru:99999x",
            "https://x.ru\"><script>",
            "https://",
        ] {
            assert!(check_public_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn only_loopback_hosts_are_trusted() {
        assert_eq!(
            loopback_host(&host("127.0.0.1:8080")).as_deref(),
            Some("127.0.0.1:8080")
        );
        assert!(loopback_host(&host("localhost")).is_some());
        assert!(loopback_host(&host("[::1]:3000")).is_some());
        for other in [
            "evil.example",
            "127.0.0.1.evil.example",
            "10.0.0.1",
            "localhost:80/x",
        ] {
            assert_eq!(loopback_host(&host(other)), None, "{other}");
        }
    }

    #[test]
    fn the_english_address_adds_lang() {
        assert_eq!(lang_path("/persons/x", Lang::En), "/persons/x?lang=en");
        assert_eq!(
            lang_path("/persons?page=2", Lang::En),
            "/persons?page=2&lang=en"
        );
        assert_eq!(lang_path("/", Lang::Ru), "/");
    }
}
