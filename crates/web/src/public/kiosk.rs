//! `GET /kiosk`: the exhibition hall's touch screens (roadmap item 11: school excursions to the
//! МВК «Артишок» see the portal there).
//!
//! Opening `/kiosk` puts the browser in kiosk mode (the `kiosk` cookie, whose value is the idle
//! reset in seconds) and in school mode, then shows the start screen: the search with an
//! on-screen Russian keyboard and big entry points. Every page then has the hall's frame —
//! «В начало» and «Назад» instead of the site's switches, no footer, no sign-in, no links out
//! of the portal, no downloads (`static/js/kiosk.js`, `site.css`'s `.kiosk`). After the idle
//! time without a touch the screen goes back to the start and forgets the visitor's settings;
//! on the start screen an attract loop of the museum's pictures plays until someone touches it.
//!
//! - `/kiosk?idle=120` — the kiosk browser's start address sets its idle reset (3–3600 s);
//! - `/kiosk?reset=1` — what the idle reset opens: the visitor's language and low-vision
//!   settings are forgotten, the kiosk stays;
//! - `/kiosk?mode=off` — for the hall's staff at a keyboard: the browser leaves kiosk mode.
//!   Nothing on the kiosk's screens links to it.
//!
//! The device setting: the addresses of the hall's screens in `[kiosk] addresses`
//! ([`KioskConfig`]). A request from one of them is in kiosk and school mode whatever its
//! cookies say, and `/kiosk?mode=off` does not let it out: a visitor who finds a way to clear
//! the browser's cookies is still in the hall.

use super::{Layout, Link, PageContext, kind_count, kind_plural, record_href, render_html};
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use crate::shell::picture::Picture;
use crate::shell::prefs::{self, KIOSK_COOKIE, LANG_COOKIE, LOW_VISION_COOKIE, SCHOOL_COOKIE};
use crate::{App, CurrentViewer};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use letopis_core::Kind;
use letopis_store::{ListQuery, Order};

/// `[kiosk]` of `letopis.toml`: the hall's screens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KioskConfig {
    /// Addresses (or networks) of the screens that are always kiosks.
    pub addresses: Vec<ipnet::IpNet>,
    /// Their idle reset in seconds.
    pub idle_seconds: u32,
}

impl Default for KioskConfig {
    fn default() -> Self {
        KioskConfig {
            addresses: Vec::new(),
            idle_seconds: prefs::KIOSK_IDLE_DEFAULT,
        }
    }
}

impl KioskConfig {
    /// Reads `192.168.10.21` or `192.168.10.0/24` (IPv6 alike); the error names the entry.
    pub fn parse_address(text: &str) -> Result<ipnet::IpNet, String> {
        let text = text.trim();
        text.parse::<ipnet::IpNet>()
            .or_else(|_| text.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
            .map(|net| net.trunc())
            .map_err(|_| {
                format!(
                    "«{text}» — не адрес: нужен адрес экрана (192.168.10.21) или сеть зала (192.168.10.0/24)"
                )
            })
    }

    /// The idle reset of a request from a locked screen, or `None` for any other request.
    pub fn locked(&self, extensions: &axum::http::Extensions) -> Option<u32> {
        if self.addresses.is_empty() {
            return None;
        }
        let axum::extract::ConnectInfo(peer) =
            extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()?;
        let ip = match peer.ip() {
            std::net::IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(peer.ip(), Into::into),
            v4 => v4,
        };
        self.addresses
            .iter()
            .any(|net| net.contains(&ip))
            .then_some(self.idle_seconds)
    }
}

/// How many pictures the attract loop shows at most.
const SLIDES: usize = 12;

/// The rows of the on-screen keyboard: Russian ЙЦУКЕН, as on every Russian keyboard.
pub(crate) const KEYBOARD: [&str; 3] = ["йцукенгшщзхъ", "фывапролджэё", "ячсмитьбю"];

#[derive(Template)]
#[template(path = "public/kiosk.html")]
struct KioskPage {
    layout: Layout,
    t: Tr,
    entry_points: Vec<Link>,
    slides: Vec<Link>,
    /// Published tours of the hall, each played stop by stop on this screen.
    tours: Vec<Link>,
}

#[derive(serde::Deserialize, Default)]
pub struct Params {
    idle: Option<String>,
    reset: Option<String>,
    mode: Option<String>,
}

/// 303 to `to`, setting and clearing cookies.
fn see_other(to: &'static str, cookies: Vec<HeaderValue>) -> Response {
    let mut response = (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, HeaderValue::from_static(to)),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
    )
        .into_response();
    for cookie in cookies {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

pub async fn page(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
    query: Result<Query<Params>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, AppError> {
    // A query the decoder refuses is the plain start screen: this is a touch screen.
    let Query(params) = query.unwrap_or_default();
    // A screen named in `[kiosk] addresses` stays a kiosk (its prefs say so already).
    let locked = ctx.kiosk_locked;
    if params.mode.as_deref() == Some("off") && !locked {
        return Ok(see_other(
            "/",
            vec![
                prefs::clear_cookie(KIOSK_COOKIE),
                prefs::clear_cookie(SCHOOL_COOKIE),
            ],
        ));
    }
    let idle = params
        .idle
        .as_deref()
        .and_then(prefs::kiosk_idle)
        .or(ctx.prefs.kiosk)
        .unwrap_or(prefs::KIOSK_IDLE_DEFAULT);
    let school = ctx.prefs.school.unwrap_or(prefs::SCHOOL_DEFAULT);
    let enter = vec![
        prefs::set_cookie(KIOSK_COOKIE, &idle.to_string()),
        prefs::set_cookie(SCHOOL_COOKIE, &school.years().to_string()),
    ];
    if params.reset.is_some() {
        // The next visitor starts in Russian, in the ordinary version.
        let mut cookies = enter;
        cookies.push(prefs::clear_cookie(LANG_COOKIE));
        cookies.push(prefs::clear_cookie(LOW_VISION_COOKIE));
        return Ok(see_other("/kiosk", cookies));
    }
    if !locked && (ctx.prefs.kiosk != Some(idle) || ctx.prefs.school.is_none()) {
        return Ok(see_other("/kiosk", enter));
    }
    let t = ctx.t;
    let (counts, slides) = app
        .read(viewer, |gate| {
            let counts = gate.counts()?;
            let mut slides = Vec::new();
            // Faces first: the people the museum remembers, then the voices, the exhibitions
            // and the things.
            for (kind, take) in [
                (Kind::Person, 200),
                (Kind::Interview, 40),
                (Kind::Story, 20),
                (Kind::Item, 60),
            ] {
                let page = gate.list(&ListQuery {
                    limit: take,
                    order: Order::Recent,
                    ..ListQuery::catalogue(kind)
                })?;
                slides.extend(
                    page.items
                        .into_iter()
                        .filter_map(|r| {
                            let picture = Picture::of_record(&r.record)?;
                            let rec = &r.record;
                            Some(
                                Link::new(record_href(rec.kind(), &rec.meta.slug), rec.title())
                                    .with_picture(Some(picture)),
                            )
                        })
                        .take(SLIDES / 4),
                );
            }
            Ok((counts, slides))
        })
        .await?;
    let count = |kind: Kind| {
        counts
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(0, |(_, n)| *n)
    };
    let section = |kind: Kind, href: &str| {
        Link::new(href, kind_plural(&t, kind)).with_note(kind_count(&t, kind, count(kind)))
    };
    let entry_points = vec![
        section(Kind::Person, "/persons"),
        section(Kind::Interview, "/interviews"),
        Link::new("/map", t.msg("nav-map")).with_note(t.msg("kiosk-map-note")),
        Link::new("/timeline", t.msg("nav-timeline"))
            .with_note(t.count("count-event", count(Kind::Event))),
        section(Kind::Story, "/stories"),
        section(Kind::Item, "/items"),
    ];
    // Without accounts (an embedder's portal) there are no tours; a failing read is logged
    // and the start screen shown without them.
    let tours = match app.accounts() {
        Ok(_) => app
            .accounts_call(|a| a.kits_in(&[letopis_core::lesson::KitState::Published]))
            .await
            .inspect_err(|e| tracing::warn!(error = ?e, "tours unreadable"))
            .unwrap_or_default(),
        Err(_) => Vec::new(),
    };
    let tours = tours
        .into_iter()
        .filter(|k| k.kit.purpose == letopis_core::lesson::Purpose::Tour)
        .map(|k| {
            Link::new(format!("/tours/{}", k.slug), k.kit.title)
                .with_note(t.count("lesson-stops", k.kit.blocks.len() as u64))
        })
        .collect();
    let page = KioskPage {
        layout: ctx.layout(&app, t.msg("kiosk-title")),
        t,
        entry_points,
        slides,
        tours,
    };
    Ok(render_html(&page)?.into_response())
}
