//! `/class/{code}`: a class link. Pupils open the kit without an account and without giving
//! anything: no name, and no answer reaches the server (they stay in the pupil's browser). The
//! link switches school mode on at its own age limit, for this page and the pupil's visit
//! after it, and opens until the last day the teacher chose.

use super::pages::kit_page;
use crate::public::{Layout, PageContext, render_html};
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use crate::shell::prefs;
use crate::{App, CurrentViewer};
use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use letopis_core::AgeRating;
use letopis_core::lesson::normalize_code;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "lessons/class_form.html")]
struct CodePage {
    layout: Layout,
    t: Tr,
    code: String,
    error: String,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct CodeParams {
    code: String,
}

fn code_page(
    app: &App,
    ctx: &PageContext,
    status: StatusCode,
    code: &str,
    error: String,
) -> Result<Response, AppError> {
    let t = ctx.t;
    let page = render_html(&CodePage {
        layout: ctx.layout(app, t.msg("class-title")),
        t,
        code: code.to_string(),
        error,
    })?;
    Ok((status, page).into_response())
}

/// `GET /class[?code=…]`: where a pupil types the code from the board.
pub async fn form(
    State(app): State<App>,
    ctx: PageContext,
    query: Result<Query<CodeParams>, QueryRejection>,
) -> Result<Response, AppError> {
    let typed = query.map(|Query(p)| p.code).unwrap_or_default();
    if typed.trim().is_empty() {
        return code_page(&app, &ctx, StatusCode::OK, "", String::new());
    }
    match normalize_code(&typed) {
        Some(code) => Ok(Redirect::to(&format!("/class/{code}")).into_response()),
        None => {
            let error = ctx.t.msg("class-error-code");
            code_page(&app, &ctx, StatusCode::BAD_REQUEST, typed.trim(), error)
        }
    }
}

/// `GET /class/{code}`.
pub async fn open(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
    Path(typed): Path<String>,
) -> Result<Response, AppError> {
    let t = ctx.t;
    let Some(code) = normalize_code(&typed) else {
        let error = t.msg("class-error-code");
        return code_page(&app, &ctx, StatusCode::NOT_FOUND, "", error);
    };
    if code != typed {
        return Ok(Redirect::permanent(&format!("/class/{code}")).into_response());
    }
    let found = {
        let code = code.clone();
        app.accounts_call(move |a| {
            let Some(link) = a.class_link(&code)? else {
                return Ok(None);
            };
            Ok(a.kit(link.kit)?.map(|kit| (link, kit)))
        })
        .await?
    };
    let Some((link, kit)) = found else {
        let error = t.msg("class-error-unknown");
        return code_page(&app, &ctx, StatusCode::NOT_FOUND, &code, error);
    };
    if !link.open_on(letopis_core::today()) {
        let error = t.args(
            "class-error-expired",
            &[(
                "date",
                link.expires_on.strftime("%d.%m.%Y").to_string().into(),
            )],
        );
        return code_page(&app, &ctx, StatusCode::GONE, &code, error);
    }
    let limit = AgeRating::from_years(link.max_age).unwrap_or(prefs::SCHOOL_DEFAULT);
    // The stricter of the link's limit and one already on (a hall's kiosk, a younger class).
    let limit = viewer.max_age.map_or(limit, |current| current.min(limit));
    let viewer = viewer.with_max_age(limit);
    let mut ctx = ctx;
    ctx.prefs.school = Some(limit);
    let page = kit_page(&app, viewer, ctx, &kit, None, code).await?;
    let mut response = page.into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        prefs::set_cookie(prefs::SCHOOL_COOKIE, &limit.years().to_string()),
    );
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("private, no-store"),
    );
    Ok(response)
}
