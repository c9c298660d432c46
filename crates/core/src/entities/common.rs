//! Small types several kinds share.

use crate::edtf::Edtf;
use crate::record::RecordId;
use serde::{Deserialize, Serialize};

/// A media file shown by a record: the content hash of the stored original plus its caption.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MediaRef {
    pub sha256: String,
    pub mime: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Text alternative for people who cannot see the image (ГОСТ Р 52872-2019).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
}

impl MediaRef {
    /// Which file this is and nothing more: what another record stores when it shows the file.
    pub fn reference(media: &MediaRef) -> MediaRef {
        MediaRef {
            sha256: media.sha256.clone(),
            mime: media.mime.clone(),
            caption: None,
            alt: None,
            width: None,
            height: None,
        }
    }
}

/// Where a statement comes from: a Source record and/or free text as found in a spreadsheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Citation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<RecordId>,
    pub text: String,
    /// Sheet, page, timecode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
}

/// A name a place or an organisation had during some period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoricName {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Edtf>,
}

/// The national memorial databases a record can point to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExternalDb {
    /// ОБД «Мемориал».
    Memorial,
    /// «Память народа».
    PamyatNaroda,
    /// «Подвиг народа».
    PodvigNaroda,
}

impl ExternalDb {
    pub fn label_ru(self) -> &'static str {
        match self {
            ExternalDb::Memorial => "ОБД «Мемориал»",
            ExternalDb::PamyatNaroda => "«Память народа»",
            ExternalDb::PodvigNaroda => "«Подвиг народа»",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExternalRef {
    pub db: ExternalDb,
    pub record: String,
}
