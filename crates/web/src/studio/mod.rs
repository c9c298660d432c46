//! The studio (back office) under `/studio`: where working groups fill the base.
//!
//! Every page takes [`Staff`], the signed-in person; without a session the extractor answers
//! with a redirect to the sign-in page, and [`Staff::require`] answers 403 to a person whose
//! roles lack the permission. Records are read through the one access gate with the person's
//! [`Viewer`](letopis_core::Viewer) (derived from roles and groups by `letopis_core::account`),
//! so a volunteer sees drafts but not another group's restricted records. Every POST carries the
//! session's form token ([`Staff::check_csrf`]).
//!
//! The studio speaks Russian first and English second, like the portal: its messages are in
//! `locales/{ru,en}/studio*.ftl`, the language comes from `?lang=` or the cookie ([`Staff::t`]).

mod audit;
mod preservation;
// Public for the `story_blocks` fuzz target (fuzz/): the story markup, read as the studio reads it.
pub mod blocks;
mod conference;
mod conference_paper;
mod contributions;
mod council;
mod council_figures;
mod council_report;
mod dashboard;
mod edit;
mod excursions;
pub(crate) mod form;
mod groups;
mod history;
mod lessons;
pub mod media_plan;
mod oral;
mod press_kit;
mod preview;
pub mod roadmap;
mod segments;
pub(crate) mod sign_in;
mod silence;
mod transcript_files;
pub mod upload;
mod users;
mod venues;
mod withdrawal;
mod workflow;

pub use crate::shell::session::{SESSION_COOKIE, current_session};
// The binary's and the tests' paths to mail and passwords; they live in `shell`.
use crate::shell::session;
pub use crate::shell::{auth, mail};

use crate::App;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use letopis_core::Viewer;
use letopis_core::account::Permission;
use letopis_media::Limits;
use letopis_store::accounts::{NewAudit, User};
use letopis_store::{Accounts, Contributions, FileInfo, OralHistory, Uploads};
use std::path::PathBuf;
use std::sync::Arc;
use tower_http::set_header::SetResponseHeaderLayer;

/// Where the studio keeps its files, and how it sends mail.
#[derive(Debug, Clone, Default)]
pub struct StudioConfig {
    /// The data directory: letters go to `mail/` (while no SMTP server is configured), and a
    /// completed upload is assembled there in a temporary file on its way to the blob store.
    /// Uploads in progress and what the studio knows of files are in the base (`Uploads`).
    /// `None`: the parent of the media directory.
    pub data_dir: Option<PathBuf>,
    /// Size limits of uploaded originals.
    pub media_limits: Limits,
    /// How letters leave: an SMTP server, or files in `mail/` (the default).
    pub mail: mail::MailRoute,
}

/// What the studio needs at run time, shared by every handler.
#[derive(Clone, Default)]
pub struct Runtime {
    accounts: Option<Arc<dyn Accounts>>,
    oral: Option<Arc<dyn OralHistory>>,
    contributions: Option<Arc<dyn Contributions>>,
    uploads: Option<Arc<dyn Uploads>>,
}

impl App {
    /// Turns the studio on: accounts, sessions and the signed-in viewer come from `accounts`
    /// (the SQLite engine implements it beside `Store`). Without it `/studio` answers 404 and
    /// every visitor is anonymous.
    pub fn with_accounts(mut self, accounts: Arc<dyn Accounts>) -> App {
        self.studio.accounts = Some(accounts);
        self
    }

    /// Turns on the planning of «Живые голоса» (issue #6): narrators, interview projects,
    /// question guides, support notes and tasks. Without it those studio pages answer 404.
    pub fn with_oral_history(mut self, oral: Arc<dyn OralHistory>) -> App {
        self.studio.oral = Some(oral);
        self
    }

    /// Turns on residents' submissions (issue #7): the «Рассказать о герое» form, the private
    /// status links and the studio's moderation queue. Without it those pages answer 404.
    pub fn with_contributions(mut self, contributions: Arc<dyn Contributions>) -> App {
        self.studio.contributions = Some(contributions);
        self
    }

    /// Turns on uploads (issue #14): the studio's resumable uploads and what the studio knows of
    /// uploaded files, kept in the base so every node over it sees them. Without it uploads
    /// answer 404, residents' photographs cannot be taken and no file has info.
    pub fn with_uploads(mut self, uploads: Arc<dyn Uploads>) -> App {
        self.studio.uploads = Some(uploads);
        self
    }

    pub(crate) fn uploads(&self) -> Result<Arc<dyn Uploads>, AppError> {
        self.studio.uploads.clone().ok_or(AppError::NotFound)
    }

    /// Runs a synchronous uploads call on the blocking pool.
    pub(crate) async fn uploads_call<T, F>(&self, call: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn Uploads) -> Result<T, letopis_store::StoreError> + Send + 'static,
    {
        let uploads = self.uploads()?;
        tokio::task::spawn_blocking(move || call(&*uploads))
            .await
            .map_err(|e| {
                tracing::error!(error = %e, "an uploads call panicked");
                AppError::Internal
            })?
            .map_err(AppError::from)
    }

    /// What the studio knows about the file with this hash; `None` when nothing, when uploads
    /// are off, or when the store cannot answer (logged: a form then treats the file as
    /// unknown, as it would a file never uploaded).
    pub(crate) fn file_info(&self, sha: &str) -> Option<FileInfo> {
        let uploads = self.studio.uploads.as_ref()?;
        uploads
            .file_info(sha)
            .inspect_err(|e| tracing::error!(error = %e, "reading file info failed"))
            .ok()
            .flatten()
    }

    /// Whether residents' stories are taken (the «Рассказать о герое» form is on).
    pub(crate) fn takes_contributions(&self) -> bool {
        self.studio.contributions.is_some()
    }

    /// Runs a synchronous submissions call on the blocking pool.
    pub(crate) async fn contributions_call<T, F>(&self, call: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn Contributions) -> Result<T, letopis_store::StoreError> + Send + 'static,
    {
        let store = self
            .studio
            .contributions
            .clone()
            .ok_or(AppError::NotFound)?;
        tokio::task::spawn_blocking(move || call(&*store))
            .await
            .map_err(|e| {
                tracing::error!(error = %e, "a submissions call panicked");
                AppError::Internal
            })?
            .map_err(AppError::from)
    }

    pub(crate) fn accounts(&self) -> Result<Arc<dyn Accounts>, AppError> {
        self.studio.accounts.clone().ok_or(AppError::NotFound)
    }

    pub(crate) fn data_dir(&self) -> PathBuf {
        let config = self.config();
        config.studio.data_dir.clone().unwrap_or_else(|| {
            config
                .media_root
                .parent()
                .map(|p| p.to_path_buf())
                .unwrap_or_else(|| config.media_root.clone())
        })
    }

    pub(crate) fn mailer(&self) -> mail::Mailer {
        mail::Mailer::new(
            self.config().studio.mail.clone(),
            self.data_dir().join("mail"),
        )
    }

    /// Sends a letter on the blocking pool (SMTP may take seconds) and logs where it went. A
    /// letter that did not go is the caller's to explain, not an error of the request.
    pub(crate) async fn send_letter(
        &self,
        letter: mail::Letter,
    ) -> Result<Result<mail::Sent, mail::MailError>, AppError> {
        let mailer = self.mailer();
        let sent = tokio::task::spawn_blocking(move || mailer.send(&letter))
            .await
            .map_err(|_| AppError::Internal)?;
        match &sent {
            Ok(mail::Sent::File(path)) => tracing::info!(file = %path.display(), "letter written"),
            Ok(mail::Sent::Smtp(server)) => tracing::info!(%server, "letter sent"),
            Err(e) => tracing::error!(error = %e, "a letter was not sent"),
        }
        Ok(sent)
    }

    /// Runs a synchronous accounts call on the blocking pool.
    pub(crate) async fn accounts_call<T, F>(&self, call: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn Accounts) -> Result<T, letopis_store::StoreError> + Send + 'static,
    {
        let accounts = self.accounts()?;
        tokio::task::spawn_blocking(move || call(&*accounts))
            .await
            .map_err(|e| {
                tracing::error!(error = %e, "an accounts call panicked");
                AppError::Internal
            })?
            .map_err(AppError::from)
    }

    /// Appends to the audit log; a failure is logged and does not undo what was done.
    pub(crate) async fn audit(&self, entry: NewAudit) {
        if let Err(e) = self.accounts_call(move |a| a.audit(entry)).await {
            tracing::error!(error = %e, "writing the audit log failed");
        }
    }
}

/// All studio routes. Responses are never cached: they show drafts and personal data.
pub fn routes() -> Router<App> {
    let upload_chunk = DefaultBodyLimit::max(upload::MAX_CHUNK + 1024);
    Router::new()
        .route("/studio", get(dashboard::page))
        .route("/studio/sign-in", get(sign_in::form).post(sign_in::submit))
        .route("/studio/sign-out", post(sign_in::sign_out))
        .route(
            "/studio/reset",
            get(sign_in::reset_form).post(sign_in::reset_submit),
        )
        .route(
            "/studio/set-password/{token}",
            get(sign_in::set_password_form).post(sign_in::set_password_submit),
        )
        .route("/studio/users", get(users::page))
        .route("/studio/users/invite", post(users::invite))
        .route("/studio/users/{id}/roles", post(users::roles))
        .route("/studio/audit", get(audit::page))
        .route("/studio/preservation", get(preservation::page))
        .route("/studio/groups", get(groups::page).post(groups::create))
        // Lessons and tours (issue #17): teachers' and guides' own studio.
        .route("/studio/lessons", get(lessons::list).post(lessons::create))
        .route(
            "/studio/lessons/{id}",
            get(lessons::page).post(lessons::describe),
        )
        .route("/studio/lessons/{id}/blocks", post(lessons::add_block))
        .route("/studio/lessons/{id}/blocks/{n}", post(lessons::block))
        .route(
            "/studio/lessons/{id}/blocks/{n}/questions",
            post(lessons::add_question),
        )
        .route(
            "/studio/lessons/{id}/blocks/{n}/questions/{q}/delete",
            post(lessons::delete_question),
        )
        .route("/studio/lessons/{id}/state", post(lessons::state))
        .route("/studio/lessons/{id}/links", post(lessons::add_link))
        .route(
            "/studio/lessons/{id}/links/{code}/end",
            post(lessons::end_link),
        )
        .route("/studio/lessons/{id}/delete", post(lessons::delete))
        // The press office's media plan and press kits (issue #18).
        .route(
            "/studio/media-plan",
            get(media_plan::page).post(media_plan::create),
        )
        .route(
            "/studio/media-plan/{id}",
            get(media_plan::item).post(media_plan::save),
        )
        .route("/studio/media-plan/{id}/delete", post(media_plan::delete))
        .route("/studio/press-kit/{plural}/{slug}", get(press_kit::page))
        .route(
            "/studio/conference",
            get(conference::page).post(conference::save),
        )
        .route(
            "/studio/conference/papers/{id}",
            get(conference_paper::page),
        )
        .route(
            "/studio/conference/papers/{id}/file",
            get(conference_paper::file),
        )
        .route(
            "/studio/conference/papers/{id}/assign",
            post(conference_paper::assign),
        )
        .route(
            "/studio/conference/papers/{id}/review",
            post(conference_paper::review),
        )
        .route(
            "/studio/conference/papers/{id}/decide",
            post(conference_paper::decide),
        )
        .route(
            "/studio/conference/papers/{id}/schedule",
            post(conference_paper::schedule),
        )
        .route(
            "/studio/conference/papers/{id}/publish",
            post(conference_paper::publish),
        )
        .route("/studio/excursions", get(excursions::page))
        .route("/studio/excursions/{id}", post(excursions::decide))
        .route("/studio/excursions/{id}/plan", post(excursions::plan))
        .route("/studio/groups/{id}/members", post(groups::member))
        .route("/studio/council", get(council::page))
        // Venues in the micro-districts (issue #18).
        .route("/studio/venues", get(venues::page).post(venues::create))
        .route("/studio/venues/{id}", get(venues::venue).post(venues::save))
        .route("/studio/venues/{id}/activities", post(venues::add_activity))
        .route("/studio/venues/{id}/delete", post(venues::delete))
        .route("/studio/council.csv", get(council::csv))
        .route("/studio/council/quarter", get(council_report::page))
        .route("/studio/council/quarter.csv", get(council_report::csv))
        .route("/studio/council/quarter.pdf", get(council_report::pdf))
        .route("/studio/council/reports", post(council::report))
        .route("/studio/council/activities/{id}", post(council::link))
        .route(
            "/studio/council/activities/{id}/progress",
            post(council::progress),
        )
        // «Живые голоса» (issue #6): the register of narrators, interview projects, question
        // guides, support notes and follow-up tasks.
        .route("/studio/narrators", get(oral::narrators::list))
        .route(
            "/studio/narrators/new",
            get(oral::narrators::new_form).post(oral::narrators::create),
        )
        .route(
            "/studio/narrators/{id}",
            get(oral::narrators::card).post(oral::narrators::save),
        )
        .route(
            "/studio/narrators/{id}/private",
            get(oral::narrators::private).post(oral::narrators::save_private),
        )
        .route("/studio/projects", get(oral::projects::list))
        .route(
            "/studio/projects/new",
            get(oral::projects::new_form).post(oral::projects::create),
        )
        .route("/studio/projects/{id}", get(oral::projects::page))
        .route("/studio/projects/{id}/plan", post(oral::projects::plan))
        .route(
            "/studio/projects/{id}/materials",
            post(oral::projects::materials),
        )
        .route("/studio/projects/{id}/stage", post(oral::projects::stage))
        .route("/studio/projects/{id}/support", post(oral::support::note))
        .route("/studio/tasks/{id}/done", post(oral::support::task_done))
        .route("/studio/guides", get(oral::guides::list))
        .route(
            "/studio/guides/new",
            get(oral::guides::new_form).post(oral::guides::create),
        )
        .route(
            "/studio/guides/{id}",
            get(oral::guides::page).post(oral::guides::revise),
        )
        .route(
            "/studio/guides/{id}/versions/{version}",
            get(oral::guides::version),
        )
        // Residents' submissions (issue #7): the moderation queue and its actions.
        .route("/studio/contributions", get(contributions::queue))
        .route("/studio/contributions/{id}", get(contributions::page))
        .route(
            "/studio/contributions/{id}/files/{file_id}",
            get(contributions::file),
        )
        .route(
            "/studio/contributions/{id}/email",
            post(contributions::reveal),
        )
        .route("/studio/contributions/{id}/take", post(contributions::take))
        .route(
            "/studio/contributions/{id}/assign",
            post(contributions::assign),
        )
        .route("/studio/contributions/{id}/edit", post(contributions::edit))
        .route("/studio/contributions/{id}/ask", post(contributions::ask))
        .route(
            "/studio/contributions/{id}/decline",
            post(contributions::decline),
        )
        .route(
            "/studio/contributions/{id}/publish",
            post(contributions::publish),
        )
        .route(
            "/studio/contributions/{id}/withdraw",
            post(contributions::withdraw),
        )
        .route("/studio/edtf", get(edit::edtf_preview))
        .route("/studio/suggest", get(edit::suggest))
        .route(
            "/studio/uploads",
            post(upload::create).layer(DefaultBodyLimit::max(16 * 1024)),
        )
        .route(
            "/studio/uploads/{id}",
            get(upload::status).patch(upload::chunk).layer(upload_chunk),
        )
        .route("/studio/media/{sha256}", get(upload::preview))
        .route("/studio/records/{id}", get(edit::page).post(edit::save))
        .route("/studio/records/{id}/preview", get(preview::page))
        .route("/studio/records/{id}/autosave", post(edit::autosave))
        .route("/studio/records/{id}/workflow", post(workflow::step))
        .route("/studio/records/{id}/comments", post(workflow::comment))
        .route("/studio/records/{id}/assign", post(workflow::assign))
        .route("/studio/records/{id}/relations", post(edit::relate))
        .route(
            "/studio/records/{id}/relations/{relation}/delete",
            post(edit::unrelate),
        )
        .route("/studio/records/{id}/consents", post(workflow::add_consent))
        .route(
            "/studio/records/{id}/consents/{consent}/withdraw",
            post(workflow::withdraw_consent),
        )
        .route(
            "/studio/records/{id}/files/{name}",
            get(transcript_files::export),
        )
        .route(
            "/studio/records/{id}/transcript-import",
            post(transcript_files::import),
        )
        .route(
            "/studio/records/{id}/destroy-materials",
            post(withdrawal::destroy),
        )
        .route(
            "/studio/records/{id}/narrator-withdrawal",
            post(withdrawal::withdraw),
        )
        .route("/studio/records/{id}/history", get(history::page))
        .route(
            "/studio/records/{id}/history/{revision}/restore",
            post(history::restore),
        )
        .route("/studio/{plural}", get(edit::list))
        .route(
            "/studio/{plural}/new",
            get(edit::new_form).post(edit::create),
        )
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        ))
}

/// The signed-in person on a studio page.
#[derive(Debug, Clone)]
pub struct Staff {
    pub user: User,
    pub csrf: String,
    pub viewer: Viewer,
    pub token_hash: String,
    pub ip: Option<String>,
    /// The interface language of this request (`?lang=`, then the cookie, then Russian).
    pub t: Tr,
}

impl Staff {
    /// 403 unless the person's roles grant `p`.
    pub fn require(&self, p: Permission) -> Result<(), AppError> {
        if self.user.roles.may(p) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    pub fn may(&self, p: Permission) -> bool {
        self.user.roles.may(p)
    }

    /// Refuses a POST whose form token is not this session's (cross-site request forgery).
    pub fn check_csrf(&self, sent: Option<&str>) -> Result<(), AppError> {
        match sent {
            Some(sent) if auth::same_secret(sent, &self.csrf) => Ok(()),
            _ => Err(AppError::Forbidden),
        }
    }

    pub fn actor(&self) -> letopis_core::history::Actor {
        letopis_core::history::Actor::user(self.user.id, &self.user.display_name)
    }

    pub fn audit(
        &self,
        action: &str,
        subject: Option<String>,
        detail: impl Into<String>,
    ) -> NewAudit {
        NewAudit {
            actor_user: Some(self.user.id),
            actor: self.user.display_name.clone(),
            action: action.into(),
            subject,
            detail: detail.into(),
            ip: self.ip.clone(),
        }
    }
}

/// Without a session: to the sign-in page, coming back here afterwards.
pub struct SignInFirst(String);

impl IntoResponse for SignInFirst {
    fn into_response(self) -> Response {
        let next = crate::shell::prefs::encode_component(&self.0);
        Redirect::to(&format!("/studio/sign-in?next={next}")).into_response()
    }
}

/// A signed-in person who may build lessons and tours (`Permission::Teach`): a teacher, or one
/// of the museum's own people who guide excursions. The lessons studio and the guide's remote
/// take this instead of [`Staff`], which asks for the studio's `Edit`.
pub struct Teacher(pub Staff);

impl FromRequestParts<App> for Teacher {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        signed_in(parts, app, Permission::Teach).await.map(Teacher)
    }
}

impl FromRequestParts<App> for Staff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        // A teacher's studio is her lessons, the press office's its media plan: `/studio` leads
        // there rather than to a 403.
        if parts.uri.path() == "/studio"
            && let Some(found) = current_session(parts, app).await
            && !found.user.roles.may(Permission::Edit)
        {
            if found.user.roles.may(Permission::Teach) {
                return Err(Redirect::to("/studio/lessons").into_response());
            }
            if found.user.roles.may(Permission::Publicize) {
                return Err(Redirect::to("/studio/media-plan").into_response());
            }
        }
        signed_in(parts, app, Permission::Edit).await
    }
}

/// The signed-in person, if their roles grant `needed`: else a redirect to sign in (no
/// session) or 403.
async fn signed_in(parts: &mut Parts, app: &App, needed: Permission) -> Result<Staff, Response> {
    if app.studio.accounts.is_none() {
        return Err(AppError::NotFound.into_response());
    }
    let here = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/studio".into());
    let Some(found) = current_session(parts, app).await else {
        return Err(SignInFirst(here).into_response());
    };
    // Residents hold accounts but no studio role; teachers only their lessons'.
    if !found.user.roles.may(needed) {
        return Err(AppError::Forbidden.into_response());
    }
    Ok(Staff {
        viewer: found.viewer(),
        user: found.user,
        csrf: found.csrf,
        token_hash: found.token_hash,
        ip: session::client_ip(parts),
        t: crate::shell::prefs::Prefs::read(&parts.uri, &parts.headers).tr(),
    })
}

/// A 303 to `to` after a successful POST.
pub fn see_other(to: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(
            header::LOCATION,
            HeaderValue::from_str(to).unwrap_or(HeaderValue::from_static("/studio")),
        )],
    )
        .into_response()
}

/// A studio page: a template rendered inside `studio/base.html`.
pub fn render(page: &impl askama::Template) -> Result<Response, AppError> {
    crate::public::render_html(page).map(IntoResponse::into_response)
}

/// The frame of every studio page.
pub struct Frame {
    pub title: String,
    pub user_name: String,
    pub csrf: String,
    pub nav: Vec<crate::public::Link>,
    pub current: String,
    /// A one-line notice after an action («Сохранено»).
    pub notice: String,
    pub t: Tr,
}

impl Frame {
    pub fn new(staff: &Staff, title: impl Into<String>, current: &str) -> Frame {
        let t = staff.t;
        let link = |href: &str, key: &str| crate::public::Link::new(href, t.msg(key));
        if !staff.may(Permission::Edit) {
            // A teacher's studio is her lessons; the press office's, its media plan.
            let mut nav = Vec::new();
            if staff.may(Permission::Teach) {
                nav.extend([
                    link("/studio/lessons", "studio-nav-lessons"),
                    link("/lessons", "studio-nav-lessons-public"),
                    link("/guide", "studio-nav-guide"),
                ]);
            }
            if staff.may(Permission::Publicize) {
                nav.push(link("/studio/media-plan", "studio-nav-media-plan"));
            }
            return Frame {
                title: title.into(),
                user_name: staff.user.display_name.clone(),
                csrf: staff.csrf.clone(),
                nav,
                current: current.to_string(),
                notice: String::new(),
                t,
            };
        }
        let mut nav = vec![link("/studio", "studio-nav-mine")];
        for kind in letopis_core::Kind::ALL {
            nav.push(crate::public::Link::new(
                format!("/studio/{}", kind.plural()),
                kind_plural(&t, kind),
            ));
        }
        nav.push(link("/studio/groups", "studio-nav-groups"));
        // «Живые голоса»: everyone in the studio has the entries; each page shows only the
        // narrators and projects the person works on (coordinators: all of them).
        nav.push(link("/studio/narrators", "studio-nav-narrators"));
        nav.push(link("/studio/projects", "studio-nav-projects"));
        nav.push(link("/studio/guides", "studio-nav-guides"));
        if staff.may(Permission::Teach) {
            nav.push(link("/studio/lessons", "studio-nav-lessons"));
        }
        if staff.may(Permission::Review) {
            nav.push(link("/studio/contributions", "studio-nav-contributions"));
            nav.push(link("/studio/conference", "studio-nav-conference"));
        }
        if staff.may(Permission::Publicize) {
            nav.push(link("/studio/media-plan", "studio-nav-media-plan"));
        }
        if staff.may(Permission::Council) {
            nav.push(link("/studio/council", "studio-nav-council"));
            nav.push(link("/studio/excursions", "studio-nav-excursions"));
            nav.push(link("/studio/venues", "studio-nav-venues"));
        }
        if staff.may(Permission::Administer) {
            nav.push(link("/studio/users", "studio-nav-users"));
            nav.push(link("/studio/audit", "studio-nav-audit"));
            nav.push(link("/studio/preservation", "studio-nav-preservation"));
        }
        Frame {
            title: title.into(),
            user_name: staff.user.display_name.clone(),
            csrf: staff.csrf.clone(),
            nav,
            current: current.to_string(),
            notice: String::new(),
            t,
        }
    }

    pub fn with_notice(mut self, notice: Option<&str>) -> Frame {
        self.notice = notice
            .map(|code| notice_text(&self.t, code))
            .unwrap_or_default();
        self
    }

    pub fn asset(&self, path: &str) -> String {
        crate::shell::assets::url(path)
    }
}

/// Notices are named in redirects (`?done=saved`) and looked up here, so no text from a URL is
/// ever shown on a page: an unknown code shows nothing.
fn notice_text(t: &Tr, code: &str) -> String {
    if NOTICES.contains(&code) {
        t.msg(&format!("studio-notice-{code}"))
    } else {
        String::new()
    }
}

/// Every `?done=` code a studio action may redirect with; each has a `studio-notice-…` message.
const NOTICES: &[&str] = &[
    "saved",
    "lesson-resubmitted",
    "lesson-block-added",
    "lesson-question-added",
    "lesson-shared",
    "lesson-link",
    "lesson-link-ended",
    "lesson-deleted",
    "excursion-planned",
    "media-added",
    "media-deleted",
    "venue-created",
    "venue-saved",
    "venue-activity",
    "venue-deleted",
    "created",
    "submitted",
    "published",
    "returned",
    "withdrawn",
    "commented",
    "assigned",
    "related",
    "unrelated",
    "restored",
    "consent",
    "consent-withdrawn",
    "transcript-imported",
    "destroyed",
    "narrator-withdrawn",
    "invited",
    "roles",
    "group",
    "report",
    "narrator",
    "private",
    "project",
    "ticks",
    "moved",
    "support",
    "distress",
    "distress-nobody",
    "distress-unsent",
    "task",
    "guide",
    "unchanged",
    "taken",
    "asked",
    "asked-unsent",
    "declined",
    "declined-unsent",
    "submission-published",
    "submission-published-unsent",
    "submission-withdrawn",
    "conference-saved",
    "paper-assigned",
    "paper-reviewed",
    "paper-decided",
    "paper-decided-unsent",
    "paper-scheduled",
    "paper-published",
];

/// The studio's name of a kind's list: the portal's, except that people are «Люди» here.
pub fn kind_plural(t: &Tr, kind: letopis_core::Kind) -> String {
    t.msg(&format!("studio-kind-plural-{}", kind.code()))
}

/// «12 марта 2025 г., 14:05» in the museum's time zone, for lists and history.
pub fn when(t: &Tr, at: jiff::Timestamp) -> String {
    crate::shell::text::moment(t, at)
}
