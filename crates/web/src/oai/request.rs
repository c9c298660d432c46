//! An OAI-PMH request's arguments, checked as the protocol says (OAI-PMH 2.0, section 3.1 and
//! the per-verb sections): every error the protocol names for a bad request is found here,
//! before anything is read.

use super::token::Token;
use jiff::Timestamp;
use jiff::civil::Date;
use letopis_core::Kind;
use letopis_core::record::RecordId;

/// The only metadata format served: unqualified Dublin Core, which every harvester reads.
pub const OAI_DC: &str = "oai_dc";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    Identify,
    ListMetadataFormats {
        identifier: Option<String>,
    },
    ListSets,
    GetRecord {
        identifier: String,
    },
    /// ListIdentifiers (`records: false`) or ListRecords.
    List {
        records: bool,
        token: Token,
    },
}

/// An error the protocol names, with a message for the person reading the harvester's log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OaiError {
    pub code: &'static str,
    pub message: String,
}

impl OaiError {
    pub fn new(code: &'static str, message: impl Into<String>) -> OaiError {
        OaiError {
            code,
            message: message.into(),
        }
    }

    fn bad(message: impl Into<String>) -> OaiError {
        OaiError::new("badArgument", message)
    }

    /// `badVerb` and `badArgument` answers echo no arguments (section 3.2).
    pub fn echoes_arguments(&self) -> bool {
        !matches!(self.code, "badVerb" | "badArgument")
    }
}

/// The arguments as they came, in order: a repeated one is an error the protocol names.
pub fn parse(pairs: &[(String, String)]) -> Result<Request, OaiError> {
    let mut seen: Vec<&str> = Vec::new();
    for (name, _) in pairs {
        if seen.contains(&name.as_str()) {
            return Err(if name == "verb" {
                OaiError::new("badVerb", "the verb is given more than once")
            } else {
                OaiError::bad(format!("the argument {name} is given more than once"))
            });
        }
        seen.push(name);
    }
    let arg = |name: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let verb = arg("verb").ok_or_else(|| OaiError::new("badVerb", "no verb is given"))?;
    let allowed: &[&str] = match verb {
        "Identify" | "ListSets" => &["resumptionToken"],
        "ListMetadataFormats" => &["identifier"],
        "GetRecord" => &["identifier", "metadataPrefix"],
        "ListIdentifiers" | "ListRecords" => {
            &["metadataPrefix", "from", "until", "set", "resumptionToken"]
        }
        other => {
            return Err(OaiError::new(
                "badVerb",
                format!("{other:?} is not an OAI-PMH verb"),
            ));
        }
    };
    if let Some((name, _)) = pairs
        .iter()
        .find(|(n, _)| n != "verb" && !allowed.contains(&n.as_str()))
    {
        return Err(OaiError::bad(format!("{verb} takes no argument {name}")));
    }
    match verb {
        "Identify" => {
            if arg("resumptionToken").is_some() {
                return Err(OaiError::bad("Identify takes no arguments"));
            }
            Ok(Request::Identify)
        }
        // The sets fit in one answer, so no token was ever given out.
        "ListSets" => match arg("resumptionToken") {
            Some(_) => Err(OaiError::new(
                "badResumptionToken",
                "the list of sets is never split, so no resumption token is valid",
            )),
            None => Ok(Request::ListSets),
        },
        "ListMetadataFormats" => Ok(Request::ListMetadataFormats {
            identifier: arg("identifier").map(str::to_string),
        }),
        "GetRecord" => {
            let identifier =
                arg("identifier").ok_or_else(|| OaiError::bad("GetRecord needs an identifier"))?;
            let prefix = arg("metadataPrefix")
                .ok_or_else(|| OaiError::bad("GetRecord needs a metadataPrefix"))?;
            format(prefix)?;
            Ok(Request::GetRecord {
                identifier: identifier.to_string(),
            })
        }
        _ => {
            let records = verb == "ListRecords";
            if let Some(text) = arg("resumptionToken") {
                if pairs.len() > 2 {
                    return Err(OaiError::bad(
                        "a resumptionToken is an exclusive argument: give it alone with the verb",
                    ));
                }
                let token = Token::decode(text).ok_or_else(|| {
                    OaiError::new(
                        "badResumptionToken",
                        "the resumption token is not one this repository gave out; start the list again",
                    )
                })?;
                return Ok(Request::List { records, token });
            }
            let prefix = arg("metadataPrefix")
                .ok_or_else(|| OaiError::bad(format!("{verb} needs a metadataPrefix")))?;
            format(prefix)?;
            let from = arg("from").map(|t| datestamp(t, false)).transpose()?;
            let until = arg("until").map(|t| datestamp(t, true)).transpose()?;
            if let (Some((from, fine_from)), Some((until, fine_until))) = (from, until) {
                if fine_from != fine_until {
                    return Err(OaiError::bad(
                        "from and until must have the same granularity",
                    ));
                }
                if from > until {
                    return Err(OaiError::bad("from is later than until"));
                }
            }
            let set = arg("set").map(Set::parse).transpose()?;
            Ok(Request::List {
                records,
                token: Token {
                    set,
                    from: from.map(|(t, _)| t),
                    until: until.map(|(t, _)| t),
                    after: 0,
                    cursor: 0,
                },
            })
        }
    }
}

fn format(prefix: &str) -> Result<(), OaiError> {
    if prefix == OAI_DC {
        Ok(())
    } else {
        Err(OaiError::new(
            "cannotDisseminateFormat",
            format!("the only metadata format is {OAI_DC}, not {prefix:?}"),
        ))
    }
}

/// A `from` or `until` in either granularity the repository supports, and whether it had the
/// finer one. A day as `until` means its end.
fn datestamp(text: &str, until: bool) -> Result<(Timestamp, bool), OaiError> {
    let bad = || {
        OaiError::bad(format!(
            "{text:?} is not a UTC datestamp: write YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ"
        ))
    };
    if text.len() == 10 {
        let day: Date = text.parse().map_err(|_| bad())?;
        let time = if until {
            jiff::civil::time(23, 59, 59, 0)
        } else {
            jiff::civil::time(0, 0, 0, 0)
        };
        let ts = day
            .to_datetime(time)
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .map_err(|_| bad())?
            .timestamp();
        return Ok((ts, false));
    }
    if text.len() == 20 && text.ends_with('Z') {
        let ts: Timestamp = text.parse().map_err(|_| bad())?;
        return Ok((ts, true));
    }
    Err(bad())
}

/// The sets: one per kind of record (`kind:person`), one per collection (`collection:12`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Set {
    Kind(Kind),
    Collection(RecordId),
}

impl Set {
    pub fn spec(self) -> String {
        match self {
            Set::Kind(kind) => format!("kind:{}", kind.code()),
            Set::Collection(id) => format!("collection:{}", id.0),
        }
    }

    /// A set spec that names no set of this repository is `badArgument`; a collection that
    /// is not public is simply empty (`noRecordsMatch`), as if it did not exist.
    pub fn parse(spec: &str) -> Result<Set, OaiError> {
        let unknown = || {
            OaiError::bad(format!(
                "{spec:?} is not a set of this repository: ListSets names them"
            ))
        };
        match spec.split_once(':') {
            Some(("kind", code)) => Kind::from_code(code).map(Set::Kind).ok_or_else(unknown),
            Some(("collection", id)) => id
                .parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .map(|id| Set::Collection(RecordId(id)))
                .ok_or_else(unknown),
            _ => Err(unknown()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<(String, String)> {
        text.split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (k.to_string(), v.to_string())
            })
            .collect()
    }

    fn code(text: &str) -> &'static str {
        parse(&args(text)).expect_err(text).code
    }

    #[test]
    fn each_verb_takes_its_own_arguments() {
        assert_eq!(parse(&args("verb=Identify")), Ok(Request::Identify));
        assert_eq!(code(""), "badVerb");
        assert_eq!(code("verb=Harvest"), "badVerb");
        assert_eq!(code("verb=Identify&verb=Identify"), "badVerb");
        assert_eq!(code("verb=Identify&set=kind:person"), "badArgument");
        assert_eq!(code("verb=GetRecord&identifier=x"), "badArgument");
        assert_eq!(
            code("verb=GetRecord&identifier=x&metadataPrefix=marc21"),
            "cannotDisseminateFormat"
        );
        assert_eq!(code("verb=ListRecords"), "badArgument");
        assert_eq!(
            code("verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc"),
            "badArgument"
        );
        assert_eq!(
            code("verb=ListSets&resumptionToken=x"),
            "badResumptionToken"
        );
        assert_eq!(
            code("verb=ListIdentifiers&resumptionToken=zz"),
            "badResumptionToken"
        );
    }

    #[test]
    fn a_resumption_token_is_exclusive() {
        let token = Token {
            set: None,
            from: None,
            until: None,
            after: 10,
            cursor: 10,
        }
        .encode();
        assert!(matches!(
            parse(&args(&format!("verb=ListRecords&resumptionToken={token}"))),
            Ok(Request::List { records: true, .. })
        ));
        assert_eq!(
            code(&format!(
                "verb=ListRecords&resumptionToken={token}&metadataPrefix=oai_dc"
            )),
            "badArgument"
        );
    }

    #[test]
    fn dates_are_utc_in_one_granularity() {
        let list = |extra: &str| {
            parse(&args(&format!(
                "verb=ListRecords&metadataPrefix=oai_dc{extra}"
            )))
        };
        let Ok(Request::List { token, .. }) = list("&from=2025-05-09&until=2025-05-09") else {
            panic!("a day as from and until is one day");
        };
        assert_eq!(
            token.from.map(|t| t.to_string()).as_deref(),
            Some("2025-05-09T00:00:00Z")
        );
        assert_eq!(
            token.until.map(|t| t.to_string()).as_deref(),
            Some("2025-05-09T23:59:59Z")
        );
        assert!(list("&from=2025-05-09T10:00:00Z").is_ok());
        for bad in [
            "&from=2025-05-09&until=2025-05-10T00:00:00Z",
            "&from=2025-05-10&until=2025-05-09",
            "&from=09.05.2025",
            "&from=2025-05-09T10:00:00+03:00",
            "&until=2025-13-01",
            "&set=kind:tank",
            "&set=collection:x",
            "&set=persons",
        ] {
            assert_eq!(list(bad).map_err(|e| e.code), Err("badArgument"), "{bad}");
        }
        let Ok(Request::List { token, .. }) = list("&set=collection:7") else {
            panic!("a collection set");
        };
        assert_eq!(token.set, Some(Set::Collection(RecordId(7))));
    }
}
