//! The page of an item: the scan viewed large with deep zoom (OpenSeadragon, vendored), the
//! transcription of a handwritten text beside it, then provenance, holder, rights and related
//! records.
//!
//! Without JavaScript (or with images off) the page shows plain `<img>` elements and a link to
//! each full file; `static/js/zoom.js` replaces them with the zoomable viewer.

use super::statement::{Statement, age_badge};
use super::view::{self, Image, RecordView};
use crate::public::{Layout, PageContext, render_html};
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use askama::Template;
use axum::response::Html;
use letopis_core::entities::Item;

/// A file of the vendored viewer's button images; the viewer is given the folder it is in.
const OSD_IMAGE: &str = "vendor/openseadragon/images/home_rest.png";

/// The viewer's controls, by OpenSeadragon's string names, with our message keys.
const ZOOM_TOOLTIPS: [(&str, &str); 8] = [
    ("ZoomIn", "zoom-in"),
    ("ZoomOut", "zoom-out"),
    ("Home", "zoom-home"),
    ("FullPage", "zoom-full-page"),
    ("RotateLeft", "zoom-rotate-left"),
    ("RotateRight", "zoom-rotate-right"),
    ("NextPage", "zoom-next-page"),
    ("PreviousPage", "zoom-previous-page"),
];

#[derive(Template)]
#[template(path = "public/item.html")]
struct ItemPage {
    layout: Layout,
    t: Tr,
    view: RecordView,
    scan: Scan,
}

pub struct Scan {
    pub images: Vec<Image>,
    /// JSON for the viewer: the image URLs, its button images' folder, its tooltips.
    pub sources: String,
    pub prefix: String,
    pub tooltips: String,
    pub transcription: Vec<String>,
    pub age_rating: String,
    pub statement: Option<Statement>,
}

pub fn page(
    ctx: PageContext,
    layout: Layout,
    seen: &crate::gate::Seen,
    item: &Item,
) -> Result<Html<String>, AppError> {
    let t = ctx.t;
    let mut view = view::build(seen, t);
    let transcription_heading = t.msg("section-transcription");
    view.texts.retain(|x| x.heading != transcription_heading);
    let images = std::mem::take(&mut view.images);
    let meta = &seen.record.record.meta;
    // The deep zoom reads the portal's own IIIF image service: tiles at each scale instead of
    // the whole file at once.
    let sources: Vec<String> = images
        .iter()
        .map(|i| match i.src.strip_prefix("/media/") {
            Some(sha256) => format!("/iiif/image/{sha256}/info.json"),
            None => i.src.clone(),
        })
        .collect();
    let tooltips: serde_json::Map<String, serde_json::Value> = ZOOM_TOOLTIPS
        .iter()
        .map(|(name, key)| (name.to_string(), t.msg(key).into()))
        .collect();
    let osd_image = crate::shell::assets::url(OSD_IMAGE);
    let scan = Scan {
        sources: serde_json::to_string(&sources).unwrap_or_default(),
        prefix: osd_image
            .strip_suffix("home_rest.png")
            .unwrap_or(&osd_image)
            .to_string(),
        tooltips: serde_json::Value::Object(tooltips).to_string(),
        images,
        transcription: view::paragraphs(&item.transcription),
        age_rating: age_badge(meta.age_rating),
        statement: Statement::for_record(&t, meta, false),
    };
    render_html(&ItemPage {
        layout,
        t,
        view,
        scan,
    })
}
