//! `GET /iiif/viewer?manifest=/iiif/{plural}/{id}/manifest`: the portal's own IIIF viewer. The
//! page names the record and links its page; `static/js/iiif-viewer.js` reads the manifest and
//! shows what it paints — a recording with its transcript and index from the annotations
//! (click a line to hear it), or pictures in the deep zoom through the image service — so what
//! another museum's viewer gets from the manifest is what a visitor here can check.
//!
//! Only this portal's own manifests open here: a viewer that fetched any address would make
//! the visitor's browser ask other hosts (DESIGN.md, invariant 5).

use crate::public::{Layout, PageContext, render_html};
use crate::shell::error::AppError;
use crate::shell::i18n::{Message, Tr};
use crate::shell::links::{manifest_of, record_href};
use crate::{App, CurrentViewer};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Html;
use letopis_core::Kind;

#[derive(serde::Deserialize)]
pub struct Params {
    #[serde(default)]
    manifest: String,
}

#[derive(Template)]
#[template(path = "public/iiif_viewer.html")]
struct ViewerPage {
    layout: Layout,
    t: Tr,
    title: String,
    page: String,
    manifest: String,
    zoom_prefix: String,
}

/// `/iiif/{plural}/{id}/manifest` → its kind and id.
fn parse(path: &str) -> Option<(Kind, letopis_core::record::RecordId)> {
    let rest = path.strip_prefix("/iiif/")?.strip_suffix("/manifest")?;
    let (plural, id) = rest.split_once('/')?;
    let id = id.parse::<i64>().ok().filter(|n| *n > 0)?;
    Some((
        Kind::from_plural(plural)?,
        letopis_core::record::RecordId(id),
    ))
}

pub async fn page(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
    Query(params): Query<Params>,
) -> Result<Html<String>, AppError> {
    let (kind, id) = parse(&params.manifest)
        .ok_or_else(|| AppError::BadRequest(Message::new("iiif-viewer-bad-manifest")))?;
    let record = app
        .read(viewer, move |gate| {
            Ok(gate.get(id)?.filter(|r| r.record.kind() == kind))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let r = &record.record;
    let manifest = manifest_of(&r.body, kind, id).ok_or(AppError::NotFound)?;
    let t = ctx.t;
    let title = r.title();
    let osd_image = crate::shell::assets::url("vendor/openseadragon/images/home_rest.png");
    render_html(&ViewerPage {
        layout: ctx.layout(
            &app,
            t.args("iiif-viewer-title", &[("title", title.clone().into())]),
        ),
        page: record_href(kind, &r.meta.slug),
        title,
        manifest,
        zoom_prefix: osd_image
            .strip_suffix("home_rest.png")
            .unwrap_or(&osd_image)
            .to_string(),
        t,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_portals_manifests_open() {
        assert_eq!(
            parse("/iiif/interviews/12/manifest"),
            Some((Kind::Interview, letopis_core::record::RecordId(12)))
        );
        for bad in [
            "https://other.example/iiif/interviews/12/manifest",
            "//other.example/iiif/interviews/12/manifest",
            "/iiif/interviews/12",
            "/iiif/tanks/12/manifest",
            "/iiif/interviews/x/manifest",
            "",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
