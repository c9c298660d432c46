//! The export files, streamed: the store is read a page at a time on the blocking pool and each
//! page's bytes are sent before the next is read.

use crate::api::records::record_json;
use crate::gate::{Gate, Seen};
use crate::oai::dc;
use crate::seo::SiteBase;
use crate::seo::xml::Xml;
use crate::shell::error::AppError;
use crate::shell::links::record_href;
use crate::studio::Staff;
use crate::{App, CurrentViewer};
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use letopis_core::account::Permission;
use letopis_core::record::RecordId;
use letopis_core::{Kind, Viewer};
use letopis_store::{ListQuery, Order};

/// Records read and written per step: one page of the store.
const PAGE: u64 = 500;
/// Exports written at once. Each holds a thread of the blocking pool while it runs (the store
/// is synchronous), so a crowd of downloads must not take the threads pages are read on; the
/// next one is told to come back (503 with `Retry-After`).
static EXPORTS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);
/// A client that takes nothing for this long is dropped, and its thread freed.
const STALLED: std::time::Duration = std::time::Duration::from_secs(60);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// UTF-8 with a BOM, `;`: what a spreadsheet in a Russian locale opens as it is.
    Spreadsheet,
    /// Plain UTF-8, `,`.
    Csv,
    JsonLines,
    DublinCore,
}

impl Format {
    fn content_type(self) -> &'static str {
        match self {
            Format::Spreadsheet | Format::Csv => "text/csv; charset=utf-8",
            Format::JsonLines => "application/jsonl; charset=utf-8",
            Format::DublinCore => "application/xml; charset=utf-8",
        }
    }
}

/// `persons.csv` → (persons, spreadsheet CSV).
pub fn parse_file(file: &str) -> Option<(Kind, Format)> {
    let (plural, format) = if let Some(p) = file.strip_suffix(".utf8.csv") {
        (p, Format::Csv)
    } else if let Some(p) = file.strip_suffix(".csv") {
        (p, Format::Spreadsheet)
    } else if let Some(p) = file.strip_suffix(".jsonl") {
        (p, Format::JsonLines)
    } else if let Some(p) = file.strip_suffix(".dc.xml") {
        (p, Format::DublinCore)
    } else {
        return None;
    };
    Some((Kind::from_plural(plural)?, format))
}

/// `GET /export/{plural}.{csv,utf8.csv,jsonl,dc.xml}`
pub async fn public(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let (kind, format) = parse_file(&file).ok_or(AppError::NotFound)?;
    let base = SiteBase::from_request(app.config(), &headers);
    stream(app, viewer, false, base, kind, format, &file)
}

/// `GET /studio/export/{plural}.jsonl`: administrators take the whole base (audited).
pub async fn studio_whole(
    State(app): State<App>,
    staff: Staff,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    staff.require(Permission::Administer)?;
    let (kind, format) = parse_file(&file).ok_or(AppError::NotFound)?;
    if format != Format::JsonLines {
        return Err(AppError::NotFound);
    }
    app.audit(staff.audit("export", None, format!("вся база: {file}")))
        .await;
    let base = SiteBase::from_request(app.config(), &headers);
    let mut response = stream(app, staff.viewer.clone(), true, base, kind, format, &file)?;
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    Ok(response)
}

/// `GET /export/dc/{plural}/{id}.xml`: one record's Dublin Core.
pub async fn one_dc(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    headers: HeaderMap,
    Path((plural, file)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let kind = Kind::from_plural(&plural).ok_or(AppError::NotFound)?;
    let id = file
        .strip_suffix(".xml")
        .and_then(|id| id.parse::<i64>().ok())
        .filter(|id| *id > 0)
        .map(RecordId)
        .ok_or(AppError::NotFound)?;
    let base = SiteBase::from_request(app.config(), &headers);
    let site = app.config().site_name.clone();
    let xml = app
        .read(viewer, move |gate| {
            let Some(record) = gate.get(id)?.filter(|r| r.record.kind() == kind) else {
                return Ok(None);
            };
            let seen = gate.seen(record)?;
            let mut xml = Xml::new(4096).map_err(crate::seo::sitemap::xml_failed)?;
            dc::write(&mut xml, &base, &site, &seen).map_err(crate::seo::sitemap::xml_failed)?;
            Ok(Some(xml.finish()))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((
        [(header::CONTENT_TYPE, Format::DublinCore.content_type())],
        xml,
    )
        .into_response())
}

/// The response whose body the blocking pool writes page by page.
fn stream(
    app: App,
    viewer: Viewer,
    whole: bool,
    base: SiteBase,
    kind: Kind,
    format: Format,
    file: &str,
) -> Result<Response, AppError> {
    let turn = EXPORTS.try_acquire().map_err(|_| AppError::Busy)?;
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(2);
    let site = app.config().site_name.clone();
    tokio::spawn(async move {
        let _turn = turn;
        let failed = tx.clone();
        let read = move |gate: &Gate<'_>| write_all(gate, &base, &site, kind, format, &tx);
        let done = if whole {
            app.read_studio(viewer, read).await
        } else {
            app.read(viewer, read).await
        };
        if let Err(e) = done {
            tracing::error!(error = ?e, "an export stopped half-way");
            // The client sees a cut connection, never a file that looks whole.
            let _ = failed
                .send(Err(std::io::Error::other("the export stopped")))
                .await;
        }
    });
    let body = Body::from_stream(futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|chunk| (chunk, rx))
    }));
    let disposition = format!("attachment; filename=\"{file}\"");
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(format.content_type()),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition)
                    .unwrap_or(HeaderValue::from_static("attachment")),
            ),
        ],
        body,
    )
        .into_response())
}

/// Writes every record of `kind` the gate lets through, a page at a time, into `tx`; stops when
/// the client has gone.
fn write_all(
    gate: &Gate<'_>,
    base: &SiteBase,
    site: &str,
    kind: Kind,
    format: Format,
    tx: &tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>,
) -> Result<(), AppError> {
    // On the blocking pool: wait for the client here, but not for ever.
    let runtime = tokio::runtime::Handle::current();
    let send = |bytes: Vec<u8>| {
        runtime
            .block_on(tx.send_timeout(Ok(Bytes::from(bytes)), STALLED))
            .is_ok()
    };
    let mut head = Vec::new();
    match format {
        Format::Spreadsheet => {
            head.extend_from_slice("\u{feff}".as_bytes());
            head.extend(csv_row(&super::columns::headers(kind), b';'));
        }
        Format::Csv => head.extend(csv_row(&super::columns::headers(kind), b',')),
        Format::DublinCore => head.extend_from_slice(
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<records xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n",
        ),
        Format::JsonLines => {}
    }
    if !head.is_empty() && !send(head) {
        return Ok(());
    }
    let mut query = ListQuery {
        limit: PAGE,
        order: Order::Title,
        ..ListQuery::new(kind)
    };
    loop {
        let page = gate.list(&query)?;
        let n = page.items.len() as u64;
        let mut out = Vec::with_capacity(256 * page.items.len());
        for record in page.items {
            let seen = gate.seen(record)?;
            write_one(&mut out, base, site, format, seen)?;
        }
        if !out.is_empty() && !send(out) {
            return Ok(());
        }
        query.offset += PAGE;
        if n < PAGE || query.offset >= page.total {
            break;
        }
    }
    if format == Format::DublinCore {
        send(b"</records>\n".to_vec());
    }
    Ok(())
}

fn write_one(
    out: &mut Vec<u8>,
    base: &SiteBase,
    site: &str,
    format: Format,
    seen: Seen,
) -> Result<(), AppError> {
    match format {
        Format::Spreadsheet | Format::Csv => {
            let record = &seen.record.record;
            let url = base.best(&record_href(record.kind(), &record.meta.slug));
            let row = super::columns::values(record, &url);
            let delimiter = if format == Format::Csv { b',' } else { b';' };
            out.extend(csv_row(&row, delimiter));
        }
        Format::JsonLines => {
            serde_json::to_writer(&mut *out, &record_json(seen)).map_err(|e| {
                tracing::error!(error = %e, "a record could not be written as JSON");
                AppError::Internal
            })?;
            out.push(b'\n');
        }
        Format::DublinCore => {
            let mut xml = Xml::bare();
            dc::write(&mut xml, base, site, &seen).map_err(crate::seo::sitemap::xml_failed)?;
            out.extend(xml.finish().into_bytes());
        }
    }
    Ok(())
}

/// One CSV line, quoted where needed (the `csv` crate's rules).
fn csv_row(fields: &[String], delimiter: u8) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing into a Vec cannot fail.
    let _ = writer.write_record(fields);
    writer.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_say_the_kind_and_the_format() {
        assert_eq!(
            parse_file("persons.csv"),
            Some((Kind::Person, Format::Spreadsheet))
        );
        assert_eq!(
            parse_file("persons.utf8.csv"),
            Some((Kind::Person, Format::Csv))
        );
        assert_eq!(
            parse_file("interviews.jsonl"),
            Some((Kind::Interview, Format::JsonLines))
        );
        assert_eq!(
            parse_file("items.dc.xml"),
            Some((Kind::Item, Format::DublinCore))
        );
        for bad in ["persons", "tanks.csv", "persons.xlsx", ".csv"] {
            assert_eq!(parse_file(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_field_with_the_delimiter_or_a_quote_is_quoted() {
        let row = csv_row(
            &["Иванов; Пётр".into(), "сказал \"да\"".into(), "1941".into()],
            b';',
        );
        assert_eq!(
            String::from_utf8(row).unwrap(),
            "\"Иванов; Пётр\";\"сказал \"\"да\"\"\";1941\r\n"
        );
    }
}
