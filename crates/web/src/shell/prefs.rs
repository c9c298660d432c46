//! The visitor's preferences: the interface language and the version for the visually impaired
//! (ГОСТ Р 52872-2019). Both are cookies the server reads, so they work without JavaScript and
//! the first byte of the page is already in the right language, size and colours.
//!
//! Language, in order:
//! 1. `?lang=ru|en` on any URL (shareable links; the choice is also remembered in the cookie);
//! 2. the `lang` cookie, set by `GET /lang/{ru|en}?back=/same/page?query` (the header switch);
//! 3. otherwise Russian — not `Accept-Language`: the hall's kiosks and school computers often
//!    announce English, and the museum speaks Russian first.
//!
//! Low vision: the `lv` cookie holds `name-value` pairs joined by `.`, e.g.
//! `size-large.scheme-bw.images-off.line-15.letters-normal`; its presence means the mode is on.
//! Unknown names and values are ignored, so an old or hand-edited cookie can never break a page.
//! Settings are described once in [`SETTINGS`]: the classes on `<html>`, the panel's form and the
//! parser all follow that table.
//!
//! School mode: the `school` cookie holds the oldest age rating shown (`12` by default; `0`,
//! `6`, `12` or `16`). Every read then goes through the gate with that limit
//! (`Viewer::with_max_age`), so a 16+ record is absent from lists, search, facets, counts, the
//! map, the timeline and its own address alike — not hidden by the page. Pupils on a school
//! computer, class links and the exhibition hall's kiosks use it.
//!
//! Pages that depend on cookies are marked `Vary: Cookie` by [`headers`].

use crate::shell::i18n::{Lang, Tr};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Uri, header};
use axum::middleware::Next;
use axum::response::Response;
use letopis_core::AgeRating;

pub const LANG_COOKIE: &str = "lang";
pub const LOW_VISION_COOKIE: &str = "lv";
pub const SCHOOL_COOKIE: &str = "school";
/// The exhibition hall's kiosk mode (`/kiosk`): its value is the idle reset in seconds.
pub const KIOSK_COOKIE: &str = "kiosk";
/// The idle reset when the kiosk's start address names none: long enough to read a letter.
pub const KIOSK_IDLE_DEFAULT: u32 = 90;

/// A kiosk's idle reset in seconds, within what makes sense in a hall.
pub fn kiosk_idle(value: &str) -> Option<u32> {
    value
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|s| (3..=3600).contains(s))
}
/// School mode's limit when none is chosen: what a 12-year-old may see.
pub const SCHOOL_DEFAULT: AgeRating = AgeRating::Twelve;

/// The age limits school mode offers (18+ would be no limit at all).
pub fn school_limit(value: &str) -> Option<AgeRating> {
    value
        .trim()
        .trim_end_matches('+')
        .parse::<u8>()
        .ok()
        .and_then(AgeRating::from_years)
        .filter(|a| *a != AgeRating::Eighteen)
}
/// A year: preferences are remembered, not session-long.
const COOKIE_MAX_AGE: u32 = 31_536_000;

/// One setting of the low-vision version: its name, its values and the value chosen when the
/// mode is first switched on.
pub struct Setting {
    pub name: &'static str,
    pub values: &'static [&'static str],
    pub default: &'static str,
}

/// What the visitor may adjust; `static/site.css` styles `.lv-<name>-<value>` for each value.
pub const SETTINGS: [Setting; 5] = [
    Setting {
        name: "size",
        values: &["normal", "large", "xlarge"],
        default: "large",
    },
    Setting {
        name: "scheme",
        values: &["bw", "wb", "blue", "brown", "normal"],
        default: "bw",
    },
    Setting {
        name: "images",
        values: &["on", "off"],
        default: "on",
    },
    Setting {
        name: "line",
        values: &["normal", "15", "2"],
        default: "15",
    },
    Setting {
        name: "letters",
        values: &["normal", "wide", "wider"],
        default: "normal",
    },
];

/// The chosen value of each of [`SETTINGS`], in the same order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LowVision {
    values: [&'static str; SETTINGS.len()],
}

impl Default for LowVision {
    fn default() -> LowVision {
        LowVision {
            values: SETTINGS.map(|s| s.default),
        }
    }
}

impl LowVision {
    /// Applies `name=value` pairs; anything not in [`SETTINGS`] is ignored.
    pub fn apply<'a>(mut self, pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> LowVision {
        for (name, value) in pairs {
            let Some(i) = SETTINGS.iter().position(|s| s.name == name) else {
                continue;
            };
            if let Some(v) = SETTINGS[i].values.iter().find(|v| **v == value) {
                self.values[i] = v;
            }
        }
        self
    }

    fn from_cookie(value: &str) -> LowVision {
        LowVision::default().apply(value.split('.').filter_map(|p| p.split_once('-')))
    }

    pub fn cookie_value(&self) -> String {
        self.pairs()
            .map(|(n, v)| format!("{n}-{v}"))
            .collect::<Vec<_>>()
            .join(".")
    }

    pub fn pairs(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        SETTINGS.iter().zip(self.values).map(|(s, v)| (s.name, v))
    }

    pub fn get(&self, name: &str) -> Option<&'static str> {
        self.pairs().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    pub fn images_shown(&self) -> bool {
        self.get("images") != Some("off")
    }

    /// `lv lv-size-large lv-scheme-bw …` for `<html class>`.
    pub fn classes(&self) -> String {
        let mut classes = String::from("lv");
        for (n, v) in self.pairs() {
            classes.push_str(&format!(" lv-{n}-{v}"));
        }
        classes
    }
}

/// Everything about the visitor that changes how a page is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Prefs {
    pub lang: Lang,
    /// The language came from `?lang=` and differs from the cookie: remember it.
    pub lang_from_query: bool,
    pub low_vision: Option<LowVision>,
    /// School mode's age limit; `None` when school mode is off.
    pub school: Option<AgeRating>,
    /// Kiosk mode's idle reset in seconds; `None` off the exhibition hall's screens.
    pub kiosk: Option<u32>,
}

impl Prefs {
    pub fn tr(&self) -> Tr {
        Tr::new(self.lang)
    }

    pub fn read(uri: &Uri, headers: &HeaderMap) -> Prefs {
        let cookie_lang = cookie(headers, LANG_COOKIE).and_then(Lang::from_code);
        let query_lang = uri
            .query()
            .and_then(|q| query_param(q, "lang"))
            .and_then(Lang::from_code);
        // Russian unless the visitor chose otherwise: browsers in the exhibition hall, schools
        // and libraries often announce English, and the museum speaks Russian first.
        let lang = query_lang.or(cookie_lang).unwrap_or_default();
        Prefs {
            lang,
            lang_from_query: query_lang.is_some() && query_lang != cookie_lang,
            low_vision: cookie(headers, LOW_VISION_COOKIE).map(LowVision::from_cookie),
            // A cookie with a value school mode does not offer still means school mode: the
            // visitor asked for it, so the default limit rather than none.
            school: cookie(headers, SCHOOL_COOKIE)
                .map(|v| school_limit(v).unwrap_or(SCHOOL_DEFAULT)),
            kiosk: cookie(headers, KIOSK_COOKIE)
                .map(|v| kiosk_idle(v).unwrap_or(KIOSK_IDLE_DEFAULT)),
        }
    }
}

/// The value of cookie `name`, from any of the `Cookie` headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .and_then(|c| c.value_raw())
        .map(|v| v.trim_matches('"'))
}

/// The raw value of a query parameter; only used for `lang`, whose values need no decoding.
fn query_param<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query
        .split('&')
        .filter_map(|p| p.split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v)
}

/// A `Set-Cookie` value for a preference: whole site, a year, not readable by scripts (none
/// need it), and `SameSite=Lax` so that following a link into the museum keeps it.
pub fn set_cookie(name: &str, value: &str) -> HeaderValue {
    let text = format!("{name}={value}; Path=/; Max-Age={COOKIE_MAX_AGE}; SameSite=Lax; HttpOnly");
    HeaderValue::from_str(&text).unwrap_or(HeaderValue::from_static(""))
}

pub fn clear_cookie(name: &str) -> HeaderValue {
    let text = format!("{name}=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly");
    HeaderValue::from_str(&text).unwrap_or(HeaderValue::from_static(""))
}

/// Marks pages as depending on the preferences, names their language, and remembers a
/// language chosen by `?lang=`.
pub async fn headers(request: Request, next: Next) -> Response {
    let prefs = Prefs::read(request.uri(), request.headers());
    // An embed lives in other sites' pages: it sets no cookie (src/share/embed.rs).
    let remembers = !crate::shell::share_links::sets_no_cookie(request.uri().path());
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(prefs.lang.code()),
    );
    headers.append(header::VARY, HeaderValue::from_static("Cookie"));
    if prefs.lang_from_query && remembers {
        headers.append(
            header::SET_COOKIE,
            set_cookie(LANG_COOKIE, prefs.lang.code()),
        );
    }
    response
}

/// A `back=` target made safe for `Location`: a path on this site, or `/`. Refuses other hosts
/// (`//evil`, `/\evil`, `https:`), control characters and absurd lengths, so the switches can
/// never be used as an open redirect.
pub fn local_path(back: Option<&str>) -> String {
    let Some(back) = back else {
        return "/".into();
    };
    let local = back.starts_with('/')
        && !back.starts_with("//")
        && !back.contains('\\')
        && back.len() <= 2048
        && !back.chars().any(char::is_control);
    if !local {
        return "/".into();
    }
    // Non-ASCII (a Cyrillic search query) is re-encoded: a header value must be ASCII.
    let mut out = String::with_capacity(back.len());
    for c in back.chars() {
        if c.is_ascii() && c != ' ' {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// What a query parameter value keeps as it is: letters, digits and `-_.~/`.
const COMPONENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'/');

/// Percent-encodes a query parameter value.
pub fn encode_component(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, COMPONENT).to_string()
}

/// The current path and query without `lang=`, so that a language switch is not overridden by
/// the parameter it came in with.
pub fn path_without_lang(uri: &Uri) -> String {
    let path = uri.path();
    let kept: Vec<&str> = uri
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("lang="))
        .collect();
    if kept.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", kept.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_are_percent_encoded() {
        assert_eq!(
            encode_component("Иванов & Co?"),
            "%D0%98%D0%B2%D0%B0%D0%BD%D0%BE%D0%B2%20%26%20Co%3F"
        );
        assert_eq!(encode_component("a-b_c.d~/e"), "a-b_c.d~/e");
    }

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (n, v) in pairs {
            h.append(
                header::HeaderName::from_bytes(n.as_bytes()).expect("name"),
                HeaderValue::from_str(v).expect("value"),
            );
        }
        h
    }

    #[test]
    fn language_is_query_then_cookie_then_russian() {
        let uri: Uri = "/persons?lang=en".parse().expect("uri");
        let plain: Uri = "/persons".parse().expect("uri");
        let h = headers(&[("cookie", "a=1; lang=ru"), ("accept-language", "en")]);
        assert_eq!(Prefs::read(&uri, &h).lang, Lang::En);
        assert!(Prefs::read(&uri, &h).lang_from_query);
        assert_eq!(Prefs::read(&plain, &h).lang, Lang::Ru);
        let h = headers(&[("accept-language", "en-US, en;q=0.8")]);
        assert_eq!(Prefs::read(&plain, &h).lang, Lang::Ru, "Russian first");
        assert_eq!(Prefs::read(&plain, &HeaderMap::new()).lang, Lang::Ru);
    }

    #[test]
    fn low_vision_ignores_what_it_does_not_know() {
        let lv = LowVision::from_cookie("size-huge.scheme-wb.images-off.colour-pink.line");
        assert_eq!(lv.get("size"), Some("large"), "default kept");
        assert_eq!(lv.get("scheme"), Some("wb"));
        assert!(!lv.images_shown());
        assert!(lv.classes().contains("lv-scheme-wb") && !lv.classes().contains("huge"));
        assert_eq!(LowVision::from_cookie(&lv.cookie_value()), lv);
    }

    #[test]
    fn back_targets_stay_on_this_site() {
        assert_eq!(local_path(Some("/persons?page=2")), "/persons?page=2");
        assert_eq!(
            local_path(Some("/search?q=Иван")),
            "/search?q=%D0%98%D0%B2%D0%B0%D0%BD"
        );
        for bad in [
            "//evil.example",
            "/\\evil",
            "https://evil",
            "evil",
            "/a\nb",
            "",
        ] {
            assert_eq!(local_path(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(local_path(None), "/");
    }

    #[test]
    fn the_switch_drops_the_lang_parameter() {
        let uri: Uri = "/persons?lang=en&page=2".parse().expect("uri");
        assert_eq!(path_without_lang(&uri), "/persons?page=2");
        let uri: Uri = "/?lang=en".parse().expect("uri");
        assert_eq!(path_without_lang(&uri), "/");
    }
}
