//! Lessons in the classroom and tours in the hall (issue #17), the visitor's side:
//!
//! - `/lessons` — published kits, filtered by grade, subject and topic;
//! - `/lessons/{slug}` — a kit to read and answer (answers stay in the browser);
//! - `/lessons/{slug}/present` — one block per screen for a projector or whiteboard;
//! - `/lessons/{slug}/worksheet` — the printable A4 sheet; `?key=1` is the teacher's copy;
//! - `/class/{code}` — a class link: the kit in school mode, without any account;
//! - `/tours/{slug}` — a published tour played on a kiosk; `/kiosk/pair` and `/guide` — a
//!   guide's phone driving the hall's big screen (`tours`).
//!
//! Every block is read through the gate ([`crate::gate::SeenKit`]) with the viewer of the
//! request — school mode, a class link's limit and a kiosk's included — so nothing reaches a
//! class that its record's page would not show it. The teacher's key is rendered only on the
//! teacher's copy, for a signed-in teacher; no page a pupil can open carries it.

mod class;
mod pages;
pub(crate) mod qr;
pub(crate) mod tours;
mod view;

pub use tours::Pairings;

use crate::App;
use crate::shell::error::AppError;
use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::routing::get;
use letopis_core::account::Permission;
use letopis_core::lesson::KitState;
use letopis_store::accounts::User;
use letopis_store::lessons::StoredKit;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/lessons", get(pages::list))
        .route("/lessons/{slug}", get(pages::kit))
        .route("/lessons/{slug}/present", get(pages::present))
        .route("/lessons/{slug}/worksheet", get(pages::worksheet))
        .route("/class", get(class::form))
        .route("/class/{code}", get(class::open))
        .route("/tours/{slug}", get(pages::tour))
        .route("/kiosk/pair", get(tours::screen))
        .route("/kiosk/pair/{secret}", get(tours::screen_stop))
        .route("/kiosk/pair/{secret}/state", get(tours::screen_state))
        .route("/guide", get(tours::guide_form).post(tours::pair))
        .route("/guide/{code}", get(tours::remote).post(tours::step))
}

/// The signed-in person on a lessons page, if any (the session lookup is shared with the
/// viewer's, so it costs nothing more).
pub(crate) struct Reader(pub Option<User>);

impl FromRequestParts<App> for Reader {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        Ok(Reader(
            crate::shell::session::current_session(parts, app)
                .await
                .map(|s| s.user),
        ))
    }
}

/// Whether `user` may open `kit` (present it, print it, give it to a class): everyone a
/// published kit; its author always; colleagues — teachers and guides — a shared one or one in
/// review; experts one in review; administrators any.
pub(crate) fn may_open(kit: &StoredKit, user: Option<&User>) -> bool {
    if kit.state == KitState::Published {
        return true;
    }
    let Some(user) = user else {
        return false;
    };
    let roles = &user.roles;
    kit.owner == Some(user.id)
        || roles.may(Permission::Administer)
        || (matches!(kit.state, KitState::Shared | KitState::Submitted)
            && roles.may(Permission::Teach))
        || (kit.state == KitState::Submitted && roles.may(Permission::Review))
}

/// Whether `user` may read the teacher's key: a teacher or expert who may open the kit.
pub(crate) fn may_read_key(kit: &StoredKit, user: Option<&User>) -> bool {
    user.is_some_and(|u| {
        (u.roles.may(Permission::Teach) || u.roles.may(Permission::Review))
            && may_open(kit, Some(u))
    })
}

/// The kit at `slug`, or 404 when there is none or this person may not open it (the same 404:
/// a private kit's address says nothing of it).
pub(crate) async fn openable(
    app: &App,
    slug: &str,
    user: Option<&User>,
) -> Result<StoredKit, AppError> {
    let slug = slug.to_string();
    let kit = app
        .accounts_call(move |a| a.kit_by_slug(&slug))
        .await?
        .ok_or(AppError::NotFound)?;
    if may_open(&kit, user) {
        Ok(kit)
    } else {
        Err(AppError::NotFound)
    }
}
