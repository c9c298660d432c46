//! Who is reading. Every handler takes the viewer from this extractor, so that signing in
//! changes this one file and every read path follows: a signed-in person is the viewer their
//! roles and working groups make them (`letopis_core::account::Roles::viewer`), seen through
//! the same gate as everyone else. School mode (`shell/prefs.rs`) adds its age limit here, so
//! it too reaches every read path at once.

use crate::App;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use letopis_core::Viewer;
use std::convert::Infallible;

/// The viewer of the current request.
#[derive(Debug, Clone)]
pub struct CurrentViewer(pub Viewer);

impl FromRequestParts<App> for CurrentViewer {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        // Without a session cookie (every ordinary visitor) this asks nothing of the database.
        let viewer = crate::shell::session::current_session(parts, app)
            .await
            .map(|s| s.viewer())
            .unwrap_or_else(Viewer::anonymous);
        // School mode limits whoever reads, signed in or not: a teacher who switched it on in
        // front of a class sees what the class sees.
        let prefs = crate::shell::prefs::Prefs::read(&parts.uri, &parts.headers);
        let kiosk = prefs.kiosk.is_some() || app.config().kiosk.locked(&parts.extensions).is_some();
        Ok(CurrentViewer(limited(viewer, &prefs, kiosk)))
    }
}

/// The viewer with school mode's age limit when the request is in school mode: the `school`
/// cookie's limit, or 12+ on the hall's kiosks whatever their cookies say. Every path that
/// reads for a visitor (the error pages' suggestions too) takes its viewer through this.
pub fn limited(viewer: Viewer, prefs: &crate::shell::prefs::Prefs, kiosk: bool) -> Viewer {
    match prefs
        .school
        .or(kiosk.then_some(crate::shell::prefs::SCHOOL_DEFAULT))
    {
        Some(limit) => viewer.with_max_age(limit),
        None => viewer,
    }
}
