//! `/feed.atom`: the museum's newest material as an Atom 1.0 feed (RFC 4287), in Russian.
//!
//! The 50 records most recently published or changed, across kinds: each kind's newest 50 are
//! read through the gate as the anonymous viewer and merged. There is no cache, so a withdrawn
//! record leaves the feed with the commit that withdrew it (DESIGN.md, invariant 3).
//!
//! An entry's id is the record's address by number (`…/persons/123`): it answers with a redirect
//! to the current slug, so it stays the same when a title (and with it the slug) is corrected.

use super::SiteBase;
use super::sitemap::{trusted_base, xml_failed};
use super::social::description;
use super::xml::Xml;
use crate::App;
use crate::gate::Gate;
use crate::shell::error::AppError;
use crate::shell::i18n::{Lang, Tr};
use crate::shell::links::{kind_label, record_href};
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use letopis_core::{Kind, Viewer};
use letopis_store::{ListQuery, Order, StoredRecord};

/// How many entries the feed carries.
pub const ENTRIES: usize = 50;
const ATOM: &str = "http://www.w3.org/2005/Atom";

pub async fn feed(State(app): State<App>, headers: HeaderMap) -> Result<Response, AppError> {
    let base = trusted_base(&app, &headers)?;
    let records = app.read(Viewer::anonymous(), newest).await?;
    let site_name = app.config().site_name.clone();
    let xml = write(&base, &site_name, &records).map_err(xml_failed)?;
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        xml,
    )
        .into_response())
}

/// The newest visible records of all kinds, newest first.
fn newest(gate: &Gate<'_>) -> Result<Vec<StoredRecord>, AppError> {
    let mut all = Vec::new();
    for kind in Kind::ALL {
        let query = ListQuery {
            limit: ENTRIES as u64,
            order: Order::Recent,
            ..ListQuery::new(kind)
        };
        all.extend(gate.list(&query)?.items);
    }
    all.sort_by(|a, b| {
        let key = |r: &StoredRecord| (r.record.meta.updated_at, r.record.id());
        key(b).cmp(&key(a))
    });
    all.truncate(ENTRIES);
    Ok(all)
}

fn write(base: &SiteBase, site_name: &str, records: &[StoredRecord]) -> std::io::Result<String> {
    let t = Tr::new(Lang::Ru);
    let home = base.best("/");
    // A feed must say when it last changed; an empty one has changed now.
    let updated = records
        .first()
        .map_or_else(jiff::Timestamp::now, |r| r.record.meta.updated_at);
    let mut xml = Xml::new(1024 * (records.len() + 2))?;
    xml.open("feed", &[("xmlns", ATOM), ("xml:lang", "ru")])?;
    xml.text("id", &[], &home)?;
    let title = t.args("seo-feed-title", &[("site", site_name.to_string().into())]);
    xml.text("title", &[], &title)?;
    xml.text("subtitle", &[], &t.msg("seo-site-description"))?;
    xml.text("updated", &[], &super::w3c_datetime(updated))?;
    let self_href = base.best(super::FEED_PATH);
    xml.empty(
        "link",
        &[
            ("rel", "self"),
            ("type", "application/atom+xml"),
            ("href", &self_href),
        ],
    )?;
    xml.empty(
        "link",
        &[("rel", "alternate"), ("type", "text/html"), ("href", &home)],
    )?;
    xml.open("author", &[])?;
    xml.text("name", &[], site_name)?;
    xml.text("uri", &[], &home)?;
    xml.close("author")?;
    for record in records {
        entry(&mut xml, base, &t, record)?;
    }
    xml.close("feed")?;
    Ok(xml.finish())
}

fn entry(xml: &mut Xml, base: &SiteBase, t: &Tr, record: &StoredRecord) -> std::io::Result<()> {
    let rec = &record.record;
    let kind = rec.kind();
    xml.open("entry", &[])?;
    xml.text(
        "id",
        &[],
        &base.best(&format!("/{}/{}", kind.plural(), rec.id().0)),
    )?;
    xml.text("title", &[("type", "text")], &rec.title())?;
    xml.text("updated", &[], &super::w3c_datetime(rec.meta.updated_at))?;
    xml.text("published", &[], &super::w3c_datetime(rec.meta.created_at))?;
    let href = base.best(&record_href(kind, &rec.meta.slug));
    xml.empty(
        "link",
        &[("rel", "alternate"), ("type", "text/html"), ("href", &href)],
    )?;
    xml.empty(
        "category",
        &[("term", kind.code()), ("label", &kind_label(t, kind))],
    )?;
    let summary = description(&rec.body, t);
    if !summary.is_empty() {
        xml.text("summary", &[("type", "text")], &summary)?;
    }
    xml.close("entry")
}
