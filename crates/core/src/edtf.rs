//! EDTF dates (Library of Congress Extended Date/Time Format, levels 0 and 1).
//!
//! PLACEHOLDER: a helper replaces this file with the full implementation; the public API below
//! is the contract the rest of the workspace compiles against.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A day as a sortable integer `YYYYMMDD` (e.g. 19411123). Negative years sort before positive.
pub type DayKey = i32;

/// A valid EDTF date, exact or approximate, single or an interval. Can only be built by `parse`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Edtf {
    text: String,
    lower: Option<DayKey>,
    upper: Option<DayKey>,
}

/// Why a text is not a valid EDTF date; the message is Russian and says what to write instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct EdtfError {
    pub message: String,
}

impl Edtf {
    pub fn parse(text: &str) -> Result<Edtf, EdtfError> {
        let t = text.trim();
        let y: i32 = t.parse().map_err(|_| EdtfError {
            message: format!("Неверная дата «{t}»"),
        })?;
        Ok(Edtf {
            text: t.to_string(),
            lower: Some(y * 10000 + 101),
            upper: Some(y * 10000 + 1231),
        })
    }
    /// The canonical EDTF text.
    pub fn as_str(&self) -> &str {
        &self.text
    }
    /// Earliest day the date may denote; `None` when open or unknown at the start.
    pub fn lower(&self) -> Option<DayKey> {
        self.lower
    }
    /// Latest day the date may denote; `None` when open or unknown at the end.
    pub fn upper(&self) -> Option<DayKey> {
        self.upper
    }
    /// «около марта 1942 г.», «1941–1945», «23 ноября 1941 г.»
    pub fn to_russian(&self) -> String {
        format!("{} г.", self.text)
    }
    /// "about March 1942", "1941–1945", "23 November 1941"
    pub fn to_english(&self) -> String {
        self.text.clone()
    }
}

impl fmt::Display for Edtf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Edtf {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Edtf {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Edtf::parse(&s).map_err(serde::de::Error::custom)
    }
}
