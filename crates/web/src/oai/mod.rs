//! OAI-PMH 2.0 at `/oai` (issue #19): libraries, archives and aggregators harvest the museum's
//! public catalogue as Dublin Core (`oai_dc`), all of it or by set — a kind of record
//! (`kind:person`) or a collection (`collection:12`) — and since a date, page by page.
//!
//! Everything goes through the gate as the anonymous visitor: a record is shown as its page
//! shows it, a withdrawn or closed one is reported `deleted` with its number and time only
//! (`gate::harvest`), a draft is never named. Datestamps are the time of a record's last change
//! in the change feed — an edit, a workflow step, a consent or a relation — so an incremental
//! harvest picks up whatever changed what the record shows.
//!
//! Identifiers are `oai:{host}:{kind}/{id}`: the record's number, never its slug (a slug holds a
//! name, and a hidden record's name must not leave the gate).

pub(crate) mod dc;
mod request;
mod token;

use crate::App;
use crate::gate::{Gate, Harvested};
use crate::seo::SiteBase;
use crate::seo::sitemap::{trusted_base, xml_failed};
use crate::seo::xml::{Xml, XmlResult};
use crate::shell::error::AppError;
use axum::Router;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use jiff::Timestamp;
use letopis_core::record::RecordId;
use letopis_core::{Body, Kind, Viewer};
use letopis_store::{HarvestQuery, ListQuery, Order};
use request::{OAI_DC, OaiError, Request, Set};
use token::Token;

const OAI_NS: &str = "http://www.openarchives.org/OAI/2.0/";
const OAI_SCHEMA: &str = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd";
/// Records per ListRecords answer: each is read with its relations, like a page.
const RECORDS_PER_ANSWER: u32 = 100;
/// Headers per ListIdentifiers answer.
const HEADERS_PER_ANSWER: u32 = 500;
/// Collections listed as sets: a town's museum has tens.
const MAX_COLLECTION_SETS: u64 = 1_000;

pub fn routes() -> Router<App> {
    Router::new().route("/oai", get(by_get).post(by_post))
}

type Args = Vec<(String, String)>;

async fn by_get(
    State(app): State<App>,
    headers: HeaderMap,
    query: Result<Query<Args>, QueryRejection>,
) -> Result<Response, AppError> {
    answer(app, headers, query.map(|q| q.0).map_err(|e| e.body_text())).await
}

/// The protocol allows POST with the arguments form-encoded, for long resumption tokens.
async fn by_post(
    State(app): State<App>,
    headers: HeaderMap,
    form: Result<Form<Args>, FormRejection>,
) -> Result<Response, AppError> {
    answer(app, headers, form.map(|f| f.0).map_err(|e| e.body_text())).await
}

async fn answer(
    app: App,
    headers: HeaderMap,
    args: Result<Args, String>,
) -> Result<Response, AppError> {
    // Absolute addresses are the protocol's: without a known site address there is no baseURL.
    let base = trusted_base(&app, &headers)?;
    let site_name = app.config().site_name.clone();
    let contact = app.config().contact_email.clone();
    let now = Timestamp::now();
    let xml = app
        .read(Viewer::anonymous(), move |gate| {
            let args = args.unwrap_or_default();
            let body = match request::parse(&args) {
                Ok(request) => Here {
                    gate,
                    base: &base,
                    site_name: &site_name,
                    contact: contact.as_deref(),
                }
                .respond(&request),
                Err(e) => Ok(Err(e)),
            };
            envelope(&base, now, &args, body)
        })
        .await?;
    Ok(([(header::CONTENT_TYPE, "text/xml; charset=utf-8")], xml).into_response())
}

/// What one answer needs to know.
struct Here<'a, 'g> {
    gate: &'a Gate<'g>,
    base: &'a SiteBase,
    site_name: &'a str,
    contact: Option<&'a str>,
}

/// An answer's body, written into the envelope once the request is known to be good.
type Body_ = Box<dyn FnOnce(&mut Xml) -> XmlResult>;

impl Here<'_, '_> {
    fn respond(&self, request: &Request) -> Result<Result<Body_, OaiError>, AppError> {
        Ok(match request {
            Request::Identify => Ok(self.identify()?),
            Request::ListMetadataFormats { identifier } => match identifier {
                Some(id) if self.find(id)?.is_none() => Err(unknown(id)),
                _ => Ok(Box::new(|xml: &mut Xml| metadata_formats(xml)) as Body_),
            },
            Request::ListSets => Ok(self.sets()?),
            Request::GetRecord { identifier } => match self.find(identifier)? {
                None => Err(unknown(identifier)),
                Some(entry) => {
                    let (base, name, host) = (
                        self.base.clone(),
                        self.site_name.to_string(),
                        host(self.base),
                    );
                    Ok(Box::new(move |xml: &mut Xml| {
                        xml.open("GetRecord", &[])?;
                        entry_xml(xml, &base, &name, &host, &entry, true, None)?;
                        xml.close("GetRecord")
                    }) as Body_)
                }
            },
            Request::List { records, token } => self.list(*records, token)?,
        })
    }

    fn identify(&self) -> Result<Body_, AppError> {
        let earliest = self.gate.first_change()?.unwrap_or_else(Timestamp::now);
        let base_url = self.base.best("/oai");
        let name = self.site_name.to_string();
        let host = host(self.base);
        let email = self
            .contact
            .map(str::to_string)
            .unwrap_or_else(|| format!("webmaster@{host}"));
        Ok(Box::new(move |xml: &mut Xml| {
            xml.open("Identify", &[])?;
            xml.text("repositoryName", &[], &name)?;
            xml.text("baseURL", &[], &base_url)?;
            xml.text("protocolVersion", &[], "2.0")?;
            xml.text("adminEmail", &[], &email)?;
            xml.text("earliestDatestamp", &[], &datestamp(earliest))?;
            // Withdrawals are reported for as long as the record stays withdrawn; a record
            // erased from the base leaves no trace, so the promise is not "persistent".
            xml.text("deletedRecord", &[], "transient")?;
            xml.text("granularity", &[], "YYYY-MM-DDThh:mm:ssZ")?;
            xml.open("description", &[])?;
            let ns = "http://www.openarchives.org/OAI/2.0/oai-identifier";
            xml.open(
                "oai-identifier",
                &[
                    ("xmlns", ns),
                    ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                    (
                        "xsi:schemaLocation",
                        &format!("{ns} http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"),
                    ),
                ],
            )?;
            xml.text("scheme", &[], "oai")?;
            xml.text("repositoryIdentifier", &[], &host)?;
            xml.text("delimiter", &[], ":")?;
            xml.text("sampleIdentifier", &[], &format!("oai:{host}:person/1"))?;
            xml.close("oai-identifier")?;
            xml.close("description")?;
            xml.close("Identify")
        }))
    }

    fn sets(&self) -> Result<Body_, AppError> {
        let mut sets: Vec<(String, String)> = Kind::ALL
            .into_iter()
            .map(|kind| (Set::Kind(kind).spec(), kind.plural_ru().to_string()))
            .collect();
        let mut query = ListQuery {
            limit: MAX_COLLECTION_SETS,
            order: Order::Title,
            ..ListQuery::new(Kind::Collection)
        };
        query.offset = 0;
        for collection in self.gate.list(&query)?.items {
            sets.push((
                Set::Collection(collection.record.id()).spec(),
                collection.record.title(),
            ));
        }
        Ok(Box::new(move |xml: &mut Xml| {
            xml.open("ListSets", &[])?;
            for (spec, name) in &sets {
                xml.open("set", &[])?;
                xml.text("setSpec", &[], spec)?;
                xml.text("setName", &[], name)?;
                xml.close("set")?;
            }
            xml.close("ListSets")
        }))
    }

    fn list(&self, records: bool, token: &Token) -> Result<Result<Body_, OaiError>, AppError> {
        let limit = if records {
            RECORDS_PER_ANSWER
        } else {
            HEADERS_PER_ANSWER
        };
        let mut query = HarvestQuery {
            kinds: Kind::ALL.to_vec(),
            only: None,
            after: token.after,
            from: token.from,
            until: token.until,
            // One more than is shown tells whether another page follows.
            limit: limit + 1,
        };
        match token.set {
            None => {}
            Some(Set::Kind(kind)) => query.kinds = vec![kind],
            Some(Set::Collection(id)) => match self.members(id)? {
                Some(members) => query.only = Some(members),
                None => return Ok(Err(no_records())),
            },
        }
        let mut entries = self.gate.harvest(&query, records)?;
        let more = entries.len() > limit as usize;
        entries.truncate(limit as usize);
        if entries.is_empty() {
            return Ok(Err(no_records()));
        }
        let next = more.then(|| Token {
            after: entries.last().map_or(token.after, |e| e.stamp().id.0),
            cursor: token.cursor + entries.len() as u64,
            ..token.clone()
        });
        let (base, name, host) = (
            self.base.clone(),
            self.site_name.to_string(),
            host(self.base),
        );
        let (set, cursor) = (token.set, token.cursor);
        Ok(Ok(Box::new(move |xml: &mut Xml| {
            let verb = if records {
                "ListRecords"
            } else {
                "ListIdentifiers"
            };
            xml.open(verb, &[])?;
            for entry in &entries {
                entry_xml(xml, &base, &name, &host, entry, records, set)?;
            }
            // The last answer of a list carries an empty token (section 3.5).
            let cursor = cursor.to_string();
            match &next {
                Some(next) => {
                    xml.text("resumptionToken", &[("cursor", &cursor)], &next.encode())?
                }
                None if cursor != "0" => xml.empty("resumptionToken", &[("cursor", &cursor)])?,
                None => {}
            }
            xml.close(verb)
        })))
    }

    /// A public collection's members, or `None` when the anonymous visitor does not see it.
    fn members(&self, id: RecordId) -> Result<Option<Vec<RecordId>>, AppError> {
        Ok(self.gate.get(id)?.and_then(|c| match c.record.body {
            Body::Collection(c) => Some(c.members),
            _ => None,
        }))
    }

    /// The entry an identifier names, if the harvest would name it.
    fn find(&self, identifier: &str) -> Result<Option<Harvested>, AppError> {
        let Some((kind, id)) = parse_identifier(identifier, &host(self.base)) else {
            return Ok(None);
        };
        let query = HarvestQuery {
            kinds: vec![kind],
            only: Some(vec![id]),
            after: 0,
            from: None,
            until: None,
            limit: 1,
        };
        Ok(self.gate.harvest(&query, true)?.into_iter().next())
    }
}

fn unknown(identifier: &str) -> OaiError {
    OaiError::new(
        "idDoesNotExist",
        format!("{identifier:?} is not an identifier of this repository"),
    )
}

fn no_records() -> OaiError {
    OaiError::new(
        "noRecordsMatch",
        "no records match: the set is empty or not public, or nothing changed in the dates given",
    )
}

/// The repository's host, the identifiers' namespace (without a port: `:` is their delimiter).
fn host(base: &SiteBase) -> String {
    let url = base.best("");
    let rest = url.split_once("://").map_or(url.as_str(), |(_, r)| r);
    let host = if rest.starts_with('[') {
        rest.split_once(']')
            .map_or(rest, |(h, _)| h)
            .trim_start_matches('[')
    } else {
        rest.split(':').next().unwrap_or(rest)
    };
    host.to_string()
}

fn identifier(host: &str, kind: Kind, id: RecordId) -> String {
    format!("oai:{host}:{}/{}", kind.code(), id.0)
}

fn parse_identifier(text: &str, host: &str) -> Option<(Kind, RecordId)> {
    let local = text
        .strip_prefix("oai:")?
        .strip_prefix(host)?
        .strip_prefix(':')?;
    let (kind, id) = local.split_once('/')?;
    let id = id
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0 && !id.starts_with('0'))?;
    Some((Kind::from_code(kind)?, RecordId(id)))
}

fn datestamp(ts: Timestamp) -> String {
    crate::seo::w3c_datetime(ts)
}

fn entry_xml(
    xml: &mut Xml,
    base: &SiteBase,
    site_name: &str,
    host: &str,
    entry: &Harvested,
    with_metadata: bool,
    set: Option<Set>,
) -> XmlResult {
    let stamp = entry.stamp();
    let deleted = matches!(entry, Harvested::Deleted(_));
    if with_metadata {
        xml.open("record", &[])?;
    }
    let status: &[(&str, &str)] = if deleted {
        &[("status", "deleted")]
    } else {
        &[]
    };
    xml.open("header", status)?;
    xml.text("identifier", &[], &identifier(host, stamp.kind, stamp.id))?;
    xml.text("datestamp", &[], &datestamp(stamp.changed))?;
    xml.text("setSpec", &[], &Set::Kind(stamp.kind).spec())?;
    if let Some(set @ Set::Collection(_)) = set {
        xml.text("setSpec", &[], &set.spec())?;
    }
    xml.close("header")?;
    if with_metadata {
        if let Harvested::Shown(_, Some(seen)) = entry {
            xml.open("metadata", &[])?;
            dc::write(xml, base, site_name, seen)?;
            xml.close("metadata")?;
        }
        xml.close("record")?;
    }
    Ok(())
}

fn metadata_formats(xml: &mut Xml) -> XmlResult {
    xml.open("ListMetadataFormats", &[])?;
    xml.open("metadataFormat", &[])?;
    xml.text("metadataPrefix", &[], OAI_DC)?;
    xml.text("schema", &[], dc::SCHEMA)?;
    xml.text("metadataNamespace", &[], dc::NAMESPACE)?;
    xml.close("metadataFormat")?;
    xml.close("ListMetadataFormats")
}

/// The response around the answer: `responseDate`, the request echoed, then the answer or the
/// error.
fn envelope(
    base: &SiteBase,
    now: Timestamp,
    args: &[(String, String)],
    body: Result<Result<Body_, OaiError>, AppError>,
) -> Result<String, AppError> {
    let body = body?;
    let write = || -> Result<String, std::io::Error> {
        let mut xml = Xml::new(64 * 1024)?;
        xml.open(
            "OAI-PMH",
            &[
                ("xmlns", OAI_NS),
                ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                ("xsi:schemaLocation", &format!("{OAI_NS} {OAI_SCHEMA}")),
            ],
        )?;
        xml.text("responseDate", &[], &datestamp(now))?;
        let echo = match &body {
            Ok(_) => true,
            Err(e) => e.echoes_arguments(),
        };
        let attributes: Vec<(&str, &str)> = if echo {
            args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
        } else {
            Vec::new()
        };
        xml.text("request", &attributes, &base.best("/oai"))?;
        match body {
            Ok(write) => write(&mut xml)?,
            Err(e) => xml.text("error", &[("code", e.code)], &e.message)?,
        }
        xml.close("OAI-PMH")?;
        Ok(xml.finish())
    };
    write().map_err(xml_failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_name_the_kind_and_number_in_this_repository() {
        let id = identifier("letopis.example.ru", Kind::Person, RecordId(42));
        assert_eq!(id, "oai:letopis.example.ru:person/42");
        assert_eq!(
            parse_identifier(&id, "letopis.example.ru"),
            Some((Kind::Person, RecordId(42)))
        );
        for bad in [
            "oai:other.ru:person/42",
            "oai:letopis.example.ru:person/042",
            "oai:letopis.example.ru:person/0",
            "oai:letopis.example.ru:tank/1",
            "oai:letopis.example.ru:person/ivanov",
            "letopis.example.ru:person/1",
        ] {
            assert_eq!(parse_identifier(bad, "letopis.example.ru"), None, "{bad}");
        }
    }
}
