//! `/sitemap.xml` and its parts `/sitemaps/{plural}-{n}.xml` (sitemaps.org protocol 0.9).
//!
//! The index always points at parts, one series per kind, because a town's base grows past the
//! protocol's 50,000 URLs per file without warning (a memorial project imports 100,000 names in
//! an afternoon); `pages-1.xml` holds the section pages. Each part is read through the gate as
//! the anonymous viewer, in pages of the store's maximum of 1,000, and lists only records that
//! viewer may see, each with its `updated_at` as `<lastmod>`. On a 100,000-person base a full
//! part takes 0.6–0.9 s to read (offset paging walks the index), so written parts are kept until
//! the next write (`seq_cache`).

use super::SiteBase;
use super::xml::{Xml, XmlResult};
use crate::App;
use crate::gate::Gate;
use crate::shell::error::AppError;
use crate::shell::links::{record_href, section_href};
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use letopis_core::{Kind, Viewer};
use letopis_store::{ListQuery, Order};
use std::sync::Arc;

/// The protocol's limit of URLs in one sitemap file.
pub const URLS_PER_PART: u64 = 50_000;
/// The store's largest page.
const STORE_PAGE: u64 = 1_000;
const NAMESPACE: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
/// The part listing home, section lists, map and timeline.
const PAGES_PART: &str = "pages-1";

pub async fn index(State(app): State<App>, headers: HeaderMap) -> Result<Response, AppError> {
    let base = trusted_base(&app, &headers)?;
    let counts = app.read(Viewer::anonymous(), |gate| gate.counts()).await?;
    let mut parts = vec![PAGES_PART.to_string()];
    for (kind, count) in counts {
        for n in 1..=count.div_ceil(URLS_PER_PART) {
            parts.push(format!("{}-{n}", kind.plural()));
        }
    }
    let xml = write_index(&base, &parts).map_err(xml_failed)?;
    Ok(respond(xml))
}

pub async fn part(
    State(app): State<App>,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let base = trusted_base(&app, &headers)?;
    let name = file.strip_suffix(".xml").ok_or(AppError::NotFound)?;
    if name == PAGES_PART {
        return Ok(respond(write_pages(&base).map_err(xml_failed)?));
    }
    let (plural, n) = name.rsplit_once('-').ok_or(AppError::NotFound)?;
    let kind = Kind::from_plural(plural).ok_or(AppError::NotFound)?;
    let n: u64 = n
        .parse()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or(AppError::NotFound)?;
    // Cached at the change feed's position, so a withdrawal still leaves the part at once; the
    // day is in the key because embargoes end and consents run out by the calendar.
    let key = format!("{name}|{}|{}", base.best(""), letopis_core::today());
    let cache = app.sitemaps.clone();
    let xml = app
        .read(Viewer::anonymous(), move |gate| {
            let seq = gate.change_seq()?;
            if let Some(hit) = cache.get(seq, &key) {
                return Ok(hit);
            }
            let xml = Arc::new(Bytes::from(write_part(gate, &base, kind, n)?));
            cache.put(seq, key, xml.clone());
            Ok(xml)
        })
        .await?;
    Ok(respond(Bytes::clone(&xml)))
}

/// The base for absolute URLs, or 404: a sitemap of relative URLs is not a sitemap.
pub(crate) fn trusted_base(app: &App, headers: &HeaderMap) -> Result<SiteBase, AppError> {
    let base = SiteBase::from_request(app.config(), headers);
    if !base.is_known() {
        tracing::warn!(
            "no public_url is configured: the sitemap and the feed need it to write absolute \
             addresses; set public_url in letopis.toml"
        );
        return Err(AppError::NotFound);
    }
    Ok(base)
}

pub(crate) fn xml_failed(e: std::io::Error) -> AppError {
    tracing::error!(error = %e, "could not write an XML document");
    AppError::Internal
}

fn respond(xml: impl Into<Body>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        xml.into(),
    )
        .into_response()
}

fn write_index(base: &SiteBase, parts: &[String]) -> Result<String, std::io::Error> {
    let mut xml = Xml::new(128 * parts.len() + 256)?;
    xml.open("sitemapindex", &[("xmlns", NAMESPACE)])?;
    for part in parts {
        xml.open("sitemap", &[])?;
        xml.text("loc", &[], &base.best(&format!("/sitemaps/{part}.xml")))?;
        xml.close("sitemap")?;
    }
    xml.close("sitemapindex")?;
    Ok(xml.finish())
}

fn write_pages(base: &SiteBase) -> Result<String, std::io::Error> {
    let mut paths = vec!["/".to_string()];
    paths.extend(Kind::ALL.into_iter().map(section_href));
    // The pages that go onto posters and into partners' sites (issue #18).
    paths.extend(
        [
            "/map",
            "/timeline",
            "/districts",
            "/conference",
            "/developers",
            "/export",
        ]
        .into_iter()
        .map(String::from),
    );
    let mut xml = Xml::new(4096)?;
    xml.open("urlset", &[("xmlns", NAMESPACE)])?;
    for path in paths {
        url(&mut xml, &base.best(&path), None)?;
    }
    xml.close("urlset")?;
    Ok(xml.finish())
}

/// Part `n` of a kind's records, or 404 past the last one.
fn write_part(gate: &Gate<'_>, base: &SiteBase, kind: Kind, n: u64) -> Result<String, AppError> {
    let start = (n - 1).saturating_mul(URLS_PER_PART);
    let mut query = ListQuery {
        offset: start,
        limit: STORE_PAGE,
        order: Order::Title,
        ..ListQuery::new(kind)
    };
    let mut page = gate.list(&query)?;
    if start >= page.total {
        return Err(AppError::NotFound);
    }
    let end = page.total.min(start + URLS_PER_PART);
    // ~110 bytes per URL: the slug, the date and the tags around them.
    let capacity = usize::try_from((end - start) * 110).unwrap_or(0);
    let mut xml = Xml::new(capacity).map_err(xml_failed)?;
    xml.open("urlset", &[("xmlns", NAMESPACE)])
        .map_err(xml_failed)?;
    loop {
        for record in &page.items {
            let meta = &record.record.meta;
            let lastmod = super::w3c_datetime(meta.updated_at);
            url(
                &mut xml,
                &base.best(&record_href(kind, &meta.slug)),
                Some(&lastmod),
            )
            .map_err(xml_failed)?;
        }
        query.offset += STORE_PAGE;
        if query.offset >= end {
            break;
        }
        query.limit = STORE_PAGE.min(end - query.offset);
        page = gate.list(&query)?;
    }
    xml.close("urlset").map_err(xml_failed)?;
    Ok(xml.finish())
}

fn url(xml: &mut Xml, loc: &str, lastmod: Option<&str>) -> XmlResult {
    xml.open("url", &[])?;
    xml.text("loc", &[], loc)?;
    if let Some(lastmod) = lastmod {
        xml.text("lastmod", &[], lastmod)?;
    }
    xml.close("url")
}
