//! Resumption tokens: where a list stopped and what it selects, in the token itself, so the
//! server keeps nothing per harvester and a token stays good across restarts and nodes. The
//! list walks records by id, so records written between two pages neither repeat nor shift the
//! rest; one changed meanwhile is harvested again by the next incremental harvest.
//!
//! The form is plain and URL-safe (`1200.100.kind-person.-.1746784800`): a harvester that
//! forgets to encode it still sends it back whole. A forged one selects only what a fresh
//! request could select.

use super::request::Set;
use jiff::Timestamp;
use letopis_core::Kind;
use letopis_core::record::RecordId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub set: Option<Set>,
    pub from: Option<Timestamp>,
    pub until: Option<Timestamp>,
    /// The last record id of the page before.
    pub after: i64,
    /// How many entries the pages before held (the protocol's `cursor`).
    pub cursor: u64,
}

impl Token {
    pub fn encode(&self) -> String {
        let set = match self.set {
            None => "-".to_string(),
            Some(Set::Kind(kind)) => format!("kind-{}", kind.code()),
            Some(Set::Collection(id)) => format!("collection-{}", id.0),
        };
        let time = |t: Option<Timestamp>| t.map_or("-".to_string(), |t| t.as_second().to_string());
        format!(
            "{}.{}.{set}.{}.{}",
            self.after,
            self.cursor,
            time(self.from),
            time(self.until)
        )
    }

    pub fn decode(text: &str) -> Option<Token> {
        let mut parts = text.split('.');
        let after = parts.next()?.parse::<i64>().ok().filter(|n| *n >= 0)?;
        let cursor = parts.next()?.parse::<u64>().ok()?;
        let set = match parts.next()? {
            "-" => None,
            spec => Some(match spec.split_once('-')? {
                ("kind", code) => Set::Kind(Kind::from_code(code)?),
                ("collection", id) => {
                    Set::Collection(RecordId(id.parse::<i64>().ok().filter(|n| *n > 0)?))
                }
                _ => return None,
            }),
        };
        let time = |part: Option<&str>| -> Option<Option<Timestamp>> {
            match part? {
                "-" => Some(None),
                secs => Some(Some(Timestamp::from_second(secs.parse().ok()?).ok()?)),
            }
        };
        let from = time(parts.next())?;
        let until = time(parts.next())?;
        if parts.next().is_some() {
            return None;
        }
        Some(Token {
            set,
            from,
            until,
            after,
            cursor,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_comes_back_as_it_went() {
        let token = Token {
            set: Some(Set::Collection(RecordId(12))),
            from: Some("2025-05-09T00:00:00Z".parse().expect("time")),
            until: None,
            after: 1200,
            cursor: 100,
        };
        let text = token.encode();
        assert_eq!(text, "1200.100.collection-12.1746748800.-");
        assert_eq!(Token::decode(&text), Some(token));
        let kind = Token {
            set: Some(Set::Kind(Kind::Person)),
            from: None,
            until: None,
            after: 0,
            cursor: 0,
        };
        assert_eq!(Token::decode(&kind.encode()), Some(kind));
    }

    #[test]
    fn anything_else_is_refused() {
        for bad in [
            "",
            "x",
            "1.2.-.-",
            "1.2.-.-.-.-",
            "-1.0.-.-.-",
            "1.0.kind-tank.-.-",
            "1.0.collection-0.-.-",
            "1.0.-.soon.-",
            "1.0.-.99999999999999999.-",
        ] {
            assert_eq!(Token::decode(bad), None, "{bad}");
        }
    }
}
