//! The public site: server-rendered pages, one file per page area, one layout for all.
//!
//! How a page is written (see `home.rs` for the shortest example):
//!
//! ```text
//! #[derive(Template)]
//! #[template(path = "public/home.html")]      // {% extends "base.html" %}
//! struct HomePage { layout: Layout, t: Tr, /* the page's own data */ }
//!
//! pub async fn page(State(app): State<App>, ctx: PageContext, …) -> Result<Html<String>, AppError> {
//!     render_html(&HomePage { layout: ctx.layout(&app, ""), t: ctx.t, … })
//! }
//! ```
//!
//! Every page struct has `layout` (the frame: header, switches, low-vision panel, footer) and
//! `t` (translations: `{{ t.msg("key") }}`, `{{ t.count("count-person", n) }}`). Static files
//! are linked with `{{ layout.asset("site.css") }}`. Images go through the `image` macro of
//! `templates/public/macros.html`, which honours «images off» in the low-vision version.

pub mod cached;
pub mod captions;
pub mod developers;
pub mod error_page;
pub mod home;
pub mod kiosk;
pub mod list;
pub mod map;
pub mod memory_book;
pub mod record;
pub mod search;
pub mod settings;
pub mod timeline;

use crate::App;
use crate::seo::{Head, SiteBase};
use crate::shell::i18n::{Lang, Tr};
use crate::shell::prefs::{self, LowVision, Prefs, SETTINGS};
use axum::extract::FromRequestParts;
use axum::http::Uri;
use axum::http::request::Parts;
use letopis_core::Kind;
use std::convert::Infallible;

/// What every page handler takes to render in the visitor's language and settings.
#[derive(Debug, Clone)]
pub struct PageContext {
    pub t: Tr,
    pub prefs: Prefs,
    /// The requested path and query, without `lang=`: where the switches lead back to.
    pub here: String,
    /// The `Host` of the request when it names this machine: the base of absolute URLs when
    /// no public URL is configured (see `seo`).
    pub loopback_host: Option<String>,
    /// Who is signed in on this browser, for the top bar's sign-out control.
    pub signed_in: Option<SignedIn>,
    /// The request comes from a screen of `[kiosk] addresses`: always a kiosk.
    pub kiosk_locked: bool,
}

/// The signed-in person as the top bar of a public page shows them.
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// «Вы вошли: Анна Петрова».
    pub label: String,
    /// The session's form token: the sign-out form posts it.
    pub csrf: String,
    /// Whether the person may work in the studio (a link to it beside the sign-out).
    pub studio: bool,
}

impl PageContext {
    pub fn new(uri: &Uri, headers: &axum::http::HeaderMap) -> PageContext {
        let prefs = Prefs::read(uri, headers);
        PageContext {
            t: prefs.tr(),
            prefs,
            here: prefs::path_without_lang(uri),
            loopback_host: crate::seo::loopback_host(headers),
            signed_in: None,
            kiosk_locked: false,
        }
    }

    /// The context as the device sets it: a screen of `[kiosk] addresses` is always a kiosk.
    pub fn on_device(mut self, app: &App, extensions: &axum::http::Extensions) -> PageContext {
        if let Some(idle) = app.config().kiosk.locked(extensions) {
            self.prefs.kiosk = Some(idle);
            self.kiosk_locked = true;
        }
        self
    }

    /// The frame of a page titled `title` (empty on the home page).
    pub fn layout(&self, app: &App, title: impl Into<String>) -> Layout {
        Layout::new(app, self, title.into())
    }
}

impl FromRequestParts<App> for PageContext {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let mut ctx =
            PageContext::new(&parts.uri, &parts.headers).on_device(app, &parts.extensions);
        // Only a request that carries a session cookie costs a lookup (shared with the
        // viewer's, which is remembered on the request).
        if let Some(found) = crate::shell::session::current_session(parts, app).await {
            ctx.signed_in = Some(SignedIn {
                label: ctx.t.args(
                    "signed-in-as",
                    &[("name", found.user.display_name.clone().into())],
                ),
                csrf: found.csrf.clone(),
                studio: found
                    .user
                    .roles
                    .may(letopis_core::account::Permission::Edit)
                    || found
                        .user
                        .roles
                        .may(letopis_core::account::Permission::Teach),
            });
        }
        Ok(ctx)
    }
}

/// The sections in the header, in the order a visitor meets them. Map and timeline pages come
/// in later issues; their links are here already so the menu does not shift when they land.
const HEADER_SECTIONS: [(&str, &str); 8] = [
    ("/persons", "nav-persons"),
    ("/interviews", "nav-interviews"),
    ("/items", "nav-items"),
    ("/places", "nav-places"),
    ("/events", "nav-events"),
    ("/stories", "nav-stories"),
    ("/map", "nav-map"),
    ("/timeline", "nav-timeline"),
];

/// The frame of every public page: `templates/base.html` reads only this.
pub struct Layout {
    pub lang: &'static str,
    pub site_name: String,
    /// Empty on the home page, where the site name is the title.
    pub title: String,
    /// The header menu; `current` marks the section the page belongs to.
    pub sections: Vec<Link>,
    /// Every kind's list, for the footer and the error pages.
    pub all_sections: Vec<Link>,
    pub current: String,
    /// Classes on `<html>`: the low-vision settings, empty otherwise.
    pub html_class: String,
    pub other_lang: Link,
    pub other_lang_code: &'static str,
    pub low_vision_toggle: Link,
    /// School mode's switch in the top bar; with school mode on, the notice that says so.
    pub school_toggle: Link,
    pub school_note: Option<String>,
    /// In the exhibition hall: the idle reset in seconds (the frame is the kiosk's).
    pub kiosk: Option<u32>,
    /// The settings panel, shown only in the low-vision version.
    pub low_vision: Option<Vec<SettingView>>,
    pub here: String,
    /// The absolute base of this site's URLs, when one can be trusted.
    pub base: SiteBase,
    /// Canonical and language links, link cards and JSON-LD (`templates/public/seo_head.html`);
    /// record pages and the home page replace it with their own.
    pub head: Head,
    /// Set on the studio's «как видит посетитель» preview: the notice above the page.
    pub preview: Option<String>,
    /// Who is signed in, for the top bar's sign-out control (see [`SignedIn`]).
    pub signed_in: Option<SignedIn>,
    /// «Поделиться» under a record's page (`src/share/links.rs`): only where the page has an
    /// address the world can open, and never in the hall.
    pub share: Option<crate::shell::share_links::Share>,
    /// The portal's IIIF viewer on the record's manifest, when it has one (`iiif::viewer`).
    pub iiif_viewer: Option<String>,
    images_shown: bool,
}

/// One fieldset of the low-vision panel.
pub struct SettingView {
    pub name: &'static str,
    pub legend: String,
    pub options: Vec<OptionView>,
}

pub struct OptionView {
    pub value: &'static str,
    pub label: String,
    pub checked: bool,
}

impl Layout {
    fn new(app: &App, ctx: &PageContext, title: String) -> Layout {
        let t = ctx.t;
        let back = prefs::encode_component(&ctx.here);
        let other = t.lang().other();
        let low_vision = ctx.prefs.low_vision;
        let toggle = match low_vision {
            Some(_) => Link::new(format!("/low-vision?mode=off&back={back}"), t.msg("lv-off")),
            None => Link::new(format!("/low-vision?mode=on&back={back}"), t.msg("lv-on")),
        };
        let school = ctx.prefs.school;
        let school_toggle = match school {
            Some(_) => Link::new(format!("/school?mode=off&back={back}"), t.msg("school-off")),
            None => Link::new(format!("/school?mode=on&back={back}"), t.msg("school-on")),
        };
        let school_note = school.map(|limit| {
            t.args(
                "school-note",
                &[("limit", std::borrow::Cow::Borrowed(limit.label()))],
            )
        });
        let site_name = match t.lang() {
            Lang::Ru => app.config().site_name.clone(),
            Lang::En => t.msg("site-name"),
        };
        let base = SiteBase::new(app.config(), ctx.loopback_host.as_deref());
        Layout {
            lang: t.lang().code(),
            head: Head::common(&base, &ctx.here, &t, &site_name),
            preview: None,
            base,
            site_name,
            title,
            sections: HEADER_SECTIONS
                .iter()
                .map(|(href, key)| Link::new(*href, t.msg(key)))
                .collect(),
            all_sections: Kind::ALL
                .into_iter()
                .map(|k| Link::new(section_href(k), kind_plural(&t, k)))
                .collect(),
            current: ctx
                .here
                .split(['?', '/'])
                .nth(1)
                .map(|s| format!("/{s}"))
                .unwrap_or_default(),
            html_class: [
                low_vision.map(|lv| lv.classes()).unwrap_or_default(),
                if ctx.prefs.kiosk.is_some() {
                    "kiosk".to_string()
                } else {
                    String::new()
                },
            ]
            .into_iter()
            .filter(|c| !c.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
            other_lang: Link::new(
                format!("/lang/{}?back={back}", other.code()),
                other.native_name(),
            ),
            other_lang_code: other.code(),
            low_vision_toggle: toggle,
            school_toggle,
            school_note,
            kiosk: ctx.prefs.kiosk,
            low_vision: low_vision.map(|lv| panel(&t, &lv)),
            here: ctx.here.clone(),
            signed_in: ctx.signed_in.clone(),
            share: None,
            iiif_viewer: None,
            images_shown: low_vision.is_none_or(|lv| lv.images_shown()),
        }
    }

    /// The fingerprinted URL of a file in `static/`.
    pub fn asset(&self, path: &str) -> String {
        crate::shell::assets::url(path)
    }

    /// Replaces the head with the one of the record page showing `seen`.
    pub fn describe_record(&mut self, seen: &crate::gate::Seen, t: &Tr) {
        self.head = Head::record(&self.base, seen, t, &self.site_name);
        let meta = &seen.record.record.meta;
        let path = record_href(meta.kind, &meta.slug);
        self.iiif_viewer = crate::shell::links::manifest_of(
            &seen.record.record.body,
            meta.kind,
            seen.record.record.id(),
        )
        .map(|manifest| format!("/iiif/viewer?manifest={manifest}"));
        let page = self.base.absolute(&crate::seo::lang_path(&path, t.lang()));
        let embed = self
            .base
            .absolute(&crate::shell::share_links::embed_path(&path));
        let card = self
            .base
            .absolute(&crate::shell::share_links::card_path(&path));
        self.share = match (page, embed, card, self.kiosk) {
            (Some(page), Some(embed), Some(card), None) => {
                Some(crate::shell::share_links::Share::new(
                    &page,
                    &seen.record.record.title(),
                    &embed,
                    &card,
                    meta.kind == Kind::Interview,
                    t,
                ))
            }
            _ => None,
        };
    }

    /// The on-screen keyboard's rows (`templates/public/keyboard.html`, kiosks only).
    pub fn keyboard(&self) -> Vec<Vec<char>> {
        kiosk::KEYBOARD
            .iter()
            .map(|row| row.chars().collect())
            .collect()
    }

    /// False in the low-vision version with images off: templates then show the alt text.
    pub fn images_shown(&self) -> bool {
        self.images_shown
    }
}

fn panel(t: &Tr, lv: &LowVision) -> Vec<SettingView> {
    SETTINGS
        .iter()
        .map(|s| SettingView {
            name: s.name,
            legend: t.msg(&format!("lv-{}", s.name)),
            options: s
                .values
                .iter()
                .map(|v| OptionView {
                    value: v,
                    label: t.msg(&format!("lv-{}-{v}", s.name)),
                    checked: lv.get(s.name) == Some(v),
                })
                .collect(),
        })
        .collect()
}

pub use crate::shell::links::{
    Link, kind_count, kind_label, kind_plural, record_href, section_href,
};
pub use crate::shell::render::render_html;
